package sqlstore

// SetFTSDriveMax lets tests take both of SQLite's ways to read a searched
// page with few records.
func SetFTSDriveMax(s *Store, n int) { s.ftsDriveMax = n }
