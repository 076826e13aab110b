package web

import (
	"net/http"
	"net/url"

	"bina"
	"bina/internal/httperr"
)

// loginPage is the sign-in form.
type loginPage struct {
	layout
	Name    string
	Next    string
	Message string
}

// LoginPage shows the sign-in form; a signed-in user goes straight on.
func (h *Handler) LoginPage(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if bina.UserFromContext(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	p := &loginPage{layout: h.newLayout(r, "Masuk", ""), Next: next}
	h.render(w, r, http.StatusOK, "login", p)
}

// Login checks the name and password, starts a session and sends the
// browser to the page it came for.
func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name, pw := r.PostFormValue("name"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	p := &loginPage{layout: h.newLayout(r, "Masuk", ""), Name: name, Next: next}
	p.Here = "/masuk?next=" + url.QueryEscape(next)
	if name == "" || pw == "" {
		p.Message = h.t(p.Lang, "Isi nama pengguna dan kata sandi.")
		h.render(w, r, http.StatusUnprocessableEntity, "login", p)
		return
	}
	u, err := h.Users.Authenticate(ctx, name, pw, clientIP(r))
	if err != nil {
		switch code := bina.ErrorCode(err); code {
		case bina.Unauthorized, bina.Forbidden, bina.Invalid, bina.TooMany:
			// A throttled attempt says how long to wait, to people and
			// to scripts alike.
			httperr.SetRetryAfter(w.Header(), err)
			p.Message = bina.ErrorText(err).In(p.Lang)
			h.render(w, r, httperr.Status(code), "login", p)
		default:
			h.Error(w, r, err)
		}
		return
	}
	if err := h.startSession(w, r, u.ID); err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// startSession signs the browser of r in as the account userID.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, userID int64) error {
	ctx := r.Context()
	sess, err := h.Users.CreateSession(ctx, userID)
	if err != nil {
		return err
	}
	// A session the browser still held is ended: one browser, one session.
	if old := bina.SessionFromContext(ctx); old != nil {
		if err := h.Users.DeleteSession(ctx, old.Token); err != nil {
			h.Log.Warn("end previous session", "err", err)
		}
	}
	// A browser-session cookie: the store ends idle and old sessions
	// itself, and a closed browser forgets the sign-in.
	http.SetCookie(w, h.cookie(SessionCookie, sess.Token, 0))
	return nil
}

// Logout ends the session and returns to the sign-in page.
func (h *Handler) Logout(w http.ResponseWriter, r *http.Request) {
	if s := bina.SessionFromContext(r.Context()); s != nil {
		if err := h.Users.DeleteSession(r.Context(), s.Token); err != nil && bina.ErrorCode(err) != bina.Unauthorized && bina.ErrorCode(err) != bina.NotFound {
			h.Error(w, r, err)
			return
		}
	}
	http.SetCookie(w, h.cookie(SessionCookie, "", -1))
	http.Redirect(w, r, "/masuk", http.StatusSeeOther)
}
