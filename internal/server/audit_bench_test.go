package server

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"testing"

	"bina"
	"bina/audit"
	"bina/internal/api"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// BenchmarkListAudit serves list pages as staff, who see personal data,
// with the audit kept (one INSERT per page: the ids it showed, the filter
// and the count) and without it; the difference is what recording bulk
// access costs a list request.
//
//	go test ./internal/server -run '^$' -bench ListAudit -benchtime 2s
func BenchmarkListAudit(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			store := sqlstoretest.Open(b, engine)
			ref := sqlstoretest.Reference(b, bina.DefaultConfig())
			ctx := context.Background()
			for i := range 300 {
				e := &bina.Enterprise{Name: "Usaha " + strconv.Itoa(i), VillageCode: "61.12.01.2001", MainProduct: "Kerupuk",
					Owner: bina.Owner{Name: "Siti Aminah", NIK: "6112014506900003", Gender: "P", Phone: "081234567890"},
					KBLI:  []bina.KBLICode{{Version: bina.KBLI2020, Code: "10794"}}}
				if err := store.CreateEnterprise(ctx, e); err != nil {
					b.Fatal(err)
				}
			}
			u := &bina.User{Name: "staf", Role: bina.RoleStaff}
			if err := store.CreateUser(ctx, u, "kata-sandi-panjang"); err != nil {
				b.Fatal(err)
			}
			tok, err := store.CreateToken(ctx, u.ID)
			if err != nil {
				b.Fatal(err)
			}
			sess, err := store.CreateSession(ctx, u.ID)
			if err != nil {
				b.Fatal(err)
			}
			for _, kept := range []bool{false, true} {
				var audit audit.Service
				name := "none"
				if kept {
					audit, name = store, "recorded"
				}
				log := slog.New(slog.DiscardHandler)
				wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log, Audit: audit})
				if err != nil {
					b.Fatal(err)
				}
				ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref, Log: log, Audit: audit})
				srv := New(Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log, Audit: audit})
				for _, page := range []struct{ name, target, header, value string }{
					{"web-25", "/umkm", "Cookie", web.SessionCookie + "=" + sess.Token},
					{"api-200", "/api/v1/enterprises?limit=200", "Authorization", "Bearer " + tok},
				} {
					b.Run(page.name+"/"+name, func(b *testing.B) {
						for b.Loop() {
							req := httptest.NewRequest("GET", page.target, nil)
							req.Header.Set(page.header, page.value)
							rec := httptest.NewRecorder()
							srv.ServeHTTP(rec, req)
							if rec.Code != 200 {
								b.Fatalf("%s = %d", page.target, rec.Code)
							}
						}
					})
				}
			}
		})
	}
}

// BenchmarkRecordAudit is the work recording adds to a list request, alone:
// the entry of a page of 25 or 200 records, written in one INSERT. On a
// shared machine it is steadier than the difference of two list timings.
func BenchmarkRecordAudit(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			store := sqlstoretest.Open(b, engine)
			ctx := audit.WithClientAddr(bina.WithUser(context.Background(), &bina.User{ID: 2, Name: "staf", Role: bina.RoleStaff}), "203.0.113.9")
			for _, n := range []int{25, 200} {
				items := make([]bina.Enterprise, n)
				for i := range items {
					items[i].ID = int64(100_000 + i*7)
				}
				f := bina.EnterpriseFilter{Region: "61.12.01", Query: "siti", Size: "mikro"}
				b.Run(strconv.Itoa(n), func(b *testing.B) {
					for b.Loop() {
						e := audit.ListRead(bina.EntityEnterprise, items, func(e *bina.Enterprise) int64 { return e.ID }, f)
						if err := store.RecordAudit(ctx, e); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
