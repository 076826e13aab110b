package chart

import (
	"html"
	"io"
	"math"
)

// Horizontal writes the bars as a horizontal bar chart: one row per bar,
// its label on the left and its value at the end of the bar. It suits long
// labels such as kecamatan names. Negative values draw as empty bars; the
// number still shows.
func (c Bars) Horizontal(w io.Writer) error {
	const (
		width  = chartWidth
		labelW = 150.0
		valueW = 70.0
		rowH   = 26.0
		barH   = 18.0
		top    = 6.0
	)
	height := top*2 + rowH*float64(max(len(c.Bars), 1))
	s := newSVG(w)
	s.open(c.ID, c.Title, c.Desc, width, height)
	top2 := maxValue(c.Bars)
	span := width - labelW - valueW
	e := html.EscapeString
	for i, b := range c.Bars {
		y := top + rowH*float64(i)
		l := math.Max(b.Value, 0) / top2 * span
		text := withUnit(b.Value, c.Decimals, c.Unit)
		s.printf(`<g><title>%s: %s</title>`, e(b.Label), e(text))
		s.printf(`<text x="%s" y="%s" text-anchor="end" fill="%s">%s</text>`, num(labelW-6), num(y+barH-5), label, e(shorten(b.Label, 22)))
		s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, num(labelW), num(y), num(l), num(barH), ink)
		s.printf(`<text x="%s" y="%s" fill="%s">%s</text></g>`, num(labelW+l+4), num(y+barH-5), label, e(Number(b.Value, c.Decimals)))
	}
	s.printf(`<path d="M%s %sV%s" stroke="%s"/>`, num(labelW), num(top/2), num(height-top/2), axis)
	return s.close()
}

// Columns writes the bars as a vertical column chart with a value axis,
// for a few categories with short labels (size classes, years).
func (c Bars) Columns(w io.Writer) error {
	const (
		width  = chartWidth
		height = 240.0
		left   = 56.0
		right  = 10.0
		top    = 20.0
		bottom = 40.0
	)
	s := newSVG(w)
	s.open(c.ID, c.Title, c.Desc, width, height)
	hi := niceMax(maxValue(c.Bars))
	plotH := height - top - bottom
	valueAxis(s, left, width-right, top, plotH, hi)
	n := float64(max(len(c.Bars), 1))
	slot := (width - left - right) / n
	barW := slot * 0.7
	e := html.EscapeString
	for i, b := range c.Bars {
		h := math.Max(b.Value, 0) / hi * plotH
		x := left + slot*float64(i) + (slot-barW)/2
		y := top + plotH - h
		s.printf(`<g><title>%s: %s</title>`, e(b.Label), e(withUnit(b.Value, c.Decimals, c.Unit)))
		s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, num(x), num(y), num(barW), num(h), ink)
		s.printf(`<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>`, num(x+barW/2), num(y-4), label, e(Number(b.Value, c.Decimals)))
		s.printf(`<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text></g>`, num(x+barW/2), num(height-bottom+16), label, e(shorten(b.Label, int(slot/7)+1)))
	}
	return s.close()
}

// valueAxis draws four grid lines with their numbers from 0 to hi and the
// base line.
func valueAxis(s *svg, left, right, top, plotH, hi float64) {
	for i := 0; i <= 4; i++ {
		v := hi * float64(i) / 4
		y := top + plotH - plotH*float64(i)/4
		colour := grid
		if i == 0 {
			colour = axis
		}
		s.printf(`<path d="M%s %sH%s" stroke="%s"/>`, num(left), num(y), num(right), colour)
		// Axis steps are a quarter of a round number: whole numbers
		// from 4 up, one decimal below.
		d := 0
		if hi < 4 {
			d = 1
		}
		s.printf(`<text x="%s" y="%s" text-anchor="end" fill="%s">%s</text>`, num(left-6), num(y+4), axis, html.EscapeString(Number(v, d)))
	}
}

// maxValue is the largest value of bars, or 1 when none is positive, so
// that bar lengths never divide by zero.
func maxValue(bars []Bar) float64 {
	m := 0.0
	for _, b := range bars {
		m = math.Max(m, b.Value)
	}
	if m <= 0 {
		return 1
	}
	return m
}
