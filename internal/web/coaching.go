package web

import (
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
	"bina/coaching"
	"bina/internal/export"
	"bina/internal/sheet"
)

// The coaching ledger's pages: a block on the enterprise page (its
// sessions with their photos, the form to record one, the officer in
// charge), the caseload of a field officer ("Kasus saya") with the
// sessions list, and its export.

// followUpRows is how many follow-up rows the session form offers.
const followUpRows = 3

// enterpriseSessions is how many sessions the enterprise page shows.
const enterpriseSessions = 10

// coachingInputs are the session form's fields in the order it shows them.
var coachingInputs = []string{"date", "mode", "duration_minutes", "topics", "advice", "notes",
	"follow_ups.0.task", "follow_ups.0.due_on", "follow_ups.1.task", "follow_ups.1.due_on", "follow_ups.2.task", "follow_ups.2.due_on",
	"next_visit_on", "photo", "caption"}

// coachingBlock is the coaching part of an enterprise's page, and the
// session form on a page of its own after a problem.
type coachingBlock struct {
	EnterpriseID int64
	CSRF         string
	Sessions     []coaching.CoachingSession
	Total        int
	CanRecord    bool // the form is shown
	CanAssign    bool // staff may choose the officer in charge
	Officer      *bina.User
	Officers     []bina.User
	Form         *form
	Rows         []int
	Modes        bina.Options
	Topics       []topicChoice
}

type topicChoice struct {
	bina.Option
	Checked bool
}

// newCoachingForm returns the session form with today's date and fresh
// uuids, so that sending it twice stores the session and photo once.
func (h *Handler) newCoachingForm() *form {
	v := url.Values{}
	v.Set("uuid", coaching.NewUUID())
	v.Set("photo_uuid", coaching.NewUUID())
	v.Set("date", bina.DateFromTime(h.Ref.Clock().In(h.zone())).String())
	v.Set("mode", "visit")
	v.Set("duration_minutes", "60")
	return newForm(v, coachingInputs, nil)
}

// coachingBlock builds the block of enterprise e; f is the session form
// (nil: an empty one). It is nil without a coaching service.
func (h *Handler) coachingBlock(r *http.Request, e *bina.Enterprise, f *form) (*coachingBlock, error) {
	if h.Coaching == nil {
		return nil, nil
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	if f == nil {
		f = h.newCoachingForm()
	}
	b := &coachingBlock{EnterpriseID: e.ID, Form: f, Modes: coaching.CoachingModes,
		CanRecord: u.CanEdit() && e.ArchivedAt == nil,
		CanAssign: u != nil && (u.Role == bina.RoleAdmin || u.Role == bina.RoleStaff)}
	if s := bina.SessionFromContext(ctx); s != nil {
		b.CSRF = s.CSRF
	}
	for i := range followUpRows {
		b.Rows = append(b.Rows, i)
	}
	chosen := f.Values["topics"]
	for _, o := range coaching.CoachingTopics {
		b.Topics = append(b.Topics, topicChoice{Option: o, Checked: contains(chosen, o.Code)})
	}
	page, err := h.Coaching.ListCoachingSessions(ctx, coaching.CoachingFilter{Enterprise: e.ID, Limit: enterpriseSessions})
	if err != nil {
		return nil, err
	}
	b.Total = page.Total
	for _, x := range page.Items {
		if h.Attachments != nil {
			if x.Photos, err = h.Attachments.ListAttachments(ctx, "session", x.ID); err != nil {
				return nil, err
			}
		}
		b.Sessions = append(b.Sessions, x)
	}
	o, ok, err := h.Coaching.AssignedOfficer(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	if ok {
		b.Officer = &o
	}
	if b.CanAssign {
		if b.Officers, err = h.Coaching.Officers(ctx, e.VillageCode); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// coachingFormPage shows the session form again after a problem.
type coachingFormPage struct {
	layout
	E        *bina.Enterprise
	Coaching *coachingBlock
}

// CoachingRecord records a session from the enterprise page's form, with
// its photo if one was chosen (POST /umkm/{id}/pendampingan). The photo is
// checked before anything is stored; the form's uuids make a second send
// of the same form store nothing new.
func (h *Handler) CoachingRecord(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r)
	if err == nil && h.Coaching == nil {
		err = errNoCoaching()
	}
	if err == nil {
		err = mustEdit(bina.UserFromContext(ctx))
	}
	if err == nil && r.MultipartForm == nil {
		err = r.ParseMultipartForm(1 << 20)
		if err == http.ErrNotMultipart {
			err = r.ParseForm()
		}
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	e, err := h.Enterprises.FindEnterprise(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	v := r.Form
	x, ps := readCoachingForm(v)
	x.EnterpriseID = id
	photo, perr := h.readFormPhoto(r, v)
	if perr != nil && len(bina.ErrorFields(perr)) == 0 {
		h.Error(w, r, perr)
		return
	}
	if perr != nil || len(ps.p.Fields) > 0 {
		// Show every problem at once: the session's own too.
		x.Normalize()
		ps.p.Fields = append(ps.p.Fields, bina.ErrorFields(x.Validate(coaching.LatestToday(h.Ref.Clock())))...)
		ps.p.Fields = append(ps.p.Fields, bina.ErrorFields(perr)...)
	}
	if err = ps.p.Err(); err == nil {
		_, err = h.Coaching.RecordCoachingSession(ctx, x)
	}
	if err == nil && photo != nil {
		photo.OwnerKind, photo.OwnerID = "session", x.ID
		_, err = h.Attachments.PutAttachment(ctx, photo)
	}
	if err != nil {
		if len(bina.ErrorFields(err)) == 0 && bina.ErrorCode(err) != bina.Conflict {
			h.Error(w, r, err)
			return
		}
		f := newForm(v, coachingInputs, nil)
		f.Values.Del("csrf")
		if fields := bina.ErrorFields(err); len(fields) > 0 {
			f.addProblems(fields, lang(r))
		} else {
			f.Summary = append(f.Summary, problem{Message: bina.ErrorText(err).In(lang(r))})
		}
		b, berr := h.coachingBlock(r, e, f)
		if berr != nil {
			h.Error(w, r, berr)
			return
		}
		p := &coachingFormPage{layout: h.newLayout(r, "Catat pendampingan", "umkm"), E: e, Coaching: b}
		h.render(w, r, http.StatusUnprocessableEntity, "coaching/form", p)
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(id, 10)+"#pendampingan", "coaching-saved")
}

// readCoachingForm reads the session form's fields.
func readCoachingForm(v url.Values) (*coaching.CoachingSession, *parser) {
	ps := &parser{v: v}
	x := &coaching.CoachingSession{UUID: v.Get("uuid"), Mode: v.Get("mode"), Topics: v["topics"],
		Advice: v.Get("advice"), Notes: v.Get("notes")}
	x.Date = ps.date("date")
	x.DurationMinutes = ps.int("duration_minutes")
	x.NextVisitOn = ps.date("next_visit_on")
	for i := range followUpRows {
		task := strings.TrimSpace(v.Get("follow_ups." + strconv.Itoa(i) + ".task"))
		due := ps.date("follow_ups." + strconv.Itoa(i) + ".due_on")
		if task == "" && due.IsZero() {
			continue
		}
		x.FollowUps = append(x.FollowUps, coaching.FollowUp{Task: task, DueOn: due})
	}
	return x, ps
}

// readFormPhoto returns the photo of the form, checked, or nil when none
// was chosen.
func (h *Handler) readFormPhoto(r *http.Request, v url.Values) (*bina.Attachment, error) {
	photo, err := h.readFormImage(r, "photo")
	if photo != nil {
		photo.UUID, photo.Caption = v.Get("photo_uuid"), v.Get("caption")
	}
	return photo, err
}

// CoachingAssign puts the business in an officer's caseload
// (POST /umkm/{id}/pendamping), for staff.
func (h *Handler) CoachingAssign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil && h.Coaching == nil {
		err = errNoCoaching()
	}
	if err == nil {
		officer, _ := strconv.ParseInt(r.PostFormValue("officer_id"), 10, 64)
		err = h.Coaching.AssignOfficer(r.Context(), officer, id)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(id, 10)+"#pendampingan", "officer-assigned")
}

// CoachingFollowUpDone marks a follow-up done today
// (POST /pendampingan/sesi/{id}/tindak-lanjut/{fid}) and returns to the
// page the form names.
func (h *Handler) CoachingFollowUpDone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	fid, ferr := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err == nil && (ferr != nil || h.Coaching == nil) {
		err = bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
	}
	if err == nil {
		err = h.Coaching.CompleteFollowUp(r.Context(), id, fid, bina.DateFromTime(h.Ref.Clock().In(h.zone())))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, safeNext(r.PostFormValue("next")), "followup-done")
}

// caseloadPage is "Kasus saya": an officer's businesses with what is due,
// and the sessions list with its filters.
type caseloadPage struct {
	layout
	Caseload     *coaching.Caseload
	Officers     []bina.User // for staff: whose caseload to show
	OfficerID    int64
	FollowUpsDue []caseloadFollowUp
	VisitsDue    []coaching.CaseloadItem
	NeverVisited []coaching.CaseloadItem
	Filter       *form
	Districts    []bina.Region
	Sessions     []coaching.CoachingSession
	Total        int
	List         listNav // position, pages and page size (listnav.go)
	ExportQuery  string
}

type caseloadFollowUp struct {
	coaching.DueFollowUp
	EnterpriseID   int64
	EnterpriseName string
	Overdue        bool
}

// CoachingCaseload shows the caseload page (GET /pendampingan).
func (h *Handler) CoachingCaseload(w http.ResponseWriter, r *http.Request) {
	if h.Coaching == nil {
		h.Error(w, r, errNoCoaching())
		return
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	p := &caseloadPage{layout: h.newLayout(r, "Kasus saya", "pendampingan"), Districts: h.scopeDistricts(u)}
	var err error
	if u.Role == bina.RoleOfficer {
		p.OfficerID = u.ID
	} else {
		p.OfficerID, _ = strconv.ParseInt(q.Get("petugas"), 10, 64)
		if p.Officers, err = h.Coaching.Officers(ctx, h.scope(u)); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	if p.OfficerID > 0 {
		if p.Caseload, err = h.Coaching.Caseload(ctx, p.OfficerID); err != nil {
			h.Error(w, r, err)
			return
		}
		today := bina.DateFromTime(h.Ref.Clock().In(h.zone()))
		for _, it := range p.Caseload.Items {
			switch {
			case it.NeverVisited():
				p.NeverVisited = append(p.NeverVisited, it)
			case it.VisitDue:
				p.VisitsDue = append(p.VisitsDue, it)
			}
			for _, d := range it.DueFollowUps {
				p.FollowUpsDue = append(p.FollowUpsDue, caseloadFollowUp{DueFollowUp: d, EnterpriseID: it.EnterpriseID,
					EnterpriseName: it.EnterpriseName, Overdue: d.DueOn.Before(today)})
			}
		}
	}
	var probs bina.Problems
	f := h.coachingFilterOf(u, q, &probs)
	p.Filter = newForm(q, []string{"region", "from", "to"}, nil)
	if err := probs.Err(); err != nil {
		p.Filter.addProblems(bina.ErrorFields(err), p.Lang)
		h.render(w, r, http.StatusUnprocessableEntity, "coaching/caseload", p)
		return
	}
	page, err := h.Coaching.ListCoachingSessions(ctx, f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p.Sessions, p.Total = page.Items, page.Total
	p.List = newListQuery(r, "/pendampingan", q, "petugas", "enterprise", "region", "from", "to").forwardNav("cursor", len(page.Items), page.Total, page.Next)
	eq := url.Values{}
	for _, k := range []string{"enterprise", "region", "from", "to"} {
		if v := q.Get(k); v != "" {
			eq.Set(k, v)
		}
	}
	p.ExportQuery = eq.Encode()
	h.render(w, r, http.StatusOK, "coaching/caseload", p)
}

// coachingFilterOf reads the sessions list's filters from q.
func (h *Handler) coachingFilterOf(u *bina.User, q url.Values, probs *bina.Problems) coaching.CoachingFilter {
	ps := &parser{v: q}
	f := coaching.CoachingFilter{Region: bina.RegionCode(q.Get("region")), From: ps.date("from"), To: ps.date("to"), Cursor: q.Get("cursor"), Limit: pageSize(q)}
	f.Enterprise, _ = strconv.ParseInt(q.Get("enterprise"), 10, 64)
	if f.Region != "" && !h.Ref.Regions.Within(f.Region) {
		ps.p.Add("region", "Wilayah %s tidak dikenal", "Unknown region %s", f.Region)
	}
	probs.Fields = append(probs.Fields, ps.p.Fields...)
	return f
}

// coachingExportColumns are the columns of the sessions export.
var coachingExportColumns = []string{"Tanggal", "ID usaha", "Nama usaha", "Kode desa", "Desa", "Petugas", "Cara", "Lama (menit)",
	"Topik", "Saran", "Catatan", "Tindak lanjut", "Kunjungan berikutnya", "Foto", "uuid"}

// CoachingExport downloads the sessions list with its page's filters
// (GET /pendampingan/ekspor?format=xlsx|csv&...): every session, not one
// page. The ledger holds no personal data of the owners.
func (h *Handler) CoachingExport(w http.ResponseWriter, r *http.Request) {
	if h.Coaching == nil {
		h.Error(w, r, errNoCoaching())
		return
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	var probs bina.Problems
	f := h.coachingFilterOf(u, q, &probs)
	format := readFormat(q, exportFormats[:2], &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	f.Limit = export.ExportPageSize
	first, err := h.Coaching.ListCoachingSessions(ctx, f)
	if err == nil {
		err = sheet.CheckSize(format, first.Total)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	items := export.Pages(first, func(cursor string) (bina.Page[coaching.CoachingSession], error) {
		g := f
		g.Cursor = cursor
		return h.Coaching.ListCoachingSessions(ctx, g)
	})
	lang := lang(r)
	rows := func(yield func([]any, error) bool) {
		for x, err := range items {
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(h.coachingRow(x, lang), nil) {
				return
			}
		}
	}
	header := make([]string, len(coachingExportColumns))
	for i, c := range coachingExportColumns {
		header[i] = h.t(lang, c)
	}
	name := export.ExportFileName("pendampingan", h.regionName(h.exportRegion(u, f.Region)), h.Ref.Clock(), format)
	n, ok := h.download(w, r, name, format, "Pendampingan", header, iter.Seq2[[]any, error](rows))
	if ok {
		h.logExport(u, "pendampingan", format, false, f, n)
	}
}

// coachingRow is one session as a row of the export.
func (h *Handler) coachingRow(x *coaching.CoachingSession, lang string) []any {
	topics := make([]string, len(x.Topics))
	for i, t := range x.Topics {
		topics[i] = coaching.CoachingTopics.Label(t, lang)
	}
	tasks := make([]string, len(x.FollowUps))
	for i, f := range x.FollowUps {
		tasks[i] = f.Task + " (" + f.DueOn.String()
		if !f.DoneOn.IsZero() {
			tasks[i] += ", " + h.t(lang, "selesai") + " " + f.DoneOn.String()
		}
		tasks[i] += ")"
	}
	return []any{x.Date, x.EnterpriseID, x.EnterpriseName, string(x.VillageCode), h.Ref.Regions.Name(x.VillageCode), x.Officer,
		coaching.CoachingModes.Label(x.Mode, lang), x.DurationMinutes, strings.Join(topics, "; "), x.Advice, x.Notes,
		strings.Join(tasks, "; "), x.NextVisitOn, len(x.Photos), x.UUID}
}

// errNoCoaching answers the coaching pages of a server built without the
// coaching ledger.
func errNoCoaching() error {
	return bina.Errorf(bina.NotFound, "Halaman tidak ditemukan.", "Page not found.")
}
