package sqlstore

import (
	"bina/imports"
	"context"

	"bina"
)

// Cooperatives are few (hundreds in a regency), so their imports write
// row by row through the same statements as CreateCooperative and
// UpdateCooperative, and duplicates are looked for among all live
// cooperatives of the author's area.

// cooperativeCandidates fetches every live cooperative of the author's
// area, oldest first, when there are fresh rows.
func (w *chunkWriter) cooperativeCandidates(ctx context.Context, fresh []int) ([]imports.Candidate, error) {
	if len(fresh) == 0 {
		return nil, nil
	}
	var p params
	conds := w.s.regionCond([]string{"c.archived_at IS NULL"}, &p, "c", w.job.Scope)
	rs, err := w.tx.QueryContext(ctx, `SELECT c.id, c.village_code, c.nib, c.registration_number, c.name FROM cooperatives c`+where(conds)+` ORDER BY c.id`, p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "find duplicates")
	}
	defer rs.Close()
	var cands []imports.Candidate
	for rs.Next() {
		var c imports.Candidate
		var village, name string
		if err := rs.Scan(&c.ID, &village, &c.Keys.NIB, &c.Keys.Reg, &name); err != nil {
			return nil, bina.Wrap(err, "find duplicates")
		}
		c.Keys.Village, c.Keys.Name = bina.RegionCode(village), imports.NameKey(name)
		cands = append(cands, c)
	}
	return cands, bina.Wrap(rs.Err(), "find duplicates")
}

func (w *chunkWriter) createCooperatives(ctx context.Context, rows []imports.Row, creates []int) error {
	if len(creates) == 0 {
		return nil
	}
	ks, err := kelompoks(ctx, w.tx)
	if err != nil {
		return err
	}
	for _, i := range creates {
		r := &rows[i]
		x := r.Cooperative
		if x.Kelompok != "" && !ks.Has(x.Kelompok) {
			x.Kelompok = "umum"
		}
		x.CreatedAt, x.UpdatedAt, x.Version, x.ArchivedAt, x.ArchiveReason = w.now, w.now, 1, nil, ""
		x.RATs, x.LastRATYear = nil, 0
		if err := w.s.insertCooperativeTx(ctx, w.tx, x, w.now, w.who); err != nil {
			return err
		}
		r.RecordID = x.ID
		w.keys = append(w.keys, keyRow{key: r.Key, recordID: x.ID, hash: r.Hash})
	}
	return nil
}

func (w *chunkWriter) updateCooperative(ctx context.Context, r *imports.Row, fields []string) (bool, error) {
	old, err := w.s.loadCooperative(ctx, w.tx, r.RecordID, w.now, true, false)
	if err != nil {
		return false, err
	}
	if old.ArchivedAt != nil || !w.job.Scope.Contains(old.VillageCode) {
		r.Problems = append(r.Problems, bina.FieldError{Message: bina.Text{
			ID: "Koperasi ini sudah diarsipkan atau tidak lagi di wilayah kerja Anda; tidak diubah",
			EN: "This cooperative is archived or no longer in your area; not changed"}})
		return false, nil
	}
	if !w.decideUpdate(r, imports.DecideUpdate(bina.CooperativeTable(), old, r.Cooperative, fields, r.Problems, bina.DateFromTime(w.now)), &fields) {
		return false, nil
	}
	x := *old
	if err := x.TakeFields(r.Cooperative, fields); err != nil {
		return false, err
	}
	x.Normalize()
	ks, err := kelompoks(ctx, w.tx)
	if err != nil {
		return false, err
	}
	if err := x.Validate(w.s.ref, ks); err != nil {
		r.Problems = append(r.Problems, bina.ErrorFields(err)...)
		return false, nil
	}
	changes, err := w.s.updateCooperativeTx(ctx, w.tx, old, &x, w.now, w.who)
	if err != nil {
		return false, err
	}
	return len(changes) > 0, nil
}
