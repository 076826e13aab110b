package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
)

// The import pages: upload a spreadsheet, map its columns to fields,
// preview the first rows as they would be imported, start the import as a
// background job, watch its progress, and read its report. The rows that
// wait for a person go to the review queue (review.go).
//
// This file holds what the steps share and the list of imports; each
// step has its file: import_upload.go, import_mapping.go,
// import_preview.go, import_progress.go and import_report.go.

// MaxUpload is the largest file the import takes (sheet.Open's limit);
// internal/server lets request bodies this large through on POST /impor.
const MaxUpload = 100 << 20

// ImportQueue runs imports in the background (internal/jobs).
type ImportQueue interface {
	// EnqueueImport queues import id for a worker; queueing it again while
	// it waits, runs or is done adds nothing.
	EnqueueImport(ctx context.Context, id int64) error
}

// mayImport returns NotFound when the server runs without the import
// services (a read-only deployment, or a test of other pages), and
// Forbidden for users who may not change the register.
func (h *Handler) mayImport(r *http.Request) error {
	if h.Imports == nil || h.Importer == nil {
		return bina.Errorf(bina.NotFound, "Impor tidak tersedia di server ini.", "Importing is not available on this server.")
	}
	return mustEdit(bina.UserFromContext(r.Context()))
}

// importRow is one line of the list of imports.
type importRow struct {
	imports.Job
	StateLabel string
	Badge      string // the badge's class: ok, warn, bad, muted or ""
	EntityName string
	// File says whether the uploaded file is kept and until when.
	File string
}

// templateChoice is one choice of the template <select>.
type templateChoice struct {
	Value, Label string
}

// importListPage lists the imports and holds the upload form.
type importListPage struct {
	layout
	Imports   []importRow
	List      listNav // position, pages and page size (listnav.go)
	Form      *form
	Templates []templateChoice // automatic and the built-in formats
	Saved     []templateChoice // the saved mappings
	Entities  []choice
	Problem   string // why the upload was refused
	MaxMB     int
	MaxBytes  int
}

// ImportList shows the imports, newest first, and the upload form.
func (h *Handler) ImportList(w http.ResponseWriter, r *http.Request) {
	h.importList(w, r, http.StatusOK, newForm(url.Values{"entity": {string(bina.EntityEnterprise)}}, importInputs, nil), "")
}

// importInputs are the fields of the upload form.
var importInputs = []string{"entity", "template", "file", "dry_run"}

func (h *Handler) importList(w http.ResponseWriter, r *http.Request, status int, f *form, problem string) {
	ctx := r.Context()
	if err := h.mayImport(r); err != nil {
		h.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	page, offset := offsetPage(q)
	size := pageSize(q)
	list, err := h.Imports.ListImports(ctx, size+1, offset)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &importListPage{layout: h.newLayout(r, "Impor data", "impor"), Form: f, Problem: problem,
		MaxMB: MaxUpload >> 20, MaxBytes: MaxUpload}
	p.Here = "/impor"
	more := len(list) > size
	if more {
		list = list[:size]
	}
	// Imports are not counted: the position shows without a total.
	p.List = newListQuery(r, "/impor", q).offsetNav(page, len(list), -1, more)
	for _, j := range list {
		p.Imports = append(p.Imports, h.importRow(j, p.Lang))
	}
	p.Entities = []choice{
		{string(bina.EntityEnterprise), h.t(p.Lang, "UMKM")},
		{string(bina.EntityCooperative), h.t(p.Lang, "Koperasi")},
		{string(imports.EntityAnnualReport), h.t(p.Lang, "Laporan tahunan koperasi")},
	}
	if p.Templates, p.Saved, err = h.templateChoices(ctx, "", p.Lang); err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "import/list", p)
}

func (h *Handler) importRow(j imports.Job, lang string) importRow {
	row := importRow{Job: j, StateLabel: imports.States.Label(j.State, lang), EntityName: entityName(j.Entity, lang)}
	switch j.State {
	case imports.ImportDone:
		row.Badge = "ok"
	case imports.ImportFailed:
		row.Badge = "bad"
	case imports.ImportUploaded:
		row.Badge = "warn"
	}
	switch {
	case j.FileDeletedAt != nil:
		row.File = h.t(lang, "dihapus") + " " + j.FileDeletedAt.In(h.zone()).Format("2006-01-02")
	case j.FinishedAt != nil && (j.State == imports.ImportDone || j.State == imports.ImportFailed) && h.KeepUploads > 0:
		row.File = h.t(lang, "disimpan sampai") + " " + j.FinishedAt.Add(h.KeepUploads).In(h.zone()).Format("2006-01-02")
	default:
		row.File = h.t(lang, "disimpan")
	}
	return row
}

func entityName(e bina.Entity, lang string) string {
	switch e {
	case bina.EntityCooperative:
		return bina.Text{ID: "Koperasi", EN: "Cooperatives"}.In(lang)
	case imports.EntityAttendance:
		return bina.Text{ID: "Daftar hadir", EN: "Attendance sheet"}.In(lang)
	case imports.EntityAnnualReport:
		return bina.Text{ID: "Laporan tahunan koperasi", EN: "Cooperatives' annual reports"}.In(lang)
	}
	return "UMKM"
}

// templateChoices lists the templates to import with: automatic, the
// built-in ones and the saved mappings; only those of entity when given.
func (h *Handler) templateChoices(ctx context.Context, entity bina.Entity, lang string) (builtin, saved []templateChoice, err error) {
	builtin = []templateChoice{{Value: "", Label: h.t(lang, "Otomatis (dari judul kolom)")}}
	for _, tp := range fileformat.Templates() {
		if entity == "" || tp.Entity == entity {
			builtin = append(builtin, templateChoice{Value: tp.Name, Label: tp.Title.In(lang)})
		}
	}
	for _, e := range []bina.Entity{bina.EntityEnterprise, bina.EntityCooperative} {
		if entity != "" && e != entity {
			continue
		}
		ms, err := h.Imports.Mappings(ctx, e)
		if err != nil {
			return nil, nil, err
		}
		for _, m := range ms {
			saved = append(saved, templateChoice{Value: m.Name, Label: m.Name + " (" + entityName(e, lang) + ")"})
		}
	}
	return builtin, saved, nil
}

func importURL(id int64) string { return "/impor/" + strconv.FormatInt(id, 10) }

// findImport reads the {id} of the route and its import.
func (h *Handler) findImport(r *http.Request) (*imports.Job, error) {
	if err := h.mayImport(r); err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return h.Imports.FindImport(r.Context(), id)
}

// ImportShow shows an import at its step: the column mapping while it
// waits for one, the progress while it runs, the report when it ended.
func (h *Handler) ImportShow(w http.ResponseWriter, r *http.Request) {
	j, err := h.findImport(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	switch j.State {
	case imports.ImportUploaded:
		h.showMapping(w, r, j, nil)
	case imports.ImportQueued, imports.ImportRunning:
		h.showProgress(w, r, j)
	default:
		h.showReport(w, r, j)
	}
}

// problemTexts returns the message of err and of each of its fields.
func problemTexts(err error, lang string) []string {
	out := []string{bina.ErrorText(err).In(lang)}
	for _, fe := range bina.ErrorFields(err) {
		out = append(out, fe.Message.In(lang))
	}
	return out
}

// problemLines writes each problem as "Field: message".
func problemLines(entity bina.Entity, ps []bina.FieldError, lang string) []string {
	out := make([]string, 0, len(ps))
	for _, fe := range ps {
		out = append(out, problemLine(entity, fe, lang))
	}
	return out
}

func problemLine(entity bina.Entity, fe bina.FieldError, lang string) string {
	msg := fe.Message.In(lang)
	// The importer's messages name the file's column themselves.
	if fe.Field == "" || strings.HasPrefix(msg, `Kolom "`) || strings.HasPrefix(msg, `Column "`) {
		return msg
	}
	label := fe.Field
	if fi, ok := imports.LookupField(entity, bina.Field(fe.Field)); ok {
		label = fi.Label.In(lang)
	} else if l, ok := enterpriseFieldLabels[fe.Field]; ok && entity != bina.EntityCooperative {
		label = l.In(lang)
	} else if l, ok := cooperativeFieldLabels[fe.Field]; ok {
		label = l.In(lang)
	}
	if strings.HasPrefix(strings.ToLower(msg), strings.ToLower(label)) {
		return msg
	}
	return label + ": " + msg
}

// outcomes label the row outcomes of an import.
var outcomes = bina.Options{
	{Code: imports.OutcomeCreated, ID: "Data baru", EN: "New"},
	{Code: imports.OutcomeUpdated, ID: "Memperbarui data", EN: "Updates a record"},
	{Code: imports.OutcomeUnchanged, ID: "Sudah ada, sama", EN: "Already there, same"},
	{Code: imports.OutcomeRejected, ID: "Ditolak", EN: "Rejected"},
	{Code: imports.OutcomeReview, ID: "Perlu ditinjau", EN: "Needs review"},
}

func outcomeLabel(o, lang string) string { return outcomes.Label(o, lang) }

func outcomeBadge(o string) string {
	switch o {
	case imports.OutcomeRejected:
		return "bad"
	case imports.OutcomeReview:
		return "warn"
	case imports.OutcomeUnchanged:
		return "muted"
	}
	return "ok"
}
