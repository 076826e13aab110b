package sqlstore

import (
	"bina/supervision"
	"context"
	"database/sql"
	"time"

	"bina"
)

// reportBulkColumns are the columns BulkLoadAnnualReports writes.
var reportBulkColumns = []string{"cooperative_id", "book_year", "version", "state", "revision", "source", "jenis", "pola", "kuk", "rat_held_on",
	"members_present", "decisions", "neraca", "phu", "kolektibilitas", "schedules", "members", "shu_distribution", "errors", "return_note",
	"submitted_at", "submitted_by", "accepted_at", "accepted_by", "created_at", "updated_at", "updated_by"}

var reportEventColumns = []string{"cooperative_id", "book_year", "version", "action", "from_state", "to_state", "note", "happened_at", "by_name"}

// BulkLoadAnnualReports stores reports as they stand elsewhere — past
// reports brought in by an import, the demo's — with their state, source
// and times (CreatedAt, SubmittedAt, AcceptedAt; zero ones are now). The
// steps they went through are recorded as events at those times. Nothing
// goes through the RAT records: the caller loads reports that agree with
// them. Only the system and administrators may bulk load; a report whose
// input is refused (supervision.RefusedReport), or a year already reported, fails
// the whole load.
func (s *Store) BulkLoadAnnualReports(ctx context.Context, reports []supervision.AnnualReport) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya administrator yang dapat memuat data massal", "Only administrators may bulk load")
	}
	now := s.now()
	jsons := make([][]any, len(reports))
	var events []supervision.ReportEvent
	var eventOf []int
	for i := range reports {
		x := &reports[i]
		x.Derive()
		if err := supervision.RefusedReport(x.Check(nil)); err != nil {
			return bulkInvalid(err, "Laporan ke-%d (%s)", "Report %d (%s)", i+1, x.Jenis)
		}
		if !supervision.ReportStates.Has(string(x.State)) {
			x.State = supervision.ReportAccepted
		}
		if x.Source == "" {
			x.Source = "import"
		}
		if x.Version == 0 {
			x.Version = 1
		}
		if x.CreatedAt.IsZero() {
			x.CreatedAt = now
		}
		x.Revision, x.UpdatedAt = 1, x.CreatedAt
		x.Problems = x.Check(nil)
		if jsons[i], err = reportJSON(x); err != nil {
			return err
		}
		who := a.name()
		add := func(action string, from, to supervision.ReportState, at time.Time, note string) {
			events = append(events, supervision.ReportEvent{Version: x.Version, Action: action, From: from, To: to, At: at, By: who, Note: note})
			eventOf = append(eventOf, i)
			if at.After(x.UpdatedAt) {
				x.UpdatedAt = at
			}
		}
		add("import", "", supervision.ReportDraft, x.CreatedAt, "")
		if x.SubmittedAt != nil {
			add("submit", supervision.ReportDraft, supervision.ReportSubmitted, *x.SubmittedAt, "")
		}
		switch {
		case x.State == supervision.ReportReturned:
			add("return", supervision.ReportSubmitted, supervision.ReportReturned, x.UpdatedAt, x.ReturnNote)
		case x.State == supervision.ReportAccepted && x.AcceptedAt != nil:
			add("accept", supervision.ReportSubmitted, supervision.ReportAccepted, *x.AcceptedAt, "")
		}
		x.UpdatedBy = who
	}
	restore, err := applySettings(ctx, s.wdb, s.d.bulkSession)
	if err != nil {
		return bina.Wrap(err, "bulk cache")
	}
	defer restore()
	return s.write(ctx, func(tx *sql.Tx) error {
		err := s.bulkInsert(ctx, tx, "annual_reports", reportBulkColumns, nil, len(reports), func(i int, dst []any) []any {
			x := &reports[i]
			dst = append(dst, x.CooperativeID, x.BookYear, x.Version, string(x.State), x.Revision, x.Source, x.Jenis, x.Pola, x.KUK, x.RATHeldOn,
				x.MembersPresent, x.Decisions)
			dst = append(dst, jsons[i]...)
			return append(dst, countErrors(x.Problems), x.ReturnNote, timeArg(x.SubmittedAt), x.SubmittedBy, timeArg(x.AcceptedAt), x.AcceptedBy,
				x.CreatedAt.UTC(), x.UpdatedAt.UTC(), x.UpdatedBy)
		})
		if s.d.isUnique(err) || s.d.isForeignKey(err) {
			return bina.Errorf(bina.Invalid, "Laporan tahunan ganda, atau koperasinya tidak ada", "A report is loaded twice, or its cooperative does not exist")
		}
		if err != nil {
			return err
		}
		err = s.bulkInsert(ctx, tx, "annual_report_events", reportEventColumns, nil, len(events), func(i int, dst []any) []any {
			e, x := &events[i], &reports[eventOf[i]]
			return append(dst, x.CooperativeID, x.BookYear, e.Version, e.Action, string(e.From), string(e.To), e.Note, e.At.UTC(), e.By)
		})
		if err != nil {
			return err
		}
		years := map[int]bool{}
		for i := range reports {
			years[reports[i].BookYear] = true
		}
		for y := range years {
			if err := s.rebuildCoopFigures(ctx, tx, y); err != nil {
				return err
			}
		}
		return nil
	})
}
