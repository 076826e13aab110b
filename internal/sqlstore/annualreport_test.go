package sqlstore_test

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"

	"bina"
	"bina/internal/sqlstore"
	"bina/supervision"
)

const juta = 1_000_000

// mustReportCooperative registers a savings-and-loan cooperative in
// village for the report tests.
func mustReportCooperative(t *testing.T, s *sqlstore.Store, village bina.RegionCode) bina.Cooperative {
	t.Helper()
	c := newCooperative("KSP Maju Bersama", village)
	c.Jenis = "simpan_pinjam"
	must(t, s.CreateCooperative(as(bina.RoleStaff, ""), &c))
	return c
}

// exampleReport is the worked example of KOPERASI.md section D for c.
func exampleReport(c bina.Cooperative) *supervision.AnnualReport {
	r := supervision.ExampleReport(juta)
	r.CooperativeID = c.ID
	return r
}

func problemCodes(ps []supervision.ReportProblem) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Severity+":"+p.Code)
	}
	return strings.Join(out, ",")
}

func TestAnnualReportLifecycle(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		staff := as(bina.RoleStaff, "")
		c := mustReportCooperative(t, s, village1a)
		r := exampleReport(c)
		r.Neraca["kas"] += 1_250_000 // does not balance: kept as a draft, blocks submission
		must(t, s.SaveAnnualReport(staff, r))
		if r.ID == 0 || r.Version != 1 || r.State != supervision.ReportDraft || r.Revision != 1 || !strings.Contains(problemCodes(r.Problems), "error:neraca_tidak_seimbang") {
			t.Fatalf("saved %+v", r)
		}
		_, err := s.SubmitAnnualReport(staff, c.ID, 2024)
		wantCode(t, err, bina.Invalid)
		if fs := bina.ErrorFields(err); len(fs) != 1 || fs[0].Field != "neraca.total_aset" || !strings.Contains(fs[0].Message.ID, "selisih Rp 1.250.000") {
			t.Fatalf("submit refused with %+v", fs)
		}
		got, err := s.FindAnnualReport(staff, c.ID, 2024)
		must(t, err)
		if got.State != supervision.ReportDraft || got.Neraca["kas"] != 150*juta+1_250_000 || got.Neraca["total_aset"] != r.Neraca["total_aset"] {
			t.Fatalf("after a refused submission: %+v", got)
		}

		// Mended with the revision read: saved; a stale revision is a Conflict.
		got.Neraca["kas"] = 150 * juta
		delete(got.Neraca, "total_aset")
		must(t, s.SaveAnnualReport(staff, got))
		if got.Revision != 2 || len(got.Problems) != 0 {
			t.Fatalf("mended: revision %d, problems %s", got.Revision, problemCodes(got.Problems))
		}
		stale := exampleReport(c)
		stale.Revision = 1
		wantCode(t, s.SaveAnnualReport(staff, stale), bina.Conflict)

		sub, err := s.SubmitAnnualReport(staff, c.ID, 2024)
		must(t, err)
		if sub.State != supervision.ReportSubmitted || sub.SubmittedAt == nil || sub.SubmittedBy != "staff-user" {
			t.Fatalf("submitted %+v", sub)
		}
		// The RAT record of 2024 follows: held, reported, the figures.
		coop, err := s.FindCooperative(staff, c.ID)
		must(t, err)
		if coop.LastRATYear != 2024 || len(coop.RATs) != 1 || coop.RATs[0].Assets != 4850*juta || coop.RATs[0].HeldOn != bina.DateOf(2025, 3, 15) ||
			coop.RATs[0].ReportedOn.IsZero() || coop.RATs[0].SHU != 200*juta || coop.RATs[0].MembersFemale+coop.RATs[0].MembersMale != 1000 {
			t.Fatalf("cooperative after submission: last %d, rats %+v", coop.LastRATYear, coop.RATs)
		}
		// A submitted report cannot be edited, nor submitted again.
		wantCode(t, s.SaveAnnualReport(staff, exampleReport(c)), bina.Conflict)
		_, err = s.SubmitAnnualReport(staff, c.ID, 2024)
		wantCode(t, err, bina.Conflict)

		// Officers and viewers do not review.
		_, err = s.AcceptAnnualReport(as(bina.RoleOfficer, "61.12.01"), c.ID, 2024)
		wantCode(t, err, bina.Forbidden)
		_, err = s.ReturnAnnualReport(staff, c.ID, 2024, "  ")
		wantCode(t, err, bina.Invalid)
		ret, err := s.ReturnAnnualReport(staff, c.ID, 2024, "Lampirkan notulen RAT.")
		must(t, err)
		if ret.State != supervision.ReportReturned || ret.ReturnNote != "Lampirkan notulen RAT." {
			t.Fatalf("returned %+v", ret)
		}
		_, err = s.AcceptAnnualReport(staff, c.ID, 2024)
		wantCode(t, err, bina.Conflict)
		must(t, s.SaveAnnualReport(staff, exampleReport(c)))
		_, err = s.SubmitAnnualReport(staff, c.ID, 2024)
		must(t, err)
		acc, err := s.AcceptAnnualReport(staff, c.ID, 2024)
		must(t, err)
		if acc.State != supervision.ReportAccepted || acc.AcceptedAt == nil || acc.ReturnNote != "" {
			t.Fatalf("accepted %+v", acc)
		}

		// Accepted is locked: an edit is a clear Conflict.
		err = s.SaveAnnualReport(staff, exampleReport(c))
		wantCode(t, err, bina.Conflict)
		if !strings.Contains(bina.ErrorText(err).ID, "sudah diterima dan dikunci") {
			t.Errorf("message %q", bina.ErrorText(err).ID)
		}
		// A correction is version 2; version 1 stays as accepted.
		cor, err := s.CorrectAnnualReport(staff, c.ID, 2024, "Salah ketik simpanan wajib")
		must(t, err)
		if cor.Version != 2 || cor.State != supervision.ReportDraft || cor.Neraca["simpanan_wajib"] != 650*juta {
			t.Fatalf("correction %+v", cor)
		}
		_, err = s.CorrectAnnualReport(staff, c.ID, 2024, "")
		wantCode(t, err, bina.Conflict)
		v1, err := s.FindAnnualReportVersion(staff, c.ID, 2024, 1)
		must(t, err)
		if v1.State != supervision.ReportAccepted {
			t.Fatalf("version 1 is %s", v1.State)
		}
		if acc, err := s.FindAcceptedAnnualReport(staff, c.ID, 2024); err != nil || acc.Version != 1 {
			t.Fatalf("accepted version %+v, %v", acc, err)
		}
		_, err = s.FindAcceptedAnnualReport(staff, c.ID, 2023)
		wantCode(t, err, bina.NotFound)
		hist, err := s.AnnualReportHistory(staff, c.ID, 2024)
		must(t, err)
		var steps []string
		for _, e := range hist {
			steps = append(steps, e.Action)
		}
		if strings.Join(steps, ",") != "save,save,submit,return,save,submit,accept,correction" || hist[3].Note != "Lampirkan notulen RAT." || hist[7].Version != 2 {
			t.Fatalf("history %+v", hist)
		}
		list, err := s.ListAnnualReports(staff, c.ID)
		must(t, err)
		if len(list) != 1 || list[0].Version != 2 {
			t.Fatalf("list %+v", list)
		}
		if n := countRows(t, db, "annual_reports")["annual_reports"]; n != 2 {
			t.Errorf("%d report rows", n)
		}
	})
}

func TestAnnualReportRefusesAndScopes(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		c := mustReportCooperative(t, s, village1a)
		bad := exampleReport(c)
		bad.Neraca["emas"] = 1
		bad.PHU["pajak"] = -1
		err := s.SaveAnnualReport(staff, bad)
		wantCode(t, err, bina.Invalid)
		if fs := bina.ErrorFields(err); len(fs) != 2 {
			t.Fatalf("fields %+v", fs)
		}
		_, err = s.FindAnnualReport(staff, c.ID, 2024)
		wantCode(t, err, bina.NotFound)
		future := exampleReport(c)
		future.BookYear, future.RATHeldOn = 2026, bina.DateOf(2027, 1, 5)
		wantCode(t, s.SaveAnnualReport(staff, future), bina.Invalid)

		must(t, s.SaveAnnualReport(staff, exampleReport(c)))
		// An officer of another kecamatan sees nothing: 404, as for the
		// cooperative itself.
		other := as(bina.RoleOfficer, "61.12.02")
		_, err = s.FindAnnualReport(other, c.ID, 2024)
		wantCode(t, err, bina.NotFound)
		wantCode(t, s.SaveAnnualReport(other, exampleReport(c)), bina.NotFound)
		_, err = s.SubmitAnnualReport(other, c.ID, 2024)
		wantCode(t, err, bina.NotFound)
		_, err = s.ListReportAttachments(other, c.ID, 2024)
		wantCode(t, err, bina.NotFound)
		// The officer of the area may enter and submit.
		mine := as(bina.RoleOfficer, "61.12.01")
		_, err = s.SubmitAnnualReport(mine, c.ID, 2024)
		must(t, err)
		_, err = s.SubmitAnnualReport(as(bina.RoleViewer, ""), c.ID, 2024)
		wantCode(t, err, bina.Forbidden)
	})
}

func TestAnnualReportTwoSubmissionsAtOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		c := mustReportCooperative(t, s, village1a)
		must(t, s.SaveAnnualReport(staff, exampleReport(c)))
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.SubmitAnnualReport(staff, c.ID, 2024)
			}()
		}
		wg.Wait()
		ok, conflict := 0, 0
		for _, err := range errs {
			switch bina.ErrorCode(err) {
			case "":
				ok++
			case bina.Conflict:
				conflict++
			default:
				t.Fatalf("submission: %v", err)
			}
		}
		if ok != 1 || conflict != 1 {
			t.Fatalf("%d succeeded, %d conflicts", ok, conflict)
		}
		hist, err := s.AnnualReportHistory(staff, c.ID, 2024)
		must(t, err)
		if len(hist) != 2 {
			t.Fatalf("history %+v", hist)
		}
	})
}

func TestReportAttachments(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		c := mustReportCooperative(t, s, village1a)
		pdf := []byte("%PDF-1.4\n%%EOF\n")
		att := supervision.ReportAttachment{CooperativeID: c.ID, BookYear: 2024, Kind: "notulen_rat", FileName: "../notulen.pdf", Data: pdf}
		wantCode(t, s.AddReportAttachment(staff, &att), bina.NotFound) // no report yet
		must(t, s.SaveAnnualReport(staff, exampleReport(c)))
		must(t, s.AddReportAttachment(staff, &att))
		if att.ID == 0 || att.ContentType != supervision.TypePDF || att.FileName != "notulen.pdf" || att.Version != 1 || att.Size != int64(len(pdf)) {
			t.Fatalf("stored %+v", att)
		}
		for _, bad := range []supervision.ReportAttachment{
			{CooperativeID: c.ID, BookYear: 2024, Kind: "notulen_rat", Data: nil},
			{CooperativeID: c.ID, BookYear: 2024, Kind: "notulen_rat", Data: []byte("MZ not a pdf"), ContentType: supervision.TypePDF},
			{CooperativeID: c.ID, BookYear: 2024, Kind: "foto", Data: pdf},
		} {
			wantCode(t, s.AddReportAttachment(staff, &bad), bina.Invalid)
		}
		list, err := s.ListReportAttachments(staff, c.ID, 2024)
		must(t, err)
		if len(list) != 1 || list[0].Data != nil {
			t.Fatalf("list %+v", list)
		}
		got, err := s.GetReportAttachment(staff, c.ID, 2024, att.ID)
		must(t, err)
		if string(got.Data) != string(pdf) {
			t.Fatalf("data %q", got.Data)
		}
		_, err = s.GetReportAttachment(staff, c.ID, 2023, att.ID)
		wantCode(t, err, bina.NotFound)
		_, err = s.GetReportAttachment(as(bina.RoleOfficer, "61.12.02"), c.ID, 2024, att.ID)
		wantCode(t, err, bina.NotFound)
	})
}

// TestAnnualReportPriorYear checks that a report is compared with the
// year before.
func TestAnnualReportPriorYear(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		c := mustReportCooperative(t, s, village1a)
		prior := exampleReport(c)
		prior.BookYear, prior.RATHeldOn = 2023, bina.DateOf(2024, 3, 1)
		prior.Members["anggota_akhir"], prior.Members["anggota_masuk"] = 940, 20
		must(t, s.SaveAnnualReport(staff, prior))
		r := exampleReport(c)
		must(t, s.SaveAnnualReport(context.Background(), r))
		if !strings.Contains(problemCodes(r.Problems), "warning:awal_beda_tahun_lalu") {
			t.Fatalf("problems %s", problemCodes(r.Problems))
		}
	})
}
