package sqlstore

import (
	"bina/supervision"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"bina"
)

// healthPage is how many cooperatives a book year's recomputation reads
// and writes at a time: one query per page for each of the reports, the
// prior reports and the last assessments, and multi-row inserts.
const healthPage = 500

// ReassessHealthYear computes again, under the newest version of ruleSet,
// the assessment of every cooperative in the actor's region that has an
// accepted report for bookYear, each stored as its book year's next
// version with the answers of its last assessment (none: the data's). It
// returns how many were stored. One transaction: all or nothing.
func (s *Store) ReassessHealthYear(ctx context.Context, bookYear int, ruleSet string) (int, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return 0, err
	}
	if err := a.requireSupervisor(); err != nil {
		return 0, err
	}
	now := s.now()
	stored := 0
	err = s.write(ctx, func(tx *sql.Tx) error {
		rs, err := loadRuleSet(ctx, tx, ruleSet, 0)
		if err != nil {
			return err
		}
		after := int64(0)
		for {
			reports, err := s.yearReports(ctx, tx, a, bookYear, after)
			if err != nil {
				return err
			}
			if len(reports) == 0 {
				return refreshCoopHealth(ctx, tx, bookYear)
			}
			after = reports[len(reports)-1].CooperativeID
			ids := make([]any, len(reports))
			for i, r := range reports {
				ids[i] = r.CooperativeID
			}
			priors, err := reportsByCooperative(ctx, tx, bookYear-1, ids)
			if err != nil {
				return err
			}
			last, err := lastAssessments(ctx, tx, bookYear, ids)
			if err != nil {
				return err
			}
			batch, err := computeYear(rs, reports, priors, last)
			if err != nil {
				return err
			}
			for _, h := range batch {
				h.AssessedBy, h.CreatedAt = a.name(), now
			}
			if err := s.insertAssessments(ctx, tx, batch); err != nil {
				return err
			}
			if err := s.syncRATHealthBatch(ctx, tx, a, batch, last, now); err != nil {
				return err
			}
			stored += len(batch)
		}
	})
	return stored, err
}

// computeYear computes a page of assessments on every core: the
// computation is pure and the rule set is only read.
func computeYear(rs *supervision.HealthRuleSet, reports []*supervision.AnnualReport, priors map[int64]*supervision.AnnualReport, last map[int64]lastAssessment) ([]*supervision.HealthAssessment, error) {
	out := make([]*supervision.HealthAssessment, len(reports))
	errs := make([]error, len(reports))
	workers := min(runtime.GOMAXPROCS(0), len(reports))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(reports); i += workers {
				r, prior, prev := reports[i], priors[reports[i].CooperativeID], last[reports[i].CooperativeID]
				if rs.Fits(r) != nil {
					continue // another regime's cooperative (a syariah one, a general report)
				}
				in := kept(rs, prev, nil)
				h, err := supervision.ComputeHealth(rs, r, prior, in)
				if bina.ErrorCode(err) == bina.Invalid && len(in.Answers) > 0 {
					// The data now answers a question otherwise than the
					// assessor did: keep the assessor's answer, noted.
					h, err = supervision.ComputeHealth(rs, r, prior, kept(rs, prev, supervision.PrefillHealth(rs, r, prior)))
				}
				if err == nil {
					h.Version = prev.version + 1
				}
				out[i], errs[i] = h, err
			}
		}()
	}
	wg.Wait()
	return slices.DeleteFunc(out, func(h *supervision.HealthAssessment) bool { return h == nil }), errors.Join(errs...)
}

// lastAssessment is what a recomputation keeps of the newest assessment.
type lastAssessment struct {
	version  int
	category string
	doc      assessmentAnswers
}

// kept is the input of a recomputation: the last assessment's answers
// and overrides. Given the data's answers (pre), an answer that differs
// from them keeps the assessor's choice with a note saying so.
func kept(rs *supervision.HealthRuleSet, prev lastAssessment, pre map[string]bool) supervision.HealthInput {
	in := supervision.HealthInput{Answers: map[string]bool{}, Notes: map[string]string{}, Overrides: prev.doc.Overrides}
	known := make(map[string]bool, len(rs.Questions))
	for _, q := range rs.Questions {
		known[q.Code] = true
	}
	for _, ans := range prev.doc.Answers {
		if !known[ans.Code] {
			continue
		}
		in.Answers[ans.Code] = ans.Value
		note := ans.Note
		if v, ok := pre[ans.Code]; ok && v != ans.Value && note == "" {
			note = "jawaban penilaian sebelumnya dipertahankan pada penghitungan ulang"
		}
		if note != "" {
			in.Notes[ans.Code] = note
		}
	}
	return in
}

// yearReports reads a page of accepted reports of a book year (the newest
// accepted version of each), by cooperative id after after, inside the
// actor's region.
func (s *Store) yearReports(ctx context.Context, q querier, a actor, year int, after int64) ([]*supervision.AnnualReport, error) {
	var p params
	conds := []string{"r.book_year = " + p.add(year), "r.state = 'accepted'", "r.cooperative_id > " + p.add(after),
		"c.archived_at IS NULL",
		"r.version = (SELECT max(x.version) FROM annual_reports x WHERE x.cooperative_id = r.cooperative_id AND x.book_year = r.book_year AND x.state = 'accepted')"}
	conds = s.regionCond(conds, &p, "c", a.scope)
	cols := strings.Split(reportColumns, ",")
	for i, c := range cols {
		cols[i] = "r." + strings.TrimSpace(c)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM annual_reports r JOIN cooperatives c ON c.id = r.cooperative_id
WHERE `+strings.Join(conds, " AND ")+` ORDER BY r.cooperative_id LIMIT `+itoa(healthPage), p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "read year reports")
	}
	defer rows.Close()
	var out []*supervision.AnnualReport
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, bina.Wrap(err, "read year reports")
		}
		out = append(out, r)
	}
	return out, bina.Wrap(rows.Err(), "read year reports")
}

// reportsByCooperative reads the newest accepted report of a book year of
// each cooperative in ids.
func reportsByCooperative(ctx context.Context, q querier, year int, ids []any) (map[int64]*supervision.AnnualReport, error) {
	var p params
	yp := p.add(year)
	rows, err := q.QueryContext(ctx, `SELECT `+reportColumns+` FROM annual_reports WHERE book_year = `+yp+` AND state = 'accepted'
	AND cooperative_id IN (`+p.list(ids...)+`) ORDER BY cooperative_id, version`, p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "read prior reports")
	}
	defer rows.Close()
	out := map[int64]*supervision.AnnualReport{}
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, bina.Wrap(err, "read prior reports")
		}
		out[r.CooperativeID] = r // the newest version comes last
	}
	return out, bina.Wrap(rows.Err(), "read prior reports")
}

// lastAssessments reads the newest assessment of a book year of each
// cooperative in ids.
func lastAssessments(ctx context.Context, q querier, year int, ids []any) (map[int64]lastAssessment, error) {
	var p params
	yp := p.add(year)
	in := p.list(ids...)
	rows, err := q.QueryContext(ctx, `SELECT h.cooperative_id, h.version, h.category, h.answers FROM health_assessments h
JOIN (SELECT cooperative_id, max(version) AS version FROM health_assessments WHERE book_year = `+yp+` AND cooperative_id IN (`+in+`)
	GROUP BY cooperative_id) m ON m.cooperative_id = h.cooperative_id AND m.version = h.version
WHERE h.book_year = `+yp, p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "read last assessments")
	}
	defer rows.Close()
	out := map[int64]lastAssessment{}
	for rows.Next() {
		var (
			id  int64
			l   lastAssessment
			doc string
		)
		if err := rows.Scan(&id, &l.version, &l.category, &doc); err != nil {
			return nil, bina.Wrap(err, "read last assessments")
		}
		if err := json.Unmarshal([]byte(doc), &l.doc); err != nil {
			return nil, bina.Wrap(err, "read last assessments")
		}
		out[id] = l
	}
	return out, bina.Wrap(rows.Err(), "read last assessments")
}

// insertAssessments stores a batch of assessments with multi-row inserts.
func (s *Store) insertAssessments(ctx context.Context, tx *sql.Tx, hs []*supervision.HealthAssessment) error {
	const rowsPer = 200 // 13 values a row, well under every engine's limit
	for start := 0; start < len(hs); start += rowsPer {
		part := hs[start:min(start+rowsPer, len(hs))]
		args := make([]any, 0, len(part)*len(assessmentColumns))
		for _, h := range part {
			row, err := assessmentArgs(h)
			if err != nil {
				return err
			}
			args = append(args, row...)
		}
		if _, err := tx.ExecContext(ctx, s.d.insertSQL("health_assessments", assessmentColumns, nil, len(part)), args...); err != nil {
			if s.d.isUnique(err) {
				return bina.Errorf(bina.Conflict, "Penilaian lain baru saja disimpan; ulangi penghitungan", "Another assessment was just stored; run the recomputation again")
			}
			return bina.Wrap(err, "store assessments")
		}
	}
	return nil
}

// syncRATHealthBatch keeps the RAT records of a batch in step, recording
// a change of category in the history.
func (s *Store) syncRATHealthBatch(ctx context.Context, tx *sql.Tx, a actor, hs []*supervision.HealthAssessment, last map[int64]lastAssessment, now time.Time) error {
	const rowsPer = 200
	cols := []string{"cooperative_id", "book_year", "health_assessed", "health_result"}
	for start := 0; start < len(hs); start += rowsPer {
		part := hs[start:min(start+rowsPer, len(hs))]
		args := make([]any, 0, len(part)*len(cols))
		for _, h := range part {
			args = append(args, h.CooperativeID, h.BookYear, true, h.Category)
		}
		_, err := tx.ExecContext(ctx, s.d.insertSQL("rats", cols, nil, len(part))+
			` ON CONFLICT (cooperative_id, book_year) DO UPDATE SET health_assessed = excluded.health_assessed, health_result = excluded.health_result`, args...)
		if err != nil {
			return bina.Wrap(err, "sync rat health")
		}
	}
	for _, h := range hs {
		if before := last[h.CooperativeID].category; before != h.Category {
			field := "rat." + itoa(h.BookYear) + ".health_result"
			if err := s.record(ctx, tx, bina.EntityCooperative, h.CooperativeID, now, a.name(), actionRAT, []bina.Change{{Field: field, Before: before, After: h.Category}}); err != nil {
				return err
			}
		}
	}
	return nil
}
