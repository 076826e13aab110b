package web

import (
	"bina/supervision"
	"net/http"
	"strconv"
	"strings"

	"bina"
)

// Change requests (issue 12): a board proposes changes to its
// cooperative's profile; staff see the queue at /usulan and decide each
// request beside the record as it stands. The store scopes everything: a
// board reaches its own requests only.

func (h *Handler) needChangeRequests() error {
	if h.ChangeRequests == nil {
		return bina.Errorf(bina.NotFound, "Halaman tidak ditemukan.", "Page not found.")
	}
	return nil
}

// changeListPage lists requests: a board's own, or the office's queue.
type changeListPage struct {
	layout
	Board    bool
	State    string
	Requests []changeListRow
}

// changeListRow is a request with the labels of the fields it changes.
type changeListRow struct {
	supervision.ChangeRequest
	Fields string
}

// ChangeRequestList shows the office's queue (pending first by default)
// or a board's own requests.
func (h *Handler) ChangeRequestList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.needChangeRequests(); err != nil {
		h.Error(w, r, err)
		return
	}
	u := bina.UserFromContext(ctx)
	p := &changeListPage{layout: h.newLayout(r, "Usulan perubahan data", "usulan"), Board: u.Bound(), State: r.URL.Query().Get("status")}
	if p.Board {
		p.Nav = "pengurus"
	} else if p.State == "" {
		p.State = string(supervision.ChangePending)
	}
	if p.State == "semua" {
		p.State = ""
	}
	rs, err := h.ChangeRequests.ListChangeRequests(ctx, supervision.ChangeRequestFilter{State: supervision.ChangeState(p.State), Limit: 200})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	for _, x := range rs {
		var labels []string
		for _, ch := range x.Changes {
			labels = append(labels, supervision.ProposalLabel(ch.Field).In(p.Lang))
		}
		p.Requests = append(p.Requests, changeListRow{ChangeRequest: x, Fields: strings.Join(labels, ", ")})
	}
	h.render(w, r, http.StatusOK, "changerequest/list", p)
}

// changeFormPage is a board's proposal form.
type changeFormPage struct {
	layout
	C        *bina.Cooperative
	Form     *form
	Officers []int
	Units    []int
}

var changeFormInputs = []string{"address", "npwp", "nib", "savings_license", "members_female", "members_male",
	"employees_female", "employees_male", "officers", "units", "note"}

// boardCooperative returns the cooperative of a board account.
func (h *Handler) boardCooperative(r *http.Request) (*bina.Cooperative, error) {
	if err := h.needChangeRequests(); err != nil {
		return nil, err
	}
	id := bina.UserFromContext(r.Context()).CooperativeID()
	if id == 0 {
		return nil, bina.Errorf(bina.Forbidden, "Usulan perubahan diajukan oleh pengurus koperasi; staf mengubah data langsung.", "Change requests come from a cooperative's board; staff change the record directly.")
	}
	return h.Cooperatives.FindCooperative(r.Context(), id)
}

func (h *Handler) changeForm(w http.ResponseWriter, r *http.Request, status int, c *bina.Cooperative, f *form) {
	p := &changeFormPage{layout: h.newLayout(r, "Usulkan perubahan data", "pengurus"), C: c, Form: f}
	p.Here = "/usulan/baru"
	p.Officers = rows(f.Values, "officers", 3)
	p.Units = rows(f.Values, "units", 2)
	h.render(w, r, status, "changerequest/form", p)
}

// ChangeRequestNew shows the proposal form filled with the record.
func (h *Handler) ChangeRequestNew(w http.ResponseWriter, r *http.Request) {
	c, err := h.boardCooperative(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.changeForm(w, r, http.StatusOK, c, newForm(cooperativeValues(c), changeFormInputs, nil))
}

// ChangeRequestCreate stores a board's proposal.
func (h *Handler) ChangeRequestCreate(w http.ResponseWriter, r *http.Request) {
	c, err := h.boardCooperative(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	// The form reads like the cooperative form; only the proposable
	// fields are taken from it.
	var scratch bina.Cooperative
	ps := readCooperative(r.PostForm, &scratch)
	var req *supervision.ChangeRequest
	if err = ps.p.Err(); err == nil {
		req, err = h.ChangeRequests.ProposeChange(r.Context(), c.ID, supervision.ProposalOf(&scratch), r.PostFormValue("note"))
	}
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, "/usulan/"+strconv.FormatInt(req.ID, 10), "change-proposed")
	case bina.Invalid, bina.Conflict:
		f := newForm(r.PostForm, changeFormInputs, cooperativeAnchors)
		fields := bina.ErrorFields(err)
		if len(fields) == 0 {
			fields = []bina.FieldError{{Field: "proposal", Message: bina.ErrorText(err)}}
		}
		f.addProblems(fields, lang(r))
		h.changeForm(w, r, http.StatusUnprocessableEntity, c, f)
	default:
		h.Error(w, r, err)
	}
}

// changeRow is one field of a request beside the record: as it was when
// proposed, as it is now, and as proposed.
type changeRow struct {
	Field, Label           string
	Before, Current, After string
	Drifted                bool // changed since it was proposed
	Pending                bool // the record still differs from the proposal
}

// changeShowPage is one request with its differences and, for staff
// while it waits, the decision form.
type changeShowPage struct {
	layout
	R         *supervision.ChangeRequest
	C         *bina.Cooperative
	Rows      []changeRow
	Drifted   bool
	CanDecide bool
	Error     string
	Note      string
}

// ChangeRequestShow shows a request side by side with the record.
func (h *Handler) ChangeRequestShow(w http.ResponseWriter, r *http.Request) {
	p, err := h.changeShowPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "changerequest/show", p)
}

func (h *Handler) changeShowPage(r *http.Request) (*changeShowPage, error) {
	ctx := r.Context()
	if err := h.needChangeRequests(); err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	req, err := h.ChangeRequests.FindChangeRequest(ctx, id)
	if err != nil {
		return nil, err
	}
	c, err := h.Cooperatives.FindCooperative(ctx, req.CooperativeID)
	if err != nil {
		return nil, err
	}
	u := bina.UserFromContext(ctx)
	p := &changeShowPage{layout: h.newLayout(r, "Usulan perubahan data", "usulan"), R: req, C: c,
		CanDecide: req.State == supervision.ChangePending && u.CanEdit()}
	if u.Bound() {
		p.Nav = "pengurus"
	}
	p.Title = h.t(p.Lang, "Usulan perubahan data") + ": " + c.Name
	p.Here = "/usulan/" + strconv.FormatInt(id, 10)
	var proposed bina.Cooperative = *c
	req.Proposed.Apply(&proposed)
	proposed.Normalize()
	for _, ch := range req.Changes {
		row := changeRow{Field: ch.Field, Label: supervision.ProposalLabel(ch.Field).In(p.Lang), Before: ch.Before, After: ch.After,
			Current: supervision.ProposalValue(c, ch.Field)}
		row.Drifted = req.State == supervision.ChangePending && row.Current != ch.Before
		row.Pending = row.Current != supervision.ProposalValue(&proposed, ch.Field)
		p.Drifted = p.Drifted || row.Drifted
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// ChangeRequestDecide approves or rejects a request.
func (h *Handler) ChangeRequestDecide(w http.ResponseWriter, r *http.Request) {
	p, err := h.changeShowPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	approve := r.PostFormValue("decision") == "approve"
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	p.Note = r.PostFormValue("note")
	_, err = h.ChangeRequests.DecideChangeRequest(r.Context(), p.R.ID, approve, version, p.Note)
	switch bina.ErrorCode(err) {
	case "":
		flash := "change-rejected"
		if approve {
			flash = "change-approved"
		}
		h.redirectFlash(w, r, p.Here, flash)
	case bina.Invalid, bina.Conflict:
		p.Error = bina.ErrorText(err).In(p.Lang)
		for _, f := range bina.ErrorFields(err) {
			p.Error = f.Message.In(p.Lang)
		}
		h.render(w, r, httpStatusOf(err), "changerequest/show", p)
	default:
		h.Error(w, r, err)
	}
}

// httpStatusOf is the status of a form answered again with its problem.
func httpStatusOf(err error) int {
	if bina.ErrorCode(err) == bina.Conflict {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}
