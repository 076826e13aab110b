package api_test

import (
	"bina/coaching"
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"strings"
	"testing"

	"bina"
)

// sessionBody is the least a client sends for a session.
func sessionBody(uuid string, enterpriseID int64, change func(m map[string]any)) map[string]any {
	m := map[string]any{
		"uuid": uuid, "enterprise_id": enterpriseID, "date": "2026-11-20", "mode": "whatsapp",
		"duration_minutes": 30, "topics": []string{"digitalisasi"}, "notes": "Belajar QRIS",
	}
	if change != nil {
		change(m)
	}
	return m
}

func testImage(t *testing.T, jpg bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 4, 3))
	var err error
	if jpg {
		err = jpeg.Encode(&buf, img, nil)
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// multipartPhoto returns a form with the photo and its content type.
func multipartPhoto(t *testing.T, uuid, ctype string, data []byte) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if uuid != "" {
		_ = w.WriteField("uuid", uuid)
	}
	_ = w.WriteField("caption", "Kemasan baru")
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{`form-data; name="photo"; filename="foto.png"`}
	h["Content-Type"] = []string{ctype}
	part, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(data)
	_ = w.Close()
	return buf.String(), w.FormDataContentType()
}

func (e *env) testCoaching(t *testing.T) {
	staff := e.tokens[bina.RoleStaff]
	ent := e.call(t, e.admin, "POST", "/api/v1/enterprises", enterpriseBody("Kopi Liberika Rasau", "61.12.01.2001", nil)).want(t, 201).record(t)
	far := e.call(t, e.admin, "POST", "/api/v1/enterprises", enterpriseBody("Amplang Teluk Pakedai", "61.12.02.2001", nil)).want(t, 201).record(t)
	const uuid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"

	var x coaching.CoachingSession
	r := e.call(t, staff, "POST", "/api/v1/coaching-sessions", sessionBody(uuid, ent.ID, nil)).want(t, 201)
	r.decode(t, &x)
	if r.header.Get("Location") != path("/api/v1/coaching-sessions/%d", x.ID) || r.header.Get("ETag") != `"1"` || x.Officer != "staf" {
		t.Errorf("created: %v %+v", r.header, x)
	}
	// The same uuid again: the stored session, 200, nothing new.
	var again coaching.CoachingSession
	e.call(t, staff, "POST", "/api/v1/coaching-sessions", sessionBody(uuid, ent.ID, nil)).want(t, 200).decode(t, &again)
	if again.ID != x.ID {
		t.Errorf("replay answered session %d, want %d", again.ID, x.ID)
	}
	e.call(t, staff, "POST", "/api/v1/coaching-sessions", sessionBody(uuid, ent.ID, func(m map[string]any) { m["notes"] = "lain" })).problem(t, 409, "conflict")
	const other = "3f2504e0-4f89-41d3-9a0c-0305e82c3302"
	e.call(t, staff, "POST", "/api/v1/coaching-sessions", sessionBody(other, ent.ID, func(m map[string]any) { m["date"] = "2026-12-31" })).problem(t, 422, "invalid", "date")
	e.call(t, staff, "POST", "/api/v1/coaching-sessions", sessionBody(other, ent.ID, func(m map[string]any) {
		m["follow_ups"] = []map[string]any{{"task": "Cetak label", "due_on": "2026-11-01"}}
	})).problem(t, 422, "invalid", "follow_ups.0.due_on")
	e.call(t, staff, "POST", "/api/v1/coaching-sessions", sessionBody(other, ent.ID, func(m map[string]any) { m["mode"] = "surat" })).problem(t, 422, "invalid", "mode")
	e.call(t, staff, "POST", "/api/v1/coaching-sessions", sessionBody(other, ent.ID, func(m map[string]any) { m["mood"] = "baik" })).problem(t, 400, "bad_request", "mood")
	e.call(t, e.tokens[bina.RoleViewer], "POST", "/api/v1/coaching-sessions", sessionBody(other, ent.ID, nil)).problem(t, 403, "forbidden")
	officer := e.tokens[bina.RoleOfficer] // 61.12.01
	e.call(t, officer, "POST", "/api/v1/coaching-sessions", sessionBody(other, far.ID, nil)).problem(t, 404, "not_found")

	p := e.call(t, staff, "GET", path("/api/v1/coaching-sessions?enterprise=%d&region=61.12.01&from=2026-11-01&to=2026-11-30", ent.ID), nil).want(t, 200)
	var page struct {
		Items []coaching.CoachingSession `json:"items"`
		Total int                        `json:"total"`
	}
	p.decode(t, &page)
	if page.Total != 1 || page.Items[0].UUID != uuid {
		t.Errorf("list: %+v", page)
	}
	e.call(t, staff, "GET", "/api/v1/coaching-sessions?from=kemarin", nil).problem(t, 422, "invalid", "from")
	e.call(t, staff, "GET", "/api/v1/coaching-sessions?pengawas=1", nil).problem(t, 400, "bad_request", "pengawas")
	// The page's name of a parameter is the API's too (issue 14): petugas is officer.
	e.call(t, staff, "GET", "/api/v1/coaching-sessions?petugas=1&officer=1", nil).problem(t, 400, "bad_request", "petugas")
	e.call(t, staff, "GET", path("/api/v1/coaching-sessions/%d", x.ID), nil).want(t, 200)
	e.call(t, e.tokens[bina.RoleOfficer], "GET", "/api/v1/coaching-sessions/999999", nil).problem(t, 404, "not_found")

	// Photos: a multipart form, then a raw body; the same uuid once.
	photos := path("/api/v1/coaching-sessions/%d/photos", x.ID)
	body, ct := multipartPhoto(t, "", "image/png", testImage(t, false))
	var a bina.Attachment
	e.call(t, staff, "POST", photos, body, "Content-Type", ct).want(t, 201).decode(t, &a)
	if a.ContentType != bina.TypePNG || a.OwnerID != x.ID || a.Caption != "Kemasan baru" {
		t.Errorf("photo: %+v", a)
	}
	const photoUUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3303"
	jpg := string(testImage(t, true))
	e.call(t, staff, "POST", photos, jpg, "Content-Type", "image/jpeg", "X-Attachment-UUID", photoUUID).want(t, 201)
	e.call(t, staff, "POST", photos, jpg, "Content-Type", "image/jpeg", "X-Attachment-UUID", photoUUID).want(t, 200)
	e.call(t, staff, "POST", photos, "ini teks biasa, bukan gambar", "Content-Type", "image/png").problem(t, 422, "invalid", "photo")
	body, ct = multipartPhoto(t, "", "image/jpeg", testImage(t, false))
	e.call(t, staff, "POST", photos, body, "Content-Type", ct).problem(t, 422, "invalid", "photo")
	e.call(t, staff, "POST", photos, "", "Content-Type", "image/png").problem(t, 422, "invalid", "photo")
	e.call(t, staff, "POST", photos, strings.Repeat("x", bina.DefaultMaxImage+10), "Content-Type", "image/png").problem(t, 422, "invalid", "photo")
	var withPhotos coaching.CoachingSession
	e.call(t, staff, "GET", path("/api/v1/coaching-sessions/%d", x.ID), nil).want(t, 200).decode(t, &withPhotos)
	if len(withPhotos.Photos) != 2 {
		t.Errorf("session has %d photos, want 2", len(withPhotos.Photos))
	}

	img := e.raw(t, staff, "GET", path("/api/v1/attachments/%d", a.ID), nil).want(t, 200)
	if img.header.Get("Content-Type") != bina.TypePNG || !bytes.Equal(img.body, testImage(t, false)) {
		t.Errorf("attachment: %v, %d bytes", img.header, len(img.body))
	}
	farSession := e.call(t, staff, "POST", "/api/v1/coaching-sessions", sessionBody(other, far.ID, nil)).want(t, 201)
	var fs coaching.CoachingSession
	farSession.decode(t, &fs)
	body, ct = multipartPhoto(t, "", "image/png", testImage(t, false))
	var farPhoto bina.Attachment
	e.call(t, staff, "POST", path("/api/v1/coaching-sessions/%d/photos", fs.ID), body, "Content-Type", ct).want(t, 201).decode(t, &farPhoto)
	e.call(t, officer, "GET", path("/api/v1/attachments/%d", farPhoto.ID), nil).problem(t, 404, "not_found")
	e.call(t, officer, "POST", path("/api/v1/coaching-sessions/%d/photos", fs.ID), body, "Content-Type", ct).problem(t, 404, "not_found")
}
