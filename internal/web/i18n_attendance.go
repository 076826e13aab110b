package web

// englishAttendance translates the texts of a programme's attendance
// import (import_attendance.go and templates/import/attendance.html).
var englishAttendance = map[string]string{
	"Program":             "Programme",
	"Impor daftar hadir":  "Import an attendance sheet",
	"Unggah daftar hadir": "Upload the attendance sheet",
	"Peserta dicocokkan dengan register menurut NIK, lalu nomor HP, lalu nama dan desa, dan dicatat sebagai peserta program ini.": "Participants are matched to the register by NIK, then phone, then name and village, and recorded as participants of this programme.",
	"Nomor kegiatan (boleh kosong)": "Activity number (optional)",
	"Tanggal kegiatan dipakai untuk baris tanpa tanggal hadir; tanpa kegiatan, tanggal mulai program.":                                                            "The activity's date is used for rows without a date; without an activity, the programme's start date.",
	"Kolom: nama peserta, NIK, no. HP, nama usaha, desa/kelurahan, kecamatan, tanggal hadir, status (hadir atau selesai). Kolom nomor dan tanda tangan dilewati.": "Columns: participant name, NIK, phone, business name, village, district, date attended, status (attended or completed). The number and signature columns are skipped.",
	"Unduh templat daftar hadir":         "Download the attendance sheet template",
	"Apa yang terjadi pada setiap baris": "What happens to each row",
	"Peserta yang ditemukan di register dicatat hadir atau selesai, dengan tanggal hadirnya.":                       "Participants found in the register are recorded as attended or completed, with the date they attended.",
	"Peserta yang belum terdaftar dibuat sebagai UMKM baru yang belum diverifikasi, bersumber dari program ini.":    "Participants not yet registered are created as new, unverified businesses whose source is this programme.",
	"Kecocokan yang ragu, misalnya nama mirip di desa yang sama, masuk antrean tinjauan.":                           "Uncertain matches, such as a similar name in the same village, go to the review queue.",
	"NIK yang sudah menjadi 6,1E+15 karena Excel membuat barisnya ditolak; ketik NIK sebagai teks lalu impor lagi.": "A NIK that Excel turned into 6.1E+15 rejects its row; type the NIK as text and import again.",
	"Mengimpor daftar hadir yang sama lagi tidak mendaftarkan peserta dua kali.":                                    "Importing the same sheet again does not enrol anyone twice.",
	"Daftar hadir":          "Attendance sheet",
	"Lihat peserta program": "See the programme's participants",
}
