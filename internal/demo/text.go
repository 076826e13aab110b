package demo

// text collects the strings of one record in one buffer and hands them out
// as parts of a single string when the record is done: the record's text
// then costs one allocation, and the garbage collector one object to mark
// instead of eight. Synthetic's speed depends on it.
type text struct {
	buf  []byte
	refs []textRef
}

// textRef says that *dst is buf[from:to].
type textRef struct {
	dst      *string
	from, to int
}

// mark returns the current end of the buffer: the start of what comes next.
func (t *text) mark() int { return len(t.buf) }

// assign makes *dst the text appended since from.
func (t *text) assign(dst *string, from int) {
	t.refs = append(t.refs, textRef{dst, from, len(t.buf)})
}

// assignSpan makes *dst the text buf[from:to].
func (t *text) assignSpan(dst *string, from, to int) {
	t.refs = append(t.refs, textRef{dst, from, to})
}

// flush sets every assigned string and empties the buffer.
func (t *text) flush() {
	s := string(t.buf)
	for _, x := range t.refs {
		*x.dst = s[x.from:x.to]
	}
	t.buf, t.refs = t.buf[:0], t.refs[:0]
}
