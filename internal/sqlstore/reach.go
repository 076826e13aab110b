package sqlstore

import (
	"bina/coaching"
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"bina"
)

// reachedStates are the participant states (coaching.ParticipantStates) that
// count as the office having reached a business.
var reachedStates = []string{"attended", "completed"}

// refreshReach recomputes when the office first and last reached each of
// the enterprises ids: the earliest and latest of their attended or
// completed participations and their coaching sessions. Every write that
// adds, removes or changes a participation or a session calls it in its
// own transaction, so the columns never disagree with the records. The
// reach counts follow, and so does the binaan flag of those whose records
// now make them binaan or no longer do (an ordinary update by the actor,
// with its history).
func (s *Store) refreshReach(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	for len(ids) > 0 {
		n := min(len(ids), 500)
		before, err := s.reachStates(ctx, tx, ids[:n])
		if err != nil {
			return err
		}
		var p params
		idList := p.list(anySlice(ids[:n])...)
		states := p.list(anySlice(reachedStates)...)
		q := `WITH contact AS (
	SELECT enterprise_id, reached_on AS on_date FROM programme_participants
	WHERE enterprise_id IN (` + idList + `) AND state IN (` + states + `) AND reached_on IS NOT NULL
	UNION ALL
	SELECT enterprise_id, held_on FROM coaching_sessions WHERE enterprise_id IN (` + idList + `)
), span AS (
	SELECT enterprise_id, min(on_date) AS first_on, max(on_date) AS last_on FROM contact GROUP BY enterprise_id
)
UPDATE enterprises SET
	reached_first = (SELECT first_on FROM span WHERE span.enterprise_id = enterprises.id),
	reached_last = (SELECT last_on FROM span WHERE span.enterprise_id = enterprises.id)
WHERE id IN (` + idList + `)`
		if _, err := tx.ExecContext(ctx, q, p.args...); err != nil {
			return bina.Wrap(err, "refresh reach")
		}
		after, err := s.reachStates(ctx, tx, ids[:n])
		if err != nil {
			return err
		}
		var deltas []countDelta
		var settle []int64
		for id, x := range after {
			o := before[id]
			if x.live && reachYear(o.ReachedLast) != reachYear(x.ReachedLast) {
				deltas = append(deltas, countDelta{village: string(o.VillageCode), year: reachYear(o.ReachedLast), total: -1, reachOnly: true},
					countDelta{village: string(x.VillageCode), year: reachYear(x.ReachedLast), total: 1, reachOnly: true})
			}
			if x.live && s.binaanMoves(&x.Enterprise, now) {
				settle = append(settle, id)
			}
		}
		if err := s.addReachCounts(ctx, tx, deltas); err != nil {
			return err
		}
		if err := s.addFacts(ctx, tx, deltas); err != nil {
			return err
		}
		if err := s.settleBinaan(ctx, tx, now, a.name(), settle); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// reachState is what the reach and the binaan flag of a record depend on.
type reachState struct {
	bina.Enterprise
	live bool
}

// reachStates reads the reach state of the enterprises ids.
func (s *Store) reachStates(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]*reachState, error) {
	var p params
	rows, err := tx.QueryContext(ctx, `SELECT id, village_code, binaan, binaan_since, binaan_decided, binaan_reason, reached_first, reached_last, archived_at IS NULL
FROM enterprises WHERE id IN (`+p.list(anySlice(ids)...)+`)`, p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "read reach")
	}
	defer rows.Close()
	out := make(map[int64]*reachState, len(ids))
	for rows.Next() {
		var x reachState
		var village string
		if err := rows.Scan(&x.ID, &village, &x.Binaan, &x.BinaanSince, &x.BinaanDecided, &x.BinaanReason, &x.ReachedFirst, &x.ReachedLast, &x.live); err != nil {
			return nil, bina.Wrap(err, "read reach")
		}
		x.VillageCode = bina.RegionCode(village)
		out[x.ID] = &x
	}
	return out, bina.Wrap(rows.Err(), "read reach")
}

// binaanDecisionField names the staff decision in the history.
const binaanDecisionField = "binaan_decision"

// decisionText is how the history shows the binaan decision of e.
func decisionText(e *bina.Enterprise) string {
	if !e.BinaanDecided {
		return ""
	}
	return e.BinaanReason
}

// binaanCutoff returns the earliest last reach that makes a business
// binaan on the day of now.
func (s *Store) binaanCutoff(now time.Time) bina.Date {
	years := s.ref.Config.BinaanYears
	if years <= 0 {
		years = bina.DefaultConfig().BinaanYears
	}
	return bina.DateFromTime(now.AddDate(-years, 0, 0))
}

// deriveBinaan sets the binaan flag of x and its date from its decision
// and its reach: binaan when decided, or reached since the cutoff; since
// its first reach, or for a decision the earlier of that and its own date.
func (s *Store) deriveBinaan(x *bina.Enterprise, now time.Time) {
	reached := !x.ReachedLast.IsZero() && !x.ReachedLast.Before(s.binaanCutoff(now))
	x.Binaan = x.BinaanDecided || reached
	switch {
	case !x.Binaan:
		x.BinaanSince = bina.Date{}
	case !x.BinaanDecided:
		x.BinaanSince = x.ReachedFirst
	case !x.ReachedFirst.IsZero() && (x.BinaanSince.IsZero() || x.ReachedFirst.Before(x.BinaanSince)):
		x.BinaanSince = x.ReachedFirst
	}
}

// binaanMoves reports whether deriving the binaan flag of e changes it or
// its date.
func (s *Store) binaanMoves(e *bina.Enterprise, now time.Time) bool {
	x := *e
	s.deriveBinaan(&x, now)
	return x.Binaan != e.Binaan || x.BinaanSince.String() != e.BinaanSince.String()
}

// settleBinaan writes the derived binaan flag of the live enterprises ids
// as an ordinary update by who: row, facets, search document, kept counts
// and history.
func (s *Store) settleBinaan(ctx context.Context, tx *sql.Tx, now time.Time, who string, ids []int64) error {
	slices.Sort(ids)
	for _, id := range ids {
		old, err := s.loadEnterprise(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if old.ArchivedAt != nil {
			continue
		}
		x := *old
		if _, err := s.writeEnterpriseTx(ctx, tx, old, &x, now, who); err != nil {
			return err
		}
	}
	return nil
}

// DecideBinaan makes enterprise id binaan by a staff decision with a
// reason, or withdraws the decision.
func (s *Store) DecideBinaan(ctx context.Context, id int64, binaan bool, reason string) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if binaan && reason == "" {
		return invalidField("reason", "Alasan keputusan binaan wajib diisi", "A reason for the binaan decision is required")
	}
	if len([]rune(reason)) > 500 {
		return invalidField("reason", "Alasan paling panjang 500 huruf", "The reason is at most 500 characters")
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := s.lockEnterprise(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if old.ArchivedAt != nil {
			return bina.Errorf(bina.Conflict, "Usaha ini sudah diarsipkan; pulihkan dulu sebelum mengubahnya", "This enterprise is archived; restore it before changing it")
		}
		x := *old
		x.BinaanDecided, x.BinaanReason = binaan, reason
		if !binaan {
			x.BinaanReason, x.BinaanSince = "", bina.Date{}
		} else if !old.BinaanDecided && !old.Binaan {
			x.BinaanSince = bina.DateFromTime(now)
		}
		_, err = s.writeEnterpriseTx(ctx, tx, old, &x, now, a.name())
		return err
	})
}

// RefreshBinaan settles the binaan flag of every live business whose
// reach fell out of the window (or came into it) since it was written.
func (s *Store) RefreshBinaan(ctx context.Context) (int, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return 0, err
	}
	if err := a.requireEdit(); err != nil {
		return 0, err
	}
	now := s.now()
	cutoff := s.binaanCutoff(now)
	var ids []int64
	err = s.read(ctx, func(tx *sql.Tx) error {
		// Two ranges of the reach index.
		var err error
		ids, err = queryIDs(ctx, tx, `SELECT id FROM enterprises WHERE archived_at IS NULL AND reached_last < $1 AND binaan = TRUE AND binaan_decided = FALSE
UNION SELECT id FROM enterprises WHERE archived_at IS NULL AND reached_last >= $1 AND binaan = FALSE`, []any{cutoff})
		return err
	})
	if err != nil {
		return 0, err
	}
	changed := 0
	for len(ids) > 0 {
		n := min(len(ids), 200)
		err := s.write(ctx, func(tx *sql.Tx) error {
			states, err := s.reachStates(ctx, tx, ids[:n])
			if err != nil {
				return err
			}
			var settle []int64
			for id, x := range states {
				if x.live && s.binaanMoves(&x.Enterprise, now) {
					settle = append(settle, id)
				}
			}
			changed += len(settle)
			return s.settleBinaan(ctx, tx, now, a.name(), settle)
		})
		if err != nil {
			return changed, err
		}
		ids = ids[n:]
	}
	return changed, nil
}

// yearSQL returns the SQL of the reach_counts key of a date column: its
// year, or 0 when NULL.
func (s *Store) yearSQL(col string) string {
	if s.d.searchColumn { // PostgreSQL: a DATE column
		return "COALESCE(CAST(EXTRACT(YEAR FROM " + col + ") AS INTEGER), 0)"
	}
	return "COALESCE(CAST(substr(" + col + ", 1, 4) AS INTEGER), 0)"
}

// addReachCounts applies the reach part of count deltas to reach_counts,
// keys in one order (see addCounts).
func (s *Store) addReachCounts(ctx context.Context, tx *sql.Tx, ds []countDelta) error {
	type key struct {
		village string
		year    int
	}
	sum := map[key]int{}
	for _, d := range ds {
		sum[key{d.village, d.year}] += d.total
	}
	keys := make([]key, 0, len(sum))
	for k, n := range sum {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(strings.Compare(a.village, b.village), cmp.Compare(a.year, b.year)) })
	for start := 0; start < len(keys); start += 1000 {
		batch := keys[start:min(start+1000, len(keys))]
		var p params
		rows := make([]string, len(batch))
		for i, k := range batch {
			rows[i] = "(" + p.list(k.village, districtOf(bina.RegionCode(k.village)), k.year, sum[k]) + ")"
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO reach_counts (village_code, district_code, last_year, total) VALUES `+strings.Join(rows, ", ")+`
ON CONFLICT (village_code, last_year) DO UPDATE SET total = reach_counts.total + excluded.total`, p.args...)
		if err != nil {
			return bina.Wrap(err, "update reach counts")
		}
	}
	return nil
}

// Reach returns the reach of the children of region and of region itself,
// from reach_counts.
func (s *Store) Reach(ctx context.Context, region bina.RegionCode, since int) (coaching.ReachReport, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return coaching.ReachReport{}, err
	}
	if region == "" {
		region = a.scope
	}
	if err := s.checkRegion(region); err != nil {
		return coaching.ReachReport{}, err
	}
	if !a.scope.Contains(region) {
		if !region.Contains(a.scope) {
			return coaching.ReachReport{}, notFoundf("Wilayah tidak ditemukan", "Region not found")
		}
		region = a.scope
	}
	if since != 0 && (since < 1900 || since > s.now().Year()) {
		return coaching.ReachReport{}, invalidField("since", "Tahun harus antara 1900 dan %d", "The year must be between 1900 and %d", s.now().Year())
	}
	rep := coaching.ReachReport{Region: region, Since: since, Items: []coaching.ReachRow{}}
	col := "district_code"
	if region.Level() >= bina.LevelDistrict {
		col = "village_code"
	}
	var p params
	conds := s.countsRegionCond(&p, region)
	query := `SELECT ` + col + `, last_year, CAST(sum(total) AS BIGINT) FROM reach_counts` + where(conds) + ` GROUP BY ` + col + `, last_year`
	type figure struct{ all, reached, never int }
	figures := map[bina.RegionCode]*figure{}
	var total figure
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, p.args...)
		if err != nil {
			return bina.Wrap(err, "reach")
		}
		defer rows.Close()
		for rows.Next() {
			var code string
			var year, n int
			if err := rows.Scan(&code, &year, &n); err != nil {
				return bina.Wrap(err, "reach")
			}
			child := bina.RegionCode(code).Truncate(region.Level() + 1)
			f := figures[child]
			if f == nil {
				f = &figure{}
				figures[child] = f
			}
			for _, f := range []*figure{f, &total} {
				f.all += n
				switch {
				case year == 0:
					f.never += n
				case since == 0 || year >= since:
					f.reached += n
				}
			}
		}
		return bina.Wrap(rows.Err(), "reach")
	})
	if err != nil {
		return rep, err
	}
	row := func(c bina.RegionCode, f figure) coaching.ReachRow {
		r := coaching.ReachRow{RegionCode: c, Enterprises: f.all, Reached: f.reached, NeverReached: f.never}
		if s.ref.Regions != nil {
			r.RegionName = s.ref.Regions.Name(c)
		}
		return r
	}
	if region.Level() < bina.LevelVillage && s.ref.Regions != nil {
		for _, c := range s.ref.Regions.Children(region) {
			var f figure
			if x := figures[c.Code]; x != nil {
				f = *x
			}
			rep.Items = append(rep.Items, row(c.Code, f))
		}
	}
	rep.Total = row(region, total)
	return rep, nil
}

// reachConds adds the reach filter r ("never", "ever", "since:YEAR") to q:
// a range of the reach index.
func (s *Store) reachConds(q *enterpriseQuery, r string) error {
	f, ok, err := coaching.ParseReachFilter(r)
	if err != nil {
		return invalidFilter("reached", r)
	}
	if !ok {
		return nil
	}
	switch {
	case f.Never:
		q.base = append(q.base, cond{sql: "e.reached_last IS NULL"})
	case f.Since == 0:
		q.base = append(q.base, cond{sql: "e.reached_last IS NOT NULL"})
	default:
		q.base = append(q.base, cond{sql: "e.reached_last >= %s", args: []any{bina.DateOf(f.Since, time.January, 1)}})
	}
	q.fromCounts, q.rowOnly, q.reach = false, true, &f
	return nil
}

// reachCountable reports whether reach_counts answers the total of f: live
// records filtered by nothing but region and reach.
func reachCountable(f bina.EnterpriseFilter, q *enterpriseQuery) bool {
	return q.reach != nil && !q.uncounted && !f.Archived && f.KBLISection == "" && f.Size == "" && f.Status == "" && f.Binaan == "" &&
		f.Verification == "" && f.Digital == "" && q.words == "" && q.exact == nil
}

// keptReachTotal returns the query of such a total.
func (s *Store) keptReachTotal(p *params, a actor, f bina.EnterpriseFilter, r coaching.ReachFilter) string {
	conds := s.countsRegionCond(p, a.scope)
	if f.Region != a.scope {
		conds = append(conds, s.countsRegionCond(p, f.Region)...)
	}
	switch {
	case r.Never:
		conds = append(conds, "last_year = 0")
	case r.Since == 0:
		conds = append(conds, "last_year > 0")
	default:
		conds = append(conds, "last_year >= "+p.add(r.Since))
	}
	return `SELECT CAST(COALESCE(sum(total), 0) AS BIGINT) FROM reach_counts` + where(conds)
}

// anySlice returns xs as a slice of any, for params.list.
func anySlice[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
