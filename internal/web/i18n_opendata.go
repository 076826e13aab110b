package web

// englishOpenData translates the texts of the open-data page
// (opendata.go, templates/opendata).
var englishOpenData = map[string]string{
	"Data terbuka": "Open data",
	"Data agregat UMKM dan koperasi yang dihasilkan": "Aggregate data on UMKM and cooperatives produced by",
	"(Produsen Data Satu Data Indonesia, Perpres 39/2019) dan diterbitkan di portal Satu Data daerah oleh Walidata (Diskominfo). Setiap dataset dapat diunduh sebagai CSV atau JSON dalam bentuk tabel Satu Data: satu baris per wilayah, kategori dan tahun.": "(the data producer of Satu Data Indonesia, Perpres 39/2019) and published on the regional Satu Data portal by the data steward (Diskominfo). Each dataset can be downloaded as CSV or JSON in the Satu Data table shape: one row per region, category and year.",
	"Lisensi": "Licence",
	"Data boleh dipakai, dibagikan dan diolah untuk keperluan apa pun, asal menyebut sumbernya:": "The data may be used, shared and adapted for any purpose, provided the source is credited:",
	"Kerahasiaan angka kecil": "Small counts withheld",
	"Data terbuka tidak pernah memuat NIK, nama orang, nomor telepon atau alamat. Jumlah UMKM dan peserta program di bawah":                        "Open data never holds an identity number (NIK), a person's name, a phone number or an address. Counts of UMKM and programme participants below",
	"dalam satu sel dirahasiakan, karena dapat menunjuk orang tertentu (UU 27/2022). Angka koperasi (badan hukum) dan program tidak dirahasiakan.": "in a cell are withheld, as they could point to a particular person (UU 27/2022). Figures of cooperatives (legal entities) and programmes are not withheld.",
	"Periode":                               "Period",
	"Diperbarui":                            "Updated",
	"Tingkat penyajian":                     "Level of presentation",
	"Produsen":                              "Producer",
	"Angka kecil":                           "Small counts",
	"dirahasiakan (lihat keterangan tanda)": "withheld (see the marks explained above)",
	"tidak dirahasiakan":                    "not withheld",
	"Kode indikator":                        "Indicator code",
	"Unduh":                                 "Download",
}
