package api_test

import (
	"testing"
)

// testEnterpriseDuplicates: a body resembling a stored enterprise is
// answered 409 with it, and stored when the client confirms.
func (e *env) testEnterpriseDuplicates(t *testing.T) {
	body := enterpriseBody("Amplang Duplikat Kuala", "61.12.01.2002", nil)
	first := e.call(t, e.admin, "POST", "/api/v1/enterprises", body).want(t, 201).record(t)
	before := e.total(t, "")

	r := e.call(t, e.admin, "POST", "/api/v1/enterprises", body)
	r.problem(t, 409, "conflict")
	var p struct {
		Duplicates []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
			Rule string `json:"rule"`
		} `json:"duplicates"`
	}
	r.decode(t, &p)
	if len(p.Duplicates) == 0 || p.Duplicates[0].ID != first.ID || p.Duplicates[0].Rule != "nib" || p.Duplicates[0].Name != "Amplang Duplikat Kuala" {
		t.Errorf("duplicates %+v, want enterprise %d by its NIB", p.Duplicates, first.ID)
	}
	if n := e.total(t, ""); n != before {
		t.Errorf("a likely duplicate was stored: %d enterprises, want %d", n, before)
	}
	e.call(t, e.admin, "POST", "/api/v1/enterprises?confirm_duplicates=mungkin", body).problem(t, 400, "bad_request", "confirm_duplicates")
	e.call(t, e.admin, "POST", "/api/v1/enterprises?confirm_duplicates=true", body).want(t, 201)
	if n := e.total(t, ""); n != before+1 {
		t.Errorf("%d enterprises after confirming, want %d", n, before+1)
	}
}
