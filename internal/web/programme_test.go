package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"bina"
)

// TestProgrammePages walks a programme through its pages: create it, find
// candidates with their WhatsApp link, enrol one, move it, export the
// participants, and lose a race with another editor.
func TestProgrammePages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf.program", bina.RoleStaff, ""))
		b.get("/program").want(t, 200).contains(t, "Belum ada program pembinaan", `href="/program/baru"`)
		b.get("/program/baru").want(t, 200).contains(t, `name="activities"`, `name="criteria.never_reached"`)

		bad := url.Values{"name": {""}, "kind": {"pelatihan"}, "starts_on": {"2026-12-01"}}
		b.post("/program", bad).want(t, http.StatusUnprocessableEntity).contains(t, "Nama program wajib diisi")

		form := url.Values{"name": {"Pelatihan Kemasan Produk"}, "kind": {"pelatihan"}, "starts_on": {"2026-12-01"}, "ends_on": {"2026-12-02"},
			"quota": {"20"}, "funding_amount": {"15.000.000"}, "themes": {"pemasaran"}, "criteria.never_reached": {"1"},
			"activities": {"2026-12-01 | Kelas kemasan | Aula"}}
		loc := b.post("/program", form).location(t)
		if !regexp.MustCompile(`^/program/[0-9]+$`).MatchString(loc) {
			t.Fatalf("created at %q", loc)
		}
		b.get(loc).want(t, 200).contains(t, "Pelatihan Kemasan Produk", "Kelas kemasan", "15.000.000", "Belum ada peserta")
		b.get("/program").want(t, 200).contains(t, "Pelatihan Kemasan Produk")

		e := s.mustCreate(enterprise("Kerupuk Ikan Kuala", kualaDua))
		b.get(loc+"/kandidat").want(t, 200).contains(t, "Kerupuk Ikan Kuala", "https://wa.me/6281234567890?text=", "Belum pernah")
		id := strconv.FormatInt(e.ID, 10)
		if got := b.post(loc+"/kandidat", url.Values{"e": {id}}).location(t); got != loc+"#peserta" {
			t.Errorf("enrolled, back to %q", got)
		}
		page := b.get(loc).want(t, 200).contains(t, "Kerupuk Ikan Kuala", "Diusulkan")
		b.get(loc+"/kandidat").want(t, 200).lacks(t, "Kerupuk Ikan Kuala")
		b.post(loc+"/kandidat", url.Values{"e": {id}}).want(t, http.StatusUnprocessableEntity).contains(t, "sudah terdaftar di program ini")

		// Move the participant with a state button.
		m := regexp.MustCompile(`action="(` + loc + `/peserta/[0-9]+)"`).FindStringSubmatch(page.body)
		if m == nil {
			t.Fatalf("no state button:\n%s", excerpt(page.body))
		}
		b.post(m[1], url.Values{"state": {"selected"}}).location(t)
		b.get(loc).want(t, 200).contains(t, "Terpilih")

		csv := b.get(loc+"/ekspor?format=csv").want(t, 200)
		csv.contains(t, "Kerupuk Ikan Kuala", "Terpilih", "081234567890")

		// Another editor saves first: the form's version is stale.
		v := formValues(t, b.get(loc+"/ubah").want(t, 200).body, loc)
		gid, _ := strconv.ParseInt(loc[len("/program/"):], 10, 64)
		g, err := s.store.FindProgramme(context.Background(), gid)
		if err != nil {
			t.Fatal(err)
		}
		g.Place = "Balai Desa"
		if err := s.store.UpdateProgramme(context.Background(), g); err != nil {
			t.Fatal(err)
		}
		v.Set("place", "Aula Kantor")
		b.post(loc, v).want(t, http.StatusConflict).contains(t, "sudah diubah orang lain")

		viewer := s.signedIn(s.user("pembaca", bina.RoleViewer, ""))
		viewer.get(loc).want(t, 200).lacks(t, "081234567890", "wa.me", "Tandai diundang")
	})
}
