package web_test

import (
	"bina/coaching"
	"bina/indicator"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"bina"
)

// TestCertificatePages adds a certificate and a milestone on the UMKM
// page, shows a malformed number beside its field, lists what expires by
// kecamatan with its export, and resolves a duplicated number.
func TestCertificatePages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		e := s.mustCreate(enterprise("Kerupuk Basah Nila", kualaDua))
		other := s.mustCreate(enterprise("Kerupuk Amplang", "61.12.02.2001"))
		page := "/umkm/" + strconv.FormatInt(e.ID, 10)

		body := b.get(page).want(t, 200).contains(t, "Sertifikat dan izin", "Belum ada sertifikat atau izin yang tercatat.", "Capaian usaha",
			"15 angka, mis. P-IRT No. 2153276010281-21").body
		v := formValues(t, body, page+"/sertifikat")
		v.Set("kind", "pirt")
		v.Set("number", "2.15328E+14")
		b.post(page+"/sertifikat", v).want(t, http.StatusUnprocessableEntity).contains(t, "dirusak Excel", `value="2.15328E+14"`)
		v.Set("number", "P-IRT No. 2153276010281-21")
		v.Set("issued_on", "2021-12-01")
		v.Set("expires_on", "2026-12-20")
		if loc := b.post(page+"/sertifikat", v).location(t); !strings.HasPrefix(loc, page) {
			t.Fatalf("redirect to %s", loc)
		}
		body = b.get(page).want(t, 200).contains(t, "215327601028121").body

		m := formValues(t, body, page+"/capaian")
		m.Set("kind", coaching.MilestoneJobsCreated)
		m.Set("date", "2025-05-01")
		m.Set("jobs", "3")
		b.post(page+"/capaian", m).location(t)
		b.post(page+"/capaian", m).location(t) // the same form twice
		if ms, _ := s.store.Milestones(context.Background(), e.ID); len(ms) != 1 || ms[0].Jobs != 3 || ms[0].RecordedBy != "staf" {
			t.Errorf("milestones %+v", ms)
		}

		c := coaching.Certificate{EnterpriseID: other.ID, Kind: coaching.CertBPOM, Number: "MD224510107115", IssuedOn: bina.DateOf(2022, 1, 1), ExpiresOn: bina.DateOf(2027, 1, 15)}
		if err := s.store.CreateCertificate(context.Background(), &c); err != nil {
			t.Fatal(err)
		}
		b.get("/sertifikat").want(t, 200).contains(t, "Sertifikat akan kedaluwarsa", "Kerupuk Basah Nila", "Kerupuk Amplang", "Unduh Excel")
		b.get("/sertifikat?kecamatan="+string(mandor)).want(t, 200).contains(t, "Kerupuk Amplang").lacks(t, "Kerupuk Basah Nila")
		b.get("/sertifikat?hari=0").want(t, http.StatusUnprocessableEntity).contains(t, "1 sampai 730")
		csv := b.get("/sertifikat/ekspor?format=csv&kecamatan="+string(sungaiRaya)).want(t, 200)
		if !strings.Contains(csv.body, "215327601028121") || strings.Contains(csv.body, "Kerupuk Amplang") || !strings.HasPrefix(csv.header.Get("Content-Type"), "text/csv") {
			t.Errorf("csv export:\n%s", csv.body)
		}
		if x := b.get("/sertifikat/ekspor?format=xlsx").want(t, 200); !strings.Contains(x.header.Get("Content-Type"), "spreadsheetml") {
			t.Errorf("xlsx export type %q", x.header.Get("Content-Type"))
		}

		// The same number on the other business waits in the review queue.
		dup := coaching.Certificate{EnterpriseID: other.ID, Kind: coaching.CertPIRT, Number: "215327601028121"}
		if err := s.store.CreateCertificate(context.Background(), &dup); err != nil {
			t.Fatal(err)
		}
		body = b.get("/sertifikat/tinjau").want(t, 200).contains(t, "juga tercatat pada usaha #"+strconv.FormatInt(e.ID, 10)).body
		items, _ := s.store.CertificateReviews(context.Background(), "")
		if len(items) != 1 {
			t.Fatalf("open items %d", len(items))
		}
		item := "/sertifikat/tinjau/" + strconv.FormatInt(items[0].ID, 10)
		if !strings.Contains(body, `action="`+item+`"`) {
			t.Fatal("no decision form")
		}
		b.post(item, url.Values{"action": {"remove"}}).want(t, http.StatusUnprocessableEntity) // not confirmed
		b.post(item, url.Values{"action": {"remove"}, "confirm": {"1"}}).location(t)
		b.get("/sertifikat/tinjau").want(t, 200).contains(t, "Tidak ada butir tinjauan dengan status ini.")
		if cs, _ := s.store.Certificates(context.Background(), other.ID); len(cs) != 1 {
			t.Errorf("the other business keeps %d certificates, want 1", len(cs))
		}
	})
}

// TestCertificateListFigures opens the certificate list the certificate
// indicators link to: the figures' URLs list exactly the records counted,
// the form labels its filters, a filter without records says so, the
// export keeps the view, and the page speaks English.
func TestCertificateListFigures(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		ctx := context.Background()
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		kerupuk := s.mustCreate(enterprise("Kerupuk Basah Nila", kualaDua))
		kopi := s.mustCreate(enterprise("Kopi Liberika", mandor+".2001"))
		// Test sites stand on 28 November 2026.
		for _, c := range []coaching.Certificate{
			{EnterpriseID: kerupuk.ID, Kind: coaching.CertPIRT, Number: "215327601028121", IssuedOn: bina.DateOf(2025, 12, 1), ExpiresOn: bina.DateOf(2030, 12, 1)},
			{EnterpriseID: kerupuk.ID, Kind: coaching.CertNIB, Number: "0289010302776", IssuedOn: bina.DateOf(2026, 3, 1)},
			{EnterpriseID: kerupuk.ID, Kind: coaching.CertBPOM, Number: "MD224510107115", IssuedOn: bina.DateOf(2021, 1, 1), ExpiresOn: bina.DateOf(2026, 1, 1)},
			{EnterpriseID: kopi.ID, Kind: coaching.CertHalal, Number: "ID32110000474710722", IssuedOn: bina.DateOf(2026, 6, 1)},
		} {
			if err := s.store.CreateCertificate(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
		// The default view is the expiry list, as before.
		b.get("/sertifikat").want(t, 200).contains(t, "Sertifikat akan kedaluwarsa", "Tidak ada sertifikat yang habis berlaku dalam jangka waktu ini.")

		follow := func(code string, q indicator.Query, by, key string) (string, float64) {
			t.Helper()
			vs, err := s.store.IndicatorBreakdown(ctx, code, q, by)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.Key == key {
					return v.URL, v.Value
				}
			}
			t.Fatalf("%s by %s: no key %q", code, by, key)
			return "", 0
		}
		link, n := follow("umkm_cert_held", indicator.Query{}, "", "")
		page := b.get(link).want(t, 200).contains(t, "Sertifikat yang berlaku", `<label for="f-tampil">Tampilkan</label>`,
			`<option value="berlaku" selected>Berlaku saat ini</option>`, `<label for="f-desa">Desa</label>`, `<label for="f-tahun-terbit">Tahun terbit</label>`,
			"<strong>"+strconv.Itoa(int(n))+"</strong> sertifikat berlaku hari ini", "0289010302776", "ID32110000474710722", "Tanpa batas")
		page.lacks(t, "MD224510107115")
		if n != 3 {
			t.Errorf("held %v, want 3", n)
		}
		link, n = follow("umkm_cert_held", indicator.Query{Region: sungaiRaya}, "cert_kind", coaching.CertNIB)
		b.get(link).want(t, 200).contains(t, "<strong>1</strong> sertifikat", "0289010302776").lacks(t, "215327601028121", "ID32110000474710722")
		if n != 1 {
			t.Errorf("held NIB in Sungai Raya %v, want 1", n)
		}
		link, n = follow("umkm_cert_obtained", indicator.Query{}, "year", "2025")
		b.get(link).want(t, 200).contains(t, "Daftar sertifikat", "<strong>1</strong> sertifikat, terbit tahun 2025", "215327601028121", `value="2025"`).
			lacks(t, "0289010302776")
		if n != 1 {
			t.Errorf("obtained in 2025 %v, want 1", n)
		}
		link, _ = follow("umkm_cert_obtained", indicator.Query{Region: sungaiRaya}, "region", string(kualaDua))
		b.get(link).want(t, 200).contains(t, "<strong>1</strong> sertifikat, terbit tahun 2026", "0289010302776", `<option value="`+string(kualaDua)+`" selected>`).
			lacks(t, "ID32110000474710722")
		b.get("/sertifikat?tampil=semua&tahun_terbit=2019").want(t, 200).contains(t, "Tidak ada sertifikat yang cocok dengan penyaring ini.")
		b.get("/sertifikat?tampil=kemarin").want(t, http.StatusUnprocessableEntity).contains(t, "Tampilan")
		b.get("/sertifikat?tampil=semua&tahun_terbit=2030").want(t, http.StatusUnprocessableEntity).contains(t, "Tahun terbit harus")

		// The export holds the same records as the page.
		csv := b.get("/sertifikat/ekspor?format=csv&tampil=berlaku&kecamatan="+string(sungaiRaya)).want(t, 200)
		if !strings.Contains(csv.body, "0289010302776") || !strings.Contains(csv.body, "215327601028121") || strings.Contains(csv.body, "MD224510107115") ||
			strings.Contains(csv.body, "ID32110000474710722") || !strings.Contains(csv.header.Get("Content-Disposition"), "sertifikat-berlaku") {
			t.Errorf("csv export of the certificates in force:\n%s", csv.body)
		}
		b.get("/sertifikat?tampil=berlaku").want(t, 200).contains(t, `href="/sertifikat/ekspor?format=csv&tampil=berlaku"`)

		en := s.signedIn(s.user("staf.en", bina.RoleStaff, ""))
		base, _ := url.Parse(s.srv.URL)
		en.c.Jar.SetCookies(base, []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		en.get("/sertifikat?tampil=berlaku").want(t, 200).contains(t, "Certificates in force", "certificates in force today", "In force now", "Issue year")
	})
}
