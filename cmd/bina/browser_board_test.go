package main

import (
	"bina/supervision"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserBoardAccount walks a cooperative's board from the invitation
// to a submitted report: staff make an invitation link, the board's chair
// opens it, chooses a name and password, sees only the cooperative,
// proposes a new address that staff approve, and enters and submits the
// annual report of the last book year.
func TestBrowserBoardAccount(t *testing.T) {
	ctx := browser(t)
	db := filepath.Join(t.TempDir(), "bina.db")
	token := staffToken(t, db)
	base, _ := startServe(t, "--db", db)
	own := apiPost(t, base+"/api/v1/cooperatives", token, map[string]any{
		"name": "KSP Sinar Kapuas", "jenis": "simpan_pinjam", "village_code": "61.12.01.2004", "members_female": 20, "members_male": 15,
		"address": "Jl. Lama 1", "officers": []any{map[string]any{"name": "Budi Santoso", "role": "ketua", "phone": "081345678901"}},
	})
	other := apiPost(t, base+"/api/v1/cooperatives", token, map[string]any{
		"name": "KSP Tetangga", "jenis": "simpan_pinjam", "village_code": "61.12.01.2004", "members_female": 20, "members_male": 15,
	})
	ownURL := "/koperasi/" + strconv.FormatInt(own, 10)

	do(t, ctx, "staff open the board accounts of the cooperative",
		chromedp.Navigate(base+ownURL+"/undangan"),
		chromedp.WaitVisible(`input[name="password"]`),
		chromedp.SendKeys(`input[name="name"]`, "sri"),
		chromedp.SendKeys(`input[name="password"]`, staffPassword),
		chromedp.Submit(`input[name="password"]`),
		chromedp.WaitVisible(`select[name="officer"]`),
	)
	do(t, ctx, "invite the chair",
		chromedp.SetValue(`select[name="officer"]`, "0"),
		chromedp.Click(`form.edit button[type="submit"]`),
		chromedp.WaitVisible(`#invite-url`),
	)
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#invite-url").value`))
	if err != nil || !strings.HasPrefix(link, base+"/undangan?t=") {
		t.Fatalf("invitation link %q (%v)", link, err)
	}
	wa, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#invite-whatsapp").href`))
	if err != nil || !strings.HasPrefix(wa, "https://wa.me/6281345678901?text=") {
		t.Errorf("WhatsApp link %q (%v)", wa, err)
	}
	do(t, ctx, "staff sign out", chromedp.Click(`form.logout button`), chromedp.WaitVisible(`input[name="password"]`))

	const boardPassword = "perahu-kayu-sungai-kapuas-7"
	do(t, ctx, "the chair opens the link",
		chromedp.Navigate(link),
		chromedp.WaitVisible(`#accept-cooperative`),
	)
	if c := text(t, ctx, `#accept-cooperative`); c != "KSP Sinar Kapuas" {
		t.Errorf("the invitation is for %q", c)
	}
	do(t, ctx, "choose a name and password",
		chromedp.SendKeys(`input[name="name"]`, "budi"),
		chromedp.SendKeys(`input[name="password"]`, boardPassword),
		chromedp.SendKeys(`input[name="password2"]`, boardPassword),
		chromedp.Submit(`input[name="password2"]`),
	)
	waitLocation(t, ctx, "/pengurus")
	do(t, ctx, "the board's home", chromedp.WaitVisible(`#h-reports`))
	if h := text(t, ctx, `h1`); h != "KSP Sinar Kapuas" {
		t.Errorf("the board landed on %q", h)
	}
	for _, path := range []string{"/koperasi/" + strconv.FormatInt(other, 10), "/koperasi", "/umkm"} {
		do(t, ctx, "reach for "+path, chromedp.Navigate(base+path), chromedp.WaitVisible(`.status-code`))
		if s := text(t, ctx, `.status-code`); s != "404" {
			t.Errorf("a board account reaching %s: %s", path, s)
		}
	}

	do(t, ctx, "propose a new address",
		chromedp.Navigate(base+"/pengurus"),
		chromedp.WaitVisible(`a[href="/usulan/baru"]`),
		chromedp.Click(`a[href="/usulan/baru"]`),
		chromedp.WaitVisible(`#f-address`),
		chromedp.SetValue(`#f-address`, "Jl. Raya Kapuas 7"),
		chromedp.SendKeys(`#f-note`, "alamat baru sejak RAT"),
		chromedp.Click(`form.edit button[type="submit"]`),
	)
	waitLocation(t, ctx, "/usulan/")
	do(t, ctx, "the request waits", chromedp.WaitVisible(`#change-state`))
	if s := text(t, ctx, `#change-state`); s != "Menunggu verifikasi" {
		t.Errorf("request state %q", s)
	}
	do(t, ctx, "the board signs out", chromedp.Click(`form.logout button`), chromedp.WaitVisible(`input[name="password"]`))

	do(t, ctx, "staff open the queue",
		chromedp.Navigate(base+"/usulan"),
		chromedp.WaitVisible(`input[name="password"]`),
		chromedp.SendKeys(`input[name="name"]`, "sri"),
		chromedp.SendKeys(`input[name="password"]`, staffPassword),
		chromedp.Submit(`input[name="password"]`),
		chromedp.WaitVisible(`table.change-requests a`),
		chromedp.Click(`table.change-requests a`),
		chromedp.WaitVisible(`button[value="approve"]`),
	)
	if d := text(t, ctx, `table.diff`); !strings.Contains(d, "Jl. Lama 1") || !strings.Contains(d, "Jl. Raya Kapuas 7") {
		t.Errorf("the differences do not show both addresses:\n%s", d)
	}
	do(t, ctx, "approve it",
		chromedp.SendKeys(`#f-note`, "sesuai notulen RAT"),
		chromedp.Click(`button[value="approve"]`),
		chromedp.WaitVisible(`.flash`),
	)
	if s := text(t, ctx, `#change-state`); s != "Disetujui" {
		t.Errorf("request state after approval %q", s)
	}
	do(t, ctx, "staff sign out", chromedp.Click(`form.logout button`), chromedp.WaitVisible(`input[name="password"]`))

	do(t, ctx, "the board signs in again",
		chromedp.SendKeys(`input[name="name"]`, "budi"),
		chromedp.SendKeys(`input[name="password"]`, boardPassword),
		chromedp.Submit(`input[name="password"]`),
	)
	waitLocation(t, ctx, "/pengurus")
	do(t, ctx, "the board's home again", chromedp.WaitVisible(`#h-profile`))
	if p := text(t, ctx, `main`); !strings.Contains(p, "Jl. Raya Kapuas 7") {
		t.Errorf("the approved address is not on the board's home:\n%s", p)
	}
	// The report of the last book year whose RAT can have been held by
	// yesterday: entered from the worked example, saved, and submitted.
	now := time.Now()
	held := now.AddDate(0, 0, -1)
	year := now.Year() - 1
	if held.Year() <= year {
		year--
	}
	reportLink := ownURL + "/laporan/" + strconv.Itoa(year)
	do(t, ctx, "open the annual report",
		chromedp.WaitVisible(`a[href="`+reportLink+`"]`),
		chromedp.Click(`a[href="`+reportLink+`"]`),
		chromedp.WaitVisible(`#report-form`),
	)
	values, _ := json.Marshal(boardReportForm(held))
	missing, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(vals){
		const missing = [];
		for (const [k, v] of Object.entries(vals)) {
			const el = document.querySelector('#report-form [name="' + k + '"]');
			if (el) { el.value = v; } else { missing.push(k); }
		}
		return missing.join(", ");
	})(`+string(values)+`)`))
	if err != nil || missing != "" {
		t.Fatalf("filling the report: missing inputs %q (%v)", missing, err)
	}
	do(t, ctx, "save the draft", chromedp.Click(`#report-form button[type="submit"]`), chromedp.WaitVisible(`.flash`))
	do(t, ctx, "submit it",
		chromedp.WaitVisible(`a[href="`+reportLink+`/ajukan"]`),
		chromedp.Click(`a[href="`+reportLink+`/ajukan"]`),
		chromedp.WaitVisible(`#confirm`),
		chromedp.Click(`#confirm`),
		chromedp.WaitVisible(`.flash`),
	)
	if f := text(t, ctx, `.flash`); !strings.Contains(f, "diajukan") {
		t.Errorf("after submitting: %q", f)
	}
}

// boardReportForm is the worked example of KOPERASI.md section D as the
// report page's inputs take it, with its RAT held on held.
func boardReportForm(held time.Time) map[string]string {
	r := supervision.ExampleReport(1_000_000)
	v := map[string]string{"jenis": r.Jenis, "pola": r.Pola, "rat_held_on": held.Format("2006-01-02"), "members_present": strconv.Itoa(r.MembersPresent)}
	for _, s := range supervision.ReportSections {
		for code, n := range r.Section(s.Key) {
			v[s.Key+"."+code] = strconv.FormatInt(n, 10)
		}
	}
	for _, s := range r.SHUDistribution {
		v["shu."+s.Pos+".persen"] = strings.Replace(strconv.FormatFloat(s.Persen, 'f', -1, 64), ".", ",", 1)
		v["shu."+s.Pos+".nominal"] = strconv.FormatInt(s.Nominal, 10)
	}
	return v
}
