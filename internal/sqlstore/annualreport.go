package sqlstore

import (
	"bina/supervision"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"bina"
)

// The annual reports of cooperatives (supervision.AnnualReportService): one row
// per version, the statements as JSON objects. Every method locks the
// cooperative's row first (on PostgreSQL; SQLite has one writer), so that
// two steps on the same report run one after the other and the second sees
// what the first did: of two submissions at once one succeeds and the
// other is a Conflict.

const reportColumns = `id, cooperative_id, book_year, version, state, revision, source, jenis, pola, kuk, rat_held_on, members_present, decisions,
	neraca, phu, kolektibilitas, schedules, members, shu_distribution, return_note, submitted_at, submitted_by, accepted_at, accepted_by,
	created_at, updated_at, updated_by`

func scanReport(sc scanner) (*supervision.AnnualReport, error) {
	var (
		r                                supervision.AnnualReport
		state                            string
		neraca, phu, kol, sched, members string
		shu                              string
		submitted, accepted              sql.NullTime
	)
	err := sc.Scan(&r.ID, &r.CooperativeID, &r.BookYear, &r.Version, &state, &r.Revision, &r.Source, &r.Jenis, &r.Pola, &r.KUK, &r.RATHeldOn,
		&r.MembersPresent, &r.Decisions, &neraca, &phu, &kol, &sched, &members, &shu, &r.ReturnNote, &submitted, &r.SubmittedBy,
		&accepted, &r.AcceptedBy, &r.CreatedAt, &r.UpdatedAt, &r.UpdatedBy)
	if err != nil {
		return nil, err
	}
	r.State = supervision.ReportState(state)
	r.SubmittedAt, r.AcceptedAt = timePtr(submitted), timePtr(accepted)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	for _, x := range []struct {
		text string
		into any
	}{{neraca, &r.Neraca}, {phu, &r.PHU}, {kol, &r.Kolektibilitas}, {sched, &r.Schedules}, {members, &r.Members}, {shu, &r.SHUDistribution}} {
		if err := json.Unmarshal([]byte(x.text), x.into); err != nil {
			return nil, fmt.Errorf("report %d: %w", r.ID, err)
		}
	}
	r.Normalize()
	return &r, nil
}

// reportJSON returns the statements of r as the JSON texts of the columns
// neraca … shu_distribution.
func reportJSON(r *supervision.AnnualReport) ([]any, error) {
	out := make([]any, 0, 6)
	for _, v := range []any{r.Neraca, r.PHU, r.Kolektibilitas, r.Schedules, r.Members, r.SHUDistribution} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, bina.Wrap(err, "encode report")
		}
		out = append(out, string(b))
	}
	return out, nil
}

func errReportNotFound(year int) error {
	return bina.Errorf(bina.NotFound, "Laporan tahunan tahun buku %d belum ada", "There is no annual report for book year %d", year)
}

// reachesCooperative reports whether the actor may work on the reports of
// a cooperative in village: officers inside their area, staff everywhere.
// A board account (bound to one cooperative) will reach only its own here.
func (a actor) reachesCooperative(id int64, village bina.RegionCode) bool {
	return a.seesCooperative(id, village)
}

// requireReportEdit returns Forbidden unless the actor may fill in and
// submit reports: those who may edit the register, and a cooperative's
// board (its own only, which reportCooperative checks).
func (a actor) requireReportEdit() error {
	if a.partner() && a.cooperative != 0 {
		return nil
	}
	return a.requireEdit()
}

// reviewsReports reports whether the actor may accept or return reports:
// the office's staff and administrators.
func (a actor) reviewsReports() bool {
	return a.user == nil || a.user.Role == bina.RoleAdmin || a.user.Role == bina.RoleStaff
}

func (a actor) requireReview() error {
	if !a.reviewsReports() {
		return bina.Errorf(bina.Forbidden, "Hanya staf dinas yang dapat menerima atau mengembalikan laporan tahunan", "Only office staff may accept or return annual reports")
	}
	return nil
}

// reportCooperative checks that the cooperative exists inside the actor's
// reach, locking its row when lock is set, and returns its village and
// whether it is archived. Errors: NotFound.
func (s *Store) reportCooperative(ctx context.Context, q querier, a actor, id int64, lock bool) (archived bool, err error) {
	query := `SELECT village_code, archived_at IS NOT NULL FROM cooperatives WHERE id = $1`
	if lock {
		query += s.d.forUpdate
	}
	var village string
	err = q.QueryRowContext(ctx, query, id).Scan(&village, &archived)
	if err == sql.ErrNoRows || (err == nil && !a.reachesCooperative(id, bina.RegionCode(village))) {
		return false, errCooperativeNotFound()
	}
	return archived, bina.Wrap(err, "find cooperative")
}

// latestReport reads the newest version of a book year's report.
// Errors: NotFound.
func latestReport(ctx context.Context, q querier, cooperativeID int64, year int) (*supervision.AnnualReport, error) {
	r, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM annual_reports WHERE cooperative_id = $1 AND book_year = $2 ORDER BY version DESC LIMIT 1`, cooperativeID, year))
	if err == sql.ErrNoRows {
		return nil, errReportNotFound(year)
	}
	if err != nil {
		return nil, bina.Wrap(err, "read report")
	}
	return r, nil
}

// priorReport reads the report the year before compares with: the newest
// accepted version, else the newest; nil when there is none.
func priorReport(ctx context.Context, q querier, cooperativeID int64, year int) (*supervision.AnnualReport, error) {
	r, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM annual_reports WHERE cooperative_id = $1 AND book_year = $2
ORDER BY CASE WHEN state = 'accepted' THEN 0 ELSE 1 END, version DESC LIMIT 1`, cooperativeID, year-1))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return r, bina.Wrap(err, "read prior report")
}

// checked fills r.Problems against the year before.
func checked(ctx context.Context, q querier, r *supervision.AnnualReport) error {
	prior, err := priorReport(ctx, q, r.CooperativeID, r.BookYear)
	if err != nil {
		return err
	}
	r.Problems = r.Check(prior)
	if r.Problems == nil {
		r.Problems = []supervision.ReportProblem{}
	}
	return nil
}

// FindAnnualReport returns the newest version of a book year's report.
func (s *Store) FindAnnualReport(ctx context.Context, cooperativeID int64, year int) (*supervision.AnnualReport, error) {
	return s.findReport(ctx, cooperativeID, year, 0)
}

// FindAnnualReportVersion returns one version of a book year's report.
func (s *Store) FindAnnualReportVersion(ctx context.Context, cooperativeID int64, year, version int) (*supervision.AnnualReport, error) {
	if version <= 0 {
		return nil, errReportNotFound(year)
	}
	return s.findReport(ctx, cooperativeID, year, version)
}

// FindAcceptedAnnualReport returns the newest accepted version of a book
// year's report.
func (s *Store) FindAcceptedAnnualReport(ctx context.Context, cooperativeID int64, year int) (*supervision.AnnualReport, error) {
	return s.findReport(ctx, cooperativeID, year, acceptedVersion)
}

// acceptedVersion asks findReport for the newest accepted version.
const acceptedVersion = -1

func (s *Store) findReport(ctx context.Context, cooperativeID int64, year, version int) (*supervision.AnnualReport, error) {
	var r *supervision.AnnualReport
	err := s.readReports(ctx, cooperativeID, func(tx *sql.Tx) error {
		var err error
		switch version {
		case 0:
			r, err = latestReport(ctx, tx, cooperativeID, year)
		case acceptedVersion:
			r, err = scanReport(tx.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM annual_reports WHERE cooperative_id = $1 AND book_year = $2 AND state = 'accepted'
ORDER BY version DESC LIMIT 1`, cooperativeID, year))
			if err == sql.ErrNoRows {
				err = bina.Errorf(bina.NotFound, "Laporan tahun buku %d belum ada yang diterima", "No version of the %d report has been accepted", year)
			}
		default:
			r, err = scanReport(tx.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM annual_reports WHERE cooperative_id = $1 AND book_year = $2 AND version = $3`, cooperativeID, year, version))
			if err == sql.ErrNoRows {
				err = bina.Errorf(bina.NotFound, "Versi %d laporan tahun buku %d tidak ada", "Version %d of the %d report does not exist", version, year)
			}
		}
		if err != nil {
			return bina.Wrap(err, "read report")
		}
		return checked(ctx, tx, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// ListAnnualReports returns the newest version of every year's report.
func (s *Store) ListAnnualReports(ctx context.Context, cooperativeID int64) ([]supervision.AnnualReport, error) {
	var out []supervision.AnnualReport
	err := s.readReports(ctx, cooperativeID, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+reportColumns+` FROM annual_reports WHERE cooperative_id = $1 ORDER BY book_year DESC, version DESC`, cooperativeID)
		if err != nil {
			return bina.Wrap(err, "list reports")
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReport(rows)
			if err != nil {
				return bina.Wrap(err, "list reports")
			}
			if n := len(out); n > 0 && out[n-1].BookYear == r.BookYear {
				continue
			}
			out = append(out, *r)
		}
		return bina.Wrap(rows.Err(), "list reports")
	})
	if err != nil {
		return nil, err
	}
	// Each year against the year after it in the list (the one before in
	// time), read from the same snapshot.
	for i := range out {
		var prior *supervision.AnnualReport
		if i+1 < len(out) && out[i+1].BookYear == out[i].BookYear-1 {
			prior = &out[i+1]
		}
		out[i].Problems = out[i].Check(prior)
	}
	return out, nil
}

// prepareReport tidies r and refuses what cannot be stored at all; it
// returns r's problems without the year before.
func (s *Store) prepareReport(r *supervision.AnnualReport, now time.Time) error {
	r.Derive()
	var p bina.Problems
	if !r.RATHeldOn.IsZero() && r.RATHeldOn.After(bina.DateFromTime(now)) {
		p.Add("rat_held_on", "Tanggal RAT tidak boleh di masa depan", "The RAT date cannot be in the future")
	}
	if r.BookYear > now.Year() {
		p.Add("book_year", "Tahun buku %d belum berakhir", "Book year %d has not ended", r.BookYear)
	}
	if r.KUK < 0 || r.KUK > 4 {
		p.Add("kuk", "Klasifikasi usaha koperasi 1 sampai 4 (0: belum diketahui)", "The KUK class is 1 to 4 (0: unknown)")
	}
	if r.MembersPresent > 10_000_000 {
		p.Add("members_present", "Jumlah anggota hadir tidak masuk akal", "Members present is not plausible")
	}
	if err := supervision.RefusedReport(r.Check(nil)); err != nil {
		p.Fields = append(p.Fields, bina.ErrorFields(err)...)
	}
	return p.Err()
}

// SaveAnnualReport stores r as the draft of its book year.
func (s *Store) SaveAnnualReport(ctx context.Context, r *supervision.AnnualReport) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireReportEdit(); err != nil {
		return err
	}
	now := s.now()
	x := *r
	if x.Source == "" || !supervision.ReportSources.Has(x.Source) {
		x.Source = "manual"
	}
	if err := s.prepareReport(&x, now); err != nil {
		return err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		archived, err := s.reportCooperative(ctx, tx, a, x.CooperativeID, true)
		if err != nil {
			return err
		}
		if archived {
			return bina.Errorf(bina.Conflict, "Koperasi ini sudah diarsipkan; pulihkan dulu sebelum mengisi laporannya", "This cooperative is archived; restore it before filling in its report")
		}
		old, err := latestReport(ctx, tx, x.CooperativeID, x.BookYear)
		if bina.ErrorCode(err) == bina.NotFound {
			return s.insertReport(ctx, tx, &x, 1, supervision.ReportDraft, now, a.name(), "save", "")
		}
		if err != nil {
			return err
		}
		if err := editable(old); err != nil {
			return err
		}
		if x.Revision != 0 && x.Revision != old.Revision {
			return errChanged()
		}
		x.ID, x.Version, x.State, x.ReturnNote, x.CreatedAt = old.ID, old.Version, old.State, old.ReturnNote, old.CreatedAt
		x.SubmittedAt, x.SubmittedBy, x.AcceptedAt, x.AcceptedBy = old.SubmittedAt, old.SubmittedBy, old.AcceptedAt, old.AcceptedBy
		if err := s.updateReport(ctx, tx, &x, old.Revision, now, a.name()); err != nil {
			return err
		}
		return reportEvent(ctx, tx, &x, "save", old.State, x.State, "", now, a.name())
	})
	if err != nil {
		return err
	}
	*r = x
	return nil
}

// editable refuses to change a report that is submitted or accepted.
func editable(r *supervision.AnnualReport) error {
	switch r.State {
	case supervision.ReportSubmitted:
		return bina.Errorf(bina.Conflict, "Laporan tahun buku %d sudah diajukan dan sedang diperiksa dinas; laporan dapat diubah lagi bila dikembalikan",
			"The %d report has been submitted and is being checked by the office; it can be changed again if it is returned", r.BookYear)
	case supervision.ReportAccepted:
		return bina.Errorf(bina.Conflict, "Laporan tahun buku %d versi %d sudah diterima dan dikunci; untuk mengubahnya mulailah koreksi (versi baru)",
			"Version %d of the %d report has been accepted and is locked; start a correction (a new version) to change it", r.BookYear, r.Version)
	}
	return nil
}

// insertReport stores x as a new version in state, with its first event.
func (s *Store) insertReport(ctx context.Context, tx *sql.Tx, x *supervision.AnnualReport, version int, state supervision.ReportState, now time.Time, who, action, note string) error {
	js, err := reportJSON(x)
	if err != nil {
		return err
	}
	x.Version, x.State, x.Revision, x.CreatedAt, x.UpdatedAt, x.UpdatedBy = version, state, 1, now, now, who
	x.ReturnNote, x.SubmittedAt, x.SubmittedBy, x.AcceptedAt, x.AcceptedBy = "", nil, "", nil, ""
	if err := checked(ctx, tx, x); err != nil {
		return err
	}
	args := append([]any{x.CooperativeID, x.BookYear, x.Version, string(x.State), x.Revision, x.Source, x.Jenis, x.Pola, x.KUK, x.RATHeldOn, x.MembersPresent, x.Decisions},
		js...)
	args = append(args, countErrors(x.Problems), now, now, who)
	err = tx.QueryRowContext(ctx, `INSERT INTO annual_reports (cooperative_id, book_year, version, state, revision, source, jenis, pola, kuk, rat_held_on, members_present, decisions,
	neraca, phu, kolektibilitas, schedules, members, shu_distribution, errors, created_at, updated_at, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id`, args...).Scan(&x.ID)
	if s.d.isUnique(err) {
		return errChanged()
	}
	if err != nil {
		return bina.Wrap(err, "insert report")
	}
	if err := s.keepCoopFigures(ctx, tx, x.CooperativeID, x.BookYear); err != nil {
		return err
	}
	return reportEvent(ctx, tx, x, action, "", state, note, now, who)
}

// updateReport writes the content of x over the version whose revision is
// still revision.
func (s *Store) updateReport(ctx context.Context, tx *sql.Tx, x *supervision.AnnualReport, revision int, now time.Time, who string) error {
	js, err := reportJSON(x)
	if err != nil {
		return err
	}
	if err := checked(ctx, tx, x); err != nil {
		return err
	}
	x.Revision, x.UpdatedAt, x.UpdatedBy = revision+1, now, who
	args := append([]any{x.Jenis, x.Pola, x.KUK, x.RATHeldOn, x.MembersPresent, x.Decisions}, js...)
	args = append(args, countErrors(x.Problems), x.Source, now, who, x.ID, revision)
	res, err := tx.ExecContext(ctx, `UPDATE annual_reports SET jenis = $1, pola = $2, kuk = $3, rat_held_on = $4, members_present = $5, decisions = $6,
	neraca = $7, phu = $8, kolektibilitas = $9, schedules = $10, members = $11, shu_distribution = $12, errors = $13, source = $14,
	revision = revision + 1, updated_at = $15, updated_by = $16
WHERE id = $17 AND revision = $18`, args...)
	return revisionChanged(res, err, "update report")
}

// revisionChanged turns an update that matched no row into a Conflict.
func revisionChanged(res sql.Result, err error, what string) error {
	if err != nil {
		return bina.Wrap(err, what)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errChanged()
	}
	return nil
}

func countErrors(ps []supervision.ReportProblem) int {
	n := 0
	for _, p := range ps {
		if p.Severity == supervision.SeverityError {
			n++
		}
	}
	return n
}

// reportEvent records one step of a report.
func reportEvent(ctx context.Context, tx *sql.Tx, r *supervision.AnnualReport, action string, from, to supervision.ReportState, note string, now time.Time, who string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO annual_report_events (cooperative_id, book_year, version, action, from_state, to_state, note, happened_at, by_name)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, r.CooperativeID, r.BookYear, r.Version, action, string(from), string(to), note, now, who)
	return bina.Wrap(err, "record report event")
}

// moveReport runs one state change of the newest version of a report:
// step checks the report and sets what changes; the row moves only when
// its revision is still the one read.
func (s *Store) moveReport(ctx context.Context, cooperativeID int64, year int, review bool, action string,
	step func(tx *sql.Tx, a actor, r *supervision.AnnualReport, now time.Time) (note string, err error)) (*supervision.AnnualReport, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.requireReportEdit(); err != nil {
		return nil, err
	}
	if review {
		if err := a.requireReview(); err != nil {
			return nil, err
		}
	}
	now := s.now()
	return s.writeLatestReport(ctx, a, cooperativeID, year, func(tx *sql.Tx, r *supervision.AnnualReport) error {
		from, revision := r.State, r.Revision
		note, err := step(tx, a, r, now)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE annual_reports SET state = $1, return_note = $2, submitted_at = $3, submitted_by = $4, accepted_at = $5, accepted_by = $6,
	revision = revision + 1, updated_at = $7, updated_by = $8 WHERE id = $9 AND revision = $10`,
			string(r.State), r.ReturnNote, timeArg(r.SubmittedAt), r.SubmittedBy, timeArg(r.AcceptedAt), r.AcceptedBy, now, a.name(), r.ID, revision)
		if err := revisionChanged(res, err, action+" report"); err != nil {
			return err
		}
		if err := s.keepCoopFigures(ctx, tx, cooperativeID, year); err != nil {
			return err
		}
		r.Revision, r.UpdatedAt, r.UpdatedBy = revision+1, now, a.name()
		return reportEvent(ctx, tx, r, action, from, r.State, note, now, a.name())
	})
}

// writeLatestReport runs fn in a write transaction on the newest version
// of a report, after locking its cooperative (inside the actor's reach),
// and returns that version as fn left it. Errors: NotFound, and fn's.
func (s *Store) writeLatestReport(ctx context.Context, a actor, cooperativeID int64, year int, fn func(tx *sql.Tx, r *supervision.AnnualReport) error) (*supervision.AnnualReport, error) {
	var r *supervision.AnnualReport
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.reportCooperative(ctx, tx, a, cooperativeID, true); err != nil {
			return err
		}
		var err error
		if r, err = latestReport(ctx, tx, cooperativeID, year); err != nil {
			return err
		}
		return fn(tx, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// SubmitAnnualReport submits a draft or returned report without errors and
// brings the RAT record of its year in step.
func (s *Store) SubmitAnnualReport(ctx context.Context, cooperativeID int64, year int) (*supervision.AnnualReport, error) {
	return s.moveReport(ctx, cooperativeID, year, false, "submit", func(tx *sql.Tx, a actor, r *supervision.AnnualReport, now time.Time) (string, error) {
		if r.State == supervision.ReportSubmitted {
			return "", bina.Errorf(bina.Conflict, "Laporan tahun buku %d sudah diajukan", "The %d report has already been submitted", year)
		}
		if err := editable(r); err != nil {
			return "", err
		}
		if err := checked(ctx, tx, r); err != nil {
			return "", err
		}
		if err := blockingProblems(r); err != nil {
			return "", err
		}
		r.State, r.SubmittedAt, r.SubmittedBy = supervision.ReportSubmitted, &now, a.name()
		return "", s.syncRAT(ctx, tx, a, r, now)
	})
}

// blockingProblems returns an Invalid error listing the report's errors.
func blockingProblems(r *supervision.AnnualReport) error {
	var fields []bina.FieldError
	for _, p := range r.Problems {
		if p.Severity == supervision.SeverityError {
			fields = append(fields, bina.FieldError{Field: p.Field, Message: bina.Text{ID: p.Message, EN: p.English}})
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return &bina.Error{Code: bina.Invalid, Fields: fields, Message: bina.Text{
		ID: fmt.Sprintf("Laporan belum dapat diajukan: %d kesalahan harus diperbaiki dulu", len(fields)),
		EN: fmt.Sprintf("The report cannot be submitted yet: %d errors must be mended first", len(fields))}}
}

// AcceptAnnualReport accepts and locks a submitted report.
func (s *Store) AcceptAnnualReport(ctx context.Context, cooperativeID int64, year int) (*supervision.AnnualReport, error) {
	return s.moveReport(ctx, cooperativeID, year, true, "accept", func(tx *sql.Tx, a actor, r *supervision.AnnualReport, now time.Time) (string, error) {
		if r.State != supervision.ReportSubmitted {
			return "", notSubmitted(r)
		}
		r.State, r.AcceptedAt, r.AcceptedBy, r.ReturnNote = supervision.ReportAccepted, &now, a.name(), ""
		if err := checked(ctx, tx, r); err != nil {
			return "", err
		}
		return "", s.syncRAT(ctx, tx, a, r, now)
	})
}

// ReturnAnnualReport returns a submitted report with a note.
func (s *Store) ReturnAnnualReport(ctx context.Context, cooperativeID int64, year int, note string) (*supervision.AnnualReport, error) {
	note = strings.TrimSpace(note)
	if note == "" {
		return nil, invalidField("note", "Tuliskan catatan apa yang harus diperbaiki", "Write a note saying what must be mended")
	}
	if len([]rune(note)) > 2000 {
		return nil, invalidField("note", "Catatan paling panjang 2000 huruf", "The note is at most 2000 characters")
	}
	return s.moveReport(ctx, cooperativeID, year, true, "return", func(tx *sql.Tx, a actor, r *supervision.AnnualReport, now time.Time) (string, error) {
		if r.State != supervision.ReportSubmitted {
			return "", notSubmitted(r)
		}
		r.State, r.ReturnNote = supervision.ReportReturned, note
		return note, checked(ctx, tx, r)
	})
}

func notSubmitted(r *supervision.AnnualReport) error {
	return bina.Errorf(bina.Conflict, "Laporan tahun buku %d berstatus %s, bukan diajukan", "The %d report is %s, not submitted",
		r.BookYear, strings.ToLower(supervision.ReportStates.Label(string(r.State), "id")))
}

// CorrectAnnualReport starts the next version of an accepted report.
func (s *Store) CorrectAnnualReport(ctx context.Context, cooperativeID int64, year int, note string) (*supervision.AnnualReport, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.requireReportEdit(); err != nil {
		return nil, err
	}
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 2000 {
		return nil, invalidField("note", "Catatan paling panjang 2000 huruf", "The note is at most 2000 characters")
	}
	now := s.now()
	return s.writeLatestReport(ctx, a, cooperativeID, year, func(tx *sql.Tx, r *supervision.AnnualReport) error {
		if r.State != supervision.ReportAccepted {
			return bina.Errorf(bina.Conflict, "Hanya laporan yang sudah diterima yang dikoreksi dengan versi baru; versi %d masih dapat diubah langsung bila berstatus draf atau dikembalikan",
				"Only an accepted report is corrected with a new version; version %d can be changed directly when it is a draft or returned", r.Version)
		}
		r.Source = "manual"
		return s.insertReport(ctx, tx, r, r.Version+1, supervision.ReportDraft, now, a.name(), "correction", note)
	})
}

// AnnualReportHistory returns the steps of a report, oldest first.
func (s *Store) AnnualReportHistory(ctx context.Context, cooperativeID int64, year int) ([]supervision.ReportEvent, error) {
	var out []supervision.ReportEvent
	err := s.readReports(ctx, cooperativeID, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT version, action, from_state, to_state, note, happened_at, by_name FROM annual_report_events
WHERE cooperative_id = $1 AND book_year = $2 ORDER BY id`, cooperativeID, year)
		if err != nil {
			return bina.Wrap(err, "report history")
		}
		defer rows.Close()
		for rows.Next() {
			var e supervision.ReportEvent
			var from, to string
			if err := rows.Scan(&e.Version, &e.Action, &from, &to, &e.Note, &e.At, &e.By); err != nil {
				return bina.Wrap(err, "report history")
			}
			e.From, e.To, e.At = supervision.ReportState(from), supervision.ReportState(to), e.At.UTC()
			out = append(out, e)
		}
		return bina.Wrap(rows.Err(), "report history")
	})
	return out, err
}

// syncRAT brings the RAT record of the report's year in step with it,
// through the path SaveRAT takes, so that the last RAT year and the
// active-cooperative rule follow.
func (s *Store) syncRAT(ctx context.Context, tx *sql.Tx, a actor, r *supervision.AnnualReport, now time.Time) error {
	c, rat, err := s.reportRAT(ctx, tx, r, now, nil)
	if err != nil {
		return err
	}
	return s.saveRATTx(ctx, tx, c, rat, now, a.name())
}

// reportRAT returns the report's cooperative and the RAT record of its
// year brought in step with it (then changed by adjust, when not nil),
// checked. syncRAT and the import of yearly figures save it.
func (s *Store) reportRAT(ctx context.Context, tx *sql.Tx, r *supervision.AnnualReport, now time.Time, adjust func(*bina.RAT)) (*bina.Cooperative, bina.RAT, error) {
	c, err := s.loadCooperative(ctx, tx, r.CooperativeID, now, false, false)
	if err != nil {
		return nil, bina.RAT{}, err
	}
	prev, err := scanRAT(tx.QueryRowContext(ctx, `SELECT `+strings.Join(ratColumns, ", ")+` FROM rats WHERE cooperative_id = $1 AND book_year = $2`, r.CooperativeID, r.BookYear))
	if err != nil && err != sql.ErrNoRows {
		return nil, bina.RAT{}, bina.Wrap(err, "load rat")
	}
	reported := bina.DateFromTime(now)
	if r.SubmittedAt != nil {
		reported = bina.DateFromTime(*r.SubmittedAt)
	}
	rat := r.RATRecord(prev, reported)
	if adjust != nil {
		adjust(&rat)
	}
	if err := rat.Validate(now); err != nil {
		return nil, bina.RAT{}, err
	}
	return c, rat, nil
}

var _ supervision.AnnualReportService = (*Store)(nil)

// readReports runs fn in a read transaction after checking that the
// cooperative lies within the actor's reach.
func (s *Store) readReports(ctx context.Context, cooperativeID int64, fn func(tx *sql.Tx) error) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	return s.read(ctx, func(tx *sql.Tx) error {
		if _, err := s.reportCooperative(ctx, tx, a, cooperativeID, false); err != nil {
			return err
		}
		return fn(tx)
	})
}
