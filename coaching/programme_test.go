package coaching_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/coaching"
	"bina/internal/refdata"
)

// checkNow is the clock of the programme tests: 10 May 2026 in WIB.
var checkNow = time.Date(2026, time.May, 10, 9, 0, 0, 0, time.FixedZone("WIB", 7*3600))

// TestProgrammeValidate changes one thing of a valid programme per case
// and names the field Validate must blame, or none.
func TestProgrammeValidate(t *testing.T) {
	ref, err := refdata.Reference(bina.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ref.Now = func() time.Time { return checkNow }
	d := func(m time.Month, day int) bina.Date { return bina.DateOf(2026, m, day) }
	tests := []struct {
		name   string
		change func(g *coaching.Programme)
		field  string
	}{
		{"as given", func(g *coaching.Programme) {}, ""},
		{"no name", func(g *coaching.Programme) { g.Name = "  " }, "name"},
		{"a name of 201 letters", func(g *coaching.Programme) { g.Name = strings.Repeat("a", 201) }, "name"},
		{"an unknown kind", func(g *coaching.Programme) { g.Kind = "seminar" }, "kind"},
		{"an unknown theme", func(g *coaching.Programme) { g.Themes = []string{"pemasaran", "astrologi"} }, "themes"},
		{"an unknown funding source", func(g *coaching.Programme) { g.FundingSource = "hibah" }, "funding_source"},
		{"a negative budget", func(g *coaching.Programme) { g.FundingAmount = -1 }, "funding_amount"},
		{"a negative quota", func(g *coaching.Programme) { g.Quota = -5 }, "quota"},
		{"no start", func(g *coaching.Programme) { g.StartsOn, g.EndsOn, g.Year = bina.Date{}, bina.Date{}, 2026 }, "starts_on"},
		{"ends before it starts", func(g *coaching.Programme) { g.EndsOn = d(5, 1) }, "ends_on"},
		{"a year of 1999", func(g *coaching.Programme) { g.Year = 1999 }, "year"},
		{"an unknown target region", func(g *coaching.Programme) { g.Region = "61.99" }, "region_code"},
		{"an activity without a name", func(g *coaching.Programme) { g.Activities[0].Name = "" }, "activities"},
		{"an activity outside the dates", func(g *coaching.Programme) { g.Activities[0].StartsOn = d(6, 1) }, "activities"},
		{"an activity in an unknown desa", func(g *coaching.Programme) { g.Activities[0].VillageCode = "61.12.01.9999" }, "activities"},
		{"criteria with an unknown size", func(g *coaching.Programme) { g.Criteria.Sizes = []string{"raksasa"} }, "criteria.sizes"},
		{"criteria with a KBLI section Z", func(g *coaching.Programme) { g.Criteria.KBLISections = []string{"Z"} }, "criteria.kbli_sections"},
		{"criteria with a KBLI code of letters", func(g *coaching.Programme) { g.Criteria.KBLICodes = []string{"1a"} }, "criteria.kbli_codes"},
		{"criteria with an age band upside down", func(g *coaching.Programme) { g.Criteria.MinAge, g.Criteria.MaxAge = 50, 30 }, "criteria.max_age"},
		{"criteria never reached and since a year", func(g *coaching.Programme) { g.Criteria.NeverReached, g.Criteria.NotReachedSince = true, 2022 }, "criteria.not_reached_since"},
		{"criteria with a digital level of 6", func(g *coaching.Programme) { g.Criteria.DigitalBelow = 6 }, "criteria.digital_below"},
		{"criteria with a strange certificate", func(g *coaching.Programme) { g.Criteria.LacksCertificate = "halal; drop" }, "criteria.lacks_certificate"},
		{"criteria with an unknown certificate kind", func(g *coaching.Programme) { g.Criteria.LacksCertificate = "ijazah" }, "criteria.lacks_certificate"},
		{"criteria with binaan maybe", func(g *coaching.Programme) { g.Criteria.Binaan = "mungkin" }, "criteria.binaan"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := coaching.Programme{
				Name: "Pelatihan Kemasan", Kind: "pelatihan", Themes: []string{"pemasaran"}, FundingSource: "DAK",
				StartsOn: d(5, 10), EndsOn: d(5, 12), Quota: 30, Region: "61.12.01",
				Activities: []coaching.Activity{{Name: "Kelas", StartsOn: d(5, 10), VillageCode: "61.12.01.2001"}},
				Criteria:   coaching.CandidateCriteria{Sizes: []string{"mikro"}, NeverReached: true, LacksCertificate: "halal"},
			}
			tc.change(&g)
			g.Normalize()
			err := g.Validate(ref)
			var blamed []string
			for _, f := range bina.ErrorFields(err) {
				blamed = append(blamed, f.Field)
				if f.Message.ID == "" || f.Message.EN == "" {
					t.Errorf("%s: a message lacks a language: %+v", f.Field, f.Message)
				}
			}
			if tc.field == "" && err != nil || tc.field != "" && (len(blamed) != 1 || blamed[0] != tc.field) {
				t.Errorf("blamed %v (%v), want %q", blamed, err, tc.field)
			}
		})
	}
}

func TestParticipantMoves(t *testing.T) {
	for _, s := range coaching.ParticipantStates {
		for _, to := range coaching.ParticipantMoves(s.Code) {
			if !coaching.ParticipantStates.Has(to) {
				t.Errorf("%s moves to unknown %s", s.Code, to)
			}
		}
	}
	if coaching.CanMoveParticipant("proposed", "completed") || !coaching.CanMoveParticipant("selected", "completed") {
		t.Error("proposed may not complete; selected may")
	}
}

func TestWhatsAppInvitation(t *testing.T) {
	g := coaching.Programme{Name: "Pelatihan Kemasan", StartsOn: bina.DateOf(2026, 5, 10), EndsOn: bina.DateOf(2026, 5, 12), Place: "Aula & Balai"}
	text := g.InvitationText("Siti", "Keripik Ayu")
	if !strings.Contains(text, "Siti (Keripik Ayu)") || !strings.Contains(text, "2026-05-10 s.d. 2026-05-12 di Aula & Balai") {
		t.Errorf("default text %q", text)
	}
	g.InvitationTemplate = "Halo {nama}, {program} {tanggal}"
	link, ok := bina.WhatsAppLink("+62 812-3456-7890", g.InvitationText("Siti", "x"))
	u, err := url.Parse(link)
	if !ok || err != nil || u.Host != "wa.me" || u.Path != "/6281234567890" || u.Query().Get("text") != "Halo Siti, Pelatihan Kemasan 2026-05-10 s.d. 2026-05-12" {
		t.Errorf("link %q", link)
	}
	if _, ok := bina.WhatsAppLink("12345", "x"); ok {
		t.Error("a short number gave a link")
	}
}
