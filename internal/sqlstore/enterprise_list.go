package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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

// enterpriseQuery is a checked EnterpriseFilter.
type enterpriseQuery struct {
	archived bool
	// base holds the archived and region conditions on the alias e, which
	// the keys of the list indexes serve.
	base []cond
	// regions are the regions a record must lie in (the actor's scope and
	// the filter's region, when they narrow anything), for the word table.
	regions []bina.RegionCode
	// ff selects the other filter values in the facets column.
	ff facetFilter
	// tokens select the same records, region included, in the facets column
	// of SQLite's full-text index.
	tokens []string
	// words, when set, are the folded search words; nib, when set, an exact
	// NIB lookup instead.
	words, nib string
	// fromCounts is set when the total can be read from enterprise_counts:
	// live records filtered by nothing but region, size and coaching state.
	fromCounts bool
}

// rowConds renders the conditions on the alias e that select the records
// (all but the words), adding their arguments to p.
func (q *enterpriseQuery) rowConds(p *params) []string {
	out := append(renderConds(p, q.base), q.ff.conds(p, "e.facets")...)
	if q.nib != "" {
		out = append(out, "e.nib = "+p.add(q.nib))
	}
	return out
}

// cond is an SQL condition whose arguments are bound when the statement
// is put together: sql holds one %s per argument.
type cond struct {
	sql  string
	args []any
}

func renderConds(p *params, cs []cond) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		phs := make([]any, len(c.args))
		for j, a := range c.args {
			phs[j] = p.add(a)
		}
		out[i] = fmt.Sprintf(c.sql, phs...)
	}
	return out
}

// regionConds returns the conditions that alias a lies in region: the
// kecamatan and desa columns for those levels (each has its list index),
// a range of desa codes otherwise.
func (s *Store) regionConds(a string, region bina.RegionCode, districtColumn bool) []cond {
	switch {
	case region == "" || region == s.root:
		return nil
	case region.Level() == bina.LevelDistrict && districtColumn:
		return []cond{{a + ".district_code = %s", []any{string(region)}}}
	case region.Level() == bina.LevelVillage:
		return []cond{{a + ".village_code = %s", []any{string(region)}}}
	}
	lo, hi := region.Range()
	return []cond{{a + ".village_code >= %s", []any{lo}}, {a + ".village_code < %s", []any{hi}}}
}

// checkRegion returns Invalid unless r is empty or a region of the
// deployment.
func (s *Store) checkRegion(r bina.RegionCode) error {
	if r == "" || s.ref.Regions == nil {
		return nil
	}
	if _, ok := s.ref.Regions.Get(r); !ok || !s.ref.Regions.Root().Contains(r) {
		return invalidField("region", "Wilayah %s tidak dikenal", "Unknown region %s", r)
	}
	return nil
}

func invalidFilter(field, value string) error {
	return invalidField(field, "Nilai saringan %q tidak dikenal", "Unknown filter value %q", value)
}

// enterpriseConds checks f and builds its conditions for actor a.
func (s *Store) enterpriseConds(a actor, f bina.EnterpriseFilter) (*enterpriseQuery, error) {
	q := &enterpriseQuery{archived: f.Archived, fromCounts: !f.Archived}
	if err := s.checkRegion(f.Region); err != nil {
		return nil, err
	}
	if f.Archived {
		q.base = append(q.base, cond{sql: "e.archived_at IS NOT NULL"})
		q.tokens = append(q.tokens, "a1")
	} else {
		q.base = append(q.base, cond{sql: "e.archived_at IS NULL"})
	}
	for _, r := range []bina.RegionCode{a.scope, f.Region} {
		if r == "" || r == s.root || (r == f.Region && r == a.scope) {
			continue
		}
		q.base = append(q.base, s.regionConds("e", r, true)...)
		q.regions = append(q.regions, r)
		q.tokens = append(q.tokens, regionFacet(r))
	}
	if f.KBLISection != "" {
		c, ok := facetSection(f.KBLISection)
		if !ok {
			return nil, invalidFilter("kbli_section", f.KBLISection)
		}
		q.ff.is(facetSectionMask, c<<facetSectionShift)
		q.tokens = append(q.tokens, facet("k", f.KBLISection))
	}
	// enum adds the filter on one enumerated field.
	enum := func(field, value string, ok bool, codes map[string]int, mask, shift int, prefix string) error {
		if value == "" {
			return nil
		}
		if !ok {
			return invalidFilter(field, value)
		}
		c, known := codes[value]
		if !known {
			return bina.Wrap(fmt.Errorf("%s %q has no facet code (search.go)", field, value), "list enterprises")
		}
		q.ff.is(mask, c<<shift)
		q.tokens = append(q.tokens, facet(prefix, value))
		return nil
	}
	err := errors.Join(
		enum("size", f.Size, bina.Sizes.Has(f.Size), facetSizes, facetSizeMask, facetSizeShift, "s"),
		enum("status", f.Status, bina.OperatingStatuses.Has(f.Status), facetStatuses, facetStatusMask, facetStatusShift, "t"),
		enum("verification", f.Verification, bina.Verifications.Has(f.Verification), facetVerifications, facetVerificationMask, facetVerificationShift, "v"),
	)
	if err != nil {
		return nil, err
	}
	if f.KBLISection != "" || f.Status != "" || f.Verification != "" {
		q.fromCounts = false
	}
	switch f.Binaan {
	case "":
	case "ya":
		q.ff.is(facetBinaan, facetBinaan)
		q.tokens = append(q.tokens, "b1")
	case "tidak":
		q.ff.is(facetBinaan, 0)
		q.tokens = append(q.tokens, "b0")
	default:
		return nil, invalidFilter("binaan", f.Binaan)
	}
	switch f.Digital {
	case "":
	case "any":
		q.ff.anyDigital = true
	case "none":
		q.ff.is(facetDigitalMask, 0)
	default:
		bit, ok := digitalBit(f.Digital)
		if !ok {
			return nil, invalidFilter("digital", f.Digital)
		}
		q.ff.is(bit<<facetDigitalShift, bit<<facetDigitalShift)
	}
	if f.Digital != "" {
		q.tokens = append(q.tokens, facet("g", f.Digital))
		q.fromCounts = false
	}
	if nib := bina.NormalizeDigits(f.Query); len(nib) == 13 && isDigits(nib) {
		// A NIB is looked up exactly, not as words.
		q.nib = nib
		q.fromCounts = false
	} else if q.words = searchQuery(f.Query); q.words != "" {
		q.fromCounts = false
	}
	return q, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// matches is what counting a list found out.
type matches struct {
	total  int
	capped bool // total is searchCountCap, and more records match
	// paged is set when counting also found the ids of the page, in ids.
	paged bool
	ids   []int64
}

// pager is the page a list asks for.
type pager struct {
	sort  string
	spec  sortSpec
	c     *cursor
	limit int
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
	pg := pager{sort: f.Sort, spec: spec, c: c, limit: pageLimit(f.Limit)}
	q, err := s.enterpriseConds(a, f)
	if err != nil {
		return page, err
	}
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
		ids := m.ids
		if !m.paged {
			if ids, err = s.pageIDs(ctx, tx, q, m, pg); err != nil {
				return err
			}
		}
		var items []*bina.Enterprise
		if items, keys, err = s.loadPage(ctx, tx, ids, pg); err != nil {
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
	case !s.d.searchColumn && q.nib == "" && len(q.tokens) > 0:
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

// wordMatches returns a query of the ids and sort names (enterprise_id,
// sort_name) of the live records matching a search on PostgreSQL, from the
// word table: the rows of the shortest word's prefix range (an index range
// scan) that lie in the regions and carry the facets and whose record has
// each other word too, tested against the ids of that word's rows (read
// once into a hash). A record comes once per word of it with the shortest
// word's prefix.
//
// The test is written "(... IN (...)) IS TRUE" so that PostgreSQL keeps it
// a hashed test: as a join, the planner, which cannot estimate a condition
// on facet bits, may take the ranges for tiny and compare every pair of
// rows. The longer words are hashed, having the fewer rows as a rule.
func (s *Store) wordMatches(p *params, q *enterpriseQuery) string {
	words := strings.Fields(q.words)
	slices.SortStableFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	filter := func(a, word string) []string {
		lo, hi := prefixRange(word)
		conds := []string{a + ".word >= " + p.add(lo), a + ".word < " + p.add(hi)}
		for _, r := range q.regions {
			conds = append(conds, renderConds(p, s.regionConds(a, r, false))...)
		}
		return append(conds, q.ff.conds(p, a+".facets")...)
	}
	conds := filter("w", words[0])
	for i, word := range words[1:] {
		a := "w" + strconv.Itoa(i+1)
		conds = append(conds, `(w.enterprise_id IN (SELECT `+a+`.enterprise_id FROM enterprise_words `+a+where(filter(a, word))+`)) IS TRUE`)
	}
	return `SELECT w.enterprise_id, w.sort_name FROM enterprise_words w` + where(conds)
}

// prefixRange returns the range of the words that start with w in byte
// order: from w to w with its last letter one higher.
func prefixRange(w string) (lo, hi string) {
	r := []rune(w)
	r[len(r)-1]++
	return w, string(r)
}

// countWordSearch counts the live records matching a search on PostgreSQL,
// reading the rows of the word table up to a bound (an index-only scan),
// and in the same statement, unless the count is capped, finds the page
// among the matches: by the sort names the word table holds, or by the
// keys of the other sorts, which the primary key carries (a lookup per
// match that reads the index alone).
func (s *Store) countWordSearch(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, pg pager) (matches, error) {
	var m matches
	run := func(bound int) (truncated bool, err error) {
		var p params
		scan := s.wordMatches(&p, q)
		within := "TRUE"
		if bound > 0 {
			bp := p.add(bound)
			scan += ` LIMIT ` + bp
			within = `c.scanned < ` + bp
		}
		kcond, order, _ := pg.keyset(&p, "x")
		from := `m x`
		if pg.spec.column != "sort_name" {
			// LIMIT 1 keeps the lookup of each match a lookup (a
			// subquery with a limit is not merged into a join that the
			// planner might run as a scan of the whole table).
			from = `m CROSS JOIN LATERAL (SELECT e.id, e.updated_at FROM enterprises e WHERE e.id = m.id LIMIT 1) x`
		}
		query := `WITH w AS (` + scan + `),
m AS (SELECT DISTINCT enterprise_id AS id, sort_name FROM w),
c AS MATERIALIZED (SELECT (SELECT count(*) FROM w) AS scanned, (SELECT count(*) FROM m) AS n)
SELECT ` + within + `, c.n, CASE WHEN ` + within + ` AND c.n <= ` + p.add(searchCountCap) + ` THEN (
	SELECT COALESCE(string_agg(CAST(y.id AS TEXT), ','), '') FROM (
		SELECT x.id FROM ` + from + where(nonEmpty(kcond)) + ` ORDER BY ` + order + ` LIMIT ` + p.add(pg.limit+1) + `) y)
END
FROM c`
		var ok bool
		var ids sql.NullString
		if err := tx.QueryRowContext(ctx, query, p.args...).Scan(&ok, &m.total, &ids); err != nil {
			return false, bina.Wrap(err, "count enterprises")
		}
		if ids.Valid {
			m.paged = true
			m.ids, err = parseIDs(ids.String)
		}
		return !ok, err
	}
	for _, bound := range wordScans {
		truncated, err := run(bound)
		if err != nil {
			return m, err
		}
		if !truncated || m.total > searchCountCap {
			break
		}
		// Rows for fewer records than the cap, yet more rows to read
		// (records with several words with the prefix): read further.
	}
	if m.total > searchCountCap {
		m.total, m.capped, m.paged, m.ids = searchCountCap, true, false, nil
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

// parseIDs reads ids joined by commas.
func parseIDs(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	ids := make([]int64, len(parts))
	for i, v := range parts {
		var err error
		if ids[i], err = strconv.ParseInt(v, 10, 64); err != nil {
			return nil, bina.Wrap(err, "read ids")
		}
	}
	return ids, nil
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
	var p params
	conds, err := s.pageConds(ctx, tx, q, m, &p)
	if err != nil {
		return nil, err
	}
	kcond, order, _ := pg.keyset(&p, "e")
	return queryIDs(ctx, tx, `SELECT e.id FROM enterprises e`+where(append(conds, nonEmpty(kcond)...))+
		` ORDER BY `+order+` LIMIT `+p.add(pg.limit+1), p.args)
}

// initialCountMax bounds the full-text entries SQLite counts to learn
// whether initialWordPage applies; beyond it the walk is the way.
const initialCountMax = 200_000

// initialWordPage finds the page by name of a capped one-word search on
// SQLite without the walk that would pass every name before the first
// match ("keripik": half the register, a second at a million records).
// The matches fall in two parts:
//
//   - the records whose name starts with the word: one range of the
//     name index (sort_name is the name in lower case), read from the
//     cursor like any list;
//   - the others, whose name has the word further on, or whose trade
//     name or owner has it: few as a rule, found in the full-text table
//     by the words whose first word does not start with it (FTS5's "^"),
//     looked up and sorted.
//
// The page is the merge of the two. That is exact only if the first part
// is exactly the matches whose first word starts with the word; a name
// that starts with an accent or a sign before the word breaks that, so
// the two are counted first, and when they differ (or a part is too
// large) it reports false and the walk is taken.
func (s *Store) initialWordPage(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, pg pager) ([]int64, bool, error) {
	w := q.words
	if pg.spec.column != "sort_name" || q.archived || q.nib != "" || s.ftsDriveMax == 0 || w == "" || !asciiWord(w) {
		return nil, false, nil
	}
	lo, hi := prefixRange(w)
	word := `words : "` + w + `"*`
	initial := `words : ^"` + w + `"*`
	fts := func(cond string) string {
		terms := append([]string{cond}, q.tokens...)
		for i, t := range terms[1:] {
			terms[i+1] = `facets : "` + t + `"`
		}
		return "(" + strings.Join(terms, " AND ") + `) NOT facets : "a1"`
	}
	count := func(query string, args []any, max int) (int, error) {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+query+` LIMIT `+strconv.Itoa(max+1)+`) x`, args...).Scan(&n)
		return n, bina.Wrap(err, "list enterprises")
	}
	// The others first: bounded by ftsDriveMax, they rule out a prefix
	// found all over the names ("s") at the least cost.
	others := fts("(" + word + " NOT " + initial + ")")
	nOthers, err := count(`SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH $1`, []any{others}, s.ftsDriveMax)
	if err != nil || nOthers > s.ftsDriveMax {
		return nil, false, err
	}
	nInitial, err := count(`SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH $1`, []any{fts(initial)}, initialCountMax)
	if err != nil || nInitial > initialCountMax {
		return nil, false, err
	}
	var rp params
	rangeConds := append(q.rowConds(&rp), "e.sort_name >= "+rp.add(lo), "e.sort_name < "+rp.add(hi))
	nRange, err := count(`SELECT e.id FROM enterprises e`+where(rangeConds), rp.args, initialCountMax)
	if err != nil || nRange != nInitial {
		return nil, false, err
	}

	type key struct {
		name string
		id   int64
	}
	read := func(query string, args []any) ([]key, error) {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, bina.Wrap(err, "list enterprises")
		}
		defer rows.Close()
		var out []key
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.name, &k.id); err != nil {
				return nil, bina.Wrap(err, "list enterprises")
			}
			out = append(out, k)
		}
		return out, bina.Wrap(rows.Err(), "list enterprises")
	}
	var ap params
	aConds := append(q.rowConds(&ap), "e.sort_name >= "+ap.add(lo), "e.sort_name < "+ap.add(hi))
	kcond, order, back := pg.keyset(&ap, "e")
	first, err := read(`SELECT e.sort_name, e.id FROM enterprises e`+where(append(aConds, nonEmpty(kcond)...))+
		` ORDER BY `+order+` LIMIT `+ap.add(pg.limit+1), ap.args)
	if err != nil {
		return nil, false, err
	}
	var bp params
	bConds := []string{"e.id IN (SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH " + bp.add(others) + ")"}
	kcond, order, _ = pg.keyset(&bp, "e")
	rest, err := read(`SELECT e.sort_name, e.id FROM enterprises e`+where(append(bConds, nonEmpty(kcond)...))+
		` ORDER BY `+order+` LIMIT `+bp.add(pg.limit+1), bp.args)
	if err != nil {
		return nil, false, err
	}
	desc := pg.spec.desc != back
	before := func(a, b key) bool {
		c := cmp.Or(strings.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
		return (c < 0) != desc
	}
	ids := make([]int64, 0, pg.limit+1)
	for len(ids) <= pg.limit && (len(first) > 0 || len(rest) > 0) {
		if len(rest) == 0 || (len(first) > 0 && before(first[0], rest[0])) {
			ids, first = append(ids, first[0].id), first[1:]
		} else {
			ids, rest = append(ids, rest[0].id), rest[1:]
		}
	}
	s.initialPages.Add(1)
	return ids, true, nil
}

// asciiWord reports whether w is made of ASCII letters and digits only:
// then the names that start with it are one range of the name index.
func asciiWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// wordMergeMax is the largest number of distinct words with a search's
// prefix that a PostgreSQL page by name reads one after the other.
const wordMergeMax = 16

// cappedWordPage returns the ids of the page of a capped search on
// PostgreSQL (the others found their page while counting). Its matches are
// many, and the page is found in one of these ways:
//
//   - by name, one word: in the word table, whose key orders the entries
//     of each word by sort name, a merge of the ordered entries of each
//     distinct word with the prefix: it reads about as many entries as the
//     page has rows, wherever the matches sit among the names;
//   - by name otherwise: a sort of the entries of the words' ranges, which
//     hold the sort names (an index-only scan);
//   - by another sort: a walk of that sort's index testing each id
//     against all the matches, read from the word table into a hash (IS
//     TRUE keeps PostgreSQL from making the IN a join: a join does not
//     keep the walk's order, so it would read every match's row to sort
//     them);
//   - when the words' ranges are so large (a prefix of one or two
//     letters) that reading them costs more than testing the words of
//     each row a walk passes: the walk alone, which soon finds a page
//     among so many matches.
func (s *Store) cappedWordPage(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, pg pager) ([]int64, error) {
	byName := pg.spec.column == "sort_name"
	if byName && s.ftsDriveMax > 0 && !strings.Contains(q.words, " ") {
		ids, ok, err := s.wordMergePage(ctx, tx, q, pg)
		if ok || err != nil {
			return ids, err
		}
	}
	var ep params
	n, err := estimateRows(ctx, tx, s.wordMatches(&ep, q), ep.args)
	if err != nil {
		return nil, err
	}
	var p params
	if n > wordHashMax || s.ftsDriveMax == 0 {
		kcond, order, _ := pg.keyset(&p, "e")
		conds := append(q.rowConds(&p), s.d.searchCond(&p, q.words, nil, false))
		return queryIDs(ctx, tx, `SELECT e.id FROM enterprises e`+where(append(conds, nonEmpty(kcond)...))+
			` ORDER BY `+order+` LIMIT `+p.add(pg.limit+1), p.args)
	}
	if byName {
		// Without DISTINCT, which would hash every entry: the entries of
		// a record sit side by side in the order, and the page is read
		// with room for them.
		return s.distinctPage(pg, func(n int) ([]int64, error) {
			var p params
			match := s.wordMatches(&p, q)
			kcond, order, _ := keysetOn(&p, "w.", "w.enterprise_id", pg.spec, pg.c)
			return queryIDs(ctx, tx, `SELECT w.enterprise_id FROM (`+match+`) w`+where(nonEmpty(kcond))+
				` ORDER BY `+order+` LIMIT `+p.add(n), p.args)
		})
	}
	conds := append(renderConds(&p, q.base), "(e.id IN (SELECT enterprise_id FROM ("+s.wordMatches(&p, q)+") w)) IS TRUE")
	kcond, order, _ := pg.keyset(&p, "e")
	return queryIDs(ctx, tx, `SELECT e.id FROM enterprises e`+where(append(conds, nonEmpty(kcond)...))+
		` ORDER BY `+order+` LIMIT `+p.add(pg.limit+1), p.args)
}

// wordMergePage finds the page by name of a one-word search in the word
// table: it lists the distinct words with the prefix by skipping through
// the index, then merges their entries, each read in key order (word,
// sort name, id) from the cursor on. It reports false when the prefix has
// more than wordMergeMax words.
func (s *Store) wordMergePage(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, pg pager) ([]int64, bool, error) {
	lo, hi := prefixRange(q.words)
	rows, err := tx.QueryContext(ctx, `WITH RECURSIVE d (word) AS (
	SELECT (SELECT min(word) FROM enterprise_words WHERE word >= $1 AND word < $2)
	UNION ALL
	SELECT (SELECT min(x.word) FROM enterprise_words x WHERE x.word > d.word AND x.word < $2) FROM d WHERE d.word IS NOT NULL)
SELECT word FROM d WHERE word IS NOT NULL LIMIT $3`, lo, hi, wordMergeMax+1)
	if err != nil {
		return nil, false, bina.Wrap(err, "list enterprises")
	}
	var words []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			rows.Close()
			return nil, false, bina.Wrap(err, "list enterprises")
		}
		words = append(words, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, bina.Wrap(err, "list enterprises")
	}
	if len(words) > wordMergeMax {
		return nil, false, nil
	}
	if len(words) == 0 {
		return nil, true, nil
	}
	ids, err := s.distinctPage(pg, func(n int) ([]int64, error) {
		var p params
		branches := make([]string, len(words))
		for i, w := range words {
			conds := []string{"w.word = " + p.add(w)}
			for _, r := range q.regions {
				conds = append(conds, renderConds(&p, s.regionConds("w", r, false))...)
			}
			conds = append(conds, q.ff.conds(&p, "w.facets")...)
			kcond, order, _ := keysetOn(&p, "w.", "w.enterprise_id", pg.spec, pg.c)
			branches[i] = `(SELECT w.enterprise_id, w.sort_name FROM enterprise_words w` + where(append(conds, nonEmpty(kcond)...)) +
				` ORDER BY ` + order + ` LIMIT ` + p.add(n) + `)`
		}
		_, order, _ := keysetOn(&params{}, "u.", "u.enterprise_id", pg.spec, pg.c)
		return queryIDs(ctx, tx, `SELECT u.enterprise_id FROM (`+strings.Join(branches, " UNION ALL ")+`) u ORDER BY `+order+` LIMIT `+p.add(n), p.args)
	})
	return ids, true, err
}

// distinctPage reads a page with read(n), which returns the first n ids
// in the page's order where an id may come several times in a row (once
// per word of its record that matches), and drops the repeats, reading
// more when the repeats leave the page short.
func (s *Store) distinctPage(pg pager, read func(n int) ([]int64, error)) ([]int64, error) {
	want := pg.limit + 1
	for n := 2 * want; ; n *= 4 {
		raw, err := read(n)
		if err != nil {
			return nil, err
		}
		var ids []int64
		for _, id := range raw {
			if len(ids) == 0 || ids[len(ids)-1] != id {
				ids = append(ids, id)
			}
		}
		if len(ids) >= want || len(raw) < n {
			return ids[:min(len(ids), want)], nil
		}
	}
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
	if q.words == "" {
		return q.rowConds(p), nil
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
	return append(q.rowConds(p), "+"+search), nil
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

// loadPage reads the enterprises ids in the page's order, with their
// children, and the keys of their cursors.
func (s *Store) loadPage(ctx context.Context, tx *sql.Tx, ids []int64, pg pager) ([]*bina.Enterprise, []keyOf, error) {
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
		items = append(items, e)
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, bina.Wrap(err, "list enterprises")
	}
	rows.Close()
	return items, keys, s.loadEnterpriseChildren(ctx, tx, items)
}
