package bina

import "testing"

func TestRegionCodeWellFormed(t *testing.T) {
	for code, want := range map[RegionCode]bool{
		"61": true, "61.12": true, "61.12.01": true, "61.12.01.2001": true,
		"": false, "6": false, "61.1": false, "61.12.01.201": false, "61.12.01.2001.1": false,
		"6112": false, "61.12.0a": false, "61-12": false, " 61": false,
	} {
		if got := code.WellFormed(); got != want {
			t.Errorf("%q.WellFormed() = %v, want %v", code, got, want)
		}
	}
}
