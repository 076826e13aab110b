package demo

import (
	"reflect"
	"testing"

	"bina"
)

// TestStoryBacksBinaan checks that the coaching record explains the binaan
// figure: every binaan business was reached inside the window, no other
// business was, some were reached only before it, and the records are
// plausible (no date after the clock, valid numbers, unique ids).
func TestStoryBacksBinaan(t *testing.T) {
	ref := mustRef(t, "61.12", testNow)
	opt := Options{Seed: 1, Now: testNow}
	d := Generate(ref, opt)
	const window = 3
	st := GenerateStory(ref, opt, d.Enterprises, window)
	today := bina.DateFromTime(testNow)
	from := bina.DateFromTime(testNow.AddDate(-window, 0, 1))

	last := make([]bina.Date, len(d.Enterprises))
	reach := func(i int, on bina.Date) {
		if on.After(today) {
			t.Fatalf("enterprise %d reached on %s, after the clock", i, on)
		}
		if on.After(last[i]) {
			last[i] = on
		}
	}
	participants := 0
	for _, p := range st.Programmes {
		if p.Ends.Before(p.Starts) || len(p.Activities) == 0 {
			t.Errorf("programme %q: dates %s..%s, %d activities", p.Name, p.Starts, p.Ends, len(p.Activities))
		}
		for _, pt := range p.Participants {
			participants++
			switch pt.State {
			case "attended", "completed":
				reach(pt.Enterprise, pt.ReachedOn)
			case "proposed", "selected":
				if !p.Ends.After(today) {
					t.Errorf("programme %q has ended but %d is still %s", p.Name, pt.Enterprise, pt.State)
				}
			}
		}
	}
	uuids := map[string]bool{}
	for _, s := range st.Sessions {
		reach(s.Enterprise, s.HeldOn)
		if uuids[s.UUID] {
			t.Fatalf("session uuid %s twice", s.UUID)
		}
		uuids[s.UUID] = true
		for _, f := range s.FollowUps {
			if f.Due.Before(s.HeldOn) {
				t.Errorf("follow-up due %s before its session %s", f.Due, s.HeldOn)
			}
		}
	}
	binaan, lapsed := 0, 0
	for i, e := range d.Enterprises {
		in := !last[i].IsZero() && !last[i].Before(from)
		if in != e.Binaan {
			t.Fatalf("enterprise %d: binaan %v but last reached %s (window from %s)", i, e.Binaan, last[i], from)
		}
		if in {
			binaan++
		} else if !last[i].IsZero() {
			lapsed++
		}
	}
	if binaan != Binaan || lapsed < 200 {
		t.Errorf("binaan %d (want %d), lapsed %d (want some hundreds)", binaan, Binaan, lapsed)
	}
	for _, c := range st.Certificates {
		if c.Issued.After(today) || (!c.Expires.IsZero() && c.Expires.Before(c.Issued)) {
			t.Errorf("certificate %s %s: issued %s expires %s", c.Kind, c.Number, c.Issued, c.Expires)
		}
	}
	if len(st.Programmes) < 20 || participants < 5000 || len(st.Sessions) < 1500 || len(st.Certificates) < 1000 || len(st.Milestones) < 1000 || len(st.Caseload) == 0 {
		t.Errorf("story too thin: %d programmes, %d participants, %d sessions, %d certificates, %d milestones, caseload %d",
			len(st.Programmes), participants, len(st.Sessions), len(st.Certificates), len(st.Milestones), len(st.Caseload))
	}
	t.Logf("%d programmes, %d participants, %d sessions, %d certificates, %d milestones, caseload %d, lapsed %d",
		len(st.Programmes), participants, len(st.Sessions), len(st.Certificates), len(st.Milestones), len(st.Caseload), lapsed)
	if again := GenerateStory(ref, opt, d.Enterprises, window); !reflect.DeepEqual(again, st) {
		t.Error("the story differs between two runs")
	}
}
