package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"bina"
)

// acceptedReport reads the newest accepted version of a book year's
// annual report, nil when there is none: an assessment is computed only
// from a report the office accepted.
func (s *Store) acceptedReport(ctx context.Context, q querier, cooperativeID int64, bookYear int) (*bina.AnnualReport, error) {
	var (
		r                                 bina.AnnualReport
		neraca, phu, kol, sched, mem, shu string
	)
	err := q.QueryRowContext(ctx, `SELECT id, cooperative_id, book_year, version, state, jenis, pola, kuk, rat_held_on, members_present,
	neraca, phu, kolektibilitas, schedules, members, shu_distribution
FROM annual_reports WHERE cooperative_id = $1 AND book_year = $2 AND state = 'accepted' ORDER BY version DESC LIMIT 1`, cooperativeID, bookYear).Scan(
		&r.ID, &r.CooperativeID, &r.BookYear, &r.Version, &r.State, &r.Jenis, &r.Pola, &r.KUK, &r.RATHeldOn, &r.MembersPresent,
		&neraca, &phu, &kol, &sched, &mem, &shu)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, bina.Wrap(err, "load accepted report")
	}
	for _, part := range []struct {
		text string
		into any
	}{{neraca, &r.Neraca}, {phu, &r.PHU}, {kol, &r.Kolektibilitas}, {sched, &r.Schedules}, {mem, &r.Members}, {shu, &r.SHUDistribution}} {
		if err := json.Unmarshal([]byte(part.text), part.into); err != nil {
			return nil, bina.Wrap(fmt.Errorf("report %d: %w", r.ID, err), "load accepted report")
		}
	}
	return &r, nil
}
