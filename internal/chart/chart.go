// Package chart draws server-rendered SVG charts for dashboards and maps:
// horizontal bars, columns, a line over years and a choropleth. Every chart
// is an accessible image (role="img" with <title> and <desc>), sized by its
// viewBox so it scales to a phone, holds no script and no outside resource,
// and has a companion Table for screen readers and printing. Numbers are
// written the Indonesian way (1.234,5).
package chart

import (
	"bufio"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
)

// Bar is one labelled value of a bar or column chart.
type Bar struct {
	Label string
	Value float64
}

// Bars is a bar or column chart: a title, a description for screen
// readers, the unit shown after numbers, and the bars in the order drawn.
type Bars struct {
	// ID, if set, prefixes the ids of the title and description so that
	// several charts on one page stay distinct for aria-labelledby.
	ID       string
	Title    string
	Desc     string
	Unit     string
	Decimals int
	Bars     []Bar
}

// Number writes v the Indonesian way: a dot between thousands and a comma
// before the decimals, e.g. Number(1234.5, 1) is "1.234,5".
func Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// withUnit is a number followed by its unit, if there is one.
func withUnit(v float64, decimals int, unit string) string {
	if unit == "" {
		return Number(v, decimals)
	}
	return Number(v, decimals) + " " + unit
}

// Table is the companion of a chart: the same figures as rows of text, for
// screen readers, printing and copying.
type Table struct {
	Caption string
	Columns []string
	Rows    [][]string
}

// WriteHTML writes t as an HTML <table> with a caption and header cells
// scoped to their columns; every cell after the first is right-aligned
// through the class "num" the page's stylesheet may use.
func (t Table) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	e := html.EscapeString
	fmt.Fprintf(bw, "<table class=\"chart-table\"><caption>%s</caption><thead><tr>", e(t.Caption))
	for _, c := range t.Columns {
		fmt.Fprintf(bw, "<th scope=\"col\">%s</th>", e(c))
	}
	bw.WriteString("</tr></thead><tbody>")
	for _, r := range t.Rows {
		bw.WriteString("<tr>")
		for i, c := range r {
			if i == 0 {
				fmt.Fprintf(bw, "<th scope=\"row\">%s</th>", e(c))
			} else {
				fmt.Fprintf(bw, "<td class=\"num\">%s</td>", e(c))
			}
		}
		bw.WriteString("</tr>")
	}
	bw.WriteString("</tbody></table>\n")
	return bw.Flush()
}

// Table returns the bars as a two-column table: label and value.
func (c Bars) Table() Table {
	t := Table{Caption: c.Title, Columns: []string{"", valueHeading(c.Unit)}}
	for _, b := range c.Bars {
		t.Rows = append(t.Rows, []string{b.Label, Number(b.Value, c.Decimals)})
	}
	return t
}

func valueHeading(unit string) string {
	if unit == "" {
		return "Nilai"
	}
	return "Nilai (" + unit + ")"
}

// svg is a small writer of SVG text that remembers its first error.
type svg struct {
	w   *bufio.Writer
	err error
}

func newSVG(w io.Writer) *svg { return &svg{w: bufio.NewWriter(w)} }

func (s *svg) printf(format string, args ...any) {
	if s.err == nil {
		_, s.err = fmt.Fprintf(s.w, format, args...)
	}
}

// open writes the <svg> element with its title and description.
func (s *svg) open(id, title, desc string, width, height float64) {
	e := html.EscapeString
	label := ""
	if id != "" {
		label = fmt.Sprintf(` aria-labelledby="%s-t %s-d"`, e(id), e(id))
	}
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="100%%" role="img"%s font-family="sans-serif" font-size="12">`,
		num(width), num(height), label)
	idAttr := func(suffix string) string {
		if id == "" {
			return ""
		}
		return fmt.Sprintf(` id="%s-%s"`, e(id), suffix)
	}
	s.printf("<title%s>%s</title><desc%s>%s</desc>", idAttr("t"), e(title), idAttr("d"), e(desc))
}

func (s *svg) close() error {
	s.printf("</svg>\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// num writes a coordinate with at most one decimal, without a trailing ".0".
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// niceMax is the smallest 1, 2 or 5 times a power of ten at or above v,
// so that axes end on a round number.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// shorten cuts a label to n runes with an ellipsis; the full label stays
// in the element's <title> and in the table.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// chartWidth is the width of the bar, column and line charts in SVG
// units. Their text is 12 units high; drawn 440 wide, a chart that fills a
// 360-390 px phone keeps its text near 10 px, where 600 made it 7 px.
const chartWidth = 440.0

// The colours: a dark blue with good contrast on white for bars and
// lines, grey for axes and grid.
const (
	ink   = "#1f4e79"
	axis  = "#666"
	grid  = "#ddd"
	label = "#222"
)

// HTML runs render into a buffer and returns its output as trusted HTML
// for a template, so that a page can write {{.Chart}} inline; the charts
// escape every text they write. A failed render returns the error and no
// half-written chart.
func HTML(render func(io.Writer) error) (template.HTML, error) {
	var b strings.Builder
	if err := render(&b); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}
