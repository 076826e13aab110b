package bina_test

import (
	"testing"
	"time"

	"bina"
)

// day is midnight of y-m-d in Western Indonesia Time, the zone of Kubu Raya.
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.FixedZone("WIB", 7*3600))
}

// TestActiveCooperative holds the rule of DOMAIN.md section 6: the RAT for
// book year T is due by 30 June of T+1, and a cooperative is active when
// it held the newest RAT that is due, or one of the tolerance years before.
func TestActiveCooperative(t *testing.T) {
	lastDayOfJune := time.Date(2026, time.June, 30, 23, 59, 59, 0, time.FixedZone("WIB", 7*3600))
	tests := []struct {
		name        string
		lastRAT     int
		now         time.Time
		tolerance   int
		wantActive  bool
		wantDueYear int
	}{
		{"no RAT ever", 0, day(2026, time.August, 1), 0, false, 2025},
		{"no RAT ever, even with tolerance", 0, day(2026, time.August, 1), 5, false, 2025},

		{"RAT 2025 held, after the deadline", 2025, day(2026, time.July, 1), 0, true, 2025},
		{"RAT 2024 only, the day the 2025 RAT falls due", 2024, day(2026, time.July, 1), 0, false, 2025},
		{"RAT 2024 only, on the last day to hold 2025's", 2024, lastDayOfJune, 0, true, 2024},
		{"RAT 2024 only, in January", 2024, day(2026, time.January, 1), 0, true, 2024},
		{"RAT 2023 only, before 2025's is due", 2023, day(2026, time.June, 30), 0, false, 2024},
		{"RAT 2025 held early, before its deadline", 2025, day(2026, time.March, 15), 0, true, 2024},

		{"one missed year tolerated", 2024, day(2026, time.July, 1), 1, true, 2025},
		{"two missed years with a tolerance of one", 2023, day(2026, time.July, 1), 1, false, 2025},
		{"two missed years tolerated", 2023, day(2026, time.July, 1), 2, true, 2025},
		{"three missed years with a tolerance of two", 2022, day(2026, time.December, 31), 2, false, 2025},
		{"a negative tolerance counts as none", 2025, day(2026, time.July, 1), -1, true, 2025},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bina.LastDueBookYear(tt.now); got != tt.wantDueYear {
				t.Errorf("LastDueBookYear(%s) = %d, want %d", tt.now.Format(time.DateOnly), got, tt.wantDueYear)
			}
			if got := bina.ActiveCooperative(tt.lastRAT, tt.now, tt.tolerance); got != tt.wantActive {
				t.Errorf("ActiveCooperative(RAT %d, %s, tolerance %d) = %v, want %v",
					tt.lastRAT, tt.now.Format(time.DateOnly), tt.tolerance, got, tt.wantActive)
			}
			// The stores filter lists on last_rat_year >= ActiveSinceBookYear:
			// the filter and the rule must agree.
			since := bina.ActiveSinceBookYear(tt.now, tt.tolerance)
			if filtered := tt.lastRAT != 0 && tt.lastRAT >= since; filtered != tt.wantActive {
				t.Errorf("the list filter (RAT year >= %d) says %v, the rule %v", since, filtered, tt.wantActive)
			}
		})
	}
}

// TestRATValidateDatesInWIB checks that a RAT held and reported today is
// not in the future at 06:00 WIB, when the day in UTC is still yesterday;
// tomorrow is.
func TestRATValidateDatesInWIB(t *testing.T) {
	early := time.Date(2026, time.May, 10, 6, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	for _, tt := range []struct {
		name  string
		on    bina.Date
		field string
	}{
		{"held and reported today", bina.DateOf(2026, time.May, 10), ""},
		{"held and reported tomorrow", bina.DateOf(2026, time.May, 11), "held_on"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := bina.RAT{BookYear: 2025, HeldOn: tt.on, ReportedOn: tt.on}
			err := r.Validate(early)
			var fields []string
			for _, f := range bina.ErrorFields(err) {
				fields = append(fields, f.Field)
			}
			if tt.field == "" && err != nil {
				t.Fatalf("refused: %v", fields)
			}
			if tt.field != "" && (len(fields) != 2 || fields[0] != tt.field || fields[1] != "reported_on") {
				t.Fatalf("problems with %v, want with %s and reported_on", fields, tt.field)
			}
		})
	}
}
