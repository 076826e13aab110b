package supervision

import (
	"bina"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// majuBersama is the worked example of KOPERASI.md section D: KSP Maju
// Bersama, book year 2024, and its 2023 equity as the prior report.
func majuBersama() (report, prior *AnnualReport) {
	m := func(kv ...any) map[string]int64 {
		out := map[string]int64{}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i].(string)] = int64(kv[i+1].(int)) * juta
		}
		return out
	}
	report = &AnnualReport{CooperativeID: 7, BookYear: 2024, Version: 1, State: ReportAccepted, Jenis: "KSP", Pola: "konvensional",
		RATHeldOn: bina.DateOf(2025, 3, 15),
		Neraca: m("kas", 150, "bank", 350, "simpanan_lembaga_lain", 100, "pinjaman_anggota", 3400, "pinjaman_non_anggota", 600,
			"ppap", 100, "pendapatan_ymh_diterima", 50, "penyertaan", 50, "aset_tetap_bruto", 400, "akumulasi_penyusutan", 150,
			"simpanan_sukarela", 1800, "simpanan_berjangka_pendek", 900, "beban_ymh_dibayar", 30, "dana_bagian_shu", 20,
			"dana_diterima_panjang", 700, "simpanan_pokok", 100, "simpanan_wajib", 650, "hibah", 50, "cadangan_umum", 340,
			"cadangan_tujuan_risiko", 60, "shu_belum_dibagi", 200),
		PHU: m("partisipasi_bruto", 740, "beban_pokok_anggota", 270, "pendapatan_non_anggota", 130, "beban_pokok_non_anggota", 40,
			"beban_karyawan", 150, "beban_adm_umum", 60, "beban_penyusutan", 30, "beban_ppap", 20, "beban_usaha_lain", 10,
			"beban_usaha_bagi_anggota", 220, "beban_perkoperasian", 40, "pajak", 50),
		Kolektibilitas: m("lancar", 3700, "kurang_lancar", 160, "diragukan", 80, "macet", 60),
		Schedules:      m("volume_pinjaman", 5000, "volume_pinjaman_anggota", 4250, "pinjaman_berisiko", 920, "meppp", 40, "ekuitas_tahun_lalu", 1260),
		Members:        map[string]int64{"anggota_awal": 950, "anggota_masuk": 80, "anggota_keluar": 30, "anggota_akhir": 1000},
		SHUDistribution: []SHUShare{{"cadangan", 40, 80 * juta}, {"jasa_modal", 20, 40 * juta}, {"jasa_usaha", 20, 40 * juta},
			{"dana_pengurus_pengawas", 5, 10 * juta}, {"dana_karyawan", 5, 10 * juta}, {"dana_pendidikan", 5, 10 * juta},
			{"dana_sosial", 2.5, 5 * juta}, {"dana_pembangunan_daerah_kerja", 2.5, 5 * juta}},
	}
	// The prior year: only its equity is given (1,260), held as member shares.
	prior = &AnnualReport{CooperativeID: 7, BookYear: 2023, Jenis: "KSP", Pola: "konvensional",
		Neraca: m("simpanan_pokok", 95, "simpanan_wajib", 600, "cadangan_umum", 300, "cadangan_tujuan_risiko", 50, "hibah", 50, "shu_belum_dibagi", 165)}
	return report, prior
}

// majuAnswers are D.6's answers: Ya to 10 of 12, 5 of 6, 4 of 5, 8 of 10
// and 4 of 5 questions.
func majuAnswers() HealthInput {
	no := map[string]bool{"Q11": true, "Q12": true, "Q18": true, "Q23": true, "Q32": true, "Q33": true, "Q38": true}
	in := HealthInput{Answers: map[string]bool{}, Notes: map[string]string{}}
	for i := 1; i <= 38; i++ {
		code := "Q" + strconv.Itoa(i)
		in.Answers[code] = !no[code]
	}
	// Q19–Q22, Q24, Q26 are pre-filled; the example's answers agree with
	// the data except where a note says why.
	return in
}

func builtin(t *testing.T, id string) *HealthRuleSet {
	t.Helper()
	for _, rs := range BuiltinHealthRuleSets() {
		if rs.ID == id {
			return rs
		}
	}
	t.Fatalf("no built-in %s", id)
	return nil
}

func setParam(t *testing.T, rs *HealthRuleSet, code, value string) {
	t.Helper()
	for i := range rs.Parameters {
		if rs.Parameters[i].Code == code {
			rs.Parameters[i].Value = value
			return
		}
	}
	t.Fatalf("no parameter %s", code)
}

func assessMaju(t *testing.T, rs *HealthRuleSet) *HealthAssessment {
	t.Helper()
	r, prior := majuBersama()
	in := majuAnswers()
	// The data answers Q19 and Q22 otherwise than the example's count, so
	// the assessor overrides with notes (D.6 fixes only the counts).
	pre := PrefillHealth(rs, r, prior)
	for code, v := range pre {
		if in.Answers[code] != v {
			in.Notes[code] = "penilai memeriksa bukti di lapangan"
		}
	}
	a, err := ComputeHealth(rs, r, prior, in)
	if err != nil {
		t.Fatalf("ComputeHealth: %v", err)
	}
	return a
}

func TestHealthWorkedExampleD6(t *testing.T) {
	a := assessMaju(t, builtin(t, "PERDEP-06-2016"))
	want := []struct {
		code         string
		ratio        float64 // -1: questionnaire
		nilai, bobot float64
		skor         float64
	}{
		{"1a", 28.87, 50, 6, 3.00}, {"1b", 152.17, 100, 6, 6.00}, {"1c", 70.14, 100, 3, 3.00},
		{"2a", 85.00, 100, 10, 10.00}, {"2b", 5.00, 80, 5, 4.00}, {"2c", 80.00, 80, 5, 4.00}, {"2d", 23.00, 75, 5, 3.75},
		{"3a", -1, 83.33, 3, 2.50}, {"3b", -1, 83.33, 3, 2.50}, {"3c", -1, 80, 3, 2.40}, {"3d", -1, 80, 3, 2.40}, {"3e", -1, 80, 3, 2.40},
		{"4a", 71.62, 100, 4, 4.00}, {"4b", 48.21, 75, 4, 3.00}, {"4c", 3.00, 100, 2, 2.00},
		{"5a", 18.18, 50, 10, 5.00}, {"5b", 86.58, 100, 5, 5.00},
		{"6a", 5.15, 50, 3, 1.50}, {"6b", 5.71, 100, 3, 3.00}, {"6c", 151.61, 100, 4, 4.00},
		{"7a", 85.06, 100, 7, 7.00}, {"7b", 16.00, 100, 3, 3.00},
	}
	if len(a.Components) != len(want) {
		t.Fatalf("%d components, want %d", len(a.Components), len(want))
	}
	for i, w := range want {
		c := a.Components[i]
		t.Run(w.code, func(t *testing.T) {
			if c.Code != w.code {
				t.Fatalf("component %d is %s, want %s", i, c.Code, w.code)
			}
			if w.ratio >= 0 && (c.Ratio == nil || round2(*c.Ratio) != w.ratio) {
				t.Errorf("ratio %v, want %.2f", c.Ratio, w.ratio)
			}
			if round2(c.Nilai) != w.nilai || c.Bobot != w.bobot || round2(c.Skor) != w.skor {
				t.Errorf("nilai %.2f bobot %v skor %.2f, want %v %v %.2f (band %s)", c.Nilai, c.Bobot, c.Skor, w.nilai, w.bobot, w.skor, c.Band)
			}
		})
	}
	aspects := map[string]float64{"1": 12.00, "2": 21.75, "3": 12.20, "4": 9.00, "5": 10.00, "6": 8.50, "7": 10.00}
	for _, asp := range a.Aspects {
		if round2(asp.Skor) != aspects[asp.Code] {
			t.Errorf("aspect %s skor %.2f, want %.2f", asp.Code, asp.Skor, aspects[asp.Code])
		}
	}
	if a.Total != 83.45 || a.Category != "sehat" {
		t.Errorf("total %.2f %s, want 83.45 sehat", a.Total, a.Category)
	}
	if a.RuleSet != "PERDEP-06-2016" || a.RuleSetVersion != 1 {
		t.Errorf("rule set %s v%d", a.RuleSet, a.RuleSetVersion)
	}
	if got := a.Inputs["agg.dana_yang_diterima"]; got != 4620*juta {
		t.Errorf("dana yang diterima (option A) %v, want 4,620 juta", got)
	}
}

func TestHealthWorkedExampleAlternatives(t *testing.T) {
	rs := builtin(t, "PERDEP-06-2016")
	setParam(t, rs, "tabel_5b", "50-75-100")
	if a := assessMaju(t, rs); a.Total != 82.20 || a.Category != "sehat" {
		t.Errorf("alternative 5b: total %.2f %s, want 82.20 sehat", a.Total, a.Category)
	}
	// The robustness of D.6: the other [verify] choices keep 83.45.
	for _, c := range [][2]string{{"modal_sendiri_shu", "tidak"}, {"dana_yang_diterima", "B"}, {"tabel_2b", "aturan"},
		{"tabel_2c", "kontinu"}, {"tabel_6c", "dua"}, {"tabel_1b", "kontinu"}, {"tabel_1b", "batas_atas"}} {
		rs := builtin(t, "PERDEP-06-2016")
		setParam(t, rs, c[0], c[1])
		if a := assessMaju(t, rs); a.Total != 83.45 {
			t.Errorf("%s=%s: total %.2f, want 83.45", c[0], c[1], a.Total)
		}
	}
}

func TestHealthJuknisComputedIndicators(t *testing.T) {
	rs := builtin(t, "JUKNIS-15-2021")
	r, prior := majuBersama()
	a, err := ComputeHealth(rs, r, prior, HealthInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ ratio, skor float64 }{
		"D1": {28.87, 3}, "D2": {70.14, 4}, "C1": {4.12, 2}, "C2": {14.29, 4}, "C3": {151.61, 4}, "C4": {22.99, 4},
		"C5": {71.26, 4}, "C6": {48.21, 3}, "C7": {7.50, 3}, "C8": {11.11, 4}, "B1": {96.39, 1},
	}
	for _, c := range a.Components {
		w, ok := want[c.Code]
		if !ok {
			continue
		}
		delete(want, c.Code)
		if c.Ratio == nil || round2(*c.Ratio) != w.ratio || c.Skor != w.skor || c.Nilai != 5-w.skor {
			t.Errorf("%s: ratio %v skor %v nilai %v, want %.2f %v", c.Code, c.Ratio, c.Skor, c.Nilai, w.ratio, w.skor)
		}
	}
	if len(want) > 0 {
		t.Errorf("indicators missing: %v", want)
	}
	// The RAT was held: A2's first butir is pre-filled Ya.
	if pre := PrefillHealth(rs, r, prior); !pre["A2.1"] {
		t.Errorf("A2.1 not pre-filled from the RAT date: %v", pre)
	}
}

func TestHealthJuknisAggregationDemo(t *testing.T) {
	rs := builtin(t, "JUKNIS-15-2021")
	// D.7's demo: per aspect n indicators with Σ skor as given.
	demo := map[string][2]int{"A": {17, 58}, "B": {12, 36}, "C": {19, 62}, "D": {5, 16}}
	var comps []HealthComponentResult
	for code, d := range demo {
		n, total := d[0], d[1]
		for i := 0; i < n; i++ {
			s := total / n
			if i < total%n {
				s++
			}
			comps = append(comps, HealthComponentResult{Aspect: code, Skor: float64(s)})
		}
	}
	aspects, total := scoreHealthAspects(rs, comps)
	if total != 81.47 || healthCategory(rs, map[string]string{"batas_kategori": "bawah_inklusif"}, total) != "sehat" {
		t.Errorf("total %.2f, want 81.47 sehat", total)
	}
	want := map[string]float64{"A": 25.59, "B": 11.25, "C": 32.63, "D": 12.00}
	for _, a := range aspects {
		if round2(a.Contribution) != want[a.Code] {
			t.Errorf("aspect %s contributes %.4f, want %.2f", a.Code, a.Contribution, want[a.Code])
		}
	}
}

func TestHealthZeroDenominator(t *testing.T) {
	rs := builtin(t, "PERDEP-06-2016")
	r, prior := majuBersama()
	// No problem loans: RPM = 0, so 2c cannot be computed and takes the
	// fallback nilai 100.
	r.Kolektibilitas = map[string]int64{"lancar": 4000 * juta}
	a, err := ComputeHealth(rs, r, prior, majuAnswersWithNotes(rs, r, prior))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range a.Components {
		if c.Code != "2c" {
			continue
		}
		if c.Ratio != nil || c.Band != NotComputable || c.Nilai != 100 || c.Skor != 5 || !strings.Contains(c.Note, NotComputable) {
			t.Errorf("2c with RPM 0: ratio %v band %q nilai %v skor %v note %q", c.Ratio, c.Band, c.Nilai, c.Skor, c.Note)
		}
	}
	// Without a prior report the growth indicator of regime 2 reads the
	// schedule's prior-year equity; without that either, it cannot be
	// computed.
	juknis := builtin(t, "JUKNIS-15-2021")
	c8 := func() HealthComponentResult {
		a, err := ComputeHealth(juknis, r, nil, HealthInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range a.Components {
			if c.Code == "C8" {
				return c
			}
		}
		t.Fatal("no C8")
		return HealthComponentResult{}
	}
	if c := c8(); c.Ratio == nil || round2(*c.Ratio) != 11.11 {
		t.Errorf("C8 from the schedule's prior-year equity: %+v", c)
	}
	delete(r.Schedules, "ekuitas_tahun_lalu")
	if c := c8(); c.Ratio != nil || c.Band != NotComputable || c.Nilai != 4 {
		t.Errorf("C8 without any prior-year equity: %+v", c)
	}
}

func majuAnswersWithNotes(rs *HealthRuleSet, r, prior *AnnualReport) HealthInput {
	in := majuAnswers()
	for code, v := range PrefillHealth(rs, r, prior) {
		if in.Answers[code] != v {
			in.Notes[code] = "diperiksa"
		}
	}
	return in
}

func TestHealthPrefillAndOverrideNote(t *testing.T) {
	rs := builtin(t, "PERDEP-06-2016")
	r, prior := majuBersama()
	pre := PrefillHealth(rs, r, prior)
	// Q21: cadangan 80 of SHU 200 = 40% ≥ 25%. Q24: lancar 3,700 of 4,000
	// = 92.5% ≥ 90%. Q26: PPAP 100 ≥ macet 60. Q20: member capital 750 vs
	// 695 = 7.9% < 10%.
	for code, want := range map[string]bool{"Q21": true, "Q24": true, "Q26": true, "Q20": false} {
		if got, ok := pre[code]; !ok || got != want {
			t.Errorf("prefill %s = %v (known %v), want %v", code, got, ok, want)
		}
	}
	if _, ok := pre["Q1"]; ok {
		t.Error("Q1 is pre-filled; the data cannot answer it")
	}
	_, err := ComputeHealth(rs, r, prior, HealthInput{Answers: map[string]bool{"Q21": false}})
	if bina.ErrorCode(err) != bina.Invalid {
		t.Fatalf("an override without a note: %v, want invalid", err)
	}
	if _, ok := (&bina.Problems{Fields: bina.ErrorFields(err)}).For("answers.Q21"); !ok {
		t.Errorf("the error does not name Q21: %v", bina.ErrorFields(err))
	}
	a, err := ComputeHealth(rs, r, prior, HealthInput{Answers: map[string]bool{"Q21": false}, Notes: map[string]string{"Q21": "cadangan belum disetor"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, ans := range a.Answers {
		if ans.Code == "Q21" && (ans.Value || ans.Prefilled == nil || !*ans.Prefilled || ans.Note == "") {
			t.Errorf("Q21 answer %+v", ans)
		}
	}
	if _, err := ComputeHealth(rs, r, prior, HealthInput{Answers: map[string]bool{"Q99": true}}); bina.ErrorCode(err) != bina.Invalid {
		t.Errorf("unknown question: %v", err)
	}
	if _, err := ComputeHealth(rs, r, prior, HealthInput{Overrides: []HealthOverride{{Source: "schedules.pinjaman_berisiko", Value: 1}}}); bina.ErrorCode(err) != bina.Invalid {
		t.Errorf("figure override without note: %v", err)
	}
}

func TestHealthBuiltinsValidAndRoundTrip(t *testing.T) {
	for _, rs := range BuiltinHealthRuleSets() {
		t.Run(rs.ID, func(t *testing.T) {
			if err := rs.Validate(); err != nil {
				t.Fatalf("%v %v", err, bina.ErrorFields(err))
			}
			b, err := json.Marshal(rs)
			if err != nil {
				t.Fatal(err)
			}
			back, err := ParseHealthRuleSet(b)
			if err != nil {
				t.Fatalf("parse: %v %v", err, bina.ErrorFields(err))
			}
			b2, _ := json.Marshal(back)
			if string(b) != string(b2) {
				t.Error("JSON does not round-trip")
			}
		})
	}
	if n := len(builtinQuestions(t, "PERDEP-06-2016")); n != 38 {
		t.Errorf("PERDEP has %d questions, want 38", n)
	}
}

func builtinQuestions(t *testing.T, id string) []HealthQuestion { return builtin(t, id).Questions }

func TestHealthInvalidRuleSetRefused(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(rs *HealthRuleSet)
		field string
		words string
	}{
		{"gap between bands", func(rs *HealthRuleSet) {
			c := &rs.Aspects[4].Components[1] // 5b
			c.Tables[0].Bands[1].Lower = fp(65)
		}, "aspects[4].components[1].tables[0]", "celah antara 60 dan 65"},
		{"overlapping bands", func(rs *HealthRuleSet) {
			c := &rs.Aspects[0].Components[0] // 1a
			c.Tables[0].Bands[2].Lower = fp(15)
		}, "aspects[0].components[0].tables[0]", "tumpang tindih"},
		{"boundary in two rows", func(rs *HealthRuleSet) {
			rs.Aspects[0].Components[2].Tables[0].Bands[1].Upper = fp(6)
			rs.Aspects[0].Components[2].Tables[0].Bands[1].UpperInclusive = true
		}, "aspects[0].components[2].tables[0]", "termasuk di dua baris"},
		{"weights not 100", func(rs *HealthRuleSet) { rs.Aspects[0].Bobot = 20 }, "aspects", "seharusnya 100"},
		{"component weights", func(rs *HealthRuleSet) { rs.Aspects[1].Components[0].Bobot = 9 }, "aspects[1].bobot", "tidak sama dengan bobot aspek"},
		{"unknown parameter value", func(rs *HealthRuleSet) { rs.Parameters[0].Value = "mungkin" }, "parameters[0].value", "bukan salah satu pilihan"},
		{"unknown source", func(rs *HealthRuleSet) { rs.Aspects[0].Components[0].Numerator = "agg.tidak_ada" }, "aspects[0].components[0]", "tidak dikenal"},
		{"no fallback", func(rs *HealthRuleSet) { rs.Aspects[0].Components[0].ZeroDenominator = nil }, "aspects[0].components[0].zero_denominator", "penyebut nol"},
		{"unknown category", func(rs *HealthRuleSet) { rs.Categories[0].Code = "prima" }, "categories[0].code", "tidak dikenal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := builtin(t, "PERDEP-06-2016")
			c.edit(rs)
			err := rs.Validate()
			if bina.ErrorCode(err) != bina.Invalid {
				t.Fatalf("Validate: %v, want invalid", err)
			}
			msg, ok := (&bina.Problems{Fields: bina.ErrorFields(err)}).For(c.field)
			if !ok || !strings.Contains(msg.ID, c.words) {
				t.Errorf("want %q at %s; got %v", c.words, c.field, bina.ErrorFields(err))
			}
		})
	}
	if _, err := ParseHealthRuleSet([]byte(`{"id": "X-1", "versi": 2}`)); bina.ErrorCode(err) != bina.Invalid || !strings.Contains(bina.ErrorText(err).ID, "versi") {
		t.Errorf("unknown field: %v", err)
	}
}

func TestHealthBandString(t *testing.T) {
	for _, c := range []struct {
		b    HealthBand
		want string
	}{
		{leftOpen(20, 40, 0), "(20, 40]"}, {above(100, true, 0), "≥ 100"}, {below(0, true, 0), "≤ 0"},
		{rightOpen(7.5, 10, 0), "[7.5, 10)"}, {HealthBand{Lower: fp(0), LowerInclusive: true, Upper: fp(0), UpperInclusive: true}, "= 0"},
	} {
		if got := c.b.String(); got != c.want {
			t.Errorf("%q, want %q", got, c.want)
		}
	}
}

// BenchmarkComputeHealth times one assessment computed from a report:
// target under 5 ms.
func BenchmarkComputeHealth(b *testing.B) {
	for _, rs := range BuiltinHealthRuleSets() {
		b.Run(rs.ID, func(b *testing.B) {
			r, prior := majuBersama()
			in := HealthInput{Answers: map[string]bool{rs.Questions[0].Code: true, rs.Questions[1].Code: true}}
			for b.Loop() {
				if _, err := ComputeHealth(rs, r, prior, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
