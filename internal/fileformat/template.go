// Package fileformat knows the column layouts of the files people import:
// Bina's own template, the national SIDT export and the ministry's
// cooperative master. It finds the header row under a title block, maps a
// header to the known layouts, and suggests a mapping of columns to the
// domain's import fields (bina.Field) from the header texts people write.
package fileformat

import (
	"bina/imports"
	"sort"
	"strings"
	"unicode"

	"bina"
)

// ---------------------------------------------------------------------------
// Templates

// TemplateColumn is one column of a template: its header text and the field
// it fills. An empty Field means the column is read past: the SIDT export's
// pulled_at, updated_at and source_page say nothing about the business.
type TemplateColumn struct {
	Header string
	Field  bina.Field
}

// Template is a known file layout: the columns, in order, with their fields.
type Template struct {
	Name    string // "bina", "sidt", "koperasi": the --template of bina import
	Title   bina.Text
	Entity  bina.Entity
	Columns []TemplateColumn
}

// binaTemplateFields are the columns of Bina's own template, by field. The
// parts that other formats need (RT, the owner's region names, disabled
// workers) are left out: Bina's own file has whole addresses.
var binaTemplateFields = []bina.Field{
	bina.FieldName, bina.FieldTradeName, bina.FieldOwnerName, bina.FieldOwnerNIK, bina.FieldOwnerGender, bina.FieldOwnerBirth, bina.FieldOwnerPhone,
	bina.FieldOwnerEduc, bina.FieldOwnerDisabled, bina.FieldOwnerAddress, bina.FieldNIB, bina.FieldLegalForm, bina.FieldKBLI, bina.FieldKBLIMore,
	bina.FieldMainProduct, bina.FieldAddress, bina.FieldDistrict, bina.FieldVillage, bina.FieldVillageCode, bina.FieldLatitude, bina.FieldLongitude,
	bina.FieldStartYear, bina.FieldStartMonth, bina.FieldCapital, bina.FieldAssets, bina.FieldSales, bina.FieldSalesYear,
	bina.FieldWorkersPaidMale, bina.FieldWorkersPaidFemale, bina.FieldWorkersUnpaidMale, bina.FieldWorkersUnpaidFemale, bina.FieldWorkersTotal,
	bina.FieldSizeReported, bina.FieldDigitalMarketplace, bina.FieldDigitalSocial, bina.FieldDigitalWebsite, bina.FieldDigitalQRIS,
	bina.FieldDigitalBookkeeping, bina.FieldDigitalLinks, bina.FieldStatus, bina.FieldBinaan, bina.FieldBinaanSince, bina.FieldSourceID, bina.FieldNotes,
}

// TemplateBina returns Bina's own enterprise template: one column per field
// people fill in, headed by the field's Indonesian label.
func TemplateBina() Template {
	cols := make([]TemplateColumn, 0, len(binaTemplateFields))
	for _, f := range binaTemplateFields {
		fi, _ := imports.LookupField(bina.EntityEnterprise, f)
		cols = append(cols, TemplateColumn{Header: fi.Label.ID, Field: f})
	}
	return Template{Name: "bina", Title: label("Format Bina", "Bina format"), Entity: bina.EntityEnterprise, Columns: cols}
}

// sidtColumns are the 49 columns of the SIDT bulk export (DOMAIN.md
// section 9), in order. The owner's region columns (*_pengusaha) describe
// the home and are folded into the owner's address; the *_usaha columns
// place the business. Disabled workers are added into the workers of the
// same sex and pay (see FieldWorkersPaidDisabledMale). The last, truncated
// header is as the export writes it.
var sidtColumns = []TemplateColumn{
	{"id_data_badan_usaha", bina.FieldSourceID},
	{"nik_pengusaha", bina.FieldOwnerNIK},
	{"nama_pengusaha", bina.FieldOwnerName},
	{"nib", bina.FieldNIB},
	{"jenis_kelamin", bina.FieldOwnerGender},
	{"is_disabilitas", bina.FieldOwnerDisabled},
	{"tanggal_lahir", bina.FieldOwnerBirth},
	{"pendidikan_formal", bina.FieldOwnerEduc},
	{"kontak_hp", bina.FieldOwnerPhone},
	{"prov_pengusaha", bina.FieldOwnerProvince},
	{"kab_pengusaha", bina.FieldOwnerRegency},
	{"kec_pengusaha", bina.FieldOwnerDistrict},
	{"kel_pengusaha", bina.FieldOwnerVillage},
	{"alamat_pengusaha", bina.FieldOwnerAddress},
	{"rt_pengusaha", bina.FieldOwnerRT},
	{"rw_pengusaha", bina.FieldOwnerRW},
	{"nama_usaha", bina.FieldName},
	{"kegiatan_utama", bina.FieldActivity},
	{"produk_utama", bina.FieldMainProduct},
	{"kategori_kbli", bina.FieldKBLISection},
	{"kode_kbli", bina.FieldKBLI},
	{"status_badan_usaha", bina.FieldLegalForm},
	{"skala_usaha", bina.FieldSizeReported},
	{"modal_pendirian", bina.FieldCapital},
	{"bulan_mulai_operasi", bina.FieldStartMonth},
	{"tahun_mulai_operasi", bina.FieldStartYear},
	{"omzet_tahunan", bina.FieldSales},
	{"asset", bina.FieldAssets},
	{"prov_usaha", bina.FieldProvince},
	{"kab_usaha", bina.FieldRegency},
	{"kec_usaha", bina.FieldDistrict},
	{"kel_usaha", bina.FieldVillage},
	{"alamat_usaha", bina.FieldAddress},
	{"rt_usaha", bina.FieldRT},
	{"rw_usaha", bina.FieldRW},
	{"foto_usaha", bina.FieldPhoto},
	{"alamat_latitude", bina.FieldLatitude},
	{"alamat_longitude", bina.FieldLongitude},
	{"tk_dibayar_laki", bina.FieldWorkersPaidMale},
	{"tk_dibayar_perempuan", bina.FieldWorkersPaidFemale},
	{"tk_dibayar_disabil_laki", bina.FieldWorkersPaidDisabledMale},
	{"tk_dibayar_disabil_perempuan", bina.FieldWorkersPaidDisabledFemale},
	{"tk_not_dibayar_laki", bina.FieldWorkersUnpaidMale},
	{"tk_not_dibayar_perempuan", bina.FieldWorkersUnpaidFemale},
	{"tk_not_dibayar_disabil_laki", bina.FieldWorkersUnpaidDisabledMale},
	{"tk_not_dibayar_disabil_perempua", bina.FieldWorkersUnpaidDisabledFemale},
	{"pulled_at", ""},
	{"updated_at", ""},
	{"source_page", ""},
}

// TemplateSIDT returns the 49-column bulk export of SIDT, the national
// single database of cooperatives and UMKM.
func TemplateSIDT() Template {
	return Template{Name: "sidt", Title: label("Ekspor SIDT (49 kolom)", "SIDT export (49 columns)"), Entity: bina.EntityEnterprise,
		Columns: append([]TemplateColumn(nil), sidtColumns...)}
}

// koperasiColumns are the cooperative master records of the ministry's
// online data system (ODS), in the order DOMAIN.md section 9 lists them,
// with the legal entity date beside its number. The header texts are the
// system's usual ones (to verify against a fresh export); the synonyms of
// the fields catch the variants.
var koperasiColumns = []TemplateColumn{
	{"NIK", bina.FieldRegistrationNumber},
	{"Nama Koperasi", bina.FieldName},
	{"No Badan Hukum", bina.FieldLegalNumber},
	{"Tanggal Badan Hukum", bina.FieldLegalDate},
	{"Bentuk Koperasi", bina.FieldBentuk},
	{"Jenis Koperasi", bina.FieldJenis},
	{"Pola Pengelolaan", bina.FieldPola},
	{"Status Koperasi", bina.FieldStatus},
	{"Sektor Usaha", bina.FieldSector},
	{"Kelompok Koperasi", bina.FieldKelompok},
	{"Provinsi", bina.FieldProvince},
	{"Kabupaten/Kota", bina.FieldRegency},
	{"Kecamatan", bina.FieldDistrict},
	{"Desa/Kelurahan", bina.FieldVillage},
	{"Alamat", bina.FieldAddress},
	{"Kode Pos", bina.FieldPostcode},
	{"Email", bina.FieldEmail},
	{"Grade", bina.FieldGrade},
}

// TemplateKoperasi returns the ministry's cooperative master format.
func TemplateKoperasi() Template {
	return Template{Name: "koperasi", Title: label("Data koperasi ODS Kementerian", "Ministry cooperative master (ODS)"), Entity: bina.EntityCooperative,
		Columns: append([]TemplateColumn(nil), koperasiColumns...)}
}

// Templates returns the built-in templates.
func Templates() []Template {
	return []Template{TemplateBina(), TemplateSIDT(), TemplateKoperasi()}
}

// TemplateNamed returns the built-in template called name.
func TemplateNamed(name string) (Template, bool) {
	if name == "hadir" {
		return TemplateAttendance(), true
	}
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
func (tp Template) MapHeader(header []string) (imports.Mapping, []string) {
	want := map[string]bina.Field{}
	for _, c := range tp.Columns {
		if c.Field != "" {
			want[normHeader(c.Header)] = c.Field
		}
	}
	m := imports.Mapping{}
	used := map[bina.Field]bool{}
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
		r = imports.FoldAccent(r)
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
	fields []bina.Field
	keys   [][]string           // per field: normalised synonyms
	weak   []map[string]float64 // per field: normalised weak synonyms and their scores
}

// newSynonymIndex indexes the import fields of the entities.
func newSynonymIndex(entities ...bina.Entity) synonymIndex {
	// The headers of the built-in templates are synonyms of their fields.
	tmpl := map[bina.Field][]string{}
	for _, tp := range []Template{TemplateBina(), TemplateSIDT(), TemplateKoperasi()} {
		for _, c := range tp.Columns {
			if c.Field != "" {
				tmpl[c.Field] = append(tmpl[c.Field], c.Header)
			}
		}
	}
	var ix synonymIndex
	for _, entity := range entities {
		for _, f := range imports.FieldsOf(entity) {
			seen := map[string]bool{}
			var keys []string
			all := append([]string{string(f.Field), f.Label.ID, f.Label.EN}, synonyms[entity][f.Field]...)
			all = append(all, tmpl[f.Field]...)
			for _, s := range all {
				k := normHeader(s)
				if k != "" && !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
			weak := map[string]float64{}
			for _, w := range weakSynonyms[entity][f.Field] {
				weak[normHeader(w.header)] = w.score
			}
			ix.fields = append(ix.fields, f.Field)
			ix.keys = append(ix.keys, keys)
			ix.weak = append(ix.weak, weak)
		}
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
//     more for longer synonyms and fewer extra words;
//   - a weak synonym's own score for the weak synonym (weakSynonyms).
func (ix *synonymIndex) score(i int, key string) float64 {
	best := ix.weak[i][key]
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
			if imports.EditDistance(compact, sc, allowed) <= allowed {
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
	ix := newSynonymIndex(bina.EntityEnterprise, bina.EntityCooperative)
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

// SuggestMapping suggests a mapping of a header row to the import fields
// of entity (imports.FieldsOf), from the header names: each
// column goes to the field it names best, each field is used at most once,
// and the better-named column wins a field that two columns name; among
// equally good ones (a repeated header) the first. Row-number columns
// ("No.") and columns that name nothing known are left out.
func SuggestMapping(header []string, entity bina.Entity) imports.Mapping {
	ix := newSynonymIndex(entity)
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
	m := imports.Mapping{}
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
func label(id, en string) bina.Text { return bina.Text{ID: id, EN: en} }
