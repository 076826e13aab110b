package web

import (
	"net/http"
	"strconv"
	"strings"

	"bina"
	"bina/indicator"
	"bina/internal/httperr"
)

// rakorPage is /laporan/rakor: the versions of the rakor report with
// their state and progress, the form that makes a new one, and the
// downloads of those done.
type rakorPage struct {
	layout
	Reports []rakorRow
	Years   []int
	Year    int
	Theme   string
	Problem []string // why the last ask was refused
	CanMake bool
	// RunningLabel is the state's label once the job has started: app.js
	// shows it when the polled state turns to running.
	RunningLabel string
}

// rakorRow is one version in the list.
type rakorRow struct {
	indicator.Report
	StateLabel string
	StatusURL  string // the API address app.js polls while the job runs
	PDFURL     string
	XLSXURL    string
}

// Rakor lists the rakor reports.
func (h *Handler) Rakor(w http.ResponseWriter, r *http.Request) {
	now := h.Ref.Clock().Year()
	h.showRakor(w, r, http.StatusOK, now-1, "", nil)
}

func (h *Handler) showRakor(w http.ResponseWriter, r *http.Request, status, year int, theme string, problem []string) {
	if h.Deps.Rakor == nil {
		http.NotFound(w, r)
		return
	}
	list, err := h.Deps.Rakor.ListReports(r.Context(), indicator.ReportKindRakor, 50)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &rakorPage{layout: h.newLayout(r, "Laporan rakor", "rakor"), Year: year, Theme: theme, Problem: problem}
	p.CanMake = p.User.CanEdit() && !p.User.Bound()
	p.RunningLabel = indicator.ReportRunStates.Label(string(indicator.ReportRunning), p.Lang)
	now := h.Ref.Clock().Year()
	for y := now; y >= now-6; y-- {
		p.Years = append(p.Years, y)
	}
	for _, rep := range list {
		row := rakorRow{Report: rep, StateLabel: indicator.ReportRunStates.Label(string(rep.State), p.Lang)}
		base := "/api/v1/reports/" + strconv.FormatInt(rep.ID, 10)
		if rep.Busy() {
			row.StatusURL = base
			// Browsers without JavaScript reload the page; app.js polls.
			p.Refresh = 5
		}
		if rep.State == indicator.ReportDone {
			row.PDFURL, row.XLSXURL = base+"/"+indicator.ReportPDF, base+"/"+indicator.ReportXLSX
		}
		p.Reports = append(p.Reports, row)
	}
	p.Here = "/laporan/rakor"
	h.render(w, r, status, "rakor/list", p)
}

// RakorCreate asks for a new version of the rakor report. A refusal (a
// year without data, the same report being made) shows the page again
// with the reason and its status.
func (h *Handler) RakorCreate(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Rakor == nil {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak dapat dibaca", "The form cannot be read"))
		return
	}
	theme := strings.TrimSpace(r.PostForm.Get("tema"))
	year, err := strconv.Atoi(r.PostForm.Get("tahun"))
	if err != nil {
		h.showRakor(w, r, http.StatusUnprocessableEntity, h.Ref.Clock().Year()-1, theme, []string{h.t(lang(r), "Pilih tahun laporan.")})
		return
	}
	_, err = h.Deps.Rakor.RequestRakor(r.Context(), indicator.ReportRequest{Year: year, Theme: theme})
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, "/laporan/rakor", "rakor-started")
	case bina.Invalid, bina.Conflict:
		h.showRakor(w, r, httperr.Status(bina.ErrorCode(err)), year, theme, problemTexts(err, lang(r)))
	default:
		h.Error(w, r, err)
	}
}
