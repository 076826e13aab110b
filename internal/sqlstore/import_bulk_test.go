package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	binaimport "bina/internal/importer"
	"bina/internal/refdata"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// The first-load tests import the same file into an empty register twice,
// once as a first load (list indexes, search rows and counts rebuilt at
// the end) and once row by row, and compare what the pages see; the
// schema must be as the migrations made it afterwards, however the run
// ended.

// firstLoadFile writes a CSV of n rows with what makes an import
// interesting: duplicates by NIB across chunks, rows repeated exactly and
// with a change, desa that cannot be placed, a rejected row.
func firstLoadFile(t *testing.T, n int) string {
	t.Helper()
	villages := [][2]string{{"Sungai Raya", "Kapur"}, {"Sungai Kakap", "Sungai Itik"}, {"Kubu", "Olak-Olak Kubu"}, {"Rasau Jaya", "Rasau Jaya Satu"}, {"Sei Ambawang", "Durian"}}
	var b strings.Builder
	b.WriteString("No;Nama Usaha;Nama Pemilik;NIK Pemilik;NIB;Kecamatan;Desa/Kelurahan;Modal Usaha (Rp);Omzet per Tahun (Rp)\n")
	var prev []string
	for i := range n {
		v := villages[i%len(villages)]
		row := []string{fmt.Sprint(i + 1), fmt.Sprintf("Keripik Nomor %d", i), fmt.Sprintf("Pemilik %d Saputra", i), "",
			fmt.Sprintf("1%012d", i), v[0], v[1], fmt.Sprintf("%d.000.000", 5+i%50), fmt.Sprintf("%d jt", 50+i%400)}
		switch {
		case i > 0 && i%41 == 0:
			row = slices.Clone(prev) // the same row again
		case i > 0 && i%43 == 0:
			row = slices.Clone(prev) // again, changed
			row[7] = "99.000.000"
		case i%37 == 0 && i > 0:
			row[4] = fmt.Sprintf("1%012d", i/7) // the NIB of an earlier row, often of the first chunk
		case i%53 == 0:
			row[6] = "ANTAH BERANTAH"
		case i == 7:
			row[1] = ""
		}
		b.WriteString(strings.Join(row, ";") + "\n")
		prev = row
	}
	p := filepath.Join(t.TempDir(), "umkm.csv")
	must(t, os.WriteFile(p, []byte(b.String()), 0o600))
	return p
}

// loadEnv is a store with a plain connection to its database.
type loadEnv struct {
	s     *sqlstore.Store
	db    *sql.DB
	ref   bina.Reference
	clock *atomic.Int64 // the store's clock, in Unix nanoseconds
}

func openLoad(t *testing.T, engine string) loadEnv {
	t.Helper()
	dsn := sqlstoretest.DSN(t, engine)
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	clock := &atomic.Int64{}
	clock.Store(sqlstoretest.Now.UnixNano())
	ref.Now = func() time.Time { return time.Unix(0, clock.Load()).UTC() }
	s, err := sqlstore.Open(context.Background(), dsn, ref, sqlstoretest.Hasher{}, nil)
	must(t, err)
	t.Cleanup(func() { s.Close() })
	must(t, s.Migrate(context.Background()))
	return loadEnv{s: s, db: rawDB(t, engine, dsn), ref: ref, clock: clock}
}

func (e loadEnv) importer(store imports.Store) *binaimport.Importer {
	if store == nil {
		store = e.s
	}
	bps, _ := refdata.BPSBridge()
	return binaimport.New(store, e.ref, importer.NewRegionMatcher(e.ref.Regions, bps), nil).Configure(binaimport.Config{ChunkRows: 50, CommitRows: 100})
}

func (e loadEnv) job(t *testing.T, path string) *imports.Job {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	header := strings.Split("No;Nama Usaha;Nama Pemilik;NIK Pemilik;NIB;Kecamatan;Desa/Kelurahan;Modal Usaha (Rp);Omzet per Tahun (Rp)", ";")
	j := &imports.Job{Entity: bina.EntityEnterprise, FileName: "umkm.csv", Header: header, Mapping: fileformat.SuggestMapping(header, bina.EntityEnterprise)}
	must(t, e.s.CreateImport(as(bina.RoleAdmin, ""), j, f))
	return j
}

func (e loadEnv) find(t *testing.T, id int64) *imports.Job {
	t.Helper()
	j, err := e.s.FindImport(as(bina.RoleAdmin, ""), id)
	must(t, err)
	return j
}

// schema lists the register's indexes, constraints, triggers and
// full-text settings.
func (e loadEnv) schema(t *testing.T) []string {
	t.Helper()
	var qs []string
	if e.s.Engine() == "sqlite" {
		qs = []string{
			`SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`,
			`SELECT 'fts ' || k || '=' || v FROM enterprise_search_config`,
		}
	} else {
		qs = []string{
			`SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()`,
			`SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = CAST(current_schema() AS regnamespace)`,
			`SELECT tgname || ' ' || CAST(tgenabled AS text) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT tgisinternal AND c.relnamespace = CAST(current_schema() AS regnamespace)`,
		}
	}
	// The full-text index's merge settings are put back as FTS5's
	// defaults, written out.
	defaults := map[string]bool{"fts automerge=4": true, "fts crisismerge=16": true}
	var out []string
	for _, q := range qs {
		rows, err := e.db.Query(q)
		must(t, err)
		for rows.Next() {
			var s string
			must(t, rows.Scan(&s))
			if !defaults[s] {
				out = append(out, s)
			}
		}
		must(t, rows.Err())
		rows.Close()
	}
	slices.Sort(out)
	return out
}

// marked returns the jobs marked as first loads and the statements kept.
func (e loadEnv) marked(t *testing.T) (jobs, kept int) {
	t.Helper()
	must(t, e.db.QueryRow(`SELECT (SELECT count(*) FROM imports WHERE bulk <> 0), (SELECT count(*) FROM import_bulk_restore)`).Scan(&jobs, &kept))
	return jobs, kept
}

// register is what the pages show of the register: every live record
// by name, the counts, and a few searches.
func (e loadEnv) register(t *testing.T) string {
	t.Helper()
	ctx := as(bina.RoleAdmin, "")
	var b strings.Builder
	f := bina.EnterpriseFilter{Limit: 200}
	for {
		p, err := e.s.ListEnterprises(ctx, f)
		must(t, err)
		for _, x := range p.Items {
			fmt.Fprintf(&b, "%s|%s|%s|%d|%s|%v\n", x.Name, x.VillageCode, x.NIB, x.Capital, x.SizeComputed, x.Sales)
		}
		if p.Next == "" {
			fmt.Fprintf(&b, "total %d\n", p.Total)
			break
		}
		f.Cursor = p.Next
	}
	// The review queue, with the name of each item's candidate.
	for off := 0; ; off += 100 {
		p, err := e.s.ReviewItems(ctx, imports.Filter{Limit: 100, Offset: off})
		must(t, err)
		for _, it := range p.Items {
			cand := "-"
			if it.CandidateID != 0 {
				c, err := e.s.FindEnterprise(ctx, it.CandidateID)
				must(t, err)
				cand = c.Name
			}
			fmt.Fprintf(&b, "review line %d %s %s: %s\n", it.Line, it.Kind, it.Incoming.Name, cand)
		}
		if off+100 >= p.Total {
			break
		}
	}
	cs, err := e.s.EnterpriseCounts(ctx)
	must(t, err)
	fmt.Fprintf(&b, "counts %v\n", cs)
	for _, q := range []string{"keripik", "nomor 12", "saputra", "pemilik 99", "1000000000042"} {
		for _, sort := range []string{"name", "-updated"} {
			p, err := e.s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: q, Sort: sort, Limit: 30})
			must(t, err)
			fmt.Fprintf(&b, "search %q %s: %d", q, sort, p.Total)
			for _, x := range p.Items {
				b.WriteString(" " + x.Name)
			}
			b.WriteString("\n")
		}
		p, err := e.s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: q, Region: "61.12.01", Limit: 10})
		must(t, err)
		fmt.Fprintf(&b, "search %q in 61.12.01: %d\n", q, p.Total)
	}
	return b.String()
}

// reference imports path row by row into a fresh store of engine and
// returns the counts and what the pages show.
func reference(t *testing.T, engine, path string) (imports.Counts, string) {
	t.Helper()
	e := openLoad(t, engine)
	e.s.SetBulkImportRows(-1)
	j := e.job(t, path)
	must(t, e.importer(nil).Run(context.Background(), j.ID))
	if jobs, _ := e.marked(t); jobs != 0 {
		t.Fatal("the reference run was a first load")
	}
	return e.find(t, j.ID).Counts, e.register(t)
}

// watchStore notes, after each chunk, whether the register's list
// indexes were there, and can stop the run at a chunk.
type watchStore struct {
	imports.Store
	e       loadEnv
	t       *testing.T
	calls   int
	dropped int // chunks after which the list index was gone
	stopAt  int
	cancel  context.CancelFunc
}

func (w *watchStore) WriteImportChunk(ctx context.Context, id int64, runner string, c *imports.Chunk) (imports.Counts, error) {
	w.calls++
	if w.calls == w.stopAt && w.cancel != nil {
		w.cancel()
	}
	n, err := w.Store.WriteImportChunk(ctx, id, runner, c)
	if !slices.ContainsFunc(w.e.schema(w.t), func(s string) bool { return strings.Contains(s, "enterprises_live_name ") }) {
		w.dropped++
	}
	return n, err
}

// firstLoad is a test's file, what a row-by-row import of it gives, and
// a fresh store for the first load, with the job of the file.
type firstLoad struct {
	e        loadEnv
	job      *imports.Job
	path     string
	schema   []string // the store's schema before the load
	counts   imports.Counts
	register string
}

func newFirstLoad(t *testing.T, engine string) firstLoad {
	t.Helper()
	c := firstLoad{path: firstLoadFile(t, 600)}
	c.counts, c.register = reference(t, engine, c.path)
	c.e = openLoad(t, engine)
	c.e.s.SetBulkImportRows(100)
	c.schema = c.e.schema(t)
	c.job = c.e.job(t, c.path)
	return c
}

// restored checks that the schema is as before and no job is marked.
func (c firstLoad) restored(t *testing.T, when string) {
	t.Helper()
	if after := c.e.schema(t); !slices.Equal(after, c.schema) {
		t.Errorf("schema %s:\n%s", when, firstDiff(strings.Join(after, "\n"), strings.Join(c.schema, "\n")))
	}
	if jobs, kept := c.e.marked(t); jobs != 0 || kept != 0 {
		t.Errorf("%s: %d jobs marked, %d statements kept", when, jobs, kept)
	}
}

// done checks that the job ended as a row-by-row import of the file.
func (c firstLoad) done(t *testing.T, when string) *imports.Job {
	t.Helper()
	got := c.e.find(t, c.job.ID)
	if got.State != imports.ImportDone || got.Counts != c.counts {
		t.Fatalf("%s: %s %+v; row by row: %+v", when, got.State, got.Counts, c.counts)
	}
	if reg := c.e.register(t); reg != c.register {
		t.Errorf("the pages differ %s:\n%s", when, firstDiff(reg, c.register))
	}
	return got
}

func TestFirstLoad(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := newFirstLoad(t, engine)
			e, j := c.e, c.job
			w := &watchStore{Store: e.s, e: e, t: t}
			must(t, e.importer(w).Run(context.Background(), j.ID))
			if w.dropped == 0 {
				t.Fatal("the list indexes were never dropped: not a first load")
			}
			got := c.done(t, "after a first load")
			if got.Counts.Review == 0 || got.Counts.Unchanged == 0 || got.Counts.Updated == 0 || got.Counts.Rejected == 0 {
				t.Fatalf("the file lacks a kind of row: %+v", got.Counts)
			}
			c.restored(t, "after a first load")

			// A second file into the register, which is not empty now:
			// row by row, and importing the same file again creates
			// nothing (the rows repeated with a change update their
			// record twice, as on the first import).
			j2 := e.job(t, c.path)
			w2 := &watchStore{Store: e.s, e: e, t: t}
			must(t, e.importer(w2).Run(context.Background(), j2.ID))
			if w2.dropped != 0 {
				t.Error("a second import was a first load")
			}
			if c := e.find(t, j2.ID).Counts; c.Created != 0 || c.Updated != 2*(got.Counts.Updated) {
				t.Errorf("importing the file again: %+v", c)
			}
		})
	}
}

// TestFirstLoadInterrupted: a first load stopped half way puts the
// register's indexes back at once; the next run resumes it row by row and
// ends where a clean run ends.
func TestFirstLoadInterrupted(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := newFirstLoad(t, engine)
			e, j := c.e, c.job
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w := &watchStore{Store: e.s, e: e, t: t, stopAt: 7, cancel: cancel}
			if err := e.importer(w).Run(ctx, j.ID); err == nil {
				t.Fatal("the run was not stopped")
			}
			mid := e.find(t, j.ID)
			if w.dropped == 0 || mid.State != imports.ImportQueued || mid.Done == 0 || mid.Done >= 600 {
				t.Fatalf("after the stop: dropped %d, %s done %d", w.dropped, mid.State, mid.Done)
			}
			c.restored(t, "after an interrupted first load")
			must(t, e.importer(nil).Run(context.Background(), j.ID))
			c.done(t, "after a resumed first load")
		})
	}
}

// TestFirstLoadKilled: a first load whose process dies without a word
// leaves its job marked. Its River job still runs in the eyes of the
// queue, so a server's start leaves it; once no queue runs it, a server's
// start puts the register back (EndFirstLoads), or else the job's next
// run does when River rescues it (ClaimImport). Either way the job then
// resumes row by row.
func TestFirstLoadKilled(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		for _, recovery := range []string{"server start", "next run"} {
			t.Run(engine+"/"+recovery, func(t *testing.T) {
				c := newFirstLoad(t, engine)
				e, j := c.e, c.job
				// The dead run: two chunks committed, then nothing, not
				// even the end of the run.
				ctx := context.Background()
				dead := &deadStore{Store: e.s, dieAt: 3}
				if err := e.importer(dead).Run(ctx, j.ID); err == nil {
					t.Fatal("the run did not die")
				}
				if jobs, kept := e.marked(t); jobs != 1 || kept == 0 {
					t.Fatalf("after the death: %d jobs marked, %d statements kept", jobs, kept)
				}
				// Every page says so, to every signed-in user.
				viewer := as(bina.RoleViewer, "")
				if fl, err := e.s.RunningFirstLoad(viewer); err != nil || fl == nil || fl.ID != j.ID || !fl.FirstLoad {
					t.Fatalf("RunningFirstLoad = %+v, %v; want job %d", fl, err, j.ID)
				}

				// A server starting while the queue runs the job leaves it.
				must(t, e.s.Migrate(ctx))
				must(t, e.s.EndFirstLoads(ctx, []int64{j.ID}))
				if jobs, _ := e.marked(t); jobs != 1 {
					t.Fatal("a running first load was ended by a server's start")
				}
				if recovery == "server start" {
					must(t, e.s.EndFirstLoads(ctx, nil))
					c.restored(t, "after a server's start")
					if fl, err := e.s.RunningFirstLoad(viewer); err != nil || fl != nil {
						t.Fatalf("after the recovery RunningFirstLoad = %+v, %v; want none", fl, err)
					}
				} else {
					claimed, err := e.s.ClaimImport(ctx, j.ID, "the-next-run")
					must(t, err)
					if claimed.FirstLoad || claimed.Done == 0 {
						t.Fatalf("claimed %+v: want an ordinary import resuming at its checkpoint", claimed)
					}
					c.restored(t, "after the job's next claim")
				}
				must(t, e.importer(nil).Run(context.Background(), j.ID))
				c.done(t, "after a recovered first load")
			})
		}
	}
}

// deadStore is a store whose process dies at a chunk: from there on
// nothing reaches the database, not even the end of the run.
type deadStore struct {
	imports.Store
	calls, dieAt int
}

func (d *deadStore) WriteImportChunk(ctx context.Context, id int64, runner string, c *imports.Chunk) (imports.Counts, error) {
	if d.calls++; d.calls >= d.dieAt {
		return imports.Counts{}, fmt.Errorf("killed")
	}
	return d.Store.WriteImportChunk(ctx, id, runner, c)
}

func (d *deadStore) FinishImport(context.Context, int64, string, string, bina.Text, int) error {
	return nil
}

// firstDiff shows the first line where two texts differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, a, b)
		}
	}
	return "(equal)"
}

// TestOneFirstLoadAtATime: while another job is marked as a first load
// and running (here one whose run has not yet written a record), an
// import into the empty register runs row by row, and ends as a
// row-by-row import does.
func TestOneFirstLoadAtATime(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := newFirstLoad(t, engine)
			e := c.e
			other := e.job(t, c.path)
			now := time.Unix(0, e.clock.Load()).UTC()
			if _, err := e.db.Exec(`UPDATE imports SET bulk = 1, state = 'running', runner = 'another', heartbeat_at = $1 WHERE id = $2`, now, other.ID); err != nil {
				t.Fatal(err)
			}
			w := &watchStore{Store: e.s, e: e, t: t}
			must(t, e.importer(w).Run(context.Background(), c.job.ID))
			if w.dropped != 0 {
				t.Fatal("a second first load began while another job was marked")
			}
			c.done(t, "beside another first load")
		})
	}
}
