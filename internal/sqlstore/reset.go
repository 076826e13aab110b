package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"bina"
	"bina/audit"
	"bina/internal/credential"
)

// resetLife is how long a password reset link works.
const resetLife = 24 * time.Hour

// CreateResetLink returns the secret of a one-time password reset link
// for the account (32 random bytes in base64url, stored only as its
// SHA-256) and when it expires; the links made before for the account stop
// working. Admins only. Errors: NotFound, Forbidden.
func (s *Store) CreateResetLink(ctx context.Context, id int64) (string, time.Time, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	if !a.isAdmin() {
		return "", time.Time{}, bina.Errorf(bina.Forbidden, "Hanya administrator yang dapat mengelola akun", "Only administrators may manage accounts")
	}
	var by sql.NullInt64
	if a.user != nil {
		by = sql.NullInt64{Int64: a.user.ID, Valid: true}
	}
	now := s.now()
	secret := randomToken(32)
	exp := now.Add(resetLife).UTC()
	err = s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.lockUser(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL`, now, id); err != nil {
			return bina.Wrap(err, "end reset links")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO password_resets (token_hash, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
			hashToken(secret), id, by, now, exp); err != nil {
			return bina.Wrap(err, "create reset link")
		}
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, Detail: fmt.Sprintf("reset link made for account %d", id)})
	})
	if err != nil {
		return "", time.Time{}, err
	}
	return secret, exp, nil
}

func errResetGone() error {
	return notFoundf("Tautan ini tidak berlaku lagi: sudah dipakai, sudah kedaluwarsa, atau salah. Minta tautan baru kepada admin dinas.",
		"This link no longer works: it was used, it expired, or it is wrong. Ask the office administrator for a new one.")
}

// FindReset returns the account a live reset secret is for.
// Errors: NotFound (unknown, used or expired).
func (s *Store) FindReset(ctx context.Context, secret string) (*bina.User, error) {
	now := s.now()
	var u *bina.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, userSelect+` JOIN password_resets r ON r.user_id = u.id
WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2`, hashToken(secret), now))
		if err == sql.ErrNoRows {
			return errResetGone()
		}
		return bina.Wrap(err, "find reset link")
	})
	return u, err
}

// ResetPassword sets a new password through a reset secret, once: the
// link is used up in the same transaction that sets the password, and the
// account's sessions end and its sign-in delays are cleared. The password
// is hashed before that transaction. Errors: NotFound, Invalid.
func (s *Store) ResetPassword(ctx context.Context, secret, password string) error {
	u, err := s.FindReset(ctx, secret)
	if err != nil {
		return err
	}
	if err := credential.CheckPassword(password, u.Name); err != nil {
		return err
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return err
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id`,
			now, hashToken(secret)).Scan(&id)
		if err == sql.ErrNoRows {
			return errResetGone()
		}
		if err != nil {
			return bina.Wrap(err, "use reset link")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, id); err != nil {
			return bina.Wrap(err, "set password")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return bina.Wrap(err, "end sessions")
		}
		if _, err = tx.ExecContext(ctx, `UPDATE login_throttle SET fails = 0, next_at = $1, updated_at = $1 WHERE user_name = $2`, now, u.Name); err != nil {
			return bina.Wrap(err, "clear sign-in delays")
		}
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, ActorID: u.ID, Actor: u.Name, Detail: "password set by a reset link"})
	})
}
