package supervision

import (
	"bina"
	"strconv"
	"strings"
)

// CoopFigures are what one cooperative's accepted annual report of a book
// year adds to the cooperative indicators (issue 13): the keragaan
// figures of INDIKATOR.md C3, in whole rupiah and people.
type CoopFigures struct {
	OwnCapital     int64 // modal sendiri (ModalSendiri)
	Assets         int64 // total aset (TotalAset)
	BusinessVolume int64 // volume usaha: partisipasi bruto + pendapatan non-anggota (Pendapatan)
	SHU            int64 // SHU setelah pajak (SHUSetelahPajak)
	// Members at the end of the book year by sex; Other are those the
	// report does not give by sex (anggota akhir − laki-laki − perempuan).
	MembersFemale, MembersMale, MembersOther int64
}

// FiguresOf returns the figures an accepted report adds.
func FiguresOf(r *AnnualReport) CoopFigures {
	f := CoopFigures{OwnCapital: r.ModalSendiri(), Assets: r.TotalAset(), BusinessVolume: r.Pendapatan(), SHU: r.SHUSetelahPajak(),
		MembersFemale: r.Members["anggota_akhir_wanita"], MembersMale: r.Members["anggota_akhir_pria"]}
	f.MembersOther = max(r.Members["anggota_akhir"]-f.MembersFemale-f.MembersMale, 0)
	return f
}

// Members is every member counted.
func (f CoopFigures) Members() int64 { return f.MembersFemale + f.MembersMale + f.MembersOther }

// ReportChoiceAccepted is the choice of CooperativeFilter.Report that keeps the
// cooperatives whose report of the book year was accepted.
const ReportChoiceAccepted = "diterima"

// YearChoice is a list filter of a book year with an optional choice,
// written "YYYY" or "YYYY:choice" (CooperativeFilter.Report and Health).
type YearChoice struct {
	Year   int
	Choice string
}

// ParseYearChoice reads v ("" is the zero value); a choice must be one of
// choices. Errors: Invalid on field.
func ParseYearChoice(field, v string, choices bina.Options) (YearChoice, error) {
	if v == "" {
		return YearChoice{}, nil
	}
	y, choice, _ := strings.Cut(v, ":")
	year, err := strconv.Atoi(y)
	if err != nil || year < 1950 || year > 9999 || (choice != "" && !choices.Has(choice)) {
		var p bina.Problems
		p.Add(field, "Tulis tahun buku, atau tahun buku dan pilihan (mis. 2025 atau 2025:%s)", "Give a book year, or a book year and a choice (e.g. 2025 or 2025:%s)", choices[0].Code)
		return YearChoice{}, p.Err()
	}
	return YearChoice{Year: year, Choice: choice}, nil
}

// String writes the filter back as ParseYearChoice reads it.
func (y YearChoice) String() string {
	if y.Year == 0 {
		return ""
	}
	if y.Choice == "" {
		return strconv.Itoa(y.Year)
	}
	return strconv.Itoa(y.Year) + ":" + y.Choice
}

// ReportChoices are the choices of CooperativeFilter.Report: without one,
// a report submitted or accepted.
var ReportChoices = bina.Options{{Code: ReportChoiceAccepted, ID: "Diterima", EN: "Accepted"}}
