package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
	"bina/indicator"
	"bina/internal/export"
)

// perkembanganPage is /koperasi/perkembangan: the aggregate
// "perkembangan koperasi" report of a book year, its figures for the
// region on the page and per child region in the file.
type perkembanganPage struct {
	layout
	Year      int
	Years     []int
	Region    regionFilter
	Name      string
	Figures   []perkembanganFigure
	Downloads []downloadLink
}

// perkembanganFigure is one line of the page's table.
type perkembanganFigure struct {
	Label string
	Value int64
	Money bool
}

// perkembanganFilterOf reads the book year (default: the newest whose RAT
// is due) and the region.
func (h *Handler) perkembanganFilterOf(u *bina.User, q url.Values, probs *bina.Problems) (int, regionFilter, bina.RegionCode) {
	year := bina.LastDueBookYear(h.Ref.Clock())
	if s := q.Get("tahun"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1950 || y > h.Ref.Clock().Year() {
			probs.Add("tahun", "Tahun buku %q tidak dikenal", "Unknown book year %q", s)
		} else {
			year = y
		}
	}
	rf, region := h.readRegionFilter(u, q, probs)
	return year, rf, region
}

// Perkembangan shows the report of a book year and offers it as a file.
func (h *Handler) Perkembangan(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Perkembangan == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	var probs bina.Problems
	year, rf, region := h.perkembanganFilterOf(bina.UserFromContext(ctx), q, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	rep, err := h.Deps.Perkembangan.Perkembangan(ctx, region, year)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &perkembanganPage{layout: h.newLayout(r, "Laporan perkembangan koperasi", "koperasi"), Year: year, Region: rf, Name: rep.Total.RegionName}
	for y := h.Ref.Clock().Year(); y >= h.Ref.Clock().Year()-10; y-- {
		p.Years = append(p.Years, y)
	}
	for _, c := range indicator.PerkembanganColumns() {
		p.Figures = append(p.Figures, perkembanganFigure{Label: c.Label.In(p.Lang), Value: c.Get(&rep.Total.PerkembanganFigures), Money: c.Money})
	}
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	v.Set("tahun", strconv.Itoa(year))
	p.Downloads = h.exportLinks(p.Lang, "/koperasi/perkembangan/ekspor", v, []string{"tahun", "kecamatan", "desa"}, reachFormats)
	h.render(w, r, http.StatusOK, "compliance/perkembangan", p)
}

// PerkembanganExport downloads the report of a book year, a row per
// kecamatan (or desa) and a total row
// (GET /koperasi/perkembangan/ekspor?tahun=&kecamatan=&desa=&format=xlsx|csv).
func (h *Handler) PerkembanganExport(w http.ResponseWriter, r *http.Request) {
	if h.Deps.Perkembangan == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	var probs bina.Problems
	year, _, region := h.perkembanganFilterOf(u, q, &probs)
	format := readFormat(q, reachFormats, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	rep, err := h.Deps.Perkembangan.Perkembangan(ctx, region, year)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := lang(r)
	header, rows := export.PerkembanganTable(rep, l)
	name := "perkembangan-koperasi-" + strconv.Itoa(year) + "-" + strings.ReplaceAll(string(rep.Region), ".", "") + "." + format
	if n, ok := h.download(w, r, name, format, h.t(l, "Perkembangan koperasi"), header, rows); ok {
		h.logExport(u, "perkembangan-koperasi", format, false, map[string]any{"region": rep.Region, "book_year": year}, n)
	}
}
