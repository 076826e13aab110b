package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"bina"
	"bina/internal/api"
	"bina/internal/metrics"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// BenchmarkMetrics serves the same requests through the server with its
// metrics middleware and without it; the difference is what counting a
// request and timing it by route costs (issue 14: under 1 %).
//
//	go test ./internal/server -run '^$' -bench Metrics -benchtime 3s -count 5
func BenchmarkMetrics(b *testing.B) {
	store := sqlstoretest.Open(b, "sqlite")
	ref := sqlstoretest.Reference(b, bina.DefaultConfig())
	ctx := context.Background()
	for i := range 300 {
		e := &bina.Enterprise{Name: "Usaha " + strconv.Itoa(i), VillageCode: "61.12.01.2001", MainProduct: "Kerupuk",
			Owner: bina.Owner{Name: "Siti Aminah", Gender: "P"}}
		if err := store.CreateEnterprise(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
	u := &bina.User{Name: "tamu", Role: bina.RoleViewer}
	if err := store.CreateUser(ctx, u, "kata-sandi-panjang"); err != nil {
		b.Fatal(err)
	}
	sess, err := store.CreateSession(ctx, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log})
	if err != nil {
		b.Fatal(err)
	}
	ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref, Log: log})
	mx := metrics.New(log)
	servers := map[string]*Server{
		"without": New(Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log}),
		"with":    New(Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log, Metrics: mx}),
	}
	for _, page := range []struct{ name, target string }{
		{"page-25", "/umkm"},
		{"record", "/api/v1/enterprises/1"},
		{"healthz", "/healthz"},
	} {
		for _, name := range []string{"without", "with"} {
			srv := servers[name]
			b.Run(page.name+"/"+name, func(b *testing.B) {
				for b.Loop() {
					req := httptest.NewRequest("GET", page.target, nil)
					req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: sess.Token})
					rec := httptest.NewRecorder()
					srv.ServeHTTP(rec, req)
					if rec.Code != 200 {
						b.Fatalf("%s = %d", page.target, rec.Code)
					}
				}
			})
		}
	}
	// The cost of the metrics alone: counting and timing one request.
	b.Run("observe-alone", func(b *testing.B) {
		s := servers["with"]
		for b.Loop() {
			s.observe("GET", "GET /api/v1/enterprises/{id}", 200, 1000)
		}
	})
}
