package sqlstore

import (
	"bina/imports"
	"bina/indicator"
	"cmp"
	"context"
	"database/sql"
	"strconv"
	"time"

	"bina"
)

// The enterprise indicators read enterprise_facts (facts.go): the sums of
// one dim's rows inside the region, for the records live at the end of
// the year (or created, or archived, in it).

// factMeasure returns the sums an indicator of the register reads: its
// count and, for a share, its numerator. ok is false for an indicator
// the facts do not answer.
func factMeasure(code string) (n, part string, ok bool) {
	switch code {
	case "umkm_registered", "umkm_new", "umkm_closed", "umkm_reached", "umkm_never_reached":
		return "total", "0", true
	case "dq_no_village":
		return "no_village", "0", true
	case "umkm_verified":
		return "verified", "0", true
	case "umkm_binaan":
		return "binaan", "0", true
	case "umkm_women_owned_share":
		return "total", "women", true
	case "umkm_digital_share":
		return "total", "digital", true
	case "dq_kbli_coverage":
		return "total", "kbli", true
	case "dq_nik_valid_share":
		return "total", "nik_valid", true
	case "umkm_workers_paid":
		return "paid_male", "paid_female", true
	case "umkm_workers_unpaid":
		return "unpaid_male", "unpaid_female", true
	}
	return "", "", false
}

// factCode reports whether enterprise_facts answers code.
func factCode(code string) bool {
	_, _, ok := factMeasure(code)
	return ok
}

// workerCodes are the indicators whose gender breakdown is the workers'
// sex, the two sums of the row; their whole value is the sum of both.
func workerCode(code string) bool {
	return code == "umkm_workers_paid" || code == "umkm_workers_unpaid"
}

// factQuery returns the query of ask over enterprise_facts, in the shape
// of indicatorGroups (key, n, part): the rows of the asked region (inside
// the actor's area: indicatorScope) or, by region, of its children.
func (s *Store) factQuery(p *params, ask indicatorAsk) string {
	n, part, _ := factMeasure(ask.ind.Code)
	conds, dim, col := s.factRegionConds(p, ask.region, ask.by == "region"), "", "''"
	switch ask.by {
	case "region":
		col = "region_code"
	case "size", "kbli_section", "disability":
		dim, col = ask.by, "key"
	case "gender":
		if !workerCode(ask.ind.Code) {
			dim, col = ask.by, "key"
		}
	}
	switch ask.ind.Code {
	case "umkm_never_reached":
		dim = "reach"
		conds = append(conds, "key = '0'")
	case "umkm_reached":
		dim = "reach"
		conds = append(conds, "key >= "+p.add(strconv.Itoa(ask.year))) // years of four digits, beyond "0"
	}
	conds = append(conds, "dim = "+p.add(dim))
	switch ask.ind.Code {
	case "umkm_reached", "umkm_never_reached":
		conds = append(conds, "created_year = 0", "closed_year = 0")
	case "umkm_new":
		y := p.add(ask.year)
		conds = append(conds, "created_year = "+y, "(closed_year = 0 OR closed_year > "+y+")")
	case "umkm_closed":
		conds = append(conds, "closed_year = "+p.add(ask.year))
	default:
		if ask.current {
			conds = append(conds, "closed_year = 0")
		} else {
			y := p.add(ask.year)
			conds = append(conds, "created_year <= "+y, "(closed_year = 0 OR closed_year > "+y+")")
		}
	}
	return `SELECT ` + col + `, CAST(COALESCE(sum(` + n + `), 0) AS BIGINT), CAST(COALESCE(sum(` + part + `), 0) AS BIGINT) FROM enterprise_facts` +
		where(conds) + groupBy(col)
}

// factRegionConds returns the conditions on the rows of enterprise_facts
// of region, or with children of its child regions.
func (s *Store) factRegionConds(p *params, region bina.RegionCode, children bool) []string {
	if !children {
		return []string{"region_code = " + p.add(string(region))}
	}
	conds := []string{"level = " + p.add(int(region.Level())+1)}
	if region != "" {
		lo, hi := region.Range()
		conds = append(conds, "region_code >= "+p.add(lo), "region_code < "+p.add(hi))
	}
	return conds
}

// settleFacts turns the sums read by factQuery into the figures: a
// worker count is both sums (by gender, one per sex).
func (s *Store) settleFacts(ask indicatorAsk, out map[string]tally) map[string]tally {
	switch {
	case workerCode(ask.ind.Code) && ask.by == "gender":
		t := out[""]
		return map[string]tally{"": {n: t.n + t.part}, "L": {n: t.n}, "P": {n: t.part}}
	case workerCode(ask.ind.Code):
		for k, t := range out {
			out[k] = tally{n: t.n + t.part}
		}
	}
	return out
}

// daysSinceImport returns the days from the last finished import that was
// not a dry run until today, and false without one: the figure has no
// value then, for 0 would read as an import today.
func (s *Store) daysSinceImport(ctx context.Context, tx *sql.Tx) (int64, bool, error) {
	var last sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT finished_at FROM imports WHERE state = $1 AND dry_run = $2 AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`, imports.ImportDone, false).Scan(&last)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	if err != nil || !last.Valid {
		return 0, false, bina.Wrap(err, "last import")
	}
	from, to := bina.DateFromTime(last.Time.In(s.loc())), bina.DateFromTime(s.now().In(s.loc()))
	return int64(to.Time().Sub(from.Time()).Hours() / 24), true, nil
}

// yearConds adds the year filters of the UMKM list behind umkm_new and
// umkm_closed: records created in a year, records archived in a year.
// They lie in the row alone (rowOnly); their totals read enterprise_facts
// when nothing else narrows the list (yearCountable).
func (s *Store) yearConds(q *enterpriseQuery, f bina.EnterpriseFilter) error {
	if f.ArchivedYear != 0 && !f.Archived {
		return invalidField("archived_year", "Tahun pengarsipan hanya untuk daftar arsip", "The year of archiving is for the archived list only")
	}
	for _, y := range []struct {
		col  string
		year int
	}{{"e.created_at", f.CreatedYear}, {"e.archived_at", f.ArchivedYear}} {
		if y.year == 0 {
			continue
		}
		from, to := s.yearSpan(y.year)
		q.base = append(q.base, cond{sql: y.col + " >= %s", args: []any{from}}, cond{sql: y.col + " < %s", args: []any{to}})
		q.fromCounts, q.rowOnly = false, true
	}
	return nil
}

// yearEnd checks the year of a list of the register at the end of a year
// (AtYearEnd of the filters) and returns the instant that year ended, or
// the zero time for the current year, whose end is the register now.
// Errors: Invalid (a year to come, or with the archived list, which is not
// the register).
func (s *Store) yearEnd(year int, archived bool) (time.Time, error) {
	now := s.now().In(s.loc()).Year()
	switch {
	case year < 1900 || year > now:
		return time.Time{}, invalidField("at_year_end", "Tahun %d di luar 1900 sampai %d", "The year %d is outside 1900 to %d", year, now)
	case archived:
		return time.Time{}, invalidField("at_year_end", "Register akhir tahun tidak bisa digabung dengan daftar arsip", "The register at a year's end cannot be combined with the archived list")
	case year == now:
		return time.Time{}, nil
	}
	_, end := s.yearSpan(year)
	return end, nil
}

// yearSpan returns the instants a year of the deployment's calendar
// begins and ends.
func (s *Store) yearSpan(year int) (time.Time, time.Time) {
	return time.Date(year, 1, 1, 0, 0, 0, 0, s.loc()).UTC(), time.Date(year+1, 1, 1, 0, 0, 0, 0, s.loc()).UTC()
}

// yearCountable reports whether enterprise_facts answers the total of f:
// records filtered by nothing but region, archived or not and the years.
func yearCountable(f bina.EnterpriseFilter, q *enterpriseQuery) bool {
	return q.reach == nil && !q.uncounted && (f.CreatedYear != 0 || f.ArchivedYear != 0) && f.KBLISection == "" && f.Size == "" && f.Status == "" &&
		f.Binaan == "" && f.Verification == "" && f.Digital == "" && q.words == "" && q.exact == nil
}

// keptYearTotal returns the query of such a total: the rows of the
// narrower of the actor's area and the filter's region (none when they
// do not meet).
func (s *Store) keptYearTotal(p *params, a actor, f bina.EnterpriseFilter) string {
	region := cmp.Or(a.scope, s.root)
	switch {
	case f.Region == "" || region.Contains(f.Region):
		region = cmp.Or(f.Region, region)
	case !f.Region.Contains(region):
		return `SELECT 0`
	}
	conds := append(s.factRegionConds(p, region, false), "dim = ''")
	switch {
	case f.ArchivedYear != 0:
		conds = append(conds, "closed_year = "+p.add(f.ArchivedYear))
	case f.Archived:
		conds = append(conds, "closed_year <> 0")
	default:
		conds = append(conds, "closed_year = 0")
	}
	if f.CreatedYear != 0 {
		conds = append(conds, "created_year = "+p.add(f.CreatedYear))
	}
	return `SELECT CAST(COALESCE(sum(total), 0) AS BIGINT) FROM enterprise_facts` + where(conds)
}

// checkYearHasData returns Invalid for a past year before every record of
// the register: no enterprise recorded by its end (the facts), and, unless
// only enterprises are asked about (an enterprise indicator), no
// programme, certificate or financing of that year or before, no
// cooperative recorded by its end and no annual report or assessment of
// an earlier book year (whose figures the year's cooperative indicators
// show, entered after the year).
func (s *Store) checkYearHasData(ctx context.Context, tx *sql.Tx, year int, enterprisesOnly bool) error {
	if year >= s.now().In(s.loc()).Year() {
		return nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM enterprise_facts WHERE region_code = $1 AND dim = '' AND created_year <= $2 AND total > 0 LIMIT 1) f`, string(s.root), year).Scan(&n)
	if err == nil && n == 0 && !enterprisesOnly {
		_, end := s.yearSpan(year)
		err = tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (SELECT 1 FROM programmes WHERE year <= $1 LIMIT 1) g)
	+ (SELECT count(*) FROM (SELECT 1 FROM pembinaan_facts WHERE region_code = $3 AND year > 0 AND year <= $1 AND n > 0 LIMIT 1) p)
	+ (SELECT count(*) FROM (SELECT 1 FROM cooperatives WHERE created_at < $2 LIMIT 1) c)
	+ (SELECT count(*) FROM (SELECT 1 FROM coop_figures WHERE book_year < $1 LIMIT 1) k)`, year, end, string(s.root)).Scan(&n)
	}
	if err != nil {
		return bina.Wrap(err, "indicator year")
	}
	if n == 0 {
		return indicator.NoDataForYear(year)
	}
	return nil
}
