package api_test

import (
	"net/url"
	"strings"
	"testing"

	"bina"
)

// testListSorts pages the registers in every sort the API offers, and
// checks the 422 of a sort, page size or cursor out of range (issue 14).
func (e *env) testListSorts(t *testing.T) {
	for _, list := range []struct {
		path  string
		sorts bina.Options
	}{
		{"/api/v1/enterprises", bina.EnterpriseSorts},
		{"/api/v1/cooperatives", bina.CooperativeSorts},
	} {
		total := e.call(t, e.admin, "GET", list.path, nil).want(t, 200).page(t).Total
		for _, sort := range list.sorts.Codes() {
			seen := map[int64]bool{}
			next := list.path + "?limit=2&sort=" + url.QueryEscape(sort)
			for pages := 0; next != "" && pages <= total; pages++ {
				p := e.call(t, e.admin, "GET", next, nil).want(t, 200).page(t)
				for _, it := range p.Items {
					if seen[it.ID] {
						t.Errorf("%s sort=%s: %d listed twice", list.path, sort, it.ID)
					}
					seen[it.ID] = true
				}
				next = p.Links.Next
			}
			if len(seen) != total {
				t.Errorf("%s sort=%s: %d records paged, want %d", list.path, sort, len(seen), total)
			}
		}
		for _, tc := range []struct{ query, field, text string }{
			{"?sort=harga", "sort", "tidak dikenal; pilih salah satu: name, -name"},
			{"?urut=harga", "urut", "tidak dikenal"},
			{"?limit=1000000", "limit", "Isi bilangan 1 sampai 200"},
			{"?limit=0", "limit", "Isi bilangan 1 sampai 200"},
			{"?sort=size&cursor=eyJzIjoibmFtZSIsImkiOjF9", "cursor", "Posisi halaman tidak dikenali"},
		} {
			if list.path == "/api/v1/cooperatives" && strings.Contains(tc.query, "size") {
				tc.query = strings.Replace(tc.query, "size", "rat", 1)
			}
			p := e.call(t, e.admin, "GET", list.path+tc.query, nil).problem(t, 422, "invalid", tc.field)
			if !strings.Contains(p.Errors[0].Message, tc.text) {
				t.Errorf("%s%s: message %q, want it to say %q", list.path, tc.query, p.Errors[0].Message, tc.text)
			}
		}
	}
}
