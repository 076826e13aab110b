package sqlstore

import "database/sql"

// WriteDB returns the store's writing connection, for benchmarks that seed
// tables the services write one record at a time.
func WriteDB(s *Store) *sql.DB { return s.wdb }
