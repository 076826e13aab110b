package api_test

import (
	"bina/coaching"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"bina"
)

func (e *env) testLetters(t *testing.T) {
	staff, viewer, officer := e.tokens[bina.RoleStaff], e.tokens[bina.RoleViewer], e.tokens[bina.RoleOfficer]
	body := enterpriseBody("Amplang Ikan Belida", "61.12.02.2001", func(m map[string]any) {
		m["binaan"], m["binaan_since"] = true, "2023-05-01"
	})
	id := e.call(t, e.admin, "POST", "/api/v1/enterprises", body).want(t, 201).record(t).ID
	issue := path("/api/v1/enterprises/%d/letters", id)
	mark := map[string]any{"purpose": "merek_djki", "mark_name": "Belida Emas", "mark_goods": "Amplang ikan", "mark_classes": []int{29}}

	// Before an admin saves the settings no letter can be issued.
	e.call(t, staff, "POST", issue, mark).problem(t, 422, "invalid", "settings")
	set := coaching.LetterSettings{
		Letterhead:    coaching.Letterhead{Government: "Pemerintah Kabupaten Kubu Raya", Office: "Dinas Koperasi, Usaha Kecil dan Menengah", City: "Sungai Raya"},
		NumberPattern: "500.2.2/{nomor}/DISKOPUKM/{tahun}",
		Signatory:     coaching.Signatory{Name: "Ahmad Fauzi", NIP: "196604201992031008", Title: "Kepala Dinas"},
		EffectiveFrom: bina.DateOf(2026, 1, 1),
	}
	if err := e.letters.SaveLetterSettings(context.Background(), &set); err != nil {
		t.Fatal(err)
	}

	e.call(t, staff, "POST", path("/api/v1/enterprises/%d/letters", e.ids["keripik"]), mark).problem(t, 422, "invalid", "enterprise_id")
	e.call(t, staff, "POST", issue, map[string]any{"purpose": "merek_djki"}).problem(t, 422, "invalid", "mark_name", "mark_goods", "mark_classes")
	e.call(t, staff, "POST", issue, map[string]any{"purpose": "merek_djki", "colour": "red"}).problem(t, 400, "bad_request", "colour")
	e.call(t, viewer, "POST", issue, mark).problem(t, 403, "forbidden")
	e.call(t, officer, "POST", issue, mark).problem(t, 404, "not_found")
	e.call(t, staff, "POST", "/api/v1/enterprises/999999/letters", mark).problem(t, 404, "not_found")

	var l coaching.Letter
	r := e.call(t, staff, "POST", issue, mark).want(t, 201)
	r.decode(t, &l)
	if l.Number != "500.2.2/1/DISKOPUKM/2026" || !strings.HasPrefix(l.VerifyURL, "http://example.com/verifikasi/") {
		t.Errorf("issued %q at %q", l.Number, l.VerifyURL)
	}
	if loc := r.header.Get("Location"); loc != path("/api/v1/letters/%d", l.ID) {
		t.Errorf("Location %q", loc)
	}
	e.call(t, staff, "POST", issue, mark).problem(t, 409, "conflict")

	var list struct {
		Items []coaching.Letter `json:"items"`
		Total int               `json:"total"`
	}
	e.call(t, viewer, "GET", issue, nil).want(t, 200).decode(t, &list)
	if list.Total != 1 || len(list.Items) != 1 || list.Items[0].Number != l.Number {
		t.Errorf("list %+v", list)
	}
	e.call(t, officer, "GET", issue, nil).problem(t, 404, "not_found")
	e.call(t, staff, "GET", path("/api/v1/letters/%d", l.ID), nil).want(t, 200)
	e.call(t, staff, "GET", "/api/v1/letters/999999", nil).problem(t, 404, "not_found")

	e.call(t, staff, "GET", "/api/v1/letters/999999/pdf", nil).problem(t, 404, "not_found")
	p := e.raw(t, staff, "GET", path("/api/v1/letters/%d/pdf", l.ID), nil).want(t, 200)
	if ct := p.header.Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(p.body, []byte("%PDF-")) {
		t.Errorf("PDF answer %q starting %q", ct, p.body[:min(8, len(p.body))])
	}
	if sum := sha256.Sum256(p.body); hex.EncodeToString(sum[:]) != l.PDFSHA256 {
		t.Error("the downloaded PDF's SHA-256 differs from pdf_sha256")
	}

	revoke := path("/api/v1/letters/%d/revoke", l.ID)
	e.call(t, staff, "POST", revoke, map[string]any{"reason": " "}).problem(t, 422, "invalid", "reason")
	e.call(t, viewer, "POST", revoke, map[string]any{"reason": "salah"}).problem(t, 403, "forbidden")
	var revoked coaching.Letter
	e.call(t, staff, "POST", revoke, map[string]any{"reason": "Merek salah ketik"}).want(t, 200).decode(t, &revoked)
	if revoked.Status != "revoked" || revoked.Number != l.Number {
		t.Errorf("revoked %+v", revoked)
	}
	e.call(t, staff, "POST", revoke, map[string]any{"reason": "lagi"}).problem(t, 409, "conflict")

	// The public page needs no sign-in and shows nothing personal.
	v := e.raw(t, "", "GET", "/verifikasi/"+l.VerifyCode, nil).want(t, 200)
	page := string(v.body)
	for _, want := range []string{l.Number, "DICABUT", "Amplang Ikan Belida", "S. A.", "Ahmad Fauzi", "19•••••• •••••• • 008", l.PDFSHA256} {
		if !strings.Contains(page, want) {
			t.Errorf("the verification page lacks %q", want)
		}
	}
	for _, secret := range []string{"6112015508850001", "3456", "Siti Aminah", "Gg. Mawar", "Adisucipto", "19660420"} {
		if strings.Contains(page, secret) {
			t.Errorf("the verification page shows %q", secret)
		}
	}
	e.raw(t, "", "GET", "/verifikasi/tidak-ada", nil).want(t, 404)
}
