package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"bina"
)

// enterpriseQuery is a checked EnterpriseFilter, as SQL conditions on the
// alias e and, equivalently, as search facets.
type enterpriseQuery struct {
	// base holds the archived and region conditions, which the list
	// indexes serve; filters the other ones.
	base, filters []cond
	// facets and words select the same records through the search index
	// (search.go); nib, when set, is an exact NIB lookup instead.
	facets []string
	words  string
	nib    string
	// fromCounts is set when the total can be read from enterprise_counts:
	// live records filtered by nothing but region, size and coaching state.
	fromCounts bool
}

// conds renders every SQL condition, adding their arguments to p.
func (q *enterpriseQuery) conds(p *params) []string {
	return append(renderConds(p, q.base), renderConds(p, q.filters)...)
}

// cond is an SQL condition whose arguments are bound when the statement
// is put together: sql holds one %s per argument.
type cond struct {
	sql  string
	args []any
}

func renderConds(p *params, cs []cond) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		phs := make([]any, len(c.args))
		for j, a := range c.args {
			phs[j] = p.add(a)
		}
		out[i] = fmt.Sprintf(c.sql, phs...)
	}
	return out
}

// regionConds returns the conditions that alias e lies in region; see
// regionCond.
func (s *Store) regionConds(region bina.RegionCode) []cond {
	switch {
	case region == "" || region == s.root:
		return nil
	case region.Level() == bina.LevelDistrict:
		return []cond{{"e.district_code = %s", []any{string(region)}}}
	case region.Level() == bina.LevelVillage:
		return []cond{{"e.village_code = %s", []any{string(region)}}}
	}
	lo, hi := region.Range()
	return []cond{{"e.village_code >= %s", []any{lo}}, {"e.village_code < %s", []any{hi}}}
}

// checkRegion returns Invalid unless r is empty or a region of the
// deployment.
func (s *Store) checkRegion(r bina.RegionCode) error {
	if r == "" || s.ref.Regions == nil {
		return nil
	}
	if _, ok := s.ref.Regions.Get(r); !ok || !s.ref.Regions.Root().Contains(r) {
		return invalidField("region", "Wilayah %s tidak dikenal", "Unknown region %s", r)
	}
	return nil
}

func invalidFilter(field, value string) error {
	return invalidField(field, "Nilai saringan %q tidak dikenal", "Unknown filter value %q", value)
}

// enterpriseConds checks f and builds its conditions for actor a.
func (s *Store) enterpriseConds(a actor, f bina.EnterpriseFilter) (*enterpriseQuery, error) {
	q := &enterpriseQuery{fromCounts: true}
	if err := s.checkRegion(f.Region); err != nil {
		return nil, err
	}
	if f.Archived {
		q.base = append(q.base, cond{sql: "e.archived_at IS NOT NULL"})
		q.facets = append(q.facets, "a1")
		q.fromCounts = false
	} else {
		q.base = append(q.base, cond{sql: "e.archived_at IS NULL"})
		q.facets = append(q.facets, "a0")
	}
	for _, r := range []bina.RegionCode{a.scope, f.Region} {
		if r == "" || r == s.root || (r == f.Region && r == a.scope) {
			continue
		}
		q.base = append(q.base, s.regionConds(r)...)
		q.facets = append(q.facets, regionFacet(r))
	}
	eq := func(field, column, value string, ok bool, prefix string) error {
		if value == "" {
			return nil
		}
		if !ok {
			return invalidFilter(field, value)
		}
		q.filters = append(q.filters, cond{"e." + column + " = %s", []any{value}})
		q.facets = append(q.facets, facet(prefix, value))
		return nil
	}
	section := f.KBLISection
	err := errors.Join(
		eq("kbli_section", "kbli_section", section, len(section) == 1 && section[0] >= 'A' && section[0] <= 'U', "k"),
		eq("size", "size_computed", f.Size, bina.Sizes.Has(f.Size), "s"),
		eq("status", "status", f.Status, bina.OperatingStatuses.Has(f.Status), "t"),
		eq("verification", "verification", f.Verification, bina.Verifications.Has(f.Verification), "v"),
	)
	if err != nil {
		return nil, err
	}
	if f.KBLISection != "" || f.Status != "" || f.Verification != "" {
		q.fromCounts = false
	}
	switch f.Binaan {
	case "":
	case "ya":
		q.filters = append(q.filters, cond{"e.binaan = %s", []any{true}})
		q.facets = append(q.facets, "b1")
	case "tidak":
		q.filters = append(q.filters, cond{"e.binaan = %s", []any{false}})
		q.facets = append(q.facets, "b0")
	default:
		return nil, invalidFilter("binaan", f.Binaan)
	}
	switch f.Digital {
	case "":
	case "any":
		q.filters = append(q.filters, cond{sql: "e.digital <> 0"})
	case "none":
		q.filters = append(q.filters, cond{sql: "e.digital = 0"})
	default:
		bit, ok := digitalBit(f.Digital)
		if !ok {
			return nil, invalidFilter("digital", f.Digital)
		}
		q.filters = append(q.filters, cond{sql: "(e.digital & " + strconv.Itoa(bit) + ") <> 0"})
	}
	if f.Digital != "" {
		q.facets = append(q.facets, facet("g", f.Digital))
		q.fromCounts = false
	}
	if nib := bina.NormalizeDigits(f.Query); len(nib) == 13 && isDigits(nib) {
		// A NIB is looked up exactly, not as words.
		q.nib = nib
		q.filters = append(q.filters, cond{"e.nib = %s", []any{nib}})
		q.fromCounts = false
	} else if q.words = searchQuery(f.Query); q.words != "" {
		q.fromCounts = false
	}
	return q, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ListEnterprises returns one page of enterprises matching f, with the
// exact number of matches in Total, ordered by f.Sort (default "name") and
// paged by keyset (see page.go). Items carry their owner, KBLI codes and
// sales; personal data is masked for actors who may not see it.
func (s *Store) ListEnterprises(ctx context.Context, f bina.EnterpriseFilter) (bina.Page[bina.Enterprise], error) {
	var page bina.Page[bina.Enterprise]
	a, err := s.actorOf(ctx)
	if err != nil {
		return page, err
	}
	if f.Sort == "" {
		f.Sort = "name"
	}
	spec, ok := sortSpecOf(f.Sort)
	if !ok || !bina.EnterpriseSorts.Has(f.Sort) {
		return page, invalidFilter("sort", f.Sort)
	}
	c, err := decodeCursor(f.Cursor, f.Sort)
	if err != nil {
		return page, err
	}
	limit := pageLimit(f.Limit)
	q, err := s.enterpriseConds(a, f)
	if err != nil {
		return page, err
	}
	// The total: kept counts, an exact NIB lookup, or the search index.
	var countSQL string
	var countArgs []any
	switch {
	case q.fromCounts:
		countSQL, countArgs = s.keptTotal(a, f)
	case q.nib != "":
		var cp params
		countSQL = `SELECT count(*) FROM enterprises e` + where(q.conds(&cp))
		countArgs = cp.args
	default:
		var cp params
		countSQL, countArgs = s.d.searchCount(&cp, q.words, q.facets), cp.args
	}
	var keys []keyOf
	var reversed bool
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, countSQL, countArgs...).Scan(&page.Total); err != nil {
			return bina.Wrap(err, "count enterprises")
		}
		if page.Total == 0 && c == nil {
			return nil
		}
		var p params
		conds := s.pageConds(q, &p, page.Total)
		kcond, order, back := keyset(&p, "e", f.Sort, spec, c)
		if kcond != "" {
			conds = append(conds, kcond)
		}
		pageSQL := enterpriseSelect + where(conds) + ` ORDER BY ` + order + ` LIMIT ` + p.add(limit+1)
		reversed = back
		rows, err := tx.QueryContext(ctx, pageSQL, p.args...)
		if err != nil {
			return bina.Wrap(err, "list enterprises")
		}
		defer rows.Close()
		var items []*bina.Enterprise
		for rows.Next() {
			e, k, err := scanEnterprise(rows)
			if err != nil {
				return bina.Wrap(err, "list enterprises")
			}
			items = append(items, e)
			keys = append(keys, k)
		}
		if err := rows.Err(); err != nil {
			return bina.Wrap(err, "list enterprises")
		}
		rows.Close()
		if err := s.loadEnterpriseChildren(ctx, tx, items); err != nil {
			return err
		}
		page.Items = make([]bina.Enterprise, len(items))
		for i, e := range items {
			if a.masked() {
				maskOwner(&e.Owner)
			}
			page.Items[i] = *e
		}
		return nil
	})
	if err != nil {
		return bina.Page[bina.Enterprise]{}, err
	}
	finishPage(&page, keys, limit, f.Sort, c, reversed)
	return page, nil
}

// defaultFTSDriveMax is the largest number of matches for which SQLite
// reads a page by looking up every match and sorting them; past it,
// walking the sort index and testing each row is cheaper.
const defaultFTSDriveMax = 20_000

// pageConds returns the conditions that select a page's rows, given the
// exact number of matches.
func (s *Store) pageConds(q *enterpriseQuery, p *params, total int) []string {
	if q.fromCounts || q.nib != "" {
		return q.conds(p)
	}
	if s.d.searchColumn {
		// PostgreSQL plans this itself: a GIN bitmap and a sort for few
		// matches, a walk of the region's name index for many.
		return append(renderConds(p, q.base), s.d.searchCond(p, q.words, q.facets))
	}
	if total <= s.ftsDriveMax {
		return []string{s.d.searchCond(p, q.words, q.facets)}
	}
	conds := q.conds(p)
	if q.words != "" {
		// The "+" keeps SQLite from driving the query by the matches: it
		// walks the sort index and tests each row against them.
		conds = append(conds, "+"+s.d.searchCond(p, q.words, nil))
	}
	return conds
}
