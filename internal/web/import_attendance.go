package web

import (
	"net/http"
	"net/url"
	"strconv"

	"bina"
	"bina/coaching"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
)

// A programme's attendance sheet (daftar hadir) is imported through the
// same steps as any file: this upload ties the import to the programme
// (and optionally one of its activities), then the mapping, preview,
// progress and report pages of /impor/{id} take over.

// attendancePage is the upload form of a programme's attendance sheet.
type attendancePage struct {
	layout
	Programme int64
	// G is the programme, nil on a server without programme pages.
	G        *coaching.Programme
	Activity int64
	Form     *form
	Problem  string
	MaxMB    int
	MaxBytes int
}

// attendanceInputs are the fields of the attendance upload form.
var attendanceInputs = []string{"file", "kegiatan", "dry_run"}

// AttendanceForm shows the upload form of programme {id}'s attendance
// sheet (GET /program/{id}/hadir[?kegiatan=ID]).
func (h *Handler) AttendanceForm(w http.ResponseWriter, r *http.Request) {
	h.attendanceForm(w, r, http.StatusOK, newForm(url.Values{"kegiatan": {r.URL.Query().Get("kegiatan")}}, attendanceInputs, nil), "")
}

func (h *Handler) attendanceForm(w http.ResponseWriter, r *http.Request, status int, f *form, problem string) {
	if err := h.mayImport(r); err != nil {
		h.Error(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &attendancePage{layout: h.newLayout(r, "Impor daftar hadir", "impor"), Programme: id, Form: f, Problem: problem,
		MaxMB: MaxUpload >> 20, MaxBytes: MaxUpload}
	if h.Programmes != nil {
		if p.G, err = h.Programmes.FindProgramme(r.Context(), id); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	p.Activity, _ = strconv.ParseInt(f.Get("kegiatan"), 10, 64)
	h.render(w, r, status, "import/attendance", p)
}

// AttendanceUpload stores an attendance sheet as an import of programme
// {id} (POST /program/{id}/hadir) and sends the browser to its mapping
// step. A programme that does not exist, or an activity of another
// programme, is refused and nothing is stored.
func (h *Handler) AttendanceUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.mayImport(r); err != nil {
		h.Error(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lang := lang(r)
	refuse := func(f *form, field string, msg bina.Text) {
		f.addProblems([]bina.FieldError{{Field: field, Message: msg}}, lang)
		h.attendanceForm(w, r, http.StatusUnprocessableEntity, f, msg.In(lang))
	}
	up := h.readUpload(w, r, attendanceInputs, refuse)
	if up == nil {
		return
	}
	defer up.cleanup()
	f := up.form
	var activity int64
	if s := f.Get("kegiatan"); s != "" {
		if activity, err = strconv.ParseInt(s, 10, 64); err != nil || activity <= 0 {
			refuse(f, "kegiatan", bina.Text{ID: "Nomor kegiatan tidak dikenal.", EN: "Unknown activity number."})
			return
		}
	}
	plan, err := importer.Plan(importer.PlanInput{Head: up.head, Entity: imports.EntityAttendance})
	if err != nil {
		refuse(f, "file", bina.ErrorText(err))
		return
	}
	j := plan.Job()
	j.Mapping = nil // the mapping step shows the suggestion to be checked
	j.ProgrammeID, j.ActivityID = id, activity
	j.DryRun, j.CreatedBy = f.Checked("dry_run"), bina.UserFromContext(ctx).Name
	err = h.storeUpload(ctx, up, j)
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, importURL(j.ID), "uploaded")
	case bina.Invalid, bina.Conflict:
		field := "file"
		if fs := bina.ErrorFields(err); len(fs) > 0 && fs[0].Field == "activity_id" {
			field = "kegiatan"
		}
		refuse(f, field, bina.ErrorText(err))
	default:
		h.Error(w, r, err)
	}
}

// AttendanceTemplate downloads the attendance sheet to print or fill in
// for programme {id} (GET /program/{id}/hadir/templat.xlsx): the columns
// of fileformat.TemplateAttendance with a guide and the drop-down lists.
func (h *Handler) AttendanceTemplate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.sendTemplate(w, r, "Daftar hadir", "daftar-hadir-program-"+strconv.FormatInt(id, 10)+".xlsx", imports.EntityAttendance, fileformat.TemplateAttendance().Columns, nil)
}
