package web

import (
	"bina/coaching"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
)

// reachPage is who the office reached, per kecamatan or desa.
type reachPage struct {
	layout
	Region    bina.RegionCode
	Name      string
	Parent    bina.RegionCode // the region one level up, for the way back; "" at the top
	Since     int
	Years     []int // the choices of the since selector
	ChildDesa bool  // the rows are desa
	Rows      []reachRow
	Total     reachRow
	Downloads []downloadLink
}

// reachRow is one row of the reach table, with the addresses of the
// lists behind its figures.
type reachRow struct {
	coaching.ReachRow
	Drill     string // the row's own reach table (a kecamatan's desa), or ""
	ListAll   string
	ListReach string
	ListNever string
}

// Percent is the share reached, in whole percent.
func (r reachRow) Percent() int {
	if r.Enterprises == 0 {
		return 0
	}
	return r.Reached * 100 / r.Enterprises
}

// reachFilterOf reads the region and since year of the reach page.
func (h *Handler) reachFilterOf(u *bina.User, q url.Values, probs *bina.Problems) (bina.RegionCode, int) {
	region := bina.RegionCode(strings.TrimSpace(q.Get("wilayah")))
	if region == "" {
		region = h.scope(u)
	} else if _, ok := h.Ref.Regions.Get(region); !ok || !h.Ref.Regions.Within(region) {
		probs.Add("wilayah", "Wilayah %s tidak dikenal", "Unknown region %s", region)
		region = h.scope(u)
	}
	since := 0
	if s := q.Get("sejak"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1900 || y > h.Ref.Clock().Year() {
			probs.Add("sejak", "Tahun %q tidak dikenal", "Unknown year %q", s)
		} else {
			since = y
		}
	}
	return region, since
}

// reachLink returns the UMKM list of region filtered by reach r ("" for
// all).
func reachLink(region bina.RegionCode, r string) string {
	q := url.Values{}
	switch region.Level() {
	case bina.LevelDistrict:
		q.Set("kecamatan", string(region))
	case bina.LevelVillage:
		q.Set("desa", string(region))
	}
	if r != "" {
		q.Set("jangkauan", r)
	}
	if len(q) == 0 {
		return "/umkm"
	}
	return "/umkm?" + q.Encode()
}

func (h *Handler) reachRowOf(r coaching.ReachRow, since int, drill bool) reachRow {
	reached := "ever"
	if since != 0 {
		reached = "since:" + strconv.Itoa(since)
	}
	out := reachRow{ReachRow: r, ListAll: reachLink(r.RegionCode, ""), ListReach: reachLink(r.RegionCode, reached), ListNever: reachLink(r.RegionCode, "never")}
	if drill {
		q := url.Values{"wilayah": {string(r.RegionCode)}}
		if since != 0 {
			q.Set("sejak", strconv.Itoa(since))
		}
		out.Drill = "/jangkauan?" + q.Encode()
	}
	return out
}

// Reach shows per kecamatan (and a kecamatan's desa) how many UMKM the
// office reached, ever or since a year, and how many it never reached;
// every figure links to its list, which can be exported.
func (h *Handler) Reach(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Reach == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	var probs bina.Problems
	region, since := h.reachFilterOf(u, q, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	rep, err := h.Deps.Reach.Reach(ctx, region, since)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &reachPage{layout: h.newLayout(r, "Jangkauan pembinaan", "jangkauan"), Region: rep.Region, Since: since,
		ChildDesa: rep.Region.Level() == bina.LevelDistrict}
	p.Name = h.Ref.Regions.Name(rep.Region)
	if s := h.scope(u); rep.Region != s && s.Contains(rep.Region.Parent()) {
		p.Parent = rep.Region.Parent()
	}
	for y := h.Ref.Clock().Year(); y >= h.Ref.Clock().Year()-10; y-- {
		p.Years = append(p.Years, y)
	}
	for _, row := range rep.Items {
		p.Rows = append(p.Rows, h.reachRowOf(row, since, row.RegionCode.Level() < bina.LevelVillage))
	}
	p.Total = h.reachRowOf(rep.Total, since, false)
	p.Downloads = h.exportLinks(p.Lang, "/jangkauan/ekspor", q, []string{"wilayah", "sejak"}, reachFormats)
	h.render(w, r, http.StatusOK, "reach/list", p)
}

// reachFormats are the formats of the reach table's export.
var reachFormats = bina.Options{
	{Code: "xlsx", ID: "Excel (.xlsx)", EN: "Excel (.xlsx)"},
	{Code: "csv", ID: "CSV", EN: "CSV"},
}

// ReachExport downloads the reach table (GET /jangkauan/ekspor?wilayah=&sejak=&format=xlsx|csv).
func (h *Handler) ReachExport(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Reach == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	var probs bina.Problems
	region, since := h.reachFilterOf(u, q, &probs)
	format := readFormat(q, reachFormats, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	rep, err := h.Deps.Reach.Reach(ctx, region, since)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := lang(r)
	reached := h.t(l, "Pernah dijangkau")
	if since != 0 {
		reached = h.t(l, "Dijangkau sejak") + " " + strconv.Itoa(since)
	}
	header := []string{h.t(l, "Kode wilayah"), h.t(l, "Wilayah"), h.t(l, "UMKM terdaftar"), reached, h.t(l, "Belum pernah dijangkau")}
	rows := func(yield func([]any, error) bool) {
		for _, x := range append(rep.Items, rep.Total) {
			if !yield([]any{string(x.RegionCode), x.RegionName, x.Enterprises, x.Reached, x.NeverReached}, nil) {
				return
			}
		}
	}
	name := "jangkauan-" + strings.ReplaceAll(string(rep.Region), ".", "") + "." + format
	if n, ok := h.download(w, r, name, format, h.t(l, "Jangkauan"), header, rows); ok {
		h.logExport(u, "jangkauan", format, false, map[string]any{"region": rep.Region, "since": since}, n)
	}
}

// BinaanDecide records or withdraws a staff decision that a UMKM is binaan
// (POST /umkm/{id}/binaan, binaan=ya|tidak, alasan).
func (h *Handler) BinaanDecide(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Reach == nil {
		http.NotFound(w, r)
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	err = h.Deps.Reach.DecideBinaan(r.Context(), id, r.PostFormValue("binaan") == "ya", r.PostFormValue("alasan"))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, "/umkm/"+strconv.FormatInt(id, 10), "saved")
}
