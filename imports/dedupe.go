package imports

import (
	"bina"
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Duplicates: the same business arriving twice, within one file or against
// the register. Three rules make a row a candidate (DOMAIN.md section 2:
// no identifier is a safe key, so a person decides):
//
//   - the same NIB;
//   - the same owner NIK and a similar business name (one owner may run
//     several businesses, so the NIK alone is not enough);
//   - a similar business name in the same desa run by an owner with a
//     similar name. The owner's name is part of the rule because UMKM names
//     are generic ("Warung Kopi", "Toko Sembako" in every desa): two such
//     shops in one desa with different owners are two businesses.
//
// Names are compared by a key (NameKey, PersonKey): lower case, accents and
// punctuation removed, common words of business names ("toko", "usaha",
// "ud", "cv", "warung") or titles of persons ("Hj.", "Bapak", "S.Pd")
// dropped, and the words sorted, so that "UD. Berkah Jaya" and "Toko Jaya
// Berkah" compare equal. Two keys are similar when equal, or within one
// typing error (two for long names) of each other; inside one file and in
// indexed lookups only equal keys can be found, the typing errors count
// where candidates are compared one by one.

// The duplicate rules.
const (
	DuplicateNIB          = "nib"
	DuplicateNIKName      = "nik_name"
	DuplicateNameVillage  = "name_village"
	DuplicateRegistration = "registration_number" // cooperatives: the same Nomor Induk Koperasi
	// DuplicateChanged: the row's key names the record, but an identifier
	// in the file differs from the record's valid one (DecideUpdate).
	DuplicateChanged = "changed"
)

// DuplicateMatch says why a row looks like a business seen before: a row
// earlier in the same file (Line) and/or a record of the register
// (RecordID).
type DuplicateMatch struct {
	Rule     string    `json:"rule"`
	Line     int       `json:"line,omitempty"`
	RecordID int64     `json:"record_id,omitempty"`
	Reason   bina.Text `json:"reason"`
}

// DuplicateReason returns the reason shown in the review queue: "NIB sama
// dengan UMKM #123", "NIK pemilik sama dan nama mirip dengan baris 10".
func DuplicateReason(entity bina.Entity, rule string, line int, recordID int64) bina.Text {
	var what bina.Text
	switch rule {
	case DuplicateNIB:
		what = txt("NIB sama", "Same NIB")
	case DuplicateNIKName:
		what = txt("NIK pemilik sama dan nama mirip", "Same owner NIK and a similar name")
	case DuplicateNameVillage:
		what = txt("Nama usaha dan pemilik mirip di desa yang sama", "Similar business and owner names in the same village")
	case DuplicateRegistration:
		what = txt("Nomor induk koperasi sama", "Same cooperative registration number")
	default:
		what = txt("Mirip", "Similar")
	}
	if entity == bina.EntityCooperative && rule == DuplicateNameVillage {
		what = txt("Nama koperasi mirip di desa yang sama", "Similar cooperative name in the same village")
	}
	kind := txt("UMKM", "enterprise")
	if entity == bina.EntityCooperative {
		kind = txt("koperasi", "cooperative")
	}
	switch {
	case recordID > 0:
		n := strconv.FormatInt(recordID, 10)
		return bina.Text{ID: what.ID + " dengan " + kind.ID + " #" + n, EN: what.EN + " as " + kind.EN + " #" + n}
	case line > 0:
		n := strconv.Itoa(line)
		return bina.Text{ID: what.ID + " dengan baris " + n + " di berkas ini", EN: what.EN + " as row " + n + " of this file"}
	}
	return what
}

// nameNoise are the words of business names that say what kind of
// business it is rather than which one.
var nameNoise = map[string]bool{
	"toko": true, "tk": true, "usaha": true, "ud": true, "cv": true, "pt": true, "warung": true, "warkop": true,
	"kedai": true, "kios": true, "depot": true, "rumah": true, "makan": false, "umkm": true, "ukm": true,
	"industri": true, "home": true, "kelompok": true, "kel": true, "koperasi": true, "kop": true, "kopsa": true,
	"dagang": true, "firma": true, "fa": true, "the": true, "dan": true, "and": true, "&": true, "tbk": true,
	"perorangan": true, "persero": true, "bumdes": false,
}

// personNoise are titles and forms of address around a person's name.
var personNoise = map[string]bool{
	"h": true, "hj": true, "haji": true, "hajjah": true, "hajah": true, "bu": true, "ibu": true, "pak": true,
	"bapak": true, "bpk": true, "sdr": true, "sdri": true, "tn": true, "ny": true, "nn": true, "dr": true,
	"drs": true, "dra": true, "ir": true, "st": true, "se": true, "sh": true, "spd": true, "s": true, "pd": true,
	"sp": true, "skom": true, "amd": true, "ssos": true, "mm": true, "mpd": true, "msi": true, "kh": true,
	"ust": true, "ustadz": true, "ustazah": true, "almarhum": true, "alm": true,
	// the second parts of degrees written with dots: S.Pd, S.Kom, A.Md, S.Sos
	"kom": true, "sos": true, "ag": true, "md": true, "hut": true, "kep": true, "keb": true, "si": true, "ak": true,
}

// NameKey returns the key by which business names are compared: see the
// comment at the top of this file. A name made only of common words keeps
// them, so that "Toko" alone still has a key.
func NameKey(name string) string { return wordKey(name, nameNoise) }

// PersonKey returns the key by which persons' names are compared: titles
// dropped, words sorted.
func PersonKey(name string) string { return wordKey(name, personNoise) }

func wordKey(s string, noise map[string]bool) string {
	// ASCII names of up to 16 words, nearly all, are folded, split and
	// sorted on the stack.
	var lower [128]byte
	if len(s) > len(lower) {
		return wordKeyRunes(s, noise)
	}
	b := lower[:0]
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return wordKeyRunes(s, noise)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b = append(b, c)
		case c == '\'' || c == '`':
			// "Ma'ruf" is one word.
		default:
			b = append(b, ' ')
		}
	}
	var wordBuf, allBuf [16][]byte
	nw, na := 0, 0
	for len(b) > 0 {
		i := bytes.IndexByte(b, ' ')
		if i < 0 {
			i = len(b)
		}
		if w := b[:i]; len(w) > 0 {
			if na == len(allBuf) {
				return wordKeyRunes(s, noise)
			}
			allBuf[na] = w
			na++
			if !noise[string(w)] {
				wordBuf[nw] = w
				nw++
			}
		}
		b = b[min(i+1, len(b)):]
	}
	words := wordBuf[:nw]
	if nw == 0 {
		words = allBuf[:na]
	}
	// Sorted by insertion: a name has a few words.
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && bytes.Compare(words[j], words[j-1]) < 0; j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
	var out [128]byte
	key := out[:0]
	for i, w := range words {
		if i > 0 && bytes.Equal(w, words[i-1]) {
			continue
		}
		if len(key) > 0 {
			key = append(key, ' ')
		}
		key = append(key, w...)
	}
	return string(key)
}

// wordKeyRunes is wordKey for names beyond ASCII.
func wordKeyRunes(s string, noise map[string]bool) string {
	var buf [16]string
	words := buf[:0]
	all := buf[:0:0]
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		all = append(all, w)
		if !noise[w] {
			words = append(words, w)
		}
	}
	for _, r := range s {
		r = FoldAccent(unicode.ToLower(r))
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '`':
			// "Ma'ruf" is one word.
		default:
			flush()
		}
	}
	flush()
	if len(words) == 0 {
		words = all
	}
	slices.Sort(words)
	words = slices.Compact(words)
	return strings.Join(words, " ")
}

// SimilarKeys reports whether two name keys name the same thing: equal, or
// within one typing error (two for keys of 12 letters or more). Short keys
// must be equal: "sari" and "sara" are two shops.
func SimilarKeys(a, b string) bool {
	if a == b {
		return a != ""
	}
	n := min(len(a), len(b))
	switch {
	case n < 6:
		return false
	case n < 12:
		return EditDistance(a, b, 1) <= 1
	}
	return EditDistance(a, b, 2) <= 2
}

// DuplicateKeys are the values a record is compared by.
type DuplicateKeys struct {
	NIB     string
	NIK     string // the owner's NIK (enterprises)
	Reg     string // the registration number (cooperatives)
	Name    string // NameKey of the business or cooperative name
	Owner   string // PersonKey of the owner's name (enterprises)
	Village bina.RegionCode
}

// EnterpriseKeys returns the duplicate keys of e.
func EnterpriseKeys(e *bina.Enterprise) DuplicateKeys {
	return DuplicateKeys{NIB: e.NIB, NIK: e.Owner.NIK, Name: NameKey(e.Name), Owner: PersonKey(e.Owner.Name), Village: e.VillageCode}
}

// CooperativeKeys returns the duplicate keys of c.
func CooperativeKeys(c *bina.Cooperative) DuplicateKeys {
	return DuplicateKeys{NIB: c.NIB, Reg: c.RegistrationNumber, Name: NameKey(c.Name), Village: c.VillageCode}
}

// FoldAccent folds the accented letters that appear in typed names.
func FoldAccent(r rune) rune {
	switch r {
	case 'á', 'à', 'â', 'ä':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'í', 'ì', 'î', 'ï':
		return 'i'
	case 'ó', 'ò', 'ô', 'ö':
		return 'o'
	case 'ú', 'ù', 'û', 'ü':
		return 'u'
	}
	return r
}

// EditDistance is the optimal-string-alignment (restricted Damerau-
// Levenshtein) distance of a and b: insertions, deletions, substitutions
// and swaps of neighbours each cost one. It stops early and returns
// limit+1 once the distance must exceed limit.
func EditDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(b) > 63 || len(a) > 63 {
		if a == b {
			return 0
		}
		return limit + 1
	}
	var rows [3][64]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}
