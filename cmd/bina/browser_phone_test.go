package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// phoneWidths are the phone screens the pages are checked at: 390 CSS
// pixels (an iPhone 12 to 15) for every role, 360 (many Android phones)
// for the roles with the most pages.
var phoneWidths = []struct {
	role  string
	width int
}{{"admin", 390}, {"staf", 390}, {"petugas", 390}, {"tamu", 390}, {"admin", 360}, {"petugas", 360}}

// overflowJS lists what sticks out of the viewport on the right or the
// left: the document itself when it scrolls sideways, and every element
// wider than the screen or placed past its edge. An element inside a box
// that clips it (the screen-reader-only text) is not seen, so it is left
// out; one inside a box that scrolls sideways counts, as that box is
// sideways scrolling too.
const overflowJS = `(() => {
  const vw = window.innerWidth, out = [];
  const de = document.documentElement;
  if (de.scrollWidth > vw) out.push("document: " + de.scrollWidth + " px");
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + [...el.classList].join(".") : "");
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === "hidden" || s.overflowX === "clip") return true;
      if (s.display === "none") return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= vw + 0.5 && r.left >= -0.5) continue;
    if (clipped(el)) continue;
    const p = el.parentElement;
    out.push(name(p) + " > " + name(el) + ": " + Math.round(r.left) + ".." + Math.round(r.right) + " px " +
      JSON.stringify((el.innerText || "").slice(0, 40)));
    if (out.length >= 8) break;
  }
  return out;
})()`

// dashboardPages are the dashboards reached from /dasbor: every theme and
// an indicator with its kecamatan and desa maps.
var dashboardPages = []string{"/dasbor/umkm", "/dasbor/pembinaan", "/dasbor/koperasi", "/dasbor/kualitas-data",
	"/dasbor/indikator/umkm_registered", "/dasbor/indikator/umkm_registered?kecamatan=61.12.01"}

// TestBrowserPhoneWidth signs in as each role of the demo and opens, on a
// phone screen (phoneWidths), every page of the navigation and the first record,
// form and review each of them links to, and checks that nothing scrolls
// sideways. The header must leave most of the first screen to the page.
func TestBrowserPhoneWidth(t *testing.T) {
	if os.Getenv("BINA_TEST_BROWSER") == "" {
		t.Skip("browser suite off: set BINA_TEST_BROWSER=/usr/bin/chromium to run it")
	}
	base, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "bina.db"), "--demo")

	// A record, a form or a review opened from a list: the same kind of
	// page is checked once per role.
	detail := regexp.MustCompile(`^/(umkm|koperasi|program|tinjau|impor|pengguna|sertifikat|pendampingan|surat)/(\d+|baru)(/[a-z]+)?$`)
	kind := regexp.MustCompile(`\d+`)
	for i, screen := range phoneWidths {
		role, phoneWidth := screen.role, screen.width
		t.Run(fmt.Sprintf("%s-%d", role, phoneWidth), func(t *testing.T) {
			// A browser of its own for each role: a fresh profile signs
			// out, and each has its own time limit.
			ctx := browser(t)
			check := func(page string) {
				t.Helper()
				bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS))
				if err != nil {
					t.Fatalf("%s: %v", page, err)
				}
				if len(bad) > 0 {
					t.Errorf("%s as %s is wider than a %d px screen:\n  %s", page, role, phoneWidth, strings.Join(bad, "\n  "))
				}
			}
			do(t, ctx, "sign-in page", chromedp.EmulateViewport(int64(phoneWidth), 844), chromedp.Navigate(base+"/masuk"), chromedp.WaitVisible(`input[name="name"]`))
			if i == 0 {
				check("/masuk")
				// The public open-data page (issue 13), before signing in.
				do(t, ctx, "open data", chromedp.Navigate(base+"/data-terbuka"), chromedp.WaitVisible(`h1`))
				check("/data-terbuka")
				do(t, ctx, "sign-in page again", chromedp.Navigate(base+"/masuk"), chromedp.WaitVisible(`input[name="name"]`))
			}
			browserSignIn(t, ctx, role, demoPassword)
			do(t, ctx, "home page", chromedp.WaitReady(`form.logout`), chromedp.WaitVisible(`h1`))
			check("/")
			header, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("header.top").getBoundingClientRect().height`))
			if err != nil || header > 80 {
				t.Errorf("the header takes %.0f px of an 844 px screen (%v), want one line", header, err)
			}
			first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main h1 + *").className`))
			if err != nil || first != "cards" {
				t.Errorf("the home page starts with %q (%v), want the summary cards", first, err)
			}

			// The menu opens from its button, by keyboard too, and shows
			// the navigation.
			if v, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("nav.nav").checkVisibility()`)); v {
				t.Errorf("the navigation shows before the menu is opened")
			}
			do(t, ctx, "open the menu", chromedp.Focus(`button.menu-button`), chromedp.KeyEvent("\r"), chromedp.WaitVisible(`nav.nav a[href="/umkm"]`))
			if x, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("button.menu-button").getAttribute("aria-expanded")`)); x != "true" {
				t.Errorf("aria-expanded of the open menu = %q", x)
			}
			check("/ with the menu open")

			nav, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("nav.nav a")].map(a => a.getAttribute("href"))`))
			if err != nil || len(nav) < 5 {
				t.Fatalf("navigation: %v %v", nav, err)
			}
			seen := map[string]bool{}
			var details []string
			for _, p := range nav {
				do(t, ctx, "open "+p, chromedp.Navigate(base+p), chromedp.WaitVisible(`h1`))
				check(p)
				links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("main a[href^='/']")].map(a => a.getAttribute("href"))`))
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range links {
					k := kind.ReplaceAllString(l, "N")
					if detail.MatchString(l) && !seen[k] {
						seen[k] = true
						details = append(details, l)
					}
				}
			}
			for _, p := range details {
				do(t, ctx, "open "+p, chromedp.Navigate(base+p), chromedp.WaitVisible(`h1`))
				check(p)
			}
			// The dashboards behind /dasbor (issue 13), for every role
			// that has them in the navigation.
			if slices.Contains(nav, "/dasbor") {
				for _, p := range dashboardPages {
					do(t, ctx, "open "+p, chromedp.Navigate(base+p), chromedp.WaitVisible(`h1`))
					check(p)
				}
			}
			if len(details) < 3 {
				t.Errorf("only %d records and forms reached from the navigation: %v", len(details), details)
			}
			t.Logf("%s: %d pages of the navigation, and %v", role, len(nav), details)
		})
	}
}
