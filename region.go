package bina

import (
	"sort"
	"strings"
)

// RegionCode is a Kemendagri region code in its dotted form: "61" province,
// "61.12" regency, "61.12.01" district (kecamatan), "61.12.01.2001" village
// (desa or kelurahan). The code is a path: everything in a kecamatan has a
// code that starts with the kecamatan's code and a dot.
type RegionCode string

// RegionLevel is the depth of a region in the tree.
type RegionLevel int

// The levels of the region tree.
const (
	LevelCountry  RegionLevel = 0
	LevelProvince RegionLevel = 1
	LevelRegency  RegionLevel = 2
	LevelDistrict RegionLevel = 3
	LevelVillage  RegionLevel = 4
)

// WellFormed reports whether c has the shape of a dotted Kemendagri code:
// two digits for the province, then two for the regency, two for the
// district and four for the village ("61", "61.12", "61.12.01",
// "61.12.01.2001"). It does not say whether the region exists.
func (c RegionCode) WellFormed() bool {
	parts := strings.Split(string(c), ".")
	if len(parts) > 4 {
		return false
	}
	for i, p := range parts {
		want := 2
		if i == 3 {
			want = 4
		}
		if len(p) != want || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

// Level returns the depth of c: 0 for "" (all Indonesia) up to 4 for a village.
func (c RegionCode) Level() RegionLevel {
	if c == "" {
		return LevelCountry
	}
	return RegionLevel(strings.Count(string(c), ".") + 1)
}

// Parent returns the code one level up ("" for a province).
func (c RegionCode) Parent() RegionCode {
	i := strings.LastIndexByte(string(c), '.')
	if i < 0 {
		return ""
	}
	return c[:i]
}

// Contains reports whether other is c or lies below it.
func (c RegionCode) Contains(other RegionCode) bool {
	if c == "" {
		return true
	}
	return other == c || strings.HasPrefix(string(other), string(c)+".")
}

// Truncate returns the ancestor of c at level l (c itself when it is not deeper).
func (c RegionCode) Truncate(l RegionLevel) RegionCode {
	if c.Level() <= l {
		return c
	}
	parts := strings.Split(string(c), ".")
	return RegionCode(strings.Join(parts[:l], "."))
}

// Range returns the half-open interval [lo, hi) of codes strictly below c,
// for index-friendly range queries: '/' follows '.' in ASCII.
func (c RegionCode) Range() (lo, hi string) {
	return string(c) + ".", string(c) + "/"
}

// Region is one node of the Kemendagri tree.
type Region struct {
	Code RegionCode `json:"code"`
	Name string     `json:"name"`
}

// Level returns the region's depth.
func (r Region) Level() RegionLevel { return r.Code.Level() }

// IsKelurahan reports whether a village is an urban kelurahan (its own code
// part starts with 1) rather than a desa (2).
func (r Region) IsKelurahan() bool {
	return r.Level() == LevelVillage && strings.HasPrefix(string(r.Code[strings.LastIndexByte(string(r.Code), '.')+1:]), "1")
}

// RegionTree is the part of the Kemendagri tree a deployment serves, with
// the ancestors of its root so that names up to the province resolve.
type RegionTree struct {
	root     RegionCode
	byCode   map[RegionCode]*Region
	children map[RegionCode][]RegionCode
}

// NewRegionTree builds a tree rooted at root from regions, keeping only the
// root's ancestors, the root and what lies below it.
func NewRegionTree(root RegionCode, regions []Region) *RegionTree {
	t := &RegionTree{root: root, byCode: map[RegionCode]*Region{}, children: map[RegionCode][]RegionCode{}}
	for i := range regions {
		r := regions[i]
		if !root.Contains(r.Code) && !r.Code.Contains(root) {
			continue
		}
		t.byCode[r.Code] = &r
		t.children[r.Code.Parent()] = append(t.children[r.Code.Parent()], r.Code)
	}
	for _, kids := range t.children {
		sort.Slice(kids, func(i, j int) bool { return kids[i] < kids[j] })
	}
	return t
}

// Root returns the deployment's root code.
func (t *RegionTree) Root() RegionCode { return t.root }

// Get returns the region with code c.
func (t *RegionTree) Get(c RegionCode) (Region, bool) {
	r, ok := t.byCode[c]
	if !ok {
		return Region{}, false
	}
	return *r, true
}

// Name returns the name of c, or the code itself when unknown.
func (t *RegionTree) Name(c RegionCode) string {
	if r, ok := t.byCode[c]; ok {
		return r.Name
	}
	return string(c)
}

// Children returns the regions directly below c, sorted by code.
func (t *RegionTree) Children(c RegionCode) []Region {
	kids := t.children[c]
	out := make([]Region, 0, len(kids))
	for _, k := range kids {
		out = append(out, *t.byCode[k])
	}
	return out
}

// Within reports whether c exists in the tree and lies inside the root.
func (t *RegionTree) Within(c RegionCode) bool {
	_, ok := t.byCode[c]
	return ok && t.root.Contains(c)
}

// Districts returns every kecamatan inside the root, sorted by code.
func (t *RegionTree) Districts() []Region { return t.AtLevel(LevelDistrict) }

// Villages returns every village inside the root, sorted by code.
func (t *RegionTree) Villages() []Region { return t.AtLevel(LevelVillage) }

func (t *RegionTree) AtLevel(l RegionLevel) []Region {
	var out []Region
	for c, r := range t.byCode {
		if c.Level() == l && t.root.Contains(c) {
			out = append(out, *r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Path returns the names from the province down to c, joined for display:
// "Desa Kuala Dua, Kec. Sungai Raya".
func (t *RegionTree) Path(c RegionCode) string {
	var parts []string
	for x := c; x != "" && x.Level() >= LevelDistrict; x = x.Parent() {
		name := t.Name(x)
		switch x.Level() {
		case LevelDistrict:
			name = "Kec. " + name
		}
		parts = append(parts, name)
	}
	return strings.Join(parts, ", ")
}

// RegionMatch is the result of matching the region columns of one row.
//
// Code is the deepest region that the given names or codes identified with
// confidence ("" when none did), and Level its level. Confident is true when
// every non-empty input was matched with confidence; the row then belongs
// at Code (an importer still checks that Level is LevelVillage before it
// places a business). Otherwise Candidates lists the regions a person should
// choose from in the review queue, at the level that failed, and Problem
// says what failed. Outside is true when an input names or codes a region
// outside the deployment's root: the row belongs to another office.
//
// A confident match may carry a Problem too, as a note: a name read with a
// spelling correction ("Sungai Rya" read as "Sungai Raya") is kept for the
// import report so that a person can see what was assumed.
type RegionMatch struct {
	Code       RegionCode  `json:"code"`
	Level      RegionLevel `json:"level"`
	Confident  bool        `json:"confident"`
	Outside    bool        `json:"outside"`
	Candidates []Region    `json:"candidates,omitempty"`
	Problem    Text        `json:"problem"`
}
