package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"bina"
	"bina/imports"
	"bina/internal/api"
	"bina/internal/importer"
	"bina/internal/jobs"
	"bina/internal/refdata"
	"bina/internal/server"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// The import tests drive the whole server with the real store, the real
// importer and the real job queue of each engine: upload a messy
// spreadsheet, map its columns, preview, run, read the report and the
// downloadable report, and resolve the review queue.

// newImportSite is newSite with the import services and a running queue.
func newImportSite(t *testing.T, engine string) *site {
	t.Helper()
	cfg := bina.DefaultConfig()
	store := sqlstoretest.OpenWith(t, engine, cfg)
	ref := sqlstoretest.Reference(t, cfg)
	ref.Now = func() time.Time { return sqlstoretest.Now }
	logs := &strings.Builder{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	imp := importer.New(store, ref, matcher(t, ref), log)
	q, err := jobs.Open(t.Context(), store.Engine(), store.DB(), imp, store, log, jobs.Config{PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("stop queue: %v", err)
		}
	})
	wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log,
		Imports: store, Importer: imp, Queue: q, Programmes: store})
	if err != nil {
		t.Fatal(err)
	}
	ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Imports: store, Ref: ref, Log: log})
	srv := httptest.NewServer(server.New(server.Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log}))
	t.Cleanup(srv.Close)
	return &site{t: t, store: store, srv: srv, log: logs}
}

// upload posts a file to /impor as a browser sends the form: the CSRF
// field first, then the choices, then the file.
func (b *browser) upload(name string, content io.Reader, fields url.Values) response {
	b.t.Helper()
	return b.uploadTo("/impor", name, content, fields)
}

// uploadTo posts a file to path as upload does.
func (b *browser) uploadTo(path, name string, content io.Reader, fields url.Values) response {
	b.t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		if b.csrf != "" {
			mw.WriteField("csrf", b.csrf)
		}
		for k, vs := range fields {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		fw, err := mw.CreateFormFile("file", name)
		if err == nil {
			_, err = io.Copy(fw, content)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", b.s.srv.URL+path, pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// messyHeader is the header of the messy file. "Hasil Olahan" names no
// field: the person maps it to the main product by hand.
var messyHeader = []any{"No.", "Nama Usaha", "Nama Pemilik", "NIK", "No. HP", "Desa", "Kecamatan", "Omzet per Tahun", "Hasil Olahan", "NIB"}

// messyXLSX is a spreadsheet as offices make them: a title block over
// the header, merged cells, empty rows, the header repeated in the middle,
// a formula, a NIK that Excel turned into 3.2E+15, rupiah as "Rp 1,5 jt",
// a misspelt desa, and a row without a name.
func messyXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	row := func(n int, vals ...any) {
		t.Helper()
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := f.SetSheetRow(sh, cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "DATA UMKM BINAAN DINAS KOPERASI, UKM DAN PERDAGANGAN KABUPATEN KUBU RAYA TAHUN 2024")
	must(t, f.MergeCell(sh, "A1", "J1"))
	set("A2", "Keadaan per 30 Juni 2024")
	must(t, f.MergeCell(sh, "A2", "J2"))
	row(4, messyHeader...)
	row(5, 1, "Kerupuk Ikan Bu Sri", "Sri Wahyuni", "6112015708900001", "0812-3456-7890", "Kuala Dua", "Sungai Raya", "Rp 1,5 jt", "kerupuk ikan", "")
	// Row 6 is empty.
	row(7, 2, "Toko Sembako Makmur", "Budi Santoso", 3.2e15, "+62 813 1111 2222", "Kuala Duaa", "Sungai Raya", nil, "sembako", "")
	must(t, f.SetCellFormula(sh, "H7", "2000000*12"))
	row(8, messyHeader...)
	row(9, 3, "Kopi Bubuk Pak Hasan", "Hasan Basri", "", "", "Teluk Bayur", "Terentang", "24.000.000", "kopi bubuk", "")
	// A row without a business name, with text that a spreadsheet would
	// run as a formula: rejected, and neutralised in the report.
	row(10, 4, "", "Tanpa Nama", "", "", "Kapur", "Sungai Raya", "", "=SUM(A1:A3)", "")
	// The kecamatan of the first rows is one merged cell, as offices do.
	must(t, f.MergeCell(sh, "G5", "G7"))
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var importLocation = regexp.MustCompile(`^/impor/(\d+)$`)

// uploaded returns the import id the upload's redirect names.
func uploaded(t *testing.T, r response) int64 {
	t.Helper()
	r.want(t, http.StatusSeeOther)
	m := importLocation.FindStringSubmatch(r.header.Get("Location"))
	if m == nil {
		t.Fatalf("upload went to %q", r.header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// waitImport waits until import id has ended and returns it.
func (s *site) waitImport(u *bina.User, id int64) *imports.Job {
	s.t.Helper()
	ctx := bina.WithUser(context.Background(), u)
	deadline := time.Now().Add(30 * time.Second)
	for {
		j, err := s.store.FindImport(ctx, id)
		if err != nil {
			s.t.Fatal(err)
		}
		if j.State == imports.ImportDone || j.State == imports.ImportFailed {
			return j
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("import %d still %s after 30 s", id, j.State)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// mappingForm reads the mapping step's form from its page: the hidden
// fields and every column's chosen field.
func mappingForm(t *testing.T, page string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="(baris|templat)" value="([^"]*)">`).FindAllStringSubmatch(page, -1) {
		v.Set(m[1], m[2])
	}
	sel := regexp.MustCompile(`(?s)<select id="f-kolom-\d+" name="(kolom-\d+)"[^>]*>(.*?)</select>`)
	opt := regexp.MustCompile(`<option value="([^"]*)" selected>`)
	for _, m := range sel.FindAllStringSubmatch(page, -1) {
		if o := opt.FindStringSubmatch(m[2]); o != nil {
			v.Set(m[1], o[1])
		} else {
			v.Set(m[1], "")
		}
	}
	if v.Get("baris") == "" {
		t.Fatalf("no mapping form on the page:\n%s", excerpt(page))
	}
	return v
}

func TestImportFlow(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			staff := s.user("staf", bina.RoleStaff, "")
			b := s.signedIn(staff)

			b.get("/impor").want(t, 200).contains(t, "Unggah berkas", `href="/impor"`, "Periksa saja (tanpa menyimpan)", "/umkm/templat.xlsx")
			id := uploaded(t, b.upload("data umkm 2024.xlsx", bytes.NewReader(messyXLSX(t)), url.Values{"entity": {"enterprise"}}))

			// The same list saved by LibreOffice as .ods is read alike.
			ods, err := os.ReadFile("../../cmd/bina/testdata/umkm-kantor.ods")
			if err != nil {
				t.Fatal(err)
			}
			odsID := uploaded(t, b.upload("umkm kantor.ods", bytes.NewReader(ods), url.Values{"entity": {"enterprise"}}))
			odsForm := mappingForm(t, b.get("/impor/"+strconv.FormatInt(odsID, 10)).want(t, 200).contains(t, "Keripik Pisang Bu Sri").body)
			if odsForm.Get("baris") != "3" || odsForm.Get("kolom-6") != "main_product" || odsForm.Get("kolom-4") != "owner.phone" {
				t.Errorf("the .ods mapping = %v", odsForm)
			}

			// The mapping step: the header found under the title block,
			// samples, and the suggested fields.
			page := b.get("/impor/"+strconv.FormatInt(id, 10)).want(t, 200).
				contains(t, "Pemetaan kolom", "Judul kolom ditemukan di baris", "Kerupuk Ikan Bu Sri", "Hasil Olahan").body
			form := mappingForm(t, page)
			if form.Get("baris") != "4" {
				t.Errorf("header row = %s, want 4", form.Get("baris"))
			}
			if form.Get("kolom-1") != "name" || form.Get("kolom-5") != "village" || form.Get("kolom-3") != "owner.nik" {
				t.Errorf("suggested mapping = %v", form)
			}
			if form.Get("kolom-8") != "" {
				t.Errorf("'Hasil Olahan' suggested as %q; the test maps it by hand", form.Get("kolom-8"))
			}
			// The person maps the product column by hand.
			form.Set("kolom-8", "main_product")

			// The preview shows each row's problems and writes nothing.
			prev := b.post("/impor/"+strconv.FormatInt(id, 10)+"/pratinjau", form).want(t, 200).
				contains(t, "Pratinjau", "Kerupuk Ikan Bu Sri", "Kuala Dua", "Ditolak", "NIK").body
			if !strings.Contains(prev, "outcome-rejected") {
				t.Error("no rejected row in the preview")
			}
			if n := s.count(staff); n != 0 {
				t.Fatalf("the preview wrote %d records", n)
			}
			// A mapping without a name column is refused beside it.
			bad := cloneValues(form)
			bad.Set("kolom-1", "")
			b.post("/impor/"+strconv.FormatInt(id, 10)+"/pratinjau", bad).want(t, 422).contains(t, "Pemetaan belum dapat dipakai")

			// Start: the queue runs it.
			b.post("/impor/"+strconv.FormatInt(id, 10)+"/mulai", form).want(t, 303)
			// A second click changes nothing.
			b.post("/impor/"+strconv.FormatInt(id, 10)+"/mulai", form).want(t, 303)
			j := s.waitImport(staff, id)
			if j.State != imports.ImportDone {
				t.Fatalf("import ended %s: %s", j.State, j.Error.ID)
			}
			// Created: the crackers and the coffee; rejected: the row
			// without a name; in review: the grocery, whose misspelt desa
			// lies under a merged kecamatan cell (so only the regency is
			// known) and cannot be placed with confidence.
			if want := (imports.Counts{Created: 2, Rejected: 1, Review: 1}); j.Counts != want {
				t.Errorf("counts = %+v, want %+v", j.Counts, want)
			}
			if n := s.count(staff); n != j.Counts.Created {
				t.Errorf("register holds %d records, import created %d", n, j.Counts.Created)
			}

			report := b.get("/impor/"+strconv.FormatInt(id, 10)).want(t, 200).contains(t, "Laporan impor", "Unduh laporan (.xlsx)").body
			if !strings.Contains(report, ">"+strconv.Itoa(j.Counts.Created)+"<") {
				t.Errorf("report page lacks the created count %d", j.Counts.Created)
			}

			// The progress answer of the API, through the browser session.
			b.get("/api/v1/imports/"+strconv.FormatInt(id, 10)).want(t, 200).contains(t, `"state":"done"`, `"progress":100`)

			// The downloadable report: the rejected and held rows as in the
			// file, under a first column of problems.
			dl := b.get("/impor/"+strconv.FormatInt(id, 10)+"/laporan.xlsx").want(t, 200)
			if ct := dl.header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
				t.Errorf("report Content-Type %q", ct)
			}
			rows := readXLSX(t, dl.body)
			if len(rows) != 1+j.Counts.Rejected+j.Counts.Review {
				t.Errorf("report has %d rows, want 1 + %d rejected + %d review", len(rows), j.Counts.Rejected, j.Counts.Review)
			}
			if len(rows) > 0 && (rows[0][0] != "Masalah" || rows[0][2] != "Nama Usaha") {
				t.Errorf("report header = %q", rows[0])
			}
			var sawFormula bool
			for _, r := range rows[1:] {
				if !strings.HasPrefix(r[0], "Baris ") {
					t.Errorf("problem cell %q does not name the row", r[0])
				}
				for _, c := range r {
					if strings.HasPrefix(c, "=") {
						t.Errorf("report cell %q would run as a formula", c)
					}
					if c == "'=SUM(A1:A3)" {
						sawFormula = true
					}
				}
			}
			if !sawFormula {
				t.Errorf("the formula text of the rejected row is not in the report, neutralised: %q", rows)
			}

			// The grocery waits for its desa: placed by hand, it is created.
			list := b.get("/tinjau?impor="+strconv.FormatInt(id, 10)).want(t, 200).contains(t, "Toko Sembako Makmur", "Desa belum pasti").body
			// The import is named by its file and day, and picked from a list (issue 14).
			named := regexp.MustCompile(`<option value="` + strconv.FormatInt(id, 10) + `" selected>data umkm 2024\.xlsx, \d+ \w+ \d{4}</option>`)
			if !named.MatchString(list) || !strings.Contains(list, `>data umkm 2024.xlsx, `) || strings.Contains(list, ">#"+strconv.FormatInt(id, 10)+"<") {
				t.Errorf("the review list does not name the import by its file and day")
			}
			m := regexp.MustCompile(`href="/tinjau/(\d+)"`).FindStringSubmatch(list)
			if m == nil {
				t.Fatalf("no review item listed:\n%s", excerpt(list))
			}
			b.get("/tinjau/"+m[1]).want(t, 200).contains(t, "Tempatkan di desa", "Kuala Dua", "Kec. Sungai Raya")
			b.post("/tinjau/"+m[1], url.Values{"action": {"keep"}}).want(t, 422).contains(t, "Pilih desa")
			b.post("/tinjau/"+m[1], url.Values{"action": {"keep"}, "village": {string(kualaDua)}}).want(t, 303)
			if n := s.count(staff); n != j.Counts.Created+1 {
				t.Errorf("register holds %d after placing the grocery, want %d", n, j.Counts.Created+1)
			}

			// The same file again changes nothing.
			id2 := uploaded(t, b.upload("data umkm 2024.xlsx", bytes.NewReader(messyXLSX(t)), url.Values{"entity": {"enterprise"}}))
			b.post("/impor/"+strconv.FormatInt(id2, 10)+"/mulai", form).want(t, 303)
			j2 := s.waitImport(staff, id2)
			// The placed grocery is known now too; the nameless row is
			// still refused.
			if want := (imports.Counts{Unchanged: j.Counts.Created + 1, Rejected: 1}); j2.Counts != want {
				t.Errorf("second import counts = %+v, want %+v", j2.Counts, want)
			}
			b.get("/impor").want(t, 200).contains(t, "data umkm 2024.xlsx", "Selesai")
		})
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// count returns the number of live enterprises u sees.
func (s *site) count(u *bina.User) int {
	s.t.Helper()
	page, err := s.store.ListEnterprises(bina.WithUser(context.Background(), u), bina.EnterpriseFilter{Limit: 1})
	if err != nil {
		s.t.Fatal(err)
	}
	return page.Total
}

func readXLSX(t *testing.T, body string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("report is not an .xlsx: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestImportBadUploads: files that are not spreadsheets, or cannot be
// read, are refused on the upload page with the reason, and nothing is
// stored; an upload without the CSRF token is refused before it is read.
func TestImportBadUploads(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			staff := s.user("staf", bina.RoleStaff, "")
			b := s.signedIn(staff)
			// A password-protected .xlsx is an OLE compound file.
			cfb := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
			for _, tc := range []struct {
				name, file string
				content    []byte
				want       string
			}{
				{"wrong type", "laporan.pdf", []byte("%PDF-1.4\n"), "Jenis berkas tidak didukung"},
				{"old xls", "data.xls", cfb, "Excel 97-2003"},
				{"password", "data.xlsx", cfb, "kata sandi"},
				{"corrupt", "data.xlsx", []byte("PK\x03\x04 not really a zip"), "rusak"},
				{"binary as csv", "data.csv", append([]byte("a,b\n"), 0, 1, 2, 0), "bukan CSV"},
				{"empty", "data.csv", nil, "kosong"},
				{"blank rows", "data.csv", []byte("\n;;\n\n"), "tidak berisi data"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					b.upload(tc.file, bytes.NewReader(tc.content), url.Values{"entity": {"enterprise"}}).
						want(t, 422).contains(t, "Berkas tidak dapat diimpor.", tc.want, "Tidak ada yang disimpan.")
				})
			}
			t.Run("an .ods without content", func(t *testing.T) {
				var z bytes.Buffer
				zw := zip.NewWriter(&z)
				w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
				w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
				zw.Close()
				b.upload("data.ods", &z, url.Values{"entity": {"enterprise"}}).
					want(t, 422).contains(t, "Berkas tidak dapat diimpor.", "Berkas .ods rusak")
			})
			t.Run("no file", func(t *testing.T) {
				req := url.Values{"entity": {"enterprise"}}
				b.post("/impor", req).want(t, 422).contains(t, "Pilih berkas")
			})
			t.Run("too large", func(t *testing.T) {
				big := io.MultiReader(strings.NewReader("Nama Usaha;Desa\n"), io.LimitReader(filler{}, web.MaxUpload+2<<20))
				b.upload("besar.csv", big, url.Values{"entity": {"enterprise"}}).want(t, 422).contains(t, "terlalu besar")
			})
			t.Run("no csrf", func(t *testing.T) {
				nb := s.signedIn(staff)
				nb.csrf = ""
				nb.upload("data.xlsx", bytes.NewReader(messyXLSX(t)), url.Values{"entity": {"enterprise"}}).want(t, 403)
			})
			t.Run("viewer", func(t *testing.T) {
				v := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
				v.upload("data.xlsx", bytes.NewReader(messyXLSX(t)), url.Values{"entity": {"enterprise"}}).want(t, 403)
				v.get("/impor").want(t, 403)
			})
			list, err := s.store.ListImports(bina.WithUser(context.Background(), staff), 10, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 0 {
				t.Errorf("refused uploads stored %d imports", len(list))
			}
		})
	}
}

// filler reads as an endless run of 'x' bytes.
type filler struct{}

func (filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// TestReviewMergeUndo: a row with the NIB of a registered business waits
// in the review queue; staff merge two of its fields after a confirmation,
// the history shows them, and undo brings the old values back.
func TestReviewMergeUndo(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			staff := s.user("staf", bina.RoleStaff, "")
			ctx := bina.WithUser(context.Background(), staff)
			b := s.signedIn(staff)
			reg := &bina.Enterprise{Name: "Kerupuk Ikan Bu Sri", NIB: "9120301234567", VillageCode: kualaDua,
				Owner: bina.Owner{Name: "Sri Wahyuni", Phone: "081234567890"}, Address: "Jl. Lama 1",
				Status: "aktif", LegalForm: "perorangan", Source: "manual", Verification: "belum"}
			if err := s.store.CreateEnterprise(ctx, reg); err != nil {
				t.Fatal(err)
			}
			csv := "Nama Usaha;Nama Pemilik;NIB;No HP;Alamat Usaha;Desa;Kecamatan\n" +
				"Kerupuk Ikan Bu Sri;Sri Wahyuni;9120301234567;0813 9999 8888;Jl. Baru 2;Kuala Dua;Sungai Raya\n"
			id := uploaded(t, b.upload("ulang.csv", strings.NewReader(csv), url.Values{"entity": {"enterprise"}}))
			form := mappingForm(t, b.get("/impor/"+strconv.FormatInt(id, 10)).want(t, 200).body)
			b.post("/impor/"+strconv.FormatInt(id, 10)+"/mulai", form).want(t, 303)
			j := s.waitImport(staff, id)
			if j.Counts.Review != 1 {
				t.Fatalf("counts = %+v, want the row in review", j.Counts)
			}

			list := b.get("/tinjau?impor="+strconv.FormatInt(id, 10)).want(t, 200).contains(t, "Kerupuk Ikan Bu Sri", "Kemungkinan data ganda",
				"NIB sama dengan UMKM “Kerupuk Ikan Bu Sri, Kuala Dua”", ">ulang.csv, ").lacks(t, "UMKM #").body // named as people know them (issue 14)
			m := regexp.MustCompile(`href="/tinjau/(\d+)"`).FindStringSubmatch(list)
			if m == nil {
				t.Fatalf("no review item listed:\n%s", excerpt(list))
			}
			item := "/tinjau/" + m[1]
			b.get(item).want(t, 200).contains(t, "Bandingkan isian", "0813", "081234567890", "Jl. Baru 2", "Jl. Lama 1", "Gabungkan", "Simpan keduanya", "Lewati",
				"UMKM “Kerupuk Ikan Bu Sri, Kuala Dua”", "Impor ulang.csv, ").lacks(t, "UMKM #", "Impor #")
			// The navigation counts the open item.
			b.get("/").want(t, 200).contains(t, `<span class="count-badge">`)

			pick := url.Values{"action": {"merge"}, "field": {"owner.phone", "address"}}
			b.post(item, pick).want(t, 200).contains(t, "Gabungkan data?", "Jl. Lama 1", "Jl. Baru 2", "Ya, gabungkan")
			if e, _ := s.store.FindEnterprise(ctx, reg.ID); e.Address != "Jl. Lama 1" {
				t.Fatal("asking for confirmation changed the record")
			}
			pick.Set("confirm", "1")
			b.post(item, pick).want(t, 303)
			e, err := s.store.FindEnterprise(ctx, reg.ID)
			if err != nil {
				t.Fatal(err)
			}
			if e.Address != "Jl. Baru 2" || !strings.HasSuffix(e.Owner.Phone, "99998888") || e.Name != reg.Name {
				t.Errorf("after merge: address %q phone %q name %q", e.Address, e.Owner.Phone, e.Name)
			}
			b.get("/umkm/"+strconv.FormatInt(reg.ID, 10)).want(t, 200).contains(t, "Jl. Baru 2", "Jl. Lama 1", "Nomor HP pemilik")
			b.get(item).want(t, 200).contains(t, "Digabung", "staf", "Batalkan keputusan")

			// Undo.
			b.post(item+"/batal", nil).want(t, 303)
			e, _ = s.store.FindEnterprise(ctx, reg.ID)
			if e.Address != "Jl. Lama 1" || e.Owner.Phone != "081234567890" {
				t.Errorf("after undo: address %q phone %q", e.Address, e.Owner.Phone)
			}
			b.get(item).want(t, 200).contains(t, "Belum ditinjau", "Gabungkan")

			// An action is required; then skip.
			b.post(item, url.Values{}).want(t, 422).contains(t, "Pilih tindakan")
			b.post(item, url.Values{"action": {"skip"}}).want(t, 303)
			b.get(item).want(t, 200).contains(t, "Dilewati")
			if n := s.count(staff); n != 1 {
				t.Errorf("register holds %d records after skip, want 1", n)
			}
		})
	}
}

// matcher is the deployment's region matcher with the BPS bridge.
func matcher(t *testing.T, ref bina.Reference) *importer.RegionMatcher {
	t.Helper()
	bps, err := refdata.BPSBridge()
	if err != nil {
		t.Fatal(err)
	}
	return importer.NewRegionMatcher(ref.Regions, bps)
}

// TestFirstLoadNotice: while a first load has not ended, every page says
// that lists may be slow and that search and counts leave its records
// out; staff get a link to its progress, a viewer does not.
func TestFirstLoadNotice(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newImportSite(t, engine)
			staff := s.user("staf", bina.RoleStaff, "")
			viewer := s.user("tamu", bina.RoleViewer, "")
			csv := "Nama Usaha;Nama Pemilik;Desa;Kecamatan\nKerupuk Ikan Bu Sri;Sri Wahyuni;Kuala Dua;Sungai Raya\n"
			id := strconv.FormatInt(uploaded(t, s.signedIn(staff).upload("besar.csv", strings.NewReader(csv), url.Values{"entity": {"enterprise"}})), 10)
			const notice, stopped = "Impor data awal sedang berjalan", "Impor data awal terhenti"
			s.signedIn(viewer).get("/umkm").want(t, 200).lacks(t, notice, stopped)

			// The mark and heartbeat of a first load's run (the store's
			// first-load tests run real ones).
			set := func(q string, args ...any) {
				t.Helper()
				if _, err := s.store.DB().Exec(q+` WHERE id = `+id, args...); err != nil {
					t.Fatal(err)
				}
			}
			set(`UPDATE imports SET bulk = 1, state = 'running', total = 4, done = 1, heartbeat_at = $1`, sqlstoretest.Now.Add(-time.Minute))
			s.signedIn(viewer).get("/umkm").want(t, 200).contains(t, notice, "25%", "daftar dan pencarian bisa lebih lambat atau belum lengkap").lacks(t, `href="/impor/`+id+`"`, stopped)
			s.signedIn(staff).get("/").want(t, 200).contains(t, notice, `href="/impor/`+id+`"`)
			// Every row written: the progress page names the rebuild.
			set(`UPDATE imports SET done = 4`)
			s.signedIn(staff).get("/impor/"+id).want(t, 200).contains(t, `<span data-field="state">Menyusun ulang daftar, pencarian dan jumlah</span>`, "Ini impor data awal ke register yang masih kosong")
			// A run silent for longer than imports.Stale has stopped.
			set(`UPDATE imports SET heartbeat_at = $1`, sqlstoretest.Now.Add(-imports.Stale-time.Second))
			s.signedIn(staff).get("/").want(t, 200).contains(t, stopped, "100%").lacks(t, notice)
			s.signedIn(staff).get("/impor/"+id).want(t, 200).contains(t, `<span data-field="state">Sedang diproses</span>`)
			set(`UPDATE imports SET bulk = 0`)
			s.signedIn(staff).get("/").want(t, 200).lacks(t, notice, stopped)
			s.signedIn(staff).get("/impor/"+id).want(t, 200).lacks(t, "Ini impor data awal")
		})
	}
}
