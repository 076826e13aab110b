package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"bina"
	"bina/internal/demo"
	"bina/internal/refdata"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkBackupUnderWrites backs up a SQLite register with `bina
// backup` while 20 clients add businesses, one transaction each, and
// reports how long the backup took and the writes' rate and latency
// (p50, p95) in 20 s before it, during it, and after it.
//
// The register is BINA_BENCH_BACKUP_DB, a file made beforehand (writes
// are added to it), for example a million businesses:
//
//	bina demo --db /tmp/bench1m.db --scale 1000000
//	BINA_BENCH_BACKUP_DB=/tmp/bench1m.db go test ./cmd/bina -run '^$' -bench BackupUnderWrites -benchtime 1x
//
// Without it a register of BINA_BENCH_SCALE businesses (default 20,000)
// is made in a temporary directory.
func BenchmarkBackupUnderWrites(b *testing.B) {
	db := os.Getenv("BINA_BENCH_BACKUP_DB")
	if db == "" {
		n := 20_000
		if v := os.Getenv("BINA_BENCH_SCALE"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil || n <= 0 {
				b.Fatalf("BINA_BENCH_SCALE=%q: want a positive number", v)
			}
		}
		db = filepath.Join(b.TempDir(), "bina.db")
		s := openStore(b, db)
		ref, _ := refdata.Reference(bina.DefaultConfig())
		syn := demo.NewSynthesizer(ref, demo.Options{Seed: 2, Now: sqlstoretest.Now})
		for off := 0; off < n; off += 50_000 {
			if err := s.BulkLoad(context.Background(), syn.Batch(off, min(50_000, n-off)), nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	src := openStore(b, db)
	dest := filepath.Join(b.TempDir(), "copy.db")
	for b.Loop() {
		w := startWriters(src, 20, 2_000_000)
		w.waitFor(b, 200)
		// 20 s of writes alone, then the backup, then as long as it took
		// (at most 20 s) again: the WAL, which grows while the backup
		// holds its snapshot, is checkpointed then.
		t0 := time.Now()
		time.Sleep(20 * time.Second)
		start := time.Now()
		var stdout, stderr syncBuffer
		if err := run(context.Background(), []string{"backup", "--db", db, dest}, env(nil), nil, &stdout, &stderr); err != nil {
			b.Fatalf("backup: %v\n%s", err, stderr.String())
		}
		end := time.Now()
		took := end.Sub(start)
		time.Sleep(min(took, 20*time.Second))
		if err := w.end(); err != nil {
			b.Fatal(err)
		}
		var before, during, after []time.Duration
		for _, x := range w.writes {
			if x.at.Before(t0) {
				continue // the writers warming up
			}
			if x.at.Before(start) {
				before = append(before, x.lat)
			} else if x.at.Before(end) {
				during = append(during, x.lat)
			} else {
				after = append(after, x.lat)
			}
		}
		fi, _ := os.Stat(dest)
		b.ReportMetric(took.Seconds(), "backup-s")
		b.ReportMetric(float64(fi.Size())/1e6, "copy-MB")
		b.ReportMetric(float64(len(before))/start.Sub(t0).Seconds(), "writes/s-before")
		b.ReportMetric(float64(len(during))/took.Seconds(), "writes/s-during")
		b.ReportMetric(quantile(before, .50).Seconds()*1000, "p50-ms-before")
		b.ReportMetric(quantile(during, .50).Seconds()*1000, "p50-ms-during")
		b.ReportMetric(quantile(before, .95).Seconds()*1000, "p95-ms-before")
		b.ReportMetric(quantile(during, .95).Seconds()*1000, "p95-ms-during")
		b.ReportMetric(quantile(after, .95).Seconds()*1000, "p95-ms-after")
	}
}

// quantile returns the q-quantile of ds (0 for none).
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}
