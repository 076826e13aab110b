package web_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
)

// mustProgramme stores a programme of one activity starting on start.
func (s *site) mustProgramme(name string, start bina.Date) *bina.Programme {
	s.t.Helper()
	g := &bina.Programme{Name: name, Kind: "pelatihan", StartsOn: start, EndsOn: start,
		Activities: []bina.Activity{{Name: "Kelas " + name, StartsOn: start, Place: "Aula"}}}
	if err := s.store.CreateProgramme(context.Background(), g); err != nil {
		s.t.Fatalf("create programme %s: %v", name, err)
	}
	return g
}

// mustEnrol enrols a business in a programme in state.
func (s *site) mustEnrol(g *bina.Programme, enterpriseID int64, state string) {
	s.t.Helper()
	if _, err := s.store.Enrol(context.Background(), g.ID, []bina.Enrolment{{EnterpriseID: enterpriseID, State: state}}); err != nil {
		s.t.Fatalf("enrol %d in %s: %v", enterpriseID, g.Name, err)
	}
}

// mustMilestone records a milestone of a business.
func (s *site) mustMilestone(m bina.Milestone) {
	s.t.Helper()
	if _, err := s.store.RecordMilestone(context.Background(), &m); err != nil {
		s.t.Fatalf("record milestone %+v: %v", m, err)
	}
}

// TestProgrammeOutcomes shows the milestones of those who took part in a
// programme before and since its start, and an empty state without any.
func TestProgrammeOutcomes(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		g := s.mustProgramme("Pelatihan Pemasaran Daring", bina.DateOf(2025, 3, 1))
		loc := "/program/" + strconv.FormatInt(g.ID, 10)
		b.get(loc).want(t, 200).contains(t, "Hasil peserta sebelum dan sesudah program", "Belum ada capaian yang dicatat")

		went := s.mustCreate(enterprise("Keripik Pisang Ayu", kualaDua))
		proposed := s.mustCreate(enterprise("Dodol Durian", kualaDua))
		s.mustEnrol(g, went.ID, "completed")
		s.mustEnrol(g, proposed.ID, "proposed")
		s.mustMilestone(bina.Milestone{UUID: "6f1c2a0e-8a1b-4c53-9d0e-1f2a3b4c5d01", EnterpriseID: went.ID, Kind: bina.MilestoneJobsCreated, Date: bina.DateOf(2024, 6, 1), Jobs: 2})
		s.mustMilestone(bina.Milestone{UUID: "6f1c2a0e-8a1b-4c53-9d0e-1f2a3b4c5d02", EnterpriseID: went.ID, Kind: bina.MilestoneJobsCreated, Date: bina.DateOf(2025, 8, 1), Jobs: 5})
		s.mustMilestone(bina.Milestone{UUID: "6f1c2a0e-8a1b-4c53-9d0e-1f2a3b4c5d03", EnterpriseID: proposed.ID, Kind: bina.MilestoneJobsCreated, Date: bina.DateOf(2025, 8, 1), Jobs: 40})

		page := b.get(loc).want(t, 200).contains(t, "Lapangan kerja baru", "Sebelum program", "Sejak program").lacks(t, "Belum ada capaian yang dicatat", ">40<", ">45<")
		page.contains(t, `<td class="num">2</td>`, `<td class="num">5</td>`)
		b.get(loc+"?lang=en").want(t, 200)

	})
}

// TestAttendanceLinks follows the programme page's links to the upload
// of its attendance sheet, which names the programme and its activities.
func TestAttendanceLinks(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
			g := s.mustProgramme("Pelatihan Kemasan Kubu Raya", bina.DateOf(2026, 10, 5))
			loc := "/program/" + strconv.FormatInt(g.ID, 10)
			act := strconv.FormatInt(g.Activities[0].ID, 10)
			b.get(loc).want(t, 200).contains(t, `href="`+loc+`/hadir"`, `href="`+loc+`/hadir?kegiatan=`+act+`"`)
			b.get(loc+"/hadir?kegiatan="+act).want(t, 200).
				contains(t, "Pelatihan Kemasan Kubu Raya (2026)", `<option value="`+act+`" selected>`, "Kelas Pelatihan Kemasan Kubu Raya").lacks(t, "#"+strconv.FormatInt(g.ID, 10))
			b.get("/program/99999/hadir").want(t, http.StatusNotFound)

			viewer := s.signedIn(s.user("pembaca", bina.RoleViewer, ""))
			viewer.get(loc).want(t, 200).lacks(t, loc+"/hadir")
		})
	}
}

// TestEnterpriseProgrammes shows on the UMKM page the programmes the
// business is in, linked, with state and the day it was reached.
func TestEnterpriseProgrammes(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		e := s.mustCreate(enterprise("Kerupuk Ikan Kuala", kualaDua))
		page := "/umkm/" + strconv.FormatInt(e.ID, 10)
		b.get(page).want(t, 200).contains(t, "Program yang diikuti", "belum pernah ikut program pembinaan")

		g := s.mustProgramme("Bazar UMKM Kubu Raya", bina.DateOf(2025, 8, 17))
		s.mustEnrol(g, e.ID, "completed")
		b.get(page).want(t, 200).contains(t, `href="/program/`+strconv.FormatInt(g.ID, 10)+`"`, "Bazar UMKM Kubu Raya", "2025", "Lulus/selesai", "17 Agustus 2025").
			lacks(t, "belum pernah ikut program pembinaan")
		b.get(page+"?lang=en").want(t, 200)
		s.signedIn(s.user("petugas.mandor", bina.RoleOfficer, mandor)).get(page).want(t, http.StatusNotFound)
	})
}
