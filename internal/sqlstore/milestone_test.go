package sqlstore_test

import (
	"database/sql"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore"
)

func TestMilestoneUUIDStoredOnce(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		e := mustCreate(t, system, s, newEnterprise("Tenun Sambas", village1a))
		m := coaching.Milestone{UUID: "0b8e4c1a-5d2f-4c3e-9a7b-1f2e3d4c5b6a", EnterpriseID: e.ID, Kind: coaching.MilestoneFinancing,
			Date: bina.DateOf(2025, 4, 1), FinancingSource: "kur", Bank: "BRI", Amount: 50_000_000, OwnerConfirmed: true}
		created, err := s.RecordMilestone(as(bina.RoleStaff, ""), &m)
		must(t, err)
		if !created || m.ID == 0 || m.RecordedBy != "staff-user" {
			t.Fatalf("first post: created %v %+v", created, m)
		}
		again := m
		again.ID, again.Amount, again.UUID = 0, 1, "0B8E4C1A-5D2F-4C3E-9A7B-1F2E3D4C5B6A"
		created, err = s.RecordMilestone(system, &again)
		must(t, err)
		if created || again.ID != m.ID || again.Amount != 50_000_000 || again.RecordedBy != "staff-user" {
			t.Errorf("second post: created %v %+v", created, again)
		}
		if n := countRows(t, db, "milestones")["milestones"]; n != 1 {
			t.Errorf("%d milestones stored, want 1", n)
		}
		other := mustCreate(t, system, s, newEnterprise("Tenun Lain", village1a))
		again.EnterpriseID = other.ID
		_, err = s.RecordMilestone(system, &again)
		wantCode(t, err, bina.Conflict)
		cert := int64(424242)
		wrong := coaching.Milestone{UUID: "0b8e4c1a-5d2f-4c3e-9a7b-1f2e3d4c5b6b", EnterpriseID: e.ID, Kind: coaching.MilestoneCertificate, Date: bina.DateOf(2025, 4, 1), CertificateID: &cert}
		_, err = s.RecordMilestone(system, &wrong)
		wantCode(t, err, bina.Invalid)
		got, err := s.Milestones(system, e.ID)
		must(t, err)
		if len(got) != 1 || got[0].Bank != "BRI" || !got[0].OwnerConfirmed {
			t.Errorf("milestones %+v", got)
		}
	})
}

func TestMilestoneScopeAndOutcomes(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		a := mustCreate(t, system, s, newEnterprise("Sirup Jeruk", village1a))
		b := mustCreate(t, system, s, newEnterprise("Sirup Nanas", village2))
		officer := as(bina.RoleOfficer, "61.12.01")
		ms := []coaching.Milestone{
			{UUID: "00000000-0000-4000-8000-000000000001", EnterpriseID: a.ID, Kind: coaching.MilestoneSales, Date: bina.DateOf(2023, 12, 31), AmountBefore: 100, Amount: 150},
			{UUID: "00000000-0000-4000-8000-000000000002", EnterpriseID: a.ID, Kind: coaching.MilestoneSales, Date: bina.DateOf(2025, 12, 31), AmountBefore: 150, Amount: 300},
			{UUID: "00000000-0000-4000-8000-000000000003", EnterpriseID: a.ID, Kind: coaching.MilestoneJobsCreated, Date: bina.DateOf(2025, 6, 1), Jobs: 2},
			{UUID: "00000000-0000-4000-8000-000000000004", EnterpriseID: b.ID, Kind: coaching.MilestoneJobsCreated, Date: bina.DateOf(2025, 7, 1), Jobs: 3},
			{UUID: "00000000-0000-4000-8000-000000000005", EnterpriseID: b.ID, Kind: coaching.MilestoneDigitalAdoption, Date: bina.DateOf(2024, 7, 1), Baseline: true},
		}
		for i := range ms {
			_, err := s.RecordMilestone(system, &ms[i])
			must(t, err)
		}
		_, err := s.Milestones(officer, b.ID)
		wantCode(t, err, bina.NotFound)
		x := coaching.Milestone{UUID: "00000000-0000-4000-8000-000000000009", EnterpriseID: b.ID, Kind: coaching.MilestoneJobsKept, Date: bina.DateOf(2025, 1, 1), Jobs: 1}
		_, err = s.RecordMilestone(officer, &x)
		wantCode(t, err, bina.NotFound)
		future := coaching.Milestone{UUID: "00000000-0000-4000-8000-00000000000a", EnterpriseID: a.ID, Kind: coaching.MilestoneJobsKept, Date: bina.DateOf(2027, 1, 1), Jobs: 1}
		_, err = s.RecordMilestone(system, &future)
		wantCode(t, err, bina.Invalid)

		out, err := s.OutcomesAround(system, []int64{a.ID, b.ID}, bina.DateOf(2025, 1, 1))
		must(t, err)
		get := func(side []coaching.Outcome, kind string) coaching.Outcome {
			for _, o := range side {
				if o.Kind == kind {
					return o
				}
			}
			t.Fatalf("no %s", kind)
			return coaching.Outcome{}
		}
		if o := get(out.Before, coaching.MilestoneSales); o.Milestones != 1 || o.Amount != 50 {
			t.Errorf("sales before %+v", o)
		}
		if o := get(out.After, coaching.MilestoneSales); o.Milestones != 1 || o.Amount != 150 {
			t.Errorf("sales after %+v", o)
		}
		if o := get(out.After, coaching.MilestoneJobsCreated); o.Jobs != 5 || o.Enterprises != 2 {
			t.Errorf("jobs after %+v", o)
		}
		if o := get(out.Before, coaching.MilestoneDigitalAdoption); o.Milestones != 1 {
			t.Errorf("digital before %+v", o)
		}
		if len(out.Before) != len(coaching.MilestoneKinds) {
			t.Errorf("%d kinds before", len(out.Before))
		}
		mine, err := s.OutcomesAround(officer, []int64{a.ID, b.ID}, bina.DateOf(2025, 1, 1))
		must(t, err)
		if o := get(mine.After, coaching.MilestoneJobsCreated); o.Jobs != 2 {
			t.Errorf("officer's jobs after %+v, want only the own kecamatan's 2", o)
		}
	})
}
