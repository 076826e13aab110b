package sqlstore_test

import (
	"slices"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/pdf"
	"bina/internal/sqlstore"
)

// TestLetterBasisFromRecords issues a letter without a written basis: it
// cites the programmes the business took part in and its coaching
// sessions; a written basis is kept as written.
func TestLetterBasisFromRecords(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		letterStore(t, s)
		e := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sri", village1a))
		g := mustProgramme(t, staff, s, coaching.Programme{Name: "Pelatihan Kemasan", Year: 2024, Kind: "pelatihan", StartsOn: bina.DateOf(2024, 6, 10)})
		mustEnrol(t, staff, s, g.ID, coaching.Enrolment{EnterpriseID: e.ID, State: "completed", ReachedOn: bina.DateOf(2024, 6, 11)})
		proposed := mustProgramme(t, staff, s, newProgramme("Bazar Akhir Tahun"))
		mustEnrol(t, staff, s, proposed.ID, coaching.Enrolment{EnterpriseID: e.ID})
		for i, on := range []bina.Date{bina.DateOf(2025, 2, 3), bina.DateOf(2025, 10, 20)} {
			x := coaching.CoachingSession{UUID: []string{"0d7c5e1a-3b4f-4a6e-9c2d-8f1e2a3b4c51", "0d7c5e1a-3b4f-4a6e-9c2d-8f1e2a3b4c52"}[i],
				EnterpriseID: e.ID, Date: on, Mode: "visit", DurationMinutes: 60, Topics: []string{"pemasaran"}}
			if _, err := s.RecordCoachingSession(staff, &x); err != nil {
				t.Fatal(err)
			}
		}
		l := &coaching.Letter{EnterpriseID: e.ID, Purpose: "pembiayaan"}
		must(t, s.IssueLetter(staff, l, publicURL, pdf.Letter))
		want := []string{"Pendampingan usaha 2 kali, terakhir 20 Oktober 2025", "Peserta Pelatihan Kemasan tahun 2024, selesai 11 Juni 2024"}
		if !slices.Equal(l.Basis, want) {
			t.Errorf("basis %q, want %q", l.Basis, want)
		}
		got, err := s.FindLetter(staff, l.ID)
		must(t, err)
		if !slices.Equal(got.Basis, want) {
			t.Errorf("stored basis %q", got.Basis)
		}

		written := &coaching.Letter{EnterpriseID: e.ID, Purpose: "pembiayaan", Basis: []string{"Rekomendasi camat"}}
		must(t, s.IssueLetter(staff, written, publicURL, pdf.Letter))
		if !slices.Equal(written.Basis, []string{"Rekomendasi camat"}) {
			t.Errorf("written basis became %q", written.Basis)
		}
	})
}
