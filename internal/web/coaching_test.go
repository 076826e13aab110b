package web_test

import (
	"bina/coaching"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"bina"
)

// postMultipart sends v as a multipart form with a file in "photo".
func (b *browser) postMultipart(path string, v url.Values, ctype string, file []byte) response {
	b.t.Helper()
	return b.postFile(path, v, "photo", ctype, file)
}

// postFile sends v as a multipart form with file (if any) in field.
func (b *browser) postFile(path string, v url.Values, field, ctype string, file []byte) response {
	b.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range v {
		for _, x := range vs {
			_ = w.WriteField(k, x)
		}
	}
	if file != nil {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="`+field+`"; filename="berkas.png"`)
		h.Set("Content-Type", ctype)
		part, _ := w.CreatePart(h)
		_, _ = part.Write(file)
	}
	_ = w.Close()
	req, _ := http.NewRequest("POST", b.s.srv.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

func pngPhoto(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 8, 6))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCoachingPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		staff := s.user("staf", bina.RoleStaff, "")
		officer := s.user("petugas", bina.RoleOfficer, sungaiRaya)
		s.user("petugas-mandor", bina.RoleOfficer, mandor)
		e := s.mustCreate(enterprise("Keripik Nanas Rasau", kualaDua))
		show := fmt.Sprintf("/umkm/%d", e.ID)
		b := s.signedIn(staff)

		page := b.get(show).want(t, 200).contains(t, "Pendampingan", "Belum ada sesi pendampingan yang dicatat untuk usaha ini.",
			`accept="image/jpeg,image/png,image/webp"`, `value="2026-11-28"`).lacks(t, "petugas-mandor")

		// Staff put the business in the officer's caseload.
		v := formValues(t, page.body, show+"/pendamping")
		v.Set("officer_id", strconv.FormatInt(officer.ID, 10))
		b.post(show+"/pendamping", v).want(t, 303)

		// A session with a follow-up and a real photo, sent as a browser
		// sends the form.
		v = formValues(t, page.body, show+"/pendampingan")
		v.Del("photo")
		v.Set("duration_minutes", "45")
		v["topics"] = []string{"pemasaran", "digitalisasi"}
		v.Set("advice", "Foto produk dengan latar polos")
		v.Set("follow_ups.0.task", "Buka toko di marketplace")
		v.Set("follow_ups.0.due_on", "2026-12-01")
		v.Set("next_visit_on", "2026-12-03")
		v.Set("caption", "Kemasan nanas")
		photo := pngPhoto(t)
		b.postMultipart(show+"/pendampingan", v, "image/png", photo).want(t, 303)
		// The same form again (a double click): stored once.
		b.postMultipart(show+"/pendampingan", v, "image/png", photo).want(t, 303)
		page = b.get(show).want(t, 200).contains(t, "Foto produk dengan latar polos", "Buka toko di marketplace", "petugas", `loading="lazy"`)
		list, err := s.store.ListCoachingSessions(context.Background(), coaching.CoachingFilter{Enterprise: e.ID})
		if err != nil || list.Total != 1 {
			t.Fatalf("sessions stored: %d, %v", list.Total, err)
		}
		img := regexp.MustCompile(`<img src="(/api/v1/attachments/[0-9]+)" width="120"`).FindStringSubmatch(page.body)
		if img == nil {
			t.Fatal("no thumbnail on the enterprise page")
		}
		got := b.get(img[1]).want(t, 200)
		if got.header.Get("Content-Type") != "image/png" || got.body != string(photo) {
			t.Errorf("photo answered %s, %d bytes", got.header.Get("Content-Type"), len(got.body))
		}

		// Bad input: a future date and a text file claiming to be a PNG.
		bad := formValues(t, page.body, show+"/pendampingan")
		bad.Del("photo")
		bad.Set("date", "2026-12-25")
		bad.Set("follow_ups.0.task", "Sesuatu")
		bad.Set("follow_ups.0.due_on", "2026-12-01")
		b.postMultipart(show+"/pendampingan", bad, "image/png", []byte("bukan gambar")).want(t, 422).
			contains(t, "Tanggal pendampingan tidak boleh di masa depan", "bukan foto JPEG, PNG atau WebP")
		list, _ = s.store.ListCoachingSessions(context.Background(), coaching.CoachingFilter{Enterprise: e.ID})
		if list.Total != 1 {
			t.Errorf("a refused form stored a session: %d", list.Total)
		}

		// The officer's caseload shows what is due; the follow-up is done.
		ob := s.signedIn(officer)
		cl := ob.get("/pendampingan").want(t, 200).contains(t, "Kasus saya", "Keripik Nanas Rasau", "Buka toko di marketplace", "Tandai selesai")
		m := regexp.MustCompile(`action="(/pendampingan/sesi/[0-9]+/tindak-lanjut/[0-9]+)"`).FindStringSubmatch(cl.body)
		if m == nil {
			t.Fatal("no form to mark the follow-up done")
		}
		ob.post(m[1], url.Values{"next": {"/pendampingan"}}).want(t, 303)
		ob.get("/pendampingan").want(t, 200).contains(t, "Tidak ada tindak lanjut yang jatuh tempo.")
		s.signedIn(s.user("petugas-lain", bina.RoleOfficer, mandor)).get("/pendampingan").want(t, 200).lacks(t, "Keripik Nanas Rasau")

		// A viewer reads the sessions but gets no form; an officer of
		// another kecamatan does not find the business.
		s.signedIn(s.user("pembaca", bina.RoleViewer, "")).get(show).want(t, 200).
			contains(t, "Buka toko di marketplace").lacks(t, "Catat sesi pendampingan")
		elsewhere := s.signedIn(s.user("petugas-jauh", bina.RoleOfficer, mandor))
		elsewhere.postMultipart(show+"/pendampingan", url.Values{"csrf": {elsewhere.csrf}}, "image/png", photo).want(t, 404)

		// Staff choose whose caseload to read.
		b.get("/pendampingan").want(t, 200).contains(t, "petugas-mandor", "petugas-lain")
		b.get(fmt.Sprintf("/pendampingan?petugas=%d", officer.ID)).want(t, 200).contains(t, "Keripik Nanas Rasau")

		// Exports of the sessions list.
		csv := b.get("/pendampingan/ekspor?format=csv&region=61.12.01").want(t, 200).contains(t, "Keripik Nanas Rasau", "Digitalisasi; Pemasaran")
		if ct := csv.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("csv Content-Type %q", ct)
		}
		x := b.get("/pendampingan/ekspor?format=xlsx").want(t, 200)
		if ct := x.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || len(x.body) < 100 {
			t.Errorf("xlsx Content-Type %q, %d bytes", ct, len(x.body))
		}
		b.get("/pendampingan/ekspor?format=pdf").want(t, 422)
	})
}
