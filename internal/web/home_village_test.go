package web_test

import (
	"strings"
	"testing"

	"bina"
)

// TestOfficerHomeByDesa checks that a field officer of one kecamatan sees
// the area broken down by desa, with links to each desa's list, rather
// than one row equal to the total (issue 14).
func TestOfficerHomeByDesa(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		for _, v := range []bina.RegionCode{kualaDua, kualaDua, "61.12.01.2001"} {
			s.mustCreate(enterprise("Usaha "+string(v), v))
		}
		s.mustCreate(enterprise("Usaha di Mandor", mandor+".2001"))
		s.mustCreateCoop(cooperative("Koperasi Kuala Dua", kualaDua))
		o := s.signedIn(s.user("pendamping.kec", bina.RoleOfficer, "61.12.01"))
		r := o.get("/").want(t, 200).contains(t, "Jumlah per desa/kelurahan", ">Kuala Dua</th>",
			`<a href="/umkm?desa=61.12.01.2004&skala=mikro">2</a>`, `<a href="/umkm?desa=61.12.01.2001&skala=mikro">1</a>`,
			`<a href="/koperasi?desa=61.12.01.2004">1</a>`)
		if n := strings.Count(r.body, `<tr>`); n < 5 {
			t.Errorf("%d rows: the desa of the kecamatan are not listed", n)
		}
		r.lacks(t, "Usaha di Mandor", "Mandor</th>")
		// Staff of the whole regency still see kecamatan.
		s.signedIn(s.user("staf", bina.RoleStaff, "")).get("/").want(t, 200).contains(t, "Jumlah per kecamatan").lacks(t, "Jumlah per desa/kelurahan")
	})
}
