package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"bina"
)

// The kept count of cooperatives (migration 0032): coop_counts holds the
// cooperatives per region of every level, type, group, KDMP flag, last RAT
// year and the years they were created and archived (which place them in
// a past year); coop_counted what each cooperative was counted as. Every
// write of a cooperative calls keepCoopCount in its own transaction (a
// bulk load tallies its cooperatives in memory, addCoopCounts), so that
// coop_registered, coop_active and kdmp_progress read a few rows by key.
// See docs/indikator.md.

// coopCountsVersion is the version of the kept counts this code writes;
// coop_counts_version holds the one the database has.
const coopCountsVersion = 1

// coopCount is what one cooperative is counted as: a row of coop_counted.
type coopCount struct {
	village, district, jenis, kelompok string
	kdmp                               bool
	ratYear, created, archived         int
}

var coopCountedColumns = []string{"cooperative_id", "village_code", "district_code", "jenis", "kelompok", "kdmp", "rat_year", "created_year", "archived_year"}

// coopCountOf returns what a cooperative is counted as: with the years it
// was created and archived (0: live) in the deployment's zone, as
// recordConds places records in a year.
func (s *Store) coopCountOf(village, district, jenis, kelompok string, kdmp bool, ratYear int, created time.Time, archived *time.Time) coopCount {
	c := coopCount{village: village, district: district, jenis: jenis, kelompok: kelompok, kdmp: kdmp, ratYear: ratYear, created: created.In(s.loc()).Year()}
	if archived != nil {
		c.archived = archived.In(s.loc()).Year()
	}
	return c
}

// coopCountKey is a key of coop_counts.
type coopCountKey struct {
	level                           int
	region, parent, jenis, kelompok string
	kdmp                            bool
	ratYear, created, archived      int
}

// coopCountLevels are the regions a cooperative is counted in, from the
// country (level 0) to its desa (4), each with its parent.
var coopCountLevels = []func(c *coopCount) (region, parent string){
	func(*coopCount) (string, string) { return "", "-" },
	func(c *coopCount) (string, string) { return prefix(c.village, 2), "" },
	func(c *coopCount) (string, string) { return prefix(c.village, 5), prefix(c.village, 2) },
	func(c *coopCount) (string, string) { return c.district, prefix(c.village, 5) },
	func(c *coopCount) (string, string) { return c.village, c.district },
}

// addCoopCount adds a counted cooperative to the changes of its keys at
// every level, with sign 1 (counted) or -1 (no longer counted as such).
func addCoopCount(d map[coopCountKey]int64, c coopCount, sign int64) {
	for level, of := range coopCountLevels {
		region, parent := of(&c)
		d[coopCountKey{level, region, parent, c.jenis, c.kelompok, c.kdmp, c.ratYear, c.created, c.archived}] += sign
	}
}

// coopCountColumns are the columns of coop_counts a change writes.
var coopCountColumns = []string{"level", "region_code", "parent_code", "jenis", "kelompok", "kdmp", "rat_year", "created_year", "archived_year", "cooperatives"}

// applyCoopCounts adds the changes to the tally of tx when it has one
// (keptTally), else writes them.
func (s *Store) applyCoopCounts(ctx context.Context, tx *sql.Tx, d map[coopCountKey]int64) error {
	if t := s.tallies.of(tx); t != nil {
		for k, n := range d {
			t.coops[k] += n
		}
		return nil
	}
	return s.writeCoopCounts(ctx, tx, d)
}

// writeCoopCounts writes the changes to coop_counts in the order of their
// keys, so that two transactions lock the same keys in the same order (no
// deadlock on PostgreSQL), a thousand keys an upsert; a key nothing is
// counted in any more is dropped, an unchanged one not written.
func (s *Store) writeCoopCounts(ctx context.Context, tx *sql.Tx, d map[coopCountKey]int64) error {
	keys := slices.SortedFunc(maps.Keys(d), func(a, b coopCountKey) int {
		return cmp.Or(cmp.Compare(a.level, b.level), cmp.Compare(a.region, b.region), cmp.Compare(a.jenis, b.jenis), cmp.Compare(a.kelompok, b.kelompok),
			cmp.Compare(boolOrder(a.kdmp), boolOrder(b.kdmp)), cmp.Compare(a.ratYear, b.ratYear), cmp.Compare(a.created, b.created), cmp.Compare(a.archived, b.archived))
	})
	keys = slices.DeleteFunc(keys, func(k coopCountKey) bool { return d[k] == 0 })
	err := s.bulkUpsert(ctx, tx, "coop_counts", coopCountColumns,
		`ON CONFLICT (level, region_code, jenis, kelompok, kdmp, rat_year, created_year, archived_year) DO UPDATE SET cooperatives = coop_counts.cooperatives + excluded.cooperatives`,
		len(keys), func(i int, dst []any) []any {
			k := &keys[i]
			return append(dst, k.level, k.region, k.parent, k.jenis, k.kelompok, k.kdmp, k.ratYear, k.created, k.archived, d[*k])
		})
	if err != nil {
		return bina.Wrap(err, "keep cooperative counts")
	}
	keys = slices.DeleteFunc(keys, func(k coopCountKey) bool { return d[k] > 0 })
	err = deleteEmptyKeys(ctx, tx, "coop_counts", []string{"level", "region_code", "jenis", "kelompok", "kdmp", "rat_year", "created_year", "archived_year"}, len(keys),
		func(i int, dst []any) []any {
			k := &keys[i]
			return append(dst, k.level, k.region, k.jenis, k.kelompok, k.kdmp, k.ratYear, k.created, k.archived)
		})
	return bina.Wrap(err, "keep cooperative counts")
}

// deleteEmptyKeys drops the rows of a kept count at the n keys (the
// columns cols; vals appends the values of key i) that count nothing any
// more, a hundred keys a statement.
func deleteEmptyKeys(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, vals func(i int, dst []any) []any) error {
	const per = 100
	var args []any
	for start := 0; start < n; start += per {
		var p params
		ors := make([]string, 0, per)
		for i := start; i < min(start+per, n); i++ {
			args = vals(i, args[:0])
			conds := make([]string, len(cols))
			for j, c := range cols {
				conds[j] = c + " = " + p.add(args[j])
			}
			ors = append(ors, "("+strings.Join(conds, " AND ")+")")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE cooperatives = 0 AND (`+strings.Join(ors, " OR ")+`)`, p.args...); err != nil {
			return err
		}
	}
	return nil
}

// keptTally holds changes of coop_counts and rat_counts not written yet:
// a run of writes that moves many cooperatives one by one (an import's
// chunk) tallies them in memory and writes each key once at its end
// (flushKept), instead of a few upserts per cooperative. Only the
// summaries wait: coop_counted and rat_counted, which the next write of
// the same cooperative compares with, are written at once.
type keptTally struct {
	coops map[coopCountKey]int64
	rats  map[ratCountKey]int64
}

// keptTallies are the open tallies, by the transaction they belong to.
type keptTallies struct {
	mu   sync.Mutex
	byTx map[*sql.Tx]*keptTally
}

// of returns the tally of tx, or nil.
func (ts *keptTallies) of(tx *sql.Tx) *keptTally {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.byTx[tx]
}

// tallyKept makes the writes of kept counts in tx tally in memory until
// flushKept; the function returned ends that (without writing: call it
// after flushKept, or on failure, when tx is rolled back).
func (s *Store) tallyKept(tx *sql.Tx) (end func()) {
	ts := &s.tallies
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.byTx == nil {
		ts.byTx = map[*sql.Tx]*keptTally{}
	}
	ts.byTx[tx] = &keptTally{coops: map[coopCountKey]int64{}, rats: map[ratCountKey]int64{}}
	return func() {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		delete(ts.byTx, tx)
	}
}

// flushKept writes the tally of tx, each key once, and starts it again.
func (s *Store) flushKept(ctx context.Context, tx *sql.Tx) error {
	t := s.tallies.of(tx)
	if t == nil {
		return nil
	}
	coops, rats := t.coops, t.rats
	t.coops, t.rats = map[coopCountKey]int64{}, map[ratCountKey]int64{}
	if err := s.writeRatCounts(ctx, tx, rats); err != nil {
		return err
	}
	return s.writeCoopCounts(ctx, tx, coops)
}

// boolOrder orders false before true.
func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// readCoopCounts reads the cooperatives (one unless id is 0) as they are
// to be counted now.
func (s *Store) readCoopCounts(ctx context.Context, q querier, id int64, fn func(id int64, c coopCount)) error {
	query := `SELECT id, village_code, district_code, jenis, kelompok, kdmp, last_rat_year, created_at, archived_at FROM cooperatives`
	var p params
	if id != 0 {
		query += ` WHERE id = ` + p.add(id)
	}
	return eachRow(ctx, q, "read cooperatives", query, p.args, func(sc scanner) error {
		var (
			cid                                int64
			village, district, jenis, kelompok string
			kdmp                               bool
			ratYear                            int
			created                            time.Time
			archived                           sql.NullTime
		)
		if err := sc.Scan(&cid, &village, &district, &jenis, &kelompok, &kdmp, &ratYear, &created, &archived); err != nil {
			return err
		}
		fn(cid, s.coopCountOf(village, district, jenis, kelompok, kdmp, ratYear, created, timePtr(archived)))
		return nil
	})
}

// keepCoopCount brings the kept count of one cooperative in step after any
// write of it: its old count (as coop_counted holds it; none for a new
// cooperative) is taken out and the new one put in, when they differ.
func (s *Store) keepCoopCount(ctx context.Context, tx *sql.Tx, id int64) error {
	if err := s.keepRatCount(ctx, tx, id); err != nil { // its RATs on time: rat_counts.go
		return err
	}
	var old coopCount
	err := tx.QueryRowContext(ctx, `SELECT village_code, district_code, jenis, kelompok, kdmp, rat_year, created_year, archived_year FROM coop_counted WHERE cooperative_id = $1`, id).
		Scan(&old.village, &old.district, &old.jenis, &old.kelompok, &old.kdmp, &old.ratYear, &old.created, &old.archived)
	had := err == nil
	if err != nil && err != sql.ErrNoRows {
		return bina.Wrap(err, "read cooperative count")
	}
	var now coopCount
	if err := s.readCoopCounts(ctx, tx, id, func(_ int64, c coopCount) { now = c }); err != nil {
		return err
	}
	if had && old == now {
		return nil
	}
	d := map[coopCountKey]int64{}
	if had {
		addCoopCount(d, old, -1)
		if _, err := tx.ExecContext(ctx, `DELETE FROM coop_counted WHERE cooperative_id = $1`, id); err != nil {
			return bina.Wrap(err, "keep cooperative count")
		}
	}
	addCoopCount(d, now, 1)
	if err := insertCoopCounted(ctx, s, tx, []int64{id}, []coopCount{now}); err != nil {
		return err
	}
	return s.applyCoopCounts(ctx, tx, d)
}

// insertCoopCounted stores what the cooperatives ids are counted as.
func insertCoopCounted(ctx context.Context, s *Store, tx *sql.Tx, ids []int64, cs []coopCount) error {
	err := s.bulkInsert(ctx, tx, "coop_counted", coopCountedColumns, nil, len(cs), func(i int, dst []any) []any {
		c := &cs[i]
		return append(dst, ids[i], c.village, c.district, c.jenis, c.kelompok, c.kdmp, c.ratYear, c.created, c.archived)
	})
	return bina.Wrap(err, "keep cooperative count")
}

// addCoopCounts counts cooperatives new to the store (a bulk load) or all
// of them (a rebuild), tallied in memory so that each key is written once.
func (s *Store) addCoopCounts(ctx context.Context, tx *sql.Tx, ids []int64, cs []coopCount) error {
	if err := insertCoopCounted(ctx, s, tx, ids, cs); err != nil {
		return err
	}
	d := map[coopCountKey]int64{}
	for _, c := range cs {
		addCoopCount(d, c, 1)
	}
	return s.applyCoopCounts(ctx, tx, d)
}

// bulkCoopCounts counts the cooperatives of a bulk load.
func (s *Store) bulkCoopCounts(ctx context.Context, tx *sql.Tx, coops []bina.Cooperative) error {
	ids := make([]int64, len(coops))
	cs := make([]coopCount, len(coops))
	for i := range coops {
		c := &coops[i]
		ids[i] = c.ID
		cs[i] = s.coopCountOf(string(c.VillageCode), districtOf(c.VillageCode), c.Jenis, c.Kelompok, c.KDMP, c.LastRATYear, c.CreatedAt, c.ArchivedAt)
	}
	return s.addCoopCounts(ctx, tx, ids, cs)
}

// rebuildCoopCounts counts every cooperative again.
func (s *Store) rebuildCoopCounts(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"coop_counted", "coop_counts"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return bina.Wrap(err, "rebuild cooperative counts")
		}
	}
	var ids []int64
	var cs []coopCount
	err := s.readCoopCounts(ctx, tx, 0, func(id int64, c coopCount) { ids, cs = append(ids, id), append(cs, c) })
	if err != nil {
		return err
	}
	return s.addCoopCounts(ctx, tx, ids, cs)
}

// migrateCoopCounts fills the kept counts once after the migrations, when
// the database holds an older version of them.
func (s *Store) migrateCoopCounts(ctx context.Context) error {
	return s.fillKept(ctx, "cooperative counts", "coop_counts_version", coopCountsVersion, func(tx *sql.Tx) error {
		return s.rebuildCoopCounts(ctx, tx)
	})
}

// keptCoopCount reports whether ask is read from coop_counts: the
// register's counts (coop_registered, coop_active of today, KDMP
// progress) of any year, whole or by region, type or group.
func keptCoopCount(ask indicatorAsk) bool {
	switch ask.ind.Code {
	case "coop_registered", "coop_active", "kdmp_progress":
		return true
	}
	return false
}

// coopCountQuery returns the query of ask over coop_counts in the shape of
// indicatorGroups. The asked region is inside the actor's area (checked):
// the deployment's root reads the country's rows, which count every
// cooperative as recordConds does with no region condition; another
// region reads its own rows, or its children's. The conditions are those
// of recordConds and activeCooperativeConds on the kept columns.
func (s *Store) coopCountQuery(p *params, ask indicatorAsk) string {
	level, region := int(ask.region.Level()), string(ask.region)
	if ask.region == s.root {
		level, region = 0, ""
	}
	key := "''"
	var conds []string
	switch ask.by {
	case "region":
		key = "k.region_code"
		conds = append(conds, "k.level = "+p.add(int(ask.region.Level())+1), "k.parent_code = "+p.add(string(ask.region)))
	default:
		conds = append(conds, "k.level = "+p.add(level), "k.region_code = "+p.add(region))
		switch ask.by {
		case "coop_type":
			key = "k.jenis"
		case "coop_group":
			key = "k.kelompok"
		}
	}
	if ask.current {
		conds = append(conds, "k.archived_year = 0")
	} else {
		y := p.add(ask.year)
		conds = append(conds, "k.created_year <= "+y, "(k.archived_year = 0 OR k.archived_year > "+y+")")
	}
	switch ask.ind.Code {
	case "coop_active":
		since := bina.ActiveSinceBookYear(s.now(), s.ref.Config.RATTolerance)
		conds = append(conds, "k.rat_year >= "+p.add(since), "k.rat_year > 0")
	case "kdmp_progress":
		conds = append(conds, "k.kdmp = "+p.add(true))
	}
	return `SELECT ` + key + `, COALESCE(sum(k.cooperatives), 0), 0 FROM coop_counts k` + where(conds) + groupBy(key)
}
