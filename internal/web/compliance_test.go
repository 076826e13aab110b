package web_test

import (
	"bytes"
	"context"
	"html"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"bina"
)

// complianceSite registers the cooperatives of the supervision pages (the
// clock is 28 November 2026: book year 2025 was due on 30 June 2026): one
// that held the RAT on time, one that has missed 2024 and 2025, and a KDMP
// founded in 2025 with no units and no RAT yet.
func complianceSite(t *testing.T, s *site) (tepat, absen, kdmp *bina.Cooperative) {
	t.Helper()
	ctx := context.Background()
	tepat = cooperative("KSP Tepat Waktu", kualaDua)
	tepat.Officers = []bina.Officer{{Name: "Gusti Hendra", Role: "ketua", Phone: "081345678901"}}
	s.mustCreateCoop(tepat)
	absen = cooperative("KSP Lama Absen", bina.RegionCode(mandor+".2001"))
	absen.LegalNumber, absen.LegalDate = "12/BH/2010", bina.DateOf(2010, 3, 1)
	absen.Officers = []bina.Officer{{Name: "Utin Sari", Role: "ketua", Phone: "0812-2222-3333"}}
	s.mustCreateCoop(absen)
	kdmp = &bina.Cooperative{Name: "Koperasi Desa Merah Putih Kuala Dua", Jenis: "serba_usaha", KDMP: true, VillageCode: kualaDua,
		LegalNumber: "AHU-0001.AH.01.29.2025", LegalDate: bina.DateOf(2025, 6, 1)}
	s.mustCreateCoop(kdmp)
	for _, x := range []struct {
		id     int64
		year   int
		held   bina.Date
		report bina.Date
	}{
		{tepat.ID, 2025, bina.DateOf(2026, 3, 2), bina.DateOf(2026, 4, 1)},
		{absen.ID, 2023, bina.DateOf(2024, 5, 2), bina.DateOf(2024, 5, 20)},
	} {
		r := bina.RAT{BookYear: x.year, HeldOn: x.held, ReportedOn: x.report, MembersFemale: 12, MembersMale: 9, SimpananPokok: 2_100_000, HealthAssessed: true, HealthResult: "sehat"}
		if err := s.store.SaveRAT(ctx, x.id, r); err != nil {
			t.Fatal(err)
		}
	}
	return tepat, absen, kdmp
}

// TestCompliancePage: the counts per state and per rung with the lists
// behind them, the WhatsApp reminder (none for a viewer, who may not see
// the phone), the export, and the admin's settings.
func TestCompliancePage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		_, absen, _ := complianceSite(t, s)
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		b.get("/koperasi").want(t, 200).contains(t, `<a href="/koperasi/kepatuhan">Kepatuhan RAT</a>`, `<a href="/koperasi/kdmp">`)
		r := b.get("/koperasi/kepatuhan").want(t, 200)
		r.contains(t, "Kepatuhan RAT 2025", "30 Juni 2026", `<label for="f-tahun">`,
			`<a href="/koperasi/kepatuhan?status=belum_rat&tahun=2025">2</a>`,
			"2 tahun tanpa RAT: Teguran tertulis II / pembinaan khusus",
			"KSP Tepat Waktu", "KSP Lama Absen", "https://wa.me/6281222223333?text=",
			"/koperasi/kepatuhan/ekspor?format=xlsx")
		r.lacks(t, "/koperasi/kepatuhan/pengaturan")
		b.get("/koperasi/kepatuhan?tertinggal=2").want(t, 200).contains(t, "KSP Lama Absen").lacks(t, "KSP Tepat Waktu", "Kuala Dua</a>")
		b.get("/koperasi/kepatuhan?status=tepat_waktu&kecamatan=61.12.01").want(t, 200).contains(t, "KSP Tepat Waktu").lacks(t, "KSP Lama Absen")
		b.get("/koperasi/kepatuhan?tahun=1800").want(t, 422)
		b.get("/koperasi/kepatuhan?status=rajin").want(t, 422)
		link := "https://wa.me/6281222223333?text=" + url.QueryEscape("Yth. Pengurus KSP Lama Absen")
		if !strings.Contains(html.UnescapeString(r.body), link) {
			t.Errorf("reminder link %q not in the page", link)
		}

		csv := b.get("/koperasi/kepatuhan/ekspor?format=csv&status=belum_rat").want(t, 200)
		csv.contains(t, "KSP Lama Absen", "Nomor HP pengurus", "081222223333", strconv.FormatInt(absen.ID, 10)).lacks(t, "KSP Tepat Waktu")

		v := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
		v.get("/koperasi/kepatuhan").want(t, 200).contains(t, "Nomor HP disembunyikan untuk peran Anda").lacks(t, "wa.me", "081345678901")
		v.get("/koperasi/kepatuhan/ekspor?format=csv").want(t, 200).contains(t, "KSP Tepat Waktu").lacks(t, "Nomor HP pengurus", "081345678901")
		o := s.signedIn(s.user("pendamping", bina.RoleOfficer, mandor))
		o.get("/koperasi/kepatuhan").want(t, 200).contains(t, "KSP Lama Absen").lacks(t, "KSP Tepat Waktu")
		o.get("/koperasi/kepatuhan?kecamatan=61.12.01").want(t, 404)

		t.Run("settings", func(t *testing.T) {
			b.get("/koperasi/kepatuhan/pengaturan").want(t, 403)
			a := s.signedIn(s.user("admin", bina.RoleAdmin, ""))
			a.get("/koperasi/kepatuhan").want(t, 200).contains(t, "/koperasi/kepatuhan/pengaturan")
			a.get("/koperasi/kepatuhan/pengaturan").want(t, 200).contains(t, `<label for="s-tanggal">`, `value="Usulan pembubaran"`, `name="sanksi_3"`)
			bad := url.Values{"tanggal_rat": {"31"}, "bulan_rat": {"6"}, "bulan_laporan": {"1"}, "tahun_0": {"1"}, "sanksi_0": {"Teguran"}}
			a.post("/koperasi/kepatuhan/pengaturan", bad).want(t, 422).contains(t, "Tanggal batas RAT tidak ada di bulan itu", `value="Teguran"`)
			good := url.Values{"tanggal_rat": {"31"}, "bulan_rat": {"3"}, "bulan_laporan": {"2"}, "tahun_0": {"1"}, "sanksi_0": {"Peringatan lisan"}, "tahun_1": {"3"}, "sanksi_1": {"Usulan pembubaran"}}
			a.post("/koperasi/kepatuhan/pengaturan", good).location(t)
			a.get("/koperasi/kepatuhan").want(t, 200).contains(t, "31 Maret 2026", "31 Mei 2026", "1–2 tahun tanpa RAT: Peringatan lisan")
		})
	})
}

// TestKDMPPage: every desa of the regency with its KDMP's stages, the gaps
// counted, the desa behind a gap, and the export.
func TestKDMPPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		_, _, kdmp := complianceSite(t, s)
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		r := b.get("/koperasi/kdmp").want(t, 200)
		r.contains(t, "Koperasi Desa Merah Putih", "Koperasi Desa Merah Putih Kuala Dua", "Belum berdiri", `href="/koperasi/kdmp?kurang=unit_usaha"`,
			"/koperasi/kdmp/ekspor?format=xlsx")
		b.get("/koperasi/kdmp?kurang=unit_usaha").want(t, 200).contains(t, "Koperasi Desa Merah Putih Kuala Dua")
		b.get("/koperasi/kdmp?kurang=badan_hukum&kecamatan=61.12.01").want(t, 200).lacks(t, "Koperasi Desa Merah Putih Kuala Dua")
		b.get("/koperasi/kdmp?kurang=entah").want(t, 422)
		csv := b.get("/koperasi/kdmp/ekspor?format=csv&kecamatan=61.12.01").want(t, 200)
		csv.contains(t, "61.12.01.2004", "AHU-0001.AH.01.29.2025", strconv.FormatInt(kdmp.ID, 10)).lacks(t, "61.12.02.2001")
	})
}

// TestPerkembanganReport opens the report's .xlsx and checks its totals
// against the register: the live cooperatives, the RATs held and the
// members, savings and health results of the book year's RAT records.
func TestPerkembanganReport(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		complianceSite(t, s)
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		b.get("/koperasi/perkembangan?tahun=2025").want(t, 200).contains(t, "Laporan perkembangan koperasi 2025", "Jumlah koperasi", "Kesehatan: Sehat",
			"/koperasi/perkembangan/ekspor?format=xlsx&tahun=2025")
		res := b.get("/koperasi/perkembangan/ekspor?format=xlsx&tahun=2025").want(t, 200)
		f, err := excelize.OpenReader(bytes.NewReader([]byte(res.body)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil || len(rows) < 3 {
			t.Fatalf("rows %v, %v", rows, err)
		}
		header, total := rows[0], rows[len(rows)-1]
		col := map[string]string{}
		for i, h := range header {
			if i < len(total) {
				col[h] = total[i]
			}
		}
		reg, err := s.store.ListCooperatives(context.Background(), bina.CooperativeFilter{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"Jumlah koperasi": strconv.Itoa(reg.Total), "Melaksanakan RAT": "1", "Anggota perempuan": "12",
			"Jumlah anggota": "21", "Simpanan pokok (Rp)": "2100000", "Kesehatan: Sehat": "1", "Koperasi aktif": "0"}
		for k, v := range want {
			if col[k] != v {
				t.Errorf("%s = %q, want %q (total row %v)", k, col[k], v, total)
			}
		}
		if !strings.HasPrefix(total[1], "Jumlah") || len(rows) != 2+9 {
			t.Errorf("%d rows, total row %v", len(rows), total)
		}
		b.get("/koperasi/perkembangan?tahun=abc").want(t, 422)
	})
}
