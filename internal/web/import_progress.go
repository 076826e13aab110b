package web

import (
	"bina/imports"
	"net/http"
	"strconv"

	"bina"
)

// The start of an import and its progress (see import.go).

// ImportStart sets the import's mapping and queues it for a worker.
// Starting an import that already runs (a double click, a reload of the
// post) just shows its progress.
func (h *Handler) ImportStart(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	j, err := h.findImport(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if j.State != imports.ImportUploaded {
		h.enqueue(w, r, j)
		return
	}
	st, err := readMapping(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := st.mapping.Validate(j.Entity); err != nil {
		h.showMapping(w, r, j, st, h.checkMapping(j, st))
		return
	}
	if st.name != "" && !h.trySaveMapping(w, r, j, st) {
		return
	}
	cj, err := h.mappingJob(ctx, j, st)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	err = h.Imports.ConfigureImport(ctx, cj)
	switch bina.ErrorCode(err) {
	case "":
	case bina.Conflict:
		// Started meanwhile, from another tab: show where it is.
		if cur, ferr := h.Imports.FindImport(ctx, j.ID); ferr == nil && cur.State != imports.ImportUploaded {
			h.enqueue(w, r, cur)
			return
		}
		h.Error(w, r, err)
		return
	case bina.Invalid:
		h.showMapping(w, r, j, st, func(p *importMapPage) { p.Summary = append(p.Summary, problemTexts(err, p.Lang)...) })
		return
	default:
		h.Error(w, r, err)
		return
	}
	h.enqueue(w, r, cj)
}

// enqueue queues a configured import and shows its progress. Queueing is
// idempotent, so a queued import whose server died before it was queued
// gets its job here too.
func (h *Handler) enqueue(w http.ResponseWriter, r *http.Request, j *imports.Job) {
	if (j.State == imports.ImportQueued || j.State == imports.ImportRunning) && h.Queue != nil {
		if err := h.Queue.EnqueueImport(r.Context(), j.ID); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	h.redirectFlash(w, r, importURL(j.ID), "started")
}

// importProgressPage shows a queued or running import.
type importProgressPage struct {
	layout
	Job        *imports.Job
	EntityName string
	StateLabel string
	Progress   int
	StatusURL  string // the API address app.js polls
	// RunningLabel is the state's label once a worker has taken the
	// import: app.js shows it when the polled state turns to running.
	// RebuildLabel is shown instead while a first load, every row
	// written, builds the list indexes, search and counts again.
	RunningLabel string
	RebuildLabel string
}

func (h *Handler) showProgress(w http.ResponseWriter, r *http.Request, j *imports.Job) {
	p := &importProgressPage{layout: h.newLayout(r, "Impor berjalan", "impor"), Job: j, Progress: j.Progress(),
		StatusURL: "/api/v1/imports/" + strconv.FormatInt(j.ID, 10)}
	p.EntityName = entityName(j.Entity, p.Lang)
	p.StateLabel = imports.States.Label(j.State, p.Lang)
	p.RunningLabel = imports.States.Label(imports.ImportRunning, p.Lang)
	p.RebuildLabel = h.t(p.Lang, "Menyusun ulang daftar, pencarian dan jumlah")
	if rebuilding(j) && j.Alive(h.Ref.Clock()) {
		p.StateLabel = p.RebuildLabel
	}
	p.Here = importURL(j.ID)
	// Browsers without JavaScript reload the page; app.js polls instead.
	p.Refresh = 5
	h.render(w, r, http.StatusOK, "import/progress", p)
}

// rebuilding reports whether j is a first load whose rows are all written
// and whose register is being put back together (app.js tells the same
// from the polled job).
func rebuilding(j *imports.Job) bool {
	return j.State == imports.ImportRunning && j.FirstLoad && j.Total > 0 && j.Done >= j.Total
}
