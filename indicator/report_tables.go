package indicator

import (
	"bina"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReportTable is one table of a report, the same in the PDF and the
// workbook: its cells are strings, float64 numbers, or nil for a value
// the year does not have.
type ReportTable struct {
	Section string // "ringkasan", a chapter's key, "wilayah" or "penutup"
	Key     string // unique, short: the workbook's sheet name
	Title   string
	Header  []string
	Rows    [][]any
	// Chart is the breakdown drawn above the table, if any.
	Chart *RakorChart
	// Region is the child region of a page per region.
	Region bina.RegionCode
}

// The sections of a report's tables besides the chapters.
const (
	SectionSummary = "ringkasan"
	SectionRegions = "wilayah"
	SectionClosing = "penutup"
)

// Tables returns every table of the report, in the order printed.
func (f *RakorFigures) Tables() []ReportTable {
	var out []ReportTable
	out = append(out, f.summaryTable())
	for _, ch := range RakorChapters {
		if t, ok := f.chapterTable(ch); ok {
			out = append(out, t)
		}
		for _, c := range ch.Charts {
			if t, ok := f.breakdownTable(c); ok {
				out = append(out, t)
			}
		}
	}
	out = append(out, f.regionTables()...)
	return uniqueKeys(append(out, f.closingTable()))
}

// summaryTable lists every indicator of the year with the year before.
func (f *RakorFigures) summaryTable() ReportTable {
	t := ReportTable{Section: SectionSummary, Key: "Ringkasan", Title: fmt.Sprintf("Ringkasan indikator %d", f.Year),
		Header: []string{"Indikator", "Satuan", strconv.Itoa(f.Year - 1), strconv.Itoa(f.Year), "Perubahan", "Perubahan (%)"}}
	for _, v := range f.Current() {
		prev := f.valueCell(f.Year-1, v.Code)
		now := f.valueCell(f.Year, v.Code)
		t.Rows = append(t.Rows, []any{v.Name, v.Unit, prev, now, change(prev, now), changePercent(prev, now)})
	}
	return t
}

// chapterTable compares the chapter's indicators over the years held.
func (f *RakorFigures) chapterTable(ch RakorChapter) (ReportTable, bool) {
	t := ReportTable{Section: ch.Key, Key: sheetName("Bab " + ch.Title.ID), Title: ch.Title.ID + ": perbandingan antartahun",
		Header: []string{"Indikator", "Satuan"}}
	for _, y := range f.Years {
		t.Header = append(t.Header, strconv.Itoa(y.Year))
	}
	t.Header = append(t.Header, "Perubahan", "Perubahan (%)")
	for _, code := range ch.Codes {
		v, ok := f.Value(f.Year, code)
		if !ok {
			continue
		}
		row := []any{v.Name, v.Unit}
		for _, y := range f.Years {
			row = append(row, f.valueCell(y.Year, code))
		}
		prev := f.valueCell(f.Year-1, code)
		now := f.valueCell(f.Year, v.Code)
		t.Rows = append(t.Rows, append(row, change(prev, now), changePercent(prev, now)))
	}
	return t, len(t.Rows) > 0
}

// breakdownTable lists a chart's breakdown with each key's share.
func (f *RakorFigures) breakdownTable(c RakorChart) (ReportTable, bool) {
	items, ok := f.Breakdown(c.Code, c.By)
	ind, known := ByCode(c.Code)
	if !ok || !known || len(items) == 0 {
		return ReportTable{}, false
	}
	byName := Breakdowns.Label(c.By, "id")
	if !Breakdowns.Has(c.By) {
		byName = c.By
	}
	t := ReportTable{Key: sheetName(ind.Name.ID + " per " + byName), Title: ind.Name.ID + " menurut " + lowerFirst(byName),
		Header: []string{byName, "Nilai (" + ind.Unit.ID + ")"}, Chart: &c}
	for _, ch := range RakorChapters {
		if slices.Contains(ch.Charts, c) {
			t.Section = ch.Key
			break
		}
	}
	total := 0.0
	for _, it := range items {
		total += it.Value
	}
	share := ind.Measure == MeasureCount && c.By != "year" && total > 0
	if share {
		t.Header = append(t.Header, "Porsi (%)")
	}
	for _, it := range items {
		row := []any{it.Label, it.Value}
		if share {
			row = append(row, roundTenth(it.Value*100/total))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, true
}

// lowerFirst lowers the first letter of a label inside a sentence, leaving
// acronyms after it ("Seksi KBLI" → "seksi KBLI").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// regionTables gives each child region its page: every indicator that
// breaks down by region, with the region's share of the whole.
func (f *RakorFigures) regionTables() []ReportTable {
	var out []ReportTable
	for _, child := range f.Children() {
		t := ReportTable{Section: SectionRegions, Key: sheetName(child.ID), Title: child.ID, Region: bina.RegionCode(child.Code),
			Header: []string{"Indikator", "Satuan", "Nilai", "Porsi dari " + f.RegionName + " (%)"}}
		for _, b := range f.Breakdowns {
			if b.By != "region" {
				continue
			}
			whole, ok := f.Value(f.Year, b.Code)
			if !ok {
				continue
			}
			for _, it := range b.Items {
				if it.Key != child.Code {
					continue
				}
				var share any
				if ind, _ := ByCode(b.Code); ind != nil && ind.Measure == MeasureCount && whole.Value > 0 {
					share = roundTenth(it.Value * 100 / whole.Value)
				}
				t.Rows = append(t.Rows, []any{whole.Name, whole.Unit, it.Value, share})
			}
		}
		out = append(out, t)
	}
	return out
}

// closingTable is the closing note: sources, coverage, the date the data
// was taken and what was left out.
func (f *RakorFigures) closingTable() ReportTable {
	var years []string
	for _, y := range f.Years {
		years = append(years, strconv.Itoa(y.Year))
	}
	missing := "—"
	if m := f.Missing(); len(m) > 0 {
		missing = strings.Join(m, ", ")
	}
	rows := [][]any{
		{"Sumber data", "Register UMKM, program pembinaan, dan koperasi Bina pada " + f.Office + "; angka dihitung dengan katalog indikator yang sama dengan dasbor dan API (GET /api/v1/indicators)."},
		{"Cakupan wilayah", fmt.Sprintf("%s (%s), %d wilayah di bawahnya", f.RegionName, f.Region, len(f.Children()))},
		{"Tahun yang dibandingkan", strings.Join(years, ", ")},
		{"Tanggal pengambilan data", f.TakenAt.In(bina.ZoneOf(f.Region).Location()).Format("02-01-2006 15:04") + " " + bina.ZoneOf(f.Region).Name},
		{"Versi laporan", strconv.Itoa(f.Version)},
		{"Indikator belum tersedia (baris dihilangkan)", missing},
		{"Catatan", "Tahun lampau hanya memuat indikator yang dapat dihitung ulang dari tanggal dalam register; laporan ini adalah salinan tetap yang tidak berubah setelah terbit."},
	}
	return ReportTable{Section: SectionClosing, Key: "Penutup", Title: "Catatan penutup: sumber, cakupan dan tanggal data",
		Header: []string{"Keterangan", "Isi"}, Rows: rows}
}

// valueCell returns the value of code in year, or nil when there is none
// (no such year held, or a figure without a value: the days since the
// last import before any import).
func (f *RakorFigures) valueCell(year int, code string) any {
	if v, ok := f.Value(year, code); ok && !v.None {
		return v.Value
	}
	return nil
}

func change(prev, now any) any {
	p, ok := prev.(float64)
	n, ok2 := now.(float64)
	if !ok || !ok2 {
		return nil
	}
	return roundTenth(n - p)
}

func changePercent(prev, now any) any {
	p, ok := prev.(float64)
	n, ok2 := now.(float64)
	if !ok || !ok2 || p == 0 {
		return nil
	}
	return roundTenth((n - p) * 100 / p)
}

func roundTenth(v float64) float64 {
	if v < 0 {
		return -roundTenth(-v)
	}
	return float64(int64(v*10+0.5)) / 10
}

// sheetName cuts a title to the 31 characters a worksheet's name may have,
// without the characters it may not hold.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = strings.TrimSpace(string(r[:31]))
	}
	return s
}

// uniqueKeys numbers tables whose keys repeat.
func uniqueKeys(ts []ReportTable) []ReportTable {
	seen := map[string]int{}
	for i := range ts {
		k := ts[i].Key
		seen[k]++
		if n := seen[k]; n > 1 {
			suffix := " " + strconv.Itoa(n)
			ts[i].Key = sheetName(string([]rune(k)[:min(len([]rune(k)), 31-len(suffix))]) + suffix)
		}
	}
	return ts
}
