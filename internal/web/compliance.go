package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
	"bina/audit"
	"bina/internal/export"
	"bina/internal/sheet"
	"bina/supervision"
)

// complianceParams are the query parameters of the compliance page that
// its pages, links and export keep.
var complianceParams = []string{"tahun", "kecamatan", "desa", "status", "tertinggal"}

// compliancePage is /koperasi/kepatuhan: the RAT compliance of a book year
// with its counts, the list behind the chosen count and reminders.
type compliancePage struct {
	layout
	Year      int
	Years     []int
	Region    regionFilter
	Status    string
	Missed    int
	Settings  supervision.ComplianceSettings
	RATDue    bina.Date
	ReportDue bina.Date
	Counts    supervision.ComplianceCounts
	Statuses  []countLink
	Steps     []countLink
	All       string // the whole table
	Rows      []complianceView
	Total     int
	List      listNav // position, pages and page size (listnav.go)
	Downloads []downloadLink
	Masked    bool // phones hidden from this role: no reminder links
	IsAdmin   bool
	// ReportStates label the annual report's state of a row.
	ReportStates bina.Options
}

// countLink is a count with the address of the list behind it.
type countLink struct {
	Label    string
	Count    int
	URL      string
	Selected bool
}

// complianceView is a row of the list with its reminder.
type complianceView struct {
	supervision.ComplianceItem
	StatusLabel string
	Reminder    string // wa.me link, "" when there is no usable phone
}

// complianceFilterOf reads the page's filter; the year defaults to the
// newest book year whose RAT is due.
func (h *Handler) complianceFilterOf(u *bina.User, q url.Values, set supervision.ComplianceSettings, probs *bina.Problems) (supervision.ComplianceFilter, regionFilter) {
	today := bina.DateFromTime(h.Ref.Clock())
	f := supervision.ComplianceFilter{BookYear: set.LastDueBookYear(today), Status: q.Get("status"), Cursor: q.Get("cursor")}
	if s := q.Get("tahun"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1950 || y > today.Year() {
			probs.Add("tahun", "Tahun buku %q tidak dikenal", "Unknown book year %q", s)
		} else {
			f.BookYear = y
		}
	}
	if f.Status != "" && !supervision.ComplianceStatuses.Has(f.Status) {
		probs.Add("status", "Status %q tidak dikenal", "Unknown status %q", f.Status)
		f.Status = ""
	}
	if s := q.Get("tertinggal"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > supervision.ComplianceLookback {
			probs.Add("tertinggal", "Jumlah tahun %q tidak dikenal", "Unknown number of years %q", s)
		} else {
			f.Missed = n
		}
	}
	rf, region := h.readRegionFilter(u, q, probs)
	f.Region = region
	return f, rf
}

// complianceLink returns the page of book year for q with the status and
// missed-years choice replaced.
func complianceLink(q url.Values, year int, status string, missed int) string {
	v := url.Values{"tahun": {strconv.Itoa(year)}}
	for _, k := range []string{"kecamatan", "desa"} {
		if x := q.Get(k); x != "" {
			v.Set(k, x)
		}
	}
	if status != "" {
		v.Set("status", status)
	}
	if missed > 0 {
		v.Set("tertinggal", strconv.Itoa(missed))
	}
	return "/koperasi/kepatuhan?" + v.Encode()
}

// Compliance shows who held the RAT of a book year and reported on time,
// who is late and by how much, and who missed one year or more with the
// rung of the sanction ladder, each count leading to its list; every row
// of a list has a WhatsApp reminder to the board for the roles that may
// see its phone.
func (h *Handler) Compliance(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Compliance == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	set, err := h.Deps.Compliance.ComplianceSettings(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var probs bina.Problems
	f, rf := h.complianceFilterOf(u, q, set, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	f.Limit = pageSize(q)
	page, err := h.Deps.Compliance.Compliance(ctx, f)
	var counts supervision.ComplianceCounts
	if err == nil {
		counts, err = h.Deps.Compliance.ComplianceCounts(ctx, f)
	}
	if err == nil && u.CanSeePersonal() {
		err = h.recordRead(ctx, audit.ListRead(bina.EntityCooperative, page.Items, func(x *supervision.ComplianceItem) int64 { return x.CooperativeID }, f))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &compliancePage{layout: h.newLayout(r, "Kepatuhan RAT", "koperasi"), Year: f.BookYear, Region: rf, Status: f.Status, Missed: f.Missed,
		Settings: set, RATDue: set.RATDue(f.BookYear), ReportDue: set.ReportDue(f.BookYear), Counts: counts, Total: page.Total,
		Masked: !u.CanSeePersonal(), IsAdmin: u.IsAdmin(), All: complianceLink(q, f.BookYear, "", 0), ReportStates: supervision.ReportStates}
	l := p.Lang
	for y := h.Ref.Clock().Year(); y >= h.Ref.Clock().Year()-10; y-- {
		p.Years = append(p.Years, y)
	}
	for _, s := range supervision.ComplianceStatuses {
		p.Statuses = append(p.Statuses, countLink{Label: s.Label(l), Count: counts.ByStatus[supervision.ComplianceStatus(s.Code)],
			URL: complianceLink(q, f.BookYear, s.Code, 0), Selected: f.Status == s.Code})
	}
	for _, st := range counts.ByStep {
		label := strconv.Itoa(st.MissedYears)
		switch {
		case st.UpTo == 0:
			label += "+"
		case st.UpTo > st.MissedYears:
			label += "–" + strconv.Itoa(st.UpTo)
		}
		label += " " + h.t(l, "tahun tanpa RAT") + ": " + st.Label
		p.Steps = append(p.Steps, countLink{Label: label, Count: st.Count, URL: complianceLink(q, f.BookYear, "", st.MissedYears), Selected: f.Missed == st.MissedYears})
	}
	for _, it := range page.Items {
		v := complianceView{ComplianceItem: it, StatusLabel: supervision.ComplianceStatuses.Label(string(it.Status), l)}
		v.Reminder, _ = set.ReminderLink(it, f.BookYear)
		p.Rows = append(p.Rows, v)
	}
	p.List = newListQuery(r, "/koperasi/kepatuhan", q, complianceParams...).keysetNav("cursor", len(page.Items), page.Total, false, page.Prev, page.Next)
	p.Downloads = h.exportLinks(l, "/koperasi/kepatuhan/ekspor", q, complianceParams, reachFormats)
	h.render(w, r, http.StatusOK, "compliance/list", p)
}

// ComplianceExport downloads the list the compliance page shows, every
// page of it (GET /koperasi/kepatuhan/ekspor?tahun=&kecamatan=&desa=&status=&tertinggal=&format=xlsx|csv).
// The board's phone is a column only for the roles that may see it.
func (h *Handler) ComplianceExport(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Compliance == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	set, err := h.Deps.Compliance.ComplianceSettings(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var probs bina.Problems
	f, _ := h.complianceFilterOf(u, q, set, &probs)
	f.Cursor = ""
	format := readFormat(q, reachFormats, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	f.Limit = export.ExportPageSize
	first, err := h.Deps.Compliance.Compliance(ctx, f)
	if err == nil {
		err = sheet.CheckSize(format, first.Total)
	}
	personal := u.CanSeePersonal()
	if err == nil && personal {
		err = h.recordRead(ctx, audit.Event{Action: audit.Export, Entity: bina.EntityCooperative, Count: first.Total, Filter: audit.FilterText(f), Detail: "format=" + format})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := lang(r)
	header := []string{h.t(l, "ID koperasi"), h.t(l, "Nama koperasi"), h.t(l, "Kecamatan"), h.t(l, "Desa"), h.t(l, "Tahun buku"), h.t(l, "Status"),
		h.t(l, "Tanggal RAT"), h.t(l, "Tanggal laporan"), h.t(l, "Laporan tahunan"), h.t(l, "Hari terlambat"), h.t(l, "Tahun tanpa RAT"), h.t(l, "Tahap sanksi"), h.t(l, "Pengurus dihubungi")}
	if personal {
		header = append(header, h.t(l, "Nomor HP pengurus"))
	}
	items := export.Pages(first, func(c string) (bina.Page[supervision.ComplianceItem], error) {
		g := f
		g.Cursor = c
		return h.Deps.Compliance.Compliance(ctx, g)
	})
	rows := func(yield func([]any, error) bool) {
		for it, err := range items {
			if err != nil {
				yield(nil, err)
				return
			}
			row := []any{it.CooperativeID, it.Name, h.Ref.Regions.Name(it.VillageCode.Parent()), h.Ref.Regions.Name(it.VillageCode), f.BookYear,
				supervision.ComplianceStatuses.Label(string(it.Status), l), it.RATHeldOn.String(), it.ReportedOn.String(),
				supervision.ReportStates.Label(string(it.ReportState), l), it.DaysLate, it.MissedYears, it.Sanction, it.BoardName}
			if personal {
				row = append(row, it.BoardPhone)
			}
			if !yield(row, nil) {
				return
			}
		}
	}
	name := "kepatuhan-rat-" + strconv.Itoa(f.BookYear) + "-" + strings.ReplaceAll(string(h.scopeOr(u, f.Region)), ".", "") + "." + format
	if n, ok := h.download(w, r, name, format, h.t(l, "Kepatuhan RAT"), header, rows); ok {
		h.logExport(u, "kepatuhan-rat", format, personal, f, n)
	}
}

// scopeOr returns region, or the user's scope when it is empty.
func (h *Handler) scopeOr(u *bina.User, region bina.RegionCode) bina.RegionCode {
	if region == "" {
		return h.scope(u)
	}
	return region
}
