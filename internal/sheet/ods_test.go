package sheet

import (
	"archive/zip"
	"bytes"
	"reflect"
	"strings"
	"testing"

	"bina"
)

// TestODSFromLibreOffice reads an .ods that LibreOffice wrote (see
// testdata/gen_ods.go) and the .xlsx it was made from: the rows are the
// same, but for the date, which an .xlsx stores as a serial number.
func TestODSFromLibreOffice(t *testing.T) {
	r, err := Open("testdata/libreoffice.ods", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Format() != "ods" || r.Sheet() != "Data UMKM" {
		t.Errorf("format %q sheet %q, want ods, Data UMKM", r.Format(), r.Sheet())
	}
	r.Close()
	ods, err := readAll(t, "testdata/libreoffice.ods", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Nama Usaha", "Nama Pemilik", "NIK", "No HP/WA", "Jenis Usaha", "Jumlah Tenaga Kerja", "Omzet", "Tanggal Berdiri", "Alamat"},
		{"Keripik Pisang Bu Sri", "Sri Rahayu", "6112016401690683", "081234567890", "Makanan ringan", "3", "25000000", "2019-05-01", "Jl. Parit Baru\nRT 03"},
		{"Kerupuk Ikan", "Ahmad", "6112010101800001", "089876543210", "Kerupuk", "2", "12500000.5", "2020-01-15", "Kubu"},
		{"Kerupuk Ikan", "Ahmad", "6112010101800001", "089876543210", "Kerupuk", "2", "12500000.5", "2020-01-15", "Kubu"},
		{},
		{},
		// A NIK typed as a number lost its last digit in the spreadsheet:
		// it comes as the program shows it, as from an .xlsx.
		{"Amplang   Tiga Spasi", "Budi", "6.11201640169068E+15", "'=1+1", "Olahan ikan", "", "", "", "Sungai Raya"},
		{"Gabungan", "", "", "", "", "", "", "", "", "", "", "", "Kolom M"},
	}
	if !reflect.DeepEqual(ods, want) {
		t.Errorf("rows of the .ods:\n got %q\nwant %q", ods, want)
	}
	xlsx, err := readAll(t, "testdata/libreoffice.xlsx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(xlsx) != len(ods) {
		t.Fatalf(".xlsx has %d rows, .ods %d", len(xlsx), len(ods))
	}
	for i := range ods {
		for j := range max(len(ods[i]), len(xlsx[i])) {
			if j == 7 && i > 0 {
				continue // the date: 43586 in the .xlsx
			}
			if cell(ods[i], j) != cell(xlsx[i], j) {
				t.Errorf("row %d column %d: .ods %q, .xlsx %q", i+1, j+1, cell(ods[i], j), cell(xlsx[i], j))
			}
		}
	}
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// odsFile builds an .ods with the given rows of table XML, as the
// OpenDocument specification lays one out: the mimetype part first,
// stored, then content.xml.
func odsFile(t testing.TB, rows string) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte(odsMimetype))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Lembar1">` + rows + `</table:table><table:table table:name="Lembar2"><table:table-row><table:table-cell office:value-type="string"><text:p>not read</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`))
	zw.Close()
	return writeFile(t, "t.ods", b.Bytes())
}

func TestODSRepeats(t *testing.T) {
	path := odsFile(t, `<table:table-header-rows><table:table-row><table:table-cell office:value-type="string"><text:p>Nama</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Tanggal</text:p></table:table-cell></table:table-row></table:table-header-rows>`+
		`<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>Sama</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-02-29T13:30:00"><text:p>29/02/24</text:p></table:table-cell></table:table-row>`+
		`<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>Gabung</text:p></table:table-cell><table:covered-table-cell office:value-type="string"><text:p>tersembunyi</text:p></table:covered-table-cell><table:table-cell office:value-type="float" office:value="12.5"><text:p>12,50</text:p><office:annotation><text:p>catatan</text:p></office:annotation></table:table-cell></table:table-row>`+
		`<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`)
	got, err := readAll(t, path, Limits{MaxRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Nama", "Tanggal"}, {"Sama", "Sama", "2024-02-29T13:30:00"}, {"Sama", "Sama", "2024-02-29T13:30:00"}, {"Sama", "Sama", "2024-02-29T13:30:00"},
		{"Gabung", "", "12.5"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestODSHostile: the bounds of an .xlsx hold for an .ods, checked while
// it is read.
func TestODSHostile(t *testing.T) {
	value := func(v string, attrs string) string {
		return `<table:table-cell office:value-type="string"` + attrs + `><text:p>` + v + `</text:p></table:table-cell>`
	}
	tests := []struct {
		name, rows string
		lim        Limits
		want       string
	}{
		{"rows repeated past the limit", `<table:table-row table:number-rows-repeated="2000000000">` + value("x", "") + `</table:table-row>`, Limits{MaxRows: 100}, "lebih dari 100 baris"},
		{"empty rows then one more", `<table:table-row table:number-rows-repeated="2000000000"><table:table-cell/></table:table-row><table:table-row>` + value("x", "") + `</table:table-row>`, Limits{MaxRows: 100}, "lebih dari 100 baris"},
		{"columns repeated past a sheet's width", `<table:table-row>` + value("x", ` table:number-columns-repeated="99999999"`) + `</table:table-row>`, Limits{}, "lebih dari 16384 kolom"},
		{"one long cell", `<table:table-row>` + value(strings.Repeat("a", 5000), "") + `</table:table-row>`, Limits{MaxCell: 1024}, "lebih dari 1 KB"},
		{"a cell of many short pieces", `<table:table-row>` + value(strings.Repeat("<text:span>aaaa</text:span>", 500), "") + `</table:table-row>`, Limits{MaxCell: 1024}, "lebih dari 1 KB"},
		{"a table never closed", `<table:table-row>` + value("x", ""), Limits{}, "rusak"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := odsFile(t, tc.rows)
			if tc.name == "a table never closed" {
				path = brokenODS(t)
			}
			_, err := readAll(t, path, tc.lim)
			if err == nil || !strings.Contains(bina.ErrorText(err).ID, tc.want) {
				t.Errorf("error %v, want one that says %q", err, tc.want)
			}
		})
	}
}

// brokenODS is an .ods whose content.xml ends in the middle of a row.
func brokenODS(t *testing.T) string {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte(odsMimetype))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table><table:table-row><table:table-cell`))
	zw.Close()
	return writeFile(t, "broken.ods", b.Bytes())
}

func TestODSZipBomb(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte(odsMimetype))
	w, _ = zw.Create("Thumbnails/thumbnail.png")
	w.Write(bytes.Repeat([]byte{0}, 8<<20))
	zw.Close()
	_, err := Open(writeFile(t, "bomb.ods", b.Bytes()), Limits{MaxUnzipped: 4 << 20})
	if err == nil || !strings.Contains(bina.ErrorText(err).ID, "zip bomb") {
		t.Errorf("error %v, want a zip bomb refused", err)
	}
}

// FuzzODS reads the table XML of an .ods as a hostile file would give it:
// every read ends with the rows or a clear Invalid error, never a panic,
// and never more rows or longer cells than the limits allow.
func FuzzODS(f *testing.F) {
	f.Add(`<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>a<text:s text:c="3"/>b</text:p></table:table-cell></table:table-row>`)
	f.Add(`<table:table-row><table:table-cell office:value-type="float" office:value="6112016401690683"/><table:covered-table-cell/></table:table-row>`)
	f.Add(`<table:table-row><table:table-cell office:value-type="date" office:date-value="2024-02-29"><office:annotation><text:p>x</text:p></office:annotation></table:table-cell>`)
	f.Fuzz(func(t *testing.T, rows string) {
		lim := Limits{MaxRows: 50, MaxCell: 256}
		got, err := readAll(t, odsFile(t, rows), lim)
		if err != nil && bina.ErrorCode(err) != bina.Invalid {
			t.Fatalf("error %v is not Invalid", err)
		}
		if len(got) > lim.MaxRows {
			t.Fatalf("%d rows past the limit", len(got))
		}
		for _, r := range got {
			if len(r) > maxColumns {
				t.Fatalf("a row of %d columns", len(r))
			}
			for _, c := range r {
				if len(c) > lim.MaxCell {
					t.Fatalf("a cell of %d bytes", len(c))
				}
			}
		}
	})
}
