package web

import (
	"bina/supervision"
	"net/http"
	"net/url"
	"strings"

	"bina"
)

// kdmpPage is /koperasi/kdmp: every desa with the stages of its Koperasi
// Desa Merah Putih, the gaps counted, and the desa behind each count.
type kdmpPage struct {
	layout
	Region    regionFilter
	Step      string // the gap listed; "" all desa
	Desa      int
	Steps     []kdmpStep
	Rows      []kdmpView
	Downloads []downloadLink
}

// kdmpStep is one stage with its counts and the list of desa missing it.
type kdmpStep struct {
	Code, Label string
	Reached     int
	Gaps        int
	URL         string
	Selected    bool
}

// kdmpView is a desa's row with its stages ticked.
type kdmpView struct {
	supervision.KDMPRow
	Reached []bool // in the order of supervision.KDMPSteps
}

// kdmpFilterOf reads the region and the gap of the page.
func (h *Handler) kdmpFilterOf(u *bina.User, q url.Values, probs *bina.Problems) (regionFilter, bina.RegionCode, string) {
	rf, region := h.readRegionFilter(u, q, probs)
	step := q.Get("kurang")
	if step != "" && !supervision.KDMPSteps.Has(step) {
		probs.Add("kurang", "Tahap %q tidak dikenal", "Unknown stage %q", step)
		step = ""
	}
	return rf, region, step
}

// KDMP shows the follow-up of the village cooperatives.
func (h *Handler) KDMP(w http.ResponseWriter, r *http.Request) {
	if h.Deps.KDMP == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	var probs bina.Problems
	rf, region, step := h.kdmpFilterOf(bina.UserFromContext(ctx), q, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	o, err := h.Deps.KDMP.KDMPOverview(ctx, region)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := &kdmpPage{layout: h.newLayout(r, "Koperasi Desa Merah Putih", "koperasi"), Region: rf, Step: step, Desa: len(o.Items)}
	for _, s := range supervision.KDMPSteps {
		v := url.Values{}
		for _, k := range []string{"kecamatan", "desa"} {
			if x := q.Get(k); x != "" {
				v.Set(k, x)
			}
		}
		v.Set("kurang", s.Code)
		p.Steps = append(p.Steps, kdmpStep{Code: s.Code, Label: s.Label(p.Lang), Reached: o.Reached[s.Code], Gaps: o.Gaps[s.Code],
			URL: "/koperasi/kdmp?" + v.Encode(), Selected: s.Code == step})
	}
	for _, row := range o.Missing(step) {
		v := kdmpView{KDMPRow: row}
		for _, s := range supervision.KDMPSteps {
			v.Reached = append(v.Reached, row.Reached(s.Code))
		}
		p.Rows = append(p.Rows, v)
	}
	p.Downloads = h.exportLinks(p.Lang, "/koperasi/kdmp/ekspor", q, []string{"kecamatan", "desa", "kurang"}, reachFormats)
	h.render(w, r, http.StatusOK, "compliance/kdmp", p)
}

// KDMPExport downloads the desa the KDMP page lists
// (GET /koperasi/kdmp/ekspor?kecamatan=&desa=&kurang=&format=xlsx|csv).
func (h *Handler) KDMPExport(w http.ResponseWriter, r *http.Request) {
	if h.Deps.KDMP == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	q := r.URL.Query()
	var probs bina.Problems
	_, region, step := h.kdmpFilterOf(u, q, &probs)
	format := readFormat(q, reachFormats, &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	o, err := h.Deps.KDMP.KDMPOverview(ctx, region)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := lang(r)
	header := []string{h.t(l, "Kode desa"), h.t(l, "Kecamatan"), h.t(l, "Desa"), h.t(l, "ID koperasi"), h.t(l, "Nama koperasi"),
		h.t(l, "Nomor badan hukum"), h.t(l, "Tanggal badan hukum"), h.t(l, "Nomor Induk Koperasi"), h.t(l, "Unit usaha"), h.t(l, "RAT pertama (tahun buku)"), h.t(l, "Tanggal RAT pertama")}
	for _, s := range supervision.KDMPSteps {
		header = append(header, s.Label(l))
	}
	yes, no := h.t(l, "Ya"), h.t(l, "Belum")
	rows := func(yield func([]any, error) bool) {
		for _, x := range o.Missing(step) {
			var id any
			if x.CooperativeID != 0 {
				id = x.CooperativeID
			}
			row := []any{string(x.VillageCode), x.DistrictName, x.VillageName, id, x.Name, x.LegalNumber, x.LegalDate.String(), x.RegistrationNumber, x.Units, x.FirstRATYear, x.FirstRATHeldOn.String()}
			for _, s := range supervision.KDMPSteps {
				if x.Reached(s.Code) {
					row = append(row, yes)
				} else {
					row = append(row, no)
				}
			}
			if !yield(row, nil) {
				return
			}
		}
	}
	name := "kdmp-" + strings.ReplaceAll(string(o.Region), ".", "") + "." + format
	if n, ok := h.download(w, r, name, format, "KDMP", header, rows); ok {
		h.logExport(u, "kdmp", format, false, map[string]any{"region": o.Region, "gap": step}, n)
	}
}
