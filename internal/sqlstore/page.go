package sqlstore

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"bina"
)

// Lists page by keyset: a page starts after (or, going back, ends before)
// the sort key and id of an item, so a deep page costs what the first one
// does, and rows added meanwhile do not shift pages. The cursor is opaque to
// callers: base64url of JSON holding the sort, the key, the id and the
// direction.

// cursor is a position in a sorted list.
type cursor struct {
	Sort string     `json:"s"`
	Text string     `json:"k,omitempty"` // the leading text key: sort_name for name sorts, else the column's value
	Name string     `json:"m,omitempty"` // sort_name, where it follows another key
	Num  *int64     `json:"n,omitempty"` // the leading number key (size class, RAT year)
	Time *time.Time `json:"t,omitempty"` // updated_at for the updated sorts
	Rank int        `json:"r,omitempty"` // the item's rank in a ranked search (rankPatterns)
	ID   int64      `json:"i"`
	Back bool       `json:"b,omitempty"` // the page ends before this item
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func errBadCursor() error {
	return invalidField("cursor", "Posisi halaman tidak dikenali; mulai lagi dari halaman pertama", "Page position not understood; start again from the first page")
}

// decodeCursor reads a cursor made for sort.
func decodeCursor(s, sort string) (*cursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, errBadCursor()
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.Sort != sort || c.ID <= 0 || c.Rank < 0 || c.Rank > 1 {
		return nil, errBadCursor()
	}
	spec, _ := sortSpecOf(sort)
	if spec.column != "" && (spec.kind == keyTime && c.Time == nil || spec.kind == keyNum && c.Num == nil) {
		return nil, errBadCursor()
	}
	return &c, nil
}

// keyKind is the type of a sort's leading column.
type keyKind int

const (
	keyText keyKind = iota
	keyNum
	keyTime
)

// sortSpec is how one sort code orders a table: by column, then (when
// name is set) by sort_name, then by id, all in one direction, so that one
// index serves the order and its reverse and a cursor is one row value.
type sortSpec struct {
	column string // "" when the id alone orders
	kind   keyKind
	name   bool // sort_name follows column
	desc   bool
}

// sortSpecs are the sort codes the lists offer, by their ascending code;
// "-" before a code reverses it. bina.EnterpriseSorts and
// bina.CooperativeSorts name which of them each list takes; each has its
// list index (migrations 0001 and 0029).
var sortSpecs = map[string]sortSpec{
	"name":    {column: "sort_name"},
	"region":  {column: "village_code", name: true},
	"size":    {column: "size_rank", kind: keyNum, name: true},
	"updated": {column: "updated_at", kind: keyTime},
	"id":      {},
	"jenis":   {column: "jenis", name: true},
	"rat":     {column: "last_rat_year", kind: keyNum, name: true},
}

// sortSpecOf returns the spec of a sort code.
func sortSpecOf(sort string) (sortSpec, bool) {
	base, desc := strings.CutPrefix(sort, "-")
	spec, ok := sortSpecs[base]
	spec.desc = desc
	return spec, ok
}

// keyset builds the ORDER BY and the cursor condition for a page of table
// alias a. back reports whether rows come in reverse order (going back),
// to be reversed after reading.
func keyset(p *params, a string, sort string, spec sortSpec, c *cursor) (cond, order string, back bool) {
	return keysetOn(p, a+".", a+".id", spec, c)
}

// keysetOn is keyset on the columns named prefix+spec.column (and
// prefix+"sort_name") and id, for tables whose id column is named
// otherwise (the word table's enterprise_id). The cursor condition is a
// row value, which both engines seek in an index of those columns.
func keysetOn(p *params, prefix, id string, spec sortSpec, c *cursor) (cond, order string, back bool) {
	back = c != nil && c.Back
	desc := spec.desc != back // the direction rows are read in
	dir, op := " ASC", " > "
	if desc {
		dir, op = " DESC", " < "
	}
	var cols []string
	var vals []any
	if spec.column != "" {
		cols = append(cols, prefix+spec.column)
		if c != nil {
			vals = append(vals, spec.lead(c))
		}
		if spec.name {
			cols = append(cols, prefix+"sort_name")
			if c != nil {
				vals = append(vals, c.Name)
			}
		}
	}
	cols = append(cols, id)
	order = strings.Join(cols, dir+", ") + dir
	if c == nil {
		return "", order, back
	}
	vals = append(vals, c.ID)
	if len(cols) == 1 {
		return id + op + p.add(c.ID), order, back
	}
	phs := make([]string, len(vals))
	for i, v := range vals {
		phs[i] = p.add(v)
	}
	return "(" + strings.Join(cols, ", ") + ")" + op + "(" + strings.Join(phs, ", ") + ")", order, back
}

// rankedKeysetOn is keysetOn for a ranked search: the rank (a column of 0
// or 1, ascending in either direction of the sort) comes before the
// sort's keys.
func rankedKeysetOn(p *params, rank, prefix, id string, spec sortSpec, c *cursor) (cond, order string, back bool) {
	kcond, order, back := keysetOn(p, prefix, id, spec, c)
	dir := " ASC"
	if back {
		dir = " DESC"
	}
	order = rank + dir + ", " + order
	if c == nil {
		return "", order, back
	}
	here := "(" + rank + " = " + strconv.Itoa(c.Rank) + " AND " + kcond + ")"
	if c.Rank == 0 && !back || c.Rank == 1 && back {
		// The other rank lies wholly on the side read.
		return "(" + rank + " = " + strconv.Itoa(1-c.Rank) + " OR " + here + ")", order, back
	}
	return here, order, back
}

// lead returns the cursor's value of the leading column.
func (spec sortSpec) lead(c *cursor) any {
	switch spec.kind {
	case keyTime:
		return c.Time.UTC()
	case keyNum:
		return *c.Num
	}
	return c.Text
}

// pageLimit returns the page size of a filter: 25 by default, at most 200.
func pageLimit(n int) int {
	switch {
	case n <= 0:
		return 25
	case n > 200:
		return 200
	}
	return n
}

// keyOf is what a cursor needs of an item: its sort name, update time
// and id, and the value of the sort's leading column when it is another
// (code for a text, num for a number).
type keyOf struct {
	sortName string
	updated  time.Time
	id       int64
	code     string
	num      int64
	rank     int // in a ranked search
}

func (k keyOf) cursor(sort string, back bool) string {
	return k.pos(sort, back).encode()
}

// pos returns the cursor of the item k in the order sort.
func (k keyOf) pos(sort string, back bool) cursor {
	c := cursor{Sort: sort, ID: k.id, Back: back, Rank: k.rank}
	spec, _ := sortSpecOf(sort)
	switch {
	case spec.column == "sort_name":
		c.Text = k.sortName
	case spec.column == "":
	case spec.kind == keyTime:
		t := k.updated.UTC()
		c.Time = &t
	case spec.kind == keyNum:
		c.Num = &k.num
	default:
		c.Text = k.code
	}
	if spec.name {
		c.Name = k.sortName
	}
	return c
}

// finishPage trims the extra row read to learn whether more follow, puts
// rows read backwards in display order and sets the cursors. keys holds
// the sort keys of items, in the same order.
func finishPage[T any](page *bina.Page[T], keys []keyOf, limit int, sort string, c *cursor, back bool) {
	more := len(page.Items) > limit
	if more {
		page.Items = page.Items[:limit]
		keys = keys[:limit]
	}
	if back {
		for i, j := 0, len(page.Items)-1; i < j; i, j = i+1, j-1 {
			page.Items[i], page.Items[j] = page.Items[j], page.Items[i]
			keys[i], keys[j] = keys[j], keys[i]
		}
	}
	if len(page.Items) == 0 {
		// Past either end: offer the way back to where the cursor was.
		if c != nil {
			back := *c
			back.Back = !c.Back
			if c.Back {
				page.Next = back.encode()
			} else {
				page.Prev = back.encode()
			}
		}
		return
	}
	first, last := keys[0], keys[len(keys)-1]
	switch {
	case c == nil:
		if more {
			page.Next = last.cursor(sort, false)
		}
	case back:
		page.Next = last.cursor(sort, false)
		if more {
			page.Prev = first.cursor(sort, true)
		}
	default:
		page.Prev = first.cursor(sort, true)
		if more {
			page.Next = last.cursor(sort, false)
		}
	}
}
