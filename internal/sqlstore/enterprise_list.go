package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"bina"
)

// How a list is read. The total comes first, from the cheapest exact
// source:
//
//   - region, size and coaching only: the kept counts (counts.go);
//   - a search: the search index with the filters inside it (PostgreSQL's
//     word table, SQLite's full-text table), counted up to searchCountCap;
//   - other filters: the facets inside the list indexes (PostgreSQL) or
//     the facet tokens of the full-text table (SQLite);
//   - a NIB, or archived records (few): their indexes.
//
// Then the ids of the page, and last the page's rows by id. The ids come
// from a walk of a list index in the sort's order that names only columns
// the index carries (sort keys, desa, facets), so that it reads no table
// page for the rows it passes over; or, for a search, from its matches:
// on PostgreSQL the word table holds each match's sort name, and the count
// finds the page when it is not capped (countWordSearch, cappedWordPage);
// on SQLite the matches are looked up and sorted when that costs less than
// a walk (walkCheaper). A walk costs the rows it passes, and the matches
// of a word that starts names ("Keripik ...") sit together in the middle
// of the order of names, so that a walk to them may pass half the
// register.
// searchCountCap is where a search stops counting. A search matching more
// records reports this many with TotalCapped set ("more than 10,000"):
// past it an exact number helps nobody browse, and counting a common
// prefix exactly (the letter "a" matches a third of the register) would
// cost more than the whole page is allowed to. Totals of lists without a
// search are always exact.
const searchCountCap = 10_000

// wordScans bound the word-table rows a PostgreSQL search count reads,
// one bound after the other until the count is known: a record has a row
// per word with the prefix, so a little more than searchCountCap rows
// usually hold more than searchCountCap records, and four times as many
// nearly always do; 0 is no bound.
var wordScans = []int{searchCountCap + searchCountCap/10, 4 * (searchCountCap + 1), 0}

// defaultFTSDriveMax is the largest number of matches for which a searched
// page may be read by looking up every match and sorting them rather than
// by walking the sort index and testing each row. Tests set it to 0 to
// take the walks that test the words of each row: every search's on
// SQLite, a capped search's on PostgreSQL.
const defaultFTSDriveMax = searchCountCap

// matches is what counting a list found out.
type matches struct {
	total  int
	capped bool // total is searchCountCap, and more records match
	// paged is set when counting also found the ids of the page, in ids.
	paged bool
	ids   []int64
	ranks []int // the ranks of ids in a ranked search, else nil
}

// pager is the page a list asks for.
type pager struct {
	sort  string
	spec  sortSpec
	c     *cursor
	limit int
	rank  []string // the rank patterns of a ranked search
}

// keyset returns the cursor condition and the order of the page on the
// alias a (see page.go).
func (pg pager) keyset(p *params, a string) (cond, order string, back bool) {
	return keyset(p, a, pg.sort, pg.spec, pg.c)
}

// order returns the order of the page on the alias a.
func (pg pager) order(a string) string {
	_, order, _ := keyset(&params{}, a, pg.sort, pg.spec, pg.c)
	return order
}

// ListEnterprises returns one page of enterprises matching f, ordered by
// f.Sort (default "name") and paged by keyset (see page.go), with the
// number of matches in Total: exact, except that a search counts up to
// searchCountCap and then sets TotalCapped. Items carry their owner, KBLI
// codes and sales; personal data is masked for actors who may not see it.
func (s *Store) ListEnterprises(ctx context.Context, f bina.EnterpriseFilter) (bina.Page[bina.Enterprise], error) {
	var page bina.Page[bina.Enterprise]
	a, err := s.actorOf(ctx)
	if err != nil {
		return page, err
	}
	if f.Sort == "" {
		f.Sort = "name"
	}
	spec, ok := sortSpecOf(f.Sort)
	if !ok || !bina.EnterpriseSorts.Has(f.Sort) {
		return page, invalidFilter("sort", f.Sort)
	}
	c, err := decodeCursor(f.Cursor, f.Sort)
	if err != nil {
		return page, err
	}
	q, err := s.enterpriseConds(a, f)
	if err != nil {
		return page, err
	}
	pg := pager{sort: f.Sort, spec: spec, c: c, limit: pageLimit(f.Limit), rank: q.rank}
	var keys []keyOf
	err = s.read(ctx, func(tx *sql.Tx) error {
		if s.d.listSetup != "" {
			if _, err := tx.ExecContext(ctx, s.d.listSetup); err != nil {
				return bina.Wrap(err, "list enterprises")
			}
		}
		m, err := s.countEnterprises(ctx, tx, a, f, q, pg)
		if err != nil {
			return err
		}
		page.Total, page.TotalCapped = m.total, m.capped
		if m.total == 0 && c == nil {
			return nil
		}
		ids, ranks := m.ids, m.ranks
		switch {
		case m.paged:
		case pg.rank != nil && !m.capped:
			ids, ranks, err = s.rankedPage(ctx, tx, q, pg)
		default:
			ids, err = s.pageIDs(ctx, tx, q, m, pg)
		}
		if err != nil {
			return err
		}
		var items []*bina.Enterprise
		if items, keys, err = s.loadPage(ctx, tx, ids, ranks, pg); err != nil {
			return err
		}
		page.Items = make([]bina.Enterprise, len(items))
		for i, e := range items {
			if a.masked() {
				e.MaskPersonal()
			} else {
				e.HomeBased = e.IsHomeBased()
			}
			page.Items[i] = *e
		}
		return nil
	})
	if err != nil {
		return bina.Page[bina.Enterprise]{}, err
	}
	finishPage(&page, keys, pg.limit, f.Sort, c, c != nil && c.Back)
	return page, nil
}

// countEnterprises counts the records q selects.
func (s *Store) countEnterprises(ctx context.Context, tx *sql.Tx, a actor, f bina.EnterpriseFilter, q *enterpriseQuery, pg pager) (matches, error) {
	var m matches
	var query string
	var p params
	switch {
	case q.fromCounts:
		query = s.keptTotal(&p, a, f)
	case q.words != "" && !q.archived && s.d.searchColumn:
		return s.countWordSearch(ctx, tx, q, pg)
	case q.words != "":
		// A search counts up to the cap: through FTS5 on SQLite (facets
		// included), through the archived rows on PostgreSQL (few).
		from := `SELECT e.id FROM enterprises e` + where(append(q.rowConds(&p), s.d.searchCond(&p, q.words, q.tokens, q.archived)))
		if !s.d.searchColumn {
			from = `SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH ` + p.add(ftsQuery(q.words, q.tokens, q.archived))
		}
		query = `SELECT count(*) FROM (` + from + ` LIMIT ` + p.add(searchCountCap+1) + `) m`
	case q.rowOnly && yearCountable(f, q):
		query = s.keptYearTotal(&p, a, f)
	case q.rowOnly && reachCountable(f, q):
		query = s.keptReachTotal(&p, a, f, *q.reach)
	case q.rowOnly:
		query = `SELECT count(*) FROM enterprises e` + where(q.rowConds(&p))
	case !s.d.searchColumn && q.exact == nil && len(q.tokens) > 0:
		// Facets on SQLite: an intersection of posting lists.
		query = `SELECT count(*) FROM enterprise_search WHERE enterprise_search MATCH ` + p.add(ftsQuery("", q.tokens, q.archived))
	default:
		// Facets on PostgreSQL (an index-only scan of a list index), a
		// NIB, or archived records.
		query = `SELECT count(*) FROM enterprises e` + where(q.rowConds(&p))
	}
	if err := tx.QueryRowContext(ctx, query, p.args...).Scan(&m.total); err != nil {
		return m, bina.Wrap(err, "count enterprises")
	}
	if q.words != "" && m.total > searchCountCap {
		m.total, m.capped = searchCountCap, true
	}
	return m, nil
}
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseRankedIDs reads pairs of id and rank ("12:0") joined by commas.
func parseRankedIDs(s string) ([]int64, []int, error) {
	if s == "" {
		return nil, nil, nil
	}
	parts := strings.Split(s, ",")
	ids, ranks := make([]int64, len(parts)), make([]int, len(parts))
	for i, v := range parts {
		id, rank, _ := strings.Cut(v, ":")
		var err error
		if ids[i], err = strconv.ParseInt(id, 10, 64); err != nil {
			return nil, nil, bina.Wrap(err, "read ids")
		}
		if ranks[i], err = strconv.Atoi(rank); err != nil {
			return nil, nil, bina.Wrap(err, "read ids")
		}
	}
	return ids, ranks, nil
}

// wordHashMax is the largest number of word-table rows that a PostgreSQL
// page of a capped search reads to learn every match (and then walks the
// sort index testing ids against them, in memory). A broader search has so
// many matches that testing the words of each row the walk passes reads
// fewer table pages.
const wordHashMax = 150_000

// estimateRows returns the planner's estimate of the rows query returns.
func estimateRows(ctx context.Context, tx *sql.Tx, query string, args []any) (float64, error) {
	var plan string
	if err := tx.QueryRowContext(ctx, `EXPLAIN (FORMAT JSON) `+query, args...).Scan(&plan); err != nil {
		return 0, bina.Wrap(err, "estimate")
	}
	var out []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		}
	}
	if err := json.Unmarshal([]byte(plan), &out); err != nil || len(out) == 0 {
		return 0, bina.Wrap(fmt.Errorf("read plan: %v", err), "estimate")
	}
	return out[0].Plan.Rows, nil
}

// pageIDs returns the ids of the page (one more than the limit, to learn
// whether more follow), read by a walk of a list index or, for a search on
// SQLite with few matches, from the matches.
func (s *Store) pageIDs(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, m matches, pg pager) ([]int64, error) {
	if q.words != "" && !q.archived && s.d.searchColumn {
		return s.cappedWordPage(ctx, tx, q, pg)
	}
	if m.capped && !s.d.searchColumn {
		ids, ok, err := s.initialWordPage(ctx, tx, q, pg)
		if ok || err != nil {
			return ids, err
		}
	}
	if q.words != "" && !q.archived && !s.d.searchColumn && (m.capped || s.ftsDriveMax == 0) {
		ids, ok, err := s.scanPage(ctx, tx, q, pg)
		if ok || err != nil {
			return ids, err
		}
	}
	var p params
	conds, err := s.pageConds(ctx, tx, q, m, &p)
	if err != nil {
		return nil, err
	}
	kcond, order, _ := pg.keyset(&p, "e")
	return queryIDs(ctx, tx, `SELECT e.id FROM enterprises e`+where(append(conds, nonEmpty(kcond)...))+
		` ORDER BY `+order+` LIMIT `+p.add(pg.limit+1), p.args)
}

// queryIDs runs a query of ids.
func queryIDs(ctx context.Context, tx *sql.Tx, query string, args []any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, bina.Wrap(err, "list enterprises")
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, bina.Wrap(err, "list enterprises")
		}
		ids = append(ids, id)
	}
	return ids, bina.Wrap(rows.Err(), "list enterprises")
}

// pageConds returns the conditions on the alias e that select a page's
// rows, given what counting found: the filters for a walk of a list index,
// and for a search on SQLite its matches, either as a test during the walk
// or as the rows to look up and sort.
func (s *Store) pageConds(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, m matches, p *params) ([]string, error) {
	if q.words == "" && s.factedFew(q, m) {
		rows, err := s.liveRows(ctx, tx, q)
		if err != nil {
			return nil, err
		}
		if !walkCheaper(m.total, rows) {
			// A rare facet (an owner with a disability, an unknown
			// desa): its few records are looked up through their facet
			// tokens and sorted, rather than found by a walk that may
			// pass the whole index.
			return []string{s.d.searchCond(p, "", q.tokens, false)}, nil
		}
	}
	if q.words == "" {
		return q.walkConds(p), nil
	}
	if q.archived {
		return append(q.rowConds(p), s.d.searchCond(p, q.words, q.tokens, true)), nil
	}
	search := s.d.searchCond(p, q.words, q.tokens, false)
	if !m.capped && m.total <= s.ftsDriveMax {
		rows, err := s.liveRows(ctx, tx, q)
		if err != nil {
			return nil, err
		}
		if !walkCheaper(m.total, rows) {
			return []string{search}, nil
		}
	}
	// The "+" keeps SQLite from driving the query by the matches: it walks
	// the sort index and tests each row against them.
	return append(q.walkConds(p), "+"+search), nil
}

// factedFew reports whether the page of a list without words on SQLite
// may be read from the facet tokens: live records selected by the tokens
// alone (no row condition, no exact lookup), counted exactly and few
// enough to be worth looking up.
func (s *Store) factedFew(q *enterpriseQuery, m matches) bool {
	return !s.d.searchColumn && !q.archived && !q.rowOnly && q.exact == nil && len(q.tokens) > 0 &&
		!m.capped && m.total <= s.ftsDriveMax && (q.ff.mask != 0 || q.ff.anyDigital)
}

// walkCheaper reports whether SQLite should find a page of n matches
// among rows live records by walking the sort index (testing each entry
// against the matches) rather than by looking up every match and sorting
// them. A lookup costs about as much as 30 index entries, and the walk
// may pass half the index: matches of a word that starts names
// ("Keripik ...") sit together in the middle of the order, whatever their
// number. Looking up is chosen whenever it costs less than that.
func walkCheaper(n, rows int) bool {
	return n*60 >= rows
}

// liveRows returns the number of live records in the regions of q, from the
// kept counts.
func (s *Store) liveRows(ctx context.Context, tx *sql.Tx, q *enterpriseQuery) (int, error) {
	var p params
	var conds []string
	for _, r := range q.regions {
		conds = append(conds, s.countsRegionCond(&p, r)...)
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT CAST(COALESCE(sum(total), 0) AS BIGINT) FROM enterprise_counts`+where(conds), p.args...).Scan(&n)
	return n, bina.Wrap(err, "count enterprises")
}

// rankedPage returns the ids of the page of a ranked search on SQLite
// whose matches are counted, and their ranks: every match is looked up,
// ranked and sorted (PostgreSQL finds this page while counting).
func (s *Store) rankedPage(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, pg pager) ([]int64, []int, error) {
	var p params
	m := `SELECT e.id, e.sort_name, e.village_code, e.size_rank, e.updated_at, ` + rankExpr(&p, "e", q.rank) + ` AS rank
FROM enterprises e WHERE ` + s.d.searchCond(&p, q.words, q.tokens, false)
	kcond, order, _ := rankedKeysetOn(&p, "m.rank", "m.", "m.id", pg.spec, pg.c)
	rows, err := tx.QueryContext(ctx, `WITH m AS MATERIALIZED (`+m+`) SELECT m.id, m.rank FROM m`+where(nonEmpty(kcond))+
		` ORDER BY `+order+` LIMIT `+p.add(pg.limit+1), p.args...)
	if err != nil {
		return nil, nil, bina.Wrap(err, "list enterprises")
	}
	defer rows.Close()
	var ids []int64
	var ranks []int
	for rows.Next() {
		var id int64
		var rank int
		if err := rows.Scan(&id, &rank); err != nil {
			return nil, nil, bina.Wrap(err, "list enterprises")
		}
		ids, ranks = append(ids, id), append(ranks, rank)
	}
	return ids, ranks, bina.Wrap(rows.Err(), "list enterprises")
}

// loadPage reads the enterprises ids in the page's order, with their
// children, and the keys of their cursors; ranks, when set, are the
// ranks of ids in a ranked search, which come first in the order.
func (s *Store) loadPage(ctx context.Context, tx *sql.Tx, ids []int64, ranks []int, pg pager) ([]*bina.Enterprise, []keyOf, error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	var p params
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, enterpriseSelect+` WHERE e.id IN (`+p.list(args...)+`) ORDER BY `+pg.order("e"), p.args...)
	if err != nil {
		return nil, nil, bina.Wrap(err, "list enterprises")
	}
	defer rows.Close()
	var items []*bina.Enterprise
	var keys []keyOf
	for rows.Next() {
		e, k, err := scanEnterprise(rows)
		if err != nil {
			return nil, nil, bina.Wrap(err, "list enterprises")
		}
		k.code, k.num = string(e.VillageCode), int64(sizeRank(e.SizeComputed))
		items = append(items, e)
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, bina.Wrap(err, "list enterprises")
	}
	rows.Close()
	if ranks != nil {
		at := make(map[int64]int, len(ids))
		for i, id := range ids {
			at[id] = i
		}
		ordered, okeys := make([]*bina.Enterprise, len(items)), make([]keyOf, len(keys))
		for i, e := range items {
			j := at[e.ID]
			ordered[j], okeys[j] = e, keys[i]
			okeys[j].rank = ranks[j]
		}
		items, keys = ordered, okeys
	}
	return items, keys, s.loadEnterpriseChildren(ctx, tx, items)
}
