package importer_test

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/refdata"
)

// convertNow is the clock of the conversion tests.
var convertNow = time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)

var (
	refOnce     sync.Once
	convKubu    bina.Reference
	convMatcher *importer.RegionMatcher
)

// kubuRaya returns the reference data and a matcher of the Kubu Raya
// deployment, with the test clock.
func convertRef(t testing.TB) (bina.Reference, *importer.RegionMatcher) {
	t.Helper()
	refOnce.Do(func() {
		ref, err := refdata.Reference(bina.DefaultConfig())
		if err != nil {
			panic(err)
		}
		ref.Now = func() time.Time { return convertNow }
		bps, err := refdata.BPSBridge()
		if err != nil {
			panic(err)
		}
		convKubu, convMatcher = ref, importer.NewRegionMatcher(ref.Regions, bps)
	})
	return convKubu, convMatcher
}

// sidtHeader is the header row of the SIDT export.
func sidtHeader() []string {
	tp := fileformat.TemplateSIDT()
	h := make([]string, len(tp.Columns))
	for i, c := range tp.Columns {
		h[i] = c.Header
	}
	return h
}

// sidtRow returns a clean SIDT row of a keripik business in desa Kuala
// Dua, with some cells replaced.
func sidtRow(set map[string]string) []string {
	v := map[string]string{
		"id_data_badan_usaha": "SIDT-000123", "nik_pengusaha": "6112014507850003", "nama_pengusaha": "SITI AMINAH",
		"nib": "1234567890123", "jenis_kelamin": "Perempuan", "is_disabilitas": "Tidak", "tanggal_lahir": "05/07/1985",
		"pendidikan_formal": "SMA/SMK/Sederajat", "kontak_hp": "+62 812-3456-7890", "prov_pengusaha": "KALIMANTAN BARAT",
		"kab_pengusaha": "KAB. KUBU RAYA", "kec_pengusaha": "KEC. SUNGAI RAYA", "kel_pengusaha": "KUALA DUA",
		"alamat_pengusaha": "Jl. Adisucipto Gg. Mawar 3", "rt_pengusaha": "003", "rw_pengusaha": "002",
		"nama_usaha": "Keripik Pisang Bu Siti", "kegiatan_utama": "Industri keripik", "produk_utama": "Keripik pisang",
		"kategori_kbli": "C", "kode_kbli": "10794", "status_badan_usaha": "Perorangan", "skala_usaha": "Usaha Mikro",
		"modal_pendirian": "Rp 5.000.000", "bulan_mulai_operasi": "3", "tahun_mulai_operasi": "2018",
		"omzet_tahunan": "150.000.000", "asset": "35.000.000", "prov_usaha": "KALIMANTAN BARAT", "kab_usaha": "KAB. KUBU RAYA",
		"kec_usaha": "KEC. SUNGAI RAYA", "kel_usaha": "DESA KUALA DUA", "alamat_usaha": "Jl. Raya Kuala Dua No. 7",
		"rt_usaha": "004", "rw_usaha": "001", "alamat_latitude": "-0,0523", "alamat_longitude": "109,3456",
		"tk_dibayar_laki": "1", "tk_dibayar_perempuan": "2", "tk_dibayar_disabil_laki": "0", "tk_dibayar_disabil_perempuan": "1",
		"tk_not_dibayar_laki": "1", "tk_not_dibayar_perempuan": "0", "tk_not_dibayar_disabil_laki": "0", "tk_not_dibayar_disabil_perempua": "0",
		"pulled_at": "2025-11-01 10:00:00", "updated_at": "2025-10-01 08:00:00", "source_page": "12",
	}
	for k, x := range set {
		if _, ok := v[k]; !ok {
			panic("no SIDT column " + k)
		}
		v[k] = x
	}
	h := sidtHeader()
	row := make([]string, len(h))
	for i, c := range h {
		row[i] = v[c]
	}
	return row
}

// sidtConverter returns a converter of SIDT rows for the author's scope.
func sidtConverter(t testing.TB, scope bina.RegionCode) *importer.Converter {
	t.Helper()
	ref, m := convertRef(t)
	h := sidtHeader()
	mapping, missing := fileformat.TemplateSIDT().MapHeader(h)
	if len(missing) > 0 {
		t.Fatalf("SIDT header misses %v", missing)
	}
	c, err := importer.NewConverter(&imports.Job{Entity: bina.EntityEnterprise, Header: h, Mapping: mapping, Source: "sidt"}, importer.ConvertConfig{Ref: ref, Matcher: m, Scope: scope})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// problem returns the problem of row on field, or "".
func problem(r imports.Row, field string) string {
	for _, p := range r.Problems {
		if p.Field == field {
			return p.Message.ID
		}
	}
	return ""
}

func TestConvertCleanSIDTRow(t *testing.T) {
	c := sidtConverter(t, "")
	r := c.Convert(5, sidtRow(nil))
	if r.Outcome != imports.OutcomeCreated || len(r.Problems) != 0 {
		t.Fatalf("outcome %s, problems %+v", r.Outcome, r.Problems)
	}
	e := r.Enterprise
	lat, lon := -0.0523, 109.3456
	want := bina.Enterprise{
		Name: "Keripik Pisang Bu Siti",
		Owner: bina.Owner{Name: "SITI AMINAH", NIK: "6112014507850003", Gender: "P", BirthDate: bina.DateOf(1985, 7, 5),
			Phone: "081234567890", Education: "sma", Address: "Jl. Adisucipto Gg. Mawar 3, RT 003, RW 002, KUALA DUA, KEC. SUNGAI RAYA, KAB. KUBU RAYA, KALIMANTAN BARAT"},
		NIB: "1234567890123", LegalForm: "perorangan", KBLI: []bina.KBLICode{{Version: bina.KBLI2020, Code: "10794"}},
		MainProduct: "Keripik pisang", Address: "Jl. Raya Kuala Dua No. 7, RT 004, RW 001", VillageCode: "61.12.01.2004",
		Latitude: &lat, Longitude: &lon, StartYear: 2018, StartMonth: 3, Capital: 5_000_000, Assets: 35_000_000,
		// omzet_tahunan gives no year: the last full year, not the one
		// running (convertNow is in May 2026).
		Sales:           []bina.AnnualSales{{Year: 2025, Amount: 150_000_000}},
		WorkersPaidMale: 1, WorkersPaidFemale: 3, WorkersUnpaidMale: 1, WorkersTotal: 5,
		SizeReported: "mikro", SizeComputed: "mikro", SizeRule: bina.RulePP7_2021, Status: "aktif", Verification: "belum",
		Source: "sidt", SourceID: "SIDT-000123", Notes: "Kegiatan: Industri keripik",
	}
	if e.VillageCode != want.VillageCode {
		// The code of Kuala Dua comes from the reference tree.
		ref, _ := convertRef(t)
		for _, v := range ref.Regions.Children("61.12.01") {
			if v.Name == "Kuala Dua" {
				want.VillageCode = v.Code
			}
		}
	}
	if got, w := jsonOf(t, e), jsonOf(t, &want); got != w {
		t.Errorf("enterprise\n got %s\nwant %s", got, w)
	}
	if r.Key != "id:SIDT-000123" {
		t.Errorf("key %q", r.Key)
	}
	if r.Hash == 0 || r.Hash != importer.ContentHash(e) {
		t.Errorf("hash %d", r.Hash)
	}
}

func TestConvertMessyValues(t *testing.T) {
	tests := []struct {
		name    string
		set     map[string]string
		outcome string
		field   string // the field with a problem ("" for none)
		says    string // part of the problem's Indonesian text
		check   func(t *testing.T, e *bina.Enterprise)
	}{
		{"lost NIK kept out with a note", map[string]string{"nik_pengusaha": "3.2E+15"}, imports.OutcomeCreated, "owner.nik", "nik_pengusaha",
			func(t *testing.T, e *bina.Enterprise) {
				if e.Owner.NIK != "" {
					t.Errorf("NIK %q invented", e.Owner.NIK)
				}
			}},
		{"NIK with a bad birth date", map[string]string{"nik_pengusaha": "6112019907850003"}, imports.OutcomeCreated, "owner.nik", "dikosongkan", nil},
		{"phone without its zero", map[string]string{"kontak_hp": "81234567890"}, imports.OutcomeCreated, "", "",
			func(t *testing.T, e *bina.Enterprise) {
				if e.Owner.Phone != "081234567890" {
					t.Errorf("phone %q", e.Owner.Phone)
				}
			}},
		{"two phones", map[string]string{"kontak_hp": "0812 3456 7890 / 0813 1111 2222"}, imports.OutcomeCreated, "owner.phone", "lebih dari satu", nil},
		{"capital in juta", map[string]string{"modal_pendirian": "Rp 1,5 jt"}, imports.OutcomeCreated, "", "",
			func(t *testing.T, e *bina.Enterprise) {
				if e.Capital != 1_500_000 {
					t.Errorf("capital %d", e.Capital)
				}
			}},
		{"sales with thousands commas", map[string]string{"omzet_tahunan": "2,500,000,000"}, imports.OutcomeCreated, "", "",
			func(t *testing.T, e *bina.Enterprise) {
				if e.LatestSales().Amount != 2_500_000_000 || e.SizeComputed != "kecil" {
					t.Errorf("sales %+v, size %s", e.Sales, e.SizeComputed)
				}
			}},
		{"monthly sales refused", map[string]string{"omzet_tahunan": "5 juta/bulan"}, imports.OutcomeRejected, "sales", "omzet_tahunan", nil},
		{"unreadable capital", map[string]string{"modal_pendirian": "banyak"}, imports.OutcomeRejected, "capital", "Kolom \"modal_pendirian\"", nil},
		{"unreadable workers", map[string]string{"tk_dibayar_laki": "dua"}, imports.OutcomeRejected, "workers_paid_male", "tk_dibayar_laki", nil},
		{"birth date as Excel serial", map[string]string{"tanggal_lahir": "31233"}, imports.OutcomeCreated, "", "",
			func(t *testing.T, e *bina.Enterprise) {
				if e.Owner.BirthDate != bina.DateOf(1985, 7, 5) {
					t.Errorf("birth date %s", e.Owner.BirthDate)
				}
			}},
		{"birth date month first", map[string]string{"tanggal_lahir": "07/25/1985"}, imports.OutcomeCreated, "owner.birth_date", "bulan/tanggal/tahun", nil},
		{"KBLI of four digits padded", map[string]string{"kode_kbli": "1111", "kategori_kbli": ""}, imports.OutcomeCreated, "", "",
			func(t *testing.T, e *bina.Enterprise) {
				if len(e.KBLI) != 1 || e.KBLI[0].Code != "01111" {
					t.Errorf("KBLI %+v", e.KBLI)
				}
			}},
		{"unknown KBLI left out", map[string]string{"kode_kbli": "99999"}, imports.OutcomeCreated, "kbli", "tidak ada", nil},
		{"section disagrees", map[string]string{"kategori_kbli": "G - Perdagangan"}, imports.OutcomeCreated, "kbli_section", "tidak sesuai", nil},
		{"legal form in SIDT words", map[string]string{"status_badan_usaha": "Belum Berbadan Usaha"}, imports.OutcomeCreated, "", "", nil},
		{"unknown legal form", map[string]string{"status_badan_usaha": "Kongsi"}, imports.OutcomeRejected, "legal_form", "status_badan_usaha", nil},
		{"size UM refused but kept out", map[string]string{"skala_usaha": "UM"}, imports.OutcomeCreated, "size_reported", "mikro atau menengah", nil},
		{"swapped coordinates", map[string]string{"alamat_latitude": "109.3456", "alamat_longitude": "-0.0523"}, imports.OutcomeCreated, "latitude", "tertukar", nil},
		{"coordinates outside Indonesia", map[string]string{"alamat_latitude": "48.85", "alamat_longitude": "2.35"}, imports.OutcomeCreated, "latitude", "luar Indonesia", nil},
		{"no owner name", map[string]string{"nama_pengusaha": " - "}, imports.OutcomeRejected, "owner.name", "Nama pemilik wajib diisi", nil},
		{"no business name", map[string]string{"nama_usaha": ""}, imports.OutcomeRejected, "name", "nama_usaha", nil},
		{"start year in the future", map[string]string{"tahun_mulai_operasi": "2031"}, imports.OutcomeRejected, "start_year", "tahun_mulai_operasi", nil},
		{"Excel error cell", map[string]string{"asset": "#VALUE!"}, imports.OutcomeRejected, "assets", "galat Excel", nil},
		{"disabled workers added", map[string]string{"tk_dibayar_disabil_laki": "2", "tk_not_dibayar_disabil_perempua": "1"}, imports.OutcomeCreated, "", "",
			func(t *testing.T, e *bina.Enterprise) {
				if e.WorkersPaidMale != 3 || e.WorkersUnpaidFemale != 1 {
					t.Errorf("workers %d paid men, %d unpaid women", e.WorkersPaidMale, e.WorkersUnpaidFemale)
				}
			}},
		{"formula text kept as text", map[string]string{"produk_utama": "=HYPERLINK(\"x\")"}, imports.OutcomeCreated, "", "", nil},
	}
	c := sidtConverter(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Convert(7, sidtRow(tt.set))
			if r.Outcome != tt.outcome {
				t.Fatalf("outcome %s, want %s; problems %+v", r.Outcome, tt.outcome, r.Problems)
			}
			if tt.field == "" {
				if len(r.Problems) > 0 {
					t.Errorf("unexpected problems %+v", r.Problems)
				}
			} else if p := problem(r, tt.field); !strings.Contains(p, tt.says) {
				t.Errorf("problem on %s = %q, want it to say %q (all: %+v)", tt.field, p, tt.says, r.Problems)
			}
			for _, p := range r.Problems {
				if p.Message.ID == "" || p.Message.EN == "" {
					t.Errorf("problem without both languages: %+v", p)
				}
			}
			if tt.check != nil {
				tt.check(t, r.Enterprise)
			}
		})
	}
}

func TestConvertRegions(t *testing.T) {
	ref, _ := convertRef(t)
	tests := []struct {
		name             string
		kab, kec, kel    string
		scope            bina.RegionCode
		outcome          string
		note, candidates bool
		village          string // expected desa name when placed
		says             string
	}{
		{"names in capitals with prefixes", "KAB. KUBU RAYA", "KEC. SUNGAI KAKAP", "DESA SUNGAI RENGAS", "", imports.OutcomeCreated, false, false, "Sungai Rengas", ""},
		{"Sei for Sungai", "KUBU RAYA", "Sei Kakap", "Sei Itik", "", imports.OutcomeCreated, false, false, "Sungai Itik", ""},
		{"misspelt desa read with a note", "KAB. KUBU RAYA", "KEC. SUNGAI RAYA", "SUNGAI RAYA DALEM", "", imports.OutcomeCreated, true, false, "Sungai Raya Dalam", "dibaca sebagai"},
		{"unknown desa to review", "KAB. KUBU RAYA", "KEC. SUNGAI RAYA", "DESA ANTAH BERANTAH", "", imports.OutcomeReview, true, false, "", "tidak ditemukan"},
		{"only the kecamatan: its desa offered", "KAB. KUBU RAYA", "KEC. RASAU JAYA", "", "", imports.OutcomeReview, true, true, "", "pilih desa"},
		{"another regency rejected", "KAB. SAMBAS", "KEC. SEJANGKUNG", "DESA SEJANGKUNG", "", imports.OutcomeRejected, true, false, "", "di luar wilayah"},
		{"outside the officer's area", "KAB. KUBU RAYA", "KEC. KUBU", "DESA KUBU", "61.12.01", imports.OutcomeRejected, true, false, "", "wilayah kerja"},
		{"inside the officer's area", "KAB. KUBU RAYA", "KEC. SUNGAI RAYA", "KAPUR", "61.12.01", imports.OutcomeCreated, false, false, "Kapur", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sidtConverter(t, tt.scope)
			r := c.Convert(3, sidtRow(map[string]string{"kab_usaha": tt.kab, "kec_usaha": tt.kec, "kel_usaha": tt.kel}))
			if r.Outcome != tt.outcome {
				t.Fatalf("outcome %s, want %s (%+v, problems %+v)", r.Outcome, tt.outcome, r.Region, r.Problems)
			}
			p := problem(r, "village") + problem(r, "regency") + problem(r, "district")
			if (p != "") != tt.note || !strings.Contains(p, tt.says) {
				t.Errorf("region problem %q, want one saying %q: %v", p, tt.says, tt.note)
			}
			if tt.candidates && len(r.Region.Candidates) < 2 {
				t.Errorf("candidates %+v", r.Region.Candidates)
			}
			if tt.village != "" {
				if got := ref.Regions.Name(r.Enterprise.VillageCode); got != tt.village {
					t.Errorf("placed in %q (%s), want %q", got, r.Enterprise.VillageCode, tt.village)
				}
			} else if r.Enterprise.VillageCode != "" {
				t.Errorf("placed in %s, want no desa", r.Enterprise.VillageCode)
			}
		})
	}
}

// TestConvertSalesYear: a sales figure is stored under the year its row
// gives, else the year its column's header names, else the last full year.
func TestConvertSalesYear(t *testing.T) {
	ref, m := convertRef(t)
	v := string(ref.Regions.Children("61.12.03")[0].Code)
	tests := []struct {
		header []string
		row    []string
		want   int
	}{
		{[]string{"Nama Usaha", "Kode Desa", "Omzet"}, []string{"Warung", v, "12000000"}, 2025},
		{[]string{"Nama Usaha", "Kode Desa", "Omzet Tahun 2023 (Rp)"}, []string{"Warung", v, "12000000"}, 2023},
		{[]string{"Nama Usaha", "Kode Desa", "Omzet 2030"}, []string{"Warung", v, "12000000"}, 2025},
		{[]string{"Nama Usaha", "Kode Desa", "Omzet", "Tahun Omzet"}, []string{"Warung", v, "12000000", "2026"}, 2026},
		{[]string{"Nama Usaha", "Kode Desa", "Omzet 2024", "Tahun Omzet"}, []string{"Warung", v, "12000000", ""}, 2024},
	}
	for _, tc := range tests {
		mapping := fileformat.SuggestMapping(tc.header, bina.EntityEnterprise)
		c, err := importer.NewConverter(&imports.Job{Entity: bina.EntityEnterprise, Header: tc.header, Mapping: mapping}, importer.ConvertConfig{Ref: ref, Matcher: m})
		if err != nil {
			t.Fatalf("%v: %v", tc.header, err)
		}
		r := c.Convert(2, tc.row)
		if r.Enterprise == nil || len(r.Enterprise.Sales) != 1 || r.Enterprise.Sales[0].Year != tc.want {
			t.Errorf("%v %v: sales %+v (problems %+v), want in %d", tc.header, tc.row, r.Enterprise, r.Problems, tc.want)
		}
	}
}

func TestConvertVillageCodeWinsOverNames(t *testing.T) {
	ref, m := convertRef(t)
	header := []string{"Nama Usaha", "Nama Pemilik", "Desa/Kelurahan", "Kode Desa", "RT", "Alamat Usaha"}
	mapping := fileformat.SuggestMapping(header, bina.EntityEnterprise)
	c, err := importer.NewConverter(&imports.Job{Entity: bina.EntityEnterprise, Header: header, Mapping: mapping}, importer.ConvertConfig{Ref: ref, Matcher: m})
	if err != nil {
		t.Fatal(err)
	}
	v := ref.Regions.Children("61.12.03")[0]
	r := c.Convert(2, []string{"Warung Kopi Pak Amat", "Amat", "Desa Lain", string(v.Code), "7", "Gg. Melati"})
	if r.Outcome != imports.OutcomeCreated || r.Enterprise.VillageCode != v.Code {
		t.Fatalf("outcome %s in %s, problems %+v", r.Outcome, r.Enterprise.VillageCode, r.Problems)
	}
	if r.Enterprise.Address != "Gg. Melati, RT 7" || r.Enterprise.Source != "import" {
		t.Errorf("address %q, source %q", r.Enterprise.Address, r.Enterprise.Source)
	}
	if !strings.HasPrefix(r.Key, "h:") || len(r.Key) != 18 {
		t.Errorf("key %q", r.Key)
	}
	again := c.Convert(9, []string{"WARUNG KOPI  PAK AMAT", "amat", "Desa Lain", string(v.Code), "", ""})
	if again.Key != r.Key {
		t.Errorf("the same business gets key %q, then %q", r.Key, again.Key)
	}
	other := c.Convert(9, []string{"Warung Kopi Pak Amat", "Amat", "", string(ref.Regions.Children("61.12.03")[1].Code), "", ""})
	if other.Key == r.Key {
		t.Error("a business in another desa gets the same key")
	}
}

func TestConvertIsDataRow(t *testing.T) {
	c := sidtConverter(t, "")
	for _, tt := range []struct {
		cells []string
		want  bool
	}{
		{nil, false},
		{[]string{"", "  ", "\t"}, false},
		{sidtHeader(), false},
		{[]string{"ID_DATA_BADAN_USAHA", " nik_pengusaha "}, false},
		{sidtRow(nil), true},
		{[]string{"id_data_badan_usaha", "6112014507850003"}, true},
	} {
		if got := c.IsDataRow(tt.cells); got != tt.want {
			t.Errorf("IsDataRow(%q) = %v, want %v", tt.cells, got, tt.want)
		}
	}
}

func TestConvertMappingInvalid(t *testing.T) {
	ref, m := convertRef(t)
	_, err := importer.NewConverter(&imports.Job{Entity: bina.EntityEnterprise, Header: []string{"Nama"}, Mapping: imports.Mapping{0: bina.FieldName}},
		importer.ConvertConfig{Ref: ref, Matcher: m})
	if bina.ErrorCode(err) != bina.Invalid || len(bina.ErrorFields(err)) == 0 {
		t.Fatalf("err %v", err)
	}
}

func TestConvertCooperative(t *testing.T) {
	ref, m := convertRef(t)
	tp := fileformat.TemplateKoperasi()
	var header []string
	for _, c := range tp.Columns {
		header = append(header, c.Header)
	}
	mapping, _ := tp.MapHeader(header)
	c, err := importer.NewConverter(&imports.Job{Entity: bina.EntityCooperative, Header: header, Mapping: mapping, Source: "odskop"}, importer.ConvertConfig{Ref: ref, Matcher: m})
	if err != nil {
		t.Fatal(err)
	}
	cells := []string{"6112010020001234", "KSP Credit Union Pancur Kasih", "518.08/96/BH/XIV.10/VIII/2008", "12-08-2008", "Primer",
		"Simpan Pinjam", "Konvensional", "Aktif", "Keuangan", "Credit Union", "Kalimantan Barat", "Kab. Kubu Raya", "Sungai Raya",
		"Sungai Raya", "Jl. Adisucipto Km 9", "78391", "cu@example.org", "A"}
	r := c.Convert(2, cells)
	if r.Outcome != imports.OutcomeCreated {
		t.Fatalf("outcome %s: %+v", r.Outcome, r.Problems)
	}
	co := r.Cooperative
	if co.RegistrationNumber != "6112010020001234" || co.Jenis != "simpan_pinjam" || co.Kelompok != "credit_union" ||
		co.LegalDate != bina.DateOf(2008, 8, 12) || co.Address != "Jl. Adisucipto Km 9 78391" || co.Source != "odskop" ||
		!strings.Contains(co.Notes, "Grade: A") || !strings.Contains(co.Notes, "Email: cu@example.org") {
		t.Errorf("cooperative %+v", co)
	}
	cells[5] = "Simpan Jual"
	if r := c.Convert(3, cells); r.Outcome != imports.OutcomeRejected || problem(r, "jenis") == "" {
		t.Errorf("bad type: %s %+v", r.Outcome, r.Problems)
	}
}

func TestTakeFields(t *testing.T) {
	lat := -0.1
	old := bina.Enterprise{Name: "Toko Lama", NIB: "1111111111111", Owner: bina.Owner{Name: "A", Phone: "081111111111"},
		Sales: []bina.AnnualSales{{Year: 2024, Amount: 5}, {Year: 2025, Amount: 7}}}
	in := bina.Enterprise{Name: "Toko Baru", NIB: "2222222222222", Owner: bina.Owner{Name: "B", Phone: "082222222222"},
		Latitude: &lat, Sales: []bina.AnnualSales{{Year: 2025, Amount: 9}, {Year: 2026, Amount: 11}}}
	x := old
	if err := x.TakeFields(&in, []string{"nib", "owner.phone", "sales", "latitude"}); err != nil {
		t.Fatal(err)
	}
	if x.Name != "Toko Lama" || x.NIB != in.NIB || x.Owner.Phone != in.Owner.Phone || x.Owner.Name != "A" || x.Latitude != &lat {
		t.Errorf("took %+v", x)
	}
	if want := []bina.AnnualSales{{Year: 2026, Amount: 11}, {Year: 2025, Amount: 9}, {Year: 2024, Amount: 5}}; !slices.Equal(x.Sales, want) {
		t.Errorf("sales %v, want %v", x.Sales, want)
	}
	if err := x.TakeFields(&in, []string{"id"}); bina.ErrorCode(err) != bina.Invalid {
		t.Errorf("unknown field: %v", err)
	}
	for _, f := range bina.MergeFields(bina.EntityEnterprise) {
		if err := x.TakeFields(&in, []string{f}); err != nil {
			t.Errorf("merge field %s: %v", f, err)
		}
	}
}

// jsonOf returns v as JSON, for comparing records field by field.
func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// FuzzConvertRow feeds random rows to the SIDT converter: no row makes it
// panic, every rejected row says why in both languages, every row it
// would create passes validation in its desa, and every row sent to a
// region review has no desa.
func FuzzConvertRow(f *testing.F) {
	c := sidtConverter(f, "")
	ref, _ := convertRef(f)
	seed := func(set map[string]string) { f.Add(strings.Join(sidtRow(set), "\t")) }
	seed(nil)
	seed(map[string]string{"nik_pengusaha": "3.2E+15", "kel_usaha": "SEI RAYA DALEM", "modal_pendirian": "1,5 jt"})
	seed(map[string]string{"kab_usaha": "KAB. SAMBAS", "omzet_tahunan": "5 juta/bulan", "alamat_latitude": "109,1", "alamat_longitude": "-0,1"})
	seed(map[string]string{"kel_usaha": "", "tanggal_lahir": "31233", "kode_kbli": "1111", "tk_dibayar_laki": "1.0"})
	f.Add("\t\t\t")
	f.Add("=1+1\t'6112014507850003\t\"SITI\"")
	f.Fuzz(func(t *testing.T, s string) {
		cells := strings.Split(s, "\t")
		r := c.Convert(2, cells)
		switch r.Outcome {
		case imports.OutcomeRejected:
			if len(r.Problems) == 0 {
				t.Fatalf("rejected without a problem: %q", cells)
			}
		case imports.OutcomeCreated:
			if err := r.Enterprise.Validate(ref); err != nil {
				t.Fatalf("created row fails validation: %v (%q)", err, cells)
			}
			if r.Enterprise.VillageCode.Level() != bina.LevelVillage {
				t.Fatalf("created row without a desa: %q", cells)
			}
		case imports.OutcomeReview:
			if r.Enterprise.VillageCode != "" {
				t.Fatalf("region review with a desa %s", r.Enterprise.VillageCode)
			}
		default:
			t.Fatalf("outcome %q", r.Outcome)
		}
		for _, p := range r.Problems {
			if p.Message.ID == "" || p.Message.EN == "" {
				t.Fatalf("problem without both languages: %+v", p)
			}
		}
		if r.Key == "" {
			t.Fatal("no key")
		}
		if again := c.Convert(2, cells); again.Key != r.Key || again.Hash != r.Hash || again.Outcome != r.Outcome {
			t.Fatalf("converting twice differs: %+v then %+v", r, again)
		}
	})
}
