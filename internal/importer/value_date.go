package importer

// Cell parsers for dates: loose dates, Excel serials, months and years.

import (
	"strconv"
	"strings"
	"time"

	"bina"
)

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
