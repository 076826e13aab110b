package export

import (
	"bina/indicator"
	"context"
	"math"
	"strconv"

	"bina"
)

// OpenDataLicence is the licence every open dataset is published under,
// with attribution to the producing Dinas (INDIKATOR.md A5).
var OpenDataLicence = struct{ Name, URL string }{"CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.id"}

// OpenDataProducer is the Produsen Data of the open datasets: the Dinas of
// the deployment's region (INDIKATOR.md A2). The Walidata (Diskominfo)
// publishes them on the regency's Satu Data portal.
func OpenDataProducer(ref bina.Reference) string {
	name := "Dinas Koperasi dan UMKM"
	if ref.Regions != nil && ref.Regions.Root() != "" {
		name += " " + ref.Regions.Name(ref.Regions.Root())
	}
	return name
}

// OpenDataSources are the services open datasets are counted from; the
// context passed with them carries an actor who sees the whole deployment.
type OpenDataSources struct {
	Enterprises  bina.EnterpriseService
	Cooperatives bina.CooperativeService
	Indicators   indicator.Service
	Ref          bina.Reference
}

// OpenDataset is one dataset of the open-data page: what it holds, and how
// its table is counted. Its files are /data-terbuka/{Name}.csv and .json.
type OpenDataset struct {
	Name        string // "umkm-pemilik"
	Title       bina.Text
	Description bina.Text
	// Indicator is the code of the catalogue's indicator the figures are
	// (indicator.Indicators), "" for a table of the register's counts.
	Indicator string
	// Subject is what is counted, as indicator.Indicator.Subject: the records
	// whose last change dates the dataset.
	Subject string
	// People reports that the counts are of businesses people own: small
	// counts are withheld (OpenDataTable.Suppress).
	People bool
	// Years is how many years the dataset covers, ending with the
	// current year.
	Years int
	// Level is the finest region of its rows.
	Level bina.RegionLevel
	// Categories are the kategori= choices a dataset of the first
	// open-data routes still answers (the first is the default).
	Categories []OpenDataCategory
	// indicators reports that the table is counted by the indicator
	// service, rather than from the register's counts.
	indicators bool
	count      func(ctx context.Context, src OpenDataSources, category string, year int) (*OpenDataTable, error)
}

// Count counts the dataset's table for the current year (year 0, or the
// current year; another one is Invalid). category is a kategori= choice
// of Categories ("": the first); a dataset without them takes none.
func (d *OpenDataset) Count(ctx context.Context, src OpenDataSources, category string, year int) (*OpenDataTable, error) {
	if category != "" && len(d.Categories) == 0 {
		var p bina.Problems
		p.Add("kategori", "Dataset %s tidak dirinci menurut kategori", "Dataset %s has no categories", d.Name)
		return nil, p.Err()
	}
	if len(d.Categories) > 0 {
		if category == "" {
			category = d.Categories[0].Code
		}
		if _, ok := OpenDataCategoryOf(d.Categories, category); !ok {
			return nil, unknownCategory(category, d.Categories)
		}
	}
	if !d.Available(src) {
		return nil, bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
	}
	year, err := openDataYear(src.Ref, year)
	if err != nil {
		return nil, err
	}
	t, err := d.count(ctx, src, category, year)
	if err != nil {
		return nil, err
	}
	return finish(t, d.People), nil
}

// Available reports whether src has what d is counted from.
func (d *OpenDataset) Available(src OpenDataSources) bool {
	return !d.indicators || src.Indicators != nil
}

// Period returns the years the dataset covers, as "2026" or "2022–2026".
func (d *OpenDataset) Period(ref bina.Reference) string {
	now := ref.Clock().Year()
	if d.Years <= 1 {
		return strconv.Itoa(now)
	}
	return strconv.Itoa(now-d.Years+1) + "–" + strconv.Itoa(now)
}

// OpenDatasetByName returns the dataset named name.
func OpenDatasetByName(name string) (*OpenDataset, bool) {
	for i := range OpenDatasets {
		if OpenDatasets[i].Name == name {
			return &OpenDatasets[i], true
		}
	}
	return nil, false
}

// trendYears is how many years a by=year breakdown of the indicator
// service holds (sqlstore's trendYears).
const trendYears = 5

// enterpriseCounts is a dataset of the UMKM table by one category.
func enterpriseCounts(category string) func(context.Context, OpenDataSources, string, int) (*OpenDataTable, error) {
	return func(ctx context.Context, src OpenDataSources, asked string, year int) (*OpenDataTable, error) {
		if asked != "" {
			category = asked
		}
		return EnterpriseOpenDataTable(ctx, src.Enterprises, src.Ref, category, year)
	}
}

// cooperativeCounts is a dataset of the cooperative table by one category.
func cooperativeCounts(category string) func(context.Context, OpenDataSources, string, int) (*OpenDataTable, error) {
	return func(ctx context.Context, src OpenDataSources, asked string, year int) (*OpenDataTable, error) {
		if asked != "" {
			category = asked
		}
		return CooperativeOpenDataTable(ctx, src.Cooperatives, src.Ref, category, year)
	}
}

// OpenDatasets are the datasets of /data-terbuka, in the order the page
// lists them. Each figure is counted once, by the code that counts it
// for the office: the register's kept counts (the UMKM and cooperative
// tables) or the indicator catalogue (indicator.Service), never by a
// query of its own. Series over years are kept to figures whose records
// carry their own year (programmes, book years): the register's counts of
// past years follow the dates records were entered, which in a register
// loaded at once say nothing of the businesses (docs/data-terbuka.md).
var OpenDatasets = []OpenDataset{
	{Name: "umkm", Title: bina.Text{ID: "Jumlah UMKM menurut skala usaha per kecamatan", EN: "UMKM by business size per district"},
		Description: bina.Text{ID: "UMKM terdaftar yang tidak diarsipkan, per kecamatan dan skala usaha (mikro, kecil, menengah; PP 7/2021). Parameter kategori=kbli|status|binaan memberi tabel yang sama menurut kategori lain.",
			EN: "Registered businesses not archived, per district and business size (micro, small, medium; PP 7/2021). The parameter kategori=kbli|status|binaan gives the same table by another category."},
		Indicator: "umkm_registered", Subject: "enterprise", People: true, Years: 1, Level: bina.LevelDistrict,
		Categories: EnterpriseOpenData, count: enterpriseCounts("skala")},
	{Name: "umkm-kbli", Title: bina.Text{ID: "Jumlah UMKM menurut kategori KBLI per kecamatan", EN: "UMKM by KBLI section per district"},
		Description: bina.Text{ID: "UMKM terdaftar per kecamatan dan kategori (seksi) KBLI 2020 kegiatan utamanya; yang belum ber-KBLI dihitung sebagai \"Belum diketahui\".",
			EN: "Registered businesses per district and KBLI 2020 section of their main activity; those without a KBLI code count as \"Belum diketahui\" (not known)."},
		Indicator: "umkm_registered", Subject: "enterprise", People: true, Years: 1, Level: bina.LevelDistrict, count: enterpriseCounts("kbli")},
	{Name: "umkm-pemilik", Title: bina.Text{ID: "Jumlah UMKM menurut jenis kelamin pemilik per kecamatan", EN: "UMKM by owner's sex per district"},
		Description: bina.Text{ID: "UMKM terdaftar per kecamatan dan jenis kelamin pemiliknya.", EN: "Registered businesses per district and the sex of their owner."},
		Indicator:   "umkm_registered", Subject: "enterprise", People: true, Years: 1, Level: bina.LevelDistrict, indicators: true, count: indicatorByKey("umkm_registered", "gender", "jenis_kelamin_pemilik", "jumlah_umkm", "unit")},
	{Name: "umkm-desa", Title: bina.Text{ID: "Jumlah UMKM per desa/kelurahan", EN: "UMKM per village"},
		Description: bina.Text{ID: "UMKM terdaftar per desa/kelurahan. Di desa kecil jumlahnya sering di bawah ambang dan dirahasiakan.", EN: "Registered businesses per village. In small villages the count is often below the threshold and withheld."},
		Indicator:   "umkm_registered", Subject: "enterprise", People: true, Years: 1, Level: bina.LevelVillage, indicators: true, count: indicatorByVillage("umkm_registered", "jumlah_umkm", "unit")},
	{Name: "umkm-binaan", Title: bina.Text{ID: "Jumlah UMKM binaan per kecamatan", EN: "UMKM under coaching per district"},
		Description: bina.Text{ID: "UMKM terdaftar per kecamatan, binaan (dijangkau Dinas dalam masa binaan) dan bukan binaan.", EN: "Registered businesses per district, under coaching (reached by the office within the binaan window) or not."},
		Indicator:   "umkm_binaan", Subject: "enterprise", People: true, Years: 1, Level: bina.LevelDistrict, count: enterpriseCounts("binaan")},
	{Name: "peserta-program", Title: bina.Text{ID: "Jumlah peserta program pembinaan per kecamatan, lima tahun terakhir", EN: "Coaching programme participants per district, last five years"},
		Description: bina.Text{ID: "Keikutsertaan UMKM (hadir atau lulus) dalam program pembinaan tiap tahun, menurut kecamatan tempat usahanya.", EN: "Participations of businesses (attended or completed) in each year's coaching programmes, by the district of the business."},
		Indicator:   "programme_participants", Subject: "participant", People: true, Years: trendYears, Level: bina.LevelDistrict, indicators: true, count: indicatorByYear("programme_participants", bina.LevelDistrict, "jumlah_peserta", "peserta")},
	{Name: "program", Title: bina.Text{ID: "Jumlah program pembinaan per tahun", EN: "Coaching programmes per year"},
		Description: bina.Text{ID: "Program pembinaan (pelatihan, pameran, pendampingan) yang diselenggarakan Dinas tiap tahun.", EN: "Coaching programmes (trainings, exhibitions, mentoring) the office ran each year."},
		Indicator:   "programmes", Subject: "programme", Years: trendYears, Level: bina.LevelRegency, indicators: true, count: indicatorByYear("programmes", bina.LevelRegency, "jumlah_program", "program")},
	{Name: "koperasi", Title: bina.Text{ID: "Jumlah koperasi menurut jenis per kecamatan", EN: "Cooperatives by type per district"},
		Description: bina.Text{ID: "Koperasi terdaftar yang tidak diarsipkan, per kecamatan dan jenis koperasi (Permenkop 9/2018). Parameter kategori=keaktifan memberi tabel aktif/tidak aktif.",
			EN: "Registered cooperatives not archived, per district and type (Permenkop 9/2018). The parameter kategori=keaktifan gives the active/inactive table."},
		Indicator: "coop_registered", Subject: "cooperative", Years: 1, Level: bina.LevelDistrict, Categories: CooperativeOpenData, count: cooperativeCounts("jenis")},
	{Name: "koperasi-aktif", Title: bina.Text{ID: "Jumlah koperasi aktif dan tidak aktif per kecamatan", EN: "Active and inactive cooperatives per district"},
		Description: bina.Text{ID: "Koperasi terdaftar per kecamatan; aktif berarti menyelenggarakan RAT tahun buku terakhir yang jatuh tempo (atau dalam batas toleransi).",
			EN: "Registered cooperatives per district; active means it held the RAT of the newest due book year (or within the tolerance)."},
		Indicator: "coop_active", Subject: "cooperative", Years: 1, Level: bina.LevelDistrict, count: cooperativeCounts("keaktifan")},
	{Name: "koperasi-rat", Title: bina.Text{ID: "Jumlah koperasi yang menyelenggarakan RAT tepat waktu per tahun", EN: "Cooperatives holding the RAT on time per year"},
		Description: bina.Text{ID: "Koperasi yang menyelenggarakan RAT tahun buku sebelumnya (tahun − 1) dan menyampaikan laporannya sebelum batas waktu.", EN: "Cooperatives that held the RAT of the previous book year (year − 1) and sent its report by the due dates."},
		Indicator:   "coop_rat_on_time", Subject: "compliance", Years: trendYears, Level: bina.LevelRegency, indicators: true, count: indicatorByYear("coop_rat_on_time", bina.LevelRegency, "jumlah_koperasi_rat", "unit")},
}

// finish withholds or publishes a table's counts as its dataset says:
// counts of people's businesses are withheld below SmallCell, the others
// published.
func finish(t *OpenDataTable, people bool) *OpenDataTable {
	if people {
		t.Suppress()
	} else {
		t.Publish()
	}
	return t
}

// count rounds an indicator's value to a count.
func count(v indicator.Value) int { return int(math.Round(v.Value)) }

// indicatorByKey is a table per kecamatan and key of a breakdown of an
// indicator: one IndicatorBreakdown per kecamatan. Every kecamatan gets
// every key any of them has, so the table is a full grid.
func indicatorByKey(code, by, column, measure, unit string) func(context.Context, OpenDataSources, string, int) (*OpenDataTable, error) {
	return func(ctx context.Context, src OpenDataSources, _ string, year int) (*OpenDataTable, error) {
		type cell struct {
			d bina.RegionCode
			k string
		}
		n := map[cell]int{}
		var keys bina.Options
		districts := src.Ref.Regions.Districts()
		for _, d := range districts {
			vs, err := src.Indicators.IndicatorBreakdown(ctx, code, indicator.Query{Year: year, Region: d.Code}, by)
			if err != nil {
				return nil, err
			}
			for _, v := range vs {
				if !keys.Has(v.Key) {
					keys = append(keys, bina.Option{Code: v.Key, ID: v.Label, EN: v.Label})
				}
				n[cell{d.Code, v.Key}] = count(v)
			}
		}
		t := &OpenDataTable{Category: OpenDataCategory{Code: by, Column: column, Values: keys}, Level: bina.LevelDistrict, Measure: measure, Unit: unit, Year: year}
		for _, d := range districts {
			for _, k := range keys {
				t.Rows = append(t.Rows, OpenDataRow{Region: d.Code, Category: k, Count: n[cell{d.Code, k.Code}]})
			}
		}
		return t, nil
	}
}

// indicatorByVillage is a table per desa of an indicator: its breakdown by
// region under each kecamatan. Records without a desa are a row of their
// kecamatan.
func indicatorByVillage(code, measure, unit string) func(context.Context, OpenDataSources, string, int) (*OpenDataTable, error) {
	return func(ctx context.Context, src OpenDataSources, _ string, year int) (*OpenDataTable, error) {
		t := &OpenDataTable{Level: bina.LevelVillage, Measure: measure, Unit: unit, Year: year}
		for _, d := range src.Ref.Regions.Districts() {
			vs, err := src.Indicators.IndicatorBreakdown(ctx, code, indicator.Query{Year: year, Region: d.Code}, "region")
			if err != nil {
				return nil, err
			}
			for _, v := range vs {
				r := bina.RegionCode(v.Key)
				if r.Level() != bina.LevelVillage {
					r = d.Code
				}
				t.Rows = append(t.Rows, OpenDataRow{Region: r, Count: count(v)})
			}
		}
		return t, nil
	}
}

// indicatorByYear is a table per year of an indicator (its by=year
// breakdown), per kecamatan (level LevelDistrict) or for the whole
// deployment (LevelRegency).
func indicatorByYear(code string, level bina.RegionLevel, measure, unit string) func(context.Context, OpenDataSources, string, int) (*OpenDataTable, error) {
	return func(ctx context.Context, src OpenDataSources, _ string, year int) (*OpenDataTable, error) {
		regions := []bina.RegionCode{src.Ref.Regions.Root()}
		if level == bina.LevelDistrict {
			regions = regions[:0]
			for _, d := range src.Ref.Regions.Districts() {
				regions = append(regions, d.Code)
			}
		}
		t := &OpenDataTable{Level: level, Measure: measure, Unit: unit, Year: year}
		for _, r := range regions {
			vs, err := src.Indicators.IndicatorBreakdown(ctx, code, indicator.Query{Year: year, Region: r}, "year")
			if err != nil {
				return nil, err
			}
			for _, v := range vs {
				y, _ := strconv.Atoi(v.Key)
				t.Rows = append(t.Rows, OpenDataRow{Region: r, Year: y, Count: count(v)})
			}
		}
		return t, nil
	}
}
