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
// the record was last reached (0: never), of reach_counts (reach.go), and
// of the keys of enterprise_facts (facts.go) the record lies in: the
// owner's gender and disability, the KBLI section, the years the record
// was created and archived (0: live). Archived records count in the facts
// only. A delta is comparable: equal keys and sums are the same change.
type countDelta struct {
	village, size string
	year          int
	total, binaan int

	section, gender   string
	disabled          bool
	created, closed   int
	verified, digital int
	women, kbli, nik  int
	noVillage         int
	paidMale, paidFem int
	unpaidMale        int
	unpaidFem         int
	// reachOnly marks a move of a live record's last reach alone
	// (refreshReach): of the facts, only the reach rows change.
	reachOnly bool
}

// countOf returns the change of e's keys when e enters (delta 1) or leaves
// (-1) them.
func (s *Store) countOf(e *bina.Enterprise, delta int) countDelta {
	d := countDelta{village: string(e.VillageCode), size: e.SizeComputed, year: reachYear(e.ReachedLast), total: delta,
		section: s.kbliSection(e.MainKBLI()), gender: e.Owner.Gender, disabled: e.Owner.Disability,
		created:  e.CreatedAt.In(s.loc()).Year(),
		paidMale: delta * e.WorkersPaidMale, paidFem: delta * e.WorkersPaidFemale,
		unpaidMale: delta * e.WorkersUnpaidMale, unpaidFem: delta * e.WorkersUnpaidFemale}
	if e.ArchivedAt != nil {
		d.closed = e.ArchivedAt.In(s.loc()).Year()
	}
	for _, f := range []struct {
		on bool
		n  *int
	}{{e.Binaan, &d.binaan}, {e.Verification == verified, &d.verified}, {e.Digital.Any(), &d.digital},
		{e.Owner.Gender == "P", &d.women}, {d.section != "", &d.kbli}, {nikValid(e.Owner.NIK, s.now()), &d.nik},
		{!s.knownVillage(e.VillageCode), &d.noVillage}} {
		if f.on {
			*f.n = delta
		}
	}
	return d
}

// neg returns the opposite change.
func (d countDelta) neg() countDelta {
	for _, n := range []*int{&d.total, &d.binaan, &d.verified, &d.digital, &d.women, &d.kbli, &d.nik, &d.noVillage, &d.paidMale, &d.paidFem, &d.unpaidMale, &d.unpaidFem} {
		*n = -*n
	}
	return d
}

// key returns the keys of d without its sums.
func (d countDelta) key() countKey {
	return countKey{d.village, d.size, d.year, d.section, d.gender, d.disabled, d.created, d.closed}
}

// live reports whether d is of a live record: it counts in
// enterprise_counts and reach_counts.
func (d countDelta) live() bool { return d.closed == 0 }

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

// countKey is every key of a countDelta.
type countKey struct {
	village, size   string
	year            int
	section, gender string
	disabled        bool
	created, closed int
}

func (t countTally) add(ds []countDelta) {
	for _, d := range ds {
		k := d.key()
		x, ok := t[k]
		if !ok {
			t[k] = d
			continue
		}
		x.addSums(d)
		t[k] = x
	}
}

// addSums adds the sums of o to d.
func (d *countDelta) addSums(o countDelta) {
	d.total += o.total
	d.binaan += o.binaan
	d.verified += o.verified
	d.digital += o.digital
	d.women += o.women
	d.kbli += o.kbli
	d.nik += o.nik
	d.noVillage += o.noVillage
	d.paidMale += o.paidMale
	d.paidFem += o.paidFem
	d.unpaidMale += o.unpaidMale
	d.unpaidFem += o.unpaidFem
}

func (t countTally) deltas() []countDelta {
	out := make([]countDelta, 0, len(t))
	for _, d := range t {
		out = append(out, d)
	}
	return out
}

// bumpEnterpriseCount adds a new record e to its keys.
func (s *Store) bumpEnterpriseCount(ctx context.Context, tx *sql.Tx, e *bina.Enterprise) error {
	return s.addCounts(ctx, tx, []countDelta{s.countOf(e, 1)})
}

// moveEnterpriseCount moves a record's one from the keys of old to the
// keys of cur, when they differ: an edit, or an archive or restore (cur's
// ArchivedAt set or cleared). Its certificates and financing move with it.
func (s *Store) moveEnterpriseCount(ctx context.Context, tx *sql.Tx, old, cur *bina.Enterprise) error {
	if err := s.movePembinaan(ctx, tx, old, cur); err != nil {
		return err
	}
	from, to := s.countOf(old, -1), s.countOf(cur, 1)
	if from.neg() == to {
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
	if err := s.addFacts(ctx, tx, ds); err != nil {
		return err
	}
	ds = slices.DeleteFunc(slices.Clone(ds), func(d countDelta) bool { return !d.live() })
	if len(ds) == 0 {
		return nil
	}
	if err := s.addReachCounts(ctx, tx, ds); err != nil {
		return err
	}
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
