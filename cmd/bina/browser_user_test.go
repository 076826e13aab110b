package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAccounts is what an administrator does for a colleague: add
// an account, disable it and enable it again (each after a confirmation),
// make a password reset link and pass it on; the colleague opens the link,
// sets a password and signs in with it.
func TestBrowserAccounts(t *testing.T) {
	ctx := browser(t)
	db := filepath.Join(t.TempDir(), "bina.db")
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"user", "add", "--db", db, "--name", "admin", "--role", "admin"}, env(nil), strings.NewReader(staffPassword+"\n"), &out, &errb); err != nil {
		t.Fatalf("user add: %v %s", err, errb.String())
	}
	base, _ := startServe(t, "--db", db)

	do(t, ctx, "sign-in page",
		chromedp.Navigate(base+"/pengguna"),
		chromedp.WaitVisible(`input[name="name"]`),
	)
	browserSignIn(t, ctx, "admin", staffPassword)
	do(t, ctx, "user list", chromedp.WaitVisible(`table.users`))
	do(t, ctx, "add an account",
		chromedp.Click(`a[href="/pengguna/baru"]`),
		chromedp.WaitVisible(`input[name="name"]`),
		chromedp.SendKeys(`input[name="name"]`, "Budi.Santoso"),
		chromedp.SetValue(`select[name="role"]`, "staff"),
		chromedp.SendKeys(`input[name="password"]`, "awal-sementara-kapuas-3"),
		chromedp.Click(`form.edit button[type="submit"]`),
	)
	waitLocation(t, ctx, "/pengguna/2")
	do(t, ctx, "account page", chromedp.WaitVisible(`#state`))
	userURL := location(t, ctx)
	if h := text(t, ctx, `h1`); h != "budi.santoso" {
		t.Errorf("account page of %q, want the normalised name budi.santoso", h)
	}
	if s := text(t, ctx, `#state`); s != "Aktif" {
		t.Errorf("new account is %q", s)
	}

	do(t, ctx, "disable it",
		chromedp.Click(`#disable`),
		chromedp.WaitVisible(`#confirm`),
	)
	if !strings.Contains(text(t, ctx, `main`), "sesi") {
		t.Errorf("the confirmation does not say what happens to the sessions:\n%s", text(t, ctx, `main`))
	}
	do(t, ctx, "confirm", chromedp.Click(`#confirm`), chromedp.WaitVisible(`#enable`))
	if s := text(t, ctx, `#state`); s != "Nonaktif" {
		t.Errorf("disabled account is %q", s)
	}
	do(t, ctx, "enable it again",
		chromedp.Click(`#enable`),
		chromedp.WaitVisible(`#confirm`),
		chromedp.Click(`#confirm`),
		chromedp.WaitVisible(`#disable`),
	)
	if s := text(t, ctx, `#state`); s != "Aktif" {
		t.Errorf("enabled account is %q", s)
	}

	do(t, ctx, "make a reset link",
		chromedp.Click(`#make-reset`),
		chromedp.WaitVisible(`#reset-link`),
	)
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#reset-link").value`))
	if err != nil || !strings.HasPrefix(link, base+"/atur-sandi?t=") {
		t.Fatalf("reset link %q (%v), want one on %s", link, err, base)
	}
	if loc := location(t, ctx); !strings.HasPrefix(loc, userURL) {
		t.Errorf("reset link shown at %s", loc)
	}

	// The colleague, in the admin's browser once the admin signed out.
	do(t, ctx, "sign out",
		chromedp.Click(`form.logout button`),
		chromedp.WaitVisible(`input[name="password"]`),
	)
	do(t, ctx, "open the link",
		chromedp.Navigate(link),
		chromedp.WaitVisible(`#reset-name`),
	)
	if n := text(t, ctx, `#reset-name`); n != "budi.santoso" {
		t.Errorf("the link is for %q", n)
	}
	const fresh = "jembatan-kapuas-berkabut-9"
	do(t, ctx, "set a new password",
		chromedp.SendKeys(`input[name="password"]`, fresh),
		chromedp.SendKeys(`input[name="password2"]`, fresh),
		chromedp.Submit(`input[name="password2"]`),
	)
	waitLocation(t, ctx, "/masuk")
	do(t, ctx, "sign in with it",
		chromedp.WaitVisible(`.flash`),
		chromedp.SendKeys(`input[name="name"]`, "budi.santoso"),
		chromedp.SendKeys(`input[name="password"]`, fresh),
		chromedp.Submit(`input[name="password"]`),
		chromedp.WaitVisible(`.who-name`),
	)
	if who := text(t, ctx, `.who-name`); who != "budi.santoso" {
		t.Errorf("signed in as %q", who)
	}
	do(t, ctx, "the link is used up",
		chromedp.Navigate(link),
		chromedp.WaitVisible(`#reset-error`),
	)
}
