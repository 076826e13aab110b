package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"bina"
)

// The account pages of the administrators: the list, adding an account,
// changing its role and region, disabling and enabling it (after a
// confirmation), one-time password reset links, named API tokens and
// sessions. The store checks that the actor is an administrator; the
// handlers check it first too, so that others get a clear page.

// mustAdmin returns Forbidden for anyone but an administrator.
func mustAdmin(u *bina.User) error {
	if !u.IsAdmin() {
		return bina.Errorf(bina.Forbidden, "Halaman ini hanya untuk administrator.", "This page is for administrators only.")
	}
	return nil
}

// userListPage lists the accounts and the sign-in delays in force.
type userListPage struct {
	layout
	Users     []bina.User
	List      listNav // position, pages and page size (listnav.go)
	Throttles []bina.Throttle
}

// UserList shows every account.
func (h *Handler) UserList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := mustAdmin(bina.UserFromContext(ctx)); err != nil {
		h.Error(w, r, err)
		return
	}
	p := &userListPage{layout: h.newLayout(r, "Pengguna", "pengguna")}
	var err error
	if p.Users, err = h.Users.ListUsers(ctx); err != nil {
		h.Error(w, r, err)
		return
	}
	// An office has tens of accounts: read them all, show a page.
	q := r.URL.Query()
	page, offset := offsetPage(q)
	total := len(p.Users)
	p.Users = p.Users[min(offset, total):min(offset+pageSize(q), total)]
	p.List = newListQuery(r, "/pengguna", q).offsetNav(page, len(p.Users), total, false)
	if p.Throttles, err = h.Users.Throttles(ctx); err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "user/list", p)
}

// userFormPage adds an account.
type userFormPage struct {
	layout
	F         *form
	Districts bina.Options
}

var userFormInputs = []string{"name", "role", "region", "password"}

// UserNew shows the form for a new account.
func (h *Handler) UserNew(w http.ResponseWriter, r *http.Request) {
	if err := mustAdmin(bina.UserFromContext(r.Context())); err != nil {
		h.Error(w, r, err)
		return
	}
	p := &userFormPage{layout: h.newLayout(r, "Tambah pengguna", "pengguna"), F: newForm(url.Values{"role": {"staff"}}, userFormInputs, nil), Districts: h.districtOptions()}
	h.render(w, r, http.StatusOK, "user/form", p)
}

// UserCreate adds the account of the form.
func (h *Handler) UserCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := mustAdmin(bina.UserFromContext(ctx)); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak dapat dibaca.", "The form could not be read."))
		return
	}
	v := r.PostForm
	u := &bina.User{Name: v.Get("name"), Role: bina.Role(v.Get("role")), Region: bina.RegionCode(v.Get("region"))}
	if err := h.Users.CreateUser(ctx, u, v.Get("password")); err != nil {
		if !isFormError(err) {
			h.Error(w, r, err)
			return
		}
		v.Del("password")
		p := &userFormPage{layout: h.newLayout(r, "Tambah pengguna", "pengguna"), F: newForm(v, userFormInputs, nil), Districts: h.districtOptions()}
		p.F.addProblems(bina.ErrorFields(err), p.Lang)
		h.render(w, r, http.StatusUnprocessableEntity, "user/form", p)
		return
	}
	h.redirectFlash(w, r, "/pengguna/"+strconv.FormatInt(u.ID, 10), "user-created")
}

// districtOptions are the kecamatan a field officer may be given.
func (h *Handler) districtOptions() bina.Options {
	os := make(bina.Options, 0, len(h.districts))
	for _, d := range h.districts {
		os = append(os, bina.Option{Code: string(d.Code), ID: d.Name, EN: d.Name})
	}
	return os
}

// isFormError reports whether err belongs beside the form's fields.
func isFormError(err error) bool {
	c := bina.ErrorCode(err)
	return c == bina.Invalid || (c == bina.Conflict && len(bina.ErrorFields(err)) > 0)
}

// userPage shows one account: its role and region, its state, tokens and
// sessions; Secret is a reset link or a new token shown once.
type userPage struct {
	layout
	U         *bina.User
	F         *form
	Districts bina.Options
	Tokens    []bina.Token
	Sessions  []bina.SessionInfo
	Now       time.Time
	// SecretKind is "reset" or "token" when Secret is shown.
	SecretKind string
	Secret     string
	SecretEnds time.Time
}

// userPage loads the page of the account in the route's {id}.
func (h *Handler) userPage(r *http.Request) (*userPage, error) {
	ctx := r.Context()
	if err := mustAdmin(bina.UserFromContext(ctx)); err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	u, err := h.Users.FindUser(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &userPage{layout: h.newLayout(r, "Pengguna", "pengguna"), U: u, Districts: h.districtOptions(), Now: h.Ref.Clock()}
	p.Title = u.Name
	p.F = newForm(url.Values{"role": {string(u.Role)}, "region": {string(u.Region)}}, []string{"role", "region"}, nil)
	if p.Tokens, err = h.Users.ListTokens(ctx, id); err != nil {
		return nil, err
	}
	if p.Sessions, err = h.Users.ListSessions(ctx, id); err != nil {
		return nil, err
	}
	return p, nil
}

// UserShow shows an account.
func (h *Handler) UserShow(w http.ResponseWriter, r *http.Request) {
	p, err := h.userPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "user/show", p)
}

// UserUpdate changes an account's role and region.
func (h *Handler) UserUpdate(w http.ResponseWriter, r *http.Request) {
	p, err := h.userPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	role, region := r.PostFormValue("role"), r.PostFormValue("region")
	if _, err := h.Users.UpdateUser(r.Context(), p.U.ID, bina.Role(role), bina.RegionCode(region)); err != nil {
		if !isFormError(err) {
			h.Error(w, r, err)
			return
		}
		p.F = newForm(url.Values{"role": {role}, "region": {region}}, []string{"role", "region"}, nil)
		p.F.addProblems(bina.ErrorFields(err), p.Lang)
		h.render(w, r, http.StatusUnprocessableEntity, "user/show", p)
		return
	}
	h.redirectFlash(w, r, userURL(p.U), "saved")
}

func userURL(u *bina.User) string { return "/pengguna/" + strconv.FormatInt(u.ID, 10) }

// userConfirmPage asks before disabling or enabling an account.
type userConfirmPage struct {
	layout
	U       *bina.User
	Explain string
	Action  string // the address the confirmation posts to
	Confirm string // the button
	Danger  bool
}

// UserConfirmState asks to confirm disabling (/nonaktifkan) or enabling
// (/aktifkan) an account.
func (h *Handler) UserConfirmState(disable bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := h.userPage(r)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		l := h.newLayout(r, "Aktifkan pengguna", "pengguna")
		c := &userConfirmPage{layout: l, U: p.U, Action: userURL(p.U) + "/aktifkan", Danger: disable,
			Explain: h.t(l.Lang, "Akun ini dapat masuk lagi dengan kata sandinya."), Confirm: h.t(l.Lang, "Ya, aktifkan")}
		if disable {
			c.Title, c.Action = h.t(l.Lang, "Nonaktifkan pengguna"), userURL(p.U)+"/nonaktifkan"
			c.Explain = h.t(l.Lang, "Semua sesi akun ini langsung berakhir dan semua token API-nya dicabut. Akun tidak dapat masuk sampai diaktifkan kembali; token yang dicabut tidak berlaku lagi.")
			c.Confirm = h.t(l.Lang, "Ya, nonaktifkan")
		}
		h.render(w, r, http.StatusOK, "user/confirm", c)
	}
}

// UserSetState disables or enables an account once confirmed.
func (h *Handler) UserSetState(disable bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := h.userPage(r)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		if err := h.Users.SetDisabled(r.Context(), p.U.ID, disable); err != nil {
			h.Error(w, r, err)
			return
		}
		flash := "user-enabled"
		if disable {
			flash = "user-disabled"
		}
		h.redirectFlash(w, r, userURL(p.U), flash)
	}
}

// UserResetLink makes a one-time password reset link and shows it for
// the administrator to pass on.
func (h *Handler) UserResetLink(w http.ResponseWriter, r *http.Request) {
	p, err := h.userPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	secret, ends, err := h.Users.CreateResetLink(r.Context(), p.U.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p.SecretKind, p.Secret, p.SecretEnds = "reset", siteURL(r, h.SecureCookies)+"/atur-sandi?t="+url.QueryEscape(secret), ends
	h.render(w, r, http.StatusOK, "user/show", p)
}

// siteURL is the scheme and host the request came to.
func siteURL(r *http.Request, secure bool) string {
	scheme := "http"
	if r.TLS != nil || secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// tokenDays are the validities offered for a new token.
var tokenDays = []int{30, 90, 180, 365}

// UserTokenCreate makes a named API token and shows it once.
func (h *Handler) UserTokenCreate(w http.ResponseWriter, r *http.Request) {
	p, err := h.userPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	days, _ := strconv.Atoi(r.PostFormValue("days"))
	if days < 1 || days > 366 {
		days = 90
	}
	ends := h.Ref.Clock().Add(time.Duration(days) * 24 * time.Hour)
	tok, t, err := h.Users.IssueToken(r.Context(), p.U.ID, r.PostFormValue("token_name"), ends)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if p.Tokens, err = h.Users.ListTokens(r.Context(), p.U.ID); err != nil {
		h.Error(w, r, err)
		return
	}
	p.SecretKind, p.Secret, p.SecretEnds = "token", tok, t.ExpiresAt
	h.render(w, r, http.StatusOK, "user/show", p)
}

// UserTokenRevoke revokes one token of the account.
func (h *Handler) UserTokenRevoke(w http.ResponseWriter, r *http.Request) {
	p, err := h.userPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	tid, err := strconv.ParseInt(r.PathValue("token"), 10, 64)
	owned := false
	for _, t := range p.Tokens {
		owned = owned || t.ID == tid
	}
	if err != nil || !owned {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Token tidak ditemukan.", "Token not found."))
		return
	}
	if err := h.Users.RevokeToken(r.Context(), tid); err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, userURL(p.U), "token-revoked")
}

// UserSessionEnd ends one session of the account.
func (h *Handler) UserSessionEnd(w http.ResponseWriter, r *http.Request) {
	p, err := h.userPage(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.Users.EndSession(r.Context(), p.U.ID, r.PathValue("session")); err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, userURL(p.U), "session-ended")
}

// ThrottleClear lifts the sign-in delays of a name or an address.
func (h *Handler) ThrottleClear(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := mustAdmin(bina.UserFromContext(ctx)); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.Users.ClearThrottles(ctx, r.PostFormValue("name"), r.PostFormValue("address")); err != nil {
		h.Error(w, r, err)
		return
	}
	to := "/pengguna"
	if next := safeNext(r.PostFormValue("next")); next != "/" {
		to = next
	}
	h.redirectFlash(w, r, to, "unblocked")
}

// resetPage lets the holder of a reset link set a new password.
type resetPage struct {
	layout
	Secret string
	Name   string
	Gone   string // why the link does not work
	Errors []string
}

// PasswordResetPage shows the form of a reset link (/atur-sandi?t=…). The
// secret travels in the query, which the request log never records.
func (h *Handler) PasswordResetPage(w http.ResponseWriter, r *http.Request) {
	p := &resetPage{layout: h.newLayout(r, "Atur kata sandi baru", ""), Secret: r.URL.Query().Get("t")}
	p.Here = "/masuk"
	status := http.StatusOK
	if u, err := h.Users.FindReset(r.Context(), p.Secret); err != nil {
		if bina.ErrorCode(err) != bina.NotFound {
			h.Error(w, r, err)
			return
		}
		p.Gone, status = bina.ErrorText(err).In(p.Lang), http.StatusNotFound
	} else {
		p.Name = u.Name
	}
	h.render(w, r, status, "user/reset", p)
}

// PasswordReset sets the new password of a reset link and sends the user
// to sign in.
func (h *Handler) PasswordReset(w http.ResponseWriter, r *http.Request) {
	p := &resetPage{layout: h.newLayout(r, "Atur kata sandi baru", ""), Secret: r.PostFormValue("t")}
	p.Here = "/masuk"
	pw := r.PostFormValue("password")
	var err error
	if pw != r.PostFormValue("password2") {
		err = bina.Errorf(bina.Invalid, "Kedua kata sandi tidak sama.", "The two passwords differ.")
	} else {
		err = h.Users.ResetPassword(r.Context(), p.Secret, pw)
	}
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, "/masuk", "password-set")
		return
	case bina.Invalid:
		u, ferr := h.Users.FindReset(r.Context(), p.Secret)
		if ferr != nil {
			h.Error(w, r, ferr)
			return
		}
		p.Name = u.Name
		p.Errors = append(p.Errors, bina.ErrorText(err).In(p.Lang))
		for _, f := range bina.ErrorFields(err) {
			p.Errors = append(p.Errors, f.Message.In(p.Lang))
		}
		if len(p.Errors) > 1 {
			p.Errors = p.Errors[1:]
		}
		h.render(w, r, http.StatusUnprocessableEntity, "user/reset", p)
	case bina.NotFound:
		p.Gone = bina.ErrorText(err).In(p.Lang)
		h.render(w, r, http.StatusNotFound, "user/reset", p)
	default:
		h.Error(w, r, err)
	}
}
