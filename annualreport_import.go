package bina

// EntityAnnualReport is the import of cooperatives' yearly figures
// (laporan tahunan, the national "perkembangan koperasi" sheets): one row
// per cooperative and book year, matched to a cooperative of the register
// by its registration number (nomor induk koperasi) or legal number. Each
// row becomes an accepted annual report with source "import", and the
// year's RAT record follows it. No cooperative is created.
const EntityAnnualReport Entity = "annual_report"

// The columns of a yearly-figures row that are not report lines.
const (
	FieldBookYear       Field = "book_year"
	FieldRATHeldOn      Field = "rat_held_on"
	FieldMembersPresent Field = "members_present"
	FieldReportJenis    Field = "report_jenis"
	// Totals of the RAT record, for sheets without the statements' lines:
	// they go to the RAT record when the lines do not give them.
	FieldTotalAssets    Field = "aset"
	FieldBusinessVolume Field = "volume_usaha"
	FieldSHUTotal       Field = "shu"
)

// ReportImport is a converted row of a yearly-figures file: the
// cooperative it names and its report (CooperativeID still zero).
type ReportImport struct {
	RegistrationNumber string        `json:"registration_number"`
	LegalNumber        string        `json:"legal_number"`
	Report             *AnnualReport `json:"report"`
	// Totals given as such (aset, volume usaha, SHU); nil when absent.
	Assets, BusinessVolume, SHU *int64 `json:"-"`
}

// AdjustRAT puts into rat the totals the row gave that its report lines
// do not: a sheet of the national figures has an asset total, no balance
// sheet.
func (x *ReportImport) AdjustRAT(rat *RAT) {
	r := x.Report
	if x.Assets != nil && r.TotalAset() == 0 {
		rat.Assets = *x.Assets
	}
	if x.BusinessVolume != nil && r.Pendapatan() == 0 {
		rat.BusinessVolume = *x.BusinessVolume
	}
	if x.SHU != nil && r.SHUSetelahPajak() == 0 {
		rat.SHU = *x.SHU
	}
}

// reportImportHead are the fields of a yearly-figures row before the
// report lines, with the names the national sheets use.
var reportImportHead = []FieldInfo{
	{Field: FieldRegistrationNumber, Label: txt("Nomor Induk Koperasi", "Cooperative registration number"), Kind: KindText},
	{Field: FieldLegalNumber, Label: txt("Nomor Badan Hukum", "Legal entity number"), Kind: KindText},
	{Field: FieldBookYear, Label: txt("Tahun Buku", "Book year"), Kind: KindYear},
	{Field: FieldRATHeldOn, Label: txt("Tanggal RAT", "RAT date"), Kind: KindDate},
	{Field: FieldMembersPresent, Label: txt("Anggota Hadir RAT", "Members present at the RAT"), Kind: KindCount},
	{Field: FieldReportJenis, Label: txt("Jenis Laporan", "Report kind"), Kind: KindOption, Options: ReportJenises},
	{Field: FieldTotalAssets, Label: txt("Aset", "Assets"), Kind: KindRupiah},
	{Field: FieldBusinessVolume, Label: txt("Volume Usaha", "Business volume"), Kind: KindRupiah},
	{Field: FieldSHUTotal, Label: txt("SHU", "Surplus (SHU)"), Kind: KindRupiah},
}

// ReportImportFields returns the fields of a yearly-figures import: the
// head, then every line of the report's statements that is not derived,
// named by its code (KOPERASI.md).
func ReportImportFields() []FieldInfo {
	out := append([]FieldInfo(nil), reportImportHead...)
	seen := map[Field]bool{}
	for _, f := range out {
		seen[f.Field] = true
	}
	for _, s := range ReportSections {
		for _, l := range s.Lines {
			if l.Derived || seen[Field(l.Code)] {
				continue
			}
			seen[Field(l.Code)] = true
			kind := KindRupiah
			if l.Count {
				kind = KindCount
			}
			out = append(out, FieldInfo{Field: Field(l.Code), Label: l.Label, Kind: kind})
		}
	}
	return out
}

// ReportLineSection returns the key of the report section whose line the
// field f names, or "".
func ReportLineSection(f Field) string {
	for _, s := range ReportSections {
		for _, l := range s.Lines {
			if !l.Derived && l.Code == string(f) {
				return s.Key
			}
		}
	}
	return ""
}

// reportMappingProblems finishes Mapping.Validate for a yearly-figures
// import: the book year and one number naming the cooperative are needed.
func reportMappingProblems(seen map[Field]int, problems []FieldError) error {
	if _, ok := seen[FieldBookYear]; !ok {
		problems = append(problems, FieldError{Field: string(FieldBookYear), Message: txt("Pilih kolom Tahun Buku: tanpa itu laporan tidak punya tahun", "Choose the Book year column: without it a report has no year")})
	}
	_, reg := seen[FieldRegistrationNumber]
	_, legal := seen[FieldLegalNumber]
	if !reg && !legal {
		problems = append(problems, FieldError{Field: string(FieldRegistrationNumber), Message: txt("Pilih kolom Nomor Induk Koperasi atau Nomor Badan Hukum: tanpa itu koperasinya tidak bisa dikenali", "Choose the registration number or the legal number column: without one the cooperative cannot be recognised")})
	}
	if len(problems) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: txt("Pemetaan kolom belum lengkap; periksa kolom yang ditandai.", "The column mapping needs attention."), Fields: problems}
}

// ReportFieldSigned reports whether the field f of a yearly-figures row
// may be negative: the SHU (a loss) and the report lines that may be.
func ReportFieldSigned(f Field) bool {
	if f == FieldSHUTotal {
		return true
	}
	for _, s := range ReportSections {
		for _, l := range s.Lines {
			if l.Code == string(f) {
				return l.MayBeNegative
			}
		}
	}
	return false
}
