package bina

import (
	"slices"
	"strings"
)

// The import column model, shared by the importer, the command line and the
// pages: the fields a column can fill, in the field table of each entity.

// Field is a target field of an import: where the values of one column go.
// Most are the JSON names of Enterprise and Cooperative fields; a few are
// parts that an importer folds into another field (FieldInfo.Into), such as
// the RT and RW of an address or the disabled workers of the SIDT export.
type Field string

// The fields of an enterprise import.
const (
	FieldName          Field = "name"
	FieldTradeName     Field = "trade_name"
	FieldOwnerName     Field = "owner.name"
	FieldOwnerNIK      Field = "owner.nik"
	FieldOwnerGender   Field = "owner.gender"
	FieldOwnerBirth    Field = "owner.birth_date"
	FieldOwnerPhone    Field = "owner.phone"
	FieldOwnerEduc     Field = "owner.education"
	FieldOwnerDisabled Field = "owner.disability"
	FieldOwnerAddress  Field = "owner.address"
	FieldOwnerRT       Field = "owner.rt"
	FieldOwnerRW       Field = "owner.rw"
	FieldOwnerVillage  Field = "owner.village"
	FieldOwnerDistrict Field = "owner.district"
	FieldOwnerRegency  Field = "owner.regency"
	FieldOwnerProvince Field = "owner.province"
	FieldNIB           Field = "nib"
	FieldLegalForm     Field = "legal_form"
	FieldKBLI          Field = "kbli"
	FieldKBLIMore      Field = "kbli_more"
	FieldKBLISection   Field = "kbli_section"
	FieldActivity      Field = "activity"
	FieldMainProduct   Field = "main_product"
	FieldAddress       Field = "address"
	FieldRT            Field = "rt"
	FieldRW            Field = "rw"
	FieldProvince      Field = "province"
	FieldRegency       Field = "regency"
	FieldDistrict      Field = "district"
	FieldVillage       Field = "village"
	FieldVillageCode   Field = "village_code"
	FieldLatitude      Field = "latitude"
	FieldLongitude     Field = "longitude"
	FieldStartYear     Field = "start_year"
	FieldStartMonth    Field = "start_month"
	FieldCapital       Field = "capital"
	FieldAssets        Field = "assets"
	FieldSales         Field = "sales"
	FieldSalesYear     Field = "sales_year"

	FieldWorkersPaidMale             Field = "workers_paid_male"
	FieldWorkersPaidFemale           Field = "workers_paid_female"
	FieldWorkersUnpaidMale           Field = "workers_unpaid_male"
	FieldWorkersUnpaidFemale         Field = "workers_unpaid_female"
	FieldWorkersPaidDisabledMale     Field = "workers_paid_disabled_male"
	FieldWorkersPaidDisabledFemale   Field = "workers_paid_disabled_female"
	FieldWorkersUnpaidDisabledMale   Field = "workers_unpaid_disabled_male"
	FieldWorkersUnpaidDisabledFemale Field = "workers_unpaid_disabled_female"
	FieldWorkers                     Field = "workers"

	FieldSizeReported       Field = "size_reported"
	FieldDigitalMarketplace Field = "digital.marketplace"
	FieldDigitalSocial      Field = "digital.social_media"
	FieldDigitalWebsite     Field = "digital.website"
	FieldDigitalQRIS        Field = "digital.qris"
	FieldDigitalBookkeeping Field = "digital.digital_bookkeeping"
	FieldDigitalLinks       Field = "digital.links"
	FieldStatus             Field = "status"
	FieldBinaan             Field = "binaan"
	FieldBinaanSince        Field = "binaan_since"
	FieldSourceID           Field = "source_id"
	FieldPhoto              Field = "photo"
	FieldNotes              Field = "notes"
)

// The fields of a cooperative import that enterprises do not have. A
// cooperative import also uses FieldName, FieldNIB, FieldKBLI, FieldStatus,
// the address and region fields, the coordinates, FieldSourceID and
// FieldNotes.
const (
	FieldRegistrationNumber Field = "registration_number"
	FieldCertificateDate    Field = "certificate_date"
	FieldLegalNumber        Field = "legal_number"
	FieldLegalDate          Field = "legal_date"
	FieldNPWP               Field = "npwp"
	FieldBentuk             Field = "bentuk"
	FieldJenis              Field = "jenis"
	FieldPola               Field = "pola"
	FieldKelompok           Field = "kelompok"
	FieldSector             Field = "sector"
	FieldGrade              Field = "grade"
	FieldPostcode           Field = "postcode"
	FieldEmail              Field = "email"
	FieldPhone              Field = "phone"
	FieldMembersMale        Field = "members_male"
	FieldMembersFemale      Field = "members_female"
	FieldMembers            Field = "members"
	FieldEmployeesMale      Field = "employees_male"
	FieldEmployeesFemale    Field = "employees_female"
	FieldKDMP               Field = "kdmp"
	FieldLastRATYear        Field = "last_rat_year"
)

// FieldKind says how the cells of a field are read, and so which parser of
// parser of internal/importer applies.
type FieldKind string

// The kinds of field.
const (
	KindText       FieldKind = "text"        // trimmed text
	KindRupiah     FieldKind = "rupiah"      // ParseRupiah
	KindCount      FieldKind = "count"       // ParseCount
	KindDate       FieldKind = "date"        // ParseDateLoose, PastOnly
	KindYear       FieldKind = "year"        // ParseYear
	KindMonth      FieldKind = "month"       // ParseMonth
	KindBool       FieldKind = "bool"        // ParseBool
	KindGender     FieldKind = "gender"      // ParseGender
	KindSize       FieldKind = "size"        // ParseSize
	KindEducation  FieldKind = "education"   // ParseEducation
	KindOption     FieldKind = "option"      // ParseOption with FieldInfo.Options
	KindKBLI       FieldKind = "kbli"        // ParseKBLI
	KindKBLIList   FieldKind = "kbli_list"   // ParseKBLIList
	KindPhone      FieldKind = "phone"       // ParsePhone
	KindNIK        FieldKind = "nik"         // ParseNIKCell
	KindNIB        FieldKind = "nib"         // ParseNIBCell
	KindDigits     FieldKind = "digits"      // NormalizeDigits, then the field's check
	KindRegionName FieldKind = "region_name" // RegionMatcher.Match, with the other region columns
	KindRegionCode FieldKind = "region_code" // RegionMatcher.Match, in the village position
	KindLatitude   FieldKind = "latitude"    // ParseCoordinate, with the longitude column
	KindLongitude  FieldKind = "longitude"   // ParseCoordinate, with the latitude column
)

// FieldInfo describes one field of an import.
type FieldInfo struct {
	Field Field
	Label Text // the column header of Bina's own template, and the name on the mapping page
	Help  Text // what goes in it and what the import does with it
	Kind  FieldKind
	// Options are the values of a coded field, for the drop-down lists of
	// the downloadable template and for ParseOption.
	Options Options
	// Into names the field this one is folded into: counts are added
	// (disabled workers into the workers of the same sex and pay) and text
	// is appended (RT and RW, the owner's region names, into the address).
	Into Field
}

// txt is a Text literal, for the tables below.
func txt(id, en string) Text { return Text{ID: id, EN: en} }

// enterpriseTable is the field table of enterprises: the columns of an
// enterprise import, in the order of Bina's own template, and the fields
// of the record, in the order of its history.
var enterpriseTable = []RecordField[Enterprise]{
	{Field: FieldName, History: txt("Nama usaha", "Business name"), Label: txt("Nama Usaha", "Business name"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Name },
		Help: txt("Wajib. Nama usaha seperti dikenal orang.", "Required. The business's name as people know it.")},
	{Field: FieldTradeName, History: txt("Nama dagang/merek", "Trade name"), Label: txt("Nama Dagang/Merek", "Trade name or brand"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.TradeName },
		Help: txt("Merek produk, bila berbeda dari nama usaha.", "The product brand, when it differs from the business name.")},
	{Field: FieldOwnerName, History: txt("Nama pemilik", "Owner name"), Label: txt("Nama Pemilik", "Owner name"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Owner.Name },
		Help: txt("Nama pemilik atau penanggung jawab usaha.", "The owner or person responsible for the business.")},
	{Field: FieldOwnerNIK, History: txt("NIK pemilik", "Owner NIK"), Label: txt("NIK Pemilik", "Owner NIK"), Kind: KindNIK, Text: func(e *Enterprise) *string { return &e.Owner.NIK },
		Help: txt("16 angka dari KTP. Simpan sebagai teks di Excel agar tidak rusak.", "16 digits from the ID card. Keep it as text in Excel so that it is not destroyed.")},
	{Field: FieldOwnerGender, History: txt("Jenis kelamin pemilik", "Owner gender"), Label: txt("Jenis Kelamin Pemilik", "Owner gender"), Kind: KindGender, Options: Genders, Text: func(e *Enterprise) *string { return &e.Owner.Gender },
		Help: txt("L atau P.", "L (male) or P (female).")},
	{Field: FieldOwnerBirth, History: txt("Tanggal lahir pemilik", "Owner birth date"), Label: txt("Tanggal Lahir Pemilik", "Owner birth date"), Kind: KindDate, Date: func(e *Enterprise) *Date { return &e.Owner.BirthDate },
		Help: txt("Misalnya 12/05/1980 atau 12 Mei 1980.", "For example 12/05/1980 or 12 Mei 1980.")},
	{Field: FieldOwnerPhone, History: txt("Nomor HP pemilik", "Owner phone"), Label: txt("No. HP/WA", "Phone/WhatsApp"), Kind: KindPhone, Text: func(e *Enterprise) *string { return &e.Owner.Phone },
		Help: txt("Nomor HP atau WhatsApp pemilik, seperti 081234567890.", "The owner's mobile or WhatsApp number, like 081234567890.")},
	{Field: FieldOwnerEduc, History: txt("Pendidikan pemilik", "Owner education"), Label: txt("Pendidikan Pemilik", "Owner education"), Kind: KindEducation, Options: Educations, Text: func(e *Enterprise) *string { return &e.Owner.Education },
		Help: txt("Pendidikan formal terakhir: SD, SMP, SMA, D3, S1, S2.", "Highest schooling: SD, SMP, SMA, D3, S1, S2.")},
	{Field: FieldOwnerDisabled, History: txt("Pemilik penyandang disabilitas", "Owner has a disability"), Label: txt("Pemilik Penyandang Disabilitas", "Owner has a disability"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Owner.Disability },
		Help: txt("Ya atau tidak.", "Yes or no.")},
	{Field: FieldOwnerAddress, History: txt("Alamat rumah pemilik", "Owner home address"), Label: txt("Alamat Pemilik", "Owner home address"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Owner.Address },
		Help: txt("Alamat rumah pemilik (data pribadi). Lokasi usaha diisi di Alamat Usaha.", "The owner's home address (personal data). The business location goes in Business address.")},
	{Field: FieldOwnerRT, Label: txt("RT Pemilik", "Owner RT"), Kind: KindText, Into: FieldOwnerAddress, Help: ownerAddressPart},
	{Field: FieldOwnerRW, Label: txt("RW Pemilik", "Owner RW"), Kind: KindText, Into: FieldOwnerAddress, Help: ownerAddressPart},
	{Field: FieldOwnerVillage, Label: txt("Desa/Kelurahan Pemilik", "Owner village"), Kind: KindText, Into: FieldOwnerAddress,
		Help: txt("Ditambahkan ke alamat pemilik; usaha ditempatkan menurut lokasi usaha, bukan rumah pemilik.", "Appended to the owner's address; a business is placed where it operates, not where its owner lives.")},
	{Field: FieldOwnerDistrict, Label: txt("Kecamatan Pemilik", "Owner district"), Kind: KindText, Into: FieldOwnerAddress, Help: ownerAddressPart},
	{Field: FieldOwnerRegency, Label: txt("Kabupaten/Kota Pemilik", "Owner regency"), Kind: KindText, Into: FieldOwnerAddress, Help: ownerAddressPart},
	{Field: FieldOwnerProvince, Label: txt("Provinsi Pemilik", "Owner province"), Kind: KindText, Into: FieldOwnerAddress, Help: ownerAddressPart},
	{Field: FieldNIB, History: txt("NIB", "NIB"), Label: txt("NIB", "NIB"), Kind: KindNIB, Text: func(e *Enterprise) *string { return &e.NIB },
		Help: txt("Nomor Induk Berusaha dari OSS, 13 angka.", "Business identity number from OSS, 13 digits.")},
	{Field: FieldLegalForm, History: txt("Bentuk usaha", "Legal form"), Label: txt("Bentuk Usaha", "Legal form"), Kind: KindOption, Options: LegalForms, Strict: true, Text: func(e *Enterprise) *string { return &e.LegalForm },
		Help: txt("Perorangan, PT Perorangan, PT, CV, Firma, Koperasi atau Lainnya.", "Sole proprietor, single-person PT, PT, CV, firma, cooperative or other.")},
	{Field: FieldKBLI, History: txt("KBLI", "KBLI"), Label: txt("KBLI Utama", "Main KBLI code"), Kind: KindKBLI, Value: func(e *Enterprise) string { return joinEach(e.KBLI, ", ", kbliText) }, Take: func(e, from *Enterprise) { e.KBLI = slices.Clone(from.KBLI) },
		Help: txt("Kode KBLI 2020 lima angka dari kegiatan utama, seperti 10794.", "The five-digit KBLI 2020 code of the main activity, like 10794.")},
	{Field: FieldKBLIMore, Label: txt("KBLI Lain", "Other KBLI codes"), Kind: KindKBLIList,
		Help: txt("Kode KBLI kegiatan lain, dipisah koma.", "The KBLI codes of other activities, separated by commas.")},
	{Field: FieldKBLISection, Label: txt("Kategori KBLI", "KBLI section"), Kind: KindText,
		Help: txt("Huruf kategori A-U; diperiksa terhadap kode KBLI.", "The section letter A-U; checked against the KBLI code.")},
	{Field: FieldActivity, Label: txt("Kegiatan Usaha", "Business activity"), Kind: KindText,
		Help: txt("Uraian kegiatan atau jenis usaha; dipakai untuk menyarankan kode KBLI dan disimpan di catatan.", "A description of the activity or kind of business; used to suggest a KBLI code and kept in the notes.")},
	{Field: FieldMainProduct, History: txt("Produk utama", "Main product"), Label: txt("Produk Utama", "Main product"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.MainProduct },
		Help: txt("Produk atau jasa utama.", "The main product or service.")},
	{Field: FieldAddress, History: txt("Alamat usaha", "Business address"), Label: txt("Alamat Usaha", "Business address"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Address },
		Help: txt("Tempat usaha berjalan: jalan, gang, dusun.", "Where the business operates: street, lane, hamlet.")},
	{Field: FieldRT, Label: txt("RT", "RT"), Kind: KindText, Into: FieldAddress,
		Help: txt("Ditambahkan ke alamat usaha.", "Appended to the business address.")},
	{Field: FieldRW, Label: txt("RW", "RW"), Kind: KindText, Into: FieldAddress,
		Help: txt("Ditambahkan ke alamat usaha.", "Appended to the business address.")},
	{Field: FieldProvince, Label: txt("Provinsi", "Province"), Kind: KindRegionName,
		Help: txt("Nama atau kode provinsi lokasi usaha.", "Name or code of the business's province.")},
	{Field: FieldRegency, Label: txt("Kabupaten/Kota", "Regency or city"), Kind: KindRegionName,
		Help: txt("Nama atau kode kabupaten/kota lokasi usaha.", "Name or code of the business's regency or city.")},
	{Field: FieldDistrict, Label: txt("Kecamatan", "District"), Kind: KindRegionName,
		Help: txt("Nama kecamatan lokasi usaha, atau kodenya (Kemendagri atau BPS).", "Name of the business's kecamatan, or its code (Kemendagri or BPS).")},
	{Field: FieldVillage, Label: txt("Desa/Kelurahan", "Village"), Kind: KindRegionName,
		Help: txt("Nama desa atau kelurahan lokasi usaha.", "Name of the business's village.")},
	{Field: FieldVillageCode, History: txt("Desa", "Village"), Label: txt("Kode Desa", "Village code"), Kind: KindRegionCode, Value: func(e *Enterprise) string { return string(e.VillageCode) }, Take: func(e, from *Enterprise) { e.VillageCode = from.VillageCode },
		Help: txt("Kode wilayah Kemendagri desa, seperti 61.12.01.2001; mengalahkan nama desa bila keduanya ada.", "The Kemendagri village code, like 61.12.01.2001; it wins over the village name when both are given.")},
	{Field: FieldLatitude, History: txt("Lintang", "Latitude"), Label: txt("Lintang", "Latitude"), Kind: KindLatitude, Value: func(e *Enterprise) string { return floatText(e.Latitude) }, Take: func(e, from *Enterprise) { e.Latitude, e.Longitude = from.Latitude, from.Longitude },
		Help: txt("Garis lintang, seperti -0,0523.", "Latitude, like -0.0523.")},
	{Field: FieldLongitude, History: txt("Bujur", "Longitude"), Label: txt("Bujur", "Longitude"), Kind: KindLongitude, Value: func(e *Enterprise) string { return floatText(e.Longitude) }, Take: func(e, from *Enterprise) { e.Latitude, e.Longitude = from.Latitude, from.Longitude },
		Help: txt("Garis bujur, seperti 109,3456.", "Longitude, like 109.3456.")},
	{Field: FieldStartYear, History: txt("Tahun mulai", "Start year"), Label: txt("Tahun Mulai Usaha", "Year started"), Kind: KindYear, Strict: true, Int: func(e *Enterprise) *int { return &e.StartYear },
		Help: txt("Tahun usaha mulai berjalan.", "The year the business started.")},
	{Field: FieldStartMonth, History: txt("Bulan mulai", "Start month"), Label: txt("Bulan Mulai Usaha", "Month started"), Kind: KindMonth, Strict: true, Int: func(e *Enterprise) *int { return &e.StartMonth },
		Help: txt("Bulan usaha mulai berjalan (1-12 atau nama bulan).", "The month the business started (1-12 or a month name).")},
	{Field: FieldCapital, History: txt("Modal usaha", "Business capital"), Label: txt("Modal Usaha (Rp)", "Business capital (Rp)"), Kind: KindRupiah, Strict: true, Int64: func(e *Enterprise) *int64 { return &e.Capital },
		Help: txt("Modal usaha tanpa tanah dan bangunan, rupiah.", "Business capital without land and buildings, in rupiah.")},
	{Field: FieldAssets, History: txt("Aset", "Assets"), Label: txt("Aset (Rp)", "Assets (Rp)"), Kind: KindRupiah, Strict: true, Int64: func(e *Enterprise) *int64 { return &e.Assets },
		Help: txt("Nilai aset usaha, rupiah.", "The business's assets, in rupiah.")},
	{Field: FieldSales, History: txt("Omzet tahunan", "Annual sales"), Label: txt("Omzet per Tahun (Rp)", "Annual sales (Rp)"), Kind: KindRupiah, Value: func(e *Enterprise) string { return joinEach(e.Sales, "; ", salesText) }, Take: func(e, from *Enterprise) { e.Sales = mergeSales(e.Sales, from.Sales) },
		Help: txt("Hasil penjualan setahun, rupiah. Nilai per bulan tidak diterima: isi jumlah setahun.", "Sales in a year, in rupiah. Monthly figures are refused: give the yearly total.")},
	{Field: FieldSalesYear, Label: txt("Tahun Omzet", "Sales year"), Kind: KindYear,
		Help: txt("Tahun omzet itu; bila kosong, tahun berkas.", "The year of those sales; when empty, the file's year.")},
	{Field: FieldWorkersPaidMale, History: txt("Pekerja dibayar laki-laki", "Paid workers, male"), Label: txt("Tenaga Kerja Dibayar Laki-laki", "Paid workers, men"), Kind: KindCount, Strict: true, Int: func(e *Enterprise) *int { return &e.WorkersPaidMale }},
	{Field: FieldWorkersPaidFemale, History: txt("Pekerja dibayar perempuan", "Paid workers, female"), Label: txt("Tenaga Kerja Dibayar Perempuan", "Paid workers, women"), Kind: KindCount, Strict: true, Int: func(e *Enterprise) *int { return &e.WorkersPaidFemale }},
	{Field: FieldWorkersUnpaidMale, History: txt("Pekerja tidak dibayar laki-laki", "Unpaid workers, male"), Label: txt("Tenaga Kerja Tidak Dibayar Laki-laki", "Unpaid workers, men"), Kind: KindCount, Strict: true, Int: func(e *Enterprise) *int { return &e.WorkersUnpaidMale },
		Help: txt("Anggota keluarga yang membantu tanpa upah.", "Family members helping without pay.")},
	{Field: FieldWorkersUnpaidFemale, History: txt("Pekerja tidak dibayar perempuan", "Unpaid workers, female"), Label: txt("Tenaga Kerja Tidak Dibayar Perempuan", "Unpaid workers, women"), Kind: KindCount, Strict: true, Int: func(e *Enterprise) *int { return &e.WorkersUnpaidFemale },
		Help: txt("Anggota keluarga yang membantu tanpa upah.", "Family members helping without pay.")},
	{Field: FieldWorkersPaidDisabledMale, Label: txt("Tenaga Kerja Dibayar Disabilitas Laki-laki", "Paid disabled workers, men"), Kind: KindCount, Into: FieldWorkersPaidMale,
		Help: disabledWorkersHelp},
	{Field: FieldWorkersPaidDisabledFemale, Label: txt("Tenaga Kerja Dibayar Disabilitas Perempuan", "Paid disabled workers, women"), Kind: KindCount, Into: FieldWorkersPaidFemale,
		Help: disabledWorkersHelp},
	{Field: FieldWorkersUnpaidDisabledMale, Label: txt("Tenaga Kerja Tidak Dibayar Disabilitas Laki-laki", "Unpaid disabled workers, men"), Kind: KindCount, Into: FieldWorkersUnpaidMale,
		Help: disabledWorkersHelp},
	{Field: FieldWorkersUnpaidDisabledFemale, Label: txt("Tenaga Kerja Tidak Dibayar Disabilitas Perempuan", "Unpaid disabled workers, women"), Kind: KindCount, Into: FieldWorkersUnpaidFemale,
		Help: disabledWorkersHelp},
	{Field: FieldWorkers, Label: txt("Jumlah Tenaga Kerja", "Number of workers"), Kind: KindCount,
		Help: txt("Jumlah seluruh tenaga kerja, bila berkas tidak memisahkan menurut jenis kelamin dan upah; disimpan di catatan, karena Bina tidak menebak rinciannya.", "All workers, when the file does not split them by sex and pay; kept in the notes, because Bina does not guess the split.")},
	{Field: FieldSizeReported, History: txt("Skala menurut pemilik", "Size reported by owner"), Label: txt("Skala Usaha (Menurut Pemilik)", "Size as reported"), Kind: KindSize, Options: Sizes, Text: func(e *Enterprise) *string { return &e.SizeReported },
		Help: txt("Skala yang disebut pemilik: mikro, kecil, menengah. Skala resmi dihitung Bina dari omzet atau modal.", "The size the owner gives: mikro, kecil, menengah. Bina computes the legal size from sales or capital.")},
	{Field: "size_computed", Options: Sizes, History: txt("Skala terhitung", "Computed size"), NoMerge: true, Text: func(e *Enterprise) *string { return &e.SizeComputed }},
	{Field: "size_rule", History: txt("Aturan skala", "Size rule"), NoMerge: true, Value: func(e *Enterprise) string { return string(e.SizeRule) }},
	{Field: FieldDigitalMarketplace, History: txt("Marketplace", "Marketplace"), Label: txt("Berjualan di Marketplace", "Sells on a marketplace"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.Marketplace }},
	{Field: FieldDigitalSocial, History: txt("Media sosial", "Social media"), Label: txt("Media Sosial", "Social media"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.SocialMedia }},
	{Field: FieldDigitalWebsite, History: txt("Situs web", "Website"), Label: txt("Situs Web", "Website"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.Website }},
	{Field: FieldDigitalQRIS, History: txt("QRIS", "QRIS"), Label: txt("QRIS", "QRIS"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.QRIS }},
	{Field: FieldDigitalBookkeeping, History: txt("Pembukuan digital", "Digital bookkeeping"), Label: txt("Pembukuan Digital", "Digital bookkeeping"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.DigitalBookkeeping }},
	{Field: FieldDigitalLinks, History: txt("Tautan toko dan profil", "Shop and profile links"), Label: txt("Tautan Toko/Media Sosial", "Shop and profile links"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Digital.Links },
		Help: txt("Alamat toko online dan akun media sosial, satu per baris.", "Online shop and social media addresses, one per line.")},
	{Field: FieldStatus, History: txt("Status usaha", "Operating status"), Label: txt("Status Usaha", "Operating status"), Kind: KindOption, Options: OperatingStatuses, Strict: true, Text: func(e *Enterprise) *string { return &e.Status },
		Help: txt("Aktif, tutup sementara, tutup, pindah, tidak ditemukan.", "Operating, temporarily closed, closed, moved, not found.")},
	{Field: FieldBinaan, History: txt("UMKM binaan", "Under coaching"), Label: txt("Binaan Dinas", "Coached by the office"), Kind: KindBool, Strict: true, Bool: func(e *Enterprise) *bool { return &e.Binaan },
		Help: txt("Ya bila usaha dibina dinas.", "Yes when the office coaches the business.")},
	{Field: FieldBinaanSince, History: txt("Binaan sejak", "Coached since"), Label: txt("Binaan Sejak", "Coached since"), Kind: KindDate, Strict: true, Date: func(e *Enterprise) *Date { return &e.BinaanSince }},
	{Field: "verification", Options: Verifications, History: txt("Verifikasi", "Verification"), NoMerge: true, Text: func(e *Enterprise) *string { return &e.Verification }},
	{Field: "source", Options: Sources, History: txt("Sumber data", "Data source"), NoMerge: true, Text: func(e *Enterprise) *string { return &e.Source }},
	{Field: FieldSourceID, History: txt("ID di sumber", "Source id"), Label: txt("ID Sumber", "Source ID"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.SourceID },
		Help: txt("Nomor baris di sistem asal; membuat impor ulang berkas yang sama tidak menggandakan data.", "The record's id in the system it comes from; importing the same file again then duplicates nothing.")},
	{Field: FieldPhoto, Label: txt("Foto Usaha", "Business photo"), Kind: KindText,
		Help: txt("Tautan foto; disimpan di catatan.", "A link to a photo; kept in the notes.")},
	{Field: FieldNotes, History: txt("Catatan", "Notes"), Label: txt("Catatan", "Notes"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Notes }},
}

// ownerAddressPart is the help of the parts of the owner's address.
var ownerAddressPart = txt("Ditambahkan ke alamat pemilik.", "Appended to the owner's address.")

var disabledWorkersHelp = txt(
	"Ditambahkan ke tenaga kerja dengan jenis kelamin dan upah yang sama: Bina tidak mencatat tenaga kerja disabilitas tersendiri, dan SIDT menanyakannya sebagai baris tambahan, sehingga penjumlahan menjaga total tenaga kerja.",
	"Added to the workers of the same sex and pay: Bina keeps no separate count of disabled workers, and SIDT asks for them as extra lines, so adding them keeps the total.")

// cooperativeTable is the field table of cooperatives: the columns of a
// cooperative import and the fields of the record.
var cooperativeTable = []RecordField[Cooperative]{
	{Field: FieldRegistrationNumber, History: txt("Nomor Induk Koperasi", "Registration number"), Label: txt("Nomor Induk Koperasi", "Cooperative registration number"), Kind: KindDigits, Text: func(c *Cooperative) *string { return &c.RegistrationNumber },
		Help: txt("NIK koperasi dari ODS, 16 angka; bukan NIK orang.", "The cooperative's NIK from the ministry system, 16 digits; not a person's NIK.")},
	{Field: FieldName, History: txt("Nama koperasi", "Cooperative name"), Label: txt("Nama Koperasi", "Cooperative name"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.Name },
		Help: txt("Wajib.", "Required.")},
	{Field: FieldLegalNumber, History: txt("Nomor badan hukum", "Legal entity number"), Label: txt("Nomor Badan Hukum", "Legal entity number"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.LegalNumber },
		Help: txt("Nomor badan hukum, seperti 518.08/96/BH/XIV.10/VIII/2008.", "The legal entity decree number, like 518.08/96/BH/XIV.10/VIII/2008.")},
	{Field: FieldLegalDate, History: txt("Tanggal badan hukum", "Legal entity date"), Label: txt("Tanggal Badan Hukum", "Legal entity date"), Kind: KindDate, Date: func(c *Cooperative) *Date { return &c.LegalDate }},
	{Field: "amendments", History: txt("Perubahan anggaran dasar", "Amendments"), NoMerge: true, Value: func(c *Cooperative) string { return joinEach(c.Amendments, "; ", amendmentText) }},
	{Field: FieldCertificateDate, History: txt("Tanggal sertifikat NIK", "Certificate date"), Label: txt("Tanggal Sertifikat NIK", "Certificate date"), Kind: KindDate, Date: func(c *Cooperative) *Date { return &c.CertificateDate }},
	{Field: "certificate_expiry", History: txt("Sertifikat berlaku sampai", "Certificate valid until"), NoMerge: true, Date: func(c *Cooperative) *Date { return &c.CertificateExpiry }},
	{Field: FieldNPWP, History: txt("NPWP", "Tax number (NPWP)"), Label: txt("NPWP", "Tax number"), Kind: KindDigits, Text: func(c *Cooperative) *string { return &c.NPWP }},
	{Field: FieldNIB, History: txt("NIB", "NIB"), Label: txt("NIB", "NIB"), Kind: KindNIB, Text: func(c *Cooperative) *string { return &c.NIB }},
	{Field: "savings_license", History: txt("Izin usaha simpan pinjam", "Savings and loan licence"), NoMerge: true, Text: func(c *Cooperative) *string { return &c.SavingsLicense }},
	{Field: FieldBentuk, History: txt("Bentuk koperasi", "Form"), Label: txt("Bentuk Koperasi", "Form"), Kind: KindOption, Options: Bentuks, Strict: true, Text: func(c *Cooperative) *string { return &c.Bentuk }},
	{Field: FieldJenis, History: txt("Jenis koperasi", "Type"), Label: txt("Jenis Koperasi", "Type"), Kind: KindOption, Options: Jenises, Strict: true, Text: func(c *Cooperative) *string { return &c.Jenis },
		Help: txt("Wajib: simpan pinjam, konsumen, produsen, pemasaran, jasa, serba usaha.", "Required: savings and loan, consumer, producer, marketing, services, multi-purpose.")},
	{Field: FieldPola, History: txt("Pola pengelolaan", "Management pattern"), Label: txt("Pola Pengelolaan", "Management pattern"), Kind: KindOption, Options: Polas, Strict: true, Text: func(c *Cooperative) *string { return &c.Pola }},
	{Field: FieldKelompok, History: txt("Kelompok koperasi", "Group"), Label: txt("Kelompok Koperasi", "Group"), Kind: KindOption, Options: DefaultKelompoks, Strict: true, Text: func(c *Cooperative) *string { return &c.Kelompok },
		Help: txt("Daftar kelompok dinas; kelompok baru ditambah admin.", "The office's list of groups; an admin adds new ones.")},
	{Field: FieldSector, Label: txt("Sektor Usaha", "Sector"), Kind: KindText,
		Help: txt("Sektor usaha menurut ODS; dipakai untuk menyarankan KBLI dan disimpan di catatan.", "The ministry's sector; used to suggest a KBLI code and kept in the notes.")},
	{Field: FieldKBLI, History: txt("KBLI", "KBLI"), Label: txt("KBLI", "KBLI"), Kind: KindKBLI, Value: func(c *Cooperative) string { return strings.Trim(string(c.KBLI.Version)+":"+c.KBLI.Code, ":") }, Take: func(c, from *Cooperative) { c.KBLI = from.KBLI }},
	{Field: FieldStatus, Label: txt("Status Koperasi", "Status"), Kind: KindText,
		Help: txt("Status menurut ODS (aktif/tidak aktif); disimpan di catatan. Keaktifan di Bina dihitung dari RAT.", "The ministry's status (active/inactive); kept in the notes. Bina computes activity from the RAT.")},
	{Field: FieldGrade, Label: txt("Grade", "Grade"), Kind: KindText,
		Help: txt("Peringkat menurut ODS; disimpan di catatan.", "The ministry's grade; kept in the notes.")},
	{Field: FieldAddress, History: txt("Alamat", "Address"), Label: txt("Alamat", "Address"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.Address }},
	{Field: FieldPostcode, Label: txt("Kode Pos", "Postcode"), Kind: KindText,
		Help: txt("Ditambahkan ke alamat.", "Appended to the address."),
		Into: FieldAddress},
	{Field: FieldEmail, Label: txt("Email", "E-mail"), Kind: KindText,
		Help: txt("Disimpan di catatan.", "Kept in the notes.")},
	{Field: FieldPhone, Label: txt("Telepon", "Phone"), Kind: KindPhone,
		Help: txt("Telepon kantor; disimpan di catatan.", "The office phone; kept in the notes.")},
	{Field: FieldProvince, Label: txt("Provinsi", "Province"), Kind: KindRegionName},
	{Field: FieldRegency, Label: txt("Kabupaten/Kota", "Regency or city"), Kind: KindRegionName},
	{Field: FieldDistrict, Label: txt("Kecamatan", "District"), Kind: KindRegionName},
	{Field: FieldVillage, Label: txt("Desa/Kelurahan", "Village"), Kind: KindRegionName},
	{Field: FieldVillageCode, History: txt("Desa", "Village"), Label: txt("Kode Desa", "Village code"), Kind: KindRegionCode, Value: func(c *Cooperative) string { return string(c.VillageCode) }, Take: func(c, from *Cooperative) { c.VillageCode = from.VillageCode }},
	{Field: FieldLatitude, History: txt("Lintang", "Latitude"), Label: txt("Lintang", "Latitude"), Kind: KindLatitude, Value: func(c *Cooperative) string { return floatText(c.Latitude) }, Take: func(c, from *Cooperative) { c.Latitude, c.Longitude = from.Latitude, from.Longitude }},
	{Field: FieldLongitude, History: txt("Bujur", "Longitude"), Label: txt("Bujur", "Longitude"), Kind: KindLongitude, Value: func(c *Cooperative) string { return floatText(c.Longitude) }, Take: func(c, from *Cooperative) { c.Latitude, c.Longitude = from.Latitude, from.Longitude }},
	{Field: FieldMembersMale, History: txt("Anggota laki-laki", "Members, male"), Label: txt("Anggota Laki-laki", "Members, men"), Kind: KindCount, Strict: true, Int: func(c *Cooperative) *int { return &c.MembersMale }},
	{Field: FieldMembersFemale, History: txt("Anggota perempuan", "Members, female"), Label: txt("Anggota Perempuan", "Members, women"), Kind: KindCount, Strict: true, Int: func(c *Cooperative) *int { return &c.MembersFemale }},
	{Field: FieldMembers, Label: txt("Jumlah Anggota", "Members"), Kind: KindCount,
		Help: txt("Bila berkas tidak memisahkan anggota menurut jenis kelamin; disimpan di catatan, tidak dibagi.", "When the file does not split members by sex; kept in the notes, not divided.")},
	{Field: FieldEmployeesMale, History: txt("Karyawan laki-laki", "Employees, male"), Label: txt("Karyawan Laki-laki", "Employees, men"), Kind: KindCount, Strict: true, Int: func(c *Cooperative) *int { return &c.EmployeesMale }},
	{Field: FieldEmployeesFemale, History: txt("Karyawan perempuan", "Employees, female"), Label: txt("Karyawan Perempuan", "Employees, women"), Kind: KindCount, Strict: true, Int: func(c *Cooperative) *int { return &c.EmployeesFemale }},
	{Field: "officers", History: txt("Pengurus dan pengawas", "Board and supervisors"), NoMerge: true, Value: func(c *Cooperative) string { return joinEach(c.Officers, "; ", officerText) }},
	{Field: "units", History: txt("Unit usaha", "Business units"), NoMerge: true, Value: func(c *Cooperative) string { return joinEach(c.Units, "; ", unitText) }},
	{Field: FieldKDMP, History: txt("Koperasi Desa Merah Putih", "Village cooperative (KDMP)"), Label: txt("Koperasi Desa Merah Putih", "Village cooperative (KDMP)"), Kind: KindBool, Strict: true, Bool: func(c *Cooperative) *bool { return &c.KDMP }},
	{Field: "verification", Options: Verifications, History: txt("Verifikasi", "Verification"), NoMerge: true, Text: func(c *Cooperative) *string { return &c.Verification }},
	{Field: "source", Options: Sources, History: txt("Sumber data", "Data source"), NoMerge: true, Text: func(c *Cooperative) *string { return &c.Source }},
	{Field: FieldLastRATYear, Label: txt("Tahun RAT Terakhir", "Last RAT year"), Kind: KindYear,
		Help: txt("Tahun buku RAT terakhir yang diadakan.", "The book year of the last RAT held.")},
	{Field: FieldSourceID, History: txt("ID di sumber", "Source id"), Label: txt("ID Sumber", "Source ID"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.SourceID }},
	{Field: FieldNotes, History: txt("Catatan", "Notes"), Label: txt("Catatan", "Notes"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.Notes }},
}

// EnterpriseFields returns the fields of an enterprise import, in the order
// of Bina's own template.
func EnterpriseFields() []FieldInfo { return columns(enterpriseTable, "") }

// CooperativeFields returns the fields of a cooperative import.
func CooperativeFields() []FieldInfo { return columns(cooperativeTable, "") }

// FieldsOf returns the fields of an import of entity e, or nil.
func FieldsOf(e Entity) []FieldInfo {
	switch e {
	case EntityEnterprise:
		return EnterpriseFields()
	case EntityCooperative:
		return CooperativeFields()
	}
	return nil
}

// LookupField returns the description of f in an import of entity e.
func LookupField(e Entity, f Field) (FieldInfo, bool) {
	fs := columns(cooperativeTable, f)
	if e != EntityCooperative {
		fs = columns(enterpriseTable, f)
	}
	if len(fs) == 0 || (e != EntityEnterprise && e != EntityCooperative) {
		return FieldInfo{}, false
	}
	return fs[0], true
}
