package api_test

import (
	"bina/coaching"
	"testing"

	"bina"
)

// testReach checks GET /api/v1/reach against the register of the earlier
// subtests (six live businesses, none reached yet) and its lists.
func (e *env) testReach(t *testing.T) {
	var rep struct {
		Items []coaching.ReachRow
		Total coaching.ReachRow
	}
	e.call(t, e.admin, "GET", "/api/v1/reach?region=61.12", nil).want(t, 200).decode(t, &rep)
	if rep.Total.RegionCode != "61.12" || rep.Total.Enterprises != 6 || rep.Total.Reached != 0 || rep.Total.NeverReached != 6 {
		t.Errorf("total %+v", rep.Total)
	}
	sum := 0
	for _, r := range rep.Items {
		if r.RegionCode.Parent() != "61.12" || r.RegionName == "" {
			t.Errorf("item %+v is not a named kecamatan of 61.12", r)
		}
		sum += r.Enterprises
	}
	if sum != rep.Total.Enterprises {
		t.Errorf("items add up to %d, total %d", sum, rep.Total.Enterprises)
	}
	e.call(t, e.admin, "GET", "/api/v1/reach?region=61.12.02&since=2024", nil).want(t, 200).decode(t, &rep)
	if rep.Total.RegionCode != "61.12.02" || len(rep.Items) == 0 || rep.Items[0].RegionCode.Level() != bina.LevelVillage {
		t.Errorf("desa of 61.12.02: %+v", rep)
	}
	if n := e.total(t, "?reached=never"); n != 6 {
		t.Errorf("never reached list: %d", n)
	}
	if n := e.total(t, "?reached=since:2020"); n != 0 {
		t.Errorf("reached since 2020: %d", n)
	}
	e.call(t, e.admin, "GET", "/api/v1/reach?since=tahun-lalu", nil).problem(t, 422, "invalid", "since")
	e.call(t, e.admin, "GET", "/api/v1/reach?wilayah=61.12", nil).problem(t, 400, "bad_request", "wilayah")
	e.call(t, e.admin, "GET", "/api/v1/enterprises?reached=kemarin", nil).problem(t, 422, "invalid", "reached")
	e.call(t, e.tokens[bina.RoleOfficer], "GET", "/api/v1/reach?region=61.12.02", nil).problem(t, 404, "not_found")
	e.call(t, e.tokens[bina.RoleOfficer], "GET", "/api/v1/reach", nil).want(t, 200).decode(t, &rep)
	if rep.Total.RegionCode != "61.12.01" {
		t.Errorf("officer's default region %+v", rep.Total)
	}
}
