package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"bina"
	"bina/indicator"
	"bina/internal/chart"
)

// The dashboards (issue 13): /dasbor shows the key figures of every theme,
// /dasbor/{theme} the indicators of one theme with their breakdowns and
// trend, /dasbor/indikator/{code} one indicator with its metadata and map.
// They read the catalogue (indicator.Indicators) in its order, so an indicator
// added to it shows without a change here. Every figure links to the list
// of the records behind it (indicator.Value.URL); the figures are scoped to
// the user's area by the indicator.Service.

// dashYears is how many years back the year filter offers; the trend of
// the indicators with History covers five of them.
const dashYears = 5

// dashFilter is the year and region a dashboard shows, kept in its address
// (tahun, kecamatan, desa).
type dashFilter struct {
	Year    int
	Years   []int
	Current bool // Year is the current year: every indicator has a value
	Region  regionFilter
	// Chosen is the region picked in the filter ("" for the user's area);
	// Shown is the region the figures are for, Name its name.
	Chosen bina.RegionCode
	Shown  bina.RegionCode
	Name   string
	// Query repeats the filter for links to the other dashboards
	// ("tahun=2025&kecamatan=61.12.01"), empty for the default.
	Query string
}

// With returns path with the filter's query.
func (f dashFilter) With(path string) string {
	if f.Query == "" {
		return path
	}
	return path + "?" + f.Query
}

// dashFilterOf reads the dashboard's filter from r: a year among the
// last dashYears and a kecamatan or desa of the user's area.
func (h *Handler) dashFilterOf(r *http.Request, u *bina.User) (dashFilter, error) {
	q := r.URL.Query()
	var probs bina.Problems
	now := h.Ref.Clock().Year()
	f := dashFilter{Year: now}
	for y := now; y > now-dashYears; y-- {
		f.Years = append(f.Years, y)
	}
	if s := q.Get("tahun"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y > now || y <= now-dashYears {
			probs.Add("tahun", "Tahun %q tidak tersedia; pilih %d sampai %d", "Year %q is not available; choose %d to %d", s, now-dashYears+1, now)
		} else {
			f.Year = y
		}
	}
	f.Region, f.Chosen = h.readRegionFilter(u, q, &probs)
	if err := probs.Err(); err != nil {
		return f, err
	}
	f.Current = f.Year == now
	f.Shown = f.Chosen
	if f.Shown == "" {
		f.Shown = h.scope(u)
	}
	f.Name = h.Ref.Regions.Name(f.Shown)
	if f.Shown == "" {
		f.Name = "Indonesia"
	}
	keep := url.Values{}
	if !f.Current {
		keep.Set("tahun", strconv.Itoa(f.Year))
	}
	if f.Region.Kecamatan != "" {
		keep.Set("kecamatan", string(f.Region.Kecamatan))
	}
	if f.Region.Desa != "" {
		keep.Set("desa", string(f.Region.Desa))
	}
	f.Query = keep.Encode()
	return f, nil
}

// query is the indicator.Query of the filter.
func (f dashFilter) query() indicator.Query {
	return indicator.Query{Year: f.Year, Region: f.Chosen}
}

// dashTile is one figure of a dashboard: its value linked to its records,
// its change from last year, and a link to the indicator's page.
type dashTile struct {
	Code  string
	Name  string
	Unit  string
	Value string
	URL   string // the records behind the figure
	Page  string // the indicator's page
	// Change is the difference from the year before, signed ("+12",
	// "−3,5"); empty for indicators without History. Trend is "up",
	// "down" or "same"; PrevYear the year compared with.
	Change   string
	Trend    string
	PrevYear int
	// Note says why the figure has no value (Value is an em dash then).
	Note string
}

// decimals is how many decimals a value of ind shows.
func decimals(ind *indicator.Indicator) int {
	if ind.Measure == indicator.MeasurePercent {
		return 1
	}
	return 0
}

// dashValues returns the indicators of the filter's year and of the year
// before, by code, asked at once.
func (h *Handler) dashValues(ctx context.Context, f dashFilter) (cur, prev map[string]indicator.Value, err error) {
	var wg sync.WaitGroup
	var curErr, prevErr error
	var cv, pv []indicator.Value
	wg.Add(2)
	go func() { defer wg.Done(); cv, curErr = h.Indicators.IndicatorValues(ctx, f.query()) }()
	go func() {
		defer wg.Done()
		q := f.query()
		q.Year--
		pv, prevErr = h.Indicators.IndicatorValues(ctx, q)
	}()
	wg.Wait()
	if errors.Is(curErr, indicator.ErrNoDataForYear) {
		// A year before the register: the pages show their empty state.
		return map[string]indicator.Value{}, map[string]indicator.Value{}, nil
	}
	if curErr != nil {
		return nil, nil, curErr
	}
	if prevErr != nil && !errors.Is(prevErr, indicator.ErrNoDataForYear) {
		return nil, nil, prevErr
	}
	return byCode(cv), byCode(pv), nil
}

func byCode(vs []indicator.Value) map[string]indicator.Value {
	m := make(map[string]indicator.Value, len(vs))
	for _, v := range vs {
		m[v.Code] = v
	}
	return m
}

// tile builds the tile of ind from its value and, when hasPrev, last
// year's (shown for indicators with History only).
func (h *Handler) tile(lang string, f dashFilter, ind *indicator.Indicator, v indicator.Value, prev indicator.Value, hasPrev bool) dashTile {
	d := decimals(ind)
	t := dashTile{Code: ind.Code, Name: ind.Name.In(lang), Unit: ind.Unit.In(lang), Value: chart.Number(v.Value, d), URL: v.URL,
		Page: f.With("/dasbor/indikator/" + ind.Code)}
	if v.None {
		t.Value, t.Note = "—", ind.NoValue.In(lang)
	}
	if ind.History && hasPrev && !v.None && !prev.None {
		diff := v.Value - prev.Value
		t.PrevYear = f.Year - 1
		switch s := chart.Number(diff, d); {
		case s == chart.Number(0, d):
			t.Change, t.Trend = "±0", "same"
		case diff > 0:
			t.Change, t.Trend = "+"+s, "up"
		default:
			t.Change, t.Trend = "−"+s[1:], "down"
		}
	}
	return t
}

// themeTiles returns the tiles of theme's indicators that have a value.
func (h *Handler) themeTiles(lang string, f dashFilter, theme string, cur, prev map[string]indicator.Value) []dashTile {
	var out []dashTile
	for i := range indicator.Indicators {
		ind := &indicator.Indicators[i]
		v, ok := cur[ind.Code]
		if ind.Theme != theme || !ok {
			continue
		}
		p, hasPrev := prev[ind.Code]
		out = append(out, h.tile(lang, f, ind, v, p, hasPrev))
	}
	return out
}

// allZero reports whether no indicator has a value: a year without data.
func allZero(vs map[string]indicator.Value) bool {
	for _, v := range vs {
		if v.Value != 0 {
			return false
		}
	}
	return true
}

// dashTheme is one theme of the dashboards with its tiles.
type dashTheme struct {
	Code  string
	Name  string
	Link  string
	Tiles []dashTile
}

// dashboardPage is the head of office's home: the key figures of every
// theme.
type dashboardPage struct {
	layout
	Filter dashFilter
	Themes []dashTheme
	Empty  bool
}

// themeLinks returns the themes with the addresses of their dashboards.
func (h *Handler) themeLinks(lang string, f dashFilter) []dashTheme {
	out := make([]dashTheme, 0, len(indicator.Themes))
	for _, o := range indicator.Themes {
		out = append(out, dashTheme{Code: o.Code, Name: o.Label(lang), Link: f.With("/dasbor/" + o.Code)})
	}
	return out
}

// dashFilterFor reads the filter of a dashboard request, or answers the
// request (404 without indicators, the filter's problems) and returns
// false.
func (h *Handler) dashFilterFor(w http.ResponseWriter, r *http.Request) (dashFilter, bool) {
	if h.Indicators == nil {
		http.NotFound(w, r)
		return dashFilter{}, false
	}
	f, err := h.dashFilterOf(r, bina.UserFromContext(r.Context()))
	if err != nil {
		h.Error(w, r, err)
		return f, false
	}
	return f, true
}

// dashStart reads the filter and the values of every indicator for the
// year and the year before, or answers the request and returns false.
func (h *Handler) dashStart(w http.ResponseWriter, r *http.Request) (f dashFilter, cur, prev map[string]indicator.Value, ok bool) {
	if f, ok = h.dashFilterFor(w, r); !ok {
		return
	}
	cur, prev, err := h.dashValues(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return f, nil, nil, false
	}
	return f, cur, prev, true
}

// Dashboard shows the key figures of every theme for a year and region
// (GET /dasbor?tahun=&kecamatan=&desa=).
func (h *Handler) Dashboard(w http.ResponseWriter, r *http.Request) {
	f, cur, prev, ok := h.dashStart(w, r)
	if !ok {
		return
	}
	p := &dashboardPage{layout: h.newLayout(r, "Dasbor", "dasbor"), Filter: f, Empty: allZero(cur)}
	for _, t := range h.themeLinks(p.Lang, f) {
		t.Tiles = h.themeTiles(p.Lang, f, t.Code, cur, prev)
		p.Themes = append(p.Themes, t)
	}
	h.render(w, r, http.StatusOK, "dashboard/home", p)
}

// dashChart is a chart of a breakdown with its figures as a table, each
// linked to its records.
type dashChart struct {
	ID         string
	Title      string
	SVG        template.HTML
	KeyHeading string // the heading of the table's first column
	ValueHead  string
	Rows       []dashRow
	Note       string // a line under the chart (the map's source)
}

// dashRow is one row of a chart's table.
type dashRow struct {
	Label string
	Value string
	URL   string
}

// breakdownAsk is one breakdown a page needs: by "" is the whole figure;
// prev asks it for the year before the filter's.
type breakdownAsk struct {
	ind  *indicator.Indicator
	by   string
	prev bool
}

// dashParallel bounds the breakdowns one page asks at once: the store
// answers them on separate connections.
const dashParallel = 3

// breakdowns asks the store for every breakdown, a few at a time, and
// returns them in the order asked, or the first error.
func (h *Handler) breakdowns(ctx context.Context, f dashFilter, asks []breakdownAsk) ([][]indicator.Value, error) {
	out := make([][]indicator.Value, len(asks))
	errs := make([]error, len(asks))
	sem := make(chan struct{}, dashParallel)
	var wg sync.WaitGroup
	for i, a := range asks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			q := f.query()
			if a.prev {
				q.Year--
			}
			out[i], errs[i] = h.Indicators.IndicatorBreakdown(ctx, a.ind.Code, q, a.by)
			if errors.Is(errs[i], indicator.ErrNoDataForYear) {
				out[i], errs[i] = nil, nil // a year before the register: no figure
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// figureAsks are the asks of ind's whole figure for the filter's year and,
// for an indicator with History, the year before, unless its trend
// (by=year, also asked) holds that year.
func figureAsks(ind *indicator.Indicator, f dashFilter) []breakdownAsk {
	asks := []breakdownAsk{{ind: ind}}
	if ind.History && !ind.Allows("year") {
		asks = append(asks, breakdownAsk{ind: ind, prev: true})
	}
	return asks
}

// chartAsks are the breakdowns of ind a page draws: all it allows but the
// regions below a desa, which has none.
func chartAsks(ind *indicator.Indicator, f dashFilter) []breakdownAsk {
	var asks []breakdownAsk
	for _, by := range ind.Breakdowns {
		if by == "region" && f.Shown.Level() >= bina.LevelVillage {
			continue
		}
		asks = append(asks, breakdownAsk{ind: ind, by: by})
	}
	return asks
}

// figures sorts the answers of asks into ind's figure, last year's and
// its charts' breakdowns (by "by").
type figures struct {
	whole, prev indicator.Value
	hasPrev     bool
	charts      []breakdownAsk
	values      [][]indicator.Value
}

// sortFigures reads the answers res of asks for ind.
func sortFigures(ind *indicator.Indicator, f dashFilter, asks []breakdownAsk, res [][]indicator.Value) figures {
	var fg figures
	for i, a := range asks {
		if a.ind != ind {
			continue
		}
		switch {
		case a.by == "" && a.prev:
			if len(res[i]) > 0 {
				fg.prev, fg.hasPrev = res[i][0], true
			}
		case a.by == "":
			fg.whole = first(res[i])
		default:
			if a.by == "year" && ind.History {
				for _, v := range res[i] {
					if v.Key == strconv.Itoa(f.Year-1) {
						fg.prev, fg.hasPrev = v, true
					}
				}
			}
			fg.charts = append(fg.charts, a)
			fg.values = append(fg.values, res[i])
		}
	}
	return fg
}

func first(vs []indicator.Value) indicator.Value {
	if len(vs) == 0 {
		return indicator.Value{}
	}
	return vs[0]
}

// chartOf draws one breakdown of ind: bars for regions and KBLI sections
// (long labels), columns for sizes and genders, a line for years.
func (h *Handler) chartOf(lang string, f dashFilter, ind *indicator.Indicator, by string, vs []indicator.Value) (dashChart, error) {
	name, unit, d := ind.Name.In(lang), ind.Unit.In(lang), decimals(ind)
	byName := indicator.Breakdowns.Label(by, lang)
	c := dashChart{ID: "c-" + ind.Code + "-" + by, Title: name + " " + h.t(lang, "menurut") + " " + lowerFirst(byName),
		KeyHeading: byName, ValueHead: unit}
	desc := h.t(lang, "Tahun") + " " + strconv.Itoa(f.Year) + ", " + f.Name + "."
	if by == "year" {
		c.Title = name + ", " + strconv.Itoa(f.Year-len(vs)+1) + "–" + strconv.Itoa(f.Year)
		desc = h.t(lang, "Perkembangan per tahun") + ", " + f.Name + "."
	}
	for _, v := range vs {
		c.Rows = append(c.Rows, dashRow{Label: v.KeyLabel(lang), Value: chart.Number(v.Value, d), URL: v.URL})
	}
	var err error
	switch by {
	case "year":
		t := chart.Trend{ID: c.ID, Title: c.Title, Desc: desc, Unit: unit, Decimals: d}
		for _, v := range vs {
			y, _ := strconv.Atoi(v.Key)
			t.Points = append(t.Points, chart.YearValue{Year: y, Value: v.Value})
		}
		c.SVG, err = chart.HTML(t.Line)
	default:
		b := chart.Bars{ID: c.ID, Title: c.Title, Desc: desc, Unit: unit, Decimals: d}
		for _, v := range vs {
			b.Bars = append(b.Bars, chart.Bar{Label: v.KeyLabel(lang), Value: v.Value})
		}
		if by == "size" || by == "gender" {
			c.SVG, err = chart.HTML(b.Columns)
		} else {
			c.SVG, err = chart.HTML(b.Horizontal)
		}
	}
	return c, err
}

// lowerFirst writes a breakdown's name inside a sentence ("menurut
// wilayah"), keeping acronyms such as KBLI.
func lowerFirst(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] < 'A' || s[1] > 'Z') {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// dashSection is one indicator of a theme dashboard with its charts.
type dashSection struct {
	Code   string
	Name   string
	Page   string
	Charts []dashChart
}

// themePage is the dashboard of one theme.
type themePage struct {
	layout
	Filter   dashFilter
	Theme    string
	Name     string
	Themes   []dashTheme
	Tiles    []dashTile
	Sections []dashSection
	// Skipped names the theme's indicators without a value for a past
	// year (they count the register's present state only).
	Skipped []string
	Empty   bool
}

// DashboardTheme shows the indicators of one theme, in catalogue order,
// each with its breakdowns and trend (GET /dasbor/{theme}). Only the
// theme's indicators are computed, all at once a few at a time.
func (h *Handler) DashboardTheme(w http.ResponseWriter, r *http.Request) {
	theme := r.PathValue("theme")
	if !indicator.Themes.Has(theme) && h.Indicators != nil {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Dasbor %q tidak ada.", "There is no dashboard %q.", theme))
		return
	}
	f, ok := h.dashFilterFor(w, r)
	if !ok {
		return
	}
	l := h.newLayout(r, "Dasbor", "dasbor")
	p := &themePage{layout: l, Filter: f, Theme: theme, Name: indicator.Themes.Label(theme, l.Lang), Themes: h.themeLinks(l.Lang, f)}
	p.Title = h.t(l.Lang, "Dasbor") + " " + p.Name
	var inds []*indicator.Indicator
	var asks []breakdownAsk
	for i := range indicator.Indicators {
		ind := &indicator.Indicators[i]
		if ind.Theme != theme {
			continue
		}
		if !f.Current && !ind.History {
			p.Skipped = append(p.Skipped, ind.Name.In(p.Lang))
			continue
		}
		inds = append(inds, ind)
		asks = append(append(asks, figureAsks(ind, f)...), chartAsks(ind, f)...)
	}
	res, err := h.breakdowns(r.Context(), f, asks)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p.Empty = true
	for _, ind := range inds {
		fg := sortFigures(ind, f, asks, res)
		p.Tiles = append(p.Tiles, h.tile(p.Lang, f, ind, fg.whole, fg.prev, fg.hasPrev))
		p.Empty = p.Empty && fg.whole.Value == 0
		sec := dashSection{Code: ind.Code, Name: ind.Name.In(p.Lang), Page: f.With("/dasbor/indikator/" + ind.Code)}
		for i, a := range fg.charts {
			c, err := h.chartOf(p.Lang, f, ind, a.by, fg.values[i])
			if err != nil {
				h.Error(w, r, bina.Wrap(err, "chart"))
				return
			}
			sec.Charts = append(sec.Charts, c)
		}
		if len(sec.Charts) > 0 {
			p.Sections = append(p.Sections, sec)
		}
	}
	if p.Empty {
		p.Sections = nil
	}
	h.render(w, r, http.StatusOK, "dashboard/theme", p)
}
