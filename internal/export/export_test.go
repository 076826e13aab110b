package export_test

import (
	"errors"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/export"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/refdata"
)

var exportNow = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

func kubuRaya(t testing.TB) bina.Reference {
	t.Helper()
	ref, err := refdata.Reference(bina.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ref.Now = func() time.Time { return exportNow }
	return ref
}

// fullEnterprise has every field of Bina's template set.
func fullEnterprise() *bina.Enterprise {
	lat, lon := -0.0523, 109.3456
	return &bina.Enterprise{
		ID: 7, Name: "Kerupuk Amplang Bu Sri", TradeName: "Amplang Sri",
		Owner: bina.Owner{Name: "Sri Rahayu", NIK: "6112015708900001", Gender: "P", BirthDate: bina.DateOf(1990, 8, 17),
			Phone: "081234567890", Education: "sma", Disability: true, Address: "Jl. Parit Baru 3"},
		NIB: "1234567890123", LegalForm: "pt_perorangan",
		KBLI:        []bina.KBLICode{{Version: bina.KBLI2020, Code: "10794"}, {Version: bina.KBLI2020, Code: "47111"}, {Version: bina.KBLI2020, Code: "01262"}},
		MainProduct: "Amplang ikan", Address: "Jl. Adisucipto Km 12", VillageCode: "61.12.01.2004",
		Latitude: &lat, Longitude: &lon, StartYear: 2019, StartMonth: 5,
		Capital: 25_000_000, Assets: 40_000_000,
		Sales:           []bina.AnnualSales{{Year: 2025, Amount: 150_000_000}, {Year: 2024, Amount: 90_000_000}},
		WorkersPaidMale: 1, WorkersPaidFemale: 2, WorkersUnpaidMale: 0, WorkersUnpaidFemale: 3, WorkersTotal: 9,
		SizeReported: "kecil", SizeComputed: "mikro",
		Digital: bina.Digital{Marketplace: true, QRIS: true, Links: "https://toko.example/sri"},
		Status:  "tutup_sementara", Binaan: true, BinaanSince: bina.DateOf(2021, 3, 1),
		Notes:     "Ikut bazar 2024",
		UpdatedAt: time.Date(2026, 10, 1, 8, 30, 0, 0, time.UTC),
	}
}

// cellText writes a cell as the CSV writer does.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bina.Date:
		return x.String()
	}
	panic("unexpected cell type")
}

// TestBinaLayoutReadsBack writes an enterprise in Bina's own columns and
// reads every cell back with the import's parser for its field: an exported
// file imports again to the same record.
func TestBinaLayoutReadsBack(t *testing.T) {
	ref := kubuRaya(t)
	e := fullEnterprise()
	l := export.BinaLayout(ref, true)
	tmpl := fileformat.TemplateBina()
	if got, want := l.Header(), headersOf(tmpl); !slices.Equal(got, want) {
		t.Fatalf("header %q\nwant the template's %q", got, want)
	}
	if _, missing := tmpl.MapHeader(l.Header()); len(missing) > 0 {
		t.Errorf("template misses %q", missing)
	}
	row := l.AppendRow(nil, e)
	cells := map[bina.Field]string{}
	for i, c := range l.Columns {
		cells[c.Field] = cellText(row[i])
	}
	check := func(f bina.Field, got, want any, msg bina.Text, ok bool) {
		t.Helper()
		if !ok {
			t.Errorf("%s: cell %q does not parse: %s", f, cells[f], msg.EN)
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: cell %q reads back as %v, want %v", f, cells[f], got, want)
		}
	}
	text := func(f bina.Field, want string) {
		t.Helper()
		check(f, cells[f], want, bina.Text{}, true)
	}
	date := func(f bina.Field, want bina.Date) {
		t.Helper()
		d, _, msg, ok := importer.ParseDateLoose(cells[f], exportNow, importer.PastOnly)
		check(f, d, want, msg, ok)
	}
	yes := func(f bina.Field, want bool) {
		t.Helper()
		b, msg, ok := importer.ParseBool(cells[f])
		check(f, b, want, msg, ok)
	}
	rupiah := func(f bina.Field, want int64) {
		t.Helper()
		v, msg, ok := importer.ParseRupiah(cells[f])
		check(f, v, want, msg, ok)
	}
	count := func(f bina.Field, want int) {
		t.Helper()
		v, msg, ok := importer.ParseCount(cells[f])
		check(f, v, want, msg, ok)
	}
	option := func(f bina.Field, os bina.Options, want string) {
		t.Helper()
		v, msg, ok := importer.ParseOption(cells[f], os)
		check(f, v, want, msg, ok)
	}

	text(bina.FieldName, e.Name)
	text(bina.FieldTradeName, e.TradeName)
	text(bina.FieldOwnerName, e.Owner.Name)
	nik, msg, ok := importer.ParseNIKCell(cells[bina.FieldOwnerNIK], exportNow)
	check(bina.FieldOwnerNIK, nik, e.Owner.NIK, msg, ok)
	g, msg, ok := importer.ParseGender(cells[bina.FieldOwnerGender])
	check(bina.FieldOwnerGender, g, "P", msg, ok)
	date(bina.FieldOwnerBirth, e.Owner.BirthDate)
	ph, msg, ok := importer.ParsePhone(cells[bina.FieldOwnerPhone])
	check(bina.FieldOwnerPhone, ph, e.Owner.Phone, msg, ok)
	ed, msg, ok := importer.ParseEducation(cells[bina.FieldOwnerEduc])
	check(bina.FieldOwnerEduc, ed, "sma", msg, ok)
	yes(bina.FieldOwnerDisabled, true)
	text(bina.FieldOwnerAddress, e.Owner.Address)
	nib, msg, ok := importer.ParseNIBCell(cells[bina.FieldNIB])
	check(bina.FieldNIB, nib, e.NIB, msg, ok)
	option(bina.FieldLegalForm, bina.LegalForms, "pt_perorangan")
	k, msg, ok := importer.ParseKBLI(cells[bina.FieldKBLI], ref.KBLI)
	check(bina.FieldKBLI, k, e.KBLI[0], msg, ok)
	more, msg, ok := importer.ParseKBLIList(cells[bina.FieldKBLIMore], ref.KBLI)
	check(bina.FieldKBLIMore, more, e.KBLI[1:], msg, ok)
	text(bina.FieldMainProduct, e.MainProduct)
	text(bina.FieldAddress, e.Address)
	text(bina.FieldDistrict, "Sungai Raya")
	text(bina.FieldVillage, "Kuala Dua")
	text(bina.FieldVillageCode, "61.12.01.2004")
	la, lo, msg, ok := importer.ParseCoordinate(cells[bina.FieldLatitude], cells[bina.FieldLongitude])
	if !ok || la == nil || *la != *e.Latitude || *lo != *e.Longitude {
		t.Errorf("coordinates %q, %q read back as %v, %v (%s)", cells[bina.FieldLatitude], cells[bina.FieldLongitude], la, lo, msg.EN)
	}
	y, msg, ok := importer.ParseYear(cells[bina.FieldStartYear], exportNow)
	check(bina.FieldStartYear, y, 2019, msg, ok)
	m, msg, ok := importer.ParseMonth(cells[bina.FieldStartMonth])
	check(bina.FieldStartMonth, m, 5, msg, ok)
	rupiah(bina.FieldCapital, e.Capital)
	rupiah(bina.FieldAssets, e.Assets)
	rupiah(bina.FieldSales, 150_000_000) // the newest year's
	sy, msg, ok := importer.ParseYear(cells[bina.FieldSalesYear], exportNow)
	check(bina.FieldSalesYear, sy, 2025, msg, ok)
	count(bina.FieldWorkersPaidMale, 1)
	count(bina.FieldWorkersPaidFemale, 2)
	count(bina.FieldWorkersUnpaidMale, 0)
	count(bina.FieldWorkersUnpaidFemale, 3)
	count(bina.FieldWorkersTotal, 9) // three beyond the split
	sz, msg, ok := importer.ParseSize(cells[bina.FieldSizeReported])
	check(bina.FieldSizeReported, sz, "kecil", msg, ok)
	yes(bina.FieldDigitalMarketplace, true)
	yes(bina.FieldDigitalSocial, false)
	yes(bina.FieldDigitalWebsite, false)
	yes(bina.FieldDigitalQRIS, true)
	yes(bina.FieldDigitalBookkeeping, false)
	text(bina.FieldDigitalLinks, e.Digital.Links)
	option(bina.FieldStatus, bina.OperatingStatuses, "tutup_sementara")
	yes(bina.FieldBinaan, true)
	date(bina.FieldBinaanSince, e.BinaanSince)
	id, ok := export.ParseExportID(cells[bina.FieldSourceID])
	check(bina.FieldSourceID, id, int64(7), bina.Text{}, ok)
	text(bina.FieldNotes, e.Notes)

	// Every column of the template was checked above.
	for _, c := range l.Columns {
		if _, ok := cells[c.Field]; !ok {
			t.Errorf("column %s not filled", c.Header)
		}
	}
}

func headersOf(tp fileformat.Template) []string {
	var out []string
	for _, c := range tp.Columns {
		out = append(out, c.Header)
	}
	return out
}

func TestBinaLayoutWithoutPersonalData(t *testing.T) {
	ref := kubuRaya(t)
	l := export.BinaLayout(ref, false)
	for _, c := range l.Columns {
		if c.Personal || bina.PersonalFields[string(c.Field)] {
			t.Errorf("column %s holds personal data", c.Header)
		}
	}
	if got, want := len(l.Columns), len(fileformat.TemplateBina().Columns)-5; got != want {
		t.Errorf("%d columns, want %d (the template's without NIK, birth date, phone, disability, home address)", got, want)
	}
	row := l.AppendRow(nil, fullEnterprise())
	for _, v := range row {
		s := cellText(v)
		for _, secret := range []string{"6112015708900001", "081234567890", "1990-08-17", "Parit Baru"} {
			if strings.Contains(s, secret) {
				t.Errorf("cell %q holds personal data", s)
			}
		}
	}
}

func TestSIDTLayout(t *testing.T) {
	ref := kubuRaya(t)
	e := fullEnterprise()
	e.SourceID = "sidt-000123"
	for _, personal := range []bool{true, false} {
		l := export.SIDTLayout(ref, personal, exportNow)
		header := l.Header()
		if want := headersOf(fileformat.TemplateSIDT()); !slices.Equal(header, want) || len(header) != 49 {
			t.Fatalf("header %q, want the 49 SIDT columns", header)
		}
		if _, missing := fileformat.TemplateSIDT().MapHeader(header); len(missing) > 0 {
			t.Errorf("MapHeader misses %q", missing)
		}
		row := l.AppendRow(nil, e)
		got := map[string]string{}
		for i, h := range header {
			got[h] = cellText(row[i])
		}
		want := map[string]string{
			"id_data_badan_usaha": "sidt-000123", "nama_pengusaha": "Sri Rahayu", "nib": "1234567890123",
			"jenis_kelamin": "Perempuan", "pendidikan_formal": "SMA/SMK/sederajat",
			"nama_usaha": "Kerupuk Amplang Bu Sri", "kegiatan_utama": "Industri Kerupuk, Keripik, Peyek Dan Sejenisnya",
			"kategori_kbli": "C", "kode_kbli": "10794", "status_badan_usaha": "PT Perorangan", "skala_usaha": "Kecil",
			"modal_pendirian": "25000000", "bulan_mulai_operasi": "5", "tahun_mulai_operasi": "2019",
			"omzet_tahunan": "150000000", "asset": "40000000",
			"prov_usaha": "Kalimantan Barat", "kab_usaha": "Kabupaten Kubu Raya", "kec_usaha": "Sungai Raya", "kel_usaha": "Kuala Dua",
			"alamat_usaha": "Jl. Adisucipto Km 12", "alamat_latitude": "-0.0523", "alamat_longitude": "109.3456",
			"tk_dibayar_laki": "1", "tk_dibayar_perempuan": "2", "tk_not_dibayar_laki": "0", "tk_not_dibayar_perempuan": "3",
			"pulled_at": "2026-11-28 10:00:00", "updated_at": "2026-10-01 08:30:00",
			"prov_pengusaha": "", "kel_pengusaha": "", "rt_usaha": "", "foto_usaha": "", "tk_dibayar_disabil_laki": "", "source_page": "",
		}
		personalWant := map[string]string{"nik_pengusaha": "6112015708900001", "tanggal_lahir": "1990-08-17", "kontak_hp": "081234567890", "alamat_pengusaha": "Jl. Parit Baru 3", "is_disabilitas": "Ya"}
		for h, v := range personalWant {
			if !personal {
				v = ""
			}
			want[h] = v
		}
		for h, w := range want {
			if got[h] != w {
				t.Errorf("personal=%v: %s = %q, want %q", personal, h, got[h], w)
			}
		}
	}
	// A record made in Bina is named by its register id.
	e.SourceID = ""
	l := export.SIDTLayout(ref, false, exportNow)
	if got := l.AppendRow(nil, e)[0]; got != "bina-7" {
		t.Errorf("id_data_badan_usaha = %v, want bina-7", got)
	}
}

func TestCooperativeLayout(t *testing.T) {
	ref := kubuRaya(t)
	c := &bina.Cooperative{ID: 3, Name: "KSP Sinar Bahari", RegistrationNumber: "6112010000000001", Jenis: "simpan_pinjam",
		Bentuk: "primer", Pola: "syariah", Kelompok: "nelayan", VillageCode: "61.12.01.2004", MembersMale: 9, MembersFemale: 12,
		KBLI: bina.KBLICode{Version: bina.KBLI2020, Code: "10794"}, KDMP: true, LastRATYear: 2025, Active: true,
		Officers: []bina.Officer{{Name: "Budi", Role: "ketua", Phone: "081200000001"}, {Name: "Ani", Role: "bendahara"}}}
	for _, personal := range []bool{true, false} {
		l := export.CooperativeLayout(ref, nil, personal)
		header := l.Header()
		if _, missing := fileformat.TemplateKoperasi().MapHeader(header); len(missing) > 0 {
			t.Errorf("the ministry's template misses %q", missing)
		}
		m := fileformat.SuggestMapping(header, bina.EntityCooperative)
		for _, f := range []bina.Field{bina.FieldVillageCode, bina.FieldMembersMale, bina.FieldMembersFemale, bina.FieldKDMP, bina.FieldLastRATYear, bina.FieldSourceID} {
			if _, ok := m.Column(f); !ok {
				t.Errorf("the suggested mapping does not find %s in %q", f, header)
			}
		}
		row := l.AppendRow(nil, c)
		got := map[string]string{}
		for i, h := range header {
			got[h] = cellText(row[i])
		}
		want := map[string]string{"NIK": "6112010000000001", "Jenis Koperasi": "Simpan Pinjam (KSP)", "Pola Pengelolaan": "Syariah",
			"Kelompok Koperasi": "Nelayan", "Status Koperasi": "Aktif", "Kecamatan": "Sungai Raya", "Desa/Kelurahan": "Kuala Dua",
			"Sektor Usaha": "Industri Pengolahan", "Anggota Laki-laki": "9", "Koperasi Desa Merah Putih": "Ya", "Tahun RAT Terakhir": "2025",
			"ID Sumber": "bina-3", "Pengurus": "Ketua: Budi; Bendahara: Ani"}
		for h, w := range want {
			if got[h] != w {
				t.Errorf("personal=%v: %s = %q, want %q", personal, h, got[h], w)
			}
		}
		phones, has := got["HP Pengurus"]
		if personal && phones != "Ketua: 081200000001" {
			t.Errorf("HP Pengurus = %q", phones)
		}
		if !personal && has {
			t.Error("HP Pengurus present for a role that may not see personal data")
		}
	}
}

func TestFieldChoices(t *testing.T) {
	ref := kubuRaya(t)
	choice := func(f bina.Field) []string {
		fi, ok := imports.LookupField(bina.EntityEnterprise, f)
		if !ok {
			t.Fatalf("no field %s", f)
		}
		return export.FieldChoices(fi, ref, nil)
	}
	if got := choice(bina.FieldOwnerGender); !slices.Equal(got, []string{"L", "P"}) {
		t.Errorf("gender %q", got)
	}
	if got := choice(bina.FieldBinaan); !slices.Equal(got, []string{"Ya", "Tidak"}) {
		t.Errorf("binaan %q", got)
	}
	if got := choice(bina.FieldStatus); len(got) != len(bina.OperatingStatuses) || got[1] != "Tutup sementara" {
		t.Errorf("status %q", got)
	}
	if got := choice(bina.FieldVillage); len(got) != 123 || !slices.Contains(got, "Kuala Dua") || !slices.IsSorted(got) {
		t.Errorf("%d desa, want Kubu Raya's 123 sorted", len(got))
	}
	if got := choice(bina.FieldDistrict); len(got) != 9 {
		t.Errorf("%d kecamatan, want 9", len(got))
	}
	if got := choice(bina.FieldRegency); !slices.Equal(got, []string{"Kabupaten Kubu Raya"}) {
		t.Errorf("regency %q", got)
	}
	if got := choice(bina.FieldName); got != nil {
		t.Errorf("name has choices %q", got)
	}
	// Every offered choice reads back through the field's parser.
	for _, fi := range bina.EnterpriseFields() {
		for _, v := range export.FieldChoices(fi, ref, nil) {
			var ok bool
			switch fi.Kind {
			case bina.KindBool:
				_, _, ok = importer.ParseBool(v)
			case bina.KindGender:
				_, _, ok = importer.ParseGender(v)
			case bina.KindSize:
				_, _, ok = importer.ParseSize(v)
			case bina.KindEducation:
				_, _, ok = importer.ParseEducation(v)
			case bina.KindOption:
				_, _, ok = importer.ParseOption(v, fi.Options)
			default:
				ok = true
			}
			if !ok {
				t.Errorf("%s: choice %q does not parse", fi.Field, v)
			}
		}
	}
	kel := append(bina.Options(nil), bina.DefaultKelompoks...)
	kel = append(kel, bina.Option{Code: "difabel", ID: "Penyandang Disabilitas", EN: "Disabled people"})
	fi, _ := imports.LookupField(bina.EntityCooperative, bina.FieldKelompok)
	if got := export.FieldChoices(fi, ref, kel); !slices.Contains(got, "Penyandang Disabilitas") {
		t.Errorf("kelompok choices %q lack the office's own group", got)
	}
}

func TestSuppress(t *testing.T) {
	rows := func(d bina.RegionCode, counts ...int) []export.OpenDataRow {
		var out []export.OpenDataRow
		for i, n := range counts {
			out = append(out, export.OpenDataRow{Region: d, Category: bina.Option{Code: strconv.Itoa(i)}, Count: n})
		}
		return out
	}
	tests := []struct {
		name   string
		counts []int
		want   []string
	}{
		{"nothing small", []int{40, 3, 0, 7}, []string{"40", "3", "0", "7"}},
		{"one small: the smallest other withheld too", []int{40, 1, 0, 7}, []string{"40", "<3", "0", "x"}},
		{"two small", []int{2, 1, 9, 30}, []string{"<3", "<3", "x", "30"}},
		{"only small", []int{2, 0, 0}, []string{"<3", "0", "0"}},
		{"zeros stay", []int{0, 0}, []string{"0", "0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := &export.OpenDataTable{Category: export.EnterpriseOpenData[0], Rows: append(rows("61.12.01", tc.counts...), rows("61.12.02", 50, 60)...)}
			tb.Suppress()
			var got []string
			for _, r := range tb.Rows[:len(tc.counts)] {
				got = append(got, r.Shown)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("shown %q, want %q", got, tc.want)
			}
			if tb.Rows[len(tc.counts)].Shown != "50" || tb.Rows[len(tc.counts)+1].Shown != "60" {
				t.Error("another kecamatan was touched")
			}
		})
	}
}

func TestPages(t *testing.T) {
	pages := map[string]bina.Page[int]{
		"":  {Items: []int{1, 2}, Next: "b"},
		"b": {Items: []int{3}, Next: "c"},
		"c": {Items: []int{4, 5}},
	}
	next := func(c string) (bina.Page[int], error) { return pages[c], nil }
	var got []int
	for x, err := range export.Pages(pages[""], next) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *x)
	}
	if !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
		t.Errorf("items %v", got)
	}
	boom := errors.New("boom")
	var errs []error
	for _, err := range export.Pages(pages[""], func(string) (bina.Page[int], error) { return bina.Page[int]{}, boom }) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) != 1 || errs[0] != boom {
		t.Errorf("errors %v, want boom once", errs)
	}
}

func TestFilterLogLeavesSearchOut(t *testing.T) {
	var b strings.Builder
	log := slog.New(slog.NewTextHandler(&b, nil))
	log.Info("export", "filter", bina.EnterpriseFilter{Region: "61.12.01", Query: "6112015708900001"},
		"coops", bina.CooperativeFilter{Query: "Budi Santoso"})
	out := b.String()
	if strings.Contains(out, "6112015708900001") || strings.Contains(out, "Budi") {
		t.Errorf("the log holds the search words: %s", out)
	}
	if !strings.Contains(out, "filter.region=61.12.01") || !strings.Contains(out, "filter.search=true") {
		t.Errorf("the log lacks the filter: %s", out)
	}
}

func TestExportNames(t *testing.T) {
	day := time.Date(2026, 11, 28, 23, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ what, region, ext, want string }{
		{"umkm", "Kabupaten Kubu Raya", "xlsx", "umkm-kubu-raya-2026-11-28.xlsx"},
		{"umkm-sidt", "Sungai Raya", "csv", "umkm-sidt-sungai-raya-2026-11-28.csv"},
		{"koperasi", "Kota Pontianak", "csv", "koperasi-kota-pontianak-2026-11-28.csv"},
		{"umkm", "", "xlsx", "umkm-2026-11-28.xlsx"},
	} {
		if got := export.ExportFileName(tc.what, tc.region, day, tc.ext); got != tc.want {
			t.Errorf("ExportFileName(%q) = %q, want %q", tc.region, got, tc.want)
		}
	}
	if id, ok := export.ParseExportID("bina-42"); !ok || id != 42 {
		t.Errorf("ParseExportID(bina-42) = %d %v", id, ok)
	}
	for _, s := range []string{"sidt-42", "bina-", "bina-x", "bina--3"} {
		if _, ok := export.ParseExportID(s); ok {
			t.Errorf("ParseExportID(%q) ok", s)
		}
	}
}
