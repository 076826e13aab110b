package fileformat

import (
	"bina/imports"
	"errors"
	"slices"
	"strings"
	"testing"

	"bina"
)

func sidtHeader() []string {
	var h []string
	for _, c := range TemplateSIDT().Columns {
		h = append(h, c.Header)
	}
	return h
}

func TestTemplateSIDTHasTheFortyNineColumns(t *testing.T) {
	const spec = `id_data_badan_usaha, nik_pengusaha, nama_pengusaha, nib, jenis_kelamin, is_disabilitas, tanggal_lahir,
  pendidikan_formal, kontak_hp, prov_pengusaha, kab_pengusaha, kec_pengusaha, kel_pengusaha, alamat_pengusaha,
  rt_pengusaha, rw_pengusaha, nama_usaha, kegiatan_utama, produk_utama, kategori_kbli, kode_kbli,
  status_badan_usaha, skala_usaha, modal_pendirian, bulan_mulai_operasi, tahun_mulai_operasi, omzet_tahunan,
  asset, prov_usaha, kab_usaha, kec_usaha, kel_usaha, alamat_usaha, rt_usaha, rw_usaha, foto_usaha,
  alamat_latitude, alamat_longitude, tk_dibayar_laki, tk_dibayar_perempuan, tk_dibayar_disabil_laki,
  tk_dibayar_disabil_perempuan, tk_not_dibayar_laki, tk_not_dibayar_perempuan, tk_not_dibayar_disabil_laki,
  tk_not_dibayar_disabil_perempua, pulled_at, updated_at, source_page`
	var want []string
	for _, s := range strings.Split(spec, ",") {
		want = append(want, strings.TrimSpace(s))
	}
	got := sidtHeader()
	if len(got) != 49 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("SIDT columns differ from DOMAIN.md section 9:\n got %v\nwant %v", got, want)
	}
	tp := TemplateSIDT()
	fields := map[string]bina.Field{}
	for _, c := range tp.Columns {
		fields[c.Header] = c.Field
		if c.Field != "" {
			if _, ok := imports.LookupField(bina.EntityEnterprise, c.Field); !ok {
				t.Errorf("column %s maps to unknown field %q", c.Header, c.Field)
			}
		}
	}
	for header, want := range map[string]bina.Field{
		"id_data_badan_usaha": bina.FieldSourceID, "alamat_pengusaha": bina.FieldOwnerAddress, "kel_pengusaha": bina.FieldOwnerVillage,
		"kel_usaha": bina.FieldVillage, "kec_usaha": bina.FieldDistrict, "alamat_usaha": bina.FieldAddress, "omzet_tahunan": bina.FieldSales,
		"tk_dibayar_disabil_laki": bina.FieldWorkersPaidDisabledMale, "pulled_at": "", "source_page": "",
	} {
		if fields[header] != want {
			t.Errorf("%s → %q, want %q", header, fields[header], want)
		}
	}
	// Disabled workers are added into the counts of the same sex and pay.
	for f, into := range map[bina.Field]bina.Field{
		bina.FieldWorkersPaidDisabledMale: bina.FieldWorkersPaidMale, bina.FieldWorkersUnpaidDisabledFemale: bina.FieldWorkersUnpaidFemale,
		bina.FieldOwnerRT: bina.FieldOwnerAddress, bina.FieldOwnerVillage: bina.FieldOwnerAddress,
	} {
		if fi, _ := imports.LookupField(bina.EntityEnterprise, f); fi.Into != into {
			t.Errorf("%s folds into %q, want %q", f, fi.Into, into)
		}
	}
}

func TestSuggestMappingOfTheSIDTHeaderIsTheSIDTTemplate(t *testing.T) {
	header := sidtHeader()
	want, missing := TemplateSIDT().MapHeader(header)
	if len(missing) != 0 || len(want) != 46 {
		t.Fatalf("MapHeader: %d columns, missing %v", len(want), missing)
	}
	got := SuggestMapping(header, bina.EntityEnterprise)
	for i, h := range header {
		if got[i] != want[i] {
			t.Errorf("column %d %s: suggested %q, template %q", i, h, got[i], want[i])
		}
	}
	if err := got.Validate(bina.EntityEnterprise); err != nil {
		t.Errorf("the SIDT mapping should be importable: %v", err)
	}
}

func TestSuggestMappingOfAMessyHeader(t *testing.T) {
	header := []string{"No.", "Nama Usaha", "NAMA PEMILIK", "No. HP/WA", "NIK", "Alamat", "Desa", "Kecamatan", "Omzet/Tahun (Rp)", "Jenis Usaha"}
	want := imports.Mapping{
		1: bina.FieldName, 2: bina.FieldOwnerName, 3: bina.FieldOwnerPhone, 4: bina.FieldOwnerNIK, 5: bina.FieldAddress,
		6: bina.FieldVillage, 7: bina.FieldDistrict, 8: bina.FieldSales, 9: bina.FieldMainProduct,
	}
	got := SuggestMapping(header, bina.EntityEnterprise)
	if len(got) != len(want) {
		t.Errorf("mapped %d columns, want %d: %v", len(got), len(want), got)
	}
	for c, f := range want {
		if got[c] != f {
			t.Errorf("%q → %q, want %q", header[c], got[c], f)
		}
	}
	if err := got.Validate(bina.EntityEnterprise); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// TestSuggestMappingOfAnOfficeList: the headers of the lists offices keep
// by hand go to their fields, not to the notes. "Jenis Usaha" is the main
// product, unless a column is called that.
func TestSuggestMappingOfAnOfficeList(t *testing.T) {
	tests := []struct {
		header []string
		want   map[string]bina.Field
	}{
		{[]string{"Nama Usaha", "Desa", "Jenis Usaha", "Jumlah Tenaga Kerja", "Omzet", "No HP/WA"},
			map[string]bina.Field{"Jenis Usaha": bina.FieldMainProduct, "Jumlah Tenaga Kerja": bina.FieldWorkersTotal, "Omzet": bina.FieldSales, "No HP/WA": bina.FieldOwnerPhone}},
		{[]string{"Nama Usaha", "Desa", "Jenis Usaha", "Produk Utama"},
			map[string]bina.Field{"Jenis Usaha": bina.FieldActivity, "Produk Utama": bina.FieldMainProduct}},
		{[]string{"Nama Usaha", "Desa", "Produk Utama", "Jenis Usaha"},
			map[string]bina.Field{"Jenis Usaha": bina.FieldActivity, "Produk Utama": bina.FieldMainProduct}},
		{[]string{"Nama Usaha", "Desa", "Jenis Usaha", "Kegiatan Usaha"},
			map[string]bina.Field{"Jenis Usaha": bina.FieldMainProduct, "Kegiatan Usaha": bina.FieldActivity}},
		{[]string{"Nama Usaha", "Desa", "Tenaga Kerja L", "Tenaga Kerja P"},
			map[string]bina.Field{"Tenaga Kerja L": bina.FieldWorkersPaidMale, "Tenaga Kerja P": bina.FieldWorkersPaidFemale}},
	}
	for _, tc := range tests {
		got := SuggestMapping(tc.header, bina.EntityEnterprise)
		for c, h := range tc.header {
			if want, ok := tc.want[h]; ok && got[c] != want {
				t.Errorf("%v: %q → %q, want %q", tc.header, h, got[c], want)
			}
		}
	}
}

func TestSuggestMappingVariants(t *testing.T) {
	tests := []struct {
		header string
		want   bina.Field
	}{
		{"nama_usaha", bina.FieldName},
		{"NamaUsaha", bina.FieldName},
		{"Nama Usha", bina.FieldName},
		{"Nama Pemilik Usaha", bina.FieldOwnerName},
		{"NIK KTP Pemilik", bina.FieldOwnerNIK},
		{"No. Telp", bina.FieldOwnerPhone},
		{"Nomor Telepon", bina.FieldOwnerPhone},
		{"Tgl. Lahir", bina.FieldOwnerBirth},
		{"Kec.", bina.FieldDistrict},
		{"Desa/Kelurahan", bina.FieldVillage},
		{"Kode Wilayah Desa", bina.FieldVillageCode},
		{"TK Laki-laki", bina.FieldWorkersPaidMale},
		{"Jumlah Tenaga Kerja", bina.FieldWorkersTotal},
		{"Jml TK", bina.FieldWorkersTotal},
		{"Tenaga Kerja", bina.FieldWorkersTotal},
		{"Jumlah Karyawan", bina.FieldWorkersTotal},
		{"Jumlah Tenaga Kerja (orang)", bina.FieldWorkersTotal},
		{"Omset per Tahun", bina.FieldSales},
		{"Modal Usaha (Rp)", bina.FieldCapital},
		{"Skala Usaha", bina.FieldSizeReported},
		{"KBLI", bina.FieldKBLI},
		{"Latitude", bina.FieldLatitude},
		{"Long", bina.FieldLongitude},
		{"owner.nik", bina.FieldOwnerNIK},
		{"Business name", bina.FieldName},
		{"Keterangan", bina.FieldNotes},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			got := SuggestMapping([]string{tt.header}, bina.EntityEnterprise)
			if got[0] != tt.want {
				t.Errorf("%q → %q, want %q", tt.header, got[0], tt.want)
			}
		})
	}
	for _, h := range []string{"No", "No Urut", "#", "", "Tanda tangan", "Kolom1"} {
		if got := SuggestMapping([]string{h}, bina.EntityEnterprise); len(got) != 0 {
			t.Errorf("%q should not be mapped: %v", h, got)
		}
	}
}

func TestSuggestMappingRepeatedHeaders(t *testing.T) {
	header := []string{"Nama Usaha", "Alamat", "Alamat", "Nama Usaha", "Desa"}
	got := SuggestMapping(header, bina.EntityEnterprise)
	if got[0] != bina.FieldName || got[1] != bina.FieldAddress {
		t.Errorf("the first of repeated headers gets the field: %v", got)
	}
	if _, ok := got[3]; ok {
		t.Errorf("a field is used at most once: %v", got)
	}
	if got[2] == bina.FieldAddress {
		t.Errorf("the second Alamat must not reuse the field: %v", got)
	}
}

func TestSuggestMappingCooperative(t *testing.T) {
	var header []string
	for _, c := range TemplateKoperasi().Columns {
		header = append(header, c.Header)
	}
	got := SuggestMapping(header, bina.EntityCooperative)
	want, missing := TemplateKoperasi().MapHeader(header)
	if len(missing) != 0 {
		t.Fatalf("missing %v", missing)
	}
	for i, h := range header {
		if got[i] != want[i] {
			t.Errorf("%s: suggested %q, template %q", h, got[i], want[i])
		}
	}
	// In the ministry's files "NIK" is the cooperative's number, not a person's.
	if got[0] != bina.FieldRegistrationNumber {
		t.Errorf("NIK → %q", got[0])
	}
	if err := got.Validate(bina.EntityCooperative); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestFindHeaderRowUnderATitleBlock(t *testing.T) {
	rows := [][]string{
		{"DATA UMKM BINAAN DINAS KOPERASI KAB. KUBU RAYA TAHUN 2024"},
		{""},
		{"Keadaan s/d Desember 2024", "", ""},
		{"No.", "Nama Usaha", "NAMA PEMILIK", "No. HP/WA", "NIK", "Alamat", "Desa", "Kecamatan", "Omzet/Tahun (Rp)", "Jenis Usaha"},
		{"1", "Kerupuk Basah Bu Ani", "Ani", "081234567890", "'6112015205850001", "Jl. Adisucipto", "Kuala Dua", "Sungai Raya", "25.000.000", "Makanan"},
		{"2", "Warung Kopi Pak Budi", "Budi", "", "", "Parit Baru", "Parit Baru", "Sungai Raya", "12 jt", "Warung"},
	}
	i, ok := FindHeaderRow(rows, 20)
	if !ok || i != 3 {
		t.Fatalf("FindHeaderRow = %d, %v; want 3", i, ok)
	}
	if i, ok := FindHeaderRow(rows, 3); ok {
		t.Errorf("the header lies beyond maxScan, got row %d", i)
	}
	if i, ok := FindHeaderRow([][]string{{"1", "Kerupuk", "Ani"}, {"2", "Kopi", "Budi"}}, 10); ok {
		t.Errorf("rows without a header gave row %d", i)
	}
	if i, ok := FindHeaderRow([][]string{sidtHeader()}, 10); !ok || i != 0 {
		t.Errorf("SIDT header = %d, %v", i, ok)
	}
}

func TestMappingValidate(t *testing.T) {
	fieldsOf := func(err error) map[string]bool {
		var e *bina.Error
		if !errors.As(err, &e) || e.Code != bina.Invalid {
			t.Fatalf("want an Invalid *Error, got %v", err)
		}
		out := map[string]bool{}
		for _, f := range e.Fields {
			if f.Message.ID == "" || f.Message.EN == "" {
				t.Errorf("message not in both languages: %+v", f)
			}
			out[f.Field] = true
		}
		return out
	}
	if err := (imports.Mapping{0: bina.FieldName, 1: bina.FieldVillageCode}).Validate(bina.EntityEnterprise); err != nil {
		t.Errorf("name and village code suffice: %v", err)
	}
	if err := (imports.Mapping{0: bina.FieldName, 1: bina.FieldDistrict, 2: bina.FieldVillage}).Validate(bina.EntityEnterprise); err != nil {
		t.Errorf("name and region names suffice: %v", err)
	}
	got := fieldsOf(imports.Mapping{0: bina.FieldOwnerName}.Validate(bina.EntityEnterprise))
	if !got["name"] || !got["village"] {
		t.Errorf("missing name and village not reported: %v", got)
	}
	got = fieldsOf(imports.Mapping{0: bina.FieldName, 1: bina.FieldVillage, 2: bina.FieldVillage}.Validate(bina.EntityEnterprise))
	if !got["village"] {
		t.Errorf("a field used twice not reported: %v", got)
	}
	got = fieldsOf(imports.Mapping{0: bina.FieldName, 1: bina.FieldVillage, 2: bina.FieldJenis}.Validate(bina.EntityEnterprise))
	if !got["jenis"] {
		t.Errorf("a cooperative field in an enterprise mapping not reported: %v", got)
	}
	if err := (imports.Mapping{0: bina.FieldName, 1: bina.FieldVillage, 2: ""}).Validate(bina.EntityEnterprise); err != nil {
		t.Errorf("an ignored column is fine: %v", err)
	}
	if err := (imports.Mapping{0: bina.FieldName}).Validate("bogus"); bina.ErrorCode(err) != bina.Invalid {
		t.Errorf("unknown entity: %v", err)
	}
}

func TestTemplates(t *testing.T) {
	names := map[string]bool{}
	for _, tp := range Templates() {
		names[tp.Name] = true
		if tp.Title.ID == "" || tp.Title.EN == "" || len(tp.Columns) == 0 {
			t.Errorf("template %q incomplete", tp.Name)
		}
		m, missing := tp.MapHeader(func() []string {
			var h []string
			for _, c := range tp.Columns {
				h = append(h, c.Header)
			}
			return h
		}())
		if len(missing) != 0 {
			t.Errorf("%s: its own header misses %v", tp.Name, missing)
		}
		if err := m.Validate(tp.Entity); err != nil {
			t.Errorf("%s: %v", tp.Name, err)
		}
	}
	for _, n := range []string{"bina", "sidt", "koperasi"} {
		if _, ok := TemplateNamed(n); !ok || !names[n] {
			t.Errorf("template %q missing", n)
		}
	}
	// Bina's own headers are the Indonesian labels, and every field is
	// described in both languages.
	for _, e := range []bina.Entity{bina.EntityEnterprise, bina.EntityCooperative} {
		for _, f := range imports.FieldsOf(e) {
			if f.Label.ID == "" || f.Label.EN == "" || f.Kind == "" {
				t.Errorf("%s %s: label or kind missing", e, f.Field)
			}
			if (f.Kind == bina.KindOption) != (len(f.Options) > 0) && f.Kind == bina.KindOption {
				t.Errorf("%s %s: an option field without options", e, f.Field)
			}
		}
	}
	// The field tables cannot be changed through what the accessors return.
	fs := bina.EnterpriseFields()
	i := slices.IndexFunc(fs, func(f bina.FieldInfo) bool { return len(f.Options) > 0 })
	fs[i].Options[0].Code = "changed"
	if bina.EnterpriseFields()[i].Options[0].Code == "changed" {
		t.Error("EnterpriseFields shares its table")
	}
	// Every help text names a field of its entity's import, in both languages.
	for e, fields := range help {
		for f, h := range fields {
			if _, ok := imports.LookupField(e, f); !ok || h.ID == "" || h.EN == "" {
				t.Errorf("help of %s %s: field known %v, text %+v", e, f, ok, h)
			}
		}
	}
	// Every synonym names a field of its entity's import.
	for e, fields := range synonyms {
		for f := range fields {
			if _, ok := imports.LookupField(e, f); !ok {
				t.Errorf("synonyms of %s name %s, not one of its fields", e, f)
			}
		}
	}
}

// TestBuiltinTemplateNames checks that the domain's list of built-in
// template names, which the store uses to refuse a saved mapping of the
// same name, is the list of templates this package defines.
func TestBuiltinTemplateNames(t *testing.T) {
	var names []string
	for _, tp := range append(Templates(), TemplateAttendance()) {
		names = append(names, tp.Name)
	}
	if !slices.Equal(names, imports.BuiltinTemplates) {
		t.Fatalf("templates %v, bina.BuiltinTemplates %v", names, imports.BuiltinTemplates)
	}
}
