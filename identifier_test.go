package bina_test

import (
	"strings"
	"testing"
	"time"

	"bina"
)

// checkNow is the clock of the identifier tests: 10 May 2026 in WIB.
var checkNow = time.Date(2026, time.May, 10, 9, 0, 0, 0, time.FixedZone("WIB", 7*3600))

// nik builds a NIK of Kec. Sungai Raya (61.12.01) from its birth digits
// ddmmyy and its sequence.
func nik(ddmmyy, seq string) string { return "611201" + ddmmyy + seq }

// TestCheckNIK holds the NIK format of DOMAIN.md section 2: 16 digits, a
// plausible district in digits 1-6, a real birth date in digits 7-12 (day
// plus 40 for women) and a sequence that is not 0000.
func TestCheckNIK(t *testing.T) {
	tests := []struct {
		name string
		nik  string
		ok   bool
		says string // part of the English problem when refused
	}{
		{"a man born 12 May 1985", nik("120585", "0001"), true, ""},
		{"a woman born 12 May 1985", nik("520585", "0001"), true, ""},

		{"empty", "", false, "16 digits"},
		{"15 digits", nik("120585", "001"), false, "16 digits"},
		{"17 digits", nik("120585", "00011"), false, "16 digits"},
		{"a letter", nik("120585", "000O"), false, "16 digits"},
		{"dots left in", "61.12.01.120585.0001", false, "16 digits"},

		{"province 10 is below the first code", "101201120585" + "0001", false, "region code"},
		{"province 11, the first code", "111201120585" + "0001", true, ""},
		{"regency 00", "610001120585" + "0001", false, "region code"},
		{"district 00", "611200120585" + "0001", false, "region code"},

		{"day 00", nik("000585", "0001"), false, "birth date"},
		{"day 31 of a 31-day month", nik("310585", "0001"), true, ""},
		{"day 31 of April", nik("310485", "0001"), false, "birth date"},
		{"day 32", nik("320585", "0001"), false, "birth date"},
		{"day 40, neither a man's nor a woman's", nik("400585", "0001"), false, "birth date"},
		{"day 41, a woman born on the 1st", nik("410585", "0001"), true, ""},
		{"day 71, a woman born on the 31st", nik("710585", "0001"), true, ""},
		{"day 72", nik("720585", "0001"), false, "birth date"},
		{"month 00", nik("120085", "0001"), false, "birth date"},
		{"month 12", nik("121285", "0001"), true, ""},
		{"month 13", nik("121385", "0001"), false, "birth date"},
		{"29 February 2000, a leap year", nik("290200", "0001"), true, ""},
		{"29 February 2001", nik("290201", "0001"), false, "birth date"},
		{"a woman born 29 February 1996", nik("690296", "0001"), true, ""},

		{"sequence 0000", nik("120585", "0000"), false, "0000"},
		{"sequence 9999", nik("120585", "9999"), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, ok := bina.CheckNIK(tt.nik, checkNow)
			if ok != tt.ok {
				t.Fatalf("CheckNIK(%q) = %v (%q), want %v", tt.nik, ok, msg.EN, tt.ok)
			}
			if ok && (msg.ID != "" || msg.EN != "") {
				t.Errorf("accepted with a problem: %+v", msg)
			}
			if !ok && (msg.ID == "" || !strings.Contains(msg.EN, tt.says)) {
				t.Errorf("problem %+v, want one in both languages that says %q", msg, tt.says)
			}
		})
	}
}

// TestNIKBirthDate checks the birth date and gender read from a NIK. The
// year has two digits: it is the century that puts the birth on or before
// today, never in the future.
func TestNIKBirthDate(t *testing.T) {
	tests := []struct {
		name   string
		nik    string
		want   string
		gender string
	}{
		{"a man born 12 May 1985", nik("120585", "0001"), "1985-05-12", "L"},
		{"a woman born 12 May 1985", nik("520585", "0001"), "1985-05-12", "P"},
		{"born in 2000", nik("010100", "0001"), "2000-01-01", "L"},
		{"born last year", nik("311225", "0001"), "2025-12-31", "L"},
		{"born today", nik("100526", "0001"), "2026-05-10", "L"},
		{"born tomorrow's date, a century ago", nik("110526", "0001"), "1926-05-11", "L"},
		{"a woman born later this year's date, a century ago", nik("651226", "0001"), "1926-12-25", "P"},
		{"next year's digits are a century ago", nik("010127", "0001"), "1927-01-01", "L"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if msg, ok := bina.CheckNIK(tt.nik, checkNow); !ok {
				t.Fatalf("CheckNIK(%q) refused: %s", tt.nik, msg.EN)
			}
			d, g, ok := bina.NIKBirthDate(tt.nik, checkNow)
			if !ok || d.String() != tt.want || g != tt.gender {
				t.Errorf("NIKBirthDate(%q) = %s, %q, %v; want %s, %q", tt.nik, d, g, ok, tt.want, tt.gender)
			}
			if d.After(bina.DateFromTime(checkNow)) {
				t.Errorf("birth date %s is after today", d)
			}
		})
	}
	if _, _, ok := bina.NIKBirthDate(nik("320585", "0001"), checkNow); ok {
		t.Error("NIKBirthDate read a date from a NIK that CheckNIK refuses")
	}
}

// TestCheckNIBAndNPWP holds the lengths of DOMAIN.md section 2: NIB 13
// digits; NPWP 15, or 16 since 2024.
func TestCheckNIBAndNPWP(t *testing.T) {
	tests := []struct {
		name  string
		check func(string) (bina.Text, bool)
		in    string
		ok    bool
	}{
		{"NIB of 13 digits", bina.CheckNIB, "9120001234567", true},
		{"NIB of 12 digits", bina.CheckNIB, "912000123456", false},
		{"NIB of 14 digits", bina.CheckNIB, "91200012345678", false},
		{"NIB with a letter", bina.CheckNIB, "912000123456O", false},
		{"NIB empty", bina.CheckNIB, "", false},
		{"NIB with spaces left in", bina.CheckNIB, "9120 0012 34567", false},

		{"NPWP of 14 digits", bina.CheckNPWP, "01234567891200", false},
		{"NPWP of 15 digits", bina.CheckNPWP, "012345678912000", true},
		{"NPWP of 16 digits, the NIK form since 2024", bina.CheckNPWP, "6112011205850001", true},
		{"NPWP of 17 digits", bina.CheckNPWP, "61120112058500011", false},
		{"NPWP with a letter", bina.CheckNPWP, "01234567891200X", false},
		{"NPWP as printed, with dots and a dash", bina.CheckNPWP, "01.234.567.8-912.000", false},
		{"NPWP empty", bina.CheckNPWP, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, ok := tt.check(tt.in)
			if ok != tt.ok {
				t.Fatalf("check(%q) = %v (%q), want %v", tt.in, ok, msg.EN, tt.ok)
			}
			if !ok && (msg.ID == "" || msg.EN == "") {
				t.Errorf("refused without a problem in both languages: %+v", msg)
			}
		})
	}
}

// TestNormalizeDigits checks that what people type inside numbers goes,
// and nothing else: a letter stays for the check to refuse.
func TestNormalizeDigits(t *testing.T) {
	for in, want := range map[string]string{
		"01.234.567.8-912.000":      "012345678912000",
		" 6112 0112 0585 0001 ":     "6112011205850001",
		"9120\u00a0001\u00a0234567": "9120001234567",
		"9120001234567":             "9120001234567",
		"912000123456O":             "912000123456O",
		"":                          "",
	} {
		if got := bina.NormalizeDigits(in); got != want {
			t.Errorf("NormalizeDigits(%q) = %q, want %q", in, got, want)
		}
	}
}
