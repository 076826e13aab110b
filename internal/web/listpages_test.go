package web_test

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bina"
)

// TestListNavigation walks the UMKM list as a person does: the position
// and total, a page size, forward and back, a sortable name column, the
// exports above the table, and the API's names and true/false in the
// address.
func TestListNavigation(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		for i := 0; i < 23; i++ {
			e := enterprise(fmt.Sprintf("Usaha %02d", i), kualaDua)
			e.Binaan = i%2 == 0
			s.mustCreate(e)
		}
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		link := func(t *testing.T, body, rel string) string {
			t.Helper()
			m := regexp.MustCompile(`href="([^"]+)" rel="` + rel + `"`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no %s link", rel)
			}
			return html.UnescapeString(m[1])
		}

		t.Run("position, size, forward and back", func(t *testing.T) {
			r := b.get("/umkm?skala=mikro&limit=10").want(t, 200)
			r.contains(t, "1–10 dari 23", "Per halaman:", `<a href="/umkm?limit=50&skala=mikro" aria-describedby="page-size-label">50</a>`)
			next := link(t, r.body, "next")
			if !strings.Contains(next, "limit=10") || !strings.Contains(next, "skala=mikro") || !strings.Contains(next, "pos=10") {
				t.Errorf("next %q loses the size, the filter or the position", next)
			}
			r2 := b.get(next).want(t, 200).contains(t, "11–20 dari 23", "Usaha 10").lacks(t, "Usaha 09<")
			r3 := b.get(link(t, r2.body, "next")).want(t, 200).contains(t, "21–23 dari 23", "Usaha 22")
			back := b.get(link(t, r3.body, "prev")).want(t, 200).contains(t, "11–20 dari 23", "Usaha 10")
			b.get(link(t, back.body, "prev")).want(t, 200).contains(t, "1–10 dari 23", "Usaha 00").lacks(t, `rel="prev"`)
		})
		t.Run("a page size of a million", func(t *testing.T) {
			r := b.get("/umkm?limit=1000000").want(t, 200).contains(t, "1–23 dari 23", "Usaha 22")
			r.contains(t, `<a href="/umkm?limit=100" aria-current="true"`)
			b.get("/umkm?limit=banyak&hal=-4&pos=-9").want(t, 200).contains(t, "1–23 dari 23")
		})
		t.Run("sort by the name column", func(t *testing.T) {
			r := b.get("/umkm").want(t, 200).contains(t, `aria-sort="ascending"><a class="sort" href="/umkm?urut=-name">`)
			r = b.get("/umkm?urut=-name").want(t, 200).contains(t, `aria-sort="descending"><a class="sort" href="/umkm?urut=name">`)
			if i, j := strings.Index(r.body, "Usaha 22"), strings.Index(r.body, "Usaha 00"); i < 0 || j >= 0 && j < i {
				t.Error("Z-A order does not start with the last name")
			}
		})
		t.Run("exports above the table", func(t *testing.T) {
			r := b.get("/umkm?skala=mikro").want(t, 200)
			if d, tb := strings.Index(r.body, "/umkm/ekspor?"), strings.Index(r.body, `<table class="list">`); d < 0 || d > tb {
				t.Errorf("the export links (at %d) do not come before the table (at %d)", d, tb)
			}
		})
		t.Run("the API's names and true or false", func(t *testing.T) {
			b.get("/umkm?binaan=true").want(t, 200).contains(t, "12</strong> UMKM", `<option value="ya" selected>`)
			b.get("/umkm?binaan=false").want(t, 200).contains(t, "11</strong> UMKM")
			b.get("/umkm?size=mikro&region="+string(kualaDua)).want(t, 200).
				contains(t, "23</strong> UMKM", `<option value="61.12.01.2004" selected>`, `<option value="mikro" selected>`)
		})
		t.Run("the other lists take the same parameters", func(t *testing.T) {
			s.mustCreateCoop(cooperative("Koperasi Maju Bersama", kualaDua))
			b.get("/koperasi?limit=1000000").want(t, 200).contains(t, "1–1 dari 1", `aria-sort="ascending"`)
			admin := s.signedIn(s.user("admin.dinas", bina.RoleAdmin, ""))
			r := admin.get("/pengguna?limit=1").want(t, 200).contains(t, `href="/pengguna?hal=2&limit=1" rel="next"`).lacks(t, `rel="prev"`)
			m := regexp.MustCompile(`1–1 dari (\d+)`).FindStringSubmatch(r.body)
			if m == nil {
				t.Fatal("no position on the accounts list")
			}
			if n, _ := strconv.Atoi(m[1]); n < 2 {
				t.Fatalf("%d accounts listed, want at least the two made", n)
			}
			admin.get("/pengguna?limit=1&hal="+m[1]).want(t, 200).contains(t, m[1]+"–"+m[1]+" dari "+m[1], `rel="prev"`).lacks(t, `rel="next"`)
			admin.get("/pengguna?hal=99999").want(t, 200)
			for _, p := range []string{"/program?limit=50&hal=x", "/sertifikat?limit=7&pos=3", "/pendampingan?limit=0"} {
				b.get(p).want(t, 200)
			}
		})
	})
}
