package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
)

// node is a parsed SVG element, enough to check structure.
type node struct {
	Name     string
	Attr     map[string]string
	Text     string
	Children []*node
}

// parseSVG parses out as XML and fails the test if it is not well formed.
func parseSVG(t *testing.T, out []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("output is not XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].Text += string(tok)
		}
	}
	if len(root.Children) != 1 || root.Children[0].Name != "svg" {
		t.Fatalf("want one <svg> root, got %+v", root.Children)
	}
	return root.Children[0]
}

// all returns every element named name under n, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

// checkAccessible checks the attributes every chart must carry.
func checkAccessible(t *testing.T, svg *node, title string) {
	t.Helper()
	if svg.Attr["role"] != "img" || !strings.HasPrefix(svg.Attr["viewBox"], "0 0 ") || svg.Attr["width"] != "100%" {
		t.Errorf("svg attributes = %v", svg.Attr)
	}
	if len(svg.Children) < 2 || svg.Children[0].Name != "title" || svg.Children[0].Text != title || svg.Children[1].Name != "desc" {
		t.Errorf("the first children must be <title>%s</title> and <desc>", title)
	}
	for _, s := range svg.all("script") {
		t.Errorf("a script: %v", s)
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		v    float64
		d    int
		want string
	}{
		{0, 0, "0"}, {999, 0, "999"}, {1000, 0, "1.000"}, {1234.5, 1, "1.234,5"},
		{1234567.891, 2, "1.234.567,89"}, {-3926, 0, "-3.926"}, {0.26, 1, "0,3"}, {-0.01, 1, "0,0"},
	} {
		if got := Number(c.v, c.d); got != c.want {
			t.Errorf("Number(%v, %d) = %q, want %q", c.v, c.d, got, c.want)
		}
	}
}

func tenBars() Bars {
	names := []string{"Sungai Raya", "Sungai Kakap", "Rasau Jaya", "Sungai Ambawang", "Kuala Mandor B", "Terentang", "Kubu", "Batu Ampar", "Teluk Pakedai", "Kecamatan dengan nama yang panjang sekali"}
	c := Bars{ID: "umkm", Title: "UMKM terdaftar per kecamatan", Desc: "Jumlah UMKM terdaftar tahun 2025.", Unit: "unit"}
	for i, n := range names {
		c.Bars = append(c.Bars, Bar{Label: n, Value: float64(3926 - i*350)})
	}
	return c
}

func TestHorizontalBars(t *testing.T) {
	c := tenBars()
	var out bytes.Buffer
	if err := c.Horizontal(&out); err != nil {
		t.Fatal(err)
	}
	svg := parseSVG(t, out.Bytes())
	checkAccessible(t, svg, c.Title)
	if svg.Attr["aria-labelledby"] != "umkm-t umkm-d" {
		t.Errorf("aria-labelledby = %q", svg.Attr["aria-labelledby"])
	}
	if n := len(svg.all("rect")); n != 10 {
		t.Errorf("%d bars, want 10", n)
	}
	titles := svg.all("title")
	if len(titles) != 11 || titles[1].Text != "Sungai Raya: 3.926 unit" {
		t.Errorf("bar titles: %d, first %q", len(titles), titles[1].Text)
	}
	if !strings.Contains(titles[10].Text, "nama yang panjang sekali") {
		t.Errorf("a shortened label must keep its full text in the title: %q", titles[10].Text)
	}
	if out.Len() > 5000 {
		t.Errorf("a 10-bar chart takes %d bytes; want a few KB", out.Len())
	}
	tab := c.Table()
	if len(tab.Rows) != 10 || tab.Rows[0][1] != "3.926" || tab.Columns[1] != "Nilai (unit)" {
		t.Errorf("table = %+v", tab)
	}
}

func TestColumnsAndLine(t *testing.T) {
	c := Bars{Title: "UMKM per skala", Desc: "d", Bars: []Bar{{"Mikro", 3500}, {"Kecil", 380}, {"Menengah", 46}}}
	var out bytes.Buffer
	if err := c.Columns(&out); err != nil {
		t.Fatal(err)
	}
	svg := parseSVG(t, out.Bytes())
	checkAccessible(t, svg, c.Title)
	if n := len(svg.all("rect")); n != 3 {
		t.Errorf("%d columns, want 3", n)
	}
	if _, ok := svg.Attr["aria-labelledby"]; ok {
		t.Error("without an ID there is no aria-labelledby")
	}

	tr := Trend{Title: "Koperasi aktif", Desc: "d", Decimals: 1, Points: []YearValue{{2022, 101}, {2023, 110.5}, {2024, 120}, {2025, 1234.5}}}
	out.Reset()
	if err := tr.Line(&out); err != nil {
		t.Fatal(err)
	}
	svg = parseSVG(t, out.Bytes())
	checkAccessible(t, svg, tr.Title)
	if n := len(svg.all("circle")); n != 4 {
		t.Errorf("%d markers, want 4", n)
	}
	if !strings.Contains(out.String(), "<title>2025: 1.234,5</title>") {
		t.Errorf("the last point's title is missing:\n%s", out.String())
	}
	if tab := tr.Table(); len(tab.Rows) != 4 || tab.Rows[3][0] != "2025" || tab.Rows[3][1] != "1.234,5" {
		t.Errorf("table = %+v", tab)
	}
	// Labels are text, never markup.
	out.Reset()
	evil := Bars{Title: "<script>alert(1)</script>", Desc: "a & b", Bars: []Bar{{Label: `<script>alert(1)</script>"'`, Value: 1}}}
	if err := evil.Columns(&out); err != nil {
		t.Fatal(err)
	}
	checkAccessible(t, parseSVG(t, out.Bytes()), evil.Title)
	// Empty data still gives a well-formed chart.
	for _, render := range []func(io.Writer) error{Bars{Title: "x"}.Horizontal, Bars{Title: "x"}.Columns, Trend{Title: "x"}.Line} {
		out.Reset()
		if err := render(&out); err != nil {
			t.Fatal(err)
		}
		parseSVG(t, out.Bytes())
	}
}

func TestTableHTML(t *testing.T) {
	var out bytes.Buffer
	tab := Table{Caption: "A & B", Columns: []string{"", "Nilai"}, Rows: [][]string{{"<Kubu>", "1.234"}}}
	if err := tab.WriteHTML(&out); err != nil {
		t.Fatal(err)
	}
	want := `<table class="chart-table"><caption>A &amp; B</caption><thead><tr><th scope="col"></th><th scope="col">Nilai</th></tr></thead><tbody><tr><th scope="row">&lt;Kubu&gt;</th><td class="num">1.234</td></tr></tbody></table>`
	if strings.TrimSpace(out.String()) != want {
		t.Errorf("got  %s\nwant %s", out.String(), want)
	}
}

// square is a 10×10 area at x, y.
func square(code, name string, x, y float64) Area {
	return Area{Code: code, Name: name, Rings: [][][2]float64{{{x, y}, {x + 10, y}, {x + 10, y + 10}, {x, y + 10}, {x, y}}}}
}

func TestChoropleth(t *testing.T) {
	c := Choropleth{ID: "peta-desa", Title: "UMKM per desa", Desc: "d", Unit: "unit", Width: 100, Height: 20, Credit: "Batas wilayah: uji"}
	c.Values = map[string]float64{}
	for i := range 8 {
		code := "61.12.01.200" + string(rune('1'+i))
		c.Areas = append(c.Areas, square(code, "Desa "+code[len(code)-1:], float64(i)*10, 0))
		c.Values[code] = float64((i + 1) * 1000)
	}
	c.Areas = append(c.Areas, square("61.12.01.2009", "Desa Kosong", 80, 0))
	c.Values["61.12.01.2010"] = 5 // a value whose region has no polygon
	var out bytes.Buffer
	if err := c.Render(&out); err != nil {
		t.Fatal(err)
	}
	svg := parseSVG(t, out.Bytes())
	checkAccessible(t, svg, c.Title)
	var areas *node
	for _, g := range svg.all("g") {
		if g.Attr["id"] == "peta-desa-areas" {
			areas = g
		}
	}
	if areas == nil {
		t.Fatalf("no group of areas:\n%s", out.String())
	}
	paths := areas.all("path")
	if len(paths) != len(c.Areas) {
		t.Fatalf("%d paths, want %d", len(paths), len(c.Areas))
	}
	fills := map[string]bool{}
	for i, p := range paths {
		titles := p.all("title")
		if len(titles) != 1 {
			t.Fatalf("path %d has %d titles", i, len(titles))
		}
		fills[p.Attr["fill"]] = true
		if i == 0 && titles[0].Text != "Desa 1: 1.000 unit" {
			t.Errorf("first title %q", titles[0].Text)
		}
		if i == 8 && (titles[0].Text != "Desa Kosong: tidak ada data" || p.Attr["fill"] != "url(#peta-desa-nodata)") {
			t.Errorf("region without data: %q fill %q", titles[0].Text, p.Attr["fill"])
		}
	}
	if len(fills) != 6 {
		t.Errorf("%d fills, want 5 classes and the hatching: %v", len(fills), fills)
	}
	var legend []string
	for _, txt := range svg.all("text") {
		legend = append(legend, txt.Text)
	}
	if len(legend) != 7 || legend[5] != "tidak ada data" || legend[6] != c.Credit {
		t.Errorf("legend = %q", legend)
	}
	if got := c.Breaks(); len(got) != 5 || got[4] != 8000 {
		t.Errorf("breaks = %v", got)
	}
	c.Points = []Marker{{X: 5, Y: 5, Label: "Toko Sinar"}, {X: 15, Y: 5, Label: "Koperasi Maju"}}
	out.Reset()
	if err := c.Render(&out); err != nil {
		t.Fatal(err)
	}
	svg = parseSVG(t, out.Bytes())
	circles := svg.all("circle")
	if len(circles) != 3 || circles[0].all("title")[0].Text != "Toko Sinar" {
		t.Errorf("want two markers with titles and one in the legend, got %d", len(circles))
	}
	if texts := svg.all("text"); texts[len(texts)-2].Text != "lokasi usaha" {
		t.Errorf("the points are not in the legend")
	}
	tab := c.Table()
	if len(tab.Rows) != 10 || tab.Rows[8][2] != "tidak ada data" || tab.Rows[9][0] != "61.12.01.2010" {
		t.Errorf("table = %+v", tab.Rows)
	}
}

func TestBreaks(t *testing.T) {
	vals := func(vs ...float64) map[string]float64 {
		m := map[string]float64{}
		for i, v := range vs {
			m[string(rune('a'+i))] = v
		}
		return m
	}
	for _, c := range []struct {
		name string
		c    Choropleth
		want []float64
	}{
		{"none", Choropleth{}, nil},
		{"one value", Choropleth{Values: vals(7, 7, 7)}, []float64{7}},
		{"few distinct", Choropleth{Values: vals(1, 2, 2, 3)}, []float64{1, 2, 3}},
		{"quantile", Choropleth{Values: vals(1, 2, 3, 4, 5, 6, 7, 8, 9, 100)}, []float64{2, 4, 6, 8, 100}},
		{"equal interval", Choropleth{Classing: EqualInterval, Values: vals(0, 1, 2, 3, 4, 5, 6, 7, 8, 100)}, []float64{20, 40, 60, 80, 100}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.c.Breaks()
			if len(got) != len(c.want) {
				t.Fatalf("breaks = %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("breaks = %v, want %v", got, c.want)
				}
			}
		})
	}
}

func TestHTML(t *testing.T) {
	h, err := HTML(tenBars().Horizontal)
	if err != nil || !strings.HasPrefix(string(h), "<svg ") {
		t.Fatalf("HTML = %.40q, %v", h, err)
	}
}

// BenchmarkHorizontalBars renders a ten-bar chart and reports its size.
func BenchmarkHorizontalBars(b *testing.B) {
	c := tenBars()
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := c.Horizontal(&out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len()), "svg-bytes")
}

func TestPathData(t *testing.T) {
	rings := [][][2]float64{
		{{10, 10}, {12.34, 10}, {12.34, 9.5}, {10, 10}},
		{{0.04, 0}, {-0.5, 3}, {1, 1}, {0.04, 0}},
	}
	want := "M10 10l2.3 0l0-.5zM0 0l-.5 3l1.5-2z"
	if got := pathData(rings); got != want {
		t.Errorf("pathData = %q, want %q", got, want)
	}
}

func TestLegend(t *testing.T) {
	for _, c := range []struct {
		name     string
		decimals int
		values   []float64
		want     []string
	}{
		{"whole numbers", 0, []float64{1000, 1108, 1109, 1201, 1202, 1300, 1301, 1400, 1401, 1499},
			[]string{"1.000 – 1.108", "1.109 – 1.201", "1.202 – 1.300", "1.301 – 1.400", "1.401 – 1.499"}},
		{"few values", 0, []float64{1, 2, 4, 4}, []string{"1", "2", "4"}},
		{"finer decimals", 0, []float64{0.4, 1.4, 2.4, 3.4, 4.4, 5.4}, []string{"0 – 1", "> 1 – 2", "> 2 – 3", "> 3 – 4", "> 4 – 5"}},
		{"one decimal", 1, []float64{0.5, 1.5, 2.5, 3.5, 4.5}, []string{"0,5", "1,5", "2,5", "3,5", "4,5"}},
		{"one decimal, many values", 1, []float64{0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5}, []string{"0,5 – 1,0", "1,1 – 2,0", "2,1 – 3,0", "3,1 – 4,0", "4,1 – 5,0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ch := Choropleth{Decimals: c.decimals, Values: map[string]float64{}}
			for i, v := range c.values {
				ch.Values[strconv.Itoa(i)] = v
			}
			got := ch.legend(ch.Breaks())
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("legend = %q, want %q", got, c.want)
			}
		})
	}
}
