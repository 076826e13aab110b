package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/audit"
	"bina/internal/sqlstore/sqlstoretest"
)

// audit returns the entries of f, read as the admin.
func (s *site) audit(f audit.Filter) []audit.Event {
	s.t.Helper()
	events, _, err := s.store.ListAudit(bina.WithUser(context.Background(), s.users[bina.RoleAdmin]), f)
	if err != nil {
		s.t.Fatal(err)
	}
	return events
}

// TestBulkReadsAudited: a list page of the API, a page of the UMKM list and
// an export of it left no trace in the audit; only single-record views did.
func TestBulkReadsAudited(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSite(t, engine)
			var ids []int64
			for i := range 12 {
				ids = append(ids, s.mustEnterprise("Usaha "+strconv.Itoa(i)).ID)
			}
			staff := s.users[bina.RoleStaff].Name

			if rec := s.do("GET", "/api/v1/enterprises?limit=200&q=Usaha", "198.51.100.7:4000", s.bearer(bina.RoleStaff), ""); rec.Code != 200 {
				t.Fatalf("API list = %d %s", rec.Code, rec.Body)
			}
			if rec := s.do("GET", "/umkm/ekspor?format=csv", "", map[string]string{"Cookie": s.cookie[bina.RoleStaff]}, ""); rec.Code != 200 {
				t.Fatalf("export = %d", rec.Code)
			}
			if rec := s.do("GET", "/umkm", "", map[string]string{"Cookie": s.cookie[bina.RoleStaff]}, ""); rec.Code != 200 {
				t.Fatalf("list page = %d", rec.Code)
			}
			// A viewer sees personal data masked: nothing to record.
			s.do("GET", "/api/v1/enterprises", "", s.bearer(bina.RoleViewer), "")
			s.do("GET", "/umkm/ekspor?format=csv", "", map[string]string{"Cookie": s.cookie[bina.RoleViewer]}, "")

			all := s.audit(audit.Filter{Actor: staff})
			var got []audit.Event
			for _, e := range all {
				if e.Action.IsRead() {
					got = append(got, e)
				}
			}
			if len(got) != 3 || len(all) != 4 || all[3].Action != audit.TokenUse {
				t.Fatalf("staff has %d audit entries (%d reads), want 3 reads and the token's use: %+v", len(all), len(got), all)
			}
			page, export, api := got[0], got[1], got[2] // newest first
			if api.Action != audit.List || api.Count != 12 || len(api.Records) != 12 || api.ClientAddr != "198.51.100.7" {
				t.Errorf("API page recorded as %+v", api)
			}
			if api.Filter != "search=true" {
				t.Errorf("API page filter %q: the search words must not be kept, only that there were some", api.Filter)
			}
			if export.Action != audit.Export || export.Count != 12 || export.Detail != "format=csv" {
				t.Errorf("export recorded as %+v", export)
			}
			if page.Action != audit.List || page.Count != 12 {
				t.Errorf("list page recorded as %+v", page)
			}
			for _, e := range s.audit(audit.Filter{Actor: s.users[bina.RoleViewer].Name}) {
				if e.Action.IsRead() {
					t.Errorf("a viewer's masked read recorded: %+v", e)
				}
			}

			// Who saw the first record: the two list pages, and the view.
			if rec := s.do("GET", "/api/v1/enterprises/"+strconv.FormatInt(ids[0], 10), "", s.bearer(bina.RoleStaff), ""); rec.Code != 200 {
				t.Fatalf("get = %d", rec.Code)
			}
			seen := s.audit(audit.Filter{Subject: bina.EntityEnterprise, SubjectID: ids[0]})
			if len(seen) != 3 || seen[0].Action != audit.View {
				t.Errorf("who saw record %d: %+v", ids[0], seen)
			}
			// id 1 must not match 10, 11 or 12.
			if ids[0] == 1 && len(s.audit(audit.Filter{Subject: bina.EntityEnterprise, SubjectID: 1})) != 3 {
				t.Errorf("record 1 matched other ids")
			}

			// The API answers the same, to admins only.
			target := "/api/v1/audit?subject=enterprise:" + strconv.FormatInt(ids[0], 10)
			rec := s.do("GET", target, "", s.bearer(bina.RoleAdmin), "")
			var body struct {
				Items []struct {
					Actor   string   `json:"actor"`
					Action  string   `json:"action"`
					Records []string `json:"records"`
				} `json:"items"`
				Total int `json:"total"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != 200 || err != nil {
				t.Fatalf("GET %s = %d %s", target, rec.Code, rec.Body)
			}
			if body.Total != 3 || body.Items[0].Actor != staff || body.Items[0].Action != "view" ||
				len(body.Items[0].Records) != 1 || body.Items[0].Records[0] != "enterprise:"+strconv.FormatInt(ids[0], 10) {
				t.Errorf("GET %s = %s", target, rec.Body)
			}
			if rec := s.do("GET", target, "", s.bearer(bina.RoleStaff), ""); rec.Code != http.StatusForbidden {
				t.Errorf("staff reads the audit: %d", rec.Code)
			}
			// The admin's page and its download.
			rec = s.do("GET", "/audit?akun="+staff, "", map[string]string{"Cookie": s.cookie[bina.RoleAdmin]}, "")
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), "198.51.100.7") {
				t.Errorf("audit page = %d", rec.Code)
			}
			rec = s.do("GET", "/audit/ekspor?format=csv&data=enterprise:"+strconv.FormatInt(ids[0], 10), "", map[string]string{"Cookie": s.cookie[bina.RoleAdmin]}, "")
			if rec.Code != 200 || strings.Count(rec.Body.String(), "\n") != 4 || !strings.Contains(rec.Body.String(), staff) {
				t.Errorf("audit download = %d\n%s", rec.Code, rec.Body)
			}
			if rec := s.do("GET", "/audit?akun=admin", "", map[string]string{"Cookie": s.cookie[bina.RoleStaff]}, ""); rec.Code != http.StatusForbidden {
				t.Errorf("staff opens the audit page: %d", rec.Code)
			}
		})
	}
}

// TestOtherBulkReadsAudited: the cooperative list and both exports of the
// API are recorded too, with their entity, filter and count.
func TestOtherBulkReadsAudited(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSite(t, engine)
			s.mustEnterprise("Usaha Satu")
			c := &bina.Cooperative{Name: "KSP Maju", Jenis: "simpan_pinjam", VillageCode: "61.12.01.2001", MembersFemale: 12, MembersMale: 9}
			if err := s.store.CreateCooperative(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			admin := map[string]string{"Cookie": s.cookie[bina.RoleAdmin]}
			for _, r := range []struct {
				target string
				hdr    map[string]string
			}{
				{"/koperasi?jenis=simpan_pinjam", admin},
				{"/koperasi/ekspor?format=xlsx", admin},
				{"/api/v1/cooperatives", s.bearer(bina.RoleAdmin)},
				{"/api/v1/cooperatives/export?format=csv", s.bearer(bina.RoleAdmin)},
				{"/api/v1/enterprises/export?format=sidt&region=61.12.01", s.bearer(bina.RoleAdmin)},
			} {
				if rec := s.do("GET", r.target, "", r.hdr, ""); rec.Code != 200 {
					t.Fatalf("GET %s = %d", r.target, rec.Code)
				}
			}
			got := s.audit(audit.Filter{Actor: "admin"})
			type entry struct {
				action audit.Action
				entity bina.Entity
				count  int
				filter string
				detail string
			}
			var have []entry
			for _, e := range got {
				if e.Action.IsRead() { // the token's use is recorded too, once a minute
					have = append(have, entry{e.Action, e.Entity, e.Count, e.Filter, e.Detail})
				}
			}
			want := []entry{ // newest first
				{audit.Export, bina.EntityEnterprise, 1, "region=61.12.01", "format=sidt"},
				{audit.Export, bina.EntityCooperative, 1, "", "format=csv"},
				{audit.List, bina.EntityCooperative, 1, "", ""},
				{audit.Export, bina.EntityCooperative, 1, "", "format=xlsx"},
				{audit.List, bina.EntityCooperative, 1, "jenis=simpan_pinjam", ""},
			}
			if fmt.Sprint(have) != fmt.Sprint(want) {
				t.Errorf("admin's entries:\n have %v\n want %v", have, want)
			}
		})
	}
}

// TestSignInAudited: sign-ins and failures are in the audit, with the
// client address the server resolved.
func TestSignInAudited(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSite(t, engine)
			form := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://example.com"}
			post := func(peer, xff, body string) *httptest.ResponseRecorder {
				h := map[string]string{"X-Forwarded-For": xff}
				for k, v := range form {
					h[k] = v
				}
				return s.do("POST", "http://example.com/masuk", peer, h, body)
			}
			// Behind the trusted proxy: the client is the forwarded address.
			if rec := post("10.0.0.2:5000", "203.0.113.9", "name=staf&password=salah-sekali-ya"); rec.Code != http.StatusUnauthorized {
				t.Fatalf("wrong password = %d", rec.Code)
			}
			// From an untrusted peer, X-Forwarded-For is a lie.
			if rec := post("198.51.100.20:5000", "203.0.113.9", "name=staf&password=kata-sandi-panjang"); rec.Code != http.StatusSeeOther {
				t.Fatalf("sign-in = %d", rec.Code)
			}
			got := s.audit(audit.Filter{Actor: "staf"})
			if len(got) != 2 {
				t.Fatalf("%d entries: %+v", len(got), got)
			}
			if got[1].Action != audit.SignInFailed || got[1].ClientAddr != "203.0.113.9" {
				t.Errorf("failure recorded as %+v", got[1])
			}
			if got[0].Action != audit.SignIn || got[0].ClientAddr != "198.51.100.20" || got[0].ActorID != s.users[bina.RoleStaff].ID {
				t.Errorf("sign-in recorded as %+v", got[0])
			}
		})
	}
}

// TestMaintainPurgesAudit: the server's upkeep deletes audit entries older
// than the retention period, and stops with its context.
func TestMaintainPurgesAudit(t *testing.T) {
	store := sqlstoretest.Open(t, "sqlite") // its clock stands days before the wall clock
	staff := bina.WithUser(context.Background(), &bina.User{ID: 2, Name: "staf", Role: bina.RoleStaff})
	if err := store.RecordAudit(staff, audit.Event{Action: audit.Export, Entity: bina.EntityEnterprise, Count: 3}); err != nil {
		t.Fatal(err)
	}
	admin := bina.WithUser(context.Background(), &bina.User{ID: 1, Name: "admin", Role: bina.RoleAdmin})
	count := func() int {
		_, n, err := store.ListAudit(admin, audit.Filter{Actor: "staf"})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, tc := range []struct {
		keep time.Duration
		want int
	}{{365 * 24 * time.Hour, 1}, {time.Hour, 0}} {
		s := New(Deps{Audit: store, AuditRetention: tc.keep})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); s.Maintain(ctx) }()
		deadline := time.Now().Add(5 * time.Second)
		for count() != tc.want && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("Maintain did not stop")
		}
		if n := count(); n != tc.want {
			t.Errorf("retention %v: %d entries, want %d", tc.keep, n, tc.want)
		}
	}
}
