package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// seedReach gives the bench register 3.3 records of contact per business
// on average, in bulk SQL: a completed programme participation for every
// third business and 0 to 6 coaching sessions (id mod 7) from 2019 to
// 2026, so that one in ten was never reached. The reach columns and counts are then set in bulk too; the binaan
// flag is left as it was, the figures do not read it.
func seedReach(b *testing.B, s *sqlstore.Store, engine string) {
	b.Helper()
	db := s.DB()
	var have int
	must(b, db.QueryRow(`SELECT count(*) FROM coaching_sessions`).Scan(&have))
	if have > 0 {
		return
	}
	start := time.Now()
	day := "date('2019-01-01', '+' || ((e.id * 37 + n.n * 101) % 2880) || ' days')"
	pday := "date((2019 + e.id % 8) || '-03-01', '+' || (e.id % 200) || ' days')"
	asDate := func(x string) string { return x }
	if engine == "postgres" {
		asDate = func(x string) string { return "CAST(" + x + " AS DATE)" }
		day = "DATE '2019-01-01' + CAST((e.id * 37 + n.n * 101) % 2880 AS INTEGER)"
		pday = "make_date(CAST(2019 + e.id % 8 AS INTEGER), 3, 1) + CAST(e.id % 200 AS INTEGER)"
	}
	steps := []string{
		// programmes 2019-2026
		`INSERT INTO programmes (id, name, year, kind, starts_on, ends_on, created_at, updated_at)
		WITH RECURSIVE y(y) AS (SELECT 2019 UNION ALL SELECT y + 1 FROM y WHERE y < 2026)
		SELECT y - 2018, 'Pelatihan ' || CAST(y AS TEXT), y, 'pelatihan', ` + asDate("CAST(y AS TEXT) || '-03-01'") + `, ` + asDate("CAST(y AS TEXT) || '-12-31'") + `, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM y`,
		`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at)
		SELECT 1 + e.id % 8, e.id, 'completed', ` + pday + `, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM enterprises e WHERE e.id % 3 = 0`,
		`INSERT INTO coaching_sessions (uuid, enterprise_id, held_on, mode, created_at, updated_at)
		WITH RECURSIVE n(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM n WHERE n < 5)
		SELECT 'b-' || CAST(e.id AS TEXT) || '-' || CAST(n.n AS TEXT), e.id, ` + day + `, 'visit', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
		FROM enterprises e JOIN n ON n.n < e.id % 7`,
		`CREATE TEMP TABLE bench_span AS SELECT enterprise_id, min(d) AS first_on, max(d) AS last_on FROM (
			SELECT enterprise_id, reached_on AS d FROM programme_participants UNION ALL SELECT enterprise_id, held_on FROM coaching_sessions) c
		GROUP BY enterprise_id`,
		`UPDATE enterprises SET reached_first = bench_span.first_on, reached_last = bench_span.last_on FROM bench_span WHERE bench_span.enterprise_id = enterprises.id`,
		`DROP TABLE bench_span`,
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx) // the temporary table lives in one connection
	must(b, err)
	defer conn.Close()
	for _, q := range steps {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			b.Fatalf("seed reach: %v\n%s", err, q)
		}
	}
	conn.Close()
	must(b, sqlstore.Recount(s))
	var records int
	must(b, db.QueryRow(`SELECT (SELECT count(*) FROM coaching_sessions) + (SELECT count(*) FROM programme_participants)`).Scan(&records))
	b.Logf("seeded %d participation and session records in %v", records, time.Since(start).Round(time.Millisecond))
}

// BenchmarkReach times the reach figures per kecamatan of the regency
// (ever and since a year) and per desa of a kecamatan. Target: under
// 100 ms p95 at a million businesses with 3 million records.
func BenchmarkReach(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			seedReach(b, s, engine)
			ctx := context.Background()
			districts := sqlstoretest.Reference(b, bina.DefaultConfig()).Regions.Districts()
			b.Run("per-kecamatan", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.Reach(ctx, "61.12", []int{0, 2024, 2021}[i%3])
					return err
				})
			})
			b.Run("per-desa", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.Reach(ctx, districts[i%len(districts)].Code, []int{0, 2024}[i%2])
					return err
				})
			})
			b.Run("never-reached-list", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Region: districts[i%len(districts)].Code, Reached: "never"})
					return err
				})
			})
		})
	}
}
