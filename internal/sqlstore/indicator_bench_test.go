package sqlstore_test

import (
	"context"
	"testing"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkIndicators times the indicator figures on the bench register:
// every indicator of the current year for the regency and for a
// kecamatan, a past year (counted from the register's dates), and the
// breakdowns that read kept counts (region) and those that scan (gender,
// KBLI section). Target of issue 13: every figure under 50 ms p95 at a
// million businesses.
func BenchmarkIndicators(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			ctx := context.Background()
			districts := sqlstoretest.Reference(b, bina.DefaultConfig()).Regions.Districts()
			b.Run("all-regency", func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.IndicatorValues(ctx, bina.IndicatorQuery{})
					return err
				})
			})
			b.Run("all-kecamatan", func(b *testing.B) {
				measure(b, func(i int) error {
					_, err := s.IndicatorValues(ctx, bina.IndicatorQuery{Region: districts[i%len(districts)].Code})
					return err
				})
			})
			b.Run("all-past-year", func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.IndicatorValues(ctx, bina.IndicatorQuery{Year: 2024})
					return err
				})
			})
			for _, c := range []struct{ code, by string }{
				{"umkm_binaan", "region"}, {"umkm_registered", "gender"}, {"umkm_registered", "kbli_section"}, {"umkm_registered", "year"},
			} {
				b.Run(c.code+"-by-"+c.by, func(b *testing.B) {
					measure(b, func(int) error {
						_, err := s.IndicatorBreakdown(ctx, c.code, bina.IndicatorQuery{}, c.by)
						return err
					})
				})
			}
		})
	}
}
