package api_test

import (
	"testing"

	"bina"
)

// testAudit reads the audit the earlier scenarios left: the staff's reads
// of the "keripik" enterprise, single and in list pages, answered to
// administrators only.
func (e *env) testAudit(t *testing.T) {
	id := e.ids["keripik"]
	subject := path("/api/v1/audit?subject=enterprise:%d", id)
	var got struct {
		Items []struct {
			Actor   string   `json:"actor"`
			Action  string   `json:"action"`
			Records []string `json:"records"`
			Count   int      `json:"count"`
		} `json:"items"`
		Total int `json:"total"`
	}
	e.call(t, e.admin, "GET", subject, nil).want(t, 200).decode(t, &got)
	var view, list bool
	for _, it := range got.Items {
		view = view || it.Action == "view"
		list = list || it.Action == "list" && it.Count > 0
		if it.Actor == "pembaca" {
			t.Errorf("a viewer's masked read is recorded: %+v", it)
		}
	}
	if got.Total != len(got.Items) || !view || !list {
		t.Errorf("who saw enterprise %d: %+v", id, got)
	}

	// The history holds earlier NIKs and phones: reading it is recorded.
	var hist struct {
		Items []struct {
			Action  string   `json:"action"`
			Records []string `json:"records"`
			Detail  string   `json:"detail"`
		} `json:"items"`
	}
	e.call(t, e.admin, "GET", path("/api/v1/audit?subject=enterprise:%d", e.ids["kerupuk"]), nil).want(t, 200).decode(t, &hist)
	var sawHistory bool
	for _, it := range hist.Items {
		sawHistory = sawHistory || it.Action == "view" && it.Detail == "history"
	}
	if !sawHistory {
		t.Errorf("reading the history of kerupuk is not recorded: %+v", hist)
	}

	e.call(t, e.admin, "GET", "/api/v1/audit?actor=staf&limit=1", nil).want(t, 200).decode(t, &got)
	if len(got.Items) != 1 || got.Total < 2 || got.Items[0].Actor != "staf" {
		t.Errorf("what staf looked at: %+v", got)
	}
	e.call(t, e.tokens[bina.RoleStaff], "GET", subject, nil).problem(t, 403, "forbidden")
	e.call(t, e.admin, "GET", "/api/v1/audit", nil).problem(t, 422, "invalid", "subject")
	e.call(t, e.admin, "GET", "/api/v1/audit?subject=umkm:1", nil).problem(t, 422, "invalid", "subject")
	e.call(t, e.admin, "GET", "/api/v1/audit?subjek=enterprise:1", nil).problem(t, 400, "bad_request", "subjek")
}
