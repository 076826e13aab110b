package sqlstore_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore"
)

// newProgramme returns a valid programme of November 2026 with one
// activity.
func newProgramme(name string) coaching.Programme {
	return coaching.Programme{
		Name: name, Year: 2026, Kind: "pelatihan", Themes: []string{"pemasaran", "digitalisasi"},
		FundingSource: "APBD", FundingAmount: 25_000_000, Organiser: "Bidang UMKM",
		StartsOn: bina.DateOf(2026, 11, 10), EndsOn: bina.DateOf(2026, 11, 12), Place: "Aula Kantor Bupati", Quota: 2,
		Activities: []coaching.Activity{{Name: "Hari 1", StartsOn: bina.DateOf(2026, 11, 10), Place: "Aula"}},
	}
}

func mustProgramme(t *testing.T, ctx context.Context, s *sqlstore.Store, g coaching.Programme) coaching.Programme {
	t.Helper()
	if err := s.CreateProgramme(ctx, &g); err != nil {
		t.Fatalf("create programme %s: %v", g.Name, err)
	}
	return g
}

func mustEnrol(t *testing.T, ctx context.Context, s *sqlstore.Store, g int64, es ...coaching.Enrolment) coaching.Enrolled {
	t.Helper()
	out, err := s.Enrol(ctx, g, es)
	if err != nil {
		t.Fatalf("enrol: %v", err)
	}
	return out
}

func reachedLast(t *testing.T, db *sql.DB, id int64) string {
	t.Helper()
	var last sql.NullString
	if err := db.QueryRow(`SELECT CAST(reached_last AS TEXT) FROM enterprises WHERE id = $1`, id).Scan(&last); err != nil {
		t.Fatal(err)
	}
	return last.String
}

func TestProgrammeCreateFindUpdate(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		g := mustProgramme(t, ctx, s, newProgramme("Pelatihan Pemasaran Digital"))
		got, err := s.FindProgramme(ctx, g.ID)
		must(t, err)
		if got.Name != g.Name || got.Version != 1 || len(got.Activities) != 1 || got.Activities[0].EndsOn != bina.DateOf(2026, 11, 10) ||
			!slices.Equal(got.Themes, []string{"pemasaran", "digitalisasi"}) || got.FundingAmount != 25_000_000 {
			t.Fatalf("found %+v", got)
		}

		// Two staff edit the same version: the second is refused.
		first, second := *got, *got
		first.Place = "Gedung Serbaguna"
		first.Activities = append(first.Activities, coaching.Activity{Name: "Hari 2", StartsOn: bina.DateOf(2026, 11, 11)})
		must(t, s.UpdateProgramme(ctx, &first))
		if first.Version != 2 {
			t.Fatalf("version after update %d", first.Version)
		}
		second.Quota = 40
		err = s.UpdateProgramme(ctx, &second)
		wantCode(t, err, bina.Conflict)
		if !strings.Contains(bina.ErrorText(err).ID, "diubah orang lain") {
			t.Errorf("conflict message %q", bina.ErrorText(err).ID)
		}
		got, _ = s.FindProgramme(ctx, g.ID)
		if got.Quota != 2 || got.Place != "Gedung Serbaguna" || len(got.Activities) != 2 {
			t.Errorf("after the refused edit: %+v", got)
		}

		page, err := s.ListProgrammes(ctx, coaching.ProgrammeFilter{Year: 2026, Kind: "pelatihan"})
		must(t, err)
		if page.Total != 1 || len(page.Items) != 1 {
			t.Errorf("list: %+v", page)
		}
		if page, _ := s.ListProgrammes(ctx, coaching.ProgrammeFilter{Year: 2025}); page.Total != 0 {
			t.Errorf("list 2025: %d", page.Total)
		}

		wantCode(t, s.ArchiveProgramme(ctx, g.ID, ""), bina.Invalid)
		must(t, s.ArchiveProgramme(ctx, g.ID, "Batal karena anggaran"))
		if page, _ := s.ListProgrammes(ctx, coaching.ProgrammeFilter{}); page.Total != 0 {
			t.Errorf("archived programme still listed")
		}
		got, _ = s.FindProgramme(ctx, g.ID)
		wantCode(t, s.UpdateProgramme(ctx, got), bina.Conflict)
		wantCode(t, s.CreateProgramme(as(bina.RoleViewer, ""), &coaching.Programme{}), bina.Forbidden)
	})
}

func TestEnrolRefusals(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleStaff, "")
		g := mustProgramme(t, ctx, s, newProgramme("Pelatihan"))
		a := mustCreate(t, ctx, s, newEnterprise("Keripik Ayu", village1a))
		b := mustCreate(t, ctx, s, newEnterprise("Amplang Bahari", village1a))
		c := mustCreate(t, ctx, s, newEnterprise("Dodol Cempedak", village1b))
		must(t, s.ArchiveEnterprise(ctx, b.ID, "Tutup"))

		err := func() error {
			_, err := s.Enrol(ctx, g.ID, []coaching.Enrolment{{EnterpriseID: a.ID}, {EnterpriseID: b.ID}})
			return err
		}()
		wantCode(t, err, bina.Invalid)
		if msg := bina.ErrorFields(err)[0].Message.ID; !strings.Contains(msg, "diarsipkan") {
			t.Errorf("archived message %q", msg)
		}
		if n := countRows(t, db, "programme_participants")["programme_participants"]; n != 0 {
			t.Fatalf("half-written: %d participants", n)
		}

		out := mustEnrol(t, ctx, s, g.ID, coaching.Enrolment{EnterpriseID: a.ID}, coaching.Enrolment{EnterpriseID: c.ID, Source: "walkin"})
		if len(out.Items) != 2 || out.Items[0].State != "proposed" || out.Items[1].State != "attended" || out.Items[1].ReachedOn != g.EndsOn || len(out.Warnings) != 0 {
			t.Fatalf("enrolled %+v", out)
		}
		err = func() error { _, err := s.Enrol(ctx, g.ID, []coaching.Enrolment{{EnterpriseID: a.ID}}); return err }()
		wantCode(t, err, bina.Invalid)
		if msg := bina.ErrorFields(err)[0].Message.ID; !strings.Contains(msg, "sudah terdaftar") {
			t.Errorf("twice message %q", msg)
		}
		wantCode(t, func() error { _, err := s.Enrol(ctx, g.ID, []coaching.Enrolment{{EnterpriseID: 999999}}); return err }(), bina.NotFound)
		wantCode(t, func() error {
			_, err := s.Enrol(ctx, g.ID, []coaching.Enrolment{{EnterpriseID: a.ID, State: "lulus"}})
			return err
		}(), bina.Invalid)

		// Past the quota of two: enrolled, with a warning.
		d := mustCreate(t, ctx, s, newEnterprise("Kopi Liberika", village2))
		out = mustEnrol(t, ctx, s, g.ID, coaching.Enrolment{EnterpriseID: d.ID})
		if len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0].ID, "kuota") {
			t.Errorf("quota warning %+v", out.Warnings)
		}

		// An officer of village1a sees and enrols only there.
		officer := as(bina.RoleOfficer, village1a)
		page, err := s.ListParticipants(officer, g.ID, coaching.ParticipantFilter{})
		must(t, err)
		if page.Total != 1 || page.Items[0].EnterpriseID != a.ID {
			t.Errorf("officer's participants %+v", page)
		}
		page, _ = s.ListParticipants(as(bina.RoleViewer, ""), g.ID, coaching.ParticipantFilter{})
		if page.Total != 3 || page.Items[0].Phone != bina.Masked || page.Items[0].InviteURL != "" {
			t.Errorf("viewer sees %+v", page.Items[0])
		}
		page, _ = s.ListParticipants(ctx, g.ID, coaching.ParticipantFilter{})
		if !strings.HasPrefix(page.Items[0].InviteURL, "https://wa.me/62812") {
			t.Errorf("invite url %q", page.Items[0].InviteURL)
		}

		must(t, s.ArchiveProgramme(ctx, g.ID, "Selesai"))
		wantCode(t, func() error { _, err := s.Enrol(ctx, g.ID, []coaching.Enrolment{{EnterpriseID: c.ID}}); return err }(), bina.Conflict)
	})
}

func TestParticipantStates(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleStaff, "")
		g := mustProgramme(t, ctx, s, newProgramme("Pelatihan"))
		a := mustCreate(t, ctx, s, newEnterprise("Keripik Ayu", village1a))
		x := mustEnrol(t, ctx, s, g.ID, coaching.Enrolment{EnterpriseID: a.ID}).Items[0]

		steps := []struct {
			state   string
			on      bina.Date
			code    bina.Code
			reached string // enterprises.reached_last afterwards
		}{
			{"completed", bina.Date{}, bina.Invalid, ""}, // proposed cannot complete
			{"selected", bina.Date{}, "", ""},
			{"completed", bina.Date{}, "", "2026-11-12"}, // the programme's end
			{"attended", bina.DateOf(2026, 11, 11), "", "2026-11-11"},
			{"withdrawn", bina.Date{}, "", ""},
			{"attended", bina.Date{}, bina.Invalid, ""},
			{"nonsense", bina.Date{}, bina.Invalid, ""},
		}
		for _, st := range steps {
			p, err := s.SetParticipantState(ctx, x.ID, st.state, st.on)
			if st.code != "" {
				wantCode(t, err, st.code)
			} else {
				must(t, err)
				if p.State != st.state || p.ReachedOn.String() != st.reached {
					t.Errorf("to %s: %+v", st.state, p)
				}
			}
			if got := reachedLast(t, db, a.ID); got != st.reached {
				t.Errorf("after %s: reached_last %q, want %q", st.state, got, st.reached)
			}
		}

		// Marking an invitation enrols a candidate as proposed.
		b := mustCreate(t, ctx, s, newEnterprise("Amplang Bahari", village1a))
		p, err := s.MarkInvited(ctx, g.ID, b.ID)
		must(t, err)
		if p.State != "proposed" || p.Source != "candidate" || p.InvitedAt == nil {
			t.Errorf("invited %+v", p)
		}
		p, err = s.MarkInvited(ctx, g.ID, b.ID)
		must(t, err)
		if p.Version != 2 {
			t.Errorf("invited again: version %d", p.Version)
		}
	})
}

func TestCandidates(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleStaff, "")
		mk := func(name string, village bina.RegionCode, edit func(e *bina.Enterprise)) int64 {
			e := newEnterprise(name, village)
			if edit != nil {
				edit(&e)
			}
			return mustCreate(t, ctx, s, e).ID
		}
		// Defaults: owner P born 1985, mikro, KBLI 10794 (C), social+QRIS, binaan.
		ayu := mk("Ayu Keripik", village1a, nil)
		bakso := mk("Bakso Pak Budi", village1a, func(e *bina.Enterprise) {
			e.Owner.Gender, e.Owner.BirthDate = "L", bina.DateOf(1960, 1, 1)
			e.KBLI = []bina.KBLICode{{Code: "56102"}}
			e.Digital = bina.Digital{}
			e.Binaan, e.BinaanSince = false, bina.Date{}
		})
		cahaya := mk("Cahaya Tenun", village2, func(e *bina.Enterprise) {
			e.Owner.Disability = true
			e.Sales = []bina.AnnualSales{{Year: 2025, Amount: 5_000_000_000}}
			e.Digital = bina.Digital{Marketplace: true, SocialMedia: true, Website: true}
		})
		dodol := mk("Dodol Lama", village1b, nil)
		esTeler := mk("Es Teler Lama", village1b, nil)
		frida := mk("Frida Kue", village1a, nil)
		gone := mk("Fajar Tutup", village1a, nil)
		must(t, s.ArchiveEnterprise(ctx, gone, "Tutup"))

		// dodol was reached in 2021, esTeler in 2019; frida is already in
		// the programme.
		p19 := mustProgramme(t, ctx, s, coaching.Programme{Name: "Bazar 2019", Year: 2019, Kind: "pameran_bazar", StartsOn: bina.DateOf(2019, 5, 1)})
		mustEnrol(t, ctx, s, p19.ID, coaching.Enrolment{EnterpriseID: esTeler, Source: "walkin"})
		p21 := mustProgramme(t, ctx, s, coaching.Programme{Name: "Pelatihan 2021", Year: 2021, Kind: "pelatihan", StartsOn: bina.DateOf(2021, 3, 1)})
		mustEnrol(t, ctx, s, p21.ID, coaching.Enrolment{EnterpriseID: dodol, State: "completed"})
		g := mustProgramme(t, ctx, s, newProgramme("Pelatihan"))
		mustEnrol(t, ctx, s, g.ID, coaching.Enrolment{EnterpriseID: frida})
		if got := reachedLast(t, db, esTeler); got != "2019-05-01" {
			t.Fatalf("reached_last %q", got)
		}

		// ayu holds a halal certificate, cahaya a P-IRT.
		halal := newCertificate(ayu, coaching.CertHalal, "ID32110000474710722", bina.DateOf(2025, 1, 10), bina.Date{})
		must(t, s.CreateCertificate(ctx, &halal))
		pirt := newCertificate(cahaya, coaching.CertPIRT, "2153276010281-21", bina.DateOf(2021, 12, 1), bina.DateOf(2026, 12, 1))
		must(t, s.CreateCertificate(ctx, &pirt))

		candidates := func(ctx context.Context, c coaching.CandidateCriteria) []int64 {
			t.Helper()
			page, err := s.Candidates(ctx, coaching.CandidateFilter{Programme: g.ID, Criteria: c})
			must(t, err)
			out := []int64{}
			for _, x := range page.Items {
				out = append(out, x.EnterpriseID)
			}
			if page.Total != len(out) {
				t.Errorf("total %d for %d items", page.Total, len(out))
			}
			return out
		}
		cases := []struct {
			name string
			c    coaching.CandidateCriteria
			want []int64
		}{
			{"ranked: never reached by name, then longest since", coaching.CandidateCriteria{}, []int64{ayu, bakso, cahaya, esTeler, dodol}},
			{"region", coaching.CandidateCriteria{Region: "61.12.01"}, []int64{ayu, bakso, esTeler, dodol}},
			{"size", coaching.CandidateCriteria{Sizes: []string{"kecil", "menengah"}}, []int64{cahaya}},
			{"kbli section", coaching.CandidateCriteria{KBLISections: []string{"i"}}, []int64{bakso}},
			{"kbli code", coaching.CandidateCriteria{KBLICodes: []string{"561"}}, []int64{bakso}},
			{"gender", coaching.CandidateCriteria{Gender: "L"}, []int64{bakso}},
			{"disability", coaching.CandidateCriteria{Disability: "ya"}, []int64{cahaya}},
			{"age band", coaching.CandidateCriteria{MinAge: 60, MaxAge: 70}, []int64{bakso}},
			{"younger than 50", coaching.CandidateCriteria{MaxAge: 50}, []int64{ayu, cahaya, esTeler, dodol}},
			{"never reached", coaching.CandidateCriteria{NeverReached: true}, []int64{ayu, bakso, cahaya}},
			{"not reached since 2020", coaching.CandidateCriteria{NotReachedSince: 2020}, []int64{ayu, bakso, cahaya, esTeler}},
			{"no digital channel", coaching.CandidateCriteria{DigitalBelow: 1}, []int64{bakso}},
			{"fewer than three channels", coaching.CandidateCriteria{DigitalBelow: 3}, []int64{ayu, bakso, esTeler, dodol}},
			{"not binaan", coaching.CandidateCriteria{Binaan: "tidak"}, []int64{bakso}},
			{"lacks a halal certificate", coaching.CandidateCriteria{LacksCertificate: coaching.CertHalal}, []int64{bakso, cahaya, esTeler, dodol}},
			{"lacks a halal certificate, never reached", coaching.CandidateCriteria{LacksCertificate: coaching.CertHalal, NeverReached: true}, []int64{bakso, cahaya}},
			{"three criteria", coaching.CandidateCriteria{Region: "61.12.01", Sizes: []string{"mikro"}, NeverReached: true}, []int64{ayu, bakso}},
		}
		for _, c := range cases {
			if got := candidates(ctx, c.c); !slices.Equal(got, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, got, c.want)
			}
		}
		if got := candidates(as(bina.RoleOfficer, village1b), coaching.CandidateCriteria{}); !slices.Equal(got, []int64{esTeler, dodol}) {
			t.Errorf("officer of %s: %v", village1b, got)
		}
		page, err := s.Candidates(ctx, coaching.CandidateFilter{Programme: g.ID, Limit: 2})
		must(t, err)
		if page.Total != 5 || len(page.Items) != 2 || page.Next == "" {
			t.Errorf("first page %+v", page)
		}
		page, _ = s.Candidates(ctx, coaching.CandidateFilter{Programme: g.ID, Limit: 2, Cursor: page.Next})
		if len(page.Items) != 2 || page.Items[0].EnterpriseID != cahaya || page.Prev == "" {
			t.Errorf("second page %+v", page)
		}
		_, err = s.Candidates(ctx, coaching.CandidateFilter{Programme: g.ID, Criteria: coaching.CandidateCriteria{Sizes: []string{"raksasa"}, MinAge: 50, MaxAge: 40, LacksCertificate: "ijazah"}})
		wantCode(t, err, bina.Invalid)
		if len(bina.ErrorFields(err)) != 3 {
			t.Errorf("problems %+v", bina.ErrorFields(err))
		}
	})
}
