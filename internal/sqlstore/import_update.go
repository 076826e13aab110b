package sqlstore

import (
	"bina/imports"
	"context"
	"slices"

	"bina"
)

// applyUpdates writes the rows whose key names a record and whose content
// changed: the fields the file fills are taken from the row, the others
// kept, and the difference written with its history. A record archived or
// moved out of the author's area since is left alone, reported unchanged
// with a note.
func (w *chunkWriter) applyUpdates(ctx context.Context, rows []imports.Row, updates []int) error {
	for _, i := range updates {
		r := &rows[i]
		fields := w.fields
		if r.Outcome == imports.OutcomeReview {
			// The desa is not known from this row: keep the record's.
			fields = slices.DeleteFunc(slices.Clone(fields), func(f string) bool { return f == "village_code" })
		}
		var changed bool
		var err error
		if w.job.Entity == bina.EntityCooperative {
			changed, err = w.updateCooperative(ctx, r, fields)
		} else {
			changed, err = w.updateEnterprise(ctx, r, fields)
		}
		if err != nil {
			return err
		}
		if r.Duplicate != nil && r.Duplicate.Rule == imports.DuplicateChanged {
			// Held for review (DecideUpdate): the record is not changed.
			w.counts.Updated--
			w.counts.Review++
			w.reviews = append(w.reviews, reviewRow{row: r, kind: imports.ReviewDuplicate, cand: r.RecordID, reason: r.Duplicate.Reason, update: true})
			continue
		}
		if changed {
			r.Outcome = imports.OutcomeUpdated
		} else {
			r.Outcome = imports.OutcomeUnchanged
			w.counts.Updated--
			w.counts.Unchanged++
		}
		w.rekeys = append(w.rekeys, keyRow{key: r.Key, recordID: r.RecordID, hash: r.Hash})
		if len(r.Problems) > 0 {
			w.issues = append(w.issues, issueRow{row: r})
		}
	}
	return nil
}

func (w *chunkWriter) updateEnterprise(ctx context.Context, r *imports.Row, fields []string) (bool, error) {
	old, err := w.s.loadEnterprise(ctx, w.tx, r.RecordID, true)
	if err != nil {
		return false, err
	}
	if old.ArchivedAt != nil || !w.job.Scope.Contains(old.VillageCode) {
		r.Problems = append(r.Problems, bina.FieldError{Message: bina.Text{
			ID: "UMKM ini sudah diarsipkan atau tidak lagi di wilayah kerja Anda; tidak diubah",
			EN: "This enterprise is archived or no longer in your area; not changed"}})
		return false, nil
	}
	if !w.decideUpdate(r, imports.DecideUpdate(bina.EnterpriseTable(), old, r.Enterprise, fields, r.Problems, bina.DateFromTime(w.now)), &fields) {
		return false, nil
	}
	x := *old
	x.KBLI, x.Sales = slices.Clone(old.KBLI), slices.Clone(old.Sales)
	if err := x.TakeFields(r.Enterprise, fields); err != nil {
		return false, err
	}
	x.Normalize()
	slices.SortStableFunc(x.Sales, func(a, b bina.AnnualSales) int { return b.Year - a.Year })
	if err := x.Validate(w.s.ref); err != nil {
		r.Problems = append(r.Problems, bina.ErrorFields(err)...)
		return false, nil
	}
	changes, err := w.s.updateEnterpriseTx(ctx, w.tx, old, &x, w.now, w.who)
	if err != nil {
		return false, err
	}
	return len(changes) > 0, nil
}

// decideUpdate applies what imports.DecideUpdate decided for row r: the
// fields to take (into *fields) and the notes of the fields kept, or, for
// an identifier that differs from a valid stored one, the row held for
// review beside its record. It reports whether the update goes ahead.
func (w *chunkWriter) decideUpdate(r *imports.Row, d imports.UpdateDecision, fields *[]string) bool {
	r.Problems = append(r.Problems, d.Kept...)
	if d.Review != nil {
		r.Outcome = imports.OutcomeReview
		r.Duplicate = &imports.DuplicateMatch{Rule: imports.DuplicateChanged, RecordID: r.RecordID, Reason: *d.Review}
		r.Problems = append(r.Problems, bina.FieldError{Message: *d.Review})
		return false
	}
	*fields = d.Take
	return true
}
