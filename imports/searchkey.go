package imports

import (
	"slices"
	"strings"
)

// Forgiving search (docs/search.md): the words of a business are found
// despite the common ways Indonesian spelling varies. Every stored word
// gets a spelling key beside it, and every query word matches either as
// typed or by its key, each as a prefix, so a search stays a lookup in the
// word index on both engines.
//
// The key of a word (lower case letters and digits, as the store folds
// them) is built in three steps:
//
//   - a whole word found in searchSynonyms is replaced by its long form
//     ("sei" → "sungai", "kec" → "kecamatan", "sambel" → "sambal");
//   - the old spellings and letter pairs that sound alike are written one
//     way ("oe" → "u", "dj" → "j", "tj" → "c", "kh" and "ch" → "h", "sy" → "s",
//     "dh" → "d", "th" → "t", "ph" → "f", "v" → "f", "q" → "k");
//   - doubled letters are written once ("muttiara" → "mutiara", "alloh"
//     → "aloh"), then the "e" spoken or dropped between a first consonant
//     and an "r" or "l" is dropped ("keripik" → "kripik", "terasi" →
//     "trasi", "kelapa" → "klapa").

// searchSynonyms maps abbreviations and spelling variants that no letter
// rule covers to one form. It is data: a word added here is found by its
// partners once the words are stored again (migration 0021's rebuild).
var searchSynonyms = map[string]string{
	// places
	"sei": "sungai", "sui": "sungai", "kec": "kecamatan", "kel": "kelurahan", "kab": "kabupaten",
	"ds": "desa", "dsn": "dusun", "jl": "jalan", "jln": "jalan", "gg": "gang", "kp": "kampung",
	"kamp": "kampung", "prov": "provinsi",
	// kinds of business
	"tk": "toko", "kop": "koperasi", "koprasi": "koperasi",
	// foods spelled two ways
	"sambel": "sambal", "telor": "telur", "baso": "bakso", "mi": "mie", "kueh": "kue",
	"tempeh": "tempe",
}

// spellingPairs are the letter pairs written one way, tried in order at
// each position.
var spellingPairs = [...][2]string{
	{"oe", "u"}, {"dj", "j"}, {"tj", "c"}, {"sj", "s"}, {"sy", "s"}, {"kh", "h"}, {"ch", "h"},
	{"dh", "d"}, {"th", "t"}, {"ph", "f"}, {"nj", "ny"},
}

// SearchKey returns the spelling key of a folded word. Words with other
// than ASCII letters and digits are their own key.
func SearchKey(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return w
		}
	}
	word := w
	if long, ok := searchSynonyms[w]; ok {
		w = long
	}
	// The key is built in one buffer, doubled letters dropped as they are
	// written: every stored word of every record passes here, and most
	// are their own key, returned without a copy.
	var buf [48]byte
	out := buf[:0]
	put := func(c byte) {
		if n := len(out); n == 0 || c != out[n-1] || c >= '0' && c <= '9' {
			out = append(out, c)
		}
	}
next:
	for i := 0; i < len(w); i++ {
		if strings.IndexByte(pairStarts, w[i]) >= 0 {
			for _, p := range spellingPairs {
				if strings.HasPrefix(w[i:], p[0]) {
					for j := 0; j < len(p[1]); j++ {
						put(p[1][j])
					}
					i += len(p[0]) - 1
					continue next
				}
			}
		}
		switch c := w[i]; c {
		case 'v':
			put('f')
		case 'q':
			put('k')
		default:
			put(c)
		}
	}
	if len(out) >= 4 && out[1] == 'e' && dropsE(out[0], out[2], out[3]) {
		out = append(out[:1], out[2:]...)
	}
	if string(out) == word {
		return word
	}
	return string(out)
}

// pairStarts are the first letters of spellingPairs.
const pairStarts = "odtskcpn"

// SearchVariants returns the keys of words that differ from the words,
// once each: what the store keeps beside a record's words. A key that
// differs from its word only by the dropped "e" ("keripik" → "kripik") is
// not kept: every query that reaches it also looks for the word with the
// "e" (SearchAlternatives), and the keys of so common a word would double
// what a search for it reads.
func SearchVariants(words []string) []string {
	var out []string
	if len(words) > 32 {
		seen := make(map[string]bool, len(words))
		for _, w := range words {
			seen[w] = true
		}
		for _, w := range words {
			if k := SearchKey(w); !seen[k] && !keyDropsE(k, w) {
				seen[k] = true
				out = append(out, k)
			}
		}
		return out
	}
	// A record's few words are compared in place: a map for each of them
	// cost more than the keys.
	for _, w := range words {
		if k := SearchKey(w); k != w && !slices.Contains(words, k) && !slices.Contains(out, k) && !keyDropsE(k, w) {
			out = append(out, k)
		}
	}
	return out
}

// keyDropsE reports whether withE(k) is w, without building it.
func keyDropsE(k, w string) bool {
	return schwa(k) && len(w) == len(k)+1 && w[0] == k[0] && w[1] == 'e' && w[2:] == k[1:]
}

// withE returns the key k with the "e" the key dropped after its first
// consonant put back, or "" when k has no such place.
func withE(k string) string {
	if !schwa(k) {
		return ""
	}
	return k[:1] + "e" + k[1:]
}

// SearchAlternatives returns the prefixes a query word matches: the word
// as typed, its key and, when the key begins with a consonant cluster
// whose "e" the key dropped, the key with that "e" ("kripik" → "keripik",
// the spelling names usually start with, so that the store can still read
// the names that start with it in name order). A prefix that another one
// starts is dropped ("kec" already finds what "kecamatan" finds).
func SearchAlternatives(w string) []string {
	k := SearchKey(w)
	alts := []string{w, k}
	if e := withE(k); e != "" {
		alts = append(alts, e)
	}
	var out []string
	for i, a := range alts {
		covered := slices.ContainsFunc(alts, func(b string) bool { return b != a && strings.HasPrefix(a, b) })
		if !covered && !slices.Contains(alts[:i], a) {
			out = append(out, a)
		}
	}
	return out
}

// schwa reports whether k begins with a consonant, an "r" or "l" and a
// vowel: where the key drops the spoken "e".
func schwa(k string) bool { return len(k) >= 3 && dropsE(k[0], k[1], k[2]) }

// dropsE reports whether a consonant, an "r" or "l" and a vowel follow
// each other: the letters around the spoken "e" that a key drops.
func dropsE(consonant, liquid, vowel byte) bool {
	return strings.IndexByte("bcdfgkpst", consonant) >= 0 && (liquid == 'r' || liquid == 'l') && strings.IndexByte("aeiou", vowel) >= 0
}
