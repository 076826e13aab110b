package web

import (
	"bina/audit"
	"bina/coaching"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"bina"
)

// enterpriseListPage is the register of UMKM with its filter form.
type enterpriseListPage struct {
	layout
	F        url.Values // the filter as submitted
	Region   regionFilter
	Problems []string
	Page     bina.Page[bina.Enterprise]
	List     listNav    // position, pages and page size (listnav.go)
	Sort     colHeaders // the sortable columns' headers
	Filtered bool
	MoreOpen bool // a filter beyond search and region is set: show them
	CanEdit  bool
	// Downloads are the export links of the filtered list; NoPersonal
	// says that they leave personal data out for the user's role.
	Downloads  []downloadLink
	NoPersonal bool
	// Reach are the choices of the reach filter (never, ever, since a
	// recent year, and the one submitted).
	Reach bina.Options
}

// reachChoices are the choices of the UMKM list's reach filter: never
// reached, reached ever, and reached since each of the last five years;
// current is kept when it is another year.
func reachChoices(thisYear int, current string) bina.Options {
	os := bina.Options{{Code: "never", ID: "Belum pernah dijangkau", EN: "Never reached"}, {Code: "ever", ID: "Pernah dijangkau", EN: "Reached at some time"}}
	for y := thisYear; y > thisYear-5; y-- {
		os = append(os, bina.Option{Code: "since:" + strconv.Itoa(y), ID: "Dijangkau sejak " + strconv.Itoa(y), EN: "Reached since " + strconv.Itoa(y)})
	}
	if f, ok, err := coaching.ParseReachFilter(current); ok && err == nil && f.Since != 0 && !os.Has(current) {
		y := strconv.Itoa(f.Since)
		os = append(os, bina.Option{Code: current, ID: "Dijangkau sejak " + y, EN: "Reached since " + y})
	}
	return os
}

// The filter parameters of the UMKM list, as they appear in its address.
var enterpriseListParams = []string{"kecamatan", "desa", "kbli", "skala", "status", "binaan", "verifikasi", "digital", "q", "urut", "arsip", "jangkauan", "tahun_daftar", "tahun_arsip",
	"jenis_kelamin", "disabilitas", "nik_sah", "desa_dikenal", "tahun_pembiayaan", "akhir_tahun"}

// yearParam reads the year of a list filter named name from q (0 when
// absent), adding a problem when it is not a year.
func yearParam(q url.Values, name string, probs *bina.Problems) int {
	v := q.Get(name)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 1900 && n <= 2100 {
		return n
	}
	probs.Add(name, "Tahun %q tidak dikenal", "Unknown year %q", v)
	return 0
}

// EnterpriseList shows one page of the register, filtered.
func (h *Handler) EnterpriseList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	p := &enterpriseListPage{layout: h.newLayout(r, "UMKM", "umkm"), F: q, CanEdit: u.CanEdit(), Reach: reachChoices(h.Ref.Clock().Year(), q.Get("jangkauan"))}

	var probs bina.Problems
	var f bina.EnterpriseFilter
	p.Region, f = h.enterpriseFilterOf(u, q, &probs)
	f.Limit = pageSize(q)
	f.Cursor = q.Get("cursor")
	for _, k := range enterpriseListParams {
		if k != "urut" && q.Get(k) != "" {
			p.Filtered = true
		}
		if k != "q" && k != "kecamatan" && k != "desa" && q.Get(k) != "" {
			p.MoreOpen = true
		}
	}

	status := http.StatusOK
	if err := probs.Err(); err != nil {
		for _, fe := range bina.ErrorFields(err) {
			p.Problems = append(p.Problems, fe.Message.In(p.Lang))
		}
		status = http.StatusUnprocessableEntity
	} else {
		page, err := h.Enterprises.ListEnterprises(ctx, f)
		if err == nil {
			err = h.recordRead(ctx, audit.ListRead(bina.EntityEnterprise, page.Items, enterpriseID, f))
		}
		switch {
		case bina.ErrorCode(err) == bina.Invalid:
			p.Problems = append(p.Problems, bina.ErrorText(err).In(p.Lang))
			for _, fe := range bina.ErrorFields(err) {
				p.Problems = append(p.Problems, fe.Message.In(p.Lang))
			}
			status = http.StatusUnprocessableEntity
		case err != nil:
			h.Error(w, r, err)
			return
		default:
			p.Page = page
			lq := newListQuery(r, "/umkm", q, enterpriseListParams...)
			p.List = lq.keysetNav("cursor", len(page.Items), page.Total, page.TotalCapped, page.Prev, page.Next)
			p.Sort = lq.sortHeaders("urut", f.Sort, "name", "name", "region", "size")
			p.Downloads = h.exportLinks(p.Lang, "/umkm/ekspor", q, enterpriseListParams, exportFormats)
			p.NoPersonal = !u.CanSeePersonal()
		}
	}
	h.render(w, r, status, "enterprise/list", p)
}

// enterpriseFilterOf reads the filter of the UMKM list from q, as the list
// and its exports take it: the region part of the form, the filter (without
// cursor and page size), and a problem for each value that is not a choice.
func (h *Handler) enterpriseFilterOf(u *bina.User, q url.Values, probs *bina.Problems) (regionFilter, bina.EnterpriseFilter) {
	var f bina.EnterpriseFilter
	apiNamesToPage(q)
	rf, region := h.readRegionFilter(u, q, probs)
	f.Region = region
	f.KBLISection = q.Get("kbli")
	f.Size = q.Get("skala")
	f.Status = q.Get("status")
	f.Binaan = q.Get("binaan")
	f.Reached = q.Get("jangkauan") // pembinaan, reach (issue 11)
	if _, _, err := coaching.ParseReachFilter(f.Reached); err != nil {
		probs.Add("jangkauan", "Pilihan %q untuk penyaring ini tidak dikenal", "Unknown choice %q for this filter", f.Reached)
		f.Reached = ""
	}
	f.Verification = q.Get("verifikasi")
	f.Digital = q.Get("digital")
	f.Query = strings.TrimSpace(q.Get("q"))
	f.Archived = q.Get("arsip") != ""
	// The owner and the data-quality checks, the lists behind their
	// figures (issue 13).
	f.OwnerGender = q.Get("jenis_kelamin")
	f.OwnerDisability = q.Get("disabilitas")
	f.NIKValid = q.Get("nik_sah")
	f.VillageKnown = q.Get("desa_dikenal")
	// The years of the figures umkm_new, umkm_closed and of financing
	// (issue 13).
	f.CreatedYear = yearParam(q, "tahun_daftar", probs)
	f.ArchivedYear = yearParam(q, "tahun_arsip", probs)
	f.FinancingYear = yearParam(q, "tahun_pembiayaan", probs)
	f.AtYearEnd = yearParam(q, "akhir_tahun", probs)
	f.Sort = q.Get("urut")
	check := func(name, value string, os bina.Options, extra ...string) {
		if value == "" || os.Has(value) {
			return
		}
		for _, x := range extra {
			if value == x {
				return
			}
		}
		probs.Add(name, "Pilihan %q untuk penyaring ini tidak dikenal", "Unknown choice %q for this filter", value)
	}
	check("kbli", f.KBLISection, bina.Options(bina.KBLISections()), "any", "none")
	check("skala", f.Size, bina.Sizes)
	check("status", f.Status, bina.OperatingStatuses)
	check("binaan", f.Binaan, yesNo)
	check("verifikasi", f.Verification, bina.Verifications)
	check("digital", f.Digital, bina.DigitalChannels, "any", "none")
	check("jenis_kelamin", f.OwnerGender, bina.Genders, "none")
	check("disabilitas", f.OwnerDisability, yesNo)
	check("nik_sah", f.NIKValid, yesNo)
	check("desa_dikenal", f.VillageKnown, yesNo)
	check("urut", f.Sort, bina.EnterpriseSorts)
	return rf, f
}

// yesNo are the choices of a yes/no filter.
var yesNo = bina.Options{{Code: "ya", ID: "Ya", EN: "Yes"}, {Code: "tidak", ID: "Tidak", EN: "No"}}

// pageURL returns the address of the page at cursor with the same
// filters, or "" when there is no such page.
func pageURL(base string, q url.Values, params []string, cursor string) string {
	if cursor == "" {
		return ""
	}
	v := url.Values{}
	for _, k := range params {
		if x := q.Get(k); x != "" {
			v.Set(k, x)
		}
	}
	v.Set("cursor", cursor)
	return base + "?" + v.Encode()
}

// historyRow is one line of a record's history, ready to show.
type historyRow struct {
	bina.Change
	Action string
	Field  string
}

// enterpriseShowPage shows one UMKM with its history.
type enterpriseShowPage struct {
	layout
	E         *bina.Enterprise
	Sales     []bina.AnnualSales
	Channels  []string
	History   historyBlock
	CanEdit   bool
	Archive   *form             // the archive form, with its problem when the reason was missing
	ArchiveOn bool              // open the archive form (after a problem)
	Pembinaan *certificateBlock // certificates and milestones (certificate.go)
	Letters   *letterBlock      // Surat Keterangan UMK Binaan (letter.go)
	Coaching  *coachingBlock    // the coaching ledger (coaching.go)
	// Programmes are the programmes it is in (programme_participation.go).
	Programmes *participationBlock
}

// EnterpriseShow shows one UMKM, all its fields grouped, and its history.
func (h *Handler) EnterpriseShow(w http.ResponseWriter, r *http.Request) {
	h.showEnterprise(w, r, http.StatusOK, nil)
}

func (h *Handler) showEnterprise(w http.ResponseWriter, r *http.Request, status int, archive *form) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	e, err := h.Enterprises.FindEnterprise(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("riwayat"), 10, 64)
	changes, err := h.History.History(ctx, bina.EntityEnterprise, id, before, bina.HistoryPageSize)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u := bina.UserFromContext(ctx)
	p := &enterpriseShowPage{layout: h.newLayout(r, "", "umkm"), E: e, CanEdit: u.CanEdit(), Archive: archive}
	p.Title = e.Name
	p.Here = "/umkm/" + strconv.FormatInt(id, 10)
	if p.Archive == nil {
		p.Archive = newForm(nil, nil, nil)
	} else {
		p.ArchiveOn = true
	}
	p.Sales = append([]bina.AnnualSales(nil), e.Sales...)
	sort.Slice(p.Sales, func(i, j int) bool { return p.Sales[i].Year > p.Sales[j].Year })
	d := e.Digital
	for i, on := range []bool{d.Marketplace, d.SocialMedia, d.Website, d.QRIS, d.DigitalBookkeeping} {
		if on {
			p.Channels = append(p.Channels, bina.DigitalChannels[i].Label(p.Lang))
		}
	}
	p.History = h.historyBlock(changes, before, p.Lang, p.Here, enterpriseFieldLabels)
	if p.Pembinaan, err = h.certificateBlock(r, e, nil, nil); err != nil {
		h.Error(w, r, err)
		return
	}
	if p.Letters, err = h.letterBlock(r, e, nil); err != nil {
		h.Error(w, r, err)
		return
	}
	if p.Coaching, err = h.coachingBlock(r, e, nil); err != nil {
		h.Error(w, r, err)
		return
	}
	if p.Programmes, err = h.participationBlock(r, e); err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, status, "enterprise/show", p)
}

// enterpriseFormPage is the form to register or change a UMKM.
type enterpriseFormPage struct {
	layout
	Form      *form
	Action    string
	E         *bina.Enterprise // the stored record when editing
	Groups    []villageGroup
	CodeInput bool // too many villages for a select: type the code
	KBLI      []bina.KBLIEntry
	SalesRows []int
	// Duplicates are the likely duplicates the save found (enterprise_duplicates.go).
	Duplicates []duplicateView
}

// enterpriseInputs are the fields of the UMKM form in the order it shows
// them; each has an input of the same name except those in
// enterpriseAnchors.
var enterpriseInputs = []string{
	"name", "trade_name", "legal_form", "nib", "start_year", "start_month", "status", "size_reported",
	"owner.name", "owner.nik", "owner.gender", "owner.birth_date", "owner.phone", "owner.education", "owner.address", "owner.disability",
	"village_code", "address", "latitude", "longitude", "kbli", "kbli_more", "main_product", "capital", "assets", "sales",
	"workers_paid_male", "workers_paid_female", "workers_unpaid_male", "workers_unpaid_female", "workers_total",
	"digital.marketplace", "digital.social", "digital.website", "digital.qris", "digital.bookkeeping", "digital.links",
	"binaan", "binaan_since", "verification", "source", "source_id", "notes",
}

// enterpriseAnchors maps the fields whose problems belong to a group of
// inputs to the first input of the group.
var enterpriseAnchors = map[string]string{"sales": "f-sales-0-year"}

// EnterpriseNew shows an empty form with sensible defaults.
func (h *Handler) EnterpriseNew(w http.ResponseWriter, r *http.Request) {
	u := bina.UserFromContext(r.Context())
	if err := mustEdit(u); err != nil {
		h.Error(w, r, err)
		return
	}
	e := &bina.Enterprise{}
	// An officer assigned to one desa registers businesses there.
	if s := h.scope(u); s.Level() == bina.LevelVillage {
		e.VillageCode = s
	}
	v := enterpriseValues(e)
	year := h.Ref.Clock().Year()
	for i := 0; i < 3; i++ {
		v.Set(rowName("sales", i, "year"), strconv.Itoa(year-1-i))
	}
	h.enterpriseForm(w, r, http.StatusOK, newForm(v, enterpriseInputs, enterpriseAnchors), nil)
}

// EnterpriseEdit shows the form filled from the stored record.
func (h *Handler) EnterpriseEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := mustEdit(bina.UserFromContext(ctx)); err != nil {
		h.Error(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	e, err := h.Enterprises.FindEnterprise(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.enterpriseForm(w, r, http.StatusOK, newForm(enterpriseValues(e), enterpriseInputs, enterpriseAnchors), e)
}

func (h *Handler) enterpriseForm(w http.ResponseWriter, r *http.Request, status int, f *form, e *bina.Enterprise, dups ...duplicateView) {
	u := bina.UserFromContext(r.Context())
	title, action := "Tambah UMKM", "/umkm"
	if e != nil {
		title, action = "Ubah UMKM", "/umkm/"+strconv.FormatInt(e.ID, 10)
	}
	p := &enterpriseFormPage{layout: h.newLayout(r, title, "umkm"), Form: f, Action: action, E: e, KBLI: h.kbliList, Duplicates: dups}
	if e != nil {
		p.Here = action + "/ubah"
	} else {
		p.Here = "/umkm/baru"
	}
	if h.nVillages <= maxGroupedVillages || h.scope(u).Level() >= bina.LevelDistrict {
		p.Groups = h.villageGroups(u, "")
	} else {
		p.CodeInput = true
	}
	p.SalesRows = rowIndexes(f.Values, "sales")
	for len(p.SalesRows) < 3 {
		p.SalesRows = append(p.SalesRows, len(p.SalesRows))
	}
	h.render(w, r, status, "enterprise/form", p)
}

// EnterpriseCreate registers a new UMKM from the form.
func (h *Handler) EnterpriseCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := mustEdit(bina.UserFromContext(ctx)); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	e := &bina.Enterprise{}
	ps := readEnterprise(r.PostForm, e)
	if h.enterpriseFailed(w, r, ps, e, nil, func() error { return h.Enterprises.CreateEnterprise(ctx, e) }) {
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(e.ID, 10), "created")
}

// EnterpriseUpdate saves the form over the stored record, when nobody
// else changed it since the form was opened (the version field).
func (h *Handler) EnterpriseUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := mustEdit(bina.UserFromContext(ctx)); err != nil {
		h.Error(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	stored, err := h.Enterprises.FindEnterprise(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	e := *stored
	// The version comes from the form only: a form without one conflicts
	// rather than overwriting what someone else saved.
	e.Version = 0
	ps := readEnterprise(r.PostForm, &e)
	if h.enterpriseFailed(w, r, ps, &e, stored, func() error { return h.Enterprises.UpdateEnterprise(ctx, &e) }) {
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(id, 10), "saved")
}

// enterpriseFailed saves e with save when the form could be read, and on
// a problem shows the form again (see failed). It reports whether it
// answered the request.
func (h *Handler) enterpriseFailed(w http.ResponseWriter, r *http.Request, ps *parser, e, stored *bina.Enterprise, save func() error) bool {
	var dups []duplicateView
	return h.failed(w, r, formSave{form: newForm(r.PostForm, enterpriseInputs, enterpriseAnchors), read: ps, save: h.checkDuplicates(r, e, &dups, save),
		check: func() error {
			check := *e
			check.Normalize()
			return check.Validate(h.Ref)
		},
		show: func(status int, f *form) { h.enterpriseForm(w, r, status, f, stored, dups...) },
	})
}

// EnterpriseArchive takes a UMKM out of the live register with a reason.
func (h *Handler) EnterpriseArchive(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		f := newForm(url.Values{"reason": {""}}, []string{"reason"}, nil)
		f.addProblems([]bina.FieldError{{Field: "reason", Message: bina.Text{ID: "Tulis alasan pengarsipan", EN: "Give the reason for archiving"}}}, lang(r))
		h.showEnterprise(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	err = h.Enterprises.ArchiveEnterprise(ctx, id, reason)
	if bina.ErrorCode(err) == bina.Invalid {
		f := newForm(url.Values{"reason": {reason}}, []string{"reason"}, nil)
		f.addProblems(fieldsOr(err, "reason"), lang(r))
		h.showEnterprise(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(id, 10), "archived")
}

// fieldsOr returns the field errors of err, or its message as an error of
// field when it has none.
func fieldsOr(err error, field string) []bina.FieldError {
	if fs := bina.ErrorFields(err); len(fs) > 0 {
		return fs
	}
	return []bina.FieldError{{Field: field, Message: bina.ErrorText(err)}}
}

// EnterpriseRestore brings an archived UMKM back into the register.
func (h *Handler) EnterpriseRestore(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.Enterprises.RestoreEnterprise(r.Context(), id); err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(id, 10), "restored")
}

// enterpriseValues writes e into form values, the inverse of
// readEnterprise.
func enterpriseValues(e *bina.Enterprise) url.Values {
	v := url.Values{}
	set := func(k, x string) {
		if x != "" {
			v.Set(k, x)
		}
	}
	on := func(k string, b bool) {
		if b {
			v.Set(k, "1")
		}
	}
	set("name", e.Name)
	set("trade_name", e.TradeName)
	set("legal_form", e.LegalForm)
	set("nib", e.NIB)
	set("start_year", formatIntInput(e.StartYear))
	set("start_month", formatIntInput(e.StartMonth))
	set("status", e.Status)
	set("size_reported", e.SizeReported)
	set("owner.name", e.Owner.Name)
	set("owner.nik", e.Owner.NIK)
	set("owner.gender", e.Owner.Gender)
	set("owner.birth_date", e.Owner.BirthDate.String())
	set("owner.phone", e.Owner.Phone)
	set("owner.education", e.Owner.Education)
	on("owner.disability", e.Owner.Disability)
	set("owner.address", e.Owner.Address)
	set("address", e.Address)
	set("village_code", string(e.VillageCode))
	if e.Latitude != nil && e.Longitude != nil {
		set("latitude", strconv.FormatFloat(*e.Latitude, 'f', -1, 64))
		set("longitude", strconv.FormatFloat(*e.Longitude, 'f', -1, 64))
	}
	if len(e.KBLI) > 0 {
		set("kbli", e.KBLI[0].Code)
		var more []string
		for _, k := range e.KBLI[1:] {
			more = append(more, k.Code)
		}
		set("kbli_more", strings.Join(more, ", "))
	}
	set("main_product", e.MainProduct)
	set("capital", formatMoneyInput(e.Capital))
	set("assets", formatMoneyInput(e.Assets))
	sales := append([]bina.AnnualSales(nil), e.Sales...)
	sort.Slice(sales, func(i, j int) bool { return sales[i].Year > sales[j].Year })
	for i, s := range sales {
		v.Set(rowName("sales", i, "year"), strconv.Itoa(s.Year))
		v.Set(rowName("sales", i, "amount"), formatNumber(s.Amount))
	}
	set("workers_paid_male", formatIntInput(e.WorkersPaidMale))
	set("workers_paid_female", formatIntInput(e.WorkersPaidFemale))
	set("workers_unpaid_male", formatIntInput(e.WorkersUnpaidMale))
	set("workers_unpaid_female", formatIntInput(e.WorkersUnpaidFemale))
	// A total derived from the split is left empty, so that it follows a
	// changed split; one given beyond the split is shown.
	if e.WorkersUnsplit() > 0 {
		set("workers_total", formatIntInput(e.WorkersTotal))
	}
	on("digital.marketplace", e.Digital.Marketplace)
	on("digital.social", e.Digital.SocialMedia)
	on("digital.website", e.Digital.Website)
	on("digital.qris", e.Digital.QRIS)
	on("digital.bookkeeping", e.Digital.DigitalBookkeeping)
	set("digital.links", e.Digital.Links)
	on("binaan", e.Binaan)
	set("binaan_since", e.BinaanSince.String())
	set("verification", e.Verification)
	set("source", e.Source)
	set("source_id", e.SourceID)
	set("notes", e.Notes)
	if e.Version != 0 {
		v.Set("version", strconv.Itoa(e.Version))
	}
	return v
}

// readEnterprise reads the form into e; what cannot be read is a problem
// of its field.
func readEnterprise(v url.Values, e *bina.Enterprise) *parser {
	ps := &parser{v: v}
	e.Name = ps.str("name")
	e.TradeName = ps.str("trade_name")
	e.LegalForm = ps.str("legal_form")
	e.NIB = ps.str("nib")
	e.StartYear = ps.int("start_year")
	e.StartMonth = ps.int("start_month")
	e.Status = ps.str("status")
	e.SizeReported = ps.str("size_reported")

	e.Owner.Name = ps.str("owner.name")
	e.Owner.NIK = ps.str("owner.nik")
	e.Owner.Gender = ps.str("owner.gender")
	e.Owner.BirthDate = ps.date("owner.birth_date")
	e.Owner.Phone = ps.str("owner.phone")
	e.Owner.Education = ps.str("owner.education")
	e.Owner.Disability = ps.bool("owner.disability")
	e.Owner.Address = ps.str("owner.address")

	e.Address = ps.str("address")
	e.VillageCode = bina.RegionCode(ps.str("village_code"))
	e.Latitude = ps.coord("latitude")
	e.Longitude = ps.coord("longitude")

	main, ok := kbliCode(ps.str("kbli"))
	if !ok {
		ps.p.Add("kbli", "Tulis kode KBLI 5 angka, misalnya 10799", "Write a 5-digit KBLI code, for example 10799")
	}
	more := ps.kbliList("kbli_more")
	e.KBLI = nil
	if main != "" {
		e.KBLI = append(e.KBLI, bina.KBLICode{Version: bina.KBLI2020, Code: main})
	} else if ok && len(more) > 0 {
		ps.p.Add("kbli", "Isi KBLI utama sebelum KBLI lainnya", "Fill in the main KBLI before the others")
	}
	for _, c := range more {
		e.KBLI = append(e.KBLI, bina.KBLICode{Version: bina.KBLI2020, Code: c})
	}
	e.MainProduct = ps.str("main_product")

	e.Capital = ps.money("capital")
	e.Assets = ps.money("assets")
	e.Sales = nil
	for _, i := range rowIndexes(v, "sales") {
		yn, an := rowName("sales", i, "year"), rowName("sales", i, "amount")
		if ps.str(an) == "" {
			continue // a year without an amount is an unused row
		}
		amount, ok := parseMoney(ps.str(an))
		if !ok {
			ps.p.Add("sales", "Tulis omzet dengan angka saja, misalnya 1.500.000", "Write the sales in digits only, for example 1.500.000")
			continue
		}
		year, err := strconv.Atoi(ps.str(yn))
		if err != nil {
			ps.p.Add("sales", "Tulis tahun omzet dengan 4 angka", "Write the sales year with 4 digits")
			continue
		}
		e.Sales = append(e.Sales, bina.AnnualSales{Year: year, Amount: amount})
	}
	e.WorkersPaidMale = ps.int("workers_paid_male")
	e.WorkersPaidFemale = ps.int("workers_paid_female")
	e.WorkersUnpaidMale = ps.int("workers_unpaid_male")
	e.WorkersUnpaidFemale = ps.int("workers_unpaid_female")
	e.WorkersTotal = ps.int("workers_total")

	e.Digital = bina.Digital{
		Marketplace:        ps.bool("digital.marketplace"),
		SocialMedia:        ps.bool("digital.social"),
		Website:            ps.bool("digital.website"),
		QRIS:               ps.bool("digital.qris"),
		DigitalBookkeeping: ps.bool("digital.bookkeeping"),
		Links:              ps.str("digital.links"),
	}
	e.Binaan = ps.bool("binaan")
	e.BinaanSince = ps.date("binaan_since")
	e.Verification = ps.str("verification")
	e.Source = ps.str("source")
	e.SourceID = ps.str("source_id")
	e.Notes = ps.str("notes")
	if s := ps.str("version"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			ps.p.Add("version", "Versi formulir tidak terbaca; muat ulang halaman", "The form's version could not be read; reload the page")
		}
		e.Version = n
	}
	return ps
}
