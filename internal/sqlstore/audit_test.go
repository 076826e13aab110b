package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/audit"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

func TestAudit(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		admin := bina.WithUser(context.Background(), &bina.User{ID: 1, Name: "admin", Role: bina.RoleAdmin})
		staff := audit.WithClientAddr(as(bina.RoleStaff, ""), "203.0.113.9")
		viewer := as(bina.RoleViewer, "")

		must(t, s.RecordAudit(staff, audit.Event{Action: audit.List, Entity: bina.EntityEnterprise, Records: []int64{10, 11, 120}, Filter: "search=true"}))
		must(t, s.RecordAudit(staff, audit.Event{Action: audit.Export, Entity: bina.EntityEnterprise, Count: 8237, Filter: "region=61.12.01"}))
		must(t, s.RecordAudit(staff, audit.Event{Action: audit.List, Entity: bina.EntityCooperative, Records: []int64{1}}))
		// A viewer's reads are masked: not recorded. Account events are.
		must(t, s.RecordAudit(viewer, audit.Event{Action: audit.List, Entity: bina.EntityEnterprise, Records: []int64{1}}))
		must(t, s.RecordAudit(viewer, audit.Event{Action: audit.TokenUse, Detail: "token 3"}))
		// The system (command-line tools) is not a person to record.
		must(t, s.RecordAudit(system, audit.Event{Action: audit.Export, Entity: bina.EntityEnterprise, Count: 5}))

		list := func(f audit.Filter) ([]audit.Event, int) {
			t.Helper()
			got, total, err := s.ListAudit(admin, f)
			must(t, err)
			return got, total
		}
		got, total := list(audit.Filter{Actor: "staff-user"})
		if total != 3 || len(got) != 3 {
			t.Fatalf("staff: %d of %d: %+v", len(got), total, got)
		}
		exp := got[1]
		if exp.Action != audit.Export || exp.Count != 8237 || exp.Filter != "region=61.12.01" || exp.ClientAddr != "203.0.113.9" ||
			exp.ActorID != 99 || !exp.At.Equal(sqlstoretest.Now) || len(exp.Records) != 0 {
			t.Errorf("export entry %+v", exp)
		}
		if l := got[2]; l.Count != 3 || len(l.Records) != 3 || l.Records[2] != 120 {
			t.Errorf("list entry %+v", l)
		}
		if _, n := list(audit.Filter{Actor: "viewer-user"}); n != 1 {
			t.Errorf("viewer: %d entries, want the token use only", n)
		}
		if _, n := list(audit.Filter{Actor: "system"}); n != 0 {
			t.Errorf("system: %d entries", n)
		}

		// Who saw enterprise 1: nobody (1 is not 10, 11 or 120, and
		// cooperative 1 is another record).
		for id, want := range map[int64]int{1: 0, 10: 1, 11: 1, 12: 0, 120: 1} {
			if _, n := list(audit.Filter{Subject: bina.EntityEnterprise, SubjectID: id}); n != want {
				t.Errorf("enterprise %d seen %d times, want %d", id, n, want)
			}
		}
		if got, _ := list(audit.Filter{Actor: "staff-user", Limit: 1, Offset: 1}); len(got) != 1 || got[0].Action != audit.Export {
			t.Errorf("second page: %+v", got)
		}

		_, _, err := s.ListAudit(staff, audit.Filter{Actor: "admin"})
		wantCode(t, err, bina.Forbidden)
		_, _, err = s.ListAudit(admin, audit.Filter{})
		wantCode(t, err, bina.Invalid)

		// Retention: entries older than the cutoff go.
		n, err := s.PurgeAudit(admin, sqlstoretest.Now)
		must(t, err)
		if n != 0 {
			t.Errorf("purged %d entries of now", n)
		}
		n, err = s.PurgeAudit(admin, sqlstoretest.Now.Add(time.Second))
		must(t, err)
		if n != 4 {
			t.Errorf("purged %d, want 4", n)
		}
	})
}

// TestSignInAudit: Authenticate records sign-ins, failures and refusals.
func TestSignInAudit(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		u := &bina.User{Name: "staf", Role: bina.RoleStaff}
		must(t, s.CreateUser(ctx, u, "kata-sandi-panjang"))
		_, err := s.Authenticate(ctx, "staf", "salah-sekali", "198.51.100.1")
		wantCode(t, err, bina.Unauthorized)
		_, err = s.Authenticate(ctx, "tidak-ada", "salah-sekali", "198.51.100.2")
		wantCode(t, err, bina.Unauthorized)
		_, err = s.Authenticate(ctx, "staf", "kata-sandi-panjang", "198.51.100.3")
		must(t, err)
		// Past the limit, an attempt is refused unchecked: recorded as such.
		for range 25 {
			s.Authenticate(ctx, "penyerang", "salah-sekali", "198.51.100.4")
		}
		admin0 := bina.WithUser(ctx, &bina.User{ID: 1000, Name: "admin", Role: bina.RoleAdmin})
		att, _, err := s.ListAudit(admin0, audit.Filter{Actor: "penyerang"})
		must(t, err)
		if len(att) == 0 || att[0].Action != audit.SignInFailed || !strings.HasPrefix(att[0].Detail, "refused: ") {
			t.Errorf("a refused attempt: %+v", att[:min(len(att), 1)])
		}

		admin := bina.WithUser(ctx, &bina.User{ID: 1000, Name: "admin", Role: bina.RoleAdmin})
		got, _, err := s.ListAudit(admin, audit.Filter{Actor: "staf"})
		must(t, err)
		if len(got) != 2 || got[0].Action != audit.SignIn || got[0].ClientAddr != "198.51.100.3" || got[0].ActorID != u.ID ||
			got[1].Action != audit.SignInFailed || got[1].ActorID != u.ID {
			t.Errorf("staf: %+v", got)
		}
		got, _, err = s.ListAudit(admin, audit.Filter{Actor: "tidak-ada"})
		must(t, err)
		if len(got) != 1 || got[0].Action != audit.SignInFailed || got[0].ActorID != 0 || got[0].ClientAddr != "198.51.100.2" {
			t.Errorf("unknown name: %+v", got)
		}
	})
}

// TestAuditMigration: the single-record views recorded before the audit
// existed move into it.
func TestAuditMigration(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := sqlstoretest.DSN(t, engine)
			db := rawDB(t, engine, dsn)
			stamp := "TIMESTAMP"
			if engine == "postgres" {
				stamp = "TIMESTAMPTZ"
			}
			if _, err := db.Exec(`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at ` + stamp + ` NOT NULL)`); err != nil {
				t.Fatal(err)
			}
			files, err := filepath.Glob(filepath.Join("migrations", engine, "*.sql"))
			must(t, err)
			for _, f := range files {
				if filepath.Base(f) >= "0007" {
					break
				}
				b, err := os.ReadFile(f)
				must(t, err)
				if _, err := db.Exec(string(b)); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				if _, err := db.Exec(`INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)`, filepath.Base(f), sqlstoretest.Now); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.Exec(`INSERT INTO personal_data_access (at, user_id, user_name, entity, entity_id) VALUES ($1, 7, 'staf', 'enterprise', 42)`, sqlstoretest.Now); err != nil {
				t.Fatal(err)
			}
			ref := sqlstoretest.Reference(t, bina.DefaultConfig())
			s, err := sqlstore.Open(ctx, dsn, ref, sqlstoretest.Hasher{}, nil)
			must(t, err)
			defer s.Close()
			must(t, s.Migrate(ctx))
			admin := bina.WithUser(ctx, &bina.User{ID: 1, Name: "admin", Role: bina.RoleAdmin})
			got, _, err := s.ListAudit(admin, audit.Filter{Subject: bina.EntityEnterprise, SubjectID: 42})
			must(t, err)
			if len(got) != 1 || got[0].Actor != "staf" || got[0].ActorID != 7 || got[0].Action != audit.View || !got[0].At.Equal(sqlstoretest.Now) {
				t.Errorf("migrated views: %+v", got)
			}
			var n int
			err = db.QueryRow(`SELECT count(*) FROM personal_data_access`).Scan(&n)
			if err == nil || !strings.Contains(strings.ToLower(err.Error()), "personal_data_access") {
				t.Errorf("the old table is still there (%v)", err)
			}
		})
	}
}

// TestAccountEventsAudited: role changes, disabling and enabling, tokens
// issued, used and revoked, and reset links are in the audit, under the
// admin who acted (or the account whose token was used).
func TestAccountEventsAudited(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		root := &bina.User{Name: "kepala", Role: bina.RoleAdmin}
		must(t, s.CreateUser(ctx, root, "Kubu-Raya-Hebat-2026!"))
		u := &bina.User{Name: "joko", Role: bina.RoleStaff}
		must(t, s.CreateUser(ctx, u, "Sungai-Kakap-Jaya-88"))
		admin := bina.WithUser(ctx, root)
		_, err := s.UpdateUser(admin, u.ID, bina.RoleOfficer, "61.12.01")
		must(t, err)
		tok, tk, err := s.IssueToken(admin, u.ID, "sinkron", sqlstoretest.Now.Add(48*time.Hour))
		must(t, err)
		_, err = s.FindToken(ctx, tok)
		must(t, err)
		must(t, s.RevokeToken(admin, tk.ID))
		must(t, s.SetDisabled(admin, u.ID, true))
		must(t, s.SetDisabled(admin, u.ID, false))
		_, _, err = s.CreateResetLink(admin, u.ID)
		must(t, err)

		byAdmin, _, err := s.ListAudit(admin, audit.Filter{Actor: "kepala"})
		must(t, err)
		want := map[audit.Action]int{audit.RoleChange: 1, audit.Account: 5}
		got := map[audit.Action]int{}
		for _, e := range byAdmin {
			got[e.Action]++
		}
		for a, n := range want {
			if got[a] != n {
				t.Errorf("%d %s entries by the admin, want %d: %+v", got[a], a, n, byAdmin)
			}
		}
		byJoko, _, err := s.ListAudit(admin, audit.Filter{Actor: "joko"})
		must(t, err)
		if len(byJoko) != 1 || byJoko[0].Action != audit.TokenUse {
			t.Errorf("joko's entries: %+v", byJoko)
		}
	})
}
