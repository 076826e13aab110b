package bina

import (
	"sort"
	"strings"
	"unicode"
)

// ---------------------------------------------------------------------------
// Templates

// TemplateColumn is one column of a template: its header text and the field
// it fills. An empty Field means the column is read past: the SIDT export's
// pulled_at, updated_at and source_page say nothing about the business.
type TemplateColumn struct {
	Header string
	Field  Field
}

// Template is a known file layout: the columns, in order, with their fields.
type Template struct {
	Name    string // "bina", "sidt", "koperasi": the --template of bina import
	Title   Text
	Entity  Entity
	Columns []TemplateColumn
}

// binaTemplateFields are the columns of Bina's own template, by field. The
// parts that other formats need (RT, the owner's region names, disabled
// workers) are left out: Bina's own file has whole addresses.
var binaTemplateFields = []Field{
	FieldName, FieldTradeName, FieldOwnerName, FieldOwnerNIK, FieldOwnerGender, FieldOwnerBirth, FieldOwnerPhone,
	FieldOwnerEduc, FieldOwnerDisabled, FieldOwnerAddress, FieldNIB, FieldLegalForm, FieldKBLI, FieldKBLIMore,
	FieldMainProduct, FieldAddress, FieldDistrict, FieldVillage, FieldVillageCode, FieldLatitude, FieldLongitude,
	FieldStartYear, FieldStartMonth, FieldCapital, FieldAssets, FieldSales, FieldSalesYear,
	FieldWorkersPaidMale, FieldWorkersPaidFemale, FieldWorkersUnpaidMale, FieldWorkersUnpaidFemale,
	FieldSizeReported, FieldDigitalMarketplace, FieldDigitalSocial, FieldDigitalWebsite, FieldDigitalQRIS,
	FieldDigitalBookkeeping, FieldDigitalLinks, FieldStatus, FieldBinaan, FieldBinaanSince, FieldSourceID, FieldNotes,
}

// TemplateBina returns Bina's own enterprise template: one column per field
// people fill in, headed by the field's Indonesian label.
func TemplateBina() Template {
	cols := make([]TemplateColumn, 0, len(binaTemplateFields))
	for _, f := range binaTemplateFields {
		fi, _ := LookupField(EntityEnterprise, f)
		cols = append(cols, TemplateColumn{Header: fi.Label.ID, Field: f})
	}
	return Template{Name: "bina", Title: label("Format Bina", "Bina format"), Entity: EntityEnterprise, Columns: cols}
}

// sidtColumns are the 49 columns of the SIDT bulk export (DOMAIN.md
// section 9), in order. The owner's region columns (*_pengusaha) describe
// the home and are folded into the owner's address; the *_usaha columns
// place the business. Disabled workers are added into the workers of the
// same sex and pay (see FieldWorkersPaidDisabledMale). The last, truncated
// header is as the export writes it.
var sidtColumns = []TemplateColumn{
	{"id_data_badan_usaha", FieldSourceID},
	{"nik_pengusaha", FieldOwnerNIK},
	{"nama_pengusaha", FieldOwnerName},
	{"nib", FieldNIB},
	{"jenis_kelamin", FieldOwnerGender},
	{"is_disabilitas", FieldOwnerDisabled},
	{"tanggal_lahir", FieldOwnerBirth},
	{"pendidikan_formal", FieldOwnerEduc},
	{"kontak_hp", FieldOwnerPhone},
	{"prov_pengusaha", FieldOwnerProvince},
	{"kab_pengusaha", FieldOwnerRegency},
	{"kec_pengusaha", FieldOwnerDistrict},
	{"kel_pengusaha", FieldOwnerVillage},
	{"alamat_pengusaha", FieldOwnerAddress},
	{"rt_pengusaha", FieldOwnerRT},
	{"rw_pengusaha", FieldOwnerRW},
	{"nama_usaha", FieldName},
	{"kegiatan_utama", FieldActivity},
	{"produk_utama", FieldMainProduct},
	{"kategori_kbli", FieldKBLISection},
	{"kode_kbli", FieldKBLI},
	{"status_badan_usaha", FieldLegalForm},
	{"skala_usaha", FieldSizeReported},
	{"modal_pendirian", FieldCapital},
	{"bulan_mulai_operasi", FieldStartMonth},
	{"tahun_mulai_operasi", FieldStartYear},
	{"omzet_tahunan", FieldSales},
	{"asset", FieldAssets},
	{"prov_usaha", FieldProvince},
	{"kab_usaha", FieldRegency},
	{"kec_usaha", FieldDistrict},
	{"kel_usaha", FieldVillage},
	{"alamat_usaha", FieldAddress},
	{"rt_usaha", FieldRT},
	{"rw_usaha", FieldRW},
	{"foto_usaha", FieldPhoto},
	{"alamat_latitude", FieldLatitude},
	{"alamat_longitude", FieldLongitude},
	{"tk_dibayar_laki", FieldWorkersPaidMale},
	{"tk_dibayar_perempuan", FieldWorkersPaidFemale},
	{"tk_dibayar_disabil_laki", FieldWorkersPaidDisabledMale},
	{"tk_dibayar_disabil_perempuan", FieldWorkersPaidDisabledFemale},
	{"tk_not_dibayar_laki", FieldWorkersUnpaidMale},
	{"tk_not_dibayar_perempuan", FieldWorkersUnpaidFemale},
	{"tk_not_dibayar_disabil_laki", FieldWorkersUnpaidDisabledMale},
	{"tk_not_dibayar_disabil_perempua", FieldWorkersUnpaidDisabledFemale},
	{"pulled_at", ""},
	{"updated_at", ""},
	{"source_page", ""},
}

// TemplateSIDT returns the 49-column bulk export of SIDT, the national
// single database of cooperatives and UMKM.
func TemplateSIDT() Template {
	return Template{Name: "sidt", Title: label("Ekspor SIDT (49 kolom)", "SIDT export (49 columns)"), Entity: EntityEnterprise,
		Columns: append([]TemplateColumn(nil), sidtColumns...)}
}

// koperasiColumns are the cooperative master records of the ministry's
// online data system (ODS), in the order DOMAIN.md section 9 lists them,
// with the legal entity date beside its number. The header texts are the
// system's usual ones (to verify against a fresh export); the synonyms of
// the fields catch the variants.
var koperasiColumns = []TemplateColumn{
	{"NIK", FieldRegistrationNumber},
	{"Nama Koperasi", FieldName},
	{"No Badan Hukum", FieldLegalNumber},
	{"Tanggal Badan Hukum", FieldLegalDate},
	{"Bentuk Koperasi", FieldBentuk},
	{"Jenis Koperasi", FieldJenis},
	{"Pola Pengelolaan", FieldPola},
	{"Status Koperasi", FieldStatus},
	{"Sektor Usaha", FieldSector},
	{"Kelompok Koperasi", FieldKelompok},
	{"Provinsi", FieldProvince},
	{"Kabupaten/Kota", FieldRegency},
	{"Kecamatan", FieldDistrict},
	{"Desa/Kelurahan", FieldVillage},
	{"Alamat", FieldAddress},
	{"Kode Pos", FieldPostcode},
	{"Email", FieldEmail},
	{"Grade", FieldGrade},
}

// TemplateKoperasi returns the ministry's cooperative master format.
func TemplateKoperasi() Template {
	return Template{Name: "koperasi", Title: label("Data koperasi ODS Kementerian", "Ministry cooperative master (ODS)"), Entity: EntityCooperative,
		Columns: append([]TemplateColumn(nil), koperasiColumns...)}
}

// Templates returns the built-in templates.
func Templates() []Template {
	return []Template{TemplateBina(), TemplateSIDT(), TemplateKoperasi()}
}

// TemplateNamed returns the built-in template called name.
func TemplateNamed(name string) (Template, bool) {
	for _, tp := range Templates() {
		if tp.Name == name {
			return tp, true
		}
	}
	return Template{}, false
}

// MapHeader maps a file's header to the template's fields by header text
// (compared normalised, in any order), and returns the template's headers
// that the file lacks.
func (tp Template) MapHeader(header []string) (Mapping, []string) {
	want := map[string]Field{}
	for _, c := range tp.Columns {
		if c.Field != "" {
			want[normHeader(c.Header)] = c.Field
		}
	}
	m := Mapping{}
	used := map[Field]bool{}
	for i, h := range header {
		if f, ok := want[normHeader(h)]; ok && !used[f] {
			m[i] = f
			used[f] = true
		}
	}
	var missing []string
	for _, c := range tp.Columns {
		if c.Field != "" && !used[c.Field] {
			missing = append(missing, c.Header)
		}
	}
	return m, missing
}

// ---------------------------------------------------------------------------
// Headers

// headerWords spell out the abbreviations of header texts and merge
// spellings, so that "No. Telp", "Nomor Telepon" and "no_tlp" compare equal.
var headerWords = map[string]string{
	"nomor": "no", "nomer": "no", "nmr": "no", "number": "no", "num": "no", "nr": "no",
	"tgl": "tanggal", "tg": "tanggal", "thn": "tahun", "th": "tahun", "bln": "bulan",
	"kec": "kecamatan", "kab": "kabupaten", "kel": "kelurahan", "ds": "desa", "prov": "provinsi", "propinsi": "provinsi",
	"jml": "jumlah", "jlh": "jumlah", "telp": "telepon", "tlp": "telepon", "telpon": "telepon", "tel": "telepon", "telephone": "telepon",
	"omset": "omzet", "tk": "tenaga kerja", "naker": "tenaga kerja", "lk": "laki", "pria": "laki", "wanita": "perempuan", "pr": "perempuan",
	"alm": "alamat", "almt": "alamat", "pend": "pendidikan", "hp": "hp", "handphone": "hp", "ponsel": "hp",
	"aset": "aset", "asset": "aset", "assets": "aset", "disabil": "disabilitas", "disable": "disabilitas",
}

// headerNoise are words that say nothing about which field a column is.
var headerNoise = map[string]bool{
	"rp": true, "rupiah": true, "idr": true, "per": true, "dalam": true, "yang": true, "dan": true, "atau": true,
	"wajib": true, "diisi": true, "isi": true, "opsional": true, "optional": true, "the": true, "of": true,
}

// normHeader reduces a header cell to a comparable key: lower case,
// punctuation and underscores as spaces, abbreviations spelt out, noise
// words and repeated words ("laki-laki") dropped.
func normHeader(s string) string {
	var toks []string
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		if r, ok := headerWords[w]; ok {
			w = r
		}
		for _, x := range strings.Fields(w) {
			if headerNoise[x] || (len(toks) > 0 && toks[len(toks)-1] == x) {
				continue
			}
			toks = append(toks, x)
		}
	}
	for _, r := range strings.ToLower(s) {
		r = FoldAccent(r)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			flush()
		}
	}
	flush()
	return strings.Join(toks, " ")
}

// isRowNumberHeader reports the columns that only number the rows: "No.",
// "No", "No Urut", "#".
func isRowNumberHeader(key string) bool {
	switch key {
	case "", "no", "no urut", "urut", "nomor urut":
		return true
	}
	return false
}

// synonymIndex is the normalised synonyms of a list of fields.
type synonymIndex struct {
	fields []Field
	keys   [][]string // per field: normalised synonyms
}

func newSynonymIndex(fields []FieldInfo) synonymIndex {
	// The headers of the built-in templates are synonyms of their fields.
	tmpl := map[Field][]string{}
	for _, tp := range []Template{TemplateBina(), TemplateSIDT(), TemplateKoperasi()} {
		for _, c := range tp.Columns {
			if c.Field != "" {
				tmpl[c.Field] = append(tmpl[c.Field], c.Header)
			}
		}
	}
	var ix synonymIndex
	for _, f := range fields {
		seen := map[string]bool{}
		var keys []string
		all := append([]string{string(f.Field), f.Label.ID, f.Label.EN}, f.Synonyms...)
		all = append(all, tmpl[f.Field]...)
		for _, s := range all {
			k := normHeader(s)
			if k != "" && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		ix.fields = append(ix.fields, f.Field)
		ix.keys = append(ix.keys, keys)
	}
	return ix
}

// score says how well a normalised header names field i, from 0 to 1:
//
//   - 1 for a synonym;
//   - 0.9 for a synonym with its spaces moved or a typing error in a long
//     header ("nama usha");
//   - 0.6-0.85 for a header that contains a synonym as consecutive words
//     ("Nama Pemilik Usaha" contains "nama pemilik" but not "nama usaha"),
//     more for longer synonyms and fewer extra words.
func (ix *synonymIndex) score(i int, key string) float64 {
	best := 0.0
	compact := strings.ReplaceAll(key, " ", "")
	words := strings.Fields(key)
	for _, syn := range ix.keys[i] {
		if syn == key {
			return 1
		}
		sc := strings.ReplaceAll(syn, " ", "")
		if sc == compact {
			best = max(best, 0.9)
			continue
		}
		if n := len(compact); n >= 6 {
			allowed := 1
			if n >= 12 {
				allowed = 2
			}
			if EditDistance(compact, sc, allowed) <= allowed {
				best = max(best, 0.9)
				continue
			}
		}
		sw := strings.Fields(syn)
		if len(sw) < len(words) && containsRun(words, sw) {
			s := 0.6 + 0.05*float64(len(sw)) - 0.02*float64(len(words)-len(sw))
			best = max(best, min(s, 0.85))
		}
	}
	return best
}

// containsRun reports whether run appears in words as consecutive words.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		ok := true
		for j := range run {
			if words[i+j] != run[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// suggestThreshold is the least score at which a column is mapped.
const suggestThreshold = 0.6

// FindHeaderRow returns the index of the header row among the first maxScan
// rows: the row with the most cells that name a known field of any import,
// so that a title block above it ("DATA UMKM BINAAN DINAS KOPERASI KAB. KUBU
// RAYA TAHUN 2024", a blank row) is passed over. ok is false when no row
// has at least two such cells. A header over two rows (merged group cells
// above the real names) is found by its lower row.
func FindHeaderRow(rows [][]string, maxScan int) (index int, ok bool) {
	ix := newSynonymIndex(append(EnterpriseFields(), CooperativeFields()...))
	best, bestScore := -1, 1
	for r := 0; r < len(rows) && r < maxScan; r++ {
		n := 0
		for _, cell := range rows[r] {
			key := normHeader(cell)
			if isRowNumberHeader(key) || len(key) > 60 {
				continue
			}
			for i := range ix.fields {
				if ix.score(i, key) >= 0.9 {
					n++
					break
				}
			}
		}
		if n > bestScore {
			best, bestScore = r, n
		}
	}
	return best, best >= 0
}

// SuggestMapping suggests a mapping of a header row to fields (usually
// EnterpriseFields() or CooperativeFields()), from the header names: each
// column goes to the field it names best, each field is used at most once,
// and the better-named column wins a field that two columns name; among
// equally good ones (a repeated header) the first. Row-number columns
// ("No.") and columns that name nothing known are left out.
func SuggestMapping(header []string, fields ...FieldInfo) Mapping {
	ix := newSynonymIndex(fields)
	type pair struct {
		col, field int
		score      float64
	}
	var pairs []pair
	for c, h := range header {
		key := normHeader(h)
		if isRowNumberHeader(key) || len(key) > 80 {
			continue
		}
		for i := range ix.fields {
			if s := ix.score(i, key); s >= suggestThreshold {
				pairs = append(pairs, pair{c, i, s})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool {
		if pairs[a].score != pairs[b].score {
			return pairs[a].score > pairs[b].score
		}
		if pairs[a].col != pairs[b].col {
			return pairs[a].col < pairs[b].col
		}
		return pairs[a].field < pairs[b].field
	})
	m := Mapping{}
	usedField := map[int]bool{}
	for _, p := range pairs {
		if _, done := m[p.col]; done || usedField[p.field] {
			continue
		}
		m[p.col] = ix.fields[p.field]
		usedField[p.field] = true
	}
	return m
}

// label is a Text literal, for the tables above.
func label(id, en string) Text { return Text{ID: id, EN: en} }
