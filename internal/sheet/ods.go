package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"bina"
)

// An .ods file (OpenDocument Spreadsheet, LibreOffice's own format) is a
// zip like an .xlsx, told apart by its first part: "mimetype", stored
// uncompressed, holding odsMimetype. The cells are in content.xml; it is
// read here with encoding/xml as it unzips, one row at a time (no Go
// library for ODS is kept up well enough to earn a dependency).
const odsMimetype = "application/vnd.oasis.opendocument.spreadsheet"

// The OpenDocument namespaces the reader needs.
const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// maxColumns is the most columns a row may spread over: LibreOffice
// stops at 16,384, as Excel does. A repeat count past it is a crafted
// file, not a spreadsheet.
const maxColumns = 16384

// isODS reports whether the zip is an OpenDocument spreadsheet.
func isODS(zr *zip.Reader) bool {
	for _, zf := range zr.File {
		if zf.Name != "mimetype" {
			continue
		}
		if zf.UncompressedSize64 > 128 {
			return false
		}
		rc, err := zf.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, 128))
		return string(bytes.TrimSpace(b)) == odsMimetype
	}
	return false
}

func openODS(zr *zip.Reader, closeFile func() error, lim Limits) (*Reader, error) {
	corrupt := bina.Errorf(bina.Invalid, "Berkas .ods rusak atau bukan spreadsheet LibreOffice.", "The .ods file is corrupt or not a LibreOffice spreadsheet.")
	// The same bounds as an .xlsx, from the central directory first:
	// archive/zip then fails a part whose data runs past its size.
	var unzipped uint64
	var content *zip.File
	for _, zf := range zr.File {
		unzipped += zf.UncompressedSize64
		if zf.Name == "content.xml" {
			content = zf
		}
	}
	if unzipped > uint64(lim.MaxUnzipped) {
		closeFile()
		return nil, bina.Errorf(bina.Invalid, "Isi berkas .ods terlalu besar setelah dibuka (%d MB); berkas rusak atau zip bomb.", "The .ods file unpacks to too much data (%d MB): corrupt, or a zip bomb.", unzipped>>20)
	}
	if content == nil {
		closeFile()
		return nil, corrupt
	}
	rc, err := content.Open()
	if err != nil {
		closeFile()
		return nil, corrupt
	}
	o := &odsReader{
		dec:   xml.NewDecoder(&runLimit{r: rc, max: lim.MaxCell}),
		max:   lim.MaxCell,
		limit: lim,
	}
	if err := o.findTable(); err != nil {
		rc.Close()
		closeFile()
		return nil, err
	}
	r := &Reader{format: "ods", sheet: o.sheet, max: lim.MaxRows}
	r.next = o.next
	r.close = func() error {
		rc.Close()
		return closeFile()
	}
	return r, nil
}

// runLimit fails the reading of XML when a run between two tags' starts
// ('<') is longer than max bytes: a cell's text, or one tag with its
// attributes. encoding/xml holds such a run whole; the bound keeps it
// to the size of a real cell (Limits.MaxCell).
type runLimit struct {
	r   io.Reader
	run int
	max int
}

var errCellTooLong = errors.New("cell too long")

func (l *runLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '<' {
			l.run = 0
			continue
		}
		l.run++
		if l.run > l.max {
			return 0, errCellTooLong
		}
	}
	return n, err
}

// odsReader walks the first table of content.xml row by row.
type odsReader struct {
	dec   *xml.Decoder
	sheet string
	max   int
	limit Limits
	// row is the last row read, still to be handed out repeat times:
	// LibreOffice writes equal rows next to each other once, with
	// number-rows-repeated.
	row    []string
	repeat int
	// empty counts the empty rows before row, to be handed out first.
	// LibreOffice ends a sheet with a million of them in one element;
	// they are handed out only when a row with content follows.
	empty    int
	blankRun int // empty rows read since the last row with content
	done     bool
}

// findTable moves to the first table:table of the document.
func (o *odsReader) findTable() error {
	for {
		tok, err := o.dec.Token()
		if err != nil {
			return o.fail(err, bina.Errorf(bina.Invalid, "Berkas .ods tidak berisi lembar kerja.", "The .ods file has no worksheet."))
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Space == nsTable && se.Name.Local == "table" {
			o.sheet = attr(se, nsTable, "name")
			return nil
		}
	}
}

// fail turns a reading error into the message a person reads: otherwise
// when the document ended (nil for a corrupt file).
func (o *odsReader) fail(err, otherwise error) error {
	if errors.Is(err, errCellTooLong) {
		return bina.Errorf(bina.Invalid, "Ada sel yang isinya lebih dari %d KB; LibreOffice sendiri menampung paling banyak 32.767 huruf per sel. Berkas rusak atau sengaja dibuat berlebihan.", "A cell holds more than %d KB, while LibreOffice itself holds at most 32,767 characters in a cell. The file is corrupt or crafted.", o.max>>10)
	}
	if err == io.EOF && otherwise != nil {
		return otherwise
	}
	return bina.Errorf(bina.Invalid, "Berkas .ods rusak atau bukan spreadsheet LibreOffice.", "The .ods file is corrupt or not a LibreOffice spreadsheet.")
}

func (o *odsReader) next() ([]string, error) {
	for o.empty == 0 && o.repeat == 0 {
		if o.done {
			return nil, io.EOF
		}
		if err := o.readRow(); err != nil {
			return nil, err
		}
	}
	if o.empty > 0 {
		o.empty--
		return []string{}, nil
	}
	o.repeat--
	return slices.Clone(o.row), nil
}

// readRow reads the next table:table-row into pending (with the empty
// rows before it), or sets done at the end of the table.
func (o *odsReader) readRow() error {
	for {
		tok, err := o.dec.Token()
		if err != nil {
			return o.fail(err, nil)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Space == nsTable && t.Name.Local == "table" {
				o.done = true // the empty rows at the end are not handed out
				return nil
			}
		case xml.StartElement:
			if t.Name.Space != nsTable || t.Name.Local != "table-row" {
				continue // header-rows, row-groups and columns hold rows or nothing
			}
			repeat := repeatOf(t, "number-rows-repeated", o.limit.MaxRows+1)
			cells, err := o.readCells()
			if err != nil {
				return err
			}
			if len(cells) == 0 {
				o.blankRun = min(o.blankRun+repeat, o.limit.MaxRows+1)
				continue
			}
			// Rows past the limit are refused by Reader.Next as they are
			// handed out, one at a time.
			o.empty, o.blankRun = o.blankRun, 0
			o.row, o.repeat = cells, repeat
			return nil
		}
	}
}

// readCells reads the cells of the row just opened, up to its end tag,
// trailing empty cells left out.
func (o *odsReader) readCells() ([]string, error) {
	var cells []string
	blank := 0 // empty cells not yet added: only added when a value follows
	for {
		tok, err := o.dec.Token()
		if err != nil {
			return nil, o.fail(err, nil)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Space == nsTable && t.Name.Local == "table-row" {
				return cells, nil
			}
		case xml.StartElement:
			if t.Name.Space != nsTable || (t.Name.Local != "table-cell" && t.Name.Local != "covered-table-cell") {
				continue
			}
			repeat := repeatOf(t, "number-columns-repeated", maxColumns+1)
			v, err := o.cellValue(t)
			if err != nil {
				return nil, err
			}
			if t.Name.Local == "covered-table-cell" {
				// A cell under a merged one: what it may still hold is
				// hidden, and an .xlsx gives such a cell empty.
				v = ""
			}
			if v == "" {
				blank = min(blank+repeat, maxColumns+1)
				continue
			}
			if len(cells)+blank+repeat > maxColumns {
				return nil, bina.Errorf(bina.Invalid, "Baris berkas .ods lebih dari %d kolom.", "A row of the .ods file has more than %d columns.", maxColumns)
			}
			for ; blank > 0; blank-- {
				cells = append(cells, "")
			}
			for range repeat {
				cells = append(cells, v)
			}
		}
	}
}

// cellValue reads the cell just opened to its end and returns its value
// as the import reads it: numbers as stored, without display format (a
// number too long for a spreadsheet as it shows it: see lostDigits),
// dates as YYYY-MM-DD, everything else as the text shown, paragraphs
// joined by line breaks. Notes (office:annotation) are left out.
func (o *odsReader) cellValue(start xml.StartElement) (string, error) {
	kind := attr(start, nsOffice, "value-type")
	var value string
	switch kind {
	case "float", "percentage", "currency":
		value = attr(start, nsOffice, "value")
		if lostDigits(value) {
			value = asShown(value)
		}
	case "date":
		value = attr(start, nsOffice, "date-value")
		if d, clock, ok := strings.Cut(value, "T"); ok && strings.Trim(clock, "0:.") == "" {
			value = d
		}
	}
	var text strings.Builder
	depth, paragraphs, skip := 0, 0, 0
	for {
		tok, err := o.dec.Token()
		if err != nil {
			return "", o.fail(err, nil)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case skip > 0 || t.Name.Space == nsOffice && t.Name.Local == "annotation":
				skip++
			case t.Name.Space == nsText && t.Name.Local == "p":
				if paragraphs > 0 {
					text.WriteByte('\n')
				}
				paragraphs++
			case t.Name.Space == nsText && t.Name.Local == "s":
				text.WriteString(strings.Repeat(" ", repeatOf(t, "c", 64)))
			case t.Name.Space == nsText && t.Name.Local == "tab":
				text.WriteByte('\t')
			case t.Name.Space == nsText && t.Name.Local == "line-break":
				text.WriteByte('\n')
			}
		case xml.EndElement:
			if depth == 0 {
				if value != "" {
					return value, nil
				}
				return text.String(), nil
			}
			depth--
			if skip > 0 {
				skip--
			}
		case xml.CharData:
			if skip == 0 && depth > 0 {
				if text.Len()+len(t) > o.max {
					return "", o.fail(errCellTooLong, nil)
				}
				text.Write(t)
			}
		}
	}
}

// attr returns the attribute space:local of e, "" when it has none.
func attr(e xml.StartElement, space, local string) string {
	for _, a := range e.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// repeatOf returns the repeat count named local of e (1 when absent or
// invalid), at most limit.
func repeatOf(e xml.StartElement, local string, limit int) int {
	space := nsTable
	if local == "c" {
		space = nsText
	}
	n, err := strconv.Atoi(attr(e, space, local))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, limit)
}
