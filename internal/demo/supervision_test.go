package demo

import (
	"bina/supervision"
	"testing"

	"bina"
)

// TestSupervise checks the supervision story: every record still valid,
// every cooperative as active as Generate made it (so still exactly
// ActiveCooperatives that are not KDMP), and something on every line of
// the compliance page and the KDMP overview.
func TestSupervise(t *testing.T) {
	ref := mustRef(t, "61.12", testNow)
	d := Generate(ref, Options{Seed: 1, Now: testNow})
	before := map[string]bool{}
	for _, c := range d.Cooperatives {
		before[c.SourceID] = bina.ActiveCooperative(c.LastRATYear, testNow, 0)
	}
	Supervise(&d, Options{Seed: 1, Now: testNow})
	checkValid(t, ref, d)
	for _, c := range d.Cooperatives {
		if bina.ActiveCooperative(c.LastRATYear, testNow, 0) != before[c.SourceID] {
			t.Errorf("%s changed its active state", c.SourceID)
		}
	}
	set := supervision.DefaultComplianceSettings()
	today := bina.DateFromTime(testNow)
	due := set.LastDueBookYear(today)
	active := 0
	status := map[supervision.ComplianceStatus]int{}
	rungs := map[int]int{}
	var kdmp []supervision.KDMPRow
	for _, c := range d.Cooperatives {
		if !c.KDMP && bina.ActiveCooperative(c.LastRATYear, testNow, 0) {
			active++
		}
		f := supervision.ComplianceFacts{FoundedYear: supervision.FoundedYear(c.LegalDate, c.KDMP)}
		first := 0
		for _, r := range c.RATs {
			if r.BookYear == due {
				f.HeldOn, f.ReportedOn = r.HeldOn, r.ReportedOn
			}
			if !r.HeldOn.IsZero() && r.BookYear <= due {
				f.LastHeldYear = max(f.LastHeldYear, r.BookYear)
				if first == 0 || r.BookYear < first {
					first = r.BookYear
				}
			}
		}
		if f.FoundedYear > due {
			continue
		}
		x := set.Comply(f, due, today)
		status[x.Status]++
		rungs[set.Rung(x.MissedYears)]++
		if c.KDMP {
			kdmp = append(kdmp, supervision.KDMPRow{VillageCode: c.VillageCode, CooperativeID: 1, LegalNumber: c.LegalNumber, LegalDate: c.LegalDate,
				RegistrationNumber: c.RegistrationNumber, Units: len(c.Units), FirstRATYear: first})
		}
	}
	if active != ActiveCooperatives {
		t.Errorf("active = %d, want %d", active, ActiveCooperatives)
	}
	if status[supervision.ComplianceOnTime] == 0 || status[supervision.ComplianceLate] < 20 || rungs[1] == 0 || rungs[2] == 0 || rungs[3] == 0 {
		t.Errorf("book year %d: states %v, rungs %v", due, status, rungs)
	}
	o := supervision.NewKDMPOverview("61.12", kdmp)
	for _, s := range []string{"badan_hukum", "nomor_induk", "unit_usaha", "rat_pertama"} {
		if o.Gaps[s] == 0 || o.Reached[s] == 0 {
			t.Errorf("KDMP step %s: %d reached, %d gaps", s, o.Reached[s], o.Gaps[s])
		}
	}
	t.Logf("book year %d: %v, rungs %v; KDMP reached %v", due, status, rungs, o.Reached)
}
