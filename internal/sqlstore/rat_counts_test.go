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
	"bina/supervision"
)

// TestRatCountsConsistent: after RAT saves, report submissions and
// acceptance, an import of yearly figures (one chunk), a move, archive and restore, and a change of the compliance
// settings, coop_rat_on_time read from the kept counts equals the
// compliance page's on-time count for two book years and four regions,
// and the kept counts equal a rebuild.
func TestRatCountsConsistent(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := context.Background()
		staff := as(bina.RoleStaff, "")
		admin := as(bina.RoleAdmin, "61.12")
		acc, sub, draft, kdmp := coopIndicatorWorld(t, s)
		seen := 0.0
		check := func(when string) {
			t.Helper()
			for _, region := range []bina.RegionCode{"", "61.12.01", village1a, village2} {
				for _, year := range []int{2025, 2026} {
					got := breakdown(t, s, admin, "coop_rat_on_time", indicator.Query{Year: year, Region: region}, "")[""]
					counts, err := s.ComplianceCounts(admin, supervision.ComplianceFilter{BookYear: year - 1, Region: region})
					must(t, err)
					if want := float64(counts.ByStatus[supervision.ComplianceOnTime]); got != want {
						t.Errorf("%s: coop_rat_on_time %d in %q = %v, compliance page %v", when, year, region, got, want)
					}
					seen += got
				}
			}
		}
		all := func() string {
			rows, err := db.QueryContext(ctx, `SELECT level, region_code, parent_code, book_year, held_ok, report, cooperatives FROM rat_counts ORDER BY 1, 2, 4, 5, 6`)
			must(t, err)
			defer rows.Close()
			var out strings.Builder
			for rows.Next() {
				var level, year, report, n int
				var region, parent string
				var ok bool
				must(t, rows.Scan(&level, &region, &parent, &year, &ok, &report, &n))
				fmt.Fprintln(&out, level, region, parent, year, ok, report, n)
			}
			must(t, rows.Err())
			return out.String()
		}
		recounted := func(when string) {
			t.Helper()
			before := all()
			for _, q := range []string{`UPDATE rat_counts_version SET version = 0`, `DELETE FROM rat_counts`, `DELETE FROM rat_counted`} {
				_, err := db.ExecContext(ctx, q)
				must(t, err)
			}
			must(t, s.Migrate(ctx))
			if again := all(); again != before || before == "" {
				t.Errorf("%s: kept:\n%s\ncounted again:\n%s", when, before, again)
			}
		}
		check("start")
		_, err := s.AcceptAnnualReport(staff, sub.ID, 2024)
		must(t, err)
		check("accepted")

		// Held on time and reported; held late; reported late; not reported.
		must(t, s.SaveRAT(staff, draft.ID, bina.RAT{BookYear: 2025, HeldOn: bina.DateOf(2026, 2, 14), ReportedOn: bina.DateOf(2026, 3, 1)}))
		more := newCooperative("Koperasi Tani Makmur", village1b)
		must(t, s.CreateCooperative(staff, &more))
		must(t, s.SaveRAT(staff, more.ID, bina.RAT{BookYear: 2024, HeldOn: bina.DateOf(2025, 7, 15)}))
		must(t, s.SaveRAT(staff, kdmp.ID, bina.RAT{BookYear: 2024, HeldOn: bina.DateOf(2025, 5, 1), ReportedOn: bina.DateOf(2025, 11, 30)}))
		check("RATs saved")
		must(t, s.SaveRAT(staff, more.ID, bina.RAT{BookYear: 2024, HeldOn: bina.DateOf(2025, 6, 1)}))
		check("RAT corrected")
		importReports(t, ctx, s)
		check("reports imported")
		recounted("reports imported") // their RATs are late: the figure does not move

		// A move, archive and restore.
		c, err := s.FindCooperative(staff, acc.ID)
		must(t, err)
		c.VillageCode = village2
		must(t, s.UpdateCooperative(staff, c))
		must(t, s.ArchiveCooperative(staff, more.ID, "salah input"))
		check("archived")
		must(t, s.RestoreCooperative(staff, more.ID))
		must(t, s.ArchiveCooperative(staff, kdmp.ID, "digabung"))
		check("moved and restored")

		// An earlier due date puts the February RAT of 2025 late.
		set := supervision.ComplianceSettings{RATDueMonth: 1, RATDueDay: 31, ReportMonths: 1,
			Sanctions: []supervision.SanctionStep{{MissedYears: 2, Label: "Teguran"}}}
		must(t, s.SaveComplianceSettings(as(bina.RoleAdmin, ""), &set))
		check("settings changed")
		if seen == 0 {
			t.Error("no RAT on time was ever counted")
		}

		// Counted again from the start, every row is the same.
		recounted("the end")
	})
}

// importReports imports, in one chunk, the yearly figures of two new
// cooperatives: a RAT of 2024 held on time, one held late, one of 2023.
func importReports(t *testing.T, ctx context.Context, s *sqlstore.Store) {
	t.Helper()
	staff := as(bina.RoleStaff, "")
	for i, village := range []bina.RegionCode{village1a, village2} {
		c := newCooperative(fmt.Sprintf("Koperasi Impor %d", i+1), village)
		c.RegistrationNumber, c.LegalNumber = fmt.Sprintf("611201000000090%d", i+1), fmt.Sprintf("518/90%d/BH/2010", i+1)
		must(t, s.CreateCooperative(staff, &c))
	}
	head := []string{"Nomor Induk Koperasi", "Tahun Buku", "Tanggal RAT", "anggota_akhir_pria", "anggota_akhir_wanita"}
	rows := [][]string{
		{"6112010000000901", "2024", "15/03/2025", "30", "45"},
		{"6112010000000902", "2024", "20/08/2025", "20", "10"},
		{"6112010000000901", "2023", "12/04/2024", "10", "10"},
	}
	var b bytes.Buffer
	b.WriteString(strings.Join(head, ";") + "\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r, ";") + "\n")
	}
	j := &imports.Job{Entity: imports.EntityAnnualReport, FileName: "perkembangan.csv", Header: head, Mapping: fileformat.SuggestMapping(head, imports.EntityAnnualReport)}
	im := startImport(t, ctx, s, j, &b)
	im.write(ctx, rows...)
	if done := im.finish(ctx); done.Counts.Created != 3 {
		t.Fatalf("import %+v", done.Counts)
	}
}
