package importer_test

import (
	"bina/imports"
	"bina/supervision"
	"context"
	"fmt"
	"strings"
	"testing"

	"bina"
)

// reportSheet is a national "perkembangan koperasi" sheet: RAT figures and
// a few report lines, for two cooperatives and one unknown.
var reportSheet = [][]string{
	{"No", "Nomor Induk Koperasi", "Nomor Badan Hukum", "Tahun Buku", "Tanggal RAT", "anggota_akhir_pria", "anggota_akhir_wanita", "jumlah_karyawan",
		"simpanan_pokok", "simpanan_wajib", "cadangan_umum", "hibah", "modal_penyertaan", "Aset", "Volume Usaha", "SHU"},
	{"1", "6112010000000123", "", "2024", "15/03/2025", "30", "45", "4", "7.500.000", "30.000.000", "12.000.000", "0", "0", "250.000.000", "480.000.000", "18.500.000"},
	{"2", "", "518.08/97/BH/XIV.10/VIII/2009", "2024", "20/04/2025", "20", "10", "2", "3.000.000", "9.000.000", "", "", "", "90.000.000", "120.000.000", "-2.000.000"},
	{"3", "6112019999999999", "", "2024", "20/04/2025", "5", "5", "", "", "", "", "", "", "", "", ""},
	{"4", "6112010000000123", "", "2023", "12/12/2023", "10", "10", "", "", "", "", "", "", "", "", ""},
	{"5", "", "518.08/97/BH/XIV.10/VIII/2009", "2023", "20/04/2024", "20", "10", "", "", "", "", "", "", "", "", ""},
	{"6", "6112010000000123", "", "2024", "15/03/2025", "30", "45", "4", "7.500.000", "30.000.000", "12.000.000", "0", "0", "250.000.000", "480.000.000", "18.500.000"},
}

// TestImportAnnualReports: rows of yearly figures become accepted reports
// of the cooperatives they name, the RAT records follow, bad rows are
// reported, and the same file again changes nothing.
func TestImportAnnualReports(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		a := bina.Cooperative{Name: "KSP Maju Bersama", RegistrationNumber: "6112010000000123", LegalNumber: "518.08/96/BH/XIV.10/VIII/2008",
			Jenis: "simpan_pinjam", KBLI: bina.KBLICode{Code: "64141"}, VillageCode: "61.12.01.2001", MembersFemale: 10, MembersMale: 10}
		b := bina.Cooperative{Name: "Koperasi Tani Makmur", LegalNumber: "518.08/97/BH/XIV.10/VIII/2009",
			Jenis: "produsen", KBLI: bina.KBLICode{Code: "01111"}, VillageCode: "61.12.01.2001", MembersFemale: 10, MembersMale: 10}
		for _, c := range []*bina.Cooperative{&a, &b} {
			if err := e.s.CreateCooperative(ctx, c); err != nil {
				t.Fatal(err, bina.ErrorFields(err))
			}
		}
		// A draft of 2023 is being worked on in Bina: the file does not
		// overwrite it.
		draft := supervision.ExampleReport(1_000_000)
		draft.CooperativeID, draft.BookYear = b.ID, 2023
		if err := e.s.SaveAnnualReport(ctx, draft); err != nil {
			t.Fatal(err, bina.ErrorFields(err))
		}
		path := writeXLSX(t, "perkembangan_koperasi.xlsx", reportSheet)
		j := e.importFile(t, nil, path, "", imports.EntityAnnualReport, 0)
		if j.Counts.Created != 2 || j.Counts.Rejected != 3 || j.Counts.Unchanged != 1 {
			var b strings.Builder
			rs, _ := e.s.DB().Query(`SELECT line, outcome, problems FROM import_issues WHERE import_id = $1`, j.ID)
			for rs.Next() {
				var l int
				var o, p string
				rs.Scan(&l, &o, &p)
				b.WriteString(fmt.Sprintln(l, o, p))
			}
			rs.Close()
			t.Fatalf("first import: %+v\n%s", j.Counts, b.String())
		}
		r, err := e.s.FindAcceptedAnnualReport(ctx, a.ID, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if r.State != supervision.ReportAccepted || r.Source != "import" || r.Jenis != "KSP" || r.Members["anggota_akhir"] != 75 || r.Neraca["simpanan_wajib"] != 30_000_000 {
			t.Errorf("report: %+v", r)
		}
		got, err := e.s.FindCooperative(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		rats := got.RATs
		if len(rats) != 1 || rats[0].BookYear != 2024 || rats[0].MembersFemale != 45 || rats[0].MembersMale != 30 || rats[0].EmployeesMale+rats[0].EmployeesFemale != 4 ||
			rats[0].Assets != 250_000_000 || rats[0].BusinessVolume != 480_000_000 || rats[0].SHU != 18_500_000 || rats[0].Reserves != 12_000_000 {
			t.Errorf("rat: %+v", rats)
		}
		if n := e.count(t, `SELECT count(*) FROM annual_reports WHERE cooperative_id = $1 AND state = 'accepted' AND source = 'import'`, b.ID); n != 1 {
			t.Errorf("cooperative found by its legal number: %d reports", n)
		}
		if n := e.count(t, `SELECT count(*) FROM cooperatives`); n != 2 {
			t.Errorf("%d cooperatives: an import of reports creates none", n)
		}
		problems := e.text(t, `SELECT problems FROM import_issues WHERE import_id = $1 AND line = 4`, j.ID)
		if !strings.Contains(problems, "tidak ada di register") {
			t.Errorf("unknown cooperative: %s", problems)
		}
		problems = e.text(t, `SELECT problems FROM import_issues WHERE import_id = $1 AND line = 5`, j.ID)
		if !strings.Contains(problems, "RAT") {
			t.Errorf("RAT before the end of its book year: %s", problems)
		}
		problems = e.text(t, `SELECT problems FROM import_issues WHERE import_id = $1 AND line = 7`, j.ID)
		if !strings.Contains(problems, "Baris ganda") {
			t.Errorf("a repeated row: %s", problems)
		}
		problems = e.text(t, `SELECT problems FROM import_issues WHERE import_id = $1 AND line = 6`, j.ID)
		if !strings.Contains(problems, "sedang dikerjakan di Bina") {
			t.Errorf("a draft year: %s", problems)
		}

		again := e.importFile(t, nil, path, "", imports.EntityAnnualReport, 0)
		if again.Counts.Created != 0 || again.Counts.Unchanged != 3 || again.Counts.Rejected != 3 {
			t.Errorf("again: %+v", again.Counts)
		}
		if n := e.count(t, `SELECT count(*) FROM annual_reports`); n != 3 {
			t.Errorf("%d reports after the second import", n)
		}
	})
}
