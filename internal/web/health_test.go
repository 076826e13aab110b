package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
)

func TestHealthPages(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSite(t, engine)
			staff := s.signedIn(s.user("sri", bina.RoleStaff, ""))
			viewer := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
			c := bina.Cooperative{Name: "KSP Maju Bersama", Jenis: "simpan_pinjam", VillageCode: "61.12.01.2001"}
			if err := s.store.CreateCooperative(context.Background(), &c); err != nil {
				t.Fatal(err)
			}
			id := strconv.FormatInt(c.ID, 10)

			// The health page, and the form before any accepted report.
			if body := staff.get("/koperasi/"+id+"/kesehatan").want(t, 200).body; !strings.Contains(body, "PERDEP-06-2016") {
				t.Errorf("health page lacks the rule sets")
			}
			if body := staff.get("/koperasi/"+id+"/kesehatan/baru?tahun=2024&aturan=PERDEP-06-2016").want(t, 422).body; !strings.Contains(body, "Belum ada laporan tahunan 2024 yang diterima") {
				t.Errorf("form without an accepted report:\n%s", body)
			}
			viewer.get("/koperasi/"+id+"/kesehatan/baru?tahun=2024").want(t, 403)

			// The rule-set page and adopting a corrected version.
			page := staff.get("/kesehatan/aturan/PERDEP-06-2016").want(t, 200).body
			for _, want := range []string{"tabel_5b", "(20, 40] → 50,00", "Q38", "Tetapkan sebagai versi baru"} {
				if !strings.Contains(page, want) {
					t.Errorf("rule-set page lacks %q", want)
				}
			}
			rs, err := s.store.FindHealthRuleSet(context.Background(), "PERDEP-06-2016", 0)
			if err != nil {
				t.Fatal(err)
			}
			rs.AdoptedAt, rs.AdoptedBy = nil, ""
			good, _ := json.Marshal(rs)
			rs.Aspects[4].Components[1].Tables[0].Bands[1].Lower = ptr(65.0)
			gap, _ := json.Marshal(rs)
			for _, c := range []struct{ doc, want string }{
				{`{"id": "PERDEP-06-2016",`, "JSON aturan tidak dapat dibaca"},
				{string(gap), "ada celah antara 60 dan 65"},
				{"", "Tempel JSON aturan atau unggah berkasnya"},
			} {
				body := staff.post("/kesehatan/aturan/PERDEP-06-2016", url.Values{"document": {c.doc}}).want(t, 422).body
				if !strings.Contains(body, c.want) {
					t.Errorf("adopting %.40q: the page lacks %q", c.doc, c.want)
				}
			}
			viewer.post("/kesehatan/aturan/PERDEP-06-2016", url.Values{"document": {string(good)}}).want(t, 403)
			res := staff.post("/kesehatan/aturan/PERDEP-06-2016", url.Values{"document": {string(good)}}).want(t, 303)
			if loc := res.header.Get("Location"); loc != "/kesehatan/aturan/PERDEP-06-2016?versi=2" {
				t.Errorf("adopted: redirected to %q", loc)
			}
			if body := staff.get("/kesehatan/aturan").want(t, 200).body; !strings.Contains(body, "?versi=2") {
				t.Errorf("the list lacks version 2")
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
