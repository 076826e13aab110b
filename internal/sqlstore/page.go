package sqlstore

import (
	"encoding/base64"
	"encoding/json"
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
	Text string     `json:"k,omitempty"` // sort_name for name sorts
	Time *time.Time `json:"t,omitempty"` // updated_at for -updated
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
	if err := json.Unmarshal(b, &c); err != nil || c.Sort != sort || c.ID <= 0 {
		return nil, errBadCursor()
	}
	if sort == "-updated" && c.Time == nil {
		return nil, errBadCursor()
	}
	return &c, nil
}

// sortSpec is how one sort code orders a table.
type sortSpec struct {
	column string // "" when the id alone orders
	desc   bool
	time   bool // the column is a timestamp
}

// sortSpecOf returns the spec of a sort code that both lists offer
// (bina.EnterpriseSorts and bina.CooperativeSorts list the same codes).
func sortSpecOf(sort string) (sortSpec, bool) {
	switch sort {
	case "name":
		return sortSpec{column: "sort_name"}, true
	case "-name":
		return sortSpec{column: "sort_name", desc: true}, true
	case "-updated":
		return sortSpec{column: "updated_at", desc: true, time: true}, true
	case "-id":
		return sortSpec{desc: true}, true
	}
	return sortSpec{}, false
}

// keyset builds the ORDER BY and the cursor condition for a page of table
// alias a. back reports whether rows come in reverse order (going back),
// to be reversed after reading.
func keyset(p *params, a string, sort string, spec sortSpec, c *cursor) (cond, order string, back bool) {
	return keysetOn(p, a+".", a+".id", spec, c)
}

// keysetOn is keyset on the columns named prefix+spec.column and id, for
// tables whose id column is named otherwise (the word table's
// enterprise_id).
func keysetOn(p *params, prefix, id string, spec sortSpec, c *cursor) (cond, order string, back bool) {
	back = c != nil && c.Back
	desc := spec.desc != back // the direction rows are read in
	dir, op := " ASC", " > "
	if desc {
		dir, op = " DESC", " < "
	}
	if spec.column == "" {
		order = id + dir
		if c != nil {
			cond = id + op + p.add(c.ID)
		}
		return cond, order, back
	}
	col := prefix + spec.column
	order = col + dir + ", " + id + dir
	if c != nil {
		var key any = c.Text
		if spec.time {
			key = c.Time.UTC()
		}
		cond = "(" + col + ", " + id + ")" + op + "(" + p.add(key) + ", " + p.add(c.ID) + ")"
	}
	return cond, order, back
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

// keyOf is what a cursor needs of an item.
type keyOf struct {
	sortName string
	updated  time.Time
	id       int64
}

func (k keyOf) cursor(sort string, back bool) string {
	c := cursor{Sort: sort, ID: k.id, Back: back}
	spec, _ := sortSpecOf(sort)
	switch spec.column {
	case "sort_name":
		c.Text = k.sortName
	case "updated_at":
		t := k.updated.UTC()
		c.Time = &t
	}
	return c.encode()
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
