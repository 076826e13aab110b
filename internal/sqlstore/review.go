package sqlstore

import (
	"bina/imports"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"time"

	"bina"
)

// The review queue of imports: rows that resemble a record of the register
// or an earlier row of their file, and rows whose desa could not be placed.
// Nothing of such a row is written to the register until a person decides:
// merge chosen fields into the candidate, keep the row as a record of its
// own, or skip it. Every decision can be undone: a merge writes the old
// values back (as new history rows), a kept record is archived with the
// reason "undo". The row's import key follows the decision, so that
// importing the same file again does not bring the row back.

// reviewUndo is what a resolution needs to be reversed.
type reviewUndo struct {
	RecordID          int64             `json:"record_id"`
	Version           int               `json:"version"` // the record's version right after the resolution
	Fields            []string          `json:"fields,omitempty"`
	Before            *bina.Enterprise  `json:"before,omitempty"`
	BeforeCooperative *bina.Cooperative `json:"before_cooperative,omitempty"`
}

const reviewSelect = `SELECT r.id, r.import_id, r.line, r.entity, r.kind, r.state, r.reason_id, r.reason_en, r.incoming, r.candidate_id, r.regions,
	r.record_id, r.resolved_by, r.resolved_at, r.source, r.row_key, r.content_hash, r.undo, i.scope
FROM import_reviews r JOIN imports i ON i.id = r.import_id`

// reviewRecord is a review item with what the store keeps beside it.
type reviewRecord struct {
	imports.ReviewItem
	source, key string
	hash        int64
	undo        string
	scope       bina.RegionCode
}

func scanReview(sc scanner) (*reviewRecord, error) {
	var (
		r                 reviewRecord
		incoming, regions string
		resolved          sql.NullTime
		scope             string
	)
	err := sc.Scan(&r.ID, &r.ImportID, &r.Line, &r.Entity, &r.Kind, &r.State, &r.Reason.ID, &r.Reason.EN, &incoming, &r.CandidateID, &regions,
		&r.RecordID, &r.ResolvedBy, &resolved, &r.source, &r.key, &r.hash, &r.undo, &scope)
	if err != nil {
		return nil, err
	}
	r.ResolvedAt, r.scope = timePtr(resolved), bina.RegionCode(scope)
	if r.Entity == bina.EntityCooperative {
		r.IncomingCooperative = &bina.Cooperative{}
		err = json.Unmarshal([]byte(incoming), r.IncomingCooperative)
	} else {
		err = json.Unmarshal([]byte(incoming), &r.Incoming)
	}
	if err == nil {
		err = json.Unmarshal([]byte(regions), &r.Regions)
	}
	return &r, err
}

func errReviewNotFound() error {
	return notFoundf("Butir tinjauan tidak ditemukan", "Review item not found")
}

// ReviewItems lists review items, oldest first, in the actor's area.
func (s *Store) ReviewItems(ctx context.Context, f imports.Filter) (bina.Page[imports.ReviewItem], error) {
	var page bina.Page[imports.ReviewItem]
	a, err := s.requireImporter(ctx)
	if err != nil {
		return page, err
	}
	var p params
	var conds []string
	if f.ImportID != 0 {
		conds = append(conds, "r.import_id = "+p.add(f.ImportID))
	}
	if f.State != "" {
		if !imports.ReviewStates.Has(f.State) {
			return page, invalidFilter("state", f.State)
		}
		conds = append(conds, "r.state = "+p.add(f.State))
	}
	if f.Kind != "" {
		if f.Kind != imports.ReviewDuplicate && f.Kind != imports.ReviewRegion {
			return page, invalidFilter("kind", f.Kind)
		}
		conds = append(conds, "r.kind = "+p.add(f.Kind))
	}
	if a.scope != s.root {
		lo, hi := a.scope.Range()
		conds = append(conds, "(i.scope = "+p.add(string(a.scope))+" OR (i.scope >= "+p.add(lo)+" AND i.scope < "+p.add(hi)+"))")
	}
	limit := pageLimit(f.Limit)
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM import_reviews r JOIN imports i ON i.id = r.import_id`+where(conds), p.args...).Scan(&page.Total); err != nil {
			return bina.Wrap(err, "count reviews")
		}
		q := reviewSelect + where(conds) + ` ORDER BY r.id LIMIT ` + p.add(limit) + ` OFFSET ` + p.add(max(f.Offset, 0))
		rows, err := tx.QueryContext(ctx, q, p.args...)
		if err != nil {
			return bina.Wrap(err, "list reviews")
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReview(rows)
			if err != nil {
				return bina.Wrap(err, "list reviews")
			}
			page.Items = append(page.Items, r.ReviewItem)
		}
		return bina.Wrap(rows.Err(), "list reviews")
	})
	return page, err
}

// ReviewItem returns one review item.
func (s *Store) ReviewItem(ctx context.Context, id int64) (*imports.ReviewItem, error) {
	a, err := s.requireImporter(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.loadReview(ctx, s.rdb, a, id, false)
	if err != nil {
		return nil, err
	}
	return &r.ReviewItem, nil
}

func (s *Store) loadReview(ctx context.Context, q querier, a actor, id int64, lock bool) (*reviewRecord, error) {
	query := reviewSelect + ` WHERE r.id = $1`
	if lock {
		query += s.d.forUpdate
	}
	r, err := scanReview(q.QueryRowContext(ctx, query, id))
	if err == sql.ErrNoRows {
		return nil, errReviewNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "load review")
	}
	if !a.scope.Contains(r.scope) {
		return nil, errReviewNotFound()
	}
	return r, nil
}

// ResolveReview applies a person's decision on an open review item.
func (s *Store) ResolveReview(ctx context.Context, id int64, res imports.Resolution) error {
	a, err := s.requireImporter(ctx)
	if err != nil {
		return err
	}
	switch res.Action {
	case "merge", "keep", "skip":
	default:
		return invalidField("action", "Pilih gabung, simpan terpisah atau lewati", "Choose merge, keep or skip")
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		r, err := s.loadReview(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if r.State != imports.ReviewOpen {
			return bina.Errorf(bina.Conflict, "Butir ini sudah diputuskan", "This item has been decided already")
		}
		var undo reviewUndo
		state := imports.ReviewSkipped
		switch res.Action {
		case "merge":
			state = imports.ReviewMerged
			undo, err = s.mergeReview(ctx, tx, a, r, res.Fields, now)
		case "keep":
			state = imports.ReviewKept
			undo, err = s.keepReview(ctx, tx, a, r, res.Village, now)
		}
		if err != nil {
			return err
		}
		if r.Entity == imports.EntityAttendance {
			if err := s.enrolReviewed(ctx, tx, r, undo.RecordID, now); err != nil {
				return err
			}
		}
		undoText := ""
		if undo.RecordID != 0 {
			undoText = jsonText(undo)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE import_reviews SET state = $1, record_id = $2, resolved_by = $3, resolved_at = $4, undo = $5 WHERE id = $6`,
			state, undo.RecordID, a.name(), now, undoText, id); err != nil {
			return bina.Wrap(err, "resolve review")
		}
		return s.setReviewKey(ctx, tx, r, undo.RecordID, 0)
	})
}

// setReviewKey points the row's import key at a record (merge, keep), at
// the review item (undo) or at nothing (skip).
func (s *Store) setReviewKey(ctx context.Context, tx *sql.Tx, r *reviewRecord, recordID, reviewID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE import_keys SET record_id = $1, review_id = $2 WHERE entity = $3 AND source = $4 AND key = $5`,
		nullID(recordID), nullID(reviewID), string(r.Entity), r.source, r.key)
	return bina.Wrap(err, "review key")
}

// mergeReview writes the chosen fields of the incoming record into the
// candidate, with history.
func (s *Store) mergeReview(ctx context.Context, tx *sql.Tx, a actor, r *reviewRecord, fields []string, now time.Time) (reviewUndo, error) {
	if r.CandidateID == 0 {
		return reviewUndo{}, invalidField("action", "Baris ini tidak punya data pembanding di register; pilih simpan terpisah atau lewati", "This row has no record in the register to merge into; choose keep or skip")
	}
	fields = slices.Compact(slices.Sorted(slices.Values(fields)))
	if r.Entity == bina.EntityCooperative {
		return s.mergeCooperative(ctx, tx, a, r, fields, now)
	}
	if r.Incoming.VillageCode == "" && slices.Contains(fields, "village_code") {
		return reviewUndo{}, invalidField("fields", "Desa baris ini belum diketahui; jangan ambil desanya", "This row's village is not known; do not take it")
	}
	old, err := s.lockEnterprise(ctx, tx, a, r.CandidateID)
	if err != nil {
		return reviewUndo{}, err
	}
	if old.ArchivedAt != nil {
		return reviewUndo{}, bina.Errorf(bina.Conflict, "UMKM #%d sudah diarsipkan", "Enterprise #%d is archived", old.ID)
	}
	x := *old
	x.KBLI, x.Sales = slices.Clone(old.KBLI), slices.Clone(old.Sales)
	if err := x.TakeFields(&r.Incoming, fields); err != nil {
		return reviewUndo{}, err
	}
	if err := s.prepareEnterprise(&x); err != nil {
		return reviewUndo{}, err
	}
	if !a.sees(x.VillageCode) {
		return reviewUndo{}, outOfScope(x.VillageCode)
	}
	if _, err := s.updateEnterpriseTx(ctx, tx, old, &x, now, a.name()); err != nil {
		return reviewUndo{}, err
	}
	return reviewUndo{RecordID: old.ID, Version: x.Version, Fields: fields, Before: old}, nil
}

func (s *Store) mergeCooperative(ctx context.Context, tx *sql.Tx, a actor, r *reviewRecord, fields []string, now time.Time) (reviewUndo, error) {
	old, err := s.lockCooperative(ctx, tx, a, r.CandidateID, now)
	if err != nil {
		return reviewUndo{}, err
	}
	if old.ArchivedAt != nil {
		return reviewUndo{}, bina.Errorf(bina.Conflict, "Koperasi #%d sudah diarsipkan", "Cooperative #%d is archived", old.ID)
	}
	if r.IncomingCooperative.VillageCode == "" && slices.Contains(fields, "village_code") {
		return reviewUndo{}, invalidField("fields", "Desa baris ini belum diketahui; jangan ambil desanya", "This row's village is not known; do not take it")
	}
	x := *old
	if err := x.TakeFields(r.IncomingCooperative, fields); err != nil {
		return reviewUndo{}, err
	}
	x.Normalize()
	if err := s.prepareCooperative(ctx, tx, &x); err != nil {
		return reviewUndo{}, err
	}
	if !a.sees(x.VillageCode) {
		return reviewUndo{}, outOfScope(x.VillageCode)
	}
	if _, err := s.updateCooperativeTx(ctx, tx, old, &x, now, a.name()); err != nil {
		return reviewUndo{}, err
	}
	return reviewUndo{RecordID: old.ID, Version: x.Version, Fields: fields, BeforeCooperative: old}, nil
}

// keepReview creates the incoming record as a record of its own, placed in
// village when the row's desa was not known.
func (s *Store) keepReview(ctx context.Context, tx *sql.Tx, a actor, r *reviewRecord, village bina.RegionCode, now time.Time) (reviewUndo, error) {
	if r.Entity == bina.EntityCooperative {
		x := *r.IncomingCooperative
		if village != "" {
			x.VillageCode = village
		}
		if x.VillageCode == "" {
			return reviewUndo{}, invalidField("village", "Pilih desanya", "Choose the village")
		}
		x.Normalize()
		if err := s.prepareCooperative(ctx, tx, &x); err != nil {
			return reviewUndo{}, err
		}
		if !a.sees(x.VillageCode) {
			return reviewUndo{}, outOfScope(x.VillageCode)
		}
		x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason, x.RATs, x.LastRATYear = now, now, 1, nil, "", nil, 0
		if err := s.insertCooperativeTx(ctx, tx, &x, now, a.name()); err != nil {
			return reviewUndo{}, err
		}
		return reviewUndo{RecordID: x.ID, Version: 1}, nil
	}
	x := r.Incoming
	if village != "" {
		x.VillageCode = village
	}
	if x.VillageCode == "" {
		return reviewUndo{}, invalidField("village", "Pilih desanya", "Choose the village")
	}
	if err := s.prepareEnterprise(&x); err != nil {
		return reviewUndo{}, err
	}
	if !a.sees(x.VillageCode) {
		return reviewUndo{}, outOfScope(x.VillageCode)
	}
	x.ID, x.Owner.ID = 0, 0
	x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason = now, now, 1, nil, ""
	if err := s.insertEnterprise(ctx, tx, &x, now); err != nil {
		return reviewUndo{}, err
	}
	if err := s.bumpEnterpriseCount(ctx, tx, &x); err != nil {
		return reviewUndo{}, err
	}
	if err := s.record(ctx, tx, bina.EntityEnterprise, x.ID, now, a.name(), actionCreate, []bina.Change{{After: x.Name}}); err != nil {
		return reviewUndo{}, err
	}
	return reviewUndo{RecordID: x.ID, Version: 1}, nil
}

// undoReason is the archive reason of a kept record whose decision was
// undone.
const undoReason = "undo"

// UndoReview reverses the decision on a review item and opens it again.
func (s *Store) UndoReview(ctx context.Context, id int64) error {
	a, err := s.requireImporter(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		r, err := s.loadReview(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if r.State == imports.ReviewOpen {
			return bina.Errorf(bina.Conflict, "Butir ini belum diputuskan", "This item has not been decided")
		}
		var undo reviewUndo
		if r.undo != "" {
			if err := json.Unmarshal([]byte(r.undo), &undo); err != nil {
				return bina.Wrap(err, "read undo")
			}
		}
		switch r.State {
		case imports.ReviewMerged:
			err = s.undoMerge(ctx, tx, a, r, undo, now)
		case imports.ReviewKept:
			err = s.undoKeep(ctx, tx, a, r, undo, now)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE import_reviews SET state = $1, record_id = 0, resolved_by = '', resolved_at = NULL, undo = '' WHERE id = $2`, imports.ReviewOpen, id); err != nil {
			return bina.Wrap(err, "undo review")
		}
		return s.setReviewKey(ctx, tx, r, 0, r.ID)
	})
}

func errRecordChanged() error {
	return bina.Errorf(bina.Conflict, "Data ini sudah diubah sejak keputusan itu; batalkan perubahannya dulu atau ubah langsung", "The record has changed since the decision; undo those changes first or edit it directly")
}

// undoMerge writes the merged fields' old values back, as new history rows.
func (s *Store) undoMerge(ctx context.Context, tx *sql.Tx, a actor, r *reviewRecord, undo reviewUndo, now time.Time) error {
	if r.Entity == bina.EntityCooperative {
		cur, err := s.lockCooperative(ctx, tx, a, undo.RecordID, now)
		if err != nil {
			return err
		}
		if cur.Version != undo.Version || cur.ArchivedAt != nil || undo.BeforeCooperative == nil {
			return errRecordChanged()
		}
		x := *cur
		if err := x.TakeFields(undo.BeforeCooperative, undo.Fields); err != nil {
			return err
		}
		x.Normalize()
		_, err = s.updateCooperativeTx(ctx, tx, cur, &x, now, a.name())
		return err
	}
	cur, err := s.lockEnterprise(ctx, tx, a, undo.RecordID)
	if err != nil {
		return err
	}
	if cur.Version != undo.Version || cur.ArchivedAt != nil || undo.Before == nil {
		return errRecordChanged()
	}
	x := *cur
	x.KBLI = slices.Clone(cur.KBLI)
	if err := x.TakeFields(undo.Before, undo.Fields); err != nil {
		return err
	}
	// Sales were merged year by year; the old list comes back whole.
	if slices.Contains(undo.Fields, "sales") {
		x.Sales = slices.Clone(undo.Before.Sales)
	}
	if err := s.prepareEnterprise(&x); err != nil {
		return err
	}
	_, err = s.updateEnterpriseTx(ctx, tx, cur, &x, now, a.name())
	return err
}

// undoKeep archives the record a "keep" created, with the reason "undo".
func (s *Store) undoKeep(ctx context.Context, tx *sql.Tx, a actor, r *reviewRecord, undo reviewUndo, now time.Time) error {
	if r.Entity == bina.EntityCooperative {
		cur, err := s.lockCooperative(ctx, tx, a, undo.RecordID, now)
		if err != nil {
			return err
		}
		if cur.Version != undo.Version || cur.ArchivedAt != nil {
			return errRecordChanged()
		}
		if err := s.archive(ctx, tx, "cooperatives", false, cur.ID, cur.Version, undoReason, true, now); err != nil {
			return err
		}
		if err := s.keepCoopFigures(ctx, tx, cur.ID, 0); err != nil {
			return err
		}
		return s.record(ctx, tx, bina.EntityCooperative, cur.ID, now, a.name(), actionArchive, []bina.Change{{After: undoReason}})
	}
	cur, err := s.lockEnterprise(ctx, tx, a, undo.RecordID)
	if err != nil {
		return err
	}
	if cur.Version != undo.Version || cur.ArchivedAt != nil {
		return errRecordChanged()
	}
	if err := s.archive(ctx, tx, "enterprises", false, cur.ID, cur.Version, undoReason, true, now); err != nil {
		return err
	}
	x := *cur
	x.ArchivedAt = &now
	if err := s.moveEnterpriseCount(ctx, tx, cur, &x); err != nil {
		return err
	}
	if err := s.rewriteSearch(ctx, tx, cur.ID, s.enterpriseSearch(&x)); err != nil {
		return err
	}
	return s.record(ctx, tx, bina.EntityEnterprise, cur.ID, now, a.name(), actionArchive, []bina.Change{{After: undoReason}})
}
