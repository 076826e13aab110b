package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserRakor is what the office does before the coordination
// meeting: open the rakor page of the demo, make the 2025 report with a
// theme, watch it run to done, and download its PDF and workbook.
func TestBrowserRakor(t *testing.T) {
	ctx := browser(t)
	base, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "bina.db"), "--demo")
	do(t, ctx, "sign-in page",
		chromedp.Navigate(base+"/laporan/rakor"),
		chromedp.WaitVisible(`input[name="name"]`),
	)
	browserSignIn(t, ctx, "staf", demoPassword)
	do(t, ctx, "report page", chromedp.WaitVisible(`#h-make`))
	do(t, ctx, "make the 2025 report",
		chromedp.SetValue(`#f-tahun`, "2025"),
		chromedp.SendKeys(`#f-tema`, "Koperasi dan UMKM naik kelas"),
		chromedp.Click(`form[action="/laporan/rakor"] button[type="submit"]`),
		chromedp.WaitVisible(`.flash`),
		chromedp.WaitVisible(`tr[data-report-id]`),
	)
	row := text(t, ctx, `tr[data-report-id]`)
	if !strings.Contains(row, "2025") || !strings.Contains(row, "Koperasi dan UMKM naik kelas") {
		t.Fatalf("the new report's row reads %q", row)
	}
	// The page follows the job (app.js polls the API and reloads when it
	// ends); the test probes the state the page shows.
	state := ""
	for i := 0; state != "done"; i++ {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("tr[data-report-id] [data-state]") || {dataset: {}}).dataset.state || ""`))
		if err != nil {
			t.Fatal(err)
		}
		state = s
		if state == "failed" || i == 1200 {
			t.Fatalf("report state %q: %s", state, text(t, ctx, `tr[data-report-id]`))
		}
		time.Sleep(50 * time.Millisecond)
	}
	screenshot(t, ctx, "rakor.png", false)
	for _, c := range []struct{ link, ctype, magic string }{
		{`tr[data-report-id] a[href$="/pdf"]`, "application/pdf", "%PDF-"},
		{`tr[data-report-id] a[href$="/xlsx"]`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04"},
	} {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
			const a = document.querySelector('`+c.link+`');
			const r = await fetch(a.href, {credentials: 'same-origin'});
			const b = new Uint8Array(await r.arrayBuffer());
			return r.status + ' ' + r.headers.get('Content-Type') + ' ' + r.headers.get('Content-Disposition') + ' ' + String.fromCharCode(...b.slice(0, 5));
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(got, "200 "+c.ctype+" attachment;") || !strings.Contains(got, "laporan-rakor-2025-61.12-v1") || !strings.Contains(got, c.magic[:2]) {
			t.Errorf("download %s: %q", c.link, got)
		}
	}
}
