package sqlstore

import (
	"bina/coaching"
	"bina/indicator"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"time"

	"bina"
)

// The certificate list (coaching.CertificateService.ListCertificates): the
// certificates expiring soon, and the records behind umkm_cert_held and
// umkm_cert_obtained. Those figures are read from pembinaan_facts, whose
// rows certificateDelta makes with coaching.Certificate.Held and the issue
// year; the list says the same of the certificates' own rows with the
// conditions below, which expiringHeld shares.

// certHeldCond is coaching.Certificate.Held of the certificate on alias c.
func certHeldCond(p *params) string {
	return "(c.kind <> " + p.add(coaching.CertMerek) + " OR c.status = 'terdaftar')"
}

// certInForceConds are the conditions that the certificate on alias c is
// in force on today: held, and without an expiry or not expired yet.
func certInForceConds(p *params, today bina.Date) []string {
	return []string{certHeldCond(p), "(c.expires_on IS NULL OR c.expires_on >= " + p.add(today) + ")"}
}

// certIssuedConds are the conditions that the certificate on alias c was
// issued in year (a range, so that a date column compares as a date on
// both engines).
func certIssuedConds(p *params, year int) []string {
	return []string{"c.issued_on >= " + p.add(bina.DateOf(year, time.January, 1)), "c.issued_on < " + p.add(bina.DateOf(year+1, time.January, 1))}
}

// certToday is the date in force and expiry are judged on: today in the
// deployment's zone, as the indicators judge it.
func (s *Store) certToday() bina.Date { return bina.DateFromTime(s.now().In(s.loc())) }

// certCursor is a position in the certificate list: the expiry date and
// id in the expiring view, the id alone in the others.
type certCursor struct {
	Date string `json:"d,omitempty"`
	ID   int64  `json:"i"`
}

// decodeCertCursor reads a cursor of view.
func decodeCertCursor(s, view string) (*certCursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	cur := &certCursor{}
	if err != nil || json.Unmarshal(b, cur) != nil || cur.ID <= 0 {
		return nil, errBadCursor()
	}
	if view == coaching.CertViewExpiring {
		if _, err := bina.ParseDate(cur.Date); err != nil || cur.Date == "" {
			return nil, errBadCursor()
		}
	} else if cur.Date != "" {
		return nil, errBadCursor()
	}
	return cur, nil
}

// ListCertificates lists certificates of live enterprises in the actor's
// region by f, a page at a time.
func (s *Store) ListCertificates(ctx context.Context, f coaching.CertificateFilter) (bina.Page[coaching.Certificate], error) {
	var page bina.Page[coaching.Certificate]
	a, err := s.actorOf(ctx)
	if err != nil {
		return page, err
	}
	if f.View == "" {
		f.View = coaching.CertViewExpiring
	}
	if !coaching.CertificateViews.Has(f.View) {
		return page, invalidFilter("view", f.View)
	}
	expiring := f.View == coaching.CertViewExpiring
	if expiring && f.Before.IsZero() {
		return page, invalidField("expires_before", "Isi batas tanggal berlaku", "Give the expiry date bound")
	}
	if f.Kind != "" && !coaching.CertificateKinds.Has(f.Kind) {
		return page, invalidFilter("kind", f.Kind)
	}
	if f.IssuedYear != 0 && (f.IssuedYear < 1900 || f.IssuedYear > s.now().Year()) {
		return page, invalidField("issued_year", "Tahun terbit harus antara 1900 dan %d", "The issue year must be between 1900 and %d", s.now().Year())
	}
	cur, err := decodeCertCursor(f.Cursor, f.View)
	if err != nil {
		return page, err
	}
	if f.Region != "" && !a.scope.Contains(f.Region) && !f.Region.Contains(a.scope) {
		return page, nil // no record of another region
	}
	var p params
	today := s.certToday()
	conds := []string{"e.archived_at IS NULL"}
	switch f.View {
	case coaching.CertViewExpiring:
		conds = append(conds, "c.expires_on IS NOT NULL", "c.expires_on >= "+p.add(today), "c.expires_on <= "+p.add(f.Before))
	case coaching.CertViewInForce:
		conds = append(conds, certInForceConds(&p, today)...)
	}
	if f.IssuedYear != 0 {
		conds = append(conds, certIssuedConds(&p, f.IssuedYear)...)
	}
	conds = s.regionCond(conds, &p, "e", a.scope)
	if f.Region != a.scope {
		conds = s.regionCond(conds, &p, "e", f.Region)
	}
	if f.Kind != "" {
		conds = append(conds, "c.kind = "+p.add(f.Kind))
	}
	if f.Officer != 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM caseload cl WHERE cl.enterprise_id = c.enterprise_id AND cl.officer_id = "+p.add(f.Officer)+")")
	}
	limit := pageLimit(f.Limit)
	order := ` ORDER BY c.id DESC`
	if expiring {
		order = ` ORDER BY c.expires_on, c.id`
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		kept, ok, err := s.keptCertTotal(ctx, tx, a, f)
		if err != nil {
			return err
		}
		page.Total = kept
		if !ok {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id`+where(conds), p.args...).Scan(&page.Total); err != nil {
				return bina.Wrap(err, "count certificates")
			}
		}
		switch {
		case cur != nil && expiring:
			d, _ := bina.ParseDate(cur.Date)
			conds = append(conds, "(c.expires_on > "+p.add(d)+" OR (c.expires_on = "+p.add(d)+" AND c.id > "+p.add(cur.ID)+"))")
		case cur != nil:
			conds = append(conds, "c.id < "+p.add(cur.ID))
		}
		return eachRow(ctx, tx, "list certificates", certificateSelect+where(conds)+order+` LIMIT `+p.add(limit+1), p.args, func(sc scanner) error {
			c, err := scanCertificate(sc)
			if err == nil {
				page.Items = append(page.Items, *c)
			}
			return err
		})
	})
	if err != nil {
		return page, err
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		next := certCursor{ID: last.ID}
		if expiring {
			next.Date = last.ExpiresOn.String()
		}
		b, _ := json.Marshal(next)
		page.Next = base64.RawURLEncoding.EncodeToString(b)
	}
	return page, nil
}

// keptCertTotal returns the total of f from the kept counts the
// certificate figures read (pembinaanGroups), when f asks what a figure
// counts: in force now, or issued in a year, in a region, of a kind. It
// reports false for the other filters, which are counted from the rows.
func (s *Store) keptCertTotal(ctx context.Context, tx *sql.Tx, a actor, f coaching.CertificateFilter) (int, bool, error) {
	var code string
	switch {
	case f.Officer != 0:
		return 0, false, nil
	case f.View == coaching.CertViewInForce && f.IssuedYear == 0:
		code = "umkm_cert_held"
	case f.View == coaching.CertViewAll && f.IssuedYear != 0:
		code = "umkm_cert_obtained"
	default:
		return 0, false, nil
	}
	ind, _ := indicator.ByCode(code)
	region := a.scope
	if f.Region != "" && a.scope.Contains(f.Region) {
		region = f.Region
	}
	if region == "" {
		region = s.root
	}
	ask := indicatorAsk{ind: ind, year: f.IssuedYear, region: region}
	if f.IssuedYear == 0 {
		ask.year = s.now().Year() // in force now
	}
	ask.current = ask.year == s.now().Year()
	if f.Kind != "" {
		ask.by = "cert_kind"
	}
	groups, err := s.pembinaanGroups(ctx, tx, ask)
	return int(groups[f.Kind].n), true, err
}
