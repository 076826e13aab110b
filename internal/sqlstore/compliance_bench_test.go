package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/supervision"
)

// complianceBenchStore returns a store of the whole of Indonesia holding
// BINA_BENCH_COOPS cooperatives (default 5,000; the figure is
// 150,000) spread evenly over its villages, each with ten book years of RAT
// records (2016-2025): about one year in twelve missed, one RAT in ten held
// after 30 June, one report in six never sent. The database is kept in the
// temporary directory, named after the scale and the schema, for the next
// run.
func complianceBenchStore(b *testing.B, engine string) (*sqlstore.Store, bina.Reference) {
	b.Helper()
	n := benchEnv(b, "BINA_BENCH_COOPS", 5_000)
	ctx := context.Background()
	cfg := bina.DefaultConfig()
	cfg.Region = ""
	ref := sqlstoretest.Reference(b, cfg)
	ref.Now = func() time.Time { return sqlstoretest.Now }
	s, dsn := openBenchStore(b, engine, ref, fmt.Sprintf("coops_%d", n))
	var have int
	must(b, rawDB(b, engine, dsn).QueryRow(`SELECT count(*) FROM cooperatives`).Scan(&have))
	if have >= n {
		return s, ref
	}
	start := time.Now()
	villages := ref.Regions.Villages()
	for at := have; at < n; at += 10_000 {
		cs := genCooperatives(ref, 11, at, min(10_000, n-at))
		for i := range cs {
			k := at + i
			cs[i].VillageCode = villages[(k*7919)%len(villages)].Code
			cs[i].RATs = nil
			for y := 2025; y >= 2016; y-- {
				if (k+y)%12 == 0 {
					continue // a missed year
				}
				held := bina.DateOf(y+1, time.Month(2+(k+y)%5), 1+(k*y)%28)
				if (k+3*y)%10 == 0 {
					held = bina.DateOf(y+1, time.Month(7+(k+y)%3), 1+(k*y)%28)
				}
				r := bina.RAT{BookYear: y, HeldOn: held, MembersFemale: cs[i].MembersFemale, MembersMale: cs[i].MembersMale, Assets: int64(k%500) * 1_000_000}
				if (k+y)%6 != 0 {
					r.ReportedOn = bina.DateFromTime(held.Time().AddDate(0, 0, 5+(k%40)))
				}
				cs[i].RATs = append(cs[i].RATs, r)
			}
			for _, r := range cs[i].RATs {
				cs[i].LastRATYear = max(cs[i].LastRATYear, r.BookYear)
			}
		}
		must(b, s.BulkLoad(ctx, nil, cs))
	}
	if engine == "postgres" { // what autovacuum does on a live server: the plans read the indexes alone
		for _, t := range []string{"cooperatives", "rats"} {
			_, err := s.DB().ExecContext(ctx, `VACUUM ANALYZE `+t)
			must(b, err)
		}
	}
	b.Logf("seeded %d cooperatives with ten book years of RAT in %v", n-have, time.Since(start).Round(time.Millisecond))
	return s, ref
}

// BenchmarkCompliance times the compliance table of the province with the
// most villages (its first page with the total, as GET /api/v1/compliance
// serves it; the list behind one rung of the ladder; the counts of the
// page) and the counts of one regency. Target: under 100 ms p95 at
// 150,000 cooperatives with ten years of RAT records.
func BenchmarkCompliance(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s, ref := complianceBenchStore(b, engine)
			ctx := context.Background()
			var province bina.RegionCode
			most := 0
			for _, p := range ref.Regions.Children("") {
				if n := len(villagesIn(ref, p.Code)); n > most {
					province, most = p.Code, n
				}
			}
			counts, err := s.ComplianceCounts(ctx, supervision.ComplianceFilter{BookYear: 2025, Region: province})
			must(b, err)
			b.Logf("province %s: %d cooperatives, %v", province, counts.Total, counts.ByStatus)

			regency := ref.Regions.Children(province)[0].Code
			for _, c := range []struct {
				name   string
				f      supervision.ComplianceFilter
				counts bool
			}{
				{"province", supervision.ComplianceFilter{BookYear: 2025, Region: province}, false},
				{"province-2019", supervision.ComplianceFilter{BookYear: 2019, Region: province}, false},
				{"province-rung", supervision.ComplianceFilter{BookYear: 2025, Region: province, Missed: 1}, false},
				{"province-counts", supervision.ComplianceFilter{BookYear: 2025, Region: province}, true},
				{"regency-counts", supervision.ComplianceFilter{BookYear: 2025, Region: regency}, true},
			} {
				b.Run(c.name, func(b *testing.B) {
					measure(b, func(int) error {
						if c.counts {
							_, err := s.ComplianceCounts(ctx, c.f)
							return err
						}
						_, err := s.Compliance(ctx, c.f)
						return err
					})
				})
			}
		})
	}
}

// villagesIn returns the villages under region.
func villagesIn(ref bina.Reference, region bina.RegionCode) []bina.Region {
	var out []bina.Region
	for _, v := range ref.Regions.Villages() {
		if region.Contains(v.Code) {
			out = append(out, v)
		}
	}
	return out
}
