package web

import (
	"bina/indicator"
	"net/http"
	"net/url"

	"bina"
)

// homePage is the overview: counts per kecamatan.
type homePage struct {
	layout
	Rows        []homeRow
	Total       homeRow
	ShowBesar   bool // a column for large businesses, when there are any
	ShowUnknown bool // a column for records whose size is not known yet
	// ByRegency and ByProvince are set when the area holds too many
	// kecamatan for one table and the rows are regencies or provinces.
	ByRegency  bool
	ByProvince bool
	ByVillage  bool // the rows are the desa of one kecamatan or desa
	CanEdit    bool
	// Themes are the dashboards linked under the summary (none without
	// indicators); the counts per region fold away below them, so that a
	// phone shows the summary first.
	Themes bina.Options
}

// maxHomeRows is the most rows the overview table shows; a province or
// national deployment counts per regency or province instead.
const maxHomeRows = 60

// homeRegions returns the rows of the overview and their level: the
// kecamatan of the user's area, or their regencies or provinces when
// there are too many.
func (h *Handler) homeRegions(u *bina.User) ([]bina.Region, bina.RegionLevel) {
	if s := h.scope(u); s.Level() >= bina.LevelDistrict {
		// One kecamatan or desa (a field officer's area): its desa, as
		// the counts come for it (bina.RegionCount.Village).
		var out []bina.Region
		for _, g := range h.villageGroups(u, "") {
			out = append(out, g.Villages...)
		}
		return out, bina.LevelVillage
	}
	districts := h.scopeDistricts(u)
	if len(districts) <= maxHomeRows {
		return districts, bina.LevelDistrict
	}
	for _, level := range []bina.RegionLevel{bina.LevelRegency, bina.LevelProvince} {
		var out []bina.Region
		seen := map[bina.RegionCode]bool{}
		for _, d := range districts {
			c := d.Code.Truncate(level)
			if !seen[c] {
				seen[c] = true
				out = append(out, bina.Region{Code: c, Name: h.Ref.Regions.Name(c)})
			}
		}
		if len(out) <= maxHomeRows || level == bina.LevelProvince {
			return out, level
		}
	}
	return districts, bina.LevelDistrict
}

// homeRow is one kecamatan (or the totals) of the overview table. Links
// lead to the lists filtered to what the number counts.
type homeRow struct {
	Code     bina.RegionCode
	Name     string
	Linkable bool // a known kecamatan: its numbers link to filtered lists
	Size     map[string]int
	Total    int
	Binaan   int
	Coops    int
	Active   int
	KDMP     int
}

// Link returns the address of the list behind a number: base is "/umkm"
// or "/koperasi", then key/value pairs of the filter.
func (r homeRow) Link(base string, kv ...string) string {
	q := url.Values{}
	switch {
	case r.Code == "":
	case r.Code.Level() == bina.LevelVillage:
		q.Set("desa", string(r.Code))
	default:
		q.Set("kecamatan", string(r.Code))
	}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	if len(q) == 0 {
		return base
	}
	return base + "?" + q.Encode()
}

// Home shows how many UMKM and cooperatives each kecamatan has, inside
// the user's area (the services limit the counts to it).
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	ec, err := h.Enterprises.EnterpriseCounts(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	cc, err := h.Cooperatives.CooperativeCounts(ctx)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &homePage{layout: h.newLayout(r, "Beranda", "home"), CanEdit: u.CanEdit()}
	regions, level := h.homeRegions(u)
	p.Rows, p.Total = countRows(regions, level, ec, cc)
	p.ByRegency = level == bina.LevelRegency
	p.ByProvince = level == bina.LevelProvince
	p.ByVillage = level == bina.LevelVillage
	p.ShowBesar = p.Total.Size["besar"] > 0
	p.ShowUnknown = p.Total.Size[""] > 0
	if h.Indicators != nil {
		p.Themes = indicator.Themes
	}
	h.render(w, r, http.StatusOK, "home", p)
}

// countRows lays the counts out as one row per kecamatan, zero rows
// included, and a row for counts whose kecamatan is not in the list so
// that the totals always add up.
// Rows above the kecamatan level do not link: the lists filter by
// kecamatan and desa.
func countRows(regions []bina.Region, level bina.RegionLevel, ec []bina.RegionCount, cc []bina.CooperativeCount) ([]homeRow, homeRow) {
	rows := make([]homeRow, 0, len(regions)+1)
	at := map[bina.RegionCode]int{}
	for _, d := range regions {
		at[d.Code] = len(rows)
		rows = append(rows, homeRow{Code: d.Code, Name: d.Name, Linkable: level >= bina.LevelDistrict, Size: map[string]int{}})
	}
	row := func(c, village bina.RegionCode) *homeRow {
		if level == bina.LevelVillage {
			c = village
		}
		if c != "" {
			c = c.Truncate(level)
		}
		i, ok := at[c]
		if !ok {
			i = len(rows)
			at[c] = i
			rows = append(rows, homeRow{Code: c, Name: string(c), Size: map[string]int{}})
		}
		return &rows[i]
	}
	total := homeRow{Size: map[string]int{}, Linkable: true}
	for _, c := range ec {
		rw := row(c.District, c.Village)
		rw.Size[c.Size] += c.Total
		rw.Total += c.Total
		rw.Binaan += c.Binaan
		total.Size[c.Size] += c.Total
		total.Total += c.Total
		total.Binaan += c.Binaan
	}
	for _, c := range cc {
		rw := row(c.District, c.Village)
		rw.Coops += c.Total
		rw.Active += c.Active
		rw.KDMP += c.KDMP
		total.Coops += c.Total
		total.Active += c.Active
		total.KDMP += c.KDMP
	}
	return rows, total
}
