package supervision

import (
	"bina"
	"context"
	"time"
)

// HealthRuleSet is one version of a health-assessment regime (KOPERASI.md
// sections B and C) held entirely as data: the aggregates its ratios are
// made of, the band tables, the questionnaire, the weights, the category
// thresholds and the parameters where the sources disagree. A supervisor
// adopts a corrected table as a new version without a new release; an
// assessment keeps the id and version it was computed under and is never
// recomputed under another.
type HealthRuleSet struct {
	ID      string    `json:"id"` // e.g. PERDEP-06-2016
	Version int       `json:"version"`
	Family  string    `json:"family"` // ReportPolas: konvensional or syariah
	Name    bina.Text `json:"name"`
	Source  string    `json:"source"` // the instrument, as it is cited
	// Jenises are the report kinds the rule set assesses (ReportJenises).
	Jenises []string `json:"jenises"`
	// Scoring is how nilai becomes skor and skor a total (HealthScorings).
	Scoring string `json:"scoring"`
	// SkorBase and SkorMax serve the "aspek" scoring: skor = SkorBase −
	// nilai, an aspect's percentage = Σ skor / (indicators × SkorMax) × 100.
	SkorBase   float64               `json:"skor_base,omitempty"`
	SkorMax    float64               `json:"skor_max,omitempty"`
	Parameters []HealthParameter     `json:"parameters"`
	Aggregates []HealthAggregate     `json:"aggregates"`
	Aspects    []HealthAspect        `json:"aspects"`
	Groups     []HealthQuestionGroup `json:"groups"`
	Questions  []HealthQuestion      `json:"questions"`
	Categories []HealthCategory      `json:"categories"`
	Note       string                `json:"note,omitempty"`
	AdoptedBy  string                `json:"adopted_by,omitempty"`
	AdoptedAt  *time.Time            `json:"adopted_at,omitempty"`
	Builtin    bool                  `json:"builtin,omitempty"`
}

// HealthScorings are the ways a rule set turns nilai into a total.
var HealthScorings = bina.Options{
	// bobot (Perdep 06/2016): skor = nilai × bobot / 100, total = Σ skor.
	{Code: "bobot", ID: "Nilai × bobot komponen", EN: "Value × component weight"},
	// aspek (Juknis 15/2021): nilai 1–4, skor = 5 − nilai, aspect % =
	// Σ skor / (n × 4) × 100, total = Σ aspect % × aspect weight.
	{Code: "aspek", ID: "Persentase aspek × bobot aspek", EN: "Aspect percentage × aspect weight"},
}

// HealthComponentKinds are how a component gets its ratio.
var HealthComponentKinds = bina.Options{
	{Code: "rasio", ID: "Rasio dari laporan", EN: "Ratio from the report"},
	{Code: "kuesioner", ID: "Kuesioner (jawaban penilai)", EN: "Questionnaire (assessor's answers)"},
}

// HealthParameter is a choice where the sources disagree (KOPERASI.md
// B.11 and the [verify] points of C): aggregate terms, band tables and
// categories name the parameter value under which they apply.
type HealthParameter struct {
	Code    string    `json:"code"`
	Label   bina.Text `json:"label"`
	Options []string  `json:"options"`
	Value   string    `json:"value"`
	Verify  bool      `json:"verify,omitempty"` // marked [verify] in KOPERASI.md
}

// HealthAggregate is a named sum of report lines and other aggregates
// (KOPERASI.md A.4, A.9): Σ factor × source over the terms that apply.
type HealthAggregate struct {
	Code  string       `json:"code"`
	Label bina.Text    `json:"label"`
	Terms []HealthTerm `json:"terms"`
	// Fallback, when set, is read instead when a term's figure is not at
	// hand (no prior report): the schedule line that reports it.
	Fallback string `json:"fallback,omitempty"`
}

// HealthTerm is one term of an aggregate. Source is "section.code" with
// section neraca, phu, kolektibilitas, schedules, members or shu (the SHU
// distribution's nominal per pos), "rat.diadakan" (1 when the RAT was
// held), "agg.code" for another aggregate; a "prior." prefix reads the
// previous book year's report. When, "parameter=value", limits the term to
// one choice of a parameter.
type HealthTerm struct {
	Source string  `json:"source"`
	Factor float64 `json:"factor"`
	When   string  `json:"when,omitempty"`
}

// HealthAspect is an aspect with its weight and components.
type HealthAspect struct {
	Code       string            `json:"code"`
	Name       bina.Text         `json:"name"`
	Bobot      float64           `json:"bobot"`
	Components []HealthComponent `json:"components"`
}

// HealthComponent is a component (Perdep) or indicator (Juknis). A ratio
// component divides two aggregates (× 100); a questionnaire component
// takes the share of Ya answers of its question group. Its nilai comes
// from the first table whose When holds.
type HealthComponent struct {
	Code        string            `json:"code"` // "1a"
	Name        bina.Text         `json:"name"`
	Kind        string            `json:"kind"` // HealthComponentKinds
	Numerator   string            `json:"numerator,omitempty"`
	Denominator string            `json:"denominator,omitempty"`
	Group       string            `json:"group,omitempty"`
	Bobot       float64           `json:"bobot,omitempty"`
	Tables      []HealthBandTable `json:"tables,omitempty"`
	// ZeroDenominator is the nilai when the denominator is zero: the ratio
	// "tidak dapat dihitung" and the rule set says what it is worth.
	ZeroDenominator *HealthFallback `json:"zero_denominator,omitempty"`
}

// HealthFallback is what a component is worth when it cannot be computed.
type HealthFallback struct {
	Nilai  float64 `json:"nilai"`
	Verify bool    `json:"verify,omitempty"`
}

// HealthBandTable maps a ratio to a nilai, either by bands or, when Linear
// is set, by clamp(intercept + slope × ratio). Bands run from low to high
// and must cover every ratio without gap or overlap unless AllowGaps says
// the printed table has gaps (a ratio in a gap is then "di luar tabel").
type HealthBandTable struct {
	When      string        `json:"when,omitempty"`
	Linear    *HealthLinear `json:"linear,omitempty"`
	Bands     []HealthBand  `json:"bands,omitempty"`
	AllowGaps bool          `json:"allow_gaps,omitempty"`
}

// HealthLinear is a continuous nilai: each 1 % of the ratio adds Slope.
type HealthLinear struct {
	Intercept float64 `json:"intercept"`
	Slope     float64 `json:"slope"`
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
}

// HealthBand is one row of a band table; a nil bound is unbounded.
type HealthBand struct {
	Lower          *float64 `json:"lower"`
	LowerInclusive bool     `json:"lower_inclusive"`
	Upper          *float64 `json:"upper"`
	UpperInclusive bool     `json:"upper_inclusive"`
	Nilai          float64  `json:"nilai"`
}

// HealthQuestionGroup is a group of questionnaire items (B.4, C.3).
// ValuePerYes is the skor of one Ya under the "bobot" scoring.
type HealthQuestionGroup struct {
	Code        string    `json:"code"`
	Name        bina.Text `json:"name"`
	ValuePerYes float64   `json:"value_per_yes,omitempty"`
}

// HealthQuestion is one Ya/Tidak item. Prefill, when set, answers it from
// the report; the assessor may override the answer with a note.
type HealthQuestion struct {
	Code    string         `json:"code"` // "Q1"
	Group   string         `json:"group"`
	Text    bina.Text      `json:"text"`
	Prefill *HealthPrefill `json:"prefill,omitempty"`
}

// HealthPrefill answers a question from the data: Ya when Num/Den × 100
// (or Num alone without Den) compares with Value by Op, or with the ratio
// OtherNum/OtherDen × 100 when OtherNum is set. Any missing figure or zero
// denominator leaves the question to the assessor.
type HealthPrefill struct {
	Num      string  `json:"num"`
	Den      string  `json:"den,omitempty"`
	Op       string  `json:"op"` // >= > <= <
	Value    float64 `json:"value,omitempty"`
	OtherNum string  `json:"other_num,omitempty"`
	OtherDen string  `json:"other_den,omitempty"`
}

// HealthCategory is a category threshold: a total at or above Min (above
// it when MinInclusive is false) falls in Code unless a higher category
// took it; the last category has no Min.
type HealthCategory struct {
	Code         string   `json:"code"` // HealthResults
	Min          *float64 `json:"min"`
	MinInclusive bool     `json:"min_inclusive"`
	When         string   `json:"when,omitempty"`
}

// HealthInput is what the assessor brings besides the report: answers to
// the questionnaire (an answer that differs from the pre-filled one needs
// a note) and corrected report figures, each with its note.
type HealthInput struct {
	Answers   map[string]bool   `json:"answers"`
	Notes     map[string]string `json:"notes,omitempty"`
	Overrides []HealthOverride  `json:"overrides,omitempty"`
}

// HealthOverride replaces one report figure (a term source such as
// "schedules.pinjaman_berisiko") for this assessment, with the reason.
type HealthOverride struct {
	Source string `json:"source"`
	Value  int64  `json:"value"`
	Note   string `json:"note"`
}

// HealthAssessment is a computed assessment of one cooperative's book year
// under one version of a rule set. A recomputation is a new Version; the
// old one stays as it was.
type HealthAssessment struct {
	ID             int64                   `json:"id"`
	CooperativeID  int64                   `json:"cooperative_id"`
	BookYear       int                     `json:"book_year"`
	Version        int                     `json:"version"`
	ReportID       int64                   `json:"report_id"`
	ReportVersion  int                     `json:"report_version"`
	RuleSet        string                  `json:"rule_set"`
	RuleSetVersion int                     `json:"rule_set_version"`
	Inputs         map[string]float64      `json:"inputs"` // aggregates and figures used
	Answers        []HealthAnswer          `json:"answers"`
	Overrides      []HealthOverride        `json:"overrides"`
	Aspects        []HealthAspectResult    `json:"aspects"`
	Components     []HealthComponentResult `json:"components"`
	Total          float64                 `json:"total"`
	Category       string                  `json:"category"` // HealthResults
	AssessedBy     string                  `json:"assessed_by"`
	CreatedAt      time.Time               `json:"created_at"`
}

// HealthAnswer is one questionnaire answer as the assessment used it.
type HealthAnswer struct {
	Code      string `json:"code"`
	Value     bool   `json:"value"`
	Prefilled *bool  `json:"prefilled,omitempty"` // what the data said, if it could
	Note      string `json:"note,omitempty"`
}

// HealthAspectResult is an aspect's outcome: its skor (Σ of components)
// and its percentage of the aspect's maximum.
type HealthAspectResult struct {
	Code   string    `json:"code"`
	Name   bina.Text `json:"name"`
	Bobot  float64   `json:"bobot"`
	Skor   float64   `json:"skor"`
	Persen float64   `json:"persen"`
	// Contribution is what the aspect adds to the total.
	Contribution float64 `json:"contribution"`
}

// HealthComponentResult is one row of the worksheet (kertas kerja).
type HealthComponentResult struct {
	Code        string    `json:"code"`
	Aspect      string    `json:"aspect"`
	Name        bina.Text `json:"name"`
	Numerator   float64   `json:"numerator"`
	Denominator float64   `json:"denominator"`
	Ratio       *float64  `json:"ratio"` // nil: tidak dapat dihitung
	Band        string    `json:"band"`
	Nilai       float64   `json:"nilai"`
	Bobot       float64   `json:"bobot"`
	Skor        float64   `json:"skor"`
	Note        string    `json:"note,omitempty"`
}

// NotComputable is what a worksheet says of a ratio whose denominator is
// zero.
const NotComputable = "tidak dapat dihitung"

// HealthAssessmentRequest asks for an assessment of a book year's accepted
// report under the newest version of a rule set.
type HealthAssessmentRequest struct {
	CooperativeID int64
	BookYear      int
	RuleSet       string
	Input         HealthInput
}

// HealthService keeps rule sets and assessments. Every method is scoped to
// the caller as the annual reports are.
type HealthService interface {
	// ListHealthRuleSets returns every version of every rule set, newest
	// version first within an id. Errors: Unauthorized.
	ListHealthRuleSets(ctx context.Context) ([]HealthRuleSet, error)
	// FindHealthRuleSet returns one version (0: the newest).
	// Errors: NotFound, Unauthorized.
	FindHealthRuleSet(ctx context.Context, id string, version int) (*HealthRuleSet, error)
	// AdoptHealthRuleSet validates rs and stores it as the next version of
	// its id (supervisors and admins). Errors: Invalid, Forbidden,
	// Unauthorized.
	AdoptHealthRuleSet(ctx context.Context, rs *HealthRuleSet) error
	// PrefillHealth returns the pre-filled answers for the accepted report
	// of a book year under the newest version of a rule set.
	// Errors: Invalid (no accepted report), NotFound, Unauthorized.
	PrefillHealth(ctx context.Context, cooperativeID int64, bookYear int, ruleSet string) (map[string]bool, error)
	// AssessHealth computes and stores an assessment of the accepted
	// report, as the next version for the book year, and keeps the RAT
	// record's health fields in step. Errors: Invalid (no accepted report,
	// a rule set that does not fit the report, an override without a
	// note), NotFound, Forbidden, Unauthorized.
	AssessHealth(ctx context.Context, req HealthAssessmentRequest) (*HealthAssessment, error)
	// FindHealthAssessment returns one assessment. Errors: NotFound,
	// Unauthorized.
	FindHealthAssessment(ctx context.Context, cooperativeID, id int64) (*HealthAssessment, error)
	// ListHealthAssessments returns a cooperative's assessments, newest
	// first. Errors: NotFound, Unauthorized.
	ListHealthAssessments(ctx context.Context, cooperativeID int64) ([]HealthAssessment, error)
	// ReassessHealthYear computes again, under the newest version of the
	// rule set, every accepted report of the book year in the caller's
	// region, each as its next assessment version keeping the answers of
	// the last one, and returns how many were stored. Errors: NotFound
	// (rule set), Forbidden, Unauthorized.
	ReassessHealthYear(ctx context.Context, bookYear int, ruleSet string) (int, error)
}
