package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"bina"
)

// maxParams keeps a multi-row INSERT under both engines' limits on bound
// parameters (SQLite 32766, PostgreSQL 65535).
const maxParams = 32000

// BulkLoad stores many enterprises and cooperatives at once, for the demo
// loader, imports of national extracts and benchmarks: one transaction,
// multi-row INSERTs, explicit ids, one "create" history row per record by
// user "demo", and the kept counts updated by the batch's totals. Call it
// repeatedly with batches (say 50,000 enterprises) to load millions.
//
// Every record is normalized and fully validated first (it costs a few
// microseconds a record, far less than the writes), so a bad record fails
// the whole batch with Invalid naming it, and nothing is stored. The
// records' IDs, owner IDs, versions and timestamps are set in place;
// CreatedAt is kept when given (demo data spreads it over years), else it
// is now. Only the system and administrators may bulk load.
func (s *Store) BulkLoad(ctx context.Context, ents []bina.Enterprise, coops []bina.Cooperative) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya administrator yang dapat memuat data massal", "Only administrators may bulk load")
	}
	if len(ents) == 0 && len(coops) == 0 {
		return nil
	}
	now := s.now()
	for i := range ents {
		if err := s.prepareEnterprise(&ents[i]); err != nil {
			return bulkInvalid(err, "Usaha ke-%d (%s)", "Enterprise %d (%s)", i+1, ents[i].Name)
		}
	}
	restore, err := applySettings(ctx, s.wdb, s.d.bulkSession)
	if err != nil {
		return bina.Wrap(err, "bulk cache")
	}
	defer restore()
	err = s.write(ctx, func(tx *sql.Tx) error {
		if len(coops) > 0 {
			ks, err := kelompoks(ctx, tx)
			if err != nil {
				return err
			}
			for i := range coops {
				c := &coops[i]
				c.Normalize()
				if err := c.Validate(s.ref, ks); err != nil {
					return bulkInvalid(err, "Koperasi ke-%d (%s)", "Cooperative %d (%s)", i+1, c.Name)
				}
				for j := range c.RATs {
					if err := c.RATs[j].Validate(now); err != nil {
						return bulkInvalid(err, "RAT koperasi ke-%d (%s)", "RAT of cooperative %d (%s)", i+1, c.Name)
					}
				}
			}
		}
		if s.d.idLock != "" {
			// Ids are given out here.
			if _, err := tx.ExecContext(ctx, s.d.idLock); err != nil {
				return bina.Wrap(err, "lock tables")
			}
		}
		if err := s.bulkEnterprises(ctx, tx, ents, now); err != nil {
			return err
		}
		if err := s.bulkCooperatives(ctx, tx, coops, now); err != nil {
			return err
		}
		if s.d.sequences {
			for _, t := range []string{"persons", "enterprises", "cooperatives", "history"} {
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM `+t+`), false)`); err != nil {
					return bina.Wrap(err, "advance "+t+" ids")
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.refreshStatistics(ctx)
}

// refreshStatistics tells the query planner about the tables' new sizes
// after a bulk load, and on PostgreSQL sets the visibility map so that
// counts can use index-only scans.
func (s *Store) refreshStatistics(ctx context.Context) error {
	for _, q := range s.d.analyze {
		if _, err := s.wdb.ExecContext(ctx, q); err != nil {
			return bina.Wrap(err, "analyze")
		}
	}
	return nil
}

// bulkInvalid names the record a validation error belongs to.
func bulkInvalid(err error, id, en string, n int, name string) error {
	t := bina.ErrorText(err)
	return &bina.Error{
		Code:    bina.Invalid,
		Message: bina.Text{ID: fmt.Sprintf(id, n, name) + ": " + t.ID, EN: fmt.Sprintf(en, n, name) + ": " + t.In("en")},
		Fields:  bina.ErrorFields(err),
	}
}

// nextID returns the id after the largest of table.
func nextID(ctx context.Context, tx *sql.Tx, table string) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) + 1 FROM `+table).Scan(&n)
	return n, bina.Wrap(err, "next id of "+table)
}

// bulkInsert inserts n rows into table in chunks that stay under maxParams,
// reusing one prepared statement for every full chunk. row appends the
// values of row i to dst.
func (s *Store) bulkInsert(ctx context.Context, tx *sql.Tx, table string, cols []string, wrap map[string]string, n int, row func(i int, dst []any) []any) error {
	return s.bulkWrite(ctx, tx, table, cols, wrap, "", n, row)
}

// bulkUpsert is bulkInsert with the clause onConflict after the rows of
// each statement: kept sums add a tally to their rows with it, a key once
// a statement (an upsert may not touch a row twice).
func (s *Store) bulkUpsert(ctx context.Context, tx *sql.Tx, table string, cols []string, onConflict string, n int, row func(i int, dst []any) []any) error {
	return s.bulkWrite(ctx, tx, table, cols, nil, " "+onConflict, n, row)
}

func (s *Store) bulkWrite(ctx context.Context, tx *sql.Tx, table string, cols []string, wrap map[string]string, suffix string, n int, row func(i int, dst []any) []any) error {
	if n == 0 {
		return nil
	}
	per := max(1, min(maxParams/len(cols), 1000))
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, per*len(cols))
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		var err error
		if end-start == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, s.d.insertSQL(table, cols, wrap, per)+suffix); err != nil {
					return bina.Wrap(err, "prepare "+table)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, s.d.insertSQL(table, cols, wrap, end-start)+suffix, args...)
		}
		if err != nil {
			return bina.Wrap(err, "insert "+table)
		}
	}
	return nil
}

// historyColumns are the columns of a bulk "create" history row.
var historyColumns = []string{"entity", "entity_id", "at", "user_name", "action", "after_value"}

func (s *Store) bulkEnterprises(ctx context.Context, tx *sql.Tx, ents []bina.Enterprise, now time.Time) error {
	if len(ents) == 0 {
		return nil
	}
	pid, err := nextID(ctx, tx, "persons")
	if err != nil {
		return err
	}
	eid, err := nextID(ctx, tx, "enterprises")
	if err != nil {
		return err
	}
	for i := range ents {
		e := &ents[i]
		e.ID, e.Owner.ID = eid+int64(i), pid+int64(i)
		if e.CreatedAt.IsZero() {
			e.CreatedAt = now
		}
		e.CreatedAt = e.CreatedAt.UTC().Truncate(time.Microsecond)
		if e.UpdatedAt.IsZero() || e.UpdatedAt.Before(e.CreatedAt) {
			e.UpdatedAt = e.CreatedAt
		}
		e.UpdatedAt = e.UpdatedAt.UTC().Truncate(time.Microsecond)
		e.Version = 1
		if e.ArchivedAt != nil {
			t := e.ArchivedAt.UTC().Truncate(time.Microsecond)
			e.ArchivedAt = &t
		} else {
			e.ArchiveReason = ""
		}
	}
	err = s.bulkInsert(ctx, tx, "persons", append([]string{"id"}, personColumns...), nil, len(ents), func(i int, dst []any) []any {
		e := &ents[i]
		v := personValues(&e.Owner, e.CreatedAt)
		v[len(v)-1] = e.UpdatedAt
		return append(append(dst, e.Owner.ID), v...)
	})
	if err != nil {
		return err
	}
	cols := append([]string{"id"}, enterpriseColumns...)
	if s.d.searchColumn {
		cols = append(cols, "search")
	}
	err = s.bulkInsert(ctx, tx, "enterprises", cols, searchWrap, len(ents), func(i int, dst []any) []any {
		e := &ents[i]
		dst = append(append(dst, e.ID), s.enterpriseValues(e, e.Owner.ID)...)
		if s.d.searchColumn {
			doc := s.enterpriseSearch(e)
			dst = append(dst, tsVector(doc.words, doc.facets))
		}
		return dst
	})
	if err != nil {
		return err
	}
	ptrs := make([]*bina.Enterprise, len(ents))
	for i := range ents {
		ptrs[i] = &ents[i]
	}
	ins := func(ctx context.Context, table string, cols []string, n int, row func(i int, dst []any) []any) error {
		return s.bulkInsert(ctx, tx, table, cols, nil, n, row)
	}
	return s.insertEnterpriseRest(ctx, tx, ins, ptrs, nil, "demo", nil)
}

// rowInserter writes n rows of cols into table; row appends the values of
// row i to dst.
type rowInserter func(ctx context.Context, table string, cols []string, n int, row func(i int, dst []any) []any) error

// insertEnterpriseRest writes what new enterprises have besides their
// persons and enterprises rows, whose ids are set: the search rows
// (SQLite), the further KBLI codes, the sales, a "create" history row by
// who at each one's creation time (docs are their search documents, when
// known), and the kept counts of the live ones:
// into enterprise_counts, or into counts when it is set (a first load
// writes its counts at its end). Bulk loads and imports share it, each
// with its own inserter.
func (s *Store) insertEnterpriseRest(ctx context.Context, tx *sql.Tx, ins rowInserter, ents []*bina.Enterprise, docs []searchDoc, who string, counts countTally) error {
	type kbliRow struct {
		id  int64
		pos int
		k   bina.KBLICode
	}
	type salesRow struct {
		id int64
		sa bina.AnnualSales
	}
	var kblis []kbliRow
	var sales []salesRow
	tally := countTally{}
	for _, e := range ents {
		tally.add([]countDelta{s.countOf(e, 1)})
		for j := 1; j < len(e.KBLI); j++ {
			kblis = append(kblis, kbliRow{e.ID, j, e.KBLI[j]})
		}
		for _, sa := range e.Sales {
			sales = append(sales, salesRow{e.ID, sa})
		}
	}
	if !s.d.searchColumn {
		err := ins(ctx, "enterprise_search", []string{"rowid", "words", "facets"}, len(ents), func(i int, dst []any) []any {
			var doc searchDoc
			if docs != nil {
				doc = docs[i]
			} else {
				doc = s.enterpriseSearch(ents[i])
			}
			return append(dst, ents[i].ID, doc.words, strings.Join(doc.facets, " "))
		})
		if err != nil {
			return err
		}
	}
	err := ins(ctx, "enterprise_kbli", []string{"enterprise_id", "position", "kbli_version", "kbli_code"}, len(kblis), func(i int, dst []any) []any {
		k := kblis[i]
		return append(dst, k.id, k.pos, string(k.k.Version), k.k.Code)
	})
	if err != nil {
		return err
	}
	err = ins(ctx, "enterprise_sales", []string{"enterprise_id", "year", "amount"}, len(sales), func(i int, dst []any) []any {
		return append(dst, sales[i].id, sales[i].sa.Year, sales[i].sa.Amount)
	})
	if err != nil {
		return err
	}
	err = ins(ctx, "history", historyColumns, len(ents), func(i int, dst []any) []any {
		e := ents[i]
		return append(dst, string(bina.EntityEnterprise), e.ID, e.CreatedAt, who, actionCreate, e.Name)
	})
	if err != nil {
		return err
	}
	if counts != nil {
		counts.add(tally.deltas())
		return nil
	}
	return s.addCounts(ctx, tx, tally.deltas())
}

func (s *Store) bulkCooperatives(ctx context.Context, tx *sql.Tx, coops []bina.Cooperative, now time.Time) error {
	if len(coops) == 0 {
		return nil
	}
	cid, err := nextID(ctx, tx, "cooperatives")
	if err != nil {
		return err
	}
	type child struct {
		c *bina.Cooperative
		i int
	}
	var ams, ofs, uns, rats []child
	for i := range coops {
		c := &coops[i]
		c.ID = cid + int64(i)
		if c.CreatedAt.IsZero() {
			c.CreatedAt = now
		}
		c.CreatedAt = c.CreatedAt.UTC().Truncate(time.Microsecond)
		if c.UpdatedAt.IsZero() || c.UpdatedAt.Before(c.CreatedAt) {
			c.UpdatedAt = c.CreatedAt
		}
		c.UpdatedAt = c.UpdatedAt.UTC().Truncate(time.Microsecond)
		c.Version = 1
		if c.ArchivedAt == nil {
			c.ArchiveReason = ""
		}
		slices.SortStableFunc(c.RATs, func(a, b bina.RAT) int { return b.BookYear - a.BookYear })
		c.LastRATYear = 0
		for j, r := range c.RATs {
			if j > 0 && r.BookYear == c.RATs[j-1].BookYear {
				return bina.Errorf(bina.Invalid, "Koperasi %s: RAT tahun buku %d tercantum dua kali", "Cooperative %s: RAT for book year %d listed twice", c.Name, r.BookYear)
			}
			if !r.HeldOn.IsZero() && r.BookYear > c.LastRATYear {
				c.LastRATYear = r.BookYear
			}
			rats = append(rats, child{c, j})
		}
		c.Active = bina.ActiveCooperative(c.LastRATYear, now, s.ref.Config.RATTolerance)
		for j := range c.Amendments {
			ams = append(ams, child{c, j})
		}
		for j := range c.Officers {
			ofs = append(ofs, child{c, j})
		}
		for j := range c.Units {
			uns = append(uns, child{c, j})
		}
	}
	err = s.bulkInsert(ctx, tx, "cooperatives", append([]string{"id"}, cooperativeColumns...), nil, len(coops), func(i int, dst []any) []any {
		return append(append(dst, coops[i].ID), cooperativeValues(&coops[i])...)
	})
	if err != nil {
		return s.cooperativeWriteError(err, "insert cooperatives")
	}
	if err := s.bulkCoopCounts(ctx, tx, coops); err != nil {
		return err
	}
	err = s.bulkInsert(ctx, tx, "cooperative_amendments", []string{"cooperative_id", "position", "number", "date", "note"}, nil, len(ams), func(i int, dst []any) []any {
		a := ams[i].c.Amendments[ams[i].i]
		return append(dst, ams[i].c.ID, ams[i].i, a.Number, a.Date, a.Note)
	})
	if err != nil {
		return err
	}
	err = s.bulkInsert(ctx, tx, "cooperative_officers", []string{"cooperative_id", "position", "name", "role", "gender", "phone", "term_start", "term_end"}, nil, len(ofs), func(i int, dst []any) []any {
		o := ofs[i].c.Officers[ofs[i].i]
		return append(dst, ofs[i].c.ID, ofs[i].i, o.Name, o.Role, o.Gender, o.Phone, o.TermStart, o.TermEnd)
	})
	if err != nil {
		return err
	}
	err = s.bulkInsert(ctx, tx, "cooperative_units", []string{"cooperative_id", "position", "name", "kind"}, nil, len(uns), func(i int, dst []any) []any {
		u := uns[i].c.Units[uns[i].i]
		return append(dst, uns[i].c.ID, uns[i].i, u.Name, u.Kind)
	})
	if err != nil {
		return err
	}
	err = s.bulkInsert(ctx, tx, "rats", append([]string{"cooperative_id"}, ratColumns...), nil, len(rats), func(i int, dst []any) []any {
		r := &rats[i].c.RATs[rats[i].i]
		return append(append(dst, rats[i].c.ID), ratValues(r)...)
	})
	if err != nil {
		return err
	}
	if err := s.bulkRatCounts(ctx, tx, coops); err != nil {
		return err
	}
	return s.bulkInsert(ctx, tx, "history", historyColumns, nil, len(coops), func(i int, dst []any) []any {
		c := &coops[i]
		return append(dst, string(bina.EntityCooperative), c.ID, c.CreatedAt, "demo", actionCreate, c.Name)
	})
}
