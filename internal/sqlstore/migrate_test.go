package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

func TestMigrate(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := sqlstoretest.DSN(t, engine)
			ref := sqlstoretest.Reference(t, bina.DefaultConfig())
			ref.Now = func() time.Time { return sqlstoretest.Now }
			open := func() (*sqlstore.Store, error) {
				return sqlstore.Open(ctx, dsn, ref, sqlstoretest.Hasher{}, nil)
			}
			s, err := open()
			must(t, err)
			if s.Engine() != engine {
				t.Errorf("Engine() = %q, want %q", s.Engine(), engine)
			}
			must(t, s.Migrate(ctx))
			db := rawDB(t, engine, dsn)
			before := countRows(t, db, "schema_migrations", "kelompoks")
			if before["schema_migrations"] == 0 || before["kelompoks"] != len(bina.DefaultKelompoks) {
				t.Fatalf("after the first migration: %v", before)
			}
			must(t, s.Migrate(ctx))
			if after := countRows(t, db, "schema_migrations", "kelompoks"); after["schema_migrations"] != before["schema_migrations"] || after["kelompoks"] != before["kelompoks"] {
				t.Errorf("second migration changed %v to %v", before, after)
			}
			empty, err := s.IsEmpty(ctx)
			must(t, err)
			if !empty {
				t.Error("a new store is not empty")
			}
			must(t, s.Ping(ctx))
			must(t, s.Close())

			// A migration this binary does not know: a newer schema.
			if _, err := db.Exec(`INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_from_the_future.sql', $1)`, sqlstoretest.Now); err != nil {
				t.Fatal(err)
			}
			s, err = open()
			if err == nil {
				s.Close()
				t.Fatal("Open accepted a schema newer than the binary")
			}
			if !strings.Contains(err.Error(), "newer") {
				t.Errorf("error %q does not say the schema is newer", err)
			}
		})
	}
}

func TestIsEmpty(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		mustCreate(t, system, s, newEnterprise("Warung Kopi", village1a))
		empty, err := s.IsEmpty(system)
		must(t, err)
		if empty {
			t.Error("IsEmpty with one enterprise")
		}
	})
}
