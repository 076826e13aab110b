package sqlstore_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestSignInRace fires many wrong passwords for one name from one address
// at once: no more get to the password check than the limit allows,
// whatever the engine (the counters are locked rows, not a count read
// before anything is written).
func TestSignInRace(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		mustUser(t, s, "admin", bina.RoleAdmin, "")
		const n = 18
		codes := make([]bina.Code, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				_, err := s.Authenticate(system, "admin", "wrong-password", "10.0.0.9")
				codes[i] = bina.ErrorCode(err)
			})
		}
		wg.Wait()
		checked := 0
		for _, c := range codes {
			switch c {
			case bina.Unauthorized:
				checked++
			case bina.TooMany:
			default:
				t.Errorf("code %q", c)
			}
		}
		if checked != 5 {
			t.Errorf("%d of %d attempts got to the password check, want 5", checked, n)
		}
	})
}

// TestUserNames: names are normalised, and look-alikes of a name are the
// name or are refused.
func TestUserNames(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		u := mustUser(t, s, "Admin", bina.RoleAdmin, "")
		if u.Name != "admin" {
			t.Errorf("stored name %q", u.Name)
		}
		for _, name := range []string{"admin", "ADMIN", "ａｄｍｉｎ", " admin "} {
			err := s.CreateUser(system, &bina.User{Name: name, Role: bina.RoleStaff}, goodPassword)
			wantCode(t, err, bina.Conflict)
		}
		for _, name := range []string{"adm\u200bin", "ad\u202emin", "adm in", "аdmin", "admin\u0301", "ab"} {
			err := s.CreateUser(system, &bina.User{Name: name, Role: bina.RoleStaff}, goodPassword)
			wantCode(t, err, bina.Invalid)
		}
		got, err := s.FindUserByName(system, "ＡＤＭＩＮ")
		must(t, err)
		if got.ID != u.ID {
			t.Errorf("found %+v", got)
		}
	})
}

// TestPasswordPolicy: characters are counted, not bytes, and easy
// passwords are refused.
func TestPasswordPolicy(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		for _, pw := range []string{"😀😀😀", "sayangku123", "bismillah2026", "indonesia123", "kuburaya2026", "petugas.rasau1", "password123", strings.Repeat("x", 201)} {
			err := s.CreateUser(system, &bina.User{Name: "petugas.rasau", Role: bina.RoleStaff}, pw)
			wantCode(t, err, bina.Invalid)
		}
		must(t, s.CreateUser(system, &bina.User{Name: "petugas.rasau", Role: bina.RoleStaff}, "kopi-hujan-jembatan-7"))
	})
}

func TestAccountAdmin(t *testing.T) {
	eachEngineClock(t, func(t *testing.T, s *sqlstore.Store, c *clock) {
		admin := mustUser(t, s, "admin", bina.RoleAdmin, "")
		u := mustUser(t, s, "staf", bina.RoleStaff, "")
		asAdmin := bina.WithUser(system, admin)
		asStaff := bina.WithUser(system, u)

		users, err := s.ListUsers(asAdmin)
		must(t, err)
		if len(users) != 2 || users[0].Name != "admin" || users[1].Name != "staf" {
			t.Errorf("users %+v", users)
		}
		_, err = s.ListUsers(asStaff)
		wantCode(t, err, bina.Forbidden)

		got, err := s.UpdateUser(asAdmin, u.ID, bina.RoleOfficer, "61.12.05")
		must(t, err)
		if got.Role != bina.RoleOfficer || got.Region != "61.12.05" {
			t.Errorf("updated %+v", got)
		}
		_, err = s.UpdateUser(asAdmin, u.ID, bina.RoleOfficer, "")
		wantCode(t, err, bina.Invalid)
		_, err = s.UpdateUser(asAdmin, admin.ID, bina.RoleStaff, "")
		wantCode(t, err, bina.Invalid) // the last administrator
		wantCode(t, s.SetDisabled(asAdmin, admin.ID, true), bina.Invalid)
		second := mustUser(t, s, "admin2", bina.RoleAdmin, "")
		wantCode(t, s.SetDisabled(asAdmin, admin.ID, true), bina.Invalid) // oneself
		must(t, s.SetDisabled(bina.WithUser(system, second), admin.ID, true))
		must(t, s.SetDisabled(asAdmin, admin.ID, false))
		must(t, s.SetDisabled(asAdmin, second.ID, true))
		wantCode(t, s.SetDisabled(asStaff, u.ID, true), bina.Forbidden)

		// Disabling ends the sessions and revokes the tokens at once, and
		// enabling again does not bring them back.
		sess, err := s.CreateSession(system, u.ID)
		must(t, err)
		tok, tk, err := s.IssueToken(asAdmin, u.ID, "sidt-sync", c.t.Add(30*24*time.Hour))
		must(t, err)
		_, err = s.FindToken(system, tok)
		must(t, err)
		sessions, err := s.ListSessions(asAdmin, u.ID)
		must(t, err)
		if len(sessions) != 1 || len(sessions[0].ID) != 16 {
			t.Errorf("sessions %+v", sessions)
		}
		must(t, s.SetDisabled(asAdmin, u.ID, true))
		_, err = s.FindSession(system, sess.Token)
		wantCode(t, err, bina.Unauthorized)
		_, err = s.FindToken(system, tok)
		wantCode(t, err, bina.Unauthorized)
		_, err = s.Authenticate(system, "staf", goodPassword, "10.0.0.1")
		wantCode(t, err, bina.Unauthorized)
		must(t, s.SetDisabled(asAdmin, u.ID, false))
		_, err = s.FindToken(system, tok)
		wantCode(t, err, bina.Unauthorized)
		_, err = s.Authenticate(system, "staf", goodPassword, "10.0.0.1")
		must(t, err)

		// Tokens: named, with expiry, last use and revocation.
		tok, tk, err = s.IssueToken(asStaff, u.ID, "laptop", c.t.Add(24*time.Hour))
		must(t, err)
		c.advance(time.Hour)
		_, err = s.FindToken(system, tok)
		must(t, err)
		toks, err := s.ListTokens(asAdmin, u.ID)
		must(t, err)
		if len(toks) != 2 || toks[0].ID != tk.ID || toks[0].Name != "laptop" || !toks[0].LastUsedAt.Equal(c.t) || !toks[0].Live(c.t) || toks[1].Live(c.t) {
			t.Errorf("tokens %+v", toks)
		}
		c.advance(24 * time.Hour)
		_, err = s.FindToken(system, tok)
		wantCode(t, err, bina.Unauthorized) // expired
		_, _, err = s.IssueToken(asAdmin, u.ID, "forever", c.t.Add(2*365*24*time.Hour))
		wantCode(t, err, bina.Invalid)
		tok, tk, err = s.IssueToken(asAdmin, u.ID, "laptop 2", c.t.Add(24*time.Hour))
		must(t, err)
		wantCode(t, s.RevokeToken(bina.WithUser(system, &bina.User{ID: admin.ID + 100, Name: "x", Role: bina.RoleStaff}), tk.ID), bina.NotFound)
		must(t, s.RevokeToken(asAdmin, tk.ID))
		_, err = s.FindToken(system, tok)
		wantCode(t, err, bina.Unauthorized)
		tok, _, err = s.IssueToken(asAdmin, admin.ID, "admin", c.t.Add(24*time.Hour))
		must(t, err)
		n, err := s.RevokeTokens(asAdmin, 0)
		must(t, err)
		if n != 1 {
			t.Errorf("revoked %d", n)
		}
		_, err = s.FindToken(system, tok)
		wantCode(t, err, bina.Unauthorized)

		// Sessions listed and ended one by one.
		s1, err := s.CreateSession(system, u.ID)
		must(t, err)
		s2, err := s.CreateSession(system, u.ID)
		must(t, err)
		sessions, err = s.ListSessions(asAdmin, u.ID)
		must(t, err)
		if len(sessions) != 2 {
			t.Fatalf("sessions %+v", sessions)
		}
		wantCode(t, s.EndSession(asAdmin, u.ID, "zz"), bina.NotFound)
		wantCode(t, s.EndSession(asAdmin, admin.ID, sessions[0].ID), bina.NotFound)
		must(t, s.EndSession(asAdmin, u.ID, sessions[0].ID))
		_, err1 := s.FindSession(system, s1.Token)
		_, err2 := s.FindSession(system, s2.Token)
		if (err1 == nil) == (err2 == nil) {
			t.Errorf("ending one session: %v, %v", err1, err2)
		}
	})
}

func TestPasswordReset(t *testing.T) {
	eachEngineClock(t, func(t *testing.T, s *sqlstore.Store, c *clock) {
		admin := mustUser(t, s, "admin", bina.RoleAdmin, "")
		u := mustUser(t, s, "staf", bina.RoleStaff, "")
		asAdmin := bina.WithUser(system, admin)
		_, _, err := s.CreateResetLink(bina.WithUser(system, u), u.ID)
		wantCode(t, err, bina.Forbidden)
		sess, err := s.CreateSession(system, u.ID)
		must(t, err)

		old, _, err := s.CreateResetLink(asAdmin, u.ID)
		must(t, err)
		secret, exp, err := s.CreateResetLink(asAdmin, u.ID)
		must(t, err)
		if !exp.Equal(c.t.Add(24 * time.Hour)) {
			t.Errorf("expires %v", exp)
		}
		_, err = s.FindReset(system, old)
		wantCode(t, err, bina.NotFound) // a newer link replaces it
		got, err := s.FindReset(system, secret)
		must(t, err)
		if got.ID != u.ID {
			t.Errorf("reset for %+v", got)
		}
		wantCode(t, s.ResetPassword(system, secret, "staf123456"), bina.Invalid)
		const fresh = "jembatan-kapuas-berkabut-9"
		must(t, s.ResetPassword(system, secret, fresh))
		wantCode(t, s.ResetPassword(system, secret, fresh), bina.NotFound) // once
		_, err = s.FindSession(system, sess.Token)
		wantCode(t, err, bina.Unauthorized)
		_, err = s.Authenticate(system, "staf", goodPassword, "10.0.0.1")
		wantCode(t, err, bina.Unauthorized)
		_, err = s.Authenticate(system, "staf", fresh, "10.0.0.1")
		must(t, err)

		late, _, err := s.CreateResetLink(asAdmin, u.ID)
		must(t, err)
		c.advance(25 * time.Hour)
		wantCode(t, s.ResetPassword(system, late, "jembatan-kapuas-berkabut-10"), bina.NotFound)
	})
}

// gateHasher is the tests' hasher whose checks of wrong passwords wait,
// once closed, until the test opens the gate again: a stand-in for
// argon2id under a flood.
type gateHasher struct {
	sqlstoretest.Hasher
	closed atomic.Bool
	open   chan struct{}
}

func (h *gateHasher) Verify(hash, password string) bool {
	if h.closed.Load() && password != goodPassword {
		<-h.open
	}
	return h.Hasher.Verify(hash, password)
}

// TestSignInQueue: a flood naming accounts that do not exist, from as
// many addresses, binds no counter and costs a hash each. Only so many
// wait for one; the rest are refused at once, and the owner of an account,
// from an address they signed in from before, still gets through.
func TestSignInQueue(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			h := &gateHasher{open: make(chan struct{})}
			ctx := context.Background()
			s, err := sqlstore.Open(ctx, sqlstoretest.DSN(t, engine), sqlstoretest.Reference(t, bina.DefaultConfig()), h, nil)
			must(t, err)
			t.Cleanup(func() { s.Close() })
			must(t, s.Migrate(ctx))
			mustUser(t, s, "admin", bina.RoleAdmin, "")
			_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.1")
			must(t, err)

			h.closed.Store(true)
			const n = 200
			codes := make(chan bina.Code, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					_, err := s.Authenticate(system, fmt.Sprintf("nobody%d", i), "p", fmt.Sprintf("10.1.%d.%d", i/256, i%256))
					codes <- bina.ErrorCode(err)
				})
			}
			// Those beyond the queue are refused while the others wait.
			busy := 0
			for busy < n-sqlstore.MaxHashQueue-runtime.NumCPU() {
				if c := <-codes; c != bina.TooMany {
					t.Fatalf("code %q while the hashes wait", c)
				}
				busy++
			}
			_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.1")
			must(t, err)
			close(h.open)
			wg.Wait()
			close(codes)
			checked := 0
			for c := range codes {
				if c == bina.Unauthorized {
					checked++
				}
			}
			if checked == 0 || checked > sqlstore.MaxHashQueue+runtime.NumCPU() {
				t.Errorf("%d attempts were checked, want at most %d", checked, sqlstore.MaxHashQueue+runtime.NumCPU())
			}
		})
	}
}
