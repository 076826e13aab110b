package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"bina"
	"bina/audit"
	"bina/internal/credential"
	"bina/supervision"
)

// Invitations make partner accounts (see supervision.InvitationService): a
// secret of 32 random bytes, stored only as its SHA-256, that works once,
// for supervision.InvitationLife, unless revoked.

// isOffice reports whether the actor is the office itself: an
// administrator, office staff, or the system. They invite partners.
func (a actor) isOffice() bool {
	return a.user == nil || a.user.Role == bina.RoleAdmin || a.user.Role == bina.RoleStaff
}

func errNotOffice() error {
	return bina.Errorf(bina.Forbidden, "Hanya staf dinas yang dapat mengelola akun pengurus", "Only office staff may manage board accounts")
}

func errInvitationGone() error {
	return notFoundf("Undangan ini tidak berlaku lagi: sudah dipakai, dicabut, kedaluwarsa, atau salah. Minta undangan baru kepada dinas.",
		"This invitation no longer works: it was used, revoked, it expired, or it is wrong. Ask the office for a new one.")
}

// officeSubject checks that the actor is the office and reaches the
// subject's record, returning its name. Errors: Forbidden, NotFound.
func (s *Store) officeSubject(ctx context.Context, q querier, a actor, sub bina.Subject) (string, error) {
	if !a.isOffice() {
		return "", errNotOffice()
	}
	if sub.Kind != bina.SubjectCooperative {
		return "", notFoundf("Data tidak ditemukan", "Record not found")
	}
	var name, village string
	err := q.QueryRowContext(ctx, `SELECT name, village_code FROM cooperatives WHERE id = $1 AND archived_at IS NULL`, sub.ID).Scan(&name, &village)
	if err == sql.ErrNoRows || (err == nil && !a.seesCooperative(sub.ID, bina.RegionCode(village))) {
		return "", errCooperativeNotFound()
	}
	return name, bina.Wrap(err, "find cooperative")
}

// CreateInvitation stores a new invitation and returns its secret.
func (s *Store) CreateInvitation(ctx context.Context, i *supervision.Invitation) (string, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return "", err
	}
	if !a.isOffice() {
		return "", errNotOffice()
	}
	i.Normalize()
	if err := i.Validate(); err != nil {
		return "", err
	}
	now := s.now()
	secret := randomToken(32)
	x := *i
	x.CreatedBy, x.CreatedAt, x.ExpiresAt = a.name(), now, now.Add(supervision.InvitationLife).UTC()
	x.UsedAt, x.RevokedAt, x.UserID, x.UserName, x.RevokedBy = nil, nil, 0, "", ""
	err = s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.officeSubject(ctx, tx, a, x.Subject); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO invitations (token_hash, subject_kind, subject_id, name, phone, created_by, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, hashToken(secret), string(x.Subject.Kind), x.Subject.ID, x.Name, x.Phone, x.CreatedBy, now, x.ExpiresAt).Scan(&x.ID)
		if err != nil {
			return bina.Wrap(err, "create invitation")
		}
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, Detail: fmt.Sprintf("invitation %d made for %s", x.ID, x.Subject)})
	})
	if err != nil {
		return "", err
	}
	*i = x
	return secret, nil
}

const invitationSelect = `SELECT i.id, i.subject_kind, i.subject_id, i.name, i.phone, i.created_by, i.created_at, i.expires_at, i.used_at,
	COALESCE(i.user_id, 0), COALESCE(u.name, ''), i.revoked_at, i.revoked_by
FROM invitations i LEFT JOIN users u ON u.id = i.user_id`

func scanInvitation(sc scanner) (*supervision.Invitation, error) {
	var (
		x             supervision.Invitation
		kind          string
		used, revoked sql.NullTime
	)
	if err := sc.Scan(&x.ID, &kind, &x.Subject.ID, &x.Name, &x.Phone, &x.CreatedBy, &x.CreatedAt, &x.ExpiresAt, &used,
		&x.UserID, &x.UserName, &revoked, &x.RevokedBy); err != nil {
		return nil, err
	}
	x.Subject.Kind = bina.SubjectKind(kind)
	x.CreatedAt, x.ExpiresAt = x.CreatedAt.UTC(), x.ExpiresAt.UTC()
	x.UsedAt, x.RevokedAt = timePtr(used), timePtr(revoked)
	return &x, nil
}

// ListInvitations returns a subject's invitations, newest first.
func (s *Store) ListInvitations(ctx context.Context, sub bina.Subject) ([]supervision.Invitation, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []supervision.Invitation
	err = s.read(ctx, func(tx *sql.Tx) error {
		if _, err := s.officeSubject(ctx, tx, a, sub); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, invitationSelect+` WHERE i.subject_kind = $1 AND i.subject_id = $2 ORDER BY i.id DESC`, string(sub.Kind), sub.ID)
		if err != nil {
			return bina.Wrap(err, "list invitations")
		}
		defer rows.Close()
		for rows.Next() {
			x, err := scanInvitation(rows)
			if err != nil {
				return bina.Wrap(err, "list invitations")
			}
			out = append(out, *x)
		}
		return bina.Wrap(rows.Err(), "list invitations")
	})
	return out, err
}

// RevokeInvitation ends an open invitation; revoking it again does nothing.
func (s *Store) RevokeInvitation(ctx context.Context, id int64) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isOffice() {
		return errNotOffice()
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		var locked int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM invitations WHERE id = $1`+s.d.forUpdate, id).Scan(&locked)
		var x *supervision.Invitation
		if err == nil {
			x, err = scanInvitation(tx.QueryRowContext(ctx, invitationSelect+` WHERE i.id = $1`, id))
		}
		if err == sql.ErrNoRows {
			return notFoundf("Undangan tidak ditemukan", "Invitation not found")
		}
		if err != nil {
			return bina.Wrap(err, "find invitation")
		}
		if _, err := s.officeSubject(ctx, tx, a, x.Subject); err != nil {
			if bina.ErrorCode(err) == bina.NotFound {
				return notFoundf("Undangan tidak ditemukan", "Invitation not found")
			}
			return err
		}
		switch x.State(now) {
		case supervision.InvitationUsed:
			return bina.Errorf(bina.Conflict, "Undangan ini sudah dipakai; nonaktifkan akunnya di halaman pengguna", "This invitation was used; disable its account on the users page")
		case supervision.InvitationRevoked:
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invitations SET revoked_at = $1, revoked_by = $2 WHERE id = $3`, now, a.name(), id); err != nil {
			return bina.Wrap(err, "revoke invitation")
		}
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, Detail: fmt.Sprintf("invitation %d revoked", id)})
	})
}

// FindInvitation returns the open invitation of a secret and the name of
// its subject.
func (s *Store) FindInvitation(ctx context.Context, secret string) (*supervision.Invitation, string, error) {
	now := s.now()
	var (
		x    *supervision.Invitation
		name string
	)
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		x, err = scanInvitation(tx.QueryRowContext(ctx, invitationSelect+` WHERE i.token_hash = $1`, hashToken(secret)))
		if err == sql.ErrNoRows || (err == nil && x.State(now) != supervision.InvitationOpen) {
			return errInvitationGone()
		}
		if err != nil {
			return bina.Wrap(err, "find invitation")
		}
		err = tx.QueryRowContext(ctx, `SELECT name FROM cooperatives WHERE id = $1 AND archived_at IS NULL`, x.Subject.ID).Scan(&name)
		if err == sql.ErrNoRows {
			return errInvitationGone()
		}
		return bina.Wrap(err, "find invitation")
	})
	if err != nil {
		return nil, "", err
	}
	return x, name, nil
}

// AcceptInvitation makes the partner account of an open invitation. The
// password is checked and hashed before the transaction, which uses the
// invitation up and creates the account together: a name already taken
// leaves the invitation open.
func (s *Store) AcceptInvitation(ctx context.Context, secret, name, password string) (*bina.User, error) {
	inv, _, err := s.FindInvitation(ctx, secret)
	if err != nil {
		return nil, err
	}
	var p bina.Problems
	u := &bina.User{Role: bina.RolePartner, Subject: inv.Subject}
	n, nerr := credential.NormalizeName(name)
	if nerr != nil {
		p.Fields = append(p.Fields, bina.ErrorFields(nerr)...)
		n = strings.TrimSpace(name)
	} else {
		p.Fields = append(p.Fields, bina.ErrorFields((&bina.User{Name: n, Role: u.Role, Subject: u.Subject}).Validate(s.ref))...)
	}
	u.Name = n
	p.Fields = append(p.Fields, bina.ErrorFields(credential.CheckPassword(password, n))...)
	if err := p.Err(); err != nil {
		return nil, err
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return nil, err
	}
	now := s.now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 RETURNING id`,
			now, hashToken(secret)).Scan(&id)
		if err == sql.ErrNoRows {
			return errInvitationGone()
		}
		if err != nil {
			return bina.Wrap(err, "use invitation")
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO users (name, role, region, password_hash, disabled, created_at, subject_kind, subject_id) VALUES ($1, $2, '', $3, $4, $5, $6, $7) RETURNING id`,
			u.Name, string(u.Role), hash, false, now, string(u.Subject.Kind), u.Subject.ID).Scan(&u.ID)
		if s.d.isUnique(err) {
			return invalidConflict("name", "Nama pengguna %s sudah dipakai; pilih nama lain", "User name %s is taken; choose another", u.Name)
		}
		if err != nil {
			return bina.Wrap(err, "create partner account")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invitations SET user_id = $1 WHERE id = $2`, u.ID, id); err != nil {
			return bina.Wrap(err, "use invitation")
		}
		return s.insertAudit(ctx, tx, audit.Event{Action: audit.Account, ActorID: u.ID, Actor: u.Name,
			Detail: fmt.Sprintf("account made through invitation %d for %s", id, u.Subject)})
	})
	if err != nil {
		return nil, err
	}
	u.CreatedAt = now
	return u, nil
}

// PartnerAccounts returns the accounts bound to a subject, by name.
func (s *Store) PartnerAccounts(ctx context.Context, sub bina.Subject) ([]bina.User, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []bina.User
	err = s.read(ctx, func(tx *sql.Tx) error {
		if _, err := s.officeSubject(ctx, tx, a, sub); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, userSelect+` WHERE u.subject_kind = $1 AND u.subject_id = $2 ORDER BY u.name`, string(sub.Kind), sub.ID)
		if err != nil {
			return bina.Wrap(err, "list partner accounts")
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return bina.Wrap(err, "list partner accounts")
			}
			out = append(out, *u)
		}
		return bina.Wrap(rows.Err(), "list partner accounts")
	})
	return out, err
}

// SetPartnerDisabled disables or enables an account bound to sub, for
// office staff, as SetDisabled does for administrators: disabling ends its
// sessions and revokes its tokens.
func (s *Store) SetPartnerDisabled(ctx context.Context, sub bina.Subject, userID int64, disabled bool) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isOffice() {
		return errNotOffice()
	}
	return s.setDisabled(ctx, userID, disabled, func(tx *sql.Tx, u *bina.User) error {
		if _, err := s.officeSubject(ctx, tx, a, sub); err != nil {
			return err
		}
		if u.Subject != sub {
			return errUserNotFound()
		}
		return nil
	})
}
