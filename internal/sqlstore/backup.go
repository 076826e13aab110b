package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io/fs"
	"os"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"bina"
	"bina/internal/safefile"
)

// BackupProgress is told, about five times a second while a backup is
// written, how many bytes of about how many are done.
type BackupProgress func(done, total int64)

// Backup writes a consistent copy of a SQLite register to the file dest,
// while other connections and processes (a running server) go on writing.
//
// The copy is made by VACUUM INTO on a reader connection: it reads one
// snapshot of the database inside a read transaction, which in WAL mode
// blocks no writer, and writes a compact database file. SQLite's online
// backup API would copy pages instead, but when another connection writes
// during the copy it starts over, so under steady writes a step-by-step
// backup may never end, and copying all at once gains nothing over VACUUM
// INTO. VACUUM INTO does not sync the file it writes: the copy goes to a
// temporary file beside dest, which is synced, renamed over dest and its
// directory synced, so that dest is always either the old copy or the
// whole new one, never a partial file.
//
// A backup during a first load is refused (CheckBackup). A full disk or a path
// that cannot be written is a bina.Invalid error with a clear message;
// the source is only read.
func (s *Store) Backup(ctx context.Context, dest string, progress BackupProgress) error {
	if s.d.name != "sqlite" {
		return bina.Errorf(bina.Invalid, "Cadangan PostgreSQL dibuat dengan pg_dump.", "A PostgreSQL backup is made with pg_dump.")
	}
	if err := s.CheckBackup(ctx); err != nil {
		return err
	}
	var total int64
	if err := s.rdb.QueryRowContext(ctx, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&total); err != nil {
		return bina.Wrap(err, "backup: size")
	}

	err := safefile.Replace(dest, func(tmp string) error {
		if progress != nil {
			defer safefile.WatchSize(tmp, func(size int64) { progress(min(size, total), total) })()
		}
		return s.vacuumInto(ctx, tmp)
	})
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	switch {
	case err == nil:
	case isDiskFull(err):
		return bina.BackupWriteError(dest, syscall.ENOSPC)
	case errors.As(err, &pathErr), errors.As(err, &linkErr):
		return bina.BackupWriteError(dest, err) // creating, syncing or renaming the file
	default:
		return bina.Wrap(err, "backup")
	}
	if progress != nil {
		progress(total, total)
	}
	return nil
}

// CheckBackup refuses a backup while a first load runs (bina.Conflict):
// a first load drops indexes, triggers and kept counts that its end puts
// back, and a copy taken in between would hold a register without them.
// Backup calls it; `bina backup` calls it before pg_dump too.
func (s *Store) CheckBackup(ctx context.Context) error {
	var loading int
	if err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM imports WHERE bulk = 1`).Scan(&loading); err != nil {
		return bina.Wrap(err, "backup: first load")
	}
	if loading > 0 {
		return bina.Errorf(bina.Conflict, "Muatan pertama (impor besar ke register kosong) sedang berjalan; buat cadangan setelah impor itu selesai.",
			"A first load (a large import into the empty register) is running; make the backup after it ends.")
	}
	return nil
}

// vacuumInto runs VACUUM INTO path on a connection of the reader pool,
// whose connections are query_only (which refuses VACUUM INTO even though
// it writes only the new file): the pragma is lifted on that connection for
// the copy and set again before the connection goes back to the pool, or
// the connection is thrown away.
func (s *Store) vacuumInto(ctx context.Context, path string) error {
	conn, err := s.rdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO $1`, path)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only = 1`); rerr != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	return err
}

// isDiskFull tells whether err is SQLite's "database or disk is full"
// (SQLITE_FULL, 13) or the system's ENOSPC.
func isDiskFull(err error) bool {
	if errors.Is(err, syscall.ENOSPC) {
		return true
	}
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL
}

// RecordCount is the number of rows of one table.
type RecordCount struct {
	Table string
	Rows  int64
}

// countedTables are the tables RecordCounts counts: the register, its
// history and what offices enter by hand.
var countedTables = []string{"enterprises", "persons", "cooperatives", "history", "coaching_sessions", "programmes", "users", "imports"}

// RecordCounts counts the rows of the register's main tables, and the
// enterprises of the kept counts ("enterprise_counts"), in one snapshot.
// `bina backup` prints those of the copy it wrote, so that an operator
// sees what the copy holds, and a restored copy can be compared with them.
func (s *Store) RecordCounts(ctx context.Context) ([]RecordCount, error) {
	var out []RecordCount
	err := s.read(ctx, func(tx *sql.Tx) error {
		for _, t := range countedTables {
			c := RecordCount{Table: t}
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&c.Rows); err != nil {
				return bina.Wrap(err, "count "+t)
			}
			out = append(out, c)
		}
		c := RecordCount{Table: "enterprise_counts"}
		if err := tx.QueryRowContext(ctx, `SELECT CAST(coalesce(sum(total), 0) AS BIGINT) FROM enterprise_counts`).Scan(&c.Rows); err != nil {
			return bina.Wrap(err, "count enterprise_counts")
		}
		out = append(out, c)
		return nil
	})
	return out, err
}
