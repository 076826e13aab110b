package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// BinaanRefresher recomputes the derived binaan flag (coaching.ReachService).
type BinaanRefresher interface {
	RefreshBinaan(ctx context.Context) (int, error)
}

// binaanJob registers the daily binaan refresh when cfg asks for it and
// returns its periodic job.
func binaanJob(workers *river.Workers, cfg Config, log *slog.Logger) []*river.PeriodicJob {
	if cfg.Binaan == nil {
		return nil
	}
	every := cfg.BinaanEvery
	if every <= 0 {
		every = 24 * time.Hour
	}
	river.AddWorker(workers, &binaanWorker{binaan: cfg.Binaan, log: log})
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return binaanArgs{}, nil }, &river.PeriodicJobOpts{ID: "binaan", RunOnStart: true})}
}

// binaanArgs is the periodic job that lets binaan expire: businesses whose
// last reach fell out of the window are binaan no more.
type binaanArgs struct{}

func (binaanArgs) Kind() string { return "binaan" }

func (binaanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueUpkeep, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateScheduled}}}
}

type binaanWorker struct {
	river.WorkerDefaults[binaanArgs]
	binaan BinaanRefresher
	log    *slog.Logger
}

func (w *binaanWorker) Work(ctx context.Context, job *river.Job[binaanArgs]) error {
	n, err := w.binaan.RefreshBinaan(ctx)
	if n > 0 {
		w.log.Info("binaan refreshed", "changed", n)
	}
	return err
}
