package web

import (
	"net/url"

	"bina"
)

// apiNamesToPage rewrites, in place, the API's names of list parameters in q to
// the names the pages' filter forms use (bina.ListParams), so that an
// address written with the API's vocabulary (/umkm?size=mikro&region=…)
// opens the same list with its form filled in. A page's own name wins when
// both are given. A region becomes the kecamatan or desa select by its
// level, archived=true the arsip box, and yes-or-no values written true or
// false become ya or tidak.
func apiNamesToPage(q url.Values) {
	for _, p := range bina.ListParams {
		v := q.Get(p.Name)
		if !q.Has(p.Name) {
			continue
		}
		q.Del(p.Name)
		page := p.Page[0]
		switch p.Name {
		case "region":
			if bina.RegionCode(v).Level() == bina.LevelVillage {
				page = "desa"
			}
		case "archived":
			if v != "true" && v != "1" {
				continue
			}
			v = "1"
		}
		if anyOf(q, p.Page) {
			continue
		}
		q.Set(page, v)
	}
	for _, k := range []string{"binaan", "aktif", "kdmp", "disabilitas", "nik_sah", "desa_dikenal"} {
		if code, ok := bina.YesNo(q.Get(k)); ok && q.Has(k) {
			q.Set(k, code)
		}
	}
}

// anyOf reports whether q has one of names.
func anyOf(q url.Values, names []string) bool {
	for _, n := range names {
		if q.Has(n) {
			return true
		}
	}
	return false
}
