package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
)

// TestEnterprisesAtYearEnd: the register at the end of a past year holds
// the records created by then and not archived by then, in the
// deployment's calendar (UTC+7 in Kubu Raya); it combines with the other
// filters and the sorts, the current year is the register now, and a year
// to come, the archived list or a word search with it are refused.
func TestEnterprisesAtYearEnd(t *testing.T) {
	eachEngineClock(t, func(t *testing.T, s *sqlstore.Store, c *clock) {
		ctx := as(bina.RoleAdmin, "")
		create := func(name string, village bina.RegionCode, at time.Time) bina.Enterprise {
			t.Helper()
			c.t = at
			e := newEnterprise(name, village)
			e.Sales, e.NIB = nil, "" // no sales of a year to come, no shared NIB
			must(t, s.CreateEnterprise(ctx, &e))
			return e
		}
		create("Usaha Lama", "61.12.01.2001", time.Date(2024, 6, 1, 3, 0, 0, 0, time.UTC))
		gone := create("Usaha Tutup", "61.12.01.2001", time.Date(2024, 6, 2, 3, 0, 0, 0, time.UTC))
		// Recorded at 06:30 on New Year's Day 2025 in Pontianak: not in
		// the register at the end of 2024.
		create("Usaha Tahun Baru", "61.12.02.2001", time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC))
		// Archived at 00:30 on New Year's Day 2025 there: still in it.
		c.t = time.Date(2024, 12, 31, 17, 30, 0, 0, time.UTC)
		must(t, s.ArchiveEnterprise(ctx, gone.ID, "tutup"))
		create("Usaha Baru", "61.12.01.2001", time.Date(2026, 2, 1, 3, 0, 0, 0, time.UTC))

		for _, tc := range []struct {
			f    bina.EnterpriseFilter
			want string
		}{
			{bina.EnterpriseFilter{AtYearEnd: 2023}, ""},
			{bina.EnterpriseFilter{AtYearEnd: 2024}, "Usaha Lama,Usaha Tutup"},
			{bina.EnterpriseFilter{AtYearEnd: 2024, Sort: "-name"}, "Usaha Tutup,Usaha Lama"},
			{bina.EnterpriseFilter{AtYearEnd: 2024, Region: "61.12.02"}, ""},
			{bina.EnterpriseFilter{AtYearEnd: 2025}, "Usaha Lama,Usaha Tahun Baru"},
			{bina.EnterpriseFilter{AtYearEnd: 2025, CreatedYear: 2025}, "Usaha Tahun Baru"},
			{bina.EnterpriseFilter{AtYearEnd: 2025, Region: "61.12.01"}, "Usaha Lama"},
			{bina.EnterpriseFilter{AtYearEnd: 2026}, "Usaha Baru,Usaha Lama,Usaha Tahun Baru"},
		} {
			page, err := s.ListEnterprises(ctx, tc.f)
			must(t, err)
			var names []string
			for _, e := range page.Items {
				names = append(names, e.Name)
			}
			if got := strings.Join(names, ","); got != tc.want || page.Total != len(names) {
				t.Errorf("%+v: %q (total %d), want %q", tc.f, got, page.Total, tc.want)
			}
		}
		for _, f := range []bina.EnterpriseFilter{{AtYearEnd: 2027}, {AtYearEnd: 2024, Archived: true}, {AtYearEnd: 2024, Query: "usaha"}} {
			_, err := s.ListEnterprises(ctx, f)
			wantCode(t, err, bina.Invalid)
		}
	})
}
