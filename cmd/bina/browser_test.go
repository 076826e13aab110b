package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts Debian's chromium headless with a fresh profile when
// BINA_TEST_BROWSER names it. The suite is switched on by that variable and
// fails, never skips, when the browser it names is missing.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("BINA_TEST_BROWSER")
	if path == "" {
		t.Skip("browser suite off: set BINA_TEST_BROWSER=/usr/bin/chromium to run it")
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("BINA_TEST_BROWSER=%s: %v", path, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}

func do(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// waitLocation waits until the page's address contains want: a click that
// submits a form returns before the next page has loaded.
func waitLocation(t *testing.T, ctx context.Context, want string) string {
	t.Helper()
	for i := 0; ; i++ {
		loc := location(t, ctx)
		if strings.Contains(loc, want) {
			return loc
		}
		if i == 200 {
			t.Fatalf("page at %s, want an address with %q", loc, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBrowserRegistry is what an office worker does: sign in, filter the
// UMKM list by kecamatan, open a record, save it with an invalid NIB and
// read the error in Indonesian, fix it, and find the change in the history;
// then the same list on a 390-pixel-wide phone screen.
func TestBrowserRegistry(t *testing.T) {
	ctx := browser(t)
	base, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "bina.db"), "--demo")

	do(t, ctx, "sign in",
		chromedp.Navigate(base+"/umkm"),
		chromedp.WaitVisible(`input[name="name"]`),
		chromedp.SendKeys(`input[name="name"]`, "staf"),
		chromedp.SendKeys(`input[name="password"]`, demoPassword),
		chromedp.Submit(`input[name="password"]`),
		chromedp.WaitVisible(`form.filters`),
	)
	if loc := location(t, ctx); !strings.HasSuffix(loc, "/umkm") {
		t.Fatalf("after sign-in at %s, want back at /umkm", loc)
	}

	// Filter by kecamatan Kubu (61.12.06).
	do(t, ctx, "filter by kecamatan",
		chromedp.SetValue(`select[name="kecamatan"]`, "61.12.06"),
		chromedp.Click(`form.filters button[type="submit"]`),
	)
	waitLocation(t, ctx, "kecamatan=61.12.06")
	do(t, ctx, "filtered rows", chromedp.WaitVisible(`table.list tbody tr`))
	screenshot(t, ctx, "umkm-list.png", false)
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.list tbody tr")].map(r => r.innerText)`))
	if err != nil || len(rows) == 0 {
		t.Fatalf("rows: %v %v", rows, err)
	}
	for _, r := range rows {
		if !strings.Contains(r, "Kec. Kubu") {
			t.Errorf("row outside Kec. Kubu in the filtered list: %q", r)
		}
	}

	// Open the first record, then its edit form.
	do(t, ctx, "open record",
		chromedp.Click(`table.list tbody tr a`),
		chromedp.WaitVisible(`#h-history`),
	)
	recordURL := location(t, ctx)
	if !regexp.MustCompile(`/umkm/\d+$`).MatchString(recordURL) {
		t.Fatalf("record at %s", recordURL)
	}
	do(t, ctx, "save an invalid NIB",
		chromedp.Navigate(recordURL+"/ubah"),
		chromedp.WaitVisible(`input[name="nib"]`),
		chromedp.SetValue(`input[name="nib"]`, "12345"),
		chromedp.Click(`form.edit button[type="submit"]`),
		chromedp.WaitVisible(`.error-summary`),
	)
	if msg := text(t, ctx, `.field.has-error .error`); !strings.Contains(msg, "NIB harus 13 angka") {
		t.Errorf("error beside the field = %q", msg)
	}
	invalid, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('input[name="nib"]').getAttribute("aria-invalid")`))
	if err != nil || invalid != "true" {
		t.Errorf("aria-invalid = %q %v", invalid, err)
	}

	do(t, ctx, "fix the NIB",
		chromedp.SetValue(`input[name="nib"]`, "9120301234567"),
		chromedp.Click(`form.edit button[type="submit"]`),
		chromedp.WaitVisible(`#h-history`),
	)
	if loc := location(t, ctx); !strings.HasPrefix(loc, recordURL) {
		t.Errorf("after saving at %s, want %s", loc, recordURL)
	}
	history := text(t, ctx, `table.history`)
	if !strings.Contains(history, "9120301234567") || !strings.Contains(history, "staf") {
		t.Errorf("history does not show the new NIB by staf:\n%s", history)
	}

	// The same list on a phone.
	do(t, ctx, "phone width",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/umkm?kecamatan=61.12.06"),
		chromedp.WaitVisible(`table.list tbody tr`),
	)
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil || width > 390 {
		t.Errorf("page is %d px wide on a 390 px screen (%v)", width, err)
	}
	screenshot(t, ctx, "umkm-390.png", true)
}

// screenshot saves a PNG of the page into BINA_SCREENSHOTS, when set, for a
// person to look at (the README's picture is made this way).
func screenshot(t *testing.T, ctx context.Context, name string, fullPage bool) {
	t.Helper()
	dir := os.Getenv("BINA_SCREENSHOTS")
	if dir == "" {
		return
	}
	shoot := chromedp.CaptureScreenshot()
	if fullPage {
		shoot = chromedp.FullScreenshot(100)
	}
	shot, err := chromedp.Run(ctx, shoot)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}
