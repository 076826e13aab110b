package importer

import (
	"bina/imports"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"bina"
)

// RegionMatcher matches region names and codes as national extracts give
// them to the Kemendagri codes of a RegionTree. It is safe for concurrent
// use.
//
// Names are matched level by level, each within the region matched above it
// only, so that a desa is never placed in a kecamatan it does not belong
// to. Names are normalised first (case, punctuation, the prefixes Kab.,
// Kota, Kec., Desa, Kel., the spellings Sei/Sui for Sungai, Tlk for Teluk,
// Tj for Tanjung, Kp for Kampung, and numbers written as digits, words or
// Roman numerals, spaces inside names); an exact match of the normalised
// name wins. Failing that, a name within a few typing errors (optimal
// string alignment, the restricted Damerau-Levenshtein distance, counted
// word by word with a small allowance per word) of exactly one region, and
// at least two errors nearer than any other, is accepted with a note.
// Numbers and single letters ("Satu", "II", "B") are never corrected.
// Anything less clear goes to review with its candidates.
//
// Where the deployment's root lies below a level (a regency deployment
// reading a province or regency column), the tree holds only the root's
// ancestors there, so a name that is not theirs means the row lies
// outside: it is reported as outside, never matched to a look-alike inside.
//
// Import files repeat the same few hundred names over a million rows, so
// results are remembered per distinct row (a bounded memo), and the
// normalised names of each parent region are built once.
type RegionMatcher struct {
	tree *bina.RegionTree
	bps  map[string]bina.RegionCode
	root bina.RegionCode

	gmu    sync.Mutex
	groups map[groupKey]*nameGroup

	mu   sync.Mutex
	memo map[matchKey]bina.RegionMatch
	old  map[matchKey]bina.RegionMatch // the previous generation of memo
}

// memoSize bounds each of the two memo generations. When the current one
// fills, it becomes the previous one and a new one starts: entries in use
// survive by being copied forward, and memory stays bounded.
const memoSize = 4096

type matchKey struct{ province, regency, district, village string }

type groupKey struct {
	parent bina.RegionCode
	level  bina.RegionLevel
}

// NewRegionMatcher returns a matcher over t. bps maps BPS codes (2, 4 and 7
// digits, as refdata.BPSBridge returns them) to Kemendagri codes; it may be
// nil, and then BPS codes are not understood.
func NewRegionMatcher(t *bina.RegionTree, bps map[string]bina.RegionCode) *RegionMatcher {
	return &RegionMatcher{
		tree:   t,
		bps:    bps,
		root:   t.Root(),
		groups: map[groupKey]*nameGroup{},
		memo:   make(map[matchKey]bina.RegionMatch, memoSize),
	}
}

// Match matches the region columns of one row: each of province, regency,
// district and village may be a name ("KAB. KUBU RAYA", "Kec. Sungai Raya",
// "Sei Raya", "Desa Kuala Dua", "KUALA 2"), a Kemendagri code, dotted
// ("61.12.01.2001") or not ("6112012001"), a BPS code (the 7-digit
// kecamatan code "6112070"), or empty.
//
// Plain 2- and 4-digit codes are read as Kemendagri codes and as BPS codes;
// where the two readings differ (BPS 1101 is Simeulue, Kemendagri 11.01 is
// Aceh Selatan), the match is not confident. A 10-digit code that is not a
// Kemendagri village is read as a BPS village code: its kecamatan is found
// and the village goes to review.
//
// The returned Candidates must not be modified.
func (m *RegionMatcher) Match(province, regency, district, village string) bina.RegionMatch {
	k := matchKey{province, regency, district, village}
	m.mu.Lock()
	r, ok := m.memo[k]
	if !ok {
		if r, ok = m.old[k]; ok {
			m.remember(k, r)
		}
	}
	m.mu.Unlock()
	if ok {
		return r
	}
	r = m.match(k)
	m.mu.Lock()
	m.remember(matchKey{strings.Clone(province), strings.Clone(regency), strings.Clone(district), strings.Clone(village)}, r)
	m.mu.Unlock()
	return r
}

// remember stores r under k; m.mu is held. Keys are cloned by the caller so
// that the memo never pins a reader's large buffer.
func (m *RegionMatcher) remember(k matchKey, r bina.RegionMatch) {
	if len(m.memo) >= memoSize {
		m.old, m.memo = m.memo, make(map[matchKey]bina.RegionMatch, memoSize)
	}
	m.memo[k] = r
}

// levelWords name the levels in messages.
var levelWords = [...]bina.Text{
	{ID: "wilayah", EN: "region"},
	{ID: "provinsi", EN: "province"},
	{ID: "kabupaten/kota", EN: "regency"},
	{ID: "kecamatan", EN: "district"},
	{ID: "desa/kelurahan", EN: "village"},
}

// maxCandidates bounds the choices offered for review.
const maxCandidates = 8

// levelResult is the outcome of matching one level.
type levelResult struct {
	code       bina.RegionCode // the matched region, when ok
	ok         bool
	outside    bool
	candidates []bina.Region
	problem    bina.Text // why not ok, or a note when ok
}

func (m *RegionMatcher) match(k matchKey) bina.RegionMatch {
	inputs := [5]string{"", k.province, k.regency, k.district, k.village}
	rootLevel := m.root.Level()
	var (
		scope bina.RegionCode // where the next level is searched
		code  bina.RegionCode // the deepest region the inputs identified
		notes []bina.Text
	)
	given := false
	for l := bina.LevelProvince; l <= bina.LevelVillage; l++ {
		in := strings.TrimSpace(inputs[l])
		if IsBlankCell(in) {
			if l <= rootLevel {
				// Above the root the tree holds only the root's ancestors:
				// an omitted province or regency can only be the root's.
				scope = m.root.Truncate(l)
			}
			continue
		}
		given = true
		res := m.matchLevel(scope, l, in)
		if res.outside {
			return bina.RegionMatch{Outside: true, Problem: res.problem}
		}
		if !res.ok {
			// The same name elsewhere in the parent's parent (a desa of
			// another kecamatan), and a deeper name that is unique in the
			// scope, are offered for review but never chosen.
			extra := m.elsewhere(scope, l, in)
			if l == bina.LevelDistrict && !IsBlankCell(k.village) {
				extra = append(extra, m.exactIn(scope, bina.LevelVillage, k.village)...)
			}
			res.candidates = appendRegions(res.candidates, extra...)
			return bina.RegionMatch{Code: code, Level: code.Level(), Candidates: res.candidates, Problem: joinTexts(append(notes, res.problem))}
		}
		if res.problem.ID != "" {
			notes = append(notes, res.problem)
		}
		scope, code = res.code, res.code
	}
	if !given {
		return bina.RegionMatch{Problem: textf("wilayah tidak diisi", "no region given")}
	}
	return bina.RegionMatch{Code: code, Level: code.Level(), Confident: true, Problem: joinTexts(notes)}
}

// scopeName names a region for messages: "Kec. Sungai Raya", "Kabupaten
// Kubu Raya", "Indonesia".
func (m *RegionMatcher) scopeName(c bina.RegionCode) string {
	switch {
	case c == "":
		return "Indonesia"
	case c.Level() == bina.LevelDistrict:
		return "Kec. " + m.tree.Name(c)
	case c.Level() == bina.LevelVillage:
		return "Desa " + m.tree.Name(c)
	}
	return m.tree.Name(c)
}

// matchLevel matches one input at level l inside scope.
func (m *RegionMatcher) matchLevel(scope bina.RegionCode, l bina.RegionLevel, in string) levelResult {
	if looksLikeCode(in) {
		return m.matchCode(scope, l, in)
	}
	g := m.group(scope, l)
	n := normRegion(in, l)
	w := levelWords[l]
	if n.key == "" {
		return levelResult{problem: bina.Text{ID: w.ID + " " + quote(in) + " tidak dikenali", EN: w.EN + " " + quote(in) + " not understood"}}
	}
	best, fuzzy, cands := g.find(n)
	if best >= 0 {
		r := levelResult{code: g.entries[best].region.Code, ok: true}
		if fuzzy {
			r.problem = bina.Text{
				ID: w.ID + " " + quote(in) + " dibaca sebagai " + g.entries[best].region.Name,
				EN: w.EN + " " + quote(in) + " read as " + g.entries[best].region.Name,
			}
		}
		return r
	}
	r := levelResult{}
	for _, i := range cands {
		r.candidates = append(r.candidates, g.entries[i].region)
	}
	// Above the deployment's root the tree holds only the root's ancestors:
	// a name that is not the root's is somewhere else.
	if l <= m.root.Level() {
		r.outside = true
		r.problem = bina.Text{
			ID: w.ID + " " + quote(in) + " berada di luar wilayah " + m.scopeName(m.root),
			EN: w.EN + " " + quote(in) + " lies outside " + m.scopeName(m.root),
		}
		return r
	}
	where := m.scopeName(scope)
	if len(cands) > 1 {
		r.problem = bina.Text{
			ID: w.ID + " " + quote(in) + " cocok dengan beberapa wilayah di " + where + "; pilih salah satu",
			EN: w.EN + " " + quote(in) + " matches several regions in " + where + "; choose one",
		}
	} else {
		r.problem = bina.Text{
			ID: w.ID + " " + quote(in) + " tidak ditemukan di " + where,
			EN: w.EN + " " + quote(in) + " not found in " + where,
		}
	}
	return r
}

func quote(s string) string { return "\"" + clip(s) + "\"" }

// looksLikeCode reports an input made of digits, dots and spaces only.
func looksLikeCode(s string) bool {
	digits := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' || c == ' ':
		default:
			return false
		}
	}
	return digits
}

// matchCode resolves a Kemendagri or BPS code given at level l.
func (m *RegionMatcher) matchCode(scope bina.RegionCode, l bina.RegionLevel, in string) levelResult {
	w := levelWords[l]
	s := strings.ReplaceAll(in, " ", "")
	// Excel keeps codes as numbers: "6112070.0" is 6112070.
	if i := strings.Index(s, "."); i > 0 && strings.Count(s, ".") == 1 && strings.Trim(s[i+1:], "0") == "" && len(s[:i]) != 2 {
		s = s[:i]
	}
	bad := levelResult{problem: bina.Text{ID: "kode " + w.ID + " " + quote(in) + " tidak dikenali", EN: w.EN + " code " + quote(in) + " not understood"}}
	var readings []bina.RegionCode
	villageFromBPS := false
	if strings.Contains(s, ".") {
		c := bina.RegionCode(s)
		if !c.WellFormed() {
			return bad
		}
		readings = append(readings, c)
	} else {
		switch len(s) {
		case 2, 4, 6, 10:
			if kem := dottedCode(s); kem.Level() == l {
				if l == bina.LevelVillage {
					if _, ok := m.tree.Get(kem); !ok && m.bps[s[:7]] != "" {
						// Not a Kemendagri village: a BPS village code,
						// whose first seven digits are its kecamatan.
						villageFromBPS = true
						readings = append(readings, m.bps[s[:7]])
						break
					}
				}
				readings = append(readings, kem)
			}
			if b, ok := m.bps[s]; ok && (len(readings) == 0 || readings[0] != b) {
				readings = append(readings, b)
			}
		case 7:
			if b, ok := m.bps[s]; ok {
				readings = append(readings, b)
			} else {
				bad.problem = textf("kode BPS %q tidak dikenal", "unknown BPS code %q", clip(in))
				return bad
			}
		default:
			return bad
		}
	}
	if len(readings) == 0 {
		return bad
	}
	if !villageFromBPS {
		for _, c := range readings {
			if c.Level() != l {
				return levelResult{problem: bina.Text{
					ID: "kode " + string(c) + " bukan kode " + w.ID,
					EN: "code " + string(c) + " is not a " + w.EN + " code",
				}}
			}
		}
	}
	var inside []bina.RegionCode
	for _, c := range readings {
		if m.root.Contains(c) || c.Contains(m.root) {
			inside = append(inside, c)
		}
	}
	if len(inside) == 0 {
		return levelResult{outside: true, problem: bina.Text{
			ID: "kode " + quote(in) + " berada di luar wilayah " + m.scopeName(m.root),
			EN: "code " + quote(in) + " lies outside " + m.scopeName(m.root),
		}}
	}
	var found []bina.Region
	for _, c := range inside {
		if r, ok := m.tree.Get(c); ok {
			found = append(found, r)
		}
	}
	if len(found) == 0 {
		return levelResult{problem: bina.Text{
			ID: "kode " + quote(in) + " tidak ada dalam daftar wilayah Kemendagri",
			EN: "code " + quote(in) + " is not in the Kemendagri region list",
		}}
	}
	if len(readings) > 1 {
		return levelResult{candidates: found, problem: bina.Text{
			ID: "kode " + quote(in) + " berbeda arti sebagai kode Kemendagri dan kode BPS; pilih salah satu",
			EN: "code " + quote(in) + " means different regions as a Kemendagri and a BPS code; choose one",
		}}
	}
	c := found[0].Code
	if !scope.Contains(c) {
		return levelResult{candidates: found, problem: bina.Text{
			ID: "kode " + quote(in) + " (" + found[0].Name + ") tidak berada di " + m.scopeName(scope),
			EN: "code " + quote(in) + " (" + found[0].Name + ") is not in " + m.scopeName(scope),
		}}
	}
	if villageFromBPS {
		var cands []bina.Region
		for _, r := range m.tree.Children(c) {
			cands = append(cands, r)
		}
		return levelResult{candidates: cands, problem: bina.Text{
			ID: "kode desa BPS " + quote(in) + " tidak bisa dicocokkan ke kode Kemendagri; kecamatannya " + m.scopeName(c) + ", pilih desanya",
			EN: "BPS village code " + quote(in) + " has no Kemendagri match; its district is " + m.scopeName(c) + ", choose the village",
		}}
	}
	return levelResult{code: c, ok: true}
}

// dottedCode turns "6112012001" into "61.12.01.2001".
func dottedCode(s string) bina.RegionCode {
	var b strings.Builder
	for i := 0; i < len(s) && i < 6; i += 2 {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s[i:min(i+2, len(s))])
	}
	if len(s) > 6 {
		b.WriteByte('.')
		b.WriteString(s[6:])
	}
	return bina.RegionCode(b.String())
}

// elsewhere returns the regions at level l with exactly the name in, under
// the parent of scope but outside scope: the desa of the same name in
// another kecamatan, shown to a reviewer and never chosen.
func (m *RegionMatcher) elsewhere(scope bina.RegionCode, l bina.RegionLevel, in string) []bina.Region {
	if scope == "" || looksLikeCode(in) || l <= m.root.Level() {
		return nil
	}
	parent := scope.Parent()
	if !m.root.Contains(parent) {
		parent = m.root
	}
	var out []bina.Region
	for _, r := range m.exactIn(parent, l, in) {
		if !scope.Contains(r.Code) {
			out = append(out, r)
		}
	}
	return out
}

// exactIn returns the regions at level l under scope whose normalised name
// is exactly in's.
func (m *RegionMatcher) exactIn(scope bina.RegionCode, l bina.RegionLevel, in string) []bina.Region {
	if looksLikeCode(in) {
		return nil
	}
	g := m.group(scope, l)
	n := normRegion(in, l)
	var out []bina.Region
	for _, i := range g.exact[n.key] {
		out = append(out, g.entries[i].region)
	}
	return out
}

func appendRegions(dst []bina.Region, rs ...bina.Region) []bina.Region {
	for _, r := range rs {
		dup := false
		for _, d := range dst {
			if d.Code == r.Code {
				dup = true
				break
			}
		}
		if !dup && len(dst) < maxCandidates {
			dst = append(dst, r)
		}
	}
	return dst
}

// group returns the normalised names of the regions at level l under
// parent, building them on first use.
func (m *RegionMatcher) group(parent bina.RegionCode, l bina.RegionLevel) *nameGroup {
	k := groupKey{parent, l}
	m.gmu.Lock()
	defer m.gmu.Unlock()
	if g, ok := m.groups[k]; ok {
		return g
	}
	var regions []bina.Region
	var walk func(c bina.RegionCode)
	walk = func(c bina.RegionCode) {
		for _, r := range m.tree.Children(c) {
			if r.Level() == l {
				regions = append(regions, r)
			} else if r.Level() < l {
				walk(r.Code)
			}
		}
	}
	walk(parent)
	g := &nameGroup{exact: map[string][]int{}, loose: map[string][]int{}}
	for _, r := range regions {
		n := normRegion(r.Name, l)
		i := len(g.entries)
		g.entries = append(g.entries, nameEntry{region: r, name: n})
		g.exact[n.key] = append(g.exact[n.key], i)
		if n.loose != n.key {
			g.loose[n.loose] = append(g.loose[n.loose], i)
		}
		if n.full != n.key {
			g.loose[n.full] = append(g.loose[n.full], i)
		}
	}
	m.groups[k] = g
	return g
}

// nameGroup holds the normalised names of the children of one region.
type nameGroup struct {
	entries []nameEntry
	exact   map[string][]int // canonical key → entries
	loose   map[string][]int // other spellings of the same names → entries
}

type nameEntry struct {
	region bina.Region
	name   normName
}

// find returns the entry that n names with confidence (-1 if none),
// whether that took a spelling correction, and otherwise the candidates
// for review, best first.
func (g *nameGroup) find(n normName) (best int, fuzzy bool, cands []int) {
	// Exact forms first: the canonical key, then the other spellings.
	for _, try := range []struct {
		idx map[string][]int
		key string
	}{{g.exact, n.key}, {g.loose, n.key}, {g.exact, n.loose}, {g.loose, n.loose}, {g.exact, n.redup}, {g.exact, n.full}, {g.loose, n.full}} {
		if try.key == "" {
			continue
		}
		hits := try.idx[try.key]
		if len(hits) == 0 {
			continue
		}
		hits = kindFilter(g, hits, n.kind)
		if len(hits) == 1 && kindAgrees(g.entries[hits[0]].name.kind, n.kind) {
			return hits[0], false, nil
		}
		return -1, false, hits
	}
	// Then a spelling correction: the one name within a few typing errors,
	// clearly nearer than any other.
	limit := allowedEdits(len(n.key)) + 2 // a little further, for the margin and the candidates
	type scored struct {
		i, d int
		ok   bool
	}
	var near []scored
	for i := range g.entries {
		e := &g.entries[i].name
		if !kindAgrees(e.kind, n.kind) {
			continue
		}
		d, ok := typingErrors(&n, e, limit)
		contains := len(n.key) >= 4 && len(e.key) >= 4 && (strings.Contains(e.key, n.key) || strings.Contains(n.key, e.key))
		if d <= limit || contains {
			near = append(near, scored{i, d, ok})
		}
	}
	sort.SliceStable(near, func(a, b int) bool { return near[a].d < near[b].d })
	if len(near) > 0 && near[0].ok && (len(near) == 1 || near[1].d >= near[0].d+2) {
		return near[0].i, true, nil
	}
	for _, s := range near {
		if len(cands) == maxCandidates {
			break
		}
		cands = append(cands, s.i)
	}
	return -1, false, cands
}

// typingErrors returns how many typing errors separate an input name from
// a region's name (up to limit+1), and whether they are few enough to
// correct.
//
// Errors are counted word by word, and each word may carry only its share:
// none in a word of three letters, one in a word of four to seven. This is
// what keeps look-alike desa of neighbouring kecamatan apart: "Sungai
// Terus" and "Sungai Deras", "Pasir Putih" and "Air Putih", "Sungai Nipah"
// and "Sungai Kupah" differ by two errors in one short word, while "Sungai
// Rya" is one error from "Sungai Raya". Numbers and single letters are
// never corrected ("Sungai Radak Satu" is not "Sungai Radak Dua"), but a
// region's trailing letter or number may be left out ("Kuala Mandor" for
// the kecamatan Kuala Mandor B) when no other region shares the rest.
func typingErrors(in, e *normName, limit int) (int, bool) {
	if in.sig != "" && e.sig != "" && in.sig != e.sig {
		return limit + 1, false
	}
	a, b := in.toks, e.toks
	extra := 0
	if len(b) == len(a)+1 && isSigToken(b[len(b)-1]) {
		b, extra = b[:len(b)-1], 1
	}
	if len(a) != len(b) {
		// Words split or joined differently and a typo besides: the
		// whole name may carry one error, if it is long.
		d := imports.EditDistance(in.key, e.key, limit)
		if in.sig != e.sig {
			d++
		}
		return d, d <= 1 && len(in.key) >= 9
	}
	total, ok := extra, true
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if isSigToken(a[i]) || isSigToken(b[i]) {
			return limit + 1, false
		}
		d := imports.EditDistance(a[i], b[i], limit)
		if d > wordEdits(max(len(a[i]), len(b[i]))) {
			ok = false
		}
		if total += d; total > limit {
			return limit + 1, false
		}
	}
	return total, ok && total <= allowedEdits(len(in.key))
}

// isSigToken reports a number or a single letter: the parts of a name that
// tell numbered and lettered regions apart.
func isSigToken(t string) bool { return isDigits(t) || utf8.RuneCountInString(t) == 1 }

// wordEdits is how many typing errors one word of n letters may carry.
func wordEdits(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	case n <= 11:
		return 2
	}
	return 3
}

// allowedEdits is how many typing errors a whole name of n letters may
// carry and still be corrected: none for short names, where one letter
// makes another name ("Kubu", "Kubo"), up to three for long ones.
func allowedEdits(n int) int {
	switch {
	case n <= 4:
		return 0
	case n <= 8:
		return 1
	case n <= 14:
		return 2
	}
	return 3
}

// kindFilter keeps the entries of the kind the input asked for (Kabupaten
// or Kota) when there are some, so that "Kota Bogor" picks the city.
func kindFilter(g *nameGroup, hits []int, kind byte) []int {
	if kind == 0 || len(hits) < 2 {
		return hits
	}
	var out []int
	for _, i := range hits {
		if g.entries[i].name.kind == kind {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		return hits
	}
	return out
}

// kindAgrees reports whether a region of kind e may be what an input of
// kind n names: an input without Kabupaten or Kota names either.
func kindAgrees(e, n byte) bool { return n == 0 || e == 0 || e == n }
