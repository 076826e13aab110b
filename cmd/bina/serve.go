package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"bina/imports"
	"bina/internal/api"
	"bina/internal/importer"
	"bina/internal/jobs"
	"bina/internal/refdata"
	"bina/internal/server"
	"bina/internal/sheet"
	"bina/internal/web"
)

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	addr := fs.String("addr", envOr(getenv, "BINA_ADDR", "127.0.0.1:8080"), "address to listen on (BINA_ADDR)")
	withDemo := fs.Bool("demo", false, "fill an empty database with the Kubu Raya demo data first")
	jobsOff := map[string]bool{"0": true, "false": true, "no": true, "tidak": true}[strings.ToLower(getenv("BINA_JOBS"))]
	runJobs := fs.Bool("jobs", !jobsOff, "run background jobs (imports) on this server; false on web servers whose jobs run elsewhere (BINA_JOBS=0)")
	jobTimeout := fs.Duration("job-timeout", envDuration(getenv, "BINA_JOB_TIMEOUT", 10*time.Minute), "longest attempt of a background job; an import still running then goes on in a new attempt, and a job silent for this plus 2 minutes is taken for dead and resumed (BINA_JOB_TIMEOUT)")
	keepDays := fs.Int("keep-uploads", envInt(getenv, "BINA_KEEP_UPLOADS_DAYS", 30), "days an uploaded file is kept after its import ends; it holds personal data (BINA_KEEP_UPLOADS_DAYS)")
	maxExports := fs.Int("max-exports", envInt(getenv, "BINA_MAX_EXPORTS", 4), "files written at once by this server; more wait up to 15 s, then get 429 (BINA_MAX_EXPORTS)")
	secure := fs.Bool("secure-cookies", getenv("BINA_SECURE_COOKIES") == "1", "mark cookies Secure (behind TLS) (BINA_SECURE_COOKIES=1)")
	proxies := fs.String("trusted-proxy", getenv("BINA_TRUSTED_PROXIES"), "reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For and X-Forwarded-Proto are believed (BINA_TRUSTED_PROXIES)")
	days, err := strconv.Atoi(envOr(getenv, "BINA_AUDIT_RETENTION_DAYS", "730"))
	if err != nil {
		return fmt.Errorf("BINA_AUDIT_RETENTION_DAYS: %w", err)
	}
	// Letters: the address their QR codes and verification links start with.
	publicURL := fs.String("public-url", getenv("BINA_PUBLIC_URL"), "public address of this server, such as https://bina.kuburayakab.go.id, printed in letters' verification QR codes; default the address each request came to (BINA_PUBLIC_URL)")
	retention := fs.Int("audit-retention-days", days, "days the audit of personal-data reads and sign-ins is kept; 0 keeps it forever (BINA_AUDIT_RETENTION_DAYS)")
	metricsAddr := fs.String("metrics-addr", getenv("BINA_METRICS_ADDR"), "also serve /metrics without sign-in on this address, such as 127.0.0.1:9464, for a Prometheus server on a private network; /metrics on --addr is for administrators (BINA_METRICS_ADDR)")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	trusted, err := server.ParseTrustedProxies(*proxies)
	if err != nil {
		return err
	}
	if err := checkPublicURL(*publicURL); err != nil {
		return err
	}
	if *retention < 0 {
		return fmt.Errorf("--audit-retention-days must be 0 or more")
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	// A regency server is small: unless the operator set GOMEMLIMIT, keep
	// the Go heap near 64 MiB so that memory freed after a demo load or a
	// burst of sign-ins goes back to the system instead of staying resident.
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
	store, ref, err := c.open(ctx, log, true)
	if err != nil {
		return err
	}
	defer store.Close()

	if *withDemo {
		empty, err := store.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if empty {
			if err := fillDemo(ctx, store, ref, stdout); err != nil {
				return err
			}
			debug.FreeOSMemory() // the generated records are garbage now
		}
	}
	// Imports run as durable jobs in the same database, so that a job
	// survives a restart and any server's worker can run it.
	bps, err := refdata.BPSBridge()
	if err != nil {
		return err
	}
	mx := newMetrics(store, log) // operations (ops.go)
	imp := importer.New(mx.CountImportRows(store), ref, importer.NewRegionMatcher(ref.Regions, bps), log)
	var worker imports.Importer = imp
	if getenv("GOMEMLIMIT") == "" {
		worker = &roomyImporter{Importer: imp}
	}
	bounds, err := reportBoundaries()
	if err != nil {
		return err
	}
	queue, err := jobs.Open(ctx, store.Engine(), store.DB(), worker, store, log, jobs.Config{InsertOnly: !*runJobs, FileRetention: time.Duration(*keepDays) * 24 * time.Hour, JobTimeout: *jobTimeout,
		Binaan:  store,                                                                                    // pembinaan: binaan expires with time (issue 11)
		Reports: &jobs.Reports{Store: store, Regions: ref.Regions, Boundaries: bounds, Clock: ref.Clock}}) // the rakor report (issue 13)
	if err != nil {
		return err
	}
	if err := queue.Start(ctx); err != nil {
		return err
	}
	// Shutdown order: HTTP first (below), then the jobs, then the store
	// (deferred above): a running import is interrupted at its checkpoint
	// and resumes at the next start.
	defer func() {
		qctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := queue.Stop(qctx); err != nil {
			log.Error("stop jobs", "err", err)
		}
	}()
	// A server that died may have left a first load unfinished, or an
	// import configured just before the crash without its job.
	if err := queue.Recover(ctx); err != nil {
		log.Error("recover imports", "err", err)
	}
	exports := sheet.NewGate(*maxExports, 15*time.Second)
	wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log, SecureCookies: *secure,
		Imports: store, Importer: imp, Queue: queue, Exports: exports, KeepUploads: time.Duration(*keepDays) * 24 * time.Hour, Audit: store,
		Certificates: store, Milestones: store, Letters: store, PublicURL: strings.TrimRight(*publicURL, "/"),
		Coaching: store, Attachments: store, Reach: store, Programmes: store, // pembinaan
		Invitations: store, ChangeRequests: store, // board accounts (issue 12)
		Reports:    store,                                   // annual reports (issue 12)
		Health:     store,                                   // health assessment (issue 12)
		Compliance: store, KDMP: store, Perkembangan: store, // cooperative supervision (issue 12)
		Indicators: store, OpenData: store, // dashboards and open data (issue 13)
		Boundaries: store, Points: store, // maps (issue 13)
		Rakor: queue.ReportService(store)}) // the rakor report (issue 13)
	if err != nil {
		return err
	}
	ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Imports: store, Audit: store, Ref: ref, Log: log, Exports: exports,
		Certificates: store, Milestones: store, Letters: store, PublicURL: strings.TrimRight(*publicURL, "/"),
		Coaching: store, Attachments: store, Reach: store, Programmes: store, // pembinaan
		Invitations: store, ChangeRequests: store, // board accounts (issue 12)
		Reports:    store,                       // annual reports (issue 12)
		Health:     store,                       // health assessment (issue 12)
		Compliance: store,                       // RAT compliance (issue 12)
		Indicators: store,                       // indicators (issue 13)
		Rakor:      queue.ReportService(store)}) // the rakor report (issue 13)
	handler := server.New(server.Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log,
		TrustedProxies: trusted, Audit: store, AuditRetention: time.Duration(*retention) * 24 * time.Hour,
		Ready: store.Ready, Metrics: mx}) // operations (issue 14)
	// The upkeep (deleting audit entries past their retention) stops
	// with the server, before the jobs and the store.
	upkeep, stopUpkeep := context.WithCancel(ctx)
	upkeepDone := make(chan struct{})
	go func() { defer close(upkeepDone); handler.Maintain(upkeep) }()
	defer func() { stopUpkeep(); <-upkeepDone }()
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		// Requests do not end with ctx (the signal): on SIGTERM the ones
		// running finish during Shutdown below.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Bina berjalan di http://%s (basis data: %s, wilayah: %s)\n", ln.Addr(), store.Engine(), ref.Regions.Name(ref.Regions.Root()))
	if *withDemo {
		fmt.Fprintf(stdout, "Masuk sebagai admin / %s (juga: staf, petugas, tamu, pengurus dengan kata sandi yang sama)\n", demoPassword)
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	msrv, err := serveMetrics(*metricsAddr, mx, errc, stdout)
	if err != nil {
		return err
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Shut down in order: stop taking requests and let running ones finish
	// (up to 10 s, then they are cut); then the jobs stop and the store
	// closes (deferred above).
	handler.Drain()
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("requests cut at shutdown", "err", err)
		srv.Close()
	}
	if msrv != nil {
		msrv.Close()
	}
	fmt.Fprintln(stdout, "Bina berhenti.")
	return nil
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	store, _, err := c.open(ctx, slog.New(slog.NewTextHandler(stderr, nil)), true)
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Fprintf(stdout, "Skema basis data (%s) mutakhir.\n", store.Engine())
	return nil
}

// checkPublicURL refuses a --public-url that is not an absolute http or
// https address: it is printed on letters and cannot be changed on them.
func checkPublicURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("--public-url %q: give an absolute address such as https://bina.kuburayakab.go.id", s)
	}
	return nil
}
