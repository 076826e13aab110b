package web_test

import (
	"net/url"
	"testing"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestRakorPage: staff make a report from the page and see it waiting
// with its progress; asking again while it waits, or for a year without
// data, shows the page again with the reason; a viewer sees the list but
// no form and may not make one.
func TestRakorPage(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSite(t, engine)
			s.mustCreate(enterprise("Keripik Pisang Bu Siti", kualaDua))
			staff := s.signedIn(s.user("sri", bina.RoleStaff, ""))
			staff.get("/laporan/rakor").want(t, 200).contains(t, "Buat laporan", "Belum ada laporan rakor.")
			r := staff.post("/laporan/rakor", url.Values{"tahun": {"2026"}, "tema": {"UMKM naik kelas"}}).want(t, 303)
			if loc := r.header.Get("Location"); loc != "/laporan/rakor" {
				t.Fatalf("after making a report, sent to %q", loc)
			}
			staff.get("/laporan/rakor").want(t, 200).contains(t, "Laporan rakor sedang dibuat", "UMKM naik kelas", "Menunggu",
				`data-report-status="/api/v1/reports/1"`, `<progress max="100" value="0"`)
			staff.post("/laporan/rakor", url.Values{"tahun": {"2026"}}).want(t, 409).contains(t, "Laporan rakor tahun 2026 untuk wilayah ini sedang dibuat")
			staff.post("/laporan/rakor", url.Values{"tahun": {"2001"}}).want(t, 422).contains(t, "Belum ada data untuk tahun 2001")

			viewer := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
			viewer.get("/laporan/rakor").want(t, 200).contains(t, "UMKM naik kelas").lacks(t, `action="/laporan/rakor"`)
			viewer.post("/laporan/rakor", url.Values{"tahun": {"2026"}}).want(t, 403)
		})
	}
}
