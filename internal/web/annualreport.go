package web

import (
	"bina/supervision"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
)

// The annual report pages (issue 12): one page per cooperative and book
// year with the form grouped by statement, computed totals, problems next
// to their line, the state's actions, documents and history. The handlers
// hold no rights of their own beyond what to show: the store decides who
// may save, submit, accept or return, so a board account bound to its
// cooperative uses the same pages as staff entering on its behalf.

// reportLine is one line of a statement on the form.
type reportLine struct {
	Name, ID string // the input's name ("neraca.kas") and id
	Label    string
	Value    string // as typed, or formatted from the report
	Derived  bool
	Count    bool
	Negative bool // may be negative
	Problems []problemView
}

// problemView is a problem of the report with the id of the input it
// concerns, for links from the list at the top.
type problemView struct {
	supervision.ReportProblem
	Anchor string
}

// reportOptions are the enumerations the report page offers.
type reportOptions struct {
	Jenises, Polas, KUKs, States, Kinds, Actions bina.Options
}

var reportOpts = reportOptions{
	Jenises: supervision.ReportJenises, Polas: supervision.ReportPolas, States: supervision.ReportStates, Kinds: supervision.ReportAttachmentKinds, Actions: supervision.ReportActions,
	KUKs: bina.Options{{Code: "1", ID: "KUK 1", EN: "KUK 1"}, {Code: "2", ID: "KUK 2", EN: "KUK 2"}, {Code: "3", ID: "KUK 3", EN: "KUK 3"}, {Code: "4", ID: "KUK 4", EN: "KUK 4"}},
}

// reportSectionView is one statement on the form.
type reportSectionView struct {
	Key, Label string
	Lines      []reportLine
	Hidden     bool // a savings-and-loan statement of a general report
}

// shuRow is one post of the SHU distribution on the form.
type shuRow struct {
	Pos, Label      string
	Persen, Nominal string
}

type reportPage struct {
	layout
	C         *bina.Cooperative
	Year      int
	R         *supervision.AnnualReport
	Exists    bool // stored; else a new report (FromRAT: started from the RAT record)
	FromRAT   bool
	Latest    bool // the newest version is shown
	Editable  bool // the form may be saved
	CanEdit   bool
	CanReview bool
	Sections  []reportSectionView
	SHU       []shuRow
	SHUProbs  []problemView
	Envelope  []problemView // problems of the RAT and the kind
	Errors    int
	Warnings  int
	Problems  []problemView
	Opts      reportOptions
	Form      *form // values and refusals of the envelope and the lines
	Events    []supervision.ReportEvent
	Versions  []int
	Files     []supervision.ReportAttachment
	FilesURL  string
	Base      string // /koperasi/{id}/laporan/{year}
	Note      *form  // the return or correction note
}

// reportURL is the page of a cooperative's report for a year.
func reportURL(id int64, year int) string {
	return "/koperasi/" + strconv.FormatInt(id, 10) + "/laporan/" + strconv.Itoa(year)
}

// reportPathOf reads the cooperative id and year of the path; NotFound
// when reports are not served here.
func (h *Handler) reportPathOf(r *http.Request) (int64, int, error) {
	notFound := bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
	id, err := pathID(r)
	if err != nil || h.Reports == nil {
		return 0, 0, notFound
	}
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 1950 || y > 9999 {
		return 0, 0, notFound
	}
	return id, y, nil
}

// canReview reports whether u may accept and return reports.
func canReview(u *bina.User) bool {
	return u != nil && (u.Role == bina.RoleAdmin || u.Role == bina.RoleStaff)
}

// ReportOpen sends the cooperative page's "fill in the report of year"
// form to the report's page.
func (h *Handler) ReportOpen(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	y, err := strconv.Atoi(r.URL.Query().Get("tahun"))
	if err != nil || y < 1950 || y > 9999 {
		http.Redirect(w, r, "/koperasi/"+strconv.FormatInt(id, 10)+"#laporan", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, reportURL(id, y), http.StatusSeeOther)
}

// ReportShow shows a report: the form while it is a draft or returned,
// the figures otherwise; ?versi=N shows an older version.
func (h *Handler) ReportShow(w http.ResponseWriter, r *http.Request) {
	h.showAnnualReport(w, r, http.StatusOK, nil, nil, nil)
}

// showAnnualReport renders the page; typed (the posted report with the form's
// refusals) replaces the stored report when a save was refused.
func (h *Handler) showAnnualReport(w http.ResponseWriter, r *http.Request, status int, typed *supervision.AnnualReport, f *form, note *form) {
	ctx := r.Context()
	id, year, err := h.reportPathOf(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	c, err := h.Cooperatives.FindCooperative(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u := bina.UserFromContext(ctx)
	p := &reportPage{layout: h.newLayout(r, "", "koperasi"), C: c, Year: year, CanEdit: mayFillReport(u, id), CanReview: canReview(u),
		Base: reportURL(id, year), Latest: true, Note: note}
	p.Title = h.t(p.Lang, "Laporan tahunan") + " " + strconv.Itoa(year) + " · " + c.Name
	p.Here = p.Base
	latest, err := h.Reports.FindAnnualReport(ctx, id, year)
	switch bina.ErrorCode(err) {
	case "":
		p.Exists, p.R = true, latest
		for v := latest.Version; v >= 1; v-- {
			p.Versions = append(p.Versions, v)
		}
		if v, verr := strconv.Atoi(r.URL.Query().Get("versi")); verr == nil && v != latest.Version {
			old, err := h.Reports.FindAnnualReportVersion(ctx, id, year, v)
			if err != nil {
				h.Error(w, r, err)
				return
			}
			p.R, p.Latest = old, false
		}
		if p.Events, err = h.Reports.AnnualReportHistory(ctx, id, year); err != nil {
			h.Error(w, r, err)
			return
		}
		if p.Files, err = h.Reports.ListReportAttachments(ctx, id, year); err != nil {
			h.Error(w, r, err)
			return
		}
	case bina.NotFound:
		p.R = h.newReport(c, year)
		p.FromRAT = p.R.Source == "rat"
		p.R.Source = "manual"
	default:
		h.Error(w, r, err)
		return
	}
	p.Editable = p.CanEdit && p.Latest && p.R.Editable() && c.ArchivedAt == nil
	p.FilesURL = "/api/v1/cooperatives/" + strconv.FormatInt(id, 10) + "/reports/" + strconv.Itoa(year) + "/attachments/"
	if typed != nil {
		typed.State, typed.Version, typed.Revision = p.R.State, p.R.Version, p.R.Revision
		typed.ReturnNote = p.R.ReturnNote
		p.R = typed
	}
	if f == nil {
		f = newForm(reportValues(p.R), nil, nil)
	}
	p.Form = f
	if p.Note == nil {
		p.Note = newForm(nil, nil, nil)
	}
	h.layOutReport(p)
	h.render(w, r, status, "report/show", p)
}

// newReport starts the report of a year nobody has entered: from the RAT
// record of the year when there is one (Source "rat" tells the page), else
// empty with the kind that fits the cooperative.
func (h *Handler) newReport(c *bina.Cooperative, year int) *supervision.AnnualReport {
	jenis := supervision.ReportJenisOf(c)
	for _, rat := range c.RATs {
		if rat.BookYear == year {
			x := supervision.ReportFromRAT(c.ID, jenis, c.Pola, rat)
			x.Source = "rat"
			x.Derive()
			x.Problems = x.Check(nil)
			return x
		}
	}
	x := supervision.ReportFromRAT(c.ID, jenis, c.Pola, bina.RAT{BookYear: year})
	x.Derive()
	return x
}

// layOutReport builds the statements, SHU rows and problem lists of p.R.
func (h *Handler) layOutReport(p *reportPage) {
	byField := map[string][]problemView{}
	p.Opts = reportOpts
	for _, x := range p.R.Problems {
		if p.Lang == "en" {
			x.Message = x.English
		}
		v := problemView{ReportProblem: x, Anchor: fieldID(x.Field)}
		if x.Severity == supervision.SeverityError {
			p.Errors++
		} else {
			p.Warnings++
		}
		switch {
		case strings.HasPrefix(x.Field, "shu_distribution"):
			v.Anchor = "f-shu-distribution"
			p.SHUProbs = append(p.SHUProbs, v)
		case strings.Contains(x.Field, "."):
			byField[x.Field] = append(byField[x.Field], v)
		default:
			p.Envelope = append(p.Envelope, v)
		}
		p.Problems = append(p.Problems, v)
	}
	sl := supervision.SavingsAndLoan(p.R.Jenis)
	for _, s := range supervision.ReportSections {
		v := reportSectionView{Key: s.Key, Label: s.Label.In(p.Lang)}
		onlySL := true
		for _, l := range s.Lines {
			onlySL = onlySL && l.SavingsLoan
			if l.SavingsLoan && !sl && p.R.Section(s.Key)[l.Code] == 0 {
				continue
			}
			name := s.Key + "." + l.Code
			line := reportLine{Name: name, ID: fieldID(name), Label: l.Label.In(p.Lang), Derived: l.Derived, Count: l.Count,
				Negative: l.MayBeNegative, Value: p.Form.Get(name), Problems: byField[name]}
			if l.Derived {
				line.Value = formatNumber(p.R.Section(s.Key)[l.Code])
			}
			v.Lines = append(v.Lines, line)
		}
		v.Hidden = onlySL && !sl
		p.Sections = append(p.Sections, v)
	}
	for _, o := range supervision.SHUPosts {
		p.SHU = append(p.SHU, shuRow{Pos: o.Code, Label: o.Label(p.Lang),
			Persen: p.Form.Get("shu." + o.Code + ".persen"), Nominal: p.Form.Get("shu." + o.Code + ".nominal")})
	}
}

// reportValues writes a report into form values, amounts with thousands
// separators.
func reportValues(x *supervision.AnnualReport) url.Values {
	v := url.Values{}
	v.Set("jenis", x.Jenis)
	v.Set("pola", x.Pola)
	if x.KUK > 0 {
		v.Set("kuk", strconv.Itoa(x.KUK))
	}
	v.Set("rat_held_on", x.RATHeldOn.String())
	if x.MembersPresent > 0 {
		v.Set("members_present", strconv.Itoa(x.MembersPresent))
	}
	v.Set("decisions", x.Decisions)
	for _, s := range supervision.ReportSections {
		for code, n := range x.Section(s.Key) {
			v.Set(s.Key+"."+code, formatNumber(n))
		}
	}
	for _, s := range x.SHUDistribution {
		v.Set("shu."+s.Pos+".persen", strings.Replace(strconv.FormatFloat(s.Persen, 'f', -1, 64), ".", ",", 1))
		v.Set("shu."+s.Pos+".nominal", formatNumber(s.Nominal))
	}
	return v
}

// parseAmount reads a whole number as people type it: "1.250.000",
// "Rp 1 250 000", "-500". ok is false for anything else.
func parseAmount(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "Rp"))
	s = strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(s)
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// parsePercent reads a percentage with a decimal comma or point.
func parsePercent(s string) (float64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	return f, err == nil && f >= 0 && f <= 1000
}

// readReport reads the posted form into a report for the cooperative and
// year; what cannot be read is a field problem, and the form keeps what
// was typed.
func readReport(v url.Values, id int64, year int) (*supervision.AnnualReport, bina.Problems) {
	var p bina.Problems
	x := &supervision.AnnualReport{CooperativeID: id, BookYear: year, Jenis: v.Get("jenis"), Pola: v.Get("pola"), Decisions: v.Get("decisions")}
	x.Normalize()
	if s := strings.TrimSpace(v.Get("kuk")); s != "" {
		x.KUK, _ = strconv.Atoi(s)
	}
	if d, err := bina.ParseDate(strings.TrimSpace(v.Get("rat_held_on"))); err != nil {
		p.Add("rat_held_on", "Tanggal RAT tidak dikenali (format TTTT-BB-HH)", "The RAT date is not understood (format YYYY-MM-DD)")
	} else {
		x.RATHeldOn = d
	}
	if s := strings.TrimSpace(v.Get("members_present")); s != "" {
		n, ok := parseAmount(s)
		if !ok || n < 0 || n > 10_000_000 {
			p.Add("members_present", "Tulis jumlah anggota hadir sebagai bilangan bulat", "Write the members present as a whole number")
		}
		x.MembersPresent = int(n)
	}
	for _, s := range supervision.ReportSections {
		m := x.Section(s.Key)
		for _, l := range s.Lines {
			name := s.Key + "." + l.Code
			raw := strings.TrimSpace(v.Get(name))
			if l.Derived || raw == "" {
				continue
			}
			n, ok := parseAmount(raw)
			if !ok {
				p.Add(name, "%[1]s: tulis angka bulat, misalnya 1.250.000", "%[2]s: write a whole number, such as 1.250.000", l.Label.ID, l.Label.EN)
				continue
			}
			m[l.Code] = n
		}
	}
	for _, o := range supervision.SHUPosts {
		ps, ns := strings.TrimSpace(v.Get("shu."+o.Code+".persen")), strings.TrimSpace(v.Get("shu."+o.Code+".nominal"))
		if ps == "" && ns == "" {
			continue
		}
		share := supervision.SHUShare{Pos: o.Code}
		var ok bool
		if share.Persen, ok = parsePercent(ps); !ok && ps != "" {
			p.Add("shu."+o.Code+".persen", "Persen %[1]s tidak dikenali", "The percent of %[2]s is not understood", o.ID, o.EN)
		}
		if share.Nominal, ok = parseAmount(ns); !ok && ns != "" {
			p.Add("shu."+o.Code+".nominal", "Nominal %[1]s: tulis angka bulat", "The amount of %[2]s: write a whole number", o.ID, o.EN)
		}
		x.SHUDistribution = append(x.SHUDistribution, share)
	}
	return x, p
}

// ReportSave saves the posted form as the draft.
func (h *Handler) ReportSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, year, err := h.reportPathOf(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := mustFillReport(bina.UserFromContext(ctx), id); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	lang := lang(r)
	f := newForm(r.PostForm, nil, nil)
	x, ps := readReport(r.PostForm, id, year)
	if rev, err := strconv.Atoi(r.PostForm.Get("revision")); err == nil {
		x.Revision = rev
	}
	if len(ps.Fields) > 0 {
		f.addProblems(ps.Fields, lang)
		x.Derive()
		x.Problems = x.Check(nil)
		h.showAnnualReport(w, r, http.StatusUnprocessableEntity, x, f, nil)
		return
	}
	err = h.Reports.SaveAnnualReport(ctx, x)
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, reportURL(id, year), "report-saved")
	case bina.Invalid:
		f.addProblems(fieldsOr(err, "jenis"), lang)
		x.Derive()
		x.Problems = x.Check(nil)
		h.showAnnualReport(w, r, http.StatusUnprocessableEntity, x, f, nil)
	case bina.Conflict:
		f.addProblems([]bina.FieldError{{Field: "revision", Message: bina.ErrorText(err)}}, lang)
		f.Conflict = true
		x.Derive()
		x.Problems = x.Check(nil)
		h.showAnnualReport(w, r, http.StatusConflict, x, f, nil)
	default:
		h.Error(w, r, err)
	}
}

// reportConfirmPage asks before a submission or an acceptance.
type reportConfirmPage struct {
	layout
	C        *bina.Cooperative
	R        *supervision.AnnualReport
	Action   string
	Confirm  string
	Explain  string
	Errors   int
	Warnings []supervision.ReportProblem
	Base     string
}

// ReportConfirm asks before submitting (…/ajukan) or accepting (…/terima).
func (h *Handler) ReportConfirm(step string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, year, err := h.reportPathOf(r)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		c, err := h.Cooperatives.FindCooperative(ctx, id)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		x, err := h.Reports.FindAnnualReport(ctx, id, year)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		title, action := "Ajukan laporan tahunan", "Ajukan"
		explain := "Setelah diajukan, laporan diperiksa dinas dan tidak dapat diubah kecuali dikembalikan."
		if step == "terima" {
			title, action = "Terima laporan tahunan", "Terima"
			explain = "Setelah diterima, laporan dikunci; perubahan berikutnya dibuat sebagai koreksi (versi baru)."
		}
		p := &reportConfirmPage{layout: h.newLayout(r, title, "koperasi"), C: c, R: x, Base: reportURL(id, year), Action: reportURL(id, year) + "/" + step}
		p.Title += " " + strconv.Itoa(year) + "?"
		p.Confirm, p.Explain = h.t(p.Lang, action), h.t(p.Lang, explain)
		for _, pr := range x.Problems {
			if pr.Severity == supervision.SeverityError {
				p.Errors++
			} else {
				if p.Lang == "en" {
					pr.Message = pr.English
				}
				p.Warnings = append(p.Warnings, pr)
			}
		}
		h.render(w, r, http.StatusOK, "report/confirm", p)
	}
}

// ReportStep runs a step of the report: ajukan (submit), terima (accept),
// kembalikan (return, with a note) or koreksi (start a correction).
func (h *Handler) ReportStep(step string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, year, err := h.reportPathOf(r)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		if err := r.ParseForm(); err != nil {
			h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
			return
		}
		note := r.PostForm.Get("note")
		var flash string
		switch step {
		case "ajukan":
			_, err = h.Reports.SubmitAnnualReport(ctx, id, year)
			flash = "report-submitted"
		case "terima":
			_, err = h.Reports.AcceptAnnualReport(ctx, id, year)
			flash = "report-accepted"
		case "kembalikan":
			_, err = h.Reports.ReturnAnnualReport(ctx, id, year, note)
			flash = "report-returned"
		case "koreksi":
			_, err = h.Reports.CorrectAnnualReport(ctx, id, year, note)
			flash = "report-correction"
		}
		switch bina.ErrorCode(err) {
		case "":
			h.redirectFlash(w, r, reportURL(id, year), flash)
		case bina.Invalid, bina.Conflict:
			// The page shows why: the report's own problems for a refused
			// submission, the message beside the note otherwise.
			nf := newForm(r.PostForm, nil, nil)
			nf.addProblems(fieldsOr(err, "note"), lang(r))
			if step == "ajukan" && bina.ErrorCode(err) == bina.Invalid {
				nf.Summary = []problem{{Message: bina.ErrorText(err).In(lang(r))}}
			}
			h.showAnnualReport(w, r, http.StatusUnprocessableEntity, nil, nil, nf)
		default:
			h.Error(w, r, err)
		}
	}
}

// ReportUpload stores a document sent with the report page's form.
func (h *Handler) ReportUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, year, err := h.reportPathOf(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := mustFillReport(bina.UserFromContext(ctx), id); err != nil {
		h.Error(w, r, err)
		return
	}
	a := &supervision.ReportAttachment{CooperativeID: id, BookYear: year}
	if r.MultipartForm == nil {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir unggahan tidak terbaca.", "The upload form cannot be read."))
			return
		}
	}
	a.Kind = r.FormValue("kind")
	if fhs := r.MultipartForm.File["file"]; len(fhs) > 0 {
		f, err := fhs[0].Open()
		if err != nil {
			h.Error(w, r, bina.Wrap(err, "open upload"))
			return
		}
		a.Data, err = io.ReadAll(io.LimitReader(f, supervision.MaxReportAttachment+1))
		f.Close()
		if err != nil {
			h.Error(w, r, bina.Wrap(err, "read upload"))
			return
		}
		a.FileName, a.ContentType = fhs[0].Filename, fhs[0].Header.Get("Content-Type")
	}
	err = h.Reports.AddReportAttachment(ctx, a)
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, reportURL(id, year)+"#dokumen", "report-file")
	case bina.Invalid, bina.Conflict:
		nf := newForm(nil, nil, nil)
		nf.addProblems(fieldsOr(err, "file"), lang(r))
		h.showAnnualReport(w, r, http.StatusUnprocessableEntity, nil, nil, nf)
	default:
		h.Error(w, r, err)
	}
}

// reportsBlock is the list of a cooperative's reports on its page.
type reportsBlock struct {
	C        *bina.Cooperative
	Reports  []supervision.AnnualReport
	Years    []int // book years offered to start a report
	CanEdit  bool
	DueYear  int
	Missing  []int // due years without a report
	Problems map[int]int
}

// reportsBlockOf lists the reports of c for its page; nil when reports are
// not served here.
func (h *Handler) reportsBlockOf(r *http.Request, c *bina.Cooperative) (*reportsBlock, error) {
	if h.Reports == nil {
		return nil, nil
	}
	list, err := h.Reports.ListAnnualReports(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	now := h.Ref.Clock()
	b := &reportsBlock{C: c, Reports: list, CanEdit: mayFillReport(bina.UserFromContext(r.Context()), c.ID), DueYear: bina.LastDueBookYear(now), Problems: map[int]int{}}
	have := map[int]bool{}
	for _, x := range list {
		have[x.BookYear] = true
		for _, p := range x.Problems {
			if p.Severity == supervision.SeverityError {
				b.Problems[x.BookYear]++
			}
		}
	}
	for y := now.Year() - 1; y >= now.Year()-6; y-- {
		b.Years = append(b.Years, y)
		if y <= b.DueYear && !have[y] && y >= b.DueYear-2 {
			b.Missing = append(b.Missing, y)
		}
	}
	return b, nil
}
