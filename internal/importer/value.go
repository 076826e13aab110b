package importer

// Values as people type them in Indonesian spreadsheets.
//
// Every cell parser reads one cell and returns (value, note, ok):
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
//
// This file holds the helpers the parsers share; the parsers themselves
// are in value_number.go, value_date.go, value_identity.go,
// value_option.go, value_kbli.go and value_coordinate.go.

import (
	"fmt"
	"strings"
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
