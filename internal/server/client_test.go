package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"bina"
	"bina/audit"
	"bina/internal/api"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// site is the whole server on a real store with the audit kept, a
// trusted proxy at 10.0.0.0/8, and an account per role.
type site struct {
	t     *testing.T
	srv   *Server
	store interface {
		audit.Service
		bina.EnterpriseService
		bina.CooperativeService
		bina.UserService
	}
	log    *syncBuffer
	tokens map[bina.Role]string
	users  map[bina.Role]*bina.User
	cookie map[bina.Role]string // the session cookie
	csrf   map[bina.Role]string
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func newSite(t *testing.T, engine string) *site {
	t.Helper()
	store := sqlstoretest.Open(t, engine)
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log, Audit: store})
	if err != nil {
		t.Fatal(err)
	}
	ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref, Log: log, Audit: store})
	proxies, err := ParseTrustedProxies("10.0.0.0/8, 192.168.1.10")
	if err != nil {
		t.Fatal(err)
	}
	s := &site{t: t, store: store, log: logs, tokens: map[bina.Role]string{}, users: map[bina.Role]*bina.User{},
		cookie: map[bina.Role]string{}, csrf: map[bina.Role]string{},
		srv: New(Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log, TrustedProxies: proxies, Audit: store})}
	ctx := t.Context()
	for _, u := range []*bina.User{
		{Name: "admin", Role: bina.RoleAdmin},
		{Name: "staf", Role: bina.RoleStaff},
		{Name: "pembaca", Role: bina.RoleViewer},
	} {
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
		s.tokens[u.Role], s.users[u.Role] = tok, u
		s.cookie[u.Role], s.csrf[u.Role] = web.SessionCookie+"="+sess.Token, sess.CSRF
	}
	return s
}

// do serves a request from peer (host:port) with the headers given.
func (s *site) do(method, target, peer string, hdr map[string]string, body string) *httptest.ResponseRecorder {
	s.t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if peer != "" {
		req.RemoteAddr = peer
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.srv.ServeHTTP(rec, req)
	return rec
}

func (s *site) bearer(role bina.Role) map[string]string {
	return map[string]string{"Authorization": "Bearer " + s.tokens[role]}
}

// mustEnterprise stores an enterprise with an owner's personal data.
func (s *site) mustEnterprise(name string) *bina.Enterprise {
	s.t.Helper()
	e := &bina.Enterprise{Name: name, VillageCode: "61.12.01.2001", MainProduct: "Kerupuk",
		Owner:   bina.Owner{Name: "Siti Aminah", NIK: "6112014506900003", Gender: "P", Phone: "081234567890"},
		KBLI:    []bina.KBLICode{{Version: bina.KBLI2020, Code: "10794"}},
		Sales:   []bina.AnnualSales{{Year: 2025, Amount: 120_000_000}},
		Capital: 15_000_000}
	if err := s.store.CreateEnterprise(context.Background(), e); err != nil {
		s.t.Fatalf("create %s: %v", name, err)
	}
	return e
}

// TestRequestLogNamesUser: the request log said "user":0 on every line,
// because it read the user before authenticate set it.
func TestRequestLogNamesUser(t *testing.T) {
	s := newSite(t, "sqlite")
	s.do("GET", "/api/v1/me", "", s.bearer(bina.RoleStaff), "")
	s.do("GET", "/umkm", "", map[string]string{"Cookie": s.cookie[bina.RoleViewer]}, "")
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s.log.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if m["msg"] == "request" {
			lines = append(lines, m)
		}
	}
	want := []int64{s.users[bina.RoleStaff].ID, s.users[bina.RoleViewer].ID}
	if len(lines) != len(want) {
		t.Fatalf("%d request lines, want %d:\n%s", len(lines), len(want), s.log.String())
	}
	for i, l := range lines {
		if got, _ := l["user"].(float64); int64(got) != want[i] {
			t.Errorf("request %s logged user %v, want %d", l["path"], l["user"], want[i])
		}
	}
}

// TestResolveClient: the client address and scheme come from the proxy's
// headers only when the peer is a trusted proxy.
func TestResolveClient(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.0/8,192.168.1.10 2001:db8::/32")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{proxies: proxies}
	for _, tc := range []struct {
		name, peer, xff, proto string
		client                 string
		https                  bool
	}{
		{"direct", "198.51.100.1:1234", "", "", "198.51.100.1", false},
		{"untrusted peer lies", "198.51.100.1:1234", "203.0.113.9", "https", "198.51.100.1", false},
		{"trusted proxy", "10.1.2.3:1234", "203.0.113.9", "https", "203.0.113.9", true},
		{"client prepends a lie", "10.1.2.3:1234", "1.2.3.4, 203.0.113.9", "http", "203.0.113.9", false},
		{"two proxies", "192.168.1.10:80", "203.0.113.9, 10.0.0.7", "https", "203.0.113.9", true},
		{"garbage in the chain", "10.1.2.3:1234", "203.0.113.9, bogus, 10.0.0.7", "", "10.1.2.3", false},
		{"only proxies", "10.1.2.3:1234", "10.0.0.5", "", "10.0.0.5", false},
		{"trusted without header", "10.1.2.3:1234", "", "", "10.1.2.3", false},
		{"ipv6 proxy", "[2001:db8::1]:443", "2001:db8:ffff::9, 198.51.100.4", "https", "198.51.100.4", true},
		{"ipv4-mapped peer", "[::ffff:10.0.0.1]:1", "203.0.113.9", "", "203.0.113.9", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var client string
			var https bool
			h := s.resolveClient(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				client, https = audit.ClientAddr(r.Context()), isHTTPS(r)
			}))
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = tc.peer
			if tc.xff != "" {
				req.Header.Set("X-Forwarded-For", tc.xff)
			}
			if tc.proto != "" {
				req.Header.Set("X-Forwarded-Proto", tc.proto)
			}
			h.ServeHTTP(httptest.NewRecorder(), req)
			if client != tc.client || https != tc.https {
				t.Errorf("client %q https %v, want %q %v", client, https, tc.client, tc.https)
			}
		})
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8, example.com"); err == nil {
		t.Error("a host name is accepted as a trusted proxy")
	}
}

// TestSecureOverHTTPS: behind a TLS-terminating trusted proxy, cookies were
// not Secure and no HSTS was sent.
func TestSecureOverHTTPS(t *testing.T) {
	s := newSite(t, "sqlite")
	hdr := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://bina.example",
		"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
	rec := s.do("POST", "https://bina.example/masuk", "10.0.0.2:5000", hdr, "name=staf&password=kata-sandi-panjang")
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", rec.Code)
	}
	cookies := rec.Result().Cookies()
	if len(cookies) == 0 {
		t.Fatal("no cookie")
	}
	for _, c := range cookies {
		if !c.Secure {
			t.Errorf("cookie %s is not Secure over HTTPS", c.Name)
		}
	}
	if rec.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS over HTTPS")
	}
	// The same request from an untrusted peer came over plain HTTP.
	rec = s.do("GET", "/bahasa/en", "198.51.100.20:5000", map[string]string{"X-Forwarded-Proto": "https"}, "")
	if c := rec.Result().Cookies(); len(c) != 1 || c[0].Secure {
		t.Errorf("cookie over plain HTTP: %+v", c)
	}
	if rec.Header().Get("Strict-Transport-Security") != "" {
		t.Error("HSTS over plain HTTP")
	}
}

// TestNULBytesAnswer400: a NUL byte or invalid UTF-8 in a parameter gave
// 500 on PostgreSQL, which refuses them in text.
func TestNULBytesAnswer400(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSite(t, engine)
			e := s.mustEnterprise("Usaha NUL")
			staff := map[string]string{"Cookie": s.cookie[bina.RoleStaff]}
			form := map[string]string{"Cookie": s.cookie[bina.RoleStaff], "Content-Type": "application/x-www-form-urlencoded", "Origin": "http://example.com"}
			jsonHdr := map[string]string{"Authorization": "Bearer " + s.tokens[bina.RoleStaff], "Content-Type": "application/json", "If-Match": `"1"`}
			path := "/api/v1/enterprises/" + strconv.FormatInt(e.ID, 10)
			for _, tc := range []struct {
				name, method, target string
				hdr                  map[string]string
				body                 string
			}{
				{"page search", "GET", "/umkm?q=a%00b", staff, ""},
				{"page search, bad UTF-8", "GET", "/umkm?q=%ff%fe", staff, ""},
				{"cooperative search", "GET", "/koperasi?q=%00", staff, ""},
				{"API search", "GET", "/api/v1/enterprises?q=%00", s.bearer(bina.RoleStaff), ""},
				{"API kbli", "GET", "/api/v1/kbli?q=%00", s.bearer(bina.RoleStaff), ""},
				{"audit actor", "GET", "/api/v1/audit?actor=%00", s.bearer(bina.RoleAdmin), ""},
				{"sign-in name", "POST", "http://example.com/masuk", map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://example.com"}, "name=ad%00min&password=kata-sandi-panjang"},
				{"form field", "POST", "http://example.com/umkm/" + strconv.FormatInt(e.ID, 10) + "/arsip", form, "csrf=" + url.QueryEscape(s.csrf[bina.RoleStaff]) + "&reason=%00"},
				{"JSON body", "POST", path + "/archive", jsonHdr, `{"reason": "tutup\u0000"}`},
			} {
				rec := s.do(tc.method, tc.target, "", tc.hdr, tc.body)
				if rec.Code != http.StatusBadRequest {
					t.Errorf("%s: %s %s = %d, want 400", tc.name, tc.method, tc.target, rec.Code)
				}
			}
			// A form over the body limit is said to be so, not taken for a
			// form without its CSRF token.
			big := "csrf=" + url.QueryEscape(s.csrf[bina.RoleStaff]) + "&reason=" + strings.Repeat("x", 2<<20)
			if rec := s.do("POST", "http://example.com/umkm/"+strconv.FormatInt(e.ID, 10)+"/arsip", "", form, big); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "terlalu besar") {
				t.Errorf("a 2 MiB form = %d", rec.Code)
			}
			// An escaped backslash before u0000 is text, not a NUL.
			rec := s.do("POST", path+"/archive", "", jsonHdr, `{"reason": "tutup \\u0000"}`)
			if rec.Code != http.StatusOK {
				t.Errorf("archive with a literal backslash = %d %s", rec.Code, rec.Body)
			}
		})
	}
}
