package web

// englishPhone translates the texts of the phone menu (layout.html) and of
// the download buttons of the lists (partials/downloads.html).
var englishPhone = map[string]string{
	"Menu": "Menu",

	"CSV untuk sistem lain": "CSV for other systems",
	"CSV untuk sistem lain: dibuka di Excel, angka seperti NIK dan nomor HP bisa berubah. Untuk dibaca dan diolah di kantor, pilih Excel.": "CSV is for other systems: opened in Excel, numbers such as NIKs and phone numbers may change. To read and work on the data in the office, choose Excel.",
	"Format SIDT untuk dikirim ke sistem data nasional.": "The SIDT format, to send to the national data system.",
}
