package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"bina"
	"bina/imports"
	"bina/indicator"
	"bina/internal/fileformat"
	"bina/internal/sqlstore"
)

// TestCoopCountsConsistent: after creates, moves, type and group changes,
// archive, restore, an import with a merge, and reports and RATs that move
// the last RAT year, the kept counts equal a direct count of the
// cooperatives and a rebuild; the figures equal the cooperative list's
// counts, and an edit shows at once.
func TestCoopCountsConsistent(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := context.Background()
		staff := as(bina.RoleStaff, "")
		admin := as(bina.RoleAdmin, "61.12")
		acc, sub, draft, kdmp := coopIndicatorWorld(t, s) // an accepted report with its RAT, a submitted one, a KDMP
		_, err := s.AcceptAnnualReport(staff, sub.ID, 2024)
		must(t, err)

		figure := func(code, by string, q indicator.Query) map[string]float64 {
			t.Helper()
			return breakdown(t, s, admin, code, q, by)
		}
		active := func() float64 { return figure("coop_active", "", indicator.Query{})[""] }
		before := active()

		// An edit shows at once: a RAT held for the last due book year
		// makes the draft's cooperative active.
		must(t, s.SaveRAT(staff, draft.ID, bina.RAT{BookYear: 2025, HeldOn: bina.DateOf(2026, 2, 14)}))
		if got := active(); got != before+1 {
			t.Errorf("active after a RAT: %v, was %v", got, before)
		}

		// A move to another kecamatan, a type and a group change.
		c, err := s.FindCooperative(staff, acc.ID)
		must(t, err)
		c.VillageCode, c.Jenis, c.Kelompok = village2, "produsen", "karyawan"
		must(t, s.UpdateCooperative(staff, c))
		more := newCooperative("Koperasi Tani Makmur", village1b)
		must(t, s.CreateCooperative(staff, &more))
		gone := newCooperative("Koperasi Lama", village1b)
		must(t, s.CreateCooperative(staff, &gone))
		must(t, s.ArchiveCooperative(staff, gone.ID, "bubar"))
		must(t, s.ArchiveCooperative(staff, more.ID, "salah input"))
		must(t, s.RestoreCooperative(staff, more.ID))
		must(t, s.ArchiveCooperative(staff, kdmp.ID, "digabung"))
		importCooperatives(t, ctx, s)

		// The figures equal the list's counts, whole and by type.
		count := func(f bina.CooperativeFilter) float64 {
			t.Helper()
			page, err := s.ListCooperatives(admin, f)
			must(t, err)
			return float64(page.Total)
		}
		if got, want := active(), count(bina.CooperativeFilter{Active: "ya"}); got != want {
			t.Errorf("coop_active %v, list %v", got, want)
		}
		if got, want := figure("coop_registered", "", indicator.Query{})[""], count(bina.CooperativeFilter{}); got != want {
			t.Errorf("coop_registered %v, list %v", got, want)
		}
		for k, v := range figure("coop_registered", "coop_type", indicator.Query{}) {
			if k != "" && v != count(bina.CooperativeFilter{Jenis: k}) {
				t.Errorf("coop_registered of type %s: %v", k, v)
			}
		}
		for k, v := range figure("coop_active", "region", indicator.Query{}) {
			if k != "" && v != count(bina.CooperativeFilter{Active: "ya", Region: bina.RegionCode(k)}) {
				t.Errorf("coop_active of %s: %v", k, v)
			}
		}
		if got := figure("kdmp_progress", "", indicator.Query{})[""]; got != count(bina.CooperativeFilter{KDMP: "ya"}) || got != 0 {
			t.Errorf("kdmp_progress %v after archiving the KDMP", got)
		}

		// The kept counts equal a direct count of the live cooperatives,
		// per desa and per type, group, KDMP and RAT year.
		dump := func(query string) string {
			t.Helper()
			rows, err := db.QueryContext(ctx, query)
			must(t, err)
			defer rows.Close()
			var out strings.Builder
			for rows.Next() {
				var a, b, c string
				var d bool
				var n int64
				must(t, rows.Scan(&a, &b, &c, &d, &n))
				fmt.Fprintln(&out, a, b, c, d, n)
			}
			must(t, rows.Err())
			return out.String()
		}
		kept := dump(`SELECT region_code, jenis, kelompok, kdmp, sum(cooperatives) FROM coop_counts WHERE level = 4 AND archived_year = 0
GROUP BY region_code, jenis, kelompok, kdmp ORDER BY 1, 2, 3, 4`)
		direct := dump(`SELECT village_code, jenis, kelompok, kdmp, count(*) FROM cooperatives WHERE archived_at IS NULL
GROUP BY village_code, jenis, kelompok, kdmp ORDER BY 1, 2, 3, 4`)
		if kept != direct || kept == "" {
			t.Errorf("kept per desa:\n%s\ndirect:\n%s", kept, direct)
		}
		kept = dump(`SELECT CAST(rat_year AS TEXT), jenis, kelompok, kdmp, sum(cooperatives) FROM coop_counts WHERE level = 0 AND archived_year = 0
GROUP BY rat_year, jenis, kelompok, kdmp ORDER BY 1, 2, 3, 4`)
		direct = dump(`SELECT CAST(last_rat_year AS TEXT), jenis, kelompok, kdmp, count(*) FROM cooperatives WHERE archived_at IS NULL
GROUP BY last_rat_year, jenis, kelompok, kdmp ORDER BY 1, 2, 3, 4`)
		if kept != direct {
			t.Errorf("kept per RAT year:\n%s\ndirect:\n%s", kept, direct)
		}

		// Counted again from the start, every level is the same.
		all := func() string {
			return dump(`SELECT CAST(level AS TEXT) || ' ' || region_code || ' ' || parent_code, jenis, kelompok || ' ' || CAST(rat_year AS TEXT) || ' ' ||
	CAST(created_year AS TEXT) || ' ' || CAST(archived_year AS TEXT), kdmp, cooperatives FROM coop_counts ORDER BY 1, 2, 3, 4`)
		}
		before2 := all()
		for _, q := range []string{`UPDATE coop_counts_version SET version = 0`, `DELETE FROM coop_counts`} {
			_, err := db.ExecContext(ctx, q)
			must(t, err)
		}
		must(t, s.Migrate(ctx))
		if again := all(); again != before2 {
			t.Errorf("kept:\n%s\ncounted again:\n%s", before2, again)
		}
	})
}

// importCooperatives imports two cooperatives and a third that matches the
// first, and merges it into the first on review.
func importCooperatives(t *testing.T, ctx context.Context, s *sqlstore.Store) {
	t.Helper()
	tp := fileformat.TemplateKoperasi()
	var head []string
	for _, c := range tp.Columns {
		head = append(head, c.Header)
	}
	mapping, _ := tp.MapHeader(head)
	rows := [][]string{
		strings.Split("6112010020001234;KSP Credit Union Pancur Kasih;518.08/96/BH/XIV.10/VIII/2008;12-08-2008;Primer;Simpan Pinjam;Konvensional;Aktif;Keuangan;Credit Union;Kalimantan Barat;Kab. Kubu Raya;Sungai Raya;Kapur;Jl. Adisucipto Km 9;78391;cu@example.org;A", ";"),
		strings.Split("6112010020005678;Koperasi Nelayan Kuala;518/12/BH/2015;01-02-2015;Primer;Produsen;Konvensional;Aktif;Perikanan;Nelayan;Kalimantan Barat;Kab. Kubu Raya;Kubu;Kubu;Dusun Laut;;;B", ";"),
		strings.Split("6112010020001234;KSP CU Pancur Kasih Cabang;518/1/BH/2010;;Primer;Simpan Pinjam;Konvensional;Aktif;Keuangan;Credit Union;Kalimantan Barat;Kab. Kubu Raya;Sungai Raya;Kapur;Jl. Lain;;;A", ";"),
	}
	var b bytes.Buffer
	b.WriteString(strings.Join(head, ";") + "\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r, ";") + "\n")
	}
	j := &imports.Job{Entity: bina.EntityCooperative, FileName: "koperasi.csv", Header: head, Mapping: mapping, Source: "odskop", Template: "koperasi"}
	im := startImport(t, ctx, s, j, &b)
	im.write(ctx, rows...)
	if done := im.finish(ctx); done.Counts.Created != 2 || done.Counts.Review != 1 {
		t.Fatalf("import %+v", done.Counts)
	}
	page, err := s.ReviewItems(ctx, imports.Filter{ImportID: j.ID})
	must(t, err)
	if page.Total != 1 {
		t.Fatalf("review items %+v", page)
	}
	must(t, s.ResolveReview(ctx, page.Items[0].ID, imports.Resolution{Action: "merge", Fields: []string{"legal_number", "address"}}))
}
