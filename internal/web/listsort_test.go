package web_test

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"bina"
)

// TestListSortHeaders sorts the registers by their column headers: each
// header links to its order with the filters kept, says its order in
// aria-sort, and the next page keeps the order (issue 14).
func TestListSortHeaders(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		// Names and desa in opposite orders, so that the two sorts differ.
		for _, e := range []struct {
			name    string
			village bina.RegionCode
		}{{"Usaha Awal", "61.12.02.2001"}, {"Usaha Baru", kualaDua}, {"Usaha Cemerlang", "61.12.02.2001"}, {"Usaha Damai", kualaDua}} {
			ent := enterprise(e.name, e.village)
			ent.NIB = ""
			s.mustCreate(ent)
		}
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		r := b.get("/umkm?binaan=tidak").want(t, 200)
		r.contains(t, `<th scope="col"><a class="sort" href="/umkm?binaan=tidak&urut=region">Desa, kecamatan</a></th>`,
			`<a class="sort" href="/umkm?binaan=tidak&urut=size">Skala</a>`)
		r = b.get("/umkm?binaan=tidak&urut=region&limit=2").want(t, 200)
		r.contains(t, `aria-sort="ascending"><a class="sort" href="/umkm?binaan=tidak&limit=2&urut=-region">Desa, kecamatan <span aria-hidden="true">▲</span>`)
		r.lacks(t, `aria-sort="ascending"><a class="sort" href="/umkm?binaan=tidak&limit=2&urut=-name">`)
		if i, j := strings.Index(r.body, "Usaha Baru"), strings.Index(r.body, "Usaha Damai"); i < 0 || j < i || strings.Contains(r.body, "Usaha Awal") {
			t.Error("the first page by desa does not hold Kuala Dua's businesses in name order")
		}
		m := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatal("no next page")
		}
		next := html.UnescapeString(m[1])
		if !strings.Contains(next, "urut=region") || !strings.Contains(next, "binaan=tidak") {
			t.Errorf("next %q loses the order or the filter", next)
		}
		b.get(next).want(t, 200).contains(t, "3–4 dari 4", "Usaha Awal", "Usaha Cemerlang").lacks(t, "Usaha Baru")

		s.mustCreateCoop(cooperative("Koperasi Maju Bersama", kualaDua))
		r = b.get("/koperasi?urut=-rat").want(t, 200)
		r.contains(t, `<th scope="col" class="num" aria-sort="descending"><a class="sort" href="/koperasi?urut=rat">RAT terakhir`,
			`<a class="sort" href="/koperasi?urut=jenis">Jenis</a>`, `<a class="sort" href="/koperasi?urut=region">Desa, kecamatan</a>`)
		b.get("/umkm?urut=harga").want(t, 422).contains(t, `Pilihan "harga" untuk penyaring ini tidak dikenal`)
	})
}
