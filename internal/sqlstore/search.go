package sqlstore

import (
	"bina/imports"
	"cmp"
	"strconv"
	"strings"
	"unicode"

	"bina"
)

// Search works on words folded here, in Go, the same way for the stored
// text and for the query: lower case, accents removed, split at anything
// that is not a letter or a digit. Both engines then see plain words
// separated by spaces (FTS5's unicode61 tokenizer and PostgreSQL's 'simple'
// configuration split them identically), so a query means the same on
// both, and no user text can form search syntax. Every query word matches
// as a prefix.
//
// SQLite keeps the words in a contentless FTS5 table, enterprise_search,
// written by the store. PostgreSQL keeps them in the search column of
// enterprises (a tsvector written by the store), and a trigger keeps
// enterprise_words from it: one row per word of every live record, with
// the record's desa and facets, in a btree. A GIN index would answer which
// rows match, but PostgreSQL can only count them by visiting every one of
// them in the table (to see whether it is visible), which at a million
// records is a read of most of the table for a common word; the word
// table answers a count with an index-only range scan.

// searchWords folds the texts into space-separated words.
func searchWords(texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		inWord := false
		for _, r := range t {
			r = foldRune(r)
			switch {
			case r < 0:
				// a combining mark: dropped, the word goes on
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if !inWord && b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteRune(r)
				inWord = true
			default:
				inWord = false
			}
		}
	}
	return b.String()
}

// recordWords returns the words a record is found by: the words of its
// texts, then the spelling keys (imports.SearchKey) that differ from them. The
// first word stays the name's first word (initialWordPage relies on it).
func recordWords(texts ...string) string {
	words := searchWords(texts...)
	if vs := imports.SearchVariants(strings.Fields(words)); len(vs) > 0 {
		words += " " + strings.Join(vs, " ")
	}
	return words
}

// searchQuery folds a user's query; at most 8 words count, and words are
// cut to 40 characters, so that no query costs more than a few lookups.
// Each word is written as its alternatives (imports.SearchAlternatives)
// joined by "|": "keripik|kripik sari". A record matches when each word
// of the query has an alternative that starts one of its words.
func searchQuery(q string) string {
	ws := searchTerms(q)
	for i, w := range ws {
		ws[i] = strings.Join(imports.SearchAlternatives(w), "|")
	}
	return strings.Join(ws, " ")
}

// searchTerms returns the words of a query as typed, folded and cut as
// searchQuery cuts them.
func searchTerms(q string) []string {
	ws := strings.Fields(searchWords(q))
	if len(ws) > 8 {
		ws = ws[:8]
	}
	for i, w := range ws {
		if r := []rune(w); len(r) > 40 {
			ws[i] = string(r[:40])
		}
	}
	return ws
}

// Ranking (docs/search.md): when a query word has spelling variants, the
// records whose name holds every query word as typed, at the start of a
// word of the name, come first, then the others (variant spellings, or
// the words only in the trade name, product or owner), each part in the
// list's order. The rank is tested on the sort name, which is the name in
// lower case: "Sei Kapuas" ranks after "Sungai Kapuas" for "sungai" and
// before it for "sei". A list is ranked when its matches are counted
// (searchCountCap or fewer): the page is then found among all of them; a
// larger search keeps the list's order alone.

// rankPatterns returns the LIKE patterns of a ranked search, one per typed
// word, or nil when no word of the query has a variant: then every match
// would rank the same.
func rankPatterns(query string) []string {
	terms := searchTerms(query)
	ranked := false
	for _, w := range terms {
		ranked = ranked || len(imports.SearchAlternatives(w)) > 1
	}
	if !ranked {
		return nil
	}
	pats := make([]string, len(terms))
	for i, w := range terms {
		pats[i] = "% " + w + "%"
	}
	return pats
}

// rankExpr returns the rank of the row on alias a: 0 when its sort name
// holds each typed word at a word's start, else 1.
func rankExpr(p *params, a string, patterns []string) string {
	conds := make([]string, len(patterns))
	for i, pat := range patterns {
		conds[i] = "(' ' || " + a + ".sort_name) LIKE " + p.add(pat)
	}
	return "CASE WHEN " + strings.Join(conds, " AND ") + " THEN 0 ELSE 1 END"
}

// alternatives splits a word of searchQuery into its alternatives.
func alternatives(word string) []string { return strings.Split(word, "|") }

// foldRune lowers r and strips the accent of the Latin letters names carry
// ("é" → "e"); it returns -1 for a combining mark.
func foldRune(r rune) rune {
	if unicode.Is(unicode.Mn, r) {
		return -1
	}
	r = unicode.ToLower(r)
	if r < 0xC0 || r > 0x17F {
		return r
	}
	for _, f := range latinFolds {
		if strings.ContainsRune(f[1:], r) {
			return rune(f[0])
		}
	}
	return r
}

// latinFolds lists, after each base letter, its accented Latin-1 and Latin
// Extended-A lower-case forms.
var latinFolds = [...]string{
	"aàáâãäåāăą", "cçćĉċč", "dďđ", "eèéêëēĕėęě", "gĝğġģ", "hĥħ", "iìíîïĩīĭįı", "jĵ", "kķ",
	"lĺļľŀł", "nñńņňŉ", "oòóôõöøōŏő", "rŕŗř", "sśŝşš", "tţťŧ", "uùúûüũūŭůűų", "wŵ", "yýÿŷ", "zźżž",
}

// SQLite's full-text index also holds facets: one token per filterable
// value of an enterprise (its region at every level, KBLI section, size,
// status, coaching, verification, digital channels, the owner's gender
// and disability, the checks of the data-quality figures, and "a1" when
// it is archived). A filtered search count is then an intersection of posting
// lists inside one index instead of a visit to every matching row. Facets
// live in their own FTS5 column, apart from the words the user searches,
// so no search can match a facet. Live records carry no archived token:
// nearly every record is live, and a token on each of them would be a
// posting list as long as the register that every query had to walk;
// queries for live records exclude "a1" instead.

// facetInput is what the facets of an enterprise hold besides its own
// fields: the section of its main KBLI code, and the checks of the
// data-quality figures against the clock and the regions in force, made
// as the kept counts make them (countOf), so that a list and its figure
// agree.
type facetInput struct {
	section      string
	nikValid     bool
	knownVillage bool
}

// facetInputOf returns the facet input of e.
func (s *Store) facetInputOf(e *bina.Enterprise) facetInput {
	return facetInput{section: s.kbliSection(e.MainKBLI()), nikValid: nikValid(e.Owner.NIK, s.now()), knownVillage: s.knownVillage(e.VillageCode)}
}

// enterpriseFacets returns the facet tokens of e.
func enterpriseFacets(e *bina.Enterprise, in facetInput) []string {
	section := in.section
	fs := make([]string, 0, 24)
	if e.ArchivedAt != nil {
		fs = append(fs, "a1")
	}
	for l := bina.LevelProvince; l <= bina.LevelVillage; l++ {
		if e.VillageCode.Level() >= l {
			fs = append(fs, regionFacet(e.VillageCode.Truncate(l)))
		}
	}
	if section != "" {
		fs = append(fs, facet("k", section))
	}
	if e.SizeComputed != "" {
		fs = append(fs, facet("s", e.SizeComputed))
	}
	fs = append(fs, facet("t", e.Status), facet("v", e.Verification))
	if e.Binaan {
		fs = append(fs, "b1")
	} else {
		fs = append(fs, "b0")
	}
	bits := digitalBits(e.Digital)
	if bits == 0 {
		fs = append(fs, "gnone")
	} else {
		fs = append(fs, "gany")
	}
	for _, c := range bina.DigitalChannels {
		if bit, _ := digitalBit(c.Code); bits&bit != 0 {
			fs = append(fs, facet("g", c.Code))
		}
	}
	fs = append(fs, facet("o", cmp.Or(e.Owner.Gender, "none")),
		yesNoFacet("od", e.Owner.Disability), yesNoFacet("n", in.nikValid), yesNoFacet("u", !in.knownVillage))
	if section != "" {
		fs = append(fs, "kany")
	} else {
		fs = append(fs, "knone")
	}
	return fs
}

// yesNoFacet is the token of a yes-or-no facet: prefix and 1 or 0. Both
// values have a token, so that either can be filtered by.
func yesNoFacet(prefix string, on bool) string {
	if on {
		return prefix + "1"
	}
	return prefix + "0"
}

// regionFacet is the facet of a region: a letter for its level and its
// code's digits ("d611201" for kecamatan 61.12.01).
func regionFacet(c bina.RegionCode) string {
	return facet(string("?prdw"[c.Level()]), string(c))
}

// facet returns prefix and the letters and digits of value, lower-cased.
func facet(prefix, value string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, r := range strings.ToLower(value) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The same filter values but the region are also kept, on both engines, as
// bits of one integer: the facets column of enterprises, which the list
// indexes carry (INCLUDE on PostgreSQL, trailing columns on SQLite), and of
// PostgreSQL's word table. A list filtered by section, size, status,
// coaching, verification, digital channel, the owner or a data-quality
// check then tests one integer inside the index it walks or counts,
// instead of reading every row it passes.
// The codes are fixed here, not derived from the order of bina's lists,
// because they are stored; TestListEnterprises filters by every code.
const (
	facetSectionShift      = 0  // 5 bits: KBLI section A-U as 1-21, 0 none
	facetSizeShift         = 5  // 3 bits: facetSizes
	facetStatusShift       = 8  // 3 bits: facetStatuses
	facetVerificationShift = 11 // 2 bits: facetVerifications
	facetBinaanShift       = 13 // 1 bit
	facetDigitalShift      = 14 // 5 bits: digitalBits
	// Bit 19 is left free. The owner's gender and disability, and the
	// checks of the data-quality figures (issue 13: a figure links to
	// its exact list).
	facetGenderShift    = 20 // 2 bits: facetGenders
	facetDisabledShift  = 22 // 1 bit: the owner has a disability
	facetKBLIShift      = 23 // 1 bit: a main KBLI code of a known section
	facetNIKValidShift  = 24 // 1 bit: the owner's NIK passes bina.CheckNIK
	facetNoVillageShift = 25 // 1 bit: the desa code is not among the regions in force

	facetSectionMask      = 31 << facetSectionShift
	facetSizeMask         = 7 << facetSizeShift
	facetStatusMask       = 7 << facetStatusShift
	facetVerificationMask = 3 << facetVerificationShift
	facetBinaan           = 1 << facetBinaanShift
	facetDigitalMask      = 31 << facetDigitalShift
	facetGenderMask       = 3 << facetGenderShift
	facetDisabled         = 1 << facetDisabledShift
	facetKBLI             = 1 << facetKBLIShift
	facetNIKValid         = 1 << facetNIKValidShift
	facetNoVillage        = 1 << facetNoVillageShift
)

// The codes of enumerated values; 0 is the empty value. A value missing
// here is stored as the largest code of its field and cannot be filtered
// by (facetFilter refuses it), so a code added to bina must be added here.
var (
	facetSizes         = map[string]int{"": 0, "mikro": 1, "kecil": 2, "menengah": 3, "besar": 4}
	facetStatuses      = map[string]int{"": 0, "aktif": 1, "tutup_sementara": 2, "tutup": 3, "pindah": 4, "tidak_ditemukan": 5}
	facetVerifications = map[string]int{"": 0, "belum": 1, "terverifikasi": 2, "perlu_perbaikan": 3}
	facetGenders       = map[string]int{"": 0, "L": 1, "P": 2}
)

// facetSection returns the code of a KBLI section: A-U as 1-21, "" as 0.
func facetSection(section string) (int, bool) {
	switch {
	case section == "":
		return 0, true
	case len(section) == 1 && section[0] >= 'A' && section[0] <= 'U':
		return int(section[0]-'A') + 1, true
	}
	return 0, false
}

// facetBits returns the facets column of e.
func facetBits(e *bina.Enterprise, in facetInput) int {
	section := in.section
	code := func(m map[string]int, v string, other int) int {
		if c, ok := m[v]; ok {
			return c
		}
		return other
	}
	sec, ok := facetSection(section)
	if !ok {
		sec = 31
	}
	bits := sec<<facetSectionShift |
		sizeRank(e.SizeComputed)<<facetSizeShift |
		code(facetStatuses, e.Status, 7)<<facetStatusShift |
		code(facetVerifications, e.Verification, 3)<<facetVerificationShift |
		digitalBits(e.Digital)<<facetDigitalShift |
		code(facetGenders, e.Owner.Gender, 3)<<facetGenderShift
	for _, f := range []struct {
		on  bool
		bit int
	}{{e.Binaan, facetBinaan}, {e.Owner.Disability, facetDisabled}, {section != "", facetKBLI},
		{in.nikValid, facetNIKValid}, {!in.knownVillage, facetNoVillage}} {
		if f.on {
			bits |= f.bit
		}
	}
	return bits
}

// sizeRank returns the facet code of a size class, which the size sort
// orders by (the size_rank column, migration 0029): 0 for unknown, then
// mikro to besar, and 7 for a class this code does not know.
func sizeRank(size string) int {
	if c, ok := facetSizes[size]; ok {
		return c
	}
	return 7
}

// sizeRankOf returns the size class of the facets column of the alias a
// ("" for none): what the size_rank column holds (migration 0029).
func sizeRankOf(a string) string {
	if a != "" {
		a += "."
	}
	return "(" + a + "facets >> " + strconv.Itoa(facetSizeShift) + ") & 7"
}

// facetFilter is a condition on the facets column: (facets & mask) =
// value, and, when anyDigital is set, (facets & facetDigitalMask) <> 0.
type facetFilter struct {
	mask, value int
	anyDigital  bool
}

// is adds the condition that the bits under mask equal those of value.
func (ff *facetFilter) is(mask, value int) {
	ff.mask |= mask
	ff.value = ff.value&^mask | value&mask
}

// conds renders the filter on the facets column col.
func (ff facetFilter) conds(p *params, col string) []string {
	var out []string
	if ff.mask != 0 {
		out = append(out, "("+col+" & "+p.add(ff.mask)+") = "+p.add(ff.value))
	}
	if ff.anyDigital {
		out = append(out, "("+col+" & "+p.add(facetDigitalMask)+") <> 0")
	}
	return out
}
