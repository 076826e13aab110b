package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestUserPages walks the account pages: only administrators see them; an
// account is added, changed, disabled (its session answers 401 at once)
// and enabled; a reset link sets a new password once; a token is made and
// revoked.
func TestUserPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		admin := s.user("admin", bina.RoleAdmin, "")
		staff := s.user("staf", bina.RoleStaff, "")
		a := s.signedIn(admin)
		st := s.signedIn(staff)
		st.get("/pengguna").want(t, http.StatusForbidden)
		st.get("/").want(t, http.StatusOK).lacks(t, `href="/pengguna"`)
		a.get("/").want(t, http.StatusOK).contains(t, `href="/pengguna"`)
		a.get("/pengguna").want(t, http.StatusOK).contains(t, "admin", "staf")

		// Adding: look-alike names and weak passwords are refused beside
		// their fields.
		a.post("/pengguna", url.Values{"name": {"Adm\u200bin"}, "role": {"staff"}, "password": {"sayangku123"}}).
			want(t, http.StatusUnprocessableEntity).contains(t, "karakter tak terlihat", "terlalu mudah ditebak")
		a.post("/pengguna", url.Values{"name": {"ADMIN"}, "role": {"staff"}, "password": {password}}).
			want(t, http.StatusUnprocessableEntity).contains(t, "sudah dipakai")
		loc := a.post("/pengguna", url.Values{"name": {"Petugas.Rasau"}, "role": {"viewer"}, "password": {password}}).
			want(t, http.StatusSeeOther).location(t)
		nu, err := s.store.FindUserByName(t.Context(), "petugas.rasau")
		if err != nil {
			t.Fatal(err)
		}
		if loc != "/pengguna/"+strconv.FormatInt(nu.ID, 10) {
			t.Errorf("went to %s", loc)
		}
		a.post(loc, url.Values{"role": {"officer"}, "region": {""}}).want(t, http.StatusUnprocessableEntity)
		a.post(loc, url.Values{"role": {"staff"}}).want(t, http.StatusSeeOther)

		// Disabling, after a confirmation, ends the session at once.
		nb := s.signedIn(nu)
		nb.get("/").want(t, http.StatusOK)
		tok, _, err := s.store.IssueToken(t.Context(), nu.ID, "sync", sqlstoretest.Now.AddDate(0, 1, 0))
		if err != nil {
			t.Fatal(err)
		}
		a.get(loc+"/nonaktifkan").want(t, http.StatusOK).contains(t, "Ya, nonaktifkan")
		a.post(loc+"/nonaktifkan", nil).want(t, http.StatusSeeOther)
		nb.get("/").want(t, http.StatusSeeOther)
		nb.get("/api/v1/me").want(t, http.StatusUnauthorized)
		req, _ := http.NewRequest("GET", s.srv.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		s.browser().do(req).want(t, http.StatusUnauthorized)
		a.get(loc).want(t, http.StatusOK).contains(t, `id="state">Nonaktif`)
		a.post(loc+"/aktifkan", nil).want(t, http.StatusSeeOther)

		// A reset link: shown once to the admin, works once.
		body := a.post(loc+"/tautan-sandi", nil).want(t, http.StatusOK).body
		m := regexp.MustCompile(`value="http://[^/"]+(/atur-sandi\?t=[A-Za-z0-9_%-]+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no reset link in %s", excerpt(body))
		}
		link := m[1]
		secret, _ := url.QueryUnescape(link[len("/atur-sandi?t="):])
		anon := s.browser()
		anon.get(link).want(t, http.StatusOK).contains(t, "petugas.rasau")
		anon.postRaw("/atur-sandi", url.Values{"t": {secret}, "password": {"sayangku123"}, "password2": {"sayangku123"}}).
			want(t, http.StatusUnprocessableEntity).contains(t, "terlalu mudah ditebak")
		const fresh = "jembatan-kapuas-berkabut-9"
		anon.postRaw("/atur-sandi", url.Values{"t": {secret}, "password": {fresh}, "password2": {fresh}}).want(t, http.StatusSeeOther)
		anon.get(link).want(t, http.StatusNotFound).contains(t, "tidak berlaku lagi")
		anon.postRaw("/masuk", url.Values{"name": {"petugas.rasau"}, "password": {fresh}, "next": {"/"}}).want(t, http.StatusSeeOther)
		anon.get("/").want(t, http.StatusOK)

		// A named token, shown once, then revoked.
		body = a.post(loc+"/token", url.Values{"token_name": {"sidt-sync"}, "days": {"30"}}).want(t, http.StatusOK).body
		if !regexp.MustCompile(`id="new-token" value="bina_|value="bina_[^"]+" id="new-token"`).MatchString(body) {
			t.Errorf("no token shown: %s", excerpt(body))
		}
		toks, err := s.store.ListTokens(t.Context(), nu.ID)
		if err != nil || len(toks) == 0 {
			t.Fatal(toks, err)
		}
		a.post(loc+"/token/"+strconv.FormatInt(toks[0].ID, 10)+"/cabut", nil).want(t, http.StatusSeeOther)
		a.get(loc).want(t, http.StatusOK).contains(t, "sidt-sync", "Dicabut")

		// Sessions listed and ended.
		sessions, err := s.store.ListSessions(t.Context(), nu.ID)
		if err != nil || len(sessions) != 1 {
			t.Fatal(sessions, err)
		}
		a.post(loc+"/sesi/"+sessions[0].ID+"/akhiri", nil).want(t, http.StatusSeeOther)
		anon.get("/").want(t, http.StatusSeeOther)
	})
}
