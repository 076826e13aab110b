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
	FieldWorkersTotal                Field = "workers_total"

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
	{Field: FieldName, History: txt("Nama usaha", "Business name"), Label: txt("Nama Usaha", "Business name"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Name }},
	{Field: FieldTradeName, History: txt("Nama dagang/merek", "Trade name"), Label: txt("Nama Dagang/Merek", "Trade name or brand"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.TradeName }},
	{Field: FieldOwnerName, History: txt("Nama pemilik", "Owner name"), Label: txt("Nama Pemilik", "Owner name"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Owner.Name }},
	{Field: FieldOwnerNIK, History: txt("NIK pemilik", "Owner NIK"), Label: txt("NIK Pemilik", "Owner NIK"), Kind: KindNIK, Text: func(e *Enterprise) *string { return &e.Owner.NIK }},
	{Field: FieldOwnerGender, History: txt("Jenis kelamin pemilik", "Owner gender"), Label: txt("Jenis Kelamin Pemilik", "Owner gender"), Kind: KindGender, Options: Genders, Text: func(e *Enterprise) *string { return &e.Owner.Gender }},
	{Field: FieldOwnerBirth, History: txt("Tanggal lahir pemilik", "Owner birth date"), Label: txt("Tanggal Lahir Pemilik", "Owner birth date"), Kind: KindDate, Date: func(e *Enterprise) *Date { return &e.Owner.BirthDate }},
	{Field: FieldOwnerPhone, History: txt("Nomor HP pemilik", "Owner phone"), Label: txt("No. HP/WA", "Phone/WhatsApp"), Kind: KindPhone, Text: func(e *Enterprise) *string { return &e.Owner.Phone }},
	{Field: FieldOwnerEduc, History: txt("Pendidikan pemilik", "Owner education"), Label: txt("Pendidikan Pemilik", "Owner education"), Kind: KindEducation, Options: Educations, Text: func(e *Enterprise) *string { return &e.Owner.Education }},
	{Field: FieldOwnerDisabled, History: txt("Pemilik penyandang disabilitas", "Owner has a disability"), Label: txt("Pemilik Penyandang Disabilitas", "Owner has a disability"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Owner.Disability }},
	{Field: FieldOwnerAddress, History: txt("Alamat rumah pemilik", "Owner home address"), Label: txt("Alamat Pemilik", "Owner home address"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Owner.Address }},
	{Field: FieldOwnerRT, Label: txt("RT Pemilik", "Owner RT"), Kind: KindText, Into: FieldOwnerAddress},
	{Field: FieldOwnerRW, Label: txt("RW Pemilik", "Owner RW"), Kind: KindText, Into: FieldOwnerAddress},
	{Field: FieldOwnerVillage, Label: txt("Desa/Kelurahan Pemilik", "Owner village"), Kind: KindText, Into: FieldOwnerAddress},
	{Field: FieldOwnerDistrict, Label: txt("Kecamatan Pemilik", "Owner district"), Kind: KindText, Into: FieldOwnerAddress},
	{Field: FieldOwnerRegency, Label: txt("Kabupaten/Kota Pemilik", "Owner regency"), Kind: KindText, Into: FieldOwnerAddress},
	{Field: FieldOwnerProvince, Label: txt("Provinsi Pemilik", "Owner province"), Kind: KindText, Into: FieldOwnerAddress},
	{Field: FieldNIB, History: txt("NIB", "NIB"), Label: txt("NIB", "NIB"), Kind: KindNIB, Text: func(e *Enterprise) *string { return &e.NIB }},
	{Field: FieldLegalForm, History: txt("Bentuk usaha", "Legal form"), Label: txt("Bentuk Usaha", "Legal form"), Kind: KindOption, Options: LegalForms, Strict: true, Text: func(e *Enterprise) *string { return &e.LegalForm }},
	{Field: FieldKBLI, History: txt("KBLI", "KBLI"), Label: txt("KBLI Utama", "Main KBLI code"), Kind: KindKBLI, Value: func(e *Enterprise) string { return joinEach(e.KBLI, ", ", kbliText) }, Take: func(e, from *Enterprise) { e.KBLI = slices.Clone(from.KBLI) }},
	{Field: FieldKBLIMore, Label: txt("KBLI Lain", "Other KBLI codes"), Kind: KindKBLIList},
	{Field: FieldKBLISection, Label: txt("Kategori KBLI", "KBLI section"), Kind: KindText},
	{Field: FieldActivity, Label: txt("Kegiatan Usaha", "Business activity"), Kind: KindText},
	{Field: FieldMainProduct, History: txt("Produk utama", "Main product"), Label: txt("Produk Utama", "Main product"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.MainProduct }},
	{Field: FieldAddress, History: txt("Alamat usaha", "Business address"), Label: txt("Alamat Usaha", "Business address"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Address }},
	{Field: FieldRT, Label: txt("RT", "RT"), Kind: KindText, Into: FieldAddress},
	{Field: FieldRW, Label: txt("RW", "RW"), Kind: KindText, Into: FieldAddress},
	{Field: FieldProvince, Label: txt("Provinsi", "Province"), Kind: KindRegionName},
	{Field: FieldRegency, Label: txt("Kabupaten/Kota", "Regency or city"), Kind: KindRegionName},
	{Field: FieldDistrict, Label: txt("Kecamatan", "District"), Kind: KindRegionName},
	{Field: FieldVillage, Label: txt("Desa/Kelurahan", "Village"), Kind: KindRegionName},
	{Field: FieldVillageCode, History: txt("Desa", "Village"), Label: txt("Kode Desa", "Village code"), Kind: KindRegionCode, Value: func(e *Enterprise) string { return string(e.VillageCode) }, Take: func(e, from *Enterprise) { e.VillageCode = from.VillageCode }},
	{Field: FieldLatitude, History: txt("Lintang", "Latitude"), Label: txt("Lintang", "Latitude"), Kind: KindLatitude, Value: func(e *Enterprise) string { return floatText(e.Latitude) }, Take: func(e, from *Enterprise) { e.Latitude, e.Longitude = from.Latitude, from.Longitude }},
	{Field: FieldLongitude, History: txt("Bujur", "Longitude"), Label: txt("Bujur", "Longitude"), Kind: KindLongitude, Value: func(e *Enterprise) string { return floatText(e.Longitude) }, Take: func(e, from *Enterprise) { e.Latitude, e.Longitude = from.Latitude, from.Longitude }},
	{Field: FieldStartYear, History: txt("Tahun mulai", "Start year"), Label: txt("Tahun Mulai Usaha", "Year started"), Kind: KindYear, Strict: true, Int: func(e *Enterprise) *int { return &e.StartYear }},
	{Field: FieldStartMonth, History: txt("Bulan mulai", "Start month"), Label: txt("Bulan Mulai Usaha", "Month started"), Kind: KindMonth, Strict: true, Int: func(e *Enterprise) *int { return &e.StartMonth }},
	{Field: FieldCapital, History: txt("Modal usaha", "Business capital"), Label: txt("Modal Usaha (Rp)", "Business capital (Rp)"), Kind: KindRupiah, Strict: true, Int64: func(e *Enterprise) *int64 { return &e.Capital }},
	{Field: FieldAssets, History: txt("Aset", "Assets"), Label: txt("Aset (Rp)", "Assets (Rp)"), Kind: KindRupiah, Strict: true, Int64: func(e *Enterprise) *int64 { return &e.Assets }},
	{Field: FieldSales, History: txt("Omzet tahunan", "Annual sales"), Label: txt("Omzet per Tahun (Rp)", "Annual sales (Rp)"), Kind: KindRupiah, Value: func(e *Enterprise) string { return joinEach(e.Sales, "; ", salesText) }, Take: func(e, from *Enterprise) { e.Sales = mergeSales(e.Sales, from.Sales) }},
	{Field: FieldSalesYear, Label: txt("Tahun Omzet", "Sales year"), Kind: KindYear},
	{Field: FieldWorkersPaidMale, History: txt("Pekerja dibayar laki-laki", "Paid workers, male"), Label: txt("Tenaga Kerja Dibayar Laki-laki", "Paid workers, men"), Kind: KindCount, Strict: true, Int: func(e *Enterprise) *int { return &e.WorkersPaidMale }},
	{Field: FieldWorkersPaidFemale, History: txt("Pekerja dibayar perempuan", "Paid workers, female"), Label: txt("Tenaga Kerja Dibayar Perempuan", "Paid workers, women"), Kind: KindCount, Strict: true, Int: func(e *Enterprise) *int { return &e.WorkersPaidFemale }},
	{Field: FieldWorkersUnpaidMale, History: txt("Pekerja tidak dibayar laki-laki", "Unpaid workers, male"), Label: txt("Tenaga Kerja Tidak Dibayar Laki-laki", "Unpaid workers, men"), Kind: KindCount, Strict: true, Int: func(e *Enterprise) *int { return &e.WorkersUnpaidMale }},
	{Field: FieldWorkersUnpaidFemale, History: txt("Pekerja tidak dibayar perempuan", "Unpaid workers, female"), Label: txt("Tenaga Kerja Tidak Dibayar Perempuan", "Unpaid workers, women"), Kind: KindCount, Strict: true, Int: func(e *Enterprise) *int { return &e.WorkersUnpaidFemale }},
	{Field: FieldWorkersPaidDisabledMale, Label: txt("Tenaga Kerja Dibayar Disabilitas Laki-laki", "Paid disabled workers, men"), Kind: KindCount, Into: FieldWorkersPaidMale},
	{Field: FieldWorkersPaidDisabledFemale, Label: txt("Tenaga Kerja Dibayar Disabilitas Perempuan", "Paid disabled workers, women"), Kind: KindCount, Into: FieldWorkersPaidFemale},
	{Field: FieldWorkersUnpaidDisabledMale, Label: txt("Tenaga Kerja Tidak Dibayar Disabilitas Laki-laki", "Unpaid disabled workers, men"), Kind: KindCount, Into: FieldWorkersUnpaidMale},
	{Field: FieldWorkersUnpaidDisabledFemale, Label: txt("Tenaga Kerja Tidak Dibayar Disabilitas Perempuan", "Unpaid disabled workers, women"), Kind: KindCount, Into: FieldWorkersUnpaidFemale},
	{Field: FieldWorkersTotal, History: txt("Jumlah tenaga kerja", "Total workers"), Label: txt("Jumlah Tenaga Kerja", "Number of workers"), Kind: KindCount, Strict: true, Column: "workers_total", Int: func(e *Enterprise) *int { return &e.WorkersTotal }},
	{Field: FieldSizeReported, History: txt("Skala menurut pemilik", "Size reported by owner"), Label: txt("Skala Usaha (Menurut Pemilik)", "Size as reported"), Kind: KindSize, Options: Sizes, Text: func(e *Enterprise) *string { return &e.SizeReported }},
	{Field: "size_computed", Options: Sizes, History: txt("Skala terhitung", "Computed size"), NoMerge: true, Text: func(e *Enterprise) *string { return &e.SizeComputed }},
	{Field: "size_rule", History: txt("Aturan skala", "Size rule"), NoMerge: true, Value: func(e *Enterprise) string { return string(e.SizeRule) }},
	{Field: FieldDigitalMarketplace, History: txt("Marketplace", "Marketplace"), Label: txt("Berjualan di Marketplace", "Sells on a marketplace"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.Marketplace }},
	{Field: FieldDigitalSocial, History: txt("Media sosial", "Social media"), Label: txt("Media Sosial", "Social media"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.SocialMedia }},
	{Field: FieldDigitalWebsite, History: txt("Situs web", "Website"), Label: txt("Situs Web", "Website"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.Website }},
	{Field: FieldDigitalQRIS, History: txt("QRIS", "QRIS"), Label: txt("QRIS", "QRIS"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.QRIS }},
	{Field: FieldDigitalBookkeeping, History: txt("Pembukuan digital", "Digital bookkeeping"), Label: txt("Pembukuan Digital", "Digital bookkeeping"), Kind: KindBool, Bool: func(e *Enterprise) *bool { return &e.Digital.DigitalBookkeeping }},
	{Field: FieldDigitalLinks, History: txt("Tautan toko dan profil", "Shop and profile links"), Label: txt("Tautan Toko/Media Sosial", "Shop and profile links"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Digital.Links }},
	{Field: FieldStatus, History: txt("Status usaha", "Operating status"), Label: txt("Status Usaha", "Operating status"), Kind: KindOption, Options: OperatingStatuses, Strict: true, Text: func(e *Enterprise) *string { return &e.Status }},
	{Field: FieldBinaan, History: txt("UMKM binaan", "Under coaching"), Label: txt("Binaan Dinas", "Coached by the office"), Kind: KindBool, Strict: true, Bool: func(e *Enterprise) *bool { return &e.Binaan }},
	{Field: FieldBinaanSince, History: txt("Binaan sejak", "Coached since"), Label: txt("Binaan Sejak", "Coached since"), Kind: KindDate, Strict: true, Date: func(e *Enterprise) *Date { return &e.BinaanSince }},
	{Field: "verification", Options: Verifications, History: txt("Verifikasi", "Verification"), NoMerge: true, Text: func(e *Enterprise) *string { return &e.Verification }},
	{Field: "source", Options: Sources, History: txt("Sumber data", "Data source"), NoMerge: true, Text: func(e *Enterprise) *string { return &e.Source }},
	{Field: FieldSourceID, History: txt("ID di sumber", "Source id"), Label: txt("ID Sumber", "Source ID"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.SourceID }},
	{Field: FieldPhoto, Label: txt("Foto Usaha", "Business photo"), Kind: KindText},
	{Field: FieldNotes, History: txt("Catatan", "Notes"), Label: txt("Catatan", "Notes"), Kind: KindText, Text: func(e *Enterprise) *string { return &e.Notes }},
}

// cooperativeTable is the field table of cooperatives: the columns of a
// cooperative import and the fields of the record.
var cooperativeTable = []RecordField[Cooperative]{
	{Field: FieldRegistrationNumber, History: txt("Nomor Induk Koperasi", "Registration number"), Label: txt("Nomor Induk Koperasi", "Cooperative registration number"), Kind: KindDigits, Text: func(c *Cooperative) *string { return &c.RegistrationNumber }},
	{Field: FieldName, History: txt("Nama koperasi", "Cooperative name"), Label: txt("Nama Koperasi", "Cooperative name"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.Name }},
	{Field: FieldLegalNumber, History: txt("Nomor badan hukum", "Legal entity number"), Label: txt("Nomor Badan Hukum", "Legal entity number"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.LegalNumber }},
	{Field: FieldLegalDate, History: txt("Tanggal badan hukum", "Legal entity date"), Label: txt("Tanggal Badan Hukum", "Legal entity date"), Kind: KindDate, Date: func(c *Cooperative) *Date { return &c.LegalDate }},
	{Field: "amendments", History: txt("Perubahan anggaran dasar", "Amendments"), NoMerge: true, Value: func(c *Cooperative) string { return joinEach(c.Amendments, "; ", amendmentText) }},
	{Field: FieldCertificateDate, History: txt("Tanggal sertifikat NIK", "Certificate date"), Label: txt("Tanggal Sertifikat NIK", "Certificate date"), Kind: KindDate, Date: func(c *Cooperative) *Date { return &c.CertificateDate }},
	{Field: "certificate_expiry", History: txt("Sertifikat berlaku sampai", "Certificate valid until"), NoMerge: true, Date: func(c *Cooperative) *Date { return &c.CertificateExpiry }},
	{Field: FieldNPWP, History: txt("NPWP", "Tax number (NPWP)"), Label: txt("NPWP", "Tax number"), Kind: KindDigits, Text: func(c *Cooperative) *string { return &c.NPWP }},
	{Field: FieldNIB, History: txt("NIB", "NIB"), Label: txt("NIB", "NIB"), Kind: KindNIB, Text: func(c *Cooperative) *string { return &c.NIB }},
	{Field: "savings_license", History: txt("Izin usaha simpan pinjam", "Savings and loan licence"), NoMerge: true, Text: func(c *Cooperative) *string { return &c.SavingsLicense }},
	{Field: FieldBentuk, History: txt("Bentuk koperasi", "Form"), Label: txt("Bentuk Koperasi", "Form"), Kind: KindOption, Options: Bentuks, Strict: true, Text: func(c *Cooperative) *string { return &c.Bentuk }},
	{Field: FieldJenis, History: txt("Jenis koperasi", "Type"), Label: txt("Jenis Koperasi", "Type"), Kind: KindOption, Options: Jenises, Strict: true, Text: func(c *Cooperative) *string { return &c.Jenis }},
	{Field: FieldPola, History: txt("Pola pengelolaan", "Management pattern"), Label: txt("Pola Pengelolaan", "Management pattern"), Kind: KindOption, Options: Polas, Strict: true, Text: func(c *Cooperative) *string { return &c.Pola }},
	{Field: FieldKelompok, History: txt("Kelompok koperasi", "Group"), Label: txt("Kelompok Koperasi", "Group"), Kind: KindOption, Options: DefaultKelompoks, Strict: true, Text: func(c *Cooperative) *string { return &c.Kelompok }},
	{Field: FieldSector, Label: txt("Sektor Usaha", "Sector"), Kind: KindText},
	{Field: FieldKBLI, History: txt("KBLI", "KBLI"), Label: txt("KBLI", "KBLI"), Kind: KindKBLI, Value: func(c *Cooperative) string { return strings.Trim(string(c.KBLI.Version)+":"+c.KBLI.Code, ":") }, Take: func(c, from *Cooperative) { c.KBLI = from.KBLI }},
	{Field: FieldStatus, Label: txt("Status Koperasi", "Status"), Kind: KindText},
	{Field: FieldGrade, Label: txt("Grade", "Grade"), Kind: KindText},
	{Field: FieldAddress, History: txt("Alamat", "Address"), Label: txt("Alamat", "Address"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.Address }},
	{Field: FieldPostcode, Label: txt("Kode Pos", "Postcode"), Kind: KindText,
		Into: FieldAddress},
	{Field: FieldEmail, Label: txt("Email", "E-mail"), Kind: KindText},
	{Field: FieldPhone, Label: txt("Telepon", "Phone"), Kind: KindPhone},
	{Field: FieldProvince, Label: txt("Provinsi", "Province"), Kind: KindRegionName},
	{Field: FieldRegency, Label: txt("Kabupaten/Kota", "Regency or city"), Kind: KindRegionName},
	{Field: FieldDistrict, Label: txt("Kecamatan", "District"), Kind: KindRegionName},
	{Field: FieldVillage, Label: txt("Desa/Kelurahan", "Village"), Kind: KindRegionName},
	{Field: FieldVillageCode, History: txt("Desa", "Village"), Label: txt("Kode Desa", "Village code"), Kind: KindRegionCode, Value: func(c *Cooperative) string { return string(c.VillageCode) }, Take: func(c, from *Cooperative) { c.VillageCode = from.VillageCode }},
	{Field: FieldLatitude, History: txt("Lintang", "Latitude"), Label: txt("Lintang", "Latitude"), Kind: KindLatitude, Value: func(c *Cooperative) string { return floatText(c.Latitude) }, Take: func(c, from *Cooperative) { c.Latitude, c.Longitude = from.Latitude, from.Longitude }},
	{Field: FieldLongitude, History: txt("Bujur", "Longitude"), Label: txt("Bujur", "Longitude"), Kind: KindLongitude, Value: func(c *Cooperative) string { return floatText(c.Longitude) }, Take: func(c, from *Cooperative) { c.Latitude, c.Longitude = from.Latitude, from.Longitude }},
	{Field: FieldMembersMale, History: txt("Anggota laki-laki", "Members, male"), Label: txt("Anggota Laki-laki", "Members, men"), Kind: KindCount, Strict: true, Int: func(c *Cooperative) *int { return &c.MembersMale }},
	{Field: FieldMembersFemale, History: txt("Anggota perempuan", "Members, female"), Label: txt("Anggota Perempuan", "Members, women"), Kind: KindCount, Strict: true, Int: func(c *Cooperative) *int { return &c.MembersFemale }},
	{Field: FieldMembers, Label: txt("Jumlah Anggota", "Members"), Kind: KindCount},
	{Field: FieldEmployeesMale, History: txt("Karyawan laki-laki", "Employees, male"), Label: txt("Karyawan Laki-laki", "Employees, men"), Kind: KindCount, Strict: true, Int: func(c *Cooperative) *int { return &c.EmployeesMale }},
	{Field: FieldEmployeesFemale, History: txt("Karyawan perempuan", "Employees, female"), Label: txt("Karyawan Perempuan", "Employees, women"), Kind: KindCount, Strict: true, Int: func(c *Cooperative) *int { return &c.EmployeesFemale }},
	{Field: "officers", History: txt("Pengurus dan pengawas", "Board and supervisors"), NoMerge: true, Value: func(c *Cooperative) string { return joinEach(c.Officers, "; ", officerText) }},
	{Field: "units", History: txt("Unit usaha", "Business units"), NoMerge: true, Value: func(c *Cooperative) string { return joinEach(c.Units, "; ", unitText) }},
	{Field: FieldKDMP, History: txt("Koperasi Desa Merah Putih", "Village cooperative (KDMP)"), Label: txt("Koperasi Desa Merah Putih", "Village cooperative (KDMP)"), Kind: KindBool, Strict: true, Bool: func(c *Cooperative) *bool { return &c.KDMP }},
	{Field: "verification", Options: Verifications, History: txt("Verifikasi", "Verification"), NoMerge: true, Text: func(c *Cooperative) *string { return &c.Verification }},
	{Field: "source", Options: Sources, History: txt("Sumber data", "Data source"), NoMerge: true, Text: func(c *Cooperative) *string { return &c.Source }},
	{Field: FieldLastRATYear, Label: txt("Tahun RAT Terakhir", "Last RAT year"), Kind: KindYear},
	{Field: FieldSourceID, History: txt("ID di sumber", "Source id"), Label: txt("ID Sumber", "Source ID"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.SourceID }},
	{Field: FieldNotes, History: txt("Catatan", "Notes"), Label: txt("Catatan", "Notes"), Kind: KindText, Text: func(c *Cooperative) *string { return &c.Notes }},
}

// EnterpriseFields returns the fields of an enterprise import, in the order
// of Bina's own template.
func EnterpriseFields() []FieldInfo { return columns(enterpriseTable, "") }

// CooperativeFields returns the fields of a cooperative import.
func CooperativeFields() []FieldInfo { return columns(cooperativeTable, "") }
