package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"bina"
)

// yesNo checks a "ya"/"tidak"/"" filter value.
func yesNo(field, v string) (set, yes bool, err error) {
	switch v {
	case "":
		return false, false, nil
	case "ya":
		return true, true, nil
	case "tidak":
		return true, false, nil
	}
	return false, false, invalidFilter(field, v)
}

// ListCooperatives returns one page of cooperatives matching f (without
// RAT records; Active and LastRATYear set), paged by keyset like
// ListEnterprises. Cooperatives are few (hundreds), so the search matches
// words by prefix with LIKE on a column of folded words rather than a
// full-text index.
func (s *Store) ListCooperatives(ctx context.Context, f bina.CooperativeFilter) (bina.Page[bina.Cooperative], error) {
	var page bina.Page[bina.Cooperative]
	a, err := s.actorOf(ctx)
	if err != nil {
		return page, err
	}
	if f.Sort == "" {
		f.Sort = "name"
	}
	spec, ok := sortSpecOf(f.Sort)
	if !ok || !bina.CooperativeSorts.Has(f.Sort) {
		return page, invalidFilter("sort", f.Sort)
	}
	c, err := decodeCursor(f.Cursor, f.Sort)
	if err != nil {
		return page, err
	}
	limit := pageLimit(f.Limit)
	if err := s.checkRegion(f.Region); err != nil {
		return page, err
	}
	now := s.now()
	var p params
	conds := []string{"c.archived_at IS NULL"}
	if f.Archived {
		conds[0] = "c.archived_at IS NOT NULL"
	}
	if f.AtYearEnd != 0 {
		end, err := s.yearEnd(f.AtYearEnd, f.Archived)
		if err != nil {
			return page, err
		}
		if !end.IsZero() {
			conds = []string{"c.created_at < " + p.add(end), "(c.archived_at IS NULL OR c.archived_at >= " + p.add(end) + ")"}
		}
	}
	if a.partner() {
		conds = append(conds, "c.id = "+p.add(a.cooperative))
	} else {
		conds = s.regionCond(conds, &p, "c", a.scope)
	}
	if f.Region != a.scope {
		conds = s.regionCond(conds, &p, "c", f.Region)
	}
	for _, e := range []struct {
		field, value, column string
		opts                 bina.Options
	}{
		{"jenis", f.Jenis, "jenis", bina.Jenises},
		{"bentuk", f.Bentuk, "bentuk", bina.Bentuks},
		{"pola", f.Pola, "pola", bina.Polas},
		{"verification", f.Verification, "verification", bina.Verifications},
	} {
		if e.value == "" {
			continue
		}
		if !e.opts.Has(e.value) {
			return page, invalidFilter(e.field, e.value)
		}
		conds = append(conds, "c."+e.column+" = "+p.add(e.value))
	}
	if f.Kelompok != "" {
		// Groups are checked against the table by the query itself: an
		// unknown group simply matches nothing.
		conds = append(conds, "c.kelompok = "+p.add(f.Kelompok))
	}
	if set, yes, err := yesNo("active", f.Active); err != nil {
		return page, err
	} else if set {
		conds = append(conds, s.activeCooperativeConds(&p, yes)...)
	}
	if set, yes, err := yesNo("kdmp", f.KDMP); err != nil {
		return page, err
	} else if set {
		conds = append(conds, "c.kdmp = "+p.add(yes))
	}
	kept, err := keptFigureConds(&p, f)
	if err != nil {
		return page, err
	}
	conds = append(conds, kept...)
	if q := strings.TrimSpace(f.Query); q != "" {
		var alts []string
		if words := strings.Fields(searchQuery(q)); len(words) > 0 {
			var all []string
			for _, w := range words {
				var any []string
				for _, a := range alternatives(w) {
					any = append(any, "c.search_words LIKE "+p.add("% "+a+"%"))
				}
				all = append(all, "("+strings.Join(any, " OR ")+")")
			}
			alts = append(alts, "("+strings.Join(all, " AND ")+")")
		}
		if digits := bina.NormalizeDigits(q); isDigits(digits) {
			ph := p.add(digits)
			alts = append(alts, "c.registration_number = "+ph, "c.nib = "+ph)
		}
		alts = append(alts, "c.legal_number = "+p.add(q))
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	countSQL, countArgs := `SELECT count(*) FROM cooperatives c`+where(conds), p.args
	pp := params{args: append([]any(nil), p.args...)}
	kcond, order, back := keyset(&pp, "c", f.Sort, spec, c)
	if kcond != "" {
		conds = append(conds, kcond)
	}
	pageSQL := cooperativeSelect + where(conds) + ` ORDER BY ` + order + ` LIMIT ` + pp.add(limit+1)

	var keys []keyOf
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, countSQL, countArgs...).Scan(&page.Total); err != nil {
			return bina.Wrap(err, "count cooperatives")
		}
		rows, err := tx.QueryContext(ctx, pageSQL, pp.args...)
		if err != nil {
			return bina.Wrap(err, "list cooperatives")
		}
		defer rows.Close()
		var items []*bina.Cooperative
		for rows.Next() {
			c, k, err := s.scanCooperative(rows, now)
			if err != nil {
				return bina.Wrap(err, "list cooperatives")
			}
			k.code, k.num = string(c.VillageCode), int64(c.LastRATYear)
			if spec.column == "jenis" {
				k.code = c.Jenis
			}
			items = append(items, c)
			keys = append(keys, k)
		}
		if err := rows.Err(); err != nil {
			return bina.Wrap(err, "list cooperatives")
		}
		rows.Close()
		if err := s.loadCooperativeChildren(ctx, tx, items); err != nil {
			return err
		}
		page.Items = make([]bina.Cooperative, len(items))
		for i, c := range items {
			if a.masked() {
				maskOfficers(c)
			}
			page.Items[i] = *c
		}
		return nil
	})
	if err != nil {
		return bina.Page[bina.Cooperative]{}, err
	}
	finishPage(&page, keys, limit, f.Sort, c, back)
	return page, nil
}

// activeCooperativeConds returns the conditions that a cooperative on
// alias c is active (bina.ActiveSinceBookYear), or with yes false that it
// is not: the list's filter; the coop_active indicator puts the same year
// on its kept count (coopCountQuery).
func (s *Store) activeCooperativeConds(p *params, yes bool) []string {
	since := bina.ActiveSinceBookYear(s.now(), s.ref.Config.RATTolerance)
	if yes {
		return []string{"c.last_rat_year >= " + p.add(since), "c.last_rat_year > 0"}
	}
	return []string{"(c.last_rat_year < " + p.add(since) + " OR c.last_rat_year = 0)"}
}
