package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"bina"
	"bina/internal/demo"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/supervision"
)

// TestDemoAnnualReports checks on both engines that `bina demo` loads the
// annual reports derived from the RAT records, and that the active
// cooperatives are still those the RATs make active.
func TestDemoAnnualReports(t *testing.T) {
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
			store, ref, err := (&common{db: dsn, region: "61.12", binaanYears: bina.DefaultConfig().BinaanYears}).open(ctx, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			data := demo.Generate(ref, demo.Options{Seed: 1, Now: ref.Clock()})
			since := bina.ActiveSinceBookYear(ref.Clock(), ref.Config.RATTolerance)
			want := 0
			for _, c := range data.Cooperatives {
				for _, r := range c.RATs {
					if !r.HeldOn.IsZero() && r.BookYear >= since {
						want++
						break
					}
				}
			}
			counts, err := store.CooperativeCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			active := 0
			for _, c := range counts {
				active += c.Active
			}
			if active != want {
				t.Errorf("active cooperatives = %d, the RATs make %d", active, want)
			}
			accepted, total := 0, 0
			for i := int64(1); i <= 40; i++ {
				reports, err := store.ListAnnualReports(ctx, i)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range reports {
					total++
					if r.State == supervision.ReportAccepted && !supervision.HasReportErrors(r.Problems) {
						accepted++
					}
				}
			}
			if total == 0 || accepted == 0 {
				t.Errorf("the first 40 cooperatives have %d reports, %d accepted without errors", total, accepted)
			}
		})
	}
}
