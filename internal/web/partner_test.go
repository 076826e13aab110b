package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"bina"
)

var (
	inviteLink   = regexp.MustCompile(`/undangan\?t=([A-Za-z0-9_-]+)`)
	versionField = regexp.MustCompile(`name="version" value="([0-9]+)"`)
)

// TestBoardAccountPages walks an invitation, the board's reach and a
// change request through the pages.
func TestBoardAccountPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		admin := s.user("admin", bina.RoleAdmin, "")
		staff := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		viewer := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
		own := cooperative("KSP Sinar Kapuas", "61.12.01.2001")
		own.Officers = []bina.Officer{{Name: "Budi", Role: "ketua", Phone: "081345678901"}}
		s.mustCreateCoop(own)
		other := s.mustCreateCoop(cooperative("KSP Tetangga Jauh", "61.12.01.2001"))
		e := s.mustCreate(enterprise("Kerupuk Ikan Kuala", "61.12.01.2001"))
		ownURL := "/koperasi/" + strconv.FormatInt(own.ID, 10)

		viewer.get(ownURL+"/undangan").want(t, http.StatusForbidden)
		staff.get(ownURL+"/undangan").want(t, http.StatusOK).contains(t, "Budi · Ketua · 081345678901")
		staff.post(ownURL+"/undangan", url.Values{"officer": {"0"}, "name": {""}}).want(t, http.StatusOK).
			contains(t, "https://wa.me/6281345678901?text=", "Budi (Ketua)")
		made := staff.get(ownURL+"/undangan").want(t, http.StatusOK)
		made.lacks(t, "/undangan?t=") // the link is shown once
		r := staff.post(ownURL+"/undangan", url.Values{"name": {"Sari"}, "phone": {"12"}})
		r.want(t, http.StatusUnprocessableEntity).contains(t, "Nomor HP tidak dikenali")
		r = staff.post(ownURL+"/undangan", url.Values{"name": {"Budi (Ketua)"}, "phone": {"081345678901"}}).want(t, http.StatusOK)
		m := inviteLink.FindStringSubmatch(r.body)
		if m == nil {
			t.Fatal("no invitation link on the page")
		}
		link := "/undangan?t=" + m[1]

		board := s.browser()
		board.get("/undangan?t=salah").want(t, http.StatusNotFound).contains(t, "tidak berlaku lagi")
		board.get(link).want(t, http.StatusOK).contains(t, "KSP Sinar Kapuas", "Budi (Ketua)")
		board.postRaw("/undangan", url.Values{"t": {m[1]}, "name": {"budi"}, "password": {password}, "password2": {password + "x"}}).
			want(t, http.StatusUnprocessableEntity).contains(t, "Kedua kata sandi tidak sama")
		if to := board.postRaw("/undangan", url.Values{"t": {m[1]}, "name": {"budi"}, "password": {password}, "password2": {password}}).location(t); to != "/pengurus" {
			t.Fatalf("after the invitation: %s", to)
		}
		s.browser().get(link).want(t, http.StatusNotFound) // used
		if to := board.get("/").location(t); to != "/pengurus" {
			t.Fatalf("the overview sends a board to %s", to)
		}
		board.get("/pengurus").want(t, http.StatusOK).
			contains(t, "KSP Sinar Kapuas", ownURL+"/laporan/2025", "Koperasi saya", "Belum ada penilaian kesehatan.").
			lacks(t, "KSP Tetangga Jauh", `href="/umkm"`)
		board.get(ownURL).want(t, http.StatusOK).contains(t, "KSP Sinar Kapuas")
		board.get(ownURL+"/laporan/2025").want(t, http.StatusOK).contains(t, "Simpan draf")
		otherURL := "/koperasi/" + strconv.FormatInt(other.ID, 10)
		eURL := "/umkm/" + strconv.FormatInt(e.ID, 10)
		for _, path := range []string{otherURL, "/koperasi", "/koperasi/ekspor", "/umkm", eURL, "/umkm/ekspor", "/impor", "/tinjau", "/program",
			"/pendampingan", "/jangkauan", "/sertifikat", "/pengguna", ownURL + "/ubah", ownURL + "/undangan", otherURL + "/laporan/2025",
			"/api/v1/cooperatives", "/api/v1/cooperatives/" + strconv.FormatInt(other.ID, 10), "/api/v1/enterprises", "/api/v1/enterprises/" + strconv.FormatInt(e.ID, 10),
			"/api/v1/cooperatives/export", "/api/v1/stats/cooperatives"} {
			if r := board.get(path); r.status != http.StatusNotFound {
				t.Errorf("a board account reaching %s: status %d, want 404", path, r.status)
			}
		}

		// A change request: proposed by the board, decided by staff.
		newForm := board.get("/usulan/baru").want(t, http.StatusOK).contains(t, `value="Budi"`)
		if c := csrfField.FindStringSubmatch(newForm.body); c != nil {
			board.csrf = c[1]
		}
		staff.get("/usulan/baru").want(t, http.StatusForbidden)
		form := url.Values{"address": {"Jl. Kapuas Indah 12"}, "members_female": {"12"}, "members_male": {"30"},
			"officers.0.name": {"Budi"}, "officers.0.role": {"ketua"}, "officers.0.phone": {"081345678901"},
			"officers.1.name": {"Rina"}, "officers.1.role": {"bendahara"}, "note": {"hasil RAT 2025"}}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("members_male", "-3")
		board.post("/usulan", bad).want(t, http.StatusUnprocessableEntity).contains(t, "Jumlah tidak boleh negatif", "Jl. Kapuas Indah 12")
		reqURL := board.post("/usulan", form).location(t)
		board.get(reqURL).want(t, http.StatusOK).contains(t, "Menunggu verifikasi", "Jl. Kapuas Indah 12").lacks(t, "Setujui dan terapkan")
		board.post("/usulan", form).want(t, http.StatusUnprocessableEntity).contains(t, "Masih ada usulan")
		staff.get("/usulan").want(t, http.StatusOK).contains(t, "KSP Sinar Kapuas", "Alamat")
		page := staff.get(reqURL).want(t, http.StatusOK).contains(t, "Saat diusulkan", "Jl. Kapuas Indah 12", "Setujui dan terapkan")
		v := versionField.FindStringSubmatch(page.body)
		if v == nil {
			t.Fatal("no version on the decision form")
		}
		staff.post(reqURL, url.Values{"decision": {"reject"}, "version": {v[1]}}).want(t, http.StatusUnprocessableEntity).contains(t, "Tulis alasan penolakan")
		if to := staff.post(reqURL, url.Values{"decision": {"approve"}, "version": {v[1]}, "note": {"sesuai notulen"}}).location(t); to != reqURL {
			t.Fatalf("after approval: %s", to)
		}
		staff.get(ownURL).want(t, http.StatusOK).contains(t, "Jl. Kapuas Indah 12", "Rina")
		board.get(reqURL).want(t, http.StatusOK).contains(t, "Disetujui", "sesuai notulen")

		// Staff disable and enable it beside the invitations; admins
		// manage it on the user pages too.
		accounts, err := s.store.PartnerAccounts(t.Context(), bina.Subject{Kind: bina.SubjectCooperative, ID: own.ID})
		if err != nil || len(accounts) != 1 {
			t.Fatalf("accounts %+v %v", accounts, err)
		}
		acctURL := ownURL + "/pengurus/" + strconv.FormatInt(accounts[0].ID, 10)
		staff.post(acctURL+"/nonaktifkan", nil).location(t)
		board.get("/pengurus").location(t) // its session ended
		staff.get(ownURL+"/undangan").want(t, http.StatusOK).contains(t, acctURL+"/aktifkan")
		staff.post(acctURL+"/aktifkan", nil).location(t)
		board = s.browser()
		board.postRaw("/masuk", url.Values{"name": {"budi"}, "password": {password}}).location(t)
		board.get("/pengurus").want(t, http.StatusOK)
		a := s.signedIn(admin)
		a.get("/pengguna").want(t, http.StatusOK).contains(t, "budi", "Mitra (pengurus koperasi)", "Koperasi #"+strconv.FormatInt(own.ID, 10))
		users, err := s.store.ListUsers(bina.WithUser(t.Context(), admin))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range users {
			if u.Name == "budi" {
				a.post("/pengguna/"+strconv.FormatInt(u.ID, 10)+"/nonaktifkan", nil).location(t)
			}
		}
		board.get("/pengurus").location(t) // signed out: to the sign-in page
	})
}
