// Package server assembles Bina's HTTP server: every route of the pages
// (internal/web) and the JSON API (internal/api) in routes.go, and the
// middleware that every request passes through once: compression
// (compress.go), recovery, request id, logging without personal data,
// security headers, body limits, authentication by session or bearer
// token, cross-origin and CSRF protection, and the public/guarded check.
package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"bina"
	"bina/audit"
	"bina/internal/api"
	"bina/internal/httperr"
	"bina/internal/metrics"
	"bina/internal/web"
)

// access says whether a route needs a signed-in user.
type access int

const (
	undeclared access = iota // the zero value: a test fails on it
	public
	guarded
)

type route struct {
	pattern string
	access  access
	handler http.Handler
}

// upload is what a route that takes files allows beyond the server's
// defaults (see Server.uploads in routes.go).
type upload struct {
	maxFile int64 // the largest file; the body may be 1 MiB more, for the other fields
	// timeout is how long the whole request may take: a large file over a
	// slow rural connection needs longer than the server's read timeout.
	timeout time.Duration
}

// uploadSlack is what a form's other fields and the multipart framing
// may add to its file.
const uploadSlack = 1 << 20

// multipartMemory is how much of a multipart form's files is kept in
// memory while it is parsed; the rest goes to temporary files, which
// net/http removes when the request ends.
const multipartMemory = 8 << 20

// Deps is what the server is built from.
type Deps struct {
	Users bina.UserService
	Web   *web.Handler
	API   *api.Handler
	// Ping reports whether the database answers, for /healthz.
	Ping func(context.Context) error
	Log  *slog.Logger
	// MaxBody is the largest request body accepted (default 1 MiB).
	MaxBody int64
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto are believed (see resolveClient).
	TrustedProxies []netip.Prefix
	// Audit keeps the audit; AuditRetention is how long its entries are
	// kept (Maintain deletes older ones; 0 keeps them all).
	Audit          audit.Service
	AuditRetention time.Duration
	// Operations (issue 14): Ready reports whether the database answers a
	// query, for /readyz (default Ping); Metrics, when set, counts
	// requests and serves /metrics to administrators.
	Ready   func(context.Context) error
	Metrics *metrics.Metrics
}

// Server is Bina's http.Handler.
type Server struct {
	users   bina.UserService
	web     *web.Handler
	api     *api.Handler
	ping    func(context.Context) error
	log     *slog.Logger
	maxBody int64
	proxies []netip.Prefix
	audit   audit.Service
	keep    time.Duration
	uploads map[string]upload // by route pattern
	mux     *http.ServeMux
	access  map[string]access
	cop     *http.CrossOriginProtection
	handler http.Handler
	// Operations (ops.go).
	ready    func(context.Context) error
	metrics  *metrics.Metrics
	draining atomic.Bool
}

// New builds the server and its routes.
func New(d Deps) *Server {
	s := &Server{users: d.Users, web: d.Web, api: d.API, ping: d.Ping, log: d.Log, maxBody: d.MaxBody, proxies: d.TrustedProxies,
		audit: d.Audit, keep: d.AuditRetention, mux: http.NewServeMux(), access: map[string]access{}, cop: http.NewCrossOriginProtection()}
	if s.maxBody == 0 {
		s.maxBody = 1 << 20
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, rt.handler)
		s.access[rt.pattern] = rt.access
	}
	s.uploads = s.uploadRoutes()
	s.handler = s.compress(s.recoverer(s.logRequests(s.resolveClient(s.secure(s.checkText(s.authenticate(s.guard(s.partnerGate(s.mux)))))))))
	s.ready, s.metrics = d.Ready, d.Metrics // operations (ops.go)
	if s.ready == nil {
		s.ready = s.ping
	}
	return s
}

// ServeHTTP serves a request through the middleware and the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// RequestIDHeader carries the id of a request in its response, so that an
// error page can show it and a log line can be found from it.
const RequestIDHeader = "X-Request-Id"

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// fail renders err as a page or a problem+json answer.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.api.Error(w, r, err)
		return
	}
	s.web.Error(w, r, err)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.ping(ctx); err != nil {
		s.log.Error("healthz: database unreachable", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database unreachable")
		return
	}
	fmt.Fprintln(w, "ok")
}

// recoverer turns a panic into a clean internal-error answer and a log line
// with the stack.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "request_id", w.Header().Get(RequestIDHeader), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.fail(w, r, bina.Wrap(fmt.Errorf("panic: %v", v), "handler"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (sw *statusWriter) WriteHeader(code int) {
	if sw.status == 0 {
		sw.status = code
	}
	sw.ResponseWriter.WriteHeader(code)
}

func (sw *statusWriter) Write(b []byte) (int, error) {
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	n, err := sw.ResponseWriter.Write(b)
	sw.bytes += n
	return n, err
}

func (sw *statusWriter) Unwrap() http.ResponseWriter { return sw.ResponseWriter }

// logRequests gives each request an id and logs one line for it. The query
// string is never logged: searches may carry a NIK or a name (UU 27/2022).
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set(RequestIDHeader, id)
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		// authenticate names the user here: the user it puts in the
		// request's context is not in this one.
		who := &requestUser{}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestUserKey{}, who)))
		took := time.Since(start)
		s.log.Info("request", "id", id, "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"bytes", sw.bytes, "ms", took.Milliseconds(), "user", who.id)
		s.observe(r.Method, who.route, sw.status, took) // metrics (ops.go)
	})
}

// requestUser is where authenticate leaves the id of a request's user
// for the request log, and guard the pattern of its route for the
// metrics.
type requestUser struct {
	id    int64
	route string
}

type requestUserKey struct{}

// noteUser tells the request log who made the request of ctx.
func noteUser(ctx context.Context, u *bina.User) {
	if who, ok := ctx.Value(requestUserKey{}).(*requestUser); ok && u != nil {
		who.id = u.ID
	}
}

// secure sets the security headers and limits request bodies.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
		if isHTTPS(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		limit := s.maxBody
		if _, pattern := s.mux.Handler(r); s.uploads[pattern].maxFile > 0 {
			up := s.uploads[pattern]
			limit = up.maxFile + uploadSlack
			rc := http.NewResponseController(w)
			_ = rc.SetReadDeadline(time.Now().Add(up.timeout))
			_ = rc.SetWriteDeadline(time.Now().Add(up.timeout + time.Minute))
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate puts the actor in the request context: a bearer token for
// machines, the session cookie for browsers. An unknown bearer token is an
// error; an unknown cookie just leaves the request anonymous.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				s.fail(w, r, bina.Errorf(bina.Unauthorized, "Header Authorization harus berbentuk 'Bearer <token>'", "The Authorization header must be 'Bearer <token>'"))
				return
			}
			u, err := s.users.FindToken(ctx, strings.TrimSpace(token))
			if err != nil {
				s.fail(w, r, err)
				return
			}
			noteUser(ctx, u)
			next.ServeHTTP(w, r.WithContext(bina.WithUser(ctx, u)))
			return
		}
		if c, err := r.Cookie(web.SessionCookie); err == nil && c.Value != "" {
			sess, err := s.users.FindSession(ctx, c.Value)
			if err == nil {
				ctx = bina.WithSession(ctx, sess)
				noteUser(ctx, &sess.User)
			} else if bina.ErrorCode(err) == bina.Unauthorized {
				http.SetCookie(w, &http.Cookie{Name: web.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
			} else {
				s.fail(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// CSRFField is the form field (or, for scripts, the X-CSRF-Token header)
// that carries the session's CSRF token on every unsafe request.
const CSRFField = "csrf"

// guard enforces the route table: unknown paths get a proper 404, guarded
// routes need an actor, and unsafe browser requests must come from this
// origin and carry the session's CSRF token.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := s.mux.Handler(r)
		if who, ok := r.Context().Value(requestUserKey{}).(*requestUser); ok {
			who.route = pattern
		}
		acc, ok := s.access[pattern]
		if !ok {
			if allow := s.allowed(r); allow != "" {
				w.Header().Set("Allow", allow)
				s.fail(w, r, httperr.MethodNotAllowed(bina.Errorf(bina.Invalid, "Alamat ini tidak menerima metode %s; yang diterima: %s.", "This address does not take the method %s; it takes: %s.", r.Method, allow)))
				return
			}
			s.fail(w, r, bina.Errorf(bina.NotFound, "Halaman tidak ditemukan.", "Page not found."))
			return
		}
		u := bina.UserFromContext(r.Context())
		if acc != public && u == nil {
			if isAPI(r) {
				s.fail(w, r, bina.Errorf(bina.Unauthorized, "Silakan masuk terlebih dahulu.", "Please sign in first."))
				return
			}
			next := r.URL.Path
			if r.Method == http.MethodGet && r.URL.RawQuery != "" {
				next += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, "/masuk?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		if unsafe(r.Method) && r.Header.Get("Authorization") == "" {
			if err := s.cop.Check(r); err != nil {
				s.fail(w, r, bina.Errorf(bina.Forbidden, "Permintaan lintas situs ditolak.", "Cross-origin request refused."))
				return
			}
			if sess := bina.SessionFromContext(r.Context()); sess != nil {
				token := r.Header.Get("X-CSRF-Token")
				if token == "" && !isAPI(r) {
					var err error
					if token, err = formToken(r); err != nil {
						s.fail(w, r, err)
						return
					}
				}
				if subtle.ConstantTimeCompare([]byte(token), []byte(sess.CSRF)) != 1 {
					s.fail(w, r, bina.Errorf(bina.Forbidden, "Formulir kedaluwarsa; muat ulang halaman lalu coba lagi.", "The form has expired; reload the page and try again."))
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// formToken reads the CSRF field of a posted form. A multipart form (a
// file upload) is parsed whole to find it, with at most multipartMemory of
// its files in memory; the handler then reads r.MultipartForm as parsed.
// A body over the route's limit is reported as such, not as a missing
// token.
func formToken(r *http.Request) (string, error) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
		var tooLarge *http.MaxBytesError
		if err := r.ParseMultipartForm(multipartMemory); errors.As(err, &tooLarge) {
			most := tooLarge.Limit
			if most > uploadSlack {
				most -= uploadSlack
			}
			return "", bina.Errorf(bina.Invalid, "Berkas terlalu besar; paling besar %d MB.", "The file is too large; at most %d MB.", max(1, most>>20))
		}
	}
	return r.PostFormValue(CSRFField), nil
}

func unsafe(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// auditSweep is how often Maintain deletes audit entries past their
// retention.
const auditSweep = 6 * time.Hour

// Maintain runs the server's periodic upkeep until ctx ends: it deletes
// the audit entries older than the retention period at once and then every
// few hours. The caller runs it beside the HTTP server and waits for it
// before closing the store.
func (s *Server) Maintain(ctx context.Context) {
	if s.audit == nil || s.keep <= 0 {
		return
	}
	t := time.NewTicker(auditSweep)
	defer t.Stop()
	for {
		n, err := s.audit.PurgeAudit(ctx, time.Now().Add(-s.keep))
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Error("purge audit", "err", err)
		case n > 0:
			s.log.Info("purge audit", "deleted", n, "retention_days", int(s.keep.Hours()/24))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
