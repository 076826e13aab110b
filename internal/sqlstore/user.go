package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"bina"
	"bina/audit"
	"bina/internal/credential"
)

const (
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

// userColumns are the columns scanUser reads, in its order.
const userColumns = `u.id, u.name, u.role, u.region, u.created_at, u.disabled, u.subject_kind, u.subject_id`

const userSelect = `SELECT ` + userColumns + ` FROM users u`

// scanUser reads the columns of userSelect, then extra ones into extra.
func scanUser(sc scanner, extra ...any) (*bina.User, error) {
	var u bina.User
	var role, region, kind string
	if err := sc.Scan(append([]any{&u.ID, &u.Name, &role, &region, &u.CreatedAt, &u.Disabled, &kind, &u.Subject.ID}, extra...)...); err != nil {
		return nil, err
	}
	u.Role, u.Region, u.CreatedAt = bina.Role(role), bina.RegionCode(region), u.CreatedAt.UTC()
	u.Subject.Kind = bina.SubjectKind(kind)
	return &u, nil
}

// requireAdmin returns Forbidden unless the actor administers the
// deployment (or is the system).
func (s *Store) requireAdmin(ctx context.Context) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya administrator yang dapat mengelola akun", "Only administrators may manage accounts")
	}
	return nil
}

// normalName is the canonical form of a name typed to find an account; a
// name that could not be an account's is kept lower-cased, to find none.
func normalName(name string) string {
	if n, err := credential.NormalizeName(name); err == nil {
		return n
	}
	return strings.ToLower(strings.TrimSpace(name))
}

// CreateUser adds an account with a password hashed by the store's hasher.
// The name is normalised (credential.NormalizeName), so that no two
// accounts look alike. Only the system and administrators may create
// accounts.
func (s *Store) CreateUser(ctx context.Context, u *bina.User, password string) error {
	if err := s.requireAdmin(ctx); err != nil {
		return err
	}
	var p bina.Problems
	name, nerr := credential.NormalizeName(u.Name)
	if nerr != nil {
		p.Fields = append(p.Fields, bina.ErrorFields(nerr)...)
		name = strings.TrimSpace(u.Name)
	}
	u.Name = name
	if u.Role != bina.RoleOfficer {
		u.Region = ""
	}
	if nerr == nil {
		p.Fields = append(p.Fields, bina.ErrorFields(u.Validate(s.ref))...)
	}
	p.Fields = append(p.Fields, bina.ErrorFields(credential.CheckPassword(password, u.Name))...)
	if err := p.Err(); err != nil {
		return err
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return err
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

func errUserNotFound() error { return notFoundf("Pengguna tidak ditemukan", "User not found") }

// FindUserByName returns an account by its name, normalised. Errors: NotFound.
func (s *Store) FindUserByName(ctx context.Context, name string) (*bina.User, error) {
	var u *bina.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, userSelect+` WHERE u.name = $1`, normalName(name)))
		if err == sql.ErrNoRows {
			return errUserNotFound()
		}
		return bina.Wrap(err, "find user")
	})
	return u, err
}

// FindUser returns an account by id to an administrator, or to the
// account itself. Errors: NotFound, Forbidden.
func (s *Store) FindUser(ctx context.Context, id int64) (*bina.User, error) {
	if err := s.requireSelfOrAdmin(ctx, id); err != nil {
		return nil, err
	}
	var u *bina.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, userSelect+` WHERE u.id = $1`, id))
		if err == sql.ErrNoRows {
			return errUserNotFound()
		}
		return bina.Wrap(err, "find user")
	})
	return u, err
}

// requireSelfOrAdmin returns Forbidden unless the actor is an
// administrator or the account userID.
func (s *Store) requireSelfOrAdmin(ctx context.Context, userID int64) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() && a.user.ID != userID {
		return bina.Errorf(bina.Forbidden, "Hanya administrator yang dapat mengelola akun lain", "Only administrators may manage other accounts")
	}
	return nil
}

// ListUsers returns every account by name. Admins only.
func (s *Store) ListUsers(ctx context.Context) ([]bina.User, error) {
	if err := s.requireAdmin(ctx); err != nil {
		return nil, err
	}
	var out []bina.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, userSelect+` ORDER BY u.name`)
		if err != nil {
			return bina.Wrap(err, "list users")
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return bina.Wrap(err, "list users")
			}
			out = append(out, *u)
		}
		return bina.Wrap(rows.Err(), "list users")
	})
	return out, err
}

// errLastAdmin refuses to leave the deployment without an administrator.
func errLastAdmin() error {
	return invalidField("role", "Harus tetap ada paling sedikit satu administrator aktif", "At least one active administrator must remain")
}

// otherAdmins counts the enabled administrators other than id.
func otherAdmins(ctx context.Context, tx *sql.Tx, id int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1`, id).Scan(&n)
	return n, bina.Wrap(err, "count administrators")
}

// lockUser reads an account for a change, locking its row.
func (s *Store) lockUser(ctx context.Context, tx *sql.Tx, id int64) (*bina.User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, userSelect+` WHERE u.id = $1`+s.d.forUpdate, id))
	if err == sql.ErrNoRows {
		return nil, errUserNotFound()
	}
	return u, bina.Wrap(err, "find user")
}

// UpdateUser changes an account's role and region (a region only for
// field officers). The last active administrator keeps the role. Its
// sessions carry the new role from their next request. Admins only.
func (s *Store) UpdateUser(ctx context.Context, id int64, role bina.Role, region bina.RegionCode) (*bina.User, error) {
	if err := s.requireAdmin(ctx); err != nil {
		return nil, err
	}
	var out *bina.User
	err := s.write(ctx, func(tx *sql.Tx) error {
		u, err := s.lockUser(ctx, tx, id)
		if err != nil {
			return err
		}
		u.Role, u.Region = role, region
		if role != bina.RoleOfficer {
			u.Region = ""
		}
		if err := u.Validate(s.ref); err != nil {
			return err
		}
		if role != bina.RoleAdmin {
			if n, err := otherAdmins(ctx, tx, id); err != nil {
				return err
			} else if n == 0 {
				return errLastAdmin()
			}
		}
		before := *u
		if err := s.lockedOld(ctx, tx, id, &before); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET role = $1, region = $2 WHERE id = $3`, string(u.Role), string(u.Region), id); err != nil {
			return bina.Wrap(err, "update user")
		}
		out = u
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.RoleChange,
			Detail: fmt.Sprintf("%s: %s %s -> %s %s", u.Name, before.Role, before.Region, u.Role, u.Region)})
	})
	return out, err
}

// SetDisabled disables or enables an account. Disabling ends its sessions
// and revokes its API tokens in the same transaction, so that nothing it
// held opens anything again, even once it is enabled. Neither the last
// active administrator nor the actor's own account can be disabled.
// Admins only.
func (s *Store) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	if err := s.requireAdmin(ctx); err != nil {
		return err
	}
	return s.setDisabled(ctx, id, disabled, nil)
}

// setDisabled is SetDisabled once the actor's right is checked; check,
// when set, looks at the locked account first in the same transaction.
func (s *Store) setDisabled(ctx context.Context, id int64, disabled bool, check func(tx *sql.Tx, u *bina.User) error) error {
	if u := bina.UserFromContext(ctx); disabled && u != nil && u.ID == id {
		return invalidField("disabled", "Anda tidak dapat menonaktifkan akun Anda sendiri", "You cannot disable your own account")
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		u, err := s.lockUser(ctx, tx, id)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(tx, u); err != nil {
				return err
			}
		}
		if disabled && u.Role == bina.RoleAdmin {
			if n, err := otherAdmins(ctx, tx, id); err != nil {
				return err
			} else if n == 0 {
				return errLastAdmin()
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = $1 WHERE id = $2`, disabled, id); err != nil {
			return bina.Wrap(err, "disable user")
		}
		what := "enabled"
		if disabled {
			what = "disabled"
		}
		if err := s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, Detail: u.Name + ": " + what}); err != nil {
			return err
		}
		if !disabled {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return bina.Wrap(err, "end sessions")
		}
		_, err = tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, now, id)
		return bina.Wrap(err, "revoke tokens")
	})
}

func errBadLogin() error {
	return bina.Errorf(bina.Unauthorized, "Nama pengguna atau kata sandi salah", "Wrong user name or password")
}

// Authenticate checks a name and password. The attempt is first counted
// against the sign-in throttle (throttle.go) in a short transaction that
// also reads the account; one refused there answers TooMany without any
// password check. The password is then checked outside any transaction,
// with at most a few checks at once. An unknown name costs a check all
// the same, so that timing does not tell which names exist; a disabled
// account answers as a wrong password.
func (s *Store) Authenticate(ctx context.Context, name, password, clientAddr string) (*bina.User, error) {
	u, err := s.authenticate(ctx, name, password, clientAddr)
	// Every attempt goes to the audit: signed in, failed (under the
	// account it named, if any) or refused.
	s.recordSignIn(ctx, name, clientAddr, u, err)
	if err != nil {
		return nil, err
	}
	return u, nil
}

// authenticate is Authenticate without its audit entry. On a wrong
// password it also returns the account named, for the audit.
func (s *Store) authenticate(ctx context.Context, name, password, clientAddr string) (*bina.User, error) {
	s.signIn.init()
	name = normalName(name)
	now := s.now()
	wait, trusted, err := s.peekAttempt(ctx, name, clientAddr, now)
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		return nil, errThrottled(wait)
	}
	var u *bina.User
	var hash string
	db, reserved := s.signIn.claimGate(trusted)
	err = gated2(ctx, db, reserved, func() error {
		return s.write(ctx, func(tx *sql.Tx) error {
			var err error
			if wait, trusted, err = s.claimAttempt(ctx, tx, name, clientAddr, now); err != nil || wait > 0 {
				return err
			}
			u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+`, u.password_hash FROM users u WHERE u.name = $1`, name), &hash)
			if err == sql.ErrNoRows {
				u, err = nil, nil
			}
			return bina.Wrap(err, "find user")
		})
	})
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		return nil, errThrottled(wait)
	}
	if u == nil {
		hash = s.dummyHash
	}
	ok, err := s.verifyPassword(ctx, hash, password, trusted)
	if err != nil {
		return nil, err
	}
	if !ok || u == nil || u.Disabled {
		return u, errBadLogin()
	}
	if err := s.trustPair(ctx, name, clientAddr, trusted, now); err != nil {
		return nil, err
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
		u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+`, s.csrf, s.created_at, s.last_seen_at, s.expires_at
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

// ListSessions returns the account's live sessions, newest first, to an
// administrator or the account itself. A session's ID is the first 16
// hex digits of its token's hash: it names the session without opening it.
func (s *Store) ListSessions(ctx context.Context, userID int64) ([]bina.SessionInfo, error) {
	if err := s.requireSelfOrAdmin(ctx, userID); err != nil {
		return nil, err
	}
	now := s.now()
	var out []bina.SessionInfo
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT token_hash, created_at, last_seen_at, expires_at FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, token_hash`, userID, now)
		if err != nil {
			return bina.Wrap(err, "list sessions")
		}
		defer rows.Close()
		for rows.Next() {
			x := bina.SessionInfo{UserID: userID}
			if err := rows.Scan(&x.ID, &x.CreatedAt, &x.LastSeenAt, &x.ExpiresAt); err != nil {
				return bina.Wrap(err, "list sessions")
			}
			x.ID = x.ID[:sessionIDLen]
			x.CreatedAt, x.LastSeenAt, x.ExpiresAt = x.CreatedAt.UTC(), x.LastSeenAt.UTC(), x.ExpiresAt.UTC()
			out = append(out, x)
		}
		return bina.Wrap(rows.Err(), "list sessions")
	})
	return out, err
}

// sessionIDLen is the length of a session's public ID.
const sessionIDLen = 16

// EndSession ends one session of the account by its ID (see
// ListSessions), for an administrator or the account itself.
// Errors: NotFound, Forbidden.
func (s *Store) EndSession(ctx context.Context, userID int64, id string) error {
	if err := s.requireSelfOrAdmin(ctx, userID); err != nil {
		return err
	}
	if len(id) != sessionIDLen || strings.Trim(id, "0123456789abcdef") != "" {
		return notFoundf("Sesi tidak ditemukan", "Session not found")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash >= $2 AND token_hash < $3`, userID, id, id+"g")
		if err != nil {
			return bina.Wrap(err, "end session")
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return notFoundf("Sesi tidak ditemukan", "Session not found")
		}
		return nil
	})
}

// lockedOld reads the role and region account id has in the database
// into u, before a change.
func (s *Store) lockedOld(ctx context.Context, tx *sql.Tx, id int64, u *bina.User) error {
	var role, region string
	err := tx.QueryRowContext(ctx, `SELECT role, region FROM users WHERE id = $1`, id).Scan(&role, &region)
	u.Role, u.Region = bina.Role(role), bina.RegionCode(region)
	return bina.Wrap(err, "find user")
}
