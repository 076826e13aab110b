package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"bina"
	"bina/internal/api"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// newServer builds the whole server on a real store of engine.
func newServer(t *testing.T, engine string) *Server {
	t.Helper()
	store := sqlstoretest.Open(t, engine)
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref, Log: slog.New(slog.DiscardHandler)})
	return New(Deps{Users: store, Web: wh, API: ah, Ping: store.Ping})
}

// TestEveryRouteDeclared fails on a route that is neither public nor
// guarded, and checks that guarded routes refuse anonymous requests while
// public ones let them through.
func TestEveryRouteDeclared(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newServer(t, engine)
			param := regexp.MustCompile(`\{[^}]+\}`)
			for _, rt := range s.routes() {
				if rt.access != public && rt.access != guarded {
					t.Errorf("route %q is neither public nor guarded", rt.pattern)
					continue
				}
				method, path, _ := strings.Cut(rt.pattern, " ")
				path = strings.ReplaceAll(path, "{$}", "")
				path = param.ReplaceAllStringFunc(path, func(p string) string {
					switch p {
					case "{lang}":
						return "en"
					case "{file...}":
						return "missing.css"
					}
					return "1"
				})
				req := httptest.NewRequest(method, path, nil)
				req.Header.Set("Origin", "http://example.com") // unsafe anonymous requests are checked too
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				switch {
				case rt.access == guarded && strings.HasPrefix(path, "/api/"):
					if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Header().Get("Content-Type"), "problem+json") {
						t.Errorf("%s anonymous: %d %s, want 401 problem+json", rt.pattern, rec.Code, rec.Header().Get("Content-Type"))
					}
				case rt.access == guarded:
					if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/masuk?next=") {
						t.Errorf("%s anonymous: %d to %q, want 303 to /masuk", rt.pattern, rec.Code, rec.Header().Get("Location"))
					}
				default:
					if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusSeeOther && strings.HasPrefix(rec.Header().Get("Location"), "/masuk?next=") {
						t.Errorf("%s is public but answered %d", rt.pattern, rec.Code)
					}
				}
			}
		})
	}
}

func TestHealthzAndHeaders(t *testing.T) {
	s := newServer(t, "sqlite")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != "ok" {
		t.Fatalf("healthz = %d %q", rec.Code, rec.Body.String())
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", RequestIDHeader} {
		if rec.Header().Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/tidak-ada", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("unknown path = %d, want 404", rec.Code)
	}
}

func TestBearerAndCrossOrigin(t *testing.T) {
	store := sqlstoretest.Open(t, "sqlite")
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	s := New(Deps{Users: store, Web: wh, API: api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref}), Ping: store.Ping})
	ctx := t.Context()
	u := &bina.User{Name: "staf1", Role: bina.RoleStaff}
	if err := store.CreateUser(ctx, u, "kata-sandi-panjang"); err != nil {
		t.Fatal(err)
	}
	tok, err := store.CreateToken(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := store.CreateSession(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}

	do := func(method, path string, hdr map[string]string, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	if rec := do("GET", "/api/v1/me", map[string]string{"Authorization": "Bearer " + tok}, ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"staf1"`) {
		t.Errorf("bearer me = %d %s", rec.Code, rec.Body.String())
	}
	if rec := do("GET", "/api/v1/me", map[string]string{"Authorization": "Bearer bina_salah"}, ""); rec.Code != 401 {
		t.Errorf("bad bearer = %d", rec.Code)
	}
	if rec := do("GET", "/api/v1/me", map[string]string{"Authorization": "Basic eDp5"}, ""); rec.Code != 401 {
		t.Errorf("basic auth = %d", rec.Code)
	}
	cookie := web.SessionCookie + "=" + sess.Token
	form := map[string]string{"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
	// A form post without the CSRF token is refused.
	if rec := do("POST", "/keluar", form, ""); rec.Code != http.StatusForbidden {
		t.Errorf("logout without csrf = %d, want 403", rec.Code)
	}
	// A cross-site post is refused even with the token.
	cross := map[string]string{"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site"}
	if rec := do("POST", "/keluar", cross, CSRFField+"="+sess.CSRF); rec.Code != http.StatusForbidden {
		t.Errorf("cross-site logout = %d, want 403", rec.Code)
	}
	if rec := do("POST", "/keluar", form, CSRFField+"="+sess.CSRF); rec.Code != http.StatusSeeOther {
		t.Errorf("logout with csrf = %d, want 303", rec.Code)
	}
	// The session is gone: the cookie no longer signs in.
	if rec := do("GET", "/umkm", map[string]string{"Cookie": cookie}, ""); rec.Code != http.StatusSeeOther {
		t.Errorf("after logout /umkm = %d, want 303", rec.Code)
	}
}
