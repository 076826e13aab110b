package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
	"bina/internal/pdf"
	"bina/supervision"
)

// healthNotFound is the answer when the health service is not wired.
func healthNotFound() error {
	return bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
}

// healthListPage lists a cooperative's assessments and starts a new one.
type healthListPage struct {
	layout
	C           *bina.Cooperative
	Assessments []supervision.HealthAssessment
	RuleSets    []supervision.HealthRuleSet // the newest version of each id
	Year        int
	CanAssess   bool
}

// healthCategoryLabel is the label of an assessment's category.
func healthCategoryLabel(code, lang string) string { return bina.HealthResults.Label(code, lang) }

// newestRuleSets keeps the newest version of each rule set id.
func newestRuleSets(all []supervision.HealthRuleSet) []supervision.HealthRuleSet {
	var out []supervision.HealthRuleSet
	seen := map[string]bool{}
	for _, rs := range all {
		if !seen[rs.ID] {
			seen[rs.ID] = true
			out = append(out, rs)
		}
	}
	return out
}

// canAssess reports whether u may assess health: office staff and admins.
func canAssess(u *bina.User) bool {
	return u != nil && (u.Role == bina.RoleAdmin || u.Role == bina.RoleStaff)
}

// HealthList is the health page of a cooperative.
func (h *Handler) HealthList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil && h.Health == nil {
		err = healthNotFound()
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	c, err := h.Cooperatives.FindCooperative(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	as, err := h.Health.ListHealthAssessments(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	all, err := h.Health.ListHealthRuleSets(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &healthListPage{layout: h.newLayout(r, "Penilaian kesehatan", "koperasi"), C: c, Assessments: as,
		RuleSets: newestRuleSets(all), Year: h.Ref.Clock().Year() - 1, CanAssess: canAssess(bina.UserFromContext(r.Context()))}
	h.render(w, r, http.StatusOK, "health/list", p)
}

// healthQuestionView is one question of the form.
type healthQuestionView struct {
	Code      string
	Text      string
	Checked   bool
	Prefilled bool // the data answers it
	Prefill   bool // what the data says
	Note      string
	Error     string
}

// healthGroupView is one group of the questionnaire.
type healthGroupView struct {
	Code        string
	Name        string
	ValuePerYes float64
	Questions   []healthQuestionView
}

// healthFormPage is the assessment form: the questionnaire grouped as the
// rule set groups it, with the answers the report's data gives marked.
type healthFormPage struct {
	layout
	C        *bina.Cooperative
	RS       *supervision.HealthRuleSet
	Year     int
	Groups   []healthGroupView
	Problem  string // why the form cannot be used (no accepted report)
	Errors   []string
	Prefills int
}

// HealthForm shows the questionnaire for a book year and rule set.
func (h *Handler) HealthForm(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.URL.Query().Get("tahun"))
	h.healthForm(w, r, http.StatusOK, year, r.URL.Query().Get("aturan"), nil, nil)
}

// healthForm renders the form; posted holds the answers sent back after a
// problem, err the problem.
func (h *Handler) healthForm(w http.ResponseWriter, r *http.Request, status, year int, ruleSet string, posted url.Values, problem error) {
	id, err := pathID(r)
	if err == nil && h.Health == nil {
		err = healthNotFound()
	}
	u := bina.UserFromContext(r.Context())
	if err == nil && !canAssess(u) {
		err = bina.Errorf(bina.Forbidden, "Hanya pengawas dinas yang boleh melakukan penilaian kesehatan", "Only the office's supervisors may assess health")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	c, err := h.Cooperatives.FindCooperative(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if ruleSet == "" {
		ruleSet = "PERDEP-06-2016"
	}
	rs, err := h.Health.FindHealthRuleSet(r.Context(), ruleSet, 0)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lg := lang(r)
	p := &healthFormPage{layout: h.newLayout(r, "Penilaian kesehatan baru", "koperasi"), C: c, RS: rs, Year: year}
	pre, err := h.Health.PrefillHealth(r.Context(), id, year, rs.ID)
	switch {
	case bina.ErrorCode(err) == bina.Invalid:
		p.Problem = bina.ErrorText(err).In(lg)
		status = http.StatusUnprocessableEntity
	case err != nil:
		h.Error(w, r, err)
		return
	}
	fieldErr := map[string]string{}
	if problem != nil {
		for _, fe := range bina.ErrorFields(problem) {
			code := strings.TrimPrefix(fe.Field, "answers.")
			fieldErr[code] = fe.Message.In(lg)
			p.Errors = append(p.Errors, fe.Message.In(lg))
		}
		if len(p.Errors) == 0 {
			p.Errors = []string{bina.ErrorText(problem).In(lg)}
		}
	}
	for _, g := range rs.Groups {
		gv := healthGroupView{Code: g.Code, Name: g.Name.In(lg), ValuePerYes: g.ValuePerYes}
		for _, q := range rs.Questions {
			if q.Group != g.Code {
				continue
			}
			v, known := pre[q.Code]
			qv := healthQuestionView{Code: q.Code, Text: q.Text.In(lg), Prefilled: known, Prefill: v, Checked: v, Error: fieldErr[q.Code]}
			if known {
				p.Prefills++
			}
			if posted != nil {
				qv.Checked = posted.Get("q."+q.Code) != ""
				qv.Note = posted.Get("note." + q.Code)
			}
			gv.Questions = append(gv.Questions, qv)
		}
		p.Groups = append(p.Groups, gv)
	}
	h.render(w, r, status, "health/form", p)
}

// HealthAssess computes and stores an assessment from the form.
func (h *Handler) HealthAssess(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil && h.Health == nil {
		err = healthNotFound()
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	year, _ := strconv.Atoi(r.PostFormValue("tahun"))
	ruleSet := r.PostFormValue("aturan")
	rs, err := h.Health.FindHealthRuleSet(r.Context(), ruleSet, 0)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// Every question is answered: a box left unticked is Tidak.
	in := supervision.HealthInput{Answers: map[string]bool{}, Notes: map[string]string{}}
	for _, q := range rs.Questions {
		in.Answers[q.Code] = r.PostFormValue("q."+q.Code) != ""
		if n := strings.TrimSpace(r.PostFormValue("note." + q.Code)); n != "" {
			in.Notes[q.Code] = n
		}
	}
	a, err := h.Health.AssessHealth(r.Context(), supervision.HealthAssessmentRequest{CooperativeID: id, BookYear: year, RuleSet: rs.ID, Input: in})
	if bina.ErrorCode(err) == bina.Invalid {
		h.healthForm(w, r, http.StatusUnprocessableEntity, year, rs.ID, r.PostForm, err)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/koperasi/"+strconv.FormatInt(id, 10)+"/kesehatan/"+strconv.FormatInt(a.ID, 10), "health-assessed")
}

// healthShowPage is one assessment with its worksheet.
type healthShowPage struct {
	layout
	C        *bina.Cooperative
	A        *supervision.HealthAssessment
	RS       *supervision.HealthRuleSet
	Category string
	Aspects  []healthAspectView
	Answers  []healthAnswerView
}

// healthAnswerView is one stored answer as the page shows it.
type healthAnswerView struct {
	Code               string
	Value              bool
	Prefilled, Prefill bool
	Note               string
}

// healthAspectView is an aspect with its worksheet rows.
type healthAspectView struct {
	supervision.HealthAspectResult
	Name string
	Rows []healthRowView
}

// healthRowView is one worksheet row as the page shows it.
type healthRowView struct {
	supervision.HealthComponentResult
	Name  string
	Ratio string
}

// findAssessment reads the cooperative and the assessment in the path.
func (h *Handler) findAssessment(r *http.Request) (*bina.Cooperative, *supervision.HealthAssessment, *supervision.HealthRuleSet, error) {
	id, err := pathID(r)
	if err == nil && h.Health == nil {
		err = healthNotFound()
	}
	if err != nil {
		return nil, nil, nil, err
	}
	aid, err := strconv.ParseInt(r.PathValue("assessment"), 10, 64)
	if err != nil || aid <= 0 {
		return nil, nil, nil, healthNotFound()
	}
	c, err := h.Cooperatives.FindCooperative(r.Context(), id)
	if err != nil {
		return nil, nil, nil, err
	}
	a, err := h.Health.FindHealthAssessment(r.Context(), id, aid)
	if err != nil {
		return nil, nil, nil, err
	}
	rs, err := h.Health.FindHealthRuleSet(r.Context(), a.RuleSet, a.RuleSetVersion)
	return c, a, rs, err
}

// HealthShow shows an assessment's result and worksheet.
func (h *Handler) HealthShow(w http.ResponseWriter, r *http.Request) {
	c, a, rs, err := h.findAssessment(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lg := lang(r)
	p := &healthShowPage{layout: h.newLayout(r, "Hasil penilaian kesehatan", "koperasi"), C: c, A: a, RS: rs,
		Category: healthCategoryLabel(a.Category, lg)}
	for _, ans := range a.Answers {
		v := healthAnswerView{Code: ans.Code, Value: ans.Value, Note: ans.Note}
		if ans.Prefilled != nil {
			v.Prefilled, v.Prefill = true, *ans.Prefilled
		}
		p.Answers = append(p.Answers, v)
	}
	for _, asp := range a.Aspects {
		v := healthAspectView{HealthAspectResult: asp, Name: asp.Name.In(lg)}
		for _, row := range a.Components {
			if row.Aspect != asp.Code {
				continue
			}
			rv := healthRowView{HealthComponentResult: row, Name: row.Name.In(lg), Ratio: "—"}
			if row.Ratio != nil {
				rv.Ratio = decimal(*row.Ratio)
			}
			v.Rows = append(v.Rows, rv)
		}
		p.Aspects = append(p.Aspects, v)
	}
	h.render(w, r, http.StatusOK, "health/show", p)
}

// decimal writes x with two decimals and a decimal comma.
func decimal(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', 2, 64), ".", ",", 1)
}

// HealthPDF downloads an assessment's worksheet as an A4 PDF.
func (h *Handler) HealthPDF(w http.ResponseWriter, r *http.Request) {
	c, a, rs, err := h.findAssessment(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	b, err := pdf.HealthWorksheet(a, pdf.HealthSheet{Cooperative: c.Name, Registration: c.RegistrationNumber, RuleSetName: rs.Name.ID})
	if err != nil {
		h.Error(w, r, bina.Wrap(err, "health worksheet"))
		return
	}
	name := "kertas-kerja-" + strconv.FormatInt(c.ID, 10) + "-" + strconv.Itoa(a.BookYear) + "-v" + strconv.Itoa(a.Version) + ".pdf"
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

// ruleSetListPage lists the rule sets and their versions.
type ruleSetListPage struct {
	layout
	RuleSets []supervision.HealthRuleSet
}

// RuleSetList lists every version of every rule set.
func (h *Handler) RuleSetList(w http.ResponseWriter, r *http.Request) {
	if h.Health == nil {
		h.Error(w, r, healthNotFound())
		return
	}
	all, err := h.Health.ListHealthRuleSets(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "health/rulesets", &ruleSetListPage{layout: h.newLayout(r, "Aturan penilaian kesehatan", "koperasi"), RuleSets: all})
}

// ruleSetPage shows one version's tables and the form to adopt a
// corrected version.
type ruleSetPage struct {
	layout
	RS        *supervision.HealthRuleSet
	Versions  []supervision.HealthRuleSet
	Tables    []ruleSetComponentView
	JSON      string
	Document  string   // what was posted, after a problem
	Errors    []string // the problems of a posted version
	CanAdopt  bool
	Questions []supervision.HealthQuestion
}

// ruleSetComponentView is a component with the table that applies.
type ruleSetComponentView struct {
	Aspect    string
	Component supervision.HealthComponent
	Name      string
	Bands     []string // "(20, 40] → 50"
	Formula   string
}

// RuleSetShow shows one rule set version (the newest without ?versi).
func (h *Handler) RuleSetShow(w http.ResponseWriter, r *http.Request) {
	h.ruleSetPage(w, r, http.StatusOK, "", nil)
}

func (h *Handler) ruleSetPage(w http.ResponseWriter, r *http.Request, status int, posted string, problem error) {
	if h.Health == nil {
		h.Error(w, r, healthNotFound())
		return
	}
	id := r.PathValue("ruleset")
	version, _ := strconv.Atoi(r.URL.Query().Get("versi"))
	rs, err := h.Health.FindHealthRuleSet(r.Context(), id, version)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	all, err := h.Health.ListHealthRuleSets(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lg := lang(r)
	p := &ruleSetPage{layout: h.newLayout(r, "Aturan penilaian kesehatan", "koperasi"), RS: rs, Document: posted,
		CanAdopt: canAssess(bina.UserFromContext(r.Context())), Questions: rs.Questions}
	for _, v := range all {
		if v.ID == rs.ID {
			p.Versions = append(p.Versions, v)
		}
	}
	params := map[string]string{}
	for _, pm := range rs.Parameters {
		params[pm.Code] = pm.Value
	}
	for _, asp := range rs.Aspects {
		for _, c := range asp.Components {
			v := ruleSetComponentView{Aspect: asp.Name.In(lg), Component: c, Name: c.Name.In(lg)}
			if c.Kind == "rasio" {
				v.Formula = c.Numerator + " / " + c.Denominator + " × 100"
			} else {
				v.Formula = h.t(lg, "Kuesioner kelompok") + " " + c.Group
			}
			for _, t := range c.Tables {
				k, val, _ := strings.Cut(t.When, "=")
				if t.When != "" && params[k] != val {
					continue
				}
				if t.Linear != nil {
					v.Bands = append(v.Bands, "nilai = "+decimal(t.Linear.Intercept)+" + "+decimal(t.Linear.Slope)+" × x")
				}
				for _, b := range t.Bands {
					v.Bands = append(v.Bands, b.String()+" → "+decimal(b.Nilai))
				}
				break
			}
			p.Tables = append(p.Tables, v)
		}
	}
	if doc, err := jsonIndent(rs); err == nil {
		p.JSON = doc
	}
	if p.Document == "" {
		p.Document = p.JSON
	}
	if problem != nil {
		p.Errors = append(p.Errors, bina.ErrorText(problem).In(lg))
		for _, fe := range bina.ErrorFields(problem) {
			p.Errors = append(p.Errors, fe.Field+": "+fe.Message.In(lg))
		}
	}
	h.render(w, r, status, "health/ruleset", p)
}

// maxRuleSetBytes bounds a pasted or uploaded rule set.
const maxRuleSetBytes = 1 << 20

// RuleSetAdopt adopts a corrected rule set version from pasted or
// uploaded JSON.
func (h *Handler) RuleSetAdopt(w http.ResponseWriter, r *http.Request) {
	if h.Health == nil {
		h.Error(w, r, healthNotFound())
		return
	}
	doc := r.PostFormValue("document")
	if file, _, err := r.FormFile("file"); err == nil {
		b, rerr := io.ReadAll(io.LimitReader(file, maxRuleSetBytes+1))
		file.Close()
		if rerr == nil && len(b) > 0 {
			doc = string(b)
		}
	}
	var err error
	var rs *supervision.HealthRuleSet
	switch {
	case strings.TrimSpace(doc) == "":
		err = bina.Errorf(bina.Invalid, "Tempel JSON aturan atau unggah berkasnya", "Paste the rule set's JSON or upload its file")
	case len(doc) > maxRuleSetBytes:
		err = bina.Errorf(bina.Invalid, "Berkas aturan terlalu besar; paling besar 1 MB", "The rule set file is too large; at most 1 MB")
	default:
		rs, err = supervision.ParseHealthRuleSet([]byte(doc))
	}
	if err == nil && rs.ID != r.PathValue("ruleset") {
		err = bina.Errorf(bina.Invalid, "Kode aturan dalam JSON (%s) tidak sama dengan aturan halaman ini (%s)", "The JSON's rule set id (%s) is not this page's (%s)", rs.ID, r.PathValue("ruleset"))
	}
	if err == nil {
		err = h.Health.AdoptHealthRuleSet(r.Context(), rs)
	}
	if bina.ErrorCode(err) == bina.Invalid {
		h.ruleSetPage(w, r, http.StatusUnprocessableEntity, doc, err)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/kesehatan/aturan/"+url.PathEscape(rs.ID)+"?versi="+strconv.Itoa(rs.Version), "ruleset-adopted")
}

// jsonIndent writes a rule set as the indented JSON a supervisor copies,
// corrects and adopts.
func jsonIndent(rs *supervision.HealthRuleSet) (string, error) {
	c := *rs
	c.AdoptedBy, c.AdoptedAt, c.Builtin = "", nil, false
	b, err := json.MarshalIndent(&c, "", "  ")
	return string(b), err
}
