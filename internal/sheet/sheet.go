// Package sheet reads and writes spreadsheets: .xlsx through excelize (the
// well-kept Go library for Office Open XML), .ods (LibreOffice's own
// format) through encoding/xml, and .csv through encoding/csv,
// with the encodings Indonesian offices produce (UTF-8 with or without a
// byte-order mark, Windows-1252 from older Excel) and either delimiter.
// Reading streams row by row with limits against zip bombs and giant files;
// writing streams too, and neutralises cells that a spreadsheet program
// would run as a formula.
package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"bina"
)

// Limits bound what a reader accepts. Every bound is checked while the
// file is read, before the part or cell it bounds is held in memory.
type Limits struct {
	MaxBytes    int64 // size of the file (default 100 MiB)
	MaxRows     int   // rows including headers (default 1,000,100)
	MaxUnzipped int64 // total unzipped size of an .xlsx (default 2 GiB)
	// MaxPart is the unzipped size of one part of an .xlsx other than a
	// worksheet or the shared strings (default 16 MiB): excelize reads
	// those parts whole.
	MaxPart int64
	// MaxStrings is the unzipped size of the shared-strings part (default
	// 64 MiB), which excelize also reads whole.
	MaxStrings int64
	// MaxCell is the longest run of one cell's XML or one CSV record, in
	// bytes (default 1 MiB). Excel holds at most 32,767 characters in a
	// cell, four bytes each at most, escaped; a longer run is no real cell.
	MaxCell int
}

// RowLimit returns the most rows a file may have under l.
func (l Limits) RowLimit() int { return l.withDefaults().MaxRows }

func (l Limits) withDefaults() Limits {
	if l.MaxBytes == 0 {
		l.MaxBytes = 100 << 20
	}
	if l.MaxRows == 0 {
		l.MaxRows = 1_000_100
	}
	if l.MaxUnzipped == 0 {
		l.MaxUnzipped = 2 << 30
	}
	if l.MaxPart == 0 {
		l.MaxPart = 16 << 20
	}
	if l.MaxStrings == 0 {
		l.MaxStrings = 64 << 20
	}
	if l.MaxCell == 0 {
		l.MaxCell = 1 << 20
	}
	return l
}

// Reader yields the rows of the first worksheet (or of a CSV file) as
// strings. Cells of .xlsx files come as stored (RawCellValue): dates as
// Excel serial numbers and numbers without display formatting, so that
// nothing is rounded on the way; the import's value parsers read them.
type Reader struct {
	format string
	sheet  string
	next   func() ([]string, error)
	close  func() error
	rows   int
	max    int
}

// Format returns "xlsx", "ods" or "csv".
func (r *Reader) Format() string { return r.format }

// Sheet returns the worksheet read ("" for CSV).
func (r *Reader) Sheet() string { return r.sheet }

// Next returns the next row, or io.EOF after the last one. Trailing empty
// cells are trimmed; an empty row is returned as an empty slice.
func (r *Reader) Next() ([]string, error) {
	row, err := r.next()
	if err != nil {
		return nil, err
	}
	r.rows++
	if r.rows > r.max {
		return nil, bina.Errorf(bina.Invalid, "Berkas lebih dari %d baris; bagi menjadi beberapa berkas.", "The file has more than %d rows; split it into several files.", r.max)
	}
	for len(row) > 0 && strings.TrimSpace(row[len(row)-1]) == "" {
		row = row[:len(row)-1]
	}
	return row, nil
}

// Close releases the file.
func (r *Reader) Close() error { return r.close() }

var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Open opens the spreadsheet at path, deciding its format by its content,
// not its name.
func Open(path string, lim Limits) (*Reader, error) {
	lim = lim.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, bina.Wrap(err, "open upload")
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, bina.Wrap(err, "stat upload")
	}
	if st.Size() > lim.MaxBytes {
		f.Close()
		return nil, bina.Errorf(bina.Invalid, "Berkas terlalu besar (%d MB); paling besar %d MB.", "The file is too large (%d MB); at most %d MB.", st.Size()>>20, lim.MaxBytes>>20)
	}
	if st.Size() == 0 {
		f.Close()
		return nil, bina.Errorf(bina.Invalid, "Berkas kosong.", "The file is empty.")
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, bina.Wrap(err, "seek upload")
	}
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return openXLSX(f, lim)
	case bytes.HasPrefix(head, cfbMagic):
		f.Close()
		// Both an .xls of Excel 97-2003 and a password-protected .xlsx are
		// stored in this compound format.
		return nil, bina.Errorf(bina.Invalid, "Berkas ini .xls lama atau .xlsx yang dikunci kata sandi. Buka di Excel, hapus kata sandinya, lalu simpan sebagai .xlsx.", "This is an old .xls or a password-protected .xlsx. Open it in Excel, remove the password and save it as .xlsx.")
	}
	return openCSV(f, lim)
}

func openXLSX(f *os.File, lim Limits) (*Reader, error) {
	// A zip bomb declares a small file that unpacks to gigabytes: refuse it
	// from the central directory before anything is unpacked. excelize
	// enforces the same limit while it reads, for headers that lie.
	st, _ := f.Stat()
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, bina.Errorf(bina.Invalid, "Berkas .xlsx rusak atau bukan spreadsheet Excel.", "The .xlsx file is corrupt or not an Excel spreadsheet.")
	}
	if isODS(zr) {
		return openODS(zr, f.Close, lim)
	}
	lost, err := checkParts(zr, lim)
	if err != nil {
		f.Close()
		return nil, err
	}
	// excelize unzips worksheet XML to a temporary file beyond
	// UnzipXMLSizeLimit, so a large sheet does not sit in memory.
	x, err := excelize.OpenReader(f, excelize.Options{UnzipSizeLimit: lim.MaxUnzipped, UnzipXMLSizeLimit: 16 << 20, RawCellValue: true})
	f.Close()
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, bina.Errorf(bina.Invalid, "Berkas .xlsx dikunci kata sandi; hapus kata sandinya di Excel lalu unggah lagi.", "The .xlsx file is password-protected; remove the password in Excel and upload it again.")
		}
		return nil, bina.Errorf(bina.Invalid, "Berkas .xlsx rusak atau bukan spreadsheet Excel.", "The .xlsx file is corrupt or not an Excel spreadsheet.")
	}
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		x.Close()
		return nil, bina.Errorf(bina.Invalid, "Berkas .xlsx tidak berisi lembar kerja.", "The .xlsx file has no worksheet.")
	}
	rows, err := x.Rows(sheets[0])
	if err != nil {
		x.Close()
		return nil, bina.Errorf(bina.Invalid, "Lembar kerja pertama tidak dapat dibaca.", "The first worksheet cannot be read.")
	}
	r := &Reader{format: "xlsx", sheet: sheets[0], max: lim.MaxRows}
	row := 0 // excelize yields every row, empty ones too
	r.next = func() ([]string, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, bina.Errorf(bina.Invalid, "Lembar kerja rusak: %v", "The worksheet is corrupt: %v", err)
			}
			return nil, io.EOF
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, bina.Errorf(bina.Invalid, "Baris rusak di lembar kerja.", "A corrupt row in the worksheet.")
		}
		row++
		if len(lost) > 0 {
			for i, v := range cols {
				if ref, err := excelize.CoordinatesToCellName(i+1, row); err == nil && lost[ref] {
					cols[i] = asShown(v)
				}
			}
		}
		return cols, nil
	}
	r.close = func() error {
		rows.Close()
		return x.Close()
	}
	return r, nil
}

// checkParts refuses an .xlsx whose parts would take more memory to read
// than the limits allow. The sizes come from the central directory, and
// archive/zip fails a part whose data runs past its declared size, so a
// header cannot lie its way past them. Worksheets and shared strings are
// then scanned as they unzip for a run of one cell longer than MaxCell:
// excelize would hold such a run whole.
// It returns the cells of the first worksheet that hold numbers a
// spreadsheet program cannot keep whole (see lostCells).
func checkParts(zr *zip.Reader, lim Limits) (map[string]bool, error) {
	bomb := func(size uint64) error {
		return bina.Errorf(bina.Invalid, "Isi berkas .xlsx terlalu besar setelah dibuka (%d MB); berkas rusak atau zip bomb.", "The .xlsx file unpacks to too much data (%d MB): corrupt, or a zip bomb.", size>>20)
	}
	var unzipped uint64
	var scan []*zip.File
	for _, zf := range zr.File {
		unzipped += zf.UncompressedSize64
		name := strings.ToLower(zf.Name)
		limit := uint64(lim.MaxPart)
		switch {
		case strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml"):
			limit = uint64(lim.MaxUnzipped)
			scan = append(scan, zf)
		case name == "xl/sharedstrings.xml":
			limit = uint64(lim.MaxStrings)
			scan = append(scan, zf)
		}
		if zf.UncompressedSize64 > limit {
			return nil, bomb(zf.UncompressedSize64)
		}
	}
	if unzipped > uint64(lim.MaxUnzipped) {
		return nil, bomb(unzipped)
	}
	first := firstSheetPart(zr)
	var lost map[string]bool
	for _, zf := range scan {
		var cells *map[string]bool
		if zf.Name == first {
			cells = &lost
		}
		if err := scanCells(zf, lim.MaxCell, cells); err != nil {
			return nil, err
		}
	}
	return lost, nil
}

// scanCells reads a part of XML as it unzips and fails when any run
// between two tags' starts ('<') is longer than max bytes: a cell's text,
// or one tag with its attributes. With lost set, it also collects the
// worksheet's number cells that lost digits (lostCells).
func scanCells(zf *zip.File, max int, lost *map[string]bool) error {
	rc, err := zf.Open()
	if err != nil {
		return bina.Errorf(bina.Invalid, "Berkas .xlsx rusak atau bukan spreadsheet Excel.", "The .xlsx file is corrupt or not an Excel spreadsheet.")
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	run := 0
	var cells *lostCells
	if lost != nil {
		cells = &lostCells{}
	}
	for {
		n, err := rc.Read(buf)
		for _, c := range buf[:n] {
			if cells != nil {
				cells.feed(c)
			}
			if c == '<' {
				run = 0
				continue
			}
			run++
			if run > max {
				return bina.Errorf(bina.Invalid, "Ada sel yang isinya lebih dari %d KB; Excel sendiri menampung paling banyak 32.767 huruf per sel. Berkas rusak atau sengaja dibuat berlebihan.", "A cell holds more than %d KB, while Excel itself holds at most 32,767 characters in a cell. The file is corrupt or crafted.", max>>10)
			}
		}
		if err == io.EOF {
			if cells != nil {
				*lost = cells.refs
			}
			return nil
		}
		if err != nil {
			return bina.Errorf(bina.Invalid, "Berkas .xlsx rusak atau bukan spreadsheet Excel.", "The .xlsx file is corrupt or not an Excel spreadsheet.")
		}
	}
}

// recordLimit is the source of a CSV reader, refusing to hand over more
// than max bytes past the start of the record being read, so that one
// record (a cell of 200 MB, or a quote never closed) cannot fill memory.
// csv.Reader reads ahead by at most its buffer (4 KiB), so the record is
// cut within that of max.
type recordLimit struct {
	r     io.Reader
	read  int64 // bytes handed to the csv.Reader
	start int64 // InputOffset at the start of the current record
	max   int64
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.read-l.start > l.max {
		return 0, errRecordTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

var errRecordTooLong = errors.New("record too long")

func openCSV(f *os.File, lim Limits) (*Reader, error) {
	br := bufio.NewReaderSize(f, 64<<10)
	peek, _ := br.Peek(64 << 10)
	var src io.Reader = br
	switch {
	case bytes.HasPrefix(peek, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		peek = peek[3:]
	case bytes.HasPrefix(peek, []byte{0xFF, 0xFE}), bytes.HasPrefix(peek, []byte{0xFE, 0xFF}):
		// "Unicode text" saved by Excel: UTF-16 with a byte-order mark. The
		// peeked window is decoded too, for the delimiter sniffed below.
		utf16 := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
		src = transform.NewReader(br, utf16.NewDecoder())
		peek, _ = utf16.NewDecoder().Bytes(peek)
	case !validUTF8Prefix(peek):
		// Not UTF-8: CSV saved by older Excel on Windows is Windows-1252.
		src = transform.NewReader(br, charmap.Windows1252.NewDecoder())
		dec, _ := charmap.Windows1252.NewDecoder().Bytes(peek)
		peek = dec
	}
	if bytes.IndexByte(peek, 0) >= 0 {
		f.Close()
		return nil, bina.Errorf(bina.Invalid, "Berkas ini bukan CSV, .xlsx atau .ods.", "This file is neither CSV, .xlsx nor .ods.")
	}
	limited := &recordLimit{r: src, max: int64(lim.MaxCell)}
	cr := csv.NewReader(limited)
	cr.Comma = sniffDelimiter(peek)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	r := &Reader{format: "csv", max: lim.MaxRows, close: f.Close}
	r.next = func() ([]string, error) {
		limited.start = cr.InputOffset()
		rec, err := cr.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if errors.Is(err, errRecordTooLong) {
			return nil, bina.Errorf(bina.Invalid, "Baris data ke-%d lebih dari %d KB: ada sel yang terlalu panjang atau tanda kutip yang tidak ditutup.", "Record %d is longer than %d KB: a cell is too long or a quote is never closed.", r.rows+1, lim.MaxCell>>10)
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, bina.Errorf(bina.Invalid, "CSV rusak di baris %d: %v", "Malformed CSV at line %d: %v", pe.Line, pe.Err)
			}
			return nil, bina.Errorf(bina.Invalid, "Berkas CSV tidak dapat dibaca.", "The CSV file cannot be read.")
		}
		return rec, nil
	}
	return r, nil
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut at
// the end of the peeked window.
func validUTF8Prefix(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return len(b) < utf8.UTFMax && !utf8.FullRune(b)
		}
		b = b[size:]
	}
	return true
}

// sniffDelimiter picks ';', ',' or tab by counting them outside quotes in
// the first lines: Indonesian Excel writes ';' because ',' is the decimal
// separator there.
func sniffDelimiter(b []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	lines := 0
	for _, c := range string(b) {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\n':
			lines++
			if lines >= 20 {
				break
			}
		case c == ',' || c == ';' || c == '\t':
			counts[c]++
		}
	}
	best, n := ',', 0
	for _, c := range []rune{',', ';', '\t'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return best
}

// Neutralize makes a text cell safe to open in a spreadsheet program: a
// value that starts with =, +, -, @, tab or carriage return is prefixed with
// an apostrophe so that it is shown as text and never run as a formula.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Writer writes a table row by row.
type Writer interface {
	// Write adds one row. Strings are neutralised; int, int64 and float64
	// are written as numbers, and a bina.Date as a date cell (in CSV, as
	// YYYY-MM-DD).
	Write(row []any) error
	// Close finishes the file and flushes it to the underlying writer.
	Close() error
}

// NewCSV returns a Writer of UTF-8 CSV with a byte-order mark (so that
// Excel opens it in the right encoding) and ';' as delimiter when
// semicolon is true. Every field is quoted, and text is neutralised piece
// by piece (NeutralizePieces): Excel on an Indonesian Windows splits on
// ';' where the file says ',', and the other way round.
func NewCSV(w io.Writer, semicolon bool) (Writer, error) {
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return nil, err
	}
	c := &csvWriter{w: bufio.NewWriterSize(w, 32<<10), comma: ','}
	if semicolon {
		c.comma = ';'
	}
	return c, nil
}

type csvWriter struct {
	w     *bufio.Writer
	comma byte
}

func (c *csvWriter) Write(row []any) error {
	for i, v := range row {
		if i > 0 {
			c.w.WriteByte(c.comma)
		}
		s := cellText(v)
		if !isNumber(v) {
			s = NeutralizePieces(s)
		}
		c.w.WriteByte('"')
		c.w.WriteString(strings.ReplaceAll(s, `"`, `""`))
		c.w.WriteByte('"')
	}
	err := c.w.WriteByte('\n')
	return err
}

func (c *csvWriter) Close() error { return c.w.Flush() }

// isNumber reports whether v is written as a number.
func isNumber(v any) bool {
	switch v.(type) {
	case int, int64, float64:
		return true
	}
	return false
}

// NeutralizePieces neutralises s and every piece of it that a spreadsheet
// program could split off as a cell of its own, on ',', ';', a tab or a
// line break: "lihat;=1+1" becomes "lihat;'=1+1".
func NeutralizePieces(s string) string {
	s = Neutralize(s)
	if !strings.ContainsAny(s, ",;\t\r\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		switch s[i] {
		case ',', ';', '\t', '\r', '\n':
			if i+1 < len(s) {
				switch s[i+1] {
				case '=', '+', '-', '@':
					b.WriteByte('\'')
				}
			}
		}
	}
	return b.String()
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return Neutralize(x)
	case fmt.Stringer:
		return Neutralize(x.String())
	case float64:
		// Plain decimals, never exponents: a latitude of 0.00001 stays
		// "0.00001", not "1e-05".
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// NewXLSX returns a Writer of an .xlsx with one worksheet named sheet. Rows
// go through excelize's StreamWriter, which spills to a temporary file, so
// memory stays flat for a million rows.
func NewXLSX(w io.Writer, sheet string) (Writer, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	return &xlsxWriter{f: f, sw: sw, out: w}, nil
}

// NewXLSXTable returns a Writer of an .xlsx like NewXLSX, with header
// already written as its first row: bold, frozen while the rows scroll,
// and with each column as wide as its header (within reason).
func NewXLSXTable(w io.Writer, sheet string, header []string) (Writer, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	// Column widths and panes must precede the first row of a stream.
	for i, h := range header {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(h)); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(headerStyle())
	if err != nil {
		return nil, err
	}
	x := &xlsxWriter{f: f, sw: sw, out: w, row: 1}
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = Neutralize(h)
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{StyleID: bold}); err != nil {
		return nil, err
	}
	return x, nil
}

// headerStyle returns the style of header rows: bold on a light fill.
func headerStyle() *excelize.Style {
	return &excelize.Style{
		Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E2EFDA"}},
	}
}

// columnWidth is a column's width for its header: the header's length,
// between 10 and 40 characters.
func columnWidth(header string) float64 {
	return float64(min(max(utf8.RuneCountInString(header)+2, 10), 40))
}

type xlsxWriter struct {
	f    *excelize.File
	sw   *excelize.StreamWriter
	out  io.Writer
	row  int
	vals []any
	date int // the style of date cells, made at the first date
}

// dateFormat is the number format of date cells: Excel's built-in short
// date (14), which Excel and LibreOffice show in the reader's own
// convention (dd/mm/yyyy on an Indonesian computer).
const dateFormat = 14

func (x *xlsxWriter) Write(row []any) error {
	x.row++
	x.vals = x.vals[:0]
	for _, v := range row {
		switch t := v.(type) {
		case bina.Date:
			// A date cell, so that a spreadsheet sorts, filters and
			// counts by it; not the text of a date.
			if t.IsZero() {
				x.vals = append(x.vals, nil)
				continue
			}
			if x.date == 0 {
				id, err := x.f.NewStyle(&excelize.Style{NumFmt: dateFormat})
				if err != nil {
					return err
				}
				x.date = id
			}
			x.vals = append(x.vals, excelize.Cell{StyleID: x.date, Value: t.Time()})
		case string:
			x.vals = append(x.vals, Neutralize(t))
		case fmt.Stringer:
			x.vals = append(x.vals, Neutralize(t.String()))
		default:
			x.vals = append(x.vals, v)
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.vals)
}

func (x *xlsxWriter) Close() error {
	if err := x.sw.Flush(); err != nil {
		_ = x.f.Close()
		return err
	}
	// excelize's WriteTo builds the whole workbook in a bytes.Buffer
	// before writing it: for a million rows, a hundred megabytes. A zip
	// writer of our own sends each part straight to out instead (the
	// buffer stays empty), with the fastest deflate: exports are written
	// once and read once, and the default level took a third of the time.
	x.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(x.out)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		return zw
	})
	_, err := x.f.WriteTo(io.Discard)
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// WriteAll writes header and every row of rows to w as format: "csv"
// (comma-separated UTF-8, streamed to w as it is written) or "xlsx" (one
// worksheet named sheet, a bold frozen header; rows spill to a temporary
// file and the workbook is written to w at the end). It returns the number
// of rows written after the header, and stops at the first error of rows
// or of w; an .xlsx is then not written at all.
func WriteAll(w io.Writer, format, sheet string, header []string, rows iter.Seq2[[]any, error]) (int, error) {
	var out Writer
	var err error
	switch format {
	case "csv":
		if out, err = NewCSV(w, false); err == nil {
			hdr := make([]any, len(header))
			for i, h := range header {
				hdr[i] = h
			}
			err = out.Write(hdr)
		}
	case "xlsx":
		out, err = NewXLSXTable(w, sheet, header)
	default:
		return 0, fmt.Errorf("sheet: unknown format %q", format)
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for row, err := range rows {
		if err == nil {
			err = out.Write(row)
		}
		if err != nil {
			if a, ok := out.(interface{ abort() }); ok {
				a.abort()
			}
			return n, err
		}
		n++
	}
	return n, out.Close()
}

// abort drops the workbook and its temporary files without writing it.
func (x *xlsxWriter) abort() { _ = x.f.Close() }

// MaxXLSXRows is the number of rows a worksheet holds, the header included.
const MaxXLSXRows = 1_048_576

// CheckSize returns an Invalid error when rows data rows (and a header) do
// not fit in a file of format: a worksheet stops at MaxXLSXRows.
func CheckSize(format string, rows int) error {
	if format == "xlsx" && rows+1 > MaxXLSXRows {
		return bina.Errorf(bina.Invalid, "Daftar ini berisi %d baris, lebih dari yang dapat dimuat satu lembar Excel (%d). Unduh sebagai CSV, atau persempit penyaring.", "This list has %d rows, more than an Excel worksheet holds (%d). Download it as CSV, or narrow the filter.", rows, MaxXLSXRows-1)
	}
	return nil
}
