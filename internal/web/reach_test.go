package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"bina"
)

// TestReachPage: the table per kecamatan and per desa, every figure a
// link to its list, the since selector, the table's export, and the list
// behind "never reached".
func TestReachPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		for _, name := range []string{"Kerupuk Satu", "Kerupuk Dua"} {
			s.mustCreate(enterprise(name, kualaDua))
		}
		s.mustCreate(enterprise("Sawit Mandor", bina.RegionCode(mandor+".2001")))
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))

		b.get("/jangkauan").want(t, 200).contains(t,
			"Jangkauan pembinaan",
			`<a href="/jangkauan" aria-current="page">`,
			`<a href="/jangkauan?wilayah=61.12.01">Sungai Raya</a>`,
			`<a href="/umkm?kecamatan=61.12.01">2</a>`,
			`<a href="/umkm?jangkauan=never&kecamatan=61.12.01">2</a>`,
			`<a href="/umkm?jangkauan=ever&kecamatan=61.12.01">0</a>`,
			`<a href="/umkm?jangkauan=never">3</a>`, // totals row
			`<label for="f-sejak">`,
			`/jangkauan/ekspor?format=xlsx`,
		)
		b.get("/jangkauan?wilayah=61.12.01&sejak=2024").want(t, 200).contains(t,
			"Per desa/kelurahan",
			`<a href="/umkm?desa=61.12.01.2004&jangkauan=since%3A2024">0</a>`,
			`<option value="2024" selected>`,
			`href="/jangkauan?wilayah=61.12&sejak=2024"`,
		)
		b.get("/jangkauan?sejak=kemarin").want(t, 422)

		r := b.get("/jangkauan/ekspor?format=csv&wilayah=61.12.01").want(t, 200)
		if !strings.Contains(r.body, "61.12.01.2004") || !strings.Contains(r.body, "Belum pernah dijangkau") {
			t.Errorf("export: %s", excerpt(r.body))
		}
		b.get("/umkm?jangkauan=never&kecamatan=61.12.01").want(t, 200).contains(t, "Kerupuk Satu", "Kerupuk Dua", `<select id="f-jangkauan" name="jangkauan">`, `<option value="never" selected>Belum pernah dijangkau</option>`).lacks(t, "Sawit Mandor")
		// A year older than the select's own choices stays chosen.
		b.get("/umkm?jangkauan=since:2020").want(t, 200).contains(t, `<option value="since:2020" selected>Dijangkau sejak 2020</option>`).lacks(t, "Kerupuk Satu")
		b.get("/umkm/ekspor?format=csv&jangkauan=never&kecamatan=61.12.02").want(t, 200).contains(t, "Sawit Mandor").lacks(t, "Kerupuk Satu")

		t.Run("officer", func(t *testing.T) {
			o := s.signedIn(s.user("pendamping", bina.RoleOfficer, mandor))
			o.get("/jangkauan").want(t, 200).contains(t, "Per desa/kelurahan").lacks(t, "Sungai Raya")
			o.get("/jangkauan?wilayah=61.12.01").want(t, 404)
		})
	})
}

// TestBinaanDecisionPage: staff make a UMKM binaan with a reason on its
// page; the home page's binaan figure follows.
func TestBinaanDecisionPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		e := s.mustCreate(enterprise("Kerupuk Satu", kualaDua))
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		id := "/umkm/" + strconv.FormatInt(e.ID, 10)
		b.get(id).want(t, 200).contains(t, "Status binaan", "Tetapkan sebagai binaan", `<label for="f-alasan-binaan">`)
		b.post(id+"/binaan", url.Values{"binaan": {"ya"}, "alasan": {""}}).want(t, 422)
		b.post(id+"/binaan", url.Values{"binaan": {"ya"}, "alasan": {"Peserta kurasi provinsi"}}).want(t, 303)
		b.get(id).want(t, 200).contains(t, "Binaan karena keputusan: Peserta kurasi provinsi", "Cabut keputusan binaan")
		b.get("/").want(t, 200).contains(t, `<a href="/umkm?binaan=ya&kecamatan=61.12.01">1</a>`)
		b.post(id+"/binaan", url.Values{"binaan": {"tidak"}}).want(t, 303)
		b.get("/").want(t, 200).contains(t, `<a href="/umkm?binaan=ya&kecamatan=61.12.01">0</a>`)

		v := s.signedIn(s.user("pembaca", bina.RoleViewer, ""))
		v.get(id).want(t, 200).lacks(t, "Tetapkan sebagai binaan")
		v.post(id+"/binaan", url.Values{"binaan": {"ya"}, "alasan": {"x"}}).want(t, 403)
	})
}
