package sqlstore_test

import (
	"context"
	"database/sql"
	"testing"

	"bina/internal/sqlstore"
)

// TestRefreshReach checks that the reach columns follow the attended or
// completed participations and the coaching sessions of a business, and
// nothing else.
func TestRefreshReach(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := context.Background()
		a := mustCreate(t, ctx, s, newEnterprise("Keripik Ayu", "61.12.01.2001"))
		b := mustCreate(t, ctx, s, newEnterprise("Ikan Asin Bahari", "61.12.01.2001"))
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.ExecContext(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		exec(`INSERT INTO programmes (id, name, year, kind, starts_on, ends_on, created_at, updated_at) VALUES (1, 'Pelatihan', 2021, 'pelatihan', '2021-03-01', '2021-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`)
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (1, $1, 'completed', '2021-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, a.ID)
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (1, $1, 'absent', '2021-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, b.ID)
		exec(`INSERT INTO coaching_sessions (uuid, enterprise_id, held_on, mode, created_at, updated_at) VALUES ('u1', $1, '2024-07-15', 'visit', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, a.ID)
		must(t, sqlstore.RefreshReach(s, a.ID, b.ID, a.ID))

		for _, c := range []struct {
			id          int64
			first, last string
		}{{a.ID, "2021-03-03", "2024-07-15"}, {b.ID, "", ""}} {
			var first, last sql.NullString
			if err := db.QueryRowContext(ctx, `SELECT CAST(reached_first AS TEXT), CAST(reached_last AS TEXT) FROM enterprises WHERE id = $1`, c.id).Scan(&first, &last); err != nil {
				t.Fatal(err)
			}
			if first.String != c.first || last.String != c.last {
				t.Errorf("enterprise %d reached %q..%q, want %q..%q", c.id, first.String, last.String, c.first, c.last)
			}
		}
	})
}
