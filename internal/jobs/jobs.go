// Package jobs runs Bina's background work on a durable queue kept in the
// register's own database, with River (github.com/riverqueue/river): a job
// is a row that survives a restart, any app server's worker may take it,
// and River's row locking (FOR UPDATE SKIP LOCKED on PostgreSQL, the one
// writer on SQLite) makes sure that only one worker runs it at a time.
//
// The one kind of job today is an import: the worker calls
// imports.Importer.Run, which commits its rows in chunks, each with its
// checkpoint. That is what makes interruption harmless: a run stopped by a
// shutdown or a crash is simply run again, and it resumes after the last
// committed chunk without writing any row twice.
//
// River is the one queue: it decides which run works a job, and when a
// run is dead. An attempt of a job lasts at most Config.JobTimeout (an
// import still running then stops at its checkpoint and goes on in a new
// attempt at once), so a job still marked running Config.RescueAfter
// after its attempt began belongs to a server that died, and River's
// rescuer hands it out again. The store's claim only records which run
// that is, so that a run given up by the queue writes nothing more.
package jobs

import (
	"bina/imports"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"bina"
)

// queueImport is River's queue of import jobs, queueUpkeep that of the
// periodic upkeep (deleting uploads past their retention period).
const (
	queueImport = "import"
	queueUpkeep = "upkeep"
)

// Config tunes a Queue. The zero value is the production setting.
type Config struct {
	// Workers is how many imports one server runs at once (default 1:
	// an import keeps a core and the database's writer busy, and SQLite
	// has one writer anyway).
	Workers int
	// InsertOnly makes a queue that adds jobs and runs none: the queue of
	// a web server in a deployment whose imports run on other servers
	// (`bina serve --jobs=false`). Start and Stop do nothing.
	InsertOnly bool
	// PollInterval is how often an idle worker looks for new jobs
	// (default 1 s). A job enqueued by this server is noticed at once.
	PollInterval time.Duration
	// JobTimeout is how long one attempt of a job runs at most (default
	// 10 min, six times a million-row import on a 2-core server). An
	// import still running then stops at its checkpoint and goes on in a
	// new attempt at once.
	JobTimeout time.Duration
	// RescueAfter is how long after its attempt began a job still marked
	// running is taken for dead, its server gone, and run again (default
	// JobTimeout plus 2 min, the time an interrupted first load needs to
	// put the register back). It must exceed JobTimeout.
	RescueAfter time.Duration
	// ID names this server's queue in River's tables (default: the host
	// name and the start time).
	ID string
	// StopTimeout is how long Stop lets running imports go on before it
	// interrupts them (default 5 s); they resume at the next start.
	StopTimeout time.Duration
	// FileRetention is how long an uploaded file is kept after its import
	// ends (default 30 days): the files hold NIKs and phones. The upkeep
	// job deletes older ones every UpkeepEvery (default 1 hour) and when
	// the queue starts.
	FileRetention time.Duration
	UpkeepEvery   time.Duration
	// Binaan, when set, is refreshed every BinaanEvery (default a day)
	// and when the queue starts: a reach older than the binaan window
	// expires with time, not with a write (pembinaan, issue 11).
	Binaan      BinaanRefresher
	BinaanEvery time.Duration
	// Reports, when set, makes the reports asked for (the rakor report,
	// issue 13), one at a time: see report.go.
	Reports *Reports
}

func (c Config) withDefaults() Config {
	if c.Workers <= 0 {
		c.Workers = 1
	}
	if c.PollInterval <= 0 {
		c.PollInterval = time.Second
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = 10 * time.Minute
	}
	if c.RescueAfter <= c.JobTimeout {
		c.RescueAfter = c.JobTimeout + 2*time.Minute
	}
	if c.StopTimeout <= 0 {
		c.StopTimeout = 5 * time.Second
	}
	if c.FileRetention <= 0 {
		c.FileRetention = 30 * 24 * time.Hour
	}
	if c.UpkeepEvery <= 0 {
		c.UpkeepEvery = time.Hour
	}
	return c
}

// maxAttempts is how often an import that fails with an error of the
// database or the machine is tried before it is given up (River waits
// longer after each failure). An import refused for its content is never
// retried: see permanent.
const maxAttempts = 5

// Queue is the job queue of one server. Build it with Open, then Start;
// Stop it before closing the database.
type Queue struct {
	client  *river.Client[*sql.Tx]
	runs    bool // not insert-only
	imports Imports
	reports ReportStore // nil without Config.Reports
	log     *slog.Logger
}

// Imports is what the queue reads and mends of the imports
// (sqlstore.Store).
type Imports interface {
	ListImports(ctx context.Context, limit, offset int) ([]imports.Job, error)
	FindImport(ctx context.Context, id int64) (*imports.Job, error)
	// EndFirstLoads ends the first loads of the imports other than those
	// in running, whose runs died.
	EndFirstLoads(ctx context.Context, running []int64) error
	// DeleteImportFiles deletes the files of imports that ended longer
	// than keep ago, some at a time, and says how many.
	DeleteImportFiles(ctx context.Context, keep time.Duration) (int, error)
}

// Open prepares the queue on db, the store's database (engine "sqlite" or
// "postgres", as sqlstore.Store.Engine names it), and brings River's own
// tables up to date. imp runs the import jobs; imports is where their
// progress is read. Nothing runs until Start.
func Open(ctx context.Context, engine string, db *sql.DB, imp imports.Importer, imports Imports, log *slog.Logger, cfg Config) (*Queue, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if imp == nil || imports == nil {
		return nil, errors.New("jobs: an importer and the import service are required")
	}
	cfg = cfg.withDefaults()
	var driver riverdriver.Driver[*sql.Tx]
	switch engine {
	case "sqlite":
		// The store hands over its single writer connection (see
		// sqlstore.Store.DB): River's driver documentation asks for one
		// connection, since SQLite allows one writer at a time.
		driver = riversqlite.New(db)
	case "postgres":
		// database/sql through pgx has no LISTEN, so River polls; several
		// servers share the queue safely through row locks.
		driver = riverdatabasesql.New(db)
	default:
		return nil, fmt.Errorf("jobs: unknown database engine %q", engine)
	}
	if err := migrate(ctx, engine, db, driver); err != nil {
		return nil, err
	}

	workers := river.NewWorkers()
	river.AddWorker(workers, &importWorker{imp: imp, imports: imports, log: log})
	river.AddWorker(workers, &upkeepWorker{imports: imports, retention: cfg.FileRetention, log: log})
	queues := map[string]river.QueueConfig{queueImport: {MaxWorkers: cfg.Workers}, queueUpkeep: {MaxWorkers: 1}}
	periodic := []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(cfg.UpkeepEvery),
		func() (river.JobArgs, *river.InsertOpts) { return upkeepArgs{}, nil }, &river.PeriodicJobOpts{ID: "upkeep", RunOnStart: true})}
	periodic = append(periodic, binaanJob(workers, cfg, log)...)
	for name, qc := range reportJobs(workers, cfg, log) {
		queues[name] = qc
	}
	if cfg.InsertOnly {
		queues = nil // River's insert-only client: no queues, no producers
		periodic = nil
	}
	client, err := river.NewClient(driver, &river.Config{
		ID:                cfg.ID,
		Queues:            queues,
		Workers:           workers,
		FetchPollInterval: cfg.PollInterval,
		FetchCooldown:     min(cfg.PollInterval, river.FetchCooldownDefault),
		// A finite timeout is what lets River's rescuer tell a dead run
		// from a long one: it leaves a job alone until then.
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		MaxAttempts:          maxAttempts,
		SoftStopTimeout:      cfg.StopTimeout,
		PeriodicJobs:         periodic,
		Logger:               log,
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	q := &Queue{client: client, runs: !cfg.InsertOnly, imports: imports, log: log}
	if cfg.Reports != nil {
		q.reports = cfg.Reports.Store
	}
	return q, nil
}

// migrate brings River's tables up to date. On PostgreSQL a session lock
// keeps two servers starting at once from migrating together (River's
// migrator takes none of its own); SQLite has one writer.
func migrate(ctx context.Context, engine string, db *sql.DB, driver riverdriver.Driver[*sql.Tx]) error {
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("jobs: migrator: %w", err)
	}
	if engine == "postgres" {
		conn, err := db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("jobs: migrate: %w", err)
		}
		defer conn.Close()
		// The key is the store's migration lock key plus one.
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7246618)`); err != nil {
			return fmt.Errorf("jobs: migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7246618)`)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate River's tables: %w", err)
	}
	return nil
}

// Start starts the workers. They run until Stop, not until ctx ends, so
// that a server can stop taking requests first and its jobs after.
func (q *Queue) Start(ctx context.Context) error {
	if !q.runs {
		return nil
	}
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop stops taking jobs, lets running ones go on for Config.StopTimeout,
// then interrupts them (they resume at the next start) and waits for them
// to put their jobs back. When ctx ends first, running jobs are
// interrupted at once.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.runs {
		return nil
	}
	err := q.client.Stop(ctx)
	if err == nil || ctx.Err() == nil {
		return err
	}
	hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return q.client.StopAndCancel(hard)
}

// EnqueueImport queues import id for a worker. It is idempotent: while
// the import's job is waiting, running or done, enqueueing it again (a
// double click, a retry of the request) adds nothing.
func (q *Queue) EnqueueImport(ctx context.Context, id int64) error {
	if _, err := q.client.Insert(ctx, importArgs{ImportID: id}, nil); err != nil {
		return bina.Wrap(err, "enqueue import")
	}
	return nil
}

// EnqueuePending enqueues the imports that wait in state queued or
// running among the newest ones: an import is configured and enqueued in
// two steps, and a server that died between them leaves an import that no
// job would run. Enqueueing is idempotent, so imports that have their job
// are left as they are.
func (q *Queue) EnqueuePending(ctx context.Context) error {
	const pageSize, pages = 100, 10
	for p := 0; p < pages; p++ {
		list, err := q.imports.ListImports(ctx, pageSize, p*pageSize)
		if err != nil {
			return err
		}
		for _, j := range list {
			if j.State == imports.ImportQueued || j.State == imports.ImportRunning {
				if err := q.EnqueueImport(ctx, j.ID); err != nil {
					return err
				}
			}
		}
		if len(list) < pageSize {
			break
		}
	}
	return nil
}

// Recover mends what servers that died left behind, when a server
// starts: first loads whose job no queue runs any more are ended (the
// register gets its indexes and counts back; a first load whose job River
// still marks running is ended by the job's next run, once River rescues
// it), and imports waiting in state queued or running get their job
// (EnqueuePending).
func (q *Queue) Recover(ctx context.Context) error {
	running, err := q.client.JobList(ctx, river.NewJobListParams().Kinds(importArgs{}.Kind()).States(rivertype.JobStateRunning).First(10_000))
	if err != nil {
		return bina.Wrap(err, "running jobs")
	}
	var ids []int64
	for _, j := range running.Jobs {
		var a importArgs
		if err := json.Unmarshal(j.EncodedArgs, &a); err != nil {
			return bina.Wrap(err, "running jobs")
		}
		ids = append(ids, a.ImportID)
	}
	if err := q.imports.EndFirstLoads(ctx, ids); err != nil {
		return err
	}
	if err := q.recoverReports(ctx); err != nil {
		return err
	}
	return q.EnqueuePending(ctx)
}

// importArgs is the job of one import. Only the import's id is unique:
// one job per import.
type importArgs struct {
	ImportID int64 `json:"import_id" river:"unique"`
}

func (importArgs) Kind() string { return "import" }

func (importArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueImport, MaxAttempts: maxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// importWorker runs import jobs with the importer.
type importWorker struct {
	river.WorkerDefaults[importArgs]
	imp     imports.Importer
	imports Imports
	log     *slog.Logger
}

// heldElsewhere is how long a job whose import another run holds waits
// before it looks again.
const heldElsewhere = time.Minute

func (w *importWorker) Work(ctx context.Context, job *river.Job[importArgs]) error {
	id := job.Args.ImportID
	err := w.imp.Run(ctx, id)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		// Interrupted by Stop or at the end of its attempt
		// (Config.JobTimeout): everything up to the last checkpoint is
		// committed. The job is available again at once, without using
		// up an attempt, and resumes there (after a Stop, at the next
		// start).
		w.log.Info("import interrupted; it resumes from its checkpoint", "import", id, "cause", context.Cause(ctx))
		return river.JobSnooze(0)
	case bina.ErrorCode(err) == bina.Conflict && w.running(ctx, id):
		// Another run took the import over (a `bina import` of the same
		// job, or an attempt River gave out after this one's time was
		// up): look again later, so that the job ends once the import is
		// done, or resumes it if that run dies.
		w.log.Info("import held by another run; waiting", "import", id)
		return river.JobSnooze(heldElsewhere)
	case permanent(err):
		// The file or the job is at fault, not the machine: another
		// attempt would fail the same way. The importer has recorded the
		// reason on the import for the report.
		w.log.Warn("import refused", "import", id, "err", err)
		return river.JobCancel(err)
	}
	w.log.Error("import failed; River tries it again", "import", id, "attempt", job.Attempt, "err", err)
	return err
}

// running reports whether import id waits for or is in a run.
func (w *importWorker) running(ctx context.Context, id int64) bool {
	j, err := w.imports.FindImport(ctx, id)
	return err == nil && (j.State == imports.ImportQueued || j.State == imports.ImportRunning)
}

// permanent reports errors that no retry can cure.
func permanent(err error) bool {
	switch bina.ErrorCode(err) {
	case bina.Invalid, bina.NotFound, bina.Conflict, bina.Forbidden, bina.Unauthorized:
		return true
	}
	return false
}

// upkeepArgs is the periodic upkeep job: uploads past their retention
// period are deleted.
type upkeepArgs struct{}

func (upkeepArgs) Kind() string { return "upkeep" }

func (upkeepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueUpkeep, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateScheduled}}}
}

// upkeepWorker deletes the uploads whose imports ended longer than the
// retention period ago, a batch at a time until none is left.
type upkeepWorker struct {
	river.WorkerDefaults[upkeepArgs]
	imports   Imports
	retention time.Duration
	log       *slog.Logger
}

func (w *upkeepWorker) Work(ctx context.Context, job *river.Job[upkeepArgs]) error {
	total := 0
	for {
		n, err := w.imports.DeleteImportFiles(ctx, w.retention)
		if err != nil {
			return err
		}
		total += n
		if n == 0 {
			break
		}
	}
	if total > 0 {
		w.log.Info("uploads past their retention period deleted", "files", total, "retention", w.retention)
	}
	return nil
}
