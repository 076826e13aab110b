package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// TestBrowserPembinaan walks one programme as an office worker does: create
// a training with a session, pick candidates from the register and enrol
// them, import the attendance sheet that came back, record a coaching
// visit with a photo and a P-IRT certificate on a participant's page,
// issue a Surat Keterangan UMK Binaan, and open its verification page, the
// address of its QR code, signed out.
func TestBrowserPembinaan(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "bina.db")
	token := staffToken(t, db)
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"user", "add", "--db", db, "--name", "admin", "--role", "admin"}, env(nil), strings.NewReader(staffPassword+"\n"), &out, &errb); err != nil {
		t.Fatalf("user add: %v %s", err, errb.String())
	}
	base, _ := startServe(t, "--db", db)

	// The register before the programme: two businesses to invite and a
	// third that nobody picks.
	ani := apiPost(t, base+"/api/v1/enterprises", token, map[string]any{
		"name": "Keripik Pisang Bu Ani", "village_code": "61.12.01.2004", "main_product": "keripik pisang",
		"owner": map[string]any{"name": "Ani Suryani", "nik": "6112014107850001", "phone": "081234500011"},
	})
	umar := apiPost(t, base+"/api/v1/enterprises", token, map[string]any{
		"name": "Amplang Pak Umar", "village_code": "61.12.01.2008", "main_product": "amplang",
		"owner": map[string]any{"name": "Umar Said", "phone": "081234500012"},
	})
	apiPost(t, base+"/api/v1/enterprises", token, map[string]any{
		"name": "Bengkel Las Hendra", "village_code": "61.12.01.2008",
		"owner": map[string]any{"name": "Hendra Wijaya"},
	})

	// Dates in the recent past: attendance and sessions may not lie in
	// the future, and binaan counts a few years back.
	now := time.Now().In(time.FixedZone("WIB", 7*3600))
	day := func(n int) time.Time { return now.AddDate(0, 0, n) }
	iso := func(d time.Time) string { return d.Format("2006-01-02") }

	// Once, before any letter: the administrator sets the letterhead,
	// the numbering and the signatory.
	settings := `form[action="/pengaturan/surat"]`
	do(t, ctx, "letter settings",
		signInAs(base+"/pengaturan/surat", "admin"),
		chromedp.WaitVisible(settings+` input[name="letterhead.government"]`),
		chromedp.SendKeys(settings+` input[name="letterhead.government"]`, "PEMERINTAH KABUPATEN KUBU RAYA"),
		chromedp.SendKeys(settings+` input[name="letterhead.office"]`, "DINAS KOPERASI, USAHA KECIL DAN MENENGAH"),
		chromedp.SendKeys(settings+` input[name="letterhead.city"]`, "Sungai Raya"),
		chromedp.SendKeys(settings+` input[name="signatory.name"]`, "Ir. Budi Hartono, M.Si."),
		chromedp.SendKeys(settings+` input[name="signatory.nip"]`, "196604201992031008"),
		chromedp.SendKeys(settings+` input[name="signatory.title"]`, "Kepala Dinas"),
		chromedp.Click(settings+` button[type="submit"]`),
		chromedp.WaitVisible(`.flash`),
		chromedp.Click(`form.logout button`),
		chromedp.WaitVisible(`input[name="password"]`),
	)

	// 1. The programme.
	do(t, ctx, "sign in",
		signInAs(base+"/program/baru", "sri"),
		chromedp.WaitVisible(`form.edit select[name="kind"]`),
	)
	const progName = "Pelatihan Pemasaran Digital Sungai Raya"
	do(t, ctx, "fill in the programme",
		chromedp.SendKeys(`form.edit input[name="name"]`, progName),
		chromedp.SetValue(`form.edit select[name="kind"]`, "pelatihan"),
		chromedp.SetValue(`form.edit input[name="starts_on"]`, iso(day(-20))),
		chromedp.SetValue(`form.edit input[name="ends_on"]`, iso(day(-19))),
		chromedp.SendKeys(`form.edit input[name="place"]`, "Aula Kantor Camat Sungai Raya"),
		chromedp.SendKeys(`form.edit input[name="quota"]`, "30"),
		chromedp.Click(`form.edit input[name="themes"][value="pemasaran"]`),
		chromedp.SendKeys(`form.edit textarea[name="activities"]`, iso(day(-20))+" | Kelas pemasaran daring | Aula Kantor Camat"),
		chromedp.Click(`form.edit button[type="submit"]`),
	)
	progURL := waitLocationRe(t, ctx, `/program/\d+$`)
	progID := progURL[strings.LastIndex(progURL, "/")+1:]
	do(t, ctx, "programme page", chromedp.WaitVisible(`#h-activities`))
	detail := text(t, ctx, `main`)
	for _, want := range []string{progName, "Pelatihan", "Aula Kantor Camat Sungai Raya", "Kelas pemasaran daring", "0 / 30"} {
		if !strings.Contains(detail, want) {
			t.Errorf("programme page lacks %q:\n%s", want, detail)
		}
	}

	// 2. Candidates: those never reached, two picked and enrolled.
	do(t, ctx, "open the candidates",
		chromedp.Click(`a[href="/program/`+progID+`/kandidat"]`),
		chromedp.WaitVisible(`#f-never_reached`),
		chromedp.Click(`#f-never_reached`),
		chromedp.Click(`form.filters button[type="submit"]`),
	)
	waitLocation(t, ctx, "never_reached=1")
	do(t, ctx, "candidate rows", chromedp.WaitVisible(`#e-`+strconv.FormatInt(ani, 10)))
	if c := text(t, ctx, `table.list`); !strings.Contains(c, "Bengkel Las Hendra") || !strings.Contains(c, "Belum pernah") {
		t.Errorf("candidate list:\n%s", c)
	}
	invite, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('table.list a[href*="wa.me"]')].map(a => a.href)[0] || ""`))
	if err != nil || !regexp.MustCompile(`^https://wa\.me/62\d{8,13}\?text=.+`).MatchString(invite) {
		t.Errorf("WhatsApp invitation = %q (%v), want https://wa.me/62…?text=…", invite, err)
	}
	do(t, ctx, "enrol two",
		chromedp.Click(`#e-`+strconv.FormatInt(ani, 10)),
		chromedp.Click(`#e-`+strconv.FormatInt(umar, 10)),
		chromedp.Click(`main form[method="post"] .actions button[type="submit"]`),
		chromedp.WaitVisible(`#peserta table.list`),
	)
	if loc := location(t, ctx); loc != progURL+"#peserta" {
		t.Errorf("after enrolling at %s, want the programme's participants", loc)
	}
	participants := text(t, ctx, `#peserta table.list`)
	if !strings.Contains(participants, "Keripik Pisang Bu Ani") || !strings.Contains(participants, "Amplang Pak Umar") || strings.Contains(participants, "Bengkel Las Hendra") {
		t.Errorf("participants after enrolling:\n%s", participants)
	}
	wa, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#peserta a[href^="https://wa.me/"]') || {}).href || ""`))
	if err != nil || !strings.HasPrefix(wa, "https://wa.me/6281234500") || !strings.Contains(wa, "?text=") {
		t.Errorf("participant's WhatsApp link = %q (%v)", wa, err)
	}

	// 3. The attendance sheet that came back.
	sheet := filepath.Join(dir, "daftar hadir pelatihan.xlsx")
	if err := os.WriteFile(sheet, attendanceXLSX(t, day(-20).Format("02/01/2006")), 0o644); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "upload the attendance sheet",
		chromedp.Click(`a[href="/program/`+progID+`/hadir"]`),
		chromedp.WaitVisible(`form.upload-form`),
		chromedp.SetUploadFiles(`form.upload-form input[type="file"]`, []string{sheet}),
		chromedp.Click(`form.upload-form button[type="submit"]`),
		chromedp.WaitVisible(`table.mapping-table`),
		chromedp.Click(`button[formaction$="/pratinjau#pratinjau"]`),
		chromedp.WaitVisible(`#pratinjau table.preview`),
	)
	if p := text(t, ctx, `#pratinjau`); !strings.Contains(p, "Kue Rina") {
		t.Errorf("preview lacks the walk-in:\n%s", p)
	}
	do(t, ctx, "start and wait for the report",
		chromedp.Click(`form.mapping .sticky-actions button:not([formaction])`),
		chromedp.WaitVisible(`.page-head .badges`),
	)
	report := text(t, ctx, `main`)
	for _, want := range []string{"Laporan impor", "Daftar hadir", "Selesai", "menurut NIK", "menurut nomor HP", "UMKM baru yang belum diverifikasi"} {
		if !strings.Contains(report, want) {
			t.Errorf("import report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "Status (Hadir/Selesai): Cocok") {
		t.Errorf("a row's match is reported as a problem of its status column:\n%s", report)
	}
	do(t, ctx, "the programme after the sheet",
		chromedp.Click(`.page-head a[href="/program/`+progID+`#peserta"]`),
		chromedp.WaitVisible(`#peserta table.list`),
	)
	screenshot(t, ctx, "program.png", false)
	rows := participantRows(t, ctx)
	for name, want := range map[string]string{
		"Keripik Pisang Bu Ani": "Lulus/selesai", "Amplang Pak Umar": "Hadir", "Kue Rina": "Daftar hadir",
	} {
		if !strings.Contains(rows[name], want) {
			t.Errorf("participant %s: %q, want %q", name, rows[name], want)
		}
	}
	if len(rows) != 3 {
		t.Errorf("%d participants, want 3: %q", len(rows), rows)
	}
	do(t, ctx, "the walk-in's new record",
		chromedp.Click(`#peserta a:is([href^="/umkm/"])`+`:not([href="/umkm/`+strconv.FormatInt(ani, 10)+`"]):not([href="/umkm/`+strconv.FormatInt(umar, 10)+`"])`),
		chromedp.WaitVisible(`#h-history`),
	)
	walkin := text(t, ctx, `main`)
	for _, want := range []string{"Kue Rina", "Belum diverifikasi", "Daftar hadir program pembinaan"} {
		if !strings.Contains(walkin, want) {
			t.Errorf("walk-in's page lacks %q:\n%s", want, walkin)
		}
	}

	// 4. A coaching visit with a photo on Bu Ani's page.
	photo := filepath.Join(dir, "produk.png")
	writePNG(t, photo)
	aniURL := base + "/umkm/" + strconv.FormatInt(ani, 10)
	session := `form[action$="/pendampingan"]`
	do(t, ctx, "record a coaching session",
		chromedp.Navigate(aniURL),
		chromedp.WaitVisible(`#pendampingan`),
		chromedp.Click(`details.record-session summary`),
		chromedp.WaitVisible(session+` input[name="date"]`),
		chromedp.SetValue(session+` input[name="date"]`, iso(day(-3))),
		chromedp.SetValue(session+` select[name="mode"]`, "visit"),
		chromedp.SetValue(session+` input[name="duration_minutes"]`, ""),
		chromedp.SendKeys(session+` input[name="duration_minutes"]`, "90"),
		chromedp.Click(`#f-topic-pemasaran`),
		chromedp.SendKeys(session+` textarea[name="advice"]`, "Pasang foto produk di marketplace"),
		chromedp.SetUploadFiles(`#f-photo`, []string{photo}),
		chromedp.SendKeys(session+` input[name="caption"]`, "Kemasan baru"),
		chromedp.Click(session+` button[type="submit"]`),
		chromedp.WaitVisible(`#pendampingan ol.sessions img`),
	)
	if s := text(t, ctx, `#pendampingan ol.sessions`); !strings.Contains(s, "Kunjungan lapangan") || !strings.Contains(s, "Pasang foto produk") {
		t.Errorf("session:\n%s", s)
	}
	do(t, ctx, "the photo loads",
		chromedp.Poll[chromedp.Void](`(i => i.complete && i.naturalWidth === 8)(document.querySelector('#pendampingan ol.sessions img'))`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if alt, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#pendampingan ol.sessions img').alt`)); alt != "Kemasan baru" {
		t.Errorf("photo alt = %q", alt)
	}

	// 5. The P-IRT the training helped with.
	cert := `form[action$="/sertifikat"]`
	do(t, ctx, "add a certificate",
		chromedp.Click(`section[aria-labelledby="h-sertifikat"] details summary`),
		chromedp.WaitVisible(cert+` select[name="kind"]`),
		chromedp.SetValue(cert+` select[name="kind"]`, "pirt"),
		chromedp.SendKeys(cert+` input[name="number"]`, "P-IRT No. 2153276010281-21"),
		chromedp.SetValue(cert+` input[name="issued_on"]`, iso(day(-10))),
		chromedp.SetValue(cert+` input[name="expires_on"]`, iso(day(-10).AddDate(5, 0, 0))),
		chromedp.SendKeys(cert+` input[name="issuer"]`, "DPMPTSP Kubu Raya"),
		chromedp.SendKeys(cert+` input[name="programme_id"]`, progID),
		chromedp.Click(cert+` button[type="submit"]`),
	)
	do(t, ctx, "certificate listed", chromedp.WaitVisible(`section[aria-labelledby="h-sertifikat"] table.list`))
	if c := text(t, ctx, `section[aria-labelledby="h-sertifikat"] table.list`); !strings.Contains(c, "215327601028121") && !strings.Contains(c, "2153276010281-21") {
		t.Errorf("certificates:\n%s", c)
	}

	// 6. The letter, and its verification page signed out.
	letter := `form[action$="/surat"]`
	do(t, ctx, "issue a letter",
		chromedp.Click(`#surat details summary`),
		chromedp.WaitVisible(letter+` input[name="mark_name"]`),
		chromedp.SetValue(letter+` select[name="purpose"]`, "merek_djki"),
		chromedp.SendKeys(letter+` input[name="mark_name"]`, "Pisang Ani"),
		chromedp.SendKeys(letter+` textarea[name="mark_goods"]`, "Keripik pisang"),
		chromedp.SendKeys(letter+` input[name="mark_classes"]`, "30"),
		chromedp.Click(letter+` button[type="submit"]`),
		chromedp.WaitVisible(`#surat table .code`),
	)
	number := strings.TrimSpace(text(t, ctx, `#surat table .code`))
	verify, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#surat a[href*="/verifikasi/"]').href`))
	if err != nil || !strings.HasPrefix(verify, base+"/verifikasi/") {
		t.Fatalf("verification address %q (%v), want one on %s", verify, err, base)
	}
	// The address in the letter's data, which the QR code holds.
	pdfHref, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#surat a[href$="/pdf"]').getAttribute('href')`))
	letterID := strings.TrimSuffix(strings.TrimPrefix(pdfHref, "/api/v1/letters/"), "/pdf")
	var data struct {
		Number    string `json:"number"`
		VerifyURL string `json:"verify_url"`
	}
	apiGet(t, base+"/api/v1/letters/"+letterID, token, &data)
	if data.VerifyURL != verify || data.Number != number {
		t.Errorf("letter %s: number %q verify_url %q; the page shows %q and %q", letterID, data.Number, data.VerifyURL, number, verify)
	}

	do(t, ctx, "sign out",
		chromedp.Click(`form.logout button`),
		chromedp.WaitVisible(`input[name="password"]`),
		chromedp.Navigate(verify),
		chromedp.WaitVisible(`.verify-state`),
	)
	if loc := location(t, ctx); loc != verify {
		t.Errorf("verification page at %s, want %s", loc, verify)
	}
	page := text(t, ctx, `main`)
	for _, want := range []string{number, "VALID", "Keripik Pisang Bu Ani"} {
		if !strings.Contains(page, want) {
			t.Errorf("verification page lacks %q:\n%s", want, page)
		}
	}
	html, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	for _, personal := range []string{"6112014107850001", "081234500011", "6281234500011", "Ani Suryani"} {
		if strings.Contains(html, personal) {
			t.Errorf("verification page shows %q", personal)
		}
	}
}

// signInAs opens url and signs in on the way as name, with the password
// the tests give every account.
func signInAs(url, name string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(url),
		chromedp.WaitVisible(`input[name="name"]`),
		chromedp.SendKeys(`input[name="name"]`, name),
		chromedp.SendKeys(`input[name="password"]`, staffPassword),
		chromedp.Submit(`input[name="password"]`),
	)
}

// waitLocationRe waits until the page's address matches the pattern re.
func waitLocationRe(t *testing.T, ctx context.Context, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	for i := 0; ; i++ {
		loc := location(t, ctx)
		if rx.MatchString(loc) {
			return loc
		}
		if i == 200 {
			t.Fatalf("page at %s, want an address matching %s", loc, re)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// participantRows reads the programme page's participants, name to row.
func participantRows(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll("#peserta table.list tbody tr")].map(r => [r.querySelector("th").innerText.trim(), r.innerText]))`))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// apiGet reads a JSON answer with a bearer token into v.
func apiGet(t *testing.T, url, token string, v any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d %s", url, resp.StatusCode, msg)
	}
	if err := json.Unmarshal(msg, v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// attendanceXLSX is the daftar hadir of the training as it comes back
// from the venue: Bu Ani known by her NIK (typed as text), Pak Umar by his
// phone, and Bu Rina, who came along and is not in the register.
func attendanceXLSX(t *testing.T, date string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"DAFTAR HADIR PELATIHAN PEMASARAN DIGITAL"},
		{"No", "Nama Peserta", "NIK", "No. HP", "Nama Usaha", "Desa/Kelurahan", "Kecamatan", "Tanggal Hadir", "Status (Hadir/Selesai)", "Tanda Tangan"},
		{1, "Ani Suryani", "6112014107850001", "", "Keripik Pisang Bu Ani", "Kuala Dua", "Sungai Raya", date, "Selesai", ""},
		{2, "Umar Said", "", "0812-3450-0012", "Amplang Pak Umar", "Kapur", "Sungai Raya", date, "Hadir", ""},
		{3, "Rina Marlina", "", "081234500099", "Kue Rina", "Kuala Dua", "Sungai Raya", date, "Hadir", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writePNG writes an 8×8 picture of a product to path.
func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for x := range 8 {
		for y := range 8 {
			img.Set(x, y, color.RGBA{R: uint8(200 + x), G: uint8(150 + y), B: 40, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
