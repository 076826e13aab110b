package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"bina"
	"bina/indicator"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestDemoCoopIndicators checks on both engines that the demo's
// cooperative and programme figures of 2025 tell a story: reports,
// assessments in more than one category, members of both sexes, capital,
// assets, volume and SHU, KDMP founded, programme budgets and outcomes.
func TestDemoCoopIndicators(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := filepath.Join(t.TempDir(), "bina.db")
			if engine == "postgres" {
				dsn = sqlstoretest.DSN(t, engine)
			}
			var out bytes.Buffer
			if err := run(ctx, []string{"demo", "--db", dsn}, env(nil), nil, &out, &out); err != nil {
				t.Fatalf("demo: %v %s", err, out.String())
			}
			store, _, err := (&common{db: dsn, region: "61.12", binaanYears: bina.DefaultConfig().BinaanYears}).open(ctx, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			vs, err := store.IndicatorValues(ctx, indicator.Query{Year: 2025})
			if err != nil {
				t.Fatal(err)
			}
			value := map[string]float64{}
			for _, v := range vs {
				value[v.Code] = v.Value
			}
			for _, code := range []string{"coop_reporting", "coop_health", "coop_members", "coop_own_capital", "coop_assets",
				"coop_business_volume", "coop_shu", "programme_budget", "programme_outcomes"} {
				if value[code] <= 0 {
					t.Errorf("2025 %s = %v", code, value[code])
				}
			}
			listed := func(f bina.CooperativeFilter) float64 {
				f.Limit = 1
				page, err := store.ListCooperatives(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				return float64(page.Total)
			}
			if n := listed(bina.CooperativeFilter{Report: "2024"}); value["coop_reporting"] != n {
				t.Errorf("coop_reporting %v, list %v", value["coop_reporting"], n)
			}
			if n := listed(bina.CooperativeFilter{KDMP: "ya"}); value["kdmp_progress"] != 123 || n != 123 {
				t.Errorf("kdmp_progress %v, list %v, want a KDMP in each of the 123 desa", value["kdmp_progress"], n)
			}
			categories := 0
			health, err := store.IndicatorBreakdown(ctx, "coop_health", indicator.Query{Year: 2025}, "health_category")
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range health {
				if it.Value > 0 {
					categories++
				}
			}
			members, err := store.IndicatorBreakdown(ctx, "coop_members", indicator.Query{Year: 2025}, "gender")
			if err != nil {
				t.Fatal(err)
			}
			if categories < 3 || len(members) < 2 || members[0].Value <= 0 || members[1].Value <= 0 {
				t.Errorf("health by category %+v, members by gender %+v", health, members)
			}
		})
	}
}
