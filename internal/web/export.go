package web

import (
	"bytes"
	"iter"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bina"
	"bina/audit"
	"bina/imports"
	"bina/internal/export"
	"bina/internal/fileformat"
	"bina/internal/httperr"
	"bina/internal/sheet"
)

// Downloads of the lists: every record of a filtered list as .xlsx or
// .csv, the SIDT format, and the templates to fill in for an import.
//
// An export reads the register page by page (bina.ExportPageSize records
// at a time, following the cursors) and writes each row as it reads it, so
// a million rows take the memory of one page: CSV goes straight to the
// response; an .xlsx spills its rows to a temporary file and is sent when
// complete. The first page is read before anything is written, so that a
// bad filter gets a proper error page. Personal columns are left out of
// Bina's files (and left blank in SIDT's) for roles that may not see
// personal data; every export is logged with who made it, its filter and
// its row count, never its data.

// exportDeadline is how long an export may take to send. The server's
// write timeout suits pages; a million rows need longer.
const exportDeadline = time.Hour

// The content types of downloads.
const (
	typeCSV  = "text/csv; charset=utf-8"
	typeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// exportFormats are the formats of the UMKM export; the cooperative export
// has no SIDT format.
var exportFormats = bina.Options{
	{Code: "xlsx", ID: "Excel (.xlsx)", EN: "Excel (.xlsx)"},
	{Code: "csv", ID: "CSV", EN: "CSV"},
	{Code: "sidt", ID: "CSV format SIDT (49 kolom)", EN: "CSV in the SIDT format (49 columns)"},
}

// readFormat returns the format asked for (xlsx when none), or adds a
// problem.
func readFormat(q url.Values, allowed bina.Options, probs *bina.Problems) string {
	f := q.Get("format")
	if f == "" {
		return "xlsx"
	}
	if !allowed.Has(f) {
		probs.Add("format", "Format %q tidak dikenal; pilih salah satu: %s", "Unknown format %q; choose one of: %s", f, strings.Join(allowed.Codes(), ", "))
	}
	return f
}

// EnterpriseExport downloads the UMKM list with the filters of its page
// (GET /umkm/ekspor?format=xlsx|csv|sidt&...): every record, not one page.
// xlsx and csv have Bina's own columns, those of the import template, so
// that the file can be edited and imported again; sidt is CSV in the 49
// columns of the national SIDT export.
func (h *Handler) EnterpriseExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	var probs bina.Problems
	_, f := h.enterpriseFilterOf(u, q, &probs)
	format := readFormat(q, exportFormats, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	f.Limit = export.ExportPageSize
	first, err := h.Enterprises.ListEnterprises(ctx, f)
	if err == nil {
		err = sheet.CheckSize(format, first.Total)
	}
	if err == nil {
		err = h.recordRead(ctx, audit.Event{Action: audit.Export, Entity: bina.EntityEnterprise, Count: first.Total, Filter: audit.FilterText(f), Detail: "format=" + format})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	personal := u.CanSeePersonal()
	now := h.Ref.Clock().In(h.zone()) // the file is named by the office's day
	layout, what, file := export.BinaLayout(h.Ref, personal), "umkm", format
	if format == "sidt" {
		layout, what, file = export.SIDTLayout(h.Ref, personal, now), "umkm-sidt", "csv"
	}
	items := export.Pages(first, func(cursor string) (bina.Page[bina.Enterprise], error) {
		g := f
		g.Cursor = cursor
		return h.Enterprises.ListEnterprises(ctx, g)
	})
	name := export.ExportFileName(what, h.regionName(h.exportRegion(u, f.Region)), now, file)
	n, ok := h.download(w, r, name, file, "UMKM", layout.Header(), layout.Rows(items))
	if ok {
		h.logExport(u, "umkm", format, personal, f, n)
	}
}

// CooperativeExport downloads the cooperative list with the filters of its
// page (GET /koperasi/ekspor?format=xlsx|csv&...), in Bina's cooperative
// columns (bina.CooperativeLayout).
func (h *Handler) CooperativeExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	kel, err := h.Cooperatives.Kelompoks(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var probs bina.Problems
	_, f := h.cooperativeFilterOf(u, q, kel, &probs)
	format := readFormat(q, exportFormats[:2], &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	f.Limit = export.ExportPageSize
	first, err := h.Cooperatives.ListCooperatives(ctx, f)
	if err == nil {
		err = sheet.CheckSize(format, first.Total)
	}
	if err == nil {
		err = h.recordRead(ctx, audit.Event{Action: audit.Export, Entity: bina.EntityCooperative, Count: first.Total, Filter: audit.FilterText(f), Detail: "format=" + format})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	personal := u.CanSeePersonal()
	now := h.Ref.Clock().In(h.zone()) // the file is named by the office's day
	layout := export.CooperativeLayout(h.Ref, kel, personal)
	items := export.Pages(first, func(cursor string) (bina.Page[bina.Cooperative], error) {
		g := f
		g.Cursor = cursor
		return h.Cooperatives.ListCooperatives(ctx, g)
	})
	name := export.ExportFileName("koperasi", h.regionName(h.exportRegion(u, f.Region)), now, format)
	n, ok := h.download(w, r, name, format, "Koperasi", layout.Header(), layout.Rows(items))
	if ok {
		h.logExport(u, "koperasi", format, personal, f, n)
	}
}

// exportRegion returns the region an export covers: the filter's, else
// the user's area.
func (h *Handler) exportRegion(u *bina.User, filter bina.RegionCode) bina.RegionCode {
	if filter != "" {
		return filter
	}
	return h.scope(u)
}

// regionName returns the name of c for file names ("" for all Indonesia).
func (h *Handler) regionName(c bina.RegionCode) string {
	if c == "" {
		return ""
	}
	return h.Ref.Regions.Name(c)
}

// logExport records that an export was made: who, what, the filter (its
// search words left out) and the number of rows, never the data.
func (h *Handler) logExport(u *bina.User, what, format string, personal bool, filter any, rows int) {
	h.Log.Info("export", "what", what, "format", format, "personal_data", personal,
		"user", u.Name, "user_id", u.ID, "role", u.Role, "filter", filter, "rows", rows)
}

// download writes a header and rows as a file named name in format
// ("csv" or "xlsx") and returns the number of rows and whether the file
// was sent whole. The download's headers go out with the first byte, so
// that an error before it is still a clean error page; an error after it
// aborts the connection, so that the browser reports a failed download
// instead of keeping a file cut short.
func (h *Handler) download(w http.ResponseWriter, r *http.Request, name, format, sheetName string, header []string, rows iter.Seq2[[]any, error]) (int, bool) {
	leave, err := h.exportGate().Enter(r.Context())
	if err != nil {
		httperr.SetRetryAfter(w.Header(), err)
		h.Error(w, r, err)
		return 0, false
	}
	defer leave()
	// An export of a million rows outlasts the server's write timeout.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportDeadline))
	d := &downloadWriter{w: w, name: name, ctype: typeCSV}
	if format == "xlsx" {
		d.ctype = typeXLSX
	}
	n, err := sheet.WriteAll(d, format, sheetName, header, rows)
	if err == nil {
		return n, true
	}
	if !d.started {
		h.Error(w, r, err)
		return n, false
	}
	h.Log.Error("export cut short", "request_id", w.Header().Get("X-Request-Id"), "file", name, "rows", n, "err", err)
	panic(http.ErrAbortHandler)
}

// downloadWriter sets a download's headers when its first byte is
// written.
type downloadWriter struct {
	w           http.ResponseWriter
	name, ctype string
	started     bool
}

func (d *downloadWriter) Write(p []byte) (int, error) {
	if !d.started {
		d.started = true
		setDownloadHeaders(d.w, d.name, d.ctype, "no-store")
	}
	return d.w.Write(p)
}

// setDownloadHeaders makes the response a download of a file named name.
func setDownloadHeaders(w http.ResponseWriter, name, ctype, cache string) {
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	// Exports carry personal data and the user's scope: never store them.
	hd.Set("Cache-Control", cache)
}

// ---------------------------------------------------------------------------
// Templates

// EnterpriseTemplate downloads Bina's UMKM template (GET
// /umkm/templat.xlsx): the header row of fileformat.TemplateBina, a guide sheet
// explaining each column, and drop-down lists for the coded columns and
// the region names of the deployment.
func (h *Handler) EnterpriseTemplate(w http.ResponseWriter, r *http.Request) {
	h.sendTemplate(w, r, "UMKM", "templat-umkm.xlsx", bina.EntityEnterprise, fileformat.TemplateBina().Columns, nil)
}

// CooperativeTemplate downloads Bina's cooperative template (GET
// /koperasi/templat.xlsx): the columns of the ministry's master format
// (fileformat.TemplateKoperasi) and the fields it lacks
// (bina.CooperativeFileColumns), with the office's list of groups.
func (h *Handler) CooperativeTemplate(w http.ResponseWriter, r *http.Request) {
	kel, err := h.Cooperatives.Kelompoks(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.sendTemplate(w, r, "Koperasi", "templat-koperasi.xlsx", bina.EntityCooperative, export.CooperativeFileColumns(), kel)
}

func (h *Handler) sendTemplate(w http.ResponseWriter, r *http.Request, sheetName, name string, entity bina.Entity, cols []fileformat.TemplateColumn, kel bina.Options) {
	var buf bytes.Buffer
	if err := sheet.WriteTemplate(&buf, h.template(sheetName, entity, cols, kel)); err != nil {
		h.Error(w, r, bina.Wrap(err, "write template"))
		return
	}
	setDownloadHeaders(w, name, typeXLSX, "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

// maxListedChoices is the longest list of choices the guide sheet spells
// out; longer ones (desa names) are pointed to.
const maxListedChoices = 12

// template describes the template of cols for sheet.WriteTemplate.
func (h *Handler) template(sheetName string, entity bina.Entity, cols []fileformat.TemplateColumn, kel bina.Options) sheet.Template {
	t := sheet.Template{Sheet: sheetName}
	t.Guide = append(t.Guide, []string{"Kolom", "Wajib", "Keterangan", "Pilihan", "Column", "Description"})
	for _, c := range cols {
		fi, _ := imports.LookupField(entity, c.Field)
		help := fileformat.Help(entity, c.Field)
		choices := export.FieldChoices(fi, h.Ref, kel)
		t.Columns = append(t.Columns, sheet.TemplateColumn{
			Header:  c.Header,
			Prompt:  help.ID,
			Choices: choices,
			Text:    textKind(fi.Kind),
		})
		listed := ""
		switch {
		case len(choices) > maxListedChoices:
			listed = "Pilih dari daftar (" + strconv.Itoa(len(choices)) + " pilihan)"
		case len(choices) > 0:
			listed = strings.Join(choices, ", ")
		}
		t.Guide = append(t.Guide, []string{c.Header, required(c.Field), help.ID, listed, fi.Label.EN, help.EN})
	}
	return t
}

// textKind reports the kinds of field whose cells must stay text:
// identity numbers, phone numbers and codes.
func textKind(k bina.FieldKind) bool {
	switch k {
	case bina.KindNIK, bina.KindNIB, bina.KindPhone, bina.KindDigits, bina.KindKBLI, bina.KindKBLIList, bina.KindRegionCode:
		return true
	}
	return false
}

// required says whether an import needs the column (imports.Mapping.Validate).
func required(f bina.Field) string {
	switch f {
	case bina.FieldName:
		return "Ya"
	case bina.FieldVillage:
		return "Ya, atau Kode Desa"
	case bina.FieldVillageCode:
		return "Ya, atau Desa/Kelurahan"
	}
	return ""
}

// ---------------------------------------------------------------------------
// Links on the list pages

// downloadLink is a link to a download on a list page. The Excel file is
// the primary one: it opens as it is in Excel and LibreOffice, with its
// leading zeros, NIKs and dates intact. CSV carries a note that it is
// meant for other systems (template "download-links").
type downloadLink struct {
	Label   string
	URL     string
	Format  string
	Primary bool
	Note    string
}

// exportLinks returns the download links of a list: base with the list's
// filters as they are in q (not its page) and each format.
func (h *Handler) exportLinks(lang, base string, q url.Values, params []string, formats bina.Options) []downloadLink {
	labels := map[string]string{
		"xlsx": h.t(lang, "Unduh Excel"),
		"csv":  h.t(lang, "Unduh CSV"),
		"sidt": h.t(lang, "Unduh format SIDT"),
	}
	notes := map[string]string{
		"csv":  h.t(lang, "CSV untuk sistem lain: dibuka di Excel, angka seperti NIK dan nomor HP bisa berubah. Untuk dibaca dan diolah di kantor, pilih Excel."),
		"sidt": h.t(lang, "Format SIDT untuk dikirim ke sistem data nasional."),
	}
	var out []downloadLink
	for _, f := range formats {
		v := url.Values{}
		for _, k := range params {
			if x := q.Get(k); x != "" {
				v.Set(k, x)
			}
		}
		v.Set("format", f.Code)
		out = append(out, downloadLink{Label: labels[f.Code], URL: base + "?" + v.Encode(), Format: f.Code,
			Primary: f.Code == "xlsx", Note: notes[f.Code]})
	}
	return out
}
