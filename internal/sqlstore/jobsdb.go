package sqlstore

import "database/sql"

// DB returns the pool that writes, for the durable job queue
// (internal/jobs), which keeps its tables in the same database so that any
// app server's worker can run a job and a job's row commits with the data.
// On SQLite it is the store's single writer connection, which the queue
// must share: SQLite allows one writer at a time, and a second pool would
// only wait on the lock. Callers must not close it; Close does.
func (s *Store) DB() *sql.DB { return s.wdb }
