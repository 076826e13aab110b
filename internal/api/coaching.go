package api

import (
	"bina/coaching"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"bina"
)

// The coaching ledger: sessions recorded by field officers and staff, and
// their photos. A session's uuid is made by the client, so that the
// offline field app can send the same session again safely: a uuid already
// stored answers the stored session with 200 and stores nothing new.

// coachingParams are the filters of GET /api/v1/coaching-sessions.
func coachingParams(ref bina.Reference) []param[coaching.CoachingFilter] {
	return []param[coaching.CoachingFilter]{
		idParam("enterprise", "Only the sessions with this enterprise.", func(f *coaching.CoachingFilter) *int64 { return &f.Enterprise }),
		idParam("officer", "Only the sessions recorded by this user id.", func(f *coaching.CoachingFilter) *int64 { return &f.Officer }),
		regionParam(ref, "region", "Kecamatan or desa code of the enterprises.", func(f *coaching.CoachingFilter) *bina.RegionCode { return &f.Region }),
		dateParam("from", "Sessions on or after this day, YYYY-MM-DD.", func(f *coaching.CoachingFilter) *bina.Date { return &f.From }),
		dateParam("to", "Sessions on or before this day, YYYY-MM-DD.", func(f *coaching.CoachingFilter) *bina.Date { return &f.To }),
		cursorParam(func(f *coaching.CoachingFilter) *string { return &f.Cursor }),
		limitParam(func(f *coaching.CoachingFilter) *int { return &f.Limit }),
	}
}

// idParam takes a record's positive id.
func idParam[F any](name, doc string, field func(*F) *int64) param[F] {
	return param[F]{name: name, doc: doc, schema: schema{"type": "integer", "format": "int64", "minimum": 1},
		set: func(f *F, v string) (bina.Text, bool) {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 {
				return bina.Text{ID: "Isi nomor data (bilangan bulat positif)", EN: "Use a record id (a positive whole number)"}, false
			}
			*field(f) = n
			return bina.Text{}, true
		}}
}

// dateParam takes a day as YYYY-MM-DD.
func dateParam[F any](name, doc string, field func(*F) *bina.Date) param[F] {
	return param[F]{name: name, doc: doc, schema: schema{"type": "string", "format": "date"},
		set: func(f *F, v string) (bina.Text, bool) {
			d, err := bina.ParseDate(strings.TrimSpace(v))
			if err != nil {
				return bina.ErrorText(err), false
			}
			*field(f) = d
			return bina.Text{}, true
		}}
}

// ListCoachingSessions answers one page of sessions, newest first.
func (h *Handler) ListCoachingSessions(w http.ResponseWriter, r *http.Request) {
	if h.coaching == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var f coaching.CoachingFilter
	if err := parseQuery(r.URL.Query(), coachingParams(h.ref), &f); err != nil {
		h.Error(w, r, err)
		return
	}
	page, err := h.coaching.ListCoachingSessions(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, page))
}

// GetCoachingSession answers one session with its follow-ups and photos.
func (h *Handler) GetCoachingSession(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.coaching == nil {
		h.Error(w, r, errNotFound())
		return
	}
	h.answerSession(w, r, http.StatusOK, id)
}

func (h *Handler) answerSession(w http.ResponseWriter, r *http.Request, status int, id int64) {
	x, err := h.coaching.FindCoachingSession(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/coaching-sessions/"+strconv.FormatInt(id, 10))
	}
	h.writeRecord(w, r, status, x, x.Version)
}

// CreateCoachingSession records the session in the body: 201 when it is
// new, 200 with the stored session when its uuid is already stored with
// the same content, 409 when the uuid holds another session.
func (h *Handler) CreateCoachingSession(w http.ResponseWriter, r *http.Request) {
	if h.coaching == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var x coaching.CoachingSession
	if err := decode(r, &x); err != nil {
		h.Error(w, r, err)
		return
	}
	clearSession(&x)
	created, err := h.coaching.RecordCoachingSession(r.Context(), &x)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	h.answerSession(w, r, status, x.ID)
}

// clearSession drops what the server owns from a decoded body.
func clearSession(x *coaching.CoachingSession) {
	x.ID, x.EnterpriseName, x.VillageCode, x.OfficerID, x.Officer = 0, "", "", 0, ""
	x.Photos, x.CreatedAt, x.UpdatedAt, x.Version = nil, time.Time{}, time.Time{}, 0
	for i := range x.FollowUps {
		x.FollowUps[i].ID = 0
	}
}

// AttachmentUUIDHeader names the uuid of a photo sent as a raw body.
const AttachmentUUIDHeader = "X-Attachment-UUID"

// UploadSessionPhoto stores a photo of a session: a multipart form with
// the file in "photo" (and optional "uuid" and "caption" fields), or the
// image itself as the body with its Content-Type and the uuid in
// X-Attachment-UUID. Without a uuid the server makes one.
func (h *Handler) UploadSessionPhoto(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.coaching == nil || h.attachments == nil {
		h.Error(w, r, errNotFound())
		return
	}
	if _, err := h.coaching.FindCoachingSession(r.Context(), id); err != nil {
		h.Error(w, r, err)
		return
	}
	a, err := readPhoto(r, h.maxPhoto())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if a.ContentType, err = (bina.ImageCheck{MaxBytes: h.maxPhoto()}).Check(a.Data, a.ContentType); err != nil {
		h.Error(w, r, err)
		return
	}
	a.OwnerKind, a.OwnerID = "session", id
	created, err := h.attachments.PutAttachment(r.Context(), a)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/attachments/"+strconv.FormatInt(a.ID, 10))
	}
	h.writeJSON(w, r, status, a)
}

// maxPhoto is the largest photo accepted.
func (h *Handler) maxPhoto() int64 { return bina.DefaultMaxImage }

// readPhoto reads an uploaded photo, at most max bytes of it (one more
// tells the check that it is too large).
func readPhoto(r *http.Request, max int64) (*bina.Attachment, error) {
	a := &bina.Attachment{UUID: r.Header.Get(AttachmentUUIDHeader)}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		a.ContentType = ct
		data, err := io.ReadAll(io.LimitReader(r.Body, max+1))
		if err != nil {
			return nil, tooLarge(err)
		}
		a.Data = data
	} else {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return nil, tooLarge(err)
			}
			return nil, badRequest(bina.Errorf(bina.Invalid, "Formulir unggahan tidak terbaca.", "The upload form cannot be read."))
		}
		if v := r.FormValue("uuid"); v != "" {
			a.UUID = v
		}
		a.Caption = r.FormValue("caption")
		f, fh, err := r.FormFile("photo")
		if err != nil {
			return nil, invalidPhoto()
		}
		defer f.Close()
		a.ContentType = fh.Header.Get("Content-Type")
		if a.Data, err = readPart(f, max); err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(a.UUID) == "" {
		a.UUID = coaching.NewUUID()
	}
	return a, nil
}

func readPart(f multipart.File, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, bina.Wrap(err, "read upload")
	}
	return data, nil
}

func invalidPhoto() error {
	var p bina.Problems
	p.Add("photo", "Pilih foto untuk diunggah (kolom photo)", "Choose a photo to upload (field photo)")
	return p.Err()
}

// GetAttachment answers an attachment's data with its content type. The
// content never changes under its id, so browsers may keep it a day.
func (h *Handler) GetAttachment(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.attachments == nil {
		h.Error(w, r, errNotFound())
		return
	}
	a, err := h.attachments.GetAttachment(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", a.ContentType)
	hd.Set("Content-Length", strconv.Itoa(len(a.Data)))
	hd.Set("Cache-Control", "private, max-age=86400")
	hd.Set("ETag", `"`+a.SHA256+`"`)
	// Only the checked image types are shown in the page; anything else
	// (documents stored later) is downloaded, never rendered.
	if strings.HasPrefix(a.ContentType, "image/") {
		hd.Set("Content-Disposition", "inline")
	} else {
		hd.Set("Content-Disposition", "attachment")
	}
	if noneMatch(r, `"`+a.SHA256+`"`) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(a.Data)
}
