package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"testing"

	"bina"
	"bina/coaching"
	"bina/indicator"
	"bina/internal/sqlstore"
	"bina/supervision"
)

// coopIndicatorWorld registers four cooperatives: a KSP in desa 1a with
// its 2024 report accepted and assessed, a KSP in kecamatan 02 whose 2024
// report is submitted, a consumer cooperative in desa 1a with a draft
// only, and a KDMP in desa 1a.
func coopIndicatorWorld(t *testing.T, s *sqlstore.Store) (accepted, submitted, draft, kdmp bina.Cooperative) {
	t.Helper()
	staff := as(bina.RoleStaff, "")
	accepted = mustReportCooperative(t, s, village1a)
	acceptedExample(t, s, accepted)
	pre, err := s.PrefillHealth(staff, accepted.ID, 2024, "PERDEP-06-2016")
	must(t, err)
	_, err = s.AssessHealth(staff, supervision.HealthAssessmentRequest{CooperativeID: accepted.ID, BookYear: 2024, RuleSet: "PERDEP-06-2016", Input: exampleAnswers(pre)})
	must(t, err)

	submitted = mustReportCooperative(t, s, village2)
	must(t, s.SaveAnnualReport(staff, exampleReport(submitted)))
	_, err = s.SubmitAnnualReport(staff, submitted.ID, 2024)
	must(t, err)

	draft = newCooperative("Koperasi Konsumen Sejahtera", village1a)
	draft.Jenis = "konsumen"
	must(t, s.CreateCooperative(staff, &draft))
	must(t, s.SaveAnnualReport(staff, exampleReport(draft)))

	kdmp = newCooperative("Koperasi Desa Merah Putih Kuala Dua", village1a)
	kdmp.KDMP = true
	must(t, s.CreateCooperative(staff, &kdmp))
	return
}

// breakdown returns the items of code by by for q as key → value.
func breakdown(t *testing.T, s *sqlstore.Store, ctx context.Context, code string, q indicator.Query, by string) map[string]float64 {
	t.Helper()
	items, err := s.IndicatorBreakdown(ctx, code, q, by)
	must(t, err)
	out := map[string]float64{}
	for _, it := range items {
		out[it.Key] = it.Value
		if it.URL == "" || (by != "" && it.Label == "") {
			t.Errorf("%s by %s: item %+v", code, by, it)
		}
	}
	return out
}

// TestCoopIndicators: the figures of the 2024 reports, shown as 2025's,
// hold the example's known values; each equals the count of the list its
// URL names; breakdowns add up; and a change shows at once.
func TestCoopIndicators(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		acc, sub, _, kdmp := coopIndicatorWorld(t, s)
		admin := as(bina.RoleAdmin, "61.12")
		y2025 := indicator.Query{Year: 2025}
		ex := supervision.FiguresOf(exampleReport(acc))
		if ex.OwnCapital != 1400*juta || ex.Assets != 4850*juta || ex.SHU != 200*juta || ex.Members() != 1000 {
			t.Fatalf("example figures %+v", ex)
		}
		vs, err := s.IndicatorValues(admin, y2025)
		must(t, err)
		for code, want := range map[string]float64{
			"coop_reporting": 2, "coop_health": 1, "coop_members": 1000, "coop_own_capital": 1400 * juta, "coop_assets": 4850 * juta,
			"coop_business_volume": float64(ex.BusinessVolume), "coop_shu": 200 * juta, "kdmp_progress": 0, // founded in 2026
		} {
			if v := valueOf(t, vs, code); v.Value != want || v.Year != 2025 {
				t.Errorf("%s = %+v, want %v", code, v, want)
			}
		}

		// Each figure's list holds exactly the cooperatives counted.
		list := func(ctx context.Context, u string) float64 {
			t.Helper()
			f := bina.CooperativeFilter{Limit: 100}
			q := mustQuery(t, u)
			f.Report, f.Health, f.KDMP, f.Jenis, f.Kelompok = q.Get("laporan"), q.Get("kesehatan"), q.Get("kdmp"), q.Get("jenis"), q.Get("kelompok")
			f.Region = bina.RegionCode(q.Get("desa"))
			if f.Region == "" {
				f.Region = bina.RegionCode(q.Get("kecamatan"))
			}
			page, err := s.ListCooperatives(ctx, f)
			must(t, err)
			return float64(page.Total)
		}
		now, err := s.IndicatorValues(admin, indicator.Query{})
		must(t, err)
		counts := map[string]float64{"coop_reporting": 2, "coop_health": 1, "kdmp_progress": 1, "coop_own_capital": 1, "coop_members": 1}
		for code, want := range counts {
			v := valueOf(t, vs, code)
			if code == "kdmp_progress" {
				v = valueOf(t, now, code)
				if v.Value != want {
					t.Errorf("kdmp_progress now %+v, want %v", v, want)
				}
			}
			if got := list(admin, v.URL); got != want {
				t.Errorf("%s: list %s holds %v cooperatives, want %v", code, v.URL, got, want)
			}
		}
		if u := valueOf(t, vs, "coop_shu").URL; u != "/koperasi?laporan=2024%3Aditerima" {
			t.Errorf("coop_shu url %q", u)
		}
		// Breakdowns add up, and each key's list holds its cooperatives.
		for _, c := range []struct {
			code, by string
			want     map[string]float64
		}{
			{"coop_reporting", "region", map[string]float64{"61.12.01": 1, "61.12.02": 1}},
			{"coop_reporting", "coop_type", map[string]float64{"simpan_pinjam": 2, "konsumen": 0}},
			{"coop_reporting", "coop_group", map[string]float64{"umum": 2}},
			{"coop_health", "health_category", map[string]float64{"sehat": 1, "cukup_sehat": 0}},
			{"coop_members", "gender", map[string]float64{"L": float64(ex.MembersMale), "P": float64(ex.MembersFemale)}},
			{"coop_assets", "region", map[string]float64{"61.12.01": 4850 * juta, "61.12.02": 0}},
			{"kdmp_progress", "region", map[string]float64{"61.12.01": 1, "61.12.02": 0}},
		} {
			q, whole := y2025, valueOf(t, vs, c.code).Value
			if c.code == "kdmp_progress" {
				q, whole = indicator.Query{}, valueOf(t, now, c.code).Value
			}
			items, err := s.IndicatorBreakdown(admin, c.code, q, c.by)
			must(t, err)
			sum := 0.0
			got := map[string]float64{}
			for _, it := range items {
				sum += it.Value
				got[it.Key] = it.Value
				if it.Label == "" || it.URL == "" {
					t.Errorf("%s by %s: item %+v", c.code, c.by, it)
				}
				if want, ok := counts[c.code]; ok && want > 0 && c.code != "coop_members" && it.Key != "-" {
					if n := list(admin, it.URL); n != it.Value {
						t.Errorf("%s by %s %s = %v, list %s holds %v", c.code, c.by, it.Key, it.Value, it.URL, n)
					}
				}
			}
			for k, want := range c.want {
				if got[k] != want {
					t.Errorf("%s by %s: %s = %v, want %v (%v)", c.code, c.by, k, got[k], want, got)
				}
			}
			if sum != whole {
				t.Errorf("%s by %s adds up to %v, want %v", c.code, c.by, sum, whole)
			}
		}
		// The register's counts by type and group, against their lists.
		for _, c := range []struct{ code, by, key string }{
			{"coop_registered", "coop_type", "simpan_pinjam"}, {"coop_registered", "coop_group", "kdmp"}, {"coop_active", "coop_type", "simpan_pinjam"},
		} {
			items, err := s.IndicatorBreakdown(admin, c.code, indicator.Query{}, c.by)
			must(t, err)
			sum := 0.0
			for _, it := range items {
				sum += it.Value
				f := bina.CooperativeFilter{Active: mustQuery(t, it.URL).Get("aktif")}
				f.Jenis, f.Kelompok = mustQuery(t, it.URL).Get("jenis"), mustQuery(t, it.URL).Get("kelompok")
				page, err := s.ListCooperatives(admin, f)
				must(t, err)
				if float64(page.Total) != it.Value {
					t.Errorf("%s by %s %s = %v, list %s holds %d", c.code, c.by, it.Key, it.Value, it.URL, page.Total)
				}
			}
			if whole := valueOf(t, now, c.code).Value; sum != whole || (c.code == "coop_registered" && whole == 0) {
				t.Errorf("%s by %s adds up to %v, want %v", c.code, c.by, sum, whole)
			}
		}
		if ms := breakdown(t, s, admin, "coop_members", y2025, "gender"); ms["L"]+ms["P"]+ms["-"] != 1000 {
			t.Errorf("members by gender %v", ms)
		}
		// An officer of kecamatan 02 sees the one there.
		if v := breakdown(t, s, as(bina.RoleOfficer, "61.12.02"), "coop_reporting", y2025, ""); v[""] != 1 {
			t.Errorf("officer's reporting %v", v)
		}
		// The current year reads book year 2025: nothing yet.
		if v := breakdown(t, s, admin, "coop_reporting", indicator.Query{}, ""); v[""] != 0 {
			t.Errorf("2026 reporting %v", v)
		}
		if trend := breakdown(t, s, admin, "coop_assets", indicator.Query{}, "year"); trend["2025"] != 4850*juta || trend["2026"] != 0 {
			t.Errorf("assets by year %v", trend)
		}

		// A change shows at once: accepting the second report, moving a
		// cooperative, archiving and restoring one.
		staff := as(bina.RoleStaff, "")
		_, err = s.AcceptAnnualReport(staff, sub.ID, 2024)
		must(t, err)
		if v := breakdown(t, s, admin, "coop_assets", y2025, "region"); v["61.12.02"] != 4850*juta {
			t.Errorf("after accepting: assets by region %v", v)
		}
		moved, err := s.FindCooperative(staff, acc.ID)
		must(t, err)
		moved.VillageCode, moved.Jenis = village2, "serba_usaha"
		must(t, s.UpdateCooperative(staff, moved))
		if v := breakdown(t, s, admin, "coop_own_capital", y2025, "region"); v["61.12.01"] != 0 || v["61.12.02"] != 2800*juta {
			t.Errorf("after moving: own capital by region %v", v)
		}
		if v := breakdown(t, s, admin, "coop_health", y2025, "coop_type"); v["serba_usaha"] != 1 || v["simpan_pinjam"] != 0 {
			t.Errorf("after moving: health by type %v", v)
		}
		must(t, s.ArchiveCooperative(staff, acc.ID, "bubar"))
		if v := breakdown(t, s, admin, "coop_reporting", y2025, ""); v[""] != 1 {
			t.Errorf("after archiving: reporting %v", v)
		}
		must(t, s.RestoreCooperative(staff, acc.ID))
		if v := breakdown(t, s, admin, "coop_reporting", y2025, ""); v[""] != 2 {
			t.Errorf("after restoring: reporting %v", v)
		}
		k, err := s.FindCooperative(staff, kdmp.ID)
		must(t, err)
		must(t, s.ArchiveCooperative(staff, k.ID, "ganda"))
		if v := breakdown(t, s, admin, "kdmp_progress", indicator.Query{}, ""); v[""] != 0 {
			t.Errorf("after archiving the KDMP: %v", v)
		}

		// Bad filters are refused.
		for _, f := range []bina.CooperativeFilter{{Report: "2024:semua"}, {Report: "tahun"}, {Health: "2024:baik"}} {
			_, err := s.ListCooperatives(admin, f)
			wantCode(t, err, bina.Invalid)
		}
	})
}

// TestCoopFiguresConsistent: after a run of changes, the kept sums equal
// those computed again from the reports and assessments, and their rows
// a direct count of the reports.
func TestCoopFiguresConsistent(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		acc, sub, draft, _ := coopIndicatorWorld(t, s)
		staff := as(bina.RoleStaff, "")
		ctx := context.Background()
		_, err := s.AcceptAnnualReport(staff, sub.ID, 2024)
		must(t, err)
		// A correction accepted with other figures replaces the first.
		_, err = s.CorrectAnnualReport(staff, acc.ID, 2024, "kas salah")
		must(t, err)
		r, err := s.FindAnnualReport(staff, acc.ID, 2024)
		must(t, err)
		r.Neraca["kas"] += 10 * juta
		r.Neraca["simpanan_sukarela"] += 10 * juta
		for _, l := range supervision.NeracaLines {
			if l.Derived {
				delete(r.Neraca, l.Code)
			}
		}
		r.Derive()
		must(t, s.SaveAnnualReport(staff, r))
		_, err = s.SubmitAnnualReport(staff, acc.ID, 2024)
		must(t, err)
		_, err = s.AcceptAnnualReport(staff, acc.ID, 2024)
		must(t, err)
		_, err = s.SubmitAnnualReport(staff, draft.ID, 2024)
		must(t, err)
		_, err = s.ReturnAnnualReport(staff, draft.ID, 2024, "lampiran kurang")
		must(t, err)
		moved, err := s.FindCooperative(staff, sub.ID)
		must(t, err)
		moved.Kelompok = "karyawan"
		must(t, s.UpdateCooperative(staff, moved))

		v := breakdown(t, s, as(bina.RoleAdmin, "61.12"), "coop_assets", indicator.Query{Year: 2025}, "")
		if v[""] != 2*4850*juta+10*juta {
			t.Errorf("assets after the correction %v", v)
		}
		// A direct count over the reports.
		var reported int
		must(t, db.QueryRowContext(ctx, `SELECT count(DISTINCT cooperative_id) FROM annual_reports WHERE book_year = 2024 AND state IN ('submitted', 'accepted')`).Scan(&reported))
		if rep := breakdown(t, s, as(bina.RoleAdmin, "61.12"), "coop_reporting", indicator.Query{Year: 2025}, ""); rep[""] != float64(reported) || reported != 2 {
			t.Errorf("reporting %v, direct count %d", rep, reported)
		}

		sums := func() string {
			t.Helper()
			rows, err := db.QueryContext(ctx, `SELECT book_year, region_code, parent_code, dim, value, cooperatives, reported, accepted, assessed,
	own_capital, assets, business_volume, shu, members_female, members_male, members_other FROM coop_figure_sums
ORDER BY book_year, region_code, dim, value`)
			must(t, err)
			defer rows.Close()
			out := ""
			for rows.Next() {
				var y, n, rp, ac, hs, oc, as, bv, shu, mf, mm, mo int64
				var r, pa, d, v string
				must(t, rows.Scan(&y, &r, &pa, &d, &v, &n, &rp, &ac, &hs, &oc, &as, &bv, &shu, &mf, &mm, &mo))
				out += fmt.Sprintln(y, r, pa, d, v, n, rp, ac, hs, oc, as, bv, shu, mf, mm, mo)
			}
			must(t, rows.Err())
			return out
		}
		kept := sums()
		if kept == "" {
			t.Fatal("no sums kept")
		}
		if _, err := db.ExecContext(ctx, `UPDATE coop_figures_version SET version = 0`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM coop_figure_sums`); err != nil {
			t.Fatal(err)
		}
		must(t, s.Migrate(ctx))
		if again := sums(); again != kept {
			t.Errorf("kept sums:\n%s\ncomputed again:\n%s", kept, again)
		}
	})
}

// TestProgrammeBudgetAndOutcomes: the budget sums the year's programmes
// that the programme list shows, the outcomes the "after" milestones of
// each programme's outcome page.
func TestProgrammeBudgetAndOutcomes(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := context.Background()
		a := mustCreate(t, ctx, s, newEnterprise("Keripik Ayu", village1a))
		b := mustCreate(t, ctx, s, newEnterprise("Ikan Asin Bahari", village2))
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.ExecContext(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		for _, g := range []struct {
			id, year int
			region   string
			budget   int64
		}{{1, 2026, "", 150 * juta}, {2, 2026, "61.12.02", 40 * juta}, {3, 2025, "61.12.01", 25 * juta}} {
			exec(`INSERT INTO programmes (id, name, year, kind, region_code, starts_on, ends_on, funding_amount, created_at, updated_at) VALUES ($1, 'Pelatihan', $2, 'pelatihan', $3, $4, $4, $5, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
				g.id, g.year, g.region, fmt.Sprintf("%d-03-01", g.year), g.budget)
		}
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (1, $1, 'completed', '2026-03-01', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, a.ID)
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (1, $1, 'absent', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, b.ID)
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (2, $1, 'attended', '2026-03-01', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, b.ID)
		staff := as(bina.RoleStaff, "")
		record := func(e bina.Enterprise, day bina.Date) {
			t.Helper()
			m := coaching.Milestone{UUID: fmt.Sprintf("0b8e4c1a-5d2f-4c3e-9a7b-%012d", e.ID*100+int64(day.Time().YearDay())), EnterpriseID: e.ID, Kind: coaching.MilestoneJobsCreated, Date: day, Jobs: 2}
			_, err := s.RecordMilestone(staff, &m)
			must(t, err)
		}
		record(a, bina.DateOf(2026, 2, 1)) // before the programme: not an outcome
		record(a, bina.DateOf(2026, 6, 1))
		record(b, bina.DateOf(2026, 7, 1)) // an outcome of programme 2 only: b was absent from 1

		admin := as(bina.RoleAdmin, "61.12")
		outcomes := func(q indicator.Query) (budget, milestones float64) {
			vs, err := s.IndicatorValues(admin, q)
			must(t, err)
			return valueOf(t, vs, "programme_budget").Value, valueOf(t, vs, "programme_outcomes").Value
		}
		// The programme list of the year and each programme's outcome page.
		fromPages := func(year int) (budget, milestones float64) {
			page, err := s.ListProgrammes(admin, coaching.ProgrammeFilter{Year: year, Limit: 100})
			must(t, err)
			for _, g := range page.Items {
				budget += float64(g.FundingAmount)
				o, err := coaching.ProgrammeOutcomes(admin, s, s, &g)
				must(t, err)
				for _, x := range o.After {
					milestones += float64(x.Milestones)
				}
			}
			return budget, milestones
		}
		for _, year := range []int{2026, 2025} {
			gb, gm := outcomes(indicator.Query{Year: year})
			pb, pm := fromPages(year)
			if gb != pb || gm != pm {
				t.Errorf("%d: budget %v outcomes %v, pages %v %v", year, gb, gm, pb, pm)
			}
		}
		if gb, gm := outcomes(indicator.Query{}); gb != 190*juta || gm != 2 {
			t.Errorf("2026: budget %v outcomes %v, want 190 juta and 2", gb, gm)
		}
		if gb, _ := outcomes(indicator.Query{Region: "61.12.01"}); gb != 150*juta {
			t.Errorf("kecamatan 01: budget %v", gb)
		}
		// A milestone recorded shows at once.
		record(a, bina.DateOf(2026, 8, 1))
		if _, gm := outcomes(indicator.Query{}); gm != 3 {
			t.Errorf("after a milestone: outcomes %v", gm)
		}
		if trend := breakdown(t, s, admin, "programme_budget", indicator.Query{}, "year"); trend["2025"] != 25*juta || trend["2026"] != 190*juta {
			t.Errorf("budget by year %v", trend)
		}
	})
}

// mustQuery returns the query of the URL u.
func mustQuery(t *testing.T, u string) url.Values {
	t.Helper()
	x, err := url.Parse(u)
	must(t, err)
	return x.Query()
}
