package sheet

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"bina"
)

func TestWriteTemplate(t *testing.T) {
	desa := []string{"Kuala Dua", "Sungai Raya", "Teluk Kapuas"}
	tp := Template{
		Sheet: "UMKM",
		Columns: []TemplateColumn{
			{Header: "Nama Usaha", Prompt: "Wajib. Nama usaha seperti dikenal orang."},
			{Header: "NIK Pemilik", Prompt: "16 angka", Text: true},
			{Header: "Jenis Kelamin Pemilik", Choices: []string{"L", "P"}, Prompt: "L atau P."},
			{Header: "Desa/Kelurahan", Choices: desa},
			{Header: "Catatan"},
			{Header: "Skala Usaha", Choices: []string{"Mikro", "Kecil"}, Prompt: strings.Repeat("panjang ", 60)},
		},
		Guide: [][]string{{"Kolom", "Keterangan"}, {"Nama Usaha", "Wajib."}, {"=bahaya", "x"}},
	}
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, tp); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if got, want := f.GetSheetList(), []string{"UMKM", GuideSheet, ListSheet}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %q, want %q: the data sheet must be first, the import reads it", got, want)
	}
	if vis, _ := f.GetSheetVisible(ListSheet); vis {
		t.Error("the list sheet should be hidden")
	}
	if vis, _ := f.GetSheetVisible(GuideSheet); !vis {
		t.Error("the guide sheet should be visible")
	}
	header, _ := f.GetRows("UMKM")
	if len(header) != 1 || !reflect.DeepEqual(header[0], []string{"Nama Usaha", "NIK Pemilik", "Jenis Kelamin Pemilik", "Desa/Kelurahan", "Catatan", "Skala Usaha"}) {
		t.Errorf("data sheet rows %q, want the header only", header)
	}
	guide, _ := f.GetRows(GuideSheet)
	if len(guide) != 3 || guide[2][0] != "'=bahaya" {
		t.Errorf("guide rows %q: want 3, neutralised", guide)
	}

	dvs, err := f.GetDataValidations("UMKM")
	if err != nil {
		t.Fatal(err)
	}
	bySqref := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		bySqref[dv.Sqref] = dv
	}
	// Drop-down lists: gender (C), desa (D), size (F), each reading its
	// values from the hidden sheet.
	lists := map[string][]string{"C": {"L", "P"}, "D": desa, "F": {"Mikro", "Kecil"}}
	for col, want := range lists {
		dv := bySqref[col+"2:"+col+"1048576"]
		if dv == nil {
			t.Errorf("no validation on column %s (have %v)", col, keysOf(bySqref))
			continue
		}
		if dv.Type != "list" || !strings.HasPrefix(dv.Formula1, "'"+ListSheet+"'!$") {
			t.Errorf("column %s: type %q formula %q, want a list from %s", col, dv.Type, dv.Formula1, ListSheet)
			continue
		}
		if dv.ErrorStyle == nil || *dv.ErrorStyle != "warning" {
			t.Errorf("column %s: error style %v, want warning", col, dv.ErrorStyle)
		}
		ref := strings.ReplaceAll(strings.TrimPrefix(dv.Formula1, "'"+ListSheet+"'!"), "$", "")
		from, to, _ := strings.Cut(ref, ":")
		got := cellsBetween(t, f, ListSheet, from, to)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("column %s lists %q, want %q", col, got, want)
		}
	}
	// Prompts without a list, and Excel's 255-character limit.
	if dv := bySqref["A2:A1048576"]; dv == nil || dv.Prompt == nil || !strings.HasPrefix(*dv.Prompt, "Wajib.") || dv.Formula1 != "" {
		t.Errorf("column A: want a prompt and no list, got %+v", dv)
	}
	if dv := bySqref["F2:F1048576"]; dv == nil || dv.Prompt == nil || len([]rune(*dv.Prompt)) > 255 {
		t.Errorf("column F: prompt over 255 characters")
	}
	if _, ok := bySqref["E2:E1048576"]; ok {
		t.Error("column E has neither prompt nor list: no validation wanted")
	}
	// The NIK column keeps what is typed as text (number format "@").
	style, _ := f.GetColStyle("UMKM", "B")
	st, err := f.GetStyle(style)
	if err != nil || st.NumFmt != 49 {
		t.Errorf("NIK column style %d numfmt %v: want text (49)", style, st)
	}
	// The import's reader sees the header row of the data sheet.
	rows, err := readAll(t, writeFile(t, "templat.xlsx", buf.Bytes()), Limits{})
	if err != nil || len(rows) != 1 || rows[0][3] != "Desa/Kelurahan" {
		t.Errorf("reader: %q %v", rows, err)
	}
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// cellsBetween returns the values of a one-column range like B2:B4.
func cellsBetween(t *testing.T, f *excelize.File, sheet, from, to string) []string {
	t.Helper()
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil {
		t.Fatal(err)
	}
	c2, r2, err := excelize.CellNameToCoordinates(to)
	if err != nil || c1 != c2 {
		t.Fatalf("range %s:%s", from, to)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		cell, _ := excelize.CoordinatesToCellName(c1, r)
		v, _ := f.GetCellValue(sheet, cell)
		out = append(out, v)
	}
	return out
}

func TestWriteAll(t *testing.T) {
	lat := -0.00001
	rows := [][]any{
		{"=1+1", "6112015708900001", int64(1_500_000), lat, nil, 3},
		{"Bu Sri", "", nil, 109.3425, "x", 0},
	}
	seq := func(yield func([]any, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
	header := []string{"Nama", "NIK", "Omzet", "Lintang", "Catatan", "TK"}
	want := [][]string{
		header,
		{"'=1+1", "6112015708900001", "1500000", "-0.00001", "", "3"},
		{"Bu Sri", "", "", "109.3425", "x", "0"},
	}
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := WriteAll(&buf, format, "UMKM", header, seq)
			if err != nil || n != 2 {
				t.Fatalf("WriteAll = %d, %v", n, err)
			}
			got, err := readAll(t, writeFile(t, "x."+format, buf.Bytes()), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			// The reader trims trailing empty cells.
			for i := range want {
				w := want[i]
				for len(w) > 0 && w[len(w)-1] == "" {
					w = w[:len(w)-1]
				}
				if i >= len(got) || !reflect.DeepEqual(got[i], w) {
					t.Errorf("row %d: got %q, want %q", i, got, w)
				}
			}
		})
	}
	t.Run("error stops", func(t *testing.T) {
		bad := func(yield func([]any, error) bool) {
			if yield([]any{"a"}, nil) {
				yield(nil, io.ErrUnexpectedEOF)
			}
		}
		var buf bytes.Buffer
		n, err := WriteAll(&buf, "xlsx", "UMKM", []string{"A"}, bad)
		if err != io.ErrUnexpectedEOF || n != 1 {
			t.Errorf("WriteAll = %d, %v", n, err)
		}
		if buf.Len() != 0 {
			t.Errorf("a failed .xlsx wrote %d bytes; want none", buf.Len())
		}
	})
}

func TestCheckSize(t *testing.T) {
	if err := CheckSize("xlsx", MaxXLSXRows-1); err != nil {
		t.Errorf("a full worksheet refused: %v", err)
	}
	if err := CheckSize("xlsx", MaxXLSXRows); bina.ErrorCode(err) != bina.Invalid {
		t.Errorf("a row too many: %v", err)
	}
	if err := CheckSize("csv", 5_000_000); err != nil {
		t.Errorf("CSV has no row limit: %v", err)
	}
}
