package importer

// Cell parsers for phone numbers and identity numbers (NIK, NIB).

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"bina"
)

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
