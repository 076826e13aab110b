package main

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bina"
	"bina/internal/demo"
	"bina/internal/refdata"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// openStore opens (and migrates) the register at dsn as `bina serve`
// would, with the test hasher.
func openStore(tb testing.TB, dsn string) *sqlstore.Store {
	tb.Helper()
	ref, err := refdata.Reference(bina.DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	s, err := sqlstore.Open(context.Background(), dsn, ref, sqlstoretest.Hasher{}, nil)
	if err != nil {
		tb.Fatalf("open %s: %v", dsn, err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background()); err != nil {
		tb.Fatalf("migrate %s: %v", dsn, err)
	}
	return s
}

// counts returns the record counts of s by table.
func counts(tb testing.TB, s *sqlstore.Store) map[string]int64 {
	tb.Helper()
	cs, err := s.RecordCounts(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	m := map[string]int64{}
	for _, c := range cs {
		m[c.Table] = c.Rows
	}
	return m
}

// writers is clients adding businesses one transaction each, as the
// office's staff do through the pages, until stopped; each write's
// latency is kept.
type writers struct {
	stop    chan struct{}
	wg      sync.WaitGroup
	written atomic.Int64
	mu      sync.Mutex
	writes  []write
	err     error
}

// write is one write's start and latency.
type write struct {
	at  time.Time
	lat time.Duration
}

// startWriters starts n writers on s; businesses are generated from
// offset on.
func startWriters(s *sqlstore.Store, n, offset int) *writers {
	ref, _ := refdata.Reference(bina.DefaultConfig())
	syn := demo.NewSynthesizer(ref, demo.Options{Seed: 7, Now: sqlstoretest.Now})
	w := &writers{stop: make(chan struct{})}
	var next atomic.Int64
	next.Store(int64(offset))
	for range n {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for {
				select {
				case <-w.stop:
					return
				default:
				}
				e := syn.Batch(int(next.Add(1)), 1)[0]
				e.ID, e.SourceID = 0, ""
				start := time.Now()
				err := s.CreateEnterprise(context.Background(), &e)
				d := time.Since(start)
				w.mu.Lock()
				if err != nil && w.err == nil {
					w.err = err
				}
				w.writes = append(w.writes, write{start, d})
				w.mu.Unlock()
				if err != nil {
					return
				}
				w.written.Add(1)
			}
		}()
	}
	return w
}

// end stops the writers and returns their first error.
func (w *writers) end() error {
	close(w.stop)
	w.wg.Wait()
	return w.err
}

// waitFor waits until the writers wrote n more businesses than have.
func (w *writers) waitFor(tb testing.TB, n int64) {
	tb.Helper()
	want := w.written.Load() + n
	for deadline := time.Now().Add(time.Minute); w.written.Load() < want; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatalf("writers wrote %d, want %d (err %v)", w.written.Load(), want, w.err)
		}
	}
}

// snapshot is what a backup under writes is checked by: the counts of
// the register before the writers began and of the copy, and how many
// businesses the writers had added when the backup began and ended.
type snapshot struct {
	seed, copy    map[string]int64
	before, after int64
}

// backupUnderWrites seeds the register at dsn with n businesses, starts
// four writers on it and runs `bina backup --db dsn dest` while they
// write.
func backupUnderWrites(t *testing.T, dsn, dest string, n int) (*sqlstore.Store, *snapshot) {
	t.Helper()
	src := openStore(t, dsn)
	ref, _ := refdata.Reference(bina.DefaultConfig())
	if err := src.BulkLoad(context.Background(), demo.Synthetic(ref, demo.Options{Seed: 2, Now: sqlstoretest.Now}, 0, n), nil); err != nil {
		t.Fatal(err)
	}
	snap := &snapshot{seed: counts(t, src)}
	w := startWriters(src, 4, 1_000_000)
	w.waitFor(t, 20)
	snap.before = w.written.Load()
	var stdout, stderr syncBuffer
	if err := run(context.Background(), []string{"backup", "--db", dsn, dest}, env(nil), nil, &stdout, &stderr); err != nil {
		t.Fatalf("backup: %v\n%s", err, stderr.String())
	}
	snap.after = w.written.Load()
	w.waitFor(t, 20) // the writers went on after the backup
	if err := w.end(); err != nil {
		t.Fatalf("a write failed during the backup: %v", err)
	}
	if !strings.Contains(stdout.String(), dest) {
		t.Errorf("backup printed %q, want the file's name", stdout.String())
	}
	if stderr.String() != "" {
		t.Errorf("backup wrote to stderr, not a terminal: %q", stderr.String())
	}
	return src, snap
}

// check fails the test unless the copy's counts are one snapshot taken
// between the backup's start and end.
func (snap *snapshot) check(t *testing.T, copy map[string]int64) {
	t.Helper()
	added := copy["enterprises"] - snap.seed["enterprises"]
	if added < snap.before || added > snap.after {
		t.Errorf("the copy holds %d businesses added by the writers; %d were written before the backup and %d when it ended", added, snap.before, snap.after)
	}
	for _, table := range []string{"persons", "history", "enterprise_counts"} {
		if got := copy[table] - snap.seed[table]; got != added {
			t.Errorf("the copy's %s grew by %d, its enterprises by %d: not one snapshot", table, got, added)
		}
	}
}

// TestBackupUnderWrites: `bina backup` of a SQLite register that four
// clients write to all along gives a file that opens as a register (with
// the store, as `bina serve --db FILE` opens it) and holds one snapshot:
// its businesses lie between those before and after the backup, and
// every table and the kept counts moved together.
func TestBackupUnderWrites(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bina.db")
	dest := filepath.Join(dir, "backup", "bina-copy.db")
	if err := os.Mkdir(filepath.Dir(dest), 0o755); err != nil {
		t.Fatal(err)
	}
	src, snap := backupUnderWrites(t, db, dest, 5000)
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	cp := counts(t, openStore(t, dest))
	snap.check(t, cp)
	if final := counts(t, src); final["enterprises"] <= cp["enterprises"] {
		t.Errorf("source has %d businesses after the writers, the copy %d: writes stopped during the backup?", final["enterprises"], cp["enterprises"])
	}

	// The copy serves: `bina serve --db FILE` starts on it and is ready.
	base, _ := startServe(t, "--db", dest, "--jobs=false")
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("healthz of the restored copy = %d", resp.StatusCode)
	}
}

// TestBackupBadInput: a backup that cannot be made says why, leaves no
// file and does not change the database.
func TestBackupBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bina.db")
	src := openStore(t, db)
	ref, _ := refdata.Reference(bina.DefaultConfig())
	if err := src.BulkLoad(context.Background(), demo.Synthetic(ref, demo.Options{Seed: 2, Now: sqlstoretest.Now}, 0, 300), nil); err != nil {
		t.Fatal(err)
	}
	seed := counts(t, src)
	backup := func(args ...string) (string, error) {
		var stdout, stderr syncBuffer
		err := run(context.Background(), append([]string{"backup"}, args...), env(nil), nil, &stdout, &stderr)
		return stderr.String(), err
	}
	cases := []struct {
		name string
		args []string
		want string // in the Indonesian message
	}{
		{"missing directory", []string{"--db", db, filepath.Join(dir, "tidak-ada", "b.db")}, "tidak dapat ditulis"},
		{"under a file", []string{"--db", db, filepath.Join(db, "b.db")}, "tidak dapat ditulis"},
		{"onto itself", []string{"--db", db, db}, "menimpa basis datanya sendiri"},
		{"no database", []string{"--db", filepath.Join(dir, "none.db"), filepath.Join(dir, "b.db")}, "tidak ditemukan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := backup(c.args...)
			if err == nil || !strings.Contains(errorLine(err), c.want) {
				t.Fatalf("error %v, want a message with %q", err, c.want)
			}
		})
	}
	if _, err := backup("--db", db); !errors.Is(err, errUsage) {
		t.Errorf("no FILE: %v, want the usage", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("a backup of a missing database created it")
	}

	t.Run("full disk", func(t *testing.T) {
		full := filepath.Join(t.TempDir(), "full")
		os.Mkdir(full, 0o755)
		if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full).CombinedOutput(); err != nil {
			t.Skipf("cannot mount a small file system here to fill (%v: %s)", err, out)
		}
		defer exec.Command("umount", full).Run()
		_, err := backup("--db", db, filepath.Join(full, "b.db"))
		if err == nil || !strings.Contains(errorLine(err), "Disk penuh") {
			t.Fatalf("error %v, want Disk penuh", err)
		}
		if left, _ := os.ReadDir(full); len(left) > 0 {
			t.Errorf("files left on the full disk: %v", left)
		}
	})

	if got := counts(t, src); !maps.Equal(got, seed) {
		t.Errorf("the database changed: %v, was %v", got, seed)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if name := e.Name(); name != "bina.db" && !slices.Contains([]string{"bina.db-wal", "bina.db-shm"}, name) {
			t.Errorf("file left: %s", name)
		}
	}
}

// TestBackupPostgres: on PostgreSQL `bina backup` runs pg_dump; the dump,
// restored with pg_restore into an empty database as the README says,
// opens as a register holding one snapshot taken while clients wrote.
func TestBackupPostgres(t *testing.T) {
	base := os.Getenv(sqlstoretest.EnvPostgres)
	if base == "" {
		t.Skip("set " + sqlstoretest.EnvPostgres + " to test PostgreSQL")
	}
	dsn := sqlstoretest.DSN(t, "postgres")
	dest := filepath.Join(t.TempDir(), "bina.dump")
	_, snap := backupUnderWrites(t, dsn, dest, 500)

	// Restore into a new database, as the README shows.
	restored, schema := restoreTarget(t, base, dsn)
	conn, _, _ := pgDumpTarget(restored)
	if out, err := exec.Command("pg_restore", "--no-owner", "--dbname="+conn, dest).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	snap.check(t, counts(t, openStore(t, sqlstoretest.WithSearchPath(t, restored, schema))))
}

// restoreTarget creates an empty database (dropped when the test ends)
// and returns its URL and the schema of dsn.
func restoreTarget(t *testing.T, base, dsn string) (string, string) {
	t.Helper()
	_, schemas, _ := pgDumpTarget(dsn)
	if len(schemas) != 1 {
		t.Fatalf("test schema of %s: %v", dsn, schemas)
	}
	name := "bina_restore_" + strings.TrimPrefix(schemas[0], "bina_test_")
	u, _, _ := pgDumpTarget(base)
	psql := func(sql string) {
		if out, err := exec.Command("psql", "--no-psqlrc", "-q", "--dbname="+u, "-c", sql).CombinedOutput(); err != nil {
			t.Fatalf("psql %s: %v\n%s", sql, err, out)
		}
	}
	psql("CREATE DATABASE " + name)
	t.Cleanup(func() { psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	pu, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	pu.Path = "/" + name
	return pu.String(), schemas[0]
}
