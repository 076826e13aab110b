package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"math/bits"
	"strconv"
	"strings"

	"bina"
)

// candidateCountCap is where a candidate list stops counting: past it the
// exact number helps nobody pick a programme's few dozen participants, and
// counting further through owners and enrolments costs more than the page
// (the reach figures count the register).
const candidateCountCap = 1_000

// candidateOrder ranks candidates: never reached first, then the longest
// since reached, then by name (the reach indexes of migration 0009).
const candidateOrder = `e.reached_last NULLS FIRST, e.sort_name, e.id`

// candidateQuery holds the conditions of a candidate list.
type candidateQuery struct {
	conds  []string
	person bool // a condition reads the owner (alias p)
}

// candidateConds builds the conditions on the aliases e and p that select
// the live businesses in the actor's region that c selects and that are not
// yet in programme g.
func (s *Store) candidateConds(p *params, a actor, g *coaching.Programme, c coaching.CandidateCriteria) (candidateQuery, error) {
	var q candidateQuery
	base := []cond{{sql: "e.archived_at IS NULL"}}
	region := c.Region
	if region == "" {
		region = g.Region
	}
	if err := s.checkRegion(region); err != nil {
		return q, err
	}
	for _, r := range []bina.RegionCode{a.scope, region} {
		if r == "" || r == s.root || (r == region && r == a.scope) {
			continue
		}
		base = append(base, s.regionConds("e", r, true)...)
	}
	q.conds = renderConds(p, base)
	// facetIn adds the condition that the masked facet bits take one of
	// the values. The mask, a constant of this package, is written into
	// the SQL so that PostgreSQL's statistics on the masked facets
	// (migration 0009) match it.
	facetIn := func(mask int, vals []any) {
		q.conds = append(q.conds, "(e.facets & "+strconv.Itoa(mask)+") IN ("+p.list(vals...)+")")
	}
	if len(c.Sizes) > 0 {
		var vals []any
		for _, sz := range c.Sizes {
			vals = append(vals, facetSizes[sz]<<facetSizeShift)
		}
		facetIn(facetSizeMask, vals)
	}
	if len(c.KBLISections) > 0 {
		var vals []any
		for _, sec := range c.KBLISections {
			n, _ := facetSection(sec)
			vals = append(vals, n<<facetSectionShift)
		}
		facetIn(facetSectionMask, vals)
	}
	if len(c.KBLICodes) > 0 {
		var ors []string
		for _, k := range c.KBLICodes {
			ors = append(ors, "substr(e.kbli_code, 1, "+p.add(len(k))+") = "+p.add(k))
		}
		q.conds = append(q.conds, "("+strings.Join(ors, " OR ")+")")
	}
	if c.DigitalBelow > 0 {
		var vals []any
		for v := 0; v < 1<<len(bina.DigitalChannels); v++ {
			if bits.OnesCount(uint(v)) < c.DigitalBelow {
				vals = append(vals, v<<facetDigitalShift)
			}
		}
		facetIn(facetDigitalMask, vals)
	}
	switch c.Binaan {
	case "ya":
		facetIn(facetBinaan, []any{facetBinaan})
	case "tidak":
		facetIn(facetBinaan, []any{0})
	}
	switch {
	case c.NeverReached:
		q.conds = append(q.conds, "e.reached_last IS NULL")
	case c.NotReachedSince != 0:
		q.conds = append(q.conds, "(e.reached_last IS NULL OR e.reached_last < "+p.add(bina.DateOf(c.NotReachedSince, 1, 1))+")")
	}
	if c.Gender != "" {
		q.conds, q.person = append(q.conds, "p.gender = "+p.add(c.Gender)), true
	}
	if c.Disability != "" {
		q.conds, q.person = append(q.conds, "p.disability = "+p.add(c.Disability == "ya")), true
	}
	from, to := c.BornBetween(bina.DateFromTime(s.now()))
	if !from.IsZero() {
		q.conds, q.person = append(q.conds, "p.birth_date >= "+p.add(from)), true
	}
	if !to.IsZero() {
		q.conds, q.person = append(q.conds, "p.birth_date <= "+p.add(to)), true
	}
	if c.LacksCertificate != "" {
		q.conds = append(q.conds, "NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enterprise_id = e.id AND c.kind = "+p.add(c.LacksCertificate)+")")
	}
	q.conds = append(q.conds, "NOT EXISTS (SELECT 1 FROM programme_participants pp WHERE pp.programme_id = "+p.add(g.ID)+" AND pp.enterprise_id = e.id)")
	return q, nil
}

// Candidates returns one page of a programme's candidates: f.Criteria, or
// the programme's own criteria when f.Criteria selects everyone.
func (s *Store) Candidates(ctx context.Context, f coaching.CandidateFilter) (bina.Page[coaching.Candidate], error) {
	var page bina.Page[coaching.Candidate]
	a, offset, err := s.openList(ctx, f.Cursor)
	if err != nil {
		return page, err
	}
	limit := pageLimit(f.Limit)
	c := f.Criteria
	c.Normalize()
	if err := c.Validate(s.ref); err != nil {
		return page, err
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		g, err := s.loadProgramme(ctx, tx, a, f.Programme, false)
		if err != nil {
			return err
		}
		if c.IsZero() {
			c = g.Criteria
		}
		var p params
		q, err := s.candidateConds(&p, a, g, c)
		if err != nil {
			return err
		}
		// CROSS JOIN makes SQLite walk the enterprises (in the order of a
		// list index) and look up each owner, rather than scan the owners;
		// PostgreSQL plans it as the inner join it is.
		from := ` FROM enterprises e`
		if q.person {
			from += ` CROSS JOIN persons p`
			q.conds = append(q.conds, "p.id = e.owner_id")
		}
		count := `SELECT count(*) FROM (SELECT 1` + from + where(q.conds) + ` LIMIT ` + strconv.Itoa(candidateCountCap+1) + `) m`
		if err := tx.QueryRowContext(ctx, count, p.args...).Scan(&page.Total); err != nil {
			return bina.Wrap(err, "count candidates")
		}
		if page.Total > candidateCountCap {
			page.Total, page.TotalCapped = candidateCountCap, true
		}
		if page.Total == 0 {
			return nil
		}
		list := `SELECT e.id, e.name, p.name, p.phone, e.village_code, e.size_computed, e.kbli_code, e.binaan, e.reached_last
FROM enterprises e CROSS JOIN persons p` + where(append(q.conds, "p.id = e.owner_id")) +
			` ORDER BY ` + candidateOrder + ` LIMIT ` + p.add(limit+1) + ` OFFSET ` + p.add(offset)
		page.Items, err = collect(ctx, tx, list, p.args, func(sc scanner) (*coaching.Candidate, error) {
			var x coaching.Candidate
			var village string
			if err := sc.Scan(&x.EnterpriseID, &x.Name, &x.OwnerName, &x.Phone, &village, &x.Size, &x.KBLI, &x.Binaan, &x.ReachedLast); err != nil {
				return nil, err
			}
			x.VillageCode = bina.RegionCode(village)
			x.Phone, x.InviteURL = invitation(a, g, x.Phone, x.OwnerName, x.Name)
			return &x, nil
		})
		return bina.Wrap(err, "list candidates")
	})
	if err != nil {
		return bina.Page[coaching.Candidate]{}, err
	}
	finishOffsetPage(&page, offset, limit)
	return page, nil
}
