package web

// englishDuplicates translates the duplicate check of the UMKM form
// (enterprise_duplicates.go, templates/enterprise/form.html).
var englishDuplicates = map[string]string{
	"Mungkin sudah terdaftar":                         "Possibly registered already",
	"Usaha yang mirip di register:":                   "Similar businesses in the register:",
	"Bila ini memang usaha lain, tekan Simpan tetap.": "If this is another business, press Save anyway.",
	"Simpan tetap":                                    "Save anyway",
}
