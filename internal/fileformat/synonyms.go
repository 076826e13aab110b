package fileformat

import (
	"bina"
	"bina/imports"
)

// synonyms are the header texts people use for each field of an import,
// in Indonesian and English, as written; they are compared normalised
// (case, spaces, underscores, punctuation and common abbreviations do not
// matter). The field's code, its labels and the headers of the built-in
// templates are synonyms too without being listed.
var synonyms = map[bina.Entity]map[bina.Field][]string{
	bina.EntityEnterprise: {
		bina.FieldName:               {"nama usaha", "nama umkm", "nama ukm", "nama perusahaan", "nama badan usaha", "nama toko", "business name", "company name"},
		bina.FieldTradeName:          {"merek", "merk", "nama merek", "nama dagang", "brand", "trade name", "nama produk merek"},
		bina.FieldOwnerName:          {"nama pemilik", "pemilik", "nama pemilik usaha", "nama pengusaha", "nama pelaku usaha", "pelaku usaha", "nama penanggung jawab", "penanggung jawab", "nama lengkap", "owner", "owner name"},
		bina.FieldOwnerNIK:           {"nik", "nik pemilik", "nik ktp", "no ktp", "nomor ktp", "ktp", "nik pengusaha", "nomor induk kependudukan", "id number"},
		bina.FieldOwnerGender:        {"jenis kelamin", "jk", "l p", "kelamin", "gender", "sex", "jenis kelamin pemilik"},
		bina.FieldOwnerBirth:         {"tanggal lahir", "tgl lahir", "lahir", "ttl", "birth date", "date of birth", "dob"},
		bina.FieldOwnerPhone:         {"no hp", "hp", "no hp wa", "hp wa", "no wa", "wa", "whatsapp", "no whatsapp", "telepon", "no telepon", "telepon hp", "kontak", "kontak hp", "no kontak", "handphone", "no handphone", "phone", "mobile", "phone number"},
		bina.FieldOwnerEduc:          {"pendidikan", "pendidikan terakhir", "pendidikan formal", "education"},
		bina.FieldOwnerDisabled:      {"disabilitas", "penyandang disabilitas", "difabel", "disabilitas pemilik", "disability"},
		bina.FieldOwnerAddress:       {"alamat pemilik", "alamat rumah", "alamat ktp", "alamat domisili", "alamat pengusaha", "home address", "owner address"},
		bina.FieldNIB:                {"nib", "no nib", "nomor nib", "nomor induk berusaha", "nib oss", "business id"},
		bina.FieldLegalForm:          {"bentuk usaha", "badan usaha", "bentuk badan usaha", "status badan usaha", "badan hukum", "legal form"},
		bina.FieldKBLI:               {"kbli", "kode kbli", "kbli utama", "kbli 2020", "no kbli", "kbli code"},
		bina.FieldKBLIMore:           {"kbli lain", "kbli lainnya", "kbli tambahan", "other kbli"},
		bina.FieldKBLISection:        {"kategori kbli", "kategori", "sektor kbli", "kbli section"},
		bina.FieldActivity:           {"kegiatan usaha", "kegiatan utama", "bidang usaha", "sektor usaha", "sektor", "jenis kegiatan", "uraian usaha", "line of business", "activity", "business type"},
		bina.FieldMainProduct:        {"produk utama", "produk", "nama produk", "jenis produk", "produk jasa", "komoditas", "main product", "product"},
		bina.FieldAddress:            {"alamat usaha", "alamat", "alamat tempat usaha", "lokasi usaha", "alamat lengkap", "lokasi", "address", "business address"},
		bina.FieldRT:                 {"rt", "rt usaha"},
		bina.FieldRW:                 {"rw", "rw usaha"},
		bina.FieldProvince:           {"provinsi", "nama provinsi", "provinsi usaha", "province"},
		bina.FieldRegency:            {"kabupaten", "kabupaten kota", "kota", "kab kota", "nama kabupaten", "kabupaten usaha", "regency", "city"},
		bina.FieldDistrict:           {"kecamatan", "nama kecamatan", "kecamatan usaha", "district", "sub district", "subdistrict"},
		bina.FieldVillage:            {"desa", "kelurahan", "desa kelurahan", "kelurahan desa", "nama desa", "desa usaha", "village"},
		bina.FieldVillageCode:        {"kode desa", "kode wilayah", "kode kelurahan", "kode desa kelurahan", "kode kemendagri", "village code"},
		bina.FieldLatitude:           {"lintang", "latitude", "lat", "garis lintang", "koordinat lintang", "titik koordinat", "koordinat"},
		bina.FieldLongitude:          {"bujur", "longitude", "long", "lon", "lng", "garis bujur", "koordinat bujur"},
		bina.FieldStartYear:          {"tahun mulai", "tahun berdiri", "tahun mulai usaha", "tahun mulai operasi", "mulai usaha", "berdiri sejak", "tahun pendirian", "year started", "year established"},
		bina.FieldStartMonth:         {"bulan mulai", "bulan berdiri", "bulan mulai usaha", "bulan mulai operasi"},
		bina.FieldCapital:            {"modal", "modal usaha", "modal awal", "modal pendirian", "jumlah modal", "nilai modal", "capital"},
		bina.FieldAssets:             {"aset", "asset", "aset usaha", "nilai aset", "kekayaan bersih", "total aset", "assets"},
		bina.FieldSales:              {"omzet", "omzet tahun", "omzet tahunan", "omzet setahun", "omzet usaha", "penjualan", "penjualan tahunan", "hasil penjualan", "hasil penjualan tahunan", "pendapatan", "pendapatan tahunan", "annual sales", "sales", "turnover", "revenue"},
		bina.FieldSalesYear:          {"tahun omzet", "tahun penjualan", "sales year"},
		bina.FieldWorkersPaidMale:    {"tenaga kerja l", "tk l", "tenaga kerja laki laki", "tenaga kerja laki", "tenaga kerja dibayar laki", "pekerja laki", "karyawan laki", "tenaga kerja pria"},
		bina.FieldWorkersPaidFemale:  {"tenaga kerja p", "tk p", "tenaga kerja perempuan", "tenaga kerja dibayar perempuan", "pekerja perempuan", "karyawan perempuan", "tenaga kerja wanita"},
		bina.FieldWorkersTotal:       {"jumlah tenaga kerja", "tenaga kerja", "jumlah karyawan", "jumlah pekerja", "karyawan", "pekerja", "total tenaga kerja", "workers", "employees", "number of workers", "total workers"},
		bina.FieldSizeReported:       {"skala usaha", "skala", "kategori usaha", "klasifikasi usaha", "ukuran usaha", "size", "business size"},
		bina.FieldDigitalMarketplace: {"marketplace", "jualan online", "e commerce", "ecommerce", "toko online"},
		bina.FieldDigitalSocial:      {"media sosial", "medsos", "sosial media", "social media", "instagram", "facebook"},
		bina.FieldDigitalWebsite:     {"website", "situs", "situs web", "web"},
		bina.FieldDigitalQRIS:        {"qris", "pembayaran digital", "pembayaran non tunai", "digital payment"},
		bina.FieldDigitalBookkeeping: {"pembukuan digital", "aplikasi pembukuan", "pencatatan keuangan digital", "digital bookkeeping"},
		bina.FieldDigitalLinks:       {"link toko", "tautan", "link", "akun media sosial", "link marketplace", "url", "links"},
		bina.FieldStatus:             {"status usaha", "status", "keterangan usaha", "status operasi", "operating status"},
		bina.FieldBinaan:             {"binaan", "umkm binaan", "status binaan", "dibina", "coached"},
		bina.FieldBinaanSince:        {"binaan sejak", "tahun binaan", "mulai dibina", "tanggal binaan"},
		bina.FieldSourceID:           {"id sumber", "id", "id data", "kode usaha", "no registrasi", "id umkm", "source id"},
		bina.FieldPhoto:              {"foto", "foto usaha", "link foto", "photo"},
		bina.FieldNotes:              {"catatan", "keterangan", "ket", "notes", "remarks", "keterangan lain"},
	},
	bina.EntityCooperative: {
		bina.FieldRegistrationNumber: {"nik", "nik koperasi", "nomor induk koperasi", "no induk koperasi", "nomor induk", "no nik koperasi", "registration number"},
		bina.FieldName:               {"nama koperasi", "koperasi", "nama", "cooperative name", "name"},
		bina.FieldLegalNumber:        {"nomor badan hukum", "no badan hukum", "badan hukum", "no bh", "nomor bh", "nomor akta pendirian", "no akta", "legal number"},
		bina.FieldLegalDate:          {"tanggal badan hukum", "tgl badan hukum", "tanggal bh", "tgl bh", "tanggal akta", "legal date"},
		bina.FieldCertificateDate:    {"tanggal sertifikat", "tanggal sertifikat nik", "tgl sertifikat", "certificate date"},
		bina.FieldNPWP:               {"npwp", "no npwp", "tax number"},
		bina.FieldNIB:                {"nib", "no nib", "nomor induk berusaha"},
		bina.FieldBentuk:             {"bentuk koperasi", "bentuk", "tingkat koperasi", "form"},
		bina.FieldJenis:              {"jenis koperasi", "jenis", "type"},
		bina.FieldPola:               {"pola pengelolaan", "pola", "konvensional syariah", "management pattern"},
		bina.FieldKelompok:           {"kelompok koperasi", "kelompok", "group"},
		bina.FieldSector:             {"sektor usaha", "sektor", "bidang usaha", "sector"},
		bina.FieldKBLI:               {"kbli", "kode kbli"},
		bina.FieldStatus:             {"status koperasi", "status", "keaktifan", "status aktif"},
		bina.FieldGrade:              {"grade", "peringkat", "klasifikasi", "kelas"},
		bina.FieldAddress:            {"alamat", "alamat koperasi", "alamat kantor", "alamat lengkap", "address"},
		bina.FieldPostcode:           {"kode pos", "kodepos", "postcode", "postal code", "zip"},
		bina.FieldEmail:              {"email", "e mail", "surel", "alamat email"},
		bina.FieldPhone:              {"telepon", "no telepon", "hp", "no hp", "kontak", "phone"},
		bina.FieldProvince:           {"provinsi", "province"},
		bina.FieldRegency:            {"kabupaten", "kabupaten kota", "kota", "kab kota", "regency"},
		bina.FieldDistrict:           {"kecamatan", "district"},
		bina.FieldVillage:            {"desa", "kelurahan", "desa kelurahan", "kelurahan desa", "village"},
		bina.FieldVillageCode:        {"kode desa", "kode wilayah", "village code"},
		bina.FieldLatitude:           {"lintang", "latitude", "lat"},
		bina.FieldLongitude:          {"bujur", "longitude", "long", "lon", "lng"},
		bina.FieldMembersMale:        {"anggota laki", "jumlah anggota laki", "anggota pria"},
		bina.FieldMembersFemale:      {"anggota perempuan", "jumlah anggota perempuan", "anggota wanita"},
		bina.FieldMembers:            {"jumlah anggota", "anggota", "members"},
		bina.FieldEmployeesMale:      {"karyawan laki", "jumlah karyawan laki"},
		bina.FieldEmployeesFemale:    {"karyawan perempuan", "jumlah karyawan perempuan"},
		bina.FieldKDMP:               {"kdmp", "kopdes merah putih", "koperasi desa merah putih"},
		bina.FieldLastRATYear:        {"tahun rat terakhir", "rat terakhir", "tahun rat", "rat tahun buku", "last rat"},
		bina.FieldSourceID:           {"id sumber", "id", "id koperasi", "source id"},
		bina.FieldNotes:              {"catatan", "keterangan", "notes"},
	},
	imports.EntityAttendance: {
		bina.FieldOwnerName:     {"nama peserta", "peserta", "nama", "nama lengkap", "nama pemilik", "nama pelaku usaha", "participant", "name"},
		bina.FieldOwnerNIK:      {"nik", "nik peserta", "no ktp", "nomor ktp", "nik ktp", "ktp", "nomor induk kependudukan"},
		bina.FieldOwnerPhone:    {"no hp", "hp", "no hp wa", "no wa", "wa", "whatsapp", "telepon", "no telepon", "kontak", "handphone", "phone"},
		bina.FieldName:          {"nama usaha", "usaha", "nama umkm", "nama toko", "jenis usaha", "business name"},
		bina.FieldVillage:       {"desa", "kelurahan", "desa kelurahan", "kelurahan desa", "asal desa", "village"},
		bina.FieldDistrict:      {"kecamatan", "asal kecamatan", "district"},
		imports.FieldAttendedOn: {"tanggal", "tanggal hadir", "tgl hadir", "hari tanggal", "tanggal kegiatan", "date"},
		imports.FieldAttendance: {"status", "status hadir", "kehadiran", "keterangan", "hadir selesai", "status hadir selesai", "attendance"},
	},
}

// weakSynonym is a header that names a field less surely than a synonym
// does: a column so named goes to the field only when no column names it
// better, and may go to another field then.
type weakSynonym struct {
	header string
	score  float64 // below 1, the score of a synonym
}

// weakSynonyms are the headers that name more than one field. "Jenis
// Usaha" in an office's list holds what the business makes or sells
// ("Keripik pisang", "Kuliner"): it is the main product, unless another
// column is called that; then it is the activity, kept in the notes.
var weakSynonyms = map[bina.Entity]map[bina.Field][]weakSynonym{
	bina.EntityEnterprise: {
		bina.FieldMainProduct: {{"jenis usaha", 0.95}, {"jenis usaha produk", 0.95}},
		bina.FieldActivity:    {{"jenis usaha", 0.7}},
	},
}
