package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/sheet"
)

// The mapping step of an import: the header row, each column's field,
// and mappings saved by name (see import.go).

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
)

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

// importMapPage is the mapping step of an uploaded import.
type importMapPage struct {
	layout
	Job         *imports.Job
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
	mapping   imports.Mapping
	name      string
	posted    bool
}

// showMapping renders the mapping step. st carries what was posted (nil
// on a first visit: the header row is the detected one, or the one asked
// for in the address, and the mapping comes from the template or the
// header names); preview is the preview to show, if any.
func (h *Handler) showMapping(w http.ResponseWriter, r *http.Request, j *imports.Job, st *mapState, extra ...func(*importMapPage)) {
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

	var mapping imports.Mapping
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
func (h *Handler) suggest(ctx context.Context, entity bina.Entity, tmpl string, rows [][]string, headerIdx int) (imports.Mapping, []string, error) {
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
		if importer.EmptyRow(r) || sameRow(r, rows[headerIdx]) {
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
func (h *Handler) fileHead(ctx context.Context, j *imports.Job, n int) ([][]string, error) {
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
	case bina.FieldCapital, bina.FieldAssets, bina.FieldSales, bina.FieldSalesYear, bina.FieldWorkersTotal,
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
	for _, fi := range imports.FieldsOf(entity) {
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
	st := &mapState{template: r.PostForm.Get("templat"), name: strings.TrimSpace(r.PostForm.Get("nama")), mapping: imports.Mapping{}, posted: true}
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
func (h *Handler) checkMapping(j *imports.Job, st *mapState) func(*importMapPage) {
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
func (h *Handler) mappingJob(ctx context.Context, j *imports.Job, st *mapState) (*imports.Job, error) {
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
	if !h.trySaveMapping(w, r, j, st) {
		return
	}
	to := importURL(j.ID) + "?" + url.Values{"templat": {st.name}, "baris": {strconv.Itoa(st.headerIdx + 1)}}.Encode()
	h.redirectFlash(w, r, to, "mapping")
}

func (h *Handler) saveMapping(r *http.Request, j *imports.Job, st *mapState) error {
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
	return h.Imports.SaveMapping(r.Context(), imports.NamedMapping{Name: st.name, Entity: j.Entity, Header: pj.Header,
		Mapping: st.mapping, SavedBy: bina.UserFromContext(r.Context()).Name})
}

// trySaveMapping saves the posted mapping under its name. When it cannot,
// it shows the mapping step again with the reason, or an error page, and
// returns false.
func (h *Handler) trySaveMapping(w http.ResponseWriter, r *http.Request, j *imports.Job, st *mapState) bool {
	err := h.saveMapping(r, j, st)
	switch {
	case err == nil:
		return true
	case bina.ErrorCode(err) != bina.Invalid:
		h.Error(w, r, err)
	default:
		h.showMapping(w, r, j, st, func(p *importMapPage) {
			p.NameError = bina.ErrorText(err).In(p.Lang)
			p.Summary = append(p.Summary, problemTexts(err, p.Lang)...)
		})
	}
	return false
}
