package sqlstore

import (
	"bina/supervision"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"bina"
)

// The kept cooperative figures (migration 0026): coop_figures holds, per
// cooperative and book year, whether its annual report was submitted or
// accepted, the figures of the newest accepted version (supervision.FiguresOf),
// the category of the newest health assessment, and the cooperative's
// place, type, group and liveness as counted; coop_figure_sums adds up
// the live rows per book year and region of every level, whole and by
// type, group and category. Every write of a report, an assessment or a
// cooperative calls keepCoopFigures (or rebuildCoopFigures for a bulk
// load) in its own transaction, so that the cooperative indicators read
// a few sums by key and the lists behind them read the rows, and neither
// scans the reports' statements.

// coopFiguresVersion is the version of the kept figures this code writes;
// coop_figures_version holds the one the database has.
const coopFiguresVersion = 1

// coopFigure is one row of coop_figures.
type coopFigure struct {
	cooperativeID int64
	bookYear      int
	village       string
	district      string
	jenis         string
	kelompok      string
	live          bool
	reported      bool
	accepted      bool
	health        string
	supervision.CoopFigures
}

var coopFigureColumns = []string{"cooperative_id", "book_year", "village_code", "district_code", "jenis", "kelompok", "live", "reported", "accepted", "health",
	"own_capital", "assets", "business_volume", "shu", "members_female", "members_male", "members_other"}

func (f *coopFigure) args(dst []any) []any {
	return append(dst, f.cooperativeID, f.bookYear, f.village, f.district, f.jenis, f.kelompok, f.live, f.reported, f.accepted, f.health,
		f.OwnCapital, f.Assets, f.BusinessVolume, f.SHU, f.MembersFemale, f.MembersMale, f.MembersOther)
}

// coopFigureRows computes the rows of coop_figures from the reports,
// assessments and cooperatives: of one cooperative (id 0: all) and one
// book year (0: all). A book year with neither a submitted or accepted
// report nor an assessment has no row.
func coopFigureRows(ctx context.Context, q querier, id int64, year int) ([]coopFigure, error) {
	var p params
	var conds []string
	if id != 0 {
		conds = append(conds, "cooperative_id = "+p.add(id))
	}
	if year != 0 {
		conds = append(conds, "book_year = "+p.add(year))
	}
	type key struct {
		id   int64
		year int
	}
	rows := map[key]*coopFigure{}
	var order []key
	row := func(k key) *coopFigure {
		if f, ok := rows[k]; ok {
			return f
		}
		f := &coopFigure{cooperativeID: k.id, bookYear: k.year}
		rows[k] = f
		order = append(order, k)
		return f
	}
	// Reported: a version submitted or accepted.
	err := eachRow(ctx, q, "read reported years", `SELECT DISTINCT cooperative_id, book_year FROM annual_reports`+
		where(append(conds, "state IN ('submitted', 'accepted')"))+` ORDER BY cooperative_id, book_year`, p.args, func(sc scanner) error {
		var k key
		err := sc.Scan(&k.id, &k.year)
		row(k).reported = true
		return err
	})
	if err != nil {
		return nil, err
	}
	// The newest accepted version's figures.
	err = eachRow(ctx, q, "read accepted reports", `SELECT `+reportColumns+` FROM annual_reports r`+where(append(conds, "state = 'accepted'",
		"version = (SELECT max(x.version) FROM annual_reports x WHERE x.cooperative_id = r.cooperative_id AND x.book_year = r.book_year AND x.state = 'accepted')")), p.args,
		func(sc scanner) error {
			r, err := scanReport(sc)
			if err != nil {
				return err
			}
			f := row(key{r.CooperativeID, r.BookYear})
			f.accepted, f.CoopFigures = true, supervision.FiguresOf(r)
			return nil
		})
	if err != nil {
		return nil, err
	}
	// The newest assessment's category.
	err = eachRow(ctx, q, "read assessments", `SELECT cooperative_id, book_year, category FROM health_assessments h`+where(append(conds,
		"version = (SELECT max(x.version) FROM health_assessments x WHERE x.cooperative_id = h.cooperative_id AND x.book_year = h.book_year)")), p.args,
		func(sc scanner) error {
			var k key
			var category string
			err := sc.Scan(&k.id, &k.year, &category)
			row(k).health = category
			return err
		})
	if err != nil || len(order) == 0 {
		return nil, err
	}
	// The cooperatives' place, type, group and liveness.
	var cp params
	cq := `SELECT id, village_code, district_code, jenis, kelompok, archived_at IS NULL FROM cooperatives`
	if id != 0 {
		cq += ` WHERE id = ` + cp.add(id)
	}
	type place struct {
		village, district, jenis, kelompok string
		live                               bool
	}
	places := map[int64]place{}
	err = eachRow(ctx, q, "read cooperatives", cq, cp.args, func(sc scanner) error {
		var cid int64
		var pl place
		err := sc.Scan(&cid, &pl.village, &pl.district, &pl.jenis, &pl.kelompok, &pl.live)
		places[cid] = pl
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]coopFigure, 0, len(order))
	for _, k := range order {
		f := rows[k]
		pl := places[k.id]
		f.village, f.district, f.jenis, f.kelompok, f.live = pl.village, pl.district, pl.jenis, pl.kelompok, pl.live
		out = append(out, *f)
	}
	return out, nil
}

// storedCoopFigures reads the rows of coop_figures of one cooperative (and
// one book year unless 0), as the sums counted them.
func storedCoopFigures(ctx context.Context, q querier, id int64, year int) ([]coopFigure, error) {
	var p params
	conds := []string{"cooperative_id = " + p.add(id)}
	if year != 0 {
		conds = append(conds, "book_year = "+p.add(year))
	}
	rs, err := q.QueryContext(ctx, `SELECT `+strings.Join(coopFigureColumns, ", ")+` FROM coop_figures`+where(conds), p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "read kept figures")
	}
	defer rs.Close()
	var out []coopFigure
	for rs.Next() {
		var f coopFigure
		if err := rs.Scan(&f.cooperativeID, &f.bookYear, &f.village, &f.district, &f.jenis, &f.kelompok, &f.live, &f.reported, &f.accepted, &f.health,
			&f.OwnCapital, &f.Assets, &f.BusinessVolume, &f.SHU, &f.MembersFemale, &f.MembersMale, &f.MembersOther); err != nil {
			return nil, bina.Wrap(err, "read kept figures")
		}
		out = append(out, f)
	}
	return out, bina.Wrap(rs.Err(), "read kept figures")
}

// sumColumns are the columns of coop_figure_sums after its key.
var sumColumns = []string{"cooperatives", "reported", "accepted", "assessed", "own_capital", "assets", "business_volume", "shu",
	"members_female", "members_male", "members_other"}

// sumLevels are the regions a row of coop_figures is added up in, as SQL
// over coop_figures and as Go over a row: the desa, kecamatan, regency,
// province and country (”), each with its parent ('-' for the country's).
var sumLevels = []struct {
	region, parent string
	of             func(f *coopFigure) (region, parent string)
}{
	{"village_code", "district_code", func(f *coopFigure) (string, string) { return f.village, f.district }},
	{"district_code", "substr(village_code, 1, 5)", func(f *coopFigure) (string, string) { return f.district, prefix(f.village, 5) }},
	{"substr(village_code, 1, 5)", "substr(village_code, 1, 2)", func(f *coopFigure) (string, string) { return prefix(f.village, 5), prefix(f.village, 2) }},
	{"substr(village_code, 1, 2)", "''", func(f *coopFigure) (string, string) { return prefix(f.village, 2), "" }},
	{"''", "'-'", func(*coopFigure) (string, string) { return "", "-" }},
}

// sumDims are the dimensions the sums are split along, one at a time: none
// (”), the type, the group, and the health category of the assessed.
var sumDims = []struct {
	dim, value string
	of         func(f *coopFigure) (string, bool)
}{
	{"", "''", func(*coopFigure) (string, bool) { return "", true }},
	{"jenis", "jenis", func(f *coopFigure) (string, bool) { return f.jenis, true }},
	{"kelompok", "kelompok", func(f *coopFigure) (string, bool) { return f.kelompok, true }},
	{"health", "health", func(f *coopFigure) (string, bool) { return f.health, f.health != "" }},
}

// prefix returns the first n bytes of a region code.
func prefix(code string, n int) string { return code[:min(n, len(code))] }

// sumKey is a key of coop_figure_sums.
type sumKey struct {
	year                       int
	region, parent, dim, value string
}

// sumDelta is what one key's sums change by.
type sumDelta struct {
	n, reported, accepted, assessed int64
	supervision.CoopFigures
}

// addSumDelta adds a live row to the changes of the sums at every level
// and along every dimension (sign 1), or takes it out (sign −1).
func addSumDelta(d map[sumKey]*sumDelta, f coopFigure, sign int64) {
	if !f.live {
		return
	}
	b := func(v bool) int64 {
		if v {
			return sign
		}
		return 0
	}
	for _, l := range sumLevels {
		region, parent := l.of(&f)
		for _, dm := range sumDims {
			value, ok := dm.of(&f)
			if !ok {
				continue
			}
			k := sumKey{f.bookYear, region, parent, dm.dim, value}
			x := d[k]
			if x == nil {
				x = &sumDelta{}
				d[k] = x
			}
			x.n += sign
			x.reported += b(f.reported)
			x.accepted += b(f.accepted)
			x.assessed += b(f.health != "")
			x.OwnCapital += sign * f.OwnCapital
			x.Assets += sign * f.Assets
			x.BusinessVolume += sign * f.BusinessVolume
			x.SHU += sign * f.SHU
			x.MembersFemale += sign * f.MembersFemale
			x.MembersMale += sign * f.MembersMale
			x.MembersOther += sign * f.MembersOther
		}
	}
}

// applySumDeltas writes the changes to coop_figure_sums in the order of
// their keys, so that two transactions moving cooperatives between the
// same keys lock them in the same order (no deadlock on PostgreSQL); a
// key no cooperative is counted in any more is dropped, an unchanged one
// not written.
func applySumDeltas(ctx context.Context, tx *sql.Tx, d map[sumKey]*sumDelta) error {
	keys := slices.SortedFunc(maps.Keys(d), func(a, b sumKey) int {
		return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.region, b.region), cmp.Compare(a.dim, b.dim), cmp.Compare(a.value, b.value))
	})
	ph := make([]string, 5+len(sumColumns))
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	set := make([]string, len(sumColumns))
	for i, c := range sumColumns {
		set[i] = c + " = coop_figure_sums." + c + " + excluded." + c
	}
	upsert := `INSERT INTO coop_figure_sums (book_year, region_code, parent_code, dim, value, ` + strings.Join(sumColumns, ", ") + `)
VALUES (` + strings.Join(ph, ", ") + `) ON CONFLICT (book_year, region_code, dim, value) DO UPDATE SET ` + strings.Join(set, ", ")
	for _, k := range keys {
		x := d[k]
		if *x == (sumDelta{}) {
			continue
		}
		_, err := tx.ExecContext(ctx, upsert, k.year, k.region, k.parent, k.dim, k.value,
			x.n, x.reported, x.accepted, x.assessed, x.OwnCapital, x.Assets, x.BusinessVolume, x.SHU, x.MembersFemale, x.MembersMale, x.MembersOther)
		if err != nil {
			return bina.Wrap(err, "keep cooperative sums")
		}
		if x.n < 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM coop_figure_sums WHERE book_year = $1 AND region_code = $2 AND dim = $3 AND value = $4 AND cooperatives = 0`,
				k.year, k.region, k.dim, k.value)
			if err != nil {
				return bina.Wrap(err, "keep cooperative sums")
			}
		}
	}
	return nil
}

// keepCoopFigures brings the kept figures of one cooperative in step
// after a change of its report or assessment of year, or (year 0) of the
// cooperative itself: its rows are taken out of the sums as they were
// counted, computed again and put back.
func (s *Store) keepCoopFigures(ctx context.Context, tx *sql.Tx, id int64, year int) error {
	if year == 0 {
		if err := s.keepCoopCount(ctx, tx, id); err != nil { // the cooperative's own count: coop_counts.go
			return err
		}
	}
	old, err := storedCoopFigures(ctx, tx, id, year)
	if err != nil {
		return err
	}
	if year == 0 && len(old) == 0 {
		return nil // a cooperative without reports or assessments adds nothing
	}
	rows, err := coopFigureRows(ctx, tx, id, year)
	if err != nil {
		return err
	}
	d := map[sumKey]*sumDelta{}
	for _, f := range old {
		addSumDelta(d, f, -1)
	}
	var p params
	conds := []string{"cooperative_id = " + p.add(id)}
	if year != 0 {
		conds = append(conds, "book_year = "+p.add(year))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM coop_figures`+where(conds), p.args...); err != nil {
		return bina.Wrap(err, "keep cooperative figures")
	}
	if err := s.bulkInsert(ctx, tx, "coop_figures", coopFigureColumns, nil, len(rows), func(i int, dst []any) []any { return rows[i].args(dst) }); err != nil {
		return bina.Wrap(err, "keep cooperative figures")
	}
	for _, f := range rows {
		addSumDelta(d, f, 1)
	}
	return applySumDeltas(ctx, tx, d)
}

// rebuildCoopFigures computes the kept figures of a book year (0: every
// year) again from the reports and assessments, and their sums: after a
// bulk load, and once after the migrations.
func (s *Store) rebuildCoopFigures(ctx context.Context, tx *sql.Tx, year int) error {
	var p params
	var conds []string
	if year != 0 {
		conds = append(conds, "book_year = "+p.add(year))
	}
	for _, t := range []string{"coop_figures", "coop_figure_sums"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+where(conds), p.args...); err != nil {
			return bina.Wrap(err, "rebuild cooperative figures")
		}
	}
	rows, err := coopFigureRows(ctx, tx, 0, year)
	if err != nil {
		return err
	}
	if err := s.bulkInsert(ctx, tx, "coop_figures", coopFigureColumns, nil, len(rows), func(i int, dst []any) []any { return rows[i].args(dst) }); err != nil {
		return bina.Wrap(err, "rebuild cooperative figures")
	}
	return resumCoopFigures(ctx, tx, year)
}

// resumCoopFigures adds up the sums of a book year (0: all) again from
// the kept rows, one statement per level and dimension.
func resumCoopFigures(ctx context.Context, tx *sql.Tx, year int) error {
	var p params
	conds := []string{"live"}
	if year != 0 {
		conds = append(conds, "book_year = "+p.add(year))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM coop_figure_sums`+where(conds[1:]), p.args...); err != nil {
		return bina.Wrap(err, "sum cooperative figures")
	}
	for _, l := range sumLevels {
		for _, dm := range sumDims {
			c := conds
			if dm.dim == "health" {
				c = append(slices.Clone(conds), "health <> ''")
			}
			group := []string{"book_year"}
			for _, e := range []string{l.region, l.parent, dm.value} {
				if !strings.HasPrefix(e, "'") { // PostgreSQL refuses to group by a constant
					group = append(group, e)
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO coop_figure_sums (book_year, region_code, parent_code, dim, value, `+strings.Join(sumColumns, ", ")+`)
SELECT book_year, `+l.region+`, `+l.parent+`, '`+dm.dim+`', `+dm.value+`, count(*), sum(CASE WHEN reported THEN 1 ELSE 0 END),
	sum(CASE WHEN accepted THEN 1 ELSE 0 END), sum(CASE WHEN health <> '' THEN 1 ELSE 0 END),
	sum(own_capital), sum(assets), sum(business_volume), sum(shu), sum(members_female), sum(members_male), sum(members_other)
FROM coop_figures`+where(c)+` GROUP BY `+strings.Join(group, ", "), p.args...)
			if err != nil {
				return bina.Wrap(err, "sum cooperative figures")
			}
		}
	}
	return nil
}

// refreshCoopHealth takes the newest assessment's category of every kept
// row of a book year again and adds up the year's sums: after a book
// year's recomputation, whose assessments are all of cooperatives with an
// accepted report (and so a row).
func refreshCoopHealth(ctx context.Context, tx *sql.Tx, year int) error {
	_, err := tx.ExecContext(ctx, `UPDATE coop_figures SET health = COALESCE((SELECT h.category FROM health_assessments h
	WHERE h.cooperative_id = coop_figures.cooperative_id AND h.book_year = coop_figures.book_year ORDER BY h.version DESC LIMIT 1), '')
WHERE book_year = $1`, year)
	if err != nil {
		return bina.Wrap(err, "refresh cooperative health")
	}
	return resumCoopFigures(ctx, tx, year)
}

// migrateCoopFigures fills the kept figures once after the migrations,
// when the database holds an older version of them.
func (s *Store) migrateCoopFigures(ctx context.Context) error {
	return s.fillKept(ctx, "cooperative figures", "coop_figures_version", coopFiguresVersion, func(tx *sql.Tx) error {
		return s.rebuildCoopFigures(ctx, tx, 0)
	})
}

// fillKept runs fill once after the migrations when the one-row table
// versionTable holds a version below version, and then sets it.
func (s *Store) fillKept(ctx context.Context, what, versionTable string, version int, fill func(*sql.Tx) error) error {
	var have int
	if err := s.rdb.QueryRowContext(ctx, `SELECT version FROM `+versionTable).Scan(&have); err != nil {
		return fmt.Errorf("sqlstore: read %s version: %w", what, err)
	}
	if have >= version {
		return nil
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := fill(tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE `+versionTable+` SET version = $1`, version)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlstore: fill %s: %w", what, err)
	}
	return nil
}

// eachRow runs query and calls fn on every row, wrapping errors with what.
func eachRow(ctx context.Context, q querier, what, query string, args []any, fn func(scanner) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return bina.Wrap(err, what)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return bina.Wrap(err, what)
		}
	}
	return bina.Wrap(rows.Err(), what)
}
