package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDashboards is the head of office on a phone: the home page
// shows the summary first and is short; the dashboard's figures lead to
// lists whose totals equal them; a theme dashboard and an indicator's map
// draw; an admin uploading a file that is not GeoJSON reads why it was
// refused. No dashboard page scrolls sideways at 390 px.
func TestBrowserDashboards(t *testing.T) {
	ctx := browser(t)
	base, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "bina.db"), "--demo")
	noOverflow := func(page string) {
		t.Helper()
		bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS))
		if err != nil || len(bad) > 0 {
			t.Errorf("%s is wider than the screen (%v):\n  %s", page, err, strings.Join(bad, "\n  "))
		}
	}
	do(t, ctx, "sign-in page",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/masuk"),
		chromedp.WaitVisible(`input[name="name"]`),
	)
	browserSignIn(t, ctx, "admin", demoPassword)
	do(t, ctx, "home page", chromedp.WaitReady(`form.logout`), chromedp.WaitVisible(`main ul.cards`))
	if loc := location(t, ctx); loc != base+"/" {
		t.Fatalf("after sign-in at %s, want the home page", loc)
	}
	height, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	if err != nil || height > 1600 {
		t.Errorf("the home page is %.0f px tall at 390 px (%v); want the summary and links, well under 1,600", height, err)
	}
	t.Logf("home page at 390 px: %.0f px tall", height)
	screenshot(t, ctx, "home-390.png", true)

	// Each figure equals the total of the list behind it.
	for _, code := range []string{"umkm_registered", "umkm_binaan", "coop_registered", "coop_active"} {
		do(t, ctx, "open /dasbor", chromedp.Navigate(base+"/dasbor"), chromedp.WaitVisible(`#tile-`+code))
		figure := text(t, ctx, `#tile-`+code+` .card-number`)
		do(t, ctx, "follow "+code, chromedp.Click(`#tile-`+code+` > a`), chromedp.WaitVisible(`p.count strong`))
		if total := text(t, ctx, `p.count strong`); total != figure {
			t.Errorf("%s: the dashboard says %s, the list at %s counts %s", code, figure, location(t, ctx), total)
		}
	}
	do(t, ctx, "open /dasbor", chromedp.Navigate(base+"/dasbor"), chromedp.WaitVisible(`#tile-umkm_registered`))
	noOverflow("/dasbor")
	screenshot(t, ctx, "dasbor-390.png", true)

	for _, theme := range []string{"umkm", "pembinaan", "koperasi", "kualitas-data"} {
		do(t, ctx, "open theme "+theme, chromedp.Navigate(base+"/dasbor/"+theme), chromedp.WaitVisible(`main h1`))
		noOverflow("/dasbor/" + theme)
	}
	do(t, ctx, "open the UMKM dashboard", chromedp.Navigate(base+"/dasbor/umkm"), chromedp.WaitVisible(`figure.chart svg`))
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.chart svg[role=img]").length`))
	if err != nil || charts < 4 {
		t.Errorf("%d charts on the UMKM dashboard (%v)", charts, err)
	}
	screenshot(t, ctx, "dasbor-umkm-390.png", true)

	do(t, ctx, "open the map of umkm_registered", chromedp.Navigate(base+"/dasbor/indikator/umkm_registered"), chromedp.WaitVisible(`#peta-umkm_registered`))
	areas, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#peta-umkm_registered-areas path").length`))
	if err != nil || areas != 9 {
		t.Errorf("%d kecamatan on the map (%v), want 9", areas, err)
	}
	noOverflow("/dasbor/indikator/umkm_registered")
	screenshot(t, ctx, "peta-390.png", true)
	do(t, ctx, "the desa map of Sungai Raya", chromedp.Navigate(base+"/dasbor/indikator/umkm_registered?kecamatan=61.12.01"), chromedp.WaitVisible(`#peta-umkm_registered`))
	desa, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#peta-umkm_registered-areas path").length`))
	if err != nil || desa < 10 {
		t.Errorf("%d desa on the map of Sungai Raya (%v)", desa, err)
	}

	// A file that is not GeoJSON is refused with the reason.
	bad := filepath.Join(t.TempDir(), "batas.geojson")
	if err := os.WriteFile(bad, []byte("kode,nama\n61.12.01,Sungai Raya\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "upload a bad boundary file",
		chromedp.Navigate(base+"/pengaturan/peta"),
		chromedp.WaitVisible(`input[type="file"]`),
		chromedp.SetUploadFiles(`input[type="file"]`, []string{bad}),
		chromedp.Click(`form.edit button[type="submit"]`),
		chromedp.WaitVisible(`#boundary-error`),
	)
	if msg := text(t, ctx, `#boundary-error`); !strings.Contains(msg, "bukan GeoJSON") || !strings.Contains(msg, "tidak berubah") {
		t.Errorf("the refusal says %q", msg)
	}
	noOverflow("/pengaturan/peta")
}
