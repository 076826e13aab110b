package importer

// Values as people type them in Indonesian spreadsheets.
//
// Every parser here reads one cell and returns (value, note, ok):
//
//   - ok false: the cell cannot be trusted. The value is the zero value and
//     the note says why, in both languages, so that the import report can
//     show it beside the row. Nothing is guessed or padded.
//   - ok true and an empty note: a clean value.
//   - ok true and a note: a usable value with something the official should
//     know (a cell with two phone numbers of which the first was kept, a
//     rupiah amount with sen that was rounded, coordinates that were swapped).
//
// A blank cell ("", "-", "n/a", "null" and the like) gives the zero value,
// ok and no note: in every domain type the zero value already means "not
// known", and an empty optional cell is not a problem.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"bina"
)

// textf formats the same arguments into both languages.
func textf(id, en string, args ...any) bina.Text {
	return bina.Text{ID: fmt.Sprintf(id, args...), EN: fmt.Sprintf(en, args...)}
}

// blankCells are what people type into a cell that has no value.
var blankCells = map[string]bool{
	"": true, "-": true, "--": true, "---": true, "–": true, "—": true, ".": true, "_": true,
	"n/a": true, "na": true, "n.a.": true, "null": true, "nil": true, "none": true, "kosong": true,
	"tidak diketahui": true, "tdk diketahui": true, "belum diisi": true,
}

// IsBlankCell reports whether a cell holds no value: empty, spaces, or a
// placeholder such as "-", "n/a", "null" or "kosong".
func IsBlankCell(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) > 20 {
		return false
	}
	if s == "" {
		return true
	}
	// Every placeholder starts with one of these or with a dash beyond
	// ASCII, and lower-casing keeps an ASCII first letter ASCII: most cells
	// are told from the placeholders here.
	switch s[0] {
	case '-', '.', '_', 'n', 'N', 'k', 'K', 't', 'T', 'b', 'B':
	default:
		if s[0] < utf8.RuneSelf {
			return false
		}
	}
	// An ASCII cell is lower-cased on the stack. Other text goes through
	// strings.ToLower, which folds letters such as the Kelvin sign to ASCII.
	var buf [20]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return blankCells[strings.ToLower(s)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return blankCells[string(buf[:len(s)])]
}

// excelErrors are the error values Excel writes into a cell whose formula
// failed; they are exported as text and mean the value is lost.
var excelErrors = []string{"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"}

// excelError returns the problem of a cell holding an Excel error value.
func excelError(s string) (bina.Text, bool) {
	if !strings.HasPrefix(s, "#") {
		return bina.Text{}, false
	}
	u := strings.ToUpper(s)
	for _, e := range excelErrors {
		if u == e {
			return textf("sel berisi galat Excel %s, bukan nilai", "the cell holds the Excel error %s, not a value", e), true
		}
	}
	return bina.Text{}, false
}

// clip shortens a cell for quoting it in a message.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:37]) + "..."
}

// isSpaceLike reports the spaces that appear inside numbers: ordinary,
// non-breaking (Excel's thousands separator in some locales) and thin.
func isSpaceLike(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u200b' || r == '\ufeff'
}

// lowerNoSpaces is strings.ToLower(removeSpaces(s)), without allocating
// for an ASCII cell that has neither.
func lowerNoSpaces(s string) string {
	change := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(removeSpaces(s))
		}
		if 'A' <= c && c <= 'Z' || isASCIISpace(c) {
			change = true
		}
	}
	if !change {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isASCIISpace(c):
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// isASCIISpace reports the ASCII bytes unicode.IsSpace reports.
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func removeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpaceLike(r) {
			return -1
		}
		return r
	}, s)
}

// ---------------------------------------------------------------------------
// Numbers

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

// joinTexts joins notes into one text.
func joinTexts(ts []bina.Text) bina.Text {
	var out bina.Text
	for _, t := range ts {
		if t.ID == "" && t.EN == "" {
			continue
		}
		if out.ID != "" {
			out.ID += "; "
			out.EN += "; "
		}
		out.ID += t.ID
		out.EN += t.EN
	}
	return out
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

// ---------------------------------------------------------------------------
// Dates

// DatePrecision says how much of a loose date the cell gave.
type DatePrecision int

// The precisions of a loose date, from none to a full day.
const (
	PrecisionNone  DatePrecision = iota // blank cell
	PrecisionYear                       // "2019": the date is 1 January
	PrecisionMonth                      // "Mei 2019": the date is the 1st
	PrecisionDay                        // a full date
)

// DateLimit says whether a loose date may lie after now.
type DateLimit bool

// The limits of a loose date.
const (
	// PastOnly refuses dates after now: births, founding, coaching start,
	// legal dates, meetings.
	PastOnly DateLimit = false
	// AllowFuture accepts future dates: certificate and licence expiries.
	AllowFuture DateLimit = true
)

// monthNames are Indonesian and English month names and the abbreviations
// in use ("Agt" and "Ags" for Agustus, "Nop" for Nopember, "Peb" for
// Pebruari, "Okt", "Des").
var monthNames = map[string]time.Month{
	"januari": 1, "january": 1, "jan": 1, "djanuari": 1,
	"februari": 2, "february": 2, "pebruari": 2, "feb": 2, "peb": 2, "febr": 2,
	"maret": 3, "march": 3, "mar": 3, "mrt": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "agst": 8, "agus": 8,
	"september": 9, "sept": 9, "sep": 9, "spt": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nopember": 11, "nov": 11, "nop": 11, "nopemb": 11,
	"desember": 12, "december": 12, "des": 12, "dec": 12, "dsb": 12,
}

// dateNoise are words around a date that carry nothing: weekdays,
// "tanggal", "tgl", time zones.
var dateNoise = map[string]bool{
	"senin": true, "selasa": true, "rabu": true, "kamis": true, "jumat": true, "sabtu": true, "minggu": true, "ahad": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true,
	"tanggal": true, "tgl": true, "tg": true, "bulan": true, "bln": true, "tahun": true, "thn": true, "th": true,
	"wib": true, "wita": true, "wit": true,
}

// ParseDateLoose reads a date as people write it: "2019-05-12",
// "12/05/2019", "12-05-2019" and "12.05.2019" (day first, the Indonesian
// order), "12 Mei 2019", "Senin, 12 Mei 2019", "May 12, 2019", "Mei 2019"
// and "05/2019" (month precision: the 1st of the month), "2019" (year
// precision: 1 January), "20190512", and Excel date serials ("43597" is
// 2019-05-12).
//
// Decisions on the unclear cases:
//   - Numeric dates are always day first. "05/13/2019" (month first, as an
//     American Excel writes it) is refused with a hint, not silently read:
//     in the same file "05/12/2019" could not be told apart.
//   - Two-digit years ("12/05/19") are refused: a birth year 19 may be 1919
//     or 2019, and the cell should say which.
//   - Excel serials follow the 1900 date system with its fictitious 29
//     February 1900 (serial 60, refused); the Macintosh 1904 system cannot be
//     told from the number and is not supported. Only five-digit serials
//     (1927 to 2173) are read as serials; four digits are a year.
//   - Years before 1900 are refused. With PastOnly, a date after now is
//     refused, compared at the precision given (a month is in the future
//     only when its 1st is).
func ParseDateLoose(s string, now time.Time, limit DateLimit) (bina.Date, DatePrecision, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return bina.Date{}, PrecisionNone, bina.Text{}, true
	}
	if msg, bad := excelError(raw); bad {
		return bina.Date{}, PrecisionNone, msg, false
	}
	d, p, msg, ok := parseDateLoose(raw)
	if !ok {
		return bina.Date{}, PrecisionNone, msg, false
	}
	if d.Year() > 2200 {
		return bina.Date{}, PrecisionNone, textf("tahun pada %q tidak masuk akal", "the year in %q is not plausible", clip(raw)), false
	}
	if d.Year() < 1900 {
		return bina.Date{}, PrecisionNone, textf("tanggal %q terlalu lampau (sebelum 1900)", "date %q is too far in the past (before 1900)", clip(raw)), false
	}
	if limit == PastOnly && d.After(bina.DateFromTime(now)) {
		return bina.Date{}, PrecisionNone, textf("tanggal %q ada di masa depan", "date %q lies in the future", clip(raw)), false
	}
	return d, p, bina.Text{}, true
}

func parseDateLoose(raw string) (bina.Date, DatePrecision, bina.Text, bool) {
	// The problems are written only when there is one.
	bad := func() bina.Text {
		return textf("tanggal %q tidak dikenali; tulis seperti 12/05/2019 atau 12 Mei 2019", "date %q not understood; write it like 12/05/2019 or 12 Mei 2019", clip(raw))
	}
	if len(raw) > 60 {
		return bina.Date{}, 0, bad(), false
	}
	// The two forms most files use, read without splitting them.
	if isISODate(raw) { // 2019-05-12
		return calendarDay(atoiDigits(raw[:4]), time.Month(atoiDigits(raw[5:7])), atoiDigits(raw[8:]), raw)
	}
	if len(raw) == 10 && raw[2] == '/' && raw[5] == '/' && isDigits(raw[:2]) && isDigits(raw[3:5]) && isDigits(raw[6:]) { // 12/05/2019
		return dayMonthYear(atoiDigits(raw[:2]), atoiDigits(raw[3:5]), atoiDigits(raw[6:]), raw)
	}
	// Apostrophes: Excel's text prefix, and "Jum'at".
	x := strings.ReplaceAll(strings.ToLower(raw), "'", "")
	// An Excel serial, possibly with a time of day as its fraction.
	if n, ok := excelSerial(x); ok {
		return excelDate(n, raw)
	}
	// ISO with a time: cut at the 'T'.
	if len(x) > 10 && x[10] == 't' && isISODate(x[:10]) {
		x = x[:10]
	}
	// Drop a time of day ("12/05/2019 08:30:00", "12 Mei 2019 pukul 10.00").
	if i := strings.Index(x, "pukul"); i >= 0 {
		x = x[:i]
	} else if i := strings.Index(x, "jam "); i >= 0 {
		x = x[:i]
	}
	var toks []string
	for _, f := range strings.FieldsFunc(x, func(r rune) bool {
		return r == '-' || r == '/' || r == '.' || r == ',' || isSpaceLike(r)
	}) {
		if dateNoise[f] {
			continue
		}
		if strings.Contains(f, ":") {
			// A time of day after the date ("12/05/2019 08:30:00").
			if len(toks) == 0 || !isTimeOfDay(f) {
				return bina.Date{}, 0, bad(), false
			}
			continue
		}
		toks = append(toks, f)
	}
	type tok struct {
		num   int
		n     int // digits, 0 for a word
		month time.Month
	}
	var ts []tok
	for _, f := range toks {
		if isDigits(f) {
			if len(f) > 8 {
				return bina.Date{}, 0, bad(), false
			}
			v, _ := strconv.Atoi(f)
			ts = append(ts, tok{num: v, n: len(f)})
			continue
		}
		m, ok := monthNames[f]
		if !ok {
			// "12mei2019" and "mei2019" glued together are not worth guessing.
			return bina.Date{}, 0, bad(), false
		}
		ts = append(ts, tok{month: m})
	}
	twoDigitYear := func() bina.Text {
		return textf("tahun pada %q hanya 2 angka; tulis 4 angka (misalnya 2019)", "the year in %q has only 2 digits; write 4 (for example 2019)", clip(raw))
	}
	isYear := func(t tok) bool { return t.n == 4 }
	day := func(y int, m time.Month, d int) (bina.Date, DatePrecision, bina.Text, bool) {
		return calendarDay(y, m, d, raw)
	}
	month := func(y int, m time.Month) (bina.Date, DatePrecision, bina.Text, bool) {
		if m < 1 || m > 12 {
			return bina.Date{}, 0, bad(), false
		}
		return bina.DateOf(y, m, 1), PrecisionMonth, bina.Text{}, true
	}
	switch len(ts) {
	case 1:
		t := ts[0]
		switch {
		case t.n == 4:
			return bina.DateOf(t.num, 1, 1), PrecisionYear, bina.Text{}, true
		case t.n == 8:
			a, b, c := t.num/10000, t.num/100%100, t.num%100 // yyyymmdd
			if a >= 1900 && a <= 2200 {
				return day(a, time.Month(b), c)
			}
			d, m, y := t.num/1000000, t.num/10000%100, t.num%10000 // ddmmyyyy
			if y >= 1900 && y <= 2200 {
				return day(y, time.Month(m), d)
			}
		}
	case 2:
		a, b := ts[0], ts[1]
		switch {
		case a.month != 0 && isYear(b): // Mei 2019
			return month(b.num, a.month)
		case a.month != 0 && b.n > 0 && b.n <= 2:
			return bina.Date{}, 0, twoDigitYear(), false
		case a.n > 0 && a.n <= 2 && isYear(b): // 05/2019
			return month(b.num, time.Month(a.num))
		case isYear(a) && b.n > 0 && b.n <= 2: // 2019-05
			return month(a.num, time.Month(b.num))
		case isYear(a) && b.month != 0: // 2019 Mei
			return month(a.num, b.month)
		case a.n > 0 && b.month != 0:
			return bina.Date{}, 0, textf("tahun tidak ada pada %q", "no year in %q", clip(raw)), false
		}
	case 3:
		a, b, c := ts[0], ts[1], ts[2]
		switch {
		case isYear(a) && b.n > 0 && b.n <= 2 && c.n > 0 && c.n <= 2: // 2019-05-12
			return day(a.num, time.Month(b.num), c.num)
		case isYear(a) && b.month != 0 && c.n > 0 && c.n <= 2: // 2019 Mei 12
			return day(a.num, b.month, c.num)
		case a.n > 0 && a.n <= 2 && b.n > 0 && b.n <= 2 && isYear(c): // 12/05/2019
			return dayMonthYear(a.num, b.num, c.num, raw)
		case a.n > 0 && a.n <= 2 && b.month != 0 && isYear(c): // 12 Mei 2019
			return day(c.num, b.month, a.num)
		case a.month != 0 && b.n > 0 && b.n <= 2 && isYear(c): // May 12, 2019
			return day(c.num, a.month, b.num)
		case a.n > 0 && a.n <= 2 && (b.month != 0 || b.n > 0 && b.n <= 2) && c.n > 0 && c.n <= 2:
			return bina.Date{}, 0, twoDigitYear(), false
		case a.month != 0 && b.n > 0 && c.n > 0 && c.n <= 2:
			return bina.Date{}, 0, twoDigitYear(), false
		}
	}
	return bina.Date{}, 0, bad(), false
}

// dayMonthYear reads a numeric date written day first (12/05/2019),
// refusing one that looks written month first.
func dayMonthYear(d, m, y int, raw string) (bina.Date, DatePrecision, bina.Text, bool) {
	if d <= 12 && m > 12 && m <= 31 {
		return bina.Date{}, 0, textf("tanggal %q tampaknya ditulis bulan/tanggal/tahun; tulis hari/bulan/tahun (%02d/%02d/%d)", "date %q looks month/day/year; write day/month/year (%02d/%02d/%d)", clip(raw), m, d, y), false
	}
	return calendarDay(y, time.Month(m), d, raw)
}

// calendarDay returns the day d of month m of year y, which raw wrote,
// when the calendar has it.
func calendarDay(y int, m time.Month, d int, raw string) (bina.Date, DatePrecision, bina.Text, bool) {
	if m < 1 || m > 12 {
		return bina.Date{}, 0, textf("bulan pada %q bukan 1-12 (urutan tanggal: hari/bulan/tahun)", "the month in %q is not 1-12 (dates are day/month/year)", clip(raw)), false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if d < 1 || t.Day() != d || t.Month() != m {
		return bina.Date{}, 0, textf("tanggal %q tidak ada di kalender", "date %q does not exist", clip(raw)), false
	}
	return bina.DateFromTime(t), PrecisionDay, bina.Text{}, true
}

// atoiDigits returns the value of a few ASCII digits.
func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// isTimeOfDay reports "8:30", "08:30:00" and the like.
func isTimeOfDay(s string) bool {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if len(p) < 1 || len(p) > 2 || !isDigits(p) {
			return false
		}
	}
	return true
}

func isISODate(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-' && isDigits(s[:4]) && isDigits(s[5:7]) && isDigits(s[8:])
}

// excelSerial recognises a five-digit Excel date serial with an optional
// fraction (the time of day).
func excelSerial(x string) (int, bool) {
	i := strings.IndexAny(x, ".,")
	whole, frac := x, ""
	if i >= 0 {
		whole, frac = x[:i], x[i+1:]
		if frac == "" || !isDigits(frac) {
			return 0, false
		}
	}
	if len(whole) != 5 || !isDigits(whole) {
		return 0, false
	}
	n, _ := strconv.Atoi(whole)
	return n, true
}

// excelDate converts an Excel serial of the 1900 date system. Excel counts
// 1900-01-01 as 1 and, copying Lotus 1-2-3, believes 1900 was a leap year:
// serial 60 is the non-existent 29 February 1900 and every later serial is
// one day ahead, so later serials count from 1899-12-30.
func excelDate(n int, raw string) (bina.Date, DatePrecision, bina.Text, bool) {
	if n == 60 {
		return bina.Date{}, 0, textf("angka %q adalah tanggal Excel 29/02/1900 yang tidak ada", "%q is Excel's non-existent date 29/02/1900", clip(raw)), false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if n < 60 {
		base = base.AddDate(0, 0, 1)
	}
	return bina.DateFromTime(base.AddDate(0, 0, n)), PrecisionDay, bina.Text{}, true
}

// ParseMonth reads a month: "5", "05", "Mei", "May", "Agt". Blank is 0.
func ParseMonth(s string) (int, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return 0, bina.Text{}, true
	}
	x := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(raw, ".0"), "."))
	if m, ok := monthNames[x]; ok {
		return int(m), bina.Text{}, true
	}
	if isDigits(x) && len(x) <= 2 {
		if n, _ := strconv.Atoi(x); n >= 1 && n <= 12 {
			return n, bina.Text{}, true
		}
	}
	return 0, textf("bulan %q tidak dikenali; tulis 1-12 atau nama bulan", "month %q not understood; write 1-12 or a month name", clip(raw)), false
}

// ParseYear reads a four-digit year between 1900 and now's year ("2019",
// "2019.0", "th 2019"). Two-digit years are refused. Blank is 0.
func ParseYear(s string, now time.Time) (int, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return 0, bina.Text{}, true
	}
	x := strings.ToLower(raw)
	for _, p := range []string{"tahun", "thn", "th.", "th"} {
		if strings.HasPrefix(x, p) {
			x = strings.TrimSpace(x[len(p):])
			break
		}
	}
	x = strings.TrimSuffix(x, ".0")
	if !isDigits(x) || len(x) != 4 {
		if isDigits(x) && len(x) == 2 {
			return 0, textf("tahun %q hanya 2 angka; tulis 4 angka", "year %q has only 2 digits; write 4", clip(raw)), false
		}
		return 0, textf("tahun %q tidak dikenali", "year %q not understood", clip(raw)), false
	}
	y, _ := strconv.Atoi(x)
	if y < 1900 || y > now.Year() {
		return 0, textf("tahun %d harus antara 1900 dan %d", "year %d must be between 1900 and %d", y, now.Year()), false
	}
	return y, bina.Text{}, true
}

// ---------------------------------------------------------------------------
// Phone numbers and identity numbers

// lostNumber is the problem of a long number that Excel stored as a number
// and showed in scientific notation or rounded to 15 digits: its digits are
// gone and only retyping brings them back.
func lostNumber(what, whatEN, raw string) bina.Text {
	return bina.Text{
		ID: fmt.Sprintf("%s rusak karena disimpan Excel sebagai angka (%s); ketik ulang sebagai teks", what, clip(raw)),
		EN: fmt.Sprintf("%s lost: Excel stored it as a number (%s); retype it as text", whatEN, clip(raw)),
	}
}

// looksScientific reports a cell such as "3.2E+15" or "6,11201E+15".
func looksScientific(s string) bool {
	_, _, ok := sciNotation(removeSpaces(s))
	return ok
}

// phoneSeparators divide several numbers in one cell.
var phoneSeparators = []string{"/", ";", ",", "|", "\n", " atau ", " dan ", " & ", " or ", " dan/atau "}

// ParsePhone reads an Indonesian phone or WhatsApp number and returns it in
// the 08... form: "+62 812-3456-7890", "(+62) 812 3456 7890", "+62 (0) 812...",
// "62812...", "0812...", "812..." (the leading 0 lost in Excel, added back),
// "HP: 0812... (WA)", landlines such as "(0561) 721234".
//
// A cell with several numbers ("0812.../0813...") gives the first, with a
// note. A number Excel turned into scientific notation ("6.28123E+11") has
// lost digits and is refused with a message saying so.
func ParsePhone(s string) (string, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return "", bina.Text{}, true
	}
	if msg, bad := excelError(raw); bad {
		return "", msg, false
	}
	if looksScientific(raw) {
		return "", lostNumber("Nomor HP", "Phone number", raw), false
	}
	if len(raw) > 100 {
		return "", textf("nomor HP terlalu panjang", "phone number too long"), false
	}
	badPhone := func() bina.Text {
		return textf("nomor HP %q tidak dikenali; tulis seperti 081234567890", "phone number %q not understood; write it like 081234567890", clip(raw))
	}
	// A bare number, as most cells hold, has nothing to clean.
	p, note := raw, bina.Text{}
	if !isDigits(raw) {
		x := strings.ToLower(raw)
		// Several numbers: take the first that has digits.
		first := x
		for _, sep := range phoneSeparators {
			if i := strings.Index(first, sep); i >= 0 {
				rest := first[i+len(sep):]
				if strings.ContainsAny(first[:i], "0123456789") && countDigits(rest) >= 6 {
					first = first[:i]
					note = textf("sel berisi lebih dari satu nomor; nomor pertama yang dipakai", "the cell holds more than one number; the first was kept")
				}
			}
		}
		// Labels before ("hp:", "wa", "telp.") and after ("(wa)").
		first = strings.TrimLeftFunc(first, func(r rune) bool {
			return unicode.IsLetter(r) || r == ':' || r == '.' || isSpaceLike(r) || r == '\''
		})
		if i := strings.IndexFunc(first, unicode.IsLetter); i >= 0 {
			first = first[:i]
		}
		first = strings.TrimSpace(first)
		// "81234567890.0": a number Excel kept as a number.
		if i := strings.IndexByte(first, '.'); i >= 8 && isDigits(first[:i]) && strings.Trim(first[i+1:], "0") == "" {
			first = first[:i]
		}
		first = strings.ReplaceAll(first, "(0)", "")
		p = strings.Map(func(r rune) rune {
			switch {
			case r >= '0' && r <= '9', r == '+':
				return r
			case r == '-' || r == '.' || r == '(' || r == ')' || isSpaceLike(r):
				return -1
			}
			return 'x'
		}, first)
		if strings.Contains(p, "x") || strings.LastIndexByte(p, '+') > 0 {
			return "", badPhone(), false
		}
	}
	p = strings.TrimPrefix(p, "+")
	switch {
	case strings.HasPrefix(p, "0062"):
		p = "0" + p[4:]
	case strings.HasPrefix(p, "620"):
		p = p[2:] // "+62 0812..."
	case strings.HasPrefix(p, "62"):
		p = "0" + p[2:]
	case strings.HasPrefix(p, "8") && len(p) >= 9 && len(p) <= 12:
		p = "0" + p // Excel dropped the leading 0 of a mobile number
	}
	// After the 0 comes an area code (021, 0561) or a mobile prefix (08):
	// never 0 or 1.
	if !strings.HasPrefix(p, "0") || len(p) < 2 || p[1] == '0' || p[1] == '1' {
		return "", badPhone(), false
	}
	if len(p) < 9 || (strings.HasPrefix(p, "08") && len(p) < 10) {
		return "", textf("nomor HP %q terlalu pendek", "phone number %q is too short", clip(raw)), false
	}
	if len(p) > 14 {
		return "", textf("nomor HP %q terlalu panjang", "phone number %q is too long", clip(raw)), false
	}
	if strings.Trim(p[2:], p[2:3]) == "" {
		return "", textf("nomor HP %q bukan nomor sungguhan", "phone number %q is not a real number", clip(raw)), false
	}
	return p, note, true
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// cleanIDCell removes what surrounds an identity number in a cell: Excel's
// text apostrophe, quotes, spaces, dots and dashes between digit groups, and
// a trailing ".0" of a number written out as a float.
func cleanIDCell(s string) string {
	x := strings.TrimSpace(s)
	x = strings.TrimLeft(x, "'`‘’\"")
	x = strings.TrimRight(x, "'`‘’\"")
	if i := strings.IndexByte(x, '.'); i > 0 && isDigits(x[:i]) && len(x[:i]) >= 12 && x[i+1:] != "" && strings.Trim(x[i+1:], "0") == "" {
		x = x[:i]
	}
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || isSpaceLike(r) {
			return -1
		}
		return r
	}, x)
}

// ParseNIKCell reads a person's population number (NIK) from a cell:
// digits with spaces, dots or Excel's apostrophe prefix ("'6112...") are
// cleaned; then CheckNIK applies.
//
// A NIK that Excel stored as a number is lost: Excel keeps 15 significant
// digits, so "3.2E+15", "6,11201E+15" or a 16-digit number ending in 0000
// (what is left after the scientific display was turned back into a number)
// is refused with a message that it must be retyped as text. It is never
// padded or completed.
func ParseNIKCell(s string, now time.Time) (string, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return "", bina.Text{}, true
	}
	if msg, bad := excelError(raw); bad {
		return "", msg, false
	}
	nik := raw
	if !isDigits(raw) { // else nothing to clean
		if looksScientific(raw) {
			return "", lostNumber("NIK", "NIK", raw), false
		}
		nik = cleanIDCell(raw)
	}
	if u := strings.ToLower(nik); strings.HasPrefix(u, "nik") {
		nik = strings.TrimLeft(nik[3:], ":")
	}
	if !isDigits(nik) {
		return "", textf("NIK %q harus berisi angka saja", "NIK %q must hold digits only", clip(raw)), false
	}
	if len(nik) != 16 {
		return "", textf("NIK harus 16 angka (ada %d)", "NIK must be 16 digits (found %d)", len(nik)), false
	}
	if strings.HasSuffix(nik, "0000") {
		return "", lostNumber("NIK", "NIK", raw), false
	}
	if msg, ok := bina.CheckNIK(nik, now); !ok {
		return "", msg, false
	}
	return nik, bina.Text{}, true
}

// ParseNIBCell reads a business identity number (NIB, 13 digits) from a
// cell, cleaned like ParseNIKCell. A NIB shown in scientific notation
// ("9.12E+12") is lost and refused; twelve digits are refused with a hint
// that Excel may have dropped a leading zero, never padded.
func ParseNIBCell(s string) (string, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return "", bina.Text{}, true
	}
	if msg, bad := excelError(raw); bad {
		return "", msg, false
	}
	nib := raw
	if !isDigits(raw) { // else nothing to clean
		if looksScientific(raw) {
			return "", lostNumber("NIB", "NIB", raw), false
		}
		nib = cleanIDCell(raw)
	}
	if u := strings.ToLower(nib); strings.HasPrefix(u, "nib") {
		nib = strings.TrimLeft(nib[3:], ":")
	}
	if !isDigits(nib) {
		return "", textf("NIB %q harus berisi angka saja", "NIB %q must hold digits only", clip(raw)), false
	}
	if len(nib) == 12 {
		return "", textf("NIB harus 13 angka (ada 12; mungkin angka 0 di depan hilang karena Excel, ketik ulang sebagai teks)", "NIB must be 13 digits (found 12; Excel may have dropped a leading 0, retype it as text)"), false
	}
	if msg, ok := bina.CheckNIB(nib); !ok {
		return "", msg, false
	}
	return nib, bina.Text{}, true
}

// ---------------------------------------------------------------------------
// Enumerations

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

// ---------------------------------------------------------------------------
// KBLI

// ParseKBLI reads a five-digit KBLI 2020 code from a cell: "10794",
// "10794 - Industri Kerupuk, Keripik...", "KBLI 10794", "10794.0". A cell
// with several codes gives the first with a note (ParseKBLIList gives all).
//
// A four-digit number is a code whose leading zero Excel dropped ("1111" for
// 01111) only when the padded code exists in cat and the four digits are not
// themselves a subgolongan of the catalogue; otherwise it is refused. With a
// nil catalogue only the form is checked and four digits are refused.
func ParseKBLI(s string, cat *bina.KBLICatalog) (bina.KBLICode, bina.Text, bool) {
	if raw := strings.TrimSpace(s); len(raw) == 5 && isDigits(raw) {
		// One code, as most cells hold.
		k := bina.KBLICode{Version: bina.KBLI2020, Code: raw}
		if cat == nil {
			return k, bina.Text{}, true
		}
		if _, ok := cat.Lookup(k); ok {
			return k, bina.Text{}, true
		}
	}
	codes, note, ok := ParseKBLIList(s, cat)
	if !ok || len(codes) == 0 {
		return bina.KBLICode{}, note, ok
	}
	if len(codes) > 1 {
		note = joinTexts([]bina.Text{note, textf("sel berisi %d kode KBLI; yang pertama (%s) dipakai sebagai kegiatan utama", "the cell holds %d KBLI codes; the first (%s) was kept as the main activity", len(codes), codes[0].Code)})
	}
	return codes[0], note, true
}

// ParseKBLIList reads every KBLI code of a cell ("10794, 10799; 47111"),
// each as ParseKBLI reads one, without repeats.
func ParseKBLIList(s string, cat *bina.KBLICatalog) ([]bina.KBLICode, bina.Text, bool) {
	raw := strings.TrimSpace(s)
	if IsBlankCell(raw) {
		return nil, bina.Text{}, true
	}
	if msg, bad := excelError(raw); bad {
		return nil, msg, false
	}
	// Digit runs, a float's ".0" dropped. Years such as "KBLI 2020" are four
	// digits, so five-digit runs are preferred when there are any.
	var runs []string
	for i := 0; i < len(raw); {
		if raw[i] < '0' || raw[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(raw) && raw[j] >= '0' && raw[j] <= '9' {
			j++
		}
		run := raw[i:j]
		if j+1 < len(raw) && raw[j] == '.' && raw[j+1] == '0' && (j+2 == len(raw) || raw[j+2] < '0' || raw[j+2] > '9') {
			j += 2
		}
		runs = append(runs, run)
		i = j
	}
	if len(runs) == 0 {
		return nil, textf("kode KBLI tidak ditemukan pada %q; tulis 5 angka seperti 10794", "no KBLI code in %q; write 5 digits like 10794", clip(raw)), false
	}
	five := false
	for _, r := range runs {
		if len(r) == 5 {
			five = true
		}
	}
	var out []bina.KBLICode
	seen := map[string]bool{}
	for _, r := range runs {
		switch {
		case len(r) == 5:
		case len(r) == 4 && !five:
			padded := "0" + r
			if cat == nil {
				return nil, textf("kode KBLI %s hanya 4 angka; kode KBLI 5 angka", "KBLI code %s has only 4 digits; KBLI codes have 5", r), false
			}
			_, exists := cat.Lookup(bina.KBLICode{Version: bina.KBLI2020, Code: padded})
			if !exists || isSubgolongan(cat, r) {
				return nil, textf("kode KBLI %s hanya 4 angka; tulis kode 5 angka", "KBLI code %s has only 4 digits; write the 5-digit code", r), false
			}
			r = padded
		case len(r) == 4 && five:
			continue // a year or a subgolongan beside a real code
		case len(r) < 4 && five:
			continue // numbering such as "1." before the codes
		default:
			return nil, textf("kode KBLI %q harus 5 angka", "KBLI code %q must have 5 digits", clip(r)), false
		}
		k := bina.KBLICode{Version: bina.KBLI2020, Code: r}
		if cat != nil {
			if _, ok := cat.Lookup(k); !ok {
				return nil, textf("kode KBLI %s tidak ada dalam KBLI 2020", "KBLI code %s does not exist in KBLI 2020", r), false
			}
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, k)
		}
	}
	return out, bina.Text{}, true
}

// isSubgolongan reports whether four digits are the subgolongan (4-digit
// level) of some code of the catalogue.
func isSubgolongan(cat *bina.KBLICatalog, four string) bool {
	for _, e := range cat.Entries(bina.KBLI2020) {
		if strings.HasPrefix(e.Code, four) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Coordinates

// Indonesia's bounding box, the same one Validate uses.
const (
	latMin, latMax = -11.5, 6.5
	lonMin, lonMax = 94.5, 141.5
)

func inLat(v float64) bool { return v >= latMin && v <= latMax }
func inLon(v float64) bool { return v >= lonMin && v <= lonMax }

// ParseCoordinate reads a latitude and longitude: decimal degrees with a
// point or a comma ("-0,0523", "109,3456"), degrees-minutes-seconds
// ("0°03'08.3\"S", "109° 20' 21.6\" BT"), hemisphere letters in English or
// Indonesian (N/S/E/W, LU/LS/BT/BB), or both numbers in the latitude cell
// ("-0.0523, 109.3456") with the longitude cell empty.
//
// Both blank, or both exactly 0 (a placeholder in many exports), give nil.
// Values that are obviously swapped for Indonesia (the latitude lies within
// Indonesia's longitudes and the other way round) are swapped back with a
// note. Anything else outside Indonesia, or one value without the other, is
// refused.
func ParseCoordinate(lat, lon string) (*float64, *float64, bina.Text, bool) {
	la, lo := strings.TrimSpace(lat), strings.TrimSpace(lon)
	if IsBlankCell(lo) && !IsBlankCell(la) {
		if a, b, ok := splitPair(la); ok {
			la, lo = a, b
		}
	}
	if IsBlankCell(la) && IsBlankCell(lo) {
		return nil, nil, bina.Text{}, true
	}
	if IsBlankCell(la) || IsBlankCell(lo) {
		return nil, nil, textf("isi lintang dan bujur bersama-sama", "give latitude and longitude together"), false
	}
	y, msg, ok := parseDegrees(la, true)
	if !ok {
		return nil, nil, msg, false
	}
	x, msg, ok := parseDegrees(lo, false)
	if !ok {
		return nil, nil, msg, false
	}
	if x == 0 && y == 0 {
		return nil, nil, bina.Text{}, true
	}
	var note bina.Text
	if !(inLat(y) && inLon(x)) && inLat(x) && inLon(y) {
		x, y = y, x
		note = textf("lintang dan bujur tertukar; sudah dibalik", "latitude and longitude were swapped; swapped back")
	}
	if !inLat(y) || !inLon(x) {
		return nil, nil, textf("koordinat %s, %s berada di luar Indonesia", "coordinates %s, %s lie outside Indonesia", clip(la), clip(lo)), false
	}
	return &y, &x, note, true
}

// splitPair splits "lat, lon" written in one cell.
func splitPair(s string) (string, string, bool) {
	for _, sep := range []string{";", ", ", " ,", "\t", " ", ","} {
		if strings.Count(s, sep) != 1 {
			continue
		}
		a, b, _ := strings.Cut(s, sep)
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if a == "" || b == "" {
			continue
		}
		if sep == "," && strings.Count(s, ".") != 2 {
			continue // "-0,0523" is one number with a decimal comma
		}
		if sep == " " && strings.ContainsAny(s, "°'\"") {
			continue
		}
		if _, _, ok := parseDegrees(a, true); !ok {
			continue
		}
		if _, _, ok := parseDegrees(b, false); !ok {
			continue
		}
		return a, b, true
	}
	return "", "", false
}

// hemispheres maps hemisphere letters, English and Indonesian (lintang
// utara/selatan, bujur timur/barat), to a sign.
var hemispheres = map[string]float64{
	"n": 1, "u": 1, "lu": 1, "s": -1, "ls": -1,
	"e": 1, "t": 1, "bt": 1, "w": -1, "b": -1, "bb": -1,
}

// parseDegrees reads one coordinate in decimal degrees or DMS.
func parseDegrees(s string, isLat bool) (float64, bina.Text, bool) {
	bad := func() bina.Text {
		if isLat {
			return textf("lintang %q tidak dikenali", "latitude %q not understood", clip(s))
		}
		return textf("bujur %q tidak dikenali", "longitude %q not understood", clip(s))
	}
	if len(s) > 60 {
		return 0, bad(), false
	}
	x := strings.ToLower(strings.TrimSpace(s))
	sign := 1.0
	// Hemisphere letters before or after.
	lead := strings.IndexFunc(x, func(r rune) bool { return !unicode.IsLetter(r) })
	if lead > 0 {
		if h, ok := hemispheres[x[:lead]]; ok {
			sign, x = h, x[lead:]
		}
	}
	trail := strings.LastIndexFunc(x, func(r rune) bool { return !unicode.IsLetter(r) })
	if trail >= 0 && trail < len(x)-1 {
		if h, ok := hemispheres[x[trail+1:]]; ok {
			sign, x = h, x[:trail+1]
		} else {
			return 0, bad(), false
		}
	}
	x = strings.TrimSpace(x)
	if strings.HasPrefix(x, "-") || strings.HasPrefix(x, "−") {
		sign = -sign
		x = strings.TrimLeft(strings.TrimPrefix(x, "−"), "-")
	}
	x = strings.TrimPrefix(x, "+")
	var parts []string
	if strings.ContainsAny(x, "°º'\"′″ ") {
		parts = strings.FieldsFunc(x, func(r rune) bool {
			return r == '°' || r == 'º' || r == '\'' || r == '"' || r == '′' || r == '″' || isSpaceLike(r)
		})
	} else {
		parts = []string{x}
	}
	if len(parts) == 0 || len(parts) > 3 {
		return 0, bad(), false
	}
	var v float64
	for i, p := range parts {
		if strings.Count(p, ",") == 1 && !strings.Contains(p, ".") {
			p = strings.Replace(p, ",", ".", 1)
		}
		if p == "" || strings.Count(p, ".") > 1 || strings.ContainsAny(p, ",eE+-") {
			return 0, bad(), false
		}
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, bad(), false
		}
		if i > 0 && f >= 60 {
			return 0, bad(), false
		}
		if i < len(parts)-1 && f != math.Trunc(f) {
			return 0, bad(), false
		}
		v += f / math.Pow(60, float64(i))
	}
	if v > 180 {
		return 0, bad(), false
	}
	return sign * v, bina.Text{}, true
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
