package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"bina"
	"bina/indicator"
	"bina/internal/api"
	"bina/internal/server"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// BenchmarkDashboardPage renders whole dashboard pages through the server,
// as staff of the regency, on the register of BINA_BENCH_SCALE enterprises
// (default 100,000) and BINA_BENCH_COOPS cooperatives (default 15,000; the
// issue's figure is 150,000), and reports the p50 and p95 of a page and
// its size gzip-compressed. The data is the export benchmark's, with the
// cooperatives added once.
//
//	BINA_BENCH_SCALE=1000000 BINA_BENCH_COOPS=150000 go test ./internal/web -run '^$' -bench DashboardPage -benchtime 20x
func BenchmarkDashboardPage(b *testing.B) {
	pages := []string{"/", "/dasbor", "/dasbor/umkm", "/dasbor/pembinaan", "/dasbor/koperasi", "/dasbor/indikator/umkm_registered",
		"/dasbor/indikator/umkm_registered?kecamatan=61.12.01"}
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			store := exportBenchStore(b, engine, exportBenchScale(b))
			benchCooperatives(b, store)
			ref := sqlstoretest.Reference(b, bina.DefaultConfig())
			ref.Now = func() time.Time { return sqlstoretest.Now }
			log := slog.New(slog.DiscardHandler)
			sess := benchSession(b, store)
			// "figures" asks the store for every figure as a request does;
			// "render" answers the figures from memory after the first
			// request, leaving the page's own cost: templates, charts, maps.
			for _, mode := range []string{"figures", "render"} {
				var ind indicator.Service = store
				if mode == "render" {
					ind = &memoIndicators{Service: store, m: map[string][]indicator.Value{}}
				}
				wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log,
					Indicators: ind, Boundaries: store, Points: store})
				if err != nil {
					b.Fatal(err)
				}
				ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref, Log: log})
				srv := server.New(server.Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log})
				benchPages(b, mode, srv, sess, pages)
			}
		})
	}
}

// benchPages requests each page b.N times and reports its times and size.
func benchPages(b *testing.B, mode string, srv http.Handler, sess *bina.Session, pages []string) {
	for _, page := range pages {
		b.Run(mode+page, func(b *testing.B) {
			var times []time.Duration
			var body []byte
			for b.Loop() {
				req := httptest.NewRequest("GET", page, nil)
				req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: sess.Token})
				w := httptest.NewRecorder()
				start := time.Now()
				srv.ServeHTTP(w, req)
				times = append(times, time.Since(start))
				if w.Code != http.StatusOK {
					b.Fatalf("%s = %d", page, w.Code)
				}
				body = w.Body.Bytes()
			}
			slices.Sort(times)
			b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
			b.ReportMetric(ms(times[(len(times)*95+99)/100-1]), "p95-ms")
			b.ReportMetric(float64(len(body)), "html-B")
			b.ReportMetric(float64(gzipSize(b, body)), "gzip-B")
		})
	}
}

// memoIndicators answers each indicator question from memory after the
// store answered it once.
type memoIndicators struct {
	indicator.Service
	mu sync.Mutex
	m  map[string][]indicator.Value
}

func (c *memoIndicators) memo(key string, f func() ([]indicator.Value, error)) ([]indicator.Value, error) {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := f()
	if err == nil {
		c.mu.Lock()
		c.m[key] = v
		c.mu.Unlock()
	}
	return v, err
}

func (c *memoIndicators) IndicatorValues(ctx context.Context, q indicator.Query) ([]indicator.Value, error) {
	return c.memo(fmt.Sprint("v", q), func() ([]indicator.Value, error) { return c.Service.IndicatorValues(ctx, q) })
}

func (c *memoIndicators) IndicatorBreakdown(ctx context.Context, code string, q indicator.Query, by string) ([]indicator.Value, error) {
	return c.memo(fmt.Sprint("b", code, q, by), func() ([]indicator.Value, error) {
		return c.Service.IndicatorBreakdown(ctx, code, q, by)
	})
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// gzipSize is the size of body compressed as a server would send it.
func gzipSize(t testing.TB, body []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if _, err := io.Copy(zw, bytes.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Len()
}

// benchCooperatives loads cooperatives until the store holds
// BINA_BENCH_COOPS of them.
func benchCooperatives(b *testing.B, store *sqlstore.Store) {
	b.Helper()
	want := 15_000
	if v := os.Getenv("BINA_BENCH_COOPS"); v != "" {
		var err error
		if want, err = strconv.Atoi(v); err != nil || want < 0 {
			b.Fatalf("BINA_BENCH_COOPS=%q: want a number", v)
		}
	}
	ctx := context.Background()
	p, err := store.ListCooperatives(ctx, bina.CooperativeFilter{Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	ref := sqlstoretest.Reference(b, bina.DefaultConfig())
	villages := ref.Regions.Villages()
	jenis := []string{"serba_usaha", "simpan_pinjam", "produsen", "konsumen"}
	for at := p.Total; at < want; at += 10_000 {
		batch := make([]bina.Cooperative, min(10_000, want-at))
		for i := range batch {
			n := at + i
			c := bina.Cooperative{Name: fmt.Sprintf("Koperasi Bench %d", n), RegistrationNumber: fmt.Sprintf("%016d", 7_000_000_000_000_000+n),
				LegalNumber: fmt.Sprintf("518/%d/BH/XIV.10/2015", n), LegalDate: bina.DateOf(2000+n%25, time.Month(1+n%12), 1+n%28),
				Jenis: jenis[n%len(jenis)], VillageCode: villages[n%len(villages)].Code, MembersFemale: 20 + n%97, MembersMale: 20 + n%89,
				Verification: "terverifikasi", Source: "demo",
				Officers: []bina.Officer{{Name: "Ketua Bench", Role: "ketua", Gender: "L"}}}
			for y := 2025 - n%4; y > 2021-n%4; y-- {
				c.RATs = append(c.RATs, bina.RAT{BookYear: y, HeldOn: bina.DateOf(y+1, 3, 1+n%28), MembersFemale: c.MembersFemale, MembersMale: c.MembersMale})
			}
			c.CreatedAt = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n%(1500*24)) * time.Hour)
			batch[i] = c
		}
		if err := store.BulkLoad(ctx, nil, batch); err != nil {
			b.Fatal(err, bina.ErrorFields(err))
		}
	}
}
