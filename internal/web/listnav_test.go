package web

import (
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestPageSize(t *testing.T) {
	for in, want := range map[string]int{"": 25, "50": 50, "100": 100, "1000000": 100, "0": 25, "-5": 25, "banyak": 25, "7": 7} {
		if got := pageSize(url.Values{"limit": {in}}); got != want {
			t.Errorf("pageSize(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestKeysetNav(t *testing.T) {
	lq := func(query string) listQuery {
		q, _ := url.ParseQuery(query)
		return newListQuery(httptest.NewRequest("GET", "/umkm?"+query, nil), "/umkm", q, "skala", "urut")
	}
	t.Run("first page", func(t *testing.T) {
		nav := lq("skala=mikro").keysetNav("cursor", 25, 7926, false, "", "N1")
		if nav.From != 1 || nav.To != 25 || nav.Total != 7926 || nav.PrevURL != "" {
			t.Errorf("nav = %+v", nav)
		}
		if want := "/umkm?cursor=N1&pos=25&skala=mikro"; nav.NextURL != want {
			t.Errorf("next = %q, want %q", nav.NextURL, want)
		}
	})
	t.Run("a middle page with its size", func(t *testing.T) {
		nav := lq("skala=mikro&cursor=C&pos=50&limit=50").keysetNav("cursor", 50, 7926, false, "P", "N")
		if nav.From != 51 || nav.To != 100 || nav.Size != 50 {
			t.Errorf("nav = %+v", nav)
		}
		if want := "/umkm?cursor=P&limit=50&pos=0&skala=mikro"; nav.PrevURL != want {
			t.Errorf("prev = %q, want %q", nav.PrevURL, want)
		}
		if want := "/umkm?cursor=N&limit=50&pos=100&skala=mikro"; nav.NextURL != want {
			t.Errorf("next = %q, want %q", nav.NextURL, want)
		}
		if s := nav.Sizes[0]; s.N != 25 || s.Current || s.URL != "/umkm?skala=mikro" {
			t.Errorf("size 25 = %+v: a new size starts at the first page", s)
		}
		if !nav.Sizes[1].Current {
			t.Errorf("size 50 not current: %+v", nav.Sizes)
		}
	})
	t.Run("a position from the address is checked", func(t *testing.T) {
		// No page before: it is the first, whatever the address says.
		if nav := lq("cursor=C&pos=500").keysetNav("cursor", 25, 7926, false, "", "N"); nav.From != 1 {
			t.Errorf("From = %d on a page without a page before", nav.From)
		}
		// Past the total: the last rows.
		if nav := lq("cursor=C&pos=9999999").keysetNav("cursor", 6, 7926, false, "P", ""); nav.From != 7921 || nav.To != 7926 {
			t.Errorf("From, To = %d, %d", nav.From, nav.To)
		}
		if nav := lq("cursor=C&pos=-3").keysetNav("cursor", 25, 7926, false, "P", "N"); nav.From != 1 {
			t.Errorf("negative position: From = %d", nav.From)
		}
	})
	t.Run("forward only", func(t *testing.T) {
		nav := lq("cursor=C&pos=25").forwardNav("cursor", 25, 60, "N")
		if nav.From != 26 || nav.FirstURL != "/umkm" || nav.PrevURL != "" {
			t.Errorf("nav = %+v", nav)
		}
	})
}

func TestOffsetNav(t *testing.T) {
	q := url.Values{"hal": {"3"}, "limit": {"10"}, "impor": {"4"}}
	page, offset := offsetPage(q)
	if page != 3 || offset != 20 {
		t.Fatalf("offsetPage = %d, %d", page, offset)
	}
	nav := newListQuery(httptest.NewRequest("GET", "/tinjau", nil), "/tinjau", q, "impor").offsetNav(page, 10, 45, false)
	if nav.From != 21 || nav.To != 30 || nav.PrevURL != "/tinjau?hal=2&impor=4&limit=10" || nav.NextURL != "/tinjau?hal=4&impor=4&limit=10" {
		t.Errorf("nav = %+v", nav)
	}
	// An uncounted list: the position without a total, next from more.
	nav = newListQuery(httptest.NewRequest("GET", "/impor", nil), "/impor", url.Values{}).offsetNav(1, 25, -1, true)
	if nav.Total != -1 || nav.NextURL != "/impor?hal=2" {
		t.Errorf("nav = %+v", nav)
	}
	if p, _ := offsetPage(url.Values{"hal": {"99999999999"}}); p != 1_000_000 {
		t.Errorf("page %d: not bounded", p)
	}
}

func TestSortBy(t *testing.T) {
	lq := newListQuery(httptest.NewRequest("GET", "/", nil), "/koperasi", url.Values{"jenis": {"kredit"}, "cursor": {"C"}}, "jenis", "urut")
	h := lq.sortBy("urut", "", "name", "name", "-name")
	if h.Aria != "ascending" || h.URL != "/koperasi?jenis=kredit&urut=-name" {
		t.Errorf("default order: %+v", h)
	}
	if h := lq.sortBy("urut", "-name", "name", "name", "-name"); h.Aria != "descending" || h.URL != "/koperasi?jenis=kredit&urut=name" {
		t.Errorf("-name: %+v", h)
	}
	if h := lq.sortBy("urut", "-updated", "name", "name", "-name"); h.Aria != "" || h.URL != "/koperasi?jenis=kredit&urut=name" {
		t.Errorf("another order: %+v", h)
	}
}

func TestAPINamesOnPages(t *testing.T) {
	q := url.Values{"size": {"mikro"}, "region": {"61.12.01.2004"}, "archived": {"true"}, "binaan": {"true"}, "sort": {"-name"}, "skala": {"kecil"},
		"owner_gender": {"P"}, "owner_disability": {"false"}, "nik_valid": {"true"}, "village_known": {"tidak"}, "financing_year": {"2025"}}
	apiNamesToPage(q)
	want := url.Values{"skala": {"kecil"}, "desa": {"61.12.01.2004"}, "arsip": {"1"}, "binaan": {"ya"}, "urut": {"-name"},
		"jenis_kelamin": {"P"}, "disabilitas": {"tidak"}, "nik_sah": {"ya"}, "desa_dikenal": {"tidak"}, "tahun_pembiayaan": {"2025"}}
	if q.Encode() != want.Encode() {
		t.Errorf("got %s, want %s", q.Encode(), want.Encode())
	}
}
