package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"bina"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/sheet"
)

// The import pages: upload a spreadsheet, map its columns to fields,
// preview the first rows as they would be imported, start the import as a
// background job, watch its progress, and read its report. The rows that
// wait for a person go to the review queue (review.go).

// MaxUpload is the largest file the import takes (sheet.Open's limit);
// internal/server lets request bodies this large through on POST /impor.
const MaxUpload = 100 << 20

// ImportQueue runs imports in the background (internal/jobs).
type ImportQueue interface {
	// EnqueueImport queues import id for a worker; queueing it again while
	// it waits, runs or is done adds nothing.
	EnqueueImport(ctx context.Context, id int64) error
}

const (
	// sampleScan is how many rows under the header give sample values.
	sampleScan = 12
	// samplesPerColumn is how many sample values a column shows.
	samplesPerColumn = 3
	// maxColumns bounds the columns the mapping step shows: a file with
	// thousands of columns is not a register.
	maxColumns = 200
	// maxHeaderLine bounds the header row a person may choose.
	maxHeaderLine = 1000
	// previewRows is how many rows the preview converts.
	previewRows = 20
	// importsPerPage is the length of the list of imports.
	importsPerPage = 20
	// issuesOnPage is how many rejected or held rows the report page
	// lists; the downloadable report has them all.
	issuesOnPage = 100
	// issuesLoadMax is the most problem rows the report page reads to
	// summarise their reasons; beyond it the page offers the download only.
	issuesLoadMax = 5000
	// multipartMemory is how much of an upload is kept in memory while it
	// is parsed; the rest goes to a temporary file.
	multipartMemory = 8 << 20
)

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
	bina.ImportJob
	StateLabel string
	Badge      string // the badge's class: ok, warn, bad, muted or ""
	EntityName string
}

// templateChoice is one choice of the template <select>.
type templateChoice struct {
	Value, Label string
}

// importListPage lists the imports and holds the upload form.
type importListPage struct {
	layout
	Imports   []importRow
	PrevURL   string
	NextURL   string
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
	page, _ := strconv.Atoi(r.URL.Query().Get("hal"))
	page = max(page, 1)
	list, err := h.Imports.ListImports(ctx, importsPerPage+1, (page-1)*importsPerPage)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &importListPage{layout: h.newLayout(r, "Impor data", "impor"), Form: f, Problem: problem,
		MaxMB: MaxUpload >> 20, MaxBytes: MaxUpload}
	p.Here = "/impor"
	if len(list) > importsPerPage {
		list = list[:importsPerPage]
		p.NextURL = "/impor?hal=" + strconv.Itoa(page+1)
	}
	if page > 1 {
		p.PrevURL = "/impor?hal=" + strconv.Itoa(page-1)
	}
	for _, j := range list {
		p.Imports = append(p.Imports, h.importRow(j, p.Lang))
	}
	p.Entities = []choice{
		{string(bina.EntityEnterprise), h.t(p.Lang, "UMKM")},
		{string(bina.EntityCooperative), h.t(p.Lang, "Koperasi")},
	}
	if p.Templates, p.Saved, err = h.templateChoices(ctx, "", p.Lang); err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "import/list", p)
}

func (h *Handler) importRow(j bina.ImportJob, lang string) importRow {
	row := importRow{ImportJob: j, StateLabel: bina.ImportStates.Label(j.State, lang), EntityName: entityName(j.Entity, lang)}
	switch j.State {
	case bina.ImportDone:
		row.Badge = "ok"
	case bina.ImportFailed:
		row.Badge = "bad"
	case bina.ImportUploaded:
		row.Badge = "warn"
	}
	return row
}

func entityName(e bina.Entity, lang string) string {
	if e == bina.EntityCooperative {
		return bina.Text{ID: "Koperasi", EN: "Cooperatives"}.In(lang)
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

// ImportUpload stores an uploaded spreadsheet as a new import and sends
// the browser to its mapping step. The file is opened first: a file that
// is not a readable spreadsheet is refused with the reason, and nothing is
// stored.
func (h *Handler) ImportUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	if err := h.mayImport(r); err != nil {
		h.Error(w, r, err)
		return
	}
	lang := lang(r)
	refuse := func(f *form, field string, msg bina.Text) {
		f.addProblems([]bina.FieldError{{Field: field, Message: msg}}, lang)
		h.importList(w, r, http.StatusUnprocessableEntity, f, msg.In(lang))
	}
	err := r.ParseMultipartForm(multipartMemory)
	f := newForm(r.PostForm, importInputs, nil)
	if r.MultipartForm != nil {
		f = newForm(url.Values(r.MultipartForm.Value), importInputs, nil)
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		refuse(f, "file", tooLargeText())
		return
	case errors.Is(err, http.ErrNotMultipart):
		refuse(f, "file", bina.Text{ID: "Pilih berkas .xlsx atau .csv yang akan diimpor.", EN: "Choose the .xlsx or .csv file to import."})
		return
	case err != nil:
		refuse(f, "file", bina.Text{ID: "Formulir unggah tidak terbaca; pilih berkasnya lagi.", EN: "The upload could not be read; choose the file again."})
		return
	}
	file, fh, err := r.FormFile("file")
	if err != nil {
		refuse(f, "file", bina.Text{ID: "Pilih berkas .xlsx atau .csv yang akan diimpor.", EN: "Choose the .xlsx or .csv file to import."})
		return
	}
	defer file.Close()
	if fh.Size > MaxUpload {
		refuse(f, "file", tooLargeText())
		return
	}
	name := filepath.Base(strings.ReplaceAll(fh.Filename, `\`, "/"))
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".csv", ".txt":
	case ".xls":
		refuse(f, "file", bina.Text{ID: "Berkas .xls (Excel 97-2003) tidak dapat dibaca. Buka di Excel lalu simpan sebagai .xlsx.", EN: "An .xls file (Excel 97-2003) cannot be read. Open it in Excel and save it as .xlsx."})
		return
	default:
		refuse(f, "file", bina.Text{ID: "Jenis berkas tidak didukung; unggah .xlsx atau .csv.", EN: "This kind of file is not supported; upload an .xlsx or .csv file."})
		return
	}

	// The upload is on disk already when it is larger than
	// multipartMemory; a small one is written to a temporary file, since
	// an .xlsx is read by random access.
	path, cleanup, err := uploadPath(file)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	defer cleanup()
	head, format, err := importer.ReadHead(path, sheet.Limits{MaxBytes: MaxUpload}, importer.HeadRows)
	if err != nil {
		if bina.ErrorCode(err) == bina.Internal {
			h.Error(w, r, err)
			return
		}
		refuse(f, "file", bina.ErrorText(err))
		return
	}
	// The kind of records comes from the form unless the template says it.
	if f.Get("entity") == "" && f.Get("template") == "" {
		refuse(f, "entity", bina.Text{ID: "Pilih jenis data: UMKM atau koperasi.", EN: "Choose the kind of records: UMKM or cooperatives."})
		return
	}
	saved, err := importer.SavedMappings(ctx, h.Imports)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	plan, err := importer.Plan(importer.PlanInput{Head: head, Template: f.Get("template"), Entity: bina.Entity(f.Get("entity")), Saved: saved})
	if err != nil {
		field := "file"
		if fs := bina.ErrorFields(err); len(fs) > 0 {
			field = fs[0].Field
		}
		refuse(f, field, bina.ErrorText(err))
		return
	}
	// The mapping step shows the plan's mapping to be checked; the job
	// waits for it without one.
	j := plan.Job()
	j.Mapping = nil
	j.FileName, j.Format, j.Size, j.DryRun, j.CreatedBy = name, format, fh.Size, f.Checked("dry_run"), u.Name

	stored, err := os.Open(path)
	if err != nil {
		h.Error(w, r, bina.Wrap(err, "reopen upload"))
		return
	}
	defer stored.Close()
	err = h.Imports.CreateImport(ctx, j, stored)
	if code := bina.ErrorCode(err); code == bina.Invalid {
		refuse(f, "file", bina.ErrorText(err))
		return
	} else if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, importURL(j.ID), "uploaded")
}

func tooLargeText() bina.Text {
	return bina.Text{
		ID: fmt.Sprintf("Berkas terlalu besar; paling besar %d MB. Bagi menjadi beberapa berkas.", MaxUpload>>20),
		EN: fmt.Sprintf("The file is too large; at most %d MB. Split it into several files.", MaxUpload>>20),
	}
}

func importURL(id int64) string { return "/impor/" + strconv.FormatInt(id, 10) }

// uploadPath returns a path holding the uploaded file, and a function
// that removes what uploadPath made.
func uploadPath(f io.Reader) (string, func(), error) {
	if osf, ok := f.(*os.File); ok {
		return osf.Name(), func() {}, nil
	}
	tmp, err := os.CreateTemp("", "bina-upload-*")
	if err != nil {
		return "", nil, bina.Wrap(err, "temporary file")
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, f); err != nil {
		cleanup()
		return "", nil, bina.Wrap(err, "copy upload")
	}
	return tmp.Name(), cleanup, nil
}

func emptyRow(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// findImport reads the {id} of the route and its import.
func (h *Handler) findImport(r *http.Request) (*bina.ImportJob, error) {
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
	case bina.ImportUploaded:
		h.showMapping(w, r, j, nil)
	case bina.ImportQueued, bina.ImportRunning:
		h.showProgress(w, r, j)
	default:
		h.showReport(w, r, j)
	}
}

// ---------------------------------------------------------------------------
// The mapping step

// mapColumn is one column of the file on the mapping step.
type mapColumn struct {
	Index   int
	Name    string // the <select>'s name: "kolom-3"
	ID      string
	Letter  string // the column as a spreadsheet names it: "D"
	Header  string
	Samples []string
	Field   string // the chosen field
	Errors  []string
}

// fieldGroup is one <optgroup> of the field <select>s.
type fieldGroup struct {
	Label   string
	Options []choice
}

// previewRow is one converted row of the preview.
type previewRow struct {
	Line     int
	Outcome  string
	Label    string // the outcome in words
	Badge    string
	Name     string
	Place    string // where the row's record lies
	Region   string // a note on the region match
	Problems []string
}

// previewView is the preview of the first rows.
type previewView struct {
	Rows                 []previewRow
	Ready, Held, Refused int
}

// importMapPage is the mapping step of an uploaded import.
type importMapPage struct {
	layout
	Job         *bina.ImportJob
	EntityName  string
	Action      string
	HeaderLine  int // the header row as a spreadsheet numbers it
	HeaderFound bool
	Columns     []mapColumn
	Groups      []fieldGroup
	Template    string
	Templates   []templateChoice
	Saved       []templateChoice
	Missing     []string // the template's headers that the file lacks
	Summary     []string // problems of the mapping
	Name        string   // the name to save the mapping under
	NameError   string
	Preview     *previewView
	DataRows    bool // the file has rows under the header
}

// mapState is what the person chose on the mapping step.
type mapState struct {
	headerIdx int
	template  string
	mapping   bina.Mapping
	name      string
	posted    bool
}

// showMapping renders the mapping step. st carries what was posted (nil
// on a first visit: the header row is the detected one, or the one asked
// for in the address, and the mapping comes from the template or the
// header names); preview is the preview to show, if any.
func (h *Handler) showMapping(w http.ResponseWriter, r *http.Request, j *bina.ImportJob, st *mapState, extra ...func(*importMapPage)) {
	ctx := r.Context()
	q := r.URL.Query()
	p := &importMapPage{layout: h.newLayout(r, "Pemetaan kolom", "impor"), Job: j, Action: importURL(j.ID)}
	p.EntityName = entityName(j.Entity, p.Lang)
	p.Here = importURL(j.ID)
	status := http.StatusOK

	headerIdx, tmpl := j.HeaderRow, j.Template
	if st != nil {
		headerIdx, tmpl = st.headerIdx, st.template
	} else {
		if s := q.Get("baris"); s != "" {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 1 || n > maxHeaderLine {
				p.Summary = append(p.Summary, bina.Text{
					ID: fmt.Sprintf("Nomor baris judul harus angka 1 sampai %d.", maxHeaderLine),
					EN: fmt.Sprintf("The header row must be a number from 1 to %d.", maxHeaderLine)}.In(p.Lang))
				status = http.StatusUnprocessableEntity
			} else {
				headerIdx = n - 1
			}
		}
		if q.Has("templat") {
			tmpl = q.Get("templat")
		}
	}
	rows, err := h.fileHead(ctx, j, max(importer.HeadRows, headerIdx+1+sampleScan))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if headerIdx >= len(rows) {
		p.Summary = append(p.Summary, bina.Text{
			ID: fmt.Sprintf("Berkas hanya punya %d baris; pilih baris judul yang ada.", len(rows)),
			EN: fmt.Sprintf("The file has only %d rows; choose a header row it has.", len(rows))}.In(p.Lang))
		headerIdx = j.HeaderRow
		status = http.StatusUnprocessableEntity
	}
	_, p.HeaderFound = fileformat.FindHeaderRow(rows, importer.HeadRows)
	header := rows[headerIdx]
	p.HeaderLine = headerIdx + 1
	p.Template = tmpl

	var mapping bina.Mapping
	switch {
	case st != nil:
		mapping = st.mapping
		p.Name = st.name
	default:
		mapping, p.Missing, err = h.suggest(ctx, j.Entity, tmpl, rows, headerIdx)
		if err != nil {
			p.Summary = append(p.Summary, bina.ErrorText(err).In(p.Lang))
			status = http.StatusUnprocessableEntity
		}
	}

	// Columns: as many as the header or the sample rows have.
	samples := sampleRows(rows, headerIdx)
	n := len(header)
	for _, s := range samples {
		n = max(n, len(s))
	}
	n = min(n, maxColumns)
	for c := 0; c < n; c++ {
		col := mapColumn{Index: c, Name: "kolom-" + strconv.Itoa(c), ID: "f-kolom-" + strconv.Itoa(c), Letter: columnLetter(c)}
		if c < len(header) {
			col.Header = strings.TrimSpace(header[c])
		}
		for _, s := range samples {
			if c < len(s) && strings.TrimSpace(s[c]) != "" && len(col.Samples) < samplesPerColumn {
				col.Samples = append(col.Samples, shorten(40, strings.TrimSpace(s[c])))
			}
		}
		col.Field = string(mapping[c])
		p.Columns = append(p.Columns, col)
	}
	p.DataRows = len(samples) > 0
	p.Groups = fieldGroups(j.Entity, p.Lang)
	if p.Templates, p.Saved, err = h.templateChoices(ctx, j.Entity, p.Lang); err != nil {
		h.Error(w, r, err)
		return
	}
	for _, fn := range extra {
		fn(p)
	}
	if len(p.Summary) > 0 && status == http.StatusOK {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "import/map", p)
}

// suggest returns the mapping the header at headerIdx gets from a
// template (importer.Plan): a built-in one by its header texts, a saved one
// by the texts it was saved with, and with no template the fields the
// header names suggest. An unknown template is an error beside the
// suggestion of the header names.
func (h *Handler) suggest(ctx context.Context, entity bina.Entity, tmpl string, rows [][]string, headerIdx int) (bina.Mapping, []string, error) {
	saved, err := importer.SavedMappings(ctx, h.Imports)
	if err != nil {
		return nil, nil, err
	}
	in := importer.PlanInput{Head: rows, HeaderLine: headerIdx + 1, Template: tmpl, Entity: entity, Saved: saved}
	p, err := importer.Plan(in)
	if err != nil {
		in.Template = ""
		p, perr := importer.Plan(in)
		if perr != nil {
			return nil, nil, err
		}
		return p.Mapping, nil, err
	}
	return p.Mapping, p.Missing, nil
}

// sampleRows returns the first rows under the header that hold data,
// without repeats of the header.
func sampleRows(rows [][]string, headerIdx int) [][]string {
	var out [][]string
	for _, r := range rows[headerIdx+1:] {
		if emptyRow(r) || sameRow(r, rows[headerIdx]) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func sameRow(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.TrimSpace(a[i]) != strings.TrimSpace(b[i]) {
			return false
		}
	}
	return true
}

// columnLetter names column c (0-based) as a spreadsheet does: A … Z, AA.
func columnLetter(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// fileHead reads the first n rows of an import's stored file. An .xlsx
// is read by random access and is copied whole; of a CSV file only the
// beginning is needed.
func (h *Handler) fileHead(ctx context.Context, j *bina.ImportJob, n int) ([][]string, error) {
	limit := int64(0)
	if j.Format == "csv" {
		limit = 8 << 20
	}
	path, cleanup, err := importer.StoredFile(ctx, h.Imports, j, "", limit)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	rows, _, err := importer.ReadHead(path, sheet.Limits{MaxBytes: MaxUpload}, n)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, bina.Errorf(bina.Invalid, "Berkas tidak berisi data.", "The file holds no data.")
	}
	return rows, nil
}

// fieldGroupOf sorts the fields into the groups of the <select>.
func fieldGroupOf(f bina.Field) int {
	switch f {
	case bina.FieldName, bina.FieldTradeName, bina.FieldNIB, bina.FieldLegalForm, bina.FieldKBLI, bina.FieldKBLIMore,
		bina.FieldKBLISection, bina.FieldActivity, bina.FieldMainProduct, bina.FieldStartYear, bina.FieldStartMonth,
		bina.FieldStatus, bina.FieldSizeReported, bina.FieldRegistrationNumber, bina.FieldCertificateDate,
		bina.FieldLegalNumber, bina.FieldLegalDate, bina.FieldNPWP, bina.FieldBentuk, bina.FieldJenis, bina.FieldPola,
		bina.FieldKelompok, bina.FieldSector, bina.FieldGrade, bina.FieldKDMP, bina.FieldLastRATYear:
		return 0
	case bina.FieldAddress, bina.FieldRT, bina.FieldRW, bina.FieldProvince, bina.FieldRegency, bina.FieldDistrict,
		bina.FieldVillage, bina.FieldVillageCode, bina.FieldLatitude, bina.FieldLongitude, bina.FieldPostcode:
		return 2
	case bina.FieldCapital, bina.FieldAssets, bina.FieldSales, bina.FieldSalesYear, bina.FieldWorkers,
		bina.FieldWorkersPaidMale, bina.FieldWorkersPaidFemale, bina.FieldWorkersUnpaidMale, bina.FieldWorkersUnpaidFemale,
		bina.FieldWorkersPaidDisabledMale, bina.FieldWorkersPaidDisabledFemale, bina.FieldWorkersUnpaidDisabledMale,
		bina.FieldWorkersUnpaidDisabledFemale, bina.FieldMembers, bina.FieldMembersMale, bina.FieldMembersFemale,
		bina.FieldEmployeesMale, bina.FieldEmployeesFemale:
		return 3
	case bina.FieldDigitalMarketplace, bina.FieldDigitalSocial, bina.FieldDigitalWebsite, bina.FieldDigitalQRIS,
		bina.FieldDigitalBookkeeping, bina.FieldDigitalLinks, bina.FieldBinaan, bina.FieldBinaanSince:
		return 4
	}
	if strings.HasPrefix(string(f), "owner.") || f == bina.FieldEmail || f == bina.FieldPhone {
		return 1
	}
	return 5
}

// fieldGroupLabels name the groups of fieldGroupOf.
var fieldGroupLabels = []bina.Text{
	{ID: "Usaha dan identitas", EN: "Business and identity"},
	{ID: "Pemilik dan kontak", EN: "Owner and contact"},
	{ID: "Lokasi", EN: "Location"},
	{ID: "Keuangan, tenaga kerja, anggota", EN: "Finance, workers, members"},
	{ID: "Digital dan pembinaan", EN: "Digital and coaching"},
	{ID: "Lainnya", EN: "Other"},
}

// fieldGroups returns the fields of entity in the groups of the <select>,
// each group in the order of the import's field list.
func fieldGroups(entity bina.Entity, lang string) []fieldGroup {
	groups := make([]fieldGroup, len(fieldGroupLabels))
	for i, l := range fieldGroupLabels {
		groups[i].Label = l.In(lang)
	}
	for _, fi := range bina.FieldsOf(entity) {
		g := fieldGroupOf(fi.Field)
		groups[g].Options = append(groups[g].Options, choice{Value: string(fi.Field), Label: fi.Label.In(lang)})
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Options) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// readMapping reads the mapping step's form. The header row and the
// template come back as hidden fields; each column's <select> is
// "kolom-N".
func readMapping(r *http.Request) (*mapState, error) {
	if err := r.ParseForm(); err != nil {
		return nil, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read.")
	}
	st := &mapState{template: r.PostForm.Get("templat"), name: strings.TrimSpace(r.PostForm.Get("nama")), mapping: bina.Mapping{}, posted: true}
	line, err := strconv.Atoi(r.PostForm.Get("baris"))
	if err != nil || line < 1 || line > maxHeaderLine {
		return nil, bina.Errorf(bina.Invalid, "Nomor baris judul tidak terbaca; muat ulang halaman.", "The header row could not be read; reload the page.")
	}
	st.headerIdx = line - 1
	for k, vs := range r.PostForm {
		rest, ok := strings.CutPrefix(k, "kolom-")
		if !ok || len(vs) == 0 || vs[0] == "" {
			continue
		}
		c, err := strconv.Atoi(rest)
		if err != nil || c < 0 || c >= maxColumns {
			continue
		}
		st.mapping[c] = bina.Field(vs[0])
	}
	return st, nil
}

// checkMapping validates the chosen mapping and puts each problem beside
// the columns of its field, or in the summary.
func (h *Handler) checkMapping(j *bina.ImportJob, st *mapState) func(*importMapPage) {
	err := st.mapping.Validate(j.Entity)
	return func(p *importMapPage) {
		if err == nil {
			return
		}
		if bina.ErrorCode(err) != bina.Invalid {
			p.Summary = append(p.Summary, bina.ErrorText(err).In(p.Lang))
			return
		}
		for _, fe := range bina.ErrorFields(err) {
			msg := fe.Message.In(p.Lang)
			p.Summary = append(p.Summary, msg)
			for i := range p.Columns {
				if p.Columns[i].Field == fe.Field {
					p.Columns[i].Errors = append(p.Columns[i].Errors, msg)
				}
			}
		}
	}
}

// mappingJob returns a copy of j with the posted header row, template and
// mapping.
func (h *Handler) mappingJob(ctx context.Context, j *bina.ImportJob, st *mapState) (*bina.ImportJob, error) {
	c := *j
	rows, err := h.fileHead(ctx, j, st.headerIdx+1)
	if err != nil {
		return nil, err
	}
	if st.headerIdx >= len(rows) {
		return nil, bina.Errorf(bina.Invalid, "Baris judul %d tidak ada di berkas.", "The file has no row %d for the header.", st.headerIdx+1)
	}
	c.HeaderRow, c.Header, c.Template, c.Mapping = st.headerIdx, rows[st.headerIdx], st.template, st.mapping
	return &c, nil
}

// ImportPreview converts the first rows of the file with the posted
// mapping, writing nothing, and shows them under the mapping.
func (h *Handler) ImportPreview(w http.ResponseWriter, r *http.Request) {
	j, err := h.findImport(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if j.State != bina.ImportUploaded {
		http.Redirect(w, r, importURL(j.ID), http.StatusSeeOther)
		return
	}
	st, err := readMapping(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	check := h.checkMapping(j, st)
	if st.mapping.Validate(j.Entity) != nil {
		h.showMapping(w, r, j, st, check)
		return
	}
	ctx := r.Context()
	pj, err := h.mappingJob(ctx, j, st)
	if err == nil {
		var rows []bina.ImportRow
		rows, err = h.Importer.Preview(ctx, pj, previewRows)
		if err == nil {
			h.showMapping(w, r, j, st, func(p *importMapPage) { p.Preview = h.previewView(j.Entity, rows, p.Lang) })
			return
		}
	}
	if bina.ErrorCode(err) != bina.Invalid {
		h.Error(w, r, err)
		return
	}
	h.showMapping(w, r, j, st, func(p *importMapPage) { p.Summary = append(p.Summary, problemTexts(err, p.Lang)...) })
}

// problemTexts returns the message of err and of each of its fields.
func problemTexts(err error, lang string) []string {
	out := []string{bina.ErrorText(err).In(lang)}
	for _, fe := range bina.ErrorFields(err) {
		out = append(out, fe.Message.In(lang))
	}
	return out
}

// previewView makes the preview's rows readable.
func (h *Handler) previewView(entity bina.Entity, rows []bina.ImportRow, lang string) *previewView {
	v := &previewView{}
	for _, row := range rows {
		pr := previewRow{Line: row.Line, Outcome: row.Outcome, Label: outcomeLabel(row.Outcome, lang), Badge: outcomeBadge(row.Outcome)}
		switch {
		case row.Enterprise != nil:
			pr.Name = row.Enterprise.Name
			if row.Enterprise.VillageCode != "" {
				pr.Place = h.Ref.Regions.Path(row.Enterprise.VillageCode)
			}
		case row.Cooperative != nil:
			pr.Name = row.Cooperative.Name
			if row.Cooperative.VillageCode != "" {
				pr.Place = h.Ref.Regions.Path(row.Cooperative.VillageCode)
			}
		}
		if pr.Place == "" && row.Region.Code != "" {
			pr.Place = h.Ref.Regions.Path(row.Region.Code)
		}
		if row.Region.Problem.ID != "" {
			pr.Region = row.Region.Problem.In(lang)
		}
		if !row.Region.Confident && len(row.Region.Candidates) > 0 {
			var names []string
			for _, c := range row.Region.Candidates {
				names = append(names, c.Name)
			}
			pr.Region = strings.TrimSpace(pr.Region + " " + bina.Text{ID: "Pilihan: ", EN: "Choices: "}.In(lang) + strings.Join(names, ", "))
		}
		pr.Problems = problemLines(entity, row.Problems, lang)
		switch row.Outcome {
		case bina.OutcomeRejected:
			v.Refused++
		case bina.OutcomeReview:
			v.Held++
		default:
			v.Ready++
		}
		v.Rows = append(v.Rows, pr)
	}
	return v
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
	if fi, ok := bina.LookupField(entity, bina.Field(fe.Field)); ok {
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
	{Code: bina.OutcomeCreated, ID: "Data baru", EN: "New"},
	{Code: bina.OutcomeUpdated, ID: "Memperbarui data", EN: "Updates a record"},
	{Code: bina.OutcomeUnchanged, ID: "Sudah ada, sama", EN: "Already there, same"},
	{Code: bina.OutcomeRejected, ID: "Ditolak", EN: "Rejected"},
	{Code: bina.OutcomeReview, ID: "Perlu ditinjau", EN: "Needs review"},
}

func outcomeLabel(o, lang string) string { return outcomes.Label(o, lang) }

func outcomeBadge(o string) string {
	switch o {
	case bina.OutcomeRejected:
		return "bad"
	case bina.OutcomeReview:
		return "warn"
	case bina.OutcomeUnchanged:
		return "muted"
	}
	return "ok"
}

// ImportSaveMapping saves the posted mapping under a name, for the next
// file of the same shape, and shows the mapping step again.
func (h *Handler) ImportSaveMapping(w http.ResponseWriter, r *http.Request) {
	j, err := h.findImport(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	st, err := readMapping(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if st.name == "" {
		h.showMapping(w, r, j, st, func(p *importMapPage) {
			p.NameError = h.t(p.Lang, "Tulis nama untuk pemetaan ini.")
			p.Summary = append(p.Summary, p.NameError)
		})
		return
	}
	if err := h.saveMapping(r, j, st); err != nil {
		if bina.ErrorCode(err) != bina.Invalid {
			h.Error(w, r, err)
			return
		}
		h.showMapping(w, r, j, st, func(p *importMapPage) {
			p.NameError = bina.ErrorText(err).In(p.Lang)
			p.Summary = append(p.Summary, problemTexts(err, p.Lang)...)
		})
		return
	}
	to := importURL(j.ID) + "?" + url.Values{"templat": {st.name}, "baris": {strconv.Itoa(st.headerIdx + 1)}}.Encode()
	h.redirectFlash(w, r, to, "mapping")
}

func (h *Handler) saveMapping(r *http.Request, j *bina.ImportJob, st *mapState) error {
	if _, builtin := fileformat.TemplateNamed(st.name); builtin {
		return bina.Errorf(bina.Invalid, "Nama %q dipakai format bawaan; pilih nama lain.", "The name %q belongs to a built-in format; choose another.", st.name)
	}
	pj, err := h.mappingJob(r.Context(), j, st)
	if err != nil {
		return err
	}
	if err := st.mapping.Validate(j.Entity); err != nil {
		return err
	}
	return h.Imports.SaveMapping(r.Context(), bina.NamedMapping{Name: st.name, Entity: j.Entity, Header: pj.Header,
		Mapping: st.mapping, SavedBy: bina.UserFromContext(r.Context()).Name})
}

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
	if j.State != bina.ImportUploaded {
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
	if st.name != "" {
		if err := h.saveMapping(r, j, st); err != nil {
			if bina.ErrorCode(err) != bina.Invalid {
				h.Error(w, r, err)
				return
			}
			h.showMapping(w, r, j, st, func(p *importMapPage) {
				p.NameError = bina.ErrorText(err).In(p.Lang)
				p.Summary = append(p.Summary, problemTexts(err, p.Lang)...)
			})
			return
		}
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
		if cur, ferr := h.Imports.FindImport(ctx, j.ID); ferr == nil && cur.State != bina.ImportUploaded {
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
func (h *Handler) enqueue(w http.ResponseWriter, r *http.Request, j *bina.ImportJob) {
	if (j.State == bina.ImportQueued || j.State == bina.ImportRunning) && h.Queue != nil {
		if err := h.Queue.EnqueueImport(r.Context(), j.ID); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	h.redirectFlash(w, r, importURL(j.ID), "started")
}

// ---------------------------------------------------------------------------
// Progress and report

// importProgressPage shows a queued or running import.
type importProgressPage struct {
	layout
	Job        *bina.ImportJob
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

func (h *Handler) showProgress(w http.ResponseWriter, r *http.Request, j *bina.ImportJob) {
	p := &importProgressPage{layout: h.newLayout(r, "Impor berjalan", "impor"), Job: j, Progress: j.Progress(),
		StatusURL: "/api/v1/imports/" + strconv.FormatInt(j.ID, 10)}
	p.EntityName = entityName(j.Entity, p.Lang)
	p.StateLabel = bina.ImportStates.Label(j.State, p.Lang)
	p.RunningLabel = bina.ImportStates.Label(bina.ImportRunning, p.Lang)
	p.RebuildLabel = h.t(p.Lang, "Menyusun ulang daftar, pencarian dan jumlah")
	if rebuilding(j) && j.Alive(h.Ref.Now()) {
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
func rebuilding(j *bina.ImportJob) bool {
	return j.State == bina.ImportRunning && j.FirstLoad && j.Total > 0 && j.Done >= j.Total
}

// reasonCount is how many rows share one problem.
type reasonCount struct {
	Reason string
	Rows   int
}

// issueRow is one rejected or held row on the report page.
type issueRow struct {
	Line     int
	Label    string
	Badge    string
	Name     string
	Problems []string
}

// importReportPage shows what an import did.
type importReportPage struct {
	layout
	Job         *bina.ImportJob
	Row         importRow
	Error       string
	Issues      []issueRow
	MoreIssues  int // issues not listed on the page
	Reasons     []reasonCount
	TooMany     bool // too many issues to summarise on the page
	ReportURL   string
	ReviewURL   string
	OpenReviews int
}

func (h *Handler) showReport(w http.ResponseWriter, r *http.Request, j *bina.ImportJob) {
	ctx := r.Context()
	p := &importReportPage{layout: h.newLayout(r, "Laporan impor", "impor"), Job: j,
		ReportURL: importURL(j.ID) + "/laporan.xlsx", ReviewURL: "/tinjau?impor=" + strconv.FormatInt(j.ID, 10)}
	p.Row = h.importRow(*j, p.Lang)
	p.Here = importURL(j.ID)
	p.Error = j.Error.In(p.Lang)
	issues := j.Counts.Rejected + j.Counts.Review
	if issues > issuesLoadMax {
		p.TooMany = true
	} else if issues > 0 {
		rows, err := h.Imports.ImportIssues(ctx, j.ID)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		reasons := map[string]int{}
		for i, row := range rows {
			seen := map[string]bool{}
			for _, fe := range row.Problems {
				k := problemLine(j.Entity, bina.FieldError{Field: fe.Field, Message: fe.Message}, p.Lang)
				if !seen[k] {
					reasons[k]++
					seen[k] = true
				}
			}
			if i < issuesOnPage {
				p.Issues = append(p.Issues, issueRow{Line: row.Line, Label: outcomeLabel(row.Outcome, p.Lang), Badge: outcomeBadge(row.Outcome),
					Name: issueName(j, row), Problems: problemLines(j.Entity, row.Problems, p.Lang)})
			}
		}
		p.MoreIssues = max(0, len(rows)-issuesOnPage)
		for k, n := range reasons {
			p.Reasons = append(p.Reasons, reasonCount{k, n})
		}
		sort.Slice(p.Reasons, func(a, b int) bool {
			if p.Reasons[a].Rows != p.Reasons[b].Rows {
				return p.Reasons[a].Rows > p.Reasons[b].Rows
			}
			return p.Reasons[a].Reason < p.Reasons[b].Reason
		})
		if len(p.Reasons) > 12 {
			p.Reasons = p.Reasons[:12]
		}
	}
	if j.Counts.Review > 0 {
		page, err := h.Imports.ReviewItems(ctx, bina.ImportFilter{ImportID: j.ID, State: bina.ReviewOpen, Limit: 1})
		if err != nil {
			h.Error(w, r, err)
			return
		}
		p.OpenReviews = page.Total
	}
	h.render(w, r, http.StatusOK, "import/report", p)
}

// issueName names the record of an import row: its converted name, or the
// cell of the name column.
func issueName(j *bina.ImportJob, row bina.ImportRow) string {
	switch {
	case row.Enterprise != nil && row.Enterprise.Name != "":
		return row.Enterprise.Name
	case row.Cooperative != nil && row.Cooperative.Name != "":
		return row.Cooperative.Name
	}
	if c, ok := j.Mapping.Column(bina.FieldName); ok && c < len(row.Cells) {
		return row.Cells[c]
	}
	return ""
}

// ImportReport downloads the rows of an import that were rejected or sent
// to review, as they were in the file, with a first column "Masalah"
// listing their problems: an official fixes them in Excel and imports the
// file again. Every text cell is neutralised so that no cell can run as a
// formula.
func (h *Handler) ImportReport(w http.ResponseWriter, r *http.Request) {
	j, err := h.findImport(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// One pass over the report's rows, none held. The header names the
	// file's columns; a row longer than the header (a CSV line with more
	// cells) keeps its extra cells under blank headings.
	ctx := r.Context()
	lang := lang(r)
	// The writer holds the sheet in a temporary file and writes it out at
	// Close, so an error before then still gets a clean error page.
	out := &deferredWriter{w: w, header: func(hd http.Header) {
		hd.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		hd.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="laporan-impor-%d.xlsx"`, j.ID))
		hd.Set("Cache-Control", "no-store")
	}}
	xw, err := sheet.NewXLSX(out, h.t(lang, "Masalah"))
	if err != nil {
		h.Error(w, r, bina.Wrap(err, "report"))
		return
	}
	head := make([]any, 0, len(j.Header)+1)
	head = append(head, h.t(lang, "Masalah"))
	for _, c := range j.Header {
		head = append(head, c)
	}
	werr := xw.Write(head)
	var line []any
	err = h.Imports.EachImportIssue(ctx, j.ID, func(row bina.ImportRow) bool {
		if werr != nil {
			return false
		}
		line = append(line[:0], issueText(j.Entity, row, lang))
		for c := 0; c < max(len(j.Header), len(row.Cells)); c++ {
			if c < len(row.Cells) {
				line = append(line, row.Cells[c])
			} else {
				line = append(line, "")
			}
		}
		werr = xw.Write(line)
		return werr == nil
	})
	if err = cmp.Or(err, werr); err != nil {
		// Nothing of the unfinished sheet goes out: Close only removes
		// its temporary file.
		out.discard = true
		xw.Close()
		h.Error(w, r, bina.Wrap(err, "report"))
		return
	}
	if err := xw.Close(); err != nil && !out.started {
		h.Error(w, r, bina.Wrap(err, "report"))
	} else if err != nil {
		h.Log.Error("write import report", "import", j.ID, "err", err)
	}
}

// issueText is the "Masalah" cell of a report row: the row's line and
// outcome, then its problems.
func issueText(entity bina.Entity, row bina.ImportRow, lang string) string {
	parts := []string{bina.Text{ID: "Baris ", EN: "Row "}.In(lang) + strconv.Itoa(row.Line) + " · " + outcomeLabel(row.Outcome, lang)}
	parts = append(parts, problemLines(entity, row.Problems, lang)...)
	return strings.Join(parts, "; ")
}

// deferredWriter passes writes through and remembers whether any were
// made, so that a failure before the first byte can still be an error
// page.
type deferredWriter struct {
	w       http.ResponseWriter
	header  func(http.Header) // sets the headers of the download
	started bool
	discard bool // drop everything: the download failed before it began
}

func (d *deferredWriter) Write(b []byte) (int, error) {
	if d.discard {
		return len(b), nil
	}
	if !d.started {
		d.started = true
		d.header(d.w.Header())
		d.w.WriteHeader(http.StatusOK)
	}
	return d.w.Write(b)
}
