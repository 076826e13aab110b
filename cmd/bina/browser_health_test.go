package main

import (
	"bina/supervision"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserHealth walks a supervisor from a submitted annual report to
// its health assessment: accept the report on its page, open the
// cooperative's health page, answer the questionnaire whose computable
// questions the report has already answered, read the worksheet and
// download it as a PDF.
func TestBrowserHealth(t *testing.T) {
	ctx := browser(t)
	db := filepath.Join(t.TempDir(), "bina.db")
	token := staffToken(t, db)
	base, _ := startServe(t, "--db", db)

	// The cooperative and its 2024 report as the board submits it: the
	// worked example of KOPERASI.md section D.
	coop := apiPost(t, base+"/api/v1/cooperatives", token, map[string]any{
		"name": "KSP Maju Bersama", "jenis": "simpan_pinjam", "village_code": "61.12.01.2004",
		"members_female": 480, "members_male": 520,
	})
	id := strconv.FormatInt(coop, 10)
	r := supervision.ExampleReport(1_000_000)
	r.CooperativeID = coop
	apiSend(t, "PUT", base+"/api/v1/cooperatives/"+id+"/reports/2024", token, r, http.StatusOK, http.StatusCreated)
	apiSend(t, "POST", base+"/api/v1/cooperatives/"+id+"/reports/2024/submit", token, nil, http.StatusOK)

	// 1. Accept it.
	do(t, ctx, "accept the report",
		signInAs(base+"/koperasi/"+id+"/laporan/2024", "sri"),
		chromedp.WaitVisible(`a[href$="/laporan/2024/terima"]`),
		chromedp.Click(`a[href$="/laporan/2024/terima"]`),
		chromedp.WaitVisible(`#confirm`),
		chromedp.Click(`#confirm`),
		chromedp.WaitVisible(`.flash`),
	)

	// 2. Start the assessment of 2024 under PERDEP-06-2016.
	do(t, ctx, "start the assessment",
		chromedp.Navigate(base+"/koperasi/"+id+"/kesehatan"),
		chromedp.WaitVisible(`#health-start`),
		chromedp.SetValue(`#tahun`, "2024"),
		chromedp.SetValue(`#aturan`, "PERDEP-06-2016"),
		chromedp.Click(`#health-start`),
		chromedp.WaitVisible(`#health-form`),
	)
	form := text(t, ctx, `#health-form`)
	for _, want := range []string{"Manajemen umum", "Q38", "terisi dari data"} {
		if !strings.Contains(form, want) {
			t.Errorf("assessment form lacks %q", want)
		}
	}
	// The data answered Q21 (reserve ≥ ¼ SHU) Ya: it comes ticked.
	checked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('q-Q21').checked`))
	if !checked {
		t.Error("Q21 is not pre-filled Ya from the report")
	}

	// 3. Untick a pre-filled answer without a note: refused, named.
	do(t, ctx, "override without a note",
		chromedp.Click(`#q-Q21`),
		chromedp.Click(`#health-submit`),
		chromedp.WaitVisible(`#error-summary`),
	)
	if s := text(t, ctx, `#error-summary`); !strings.Contains(s, "Q21") || !strings.Contains(s, "catatan") {
		t.Errorf("error summary: %s", s)
	}
	// With the note it is saved; tick the other questions as D.6 counts.
	do(t, ctx, "answer and save",
		chromedp.SendKeys(`#note-Q21`, "cadangan belum disetor ke rekening"),
		chromedp.Evaluate[chromedp.Void](`for (const n of [1,2,3,4,5,6,7,8,9,10,13,14,15,16,17,25,27,28,29,30,31,34,35,36,37]) document.getElementById('q-Q'+n).checked = true`),
		chromedp.Click(`#health-submit`),
		chromedp.WaitVisible(`#health-total`),
	)
	waitLocationRe(t, ctx, `/koperasi/\d+/kesehatan/\d+$`)
	total, category := text(t, ctx, `#health-total`), text(t, ctx, `#health-category`)
	if strings.TrimSpace(category) == "" || strings.TrimSpace(total) == "" {
		t.Fatalf("result: total %q category %q", total, category)
	}
	sheet := text(t, ctx, `#h-sheet + .table-wrap`)
	for _, want := range []string{"1a", "Rasio modal sendiri terhadap total aset", "28,87", "(20, 40]", "7b"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("worksheet lacks %q", want)
		}
	}

	// 4. Download the printed worksheet, as the browser does with the
	// download link and the session cookie.
	pdf, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const a = document.getElementById('health-pdf');
		const r = await fetch(a.href, {credentials: 'same-origin'});
		const b = new Uint8Array(await r.arrayBuffer());
		return r.status + ' ' + r.headers.get('Content-Type') + ' ' + r.headers.get('Content-Disposition') + ' ' + b.length + ' ' + String.fromCharCode(...b.slice(0, 5));
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pdf, "200 application/pdf attachment;") || !strings.HasSuffix(pdf, "%PDF-") {
		t.Errorf("worksheet download: %s", pdf)
	}
}

// apiSend sends a JSON body with method and fails unless the answer has
// one of the statuses.
func apiSend(t *testing.T, method, url, token string, body any, statuses ...int) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	for _, s := range statuses {
		if resp.StatusCode == s {
			return
		}
	}
	t.Fatalf("%s %s = %d %s", method, url, resp.StatusCode, msg)
}
