package sqlstore

// SetFTSDriveMax lets tests take both of SQLite's ways to read a searched
// page with few records.
func SetFTSDriveMax(s *Store, n int) { s.ftsDriveMax = n }

// InitialPages returns how many pages initialWordPage has found.
func InitialPages(s *Store) int64 { return s.initialPages.Load() }
