package sqlstore

import (
	"bina/imports"
	"context"
	"database/sql"
	"reflect"
)

// SetFTSDriveMax lets tests take both of SQLite's ways to read a searched
// page with few records.
func SetFTSDriveMax(s *Store, n int) { s.ftsDriveMax = n }

// InitialPages returns how many pages initialWordPage has found.
func InitialPages(s *Store) int64 { return s.initialPages.Load() }

// PreparedDiff prepares rows as the importer does and returns the first
// row whose prepared columns or search document differ from what the
// store computes of its record when it writes it as a new, live record,
// or -1.
func PreparedDiff(s *Store, rows []imports.Row) int {
	c := &imports.Chunk{Rows: rows}
	s.PrepareImportChunk(c)
	ps := s.takePrepared(c)
	for i := range c.Rows {
		r := &c.Rows[i]
		p, ok := ps[r.Enterprise]
		if r.Enterprise == nil || r.Outcome == imports.OutcomeRejected {
			if ok {
				return i
			}
			continue
		}
		e := *r.Enterprise
		e.ArchivedAt = nil // as createEnterprises writes it
		doc := s.enterpriseSearch(&e)
		if !ok || !reflect.DeepEqual(enterpriseValuesOf(&e, 7, p.derived), s.enterpriseValues(&e, 7)) || !doc.equal(p.search) ||
			(s.d.searchColumn && p.vector != tsVector(doc.words, doc.facets)) {
			return i
		}
	}
	return -1
}

// RefreshReach recomputes the reach columns of ids in one transaction.
func RefreshReach(s *Store, ids ...int64) error {
	return s.write(context.Background(), func(tx *sql.Tx) error { return s.refreshReach(context.Background(), tx, ids...) })
}

// Recount counts enterprise_counts and reach_counts again from the
// register, as a first load does at its end.
func Recount(s *Store) error {
	return s.write(context.Background(), func(tx *sql.Tx) error { return s.recount(context.Background(), tx) })
}
