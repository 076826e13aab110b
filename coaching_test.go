package bina_test

import (
	"testing"

	"bina"
)

func validSession() bina.CoachingSession {
	return bina.CoachingSession{
		UUID: "0f8fad5b-d9cb-469f-a165-70867728950e", EnterpriseID: 1,
		Date: bina.DateOf(2026, 11, 20), Mode: "visit", DurationMinutes: 60,
		Topics:    []string{"pemasaran", "legalitas", "pemasaran"},
		FollowUps: []bina.FollowUp{{Task: "Daftar NIB di OSS", DueOn: bina.DateOf(2026, 12, 1)}},
	}
}

func TestCoachingSessionValidate(t *testing.T) {
	today := bina.DateOf(2026, 11, 28)
	for _, tc := range []struct {
		name   string
		change func(s *bina.CoachingSession)
		field  string // "" when valid
	}{
		{"valid", func(*bina.CoachingSession) {}, ""},
		{"today", func(s *bina.CoachingSession) { s.Date = today }, ""},
		{"future date", func(s *bina.CoachingSession) { s.Date = bina.DateOf(2026, 11, 29) }, "date"},
		{"no date", func(s *bina.CoachingSession) { s.Date = bina.Date{} }, "date"},
		{"follow-up before session", func(s *bina.CoachingSession) { s.FollowUps[0].DueOn = bina.DateOf(2026, 11, 19) }, "follow_ups.0.due_on"},
		{"follow-up without task", func(s *bina.CoachingSession) { s.FollowUps[0].Task = "" }, "follow_ups.0.task"},
		{"follow-up done in the future", func(s *bina.CoachingSession) { s.FollowUps[0].DoneOn = bina.DateOf(2026, 12, 1) }, "follow_ups.0.done_on"},
		{"too short", func(s *bina.CoachingSession) { s.DurationMinutes = 0 }, "duration_minutes"},
		{"too long", func(s *bina.CoachingSession) { s.DurationMinutes = 13 * 60 }, "duration_minutes"},
		{"unknown mode", func(s *bina.CoachingSession) { s.Mode = "pigeon" }, "mode"},
		{"unknown topic", func(s *bina.CoachingSession) { s.Topics = []string{"astrologi"} }, "topics"},
		{"bad uuid", func(s *bina.CoachingSession) { s.UUID = "123" }, "uuid"},
		{"next visit before session", func(s *bina.CoachingSession) { s.NextVisitOn = bina.DateOf(2026, 11, 1) }, "next_visit_on"},
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
	if len(bina.CoachingTopics) != len(bina.CoachingThemes)+3 {
		t.Fatalf("%d topics for %d themes", len(bina.CoachingTopics), len(bina.CoachingThemes))
	}
	for i, o := range bina.CoachingThemes {
		if bina.CoachingTopics[i] != o {
			t.Errorf("topic %d = %v, want theme %v", i, bina.CoachingTopics[i], o)
		}
	}
	for _, o := range bina.CoachingTopics {
		if o.ID == "" || o.EN == "" {
			t.Errorf("topic %q lacks a label: %+v", o.Code, o)
		}
	}
}
