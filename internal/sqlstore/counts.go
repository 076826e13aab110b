package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"

	"bina"
)

// Live enterprises per desa and computed size are kept in enterprise_counts
// by every write, in the write's own transaction: a create adds one to its
// key, an archive takes one away, an edit that moves a record to another
// desa, size or coaching state moves its one from the old key to the new.
// Dashboards and list totals filtered only by region, size and coaching
// then read a few hundred rows instead of counting a million. (Keeping the
// desa, not just the kecamatan, serves officers who work in one desa and
// the desa filter from the same table.)

// countDelta is a change of one key of enterprise_counts and, by the year
// the record was last reached (0: never), of reach_counts (reach.go).
type countDelta struct {
	village, size string
	year          int
	total, binaan int
}

func countOf(e *bina.Enterprise, delta int) countDelta {
	binaan := 0
	if e.Binaan {
		binaan = delta
	}
	return countDelta{string(e.VillageCode), e.SizeComputed, reachYear(e.ReachedLast), delta, binaan}
}

// reachYear is the key of reach_counts of a last reach: its year, or 0.
func reachYear(d bina.Date) int {
	if d.IsZero() {
		return 0
	}
	return d.Year()
}

// countTally sums count deltas by desa and size: the counts a first load
// keeps in memory instead of writing them chunk by chunk.
type countTally map[countKey]countDelta

// countKey is a desa, size and reach year.
type countKey struct {
	village, size string
	year          int
}

func (t countTally) add(ds []countDelta) {
	for _, d := range ds {
		k := countKey{d.village, d.size, d.year}
		x := t[k]
		x.village, x.size, x.year = d.village, d.size, d.year
		x.total += d.total
		x.binaan += d.binaan
		t[k] = x
	}
}

func (t countTally) deltas() []countDelta {
	out := make([]countDelta, 0, len(t))
	for _, d := range t {
		out = append(out, d)
	}
	return out
}

// bumpEnterpriseCount adds delta to the key of e (a live record).
func (s *Store) bumpEnterpriseCount(ctx context.Context, tx *sql.Tx, e *bina.Enterprise, delta int) error {
	return s.addCounts(ctx, tx, []countDelta{countOf(e, delta)})
}

// moveEnterpriseCount moves a live record's one from the key of old to the
// key of cur, when they differ.
func (s *Store) moveEnterpriseCount(ctx context.Context, tx *sql.Tx, old, cur *bina.Enterprise) error {
	from, to := countOf(old, -1), countOf(cur, 1)
	if from.village == to.village && from.size == to.size && from.year == to.year && from.binaan == -to.binaan {
		return nil
	}
	return s.addCounts(ctx, tx, []countDelta{from, to})
}

// addCounts applies deltas to enterprise_counts, in one statement per
// thousand keys (a bulk load or an import touches hundreds of keys a
// batch). Keys are updated in one order, so that two transactions moving
// records between the same keys in opposite directions cannot deadlock on
// PostgreSQL's row locks.
func (s *Store) addCounts(ctx context.Context, tx *sql.Tx, ds []countDelta) error {
	if err := s.addReachCounts(ctx, tx, ds); err != nil {
		return err
	}
	ds = slices.Clone(ds)
	slices.SortFunc(ds, func(a, b countDelta) int {
		return cmp.Or(strings.Compare(a.village, b.village), strings.Compare(a.size, b.size))
	})
	// One row per key: an upsert may not touch a row twice.
	merged := ds[:0:0]
	for _, d := range ds {
		if n := len(merged); n > 0 && merged[n-1].village == d.village && merged[n-1].size == d.size {
			merged[n-1].total += d.total
			merged[n-1].binaan += d.binaan
			continue
		}
		merged = append(merged, d)
	}
	for start := 0; start < len(merged); start += 1000 {
		batch := merged[start:min(start+1000, len(merged))]
		// Plain "?" on SQLite: see dialect.numberedInsert.
		var p params
		rows := make([]string, len(batch))
		for i, d := range batch {
			if s.d.numberedInsert {
				rows[i] = "(" + p.list(d.village, districtOf(bina.RegionCode(d.village)), d.size, d.total, d.binaan) + ")"
			} else {
				p.args = append(p.args, d.village, districtOf(bina.RegionCode(d.village)), d.size, d.total, d.binaan)
				rows[i] = "(?, ?, ?, ?, ?)"
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO enterprise_counts (village_code, district_code, size, total, binaan) VALUES `+strings.Join(rows, ", ")+`
ON CONFLICT (village_code, size) DO UPDATE SET total = enterprise_counts.total + excluded.total, binaan = enterprise_counts.binaan + excluded.binaan`, p.args...)
		if err != nil {
			return bina.Wrap(err, "update counts")
		}
	}
	return nil
}

// EnterpriseCounts returns live enterprises per kecamatan and computed size
// inside the actor's region, from the kept counts.
func (s *Store) EnterpriseCounts(ctx context.Context) ([]bina.RegionCount, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var p params
	conds := s.countsRegionCond(&p, a.scope)
	// An area of one kecamatan or less is counted per desa (byVillage).
	village, group := "''", "district_code"
	if byVillage(a.scope) {
		village, group = "village_code", "district_code, village_code"
	}
	query := `SELECT district_code, ` + village + `, size, CAST(sum(total) AS BIGINT), CAST(sum(binaan) AS BIGINT) FROM enterprise_counts` + where(conds) +
		` GROUP BY ` + group + `, size HAVING sum(total) > 0 ORDER BY ` + group + `, size`
	var out []bina.RegionCount
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, p.args...)
		if err != nil {
			return bina.Wrap(err, "count enterprises")
		}
		defer rows.Close()
		for rows.Next() {
			var c bina.RegionCount
			if err := rows.Scan(&c.District, &c.Village, &c.Size, &c.Total, &c.Binaan); err != nil {
				return bina.Wrap(err, "count enterprises")
			}
			out = append(out, c)
		}
		return bina.Wrap(rows.Err(), "count enterprises")
	})
	return out, err
}

// byVillage reports whether the counts of an area are given per desa: an
// area of one kecamatan or one desa, such as a field officer's, whose
// counts per kecamatan would be a single row.
func byVillage(scope bina.RegionCode) bool {
	return scope != "" && scope.Level() >= bina.LevelDistrict
}

// countsRegionCond returns the conditions that a row of enterprise_counts
// lies in region.
func (s *Store) countsRegionCond(p *params, region bina.RegionCode) []string {
	switch {
	case region == "" || region == s.root:
		return nil
	case region.Level() == bina.LevelVillage:
		return []string{"village_code = " + p.add(string(region))}
	case region.Level() == bina.LevelDistrict:
		return []string{"district_code = " + p.add(string(region))}
	}
	lo, hi := region.Range()
	return []string{"district_code >= " + p.add(lo), "district_code < " + p.add(hi)}
}

// keptTotal returns the query of a list total that enterprise_counts
// answers: live records filtered by nothing but region, size and coaching.
func (s *Store) keptTotal(p *params, a actor, f bina.EnterpriseFilter) string {
	conds := s.countsRegionCond(p, a.scope)
	if f.Region != a.scope {
		conds = append(conds, s.countsRegionCond(p, f.Region)...)
	}
	if f.Size != "" {
		conds = append(conds, "size = "+p.add(f.Size))
	}
	col := "total"
	switch f.Binaan {
	case "ya":
		col = "binaan"
	case "tidak":
		col = "total - binaan"
	}
	return `SELECT CAST(COALESCE(sum(` + col + `), 0) AS BIGINT) FROM enterprise_counts` + where(conds)
}
