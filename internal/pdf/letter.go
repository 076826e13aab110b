// Package pdf writes Bina's printable documents as PDF with
// codeberg.org/go-pdf/fpdf: the Surat Keterangan UMK Binaan with its QR
// code (github.com/skip2/go-qrcode). It speaks bina's types at its edge.
//
// Documents use the PDF core fonts only (nothing embedded, so a letter is a
// few kilobytes), with text translated from UTF-8 to the cp1252 code page
// those fonts carry. Rendering is deterministic: the same letter gives the
// same bytes, so the SHA-256 kept at issue can be checked later.
package pdf

import (
	"bina/coaching"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/skip2/go-qrcode"

	"bina"
)

// The page: A4 portrait, margins in millimetres.
const (
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 15.0
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginBottom = 15.0
	textWidth    = pageWidth - marginLeft - marginRight
	lineHeight   = 5.2
	labelWidth   = 45.0
	qrSize       = 28.0
)

// longDate writes a date as Indonesian letters do: 28 November 2026.
func longDate(d bina.Date) string { return d.Long() }

// letterDoc is a letter being written: the fpdf document and its text
// translator.
type letterDoc struct {
	*fpdf.Fpdf
	tr func(string) string
}

// Letter renders a Surat Keterangan UMK Binaan as an A4 PDF. It reads the
// letter alone (its snapshot of the letterhead, signatory and business), so
// it is a coaching.LetterRenderer.
func Letter(l *coaching.Letter) ([]byte, error) {
	f := fpdf.New("P", "mm", "A4", "")
	// Fixed dates and sorted catalogues make the output depend on the
	// letter alone; fpdf writes no random /ID unless it encrypts.
	f.SetCreationDate(l.CreatedAt.UTC().Truncate(time.Second))
	f.SetModificationDate(l.CreatedAt.UTC().Truncate(time.Second))
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	d := &letterDoc{Fpdf: f, tr: f.UnicodeTranslatorFromDescriptor("")}
	f.SetTitle("Surat Keterangan UMK Binaan "+l.Number, true)
	f.SetAuthor(l.Letterhead.Office, true)
	f.AddPage()

	d.letterhead(l.Letterhead)
	d.title(l)
	d.signatory(l.Signatory)
	d.business(l)
	d.statement(l)
	d.signature(l)
	if err := d.qr(l.VerifyURL); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: letter %s: %w", l.Number, err)
	}
	return buf.Bytes(), nil
}

func (d *letterDoc) center(style string, size float64, s string) {
	d.SetFont("Helvetica", style, size)
	d.CellFormat(textWidth, size*0.5, d.tr(s), "", 1, "C", false, 0, "")
}

func (d *letterDoc) letterhead(h coaching.Letterhead) {
	d.center("B", 13, strings.ToUpper(h.Government))
	d.center("B", 15, strings.ToUpper(h.Office))
	if h.Address != "" {
		d.center("", 9, h.Address)
	}
	var contact []string
	for _, c := range [][2]string{{"Telp. ", h.Phone}, {"Email: ", h.Email}, {"Laman: ", h.Website}} {
		if c[1] != "" {
			contact = append(contact, c[0]+c[1])
		}
	}
	if len(contact) > 0 {
		d.center("", 9, strings.Join(contact, "  |  "))
	}
	y := d.GetY() + 2
	d.SetLineWidth(0.8)
	d.Line(marginLeft, y, pageWidth-marginRight, y)
	d.SetLineWidth(0.2)
	d.Line(marginLeft, y+1.2, pageWidth-marginRight, y+1.2)
	d.SetY(y + 6)
}

func (d *letterDoc) title(l *coaching.Letter) {
	d.center("BU", 12, "SURAT KETERANGAN USAHA MIKRO/KECIL BINAAN")
	d.center("", 11, "Nomor: "+l.Number)
	d.Ln(5)
}

func (d *letterDoc) para(s string) {
	d.SetFont("Helvetica", "", 11)
	d.MultiCell(textWidth, lineHeight, d.tr(s), "", "J", false)
}

// row writes "label : value" with the value wrapping under itself.
func (d *letterDoc) row(label, value string) {
	d.SetFont("Helvetica", "", 11)
	x := d.GetX()
	d.CellFormat(labelWidth, lineHeight, d.tr(label), "", 0, "L", false, 0, "")
	d.CellFormat(4, lineHeight, ":", "", 0, "L", false, 0, "")
	d.MultiCell(textWidth-labelWidth-4, lineHeight, d.tr(value), "", "L", false)
	d.SetX(x)
}

func (d *letterDoc) signatory(g coaching.Signatory) {
	d.para("Yang bertanda tangan di bawah ini:")
	d.SetX(marginLeft + 8)
	d.indented(func() {
		d.row("Nama", g.Name)
		d.row("NIP", g.NIP)
		if g.Rank != "" {
			d.row("Pangkat/Golongan", g.Rank)
		}
		d.row("Jabatan", g.Title)
	})
	d.Ln(2)
}

// indented runs fn with the left margin moved in.
func (d *letterDoc) indented(fn func()) {
	d.SetLeftMargin(marginLeft + 8)
	d.SetX(marginLeft + 8)
	fn()
	d.SetLeftMargin(marginLeft)
	d.SetX(marginLeft)
}

func (d *letterDoc) business(l *coaching.Letter) {
	b := l.Business
	d.para("dengan ini menerangkan bahwa:")
	d.indented(func() {
		d.row("Nama Usaha", b.Name)
		d.row("Nama Pemilik", b.OwnerName)
		if b.OwnerNIK != "" {
			d.row("NIK", b.OwnerNIK)
		}
		addr := b.Address
		if b.Village != "" {
			addr = strings.TrimSuffix(strings.TrimSpace(addr+", "+b.Village), ",")
			addr = strings.TrimPrefix(addr, ", ")
		}
		d.row("Alamat Usaha", addr)
		if b.NIB != "" {
			d.row("NIB", b.NIB)
		}
		if b.KBLI != "" {
			d.row("KBLI", b.KBLI)
		}
		d.row("Skala Usaha", bina.Sizes.Label(b.Size, "id"))
		if l.Purpose == "merek_djki" {
			d.row("Merek", l.MarkName)
			d.row("Jenis Barang/Jasa", l.MarkGoods)
			d.row("Kelas", l.MarkClassText())
		}
	})
	d.Ln(2)
}

func (d *letterDoc) statement(l *coaching.Letter) {
	size := "Mikro/Kecil"
	switch l.Business.Size {
	case "mikro":
		size = "Mikro"
	case "kecil":
		size = "Kecil"
	}
	office := l.Letterhead.Office
	if gov := l.Letterhead.Government; gov != "" {
		office += " " + strings.TrimPrefix(strings.TrimPrefix(gov, "PEMERINTAH "), "Pemerintah ")
	}
	s := fmt.Sprintf("adalah benar Usaha %s binaan %s", size, office)
	if len(l.Basis) == 0 {
		d.para(s + ".")
	} else {
		d.para(s + ", dengan dasar:")
		d.indented(func() {
			for i, b := range l.Basis {
				d.SetFont("Helvetica", "", 11)
				d.CellFormat(6, lineHeight, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
				d.MultiCell(textWidth-14, lineHeight, d.tr(b), "", "L", false)
				d.SetX(marginLeft + 8)
			}
		})
	}
	d.Ln(2)
	if l.Purpose == "merek_djki" {
		d.para(fmt.Sprintf("Surat keterangan ini diberikan untuk keperluan permohonan pendaftaran merek \"%s\" pada Direktorat Jenderal Kekayaan Intelektual dan berlaku untuk satu merek pada tahun %d.", l.MarkName, l.IssuedOn.Year()))
	} else {
		purpose := coaching.LetterPurposes.Label(l.Purpose, "id")
		if l.PurposeNote != "" {
			purpose = l.PurposeNote
		}
		d.para(fmt.Sprintf("Surat keterangan ini diberikan untuk keperluan %s dan berlaku sampai dengan %s.", purpose, longDate(l.ValidUntil)))
	}
	d.Ln(2)
	d.para("Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.")
	d.Ln(5)
}

func (d *letterDoc) signature(l *coaching.Letter) {
	x := marginLeft + textWidth/2 + 5
	w := textWidth/2 - 5
	// The place, date, signature and QR code stay together (about 55 mm).
	if d.GetY() > pageHeight-marginBottom-55 {
		d.AddPage()
	}
	top := d.GetY()
	d.SetLeftMargin(x)
	d.SetX(x)
	d.SetFont("Helvetica", "", 11)
	d.MultiCell(w, lineHeight, d.tr(l.Letterhead.City+", "+longDate(l.IssuedOn)), "", "L", false)
	d.MultiCell(w, lineHeight, d.tr(l.Signatory.Title+","), "", "L", false)
	d.Ln(22)
	d.SetFont("Helvetica", "BU", 11)
	d.MultiCell(w, lineHeight, d.tr(l.Signatory.Name), "", "L", false)
	d.SetFont("Helvetica", "", 11)
	if l.Signatory.Rank != "" {
		d.MultiCell(w, lineHeight, d.tr(l.Signatory.Rank), "", "L", false)
	}
	d.MultiCell(w, lineHeight, d.tr("NIP. "+l.Signatory.NIP), "", "L", false)
	d.SetLeftMargin(marginLeft)
	d.SetXY(marginLeft, top)
}

// qr draws the verification address as a QR code of filled squares (a few
// hundred bytes of vector drawing rather than an image) with the address
// printed under it.
func (d *letterDoc) qr(url string) error {
	if url == "" {
		return nil
	}
	code, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("pdf: QR code: %w", err)
	}
	bits := code.Bitmap()
	module := qrSize / float64(len(bits))
	x0, y0 := marginLeft, d.GetY()
	d.SetFillColor(0, 0, 0)
	for r, row := range bits {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			d.Rect(x0+float64(start)*module, y0+float64(r)*module, float64(c-start)*module, module, "F")
		}
	}
	d.SetXY(x0, y0+qrSize+1)
	d.SetFont("Helvetica", "", 7.5)
	d.MultiCell(textWidth/2, 3.5, d.tr("Periksa keaslian surat ini dengan memindai kode QR atau membuka:"), "", "L", false)
	d.MultiCell(textWidth/2, 3.5, d.tr(url), "", "L", false)
	return nil
}

// IssuedLetter renders an issued letter again and reports whether the
// bytes are those issued: whether their SHA-256 is l.PDFSHA256. They
// differ only after a change of this package or of fpdf.
func IssuedLetter(l *coaching.Letter) (b []byte, same bool, err error) {
	if b, err = Letter(l); err != nil {
		return nil, false, err
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]) == l.PDFSHA256, nil
}

// FileName is the name a downloaded letter is saved under.
func FileName(l *coaching.Letter) string {
	return fmt.Sprintf("surat-keterangan-binaan-%d-%d.pdf", l.Year, l.Serial)
}
