package sqlstore_test

import (
	"database/sql"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore"
)

// TestParticipationsOf lists a business's programmes, the most recent
// first, and hides the business from an officer of another region.
func TestParticipationsOf(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleStaff, "")
		e := mustCreate(t, ctx, s, newEnterprise("Amplang Kuala", village1a))
		other := mustCreate(t, ctx, s, newEnterprise("Dodol Lain", village1a))
		if got, err := s.ParticipationsOf(ctx, e.ID); err != nil || len(got) != 0 {
			t.Fatalf("before any programme: %v, %v", got, err)
		}
		p19 := mustProgramme(t, ctx, s, coaching.Programme{Name: "Bazar 2019", Year: 2019, Kind: "pameran_bazar", StartsOn: bina.DateOf(2019, 5, 1)})
		mustEnrol(t, ctx, s, p19.ID, coaching.Enrolment{EnterpriseID: e.ID, State: "completed", ReachedOn: bina.DateOf(2019, 5, 1)})
		p26 := mustProgramme(t, ctx, s, newProgramme("Pelatihan Kemasan"))
		mustEnrol(t, ctx, s, p26.ID, coaching.Enrolment{EnterpriseID: e.ID})
		mustEnrol(t, ctx, s, p26.ID, coaching.Enrolment{EnterpriseID: other.ID})

		got, err := s.ParticipationsOf(ctx, e.ID)
		must(t, err)
		if len(got) != 2 || got[0].ProgrammeID != p26.ID || got[0].State != "proposed" || got[0].Took() || !got[0].ReachedOn.IsZero() ||
			got[1].Programme != "Bazar 2019" || got[1].Year != 2019 || !got[1].Took() || got[1].ReachedOn != bina.DateOf(2019, 5, 1) {
			t.Errorf("participations %+v", got)
		}
		mine, err := s.ParticipationsOf(as(bina.RoleOfficer, village1a), e.ID)
		if err != nil || len(mine) != 2 {
			t.Errorf("officer of the desa: %v, %v", mine, err)
		}
		_, err = s.ParticipationsOf(as(bina.RoleOfficer, village2), e.ID)
		wantCode(t, err, bina.NotFound)
		_, err = s.ParticipationsOf(ctx, 99999999)
		wantCode(t, err, bina.NotFound)
	})
}
