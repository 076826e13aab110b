package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/supervision"
)

const partnerPassword = "kebun-durian tepi-sungai 2026"

// mustPartner invites a board member of cooperative c and accepts the
// invitation as name, returning a context acting as the new account.
func mustPartner(t *testing.T, s *sqlstore.Store, c int64, name string) (context.Context, *bina.User) {
	t.Helper()
	inv := supervision.Invitation{Subject: bina.Subject{Kind: bina.SubjectCooperative, ID: c}, Name: "Ketua " + name, Phone: "081234567890"}
	secret, err := s.CreateInvitation(as(bina.RoleStaff, ""), &inv)
	must(t, err)
	u, err := s.AcceptInvitation(context.Background(), secret, name, partnerPassword)
	must(t, err)
	return bina.WithUser(context.Background(), u), u
}

func mustCooperative(t *testing.T, s *sqlstore.Store, name string, village bina.RegionCode) bina.Cooperative {
	t.Helper()
	c := newCooperative(name, village)
	must(t, s.CreateCooperative(as(bina.RoleStaff, ""), &c))
	return c
}

func TestInvitationMakesBoundAccount(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		c := mustCooperative(t, s, "Koperasi Maju Bersama", village1a)
		inv := supervision.Invitation{Subject: bina.Subject{Kind: bina.SubjectCooperative, ID: c.ID}, Name: "Gusti Hendra", Phone: "+62 813-4567-8901"}
		for _, role := range []bina.Role{bina.RoleOfficer, bina.RoleViewer} {
			x := inv
			_, err := s.CreateInvitation(as(role, "61.12.01"), &x)
			wantCode(t, err, bina.Forbidden)
		}
		secret, err := s.CreateInvitation(staff, &inv)
		must(t, err)
		if inv.ID == 0 || inv.Phone != "081345678901" || !inv.ExpiresAt.Equal(sqlstoretest.Now.Add(supervision.InvitationLife)) {
			t.Fatalf("invitation %+v", inv)
		}
		got, name, err := s.FindInvitation(context.Background(), secret)
		must(t, err)
		if got.ID != inv.ID || name != c.Name {
			t.Fatalf("found %+v for %q", got, name)
		}
		_, _, err = s.FindInvitation(context.Background(), secret+"x")
		wantCode(t, err, bina.NotFound)

		// A weak password or a taken name leaves the invitation open.
		_, err = s.AcceptInvitation(context.Background(), secret, "hendra", "password")
		wantCode(t, err, bina.Invalid)
		must(t, s.CreateUser(system, &bina.User{Name: "dipakai", Role: bina.RoleStaff}, partnerPassword))
		_, err = s.AcceptInvitation(context.Background(), secret, "dipakai", partnerPassword)
		wantCode(t, err, bina.Conflict)

		u, err := s.AcceptInvitation(context.Background(), secret, "Hendra", partnerPassword)
		must(t, err)
		if u.Role != bina.RolePartner || u.Subject != (bina.Subject{Kind: bina.SubjectCooperative, ID: c.ID}) || u.Name != "hendra" {
			t.Fatalf("account %+v", u)
		}
		_, err = s.AcceptInvitation(context.Background(), secret, "hendra2", partnerPassword)
		wantCode(t, err, bina.NotFound) // single use
		signed, err := s.Authenticate(context.Background(), "hendra", partnerPassword, "10.0.0.1")
		must(t, err)
		if signed.CooperativeID() != c.ID {
			t.Fatalf("signed in as %+v", signed)
		}
		list, err := s.ListInvitations(staff, inv.Subject)
		must(t, err)
		if len(list) != 1 || list[0].UserName != "hendra" || list[0].State(sqlstoretest.Now) != supervision.InvitationUsed {
			t.Fatalf("invitations %+v", list)
		}
		wantCode(t, s.RevokeInvitation(staff, inv.ID), bina.Conflict)
		accounts, err := s.PartnerAccounts(staff, inv.Subject)
		must(t, err)
		if len(accounts) != 1 || accounts[0].ID != u.ID {
			t.Fatalf("accounts %+v", accounts)
		}
		// An account bound to a cooperative cannot become office staff.
		_, err = s.UpdateUser(system, u.ID, bina.RoleStaff, "")
		wantCode(t, err, bina.Invalid)
		// Staff disable and enable board accounts of their cooperatives.
		taken, err := s.FindUserByName(system, "dipakai")
		must(t, err)
		wantCode(t, s.SetPartnerDisabled(staff, inv.Subject, taken.ID, true), bina.NotFound)
		wantCode(t, s.SetPartnerDisabled(as(bina.RoleViewer, ""), inv.Subject, u.ID, true), bina.Forbidden)
		must(t, s.SetPartnerDisabled(staff, inv.Subject, u.ID, true))
		_, err = s.Authenticate(context.Background(), "hendra", partnerPassword, "10.0.0.1")
		wantCode(t, err, bina.Unauthorized)
		must(t, s.SetPartnerDisabled(staff, inv.Subject, u.ID, false))
		_, err = s.Authenticate(context.Background(), "hendra", partnerPassword, "10.0.0.1")
		must(t, err)
		must(t, s.SetDisabled(system, u.ID, true))
		_, err = s.Authenticate(context.Background(), "hendra", partnerPassword, "10.0.0.1")
		if err == nil {
			t.Fatal("a disabled board account signed in")
		}

		// A revoked invitation does not open.
		other := supervision.Invitation{Subject: inv.Subject, Name: "Utin Sari"}
		secret2, err := s.CreateInvitation(staff, &other)
		must(t, err)
		must(t, s.RevokeInvitation(staff, other.ID))
		_, _, err = s.FindInvitation(context.Background(), secret2)
		wantCode(t, err, bina.NotFound)
		_, err = s.AcceptInvitation(context.Background(), secret2, "utin", partnerPassword)
		wantCode(t, err, bina.NotFound)
	})
}

func TestPartnerReachesOnlyItsCooperative(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		own := mustCooperative(t, s, "Koperasi Sendiri", village1a)
		other := mustCooperative(t, s, "Koperasi Tetangga", village1a)
		e := newEnterprise("Kerupuk Ikan", village1a)
		must(t, s.CreateEnterprise(staff, &e))
		board, _ := mustPartner(t, s, own.ID, "pengurus-sendiri")
		otherBoard, _ := mustPartner(t, s, other.ID, "pengurus-tetangga")

		got, err := s.FindCooperative(board, own.ID)
		must(t, err)
		if got.Officers[0].Phone != "081345678901" {
			t.Fatalf("own officers masked: %+v", got.Officers)
		}
		_, err = s.FindCooperative(board, other.ID)
		wantCode(t, err, bina.NotFound)
		_, err = s.History(board, bina.EntityCooperative, other.ID, 0, 0)
		wantCode(t, err, bina.NotFound)
		if _, err := s.History(board, bina.EntityCooperative, own.ID, 0, 0); err != nil {
			t.Fatalf("own history: %v", err)
		}
		page, err := s.ListCooperatives(board, bina.CooperativeFilter{})
		must(t, err)
		if len(page.Items) != 1 || page.Items[0].ID != own.ID || page.Total != 1 {
			t.Fatalf("listed %+v", page)
		}
		page, err = s.ListCooperatives(board, bina.CooperativeFilter{Region: "61.12.01"})
		must(t, err)
		if len(page.Items) != 1 {
			t.Fatalf("listed with a region %+v", page.Items)
		}
		_, err = s.FindEnterprise(board, e.ID)
		wantCode(t, err, bina.NotFound)
		_, err = s.History(board, bina.EntityEnterprise, e.ID, 0, 0)
		wantCode(t, err, bina.NotFound)
		ents, err := s.ListEnterprises(board, bina.EnterpriseFilter{})
		must(t, err)
		if len(ents.Items) != 0 {
			t.Fatalf("a board account listed enterprises: %d", len(ents.Items))
		}
		counts, err := s.CooperativeCounts(board)
		must(t, err)
		if len(counts) != 0 {
			t.Fatalf("counts %+v", counts)
		}
		// Editing the register directly is not a board's.
		got.Address = "Jl. Baru"
		wantCode(t, s.UpdateCooperative(board, got), bina.Forbidden)
		_, err = s.CreateInvitation(board, &supervision.Invitation{Subject: bina.Subject{Kind: bina.SubjectCooperative, ID: own.ID}, Name: "x"})
		wantCode(t, err, bina.Forbidden)

		// Change requests: another cooperative's is not found.
		p := supervision.ProposalOf(&other)
		p.Address = "Jl. Tetangga 9"
		_, err = s.ProposeChange(board, other.ID, p, "")
		wantCode(t, err, bina.NotFound)
		r, err := s.ProposeChange(otherBoard, other.ID, p, "")
		must(t, err)
		_, err = s.FindChangeRequest(board, r.ID)
		wantCode(t, err, bina.NotFound)
		mine, err := s.ListChangeRequests(board, supervision.ChangeRequestFilter{})
		must(t, err)
		if len(mine) != 0 {
			t.Fatalf("a board listed another's requests: %+v", mine)
		}
		mine, err = s.ListChangeRequests(board, supervision.ChangeRequestFilter{CooperativeID: other.ID})
		must(t, err)
		if len(mine) != 0 {
			t.Fatalf("a board listed another's requests by id: %+v", mine)
		}
		_, err = s.DecideChangeRequest(board, r.ID, true, 0, "")
		wantCode(t, err, bina.Forbidden)
	})
}

func TestChangeRequestApproval(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		c := mustCooperative(t, s, "Koperasi Sungai Raya", village1a)
		board, _ := mustPartner(t, s, c.ID, "pengurus")

		_, err := s.ProposeChange(board, c.ID, supervision.ProposalOf(&c), "")
		wantCode(t, err, bina.Invalid) // nothing changes
		bad := supervision.ProposalOf(&c)
		bad.MembersFemale = -1
		_, err = s.ProposeChange(board, c.ID, bad, "")
		wantCode(t, err, bina.Invalid)
		_, err = s.ProposeChange(staff, c.ID, supervision.ProposalOf(&c), "")
		wantCode(t, err, bina.Forbidden)

		p := supervision.ProposalOf(&c)
		p.Address = "Jl. Adisucipto Km 9"
		p.MembersMale = 50
		p.Officers = append(append([]bina.Officer{}, p.Officers...), bina.Officer{Name: "Rina", Role: "sekretaris", Phone: "0812 1111 2222"})
		r, err := s.ProposeChange(board, c.ID, p, "hasil RAT 2025")
		must(t, err)
		if r.State != supervision.ChangePending || len(r.Changes) != 3 || r.BaseVersion != c.Version || r.Proposed.Officers[2].Phone != "081211112222" {
			t.Fatalf("request %+v", r)
		}
		_, err = s.ProposeChange(board, c.ID, p, "")
		wantCode(t, err, bina.Conflict) // one pending at a time

		// Nothing counts before approval.
		now, err := s.FindCooperative(staff, c.ID)
		must(t, err)
		if now.Address != c.Address {
			t.Fatal("a pending request changed the record")
		}
		viewed, err := s.FindChangeRequest(as(bina.RoleViewer, ""), r.ID)
		must(t, err)
		if viewed.Proposed.Officers[2].Phone == "081211112222" || strings.Contains(viewed.Changes[len(viewed.Changes)-1].After, "081211112222") {
			t.Fatalf("a viewer saw phones: %+v", viewed)
		}
		_, err = s.DecideChangeRequest(staff, r.ID, true, now.Version+1, "")
		wantCode(t, err, bina.Conflict) // the page was stale

		// A RAT saved meanwhile raises the version but touches nothing
		// proposed: the approval still applies.
		must(t, s.SaveRAT(staff, c.ID, bina.RAT{BookYear: 2025, HeldOn: bina.DateOf(2026, 3, 1)}))
		now, err = s.FindCooperative(staff, c.ID)
		must(t, err)
		done, err := s.DecideChangeRequest(staff, r.ID, true, now.Version, "cocok dengan notulen RAT")
		must(t, err)
		if done.State != supervision.ChangeApproved || done.DecidedBy != "staff-user" || done.DecidedAt == nil {
			t.Fatalf("decided %+v", done)
		}
		after, err := s.FindCooperative(staff, c.ID)
		must(t, err)
		if after.Address != "Jl. Adisucipto Km 9" || after.MembersMale != 50 || len(after.Officers) != 3 || after.Version != now.Version+1 || after.Name != c.Name {
			t.Fatalf("applied %+v", after)
		}
		hist, err := s.History(staff, bina.EntityCooperative, c.ID, 0, 0)
		must(t, err)
		if hist[0].UserName != "staff-user" || hist[0].Action != "update" {
			t.Fatalf("history %+v", hist[0])
		}
		_, err = s.DecideChangeRequest(staff, r.ID, false, 0, "lagi")
		wantCode(t, err, bina.Conflict)

		// A second request whose field staff changed meanwhile is refused
		// on approval, and may be rejected with a note.
		p2 := supervision.ProposalOf(after)
		p2.Address = "Jl. Usulan 2"
		r2, err := s.ProposeChange(board, c.ID, p2, "")
		must(t, err)
		after.Address = "Jl. Staf"
		must(t, s.UpdateCooperative(staff, after))
		_, err = s.DecideChangeRequest(staff, r2.ID, true, after.Version, "")
		wantCode(t, err, bina.Conflict)
		if err == nil || !strings.Contains(bina.ErrorText(err).ID, "Alamat") {
			t.Fatalf("drift message %v", err)
		}
		_, err = s.DecideChangeRequest(staff, r2.ID, false, 0, "")
		wantCode(t, err, bina.Invalid)
		rej, err := s.DecideChangeRequest(staff, r2.ID, false, 0, "alamat sudah diperbaiki staf")
		must(t, err)
		if rej.State != supervision.ChangeRejected || rej.DecisionNote != "alamat sudah diperbaiki staf" {
			t.Fatalf("rejected %+v", rej)
		}
		list, err := s.ListChangeRequests(board, supervision.ChangeRequestFilter{})
		must(t, err)
		if len(list) != 2 || list[0].ID != r2.ID {
			t.Fatalf("board's list %+v", list)
		}
		pending, err := s.ListChangeRequests(staff, supervision.ChangeRequestFilter{State: supervision.ChangePending})
		must(t, err)
		if len(pending) != 0 {
			t.Fatalf("pending %+v", pending)
		}
		// Officers outside the cooperative's kecamatan do not find it.
		_, err = s.FindChangeRequest(as(bina.RoleOfficer, "61.12.02"), r.ID)
		wantCode(t, err, bina.NotFound)
	})
}

// TestPartnerAnnualReports: a board fills in and submits its own
// cooperative's report; another cooperative's is not found, and accepting
// stays the office's.
func TestPartnerAnnualReports(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		own := mustReportCooperative(t, s, village1a)
		other := mustReportCooperative(t, s, village1a)
		board, _ := mustPartner(t, s, own.ID, "pengurus-ksp")

		r := exampleReport(own)
		must(t, s.SaveAnnualReport(board, r))
		done, err := s.SubmitAnnualReport(board, own.ID, r.BookYear)
		must(t, err)
		if done.State != supervision.ReportSubmitted || done.SubmittedBy != "pengurus-ksp" {
			t.Fatalf("submitted %+v", done)
		}
		_, err = s.AcceptAnnualReport(board, own.ID, r.BookYear)
		wantCode(t, err, bina.Forbidden)
		if _, err := s.AcceptAnnualReport(staff, own.ID, r.BookYear); err != nil {
			t.Fatal(err)
		}

		theirs := exampleReport(other)
		must(t, s.SaveAnnualReport(staff, theirs))
		_, err = s.FindAnnualReport(board, other.ID, theirs.BookYear)
		wantCode(t, err, bina.NotFound)
		wantCode(t, s.SaveAnnualReport(board, exampleReport(other)), bina.NotFound)
		_, err = s.SubmitAnnualReport(board, other.ID, theirs.BookYear)
		wantCode(t, err, bina.NotFound)
		_, err = s.ListAnnualReports(board, other.ID)
		wantCode(t, err, bina.NotFound)
	})
}

// TestInvitationExpires: a link works for supervision.InvitationLife only.
func TestInvitationExpires(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			now := sqlstoretest.Now
			s := sqlstoretest.OpenWithClock(t, engine, bina.DefaultConfig(), func() time.Time { return now })
			c := mustCooperative(t, s, "Koperasi Lama Menunggu", village1a)
			inv := supervision.Invitation{Subject: bina.Subject{Kind: bina.SubjectCooperative, ID: c.ID}, Name: "Budi"}
			secret, err := s.CreateInvitation(as(bina.RoleStaff, ""), &inv)
			must(t, err)
			now = now.Add(supervision.InvitationLife - time.Minute)
			_, _, err = s.FindInvitation(context.Background(), secret)
			must(t, err)
			now = now.Add(time.Minute)
			_, _, err = s.FindInvitation(context.Background(), secret)
			wantCode(t, err, bina.NotFound)
			_, err = s.AcceptInvitation(context.Background(), secret, "budi", partnerPassword)
			wantCode(t, err, bina.NotFound)
		})
	}
}
