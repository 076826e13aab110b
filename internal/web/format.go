package web

import (
	"bina/coaching"
	"bina/supervision"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"bina"
)

// zone is the office's time zone (WIB, WITA or WIT, from the province
// of the deployment's region), in which every time is shown.
func (h *Handler) zone() *time.Location { return bina.ZoneOf(h.Ref.Config.Region).Location() }

var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// funcs returns the template functions bound to one language.
func (h *Handler) funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":     func(s string) string { return h.t(lang, s) },
		"label": func(os bina.Options, code string) string { return os.Label(code, lang) },
		"enum":  enum,
		"num":   formatNumber,
		"money": formatMoney,
		"moneyOpt": func(n int64) string {
			if n == 0 {
				return "—"
			}
			return formatMoney(n)
		},
		"date":     func(d bina.Date) string { return formatDate(d.Time(), lang) },
		"day":      func(t time.Time) string { return formatDate(t.In(h.zone()), lang) },
		"datetime": func(t time.Time) string { return h.formatDateTime(t, lang) },
		"month": func(m int) string {
			if m < 1 || m > 12 {
				return ""
			}
			if lang == "en" {
				return time.Month(m).String()
			}
			return monthsID[m-1]
		},
		"region":     func(c bina.RegionCode) string { return h.Ref.Regions.Name(c) },
		"regionPath": func(c bina.RegionCode) string { return h.Ref.Regions.Path(c) },
		"kbliTitle": func(k bina.KBLICode) string {
			e, ok := h.Ref.KBLI.Lookup(k)
			if !ok {
				return ""
			}
			return e.Title
		},
		"short": shorten,
		"field": newField,
		// sel is a <select> field whose options come from an enumeration;
		// the option "blank" adds an empty first choice.
		"sel": func(f *form, name, label, help string, os bina.Options, opts ...string) fieldView {
			v := newField(f, name, label, help, opts...)
			for _, o := range opts {
				if o == "blank" {
					v.Options = append(v.Options, choice{"", h.t(lang, "— Pilih —")})
				}
			}
			for _, o := range os {
				v.Options = append(v.Options, choice{o.Code, o.Label(lang)})
			}
			// A stored code the list no longer has stays chosen rather
			// than silently becoming the first option on the next save.
			if v.Value != "" && !os.Has(v.Value) {
				v.Options = append(v.Options, choice{v.Value, v.Value})
			}
			return v
		},
		// fsel is a filter <select>: its first choice means "any".
		"fsel": func(q url.Values, name, label, anyLabel string, os bina.Options) fieldView {
			v := fieldView{ID: "f-" + name, Name: name, Label: label, Value: q.Get(name)}
			v.Options = append(v.Options, choice{"", anyLabel})
			for _, o := range os {
				v.Options = append(v.Options, choice{o.Code, o.Label(lang)})
			}
			return v
		},
		"villageField": func(f *form, name, label, help string, groups []villageGroup, codeInput bool) fieldView {
			v := newField(f, name, label, help, "required")
			v.Groups, v.CodeInput = groups, codeInput
			if codeInput {
				v.Help = h.t(lang, "Tulis kode desa Kemendagri, misalnya 61.12.01.2001")
			}
			return v
		},
		"row": rowName,
		"add": func(a, b int) int { return a + b },
		// rule names a size rule as the law is cited: "PP 7/2021".
		"rule": func(r bina.SizeRule) string {
			switch r {
			case bina.RulePP7_2021:
				return "PP 7/2021"
			case bina.RuleUU20_2008:
				return "UU 20/2008"
			}
			return string(r)
		},
		"lines": func(s string) []string {
			var out []string
			for _, l := range strings.Split(s, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					out = append(out, l)
				}
			}
			return out
		},
		"isURL": func(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") },
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
		"gt0": func(n int) bool { return n > 0 },
		"coord": func(f *float64) string {
			if f == nil {
				return ""
			}
			return strconv.FormatFloat(*f, 'f', -1, 64)
		},
	}
}

// enum returns an enumeration by name, for templates.
func enum(name string) bina.Options {
	switch name {
	case "genders":
		return bina.Genders
	case "educations":
		return bina.Educations
	case "legal_forms":
		return bina.LegalForms
	case "statuses":
		return bina.OperatingStatuses
	case "verifications":
		return bina.Verifications
	case "sizes":
		return bina.Sizes
	case "channels":
		return bina.DigitalChannels
	case "sources":
		return bina.Sources
	case "sections":
		return bina.Options(bina.KBLISections())
	case "enterprise_sorts":
		return bina.EnterpriseSorts
	case "jenis":
		return bina.Jenises
	case "bentuk":
		return bina.Bentuks
	case "pola":
		return bina.Polas
	case "officer_roles":
		return bina.OfficerRoles
	case "health":
		return bina.HealthResults
	case "cooperative_sorts":
		return bina.CooperativeSorts
	case "roles":
		return bina.Roles
	case "months":
		return months
	case "yesno":
		return yesNo
	case "digital_filter":
		return digitalFilter
	case "kbli_filter":
		return kbliFilter
	case "gender_filter":
		return genderFilter
	case "coaching_modes": // the coaching ledger
		return coaching.CoachingModes
	case "coaching_topics":
		return coaching.CoachingTopics
	case "invitation_states": // board accounts (partner.go)
		return supervision.InvitationStates
	case "change_states":
		return supervision.ChangeStates
	}
	panic("web: unknown enumeration " + name)
}

// months are the months of the year, for the start month of a business.
var months = func() bina.Options {
	var os bina.Options
	for i, m := range monthsID {
		os = append(os, bina.Option{Code: strconv.Itoa(i + 1), ID: m, EN: time.Month(i + 1).String()})
	}
	return os
}()

// digitalFilter are the choices of the digital-presence filter.
var digitalFilter = append(bina.Options{
	{Code: "any", ID: "Punya kehadiran digital apa pun", EN: "Any digital presence"},
	{Code: "none", ID: "Belum punya kehadiran digital", EN: "No digital presence"},
}, bina.DigitalChannels...)

// formatNumber writes n with Indonesian thousands separators: 1.234.567.
func formatNumber(n any) string {
	var v int64
	switch x := n.(type) {
	case int:
		v = int64(x)
	case int64:
		v = x
	case int32:
		v = int64(x)
	default:
		return fmt.Sprint(n)
	}
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatMoney writes whole rupiah: "Rp 1.500.000", "-Rp 250.000".
func formatMoney(n int64) string {
	if n < 0 {
		return "-Rp " + formatNumber(-n)
	}
	return "Rp " + formatNumber(n)
}

// formatDate writes "28 November 2026" (month names in lang); "" for the
// zero time.
func formatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	m := t.Month().String()
	if lang != "en" {
		m = monthsID[t.Month()-1]
	}
	return fmt.Sprintf("%d %s %d", t.Day(), m, t.Year())
}

// formatDateTime writes "28 November 2026 14.05 WIB" (Indonesian writes
// the time with a dot) or "28 November 2026 14:05 WIB", in the office's
// time zone and with its name.
func (h *Handler) formatDateTime(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(h.zone())
	sep := "."
	if lang == "en" {
		sep = ":"
	}
	zone, _ := t.Zone()
	return fmt.Sprintf("%s %02d%s%02d %s", formatDate(t, lang), t.Hour(), sep, t.Minute(), zone)
}

// shorten cuts s to about n characters at a word boundary.
func shorten(n int, s string) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;") + "…"
}

// commonClasses are the four-digit KBLI classes most UMKM and
// cooperatives of a rural regency work in: food crops, plantations
// (oil palm, coconut, coffee, rubber), livestock, fishing and fish
// farming, food and drink processing, clothing, wood and furniture,
// crafts, vehicle repair, retail and market stalls, homestays, food
// stalls and catering, repairs, laundry and salons, and savings and loan
// cooperatives.
var commonClasses = strings.Fields(`0111 0112 0113 0125 0126 0127 0128 0129 0141 0144 0146 0311 0312 0321 0322
	1021 1022 1029 1030 1040 1061 1071 1072 1073 1074 1075 1076 1077 1079 1104 1411 1622 1629 3100 3290
	4520 4711 4719 4721 4722 4723 4724 4781 4782 4791 5510 5610 5621 5629 5630 6414 9522 9529 9601 9602`)

// commonKBLI returns the codes the KBLI <datalist> offers: those of
// commonClasses, about 230. The whole catalogue (1,786 codes) would add
// some 130 KB to every form; app.js adds matches from the whole catalogue
// as the user types, and any valid code can be typed in directly.
func commonKBLI(c *bina.KBLICatalog) []bina.KBLIEntry {
	if c == nil {
		return nil
	}
	want := map[string]bool{}
	for _, cl := range commonClasses {
		want[cl] = true
	}
	var out []bina.KBLIEntry
	for _, e := range c.Entries(bina.KBLI2020) {
		if len(e.Code) >= 4 && want[e.Code[:4]] {
			out = append(out, e)
		}
	}
	return out
}

// kbliFilter are the choices of the KBLI filter: a code or none, then the
// sections.
var kbliFilter = append(bina.Options{
	{Code: "any", ID: "Punya kode KBLI", EN: "Has a KBLI code"},
	{Code: "none", ID: "Belum punya kode KBLI", EN: "No KBLI code"},
}, bina.KBLISections()...)

// genderFilter are the choices of the owner's gender filter.
var genderFilter = append(slices.Clone(bina.Genders), bina.Option{Code: "none", ID: "Tidak diisi", EN: "Not recorded"})
