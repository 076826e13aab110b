package importer

import (
	"bina/imports"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"bina"
)

// normName is a region name reduced to what identifies it.
type normName struct {
	key   string // canonical: no prefix, abbreviations spelt out, numbers as digits, no spaces
	loose string // the same with numbers as written ("limapuluh" for "Lima Puluh")
	full  string // with the level prefix kept ("kotabaru" for "Kota Baru")
	redup string // "olak2" read as "olak olak", when the name has such a word
	toks  []string
	sig   string // the numbers and single letters, which tell regions apart
	kind  byte   // 'k' Kabupaten, 'c' Kota, 0 unknown or not a regency
}

// levelPrefixes are the words before a name that give its level. They are
// dropped when a name follows them.
var levelPrefixes = [...]map[string]byte{
	bina.LevelProvince: {"provinsi": 0, "prov": 0, "propinsi": 0, "prop": 0, "province": 0},
	bina.LevelRegency:  {"kabupaten": 'k', "kab": 'k', "kabupatén": 'k', "regency": 'k', "kota": 'c', "kotamadya": 'c', "kodya": 'c', "city": 'c', "administrasi": 0, "adm": 0},
	bina.LevelDistrict: {"kecamatan": 0, "kec": 0, "kc": 0, "distrik": 0, "district": 0},
	bina.LevelVillage:  {"desa": 0, "ds": 0, "kelurahan": 0, "kel": 0, "kalurahan": 0, "village": 0},
}

// regionAbbrev spells out the abbreviations of place-name words.
var regionAbbrev = map[string]string{
	"sei": "sungai", "sui": "sungai", "sg": "sungai", "sng": "sungai", "sungei": "sungai", "sunga": "sungai",
	"tlk": "teluk", "tl": "teluk",
	"tj": "tanjung", "tg": "tanjung", "tjg": "tanjung", "tanjong": "tanjung",
	"kp": "kampung", "kpg": "kampung", "kamp": "kampung", "kampong": "kampung",
	"prt": "parit", "psr": "pasar", "smp": "simpang", "spg": "simpang", "simp": "simpang",
	"pdg": "padang", "pmtg": "pematang", "pmt": "pematang", "dlm": "dalam", "kla": "kuala",
	"ut": "utara", "utr": "utara", "sel": "selatan", "slt": "selatan", "tim": "timur", "tmr": "timur", "brt": "barat", "bar": "barat",
	"kep": "kepulauan", "kepl": "kepulauan", "pulo": "pulau", "pl": "pulau",
	"dki": "daerah khusus ibukota", "diy": "daerah istimewa yogyakarta",
}

// numberWords are the Indonesian number words used in place names.
var numberWords = map[string]string{
	"satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5", "enam": "6", "tujuh": "7",
	"delapan": "8", "sembilan": "9", "sepuluh": "10", "sebelas": "11",
}

// provinceAliases are the short names of provinces in daily use, as keys.
var provinceAliases = map[string]string{
	"nad": "aceh", "nanggroeacehdarussalam": "aceh", "diyogyakarta": "daerahistimewayogyakarta",
	"sumut": "sumaterautara", "sumbar": "sumaterabarat", "sumsel": "sumateraselatan",
	"sumaterautara": "sumaterautara", "sumatrautara": "sumaterautara", "sumatrabarat": "sumaterabarat", "sumatraselatan": "sumateraselatan",
	"babel": "kepulauanbangkabelitung", "bangkabelitung": "kepulauanbangkabelitung", "kepri": "kepulauanriau",
	"jakarta": "daerahkhususibukotajakarta", "daerahkhususibukotajakarta": "daerahkhususibukotajakarta", "daerahkhususjakarta": "daerahkhususibukotajakarta",
	"jabar": "jawabarat", "jateng": "jawatengah", "jatim": "jawatimur",
	"yogyakarta": "daerahistimewayogyakarta", "jogja": "daerahistimewayogyakarta", "jogjakarta": "daerahistimewayogyakarta", "yogya": "daerahistimewayogyakarta",
	"ntb": "nusatenggarabarat", "ntt": "nusatenggaratimur",
	"kalbar": "kalimantanbarat", "kalteng": "kalimantantengah", "kalsel": "kalimantanselatan", "kaltim": "kalimantantimur", "kaltara": "kalimantanutara",
	"sulut": "sulawesiutara", "sulteng": "sulawesitengah", "sulsel": "sulawesiselatan", "sultra": "sulawesitenggara", "sulbar": "sulawesibarat",
	"malut": "malukuutara", "pabar": "papuabarat", "papbar": "papuabarat", "pbd": "papuabaratdaya", "papsel": "papuaselatan", "papteng": "papuatengah",
}

// normRegion reduces a region name at level l to its normName.
func normRegion(s string, l bina.RegionLevel) normName {
	var toks []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			toks = append(toks, b.String())
			b.Reset()
		}
	}
	prevDigit := false
	for _, r := range strings.ToLower(s) {
		r = imports.FoldAccent(r)
		switch {
		case r == '\'' || r == '’' || r == '`' || r == '‘':
			// "Ma'rang": the apostrophe joins.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			d := unicode.IsDigit(r)
			if b.Len() > 0 && d != prevDigit {
				flush() // "jaya1" is "jaya 1"
			}
			prevDigit = d
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	var n normName
	// Level prefixes, possibly several ("Kota Administrasi", "Kab. Adm.").
	prefixes := levelPrefixes[l]
	full := strings.Join(toks, "")
	for len(toks) > 1 {
		k, ok := prefixes[toks[0]]
		if !ok {
			break
		}
		if k != 0 {
			n.kind = k
		}
		toks = toks[1:]
	}
	var key, loose strings.Builder
	var sig []string
	n.toks = make([]string, 0, len(toks))
	redup := false
	for i, t := range toks {
		if a, ok := regionAbbrev[t]; ok {
			t = strings.ReplaceAll(a, " ", "")
		}
		loose.WriteString(t)
		if isDigits(t) {
			t = strings.TrimLeft(t, "0")
			if t == "" {
				t = "0"
			}
		} else if w, ok := numberWords[t]; ok {
			t = w
		} else if v, ok := romanValue(t); ok {
			t = v
		}
		if isSigToken(t) {
			sig = append(sig, t)
		}
		n.toks = append(n.toks, t)
		// "Olak2": the 2 repeats the word before it. Kept as another
		// spelling, because "Jaya 2" is a number.
		if t == "2" && i > 0 && !isDigits(toks[i-1]) {
			redup = true
		}
		key.WriteString(t)
	}
	n.key = key.String()
	n.loose = loose.String()
	if n.full = full; n.full == n.key {
		n.full = ""
	}
	if redup {
		var r strings.Builder
		for i, t := range toks {
			if t == "2" && i > 0 {
				r.WriteString(toks[i-1])
				continue
			}
			r.WriteString(t)
		}
		n.redup = r.String()
	}
	sort.Strings(sig)
	n.sig = strings.Join(sig, ",")
	if l == bina.LevelProvince {
		if a, ok := provinceAliases[n.key]; ok {
			n.key = a
		}
	}
	return n
}

// romanValue reads a Roman numeral of I, V and X (1 to 39), the way
// numbered villages are written ("Rasau Jaya I", "Pal IX").
func romanValue(s string) (string, bool) {
	if s == "" || len(s) > 6 || strings.Trim(s, "ivx") != "" {
		return "", false
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10}
	total := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if i+1 < len(s) && val[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total >= 40 || toRoman(total) != s {
		return "", false
	}
	return strconv.Itoa(total), true
}

func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
