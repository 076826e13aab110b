package sqlstore

import (
	"bina/imports"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"bina"
)

// checkAttendanceTarget refuses an attendance import without a live
// programme, or with an activity of another programme.
func (s *Store) checkAttendanceTarget(ctx context.Context, tx *sql.Tx, programme, activity int64) error {
	if programme <= 0 {
		return invalidField("programme_id", "Daftar hadir harus diimpor untuk satu program", "An attendance sheet is imported for one programme")
	}
	var archived sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT archived_at FROM programmes WHERE id = $1`, programme).Scan(&archived)
	if err == sql.ErrNoRows {
		return bina.Errorf(bina.NotFound, "Program #%d tidak ditemukan", "Programme #%d not found", programme)
	}
	if err != nil {
		return bina.Wrap(err, "attendance programme")
	}
	if archived.Valid {
		return bina.Errorf(bina.Conflict, "Program #%d sudah diarsipkan", "Programme #%d is archived", programme)
	}
	if activity == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM programme_activities WHERE id = $1 AND programme_id = $2`, activity, programme).Scan(&n); err != nil {
		return bina.Wrap(err, "attendance activity")
	}
	if n == 0 {
		return invalidField("activity_id", "Kegiatan itu bukan bagian dari program ini", "That activity is not part of this programme")
	}
	return nil
}

// attendanceDay returns the day a row without one attended: the
// activity's first day, else the programme's.
func (s *Store) attendanceDay(ctx context.Context, q querier, programme, activity int64) (bina.Date, error) {
	var d bina.Date
	var err error
	if activity != 0 {
		err = q.QueryRowContext(ctx, `SELECT starts_on FROM programme_activities WHERE id = $1`, activity).Scan(&d)
	} else {
		err = q.QueryRowContext(ctx, `SELECT starts_on FROM programmes WHERE id = $1`, programme).Scan(&d)
	}
	return d, bina.Wrap(err, "attendance day")
}

// attendee is one business to enrol from an attendance sheet.
type attendee struct {
	id    int64
	state string
	on    bina.Date
}

// stateRank orders participant states in SQL: a sheet raises a
// participation (selected to attended, attended to completed), never
// lowers it.
func stateRank(col string) string {
	return `CASE ` + col + ` WHEN '` + imports.AttendanceCompleted + `' THEN 2 WHEN '` + imports.AttendanceAttended + `' THEN 1 ELSE 0 END`
}

// enrolAttendees writes the participations of the attendees in programme
// (one per business: the highest state and the latest day of its rows),
// refreshes the reach of the businesses it changed, and returns them.
// A participation already as the sheet says is left alone, so that the
// same sheet imported twice changes nothing.
func (s *Store) enrolAttendees(ctx context.Context, tx *sql.Tx, programme int64, as []attendee, now time.Time) (map[int64]bool, error) {
	want := map[int64]attendee{}
	var ids []int64
	for _, a := range as {
		w, ok := want[a.id]
		switch {
		case !ok:
			ids = append(ids, a.id)
			w = a
		case a.state == imports.AttendanceCompleted:
			w.state = a.state
		}
		if a.on.After(w.on) {
			w.on = a.on
		}
		want[a.id] = w
	}
	pp, ex := "programme_participants", "excluded"
	raise := stateRank(ex+".state") + ` > ` + stateRank(pp+".state")
	later := pp + `.reached_on IS NULL OR ` + ex + `.reached_on > ` + pp + `.reached_on`
	upsert := `
ON CONFLICT (programme_id, enterprise_id) DO UPDATE SET
	state = CASE WHEN ` + raise + ` THEN excluded.state ELSE programme_participants.state END,
	reached_on = CASE WHEN ` + later + ` THEN excluded.reached_on ELSE programme_participants.reached_on END,
	updated_at = excluded.updated_at, version = programme_participants.version + 1
WHERE ` + raise + ` OR ` + later + `
RETURNING enterprise_id`
	changed := map[int64]bool{}
	var touched []int64
	for rest := ids; len(rest) > 0; {
		n := min(len(rest), 300)
		var p params
		vals := make([]string, n)
		for i, id := range rest[:n] {
			w := want[id]
			vals[i] = "(" + p.list(programme, id, w.state, w.on, imports.AttendanceSource, now, now) + ")"
		}
		q := `INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, source, created_at, updated_at)
VALUES ` + strings.Join(vals, ", ") + upsert
		rs, err := tx.QueryContext(ctx, q, p.args...)
		if err != nil {
			return nil, bina.Wrap(err, "enrol participants")
		}
		for rs.Next() {
			var id int64
			if err := rs.Scan(&id); err != nil {
				rs.Close()
				return nil, bina.Wrap(err, "enrol participants")
			}
			changed[id] = true
			touched = append(touched, id)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, bina.Wrap(err, "enrol participants")
		}
		rest = rest[n:]
	}
	return changed, s.refreshReach(ctx, tx, touched...)
}

// attendanceRun is what the run of an attendance import has read of the
// register: the candidates found so far, and the desa whose records are
// all among them. A sheet's people come from the same desa chunk after
// chunk; reading a desa's records once per run, not once per chunk, halves
// the work of a 5,000-row sheet. The records the run creates are added as
// it creates them.
type attendanceRun struct {
	villages map[string]bool
	cands    *imports.AttendanceCandidates
}

// attendanceRun returns the run's attendanceRun, made on first use.
func (run *importRun) attendanceRun() *attendanceRun {
	if run.attendance == nil {
		run.attendance = &attendanceRun{villages: map[string]bool{}, cands: imports.NewAttendanceCandidates()}
	}
	return run.attendance
}

// writeAttendance writes the rows of an attendance import: each row's
// person is found in the register (an import key of an earlier import of
// the same programme, then NIK, phone, name and desa: DecideAttendance),
// created unverified when unknown, or sent to review when the match is
// uncertain; the businesses found or created are enrolled in the
// programme. Every row gets a line in the report saying how it was
// matched.
func (w *chunkWriter) writeAttendance(ctx context.Context, rows []imports.Row) error {
	var look []int
	for i := range rows {
		r := &rows[i]
		if r.Outcome == imports.OutcomeCreated || r.Outcome == imports.OutcomeReview {
			look = append(look, i)
		}
	}
	stored, err := w.lookupKeys(ctx, rows, look)
	if err != nil {
		return err
	}
	day, err := w.s.attendanceDay(ctx, w.tx, w.job.ProgrammeID, w.job.ActivityID)
	if err != nil {
		return err
	}
	live, err := w.liveRecords(ctx, stored)
	if err != nil {
		return err
	}
	var fresh []int
	for _, i := range look {
		r := &rows[i]
		k, ok := stored[r.Key]
		switch {
		case !ok || k.RecordID != 0 && !live[k.RecordID]:
			// New, or its record was archived since: matched again
			// among the live records, never enrolled archived.
			fresh = append(fresh, i)
		case k.RecordID != 0:
			r.RecordID, r.Outcome = k.RecordID, imports.OutcomeUpdated
			if r.Repeat {
				r.Problems = append(r.Problems, attendanceRepeat())
			}
		default:
			// Waiting in review, or skipped by a person: as it was.
			r.Outcome = imports.OutcomeUnchanged
			r.Problems = append(r.Problems, bina.FieldError{Message: bina.Text{
				ID: "Baris ini sudah diimpor sebelumnya dan menunggu atau sudah diputuskan di antrean tinjauan",
				EN: "This row was imported before and waits, or was decided, in the review queue"}})
		}
	}
	if err := w.matchAttendance(ctx, rows, fresh); err != nil {
		return err
	}
	var creates []int
	for _, i := range fresh {
		if rows[i].Outcome == imports.OutcomeCreated && rows[i].RecordID == 0 {
			creates = append(creates, i)
		}
	}
	if w.job.DryRun {
		return w.finishAttendance(ctx, rows, nil)
	}
	if err := w.createEnterprises(ctx, rows, creates); err != nil {
		return err
	}
	for _, i := range creates {
		r := &rows[i]
		r.Problems = append(r.Problems, bina.FieldError{Message: imports.AttendanceMatchText(imports.MatchNew, r.RecordID)})
		e := r.Enterprise
		w.att.cands.Add(imports.AttendanceCandidate{ID: r.RecordID, NIK: e.Owner.NIK, Phone: e.Owner.Phone,
			Owner: imports.PersonKey(e.Owner.Name), Name: imports.NameKey(e.Name), Village: e.VillageCode})
	}
	if err := w.insertReviews(ctx); err != nil {
		return err
	}
	for _, rv := range w.reviews {
		if _, err := w.tx.ExecContext(ctx, `UPDATE import_reviews SET attendance = $1 WHERE id = $2`, jsonText(rv.row.Attendance), rv.id); err != nil {
			return bina.Wrap(err, "attendance review")
		}
	}
	var as []attendee
	for i := range rows {
		r := &rows[i]
		if r.RecordID == 0 || r.Attendance == nil || r.Outcome == imports.OutcomeRejected || r.Outcome == imports.OutcomeReview {
			continue
		}
		as = append(as, attendee{id: r.RecordID, state: r.Attendance.State, on: attendedOn(r, day)})
	}
	changed, err := w.s.enrolAttendees(ctx, w.tx, w.job.ProgrammeID, as, w.now)
	if err != nil {
		return err
	}
	if err := w.finishAttendance(ctx, rows, changed); err != nil {
		return err
	}
	// A key stored before whose record was archived now names another.
	keys := w.keys[:0]
	for _, k := range w.keys {
		if _, ok := stored[k.key]; ok {
			w.rekeys = append(w.rekeys, k)
		} else {
			keys = append(keys, k)
		}
	}
	w.keys = keys
	return w.writeKeys(ctx)
}

// liveRecords returns which of the records the stored keys name are not
// archived.
func (w *chunkWriter) liveRecords(ctx context.Context, stored map[string]imports.StoredKey) (map[int64]bool, error) {
	var ids []any
	for _, k := range stored {
		if k.RecordID != 0 {
			ids = append(ids, k.RecordID)
		}
	}
	live := map[int64]bool{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		var p params
		rs, err := w.tx.QueryContext(ctx, `SELECT id FROM enterprises WHERE archived_at IS NULL AND id IN (`+p.list(ids[:n]...)+`)`, p.args...)
		if err != nil {
			return nil, bina.Wrap(err, "attendance records")
		}
		for rs.Next() {
			var id int64
			if err := rs.Scan(&id); err != nil {
				rs.Close()
				return nil, bina.Wrap(err, "attendance records")
			}
			live[id] = true
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, bina.Wrap(err, "attendance records")
		}
		ids = ids[n:]
	}
	return live, nil
}

// attendedOn is the day row r attended.
func attendedOn(r *imports.Row, day bina.Date) bina.Date {
	if r.Attendance != nil && !r.Attendance.On.IsZero() {
		return r.Attendance.On
	}
	return day
}

func attendanceRepeat() bina.FieldError {
	return bina.FieldError{Message: bina.Text{
		ID: "Nama peserta ganda: sama dengan baris sebelumnya di daftar hadir; didaftarkan sekali",
		EN: "Duplicated participant: the same as an earlier row of the sheet; enrolled once"}}
}

// finishAttendance sets the final outcome of the matched rows (updated
// when their participation changed, else unchanged), counts every row and
// puts each in the report.
func (w *chunkWriter) finishAttendance(ctx context.Context, rows []imports.Row, changed map[int64]bool) error {
	first := map[int64]bool{}
	for i := range rows {
		r := &rows[i]
		if r.Outcome == imports.OutcomeUpdated && changed != nil {
			r.Outcome = imports.OutcomeUnchanged
			if changed[r.RecordID] && !first[r.RecordID] {
				r.Outcome = imports.OutcomeUpdated
			}
			first[r.RecordID] = true
		}
		switch r.Outcome {
		case imports.OutcomeCreated:
			w.counts.Created++
		case imports.OutcomeUpdated:
			w.counts.Updated++
		case imports.OutcomeUnchanged:
			w.counts.Unchanged++
		case imports.OutcomeRejected:
			w.counts.Rejected++
		case imports.OutcomeReview:
			w.counts.Review++
		}
		if r.Outcome != imports.OutcomeReview || w.job.DryRun {
			w.issues = append(w.issues, issueRow{row: r})
		}
	}
	return w.writeIssues(ctx)
}

// matchAttendance decides the fresh rows: matched rows get their record
// and a note, uncertain ones a review, unknown ones stay to be created.
// Candidates are fetched by NIK and phone for all of them, and by desa
// only for the rows those did not place, each desa once per run.
func (w *chunkWriter) matchAttendance(ctx context.Context, rows []imports.Row, fresh []int) error {
	var niks, phones []string
	for _, i := range fresh {
		e := rows[i].Enterprise
		if e.Owner.NIK != "" {
			niks = append(niks, e.Owner.NIK)
		}
		if e.Owner.Phone != "" {
			phones = append(phones, e.Owner.Phone)
		}
	}
	cands := w.att.cands
	if err := w.attendanceCandidates(ctx, "p.nik", niks, cands); err != nil {
		return err
	}
	if err := w.attendanceCandidates(ctx, "p.phone", phones, cands); err != nil {
		return err
	}
	var rest []int
	for _, i := range fresh {
		if !w.decideAttendance(&rows[i], cands, false) {
			rest = append(rest, i)
		}
	}
	var villages []string
	for _, i := range rest {
		if v := string(rows[i].Enterprise.VillageCode); v != "" && !w.att.villages[v] {
			w.att.villages[v] = true
			villages = append(villages, v)
		}
	}
	if err := w.attendanceCandidates(ctx, "e.village_code", villages, cands); err != nil {
		return err
	}
	for _, i := range rest {
		w.decideAttendance(&rows[i], cands, true)
	}
	return nil
}

// decideAttendance applies DecideAttendance to row r. Before the last
// round (final unset) only a match or a review by NIK or phone is taken,
// and false returned for the others, whose desa is still to be searched.
func (w *chunkWriter) decideAttendance(r *imports.Row, cands *imports.AttendanceCandidates, final bool) bool {
	e := r.Enterprise
	k := r.Keys
	if k == (imports.DuplicateKeys{}) {
		k = imports.EnterpriseKeys(e)
	}
	if !final {
		k.Village = ""
	}
	d := imports.DecideAttendance(k, e.Owner.Phone, cands)
	switch {
	case d.Review:
		w.reviews = append(w.reviews, reviewRow{row: r, kind: imports.ReviewDuplicate, cand: d.Candidate, reason: d.Reason})
		r.Outcome = imports.OutcomeReview
		r.Problems = append(r.Problems, bina.FieldError{Field: "duplicate", Message: d.Reason})
	case d.Match != imports.MatchNew:
		r.RecordID, r.Outcome = d.RecordID, imports.OutcomeUpdated
		r.Problems = slices.DeleteFunc(r.Problems, func(p bina.FieldError) bool { return p.Field == imports.AttendanceUnnamed })
		r.Problems = append(r.Problems, bina.FieldError{Message: imports.AttendanceMatchText(d.Match, d.RecordID)})
		if r.Repeat {
			r.Problems = append(r.Problems, attendanceRepeat())
		}
		w.keys = append(w.keys, keyRow{key: r.Key, recordID: d.RecordID, hash: r.Hash})
	case !final:
		return false
	case r.Outcome == imports.OutcomeReview:
		// The desa could not be placed: a person places it.
		w.reviews = append(w.reviews, reviewRow{row: r, kind: imports.ReviewRegion, reason: r.Region.Problem})
	case r.Duplicate != nil:
		// Like an earlier row of the sheet, but not the same: the same
		// person typed twice, or two people.
		w.reviews = append(w.reviews, reviewRow{row: r, kind: imports.ReviewDuplicate, reason: r.Duplicate.Reason})
		r.Outcome = imports.OutcomeReview
		r.Problems = append(r.Problems, bina.FieldError{Field: "duplicate", Message: bina.Text{
			ID: "Nama peserta ganda di daftar hadir: " + r.Duplicate.Reason.ID, EN: "Duplicated participant in the sheet: " + r.Duplicate.Reason.EN}})
	}
	return true
}

// attendanceCandidates adds the live enterprises in the author's area
// whose col (p.nik, p.phone or e.village_code) is one of vals.
func (w *chunkWriter) attendanceCandidates(ctx context.Context, col string, vals []string, cands *imports.AttendanceCandidates) error {
	vals = dedupStrings(vals)
	for len(vals) > 0 {
		n := min(len(vals), 500)
		var p params
		q := `SELECT e.id, e.village_code, p.nik, p.phone, COALESCE(e.name_key, ''), p.name FROM enterprises e JOIN persons p ON p.id = e.owner_id
WHERE e.archived_at IS NULL AND ` + w.inList(&p, col, vals[:n])
		if col == "p.phone" {
			q += ` AND p.phone <> ''` // the index of phones leaves out the empty ones
		}
		rs, err := w.tx.QueryContext(ctx, q, p.args...)
		if err != nil {
			return bina.Wrap(err, "attendance candidates")
		}
		for rs.Next() {
			var c imports.AttendanceCandidate
			var village, owner string
			if err := rs.Scan(&c.ID, &village, &c.NIK, &c.Phone, &c.Name, &owner); err != nil {
				rs.Close()
				return bina.Wrap(err, "attendance candidates")
			}
			c.Village = bina.RegionCode(village)
			if w.job.Scope != "" && !w.job.Scope.Contains(c.Village) {
				continue
			}
			c.Owner = imports.PersonKey(owner)
			cands.Add(c)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return bina.Wrap(err, "attendance candidates")
		}
		vals = vals[n:]
	}
	return nil
}

// enrolReviewed enrols the record a review of an attendance row resolved
// to (merged into or kept), as the row's sheet said.
func (s *Store) enrolReviewed(ctx context.Context, tx *sql.Tx, r *reviewRecord, recordID int64, now time.Time) error {
	var programme, activity int64
	var att string
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(i.programme_id, 0), COALESCE(i.activity_id, 0), v.attendance FROM import_reviews v JOIN imports i ON i.id = v.import_id WHERE v.id = $1`,
		r.ID).Scan(&programme, &activity, &att)
	if err != nil {
		return bina.Wrap(err, "attendance review")
	}
	if programme == 0 || recordID == 0 || strings.TrimSpace(att) == "" || att == "null" {
		return nil
	}
	var a imports.Attendance
	if err := json.Unmarshal([]byte(att), &a); err != nil {
		return bina.Wrap(err, "attendance review")
	}
	if a.On.IsZero() {
		if a.On, err = s.attendanceDay(ctx, tx, programme, activity); err != nil {
			return err
		}
	}
	_, err = s.enrolAttendees(ctx, tx, programme, []attendee{{id: recordID, state: a.State, on: a.On}}, now)
	return err
}
