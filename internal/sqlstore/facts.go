package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"bina"
)

// enterprise_facts (migration 0025) holds the register's figures per desa,
// one breakdown value, the year a record was created and the year it was
// archived, kept by addCounts with enterprise_counts in the write's own
// transaction. Each record lies in one row per breakdown (factDims): the
// whole ("" ""), its size, KBLI section, owner's gender and disability.
// An indicator of any breakdown then sums the rows of one dim. See
// docs/indikator.md for the sizes and timings.

// verified is the verification state umkm_verified counts.
const verified = "terverifikasi"

// factDims are the breakdowns kept in enterprise_facts besides the whole.
var factDims = []string{"size", "kbli_section", "gender", "disability"}

// nikValid reports whether nik passes bina.CheckNIK.
func nikValid(nik string, now time.Time) bool {
	if nik == "" {
		return false
	}
	_, ok := bina.CheckNIK(nik, now)
	return ok
}

// loc is the deployment's time zone: a record's years are those of its
// region's calendar.
func (s *Store) loc() *time.Location { return bina.ZoneOf(s.root).Location() }

// disabilityKey is the key of the disability breakdown.
func disabilityKey(disabled bool) string {
	if disabled {
		return "ya"
	}
	return "tidak"
}

// factRow is one row of enterprise_facts: its keys and the sums of d.
type factRow struct {
	village, dim, key string
	created, closed   int
	d                 countDelta
}

func (r factRow) sums() []any {
	d := r.d
	return []any{d.total, d.verified, d.binaan, d.digital, d.women, d.kbli, d.nik, d.paidMale, d.paidFem, d.unpaidMale, d.unpaidFem}
}

// factColumns are the columns of enterprise_facts in the order of factRow
// keys and sums.
var factColumns = []string{"village_code", "district_code", "dim", "key", "created_year", "closed_year",
	"total", "verified", "binaan", "digital", "women", "kbli", "nik_valid", "paid_male", "paid_female", "unpaid_male", "unpaid_female"}

// addFacts applies deltas to enterprise_facts: each delta to its row of
// every dim, merged by row, in key order (see addCounts), rows whose sums
// cancel out left alone.
func (s *Store) addFacts(ctx context.Context, tx *sql.Tx, ds []countDelta) error {
	type rowKey struct {
		village, dim, key string
		created, closed   int
	}
	rows := map[rowKey]*factRow{}
	for _, d := range ds {
		for _, dk := range [][2]string{{"", ""}, {"size", d.size}, {"kbli_section", d.section}, {"gender", d.gender}, {"disability", disabilityKey(d.disabled)}} {
			k := rowKey{d.village, dk[0], dk[1], d.created, d.closed}
			r := rows[k]
			if r == nil {
				rows[k] = &factRow{village: d.village, dim: dk[0], key: dk[1], created: d.created, closed: d.closed, d: d}
				continue
			}
			r.d.addSums(d)
		}
	}
	var out []factRow
	for _, r := range rows {
		if r.d.neg() != r.d { // some sum is not zero
			out = append(out, *r)
		}
	}
	slices.SortFunc(out, func(a, b factRow) int {
		return cmp.Or(strings.Compare(a.village, b.village), strings.Compare(a.dim, b.dim), strings.Compare(a.key, b.key),
			cmp.Compare(a.created, b.created), cmp.Compare(a.closed, b.closed))
	})
	set := make([]string, 0, len(factColumns)-6)
	for _, c := range factColumns[6:] {
		set = append(set, c+" = enterprise_facts."+c+" + excluded."+c)
	}
	for start := 0; start < len(out); start += 500 {
		batch := out[start:min(start+500, len(out))]
		var p params
		vals := make([]string, len(batch))
		for i, r := range batch {
			row := append([]any{r.village, districtOf(bina.RegionCode(r.village)), r.dim, r.key, r.created, r.closed}, r.sums()...)
			if s.d.numberedInsert {
				vals[i] = "(" + p.list(row...) + ")"
			} else {
				// Plain "?" on SQLite: see dialect.numberedInsert.
				p.args = append(p.args, row...)
				vals[i] = "(" + strings.TrimSuffix(strings.Repeat("?, ", len(row)), ", ") + ")"
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO enterprise_facts (`+strings.Join(factColumns, ", ")+`) VALUES `+strings.Join(vals, ", ")+`
ON CONFLICT (village_code, dim, key, created_year, closed_year) DO UPDATE SET `+strings.Join(set, ", "), p.args...)
		if err != nil {
			return bina.Wrap(err, "update facts")
		}
	}
	return nil
}

// rebuildFacts counts enterprise_facts again from the register: after
// migration 0025, and at the end of a first load whose run died.
func (s *Store) rebuildFacts(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_facts`); err != nil {
		return bina.Wrap(err, "rebuild facts")
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.village_code, e.size_computed, e.kbli_section, o.gender, o.disability, o.nik,
	e.verification, e.binaan, e.digital, e.created_at, e.archived_at,
	e.workers_paid_male, e.workers_paid_female, e.workers_unpaid_male, e.workers_unpaid_female
FROM enterprises e JOIN persons o ON o.id = e.owner_id`)
	if err != nil {
		return bina.Wrap(err, "rebuild facts")
	}
	tally := countTally{}
	batch := make([]countDelta, 0, 1000)
	for rows.Next() {
		var e bina.Enterprise
		var section string
		var digital int
		var archived sql.NullTime
		if err := rows.Scan(&e.VillageCode, &e.SizeComputed, &section, &e.Owner.Gender, &e.Owner.Disability, &e.Owner.NIK,
			&e.Verification, &e.Binaan, &digital, &e.CreatedAt, &archived,
			&e.WorkersPaidMale, &e.WorkersPaidFemale, &e.WorkersUnpaidMale, &e.WorkersUnpaidFemale); err != nil {
			rows.Close()
			return bina.Wrap(err, "rebuild facts")
		}
		e.Digital.Marketplace = digital != 0 // any channel: only Any is read
		if archived.Valid {
			e.ArchivedAt = &archived.Time
		}
		d := s.countOf(&e, 1)
		d.year = 0 // the facts know no reach
		// The section stored, as the lists filter by it.
		d.section, d.kbli = section, 0
		if section != "" {
			d.kbli = 1
		}
		if batch = append(batch, d); len(batch) == cap(batch) {
			tally.add(batch)
			batch = batch[:0]
		}
	}
	tally.add(batch)
	rows.Close()
	if err := rows.Err(); err != nil {
		return bina.Wrap(err, "rebuild facts")
	}
	return s.addFacts(ctx, tx, tally.deltas())
}

// rebuildSummaries rebuilds the kept summaries a migration asked for
// (summary_rebuilds), once, in one transaction.
func (s *Store) rebuildSummaries(ctx context.Context) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM summary_rebuilds WHERE name = 'enterprise_facts'`).Scan(&n); err != nil || n == 0 {
			return bina.Wrap(err, "rebuild summaries")
		}
		start := time.Now()
		if err := s.rebuildFacts(ctx, tx); err != nil {
			return err
		}
		s.log.Info("summary rebuilt", "table", "enterprise_facts", "duration", time.Since(start).Round(time.Millisecond))
		_, err := tx.ExecContext(ctx, `DELETE FROM summary_rebuilds WHERE name = 'enterprise_facts'`)
		return bina.Wrap(err, "rebuild summaries")
	})
}
