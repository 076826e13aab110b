package sqlstore

import (
	"bina/imports"
	"bina/supervision"
	"context"
	"errors"
	"fmt"

	"bina"
)

// writeReports writes the rows of a yearly-figures import
// (imports.EntityAnnualReport): each row's cooperative is found by its
// registration number, else its legal number, inside the author's area;
// its book year becomes an accepted report with source "import", and the
// year's RAT record follows it as when a report is accepted. A year that
// has a report already is left as it is, so that the same file imported
// twice changes nothing. A row that cannot be written is rejected with the
// reason; the others are written.
func (w *chunkWriter) writeReports(ctx context.Context, rows []imports.Row) error {
	for i := range rows {
		r := &rows[i]
		switch {
		case r.Outcome != imports.OutcomeCreated:
			// Rejected by the converter, or a repeat a dry run decided.
		case r.Repeat:
			r.Outcome = imports.OutcomeUnchanged
			r.Problems = append(r.Problems, bina.FieldError{Field: string(imports.FieldBookYear), Message: bina.Text{
				ID: "Baris ganda: koperasi dan tahun buku yang sama ada di baris sebelumnya; baris itu yang dipakai",
				EN: "Repeated row: the same cooperative and book year are in an earlier row, which is the one used"}})
		default:
			if err := w.writeReport(ctx, r); err != nil {
				return err
			}
		}
		switch r.Outcome {
		case imports.OutcomeCreated:
			w.counts.Created++
		case imports.OutcomeUpdated:
			w.counts.Updated++
		case imports.OutcomeUnchanged:
			w.counts.Unchanged++
		default:
			w.counts.Rejected++
		}
		w.issues = append(w.issues, issueRow{row: r})
	}
	return w.writeIssues(ctx)
}

// writeReport writes one row; errors that reject it are put in the row.
func (w *chunkWriter) writeReport(ctx context.Context, row *imports.Row) error {
	x := row.Report
	rep := x.Report
	coop, jenis, pola, problem, err := w.reportCooperative(ctx, x)
	if err != nil {
		return err
	}
	if problem != nil {
		rejectRow(row, *problem)
		return nil
	}
	row.RecordID = coop
	rep.CooperativeID = coop
	old, err := latestReport(ctx, w.tx, coop, rep.BookYear)
	if err != nil && bina.ErrorCode(err) != bina.NotFound {
		return err
	}
	if old != nil {
		return reportExists(row, old)
	}
	if rep.Jenis == "" {
		rep.Jenis = supervision.ReportJenisOf(&bina.Cooperative{Jenis: jenis, Pola: pola})
	}
	rep.Pola = "konvensional"
	if pola == "syariah" || rep.Jenis == "KSPPS" || rep.Jenis == "USPPS" {
		rep.Pola = "syariah"
	}
	rep.Source = "import"
	rep.Derive()
	if err := supervision.RefusedReport(rep.Check(nil)); err != nil {
		rejectRow(row, errorProblems(err)...)
		return nil
	}
	c, rat, err := w.s.reportRAT(ctx, w.tx, rep, w.now, x.AdjustRAT)
	if bina.ErrorCode(err) == bina.Invalid {
		rejectRow(row, errorProblems(err)...)
		return nil
	}
	if err != nil {
		return err
	}
	row.Outcome = imports.OutcomeCreated
	if w.job.DryRun {
		return nil
	}
	if err := w.s.insertReport(ctx, w.tx, rep, 1, supervision.ReportAccepted, w.now, w.who, "import", ""); err != nil {
		return err
	}
	if _, err := w.tx.ExecContext(ctx, `UPDATE annual_reports SET accepted_at = $1, accepted_by = $2 WHERE id = $3`, w.now, w.who, rep.ID); err != nil {
		return bina.Wrap(err, "import report")
	}
	return w.s.saveRATTx(ctx, w.tx, c, rat, w.now, w.who)
}

// reportCooperative finds the live cooperative a row names, inside the
// import's area: by registration number first, else by legal number. A
// row naming none, or a legal number two cooperatives share, gets a
// problem.
func (w *chunkWriter) reportCooperative(ctx context.Context, x *imports.ReportImport) (id int64, jenis, pola string, problem *bina.FieldError, err error) {
	type found struct {
		id                   int64
		village, jenis, pola string
	}
	find := func(col, val string) ([]found, error) {
		rs, err := w.tx.QueryContext(ctx, `SELECT id, village_code, jenis, pola FROM cooperatives WHERE archived_at IS NULL AND `+col+` = $1 ORDER BY id`, val)
		if err != nil {
			return nil, bina.Wrap(err, "import report cooperative")
		}
		defer rs.Close()
		var out []found
		for rs.Next() {
			var f found
			if err := rs.Scan(&f.id, &f.village, &f.jenis, &f.pola); err != nil {
				return nil, bina.Wrap(err, "import report cooperative")
			}
			if w.job.Scope == "" || w.job.Scope.Contains(bina.RegionCode(f.village)) {
				out = append(out, f)
			}
		}
		return out, bina.Wrap(rs.Err(), "import report cooperative")
	}
	var fs []found
	if x.RegistrationNumber != "" {
		if fs, err = find("registration_number", x.RegistrationNumber); err != nil {
			return 0, "", "", nil, err
		}
	}
	if len(fs) == 0 && x.LegalNumber != "" {
		if fs, err = find("legal_number", x.LegalNumber); err != nil {
			return 0, "", "", nil, err
		}
	}
	switch {
	case len(fs) == 0:
		return 0, "", "", &bina.FieldError{Field: string(bina.FieldRegistrationNumber), Message: bina.Text{
			ID: fmt.Sprintf("Koperasi dengan %s tidak ada di register (atau di luar wilayah Anda); impor atau daftarkan koperasinya dulu. Impor laporan tidak membuat koperasi baru", reportNames(x, true)),
			EN: fmt.Sprintf("No cooperative with %s in the register (or outside your area); import or register the cooperative first. A report import creates no cooperative", reportNames(x, false))}}, nil
	case len(fs) > 1:
		return 0, "", "", &bina.FieldError{Field: string(bina.FieldLegalNumber), Message: bina.Text{
			ID: fmt.Sprintf("Nomor badan hukum %q dipakai %d koperasi; isi nomor induk koperasi agar koperasinya jelas", x.LegalNumber, len(fs)),
			EN: fmt.Sprintf("Legal number %q belongs to %d cooperatives; fill in the registration number to tell them apart", x.LegalNumber, len(fs))}}, nil
	}
	return fs[0].id, fs[0].jenis, fs[0].pola, nil, nil
}

// reportNames names the numbers of a row for a message.
func reportNames(x *imports.ReportImport, indonesian bool) string {
	reg, legal, and := "nomor induk %q", "nomor badan hukum %q", " atau "
	if !indonesian {
		reg, legal, and = "registration number %q", "legal number %q", " or "
	}
	switch {
	case x.RegistrationNumber != "" && x.LegalNumber != "":
		return fmt.Sprintf(reg, x.RegistrationNumber) + and + fmt.Sprintf(legal, x.LegalNumber)
	case x.RegistrationNumber != "":
		return fmt.Sprintf(reg, x.RegistrationNumber)
	}
	return fmt.Sprintf(legal, x.LegalNumber)
}

// reportExists leaves a year that has a report: an accepted or submitted
// one is not overwritten (unchanged, with a note); a draft or a returned
// one is being worked on in Bina, and the row is rejected.
func reportExists(row *imports.Row, old *supervision.AnnualReport) error {
	y, v := old.BookYear, old.Version
	switch {
	case old.State == supervision.ReportAccepted && old.Source == "import":
		row.Outcome = imports.OutcomeUnchanged
		row.Problems = append(row.Problems, bina.FieldError{Field: string(imports.FieldBookYear), Message: bina.Text{
			ID: fmt.Sprintf("Laporan tahun buku %d sudah diimpor dan diterima (versi %d); tidak diubah", y, v),
			EN: fmt.Sprintf("The %d report was imported and accepted before (version %d); left as it is", y, v)}})
	case old.State == supervision.ReportAccepted || old.State == supervision.ReportSubmitted:
		st := bina.Text{ID: supervision.ReportStates.Label(string(old.State), "id"), EN: supervision.ReportStates.Label(string(old.State), "en")}
		row.Outcome = imports.OutcomeUnchanged
		row.Problems = append(row.Problems, bina.FieldError{Field: string(imports.FieldBookYear), Message: bina.Text{
			ID: fmt.Sprintf("Tahun buku %d sudah punya laporan berstatus %s (versi %d); tidak ditimpa. Untuk mengubahnya mulailah koreksi di halaman laporan", y, st.ID, v),
			EN: fmt.Sprintf("The %d book year has a report in state %s (version %d); not overwritten. Start a correction on the report page to change it", y, st.EN, v)}})
	default:
		rejectRow(row, bina.FieldError{Field: string(imports.FieldBookYear), Message: bina.Text{
			ID: fmt.Sprintf("Tahun buku %d punya laporan yang sedang dikerjakan di Bina (draf atau dikembalikan); selesaikan lewat formulir laporan, impor tidak menimpanya", y),
			EN: fmt.Sprintf("The %d book year has a report being worked on in Bina (draft or returned); finish it in the report form, the import does not overwrite it", y)}})
	}
	return nil
}

// rejectRow rejects row with problems.
func rejectRow(row *imports.Row, problems ...bina.FieldError) {
	row.Outcome = imports.OutcomeRejected
	row.Problems = append(problems, row.Problems...)
}

// errorProblems returns the field errors of err, or its message.
func errorProblems(err error) []bina.FieldError {
	var e *bina.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		return e.Fields
	}
	if errors.As(err, &e) {
		return []bina.FieldError{{Message: e.Message}}
	}
	return []bina.FieldError{{Message: bina.Text{ID: err.Error(), EN: err.Error()}}}
}
