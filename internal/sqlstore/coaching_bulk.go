package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"maps"
	"slices"

	"bina"
)

// CoachingRecords are an office's coaching records loaded at once by
// BulkLoadCoaching: the demo's story, or a migration from the spreadsheets
// an office kept before Bina. A certificate or milestone that names a
// programme of Programmes points at that programme's ID member
// (&Programmes[i].ID), which the load fills in before it writes them.
type CoachingRecords struct {
	Programmes []coaching.Programme
	// Participants are the enrolments of each programme, in the order of
	// Programmes.
	Participants [][]coaching.Enrolment
	// Sessions keep their OfficerID and Officer: who coached.
	Sessions     []coaching.CoachingSession
	Certificates []coaching.Certificate
	Milestones   []coaching.Milestone
	// Caseload assigns enterprises (keys) to field officers (values).
	Caseload map[int64]int64
}

// BulkLoadCoaching validates every record of r, then writes them all in
// one transaction and brings the reach and binaan of every enterprise they
// name up to date once at the end, instead of after each record as the
// services do. It is for administrators. Errors: Invalid (naming the first
// bad record), Forbidden.
func (s *Store) BulkLoadCoaching(ctx context.Context, r *CoachingRecords) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya administrator yang dapat memuat data massal", "Only administrators may bulk load")
	}
	now := s.now()
	today := coaching.LatestToday(now)
	if len(r.Participants) > len(r.Programmes) {
		return bina.Errorf(bina.Invalid, "Peserta tanpa program", "Participants without a programme")
	}
	for i := range r.Programmes {
		g := &r.Programmes[i]
		g.Normalize()
		if err := g.Validate(s.ref); err != nil {
			return bulkInvalid(err, "Program ke-%d (%s)", "Programme %d (%s)", i+1, g.Name)
		}
	}
	for i := range r.Participants {
		for j := range r.Participants[i] {
			e := &r.Participants[i][j]
			e.Normalize()
			if err := e.Validate(); err != nil {
				return bulkInvalid(err, "Peserta ke-%d program %s", "Participant %d of %s", j+1, r.Programmes[i].Name)
			}
		}
	}
	for i := range r.Sessions {
		x := &r.Sessions[i]
		x.Normalize()
		if err := x.Validate(today); err != nil {
			return bulkInvalid(err, "Sesi pendampingan ke-%d (%s)", "Coaching session %d (%s)", i+1, x.UUID)
		}
	}
	touched := map[int64]bool{}
	return s.write(ctx, func(tx *sql.Tx) error {
		if s.d.sequences {
			// Session ids are given out here, for their follow-ups.
			if _, err := tx.ExecContext(ctx, `LOCK TABLE coaching_sessions IN SHARE ROW EXCLUSIVE MODE`); err != nil {
				return bina.Wrap(err, "lock sessions")
			}
		}
		type participant struct {
			programme int64
			e         coaching.Enrolment
			reached   bina.Date
		}
		var parts []participant
		for i := range r.Programmes {
			g := &r.Programmes[i]
			vals, err := programmeValues(g)
			if err != nil {
				return err
			}
			var p params
			q := `INSERT INTO programmes (` + programmeColumns + `, created_at, updated_at, version) VALUES (` + p.list(append(vals, now, now, 1)...) + `) RETURNING id`
			if err := tx.QueryRowContext(ctx, q, p.args...).Scan(&g.ID); err != nil {
				return bina.Wrap(err, "load programme")
			}
			if err := writeActivities(ctx, tx, g); err != nil {
				return err
			}
			if i >= len(r.Participants) {
				continue
			}
			for _, e := range r.Participants[i] {
				var reached bina.Date
				if coaching.ReachedState(e.State) {
					reached = reachedOn(e.ReachedOn, bina.Date{}, g)
				}
				parts = append(parts, participant{g.ID, e, reached})
				touched[e.EnterpriseID] = true
			}
		}
		err := s.bulkInsert(ctx, tx, "programme_participants", participantColumns, nil, len(parts), func(i int, dst []any) []any {
			return participantValues(dst, parts[i].programme, parts[i].e, parts[i].reached, nil, now)
		})
		if err != nil {
			return err
		}

		first, err := nextID(ctx, tx, "coaching_sessions")
		if err != nil {
			return err
		}
		type followUp struct {
			session int64
			f       coaching.FollowUp
		}
		var fus []followUp
		for i := range r.Sessions {
			x := &r.Sessions[i]
			x.ID = first + int64(i)
			for _, f := range x.FollowUps {
				fus = append(fus, followUp{x.ID, f})
			}
			touched[x.EnterpriseID] = true
		}
		err = s.bulkInsert(ctx, tx, "coaching_sessions", append([]string{"id"}, sessionColumns...), nil, len(r.Sessions), func(i int, dst []any) []any {
			x := &r.Sessions[i]
			var officer any
			if x.OfficerID != 0 {
				officer = x.OfficerID
			}
			return sessionValues(append(dst, x.ID), x, officer, x.Officer, now)
		})
		if err != nil {
			return err
		}
		if err := s.bulkInsert(ctx, tx, "coaching_followups", followUpColumns, nil, len(fus), func(i int, dst []any) []any {
			return followUpValues(dst, fus[i].session, fus[i].f)
		}); err != nil {
			return err
		}
		if s.d.sequences {
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('coaching_sessions', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM coaching_sessions), false)`); err != nil {
				return bina.Wrap(err, "advance session ids")
			}
		}

		// Certificates and milestones are checked once the programmes they
		// name have their ids.
		for i := range r.Certificates {
			c := &r.Certificates[i]
			c.Normalize()
			if err := c.Validate(now); err != nil {
				return bulkInvalid(err, "Sertifikat ke-%d (%s)", "Certificate %d (%s)", i+1, c.Number)
			}
		}
		if err := s.bulkInsert(ctx, tx, "certificates", certificateColumns, nil, len(r.Certificates), func(i int, dst []any) []any {
			return certificateValues(dst, &r.Certificates[i], now)
		}); err != nil {
			return err
		}
		for i := range r.Milestones {
			m := &r.Milestones[i]
			m.Normalize()
			if m.RecordedBy == "" {
				m.RecordedBy = a.name()
			}
			if err := m.Validate(now); err != nil {
				return bulkInvalid(err, "Capaian ke-%d (%s)", "Milestone %d (%s)", i+1, m.UUID)
			}
		}
		if err := s.bulkInsert(ctx, tx, "milestones", milestoneColumns, nil, len(r.Milestones), func(i int, dst []any) []any {
			return milestoneValues(dst, &r.Milestones[i], now)
		}); err != nil {
			return err
		}
		if err := s.countBulkPembinaan(ctx, tx, r.Certificates, r.Milestones); err != nil {
			return err
		}
		cases := slices.Sorted(maps.Keys(r.Caseload))
		if err := s.bulkInsert(ctx, tx, "caseload", []string{"enterprise_id", "officer_id", "assigned_at"}, nil, len(cases), func(i int, dst []any) []any {
			return append(dst, cases[i], r.Caseload[cases[i]], now)
		}); err != nil {
			return err
		}
		return s.refreshReach(ctx, tx, slices.Collect(maps.Keys(touched))...)
	})
}
