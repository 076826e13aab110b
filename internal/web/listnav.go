package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// One navigation for every list page (issue 14): where the page lies in
// the list ("26–50 dari 7.926"), the pages before and after, a choice of
// page size and sortable column headers, all as links that keep the
// list's filters in the address, so that any page of any list can be
// bookmarked and shared. Keyset lists (the registers, programmes,
// certificates) carry the position of their first row in the address next
// to the cursor, since a cursor knows where it is in the order but not how
// many rows lie before it; offset lists (imports, review, audit) count it.

// pageSizes are the page sizes a list offers; the address may ask for any
// size from 1 to the last, and a larger one is cut to it.
var pageSizes = []int{25, 50, 100}

const (
	defaultPageSize = 25
	// limitParam and posParam are the page size and the position of the
	// first row in a list's address (limit is the API's name too).
	limitParam = "limit"
	posParam   = "pos"
)

// pageSize reads the page size of q: the default when missing or not a
// number, at most the largest of pageSizes. A page size of a million
// shows a hundred rows; it is never an error, since an address shared
// between versions should still open.
func pageSize(q url.Values) int {
	n, err := strconv.Atoi(q.Get(limitParam))
	switch {
	case err != nil || n < 1:
		return defaultPageSize
	case n > pageSizes[len(pageSizes)-1]:
		return pageSizes[len(pageSizes)-1]
	}
	return n
}

// listQuery is the address of a list: its path, the request's query and
// the parameters that make up its filter and order.
type listQuery struct {
	path string
	q    url.Values
	keep []string
}

func newListQuery(r *http.Request, path string, q url.Values, keep ...string) listQuery {
	if q == nil {
		q = r.URL.Query()
	}
	return listQuery{path: path, q: q, keep: keep}
}

// wholeQuery is newListQuery keeping every parameter of the request but
// the page's own: the cursor and position, the page number and size.
func wholeQuery(r *http.Request, path, cursor string) listQuery {
	q := r.URL.Query()
	var keep []string
	for k := range q {
		if k != cursor && k != posParam && k != limitParam && k != "hal" {
			keep = append(keep, k)
		}
	}
	slices.Sort(keep)
	return listQuery{path: path, q: q, keep: keep}
}

// url returns the list's address with its filter, its page size when not
// the default, and the pairs of set (names and values; "" drops one).
func (lq listQuery) url(set ...string) string {
	v := url.Values{}
	for _, k := range lq.keep {
		if x := lq.q.Get(k); x != "" {
			v[k] = lq.q[k] // every value: some filters repeat (sizes)
		}
	}
	if n := pageSize(lq.q); n != defaultPageSize {
		v.Set(limitParam, strconv.Itoa(n))
	}
	for i := 0; i+1 < len(set); i += 2 {
		if set[i+1] == "" {
			v.Del(set[i])
		} else {
			v.Set(set[i], set[i+1])
		}
	}
	if len(v) == 0 {
		return lq.path
	}
	return lq.path + "?" + v.Encode()
}

// listNav is what the "list-nav" and "pager" templates show.
type listNav struct {
	From, To int // 1-based positions of the first and last row; 0 when none
	Total    int // -1 when the list does not count its rows
	Capped   bool
	PrevURL  string
	NextURL  string
	FirstURL string // a forward-only list's way back to its start
	Size     int
	Sizes    []sizeLink
}

// sizeLink is one choice of page size.
type sizeLink struct {
	N       int
	URL     string
	Current bool
}

func (lq listQuery) nav(from, n, total int, capped bool) listNav {
	nav := listNav{Total: total, Capped: capped, Size: pageSize(lq.q)}
	if n > 0 {
		nav.From, nav.To = from+1, from+n
	}
	for _, s := range pageSizes {
		// A new size starts again at the first page: the position of a
		// cursor page does not carry over.
		nav.Sizes = append(nav.Sizes, sizeLink{N: s, URL: lq.withSize(s), Current: s == nav.Size})
	}
	return nav
}

func (lq listQuery) withSize(n int) string {
	c := lq
	c.q = url.Values{}
	for k, vs := range lq.q {
		c.q[k] = vs
	}
	c.q.Set(limitParam, strconv.Itoa(n))
	return c.url()
}

// keysetNav is the navigation of a page read by cursor: cursor names the
// cursor's parameter, n is the number of rows shown, prev and next the
// page's cursors. The position comes from the address, checked against
// what the page knows: a page without a page before it starts the list,
// and no position passes the total.
func (lq listQuery) keysetNav(cursor string, n, total int, capped bool, prev, next string) listNav {
	nav := lq.cursorNav(cursor, n, total, capped, prev == "", next)
	if prev != "" {
		nav.PrevURL = lq.url(cursor, prev, posParam, strconv.Itoa(max(nav.From-1-nav.Size, 0)))
	}
	return nav
}

// forwardNav is keysetNav for a list whose cursors go forward only (the
// certificates that expire): instead of the page before, a page past the
// first offers the first.
func (lq listQuery) forwardNav(cursor string, n, total int, next string) listNav {
	first := lq.q.Get(cursor) == ""
	nav := lq.cursorNav(cursor, n, total, false, first, next)
	if !first {
		nav.FirstURL = lq.url()
	}
	return nav
}

func (lq listQuery) cursorNav(cursor string, n, total int, capped, first bool, next string) listNav {
	pos, _ := strconv.Atoi(lq.q.Get(posParam))
	if lq.q.Get(cursor) == "" || first || pos < 0 {
		pos = 0
	}
	if !capped && pos+n > total {
		pos = max(total-n, 0)
	}
	nav := lq.nav(pos, n, total, capped)
	if next != "" {
		nav.NextURL = lq.url(cursor, next, posParam, strconv.Itoa(pos+n))
	}
	return nav
}

// offsetPage reads the page number of an offset list ("hal", from 1) and
// returns it with the offset of its first row.
func offsetPage(q url.Values) (page, offset int) {
	page, _ = strconv.Atoi(q.Get("hal"))
	page = min(max(page, 1), 1_000_000)
	return page, (page - 1) * pageSize(q)
}

// offsetNav is the navigation of page number page of an offset list; total
// is -1 when the list is not counted, and more then says whether rows
// follow.
func (lq listQuery) offsetNav(page, n, total int, more bool) listNav {
	size := pageSize(lq.q)
	nav := lq.nav((page-1)*size, n, total, false)
	if page > 1 {
		nav.PrevURL = lq.url("hal", strconv.Itoa(page-1))
	}
	if total >= 0 {
		more = (page-1)*size+n < total
	}
	if more {
		nav.NextURL = lq.url("hal", strconv.Itoa(page+1))
	}
	return nav
}

// sortHeader is a column header that sorts the list: a link to the list in
// the column's order (or its reverse, when it is the current one) and the
// aria-sort of the column.
type sortHeader struct {
	URL  string
	Aria string // "ascending", "descending" or "" when the list is in another order
}

// sortBy returns the header of a column whose ascending and descending
// sort codes are asc and desc; current is the list's sort ("" is def).
func (lq listQuery) sortBy(param, current, def, asc, desc string) sortHeader {
	if current == "" {
		current = def
	}
	h := sortHeader{URL: lq.url(param, asc, "cursor", "", posParam, "", "hal", "")}
	switch current {
	case asc:
		h.Aria = "ascending"
		h.URL = lq.url(param, desc, "cursor", "", posParam, "", "hal", "")
	case desc:
		h.Aria = "descending"
	}
	return h
}

// colHeaders are the headers of a list's sortable columns, by the
// ascending sort code of each (its reverse is the code with "-").
type colHeaders map[string]sortHeader

// sortHeaders returns the headers of the columns sorted by ascs.
func (lq listQuery) sortHeaders(param, current, def string, ascs ...string) colHeaders {
	hs := make(colHeaders, len(ascs))
	for _, asc := range ascs {
		hs[asc] = lq.sortBy(param, current, def, asc, "-"+asc)
	}
	return hs
}
