//go:build ignore

// gen writes the hostile spreadsheets that the sheet tests read: run it
// from the module root with `go run ./internal/sheet/testdata/gen.go`.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"log"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

func main() {
	// A small real workbook to start from.
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Nama Usaha", "Desa"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"Kerupuk Ikan", "Sungai Raya"})
	var base bytes.Buffer
	if err := x.Write(&base); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		log.Fatal(err)
	}
	// zipbomb.xlsx: about 1 MB, with an image part of 1 GiB of zeros.
	write("internal/sheet/testdata/zipbomb.xlsx", zr, nil, "xl/media/image1.png", zeros(1<<30))
	// hugecell.xlsx: a worksheet whose one cell holds 200 MB of text.
	sheet := func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`)
		chunk := strings.Repeat("a", 1<<20)
		for range 200 {
			io.WriteString(w, chunk)
		}
		io.WriteString(w, `</t></is></c></row></sheetData></worksheet>`)
	}
	write("internal/sheet/testdata/hugecell.xlsx", zr, map[string]bool{"xl/worksheets/sheet1.xml": true}, "xl/worksheets/sheet1.xml", sheet)
	// rounded-nik.xlsx: NIKs typed into number cells, as a spreadsheet
	// program keeps them (15 significant digits: ...0011 became ...0010).
	r := excelize.NewFile()
	r.SetSheetRow("Sheet1", "A1", &[]any{"Nama Usaha", "Nama Pemilik", "NIK Pemilik", "Desa/Kelurahan", "Kecamatan"})
	r.SetSheetRow("Sheet1", "A2", &[]any{"Kerupuk Ikan Bu Sri", "Sri Wahyuni", int64(6112011708900010), "Kuala Dua", "Sungai Raya"})
	r.SetSheetRow("Sheet1", "A3", &[]any{"Kopi Bubuk Pak Amat", "Amat", 6.11201170890002e15, "Kapur", "Sungai Raya"})
	if err := r.SaveAs("internal/sheet/testdata/rounded-nik.xlsx"); err != nil {
		log.Fatal(err)
	}
}

func zeros(n int) func(io.Writer) {
	return func(w io.Writer) {
		buf := make([]byte, 1<<20)
		for i := 0; i < n; i += len(buf) {
			w.Write(buf)
		}
	}
}

// write copies the parts of base except those in skip, then adds name
// with the content fill writes, at the best compression.
func write(path string, base *zip.Reader, skip map[string]bool, name string, fill func(io.Writer)) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	for _, p := range base.File {
		if skip[p.Name] {
			continue
		}
		if err := zw.Copy(p); err != nil {
			log.Fatal(err)
		}
	}
	w, err := zw.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	fill(w)
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	f.Close()
}
