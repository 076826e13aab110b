package web_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestAnnualReportImportPage: the import page offers the cooperatives'
// yearly figures; a file of them becomes accepted reports, and the report
// page says why a row naming an unknown cooperative was not imported.
func TestAnnualReportImportPage(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			staff := s.user("staf", bina.RoleStaff, "")
			ctx := bina.WithUser(context.Background(), staff)
			b := s.signedIn(staff)
			c := &bina.Cooperative{Name: "KSP Maju Bersama", RegistrationNumber: "6112010000000123", Jenis: "simpan_pinjam",
				KBLI: bina.KBLICode{Code: "64141"}, VillageCode: kualaDua, MembersFemale: 10, MembersMale: 10}
			if err := s.store.CreateCooperative(ctx, c); err != nil {
				t.Fatal(err)
			}
			b.get("/impor").want(t, 200).contains(t, `value="annual_report"`, "Laporan tahunan koperasi")
			csv := "Nomor Induk Koperasi;Tahun Buku;Tanggal RAT;Aset;Volume Usaha;SHU\n" +
				"6112010000000123;2025;14/03/2026;250.000.000;480.000.000;18.500.000\n" +
				"6112019999999999;2025;14/03/2026;1;1;1\n"
			id := uploaded(t, b.upload("perkembangan.csv", strings.NewReader(csv), url.Values{"entity": {string(imports.EntityAnnualReport)}}))
			form := mappingForm(t, b.get("/impor/"+strconv.FormatInt(id, 10)).want(t, 200).body)
			if form.Get("kolom-0") != "registration_number" || form.Get("kolom-1") != "book_year" {
				t.Errorf("suggested mapping = %v", form)
			}
			b.post("/impor/"+strconv.FormatInt(id, 10)+"/mulai", form).want(t, 303)
			j := s.waitImport(staff, id)
			if want := (imports.Counts{Created: 1, Rejected: 1}); j.Counts != want {
				t.Fatalf("counts = %+v, want %+v (%s)", j.Counts, want, j.Error.ID)
			}
			b.get("/impor/"+strconv.FormatInt(id, 10)).want(t, 200).contains(t, "Laporan tahunan koperasi", "tidak ada di register")
			r, err := s.store.FindAcceptedAnnualReport(ctx, c.ID, 2025)
			if err != nil || r.Source != "import" {
				t.Fatalf("report %+v %v", r, err)
			}
		})
	}
}
