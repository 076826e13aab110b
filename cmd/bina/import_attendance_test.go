package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"bina/imports"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestImportAttendanceCommand: `bina import --kind attendance --programme
// ID` enrols the people of a sheet, and importing it again changes nothing.
func TestImportAttendanceCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "daftar_hadir.csv")
	sheet := "No;Nama Peserta;NIK;No. HP;Nama Usaha;Desa/Kelurahan;Kecamatan;Tanggal Hadir;Status (Hadir/Selesai);Tanda Tangan\n" +
		"1;Dewi Lestari;'6112016505950002;081234500005;Kue Dewi;Kapur;Sungai Raya;05/10/2026;Hadir;\n" +
		"2;Yusuf Maulana;;081234500007;Bengkel Yusuf;Kapur;Sungai Raya;;Selesai;\n"
	if err := os.WriteFile(file, []byte(sheet), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn, db := engineDB(t, engine)
			var out, errOut bytes.Buffer
			if err := run(context.Background(), []string{"migrate", "--db", dsn}, env(nil), strings.NewReader(""), &out, &errOut); err != nil {
				t.Fatalf("migrate: %v %s", err, errOut.String())
			}
			var prog int64
			if err := db.QueryRow(`INSERT INTO programmes (name, year, kind, starts_on, ends_on, created_at, updated_at)
VALUES ('Pelatihan', 2026, 'pelatihan', '2026-10-05', '2026-10-06', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`).Scan(&prog); err != nil {
				t.Fatal(err)
			}
			if _, err := runImport(t, "--db", dsn, "--kind", "attendance", "--json", file); err == nil {
				t.Error("no error without --programme")
			}
			args := []string{"--db", dsn, "--kind", "attendance", "--programme", strconv.FormatInt(prog, 10), "--json", file}
			first, err := runImport(t, args...)
			if err != nil {
				t.Fatal(err)
			}
			if first.Entity != imports.EntityAttendance || first.Created != 2 || first.State != imports.ImportDone {
				t.Errorf("first: %+v", first)
			}
			again, err := runImport(t, args...)
			if err != nil {
				t.Fatal(err)
			}
			if again.Created != 0 || again.Updated != 0 || again.Unchanged != 2 {
				t.Errorf("again: %+v", again)
			}
			if n := countOf(t, db, `SELECT count(*) FROM programme_participants`); n != 2 {
				t.Errorf("%d participants", n)
			}
		})
	}
}
