package importer

// Cell parsers for enumerations: yes/no, gender, size, education, options.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"bina"
)

// normWord lower-cases a cell and folds punctuation to single spaces, for
// looking up enumeration words.
func normWord(s string) string {
	var buf [64]byte
	return string(appendNormWord(buf[:0], s))
}

// lookupWord looks a cell up by its normWord among words, without
// allocating.
func lookupWord[M ~map[string]string](words M, s string) (string, bool) {
	var buf [64]byte
	v, ok := words[string(appendNormWord(buf[:0], s))]
	return v, ok
}

// appendNormWord appends normWord(s) to dst. Looking a cell up with
// m[string(appendNormWord(buf[:0], s))] allocates nothing.
func appendNormWord(dst []byte, s string) []byte {
	s = strings.TrimSpace(s)
	start := len(dst)
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return appendNormWordRunes(dst[:start], s)
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, c)
	}
	return dst
}

// appendNormWordRunes is appendNormWord for text beyond ASCII.
func appendNormWordRunes(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = utf8.AppendRune(dst, r)
			continue
		}
		space = true
	}
	return dst
}

var boolWords = map[string]bool{
	"ya": true, "y": true, "iya": true, "yes": true, "ada": true, "punya": true, "sudah": true, "pernah": true,
	"1": true, "true": true, "benar": true, "betul": true, "v": true, "x": true, "✓": true, "✔": true, "☑": true, "√": true, "ok": true,
	"tidak": false, "tdk": false, "t": false, "tak": false, "no": false, "n": false, "0": false, "false": false, "f": false,
	"salah": false, "tidak ada": false, "tdk ada": false, "belum": false, "belum ada": false, "tidak punya": false, "bukan": false, "none": false,
}

// ParseBool reads a yes/no cell. Yes: ya, y, iya, yes, ada, punya, sudah,
// 1, true, benar, v, x, ✓. No: tidak, tdk, t, no, n, 0, false, salah, tidak
// ada, belum. "t" is tidak, as in Indonesian y/t forms, not the English
// true; "x" is a mark in a box, so yes. A blank cell is no. Anything else
// (such as ✗, which some use for no and some for a ticked box) is refused.
func ParseBool(s string) (bool, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return false, bina.Text{}, true
	}
	if v, ok := boolWords[strings.ToLower(raw)]; ok {
		return v, bina.Text{}, true
	}
	var buf [64]byte
	if v, ok := boolWords[string(appendNormWord(buf[:0], raw))]; ok {
		return v, bina.Text{}, true
	}
	return false, textf("isian %q bukan ya/tidak", "%q is not yes/no", clip(raw)), false
}

var genderWords = map[string]string{
	"l": "L", "lk": "L", "lk2": "L", "laki": "L", "laki laki": "L", "laki2": "L", "lakilaki": "L", "lelaki": "L", "pria": "L", "cowok": "L",
	"male": "L", "m": "L", "man": "L", "bapak": "L", "bpk": "L",
	"p": "P", "pr": "P", "prp": "P", "pere": "P", "perempuan": "P", "wanita": "P", "cewek": "P", "female": "P", "f": "P", "w": "P", "woman": "P", "ibu": "P",
}

// ParseGender reads a gender and returns its code in Genders ("L" or "P"):
// L, Lk, laki-laki, pria, male, M; P, Pr, perempuan, wanita, female, F, W.
// A blank cell gives "".
func ParseGender(s string) (string, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return "", bina.Text{}, true
	}
	if g, ok := lookupWord(genderWords, raw); ok {
		return g, bina.Text{}, true
	}
	return "", textf("jenis kelamin %q tidak dikenali; tulis L atau P", "gender %q not understood; write L or P", clip(raw)), false
}

var sizeWords = map[string]string{
	"mikro": "mikro", "micro": "mikro", "usaha mikro": "mikro", "umi": "mikro", "ultra mikro": "mikro", "usaha ultra mikro": "mikro", "um i": "mikro",
	"kecil": "kecil", "small": "kecil", "usaha kecil": "kecil", "uk": "kecil",
	"menengah": "menengah", "medium": "menengah", "usaha menengah": "menengah", "umen": "menengah",
	"besar": "besar", "large": "besar", "usaha besar": "besar", "ub": "besar",
}

// ParseSize reads the size the owner reported and returns its code in
// Sizes: "mikro", "Usaha Mikro", "UMi" (the ministry's abbreviation, also
// used for ultra-micro, a kind of micro), "kecil", "UK", "menengah", "besar",
// "UB", and the English words.
//
// "UM" is refused: the ministry's statistics use it for usaha menengah
// while many offices write it for usaha mikro, and the two differ by a
// hundredfold in sales. "UMK" (mikro and kecil together) and "UMKM" say no
// size and are refused too.
func ParseSize(s string) (string, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return "", bina.Text{}, true
	}
	x := normWord(raw)
	if v, ok := sizeWords[x]; ok {
		return v, bina.Text{}, true
	}
	// "Mikro (omzet s/d 2 M)": the label first, an explanation after.
	if w := strings.Fields(x); len(w) > 1 {
		if v, ok := sizeWords[w[0]+" "+w[1]]; ok && w[0] == "usaha" {
			return v, bina.Text{}, true
		}
		if v, ok := sizeWords[w[0]]; ok && w[0] != "usaha" {
			return v, bina.Text{}, true
		}
	}
	switch x {
	case "um":
		return "", textf("skala %q bisa berarti usaha mikro atau menengah; tulis mikro, kecil atau menengah", "size %q may mean micro or medium; write mikro, kecil or menengah", clip(raw)), false
	case "umk", "umkm", "ukm":
		return "", textf("%q tidak menyebut satu skala; tulis mikro, kecil atau menengah", "%q names no single size; write mikro, kecil or menengah", clip(raw)), false
	}
	return "", textf("skala usaha %q tidak dikenali; tulis mikro, kecil atau menengah", "business size %q not understood; write mikro, kecil or menengah", clip(raw)), false
}

var educationWords = map[string]string{
	"tidak sekolah": "tidak_sekolah", "belum sekolah": "tidak_sekolah", "tidak belum sekolah": "tidak_sekolah", "tidak tamat sd": "tidak_sekolah", "tidak pernah sekolah": "tidak_sekolah", "none": "tidak_sekolah",
	"sd": "sd", "sd sederajat": "sd", "mi": "sd", "sekolah dasar": "sd", "primary": "sd", "tamat sd": "sd",
	"smp": "smp", "smp sederajat": "smp", "mts": "smp", "sltp": "smp", "junior high school": "smp",
	"sma": "sma", "smk": "sma", "sma smk": "sma", "sma sederajat": "sma", "sma smk sederajat": "sma", "ma": "sma", "slta": "sma", "stm": "sma", "smea": "sma", "senior high school": "sma",
	"d1": "d3", "d2": "d3", "d3": "d3", "diploma": "d3", "d1 d3": "d3", "diploma d1 d3": "d3", "akademi": "d3",
	"d4": "s1", "s1": "s1", "sarjana": "s1", "d4 s1": "s1", "sarjana d4 s1": "s1", "bachelor": "s1",
	"s2": "s2", "s3": "s2", "magister": "s2", "doktor": "s2", "pascasarjana": "s2", "s2 s3": "s2", "pascasarjana s2 s3": "s2", "postgraduate": "s2",
}

// ParseEducation reads the owner's schooling and returns its code in
// Educations: "SD", "SMP/sederajat", "SMA", "SMK", "SLTA", "D3", "S1",
// "S2", the labels of Educations and the census wording.
func ParseEducation(s string) (string, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return "", bina.Text{}, true
	}
	if v, ok := educationOf(raw, nil); ok {
		return v, bina.Text{}, true
	}
	return "", badEducation(raw), false
}

// educationOf looks a cell that is not blank up among the words and the
// labels of Educations; labels, when not nil, indexes the labels.
func educationOf(raw string, labels optionIndex) (string, bool) {
	if v, ok := lookupWord(educationWords, raw); ok {
		return v, true
	}
	var v string
	var ok bool
	if labels != nil {
		v, ok = lookupWord(labels, raw)
	} else {
		v, _, ok = ParseOption(raw, bina.Educations)
	}
	return v, ok && v != ""
}

// badEducation is the problem of a schooling that cannot be read.
func badEducation(raw string) bina.Text {
	return textf("pendidikan %q tidak dikenali", "education %q not understood", clip(raw))
}

// ParseOption reads a value of an enumeration by its code or its label in
// either language, ignoring case and punctuation: "Tutup Sementara",
// "tutup_sementara" and "Temporarily closed" all give "tutup_sementara".
func ParseOption(s string, os bina.Options) (string, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return "", bina.Text{}, true
	}
	var xb, ob [64]byte
	x := appendNormWord(xb[:0], raw)
	for _, o := range os {
		if string(x) == string(appendNormWord(ob[:0], o.Code)) || string(x) == string(appendNormWord(ob[:0], o.ID)) || string(x) == string(appendNormWord(ob[:0], o.EN)) {
			return o.Code, bina.Text{}, true
		}
	}
	return "", badOption(raw, os), false
}

// optionIndex maps the folded code and labels of an enumeration's options
// to their codes, as ParseOption reads them: the first option wins.
type optionIndex map[string]string

func indexOptions(os bina.Options) optionIndex {
	x := make(optionIndex, 3*len(os))
	for _, o := range os {
		for _, w := range [...]string{o.Code, o.ID, o.EN} {
			k := normWord(w)
			if _, ok := x[k]; !ok {
				x[k] = o.Code
			}
		}
	}
	return x
}

// parse is ParseOption(s, os) for the options x indexes.
func (x optionIndex) parse(s string, os bina.Options) (string, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return "", bina.Text{}, true
	}
	if v, ok := lookupWord(x, raw); ok {
		return v, bina.Text{}, true
	}
	return "", badOption(raw, os), false
}

// badOption is the problem of a cell that names none of the options.
func badOption(raw string, os bina.Options) bina.Text {
	labels := make([]string, len(os))
	for i, o := range os {
		labels[i] = o.ID
	}
	return textf("isian %q tidak dikenali; pilih salah satu: %s", "%q not understood; choose one of: %s", clip(raw), strings.Join(labels, ", "))
}
