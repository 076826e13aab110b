package api_test

import (
	"bina/supervision"
	"context"
	"strconv"
	"strings"
	"testing"

	"bina"
)

func (e *env) testHealth(t *testing.T) {
	staff, viewer, officer := e.tokens[bina.RoleStaff], e.tokens[bina.RoleViewer], e.tokens[bina.RoleOfficer]
	id := e.call(t, e.admin, "POST", "/api/v1/cooperatives", cooperativeBody("KSP Maju Bersama", "61.12.02.2001", nil)).want(t, 201).record(t).ID
	assess := path("/api/v1/cooperatives/%d/health-assessments", id)
	answers := map[string]bool{}
	for i := 1; i <= 38; i++ {
		answers["Q"+strconv.Itoa(i)] = i != 11 && i != 12 && i != 18 && i != 23 && i != 32 && i != 33 && i != 38
	}
	// D.6 fixes the counts; where the data differs the assessor notes why.
	notes := map[string]string{"Q19": "diperiksa", "Q20": "diperiksa", "Q22": "diperiksa"}
	body := map[string]any{"book_year": 2024, "rule_set": "PERDEP-06-2016", "answers": answers, "notes": notes}

	// No accepted report yet.
	e.call(t, staff, "POST", assess, body).problem(t, 422, "invalid")
	ctx := bina.WithUser(context.Background(), &bina.User{ID: 1, Name: "staf", Role: bina.RoleStaff})
	r := supervision.ExampleReport(1_000_000)
	r.CooperativeID = id
	for _, step := range []func() error{
		func() error { return e.reports.SaveAnnualReport(ctx, r) },
		func() error { _, err := e.reports.SubmitAnnualReport(ctx, id, 2024); return err },
		func() error { _, err := e.reports.AcceptAnnualReport(ctx, id, 2024); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}

	e.call(t, staff, "POST", assess, map[string]any{"book_year": 2024, "rule_set": "PERDEP-06-2016", "answers": map[string]bool{"Q99": true}}).problem(t, 422, "invalid", "answers.Q99")
	e.call(t, staff, "POST", assess, map[string]any{"book_year": 2024, "rule_set": "PERDEP-06-2016", "answers": map[string]bool{"Q21": false}}).problem(t, 422, "invalid", "answers.Q21")
	e.call(t, staff, "POST", assess, map[string]any{"book_year": 2024, "rule_set": "TIDAK-ADA"}).problem(t, 404, "not_found")
	e.call(t, staff, "POST", assess, map[string]any{"book_year": 2024, "rule_set": "PERDEP-06-2016", "jawaban": 1}).problem(t, 400, "bad_request", "jawaban")
	e.call(t, viewer, "POST", assess, body).problem(t, 403, "forbidden")
	e.call(t, officer, "POST", assess, body).problem(t, 403, "forbidden")
	e.call(t, officer, "GET", assess, nil).problem(t, 404, "not_found") // outside the officer's kecamatan

	var a struct {
		ID         int64   `json:"id"`
		RuleSet    string  `json:"rule_set"`
		Version    int     `json:"version"`
		Total      float64 `json:"total"`
		Category   string  `json:"category"`
		Components []struct {
			Code  string   `json:"code"`
			Ratio *float64 `json:"ratio"`
			Nilai float64  `json:"nilai"`
			Bobot float64  `json:"bobot"`
			Skor  float64  `json:"skor"`
		} `json:"components"`
	}
	res := e.call(t, staff, "POST", assess, body).want(t, 201)
	res.decode(t, &a)
	if a.RuleSet != "PERDEP-06-2016" || a.Version != 1 || a.Total != 83.45 || a.Category != "sehat" || len(a.Components) != 22 ||
		a.Components[0].Code != "1a" || a.Components[0].Nilai != 50 || a.Components[0].Skor != 3 {
		t.Fatalf("assessment %+v", a)
	}
	if loc := res.header.Get("Location"); loc != path("%s/%d", assess, a.ID) {
		t.Errorf("Location %q", loc)
	}
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
		Total int `json:"total"`
	}
	e.call(t, viewer, "GET", assess, nil).want(t, 200).decode(t, &list)
	if list.Total != 1 || list.Items[0].ID != a.ID {
		t.Errorf("list %+v", list)
	}
	e.call(t, viewer, "GET", path("%s/%d", assess, a.ID), nil).want(t, 200)
	e.call(t, viewer, "GET", path("%s/999999", assess), nil).problem(t, 404, "not_found")

	// Rule sets: list, one, adopt a corrected version.
	e.call(t, viewer, "GET", "/api/v1/health-rule-sets", nil).want(t, 200)
	var rs map[string]any
	e.call(t, viewer, "GET", "/api/v1/health-rule-sets/PERDEP-06-2016", nil).want(t, 200).decode(t, &rs)
	e.call(t, viewer, "GET", "/api/v1/health-rule-sets/PERDEP-06-2016?version=x", nil).problem(t, 400, "bad_request")
	e.call(t, viewer, "GET", "/api/v1/health-rule-sets/TIDAK-ADA", nil).problem(t, 404, "not_found")
	for _, k := range []string{"adopted_by", "adopted_at", "builtin"} {
		delete(rs, k)
	}
	e.call(t, viewer, "POST", "/api/v1/health-rule-sets", rs).problem(t, 403, "forbidden")
	aspects := rs["aspects"].([]any)
	aspects[0].(map[string]any)["bobot"] = 20.0
	p := e.call(t, staff, "POST", "/api/v1/health-rule-sets", rs).problem(t, 422, "invalid", "aspects")
	if len(p.Errors) == 0 || !strings.Contains(p.Errors[0].Message+p.Errors[len(p.Errors)-1].Message, "100") {
		t.Errorf("refusal %+v", p.Errors)
	}
	aspects[0].(map[string]any)["bobot"] = 15.0
	var adopted struct {
		Version int `json:"version"`
	}
	e.call(t, staff, "POST", "/api/v1/health-rule-sets", rs).want(t, 201).decode(t, &adopted)
	if adopted.Version != 2 {
		t.Errorf("adopted as version %d", adopted.Version)
	}
	e.call(t, viewer, "GET", "/api/v1/health-rule-sets/PERDEP-06-2016?version=1", nil).want(t, 200)
}
