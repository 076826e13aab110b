package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"bina"
)

// etag is the strong entity tag of a record: its version in quotes. The
// version rises with every change of the record, so two representations
// with one tag hold the same data (personal data is masked for some roles,
// but those roles cannot write, and answers are never cached).
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// noneMatch reports whether a GET's If-None-Match names tag (or is "*"):
// the client holds this version, and the answer is 304 without a body.
// If-None-Match compares weakly (RFC 9110 13.1.2), so W/"3" names "3".
func noneMatch(r *http.Request, tag string) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	for _, v := range r.Header.Values("If-None-Match") {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == "*" || t == tag {
				return true
			}
		}
	}
	return false
}

// precondition is a parsed If-Match header.
type precondition struct {
	star     bool  // "*": whatever version is current
	versions []int // the strong tags that name a version
}

// ifMatch parses If-Match. Without it the answer is 428: a full
// replacement must say which version it replaces. Weak tags never match
// (If-Match compares strongly) and tags that name no version are dropped.
func ifMatch(r *http.Request) (precondition, error) {
	values := r.Header.Values("If-Match")
	if len(values) == 0 {
		return precondition{}, newHTTPError(kindPreconditionRequired, http.StatusPreconditionRequired,
			bina.Errorf(bina.Invalid, "Kirim header If-Match berisi ETag data yang Anda ubah (dari GET).", "Send an If-Match header with the ETag of the record you are changing (from GET)."))
	}
	var p precondition
	for _, v := range values {
		for _, tag := range strings.Split(v, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" {
				p.star = true
				continue
			}
			s, ok := strings.CutPrefix(tag, `"`)
			if !ok {
				continue
			}
			s, ok = strings.CutSuffix(s, `"`)
			if n, err := strconv.Atoi(s); ok && err == nil && n > 0 {
				p.versions = append(p.versions, n)
			}
		}
	}
	return p, nil
}

// version returns the version the store's optimistic check must use. One
// tag names it; "*" or a list needs the current version, which current
// reads.
func (p precondition) version(current func() (int, error)) (int, error) {
	if !p.star && len(p.versions) == 1 {
		return p.versions[0], nil
	}
	if !p.star && len(p.versions) == 0 {
		return 0, errPreconditionFailed(nil)
	}
	cur, err := current()
	if err != nil {
		return 0, err
	}
	if p.star || slices.Contains(p.versions, cur) {
		return cur, nil
	}
	return 0, errPreconditionFailed(nil)
}

func errPreconditionFailed(cause error) error {
	e := bina.Errorf(bina.Conflict,
		"Data sudah diubah sejak Anda membacanya: ETag di If-Match bukan versi terkini. Ambil data lagi (GET), terapkan ulang perubahan Anda, lalu kirim dengan ETag yang baru.",
		"The record has changed since you read it: the If-Match ETag is not its current version. Fetch it again (GET), re-apply your change and send it with the new ETag.")
	e.Err = cause
	return newHTTPError(kindPreconditionFailed, http.StatusPreconditionFailed, e)
}

// conflictOnUpdate explains the store's Conflict on an update. The store
// answers Conflict both when the stored version is not the one If-Match
// named (412) and when the record is in a state that allows no change, such
// as archived (409): the current version tells the two apart.
func conflictOnUpdate(err error, sent int, current func() (int, error)) error {
	if bina.ErrorCode(err) != bina.Conflict {
		return err
	}
	if cur, ferr := current(); ferr == nil && cur == sent {
		return err
	}
	return errPreconditionFailed(err)
}
