package demo

import (
	"bina/supervision"
	"testing"

	"bina"
)

// TestAnnualReports checks the demo's reports: balanced and consistent
// (only the planted slips in drafts are errors), from 2018 on, with missing
// and late ones and every stage in the newest year, and the RAT records
// they come from unchanged.
func TestAnnualReports(t *testing.T) {
	ref := mustRef(t, "61.12", testNow)
	d := Generate(ref, Options{Seed: 1, Now: testNow})
	for i := range d.Cooperatives {
		d.Cooperatives[i].ID = int64(i + 1)
	}
	before := 0
	for _, c := range d.Cooperatives {
		before += len(c.RATs)
	}
	reports := AnnualReports(d.Cooperatives, Options{Seed: 1, Now: testNow})
	after := 0
	for _, c := range d.Cooperatives {
		after += len(c.RATs)
	}
	if before != after {
		t.Fatalf("RAT records %d → %d", before, after)
	}
	states := map[supervision.ReportState]int{}
	jenis := map[string]int{}
	late, slips, oldest := 0, 0, 9999
	type key struct {
		id   int64
		year int
	}
	seen := map[key]bool{}
	for _, r := range reports {
		k := key{r.CooperativeID, r.BookYear}
		if seen[k] {
			t.Fatalf("two reports for %v", k)
		}
		seen[k] = true
		states[r.State]++
		jenis[r.Jenis]++
		oldest = min(oldest, r.BookYear)
		r.Derive()
		for _, p := range r.Check(nil) {
			if p.Severity != supervision.SeverityError {
				continue
			}
			if r.State == supervision.ReportDraft && p.Code == "neraca_tidak_seimbang" {
				slips++
				continue
			}
			t.Fatalf("report %d/%d (%s): %+v", r.CooperativeID, r.BookYear, r.Jenis, p)
		}
		if r.SubmittedAt != nil && r.SubmittedAt.After(bina.DateOf(r.BookYear+1, 7, 31).Time()) {
			late++
		}
	}
	missing := 0
	for _, c := range d.Cooperatives {
		for _, rat := range c.RATs {
			if rat.BookYear >= FirstReportYear && !rat.HeldOn.IsZero() && !seen[key{c.ID, rat.BookYear}] {
				missing++
			}
		}
	}
	t.Logf("%d reports: %v, kinds %v, %d late, %d missing, %d slips", len(reports), states, jenis, late, missing, slips)
	if len(reports) < 1500 || oldest != FirstReportYear || late == 0 || missing == 0 || slips == 0 ||
		states[supervision.ReportSubmitted] == 0 || states[supervision.ReportReturned] == 0 || states[supervision.ReportDraft] == 0 || jenis["KSP"] == 0 || jenis["UMUM"] == 0 {
		t.Errorf("reports do not cover the cases")
	}
}
