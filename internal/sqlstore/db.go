// Package sqlstore keeps Bina's register in a SQL database. It implements
// bina.EnterpriseService, bina.CooperativeService, bina.UserService and
// bina.HistoryService on one type, *Store, with hand-written SQL on
// database/sql for two engines: SQLite (modernc.org/sqlite, pure Go, one
// file, the default for a single office) and PostgreSQL (pgx, for larger
// deployments). It is the only package that imports database drivers.
//
// One SQL text serves both engines wherever they agree ($n placeholders,
// RETURNING, ON CONFLICT, row values, CTEs); the dialect value holds the few
// real differences: full-text search, driver error codes and a handful of
// statements. Migrations are embedded .sql files per engine, forward-only
// and recorded by name; Open refuses a database whose schema is newer than
// this binary.
package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"bina"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// Store implements Bina's services on a SQL database. Its methods are safe
// for concurrent use.
type Store struct {
	// wdb runs every transaction that writes. On SQLite it holds a single
	// connection: SQLite allows one writer at a time, and funnelling writes
	// through one connection queues them in Go instead of having
	// transactions fail with SQLITE_BUSY or wait on the busy timeout.
	wdb *sql.DB
	// rdb runs read-only work. On SQLite it is a separate pool of
	// query_only connections that, in WAL mode, read a consistent snapshot
	// while the writer works. On PostgreSQL it is the same pool as wdb.
	rdb *sql.DB

	d      dialect
	ref    bina.Reference
	root   bina.RegionCode
	hasher bina.PasswordHasher
	log    *slog.Logger

	// ftsDriveMax: see defaultFTSDriveMax.
	ftsDriveMax int
	// initialPages counts the pages initialWordPage found (for tests).
	initialPages atomic.Int64

	// imports holds the settings of imports (import.go).
	imports importSettings
	// tallies are the kept counts of cooperatives that transactions tally
	// in memory (keptTally).
	tallies keptTallies

	// dummyHash is verified when a sign-in names an unknown user, so that
	// the answer takes about as long as for a known one.
	dummyHash string
	// signIn bounds the work of sign-ins (throttle.go).
	signIn signInGate
}

// Open connects to the database named by dsn: a PostgreSQL URL
// (postgres://... or postgresql://...) or else the path of a SQLite file,
// created when missing. It does not migrate (see Migrate), but it fails when
// the database holds migrations this binary does not know: the schema is
// newer than the code. ref supplies the region tree, the KBLI catalogue,
// the configuration and the clock; hasher hashes passwords.
func Open(ctx context.Context, dsn string, ref bina.Reference, hasher bina.PasswordHasher, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if hasher == nil {
		return nil, errors.New("sqlstore: a password hasher is required")
	}
	s := &Store{ref: ref, root: ref.Config.Region, hasher: hasher, log: log, ftsDriveMax: defaultFTSDriveMax}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s.d = postgresDialect()
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: postgres address: %w", err)
		}
		// pgx prepares and caches statements; PostgreSQL would then switch
		// to one generic plan per statement. A list's filters and search
		// differ in selectivity by orders of magnitude from one call to
		// the next, so every execution is planned with its own values.
		if _, ok := cfg.RuntimeParams["plan_cache_mode"]; !ok {
			cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
		}
		s.wdb = stdlib.OpenDB(*cfg)
		s.wdb.SetMaxOpenConns(16)
		s.wdb.SetMaxIdleConns(8)
		s.wdb.SetConnMaxIdleTime(5 * time.Minute)
		s.rdb = s.wdb
	} else {
		s.d = sqliteDialect()
		if s.wdb, s.rdb, err = openSQLite(dsn); err != nil {
			return nil, err
		}
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlstore: connect to %s: %w", s.d.name, err)
	}
	if err := s.checkSchema(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.dummyHash, err = hasher.Hash(randomToken(16)); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlstore: hash: %w", err)
	}
	return s, nil
}

// sqliteMmapSize is how much of a SQLite file connections map into memory.
const sqliteMmapSize = 1 << 30

// openSQLite opens the writer and the reader pools of a SQLite file.
//
// WAL lets readers work while the one writer commits; synchronous=NORMAL is
// safe in WAL mode (a power cut may lose the last commits, never corrupt
// the file) and saves an fsync per transaction; busy_timeout makes a second
// process (a CLI command beside the server) wait for the lock instead of
// failing. Writers begin IMMEDIATE so that a transaction takes the write
// lock at its start, not half way through when a read turns into a write.
// Times are written in the driver's "sqlite" format; the store always
// passes UTC, so the text sorts as time does.
func openSQLite(path string) (w, r *sql.DB, err error) {
	if path == "" {
		return nil, nil, errors.New("sqlstore: empty database path")
	}
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	common := url.Values{}
	common.Add("_pragma", "busy_timeout(10000)")
	common.Add("_pragma", "foreign_keys(1)")
	common.Add("_pragma", "synchronous(NORMAL)")
	common.Add("_pragma", "cache_size(-32000)")
	common.Set("_time_format", "sqlite")

	// Readers memory-map the file so that they share the operating
	// system's page cache instead of each keeping its own copy. The writer
	// does not: the pages it reads while storing an upload of hundreds of
	// megabytes, or writing an import, would stay mapped into the process
	// (its writes go to the WAL anyway).
	wq := cloneValues(common)
	wq.Add("_pragma", "mmap_size(0)")
	wq.Add("_pragma", "journal_mode(WAL)")
	wq.Set("_txlock", "immediate")
	w, err = sql.Open("sqlite", "file:"+path+"?"+wq.Encode())
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	// The first connection creates the file and switches it to WAL before
	// any reader opens it.
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("sqlstore: open sqlite %s: %w", path, err)
	}

	rq := cloneValues(common)
	rq.Add("_pragma", "mmap_size("+strconv.Itoa(sqliteMmapSize)+")")
	rq.Add("_pragma", "query_only(1)")
	r, err = sql.Open("sqlite", "file:"+path+"?"+rq.Encode())
	if err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("sqlstore: open sqlite: %w", err)
	}
	// Readers do not block each other in WAL mode; a few connections are
	// plenty on a small server.
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	r.SetConnMaxIdleTime(10 * time.Minute)
	return w, r, nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// Close closes the database.
func (s *Store) Close() error {
	var err error
	if s.rdb != nil && s.rdb != s.wdb {
		err = s.rdb.Close()
	}
	if s.wdb != nil {
		err = errors.Join(err, s.wdb.Close())
	}
	return err
}

// Ping checks that the database answers, for /healthz.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.wdb.PingContext(ctx); err != nil {
		return bina.Wrap(err, "ping")
	}
	if s.rdb != s.wdb {
		if err := s.rdb.PingContext(ctx); err != nil {
			return bina.Wrap(err, "ping readers")
		}
	}
	return nil
}

// Engine returns "sqlite" or "postgres".
func (s *Store) Engine() string { return s.d.name }

// now returns the store's clock in UTC, cut to microseconds: PostgreSQL
// keeps microseconds, and a time must read back as it was written on both
// engines. Every service method takes one now for all it writes.
func (s *Store) now() time.Time {
	return s.ref.Clock().UTC().Truncate(time.Microsecond)
}

// IsEmpty reports whether the register holds no enterprise and no
// cooperative, archived or not (serve --demo fills only an empty database).
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (SELECT 1 FROM enterprises LIMIT 1) e) + (SELECT count(*) FROM (SELECT 1 FROM cooperatives LIMIT 1) c)`).Scan(&n)
	if err != nil {
		return false, bina.Wrap(err, "is empty")
	}
	return n == 0, nil
}

// ---- transactions ----

// querier is what both *sql.DB and *sql.Tx offer; helpers that only run
// statements take it.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in a write transaction, committing when fn returns nil and
// rolling back otherwise. A *bina.Error from fn is returned as it is.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return bina.Wrap(err, "begin")
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return bina.Wrap(err, "commit")
	}
	return nil
}

// read runs fn in a read-only transaction, so that a page and its total
// come from one snapshot.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: s.d.readOnlyTx})
	if err != nil {
		return bina.Wrap(err, "begin read")
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return bina.Wrap(err, "commit read")
	}
	return nil
}

// ---- migrations ----

// migration is one embedded schema change.
type migration struct {
	name string
	sql  string
}

func (s *Store) migrations() ([]migration, error) {
	dir := "migrations/" + s.d.name
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := migrationFiles.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{name: e.Name(), sql: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// appliedMigrations returns the names recorded in schema_migrations, or nil
// when the table does not exist yet.
func (s *Store) appliedMigrations(ctx context.Context, q querier) (map[string]bool, error) {
	var exists bool
	if err := q.QueryRowContext(ctx, s.d.migrationsTableExists).Scan(&exists); err != nil {
		return nil, err
	}
	if !exists {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	done := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		done[name] = true
	}
	return done, rows.Err()
}

// checkSchema refuses a database that recorded migrations this binary does
// not know: it was migrated by a newer version, and this code would
// misread it.
func (s *Store) checkSchema(ctx context.Context) error {
	known, err := s.migrations()
	if err != nil {
		return fmt.Errorf("sqlstore: read migrations: %w", err)
	}
	done, err := s.appliedMigrations(ctx, s.rdb)
	if err != nil {
		return fmt.Errorf("sqlstore: read schema version: %w", err)
	}
	for name := range done {
		if !slices.ContainsFunc(known, func(m migration) bool { return m.name == name }) {
			return fmt.Errorf("sqlstore: the database schema is newer than this program (unknown migration %q); upgrade Bina", name)
		}
	}
	return nil
}

// Migrate applies the embedded migrations the database has not seen, each
// in its own transaction, in name order, and records them by name. It then
// makes sure the default cooperative groups exist. Running it again is a
// no-op.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := s.migrations()
	if err != nil {
		return fmt.Errorf("sqlstore: read migrations: %w", err)
	}
	if _, err := s.wdb.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at `+s.d.timestampType+` NOT NULL)`); err != nil {
		return fmt.Errorf("sqlstore: create schema_migrations: %w", err)
	}
	for _, m := range ms {
		err := s.write(ctx, func(tx *sql.Tx) error {
			// Two servers starting at once must not both apply a migration.
			if s.d.migrationLock != "" {
				if _, err := tx.ExecContext(ctx, s.d.migrationLock); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = $1`, m.name).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("apply %s: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)`, m.name, s.now()); err != nil {
				return err
			}
			s.log.Info("migrated", "engine", s.d.name, "migration", m.name)
			return nil
		})
		if err != nil {
			return fmt.Errorf("sqlstore: migrate: %w", err)
		}
	}
	if err := s.rebuildSearch(ctx); err != nil {
		return err
	}
	if err := s.rebuildSummaries(ctx); err != nil {
		return fmt.Errorf("sqlstore: %w", err)
	}
	if err := s.migrateCoopFigures(ctx); err != nil {
		return err
	}
	if err := s.migrateCoopCounts(ctx); err != nil {
		return err
	}
	if err := s.migrateRatCounts(ctx); err != nil {
		return err
	}
	// The default groups are seeded here rather than in SQL so that the one
	// list in package bina stays the source; existing rows are left alone.
	err = s.write(ctx, func(tx *sql.Tx) error {
		for i, k := range bina.DefaultKelompoks {
			if _, err := tx.ExecContext(ctx, `INSERT INTO kelompoks (code, label_id, label_en, position) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`, k.Code, k.ID, k.EN, i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlstore: seed kelompoks: %w", err)
	}
	if err := s.seedHealthRuleSets(ctx); err != nil {
		return fmt.Errorf("sqlstore: seed health rule sets: %w", err)
	}
	return nil
}

// ---- small helpers ----

// randomToken returns n random bytes in base64url.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// params collects the arguments of a statement and hands out their
// placeholders, so that values never enter SQL text.
type params struct {
	args []any
}

// add appends v and returns its placeholder, "$n".
func (p *params) add(v any) string {
	p.args = append(p.args, v)
	return fmt.Sprintf("$%d", len(p.args))
}

// list appends vs and returns "$a, $b, ...".
func (p *params) list(vs ...any) string {
	ph := make([]string, len(vs))
	for i, v := range vs {
		ph[i] = p.add(v)
	}
	return strings.Join(ph, ", ")
}

// insertSQL returns a multi-row INSERT of rows rows with placeholders
// numbered from 1; wrap gives an SQL template (with one %s) for some
// columns' values.
func (d dialect) insertSQL(table string, cols []string, wrap map[string]string, rows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
	n := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i, c := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			n++
			ph := "?"
			if d.numberedInsert {
				ph = "$" + strconv.Itoa(n)
			}
			if w, ok := wrap[c]; ok {
				ph = fmt.Sprintf(w, ph)
			}
			b.WriteString(ph)
		}
		b.WriteByte(')')
	}
	return b.String()
}

// where joins conditions with AND, or returns "" for none.
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// nullTime is a *time.Time for Scan.
func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

func nullFloat(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	v := f.Float64
	return &v
}

func floatArg(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func timeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// districtOf returns the kecamatan of a village code.
func districtOf(village bina.RegionCode) string {
	return string(village.Truncate(bina.LevelDistrict))
}
