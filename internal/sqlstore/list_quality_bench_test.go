package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkListOwnerFilters reads the lists behind the owner and
// data-quality figures (issue 13) on the seeded register: each filter
// alone, with a kecamatan, and with a search. The generated register has
// no owner without a gender and no unknown desa, so those lists are
// empty. The first run records financing milestones for one record in
// fifty and gives one owner in a thousand a disability: a rare value.
func BenchmarkListOwnerFilters(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			ctx := context.Background()
			staff := as(bina.RoleStaff, "")
			if p, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{FinancingYear: 2026, Limit: 1}); err != nil || p.Total == 0 {
				for id := int64(1); id <= int64(benchScale(b)); id += 50 {
					m := coaching.Milestone{UUID: fmt.Sprintf("00000000-0000-4000-8000-%012d", id), EnterpriseID: id, Kind: coaching.MilestoneFinancing,
						Date: bina.DateOf(2026, time.Month(1+id%11), 1), FinancingSource: "kur", Amount: 10_000_000}
					if _, err := s.RecordMilestone(staff, &m); err != nil {
						b.Fatal(err)
					}
				}
			}
			// A rare value: one owner in a thousand with a disability.
			if p, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{OwnerDisability: "ya", Limit: 1}); err != nil || p.Total == 0 {
				for id := int64(1000); id <= int64(benchScale(b)); id += 1000 {
					e, err := s.FindEnterprise(staff, id)
					if err != nil {
						b.Fatal(err)
					}
					e.Owner.Disability = true
					if err := s.UpdateEnterprise(staff, e); err != nil {
						b.Fatal(err)
					}
				}
			}
			districts := sqlstoretest.Reference(b, bina.DefaultConfig()).Regions.Districts()
			for _, c := range []struct {
				name string
				f    bina.EnterpriseFilter
			}{
				{"women", bina.EnterpriseFilter{OwnerGender: "P"}},
				{"gender-none", bina.EnterpriseFilter{OwnerGender: "none"}},
				{"disability", bina.EnterpriseFilter{OwnerDisability: "ya"}},
				{"nik-valid", bina.EnterpriseFilter{NIKValid: "ya"}},
				{"nik-invalid", bina.EnterpriseFilter{NIKValid: "tidak"}},
				{"village-unknown", bina.EnterpriseFilter{VillageKnown: "tidak"}},
				{"kbli-any", bina.EnterpriseFilter{KBLISection: "any"}},
				{"kbli-none", bina.EnterpriseFilter{KBLISection: "none"}},
				{"financing-year", bina.EnterpriseFilter{FinancingYear: 2026}},
				{"women-digital-share", bina.EnterpriseFilter{OwnerGender: "P", Digital: "any"}},
			} {
				b.Run(c.name, func(b *testing.B) {
					measure(b, func(i int) error {
						_, err := s.ListEnterprises(ctx, c.f)
						return err
					})
				})
				b.Run(c.name+"-district", func(b *testing.B) {
					measure(b, func(i int) error {
						f := c.f
						f.Region = districts[i%len(districts)].Code
						_, err := s.ListEnterprises(ctx, f)
						return err
					})
				})
				if c.f.FinancingYear != 0 {
					continue // not with a search
				}
				b.Run(c.name+"-search", func(b *testing.B) {
					measure(b, func(i int) error {
						f := c.f
						f.Region, f.Query = districts[i%len(districts)].Code, benchQueries[i%len(benchQueries)]
						_, err := s.ListEnterprises(ctx, f)
						return err
					})
				})
			}
		})
	}
}
