package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"bina"
	"bina/internal/api"
	"bina/internal/demo"
	"bina/internal/server"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// The export benchmarks download the whole register of BINA_BENCH_SCALE
// enterprises (default 100,000) through the server, as staff, and report
// rows per second and the peak of the heap while the file is written: the
// export reads 200 records at a time and writes them as it goes, so the
// peak must not grow with the register. The seeded database is built once
// per scale and engine and kept for later runs (a SQLite file in the
// temporary directory, a PostgreSQL schema).
//
//	BINA_BENCH_SCALE=1000000 go test ./internal/web -run '^$' -bench Export -benchtime 1x

func BenchmarkExportCSV(b *testing.B)  { benchExport(b, "csv") }
func BenchmarkExportXLSX(b *testing.B) { benchExport(b, "xlsx") }

func benchExport(b *testing.B, format string) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			scale := exportBenchScale(b)
			store := exportBenchStore(b, engine, scale)
			ref := sqlstoretest.Reference(b, bina.DefaultConfig())
			ref.Now = func() time.Time { return sqlstoretest.Now }
			log := slog.New(slog.DiscardHandler)
			wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log})
			if err != nil {
				b.Fatal(err)
			}
			ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref, Log: log})
			srv := server.New(server.Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log})
			sess := benchSession(b, store)

			var peak peakHeap
			runtime.GC()
			base := heapInuse()
			stop := peak.watch(base)
			start := time.Now()
			for b.Loop() {
				req := httptest.NewRequest("GET", "/umkm/ekspor?format="+format, nil)
				req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: sess.Token})
				w := &discardResponse{header: http.Header{}}
				srv.ServeHTTP(w, req)
				if w.status != http.StatusOK {
					b.Fatalf("export = %d", w.status)
				}
				// Notes and shop links may hold line breaks: at least one
				// line per row and the header.
				if format == "csv" && w.lines < scale+1 {
					b.Fatalf("%d lines, want at least %d", w.lines, scale+1)
				}
			}
			elapsed := time.Since(start)
			stop()
			b.ReportMetric(float64(scale)*float64(b.N)/elapsed.Seconds(), "rows/s")
			b.ReportMetric(float64(peak.max)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak.max-min(peak.max, base))/(1<<20), "heap-growth-MB")
			// A flat export holds a page of records and the writer's
			// buffers, whatever the register's size.
			if growth := peak.max - min(peak.max, base); growth > 256<<20 {
				b.Errorf("the heap grew by %d MB while exporting %d rows: the export is not streaming", growth>>20, scale)
			}
		})
	}
}

func exportBenchScale(b *testing.B) int {
	n := 100_000
	if v := os.Getenv("BINA_BENCH_SCALE"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("BINA_BENCH_SCALE=%q: want a positive number", v)
		}
	}
	return n
}

// exportBenchStore opens the seeded register of scale enterprises for
// engine, building it when it is missing or incomplete.
func exportBenchStore(b *testing.B, engine string, scale int) *sqlstore.Store {
	b.Helper()
	ctx := context.Background()
	ref := sqlstoretest.Reference(b, bina.DefaultConfig())
	ref.Now = func() time.Time { return sqlstoretest.Now }
	h := sha256.New()
	files, _ := filepath.Glob(filepath.Join("..", "sqlstore", "migrations", engine, "*.sql"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		h.Write(src)
	}
	tag := fmt.Sprintf("%d_%x", scale, h.Sum(nil)[:4])
	var dsn string
	switch engine {
	case "sqlite":
		dsn = filepath.Join(os.TempDir(), "bina-export-bench-"+tag+".db")
	case "postgres":
		schema := "bina_export_bench_" + tag
		admin, err := sql.Open("pgx", os.Getenv(sqlstoretest.EnvPostgres))
		if err != nil {
			b.Fatal(err)
		}
		_, err = admin.Exec(`CREATE SCHEMA IF NOT EXISTS ` + schema)
		admin.Close()
		if err != nil {
			b.Fatal(err)
		}
		dsn = sqlstoretest.WithSearchPath(b, os.Getenv(sqlstoretest.EnvPostgres), schema)
	}
	s, err := sqlstore.Open(ctx, dsn, ref, sqlstoretest.Hasher{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	p, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	have := p.Total
	if have > scale {
		b.Fatalf("%s holds %d enterprises, more than the scale %d; remove it", dsn, have, scale)
	}
	if have < scale {
		b.Logf("seeding %s with %d enterprises (have %d)", engine, scale, have)
		syn := demo.NewSynthesizer(ref, demo.Options{Seed: 11, Now: sqlstoretest.Now})
		const batch = 50_000
		for at := have; at < scale; at += batch {
			if err := s.BulkLoad(ctx, syn.Batch(at, min(batch, scale-at)), nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	return s
}

// benchSession signs in the benchmark's staff account.
func benchSession(b *testing.B, store *sqlstore.Store) *bina.Session {
	b.Helper()
	ctx := context.Background()
	u, err := store.FindUserByName(ctx, "bench.staf")
	if bina.ErrorCode(err) == bina.NotFound {
		u = &bina.User{Name: "bench.staf", Role: bina.RoleStaff}
		err = store.CreateUser(ctx, u, password)
	}
	if err != nil {
		b.Fatal(err)
	}
	sess, err := store.CreateSession(ctx, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	return sess
}

// discardResponse is a ResponseWriter that counts what it is sent.
type discardResponse struct {
	header http.Header
	status int
	bytes  int64
	lines  int
}

func (d *discardResponse) Header() http.Header { return d.header }
func (d *discardResponse) WriteHeader(s int) {
	if d.status == 0 {
		d.status = s
	}
}
func (d *discardResponse) Write(p []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	d.bytes += int64(len(p))
	d.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

func heapInuse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// peakHeap samples HeapInuse while a benchmark runs.
type peakHeap struct {
	mu  sync.Mutex
	max uint64
}

// watch samples every 20 ms until the returned function is called.
func (p *peakHeap) watch(base uint64) (stop func()) {
	p.max = base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if h := heapInuse(); h > p.max {
					p.mu.Lock()
					p.max = h
					p.mu.Unlock()
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		if h := heapInuse(); h > p.max {
			p.max = h
		}
	}
}
