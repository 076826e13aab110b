package sqlstore

import (
	"bina/coaching"
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"bina"
)

// pembinaan_facts (migration 0025) counts the certificates and the
// financing obtained of live enterprises per region of every level, so
// that umkm_cert_held, umkm_cert_obtained and the financing figures read a
// few rows instead of joining a million certificates to their
// enterprises. Kept in the write's own transaction by the writes of
// certificates (create, update, a review's removal, a bulk of coaching
// records) and milestones, and by the moves of their enterprise (another
// desa, archive, restore: moveEnterpriseCount).

// pembinaanDelta is a change of one row of pembinaan_facts at the desa.
type pembinaanDelta struct {
	village       string
	what, key     string
	year, expires int
	held          bool
	n             int
	amount        int64
}

// certificateDelta returns the change of c entering (sign 1) or leaving
// (-1) the counts of village.
func certificateDelta(c *coaching.Certificate, village bina.RegionCode, sign int) pembinaanDelta {
	d := pembinaanDelta{village: string(village), what: "cert", key: c.Kind, n: sign,
		held: c.Held()}
	if !c.IssuedOn.IsZero() {
		d.year = c.IssuedOn.Year()
	}
	if !c.ExpiresOn.IsZero() {
		d.expires = c.ExpiresOn.Year()
	}
	return d
}

// milestoneDelta returns the change of m, when it is financing obtained.
func milestoneDelta(m *coaching.Milestone, village bina.RegionCode, sign int) (pembinaanDelta, bool) {
	if m.Kind != coaching.MilestoneFinancing {
		return pembinaanDelta{}, false
	}
	return pembinaanDelta{village: string(village), what: "financing", year: m.Date.Year(), n: sign, amount: int64(sign) * m.Amount}, true
}

// enterpriseSite returns the desa of enterprise id and whether it is live.
func (s *Store) enterpriseSite(ctx context.Context, tx *sql.Tx, id int64) (bina.RegionCode, bool, error) {
	var village string
	var archived sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT village_code, archived_at FROM enterprises WHERE id = $1`, id).Scan(&village, &archived)
	return bina.RegionCode(village), !archived.Valid, bina.Wrap(err, "find enterprise")
}

// countCertificate adds c (sign 1) or takes it away (-1), when its
// enterprise is live.
func (s *Store) countCertificate(ctx context.Context, tx *sql.Tx, c *coaching.Certificate, sign int) error {
	village, live, err := s.enterpriseSite(ctx, tx, c.EnterpriseID)
	if err != nil || !live {
		return err
	}
	return s.addPembinaan(ctx, tx, []pembinaanDelta{certificateDelta(c, village, sign)})
}

// countMilestone adds a new milestone m, when it is financing obtained of
// a live enterprise.
func (s *Store) countMilestone(ctx context.Context, tx *sql.Tx, m *coaching.Milestone) error {
	if m.Kind != coaching.MilestoneFinancing {
		return nil
	}
	village, live, err := s.enterpriseSite(ctx, tx, m.EnterpriseID)
	if err != nil || !live {
		return err
	}
	d, _ := milestoneDelta(m, village, 1)
	return s.addPembinaan(ctx, tx, []pembinaanDelta{d})
}

// countBulkPembinaan adds the certificates and milestones of a bulk of
// coaching records.
func (s *Store) countBulkPembinaan(ctx context.Context, tx *sql.Tx, certs []coaching.Certificate, ms []coaching.Milestone) error {
	sites := map[int64]bina.RegionCode{} // live enterprises only
	site := func(id int64) (bina.RegionCode, bool, error) {
		if v, ok := sites[id]; ok {
			return v, v != "", nil
		}
		v, live, err := s.enterpriseSite(ctx, tx, id)
		if !live {
			v = ""
		}
		sites[id] = v
		return v, live, err
	}
	var ds []pembinaanDelta
	for i := range certs {
		v, live, err := site(certs[i].EnterpriseID)
		if err != nil {
			return err
		}
		if live {
			ds = append(ds, certificateDelta(&certs[i], v, 1))
		}
	}
	for i := range ms {
		v, live, err := site(ms[i].EnterpriseID)
		if err != nil {
			return err
		}
		if d, ok := milestoneDelta(&ms[i], v, 1); ok && live {
			ds = append(ds, d)
		}
	}
	return s.addPembinaan(ctx, tx, ds)
}

// movePembinaan moves the certificates and financing of enterprise id
// from the desa of old to that of cur, when the desa or the live state
// changed: an archived enterprise's leave the counts, a restored one's
// come back.
func (s *Store) movePembinaan(ctx context.Context, tx *sql.Tx, old, cur *bina.Enterprise) error {
	oldLive, curLive := old.ArchivedAt == nil, cur.ArchivedAt == nil
	if old.VillageCode == cur.VillageCode && oldLive == curLive {
		return nil
	}
	ds, err := s.enterprisePembinaan(ctx, tx, old.ID)
	if err != nil {
		return err
	}
	var out []pembinaanDelta
	for _, d := range ds {
		if oldLive {
			x := d
			x.village, x.n, x.amount = string(old.VillageCode), -d.n, -d.amount
			out = append(out, x)
		}
		if curLive {
			d.village = string(cur.VillageCode)
			out = append(out, d)
		}
	}
	return s.addPembinaan(ctx, tx, out)
}

// enterprisePembinaan returns the certificates and financing milestones
// of enterprise id, as deltas of one at no desa.
func (s *Store) enterprisePembinaan(ctx context.Context, tx *sql.Tx, id int64) ([]pembinaanDelta, error) {
	var out []pembinaanDelta
	rows, err := tx.QueryContext(ctx, `SELECT kind, issued_on, expires_on, status FROM certificates WHERE enterprise_id = $1`, id)
	if err != nil {
		return nil, bina.Wrap(err, "count certificates")
	}
	for rows.Next() {
		var c coaching.Certificate
		if err := rows.Scan(&c.Kind, &c.IssuedOn, &c.ExpiresOn, &c.Status); err != nil {
			rows.Close()
			return nil, bina.Wrap(err, "count certificates")
		}
		out = append(out, certificateDelta(&c, "", 1))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, bina.Wrap(err, "count certificates")
	}
	rows, err = tx.QueryContext(ctx, `SELECT date, amount FROM milestones WHERE enterprise_id = $1 AND kind = $2`, id, coaching.MilestoneFinancing)
	if err != nil {
		return nil, bina.Wrap(err, "count financing")
	}
	defer rows.Close()
	for rows.Next() {
		m := coaching.Milestone{Kind: coaching.MilestoneFinancing}
		if err := rows.Scan(&m.Date, &m.Amount); err != nil {
			return nil, bina.Wrap(err, "count financing")
		}
		d, _ := milestoneDelta(&m, "", 1)
		out = append(out, d)
	}
	return out, bina.Wrap(rows.Err(), "count financing")
}

// addPembinaan applies deltas to pembinaan_facts at every level from the
// deployment's down to the desa, merged by row, in key order.
func (s *Store) addPembinaan(ctx context.Context, tx *sql.Tx, ds []pembinaanDelta) error {
	type rowKey struct {
		region        bina.RegionCode
		what, key     string
		year, expires int
		held          bool
	}
	rows := map[rowKey]*pembinaanDelta{}
	var keys []rowKey
	for _, d := range ds {
		for l := s.root.Level(); l <= bina.LevelVillage; l++ {
			k := rowKey{bina.RegionCode(d.village).Truncate(l), d.what, d.key, d.year, d.expires, d.held}
			if r := rows[k]; r != nil {
				r.n += d.n
				r.amount += d.amount
				continue
			}
			x := d
			rows[k] = &x
			keys = append(keys, k)
		}
	}
	keys = slices.DeleteFunc(keys, func(k rowKey) bool { return rows[k].n == 0 && rows[k].amount == 0 })
	slices.SortFunc(keys, func(a, b rowKey) int {
		return cmp.Or(strings.Compare(string(a.region), string(b.region)), strings.Compare(a.what, b.what), strings.Compare(a.key, b.key),
			cmp.Compare(a.year, b.year), cmp.Compare(a.expires, b.expires), cmp.Compare(b2int(a.held), b2int(b.held)))
	})
	for start := 0; start < len(keys); start += 1000 {
		batch := keys[start:min(start+1000, len(keys))]
		var p params
		vals := make([]string, len(batch))
		for i, k := range batch {
			row := []any{string(k.region), int(k.region.Level()), k.what, k.key, k.year, k.expires, b2int(k.held), rows[k].n, rows[k].amount}
			if s.d.numberedInsert {
				vals[i] = "(" + p.list(row...) + ")"
			} else {
				// Plain "?" on SQLite: see dialect.numberedInsert.
				p.args = append(p.args, row...)
				vals[i] = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO pembinaan_facts (region_code, level, what, key, year, expires_year, held, n, amount) VALUES `+strings.Join(vals, ", ")+`
ON CONFLICT (region_code, what, key, year, expires_year, held) DO UPDATE SET n = pembinaan_facts.n + excluded.n, amount = pembinaan_facts.amount + excluded.amount`, p.args...)
		if err != nil {
			return bina.Wrap(err, "update pembinaan counts")
		}
	}
	return nil
}

func b2int(b bool) int {
	if b {
		return 1
	}
	return 0
}

// rebuildPembinaan counts pembinaan_facts again from the certificates and
// milestones of live enterprises.
func (s *Store) rebuildPembinaan(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM pembinaan_facts`); err != nil {
		return bina.Wrap(err, "rebuild pembinaan counts")
	}
	var ds []pembinaanDelta
	for _, q := range []string{
		`SELECT c.kind, c.issued_on, c.expires_on, c.status, 0, e.village_code FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id WHERE e.archived_at IS NULL`,
		`SELECT '', m.date, NULL, '', m.amount, e.village_code FROM milestones m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.archived_at IS NULL AND m.kind = 'financing_obtained'`,
	} {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return bina.Wrap(err, "rebuild pembinaan counts")
		}
		for rows.Next() {
			var c coaching.Certificate
			var amount int64
			var village string
			if err := rows.Scan(&c.Kind, &c.IssuedOn, &c.ExpiresOn, &c.Status, &amount, &village); err != nil {
				rows.Close()
				return bina.Wrap(err, "rebuild pembinaan counts")
			}
			if c.Kind == "" {
				d, _ := milestoneDelta(&coaching.Milestone{Kind: coaching.MilestoneFinancing, Date: c.IssuedOn, Amount: amount}, bina.RegionCode(village), 1)
				ds = append(ds, d)
			} else {
				ds = append(ds, certificateDelta(&c, bina.RegionCode(village), 1))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return bina.Wrap(err, "rebuild pembinaan counts")
		}
	}
	return s.addPembinaan(ctx, tx, ds)
}

// pembinaanGroups counts the certificate and financing figures of ask
// from pembinaan_facts, per key of its breakdown. Certificates held that
// expire in the current year are counted from their rows, to the day.
func (s *Store) pembinaanGroups(ctx context.Context, tx *sql.Tx, ask indicatorAsk) (map[string]tally, error) {
	var p params
	code := ask.ind.Code
	conds, col := s.factRegionConds(&p, ask.region, ask.by == "region"), "''"
	switch ask.by {
	case "region":
		col = "region_code"
	case "cert_kind":
		col = "key"
	}
	n := "n"
	switch code {
	case "umkm_cert_held":
		y := p.add(s.now().In(s.loc()).Year())
		conds = append(conds, "what = 'cert'", "held = 1", "(expires_year = 0 OR expires_year > "+y+")")
	case "umkm_cert_obtained":
		conds = append(conds, "what = 'cert'", "year = "+p.add(ask.year))
	case "umkm_financing_count", "umkm_financing_amount":
		conds = append(conds, "what = 'financing'", "year = "+p.add(ask.year))
		if code == "umkm_financing_amount" {
			n = "amount"
		}
	}
	out := map[string]tally{}
	queries := []string{`SELECT ` + col + `, CAST(COALESCE(sum(` + n + `), 0) AS BIGINT), 0 FROM pembinaan_facts` + where(conds) + groupBy(col)}
	args := [][]any{p.args}
	if code == "umkm_cert_held" {
		q, a := s.expiringHeld(ask)
		queries, args = append(queries, q), append(args, a)
	}
	for i, q := range queries {
		rows, err := tx.QueryContext(ctx, q, args[i]...)
		if err != nil {
			return nil, bina.Wrap(err, "count indicator "+code)
		}
		for rows.Next() {
			var key string
			var t tally
			if err := rows.Scan(&key, &t.n, &t.part); err != nil {
				rows.Close()
				return nil, bina.Wrap(err, "count indicator "+code)
			}
			x := out[key]
			x.n += t.n
			out[key] = x
			if ask.by != "" {
				total := out[""]
				total.n += t.n
				out[""] = total
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, bina.Wrap(err, "count indicator "+code)
		}
	}
	return out, nil
}

// expiringHeld returns the query of the certificates held that expire
// this year, from today on: of live enterprises in the region, through
// the certificates' expiry index.
func (s *Store) expiringHeld(ask indicatorAsk) (string, []any) {
	var p params
	now := s.now().In(s.loc())
	// In force (certInForceConds) and expiring from today within the year,
	// bounded on both sides so that the expiry index answers it.
	conds := []string{"c.expires_on >= " + p.add(s.certToday()), "c.expires_on < " + p.add(bina.DateOf(now.Year()+1, time.January, 1)),
		certHeldCond(&p), "e.archived_at IS NULL"}
	conds = s.regionCond(conds, &p, "e", ask.region)
	col := "''"
	switch ask.by {
	case "region":
		// The child's code is the desa code cut to its length.
		col = "substr(e.village_code, 1, " + p.add([...]int{2, 5, 8, 13, 13}[ask.region.Level()]) + ")"
	case "cert_kind":
		col = "c.kind"
	}
	return `SELECT ` + col + `, count(*), 0 FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id` + where(conds) + groupBy(col), p.args
}
