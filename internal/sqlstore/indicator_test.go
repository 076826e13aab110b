package sqlstore_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"bina"
	"bina/indicator"
	"bina/internal/sqlstore"
	"bina/supervision"
)

// indicatorWorld is a store with generated enterprises and cooperatives.
func indicatorWorld(t *testing.T, s *sqlstore.Store) []bina.Enterprise {
	ref := sqlstoreRef(t)
	ents := genEnterprises(ref, 13, 0, 400)
	must(t, s.BulkLoad(system, ents, genCooperatives(ref, 13, 0, 60)))
	return ents
}

// valueOf returns the value of code among vs.
func valueOf(t *testing.T, vs []indicator.Value, code string) indicator.Value {
	t.Helper()
	for _, v := range vs {
		if v.Code == code {
			return v
		}
	}
	t.Fatalf("no indicator %s in %v", code, vs)
	return indicator.Value{}
}

// TestIndicatorsMatchLists: every count indicator of the current year
// equals the total of the list its URL names, for the deployment and for
// a kecamatan; umkm_registered equals the UMKM list's total and
// coop_active the cooperative list's active count.
func TestIndicatorsMatchLists(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		indicatorWorld(t, s)
		ctx := as(bina.RoleAdmin, "61.12")
		for _, region := range []bina.RegionCode{"", "61.12.01", village1a} {
			vs, err := s.IndicatorValues(ctx, indicator.Query{Region: region})
			must(t, err)
			ent := func(f bina.EnterpriseFilter) float64 {
				f.Region = region
				page, err := s.ListEnterprises(ctx, f)
				must(t, err)
				return float64(page.Total)
			}
			coop := func(f bina.CooperativeFilter) float64 {
				f.Region = region
				page, err := s.ListCooperatives(ctx, f)
				must(t, err)
				return float64(page.Total)
			}
			for code, want := range map[string]float64{
				"umkm_registered":    ent(bina.EnterpriseFilter{}),
				"umkm_binaan":        ent(bina.EnterpriseFilter{Binaan: "ya"}),
				"umkm_verified":      ent(bina.EnterpriseFilter{Verification: "terverifikasi"}),
				"umkm_never_reached": ent(bina.EnterpriseFilter{Reached: "never"}),
				"umkm_reached":       ent(bina.EnterpriseFilter{Reached: "since:2026"}),
				"coop_registered":    coop(bina.CooperativeFilter{}),
				"coop_active":        coop(bina.CooperativeFilter{Active: "ya"}),
			} {
				v := valueOf(t, vs, code)
				if v.Value != want {
					t.Errorf("%s in %q = %v, list total %v", code, region, v.Value, want)
				}
				if v.Year != 2026 || v.URL == "" {
					t.Errorf("%s: year %d url %q", code, v.Year, v.URL)
				}
			}
			counts, err := s.ComplianceCounts(ctx, supervision.ComplianceFilter{BookYear: 2025, Region: region})
			must(t, err)
			if got, want := valueOf(t, vs, "coop_rat_on_time").Value, float64(counts.ByStatus[supervision.ComplianceOnTime]); got != want {
				t.Errorf("coop_rat_on_time in %q = %v, compliance page %v", region, got, want)
			}
			if region == "" && valueOf(t, vs, "umkm_registered").Value != 400 {
				t.Errorf("umkm_registered %v, want 400", valueOf(t, vs, "umkm_registered").Value)
			}
		}
		vs, err := s.IndicatorValues(ctx, indicator.Query{Region: "61.12.01"})
		must(t, err)
		if u := valueOf(t, vs, "umkm_binaan").URL; u != "/umkm?binaan=ya&kecamatan=61.12.01" {
			t.Errorf("umkm_binaan url %q", u)
		}
	})
}

// TestIndicatorBreakdowns: a breakdown's parts add up to the figure, a
// past year counts the records that existed at its end, and bad
// questions get clear errors.
func TestIndicatorBreakdowns(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ents := indicatorWorld(t, s)
		ctx := as(bina.RoleAdmin, "61.12")
		vs, err := s.IndicatorValues(ctx, indicator.Query{})
		must(t, err)
		for _, c := range []struct{ code, by string }{
			{"umkm_registered", "region"}, {"umkm_registered", "size"}, {"umkm_registered", "kbli_section"}, {"umkm_registered", "gender"},
			{"umkm_binaan", "region"}, {"umkm_binaan", "gender"}, {"umkm_never_reached", "region"}, {"coop_active", "region"},
		} {
			items, err := s.IndicatorBreakdown(ctx, c.code, indicator.Query{}, c.by)
			must(t, err)
			sum := 0.0
			for _, it := range items {
				sum += it.Value
				if it.Key == "" || it.Label == "" || it.URL == "" {
					t.Errorf("%s by %s: item %+v", c.code, c.by, it)
				}
			}
			if want := valueOf(t, vs, c.code).Value; sum != want {
				t.Errorf("%s by %s adds up to %v, want %v", c.code, c.by, sum, want)
			}
		}
		share, err := s.IndicatorBreakdown(ctx, "umkm_women_owned_share", indicator.Query{}, "size")
		must(t, err)
		for _, it := range share {
			if it.Value < 0 || it.Value > 100 {
				t.Errorf("share %+v", it)
			}
		}

		// A past year: records created before its end.
		loc := bina.ZoneOf("61.12").Location()
		want := 0
		for _, e := range ents {
			if e.CreatedAt.Before(time.Date(2024, 1, 1, 0, 0, 0, 0, loc)) {
				want++
			}
		}
		trend, err := s.IndicatorBreakdown(ctx, "umkm_registered", indicator.Query{}, "year")
		must(t, err)
		if len(trend) != 5 || trend[4].Key != "2026" || trend[4].Value != 400 {
			t.Fatalf("trend %+v", trend)
		}
		if trend[1].Key != "2023" || trend[1].Value != float64(want) {
			t.Errorf("2023: %+v, want %d", trend[1], want)
		}
		past, err := s.IndicatorValues(ctx, indicator.Query{Year: 2023})
		must(t, err)
		if v := valueOf(t, past, "umkm_registered"); v.Value != float64(want) || v.Year != 2023 {
			t.Errorf("2023 registered %+v, want %d", v, want)
		}
		for _, v := range past {
			if v.Code == "umkm_binaan" {
				t.Errorf("a past year lists binaan, which only the current year knows")
			}
		}

		for _, c := range []struct {
			code, by string
			q        indicator.Query
			ctx      context.Context
			want     bina.Code
		}{
			{"tidak_ada", "region", indicator.Query{}, ctx, bina.NotFound},
			{"coop_active", "gender", indicator.Query{}, ctx, bina.Invalid},
			{"umkm_registered", "warna", indicator.Query{}, ctx, bina.Invalid},
			{"umkm_registered", "region", indicator.Query{Region: "61.71"}, ctx, bina.Invalid},
			{"umkm_registered", "region", indicator.Query{Year: 2099}, ctx, bina.Invalid},
			{"umkm_binaan", "region", indicator.Query{Year: 2023}, ctx, bina.Invalid},
			{"umkm_registered", "region", indicator.Query{Region: "61.12.02"}, as(bina.RoleOfficer, "61.12.01"), bina.NotFound},
		} {
			_, err := s.IndicatorBreakdown(c.ctx, c.code, c.q, c.by)
			if bina.ErrorCode(err) != c.want {
				t.Errorf("%s by %s %+v: %v, want %s", c.code, c.by, c.q, err, c.want)
			}
		}
		// An officer's figures are those of the area.
		mine, err := s.IndicatorValues(as(bina.RoleOfficer, "61.12.01"), indicator.Query{})
		must(t, err)
		hers, err := s.IndicatorValues(ctx, indicator.Query{Region: "61.12.01"})
		must(t, err)
		if a, b := valueOf(t, mine, "umkm_registered"), valueOf(t, hers, "umkm_registered"); a.Value != b.Value || a.RegionCode != "61.12.01" {
			t.Errorf("officer %+v, admin of the kecamatan %+v", a, b)
		}
	})
}

// TestIndicatorProgrammes: programmes count those of the year that concern
// the region, participants those who took part.
func TestIndicatorProgrammes(t *testing.T) {
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
			id     int
			year   int
			region string
		}{{1, 2026, ""}, {2, 2026, "61.12.02"}, {3, 2025, "61.12.01"}} {
			exec(`INSERT INTO programmes (id, name, year, kind, region_code, starts_on, ends_on, created_at, updated_at) VALUES ($1, 'Pelatihan', $2, 'pelatihan', $3, '2026-03-01', '2026-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, g.id, g.year, g.region)
		}
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (1, $1, 'completed', '2026-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, a.ID)
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (1, $1, 'absent', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, b.ID)
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (2, $1, 'attended', '2026-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, b.ID)
		admin := as(bina.RoleAdmin, "61.12")
		for _, c := range []struct {
			q                      indicator.Query
			programmes, takenParts float64
		}{
			{indicator.Query{}, 2, 2},
			{indicator.Query{Region: "61.12.01"}, 1, 1},
			{indicator.Query{Region: "61.12.02"}, 2, 1},
			{indicator.Query{Year: 2025}, 1, 0},
		} {
			vs, err := s.IndicatorValues(admin, c.q)
			must(t, err)
			if g, p := valueOf(t, vs, "programmes").Value, valueOf(t, vs, "programme_participants").Value; g != c.programmes || p != c.takenParts {
				t.Errorf("%+v: programmes %v participants %v, want %v %v", c.q, g, p, c.programmes, c.takenParts)
			}
		}
		byGender, err := s.IndicatorBreakdown(admin, "programme_participants", indicator.Query{}, "gender")
		must(t, err)
		if len(byGender) != 2 || byGender[1].Key != "P" || byGender[1].Value != 2 {
			t.Errorf("participants by gender %+v", byGender)
		}
	})
}
