package web_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore/sqlstoretest"
)

// mustProgramme stores a programme of one activity starting on start.
func (s *site) mustProgramme(name string, start bina.Date) *coaching.Programme {
	s.t.Helper()
	g := &coaching.Programme{Name: name, Kind: "pelatihan", StartsOn: start, EndsOn: start,
		Activities: []coaching.Activity{{Name: "Kelas " + name, StartsOn: start, Place: "Aula"}}}
	if err := s.store.CreateProgramme(context.Background(), g); err != nil {
		s.t.Fatalf("create programme %s: %v", name, err)
	}
	return g
}

// mustEnrol enrols a business in a programme in state.
func (s *site) mustEnrol(g *coaching.Programme, enterpriseID int64, state string) {
	s.t.Helper()
	if _, err := s.store.Enrol(context.Background(), g.ID, []coaching.Enrolment{{EnterpriseID: enterpriseID, State: state}}); err != nil {
		s.t.Fatalf("enrol %d in %s: %v", enterpriseID, g.Name, err)
	}
}

// mustMilestone records a milestone of a business.
func (s *site) mustMilestone(m coaching.Milestone) {
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
		s.mustMilestone(coaching.Milestone{UUID: "6f1c2a0e-8a1b-4c53-9d0e-1f2a3b4c5d01", EnterpriseID: went.ID, Kind: coaching.MilestoneJobsCreated, Date: bina.DateOf(2024, 6, 1), Jobs: 2})
		s.mustMilestone(coaching.Milestone{UUID: "6f1c2a0e-8a1b-4c53-9d0e-1f2a3b4c5d02", EnterpriseID: went.ID, Kind: coaching.MilestoneJobsCreated, Date: bina.DateOf(2025, 8, 1), Jobs: 5})
		s.mustMilestone(coaching.Milestone{UUID: "6f1c2a0e-8a1b-4c53-9d0e-1f2a3b4c5d03", EnterpriseID: proposed.ID, Kind: coaching.MilestoneJobsCreated, Date: bina.DateOf(2025, 8, 1), Jobs: 40})

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

// TestCertificateDocument uploads the scan of a certificate with its form:
// a picture is kept and linked from the certificates block; a file that
// is not a picture is refused and nothing is stored.
func TestCertificateDocument(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		e := s.mustCreate(enterprise("Kerupuk Basah Nila", kualaDua))
		page := "/umkm/" + strconv.FormatInt(e.ID, 10)
		body := b.get(page).want(t, 200).contains(t, `enctype="multipart/form-data"`, `name="document"`).body
		v := formValues(t, body, page+"/sertifikat")
		v.Set("kind", "pirt")
		v.Set("number", "P-IRT No. 2153276010281-21")
		v.Set("issued_on", "2021-12-01")

		b.postFile(page+"/sertifikat", v, "document", "application/pdf", []byte("%PDF-1.4 not a picture")).
			want(t, http.StatusUnprocessableEntity).contains(t, "bukan foto JPEG, PNG atau WebP", `id="f-document-err"`)
		if cs, _ := s.store.Certificates(context.Background(), e.ID); len(cs) != 0 {
			t.Fatalf("a refused form stored %+v", cs)
		}

		if loc := b.postFile(page+"/sertifikat", v, "document", "image/png", pngPhoto(t)).location(t); loc[:len(page)] != page {
			t.Fatalf("redirect to %s", loc)
		}
		cs, err := s.store.Certificates(context.Background(), e.ID)
		if err != nil || len(cs) != 1 || cs[0].DocumentID == nil {
			t.Fatalf("certificates %+v, %v", cs, err)
		}
		doc := "/api/v1/attachments/" + strconv.FormatInt(*cs[0].DocumentID, 10)
		b.get(page).want(t, 200).contains(t, `href="`+doc+`"`, "Lihat dokumen")
		if got := b.get(doc).want(t, 200); got.header.Get("Content-Type") != "image/png" || got.body != string(pngPhoto(t)) {
			t.Errorf("document %q, %d bytes", got.header.Get("Content-Type"), len(got.body))
		}
		as, err := s.store.ListAttachments(context.Background(), "certificate", cs[0].ID)
		if err != nil || len(as) != 1 || as[0].EnterpriseID != e.ID {
			t.Errorf("attachments of the certificate %+v, %v", as, err)
		}

		// Without a file the form works as before.
		v.Set("kind", "nib")
		v.Set("number", "9120001234567")
		v.Set("issued_on", "2022-01-10")
		b.postFile(page+"/sertifikat", v, "document", "", nil).location(t)
		if cs, _ := s.store.Certificates(context.Background(), e.ID); len(cs) != 2 {
			t.Errorf("certificates %+v", cs)
		}
	})
}
