package web

import (
	"net/http"
	"strconv"

	"bina"
	"bina/indicator"
	"bina/internal/chart"
)

// indicatorPage is one indicator: its metadata, its figure, its map over
// the regions below the one shown, and its other breakdowns.
type indicatorPage struct {
	layout
	Filter     dashFilter
	Code       string
	Name       string
	Theme      dashTheme
	Concept    string
	Definition string
	Formula    string
	Unit       string
	Measure    string
	Classes    []string
	Tiles      []dashTile // the figure, as the one tile
	// Map is the choropleth of the regions below, with the figures of
	// the region breakdown as its table; NoMap says why there is none.
	Map   *dashChart
	NoMap string
	// PointsLink shows or hides the businesses on the map (a kecamatan's
	// desa map, for accounts that may see addresses); Points counts
	// those shown, PointsCapped says more were left out.
	PointsLink   string
	PointsShown  bool
	Points       int
	PointsCapped bool
	Charts       []dashChart
	// PastOnly is set for a past year of an indicator without History:
	// it has a value for the current year only.
	PastOnly bool
	Empty    bool
}

// DashboardIndicator shows one indicator with its metadata, map and
// breakdowns (GET /dasbor/indikator/{code}?tahun=&kecamatan=&desa=).
func (h *Handler) DashboardIndicator(w http.ResponseWriter, r *http.Request) {
	ind, ok := indicator.ByCode(r.PathValue("code"))
	if !ok && h.Indicators != nil {
		h.Error(w, r, indicator.UnknownIndicator(r.PathValue("code")))
		return
	}
	f, ok := h.dashFilterFor(w, r)
	if !ok {
		return
	}
	l := h.newLayout(r, "", "dasbor")
	p := &indicatorPage{layout: l, Filter: f, Code: ind.Code, Name: ind.Name.In(l.Lang),
		Concept: ind.Concept.In(l.Lang), Definition: ind.Definition.In(l.Lang), Formula: ind.Formula.In(l.Lang),
		Unit: ind.Unit.In(l.Lang), Measure: ind.Measure}
	p.Title = p.Name
	for _, c := range ind.Classes() {
		p.Classes = append(p.Classes, indicator.Breakdowns.Label(c, l.Lang))
	}
	p.Theme = dashTheme{Code: ind.Theme, Name: indicator.Themes.Label(ind.Theme, l.Lang), Link: f.With("/dasbor/" + ind.Theme)}
	if !f.Current && !ind.History {
		p.PastOnly = true
		h.render(w, r, http.StatusOK, "dashboard/indicator", p)
		return
	}
	asks := append(figureAsks(ind, f), chartAsks(ind, f)...)
	res, err := h.breakdowns(r.Context(), f, asks)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	fg := sortFigures(ind, f, asks, res)
	t := h.tile(l.Lang, f, ind, fg.whole, fg.prev, fg.hasPrev)
	t.Page = "" // this page
	p.Tiles = []dashTile{t}
	p.Empty = fg.whole.Value == 0
	for i, a := range fg.charts {
		c, err := h.chartOf(l.Lang, f, ind, a.by, fg.values[i])
		if err != nil {
			h.Error(w, r, bina.Wrap(err, "chart"))
			return
		}
		if a.by != "region" {
			p.Charts = append(p.Charts, c)
			continue
		}
		if err := h.mapOf(r, l.Lang, f, ind, fg.values[i], &c, p); err != nil {
			if bina.ErrorCode(err) != bina.Invalid {
				h.Error(w, r, err)
				return
			}
			p.NoMap = bina.ErrorText(err).In(l.Lang)
		}
		p.Map = &c
	}
	if !ind.Allows("region") {
		p.NoMap = h.t(l.Lang, "Indikator ini tidak dirinci menurut wilayah.")
	} else if f.Shown.Level() >= bina.LevelVillage {
		p.NoMap = h.t(l.Lang, "Satu desa tidak punya wilayah di bawahnya untuk dipetakan.")
	}
	h.render(w, r, http.StatusOK, "dashboard/indicator", p)
}

// mapOf draws the region breakdown vs of ind as a choropleth of the
// regions below the one shown, into c's SVG (replacing the bars); it
// returns why there is no map when the boundaries are missing.
func (h *Handler) mapOf(r *http.Request, lang string, f dashFilter, ind *indicator.Indicator, vs []indicator.Value, c *dashChart, p *indicatorPage) error {
	m := h.regionMap(r.Context(), f.Shown)
	if m == nil {
		return bina.Errorf(bina.Invalid, "Belum ada batas wilayah untuk peta ini; admin dapat mengunggah berkas GeoJSON di Pengaturan peta.",
			"There are no boundaries for this map yet; an admin can upload a GeoJSON file under Map settings.")
	}
	ch := chart.Choropleth{ID: "peta-" + ind.Code, Title: h.t(lang, "Peta") + " " + c.Title, Desc: c.Title + ", " + h.t(lang, "Tahun") + " " + strconv.Itoa(f.Year) + ", " + f.Name + ".",
		Unit: ind.Unit.In(lang), Decimals: decimals(ind), Width: m.proj.Width, Height: m.proj.Height, Areas: m.areas,
		Values: map[string]float64{}, NoData: h.t(lang, "tidak ada data"), Credit: m.credit}
	for _, v := range vs {
		ch.Values[v.Key] = v.Value
	}
	if err := h.mapPoints(r, f, ind, m, &ch, p); err != nil {
		return err
	}
	svg, err := chart.HTML(ch.Render)
	if err != nil {
		return bina.Wrap(err, "map")
	}
	c.SVG, c.ID, c.Title = svg, ch.ID, ch.Title
	c.Note = h.t(lang, "Arahkan penunjuk ke wilayah untuk melihat angkanya; semua angka ada pada tabel.")
	return nil
}

// maxMapPoints bounds the businesses drawn on one map: beyond a few
// hundred the points hide the desa and the page grows past its budget.
const maxMapPoints = 500

// mapPoints adds the businesses of the kecamatan shown to its desa map
// when asked (lokasi=ya), for an indicator counting businesses and an
// account that may see addresses; otherwise it offers the link, or
// nothing.
func (h *Handler) mapPoints(r *http.Request, f dashFilter, ind *indicator.Indicator, m *regionMap, ch *chart.Choropleth, p *indicatorPage) error {
	u := bina.UserFromContext(r.Context())
	if h.Points == nil || ind.Subject != "enterprise" || f.Shown.Level() != bina.LevelDistrict || !u.CanSeePersonal() {
		return nil
	}
	if r.URL.Query().Get("lokasi") != "ya" {
		p.PointsLink = f.With(r.URL.Path)
		if f.Query == "" {
			p.PointsLink += "?lokasi=ya"
		} else {
			p.PointsLink += "&lokasi=ya"
		}
		return nil
	}
	p.PointsShown, p.PointsLink = true, f.With(r.URL.Path)
	pts, err := h.Points.EnterprisePoints(r.Context(), f.Shown, maxMapPoints+1)
	if err != nil {
		return err
	}
	if len(pts) > maxMapPoints {
		pts, p.PointsCapped = pts[:maxMapPoints], true
	}
	for _, pt := range pts {
		if x, y, ok := m.proj.Point(pt.Longitude, pt.Latitude); ok {
			ch.Points = append(ch.Points, chart.Marker{X: x, Y: y, Label: pt.Name})
		}
	}
	p.Points = len(ch.Points)
	ch.PointsLabel = h.t(p.Lang, "lokasi usaha")
	return nil
}
