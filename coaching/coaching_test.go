package coaching_test

import (
	"bina/coaching"
	"testing"

	"bina"
)

func validSession() coaching.CoachingSession {
	return coaching.CoachingSession{
		UUID: "0f8fad5b-d9cb-469f-a165-70867728950e", EnterpriseID: 1,
		Date: bina.DateOf(2026, 11, 20), Mode: "visit", DurationMinutes: 60,
		Topics:    []string{"pemasaran", "legalitas", "pemasaran"},
		FollowUps: []coaching.FollowUp{{Task: "Daftar NIB di OSS", DueOn: bina.DateOf(2026, 12, 1)}},
	}
}

func TestCoachingSessionValidate(t *testing.T) {
	today := bina.DateOf(2026, 11, 28)
	for _, tc := range []struct {
		name   string
		change func(s *coaching.CoachingSession)
		field  string // "" when valid
	}{
		{"valid", func(*coaching.CoachingSession) {}, ""},
		{"today", func(s *coaching.CoachingSession) { s.Date = today }, ""},
		{"future date", func(s *coaching.CoachingSession) { s.Date = bina.DateOf(2026, 11, 29) }, "date"},
		{"no date", func(s *coaching.CoachingSession) { s.Date = bina.Date{} }, "date"},
		{"follow-up before session", func(s *coaching.CoachingSession) { s.FollowUps[0].DueOn = bina.DateOf(2026, 11, 19) }, "follow_ups.0.due_on"},
		{"follow-up without task", func(s *coaching.CoachingSession) { s.FollowUps[0].Task = "" }, "follow_ups.0.task"},
		{"follow-up done in the future", func(s *coaching.CoachingSession) { s.FollowUps[0].DoneOn = bina.DateOf(2026, 12, 1) }, "follow_ups.0.done_on"},
		{"too short", func(s *coaching.CoachingSession) { s.DurationMinutes = 0 }, "duration_minutes"},
		{"too long", func(s *coaching.CoachingSession) { s.DurationMinutes = 13 * 60 }, "duration_minutes"},
		{"unknown mode", func(s *coaching.CoachingSession) { s.Mode = "pigeon" }, "mode"},
		{"unknown topic", func(s *coaching.CoachingSession) { s.Topics = []string{"astrologi"} }, "topics"},
		{"bad uuid", func(s *coaching.CoachingSession) { s.UUID = "123" }, "uuid"},
		{"next visit before session", func(s *coaching.CoachingSession) { s.NextVisitOn = bina.DateOf(2026, 11, 1) }, "next_visit_on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validSession()
			tc.change(&s)
			s.Normalize()
			err := s.Validate(today)
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var p bina.Problems
			p.Fields = bina.ErrorFields(err)
			if _, ok := p.For(tc.field); !ok {
				t.Fatalf("Validate = %v; want a problem with %s", err, tc.field)
			}
		})
	}
}

func TestCoachingSessionSameRecord(t *testing.T) {
	a, b := validSession(), validSession()
	a.Normalize()
	b.Normalize()
	b.FollowUps[0].DoneOn = bina.DateOf(2026, 11, 25) // done since: still the same
	if !a.SameRecord(&b) {
		t.Error("same session not recognised")
	}
	b.Notes = "lain"
	if a.SameRecord(&b) {
		t.Error("different notes taken for the same session")
	}
}

// TestCoachingTopicsFollowThemes checks that the session topics are the
// census themes and the office's additions, each labelled in both languages.
func TestCoachingTopicsFollowThemes(t *testing.T) {
	if len(coaching.CoachingTopics) != len(coaching.CoachingThemes)+3 {
		t.Fatalf("%d topics for %d themes", len(coaching.CoachingTopics), len(coaching.CoachingThemes))
	}
	for i, o := range coaching.CoachingThemes {
		if coaching.CoachingTopics[i] != o {
			t.Errorf("topic %d = %v, want theme %v", i, coaching.CoachingTopics[i], o)
		}
	}
	for _, o := range coaching.CoachingTopics {
		if o.ID == "" || o.EN == "" {
			t.Errorf("topic %q lacks a label: %+v", o.Code, o)
		}
	}
}
