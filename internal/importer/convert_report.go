package importer

import (
	"bina/imports"
	"bina/supervision"
	"strconv"
	"strings"

	"bina"
)

// convertReport converts a row of a yearly-figures file
// (imports.EntityAnnualReport): the cooperative's numbers, the book year, the
// RAT and the figures. It has no region: the row is placed by its
// cooperative, which the store finds. A cell that cannot be read rejects
// the row, as a wrong figure in an accepted report would mislead.
func (c *Converter) convertReport(line int, cells []string) imports.Row {
	row := imports.Row{Line: line, Cells: cells}
	var st rowState
	x := &imports.ReportImport{Report: &supervision.AnnualReport{Version: 1, State: supervision.ReportAccepted, Source: "import",
		Neraca: map[string]int64{}, PHU: map[string]int64{}, Kolektibilitas: map[string]int64{},
		Schedules: map[string]int64{}, Members: map[string]int64{}, SHUDistribution: []supervision.SHUShare{}}}
	r := x.Report
	for i := range c.cols {
		cc := &c.cols[i]
		s := cell(cells, cc.col)
		if s == "" || IsBlankCell(s) {
			continue
		}
		c.reportCell(x, &st, cc, s)
	}
	if r.BookYear == 0 {
		st.errs = append(st.errs, bina.FieldError{Field: string(imports.FieldBookYear), Message: bina.Text{
			ID: "Tahun buku kosong; baris tidak bisa dijadikan laporan", EN: "No book year; the row cannot become a report"}})
	}
	if x.RegistrationNumber == "" && x.LegalNumber == "" {
		st.errs = append(st.errs, bina.FieldError{Field: string(bina.FieldRegistrationNumber), Message: bina.Text{
			ID: "Nomor induk koperasi dan nomor badan hukum kosong; koperasinya tidak bisa dikenali",
			EN: "No registration number and no legal number; the cooperative cannot be recognised"}})
	}
	if r.Members["anggota_akhir"] == 0 {
		if n := r.Members["anggota_akhir_pria"] + r.Members["anggota_akhir_wanita"]; n > 0 {
			r.Members["anggota_akhir"] = n
		}
	}
	row.Report = x
	row.Key = "lt/" + x.RegistrationNumber + "/" + x.LegalNumber + "/" + strconv.Itoa(r.BookYear)
	if len(st.errs) > 0 {
		row.Outcome = imports.OutcomeRejected
		row.Problems = append(st.errs, st.notes...)
		return row
	}
	row.Outcome = imports.OutcomeCreated
	row.Problems = st.notes
	return row
}

// reportCell reads one cell of a yearly-figures row into x.
func (c *Converter) reportCell(x *imports.ReportImport, st *rowState, cc *convCol, s string) {
	r := x.Report
	switch cc.field {
	case bina.FieldRegistrationNumber:
		x.RegistrationNumber = bina.NormalizeDigits(s)
		return
	case bina.FieldLegalNumber:
		x.LegalNumber = strings.TrimSpace(s)
		return
	case imports.FieldBookYear:
		y, msg, ok := ParseYear(s, c.now)
		if !ok {
			st.fail(cc, msg)
		}
		r.BookYear = y
		return
	case imports.FieldRATHeldOn:
		d, _, msg, ok := ParseDateLoose(s, c.now, PastOnly)
		if !ok {
			st.fail(cc, msg)
		}
		r.RATHeldOn = d
		return
	case imports.FieldReportJenis:
		v, msg, ok := parseOption(cc, s)
		if !ok {
			st.fail(cc, msg)
		}
		r.Jenis = v
		return
	}
	if cc.kind == bina.KindCount {
		n, msg, ok := ParseCount(s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		if cc.field == imports.FieldMembersPresent {
			r.MembersPresent = n
			return
		}
		c.reportLine(r, cc.field, int64(n))
		return
	}
	neg := false
	if t := strings.TrimSpace(s); imports.ReportFieldSigned(cc.field) && strings.HasPrefix(t, "-") {
		neg, s = true, strings.TrimPrefix(t, "-")
	}
	v, msg, ok := ParseRupiah(s)
	if neg {
		v = -v
	}
	if !ok {
		st.fail(cc, msg)
		return
	}
	switch cc.field {
	case imports.FieldTotalAssets:
		x.Assets = &v
	case imports.FieldBusinessVolume:
		x.BusinessVolume = &v
	case imports.FieldSHUTotal:
		x.SHU = &v
	default:
		c.reportLine(r, cc.field, v)
	}
}

// reportLine puts v on the report line f names.
func (c *Converter) reportLine(r *supervision.AnnualReport, f bina.Field, v int64) {
	if m := r.Section(imports.ReportLineSection(f)); m != nil {
		m[string(f)] = v
	}
}
