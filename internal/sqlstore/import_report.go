package sqlstore

import (
	"bina/imports"
	"cmp"
	"context"
	"slices"

	"bina"
)

func (w *chunkWriter) insertReviews(ctx context.Context) error {
	if len(w.reviews) == 0 {
		return nil
	}
	ids, err := w.reserveIDs(ctx, "import_reviews", len(w.reviews))
	if err != nil {
		return err
	}
	for n := range w.reviews {
		w.reviews[n].id = ids[n]
	}
	cols := []string{"import_id", "line", "entity", "kind", "state", "reason_id", "reason_en", "incoming", "candidate_id", "regions", "source", "row_key", "content_hash"}
	err = w.insertWithIDs(ctx, "import_reviews", cols, ids, func(i int, dst []any) []any {
		rv := &w.reviews[i]
		r := rv.row
		var incoming string
		if r.Cooperative != nil {
			incoming = jsonText(r.Cooperative)
		} else {
			incoming = jsonText(r.Enterprise)
		}
		regions := "[]"
		if rv.kind == imports.ReviewRegion && len(r.Region.Candidates) > 0 {
			regions = jsonText(r.Region.Candidates)
		}
		return append(dst, w.job.ID, r.Line, string(w.job.Entity), rv.kind, imports.ReviewOpen, rv.reason.ID, rv.reason.EN, incoming, rv.cand, regions, w.job.Source, r.Key, r.Hash)
	})
	if err != nil {
		return err
	}
	for _, rv := range w.reviews {
		if rv.update {
			// The record stays the key's; the new hash makes the same file
			// imported again unchanged while the review waits.
			w.rekeys = append(w.rekeys, keyRow{key: rv.row.Key, recordID: rv.cand, hash: rv.row.Hash})
		} else {
			w.keys = append(w.keys, keyRow{key: rv.row.Key, reviewID: rv.id, hash: rv.row.Hash})
		}
		w.issues = append(w.issues, issueRow{row: rv.row, reviewID: rv.id})
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (w *chunkWriter) writeKeys(ctx context.Context) error {
	err := w.inserter()(ctx, "import_keys", []string{"entity", "source", "key", "record_id", "review_id", "content_hash", "import_id"}, len(w.keys), func(i int, dst []any) []any {
		k := w.keys[i]
		return append(dst, string(w.job.Entity), w.job.Source, k.key, nullID(k.recordID), nullID(k.reviewID), k.hash, w.job.ID)
	})
	if err != nil {
		return err
	}
	for _, k := range w.rekeys {
		if _, err := w.tx.ExecContext(ctx, `UPDATE import_keys SET record_id = $1, content_hash = $2, import_id = $3 WHERE entity = $4 AND source = $5 AND key = $6`,
			nullID(k.recordID), k.hash, w.job.ID, string(w.job.Entity), w.job.Source, k.key); err != nil {
			return bina.Wrap(err, "update import key")
		}
	}
	return nil
}

func (w *chunkWriter) writeIssues(ctx context.Context) error {
	slices.SortFunc(w.issues, func(a, b issueRow) int { return cmp.Compare(a.row.Line, b.row.Line) })
	w.issues = slices.CompactFunc(w.issues, func(a, b issueRow) bool { return a.row.Line == b.row.Line })
	return w.inserter()(ctx, "import_issues", []string{"import_id", "line", "outcome", "cells", "problems", "record_id", "review_id"}, len(w.issues), func(i int, dst []any) []any {
		is := w.issues[i]
		r := is.row
		problems := r.Problems
		if problems == nil {
			problems = []bina.FieldError{}
		}
		cells := r.Cells
		if cells == nil {
			cells = []string{}
		}
		return append(dst, w.job.ID, r.Line, r.Outcome, jsonText(cells), jsonText(problems), r.RecordID, is.reviewID)
	})
}
