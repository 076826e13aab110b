package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"bina"
)

// scanRowsMax bounds the rows scanPage reads before it gives the page up
// to the walk that tests the full-text index. A row costs what a few
// hundred postings cost that walk, and matches may sit together in the
// order, far from the cursor ("udang" follows every other product of
// "Abon …" in the generated names): with a bound of 1,500 rows those
// pages cost up to twice the walk they stood in for.
const scanRowsMax = 600

// scanPage finds the page of a search on SQLite by walking the sort's
// index in windows and testing each row's words in Go: the words are
// computed from the row's texts as the store writes them (recordWords),
// so the test is the full-text index's. The walk that tests the full-text
// index instead reads every match out of it into a temporary index before
// it tests the first row: a third of the register for "a" at a million
// (docs/search.md), where this reads a hundred rows. It reports false when
// scanRowsMax rows hold too few matches: a rarer word, or matches that sit
// together further on, for which reading the matches first is cheaper.
func (s *Store) scanPage(ctx context.Context, tx *sql.Tx, q *enterpriseQuery, pg pager) ([]int64, bool, error) {
	words := strings.Fields(q.words)
	c := pg.c
	var ids []int64
	for read, window := 0, 4*(pg.limit+1); read < scanRowsMax; read, window = read+window, min(4*window, scanRowsMax-read-window) {
		var p params
		kcond, order, _ := keysetOn(&p, "e.", "e.id", pg.spec, c)
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.sort_name, e.village_code, e.size_rank, e.updated_at, e.name, e.trade_name, e.main_product, o.name
FROM enterprises e JOIN persons o ON o.id = e.owner_id`+where(append(q.walkConds(&p), nonEmpty(kcond)...))+
			` ORDER BY `+order+` LIMIT `+p.add(window), p.args...)
		if err != nil {
			return nil, false, bina.Wrap(err, "list enterprises")
		}
		n := 0
		var last keyOf
		for rows.Next() {
			var name, trade, product, owner string
			var updated time.Time
			if err := rows.Scan(&last.id, &last.sortName, &last.code, &last.num, &updated, &name, &trade, &product, &owner); err != nil {
				rows.Close()
				return nil, false, bina.Wrap(err, "list enterprises")
			}
			last.updated, n = updated, n+1
			if len(ids) <= pg.limit && matchesAll(strings.Fields(recordWords(name, trade, product, owner)), words) {
				ids = append(ids, last.id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, false, bina.Wrap(err, "list enterprises")
		}
		if len(ids) > pg.limit || n < window {
			return ids, true, nil
		}
		next := last.pos(pg.sort, c != nil && c.Back)
		c = &next
	}
	return nil, false, nil
}

// matchesAll reports whether every word of a search (searchQuery) has an
// alternative that starts one of words.
func matchesAll(words, query []string) bool {
	for _, w := range query {
		alts := alternatives(w)
		if !slices.ContainsFunc(words, func(x string) bool {
			return slices.ContainsFunc(alts, func(a string) bool { return strings.HasPrefix(x, a) })
		}) {
			return false
		}
	}
	return true
}
