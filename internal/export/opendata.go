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
// counts leave the register, and small counts of businesses people own are
// withheld (DOMAIN.md section 10): a count of one or two businesses in a
// cell can tell who they are. Cooperatives and programmes are not people:
// their counts are published whole. The datasets are listed in
// OpenDatasets (opendata_dataset.go); docs/data-terbuka.md describes them.

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
	// Region is the row's region, at the table's Level; a region above
	// it stands for the records without a recorded one (written as
	// OpenDataUnknown).
	Region   bina.RegionCode
	Category bina.Option // the row's category, when the table has one
	Year     int         // the row's year (0: the table's)
	Count    int
	// Shown is the count as published: digits, SuppressedSmall or
	// SuppressedOther (set by OpenDataTable.Suppress or Publish).
	Shown string
}

// OpenDataTable is a table for the Satu Data portal.
type OpenDataTable struct {
	Category OpenDataCategory // Column "": the table has no category column
	// Level is the finest region of the rows: LevelRegency,
	// LevelDistrict (0 means this one) or LevelVillage.
	Level   bina.RegionLevel
	Measure string // the header of the count: "jumlah_umkm"
	Unit    string // "unit"
	Year    int
	Rows    []OpenDataRow // by region, then category or year
	// People reports that the counts are of businesses people own, so
	// that small ones are withheld (Suppress); counts of legal entities
	// and of programmes are published as they are (Publish).
	People bool
}

// regionColumns are the header names of each region level's code and
// name, as Satu Data portals write them.
var regionColumns = map[bina.RegionLevel][2]string{
	bina.LevelProvince: {"kode_provinsi", "nama_provinsi"},
	bina.LevelRegency:  {"kode_kabupaten_kota", "nama_kabupaten_kota"},
	bina.LevelDistrict: {"kode_kecamatan", "nama_kecamatan"},
	bina.LevelVillage:  {"kode_desa_kelurahan", "nama_desa_kelurahan"},
}

func (t *OpenDataTable) level() bina.RegionLevel {
	if t.Level == 0 {
		return bina.LevelDistrict
	}
	return t.Level
}

// Header returns the table's header: the code and name of the province,
// the regency and the finer regions down to the table's level, the
// category, the measure, satuan, tahun.
func (t *OpenDataTable) Header() []string {
	var h []string
	for l := bina.LevelProvince; l <= t.level(); l++ {
		h = append(h, regionColumns[l][0], regionColumns[l][1])
	}
	if t.Category.Column != "" {
		h = append(h, t.Category.Column)
	}
	return append(h, t.Measure, "satuan", "tahun")
}

// Cells returns row r as cells, in the order of Header. Region codes are
// Kemendagri codes without dots ("6112", "611201"), as Satu Data portals
// write them and as spreadsheet programs keep them (a dotted "61.10"
// would become the number 61.1).
func (t *OpenDataTable) Cells(ref bina.Reference, r OpenDataRow) []any {
	var out []any
	for l := bina.LevelProvince; l <= t.level(); l++ {
		if r.Region.Level() < l {
			out = append(out, "", OpenDataUnknown)
			continue
		}
		c := r.Region.Truncate(l)
		name := ""
		if ref.Regions != nil {
			name = ref.Regions.Name(c)
		}
		out = append(out, strings.ReplaceAll(string(c), ".", ""), name)
	}
	if t.Category.Column != "" {
		out = append(out, r.Category.ID)
	}
	year := r.Year
	if year == 0 {
		year = t.Year
	}
	return append(out, r.Shown, t.Unit, year)
}

// Publish sets every row's Shown to its count: nothing is withheld.
func (t *OpenDataTable) Publish() {
	for i := range t.Rows {
		t.Rows[i].Shown = strconv.Itoa(t.Rows[i].Count)
	}
}

// Suppress sets every row's Shown: counts of 1 and 2 become
// SuppressedSmall, and in each group of rows with one, the smallest other
// non-zero count becomes SuppressedOther (see the constants). A group is
// a set of rows that adds up to a total published elsewhere: the
// categories of one kecamatan (the kecamatan's total), the desa of one
// kecamatan, or the kecamatan of one year (the regency's total).
func (t *OpenDataTable) Suppress() {
	t.People = true
	t.Publish()
	type group struct {
		region bina.RegionCode
		year   int
	}
	groups := map[group][]int{}
	var order []group
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Count > 0 && r.Count < SmallCell {
			r.Shown = SuppressedSmall
		}
		g := group{year: r.Year}
		switch {
		case t.Category.Column != "":
			g.region = r.Region
		case t.level() == bina.LevelVillage:
			g.region = r.Region.Truncate(bina.LevelDistrict)
		}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], i)
	}
	for _, g := range order {
		small, other := 0, -1
		for _, i := range groups[g] {
			r := t.Rows[i]
			switch {
			case r.Shown == SuppressedSmall:
				small++
			case r.Count > 0 && (other < 0 || r.Count < t.Rows[other].Count):
				other = i
			}
		}
		if small > 0 && other >= 0 {
			t.Rows[other].Shown = SuppressedOther
		}
	}
}

// Withheld reports whether any cell of the table is withheld.
func (t *OpenDataTable) Withheld() bool {
	for _, r := range t.Rows {
		if r.Shown == SuppressedSmall || r.Shown == SuppressedOther {
			return true
		}
	}
	return false
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
			t.Rows = append(t.Rows, OpenDataRow{Region: d.Code, Category: v, Count: n[key{d.Code, v.Code}]})
		}
	}
	t.Suppress()
	return t, nil
}

// CooperativeOpenDataTable counts the live cooperatives per kecamatan and
// type (jenis) or activity (keaktifan), as EnterpriseOpenDataTable does,
// withholding nothing.
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
			t.Rows = append(t.Rows, OpenDataRow{Region: d.Code, Category: v, Count: n[key{d.Code, v.Code}]})
		}
	}
	// Cooperatives are legal entities whose register is public
	// (INDIKATOR.md D, rule 1): their counts are not withheld.
	t.Publish()
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
