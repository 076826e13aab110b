package api

import (
	"bina/audit"
	"bina/coaching"
	"net/http"
	"strconv"
	"strings"
	"time"

	"bina"
)

// ListProgrammes answers one page of programmes, newest first.
func (h *Handler) ListProgrammes(w http.ResponseWriter, r *http.Request) {
	var f coaching.ProgrammeFilter
	if err := parseQuery(r.URL.Query(), programmeParams, &f); err != nil {
		h.Error(w, r, err)
		return
	}
	page, err := h.programmes.ListProgrammes(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, page))
}

// programmeKind is how GET, POST and PUT treat programmes.
func (h *Handler) programmeKind() recordKind[coaching.Programme] {
	return recordKind[coaching.Programme]{
		path: "/api/v1/programmes/", find: h.programmes.FindProgramme,
		create: h.programmes.CreateProgramme, update: h.programmes.UpdateProgramme,
		own: func(g *coaching.Programme) (*int64, *int) {
			g.ID, g.Version, g.Participants = 0, 0, 0
			g.CreatedAt, g.UpdatedAt = time.Time{}, time.Time{}
			g.ArchivedAt, g.ArchiveReason = nil, ""
			for i := range g.Activities {
				g.Activities[i].ID = 0
			}
			return &g.ID, &g.Version
		},
		version: func(g *coaching.Programme) int { return g.Version },
	}
}

// GetProgramme answers one programme with its ETag.
func (h *Handler) GetProgramme(w http.ResponseWriter, r *http.Request) {
	h.programmeKind().get(h, w, r)
}

// CreateProgramme stores the programme in the body: 201 with its Location
// and ETag.
func (h *Handler) CreateProgramme(w http.ResponseWriter, r *http.Request) {
	h.programmeKind().post(h, w, r)
}

// UpdateProgramme replaces the programme and its activities when If-Match
// names its current version.
func (h *Handler) UpdateProgramme(w http.ResponseWriter, r *http.Request) {
	h.programmeKind().put(h, w, r)
}

// ListParticipants answers one page of a programme's participants.
func (h *Handler) ListParticipants(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	var f coaching.ParticipantFilter
	if err := parseQuery(r.URL.Query(), participantParams, &f); err != nil {
		h.Error(w, r, err)
		return
	}
	page, err := h.programmes.ListParticipants(r.Context(), id, f)
	if err == nil {
		err = h.recordRead(r.Context(), audit.ListRead(bina.EntityEnterprise, page.Items, func(x *coaching.Participant) int64 { return x.EnterpriseID }, f))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, page))
}

// ProgrammeOutcomes answers the milestones of the businesses that took
// part in a programme, per kind, before and since its start.
func (h *Handler) ProgrammeOutcomes(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	if !h.milestonesOn(w, r) {
		return
	}
	g, err := h.programmes.FindProgramme(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	out, err := coaching.ProgrammeOutcomes(r.Context(), h.programmes, h.milestones, g)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, out)
}

// enrolled is the answer to an enrolment: the participant and the
// warnings that did not stop it.
type enrolled struct {
	coaching.Participant
	Warnings []bina.Text `json:"warnings"`
}

// Enrol adds the business of the body to the programme: 201 with the
// participant.
func (h *Handler) Enrol(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	var e coaching.Enrolment
	if err := decode(r, &e); err != nil {
		h.Error(w, r, err)
		return
	}
	out, err := h.programmes.Enrol(r.Context(), id, []coaching.Enrolment{e})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	answer := enrolled{Participant: out.Items[0], Warnings: out.Warnings}
	if answer.Warnings == nil {
		answer.Warnings = []bina.Text{}
	}
	h.writeRecord(w, r, http.StatusCreated, answer, answer.Version)
}

// ListCandidates answers one page of the businesses a programme's criteria
// (or those of the query) select, never reached first.
func (h *Handler) ListCandidates(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	f := coaching.CandidateFilter{Programme: id}
	if err := parseQuery(r.URL.Query(), h.candidateParams, &f); err != nil {
		h.Error(w, r, err)
		return
	}
	page, err := h.programmes.Candidates(r.Context(), f)
	if err == nil {
		err = h.recordRead(r.Context(), audit.ListRead(bina.EntityEnterprise, page.Items, func(x *coaching.Candidate) int64 { return x.EnterpriseID }, f.Criteria))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, page))
}

// intParam takes a whole number from lo to hi.
func intParam[F any](name, doc string, lo, hi int, field func(*F) *int) param[F] {
	return param[F]{name: name, doc: doc, schema: schema{"type": "integer", "minimum": lo, "maximum": hi},
		set: func(f *F, v string) (bina.Text, bool) {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < lo || n > hi {
				return bina.Text{ID: "Isi bilangan " + strconv.Itoa(lo) + " sampai " + strconv.Itoa(hi), EN: "Use a whole number from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi)}, false
			}
			*field(f) = n
			return bina.Text{}, true
		}}
}

// listParam takes values separated by commas; the store checks them.
func listParam[F any](name, doc string, field func(*F) *[]string) param[F] {
	return param[F]{name: name, doc: doc + " Several values are separated by commas.", schema: schema{"type": "string"},
		set: func(f *F, v string) (bina.Text, bool) {
			*field(f) = nil
			for _, x := range strings.Split(v, ",") {
				if x = strings.TrimSpace(x); x != "" {
					*field(f) = append(*field(f), x)
				}
			}
			return bina.Text{}, true
		}}
}

// programmeParams are the filters of GET /api/v1/programmes.
var programmeParams = func() []param[coaching.ProgrammeFilter] {
	type F = coaching.ProgrammeFilter
	return []param[F]{
		intParam("year", "Budget year.", 2000, 2100, func(f *F) *int { return &f.Year }),
		enumParam("kind", "Kind of programme.", coaching.ProgrammeKinds, func(f *F) *string { return &f.Kind }),
		boolParam("archived", "List archived programmes instead of live ones.", func(f *F) *bool { return &f.Archived }),
		cursorParam(func(f *F) *string { return &f.Cursor }),
		limitParam(func(f *F) *int { return &f.Limit }),
	}
}()

// participantParams are the filters of a programme's participants.
var participantParams = func() []param[coaching.ParticipantFilter] {
	type F = coaching.ParticipantFilter
	return []param[F]{
		enumParam("state", "Participant state.", coaching.ParticipantStates, func(f *F) *string { return &f.State }),
		cursorParam(func(f *F) *string { return &f.Cursor }),
		limitParam(func(f *F) *int { return &f.Limit }),
	}
}()

// candidateParams are the criteria of a candidate list, named like the
// members of coaching.CandidateCriteria. Without any, the programme's own
// criteria apply.
func candidateParams(ref bina.Reference) []param[coaching.CandidateFilter] {
	type F = coaching.CandidateFilter
	return []param[F]{
		regionParam(ref, "region", "A kecamatan or desa code; by default the programme's target region.", func(f *F) *bina.RegionCode { return &f.Criteria.Region }),
		listParam("sizes", "Computed sizes: "+optionList(bina.Sizes)+".", func(f *F) *[]string { return &f.Criteria.Sizes }),
		listParam("kbli_sections", "KBLI 2020 sections (A-U) of the main activity.", func(f *F) *[]string { return &f.Criteria.KBLISections }),
		listParam("kbli_codes", "KBLI codes, or their first 2-4 digits, of the main activity.", func(f *F) *[]string { return &f.Criteria.KBLICodes }),
		enumParam("gender", "The owner's gender.", bina.Genders, func(f *F) *string { return &f.Criteria.Gender }),
		yesNoParam("disability", "The owner has a disability or not.", func(f *F) *string { return &f.Criteria.Disability }),
		intParam("min_age", "The owner's least age in whole years (from the birth date).", 0, 120, func(f *F) *int { return &f.Criteria.MinAge }),
		intParam("max_age", "The owner's greatest age in whole years.", 0, 120, func(f *F) *int { return &f.Criteria.MaxAge }),
		boolParam("never_reached", "Only businesses the office never reached.", func(f *F) *bool { return &f.Criteria.NeverReached }),
		intParam("not_reached_since", "Only businesses not reached in this year or later.", 2000, 2100, func(f *F) *int { return &f.Criteria.NotReachedSince }),
		textParam("lacks_certificate", "Only businesses without a certificate of this kind.", func(f *F) *string { return &f.Criteria.LacksCertificate }),
		intParam("digital_below", "Only businesses with fewer digital channels than this.", 0, len(bina.DigitalChannels), func(f *F) *int { return &f.Criteria.DigitalBelow }),
		yesNoParam("binaan", "Under the office's coaching (binaan) or not.", func(f *F) *string { return &f.Criteria.Binaan }),
		cursorParam(func(f *F) *string { return &f.Cursor }),
		limitParam(func(f *F) *int { return &f.Limit }),
	}
}

// programmeOperations adds the programme routes to the document.
func (h *Handler) programmeOperations(add func(method, path string, o operation)) {
	const tag = "programmes"
	id, ifMatch := paramRef("id"), paramRef("If-Match")
	add("GET", "/api/v1/programmes", newOperation("listProgrammes", tag, "List programmes.",
		"Programmes that concern the user's region (or the whole deployment), newest year first.").
		params(queryParams(programmeParams)...).
		answer(http.StatusOK, "One page.", "ProgrammePage").problems(http.StatusBadRequest, http.StatusUnprocessableEntity))
	add("POST", "/api/v1/programmes", newOperation("createProgramme", tag, "Create a programme with its activities.", "").
		body("ProgrammeInput", "The new programme.").
		answer(http.StatusCreated, "The programme as stored.", "Programme", "Location", "ETag").
		problems(http.StatusBadRequest, http.StatusForbidden, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity))
	add("GET", "/api/v1/programmes/{id}", newOperation("getProgramme", tag, "One programme with its activities.", "").
		params(id).answer(http.StatusOK, "The programme.", "Programme", "ETag").problems(http.StatusNotFound))
	add("PUT", "/api/v1/programmes/{id}", newOperation("updateProgramme", tag, "Replace a programme and its activities.",
		"A full replacement. If-Match must carry the ETag of the version being replaced (412 when another user changed it meanwhile). "+
			"An archived programme cannot be changed (409).").
		params(id, ifMatch).body("ProgrammeInput", "The whole programme.").
		answer(http.StatusOK, "The programme with its new version.", "Programme", "ETag").
		problems(http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusConflict, http.StatusPreconditionFailed,
			http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity, http.StatusPreconditionRequired))
	add("GET", "/api/v1/programmes/{id}/participants", newOperation("listParticipants", tag, "A programme's participants.",
		"Inside the user's region, by business name. Phones are masked for viewers.").
		params(append([]schema{id}, queryParams(participantParams)...)...).
		answer(http.StatusOK, "One page.", "ParticipantPage").problems(http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity))
	add("POST", "/api/v1/programmes/{id}/participants", newOperation("enrolParticipant", tag, "Enrol a business.",
		"state defaults to proposed (attended for source walkin); attended and completed set reached_on (the programme's end unless given). "+
			"An archived business, or one already enrolled, is refused (422); passing the quota is a warning. 409 for an archived programme.").
		params(id).body("EnrolmentInput", "The business to enrol.").
		answer(http.StatusCreated, "The participant, with warnings.", "Enrolled", "ETag").
		problems(http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusConflict, http.StatusRequestEntityTooLarge,
			http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity))
	add("GET", "/api/v1/programmes/{id}/candidates", newOperation("listCandidates", tag, "Candidates for a programme.",
		"Live businesses in the user's region that the criteria select (the programme's own when none is given) and that are not yet enrolled: "+
			"never reached first, then the longest since reached, then by name. total counts up to 1,000 (total_capped past it).").
		params(append([]schema{id}, queryParams(h.candidateParams)...)...).
		answer(http.StatusOK, "One page.", "CandidatePage").problems(http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity))
	add("GET", "/api/v1/programmes/{id}/outcomes", newOperation("programmeOutcomes", tag, "Participants' outcomes before and after a programme.",
		"The milestones of the businesses that attended or completed the programme (inside the user's region), per kind, "+
			"before and on or after its start.").
		params(id).answer(http.StatusOK, "One entry per milestone kind on each side.", "Outcomes").problems(http.StatusNotFound))
}

// programmeSchemas adds the programme's component schemas; page makes a
// page of a schema.
func programmeSchemas(out schema, page func(string) schema) {
	for name, f := range map[string]func(variant) schema{"Programme": programmeSchema, "Activity": activitySchema} {
		out[name] = f(answer)
		out[name+"Input"] = f(input)
	}
	out["CandidateCriteria"] = criteriaSchema()
	v := answer
	out["Outcome"] = v.object("What the milestones of one kind add up to on one side of the date.",
		member{"kind", v.enum(coaching.MilestoneKinds, never, "")},
		member{"milestones", count("")},
		member{"enterprises", count("Businesses with a milestone of this kind.")},
		member{"amount", money("Sales gained (after minus before) or financing obtained.")},
		member{"jobs", count("Jobs created or kept.")},
	)
	out["Outcomes"] = v.object("Milestones of a programme's participants before and after its start.",
		member{"from", v.date("The programme's start.")},
		member{"before", schema{"type": "array", "items": ref("Outcome")}},
		member{"after", schema{"type": "array", "items": ref("Outcome")}},
	)
	participant := []member{
		{"id", id64("")},
		{"programme_id", id64("")},
		{"enterprise_id", id64("")},
		{"enterprise_name", str("")},
		{"owner_name", str("")},
		{"phone", str("Masked for viewers.")},
		{"village_code", str("")},
		{"state", v.enum(coaching.ParticipantStates, never, "")},
		{"source", v.enum(coaching.ParticipantSources, always, "")},
		{"reached_on", v.date("The day the business took part (attended or completed).")},
		{"invited_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "When staff marked the invitation sent.")},
		{"notes", str("")},
		{"invite_url", str("The https://wa.me invitation link; empty without a phone the user may see.")},
		{"created_at", timestamp("")},
		{"updated_at", timestamp("")},
		{"version", count("")},
	}
	out["Participant"] = v.object("A business in a programme.", participant...)
	out["Enrolled"] = v.object("A new participant, and warnings that did not stop the enrolment (the quota passed).",
		append(participant, member{"warnings", schema{"type": "array", "items": textSchema()}})...)
	out["EnrolmentInput"] = input.object("A business to enrol.",
		member{"enterprise_id", id64("Required.")},
		member{"state", input.enum(coaching.ParticipantStates, always, "Default proposed (attended for a walk-in).")},
		member{"source", input.enum(coaching.ParticipantSources, always, "Default candidate.")},
		member{"reached_on", input.date("For attended or completed: the day; default the programme's end.")},
		member{"notes", str("")},
	)
	out["Candidate"] = v.object("A business the criteria select.",
		member{"enterprise_id", id64("")},
		member{"name", str("")},
		member{"owner_name", str("")},
		member{"phone", str("Masked for viewers.")},
		member{"village_code", str("")},
		member{"size", v.enum(bina.Sizes, always, "Computed size.")},
		member{"kbli", str("Main KBLI code.")},
		member{"binaan", boolean("")},
		member{"reached_last", v.date("When the office last reached it; null when never.")},
		member{"invite_url", str("The https://wa.me invitation link; empty without a phone the user may see.")},
	)
	out["ProgrammePage"] = page("Programme")
	out["ParticipantPage"] = page("Participant")
	out["CandidatePage"] = page("Candidate")
}

func textSchema() schema {
	return answer.object("A message in Indonesian and English.", member{"id", str("")}, member{"en", str("")})
}

func programmeSchema(v variant) schema {
	ro := readOnly
	return v.object("A coaching programme (a training, mentoring, exhibition …) with its activities.",
		member{"id", ro(id64(""))},
		member{"name", str("Required, at most 200 characters.")},
		member{"year", integer("Budget year; default the year it starts.")},
		member{"kind", v.enum(coaching.ProgrammeKinds, never, "")},
		member{"themes", array(v.enum(coaching.CoachingThemes, never, ""), "Themes from the national census list.")},
		member{"funding_source", v.enum(coaching.FundingSources, always, "")},
		member{"funding_amount", money("Budget.")},
		member{"organiser", str("")},
		member{"starts_on", v.date("Required.")},
		member{"ends_on", v.date("Default the start.")},
		member{"place", str("")},
		member{"quota", count("Most participants; 0 for no quota.")},
		member{"region_code", str("Target kecamatan or desa; empty for the whole deployment.")},
		member{"criteria", ref("CandidateCriteria")},
		member{"description", str("")},
		member{"invitation_template", str("The WhatsApp invitation with {nama}, {usaha}, {program}, {tanggal} and {tempat}; empty for the default.")},
		member{"activities", array(v.ref("Activity"), "Sessions or days, replaced with the programme.")},
		member{"participants", ro(count("Participants not withdrawn."))},
		member{"created_at", ro(timestamp(""))},
		member{"updated_at", ro(timestamp(""))},
		member{"version", ro(count("The ETag's version."))},
		member{"archived_at", ro(describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, ""))},
		member{"archive_reason", ro(str(""))},
	)
}

func activitySchema(v variant) schema {
	return v.object("A session of a training or a day of an exhibition.",
		member{"id", id64("")},
		member{"name", str("Required.")},
		member{"starts_on", v.date("Required, within the programme's dates.")},
		member{"ends_on", v.date("Default the start.")},
		member{"place", str("")},
		member{"village_code", str("Desa code, or empty.")},
	)
}

// criteriaSchema is coaching.CandidateCriteria: every member optional, left
// out when empty.
func criteriaSchema() schema {
	s := input.object("Who a programme is for. Members left out select everyone.",
		member{"region", str("A kecamatan or desa code.")},
		member{"sizes", array(enumSchema(bina.Sizes, false, ""), "Computed sizes.")},
		member{"kbli_sections", array(schema{"type": "string", "pattern": "^[A-U]$"}, "KBLI sections of the main activity.")},
		member{"kbli_codes", array(schema{"type": "string", "pattern": "^[0-9]{2,5}$"}, "KBLI codes or their leading digits.")},
		member{"gender", enumSchema(bina.Genders, true, "The owner's gender.")},
		member{"disability", enumSchema(yesNo, true, "")},
		member{"min_age", count("")},
		member{"max_age", count("")},
		member{"never_reached", boolean("")},
		member{"not_reached_since", integer("A year.")},
		member{"lacks_certificate", str("A certificate kind.")},
		member{"digital_below", count("Fewer digital channels than this.")},
		member{"binaan", enumSchema(yesNo, true, "")},
	)
	return s
}
