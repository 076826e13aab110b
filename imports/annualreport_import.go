package imports

import (
	"bina"
	"bina/supervision"
)

// EntityAnnualReport is the import of cooperatives' yearly figures
// (laporan tahunan, the national "perkembangan koperasi" sheets): one row
// per cooperative and book year, matched to a cooperative of the register
// by its registration number (nomor induk koperasi) or legal number. Each
// row becomes an accepted annual report with source "import", and the
// year's RAT record follows it. No cooperative is created.
const EntityAnnualReport bina.Entity = "annual_report"

// The columns of a yearly-figures row that are not report lines.
const (
	FieldBookYear       bina.Field = "book_year"
	FieldRATHeldOn      bina.Field = "rat_held_on"
	FieldMembersPresent bina.Field = "members_present"
	FieldReportJenis    bina.Field = "report_jenis"
	// Totals of the RAT record, for sheets without the statements' lines:
	// they go to the RAT record when the lines do not give them.
	FieldTotalAssets    bina.Field = "aset"
	FieldBusinessVolume bina.Field = "volume_usaha"
	FieldSHUTotal       bina.Field = "shu"
)

// ReportImport is a converted row of a yearly-figures file: the
// cooperative it names and its report (CooperativeID still zero).
type ReportImport struct {
	RegistrationNumber string                    `json:"registration_number"`
	LegalNumber        string                    `json:"legal_number"`
	Report             *supervision.AnnualReport `json:"report"`
	// Totals given as such (aset, volume usaha, SHU); nil when absent.
	Assets, BusinessVolume, SHU *int64 `json:"-"`
}

// AdjustRAT puts into rat the totals the row gave that its report lines
// do not: a sheet of the national figures has an asset total, no balance
// sheet.
func (x *ReportImport) AdjustRAT(rat *bina.RAT) {
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
var reportImportHead = []bina.FieldInfo{
	{Field: bina.FieldRegistrationNumber, Label: txt("Nomor Induk Koperasi", "Cooperative registration number"), Kind: bina.KindText},
	{Field: bina.FieldLegalNumber, Label: txt("Nomor Badan Hukum", "Legal entity number"), Kind: bina.KindText},
	{Field: FieldBookYear, Label: txt("Tahun Buku", "Book year"), Kind: bina.KindYear},
	{Field: FieldRATHeldOn, Label: txt("Tanggal RAT", "RAT date"), Kind: bina.KindDate},
	{Field: FieldMembersPresent, Label: txt("Anggota Hadir RAT", "Members present at the RAT"), Kind: bina.KindCount},
	{Field: FieldReportJenis, Label: txt("Jenis Laporan", "Report kind"), Kind: bina.KindOption, Options: supervision.ReportJenises},
	{Field: FieldTotalAssets, Label: txt("Aset", "Assets"), Kind: bina.KindRupiah},
	{Field: FieldBusinessVolume, Label: txt("Volume Usaha", "Business volume"), Kind: bina.KindRupiah},
	{Field: FieldSHUTotal, Label: txt("SHU", "Surplus (SHU)"), Kind: bina.KindRupiah},
}

// ReportImportFields returns the fields of a yearly-figures import: the
// head, then every line of the report's statements that is not derived,
// named by its code (KOPERASI.md).
func ReportImportFields() []bina.FieldInfo {
	out := append([]bina.FieldInfo(nil), reportImportHead...)
	seen := map[bina.Field]bool{}
	for _, f := range out {
		seen[f.Field] = true
	}
	for _, s := range supervision.ReportSections {
		for _, l := range s.Lines {
			if l.Derived || seen[bina.Field(l.Code)] {
				continue
			}
			seen[bina.Field(l.Code)] = true
			kind := bina.KindRupiah
			if l.Count {
				kind = bina.KindCount
			}
			out = append(out, bina.FieldInfo{Field: bina.Field(l.Code), Label: l.Label, Kind: kind})
		}
	}
	return out
}

// ReportLineSection returns the key of the report section whose line the
// field f names, or "".
func ReportLineSection(f bina.Field) string {
	for _, s := range supervision.ReportSections {
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
func reportMappingProblems(seen map[bina.Field]int, problems []bina.FieldError) error {
	if _, ok := seen[FieldBookYear]; !ok {
		problems = append(problems, bina.FieldError{Field: string(FieldBookYear), Message: txt("Pilih kolom Tahun Buku: tanpa itu laporan tidak punya tahun", "Choose the Book year column: without it a report has no year")})
	}
	_, reg := seen[bina.FieldRegistrationNumber]
	_, legal := seen[bina.FieldLegalNumber]
	if !reg && !legal {
		problems = append(problems, bina.FieldError{Field: string(bina.FieldRegistrationNumber), Message: txt("Pilih kolom Nomor Induk Koperasi atau Nomor Badan Hukum: tanpa itu koperasinya tidak bisa dikenali", "Choose the registration number or the legal number column: without one the cooperative cannot be recognised")})
	}
	if len(problems) == 0 {
		return nil
	}
	return &bina.Error{Code: bina.Invalid, Message: txt("Pemetaan kolom belum lengkap; periksa kolom yang ditandai.", "The column mapping needs attention."), Fields: problems}
}

// ReportFieldSigned reports whether the field f of a yearly-figures row
// may be negative: the SHU (a loss) and the report lines that may be.
func ReportFieldSigned(f bina.Field) bool {
	if f == FieldSHUTotal {
		return true
	}
	for _, s := range supervision.ReportSections {
		for _, l := range s.Lines {
			if l.Code == string(f) {
				return l.MayBeNegative
			}
		}
	}
	return false
}
