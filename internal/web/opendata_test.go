package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/export"
	"bina/internal/sqlstore/sqlstoretest"
)

// openDataTable reads an open-data CSV: its header and rows.
func openDataTable(t *testing.T, body string) ([]string, [][]string) {
	t.Helper()
	rows := readSheet(t, "data.csv", body)
	if len(rows) < 2 {
		t.Fatalf("open data has %d rows", len(rows))
	}
	return rows[0], rows[1:]
}

func TestOpenData(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		// Sungai Raya: 18 mikro making crackers (10 binaan), 2 kecil
		// traders: small cells. Kuala Mandor B: 6 mikro oil palm growers.
		var ents []bina.Enterprise
		for i := 0; i < 20; i++ {
			e := enterprise(fmt.Sprintf("Kerupuk %02d", i), kualaDua)
			e.Binaan = i < 10
			if i >= 18 {
				e.Sales = []bina.AnnualSales{{Year: 2025, Amount: 3_000_000_000}}
				e.KBLI = []bina.KBLICode{{Version: bina.KBLI2020, Code: "47111"}}
			}
			ents = append(ents, *e)
		}
		for i := 0; i < 6; i++ {
			e := enterprise(fmt.Sprintf("Sawit %02d", i), mandor+".2001")
			e.KBLI = []bina.KBLICode{{Version: bina.KBLI2020, Code: "01262"}}
			e.Binaan = i < 3
			ents = append(ents, *e)
		}
		noKBLI := enterprise("Tanpa KBLI", mandor+".2001")
		noKBLI.KBLI = nil
		ents = append(ents, *noKBLI)
		var coops []bina.Cooperative
		for i := 0; i < 5; i++ {
			c := cooperative(fmt.Sprintf("KSP %d", i), kualaDua)
			if i < 4 {
				c.RATs = []bina.RAT{{BookYear: 2025, HeldOn: bina.DateOf(2026, 3, 1)}}
			}
			coops = append(coops, *c)
		}
		kons := cooperative("Koperasi Konsumen Mandor", mandor+".2001")
		kons.Jenis = "konsumen"
		coops = append(coops, *kons)
		if err := s.store.BulkLoad(context.Background(), ents, coops); err != nil {
			t.Fatal(err)
		}
		total := s.total(nil, bina.EnterpriseFilter{})
		if total != 27 {
			t.Fatalf("fixture: %d enterprises", total)
		}
		anon := s.browser()
		ref := sqlstoretest.Reference(t, bina.DefaultConfig())
		ref.Now = func() time.Time { return sqlstoretest.Now }

		wantHeader := func(cat string) []string {
			return []string{"kode_provinsi", "nama_provinsi", "kode_kabupaten_kota", "nama_kabupaten_kota", "kode_kecamatan", "nama_kecamatan", cat, "jumlah_umkm", "satuan", "tahun"}
		}
		for _, tc := range []struct {
			kategori, column string
			shown            map[string]string // "kecamatan|category" → cell
		}{
			{"skala", "skala_usaha", map[string]string{"Sungai Raya|Mikro": "x", "Sungai Raya|Kecil": "<3", "Kuala Mandor B|Mikro": "7", "Kuala Mandor B|Kecil": "0"}},
			{"kbli", "kategori_kbli", map[string]string{"Sungai Raya|C - Industri Pengolahan": "x", "Sungai Raya|G - Perdagangan Besar dan Eceran; Reparasi Kendaraan": "<3",
				"Kuala Mandor B|A - Pertanian, Kehutanan dan Perikanan": "x", "Kuala Mandor B|Belum diketahui": "<3", "Kuala Mandor B|C - Industri Pengolahan": "0"}},
			{"status", "status_usaha", map[string]string{"Sungai Raya|Aktif": "20", "Kuala Mandor B|Aktif": "7", "Teluk Pakedai|Aktif": "0"}},
			{"binaan", "status_binaan", map[string]string{"Sungai Raya|Binaan": "10", "Sungai Raya|Bukan binaan": "10", "Kuala Mandor B|Binaan": "3", "Kuala Mandor B|Bukan binaan": "4"}},
		} {
			t.Run(tc.kategori, func(t *testing.T) {
				r := anon.get("/data-terbuka/umkm.csv?kategori="+tc.kategori).want(t, 200)
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
					t.Errorf("Content-Type %q", ct)
				}
				if cc := r.header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
					t.Errorf("Cache-Control %q", cc)
				}
				header, rows := openDataTable(t, r.body)
				if !slices.Equal(header, wantHeader(tc.column)) {
					t.Fatalf("header %q", header)
				}
				// Every kecamatan of Kubu Raya, every category.
				cat, _ := export.OpenDataCategoryOf(export.EnterpriseOpenData, tc.kategori)
				if len(rows) != 9*len(cat.Values) {
					t.Errorf("%d rows, want 9 kecamatan × %d", len(rows), len(cat.Values))
				}
				got := map[string]string{}
				sum := 0
				for _, row := range rows {
					if row[0] != "61" || row[1] != "Kalimantan Barat" || row[2] != "6112" || row[3] != "Kabupaten Kubu Raya" || !strings.HasPrefix(row[4], "6112") || row[8] != "unit" || row[9] != "2026" {
						t.Fatalf("row %q", row)
					}
					got[row[5]+"|"+row[6]] = row[7]
					if n, err := strconv.Atoi(row[7]); err == nil {
						sum += n
					}
				}
				for k, want := range tc.shown {
					if got[k] != want {
						t.Errorf("%s = %q, want %q", k, got[k], want)
					}
				}
				// The sums equal the register: the table's counts always,
				// the published cells where nothing is withheld.
				tb, err := export.EnterpriseOpenDataTable(bina.WithUser(context.Background(), &bina.User{Role: bina.RoleViewer}), s.store, ref, tc.kategori, 0)
				if err != nil {
					t.Fatal(err)
				}
				if tb.Total() != total {
					t.Errorf("table counts %d, register %d", tb.Total(), total)
				}
				if tc.kategori == "status" || tc.kategori == "binaan" {
					if sum != total {
						t.Errorf("published cells add up to %d, register %d", sum, total)
					}
				}
				for _, secret := range []string{nik, "081234567890", "Siti Aminah", "Kerupuk 0", "Sawit"} {
					if strings.Contains(r.body, secret) {
						t.Errorf("open data holds %q", secret)
					}
				}
			})
		}
		t.Run("the same table for everyone", func(t *testing.T) {
			officer := s.signedIn(s.user("pendamping", bina.RoleOfficer, mandor))
			a := anon.get("/data-terbuka/umkm.csv?kategori=binaan").body
			o := officer.get("/data-terbuka/umkm.csv?kategori=binaan").body
			if a != o {
				t.Error("an officer gets another table than the public")
			}
		})
		t.Run("koperasi", func(t *testing.T) {
			for _, tc := range []struct {
				kategori string
				shown    map[string]string
			}{
				{"jenis", map[string]string{"Sungai Raya|Simpan Pinjam (KSP)": "5", "Kuala Mandor B|Konsumen": "1", "Kuala Mandor B|Simpan Pinjam (KSP)": "0"}},
				{"keaktifan", map[string]string{"Sungai Raya|Aktif": "4", "Sungai Raya|Tidak aktif": "1", "Kuala Mandor B|Tidak aktif": "1", "Kuala Mandor B|Aktif": "0"}},
			} {
				r := anon.get("/data-terbuka/koperasi.csv?kategori="+tc.kategori+"&tahun=2026").want(t, 200)
				header, rows := openDataTable(t, r.body)
				if header[7] != "jumlah_koperasi" {
					t.Errorf("header %q", header)
				}
				got := map[string]string{}
				for _, row := range rows {
					got[row[5]+"|"+row[6]] = row[7]
				}
				for k, want := range tc.shown {
					if got[k] != want {
						t.Errorf("%s: %s = %q, want %q", tc.kategori, k, got[k], want)
					}
				}
			}
			// Cooperatives are legal entities: Sungai Raya's one inactive
			// cooperative and Kuala Mandor B's one konsumen are published.
		})
		t.Run("bad requests", func(t *testing.T) {
			for _, q := range []string{"umkm.csv?kategori=nama", "umkm.json?tahun=2025", "umkm.csv?tahun=dua", "umkm-desa.csv?kategori=skala", "program.json?tahun=2024"} {
				if r := anon.get("/data-terbuka/" + q); r.status != http.StatusUnprocessableEntity {
					t.Errorf("%s: %d, want 422", q, r.status)
				}
			}
		})
	})
}

// openDataJSON is a dataset's JSON as a portal reads it.
type openDataJSON struct {
	Metadata export.OpenDataMetadata `json:"metadata"`
	Data     []map[string]any        `json:"data"`
}

// TestOpenDataPage opens /data-terbuka as the public and follows every
// download: each answers, its CSV and JSON parse and agree, the JSON has
// the metadata, nothing personal is in any of them; small counts of
// people in a small desa are withheld, cooperatives are not; unknown
// datasets and extensions are 404; a repeated download is 304.
func TestOpenDataPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		// Sungai Raya: 20 businesses in Kuala Dua (two of them men's),
		// 2 in the desa Sungai Raya (a small cell), 8 in Tebang Kacang.
		// Kuala Mandor B: one cooperative.
		var ents []bina.Enterprise
		add := func(n int, village bina.RegionCode, men int) {
			for i := 0; i < n; i++ {
				e := enterprise(fmt.Sprintf("Usaha %s %02d", village, i), village)
				if i < men {
					e.Owner.Name, e.Owner.Gender = "Budi Santoso", "L"
				}
				ents = append(ents, *e)
			}
		}
		add(20, kualaDua, 2)
		add(2, "61.12.01.2001", 0)
		add(8, "61.12.01.2005", 0)
		coops := []bina.Cooperative{*cooperative("Koperasi Konsumen Mandor", mandor+".2001")}
		if err := s.store.BulkLoad(context.Background(), ents, coops); err != nil {
			t.Fatal(err)
		}
		anon := s.browser()
		page := anon.get("/data-terbuka").want(t, 200).contains(t, "Data terbuka", "CC BY 4.0", "Dinas Koperasi dan UMKM Kabupaten Kubu Raya",
			export.SuppressedSmall, export.SuppressedOther, "dirahasiakan: 1 atau 2 unit")
		links := regexp.MustCompile(`href="(/data-terbuka/[^"]+)"`).FindAllStringSubmatch(page.body, -1)
		if len(links) != 2*len(export.OpenDatasets) {
			t.Errorf("%d download links, want CSV and JSON of %d datasets", len(links), len(export.OpenDatasets))
		}
		csvs := map[string][][]string{}
		for _, d := range export.OpenDatasets {
			page.contains(t, d.Title.ID)
			for _, ext := range []string{"csv", "json"} {
				if !slices.ContainsFunc(links, func(m []string) bool { return m[1] == "/data-terbuka/"+d.Name+"."+ext }) {
					t.Errorf("the page does not link %s.%s", d.Name, ext)
				}
			}
		}
		for _, m := range links {
			link := m[1]
			t.Run(strings.TrimPrefix(link, "/data-terbuka/"), func(t *testing.T) {
				r := anon.get(link).want(t, 200)
				for _, secret := range []string{nik, "081234567890", "Siti Aminah", "Budi Santoso", "Usaha 61"} {
					if strings.Contains(r.body, secret) {
						t.Errorf("%s holds %q", link, secret)
					}
				}
				name, ext, _ := strings.Cut(strings.TrimPrefix(link, "/data-terbuka/"), ".")
				d, _ := export.OpenDatasetByName(name)
				if ext == "csv" {
					header, rows := openDataTable(t, r.body)
					if header[0] != "kode_provinsi" || header[len(header)-1] != "tahun" {
						t.Errorf("header %q", header)
					}
					if !strings.Contains(r.header.Get("Link"), "/data-terbuka/"+name+".json") {
						t.Errorf("Link %q does not point to the metadata", r.header.Get("Link"))
					}
					csvs[name] = append([][]string{header}, rows...)
					return
				}
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Errorf("Content-Type %q", ct)
				}
				var j openDataJSON
				if err := json.Unmarshal([]byte(r.body), &j); err != nil {
					t.Fatalf("JSON: %v", err)
				}
				m := j.Metadata
				if m.Dataset != name || m.Judul != d.Title.ID || m.Lisensi != "CC BY 4.0" || m.Produsen != "Dinas Koperasi dan UMKM Kabupaten Kubu Raya" ||
					m.Cakupan != "Kabupaten Kubu Raya" || m.TahunAkhir != 2026 || m.Kerahasiaan.Ambang != export.SmallCell {
					t.Errorf("metadata %+v", m)
				}
				// The register changed; there are no programmes yet.
				if (m.Diperbarui == "") != (d.Subject == "programme" || d.Subject == "participant") {
					t.Errorf("%s: updated %q", d.Subject, m.Diperbarui)
				}
				if m.Kerahasiaan.Diterapkan != d.People || (d.People && m.Kerahasiaan.Tanda[export.SuppressedSmall] == "") {
					t.Errorf("secrecy %+v of a dataset of people: %v", m.Kerahasiaan, d.People)
				}
				csv := csvs[name]
				if len(csv) == 0 {
					t.Fatal("the CSV came first")
				}
				if !slices.Equal(m.Kolom, csv[0]) || len(j.Data) != len(csv)-1 {
					t.Fatalf("JSON columns %q and %d rows, CSV %q and %d rows", m.Kolom, len(j.Data), csv[0], len(csv)-1)
				}
				for i, row := range j.Data {
					for c, col := range m.Kolom {
						if got := fmt.Sprint(row[col]); got != csv[i+1][c] {
							t.Fatalf("row %d %s: JSON %q, CSV %q", i, col, got, csv[i+1][c])
						}
					}
				}
			})
		}

		t.Run("a small desa is withheld", func(t *testing.T) {
			shown := map[string]string{}
			for _, row := range csvs["umkm-desa"][1:] {
				shown[row[7]] = row[8]
			}
			want := map[string]string{"Kuala Dua": "20", "Sungai Raya": export.SuppressedSmall, "Tebang Kacang": export.SuppressedOther, "Kapur": "0"}
			for desa, w := range want {
				if shown[desa] != w {
					t.Errorf("%s: %q, want %q", desa, shown[desa], w)
				}
			}
			gender := map[string]string{}
			for _, row := range csvs["umkm-pemilik"][1:] {
				gender[row[5]+"|"+row[6]] = row[7]
			}
			if gender["Sungai Raya|Laki-laki"] != export.SuppressedSmall || gender["Sungai Raya|Perempuan"] != export.SuppressedOther {
				t.Errorf("owners by sex in Sungai Raya: %v", gender)
			}
		})
		t.Run("a cooperative is not withheld", func(t *testing.T) {
			for _, name := range []string{"koperasi", "koperasi-aktif"} {
				found := false
				for _, row := range csvs[name][1:] {
					if row[5] == "Kuala Mandor B" && row[7] == "1" {
						found = true
					}
					if row[7] == export.SuppressedSmall || row[7] == export.SuppressedOther {
						t.Errorf("%s withholds %q", name, row)
					}
				}
				if !found {
					t.Errorf("%s lacks Kuala Mandor B's one cooperative", name)
				}
			}
		})
		t.Run("not found", func(t *testing.T) {
			for _, p := range []string{"/data-terbuka/tidak-ada.csv", "/data-terbuka/umkm.xlsx", "/data-terbuka/umkm", "/data-terbuka/umkm.csv.json"} {
				anon.get(p).want(t, http.StatusNotFound).contains(t, "tidak ada")
			}
		})
		t.Run("not modified", func(t *testing.T) {
			r := anon.get("/data-terbuka/umkm-desa.json").want(t, 200)
			tag := r.header.Get("ETag")
			if tag == "" {
				t.Fatal("no ETag")
			}
			req, _ := http.NewRequest("GET", s.srv.URL+"/data-terbuka/umkm-desa.json", nil)
			req.Header.Set("If-None-Match", tag)
			if r := anon.do(req); r.status != http.StatusNotModified || r.body != "" {
				t.Errorf("If-None-Match: %d %q", r.status, excerpt(r.body))
			}
			req.Header.Set("If-None-Match", `"lama"`)
			anon.do(req).want(t, 200)
		})
	})
}
