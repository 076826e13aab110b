package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
)

// lostCells finds, in a worksheet's XML as it streams by, the number
// cells whose value has 16 or more significant digits, or is written in
// scientific notation with such an exponent. A spreadsheet program keeps 15
// significant digits of a number: a NIK typed into a number cell arrives
// rounded (6112016401690683 becomes 6112016401690680), and nothing in the
// value says so. The reader shows such a cell as the program does
// (6.11201640169068E+15), and the import flags it as lost instead of
// storing a wrong number or matching records by it.
type lostCells struct {
	refs    map[string]bool
	tag     []byte
	inTag   bool
	inValue bool
	value   []byte
	ref     string
	number  bool
}

// feed takes the next byte of the worksheet.
func (l *lostCells) feed(c byte) {
	switch {
	case c == '<':
		if l.inValue && l.number && lostDigits(string(l.value)) {
			if l.refs == nil {
				l.refs = map[string]bool{}
			}
			l.refs[l.ref] = true
		}
		l.inValue, l.inTag, l.tag = false, true, l.tag[:0]
	case l.inTag && c == '>':
		l.inTag = false
		l.endTag()
	case l.inTag:
		if len(l.tag) < 256 {
			l.tag = append(l.tag, c)
		}
	case l.inValue && len(l.value) < 64:
		l.value = append(l.value, c)
	}
}

// endTag reads a tag: a cell's reference and type, or the start of its
// value.
func (l *lostCells) endTag() {
	name, attrs, _ := bytes.Cut(l.tag, []byte{' '})
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:] // a namespace prefix: <x:c>
	}
	switch string(bytes.TrimSuffix(name, []byte{'/'})) {
	case "c":
		l.ref, l.number = "", true
		for _, a := range strings.Fields(string(attrs)) {
			k, v, _ := strings.Cut(strings.TrimSuffix(a, "/"), "=")
			v = strings.Trim(v, `"'`)
			switch k {
			case "r":
				l.ref = v
			case "t":
				l.number = v == "n"
			}
		}
	case "v":
		l.inValue, l.value = true, l.value[:0]
	case "/c":
		l.number = false
	}
}

// lostDigits reports whether a number as a worksheet stores it has more
// significant digits than a spreadsheet program keeps.
func lostDigits(v string) bool {
	v = strings.TrimPrefix(strings.TrimSpace(v), "-")
	if i := strings.IndexAny(v, "Ee"); i >= 0 {
		exp, err := strconv.Atoi(strings.TrimPrefix(v[i+1:], "+"))
		return err == nil && exp >= 15
	}
	whole, _, _ := strings.Cut(v, ".")
	return len(strings.TrimLeft(whole, "0")) >= 16
}

// asShown writes a number the way a spreadsheet program shows one too long
// for it: 6.11201640169068E+15.
func asShown(v string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return v
	}
	return strconv.FormatFloat(f, 'E', 14, 64)
}

// firstSheetPart returns the zip part of the workbook's first worksheet,
// as excelize reads it: the first <sheet> of xl/workbook.xml, through its
// relationship. "" when it cannot be told.
func firstSheetPart(zr *zip.Reader) string {
	var wb struct {
		Sheets []struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !readXML(zr, "xl/workbook.xml", &wb) || len(wb.Sheets) == 0 || !readXML(zr, "xl/_rels/workbook.xml.rels", &rels) {
		return ""
	}
	for _, r := range rels.Rels {
		if r.ID == wb.Sheets[0].ID {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/")
			}
			return path.Join("xl", r.Target)
		}
	}
	return ""
}

// readXML decodes the small part name of zr into v; checkParts has
// bounded its size.
func readXML(zr *zip.Reader, name string, v any) bool {
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				return false
			}
			defer rc.Close()
			return xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v) == nil
		}
	}
	return false
}
