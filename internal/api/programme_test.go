package api_test

import (
	"bina/coaching"
	"strings"
	"testing"

	"bina"
)

func programmeBody(name string) map[string]any {
	return map[string]any{
		"name": name, "kind": "pelatihan", "themes": []string{"pemasaran"}, "funding_source": "APBD", "funding_amount": 15_000_000,
		"starts_on": "2026-12-01", "ends_on": "2026-12-02", "place": "Aula", "quota": 1,
		"criteria":   map[string]any{"sizes": []string{"mikro"}},
		"activities": []any{map[string]any{"name": "Hari 1", "starts_on": "2026-12-01"}},
	}
}

func (e *env) testProgrammes(t *testing.T) {
	staff := e.tokens[bina.RoleStaff]
	r := e.call(t, staff, "POST", "/api/v1/programmes", programmeBody("Pelatihan Kemasan API")).want(t, 201)
	var g coaching.Programme
	r.decode(t, &g)
	url := path("/api/v1/programmes/%d", g.ID)
	if r.header.Get("Location") != url || r.header.Get("ETag") != `"1"` || len(g.Activities) != 1 || g.Year != 2026 {
		t.Fatalf("created %+v (Location %s, ETag %s)", g, r.header.Get("Location"), r.header.Get("ETag"))
	}
	e.call(t, staff, "POST", "/api/v1/programmes", map[string]any{"name": "x", "kind": "seminar", "starts_on": "2026-12-01"}).problem(t, 422, "invalid", "kind")
	e.call(t, e.tokens[bina.RoleViewer], "POST", "/api/v1/programmes", programmeBody("x")).problem(t, 403, "forbidden")

	var page struct {
		Items []coaching.Programme `json:"items"`
		Total int                  `json:"total"`
	}
	e.call(t, staff, "GET", "/api/v1/programmes?year=2026&kind=pelatihan", nil).want(t, 200).decode(t, &page)
	if page.Total != 1 || page.Items[0].ID != g.ID {
		t.Errorf("list %+v", page)
	}
	e.call(t, staff, "GET", "/api/v1/programmes?tahun=2026", nil).problem(t, 400, "bad_request", "tahun")

	// Two staff read version 1; the second write is refused with 412.
	var cur map[string]any
	e.call(t, staff, "GET", url, nil).want(t, 200).decode(t, &cur)
	cur["place"] = "Gedung PKK"
	e.call(t, staff, "PUT", url, cur).problem(t, 428, "precondition_required")
	e.call(t, staff, "PUT", url, cur, "If-Match", `"1"`).want(t, 200)
	cur["quota"] = 50
	e.call(t, e.admin, "PUT", url, cur, "If-Match", `"1"`).problem(t, 412, "precondition_failed")

	r = e.call(t, staff, "POST", "/api/v1/enterprises", enterpriseBody("Amplang Kandidat", "61.12.01.2001", nil)).want(t, 201)
	var ent bina.Enterprise
	r.decode(t, &ent)

	var cands struct {
		Items []coaching.Candidate `json:"items"`
		Total int                  `json:"total"`
	}
	e.call(t, staff, "GET", url+"/candidates?never_reached=true&sizes=mikro,kecil&region=61.12.01", nil).want(t, 200).decode(t, &cands)
	found := false
	for _, c := range cands.Items {
		if c.EnterpriseID == ent.ID {
			found = strings.HasPrefix(c.InviteURL, "https://wa.me/62")
		}
	}
	if !found || cands.Total < 1 {
		t.Errorf("candidates %+v", cands)
	}
	e.call(t, staff, "GET", url+"/candidates?sizes=raksasa", nil).problem(t, 422, "invalid", "sizes")
	e.call(t, staff, "GET", url+"/candidates?min_age=200", nil).problem(t, 422, "invalid", "min_age")

	var p struct {
		coaching.Participant
		Warnings []bina.Text `json:"warnings"`
	}
	e.call(t, staff, "POST", url+"/participants", map[string]any{"enterprise_id": ent.ID}).want(t, 201).decode(t, &p)
	if p.State != "proposed" || p.Source != "candidate" || len(p.Warnings) != 0 {
		t.Errorf("enrolled %+v", p)
	}
	e.call(t, staff, "POST", url+"/participants", map[string]any{"enterprise_id": ent.ID}).problem(t, 422, "invalid", "enterprise_id")
	e.call(t, staff, "POST", url+"/participants", map[string]any{"enterprise_id": ent.ID, "status": "x"}).problem(t, 400, "bad_request", "status")

	var parts struct {
		Items []coaching.Participant `json:"items"`
		Total int                    `json:"total"`
	}
	e.call(t, e.tokens[bina.RoleViewer], "GET", url+"/participants", nil).want(t, 200).decode(t, &parts)
	if parts.Total != 1 || parts.Items[0].Phone != bina.Masked || parts.Items[0].InviteURL != "" {
		t.Errorf("viewer's participants %+v", parts)
	}
	e.call(t, staff, "GET", url+"/participants?state=hadir", nil).problem(t, 422, "invalid", "state")
	e.call(t, staff, "GET", "/api/v1/programmes/99999999/participants", nil).problem(t, 404, "not_found")

	// Outcomes count those who attended or completed: the proposed
	// participant's milestone stays out until it attends.
	e.call(t, staff, "POST", path("/api/v1/enterprises/%d/milestones", ent.ID), map[string]any{
		"uuid": "3b9d7a52-5f0e-4c1e-9a57-0c2f4f6d8e11", "kind": coaching.MilestoneJobsCreated, "date": "2026-11-01", "jobs": 4}).want(t, 201)
	var out coaching.Outcomes
	e.call(t, staff, "GET", url+"/outcomes", nil).want(t, 200).decode(t, &out)
	if out.From != bina.DateOf(2026, 12, 1) || len(out.Before) != len(coaching.MilestoneKinds) || len(out.After) != len(coaching.MilestoneKinds) || out.Before[1].Jobs != 0 {
		t.Errorf("outcomes of a programme without attendance %+v", out)
	}
	var came bina.Enterprise
	e.call(t, staff, "POST", "/api/v1/enterprises", enterpriseBody("Amplang Hadir", "61.12.01.2001", nil)).want(t, 201).decode(t, &came)
	e.call(t, staff, "POST", path("/api/v1/enterprises/%d/milestones", came.ID), map[string]any{
		"uuid": "3b9d7a52-5f0e-4c1e-9a57-0c2f4f6d8e12", "kind": coaching.MilestoneJobsCreated, "date": "2026-11-02", "jobs": 3}).want(t, 201)
	e.call(t, staff, "POST", url+"/participants", map[string]any{"enterprise_id": came.ID, "state": "attended", "reached_on": "2026-12-01"}).want(t, 201)
	e.call(t, staff, "GET", url+"/outcomes", nil).want(t, 200).decode(t, &out)
	if out.Before[1].Kind != coaching.MilestoneJobsCreated || out.Before[1].Jobs != 3 || out.Before[1].Enterprises != 1 {
		t.Errorf("outcomes after attendance %+v", out)
	}
	e.call(t, staff, "GET", "/api/v1/programmes/99999999/outcomes", nil).problem(t, 404, "not_found")
}
