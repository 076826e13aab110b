package sqlstore

import (
	"bina/imports"
	"context"
	"database/sql"

	"bina"
)

// EnterpriseDuplicates implements bina.EnterpriseService: the record is
// checked as one fresh row of an import would be, with the same candidate
// fetch (chunkWriter.enterpriseCandidates) and the same rules
// (imports.FindDuplicates shares DecideImport's index).
func (s *Store) EnterpriseDuplicates(ctx context.Context, e *bina.Enterprise) ([]bina.PossibleDuplicate, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.requireEdit(); err != nil {
		return nil, err
	}
	x := *e
	x.Normalize()
	if !a.sees(x.VillageCode) {
		// Outside the actor's region: the save refuses it, and the
		// records there are not the actor's to see.
		return nil, nil
	}
	keys := imports.EnterpriseKeys(&x)
	var out []bina.PossibleDuplicate
	err = s.read(ctx, func(tx *sql.Tx) error {
		// baseline 1: the register is looked up whatever it holds.
		w := &chunkWriter{s: s, tx: tx, job: &imports.Job{Entity: bina.EntityEnterprise, Scope: a.scope}, baseline: 1}
		cands, err := w.enterpriseCandidates(ctx, []imports.Row{{Enterprise: &x, Keys: keys}}, []int{0})
		if err != nil {
			return err
		}
		for _, m := range imports.FindDuplicates(bina.EntityEnterprise, keys, cands, e.ID) {
			d := bina.PossibleDuplicate{ID: m.RecordID, Rule: m.Rule, Reason: m.Reason}
			var village string
			if err := tx.QueryRowContext(ctx, `SELECT name, village_code FROM enterprises WHERE id = $1`, m.RecordID).Scan(&d.Name, &village); err != nil {
				return bina.Wrap(err, "find duplicates")
			}
			d.VillageCode = bina.RegionCode(village)
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// PreviewImportRows decides the outcome of rows, converted from job j's
// file for its preview, as a run would (chunkWriter.decide: the stored
// keys, the candidate fetch and imports.DecideImport), writing nothing.
func (s *Store) PreviewImportRows(ctx context.Context, j *imports.Job, rows []imports.Row) error {
	if j.Entity == imports.EntityAttendance || j.Entity == imports.EntityAnnualReport {
		return nil
	}
	if _, err := s.actorOf(ctx); err != nil {
		return err
	}
	return s.read(ctx, func(tx *sql.Tx) error {
		w := &chunkWriter{s: s, tx: tx, job: j, baseline: 1, othersKeys: true}
		d, err := w.decide(ctx, rows)
		if err != nil {
			return err
		}
		d.Placed(j.Entity, rows)
		for _, i := range d.Updates {
			rows[i].Outcome = imports.OutcomeUpdated
		}
		return nil
	})
}
