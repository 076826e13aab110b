package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// Benchmarks run on a register of BINA_BENCH_SCALE enterprises (default
// 100,000; the targets are stated for 1,000,000). The seeded database is
// built once per scale and engine and kept for later runs: a SQLite file
// in the temporary directory, a PostgreSQL schema bina_bench_<scale>_<hash
// of the migrations>.
//
//	BINA_BENCH_SCALE=1000000 go test ./internal/sqlstore -run '^$' -bench . -benchtime 200x

const benchBatch = 50_000

func benchScale(b *testing.B) int { return benchEnv(b, "BINA_BENCH_SCALE", 100_000) }

// benchEnv returns the positive number in the environment variable name,
// or def when it is not set.
func benchEnv(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// benchStore opens the seeded register for engine, building it when it is
// missing or incomplete.
func benchStore(b *testing.B, engine string) *sqlstore.Store {
	b.Helper()
	return benchStoreOf(b, engine, bina.DefaultConfig(), "")
}

// benchStoreOf is benchStore for the deployment of cfg, its cache named
// with prefix besides the scale.
// openBenchStore opens and migrates the benchmark database called name:
// a file in the temporary directory, or a PostgreSQL schema, kept for the
// next run. The name gets a hash of the migrations, so that a change of
// the schema builds a new one. It returns the store and its DSN.
func openBenchStore(b *testing.B, engine string, ref bina.Reference, name string) (*sqlstore.Store, string) {
	b.Helper()
	h := sha256.New()
	files, _ := filepath.Glob(filepath.Join("migrations", engine, "*.sql"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		h.Write(src)
	}
	tag := fmt.Sprintf("%s_%x", name, h.Sum(nil)[:4])
	dsn := filepath.Join(os.TempDir(), "bina-bench-"+tag+".db")
	if engine == "postgres" {
		schema := "bina_bench_" + tag
		admin := rawDB(b, "postgres", os.Getenv(sqlstoretest.EnvPostgres))
		if _, err := admin.Exec(`CREATE SCHEMA IF NOT EXISTS ` + schema); err != nil {
			b.Fatal(err)
		}
		dsn = sqlstoretest.WithSearchPath(b, os.Getenv(sqlstoretest.EnvPostgres), schema)
	}
	s, err := sqlstore.Open(context.Background(), dsn, ref, sqlstoretest.Hasher{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return s, dsn
}

func benchStoreOf(b *testing.B, engine string, cfg bina.Config, prefix string) *sqlstore.Store {
	b.Helper()
	scale := benchScale(b)
	ctx := context.Background()
	ref := sqlstoretest.Reference(b, cfg)
	ref.Now = func() time.Time { return sqlstoretest.Now }
	s, dsn := openBenchStore(b, engine, ref, fmt.Sprintf("%s%d", prefix, scale))
	have := benchCount(b, engine, dsn)
	if have == scale {
		return s
	}
	if have > scale {
		b.Fatalf("%s holds %d enterprises, more than the scale %d; remove it", dsn, have, scale)
	}
	b.Logf("seeding %s with %d enterprises (have %d)", engine, scale, have)
	start := time.Now()
	if have == 0 {
		must(b, s.BulkLoad(ctx, nil, genCooperatives(ref, 7, 0, 700)))
	}
	for at := have; at < scale; at += benchBatch {
		n := min(benchBatch, scale-at)
		must(b, s.BulkLoad(ctx, genEnterprises(ref, 7, at, n), nil))
	}
	b.Logf("seeded %d enterprises in %v", scale-have, time.Since(start).Round(time.Millisecond))
	return s
}

func benchCount(b *testing.B, engine, dsn string) int {
	var n int
	if err := rawDB(b, engine, dsn).QueryRow(`SELECT count(*) FROM enterprises`).Scan(&n); err != nil && err != sql.ErrNoRows {
		b.Fatal(err)
	}
	return n
}

// timings collects the duration of each iteration and reports p50 and p95.
type timings []time.Duration

func (ts timings) report(b *testing.B) {
	if len(ts) == 0 {
		return
	}
	slices.Sort(ts)
	at := func(p float64) float64 {
		return float64(ts[min(len(ts)-1, int(p*float64(len(ts))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
}

// warmups is how many calls of a shape run before it is measured: every
// combination of the benchmarks' districts (9), sections (4) and queries
// (12) once, so that the figures are of a server whose cache holds what
// these lists read, not of the first requests after a restart (those were
// up to 400 ms on PostgreSQL at a million rows).
const warmups = 36

// measure runs fn warmups times, then b.N times, and reports percentiles.
func measure(b *testing.B, fn func(i int) error) {
	b.Helper()
	for i := range warmups {
		if err := fn(i); err != nil {
			b.Fatal(err)
		}
	}
	ts := make(timings, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if err := fn(i); err != nil {
			b.Fatal(err)
		}
		ts = append(ts, time.Since(t0))
	}
	b.StopTimer()
	ts.report(b)
}

// benchQueries are searches people type: a product, a place-like brand,
// an owner's first name, prefixes, two words.
var benchQueries = []string{"keripik", "sari", "barokah", "udang", "siti", "kopi berkah", "amp", "tenun", "rahmat", "pisang bu", "kue", "mebel rotan"}

func BenchmarkListEnterprises(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			ctx := context.Background()
			districts := sqlstoretest.Reference(b, bina.DefaultConfig()).Regions.Districts()
			sections := []string{"C", "G", "A", "I"}
			b.Run("two-filters-search", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{
						Region:      districts[i%len(districts)].Code,
						KBLISection: sections[i%len(sections)],
						Query:       benchQueries[i%len(benchQueries)],
					})
					return err
				})
			})
			b.Run("two-filters", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{
						Region:      districts[i%len(districts)].Code,
						KBLISection: sections[i%len(sections)],
					})
					return err
				})
			})
			b.Run("search", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: benchQueries[i%len(benchQueries)]})
					return err
				})
			})
			b.Run("first-page", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{})
					return err
				})
			})
			// The name column's header sorts Z-A, and a page may hold
			// 100 rows (issue 14, docs/api.md).
			b.Run("sort-name-desc", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Sort: "-name"})
					return err
				})
			})
			b.Run("sort-name-desc-two-filters", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{
						Region:      districts[i%len(districts)].Code,
						KBLISection: sections[i%len(sections)],
						Sort:        "-name",
					})
					return err
				})
			})
			b.Run("page-size-100", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Region: districts[i%len(districts)].Code, Limit: 100})
					return err
				})
			})
			b.Run("deep-page", func(b *testing.B) {
				// A cursor holds only the sort key and id, so a cursor
				// taken from a narrow list opens the full list deep in
				// the middle of the alphabet.
				var cursors []string
				for _, q := range []string{"mebel", "kopi", "salon", "tambak"} {
					p, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: q, Limit: 1})
					if err != nil || p.Next == "" {
						b.Fatalf("no cursor for %q: %v", q, err)
					}
					cursors = append(cursors, p.Next)
				}
				measure(b, func(i int) error {
					_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Cursor: cursors[i%len(cursors)]})
					return err
				})
			})
		})
	}
}

func BenchmarkEnterpriseCounts(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			b.Run("regency", func(b *testing.B) {
				measure(b, func(int) error { _, err := s.EnterpriseCounts(context.Background()); return err })
			})
			b.Run("kecamatan-officer-by-desa", func(b *testing.B) { // issue 14
				ctx := as(bina.RoleOfficer, "61.12.01")
				measure(b, func(int) error { _, err := s.EnterpriseCounts(ctx); return err })
			})
			b.Run("desa-officer", func(b *testing.B) {
				ctx := as(bina.RoleOfficer, "61.12.01.2001")
				measure(b, func(int) error { _, err := s.EnterpriseCounts(ctx); return err })
			})
		})
	}
}

// BenchmarkBulkLoad10k loads 10,000 enterprises and 700 cooperatives with
// five RATs each into an empty store, as serve --demo does.
func BenchmarkBulkLoad10k(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			ref := sqlstoretest.Reference(b, bina.DefaultConfig())
			ts := make(timings, 0, b.N)
			for b.Loop() {
				b.StopTimer()
				s := sqlstoretest.Open(b, engine)
				ents, coops := genEnterprises(ref, 3, 0, 10_000), genCooperatives(ref, 3, 0, 700)
				b.StartTimer()
				t0 := time.Now()
				must(b, s.BulkLoad(context.Background(), ents, coops))
				ts = append(ts, time.Since(t0))
			}
			ts.report(b)
			b.ReportMetric(10_700/ts[len(ts)/2].Seconds(), "records/s")
		})
	}
}
