package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"bina"
	"bina/coaching"
	"bina/indicator"
	"bina/internal/geojson"
	"bina/internal/pdf"
	"bina/internal/sheet"
)

// queueReport is River's queue of reports: one runs at a time per server,
// the bound on how many a user can start at once (each reads the whole
// catalogue of indicators several times).
const queueReport = "report"

// ReportStore is what a report's job reads and writes (sqlstore.Store):
// the indicators, the letterhead for the cover, and the report's row.
type ReportStore interface {
	indicator.Service
	indicator.ReportService
	LetterSettings(ctx context.Context) (*coaching.LetterSettings, error)
	StartReport(ctx context.Context, id int64) (*indicator.Report, error)
	ReportProgress(ctx context.Context, id int64, percent int) error
	FinishReport(ctx context.Context, id int64, figures []byte, takenAt time.Time, pdf, xlsx []byte) error
	FailReport(ctx context.Context, id int64, reason string) error
	PendingReports(ctx context.Context) ([]int64, error)
}

// Reports configures the report jobs (Config.Reports).
type Reports struct {
	Store ReportStore
	// Regions names the report's region on the cover.
	Regions *bina.RegionTree
	// Boundaries are the outlines the maps are drawn from (the embedded
	// demo layers, or a deployment's own file).
	Boundaries []geojson.Feature
	// Clock is the time the figures are taken (default time.Now).
	Clock func() time.Time
	// Workers is how many of a report's reads run at once (default 2).
	Workers int
}

// reportArgs is the job of one report version.
type reportArgs struct {
	ReportID int64 `json:"report_id" river:"unique"`
}

func (reportArgs) Kind() string { return "report" }

func (reportArgs) InsertOpts() river.InsertOpts {
	// A report that fails is not tried again (Work cancels its job): its
	// row says why, and the user asks for a new version. The attempts
	// left are for a job whose server died while it ran, which River's
	// rescuer hands out again.
	return river.InsertOpts{Queue: queueReport, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// reportJobs registers the report worker when cfg asks for it and returns
// its queue.
func reportJobs(workers *river.Workers, cfg Config, log *slog.Logger) map[string]river.QueueConfig {
	if cfg.Reports == nil {
		return nil
	}
	river.AddWorker(workers, &reportWorker{r: *cfg.Reports, log: log})
	return map[string]river.QueueConfig{queueReport: {MaxWorkers: 1}}
}

type reportWorker struct {
	river.WorkerDefaults[reportArgs]
	r   Reports
	log *slog.Logger
}

func (w *reportWorker) Work(ctx context.Context, job *river.Job[reportArgs]) (err error) {
	id := job.Args.ReportID
	defer func() {
		// A report left running would refuse every new version of its
		// year (409): a panic fails it like an error.
		if p := recover(); p != nil {
			err = w.fail(ctx, id, fmt.Errorf("report %d: panic: %v", id, p))
		}
	}()
	err = w.make(ctx, id)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		// Stopped with the server: the report stays running and its job
		// runs again at the next start, from the beginning.
		return river.JobSnooze(0)
	}
	return w.fail(ctx, id, err)
}

// fail records why report id failed and cancels its job.
func (w *reportWorker) fail(ctx context.Context, id int64, err error) error {
	w.log.Error("report failed", "report", id, "err", err)
	reason := "Laporan gagal dibuat karena kesalahan sistem; silakan buat ulang."
	var be *bina.Error
	if errors.As(err, &be) && be.Code != bina.Internal {
		reason = be.Message.ID
	}
	if ferr := w.r.Store.FailReport(context.WithoutCancel(ctx), id, reason); ferr != nil {
		return ferr
	}
	return river.JobCancel(err)
}

// make gathers the figures of report id, draws its PDF and workbook and
// stores them with it.
func (w *reportWorker) make(ctx context.Context, id int64) error {
	r, err := w.r.Store.StartReport(ctx, id)
	if err != nil {
		return err
	}
	if r.State != indicator.ReportRunning {
		return nil // done or failed already: an old job run again
	}
	clock := w.r.Clock
	if clock == nil {
		clock = time.Now
	}
	taken := clock()
	last := -1
	progress := func(done, total int) {
		// The gathering is nine tenths of the work; drawing the rest.
		pct := done * 90 / max(total, 1)
		if pct != last {
			last = pct
			if err := w.r.Store.ReportProgress(ctx, id, pct); err != nil {
				w.log.Warn("report progress", "report", id, "err", err)
			}
		}
	}
	// The job reads as the system, inside the region the request was
	// checked for.
	figs, err := indicator.GatherRakor(ctx, w.r.Store, indicator.Query{Year: r.Year, Region: r.Region}, indicator.GatherOptions{Workers: w.r.Workers, Progress: progress})
	if err != nil {
		return err
	}
	figs.Theme, figs.Version, figs.TakenAt = r.Theme, r.Version, taken.UTC().Truncate(time.Second)
	figs.RegionName = string(r.Region)
	if w.r.Regions != nil {
		figs.RegionName = w.r.Regions.Name(r.Region)
	}
	figs.Government, figs.Office = "", "Dinas Koperasi dan UKM"
	if set, err := w.r.Store.LetterSettings(ctx); err == nil {
		figs.Government, figs.Office = set.Letterhead.Government, set.Letterhead.Office
	}
	doc, book, err := RenderRakor(figs, w.r.Boundaries)
	if err != nil {
		return err
	}
	snapshot, err := json.Marshal(figs)
	if err != nil {
		return err
	}
	return w.r.Store.FinishReport(ctx, id, snapshot, figs.TakenAt, doc, book)
}

// RenderRakor draws the files of a rakor report from its figures: the PDF
// (with maps from bounds where they cover the regions) and the workbook
// holding every table of the PDF, one worksheet each.
func RenderRakor(figs *indicator.RakorFigures, bounds []geojson.Feature) (doc, book []byte, err error) {
	doc, err = pdf.Rakor(figs, pdf.RakorOptions{Boundaries: bounds})
	if err != nil {
		return nil, nil, err
	}
	var tables []sheet.Table
	for _, t := range figs.Tables() {
		tables = append(tables, sheet.Table{Name: t.Key, Title: t.Title, Header: t.Header, Rows: t.Rows})
	}
	var buf bytes.Buffer
	if err := sheet.WriteWorkbook(&buf, tables); err != nil {
		return nil, nil, fmt.Errorf("report workbook: %w", err)
	}
	return doc, buf.Bytes(), nil
}

// EnqueueReport queues report id for a worker. It is idempotent.
func (q *Queue) EnqueueReport(ctx context.Context, id int64) error {
	if _, err := q.client.Insert(ctx, reportArgs{ReportID: id}, nil); err != nil {
		return bina.Wrap(err, "enqueue report")
	}
	return nil
}

// recoverReports enqueues the reports waiting or running, whose job may
// have been lost between storing the request and enqueueing it.
func (q *Queue) recoverReports(ctx context.Context) error {
	if q.reports == nil {
		return nil
	}
	ids, err := q.reports.PendingReports(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := q.EnqueueReport(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// ReportService returns the report service of store whose requests are
// made by this queue's jobs: RequestRakor stores the request and enqueues
// its job. A job lost between the two is enqueued by Recover.
func (q *Queue) ReportService(store indicator.ReportService) indicator.ReportService {
	return &queuedReports{ReportService: store, q: q}
}

type queuedReports struct {
	indicator.ReportService
	q *Queue
}

func (s *queuedReports) RequestRakor(ctx context.Context, req indicator.ReportRequest) (*indicator.Report, error) {
	r, err := s.ReportService.RequestRakor(ctx, req)
	if err != nil {
		return nil, err
	}
	return r, s.q.EnqueueReport(ctx, r.ID)
}
