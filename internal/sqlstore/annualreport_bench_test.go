package sqlstore_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/supervision"
)

// BenchmarkSaveAnnualReport saves a cooperative's draft report with its
// validation (against the year before) in a store of
// BINA_BENCH_COOPERATIVES cooperatives (default 300) with ten years of
// accepted reports each (issue 12's budget: under 50 ms):
//
//	BINA_BENCH_COOPERATIVES=150000 go test ./internal/sqlstore -run '^$' -bench SaveAnnualReport -benchtime 200x
func BenchmarkSaveAnnualReport(b *testing.B) {
	n := 300
	if v := os.Getenv("BINA_BENCH_COOPERATIVES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("BINA_BENCH_COOPERATIVES=%q: want a positive number", v)
		}
	}
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.Open(b, engine)
			ctx := context.Background()
			ref := sqlstoreRef(b)
			start := time.Now()
			const batch = 5000
			for done := 0; done < n; done += batch {
				coops := genCooperatives(ref, 7, done, min(batch, n-done))
				must(b, s.BulkLoad(ctx, nil, coops))
				var reports []supervision.AnnualReport
				for _, c := range coops {
					for y := 2015; y <= 2024; y++ {
						r := supervision.ExampleReport(int64(1000 * (1 + c.ID%500)))
						r.CooperativeID, r.BookYear, r.RATHeldOn, r.State = c.ID, y, bina.DateOf(y+1, 3, 15), supervision.ReportAccepted
						reports = append(reports, *r)
					}
				}
				must(b, s.BulkLoadAnnualReports(ctx, reports))
			}
			b.Logf("%s: %d cooperatives, %d reports loaded in %s", engine, n, 10*n, time.Since(start).Round(time.Second))
			target := int64(n/2 + 1)
			staff := as(bina.RoleStaff, "")
			r := supervision.ExampleReport(1_000_000)
			r.CooperativeID, r.BookYear, r.RATHeldOn = target, 2025, bina.DateOf(2026, 3, 15)
			must(b, s.SaveAnnualReport(staff, r))
			if engine == "sqlite" {
				// The bulk load leaves a large write-ahead log; its
				// checkpoint is the load's cost, not a save's.
				_, err := s.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
				must(b, err)
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				x := supervision.ExampleReport(1_000_000)
				x.CooperativeID, x.BookYear, x.RATHeldOn = target, 2025, bina.DateOf(2026, 3, 15)
				x.Neraca["kas"] += int64(i % 2) // a change each time
				if err := s.SaveAnnualReport(staff, x); err != nil {
					b.Fatal(err)
				}
				if supervision.HasReportErrors(x.Problems) {
					b.Fatalf("problems %+v", x.Problems)
				}
			}
		})
	}
}
