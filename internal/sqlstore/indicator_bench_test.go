package sqlstore_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"bina"
	"bina/coaching"
	"bina/indicator"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkIndicators times the indicator figures on the bench register
// of the regency: every indicator of the current year for the regency and
// for a kecamatan, a past year (counted from the register's dates), and
// every figure of the register, whole and by each breakdown it allows.
// Target of issue 13: every figure under 50 ms p95 at a million
// businesses.
//
//	BINA_BENCH_SCALE=1000000 go test ./internal/sqlstore -run '^$' -bench 'Indicators' -benchtime 30x
func BenchmarkIndicators(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			benchPembinaan(b, engine, s)
			ctx := context.Background()
			districts := sqlstoretest.Reference(b, bina.DefaultConfig()).Regions.Districts()
			b.Run("all-regency", func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.IndicatorValues(ctx, indicator.Query{})
					return err
				})
			})
			b.Run("all-kecamatan", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.IndicatorValues(ctx, indicator.Query{Region: districts[i%len(districts)].Code})
					return err
				})
			})
			b.Run("all-past-year", func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.IndicatorValues(ctx, indicator.Query{Year: 2024})
					return err
				})
			})
			benchFigures(b, s, "regency", "")
		})
	}
}

// BenchmarkIndicatorsNational times the same figures for a national
// deployment holding BINA_BENCH_SCALE businesses over all 83,762 desa of
// Indonesia: for the whole country and for the province with the most
// desa.
func BenchmarkIndicatorsNational(b *testing.B) {
	cfg := bina.DefaultConfig()
	cfg.Region = ""
	ref := sqlstoretest.Reference(b, cfg)
	var province bina.RegionCode
	most := 0
	for _, p := range ref.Regions.Children("") {
		if n := len(villagesIn(ref, p.Code)); n > most {
			province, most = p.Code, n
		}
	}
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStoreOf(b, engine, cfg, "national_")
			benchPembinaan(b, engine, s)
			ctx := context.Background()
			b.Run("all-national", func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.IndicatorValues(ctx, indicator.Query{})
					return err
				})
			})
			benchFigures(b, s, "national", "")
			benchFigures(b, s, "province", province)
		})
	}
}

// benchFigures times every indicator the register's own records answer
// (businesses, certificates, financing, imports) for region, whole and by
// each breakdown.
func benchFigures(b *testing.B, s *sqlstore.Store, name string, region bina.RegionCode) {
	ctx := context.Background()
	for _, ind := range indicator.Indicators {
		switch ind.Subject {
		case "enterprise", "certificate", "milestone", "import":
		default:
			continue
		}
		for _, by := range append([]string{""}, ind.Breakdowns...) {
			b.Run(name+"/"+ind.Code+"/"+by, func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.IndicatorBreakdown(ctx, ind.Code, indicator.Query{Region: region}, by)
					return err
				})
			})
		}
	}
}

// benchPembinaan gives a bench register that has none certificates (one
// business in five, issued over four years) and financing obtained (one
// in ten), written straight into their tables, then counted into the
// summaries.
func benchPembinaan(b *testing.B, engine string, s *sqlstore.Store) {
	db := s.DB()
	var n, kept int
	must(b, db.QueryRow(`SELECT count(*) FROM certificates`).Scan(&n))
	must(b, db.QueryRow(`SELECT count(*) FROM pembinaan_facts`).Scan(&kept))
	if n > 0 && kept > 0 {
		return
	}
	if n > 0 {
		benchRecount(b, s)
		return
	}
	day := `date('2022-01-01', '+' || (id % 1460) || ' days')`
	if engine == "postgres" {
		day = `CAST('2022-01-01' AS DATE) + CAST(id % 1460 AS INTEGER)`
	}
	kinds := coaching.CertificateKinds.Codes()
	kind := `CASE id % ` + strconv.Itoa(len(kinds))
	for i, k := range kinds {
		kind += ` WHEN ` + strconv.Itoa(i) + ` THEN '` + k + `'`
	}
	kind += ` END`
	for _, q := range []string{
		`INSERT INTO certificates (enterprise_id, kind, number, issued_on, status, created_at, updated_at)
		SELECT id, ` + kind + `, 'B' || CAST(id AS TEXT), ` + day + `, CASE WHEN ` + kind + ` = 'merek' THEN 'terdaftar' ELSE '' END, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
		FROM enterprises WHERE id % 5 = 0`,
		`INSERT INTO milestones (uuid, enterprise_id, kind, date, amount, recorded_by, created_at)
		SELECT 'bench-' || CAST(id AS TEXT), id, 'financing_obtained', ` + day + `, (id % 50 + 1) * 1000000, 'bench', CURRENT_TIMESTAMP
		FROM enterprises WHERE id % 10 = 0`,
	} {
		if _, err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	if engine == "postgres" {
		_, err := db.Exec(`ANALYZE certificates, milestones`)
		must(b, err)
	}
	benchRecount(b, s)
}

// benchRecount counts the summaries again from the register, as the rows
// written by SQL went around them.
func benchRecount(b *testing.B, s *sqlstore.Store) {
	_, err := s.DB().Exec(`UPDATE summary_versions SET version = ''`)
	must(b, err)
	must(b, s.Migrate(context.Background()))
}

// BenchmarkFactsRebuild times counting enterprise_facts again from the
// whole bench register, as Migrate does after migration 0025 or a change
// of the regions, and as the end of a first load whose run died does.
func BenchmarkFactsRebuild(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			var ts timings
			for b.Loop() {
				_, err := s.DB().Exec(`UPDATE summary_versions SET version = ''`)
				must(b, err)
				t0 := time.Now()
				must(b, s.Migrate(context.Background()))
				ts = append(ts, time.Since(t0))
			}
			ts.report(b)
		})
	}
}
