package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/indicator"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// coopIndicatorBenchStore is the compliance bench register
// (BINA_BENCH_COOPS cooperatives over the villages of Indonesia) with an
// accepted annual report for 2023 and 2024 of every cooperative, a health
// assessment of 2024 for one in three, and the kept figures filled as the
// first start after migration 0026 fills them (timed).
func coopIndicatorBenchStore(b *testing.B, engine string) (*sqlstore.Store, bina.Reference) {
	s, ref := complianceBenchStore(b, engine)
	ctx := context.Background()
	db := s.DB()
	var coops, kept int
	must(b, db.QueryRowContext(ctx, `SELECT count(*) FROM cooperatives`).Scan(&coops))
	must(b, db.QueryRowContext(ctx, `SELECT count(DISTINCT cooperative_id) FROM coop_figures`).Scan(&kept))
	if kept >= coops {
		return s, ref
	}
	var ids []int64
	rows, err := db.QueryContext(ctx, `SELECT id FROM cooperatives c WHERE NOT EXISTS (SELECT 1 FROM annual_reports r WHERE r.cooperative_id = c.id) ORDER BY id`)
	must(b, err)
	for rows.Next() {
		var id int64
		must(b, rows.Scan(&id))
		ids = append(ids, id)
	}
	must(b, rows.Err())
	seedHealthReports(b, db, ids)
	categories := []string{"sehat", "cukup_sehat", "dalam_pengawasan", "dalam_pengawasan_khusus"}
	tx, err := db.BeginTx(ctx, nil)
	must(b, err)
	for start := 0; start < len(ids); start += 600 {
		var vals []string
		var args []any
		for _, id := range ids[start:min(start+600, len(ids))] {
			if id%3 != 0 {
				continue
			}
			n := len(args)
			vals = append(vals, fmt.Sprintf("($%d, 2024, 1, 0, 1, 'PERDEP-06-2016', 1, 70, $%d, '{}', '{}', 'bench', $%d)", n+1, n+2, n+3))
			args = append(args, id, categories[id%4], sqlstoretest.Now)
		}
		if len(vals) == 0 {
			continue
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO health_assessments (cooperative_id, book_year, version, report_id, report_version, rule_set, rule_set_version,
	total, category, answers, document, assessed_by, created_at) VALUES `+strings.Join(vals, ", "), args...)
		must(b, err)
	}
	must(b, tx.Commit())
	_, err = db.ExecContext(ctx, `UPDATE coop_figures_version SET version = 0`)
	must(b, err)
	start := time.Now()
	must(b, s.Migrate(ctx))
	b.Logf("%s: kept figures of %d cooperatives filled in %v", engine, coops, time.Since(start).Round(time.Millisecond))
	if engine == "postgres" {
		for _, t := range []string{"coop_figures", "coop_figure_sums", "cooperatives"} {
			_, err := db.ExecContext(ctx, `VACUUM ANALYZE `+t)
			must(b, err)
		}
	}
	return s, ref
}

// BenchmarkCoopIndicators times every cooperative and programme indicator
// of issue 13, whole and by each breakdown it allows, for the whole
// country and for the province with most cooperatives. Target: under 50
// ms p95 at 150,000 cooperatives.
//
//	BINA_BENCH_COOPS=150000 go test ./internal/sqlstore -run '^$' -bench CoopIndicators -benchtime 30x
func BenchmarkCoopIndicators(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s, _ := coopIndicatorBenchStore(b, engine)
			ctx := context.Background()
			y := indicator.Query{Year: 2025}
			vs, err := s.IndicatorValues(ctx, y)
			must(b, err)
			for _, v := range vs {
				if strings.HasPrefix(v.Code, "coop_") || strings.HasPrefix(v.Code, "kdmp") || strings.HasPrefix(v.Code, "programme_") {
					b.Logf("%s = %.0f", v.Code, v.Value)
				}
			}
			b.Run("all-country", func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.IndicatorValues(ctx, y)
					return err
				})
			})
			b.Run("all-province", func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.IndicatorValues(ctx, indicator.Query{Year: 2025, Region: "33"})
					return err
				})
			})
			for _, code := range []string{"coop_registered", "coop_active", "coop_rat_on_time", "coop_reporting", "coop_health", "coop_members", "coop_own_capital", "coop_assets",
				"coop_business_volume", "coop_shu", "kdmp_progress", "programme_budget", "programme_outcomes"} {
				ind, _ := indicator.ByCode(code)
				q := y
				if !ind.History {
					q = indicator.Query{} // the register's present state only
				}
				for _, by := range append([]string{""}, ind.Breakdowns...) {
					b.Run(code+"-by-"+by, func(b *testing.B) {
						measure(b, func(int) error {
							_, err := s.IndicatorBreakdown(ctx, code, q, by)
							return err
						})
					})
				}
			}
			// The register's count of today, read from coop_counts (the
			// 2025 figure above counts the table cooperatives).
			for _, by := range []string{"", "region", "coop_type", "coop_group"} {
				b.Run("coop_registered-now-by-"+by, func(b *testing.B) {
					measure(b, func(int) error {
						_, err := s.IndicatorBreakdown(ctx, "coop_registered", indicator.Query{}, by)
						return err
					})
				})
			}
		})
	}
}
