package sqlstore

import (
	"bina/supervision"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"bina"
)

// seedHealthRuleSets stores the built-in rule sets as version 1 of their
// ids when absent; adopted versions are left alone.
func (s *Store) seedHealthRuleSets(ctx context.Context) error {
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, rs := range supervision.BuiltinHealthRuleSets() {
			doc, err := json.Marshal(rs)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO health_rule_sets (id, version, family, document, builtin, note, adopted_by, adopted_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id, version) DO NOTHING`,
				rs.ID, rs.Version, rs.Family, string(doc), true, rs.Note, "system", now)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// requireSupervisor returns Forbidden unless the actor is office staff or
// an administrator: assessing health and adopting rule sets is the work
// of the supervising office, not of field officers or boards.
func (a actor) requireSupervisor() error {
	if a.user == nil || a.user.Role == bina.RoleAdmin || a.user.Role == bina.RoleStaff {
		return nil
	}
	return bina.Errorf(bina.Forbidden, "Hanya pengawas dinas yang boleh melakukan penilaian kesehatan", "Only the office's supervisors may assess health")
}

func errRuleSetNotFound(id string) error {
	return bina.Errorf(bina.NotFound, "Aturan penilaian %s tidak ditemukan", "Rule set %s not found", id)
}

const ruleSetSelect = `SELECT document, builtin, adopted_by, adopted_at FROM health_rule_sets`

func scanRuleSet(sc scanner) (*supervision.HealthRuleSet, error) {
	var (
		doc     string
		builtin bool
		by      string
		at      time.Time
	)
	if err := sc.Scan(&doc, &builtin, &by, &at); err != nil {
		return nil, err
	}
	var rs supervision.HealthRuleSet
	if err := json.Unmarshal([]byte(doc), &rs); err != nil {
		return nil, fmt.Errorf("rule set document: %w", err)
	}
	at = at.UTC()
	rs.Builtin, rs.AdoptedBy, rs.AdoptedAt = builtin, by, &at
	return &rs, nil
}

// loadRuleSet reads one version of a rule set; version 0 is the newest.
func loadRuleSet(ctx context.Context, q querier, id string, version int) (*supervision.HealthRuleSet, error) {
	query, args := ruleSetSelect+` WHERE id = $1 ORDER BY version DESC LIMIT 1`, []any{id}
	if version > 0 {
		query, args = ruleSetSelect+` WHERE id = $1 AND version = $2`, []any{id, version}
	}
	rs, err := scanRuleSet(q.QueryRowContext(ctx, query, args...))
	if err == sql.ErrNoRows {
		return nil, errRuleSetNotFound(id)
	}
	return rs, bina.Wrap(err, "load rule set")
}

// ListHealthRuleSets returns every version, by id and newest version first.
func (s *Store) ListHealthRuleSets(ctx context.Context) ([]supervision.HealthRuleSet, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return nil, err
	}
	var out []supervision.HealthRuleSet
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, ruleSetSelect+` ORDER BY id DESC, version DESC`)
		if err != nil {
			return bina.Wrap(err, "list rule sets")
		}
		defer rows.Close()
		for rows.Next() {
			rs, err := scanRuleSet(rows)
			if err != nil {
				return bina.Wrap(err, "list rule sets")
			}
			out = append(out, *rs)
		}
		return bina.Wrap(rows.Err(), "list rule sets")
	})
	return out, err
}

// FindHealthRuleSet returns one version of a rule set (0: the newest).
func (s *Store) FindHealthRuleSet(ctx context.Context, id string, version int) (*supervision.HealthRuleSet, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return nil, err
	}
	var rs *supervision.HealthRuleSet
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		rs, err = loadRuleSet(ctx, tx, id, version)
		return err
	})
	return rs, err
}

// AdoptHealthRuleSet validates rs and stores it as the next version of its
// id; rs.Version and the adoption fields are set.
func (s *Store) AdoptHealthRuleSet(ctx context.Context, rs *supervision.HealthRuleSet) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if err := a.requireSupervisor(); err != nil {
		return err
	}
	if rs.Version < 1 {
		rs.Version = 1 // replaced below; lets Validate judge the rest
	}
	if err := rs.Validate(); err != nil {
		return err
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(version), 0) FROM health_rule_sets WHERE id = $1`, rs.ID).Scan(&last); err != nil {
			return bina.Wrap(err, "adopt rule set")
		}
		rs.Version, rs.Builtin, rs.AdoptedBy, rs.AdoptedAt = last+1, false, a.name(), &now
		doc, err := json.Marshal(rs)
		if err != nil {
			return bina.Wrap(err, "adopt rule set")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO health_rule_sets (id, version, family, document, builtin, note, adopted_by, adopted_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, rs.ID, rs.Version, rs.Family, string(doc), false, rs.Note, a.name(), now)
		if err != nil && s.d.isUnique(err) {
			return bina.Errorf(bina.Conflict, "Versi %d aturan %s baru saja disimpan orang lain; coba lagi", "Version %d of %s was just stored by someone else; try again", rs.Version, rs.ID)
		}
		return bina.Wrap(err, "adopt rule set")
	})
}

// healthReports reads the accepted report of a book year and the year
// before (its accepted version, else none), checking the actor's reach.
func (s *Store) healthReports(ctx context.Context, q querier, a actor, cooperativeID int64, bookYear int, lock bool) (report, prior *supervision.AnnualReport, err error) {
	if _, err := s.reportCooperative(ctx, q, a, cooperativeID, lock); err != nil {
		return nil, nil, err
	}
	if report, err = acceptedReport(ctx, q, cooperativeID, bookYear); err != nil {
		return nil, nil, err
	}
	if report == nil {
		return nil, nil, bina.Errorf(bina.Invalid, "Belum ada laporan tahunan %d yang diterima; penilaian kesehatan dihitung dari laporan yang sudah diterima", "There is no accepted %d annual report; health is assessed from an accepted report", bookYear)
	}
	prior, err = acceptedReport(ctx, q, cooperativeID, bookYear-1)
	return report, prior, err
}

// PrefillHealth returns the answers the data gives for a book year.
func (s *Store) PrefillHealth(ctx context.Context, cooperativeID int64, bookYear int, ruleSet string) (map[string]bool, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out map[string]bool
	err = s.read(ctx, func(tx *sql.Tx) error {
		rs, err := loadRuleSet(ctx, tx, ruleSet, 0)
		if err != nil {
			return err
		}
		report, prior, err := s.healthReports(ctx, tx, a, cooperativeID, bookYear, false)
		if err != nil {
			return err
		}
		out = supervision.PrefillHealth(rs, report, prior)
		return nil
	})
	return out, err
}

// AssessHealth computes the assessment of an accepted report under the
// newest version of the rule set and stores it as the book year's next
// version, keeping the RAT record's health fields in step.
func (s *Store) AssessHealth(ctx context.Context, req supervision.HealthAssessmentRequest) (*supervision.HealthAssessment, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.requireSupervisor(); err != nil {
		return nil, err
	}
	now := s.now()
	var out *supervision.HealthAssessment
	err = s.write(ctx, func(tx *sql.Tx) error {
		rs, err := loadRuleSet(ctx, tx, req.RuleSet, 0)
		if err != nil {
			return err
		}
		report, prior, err := s.healthReports(ctx, tx, a, req.CooperativeID, req.BookYear, true)
		if err != nil {
			return err
		}
		h, err := supervision.ComputeHealth(rs, report, prior, req.Input)
		if err != nil {
			return err
		}
		h.AssessedBy, h.CreatedAt = a.name(), now
		if err := s.insertAssessment(ctx, tx, h); err != nil {
			return err
		}
		out = h
		return s.syncRATHealth(ctx, tx, a, h, now)
	})
	return out, err
}

// insertAssessment stores h as the next version of its book year.
func (s *Store) insertAssessment(ctx context.Context, tx *sql.Tx, h *supervision.HealthAssessment) error {
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(version), 0) + 1 FROM health_assessments WHERE cooperative_id = $1 AND book_year = $2`,
		h.CooperativeID, h.BookYear).Scan(&h.Version); err != nil {
		return bina.Wrap(err, "assess health")
	}
	args, err := assessmentArgs(h)
	if err != nil {
		return err
	}
	err = tx.QueryRowContext(ctx, s.d.insertSQL("health_assessments", assessmentColumns, nil, 1)+` RETURNING id`, args...).Scan(&h.ID)
	if err != nil && s.d.isUnique(err) {
		return bina.Errorf(bina.Conflict, "Penilaian lain untuk tahun buku ini baru saja disimpan; coba lagi", "Another assessment of this book year was just stored; try again")
	}
	if err != nil {
		return bina.Wrap(err, "assess health")
	}
	return s.keepCoopFigures(ctx, tx, h.CooperativeID, h.BookYear)
}

// assessmentColumns are the columns an assessment is inserted with.
var assessmentColumns = []string{"cooperative_id", "book_year", "version", "report_id", "report_version", "rule_set", "rule_set_version",
	"total", "category", "answers", "document", "assessed_by", "created_at"}

// assessmentArgs are the values of assessmentColumns for h. The worksheet
// is kept without the names of aspects and components, which the rule
// set version holds (FindHealthAssessment puts them back), so that a book
// year of 150,000 assessments stays small; the answers are a column of
// their own, so that a recomputation reads only them.
func assessmentArgs(h *supervision.HealthAssessment) ([]any, error) {
	d := assessmentDoc{Inputs: h.Inputs, Aspects: make([]supervision.HealthAspectResult, len(h.Aspects)), Components: make([]supervision.HealthComponentResult, len(h.Components))}
	copy(d.Aspects, h.Aspects)
	copy(d.Components, h.Components)
	for i := range d.Aspects {
		d.Aspects[i].Name = bina.Text{}
	}
	for i := range d.Components {
		d.Components[i].Name = bina.Text{}
	}
	doc, err := json.Marshal(d)
	if err != nil {
		return nil, bina.Wrap(err, "encode assessment")
	}
	answers, err := json.Marshal(assessmentAnswers{h.Answers, h.Overrides})
	if err != nil {
		return nil, bina.Wrap(err, "encode assessment")
	}
	return []any{h.CooperativeID, h.BookYear, h.Version, h.ReportID, h.ReportVersion, h.RuleSet, h.RuleSetVersion,
		h.Total, h.Category, string(answers), string(doc), h.AssessedBy, h.CreatedAt}, nil
}

// assessmentAnswers is what the assessor brought: the answers as used and
// the corrected figures.
type assessmentAnswers struct {
	Answers   []supervision.HealthAnswer   `json:"answers"`
	Overrides []supervision.HealthOverride `json:"overrides"`
}

// nameAssessment puts back the names of aspects and components from the
// rule set version the assessment was computed under.
func nameAssessment(h *supervision.HealthAssessment, rs *supervision.HealthRuleSet) {
	names := map[string]bina.Text{}
	for _, asp := range rs.Aspects {
		names["aspect:"+asp.Code] = asp.Name
		for _, c := range asp.Components {
			names[c.Code] = c.Name
		}
	}
	for i := range h.Aspects {
		h.Aspects[i].Name = names["aspect:"+h.Aspects[i].Code]
	}
	for i := range h.Components {
		h.Components[i].Name = names[h.Components[i].Code]
	}
}

// assessmentDoc is the worksheet part of an assessment, kept as JSON.
type assessmentDoc struct {
	Inputs     map[string]float64                  `json:"inputs"`
	Aspects    []supervision.HealthAspectResult    `json:"aspects"`
	Components []supervision.HealthComponentResult `json:"components"`
}

// syncRATHealth keeps the RAT record of the book year (which the lists and
// the national report read) in step with the newest assessment.
func (s *Store) syncRATHealth(ctx context.Context, tx *sql.Tx, a actor, h *supervision.HealthAssessment, now time.Time) error {
	var before string
	var assessed bool
	err := tx.QueryRowContext(ctx, `SELECT health_assessed, health_result FROM rats WHERE cooperative_id = $1 AND book_year = $2`, h.CooperativeID, h.BookYear).Scan(&assessed, &before)
	if err != nil && err != sql.ErrNoRows {
		return bina.Wrap(err, "sync rat health")
	}
	if assessed && before == h.Category {
		return nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO rats (cooperative_id, book_year, health_assessed, health_result) VALUES ($1, $2, $3, $4)
	ON CONFLICT (cooperative_id, book_year) DO UPDATE SET health_assessed = excluded.health_assessed, health_result = excluded.health_result`,
		h.CooperativeID, h.BookYear, true, h.Category)
	if err != nil {
		return bina.Wrap(err, "sync rat health")
	}
	field := fmt.Sprintf("rat.%d.health_result", h.BookYear)
	return s.record(ctx, tx, bina.EntityCooperative, h.CooperativeID, now, a.name(), actionRAT, []bina.Change{{Field: field, Before: before, After: h.Category}})
}

const assessmentSelect = `SELECT id, cooperative_id, book_year, version, report_id, report_version, rule_set, rule_set_version,
	total, category, answers, document, assessed_by, created_at FROM health_assessments`

func scanAssessment(sc scanner, full bool) (*supervision.HealthAssessment, error) {
	var h supervision.HealthAssessment
	var doc, answers string
	err := sc.Scan(&h.ID, &h.CooperativeID, &h.BookYear, &h.Version, &h.ReportID, &h.ReportVersion, &h.RuleSet, &h.RuleSetVersion,
		&h.Total, &h.Category, &answers, &doc, &h.AssessedBy, &h.CreatedAt)
	if err != nil {
		return nil, err
	}
	h.CreatedAt = h.CreatedAt.UTC()
	if full {
		var d assessmentDoc
		var in assessmentAnswers
		if err := json.Unmarshal([]byte(doc), &d); err != nil {
			return nil, fmt.Errorf("assessment %d document: %w", h.ID, err)
		}
		if err := json.Unmarshal([]byte(answers), &in); err != nil {
			return nil, fmt.Errorf("assessment %d answers: %w", h.ID, err)
		}
		h.Inputs, h.Answers, h.Overrides, h.Aspects, h.Components = d.Inputs, in.Answers, in.Overrides, d.Aspects, d.Components
	}
	return &h, nil
}

// FindHealthAssessment returns one assessment with its worksheet.
func (s *Store) FindHealthAssessment(ctx context.Context, cooperativeID, id int64) (*supervision.HealthAssessment, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var h *supervision.HealthAssessment
	err = s.read(ctx, func(tx *sql.Tx) error {
		if _, err := s.reportCooperative(ctx, tx, a, cooperativeID, false); err != nil {
			return err
		}
		h, err = scanAssessment(tx.QueryRowContext(ctx, assessmentSelect+` WHERE id = $1 AND cooperative_id = $2`, id, cooperativeID), true)
		if err == sql.ErrNoRows {
			return notFoundf("Penilaian kesehatan tidak ditemukan", "Health assessment not found")
		}
		if err != nil {
			return bina.Wrap(err, "find assessment")
		}
		rs, err := loadRuleSet(ctx, tx, h.RuleSet, h.RuleSetVersion)
		if err != nil {
			return err
		}
		nameAssessment(h, rs)
		return nil
	})
	return h, err
}

// ListHealthAssessments returns a cooperative's assessments without their
// worksheets, newest book year and version first.
func (s *Store) ListHealthAssessments(ctx context.Context, cooperativeID int64) ([]supervision.HealthAssessment, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []supervision.HealthAssessment
	err = s.read(ctx, func(tx *sql.Tx) error {
		if _, err := s.reportCooperative(ctx, tx, a, cooperativeID, false); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, assessmentSelect+` WHERE cooperative_id = $1 ORDER BY book_year DESC, version DESC`, cooperativeID)
		if err != nil {
			return bina.Wrap(err, "list assessments")
		}
		defer rows.Close()
		for rows.Next() {
			h, err := scanAssessment(rows, false)
			if err != nil {
				return bina.Wrap(err, "list assessments")
			}
			out = append(out, *h)
		}
		return bina.Wrap(rows.Err(), "list assessments")
	})
	return out, err
}
