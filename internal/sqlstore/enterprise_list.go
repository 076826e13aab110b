package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"bina"
)

// How a list is read. A page is found in two steps: the ids of its rows
// by a walk of one of the list indexes (or from the matches of a search),
// then the rows themselves. The first step names only columns the list
// indexes carry (sort keys, desa, facets), so that it reads no table page
// for the rows it passes over; only the page's own rows are read.
//
// The total comes first, from the cheapest exact source:
//
//   - region, size and coaching only: the kept counts (counts.go);
//   - a search: the search index, counted up to searchCountCap;
//   - other filters: the facets inside the list indexes (PostgreSQL) or
//     the facet tokens of the full-text index (SQLite);
//   - a NIB: its index.
//
// A search's matches are then either the page's source (few matches: look
// them up and sort them) or a test applied while walking the sort index
// (many matches: the walk finds a page after a few hundred rows). On
// PostgreSQL the count hands the page the ids of the matches and the
// planner, which then knows their number, picks the way; on SQLite the
// store picks by comparing the two costs.

// searchCountCap is where a search stops counting. A search matching more
// records reports this many with TotalCapped set ("more than 10,000"):
// past it an exact number helps nobody browse, and counting a common
// prefix exactly (the letter "a" matches a third of the register) would
// cost more than the whole page is allowed to. Totals of lists without a
// search are always exact.
const searchCountCap = 10_000

// wordScanMax bounds the word-table rows a PostgreSQL search count reads:
// a record contributes one row per word that matches the first query word,
// so this many rows nearly always hold more than searchCountCap records.
// When they do not, the count is run again without the bound.
const wordScanMax = 4 * (searchCountCap + 1)

// defaultFTSDriveMax is the largest number of matches for which a searched
// page is read from its matches (looked up and sorted) rather than by
// walking the sort index and testing each row. Below it, the engine or the
// store compares the two costs; tests set it to 0 to make every search
// walk, testing the words on each row.
const defaultFTSDriveMax = 20_000

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
	// ids holds, for a PostgreSQL search with at most wordIDsMax matches,
	// their ids as an array literal ("{1,2,3}").
	ids string
}

// wordIDsMax is the largest number of matches of a PostgreSQL search that
// its count hands to the page as constants: enough to let the planner look
// them up when that beats a walk, few enough that planning stays cheap (the
// planner estimates every element of a constant array).
const wordIDsMax = 500

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
	limit := pageLimit(f.Limit)
	q, err := s.enterpriseConds(a, f)
	if err != nil {
		return page, err
	}
	var keys []keyOf
	var reversed bool
	err = s.read(ctx, func(tx *sql.Tx) error {
		if s.d.listSetup != "" {
			if _, err := tx.ExecContext(ctx, s.d.listSetup); err != nil {
				return bina.Wrap(err, "list enterprises")
			}
		}
		m, err := s.countEnterprises(ctx, tx, a, f, q)
		if err != nil {
			return err
		}
		page.Total, page.TotalCapped = m.total, m.capped
		if m.total == 0 && c == nil {
			return nil
		}
		var p params
		conds, err := s.pageConds(ctx, tx, q, m, &p, limit)
		if err != nil {
			return err
		}
		kcond, order, back := keyset(&p, "e", f.Sort, spec, c)
		if kcond != "" {
			conds = append(conds, kcond)
		}
		reversed = back
		// The ids of the page first, from the list indexes alone; then
		// its rows.
		pageSQL := enterpriseSelect + ` WHERE e.id IN (SELECT e.id FROM enterprises e` + where(conds) +
			` ORDER BY ` + order + ` LIMIT ` + p.add(limit+1) + `) ORDER BY ` + order
		rows, err := tx.QueryContext(ctx, pageSQL, p.args...)
		if err != nil {
			return bina.Wrap(err, "list enterprises")
		}
		defer rows.Close()
		var items []*bina.Enterprise
		for rows.Next() {
			e, k, err := scanEnterprise(rows)
			if err != nil {
				return bina.Wrap(err, "list enterprises")
			}
			items = append(items, e)
			keys = append(keys, k)
		}
		if err := rows.Err(); err != nil {
			return bina.Wrap(err, "list enterprises")
		}
		rows.Close()
		if err := s.loadEnterpriseChildren(ctx, tx, items); err != nil {
			return err
		}
		page.Items = make([]bina.Enterprise, len(items))
		for i, e := range items {
			if a.masked() {
				maskOwner(&e.Owner)
			}
			page.Items[i] = *e
		}
		return nil
	})
	if err != nil {
		return bina.Page[bina.Enterprise]{}, err
	}
	finishPage(&page, keys, limit, f.Sort, c, reversed)
	return page, nil
}

// countEnterprises counts the records q selects.
func (s *Store) countEnterprises(ctx context.Context, tx *sql.Tx, a actor, f bina.EnterpriseFilter, q *enterpriseQuery) (matches, error) {
	var m matches
	var query string
	var p params
	switch {
	case q.fromCounts:
		query = s.keptTotal(&p, a, f)
	case q.words != "" && !q.archived && s.d.searchColumn:
		return s.countWords(ctx, tx, q)
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

// wordMatches returns a query of the ids of the live records matching a
// search on PostgreSQL, from the word table: the rows of the first word's
// prefix range that lie in the regions and carry the facets, each further
// word a semi-join on its own range. An id comes once per word of its
// record that has the first word as prefix.
func (s *Store) wordMatches(p *params, q *enterpriseQuery) string {
	// The same conditions on each word's rows make every range smaller
	// before the ranges meet.
	filter := func(alias, word string) []string {
		conds := []string{alias + ".word LIKE " + p.add(word+"%")}
		for _, r := range q.regions {
			conds = append(conds, renderConds(p, s.regionConds(alias, r, false))...)
		}
		return append(conds, q.ff.conds(p, alias+".facets")...)
	}
	words := strings.Fields(q.words)
	conds := filter("w", words[0])
	for i, word := range words[1:] {
		a := "w" + strconv.Itoa(i+1)
		conds = append(conds, `w.enterprise_id IN (SELECT `+a+`.enterprise_id FROM enterprise_words `+a+where(filter(a, word))+`)`)
	}
	return `SELECT w.enterprise_id FROM enterprise_words w` + where(conds)
}

// countWords counts the live records matching a search on PostgreSQL,
// reading at most wordScanMax rows of the word table (an index-only
// scan). It returns the matches' ids unless the count is capped.
func (s *Store) countWords(ctx context.Context, tx *sql.Tx, q *enterpriseQuery) (matches, error) {
	var m matches
	run := func(bound bool) (scanned int, err error) {
		var p params
		scan := s.wordMatches(&p, q)
		if bound {
			scan += ` LIMIT ` + p.add(wordScanMax)
		}
		query := `WITH w AS (` + scan + `)
SELECT (SELECT count(*) FROM w), count(*),
	CASE WHEN count(*) <= ` + p.add(wordIDsMax) + ` THEN '{' || COALESCE(string_agg(CAST(enterprise_id AS TEXT), ','), '') || '}' ELSE '' END
FROM (SELECT DISTINCT enterprise_id FROM w LIMIT ` + p.add(searchCountCap+1) + `) d`
		err = tx.QueryRowContext(ctx, query, p.args...).Scan(&scanned, &m.total, &m.ids)
		return scanned, bina.Wrap(err, "count enterprises")
	}
	scanned, err := run(true)
	if err == nil && scanned >= wordScanMax && m.total <= searchCountCap {
		// Many rows for few records (each has several words with the
		// prefix): count them all.
		_, err = run(false)
	}
	if err != nil {
		return m, err
	}
	if m.total > searchCountCap {
		m.total, m.capped, m.ids = searchCountCap, true, ""
	}
	return m, nil
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

// pageConds returns the conditions on the alias e that select a page's
// rows, given what counting found.
func (s *Store) pageConds(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, m matches, p *params, limit int) ([]string, error) {
	if q.words == "" {
		return q.rowConds(p), nil
	}
	if q.archived {
		return append(q.rowConds(p), s.d.searchCond(p, q.words, q.tokens, true)), nil
	}
	if s.d.searchColumn && s.ftsDriveMax > 0 {
		if m.ids != "" {
			// The ids are a constant of the statement, so the planner
			// knows how many there are: it looks them up and sorts them
			// when they are few, and otherwise walks the sort index and
			// tests each id against them (a hash).
			return append(renderConds(p, q.base), "e.id = ANY(CAST("+p.add(m.ids)+" AS BIGINT[]))"), nil
		}
		// Many matches: walk the sort index, testing each id against all
		// the matches, read again from the word table into a hash. (IS
		// TRUE keeps PostgreSQL from making the IN a join: a join does
		// not keep the walk's order, so it would read every match's row
		// to sort them.) A capped search whose rows in the word table are
		// too many to read is left to the walk below.
		hashed := !m.capped
		if m.capped {
			var ep params
			n, err := estimateRows(ctx, tx, s.wordMatches(&ep, q), ep.args)
			if err != nil {
				return nil, err
			}
			hashed = n <= wordHashMax
		}
		if hashed {
			return append(renderConds(p, q.base), "(e.id IN ("+s.wordMatches(p, q)+")) IS TRUE"), nil
		}
	}
	if s.d.searchColumn {
		// So many matches that a walk finds a page within a few hundred
		// rows: the words are tested on each row that has the facets.
		return append(q.rowConds(p), s.d.searchCond(p, q.words, nil, false)), nil
	}
	search := s.d.searchCond(p, q.words, q.tokens, false)
	if !m.capped && m.total <= s.ftsDriveMax {
		rows, err := s.liveRows(ctx, tx, q)
		if err != nil {
			return nil, err
		}
		if !walkCheaper(m.total, rows, limit) {
			return []string{search}, nil
		}
	}
	// The "+" keeps SQLite from driving the query by the matches: it walks
	// the sort index and tests each row against them.
	return append(q.rowConds(p), "+"+search), nil
}

// walkCheaper reports whether SQLite finds a page of n matches among rows
// live records faster by walking the sort index (about rows/n index
// entries per item, each tested against the matches) than by looking up
// every match and sorting them. A lookup of a row costs about as much as
// testing 25 index entries.
func walkCheaper(n, rows, limit int) bool {
	if n == 0 {
		return false
	}
	return float64(n) >= math.Sqrt(float64(limit+1)*float64(rows)/25)
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
