package sqlstore_test

import (
	"slices"
	"testing"

	"bina"
	"bina/internal/sqlstore"
	"bina/supervision"
)

// complianceCase registers the cooperatives of the compliance tests (the
// clock is 28 November 2026, so book year 2025 was due on 30 June 2026):
// one on time, one late, one that missed 2024 and 2025, a KDMP founded in
// 2025 without a RAT, and an archived one. It returns their ids by name.
func complianceCase(t *testing.T, s *sqlstore.Store) map[string]int64 {
	t.Helper()
	ctx := as(bina.RoleStaff, "")
	ids := map[string]int64{}
	add := func(name string, village bina.RegionCode, edit func(*bina.Cooperative), rats ...bina.RAT) {
		c := newCooperative(name, village)
		if edit != nil {
			edit(&c)
		}
		must(t, s.CreateCooperative(ctx, &c))
		for _, r := range rats {
			must(t, s.SaveRAT(ctx, c.ID, r))
		}
		ids[name] = c.ID
	}
	held := func(year int, on, reported string) bina.RAT {
		r := bina.RAT{BookYear: year, MembersFemale: 40, MembersMale: 35, SimpananPokok: 1_000_000, Assets: 50_000_000, HealthAssessed: true, HealthResult: "sehat"}
		r.HeldOn, _ = bina.ParseDate(on)
		r.ReportedOn, _ = bina.ParseDate(reported)
		return r
	}
	add("Koperasi Tepat", village1a, nil, held(2024, "2025-03-01", "2025-03-20"), held(2025, "2026-03-01", "2026-04-01"))
	add("Koperasi Telat", village1b, nil, held(2024, "2025-04-01", "2025-04-02"), held(2025, "2026-07-15", "2026-07-20"))
	add("Koperasi Absen", village2, func(c *bina.Cooperative) { c.Officers[0].Phone = "" }, held(2023, "2024-05-01", "2024-05-02"))
	add("Koperasi Desa Merah Putih", village1a, func(c *bina.Cooperative) {
		c.KDMP, c.RegistrationNumber, c.Units = true, "", nil
		c.LegalDate = bina.DateOf(2025, 6, 1)
		c.Amendments = nil
	})
	add("Koperasi Arsip", village1a, nil)
	must(t, s.ArchiveCooperative(ctx, ids["Koperasi Arsip"], "bubar"))
	return ids
}

func TestCompliance(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ids := complianceCase(t, s)
		ctx := as(bina.RoleStaff, "")
		page, err := s.Compliance(ctx, supervision.ComplianceFilter{BookYear: 2025})
		must(t, err)
		counts, err := s.ComplianceCounts(ctx, supervision.ComplianceFilter{BookYear: 2025, Status: "ignored"})
		must(t, err)
		if page.Total != 4 || counts.Total != 4 || len(page.Items) != 4 {
			t.Fatalf("total %d, counts %+v, %d items", page.Total, counts, len(page.Items))
		}
		by := map[int64]supervision.ComplianceItem{}
		for _, it := range page.Items {
			by[it.CooperativeID] = it
		}
		for name, want := range map[string]struct {
			status       supervision.ComplianceStatus
			late, missed int
		}{
			"Koperasi Tepat":            {supervision.ComplianceOnTime, 0, 0},
			"Koperasi Telat":            {supervision.ComplianceLate, 15, 0},
			"Koperasi Absen":            {supervision.ComplianceMissed, 151, 2},
			"Koperasi Desa Merah Putih": {supervision.ComplianceMissed, 151, 1},
		} {
			got := by[ids[name]]
			if got.Status != want.status || got.DaysLate != want.late || got.MissedYears != want.missed {
				t.Errorf("%s: %s, %d days late, %d missed; want %+v", name, got.Status, got.DaysLate, got.MissedYears, want)
			}
		}
		if it := by[ids["Koperasi Tepat"]]; it.BoardPhone != "081345678901" || it.BoardName != "Gusti Hendra" || !it.Active || it.Name != "Koperasi Tepat" {
			t.Errorf("page item = %+v", it)
		}
		if counts.ByStatus[supervision.ComplianceMissed] != 2 || counts.ByStep[0].Count != 1 || counts.ByStep[1].Count != 1 || counts.ByStep[2].Count != 0 {
			t.Errorf("counts = %+v", counts)
		}

		// The annual report's state, once there is one.
		rep := &supervision.AnnualReport{CooperativeID: ids["Koperasi Tepat"], BookYear: 2025, Jenis: "UMUM", Pola: "konvensional"}
		must(t, s.SaveAnnualReport(ctx, rep))
		withReport, err := s.Compliance(ctx, supervision.ComplianceFilter{BookYear: 2025, Status: "tepat_waktu"})
		must(t, err)
		if withReport.Items[0].ReportState != supervision.ReportDraft {
			t.Errorf("report state %q, want draft", withReport.Items[0].ReportState)
		}
		first, err := s.Compliance(ctx, supervision.ComplianceFilter{BookYear: 2025})
		must(t, err)
		for _, it := range first.Items {
			if (it.CooperativeID == ids["Koperasi Tepat"]) != (it.ReportState == supervision.ReportDraft) {
				t.Errorf("%s: report state %q", it.Name, it.ReportState)
			}
		}

		// Every count is the total of the list behind it.
		for _, st := range supervision.ComplianceStatuses {
			l, err := s.Compliance(ctx, supervision.ComplianceFilter{BookYear: 2025, Status: st.Code})
			must(t, err)
			if l.Total != counts.ByStatus[supervision.ComplianceStatus(st.Code)] {
				t.Errorf("%s: list of %d, count %d", st.Code, l.Total, counts.ByStatus[supervision.ComplianceStatus(st.Code)])
			}
		}
		for _, st := range counts.ByStep {
			l, err := s.Compliance(ctx, supervision.ComplianceFilter{BookYear: 2025, Missed: st.MissedYears})
			must(t, err)
			if l.Total != st.Count {
				t.Errorf("rung %d: list of %d, count %d", st.MissedYears, l.Total, st.Count)
			}
		}

		// The lists behind the counts.
		missed, err := s.Compliance(ctx, supervision.ComplianceFilter{BookYear: 2025, Missed: 2})
		must(t, err)
		if missed.Total != 1 || missed.Items[0].CooperativeID != ids["Koperasi Absen"] {
			t.Errorf("two years missed: %+v", missed.Items)
		}
		late, err := s.Compliance(ctx, supervision.ComplianceFilter{BookYear: 2025, Status: "terlambat", Region: "61.12.01"})
		must(t, err)
		if late.Total != 1 || late.Items[0].CooperativeID != ids["Koperasi Telat"] {
			t.Errorf("late in 61.12.01: %+v", late.Items)
		}

		// Pages of one, forward and back.
		var seen []int64
		f := supervision.ComplianceFilter{BookYear: 2025, Limit: 1}
		for range 5 {
			p, err := s.Compliance(ctx, f)
			must(t, err)
			for _, it := range p.Items {
				seen = append(seen, it.CooperativeID)
			}
			if p.Next == "" {
				break
			}
			f.Cursor = p.Next
		}
		if len(seen) != 4 || seen[0] != ids["Koperasi Absen"] {
			t.Errorf("paged ids = %v", seen)
		}
		f.Cursor = ""
		p1, _ := s.Compliance(ctx, f)
		f.Cursor = p1.Next
		p2, _ := s.Compliance(ctx, f)
		f.Cursor = p2.Prev
		back, err := s.Compliance(ctx, f)
		must(t, err)
		if len(back.Items) != 1 || back.Items[0].CooperativeID != p1.Items[0].CooperativeID || back.Prev != "" {
			t.Errorf("back to the first page: %+v", back)
		}

		// Pages of one of a list behind a count.
		f = supervision.ComplianceFilter{BookYear: 2025, Status: "belum_rat", Limit: 1}
		m1, err := s.Compliance(ctx, f)
		must(t, err)
		f.Cursor = m1.Next
		m2, err := s.Compliance(ctx, f)
		must(t, err)
		f.Cursor = m2.Prev
		m3, err := s.Compliance(ctx, f)
		must(t, err)
		if m1.Total != 2 || len(m2.Items) != 1 || m2.Next != "" || m2.Items[0].CooperativeID == m1.Items[0].CooperativeID || m3.Items[0].CooperativeID != m1.Items[0].CooperativeID {
			t.Errorf("missed pages: %+v / %+v / %+v", m1, m2, m3)
		}

		// Personal data and scope.
		view, err := s.Compliance(as(bina.RoleViewer, ""), supervision.ComplianceFilter{BookYear: 2025, Status: "tepat_waktu"})
		must(t, err)
		if view.Items[0].BoardPhone != bina.Masked {
			t.Errorf("a viewer sees the phone %q", view.Items[0].BoardPhone)
		}
		officer := as(bina.RoleOfficer, "61.12.02")
		_, err = s.Compliance(officer, supervision.ComplianceFilter{BookYear: 2025, Region: "61.12.01"})
		wantCode(t, err, bina.NotFound)
		own, err := s.Compliance(officer, supervision.ComplianceFilter{BookYear: 2025})
		must(t, err)
		if own.Total != 1 || own.Items[0].CooperativeID != ids["Koperasi Absen"] {
			t.Errorf("an officer's table: %+v", own.Items)
		}
		for _, bad := range []supervision.ComplianceFilter{{BookYear: 1900}, {BookYear: 2027}, {BookYear: 2025, Status: "x"}, {BookYear: 2025, Region: "99"}, {BookYear: 2025, Cursor: "zz"}} {
			_, err := s.Compliance(ctx, bad)
			wantCode(t, err, bina.Invalid)
		}
	})
}

func TestComplianceSettings(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ids := complianceCase(t, s)
		got, err := s.ComplianceSettings(as(bina.RoleViewer, ""))
		must(t, err)
		if got.RATDueMonth != 6 || len(got.Sanctions) != 3 {
			t.Errorf("defaults = %+v", got)
		}
		set := supervision.ComplianceSettings{RATDueMonth: 8, RATDueDay: 31, ReportMonths: 1,
			Sanctions: []supervision.SanctionStep{{MissedYears: 2, Label: "Teguran"}, {MissedYears: 4, Label: "Usulan pembubaran"}}}
		wantCode(t, s.SaveComplianceSettings(as(bina.RoleStaff, ""), &set), bina.Forbidden)
		bad := set
		bad.RATDueDay = 32
		wantCode(t, s.SaveComplianceSettings(as(bina.RoleAdmin, ""), &bad), bina.Invalid)
		must(t, s.SaveComplianceSettings(as(bina.RoleAdmin, ""), &set))
		got, err = s.ComplianceSettings(as(bina.RoleStaff, ""))
		must(t, err)
		if got.RATDueMonth != 8 || got.RATDueDay != 31 || len(got.Sanctions) != 2 || got.Sanctions[1].Label != "Usulan pembubaran" || got.CreatedBy != "admin-user" {
			t.Errorf("saved settings = %+v", got)
		}
		page, err := s.Compliance(as(bina.RoleStaff, ""), supervision.ComplianceFilter{BookYear: 2025, Status: "tepat_waktu"})
		must(t, err)
		counts, err := s.ComplianceCounts(as(bina.RoleStaff, ""), supervision.ComplianceFilter{BookYear: 2025})
		must(t, err)
		if page.Total != 2 || !slices.ContainsFunc(page.Items, func(it supervision.ComplianceItem) bool { return it.CooperativeID == ids["Koperasi Telat"] }) {
			t.Errorf("held 15 July, due 31 August: on time are %+v", page.Items)
		}
		if len(counts.ByStep) != 2 || counts.ByStep[0].Count != 1 || counts.ByStep[0].UpTo != 3 {
			t.Errorf("counts under the new ladder = %+v", counts.ByStep)
		}
	})
}

func TestKDMPOverview(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ids := complianceCase(t, s)
		o, err := s.KDMPOverview(as(bina.RoleStaff, ""), "61.12.01")
		must(t, err)
		desa := len(sqlstoreRef(t).Regions.Children("61.12.01"))
		if len(o.Items) != desa || o.Reached["berdiri"] != 1 || o.Gaps["berdiri"] != desa-1 || o.Reached["badan_hukum"] != 1 || o.Reached["nomor_induk"] != 0 || o.Reached["unit_usaha"] != 0 {
			t.Fatalf("%d desa (want %d): reached %v gaps %v", len(o.Items), desa, o.Reached, o.Gaps)
		}
		for _, r := range o.Items {
			if r.VillageCode == village1a && (r.CooperativeID != ids["Koperasi Desa Merah Putih"] || r.DistrictName == "" || r.VillageName == "") {
				t.Errorf("desa 1a: %+v", r)
			}
		}
		must(t, s.SaveRAT(as(bina.RoleStaff, ""), ids["Koperasi Desa Merah Putih"], bina.RAT{BookYear: 2025, HeldOn: bina.DateOf(2026, 2, 14)}))
		o, err = s.KDMPOverview(as(bina.RoleStaff, ""), "")
		must(t, err)
		if len(o.Items) != len(sqlstoreRef(t).Regions.Villages()) || o.Reached["rat_pertama"] != 1 {
			t.Errorf("regency: %d desa, reached %v", len(o.Items), o.Reached)
		}
		for _, r := range o.Items {
			if r.CooperativeID != 0 && (r.FirstRATYear != 2025 || r.FirstRATHeldOn != bina.DateOf(2026, 2, 14)) {
				t.Errorf("first RAT: %+v", r)
			}
		}
		_, err = s.KDMPOverview(as(bina.RoleOfficer, "61.12.02"), "61.12.01")
		wantCode(t, err, bina.NotFound)
	})
}

func TestPerkembangan(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		complianceCase(t, s)
		rep, err := s.Perkembangan(as(bina.RoleStaff, ""), "", 2025)
		must(t, err)
		tot := rep.Total
		if tot.Cooperatives != 4 || tot.Active != 2 || tot.RATHeld != 2 || tot.MembersFemale != 80 || tot.SimpananPokok != 2_000_000 || tot.Health["sehat"] != 2 {
			t.Errorf("total = %+v", tot)
		}
		sum := 0
		for _, r := range rep.Items {
			sum += r.Cooperatives
			if r.RegionCode == "61.12.01" && (r.Cooperatives != 3 || r.RATHeld != 2) {
				t.Errorf("Sungai Raya = %+v", r)
			}
		}
		if sum != 4 || len(rep.Items) != len(sqlstoreRef(t).Regions.Districts()) {
			t.Errorf("%d kecamatan adding up to %d", len(rep.Items), sum)
		}
		old, err := s.Perkembangan(as(bina.RoleStaff, ""), "61.12", 2024)
		must(t, err)
		if old.Total.Cooperatives != 3 || old.Total.RATHeld != 2 {
			t.Errorf("2024, before the KDMP: %+v", old.Total)
		}
		_, err = s.Perkembangan(as(bina.RoleStaff, ""), "", 2030)
		wantCode(t, err, bina.Invalid)
	})
}
