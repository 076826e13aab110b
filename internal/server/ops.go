package server

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"bina"
)

// readyz answers 200 when this server should get requests: its database
// answers a query and it is not shutting down. A load balancer or
// systemd's watchdog takes a server that answers 503 out of rotation;
// /healthz stays the plain liveness check.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.draining.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "shutting down")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.ready(ctx); err != nil {
		s.log.Error("readyz: database not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database not ready")
		return
	}
	fmt.Fprintln(w, "ok")
}

// Drain marks the server as shutting down: /readyz answers 503 from now
// on, while requests are still served until http.Server.Shutdown ends
// them.
func (s *Server) Drain() { s.draining.Store(true) }

// metricsPage serves the metrics to administrators (an admin's session
// or API token); a Prometheus server that has no account scrapes the
// metrics address (serve --metrics-addr) instead.
func (s *Server) metricsPage(w http.ResponseWriter, r *http.Request) {
	if s.metrics == nil {
		s.fail(w, r, bina.Errorf(bina.NotFound, "Metrik tidak diaktifkan.", "Metrics are not enabled."))
		return
	}
	if !bina.UserFromContext(r.Context()).IsAdmin() {
		s.fail(w, r, bina.Errorf(bina.Forbidden, "Metrik hanya untuk administrator.", "Metrics are for administrators only."))
		return
	}
	s.metrics.Handler().ServeHTTP(w, r)
}

// observe counts an answered request and its latency by the pattern of
// the route it matched (guard notes it): a label per raw path would grow
// with every record. Requests refused before routing count as
// "unmatched".
func (s *Server) observe(method, route string, status int, took time.Duration) {
	if s.metrics == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	if status == 0 {
		status = http.StatusOK
	}
	s.metrics.ObserveRequest(method, route, status, took)
}
