package web

import (
	"crypto/rand"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"bina"
	"bina/coaching"
	"bina/internal/export"
	"bina/internal/sheet"
)

// Certificates and outcome milestones on the UMKM page, the list of what
// expires soon (/sertifikat) with its export, and the queue of numbers
// found on two enterprises (/sertifikat/tinjau).

// certificateBlock is the certificates and milestones block of the UMKM
// page, also shown alone with a form's problems.
type certificateBlock struct {
	EnterpriseID int64
	CSRF         string
	CanEdit      bool
	Certificates []coaching.Certificate
	Milestones   []coaching.Milestone
	CertForm     *form
	MileForm     *form
	CertOpen     bool // open the certificate form (after a problem)
	MileOpen     bool
	Formats      []formatHelp
	// The enumerations the forms offer.
	Kinds, Statuses, Routes, MilestoneKinds, Sources, Markets bina.Options
	// Programmes names the programmes of the records by id (reference.go).
	Programmes map[int64]string
}

// Programme names the programme of a record.
func (b *certificateBlock) Programme(id *int64) string {
	if id == nil {
		return ""
	}
	return b.Programmes[*id]
}

// formatHelp is the expected number of one kind, for the form's help.
type formatHelp struct {
	Kind, Help string
}

// certificateInputs are the certificate form's fields in order.
var certificateInputs = []string{"kind", "number", "issued_on", "expires_on", "issuer", "status", "route", "programme_id", "notes", "document"}

// milestoneInputs are the milestone form's fields in order.
var milestoneInputs = []string{"kind", "date", "amount_before", "amount", "jobs", "financing_source", "bank", "market", "digital",
	"baseline", "owner_confirmed", "programme_id", "notes"}

// certificateBlock reads the certificates and milestones of e for its page;
// nil when the server keeps none. A form given keeps what was typed.
func (h *Handler) certificateBlock(r *http.Request, e *bina.Enterprise, cert, mile *form) (*certificateBlock, error) {
	if h.Certificates == nil || h.Milestones == nil {
		return nil, nil
	}
	ctx := r.Context()
	l := lang(r)
	b := &certificateBlock{EnterpriseID: e.ID, CanEdit: bina.UserFromContext(ctx).CanEdit() && e.ArchivedAt == nil,
		CertForm: cert, MileForm: mile, CertOpen: cert != nil, MileOpen: mile != nil,
		Kinds: coaching.CertificateKinds, Statuses: coaching.CertificateStatuses, Routes: coaching.HalalRoutes,
		MilestoneKinds: coaching.MilestoneKinds, Sources: coaching.FinancingSources, Markets: coaching.Markets}
	if s := bina.SessionFromContext(ctx); s != nil {
		b.CSRF = s.CSRF
	}
	var err error
	if b.Certificates, err = h.Certificates.Certificates(ctx, e.ID); err != nil {
		return nil, err
	}
	if b.Milestones, err = h.Milestones.Milestones(ctx, e.ID); err != nil {
		return nil, err
	}
	ids := []int64{}
	for _, c := range b.Certificates {
		if c.ProgrammeID != nil {
			ids = append(ids, *c.ProgrammeID)
		}
	}
	for _, m := range b.Milestones {
		if m.ProgrammeID != nil {
			ids = append(ids, *m.ProgrammeID)
		}
	}
	b.Programmes = h.programmeNames(ctx, l, ids...)
	if b.CertForm == nil {
		b.CertForm = newForm(url.Values{"kind": {coaching.CertPIRT}}, certificateInputs, nil)
	}
	if b.MileForm == nil {
		b.MileForm = newForm(url.Values{"date": {bina.DateFromTime(h.Ref.Clock()).String()}}, milestoneInputs, nil)
	}
	// A new uuid per form shown: the same form sent twice is stored once.
	if b.MileForm.Get("uuid") == "" {
		b.MileForm.Values.Set("uuid", newUUID())
	}
	for _, k := range coaching.CertificateKinds {
		b.Formats = append(b.Formats, formatHelp{Kind: k.Label(l), Help: coaching.CertificateNumberHelp(k.Code).In(l)})
	}
	return b, nil
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// certificateEdit reads the {id} of a form post of these pages by a user
// who may edit; on is whether the pages' services are there. It reports
// whether the request may go on, having answered it otherwise.
func (h *Handler) certificateEdit(w http.ResponseWriter, r *http.Request, on bool) (int64, bool) {
	if h.Certificates == nil || !on {
		h.Error(w, r, errNoPage())
		return 0, false
	}
	id, err := pathID(r)
	if err == nil {
		err = mustEdit(bina.UserFromContext(r.Context()))
	}
	if err != nil {
		h.Error(w, r, err)
		return 0, false
	}
	return id, true
}

func errNoPage() error {
	return bina.Errorf(bina.NotFound, "Halaman tidak ditemukan.", "Page not found.")
}

// certificateFormPage shows the block alone, with a form's problems.
type certificateFormPage struct {
	layout
	E     *bina.Enterprise
	Block *certificateBlock
}

// optionalID reads an optional record id.
func (ps *parser) optionalID(name string) *int64 {
	n := ps.int(name)
	if n == 0 {
		return nil
	}
	v := int64(n)
	return &v
}

// CertificateCreate records a certificate of the UMKM in the path, with
// the scan of its document when one was chosen: the picture is checked
// before anything is stored, then kept in the attachment store and named
// by the certificate's document_id.
func (h *Handler) CertificateCreate(w http.ResponseWriter, r *http.Request) {
	ps := &parser{v: r.PostForm}
	c := coaching.Certificate{
		Kind: ps.str("kind"), Number: ps.str("number"), IssuedOn: ps.date("issued_on"), ExpiresOn: ps.date("expires_on"),
		Issuer: ps.str("issuer"), Status: ps.str("status"), Route: ps.str("route"), ProgrammeID: ps.optionalID("programme_id"), Notes: ps.str("notes"),
	}
	doc, err := h.readFormImage(r, "document")
	if err != nil && len(bina.ErrorFields(err)) == 0 {
		h.Error(w, r, err)
		return
	}
	ps.p.Fields = append(ps.p.Fields, bina.ErrorFields(err)...)
	h.saveBlockForm(w, r, ps, certificateInputs, true, func(id int64) error {
		c.EnterpriseID = id
		if err := h.Certificates.CreateCertificate(r.Context(), &c); err != nil || doc == nil {
			return err
		}
		return h.attachDocument(r, &c, doc)
	})
}

// attachDocument keeps doc as the document of the stored certificate c.
// The certificate is stored by then, so a failure here is not a problem
// of the form: it says what was kept.
func (h *Handler) attachDocument(r *http.Request, c *coaching.Certificate, doc *bina.Attachment) error {
	doc.UUID, doc.OwnerKind, doc.OwnerID, doc.EnterpriseID = newUUID(), "certificate", c.ID, c.EnterpriseID
	doc.Caption = coaching.CertificateKinds.Label(c.Kind, "id") + " " + c.Number
	_, err := h.Attachments.PutAttachment(r.Context(), doc)
	if err == nil {
		c.DocumentID = &doc.ID
		err = h.Certificates.UpdateCertificate(r.Context(), c)
	}
	if err != nil {
		return bina.Errorf(bina.Conflict, "Sertifikat tersimpan tanpa dokumennya (%s)", "The certificate is stored without its document (%s)", bina.ErrorText(err).ID)
	}
	return nil
}

// MilestoneCreate records an outcome milestone of the UMKM in the path.
func (h *Handler) MilestoneCreate(w http.ResponseWriter, r *http.Request) {
	ps := &parser{v: r.PostForm}
	m := coaching.Milestone{
		UUID: ps.str("uuid"), Kind: ps.str("kind"), Date: ps.date("date"), AmountBefore: ps.money("amount_before"), Amount: ps.money("amount"),
		Jobs: ps.int("jobs"), FinancingSource: ps.str("financing_source"), Bank: ps.str("bank"), Market: ps.str("market"),
		Digital:  coaching.DigitalObserved{Social: ps.bool("digital_social"), Marketplace: ps.bool("digital_marketplace"), QRIS: ps.bool("digital_qris"), Website: ps.bool("digital_website")},
		Baseline: ps.bool("baseline"), OwnerConfirmed: ps.bool("owner_confirmed"), ProgrammeID: ps.optionalID("programme_id"), Notes: ps.str("notes"),
	}
	h.saveBlockForm(w, r, ps, milestoneInputs, false, func(id int64) error {
		m.EnterpriseID = id
		_, err := h.Milestones.RecordMilestone(r.Context(), &m)
		return err
	})
}

// saveBlockForm saves a form of the block with save, and on a problem
// shows the block alone with the form as typed and each problem beside
// its field; on success it returns to the UMKM page.
func (h *Handler) saveBlockForm(w http.ResponseWriter, r *http.Request, ps *parser, inputs []string, cert bool, save func(id int64) error) {
	ctx := r.Context()
	id, ok := h.certificateEdit(w, r, h.Milestones != nil)
	if !ok {
		return
	}
	var err error
	if len(ps.p.Fields) == 0 {
		err = save(id)
		if err == nil {
			h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(id, 10)+"#h-sertifikat", "created")
			return
		}
		if bina.ErrorCode(err) != bina.Invalid {
			h.Error(w, r, err)
			return
		}
	}
	e, ferr := h.Enterprises.FindEnterprise(ctx, id)
	if ferr != nil {
		h.Error(w, r, ferr)
		return
	}
	l := lang(r)
	f := newForm(r.PostForm, inputs, map[string]string{"digital": fieldID("digital_social")})
	f.addProblems(append(ps.p.Fields, bina.ErrorFields(err)...), l)
	if len(f.Summary) == 0 && err != nil {
		f.Summary = append(f.Summary, problem{Message: bina.ErrorText(err).In(l)})
	}
	var b *certificateBlock
	if cert {
		b, err = h.certificateBlock(r, e, f, nil)
	} else {
		b, err = h.certificateBlock(r, e, nil, f)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &certificateFormPage{layout: h.newLayout(r, "", "umkm"), E: e, Block: b}
	p.Title = e.Name
	h.render(w, r, http.StatusUnprocessableEntity, "certificate/form", p)
}

// certificateListPage is the certificate list: by default those expiring
// soon; also those in force now or all of them, each of an issue year,
// the records behind the certificate indicators.
type certificateListPage struct {
	layout
	Items      []coaching.Certificate
	Total      int
	View       string // coaching.CertificateViews
	Views      bina.Options
	Days       int
	Before     bina.Date
	IssuedYear int // 0 for any
	Region     regionFilter
	Kind       string
	Officer    int64
	Officers   []bina.User // the field officers to filter by (empty without the coaching ledger)
	Kinds      bina.Options
	List       listNav // position, pages and page size (listnav.go)
	Downloads  []downloadLink
	Reviews    int // open review items of duplicated numbers
	Problems   []string
	now        time.Time
}

// Expiring reports whether the page shows the expiring view.
func (p *certificateListPage) Expiring() bool { return p.View == coaching.CertViewExpiring }

// Left returns the days from today until d.
func (p *certificateListPage) Left(d bina.Date) int { return daysLeft(p.now, d) }

// certificateParams are the filters of the certificate list, kept by its
// pages and its export.
var certificateParams = []string{"tampil", "kecamatan", "desa", "jenis", "hari", "tahun_terbit", "petugas"}

// certificateTitles are the list's headings by view.
var certificateTitles = map[string]string{
	coaching.CertViewExpiring: "Sertifikat akan kedaluwarsa",
	coaching.CertViewInForce:  "Sertifikat yang berlaku",
	coaching.CertViewAll:      "Daftar sertifikat",
}

// certificateFilterOf reads the page's filters: tampil (the view,
// expiring by default), kecamatan and desa, jenis, hari (days ahead in the
// expiring view, 1-730, 90 by default), tahun_terbit, petugas and the
// cursor.
func (h *Handler) certificateFilterOf(u *bina.User, q url.Values, probs *bina.Problems) (coaching.CertificateFilter, regionFilter, int) {
	apiNamesToPage(q)
	f := coaching.CertificateFilter{View: q.Get("tampil"), Kind: q.Get("jenis"), Cursor: q.Get("cursor"), Limit: pageSize(q)}
	if f.View == "" {
		f.View = coaching.CertViewExpiring
	}
	if !coaching.CertificateViews.Has(f.View) {
		probs.Add("tampil", "Tampilan %q tidak dikenal", "Unknown view %q", f.View)
		f.View = coaching.CertViewExpiring
	}
	days := coaching.DefaultExpiryDays
	if s := q.Get("hari"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 730 {
			probs.Add("hari", "Jumlah hari harus 1 sampai 730", "Days must be 1 to 730")
		} else {
			days = n
		}
	}
	if s := q.Get("tahun_terbit"); s != "" {
		now := h.Ref.Clock().Year()
		y, err := strconv.Atoi(s)
		if err != nil || y < 1900 || y > now {
			probs.Add("tahun_terbit", "Tahun terbit harus antara 1900 dan %d", "The issue year must be between 1900 and %d", now)
		} else {
			f.IssuedYear = y
		}
	}
	rf, region := h.readRegionFilter(u, q, probs)
	f.Region = region
	if f.Kind != "" && !coaching.CertificateKinds.Has(f.Kind) {
		probs.Add("jenis", "Jenis sertifikat tidak dikenal", "Unknown certificate kind")
		f.Kind = ""
	}
	if s := q.Get("petugas"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			probs.Add("petugas", "Petugas tidak dikenal", "Unknown officer")
		} else {
			f.Officer = n
		}
	}
	if f.View == coaching.CertViewExpiring {
		f.Before = bina.DateFromTime(h.Ref.Clock().AddDate(0, 0, days))
	}
	return f, rf, days
}

// CertificateExpiry lists certificates: by default those expiring in the
// coming days (90 by default); with tampil=berlaku those in force now,
// with tampil=semua all; by kecamatan or desa, kind and issue year.
func (h *Handler) CertificateExpiry(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if h.Certificates == nil {
		h.Error(w, r, errNoPage())
		return
	}
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	var probs bina.Problems
	f, rf, days := h.certificateFilterOf(u, q, &probs)
	p := &certificateListPage{layout: h.newLayout(r, certificateTitles[f.View], "sertifikat"), Kinds: coaching.CertificateKinds,
		Views: coaching.CertificateViews, now: h.Ref.Clock()}
	p.View, p.Days, p.Before, p.IssuedYear, p.Region, p.Kind, p.Officer = f.View, days, f.Before, f.IssuedYear, rf, f.Kind, f.Officer
	if h.Coaching != nil {
		var err error
		if p.Officers, err = h.Coaching.Officers(ctx, h.scope(u)); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	if err := probs.Err(); err != nil {
		for _, fe := range bina.ErrorFields(err) {
			p.Problems = append(p.Problems, fe.Message.In(p.Lang))
		}
		h.render(w, r, http.StatusUnprocessableEntity, "certificate/list", p)
		return
	}
	page, err := h.Certificates.ListCertificates(ctx, f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p.Items, p.Total = page.Items, page.Total
	p.List = newListQuery(r, "/sertifikat", q, certificateParams...).forwardNav("cursor", len(page.Items), page.Total, page.Next)
	p.Downloads = h.exportLinks(p.Lang, "/sertifikat/ekspor", q, certificateParams, certificateExportFormats)
	if open, err := h.Certificates.CertificateReviews(ctx, ""); err == nil {
		p.Reviews = len(open)
	}
	h.render(w, r, http.StatusOK, "certificate/list", p)
}

// certificateExportFormats are the formats of the list's export.
var certificateExportFormats = bina.Options{
	{Code: "xlsx", ID: "Excel (.xlsx)", EN: "Excel (.xlsx)"},
	{Code: "csv", ID: "CSV", EN: "CSV"},
}

// certificateExportHeader are the columns of the list's export.
var certificateExportHeader = []string{"id", "usaha_id", "nama_usaha", "kode_desa", "desa", "kecamatan", "jenis", "nomor", "penerbit",
	"tanggal_terbit", "berlaku_sampai", "sisa_hari", "program_id"}

// certificateExportNames name the export's file by view.
var certificateExportNames = map[string]string{
	coaching.CertViewExpiring: "sertifikat-kedaluwarsa",
	coaching.CertViewInForce:  "sertifikat-berlaku",
	coaching.CertViewAll:      "sertifikat",
}

// CertificateExport downloads the certificate list with the filters of
// its page (GET /sertifikat/ekspor?format=xlsx|csv&...), every page of it.
func (h *Handler) CertificateExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if h.Certificates == nil {
		h.Error(w, r, errNoPage())
		return
	}
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	var probs bina.Problems
	f, _, _ := h.certificateFilterOf(u, q, &probs)
	f.Cursor = ""
	format := readFormat(q, certificateExportFormats, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	f.Limit = export.ExportPageSize
	first, err := h.Certificates.ListCertificates(ctx, f)
	if err == nil {
		err = sheet.CheckSize(format, first.Total)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	now := h.Ref.Clock()
	items := export.Pages(first, func(cursor string) (bina.Page[coaching.Certificate], error) {
		g := f
		g.Cursor = cursor
		return h.Certificates.ListCertificates(ctx, g)
	})
	rows := func(yield func([]any, error) bool) {
		for c, err := range items {
			if err != nil {
				yield(nil, err)
				return
			}
			var prog, left any = "", ""
			if c.ProgrammeID != nil {
				prog = *c.ProgrammeID
			}
			if !c.ExpiresOn.IsZero() {
				left = daysLeft(now, c.ExpiresOn)
			}
			row := []any{c.ID, c.EnterpriseID, c.EnterpriseName, string(c.VillageCode), h.Ref.Regions.Name(c.VillageCode),
				h.Ref.Regions.Name(c.VillageCode.Truncate(bina.LevelDistrict)), coaching.CertificateKinds.Label(c.Kind, "id"), c.Number, c.Issuer,
				c.IssuedOn, c.ExpiresOn, left, prog}
			if !yield(row, nil) {
				return
			}
		}
	}
	name := export.ExportFileName(certificateExportNames[f.View], h.regionName(h.exportRegion(u, f.Region)), now, format)
	n, ok := h.download(w, r, name, format, "Sertifikat", certificateExportHeader, iter.Seq2[[]any, error](rows))
	if ok {
		h.logExport(u, "sertifikat", format, false, f, n)
	}
}

// certificateReviewPage is the queue of numbers found on two enterprises.
type certificateReviewPage struct {
	layout
	Items   []coaching.CertificateReview
	State   string
	States  bina.Options
	CanEdit bool
}

// certificateReviewStates label the states of the queue.
var certificateReviewStates = bina.Options{
	{Code: coaching.CertReviewOpen, ID: "Belum ditinjau", EN: "Open"},
	{Code: coaching.CertReviewKept, ID: "Keduanya disimpan", EN: "Both kept"},
	{Code: coaching.CertReviewRemoved, ID: "Yang baru dihapus", EN: "Newer removed"},
}

// CertificateReviewList shows the review items of one state (open by
// default).
func (h *Handler) CertificateReviewList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if h.Certificates == nil {
		h.Error(w, r, errNoPage())
		return
	}
	state := r.URL.Query().Get("status")
	if state == "" {
		state = coaching.CertReviewOpen
	}
	items, err := h.Certificates.CertificateReviews(ctx, state)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &certificateReviewPage{layout: h.newLayout(r, "Tinjauan nomor sertifikat ganda", "sertifikat"), Items: items, State: state,
		States: certificateReviewStates, CanEdit: bina.UserFromContext(ctx).CanEdit()}
	h.render(w, r, http.StatusOK, "certificate/review", p)
}

// CertificateReviewResolve keeps both certificates, or removes the newer
// one; removing needs the confirmation box ticked.
func (h *Handler) CertificateReviewResolve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, ok := h.certificateEdit(w, r, true)
	if !ok {
		return
	}
	action := r.PostFormValue("action")
	if action == "remove" && r.PostFormValue("confirm") == "" {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Centang kotak konfirmasi untuk menghapus sertifikat yang baru.", "Tick the confirmation box to remove the newer certificate."))
		return
	}
	if err := h.Certificates.ResolveCertificateReview(ctx, id, action); err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/sertifikat/tinjau", "resolved")
}

// daysLeft is how many days remain until d from now, for the list.
func daysLeft(now time.Time, d bina.Date) int {
	return int(d.Time().Sub(bina.DateFromTime(now).Time()).Hours() / 24)
}
