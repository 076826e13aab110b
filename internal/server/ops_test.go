package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"bina"
	"bina/internal/api"
	"bina/internal/metrics"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// newOpsServer is a server with metrics on store, and bearer tokens of an
// administrator and a staff member.
func newOpsServer(t testing.TB, store *sqlstore.Store, ready func(context.Context) error) (s *Server, admin, staff string) {
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	log := slog.New(slog.DiscardHandler)
	wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref, Log: log})
	mx := metrics.New(log)
	for name, db := range store.Pools() {
		mx.AddDB(name, db)
	}
	mx.AddJobQueue(func(context.Context) (map[string]int64, error) { return map[string]int64{"available": 3}, nil })
	s = New(Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Ready: ready, Metrics: mx, Log: log})
	token := func(name string, role bina.Role) string {
		u := &bina.User{Name: name, Role: role}
		if err := store.CreateUser(context.Background(), u, "kata-sandi-panjang"); err != nil {
			t.Fatal(err)
		}
		tok, err := store.CreateToken(context.Background(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	return s, token("admin1", bina.RoleAdmin), token("staf1", bina.RoleStaff)
}

func get(s http.Handler, path, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

// TestMetrics: /metrics is for administrators and reports requests by
// route pattern (not by path), the database pools, the job queue and the
// Go runtime, in the Prometheus text format.
func TestMetrics(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			store := sqlstoretest.Open(t, engine)
			s, admin, staff := newOpsServer(t, store, store.Ready)
			for _, id := range []string{"1", "2", "3"} {
				get(s, "/api/v1/enterprises/"+id, staff)
			}
			if rec := get(s, "/metrics", ""); rec.Code != http.StatusSeeOther {
				t.Errorf("anonymous /metrics = %d, want 303 to sign in", rec.Code)
			}
			if rec := get(s, "/metrics", staff); rec.Code != http.StatusForbidden {
				t.Errorf("staff /metrics = %d, want 403", rec.Code)
			}
			rec := get(s, "/metrics", admin)
			if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
				t.Fatalf("admin /metrics = %d %s", rec.Code, rec.Header().Get("Content-Type"))
			}
			body := rec.Body.String()
			for _, want := range []string{
				`bina_http_requests_total{code="404",method="GET",route="GET /api/v1/enterprises/{id}"} 3`,
				`bina_http_request_duration_seconds_count{method="GET",route="GET /api/v1/enterprises/{id}"} 3`,
				`go_sql_open_connections{db_name=`,
				`bina_jobs{state="available"} 3`,
				`bina_import_rows_total 0`,
				`go_goroutines `,
				`process_resident_memory_bytes `,
			} {
				if !strings.Contains(body, want) {
					t.Errorf("/metrics lacks %q", want)
				}
			}
			if strings.Contains(body, `route="/api/v1/enterprises/1"`) {
				t.Error("/metrics labels a raw path")
			}
		})
	}
}

// TestReadyz: /readyz answers 200 while the database answers and the
// server is not shutting down, 503 otherwise; /healthz stays.
func TestReadyz(t *testing.T) {
	store := sqlstoretest.Open(t, "sqlite")
	var down error
	s, _, _ := newOpsServer(t, store, func(ctx context.Context) error {
		if down != nil {
			return down
		}
		return store.Ready(ctx)
	})
	if rec := get(s, "/readyz", ""); rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != "ok" {
		t.Fatalf("readyz = %d %q", rec.Code, rec.Body.String())
	}
	down = errors.New("database is locked")
	if rec := get(s, "/readyz", ""); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database down = %d, want 503", rec.Code)
	}
	down = nil
	s.Drain()
	if rec := get(s, "/readyz", ""); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "shutting down") {
		t.Errorf("readyz while draining = %d %q, want 503", rec.Code, rec.Body.String())
	}
	if rec := get(s, "/healthz", ""); rec.Code != 200 {
		t.Errorf("healthz while draining = %d, want 200", rec.Code)
	}

	// A closed database is not ready.
	closed := sqlstoretest.Open(t, "sqlite")
	s, _, _ = newOpsServer(t, closed, closed.Ready)
	closed.Close()
	if rec := get(s, "/readyz", ""); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "database") {
		t.Errorf("readyz with the store closed = %d %q, want 503", rec.Code, rec.Body.String())
	}
}
