package sqlstore_test

import (
	"database/sql"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore"
)

func newCertificate(enterpriseID int64, kind, number string, issued, expires bina.Date) coaching.Certificate {
	return coaching.Certificate{EnterpriseID: enterpriseID, Kind: kind, Number: number, IssuedOn: issued, ExpiresOn: expires}
}

func TestCertificateRoundTrip(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		e := mustCreate(t, system, s, newEnterprise("Keripik Nanas", village1a))
		prog := int64(7)
		c := newCertificate(e.ID, coaching.CertPIRT, "P-IRT No. 2153276010281-21", bina.DateOf(2021, 12, 1), bina.DateOf(2026, 12, 1))
		c.ProgrammeID = &prog
		must(t, s.CreateCertificate(system, &c))
		if c.ID == 0 || c.Version != 1 || c.Number != "215327601028121" {
			t.Fatalf("stored %+v", c)
		}
		got, err := s.Certificates(system, e.ID)
		must(t, err)
		if len(got) != 1 || got[0].Number != c.Number || got[0].ExpiresOn != c.ExpiresOn || got[0].ProgrammeID == nil || *got[0].ProgrammeID != 7 || got[0].DocumentID != nil {
			t.Fatalf("read back %+v", got)
		}
		// An update with the stored version raises it; a stale one is a conflict.
		u := got[0]
		u.Issuer = "Dinas Kesehatan Kubu Raya"
		must(t, s.UpdateCertificate(system, &u))
		if u.Version != 2 {
			t.Errorf("version %d, want 2", u.Version)
		}
		stale := got[0]
		stale.Notes = "x"
		wantCode(t, s.UpdateCertificate(system, &stale), bina.Conflict)

		changes, err := s.History(system, bina.EntityEnterprise, e.ID, 0, 0)
		must(t, err)
		if len(changes) < 2 || changes[0].Field != "certificate" || changes[1].Field != "certificate" {
			t.Errorf("history %+v", changes[:min(2, len(changes))])
		}
	})
}

func TestCertificateBadInputSavesNothing(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		e := mustCreate(t, system, s, newEnterprise("Keripik Nanas", village1a))
		for name, c := range map[string]coaching.Certificate{
			"expires before issued": newCertificate(e.ID, coaching.CertBPOM, "MD 224510107115", bina.DateOf(2024, 5, 1), bina.DateOf(2023, 5, 1)),
			"malformed number":      newCertificate(e.ID, coaching.CertHalal, "ID-123", bina.DateOf(2024, 5, 1), bina.Date{}),
			"spoiled by Excel":      newCertificate(e.ID, coaching.CertPIRT, "2.15328E+14", bina.DateOf(2024, 5, 1), bina.Date{}),
			"issued in the future":  newCertificate(e.ID, coaching.CertNIB, "0289010302776", bina.DateOf(2027, 1, 1), bina.Date{}),
		} {
			t.Run(name, func(t *testing.T) {
				wantCode(t, s.CreateCertificate(system, &c), bina.Invalid)
			})
		}
		if n := countRows(t, db, "certificates")["certificates"]; n != 0 {
			t.Errorf("%d certificates stored", n)
		}
		archived := mustCreate(t, system, s, newEnterprise("Tutup", village1a))
		must(t, s.ArchiveEnterprise(system, archived.ID, "tutup"))
		c := newCertificate(archived.ID, coaching.CertNIB, "0289010302776", bina.DateOf(2024, 1, 1), bina.Date{})
		wantCode(t, s.CreateCertificate(system, &c), bina.Conflict)
		c.EnterpriseID = 999999
		wantCode(t, s.CreateCertificate(system, &c), bina.NotFound)
	})
}

func TestCertificateDuplicateNumberGoesToReview(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		a := mustCreate(t, system, s, newEnterprise("Kopi Liberika", village1a))
		b := mustCreate(t, system, s, newEnterprise("Kopi Rasau", village1b))
		first := newCertificate(a.ID, coaching.CertHalal, "ID32110000474710722", bina.DateOf(2023, 2, 1), bina.Date{})
		must(t, s.CreateCertificate(system, &first))
		open, err := s.CertificateReviews(system, "")
		must(t, err)
		if len(open) != 0 {
			t.Fatalf("review before any duplicate: %+v", open)
		}
		// The same number again on the same enterprise is refused.
		again := newCertificate(a.ID, coaching.CertHalal, "id 32110000474710722", bina.DateOf(2023, 2, 1), bina.Date{})
		wantCode(t, s.CreateCertificate(system, &again), bina.Invalid)
		// On another enterprise it is stored and waits for a person.
		second := newCertificate(b.ID, coaching.CertHalal, "ID32110000474710722", bina.DateOf(2023, 3, 1), bina.Date{})
		must(t, s.CreateCertificate(system, &second))
		open, err = s.CertificateReviews(system, "")
		must(t, err)
		if len(open) != 1 {
			t.Fatalf("open reviews %d, want 1", len(open))
		}
		r := open[0]
		if r.Kind != coaching.ReviewCertificate || r.CertificateID != second.ID || r.OtherID != first.ID || r.Other.EnterpriseID != a.ID || r.Reason.ID == "" {
			t.Errorf("review %+v", r)
		}
		// An officer of another kecamatan does not see it.
		other, err := s.CertificateReviews(as(bina.RoleOfficer, "61.12.02"), "")
		must(t, err)
		if len(other) != 0 {
			t.Errorf("officer of 61.12.02 sees %d items", len(other))
		}
		wantCode(t, s.ResolveCertificateReview(system, r.ID, "merge"), bina.Invalid)
		must(t, s.ResolveCertificateReview(system, r.ID, "remove"))
		wantCode(t, s.ResolveCertificateReview(system, r.ID, "keep"), bina.Conflict)
		if n := countRows(t, db, "certificates")["certificates"]; n != 1 {
			t.Errorf("%d certificates after removing the duplicate, want 1", n)
		}
		done, err := s.CertificateReviews(system, coaching.CertReviewRemoved)
		must(t, err)
		if len(done) != 1 || done[0].Certificate.Number != "ID32110000474710722" || done[0].ResolvedBy != "system" {
			t.Errorf("removed items %+v", done)
		}
	})
}

func TestCertificateScopeAndExpiry(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		mine := mustCreate(t, system, s, newEnterprise("Amplang Udang", village1a))
		theirs := mustCreate(t, system, s, newEnterprise("Amplang Ikan", village2))
		officer := as(bina.RoleOfficer, "61.12.01")
		// Test stores stand on 28 November 2026.
		for _, c := range []coaching.Certificate{
			newCertificate(mine.ID, coaching.CertPIRT, "215327601028126", bina.DateOf(2021, 12, 20), bina.DateOf(2026, 12, 20)),
			newCertificate(mine.ID, coaching.CertBPOM, "MD224510107115", bina.DateOf(2022, 1, 10), bina.DateOf(2027, 1, 10)),
			newCertificate(mine.ID, coaching.CertSNI, "SNI 3553:2015/001", bina.DateOf(2020, 1, 10), bina.DateOf(2027, 9, 1)), // too far
			newCertificate(mine.ID, coaching.CertMerek, "IDM001235320", bina.DateOf(2015, 1, 10), bina.DateOf(2025, 1, 10)),   // expired
			newCertificate(theirs.ID, coaching.CertPIRT, "215327601028226", bina.DateOf(2021, 12, 1), bina.DateOf(2026, 12, 1)),
		} {
			must(t, s.CreateCertificate(system, &c))
		}
		_, err := s.Certificates(officer, theirs.ID)
		wantCode(t, err, bina.NotFound)
		c := newCertificate(theirs.ID, coaching.CertNIB, "0289010302776", bina.DateOf(2024, 1, 1), bina.Date{})
		wantCode(t, s.CreateCertificate(officer, &c), bina.NotFound)

		before := bina.DateOf(2027, 2, 26) // 90 days
		all, err := s.ExpiringCertificates(system, coaching.ExpiryFilter{Before: before})
		must(t, err)
		if all.Total != 3 || len(all.Items) != 3 || all.Items[0].EnterpriseID != theirs.ID || all.Items[0].EnterpriseName != "Amplang Ikan" {
			t.Fatalf("expiring for all: total %d %+v", all.Total, all.Items)
		}
		own, err := s.ExpiringCertificates(officer, coaching.ExpiryFilter{Before: before})
		must(t, err)
		if own.Total != 2 {
			t.Errorf("officer sees %d expiring, want 2", own.Total)
		}
		k2, err := s.ExpiringCertificates(system, coaching.ExpiryFilter{Before: before, Region: "61.12.02"})
		must(t, err)
		if k2.Total != 1 || k2.Items[0].EnterpriseID != theirs.ID {
			t.Errorf("kecamatan 61.12.02: %+v", k2)
		}
		outside, err := s.ExpiringCertificates(officer, coaching.ExpiryFilter{Before: before, Region: "61.12.02"})
		must(t, err)
		if outside.Total != 0 || len(outside.Items) != 0 {
			t.Errorf("officer asking another kecamatan: %+v", outside)
		}
		// Pages of one follow each other without repeats.
		p1, err := s.ExpiringCertificates(system, coaching.ExpiryFilter{Before: before, Limit: 2})
		must(t, err)
		p2, err := s.ExpiringCertificates(system, coaching.ExpiryFilter{Before: before, Limit: 2, Cursor: p1.Next})
		must(t, err)
		if len(p1.Items) != 2 || p1.Next == "" || len(p2.Items) != 1 || p2.Next != "" || p2.Items[0].ID == p1.Items[1].ID {
			t.Errorf("pages %+v / %+v", p1, p2)
		}
		_, err = s.ExpiringCertificates(system, coaching.ExpiryFilter{Before: before, Cursor: "???"})
		wantCode(t, err, bina.Invalid)

		// Per officer: the businesses in their caseload only.
		pendamping := &bina.User{Name: "pendamping.sr", Role: bina.RoleOfficer, Region: "61.12.01"}
		must(t, s.CreateUser(system, pendamping, "kata-sandi-panjang"))
		none, err := s.ExpiringCertificates(system, coaching.ExpiryFilter{Before: before, Officer: pendamping.ID})
		must(t, err)
		must(t, s.AssignOfficer(system, pendamping.ID, mine.ID))
		theirCases, err := s.ExpiringCertificates(system, coaching.ExpiryFilter{Before: before, Officer: pendamping.ID})
		must(t, err)
		if none.Total != 0 || theirCases.Total != 2 || theirCases.Items[0].EnterpriseID != mine.ID {
			t.Errorf("per officer: %d before the assignment, then %+v", none.Total, theirCases)
		}
	})
}
