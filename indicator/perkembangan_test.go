package indicator

import (
	"testing"

	"bina"
)

func TestPerkembanganFigures(t *testing.T) {
	var a, b PerkembanganFigures
	a.Cooperatives, a.Active = 2, 1
	a.Add(&bina.RAT{HeldOn: day("2026-03-01"), MembersFemale: 10, MembersMale: 5, SimpananPokok: 100, HasBusinessLicense: true, HealthAssessed: true, HealthResult: "sehat"})
	a.Add(nil)
	b.Cooperatives = 1
	b.Add(&bina.RAT{MembersMale: 7, SHU: -50, HealthResult: "cukup_sehat"})
	var tot PerkembanganFigures
	tot.Sum(a)
	tot.Sum(b)
	get := map[string]int64{}
	for _, c := range PerkembanganColumns() {
		get[c.Code] = c.Get(&tot)
	}
	want := map[string]int64{"cooperatives": 3, "active": 1, "inactive": 2, "rat_held": 1, "members": 22, "own_capital": 100, "shu": -50,
		"has_business_license": 1, "health_assessed": 2, "health_sehat": 1, "health_cukup_sehat": 1, "health_dalam_pengawasan": 0}
	for k, v := range want {
		if get[k] != v {
			t.Errorf("%s = %d, want %d", k, get[k], v)
		}
	}
}

func day(s string) bina.Date {
	d, err := bina.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
