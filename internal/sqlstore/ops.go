package sqlstore

import (
	"context"
	"database/sql"

	"bina"
)

// Pools returns the store's connection pools by name, for metrics:
// "write" and "read" on SQLite, "main" (one pool for both) on PostgreSQL.
func (s *Store) Pools() map[string]*sql.DB {
	if s.rdb == s.wdb {
		return map[string]*sql.DB{"main": s.wdb}
	}
	return map[string]*sql.DB{"write": s.wdb, "read": s.rdb}
}

// JobCounts counts the jobs of the durable queue (internal/jobs, whose
// River tables live in the register's database) that wait or run, by
// River's state name: available, scheduled, retryable, running.
func (s *Store) JobCounts(ctx context.Context) (map[string]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT state, count(*) FROM river_job WHERE state IN ('available', 'scheduled', 'retryable', 'running') GROUP BY state`)
	if err != nil {
		return nil, bina.Wrap(err, "count jobs")
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var state string
		var n int64
		if err := rows.Scan(&state, &n); err != nil {
			return nil, bina.Wrap(err, "count jobs")
		}
		out[state] = n
	}
	return out, bina.Wrap(rows.Err(), "count jobs")
}

// Ready checks that the database answers a query, not only that a
// connection opens, for /readyz: a server whose database is locked,
// read-only or gone must be taken out of a load balancer's rotation.
func (s *Store) Ready(ctx context.Context) error {
	var one int
	if err := s.rdb.QueryRowContext(ctx, `SELECT 1 FROM schema_migrations LIMIT 1`).Scan(&one); err != nil {
		return bina.Wrap(err, "ready")
	}
	return nil
}
