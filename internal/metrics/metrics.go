// Package metrics keeps Bina's operational metrics and serves them in the
// Prometheus text format, through Prometheus' own Go client library
// (github.com/prometheus/client_golang): requests and their latency by
// route pattern, the database pools, the job queue's depth, the rows
// imports process, and the Go runtime and process. A server builds one
// Metrics with New (no global registry), hands it to internal/server and
// serves Handler on /metrics (for administrators) or on a listen address
// of its own. docs/operations.md lists the metrics.
package metrics

import (
	"bina/imports"
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is the registry of one server's metrics. Its methods are safe
// for concurrent use.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	importRows prometheus.Counter
	log        *slog.Logger
}

// New returns the metrics of a server, with the Go runtime's and the
// process's already registered.
func New(log *slog.Logger) *Metrics {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		log: log,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bina_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status code.",
		}, []string{"method", "route", "code"}),
		// Buckets from 5 ms to 10 s: a page is expected under 100 ms, an
		// export or an upload may take seconds.
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "bina_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method and route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route"}),
		importRows: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "bina_import_rows_total",
			Help: "Rows of imported files processed by this server's import runs; rate() gives rows per second.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.importRows,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorLog: slogPrinter{m.log}, Registry: m.reg})
}

// ObserveRequest counts one answered request of route (the pattern of the
// route it matched, never the raw path, which would make a series per
// record) and its latency.
func (m *Metrics) ObserveRequest(method, route string, status int, d time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(d.Seconds())
}

// AddDB reports the statistics of a database pool (open, in use and idle
// connections, waits) as go_sql_* series labelled db_name=name.
func (m *Metrics) AddDB(name string, db *sql.DB) {
	m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// JobCounter counts the jobs of the durable queue by state.
type JobCounter func(ctx context.Context) (map[string]int64, error)

// AddJobQueue reports the depth of the job queue, read at each scrape, as
// bina_jobs{state="available"|"scheduled"|"retryable"|"running"}.
func (m *Metrics) AddJobQueue(count JobCounter) {
	m.reg.MustRegister(&queueCollector{count: count, log: m.log,
		desc: prometheus.NewDesc("bina_jobs", "Jobs of the durable queue (imports, upkeep) by state.", []string{"state"}, nil)})
}

// queueCollector reads the queue's depth when scraped.
type queueCollector struct {
	count JobCounter
	desc  *prometheus.Desc
	log   *slog.Logger
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	n, err := c.count(ctx)
	if err != nil {
		c.log.Error("metrics: job queue", "err", err)
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for _, state := range []string{"available", "scheduled", "retryable", "running"} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n[state]), state)
	}
}

// CountImportRows returns store with the rows of every chunk an import
// run writes counted in bina_import_rows_total.
func (m *Metrics) CountImportRows(store imports.Store) imports.Store {
	return &rowCounter{Store: store, rows: m.importRows}
}

// rowCounter is an import store that counts the rows written.
type rowCounter struct {
	imports.Store
	rows prometheus.Counter
}

func (r *rowCounter) WriteImportChunk(ctx context.Context, id int64, runner string, c *imports.Chunk) (imports.Counts, error) {
	n, err := r.Store.WriteImportChunk(ctx, id, runner, c)
	if err == nil {
		r.rows.Add(float64(len(c.Rows)))
	}
	return n, err
}

// PrepareImportChunk passes the importer's early preparation of a chunk
// on to the store when it does any (sqlstore does; see the importer's
// preparer), which embedding alone would hide.
func (r *rowCounter) PrepareImportChunk(c *imports.Chunk) {
	if p, ok := r.Store.(interface{ PrepareImportChunk(*imports.Chunk) }); ok {
		p.PrepareImportChunk(c)
	}
}

// slogPrinter logs promhttp's errors.
type slogPrinter struct{ log *slog.Logger }

func (p slogPrinter) Println(v ...any) { p.log.Error("metrics", "err", v) }
