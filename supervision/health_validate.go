package supervision

import (
	"bina"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// healthRuleSetID is the form of a rule-set id: PERDEP-06-2016.
var healthRuleSetID = regexp.MustCompile(`^[A-Z][A-Z0-9-]{2,39}$`)

// healthSections are the report sections a term may read.
var healthSections = []string{"neraca", "phu", "kolektibilitas", "schedules", "members", "shu"}

// healthFigure reports whether src names a report figure (not an
// aggregate): section.code or rat.diadakan.
func healthFigure(src string) bool {
	if src == "rat.diadakan" {
		return true
	}
	section, code, ok := strings.Cut(src, ".")
	return ok && code != "" && slices.Contains(healthSections, section)
}

// ParseHealthRuleSet reads a rule set from JSON, refusing unknown fields,
// and validates it.
func ParseHealthRuleSet(b []byte) (*HealthRuleSet, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var rs HealthRuleSet
	if err := dec.Decode(&rs); err != nil {
		return nil, bina.Errorf(bina.Invalid, "JSON aturan tidak dapat dibaca: %s", "The rule set's JSON cannot be read: %s", jsonProblem(err))
	}
	if err := rs.Validate(); err != nil {
		return nil, err
	}
	return &rs, nil
}

// jsonProblem says in plain words where a JSON text went wrong.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("kesalahan tulisan di posisi %d (%v)", se.Offset, se)
	case errors.As(err, &te):
		return fmt.Sprintf("kolom %q harus bertipe %s", te.Field, te.Type)
	}
	return err.Error()
}

// Validate checks a rule set as a whole: every reference resolves, band
// tables run in order without gap or overlap unless declared, weights add
// up, the categories are known. The messages name the place in Indonesian.
func (rs *HealthRuleSet) Validate() error {
	var p bina.Problems
	if !healthRuleSetID.MatchString(rs.ID) {
		p.Add("id", "Kode aturan %q tidak sah: huruf besar, angka dan tanda hubung, mis. PERDEP-06-2016", "Rule set id %q is not valid: capitals, digits and hyphens, e.g. PERDEP-06-2016", rs.ID)
	}
	if rs.Version < 1 {
		p.Add("version", "Versi harus 1 atau lebih", "Version must be 1 or more")
	}
	if !ReportPolas.Has(rs.Family) {
		p.Add("family", "Pola aturan harus konvensional atau syariah", "The family must be konvensional or syariah")
	}
	if strings.TrimSpace(rs.Name.ID) == "" {
		p.Add("name", "Nama aturan wajib diisi", "The rule set needs a name")
	}
	for _, j := range rs.Jenises {
		if !ReportJenises.Has(j) {
			p.Add("jenises", "Jenis laporan %q tidak dikenal", "Unknown report kind %q", j)
		}
	}
	if !HealthScorings.Has(rs.Scoring) {
		p.Add("scoring", "Cara penskoran harus \"bobot\" atau \"aspek\"", "Scoring must be \"bobot\" or \"aspek\"")
	}
	if rs.Scoring == "aspek" && (rs.SkorMax <= 0 || rs.SkorBase <= 0) {
		p.Add("skor_max", "Penskoran aspek memerlukan skor_base dan skor_max", "Aspect scoring needs skor_base and skor_max")
	}
	params := rs.validateParameters(&p)
	rs.validateAggregates(&p, params)
	groups := rs.validateQuestions(&p, params)
	rs.validateAspects(&p, params, groups)
	rs.validateCategories(&p, params)
	return p.Err()
}

func (rs *HealthRuleSet) validateParameters(p *bina.Problems) map[string][]string {
	params := map[string][]string{}
	for i, pm := range rs.Parameters {
		at := fmt.Sprintf("parameters[%d]", i)
		if pm.Code == "" || strings.ContainsAny(pm.Code, "= ") {
			p.Add(at+".code", "Parameter ke-%d tanpa kode yang sah", "Parameter %d has no valid code", i+1)
			continue
		}
		if _, dup := params[pm.Code]; dup {
			p.Add(at+".code", "Parameter %s tertulis dua kali", "Parameter %s appears twice", pm.Code)
		}
		if !slices.Contains(pm.Options, pm.Value) {
			p.Add(at+".value", "Parameter %s: nilai %q bukan salah satu pilihan %s", "Parameter %s: value %q is not one of %s", pm.Code, pm.Value, strings.Join(pm.Options, ", "))
		}
		params[pm.Code] = pm.Options
	}
	return params
}

// checkWhen validates a "parameter=value" condition.
func checkWhen(p *bina.Problems, at, when string, params map[string][]string) {
	if when == "" {
		return
	}
	k, v, ok := strings.Cut(when, "=")
	opts, known := params[k]
	switch {
	case !ok:
		p.Add(at, "Syarat %q harus berbentuk parameter=nilai", "Condition %q must read parameter=value", when)
	case !known:
		p.Add(at, "Syarat %q menyebut parameter yang tidak ada", "Condition %q names no parameter", when)
	case !slices.Contains(opts, v):
		p.Add(at, "Syarat %q: %s bukan pilihan parameter %s", "Condition %q: %s is not an option of %s", when, v, k)
	}
}

func (rs *HealthRuleSet) validateAggregates(p *bina.Problems, params map[string][]string) {
	codes := map[string]int{}
	for i, a := range rs.Aggregates {
		if _, dup := codes[a.Code]; dup || a.Code == "" {
			p.Add(fmt.Sprintf("aggregates[%d].code", i), "Agregat %q kosong atau tertulis dua kali", "Aggregate %q is empty or appears twice", a.Code)
		}
		codes[a.Code] = i
	}
	for i, a := range rs.Aggregates {
		if len(a.Terms) == 0 {
			p.Add(fmt.Sprintf("aggregates[%d].terms", i), "Agregat %s tidak punya suku", "Aggregate %s has no terms", a.Code)
		}
		for j, t := range a.Terms {
			at := fmt.Sprintf("aggregates[%d].terms[%d]", i, j)
			if !rs.sourceKnown(t.Source) {
				p.Add(at+".source", "Agregat %s: sumber %q tidak dikenal", "Aggregate %s: unknown source %q", a.Code, t.Source)
			}
			checkWhen(p, at+".when", t.When, params)
		}
		if a.Fallback != "" && !rs.sourceKnown(a.Fallback) {
			p.Add(fmt.Sprintf("aggregates[%d].fallback", i), "Agregat %s: sumber pengganti %q tidak dikenal", "Aggregate %s: unknown fallback %q", a.Code, a.Fallback)
		}
	}
	// Refuse cycles: an aggregate may not reach itself through agg.
	state := map[string]int{}
	var visit func(code string) bool
	visit = func(code string) bool {
		switch state[code] {
		case 1:
			return false
		case 2:
			return true
		}
		state[code] = 1
		if i, ok := codes[code]; ok {
			for _, t := range rs.Aggregates[i].Terms {
				ref := strings.TrimPrefix(t.Source, "prior.")
				if c, ok := strings.CutPrefix(ref, "agg."); ok && !visit(c) {
					return false
				}
			}
		}
		state[code] = 2
		return true
	}
	for _, a := range rs.Aggregates {
		if !visit(a.Code) {
			p.Add("aggregates", "Agregat %s merujuk dirinya sendiri (melingkar)", "Aggregate %s refers to itself (a cycle)", a.Code)
			break
		}
	}
}

// sourceKnown reports whether src is a figure or a defined aggregate.
func (rs *HealthRuleSet) sourceKnown(src string) bool {
	src = strings.TrimPrefix(src, "prior.")
	if code, ok := strings.CutPrefix(src, "agg."); ok {
		for _, a := range rs.Aggregates {
			if a.Code == code {
				return true
			}
		}
		return false
	}
	return healthFigure(src)
}

func (rs *HealthRuleSet) validateQuestions(p *bina.Problems, params map[string][]string) map[string]int {
	groups := map[string]int{}
	for i, g := range rs.Groups {
		if _, dup := groups[g.Code]; dup || g.Code == "" {
			p.Add(fmt.Sprintf("groups[%d].code", i), "Kelompok pertanyaan %q kosong atau tertulis dua kali", "Question group %q is empty or appears twice", g.Code)
		}
		groups[g.Code] = 0
	}
	seen := map[string]bool{}
	for i, q := range rs.Questions {
		at := fmt.Sprintf("questions[%d]", i)
		if q.Code == "" || seen[q.Code] {
			p.Add(at+".code", "Pertanyaan %q kosong atau tertulis dua kali", "Question %q is empty or appears twice", q.Code)
		}
		seen[q.Code] = true
		if _, ok := groups[q.Group]; !ok {
			p.Add(at+".group", "Pertanyaan %s: kelompok %q tidak ada", "Question %s: no group %q", q.Code, q.Group)
		} else {
			groups[q.Group]++
		}
		if strings.TrimSpace(q.Text.ID) == "" {
			p.Add(at+".text", "Pertanyaan %s tanpa teks", "Question %s has no text", q.Code)
		}
		if pf := q.Prefill; pf != nil {
			for _, src := range []string{pf.Num, pf.Den, pf.OtherNum, pf.OtherDen} {
				if src != "" && !rs.sourceKnown(src) {
					p.Add(at+".prefill", "Pertanyaan %s: sumber isian otomatis %q tidak dikenal", "Question %s: unknown prefill source %q", q.Code, src)
				}
			}
			if !slices.Contains([]string{">=", ">", "<=", "<"}, pf.Op) {
				p.Add(at+".prefill.op", "Pertanyaan %s: pembanding %q tidak dikenal", "Question %s: unknown comparison %q", q.Code, pf.Op)
			}
		}
	}
	return groups
}

func (rs *HealthRuleSet) validateAspects(p *bina.Problems, params map[string][]string, groups map[string]int) {
	if len(rs.Aspects) == 0 {
		p.Add("aspects", "Aturan tanpa aspek", "The rule set has no aspects")
		return
	}
	sum := 0.0
	codes := map[string]bool{}
	for i, asp := range rs.Aspects {
		at := fmt.Sprintf("aspects[%d]", i)
		sum += asp.Bobot
		inner := 0.0
		for j, c := range asp.Components {
			cat := fmt.Sprintf("%s.components[%d]", at, j)
			if c.Code == "" || codes[c.Code] {
				p.Add(cat+".code", "Komponen %q kosong atau tertulis dua kali", "Component %q is empty or appears twice", c.Code)
			}
			codes[c.Code] = true
			inner += c.Bobot
			rs.validateComponent(p, cat, c, params, groups)
		}
		if rs.Scoring == "bobot" && !near(inner, asp.Bobot) {
			p.Add(at+".bobot", "Aspek %s: jumlah bobot komponen %s tidak sama dengan bobot aspek %s", "Aspect %s: component weights add up to %s, not the aspect's %s", asp.Name.ID, num(inner), num(asp.Bobot))
		}
		if rs.Scoring == "aspek" && len(asp.Components) == 0 {
			p.Add(at, "Aspek %s tanpa indikator", "Aspect %s has no indicators", asp.Name.ID)
		}
	}
	if !near(sum, 100) {
		p.Add("aspects", "Jumlah bobot aspek %s, seharusnya 100", "Aspect weights add up to %s, not 100", num(sum))
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func (rs *HealthRuleSet) validateComponent(p *bina.Problems, at string, c HealthComponent, params map[string][]string, groups map[string]int) {
	name := "Komponen " + c.Code
	switch c.Kind {
	case "rasio":
		for _, src := range []string{c.Numerator, c.Denominator} {
			if !rs.sourceKnown(src) {
				p.Add(at, "%s: pembilang/penyebut %q tidak dikenal", "Component %s: unknown numerator or denominator %q", name, src)
			}
		}
		if c.ZeroDenominator == nil {
			p.Add(at+".zero_denominator", "%s: nilai pengganti bila penyebut nol wajib ditentukan", "Component %s needs a value for a zero denominator", name)
		}
		if len(c.Tables) == 0 {
			p.Add(at+".tables", "%s tanpa tabel nilai", "Component %s has no band table", name)
		}
	case "kuesioner":
		n, ok := groups[c.Group]
		if !ok || n == 0 {
			p.Add(at+".group", "%s: kelompok pertanyaan %q tidak ada atau kosong", "Component %s: question group %q is missing or empty", name, c.Group)
		}
		if rs.Scoring == "bobot" && len(c.Tables) == 0 {
			for _, g := range rs.Groups {
				if g.Code == c.Group && !near(g.ValuePerYes*float64(n), c.Bobot) {
					p.Add(at+".group", "%s: %d pertanyaan × nilai per Ya %s = %s, tidak sama dengan bobot %s", "Component %s: %d questions × %s per Ya = %s, not the weight %s", name, n, num(g.ValuePerYes), num(g.ValuePerYes*float64(n)), num(c.Bobot))
				}
			}
		}
		if rs.Scoring == "aspek" && len(c.Tables) == 0 {
			p.Add(at+".tables", "%s tanpa tabel nilai", "Component %s has no band table", name)
		}
	default:
		p.Add(at+".kind", "%s: jenis %q harus rasio atau kuesioner", "Component %s: kind %q must be rasio or kuesioner", name, c.Kind)
	}
	applies := len(c.Tables) == 0
	for k, t := range c.Tables {
		tat := fmt.Sprintf("%s.tables[%d]", at, k)
		checkWhen(p, tat+".when", t.When, params)
		if holdsDefault(rs, t.When) {
			applies = true
		}
		validateBands(p, tat, fmt.Sprintf("%s, tabel %d", name, k+1), t)
	}
	if !applies {
		p.Add(at+".tables", "%s: tidak ada tabel untuk nilai parameter yang dipilih", "Component %s: no table for the chosen parameter values", name)
	}
}

func holdsDefault(rs *HealthRuleSet, when string) bool {
	params := map[string]string{}
	for _, pm := range rs.Parameters {
		params[pm.Code] = pm.Value
	}
	return holds(params, when)
}

// validateBands checks that a table's bands run from low to high, the
// first unbounded below and the last above, each starting where the one
// before ended with exactly one of the two including the boundary.
func validateBands(p *bina.Problems, at, name string, t HealthBandTable) {
	if t.Linear != nil {
		if len(t.Bands) > 0 {
			p.Add(at, "%s: pilih pita atau rumus linear, tidak keduanya", "%s: bands or a linear rule, not both", name)
		}
		if t.Linear.Min > t.Linear.Max {
			p.Add(at+".linear", "%s: batas bawah nilai melebihi batas atas", "%s: the minimum exceeds the maximum", name)
		}
		return
	}
	if len(t.Bands) == 0 {
		p.Add(at+".bands", "%s tanpa baris", "%s has no rows", name)
		return
	}
	for i, b := range t.Bands {
		row := fmt.Sprintf("%s, baris %d", name, i+1)
		if b.Lower != nil && b.Upper != nil && (*b.Lower > *b.Upper || (*b.Lower == *b.Upper && !(b.LowerInclusive && b.UpperInclusive))) {
			p.Add(at, "%s: batas bawah %s tidak di bawah batas atas %s", "%s: the lower bound %s is not below the upper bound %s", row, num(*b.Lower), num(*b.Upper))
		}
		if t.AllowGaps {
			continue
		}
		if i == 0 && b.Lower != nil {
			p.Add(at, "%s: baris pertama harus tanpa batas bawah agar setiap rasio tercakup", "%s: the first row must have no lower bound so that every ratio is covered", row)
		}
		if i == len(t.Bands)-1 && b.Upper != nil {
			p.Add(at, "%s: baris terakhir harus tanpa batas atas agar setiap rasio tercakup", "%s: the last row must have no upper bound so that every ratio is covered", row)
		}
		if i == 0 {
			continue
		}
		prev := t.Bands[i-1]
		switch {
		case prev.Upper == nil || b.Lower == nil:
			p.Add(at, "%s: tumpang tindih dengan baris sebelumnya", "%s overlaps the row before", row)
		case *b.Lower > *prev.Upper:
			p.Add(at, "%s: ada celah antara %s dan %s", "%s: a gap between %s and %s", row, num(*prev.Upper), num(*b.Lower))
		case *b.Lower < *prev.Upper:
			p.Add(at, "%s: tumpang tindih dengan baris sebelumnya (%s < %s) atau urutan terbalik", "%s overlaps the row before (%s < %s) or rows are out of order", row, num(*b.Lower), num(*prev.Upper))
		case prev.UpperInclusive && b.LowerInclusive:
			p.Add(at, "%s: batas %s termasuk di dua baris", "%s: the bound %s falls in two rows", row, num(*b.Lower))
		case !prev.UpperInclusive && !b.LowerInclusive:
			p.Add(at, "%s: batas %s tidak termasuk baris mana pun", "%s: the bound %s falls in no row", row, num(*b.Lower))
		}
	}
}

func (rs *HealthRuleSet) validateCategories(p *bina.Problems, params map[string][]string) {
	if len(rs.Categories) == 0 {
		p.Add("categories", "Aturan tanpa kategori hasil", "The rule set has no categories")
	}
	var last *float64
	open := false
	for i, c := range rs.Categories {
		at := fmt.Sprintf("categories[%d]", i)
		if !bina.HealthResults.Has(c.Code) {
			p.Add(at+".code", "Kategori %q tidak dikenal; pakai %s", "Unknown category %q; use %s", c.Code, strings.Join(bina.HealthResults.Codes(), ", "))
		}
		checkWhen(p, at+".when", c.When, params)
		if !holdsDefault(rs, c.When) {
			continue
		}
		if c.Min == nil {
			open = true
			continue
		}
		if last != nil && *c.Min >= *last {
			p.Add(at+".min", "Kategori %s: batas %s harus di bawah batas kategori sebelumnya", "Category %s: the bound %s must be below the one before", c.Code, num(*c.Min))
		}
		last = c.Min
	}
	if len(rs.Categories) > 0 && !open {
		p.Add("categories", "Kategori terakhir harus tanpa batas bawah", "The last category must have no lower bound")
	}
}
