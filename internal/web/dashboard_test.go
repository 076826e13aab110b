package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/web"
)

// TestDashboards opens the dashboards as an admin and as a field officer:
// every theme's indicators show in catalogue order with figures that link
// to their records, the charts are SVG with their tables, the filter
// keeps the year and region, a year without data says so, and an officer
// sees only the area.
func TestDashboards(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		for _, v := range []bina.RegionCode{kualaDua, kualaDua, "61.12.01.2001", mandor + ".2001"} {
			s.mustCreate(enterprise("Usaha "+string(v), v))
		}
		s.mustCreateCoop(cooperative("Koperasi Kuala Dua", kualaDua))
		a := s.signedIn(s.user("admin.dinas", bina.RoleAdmin, ""))
		r := a.get("/dasbor").want(t, 200).contains(t, "Dasbor", "UMKM terdaftar", "Koperasi terdaftar", "Program pembinaan",
			`href="/umkm"><span class="card-number">4</span>`, `href="/dasbor/umkm"`, `href="/dasbor/kualitas-data"`,
			`href="/dasbor/indikator/umkm_registered"`, `<select id="f-tahun" name="tahun">`, `name="kecamatan"`)
		// The catalogue's order inside a theme.
		if i, j := strings.Index(r.body, "UMKM terdaftar"), strings.Index(r.body, "UMKM terverifikasi"); i < 0 || j < i {
			t.Errorf("UMKM terdaftar at %d, terverifikasi at %d", i, j)
		}
		// Last year holds no record yet: no change is shown.
		r.lacks(t, "dibanding 2025")
		// Once it does (a programme of 2025), the change from last year
		// shows on indicators with History.
		s.mustProgramme("Pelatihan 2025", bina.DateOf(2025, 3, 1))
		a.get("/dasbor").want(t, 200).contains(t, "+4", "dibanding 2025")

		th := a.get("/dasbor/umkm").want(t, 200).contains(t, "Dasbor UMKM", `<svg xmlns="http://www.w3.org/2000/svg"`,
			"UMKM terdaftar menurut wilayah", "UMKM terdaftar menurut skala usaha", `<a href="/umkm?kecamatan=61.12.01">3</a>`,
			`<caption class="sr-only">UMKM terdaftar menurut wilayah</caption>`)
		if strings.Contains(th.body, "Program pembinaan") && strings.Contains(th.body, `id="h-programmes"`) {
			t.Error("the UMKM dashboard shows a pembinaan indicator")
		}
		for _, theme := range []string{"pembinaan", "koperasi", "kualitas-data"} {
			a.get("/dasbor/"+theme).want(t, 200)
		}
		a.get("/dasbor/tidak-ada").want(t, 404)
		// A kecamatan chosen: the figures of its desa, the filter kept in
		// the links to the other dashboards.
		a.get("/dasbor/umkm?kecamatan=61.12.01").want(t, 200).contains(t, "Sungai Raya",
			`href="/dasbor/koperasi?kecamatan=61.12.01"`, `<option value="61.12.01" selected>`, `<a href="/umkm?desa=61.12.01.2004&kecamatan=61.12.01">2</a>`)
		// A past year: only indicators with History, and none has data.
		a.get("/dasbor?tahun=2023").want(t, 200).contains(t, "Belum ada data untuk tahun 2023").lacks(t, "UMKM terverifikasi")
		a.get("/dasbor?tahun=1999").want(t, 422).contains(t, "Tahun \"1999\" tidak tersedia")

		// The indicator page: metadata, map of the kecamatan, breakdowns.
		ip := a.get("/dasbor/indikator/umkm_registered").want(t, 200).contains(t, "Metadata indikator", "Definisi",
			"Jumlah UMKM yang tercatat", `id="peta-umkm_registered-areas"`, "Sungai Raya: 3 unit usaha", "tidak ada data", "BIG")
		if n := strings.Count(ip.body, "<svg"); n < 4 {
			t.Errorf("%d charts on the indicator page", n)
		}
		a.get("/dasbor/indikator/umkm_registered?kecamatan=61.12.01").want(t, 200).contains(t, "Kuala Dua: 2 unit usaha")
		a.get("/dasbor/indikator/umkm_registered?desa="+string(kualaDua)).want(t, 200).contains(t, "Satu desa tidak punya wilayah")
		a.get("/dasbor/indikator/programmes").want(t, 200).contains(t, "tidak dirinci menurut wilayah")
		a.get("/dasbor/indikator/umkm_verified?tahun=2024").want(t, 200).contains(t, "hanya tersedia untuk tahun berjalan")
		a.get("/dasbor/indikator/tidak_ada").want(t, 404)

		// In English.
		en := s.signedIn(s.user("admin.en", bina.RoleAdmin, ""))
		base, _ := url.Parse(s.srv.URL)
		en.c.Jar.SetCookies(base, []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		en.get("/dasbor/umkm").want(t, 200).contains(t, "Dashboard UMKM", "Registered UMKM by region", "Table of figures", "compared with 2025")
		en.get("/dasbor/indikator/umkm_registered").want(t, 200).contains(t, "Indicator metadata", "Micro, small and medium businesses recorded")

		// Businesses with coordinates on the desa map of a kecamatan,
		// only for accounts that may see addresses.
		e := enterprise("Keripik Bertitik", kualaDua)
		lat, lon := -0.08, 109.38
		e.Latitude, e.Longitude = &lat, &lon
		s.mustCreate(e)
		a.get("/dasbor/indikator/umkm_registered?kecamatan=61.12.01").want(t, 200).contains(t, "Tampilkan lokasi usaha pada peta").lacks(t, "Keripik Bertitik")
		a.get("/dasbor/indikator/umkm_registered?kecamatan=61.12.01&lokasi=ya").want(t, 200).
			contains(t, "<title>Keripik Bertitik</title>", "1 lokasi usaha ditampilkan", "Sembunyikan lokasi usaha")
		viewer := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
		viewer.get("/dasbor/indikator/umkm_registered?kecamatan=61.12.01&lokasi=ya").want(t, 200).
			contains(t, "Kuala Dua: 3 unit usaha").lacks(t, "Keripik Bertitik", "lokasi usaha")

		// An officer of Sungai Raya sees the area only.
		o := s.signedIn(s.user("petugas.sr", bina.RoleOfficer, sungaiRaya))
		o.get("/dasbor").want(t, 200).contains(t, `<span class="card-number">4</span>`).lacks(t, `<span class="card-number">5</span>`)
		o.get("/dasbor/indikator/umkm_registered").want(t, 200).contains(t, "Kuala Dua: 3 unit usaha").lacks(t, "Kubu: ")
		o.get("/dasbor?kecamatan="+string(mandor)).want(t, 404)
	})
}

// uploadBoundaries posts a boundary file to the map settings.
func (b *browser) uploadBoundaries(level, name string, data []byte) response {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", b.csrf)
	mw.WriteField("level", level)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", b.s.srv.URL+"/pengaturan/peta", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// square is a GeoJSON feature of a small square with a code.
func square(code string, x float64) string {
	return `{"type":"Feature","properties":{"kode":"` + code + `","nama":"Wilayah ` + code + `"},"geometry":{"type":"Polygon","coordinates":[[[` +
		ftoa(109+x) + `,0],[` + ftoa(109.1+x) + `,0],[` + ftoa(109.1+x) + `,0.1],[` + ftoa(109+x) + `,0.1],[` + ftoa(109+x) + `,0]]]}}`
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// TestBoundaryUpload: an admin replaces the kecamatan boundaries with the
// office's own file; a file that is not GeoJSON, or holds codes of other
// regions, is refused with the reason and the boundaries in use stay.
func TestBoundaryUpload(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		s.mustCreate(enterprise("Usaha Kuala Dua", kualaDua))
		a := s.signedIn(s.user("admin.dinas", bina.RoleAdmin, ""))
		a.get("/pengaturan/peta").want(t, 200).contains(t, "Pengaturan peta", "Bawaan")
		s.signedIn(s.user("staf", bina.RoleStaff, "")).get("/pengaturan/peta").want(t, 403)

		a.uploadBoundaries("3", "batas.geojson", []byte("<html>bukan peta</html>")).want(t, 422).contains(t, "bukan GeoJSON", "Batas wilayah yang dipakai tidak berubah")
		big := bytes.Repeat([]byte(" "), web.MaxBoundaryFile+1<<20)
		a.uploadBoundaries("3", "besar.geojson", big).contains(t, "Berkas terlalu besar; paling besar 16 MB")
		a.uploadBoundaries("3", "kosong.geojson", []byte(`{"type":"FeatureCollection","features":[]}`)).want(t, 422).contains(t, "tidak memuat satu pun wilayah")
		bad := `{"type":"FeatureCollection","features":[` + square("61.12.01", 0) + `,` + square("61.71.01", 1) + `,` + square("61.71.02", 2) + `]}`
		a.uploadBoundaries("3", "batas.geojson", []byte(bad)).want(t, 422).contains(t, "2 kode tidak cocok dengan wilayah yang diharapkan: 61.71.01, 61.71.02")
		a.get("/dasbor/indikator/umkm_registered").want(t, 200).contains(t, "BIG", "Sungai Raya: 1 unit usaha")

		good := `{"type":"FeatureCollection","features":[` + square("61.12.01", 0) + `,` + square("61.12.02", 1) + `]}`
		r := a.uploadBoundaries("3", "kecamatan-resmi.geojson", []byte(good))
		if r.status != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", r.status, excerpt(r.body))
		}
		a.get("/pengaturan/peta").want(t, 200).contains(t, "kecamatan-resmi.geojson", "Batas wilayah disimpan")
		m := a.get("/dasbor/indikator/umkm_registered").want(t, 200).contains(t, "Batas wilayah: kecamatan-resmi.geojson", "Sungai Raya: 1 unit usaha")
		if n := len(regexp.MustCompile(`<path d="M[^"]*" fill="[^"]*"><title>`).FindAllString(m.body, -1)); n != 2 {
			t.Errorf("%d regions on the uploaded map, want 2", n)
		}
	})
}

// TestDashboardsInEnglish: on the English pages the keys of the
// breakdowns (sizes, KBLI sections, disability, certificate kinds,
// cooperative types, records without a value) are English, on the
// Indonesian pages Indonesian.
func TestDashboardsInEnglish(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		e := enterprise("Keripik Nanas", kualaDua)
		e.KBLI = []bina.KBLICode{{Version: bina.KBLI2020, Code: "47111"}}
		e = s.mustCreate(e)
		c := coaching.Certificate{EnterpriseID: e.ID, Kind: coaching.CertHalal, Number: "ID32110000474710722", IssuedOn: bina.DateOf(2026, 3, 1)}
		if err := s.store.CreateCertificate(context.Background(), &c); err != nil {
			t.Fatal(err)
		}
		none := enterprise("Tanpa KBLI", kualaDua) // a key "Not recorded"
		none.KBLI = nil
		s.mustCreate(none)
		s.mustCreateCoop(cooperative("Koperasi Kuala Dua", kualaDua))
		id := s.signedIn(s.user("admin.id", bina.RoleAdmin, ""))
		en := s.signedIn(s.user("admin.en", bina.RoleAdmin, ""))
		base, _ := url.Parse(s.srv.URL)
		en.c.Jar.SetCookies(base, []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})

		id.get("/dasbor/umkm").want(t, 200).contains(t, "Penyandang disabilitas", "Perdagangan Besar dan Eceran", ">Mikro<").
			lacks(t, "With a disability", "Wholesale and retail trade")
		en.get("/dasbor/umkm").want(t, 200).contains(t, "<th scope=\"row\">With a disability</th>", "<th scope=\"row\">Wholesale and retail trade; vehicle repair</th>",
			"<th scope=\"row\">Micro</th>", "<th scope=\"row\">Not recorded</th>", ">Micro</text>").
			lacks(t, "Penyandang disabilitas", "Perdagangan Besar dan Eceran", ">Mikro<", "Tidak diisi")
		en.get("/dasbor/pembinaan").want(t, 200).contains(t, "<th scope=\"row\">Halal certificate</th>", "<th scope=\"row\">2026</th>").
			lacks(t, "Sertifikat halal")
		en.get("/dasbor/koperasi").want(t, 200).contains(t, "<th scope=\"row\">Savings and loan</th>").lacks(t, "Simpan Pinjam (KSP)")
	})
}

// TestDashboardLastImportWithoutImport: before any import the days since
// the last import have no figure, and the tile says why in the page's
// language.
func TestDashboardLastImportWithoutImport(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		s.mustCreate(enterprise("Keripik Nanas", kualaDua))
		id := s.signedIn(s.user("admin.id", bina.RoleAdmin, ""))
		en := s.signedIn(s.user("admin.en", bina.RoleAdmin, ""))
		base, _ := url.Parse(s.srv.URL)
		en.c.Jar.SetCookies(base, []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		id.get("/dasbor/kualitas-data").want(t, 200).contains(t, `<span class="card-number">—</span> <span class="card-label">Hari sejak impor terakhir</span> <span class="card-sub">belum pernah ada impor</span>`)
		en.get("/dasbor/kualitas-data").want(t, 200).contains(t, `<span class="card-number">—</span> <span class="card-label">Days since the last import</span> <span class="card-sub">no import yet</span>`)
		en.get("/dasbor/indikator/dq_last_import").want(t, 200).contains(t, "no import yet", "no value when there has been none")
	})
}
