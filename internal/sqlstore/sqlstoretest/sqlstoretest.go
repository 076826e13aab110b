// Package sqlstoretest opens real, migrated stores for tests, on SQLite
// always and on PostgreSQL when the environment names a server, so that
// every package can run its tests on both engines without mocking SQL.
//
// Set BINA_TEST_PG to a PostgreSQL URL (for example
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to add the
// "postgres" engine. Each store then lives in a fresh schema with a random
// name, dropped when the test ends. When BINA_TEST_PG is set but the server
// cannot be reached, tests fail: they never skip silently.
package sqlstoretest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"bina"
	"bina/internal/refdata"
	"bina/internal/sqlstore"
)

// Now is the fixed time of test stores: 28 November 2026, 10:00 UTC.
var Now = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

// EnvPostgres names the environment variable holding the PostgreSQL URL.
const EnvPostgres = "BINA_TEST_PG"

// Engines returns the engines to test on: "sqlite", and "postgres" when
// BINA_TEST_PG is set.
func Engines() []string {
	if os.Getenv(EnvPostgres) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// Hasher is a cheap password hasher for tests only (a plain SHA-256):
// production uses argon2id, which is deliberately slow.
type Hasher struct{}

// Hash returns "sha256$<hex>".
func (Hasher) Hash(password string) (string, error) {
	h := sha256.Sum256([]byte(password))
	return "sha256$" + hex.EncodeToString(h[:]), nil
}

// Verify checks password against a hash made by Hash.
func (h Hasher) Verify(hash, password string) bool {
	want, _ := h.Hash(password)
	return subtle.ConstantTimeCompare([]byte(hash), []byte(want)) == 1
}

// Open returns a fresh migrated store for the Kubu Raya deployment
// (bina.DefaultConfig) with the clock fixed at Now.
func Open(tb testing.TB, engine string) *sqlstore.Store {
	tb.Helper()
	return OpenWith(tb, engine, bina.DefaultConfig())
}

// OpenWith is Open with another configuration.
func OpenWith(tb testing.TB, engine string, cfg bina.Config) *sqlstore.Store {
	tb.Helper()
	return OpenWithClock(tb, engine, cfg, func() time.Time { return Now })
}

// OpenWithClock is OpenWith with a clock of the test's own, for tests of
// expiry and time windows.
func OpenWithClock(tb testing.TB, engine string, cfg bina.Config, clock func() time.Time) *sqlstore.Store {
	tb.Helper()
	ref := Reference(tb, cfg)
	ref.Now = clock
	dsn := DSN(tb, engine)
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, dsn, ref, Hasher{}, nil)
	if err != nil {
		tb.Fatalf("open %s store: %v", engine, err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		tb.Fatalf("migrate %s store: %v", engine, err)
	}
	return s
}

// DSN returns the address of a fresh, empty database for engine: a file in
// tb.TempDir() for SQLite, a new schema (dropped at cleanup) for
// PostgreSQL.
func DSN(tb testing.TB, engine string) string {
	tb.Helper()
	switch engine {
	case "sqlite":
		return filepath.Join(tb.TempDir(), "bina.db")
	case "postgres":
		base := os.Getenv(EnvPostgres)
		if base == "" {
			tb.Fatalf("engine postgres needs %s", EnvPostgres)
		}
		schema := "bina_test_" + randomHex(6)
		admin, err := sql.Open("pgx", base)
		if err != nil {
			tb.Fatalf("postgres %s: %v", EnvPostgres, err)
		}
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
			tb.Fatalf("postgres at %s=%s cannot be used: %v", EnvPostgres, base, err)
		}
		tb.Cleanup(func() {
			db, err := sql.Open("pgx", base)
			if err != nil {
				tb.Errorf("drop schema %s: %v", schema, err)
				return
			}
			defer db.Close()
			if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
				tb.Errorf("drop schema %s: %v", schema, err)
			}
		})
		return WithSearchPath(tb, base, schema)
	}
	tb.Fatalf("unknown engine %q", engine)
	return ""
}

// WithSearchPath returns the PostgreSQL URL dsn with search_path set to
// schema (then public); pgx passes it to the server as a run-time
// parameter of every connection.
func WithSearchPath(tb testing.TB, dsn, schema string) string {
	tb.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

// refs caches the reference data per root region: reading the embedded
// region tables takes a while, and tests open many stores.
var refs sync.Map // bina.RegionCode → bina.Reference

// Reference returns the embedded reference data for cfg.
func Reference(tb testing.TB, cfg bina.Config) bina.Reference {
	tb.Helper()
	if r, ok := refs.Load(cfg.Region); ok {
		ref := r.(bina.Reference)
		ref.Config = cfg
		return ref
	}
	ref, err := refdata.Reference(cfg)
	if err != nil {
		tb.Fatalf("reference data: %v", err)
	}
	refs.Store(cfg.Region, ref)
	return ref
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToLower(fmt.Sprintf("%x", b))
}
