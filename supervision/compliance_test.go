package supervision

import (
	"bina"
	"net/url"
	"strings"
	"testing"
	"time"
)

func day(s string) bina.Date {
	d, err := bina.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestComplianceDueDates(t *testing.T) {
	s := DefaultComplianceSettings()
	if got := s.RATDue(2025); got != day("2026-06-30") {
		t.Errorf("RAT due 2025 = %s", got)
	}
	if got := s.ReportDue(2025); got != day("2026-07-30") {
		t.Errorf("report due 2025 = %s", got)
	}
	s.RATDueMonth, s.RATDueDay, s.ReportMonths = 2, 29, 1
	if got := s.RATDue(2022); got != day("2023-02-28") {
		t.Errorf("29 February in a common year = %s", got)
	}
	if got := s.ReportDue(2023); got != day("2024-03-29") {
		t.Errorf("report due after 29 February 2024 = %s", got)
	}
	s = DefaultComplianceSettings()
	for today, want := range map[string]int{"2026-06-30": 2024, "2026-07-01": 2025, "2026-12-31": 2025, "2027-01-01": 2025} {
		if got := s.LastDueBookYear(day(today)); got != want {
			t.Errorf("last due on %s = %d, want %d", today, got, want)
		}
		if got := bina.LastDueBookYear(day(today).Time().Add(12 * time.Hour)); today != "2026-06-30" && got != want {
			t.Errorf("the active rule's last due year on %s = %d, want %d", today, got, want)
		}
	}
}

func TestComply(t *testing.T) {
	s := DefaultComplianceSettings()
	today := day("2026-11-28")
	for _, c := range []struct {
		name   string
		year   int
		f      ComplianceFacts
		status ComplianceStatus
		late   int
		missed int
		sanc   string
	}{
		{"on time", 2025, ComplianceFacts{HeldOn: day("2026-03-10"), ReportedOn: day("2026-04-01"), LastHeldYear: 2025}, ComplianceOnTime, 0, 0, ""},
		{"held late", 2025, ComplianceFacts{HeldOn: day("2026-07-10"), ReportedOn: day("2026-07-20"), LastHeldYear: 2025}, ComplianceLate, 10, 0, ""},
		{"report late", 2025, ComplianceFacts{HeldOn: day("2026-05-10"), ReportedOn: day("2026-08-09"), LastHeldYear: 2025}, ComplianceLate, 10, 0, ""},
		{"report never sent", 2025, ComplianceFacts{HeldOn: day("2026-05-10"), LastHeldYear: 2025}, ComplianceLate, 121, 0, ""},
		{"missed one", 2025, ComplianceFacts{LastHeldYear: 2024, FoundedYear: 2001}, ComplianceMissed, 151, 1, "Teguran tertulis I"},
		{"missed two", 2025, ComplianceFacts{LastHeldYear: 2023, FoundedYear: 2001}, ComplianceMissed, 151, 2, "Teguran tertulis II / pembinaan khusus"},
		{"missed five", 2025, ComplianceFacts{LastHeldYear: 2020}, ComplianceMissed, 151, 5, "Usulan pembubaran"},
		{"founded in the book year", 2025, ComplianceFacts{FoundedYear: 2025}, ComplianceMissed, 151, 1, "Teguran tertulis I"},
		{"never, founding unknown", 2025, ComplianceFacts{}, ComplianceMissed, 151, ComplianceLookback, "Usulan pembubaran"},
		{"a KDMP without a legal date yet", 2025, ComplianceFacts{FoundedYear: FoundedYear(bina.Date{}, true)}, ComplianceMissed, 151, 1, "Teguran tertulis I"},
		{"not yet due", 2026, ComplianceFacts{LastHeldYear: 2025}, ComplianceNotDue, 0, 0, ""},
		{"not yet due, behind already", 2026, ComplianceFacts{LastHeldYear: 2023}, ComplianceNotDue, 0, 2, "Teguran tertulis II / pembinaan khusus"},
		{"an old year held late", 2020, ComplianceFacts{HeldOn: day("2021-09-01"), ReportedOn: day("2021-09-02"), LastHeldYear: 2020}, ComplianceLate, 63, 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := s.Comply(c.f, c.year, today)
			if got.Status != c.status || got.DaysLate != c.late || got.MissedYears != c.missed || got.Sanction != c.sanc {
				t.Errorf("got %s, %d days late, %d missed, %q; want %s, %d, %d, %q", got.Status, got.DaysLate, got.MissedYears, got.Sanction, c.status, c.late, c.missed, c.sanc)
			}
		})
	}
}

func TestComplianceSettingsValidate(t *testing.T) {
	ok := DefaultComplianceSettings()
	if err := ok.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for name, change := range map[string]func(*ComplianceSettings){
		"month 13":  func(s *ComplianceSettings) { s.RATDueMonth = 13 },
		"31 June":   func(s *ComplianceSettings) { s.RATDueDay = 31 },
		"report 13": func(s *ComplianceSettings) { s.ReportMonths = 13 },
		"rung twice": func(s *ComplianceSettings) {
			s.Sanctions = append(s.Sanctions, SanctionStep{MissedYears: 2, Label: "x"})
		},
		"rung zero years": func(s *ComplianceSettings) { s.Sanctions[0].MissedYears = 0 },
		"rung no name":    func(s *ComplianceSettings) { s.Sanctions[1].Label = " " },
	} {
		t.Run(name, func(t *testing.T) {
			s := DefaultComplianceSettings()
			change(&s)
			s.Normalize()
			if err := s.Validate(); bina.ErrorCode(err) != bina.Invalid {
				t.Errorf("Validate = %v, want invalid", err)
			}
		})
	}
	s := ComplianceSettings{RATDueMonth: 6, RATDueDay: 30, Sanctions: []SanctionStep{{4, "c"}, {}, {2, " a  b "}}}
	s.Normalize()
	if len(s.Sanctions) != 2 || s.Sanctions[0].MissedYears != 2 || s.Sanctions[0].Label != "a b" {
		t.Errorf("normalized ladder = %+v", s.Sanctions)
	}
	if st, ok := s.Sanction(3); !ok || st.MissedYears != 2 {
		t.Errorf("rung of 3 = %+v %v", st, ok)
	}
	if _, ok := s.Sanction(1); ok {
		t.Errorf("1 missed year is below the ladder")
	}
}

func TestComplianceCount(t *testing.T) {
	s := DefaultComplianceSettings()
	rows := []Compliance{
		{Status: ComplianceOnTime}, {Status: ComplianceLate, DaysLate: 3},
		{Status: ComplianceMissed, MissedYears: 1}, {Status: ComplianceMissed, MissedYears: 2},
		{Status: ComplianceMissed, MissedYears: 3}, {Status: ComplianceMissed, MissedYears: 7},
		{Status: ComplianceNotDue, MissedYears: 2},
	}
	c := s.Count(rows)
	if c.Total != 7 || c.ByStatus[ComplianceMissed] != 4 || c.ByStatus[ComplianceOnTime] != 1 {
		t.Errorf("counts = %+v", c)
	}
	want := []int{1, 2, 2}
	for i, sc := range c.ByStep {
		if sc.Count != want[i] {
			t.Errorf("rung %d: %d, want %d", sc.MissedYears, sc.Count, want[i])
		}
	}
	if c.ByStep[0].UpTo != 1 || c.ByStep[2].UpTo != 0 {
		t.Errorf("rung spans = %+v", c.ByStep)
	}
	kept := 0
	for _, r := range rows {
		if s.Keep(r, ComplianceFilter{Missed: 3}) {
			kept++
		}
	}
	if kept != 2 {
		t.Errorf("kept in the third rung = %d, want 2", kept)
	}
}

func TestComplianceReminder(t *testing.T) {
	s := DefaultComplianceSettings()
	it := ComplianceItem{Compliance: s.Comply(ComplianceFacts{LastHeldYear: 2023, FoundedYear: 2010}, 2025, day("2026-11-28")),
		Name: "KSP Maju", BoardPhone: "0812-3456-7890"}
	link, ok := s.ReminderLink(it, 2025)
	u, err := url.Parse(link)
	if !ok || err != nil || u.Host != "wa.me" || u.Path != "/6281234567890" {
		t.Fatalf("link = %q %v", link, err)
	}
	text := u.Query().Get("text")
	for _, w := range []string{"KSP Maju", "2025", "30 Juni 2026", "2 tahun", "Teguran tertulis II"} {
		if !strings.Contains(text, w) {
			t.Errorf("reminder %q lacks %q", text, w)
		}
	}
	it.BoardPhone = bina.Masked
	if _, ok := s.ReminderLink(it, 2025); ok {
		t.Errorf("a masked phone makes a link")
	}
	if n, p := BoardContact([]bina.Officer{{Name: "A", Role: "sekretaris", Phone: "0811"}, {Name: "B", Role: "ketua"}, {Name: "C", Role: "ketua", Phone: "0812"}}); n != "C" || p != "0812" {
		t.Errorf("board contact = %s %s", n, p)
	}
}

func TestKDMPOverview(t *testing.T) {
	rows := []KDMPRow{
		{VillageCode: "61.12.01.2001"},
		{VillageCode: "61.12.01.2002", CooperativeID: 1, LegalNumber: "1/BH", LegalDate: day("2025-06-01"), Units: 3},
		{VillageCode: "61.12.01.2003", CooperativeID: 2, LegalNumber: "2/BH", LegalDate: day("2025-06-01"), RegistrationNumber: "6112010000000001", Units: 2, FirstRATYear: 2025},
	}
	o := NewKDMPOverview("61.12.01", rows)
	if o.Gaps["berdiri"] != 1 || o.Gaps["rat_pertama"] != 2 || o.Reached["unit_usaha"] != 2 || o.Gaps["nomor_induk"] != 2 {
		t.Errorf("gaps %v reached %v", o.Gaps, o.Reached)
	}
	if got := rows[1].Gaps(); strings.Join(got, ",") != "nomor_induk,rat_pertama" {
		t.Errorf("gaps of the second = %v", got)
	}
	if len(o.Missing("badan_hukum")) != 1 || len(o.Missing("")) != 3 {
		t.Errorf("missing legal entity = %v", o.Missing("badan_hukum"))
	}
}
