package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"strconv"
	"time"

	"bina"
)

const participantSelect = `SELECT pp.id, pp.programme_id, pp.enterprise_id, e.name, p.name, p.phone, e.village_code,
	pp.state, pp.source, pp.reached_on, pp.invited_at, pp.notes, pp.created_at, pp.updated_at, pp.version
FROM programme_participants pp JOIN enterprises e ON e.id = pp.enterprise_id JOIN persons p ON p.id = e.owner_id`

// scanParticipant reads a row of participantSelect, masking the phone for
// a or else giving the invitation link of programme g.
func scanParticipant(sc scanner, a actor, g *coaching.Programme) (*coaching.Participant, error) {
	var (
		x       coaching.Participant
		village string
		invited sql.NullTime
	)
	err := sc.Scan(&x.ID, &x.ProgrammeID, &x.EnterpriseID, &x.Enterprise, &x.OwnerName, &x.Phone, &village,
		&x.State, &x.Source, &x.ReachedOn, &invited, &x.Notes, &x.CreatedAt, &x.UpdatedAt, &x.Version)
	if err != nil {
		return nil, err
	}
	x.VillageCode = bina.RegionCode(village)
	x.InvitedAt = timePtr(invited)
	x.CreatedAt, x.UpdatedAt = x.CreatedAt.UTC(), x.UpdatedAt.UTC()
	x.Phone, x.InviteURL = invitation(a, g, x.Phone, x.OwnerName, x.Enterprise)
	return &x, nil
}

// invitation returns the phone as a may see it and, when a sees it, the
// WhatsApp invitation to programme g.
func invitation(a actor, g *coaching.Programme, phone, owner, business string) (string, string) {
	if a.masked() {
		return bina.Mask(phone), ""
	}
	link, _ := bina.WhatsAppLink(phone, g.InvitationText(owner, business))
	return phone, link
}

func errParticipantNotFound() error {
	return notFoundf("Peserta tidak ditemukan", "Participant not found")
}

// ListParticipants returns one page of a programme's participants inside
// the actor's region, by business name.
func (s *Store) ListParticipants(ctx context.Context, programmeID int64, f coaching.ParticipantFilter) (bina.Page[coaching.Participant], error) {
	var page bina.Page[coaching.Participant]
	a, offset, err := s.openList(ctx, f.Cursor)
	if err != nil {
		return page, err
	}
	if f.State != "" && !coaching.ParticipantStates.Has(f.State) {
		return page, invalidFilter("state", f.State)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 25
	}
	limit = min(limit, 1000)
	err = s.read(ctx, func(tx *sql.Tx) error {
		g, err := s.loadProgramme(ctx, tx, a, programmeID, false)
		if err != nil {
			return err
		}
		var p params
		conds := []string{"pp.programme_id = " + p.add(programmeID)}
		if f.State != "" {
			conds = append(conds, "pp.state = "+p.add(f.State))
		}
		conds = s.regionCond(conds, &p, "e", a.scope)
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM programme_participants pp JOIN enterprises e ON e.id = pp.enterprise_id`+where(conds), p.args...).Scan(&page.Total); err != nil {
			return bina.Wrap(err, "count participants")
		}
		page.Items, err = collect(ctx, tx, participantSelect+where(conds)+` ORDER BY e.sort_name, pp.id LIMIT `+p.add(limit+1)+` OFFSET `+p.add(offset), p.args,
			func(sc scanner) (*coaching.Participant, error) { return scanParticipant(sc, a, g) })
		return bina.Wrap(err, "list participants")
	})
	if err != nil {
		return bina.Page[coaching.Participant]{}, err
	}
	finishOffsetPage(&page, offset, limit)
	return page, nil
}

// loadParticipant reads participant id as a sees it.
func (s *Store) loadParticipant(ctx context.Context, q querier, a actor, g *coaching.Programme, id int64) (*coaching.Participant, error) {
	x, err := scanParticipant(q.QueryRowContext(ctx, participantSelect+` WHERE pp.id = $1`, id), a, g)
	if err == sql.ErrNoRows {
		return nil, errParticipantNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "load participant")
	}
	if !a.sees(x.VillageCode) {
		return nil, errParticipantNotFound()
	}
	return x, nil
}

// openProgramme locks programme id for a change of its participants.
// Errors: NotFound, Conflict (archived).
func (s *Store) openProgramme(ctx context.Context, tx *sql.Tx, a actor, id int64) (*coaching.Programme, error) {
	g, err := s.loadProgramme(ctx, tx, a, id, true)
	if err != nil {
		return nil, err
	}
	if g.ArchivedAt != nil {
		return nil, bina.Errorf(bina.Conflict, "Program ini sudah diarsipkan; pesertanya tidak dapat diubah", "This programme is archived; its participants cannot be changed")
	}
	return g, nil
}

// enrolTx adds one business to programme g. Errors: NotFound (no such
// business in the actor's region), Invalid (archived, already enrolled).
func (s *Store) enrolTx(ctx context.Context, tx *sql.Tx, a actor, g *coaching.Programme, e coaching.Enrolment, invited *time.Time, now time.Time) (int64, error) {
	var (
		name, village string
		archived      sql.NullTime
	)
	err := tx.QueryRowContext(ctx, `SELECT name, village_code, archived_at FROM enterprises WHERE id = $1`, e.EnterpriseID).Scan(&name, &village, &archived)
	if err == sql.ErrNoRows || err == nil && !a.sees(bina.RegionCode(village)) {
		return 0, notFoundf("Usaha nomor "+strconv.FormatInt(e.EnterpriseID, 10)+" tidak ditemukan", "Enterprise "+strconv.FormatInt(e.EnterpriseID, 10)+" not found")
	}
	if err != nil {
		return 0, bina.Wrap(err, "enrol")
	}
	if archived.Valid {
		return 0, invalidField("enterprise_id", "Usaha %q sudah diarsipkan; pulihkan dulu sebelum mendaftarkannya", "Enterprise %q is archived; restore it before enrolling it", name)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM programme_participants WHERE programme_id = $1 AND enterprise_id = $2`, g.ID, e.EnterpriseID).Scan(&n); err != nil {
		return 0, bina.Wrap(err, "enrol")
	}
	alreadyIn := invalidField("enterprise_id", "Usaha %q sudah terdaftar di program ini", "Enterprise %q is already enrolled in this programme", name)
	if n > 0 {
		return 0, alreadyIn
	}
	var reached bina.Date
	if coaching.ReachedState(e.State) {
		reached = reachedOn(e.ReachedOn, bina.Date{}, g)
	}
	var id int64
	id, err = s.insertParticipant(ctx, tx, g.ID, e, reached, invited, now)
	if s.d.isUnique(err) {
		return 0, alreadyIn
	}
	if err != nil {
		return 0, bina.Wrap(err, "enrol")
	}
	return id, s.record(ctx, tx, coaching.EntityProgramme, g.ID, now, a.name(), actionUpdate,
		[]bina.Change{{Field: participantField(e.EnterpriseID), After: e.State}})
}

// participantField names a participant's state in the programme's history.
func participantField(enterpriseID int64) string {
	return "participant." + strconv.FormatInt(enterpriseID, 10)
}

// reachedOn is the day a participant was reached: the day given, else the
// day already recorded, else the programme's last day.
func reachedOn(given, recorded bina.Date, g *coaching.Programme) bina.Date {
	switch {
	case !given.IsZero():
		return given
	case !recorded.IsZero():
		return recorded
	}
	return g.EndsOn
}

// Enrol adds businesses to a programme, all or none.
func (s *Store) Enrol(ctx context.Context, programmeID int64, es []coaching.Enrolment) (coaching.Enrolled, error) {
	var out coaching.Enrolled
	a, err := s.actorOf(ctx)
	if err != nil {
		return out, err
	}
	if err := a.requireEdit(); err != nil {
		return out, err
	}
	if len(es) == 0 || len(es) > 1000 {
		return out, invalidField("enterprise_id", "Pilih 1 sampai 1000 usaha", "Choose 1 to 1000 businesses")
	}
	seen := map[int64]bool{}
	for i := range es {
		es[i].Normalize()
		if err := es[i].Validate(); err != nil {
			return out, err
		}
		if seen[es[i].EnterpriseID] {
			return out, invalidField("enterprise_id", "Usaha nomor %d dipilih dua kali", "Enterprise %d is chosen twice", es[i].EnterpriseID)
		}
		seen[es[i].EnterpriseID] = true
	}
	now := s.now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		g, err := s.openProgramme(ctx, tx, a, programmeID)
		if err != nil {
			return err
		}
		ids := make([]int64, 0, len(es))
		enterprises := make([]int64, 0, len(es))
		for _, e := range es {
			id, err := s.enrolTx(ctx, tx, a, g, e, nil, now)
			if err != nil {
				return err
			}
			ids = append(ids, id)
			enterprises = append(enterprises, e.EnterpriseID)
		}
		if err := s.refreshReach(ctx, tx, enterprises...); err != nil {
			return err
		}
		if out.Warnings, err = quotaWarning(ctx, tx, g); err != nil {
			return err
		}
		for _, id := range ids {
			x, err := s.loadParticipant(ctx, tx, a, g, id)
			if err != nil {
				return err
			}
			out.Items = append(out.Items, *x)
		}
		return nil
	})
	if err != nil {
		return coaching.Enrolled{}, err
	}
	return out, nil
}

// quotaWarning warns when programme g has more participants (not
// withdrawn) than its quota.
func quotaWarning(ctx context.Context, tx *sql.Tx, g *coaching.Programme) ([]bina.Text, error) {
	if g.Quota == 0 {
		return nil, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM programme_participants WHERE programme_id = $1 AND state <> 'withdrawn'`, g.ID).Scan(&n); err != nil {
		return nil, bina.Wrap(err, "count participants")
	}
	if n <= g.Quota {
		return nil, nil
	}
	return []bina.Text{{
		ID: "Peserta (" + strconv.Itoa(n) + ") melebihi kuota program (" + strconv.Itoa(g.Quota) + ")",
		EN: "Participants (" + strconv.Itoa(n) + ") exceed the programme's quota (" + strconv.Itoa(g.Quota) + ")",
	}}, nil
}

// programmeOfParticipant returns the programme of participant id.
func programmeOfParticipant(ctx context.Context, tx *sql.Tx, id int64) (int64, error) {
	var g int64
	err := tx.QueryRowContext(ctx, `SELECT programme_id FROM programme_participants WHERE id = $1`, id).Scan(&g)
	if err == sql.ErrNoRows {
		return 0, errParticipantNotFound()
	}
	return g, bina.Wrap(err, "load participant")
}

// SetParticipantState moves a participant to state.
func (s *Store) SetParticipantState(ctx context.Context, participantID int64, state string, on bina.Date) (*coaching.Participant, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.requireEdit(); err != nil {
		return nil, err
	}
	if !coaching.ParticipantStates.Has(state) {
		return nil, invalidField("state", "Status peserta %q tidak dikenal", "Unknown participant state %q", state)
	}
	now := s.now()
	var out *coaching.Participant
	err = s.write(ctx, func(tx *sql.Tx) error {
		gid, err := programmeOfParticipant(ctx, tx, participantID)
		if err != nil {
			return err
		}
		g, err := s.openProgramme(ctx, tx, a, gid)
		if err != nil {
			return err
		}
		old, err := s.loadParticipant(ctx, tx, a, g, participantID)
		if err != nil {
			return err
		}
		if old.State != state && !coaching.CanMoveParticipant(old.State, state) {
			return invalidField("state", "Status peserta tidak dapat diubah dari %q menjadi %q", "A participant cannot move from %q to %q",
				coaching.ParticipantStates.Label(old.State, "id"), coaching.ParticipantStates.Label(state, "id"))
		}
		var reached bina.Date
		if coaching.ReachedState(state) {
			reached = reachedOn(on, old.ReachedOn, g)
		}
		_, err = tx.ExecContext(ctx, `UPDATE programme_participants SET state = $1, reached_on = $2, updated_at = $3, version = version + 1 WHERE id = $4`,
			state, reached, now, participantID)
		if err != nil {
			return bina.Wrap(err, "set participant state")
		}
		if err := s.refreshReach(ctx, tx, old.EnterpriseID); err != nil {
			return err
		}
		if err := s.record(ctx, tx, coaching.EntityProgramme, g.ID, now, a.name(), actionUpdate,
			[]bina.Change{{Field: participantField(old.EnterpriseID), Before: old.State, After: state}}); err != nil {
			return err
		}
		out, err = s.loadParticipant(ctx, tx, a, g, participantID)
		return err
	})
	return out, err
}

// MarkInvited records that a business was invited to a programme.
func (s *Store) MarkInvited(ctx context.Context, programmeID, enterpriseID int64) (*coaching.Participant, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.requireEdit(); err != nil {
		return nil, err
	}
	now := s.now()
	var out *coaching.Participant
	err = s.write(ctx, func(tx *sql.Tx) error {
		g, err := s.openProgramme(ctx, tx, a, programmeID)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM programme_participants WHERE programme_id = $1 AND enterprise_id = $2`, programmeID, enterpriseID).Scan(&id)
		switch {
		case err == sql.ErrNoRows:
			e := coaching.Enrolment{EnterpriseID: enterpriseID}
			e.Normalize()
			if id, err = s.enrolTx(ctx, tx, a, g, e, &now, now); err != nil {
				return err
			}
		case err != nil:
			return bina.Wrap(err, "mark invited")
		default:
			if _, err := s.loadParticipant(ctx, tx, a, g, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE programme_participants SET invited_at = $1, updated_at = $1, version = version + 1 WHERE id = $2`, now, id); err != nil {
				return bina.Wrap(err, "mark invited")
			}
		}
		out, err = s.loadParticipant(ctx, tx, a, g, id)
		return err
	})
	return out, err
}

// participantColumns are the columns participantValues gives.
var participantColumns = []string{"programme_id", "enterprise_id", "state", "reached_on", "source", "invited_at", "notes", "created_at", "updated_at", "version"}

func participantValues(dst []any, programmeID int64, e coaching.Enrolment, reached bina.Date, invited *time.Time, now time.Time) []any {
	return append(dst, programmeID, e.EnterpriseID, e.State, reached, e.Source, timeArg(invited), e.Notes, now, now, 1)
}

// insertParticipant writes one participant row of programme programmeID.
func (s *Store) insertParticipant(ctx context.Context, tx *sql.Tx, programmeID int64, e coaching.Enrolment, reached bina.Date, invited *time.Time, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.d.insertSQL("programme_participants", participantColumns, nil, 1)+" RETURNING id",
		participantValues(nil, programmeID, e, reached, invited, now)...).Scan(&id)
	return id, err
}

// ParticipationsOf returns the programmes enterpriseID is in, the most
// recent first, archived programmes included (the business did take part).
func (s *Store) ParticipationsOf(ctx context.Context, enterpriseID int64) ([]coaching.Participation, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []coaching.Participation
	err = s.read(ctx, func(tx *sql.Tx) error {
		if _, _, err := s.enterpriseOf(ctx, tx, a, enterpriseID); err != nil {
			return err
		}
		out, err = participations(ctx, tx, enterpriseID)
		return bina.Wrap(err, "list participations")
	})
	return out, err
}

// participations reads the programmes enterpriseID is in, the most recent
// first.
func participations(ctx context.Context, tx *sql.Tx, enterpriseID int64) ([]coaching.Participation, error) {
	return collect(ctx, tx, `SELECT pp.id, g.id, g.name, g.year, g.kind, g.starts_on, pp.state, pp.reached_on
FROM programme_participants pp JOIN programmes g ON g.id = pp.programme_id
WHERE pp.enterprise_id = $1 ORDER BY g.starts_on DESC, g.id DESC`, []any{enterpriseID}, func(sc scanner) (*coaching.Participation, error) {
		var x coaching.Participation
		return &x, sc.Scan(&x.ParticipantID, &x.ProgrammeID, &x.Programme, &x.Year, &x.Kind, &x.StartsOn, &x.State, &x.ReachedOn)
	})
}
