package sqlstore_test

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"bina"
	"bina/internal/sqlstore"
	"bina/supervision"
)

// acceptedExample stores the worked example as c's accepted 2024 report.
func acceptedExample(t *testing.T, s *sqlstore.Store, c bina.Cooperative) {
	t.Helper()
	staff := as(bina.RoleStaff, "")
	must(t, s.SaveAnnualReport(staff, exampleReport(c)))
	_, err := s.SubmitAnnualReport(staff, c.ID, 2024)
	must(t, err)
	_, err = s.AcceptAnnualReport(staff, c.ID, 2024)
	must(t, err)
}

// exampleAnswers are D.6's counts of Ya (10/12, 5/6, 4/5, 8/10, 4/5),
// with notes where they differ from the data.
func exampleAnswers(pre map[string]bool) supervision.HealthInput {
	no := map[string]bool{"Q11": true, "Q12": true, "Q18": true, "Q23": true, "Q32": true, "Q33": true, "Q38": true}
	in := supervision.HealthInput{Answers: map[string]bool{}, Notes: map[string]string{}}
	for i := 1; i <= 38; i++ {
		code := "Q" + strconv.Itoa(i)
		in.Answers[code] = !no[code]
		if v, ok := pre[code]; ok && v != in.Answers[code] {
			in.Notes[code] = "diperiksa di lapangan"
		}
	}
	return in
}

func TestHealthAssessment(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		staff := as(bina.RoleStaff, "")
		c := mustReportCooperative(t, s, village1a)

		// Built-ins are seeded.
		all, err := s.ListHealthRuleSets(staff)
		must(t, err)
		if len(all) != 2 {
			t.Fatalf("%d rule sets seeded, want 2", len(all))
		}

		// Only from an accepted report.
		must(t, s.SaveAnnualReport(staff, exampleReport(c)))
		_, err = s.AssessHealth(staff, supervision.HealthAssessmentRequest{CooperativeID: c.ID, BookYear: 2024, RuleSet: "PERDEP-06-2016"})
		wantCode(t, err, bina.Invalid)
		_, err = s.SubmitAnnualReport(staff, c.ID, 2024)
		must(t, err)
		_, err = s.AcceptAnnualReport(staff, c.ID, 2024)
		must(t, err)

		pre, err := s.PrefillHealth(staff, c.ID, 2024, "PERDEP-06-2016")
		must(t, err)
		if !pre["Q21"] || !pre["Q24"] || !pre["Q26"] {
			t.Fatalf("prefill %v", pre)
		}
		// Officers and viewers do not assess.
		_, err = s.AssessHealth(as(bina.RoleOfficer, "61.12.01"), supervision.HealthAssessmentRequest{CooperativeID: c.ID, BookYear: 2024, RuleSet: "PERDEP-06-2016"})
		wantCode(t, err, bina.Forbidden)

		a, err := s.AssessHealth(staff, supervision.HealthAssessmentRequest{CooperativeID: c.ID, BookYear: 2024, RuleSet: "PERDEP-06-2016", Input: exampleAnswers(pre)})
		must(t, err)
		if a.ID == 0 || a.Version != 1 || a.Total != 83.45 || a.Category != "sehat" || a.RuleSetVersion != 1 || a.AssessedBy != "staff-user" {
			t.Fatalf("assessment %+v", a)
		}
		got, err := s.FindHealthAssessment(staff, c.ID, a.ID)
		must(t, err)
		if len(got.Components) != 22 || got.Components[0].Code != "1a" || got.Inputs["agg.modal_sendiri"] != 1400*juta || len(got.Answers) != 38 {
			t.Fatalf("stored assessment %+v", got)
		}
		// The RAT record of the year follows, for the lists.
		coop, err := s.FindCooperative(staff, c.ID)
		must(t, err)
		if len(coop.RATs) != 1 || !coop.RATs[0].HealthAssessed || coop.RATs[0].HealthResult != "sehat" {
			t.Fatalf("RAT after assessment: %+v", coop.RATs)
		}

		// A corrected table adopted as version 2: the old assessment stays,
		// a new one is the book year's version 2 under rule set version 2.
		rs, err := s.FindHealthRuleSet(staff, "PERDEP-06-2016", 0)
		must(t, err)
		for i := range rs.Parameters {
			if rs.Parameters[i].Code == "tabel_5b" {
				rs.Parameters[i].Value = "50-75-100"
			}
		}
		wantCode(t, s.AdoptHealthRuleSet(as(bina.RoleOfficer, "61.12.01"), rs), bina.Forbidden)
		must(t, s.AdoptHealthRuleSet(staff, rs))
		if rs.Version != 2 || rs.AdoptedBy != "staff-user" {
			t.Fatalf("adopted %d by %s", rs.Version, rs.AdoptedBy)
		}
		b, err := s.AssessHealth(staff, supervision.HealthAssessmentRequest{CooperativeID: c.ID, BookYear: 2024, RuleSet: "PERDEP-06-2016", Input: exampleAnswers(pre)})
		must(t, err)
		if b.Version != 2 || b.RuleSetVersion != 2 || b.Total != 82.20 {
			t.Fatalf("second assessment %+v", b)
		}
		old, err := s.FindHealthAssessment(staff, c.ID, a.ID)
		must(t, err)
		if old.Total != 83.45 || old.RuleSetVersion != 1 {
			t.Fatalf("the old assessment changed: %+v", old)
		}
		list, err := s.ListHealthAssessments(staff, c.ID)
		must(t, err)
		if len(list) != 2 || list[0].ID != b.ID {
			t.Fatalf("list %+v", list)
		}
		v1, err := s.FindHealthRuleSet(staff, "PERDEP-06-2016", 1)
		must(t, err)
		if !v1.Builtin || v1.Version != 1 {
			t.Fatalf("version 1: %+v", v1)
		}

		// An invalid table is refused with the place named, and nothing
		// is stored.
		rs.Aspects[0].Components[0].Tables[0].Bands[2].Lower = ptr(30.0)
		err = s.AdoptHealthRuleSet(staff, rs)
		wantCode(t, err, bina.Invalid)
		if fs := bina.ErrorFields(err); len(fs) == 0 || !strings.Contains(fs[0].Message.ID, "celah") {
			t.Fatalf("refused with %+v", fs)
		}
		if n := countRows(t, db, "health_rule_sets")["health_rule_sets"]; n != 3 {
			t.Fatalf("%d rule set rows, want 3", n)
		}

		// The other regime, and an answer overriding the data without a note.
		_, err = s.AssessHealth(staff, supervision.HealthAssessmentRequest{CooperativeID: c.ID, BookYear: 2024, RuleSet: "PERDEP-06-2016",
			Input: supervision.HealthInput{Answers: map[string]bool{"Q21": false}}})
		wantCode(t, err, bina.Invalid)
		j, err := s.AssessHealth(staff, supervision.HealthAssessmentRequest{CooperativeID: c.ID, BookYear: 2024, RuleSet: "JUKNIS-15-2021"})
		must(t, err)
		if j.Version != 3 || j.RuleSet != "JUKNIS-15-2021" || j.Category == "" {
			t.Fatalf("juknis %+v", j)
		}
		// The book year recomputed under the newest PERDEP version: the
		// next version, the last answers kept where they fit.
		n, err := s.ReassessHealthYear(staff, 2024, "PERDEP-06-2016")
		must(t, err)
		list, err = s.ListHealthAssessments(staff, c.ID)
		must(t, err)
		if n != 1 || len(list) != 4 || list[0].Version != 4 || list[0].RuleSetVersion != 2 {
			t.Fatalf("recomputed %d: %+v", n, list[0])
		}
		// Another kecamatan's officer does not reach the cooperative.
		_, err = s.ListHealthAssessments(as(bina.RoleOfficer, "61.12.02"), c.ID)
		wantCode(t, err, bina.NotFound)
		var doc string
		must(t, db.QueryRow(`SELECT document FROM health_assessments WHERE id = $1`, a.ID).Scan(&doc))
		if !json.Valid([]byte(doc)) {
			t.Fatal("the stored worksheet is not JSON")
		}
	})
}
