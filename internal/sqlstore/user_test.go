package sqlstore_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// clock is a test clock that tests move forward.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func eachEngineClock(t *testing.T, fn func(t *testing.T, s *sqlstore.Store, c *clock)) {
	t.Helper()
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := &clock{t: sqlstoretest.Now}
			fn(t, sqlstoretest.OpenWithClock(t, engine, bina.DefaultConfig(), c.now), c)
		})
	}
}

const goodPassword = "kubu-raya-2026"

func mustUser(t *testing.T, s *sqlstore.Store, name string, role bina.Role, region bina.RegionCode) *bina.User {
	t.Helper()
	u := &bina.User{Name: name, Role: role, Region: region}
	must(t, s.CreateUser(system, u, goodPassword))
	return u
}

func TestUsers(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		u := mustUser(t, s, "petugas.rasau", bina.RoleOfficer, "61.12.05")
		if u.ID == 0 || !u.CreatedAt.Equal(sqlstoretest.Now) {
			t.Errorf("created %+v", u)
		}
		got, err := s.FindUserByName(system, "petugas.rasau")
		must(t, err)
		if *got != *u {
			t.Errorf("found %+v, want %+v", got, u)
		}
		_, err = s.FindUserByName(system, "nobody")
		wantCode(t, err, bina.NotFound)

		dup := &bina.User{Name: "petugas.rasau", Role: bina.RoleStaff}
		wantCode(t, s.CreateUser(system, dup, goodPassword), bina.Conflict)
		for _, tc := range []struct {
			u  bina.User
			pw string
		}{
			{bina.User{Name: "ab", Role: bina.RoleStaff}, goodPassword},
			{bina.User{Name: "staf", Role: "raja"}, goodPassword},
			{bina.User{Name: "petugas", Role: bina.RoleOfficer}, goodPassword},
			{bina.User{Name: "staf", Role: bina.RoleStaff}, "pendek"},
		} {
			wantCode(t, s.CreateUser(system, &tc.u, tc.pw), bina.Invalid)
		}
		x := &bina.User{Name: "staf2", Role: bina.RoleStaff}
		wantCode(t, s.CreateUser(as(bina.RoleStaff, ""), x, goodPassword), bina.Forbidden)
		must(t, s.CreateUser(as(bina.RoleAdmin, ""), x, goodPassword))
	})
}

func TestAuthenticate(t *testing.T) {
	eachEngineClock(t, func(t *testing.T, s *sqlstore.Store, c *clock) {
		u := mustUser(t, s, "admin", bina.RoleAdmin, "")
		got, err := s.Authenticate(system, "admin", goodPassword, "10.0.0.1")
		must(t, err)
		if got.ID != u.ID || got.Role != bina.RoleAdmin {
			t.Errorf("authenticated %+v", got)
		}
		_, err = s.Authenticate(system, "admin", "wrong-password", "10.0.0.1")
		wantCode(t, err, bina.Unauthorized)
		if msg := bina.ErrorText(err).ID; msg != "Nama pengguna atau kata sandi salah" {
			t.Errorf("message %q", msg)
		}
		_, err = s.Authenticate(system, "ghost", goodPassword, "10.0.0.1")
		wantCode(t, err, bina.Unauthorized)

		// Five failures of a name from one address are let through; the
		// sixth waits a second, the seventh two: delays grow.
		for i := 0; i < 5; i++ {
			_, err = s.Authenticate(system, "admin", "wrong-password", "10.0.0.2")
			wantCode(t, err, bina.Unauthorized)
		}
		_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.2")
		wantRetry(t, err, time.Second)
		c.advance(time.Second)
		_, err = s.Authenticate(system, "admin", "wrong-password", "10.0.0.2")
		wantCode(t, err, bina.Unauthorized)
		_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.2")
		wantRetry(t, err, 2*time.Second)
		// The owner, from the address they signed in from before, is not
		// held up by that, nor is anyone from a fresh address yet.
		_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.1")
		must(t, err)
		_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.3")
		must(t, err)

		// Failures from many addresses slow the account down for new
		// addresses, never for the ones its owner uses.
		must(t, s.ClearThrottles(system, "admin", ""))
		for i := range 11 {
			_, err = s.Authenticate(system, "admin", "wrong-password", fmt.Sprintf("10.1.0.%d", i))
			if i < 10 {
				wantCode(t, err, bina.Unauthorized)
			} else {
				wantCode(t, err, bina.TooMany)
			}
		}
		_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.4")
		wantCode(t, err, bina.TooMany)
		_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.1")
		must(t, err)
		// An administrator can lift the delays.
		must(t, s.ClearThrottles(system, "Admin", ""))
		_, err = s.Authenticate(system, "admin", goodPassword, "10.0.0.4")
		must(t, err)

		// Twenty failures from one address slow the address down, whatever
		// the name, except for names that signed in from it before.
		mustUser(t, s, "staf", bina.RoleStaff, "")
		mustUser(t, s, "staf2", bina.RoleStaff, "")
		_, err = s.Authenticate(system, "staf", goodPassword, "10.9.9.9")
		must(t, err)
		for i := 0; i < 20; i++ {
			_, err = s.Authenticate(system, "guess"+strings.Repeat("x", i), "p", "10.9.9.9")
			if bina.ErrorCode(err) != bina.Unauthorized {
				t.Fatalf("guess %d: %v", i, err)
			}
		}
		_, err = s.Authenticate(system, "staf2", goodPassword, "10.9.9.9")
		wantCode(t, err, bina.TooMany)
		_, err = s.Authenticate(system, "staf", goodPassword, "10.9.9.9")
		must(t, err)
		ths, err := s.Throttles(system)
		must(t, err)
		if len(ths) == 0 || ths[0].Until.Before(c.t) {
			t.Errorf("throttles %+v", ths)
		}
		wantCode(t, s.ClearThrottles(as(bina.RoleStaff, ""), "", "10.9.9.9"), bina.Forbidden)
		must(t, s.ClearThrottles(system, "", "10.9.9.9"))
		_, err = s.Authenticate(system, "staf2", goodPassword, "10.9.9.9")
		must(t, err)

		// Names are found in their normal form.
		_, err = s.Authenticate(system, "  STAF ", goodPassword, "10.9.9.9")
		must(t, err)

		// A disabled account cannot sign in.
		off := &bina.User{Name: "keluar", Role: bina.RoleStaff, Disabled: true}
		must(t, s.CreateUser(system, off, goodPassword))
		_, err = s.Authenticate(system, "keluar", goodPassword, "10.2.2.2")
		wantCode(t, err, bina.Unauthorized)
	})
}

func TestSessions(t *testing.T) {
	eachEngineClock(t, func(t *testing.T, s *sqlstore.Store, c *clock) {
		u := mustUser(t, s, "staf", bina.RoleStaff, "")
		sess, err := s.CreateSession(system, u.ID)
		must(t, err)
		if len(sess.Token) < 43 || sess.CSRF == "" || sess.CSRF == sess.Token || !sess.ExpiresAt.Equal(c.t.Add(12*time.Hour)) {
			t.Fatalf("session %+v", sess)
		}
		other, err := s.CreateSession(system, u.ID)
		must(t, err)
		if other.Token == sess.Token {
			t.Error("two sessions share a token")
		}
		_, err = s.CreateSession(system, 999)
		wantCode(t, err, bina.NotFound)

		got, err := s.FindSession(system, sess.Token)
		must(t, err)
		if got.User.ID != u.ID || got.CSRF != sess.CSRF {
			t.Errorf("found %+v", got)
		}
		_, err = s.FindSession(system, sess.Token+"x")
		wantCode(t, err, bina.Unauthorized)

		// Each request within 12 hours slides the expiry, up to 7 days.
		for i := 0; i < 15; i++ {
			c.advance(11 * time.Hour)
			got, err = s.FindSession(system, sess.Token)
			must(t, err)
		}
		if max := sqlstoretest.Now.Add(7 * 24 * time.Hour); !got.ExpiresAt.Equal(max) {
			t.Errorf("expiry %v, want the 7-day cap %v", got.ExpiresAt, max)
		}
		c.advance(11 * time.Hour) // past the cap
		_, err = s.FindSession(system, sess.Token)
		wantCode(t, err, bina.Unauthorized)
		// The other session was idle for more than 12 hours.
		_, err = s.FindSession(system, other.Token)
		wantCode(t, err, bina.Unauthorized)

		fresh, err := s.CreateSession(system, u.ID)
		must(t, err)
		must(t, s.DeleteSession(system, fresh.Token))
		_, err = s.FindSession(system, fresh.Token)
		wantCode(t, err, bina.Unauthorized)
		must(t, s.DeleteSession(system, "unknown"))
	})
}

func TestTokens(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		u := mustUser(t, s, "api", bina.RoleStaff, "")
		tok, err := s.CreateToken(system, u.ID)
		must(t, err)
		if !strings.HasPrefix(tok, "bina_") || len(tok) < 40 {
			t.Errorf("token %q", tok)
		}
		got, err := s.FindToken(system, tok)
		must(t, err)
		if got.ID != u.ID {
			t.Errorf("token user %+v", got)
		}
		for _, bad := range []string{"", "bina_", tok + "x", strings.TrimPrefix(tok, "bina_")} {
			_, err := s.FindToken(system, bad)
			wantCode(t, err, bina.Unauthorized)
		}
		_, err = s.CreateToken(system, 999)
		wantCode(t, err, bina.NotFound)
		_, err = s.CreateToken(bina.WithUser(system, &bina.User{ID: u.ID + 1, Name: "x", Role: bina.RoleStaff}), u.ID)
		wantCode(t, err, bina.Forbidden)
	})
}

// wantRetry fails unless err is TooMany with a wait of want.
func wantRetry(t *testing.T, err error, want time.Duration) {
	t.Helper()
	var e *bina.Error
	if !errors.As(err, &e) || e.Code != bina.TooMany || e.RetryAfter != want {
		t.Fatalf("got %v, want too many attempts with a wait of %v", err, want)
	}
}
