package fileformat

import "bina"

// Help returns what goes in the column of field f of an import of entity
// e and what the import does with it: the guide of the downloadable
// template. The zero Text when there is none.
func Help(e bina.Entity, f bina.Field) bina.Text { return help[e][f] }

// help is the guide of each import column, by entity and field.
var help = map[bina.Entity]map[bina.Field]bina.Text{
	bina.EntityEnterprise: {
		bina.FieldName:                        label("Wajib. Nama usaha seperti dikenal orang.", "Required. The business's name as people know it."),
		bina.FieldTradeName:                   label("Merek produk, bila berbeda dari nama usaha.", "The product brand, when it differs from the business name."),
		bina.FieldOwnerName:                   label("Nama pemilik atau penanggung jawab usaha.", "The owner or person responsible for the business."),
		bina.FieldOwnerNIK:                    label("16 angka dari KTP. Simpan sebagai teks di Excel agar tidak rusak.", "16 digits from the ID card. Keep it as text in Excel so that it is not destroyed."),
		bina.FieldOwnerGender:                 label("L atau P.", "L (male) or P (female)."),
		bina.FieldOwnerBirth:                  label("Misalnya 12/05/1980 atau 12 Mei 1980.", "For example 12/05/1980 or 12 Mei 1980."),
		bina.FieldOwnerPhone:                  label("Nomor HP atau WhatsApp pemilik, seperti 081234567890.", "The owner's mobile or WhatsApp number, like 081234567890."),
		bina.FieldOwnerEduc:                   label("Pendidikan formal terakhir: SD, SMP, SMA, D3, S1, S2.", "Highest schooling: SD, SMP, SMA, D3, S1, S2."),
		bina.FieldOwnerDisabled:               label("Ya atau tidak.", "Yes or no."),
		bina.FieldOwnerAddress:                label("Alamat rumah pemilik (data pribadi). Lokasi usaha diisi di Alamat Usaha.", "The owner's home address (personal data). The business location goes in Business address."),
		bina.FieldOwnerRT:                     ownerAddressPart,
		bina.FieldOwnerRW:                     ownerAddressPart,
		bina.FieldOwnerVillage:                label("Ditambahkan ke alamat pemilik; usaha ditempatkan menurut lokasi usaha, bukan rumah pemilik.", "Appended to the owner's address; a business is placed where it operates, not where its owner lives."),
		bina.FieldOwnerDistrict:               ownerAddressPart,
		bina.FieldOwnerRegency:                ownerAddressPart,
		bina.FieldOwnerProvince:               ownerAddressPart,
		bina.FieldNIB:                         label("Nomor Induk Berusaha dari OSS, 13 angka.", "Business identity number from OSS, 13 digits."),
		bina.FieldLegalForm:                   label("Perorangan, PT Perorangan, PT, CV, Firma, Koperasi atau Lainnya.", "Sole proprietor, single-person PT, PT, CV, firma, cooperative or other."),
		bina.FieldKBLI:                        label("Kode KBLI 2020 lima angka dari kegiatan utama, seperti 10794.", "The five-digit KBLI 2020 code of the main activity, like 10794."),
		bina.FieldKBLIMore:                    label("Kode KBLI kegiatan lain, dipisah koma.", "The KBLI codes of other activities, separated by commas."),
		bina.FieldKBLISection:                 label("Huruf kategori A-U; diperiksa terhadap kode KBLI.", "The section letter A-U; checked against the KBLI code."),
		bina.FieldActivity:                    label("Uraian kegiatan atau jenis usaha; dipakai untuk menyarankan kode KBLI dan disimpan di catatan.", "A description of the activity or kind of business; used to suggest a KBLI code and kept in the notes."),
		bina.FieldMainProduct:                 label("Produk atau jasa utama.", "The main product or service."),
		bina.FieldAddress:                     label("Tempat usaha berjalan: jalan, gang, dusun.", "Where the business operates: street, lane, hamlet."),
		bina.FieldRT:                          label("Ditambahkan ke alamat usaha.", "Appended to the business address."),
		bina.FieldRW:                          label("Ditambahkan ke alamat usaha.", "Appended to the business address."),
		bina.FieldProvince:                    label("Nama atau kode provinsi lokasi usaha.", "Name or code of the business's province."),
		bina.FieldRegency:                     label("Nama atau kode kabupaten/kota lokasi usaha.", "Name or code of the business's regency or city."),
		bina.FieldDistrict:                    label("Nama kecamatan lokasi usaha, atau kodenya (Kemendagri atau BPS).", "Name of the business's kecamatan, or its code (Kemendagri or BPS)."),
		bina.FieldVillage:                     label("Nama desa atau kelurahan lokasi usaha.", "Name of the business's village."),
		bina.FieldVillageCode:                 label("Kode wilayah Kemendagri desa, seperti 61.12.01.2001; mengalahkan nama desa bila keduanya ada.", "The Kemendagri village code, like 61.12.01.2001; it wins over the village name when both are given."),
		bina.FieldLatitude:                    label("Garis lintang, seperti -0,0523.", "Latitude, like -0.0523."),
		bina.FieldLongitude:                   label("Garis bujur, seperti 109,3456.", "Longitude, like 109.3456."),
		bina.FieldStartYear:                   label("Tahun usaha mulai berjalan.", "The year the business started."),
		bina.FieldStartMonth:                  label("Bulan usaha mulai berjalan (1-12 atau nama bulan).", "The month the business started (1-12 or a month name)."),
		bina.FieldCapital:                     label("Modal usaha tanpa tanah dan bangunan, rupiah.", "Business capital without land and buildings, in rupiah."),
		bina.FieldAssets:                      label("Nilai aset usaha, rupiah.", "The business's assets, in rupiah."),
		bina.FieldSales:                       label("Hasil penjualan setahun, rupiah. Nilai per bulan tidak diterima: isi jumlah setahun.", "Sales in a year, in rupiah. Monthly figures are refused: give the yearly total."),
		bina.FieldSalesYear:                   label("Tahun omzet itu; bila kosong, tahun berkas.", "The year of those sales; when empty, the file's year."),
		bina.FieldWorkersUnpaidMale:           label("Anggota keluarga yang membantu tanpa upah.", "Family members helping without pay."),
		bina.FieldWorkersUnpaidFemale:         label("Anggota keluarga yang membantu tanpa upah.", "Family members helping without pay."),
		bina.FieldWorkersPaidDisabledMale:     disabledWorkersHelp,
		bina.FieldWorkersPaidDisabledFemale:   disabledWorkersHelp,
		bina.FieldWorkersUnpaidDisabledMale:   disabledWorkersHelp,
		bina.FieldWorkersUnpaidDisabledFemale: disabledWorkersHelp,
		bina.FieldWorkersTotal:                label("Jumlah seluruh tenaga kerja, dibayar dan tidak dibayar. Bila berkas tidak memisahkan menurut jenis kelamin dan upah, jumlah ini disimpan apa adanya (rincian belum diketahui; Bina tidak menebaknya); bila rincian ada, jumlahnya paling sedikit sebesar rincian, atau kosongkan agar dihitung dari rincian.", "All workers, paid and unpaid. When the file does not split them by sex and pay the number is kept as it is (split not known; Bina does not guess it); with a split, it is at least the split's sum, or leave it empty to have it counted from the split."),
		bina.FieldSizeReported:                label("Skala yang disebut pemilik: mikro, kecil, menengah. Skala resmi dihitung Bina dari omzet atau modal.", "The size the owner gives: mikro, kecil, menengah. Bina computes the legal size from sales or capital."),
		bina.FieldDigitalLinks:                label("Alamat toko online dan akun media sosial, satu per baris.", "Online shop and social media addresses, one per line."),
		bina.FieldStatus:                      label("Aktif, tutup sementara, tutup, pindah, tidak ditemukan.", "Operating, temporarily closed, closed, moved, not found."),
		bina.FieldBinaan:                      label("Ya bila usaha dibina dinas.", "Yes when the office coaches the business."),
		bina.FieldSourceID:                    label("Nomor baris di sistem asal; membuat impor ulang berkas yang sama tidak menggandakan data.", "The record's id in the system it comes from; importing the same file again then duplicates nothing."),
		bina.FieldPhoto:                       label("Tautan foto; disimpan di catatan.", "A link to a photo; kept in the notes."),
	},
	bina.EntityCooperative: {
		bina.FieldRegistrationNumber: label("NIK koperasi dari ODS, 16 angka; bukan NIK orang.", "The cooperative's NIK from the ministry system, 16 digits; not a person's NIK."),
		bina.FieldName:               label("Wajib.", "Required."),
		bina.FieldLegalNumber:        label("Nomor badan hukum, seperti 518.08/96/BH/XIV.10/VIII/2008.", "The legal entity decree number, like 518.08/96/BH/XIV.10/VIII/2008."),
		bina.FieldJenis:              label("Wajib: simpan pinjam, konsumen, produsen, pemasaran, jasa, serba usaha.", "Required: savings and loan, consumer, producer, marketing, services, multi-purpose."),
		bina.FieldKelompok:           label("Daftar kelompok dinas; kelompok baru ditambah admin.", "The office's list of groups; an admin adds new ones."),
		bina.FieldSector:             label("Sektor usaha menurut ODS; dipakai untuk menyarankan KBLI dan disimpan di catatan.", "The ministry's sector; used to suggest a KBLI code and kept in the notes."),
		bina.FieldStatus:             label("Status menurut ODS (aktif/tidak aktif); disimpan di catatan. Keaktifan di Bina dihitung dari RAT.", "The ministry's status (active/inactive); kept in the notes. Bina computes activity from the RAT."),
		bina.FieldGrade:              label("Peringkat menurut ODS; disimpan di catatan.", "The ministry's grade; kept in the notes."),
		bina.FieldPostcode:           label("Ditambahkan ke alamat.", "Appended to the address."),
		bina.FieldEmail:              label("Disimpan di catatan.", "Kept in the notes."),
		bina.FieldPhone:              label("Telepon kantor; disimpan di catatan.", "The office phone; kept in the notes."),
		bina.FieldMembers:            label("Bila berkas tidak memisahkan anggota menurut jenis kelamin; disimpan di catatan, tidak dibagi.", "When the file does not split members by sex; kept in the notes, not divided."),
		bina.FieldLastRATYear:        label("Tahun buku RAT terakhir yang diadakan.", "The book year of the last RAT held."),
	},
}

// ownerAddressPart is the help of the parts of the owner's address.
var ownerAddressPart = label("Ditambahkan ke alamat pemilik.", "Appended to the owner's address.")

var disabledWorkersHelp = label(
	"Ditambahkan ke tenaga kerja dengan jenis kelamin dan upah yang sama: Bina tidak mencatat tenaga kerja disabilitas tersendiri, dan SIDT menanyakannya sebagai baris tambahan, sehingga penjumlahan menjaga total tenaga kerja.",
	"Added to the workers of the same sex and pay: Bina keeps no separate count of disabled workers, and SIDT asks for them as extra lines, so adding them keeps the total.")
