package bina

import "testing"

func TestYesNo(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"ya", "ya", true},
		{"true", "ya", true},
		{"tidak", "tidak", true},
		{"false", "tidak", true},
		{"TRUE", "", false},
		{"1", "", false},
		{"yes", "", false},
	} {
		got, ok := YesNo(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("YesNo(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
