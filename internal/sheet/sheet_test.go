package sheet

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"bina"
)

func writeFile(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(t testing.TB, path string, lim Limits) ([][]string, error) {
	t.Helper()
	r, err := Open(path, lim)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out [][]string
	for {
		row, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, row)
	}
}

func TestCSVEncodingsAndDelimiters(t *testing.T) {
	want := [][]string{{"Nama Usaha", "Pemilik", "Omzet"}, {"Kerupuk Amplang Bu Sri", "Sri Rahayu", "1.500.000"}, {"Keripik Pisang", "Agustinus Ëko", "2,5 jt"}}
	join := func(sep string) string {
		var b strings.Builder
		for _, r := range want {
			b.WriteString(strings.Join(r, sep) + "\r\n")
		}
		return b.String()
	}
	win, err := charmap.Windows1252.NewEncoder().String(join(";"))
	if err != nil {
		t.Fatal(err)
	}
	// Excel's "Unicode text" is UTF-16 with a byte-order mark, tab separated.
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(join("\t"))
	if err != nil {
		t.Fatal(err)
	}
	utf16be, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(join(";"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"utf-16 tab separated, Excel's unicode text", []byte(utf16le)},
		{"utf-16 big endian semicolon", []byte(utf16be)},
		{"utf8 comma quoted", []byte("\"Nama Usaha\",Pemilik,Omzet\n\"Kerupuk Amplang Bu Sri\",Sri Rahayu,1.500.000\nKeripik Pisang,Agustinus Ëko,\"2,5 jt\"\n")},
		{"utf8 bom semicolon", append([]byte{0xEF, 0xBB, 0xBF}, join(";")...)},
		{"windows-1252 semicolon", []byte(win)},
		{"tab separated", []byte(join("\t"))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := readAll(t, writeFile(t, "a.csv", c.data), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %q\nwant %q", got, want)
			}
		})
	}
}

func TestXLSXRoundTripNeutralised(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSX(&buf, "UMKM")
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Nama", "Catatan", "Omzet"},
		{"Toko =Sejahtera", "=HYPERLINK(\"http://x\",\"klik\")", int64(1500000)},
		{"@SUM(A1)", "-2+3", 12},
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, writeFile(t, "x.xlsx", buf.Bytes()), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Nama", "Catatan", "Omzet"}, {"Toko =Sejahtera", "'=HYPERLINK(\"http://x\",\"klik\")", "1500000"}, {"'@SUM(A1)", "'-2+3", "12"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// No cell of the written file is a formula.
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, cell := range []string{"B2", "A3", "B3"} {
		if fm, _ := f.GetCellFormula("UMKM", cell); fm != "" {
			t.Errorf("%s is a formula: %q", cell, fm)
		}
	}
}

// TestXLSXDateCells: a bina.Date is written as a date cell with a date
// format, read back as the same day; in a CSV it is YYYY-MM-DD.
func TestXLSXDateCells(t *testing.T) {
	var buf bytes.Buffer
	rows := func(yield func([]any, error) bool) {
		yield([]any{"Kerupuk", bina.DateOf(2024, 2, 29)}, nil)
		yield([]any{"Amplang", bina.Date{}}, nil)
	}
	if _, err := WriteAll(&buf, "xlsx", "UMKM", []string{"Nama", "Tanggal"}, rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if typ, _ := f.GetCellType("UMKM", "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset && typ != excelize.CellTypeDate {
		t.Errorf("B2 is of type %v, want a number with a date format", typ)
	}
	raw, _ := f.GetCellValue("UMKM", "B2", excelize.Options{RawCellValue: true})
	if raw != "45351" { // 29 February 2024 in Excel's serial days
		t.Errorf("B2 holds %q, want the serial day 45351", raw)
	}
	style, _ := f.GetCellStyle("UMKM", "B2")
	st, err := f.GetStyle(style)
	if err != nil || st.NumFmt != dateFormat {
		t.Errorf("B2 has number format %v (%v), want the short date %d", st, err, dateFormat)
	}
	if v, _ := f.GetCellValue("UMKM", "B3"); v != "" {
		t.Errorf("an unknown date is written as %q", v)
	}
	got, err := readAll(t, writeFile(t, "d.xlsx", buf.Bytes()), Limits{})
	if err != nil || len(got) != 3 || got[1][1] != "45351" {
		t.Errorf("read back %q (%v)", got, err)
	}

	buf.Reset()
	if _, err := WriteAll(&buf, "csv", "", []string{"Nama", "Tanggal"}, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"Kerupuk","2024-02-29"`) {
		t.Errorf("CSV:\n%s", buf.String())
	}
}

func TestCSVNeutralised(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewCSV(&buf, true)
	w.Write([]any{"=1+1", "+62812", "Bu Sri", int64(-5), "lihat;=1+1", "a,@SUM(1)\t-2", `kata "kutip"`, nil, 2.5})
	w.Close()
	want := "\ufeff\"'=1+1\";\"'+62812\";\"Bu Sri\";\"-5\";\"lihat;'=1+1\";\"a,'@SUM(1)\t'-2\";\"kata \"\"kutip\"\"\";\"\";\"2.5\"\n"
	if got := buf.String(); got != want {
		t.Errorf("csv = %q\nwant  %q", got, want)
	}
}

func TestBadFiles(t *testing.T) {
	// A password-protected workbook.
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "rahasia")
	locked := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := f.SaveAs(locked, excelize.Options{Password: "sandi"}); err != nil {
		t.Fatal(err)
	}
	// A sheet that unpacks beyond a small limit.
	big := excelize.NewFile()
	sw, _ := big.NewStreamWriter("Sheet1")
	for i := 1; i <= 3000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, []any{strings.Repeat("x", 500)})
	}
	sw.Flush()
	var bigBuf bytes.Buffer
	big.WriteTo(&bigBuf)

	cases := []struct {
		name string
		path string
		lim  Limits
		want string
	}{
		{"password", locked, Limits{}, "kata sandi"},
		{"legacy xls", writeFile(t, "old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)), Limits{}, ".xls lama"},
		{"corrupt zip", writeFile(t, "bad.xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{7}, 300)...)), Limits{}, "rusak"},
		{"empty", writeFile(t, "empty.csv", nil), Limits{}, "kosong"},
		{"binary", writeFile(t, "img.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), Limits{}, "bukan CSV"},
		{"too large", writeFile(t, "big.csv", bytes.Repeat([]byte("a,b\n"), 1000)), Limits{MaxBytes: 1000}, "terlalu besar"},
		{"zip bomb", writeFile(t, "bomb.xlsx", bigBuf.Bytes()), Limits{MaxUnzipped: 1 << 20}, "zip bomb"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readAll(t, c.path, c.lim)
			if bina.ErrorCode(err) != bina.Invalid || !strings.Contains(bina.ErrorText(err).ID, c.want) {
				t.Errorf("err = %v, want Invalid containing %q", err, c.want)
			}
		})
	}
}

func TestRowLimit(t *testing.T) {
	_, err := readAll(t, writeFile(t, "rows.csv", bytes.Repeat([]byte("a;b\n"), 11)), Limits{MaxRows: 10})
	if bina.ErrorCode(err) != bina.Invalid {
		t.Errorf("err = %v", err)
	}
}

// FuzzOpenCSV feeds arbitrary bytes to the reader: it may refuse them, but
// must never panic or return an error that is not a bina error.
func FuzzOpenCSV(f *testing.F) {
	f.Add([]byte("a;b;c\n1;2;3\n"))
	f.Add([]byte("\xef\xbb\xbf\"x\"\"y\",z\n"))
	f.Add([]byte("\xff\xfea\x00,\x00b\x00\n\x00"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add([]byte("\"unterminated,\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		rows, err := readAll(t, p, Limits{MaxRows: 1000})
		if err != nil && bina.ErrorCode(err) != bina.Invalid {
			t.Errorf("non-bina error %v", err)
		}
		// Under a small record limit a file reads the same or is refused
		// as Invalid, and no record read is longer than the limit allows
		// (the reader may read ahead by its buffer, 4 KiB).
		small, serr := readAll(t, p, Limits{MaxRows: 1000, MaxCell: 64})
		if serr != nil && bina.ErrorCode(serr) != bina.Invalid {
			t.Errorf("small limit: non-bina error %v", serr)
		}
		if serr == nil && err == nil && !reflect.DeepEqual(small, rows) {
			t.Errorf("small limit read %q, want %q", small, rows)
		}
		for _, r := range small {
			if n := len(strings.Join(r, ",")); n > 64+4<<10 {
				t.Errorf("a record of %d bytes read under a limit of 64", n)
			}
		}
		// The same text saved by Excel as "Unicode text" (UTF-16 with a
		// byte-order mark) reads the same.
		if err != nil || len(data) > 8<<10 || !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			return
		}
		wide, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, wide, 0o600); err != nil {
			t.Fatal(err)
		}
		again, err := readAll(t, p, Limits{MaxRows: 1000})
		if err != nil || !reflect.DeepEqual(again, rows) {
			t.Errorf("as UTF-16: %q, %v; as UTF-8: %q", again, err, rows)
		}
	})
}
