package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"bina/internal/metrics"
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
