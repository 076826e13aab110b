package api_test

import (
	"bina/supervision"
	"net/url"
	"strings"
	"testing"

	"bina"
)

// testBoardAccounts invites a board, signs the account in with a token
// and walks a change request; a board reaching for another cooperative or
// any enterprise gets 404.
func (e *env) testBoardAccounts(t *testing.T) {
	staff := e.tokens[bina.RoleStaff]
	own := e.call(t, e.admin, "POST", "/api/v1/cooperatives", cooperativeBody("KSP Pengurus Aktif", "61.12.01.2001", nil)).want(t, 201).record(t)
	other := e.call(t, e.admin, "POST", "/api/v1/cooperatives", cooperativeBody("KSP Lain Sama Sekali", "61.12.01.2001", nil)).want(t, 201).record(t)
	invURL := path("/api/v1/cooperatives/%d/invitations", own.ID)

	e.call(t, e.tokens[bina.RoleViewer], "POST", invURL, map[string]any{"name": "Budi"}).problem(t, 403, "forbidden")
	e.call(t, staff, "POST", invURL, map[string]any{"name": "", "phone": "12"}).problem(t, 422, "invalid", "name", "phone")
	var made struct {
		ID       int64  `json:"id"`
		Link     string `json:"link"`
		WhatsApp string `json:"whatsapp_url"`
	}
	e.call(t, staff, "POST", invURL, map[string]any{"name": "Budi (Ketua)", "phone": "0812-3456-7890"}).want(t, 201).decode(t, &made)
	if !strings.HasPrefix(made.WhatsApp, "https://wa.me/6281234567890?text=") || !strings.Contains(made.Link, "/undangan?t=") {
		t.Fatalf("invitation %+v", made)
	}
	var spare struct {
		ID int64 `json:"id"`
	}
	e.call(t, staff, "POST", invURL, map[string]any{"name": "Cadangan"}).want(t, 201).decode(t, &spare)
	e.call(t, staff, "POST", path("/api/v1/invitations/%d/revoke", spare.ID), nil).want(t, 204)
	var invs struct {
		Items []struct {
			ID    int64  `json:"id"`
			State string `json:"state"`
		} `json:"items"`
	}
	e.call(t, staff, "GET", invURL, nil).want(t, 200).decode(t, &invs)
	if len(invs.Items) != 2 || invs.Items[0].State != "revoked" || invs.Items[1].State != "open" {
		t.Fatalf("invitations %+v", invs)
	}

	// The link's page makes the account; a token lets scripts act as it.
	u, _ := url.Parse(made.Link)
	form := url.Values{"t": {u.Query().Get("t")}, "name": {"budi.pengurus"}, "password": {"kebun durian tepi sungai"}, "password2": {"kebun durian tepi sungai"}}
	r := e.raw(t, "", "POST", "/undangan", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if r.status != 303 || r.header.Get("Location") != "/pengurus" {
		t.Fatalf("accept: %d %s", r.status, r.header.Get("Location"))
	}
	e.call(t, staff, "POST", path("/api/v1/invitations/%d/revoke", made.ID), nil).problem(t, 409, "conflict")
	acct, err := e.users.FindUserByName(t.Context(), "budi.pengurus")
	if err != nil {
		t.Fatal(err)
	}
	board, err := e.users.CreateToken(t.Context(), acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	var me bina.User
	e.call(t, board, "GET", "/api/v1/me", nil).want(t, 200).decode(t, &me)
	if me.Subject.ID != own.ID || me.Role != bina.RolePartner {
		t.Fatalf("me %+v", me)
	}
	e.call(t, board, "GET", path("/api/v1/cooperatives/%d", own.ID), nil).want(t, 200)
	for _, p := range []string{path("/api/v1/cooperatives/%d", other.ID), "/api/v1/cooperatives", "/api/v1/enterprises",
		path("/api/v1/enterprises/%d", e.ids["keripik"]), invURL, path("/api/v1/cooperatives/%d/change-requests", other.ID),
		path("/api/v1/cooperatives/%d/reports/2025", other.ID)} {
		if r := e.raw(t, board, "GET", p, nil); r.status != 404 {
			t.Errorf("a board account reaching %s: %d, want 404", p, r.status)
		}
	}

	// A change request: proposed by the board, approved by staff.
	crURL := path("/api/v1/cooperatives/%d/change-requests", own.ID)
	proposal := map[string]any{"address": "Jl. Usulan Pengurus 1", "members_female": 30, "members_male": 30,
		"officers": []any{map[string]any{"name": "Budi", "role": "ketua", "phone": "081234567890"}}}
	e.call(t, staff, "POST", crURL, map[string]any{"proposed": proposal}).problem(t, 403, "forbidden")
	e.call(t, board, "POST", path("/api/v1/cooperatives/%d/change-requests", other.ID), map[string]any{"proposed": proposal}).problem(t, 404, "not_found")
	var cr supervision.ChangeRequest
	e.call(t, board, "POST", crURL, map[string]any{"proposed": proposal, "note": "RAT 2025"}).want(t, 201).decode(t, &cr)
	if cr.State != supervision.ChangePending || len(cr.Changes) == 0 {
		t.Fatalf("request %+v", cr)
	}
	var list struct {
		Items []supervision.ChangeRequest `json:"items"`
		Total int                         `json:"total"`
	}
	e.call(t, staff, "GET", "/api/v1/change-requests?state=pending", nil).want(t, 200).decode(t, &list)
	if list.Total != 1 || list.Items[0].ID != cr.ID {
		t.Fatalf("queue %+v", list)
	}
	e.call(t, board, "GET", crURL, nil).want(t, 200)
	e.call(t, board, "GET", path("/api/v1/change-requests/%d", cr.ID), nil).want(t, 200)
	e.call(t, board, "POST", path("/api/v1/change-requests/%d/approve", cr.ID), map[string]any{}).problem(t, 404, "not_found")
	e.call(t, staff, "POST", path("/api/v1/change-requests/%d/reject", cr.ID), map[string]any{}).problem(t, 422, "invalid", "note")
	e.call(t, staff, "POST", path("/api/v1/change-requests/%d/approve", cr.ID), map[string]any{"version": own.Version + 5}).problem(t, 409, "conflict")
	var done supervision.ChangeRequest
	e.call(t, staff, "POST", path("/api/v1/change-requests/%d/approve", cr.ID), map[string]any{"version": own.Version, "note": "cocok"}).want(t, 200).decode(t, &done)
	if done.State != supervision.ChangeApproved {
		t.Fatalf("approved %+v", done)
	}
	var c bina.Cooperative
	e.call(t, staff, "GET", path("/api/v1/cooperatives/%d", own.ID), nil).want(t, 200).decode(t, &c)
	if c.Address != "Jl. Usulan Pengurus 1" || c.MembersMale != 30 {
		t.Fatalf("applied %+v", c)
	}
	e.call(t, staff, "POST", path("/api/v1/change-requests/%d/reject", cr.ID), map[string]any{"note": "x"}).problem(t, 409, "conflict")
}
