package web

import (
	"bina/audit"
	"bina/supervision"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"bina"
)

// cooperativeListPage is the register of cooperatives with its filter form.
type cooperativeListPage struct {
	layout
	F         url.Values
	Region    regionFilter
	Kelompoks bina.Options
	Problems  []string
	Page      bina.Page[bina.Cooperative]
	List      listNav    // position, pages and page size (listnav.go)
	Sort      colHeaders // the sortable columns' headers
	Filtered  bool
	MoreOpen  bool
	CanEdit   bool
	// Downloads are the export links of the filtered list (see
	// enterpriseListPage).
	Downloads  []downloadLink
	NoPersonal bool
}

var cooperativeListParams = []string{"kecamatan", "desa", "jenis", "bentuk", "pola", "kelompok", "aktif", "kdmp", "verifikasi", "q", "urut", "arsip", "laporan", "kesehatan", "akhir_tahun"}

// CooperativeList shows one page of the cooperatives, filtered.
func (h *Handler) CooperativeList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	kel, err := h.Cooperatives.Kelompoks(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &cooperativeListPage{layout: h.newLayout(r, "Koperasi", "koperasi"), F: q, Kelompoks: kel, CanEdit: u.CanEdit()}
	var probs bina.Problems
	var f bina.CooperativeFilter
	p.Region, f = h.cooperativeFilterOf(u, q, kel, &probs)
	f.Limit = pageSize(q)
	f.Cursor = q.Get("cursor")
	for _, k := range cooperativeListParams {
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
		page, err := h.Cooperatives.ListCooperatives(ctx, f)
		if err == nil {
			err = h.recordRead(ctx, audit.ListRead(bina.EntityCooperative, page.Items, cooperativeID, f))
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
			lq := newListQuery(r, "/koperasi", q, cooperativeListParams...)
			p.List = lq.keysetNav("cursor", len(page.Items), page.Total, page.TotalCapped, page.Prev, page.Next)
			p.Sort = lq.sortHeaders("urut", f.Sort, "name", "name", "jenis", "region", "rat")
			p.Downloads = h.exportLinks(p.Lang, "/koperasi/ekspor", q, cooperativeListParams, exportFormats[:2])
			p.NoPersonal = !u.CanSeePersonal()
		}
	}
	h.render(w, r, status, "cooperative/list", p)
}

// cooperativeFilterOf reads the filter of the cooperative list from q, as
// the list and its exports take it (see enterpriseFilterOf); kel is the
// office's list of groups.
func (h *Handler) cooperativeFilterOf(u *bina.User, q url.Values, kel bina.Options, probs *bina.Problems) (regionFilter, bina.CooperativeFilter) {
	var f bina.CooperativeFilter
	apiNamesToPage(q)
	rf, region := h.readRegionFilter(u, q, probs)
	f.Region = region
	f.Jenis = q.Get("jenis")
	f.Bentuk = q.Get("bentuk")
	f.Pola = q.Get("pola")
	f.Kelompok = q.Get("kelompok")
	f.Active = q.Get("aktif")
	f.KDMP = q.Get("kdmp")
	f.Verification = q.Get("verifikasi")
	f.Query = strings.TrimSpace(q.Get("q"))
	f.Archived = q.Get("arsip") != ""
	f.Sort = q.Get("urut")
	f.AtYearEnd = yearParam(q, "akhir_tahun", probs)
	check := func(name, value string, os bina.Options) {
		if value != "" && !os.Has(value) {
			probs.Add(name, "Pilihan %q untuk penyaring ini tidak dikenal", "Unknown choice %q for this filter", value)
		}
	}
	check("jenis", f.Jenis, bina.Jenises)
	check("bentuk", f.Bentuk, bina.Bentuks)
	check("pola", f.Pola, bina.Polas)
	check("kelompok", f.Kelompok, kel)
	check("aktif", f.Active, yesNo)
	check("kdmp", f.KDMP, yesNo)
	check("verifikasi", f.Verification, bina.Verifications)
	check("urut", f.Sort, bina.CooperativeSorts)
	// The lists behind the cooperative indicators (issue 13): a book
	// year's reports and health assessments.
	f.Report, f.Health = q.Get("laporan"), q.Get("kesehatan")
	for _, c := range []struct {
		name, value string
		choices     bina.Options
	}{{"laporan", f.Report, supervision.ReportChoices}, {"kesehatan", f.Health, bina.HealthResults}} {
		if _, err := supervision.ParseYearChoice(c.name, c.value, c.choices); err != nil {
			probs.Add(c.name, "Penyaring %q tidak dikenal: tulis tahun buku, atau tahun buku dan pilihan (mis. 2025:%s)", "Unknown filter %q: give a book year, or a book year and a choice (e.g. 2025:%s)", c.value, c.choices[0].Code)
		}
	}
	return rf, f
}

// cooperativeShowPage shows one cooperative.
type cooperativeShowPage struct {
	layout
	C           *bina.Cooperative
	Kelompoks   bina.Options
	CertExpired bool
	CertSoon    bool // expires within 60 days
	RATs        []bina.RAT
	DueYear     int // the newest book year whose RAT is due
	History     historyBlock
	CanEdit     bool
	Archive     *form
	ArchiveOn   bool
	RAT         *form
	RATOn       bool
	RATTable    *ratTable
	Reports     *reportsBlock // annual reports (issue 12)
}

// ratTable lays the RAT records out as the annual report does: one row
// per figure, one column per book year, newest first.
type ratTable struct {
	Years []int
	Rows  []ratRow
}

type ratRow struct {
	Label string
	Cells []string
}

// ratTableOf returns the table of rats (sorted newest first), or nil.
func (h *Handler) ratTableOf(rats []bina.RAT, lang string) *ratTable {
	if len(rats) == 0 {
		return nil
	}
	t := &ratTable{}
	for _, x := range rats {
		t.Years = append(t.Years, x.BookYear)
	}
	yes, no := yesNo.Label("ya", lang), yesNo.Label("tidak", lang)
	date := func(d bina.Date) string {
		if d.IsZero() {
			return "—"
		}
		return formatDate(d.Time(), lang)
	}
	figures := []struct {
		label string
		cell  func(bina.RAT) string
	}{
		{"Tanggal RAT", func(x bina.RAT) string {
			if x.HeldOn.IsZero() {
				return h.t(lang, "Belum diadakan")
			}
			return date(x.HeldOn)
		}},
		{"Tanggal laporan", func(x bina.RAT) string { return date(x.ReportedOn) }},
		{"Anggota perempuan", func(x bina.RAT) string { return formatNumber(x.MembersFemale) }},
		{"Anggota laki-laki", func(x bina.RAT) string { return formatNumber(x.MembersMale) }},
		{"Anggota hadir di RAT", func(x bina.RAT) string { return formatNumber(x.MembersPresent) }},
		{"Calon anggota", func(x bina.RAT) string { return formatNumber(x.Prospective) }},
		{"Karyawan (P/L)", func(x bina.RAT) string {
			return formatNumber(x.EmployeesFemale) + " / " + formatNumber(x.EmployeesMale)
		}},
		{"Manajer (P/L)", func(x bina.RAT) string { return formatNumber(x.ManagersFemale) + " / " + formatNumber(x.ManagersMale) }},
		{"Simpanan pokok", func(x bina.RAT) string { return formatNumber(x.SimpananPokok) }},
		{"Simpanan wajib", func(x bina.RAT) string { return formatNumber(x.SimpananWajib) }},
		{"Cadangan", func(x bina.RAT) string { return formatNumber(x.Reserves) }},
		{"Hibah", func(x bina.RAT) string { return formatNumber(x.Grants) }},
		{"Modal sendiri", func(x bina.RAT) string { return formatNumber(x.OwnCapital()) }},
		{"Modal pinjaman", func(x bina.RAT) string { return formatNumber(x.BorrowedCapital) }},
		{"Modal penyertaan", func(x bina.RAT) string { return formatNumber(x.EquityParticipation) }},
		{"Aset", func(x bina.RAT) string { return formatNumber(x.Assets) }},
		{"Simpanan yang dihimpun", func(x bina.RAT) string { return formatNumber(x.SavingsReceived) }},
		{"Pinjaman yang disalurkan", func(x bina.RAT) string { return formatNumber(x.LoansGiven) }},
		{"Volume usaha", func(x bina.RAT) string { return formatNumber(x.BusinessVolume) }},
		{"SHU", func(x bina.RAT) string { return formatNumber(x.SHU) }},
		{"Memiliki izin usaha", func(x bina.RAT) string {
			if x.HasBusinessLicense {
				return yes
			}
			return no
		}},
		{"Penilaian kesehatan", func(x bina.RAT) string {
			if !x.HealthAssessed {
				return h.t(lang, "Belum dinilai")
			}
			if x.HealthResult == "" {
				return yes
			}
			return bina.HealthResults.Label(x.HealthResult, lang)
		}},
	}
	for _, f := range figures {
		row := ratRow{Label: h.t(lang, f.label)}
		for _, x := range rats {
			row.Cells = append(row.Cells, f.cell(x))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// CooperativeShow shows one cooperative with its RAT records and history.
// ?rat=YEAR fills the RAT form with that book year's record to correct it.
func (h *Handler) CooperativeShow(w http.ResponseWriter, r *http.Request) {
	h.showCooperative(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) showCooperative(w http.ResponseWriter, r *http.Request, status int, archive, rat *form) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	c, err := h.Cooperatives.FindCooperative(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("riwayat"), 10, 64)
	changes, err := h.History.History(ctx, bina.EntityCooperative, id, before, bina.HistoryPageSize)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	kel, err := h.Cooperatives.Kelompoks(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u := bina.UserFromContext(ctx)
	now := h.Ref.Clock()
	p := &cooperativeShowPage{layout: h.newLayout(r, "", "koperasi"), C: c, Kelompoks: kel, CanEdit: u.CanEdit(),
		DueYear: bina.LastDueBookYear(now), Archive: archive, RAT: rat}
	p.Title = c.Name
	p.Here = "/koperasi/" + strconv.FormatInt(id, 10)
	today := bina.DateFromTime(now.In(h.zone()))
	if !c.CertificateExpiry.IsZero() {
		p.CertExpired = c.CertificateExpiry.Before(today)
		p.CertSoon = !p.CertExpired && c.CertificateExpiry.Time().Before(today.Time().AddDate(0, 0, 60))
	}
	p.RATs = append([]bina.RAT(nil), c.RATs...)
	sort.Slice(p.RATs, func(i, j int) bool { return p.RATs[i].BookYear > p.RATs[j].BookYear })
	if p.Archive == nil {
		p.Archive = newForm(nil, nil, nil)
	} else {
		p.ArchiveOn = true
	}
	if p.RAT == nil {
		v := url.Values{"book_year": {strconv.Itoa(now.Year() - 1)}}
		if y, err := strconv.Atoi(r.URL.Query().Get("rat")); err == nil {
			for _, x := range p.RATs {
				if x.BookYear == y {
					v = ratValues(x)
					p.RATOn = true
				}
			}
		}
		p.RAT = newForm(v, ratInputs, nil)
	} else {
		p.RATOn = true
	}
	p.RATTable = h.ratTableOf(p.RATs, p.Lang)
	if p.Reports, err = h.reportsBlockOf(r, c); err != nil { // annual reports (issue 12)
		h.Error(w, r, err)
		return
	}
	p.History = h.historyBlock(changes, before, p.Lang, p.Here, cooperativeFieldLabels)
	h.render(w, r, status, "cooperative/show", p)
}

// cooperativeFormPage is the form to register or change a cooperative.
type cooperativeFormPage struct {
	layout
	Form       *form
	Action     string
	C          *bina.Cooperative
	Kelompoks  bina.Options
	Groups     []villageGroup
	CodeInput  bool
	KBLI       []bina.KBLIEntry
	Officers   []int
	Units      []int
	Amendments []int
}

// cooperativeInputs are the fields of the cooperative form in its order.
var cooperativeInputs = []string{
	"name", "jenis", "bentuk", "pola", "kelompok", "kbli", "kdmp",
	"registration_number", "certificate_date", "certificate_expiry", "legal_number", "legal_date",
	"npwp", "nib", "savings_license", "amendments",
	"village_code", "address", "latitude", "longitude", "members_female", "members_male", "employees_female", "employees_male",
	"officers", "units", "verification", "source", "source_id", "notes",
}

// cooperativeAnchors maps the fields of groups of rows to their first input.
var cooperativeAnchors = map[string]string{
	"officers":   "f-officers-0-name",
	"units":      "f-units-0-name",
	"amendments": "f-amendments-0-number",
}

// CooperativeNew shows an empty cooperative form.
func (h *Handler) CooperativeNew(w http.ResponseWriter, r *http.Request) {
	u := bina.UserFromContext(r.Context())
	if err := mustEdit(u); err != nil {
		h.Error(w, r, err)
		return
	}
	c := &bina.Cooperative{}
	if s := h.scope(u); s.Level() == bina.LevelVillage {
		c.VillageCode = s
	}
	c.Normalize()
	h.cooperativeForm(w, r, http.StatusOK, newForm(cooperativeValues(c), cooperativeInputs, cooperativeAnchors), nil)
}

// CooperativeEdit shows the form filled from the stored record.
func (h *Handler) CooperativeEdit(w http.ResponseWriter, r *http.Request) {
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
	c, err := h.Cooperatives.FindCooperative(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.cooperativeForm(w, r, http.StatusOK, newForm(cooperativeValues(c), cooperativeInputs, cooperativeAnchors), c)
}

func (h *Handler) cooperativeForm(w http.ResponseWriter, r *http.Request, status int, f *form, c *bina.Cooperative) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	kel, err := h.Cooperatives.Kelompoks(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	title, action := "Tambah koperasi", "/koperasi"
	if c != nil {
		title, action = "Ubah koperasi", "/koperasi/"+strconv.FormatInt(c.ID, 10)
	}
	p := &cooperativeFormPage{layout: h.newLayout(r, title, "koperasi"), Form: f, Action: action, C: c, Kelompoks: kel, KBLI: h.kbliList}
	if c != nil {
		p.Here = action + "/ubah"
	} else {
		p.Here = "/koperasi/baru"
	}
	if h.nVillages <= maxGroupedVillages || h.scope(u).Level() >= bina.LevelDistrict {
		p.Groups = h.villageGroups(u, "")
	} else {
		p.CodeInput = true
	}
	p.Officers = rows(f.Values, "officers", 5)
	p.Units = rows(f.Values, "units", 3)
	p.Amendments = rows(f.Values, "amendments", 2)
	h.render(w, r, status, "cooperative/form", p)
}

// rows returns the row numbers of a repeated group: those filled in, then
// blank ones up to at least min and at least two blank at the end.
func rows(v url.Values, prefix string, min int) []int {
	have := rowIndexes(v, prefix)
	n := 0
	if len(have) > 0 {
		n = have[len(have)-1] + 1
	}
	total := max(min, n+2)
	out := make([]int, total)
	for i := range out {
		out[i] = i
	}
	return out
}

// CooperativeCreate registers a cooperative from the form.
func (h *Handler) CooperativeCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := mustEdit(bina.UserFromContext(ctx)); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	c := &bina.Cooperative{}
	ps := readCooperative(r.PostForm, c)
	if h.cooperativeFailed(w, r, ps, c, nil, func() error { return h.Cooperatives.CreateCooperative(ctx, c) }) {
		return
	}
	h.redirectFlash(w, r, "/koperasi/"+strconv.FormatInt(c.ID, 10), "created")
}

// CooperativeUpdate saves the form over the stored cooperative when its
// version still matches.
func (h *Handler) CooperativeUpdate(w http.ResponseWriter, r *http.Request) {
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
	stored, err := h.Cooperatives.FindCooperative(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	c := *stored
	c.Version = 0 // from the form only, as for enterprises
	ps := readCooperative(r.PostForm, &c)
	if h.cooperativeFailed(w, r, ps, &c, stored, func() error { return h.Cooperatives.UpdateCooperative(ctx, &c) }) {
		return
	}
	h.redirectFlash(w, r, "/koperasi/"+strconv.FormatInt(id, 10), "saved")
}

func (h *Handler) cooperativeFailed(w http.ResponseWriter, r *http.Request, ps *parser, c, stored *bina.Cooperative, save func() error) bool {
	return h.failed(w, r, formSave{form: newForm(r.PostForm, cooperativeInputs, cooperativeAnchors), read: ps, save: save,
		check: func() error {
			kel, err := h.Cooperatives.Kelompoks(r.Context())
			if err != nil {
				return err
			}
			check := *c
			check.Normalize()
			return check.Validate(h.Ref, kel)
		},
		show: func(status int, f *form) { h.cooperativeForm(w, r, status, f, stored) },
	})
}

// CooperativeArchive archives a cooperative with a reason.
func (h *Handler) CooperativeArchive(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		f := newForm(url.Values{"reason": {""}}, []string{"reason"}, nil)
		f.addProblems([]bina.FieldError{{Field: "reason", Message: bina.Text{ID: "Tulis alasan pengarsipan", EN: "Give the reason for archiving"}}}, lang(r))
		h.showCooperative(w, r, http.StatusUnprocessableEntity, f, nil)
		return
	}
	err = h.Cooperatives.ArchiveCooperative(r.Context(), id, reason)
	if bina.ErrorCode(err) == bina.Invalid {
		f := newForm(url.Values{"reason": {reason}}, []string{"reason"}, nil)
		f.addProblems(fieldsOr(err, "reason"), lang(r))
		h.showCooperative(w, r, http.StatusUnprocessableEntity, f, nil)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/koperasi/"+strconv.FormatInt(id, 10), "archived")
}

// CooperativeRestore brings an archived cooperative back.
func (h *Handler) CooperativeRestore(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.Cooperatives.RestoreCooperative(r.Context(), id); err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/koperasi/"+strconv.FormatInt(id, 10), "restored")
}

// ratInputs are the inputs of the RAT form.
var ratInputs = []string{
	"book_year", "held_on", "reported_on", "members_present", "members_female", "members_male", "prospective_members",
	"employees_female", "employees_male", "managers_female", "managers_male",
	"simpanan_pokok", "simpanan_wajib", "reserves", "grants", "borrowed_capital", "equity_participation",
	"assets", "savings_received", "loans_given", "business_volume", "shu",
	"has_business_license", "health_assessed", "health_result",
}

// CooperativeSaveRAT records (or replaces) the RAT of one book year.
func (h *Handler) CooperativeSaveRAT(w http.ResponseWriter, r *http.Request) {
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
	lang := lang(r)
	f := newForm(r.PostForm, ratInputs, nil)
	rat, ps := readRAT(r.PostForm)
	if len(ps.p.Fields) > 0 {
		ps.merge(rat.Validate(h.Ref.Clock()))
		f.addProblems(ps.p.Fields, lang)
		h.showCooperative(w, r, http.StatusUnprocessableEntity, nil, f)
		return
	}
	err = h.Cooperatives.SaveRAT(ctx, id, rat)
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, "/koperasi/"+strconv.FormatInt(id, 10)+"#rat", "rat")
	case bina.Invalid:
		f.addProblems(fieldsOr(err, "book_year"), lang)
		h.showCooperative(w, r, http.StatusUnprocessableEntity, nil, f)
	default:
		h.Error(w, r, err)
	}
}

func ratValues(x bina.RAT) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("book_year", strconv.Itoa(x.BookYear))
	set("held_on", x.HeldOn.String())
	set("reported_on", x.ReportedOn.String())
	for k, n := range map[string]int{"members_present": x.MembersPresent, "members_female": x.MembersFemale, "members_male": x.MembersMale,
		"prospective_members": x.Prospective, "employees_female": x.EmployeesFemale, "employees_male": x.EmployeesMale,
		"managers_female": x.ManagersFemale, "managers_male": x.ManagersMale} {
		set(k, formatIntInput(n))
	}
	for k, n := range map[string]int64{"simpanan_pokok": x.SimpananPokok, "simpanan_wajib": x.SimpananWajib, "reserves": x.Reserves,
		"grants": x.Grants, "borrowed_capital": x.BorrowedCapital, "equity_participation": x.EquityParticipation, "assets": x.Assets,
		"savings_received": x.SavingsReceived, "loans_given": x.LoansGiven, "business_volume": x.BusinessVolume, "shu": x.SHU} {
		set(k, formatMoneyInput(n))
	}
	if x.HasBusinessLicense {
		v.Set("has_business_license", "1")
	}
	if x.HealthAssessed {
		v.Set("health_assessed", "1")
	}
	set("health_result", x.HealthResult)
	return v
}

func readRAT(v url.Values) (bina.RAT, *parser) {
	ps := &parser{v: v}
	var x bina.RAT
	x.BookYear = ps.int("book_year")
	if x.BookYear == 0 {
		ps.p.Add("book_year", "Tahun buku wajib diisi", "Book year is required")
	}
	x.HeldOn = ps.date("held_on")
	x.ReportedOn = ps.date("reported_on")
	x.MembersPresent = ps.int("members_present")
	x.MembersFemale = ps.int("members_female")
	x.MembersMale = ps.int("members_male")
	x.Prospective = ps.int("prospective_members")
	x.EmployeesFemale = ps.int("employees_female")
	x.EmployeesMale = ps.int("employees_male")
	x.ManagersFemale = ps.int("managers_female")
	x.ManagersMale = ps.int("managers_male")
	x.SimpananPokok = ps.money("simpanan_pokok")
	x.SimpananWajib = ps.money("simpanan_wajib")
	x.Reserves = ps.money("reserves")
	x.Grants = ps.money("grants")
	x.BorrowedCapital = ps.money("borrowed_capital")
	x.EquityParticipation = ps.money("equity_participation")
	x.Assets = ps.money("assets")
	x.SavingsReceived = ps.money("savings_received")
	x.LoansGiven = ps.money("loans_given")
	x.BusinessVolume = ps.money("business_volume")
	x.SHU = ps.money("shu")
	x.HasBusinessLicense = ps.bool("has_business_license")
	x.HealthAssessed = ps.bool("health_assessed")
	x.HealthResult = ps.str("health_result")
	return x, ps
}

func cooperativeValues(c *bina.Cooperative) url.Values {
	v := url.Values{}
	set := func(k, x string) {
		if x != "" {
			v.Set(k, x)
		}
	}
	set("name", c.Name)
	set("registration_number", c.RegistrationNumber)
	set("certificate_date", c.CertificateDate.String())
	set("certificate_expiry", c.CertificateExpiry.String())
	set("legal_number", c.LegalNumber)
	set("legal_date", c.LegalDate.String())
	for i, a := range c.Amendments {
		set(rowName("amendments", i, "number"), a.Number)
		set(rowName("amendments", i, "date"), a.Date.String())
		set(rowName("amendments", i, "note"), a.Note)
	}
	set("npwp", c.NPWP)
	set("nib", c.NIB)
	set("savings_license", c.SavingsLicense)
	set("jenis", c.Jenis)
	set("bentuk", c.Bentuk)
	set("pola", c.Pola)
	set("kelompok", c.Kelompok)
	set("kbli", c.KBLI.Code)
	if c.KDMP {
		v.Set("kdmp", "1")
	}
	set("address", c.Address)
	set("village_code", string(c.VillageCode))
	if c.Latitude != nil && c.Longitude != nil {
		set("latitude", strconv.FormatFloat(*c.Latitude, 'f', -1, 64))
		set("longitude", strconv.FormatFloat(*c.Longitude, 'f', -1, 64))
	}
	set("members_female", formatIntInput(c.MembersFemale))
	set("members_male", formatIntInput(c.MembersMale))
	set("employees_female", formatIntInput(c.EmployeesFemale))
	set("employees_male", formatIntInput(c.EmployeesMale))
	for i, o := range c.Officers {
		set(rowName("officers", i, "name"), o.Name)
		set(rowName("officers", i, "role"), o.Role)
		set(rowName("officers", i, "gender"), o.Gender)
		set(rowName("officers", i, "phone"), o.Phone)
		set(rowName("officers", i, "term_start"), o.TermStart.String())
		set(rowName("officers", i, "term_end"), o.TermEnd.String())
	}
	for i, u := range c.Units {
		set(rowName("units", i, "name"), u.Name)
		set(rowName("units", i, "kind"), u.Kind)
	}
	set("verification", c.Verification)
	set("source", c.Source)
	set("source_id", c.SourceID)
	set("notes", c.Notes)
	if c.Version != 0 {
		v.Set("version", strconv.Itoa(c.Version))
	}
	return v
}

func readCooperative(v url.Values, c *bina.Cooperative) *parser {
	ps := &parser{v: v}
	c.Name = ps.str("name")
	c.RegistrationNumber = ps.str("registration_number")
	c.CertificateDate = ps.date("certificate_date")
	c.CertificateExpiry = ps.date("certificate_expiry")
	c.LegalNumber = ps.str("legal_number")
	c.LegalDate = ps.date("legal_date")
	c.Amendments = nil
	for _, i := range rowIndexes(v, "amendments") {
		a := bina.Amendment{Number: ps.str(rowName("amendments", i, "number")), Note: ps.str(rowName("amendments", i, "note"))}
		ds := ps.str(rowName("amendments", i, "date"))
		if a.Number == "" && a.Note == "" && ds == "" {
			continue
		}
		d, err := bina.ParseDate(ds)
		if err != nil {
			ps.p.Add("amendments", "Tanggal perubahan anggaran dasar tidak dikenali", "Amendment date not understood")
		}
		a.Date = d
		c.Amendments = append(c.Amendments, a)
	}
	c.NPWP = ps.str("npwp")
	c.NIB = ps.str("nib")
	c.SavingsLicense = ps.str("savings_license")
	c.Jenis = ps.str("jenis")
	c.Bentuk = ps.str("bentuk")
	c.Pola = ps.str("pola")
	c.Kelompok = ps.str("kelompok")
	code, ok := kbliCode(ps.str("kbli"))
	if !ok {
		ps.p.Add("kbli", "Tulis kode KBLI 5 angka, misalnya 64141", "Write a 5-digit KBLI code, for example 64141")
	}
	c.KBLI = bina.KBLICode{}
	if code != "" {
		c.KBLI = bina.KBLICode{Version: bina.KBLI2020, Code: code}
	}
	c.KDMP = ps.bool("kdmp")
	c.Address = ps.str("address")
	c.VillageCode = bina.RegionCode(ps.str("village_code"))
	c.Latitude = ps.coord("latitude")
	c.Longitude = ps.coord("longitude")
	c.MembersFemale = ps.int("members_female")
	c.MembersMale = ps.int("members_male")
	c.EmployeesFemale = ps.int("employees_female")
	c.EmployeesMale = ps.int("employees_male")
	c.Officers = nil
	for _, i := range rowIndexes(v, "officers") {
		get := func(f string) string { return ps.str(rowName("officers", i, f)) }
		o := bina.Officer{Name: get("name"), Role: get("role"), Gender: get("gender"), Phone: get("phone")}
		ts, te := get("term_start"), get("term_end")
		if o.Name == "" && o.Role == "" && o.Gender == "" && o.Phone == "" && ts == "" && te == "" {
			continue // a blank row
		}
		var err1, err2 error
		o.TermStart, err1 = bina.ParseDate(ts)
		o.TermEnd, err2 = bina.ParseDate(te)
		if err1 != nil || err2 != nil {
			ps.p.Add("officers", "Tanggal masa jabatan %s tidak dikenali", "Term date of %s not understood", o.Name)
		}
		c.Officers = append(c.Officers, o)
	}
	c.Units = nil
	for _, i := range rowIndexes(v, "units") {
		u := bina.BusinessUnit{Name: ps.str(rowName("units", i, "name")), Kind: ps.str(rowName("units", i, "kind"))}
		if u.Name == "" && u.Kind == "" {
			continue
		}
		c.Units = append(c.Units, u)
	}
	c.Verification = ps.str("verification")
	c.Source = ps.str("source")
	c.SourceID = ps.str("source_id")
	c.Notes = ps.str("notes")
	if s := ps.str("version"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			ps.p.Add("version", "Versi formulir tidak terbaca; muat ulang halaman", "The form's version could not be read; reload the page")
		}
		c.Version = n
	}
	return ps
}
