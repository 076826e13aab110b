package pdf

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"bina"
	"bina/indicator"
	"bina/internal/chart"
	"bina/internal/geojson"
)

// RakorOptions are what the rakor report draws besides its figures.
type RakorOptions struct {
	// Boundaries hold the outlines of the report region's children, for
	// the maps; a breakdown whose regions they do not cover is drawn as
	// bars only.
	Boundaries []geojson.Feature
	// Uncompressed leaves the page streams as plain text, so that a test
	// can search the PDF's text.
	Uncompressed bool
}

// rakorDoc is the report being written.
type rakorDoc struct {
	*fpdf.Fpdf
	tr    func(string) string
	f     *indicator.RakorFigures
	o     RakorOptions
	width float64
}

// Rakor renders the rakor report as an A4 PDF from its figures: a cover,
// a one-page summary, a chapter per indicator.RakorChapters with its
// year-on-year table, charts and maps, a page per child region and a
// closing note. Every table is one of figures.Tables(), the same the
// workbook holds. Core fonts only, so the file stays small.
func Rakor(figs *indicator.RakorFigures, o RakorOptions) ([]byte, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCreationDate(figs.TakenAt.UTC())
	f.SetModificationDate(figs.TakenAt.UTC())
	f.SetCatalogSort(true)
	f.SetCompression(!o.Uncompressed)
	f.SetMargins(marginLeft-5, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom+5)
	d := &rakorDoc{Fpdf: f, tr: f.UnicodeTranslatorFromDescriptor(""), f: figs, o: o, width: pageWidth - (marginLeft - 5) - marginRight}
	f.SetTitle(fmt.Sprintf("Laporan Rakor %d %s", figs.Year, figs.RegionName), true)
	f.SetAuthor(figs.Office, true)
	f.AliasNbPages("")
	f.SetFooterFunc(func() {
		if f.PageNo() == 1 {
			return
		}
		f.SetY(-12)
		f.SetFont("Helvetica", "I", 8)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(0, 5, d.tr(fmt.Sprintf("Laporan Rakor %d · %s · versi %d · halaman %d/{nb}", figs.Year, figs.RegionName, figs.Version, f.PageNo())), "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	d.cover()
	tables := figs.Tables()
	d.summary(tables)
	for i, ch := range indicator.RakorChapters {
		d.chapter(i+1, ch, tables)
	}
	d.regions(tables)
	d.closing(tables)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: rakor %d: %w", figs.Year, err)
	}
	return buf.Bytes(), nil
}

func (d *rakorDoc) cover() {
	d.AddPage()
	d.SetY(45)
	d.SetFont("Helvetica", "B", 14)
	for _, l := range []string{strings.ToUpper(d.f.Government), strings.ToUpper(d.f.Office)} {
		if l != "" {
			d.MultiCell(d.width, 7, d.tr(l), "", "C", false)
		}
	}
	d.Ln(30)
	d.SetFont("Helvetica", "B", 22)
	d.MultiCell(d.width, 10, d.tr("LAPORAN RAPAT KOORDINASI"), "", "C", false)
	d.MultiCell(d.width, 10, d.tr(fmt.Sprintf("KOPERASI DAN UMKM TAHUN %d", d.f.Year)), "", "C", false)
	d.Ln(8)
	if d.f.Theme != "" {
		d.SetFont("Helvetica", "I", 13)
		d.MultiCell(d.width, 7, d.tr("Tema: "+d.f.Theme), "", "C", false)
		d.Ln(4)
	}
	d.SetFont("Helvetica", "", 12)
	d.MultiCell(d.width, 6, d.tr(d.f.RegionName), "", "C", false)
	d.SetY(pageHeight - 60)
	d.SetFont("Helvetica", "", 10)
	d.MultiCell(d.width, 5, d.tr(fmt.Sprintf("Versi %d · data per %s", d.f.Version, d.takenAt())), "", "C", false)
}

func (d *rakorDoc) takenAt() string {
	z := bina.ZoneOf(d.f.Region)
	return d.f.TakenAt.In(z.Location()).Format("02-01-2006 15:04") + " " + z.Name
}

func (d *rakorDoc) heading(s string) {
	d.SetFont("Helvetica", "B", 14)
	d.MultiCell(d.width, 7, d.tr(s), "", "L", false)
	d.Ln(2)
}

func (d *rakorDoc) subheading(s string) {
	d.SetFont("Helvetica", "B", 10)
	d.MultiCell(d.width, 5, d.tr(s), "", "L", false)
	d.Ln(1)
}

func (d *rakorDoc) para(s string) {
	d.SetFont("Helvetica", "", 10)
	d.MultiCell(d.width, 5, d.tr(s), "", "J", false)
	d.Ln(2)
}

func (d *rakorDoc) summary(tables []indicator.ReportTable) {
	d.AddPage()
	d.heading("Ringkasan")
	d.para(fmt.Sprintf("Laporan ini menyajikan indikator koperasi dan UMKM %s tahun %d, dibandingkan dengan tahun sebelumnya, "+
		"dihitung dari register Bina per %s. Setiap angka sama dengan dasbor dan API indikator.", d.f.RegionName, d.f.Year, d.takenAt()))
	for _, t := range tables {
		if t.Section == indicator.SectionSummary {
			d.table(t)
		}
	}
}

func (d *rakorDoc) chapter(n int, ch indicator.RakorChapter, tables []indicator.ReportTable) {
	var mine []indicator.ReportTable
	for _, t := range tables {
		if t.Section == ch.Key {
			mine = append(mine, t)
		}
	}
	if len(mine) == 0 {
		return
	}
	d.AddPage()
	d.heading(fmt.Sprintf("Bab %d. %s", n, ch.Title.ID))
	for _, t := range mine {
		if t.Chart != nil {
			d.chart(t)
		}
		d.table(t)
	}
}

func (d *rakorDoc) regions(tables []indicator.ReportTable) {
	first := true
	for _, t := range tables {
		if t.Section != indicator.SectionRegions {
			continue
		}
		d.AddPage()
		if first {
			d.heading("Profil per wilayah")
			first = false
		}
		t.Title = fmt.Sprintf("%s (%s), tahun %d", t.Title, t.Region, d.f.Year)
		d.table(t)
	}
}

func (d *rakorDoc) closing(tables []indicator.ReportTable) {
	d.AddPage()
	d.heading("Penutup")
	for _, t := range tables {
		if t.Section == indicator.SectionClosing {
			d.table(t)
		}
	}
	if len(d.o.Boundaries) > 0 {
		d.SetFont("Helvetica", "I", 8)
		d.MultiCell(d.width, 4, d.tr(geojson.Credit), "", "L", false)
	}
}

// cell writes a table cell: text, a number the Indonesian way (one
// decimal when it has one), or a dash for no value.
func cell(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "—", true
	case float64:
		dec := 0
		if x != math.Trunc(x) {
			dec = 1
		}
		return chart.Number(x, dec), true
	case string:
		return x, false
	}
	return fmt.Sprint(v), false
}

// inMillions returns a row of rupiah (its unit column says "rupiah") in
// millions of rupiah, rounded: a regency's assets run to 16 digits, which
// a column of the A4 page cannot hold. The workbook keeps the rupiah.
func inMillions(t indicator.ReportTable, row []any) []any {
	if len(t.Header) < 2 || t.Header[1] != "Satuan" || len(row) < 2 || row[1] != "rupiah" {
		return row
	}
	out := slices.Clone(row)
	out[1] = "juta rupiah"
	for i := 2; i < len(out); i++ {
		if x, ok := out[i].(float64); ok && (i < len(t.Header) && !strings.HasSuffix(t.Header[i], "(%)")) {
			out[i] = math.Round(x / 1e6)
		}
	}
	return out
}

// table draws t with its title; the first column takes what the others
// leave, and long texts wrap.
func (d *rakorDoc) table(t indicator.ReportTable) {
	const lh = 4.6
	n := len(t.Header)
	other := 22.0
	if n == 2 {
		other = d.width * 0.6
	}
	widths := make([]float64, n)
	widths[0] = d.width - other*float64(n-1)
	for i := 1; i < n; i++ {
		widths[i] = other
	}
	if d.GetY()+lh*4 > pageHeight-marginBottom-8 {
		d.AddPage()
	}
	d.subheading(t.Title)
	header := func() {
		d.SetFont("Helvetica", "B", 8)
		d.SetFillColor(225, 232, 240)
		x, y := d.GetX(), d.GetY()
		h := 0.0
		for i, s := range t.Header {
			h = max(h, lh*float64(len(d.SplitLines([]byte(d.tr(s)), widths[i]-2))))
		}
		for i, s := range t.Header {
			d.Rect(x, y, widths[i], h, "FD")
			d.SetXY(x+1, y)
			d.MultiCell(widths[i]-2, lh, d.tr(s), "", "C", false)
			x += widths[i]
		}
		d.SetXY(d.GetX(), y+h)
	}
	header()
	d.SetFont("Helvetica", "", 8)
	for _, row := range t.Rows {
		row = inMillions(t, row)
		lines := make([][][]byte, n)
		h := lh
		for i := 0; i < n && i < len(row); i++ {
			s, _ := cell(row[i])
			lines[i] = d.SplitLines([]byte(d.tr(s)), widths[i]-2)
			h = max(h, lh*float64(len(lines[i])))
		}
		if d.GetY()+h > pageHeight-marginBottom-8 {
			d.AddPage()
			header()
			d.SetFont("Helvetica", "", 8)
		}
		x, y := d.GetX(), d.GetY()
		for i := 0; i < n; i++ {
			d.Rect(x, y, widths[i], h, "D")
			align := "L"
			if i < len(row) {
				if _, num := cell(row[i]); num {
					align = "R"
				}
			}
			for j, l := range lines[i] {
				d.SetXY(x+1, y+lh*float64(j))
				d.CellFormat(widths[i]-2, lh, string(l), "", 0, align, false, 0, "")
			}
			x += widths[i]
		}
		d.SetXY(marginLeft-5, y+h)
	}
	d.Ln(4)
}

// chart draws the breakdown of t: a map when it is by region and the
// boundaries cover its regions, and bars (columns over the years).
func (d *rakorDoc) chart(t indicator.ReportTable) {
	items, _ := d.f.Breakdown(t.Chart.Code, t.Chart.By)
	if len(items) == 0 {
		return
	}
	if t.Chart.By == "region" {
		d.choropleth(t, items)
	}
	d.bars(t, items)
}

// rgb parses a colour written #rrggbb.
func rgb(hex string) (int, int, int) {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

// bars draws one horizontal bar per item, scaled to the largest.
func (d *rakorDoc) bars(t indicator.ReportTable, items []indicator.Value) {
	const rowH, labelW, valueW = 5.0, 48.0, 24.0
	h := rowH*float64(len(items)) + 4
	if d.GetY()+h+10 > pageHeight-marginBottom-8 {
		d.AddPage()
	}
	top := 0.0
	for _, it := range items {
		top = max(top, it.Value)
	}
	barW := d.width - labelW - valueW
	x0, y := marginLeft-5, d.GetY()
	d.SetFont("Helvetica", "", 8)
	r, g, b := rgb(chart.Palette[3])
	d.SetFillColor(r, g, b)
	for _, it := range items {
		d.SetXY(x0, y)
		d.CellFormat(labelW, rowH, d.tr(truncate(it.Label, 34)), "", 0, "R", false, 0, "")
		if top > 0 && it.Value > 0 {
			d.Rect(x0+labelW+1, y+0.8, math.Max(0.3, barW*it.Value/top), rowH-1.6, "F")
		}
		s, _ := cell(it.Value)
		w := 0.0
		if top > 0 {
			w = barW * math.Max(it.Value, 0) / top
		}
		d.SetXY(x0+labelW+2+w, y)
		d.CellFormat(valueW, rowH, s, "", 0, "L", false, 0, "")
		y += rowH
	}
	d.SetXY(x0, y+3)
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// choropleth draws the map of a breakdown by region with the classes and
// palette of the pages' maps (internal/chart), its outlines projected by
// internal/geojson.
func (d *rakorDoc) choropleth(t indicator.ReportTable, items []indicator.Value) {
	values := map[string]float64{}
	for _, it := range items {
		if it.Key != "-" {
			values[it.Key] = it.Value
		}
	}
	var feats []geojson.Feature
	for _, ft := range d.o.Boundaries {
		if _, ok := values[string(ft.Code)]; ok {
			feats = append(feats, ft)
		}
	}
	if len(feats) == 0 || len(feats)*2 < len(values) {
		return
	}
	const maxH = 105.0
	mapW := 115.0
	shapes, proj := geojson.Project(feats, mapW, 0.25)
	if proj.Height > maxH {
		mapW = mapW * maxH / proj.Height
		shapes, proj = geojson.Project(feats, mapW, 0.25)
	}
	if d.GetY()+proj.Height+4 > pageHeight-marginBottom-8 {
		d.AddPage()
	}
	x0, y0 := marginLeft-5, d.GetY()
	breaks := chart.Choropleth{Values: values}.Breaks()
	fills := chart.ClassColours(breaks)
	d.SetDrawColor(255, 255, 255)
	d.SetLineWidth(0.2)
	for _, s := range shapes {
		r, g, b := rgb(fills[chart.ClassOf(breaks, values[s.Code])])
		d.SetFillColor(r, g, b)
		for _, ring := range s.Rings {
			pts := make([]fpdf.PointType, len(ring))
			for i, p := range ring {
				pts[i] = fpdf.PointType{X: x0 + p[0], Y: y0 + p[1]}
			}
			d.Polygon(pts, "FD")
		}
	}
	d.SetDrawColor(0, 0, 0)
	// The legend, beside the map.
	lx, ly := x0+mapW+6, y0+4
	d.SetFont("Helvetica", "B", 8)
	d.SetXY(lx, ly)
	d.CellFormat(d.width-mapW-6, 4, d.tr(t.Title), "", 1, "L", false, 0, "")
	d.SetFont("Helvetica", "", 8)
	lo := math.Inf(1)
	for _, v := range values {
		lo = min(lo, v)
	}
	for i, hi := range breaks {
		ly += 5
		r, g, b := rgb(fills[i])
		d.SetFillColor(r, g, b)
		d.Rect(lx, ly, 6, 4, "FD")
		from := lo
		if i > 0 {
			from = breaks[i-1]
		}
		a, _ := cell(from)
		z, _ := cell(hi)
		d.SetXY(lx+8, ly)
		d.CellFormat(40, 4, d.tr(a+" – "+z), "", 0, "L", false, 0, "")
	}
	d.SetXY(x0, y0+proj.Height+4)
}
