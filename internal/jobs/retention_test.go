package jobs_test

import (
	"sync/atomic"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/jobs"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestUploadsDeletedAfterRetention: the upkeep job deletes an uploaded
// file once its import ended longer than the retention period ago, and
// keeps a younger one; the imports, their counts and their records stay.
func TestUploadsDeletedAfterRetention(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			var clock atomic.Int64
			clock.Store(sqlstoretest.Now.UnixNano())
			store := sqlstoretest.OpenWithClock(t, engine, bina.DefaultConfig(), func() time.Time { return time.Unix(0, clock.Load()).UTC() })
			u := &bina.User{Name: "staf", Role: bina.RoleStaff}
			if err := store.CreateUser(t.Context(), u, "kata-sandi-panjang"); err != nil {
				t.Fatal(err)
			}
			e := envOn(t, store, u)
			q := e.open(jobs.Config{FileRetention: 30 * 24 * time.Hour})
			old := e.queued(csvFile(20))
			if err := q.EnqueueImport(e.ctx, old.ID); err != nil {
				t.Fatal(err)
			}
			e.wait(old.ID, "done", done)
			clock.Add(int64(25 * 24 * time.Hour))
			young := e.queued(csvFile(10)) // the same first ten businesses: unchanged
			if err := q.EnqueueImport(e.ctx, young.ID); err != nil {
				t.Fatal(err)
			}
			e.wait(young.ID, "done", done)
			stop(t, q)
			for _, j := range []*imports.Job{old, young} {
				f, err := store.OpenImportFile(e.ctx, j.ID)
				if err != nil {
					t.Fatalf("file of import %d before the upkeep: %v", j.ID, err)
				}
				f.Close()
			}

			// Ten days on, the first import ended 35 days ago, the second 10.
			clock.Add(int64(10 * 24 * time.Hour))
			q2 := e.open(jobs.Config{FileRetention: 30 * 24 * time.Hour})
			defer stop(t, q2)
			gone := e.wait(old.ID, "its file deleted", func(j *imports.Job) bool { return j.FileDeletedAt != nil })
			if gone.Counts.Created != 20 || gone.State != imports.ImportDone {
				t.Errorf("the import itself changed: %+v", gone)
			}
			if _, err := store.OpenImportFile(e.ctx, old.ID); bina.ErrorCode(err) != bina.Invalid {
				t.Errorf("reading a deleted file: err %v, want Invalid", err)
			}
			var parts int
			if err := store.DB().QueryRowContext(e.ctx, `SELECT count(*) FROM import_files WHERE import_id = $1`, old.ID).Scan(&parts); err != nil || parts != 0 {
				t.Errorf("%d parts of the deleted file left (%v)", parts, err)
			}
			kept, err := store.FindImport(e.ctx, young.ID)
			if err != nil {
				t.Fatal(err)
			}
			if kept.FileDeletedAt != nil {
				t.Errorf("the file of an import that ended 10 days ago was deleted")
			}
			if n := e.registered(); n != 20 {
				t.Errorf("register holds %d, want 20", n)
			}
		})
	}
}
