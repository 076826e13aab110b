package importer

// Cell parsers for numbers: rupiah amounts and counts of people.

import (
	"math"
	"strconv"
	"strings"

	"bina"
)

// splitNumber reads a number written with '.' and ',' as thousands or
// decimal separators and returns its integer and fraction digits.
//
// The rules, in order:
//   - both separators present: the one that comes last is the decimal
//     separator ("1.500.000,50", "1,500,000.50");
//   - one separator, several times: thousands ("1.500.000", "1,500,000");
//   - one separator, once, followed by exactly three digits after one to
//     three digits ("1.500", "1,500"): thousands, because a rupiah amount or
//     a count with three decimals makes no sense. With a unit after it
//     ("1.500 jt") both readings make sense (1,500 juta in Indonesian use,
//     1.5 juta in English use), so the caller passes unit and gets
//     ambiguous;
//   - one separator, once, otherwise: decimal ("1,5", "1500.0", "0,500").
//
// Thousands groups must have three digits, or the number is refused rather
// than read in a way its writer did not mean.
func splitNumber(s string, unit bool) (intPart, frac string, ambiguous, ok bool) {
	if s == "" {
		return "", "", false, false
	}
	dots, commas := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dots++
		case c == ',':
			commas++
		case c < '0' || c > '9':
			return "", "", false, false
		}
	}
	switch {
	case dots == 0 && commas == 0:
		return s, "", false, true
	case dots > 0 && commas > 0:
		dec := byte(',')
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			dec = '.'
		}
		group := byte('.')
		if dec == '.' {
			group = ','
		}
		if dec == '.' && dots != 1 || dec == ',' && commas != 1 {
			return "", "", false, false
		}
		i := strings.IndexByte(s, dec)
		whole, ok := ungroup(s[:i], group)
		if !ok || !isDigits(s[i+1:]) {
			return "", "", false, false
		}
		return whole, s[i+1:], false, true
	}
	sep, n := byte('.'), dots
	if commas > 0 {
		sep, n = ',', commas
	}
	if n > 1 {
		whole, ok := ungroup(s, sep)
		return whole, "", false, ok
	}
	i := strings.IndexByte(s, sep)
	before, after := s[:i], s[i+1:]
	if after == "" { // "1500." or "1500,"
		return before, "", false, isDigits(before)
	}
	if !isDigits(after) || (before != "" && !isDigits(before)) {
		return "", "", false, false
	}
	if len(after) == 3 && len(before) >= 1 && len(before) <= 3 && before != "0" {
		if unit {
			return "", "", true, false
		}
		return before + after, "", false, true
	}
	if before == "" {
		before = "0"
	}
	return before, after, false, true
}

// ungroup removes thousands separators, checking the groups of three.
func ungroup(s string, sep byte) (string, bool) {
	n := strings.IndexByte(s, sep)
	if n < 0 {
		n = len(s)
	}
	if n < 1 || n > 3 || !isDigits(s[:n]) {
		return "", false
	}
	if n == len(s) {
		return s, true
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:n]...)
	for rest := s[n:]; rest != ""; {
		rest = rest[1:] // the separator
		g := strings.IndexByte(rest, sep)
		if g < 0 {
			g = len(rest)
		}
		if g != 3 || !isDigits(rest[:3]) {
			return "", false
		}
		b = append(b, rest[:3]...)
		rest = rest[3:]
	}
	return string(b), true
}

// scaled returns intPart.frac × 10^exp as an int64, rounding half away from
// zero. rounded reports that a non-zero fraction was dropped; ok is false on
// overflow. It works on the digits, so no floating point ever touches money.
func scaled(intPart, frac string, exp int) (v int64, rounded, ok bool) {
	digits := strings.TrimLeft(intPart+frac, "0")
	point := len(digits) - len(frac) + exp // digits before the decimal point
	if digits == "" {
		return 0, false, true
	}
	if point > 19 {
		return 0, false, false
	}
	// The digits before the point, then those after it (rest), padded
	// with zeros on the side of the point.
	whole, zeros, rest, restFirst := digits, 0, "", byte('0')
	switch {
	case point <= 0:
		whole, rest = "", digits
		if point == 0 {
			restFirst = digits[0]
		}
	case point >= len(digits):
		zeros = point - len(digits)
	default:
		whole, rest = digits[:point], digits[point:]
		restFirst = rest[0]
	}
	var u uint64
	for i := 0; i < len(whole); i++ {
		u = u*10 + uint64(whole[i]-'0')
	}
	for range zeros {
		u *= 10
	}
	if u > math.MaxInt64 {
		return 0, false, false
	}
	if strings.Trim(rest, "0") != "" {
		rounded = true
		if restFirst >= '5' {
			u++
			if u > math.MaxInt64 {
				return 0, false, false
			}
		}
	}
	return int64(u), rounded, true
}

// sciNotation splits a number in scientific notation ("6.11201E+15",
// "6,11201e15") into its mantissa and exponent.
func sciNotation(s string) (mantissa string, exp int, ok bool) {
	i := strings.IndexAny(s, "eE")
	if i <= 0 || i == len(s)-1 {
		return "", 0, false
	}
	m, e := s[:i], s[i+1:]
	if e[0] == '+' || e[0] == '-' {
		if len(e) == 1 {
			return "", 0, false
		}
	}
	n, err := strconv.Atoi(e)
	if err != nil || n > 400 || n < -400 {
		return "", 0, false
	}
	m = strings.TrimPrefix(m, "+")
	if m == "" || strings.Count(m, ".")+strings.Count(m, ",") > 1 {
		return "", 0, false
	}
	for _, c := range []byte(m) {
		if c != '.' && c != ',' && (c < '0' || c > '9') {
			return "", 0, false
		}
	}
	if !strings.ContainsAny(m, "0123456789") {
		return "", 0, false
	}
	return m, n, true
}

// significantDigits counts the digits of a mantissa without leading zeros
// and without trailing zeros of its fraction.
func significantDigits(m string) int {
	d := strings.Map(func(r rune) rune {
		if r == '.' || r == ',' {
			return -1
		}
		return r
	}, m)
	d = strings.TrimLeft(d, "0")
	if strings.ContainsAny(m, ".,") {
		d = strings.TrimRight(d, "0")
	}
	return len(d)
}

// rupiahUnits are the words and letters written after an amount, as powers
// of ten. "M" is miliar (10⁹) as Indonesians write it, never the English
// million; "k" is the thousand of informal writing ("500k").
var rupiahUnits = map[string]int{
	"rb": 3, "rbu": 3, "ribu": 3, "k": 3, "rban": 3,
	"jt": 6, "jta": 6, "juta": 6, "jutaan": 6,
	"m": 9, "mil": 9, "miliar": 9, "milyar": 9, "milyard": 9, "miliard": 9, "mlyr": 9, "mlr": 9, "myr": 9,
	"t": 12, "tn": 12, "triliun": 12, "trilyun": 12,
}

// Prefixes that say an amount is an estimate. The amount is kept with a note.
var approxPrefixes = []string{"±", "+/-", "+-", "kuranglebih", "kurleb", "lebihkurang", "sekitar", "kira-kira", "kirakira", "kira2", "kira", "ca.", "approx."}

// Suffixes that give an amount per year; removed. Per month, week or day
// amounts are refused: turning them into a year is the office's decision.
var (
	perYear  = []string{"/tahun", "/thn", "/th", "/tahunnya", "pertahun", "per-tahun", "setahun", "/year", "/yr", "peryear", "/annum"}
	perOther = []string{"/bulan", "/bln", "/bl", "perbulan", "per-bulan", "sebulan", "/month", "/minggu", "/mgg", "perminggu", "seminggu", "/hari", "/hr", "perhari", "sehari", "/day"}
)

// ParseRupiah reads a rupiah amount as people write it: "1.500.000",
// "1,500,000", "Rp 1.500.000,-", "Rp1,5 jt", "1,5 juta", "1.5jt", "500 rb",
// "2 M", "2 miliar", "1,5 M", "Rp 2.500.000/tahun", "1500000.0".
//
// Decisions on the unclear cases:
//   - "M" is miliar, the Indonesian abbreviation, never the English million.
//   - A single separator followed by three digits is a thousands separator
//     ("1.500" and "1,500" are both 1,500) because nobody writes rupiah to
//     three decimals; with a unit ("1.500 jt") it is refused as ambiguous.
//   - Money is whole rupiah. A fraction left after applying the unit ("Rp
//     1.234.567,89") is rounded half away from zero, with a note. A bare
//     number below 1,000 with a fraction ("1,5") is refused: it is almost
//     always an amount whose unit ("juta") was left out.
//   - Negative amounts, ranges ("1-2 juta"), amounts per month, week or day
//     and numbers in scientific notation as Excel displays them ("1.5E+06",
//     at most six significant digits, so digits may be lost) are refused.
//   - Amounts above the int64 range are refused.
func ParseRupiah(s string) (int64, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return 0, bina.Text{}, true
	}
	if msg, bad := excelError(raw); bad {
		return 0, msg, false
	}
	if len(raw) > 100 {
		return 0, textf("nilai rupiah terlalu panjang", "the rupiah amount is too long"), false
	}
	x := lowerNoSpaces(raw)
	if num, unitWord, ok := plainRupiah(x); ok {
		return rupiahNumber(raw, num, unitWord, nil)
	}
	var notes []bina.Text
	for _, p := range approxPrefixes {
		if strings.HasPrefix(x, p) {
			x = x[len(p):]
			notes = append(notes, textf("nilai perkiraan (%s)", "an estimate (%s)", clip(raw)))
			break
		}
	}
	if strings.Contains(x, "s/d") || strings.Contains(x, "sampai") || strings.Contains(x, "hingga") {
		return 0, textf("nilai rupiah %q berupa rentang; isi satu angka", "rupiah amount %q is a range; give one number", clip(raw)), false
	}
	for _, p := range perOther {
		if strings.HasSuffix(x, p) {
			return 0, textf("nilai %q bukan per tahun; isi jumlah setahun", "amount %q is not per year; give the yearly amount", clip(raw)), false
		}
	}
	for _, p := range perYear {
		if strings.HasSuffix(x, p) {
			x = strings.TrimSuffix(x, p)
			break
		}
	}
	// Accounting negatives "(1.000)" and a leading minus, before or after "Rp".
	if strings.HasPrefix(x, "(") && strings.HasSuffix(x, ")") {
		return 0, textf("nilai rupiah tidak boleh negatif (%s)", "rupiah amount cannot be negative (%s)", clip(raw)), false
	}
	for _, p := range []string{"rp.", "rp", "idr"} {
		if strings.HasPrefix(strings.TrimPrefix(x, "-"), p) {
			neg := strings.HasPrefix(x, "-")
			x = strings.TrimPrefix(strings.TrimPrefix(x, "-"), p)
			x = strings.TrimPrefix(x, ".")
			if neg {
				x = "-" + x
			}
			break
		}
	}
	for _, p := range []string{"rupiah", "rp", "idr"} {
		x = strings.TrimSuffix(x, p)
	}
	if strings.HasPrefix(x, "-") || strings.HasPrefix(x, "−") {
		if x == "-" {
			return 0, badRupiah(raw), false
		}
		return 0, textf("nilai rupiah tidak boleh negatif (%s)", "rupiah amount cannot be negative (%s)", clip(raw)), false
	}
	// "1.500.000,-" and "1.500.000,--": the dash says "no sen".
	if strings.HasSuffix(x, "-") {
		t := strings.TrimRight(x, "-")
		if strings.HasSuffix(t, ",") || strings.HasSuffix(t, ".") {
			x = t[:len(t)-1]
		}
	}
	if strings.Contains(x, "-") {
		return 0, textf("nilai rupiah %q berupa rentang atau tidak dikenali; isi satu angka", "rupiah amount %q is a range or not understood; give one number", clip(raw)), false
	}
	// The unit: the letters at the end.
	i := len(x)
	for i > 0 && x[i-1] >= 'a' && x[i-1] <= 'z' {
		i--
	}
	return rupiahNumber(raw, x[:i], x[i:], notes)
}

// plainRupiah splits the amount most cells hold, digits and separators
// after "Rp" or "IDR" and before a unit, into its number and unit. Such a
// cell is no estimate, range, negative or amount per period, so ParseRupiah
// skips those checks for it.
func plainRupiah(x string) (num, unitWord string, ok bool) {
	switch {
	case strings.HasPrefix(x, "rp."):
		x = x[3:]
	case strings.HasPrefix(x, "rp"):
		x = x[2:]
	case strings.HasPrefix(x, "idr"):
		x = x[3:]
	}
	if x == "" || x[0] < '0' || x[0] > '9' {
		return "", "", false
	}
	i := 1
	for i < len(x) && (x[i] >= '0' && x[i] <= '9' || x[i] == '.' || x[i] == ',') {
		i++
	}
	for j := i; j < len(x); j++ {
		if x[j] < 'a' || x[j] > 'z' {
			return "", "", false
		}
	}
	if _, known := rupiahUnits[x[i:]]; i < len(x) && !known {
		return "", "", false
	}
	return x[:i], x[i:], true
}

// badRupiah is the problem of an amount that cannot be read.
func badRupiah(raw string) bina.Text {
	return textf("nilai rupiah %q tidak dikenali; tulis seperti 1500000 atau 1,5 juta", "rupiah amount %q not understood; write it like 1500000 or 1.5 juta", clip(raw))
}

// rupiahNumber reads the number and unit of the amount raw, which notes
// already describe.
func rupiahNumber(raw, num, unitWord string, notes []bina.Text) (int64, bina.Text, bool) {
	bad := func() (int64, bina.Text, bool) { return 0, badRupiah(raw), false }
	exp := 0
	if unitWord != "" {
		e, ok := rupiahUnits[unitWord]
		if !ok {
			// Scientific notation ends in digits, so a trailing "e" is garbage.
			return bad()
		}
		exp = e
	}
	if m, e, ok := sciNotation(num); ok {
		if unitWord != "" {
			return bad()
		}
		// Only a program writing a float out in full ("1.2345678E+07") is
		// trusted: one non-zero digit, a point, and more digits than
		// Excel's display shows.
		if significantDigits(m) <= 6 || len(m) < 3 || m[0] < '1' || m[0] > '9' || m[1] != '.' {
			return 0, textf("angka %s ditampilkan Excel dalam notasi ilmiah sehingga digitnya mungkin hilang; ubah format sel menjadi angka lalu simpan ulang", "%s is Excel's scientific display, which may have lost digits; format the cell as a number and save again", clip(raw)), false
		}
		intPart, frac, _, ok := splitNumber(strings.ReplaceAll(m, ",", "."), false)
		if !ok {
			return bad()
		}
		v, rounded, ok := scaled(intPart, frac, e)
		if !ok {
			return 0, textf("nilai rupiah %q terlalu besar", "rupiah amount %q is too large", clip(raw)), false
		}
		if rounded {
			notes = append(notes, textf("dibulatkan ke rupiah penuh: %d", "rounded to whole rupiah: %d", v))
		}
		return v, joinTexts(notes), true
	}
	intPart, frac, ambiguous, ok := splitNumber(num, unitWord != "")
	if ambiguous {
		return 0, textf("nilai %q bisa dibaca dua cara (ribuan atau desimal); tulis misalnya 1500 juta atau 1,5 juta", "amount %q reads two ways (thousands or decimals); write for example 1500 juta or 1.5 juta", clip(raw)), false
	}
	if !ok {
		return bad()
	}
	if unitWord == "" && strings.Trim(frac, "0") != "" && len(strings.TrimLeft(intPart, "0")) < 4 {
		return 0, textf("nilai %q terlalu kecil untuk rupiah; mungkin satuannya (ribu, juta, M) tertinggal", "amount %q is too small for rupiah; perhaps the unit (ribu, juta, M) is missing", clip(raw)), false
	}
	v, rounded, ok := scaled(intPart, frac, exp)
	if !ok {
		return 0, textf("nilai rupiah %q terlalu besar", "rupiah amount %q is too large", clip(raw)), false
	}
	if rounded {
		notes = append(notes, textf("dibulatkan ke rupiah penuh: %d", "rounded to whole rupiah: %d", v))
	}
	return v, joinTexts(notes), true
}

// countWords are what people write after a number of people.
var countWords = []string{"orang", "org", "or", "jiwa", "anggota", "pekerja", "karyawan", "pegawai", "tk", "people", "persons", "person", "workers", "members", "o"}

// ParseCount reads a number of people (workers, members): "3", "3 orang",
// "1.234", "1,234", "12.0" (Excel). "tidak ada" and "nihil" are 0.
// Fractions, negatives and numbers above 10,000,000 are refused.
func ParseCount(s string) (int, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if len(raw) <= 8 && isDigits(raw) {
		// Plain digits, as most cells are.
		if v := atoiDigits(raw); v <= 10_000_000 {
			return v, bina.Text{}, true
		}
	}
	if IsBlankCell(raw) {
		return 0, bina.Text{}, true
	}
	if msg, bad := excelError(raw); bad {
		return 0, msg, false
	}
	x := strings.ToLower(raw)
	switch x {
	case "tidak ada", "tdk ada", "nihil", "nol":
		return 0, bina.Text{}, true
	}
	if len(x) > 40 {
		return 0, textf("jumlah %q tidak dikenali", "count %q not understood", clip(raw)), false
	}
	x = removeSpaces(x)
	for _, w := range countWords {
		if strings.HasSuffix(x, w) && len(x) > len(w) {
			x = strings.TrimSuffix(x, w)
			break
		}
	}
	if strings.HasPrefix(x, "-") || strings.HasPrefix(x, "−") {
		return 0, textf("jumlah tidak boleh negatif (%s)", "count cannot be negative (%s)", clip(raw)), false
	}
	intPart, frac, _, ok := splitNumber(x, false)
	if !ok {
		return 0, textf("jumlah %q tidak dikenali; tulis angka bulat seperti 3", "count %q not understood; write a whole number like 3", clip(raw)), false
	}
	if strings.Trim(frac, "0") != "" {
		return 0, textf("jumlah %q harus bilangan bulat", "count %q must be a whole number", clip(raw)), false
	}
	v, _, ok := scaled(intPart, "", 0)
	if !ok || v > 10_000_000 {
		return 0, textf("jumlah %q terlalu besar", "count %q is too large", clip(raw)), false
	}
	return int(v), bina.Text{}, true
}
