package bina

// ParamName is one parameter of a list's address in the one vocabulary the
// pages and the API share: Name is the API's name, the one documented;
// Page is the name the pages' filter forms write (their fields are the
// kecamatan and desa selects, Indonesian words for a person reading the
// address bar). Both are accepted everywhere: a page takes the API's
// names, and the API takes the pages', so that an address copied from one
// works in the other.
type ParamName struct {
	Name string
	Page []string
}

// ListParams is the vocabulary of list parameters. A region is one code in
// the API and a kecamatan select and a desa select on the pages: region
// takes either level, kecamatan and desa name theirs.
var ListParams = []ParamName{
	{"region", []string{"kecamatan", "desa"}},
	{"kbli_section", []string{"kbli"}},
	{"size", []string{"skala"}},
	{"verification", []string{"verifikasi"}},
	{"reached", []string{"jangkauan"}},
	{"archived", []string{"arsip"}},
	{"active", []string{"aktif"}},
	{"sort", []string{"urut"}},
	{"kind", []string{"jenis"}},      // certificates
	{"officer", []string{"petugas"}}, // certificates, coaching sessions
	{"created_year", []string{"tahun_daftar"}},
	{"archived_year", []string{"tahun_arsip"}},
	{"at_year_end", []string{"akhir_tahun"}},
	// The filters behind the owner and data-quality figures (issue 13).
	{"owner_gender", []string{"jenis_kelamin"}},
	{"owner_disability", []string{"disabilitas"}},
	{"nik_valid", []string{"nik_sah"}},
	{"village_known", []string{"desa_dikenal"}},
	{"financing_year", []string{"tahun_pembiayaan"}},
}

// ParamOf returns the API's name of a page's parameter name, or "" when
// page is not one.
func ParamOf(page string) string {
	for _, p := range ListParams {
		for _, n := range p.Page {
			if n == page {
				return p.Name
			}
		}
	}
	return ""
}
