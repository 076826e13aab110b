package sqlstore

import (
	"bina/supervision"
	"context"
	"database/sql"

	"bina"
)

// acceptedReport reads the newest accepted version of a book year's
// annual report, nil when there is none: an assessment is computed only
// from a report the office accepted.
func acceptedReport(ctx context.Context, q querier, cooperativeID int64, year int) (*supervision.AnnualReport, error) {
	r, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM annual_reports
WHERE cooperative_id = $1 AND book_year = $2 AND state = 'accepted' ORDER BY version DESC LIMIT 1`, cooperativeID, year))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return r, bina.Wrap(err, "read accepted report")
}
