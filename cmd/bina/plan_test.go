package main

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina/internal/sqlstore/sqlstoretest"
)

// TestSavedMappingSamePlan: a mapping saved on the pages, applied by
// `bina import --template NAME` and by the pages to the same file, maps
// the same columns to the same fields, even when the file's columns are
// in another order than in the file the mapping was saved from; and the
// file imported by the command line and then by the pages changes nothing
// the second time.
func TestSavedMappingSamePlan(t *testing.T) {
	const saved = "Disperindag 2024"
	rows := [][]string{
		{"Kerupuk Ikan Bu Sri", "Sri Wahyuni", "kerupuk ikan", "Kuala Dua", "Sungai Raya"},
		{"Kopi Bubuk Pak Hasan", "Hasan Basri", "kopi bubuk", "Teluk Bayur", "Terentang"},
		{"Keripik Nanas Cahaya", "Dewi Lestari", "keripik nanas", "Kapur", "Sungai Raya"},
	}
	// "Hasil Olahan" names no field: the person maps it by hand before
	// saving, so only the saved mapping maps it.
	header := []string{"Nama Usaha", "Nama Pemilik", "Hasil Olahan", "Desa", "Kecamatan"}
	moved := []int{4, 3, 2, 1, 0} // the second file's columns, from the first file's
	want := map[string]string{"4": "name", "3": "owner.name", "2": "main_product", "1": "village", "0": "district"}

	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			first, second := filepath.Join(dir, "disperindag.csv"), filepath.Join(dir, "disperindag-baru.csv")
			writeCSV(t, first, header, rows, nil)
			writeCSV(t, second, header, rows, moved)
			dsn, _ := engineDB(t, engine)
			addStaff(t, dsn)
			base, _ := startServe(t, "--db", dsn)
			pc := signIn(t, base)

			// The mapping is saved on the pages from the first file.
			page, at := pc.upload(first, url.Values{"entity": {"enterprise"}})
			form := formOf(t, page)
			form.Set("kolom-2", "main_product")
			form.Set("nama", saved)
			pc.post(strings.TrimPrefix(at, base)+"/pemetaan", form)

			// The command line applies it to the second file.
			rep, err := runImport(t, "--db", dsn, "--template", saved, "--json", second)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Created != len(rows) || rep.Rows != len(rows) {
				t.Errorf("command line: %+v, want %d created", rep, len(rows))
			}
			cli := pc.job(rep.ID)

			// The pages apply it to the same file: the mapping step shows
			// the command line's mapping, and the import changes nothing.
			page, at = pc.upload(second, url.Values{"entity": {"enterprise"}, "template": {saved}})
			form = formOf(t, page)
			shown := map[string]string{}
			for k, vs := range form {
				if c, ok := strings.CutPrefix(k, "kolom-"); ok && vs[0] != "" {
					shown[c] = vs[0]
				}
			}
			if !maps.Equal(shown, want) {
				t.Errorf("the pages show the mapping %v, want %v", shown, want)
			}
			pc.post(strings.TrimPrefix(at, base)+"/mulai", form)
			id, _ := strconv.ParseInt(at[strings.LastIndex(at, "/")+1:], 10, 64)
			web := pc.job(id)
			for deadline := time.Now().Add(30 * time.Second); web.State != "done" && web.State != "failed"; web = pc.job(id) {
				if time.Now().After(deadline) {
					t.Fatalf("import %d still %s", id, web.State)
				}
				time.Sleep(50 * time.Millisecond)
			}

			if !maps.Equal(cli.Mapping, want) {
				t.Errorf("the command line mapped %v, want %v", cli.Mapping, want)
			}
			if !maps.Equal(web.Mapping, cli.Mapping) || web.Entity != cli.Entity || web.HeaderRow != cli.HeaderRow ||
				web.Template != cli.Template || web.Source != cli.Source {
				t.Errorf("the pages planned %+v, the command line %+v", web, cli)
			}
			if web.State != "done" || web.Counts.Unchanged != len(rows) || web.Counts.Created+web.Counts.Updated+web.Counts.Review+web.Counts.Rejected != 0 {
				t.Errorf("the pages after the command line: %s %+v, want %d unchanged", web.State, web.Counts, len(rows))
			}
		})
	}
}

// writeCSV writes header and rows to path, the columns in the order of
// cols (all, in order, when nil).
func writeCSV(t *testing.T, path string, header []string, rows [][]string, cols []int) {
	t.Helper()
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		out := r
		if cols != nil {
			out = make([]string, len(cols))
			for i, c := range cols {
				out[i] = r[c]
			}
		}
		b.WriteString(strings.Join(out, ";") + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// pagesClient is a signed-in person on the pages of a running server.
type pagesClient struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf string
}

// plannedJob is what the API tells of an import's plan and outcome.
type plannedJob struct {
	State     string            `json:"state"`
	Entity    string            `json:"entity"`
	Template  string            `json:"template"`
	HeaderRow int               `json:"header_row"`
	Mapping   map[string]string `json:"mapping"`
	Source    string            `json:"source"`
	Counts    struct {
		Created, Updated, Unchanged, Rejected, Review int
	} `json:"counts"`
}

// signIn signs in as the staff account addStaff made.
func signIn(t *testing.T, base string) *pagesClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	pc := &pagesClient{t: t, base: base, c: &http.Client{Jar: jar}}
	pc.check(pc.c.PostForm(base+"/masuk", url.Values{"name": {"sri"}, "password": {staffPassword}}))
	body, _ := pc.check(pc.c.Get(base + "/impor"))
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no csrf field on the import page:\n%.500s", body)
	}
	pc.csrf = m[1]
	return pc
}

// check reads a response and fails unless it is 200; it returns the body
// and the address it came from, after redirects.
func (pc *pagesClient) check(res *http.Response, err error) (string, string) {
	pc.t.Helper()
	if err != nil {
		pc.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		pc.t.Fatalf("%s %s = %d:\n%.800s", res.Request.Method, res.Request.URL, res.StatusCode, body)
	}
	return string(body), res.Request.URL.String()
}

// upload uploads the file at path with the upload form's fields and
// returns the mapping step's page and address.
func (pc *pagesClient) upload(path string, fields url.Values) (string, string) {
	pc.t.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		pc.t.Fatal(err)
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", pc.csrf)
	for k, vs := range fields {
		mw.WriteField(k, vs[0])
	}
	fw, _ := mw.CreateFormFile("file", filepath.Base(path))
	fw.Write(content)
	mw.Close()
	return pc.check(pc.c.Post(pc.base+"/impor", mw.FormDataContentType(), &b))
}

// post posts form with the CSRF token to path.
func (pc *pagesClient) post(path string, form url.Values) string {
	pc.t.Helper()
	form.Set("csrf", pc.csrf)
	body, _ := pc.check(pc.c.PostForm(pc.base+path, form))
	return body
}

// job reads import id through the API.
func (pc *pagesClient) job(id int64) plannedJob {
	pc.t.Helper()
	body, _ := pc.check(pc.c.Get(pc.base + "/api/v1/imports/" + strconv.FormatInt(id, 10)))
	var j plannedJob
	if err := json.Unmarshal([]byte(body), &j); err != nil {
		pc.t.Fatalf("import %d: %v", id, err)
	}
	return j
}

// formOf reads the mapping step's form: its hidden fields and each
// column's chosen field.
func formOf(t *testing.T, page string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="(baris|templat)" value="([^"]*)">`).FindAllStringSubmatch(page, -1) {
		v.Set(m[1], m[2])
	}
	opt := regexp.MustCompile(`<option value="([^"]*)" selected>`)
	for _, m := range regexp.MustCompile(`(?s)<select id="f-kolom-\d+" name="(kolom-\d+)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(page, -1) {
		v.Set(m[1], "")
		if o := opt.FindStringSubmatch(m[2]); o != nil {
			v.Set(m[1], o[1])
		}
	}
	if v.Get("baris") == "" {
		t.Fatalf("no mapping form on the page:\n%.800s", page)
	}
	return v
}
