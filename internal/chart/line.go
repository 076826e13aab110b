package chart

import (
	"html"
	"io"
	"math"
	"strconv"
	"strings"
)

// YearValue is one point of a trend.
type YearValue struct {
	Year  int
	Value float64
}

// Trend is a line chart of one figure over the years held.
type Trend struct {
	ID       string
	Title    string
	Desc     string
	Unit     string
	Decimals int
	Points   []YearValue // in year order
}

// Line writes the trend as a line chart with a marker and the number at
// every year.
func (c Trend) Line(w io.Writer) error {
	const (
		width  = chartWidth
		height = 220.0
		left   = 56.0
		right  = 30.0
		top    = 24.0
		bottom = 30.0
	)
	s := newSVG(w)
	s.open(c.ID, c.Title, c.Desc, width, height)
	m := 0.0
	for _, p := range c.Points {
		m = math.Max(m, p.Value)
	}
	hi := niceMax(m)
	plotH := height - top - bottom
	valueAxis(s, left, width-right, top, plotH, hi)
	n := len(c.Points)
	step := 0.0
	if n > 1 {
		step = (width - left - right - 20) / float64(n-1)
	}
	xy := func(i int) (float64, float64) {
		x := left + 10 + step*float64(i)
		if n == 1 {
			x = (left + width - right) / 2
		}
		return x, top + plotH - math.Max(c.Points[i].Value, 0)/hi*plotH
	}
	if n > 1 {
		var d strings.Builder
		for i := range c.Points {
			x, y := xy(i)
			if i == 0 {
				d.WriteString("M")
			} else {
				d.WriteString("L")
			}
			d.WriteString(num(x) + " " + num(y))
		}
		s.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5"/>`, d.String(), ink)
	}
	e := html.EscapeString
	for i, p := range c.Points {
		x, y := xy(i)
		year := strconv.Itoa(p.Year)
		s.printf(`<g><title>%s: %s</title>`, year, e(withUnit(p.Value, c.Decimals, c.Unit)))
		s.printf(`<circle cx="%s" cy="%s" r="4" fill="%s"/>`, num(x), num(y), ink)
		s.printf(`<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>`, num(x), num(y-8), label, e(Number(p.Value, c.Decimals)))
		s.printf(`<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text></g>`, num(x), num(height-bottom+18), label, year)
	}
	return s.close()
}

// Table returns the trend as a table of year and value.
func (c Trend) Table() Table {
	t := Table{Caption: c.Title, Columns: []string{"Tahun", valueHeading(c.Unit)}}
	for _, p := range c.Points {
		t.Rows = append(t.Rows, []string{strconv.Itoa(p.Year), Number(p.Value, c.Decimals)})
	}
	return t
}
