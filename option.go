package bina

// Option is one value of an enumeration with its labels. Every enumeration
// has one list here that forms, the API, validation and reports all read.
type Option struct {
	Code string `json:"code"`
	ID   string `json:"id"`
	EN   string `json:"en"`
}

// Label returns the option's label in lang.
func (o Option) Label(lang string) string {
	if lang == "en" {
		return o.EN
	}
	return o.ID
}

// Options is an enumeration.
type Options []Option

// Has reports whether code is one of the options.
func (os Options) Has(code string) bool {
	for _, o := range os {
		if o.Code == code {
			return true
		}
	}
	return false
}

// Label returns the label of code in lang, or code when unknown.
func (os Options) Label(code, lang string) string {
	for _, o := range os {
		if o.Code == code {
			return o.Label(lang)
		}
	}
	return code
}

// Codes returns the codes of the options in order.
func (os Options) Codes() []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.Code
	}
	return out
}

// Genders (jenis kelamin).
var Genders = Options{
	{"L", "Laki-laki", "Male"},
	{"P", "Perempuan", "Female"},
}

// Educations (pendidikan formal) as the national census asks it.
var Educations = Options{
	{"tidak_sekolah", "Tidak/belum sekolah", "No schooling"},
	{"sd", "SD/sederajat", "Primary school"},
	{"smp", "SMP/sederajat", "Junior high school"},
	{"sma", "SMA/SMK/sederajat", "Senior high school"},
	{"d3", "Diploma (D1-D3)", "Diploma"},
	{"s1", "Sarjana (D4/S1)", "Bachelor"},
	{"s2", "Pascasarjana (S2/S3)", "Postgraduate"},
}

// LegalForms of an enterprise (bentuk badan usaha).
var LegalForms = Options{
	{"perorangan", "Perorangan (belum berbadan usaha)", "Sole proprietor"},
	{"pt_perorangan", "PT Perorangan", "Single-person limited company"},
	{"pt", "PT", "Limited company"},
	{"cv", "CV", "Limited partnership (CV)"},
	{"firma", "Firma", "Partnership (firma)"},
	{"koperasi", "Koperasi", "Cooperative"},
	{"lainnya", "Lainnya", "Other"},
}

// OperatingStatuses of an enterprise.
var OperatingStatuses = Options{
	{"aktif", "Aktif", "Operating"},
	{"tutup_sementara", "Tutup sementara", "Temporarily closed"},
	{"tutup", "Tutup", "Closed"},
	{"pindah", "Pindah", "Moved away"},
	{"tidak_ditemukan", "Tidak ditemukan", "Not found"},
}

// Verifications are the states of a record's verification by the office.
var Verifications = Options{
	{"belum", "Belum diverifikasi", "Not verified"},
	{"terverifikasi", "Terverifikasi", "Verified"},
	{"perlu_perbaikan", "Perlu perbaikan", "Needs correction"},
}

// Sizes (skala usaha).
var Sizes = Options{
	{"mikro", "Mikro", "Micro"},
	{"kecil", "Kecil", "Small"},
	{"menengah", "Menengah", "Medium"},
	{"besar", "Besar", "Large"},
}

// DigitalChannels are the kinds of digital presence recorded for an
// enterprise; a filter value "none" means none of them.
var DigitalChannels = Options{
	{"marketplace", "Marketplace", "Marketplace"},
	{"social", "Media sosial", "Social media"},
	{"website", "Situs web", "Website"},
	{"qris", "QRIS", "QRIS payments"},
	{"bookkeeping", "Pembukuan digital", "Digital bookkeeping"},
}

// Sources say where a record came from (provenance).
var Sources = Options{
	{"manual", "Input petugas", "Entered by staff"},
	{"demo", "Data contoh", "Demo data"},
	{"import", "Impor berkas", "File import"},
	{"sidt", "SIDT nasional", "National SIDT"},
	{"odskop", "ODS Koperasi", "Ministry cooperative data"},
	{"mandiri", "Pendaftaran mandiri", "Self-registration"},
	{"lapangan", "Pendataan lapangan", "Field capture"},
	{SourceProgramme, "Daftar hadir program pembinaan", "Coaching programme attendance sheet"},
}

// SourceProgramme is the enterprise source (Sources) of a business first
// known from a programme's attendance sheet; its SourceID is the
// programme's id.
const SourceProgramme = "program"
