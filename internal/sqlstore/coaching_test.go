package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"image"
	"image/png"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore"
)

var (
	_ coaching.CoachingService = (*sqlstore.Store)(nil)
	_ bina.AttachmentStore     = (*sqlstore.Store)(nil)
)

// session returns a valid session with enterprise id on 20 November 2026
// (the test clock says 28 November).
func session(uuid string, enterpriseID int64) coaching.CoachingSession {
	return coaching.CoachingSession{
		UUID: uuid, EnterpriseID: enterpriseID, Date: bina.DateOf(2026, 11, 20), Mode: "visit", DurationMinutes: 90,
		Topics: []string{"pemasaran", "legalitas"}, Advice: "Daftarkan NIB", Notes: "Pemilik antusias",
		FollowUps:   []coaching.FollowUp{{Task: "Daftar NIB di OSS", DueOn: bina.DateOf(2026, 11, 30)}},
		NextVisitOn: bina.DateOf(2026, 12, 2),
	}
}

const (
	uuidA = "0f8fad5b-d9cb-469f-a165-70867728950e"
	uuidB = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
)

// mustOfficer creates a field officer of region and returns the context
// acting as them.
func mustOfficer(t *testing.T, s *sqlstore.Store, name string, region bina.RegionCode) (*bina.User, context.Context) {
	t.Helper()
	u := &bina.User{Name: name, Role: bina.RoleOfficer, Region: region}
	must(t, s.CreateUser(system, u, "kata-sandi-panjang"))
	return u, bina.WithUser(context.Background(), u)
}

func TestCoachingSessionIdempotent(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		staff := as(bina.RoleStaff, "")
		e := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sari", village1a))
		x := session(uuidA, e.ID)
		created, err := s.RecordCoachingSession(staff, &x)
		must(t, err)
		if !created || x.ID == 0 || x.Version != 1 || x.Officer != "staff-user" || len(x.FollowUps) != 1 {
			t.Fatalf("first record: created %v, %+v", created, x)
		}
		again := session(uuidA, e.ID)
		again.UUID = "0F8FAD5B-D9CB-469F-A165-70867728950E" // the same uuid in capitals
		created, err = s.RecordCoachingSession(staff, &again)
		must(t, err)
		if created || again.ID != x.ID {
			t.Fatalf("replay: created %v, id %d, want the stored %d", created, again.ID, x.ID)
		}
		if n := countRows(t, db, "coaching_sessions", "coaching_followups", "history"); n["coaching_sessions"] != 1 || n["coaching_followups"] != 1 {
			t.Fatalf("rows after a replay: %v", n)
		}
		other := session(uuidA, e.ID)
		other.Notes = "isi lain"
		_, err = s.RecordCoachingSession(staff, &other)
		wantCode(t, err, bina.Conflict)
		if n := countRows(t, db, "coaching_sessions"); n["coaching_sessions"] != 1 {
			t.Fatalf("a conflicting body was stored: %v", n)
		}

		// The reach columns follow the sessions.
		var last sql.NullString
		must(t, db.QueryRow(`SELECT CAST(reached_last AS TEXT) FROM enterprises WHERE id = $1`, e.ID).Scan(&last))
		if last.String != "2026-11-20" {
			t.Errorf("reached_last = %q, want 2026-11-20", last.String)
		}
		later := session(uuidB, e.ID)
		later.Date, later.FollowUps, later.NextVisitOn = bina.DateOf(2026, 11, 27), nil, bina.Date{}
		_, err = s.RecordCoachingSession(staff, &later)
		must(t, err)
		must(t, db.QueryRow(`SELECT CAST(reached_last AS TEXT) FROM enterprises WHERE id = $1`, e.ID).Scan(&last))
		if last.String != "2026-11-27" {
			t.Errorf("reached_last after a later session = %q, want 2026-11-27", last.String)
		}

		// A follow-up is completed once.
		fid := x.FollowUps[0].ID
		wantCode(t, s.CompleteFollowUp(staff, x.ID, fid, bina.DateOf(2026, 11, 19)), bina.Invalid)
		must(t, s.CompleteFollowUp(staff, x.ID, fid, bina.DateOf(2026, 11, 25)))
		wantCode(t, s.CompleteFollowUp(staff, x.ID, fid, bina.DateOf(2026, 11, 26)), bina.Conflict)
		got, err := s.FindCoachingSession(staff, x.ID)
		must(t, err)
		if got.FollowUps[0].DoneOn != bina.DateOf(2026, 11, 25) || got.Version != 2 {
			t.Errorf("after completing: %+v", got)
		}
		// The replay still answers the stored session.
		replay := session(uuidA, e.ID)
		created, err = s.RecordCoachingSession(staff, &replay)
		if err != nil || created {
			t.Errorf("replay after a follow-up was done: created %v, %v", created, err)
		}
	})
}

// TestCoachingSessionConcurrentReplay sends the same session from several
// clients at once: all succeed, one stores it.
func TestCoachingSessionConcurrentReplay(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		staff := as(bina.RoleStaff, "")
		e := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sari", village1a))
		const n = 8
		errs := make(chan error, n)
		created := make(chan bool, n)
		for range n {
			go func() {
				x := session(uuidA, e.ID)
				c, err := s.RecordCoachingSession(staff, &x)
				errs <- err
				created <- c
			}()
		}
		stored := 0
		for range n {
			must(t, <-errs)
			if <-created {
				stored++
			}
		}
		if got := countRows(t, db, "coaching_sessions")["coaching_sessions"]; got != 1 || stored != 1 {
			t.Errorf("%d rows, %d answers said created; want 1 and 1", got, stored)
		}
	})
}

func TestCoachingSessionInvalid(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		staff := as(bina.RoleStaff, "")
		e := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sari", village1a))
		for _, tc := range []struct {
			name   string
			change func(x *coaching.CoachingSession)
			code   bina.Code
		}{
			{"future date", func(x *coaching.CoachingSession) { x.Date = bina.DateOf(2026, 12, 5) }, bina.Invalid},
			{"follow-up before its session", func(x *coaching.CoachingSession) { x.FollowUps[0].DueOn = bina.DateOf(2026, 11, 1) }, bina.Invalid},
			{"unknown enterprise", func(x *coaching.CoachingSession) { x.EnterpriseID = 999999 }, bina.NotFound},
			{"unknown programme", func(x *coaching.CoachingSession) { p := int64(4242); x.ProgrammeID = &p }, bina.Invalid},
		} {
			t.Run(tc.name, func(t *testing.T) {
				x := session(uuidA, e.ID)
				tc.change(&x)
				_, err := s.RecordCoachingSession(staff, &x)
				wantCode(t, err, tc.code)
				if n := countRows(t, db, "coaching_sessions", "coaching_followups"); n["coaching_sessions"]+n["coaching_followups"] != 0 {
					t.Fatalf("half-written: %v", n)
				}
			})
		}
		_, err := s.RecordCoachingSession(as(bina.RoleViewer, ""), ptr(session(uuidA, e.ID)))
		wantCode(t, err, bina.Forbidden)
	})
}

func ptr[T any](v T) *T { return &v }

func TestCoachingRegionScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		inside := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sari", village1a))
		elsewhere := as(bina.RoleOfficer, "61.12.02")
		x := session(uuidA, inside.ID)
		_, err := s.RecordCoachingSession(elsewhere, &x)
		wantCode(t, err, bina.NotFound)
		x = session(uuidA, inside.ID)
		_, err = s.RecordCoachingSession(as(bina.RoleOfficer, "61.12.01"), &x)
		must(t, err)
		_, err = s.FindCoachingSession(elsewhere, x.ID)
		wantCode(t, err, bina.NotFound)
		page, err := s.ListCoachingSessions(elsewhere, coaching.CoachingFilter{})
		must(t, err)
		if page.Total != 0 || len(page.Items) != 0 {
			t.Errorf("officer elsewhere lists %d sessions", page.Total)
		}
		// The same uuid from someone who cannot see the stored one.
		y := session(uuidA, inside.ID)
		_, err = s.RecordCoachingSession(elsewhere, &y)
		wantCode(t, err, bina.Conflict)

		page, err = s.ListCoachingSessions(staff, coaching.CoachingFilter{Region: "61.12.01", From: bina.DateOf(2026, 11, 1), To: bina.DateOf(2026, 11, 30)})
		must(t, err)
		if page.Total != 1 || page.Items[0].EnterpriseName != "Keripik Bu Sari" || len(page.Items[0].FollowUps) != 1 {
			t.Errorf("staff list: %+v", page)
		}
		page, err = s.ListCoachingSessions(staff, coaching.CoachingFilter{To: bina.DateOf(2026, 11, 19)})
		must(t, err)
		if page.Total != 0 {
			t.Errorf("to before the session lists %d", page.Total)
		}
	})
}

func TestCoachingListPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		e := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sari", village1a))
		for i, u := range []string{uuidA, uuidB, "9b2f3c1e-0000-4000-8000-000000000001"} {
			x := session(u, e.ID)
			x.Date = bina.DateOf(2026, 11, 10+i)
			_, err := s.RecordCoachingSession(staff, &x)
			must(t, err)
		}
		var seen []bina.Date
		f := coaching.CoachingFilter{Enterprise: e.ID, Limit: 2}
		for {
			page, err := s.ListCoachingSessions(staff, f)
			must(t, err)
			for _, x := range page.Items {
				seen = append(seen, x.Date)
			}
			if page.Next == "" {
				break
			}
			f.Cursor = page.Next
		}
		if len(seen) != 3 || seen[0] != bina.DateOf(2026, 11, 12) || seen[2] != bina.DateOf(2026, 11, 10) {
			t.Errorf("pages gave %v", seen)
		}
		_, err := s.ListCoachingSessions(staff, coaching.CoachingFilter{Cursor: "rusak"})
		wantCode(t, err, bina.Invalid)
	})
}

func TestCaseload(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		staff := as(bina.RoleStaff, "")
		near := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sari", village1a))
		visited := mustCreate(t, staff, s, newEnterprise("Amplang Kuala", village1b))
		far := mustCreate(t, staff, s, newEnterprise("Tambak Udang", village2))
		officer, octx := mustOfficer(t, s, "petugas-satu", "61.12.01")
		other, _ := mustOfficer(t, s, "petugas-dua", "61.12.02")

		// Only inside the officer's region.
		wantCode(t, s.AssignOfficer(staff, officer.ID, far.ID), bina.Invalid)
		wantCode(t, s.AssignOfficer(octx, officer.ID, near.ID), bina.Forbidden)
		wantCode(t, s.AssignOfficer(staff, 424242, near.ID), bina.Invalid)
		must(t, s.AssignOfficer(staff, officer.ID, near.ID, visited.ID))
		must(t, s.AssignOfficer(staff, other.ID, far.ID))
		if u, ok, err := s.AssignedOfficer(staff, near.ID); err != nil || !ok || u.ID != officer.ID {
			t.Errorf("AssignedOfficer = %v %v %v", u, ok, err)
		}
		if _, ok, err := s.AssignedOfficer(staff, mustCreate(t, staff, s, newEnterprise("Baru", village1a)).ID); err != nil || ok {
			t.Errorf("unassigned: %v %v", ok, err)
		}
		officers, err := s.Officers(staff, village1a)
		must(t, err)
		if len(officers) != 1 || officers[0].ID != officer.ID {
			t.Errorf("Officers(%s) = %v", village1a, officers)
		}
		if officers, err = s.Officers(staff, "61.12"); err != nil || len(officers) != 2 {
			t.Errorf("Officers of the regency = %v, %v", officers, err)
		}

		x := session(uuidA, visited.ID)
		_, err = s.RecordCoachingSession(octx, &x)
		must(t, err)

		c, err := s.Caseload(octx, 0)
		must(t, err)
		if c.Officer.ID != officer.ID || len(c.Items) != 2 {
			t.Fatalf("caseload: %+v", c)
		}
		if first := c.Items[0]; first.EnterpriseID != near.ID || !first.NeverVisited() {
			t.Errorf("never visited should come first: %+v", first)
		}
		if second := c.Items[1]; second.LastSession != x.Date || !second.VisitDue || len(second.DueFollowUps) != 1 || second.DueFollowUps[0].SessionID != x.ID {
			t.Errorf("visited business: %+v", second)
		}
		_, err = s.Caseload(octx, other.ID)
		wantCode(t, err, bina.Forbidden)
		c, err = s.Caseload(staff, other.ID)
		must(t, err)
		if len(c.Items) != 1 || c.Items[0].EnterpriseID != far.ID {
			t.Errorf("the other officer's caseload: %+v", c.Items)
		}
		_, err = s.Caseload(staff, 0)
		wantCode(t, err, bina.Invalid)
	})
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	must(t, png.Encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2))))
	return buf.Bytes()
}

func TestAttachments(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		staff := as(bina.RoleStaff, "")
		e := mustCreate(t, staff, s, newEnterprise("Keripik Bu Sari", village1a))
		x := session(uuidA, e.ID)
		_, err := s.RecordCoachingSession(staff, &x)
		must(t, err)
		data := tinyPNG(t)
		put := func(uuid string, data []byte) (*bina.Attachment, bool, error) {
			a := &bina.Attachment{UUID: uuid, OwnerKind: "session", OwnerID: x.ID, ContentType: bina.TypePNG, Data: data, Caption: "Produk"}
			created, err := s.PutAttachment(staff, a)
			return a, created, err
		}
		a, created, err := put(uuidB, data)
		must(t, err)
		if !created || a.EnterpriseID != e.ID || a.Size != int64(len(data)) || len(a.SHA256) != 64 {
			t.Fatalf("put: %v %+v", created, a)
		}
		b, created, err := put(uuidB, data)
		must(t, err)
		if created || b.ID != a.ID {
			t.Errorf("same uuid twice: created %v, id %d want %d", created, b.ID, a.ID)
		}
		_, _, err = put(uuidB, append([]byte{}, append(data, 0)...))
		wantCode(t, err, bina.Conflict)
		if n := countRows(t, db, "attachments"); n["attachments"] != 1 {
			t.Errorf("attachments stored: %v", n)
		}
		got, err := s.GetAttachment(staff, a.ID)
		must(t, err)
		if !bytes.Equal(got.Data, data) || got.ContentType != bina.TypePNG {
			t.Errorf("get: %+v", got)
		}
		_, err = s.GetAttachment(as(bina.RoleOfficer, "61.12.02"), a.ID)
		wantCode(t, err, bina.NotFound)
		found, err := s.FindCoachingSession(staff, x.ID)
		must(t, err)
		if len(found.Photos) != 1 || found.Photos[0].Data != nil {
			t.Errorf("session photos: %+v", found.Photos)
		}
		list, err := s.ListAttachments(as(bina.RoleOfficer, "61.12.02"), "session", x.ID)
		must(t, err)
		if len(list) != 0 {
			t.Errorf("officer elsewhere lists %d attachments", len(list))
		}
		_, err = s.PutAttachment(staff, &bina.Attachment{UUID: "9b2f3c1e-0000-4000-8000-000000000001", OwnerKind: "session", OwnerID: 999, ContentType: bina.TypePNG, Data: data})
		wantCode(t, err, bina.NotFound)
	})
}
