package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// TestBrowserImport is what an office worker does with last year's
// spreadsheet: upload it, fix a column the suggestion missed, look at the
// preview, start the import and watch it end, resolve the duplicate that
// waits in the review queue, and download the report of the rows to fix.
func TestBrowserImport(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "bina.db")
	token := staffToken(t, db)
	base, _ := startServe(t, "--db", db)

	// The register already holds the crackers business: the file's row
	// with the same NIB will wait for review.
	apiPost(t, base+"/api/v1/enterprises", token, map[string]any{
		"name": "Kerupuk Ikan Bu Sri", "nib": "9120301234567", "village_code": "61.12.01.2004",
		"owner": map[string]any{"name": "Sri Wahyuni", "phone": "081234567890"}, "address": "Jl. Lama 1",
	})

	file := filepath.Join(dir, "data umkm binaan 2024.xlsx")
	if err := os.WriteFile(file, browserXLSX(t), 0o644); err != nil {
		t.Fatal(err)
	}

	signInToImport(t, ctx, base)
	do(t, ctx, "upload",
		chromedp.SetUploadFiles(`input[type="file"]`, []string{file}),
		chromedp.Click(`form.upload-form button[type="submit"]`),
		chromedp.WaitVisible(`table.mapping-table`),
	)
	importURL := location(t, ctx)
	if !regexp.MustCompile(`/impor/\d+$`).MatchString(importURL) {
		t.Fatalf("after upload at %s", importURL)
	}
	if got := text(t, ctx, `#h-header + p`); !strings.Contains(got, "3") {
		t.Errorf("header row note = %q, want row 3", got)
	}
	// "Olahan" names no field: the person chooses Produk Utama for it.
	product := `select[name="kolom-7"]`
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+product+`').value`)); v != "" {
		t.Errorf("column Olahan suggested as %q", v)
	}
	do(t, ctx, "fix a column and preview",
		chromedp.SetValue(product, "main_product"),
		chromedp.Click(`button[formaction$="/pratinjau#pratinjau"]`),
		chromedp.WaitVisible(`#pratinjau table.preview`),
	)
	preview := text(t, ctx, `#pratinjau`)
	for _, want := range []string{"Kerupuk Ikan Bu Sri", "Ditolak", "NIK"} {
		if !strings.Contains(preview, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview)
		}
	}
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+product+`').value`)); v != "main_product" {
		t.Errorf("after the preview the fixed column is %q", v)
	}
	screenshot(t, ctx, "import-preview.png", true)

	do(t, ctx, "start and wait for the report",
		chromedp.Click(`form.mapping .sticky-actions button:not([formaction])`),
		chromedp.WaitVisible(`a[href$="/laporan.xlsx"]`),
	)
	report := text(t, ctx, `main`)
	if !strings.Contains(report, "Laporan impor") || !strings.Contains(report, "Selesai") {
		t.Errorf("report page:\n%s", report)
	}
	screenshot(t, ctx, "import-report.png", true)

	// Download the report into a folder of the test.
	downloads := t.TempDir()
	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	do(t, ctx, "download the report",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			yes := true
			_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &yes,
			})
			return err
		}),
		chromedp.Click(`a[href$="/laporan.xlsx"]`),
	)
	var saved string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCompleted {
			saved = filepath.Join(downloads, ev.GUID)
			break
		}
		if ev.State == cdpbrowser.DownloadProgressStateCanceled {
			t.Fatal("download cancelled")
		}
	}
	x, err := excelize.OpenFile(saved)
	if err != nil {
		t.Fatalf("downloaded report: %v", err)
	}
	rows, _ := x.GetRows(x.GetSheetName(0))
	x.Close()
	if len(rows) < 2 || rows[0][0] != "Masalah" {
		t.Errorf("downloaded report rows = %q", rows)
	}

	do(t, ctx, "open the review queue",
		chromedp.Click(`a[href^="/tinjau?impor="]`),
		chromedp.WaitVisible(`table.reviews`),
		chromedp.Click(`table.reviews a[href^="/tinjau/"]`),
		chromedp.WaitVisible(`table.compare`),
	)
	compare := text(t, ctx, `table.compare`)
	if !strings.Contains(compare, "Jl. Lama 1") || !strings.Contains(compare, "Jl. Baru 2") {
		t.Errorf("comparison lacks the two addresses:\n%s", compare)
	}
	screenshot(t, ctx, "review.png", true)
	// The comparison fits a phone (it was 505 px wide on a 390 px one).
	reviewURL := location(t, ctx)
	do(t, ctx, "the comparison on a phone", chromedp.EmulateViewport(int64(phoneWidths[0].width), 844), chromedp.Navigate(reviewURL), chromedp.WaitVisible(`table.compare`))
	if bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS)); err != nil || len(bad) > 0 {
		t.Errorf("the comparison is wider than a phone (%v):\n  %s", err, strings.Join(bad, "\n  "))
	}
	screenshot(t, ctx, "review-390.png", true)
	do(t, ctx, "back to a desktop screen", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(reviewURL), chromedp.WaitVisible(`table.compare`))
	do(t, ctx, "merge the new address after confirming",
		chromedp.Click(`input[name="field"][value="address"]`),
		chromedp.Click(`button[name="action"][value="merge"]`),
		chromedp.WaitVisible(`main form.form-actions button[type="submit"]`),
	)
	if c := text(t, ctx, `main`); !strings.Contains(c, "Gabungkan data?") || !strings.Contains(c, "Jl. Baru 2") {
		t.Errorf("confirmation page:\n%s", c)
	}
	do(t, ctx, "confirm",
		chromedp.Click(`main form.form-actions button[type="submit"]`),
		chromedp.WaitVisible(`.notice.resolved`),
	)
	if got := text(t, ctx, `.notice.resolved`); !strings.Contains(got, "Digabung") || !strings.Contains(got, "sri") {
		t.Errorf("resolved notice = %q", got)
	}
	do(t, ctx, "open the merged record",
		chromedp.Click(`.notice.resolved a`),
		chromedp.WaitVisible(`#h-history`),
	)
	history := text(t, ctx, `table.history`)
	if !strings.Contains(history, "Jl. Baru 2") || !strings.Contains(history, "Jl. Lama 1") {
		t.Errorf("history lacks the merged address:\n%s", history)
	}
}

// apiPost sends a JSON body with a bearer token, fails unless 201, and
// returns the id of the record made.
func apiPost(t *testing.T, url, token string, body any) int64 {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST %s = %d %s", url, resp.StatusCode, msg)
	}
	var rec struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(msg, &rec); err != nil {
		t.Fatalf("POST %s answered %s (%v)", url, msg, err)
	}
	return rec.ID
}

// browserXLSX is a messy office spreadsheet: a merged title over the
// header, an empty row, a repeated header, a NIK that Excel turned into
// 3.2E+15, "Rp 1,5 jt", a misspelt desa, a row without a business name,
// and the crackers business again with a new address.
func browserXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	header := []any{"No", "Nama Usaha", "Nama Pemilik", "NIK", "NIB", "Alamat Usaha", "Desa", "Olahan", "Omzet Setahun"}
	rows := [][]any{
		{"DATA UMKM BINAAN KABUPATEN KUBU RAYA 2024"},
		nil,
		header,
		{1, "Kerupuk Ikan Bu Sri", "Sri Wahyuni", "", "9120301234567", "Jl. Baru 2", "Kuala Dua", "kerupuk", "Rp 1,5 jt"},
		nil,
		{2, "Toko Sembako Makmur", "Budi Santoso", 3.2e15, "", "Jl. Parit 3", "Kuala Duaa", "sembako", "24.000.000"},
		header,
		{3, "Kopi Bubuk Pak Hasan", "Hasan Basri", "", "", "Dusun Sejahtera", "Teluk Bayur", "kopi", "12000000"},
		{4, "", "Tanpa Nama Usaha", "", "", "", "Kapur", "", ""},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell(sh, "A1", "I1"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBrowserImportProgress follows an import that waits for a worker:
// the web server takes the upload but runs no jobs (--jobs=false, as a web
// server of a larger deployment), so the progress page shows the import
// queued; then a worker server starts on the same database, and the page,
// which asks the API every two seconds, turns into the report by itself.
func TestBrowserImportProgress(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "bina.db")
	addStaff(t, db)
	base, _ := startServe(t, "--db", db, "--jobs=false")

	const rows = 3000
	var csv strings.Builder
	csv.WriteString("Nama Usaha;Nama Pemilik;Desa;Kecamatan;Omzet per Tahun\n")
	desa := []string{"Kuala Dua", "Kapur", "Limbung", "Sungai Asam"}
	for i := range rows {
		fmt.Fprintf(&csv, "Usaha Uji %05d;Pemilik %05d;%s;Sungai Raya;%d\n", i, i, desa[i%len(desa)], 1_000_000+i)
	}
	file := filepath.Join(dir, "umkm.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	signInToImport(t, ctx, base)
	do(t, ctx, "upload",
		chromedp.SetUploadFiles(`input[type="file"]`, []string{file}),
		chromedp.Click(`form.upload-form button[type="submit"]`),
		chromedp.WaitVisible(`table.mapping-table`),
		chromedp.Click(`form.mapping .sticky-actions button:not([formaction])`),
		chromedp.WaitVisible(`[data-import-status] progress`),
	)
	progressURL := location(t, ctx)
	if got := text(t, ctx, `[data-import-status] h2`); got != "Dalam antrean" {
		t.Errorf("state on the progress page = %q, want Dalam antrean", got)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-import-status]').getAttribute('data-label-running')`)); v != "Sedang diproses" {
		t.Errorf("label for a running import = %q", v)
	}
	// A mark on this page: gone once the page reloads itself.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.binaMark = true`)); err != nil {
		t.Fatal(err)
	}
	// The page's first poll fills the screen readers' announcement, empty
	// until then: once it is filled, a poll has come back and been
	// handled, and the page must still be this one, the import queued.
	do(t, ctx, "a poll comes back",
		chromedp.Poll[chromedp.Void](`document.querySelector('[data-import-status] [data-field="announce"]').textContent !== ""`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.binaMark === true`)); !v {
		t.Fatal("the page reloaded while the import was still queued")
	}
	if got := text(t, ctx, `[data-import-status] h2`); got != "Dalam antrean" {
		t.Errorf("state after a poll = %q, want Dalam antrean", got)
	}
	sqlDB, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	id := progressURL[strings.LastIndex(progressURL, "/")+1:]
	var state string
	if err := sqlDB.QueryRow(`SELECT state FROM imports WHERE id = $1`, id).Scan(&state); err != nil || state != "queued" {
		t.Fatalf("import %s is %q (%v) with no worker running, want queued", id, state, err)
	}

	// A first load whose rows are all written puts the register back
	// together, which takes a while at 100 %: the polling page says so.
	// The job is set to that state in the database, and back to queued
	// before a worker starts (the store's first-load tests run real ones).
	setJob := func(q string) {
		t.Helper()
		if _, err := sqlDB.Exec(q+` WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
	}
	setJob(`UPDATE imports SET state = 'running', bulk = 1, total = 3000, done = 3000`)
	do(t, ctx, "the rebuild of a first load is named",
		chromedp.Poll[chromedp.Void](`document.querySelector('[data-import-status] h2').textContent === "Menyusun ulang daftar, pencarian dan jumlah"`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	setJob(`UPDATE imports SET state = 'queued', bulk = 0, total = 0, done = 0`)

	startServe(t, "--db", db) // the worker
	do(t, ctx, "the report appears by itself",
		chromedp.WaitVisible(`.page-head .badges`),
	)
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.binaMark === undefined`)); !v {
		t.Error("the report appeared without a reload")
	}
	if got := location(t, ctx); got != progressURL {
		t.Errorf("report at %s, want the progress page's address %s", got, progressURL)
	}
	report := text(t, ctx, `main`)
	if !strings.Contains(report, "Selesai") || !strings.Contains(report, "3.000") {
		t.Errorf("report page:\n%s", report)
	}
}

// staffPassword is the password of the staff account the import tests add.
const staffPassword = "sandi-yang-panjang"

// addStaff adds the staff account "sri" to the database db.
func addStaff(t *testing.T, db string) {
	t.Helper()
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"user", "add", "--db", db, "--name", "sri", "--role", "staff"}, env(nil), strings.NewReader(staffPassword+"\n"), &out, &errb); err != nil {
		t.Fatalf("user add: %v %s", err, errb.String())
	}
}

// staffToken adds the staff account "sri" to the database db and returns
// an API token of hers.
func staffToken(t *testing.T, db string) string {
	t.Helper()
	addStaff(t, db)
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"user", "token", "--db", db, "--name", "sri"}, env(nil), nil, &out, &errb); err != nil {
		t.Fatalf("user token: %v", err)
	}
	return strings.TrimSpace(out.String())
}

// signInToImport opens the import page, signs in as "sri" on the way, and
// waits for the upload form.
func signInToImport(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	do(t, ctx, "sign-in page",
		chromedp.Navigate(base+"/impor"),
		chromedp.WaitVisible(`input[name="name"]`),
	)
	browserSignIn(t, ctx, "sri", staffPassword)
	do(t, ctx, "import page", chromedp.WaitVisible(`form.upload-form`))
}
