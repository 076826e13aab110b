package sqlstore

import (
	"bina/coaching"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"bina"
)

// enterpriseQuery is a checked EnterpriseFilter.
type enterpriseQuery struct {
	archived bool
	// base holds the archived and region conditions on the alias e, which
	// the keys of the list indexes serve.
	base []cond
	// regions are the regions a record must lie in (the actor's scope and
	// the filter's region, when they narrow anything), for the word table.
	regions []bina.RegionCode
	// ff selects the other filter values in the facets column.
	ff facetFilter
	// tokens select the same records, region included, in the facets column
	// of SQLite's full-text index.
	tokens []string
	// words, when set, are the folded search words (searchQuery); exact,
	// when set, an exact lookup by NIB, NIK or phone instead.
	words string
	exact *cond
	// rank, when set, ranks the live records a search finds (rankPatterns).
	rank []string
	// fromCounts is set when the total can be read from enterprise_counts:
	// live records filtered by nothing but region, size and coaching state.
	fromCounts bool
	// rowOnly is set when a condition (the reach) lies in the row alone,
	// not in the facets nor the search index: the total counts rows.
	rowOnly bool
	// reach is the reach filter, when given (reach.go).
	reach *coaching.ReachFilter
	// uncounted is set by the filters that no kept count knows (the
	// owner, the data-quality checks, financing): the totals of the
	// reach and the years are then counted, not read.
	uncounted bool
}

// rowConds renders the conditions on the alias e that select the records
// (all but the words), adding their arguments to p.
func (q *enterpriseQuery) rowConds(p *params) []string {
	return q.conds(p, false)
}

// walkConds is rowConds for the walk of a page in the sort's index (the
// conditions' walk forms).
func (q *enterpriseQuery) walkConds(p *params) []string {
	return q.conds(p, true)
}

func (q *enterpriseQuery) conds(p *params, walk bool) []string {
	base := q.base
	if walk {
		base = make([]cond, len(q.base))
		for i, c := range q.base {
			if base[i] = c; c.walk != "" {
				base[i].sql = c.walk
			}
		}
	}
	out := append(renderConds(p, base), q.ff.conds(p, "e.facets")...)
	if q.exact != nil {
		out = append(out, renderConds(p, []cond{*q.exact})...)
	}
	return out
}

// cond is an SQL condition whose arguments are bound when the statement
// is put together: sql holds one %s per argument.
type cond struct {
	sql  string
	args []any
	// walk, when set, is the condition's form in a walk of the sort's
	// index (enterpriseQuery.walkConds).
	walk string
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

// regionConds returns the conditions that alias a lies in region: the
// kecamatan and desa columns for those levels (each has its list index),
// a range of desa codes otherwise.
func (s *Store) regionConds(a string, region bina.RegionCode, districtColumn bool) []cond {
	switch {
	case region == "" || region == s.root:
		return nil
	case region.Level() == bina.LevelDistrict && districtColumn:
		return []cond{{sql: a + ".district_code = %s", args: []any{string(region)}}}
	case region.Level() == bina.LevelVillage:
		return []cond{{sql: a + ".village_code = %s", args: []any{string(region)}}}
	}
	lo, hi := region.Range()
	return []cond{{sql: a + ".village_code >= %s", args: []any{lo}}, {sql: a + ".village_code < %s", args: []any{hi}}}
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
	q := &enterpriseQuery{archived: f.Archived, fromCounts: !f.Archived}
	if err := s.checkRegion(f.Region); err != nil {
		return nil, err
	}
	var end time.Time
	if f.AtYearEnd != 0 {
		var err error
		if end, err = s.yearEnd(f.AtYearEnd, f.Archived); err != nil {
			return nil, err
		}
	}
	switch {
	case f.Archived:
		q.base = append(q.base, cond{sql: "e.archived_at IS NOT NULL"})
		q.tokens = append(q.tokens, "a1")
	case !end.IsZero():
		// The register at a past year's end holds records archived
		// since: no index of live records serves it, so its rows are
		// counted and sorted (a rare list, behind a past year's figure).
		q.base = append(q.base, cond{sql: "e.created_at < %s", args: []any{end}},
			cond{sql: "(e.archived_at IS NULL OR e.archived_at >= %s)", args: []any{end}})
		q.fromCounts, q.rowOnly, q.uncounted = false, true, true
	default:
		q.base = append(q.base, cond{sql: "e.archived_at IS NULL"})
	}
	// The desa sort walks the desa index, in which a kecamatan is a range
	// of desa codes: its test of the kecamatan column would read the rows.
	byRegion := strings.TrimPrefix(f.Sort, "-") == "region"
	// The sorts by size, time and id walk an index that does not begin
	// with the region: a kecamatan is tested in it, not sought, else
	// SQLite seeks the kecamatan in its index and sorts all its records
	// (a tenth of the register) for one page (the dialect's unindexed).
	walkIndex := !byRegion && strings.TrimPrefix(f.Sort, "-") != "name" && f.Sort != ""
	for _, r := range []bina.RegionCode{a.scope, f.Region} {
		if r == "" || r == s.root || (r == f.Region && r == a.scope) {
			continue
		}
		cs := s.regionConds("e", r, !byRegion)
		if walkIndex && r.Level() == bina.LevelDistrict && s.d.unindexed != "" {
			cs[0].walk = s.d.unindexed + cs[0].sql
		}
		q.base = append(q.base, cs...)
		q.regions = append(q.regions, r)
		q.tokens = append(q.tokens, regionFacet(r))
	}
	switch f.KBLISection {
	case "":
	case "any":
		q.ff.is(facetKBLI, facetKBLI)
		q.tokens = append(q.tokens, "kany")
	case "none":
		q.ff.is(facetKBLI, 0)
		q.tokens = append(q.tokens, "knone")
	default:
		c, ok := facetSection(f.KBLISection)
		if !ok {
			return nil, invalidFilter("kbli_section", f.KBLISection)
		}
		q.ff.is(facetSectionMask, c<<facetSectionShift)
		q.tokens = append(q.tokens, facet("k", f.KBLISection))
	}
	// enum adds the filter on one enumerated field.
	enum := func(field, value string, ok bool, codes map[string]int, mask, shift int, prefix string) error {
		if value == "" {
			return nil
		}
		if !ok {
			return invalidFilter(field, value)
		}
		c, known := codes[value]
		if !known {
			return bina.Wrap(fmt.Errorf("%s %q has no facet code (search.go)", field, value), "list enterprises")
		}
		q.ff.is(mask, c<<shift)
		q.tokens = append(q.tokens, facet(prefix, value))
		return nil
	}
	err := errors.Join(
		enum("size", f.Size, bina.Sizes.Has(f.Size), facetSizes, facetSizeMask, facetSizeShift, "s"),
		enum("status", f.Status, bina.OperatingStatuses.Has(f.Status), facetStatuses, facetStatusMask, facetStatusShift, "t"),
		enum("verification", f.Verification, bina.Verifications.Has(f.Verification), facetVerifications, facetVerificationMask, facetVerificationShift, "v"),
	)
	if err != nil {
		return nil, err
	}
	if f.Size != "" && strings.TrimPrefix(f.Sort, "-") == "size" {
		// The size sort's index then seeks the class instead of walking
		// the classes before it.
		q.base = append(q.base, cond{sql: "e.size_rank = %s", args: []any{sizeRank(f.Size)}})
	}
	if f.KBLISection != "" || f.Status != "" || f.Verification != "" {
		q.fromCounts = false
	}
	switch f.Binaan {
	case "":
	case "ya":
		q.ff.is(facetBinaan, facetBinaan)
		q.tokens = append(q.tokens, "b1")
	case "tidak":
		q.ff.is(facetBinaan, 0)
		q.tokens = append(q.tokens, "b0")
	default:
		return nil, invalidFilter("binaan", f.Binaan)
	}
	if err := q.ownerConds(f); err != nil {
		return nil, err
	}
	if err := s.financingConds(q, f.FinancingYear); err != nil {
		return nil, err
	}
	if err := s.reachConds(q, f.Reached); err != nil {
		return nil, err
	}
	if err := s.yearConds(q, f); err != nil {
		return nil, err
	}
	switch f.Digital {
	case "":
	case "any":
		q.ff.anyDigital = true
	case "none":
		q.ff.is(facetDigitalMask, 0)
	default:
		bit, ok := digitalBit(f.Digital)
		if !ok {
			return nil, invalidFilter("digital", f.Digital)
		}
		q.ff.is(bit<<facetDigitalShift, bit<<facetDigitalShift)
	}
	if f.Digital != "" {
		q.tokens = append(q.tokens, facet("g", f.Digital))
		q.fromCounts = false
	}
	if q.exact = exactLookup(a, f.Query); q.exact != nil {
		q.fromCounts = false
	} else if q.words = searchQuery(f.Query); q.words != "" {
		q.fromCounts = false
		if f.CreatedYear != 0 || f.ArchivedYear != 0 {
			return nil, invalidField("created_year", "Saringan tahun belum bisa digabung dengan pencarian kata", "The year filters cannot yet be combined with a word search")
		}
		if !f.Archived {
			q.rank = rankPatterns(f.Query)
		}
		if !end.IsZero() {
			return nil, invalidField("at_year_end", "Register akhir tahun belum bisa digabung dengan pencarian kata", "The register at a year's end cannot yet be combined with a word search")
		}
		if f.FinancingYear != 0 {
			return nil, invalidField("financing_year", "Saringan tahun pembiayaan belum bisa digabung dengan pencarian kata", "The financing year filter cannot yet be combined with a word search")
		}
		if q.rowOnly {
			return nil, invalidField("reached", "Saringan jangkauan belum bisa digabung dengan pencarian kata", "The reach filter cannot yet be combined with a word search")
		}
	}
	return q, nil
}

// ownerConds adds the filters by the owner and by the checks of the
// data-quality figures, all in the facets.
func (q *enterpriseQuery) ownerConds(f bina.EnterpriseFilter) error {
	switch g := f.OwnerGender; {
	case g == "":
	case g == "none" || bina.Genders.Has(g):
		if g == "none" {
			g = ""
		}
		q.ff.is(facetGenderMask, facetGenders[g]<<facetGenderShift)
		q.tokens = append(q.tokens, facet("o", f.OwnerGender))
	default:
		return invalidFilter("owner_gender", f.OwnerGender)
	}
	for _, y := range []struct {
		field, value, prefix string
		bit                  int
		on                   string // the value that sets the bit
	}{
		{"owner_disability", f.OwnerDisability, "od", facetDisabled, "ya"},
		{"nik_valid", f.NIKValid, "n", facetNIKValid, "ya"},
		{"village_known", f.VillageKnown, "u", facetNoVillage, "tidak"},
	} {
		switch y.value {
		case "":
			continue
		case "ya", "tidak":
		default:
			return invalidFilter(y.field, y.value)
		}
		set := y.value == y.on
		if set {
			q.ff.is(y.bit, y.bit)
		} else {
			q.ff.is(y.bit, 0)
		}
		q.tokens = append(q.tokens, yesNoFacet(y.prefix, set))
	}
	if f.OwnerGender != "" || f.OwnerDisability != "" || f.NIKValid != "" || f.VillageKnown != "" {
		q.fromCounts, q.uncounted = false, true
	}
	return nil
}

// financingConds adds the filter of the records with a financing
// milestone dated in year, the list behind umkm_financing_count and
// umkm_financing_amount: a condition on the row, the set of enterprises
// with such a milestone, found once per query.
func (s *Store) financingConds(q *enterpriseQuery, year int) error {
	if year == 0 {
		return nil
	}
	if year < 1900 || year > 2100 {
		return invalidFilter("financing_year", strconv.Itoa(year))
	}
	q.base = append(q.base, cond{sql: "e.id IN (SELECT m.enterprise_id FROM milestones m WHERE m.kind = %s AND m.date >= %s AND m.date < %s)",
		args: []any{coaching.MilestoneFinancing, bina.DateOf(year, time.January, 1), bina.DateOf(year+1, time.January, 1)}})
	q.fromCounts, q.rowOnly, q.uncounted = false, true, true
	return nil
}

// exactLookup returns the condition of a query that is a NIB, or, for an
// actor who may see personal data, an owner's NIK or phone number: each
// looked up exactly by its normalized value, through its index. For
// anyone else a NIK or a phone number is searched as words, which hold no
// personal number, so the search tells nothing about them.
func exactLookup(a actor, query string) *cond {
	// A phone number is written 08... or +62...; a NIB or a NIK is not.
	digits := bina.NormalizeDigits(strings.TrimPrefix(strings.TrimSpace(query), "+"))
	if !isDigits(digits) {
		return nil
	}
	phone, isPhone := bina.NormalizePhone(query)
	isPhone = isPhone && (strings.HasPrefix(digits, "08") || strings.HasPrefix(strings.TrimSpace(query), "+"))
	switch {
	case len(digits) == 13 && !isPhone:
		return &cond{sql: "e.nib = %s", args: []any{digits}}
	case a.masked():
		return nil
	case len(digits) == 16 && !isPhone:
		return &cond{sql: "e.owner_id IN (SELECT p.id FROM persons p WHERE p.nik = %s)", args: []any{digits}}
	case isPhone:
		return &cond{sql: "e.owner_id IN (SELECT p.id FROM persons p WHERE p.phone = %s AND p.phone <> '')", args: []any{phone}}
	}
	return nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
