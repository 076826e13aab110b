package sqlstore_test

import (
	"context"
	"testing"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkListSorts measures every sort of the UMKM list (issue 14) on
// the seeded register (BINA_BENCH_SCALE): the first page, a page deep in
// the order, two filters, and a search.
func BenchmarkListSorts(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			ctx := context.Background()
			districts := sqlstoretest.Reference(b, bina.DefaultConfig()).Regions.Districts()
			sections := []string{"C", "G", "A", "I"}
			for _, sort := range bina.EnterpriseSorts.Codes() {
				b.Run(sort+"/first-page", func(b *testing.B) {
					measure(b, func(i int) error {
						_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Sort: sort})
						return err
					})
				})
				b.Run(sort+"/deep-page", func(b *testing.B) {
					// A cursor taken from a search lies somewhere in the
					// middle of the whole list's order.
					var cursors []string
					for _, q := range []string{"mebel", "kopi", "salon", "tambak"} {
						p, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: q, Sort: sort, Limit: 1})
						if err != nil || p.Next == "" {
							b.Fatalf("no cursor for %q: %v", q, err)
						}
						cursors = append(cursors, p.Next)
					}
					measure(b, func(i int) error {
						_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Sort: sort, Cursor: cursors[i%len(cursors)]})
						return err
					})
				})
				b.Run(sort+"/two-filters", func(b *testing.B) {
					measure(b, func(i int) error {
						_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{
							Region:      districts[i%len(districts)].Code,
							KBLISection: sections[i%len(sections)],
							Sort:        sort,
						})
						return err
					})
				})
				b.Run(sort+"/search", func(b *testing.B) {
					measure(b, func(i int) error {
						_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: benchQueries[i%len(benchQueries)], Sort: sort})
						return err
					})
				})
			}
		})
	}
}
