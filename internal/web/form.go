package web

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"bina"
)

// form is what an edit form shows: the values as the user typed them (or
// as the stored record gives them), and the problems beside each field.
// Input names are the field names of bina's FieldErrors ("owner.nik",
// "village_code"), so an error finds its input by name.
type form struct {
	Values url.Values
	// Errors holds the messages per field, in the user's language.
	Errors map[string][]string
	// Summary lists every problem for the box at the top of the form;
	// Anchor is empty for problems that have no input of their own.
	Summary []problem
	// Conflict is set when someone else saved the record meanwhile.
	Conflict bool
	// anchors maps a field name to the id of the input it belongs to;
	// order is the field's place on the form, for the summary.
	anchors map[string]string
	order   map[string]int
}

type problem struct {
	Anchor  string
	Message string
	order   int
}

// newForm returns a form showing v. inputs are the field names in the
// order the form shows them; extra maps field names whose input has
// another id (a group of rows) to that id.
func newForm(v url.Values, inputs []string, extra map[string]string) *form {
	if v == nil {
		v = url.Values{}
	}
	f := &form{Values: v, Errors: map[string][]string{}, anchors: map[string]string{}, order: map[string]int{}}
	for i, n := range inputs {
		f.anchors[n] = fieldID(n)
		f.order[n] = i + 1
	}
	for k, id := range extra {
		f.anchors[k] = id
	}
	return f
}

// Get returns the value of name.
func (f *form) Get(name string) string { return f.Values.Get(name) }

// Checked reports whether the checkbox name is on.
func (f *form) Checked(name string) bool { return f.Values.Get(name) != "" }

// Err returns the messages for name.
func (f *form) Err(name string) []string { return f.Errors[name] }

// HasErrors reports whether there is anything in the summary.
func (f *form) HasErrors() bool { return len(f.Summary) > 0 }

// addProblems records field errors in lang, beside their input when the
// form has one, and all of them in the summary.
func (f *form) addProblems(fields []bina.FieldError, lang string) {
	for _, fe := range fields {
		msg := fe.Message.In(lang)
		anchor := f.anchors[fe.Field]
		if anchor == "" {
			if _, ok := f.Values[fe.Field]; ok {
				anchor = fieldID(fe.Field)
			}
		}
		if anchor != "" {
			f.Errors[fe.Field] = append(f.Errors[fe.Field], msg)
		}
		f.Summary = append(f.Summary, problem{Anchor: anchor, Message: msg, order: f.orderOf(fe.Field)})
	}
	// The summary follows the form from top to bottom.
	sort.SliceStable(f.Summary, func(i, j int) bool { return f.Summary[i].order < f.Summary[j].order })
}

// orderOf returns the place of field on the form; unknown fields last.
func (f *form) orderOf(field string) int {
	if n, ok := f.order[field]; ok {
		return n
	}
	return len(f.order) + 1
}

// fieldID is the id of the input named name: "owner.nik" → "f-owner-nik".
func fieldID(name string) string {
	return "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(name)
}

// fieldView is what the input partials need for one field.
type fieldView struct {
	ID, Name, Label, Help string
	Value                 string
	Errors                []string
	Type                  string // text, date, number, email, tel
	InputMode             string // numeric, decimal, tel
	Autocomplete          string
	MaxLength             int
	Required              bool
	Wide                  bool
	List                  string // id of a <datalist>
	Options               []choice
	Groups                []villageGroup // for the desa select
	CodeInput             bool           // a desa code input instead
}

// Describedby returns the ids of the help and error texts.
func (v fieldView) Describedby() string {
	var ids []string
	if v.Help != "" {
		ids = append(ids, v.ID+"-help")
	}
	if len(v.Errors) > 0 {
		ids = append(ids, v.ID+"-err")
	}
	return strings.Join(ids, " ")
}

type choice struct {
	Value, Label string
}

// newField builds a fieldView for templates: {{template "input" (field
// $.Form "nib" (t "NIB") (t "help") "inputmode=numeric" "maxlength=13")}}.
// Options are "type=date", "inputmode=…", "autocomplete=…",
// "maxlength=N", "list=ID", "required" and "wide".
func newField(f *form, name, label, help string, opts ...string) fieldView {
	v := fieldView{ID: fieldID(name), Name: name, Label: label, Help: help, Type: "text",
		Value: f.Get(name), Errors: f.Err(name)}
	for _, o := range opts {
		k, val, _ := strings.Cut(o, "=")
		switch k {
		case "type":
			v.Type = val
		case "inputmode":
			v.InputMode = val
		case "autocomplete":
			v.Autocomplete = val
		case "maxlength":
			v.MaxLength, _ = strconv.Atoi(val)
		case "list":
			v.List = val
		case "required":
			v.Required = true
		case "wide":
			v.Wide = true
		}
	}
	return v
}

// parser reads form values into typed fields, collecting problems with the
// same field names bina uses.
type parser struct {
	v url.Values
	p bina.Problems
}

func (ps *parser) str(name string) string { return strings.TrimSpace(ps.v.Get(name)) }

func (ps *parser) bool(name string) bool { return ps.v.Get(name) != "" }

// int reads a whole number; people may type "1.234".
func (ps *parser) int(name string) int {
	s := strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(ps.str(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		ps.p.Add(name, "Isi dengan angka saja", "Use digits only")
		return 0
	}
	return n
}

// money reads whole rupiah as people write them: "1.500.000",
// "Rp 1 500 000", "1.500.000,00". Letters are refused with a clear message.
func (ps *parser) money(name string) int64 {
	n, ok := parseMoney(ps.str(name))
	if !ok {
		ps.p.Add(name, "Tulis jumlah rupiah dengan angka saja, misalnya 1.500.000", "Write the amount in digits only, for example 1.500.000")
	}
	return n
}

func parseMoney(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, strings.TrimSpace(s[1:])
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "rp") {
		s = strings.TrimLeft(s[2:], ". ")
	}
	// Whole rupiah: a trailing ",00" or ",-" is allowed and dropped.
	for _, suf := range []string{",00", ",0", ",-"} {
		s = strings.TrimSuffix(s, suf)
	}
	s = strings.Map(func(r rune) rune {
		if r == '.' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// formatMoneyInput writes an amount for an input: "1.500.000", "" for 0.
func formatMoneyInput(n int64) string {
	if n == 0 {
		return ""
	}
	return formatNumber(n)
}

func formatIntInput(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (ps *parser) date(name string) bina.Date {
	d, err := bina.ParseDate(ps.str(name))
	if err != nil {
		ps.p.Add(name, "Tanggal tidak dikenali; pilih dari kalender atau tulis TTTT-BB-HH", "Date not understood; pick it from the calendar or write YYYY-MM-DD")
	}
	return d
}

// coord reads a decimal degree; a comma is taken as the decimal mark.
func (ps *parser) coord(name string) *float64 {
	s := strings.ReplaceAll(ps.str(name), ",", ".")
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		ps.p.Add(name, "Tulis koordinat sebagai angka desimal, misalnya -0.0263", "Write the coordinate as a decimal number, for example -0.0263")
		return nil
	}
	return &f
}

// kbliCode reads one KBLI code from an input that may hold "10794 Industri
// Kerupuk…" (as the datalist fills it in).
func kbliCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end != 5 {
		return "", false
	}
	if rest := s[end:]; rest != "" && !strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "\u2014") {
		return "", false
	}
	return s[:end], true
}

// kbliList reads "10794, 47111" into codes.
func (ps *parser) kbliList(name string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(ps.str(name), func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		c, ok := kbliCode(part)
		if !ok {
			ps.p.Add(name, "Tulis kode KBLI 5 angka, dipisah koma, misalnya 10799, 47111", "Write 5-digit KBLI codes separated by commas, for example 10799, 47111")
			return nil
		}
		out = append(out, c)
	}
	return out
}

// merge adds to the parser's problems the field errors of err, leaving out
// fields that already have a problem from parsing (a money field that
// could not be read is not also "negative").
func (ps *parser) merge(err error) {
	have := map[string]bool{}
	for _, f := range ps.p.Fields {
		have[f.Field] = true
	}
	for _, f := range bina.ErrorFields(err) {
		if !have[f.Field] {
			ps.p.Fields = append(ps.p.Fields, f)
		}
	}
}

// rowIndexes returns the row numbers present in v for names like
// "officers.3.name", in order.
func rowIndexes(v url.Values, prefix string) []int {
	seen := map[int]bool{}
	for k := range v {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		i, _, _ := strings.Cut(rest, ".")
		if n, err := strconv.Atoi(i); err == nil && n >= 0 && n < 100 {
			seen[n] = true
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

func rowName(prefix string, i int, field string) string {
	return prefix + "." + strconv.Itoa(i) + "." + field
}
