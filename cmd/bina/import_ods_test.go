package main

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestImportODS imports an office's list of UMKM saved by LibreOffice as
// .ods (testdata/umkm-kantor.ods, made by internal/sheet/testdata/gen_ods.go
// from umkm-kantor.xlsx) and the same list as .xlsx: the same mapping is
// suggested, the same rows come in, and the headers an office writes go
// to their fields.
func TestImportODS(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			reports := map[string]importReport{}
			dbs := map[string]*sql.DB{}
			for _, file := range []string{"testdata/umkm-kantor.ods", "testdata/umkm-kantor.xlsx"} {
				dsn, db := engineDB(t, engine)
				rep, err := runImport(t, "--db", dsn, "--json", file)
				if err != nil {
					t.Fatalf("import %s: %v (%+v)", file, err, rep)
				}
				reports[file], dbs[file] = rep, db
			}
			ods, xlsx := reports["testdata/umkm-kantor.ods"], reports["testdata/umkm-kantor.xlsx"]
			if ods.State != imports.ImportDone || ods.Rows != 4 || ods.Created != 3 || ods.Review != 1 || ods.IssuesTotal != 1 {
				t.Errorf(".ods report %+v, want 4 rows: 3 created, 1 to review (a desa not found)", ods)
			}
			counts := func(r importReport) [7]int {
				return [7]int{r.Rows, r.Created, r.Updated, r.Unchanged, r.Rejected, r.Review, r.IssuesTotal}
			}
			if counts(ods) != counts(xlsx) {
				t.Errorf(".ods imported as %v, .xlsx as %v", counts(ods), counts(xlsx))
			}
			var format string
			if err := dbs["testdata/umkm-kantor.ods"].QueryRow(`SELECT format FROM imports`).Scan(&format); err != nil || format != "ods" {
				t.Errorf("import format %q (%v), want ods", format, err)
			}

			// The record as both files give it: the main product from
			// "Jenis Usaha", the phone with its leading zero, the birth
			// date, the sales figure under the last full year, and "Jumlah
			// Tenaga Kerja" as the total of workers, not in the notes.
			const q = `SELECT e.main_product, p.phone, p.birth_date, s.year, s.amount, e.workers_total, e.notes FROM enterprises e
				JOIN persons p ON p.id = e.owner_id JOIN enterprise_sales s ON s.enterprise_id = e.id
				WHERE e.name = 'Keripik Pisang Bu Sri'`
			want := fmt.Sprintf("Keripik pisang|081234567890|1985-07-05|%d|25000000|3|", bina.LastFullYear(time.Now()))
			for file, db := range dbs {
				var product, phone, notes string
				var birth any
				var year, workers int
				var amount int64
				if err := db.QueryRow(q).Scan(&product, &phone, &birth, &year, &amount, &workers, &notes); err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				got := fmt.Sprintf("%s|%s|%s|%d|%d|%d|%s", product, phone, dateText(birth), year, amount, workers, notes)
				if got != want {
					t.Errorf("%s: record %s, want %s", file, got, want)
				}
			}
		})
	}
}

// dateText is the day of a date column as either engine returns it.
func dateText(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.DateOnly)
	case []byte:
		return string(x)[:min(10, len(x))]
	case string:
		return strings.TrimSpace(x)[:min(10, len(x))]
	}
	return fmt.Sprint(v)
}
