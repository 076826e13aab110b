package web

import (
	"bina/supervision"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"bina"
)

// Board accounts (issue 12): staff invite a cooperative's board with a
// one-time link, the board member opens it, chooses a name and password
// and lands on the board's home page. The store checks who may do what;
// without Deps.Invitations these pages answer 404.

func (h *Handler) needInvitations() error {
	if h.Invitations == nil {
		return bina.Errorf(bina.NotFound, "Halaman tidak ditemukan.", "Page not found.")
	}
	return nil
}

// invitationPage is a cooperative's board accounts and invitations, for
// staff, with the link just made when there is one.
type invitationPage struct {
	layout
	C           *bina.Cooperative
	Invitations []invitationRow
	Accounts    []bina.User
	Form        *form
	Officers    []bina.Officer // those with a phone, to pick from
	IsAdmin     bool
	// The invitation just made: its link (shown once) and the WhatsApp
	// link that carries it.
	Link, WhatsApp string
	LinkTo         string
	LinkEnds       time.Time
}

type invitationRow struct {
	supervision.Invitation
	State string
}

// invitationFormInputs are the inputs of the invitation form.
var invitationFormInputs = []string{"officer", "name", "phone"}

func (h *Handler) invitationPage(r *http.Request) (*invitationPage, error) {
	ctx := r.Context()
	if err := h.needInvitations(); err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	c, err := h.Cooperatives.FindCooperative(ctx, id)
	if err != nil {
		return nil, err
	}
	sub := bina.Subject{Kind: bina.SubjectCooperative, ID: id}
	invs, err := h.Invitations.ListInvitations(ctx, sub)
	if err != nil {
		return nil, err
	}
	p := &invitationPage{layout: h.newLayout(r, "Akun pengurus", "koperasi"), C: c, IsAdmin: bina.UserFromContext(ctx).IsAdmin(),
		Form: newForm(nil, invitationFormInputs, nil)}
	p.Title = h.t(p.Lang, "Akun pengurus") + ": " + c.Name
	p.Here = "/koperasi/" + strconv.FormatInt(id, 10) + "/undangan"
	now := h.Ref.Clock()
	for _, x := range invs {
		p.Invitations = append(p.Invitations, invitationRow{Invitation: x, State: string(x.State(now))})
	}
	if p.Accounts, err = h.Invitations.PartnerAccounts(ctx, sub); err != nil {
		return nil, err
	}
	for _, o := range c.Officers {
		if o.Phone != "" {
			p.Officers = append(p.Officers, o)
		}
	}
	return p, nil
}

// InvitationList shows a cooperative's board accounts and invitations.
func (h *Handler) InvitationList(w http.ResponseWriter, r *http.Request) {
	p, err := h.invitationPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "partner/invitations", p)
}

// InvitationCreate makes an invitation and shows its link once, with a
// WhatsApp link to the invitee's phone when there is one.
func (h *Handler) InvitationCreate(w http.ResponseWriter, r *http.Request) {
	p, err := h.invitationPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	inv := supervision.Invitation{Subject: bina.Subject{Kind: bina.SubjectCooperative, ID: p.C.ID},
		Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone")}
	if i, err := strconv.Atoi(r.PostFormValue("officer")); err == nil && i >= 0 && i < len(p.Officers) {
		o := p.Officers[i]
		if inv.Name == "" {
			inv.Name = o.Name + " (" + bina.OfficerRoles.Label(o.Role, "id") + ")"
		}
		if inv.Phone == "" {
			inv.Phone = o.Phone
		}
	}
	secret, err := h.Invitations.CreateInvitation(r.Context(), &inv)
	if bina.ErrorCode(err) == bina.Invalid {
		p.Form = newForm(r.PostForm, invitationFormInputs, nil)
		p.Form.addProblems(bina.ErrorFields(err), p.Lang)
		h.render(w, r, http.StatusUnprocessableEntity, "partner/invitations", p)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p.Link = h.publicURL(r) + "/undangan?t=" + url.QueryEscape(secret)
	p.LinkTo, p.LinkEnds = inv.Name, inv.ExpiresAt
	text := supervision.InvitationMessage(inv.Name, p.C.Name, p.Link, inv.ExpiresAt)
	if wa, ok := bina.WhatsAppLink(inv.Phone, text); ok {
		p.WhatsApp = wa
	} else {
		p.WhatsApp = "https://wa.me/?text=" + url.QueryEscape(text)
	}
	p.Invitations = append([]invitationRow{{Invitation: inv, State: string(supervision.InvitationOpen)}}, p.Invitations...)
	h.render(w, r, http.StatusOK, "partner/invitations", p)
}

// InvitationRevoke ends an open invitation.
func (h *Handler) InvitationRevoke(w http.ResponseWriter, r *http.Request) {
	p, err := h.invitationPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	iid, err := strconv.ParseInt(r.PathValue("iid"), 10, 64)
	mine := false
	for _, x := range p.Invitations {
		mine = mine || x.ID == iid
	}
	if err != nil || !mine {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Undangan tidak ditemukan.", "Invitation not found."))
		return
	}
	if err := h.Invitations.RevokeInvitation(r.Context(), iid); err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, p.Here, "invitation-revoked")
}

// BoardAccountState disables or enables a board account of the
// cooperative (office staff; admins also on the user pages).
func (h *Handler) BoardAccountState(disable bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := h.invitationPage(r)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		uid, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
		if err != nil {
			h.Error(w, r, bina.Errorf(bina.NotFound, "Pengguna tidak ditemukan.", "User not found."))
			return
		}
		sub := bina.Subject{Kind: bina.SubjectCooperative, ID: p.C.ID}
		if err := h.Invitations.SetPartnerDisabled(r.Context(), sub, uid, disable); err != nil {
			h.Error(w, r, err)
			return
		}
		flash := "user-enabled"
		if disable {
			flash = "user-disabled"
		}
		h.redirectFlash(w, r, p.Here, flash)
	}
}

// acceptPage lets the holder of an invitation make the account.
type acceptPage struct {
	layout
	Secret      string
	Cooperative string
	Invitee     string
	Name        string
	Gone        string
	Errors      []string
}

// InvitationAcceptPage shows the form of an invitation link
// (/undangan?t=…); the secret travels in the query, never logged.
func (h *Handler) InvitationAcceptPage(w http.ResponseWriter, r *http.Request) {
	if err := h.needInvitations(); err != nil {
		h.Error(w, r, err)
		return
	}
	p := &acceptPage{layout: h.newLayout(r, "Buat akun pengurus", ""), Secret: r.URL.Query().Get("t")}
	p.Here = "/masuk"
	status := http.StatusOK
	if err := h.findInvitation(r, p); err != nil {
		if bina.ErrorCode(err) != bina.NotFound {
			h.Error(w, r, err)
			return
		}
		p.Gone, status = bina.ErrorText(err).In(p.Lang), http.StatusNotFound
	}
	h.render(w, r, status, "partner/accept", p)
}

func (h *Handler) findInvitation(r *http.Request, p *acceptPage) error {
	inv, coop, err := h.Invitations.FindInvitation(r.Context(), p.Secret)
	if err != nil {
		return err
	}
	p.Invitee, p.Cooperative = inv.Name, coop
	return nil
}

// InvitationAccept makes the account, signs it in and sends it to the
// board's home page.
func (h *Handler) InvitationAccept(w http.ResponseWriter, r *http.Request) {
	if err := h.needInvitations(); err != nil {
		h.Error(w, r, err)
		return
	}
	ctx := r.Context()
	p := &acceptPage{layout: h.newLayout(r, "Buat akun pengurus", ""), Secret: r.PostFormValue("t"), Name: r.PostFormValue("name")}
	p.Here = "/masuk"
	var (
		u   *bina.User
		err error
	)
	if r.PostFormValue("password") != r.PostFormValue("password2") {
		err = bina.Errorf(bina.Invalid, "Kedua kata sandi tidak sama.", "The two passwords differ.")
	} else {
		u, err = h.Invitations.AcceptInvitation(ctx, p.Secret, p.Name, r.PostFormValue("password"))
	}
	switch bina.ErrorCode(err) {
	case "":
	case bina.Invalid, bina.Conflict:
		if ferr := h.findInvitation(r, p); ferr != nil {
			h.Error(w, r, ferr)
			return
		}
		if fields := bina.ErrorFields(err); len(fields) > 0 {
			for _, f := range fields {
				p.Errors = append(p.Errors, f.Message.In(p.Lang))
			}
		} else {
			p.Errors = append(p.Errors, bina.ErrorText(err).In(p.Lang))
		}
		h.render(w, r, http.StatusUnprocessableEntity, "partner/accept", p)
		return
	case bina.NotFound:
		p.Gone = bina.ErrorText(err).In(p.Lang)
		h.render(w, r, http.StatusNotFound, "partner/accept", p)
		return
	default:
		h.Error(w, r, err)
		return
	}
	if err := h.startSession(w, r, u.ID); err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/pengurus", "board-welcome")
}

// boardHomePage is where a board account lands: its cooperative, its
// annual reports, its health and its change requests.
type boardHomePage struct {
	layout
	C           *bina.Cooperative
	ReportYears []int
	States      map[int]string // the state of each year's newest report, as a label
	DueYear     int
	Health      *bina.RAT // the newest RAT with a health result
	Pending     *supervision.ChangeRequest
	Requests    []supervision.ChangeRequest
}

// reportYears is how many book years the board's home links to.
const reportYears = 5

// BoardHome shows a board account its cooperative. Office accounts have
// no cooperative of their own and go to the overview.
func (h *Handler) BoardHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	id := u.CooperativeID()
	if id == 0 {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	c, err := h.Cooperatives.FindCooperative(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &boardHomePage{layout: h.newLayout(r, "Koperasi saya", "pengurus"), C: c}
	p.Title = c.Name
	now := h.Ref.Clock()
	// The report of book year T is made in T+1: the newest first.
	for y := now.Year() - 1; y > now.Year()-1-reportYears; y-- {
		p.ReportYears = append(p.ReportYears, y)
	}
	p.DueYear = bina.LastDueBookYear(now)
	if h.Reports != nil {
		rs, err := h.Reports.ListAnnualReports(ctx, id)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		p.States = map[int]string{}
		for _, x := range rs {
			p.States[x.BookYear] = supervision.ReportStates.Label(string(x.State), p.Lang)
		}
	}
	for i := range c.RATs {
		if c.RATs[i].HealthResult != "" && (p.Health == nil || c.RATs[i].BookYear > p.Health.BookYear) {
			p.Health = &c.RATs[i]
		}
	}
	if h.ChangeRequests != nil {
		if p.Requests, err = h.ChangeRequests.ListChangeRequests(ctx, supervision.ChangeRequestFilter{CooperativeID: id, Limit: 5}); err != nil {
			h.Error(w, r, err)
			return
		}
		for i := range p.Requests {
			if p.Requests[i].State == supervision.ChangePending {
				p.Pending = &p.Requests[i]
			}
		}
	}
	h.render(w, r, http.StatusOK, "partner/home", p)
}

// mayFillReport reports whether u may fill in and submit the annual
// reports of cooperative id: those who may edit the register, and the
// cooperative's own board (the store checks both again).
func mayFillReport(u *bina.User, id int64) bool {
	return u.CanEdit() || (id != 0 && u.CooperativeID() == id)
}

// mustFillReport returns Forbidden unless mayFillReport.
func mustFillReport(u *bina.User, id int64) error {
	if mayFillReport(u, id) {
		return nil
	}
	return mustEdit(u)
}
