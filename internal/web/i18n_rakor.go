package web

// englishRakor translates the texts of the rakor report's page (rakor.go,
// templates/rakor).
var englishRakor = map[string]string{
	"Laporan rakor": "Rakor report",
	"Laporan tahunan untuk rapat koordinasi: PDF A4 dan buku kerja Excel dengan angka yang sama dengan dasbor dan API indikator.": "The yearly report for the coordination meeting: an A4 PDF and an Excel workbook with the same figures as the dashboards and the indicator API.",
	"Buat laporan":                      "Make the report",
	"Tahun":                             "Year",
	"Tema rapat (sampul)":               "Meeting theme (cover)",
	"mis. Koperasi dan UMKM naik kelas": "e.g. Cooperatives and UMKM moving up",
	"Laporan dibuat di server dan menjadi salinan tetap: angkanya tidak berubah walau register berubah. Membuat lagi menghasilkan versi baru.": "The report is made on the server and becomes a fixed copy: its figures do not change when the register does. Making it again gives a new version.",
	"Versi laporan":            "Report versions",
	"Versi":                    "Version",
	"Tema":                     "Theme",
	"Status":                   "State",
	"Dibuat":                   "Made",
	"Unduh":                    "Download",
	"Kemajuan":                 "Progress",
	"Belum ada laporan rakor.": "No rakor report yet.",
	"Pilih tahun laporan.":     "Choose the report's year.",
	"Laporan rakor sedang dibuat. Halaman ini menunjukkan kemajuannya.": "The rakor report is being made. This page shows its progress.",
}
