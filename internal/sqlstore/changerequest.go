package sqlstore

import (
	"bina/supervision"
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"bina"
)

// Change requests (see supervision.ChangeRequestService): a board proposes, the
// office decides; an approval goes through updateCooperativeTx, the same
// path as a form's update, so the history records it.

func errChangeRequestNotFound() error {
	return notFoundf("Usulan perubahan tidak ditemukan", "Change request not found")
}

const changeRequestSelect = `SELECT r.id, r.cooperative_id, c.name, c.village_code, r.base_version, r.proposed, r.changes, r.note, r.state,
	r.created_by, r.created_at, r.decided_by, r.decided_at, r.decision_note
FROM change_requests r JOIN cooperatives c ON c.id = r.cooperative_id`

// scanChangeRequest reads a row of changeRequestSelect and the village of
// its cooperative.
func scanChangeRequest(sc scanner) (*supervision.ChangeRequest, bina.RegionCode, error) {
	var (
		r                 supervision.ChangeRequest
		village, state    string
		proposed, changes string
		decided           sql.NullTime
	)
	if err := sc.Scan(&r.ID, &r.CooperativeID, &r.CooperativeName, &village, &r.BaseVersion, &proposed, &changes, &r.Note, &state,
		&r.CreatedBy, &r.CreatedAt, &r.DecidedBy, &decided, &r.DecisionNote); err != nil {
		return nil, "", err
	}
	if err := json.Unmarshal([]byte(proposed), &r.Proposed); err != nil {
		return nil, "", err
	}
	if err := json.Unmarshal([]byte(changes), &r.Changes); err != nil {
		return nil, "", err
	}
	r.State, r.CreatedAt, r.DecidedAt = supervision.ChangeState(state), r.CreatedAt.UTC(), timePtr(decided)
	return &r, bina.RegionCode(village), nil
}

// maskChangeRequest hides the officers' phones from actors who may not
// see personal data.
func maskChangeRequest(r *supervision.ChangeRequest) {
	officers := make([]bina.Officer, len(r.Proposed.Officers))
	copy(officers, r.Proposed.Officers)
	for i := range officers {
		officers[i].Phone = bina.Mask(officers[i].Phone)
	}
	r.Proposed.Officers = officers
	for i := range r.Changes {
		if r.Changes[i].Field == "officers" {
			r.Changes[i].Before, r.Changes[i].After = maskPhoneDigits(r.Changes[i].Before), maskPhoneDigits(r.Changes[i].After)
		}
	}
}

// ProposeChange stores a pending request of the actor's board.
func (s *Store) ProposeChange(ctx context.Context, cooperativeID int64, p supervision.CooperativeProposal, note string) (*supervision.ChangeRequest, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if !a.partner() {
		return nil, bina.Errorf(bina.Forbidden, "Usulan perubahan diajukan oleh pengurus koperasi; staf mengubah data langsung", "Change requests come from a cooperative's board; staff change the record directly")
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > 2000 {
		return nil, invalidField("note", "Keterangan paling panjang 2000 huruf", "The note is at most 2000 characters")
	}
	now := s.now()
	var out *supervision.ChangeRequest
	err = s.write(ctx, func(tx *sql.Tx) error {
		old, err := s.lockCooperative(ctx, tx, a, cooperativeID, now)
		if err != nil {
			return err
		}
		if old.ArchivedAt != nil {
			return errCooperativeNotFound()
		}
		x := *old
		p.Apply(&x)
		x.Normalize()
		if err := s.prepareCooperative(ctx, tx, &x); err != nil {
			return err
		}
		proposed := supervision.ProposalOf(&x)
		changes := supervision.ProposalChanges(old, proposed)
		if len(changes) == 0 {
			return invalidField("proposal", "Tidak ada yang berubah dibanding data sekarang", "Nothing differs from the current record")
		}
		for i := range changes {
			changes[i].At, changes[i].UserName = now, a.name()
		}
		pj, err := json.Marshal(proposed)
		if err != nil {
			return bina.Wrap(err, "encode proposal")
		}
		cj, err := json.Marshal(changes)
		if err != nil {
			return bina.Wrap(err, "encode changes")
		}
		r := supervision.ChangeRequest{CooperativeID: old.ID, CooperativeName: old.Name, BaseVersion: old.Version, Proposed: proposed, Changes: changes,
			Note: note, State: supervision.ChangePending, CreatedBy: a.name(), CreatedAt: now}
		err = tx.QueryRowContext(ctx, `INSERT INTO change_requests (cooperative_id, base_version, proposed, changes, note, state, created_by, created_by_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, r.CooperativeID, r.BaseVersion, string(pj), string(cj), r.Note, string(r.State), r.CreatedBy, a.user.ID, now).Scan(&r.ID)
		if s.d.isUnique(err) {
			return bina.Errorf(bina.Conflict, "Masih ada usulan yang menunggu verifikasi dinas; tunggu keputusannya dulu", "A request is still waiting for the office; wait for its decision first")
		}
		if err != nil {
			return bina.Wrap(err, "store change request")
		}
		out = &r
		return nil
	})
	return out, err
}

// FindChangeRequest returns one request the actor reaches.
func (s *Store) FindChangeRequest(ctx context.Context, id int64) (*supervision.ChangeRequest, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out *supervision.ChangeRequest
	err = s.read(ctx, func(tx *sql.Tx) error {
		r, village, err := scanChangeRequest(tx.QueryRowContext(ctx, changeRequestSelect+` WHERE r.id = $1`, id))
		if err == sql.ErrNoRows || (err == nil && !a.seesCooperative(r.CooperativeID, village)) {
			return errChangeRequestNotFound()
		}
		out = r
		return bina.Wrap(err, "find change request")
	})
	if err == nil && a.masked() {
		maskChangeRequest(out)
	}
	return out, err
}

// ListChangeRequests returns the requests the actor reaches, newest first.
func (s *Store) ListChangeRequests(ctx context.Context, f supervision.ChangeRequestFilter) ([]supervision.ChangeRequest, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if f.State != "" && !supervision.ChangeStates.Has(string(f.State)) {
		return nil, invalidFilter("state", string(f.State))
	}
	var p params
	var conds []string
	if a.partner() {
		conds = append(conds, "c.id = "+p.add(a.cooperative))
	} else {
		conds = s.regionCond(conds, &p, "c", a.scope)
	}
	if f.CooperativeID != 0 {
		conds = append(conds, "r.cooperative_id = "+p.add(f.CooperativeID))
	}
	if f.State != "" {
		conds = append(conds, "r.state = "+p.add(string(f.State)))
	}
	query := changeRequestSelect + where(conds) + ` ORDER BY r.id DESC LIMIT ` + p.add(pageLimit(f.Limit))
	var out []supervision.ChangeRequest
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, p.args...)
		if err != nil {
			return bina.Wrap(err, "list change requests")
		}
		defer rows.Close()
		for rows.Next() {
			r, _, err := scanChangeRequest(rows)
			if err != nil {
				return bina.Wrap(err, "list change requests")
			}
			if a.masked() {
				maskChangeRequest(r)
			}
			out = append(out, *r)
		}
		return bina.Wrap(rows.Err(), "list change requests")
	})
	return out, err
}

// errDrifted says which proposed fields someone changed meanwhile.
func errDrifted(fields []string) error {
	var id, en []string
	for _, f := range fields {
		l := supervision.ProposalLabel(f)
		id, en = append(id, l.ID), append(en, l.EN)
	}
	return &bina.Error{Code: bina.Conflict, Message: bina.Text{
		ID: "Data koperasi telah berubah sejak usulan ini dibuat (" + strings.Join(id, ", ") + "); tolak usulan ini dan minta pengurus mengajukan lagi",
		EN: "The cooperative changed since this request was made (" + strings.Join(en, ", ") + "); reject it and ask the board to propose again"}}
}

// DecideChangeRequest approves or rejects a pending request in one
// transaction: the request row and the cooperative are locked, an
// approval applies the proposal over the current record through the
// normal update (history, version) when neither the version the decider
// saw nor the proposed fields have changed meanwhile.
func (s *Store) DecideChangeRequest(ctx context.Context, id int64, approve bool, version int, note string) (*supervision.ChangeRequest, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.requireEdit(); err != nil {
		return nil, err
	}
	note = strings.TrimSpace(note)
	now := s.now()
	var out *supervision.ChangeRequest
	err = s.write(ctx, func(tx *sql.Tx) error {
		var locked int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM change_requests WHERE id = $1`+s.d.forUpdate, id).Scan(&locked)
		var r *supervision.ChangeRequest
		var village bina.RegionCode
		if err == nil {
			r, village, err = scanChangeRequest(tx.QueryRowContext(ctx, changeRequestSelect+` WHERE r.id = $1`, id))
		}
		if err == sql.ErrNoRows || (err == nil && !a.seesCooperative(r.CooperativeID, village)) {
			return errChangeRequestNotFound()
		}
		if err != nil {
			return bina.Wrap(err, "find change request")
		}
		if err := r.CheckDecision(approve, note); err != nil {
			return err
		}
		if approve {
			if err := s.applyChangeRequest(ctx, tx, a, r, version, now); err != nil {
				return err
			}
		}
		r.State, r.DecidedBy, r.DecidedAt, r.DecisionNote = supervision.ChangeRejected, a.name(), &now, note
		if approve {
			r.State = supervision.ChangeApproved
		}
		res, err := tx.ExecContext(ctx, `UPDATE change_requests SET state = $1, decided_by = $2, decided_at = $3, decision_note = $4 WHERE id = $5 AND state = $6`,
			string(r.State), r.DecidedBy, now, note, id, string(supervision.ChangePending))
		if err != nil {
			return bina.Wrap(err, "decide change request")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return bina.Errorf(bina.Conflict, "Usulan ini sudah diputuskan", "This request has been decided already")
		}
		out = r
		return nil
	})
	return out, err
}

// applyChangeRequest writes an approved proposal over the locked record.
func (s *Store) applyChangeRequest(ctx context.Context, tx *sql.Tx, a actor, r *supervision.ChangeRequest, version int, now time.Time) error {
	old, err := s.lockCooperative(ctx, tx, a, r.CooperativeID, now)
	if err != nil {
		return err
	}
	if old.ArchivedAt != nil {
		return bina.Errorf(bina.Conflict, "Koperasi ini sudah diarsipkan; pulihkan dulu sebelum menyetujui usulan", "This cooperative is archived; restore it before approving")
	}
	if version != 0 && version != old.Version {
		return bina.Errorf(bina.Conflict, "Data koperasi berubah sejak halaman ini dibuka; periksa lagi perbedaannya lalu putuskan", "The cooperative changed since this page was opened; check the differences again, then decide")
	}
	if old.Version != r.BaseVersion {
		if drift := supervision.Drifted(old, r.Changes); len(drift) > 0 {
			return errDrifted(drift)
		}
	}
	x := *old
	r.Proposed.Apply(&x)
	x.Normalize()
	if err := s.prepareCooperative(ctx, tx, &x); err != nil {
		return err
	}
	_, err = s.updateCooperativeTx(ctx, tx, old, &x, now, a.name())
	return err
}
