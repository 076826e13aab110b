package sqlstore

import (
	"bina/audit"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"bina"
)

// tokenTouchStep is how often a token's last use is written: at most once
// a minute, so that API traffic does not queue on the one writer.
const tokenTouchStep = time.Minute

// CreateToken returns a new API bearer token for the user, named "token",
// valid for bina.DefaultTokenLife. See IssueToken.
func (s *Store) CreateToken(ctx context.Context, userID int64) (string, error) {
	tok, _, err := s.IssueToken(ctx, userID, "token", s.now().Add(bina.DefaultTokenLife))
	return tok, err
}

// IssueToken returns a new named API bearer token valid until expires (at
// most bina.MaxTokenLife ahead): "bina_" and 32 random bytes in base64url,
// stored only as its SHA-256. The system, an administrator, or the user
// themself may create one. Errors: NotFound, Forbidden, Invalid.
func (s *Store) IssueToken(ctx context.Context, userID int64, name string, expires time.Time) (string, *bina.Token, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return "", nil, err
	}
	if !a.isAdmin() && a.user.ID != userID {
		return "", nil, bina.Errorf(bina.Forbidden, "Anda tidak berhak membuat token untuk pengguna lain", "You may not create tokens for another user")
	}
	now := s.now()
	name = strings.TrimSpace(name)
	var p bina.Problems
	if n := utf8.RuneCountInString(name); n < 1 || n > 64 || !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
		p.Add("name", "Nama token 1 sampai 64 karakter", "A token's name must be 1 to 64 characters")
	}
	if !expires.After(now) || expires.After(now.Add(bina.MaxTokenLife)) {
		p.Add("expires", "Masa berlaku token antara besok dan satu tahun lagi", "A token must expire between tomorrow and a year from now")
	}
	if err := p.Err(); err != nil {
		return "", nil, err
	}
	token := tokenPrefix + randomToken(32)
	t := &bina.Token{UserID: userID, Name: name, CreatedAt: now, ExpiresAt: expires.UTC()}
	err = s.write(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, userSelect+` WHERE u.id = $1`, userID))
		if err == sql.ErrNoRows {
			return errUserNotFound()
		}
		if err != nil {
			return bina.Wrap(err, "find user")
		}
		if u.Disabled {
			return invalidField("name", "Akun ini dinonaktifkan", "This account is disabled")
		}
		// Ids are taken in the write transaction: SQLite's writers exclude
		// each other, and on PostgreSQL the unique index refuses a race.
		err = tx.QueryRowContext(ctx, `INSERT INTO api_tokens (id, token_hash, user_id, name, created_at, expires_at)
VALUES ((SELECT coalesce(max(id), 0) + 1 FROM api_tokens), $1, $2, $3, $4, $5) RETURNING id`,
			hashToken(token), userID, name, now, t.ExpiresAt).Scan(&t.ID)
		if err != nil {
			return bina.Wrap(err, "create token")
		}
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, Detail: fmt.Sprintf("%s: token %d %q issued", u.Name, t.ID, name)})
	})
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

const tokenSelect = `SELECT t.id, t.user_id, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at FROM api_tokens t`

func scanToken(sc scanner) (*bina.Token, error) {
	var t bina.Token
	var exp, used, revoked sql.NullTime
	if err := sc.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &exp, &used, &revoked); err != nil {
		return nil, err
	}
	t.CreatedAt = t.CreatedAt.UTC()
	if exp.Valid {
		t.ExpiresAt = exp.Time.UTC()
	}
	if used.Valid {
		t.LastUsedAt = used.Time.UTC()
	}
	if revoked.Valid {
		t.RevokedAt = revoked.Time.UTC()
	}
	return &t, nil
}

// ListTokens returns the account's tokens, newest first, for an
// administrator or the account itself.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]bina.Token, error) {
	if err := s.requireSelfOrAdmin(ctx, userID); err != nil {
		return nil, err
	}
	var out []bina.Token
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, tokenSelect+` WHERE t.user_id = $1 ORDER BY t.id DESC`, userID)
		if err != nil {
			return bina.Wrap(err, "list tokens")
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanToken(rows)
			if err != nil {
				return bina.Wrap(err, "list tokens")
			}
			out = append(out, *t)
		}
		return bina.Wrap(rows.Err(), "list tokens")
	})
	return out, err
}

// RevokeToken revokes one token, for an administrator or its owner.
// Revoking a revoked token is not an error. Errors: NotFound, Forbidden.
func (s *Store) RevokeToken(ctx context.Context, tokenID int64) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT user_id FROM api_tokens WHERE id = $1`, tokenID).Scan(&owner)
		if err == sql.ErrNoRows || (err == nil && !a.isAdmin() && a.user.ID != owner) {
			return notFoundf("Token tidak ditemukan", "Token not found")
		}
		if err != nil {
			return bina.Wrap(err, "find token")
		}
		if _, err = tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, now, tokenID); err != nil {
			return bina.Wrap(err, "revoke token")
		}
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, Detail: fmt.Sprintf("token %d revoked", tokenID)})
	})
}

// RevokeTokens revokes every live token of an account, or of every
// account when userID is 0, and returns how many. Admins only (or the
// account itself for its own).
func (s *Store) RevokeTokens(ctx context.Context, userID int64) (int, error) {
	var err error
	if userID == 0 {
		err = s.requireAdmin(ctx)
	} else {
		err = s.requireSelfOrAdmin(ctx, userID)
	}
	if err != nil {
		return 0, err
	}
	now := s.now()
	var n int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $1) AND ($2 = 0 OR user_id = $2)`, now, userID)
		if err != nil {
			return bina.Wrap(err, "revoke tokens")
		}
		if n, err = res.RowsAffected(); err != nil {
			return bina.Wrap(err, "revoke tokens")
		}
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, Detail: fmt.Sprintf("%d tokens revoked (account %d; 0: all)", n, userID)})
	})
	return int(n), err
}

// FindToken returns the user of an API bearer token, and records its use
// (at most once a minute). Errors: Unauthorized (unknown, expired or
// revoked token, or disabled account).
func (s *Store) FindToken(ctx context.Context, token string) (*bina.User, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return nil, errUnauthorized()
	}
	now := s.now()
	h := hashToken(token)
	var u *bina.User
	var touch bool
	err := s.read(ctx, func(tx *sql.Tx) error {
		var exp, used, revoked sql.NullTime
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+`, t.expires_at, t.last_used_at, t.revoked_at
FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`, h), &exp, &used, &revoked)
		if err == sql.ErrNoRows {
			return errUnauthorized()
		}
		if err != nil {
			return bina.Wrap(err, "find token")
		}
		if u.Disabled || revoked.Valid || (exp.Valid && !now.Before(exp.Time)) {
			return errUnauthorized()
		}
		touch = !used.Valid || now.Sub(used.Time) >= tokenTouchStep
		return nil
	})
	if err != nil {
		return nil, err
	}
	if touch {
		err := s.write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2`, now, h); err != nil {
				return bina.Wrap(err, "record token use")
			}
			return s.insertAudit(ctx, tx, audit.Event{Action: audit.TokenUse, ActorID: u.ID, Actor: u.Name})
		})
		if err != nil {
			return nil, err
		}
	}
	return u, nil
}
