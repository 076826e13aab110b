package web

import (
	"net/url"

	"bina"
)

// maxGroupedVillages is the largest number of villages a page lists in
// one grouped <select> for browsers without JavaScript; above it (a
// province or national deployment) a kecamatan must be chosen first.
const maxGroupedVillages = 2000

// villageGroup is one kecamatan's villages in a grouped <select>.
type villageGroup struct {
	Code     bina.RegionCode
	Name     string
	Villages []bina.Region
}

// scope returns the region the user works in.
func (h *Handler) scope(u *bina.User) bina.RegionCode {
	return u.Scope(h.Ref.Regions.Root())
}

// scopeDistricts returns the kecamatan the user can see.
func (h *Handler) scopeDistricts(u *bina.User) []bina.Region {
	s := h.scope(u)
	var out []bina.Region
	for _, d := range h.districts {
		if s.Contains(d.Code) || d.Code.Contains(s) {
			out = append(out, d)
		}
	}
	return out
}

// villageGroups returns the villages the user can see, grouped by
// kecamatan; only those of district when one is given.
func (h *Handler) villageGroups(u *bina.User, district bina.RegionCode) []villageGroup {
	s := h.scope(u)
	var out []villageGroup
	for _, d := range h.scopeDistricts(u) {
		if district != "" && d.Code != district {
			continue
		}
		g := villageGroup{Code: d.Code, Name: d.Name}
		for _, v := range h.villages[d.Code] {
			if s.Contains(v.Code) {
				g.Villages = append(g.Villages, v)
			}
		}
		out = append(out, g)
	}
	return out
}

// regionFilter is the kecamatan and desa part of a list's filter form.
type regionFilter struct {
	Districts []bina.Region
	Groups    []villageGroup
	// NeedDistrict is set when the deployment has too many villages to
	// list them all: the desa select waits for a kecamatan.
	NeedDistrict bool
	Kecamatan    bina.RegionCode
	Desa         bina.RegionCode
}

// readRegionFilter reads "kecamatan" and "desa" from q. A desa that does
// not lie in the chosen kecamatan is dropped: without JavaScript the user
// changed the kecamatan and kept the old desa selected. It returns the
// region to filter on (the desa if chosen, else the kecamatan) and a
// problem for codes that are not in the user's area.
func (h *Handler) readRegionFilter(u *bina.User, q url.Values, p *bina.Problems) (regionFilter, bina.RegionCode) {
	rf := regionFilter{Districts: h.scopeDistricts(u)}
	kec := bina.RegionCode(q.Get("kecamatan"))
	desa := bina.RegionCode(q.Get("desa"))
	s := h.scope(u)
	if kec != "" && (kec.Level() != bina.LevelDistrict || !h.Ref.Regions.Within(kec)) {
		p.Add("kecamatan", "Kecamatan %s tidak dikenal", "Unknown kecamatan %s", kec)
		kec = ""
	}
	if desa != "" && (desa.Level() != bina.LevelVillage || !h.Ref.Regions.Within(desa)) {
		p.Add("desa", "Desa %s tidak dikenal", "Unknown village %s", desa)
		desa = ""
	}
	if desa != "" {
		switch {
		case kec == "":
			kec = desa.Parent()
		case desa.Parent() != kec:
			desa = ""
		}
	}
	rf.Kecamatan, rf.Desa = kec, desa
	switch {
	case kec != "":
		rf.Groups = h.villageGroups(u, kec)
	case h.nVillages <= maxGroupedVillages || s.Level() >= bina.LevelDistrict:
		rf.Groups = h.villageGroups(u, "")
	default:
		rf.NeedDistrict = true
	}
	if desa != "" {
		return rf, desa
	}
	return rf, kec
}
