package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/metrics"
	"bina/internal/progress"
	"bina/internal/sqlstore"
)

// newMetrics builds the server's metrics with the store's pools and the
// job queue's depth.
func newMetrics(store *sqlstore.Store, log *slog.Logger) *metrics.Metrics {
	mx := metrics.New(log)
	for name, db := range store.Pools() {
		mx.AddDB(name, db)
	}
	mx.AddJobQueue(store.JobCounts)
	return mx
}

// serveMetrics serves /metrics without sign-in on addr (none when addr is
// empty), sending its end to errc. It returns the server, for closing.
func serveMetrics(addr string, mx *metrics.Metrics, errc chan<- error, stdout io.Writer) (*http.Server, error) {
	if addr == "" {
		return nil, nil
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", mx.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: time.Minute}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr: %w", err)
	}
	fmt.Fprintf(stdout, "Metrik di http://%s/metrics\n", ln.Addr())
	go func() {
		if err := srv.Serve(ln); err != http.ErrServerClosed {
			errc <- err
		}
	}()
	return srv, nil
}

// importBar shows the progress of import id on a terminal (stderr), read
// from the import's checkpoint twice a second, until the returned
// function is called.
func importBar(ctx context.Context, store *sqlstore.Store, id int64, stderr io.Writer) (stop func()) {
	bar := progress.New(stderr, "Impor", progress.Count)
	if !bar.Active() {
		return func() {}
	}
	quit, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				if j, err := store.FindImport(ctx, id); err == nil {
					bar.Set(int64(j.Done), int64(j.Total))
				}
			}
		}
	}()
	return func() {
		close(quit)
		<-ended
		bar.Done()
	}
}

// explainInterrupt turns the end of an import stopped by a signal
// (SIGTERM, Ctrl-C) into what the operator should know: where it
// stopped, that what was committed stays, and who resumes it.
func explainInterrupt(err error, j *imports.Job) error {
	if !errors.Is(err, context.Canceled) {
		return err
	}
	return &bina.Error{Code: bina.Conflict, Err: err, Message: bina.Text{
		ID: fmt.Sprintf("Impor #%d dihentikan setelah %d dari %d baris. Baris yang sudah tersimpan tetap; server Bina berikutnya yang dimulai (atau bina serve) melanjutkan impor ini dari baris berikutnya.", j.ID, j.Done, j.Total),
		EN: fmt.Sprintf("Import %d stopped after %d of %d rows. The rows committed stay; the next Bina server to start (or bina serve) resumes it from the row after.", j.ID, j.Done, j.Total)}}
}
