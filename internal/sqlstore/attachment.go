package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"bina"
)

// The default bina.AttachmentStore: photos and documents in the
// attachments table with their data, so that a backup of the database is a
// backup of everything. An attachment is seen by whoever sees its business.

const attachmentColumns = `a.id, a.uuid, a.enterprise_id, a.owner_kind, a.owner_id, a.content_type, a.size, a.sha256, a.caption, a.created_at, a.created_by`

func scanAttachment(sc scanner, x *bina.Attachment, more ...any) error {
	err := sc.Scan(append([]any{&x.ID, &x.UUID, &x.EnterpriseID, &x.OwnerKind, &x.OwnerID, &x.ContentType, &x.Size, &x.SHA256,
		&x.Caption, &x.CreatedAt, &x.CreatedBy}, more...)...)
	x.CreatedAt = x.CreatedAt.UTC()
	return err
}

func errAttachmentNotFound() error {
	return notFoundf("Lampiran tidak ditemukan", "Attachment not found")
}

// PutAttachment stores an attachment once per uuid.
func (s *Store) PutAttachment(ctx context.Context, x *bina.Attachment) (bool, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return false, err
	}
	if err := a.requireEdit(); err != nil {
		return false, err
	}
	x.UUID = strings.ToLower(strings.TrimSpace(x.UUID))
	x.Caption = strings.TrimSpace(x.Caption)
	var p bina.Problems
	if !bina.ValidUUID(x.UUID) {
		p.Add("uuid", "uuid wajib diisi dalam bentuk 8-4-4-4-12 angka heksadesimal", "uuid is required, as 8-4-4-4-12 hexadecimal digits")
	}
	if !bina.AttachmentOwners.Has(x.OwnerKind) || x.OwnerID <= 0 {
		p.Add("owner_kind", "Lampiran harus milik sesi, sertifikat, capaian atau usaha", "An attachment belongs to a session, certificate, milestone or enterprise")
	}
	if len(x.Data) == 0 || x.ContentType == "" {
		p.Add("photo", "Berkas kosong", "The file is empty")
	}
	if utf8.RuneCountInString(x.Caption) > 500 {
		p.Add("caption", "Keterangan paling panjang 500 huruf", "The caption is at most 500 characters")
	}
	if err := p.Err(); err != nil {
		return false, err
	}
	sum := sha256.Sum256(x.Data)
	x.SHA256, x.Size = hex.EncodeToString(sum[:]), int64(len(x.Data))
	now := s.now()
	created := false
	err = s.write(ctx, func(tx *sql.Tx) error {
		var stored bina.Attachment
		var village string
		err := scanAttachment(tx.QueryRowContext(ctx, `SELECT `+attachmentColumns+`, e.village_code FROM attachments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.uuid = $1`, x.UUID), &stored, &village)
		if err == nil {
			if stored.SHA256 != x.SHA256 || stored.OwnerKind != x.OwnerKind || stored.OwnerID != x.OwnerID || !a.sees(bina.RegionCode(village)) {
				return bina.Errorf(bina.Conflict, "uuid %s sudah dipakai untuk berkas lain", "uuid %s is already used by another file", x.UUID)
			}
			data := x.Data
			*x = stored
			x.Data = data
			return nil
		}
		if err != sql.ErrNoRows {
			return bina.Wrap(err, "find attachment")
		}
		if x.EnterpriseID, err = s.attachmentOwner(ctx, tx, a, x); err != nil {
			return err
		}
		x.CreatedAt, x.CreatedBy = now, a.name()
		err = tx.QueryRowContext(ctx, `INSERT INTO attachments (uuid, enterprise_id, owner_kind, owner_id, content_type, size, sha256, caption, data, created_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			x.UUID, x.EnterpriseID, x.OwnerKind, x.OwnerID, x.ContentType, x.Size, x.SHA256, x.Caption, x.Data, now, x.CreatedBy).Scan(&x.ID)
		if err != nil {
			return bina.Wrap(err, "insert attachment")
		}
		created = true
		return nil
	})
	if err != nil && s.d.isUnique(err) {
		return s.PutAttachment(ctx, x) // stored meanwhile by a concurrent call
	}
	return created, err
}

// attachmentOwner returns the business x belongs to, checking that its
// owner exists inside the actor's region. Milestones name their business
// in x.EnterpriseID.
func (s *Store) attachmentOwner(ctx context.Context, tx *sql.Tx, a actor, x *bina.Attachment) (int64, error) {
	var id int64
	var village string
	var err error
	switch x.OwnerKind {
	case "session":
		err = tx.QueryRowContext(ctx, `SELECT e.id, e.village_code FROM coaching_sessions c JOIN enterprises e ON e.id = c.enterprise_id WHERE c.id = $1`, x.OwnerID).Scan(&id, &village)
		if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
			return 0, errSessionNotFound()
		}
	case "certificate":
		err = tx.QueryRowContext(ctx, `SELECT e.id, e.village_code FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id WHERE c.id = $1`, x.OwnerID).Scan(&id, &village)
		if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
			return 0, notFoundf("Sertifikat tidak ditemukan", "Certificate not found")
		}
		eid := x.EnterpriseID
		if x.OwnerKind == "enterprise" {
			eid = x.OwnerID
		}
		err = tx.QueryRowContext(ctx, `SELECT id, village_code FROM enterprises WHERE id = $1`, eid).Scan(&id, &village)
		if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
			return 0, errEnterpriseNotFound()
		}
	}
	return id, bina.Wrap(err, "find owner")
}

// GetAttachment returns one attachment with its data.
func (s *Store) GetAttachment(ctx context.Context, id int64) (*bina.Attachment, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var x bina.Attachment
	err = s.read(ctx, func(tx *sql.Tx) error {
		var village string
		err := scanAttachment(tx.QueryRowContext(ctx, `SELECT `+attachmentColumns+`, e.village_code, a.data FROM attachments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = $1`, id), &x, &village, &x.Data)
		if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
			return errAttachmentNotFound()
		}
		return bina.Wrap(err, "read attachment")
	})
	if err != nil {
		return nil, err
	}
	return &x, nil
}

// ListAttachments returns the attachments of one record without data.
func (s *Store) ListAttachments(ctx context.Context, ownerKind string, ownerID int64) ([]bina.Attachment, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []bina.Attachment
	err = s.read(ctx, func(tx *sql.Tx) error {
		out, err = s.listAttachments(ctx, tx, a, ownerKind, []int64{ownerID})
		return err
	})
	return out, err
}

// listAttachments reads the attachments of owners of one kind that the
// actor may see, without their data, oldest first.
func (s *Store) listAttachments(ctx context.Context, q querier, a actor, kind string, owners []int64) ([]bina.Attachment, error) {
	if len(owners) == 0 {
		return nil, nil
	}
	var p params
	conds := []string{"a.owner_kind = " + p.add(kind), "a.owner_id IN (" + p.list(anySlice(owners)...) + ")"}
	conds = s.regionCond(conds, &p, "e", a.scope)
	rows, err := q.QueryContext(ctx, `SELECT `+attachmentColumns+` FROM attachments a JOIN enterprises e ON e.id = a.enterprise_id WHERE `+strings.Join(conds, " AND ")+` ORDER BY a.id`, p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "list attachments")
	}
	defer rows.Close()
	var out []bina.Attachment
	for rows.Next() {
		var x bina.Attachment
		if err := scanAttachment(rows, &x); err != nil {
			return nil, bina.Wrap(err, "list attachments")
		}
		out = append(out, x)
	}
	return out, bina.Wrap(rows.Err(), "list attachments")
}
