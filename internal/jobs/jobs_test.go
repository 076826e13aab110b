package jobs_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/jobs"
	"bina/internal/refdata"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// The queue runs on the real store and the real importer of each engine.

type env struct {
	t     *testing.T
	store *sqlstore.Store
	imp   imports.Importer
	ref   bina.Reference
	staff *bina.User
	ctx   context.Context // acts as staff
}

func newEnv(t *testing.T, engine string) *env {
	t.Helper()
	store := sqlstoretest.Open(t, engine)
	u := &bina.User{Name: "staf", Role: bina.RoleStaff}
	if err := store.CreateUser(t.Context(), u, "kata-sandi-panjang"); err != nil {
		t.Fatal(err)
	}
	return envOn(t, store, u)
}

// envOn is the environment of a test on store, acting as u.
func envOn(t *testing.T, store *sqlstore.Store, u *bina.User) *env {
	t.Helper()
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	ref.Now = func() time.Time { return sqlstoretest.Now }
	// Small chunks, each committed, so that a test file of some thousand
	// rows is written in many of them and can be interrupted between two.
	imp := importer.New(store, ref, matcher(t, ref), slog.New(slog.DiscardHandler)).Configure(importer.Config{ChunkRows: 500, CommitRows: 500})
	return &env{t: t, store: store, imp: imp, ref: ref, staff: u, ctx: bina.WithUser(context.Background(), u)}
}

// open opens and starts a queue that the test stops.
func (e *env) open(cfg jobs.Config) *jobs.Queue {
	e.t.Helper()
	if cfg.PollInterval == 0 {
		cfg.PollInterval = 50 * time.Millisecond
	}
	q, err := jobs.Open(e.t.Context(), e.store.Engine(), e.store.DB(), e.imp, e.store, slog.New(slog.DiscardHandler), cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := q.Start(e.t.Context()); err != nil {
		e.t.Fatal(err)
	}
	return q
}

func stop(t *testing.T, q *jobs.Queue) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := q.Stop(ctx); err != nil {
		t.Fatalf("stop: %v", err)
	}
}

// places spreads rows over desa of Kubu Raya, with their kecamatan.
var places = [][2]string{
	{"Kuala Dua", "Sungai Raya"}, {"Kapur", "Sungai Raya"}, {"Teluk Bayur", "Terentang"}, {"Limbung", "Sungai Raya"},
	{"Sungai Asam", "Sungai Raya"}, {"Arang Limbung", "Sungai Raya"}, {"Teluk Kapuas", "Sungai Raya"}, {"Mekar Sari", "Sungai Raya"},
}

// csvFile returns a CSV of n distinct businesses, each with its own
// source id, so that none looks like another.
func csvFile(n int) string {
	var b strings.Builder
	b.WriteString("ID Sumber;Nama Usaha;Nama Pemilik;Desa;Kecamatan;Omzet per Tahun\n")
	for i := 0; i < n; i++ {
		p := places[i%len(places)]
		fmt.Fprintf(&b, "U%07d;%s;%s;%s;%s;%d\n", i, name(i), name(i*7+3), p[0], p[1], 1_000_000+i)
	}
	return b.String()
}

// name makes a distinct pronounceable name from i.
func name(i int) string {
	syl := []string{"ka", "ri", "mu", "so", "te", "na", "lo", "wi", "ba", "du", "pe", "gi", "ra", "zu", "ho", "ye"}
	var b strings.Builder
	for j := 0; j < 5; j++ {
		b.WriteString(syl[i%16])
		i /= 16
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:] + " Jaya"
}

// queued stores a CSV import with its mapping set, so that it is queued.
func (e *env) queued(csv string) *imports.Job {
	e.t.Helper()
	header := strings.Split(strings.SplitN(csv, "\n", 2)[0], ";")
	j := &imports.Job{Entity: bina.EntityEnterprise, FileName: "data.csv", Format: "csv", Size: int64(len(csv)),
		HeaderRow: 0, Header: header, Source: "import", CreatedBy: e.staff.Name,
		Mapping: fileformat.SuggestMapping(header, bina.EntityEnterprise)}
	if err := e.store.CreateImport(e.ctx, j, strings.NewReader(csv)); err != nil {
		e.t.Fatal(err)
	}
	if j.State != imports.ImportQueued {
		e.t.Fatalf("import with a mapping is %s, want queued", j.State)
	}
	return j
}

// wait polls the import until cond holds.
func (e *env) wait(id int64, what string, cond func(*imports.Job) bool) *imports.Job {
	e.t.Helper()
	// It gives up when the import stops moving for longer than a job
	// waits for another run that holds its import (heldElsewhere, a
	// minute), not after a fixed time: on a busy machine a healthy import
	// is only slower, and an attempt that ends while its run still holds
	// the import is snoozed for that minute.
	const still = 2*time.Minute + 30*time.Second
	deadline, done := time.Now().Add(still), -1
	for {
		j, err := e.store.FindImport(e.ctx, id)
		if err != nil {
			e.t.Fatal(err)
		}
		if cond(j) {
			return j
		}
		if j.Done != done {
			deadline, done = time.Now().Add(still), j.Done
		}
		if j.State == imports.ImportFailed || time.Now().After(deadline) {
			e.t.Fatalf("waiting for %s: import is %s, %d of %d done, error %q", what, j.State, j.Done, j.Total, j.Error.ID)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (e *env) registered() int {
	e.t.Helper()
	p, err := e.store.ListEnterprises(e.ctx, bina.EnterpriseFilter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return p.Total
}

// riverJobs counts River's jobs of kind import.
func (e *env) riverJobs() int {
	e.t.Helper()
	var n int
	if err := e.store.DB().QueryRowContext(e.ctx, `SELECT count(*) FROM river_job WHERE kind = 'import'`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// attempts returns the attempts of the one import job in River's table
// and the queues that made them, comma-separated.
func (e *env) attempts() (n int, by string) {
	e.t.Helper()
	q := `SELECT attempt, array_to_string(attempted_by, ',') FROM river_job WHERE kind = 'import'`
	if e.store.Engine() == "sqlite" {
		q = `SELECT attempt, (SELECT group_concat(value, ',') FROM json_each(river_job.attempted_by)) FROM river_job WHERE kind = 'import'`
	}
	if err := e.store.DB().QueryRowContext(e.ctx, q).Scan(&n, &by); err != nil {
		e.t.Fatal(err)
	}
	return n, by
}

func done(j *imports.Job) bool { return j.State == imports.ImportDone }

// riverAttemptedByCap is how many fetchers River keeps in a job's
// attempted_by (maxAttemptedBy in its producer).
const riverAttemptedByCap = 100

// TestQueueRunsImport: an import enqueued twice runs once; its progress
// is visible while it runs and its counts when it is done.
func TestQueueRunsImport(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			e := newEnv(t, engine)
			q := e.open(jobs.Config{})
			defer stop(t, q)
			j := e.queued(csvFile(40))
			for range 3 {
				if err := q.EnqueueImport(e.ctx, j.ID); err != nil {
					t.Fatal(err)
				}
			}
			got := e.wait(j.ID, "done", done)
			if got.Counts.Created != 40 || got.Done != 40 || got.Progress() != 100 {
				t.Errorf("import = %+v", got)
			}
			if n := e.registered(); n != 40 {
				t.Errorf("register holds %d, want 40", n)
			}
			if n := e.riverJobs(); n != 1 {
				t.Errorf("%d River jobs for one import enqueued three times", n)
			}
			// Enqueueing a finished import again runs nothing.
			if err := q.EnqueueImport(e.ctx, j.ID); err != nil {
				t.Fatal(err)
			}
			if n := e.riverJobs(); n != 1 {
				t.Errorf("%d River jobs after enqueueing the finished import", n)
			}
		})
	}
}

// TestInterruptedImportResumes: a queue stopped in the middle of an
// import leaves its committed chunks; a new queue (a restarted server)
// finishes it, and no row is written twice.
func TestInterruptedImportResumes(t *testing.T) {
	const rows = 30000
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			e := newEnv(t, engine)
			j := e.queued(csvFile(rows))
			q := e.open(jobs.Config{StopTimeout: time.Millisecond})
			if err := q.EnqueueImport(e.ctx, j.ID); err != nil {
				t.Fatal(err)
			}
			mid := e.wait(j.ID, "the first chunk", func(j *imports.Job) bool { return j.Done > 0 || j.State == imports.ImportDone })
			stop(t, q)
			after, _ := e.store.FindImport(e.ctx, j.ID)
			if after.State == imports.ImportDone {
				t.Fatalf("the import finished before the stop (%d rows done at the first look); make the file larger", mid.Done)
			}
			if n := e.registered(); n != after.Done {
				t.Errorf("interrupted: register holds %d, import committed %d", n, after.Done)
			}

			q2 := e.open(jobs.Config{})
			defer stop(t, q2)
			if err := q2.EnqueuePending(e.ctx); err != nil {
				t.Fatal(err)
			}
			final := e.wait(j.ID, "done after restart", done)
			if final.Counts.Created != rows || final.Counts.Rows() != rows {
				t.Errorf("after restart counts = %+v, want %d created", final.Counts, rows)
			}
			if n := e.registered(); n != rows {
				t.Errorf("register holds %d, want %d: rows written twice or lost", n, rows)
			}
		})
	}
}

// matcher is the deployment's region matcher with the BPS bridge.
func matcher(t *testing.T, ref bina.Reference) *importer.RegionMatcher {
	t.Helper()
	bps, err := refdata.BPSBridge()
	if err != nil {
		t.Fatal(err)
	}
	return importer.NewRegionMatcher(ref.Regions, bps)
}

// TestInsertOnlyQueue: a web server's insert-only queue adds the job and
// runs nothing; a worker's queue on the same database then runs it.
func TestInsertOnlyQueue(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			e := newEnv(t, engine)
			web := e.open(jobs.Config{InsertOnly: true, ID: "web"})
			defer stop(t, web)
			j := e.queued(csvFile(25))
			if err := web.EnqueueImport(e.ctx, j.ID); err != nil {
				t.Fatal(err)
			}
			if got, err := e.store.FindImport(e.ctx, j.ID); err != nil || got.State != imports.ImportQueued {
				t.Fatalf("after an insert-only enqueue the import is %v (%v), want queued", got.State, err)
			}
			if n := e.riverJobs(); n != 1 {
				t.Errorf("%d River jobs, want 1", n)
			}
			// A queue that works jobs registers its queues in River's
			// table when it starts: the insert-only queue registered none,
			// so no one can run the job yet.
			var queues int
			if err := e.store.DB().QueryRowContext(e.ctx, `SELECT count(*) FROM river_queue`).Scan(&queues); err != nil {
				t.Fatal(err)
			}
			if queues != 0 {
				t.Errorf("the insert-only queue registered %d queues to work", queues)
			}
			worker := e.open(jobs.Config{ID: "worker"})
			defer stop(t, worker)
			if got := e.wait(j.ID, "done", done); got.Counts.Created != 25 {
				t.Errorf("import = %+v", got.Counts)
			}
			// River records every attempt and the queue that made it: the
			// worker's one attempt is the only one.
			if attempt, by := e.attempts(); attempt != 1 || by != "worker" {
				t.Errorf("the job was attempted %d times, by %q; want once, by the worker", attempt, by)
			}
		})
	}
}

// Environment of TestKilledServerChild, set by TestKilledServerResumes.
const (
	childEngine = "BINA_JOBS_CHILD_ENGINE"
	childDSN    = "BINA_JOBS_CHILD_DSN"
)

// TestKilledServerResumes: a server killed (kill -9) in the middle of a
// first load leaves its River job running and its register without its
// indexes. Another server's queue, started later, takes the job back once
// River's rescuer finds it past RescueAfter, puts the register back and
// finishes the import without writing a row twice.
func TestKilledServerResumes(t *testing.T) {
	const rows = 30000
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn := sqlstoretest.DSN(t, engine)
			store := openAt(t, dsn)
			u := &bina.User{Name: "staf", Role: bina.RoleStaff}
			if err := store.CreateUser(t.Context(), u, "kata-sandi-panjang"); err != nil {
				t.Fatal(err)
			}
			e := envOn(t, store, u)
			j := e.queued(csvFile(rows))

			// The server that dies: a child process of this test.
			child := exec.Command(os.Args[0], "-test.run=^TestKilledServerChild$")
			child.Env = append(os.Environ(), childEngine+"="+engine, childDSN+"="+dsn)
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			defer child.Process.Kill()
			e.wait(j.ID, "the child's first chunk", func(j *imports.Job) bool { return j.Done > 0 && j.FirstLoad })
			if err := child.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			child.Wait()
			killed := time.Now()
			at, _ := e.store.FindImport(e.ctx, j.ID)
			if at.State != imports.ImportRunning || !at.FirstLoad || at.Done >= rows {
				t.Fatalf("after the kill the import is %s, first load %v, %d done", at.State, at.FirstLoad, at.Done)
			}

			q := e.open(jobs.Config{ID: "survivor", JobTimeout: 2 * time.Second, RescueAfter: 3 * time.Second})
			defer stop(t, q)
			if err := q.Recover(e.ctx); err != nil {
				t.Fatal(err)
			}
			if got, _ := e.store.FindImport(e.ctx, j.ID); !got.FirstLoad {
				t.Fatal("a server's start ended a first load whose job River still runs")
			}
			resumed := e.wait(j.ID, "the job's next run", func(j *imports.Job) bool { return !j.FirstLoad })
			t.Logf("resumed %.1f s after the kill, at row %d of %d", time.Since(killed).Seconds(), resumed.Done, rows)
			final := e.wait(j.ID, "done", done)
			if final.Counts.Created != rows || final.Counts.Rows() != rows {
				t.Errorf("counts = %+v, want %d created", final.Counts, rows)
			}
			if n := e.registered(); n != rows {
				t.Errorf("register holds %d, want %d: rows written twice or lost", n, rows)
			}
			// River keeps the last riverAttemptedByCap fetchers of a job: on
			// a loaded machine the survivor, with its 2 s job timeout,
			// may fetch it (and snooze while the import is held) often
			// enough to push the dead server out of the list.
			attempt, by := e.attempts()
			fetchers := strings.Split(by, ",")
			dead := fetchers[0] == "doomed" || len(fetchers) == riverAttemptedByCap
			if attempt < 2 || !dead || fetchers[len(fetchers)-1] != "survivor" {
				t.Errorf("the job was attempted %d times, by %q; want the dead server's attempt, then the survivor's", attempt, by)
			}
		})
	}
}

// TestKilledServerChild is the server TestKilledServerResumes kills: it
// runs a first load slowly until it is killed.
func TestKilledServerChild(t *testing.T) {
	engine, dsn := os.Getenv(childEngine), os.Getenv(childDSN)
	if engine == "" {
		t.Skip("run by TestKilledServerResumes")
	}
	store := openAt(t, dsn)
	store.SetBulkImportRows(1000)
	e := envOn(t, store, &bina.User{Name: "staf", Role: bina.RoleStaff})
	e.imp = importer.New(slowStore{store}, e.ref, matcher(t, e.ref), nil).Configure(importer.Config{ChunkRows: 500, CommitRows: 500})
	q := e.open(jobs.Config{ID: "doomed", JobTimeout: 2 * time.Second, RescueAfter: 3 * time.Second})
	if err := q.Recover(e.ctx); err != nil {
		t.Fatal(err)
	}
	select {} // until killed
}

// openAt opens the migrated store at dsn, closed when the test ends.
func openAt(t *testing.T, dsn string) *sqlstore.Store {
	t.Helper()
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	ref.Now = func() time.Time { return sqlstoretest.Now }
	store, err := sqlstore.Open(t.Context(), dsn, ref, sqlstoretest.Hasher{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if err := store.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return store
}

// slowStore writes each chunk slowly, so that a run lasts until the test
// kills it.
type slowStore struct{ *sqlstore.Store }

func (s slowStore) WriteImportChunk(ctx context.Context, id int64, runner string, c *imports.Chunk) (imports.Counts, error) {
	time.Sleep(100 * time.Millisecond)
	return s.Store.WriteImportChunk(ctx, id, runner, c)
}
