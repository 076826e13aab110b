package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"encoding/json"

	"bina"
)

// The review queue of certificate numbers held by two enterprises. The
// import review queue (review.go) belongs to the rows of an import; a
// certificate typed on a form has no import, so its items live beside it
// with the same states' meaning: a person keeps both certificates, or
// removes the newer one as a mistake. The removed certificate is kept in
// the item, so the decision shows what was taken away.

// CertificateReviews lists review items of duplicated certificate numbers
// in the actor's region, oldest first.
func (s *Store) CertificateReviews(ctx context.Context, state string) ([]coaching.CertificateReview, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if state == "" {
		state = coaching.CertReviewOpen
	}
	switch state {
	case coaching.CertReviewOpen, coaching.CertReviewKept, coaching.CertReviewRemoved:
	default:
		return nil, invalidFilter("state", state)
	}
	var out []coaching.CertificateReview
	err = s.read(ctx, func(tx *sql.Tx) error {
		var p params
		conds := s.regionCond([]string{"r.state = " + p.add(state)}, &p, "r", a.scope)
		rows, err := tx.QueryContext(ctx, `SELECT r.id FROM certificate_reviews r`+where(conds)+` ORDER BY r.id LIMIT 500`, p.args...)
		if err != nil {
			return bina.Wrap(err, "list certificate reviews")
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return bina.Wrap(err, "list certificate reviews")
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return bina.Wrap(err, "list certificate reviews")
		}
		for _, id := range ids {
			r, err := s.loadCertificateReview(ctx, tx, a, id, false)
			if err != nil {
				return err
			}
			out = append(out, *r)
		}
		return nil
	})
	return out, err
}

func errCertificateReviewNotFound() error {
	return notFoundf("Butir tinjauan sertifikat tidak ditemukan", "Certificate review item not found")
}

// loadCertificateReview reads one item with both certificates as stored
// (the newer one from the item when it was removed).
func (s *Store) loadCertificateReview(ctx context.Context, q querier, a actor, id int64, lock bool) (*coaching.CertificateReview, error) {
	query := `SELECT id, certificate_id, other_id, village_code, state, reason_id, reason_en, removed, resolved_by, resolved_at, created_at FROM certificate_reviews WHERE id = $1`
	if lock {
		query += s.d.forUpdate
	}
	var (
		r        coaching.CertificateReview
		village  string
		removed  string
		resolved sql.NullTime
	)
	err := q.QueryRowContext(ctx, query, id).Scan(&r.ID, &r.CertificateID, &r.OtherID, &village, &r.State, &r.Reason.ID, &r.Reason.EN, &removed, &r.ResolvedBy, &resolved, &r.CreatedAt)
	if err == sql.ErrNoRows || (err == nil && !a.sees(bina.RegionCode(village))) {
		return nil, errCertificateReviewNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "load certificate review")
	}
	r.Kind, r.ResolvedAt, r.CreatedAt = coaching.ReviewCertificate, timePtr(resolved), r.CreatedAt.UTC()
	if removed != "" {
		if err := json.Unmarshal([]byte(removed), &r.Certificate); err != nil {
			return nil, bina.Wrap(err, "read removed certificate")
		}
	} else if err := s.certificateInto(ctx, q, r.CertificateID, &r.Certificate); err != nil {
		return nil, err
	}
	// The other certificate may lie outside the actor's region: the item
	// names it, as the reason does, without its enterprise's place.
	if err := s.certificateInto(ctx, q, r.OtherID, &r.Other); err != nil {
		return nil, err
	}
	return &r, nil
}

// certificateInto reads certificate id into c; a certificate gone since
// (removed by another decision) leaves c with its id alone.
func (s *Store) certificateInto(ctx context.Context, q querier, id int64, c *coaching.Certificate) error {
	x, err := scanCertificate(q.QueryRowContext(ctx, certificateSelect+` WHERE c.id = $1`, id))
	if err == sql.ErrNoRows {
		c.ID = id
		return nil
	}
	if err != nil {
		return bina.Wrap(err, "load certificate")
	}
	*c = *x
	return nil
}

// ResolveCertificateReview keeps both certificates, or removes the newer
// one (recorded in its enterprise's history).
func (s *Store) ResolveCertificateReview(ctx context.Context, id int64, action string) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireEdit(); err != nil {
		return err
	}
	if action != "keep" && action != "remove" {
		return invalidField("action", "Pilih simpan keduanya atau hapus sertifikat yang baru", "Choose keep both or remove the newer certificate")
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		r, err := s.loadCertificateReview(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if r.State != coaching.CertReviewOpen {
			return bina.Errorf(bina.Conflict, "Butir ini sudah diputuskan", "This item has been decided already")
		}
		state, removed := coaching.CertReviewKept, ""
		if action == "remove" && r.Certificate.EnterpriseID != 0 {
			state, removed = coaching.CertReviewRemoved, jsonText(r.Certificate)
			if _, err := tx.ExecContext(ctx, `DELETE FROM certificates WHERE id = $1`, r.CertificateID); err != nil {
				return bina.Wrap(err, "remove certificate")
			}
			if err := s.countCertificate(ctx, tx, &r.Certificate, -1); err != nil {
				return err
			}
			if err := s.record(ctx, tx, bina.EntityEnterprise, r.Certificate.EnterpriseID, now, a.name(), actionUpdate,
				[]bina.Change{{Field: "certificate", Before: certificateText(&r.Certificate)}}); err != nil {
				return err
			}
		} else if action == "remove" {
			state = coaching.CertReviewRemoved
		}
		_, err = tx.ExecContext(ctx, `UPDATE certificate_reviews SET state = $1, removed = $2, resolved_by = $3, resolved_at = $4 WHERE id = $5`,
			state, removed, a.name(), now, id)
		return bina.Wrap(err, "resolve certificate review")
	})
}
