package sqlstore

import (
	"bina/supervision"
	"context"

	"bina"
)

// The cooperative and programme indicators of issue 13 (bina's
// indicator_coop.go). The figures of reports and assessments read the kept
// sums of coop_figure_sums (coop_figures.go) for book year year − 1; the
// cooperative list's laporan= and kesehatan= filters read the kept rows of
// coop_figures, so that a figure and its list cannot count differently.
// KDMP progress reads the kept count of cooperatives (coop_counts.go); the
// programme budget and outcomes read the year's programmes, few by nature.

// coopSumIndicators are the indicators read from coop_figure_sums, with
// the sum each takes.
var coopSumIndicators = map[string]string{
	"coop_reporting":       "f.reported",
	"coop_health":          "f.assessed",
	"coop_members":         "f.members_female + f.members_male + f.members_other",
	"coop_own_capital":     "f.own_capital",
	"coop_assets":          "f.assets",
	"coop_business_volume": "f.business_volume",
	"coop_shu":             "f.shu",
}

// isCoopIndicator reports whether coopQuery counts code.
func isCoopIndicator(code string) bool {
	_, ok := coopSumIndicators[code]
	return ok || code == "programme_budget" || code == "programme_outcomes"
}

// coopQuery returns the query of ask in the shape of indicatorGroups: the
// key column, the figure and no part, per key of the breakdown. It also
// counts the register's cooperative indicators by type and group.
func (s *Store) coopQuery(p *params, a actor, ask indicatorAsk) string {
	code, by := ask.ind.Code, ask.by
	switch {
	case ask.ind.Subject == "cooperative" && !isCoopIndicator(code):
		// The register's counts (coop_registered, coop_active) by type
		// or group.
		conds := s.recordConds(p, a, ask, "c")
		if code == "coop_active" {
			conds = append(conds, s.activeCooperativeConds(p, true)...)
		}
		col := "c.jenis"
		if by == "coop_group" {
			col = "c.kelompok"
		}
		return `SELECT ` + col + `, count(*), 0 FROM cooperatives c` + where(conds) + groupBy(col)
	case code == "programme_budget":
		conds := s.programmeScope([]string{"g.archived_at IS NULL", "g.year = " + p.add(ask.year)}, p, actor{scope: ask.region})
		return `SELECT '', CAST(COALESCE(sum(g.funding_amount), 0) AS BIGINT), 0 FROM programmes g` + where(conds)
	case code == "programme_outcomes":
		// Each programme's outcome page (coaching.ProgrammeOutcomes): the
		// milestones of its attending or completing participants inside
		// the actor's area, dated on or after its start.
		conds := s.programmeScope([]string{"g.archived_at IS NULL", "g.year = " + p.add(ask.year)}, p, actor{scope: ask.region})
		conds = append(conds, "pp.state IN ('attended', 'completed')", "m.date >= g.starts_on")
		conds = s.regionCond(conds, p, "e", a.scope)
		return `SELECT '', count(*), 0 FROM programmes g JOIN programme_participants pp ON pp.programme_id = g.id
JOIN enterprises e ON e.id = pp.enterprise_id JOIN milestones m ON m.enterprise_id = pp.enterprise_id` + where(conds)
	}
	// The sums of the asked region (inside the actor's area: checked),
	// or of its children, whole or along one dimension.
	conds := []string{"f.book_year = " + p.add(ask.year-1)}
	region := p.add(string(ask.region))
	key, dim := "''", ""
	switch by {
	case "region":
		key = "f.region_code"
		conds = append(conds, "f.parent_code = "+region)
	case "coop_type":
		key, dim = "f.value", "jenis"
	case "coop_group":
		key, dim = "f.value", "kelompok"
	case "health_category":
		key, dim = "f.value", "health"
	}
	if by != "region" {
		conds = append(conds, "f.region_code = "+region)
	}
	conds = append(conds, "f.dim = "+p.add(dim))
	from := ` FROM coop_figure_sums f` + where(conds)
	if by == "gender" {
		// The members' sex is a column each, not a key: one row per sex,
		// and the members not given by sex when there are.
		return `SELECT 'L', f.members_male, 0` + from + ` UNION ALL SELECT 'P', f.members_female, 0` + from +
			` UNION ALL SELECT '', f.members_other, 0` + from + ` AND f.members_other > 0`
	}
	return `SELECT ` + key + `, ` + coopSumIndicators[code] + `, 0` + from
}

// coopChoices returns the keys of the cooperative breakdowns: the types,
// the office's groups (read as the list page reads them) and the health
// categories.
func (s *Store) coopChoices(ctx context.Context, by string) []bina.Option {
	switch by {
	case "coop_type":
		return bina.Jenises
	case "coop_group":
		if ks, err := kelompoks(ctx, s.rdb); err == nil {
			return ks
		}
		return bina.DefaultKelompoks
	case "health_category":
		return bina.HealthResults
	}
	return nil
}

// keptFigureConds returns the conditions of the cooperative list's
// filters on the kept figures: a report of a book year submitted or
// accepted (Report), an assessment of a book year or its category
// (Health).
func keptFigureConds(p *params, f bina.CooperativeFilter) ([]string, error) {
	report, err := supervision.ParseYearChoice("report", f.Report, supervision.ReportChoices)
	if err != nil {
		return nil, err
	}
	health, err := supervision.ParseYearChoice("health", f.Health, bina.HealthResults)
	if err != nil {
		return nil, err
	}
	var conds []string
	if report.Year != 0 {
		col := "k.reported"
		if report.Choice == supervision.ReportChoiceAccepted {
			col = "k.accepted"
		}
		c := col + " = " + p.add(true)
		conds = append(conds, "EXISTS (SELECT 1 FROM coop_figures k WHERE k.cooperative_id = c.id AND k.book_year = "+p.add(report.Year)+" AND "+c+")")
	}
	if health.Year != 0 {
		c := "k.health <> ''"
		if health.Choice != "" {
			c = "k.health = " + p.add(health.Choice) // added only when used: PostgreSQL types every parameter
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM coop_figures k WHERE k.cooperative_id = c.id AND k.book_year = "+p.add(health.Year)+" AND "+c+")")
	}
	return conds, nil
}
