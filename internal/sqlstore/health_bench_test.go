package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/supervision"
)

// healthBenchStore returns a store holding BINA_BENCH_HEALTH cooperatives
// (default 2,000; the figure is 150,000), each with an accepted
// annual report for 2023 and 2024 made from the worked example with its
// figures varied, so that categories differ. The database is kept in the
// temporary directory (a PostgreSQL schema), named after the scale and the
// schema, for the next run.
//
//	BINA_BENCH_HEALTH=150000 go test ./internal/sqlstore -run '^$' -bench Health -benchtime 1x
func healthBenchStore(b *testing.B, engine string) (*sqlstore.Store, int) {
	b.Helper()
	n := benchEnv(b, "BINA_BENCH_HEALTH", 2_000)
	ctx := context.Background()
	ref := sqlstoretest.Reference(b, bina.DefaultConfig())
	ref.Now = func() time.Time { return sqlstoretest.Now }
	s, dsn := openBenchStore(b, engine, ref, fmt.Sprintf("health_%d", n))
	db := rawDB(b, engine, dsn)
	var have int
	must(b, db.QueryRow(`SELECT count(DISTINCT cooperative_id) FROM annual_reports`).Scan(&have))
	if have >= n {
		return s, n
	}
	start := time.Now()
	for at := have; at < n; at += 10_000 {
		cs := genCooperatives(ref, 12, at, min(10_000, n-at))
		for i := range cs {
			cs[i].RATs = nil
		}
		must(b, s.BulkLoad(ctx, nil, cs))
	}
	var ids []int64
	rows, err := db.Query(`SELECT id FROM cooperatives ORDER BY id`)
	must(b, err)
	for rows.Next() {
		var id int64
		must(b, rows.Scan(&id))
		ids = append(ids, id)
	}
	must(b, rows.Err())
	seedHealthReports(b, db, ids)
	b.Logf("seeded %d cooperatives with accepted 2023 and 2024 reports in %v", n-have, time.Since(start).Round(time.Millisecond))
	return s, n
}

// seedHealthReports inserts accepted reports for 2023 and 2024 of every
// cooperative, in multi-row statements.
func seedHealthReports(b *testing.B, db *sql.DB, ids []int64) {
	cols := []string{"cooperative_id", "book_year", "version", "state", "jenis", "pola", "rat_held_on", "neraca", "phu",
		"kolektibilitas", "schedules", "members", "shu_distribution", "created_at", "updated_at"}
	const rowsPer = 200
	now := sqlstoretest.Now
	tx, err := db.Begin()
	must(b, err)
	for start := 0; start < len(ids); start += rowsPer {
		part := ids[start:min(start+rowsPer, len(ids))]
		var vals []string
		var args []any
		for _, id := range part {
			for _, year := range []int{2023, 2024} {
				r := supervision.ExampleReport(1_000_000 + (id%7)*50_000)
				// Vary the figures so that ratios cross bands.
				r.Neraca["kas"] += (id % 11) * 40_000_000
				r.Kolektibilitas["macet"] += (id % 5) * 30_000_000
				r.Kolektibilitas["lancar"] -= (id % 5) * 30_000_000
				if year == 2023 {
					r.Neraca["simpanan_wajib"] -= 60_000_000
				}
				var ph []string
				for range cols {
					ph = append(ph, fmt.Sprintf("$%d", len(args)+len(ph)+1))
				}
				vals = append(vals, "("+strings.Join(ph, ", ")+")")
				js := func(v any) string { j, _ := json.Marshal(v); return string(j) }
				args = append(args, id, year, 1, "accepted", r.Jenis, r.Pola, bina.DateOf(year+1, 3, 15).String(), js(r.Neraca), js(r.PHU),
					js(r.Kolektibilitas), js(r.Schedules), js(r.Members), js(r.SHUDistribution), now, now)
			}
		}
		_, err := tx.Exec(`INSERT INTO annual_reports (`+strings.Join(cols, ", ")+`) VALUES `+strings.Join(vals, ", "), args...)
		must(b, err)
	}
	must(b, tx.Commit())
}

// BenchmarkAssessHealth times one assessment as a supervisor runs it: the
// accepted report and the year before read, computed, stored with the RAT
// record kept in step. Target: computing it under 5 ms (see
// BenchmarkComputeHealth in package bina for the computation alone).
func BenchmarkAssessHealth(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s, _ := healthBenchStore(b, engine)
			staff := as(bina.RoleStaff, "")
			measure(b, func(i int) error {
				_, err := s.AssessHealth(staff, supervision.HealthAssessmentRequest{CooperativeID: int64(1 + i%100), BookYear: 2024, RuleSet: "PERDEP-06-2016"})
				return err
			})
		})
	}
}

// BenchmarkReassessHealthYear times recomputing every assessment of a
// book year as new versions. Target: under 30 s at 150,000 cooperatives.
func BenchmarkReassessHealthYear(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s, n := healthBenchStore(b, engine)
			staff := as(bina.RoleStaff, "")
			// The machine is shared: beside the wall time, the process's
			// own CPU time per recomputation (the SQLite engine runs in
			// it; PostgreSQL's server time is not counted).
			before := cpuTime()
			runs := 0
			for b.Loop() {
				got, err := s.ReassessHealthYear(staff, 2024, "PERDEP-06-2016")
				must(b, err)
				if got < n {
					b.Fatalf("recomputed %d of %d", got, n)
				}
				runs++
			}
			b.ReportMetric(float64(n), "cooperatives")
			b.ReportMetric((cpuTime()-before).Seconds()/float64(runs), "cpu-s/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
