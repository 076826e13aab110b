//go:build ignore

// gen_ods writes libreoffice.xlsx with excelize and has LibreOffice turn it
// into libreoffice.ods, a real OpenDocument spreadsheet as an office saves
// it: run it from the module root with LibreOffice installed
// (libreoffice-calc-nogui) as `go run ./internal/sheet/testdata/gen_ods.go`.
package main

import (
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	const dir = "internal/sheet/testdata"
	x := excelize.NewFile()
	s := "Sheet1"
	x.SetSheetName(s, "Data UMKM")
	s = "Data UMKM"
	rows := [][]any{
		{"Nama Usaha", "Nama Pemilik", "NIK", "No HP/WA", "Jenis Usaha", "Jumlah Tenaga Kerja", "Omzet", "Tanggal Berdiri", "Alamat"},
		{"Keripik Pisang Bu Sri", "Sri Rahayu", "6112016401690683", "081234567890", "Makanan ringan", 3, 25000000, time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC), "Jl. Parit Baru\nRT 03"},
		{"Kerupuk Ikan", "Ahmad", "6112010101800001", "089876543210", "Kerupuk", 2, 12500000.5, time.Date(2020, 1, 15, 0, 0, 0, 0, time.UTC), "Kubu"},
		{"Kerupuk Ikan", "Ahmad", "6112010101800001", "089876543210", "Kerupuk", 2, 12500000.5, time.Date(2020, 1, 15, 0, 0, 0, 0, time.UTC), "Kubu"},
		{},
		{},
		{"Amplang   Tiga Spasi", "Budi", 6112016401690683, "'=1+1", "Olahan ikan", nil, nil, nil, "Sungai Raya"},
		{"Gabungan", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "Kolom M"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(s, cell, &r); err != nil {
			log.Fatal(err)
		}
	}
	date, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	x.SetCellStyle(s, "H2", "H4", date)
	text, _ := x.NewStyle(&excelize.Style{NumFmt: 49})
	x.SetCellStyle(s, "C2", "D4", text)
	x.SetCellStyle(s, "D7", "D7", text)
	x.AddComment(s, excelize.Comment{Cell: "A2", Author: "Dinas", Paragraph: []excelize.RichTextRun{{Text: "catatan petugas"}}})
	x.MergeCell(s, "A8", "B8")
	xlsx := filepath.Join(dir, "libreoffice.xlsx")
	if err := x.SaveAs(xlsx); err != nil {
		log.Fatal(err)
	}
	cmd := exec.Command("soffice", "--headless", "--convert-to", "ods", "--outdir", dir, xlsx)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "HOME="+os.TempDir())
	if err := cmd.Run(); err != nil {
		log.Fatal(err)
	}
}
