package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"bina"
	"bina/internal/httperr"
)

// problemBase prefixes the type of every problem: a path on the
// deployment itself, where GET answers a page describing the kind
// (ProblemPage), so that the type is stable (it names no host: the same on
// every deployment and behind any proxy) and documented where it is used.
// RFC 9457 takes a URI reference, resolved against the answer's address.
const problemBase = "/problems/"

// A problem kind is the last segment of a problem type: the bina error codes
// (invalid, not_found, conflict, unauthorized, forbidden, internal) and the
// failures of the HTTP exchange itself, which have statuses of their own.
const (
	kindBadRequest           = "bad_request"            // 400: malformed JSON, unknown field or parameter
	kindPreconditionRequired = "precondition_required"  // 428: PUT without If-Match
	kindPreconditionFailed   = "precondition_failed"    // 412: stale If-Match, or the record changed meanwhile
	kindContentTooLarge      = "content_too_large"      // 413: body over the server's limit
	kindUnsupportedMediaType = "unsupported_media_type" // 415: body that is not application/json
	kindMethodNotAllowed     = "method_not_allowed"     // 405: the path takes other methods (Allow lists them)
)

// problemKinds lists every kind with its status, title, and its name and
// description in the OpenAPI document.
var problemKinds = []struct {
	kind      string
	status    int
	title     bina.Text
	component string
	doc       string
}{
	{kindBadRequest, http.StatusBadRequest, bina.Text{ID: "Permintaan tidak dapat dipahami", EN: "Bad request"},
		"BadRequest", "The request is malformed: JSON that does not parse (the detail gives the offset), data after the object, members of the wrong JSON type, or unknown members or query parameters (each named in errors)."},
	{string(bina.Unauthorized), http.StatusUnauthorized, bina.Text{ID: "Perlu masuk", EN: "Authentication required"},
		"Unauthorized", "No valid bearer token or session."},
	{string(bina.Forbidden), http.StatusForbidden, bina.Text{ID: "Tidak diizinkan", EN: "Forbidden"},
		"Forbidden", "The user may not do this (a viewer writing), or a browser request failed the cross-origin or CSRF check."},
	{kindMethodNotAllowed, http.StatusMethodNotAllowed, bina.Text{ID: "Metode tidak diizinkan", EN: "Method not allowed"},
		"MethodNotAllowed", "The path exists but does not take this method; the Allow header lists the ones it takes."},
	{string(bina.NotFound), http.StatusNotFound, bina.Text{ID: "Tidak ditemukan", EN: "Not found"},
		"NotFound", "No such record in the user's region, or no such region."},
	{string(bina.TooMany), http.StatusTooManyRequests, bina.Text{ID: "Terlalu banyak permintaan", EN: "Too many requests"},
		"TooManyRequests", "Too many requests of this kind at once (file exports are bounded per server) or too soon; Retry-After says when to try again."},
	{string(bina.Conflict), http.StatusConflict, bina.Text{ID: "Bertentangan dengan keadaan data", EN: "Conflict"},
		"Conflict", "The record is not in a state that allows this: archiving an archived record, restoring a live one."},
	{kindPreconditionFailed, http.StatusPreconditionFailed, bina.Text{ID: "Data sudah berubah", EN: "Precondition failed"},
		"PreconditionFailed", "If-Match does not name the record's current version: someone changed it since it was read. Fetch it again and re-apply the change."},
	{kindContentTooLarge, http.StatusRequestEntityTooLarge, bina.Text{ID: "Isi permintaan terlalu besar", EN: "Content too large"},
		"ContentTooLarge", "The body exceeds the server's limit (1 MiB by default)."},
	{kindUnsupportedMediaType, http.StatusUnsupportedMediaType, bina.Text{ID: "Jenis isi tidak didukung", EN: "Unsupported media type"},
		"UnsupportedMediaType", "The body is not application/json in UTF-8."},
	{string(bina.Invalid), http.StatusUnprocessableEntity, bina.Text{ID: "Data belum benar", EN: "Invalid data"},
		"UnprocessableContent", "The values break the register's rules; errors lists each field or query parameter with its message. Nothing was stored."},
	{kindPreconditionRequired, http.StatusPreconditionRequired, bina.Text{ID: "Perlu If-Match", EN: "Precondition required"},
		"PreconditionRequired", "A replacement needs If-Match with the ETag of the version it replaces."},
	{string(bina.Internal), http.StatusInternalServerError, bina.Text{ID: "Kesalahan server", EN: "Internal server error"},
		"InternalError", "Something went wrong on the server; the cause is in the log under request_id."},
}

// httpError is a failure of the HTTP exchange rather than of the domain:
// its status is not the one httperr.Status gives its code. It wraps a
// *bina.Error for the message, the field errors and the cause.
type httpError struct {
	kind   string
	status int
	err    *bina.Error
}

func (e *httpError) Error() string { return e.kind + ": " + e.err.Error() }
func (e *httpError) Unwrap() error { return e.err }

// newHTTPError returns an httpError of kind; err carries the message
// (code Invalid for the 4xx of malformed requests, Conflict for 412).
func newHTTPError(kind string, status int, err *bina.Error) error {
	return &httpError{kind: kind, status: status, err: err}
}

func badRequest(err *bina.Error) error {
	return newHTTPError(kindBadRequest, http.StatusBadRequest, err)
}

// problem is an RFC 9457 problem detail.
type problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail"`
	Instance  string         `json:"instance"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []fieldProblem `json:"errors,omitempty"`
}

// fieldProblem is a problem with one field of a body, or one query
// parameter.
type fieldProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error answers err as an RFC 9457 problem in the request's language. The
// status comes from the error's code (httperr.Status) except for the HTTP
// failures of this package. Internal errors are logged with the request id
// and shown only as a short apology.
func (h *Handler) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := bina.ErrorCode(err)
	if code == "" {
		code = bina.Internal // a nil error here is a bug; never answer 200
	}
	kind, status := string(code), httperr.Status(code)
	var he *httpError
	if errors.As(err, &he) {
		kind, status = he.kind, he.status
	} else if httperr.IsBadRequest(err) {
		kind, status = kindBadRequest, http.StatusBadRequest
	} else if httperr.IsMethodNotAllowed(err) {
		kind, status = kindMethodNotAllowed, http.StatusMethodNotAllowed
	}
	requestID := w.Header().Get("X-Request-Id")
	if status >= 500 {
		h.log.Error("api: internal error", "request_id", requestID, "method", r.Method, "path", r.URL.Path, "err", err)
	}
	l := lang(r)
	p := problem{
		Type:      problemBase + kind,
		Status:    status,
		Detail:    bina.ErrorText(err).In(l),
		Instance:  r.URL.Path,
		RequestID: requestID,
	}
	for _, k := range problemKinds {
		if k.kind == kind {
			p.Title = k.title.In(l)
		}
	}
	if p.Title == "" {
		p.Title = http.StatusText(status)
	}
	if code != bina.Internal {
		for _, f := range bina.ErrorFields(err) {
			p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Message: f.Message.In(l)})
		}
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(problemBody(p, err)); err != nil {
		// Strings and ints always encode; keep the status regardless.
		h.log.Error("api: encode problem", "request_id", requestID, "err", err)
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/problem+json")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Language", l)
	if status == http.StatusUnauthorized {
		hd.Set("WWW-Authenticate", `Bearer realm="bina"`)
	}
	httperr.SetRetryAfter(hd, err)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
