package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"bina"
)

// wordMatches returns a query of the ids and sort keys (enterprise_id,
// sort_name, village_code, facets) of the live records matching a search
// on PostgreSQL, from the
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
	// scan selects cols of the rows under alias a that start with one of
	// the word's alternatives (searchQuery), lie in the regions and carry
	// the facets, with the extra conditions: a range scan per alternative,
	// joined by UNION ALL (the alternatives' ranges do not overlap).
	scan := func(a, word, cols string, extra []string) string {
		var parts []string
		for _, alt := range alternatives(word) {
			lo, hi := prefixRange(alt)
			conds := []string{a + ".word >= " + p.add(lo), a + ".word < " + p.add(hi)}
			for _, r := range q.regions {
				conds = append(conds, renderConds(p, s.regionConds(a, r, false))...)
			}
			conds = append(append(conds, q.ff.conds(p, a+".facets")...), extra...)
			parts = append(parts, `SELECT `+cols+` FROM enterprise_words `+a+where(conds))
		}
		return strings.Join(parts, " UNION ALL ")
	}
	var others []string
	for i, word := range words[1:] {
		a := "w" + strconv.Itoa(i+1)
		others = append(others, `(w.enterprise_id IN (`+scan(a, word, a+".enterprise_id", nil)+`)) IS TRUE`)
	}
	return scan("w", words[0], "w.enterprise_id, w.sort_name, w.village_code, w.facets", others)
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
// among the matches: by the keys the word table holds (sort name, desa,
// size class in the facets), or by the time or id, which the primary key
// carries (a lookup per match that reads the index alone).
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
		rank := "0"
		if pg.rank != nil {
			rank = rankExpr(&p, "w", pg.rank)
		}
		var kcond, order string
		if pg.rank != nil {
			kcond, order, _ = rankedKeysetOn(&p, "x.rank", "x.", "x.id", pg.spec, pg.c)
		} else {
			kcond, order, _ = pg.keyset(&p, "x")
		}
		from := `m x`
		if pg.spec.kind == keyTime || pg.spec.column == "" {
			// LIMIT 1 keeps the lookup of each match a lookup (a
			// subquery with a limit is not merged into a join that the
			// planner might run as a scan of the whole table).
			from = `m CROSS JOIN LATERAL (SELECT e.id, e.updated_at, m.rank FROM enterprises e WHERE e.id = m.id LIMIT 1) x`
		}
		query := `WITH w AS (` + scan + `),
m AS (SELECT DISTINCT enterprise_id AS id, sort_name, village_code, ` + sizeRankOf("") + ` AS size_rank, ` + rank + ` AS rank FROM w),
c AS MATERIALIZED (SELECT (SELECT count(*) FROM w) AS scanned, (SELECT count(*) FROM m) AS n)
SELECT ` + within + `, c.n, CASE WHEN ` + within + ` AND c.n <= ` + p.add(searchCountCap) + ` THEN (
	SELECT COALESCE(string_agg(CAST(y.id AS TEXT) || ':' || CAST(y.rank AS TEXT), ','), '') FROM (
		SELECT x.id, x.rank FROM ` + from + where(nonEmpty(kcond)) + ` ORDER BY ` + order + ` LIMIT ` + p.add(pg.limit+1) + `) y)
END
FROM c`
		var ok bool
		var ids sql.NullString
		if err := tx.QueryRowContext(ctx, query, p.args...).Scan(&ok, &m.total, &ids); err != nil {
			return false, bina.Wrap(err, "count enterprises")
		}
		if ids.Valid {
			m.paged = true
			m.ids, m.ranks, err = parseRankedIDs(ids.String)
			if pg.rank == nil {
				m.ranks = nil
			}
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
	alts := alternatives(q.words)
	if pg.spec.column != "sort_name" || q.archived || q.exact != nil || s.ftsDriveMax == 0 || q.words == "" || strings.Contains(q.words, " ") ||
		slices.ContainsFunc(alts, func(a string) bool { return !asciiWord(a) }) {
		return nil, false, nil
	}
	// Each alternative is a range of the name index; the ranges do not
	// overlap (imports.SearchAlternatives).
	var words, initials []string
	for _, a := range alts {
		words, initials = append(words, `words : "`+a+`"*`), append(initials, `words : ^"`+a+`"*`)
	}
	word := "(" + strings.Join(words, " OR ") + ")"
	initial := "(" + strings.Join(initials, " OR ") + ")"
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
	// rangeCount counts the live records whose sort name starts with an
	// alternative, up to max each.
	rangeCount := func(max int) (int, error) {
		n := 0
		for _, a := range alts {
			lo, hi := prefixRange(a)
			var rp params
			rangeConds := append(q.rowConds(&rp), "e.sort_name >= "+rp.add(lo), "e.sort_name < "+rp.add(hi))
			c, err := count(`SELECT e.id FROM enterprises e`+where(rangeConds), rp.args, max)
			if err != nil {
				return 0, err
			}
			n += c
		}
		return n, nil
	}
	// A word that starts no name ("udang", inside names) has no range to
	// read: one seek tells, before a count of its matches.
	if n, err := rangeCount(0); err != nil || n == 0 {
		return nil, false, err
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
	nRange, err := rangeCount(initialCountMax)
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
	// parts are the page's candidates from each range and from the others,
	// each in the page's order.
	var parts [][]key
	var back bool
	for _, a := range alts {
		lo, hi := prefixRange(a)
		var ap params
		aConds := append(q.rowConds(&ap), "e.sort_name >= "+ap.add(lo), "e.sort_name < "+ap.add(hi))
		kcond, order, b := pg.keyset(&ap, "e")
		part, err := read(`SELECT e.sort_name, e.id FROM enterprises e`+where(append(aConds, nonEmpty(kcond)...))+
			` ORDER BY `+order+` LIMIT `+ap.add(pg.limit+1), ap.args)
		if err != nil {
			return nil, false, err
		}
		parts, back = append(parts, part), b
	}
	var bp params
	bConds := []string{"e.id IN (SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH " + bp.add(others) + ")"}
	kcond, order, _ := pg.keyset(&bp, "e")
	rest, err := read(`SELECT e.sort_name, e.id FROM enterprises e`+where(append(bConds, nonEmpty(kcond)...))+
		` ORDER BY `+order+` LIMIT `+bp.add(pg.limit+1), bp.args)
	if err != nil {
		return nil, false, err
	}
	parts = append(parts, rest)
	desc := pg.spec.desc != back
	before := func(a, b key) bool {
		c := cmp.Or(strings.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
		return (c < 0) != desc
	}
	ids := make([]int64, 0, pg.limit+1)
	for len(ids) <= pg.limit {
		next := -1
		for i, part := range parts {
			if len(part) > 0 && (next < 0 || before(part[0], parts[next][0])) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		ids, parts[next] = append(ids, parts[next][0].id), parts[next][1:]
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
	var words []string
	for _, alt := range alternatives(q.words) {
		lo, hi := prefixRange(alt)
		more, err := queryStrings(ctx, tx, `WITH RECURSIVE d (word) AS (
	SELECT (SELECT min(word) FROM enterprise_words WHERE word >= $1 AND word < $2)
	UNION ALL
	SELECT (SELECT min(x.word) FROM enterprise_words x WHERE x.word > d.word AND x.word < $2) FROM d WHERE d.word IS NOT NULL)
SELECT word FROM d WHERE word IS NOT NULL LIMIT $3`, lo, hi, wordMergeMax+1)
		if err != nil {
			return nil, false, err
		}
		if words = append(words, more...); len(words) > wordMergeMax {
			return nil, false, nil
		}
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

// queryStrings returns the first column of the rows of query.
func queryStrings(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, bina.Wrap(err, "list enterprises")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, bina.Wrap(err, "list enterprises")
		}
		out = append(out, v)
	}
	return out, bina.Wrap(rows.Err(), "list enterprises")
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
