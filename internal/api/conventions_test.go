package api_test

import (
	"strings"
	"testing"
)

// testConventions checks the API's conventions (docs/api.md) on the
// records the earlier scenarios made.
func (e *env) testConventions(t *testing.T) {
	t.Run("yes or no as true or false", func(t *testing.T) {
		for _, pair := range [][2]string{
			{"?binaan=ya", "?binaan=true"},
			{"?binaan=tidak", "?binaan=false"},
		} {
			if a, b := e.total(t, pair[0]), e.total(t, pair[1]); a != b {
				t.Errorf("%s: %d, %s: %d", pair[0], a, pair[1], b)
			}
		}
		if e.total(t, "?binaan=true") == 0 || e.total(t, "?binaan=false") == 0 {
			t.Error("binaan=true or false selects nothing: the fixtures have both")
		}
		coop := func(q string) int {
			return e.call(t, e.admin, "GET", "/api/v1/cooperatives"+q, nil).want(t, 200).page(t).Total
		}
		if a, b := coop("?kdmp=tidak"), coop("?kdmp=false"); a != b {
			t.Errorf("kdmp=tidak: %d, kdmp=false: %d", a, b)
		}
		e.call(t, e.admin, "GET", "/api/v1/enterprises?binaan=yes", nil).problem(t, 422, "invalid", "binaan")
	})

	t.Run("the pages' parameter names", func(t *testing.T) {
		for _, pair := range [][2]string{
			{"?size=mikro", "?skala=mikro"},
			{"?region=61.12.01", "?kecamatan=61.12.01"},
			{"?region=61.12.01.2001", "?kecamatan=61.12.01&desa=61.12.01.2001"},
			{"?verification=belum", "?verifikasi=belum"},
			{"?sort=-name", "?urut=-name"},
		} {
			if a, b := e.total(t, pair[0]), e.total(t, pair[1]); a != b {
				t.Errorf("%s: %d, %s: %d", pair[0], a, pair[1], b)
			}
		}
		if e.total(t, "?region=61.12.01") == e.total(t, "") {
			t.Error("the region filter selects everything: the fixtures lie in two kecamatan")
		}
		certs := func(q string) int {
			return e.call(t, e.admin, "GET", "/api/v1/certificates"+q, nil).want(t, 200).page(t).Total
		}
		if a, b := certs("?kind=halal&region=61.12.01"), certs("?jenis=halal&kecamatan=61.12.01"); a != b {
			t.Errorf("certificates by the API's names: %d, by the pages': %d", a, b)
		}
		// Both names at once is a repetition, never a silent choice.
		e.call(t, e.admin, "GET", "/api/v1/enterprises?size=mikro&skala=kecil", nil).problem(t, 400, "bad_request", "skala")
	})

	t.Run("405 with Allow", func(t *testing.T) {
		id := e.ids["keripik"]
		for _, tc := range []struct{ method, path, allow string }{
			{"PATCH", path("/api/v1/enterprises/%d", id), "GET, HEAD, PUT"},
			{"DELETE", path("/api/v1/enterprises/%d", id), "GET, HEAD, PUT"},
			{"PUT", "/api/v1/enterprises", "GET, HEAD, POST"},
		} {
			r := e.raw(t, e.admin, tc.method, tc.path, nil)
			r.problem(t, 405, "method_not_allowed")
			if got := r.header.Get("Allow"); got != tc.allow {
				t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, got, tc.allow)
			}
		}
		// Pages too, and an unknown path stays 404.
		r := e.raw(t, "", "DELETE", path("/umkm/%d", id), nil)
		if r.status != 405 || r.header.Get("Allow") != "GET, HEAD, POST" {
			t.Errorf("DELETE /umkm/{id} = %d, Allow %q", r.status, r.header.Get("Allow"))
		}
		e.raw(t, e.admin, "PATCH", "/api/v1/nothing-here", nil).problem(t, 404, "not_found")
	})

	t.Run("If-None-Match", func(t *testing.T) {
		p := path("/api/v1/enterprises/%d", e.ids["kerupuk"])
		tag := e.call(t, e.admin, "GET", p, nil).want(t, 200).header.Get("ETag")
		if tag == "" {
			t.Fatal("no ETag")
		}
		for _, inm := range []string{tag, "W/" + tag, `"9999", ` + tag, "*"} {
			r := e.call(t, e.admin, "GET", p, nil, "If-None-Match", inm).want(t, 304)
			if len(r.body) != 0 || r.header.Get("ETag") != tag {
				t.Errorf("If-None-Match %s: body %q, ETag %q", inm, r.body, r.header.Get("ETag"))
			}
		}
		e.call(t, e.admin, "GET", p, nil, "If-None-Match", `"9999"`).want(t, 200)
	})

	t.Run("empty lists and unknown values", func(t *testing.T) {
		rec := e.call(t, e.admin, "POST", "/api/v1/enterprises", enterpriseBody("Sambal Roa Tanpa Omzet", "61.12.01.2001", func(m map[string]any) {
			delete(m, "sales")
			delete(m, "start_year")
			m["kbli"] = nil
		})).want(t, 201)
		body := string(rec.body)
		for _, want := range []string{`"sales":[]`, `"kbli":[]`, `"start_month":null`, `"start_year":null`} {
			if !strings.Contains(body, want) {
				t.Errorf("enterprise without sales, KBLI or start lacks %s: %s", want, truncate(rec.body))
			}
		}
		body = string(e.call(t, e.admin, "GET", "/api/v1/enterprises?q=nothing-matches-this", nil).want(t, 200).body)
		if !strings.Contains(body, `"items":[]`) {
			t.Errorf("empty page: %s", body)
		}
	})

	t.Run("problem types are documented pages", func(t *testing.T) {
		r := e.raw(t, "", "GET", "/problems/not_found", nil)
		if r.status != 200 || !strings.Contains(string(r.body), `id="not_found"`) {
			t.Errorf("GET /problems/not_found = %d: %s", r.status, truncate(r.body))
		}
		if r := e.raw(t, "", "GET", "/problems/no_such_kind", nil); r.status != 404 {
			t.Errorf("GET /problems/no_such_kind = %d", r.status)
		}
	})
}
