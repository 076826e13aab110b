package sqlstore

import (
	"bina/supervision"
	"context"
	"database/sql"

	"bina"
)

// KDMPOverview lists every desa of the region with the stages its Koperasi
// Desa Merah Putih has reached: one read of the live KDMP of the region
// (their units counted and their first held RAT found by index), joined in
// Go with the desa of the region tree, so that a desa without a KDMP shows
// too.
func (s *Store) KDMPOverview(ctx context.Context, region bina.RegionCode) (supervision.KDMPOverview, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return supervision.KDMPOverview{}, err
	}
	region, err = s.regionInScope(a, region)
	if err != nil {
		return supervision.KDMPOverview{}, err
	}
	var p params
	conds := s.regionCond([]string{"c.kdmp = " + p.add(true), "c.archived_at IS NULL"}, &p, "c", region)
	rows, err := s.rdb.QueryContext(ctx, `SELECT c.id, c.name, c.village_code, c.legal_number, c.legal_date, c.registration_number,
	(SELECT count(*) FROM cooperative_units u WHERE u.cooperative_id = c.id),
	(SELECT min(h.book_year) FROM rats h WHERE h.cooperative_id = c.id AND h.held_on IS NOT NULL)
FROM cooperatives c`+where(conds)+` ORDER BY c.village_code, c.id`, p.args...)
	if err != nil {
		return supervision.KDMPOverview{}, bina.Wrap(err, "kdmp overview")
	}
	defer rows.Close()
	byVillage := map[bina.RegionCode]supervision.KDMPRow{}
	var firstRAT []int64
	for rows.Next() {
		var r supervision.KDMPRow
		var village string
		var first sql.NullInt64
		if err := rows.Scan(&r.CooperativeID, &r.Name, &village, &r.LegalNumber, &r.LegalDate, &r.RegistrationNumber, &r.Units, &first); err != nil {
			return supervision.KDMPOverview{}, bina.Wrap(err, "kdmp overview")
		}
		r.VillageCode = bina.RegionCode(village)
		r.FirstRATYear = int(first.Int64)
		if _, dup := byVillage[r.VillageCode]; dup {
			continue // a second KDMP in a desa is a duplicate for Tinjauan, not a stage
		}
		byVillage[r.VillageCode] = r
		if r.FirstRATYear != 0 {
			firstRAT = append(firstRAT, r.CooperativeID)
		}
	}
	if err := rows.Err(); err != nil {
		return supervision.KDMPOverview{}, bina.Wrap(err, "kdmp overview")
	}
	rows.Close()
	held, err := s.firstRATDays(ctx, firstRAT)
	if err != nil {
		return supervision.KDMPOverview{}, err
	}
	t := s.ref.Regions
	var out []supervision.KDMPRow
	for _, v := range t.Villages() {
		if !region.Contains(v.Code) {
			continue
		}
		r := byVillage[v.Code]
		r.VillageCode, r.VillageName, r.DistrictName = v.Code, v.Name, t.Name(v.Code.Parent())
		r.FirstRATHeldOn = held[r.CooperativeID]
		out = append(out, r)
	}
	return supervision.NewKDMPOverview(region, out), nil
}

// firstRATDays returns the day each cooperative of ids held its first RAT.
func (s *Store) firstRATDays(ctx context.Context, ids []int64) (map[int64]bina.Date, error) {
	out := map[int64]bina.Date{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		var p params
		rows, err := s.rdb.QueryContext(ctx, `SELECT h.cooperative_id, h.held_on FROM rats h
WHERE h.cooperative_id IN (`+p.list(anySlice(ids[:n])...)+`) AND h.held_on IS NOT NULL
AND h.book_year = (SELECT min(f.book_year) FROM rats f WHERE f.cooperative_id = h.cooperative_id AND f.held_on IS NOT NULL)`, p.args...)
		if err != nil {
			return nil, bina.Wrap(err, "kdmp first rat")
		}
		for rows.Next() {
			var id int64
			var d bina.Date
			if err := rows.Scan(&id, &d); err != nil {
				rows.Close()
				return nil, bina.Wrap(err, "kdmp first rat")
			}
			out[id] = d
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, bina.Wrap(err, "kdmp first rat")
		}
		ids = ids[n:]
	}
	return out, nil
}
