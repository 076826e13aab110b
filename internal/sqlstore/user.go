package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"
	"time"

	"bina"
)

// Sign-in limits: failed attempts per user name and per client address in
// a sliding window. A success clears the name's failures, never the
// address's, so that one valid account cannot be used to keep guessing
// others from the same address.
const (
	loginWindow      = 15 * time.Minute
	maxFailsPerName  = 5
	maxFailsPerAddr  = 20
	sessionIdle      = 12 * time.Hour
	sessionMax       = 7 * 24 * time.Hour
	sessionTouchStep = time.Minute // extend a session at most this often
	tokenPrefix      = "bina_"
)

// hashToken returns the SHA-256 of a secret token in hex: the only form in
// which session and API tokens are stored.
func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

const userSelect = `SELECT u.id, u.name, u.role, u.region, u.created_at, u.disabled FROM users u`

// scanUser reads the columns of userSelect, then extra ones into extra.
func scanUser(sc scanner, extra ...any) (*bina.User, error) {
	var u bina.User
	var role, region string
	if err := sc.Scan(append([]any{&u.ID, &u.Name, &role, &region, &u.CreatedAt, &u.Disabled}, extra...)...); err != nil {
		return nil, err
	}
	u.Role, u.Region, u.CreatedAt = bina.Role(role), bina.RegionCode(region), u.CreatedAt.UTC()
	return &u, nil
}

// CreateUser adds an account with a password hashed by the store's hasher.
// Only the system and administrators may create accounts.
func (s *Store) CreateUser(ctx context.Context, u *bina.User, password string) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya administrator yang dapat membuat akun", "Only administrators may create accounts")
	}
	u.Name = strings.TrimSpace(u.Name)
	if u.Role != bina.RoleOfficer {
		u.Region = ""
	}
	verr := u.Validate(s.ref)
	perr := bina.CheckPassword(password)
	if verr != nil || perr != nil {
		var p bina.Problems
		p.Fields = append(bina.ErrorFields(verr), bina.ErrorFields(perr)...)
		return p.Err()
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return bina.Wrap(err, "hash password")
	}
	now := s.now()
	var id int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (name, role, region, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			u.Name, string(u.Role), string(u.Region), hash, u.Disabled, now).Scan(&id)
		if s.d.isUnique(err) {
			return invalidConflict("name", "Nama pengguna %s sudah dipakai", "User name %s is taken", u.Name)
		}
		return bina.Wrap(err, "create user")
	})
	if err != nil {
		return err
	}
	u.ID, u.CreatedAt = id, now
	return nil
}

// invalidConflict is a Conflict that names its field.
func invalidConflict(field, id, en string, args ...any) error {
	e := bina.Errorf(bina.Conflict, id, en, args...)
	e.Fields = []bina.FieldError{{Field: field, Message: e.Message}}
	return e
}

// FindUserByName returns an account. Errors: NotFound.
func (s *Store) FindUserByName(ctx context.Context, name string) (*bina.User, error) {
	var u *bina.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, userSelect+` WHERE u.name = $1`, strings.TrimSpace(name)))
		if err == sql.ErrNoRows {
			return notFoundf("Pengguna tidak ditemukan", "User not found")
		}
		return bina.Wrap(err, "find user")
	})
	return u, err
}

func errBadLogin() error {
	return bina.Errorf(bina.Unauthorized, "Nama pengguna atau kata sandi salah", "Wrong user name or password")
}

// Authenticate checks a name and password. At most 5 failures per name and
// 20 per client address are allowed in 15 minutes; past that it answers
// Forbidden without checking the password. An unknown name costs a
// password check all the same, so that timing does not tell which names
// exist.
func (s *Store) Authenticate(ctx context.Context, name, password, clientAddr string) (*bina.User, error) {
	name = strings.TrimSpace(name)
	now := s.now()
	since := now.Add(-loginWindow)
	var u *bina.User
	var hash string
	var failed bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, since); err != nil {
			return bina.Wrap(err, "expire login failures")
		}
		var byName, byAddr int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM login_failures WHERE user_name = $1 AND at >= $3), (SELECT count(*) FROM login_failures WHERE client_addr = $2 AND at >= $3)`,
			name, clientAddr, since).Scan(&byName, &byAddr)
		if err != nil {
			return bina.Wrap(err, "count login failures")
		}
		if byName >= maxFailsPerName || byAddr >= maxFailsPerAddr {
			return bina.Errorf(bina.Forbidden, "Terlalu banyak percobaan masuk; coba lagi dalam 15 menit", "Too many sign-in attempts; try again in 15 minutes")
		}
		row, err := scanUser(tx.QueryRowContext(ctx, `SELECT u.id, u.name, u.role, u.region, u.created_at, u.disabled, u.password_hash FROM users u WHERE u.name = $1`, name), &hash)
		switch {
		case err == sql.ErrNoRows:
			s.hasher.Verify(s.dummyHash, password)
			failed = true
		case err != nil:
			return bina.Wrap(err, "find user")
		default:
			ok := s.hasher.Verify(hash, password)
			failed = !ok || row.Disabled
			u = row
		}
		if failed {
			_, err := tx.ExecContext(ctx, `INSERT INTO login_failures (user_name, client_addr, at) VALUES ($1, $2, $3)`, name, clientAddr, now)
			return bina.Wrap(err, "record login failure")
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM login_failures WHERE user_name = $1`, name)
		return bina.Wrap(err, "clear login failures")
	})
	s.recordSignIn(ctx, name, clientAddr, u, failed, err)
	if err != nil {
		return nil, err
	}
	if failed {
		return nil, errBadLogin()
	}
	return u, nil
}

// CreateSession starts a browser session for the user: a random 32-byte
// token (stored only as its SHA-256) and a CSRF token, valid for 12 hours
// of idleness and 7 days at most. Errors: NotFound, Unauthorized (disabled).
func (s *Store) CreateSession(ctx context.Context, userID int64) (*bina.Session, error) {
	now := s.now()
	sess := &bina.Session{Token: randomToken(32), CSRF: randomToken(32), ExpiresAt: now.Add(sessionIdle)}
	err := s.write(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, userSelect+` WHERE u.id = $1`, userID))
		if err == sql.ErrNoRows {
			return notFoundf("Pengguna tidak ditemukan", "User not found")
		}
		if err != nil {
			return bina.Wrap(err, "find user")
		}
		if u.Disabled {
			return errUnauthorized()
		}
		sess.User = *u
		_, err = tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, csrf, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			hashToken(sess.Token), sess.CSRF, userID, now, now, sess.ExpiresAt)
		return bina.Wrap(err, "create session")
	})
	if err != nil {
		return nil, err
	}
	return sess, nil
}

// FindSession returns a live session by its token and slides its expiry
// (12 hours after the last request, never past 7 days after sign-in).
// Errors: Unauthorized (unknown, expired, or the account is disabled).
func (s *Store) FindSession(ctx context.Context, token string) (*bina.Session, error) {
	if token == "" {
		return nil, errUnauthorized()
	}
	now := s.now()
	h := hashToken(token)
	var sess *bina.Session
	var created, lastSeen time.Time
	var touch bool
	err := s.read(ctx, func(tx *sql.Tx) error {
		x := &bina.Session{Token: token}
		u, err := scanUser(tx.QueryRowContext(ctx, `SELECT u.id, u.name, u.role, u.region, u.created_at, u.disabled, s.csrf, s.created_at, s.last_seen_at, s.expires_at
FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, h), &x.CSRF, &created, &lastSeen, &x.ExpiresAt)
		if err == sql.ErrNoRows {
			return errUnauthorized()
		}
		if err != nil {
			return bina.Wrap(err, "find session")
		}
		if u.Disabled || !now.Before(x.ExpiresAt) {
			return errUnauthorized()
		}
		x.User = *u
		sess = x
		touch = now.Sub(lastSeen) >= sessionTouchStep
		return nil
	})
	if err != nil {
		return nil, err
	}
	if touch {
		// Sliding the expiry is a write; it is done at most once a minute
		// per session so that browsing does not queue on the one writer.
		exp := now.Add(sessionIdle)
		if maxExp := created.Add(sessionMax); exp.After(maxExp) {
			exp = maxExp
		}
		sess.ExpiresAt = exp.UTC()
		err := s.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3`, now, sess.ExpiresAt, h)
			return bina.Wrap(err, "extend session")
		})
		if err != nil {
			return nil, err
		}
	}
	sess.ExpiresAt = sess.ExpiresAt.UTC()
	return sess, nil
}

// DeleteSession signs out; deleting an unknown session is not an error.
// Expired sessions are swept at the same time.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1 OR expires_at <= $2`, hashToken(token), now); err != nil {
			return bina.Wrap(err, "delete session")
		}
		return nil
	})
}

// CreateToken returns a new API bearer token for the user: "bina_" and 32
// random bytes in base64url, stored only as its SHA-256. The system, an
// administrator, or the user themself may create one. Errors: NotFound,
// Forbidden.
func (s *Store) CreateToken(ctx context.Context, userID int64) (string, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return "", err
	}
	if !a.isAdmin() && a.user.ID != userID {
		return "", bina.Errorf(bina.Forbidden, "Anda tidak berhak membuat token untuk pengguna lain", "You may not create tokens for another user")
	}
	token := tokenPrefix + randomToken(32)
	now := s.now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = $1`, userID).Scan(&n); err != nil {
			return bina.Wrap(err, "find user")
		}
		if n == 0 {
			return notFoundf("Pengguna tidak ditemukan", "User not found")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES ($1, $2, $3)`, hashToken(token), userID, now)
		return bina.Wrap(err, "create token")
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// FindToken returns the user of an API bearer token.
// Errors: Unauthorized (unknown token or disabled account).
func (s *Store) FindToken(ctx context.Context, token string) (*bina.User, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return nil, errUnauthorized()
	}
	var u *bina.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, userSelect+` JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = $1`, hashToken(token)))
		if err == sql.ErrNoRows || (err == nil && u.Disabled) {
			return errUnauthorized()
		}
		return bina.Wrap(err, "find token")
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
