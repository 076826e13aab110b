package api

import (
	"iter"
	"mime"
	"net/http"
	"slices"
	"time"

	"bina"
	"bina/audit"
	"bina/internal/export"
	"bina/internal/httperr"
	"bina/internal/sheet"
)

// Exports: every record of a filtered list as one spreadsheet, read page
// by page from the store and written as it is read, with the same columns
// as the pages' downloads (bina.BinaLayout, bina.SIDTLayout,
// bina.CooperativeLayout). Personal columns are left out (blank in SIDT)
// for users who may not see personal data. The first page is read before
// anything is written, so that a bad filter is a problem answer; a failure
// after the first byte aborts the connection rather than leave a file cut
// short that looks whole.

// exportDeadline is how long an export may take to send, beyond the
// server's write timeout for ordinary answers.
const exportDeadline = time.Hour

// The media types of exported files.
const (
	mediaCSV  = "text/csv"
	mediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// exportFormats are the file formats of an export.
var (
	enterpriseExportFormats = bina.Options{
		{Code: "xlsx", ID: "Excel", EN: "Excel workbook in Bina's own columns (those of the import template)"},
		{Code: "csv", ID: "CSV", EN: "comma-separated UTF-8 in Bina's own columns"},
		{Code: "sidt", ID: "SIDT", EN: "comma-separated UTF-8 in the 49 columns of the national SIDT export"},
	}
	cooperativeExportFormats = enterpriseExportFormats[:2]
)

// exportQuery is the query of an export: a list's filters and a format.
type exportQuery[F any] struct {
	filter F
	format string
}

// exportParams are the parameters of an export: those of the list but
// its cursor and page size, and the format.
func exportParams[F any](list []param[F], formats bina.Options) []param[exportQuery[F]] {
	type Q = exportQuery[F]
	var out []param[Q]
	for _, p := range list {
		if p.name == "cursor" || p.name == "limit" {
			continue
		}
		out = append(out, param[Q]{name: p.name, doc: p.doc, schema: p.schema,
			set: func(q *Q, v string) (bina.Text, bool) { return p.set(&q.filter, v) }})
	}
	format := enumParam("format", "File format (default xlsx).", formats, func(q *Q) *string { return &q.format })
	format.schema["default"] = "xlsx"
	return append(out, format)
}

// ExportEnterprises answers every enterprise matching the filters as one
// file: GET /api/v1/enterprises/export?format=xlsx|csv|sidt&<filters>.
func (h *Handler) ExportEnterprises(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := exportQuery[bina.EnterpriseFilter]{format: "xlsx"}
	if err := parseQuery(r.URL.Query(), exportParams(h.enterpriseParams, enterpriseExportFormats), &q); err != nil {
		h.Error(w, r, err)
		return
	}
	f := q.filter
	f.Limit = export.ExportPageSize
	first, err := h.enterprises.ListEnterprises(ctx, f)
	if err == nil {
		err = sheet.CheckSize(q.format, first.Total)
	}
	if err == nil {
		err = h.recordRead(ctx, audit.Event{Action: audit.Export, Entity: bina.EntityEnterprise, Count: first.Total, Filter: audit.FilterText(f), Detail: "format=" + q.format})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u := bina.UserFromContext(ctx)
	personal := u.CanSeePersonal()
	now := h.ref.Clock().In(bina.ZoneOf(h.ref.Config.Region).Location()) // the file is named by the office's day
	layout, what, file := export.BinaLayout(h.ref, personal), "umkm", q.format
	if q.format == "sidt" {
		layout, what, file = export.SIDTLayout(h.ref, personal, now), "umkm-sidt", "csv"
	}
	items := export.Pages(first, func(cursor string) (bina.Page[bina.Enterprise], error) {
		g := f
		g.Cursor = cursor
		return h.enterprises.ListEnterprises(ctx, g)
	})
	name := export.ExportFileName(what, h.regionName(u, f.Region), now, file)
	if n, ok := h.download(w, r, name, file, "UMKM", layout.Header(), layout.Rows(items)); ok {
		h.log.Info("export", "what", "umkm", "format", q.format, "personal_data", personal, "api", true,
			"user", u.Name, "user_id", u.ID, "role", u.Role, "filter", f, "rows", n)
	}
}

// ExportCooperatives answers every cooperative matching the filters as one
// file: GET /api/v1/cooperatives/export?format=xlsx|csv&<filters>.
func (h *Handler) ExportCooperatives(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := exportQuery[bina.CooperativeFilter]{format: "xlsx"}
	if err := parseQuery(r.URL.Query(), exportParams(h.cooperativeParams, cooperativeExportFormats), &q); err != nil {
		h.Error(w, r, err)
		return
	}
	kel, err := h.cooperatives.Kelompoks(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := q.filter
	f.Limit = export.ExportPageSize
	first, err := h.cooperatives.ListCooperatives(ctx, f)
	if err == nil {
		err = sheet.CheckSize(q.format, first.Total)
	}
	if err == nil {
		err = h.recordRead(ctx, audit.Event{Action: audit.Export, Entity: bina.EntityCooperative, Count: first.Total, Filter: audit.FilterText(f), Detail: "format=" + q.format})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u := bina.UserFromContext(ctx)
	personal := u.CanSeePersonal()
	layout := export.CooperativeLayout(h.ref, kel, personal)
	items := export.Pages(first, func(cursor string) (bina.Page[bina.Cooperative], error) {
		g := f
		g.Cursor = cursor
		return h.cooperatives.ListCooperatives(ctx, g)
	})
	name := export.ExportFileName("koperasi", h.regionName(u, f.Region), h.ref.Clock().In(bina.ZoneOf(h.ref.Config.Region).Location()), q.format)
	if n, ok := h.download(w, r, name, q.format, "Koperasi", layout.Header(), layout.Rows(items)); ok {
		h.log.Info("export", "what", "koperasi", "format", q.format, "personal_data", personal, "api", true,
			"user", u.Name, "user_id", u.ID, "role", u.Role, "filter", f, "rows", n)
	}
}

// regionName names the region an export covers, for its file name: the
// filter's, else the user's area.
func (h *Handler) regionName(u *bina.User, filter bina.RegionCode) string {
	if h.ref.Regions == nil {
		return ""
	}
	c := filter
	if c == "" {
		c = u.Scope(h.ref.Regions.Root())
	}
	if c == "" {
		return ""
	}
	return h.ref.Regions.Name(c)
}

// download writes the file and reports the rows written and whether the
// file went out whole (see the top of this file).
func (h *Handler) download(w http.ResponseWriter, r *http.Request, name, format, sheetName string, header []string, rows iter.Seq2[[]any, error]) (int, bool) {
	leave, err := h.exportGate().Enter(r.Context())
	if err != nil {
		httperr.SetRetryAfter(w.Header(), err)
		h.Error(w, r, err)
		return 0, false
	}
	defer leave()
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportDeadline))
	d := &downloadWriter{w: w, name: name, ctype: mediaCSV + "; charset=utf-8"}
	if format == "xlsx" {
		d.ctype = mediaXLSX
	}
	n, err := sheet.WriteAll(d, format, sheetName, header, rows)
	if err == nil {
		return n, true
	}
	if !d.started {
		h.Error(w, r, err)
		return n, false
	}
	h.log.Error("export cut short", "request_id", w.Header().Get("X-Request-Id"), "file", name, "rows", n, "err", err)
	panic(http.ErrAbortHandler)
}

// downloadWriter sets a file's headers with its first byte.
type downloadWriter struct {
	w           http.ResponseWriter
	name, ctype string
	started     bool
}

func (d *downloadWriter) Write(p []byte) (int, error) {
	if !d.started {
		d.started = true
		hd := d.w.Header()
		hd.Set("Content-Type", d.ctype)
		hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.name}))
		hd.Set("Cache-Control", "no-store")
	}
	return d.w.Write(p)
}

// fileAnswer documents a 200 answer that is a downloaded file of one of
// the media types.
func (o operation) fileAnswer(description string, media ...string) operation {
	content := schema{}
	for _, m := range slices.Sorted(slices.Values(media)) {
		content[m] = schema{"schema": schema{"type": "string", "contentMediaType": m}}
	}
	o["responses"].(schema)["200"] = schema{
		"description": description,
		"headers": schema{"Content-Disposition": schema{
			"description": `attachment; filename="umkm-kubu-raya-2026-11-28.xlsx": the list, the region and the day.`,
			"required":    true,
			"schema":      schema{"type": "string"},
		}},
		"content": content,
	}
	return o
}

// exportGate returns the gate of the files this server writes.
func (h *Handler) exportGate() *sheet.Gate { return h.exports }
