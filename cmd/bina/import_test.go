package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/sidtgen"
	"bina/internal/sqlstore/sqlstoretest"
)

// ---- SIDT exports as they come (see internal/sidtgen) ----

// writeSIDT writes an export of n rows to path.
func writeSIDT(t testing.TB, path string, n int, seed uint64) {
	t.Helper()
	if err := sidtgen.Write(path, n, seed); err != nil {
		t.Fatal(err)
	}
}

// ---- end-to-end tests through run() ----

// runImport runs `bina import` with args and parses its --json report.
func runImport(t testing.TB, args ...string) (importReport, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"import"}, args...), env(nil), strings.NewReader(""), &out, &errOut)
	if err != nil {
		t.Logf("bina import %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut.String())
	}
	var rep importReport
	if out.Len() > 0 {
		if jerr := json.Unmarshal(out.Bytes(), &rep); jerr != nil {
			t.Fatalf("report is not JSON: %v\n%s\nstderr: %s", jerr, out.String(), errOut.String())
		}
	}
	return rep, err
}

// engineDB returns a fresh database address and a plain connection to it.
func engineDB(t testing.TB, engine string) (string, *sql.DB) {
	t.Helper()
	dsn := sqlstoretest.DSN(t, engine)
	driver := "sqlite"
	if engine == "postgres" {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return dsn, db
}

func countOf(t testing.TB, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// reportKinds reads the whole report of import id and counts, for each
// kind, the rows it matches.
func reportKinds(t testing.TB, dsn string, id int64, kinds map[string]func(imports.Row) bool) map[string]int {
	t.Helper()
	ctx := context.Background()
	c := common{db: dsn, region: "61.12"}
	store, _, err := c.open(ctx, slog.New(slog.DiscardHandler), false)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	counts := make(map[string]int, len(kinds))
	for kind := range kinds {
		counts[kind] = 0
	}
	err = store.EachImportIssue(ctx, id, func(r imports.Row) bool {
		for kind, match := range kinds {
			if match(r) {
				counts[kind]++
			}
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return counts
}

// rowSays returns a match of the rows with outcome o (any outcome if o
// is empty) and a problem that contains text.
func rowSays(o, text string) func(imports.Row) bool {
	return func(r imports.Row) bool {
		if o != "" && r.Outcome != o {
			return false
		}
		for _, p := range r.Problems {
			if strings.Contains(p.Message.ID, text) {
				return true
			}
		}
		return false
	}
}

func TestImportSIDTEndToEnd(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sidt_kubu_raya.csv")
	const rows = 3000
	writeSIDT(t, file, rows, 11)
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn, db := engineDB(t, engine)
			dry, err := runImport(t, "--db", dsn, "--template", "sidt", "--dry-run", "--json", file)
			if err != nil {
				t.Fatalf("dry run: %v", err)
			}
			if n := countOf(t, db, `SELECT count(*) FROM enterprises`); n != 0 || dry.State != imports.ImportDone || !dry.DryRun {
				t.Fatalf("dry run wrote %d enterprises (report %+v)", n, dry)
			}

			first, err := runImport(t, "--db", dsn, "--template", "sidt", "--json", file)
			if err != nil {
				t.Fatalf("import: %v (%+v)", err, first)
			}
			t.Logf("first import: %+v", first)
			if first.Rows != rows || first.State != imports.ImportDone {
				t.Fatalf("rows %d of %d, state %s", first.Rows, rows, first.State)
			}
			// The generator plants every kind of outcome.
			if first.Created < rows*8/10 || first.Review == 0 || first.Rejected == 0 || first.Unchanged == 0 {
				t.Errorf("counts %+v", first)
			}
			counts := func(r importReport) [6]int {
				return [6]int{r.Rows, r.Created, r.Updated, r.Unchanged, r.Rejected, r.Review}
			}
			if counts(dry) != counts(first) {
				t.Errorf("the dry run predicted %v, the import did %v", counts(dry), counts(first))
			}
			if n := countOf(t, db, `SELECT count(*) FROM enterprises`); n != first.Created {
				t.Errorf("%d enterprises for %d created", n, first.Created)
			}
			if n := countOf(t, db, `SELECT CAST(COALESCE(sum(total), 0) AS INTEGER) FROM enterprise_counts`); n != first.Created {
				t.Errorf("kept counts hold %d for %d created", n, first.Created)
			}
			if n := countOf(t, db, `SELECT count(*) FROM import_reviews WHERE state = 'open'`); n != first.Review {
				t.Errorf("%d open review items for %d rows sent to review", n, first.Review)
			}
			if n := countOf(t, db, `SELECT count(*) FROM history WHERE action = 'create' AND user_name = 'system'`); n != first.Created {
				t.Errorf("%d create history rows for %d created", n, first.Created)
			}
			problems := 0
			for _, is := range first.Issues {
				if len(is.Problems) == 0 {
					t.Errorf("report row %d without a reason: %+v", is.Line, is)
				}
				problems += len(is.Problems)
			}
			// The report gives the full count and says that it lists only
			// the first rows.
			issues := countOf(t, db, fmt.Sprintf(`SELECT count(*) FROM import_issues WHERE import_id = %d`, first.ID))
			if first.IssuesTotal != issues || len(first.Issues) != min(issues, reportRows) || first.IssuesCut != (issues > reportRows) {
				t.Errorf("report lists %d rows, says %d in all (cut %v); the store has %d", len(first.Issues), first.IssuesTotal, first.IssuesCut, issues)
			}
			if first.IssuesTotal < first.Rejected+first.Review || first.ProblemsTotal < problems || first.ProblemsTotal < first.IssuesTotal {
				t.Errorf("report counts %d rows with %d problems, for %d rejected and %d in review", first.IssuesTotal, first.ProblemsTotal, first.Rejected, first.Review)
			}
			// The command prints only the first rows of the report, which
			// need not show every kind: the whole report is read from the
			// store, and every kind of problem the generator plants must be
			// in it.
			for kind, n := range reportKinds(t, dsn, first.ID, map[string]func(imports.Row) bool{
				"a NIB seen before, sent to review":   rowSays(imports.OutcomeReview, "NIB sama"),
				"a NIK lost to Excel, noted":          rowSays("", "disimpan Excel sebagai angka"),
				"a place outside the region, refused": rowSays(imports.OutcomeRejected, "di luar wilayah"),
			}) {
				if n == 0 {
					t.Errorf("no row of the report for %s", kind)
				}
			}

			second, err := runImport(t, "--db", dsn, "--template", "sidt", "--json", file)
			if err != nil {
				t.Fatalf("second import: %v", err)
			}
			if second.Created != 0 || second.Updated != 0 || second.Unchanged != first.Created+first.Unchanged ||
				second.Rejected != first.Rejected || second.Review != first.Review {
				t.Errorf("importing the same file again: %+v after %+v", second, first)
			}
			if n := countOf(t, db, `SELECT count(*) FROM enterprises`); n != first.Created {
				t.Errorf("the second import changed the register: %d enterprises", n)
			}
			if n := countOf(t, db, `SELECT count(*) FROM import_reviews`); n != first.Review {
				t.Errorf("the second import added review items: %d", n)
			}
		})
	}
}

func TestImportCommandErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bina.db")
	write := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	xls := write("lama.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...))
	empty := write("kosong.csv", nil)
	noHeader := write("angka.csv", []byte("1,2,3\n4,5,6\n"))
	noVillage := write("tanpa_desa.csv", []byte("Nama Usaha;Nama Pemilik;NIB\nToko A;Budi;1234567890123\n"))
	for _, tt := range []struct {
		name string
		args []string
		says string
	}{
		{"missing file", []string{filepath.Join(dir, "tidak-ada.csv")}, "tidak-ada.csv"},
		{"old xls", []string{xls}, ".xls"},
		{"empty file", []string{empty}, "kosong"},
		{"no header", []string{noHeader}, "Baris judul tidak ditemukan"},
		{"mapping without a desa", []string{noVillage}, "Desa/Kelurahan"},
		{"unknown template", []string{"--template", "entah", noVillage}, "tidak dikenal"},
		{"no file", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runImport(t, append([]string{"--db", db, "--json"}, tt.args...)...)
			if err == nil {
				t.Fatal("no error")
			}
			if msg := errorLine(err); !strings.Contains(msg, tt.says) {
				t.Errorf("error %q does not say %q", msg, tt.says)
			}
		})
	}
}

func TestImportSuggestsMappingUnderTitleBlock(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "binaan.csv")
	content := "DATA UMKM BINAAN DINAS KOPERASI KAB. KUBU RAYA TAHUN 2024;;;;\n;;;;\nNo.;Nama Usaha;Nama Pemilik;Kecamatan;Desa;Omzet per Tahun (Rp)\n" +
		"1;Keripik Nanas Cahaya;Dewi Lestari;Sungai Raya;Kapur;Rp 120.000.000\n" +
		"2;Abon Ikan Barokah;Hasan Fauzi;Kec. Kubu;Desa Kubu;85 jt\n" +
		";;;;;\n" +
		"3;Warung Kopi Melati;Rudi Tan;Sei Kakap;Sei Itik;-\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := runImport(t, "--db", filepath.Join(dir, "bina.db"), "--json", file)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 3 || rep.Rows != 3 || rep.Entity != bina.EntityEnterprise {
		t.Errorf("report %+v", rep)
	}
	// Plain output for people.
	var out bytes.Buffer
	err = run(context.Background(), []string{"import", "--db", filepath.Join(dir, "bina.db"), file}, env(nil), strings.NewReader(""), &out, &out)
	if err != nil || !strings.Contains(out.String(), "tetap/unchanged 3") {
		t.Errorf("second import: %v\n%s", err, out.String())
	}
}

// ---- the benchmark ----

// BenchmarkImportSIDT imports a SIDT export of BINA_BENCH_IMPORT_ROWS rows
// (default 1,000,000; the file is generated once and kept in the
// temporary directory) end to end through `bina import` into a fresh
// database of each engine: reading, conversion, region matching,
// duplicate detection and writing. It reports rows/s, the peak resident
// memory of the process during the import and the peak of the Go heap.
//
//	BINA_BENCH_IMPORT_ROWS=1000000 go test ./cmd/bina -run '^$' -bench ImportSIDT -benchtime 1x
func BenchmarkImportSIDT(b *testing.B) {
	rows := 1_000_000
	if v := os.Getenv("BINA_BENCH_IMPORT_ROWS"); v != "" {
		var err error
		if rows, err = strconv.Atoi(v); err != nil || rows < 1 {
			b.Fatalf("BINA_BENCH_IMPORT_ROWS=%q: want a positive number", v)
		}
	}
	file := filepath.Join(os.TempDir(), fmt.Sprintf("bina-bench-sidt-%d-v1.csv", rows))
	if _, err := os.Stat(file); err != nil {
		start := time.Now()
		writeSIDT(b, file+".part", rows, 42)
		if err := os.Rename(file+".part", file); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %s in %v", file, time.Since(start).Round(time.Millisecond))
	}
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			var took, ran time.Duration
			var rep importReport
			var peak memPeak
			for range b.N {
				b.StopTimer()
				dsn, _ := engineDB(b, engine)
				runtime.GC()
				peak.start()
				b.StartTimer()
				t0 := time.Now()
				var err error
				rep, err = runImport(b, "--db", dsn, "--template", "sidt", "--json", file)
				took += time.Since(t0)
				ran += time.Duration(rep.RunMS) * time.Millisecond
				b.StopTimer()
				peak.stop()
				if err != nil {
					b.Fatalf("import: %v (%+v)", err, rep)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/took.Seconds(), "rows/s")
			b.ReportMetric(float64(rows)*float64(b.N)/ran.Seconds(), "run-rows/s")
			b.ReportMetric(float64(peak.rss)/(1<<20), "peak-RSS-MB")
			b.ReportMetric(float64(peak.heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak.anon)/(1<<20), "peak-anon-MB")
			b.ReportMetric(float64(peak.file)/(1<<20), "peak-file-MB")
			b.Logf("%s: %d rows in %v: created %d, unchanged %d, rejected %d, review %d", engine, rep.Rows, took/time.Duration(b.N), rep.Created, rep.Unchanged, rep.Rejected, rep.Review)
		})
	}
}

// memPeak samples the process's resident memory and the Go heap while an
// import runs. The kernel's own peak (VmHWM) is reset at the start, so
// that a benchmark of one engine does not report the other's peak.
type memPeak struct {
	rss, heap  uint64
	anon, file uint64 // peaks of the anonymous and file-backed resident memory
	done       chan struct{}
	wg         sync.WaitGroup
}

// status reads fields of /proc/self/status in bytes.
func status(fields ...string) []uint64 {
	out := make([]uint64, len(fields))
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		for i, name := range fields {
			if f[0] == name+":" {
				kb, _ := strconv.ParseUint(f[1], 10, 64)
				out[i] = kb << 10
			}
		}
	}
	return out
}

func (m *memPeak) start() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM; best effort
	m.rss, m.heap, m.anon, m.file = 0, 0, 0, 0
	m.done = make(chan struct{})
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			m.heap = max(m.heap, sample[0].Value.Uint64()+sample[1].Value.Uint64())
			st := status("RssAnon", "RssFile")
			m.anon, m.file = max(m.anon, st[0]), max(m.file, st[1])
			select {
			case <-m.done:
				return
			case <-tick.C:
			}
		}
	}()
}

func (m *memPeak) stop() {
	close(m.done)
	m.wg.Wait()
	m.rss = status("VmHWM")[0]
}

// limitProbe is an importer that notes the soft memory limit its run
// sees.
type limitProbe struct {
	imports.Importer
	seen int64
}

func (p *limitProbe) Run(context.Context, int64) error {
	p.seen = debug.SetMemoryLimit(-1)
	return nil
}

// TestRoomyImporter: a server's imports run under importMemoryLimit, and
// the server's own limit is back afterwards.
func TestRoomyImporter(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(64 << 20))
	p := &limitProbe{}
	r := &roomyImporter{Importer: p}
	if err := r.Run(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if p.seen != importMemoryLimit {
		t.Errorf("limit during the run = %d, want %d", p.seen, importMemoryLimit)
	}
	if got := debug.SetMemoryLimit(-1); got != 64<<20 {
		t.Errorf("limit after the run = %d, want the server's %d", got, 64<<20)
	}
}
