package sqlstore_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bina"
	"bina/indicator"
	"bina/internal/geojson"
	"bina/internal/jobs"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// provinceBenchStore returns a store of Kalimantan Barat (14 regencies and
// cities) holding BINA_BENCH_SCALE enterprises (default 100,000; the
// issue's figure is 1,000,000) and 2,000 cooperatives spread over its
// villages, kept in the temporary directory for the next run.
func provinceBenchStore(b *testing.B, engine string) *sqlstore.Store {
	b.Helper()
	scale := benchScale(b)
	ctx := context.Background()
	cfg := bina.DefaultConfig()
	cfg.Region = "61"
	ref := sqlstoretest.Reference(b, cfg)
	ref.Now = func() time.Time { return sqlstoretest.Now }
	s, dsn := openBenchStore(b, engine, ref, fmt.Sprintf("kalbar_%d", scale))
	have := benchCount(b, engine, dsn)
	if have == scale {
		return s
	}
	if have > scale {
		b.Fatalf("%s holds %d enterprises, more than the scale %d; remove it", dsn, have, scale)
	}
	start := time.Now()
	if have == 0 {
		must(b, s.BulkLoad(ctx, nil, genCooperatives(ref, 7, 0, 2_000)))
	}
	for at := have; at < scale; at += benchBatch {
		must(b, s.BulkLoad(ctx, genEnterprises(ref, 7, at, min(benchBatch, scale-at)), nil))
	}
	b.Logf("seeded %d enterprises of Kalimantan Barat in %v", scale-have, time.Since(start).Round(time.Millisecond))
	return s
}

// BenchmarkRakor times the whole rakor report as its job makes it (the
// figures of three years, every breakdown and region page, the PDF and
// the workbook; not the final write of the files) for the regency of the
// bench register (every UMKM in it), for the province of 14 regencies,
// and for Kubu Raya inside that province. Targets of issue
// 13 at a million UMKM: a regency under 5 s, the province under 60 s, the
// PDF under 5 MB. Run with -benchtime 3x: one report takes seconds.
func BenchmarkRakor(b *testing.B) {
	bounds := benchBounds(b)
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			b.Run("regency", func(b *testing.B) { benchRakor(b, benchStore(b, engine), "61.12", 2025, bounds) })
			b.Run("province", func(b *testing.B) { benchRakor(b, provinceBenchStore(b, engine), "61", 2025, bounds) })
			// Kubu Raya's share of the province's UMKM (its villages' share).
			b.Run("regency-in-province", func(b *testing.B) { benchRakor(b, provinceBenchStore(b, engine), "61.12", 2025, bounds) })
		})
	}
}

func benchBounds(b *testing.B) []geojson.Feature {
	var out []geojson.Feature
	for _, l := range []geojson.Layer{geojson.KubuRayaKecamatan, geojson.KalbarKabKota} {
		fs, err := geojson.Demo(l)
		must(b, err)
		out = append(out, fs...)
	}
	return out
}

func benchRakor(b *testing.B, s *sqlstore.Store, region bina.RegionCode, year int, bounds []geojson.Feature) {
	ctx := context.Background()
	var pdfSize, bookSize, steps, n int
	var gather, render time.Duration
	timed := &timedIndicators{Service: s}
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		figs, err := indicator.GatherRakor(ctx, timed, indicator.Query{Year: year, Region: region}, indicator.GatherOptions{Workers: benchEnv(b, "BINA_BENCH_WORKERS", 2),
			Progress: func(_, total int) { steps = total }})
		must(b, err)
		t1 := time.Now()
		figs.TakenAt, figs.RegionName = sqlstoretest.Now, string(region)
		doc, book, err := jobs.RenderRakor(figs, bounds)
		must(b, err)
		gather, render = gather+t1.Sub(t0), render+time.Since(t1)
		pdfSize, bookSize, n = len(doc), len(book), n+1
	}
	b.ReportMetric(float64(gather.Milliseconds())/float64(n), "gather-ms")
	b.ReportMetric(float64(render.Milliseconds())/float64(n), "render-ms")
	b.ReportMetric(float64(pdfSize)/1024, "pdf-KiB")
	b.ReportMetric(float64(bookSize)/1024, "xlsx-KiB")
	b.ReportMetric(float64(steps), "queries")
	if n > 0 {
		b.Logf("mean time per read over %d reports:\n%s", n, timed.summary(n))
	}
}

// timedIndicators records how long each read of a report takes, to show
// where the time goes.
type timedIndicators struct {
	indicator.Service
	mu    sync.Mutex
	spent map[string]time.Duration
}

func (t *timedIndicators) add(what string, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.spent == nil {
		t.spent = map[string]time.Duration{}
	}
	t.spent[what] += d
}

func (t *timedIndicators) IndicatorValues(ctx context.Context, q indicator.Query) ([]indicator.Value, error) {
	t0 := time.Now()
	defer func() { t.add(fmt.Sprintf("all %d", q.Year), time.Since(t0)) }()
	return t.Service.IndicatorValues(ctx, q)
}

func (t *timedIndicators) IndicatorBreakdown(ctx context.Context, code string, q indicator.Query, by string) ([]indicator.Value, error) {
	t0 := time.Now()
	defer func() { t.add(code+" by "+by, time.Since(t0)) }()
	return t.Service.IndicatorBreakdown(ctx, code, q, by)
}

func (t *timedIndicators) summary(n int) string {
	keys := slices.Sorted(maps.Keys(t.spent))
	slices.SortStableFunc(keys, func(a, b string) int { return int(t.spent[b] - t.spent[a]) })
	var out strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&out, "  %-40s %6d ms\n", k, (t.spent[k] / time.Duration(n)).Milliseconds())
	}
	return out.String()
}
