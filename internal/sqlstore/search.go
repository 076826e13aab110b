package sqlstore

import (
	"strings"
	"unicode"

	"bina"
)

// Search works on words folded here, in Go, the same way for the stored
// text and for the query: lower case, accents removed, split at anything
// that is not a letter or a digit. Both engines then see plain words
// separated by spaces (FTS5's unicode61 tokenizer and PostgreSQL's 'simple'
// configuration split them identically), so a query means the same on
// both, and no user text can form search syntax.

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

// searchQuery folds a user's query; at most 8 words count, and words are
// cut to 40 characters, so that no query costs more than a few lookups.
func searchQuery(q string) string {
	ws := strings.Fields(searchWords(q))
	if len(ws) > 8 {
		ws = ws[:8]
	}
	for i, w := range ws {
		if r := []rune(w); len(r) > 40 {
			ws[i] = string(r[:40])
		}
	}
	return strings.Join(ws, " ")
}

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

// The full-text index also holds facets: one token per filterable value of
// an enterprise (its kecamatan, desa, KBLI section, size, status, coaching,
// verification, digital channels, archived or not). A filtered count is
// then an intersection of posting lists inside one index, on both engines,
// instead of a visit to every matching row; this is what keeps exact
// totals fast at a million records. Facets live apart from the words the
// user searches (their own FTS5 column on SQLite, an "_" prefix that folded
// words never carry on PostgreSQL), so no search can match a facet.

// enterpriseFacets returns the facet tokens of e, whose main KBLI code lies
// in section.
func enterpriseFacets(e *bina.Enterprise, section string) []string {
	fs := make([]string, 0, 16)
	if e.ArchivedAt != nil {
		fs = append(fs, "a1")
	} else {
		fs = append(fs, "a0")
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
	return fs
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
