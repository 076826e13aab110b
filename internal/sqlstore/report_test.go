package sqlstore_test

import (
	"sync"
	"testing"

	"bina"
	"bina/indicator"
	"bina/internal/sqlstore"
)

// TestRakorAskedTwiceAtOnce: of two asks for the same report at the same
// moment, one is stored and the other refused with Conflict, whichever
// wins the race; another region's report is not held up.
func TestRakorAskedTwiceAtOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		indicatorWorld(t, s)
		staff := as(bina.RoleStaff, "")
		for round := range 5 {
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = s.RequestRakor(staff, indicator.ReportRequest{Year: 2026 - round})
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
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if ok != 1 || conflict != 1 {
				t.Fatalf("round %d: %d stored, %d refused; want one each", round, ok, conflict)
			}
		}
		if _, err := s.RequestRakor(staff, indicator.ReportRequest{Year: 2026, Region: "61.12.01"}); err != nil {
			t.Errorf("a kecamatan's report while the regency's waits: %v", err)
		}
	})
}

// TestRakorScope: an officer's report is of the officer's kecamatan; staff
// see it, an officer of another kecamatan does not, nor a viewer's ask.
func TestRakorScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		indicatorWorld(t, s)
		officer := as(bina.RoleOfficer, "61.12.01")
		r, err := s.RequestRakor(officer, indicator.ReportRequest{Year: 2026, Theme: "  Kecamatan maju  "})
		must(t, err)
		if r.Region != "61.12.01" || r.Theme != "Kecamatan maju" || r.Version != 1 {
			t.Fatalf("officer's report %+v", r)
		}
		if _, err := s.FindReport(as(bina.RoleStaff, ""), r.ID); err != nil {
			t.Errorf("staff: %v", err)
		}
		if _, err := s.FindReport(as(bina.RoleOfficer, "61.12.02"), r.ID); bina.ErrorCode(err) != bina.NotFound {
			t.Errorf("an officer of another kecamatan: %v", err)
		}
		list, err := s.ListReports(as(bina.RoleOfficer, "61.12.02"), indicator.ReportKindRakor, 10)
		must(t, err)
		if len(list) != 0 {
			t.Errorf("another kecamatan lists %+v", list)
		}
		if _, err := s.RequestRakor(officer, indicator.ReportRequest{Year: 2026, Region: "61.12.02"}); bina.ErrorCode(err) != bina.NotFound {
			t.Errorf("an officer asking for another kecamatan: %v", err)
		}
		if _, err := s.RequestRakor(as(bina.RoleViewer, ""), indicator.ReportRequest{Year: 2026}); bina.ErrorCode(err) != bina.Forbidden {
			t.Errorf("a viewer: %v", err)
		}
		if _, err := s.RequestRakor(officer, indicator.ReportRequest{Year: 2027}); bina.ErrorCode(err) != bina.Invalid {
			t.Errorf("a year to come: %v", err)
		}
	})
}
