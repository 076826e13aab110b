package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestBackupDuringFirstLoad: a backup while a first load has dropped the
// register's indexes is refused with a message, on both engines (pg_dump
// asks CheckBackup first), and writes nothing.
func TestBackupDuringFirstLoad(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			e := openLoad(t, engine)
			j := e.job(t, firstLoadFile(t, 10))
			must(t, e.s.CheckBackup(context.Background()))
			if _, err := e.db.Exec(`UPDATE imports SET bulk = 1 WHERE id = $1`, j.ID); err != nil {
				t.Fatal(err)
			}
			wantCode(t, e.s.CheckBackup(context.Background()), bina.Conflict)
			if engine != "sqlite" {
				return
			}
			dest := filepath.Join(t.TempDir(), "copy.db")
			wantCode(t, e.s.Backup(context.Background(), dest, nil), bina.Conflict)
			if left, _ := os.ReadDir(filepath.Dir(dest)); len(left) > 0 {
				t.Errorf("files left: %v", left)
			}
			if _, err := e.db.Exec(`UPDATE imports SET bulk = 0 WHERE id = $1`, j.ID); err != nil {
				t.Fatal(err)
			}
			var last [2]int64
			must(t, e.s.Backup(context.Background(), dest, func(done, total int64) { last = [2]int64{done, total} }))
			if last[0] == 0 || last[0] != last[1] {
				t.Errorf("progress ended at %d of %d, want all of it", last[0], last[1])
			}
		})
	}
}

// TestBackupPostgresIsPgDump: the store copies only SQLite files;
// PostgreSQL's own tool copies a PostgreSQL database.
func TestBackupPostgresIsPgDump(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		if s.Engine() != "postgres" {
			return
		}
		wantCode(t, s.Backup(context.Background(), filepath.Join(t.TempDir(), "x"), nil), bina.Invalid)
	})
}

// TestRecordCounts counts each table of the register in one snapshot.
func TestRecordCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		mustCreate(t, ctx, s, newEnterprise("Keripik Bu Siti", village1a))
		cs, err := s.RecordCounts(ctx)
		must(t, err)
		got := map[string]int64{}
		for _, c := range cs {
			got[c.Table] = c.Rows
		}
		if got["enterprises"] != 1 || got["enterprise_counts"] != 1 || got["persons"] != 1 {
			t.Errorf("counts %v, want one business, its owner and its kept count", got)
		}
	})
}
