package web

// englishLists translates the texts of the list navigation and the human
// references of issue 14 (listnav.go, partials/fields.html).
var englishLists = map[string]string{
	"Per halaman:":              "Per page:",
	"Halaman pertama":           "First page",
	"Semua impor":               "All imports",
	"baris ke":                  "row",
	"Jumlah per desa/kelurahan": "Counts per village",
	"Desa/kelurahan":            "Village",
	// The UMKM list's filters behind the owner and data-quality figures.
	"Jenis kelamin pemilik":          "Owner's gender",
	"Pemilik penyandang disabilitas": "Owner with a disability",
	"NIK pemilik sah":                "Owner's NIK valid",
	"Kode desa dikenal":              "Desa code known",
}
