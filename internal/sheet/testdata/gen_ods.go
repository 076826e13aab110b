//go:build ignore

// gen_ods writes spreadsheets with excelize and has LibreOffice turn them
// into real OpenDocument spreadsheets, as an office saves them: run it
// from the module root with LibreOffice installed (libreoffice-calc-nogui)
// as `go run ./internal/sheet/testdata/gen_ods.go`. It writes
// internal/sheet/testdata/libreoffice.{xlsx,ods}, cells of every kind, and
// cmd/bina/testdata/umkm-kantor.{xlsx,ods}, an office's list of UMKM.
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
	setRows(x, s, rows)
	date, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	x.SetCellStyle(s, "H2", "H4", date)
	text, _ := x.NewStyle(&excelize.Style{NumFmt: 49})
	x.SetCellStyle(s, "C2", "D4", text)
	x.SetCellStyle(s, "D7", "D7", text)
	x.AddComment(s, excelize.Comment{Cell: "A2", Author: "Dinas", Paragraph: []excelize.RichTextRun{{Text: "catatan petugas"}}})
	x.MergeCell(s, "A8", "B8")
	convert(x, filepath.Join(dir, "libreoffice.xlsx"))
	officeList()
}

// officeList is a list of UMKM as an office keeps it by hand, with the
// headers that name fields in their own words and a sales figure without
// its year.
func officeList() {
	x := excelize.NewFile()
	s := "Sheet1"
	rows := [][]any{
		{"DATA UMKM BINAAN KECAMATAN SUNGAI RAYA"},
		{},
		{"No", "Nama Usaha", "Nama Pemilik", "NIK", "No HP/WA", "Tanggal Lahir", "Jenis Usaha", "Jumlah Tenaga Kerja", "Omzet", "Desa", "Kecamatan"},
		{1, "Keripik Pisang Bu Sri", "Sri Rahayu", "6112014507850003", "081234567890", time.Date(1985, 7, 5, 0, 0, 0, 0, time.UTC), "Keripik pisang", 3, 25000000, "Kuala Dua", "Sungai Raya"},
		{2, "Amplang Pak Budi", "Budi Santoso", "6112010101800001", "085211112222", time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), "Amplang ikan", 2, 60000000, "Arang Limbung", "Sungai Raya"},
		{3, "Warung Kopi Amat", "Amat", "6112011212750002", "081355554444", nil, "Kopi", 1, 18000000, "Sungai Ambangah", "Sungai Raya"},
		{4, "Toko Tanpa Desa", "Siti", "", "", nil, "Sembako", nil, 5000000, "Desa Entah", "Sungai Raya"},
	}
	setRows(x, s, rows)
	date, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	x.SetCellStyle(s, "F4", "F7", date)
	text, _ := x.NewStyle(&excelize.Style{NumFmt: 49})
	x.SetCellStyle(s, "D4", "E7", text)
	convert(x, filepath.Join("cmd/bina/testdata", "umkm-kantor.xlsx"))
}

// setRows writes rows to the sheet s of x from its first row.
func setRows(x *excelize.File, s string, rows [][]any) {
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(s, cell, &r); err != nil {
			log.Fatal(err)
		}
	}
}

// convert saves x as xlsx and has LibreOffice write the .ods beside it.
func convert(x *excelize.File, xlsx string) {
	if err := os.MkdirAll(filepath.Dir(xlsx), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := x.SaveAs(xlsx); err != nil {
		log.Fatal(err)
	}
	cmd := exec.Command("soffice", "--headless", "--convert-to", "ods", "--outdir", filepath.Dir(xlsx), xlsx)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "HOME="+os.TempDir())
	if err := cmd.Run(); err != nil {
		log.Fatal(err)
	}
}
