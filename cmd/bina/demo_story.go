package main

import (
	"context"
	"strings"
	"unicode"

	"bina"
	"bina/coaching"
	"bina/internal/demo"
	"bina/internal/pdf"
	"bina/internal/sqlstore"
)

// storyRecords turns the demo's coaching story into the records of the
// store: the programmes with their participants, the field officers'
// sessions (each by the officer account of the business's kecamatan), the
// certificates, the outcomes and the demo officer's caseload. ents are the
// loaded enterprises the story's indices point into.
func storyRecords(ents []bina.Enterprise, st demo.Story, officers map[bina.RegionCode]*bina.User) *sqlstore.CoachingRecords {
	r := &sqlstore.CoachingRecords{Caseload: map[int64]int64{}}
	for _, p := range st.Programmes {
		g := coaching.Programme{Name: p.Name, Year: p.Year, Kind: p.Kind, Themes: p.Themes, FundingSource: p.Funding, FundingAmount: p.Amount,
			Organiser: p.Organiser, StartsOn: p.Starts, EndsOn: p.Ends, Place: p.Place, Quota: p.Quota, Region: p.Region}
		for _, a := range p.Activities {
			g.Activities = append(g.Activities, coaching.Activity{Name: a.Name, StartsOn: a.Starts, EndsOn: a.Ends, Place: a.Place})
		}
		var es []coaching.Enrolment
		for _, pt := range p.Participants {
			es = append(es, coaching.Enrolment{EnterpriseID: ents[pt.Enterprise].ID, State: pt.State, Source: pt.Source, ReachedOn: pt.ReachedOn})
		}
		r.Programmes = append(r.Programmes, g)
		r.Participants = append(r.Participants, es)
	}
	programme := func(i int) *int64 {
		if i < 0 {
			return nil
		}
		return &r.Programmes[i].ID
	}
	for _, s := range st.Sessions {
		e := &ents[s.Enterprise]
		o := officers[e.VillageCode.Truncate(bina.LevelDistrict)]
		x := coaching.CoachingSession{UUID: s.UUID, EnterpriseID: e.ID, OfficerID: o.ID, Officer: o.Name, Date: s.HeldOn, Mode: s.Mode,
			DurationMinutes: s.Minutes, Topics: s.Topics, Advice: s.Advice, NextVisitOn: s.NextVisit}
		for _, f := range s.FollowUps {
			x.FollowUps = append(x.FollowUps, coaching.FollowUp{Task: f.Task, DueOn: f.Due, DoneOn: f.Done})
		}
		r.Sessions = append(r.Sessions, x)
	}
	for _, c := range st.Certificates {
		r.Certificates = append(r.Certificates, coaching.Certificate{EnterpriseID: ents[c.Enterprise].ID, Kind: c.Kind, Number: c.Number,
			IssuedOn: c.Issued, ExpiresOn: c.Expires, Status: c.Status, Route: c.Route, ProgrammeID: programme(c.Programme)})
	}
	for _, m := range st.Milestones {
		d := m.Digital
		r.Milestones = append(r.Milestones, coaching.Milestone{UUID: m.UUID, EnterpriseID: ents[m.Enterprise].ID, Kind: m.Kind, Date: m.On,
			Amount: m.Amount, AmountBefore: m.Before, Jobs: m.Jobs, FinancingSource: m.Financing, Bank: m.Bank, Market: m.Market, Baseline: m.Baseline,
			OwnerConfirmed: m.Confirmed, Digital: coaching.DigitalObserved{Social: d.SocialMedia, Marketplace: d.Marketplace, QRIS: d.QRIS, Website: d.Website},
			ProgrammeID: programme(m.Programme)})
	}
	for _, i := range st.Caseload {
		e := &ents[i]
		r.Caseload[e.ID] = officers[e.VillageCode.Truncate(bina.LevelDistrict)].ID
	}
	return r
}

// demoOfficers returns a field officer account for every kecamatan:
// "petugas" for the first (its login is printed), "pendamping.<name>"
// for the others, created when missing.
func demoOfficers(ctx context.Context, store *sqlstore.Store, ref bina.Reference) (map[bina.RegionCode]*bina.User, error) {
	out := map[bina.RegionCode]*bina.User{}
	for i, d := range ref.Regions.Districts() {
		name := "petugas"
		if i > 0 {
			name = "pendamping." + strings.Map(func(r rune) rune {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return unicode.ToLower(r)
				}
				return -1
			}, d.Name)
		}
		u, err := store.FindUserByName(ctx, name)
		if err != nil && bina.ErrorCode(err) != bina.NotFound {
			return nil, err
		}
		if err != nil {
			u = &bina.User{Name: name, Role: bina.RoleOfficer, Region: d.Code}
			if err := store.CreateUser(ctx, u, demoPassword); err != nil {
				return nil, err
			}
		}
		out[d.Code] = u
	}
	return out, nil
}

// demoLetterSettings are the letterhead, numbering and signatory of the
// demo office, in effect from 2019. The signatory is invented; the
// number pattern follows the regency letters quoted in PEMBINAAN.md.
func demoLetterSettings() *coaching.LetterSettings {
	return &coaching.LetterSettings{
		Letterhead: coaching.Letterhead{Government: "PEMERINTAH KABUPATEN KUBU RAYA", Office: "DINAS KOPERASI, USAHA KECIL DAN MENENGAH",
			Address: "Jalan Arteri Supadio Km 17, Sungai Raya, Kubu Raya 78391", Phone: "(0561) 000000", Email: "diskopukm@kuburayakab.go.id",
			Website: "diskopukm.kuburayakab.go.id", City: "Sungai Raya"},
		NumberPattern: "500.2.2/{nomor}/DISKOPUKM/{tahun}",
		Signatory:     coaching.Signatory{Name: "Dra. Contoh Demo, M.Si.", NIP: "19700101 199503 2 001", Rank: "Pembina Tk. I (IV/b)", Title: "Kepala Dinas"},
		EffectiveFrom: bina.DateOf(2019, 1, 1),
	}
}

// demoLetters issues a Surat Keterangan UMK Binaan to the businesses of
// the story whose trademark application of this year is on record, as
// the office does for the reduced DJKI fee; at most max letters.
func demoLetters(ctx context.Context, store *sqlstore.Store, r *sqlstore.CoachingRecords, publicURL string, max int) (int, error) {
	year := 0
	for _, c := range r.Certificates {
		year = maxInt(year, c.IssuedOn.Year())
	}
	n := 0
	for _, c := range r.Certificates {
		if n == max || c.Kind != coaching.CertMerek || c.Status != "diajukan" || c.IssuedOn.Year() != year {
			continue
		}
		e, err := store.FindEnterprise(ctx, c.EnterpriseID)
		if err != nil {
			return n, err
		}
		l := coaching.Letter{EnterpriseID: e.ID, Purpose: "merek_djki", MarkName: strings.ToUpper(e.Name), MarkGoods: e.MainProduct, MarkClasses: []int{30}}
		if err := store.IssueLetter(ctx, &l, publicURL, pdf.Letter); err != nil {
			if bina.ErrorCode(err) == bina.Invalid {
				continue // a business the rules refuse (e.g. no longer micro or small)
			}
			return n, err
		}
		n++
	}
	return n, nil
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
