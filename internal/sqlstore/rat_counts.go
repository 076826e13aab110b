package sqlstore

import (
	"bina/supervision"
	"cmp"
	"context"
	"database/sql"
	"maps"
	"slices"

	"bina"
)

// The kept count of RATs on time (migration 0033): rat_counts holds the
// held RATs of live cooperatives per region of every level, book year,
// whether the RAT was held by its due date and the state of its report
// under the compliance settings in effect; rat_counted the RATs counted,
// with their dates. keepCoopCount brings a cooperative's RATs in step on
// every write of it or of its RATs (saveRATTx), a bulk load counts its
// own, and a change of the settings counts all again from rat_counted, so
// that coop_rat_on_time reads a few rows. See docs/indikator.md.

// ratCountsVersion is the version of the kept counts this code writes;
// rat_counts_version holds the one the database has.
const ratCountsVersion = 1

// Report states of rat_counts.report.
const (
	ratReportOnTime = 0
	ratReportLate   = 1
	ratReportNone   = 2
)

// ratCounted is a RAT counted: a row of rat_counted.
type ratCounted struct {
	village, district string
	year              int
	held, reported    bina.Date
}

// ratCountKey is a key of rat_counts.
type ratCountKey struct {
	level          int
	region, parent string
	year           int
	heldOK         bool
	report         int
}

// ratCounts returns the held RATs of one cooperative that the compliance
// table of their book year counts: a live cooperative founded by the end
// of the year, as complianceConds chooses.
func ratCounts(village, district string, legal bina.Date, kdmp, archived bool, rats []bina.RAT) []ratCounted {
	if archived {
		return nil
	}
	var out []ratCounted
	for _, r := range rats {
		if r.HeldOn.IsZero() || !foundedBy(legal, kdmp, r.BookYear) {
			continue
		}
		out = append(out, ratCounted{village: village, district: district, year: r.BookYear, held: r.HeldOn, reported: r.ReportedOn})
	}
	return out
}

// foundedBy reports whether complianceConds counts a cooperative in
// bookYear: a legal date not known owes every year, except a KDMP before
// the first KDMP were founded.
func foundedBy(legal bina.Date, kdmp bool, bookYear int) bool {
	if legal.IsZero() {
		return bookYear >= supervision.KDMPFirstYear || !kdmp
	}
	return !legal.After(bina.DateOf(bookYear, 12, 31))
}

// addRatCount adds a counted RAT to the changes of its keys at every
// level, decided under set, with sign 1 or -1.
func addRatCount(d map[ratCountKey]int64, set *supervision.ComplianceSettings, r ratCounted, sign int64) {
	heldOK := !r.held.After(set.RATDue(r.year))
	report := ratReportOnTime
	switch {
	case r.reported.IsZero():
		report = ratReportNone
	case r.reported.After(set.ReportDue(r.year)):
		report = ratReportLate
	}
	c := coopCount{village: r.village, district: r.district}
	for level, of := range coopCountLevels {
		region, parent := of(&c)
		d[ratCountKey{level, region, parent, r.year, heldOK, report}] += sign
	}
}

// ratCountColumns are the columns of rat_counts.
var ratCountColumns = []string{"level", "region_code", "parent_code", "book_year", "held_ok", "report", "cooperatives"}

// applyRatCounts adds the changes to the tally of tx when it has one
// (keptTally), else writes them.
func (s *Store) applyRatCounts(ctx context.Context, tx *sql.Tx, d map[ratCountKey]int64) error {
	if t := s.tallies.of(tx); t != nil {
		for k, n := range d {
			t.rats[k] += n
		}
		return nil
	}
	return s.writeRatCounts(ctx, tx, d)
}

// writeRatCounts writes the changes to rat_counts in the order of their
// keys, a thousand an upsert, dropping a key nothing is counted in (as
// writeCoopCounts).
func (s *Store) writeRatCounts(ctx context.Context, tx *sql.Tx, d map[ratCountKey]int64) error {
	keys := slices.SortedFunc(maps.Keys(d), func(a, b ratCountKey) int {
		return cmp.Or(cmp.Compare(a.level, b.level), cmp.Compare(a.region, b.region), cmp.Compare(a.year, b.year),
			cmp.Compare(boolOrder(a.heldOK), boolOrder(b.heldOK)), cmp.Compare(a.report, b.report))
	})
	keys = slices.DeleteFunc(keys, func(k ratCountKey) bool { return d[k] == 0 })
	err := s.bulkUpsert(ctx, tx, "rat_counts", ratCountColumns,
		`ON CONFLICT (level, region_code, book_year, held_ok, report) DO UPDATE SET cooperatives = rat_counts.cooperatives + excluded.cooperatives`,
		len(keys), func(i int, dst []any) []any {
			k := &keys[i]
			return append(dst, k.level, k.region, k.parent, k.year, k.heldOK, k.report, d[*k])
		})
	if err != nil {
		return bina.Wrap(err, "keep RAT counts")
	}
	keys = slices.DeleteFunc(keys, func(k ratCountKey) bool { return d[k] > 0 })
	err = deleteEmptyKeys(ctx, tx, "rat_counts", []string{"level", "region_code", "book_year", "held_ok", "report"}, len(keys),
		func(i int, dst []any) []any {
			k := &keys[i]
			return append(dst, k.level, k.region, k.year, k.heldOK, k.report)
		})
	return bina.Wrap(err, "keep RAT counts")
}

// readRatCounted reads the counted RATs of one cooperative (all when id is
// 0) from rat_counted.
func readRatCounted(ctx context.Context, q querier, id int64) ([]ratCounted, error) {
	query := `SELECT village_code, district_code, book_year, held_on, reported_on FROM rat_counted`
	var p params
	if id != 0 {
		query += ` WHERE cooperative_id = ` + p.add(id)
	}
	var out []ratCounted
	err := eachRow(ctx, q, "read RAT counts", query, p.args, func(sc scanner) error {
		var r ratCounted
		if err := sc.Scan(&r.village, &r.district, &r.year, &r.held, &r.reported); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// ratsToCount reads the RATs of one cooperative as they are to be counted
// now.
func ratsToCount(ctx context.Context, tx *sql.Tx, id int64) ([]ratCounted, error) {
	var (
		village, district string
		legal             bina.Date
		kdmp              bool
		archived          sql.NullTime
	)
	err := tx.QueryRowContext(ctx, `SELECT village_code, district_code, legal_date, kdmp, archived_at FROM cooperatives WHERE id = $1`, id).
		Scan(&village, &district, &legal, &kdmp, &archived)
	if err != nil {
		return nil, bina.Wrap(err, "read cooperative RATs")
	}
	if archived.Valid {
		return nil, nil
	}
	var rats []bina.RAT
	err = eachRow(ctx, tx, "read cooperative RATs", `SELECT book_year, held_on, reported_on FROM rats WHERE cooperative_id = $1 AND held_on IS NOT NULL`, []any{id}, func(sc scanner) error {
		var r bina.RAT
		if err := sc.Scan(&r.BookYear, &r.HeldOn, &r.ReportedOn); err != nil {
			return err
		}
		rats = append(rats, r)
		return nil
	})
	return ratCounts(village, district, legal, kdmp, false, rats), err
}

// keepRatCount brings the kept RAT counts of one cooperative in step after
// any write of it or of its RATs: its counted RATs are taken out and
// counted again, when they differ.
func (s *Store) keepRatCount(ctx context.Context, tx *sql.Tx, id int64) error {
	old, err := readRatCounted(ctx, tx, id)
	if err != nil {
		return err
	}
	now, err := ratsToCount(ctx, tx, id)
	if err != nil {
		return err
	}
	byYear := func(a, b ratCounted) int { return cmp.Compare(a.year, b.year) }
	slices.SortFunc(old, byYear)
	slices.SortFunc(now, byYear)
	if slices.Equal(old, now) {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rat_counted WHERE cooperative_id = $1`, id); err != nil {
		return bina.Wrap(err, "keep RAT counts")
	}
	ids := make([]int64, len(now))
	for i := range ids {
		ids[i] = id
	}
	return s.addRatCounts(ctx, tx, ids, now, old)
}

// addRatCounts stores the counted RATs rs (of the cooperatives ids) and
// adds them to rat_counts, taking out the RATs old, decided under the
// settings in effect.
func (s *Store) addRatCounts(ctx context.Context, tx *sql.Tx, ids []int64, rs, old []ratCounted) error {
	set, err := s.complianceSettings(ctx, tx)
	if err != nil {
		return err
	}
	if err := insertRatCounted(ctx, s, tx, ids, rs); err != nil {
		return err
	}
	d := map[ratCountKey]int64{}
	for _, r := range old {
		addRatCount(d, &set, r, -1)
	}
	for _, r := range rs {
		addRatCount(d, &set, r, 1)
	}
	return s.applyRatCounts(ctx, tx, d)
}

// insertRatCounted stores the counted RATs rs of the cooperatives ids.
func insertRatCounted(ctx context.Context, s *Store, tx *sql.Tx, ids []int64, rs []ratCounted) error {
	err := s.bulkInsert(ctx, tx, "rat_counted", []string{"cooperative_id", "book_year", "village_code", "district_code", "held_on", "reported_on"}, nil, len(rs),
		func(i int, dst []any) []any {
			r := &rs[i]
			return append(dst, ids[i], r.year, r.village, r.district, r.held, r.reported)
		})
	return bina.Wrap(err, "keep RAT counts")
}

// bulkRatCounts counts the RATs of a bulk load's cooperatives.
func (s *Store) bulkRatCounts(ctx context.Context, tx *sql.Tx, coops []bina.Cooperative) error {
	var (
		ids []int64
		rs  []ratCounted
	)
	for i := range coops {
		c := &coops[i]
		for _, r := range ratCounts(string(c.VillageCode), districtOf(c.VillageCode), c.LegalDate, c.KDMP, c.ArchivedAt != nil, c.RATs) {
			ids, rs = append(ids, c.ID), append(rs, r)
		}
	}
	return s.addRatCounts(ctx, tx, ids, rs, nil)
}

// recountRats counts the RATs of rat_counted again under the settings in
// effect in tx: after a change of the settings.
func (s *Store) recountRats(ctx context.Context, tx *sql.Tx) error {
	if s.d.sequences {
		// A RAT written beside the change waits, or is read once written:
		// none is counted under the old due dates after the recount.
		if _, err := tx.ExecContext(ctx, `LOCK TABLE rat_counted IN SHARE MODE`); err != nil {
			return bina.Wrap(err, "count RATs again")
		}
	}
	set, err := s.complianceSettings(ctx, tx)
	if err != nil {
		return err
	}
	rs, err := readRatCounted(ctx, tx, 0)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rat_counts`); err != nil {
		return bina.Wrap(err, "count RATs again")
	}
	d := map[ratCountKey]int64{}
	for _, r := range rs {
		addRatCount(d, &set, r, 1)
	}
	// Every key is new after the delete: one bulk insert, not a write per key.
	keys := slices.Collect(maps.Keys(d))
	err = s.bulkInsert(ctx, tx, "rat_counts", ratCountColumns, nil, len(keys),
		func(i int, dst []any) []any {
			k := &keys[i]
			return append(dst, k.level, k.region, k.parent, k.year, k.heldOK, k.report, d[*k])
		})
	return bina.Wrap(err, "count RATs again")
}

// rebuildRatCounts counts every RAT again from the rats table.
func (s *Store) rebuildRatCounts(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"rat_counted", "rat_counts"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return bina.Wrap(err, "rebuild RAT counts")
		}
	}
	var (
		ids []int64
		rs  []ratCounted
	)
	err := eachRow(ctx, tx, "rebuild RAT counts", `SELECT c.id, c.village_code, c.district_code, c.legal_date, c.kdmp, r.book_year, r.held_on, r.reported_on
FROM rats r JOIN cooperatives c ON c.id = r.cooperative_id WHERE c.archived_at IS NULL AND r.held_on IS NOT NULL`, nil, func(sc scanner) error {
		var (
			id                int64
			village, district string
			legal             bina.Date
			kdmp              bool
			r                 bina.RAT
		)
		if err := sc.Scan(&id, &village, &district, &legal, &kdmp, &r.BookYear, &r.HeldOn, &r.ReportedOn); err != nil {
			return err
		}
		for _, c := range ratCounts(village, district, legal, kdmp, false, []bina.RAT{r}) {
			ids, rs = append(ids, id), append(rs, c)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := insertRatCounted(ctx, s, tx, ids, rs); err != nil {
		return err
	}
	return s.recountRats(ctx, tx)
}

// migrateRatCounts fills the kept RAT counts once after the migrations.
func (s *Store) migrateRatCounts(ctx context.Context) error {
	return s.fillKept(ctx, "RAT counts", "rat_counts_version", ratCountsVersion, func(tx *sql.Tx) error {
		return s.rebuildRatCounts(ctx, tx)
	})
}

// ratOnTime counts the RATs of bookYear held and reported on time in
// region from rat_counts, as ComplianceCounts decides them today: held by
// the due date and reported by the report due date, or not reported yet
// while that date has not passed.
func (s *Store) ratOnTime(ctx context.Context, q querier, region bina.RegionCode, bookYear int, set supervision.ComplianceSettings, today bina.Date) (int64, error) {
	level, code := int(region.Level()), string(region)
	if region == s.root {
		level, code = 0, ""
	}
	var p params
	conds := []string{"level = " + p.add(level), "region_code = " + p.add(code), "book_year = " + p.add(bookYear), "held_ok = " + p.add(true)}
	if today.After(set.ReportDue(bookYear)) {
		conds = append(conds, "report = "+p.add(ratReportOnTime))
	} else {
		conds = append(conds, "report IN ("+p.add(ratReportOnTime)+", "+p.add(ratReportNone)+")")
	}
	var n int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(sum(cooperatives), 0) FROM rat_counts`+where(conds), p.args...).Scan(&n)
	return n, bina.Wrap(err, "count RATs on time")
}
