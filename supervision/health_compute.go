package supervision

import (
	"bina"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ComputeHealth assesses report (with prior, the previous book year's
// report, or nil) under rs with the assessor's input. It is a pure
// function: the store fetches the accepted report and stores the result.
// Errors: Invalid (a rule set that does not fit the report, an unknown
// question, an override without a note).
func ComputeHealth(rs *HealthRuleSet, report, prior *AnnualReport, in HealthInput) (*HealthAssessment, error) {
	if err := rs.Fits(report); err != nil {
		return nil, err
	}
	ev := newHealthEval(rs, report, prior)
	var p bina.Problems
	for i, o := range in.Overrides {
		if !healthFigure(o.Source) {
			p.Add(fmt.Sprintf("overrides[%d].source", i), "Sumber angka %q tidak dikenal", "Unknown figure %q", o.Source)
		}
		if strings.TrimSpace(o.Note) == "" {
			p.Add(fmt.Sprintf("overrides[%d].note", i), "Koreksi angka %s wajib disertai catatan", "A corrected figure %s needs a note", o.Source)
		}
		ev.overrides[o.Source] = float64(o.Value)
	}
	answers, err := healthAnswers(rs, ev, in)
	if err != nil {
		return nil, err
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	yes := map[string]int{}
	count := map[string]int{}
	for _, q := range rs.Questions {
		count[q.Group]++
	}
	for _, a := range answers {
		if a.Value {
			yes[ev.questionGroup[a.Code]]++
		}
	}

	a := &HealthAssessment{
		RuleSet:        rs.ID,
		RuleSetVersion: rs.Version,
		Inputs:         map[string]float64{},
		Answers:        answers,
		Overrides:      append([]HealthOverride(nil), in.Overrides...),
	}
	if report != nil {
		a.CooperativeID, a.BookYear, a.ReportID, a.ReportVersion = report.CooperativeID, report.BookYear, report.ID, report.Version
	}
	for _, asp := range rs.Aspects {
		for _, c := range asp.Components {
			var res HealthComponentResult
			if c.Kind == "kuesioner" {
				res = ev.questionnaire(asp, c, yes[c.Group], count[c.Group])
			} else {
				res = ev.ratio(asp, c, a.Inputs)
			}
			a.Components = append(a.Components, res)
		}
	}
	a.Aspects, a.Total = scoreHealthAspects(rs, a.Components)
	a.Category = healthCategory(rs, ev.params, a.Total)
	return a, nil
}

// Fits checks that the rule set may assess a report: its pattern and kind.
func (rs *HealthRuleSet) Fits(r *AnnualReport) error {
	if r == nil {
		return bina.Errorf(bina.Invalid, "Laporan tahunan tidak ada", "There is no annual report")
	}
	if r.Pola != "" && r.Pola != rs.Family {
		return bina.Errorf(bina.Invalid, "Aturan %s untuk pola %s, sedangkan laporan berpola %s", "Rule set %s is for the %s pattern, the report is %s", rs.ID, rs.Family, r.Pola)
	}
	if len(rs.Jenises) > 0 && !slices.Contains(rs.Jenises, r.Jenis) {
		return bina.Errorf(bina.Invalid, "Aturan %s tidak menilai laporan jenis %s", "Rule set %s does not assess %s reports", rs.ID, r.Jenis)
	}
	return nil
}

// healthAnswers merges the pre-filled answers with the assessor's: an
// answer given wins, a differing one needs a note, a question neither
// answers is Tidak.
func healthAnswers(rs *HealthRuleSet, ev *healthEval, in HealthInput) ([]HealthAnswer, error) {
	var p bina.Problems
	for code := range in.Answers {
		if _, ok := ev.questionGroup[code]; !ok {
			p.Add("answers."+code, "Pertanyaan %s tidak ada dalam aturan %s", "Question %s is not in rule set %s", code, rs.ID)
		}
	}
	out := make([]HealthAnswer, 0, len(rs.Questions))
	for _, q := range rs.Questions {
		a := HealthAnswer{Code: q.Code, Note: strings.TrimSpace(in.Notes[q.Code])}
		pre, known := ev.prefill(q)
		given, answered := in.Answers[q.Code]
		if known {
			a.Prefilled = &pre
			a.Value = pre
		}
		if answered {
			a.Value = given
		}
		if known && answered && given != pre && a.Note == "" {
			p.Add("answers."+q.Code, "Jawaban %s berbeda dari data laporan; tuliskan catatan alasannya", "Answer %s differs from the report's data; write a note why", q.Code)
		}
		out = append(out, a)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// PrefillHealth returns the answers the report's data gives under rs.
func PrefillHealth(rs *HealthRuleSet, report, prior *AnnualReport) map[string]bool {
	ev := newHealthEval(rs, report, prior)
	out := map[string]bool{}
	for _, q := range rs.Questions {
		if v, ok := ev.prefill(q); ok {
			out[q.Code] = v
		}
	}
	return out
}

// healthEval evaluates term sources and aggregates for one report.
type healthEval struct {
	rs            *HealthRuleSet
	report, prior *AnnualReport
	params        map[string]string
	aggs          map[string]*HealthAggregate
	memo          map[string]healthValue
	overrides     map[string]float64
	questionGroup map[string]string
}

type healthValue struct {
	v  float64
	ok bool
}

func newHealthEval(rs *HealthRuleSet, report, prior *AnnualReport) *healthEval {
	ev := &healthEval{rs: rs, report: report, prior: prior, params: map[string]string{},
		aggs: map[string]*HealthAggregate{}, memo: map[string]healthValue{}, overrides: map[string]float64{},
		questionGroup: map[string]string{}}
	for _, p := range rs.Parameters {
		ev.params[p.Code] = p.Value
	}
	for i := range rs.Aggregates {
		ev.aggs[rs.Aggregates[i].Code] = &rs.Aggregates[i]
	}
	for _, q := range rs.Questions {
		ev.questionGroup[q.Code] = q.Group
	}
	return ev
}

// holds reports whether a "parameter=value" condition holds; empty holds.
func holds(params map[string]string, when string) bool {
	if when == "" {
		return true
	}
	k, v, _ := strings.Cut(when, "=")
	return params[k] == v
}

// value returns a source's value: an aggregate or a report figure.
func (ev *healthEval) value(src string) (float64, bool) {
	if h, ok := ev.memo[src]; ok {
		return h.v, h.ok
	}
	ev.memo[src] = healthValue{} // a cycle reads as missing; validation refuses cycles
	v, ok := ev.compute(src)
	ev.memo[src] = healthValue{v, ok}
	return v, ok
}

func (ev *healthEval) compute(src string) (float64, bool) {
	prior := false
	name := src
	if rest, ok := strings.CutPrefix(src, "prior."); ok {
		prior, name = true, rest
	}
	if code, ok := strings.CutPrefix(name, "agg."); ok {
		agg := ev.aggs[code]
		if agg == nil {
			return 0, false
		}
		if v, ok := ev.sumTerms(agg, prior); ok || agg.Fallback == "" || prior {
			return v, ok
		}
		return ev.value(agg.Fallback)
	}
	return ev.raw(src, prior)
}

// sumTerms adds the terms of agg that apply; false when a figure is
// missing.
func (ev *healthEval) sumTerms(agg *HealthAggregate, prior bool) (float64, bool) {
	sum := 0.0
	for _, t := range agg.Terms {
		if !holds(ev.params, t.When) {
			continue
		}
		s := t.Source
		if prior {
			if strings.HasPrefix(s, "prior.") {
				return 0, false // two years back is not at hand
			}
			s = "prior." + s
		}
		v, ok := ev.value(s)
		if !ok {
			return 0, false
		}
		sum += t.Factor * v
	}
	return sum, true
}

// raw reads a report figure; overrides apply to the current year only.
func (ev *healthEval) raw(src string, prior bool) (float64, bool) {
	r := ev.report
	name := src
	if prior {
		r = ev.prior
		name = strings.TrimPrefix(src, "prior.")
	} else if v, ok := ev.overrides[src]; ok {
		return v, true
	}
	if r == nil {
		return 0, false
	}
	section, code, ok := strings.Cut(name, ".")
	if !ok {
		return 0, false
	}
	switch section {
	case "neraca":
		return float64(r.Neraca[code]), true
	case "phu":
		return float64(r.PHU[code]), true
	case "kolektibilitas":
		return float64(r.Kolektibilitas[code]), true
	case "schedules":
		return float64(r.Schedules[code]), true
	case "members":
		return float64(r.Members[code]), true
	case "shu":
		var n int64
		for _, s := range r.SHUDistribution {
			if s.Pos == code {
				n += s.Nominal
			}
		}
		return float64(n), true
	case "rat":
		if code == "diadakan" {
			if r.RATHeldOn.IsZero() {
				return 0, true
			}
			return 1, true
		}
	}
	return 0, false
}

// prefill answers a question from the data when it can.
func (ev *healthEval) prefill(q HealthQuestion) (bool, bool) {
	pf := q.Prefill
	if pf == nil {
		return false, false
	}
	left, ok := ev.percent(pf.Num, pf.Den)
	if !ok {
		return false, false
	}
	right := pf.Value
	if pf.OtherNum != "" {
		if right, ok = ev.percent(pf.OtherNum, pf.OtherDen); !ok {
			return false, false
		}
	}
	return compare(left, pf.Op, right), true
}

// percent is num/den × 100, or num alone without den; false when a figure
// is missing or the denominator is zero.
func (ev *healthEval) percent(num, den string) (float64, bool) {
	n, ok := ev.value(num)
	if !ok {
		return 0, false
	}
	if den == "" {
		return n, true
	}
	d, ok := ev.value(den)
	if !ok || d == 0 {
		return 0, false
	}
	return n / d * 100, true
}

func compare(a float64, op string, b float64) bool {
	switch op {
	case ">=":
		return a >= b
	case ">":
		return a > b
	case "<=":
		return a <= b
	case "<":
		return a < b
	}
	return false
}

// ratio computes a ratio component's worksheet row.
func (ev *healthEval) ratio(asp HealthAspect, c HealthComponent, inputs map[string]float64) HealthComponentResult {
	res := HealthComponentResult{Code: c.Code, Aspect: asp.Code, Name: c.Name, Bobot: c.Bobot}
	num, nok := ev.value(c.Numerator)
	den, dok := ev.value(c.Denominator)
	res.Numerator, res.Denominator = num, den
	if nok {
		inputs[c.Numerator] = num
	}
	if dok {
		inputs[c.Denominator] = den
	}
	switch {
	case !nok || !dok:
		res.Note = "data tidak lengkap (laporan tahun sebelumnya belum ada); " + NotComputable
		ev.fallback(c, &res)
	case den == 0:
		res.Note = NotComputable + ": penyebut nol"
		ev.fallback(c, &res)
	default:
		x := num / den * 100
		res.Ratio = &x
		ev.rate(c, x, &res)
	}
	ev.skor(&res)
	return res
}

func (ev *healthEval) fallback(c HealthComponent, res *HealthComponentResult) {
	res.Band = NotComputable
	if c.ZeroDenominator != nil {
		res.Nilai = c.ZeroDenominator.Nilai
	}
}

// questionnaire computes a questionnaire component's row.
func (ev *healthEval) questionnaire(asp HealthAspect, c HealthComponent, yes, n int) HealthComponentResult {
	res := HealthComponentResult{Code: c.Code, Aspect: asp.Code, Name: c.Name, Bobot: c.Bobot,
		Numerator: float64(yes), Denominator: float64(n)}
	if n == 0 {
		res.Note = NotComputable + ": kelompok tanpa pertanyaan"
		ev.fallback(c, &res)
		ev.skor(&res)
		return res
	}
	x := float64(yes) / float64(n) * 100
	res.Ratio = &x
	if ev.table(c) == nil && ev.rs.Scoring == "bobot" {
		// B.4: skor = number of Ya × value per Ya.
		for _, g := range ev.rs.Groups {
			if g.Code == c.Group {
				res.Skor = float64(yes) * g.ValuePerYes
			}
		}
		if c.Bobot > 0 {
			res.Nilai = res.Skor / c.Bobot * 100
		}
		res.Band = fmt.Sprintf("%d dari %d Ya", yes, n)
		return res
	}
	ev.rate(c, x, &res)
	ev.skor(&res)
	return res
}

// table returns the first table of c whose condition holds.
func (ev *healthEval) table(c HealthComponent) *HealthBandTable {
	for i := range c.Tables {
		if holds(ev.params, c.Tables[i].When) {
			return &c.Tables[i]
		}
	}
	return nil
}

// rate sets nilai and band for ratio x.
func (ev *healthEval) rate(c HealthComponent, x float64, res *HealthComponentResult) {
	t := ev.table(c)
	if t == nil {
		res.Note = "tidak ada tabel untuk parameter yang dipilih"
		return
	}
	if l := t.Linear; l != nil {
		res.Nilai = math.Max(l.Min, math.Min(l.Max, l.Intercept+l.Slope*x))
		res.Band = fmt.Sprintf("%s + %s × x", num(l.Intercept), num(l.Slope))
		return
	}
	for _, b := range t.Bands {
		if b.Contains(x) {
			res.Nilai, res.Band = b.Nilai, b.String()
			return
		}
	}
	res.Band = "di luar tabel"
	res.Note = "rasio berada pada celah tabel"
}

// skor fills the skor of a row from its nilai.
func (ev *healthEval) skor(res *HealthComponentResult) {
	if ev.rs.Scoring == "aspek" {
		res.Skor = ev.rs.SkorBase - res.Nilai
		return
	}
	res.Skor = res.Nilai * res.Bobot / 100
}

// scoreHealthAspects sums the components per aspect and the total.
func scoreHealthAspects(rs *HealthRuleSet, comps []HealthComponentResult) ([]HealthAspectResult, float64) {
	out := make([]HealthAspectResult, 0, len(rs.Aspects))
	total := 0.0
	for _, asp := range rs.Aspects {
		r := HealthAspectResult{Code: asp.Code, Name: asp.Name, Bobot: asp.Bobot}
		n := 0
		for _, c := range comps {
			if c.Aspect == asp.Code {
				r.Skor += c.Skor
				n++
			}
		}
		if rs.Scoring == "aspek" {
			if n > 0 && rs.SkorMax > 0 {
				r.Persen = r.Skor / (float64(n) * rs.SkorMax) * 100
			}
			r.Contribution = r.Persen * asp.Bobot / 100
		} else {
			if asp.Bobot > 0 {
				r.Persen = r.Skor / asp.Bobot * 100
			}
			r.Contribution = r.Skor
		}
		total += r.Contribution
		out = append(out, r)
	}
	if rs.Scoring == "aspek" {
		// Each indicator's bobot on the worksheet is its share of its
		// aspect's weight.
		for _, a := range out {
			n := 0
			for _, c := range comps {
				if c.Aspect == a.Code {
					n++
				}
			}
			for i := range comps {
				if comps[i].Aspect == a.Code {
					comps[i].Bobot = a.Bobot / float64(n)
				}
			}
		}
	}
	return out, round2(total)
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// healthCategory returns the category of a total.
func healthCategory(rs *HealthRuleSet, params map[string]string, total float64) string {
	for _, c := range rs.Categories {
		if !holds(params, c.When) {
			continue
		}
		if c.Min == nil || total > *c.Min || (c.MinInclusive && total == *c.Min) {
			return c.Code
		}
	}
	return ""
}

// Contains reports whether x falls in the band.
func (b HealthBand) Contains(x float64) bool {
	if b.Lower != nil && (x < *b.Lower || (x == *b.Lower && !b.LowerInclusive)) {
		return false
	}
	if b.Upper != nil && (x > *b.Upper || (x == *b.Upper && !b.UpperInclusive)) {
		return false
	}
	return true
}

// String prints the band as the worksheets do: "(20, 40]", "≥ 100", "= 0".
func (b HealthBand) String() string {
	switch {
	case b.Lower == nil && b.Upper == nil:
		return "semua"
	case b.Lower == nil:
		if b.UpperInclusive {
			return "≤ " + num(*b.Upper)
		}
		return "< " + num(*b.Upper)
	case b.Upper == nil:
		if b.LowerInclusive {
			return "≥ " + num(*b.Lower)
		}
		return "> " + num(*b.Lower)
	case *b.Lower == *b.Upper:
		return "= " + num(*b.Lower)
	}
	l, u := "(", ")"
	if b.LowerInclusive {
		l = "["
	}
	if b.UpperInclusive {
		u = "]"
	}
	return l + num(*b.Lower) + ", " + num(*b.Upper) + u
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
