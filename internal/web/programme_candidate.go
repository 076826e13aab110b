package web

import (
	"net/http"
	"net/url"
	"strconv"

	"bina"
	"bina/audit"
	"bina/coaching"
	"bina/internal/export"
	"bina/internal/sheet"
)

// candidatePage is /program/{id}/kandidat: the criteria, the ranked
// candidates with checkboxes to enrol them, and their invitations.
type candidatePage struct {
	layout
	G                *coaching.Programme
	F                url.Values
	Region           regionFilter
	Page             bina.Page[coaching.Candidate]
	Sizes, Genders   bina.Options
	YesNo            bina.Options
	Sections         bina.Options
	CertificateKinds bina.Options
	Problems         []string
	CanEdit          bool
	List             listNav // position, pages and page size (listnav.go)
}

// ProgrammeCandidates lists the businesses the criteria select, never
// reached first (GET /program/{id}/kandidat?...). Without criteria in the
// query, the programme's own apply.
func (h *Handler) ProgrammeCandidates(w http.ResponseWriter, r *http.Request) {
	g, ok := h.findProgramme(w, r)
	if !ok {
		return
	}
	h.showCandidates(w, r, http.StatusOK, g, nil)
}

func (h *Handler) showCandidates(w http.ResponseWriter, r *http.Request, status int, g *coaching.Programme, problems []string) {
	q := r.URL.Query()
	u := p0(r)
	p := &candidatePage{layout: h.newLayout(r, "Kandidat peserta", "program"), G: g, F: q, Sizes: bina.Sizes, Genders: bina.Genders,
		YesNo: yesNo, Sections: bina.KBLISections(), CertificateKinds: coaching.CertificateKinds, Problems: problems}
	p.CanEdit = u.CanEdit() && g.ArchivedAt == nil
	var probs bina.Problems
	rf, region := h.readRegionFilter(u, q, &probs)
	p.Region = rf
	ps := &parser{v: q}
	f := coaching.CandidateFilter{Programme: g.ID, Criteria: readCriteria(ps, ""), Cursor: q.Get("hal"), Limit: pageSize(q)}
	f.Criteria.Region = region
	probs.Fields = append(probs.Fields, ps.p.Fields...)
	err := probs.Err()
	if err == nil {
		p.Page, err = h.Programmes.Candidates(r.Context(), f)
	}
	if err == nil {
		err = h.recordRead(r.Context(), audit.ListRead(bina.EntityEnterprise, p.Page.Items, func(x *coaching.Candidate) int64 { return x.EnterpriseID }, f.Criteria))
	}
	if bina.ErrorCode(err) == bina.Invalid {
		for _, fe := range bina.ErrorFields(err) {
			p.Problems = append(p.Problems, fe.Message.In(p.Lang))
		}
	} else if err != nil {
		h.Error(w, r, err)
		return
	}
	p.List = wholeQuery(r, r.URL.Path, "hal").keysetNav("hal", len(p.Page.Items), p.Page.Total, p.Page.TotalCapped, p.Page.Prev, p.Page.Next)
	h.render(w, r, status, "programme/candidates", p)
}

// ProgrammeEnrolCandidates enrols the checked candidates, all or none
// (POST /program/{id}/kandidat, e=id...).
func (h *Handler) ProgrammeEnrolCandidates(w http.ResponseWriter, r *http.Request) {
	g, ok := h.findProgramme(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	var es []coaching.Enrolment
	for _, s := range r.PostForm["e"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			continue
		}
		es = append(es, coaching.Enrolment{EnterpriseID: id, Source: "candidate", State: r.PostFormValue("state")})
	}
	out, err := h.Programmes.Enrol(r.Context(), g.ID, es)
	switch bina.ErrorCode(err) {
	case "":
		if len(out.Warnings) > 0 {
			h.showProgramme(w, r, http.StatusOK, nil, out.Warnings)
			return
		}
		h.redirectFlash(w, r, "/program/"+strconv.FormatInt(g.ID, 10)+"#peserta", "saved")
	case bina.Invalid, bina.NotFound:
		var msgs []string
		for _, fe := range fieldsOr(err, "e") {
			msgs = append(msgs, fe.Message.In(lang(r)))
		}
		h.showCandidates(w, r, http.StatusUnprocessableEntity, g, msgs)
	default:
		h.Error(w, r, err)
	}
}

// ProgrammeInvited records that staff sent a business the WhatsApp
// invitation (POST /program/{id}/undang/{eid}, "tandai diundang").
func (h *Handler) ProgrammeInvited(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	eid, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err == nil {
		_, err = h.Programmes.MarkInvited(r.Context(), id, eid)
	} else {
		err = bina.Errorf(bina.NotFound, "Usaha tidak ditemukan", "Enterprise not found")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	back := safeNext(r.PostFormValue("next"))
	if back == "/" {
		back = "/program/" + strconv.FormatInt(id, 10) + "#peserta"
	}
	h.redirectFlash(w, r, back, "saved")
}

// ProgrammeExport downloads a programme's participants
// (GET /program/{id}/ekspor?format=xlsx|csv); phones only for roles that
// may see them.
func (h *Handler) ProgrammeExport(w http.ResponseWriter, r *http.Request) {
	g, ok := h.findProgramme(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	u := p0(r)
	var probs bina.Problems
	format := readFormat(r.URL.Query(), exportFormats[:2], &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	f := coaching.ParticipantFilter{Limit: export.ExportPageSize}
	first, err := h.Programmes.ListParticipants(ctx, g.ID, f)
	if err == nil {
		err = sheet.CheckSize(format, first.Total)
	}
	if err == nil {
		err = h.recordRead(ctx, audit.Event{Action: audit.Export, Entity: bina.EntityEnterprise, Count: first.Total, Detail: "programme=" + strconv.FormatInt(g.ID, 10) + " format=" + format})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	personal := u.CanSeePersonal()
	lang := lang(r)
	header := []string{"ID usaha", "Nama usaha", "Pemilik", "Desa", "Status", "Asal", "Tanggal terjangkau", "Diundang", "Catatan"}
	if personal {
		header = append(header, "HP")
	}
	items := export.Pages(first, func(cursor string) (bina.Page[coaching.Participant], error) {
		f.Cursor = cursor
		return h.Programmes.ListParticipants(ctx, g.ID, f)
	})
	rows := func(yield func([]any, error) bool) {
		for x, err := range items {
			if err != nil {
				yield(nil, err)
				return
			}
			invited := ""
			if x.InvitedAt != nil {
				invited = x.InvitedAt.In(h.zone()).Format("2006-01-02 15:04")
			}
			row := []any{x.EnterpriseID, x.Enterprise, x.OwnerName, h.Ref.Regions.Path(x.VillageCode), coaching.ParticipantStates.Label(x.State, lang),
				coaching.ParticipantSources.Label(x.Source, lang), x.ReachedOn, invited, x.Notes}
			if personal {
				row = append(row, x.Phone)
			}
			if !yield(row, nil) {
				return
			}
		}
	}
	name := export.ExportFileName("peserta-program-"+strconv.FormatInt(g.ID, 10), "", h.Ref.Clock(), format)
	n, ok := h.download(w, r, name, format, "Peserta", header, rows)
	if ok {
		h.logExport(u, "peserta program", format, personal, f, n)
	}
}
