package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"bina"
)

// The coaching ledger (coaching.CoachingService): sessions with their
// follow-ups. A session's business decides who sees it: the actor's
// region scopes every read and write through enterprises.village_code.

// sessionSelect reads a session with its business; scanSession follows
// its column order.
const sessionSelect = `SELECT c.id, c.uuid, c.enterprise_id, e.name, e.village_code, c.officer_id, c.officer_name, c.held_on, c.mode,
	c.duration_minutes, c.topics, c.advice, c.notes, c.next_visit_on, c.programme_id, c.created_at, c.updated_at, c.version
FROM coaching_sessions c JOIN enterprises e ON e.id = c.enterprise_id`

func scanSession(sc scanner) (*coaching.CoachingSession, error) {
	var (
		x         coaching.CoachingSession
		officer   sql.NullInt64
		programme sql.NullInt64
		topics    string
		village   string
	)
	err := sc.Scan(&x.ID, &x.UUID, &x.EnterpriseID, &x.EnterpriseName, &village, &officer, &x.Officer, &x.Date, &x.Mode,
		&x.DurationMinutes, &topics, &x.Advice, &x.Notes, &x.NextVisitOn, &programme, &x.CreatedAt, &x.UpdatedAt, &x.Version)
	if err != nil {
		return nil, err
	}
	x.VillageCode = bina.RegionCode(village)
	x.OfficerID = officer.Int64
	if programme.Valid {
		x.ProgrammeID = &programme.Int64
	}
	if topics != "" {
		x.Topics = strings.Split(topics, ",")
	}
	x.CreatedAt, x.UpdatedAt = x.CreatedAt.UTC(), x.UpdatedAt.UTC()
	return &x, nil
}

func errSessionNotFound() error {
	return notFoundf("Sesi pendampingan tidak ditemukan", "Coaching session not found")
}

// loadSessions reads the sessions of query (sessionSelect with its
// conditions) with their follow-ups.
func (s *Store) loadSessions(ctx context.Context, q querier, query string, args ...any) ([]coaching.CoachingSession, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, bina.Wrap(err, "read sessions")
	}
	defer rows.Close()
	var out []coaching.CoachingSession
	for rows.Next() {
		x, err := scanSession(rows)
		if err != nil {
			return nil, bina.Wrap(err, "read sessions")
		}
		out = append(out, *x)
	}
	if err := rows.Err(); err != nil {
		return nil, bina.Wrap(err, "read sessions")
	}
	rows.Close()
	return out, s.loadFollowUps(ctx, q, out)
}

// loadFollowUps fills the follow-ups of sessions.
func (s *Store) loadFollowUps(ctx context.Context, q querier, sessions []coaching.CoachingSession) error {
	if len(sessions) == 0 {
		return nil
	}
	at := make(map[int64]int, len(sessions))
	ids := make([]any, len(sessions))
	for i, x := range sessions {
		at[x.ID] = i
		ids[i] = x.ID
	}
	var p params
	rows, err := q.QueryContext(ctx, `SELECT id, session_id, task, due_on, done_on FROM coaching_followups WHERE session_id IN (`+p.list(ids...)+`) ORDER BY session_id, id`, p.args...)
	if err != nil {
		return bina.Wrap(err, "read follow-ups")
	}
	defer rows.Close()
	for rows.Next() {
		var f coaching.FollowUp
		var sid int64
		if err := rows.Scan(&f.ID, &sid, &f.Task, &f.DueOn, &f.DoneOn); err != nil {
			return bina.Wrap(err, "read follow-ups")
		}
		x := &sessions[at[sid]]
		x.FollowUps = append(x.FollowUps, f)
	}
	return bina.Wrap(rows.Err(), "read follow-ups")
}

// loadSession reads one session the actor may see. Errors: NotFound.
func (s *Store) loadSession(ctx context.Context, q querier, a actor, where string, arg any) (*coaching.CoachingSession, error) {
	xs, err := s.loadSessions(ctx, q, sessionSelect+` WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 || !a.sees(xs[0].VillageCode) {
		return nil, errSessionNotFound()
	}
	return &xs[0], nil
}

// RecordCoachingSession stores a coaching session, or answers the stored one when
// its uuid is known with the same content (see coaching.CoachingService).
func (s *Store) RecordCoachingSession(ctx context.Context, x *coaching.CoachingSession) (bool, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return false, err
	}
	if err := a.requireEdit(); err != nil {
		return false, err
	}
	x.Normalize()
	now := s.now()
	if err := x.Validate(coaching.LatestToday(now)); err != nil {
		return false, err
	}
	created, err := s.recordSession(ctx, a, x, now)
	if err != nil && s.d.isUnique(err) {
		// The same uuid was stored by a concurrent call between our look
		// and our insert: the second look finds it.
		created, err = s.recordSession(ctx, a, x, now)
	}
	return created, err
}

func (s *Store) recordSession(ctx context.Context, a actor, in *coaching.CoachingSession, now time.Time) (bool, error) {
	var out *coaching.CoachingSession
	created := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		// One look, whoever may see it: a uuid stored for a business
		// outside the actor's region is taken all the same.
		stored, err := s.loadSession(ctx, tx, actor{scope: s.root}, `c.uuid = $1`, in.UUID)
		if err == nil {
			if !a.sees(stored.VillageCode) || !in.SameRecord(stored) {
				return bina.Errorf(bina.Conflict, "uuid %s sudah dipakai untuk sesi pendampingan lain", "uuid %s is already used by another coaching session", in.UUID)
			}
			out = stored
			return nil
		}
		if bina.ErrorCode(err) != bina.NotFound {
			return err
		}
		if err := s.checkCoached(ctx, tx, a, in.EnterpriseID); err != nil {
			return err
		}
		if in.ProgrammeID != nil {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM programmes WHERE id = $1`, *in.ProgrammeID).Scan(&n); err != nil {
				return bina.Wrap(err, "find programme")
			}
			if n == 0 {
				return invalidField("programme_id", "Program %d tidak ditemukan", "Programme %d not found", *in.ProgrammeID)
			}
		}
		var officerID any
		officer := in.Officer
		if a.user != nil {
			officerID, officer = a.user.ID, a.user.Name
		}
		id, err := s.insertSession(ctx, tx, in, officerID, officer, now)
		if err != nil {
			return err
		}
		if err := s.refreshReach(ctx, tx, in.EnterpriseID); err != nil {
			return err
		}
		summary := in.Date.String() + " " + in.Mode + " · " + strconv.FormatInt(in.EnterpriseID, 10)
		if err := s.record(ctx, tx, coaching.EntityCoachingSession, id, now, a.name(), actionCreate, []bina.Change{{After: summary}}); err != nil {
			return err
		}
		created = true
		out, err = s.loadSession(ctx, tx, actor{scope: s.root}, `c.id = $1`, id)
		return err
	})
	if err != nil {
		return false, err
	}
	*in = *out
	return created, nil
}

// checkCoached returns NotFound unless the business exists in the actor's
// region, and Conflict when it is archived.
func (s *Store) checkCoached(ctx context.Context, q querier, a actor, id int64) error {
	var village string
	var archived sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT village_code, archived_at FROM enterprises WHERE id = $1`, id).Scan(&village, &archived)
	if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
		return errEnterpriseNotFound()
	}
	if err != nil {
		return bina.Wrap(err, "find enterprise")
	}
	if archived.Valid {
		return bina.Errorf(bina.Conflict, "Usaha ini sudah diarsipkan; pulihkan dulu sebelum mencatat pendampingan", "This enterprise is archived; restore it before recording coaching")
	}
	return nil
}

func int64Arg(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// FindCoachingSession returns one session with its follow-ups and photos.
func (s *Store) FindCoachingSession(ctx context.Context, id int64) (*coaching.CoachingSession, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var x *coaching.CoachingSession
	err = s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if x, err = s.loadSession(ctx, tx, a, `c.id = $1`, id); err != nil {
			return err
		}
		x.Photos, err = s.listAttachments(ctx, tx, a, "session", []int64{id})
		return err
	})
	return x, err
}

// ListCoachingSessions returns one page of sessions, newest first.
func (s *Store) ListCoachingSessions(ctx context.Context, f coaching.CoachingFilter) (bina.Page[coaching.CoachingSession], error) {
	var page bina.Page[coaching.CoachingSession]
	a, err := s.actorOf(ctx)
	if err != nil {
		return page, err
	}
	if f.Region != "" && s.ref.Regions != nil && !s.ref.Regions.Within(f.Region) {
		return page, invalidField("region", "Wilayah %s tidak dikenal", "Unknown region %s", f.Region)
	}
	var p params
	conds := s.regionCond(nil, &p, "e", a.scope)
	conds = s.regionCond(conds, &p, "e", f.Region)
	if f.Enterprise > 0 {
		conds = append(conds, "c.enterprise_id = "+p.add(f.Enterprise))
	}
	if f.Officer > 0 {
		conds = append(conds, "c.officer_id = "+p.add(f.Officer))
	}
	if !f.From.IsZero() {
		conds = append(conds, "c.held_on >= "+p.add(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "c.held_on <= "+p.add(f.To))
	}
	limit := pageLimit(f.Limit)
	err = s.read(ctx, func(tx *sql.Tx) error {
		where := ""
		if len(conds) > 0 {
			where = " WHERE " + strings.Join(conds, " AND ")
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM coaching_sessions c JOIN enterprises e ON e.id = c.enterprise_id`+where, p.args...).Scan(&page.Total); err != nil {
			return bina.Wrap(err, "count sessions")
		}
		if f.Cursor != "" {
			on, id, ok := decodeSessionCursor(f.Cursor)
			if !ok {
				return errBadCursor()
			}
			d, ph := p.add(on), p.add(id)
			conds = append(conds, "(c.held_on < "+d+" OR (c.held_on = "+d+" AND c.id < "+ph+"))")
			where = " WHERE " + strings.Join(conds, " AND ")
		}
		xs, err := s.loadSessions(ctx, tx, sessionSelect+where+` ORDER BY c.held_on DESC, c.id DESC LIMIT `+p.add(limit+1), p.args...)
		if err != nil {
			return err
		}
		if len(xs) > limit {
			xs = xs[:limit]
			last := xs[limit-1]
			page.Next = encodeSessionCursor(last.Date, last.ID)
		}
		page.Items = xs
		return nil
	})
	return page, err
}

func encodeSessionCursor(on bina.Date, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(on.String() + "|" + strconv.FormatInt(id, 10)))
}

func decodeSessionCursor(c string) (bina.Date, int64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return bina.Date{}, 0, false
	}
	ds, is, ok := strings.Cut(string(b), "|")
	d, err1 := bina.ParseDate(ds)
	id, err2 := strconv.ParseInt(is, 10, 64)
	return d, id, ok && err1 == nil && err2 == nil && !d.IsZero()
}

// CompleteFollowUp marks a follow-up done.
func (s *Store) CompleteFollowUp(ctx context.Context, sessionID, followUpID int64, on bina.Date) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		x, err := s.loadSession(ctx, tx, a, `c.id = $1`, sessionID)
		if err != nil {
			return err
		}
		i := -1
		for j, f := range x.FollowUps {
			if f.ID == followUpID {
				i = j
			}
		}
		if i < 0 {
			return notFoundf("Tindak lanjut tidak ditemukan", "Follow-up not found")
		}
		if !x.FollowUps[i].DoneOn.IsZero() {
			return bina.Errorf(bina.Conflict, "Tindak lanjut ini sudah selesai", "This follow-up is done already")
		}
		if on.IsZero() || on.Before(x.Date) || on.After(coaching.LatestToday(now)) {
			return invalidField("done_on", "Tanggal selesai harus antara tanggal pendampingan dan hari ini", "The day it was done must lie between the session and today")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE coaching_followups SET done_on = $1 WHERE id = $2`, on, followUpID); err != nil {
			return bina.Wrap(err, "complete follow-up")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE coaching_sessions SET version = version + 1, updated_at = $1 WHERE id = $2`, now, sessionID); err != nil {
			return bina.Wrap(err, "complete follow-up")
		}
		return s.record(ctx, tx, coaching.EntityCoachingSession, sessionID, now, a.name(), actionUpdate,
			[]bina.Change{{Field: "follow_ups." + strconv.Itoa(i) + ".done_on", After: on.String()}})
	})
}

// sessionColumns are the columns sessionValues gives.
var sessionColumns = []string{"uuid", "enterprise_id", "officer_id", "officer_name", "held_on", "mode", "duration_minutes",
	"topics", "advice", "notes", "next_visit_on", "programme_id", "created_at", "updated_at", "version"}

func sessionValues(dst []any, in *coaching.CoachingSession, officerID any, officer string, now time.Time) []any {
	return append(dst, in.UUID, in.EnterpriseID, officerID, officer, in.Date, in.Mode, in.DurationMinutes,
		strings.Join(in.Topics, ","), in.Advice, in.Notes, in.NextVisitOn, int64Arg(in.ProgrammeID), now, now, 1)
}

// followUpColumns are the columns followUpValues gives.
var followUpColumns = []string{"session_id", "task", "due_on", "done_on"}

func followUpValues(dst []any, sessionID int64, f coaching.FollowUp) []any {
	return append(dst, sessionID, f.Task, f.DueOn, f.DoneOn)
}

// insertSession writes one session row with its follow-ups.
func (s *Store) insertSession(ctx context.Context, tx *sql.Tx, in *coaching.CoachingSession, officerID any, officer string, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.d.insertSQL("coaching_sessions", sessionColumns, nil, 1)+" RETURNING id", sessionValues(nil, in, officerID, officer, now)...).Scan(&id)
	if err != nil {
		return 0, bina.Wrap(err, "insert session")
	}
	for _, f := range in.FollowUps {
		if _, err := tx.ExecContext(ctx, s.d.insertSQL("coaching_followups", followUpColumns, nil, 1), followUpValues(nil, id, f)...); err != nil {
			return 0, bina.Wrap(err, "insert follow-up")
		}
	}
	return id, nil
}
