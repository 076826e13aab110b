package chart

import (
	"cmp"
	"html"
	"io"
	"math"
	"slices"
	"strconv"
)

// Area is one region of a map: its code, its name and its outline as
// rings of points already projected to the map's pixel space (x right,
// y down). A region with islands or holes has several rings; they are
// drawn with the even-odd rule.
type Area struct {
	Code  string
	Name  string
	Rings [][][2]float64
}

// Classing is how values are cut into the five classes of a choropleth.
type Classing int

// The ways to class values.
const (
	// Quantile puts about as many regions in each class.
	Quantile Classing = iota
	// EqualInterval cuts the range from the smallest to the largest value
	// into equal steps.
	EqualInterval
)

// Palette is the five-step sequential palette of the choropleth, light to
// dark (ColorBrewer YlGnBu): readable with the common colour-vision
// deficiencies and in greyscale print, dark enough at the top for the
// white region borders to show.
var Palette = [5]string{"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"}

// Choropleth is a map of one figure per region.
type Choropleth struct {
	ID       string
	Title    string
	Desc     string
	Unit     string
	Decimals int
	// Width and Height are the size of the projected Areas.
	Width, Height float64
	Areas         []Area
	// Values holds the figure per region code; a region without an
	// entry is hatched and counted as NoData.
	Values   map[string]float64
	Classing Classing
	// NoData names regions without a value; "tidak ada data" if empty.
	NoData string
	// Credit is the source line written under the legend.
	Credit string
	// Points are places drawn over the regions (businesses with
	// coordinates), already projected; PointsLabel names them in the
	// legend, "lokasi usaha" if empty. The caller decides who may see
	// them: a point is an address.
	Points      []Marker
	PointsLabel string
}

// Marker is a point on a map with the text shown on hover.
type Marker struct {
	X, Y  float64
	Label string
}

// pointFill is the colour of markers: orange, apart from the blue-green
// palette for every common colour-vision deficiency.
const pointFill = "#e66101"

// Breaks returns the upper bounds of the classes for the map's values
// (at most five, fewer when there are fewer distinct values); a value v
// is in the first class whose bound is at or above v.
func (c Choropleth) Breaks() []float64 {
	var vs []float64
	for _, v := range c.Values {
		if !math.IsNaN(v) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return nil
	}
	slices.Sort(vs)
	distinct := slices.Compact(slices.Clone(vs))
	n := min(len(Palette), len(distinct))
	if n == len(distinct) {
		return distinct
	}
	var b []float64
	for i := 1; i <= n; i++ {
		var v float64
		if c.Classing == EqualInterval {
			v = vs[0] + (vs[len(vs)-1]-vs[0])*float64(i)/float64(n)
		} else {
			v = vs[(len(vs)*i+n-1)/n-1]
		}
		if len(b) == 0 || v > b[len(b)-1] {
			b = append(b, v)
		}
	}
	b[len(b)-1] = vs[len(vs)-1]
	return b
}

// class returns the index of the class of v among breaks.
func class(breaks []float64, v float64) int {
	i, _ := slices.BinarySearch(breaks, v)
	return min(i, len(breaks)-1)
}

// colours returns the palette steps used for n classes, spread over the
// whole palette so that two classes are still light and dark.
func colours(n int) []string {
	if n <= 1 {
		return []string{Palette[2]}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = Palette[i*(len(Palette)-1)/(n-1)]
	}
	return out
}

// Render writes the map: a path per area filled by its class with a
// <title> naming the region and its number, then a legend of the classes
// and "tidak ada data", then the credit line.
func (c Choropleth) Render(w io.Writer) error {
	const legendRow = 20.0
	noData := cmp.Or(c.NoData, "tidak ada data")
	breaks := c.Breaks()
	fills := colours(len(breaks))
	legendH := legendRow*float64(len(breaks)+1) + 10
	if c.Credit != "" {
		legendH += legendRow
	}
	if len(c.Points) > 0 {
		legendH += legendRow
	}
	height := c.Height + legendH
	s := newSVG(w)
	s.open(c.ID, c.Title, c.Desc, c.Width, height)
	e := html.EscapeString
	// Ids inside the SVG are page-wide: prefix them with the chart's id.
	prefix := e(cmp.Or(c.ID, "peta"))
	noDataFill := "url(#" + prefix + "-nodata)"
	// The hatching for regions without data: grey lines on light grey, so
	// that it differs from every class also in greyscale.
	s.printf(`<defs><pattern id="%s-nodata" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eee"/><path d="M0 0V6" stroke="#888" stroke-width="2"/></pattern></defs>`, prefix)
	// The outline: the same regions drawn first through <use> with a wide
	// dark stroke, then themselves with thin white borders on top, so only
	// the outer edge of the dark stroke shows. No path data is repeated.
	s.printf(`<use href="#%s-areas" stroke="#444" stroke-width="2"/>`, prefix)
	s.printf(`<g stroke="#fff" stroke-width="0.6"><g id="%s-areas" stroke-linejoin="round" fill-rule="evenodd">`, prefix)
	for _, a := range c.Areas {
		fill, text := noDataFill, noData
		if v, ok := c.Values[a.Code]; ok && len(breaks) > 0 {
			fill, text = fills[class(breaks, v)], withUnit(v, c.Decimals, c.Unit)
		}
		s.printf(`<path d="%s" fill="%s"><title>%s: %s</title></path>`, pathData(a.Rings), fill, e(a.Name), e(text))
	}
	s.printf(`</g></g>`)
	if len(c.Points) > 0 {
		s.printf(`<g fill="%s" stroke="#fff" stroke-width="0.8">`, pointFill)
		for _, p := range c.Points {
			s.printf(`<circle cx="%s" cy="%s" r="3"><title>%s</title></circle>`, num(p.X), num(p.Y), e(p.Label))
		}
		s.printf(`</g>`)
	}
	s.printf(`<g font-size="12" fill="%s">`, label)
	y := c.Height + 10
	for i, text := range c.legend(breaks) {
		s.printf(`<rect x="4" y="%s" width="24" height="14" fill="%s" stroke="#666" stroke-width="0.5"/><text x="34" y="%s">%s</text>`,
			num(y), fills[i], num(y+11), e(text))
		y += legendRow
	}
	s.printf(`<rect x="4" y="%s" width="24" height="14" fill="%s" stroke="#666" stroke-width="0.5"/><text x="34" y="%s">%s</text>`,
		num(y), noDataFill, num(y+11), e(noData))
	if len(c.Points) > 0 {
		y += legendRow
		s.printf(`<circle cx="16" cy="%s" r="4" fill="%s"/><text x="34" y="%s">%s</text>`,
			num(y+7), pointFill, num(y+11), e(cmp.Or(c.PointsLabel, "lokasi usaha")))
	}
	if c.Credit != "" {
		y += legendRow
		s.printf(`<text x="4" y="%s" font-size="10" fill="%s">%s</text>`, num(y+11), axis, e(c.Credit))
	}
	s.printf(`</g>`)
	return s.close()
}

// legend returns the text of each class: its range, written so that
// ranges do not share an end. A class starts one step of the last shown
// decimal above the previous bound (1.000 – 1.108, 1.109 – 1.201) when
// the values have no finer decimals; otherwise it is written "> 1.108 –
// 1.201". When there are no more distinct values than classes, each class
// is one value and is named by it.
func (c Choropleth) legend(breaks []float64) []string {
	step := math.Pow(10, -float64(c.Decimals))
	whole := true
	distinct := map[float64]bool{}
	for _, v := range c.Values {
		whole = whole && math.Abs(v/step-math.Round(v/step)) < 1e-9
		distinct[v] = true
	}
	out := make([]string, len(breaks))
	for i, hi := range breaks {
		switch {
		case len(distinct) == len(breaks):
			out[i] = Number(hi, c.Decimals)
		case i == 0 && minValue(c.Values) == hi:
			out[i] = Number(hi, c.Decimals)
		case i == 0:
			out[i] = Number(minValue(c.Values), c.Decimals) + " – " + Number(hi, c.Decimals)
		case whole && breaks[i-1]+step == hi:
			out[i] = Number(hi, c.Decimals)
		case whole:
			out[i] = Number(breaks[i-1]+step, c.Decimals) + " – " + Number(hi, c.Decimals)
		default:
			out[i] = "> " + Number(breaks[i-1], c.Decimals) + " – " + Number(hi, c.Decimals)
		}
	}
	return out
}

// minValue is the smallest value of vs.
func minValue(vs map[string]float64) float64 {
	m := math.Inf(1)
	for _, v := range vs {
		m = math.Min(m, v)
	}
	return m
}

// pathData writes rings as SVG path data with relative moves, one decimal:
// the shortest plain form for a few hundred regions. Coordinates are kept
// in tenths as integers so that the relative steps add up exactly.
func pathData(rings [][][2]float64) string {
	b := make([]byte, 0, 64)
	var px, py int64
	for _, ring := range rings {
		if len(ring) < 3 {
			continue
		}
		for i, p := range ring {
			x, y := int64(math.Round(p[0]*10)), int64(math.Round(p[1]*10))
			switch {
			case i == 0:
				b = appendPair(append(b, 'M'), x, y)
			case i == len(ring)-1 && ring[0] == p:
				continue
			default:
				b = appendPair(append(b, 'l'), x-px, y-py)
			}
			px, py = x, y
		}
		b = append(b, 'z')
		// After z the pen returns to the ring's first point.
		px, py = int64(math.Round(ring[0][0]*10)), int64(math.Round(ring[0][1]*10))
	}
	return string(b)
}

// appendPair appends a coordinate pair; a minus sign separates the two
// numbers as well as a space does.
func appendPair(b []byte, x, y int64) []byte {
	b = appendTenths(b, x)
	if y >= 0 {
		b = append(b, ' ')
	}
	return appendTenths(b, y)
}

// appendTenths appends v tenths as a decimal number: 12 as "1.2", -5 as
// "-.5", 30 as "3".
func appendTenths(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	if v >= 10 {
		b = strconv.AppendInt(b, v/10, 10)
	}
	if f := v % 10; f != 0 {
		b = append(b, '.', byte('0'+f))
	} else if v < 10 {
		b = append(b, '0')
	}
	return b
}

// Table returns the map's figures as a table, one row per area in name
// order, then any value whose region has no area on the map.
func (c Choropleth) Table() Table {
	noData := cmp.Or(c.NoData, "tidak ada data")
	t := Table{Caption: c.Title, Columns: []string{"Wilayah", "Kode", valueHeading(c.Unit)}}
	areas := slices.Clone(c.Areas)
	slices.SortFunc(areas, func(a, b Area) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Code, b.Code)) })
	seen := map[string]bool{}
	for _, a := range areas {
		seen[a.Code] = true
		text := noData
		if v, ok := c.Values[a.Code]; ok {
			text = Number(v, c.Decimals)
		}
		t.Rows = append(t.Rows, []string{a.Name, a.Code, text})
	}
	var rest []string
	for code := range c.Values {
		if !seen[code] {
			rest = append(rest, code)
		}
	}
	slices.Sort(rest)
	for _, code := range rest {
		t.Rows = append(t.Rows, []string{code, code, Number(c.Values[code], c.Decimals)})
	}
	return t
}
