package supervision

import (
	"bina"
	"bytes"
	"path"
	"strings"
	"time"
	"unicode/utf8"
)

// ReportAttachmentKinds are the documents kept with an annual report.
var ReportAttachmentKinds = bina.Options{
	{Code: "notulen_rat", ID: "Notulen RAT", EN: "RAT minutes"},
	{Code: "daftar_hadir", ID: "Daftar hadir RAT", EN: "RAT attendance list"},
	{Code: "pernyataan", ID: "Surat pernyataan bertanda tangan", EN: "Signed statement"},
	{Code: "lain", ID: "Dokumen lain", EN: "Other document"},
}

// MaxReportAttachment is the largest document accepted with a report.
const MaxReportAttachment = 10 << 20

// TypePDF is the content type of a PDF document.
const TypePDF = "application/pdf"

// ReportAttachment is a document kept with an annual report: RAT minutes,
// the attendance list, signed statements, as PDF or a JPEG/PNG scan. It is
// only ever served as a download.
type ReportAttachment struct {
	ID            int64     `json:"id"`
	CooperativeID int64     `json:"cooperative_id"`
	BookYear      int       `json:"book_year"`
	Version       int       `json:"version"` // the report version it was added to
	Kind          string    `json:"kind"`    // ReportAttachmentKinds
	FileName      string    `json:"file_name"`
	ContentType   string    `json:"content_type"`
	Size          int64     `json:"size"`
	SHA256        string    `json:"sha256"`
	Data          []byte    `json:"-"`
	CreatedAt     time.Time `json:"created_at"`
	CreatedBy     string    `json:"created_by"`
}

// CheckReportFile returns the content type of data when it is a PDF, JPEG
// or PNG of at most MaxReportAttachment bytes whose type agrees with
// declared (the type the client named; "" or application/octet-stream name
// none). Errors: Invalid, with the reason in Indonesian and English.
func CheckReportFile(data []byte, declared string) (string, error) {
	var p bina.Problems
	d := strings.ToLower(strings.TrimSpace(strings.Split(declared, ";")[0]))
	switch {
	case len(data) == 0:
		p.Add("file", "Berkas kosong", "The file is empty")
	case len(data) > MaxReportAttachment:
		p.Add("file", "Berkas terlalu besar: paling besar %d MB", "The file is too large: at most %d MB", MaxReportAttachment>>20)
	case bytes.HasPrefix(data, []byte("%PDF-")):
		// A whole PDF ends with %%EOF (a little trailing space or junk is
		// common, so look at the last kilobyte).
		tail := data[max(0, len(data)-1024):]
		if !bytes.Contains(tail, []byte("%%EOF")) {
			p.Add("file", "Berkas PDF ini tidak utuh", "This PDF file is not whole")
		} else if d != "" && d != "application/octet-stream" && d != TypePDF {
			p.Add("file", "Berkas disebut %s tetapi isinya %s", "The file claims to be %s but holds %s", d, TypePDF)
		} else {
			return TypePDF, nil
		}
	case !bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}) && !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		p.Add("file", "Berkas ini bukan PDF, JPEG atau PNG", "This file is not a PDF, JPEG or PNG")
	default:
		ct, err := bina.ImageCheck{MaxBytes: MaxReportAttachment}.Check(data, declared)
		if err == nil {
			return ct, nil
		}
		p.Fields = append(p.Fields, bina.FieldError{Field: "file", Message: bina.ErrorText(err)})
		if fs := bina.ErrorFields(err); len(fs) > 0 {
			p.Fields[len(p.Fields)-1].Message = fs[0].Message
		}
	}
	return "", p.Err()
}

// CleanFileName keeps the last part of a client's file name, without
// control characters or quotes, at most 120 characters; "" becomes
// "lampiran".
func CleanFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	var b strings.Builder
	for _, r := range name {
		if r < 0x20 || r == 0x7f || r == '"' || r == '/' || r == ';' {
			continue
		}
		b.WriteRune(r)
	}
	s := strings.TrimSpace(b.String())
	if s == "" || s == "." || s == ".." {
		return "lampiran"
	}
	for utf8.RuneCountInString(s) > 120 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}
