package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/sqlstore/sqlstoretest"
)

// The review queue for cooperatives: the same pages as for enterprises,
// fed by an import of the ministry's cooperative master ("koperasi"
// template). A row with the registration number of a registered
// cooperative and a row with a similar name in the same desa wait for a
// person; staff merge, undo, keep both and skip through the pages.

// coopFile is a small ODS cooperative export, with the ministry's header
// texts and one extra column the person maps by hand.
const coopFile = "NIK;Nama Koperasi;Jenis Koperasi;Kecamatan;Desa/Kelurahan;Alamat;Anggota Laki-laki\n" +
	// The registered cooperative, by its registration number: a new
	// address and more members.
	"6112010000000001;KSP Sinar Bahari;Simpan Pinjam;Sungai Raya;Kuala Dua;Jl. Baru 2;15\n" +
	// A new cooperative.
	"6112010000000003;Koperasi Konsumen Sejahtera Abadi;Konsumen;Sungai Raya;Kuala Dua;Jl. Pasar 3;11\n" +
	// No name: rejected.
	"6112010000000004;;Jasa;Sungai Raya;Kuala Dua;Jl. Tanpa Nama;10\n" +
	// The other registered cooperative by its name in the same desa,
	// without a registration number.
	";KOP. TANI MAKMUR;Produsen;Sungai Raya;Kuala Dua;Jl. Sawah 4;20\n"

// countCooperatives returns the number of live cooperatives u sees.
func (s *site) countCooperatives(u *bina.User) int {
	s.t.Helper()
	page, err := s.store.ListCooperatives(bina.WithUser(context.Background(), u), bina.CooperativeFilter{Limit: 1})
	if err != nil {
		s.t.Fatal(err)
	}
	return page.Total
}

// compareRow returns the "from the file" and "in the register" cells of
// the comparison row labelled label, unescaped.
func compareRow(t *testing.T, page, label string) (incoming, register string) {
	t.Helper()
	re := regexp.MustCompile(`<th scope="row">` + regexp.QuoteMeta(label) + `</th>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no comparison row %q:\n%s", label, excerpt(page))
	}
	return html.UnescapeString(m[1]), html.UnescapeString(m[2])
}

func TestReviewCooperative(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			staff := s.user("staf", bina.RoleStaff, "")
			ctx := bina.WithUser(context.Background(), staff)
			b := s.signedIn(staff)

			bahari := &bina.Cooperative{Name: "KSP Sinar Bahari", RegistrationNumber: "6112010000000001", Jenis: "simpan_pinjam",
				VillageCode: kualaDua, Address: "Jl. Lama 1", MembersFemale: 12, MembersMale: 9}
			tani := &bina.Cooperative{Name: "Koperasi Tani Makmur", RegistrationNumber: "6112010000000002", Jenis: "produsen",
				VillageCode: kualaDua, Address: "Jl. Sawah 1", MembersFemale: 4, MembersMale: 6}
			for _, c := range []*bina.Cooperative{bahari, tani} {
				if err := s.store.CreateCooperative(ctx, c); err != nil {
					t.Fatalf("create %s: %v", c.Name, err)
				}
			}
			before, err := s.store.FindCooperative(ctx, bahari.ID)
			if err != nil {
				t.Fatal(err)
			}

			// Upload with the ministry's template; the members column is
			// mapped by hand.
			id := uploaded(t, b.upload("koperasi ods.csv", strings.NewReader(coopFile), url.Values{"template": {"koperasi"}}))
			imp := "/impor/" + strconv.FormatInt(id, 10)
			form := mappingForm(t, b.get(imp).want(t, 200).contains(t, "Pemetaan kolom", "KSP Sinar Bahari").body)
			if form.Get("templat") != "koperasi" || form.Get("kolom-0") != "registration_number" || form.Get("kolom-1") != "name" ||
				form.Get("kolom-2") != "jenis" || form.Get("kolom-5") != "address" {
				t.Errorf("template mapping = %v", form)
			}
			if form.Get("kolom-6") != "" {
				t.Errorf("'Anggota Laki-laki' mapped as %q by a template that lacks it", form.Get("kolom-6"))
			}
			form.Set("kolom-6", "members_male")
			b.post(imp+"/mulai", form).want(t, 303)
			j := s.waitImport(staff, id)
			if j.State != imports.ImportDone {
				t.Fatalf("import ended %s: %s", j.State, j.Error.ID)
			}
			if j.Entity != bina.EntityCooperative {
				t.Errorf("import entity = %q", j.Entity)
			}
			if want := (imports.Counts{Created: 1, Rejected: 1, Review: 2}); j.Counts != want {
				issues, _ := s.store.ImportIssues(ctx, id)
				for _, r := range issues {
					t.Logf("line %d %s: %v", r.Line, r.Outcome, r.Problems)
				}
				t.Fatalf("counts = %+v, want %+v", j.Counts, want)
			}
			if n := s.countCooperatives(staff); n != 3 {
				t.Errorf("register holds %d cooperatives after the import, want 3", n)
			}
			if e := s.count(staff); e != 0 {
				t.Errorf("a cooperative import created %d enterprises", e)
			}

			// The list: both items, as cooperatives, with their reasons.
			list := b.get("/tinjau?impor="+strconv.FormatInt(id, 10)).want(t, 200).
				contains(t, "KSP Sinar Bahari", "KOP. TANI MAKMUR", "Kemungkinan data ganda",
					// Named by name and registration number (issue 14).
					"Nomor induk koperasi sama dengan koperasi “KSP Sinar Bahari (NIK 6112010000000001)”",
					"Nama koperasi mirip di desa yang sama dengan koperasi “Koperasi Tani Makmur (NIK 6112010000000002)”").
				lacks(t, "Sejahtera Abadi", "Jl. Tanpa Nama").body
			items := regexp.MustCompile(`href="/tinjau/(\d+)"`).FindAllStringSubmatch(list, -1)
			var bahariItem, taniItem string
			for _, m := range items {
				it, err := s.store.ReviewItem(ctx, mustID(t, "/"+m[1]))
				if err != nil {
					t.Fatal(err)
				}
				if it.Entity != bina.EntityCooperative || it.IncomingCooperative == nil {
					t.Fatalf("review item %s: entity %q, incoming cooperative %v", m[1], it.Entity, it.IncomingCooperative)
				}
				switch it.CandidateID {
				case bahari.ID:
					bahariItem = "/tinjau/" + m[1]
				case tani.ID:
					taniItem = "/tinjau/" + m[1]
				}
			}
			if bahariItem == "" || taniItem == "" {
				t.Fatalf("review items %q lack one of the candidates", items)
			}

			// The comparison: the file's values beside the register's.
			page := b.get(bahariItem).want(t, 200).
				contains(t, "Bandingkan isian", `href="/koperasi/`+strconv.FormatInt(bahari.ID, 10)+`"`, "Gabungkan", "Simpan keduanya", "Lewati").body
			if in, reg := compareRow(t, page, "Alamat"); in != "Jl. Baru 2" || reg != "Jl. Lama 1" {
				t.Errorf("address compared as %q (file) and %q (register)", in, reg)
			}
			if in, reg := compareRow(t, page, "Anggota laki-laki"); in != "15" || reg != "9" {
				t.Errorf("members compared as %q (file) and %q (register)", in, reg)
			}
			if in, reg := compareRow(t, page, "Nomor Induk Koperasi"); in != "6112010000000001" || reg != in {
				t.Errorf("registration number compared as %q (file) and %q (register)", in, reg)
			}
			for _, f := range []string{"address", "members_male"} {
				if !strings.Contains(page, `name="field" value="`+f+`"`) {
					t.Errorf("no box to take %s from the file", f)
				}
			}

			// A viewer may neither see nor resolve the item.
			viewer := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
			viewer.get(bahariItem).want(t, http.StatusForbidden)
			viewer.get("/tinjau").want(t, http.StatusForbidden)
			viewer.post(bahariItem, url.Values{"action": {"merge"}, "field": {"address"}, "confirm": {"1"}}).want(t, http.StatusForbidden)
			viewer.post(taniItem, url.Values{"action": {"keep"}}).want(t, http.StatusForbidden)
			if c, _ := s.store.FindCooperative(ctx, bahari.ID); c.Address != "Jl. Lama 1" || c.Version != before.Version {
				t.Fatalf("a viewer's post changed the cooperative: address %q version %d", c.Address, c.Version)
			}
			if n := s.countCooperatives(staff); n != 3 {
				t.Fatalf("a viewer's keep made %d cooperatives, want 3", n)
			}

			// Merge the address, after a confirmation that lists it.
			pick := url.Values{"action": {"merge"}, "field": {"address"}}
			b.post(bahariItem, pick).want(t, 200).contains(t, "Gabungkan data?", "Jl. Lama 1", "Jl. Baru 2", "Ya, gabungkan")
			if c, _ := s.store.FindCooperative(ctx, bahari.ID); c.Address != "Jl. Lama 1" {
				t.Fatal("asking for confirmation changed the cooperative")
			}
			pick.Set("confirm", "1")
			if loc := b.post(bahariItem, pick).location(t); !strings.HasPrefix(loc, bahariItem) {
				t.Errorf("merge went to %q", loc)
			}
			c, err := s.store.FindCooperative(ctx, bahari.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c.Address != "Jl. Baru 2" || c.MembersMale != 9 || c.MembersFemale != 12 || c.Name != "KSP Sinar Bahari" || c.Version != before.Version+1 {
				t.Errorf("after merge: address %q, members %d+%d, name %q, version %d (was %d)",
					c.Address, c.MembersFemale, c.MembersMale, c.Name, c.Version, before.Version)
			}
			hist, err := s.store.History(ctx, bina.EntityCooperative, bahari.ID, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(hist) == 0 || hist[0].Field != "address" || hist[0].Before != "Jl. Lama 1" || hist[0].After != "Jl. Baru 2" || hist[0].UserName != "staf" {
				t.Errorf("history after merge = %+v", hist)
			}
			for _, h := range hist {
				if h.Field == "members_male" {
					t.Errorf("an unticked field was merged: %+v", h)
				}
			}
			b.get("/koperasi/"+strconv.FormatInt(bahari.ID, 10)).want(t, 200).contains(t, "Jl. Baru 2", "Jl. Lama 1", "Alamat", "staf")
			b.get(bahariItem).want(t, 200).contains(t, "Digabung", "staf", "Batalkan keputusan",
				`href="/koperasi/`+strconv.FormatInt(bahari.ID, 10)+`"`)
			if it, _ := s.store.ReviewItem(ctx, mustID(t, bahariItem)); it.State != imports.ReviewMerged || it.RecordID != bahari.ID {
				t.Errorf("after merge the item is %s with record %d", it.State, it.RecordID)
			}

			// Undo: the old address is back, recorded as a change of its own.
			b.post(bahariItem+"/batal", nil).want(t, 303)
			c, _ = s.store.FindCooperative(ctx, bahari.ID)
			if c.Address != "Jl. Lama 1" || c.MembersMale != 9 || c.Name != before.Name {
				t.Errorf("after undo: address %q members %d name %q", c.Address, c.MembersMale, c.Name)
			}
			hist, _ = s.store.History(ctx, bina.EntityCooperative, bahari.ID, 0, 0)
			if len(hist) == 0 || hist[0].Field != "address" || hist[0].Before != "Jl. Baru 2" || hist[0].After != "Jl. Lama 1" {
				t.Errorf("history after undo = %+v", hist)
			}
			b.get(bahariItem).want(t, 200).contains(t, "Belum ditinjau", "Gabungkan")

			// Merge the members count, then skip is refused until undone.
			b.post(bahariItem, url.Values{"action": {"merge"}, "field": {"members_male"}, "confirm": {"1"}}).want(t, 303)
			if c, _ := s.store.FindCooperative(ctx, bahari.ID); c.MembersMale != 15 || c.Address != "Jl. Lama 1" {
				t.Errorf("after merging members: members %d address %q", c.MembersMale, c.Address)
			}
			b.post(bahariItem, url.Values{"action": {"skip"}}).want(t, http.StatusConflict)
			b.post(bahariItem+"/batal", nil).want(t, 303)
			if c, _ := s.store.FindCooperative(ctx, bahari.ID); c.MembersMale != 9 {
				t.Errorf("after the second undo: members %d, want 9", c.MembersMale)
			}

			// Skip: nothing is written.
			b.post(bahariItem, url.Values{"action": {"skip"}}).want(t, 303)
			b.get(bahariItem).want(t, 200).contains(t, "Dilewati")
			if c, _ := s.store.FindCooperative(ctx, bahari.ID); c.Address != "Jl. Lama 1" || c.MembersMale != 9 {
				t.Errorf("skip changed the cooperative: address %q members %d", c.Address, c.MembersMale)
			}

			// Keep both: the row becomes a cooperative of its own.
			tp := b.get(taniItem).want(t, 200).contains(t, "KOP. TANI MAKMUR", "Koperasi Tani Makmur").body
			if in, reg := compareRow(t, tp, "Nama koperasi"); in != "KOP. TANI MAKMUR" || reg != "Koperasi Tani Makmur" {
				t.Errorf("names compared as %q and %q", in, reg)
			}
			b.post(taniItem, url.Values{"action": {"keep"}}).want(t, 303)
			if n := s.countCooperatives(staff); n != 4 {
				t.Errorf("register holds %d cooperatives after keep, want 4", n)
			}
			kept, err := s.store.ReviewItem(ctx, mustID(t, taniItem))
			if err != nil {
				t.Fatal(err)
			}
			if kept.State != imports.ReviewKept || kept.RecordID == 0 || kept.RecordID == tani.ID {
				t.Fatalf("after keep the item is %s with record %d", kept.State, kept.RecordID)
			}
			nc, err := s.store.FindCooperative(ctx, kept.RecordID)
			if err != nil {
				t.Fatal(err)
			}
			if nc.Name != "KOP. TANI MAKMUR" || nc.Jenis != "produsen" || nc.VillageCode != kualaDua || nc.Address != "Jl. Sawah 4" || nc.MembersMale != 20 || nc.Source != "odskop" {
				t.Errorf("kept cooperative = %+v", nc)
			}
			if old, _ := s.store.FindCooperative(ctx, tani.ID); old.Name != tani.Name || old.Address != "Jl. Sawah 1" || old.MembersMale != 6 {
				t.Errorf("keep changed the registered cooperative: %+v", old)
			}
			b.get(taniItem).want(t, 200).contains(t, "Disimpan terpisah", `href="/koperasi/`+strconv.FormatInt(nc.ID, 10)+`"`)
			b.get("/koperasi/"+strconv.FormatInt(nc.ID, 10)).want(t, 200).contains(t, "KOP. TANI MAKMUR", "Jl. Sawah 4")

			// Undoing the keep archives the new cooperative.
			b.post(taniItem+"/batal", nil).want(t, 303)
			if n := s.countCooperatives(staff); n != 3 {
				t.Errorf("register holds %d cooperatives after undoing keep, want 3", n)
			}
			if ac, _ := s.store.FindCooperative(ctx, nc.ID); ac == nil || ac.ArchivedAt == nil {
				t.Errorf("the kept cooperative is not archived after undo")
			}

			// No open item of the import is left but the tani row.
			open, err := s.store.ReviewItems(ctx, imports.Filter{ImportID: id, State: imports.ReviewOpen})
			if err != nil {
				t.Fatal(err)
			}
			if open.Total != 1 || open.Items[0].ID != mustID(t, taniItem) {
				t.Errorf("open items = %+v", open)
			}

			// The same file again: the skipped and the created rows are
			// known, the undone one still waits, the nameless one is refused.
			id2 := uploaded(t, b.upload("koperasi ods.csv", strings.NewReader(coopFile), url.Values{"template": {"koperasi"}}))
			b.post("/impor/"+strconv.FormatInt(id2, 10)+"/mulai", form).want(t, 303)
			j2 := s.waitImport(staff, id2)
			if want := (imports.Counts{Unchanged: 2, Rejected: 1, Review: 1}); j2.Counts != want {
				t.Errorf("second import counts = %+v, want %+v", j2.Counts, want)
			}
			if n := s.countCooperatives(staff); n != 3 {
				t.Errorf("register holds %d cooperatives after the second import, want 3", n)
			}
			if c, _ := s.store.FindCooperative(ctx, bahari.ID); c.Address != "Jl. Lama 1" || c.MembersMale != 9 {
				t.Errorf("the second import changed the skipped cooperative: address %q members %d", c.Address, c.MembersMale)
			}
		})
	}
}
