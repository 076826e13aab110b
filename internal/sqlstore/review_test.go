package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/sqlstore"
)

// reviewSetup creates a record and imports two rows that resemble it (one
// by NIB, one by NIK and name) and one whose desa is unknown; it returns
// the record and the review items in file order.
func reviewSetup(t *testing.T, ctx context.Context, s *sqlstore.Store) (bina.Enterprise, []imports.ReviewItem, *chunkRunner) {
	t.Helper()
	old := newEnterprise("Keripik Pisang Bu Siti", village1a)
	old.NIB, old.Owner.NIK, old.Owner.Phone, old.Capital = nibSiti, nikSiti, "081111111111", 20_000_000
	old = mustCreate(t, ctx, s, old)
	rows := [][]string{
		{"Keripik Pisang Siti", "Siti Aminah", "", "0812 9999 8888", nibSiti, string(village1a), "45.000.000"},
		{"Kripik Pisang Bu Siti", "Siti Aminah", nikSiti, "", "", string(village1b), ""},
		{"Toko Baru", "Ani", "", "", "", "", ""},
	}
	im := newImport(t, ctx, s, false, rows...)
	// The third row has no desa at all: a region review.
	im.write(ctx, rows...)
	page, err := s.ReviewItems(ctx, imports.Filter{ImportID: im.job.ID})
	must(t, err)
	if page.Total != 3 {
		t.Fatalf("%d review items: %+v", page.Total, page.Items)
	}
	return old, page.Items, im
}

func TestReviewMergeAndUndo(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		old, items, _ := reviewSetup(t, ctx, s)
		it := items[0]
		if it.Kind != imports.ReviewDuplicate || it.CandidateID != old.ID || it.State != imports.ReviewOpen || it.Incoming.Owner.Phone != "081299998888" {
			t.Fatalf("item %+v", it)
		}
		wantCode(t, s.ResolveReview(ctx, it.ID, imports.Resolution{Action: "merge", Fields: []string{"owner.phone", "id"}}), bina.Invalid)
		wantCode(t, s.ResolveReview(ctx, it.ID, imports.Resolution{Action: "gabung"}), bina.Invalid)
		must(t, s.ResolveReview(ctx, it.ID, imports.Resolution{Action: "merge", Fields: []string{"owner.phone", "capital"}}))
		got, _ := s.FindEnterprise(ctx, old.ID)
		if got.Owner.Phone != "081299998888" || got.Capital != 45_000_000 || got.Name != old.Name || got.Version != old.Version+1 {
			t.Errorf("merged record %+v", got)
		}
		done, err := s.ReviewItem(ctx, it.ID)
		must(t, err)
		if done.State != imports.ReviewMerged || done.RecordID != old.ID || done.ResolvedBy != "staff-user" || done.ResolvedAt == nil {
			t.Errorf("resolved item %+v", done)
		}
		wantCode(t, s.ResolveReview(ctx, it.ID, imports.Resolution{Action: "skip"}), bina.Conflict)
		h, _ := s.History(ctx, bina.EntityEnterprise, old.ID, 0, 0)
		fields := map[string]string{}
		for _, c := range h {
			if c.Action == "update" {
				fields[c.Field] = c.After
			}
		}
		if fields["owner.phone"] != "081299998888" || fields["capital"] != "45000000" {
			t.Errorf("merge history %+v", h)
		}

		must(t, s.UndoReview(ctx, it.ID))
		back, _ := s.FindEnterprise(ctx, old.ID)
		if back.Owner.Phone != "081111111111" || back.Capital != 20_000_000 || back.Version != old.Version+2 {
			t.Errorf("after undo %+v", back)
		}
		h2, _ := s.History(ctx, bina.EntityEnterprise, old.ID, 0, 0)
		if len(h2) != len(h)+2 || h2[0].Action != "update" {
			t.Errorf("undo history %+v", h2)
		}
		reopened, _ := s.ReviewItem(ctx, it.ID)
		if reopened.State != imports.ReviewOpen || reopened.RecordID != 0 {
			t.Errorf("reopened %+v", reopened)
		}
		wantCode(t, s.UndoReview(ctx, it.ID), bina.Conflict)

		// A record changed since a merge cannot have the merge undone.
		must(t, s.ResolveReview(ctx, it.ID, imports.Resolution{Action: "merge", Fields: []string{"owner.phone"}}))
		cur, _ := s.FindEnterprise(ctx, old.ID)
		cur.MainProduct = "Keripik pedas"
		must(t, s.UpdateEnterprise(ctx, cur))
		wantCode(t, s.UndoReview(ctx, it.ID), bina.Conflict)
	})
}

func TestReviewKeepSkipAndReimport(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		_, items, _ := reviewSetup(t, ctx, s)
		count := func() int {
			cs, _ := s.EnterpriseCounts(ctx)
			n := 0
			for _, c := range cs {
				n += c.Total
			}
			return n
		}
		before := count()

		// Keep both: the row becomes a record of its own.
		keep := items[1]
		must(t, s.ResolveReview(ctx, keep.ID, imports.Resolution{Action: "keep"}))
		kept, _ := s.ReviewItem(ctx, keep.ID)
		rec, err := s.FindEnterprise(ctx, kept.RecordID)
		must(t, err)
		if rec.Name != "Kripik Pisang Bu Siti" || rec.VillageCode != village1b || count() != before+1 {
			t.Errorf("kept record %+v (count %d)", rec, count())
		}

		// The region review needs a desa.
		region := items[2]
		if region.Kind != imports.ReviewRegion {
			t.Fatalf("third item %+v", region)
		}
		wantCode(t, s.ResolveReview(ctx, region.ID, imports.Resolution{Action: "keep"}), bina.Invalid)
		wantCode(t, s.ResolveReview(ctx, region.ID, imports.Resolution{Action: "merge"}), bina.Invalid)
		// An officer does not see the office's imports.
		wantCode(t, s.ResolveReview(as(bina.RoleOfficer, "61.12.02"), region.ID, imports.Resolution{Action: "keep", Village: village2}), bina.NotFound)
		must(t, s.ResolveReview(ctx, region.ID, imports.Resolution{Action: "keep", Village: village2}))
		placed, _ := s.ReviewItem(ctx, region.ID)
		if r, _ := s.FindEnterprise(ctx, placed.RecordID); r == nil || r.VillageCode != village2 {
			t.Errorf("placed record %+v", r)
		}

		// Skip.
		skip := items[0]
		must(t, s.ResolveReview(ctx, skip.ID, imports.Resolution{Action: "skip"}))

		// The same rows imported again: each decision stands.
		again := newImport(t, ctx, s, false)
		rows := [][]string{
			{"Keripik Pisang Siti", "Siti Aminah", "", "0812 9999 8888", nibSiti, string(village1a), "45.000.000"},
			{"Kripik Pisang Bu Siti", "Siti Aminah", nikSiti, "", "", string(village1b), ""},
			{"Toko Baru", "Ani", "", "", "", "", ""},
		}
		res := again.write(ctx, rows...)
		for i, r := range res {
			if r.Outcome != imports.OutcomeUnchanged {
				t.Errorf("row %d imported again: %s %+v", i, r.Outcome, r.Problems)
			}
		}
		page, _ := s.ReviewItems(ctx, imports.Filter{State: imports.ReviewOpen})
		if page.Total != 0 {
			t.Errorf("importing again opened %d review items", page.Total)
		}

		// Undo keep: the record is archived with the reason "undo".
		must(t, s.UndoReview(ctx, keep.ID))
		gone, _ := s.FindEnterprise(ctx, kept.RecordID)
		if gone.ArchivedAt == nil || gone.ArchiveReason != "undo" {
			t.Errorf("undone keep left %+v", gone)
		}
		// Undo skip: the item is open again, and so the row waits again.
		must(t, s.UndoReview(ctx, skip.ID))
		third := newImport(t, ctx, s, false)
		res = third.write(ctx, rows[0])
		if res[0].Outcome != imports.OutcomeReview || !strings.Contains(fmtProblems(res[0]), "menunggu") {
			t.Errorf("a row whose item is open again: %s %+v", res[0].Outcome, res[0].Problems)
		}
	})
}

func fmtProblems(r imports.Row) string {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.Message.ID + "; ")
	}
	return b.String()
}
