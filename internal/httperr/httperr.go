// Package httperr maps Bina's error codes to HTTP statuses. The domain
// package keeps its codes free of HTTP; the pages and the API both answer
// with the status this package gives.
package httperr

import (
	"errors"
	"net/http"
	"strconv"

	"bina"
)

// Status maps an error code to its HTTP status: the one map that pages and
// the API share.
func Status(code bina.Code) int {
	switch code {
	case bina.Invalid:
		return http.StatusUnprocessableEntity
	case bina.NotFound:
		return http.StatusNotFound
	case bina.Conflict:
		return http.StatusConflict
	case bina.Unauthorized:
		return http.StatusUnauthorized
	case bina.Forbidden:
		return http.StatusForbidden
	case bina.TooMany:
		return http.StatusTooManyRequests
	case "":
		return http.StatusOK
	}
	return http.StatusInternalServerError
}

// badRequest marks a request the server cannot read at all (a NUL byte,
// broken UTF-8): 400, not the 422 of values that break a rule.
type badRequest struct{ err error }

func (e *badRequest) Error() string { return e.err.Error() }
func (e *badRequest) Unwrap() error { return e.err }

// BadRequest marks err as an answer to a malformed request: status 400
// whatever its code.
func BadRequest(err error) error { return &badRequest{err} }

// IsBadRequest reports whether err was marked by BadRequest.
func IsBadRequest(err error) bool {
	var b *badRequest
	return errors.As(err, &b)
}

// SetRetryAfter sets the Retry-After header, in whole seconds rounded up,
// when err says how long to wait.
func SetRetryAfter(h http.Header, err error) {
	var e *bina.Error
	if errors.As(err, &e) && e.RetryAfter > 0 {
		h.Set("Retry-After", strconv.FormatInt(int64((e.RetryAfter+999_999_999)/1_000_000_000), 10))
	}
}

// methodNotAllowed marks an answer to a method the path does not take.
type methodNotAllowed struct{ err error }

func (e *methodNotAllowed) Error() string { return e.err.Error() }
func (e *methodNotAllowed) Unwrap() error { return e.err }

// MethodNotAllowed marks err as an answer to a request whose path exists
// but not with its method: status 405 whatever its code (the caller sets
// the Allow header).
func MethodNotAllowed(err error) error { return &methodNotAllowed{err} }

// IsMethodNotAllowed reports whether err was marked by MethodNotAllowed.
func IsMethodNotAllowed(err error) bool {
	var m *methodNotAllowed
	return errors.As(err, &m)
}
