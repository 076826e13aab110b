package api

import (
	"bina/supervision"
	"net/http"
	"strconv"

	"bina"
)

// healthRequest is the body of an assessment call: the book year, the rule
// set (its newest version applies) and the assessor's answers, with a
// note for every answer that differs from the data and for every
// corrected figure.
type healthRequest struct {
	BookYear  int                          `json:"book_year"`
	RuleSet   string                       `json:"rule_set"`
	Answers   map[string]bool              `json:"answers"`
	Notes     map[string]string            `json:"notes"`
	Overrides []supervision.HealthOverride `json:"overrides"`
}

// healthComponent is one worksheet row as the API answers it.
type healthComponent struct {
	Code   string   `json:"code"`
	Aspect string   `json:"aspect"`
	Ratio  *float64 `json:"ratio"`
	Band   string   `json:"band"`
	Nilai  float64  `json:"nilai"`
	Bobot  float64  `json:"bobot"`
	Skor   float64  `json:"skor"`
	Note   string   `json:"note"`
}

// healthAnswer is an assessment as the API answers it: the fixed members
// of issue 12 (version is the rule set's) and the book year's own
// assessment version.
type healthAnswer struct {
	ID                int64                            `json:"id"`
	CooperativeID     int64                            `json:"cooperative_id"`
	BookYear          int                              `json:"book_year"`
	AssessmentVersion int                              `json:"assessment_version"`
	RuleSet           string                           `json:"rule_set"`
	Version           int                              `json:"version"`
	Total             float64                          `json:"total"`
	Category          string                           `json:"category"`
	Components        []healthComponent                `json:"components"`
	Aspects           []supervision.HealthAspectResult `json:"aspects"`
	Answers           []supervision.HealthAnswer       `json:"answers"`
	AssessedBy        string                           `json:"assessed_by"`
	CreatedAt         string                           `json:"created_at"`
}

func healthAnswerOf(a *supervision.HealthAssessment) healthAnswer {
	out := healthAnswer{ID: a.ID, CooperativeID: a.CooperativeID, BookYear: a.BookYear, AssessmentVersion: a.Version,
		RuleSet: a.RuleSet, Version: a.RuleSetVersion, Total: a.Total, Category: a.Category,
		Components: []healthComponent{}, Aspects: a.Aspects, Answers: a.Answers, AssessedBy: a.AssessedBy,
		CreatedAt: a.CreatedAt.Format("2006-01-02T15:04:05.999999Z07:00")}
	for _, c := range a.Components {
		out.Components = append(out.Components, healthComponent{c.Code, c.Aspect, c.Ratio, c.Band, c.Nilai, c.Bobot, c.Skor, c.Note})
	}
	if out.Aspects == nil {
		out.Aspects = []supervision.HealthAspectResult{}
	}
	if out.Answers == nil {
		out.Answers = []supervision.HealthAnswer{}
	}
	return out
}

// AssessHealth computes and stores a health assessment: 201 with it.
func (h *Handler) AssessHealth(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.health == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var req healthRequest
	if err := decode(r, &req); err != nil {
		h.Error(w, r, err)
		return
	}
	a, err := h.health.AssessHealth(r.Context(), supervision.HealthAssessmentRequest{CooperativeID: id, BookYear: req.BookYear, RuleSet: req.RuleSet,
		Input: supervision.HealthInput{Answers: req.Answers, Notes: req.Notes, Overrides: req.Overrides}})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/cooperatives/"+strconv.FormatInt(id, 10)+"/health-assessments/"+strconv.FormatInt(a.ID, 10))
	h.writeJSON(w, r, http.StatusCreated, healthAnswerOf(a))
}

// ListHealthAssessments answers a cooperative's assessments, newest
// first, without their worksheets.
func (h *Handler) ListHealthAssessments(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.health == nil {
		h.Error(w, r, errNotFound())
		return
	}
	as, err := h.health.ListHealthAssessments(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	items := make([]healthAnswer, len(as))
	for i := range as {
		items[i] = healthAnswerOf(&as[i])
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, bina.Page[healthAnswer]{Items: items, Total: len(items)}))
}

// GetHealthAssessment answers one assessment with its worksheet.
func (h *Handler) GetHealthAssessment(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	aid, ok2 := pathID(r, "assessment")
	if !ok || !ok2 || h.health == nil {
		h.Error(w, r, errNotFound())
		return
	}
	a, err := h.health.FindHealthAssessment(r.Context(), id, aid)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, healthAnswerOf(a))
}

// ListHealthRuleSets answers every version of every rule set.
func (h *Handler) ListHealthRuleSets(w http.ResponseWriter, r *http.Request) {
	if h.health == nil {
		h.Error(w, r, errNotFound())
		return
	}
	rs, err := h.health.ListHealthRuleSets(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, bina.Page[supervision.HealthRuleSet]{Items: rs, Total: len(rs)}))
}

// GetHealthRuleSet answers one rule set: its newest version, or the one
// the query's version names.
func (h *Handler) GetHealthRuleSet(w http.ResponseWriter, r *http.Request) {
	if h.health == nil {
		h.Error(w, r, errNotFound())
		return
	}
	version := 0
	if v := r.URL.Query().Get("version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			h.Error(w, r, badRequest(bina.Errorf(bina.Invalid, "Versi harus bilangan bulat positif", "The version must be a positive integer")))
			return
		}
		version = n
	}
	rs, err := h.health.FindHealthRuleSet(r.Context(), r.PathValue("ruleset"), version)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, rs)
}

// AdoptHealthRuleSet stores the body as the next version of its rule set.
func (h *Handler) AdoptHealthRuleSet(w http.ResponseWriter, r *http.Request) {
	if h.health == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var rs supervision.HealthRuleSet
	if err := decode(r, &rs); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.health.AdoptHealthRuleSet(r.Context(), &rs); err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/health-rule-sets/"+rs.ID+"?version="+strconv.Itoa(rs.Version))
	h.writeJSON(w, r, http.StatusCreated, &rs)
}

// healthOperations documents the health routes.
func healthOperations(add func(method, path string, o operation)) {
	id := paramRef("id")
	writes := []int{http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusConflict,
		http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity}
	assessment := schema{"name": "assessment", "in": "path", "required": true, "description": "The assessment's id.",
		"schema": schema{"type": "integer", "format": "int64", "minimum": 1}}
	add("POST", "/api/v1/cooperatives/{id}/health-assessments", newOperation("assessHealth", "health", "Assess the health of a cooperative's book year.",
		"Computed from the accepted annual report of book_year (422 when there is none) under the newest version of rule_set "+
			"(PERDEP-06-2016 or JUKNIS-15-2021, or an id adopted later). answers holds the questionnaire, keyed as the rule set numbers it "+
			"(Q1–Q38 as KOPERASI.md B.4 for PERDEP-06-2016); a question left out takes the answer the data gives where it can "+
			"(pre-filled) and Tidak otherwise. An answer that differs from the data needs a note in notes (422 otherwise). "+
			"Each call stores the book year's next assessment version; none is ever recomputed. "+
			"version is the rule set's version; a ratio whose denominator is zero is null with band \"tidak dapat dihitung\" and the rule set's fallback nilai.").
		params(id).body("HealthAssessmentInput", "The book year, the rule set and the answers.").
		answer(201, "The assessment as stored.", "HealthAssessment", "Location").
		problems(writes...))
	add("GET", "/api/v1/cooperatives/{id}/health-assessments", newOperation("listHealthAssessments", "health", "A cooperative's health assessments, newest first.",
		"Without the worksheet rows (components and answers are empty here).").
		params(id).answer(200, "Every assessment.", "HealthAssessmentPage").problems(http.StatusNotFound))
	add("GET", "/api/v1/cooperatives/{id}/health-assessments/{assessment}", newOperation("getHealthAssessment", "health", "One health assessment with its worksheet.", "").
		params(id, assessment).answer(200, "The assessment.", "HealthAssessment").problems(http.StatusNotFound))
	add("GET", "/api/v1/health-rule-sets", newOperation("listHealthRuleSets", "health", "Every version of every health rule set.",
		"Newest version first within an id.").
		answer(200, "The rule sets.", "HealthRuleSetPage").problems())
	add("GET", "/api/v1/health-rule-sets/{ruleset}", newOperation("getHealthRuleSet", "health", "One health rule set.",
		"The newest version, or the one the version parameter names.").
		params(schema{"name": "ruleset", "in": "path", "required": true, "description": "The rule set's id, e.g. PERDEP-06-2016.", "schema": schema{"type": "string"}},
			schema{"name": "version", "in": "query", "required": false, "description": "A version; the newest without it.", "schema": schema{"type": "integer", "minimum": 1}}).
		answer(200, "The rule set.", "HealthRuleSet").problems(http.StatusBadRequest, http.StatusNotFound))
	add("POST", "/api/v1/health-rule-sets", newOperation("adoptHealthRuleSet", "health", "Adopt a corrected rule set as a new version.",
		"Office staff and administrators. The body is a whole rule set as GET answers it (its version is ignored: it becomes the id's next version). "+
			"It is validated as a whole: band tables in order without gap or overlap unless allow_gaps, weights adding up to 100, "+
			"every aggregate, question and parameter reference known (422 naming each problem in Indonesian).").
		body("HealthRuleSet", "The rule set.").
		answer(201, "The rule set as adopted.", "HealthRuleSet", "Location").
		problems(writes...))
}

// healthSchemas adds the health component schemas.
func healthSchemas(out schema) {
	v := answer
	open := func(description string) schema {
		return schema{"type": "object", "additionalProperties": true, "description": description}
	}
	nullNumber := describe(schema{"type": []string{"number", "null"}}, "")
	out["HealthAssessment"] = v.object("A health assessment of one book year under one version of a rule set.",
		member{"id", id64("")},
		member{"cooperative_id", id64("")},
		member{"book_year", integer("")},
		member{"assessment_version", integer("1 for the book year's first assessment; each recomputation is the next.")},
		member{"rule_set", str("The rule set's id.")},
		member{"version", integer("The rule set's version it was computed under.")},
		member{"total", schema{"type": "number"}},
		member{"category", v.enum(bina.HealthResults, never, "")},
		member{"components", array(v.object("One worksheet row.",
			member{"code", str("The component's code, e.g. 1a.")},
			member{"aspect", str("")},
			member{"ratio", describe(nullNumber, "Percent; null when it cannot be computed.")},
			member{"band", str("The band the ratio fell in, or \"tidak dapat dihitung\".")},
			member{"nilai", schema{"type": "number"}},
			member{"bobot", schema{"type": "number"}},
			member{"skor", schema{"type": "number"}},
			member{"note", str("")},
		), "")},
		member{"aspects", array(open("An aspect's skor, percentage and contribution to the total."), "")},
		member{"answers", array(open("A questionnaire answer: code, value, prefilled (what the data said, if it could), note."), "")},
		member{"assessed_by", str("")},
		member{"created_at", timestamp("")},
	)
	out["HealthAssessmentInput"] = input.object("What an assessment is computed from besides the report.",
		member{"book_year", integer("")},
		member{"rule_set", str("e.g. PERDEP-06-2016 or JUKNIS-15-2021.")},
		member{"answers", describe(schema{"type": "object", "additionalProperties": schema{"type": "boolean"}}, "Question code to Ya (true) or Tidak (false).")},
		member{"notes", describe(schema{"type": "object", "additionalProperties": schema{"type": "string"}}, "Question code to the note of an answer that differs from the data.")},
		member{"overrides", array(schema{"type": "object", "additionalProperties": false, "properties": schema{
			"source": str("A report figure, e.g. schedules.pinjaman_berisiko."),
			"value":  money(""),
			"note":   str("Why the figure is corrected; required."),
		}}, "Report figures corrected for this assessment.")},
	)
	out["HealthAssessmentInput"].(schema)["required"] = []string{"book_year", "rule_set"}
	ruleSet := schema{"type": "object", "additionalProperties": true,
		"description": "A health rule set: aggregates, aspects with components and band tables, question groups and questions, category thresholds and parameters. See docs/kesehatan-koperasi.md.",
		"required":    []string{"id", "version", "family", "name", "scoring", "aspects", "categories"},
		"properties": schema{
			"id":         str("e.g. PERDEP-06-2016."),
			"version":    integer(""),
			"family":     v.enum(supervision.ReportPolas, never, ""),
			"scoring":    v.enum(supervision.HealthScorings, never, ""),
			"name":       open("Indonesian and English name."),
			"parameters": array(open("A choice where the sources disagree."), ""),
			"aggregates": array(open("A named weighted sum of report lines."), ""),
			"aspects":    array(open("An aspect with its weight and components."), ""),
			"groups":     array(open("A questionnaire group."), ""),
			"questions":  array(open("A Ya/Tidak question, perhaps pre-filled from the data."), ""),
			"categories": array(open("A category threshold."), ""),
		}}
	out["HealthRuleSet"] = ruleSet
	for name, item := range map[string]string{"HealthAssessmentPage": "HealthAssessment", "HealthRuleSetPage": "HealthRuleSet"} {
		out[name] = schema{
			"type":     "object",
			"required": []string{"items", "total"},
			"properties": schema{
				"items": schema{"type": "array", "items": ref(item)},
				"total": count(""),
				"links": schema{"type": "object"},
			},
		}
	}
}
