package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"bina"
	"bina/internal/demo"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/supervision"
)

// TestDemoSupervision loads the demo on both engines and checks what the
// supervision pages show of it: the 428 active cooperatives still there,
// late and missing RATs on every rung of the ladder, KDMP at every stage;
// then `bina laporan perkembangan` writes the report, whose total row
// counts the register.
func TestDemoSupervision(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := filepath.Join(t.TempDir(), "bina.db")
			if engine == "postgres" {
				dsn = sqlstoretest.DSN(t, engine)
			}
			var out bytes.Buffer
			if err := run(ctx, []string{"demo", "--db", dsn}, env(nil), nil, &out, &out); err != nil {
				t.Fatalf("demo: %v %s", err, out.String())
			}
			store, ref, err := (&common{db: dsn, region: "61.12"}).open(ctx, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			active, err := store.ListCooperatives(ctx, bina.CooperativeFilter{Active: "ya", KDMP: "tidak", Limit: 1})
			if err != nil || active.Total != demo.ActiveCooperatives {
				t.Errorf("active cooperatives that are not KDMP: %d (%v), want %d", active.Total, err, demo.ActiveCooperatives)
			}
			due := supervision.DefaultComplianceSettings().LastDueBookYear(bina.DateFromTime(ref.Clock()))
			counts, err := store.ComplianceCounts(ctx, supervision.ComplianceFilter{BookYear: due})
			if err != nil {
				t.Fatal(err)
			}
			if counts.ByStatus[supervision.ComplianceLate] == 0 || counts.ByStatus[supervision.ComplianceOnTime] == 0 {
				t.Errorf("book year %d: %v", due, counts.ByStatus)
			}
			for _, st := range counts.ByStep {
				if st.Count == 0 {
					t.Errorf("nobody on the rung %q", st.Label)
				}
			}
			o, err := store.KDMPOverview(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(o.Items) != 123 || o.Gaps["badan_hukum"] == 0 || o.Gaps["unit_usaha"] == 0 || o.Reached["rat_pertama"] == 0 {
				t.Errorf("%d desa: reached %v, gaps %v", len(o.Items), o.Reached, o.Gaps)
			}

			file := filepath.Join(t.TempDir(), "perkembangan.xlsx")
			out.Reset()
			if err := run(ctx, []string{"laporan", "perkembangan", "--db", dsn, "--tahun", strconv.Itoa(due), "--out", file}, env(nil), nil, &out, &out); err != nil {
				t.Fatalf("laporan: %v %s", err, out.String())
			}
			f, err := excelize.OpenFile(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(f.GetSheetName(0))
			if err != nil || len(rows) != 1+9+1 {
				t.Fatalf("%d rows (%v), want a header, 9 kecamatan and a total", len(rows), err)
			}
			all, err := store.ListCooperatives(ctx, bina.CooperativeFilter{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			header, total := rows[0], rows[len(rows)-1]
			if header[3] != "Jumlah koperasi" || total[3] != strconv.Itoa(all.Total) {
				t.Errorf("total row %v under %v; the register holds %d", total, header, all.Total)
			}
			sum := 0
			for _, r := range rows[1 : len(rows)-1] {
				n, _ := strconv.Atoi(r[3])
				sum += n
			}
			if sum != all.Total {
				t.Errorf("kecamatan add up to %d, register %d", sum, all.Total)
			}
		})
	}
}
