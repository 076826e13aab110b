package api

import (
	"bina/supervision"
	"net/http"
	"net/url"

	"bina"
)

// Board accounts (issue 12): staff invite a cooperative's board and
// decide the board's change requests; the board proposes them. The store
// checks who may do what and scopes every record to the caller.

// idFor reads the id of the path when the route's service is on; it
// reports whether the request may go on, having answered it otherwise.
func (h *Handler) idFor(w http.ResponseWriter, r *http.Request, on bool) (int64, bool) {
	id, ok := pathID(r, "id")
	if !ok || !on {
		h.Error(w, r, errNotFound())
		return 0, false
	}
	return id, true
}

// invitationIn is the body of a new invitation.
type invitationIn struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

// invitationMade is the answer to a new invitation: the link is shown
// this once, the WhatsApp link carries it to the invitee's phone.
type invitationMade struct {
	supervision.Invitation
	Link     string `json:"link"`
	WhatsApp string `json:"whatsapp_url"`
}

// CreateInvitation makes a one-time invitation for a cooperative's board.
func (h *Handler) CreateInvitation(w http.ResponseWriter, r *http.Request) {
	var in invitationIn
	id, ok := h.decodeFor(w, r, h.invitations != nil, &in)
	if !ok {
		return
	}
	c, err := h.cooperatives.FindCooperative(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	inv := supervision.Invitation{Subject: bina.Subject{Kind: bina.SubjectCooperative, ID: id}, Name: in.Name, Phone: in.Phone}
	secret, err := h.invitations.CreateInvitation(r.Context(), &inv)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	out := invitationMade{Invitation: inv, Link: publicBase(r, h.publicURL) + "/undangan?t=" + url.QueryEscape(secret)}
	text := supervision.InvitationMessage(inv.Name, c.Name, out.Link, inv.ExpiresAt)
	if wa, ok := bina.WhatsAppLink(inv.Phone, text); ok {
		out.WhatsApp = wa
	} else {
		out.WhatsApp = "https://wa.me/?text=" + url.QueryEscape(text)
	}
	w.Header().Set("Cache-Control", "no-store")
	h.writeJSON(w, r, http.StatusCreated, out)
}

// invitationOut is an invitation with its state.
type invitationOut struct {
	supervision.Invitation
	State supervision.InvitationState `json:"state"`
}

// ListInvitations answers a cooperative's invitations, newest first.
func (h *Handler) ListInvitations(w http.ResponseWriter, r *http.Request) {
	id, ok := h.idFor(w, r, h.invitations != nil)
	if !ok {
		return
	}
	xs, err := h.invitations.ListInvitations(r.Context(), bina.Subject{Kind: bina.SubjectCooperative, ID: id})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	now := h.ref.Clock()
	out := make([]invitationOut, len(xs))
	for i, x := range xs {
		out[i] = invitationOut{Invitation: x, State: x.State(now)}
	}
	h.writeJSON(w, r, http.StatusOK, countedOf(out))
}

// RevokeInvitation ends an open invitation: 204.
func (h *Handler) RevokeInvitation(w http.ResponseWriter, r *http.Request) {
	id, ok := h.idFor(w, r, h.invitations != nil)
	if !ok {
		return
	}
	if err := h.invitations.RevokeInvitation(r.Context(), id); err != nil {
		h.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// changeRequestIn is the body of a board's proposal.
type changeRequestIn struct {
	Proposed supervision.CooperativeProposal `json:"proposed"`
	Note     string                          `json:"note"`
}

// decisionIn is the body of an approval or rejection.
type decisionIn struct {
	Version int    `json:"version"`
	Note    string `json:"note"`
}

// ProposeChange stores a board's change request for its cooperative: 201.
func (h *Handler) ProposeChange(w http.ResponseWriter, r *http.Request) {
	var in changeRequestIn
	id, ok := h.decodeFor(w, r, h.changeRequests != nil, &in)
	if !ok {
		return
	}
	out, err := h.changeRequests.ProposeChange(r.Context(), id, in.Proposed, in.Note)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, out)
}

// listChangeRequests answers the requests of f.
func (h *Handler) listChangeRequests(w http.ResponseWriter, r *http.Request, f supervision.ChangeRequestFilter) {
	f.State = supervision.ChangeState(r.URL.Query().Get("state"))
	xs, err := h.changeRequests.ListChangeRequests(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, countedOf(xs))
}

// ListCooperativeChangeRequests answers one cooperative's requests.
func (h *Handler) ListCooperativeChangeRequests(w http.ResponseWriter, r *http.Request) {
	id, ok := h.idFor(w, r, h.changeRequests != nil)
	if !ok {
		return
	}
	if _, err := h.cooperatives.FindCooperative(r.Context(), id); err != nil {
		h.Error(w, r, err)
		return
	}
	h.listChangeRequests(w, r, supervision.ChangeRequestFilter{CooperativeID: id})
}

// ListChangeRequests answers the requests the caller reaches (the
// office's queue with ?state=pending).
func (h *Handler) ListChangeRequests(w http.ResponseWriter, r *http.Request) {
	if h.changeRequests == nil {
		h.Error(w, r, errNotFound())
		return
	}
	h.listChangeRequests(w, r, supervision.ChangeRequestFilter{})
}

// GetChangeRequest answers one request.
func (h *Handler) GetChangeRequest(w http.ResponseWriter, r *http.Request) {
	id, ok := h.idFor(w, r, h.changeRequests != nil)
	if !ok {
		return
	}
	out, err := h.changeRequests.FindChangeRequest(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, out)
}

// ApproveChangeRequest applies a pending request.
func (h *Handler) ApproveChangeRequest(w http.ResponseWriter, r *http.Request) {
	h.decideChangeRequest(w, r, true)
}

// RejectChangeRequest rejects a pending request with a note.
func (h *Handler) RejectChangeRequest(w http.ResponseWriter, r *http.Request) {
	h.decideChangeRequest(w, r, false)
}

func (h *Handler) decideChangeRequest(w http.ResponseWriter, r *http.Request, approve bool) {
	var in decisionIn
	id, ok := h.decodeFor(w, r, h.changeRequests != nil, &in)
	if !ok {
		return
	}
	out, err := h.changeRequests.DecideChangeRequest(r.Context(), id, approve, in.Version, in.Note)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, out)
}
