package importer

// Cell parsers for KBLI business classification codes.

import (
	"strings"

	"bina"
)

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
