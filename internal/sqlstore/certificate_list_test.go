package sqlstore_test

import (
	"net/url"
	"testing"

	"bina"
	"bina/coaching"
	"bina/indicator"
	"bina/internal/sqlstore"
)

// TestCertificateListsMatchTheirFigures: the certificates in force now
// and those issued in a year, listed for the deployment, a kecamatan and
// a desa, whole and per kind, total what umkm_cert_held and
// umkm_cert_obtained count for the same region, kind and year, and each
// figure's URL names that list.
func TestCertificateListsMatchTheirFigures(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		a := mustCreate(t, ctx, s, newEnterprise("Keripik Nanas", village1a))
		b := mustCreate(t, ctx, s, newEnterprise("Dodol Durian", village1b))
		c := mustCreate(t, ctx, s, newEnterprise("Kopi Liberika", village2))
		gone := mustCreate(t, ctx, s, newEnterprise("Tutup", village1a))
		// Test stores stand on 28 November 2026.
		for _, x := range []coaching.Certificate{
			newCertificate(a.ID, coaching.CertPIRT, "215327601028126", bina.DateOf(2021, 12, 20), bina.DateOf(2026, 12, 20)),    // expires this year, after today
			newCertificate(a.ID, coaching.CertNIB, "0289010302776", bina.DateOf(2026, 3, 1), bina.Date{}),                       // no expiry
			newCertificate(a.ID, coaching.CertHalal, "ID32110000474710722", bina.DateOf(2026, 5, 1), bina.DateOf(2026, 11, 28)), // expires today: in force
			newCertificate(b.ID, coaching.CertBPOM, "MD224510107115", bina.DateOf(2025, 1, 10), bina.DateOf(2026, 11, 1)),       // expired this year
			newCertificate(b.ID, coaching.CertBPOM, "MD224510107116", bina.DateOf(2020, 1, 10), bina.DateOf(2024, 1, 1)),        // expired long ago
			newCertificate(b.ID, coaching.CertMerek, "IDM001235320", bina.DateOf(2025, 1, 10), bina.Date{}),                     // registered
			newCertificate(b.ID, coaching.CertMerek, "DID2023113332", bina.DateOf(2026, 2, 1), bina.Date{}),                     // applied: not held
			newCertificate(c.ID, coaching.CertSNI, "SNI 3553:2015/001", bina.DateOf(2026, 1, 10), bina.DateOf(2029, 9, 1)),
			newCertificate(c.ID, coaching.CertPIRT, "215327601028127", bina.Date{}, bina.Date{}), // no dates at all
			newCertificate(gone.ID, coaching.CertNIB, "0289010302777", bina.DateOf(2026, 3, 1), bina.Date{}),
		} {
			must(t, s.CreateCertificate(ctx, &x))
		}
		must(t, s.ArchiveEnterprise(ctx, gone.ID, "tutup"))

		// total returns the list's total, having checked that its pages
		// hold as many certificates: a total read from the kept counts
		// must name the rows listed.
		total := func(f coaching.CertificateFilter) float64 {
			t.Helper()
			f.Limit = 3
			page, err := s.ListCertificates(ctx, f)
			must(t, err)
			n := len(page.Items)
			for f.Cursor = page.Next; f.Cursor != ""; f.Cursor = page.Next {
				page, err = s.ListCertificates(ctx, f)
				must(t, err)
				n += len(page.Items)
			}
			if n != page.Total {
				t.Errorf("%+v: total %d, %d listed", f, page.Total, n)
			}
			return float64(page.Total)
		}
		figure := func(code string, q indicator.Query, by string) []indicator.Value {
			t.Helper()
			vs, err := s.IndicatorBreakdown(ctx, code, q, by)
			must(t, err)
			return vs
		}
		type ask struct {
			code string
			year int
			f    coaching.CertificateFilter
		}
		asks := []ask{{"umkm_cert_held", 0, coaching.CertificateFilter{View: coaching.CertViewInForce}}}
		for _, y := range []int{2025, 2026} {
			asks = append(asks, ask{"umkm_cert_obtained", y, coaching.CertificateFilter{View: coaching.CertViewAll, IssuedYear: y}})
		}
		seen := 0.0
		for _, k := range asks {
			for _, region := range []bina.RegionCode{"", "61.12.01", village1a, village2} {
				q := indicator.Query{Year: k.year, Region: region}
				f := k.f
				f.Region = region
				whole := figure(k.code, q, "")[0]
				if got := total(f); got != whole.Value {
					t.Errorf("%s %d in %q = %v, list total %v", k.code, k.year, region, whole.Value, got)
				}
				seen += whole.Value
				for _, v := range figure(k.code, q, "cert_kind") {
					g := f
					g.Kind = v.Key
					if got := total(g); got != v.Value {
						t.Errorf("%s %d in %q kind %s = %v, list total %v", k.code, k.year, region, v.Key, v.Value, got)
					}
				}
				if region.Level() < bina.LevelVillage {
					for _, v := range figure(k.code, q, "region") {
						g := f
						g.Region = bina.RegionCode(v.Key)
						if got := total(g); got != v.Value {
							t.Errorf("%s %d in %q = %v, list total %v", k.code, k.year, v.Key, v.Value, got)
						}
					}
				}
			}
		}
		if seen == 0 {
			t.Fatal("no certificate counted")
		}
		if got := figure("umkm_cert_held", indicator.Query{}, "")[0].Value; got != 6 {
			t.Errorf("held %v, want 6", got)
		}

		// Each figure links to its list.
		for _, x := range []struct {
			code string
			q    indicator.Query
			by   string
			key  string
			want url.Values
		}{
			{"umkm_cert_held", indicator.Query{Region: "61.12.01"}, "", "", url.Values{"tampil": {"berlaku"}, "kecamatan": {"61.12.01"}}},
			{"umkm_cert_held", indicator.Query{}, "cert_kind", "pirt", url.Values{"tampil": {"berlaku"}, "jenis": {"pirt"}}},
			{"umkm_cert_obtained", indicator.Query{Year: 2025}, "", "", url.Values{"tampil": {"semua"}, "tahun_terbit": {"2025"}}},
			{"umkm_cert_obtained", indicator.Query{}, "year", "2024", url.Values{"tampil": {"semua"}, "tahun_terbit": {"2024"}}},
			{"umkm_cert_obtained", indicator.Query{Region: "61.12.01"}, "region", string(village1b), url.Values{"tampil": {"semua"}, "tahun_terbit": {"2026"},
				"kecamatan": {"61.12.01"}, "desa": {string(village1b)}}},
		} {
			var got string
			for _, v := range figure(x.code, x.q, x.by) {
				if v.Key == x.key {
					got = v.URL
				}
			}
			if want := "/sertifikat?" + x.want.Encode(); got != want {
				t.Errorf("%s by %q key %q: url %q, want %q", x.code, x.by, x.key, got, want)
			}
		}
	})
}

// TestCertificateListViews: the views refuse what they do not know and
// page through the newest recorded first.
func TestCertificateListViews(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := mustCreate(t, system, s, newEnterprise("Amplang Udang", village1a))
		for _, n := range []string{"215327601028126", "215327601028127", "215327601028128"} {
			c := newCertificate(e.ID, coaching.CertPIRT, n, bina.DateOf(2025, 1, 1), bina.Date{})
			must(t, s.CreateCertificate(system, &c))
		}
		f := coaching.CertificateFilter{View: coaching.CertViewAll, Limit: 2}
		p1, err := s.ListCertificates(system, f)
		must(t, err)
		f.Cursor = p1.Next
		p2, err := s.ListCertificates(system, f)
		must(t, err)
		if p1.Total != 3 || len(p1.Items) != 2 || p1.Items[0].Number != "215327601028128" || len(p2.Items) != 1 || p2.Next != "" || p2.Items[0].Number != "215327601028126" {
			t.Errorf("pages %+v / %+v", p1, p2)
		}
		for name, f := range map[string]coaching.CertificateFilter{
			"unknown view":               {View: "kemarin"},
			"expiring without a bound":   {View: coaching.CertViewExpiring},
			"a year in the future":       {View: coaching.CertViewAll, IssuedYear: 2030},
			"an expiry cursor elsewhere": {View: coaching.CertViewAll, Cursor: "eyJkIjoiMjAyNi0xMi0wMSIsImkiOjF9"},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := s.ListCertificates(system, f)
				wantCode(t, err, bina.Invalid)
			})
		}
	})
}
