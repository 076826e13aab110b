package importer

import (
	"bina/imports"
	"strings"

	"bina"
)

// Placing a row: its region cells matched to a desa of the deployment, or
// a region review with the candidates, or a rejection outside the
// deployment or the author's area.

// regionText is the row's region cells as written, for the key of a row
// whose desa is not known yet.
func (c *Converter) regionText(cells []string) string {
	var b strings.Builder
	for _, col := range c.region {
		b.WriteString(strings.ToLower(cell(cells, col)))
		b.WriteByte('|')
	}
	return b.String()
}

// matchRegion matches the row's region cells: the village code when the
// row has one (it wins over the names), else the names.
func (c *Converter) matchRegion(cells []string) bina.RegionMatch {
	if code := cell(cells, c.region[rCode]); code != "" && !IsBlankCell(code) {
		return c.cfg.Matcher.Match("", "", "", code)
	}
	return c.cfg.Matcher.Match(cell(cells, c.region[rProvince]), cell(cells, c.region[rRegency]), cell(cells, c.region[rDistrict]), cell(cells, c.region[rVillage]))
}

// place decides where the row's record lies: it reports whether the desa
// is known; otherwise the row waits for a region review (with the
// candidates in row.Region) or is rejected (outside the deployment or the
// author's area).
func (c *Converter) place(row *imports.Row, st *rowState) bool {
	m := &row.Region
	add := func(list *[]bina.FieldError, msg bina.Text) {
		// Found only for a row with a problem; place changes no field of m
		// that regionColumn reads.
		regionCol, field := c.regionColumn(row.Cells, m)
		if regionCol != "" {
			msg = colText(regionCol, msg)
		}
		*list = append(*list, bina.FieldError{Field: field, Message: msg})
	}
	root := c.cfg.Ref.Regions.Root()
	if m.Outside {
		msg := m.Problem
		if msg.ID == "" {
			msg = textf("wilayah berada di luar %s", "the region lies outside %s", c.cfg.Ref.Regions.Name(root))
		}
		add(&st.errs, bina.Text{ID: msg.ID + " (di luar wilayah)", EN: msg.EN + " (outside the region)"})
		return false
	}
	if m.Confident && m.Level == bina.LevelVillage {
		if !c.cfg.Scope.Contains(m.Code) {
			add(&st.errs, textf("desa %s berada di luar wilayah kerja Anda", "village %s lies outside your area", c.cfg.Ref.Regions.Path(m.Code)))
			return false
		}
		if m.Problem.ID != "" {
			add(&st.notes, m.Problem)
		}
		return true
	}
	// Not placed: a region review. A confident kecamatan offers its desa.
	if m.Confident && m.Level == bina.LevelDistrict && len(m.Candidates) == 0 {
		m.Candidates = c.cfg.Ref.Regions.Children(m.Code)
		msg := textf("desa tidak diisi; pilih desa di Kec. %s", "no village given; choose one in %s", c.cfg.Ref.Regions.Name(m.Code))
		if m.Problem.ID != "" {
			msg = joinTexts([]bina.Text{m.Problem, msg})
		}
		m.Problem = msg
	}
	if len(m.Candidates) > 0 && !c.cfg.Scope.Contains(root) {
		var in []bina.Region
		for _, r := range m.Candidates {
			if c.cfg.Scope.Contains(r.Code) || r.Code.Contains(c.cfg.Scope) {
				in = append(in, r)
			}
		}
		m.Candidates = in
	}
	m.Confident = false
	msg := m.Problem
	if msg.ID == "" {
		msg = textf("desa tidak dapat ditentukan", "the village cannot be placed")
	}
	add(&st.notes, msg)
	return false
}

// regionColumn returns the header and field of the region column a
// problem of m is about: the level that failed, as far as it can be told.
func (c *Converter) regionColumn(cells []string, m *bina.RegionMatch) (string, string) {
	if code := c.region[rCode]; code >= 0 && cell(cells, code) != "" {
		return c.headerOf(code), string(bina.FieldVillageCode)
	}
	fields := [...]bina.Field{rProvince: bina.FieldProvince, rRegency: bina.FieldRegency, rDistrict: bina.FieldDistrict, rVillage: bina.FieldVillage}
	at := -1
	if m.Outside {
		// The deepest level given at or above the deployment's root (the
		// regency of another regency), else the first level given.
		root := c.cfg.Ref.Regions.Root().Level()
		for l := rProvince; l <= rVillage; l++ {
			if cell(cells, c.region[l]) != "" && (bina.RegionLevel(l+1) <= root || at < 0) {
				at = l
			}
		}
	} else {
		// The level below the deepest one matched.
		for l := int(m.Level); l <= rVillage; l++ {
			at = l
			if cell(cells, c.region[l]) != "" {
				break
			}
		}
	}
	if at < 0 || c.region[at] < 0 {
		for l := rVillage; l >= rProvince; l-- {
			if c.region[l] >= 0 {
				return c.headerOf(c.region[l]), string(fields[l])
			}
		}
		return "", string(bina.FieldVillage)
	}
	return c.headerOf(c.region[at]), string(fields[at])
}
