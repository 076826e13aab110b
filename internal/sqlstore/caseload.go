package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"bina"
)

// Officers' caseloads (coaching.CoachingService): which field officer is in
// charge of which business, and what is due there.

// loadOfficer reads a field officer's account. Errors: NotFound when id
// names no account or one that is not a field officer.
func (s *Store) loadOfficer(ctx context.Context, q querier, id int64) (*bina.User, error) {
	var u bina.User
	var region string
	err := q.QueryRowContext(ctx, `SELECT id, name, role, region, disabled, created_at FROM users WHERE id = $1`, id).
		Scan(&u.ID, &u.Name, &u.Role, &region, &u.Disabled, &u.CreatedAt)
	if err == sql.ErrNoRows || (err == nil && u.Role != bina.RoleOfficer) {
		return nil, notFoundf("Petugas lapangan tidak ditemukan", "Field officer not found")
	}
	if err != nil {
		return nil, bina.Wrap(err, "find officer")
	}
	u.Region = bina.RegionCode(region)
	u.CreatedAt = u.CreatedAt.UTC()
	return &u, nil
}

// AssignOfficer puts businesses in an officer's caseload.
func (s *Store) AssignOfficer(ctx context.Context, officerID int64, enterpriseIDs ...int64) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if a.user != nil && a.user.Role != bina.RoleAdmin && a.user.Role != bina.RoleStaff {
		return bina.Errorf(bina.Forbidden, "Hanya staf dinas yang dapat menugaskan petugas lapangan", "Only office staff may assign field officers")
	}
	if len(enterpriseIDs) == 0 {
		return invalidField("enterprise_id", "Pilih paling sedikit satu usaha", "Choose at least one enterprise")
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		o, err := s.loadOfficer(ctx, tx, officerID)
		if err != nil {
			return invalidField("officer_id", "Pilih petugas lapangan yang terdaftar", "Choose a registered field officer")
		}
		if o.Disabled {
			return invalidField("officer_id", "Akun petugas %s nonaktif", "Officer %s's account is disabled", o.Name)
		}
		for _, id := range slices.Compact(slices.Sorted(slices.Values(enterpriseIDs))) {
			var village, name string
			err := tx.QueryRowContext(ctx, `SELECT village_code, name FROM enterprises WHERE id = $1`, id).Scan(&village, &name)
			if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
				return errEnterpriseNotFound()
			}
			if err != nil {
				return bina.Wrap(err, "find enterprise")
			}
			if !o.Region.Contains(bina.RegionCode(village)) {
				return invalidField("officer_id", "%s berada di luar wilayah kerja petugas %s", "%s lies outside officer %s's region", name, o.Name)
			}
			var before string
			err = tx.QueryRowContext(ctx, `SELECT u.name FROM caseload k JOIN users u ON u.id = k.officer_id WHERE k.enterprise_id = $1`, id).Scan(&before)
			if err != nil && err != sql.ErrNoRows {
				return bina.Wrap(err, "find caseload")
			}
			if before == o.Name {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO caseload (enterprise_id, officer_id, assigned_at) VALUES ($1, $2, $3)
ON CONFLICT (enterprise_id) DO UPDATE SET officer_id = excluded.officer_id, assigned_at = excluded.assigned_at`, id, o.ID, now); err != nil {
				return bina.Wrap(err, "assign officer")
			}
			if err := s.record(ctx, tx, bina.EntityEnterprise, id, now, a.name(), actionUpdate, []bina.Change{{Field: "officer", Before: before, After: o.Name}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// AssignedOfficer returns the officer in charge of a business.
func (s *Store) AssignedOfficer(ctx context.Context, enterpriseID int64) (bina.User, bool, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return bina.User{}, false, err
	}
	var u bina.User
	found := false
	err = s.read(ctx, func(tx *sql.Tx) error {
		var village string
		err := tx.QueryRowContext(ctx, `SELECT village_code FROM enterprises WHERE id = $1`, enterpriseID).Scan(&village)
		if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
			return errEnterpriseNotFound()
		}
		if err != nil {
			return bina.Wrap(err, "find enterprise")
		}
		var region string
		err = tx.QueryRowContext(ctx, `SELECT u.id, u.name, u.role, u.region FROM caseload k JOIN users u ON u.id = k.officer_id WHERE k.enterprise_id = $1`, enterpriseID).
			Scan(&u.ID, &u.Name, &u.Role, &region)
		if err == sql.ErrNoRows {
			return nil
		}
		u.Region, found = bina.RegionCode(region), err == nil
		return bina.Wrap(err, "find caseload")
	})
	return u, found, err
}

// Officers returns the active field officers whose region overlaps region.
func (s *Store) Officers(ctx context.Context, region bina.RegionCode) ([]bina.User, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return nil, err
	}
	var out []bina.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, region FROM users WHERE role = $1 AND disabled = $2 ORDER BY name`, string(bina.RoleOfficer), false)
		if err != nil {
			return bina.Wrap(err, "list officers")
		}
		defer rows.Close()
		for rows.Next() {
			u := bina.User{Role: bina.RoleOfficer}
			var code string
			if err := rows.Scan(&u.ID, &u.Name, &code); err != nil {
				return bina.Wrap(err, "list officers")
			}
			u.Region = bina.RegionCode(code)
			if u.Region.Contains(region) || region.Contains(u.Region) {
				out = append(out, u)
			}
		}
		return bina.Wrap(rows.Err(), "list officers")
	})
	return out, err
}

// Caseload returns an officer's businesses with what is due.
func (s *Store) Caseload(ctx context.Context, officerID int64) (*coaching.Caseload, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if a.user != nil && a.user.Role == bina.RoleOfficer {
		if officerID != 0 && officerID != a.user.ID {
			return nil, bina.Errorf(bina.Forbidden, "Petugas lapangan hanya melihat kasusnya sendiri", "Field officers see only their own caseload")
		}
		officerID = a.user.ID
	}
	if officerID == 0 {
		return nil, invalidField("officer", "Pilih petugas lapangan", "Choose a field officer")
	}
	now := s.now()
	horizon := bina.DateFromTime(coaching.LatestToday(now).Time().AddDate(0, 0, coaching.CaseloadDueDays))
	var out coaching.Caseload
	err = s.read(ctx, func(tx *sql.Tx) error {
		o, err := s.loadOfficer(ctx, tx, officerID)
		if err != nil {
			return err
		}
		out.Officer = *o
		var p params
		conds := []string{"k.officer_id = " + p.add(o.ID), "e.archived_at IS NULL"}
		// Only inside the officer's region: a business that moved out
		// stays assigned but leaves the list until someone reassigns it.
		conds = s.regionCond(conds, &p, "e", o.Region)
		conds = s.regionCond(conds, &p, "e", a.scope)
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.name, e.village_code,
	(SELECT max(c.held_on) FROM coaching_sessions c WHERE c.enterprise_id = e.id),
	(SELECT c.next_visit_on FROM coaching_sessions c WHERE c.enterprise_id = e.id ORDER BY c.held_on DESC, c.id DESC LIMIT 1)
FROM caseload k JOIN enterprises e ON e.id = k.enterprise_id
WHERE `+strings.Join(conds, " AND ")+` ORDER BY e.sort_name, e.id`, p.args...)
		if err != nil {
			return bina.Wrap(err, "read caseload")
		}
		defer rows.Close()
		at := map[int64]int{}
		for rows.Next() {
			var it coaching.CaseloadItem
			var village string
			if err := rows.Scan(&it.EnterpriseID, &it.EnterpriseName, &village, &it.LastSession, &it.NextVisitOn); err != nil {
				return bina.Wrap(err, "read caseload")
			}
			it.VillageCode = bina.RegionCode(village)
			it.VisitDue = !it.NextVisitOn.IsZero() && !it.NextVisitOn.After(horizon)
			at[it.EnterpriseID] = len(out.Items)
			out.Items = append(out.Items, it)
		}
		if err := rows.Err(); err != nil {
			return bina.Wrap(err, "read caseload")
		}
		rows.Close()
		rows, err = tx.QueryContext(ctx, `SELECT f.id, f.session_id, f.task, f.due_on, c.enterprise_id
FROM coaching_followups f JOIN coaching_sessions c ON c.id = f.session_id JOIN caseload k ON k.enterprise_id = c.enterprise_id
WHERE k.officer_id = $1 AND f.done_on IS NULL AND f.due_on <= $2 ORDER BY f.due_on, f.id`, o.ID, horizon)
		if err != nil {
			return bina.Wrap(err, "read follow-ups")
		}
		defer rows.Close()
		for rows.Next() {
			var d coaching.DueFollowUp
			var eid int64
			if err := rows.Scan(&d.ID, &d.SessionID, &d.Task, &d.DueOn, &eid); err != nil {
				return bina.Wrap(err, "read follow-ups")
			}
			if i, ok := at[eid]; ok {
				out.Items[i].DueFollowUps = append(out.Items[i].DueFollowUps, d)
			}
		}
		return bina.Wrap(rows.Err(), "read follow-ups")
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out.Items, func(x, y coaching.CaseloadItem) int { return caseloadRank(x) - caseloadRank(y) })
	return &out, nil
}

// caseloadRank orders a caseload: never visited first, then what is due
// (earliest first), then the rest.
func caseloadRank(it coaching.CaseloadItem) int {
	if it.NeverVisited() {
		return 0
	}
	due := time.Time{}
	if it.VisitDue {
		due = it.NextVisitOn.Time()
	}
	if len(it.DueFollowUps) > 0 && (due.IsZero() || it.DueFollowUps[0].DueOn.Time().Before(due)) {
		due = it.DueFollowUps[0].DueOn.Time()
	}
	if due.IsZero() {
		return 1 << 30
	}
	return 1 + int(due.Unix()/86400-time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()/86400)
}
