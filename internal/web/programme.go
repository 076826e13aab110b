package web

import (
	"bina/audit"
	"bina/coaching"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
)

// programmeListPage is /program: the programmes by year and kind.
type programmeListPage struct {
	layout
	F        url.Values
	Page     bina.Page[coaching.Programme]
	Kinds    bina.Options
	Years    []int
	Filtered bool
	CanEdit  bool
	Problems []string
	List     listNav // position, pages and page size (listnav.go)
}

// ProgrammeList shows the programmes (GET /program?tahun=&jenis=).
func (h *Handler) ProgrammeList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := &programmeListPage{layout: h.newLayout(r, "Program", "program"), F: q, Kinds: coaching.ProgrammeKinds}
	p.CanEdit = p.User.CanEdit()
	for y := h.Ref.Clock().Year() + 1; y >= 2019; y-- {
		p.Years = append(p.Years, y)
	}
	f := coaching.ProgrammeFilter{Kind: q.Get("jenis"), Cursor: q.Get("hal"), Limit: pageSize(q)}
	var probs bina.Problems
	if s := q.Get("tahun"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil {
			probs.Add("tahun", "Tahun tidak dikenali", "Year not understood")
		}
		f.Year = y
	}
	p.Filtered = f.Year != 0 || f.Kind != ""
	var err error
	if err = probs.Err(); err == nil {
		p.Page, err = h.Programmes.ListProgrammes(r.Context(), f)
	}
	if bina.ErrorCode(err) == bina.Invalid {
		for _, fe := range bina.ErrorFields(err) {
			p.Problems = append(p.Problems, fe.Message.In(p.Lang))
		}
	} else if err != nil {
		h.Error(w, r, err)
		return
	}
	p.List = wholeQuery(r, "/program", "hal").keysetNav("hal", len(p.Page.Items), p.Page.Total, p.Page.TotalCapped, p.Page.Prev, p.Page.Next)
	h.render(w, r, http.StatusOK, "programme/list", p)
}

// programmeFormPage is /program/baru and /program/{id}/ubah.
type programmeFormPage struct {
	layout
	Form      *form
	G         *coaching.Programme // nil for a new programme
	Action    string
	Kinds     bina.Options
	Themes    bina.Options
	Funding   bina.Options
	Sizes     bina.Options
	YesNo     bina.Options
	Districts []bina.Region
}

// programmeInputs are the inputs of the programme form in order.
var programmeInputs = []string{"name", "kind", "year", "starts_on", "ends_on", "place", "organiser", "funding_source", "funding_amount",
	"quota", "region_code", "themes", "activities", "description", "invitation_template",
	"criteria.sizes", "criteria.kbli_sections", "criteria.never_reached", "criteria.not_reached_since", "criteria.digital_below", "criteria.binaan"}

func (h *Handler) programmeForm(w http.ResponseWriter, r *http.Request, status int, f *form, g *coaching.Programme) {
	p := &programmeFormPage{layout: h.newLayout(r, "Tambah program", "program"), Form: f, G: g, Action: "/program",
		Kinds: coaching.ProgrammeKinds, Themes: coaching.CoachingThemes, Funding: coaching.FundingSources, Sizes: bina.Sizes, YesNo: yesNo,
		Districts: h.scopeDistricts(p0(r))}
	if g != nil {
		p.Title = h.t(p.Lang, "Ubah program")
		p.Action = "/program/" + strconv.FormatInt(g.ID, 10)
	}
	h.render(w, r, status, "programme/form", p)
}

func p0(r *http.Request) *bina.User { return bina.UserFromContext(r.Context()) }

// programmeValues writes g as the form's values.
func programmeValues(g *coaching.Programme) url.Values {
	v := url.Values{
		"name": {g.Name}, "kind": {g.Kind}, "year": {formatIntInput(g.Year)}, "starts_on": {g.StartsOn.String()}, "ends_on": {g.EndsOn.String()},
		"place": {g.Place}, "organiser": {g.Organiser}, "funding_source": {g.FundingSource}, "funding_amount": {formatMoneyInput(g.FundingAmount)},
		"quota": {formatIntInput(g.Quota)}, "region_code": {string(g.Region)}, "themes": g.Themes, "description": {g.Description},
		"invitation_template": {g.InvitationTemplate}, "version": {strconv.Itoa(g.Version)},
	}
	var acts []string
	for _, a := range g.Activities {
		acts = append(acts, strings.Join([]string{a.StartsOn.String(), a.Name, a.Place}, " | "))
	}
	v.Set("activities", strings.Join(acts, "\n"))
	c := g.Criteria
	v["criteria.sizes"] = c.Sizes
	v.Set("criteria.kbli_sections", strings.Join(c.KBLISections, ","))
	if c.NeverReached {
		v.Set("criteria.never_reached", "1")
	}
	v.Set("criteria.not_reached_since", formatIntInput(c.NotReachedSince))
	v.Set("criteria.digital_below", formatIntInput(c.DigitalBelow))
	v.Set("criteria.binaan", c.Binaan)
	return v
}

// readProgramme reads the form into g.
func readProgramme(v url.Values, g *coaching.Programme) *parser {
	ps := &parser{v: v}
	g.Name, g.Kind, g.Year = ps.str("name"), ps.str("kind"), ps.int("year")
	g.StartsOn, g.EndsOn = ps.date("starts_on"), ps.date("ends_on")
	g.Place, g.Organiser, g.FundingSource = ps.str("place"), ps.str("organiser"), ps.str("funding_source")
	g.FundingAmount, g.Quota = ps.money("funding_amount"), ps.int("quota")
	g.Region = bina.RegionCode(ps.str("region_code"))
	g.Themes = v["themes"]
	g.Description, g.InvitationTemplate = ps.str("description"), ps.str("invitation_template")
	if s := ps.str("version"); s != "" {
		g.Version, _ = strconv.Atoi(s)
	}
	g.Activities = nil
	for i, line := range strings.Split(ps.str("activities"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "|")
		d, err := bina.ParseDate(strings.TrimSpace(parts[0]))
		if err != nil || len(parts) < 2 {
			ps.p.Add("activities", "Baris kegiatan %d: tulis tanggal | nama | tempat", "Activity line %d: write date | name | place", i+1)
			continue
		}
		a := coaching.Activity{StartsOn: d, Name: strings.TrimSpace(parts[1])}
		if len(parts) > 2 {
			a.Place = strings.TrimSpace(strings.Join(parts[2:], "|"))
		}
		g.Activities = append(g.Activities, a)
	}
	g.Criteria = readCriteria(ps, "criteria.")
	return ps
}

// readCriteria reads candidate criteria from the inputs named with prefix.
func readCriteria(ps *parser, prefix string) coaching.CandidateCriteria {
	list := func(name string) []string {
		var out []string
		for _, s := range ps.v[prefix+name] {
			for _, x := range strings.Split(s, ",") {
				if x = strings.TrimSpace(x); x != "" {
					out = append(out, x)
				}
			}
		}
		return out
	}
	return coaching.CandidateCriteria{
		Region:           bina.RegionCode(ps.str(prefix + "region")),
		Sizes:            list("sizes"),
		KBLISections:     list("kbli_sections"),
		KBLICodes:        list("kbli_codes"),
		Gender:           ps.str(prefix + "gender"),
		Disability:       ps.str(prefix + "disability"),
		MinAge:           ps.int(prefix + "min_age"),
		MaxAge:           ps.int(prefix + "max_age"),
		NeverReached:     ps.bool(prefix + "never_reached"),
		NotReachedSince:  ps.int(prefix + "not_reached_since"),
		LacksCertificate: ps.str(prefix + "lacks_certificate"),
		DigitalBelow:     ps.int(prefix + "digital_below"),
		Binaan:           ps.str(prefix + "binaan"),
	}
}

// ProgrammeNew shows the empty programme form.
func (h *Handler) ProgrammeNew(w http.ResponseWriter, r *http.Request) {
	if err := mustEdit(p0(r)); err != nil {
		h.Error(w, r, err)
		return
	}
	h.programmeForm(w, r, http.StatusOK, newForm(nil, programmeInputs, nil), nil)
}

// ProgrammeCreate stores a new programme.
func (h *Handler) ProgrammeCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	var g coaching.Programme
	ps := readProgramme(r.PostForm, &g)
	if h.programmeFailed(w, r, ps, &g, nil, func() error { return h.Programmes.CreateProgramme(r.Context(), &g) }) {
		return
	}
	h.redirectFlash(w, r, "/program/"+strconv.FormatInt(g.ID, 10), "created")
}

// ProgrammeEdit shows the form of a stored programme; its version rides in
// a hidden input, so that a second editor's save is refused.
func (h *Handler) ProgrammeEdit(w http.ResponseWriter, r *http.Request) {
	g, ok := h.findProgramme(w, r)
	if !ok {
		return
	}
	if err := mustEdit(p0(r)); err != nil {
		h.Error(w, r, err)
		return
	}
	h.programmeForm(w, r, http.StatusOK, newForm(programmeValues(g), programmeInputs, nil), g)
}

// ProgrammeUpdate saves the programme form when the version is current.
func (h *Handler) ProgrammeUpdate(w http.ResponseWriter, r *http.Request) {
	stored, ok := h.findProgramme(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	g := coaching.Programme{ID: stored.ID}
	ps := readProgramme(r.PostForm, &g)
	if h.programmeFailed(w, r, ps, &g, stored, func() error { return h.Programmes.UpdateProgramme(r.Context(), &g) }) {
		return
	}
	h.redirectFlash(w, r, "/program/"+strconv.FormatInt(g.ID, 10), "saved")
}

// programmeFailed saves g with save when the form could be read, and on a
// problem shows the form again (see failed).
func (h *Handler) programmeFailed(w http.ResponseWriter, r *http.Request, ps *parser, g, stored *coaching.Programme, save func() error) bool {
	return h.failed(w, r, formSave{form: newForm(r.PostForm, programmeInputs, nil), read: ps, save: save,
		check: func() error {
			check := *g
			check.Normalize()
			return check.Validate(h.Ref)
		},
		show: func(status int, f *form) { h.programmeForm(w, r, status, f, stored) },
	})
}

func (h *Handler) findProgramme(w http.ResponseWriter, r *http.Request) (*coaching.Programme, bool) {
	id, err := pathID(r)
	if err == nil {
		var g *coaching.Programme
		if g, err = h.Programmes.FindProgramme(r.Context(), id); err == nil {
			return g, true
		}
	}
	h.Error(w, r, err)
	return nil, false
}

// participantRow is a participant with the states it may move to.
type participantRow struct {
	coaching.Participant
	Moves []string
}

// programmeShowPage is /program/{id}.
type programmeShowPage struct {
	layout
	G               *coaching.Programme
	Participants    bina.Page[participantRow]
	States, Sources bina.Options
	Kinds, Themes   bina.Options
	CanEdit         bool
	CanAttendance   bool // may upload an attendance sheet
	Archive         *form
	Walkin          *form
	List            listNav // the participants' position, pages and page size (listnav.go)
	Warnings        []string
	// Outcomes are the milestones of those who took part, per kind,
	// before and since the start; nil without a milestone service.
	Outcomes    []outcomeRow
	HasOutcomes bool
	Milestone   bina.Options
}

// outcomeRow is one milestone kind before and since a programme's start.
type outcomeRow struct {
	Kind          string
	Before, After coaching.Outcome
}

// ProgrammeShow shows a programme, its activities and its participants.
func (h *Handler) ProgrammeShow(w http.ResponseWriter, r *http.Request) {
	h.showProgramme(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) showProgramme(w http.ResponseWriter, r *http.Request, status int, walkin *form, warnings []bina.Text) {
	g, ok := h.findProgramme(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	parts, err := h.Programmes.ListParticipants(r.Context(), g.ID, coaching.ParticipantFilter{Cursor: q.Get("hal"), Limit: pageSize(q)})
	if err == nil {
		err = h.recordRead(r.Context(), audit.ListRead(bina.EntityEnterprise, parts.Items, func(x *coaching.Participant) int64 { return x.EnterpriseID }, coaching.ParticipantFilter{}))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &programmeShowPage{layout: h.newLayout(r, "Program", "program"), G: g, States: coaching.ParticipantStates, Sources: coaching.ParticipantSources,
		Kinds: coaching.ProgrammeKinds, Themes: coaching.CoachingThemes,
		Archive: newForm(nil, []string{"reason"}, nil), Walkin: walkin}
	p.Title = g.Name
	p.CanEdit = p.User.CanEdit() && g.ArchivedAt == nil
	p.CanAttendance = p.CanEdit && h.mayImport(r) == nil
	if p.Walkin == nil {
		p.Walkin = newForm(nil, []string{"enterprise_id"}, nil)
	}
	p.Participants = bina.Page[participantRow]{Total: parts.Total, Next: parts.Next, Prev: parts.Prev}
	for _, x := range parts.Items {
		p.Participants.Items = append(p.Participants.Items, participantRow{x, coaching.ParticipantMoves(x.State)})
	}
	for _, t := range warnings {
		p.Warnings = append(p.Warnings, t.In(p.Lang))
	}
	p.List = wholeQuery(r, r.URL.Path, "hal").keysetNav("hal", len(parts.Items), parts.Total, parts.TotalCapped, parts.Prev, parts.Next)
	if h.Milestones != nil {
		out, err := coaching.ProgrammeOutcomes(r.Context(), h.Programmes, h.Milestones, g)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		p.Milestone = coaching.MilestoneKinds
		for i := range out.Before {
			p.Outcomes = append(p.Outcomes, outcomeRow{out.Before[i].Kind, out.Before[i], out.After[i]})
			p.HasOutcomes = p.HasOutcomes || out.Before[i].Milestones > 0 || out.After[i].Milestones > 0
		}
	}
	h.render(w, r, status, "programme/show", p)
}

// ProgrammeArchive archives a programme with a reason.
func (h *Handler) ProgrammeArchive(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = h.Programmes.ArchiveProgramme(r.Context(), id, r.PostFormValue("reason"))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/program", "archived")
}

// ProgrammeWalkin enrols a business that came without an invitation
// (POST /program/{id}/peserta, enterprise_id).
func (h *Handler) ProgrammeWalkin(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	ent, _ := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("enterprise_id")), 10, 64)
	out, err := h.Programmes.Enrol(r.Context(), id, []coaching.Enrolment{{EnterpriseID: ent, Source: "walkin"}})
	switch bina.ErrorCode(err) {
	case "":
		if len(out.Warnings) > 0 {
			h.showProgramme(w, r, http.StatusOK, nil, out.Warnings)
			return
		}
		h.redirectFlash(w, r, "/program/"+strconv.FormatInt(id, 10)+"#peserta", "saved")
	case bina.Invalid, bina.NotFound:
		f := newForm(url.Values{"enterprise_id": {r.PostFormValue("enterprise_id")}}, []string{"enterprise_id"}, nil)
		f.addProblems(fieldsOr(err, "enterprise_id"), lang(r))
		h.showProgramme(w, r, http.StatusUnprocessableEntity, f, nil)
	default:
		h.Error(w, r, err)
	}
}

// ProgrammeParticipantState moves a participant to the posted state (POST
// /program/{id}/peserta/{pid}, state, reached_on).
func (h *Handler) ProgrammeParticipantState(w http.ResponseWriter, r *http.Request) {
	pid, err := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	if err != nil {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Peserta tidak ditemukan", "Participant not found"))
		return
	}
	on, err := bina.ParseDate(strings.TrimSpace(r.PostFormValue("reached_on")))
	var x *coaching.Participant
	if err == nil {
		x, err = h.Programmes.SetParticipantState(r.Context(), pid, r.PostFormValue("state"), on)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/program/"+strconv.FormatInt(x.ProgrammeID, 10)+"#peserta", "saved")
}
