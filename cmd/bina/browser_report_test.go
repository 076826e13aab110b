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

// TestBrowserAnnualReport walks a cooperative's annual report as the
// office does when it enters one on the board's behalf: a draft sent by a
// script whose balance sheet does not balance, the difference read beside
// its line, mended in the form, submitted after the confirmation, and
// accepted.
func TestBrowserAnnualReport(t *testing.T) {
	ctx := browser(t)
	db := filepath.Join(t.TempDir(), "bina.db")
	token := staffToken(t, db)
	base, _ := startServe(t, "--db", db)
	id := apiPost(t, base+"/api/v1/cooperatives", token, map[string]any{
		"name": "KSP Maju Bersama", "jenis": "simpan_pinjam", "village_code": "61.12.01.2004", "members_female": 500, "members_male": 500,
	})
	r := supervision.ExampleReport(1_000_000)
	r.Neraca["kas"] += 1_250_000
	body, _ := json.Marshal(map[string]any{"jenis": r.Jenis, "pola": r.Pola, "rat_held_on": r.RATHeldOn.String(), "members_present": r.MembersPresent,
		"neraca": r.Neraca, "phu": r.PHU, "kolektibilitas": r.Kolektibilitas, "schedules": r.Schedules, "members": r.Members, "shu_distribution": r.SHUDistribution})
	page := base + "/koperasi/" + strconv.FormatInt(id, 10) + "/laporan/2024"
	req, _ := http.NewRequest("PUT", base+"/api/v1/cooperatives/"+strconv.FormatInt(id, 10)+"/reports/2024", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT report = %d %s", resp.StatusCode, msg)
	}

	do(t, ctx, "open the report", signInAs(page, "sri"), chromedp.WaitVisible(`#report-form`))
	if s := text(t, ctx, `#h-temuan + p + ul`); !strings.Contains(s, "Neraca tidak seimbang: selisih Rp 1.250.000") {
		t.Fatalf("findings: %q", s)
	}
	if s := text(t, ctx, `#f-neraca-total-aset`); !strings.Contains(s, "4.851.250.000") {
		t.Fatalf("total aset reads %q", s)
	}
	do(t, ctx, "mend the cash line",
		chromedp.SetValue(`#f-neraca-kas`, "150.000.000"),
		chromedp.Click(`#report-form button[type="submit"]`),
		chromedp.WaitVisible(`.flash`),
	)
	if s := text(t, ctx, `#f-neraca-total-aset`); !strings.Contains(s, "4.850.000.000") {
		t.Fatalf("after mending, total aset reads %q", s)
	}
	do(t, ctx, "submit after the confirmation",
		chromedp.Click(`a[href$="/laporan/2024/ajukan"]`),
		chromedp.WaitVisible(`#confirm`),
		chromedp.Click(`#confirm`),
		chromedp.WaitVisible(`.flash`),
	)
	if s := text(t, ctx, `.badges`); !strings.Contains(s, "Diajukan") {
		t.Fatalf("badges after submitting: %q", s)
	}
	do(t, ctx, "accept after the confirmation",
		chromedp.Click(`a[href$="/laporan/2024/terima"]`),
		chromedp.WaitVisible(`#confirm`),
		chromedp.Click(`#confirm`),
		chromedp.WaitVisible(`.flash`),
	)
	if s := text(t, ctx, `.badges`); !strings.Contains(s, "Diterima") {
		t.Fatalf("badges after accepting: %q", s)
	}
	waitLocation(t, ctx, "/laporan/2024")
}
