package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"bina"
)

// lastChangeQueries are, per subject of the indicator catalogue, queries
// that each answer the newest change time of one table the subject's
// figures are counted from. Each reads one row of an index on the time
// (ORDER BY … DESC LIMIT 1, which also keeps the column's type on SQLite,
// where max() would return text). Archiving sets updated_at too, so the
// newest archive is the newest updated_at of the archived records.
var lastChangeQueries = map[string][]string{
	"enterprise": {
		`SELECT updated_at FROM enterprises WHERE archived_at IS NULL ORDER BY updated_at DESC LIMIT 1`,
		`SELECT archived_at FROM enterprises WHERE archived_at IS NOT NULL ORDER BY archived_at DESC LIMIT 1`,
	},
	"cooperative": {`SELECT updated_at FROM cooperatives ORDER BY updated_at DESC LIMIT 1`},
	"programme":   {`SELECT updated_at FROM programmes ORDER BY updated_at DESC LIMIT 1`},
	"participant": {
		`SELECT updated_at FROM programmes ORDER BY updated_at DESC LIMIT 1`,
		`SELECT updated_at FROM programme_participants ORDER BY updated_at DESC LIMIT 1`,
	},
	"compliance": {
		`SELECT updated_at FROM cooperatives ORDER BY updated_at DESC LIMIT 1`,
		`SELECT updated_at FROM annual_reports ORDER BY updated_at DESC LIMIT 1`,
	},
}

// LastChanged returns the newest change of the records of subject.
func (s *Store) LastChanged(ctx context.Context, subject string) (time.Time, error) {
	queries, ok := lastChangeQueries[subject]
	if !ok {
		return time.Time{}, invalidField("subject", "Jenis data %q tidak dikenal", "Unknown kind of data %q", subject)
	}
	if _, err := s.actorOf(ctx); err != nil {
		return time.Time{}, err
	}
	var last time.Time
	err := s.read(ctx, func(tx *sql.Tx) error {
		for _, q := range queries {
			var at time.Time
			err := tx.QueryRowContext(ctx, q).Scan(&at)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return bina.Wrap(err, "last change of "+subject)
			}
			if at.After(last) {
				last = at
			}
		}
		return nil
	})
	return last, err
}
