package web

// englishCertificates translates the certificate list's views: in force
// now and all certificates by issue year, the records behind the
// certificate indicators (certificate.go).
var englishCertificates = map[string]string{
	"Sertifikat yang berlaku": "Certificates in force",
	"Daftar sertifikat":       "Certificates",
	"Sertifikat dan izin UMKM terdaftar di wilayah Anda yang berlaku hari ini: tanpa tanggal kedaluwarsa atau belum kedaluwarsa; merek hanya yang sudah terdaftar. Inilah sertifikat yang dihitung indikator sertifikat yang dimiliki UMKM.": "Certificates and licences of registered businesses in your region in force today: without an expiry date or not yet expired; trademarks only once registered. These are the certificates the indicator of certificates held by UMKM counts.",
	"Semua sertifikat dan izin UMKM terdaftar di wilayah Anda, yang terakhir dicatat di atas. Pilih tahun terbit untuk melihat sertifikat yang diperoleh dalam tahun itu.":                                                                   "All certificates and licences of registered businesses in your region, the latest recorded first. Choose an issue year to see the certificates obtained in that year.",
	"Tahun terbit":                 "Issue year",
	"Kosongkan untuk semua tahun.": "Leave empty for every year.",
	"Bawaan 90 hari; hanya untuk tampilan akan kedaluwarsa.": "90 days by default; for the expiring view only.",
	"sertifikat berlaku hari ini":                            "certificates in force today",
	"sertifikat":                                             "certificates",
	"terbit tahun":                                           "issued in",
	"Sertifikat, yang terakhir dicatat di atas":              "Certificates, the latest recorded first",
	"Tidak ada sertifikat yang cocok dengan penyaring ini.":  "No certificate matches this filter.",
}
