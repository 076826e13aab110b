package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"bina/imports"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestImportAnnualReportCommand: cooperatives come in with `bina import
// --kind cooperative`, their yearly figures with `--kind
// laporan-tahunan` from an .xlsx; the figures of an unknown cooperative
// are reported, and importing the figures again changes nothing.
func TestImportAnnualReportCommand(t *testing.T) {
	dir := t.TempDir()
	coops := filepath.Join(dir, "koperasi.csv")
	csv := "Nama Koperasi;Nomor Induk Koperasi;Nomor Badan Hukum;Jenis Koperasi;Desa/Kelurahan;Kecamatan;Anggota Laki-laki;Anggota Perempuan\n" +
		"KSP Maju Bersama;6112010000000123;518.08/96/BH/XIV.10/VIII/2008;Simpan Pinjam;Kapur;Sungai Raya;30;45\n" +
		"Koperasi Tani Makmur;;518.08/97/BH/XIV.10/VIII/2009;Produsen;Kapur;Sungai Raya;20;10\n"
	if err := os.WriteFile(coops, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	figures := filepath.Join(dir, "perkembangan_koperasi.xlsx")
	f := excelize.NewFile()
	for i, row := range [][]any{
		{"Nomor Induk Koperasi", "Nomor Badan Hukum", "Tahun Buku", "Tanggal RAT", "anggota_akhir_pria", "anggota_akhir_wanita", "Aset", "Volume Usaha", "SHU"},
		{"6112010000000123", "", 2025, "2026-03-14", 31, 46, 260_000_000, 500_000_000, 19_000_000},
		{"", "518.08/97/BH/XIV.10/VIII/2009", 2025, "2026-04-20", 20, 10, 90_000_000, 120_000_000, -2_000_000},
		{"7777", "", 2025, "2026-04-20", 5, 5, "", "", ""},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(figures); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn, db := engineDB(t, engine)
			var out, errOut strings.Builder
			if err := run(context.Background(), []string{"migrate", "--db", dsn}, env(nil), strings.NewReader(""), &out, &errOut); err != nil {
				t.Fatalf("migrate: %v %s", err, errOut.String())
			}
			c, err := runImport(t, "--db", dsn, "--kind", "cooperative", "--json", coops)
			if err != nil || c.Created != 2 {
				t.Fatalf("cooperatives: %+v %v", c, err)
			}
			dry, err := runImport(t, "--db", dsn, "--kind", "laporan-tahunan", "--dry-run", "--json", figures)
			if err != nil || dry.Created != 2 || dry.Rejected != 1 {
				t.Errorf("dry run: %+v %v", dry, err)
			}
			if n := countOf(t, db, `SELECT count(*) FROM annual_reports`); n != 0 {
				t.Errorf("the dry run wrote %d reports", n)
			}
			args := []string{"--db", dsn, "--kind", "laporan-tahunan", "--json", figures}
			first, err := runImport(t, args...)
			if err != nil {
				t.Fatal(err)
			}
			if first.Entity != imports.EntityAnnualReport || first.Created != 2 || first.Rejected != 1 || first.State != imports.ImportDone {
				t.Errorf("first: %+v", first)
			}
			if n := countOf(t, db, `SELECT count(*) FROM annual_reports WHERE state = 'accepted' AND source = 'import' AND book_year = 2025`); n != 2 {
				t.Errorf("%d accepted reports", n)
			}
			if n := countOf(t, db, `SELECT count(*) FROM rats WHERE book_year = 2025 AND assets IN (260000000, 90000000)`); n != 2 {
				t.Errorf("%d RAT records follow the reports", n)
			}
			if n := countOf(t, db, `SELECT count(*) FROM cooperatives WHERE last_rat_year = 2025`); n != 2 {
				t.Errorf("%d cooperatives with 2025 as their last RAT year", n)
			}
			again, err := runImport(t, args...)
			if err != nil {
				t.Fatal(err)
			}
			if again.Created != 0 || again.Updated != 0 || again.Unchanged != 2 || again.Rejected != 1 {
				t.Errorf("again: %+v", again)
			}
			if n := countOf(t, db, `SELECT count(*) FROM annual_reports`); n != 2 {
				t.Errorf("%d reports after the second import", n)
			}
			if n := countOf(t, db, `SELECT count(*) FROM cooperatives`); n != 2 {
				t.Errorf("%d cooperatives", n)
			}
		})
	}
}
