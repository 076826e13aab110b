package sqlstore_test

import (
	"database/sql"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore"
)

// TestBulkLoadCoaching loads a programme, a session and a certificate at
// once: a bad record anywhere refuses the whole load and writes nothing;
// a good load sets the reach of the businesses it names once.
func TestBulkLoadCoaching(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		fresh := func(name string) bina.Enterprise {
			e := newEnterprise(name, "61.12.01.2001")
			e.Binaan, e.BinaanSince = false, bina.Date{}
			return mustCreate(t, system, s, e)
		}
		a, b := fresh("Kerupuk Basah Kakap"), fresh("Lidah Buaya Rasau")
		records := func() *sqlstore.CoachingRecords {
			r := &sqlstore.CoachingRecords{Programmes: []coaching.Programme{{Name: "Pelatihan Pengemasan", Year: 2025, Kind: "pelatihan",
				StartsOn: bina.DateOf(2025, 3, 4), EndsOn: bina.DateOf(2025, 3, 6), Place: "Aula Dinas"}}}
			r.Participants = [][]coaching.Enrolment{{{EnterpriseID: a.ID, State: "completed", Source: "candidate"}, {EnterpriseID: b.ID, State: "absent", Source: "candidate"}}}
			r.Sessions = []coaching.CoachingSession{{UUID: "0b8e4c1a-5d2f-4c3e-9a7b-1f2e3d4c5b6a", EnterpriseID: b.ID, Date: bina.DateOf(2026, 5, 2), Mode: "visit",
				DurationMinutes: 60, Topics: []string{"pemasaran"}, FollowUps: []coaching.FollowUp{{Task: "Foto produk", DueOn: bina.DateOf(2026, 5, 20)}}}}
			r.Certificates = []coaching.Certificate{{EnterpriseID: a.ID, Kind: coaching.CertPIRT, Number: "215327601028130", IssuedOn: bina.DateOf(2025, 4, 1),
				ExpiresOn: bina.DateOf(2030, 4, 1), ProgrammeID: &r.Programmes[0].ID}}
			return r
		}
		bad := records()
		bad.Certificates[0].Number = "2.15328E+14"
		wantCode(t, s.BulkLoadCoaching(system, bad), bina.Invalid)
		if n := countRows(t, db, "programmes", "programme_participants", "coaching_sessions", "certificates"); n["programmes"]+n["programme_participants"]+n["coaching_sessions"]+n["certificates"] != 0 {
			t.Fatalf("a refused load left rows: %v", n)
		}
		wantCode(t, s.BulkLoadCoaching(as(bina.RoleStaff, ""), records()), bina.Forbidden)

		r := records()
		must(t, s.BulkLoadCoaching(system, r))
		for _, c := range []struct {
			id   int64
			last bina.Date
		}{{a.ID, bina.DateOf(2025, 3, 6)}, {b.ID, bina.DateOf(2026, 5, 2)}} {
			e, err := s.FindEnterprise(system, c.id)
			must(t, err)
			if e.ReachedLast.String() != c.last.String() || !e.Binaan || e.BinaanDecided {
				t.Errorf("%s: reached %s binaan %v decided %v, want reached %s by its records", e.Name, e.ReachedLast, e.Binaan, e.BinaanDecided, c.last)
			}
		}
		cs, err := s.Certificates(system, a.ID)
		must(t, err)
		if len(cs) != 1 || cs[0].ProgrammeID == nil || *cs[0].ProgrammeID != r.Programmes[0].ID {
			t.Errorf("certificate not tied to the loaded programme: %+v", cs)
		}
		x, err := s.FindCoachingSession(system, r.Sessions[0].ID)
		must(t, err)
		if len(x.FollowUps) != 1 {
			t.Errorf("session %+v lost its follow-up", x)
		}
	})
}
