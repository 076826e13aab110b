package api

import (
	"bina/supervision"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"time"

	"bina"
)

// The annual reports of cooperatives (issue 12): one report per book year,
// read and replaced whole, moved through its states by POSTs, with its
// documents. The ETag of a report is its revision; If-Match is optional on
// PUT (scripts that fill a report in one go need not read it first), and
// when sent, a stale one is 412.

// reportPath reads the cooperative id and book year of the path.
func reportPath(r *http.Request) (id int64, year int, ok bool) {
	id, ok = pathID(r, "id")
	y, yok := pathID(r, "year")
	if !ok || !yok || y > 9999 {
		return 0, 0, false
	}
	return id, int(y), true
}

// answerReport writes a report with its revision as ETag.
func (h *Handler) answerReport(w http.ResponseWriter, r *http.Request, rep *supervision.AnnualReport, err error) {
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeRecord(w, r, http.StatusOK, rep, rep.Revision)
}

// ListAnnualReports answers the newest version of each year's report of a
// cooperative, newest year first.
func (h *Handler) ListAnnualReports(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.reports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	reps, err := h.reports.ListAnnualReports(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, itemsOf(reps))
}

// GetAnnualReport answers the newest version of a book year's report with
// its state and problems.
func (h *Handler) GetAnnualReport(w http.ResponseWriter, r *http.Request) {
	id, year, ok := reportPath(r)
	if !ok || h.reports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	rep, err := h.reports.FindAnnualReport(r.Context(), id, year)
	h.answerReport(w, r, rep, err)
}

// GetAnnualReportVersion answers one version of a report.
func (h *Handler) GetAnnualReportVersion(w http.ResponseWriter, r *http.Request) {
	id, year, ok := reportPath(r)
	v, vok := pathID(r, "version")
	if !ok || !vok || v > 1<<20 || h.reports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	rep, err := h.reports.FindAnnualReportVersion(r.Context(), id, year, int(v))
	h.answerReport(w, r, rep, err)
}

// SaveAnnualReport creates or replaces the draft of the path's book year
// with the body. The path's cooperative and year win; a body naming
// another year is refused (422).
func (h *Handler) SaveAnnualReport(w http.ResponseWriter, r *http.Request) {
	id, year, ok := reportPath(r)
	if !ok || h.reports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var rep supervision.AnnualReport
	if err := decode(r, &rep); err != nil {
		h.Error(w, r, err)
		return
	}
	if rep.BookYear != 0 && rep.BookYear != year {
		var p bina.Problems
		p.Add("book_year", "Tahun buku %d berbeda dengan tahun di alamat (%d)", "Book year %d differs from the year in the path (%d)", rep.BookYear, year)
		h.Error(w, r, p.Err())
		return
	}
	clearReport(&rep)
	rep.CooperativeID, rep.BookYear = id, year
	current := func() (int, error) {
		cur, err := h.reports.FindAnnualReport(r.Context(), id, year)
		if err != nil {
			return 0, err
		}
		return cur.Revision, nil
	}
	if len(r.Header.Values("If-Match")) > 0 {
		pre, err := ifMatch(r)
		if err == nil {
			rep.Revision, err = pre.version(current)
		}
		if err != nil {
			h.Error(w, r, err)
			return
		}
	}
	err := h.reports.SaveAnnualReport(r.Context(), &rep)
	if err != nil && rep.Revision != 0 {
		err = conflictOnUpdate(err, rep.Revision, current)
	}
	h.answerReport(w, r, &rep, err)
}

// clearReport drops what the server owns from a decoded body.
func clearReport(x *supervision.AnnualReport) {
	x.ID, x.Version, x.State, x.Revision, x.Source = 0, 0, "", 0, ""
	x.ReturnNote, x.SubmittedAt, x.SubmittedBy, x.AcceptedAt, x.AcceptedBy = "", nil, "", nil, ""
	x.CreatedAt, x.UpdatedAt, x.UpdatedBy, x.Problems = time.Time{}, time.Time{}, "", nil
}

// SubmitAnnualReport submits the report; its errors are 422 with each one
// in errors.
func (h *Handler) SubmitAnnualReport(w http.ResponseWriter, r *http.Request) {
	h.moveReport(w, r, false, func(id int64, year int, _ string) (*supervision.AnnualReport, error) {
		return h.reports.SubmitAnnualReport(r.Context(), id, year)
	})
}

// AcceptAnnualReport accepts and locks a submitted report (staff).
func (h *Handler) AcceptAnnualReport(w http.ResponseWriter, r *http.Request) {
	h.moveReport(w, r, false, func(id int64, year int, _ string) (*supervision.AnnualReport, error) {
		return h.reports.AcceptAnnualReport(r.Context(), id, year)
	})
}

// ReturnAnnualReport returns a submitted report with the body's note.
func (h *Handler) ReturnAnnualReport(w http.ResponseWriter, r *http.Request) {
	h.moveReport(w, r, true, func(id int64, year int, note string) (*supervision.AnnualReport, error) {
		return h.reports.ReturnAnnualReport(r.Context(), id, year, note)
	})
}

// CorrectAnnualReport starts the next version of an accepted report, with
// an optional note.
func (h *Handler) CorrectAnnualReport(w http.ResponseWriter, r *http.Request) {
	h.moveReport(w, r, true, func(id int64, year int, note string) (*supervision.AnnualReport, error) {
		return h.reports.CorrectAnnualReport(r.Context(), id, year, note)
	})
}

// reportNote is the body of return and correction.
type reportNote struct {
	Note string `json:"note"`
}

// moveReport runs one step; withNote reads the body's note (a body is
// optional for a correction, whose note is optional).
func (h *Handler) moveReport(w http.ResponseWriter, r *http.Request, withNote bool, step func(id int64, year int, note string) (*supervision.AnnualReport, error)) {
	id, year, ok := reportPath(r)
	if !ok || h.reports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var n reportNote
	if withNote && (r.ContentLength != 0 || r.Header.Get("Content-Type") != "") {
		if err := decode(r, &n); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	rep, err := step(id, year, n.Note)
	h.answerReport(w, r, rep, err)
}

// AnnualReportHistory answers the steps of every version of a report.
func (h *Handler) AnnualReportHistory(w http.ResponseWriter, r *http.Request) {
	reportItems(h, w, r, func(id int64, year int) ([]supervision.ReportEvent, error) {
		return h.reports.AnnualReportHistory(r.Context(), id, year)
	})
}

// ListReportAttachments answers the documents of a report without data.
func (h *Handler) ListReportAttachments(w http.ResponseWriter, r *http.Request) {
	reportItems(h, w, r, func(id int64, year int) ([]supervision.ReportAttachment, error) {
		return h.reports.ListReportAttachments(r.Context(), id, year)
	})
}

// reportItems answers a list read for the path's report.
func reportItems[T any](h *Handler, w http.ResponseWriter, r *http.Request, read func(id int64, year int) ([]T, error)) {
	id, year, ok := reportPath(r)
	if !ok || h.reports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	out, err := read(id, year)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, itemsOf(out))
}

// UploadReportAttachment stores a document sent as multipart/form-data
// (fields file and kind).
func (h *Handler) UploadReportAttachment(w http.ResponseWriter, r *http.Request) {
	id, year, ok := reportPath(r)
	if !ok || h.reports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	a, err := ReadReportFile(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	a.CooperativeID, a.BookYear = id, year
	if err := h.reports.AddReportAttachment(r.Context(), a); err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Location", reportAttachmentPath(a))
	h.writeJSON(w, r, http.StatusCreated, a)
}

func reportAttachmentPath(a *supervision.ReportAttachment) string {
	return "/api/v1/cooperatives/" + strconv.FormatInt(a.CooperativeID, 10) + "/reports/" + strconv.Itoa(a.BookYear) + "/attachments/" + strconv.FormatInt(a.ID, 10)
}

// ReadReportFile reads an uploaded report document from a multipart form
// (fields file and kind), at most supervision.MaxReportAttachment bytes of it (one
// more tells the check that it is too large). The pages use it too.
func ReadReportFile(r *http.Request) (*supervision.ReportAttachment, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return nil, newHTTPError(kindUnsupportedMediaType, http.StatusUnsupportedMediaType,
			bina.Errorf(bina.Invalid, "Kirim dokumen sebagai multipart/form-data (kolom file dan kind).", "Send the document as multipart/form-data (fields file and kind)."))
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, tooLarge(err)
		}
		return nil, badRequest(bina.Errorf(bina.Invalid, "Formulir unggahan tidak terbaca.", "The upload form cannot be read."))
	}
	a := &supervision.ReportAttachment{Kind: r.FormValue("kind")}
	f, fh, err := r.FormFile("file")
	if err != nil {
		var p bina.Problems
		p.Add("file", "Pilih dokumen untuk diunggah (kolom file)", "Choose a document to upload (field file)")
		return nil, p.Err()
	}
	defer f.Close()
	a.ContentType, a.FileName = fh.Header.Get("Content-Type"), fh.Filename
	if a.Data, err = readPart(f, supervision.MaxReportAttachment); err != nil {
		return nil, err
	}
	return a, nil
}

// GetReportAttachment answers a document's data, always as a download:
// a PDF or a scan is never rendered by the browser inside Bina's origin.
func (h *Handler) GetReportAttachment(w http.ResponseWriter, r *http.Request) {
	id, year, ok := reportPath(r)
	aid, aok := pathID(r, "attachment")
	if !ok || !aok || h.reports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	a, err := h.reports.GetReportAttachment(r.Context(), id, year, aid)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	ServeReportFile(w, a)
}

// ServeReportFile writes a report document as an attachment download.
func ServeReportFile(w http.ResponseWriter, a *supervision.ReportAttachment) {
	hd := w.Header()
	hd.Set("Content-Type", a.ContentType)
	hd.Set("Content-Length", strconv.Itoa(len(a.Data)))
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.FileName}))
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(a.Data)
}
