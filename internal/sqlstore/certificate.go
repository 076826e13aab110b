package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"strconv"
	"time"

	"bina"
)

// Certificates of enterprises (coaching.CertificateService). Their changes are
// written in the enterprise's history, so the record's page tells them.

const certificateSelect = `SELECT c.id, c.enterprise_id, c.kind, c.number, c.issued_on, c.expires_on, c.issuer, c.status, c.route,
	c.programme_id, c.document_id, c.notes, c.version, c.created_at, c.updated_at, e.name, e.village_code
FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id`

func scanCertificate(sc scanner) (*coaching.Certificate, error) {
	var (
		c         coaching.Certificate
		prog, doc sql.NullInt64
		village   string
	)
	err := sc.Scan(&c.ID, &c.EnterpriseID, &c.Kind, &c.Number, &c.IssuedOn, &c.ExpiresOn, &c.Issuer, &c.Status, &c.Route,
		&prog, &doc, &c.Notes, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.EnterpriseName, &village)
	if err != nil {
		return nil, err
	}
	c.ProgrammeID, c.DocumentID = nullID64(prog), nullID64(doc)
	c.VillageCode = bina.RegionCode(village)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}

func nullID64(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

func idArg(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func errCertificateNotFound() error {
	return notFoundf("Sertifikat tidak ditemukan", "Certificate not found")
}

// enterpriseOf reads the desa of enterprise id and whether it is archived,
// hiding an enterprise outside the actor's region. Errors: NotFound.
func (s *Store) enterpriseOf(ctx context.Context, q querier, a actor, id int64) (bina.RegionCode, bool, error) {
	var village string
	var archived sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT village_code, archived_at FROM enterprises WHERE id = $1`, id).Scan(&village, &archived)
	if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
		return "", false, errEnterpriseNotFound()
	}
	if err != nil {
		return "", false, bina.Wrap(err, "find enterprise")
	}
	return bina.RegionCode(village), archived.Valid, nil
}

// writableEnterprise is enterpriseOf for a write: the actor must edit and
// the enterprise be live.
func (s *Store) writableEnterprise(ctx context.Context, tx *sql.Tx, a actor, id int64) (bina.RegionCode, error) {
	village, archived, err := s.enterpriseOf(ctx, tx, a, id)
	if err != nil {
		return "", err
	}
	if archived {
		return "", bina.Errorf(bina.Conflict, "Usaha ini sudah diarsipkan; pulihkan dulu sebelum menambah data", "This enterprise is archived; restore it before adding to it")
	}
	return village, nil
}

// Certificates returns the certificates of one enterprise, newest issue
// first.
func (s *Store) Certificates(ctx context.Context, enterpriseID int64) ([]coaching.Certificate, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []coaching.Certificate
	err = s.read(ctx, func(tx *sql.Tx) error {
		if _, _, err := s.enterpriseOf(ctx, tx, a, enterpriseID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, certificateSelect+` WHERE c.enterprise_id = $1 ORDER BY c.issued_on DESC, c.id DESC`, enterpriseID)
		if err != nil {
			return bina.Wrap(err, "list certificates")
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCertificate(rows)
			if err != nil {
				return bina.Wrap(err, "list certificates")
			}
			out = append(out, *c)
		}
		return bina.Wrap(rows.Err(), "list certificates")
	})
	return out, err
}

// FindCertificate returns one certificate in the actor's region.
func (s *Store) FindCertificate(ctx context.Context, id int64) (*coaching.Certificate, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var c *coaching.Certificate
	err = s.read(ctx, func(tx *sql.Tx) error {
		c, err = s.loadCertificate(ctx, tx, a, id, false)
		return err
	})
	return c, err
}

func (s *Store) loadCertificate(ctx context.Context, q querier, a actor, id int64, lock bool) (*coaching.Certificate, error) {
	query := certificateSelect + ` WHERE c.id = $1`
	if lock {
		query += s.d.forUpdate
	}
	c, err := scanCertificate(q.QueryRowContext(ctx, query, id))
	if err == sql.ErrNoRows || (err == nil && !a.sees(c.VillageCode)) {
		return nil, errCertificateNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "load certificate")
	}
	return c, nil
}

// certificateEditor returns the actor of a write of c, who must edit,
// with c normalised and validated.
func (s *Store) certificateEditor(ctx context.Context, c *coaching.Certificate) (actor, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return a, err
	}
	if err := a.requireEdit(); err != nil {
		return a, err
	}
	c.Normalize()
	return a, c.Validate(s.now())
}

// certificateText is how the history writes a certificate.
func certificateText(c *coaching.Certificate) string {
	t := coaching.CertificateKinds.Label(c.Kind, "id") + " " + c.Number
	if !c.ExpiresOn.IsZero() {
		t += " s.d. " + c.ExpiresOn.String()
	}
	return t
}

// CreateCertificate stores c; the same number of the same kind on another
// enterprise goes to the review queue.
func (s *Store) CreateCertificate(ctx context.Context, c *coaching.Certificate) error {
	a, err := s.certificateEditor(ctx, c)
	if err != nil {
		return err
	}
	now := s.now()
	x := *c
	x.CreatedAt, x.UpdatedAt, x.Version = now, now, 1
	err = s.write(ctx, func(tx *sql.Tx) error {
		village, err := s.writableEnterprise(ctx, tx, a, x.EnterpriseID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM certificates WHERE enterprise_id = $1 AND kind = $2 AND number = $3`, x.EnterpriseID, x.Kind, x.Number).Scan(&n); err != nil {
			return bina.Wrap(err, "find certificate")
		}
		if n > 0 {
			return invalidField("number", "Sertifikat dengan nomor ini sudah tercatat pada usaha ini", "A certificate with this number is already recorded for this enterprise")
		}
		if x.ID, err = s.insertCertificate(ctx, tx, &x, now); err != nil {
			return bina.Wrap(err, "insert certificate")
		}
		if err := s.countCertificate(ctx, tx, &x, 1); err != nil {
			return err
		}
		if err := s.reviewDuplicateNumber(ctx, tx, &x, village, now); err != nil {
			return err
		}
		return s.record(ctx, tx, bina.EntityEnterprise, x.EnterpriseID, now, a.name(), actionCreate, []bina.Change{{Field: "certificate", After: certificateText(&x)}})
	})
	if err != nil {
		return err
	}
	*c = x
	return nil
}

// reviewDuplicateNumber opens a review item when the number of x is held
// by a certificate of the same kind on another enterprise.
func (s *Store) reviewDuplicateNumber(ctx context.Context, tx *sql.Tx, x *coaching.Certificate, village bina.RegionCode, now time.Time) error {
	var otherID, otherEnterprise int64
	var otherName string
	err := tx.QueryRowContext(ctx, `SELECT c.id, c.enterprise_id, e.name FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id
WHERE c.kind = $1 AND c.number = $2 AND c.enterprise_id <> $3 ORDER BY c.id LIMIT 1`, x.Kind, x.Number, x.EnterpriseID).Scan(&otherID, &otherEnterprise, &otherName)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return bina.Wrap(err, "find duplicate certificate")
	}
	kind := coaching.CertificateKinds.Label(x.Kind, "id")
	reason := bina.Text{
		ID: "Nomor " + kind + " " + x.Number + " juga tercatat pada usaha #" + strconv.FormatInt(otherEnterprise, 10) + " (" + otherName + ")",
		EN: "Number " + x.Number + " (" + coaching.CertificateKinds.Label(x.Kind, "en") + ") is also recorded for enterprise #" + strconv.FormatInt(otherEnterprise, 10) + " (" + otherName + ")",
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO certificate_reviews (certificate_id, other_id, village_code, district_code, state, reason_id, reason_en, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		x.ID, otherID, string(village), districtOf(village), coaching.CertReviewOpen, reason.ID, reason.EN, now)
	return bina.Wrap(err, "insert certificate review")
}

// UpdateCertificate replaces certificate c.ID when its version matches.
func (s *Store) UpdateCertificate(ctx context.Context, c *coaching.Certificate) error {
	a, err := s.certificateEditor(ctx, c)
	if err != nil {
		return err
	}
	now := s.now()
	x := *c
	err = s.write(ctx, func(tx *sql.Tx) error {
		old, err := s.loadCertificate(ctx, tx, a, x.ID, true)
		if err != nil {
			return err
		}
		if _, err := s.writableEnterprise(ctx, tx, a, old.EnterpriseID); err != nil {
			return err
		}
		if old.Version != x.Version {
			return errChanged()
		}
		x.EnterpriseID, x.CreatedAt, x.EnterpriseName, x.VillageCode = old.EnterpriseID, old.CreatedAt, old.EnterpriseName, old.VillageCode
		before, after := certificateText(old), certificateText(&x)
		same := old.Kind == x.Kind && old.Number == x.Number && old.IssuedOn == x.IssuedOn && old.ExpiresOn == x.ExpiresOn &&
			old.Issuer == x.Issuer && old.Status == x.Status && old.Route == x.Route && old.Notes == x.Notes &&
			eqID(old.ProgrammeID, x.ProgrammeID) && eqID(old.DocumentID, x.DocumentID)
		if same {
			x = *old
			return nil
		}
		x.Version, x.UpdatedAt = old.Version+1, now
		res, err := tx.ExecContext(ctx, `UPDATE certificates SET kind = $1, number = $2, issued_on = $3, expires_on = $4, issuer = $5, status = $6, route = $7,
programme_id = $8, document_id = $9, notes = $10, version = $11, updated_at = $12 WHERE id = $13 AND version = $14`,
			x.Kind, x.Number, x.IssuedOn, x.ExpiresOn, x.Issuer, x.Status, x.Route, idArg(x.ProgrammeID), idArg(x.DocumentID), x.Notes, x.Version, now, x.ID, old.Version)
		if err != nil {
			return bina.Wrap(err, "update certificate")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errChanged()
		}
		if err := s.countCertificate(ctx, tx, old, -1); err != nil {
			return err
		}
		if err := s.countCertificate(ctx, tx, &x, 1); err != nil {
			return err
		}
		if old.Kind != x.Kind || old.Number != x.Number {
			if err := s.reviewDuplicateNumber(ctx, tx, &x, old.VillageCode, now); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, bina.EntityEnterprise, x.EnterpriseID, now, a.name(), actionUpdate, []bina.Change{{Field: "certificate", Before: before, After: after}})
	})
	if err != nil {
		return err
	}
	*c = x
	return nil
}

func eqID(a, b *int64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// ExpiringCertificates lists certificates of live enterprises expiring
// from today up to f.Before, soonest first, a page at a time: the
// expiring view of ListCertificates.
func (s *Store) ExpiringCertificates(ctx context.Context, f coaching.ExpiryFilter) (bina.Page[coaching.Certificate], error) {
	return s.ListCertificates(ctx, coaching.CertificateFilter{View: coaching.CertViewExpiring, Before: f.Before, Region: f.Region, Kind: f.Kind,
		Officer: f.Officer, Cursor: f.Cursor, Limit: f.Limit})
}

// certificateColumns are the columns certificateValues gives.
var certificateColumns = []string{"enterprise_id", "kind", "number", "issued_on", "expires_on", "issuer", "status", "route", "programme_id", "document_id", "notes", "version", "created_at", "updated_at"}

func certificateValues(dst []any, x *coaching.Certificate, now time.Time) []any {
	return append(dst, x.EnterpriseID, x.Kind, x.Number, x.IssuedOn, x.ExpiresOn, x.Issuer, x.Status, x.Route, idArg(x.ProgrammeID), idArg(x.DocumentID), x.Notes, 1, now, now)
}

// insertCertificate writes one certificate row.
func (s *Store) insertCertificate(ctx context.Context, tx *sql.Tx, x *coaching.Certificate, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.d.insertSQL("certificates", certificateColumns, nil, 1)+" RETURNING id", certificateValues(nil, x, now)...).Scan(&id)
	return id, err
}
