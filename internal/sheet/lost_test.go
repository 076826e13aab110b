package sheet

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestNumbersTooLongForASpreadsheet: a NIK stored as a number has lost
// its last digits in any spreadsheet program; the reader shows it in
// scientific notation, as the program does, so that the import flags it
// instead of storing a rounded number. The same digits stored as text,
// and numbers that fit (a 13-digit NIB), come through as they are.
func TestNumbersTooLongForASpreadsheet(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Nama", "NIK", "NIB"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"Kerupuk A", int64(6112011708900001), "1234567890123"})
	// Row 3 is left out of the file altogether.
	f.SetSheetRow("Sheet1", "A4", &[]any{"Kerupuk B", "6112011708900002", int64(1234567890123)})
	f.SetSheetRow("Sheet1", "A5", &[]any{"Kerupuk C", 6.112011708900003e15, ""})
	// A second sheet with numbers at the same places changes nothing.
	f.NewSheet("Lain")
	f.SetSheetRow("Lain", "A4", &[]any{"x", int64(6112011708900009)})
	p := filepath.Join(t.TempDir(), "nik.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	rows, err := readAll(t, p, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	if v := rows[1][1]; !strings.Contains(v, "E+15") {
		t.Errorf("NIK in a number cell reads %q, want scientific notation", v)
	}
	if v := rows[3][1]; v != "6112011708900002" {
		t.Errorf("NIK in a text cell reads %q", v)
	}
	if v := rows[3][2]; v != "1234567890123" {
		t.Errorf("NIB in a number cell reads %q", v)
	}
	if v := rows[4][1]; !strings.Contains(v, "E+15") {
		t.Errorf("a float NIK reads %q, want scientific notation", v)
	}
}

// TestRoundedNIKFile reads the kept case: both NIKs in number cells read
// as a spreadsheet program shows them.
func TestRoundedNIKFile(t *testing.T) {
	rows, err := readAll(t, "testdata/rounded-nik.xlsx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if !strings.Contains(r[2], "E+15") {
			t.Errorf("%s: NIK reads %q, want scientific notation", r[0], r[2])
		}
	}
}
