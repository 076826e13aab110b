package api_test

import (
	"strings"
	"testing"
)

// testWorkersTotal checks workers_total in the API's JSON: null when
// nothing is known, the split's sum when only the split is given, the
// number as given when only it is known, and a total below the split
// refused on its member.
func (e *env) testWorkersTotal(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(m map[string]any)
		want   string
	}{
		{"Keripik Tanpa Pekerja", func(m map[string]any) { delete(m, "workers_paid_female") }, `"workers_total":null`},
		{"Keripik Dua Pekerja", nil, `"workers_total":2`},
		{"Keripik Tujuh Pekerja", func(m map[string]any) { delete(m, "workers_paid_female"); m["workers_total"] = 7 }, `"workers_total":7`},
		{"Keripik Null Pekerja", func(m map[string]any) { m["workers_total"] = nil }, `"workers_total":2`},
	} {
		r := e.call(t, e.admin, "POST", "/api/v1/enterprises", enterpriseBody(tt.name, "61.12.01.2001", tt.change)).want(t, 201)
		if !strings.Contains(string(r.body), tt.want) {
			t.Errorf("%s: %s, want %s", tt.name, truncate(r.body), tt.want)
		}
		id := r.record(t).ID
		if got := e.call(t, e.admin, "GET", path("/api/v1/enterprises/%d", id), nil).want(t, 200); !strings.Contains(string(got.body), tt.want) {
			t.Errorf("%s read back: %s, want %s", tt.name, truncate(got.body), tt.want)
		}
	}
	e.call(t, e.admin, "POST", "/api/v1/enterprises", enterpriseBody("Keripik Kurang Pekerja", "61.12.01.2001", func(m map[string]any) {
		m["workers_total"] = 1
	})).problem(t, 422, "invalid", "workers_total")
}
