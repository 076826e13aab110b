package web_test

import (
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
		m.Set("kind", bina.MilestoneJobsCreated)
		m.Set("date", "2025-05-01")
		m.Set("jobs", "3")
		b.post(page+"/capaian", m).location(t)
		b.post(page+"/capaian", m).location(t) // the same form twice
		if ms, _ := s.store.Milestones(context.Background(), e.ID); len(ms) != 1 || ms[0].Jobs != 3 || ms[0].RecordedBy != "staf" {
			t.Errorf("milestones %+v", ms)
		}

		c := bina.Certificate{EnterpriseID: other.ID, Kind: bina.CertBPOM, Number: "MD224510107115", IssuedOn: bina.DateOf(2022, 1, 1), ExpiresOn: bina.DateOf(2027, 1, 15)}
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
		dup := bina.Certificate{EnterpriseID: other.ID, Kind: bina.CertPIRT, Number: "215327601028121"}
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
