package sqlstore

import (
	"bina/imports"
	"bytes"
	"cmp"
	"context"
	"database/sql/driver"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"bina"
)

// preparedRow is what PrepareImportChunk computes of a row's record: the
// derived columns and the search document (and on PostgreSQL the search
// column's text) that createEnterprises writes if the row creates it.
type preparedRow struct {
	e *bina.Enterprise // the record they are of
	derived
	search searchDoc
	vector string
}

// PrepareImportChunk computes the derived columns and search documents of
// the records the rows of c may create, on the caller's goroutine, so
// that the work runs while the previous chunk is written (the importer
// calls it when its store has it: it is not part of imports.Store).
// WriteImportChunk of c takes them; the rows must not change meanwhile.
func (s *Store) PrepareImportChunk(c *imports.Chunk) {
	ps := make(map[*bina.Enterprise]*preparedRow, len(c.Rows))
	for i := range c.Rows {
		if r := &c.Rows[i]; r.Outcome != imports.OutcomeRejected && r.Enterprise != nil {
			ps[r.Enterprise] = s.prepare(r.Enterprise)
		}
	}
	p := &s.imports.prepared
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byChunk == nil {
		p.byChunk = map[*imports.Chunk]map[*bina.Enterprise]*preparedRow{}
	}
	if len(p.order) == preparedChunksMax {
		delete(p.byChunk, p.order[0])
		p.order = p.order[1:]
	}
	p.order = append(p.order, c)
	p.byChunk[c] = ps
}

// preparedChunks keeps what PrepareImportChunk computed of the chunks not
// yet written. A run prepares one chunk while it writes another; the
// oldest is dropped past preparedChunksMax, so that what a stopped run
// prepared and never wrote does not stay.
type preparedChunks struct {
	mu      sync.Mutex
	order   []*imports.Chunk
	byChunk map[*imports.Chunk]map[*bina.Enterprise]*preparedRow
}

const preparedChunksMax = 8

// takePrepared returns and forgets what PrepareImportChunk computed of c
// (nil if nothing).
func (s *Store) takePrepared(c *imports.Chunk) map[*bina.Enterprise]*preparedRow {
	p := &s.imports.prepared
	p.mu.Lock()
	defer p.mu.Unlock()
	ps, ok := p.byChunk[c]
	if ok {
		delete(p.byChunk, c)
		p.order = slices.DeleteFunc(p.order, func(x *imports.Chunk) bool { return x == c })
	}
	return ps
}

// prepared returns what PrepareImportChunk computed of r's record, or
// computes it now.
func (w *chunkWriter) prepared(r *imports.Row) *preparedRow {
	if p := w.preps[r.Enterprise]; p != nil && p.e == r.Enterprise {
		return p
	}
	p := w.s.prepare(r.Enterprise)
	if w.preps == nil {
		w.preps = map[*bina.Enterprise]*preparedRow{}
	}
	w.preps[r.Enterprise] = p
	return p
}

// prepare computes what createEnterprises writes of e as a new record,
// which is live whatever e says.
func (s *Store) prepare(e *bina.Enterprise) *preparedRow {
	live := e
	if e.ArchivedAt != nil {
		x := *e
		x.ArchivedAt = nil
		live = &x
	}
	p := &preparedRow{e: e, derived: s.derive(live)}
	p.search = enterpriseSearchOf(live, p.in)
	if s.d.searchColumn {
		p.vector = tsVector(p.search.words, p.search.facets)
	}
	return p
}

// reserveIDs returns n new ids of table: from the sequence on PostgreSQL
// (other writers go on meanwhile; gaps are harmless), from the current
// maximum on SQLite, whose one writer is this transaction.
func (w *chunkWriter) reserveIDs(ctx context.Context, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	if w.s.d.sequences {
		// One row of text back, not n rows. The sequence is named in the
		// text: looked up in each row (pg_get_serial_sequence), it cost
		// ten times the nextval.
		seq, ok := w.it.seqs[table]
		if !ok {
			if err := w.tx.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, 'id')`, table).Scan(&seq); err != nil {
				return nil, bina.Wrap(err, "reserve ids")
			}
			if w.it.seqs == nil {
				w.it.seqs = map[string]string{}
			}
			w.it.seqs[table] = seq
		}
		var list string
		err := w.tx.QueryRowContext(ctx, `SELECT array_to_string(array_agg(nextval(CAST('`+strings.ReplaceAll(seq, "'", "''")+`' AS regclass))), ',') FROM generate_series(1, $1)`, n).Scan(&list)
		if err != nil {
			return nil, bina.Wrap(err, "reserve ids")
		}
		for _, f := range strings.Split(list, ",") {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return nil, bina.Wrap(err, "reserve ids")
			}
			ids = append(ids, id)
		}
		if len(ids) != n {
			return nil, fmt.Errorf("reserve ids: %d of %d", len(ids), n)
		}
		return ids, nil
	}
	first, err := nextID(ctx, w.tx, table)
	if err != nil {
		return nil, err
	}
	for i := range n {
		ids = append(ids, first+int64(i))
	}
	return ids, nil
}

func (w *chunkWriter) createEnterprises(ctx context.Context, rows []imports.Row, creates []int) error {
	if len(creates) == 0 {
		return nil
	}
	{
		// Records go in in the order of the indexes by desa and name, so
		// that consecutive rows land on the same index pages (a fifth
		// faster on SQLite than the order of the file).
		// The sort names are computed once, not in each comparison.
		names := make([]string, len(rows))
		for _, i := range creates {
			names[i] = w.prepared(&rows[i]).sortName
		}
		creates = slices.Clone(creates)
		slices.SortFunc(creates, func(a, b int) int {
			ea, eb := rows[a].Enterprise, rows[b].Enterprise
			return cmp.Or(strings.Compare(string(ea.VillageCode), string(eb.VillageCode)), strings.Compare(names[a], names[b]))
		})
	}
	pids, err := w.reserveIDs(ctx, "persons", len(creates))
	if err != nil {
		return err
	}
	eids, err := w.reserveIDs(ctx, "enterprises", len(creates))
	if err != nil {
		return err
	}
	ents := make([]*bina.Enterprise, len(creates))
	preps := make([]*preparedRow, len(creates))
	for n, i := range creates {
		r := &rows[i]
		preps[n] = w.prepared(r)
		e := r.Enterprise
		e.ID, e.Owner.ID = eids[n], pids[n]
		e.CreatedAt, e.UpdatedAt, e.Version, e.ArchivedAt, e.ArchiveReason = w.now, w.now, 1, nil, ""
		r.RecordID = e.ID
		ents[n] = e
		w.keys = append(w.keys, keyRow{key: r.Key, recordID: e.ID, hash: r.Hash})
	}
	err = w.insertWithIDs(ctx, "persons", personColumns, pids, func(i int, dst []any) []any {
		return append(dst, personValues(&ents[i].Owner, w.now)...)
	})
	if err != nil {
		return err
	}
	cols := enterpriseColumns
	if w.s.d.searchColumn {
		cols = append(slices.Clip(cols), "search")
	}
	err = w.insertWithIDs(ctx, "enterprises", cols, eids, func(i int, dst []any) []any {
		e := ents[i]
		dst = append(dst, enterpriseValuesOf(e, e.Owner.ID, preps[i].derived)...)
		if w.s.d.searchColumn {
			dst = append(dst, preps[i].vector)
		}
		return dst
	})
	if err != nil {
		return err
	}
	var counts countTally
	if w.bulk {
		if w.it.counts == nil {
			w.it.counts = countTally{}
		}
		counts = w.it.counts
	}
	docs := make([]searchDoc, len(preps))
	for i, p := range preps {
		docs[i] = p.search
	}
	return w.s.insertEnterpriseRest(ctx, w.tx, w.inserter(), ents, docs, w.who, counts)
}

// insertWithIDs writes rows of table (persons or enterprises) with the ids
// given out by reserveIDs. On SQLite the ids are not written but assigned
// by SQLite itself, which takes the largest rowid plus one for each row in
// order: the same ids, since this transaction is the only writer. (An
// explicit INTEGER PRIMARY KEY makes SQLite keep a statement journal of
// every page the statement changes, in case the value is not an integer;
// that journal doubled the cost of a chunk.) The ids are checked
// afterwards.
func (w *chunkWriter) insertWithIDs(ctx context.Context, table string, cols []string, ids []int64, row func(i int, dst []any) []any) error {
	if w.s.d.sequences {
		return w.inserter()(ctx, table, append([]string{"id"}, cols...), len(ids), func(i int, dst []any) []any {
			return row(i, append(dst, ids[i]))
		})
	}
	if err := w.inserter()(ctx, table, cols, len(ids), row); err != nil {
		return err
	}
	var last int64
	if err := w.tx.QueryRowContext(ctx, `SELECT max(id) FROM `+table).Scan(&last); err != nil {
		return bina.Wrap(err, "check ids of "+table)
	}
	if last != ids[len(ids)-1] {
		return fmt.Errorf("import: %s got ids up to %d, expected %d", table, last, ids[len(ids)-1])
	}
	return nil
}

// inserter returns the bulk writer of the engine: COPY on PostgreSQL,
// multi-row INSERTs on SQLite.
func (w *chunkWriter) inserter() rowInserter {
	if w.s.d.copyIn {
		return w.copyRows
	}
	return w.insertRows
}

// insertRows writes n rows with multi-row INSERT OR ROLLBACK statements
// (SQLite), prepared once per transaction. OR ROLLBACK: a failing row
// fails the whole chunk anyway, and where a constraint could stop a
// statement of many rows half way (ABORT, the default), SQLite keeps a
// statement journal of every page the statement changes so as to undo it
// alone. The full-text table takes as many rows per statement as the
// parameter limit allows: FTS5 writes its pending terms out as a new
// segment at the start of each statement.
func (w *chunkWriter) insertRows(ctx context.Context, table string, cols []string, n int, row func(i int, dst []any) []any) error {
	if n == 0 {
		return nil
	}
	per := max(1, min(maxParams/len(cols), 1000))
	if table == "enterprise_search" {
		per = max(1, maxParams/len(cols))
	}
	args := make([]any, 0, min(per, n)*len(cols))
	for start := 0; start < n; {
		// The rest of a chunk goes in statements of a power of two rows,
		// so that the prepared statements of a transaction are of a few
		// sizes. With one statement of each remainder, each chunk
		// prepared new ones, parsed anew and held until the commit: some
		// 100 MB of SQLite's memory by the end of a transaction. The
		// search rows are the exception: the rest of a chunk's is one
		// statement (one segment), prepared for this once.
		k := min(per, n-start)
		search := table == "enterprise_search" && k < per
		if k < per && !search {
			k = 1 << (bits.Len(uint(k)) - 1)
		}
		args = args[:0]
		for i := start; i < start+k; i++ {
			args = row(i, args)
		}
		text := func() string {
			return "INSERT OR ROLLBACK" + strings.TrimPrefix(w.s.d.insertSQL(table, cols, nil, k), "INSERT")
		}
		var err error
		if search {
			_, err = w.tx.ExecContext(ctx, text(), args...)
		} else {
			err = w.it.exec(ctx, insertKey{table, len(cols), k}, text, args)
		}
		if err != nil {
			return bina.Wrap(err, "insert "+table)
		}
		start += k
	}
	return nil
}

// copyRows writes n rows with COPY in text format through pgx, inside the
// chunk's transaction (the same connection). The values are the ones the
// INSERTs of the register use; the search column's text is what its CAST
// reads.
func (w *chunkWriter) copyRows(ctx context.Context, table string, cols []string, n int, row func(i int, dst []any) []any) error {
	if n == 0 {
		return nil
	}
	var buf bytes.Buffer
	vals := make([]any, 0, len(cols))
	for i := range n {
		vals = row(i, vals[:0])
		for j, v := range vals {
			if j > 0 {
				buf.WriteByte('\t')
			}
			if err := copyValue(&buf, v); err != nil {
				return bina.Wrap(err, "copy "+table)
			}
		}
		buf.WriteByte('\n')
	}
	stmt := "COPY " + table + " (" + strings.Join(cols, ", ") + ") FROM STDIN"
	return bina.Wrap(w.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy: driver connection is %T", dc)
		}
		_, err := c.Conn().PgConn().CopyFrom(ctx, &buf, stmt)
		return err
	}), "copy "+table)
}

// copyValue writes v in COPY's text format.
func copyValue(buf *bytes.Buffer, v any) error {
	if vr, ok := v.(driver.Valuer); ok {
		var err error
		if v, err = vr.Value(); err != nil {
			return err
		}
	}
	switch x := v.(type) {
	case nil:
		buf.WriteString(`\N`)
	case string:
		copyEscape(buf, x)
	case []byte:
		buf.WriteString(`\\x`)
		const hex = "0123456789abcdef"
		for _, b := range x {
			buf.WriteByte(hex[b>>4])
			buf.WriteByte(hex[b&15])
		}
	case int:
		buf.WriteString(strconv.Itoa(x))
	case int64:
		buf.WriteString(strconv.FormatInt(x, 10))
	case float64:
		buf.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		if x {
			buf.WriteByte('t')
		} else {
			buf.WriteByte('f')
		}
	case time.Time:
		buf.WriteString(x.UTC().Format("2006-01-02 15:04:05.999999Z07:00"))
	default:
		return fmt.Errorf("copy: value of type %T", v)
	}
	return nil
}

// copyEscape writes s with COPY's text escapes.
func copyEscape(buf *bytes.Buffer, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '\\':
			esc = `\\`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '\t':
			esc = `\t`
		default:
			continue
		}
		buf.WriteString(s[start:i])
		buf.WriteString(esc)
		start = i + 1
	}
	buf.WriteString(s[start:])
}
