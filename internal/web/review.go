package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"bina"
	"bina/imports"
	"bina/internal/httperr"
)

// The review queue: rows of imports that wait for a person, because they
// look like a business the register has (or one earlier in the file), or
// because their desa could not be placed with confidence. A duplicate is
// merged field by field into the register's record, kept as a separate
// record, or skipped; every decision can be undone.

// openReviews counts the open review items for the navigation; an error
// leaves the count out rather than failing the page.
func (h *Handler) openReviews(r *http.Request) int {
	page, err := h.Imports.ReviewItems(r.Context(), imports.Filter{State: imports.ReviewOpen, Limit: 1})
	if err != nil {
		h.Log.Warn("count open reviews", "err", err)
		return 0
	}
	return page.Total
}

// reviewKinds label the kinds of review.
var reviewKinds = bina.Options{
	{Code: imports.ReviewDuplicate, ID: "Kemungkinan data ganda", EN: "Possible duplicate"},
	{Code: imports.ReviewRegion, ID: "Desa belum pasti", EN: "Village uncertain"},
}

// reviewRow is one line of the review list.
type reviewRow struct {
	imports.ReviewItem
	Name       string // the incoming record's name
	Sub        string // its owner, for an enterprise
	KindLabel  string
	StateLabel string
	Badge      string
	Reason     string
	Place      string
	ImportName string // the import's file and day (reference.go)
}

// reviewListPage lists review items.
type reviewListPage struct {
	layout
	Rows     []reviewRow
	Total    int
	F        url.Values
	Kinds    []choice
	States   []choice
	Imports  []choice // the newest imports by file and day, to filter by
	List     listNav  // position, pages and page size (listnav.go)
	Filtered bool
}

// ReviewList lists the review items, open ones by default, filtered by
// import, kind and state.
func (h *Handler) ReviewList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.mayImport(r); err != nil {
		h.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	p := &reviewListPage{layout: h.newLayout(r, "Tinjauan impor", "tinjau"), F: url.Values{}}
	f := imports.Filter{State: imports.ReviewOpen, Limit: pageSize(q)}
	var probs bina.Problems
	if s := q.Get("impor"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			probs.Add("impor", "Impor %q tidak dikenal", "Unknown import %q", s)
		} else {
			f.ImportID = id
			p.F.Set("impor", s)
		}
	}
	if k := q.Get("jenis"); k != "" {
		if !reviewKinds.Has(k) {
			probs.Add("jenis", "Jenis tinjauan %q tidak dikenal", "Unknown kind of review %q", k)
		} else {
			f.Kind = k
			p.F.Set("jenis", k)
		}
	}
	if s := q.Get("status"); s != "" {
		switch {
		case s == "semua":
			f.State = ""
			p.F.Set("status", s)
		case imports.ReviewStates.Has(s):
			f.State = s
			p.F.Set("status", s)
		default:
			probs.Add("status", "Status %q tidak dikenal", "Unknown state %q", s)
		}
	}
	p.Filtered = len(p.F) > 0
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	pageNo, offset := offsetPage(q)
	f.Offset = offset
	page, err := h.Imports.ReviewItems(ctx, f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p.Total = page.Total
	ids := []int64{f.ImportID}
	for _, it := range page.Items {
		ids = append(ids, it.ImportID)
	}
	importChoices, names, err := h.importNames(ctx, p.Lang, ids...)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p.Imports = importChoices
	if f.ImportID > 0 && !slices.ContainsFunc(importChoices, func(c choice) bool { return c.Value == p.F.Get("impor") }) {
		p.Imports = append(p.Imports, choice{Value: p.F.Get("impor"), Label: names[f.ImportID]})
	}
	known := map[int64]string{} // candidates by id: one read each
	for _, it := range page.Items {
		row := h.reviewRow(it, p.Lang)
		row.ImportName = names[it.ImportID]
		if _, ok := known[it.CandidateID]; !ok && it.CandidateID > 0 {
			c, _, err := h.findCandidate(ctx, &it)
			if err != nil {
				h.Error(w, r, err)
				return
			}
			if c != nil {
				known[it.CandidateID] = c.Known
			}
		}
		row.Reason = knownReason(row.Reason, it.CandidateID, known[it.CandidateID])
		p.Rows = append(p.Rows, row)
	}
	p.List = newListQuery(r, "/tinjau", q, "impor", "jenis", "status").offsetNav(pageNo, len(page.Items), page.Total, false)
	for _, k := range reviewKinds {
		p.Kinds = append(p.Kinds, choice{k.Code, k.Label(p.Lang)})
	}
	for _, s := range imports.ReviewStates {
		p.States = append(p.States, choice{s.Code, s.Label(p.Lang)})
	}
	p.States = append(p.States, choice{"semua", h.t(p.Lang, "Semua")})
	h.render(w, r, http.StatusOK, "review/list", p)
}

func (h *Handler) reviewRow(it imports.ReviewItem, lang string) reviewRow {
	row := reviewRow{ReviewItem: it, KindLabel: reviewKinds.Label(it.Kind, lang), StateLabel: imports.ReviewStates.Label(it.State, lang), Reason: it.Reason.In(lang)}
	switch it.State {
	case imports.ReviewOpen:
		row.Badge = "warn"
	case imports.ReviewSkipped:
		row.Badge = "muted"
	default:
		row.Badge = "ok"
	}
	village := it.Incoming.VillageCode
	row.Name, row.Sub = it.Incoming.Name, it.Incoming.Owner.Name
	if c := it.IncomingCooperative; it.Entity == bina.EntityCooperative && c != nil {
		row.Name, row.Sub, village = c.Name, "", c.VillageCode
	}
	if village != "" {
		row.Place = h.Ref.Regions.Path(village)
	}
	return row
}

// candidate is the register record a review item resembles.
type candidate struct {
	Name, URL string
	// Known is how people know the record: a business by its name and
	// desa, a cooperative by its name and registration number
	// (reference.go).
	Known string
}

// findCandidate reads the item's register record as the user may see
// it: nil when there is none, or it lies outside the user's area.
func (h *Handler) findCandidate(ctx context.Context, it *imports.ReviewItem) (*candidate, any, error) {
	if it.CandidateID == 0 {
		return nil, nil, nil
	}
	var (
		c   candidate
		rec any
		err error
	)
	id := strconv.FormatInt(it.CandidateID, 10)
	if it.Entity == bina.EntityCooperative {
		var co *bina.Cooperative
		if co, err = h.Cooperatives.FindCooperative(ctx, it.CandidateID); err == nil {
			c, rec = candidate{Name: co.Name, URL: "/koperasi/" + id, Known: h.cooperativeKnown(co)}, co
		}
	} else {
		var e *bina.Enterprise
		if e, err = h.Enterprises.FindEnterprise(ctx, it.CandidateID); err == nil {
			c, rec = candidate{Name: e.Name, URL: "/umkm/" + id, Known: h.enterpriseKnown(e)}, e
		}
	}
	switch bina.ErrorCode(err) {
	case "":
		return &c, rec, nil
	case bina.NotFound:
		return nil, nil, nil
	}
	return nil, nil, err
}

// reviewField is one field of the side-by-side comparison.
type reviewField struct {
	Name      string // the history's field name, posted to take it from the file
	Label     string
	Incoming  string
	Candidate string
	Differs   bool
	Take      bool // ticked: take the file's value
}

// reviewShowPage is one review item.
type reviewShowPage struct {
	layout
	Item       imports.ReviewItem
	Row        reviewRow
	Candidate  *candidate
	Fields     []reviewField
	Differing  int
	Villages   []villageGroup // the desa to place a region review in
	Village    string
	Problem    string
	ImportURL  string
	NextURL    string // the next open item of the same import
	Resolved   bool
	RecordURL  string
	ResolvedAt string
}

// ReviewShow shows a review item: the incoming row beside the register's
// record it resembles, field by field, or the desa to choose from.
func (h *Handler) ReviewShow(w http.ResponseWriter, r *http.Request) {
	h.showReview(w, r, http.StatusOK, nil, "")
}

// showReview renders the item; take holds the fields ticked in a post
// that came back with a problem.
func (h *Handler) showReview(w http.ResponseWriter, r *http.Request, status int, take map[string]bool, problem string) {
	ctx := r.Context()
	it, err := h.findReview(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &reviewShowPage{layout: h.newLayout(r, "Tinjauan", "tinjau"), Item: *it, Problem: problem,
		ImportURL: importURL(it.ImportID), Resolved: it.State != imports.ReviewOpen}
	p.Row = h.reviewRow(*it, p.Lang)
	if _, names, err := h.importNames(ctx, p.Lang, it.ImportID); err == nil {
		p.Row.ImportName = names[it.ImportID]
	}
	p.Title = p.Row.KindLabel + ": " + p.Row.Name
	p.Here = reviewURL(it.ID)
	if it.ResolvedAt != nil {
		p.ResolvedAt = h.formatDateTime(*it.ResolvedAt, p.Lang)
	}
	if it.RecordID > 0 {
		p.RecordURL = recordURL(it.Entity, it.RecordID)
	}
	var cand any
	if p.Candidate, cand, err = h.findCandidate(ctx, it); err != nil {
		h.Error(w, r, err)
		return
	}
	if p.Candidate != nil {
		p.Row.Reason = knownReason(p.Row.Reason, it.CandidateID, p.Candidate.Known)
	}
	p.Fields = h.reviewFields(it, cand, take, p.Lang)
	for _, f := range p.Fields {
		if f.Differs {
			p.Differing++
		}
	}
	if it.Kind == imports.ReviewRegion {
		p.Villages, p.Village = h.reviewVillages(bina.UserFromContext(ctx), it), r.PostFormValue("village")
	}
	if !p.Resolved {
		next, err := h.Imports.ReviewItems(ctx, imports.Filter{ImportID: it.ImportID, State: imports.ReviewOpen, Limit: 2})
		if err == nil {
			for _, n := range next.Items {
				if n.ID != it.ID {
					p.NextURL = reviewURL(n.ID)
					break
				}
			}
		}
	}
	h.render(w, r, status, "review/show", p)
}

func reviewURL(id int64) string { return "/tinjau/" + strconv.FormatInt(id, 10) }

func recordURL(e bina.Entity, id int64) string {
	if e == bina.EntityCooperative {
		return "/koperasi/" + strconv.FormatInt(id, 10)
	}
	return "/umkm/" + strconv.FormatInt(id, 10)
}

func (h *Handler) findReview(r *http.Request) (*imports.ReviewItem, error) {
	if err := h.mayImport(r); err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return h.Imports.ReviewItem(r.Context(), id)
}

// reviewVillages returns the desa a region review may be placed in: the
// item's candidates, or every desa of the kecamatan its row names, or
// every desa the user may see.
func (h *Handler) reviewVillages(u *bina.User, it *imports.ReviewItem) []villageGroup {
	if len(it.Regions) > 0 {
		byDistrict := map[bina.RegionCode]int{}
		var out []villageGroup
		for _, v := range it.Regions {
			if v.Code.Level() != bina.LevelVillage || !h.scope(u).Contains(v.Code) {
				continue
			}
			d := v.Code.Parent()
			i, ok := byDistrict[d]
			if !ok {
				i = len(out)
				byDistrict[d] = i
				out = append(out, villageGroup{Code: d, Name: h.Ref.Regions.Name(d)})
			}
			out[i].Villages = append(out[i].Villages, v)
		}
		if len(out) > 0 {
			return out
		}
	}
	c := it.Incoming.VillageCode
	if it.Entity == bina.EntityCooperative && it.IncomingCooperative != nil {
		c = it.IncomingCooperative.VillageCode
	}
	if c != "" {
		d := c
		if c.Level() == bina.LevelVillage {
			d = c.Parent()
		}
		if d.Level() == bina.LevelDistrict {
			if gs := h.villageGroups(u, d); len(gs) > 0 {
				return gs
			}
		}
	}
	return h.villageGroups(u, "")
}

// ReviewResolve applies a decision to a review item: merge the ticked
// fields into the register's record (after a confirmation that lists what
// will change), keep the row as a record of its own (in the chosen desa
// for a region review), or skip it.
func (h *Handler) ReviewResolve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	it, err := h.findReview(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, bina.Errorf(bina.Invalid, "Formulir tidak terbaca.", "The form could not be read."))
		return
	}
	lang := lang(r)
	res := imports.Resolution{Action: r.PostForm.Get("action"), Fields: r.PostForm["field"], Village: bina.RegionCode(r.PostForm.Get("village"))}
	take := map[string]bool{}
	for _, f := range res.Fields {
		take[f] = true
	}
	switch res.Action {
	case "merge":
		if it.CandidateID == 0 {
			h.showReview(w, r, http.StatusUnprocessableEntity, take, h.t(lang, "Baris ini tidak punya data pembanding di register; pilih Simpan atau Lewati."))
			return
		}
		if r.PostForm.Get("confirm") == "" {
			h.confirmMerge(w, r, it, take)
			return
		}
	case "keep":
		if it.Kind == imports.ReviewRegion && res.Village == "" {
			h.showReview(w, r, http.StatusUnprocessableEntity, take, h.t(lang, "Pilih desa tempat usaha ini."))
			return
		}
	case "skip":
	default:
		h.showReview(w, r, http.StatusUnprocessableEntity, take, h.t(lang, "Pilih tindakan: gabungkan, simpan keduanya, atau lewati."))
		return
	}
	err = h.Imports.ResolveReview(ctx, it.ID, res)
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, reviewURL(it.ID), "resolved")
	case bina.Invalid, bina.Conflict:
		msgs := problemTexts(err, lang)
		h.showReview(w, r, httperr.Status(bina.ErrorCode(err)), take, strings.Join(msgs, " "))
	default:
		h.Error(w, r, err)
	}
}

// reviewConfirmPage asks before a merge, listing what will change.
type reviewConfirmPage struct {
	layout
	Item      imports.ReviewItem
	Name      string // the incoming record's name
	Candidate *candidate
	Changes   []reviewField // the ticked fields that differ
	Fields    []string      // every ticked field, posted again
	Action    string
}

func (h *Handler) confirmMerge(w http.ResponseWriter, r *http.Request, it *imports.ReviewItem, take map[string]bool) {
	c, cand, err := h.findCandidate(r.Context(), it)
	if err == nil && c == nil {
		err = bina.Errorf(bina.NotFound, "Data pembanding tidak ditemukan.", "The register record to merge into was not found.")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &reviewConfirmPage{layout: h.newLayout(r, "Gabungkan data?", "tinjau"), Item: *it, Candidate: c, Action: reviewURL(it.ID)}
	p.Name = h.reviewRow(*it, p.Lang).Name
	p.Here = reviewURL(it.ID)
	for _, f := range h.reviewFields(it, cand, take, p.Lang) {
		if f.Take {
			p.Fields = append(p.Fields, f.Name)
			if f.Differs {
				p.Changes = append(p.Changes, f)
			}
		}
	}
	h.render(w, r, http.StatusOK, "review/confirm", p)
}

// ReviewUndo reverses a decision: merged fields get their old values back,
// a kept record is archived, and the item waits for review again.
func (h *Handler) ReviewUndo(w http.ResponseWriter, r *http.Request) {
	it, err := h.findReview(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	err = h.Imports.UndoReview(r.Context(), it.ID)
	switch bina.ErrorCode(err) {
	case "":
		h.redirectFlash(w, r, reviewURL(it.ID), "undone")
	case bina.Conflict:
		h.showReview(w, r, http.StatusConflict, nil, strings.Join(problemTexts(err, lang(r)), " "))
	default:
		h.Error(w, r, err)
	}
}

// compared is a field the duplicate review compares, with how to read it
// for displayValue.
type compared[T any] struct {
	name  string
	value func(*T) any
}

// comparedFields returns the fields of a field table that a merge can
// take, in the order of the record page (order) and, for fields order does
// not name, the table's. They are read through the table's accessors, and
// those of other types through other.
func comparedFields[T any](table []bina.RecordField[T], order []string, other map[string]func(*T) any) []compared[T] {
	var out []compared[T]
	for i := range table {
		f := &table[i]
		if f.NoMerge {
			continue
		}
		v := other[string(f.Field)]
		switch {
		case v != nil:
		case f.Text != nil:
			v = func(x *T) any { return *f.Text(x) }
		case f.Int != nil:
			v = func(x *T) any { return *f.Int(x) }
		case f.Int64 != nil:
			v = func(x *T) any { return money(*f.Int64(x)) }
		case f.Bool != nil:
			v = func(x *T) any { return *f.Bool(x) }
		case f.Date != nil:
			v = func(x *T) any { return *f.Date(x) }
		}
		if v != nil {
			out = append(out, compared[T]{string(f.Field), v})
		}
	}
	rank := func(name string) int {
		if i := slices.Index(order, name); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(out, func(a, b compared[T]) int { return rank(a.name) - rank(b.name) })
	return out
}

// mergeFields are the fields of an enterprise the comparison shows; those
// that bina.MergeFields does not list are left out.
var mergeFields = comparedFields(bina.EnterpriseTable(), []string{
	"name", "trade_name", "nib", "legal_form", "status", "start_year", "start_month", "owner.name", "owner.nik", "owner.gender",
	"owner.birth_date", "owner.phone", "owner.education", "owner.disability", "owner.address", "address", "village_code",
	"latitude", "longitude", "kbli", "main_product", "capital", "assets", "sales", "workers_paid_male", "workers_paid_female",
	"workers_unpaid_male", "workers_unpaid_female", "workers_total", "size_reported", "digital.marketplace", "digital.social_media",
	"digital.website", "digital.qris", "digital.digital_bookkeeping", "digital.links", "binaan", "binaan_since", "source_id",
	"notes",
}, map[string]func(*bina.Enterprise) any{
	"village_code": func(e *bina.Enterprise) any { return e.VillageCode },
	"latitude":     func(e *bina.Enterprise) any { return e.Latitude },
	"longitude":    func(e *bina.Enterprise) any { return e.Longitude },
	"kbli":         func(e *bina.Enterprise) any { return e.KBLI },
	"sales":        func(e *bina.Enterprise) any { return e.Sales },
})

// money marks an amount of rupiah for display.
type money int64

// cooperativeFields are the fields of a cooperative the comparison shows,
// as mergeFields are for enterprises.
var cooperativeFields = comparedFields(bina.CooperativeTable(), []string{
	"name", "registration_number", "certificate_date", "legal_number", "legal_date", "npwp", "nib", "jenis", "bentuk", "pola",
	"kelompok", "kbli", "address", "village_code", "latitude", "longitude", "members_female", "members_male", "employees_female",
	"employees_male", "kdmp", "source_id", "notes",
}, map[string]func(*bina.Cooperative) any{
	"village_code": func(c *bina.Cooperative) any { return c.VillageCode },
	"latitude":     func(c *bina.Cooperative) any { return c.Latitude },
	"longitude":    func(c *bina.Cooperative) any { return c.Longitude },
	"kbli":         func(c *bina.Cooperative) any { return c.KBLI },
})

// reviewFields lists the fields of the item's incoming record beside the
// candidate's (an *bina.Enterprise or *bina.Cooperative, or nil). A field
// is ticked when take says so; on a first visit, when the register's
// record lacks a value that the file has.
func (h *Handler) reviewFields(it *imports.ReviewItem, cand any, take map[string]bool, lang string) []reviewField {
	type pair struct {
		name      string
		in, other any
	}
	var (
		pairs  []pair
		labels = enterpriseFieldLabels
	)
	hasCand := false
	if it.Entity == bina.EntityCooperative {
		labels = cooperativeFieldLabels
		in := it.IncomingCooperative
		if in == nil {
			in = &bina.Cooperative{}
		}
		c, _ := cand.(*bina.Cooperative)
		hasCand = c != nil
		for _, f := range cooperativeFields {
			p := pair{name: f.name, in: f.value(in)}
			if c != nil {
				p.other = f.value(c)
			}
			pairs = append(pairs, p)
		}
	} else {
		e, _ := cand.(*bina.Enterprise)
		hasCand = e != nil
		for _, f := range mergeFields {
			p := pair{name: f.name, in: f.value(&it.Incoming)}
			if e != nil {
				p.other = f.value(e)
			}
			pairs = append(pairs, p)
		}
	}
	mergeable := bina.MergeFields(it.Entity)
	out := make([]reviewField, 0, len(pairs))
	for _, p := range pairs {
		if !slices.Contains(mergeable, p.name) {
			continue
		}
		f := reviewField{Name: p.name, Label: p.name, Incoming: h.displayValue(labels, p.name, p.in, lang)}
		if l, ok := labels[p.name]; ok {
			f.Label = l.In(lang)
		}
		if hasCand {
			f.Candidate = h.displayValue(labels, p.name, p.other, lang)
			f.Differs = f.Incoming != f.Candidate && f.Incoming != ""
		}
		switch {
		case take != nil:
			f.Take = take[f.Name]
		default:
			f.Take = f.Differs && f.Candidate == ""
		}
		if f.Incoming == "" && f.Candidate == "" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// displayValue writes a field's value as the record page shows it; ""
// for an empty value.
func (h *Handler) displayValue(labels map[string]fieldLabel, name string, v any, lang string) string {
	switch x := v.(type) {
	case string:
		if l, ok := labels[name]; ok && l.Enum != nil && x != "" {
			return l.Enum.Label(x, lang)
		}
		return x
	case int:
		if x == 0 {
			return ""
		}
		if name == "start_month" {
			return months.Label(strconv.Itoa(x), lang)
		}
		if name == "start_year" {
			return strconv.Itoa(x)
		}
		return formatNumber(x)
	case money:
		if x == 0 {
			return ""
		}
		return formatMoney(int64(x))
	case bool:
		if !x {
			return ""
		}
		return yesNo.Label("ya", lang)
	case bina.Date:
		return formatDate(x.Time(), lang)
	case bina.RegionCode:
		if x == "" {
			return ""
		}
		return h.Ref.Regions.Path(x)
	case *float64:
		if x == nil {
			return ""
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	case bina.KBLICode:
		return x.Code
	case []bina.KBLICode:
		var codes []string
		for _, k := range x {
			codes = append(codes, k.Code)
		}
		return strings.Join(codes, ", ")
	case []bina.AnnualSales:
		var parts []string
		for _, s := range x {
			parts = append(parts, strconv.Itoa(s.Year)+": "+formatMoney(s.Amount))
		}
		return strings.Join(parts, "; ")
	}
	return ""
}
