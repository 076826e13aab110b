package sqlstore

import (
	"bina/coaching"
	"context"
	"database/sql"
	"strconv"
	"time"

	"bina"
)

// Outcome milestones of enterprises (coaching.MilestoneService). A milestone is
// recorded once and never changed: a correction is a new milestone. Its
// uuid, made by the client, is unique, so a record sent again is found
// rather than stored twice.

// The digital channels of a milestone as a bit set; the bits are stored.
const (
	observedSocial = 1 << iota
	observedMarketplace
	observedQRIS
	observedWebsite
)

func observedBits(d coaching.DigitalObserved) int {
	n := 0
	for _, f := range []struct {
		on  bool
		bit int
	}{{d.Social, observedSocial}, {d.Marketplace, observedMarketplace}, {d.QRIS, observedQRIS}, {d.Website, observedWebsite}} {
		if f.on {
			n |= f.bit
		}
	}
	return n
}

func observedFromBits(n int) coaching.DigitalObserved {
	return coaching.DigitalObserved{Social: n&observedSocial != 0, Marketplace: n&observedMarketplace != 0, QRIS: n&observedQRIS != 0, Website: n&observedWebsite != 0}
}

const milestoneSelect = `SELECT m.id, m.uuid, m.enterprise_id, m.kind, m.date, m.amount, m.amount_before, m.jobs, m.financing_source, m.bank, m.market,
	m.digital, m.baseline, m.certificate_id, m.programme_id, m.recorded_by, m.owner_confirmed, m.notes, m.created_at
FROM milestones m`

func scanMilestone(sc scanner) (*coaching.Milestone, error) {
	var (
		m          coaching.Milestone
		digital    int
		cert, prog sql.NullInt64
	)
	err := sc.Scan(&m.ID, &m.UUID, &m.EnterpriseID, &m.Kind, &m.Date, &m.Amount, &m.AmountBefore, &m.Jobs, &m.FinancingSource, &m.Bank, &m.Market,
		&digital, &m.Baseline, &cert, &prog, &m.RecordedBy, &m.OwnerConfirmed, &m.Notes, &m.CreatedAt)
	if err != nil {
		return nil, err
	}
	m.Digital, m.CertificateID, m.ProgrammeID, m.CreatedAt = observedFromBits(digital), nullID64(cert), nullID64(prog), m.CreatedAt.UTC()
	return &m, nil
}

// Milestones returns the milestones of one enterprise, newest first.
func (s *Store) Milestones(ctx context.Context, enterpriseID int64) ([]coaching.Milestone, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []coaching.Milestone
	err = s.read(ctx, func(tx *sql.Tx) error {
		if _, _, err := s.enterpriseOf(ctx, tx, a, enterpriseID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, milestoneSelect+` WHERE m.enterprise_id = $1 ORDER BY m.date DESC, m.id DESC`, enterpriseID)
		if err != nil {
			return bina.Wrap(err, "list milestones")
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMilestone(rows)
			if err != nil {
				return bina.Wrap(err, "list milestones")
			}
			out = append(out, *m)
		}
		return bina.Wrap(rows.Err(), "list milestones")
	})
	return out, err
}

// RecordMilestone stores m, or answers the milestone stored under its uuid.
func (s *Store) RecordMilestone(ctx context.Context, m *coaching.Milestone) (bool, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return false, err
	}
	if err := a.requireEdit(); err != nil {
		return false, err
	}
	m.Normalize()
	if err := m.Validate(s.now()); err != nil {
		return false, err
	}
	now := s.now()
	x := *m
	x.RecordedBy, x.CreatedAt = a.name(), now
	created := false
	err = s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.writableEnterprise(ctx, tx, a, x.EnterpriseID); err != nil {
			return err
		}
		if x.CertificateID != nil {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM certificates WHERE id = $1 AND enterprise_id = $2`, *x.CertificateID, x.EnterpriseID).Scan(&n); err != nil {
				return bina.Wrap(err, "find certificate")
			}
			if n == 0 {
				return invalidField("certificate_id", "Sertifikat ini bukan milik usaha ini", "This certificate is not one of this enterprise's")
			}
		}
		// ON CONFLICT DO NOTHING: a uuid stored meanwhile by another
		// request is found below rather than failing this one.
		res, err := s.insertMilestone(ctx, tx, &x, now)
		if err != nil {
			return bina.Wrap(err, "insert milestone")
		}
		n, _ := res.RowsAffected()
		stored, err := scanMilestone(tx.QueryRowContext(ctx, milestoneSelect+` WHERE m.uuid = $1`, x.UUID))
		if err != nil {
			return bina.Wrap(err, "read milestone")
		}
		if stored.EnterpriseID != x.EnterpriseID {
			return bina.Errorf(bina.Conflict, "uuid ini sudah dipakai untuk capaian usaha lain", "This uuid is already used by a milestone of another enterprise")
		}
		x, created = *stored, n == 1
		if !created {
			return nil
		}
		if err := s.countMilestone(ctx, tx, &x); err != nil {
			return err
		}
		after := coaching.MilestoneKinds.Label(x.Kind, "id") + " " + x.Date.String()
		if x.Amount != 0 {
			after += " Rp" + strconv.FormatInt(x.Amount, 10)
		}
		return s.record(ctx, tx, bina.EntityEnterprise, x.EnterpriseID, now, a.name(), actionCreate, []bina.Change{{Field: "milestone", After: after}})
	})
	if err != nil {
		return false, err
	}
	*m = x
	return created, nil
}

// maxOutcomeIDs bounds the enterprises of one outcome query.
const maxOutcomeIDs = 50000

// OutcomesAround adds up the milestones of enterpriseIDs before and on or
// after from, per kind, a thousand enterprises per statement; enterprises
// outside the actor's region are left out by the join.
func (s *Store) OutcomesAround(ctx context.Context, enterpriseIDs []int64, from bina.Date) (coaching.Outcomes, error) {
	out := coaching.Outcomes{From: from}
	a, err := s.actorOf(ctx)
	if err != nil {
		return out, err
	}
	if len(enterpriseIDs) > maxOutcomeIDs {
		return out, invalidField("enterprise_ids", "Paling banyak %d usaha", "At most %d enterprises", maxOutcomeIDs)
	}
	if from.IsZero() {
		return out, invalidField("from", "Isi tanggal mulai", "Give the start date")
	}
	before, after := map[string]*coaching.Outcome{}, map[string]*coaching.Outcome{}
	for _, k := range coaching.MilestoneKinds {
		out.Before = append(out.Before, coaching.Outcome{Kind: k.Code})
		out.After = append(out.After, coaching.Outcome{Kind: k.Code})
	}
	for i := range out.Before {
		before[out.Before[i].Kind], after[out.After[i].Kind] = &out.Before[i], &out.After[i]
	}
	if len(enterpriseIDs) == 0 {
		return out, nil
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		var p params
		ids := make([]any, len(enterpriseIDs))
		for i, id := range enterpriseIDs {
			ids[i] = id
		}
		// Chunks keep the statement under both engines' parameter limits.
		for start := 0; start < len(ids); start += 1000 {
			p = params{}
			fromPH := p.add(from)
			conds := []string{"m.enterprise_id IN (" + p.list(ids[start:min(start+1000, len(ids))]...) + ")"}
			conds = s.regionCond(conds, &p, "e", a.scope)
			rows, err := tx.QueryContext(ctx, `SELECT m.kind, CASE WHEN m.date < `+fromPH+` THEN 0 ELSE 1 END, count(*), count(DISTINCT m.enterprise_id), CAST(COALESCE(sum(m.amount - m.amount_before), 0) AS BIGINT), CAST(COALESCE(sum(m.jobs), 0) AS BIGINT)
FROM milestones m JOIN enterprises e ON e.id = m.enterprise_id`+where(conds)+` GROUP BY 1, 2`, p.args...)
			if err != nil {
				return bina.Wrap(err, "outcomes")
			}
			for rows.Next() {
				var kind string
				var side int
				var o coaching.Outcome
				if err := rows.Scan(&kind, &side, &o.Milestones, &o.Enterprises, &o.Amount, &o.Jobs); err != nil {
					rows.Close()
					return bina.Wrap(err, "outcomes")
				}
				t := before[kind]
				if side == 1 {
					t = after[kind]
				}
				if t != nil {
					t.Milestones, t.Enterprises, t.Amount, t.Jobs = t.Milestones+o.Milestones, t.Enterprises+o.Enterprises, t.Amount+o.Amount, t.Jobs+o.Jobs
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return bina.Wrap(err, "outcomes")
			}
		}
		return nil
	})
	return out, err
}

// milestoneColumns are the columns milestoneValues gives.
var milestoneColumns = []string{"uuid", "enterprise_id", "kind", "date", "amount", "amount_before", "jobs", "financing_source", "bank", "market",
	"digital", "baseline", "certificate_id", "programme_id", "recorded_by", "owner_confirmed", "notes", "created_at"}

func milestoneValues(dst []any, x *coaching.Milestone, now time.Time) []any {
	return append(dst, x.UUID, x.EnterpriseID, x.Kind, x.Date, x.Amount, x.AmountBefore, x.Jobs, x.FinancingSource, x.Bank, x.Market,
		observedBits(x.Digital), x.Baseline, idArg(x.CertificateID), idArg(x.ProgrammeID), x.RecordedBy, x.OwnerConfirmed, x.Notes, now)
}

// insertMilestone writes one milestone row unless its uuid is stored.
func (s *Store) insertMilestone(ctx context.Context, tx *sql.Tx, x *coaching.Milestone, now time.Time) (sql.Result, error) {
	return tx.ExecContext(ctx, s.d.insertSQL("milestones", milestoneColumns, nil, 1)+" ON CONFLICT (uuid) DO NOTHING", milestoneValues(nil, x, now)...)
}
