package export

import (
	"context"
	"strconv"
	"strings"

	"bina"
)

// Open data for the regency's Satu Data portal (Perpres 39/2019, DOMAIN.md
// section 9): one row per kecamatan × category × year, with the
// kecamatan's regency and province, a count, its unit and the year. Only
// counts leave the register, and small ones are withheld (DOMAIN.md
// section 10): a count of one or two businesses in a cell can tell who
// they are.

// SmallCell is the least count an open-data cell shows; smaller counts
// (1 and 2) are written as SuppressedSmall.
const SmallCell = 3

// The marks of withheld cells. A group (one kecamatan of a table) with a
// small cell withholds one more, its smallest other non-zero count, marked
// SuppressedOther: otherwise the small one could be worked out by taking
// the others from the kecamatan's total, which another table gives away.
const (
	SuppressedSmall = "<3"
	SuppressedOther = "x"
)

// OpenDataUnknown labels the records whose category is not recorded
// (no KBLI code, no computable size), so that every table adds up to the
// register's total.
const OpenDataUnknown = "Belum diketahui"

// OpenDataCategory is one way of breaking a count down.
type OpenDataCategory struct {
	Code   string       // the query value: "skala"
	Column string       // the header of the category column: "skala_usaha"
	Values bina.Options // the categories, in order; their ID labels are written
}

// EnterpriseOpenData are the categories of the UMKM table.
var EnterpriseOpenData = []OpenDataCategory{
	{"skala", "skala_usaha", append(append(bina.Options(nil), bina.Sizes...), bina.Option{Code: "", ID: OpenDataUnknown, EN: "Not known"})},
	{"kbli", "kategori_kbli", kbliOpenDataValues()},
	{"status", "status_usaha", bina.OperatingStatuses},
	{"binaan", "status_binaan", bina.Options{{Code: "ya", ID: "Binaan", EN: "Coached"}, {Code: "tidak", ID: "Bukan binaan", EN: "Not coached"}}},
}

// CooperativeOpenData are the categories of the cooperative table.
var CooperativeOpenData = []OpenDataCategory{
	{"jenis", "jenis_koperasi", bina.Jenises},
	{"keaktifan", "keaktifan_koperasi", bina.Options{{Code: "ya", ID: "Aktif", EN: "Active"}, {Code: "tidak", ID: "Tidak aktif", EN: "Inactive"}}},
}

func kbliOpenDataValues() bina.Options {
	out := make(bina.Options, 0, len(bina.KBLISections())+1)
	for _, s := range bina.KBLISections() {
		out = append(out, bina.Option{Code: s.Code, ID: s.Code + " - " + s.ID, EN: s.Code + " - " + s.EN})
	}
	return append(out, bina.Option{Code: "", ID: OpenDataUnknown, EN: "Not known"})
}

// OpenDataCategoryOf returns the category named code among cats.
func OpenDataCategoryOf(cats []OpenDataCategory, code string) (OpenDataCategory, bool) {
	for _, c := range cats {
		if c.Code == code {
			return c, true
		}
	}
	return OpenDataCategory{}, false
}

// OpenDataRow is one row of an open-data table.
type OpenDataRow struct {
	District bina.RegionCode
	Category bina.Option
	Count    int
	// Shown is the count as published: digits, SuppressedSmall or
	// SuppressedOther (set by OpenDataTable.Suppress).
	Shown string
}

// OpenDataTable is a table for the Satu Data portal.
type OpenDataTable struct {
	Category OpenDataCategory
	Measure  string // the header of the count: "jumlah_umkm"
	Unit     string // "unit"
	Year     int
	Rows     []OpenDataRow // by kecamatan code, then category order
}

// Header returns the table's header: kode_provinsi, nama_provinsi,
// kode_kabupaten_kota, nama_kabupaten_kota, kode_kecamatan, nama_kecamatan,
// the category, the measure, satuan, tahun.
func (t *OpenDataTable) Header() []string {
	return []string{"kode_provinsi", "nama_provinsi", "kode_kabupaten_kota", "nama_kabupaten_kota",
		"kode_kecamatan", "nama_kecamatan", t.Category.Column, t.Measure, "satuan", "tahun"}
}

// Cells returns row r as cells. Region codes are Kemendagri codes without
// dots ("6112", "611201"), as Satu Data portals write them and as
// spreadsheet programs keep them (a dotted "61.10" would become the number
// 61.1).
func (t *OpenDataTable) Cells(ref bina.Reference, r OpenDataRow) []any {
	code := func(l bina.RegionLevel) string { return strings.ReplaceAll(string(r.District.Truncate(l)), ".", "") }
	name := func(l bina.RegionLevel) string {
		if ref.Regions == nil {
			return ""
		}
		return ref.Regions.Name(r.District.Truncate(l))
	}
	return []any{code(bina.LevelProvince), name(bina.LevelProvince), code(bina.LevelRegency), name(bina.LevelRegency),
		code(bina.LevelDistrict), name(bina.LevelDistrict), r.Category.ID, r.Shown, t.Unit, t.Year}
}

// Suppress sets every row's Shown: counts of 1 and 2 become
// SuppressedSmall, and in each kecamatan that has one, the smallest other
// non-zero count becomes SuppressedOther (see the constants).
func (t *OpenDataTable) Suppress() {
	for i := range t.Rows {
		r := &t.Rows[i]
		r.Shown = strconv.Itoa(r.Count)
		if r.Count > 0 && r.Count < SmallCell {
			r.Shown = SuppressedSmall
		}
	}
	for start := 0; start < len(t.Rows); {
		end := start
		for end < len(t.Rows) && t.Rows[end].District == t.Rows[start].District {
			end++
		}
		group := t.Rows[start:end]
		small, other := 0, -1
		for i, r := range group {
			switch {
			case r.Shown == SuppressedSmall:
				small++
			case r.Count > 0 && (other < 0 || r.Count < group[other].Count):
				other = i
			}
		}
		if small > 0 && other >= 0 {
			group[other].Shown = SuppressedOther
		}
		start = end
	}
}

// Total returns the sum of the table's counts (before suppression).
func (t *OpenDataTable) Total() int {
	n := 0
	for _, r := range t.Rows {
		n += r.Count
	}
	return n
}

// openDataYear checks the year asked for: the register holds the present,
// so only the current year can be counted.
func openDataYear(ref bina.Reference, year int) (int, error) {
	now := ref.Clock().Year()
	if year == 0 {
		return now, nil
	}
	if year != now {
		var p bina.Problems
		p.Add("tahun", "Data terbuka dihitung dari register saat ini, jadi hanya tersedia untuk tahun %d; data tahun lalu ada di portal Satu Data", "Open data is counted from the register as it is now, so only %d is available; earlier years are on the Satu Data portal", now)
		return 0, p.Err()
	}
	return year, nil
}

// EnterpriseOpenDataTable counts the live enterprises of the actor's region
// (callers pass a context whose actor is the whole deployment) per kecamatan
// and category. Sizes and coaching come from the kept counts
// (EnterpriseCounts); sections and statuses from the exact totals of
// filtered lists of one record. Records without a KBLI code or a computable
// size are counted as OpenDataUnknown, so every table adds up to the same
// total. year 0 means the current year; another year is Invalid.
func EnterpriseOpenDataTable(ctx context.Context, svc bina.EnterpriseService, ref bina.Reference, category string, year int) (*OpenDataTable, error) {
	cat, ok := OpenDataCategoryOf(EnterpriseOpenData, category)
	if !ok {
		return nil, unknownCategory(category, EnterpriseOpenData)
	}
	year, err := openDataYear(ref, year)
	if err != nil {
		return nil, err
	}
	counts, err := svc.EnterpriseCounts(ctx)
	if err != nil {
		return nil, err
	}
	type key struct {
		d bina.RegionCode
		v string
	}
	n := map[key]int{}
	totals := map[bina.RegionCode]int{}
	for _, c := range counts {
		totals[c.District] += c.Total
		switch cat.Code {
		case "skala":
			n[key{c.District, c.Size}] += c.Total
		case "binaan":
			n[key{c.District, "ya"}] += c.Binaan
			n[key{c.District, "tidak"}] += c.Total - c.Binaan
		}
	}
	districts := ref.Regions.Districts()
	if cat.Code == "kbli" || cat.Code == "status" {
		for _, d := range districts {
			if totals[d.Code] == 0 {
				continue
			}
			known := 0
			for _, v := range cat.Values {
				if v.Code == "" {
					continue
				}
				f := bina.EnterpriseFilter{Region: d.Code, Limit: 1}
				if cat.Code == "kbli" {
					f.KBLISection = v.Code
				} else {
					f.Status = v.Code
				}
				p, err := svc.ListEnterprises(ctx, f)
				if err != nil {
					return nil, err
				}
				n[key{d.Code, v.Code}] = p.Total
				known += p.Total
			}
			n[key{d.Code, ""}] = totals[d.Code] - known
		}
	}
	t := &OpenDataTable{Category: cat, Measure: "jumlah_umkm", Unit: "unit", Year: year}
	for _, d := range districts {
		for _, v := range cat.Values {
			t.Rows = append(t.Rows, OpenDataRow{District: d.Code, Category: v, Count: n[key{d.Code, v.Code}]})
		}
	}
	t.Suppress()
	return t, nil
}

// CooperativeOpenDataTable counts the live cooperatives per kecamatan and
// type (jenis) or activity (keaktifan), as EnterpriseOpenDataTable does.
func CooperativeOpenDataTable(ctx context.Context, svc bina.CooperativeService, ref bina.Reference, category string, year int) (*OpenDataTable, error) {
	cat, ok := OpenDataCategoryOf(CooperativeOpenData, category)
	if !ok {
		return nil, unknownCategory(category, CooperativeOpenData)
	}
	year, err := openDataYear(ref, year)
	if err != nil {
		return nil, err
	}
	counts, err := svc.CooperativeCounts(ctx)
	if err != nil {
		return nil, err
	}
	type key struct {
		d bina.RegionCode
		v string
	}
	n := map[key]int{}
	totals := map[bina.RegionCode]int{}
	for _, c := range counts {
		totals[c.District] += c.Total
		n[key{c.District, "ya"}] += c.Active
		n[key{c.District, "tidak"}] += c.Total - c.Active
	}
	districts := ref.Regions.Districts()
	if cat.Code == "jenis" {
		for _, d := range districts {
			if totals[d.Code] == 0 {
				continue
			}
			for _, v := range cat.Values {
				p, err := svc.ListCooperatives(ctx, bina.CooperativeFilter{Region: d.Code, Jenis: v.Code, Limit: 1})
				if err != nil {
					return nil, err
				}
				n[key{d.Code, v.Code}] = p.Total
			}
		}
	}
	t := &OpenDataTable{Category: cat, Measure: "jumlah_koperasi", Unit: "unit", Year: year}
	for _, d := range districts {
		for _, v := range cat.Values {
			t.Rows = append(t.Rows, OpenDataRow{District: d.Code, Category: v, Count: n[key{d.Code, v.Code}]})
		}
	}
	t.Suppress()
	return t, nil
}

func unknownCategory(code string, cats []OpenDataCategory) error {
	codes := make([]string, len(cats))
	for i, c := range cats {
		codes[i] = c.Code
	}
	var p bina.Problems
	p.Add("kategori", "Kategori %q tidak dikenal; pilih salah satu: %s", "Unknown category %q; choose one of: %s", code, strings.Join(codes, ", "))
	return p.Err()
}
