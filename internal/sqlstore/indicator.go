package sqlstore

import (
	"bina/coaching"
	"bina/indicator"
	"bina/supervision"
	"context"
	"database/sql"
	"strconv"
	"time"

	"bina"
)

// Indicators (issue 13) are counted with the queries of the lists behind
// them: umkm_registered and umkm_binaan of the current year read
// enterprise_counts through keptTotal like the UMKM list's total, the
// reach figures read reach_counts like the reach page, the register's
// cooperative counts read coop_counts with the list's active year,
// programmes the programme list's region rule. Figures of the register's current state answer the
// current year only; past years are counted for the indicators whose
// records carry dates (indicator.Indicator.History). See docs/indikator.md.

// trendYears is how many years a by=year breakdown holds, ending with the
// asked year.
const trendYears = 5

// indicatorAsk is one computation: an indicator for a year and region,
// grouped by a breakdown ("" for the whole figure).
type indicatorAsk struct {
	ind     *indicator.Indicator
	year    int
	current bool // year is the current year: the register's state now
	region  bina.RegionCode
	by      string
}

// IndicatorValues computes every indicator of the catalogue for q.
func (s *Store) IndicatorValues(ctx context.Context, q indicator.Query) ([]indicator.Value, error) {
	a, year, region, err := s.indicatorScope(ctx, q)
	if err != nil {
		return nil, err
	}
	out := []indicator.Value{}
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := s.checkYearHasData(ctx, tx, year, false); err != nil {
			return err
		}
		for i := range indicator.Indicators {
			ind := &indicator.Indicators[i]
			ask := indicatorAsk{ind: ind, year: year, current: year == s.now().Year(), region: region}
			if !ask.current && !ind.History {
				continue
			}
			groups, err := s.indicatorGroups(ctx, tx, a, ask)
			if err != nil {
				return err
			}
			out = append(out, s.indicatorValue(ask, "", groups[""]))
		}
		return nil
	})
	return out, err
}

// IndicatorBreakdown computes one indicator per key of by, or whole.
func (s *Store) IndicatorBreakdown(ctx context.Context, code string, q indicator.Query, by string) ([]indicator.Value, error) {
	ind, ok := indicator.ByCode(code)
	if !ok {
		return nil, indicator.UnknownIndicator(code)
	}
	if by != "" {
		if err := ind.CheckBreakdown(by); err != nil {
			return nil, err
		}
	}
	a, year, region, err := s.indicatorScope(ctx, q)
	if err != nil {
		return nil, err
	}
	current := year == s.now().Year()
	if !current && !ind.History && by != "year" {
		return nil, invalidField("year", "Indikator %s hanya tersedia untuk tahun berjalan", "Indicator %s is available for the current year only", code)
	}
	out := []indicator.Value{}
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := s.checkYearHasData(ctx, tx, year, ind.Subject == "enterprise"); err != nil {
			return err
		}
		if by == "year" {
			for y := year - trendYears + 1; y <= year; y++ {
				ask := indicatorAsk{ind: ind, year: y, current: y == s.now().Year(), region: region}
				groups, err := s.indicatorGroups(ctx, tx, a, ask)
				if err != nil {
					return err
				}
				v := s.indicatorValue(ask, "", groups[""])
				v.Key = strconv.Itoa(y)
				v.Label, v.LabelEN = v.Key, v.Key
				v.URL = ask.listURL("year", v.Key)
				out = append(out, v)
			}
			return nil
		}
		ask := indicatorAsk{ind: ind, year: year, current: current, region: region, by: by}
		groups, err := s.indicatorGroups(ctx, tx, a, ask)
		if err != nil {
			return err
		}
		if by == "" {
			out = append(out, s.indicatorValue(ask, "", groups[""]))
			return nil
		}
		for _, k := range s.breakdownKeys(ask, groups) {
			v := s.indicatorValue(ask, k.Code, groups[k.Code])
			v.Key, v.Label, v.LabelEN = k.Code, k.ID, k.EN
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// indicatorScope checks q against the actor: the year (0: the current
// one) and the region (""; the actor's area).
func (s *Store) indicatorScope(ctx context.Context, q indicator.Query) (actor, int, bina.RegionCode, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return a, 0, "", err
	}
	now := s.now().Year()
	year := q.Year
	if year == 0 {
		year = now
	}
	if year < 1900 || year > now {
		return a, 0, "", invalidField("year", "Tahun harus antara 1900 dan %d", "The year must be between 1900 and %d", now)
	}
	region := q.Region
	if region == "" {
		region = a.scope
	}
	if region == "" {
		region = s.root
	}
	if err := s.checkRegion(region); err != nil {
		return a, 0, "", err
	}
	if !a.scope.Contains(region) {
		return a, 0, "", notFoundf("Wilayah di luar wilayah kerja Anda", "Region outside your area")
	}
	return a, year, region, nil
}

// tally is a figure counted per key: the count, and for a share the
// count of its numerator; none marks a figure without a value.
type tally struct {
	n, part int64
	none    bool
}

// indicatorValue makes the value of ask for one key from its tally.
func (s *Store) indicatorValue(ask indicatorAsk, key string, t tally) indicator.Value {
	v := float64(t.n)
	if ask.ind.Measure == indicator.MeasurePercent {
		v = 0
		if t.n > 0 {
			v = float64(t.part*1000/t.n) / 10 // one decimal, rounded down
		}
	}
	region := ask.region
	if ask.by == "region" && key != "" && key != unrecorded {
		region = bina.RegionCode(key) // each item of a breakdown by region is that region's figure
	}
	return indicator.Value{Code: ask.ind.Code, Name: ask.ind.Name.ID, Unit: ask.ind.Unit.ID, Value: v, None: t.none,
		Year: ask.year, RegionCode: region, URL: ask.listURL(ask.by, key)}
}

// listURL is the list behind the figure of ask for one key of by: for a
// past year, the register as it stood at that year's end where the
// figure counts it (indicator.Indicator.PastListURL).
func (ask indicatorAsk) listURL(by, key string) string {
	if ask.current {
		return ask.ind.ListURL(ask.year, ask.region, by, key)
	}
	return ask.ind.PastListURL(ask.year, ask.region, by, key)
}

// unrecorded is the key of a breakdown for records without its value (no
// size computed, no KBLI code, no gender).
const unrecorded = "-"

// breakdownKeys returns the keys of a breakdown in their order with their
// names: every child region, size, section or gender, counted or not, and
// the records without one when there are.
func (s *Store) breakdownKeys(ask indicatorAsk, groups map[string]tally) []bina.Option {
	keys := s.breakdownChoices(ask)
	if _, ok := groups[unrecorded]; ok {
		keys = append(keys[:len(keys):len(keys)], bina.Option{Code: unrecorded, ID: "Tidak diisi", EN: "Not recorded"})
	}
	return keys
}

// breakdownChoices returns the values a breakdown can take.
func (s *Store) breakdownChoices(ask indicatorAsk) []bina.Option {
	switch ask.by {
	case "region":
		var out []bina.Option
		for _, r := range s.ref.Regions.Children(ask.region) {
			out = append(out, bina.Option{Code: string(r.Code), ID: r.Name, EN: r.Name})
		}
		return out
	case "size":
		return bina.Sizes
	case "kbli_section":
		return bina.KBLISections()
	case "gender":
		return bina.Genders
	case "disability":
		return disabilityChoices
	case "cert_kind":
		return coaching.CertificateKinds
	case "coop_type", "coop_group", "health_category":
		// The office's groups are a table; the keys are read outside the
		// asking request's transaction, as the list page's filter does.
		return s.coopChoices(context.Background(), ask.by)
	}
	return nil
}

// disabilityChoices are the keys of the breakdown by the owner's
// disability.
var disabilityChoices = []bina.Option{{Code: "ya", ID: "Penyandang disabilitas", EN: "With a disability"}, {Code: "tidak", ID: "Bukan penyandang disabilitas", EN: "Without a disability"}}

// groupColumn returns the column of the enterprise or cooperative on alias
// a that a breakdown groups by, or ” for none.
func groupColumn(by string, region bina.RegionCode, a string) string {
	switch by {
	case "region":
		if region.Level() >= bina.LevelDistrict {
			return a + ".village_code"
		}
		return a + ".district_code"
	case "size":
		return a + ".size_computed"
	case "kbli_section":
		return a + ".kbli_section"
	case "gender":
		return "o.gender"
	}
	return "''"
}

// indicatorGroups counts ask, per key of its breakdown ("" without one).
func (s *Store) indicatorGroups(ctx context.Context, tx *sql.Tx, a actor, ask indicatorAsk) (map[string]tally, error) {
	var p params
	var query string
	code, by := ask.ind.Code, ask.by
	switch {
	case keptCoopCount(ask):
		query = s.coopCountQuery(&p, ask) // the kept count of cooperatives: coop_counts.go
	case isCoopIndicator(code) || by == "coop_type" || by == "coop_group":
		query = s.coopQuery(&p, a, ask) // cooperative supervision and programmes: indicator_coop.go
	case factCode(code):
		query = s.factQuery(&p, ask)
	case ask.ind.Subject == "certificate" || ask.ind.Subject == "milestone":
		return s.pembinaanGroups(ctx, tx, ask)
	case code == "dq_last_import":
		days, ok, err := s.daysSinceImport(ctx, tx)
		return map[string]tally{"": {n: days, none: !ok}}, err
	case ask.ind.Subject == "cooperative":
		conds := s.recordConds(&p, a, ask, "c")
		if code == "coop_active" {
			conds = append(conds, s.activeCooperativeConds(&p, true)...)
		}
		col := groupColumn(by, ask.region, "c")
		query = `SELECT ` + col + `, count(*), 0 FROM cooperatives c` + where(conds) + groupBy(col)
	case code == "coop_rat_on_time":
		// The compliance page's own count (issue 12), for the book year
		// whose RAT falls in the year (none before the book years it
		// knows).
		if ask.year-1 < 1950 {
			return map[string]tally{}, nil
		}
		// Read from the kept counts: rat_counts.go.
		f := supervision.ComplianceFilter{BookYear: ask.year - 1, Region: ask.region}
		_, region, set, err := s.complianceStart(ctx, f)
		if err != nil {
			return nil, err
		}
		n, err := s.ratOnTime(ctx, tx, region, f.BookYear, set, bina.DateFromTime(s.now()))
		if err != nil {
			return nil, err
		}
		return map[string]tally{"": {n: n}}, nil
	case code == "programmes":
		conds := s.programmeScope([]string{"g.archived_at IS NULL", "g.year = " + p.add(ask.year)}, &p, actor{scope: ask.region})
		query = `SELECT '', count(*), 0 FROM programmes g` + where(conds)
	case code == "programme_participants":
		conds := []string{"g.archived_at IS NULL", "g.year = " + p.add(ask.year), "pp.reached_on IS NOT NULL"}
		conds = s.regionCond(conds, &p, "e", a.scope)
		if ask.region != a.scope {
			conds = s.regionCond(conds, &p, "e", ask.region)
		}
		col := groupColumn(by, ask.region, "e")
		query = `SELECT ` + col + `, count(*), 0 FROM programme_participants pp JOIN programmes g ON g.id = pp.programme_id
JOIN enterprises e ON e.id = pp.enterprise_id JOIN persons o ON o.id = e.owner_id` + where(conds) + groupBy(col)
	default:
		return nil, indicator.UnknownIndicator(code)
	}
	rows, err := tx.QueryContext(ctx, query, p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "count indicator "+code)
	}
	defer rows.Close()
	out := map[string]tally{}
	for rows.Next() {
		var key string
		var t tally
		if err := rows.Scan(&key, &t.n, &t.part); err != nil {
			return nil, bina.Wrap(err, "count indicator "+code)
		}
		if by != "" && key == "" {
			key = unrecorded
		}
		x := out[key]
		x.n += t.n
		x.part += t.part
		out[key] = x
		if by != "" {
			total := out[""]
			total.n += t.n
			total.part += t.part
			out[""] = total
		}
	}
	if err := rows.Err(); err != nil {
		return nil, bina.Wrap(err, "count indicator "+code)
	}
	if factCode(code) {
		out = s.settleFacts(ask, out)
	}
	return out, nil
}

// groupBy returns the GROUP BY clause of a key column: none for the
// constant of a figure without breakdown (PostgreSQL refuses to group by
// a constant).
func groupBy(col string) string {
	if col == "''" {
		return ""
	}
	return ` GROUP BY ` + col
}

// recordConds returns the conditions that a register record on alias al
// counts for ask: inside the actor's area and the asked region, and live
// now (the current year) or at the end of the asked year (created before
// it, not archived before it).
func (s *Store) recordConds(p *params, a actor, ask indicatorAsk, al string) []string {
	conds := s.regionCond(nil, p, al, a.scope)
	if ask.region != a.scope {
		conds = s.regionCond(conds, p, al, ask.region)
	}
	if ask.current {
		return append(conds, al+".archived_at IS NULL")
	}
	at := p.add(time.Date(ask.year+1, 1, 1, 0, 0, 0, 0, bina.ZoneOf(s.root).Location()).UTC())
	return append(conds, al+".created_at < "+at, "("+al+".archived_at IS NULL OR "+al+".archived_at >= "+at+")")
}
