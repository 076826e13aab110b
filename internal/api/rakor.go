package api

import (
	"bina/indicator"
	"mime"
	"net/http"
	"strconv"
)

// rakorReport is a report as the API answers it: its state and, once
// done, where its files are.
type rakorReport struct {
	indicator.Report
	URL     string `json:"url"`
	PDFURL  string `json:"pdf_url,omitempty"`
	XLSXURL string `json:"xlsx_url,omitempty"`
}

// rakorPath is the API address of report id.
func rakorPath(id int64) string { return "/api/v1/reports/" + strconv.FormatInt(id, 10) }

func rakorAnswer(r *indicator.Report) rakorReport {
	a := rakorReport{Report: *r, URL: rakorPath(r.ID)}
	if r.State == indicator.ReportDone {
		a.PDFURL, a.XLSXURL = a.URL+"/pdf", a.URL+"/xlsx"
	}
	return a
}

// RequestRakor starts a new version of the rakor report of a year: 202
// with its address; the job runs in the background.
func (h *Handler) RequestRakor(w http.ResponseWriter, r *http.Request) {
	if h.rakor == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var q indicator.ReportRequest
	if err := decode(r, &q); err != nil {
		h.Error(w, r, err)
		return
	}
	rep, err := h.rakor.RequestRakor(r.Context(), q)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Location", rakorPath(rep.ID))
	h.writeJSON(w, r, http.StatusAccepted, rakorAnswer(rep))
}

// GetReport answers a report's state and progress, and its files' URLs
// once done.
func (h *Handler) GetReport(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.rakor == nil {
		h.Error(w, r, errNotFound())
		return
	}
	rep, err := h.rakor.FindReport(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, rakorAnswer(rep))
}

// ListRakor answers the versions of the rakor report in the user's area,
// newest first.
func (h *Handler) ListRakor(w http.ResponseWriter, r *http.Request) {
	if h.rakor == nil {
		h.Error(w, r, errNotFound())
		return
	}
	list, err := h.rakor.ListReports(r.Context(), indicator.ReportKindRakor, 100)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	out := make([]rakorReport, len(list))
	for i := range list {
		out[i] = rakorAnswer(&list[i])
	}
	h.writeJSON(w, r, http.StatusOK, itemsOf(out))
}

// GetReportFile answers a done report's PDF or workbook as a download.
func (h *Handler) GetReportFile(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.rakor == nil {
		h.Error(w, r, errNotFound())
		return
	}
	f, err := h.rakor.ReportFile(r.Context(), id, r.PathValue("format"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	ServeReportDownload(w, f)
}

// ServeReportDownload writes a report's file as an attachment download.
func ServeReportDownload(w http.ResponseWriter, f *indicator.ReportFile) {
	hd := w.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Length", strconv.Itoa(len(f.Data)))
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(f.Data)
}

// rakorPaths adds the report operations to the document.
func (h *Handler) rakorPaths(add func(method, path string, o operation)) {
	const tag = "statistics"
	id := schema{"name": "id", "in": "path", "required": true, "description": "The report's id.", "schema": schema{"type": "integer", "format": "int64", "minimum": 1}}
	add("POST", "/api/v1/reports/rakor", newOperation("requestRakor", tag, "Start a rakor report.",
		"Starts a new version of the rakor (coordination meeting) report of a year for a region (the user's area when absent), made by a "+
			"background job: 202 with its address in Location; follow it with GET until state is done or failed. Once done, a report is a "+
			"snapshot that never changes; asking again makes the next version. 409 while a report of the same year and region is queued "+
			"or running; 422 for a year without data (every indicator zero) or out of range. See docs/rakor.md.").
		body("ReportRequestInput", "The year, and optionally the region and the meeting's theme for the cover.").
		answer(http.StatusAccepted, "The report, queued.", "RakorReport", "Location").problems(http.StatusBadRequest, http.StatusForbidden,
		http.StatusNotFound, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity))
	add("GET", "/api/v1/reports/rakor", newOperation("listRakor", tag, "The versions of the rakor report.",
		"Every version in the user's area, newest first, at most 100.").
		answer(http.StatusOK, "The reports.", "RakorReportList").problems())
	add("GET", "/api/v1/reports/{id}", newOperation("getReport", tag, "A report's state.",
		"queued, running (with progress in percent), done (with pdf_url and xlsx_url) or failed (with error).").
		params(id).answer(http.StatusOK, "The report.", "RakorReport").problems(http.StatusNotFound))
	add("GET", "/api/v1/reports/{id}/{format}", newOperation("getReportFile", tag, "A done report's file.",
		"format pdf: the A4 report; xlsx: every table of the PDF, one worksheet each. 404 until the report is done.").
		params(id, schema{"name": "format", "in": "path", "required": true, "description": "pdf or xlsx.",
			"schema": schema{"type": "string", "enum": []string{indicator.ReportPDF, indicator.ReportXLSX}}}).
		fileAnswer("The file.", "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").problems(http.StatusNotFound))
}

// rakorSchemas adds the report schemas to out.
func rakorSchemas(out schema) {
	out["ReportRequestInput"] = input.object("A request for a rakor report.",
		member{"year", integer("The year reported, from 2000 to the current one.")},
		member{"region", describe(schema{"type": "string", "pattern": regionPattern}, "A region inside the user's area; the user's area when absent.")},
		member{"theme", str("The meeting's theme, printed on the cover; at most 200 characters.")},
	)
	out["ReportRequestInput"].(schema)["required"] = []string{"year"}
	nullableTime := func(d string) schema {
		return describe(schema{"type": "string", "format": "date-time"}, d)
	}
	out["RakorReport"] = optional(answer.object("A version of the rakor report.",
		member{"id", id64("The report's id.")},
		member{"kind", str("rakor.")},
		member{"year", integer("The year reported.")},
		member{"region_code", describe(schema{"type": "string", "pattern": regionPattern}, "The region reported.")},
		member{"theme", str("The meeting's theme on the cover.")},
		member{"version", integer("1, and one more for each report of the same year and region asked for again.")},
		member{"state", enumSchema(indicator.ReportRunStates, false, "Where the job stands.")},
		member{"progress", count("Percent done, 0 to 100.")},
		member{"error", str("Why the report failed.")},
		member{"created_by", str("Who asked for it.")},
		member{"created_at", timestamp("When it was asked for.")},
		member{"taken_at", nullableTime("When its figures were read from the register.")},
		member{"finished_at", nullableTime("When its job ended.")},
		member{"pdf_size", count("Bytes of the PDF.")},
		member{"xlsx_size", count("Bytes of the workbook.")},
		member{"url", str("This report's address.")},
		member{"pdf_url", str("The PDF, once done.")},
		member{"xlsx_url", str("The workbook, once done.")},
	), "theme", "error", "taken_at", "finished_at", "pdf_size", "xlsx_size", "pdf_url", "xlsx_url")
	out["RakorReportList"] = answer.object("Versions of the rakor report.", member{"items", schema{"type": "array", "items": ref("RakorReport")}})
}
