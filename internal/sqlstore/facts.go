package sqlstore

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"

	"bina"
)

// enterprise_facts (migration 0025) holds the register's figures per
// region of every level from the deployment's down to the desa, one
// breakdown value, the year a record was created and the year it was
// archived, kept by addCounts with enterprise_counts in the write's own
// transaction. Each record lies in one row per level and breakdown: the
// whole ("" ""), its size, KBLI section, owner's gender and disability. A
// figure of a region then sums that region's rows of one dim, and a
// breakdown by region its children's. See docs/indikator.md for the sizes
// and timings.

// The reach of live records lies in rows of the dim "reach" keyed by the
// year last reached ("0": never), with no creation or archive year.

// verified is the verification state umkm_verified counts.
const verified = "terverifikasi"

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
	region          bina.RegionCode
	dim, key        string
	created, closed int
	d               countDelta
}

func (r factRow) values() []any {
	d := r.d
	return []any{string(r.region), int(r.region.Level()), r.dim, r.key, r.created, r.closed,
		d.total, d.verified, d.binaan, d.digital, d.women, d.kbli, d.nik, d.noVillage, d.paidMale, d.paidFem, d.unpaidMale, d.unpaidFem}
}

// factColumns are the columns of enterprise_facts in the order of
// factRow.values: six keys, then the sums.
var factColumns = []string{"region_code", "level", "dim", "key", "created_year", "closed_year",
	"total", "verified", "binaan", "digital", "women", "kbli", "nik_valid", "no_village", "paid_male", "paid_female", "unpaid_male", "unpaid_female"}

// addFacts applies deltas to enterprise_facts: each delta to its row of
// every level and dim, merged by row, in key order (see addCounts), rows
// whose sums cancel out left alone.
func (s *Store) addFacts(ctx context.Context, tx *sql.Tx, ds []countDelta) error {
	type rowKey struct {
		region          bina.RegionCode
		dim, key        string
		created, closed int
	}
	rows := map[rowKey]*factRow{}
	for _, d := range ds {
		village, created, closed := bina.RegionCode(d.village), d.created, d.closed
		for l := s.root.Level(); l <= bina.LevelVillage; l++ {
			region := village.Truncate(l)
			dims := [][2]string{{"", ""}, {"size", d.size}, {"kbli_section", d.section}, {"gender", d.gender}, {"disability", disabilityKey(d.disabled)}}
			if d.reachOnly {
				dims = nil
			}
			if d.live() {
				// The reach of live records, by the year last reached.
				dims = append(dims, [2]string{"reach", strconv.Itoa(d.year)})
			}
			for _, dk := range dims {
				if dk[0] == "reach" {
					d.created, d.closed = 0, 0
				} else {
					d.created, d.closed = created, closed
				}
				k := rowKey{region, dk[0], dk[1], d.created, d.closed}
				r := rows[k]
				if r == nil {
					rows[k] = &factRow{region: region, dim: dk[0], key: dk[1], created: d.created, closed: d.closed, d: d}
					continue
				}
				r.d.addSums(d)
			}
		}
	}
	var out []factRow
	for _, r := range rows {
		if r.d.neg() != r.d { // some sum is not zero
			out = append(out, *r)
		}
	}
	slices.SortFunc(out, func(a, b factRow) int {
		return cmp.Or(strings.Compare(string(a.region), string(b.region)), strings.Compare(a.dim, b.dim), strings.Compare(a.key, b.key),
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
			row := r.values()
			if s.d.numberedInsert {
				vals[i] = "(" + p.list(row...) + ")"
			} else {
				// Plain "?" on SQLite: see dialect.numberedInsert.
				p.args = append(p.args, row...)
				vals[i] = "(" + strings.TrimSuffix(strings.Repeat("?, ", len(row)), ", ") + ")"
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO enterprise_facts (`+strings.Join(factColumns, ", ")+`) VALUES `+strings.Join(vals, ", ")+`
ON CONFLICT (region_code, dim, key, created_year, closed_year) DO UPDATE SET `+strings.Join(set, ", "), p.args...)
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
	e.verification, e.binaan, e.digital, e.created_at, e.archived_at, e.reached_last,
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
			&e.Verification, &e.Binaan, &digital, &e.CreatedAt, &archived, &e.ReachedLast,
			&e.WorkersPaidMale, &e.WorkersPaidFemale, &e.WorkersUnpaidMale, &e.WorkersUnpaidFemale); err != nil {
			rows.Close()
			return bina.Wrap(err, "rebuild facts")
		}
		e.Digital.Marketplace = digital != 0 // any channel: only Any is read
		if archived.Valid {
			e.ArchivedAt = &archived.Time
		}
		d := s.countOf(&e, 1)
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

// rebuildSummaries counts enterprise_facts again when a migration asked
// for it or the regions in force changed since it was counted (its
// version in summary_versions is another), in one transaction.
func (s *Store) rebuildSummaries(ctx context.Context) error {
	h := sha256.New()
	if s.ref.Regions != nil {
		for _, v := range s.ref.Regions.Villages() {
			h.Write([]byte(string(v.Code) + "\n"))
		}
	}
	version := string(s.root) + ":" + hex.EncodeToString(h.Sum(nil)[:8])
	return s.write(ctx, func(tx *sql.Tx) error {
		var have string
		err := tx.QueryRowContext(ctx, `SELECT version FROM summary_versions WHERE name = 'enterprise_facts'`).Scan(&have)
		if err != nil && err != sql.ErrNoRows || have == version {
			return bina.Wrap(err, "rebuild summaries")
		}
		start := time.Now()
		if err := s.rebuildFacts(ctx, tx); err != nil {
			return err
		}
		if err := s.settleCheckFacets(ctx, tx); err != nil {
			return err
		}
		if err := s.rebuildPembinaan(ctx, tx); err != nil {
			return err
		}
		s.log.Info("summary rebuilt", "table", "enterprise_facts, pembinaan_facts", "duration", time.Since(start).Round(time.Millisecond))
		_, err = tx.ExecContext(ctx, `INSERT INTO summary_versions (name, version) VALUES ('enterprise_facts', $1)
ON CONFLICT (name) DO UPDATE SET version = excluded.version`, version)
		return bina.Wrap(err, "rebuild summaries")
	})
}

// knownVillage reports whether v is a desa of the regions in force.
func (s *Store) knownVillage(v bina.RegionCode) bool {
	if s.ref.Regions == nil {
		return true
	}
	r, ok := s.ref.Regions.Get(v)
	return ok && r.Code.Level() == bina.LevelVillage
}
