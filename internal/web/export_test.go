package web_test

import (
	"context"
	"fmt"
	"html"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"bina"
	"bina/internal/export"
	"bina/internal/fileformat"
	"bina/internal/sheet"
	"bina/internal/sqlstore/sqlstoretest"
)

// readSheet reads a downloaded .xlsx or .csv back with the import's reader.
func readSheet(t *testing.T, name, body string) [][]string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := sheet.Open(p, sheet.Limits{})
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer r.Close()
	var rows [][]string
	for {
		row, err := r.Next()
		if err != nil {
			break
		}
		rows = append(rows, row)
	}
	return rows
}

// download fetches path and checks that it is a download of a file named
// name (a regexp) of content type ctype.
func (b *browser) download(path, ctype, name string) (response, [][]string) {
	b.t.Helper()
	r := b.get(path).want(b.t, http.StatusOK)
	if got := r.header.Get("Content-Type"); !strings.HasPrefix(got, ctype) {
		b.t.Errorf("%s: Content-Type %q, want %q", path, got, ctype)
	}
	_, params, err := mime.ParseMediaType(r.header.Get("Content-Disposition"))
	if err != nil || !regexp.MustCompile("^"+name+"$").MatchString(params["filename"]) {
		b.t.Errorf("%s: Content-Disposition %q, want attachment named %s", path, r.header.Get("Content-Disposition"), name)
	}
	if got := r.header.Get("Cache-Control"); got != "no-store" {
		b.t.Errorf("%s: Cache-Control %q, want no-store", path, got)
	}
	return r, readSheet(b.t, params["filename"], r.body)
}

// column returns the index of header h in rows[0].
func column(t *testing.T, rows [][]string, h string) int {
	t.Helper()
	i := slices.Index(rows[0], h)
	if i < 0 {
		t.Fatalf("no column %q in %q", h, rows[0])
	}
	return i
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// bulk stores n enterprises in village as the system, fast.
func (s *site) bulk(n int, village bina.RegionCode, prefix string) {
	s.t.Helper()
	ents := make([]bina.Enterprise, n)
	for i := range ents {
		ents[i] = *enterprise(fmt.Sprintf("%s %03d", prefix, i), village)
	}
	if err := s.store.BulkLoad(context.Background(), ents, nil); err != nil {
		s.t.Fatal(err)
	}
}

// total returns the register's count for f as u sees it.
func (s *site) total(u *bina.User, f bina.EnterpriseFilter) int {
	s.t.Helper()
	f.Limit = 1
	p, err := s.store.ListEnterprises(bina.WithUser(context.Background(), u), f)
	if err != nil {
		s.t.Fatal(err)
	}
	return p.Total
}

func TestExportEnterprises(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		// More than one page of 200 in Sungai Raya, a few in Kuala Mandor B.
		s.bulk(230, kualaDua, "Usaha Sungai Raya")
		s.bulk(12, mandor+".2001", "Usaha Mandor")
		evil := enterprise("=HYPERLINK(\"http://jahat.example\",\"klik\")", kualaDua)
		evil.Owner.Name = "@Bujang"
		evil.Notes = "+62 812 catatan"
		s.mustCreate(evil)
		binaan := enterprise("Kopi Binaan", kualaDua)
		binaan.Binaan = true
		s.mustCreate(binaan)

		staff := s.user("staf", bina.RoleStaff, "")
		viewer := s.user("pembaca", bina.RoleViewer, "")
		officer := s.user("pendamping", bina.RoleOfficer, mandor)
		ref := sqlstoretest.Reference(t, bina.DefaultConfig())
		sr := bina.EnterpriseFilter{Region: sungaiRaya}
		b := s.signedIn(staff)

		t.Run("xlsx and csv of a filtered list", func(t *testing.T) {
			want := s.total(staff, sr)
			if want != 232 {
				t.Fatalf("fixture: %d in Sungai Raya, want 232", want)
			}
			for _, format := range []string{"xlsx", "csv"} {
				ctype := map[string]string{"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}[format]
				_, rows := b.download("/umkm/ekspor?format="+format+"&kecamatan=61.12.01", ctype, `umkm-sungai-raya-2026-11-28\.`+format)
				if got := rows[0]; !slices.Equal(got, export.BinaLayout(ref, true).Header()) {
					t.Fatalf("%s header %q", format, got)
				}
				if _, missing := fileformat.TemplateBina().MapHeader(rows[0]); len(missing) > 0 {
					t.Errorf("%s: the template misses %q", format, missing)
				}
				if got := len(rows) - 1; got != want {
					t.Errorf("%s: %d rows, want the filtered total %d", format, got, want)
				}
				kec, name, owner, notes, id := column(t, rows, "Kecamatan"), column(t, rows, "Nama Usaha"), column(t, rows, "Nama Pemilik"), column(t, rows, "Catatan"), column(t, rows, "ID Sumber")
				ids := map[string]bool{}
				for _, row := range rows[1:] {
					if cell(row, kec) != "Sungai Raya" {
						t.Fatalf("%s: row outside the filter: %q", format, row)
					}
					if ids[cell(row, id)] {
						t.Fatalf("%s: %s twice: pages overlap", format, cell(row, id))
					}
					ids[cell(row, id)] = true
					if strings.Contains(cell(row, name), "HYPERLINK") {
						if cell(row, name) != `'=HYPERLINK("http://jahat.example","klik")` || cell(row, owner) != "'@Bujang" || cell(row, notes) != "'+62 812 catatan" {
							t.Errorf("%s: not neutralised: %q", format, row)
						}
					}
				}
				nik := column(t, rows, "NIK Pemilik")
				if cell(rows[1], nik) != nik16 {
					t.Errorf("%s: staff's NIK column holds %q", format, cell(rows[1], nik))
				}
			}
		})

		t.Run("viewer gets no personal columns", func(t *testing.T) {
			v := s.signedIn(viewer)
			r, rows := v.download("/umkm/ekspor?format=csv&binaan=ya", "text/csv", `umkm-kubu-raya-2026-11-28\.csv`)
			for _, h := range []string{"NIK Pemilik", "No. HP/WA", "Tanggal Lahir Pemilik", "Alamat Pemilik"} {
				if slices.Contains(rows[0], h) {
					t.Errorf("viewer's export has column %q", h)
				}
			}
			if strings.Contains(r.body, nik16) || strings.Contains(r.body, "081234567890") || strings.Contains(r.body, "****") {
				t.Error("viewer's export holds personal data, masked or not")
			}
			if len(rows) != 2 || rows[1][0] != "Kopi Binaan" {
				t.Errorf("rows %q, want the one binaan", rows)
			}
			if slices.Contains(rows[0], "Nama Pemilik") == false {
				t.Error("the owner's name is not personal data here: keep it")
			}
		})

		t.Run("officer gets their kecamatan only", func(t *testing.T) {
			o := s.signedIn(officer)
			_, rows := o.download("/umkm/ekspor?format=xlsx", "application/vnd.openxmlformats", `umkm-kuala-mandor-b-2026-11-28\.xlsx`)
			if got, want := len(rows)-1, s.total(officer, bina.EnterpriseFilter{}); got != want || got != 12 {
				t.Errorf("%d rows, want %d (12)", got, want)
			}
			kec := column(t, rows, "Kecamatan")
			for _, row := range rows[1:] {
				if cell(row, kec) != "Kuala Mandor B" {
					t.Fatalf("officer's export has %q", row)
				}
			}
			// An officer may see personal data inside their area.
			if !slices.Contains(rows[0], "NIK Pemilik") {
				t.Error("officer's export lacks the NIK column")
			}
		})

		t.Run("sidt", func(t *testing.T) {
			_, rows := b.download("/umkm/ekspor?format=sidt&kecamatan=61.12.02", "text/csv", `umkm-sidt-kuala-mandor-b-2026-11-28\.csv`)
			if got, want := rows[0], headers(fileformat.TemplateSIDT()); !slices.Equal(got, want) || len(got) != 49 {
				t.Fatalf("header %q\nwant the 49 SIDT columns", got)
			}
			if _, missing := fileformat.TemplateSIDT().MapHeader(rows[0]); len(missing) > 0 {
				t.Errorf("MapHeader misses %q", missing)
			}
			if len(rows)-1 != 12 {
				t.Errorf("%d rows, want 12", len(rows)-1)
			}
			row := rows[1]
			for h, want := range map[string]string{"nik_pengusaha": nik16, "kec_usaha": "Kuala Mandor B", "kab_usaha": "Kabupaten Kubu Raya",
				"kode_kbli": "10794", "kategori_kbli": "C", "modal_pendirian": "15000000", "omzet_tahunan": "120000000", "skala_usaha": "Mikro"} {
				if got := cell(row, column(t, rows, h)); got != want {
					t.Errorf("%s = %q, want %q", h, got, want)
				}
			}
			if id := cell(row, column(t, rows, "id_data_badan_usaha")); !strings.HasPrefix(id, "bina-") {
				t.Errorf("id_data_badan_usaha %q", id)
			}
			// A viewer gets the 49 columns with the personal ones blank.
			_, vrows := s.signedIn(viewer).download("/umkm/ekspor?format=sidt&kecamatan=61.12.02", "text/csv", `.*\.csv`)
			if !slices.Equal(vrows[0], rows[0]) {
				t.Error("viewer's SIDT header differs")
			}
			for _, h := range []string{"nik_pengusaha", "kontak_hp", "tanggal_lahir", "alamat_pengusaha"} {
				if got := cell(vrows[1], column(t, vrows, h)); got != "" {
					t.Errorf("viewer's %s = %q", h, got)
				}
			}
		})

		t.Run("bad requests are pages", func(t *testing.T) {
			for _, path := range []string{"/umkm/ekspor?format=pdf", "/umkm/ekspor?skala=raksasa", "/umkm/ekspor?kecamatan=99.99.99"} {
				r := b.get(path)
				if r.status != http.StatusUnprocessableEntity || r.header.Get("Content-Disposition") != "" || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
					t.Errorf("%s: %d %q %q, want a 422 page", path, r.status, r.header.Get("Content-Type"), r.header.Get("Content-Disposition"))
				}
			}
			s.browser().get("/umkm/ekspor?format=csv").location(t) // anonymous: sign in first
		})

		t.Run("logged without data", func(t *testing.T) {
			log := s.log.String()
			if !regexp.MustCompile(`msg=export what=umkm format=xlsx personal_data=true user=staf .*filter\.region=61\.12\.01 .*rows=232`).MatchString(log) {
				t.Errorf("no export line for staff's xlsx in the log:\n%s", log)
			}
			if !strings.Contains(log, "personal_data=false user=pembaca") {
				t.Error("the viewer's export is not logged")
			}
			for _, secret := range []string{nik16, "081234567890", "Siti Aminah", "Bujang"} {
				if strings.Contains(log, secret) {
					t.Errorf("the log holds %q", secret)
				}
			}
		})

		t.Run("list links keep the filter", func(t *testing.T) {
			r := b.get("/umkm?kecamatan=61.12.01&urut=-id").want(t, 200)
			body := html.UnescapeString(r.body)
			for _, want := range []string{
				`href="/umkm/ekspor?format=xlsx&kecamatan=61.12.01&urut=-id"`,
				`href="/umkm/ekspor?format=csv&kecamatan=61.12.01&urut=-id"`,
				`href="/umkm/ekspor?format=sidt&kecamatan=61.12.01&urut=-id"`,
				`href="/umkm/templat.xlsx"`, "Unduh Excel", "Unduh CSV",
			} {
				if !strings.Contains(body, want) {
					t.Errorf("list page lacks %s", want)
				}
			}
			// Excel is the primary download; CSV says that it is meant
			// for other systems.
			if !regexp.MustCompile(`<a class="button primary" href="/umkm/ekspor\?format=xlsx[^"]*" download>`).MatchString(body) {
				t.Error("the Excel download is not the primary button")
			}
			if !regexp.MustCompile(`<a class="button quiet" href="/umkm/ekspor\?format=csv[^"]*" download aria-describedby="download-note-csv">`).MatchString(body) ||
				!strings.Contains(body, "CSV untuk sistem lain") {
				t.Error("the CSV download does not say that it is meant for other systems")
			}
			next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(r.body)
			if next == nil {
				t.Fatal("no next page")
			}
			p2 := html.UnescapeString(b.get(html.UnescapeString(next[1])).want(t, 200).body)
			if !strings.Contains(p2, "/umkm/ekspor?") || regexp.MustCompile(`/umkm/ekspor\?[^"]*cursor`).MatchString(p2) {
				t.Error("the second page's export links are missing or carry its cursor: they must export the whole list")
			}
			s.signedIn(viewer).get("/umkm").want(t, 200).contains(t, "Data pribadi tidak ikut diunduh untuk peran Anda.").lacks(t, "/umkm/templat.xlsx")
		})
	})
}

// nik16 is the NIK of the test enterprises (web_test.go).
const nik16 = nik

func headers(tp fileformat.Template) []string {
	var out []string
	for _, c := range tp.Columns {
		out = append(out, c.Header)
	}
	return out
}

func TestExportCooperatives(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		for i := 0; i < 3; i++ {
			c := cooperative(fmt.Sprintf("KSP Kuala Dua %d", i), kualaDua)
			c.Officers = []bina.Officer{{Name: "Budi", Role: "ketua", Phone: "081200000001"}}
			s.mustCreateCoop(c)
		}
		s.mustCreateCoop(cooperative("KSP Mandor", mandor+".2001"))
		staff := s.user("staf", bina.RoleStaff, "")
		viewer := s.user("pembaca", bina.RoleViewer, "")

		_, rows := s.signedIn(staff).download("/koperasi/ekspor?format=xlsx&kecamatan=61.12.01", "application/vnd.openxmlformats", `koperasi-sungai-raya-2026-11-28\.xlsx`)
		if _, missing := fileformat.TemplateKoperasi().MapHeader(rows[0]); len(missing) > 0 {
			t.Errorf("the ministry's template misses %q", missing)
		}
		if len(rows) != 4 {
			t.Fatalf("%d rows, want a header and 3", len(rows))
		}
		if got := cell(rows[1], column(t, rows, "HP Pengurus")); got != "Ketua: 081200000001" {
			t.Errorf("HP Pengurus %q", got)
		}
		if got := cell(rows[1], column(t, rows, "Jenis Koperasi")); got != "Simpan Pinjam (KSP)" {
			t.Errorf("Jenis Koperasi %q", got)
		}

		r, vrows := s.signedIn(viewer).download("/koperasi/ekspor?format=csv", "text/csv", `koperasi-kubu-raya-2026-11-28\.csv`)
		if slices.Contains(vrows[0], "HP Pengurus") || strings.Contains(r.body, "081200000001") {
			t.Error("viewer's export holds the board's phones")
		}
		if len(vrows) != 5 {
			t.Errorf("%d rows, want a header and 4", len(vrows))
		}
		s.signedIn(staff).get("/koperasi?jenis=simpan_pinjam").want(t, 200).contains(t,
			`href="/koperasi/ekspor?format=xlsx&jenis=simpan_pinjam"`, `href="/koperasi/templat.xlsx"`).lacks(t, "format=sidt")
	})
}

func TestTemplateDownloads(t *testing.T) {
	s := newSite(t, "sqlite")
	b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
	for _, tc := range []struct {
		path, name string
		tp         fileformat.Template
		want       []string
	}{
		{"/umkm/templat.xlsx", "templat-umkm.xlsx", fileformat.TemplateBina(), headers(fileformat.TemplateBina())},
		{"/koperasi/templat.xlsx", "templat-koperasi.xlsx", fileformat.TemplateKoperasi(), nil},
	} {
		r := b.get(tc.path).want(t, 200)
		if ct := r.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("%s: Content-Type %q", tc.path, ct)
		}
		if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, tc.name) {
			t.Errorf("%s: Content-Disposition %q", tc.path, cd)
		}
		rows := readSheet(t, tc.name, r.body)
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows, want the header only", tc.path, len(rows))
		}
		if tc.want != nil && !slices.Equal(rows[0], tc.want) {
			t.Errorf("%s: header %q\nwant %q", tc.path, rows[0], tc.want)
		}
		if _, missing := tc.tp.MapHeader(rows[0]); len(missing) > 0 {
			t.Errorf("%s: template %s misses %q", tc.path, tc.tp.Name, missing)
		}
	}
}
