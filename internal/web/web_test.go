package web_test

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/api"
	"bina/internal/server"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
)

// The tests build the whole server (routes, middleware, pages, API) on a
// real store of each engine and drive it through HTTP like a browser.

const password = "kata-sandi-rahasia-1"

// Villages used by the tests: Kuala Dua in Sungai Raya (61.12.01) and the
// first desa of Kuala Mandor B (61.12.02).
const (
	kualaDua   bina.RegionCode = "61.12.01.2004"
	sungaiRaya bina.RegionCode = "61.12.01"
	mandor     bina.RegionCode = "61.12.02"
)

// A valid NIK: registered in 61.12.01, a woman born 17 August 1990.
const nik = "6112015708900001"

type site struct {
	t     *testing.T
	store *sqlstore.Store
	srv   *httptest.Server
	log   *strings.Builder
}

// options change how a site is built.
type options struct {
	// enterprises wraps the store's enterprise service.
	enterprises func(bina.EnterpriseService) bina.EnterpriseService
	// region is the deployment's root (default Kubu Raya).
	region bina.RegionCode
}

func newSite(t *testing.T, engine string, opts ...options) *site {
	t.Helper()
	cfg := bina.DefaultConfig()
	for _, o := range opts {
		if o.region != "" {
			cfg.Region = o.region
		}
	}
	store := sqlstoretest.OpenWith(t, engine, cfg)
	ref := sqlstoretest.Reference(t, cfg)
	ref.Now = func() time.Time { return sqlstoretest.Now }
	logs := &strings.Builder{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	var ents bina.EnterpriseService = store
	for _, o := range opts {
		if o.enterprises != nil {
			ents = o.enterprises(ents)
		}
	}
	wh, err := web.New(web.Deps{Enterprises: ents, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log,
		Certificates: store, Milestones: store, Letters: store, Coaching: store, Attachments: store, Reach: store, Programmes: store,
		Invitations: store, ChangeRequests: store, // board accounts (issue 12)
		Reports:    store, // annual reports (issue 12)
		Health:     store,
		Compliance: store, KDMP: store, Perkembangan: store, // cooperative supervision (issue 12)
		Indicators: store, OpenData: store, // dashboards and open data (issue 13)
		Boundaries: store, Points: store, // maps (issue 13)
		Rakor: store}) // the rakor report (issue 13): no queue, so a report stays queued
	if err != nil {
		t.Fatal(err)
	}
	ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Ref: ref, Log: log, Letters: store, Coaching: store, Attachments: store, Reach: store, Programmes: store,
		Invitations: store, ChangeRequests: store, // board accounts (issue 12)
		Reports: store}) // annual reports (issue 12)
	srv := httptest.NewServer(server.New(server.Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log}))
	t.Cleanup(srv.Close)
	return &site{t: t, store: store, srv: srv, log: logs}
}

// user creates an account.
func (s *site) user(name string, role bina.Role, region bina.RegionCode) *bina.User {
	s.t.Helper()
	u := &bina.User{Name: name, Role: role, Region: region}
	if err := s.store.CreateUser(context.Background(), u, password); err != nil {
		s.t.Fatalf("create user %s: %v", name, err)
	}
	return u
}

// browser is one person's browser: its own cookies, no automatic
// redirects (tests look at them).
type browser struct {
	t    *testing.T
	s    *site
	c    *http.Client
	csrf string
}

func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: s.t, s: s, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn returns a browser with a session of u made by the store.
func (s *site) signedIn(u *bina.User) *browser {
	s.t.Helper()
	b := s.browser()
	sess, err := s.store.CreateSession(context.Background(), u.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	base, _ := url.Parse(s.srv.URL)
	b.c.Jar.SetCookies(base, []*http.Cookie{{Name: web.SessionCookie, Value: sess.Token, Path: "/"}})
	b.csrf = sess.CSRF
	return b
}

type response struct {
	status int
	header http.Header
	body   string
}

func (b *browser) do(req *http.Request) response {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(body)}
}

func (b *browser) get(path string) response {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.s.srv.URL+path, nil)
	return b.do(req)
}

// post sends a form with the session's CSRF token.
func (b *browser) post(path string, form url.Values) response {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if b.csrf != "" && form.Get("csrf") == "" {
		form.Set("csrf", b.csrf)
	}
	return b.postRaw(path, form)
}

func (b *browser) postRaw(path string, form url.Values) response {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// want fails unless the response has status.
func (r response) want(t *testing.T, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body:\n%s", r.status, status, excerpt(r.body))
	}
	return r
}

// contains fails unless the body holds every text (HTML-unescaped).
func (r response) contains(t *testing.T, texts ...string) response {
	t.Helper()
	body := html.UnescapeString(r.body)
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	return r
}

func (r response) lacks(t *testing.T, texts ...string) response {
	t.Helper()
	body := html.UnescapeString(r.body)
	for _, s := range texts {
		if strings.Contains(body, s) {
			t.Errorf("page should not contain %q", s)
		}
	}
	return r
}

func excerpt(s string) string {
	if i := strings.Index(s, `<main`); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000] + "…"
	}
	return s
}

// location returns the redirect target.
func (r response) location(t *testing.T) string {
	t.Helper()
	if r.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303; body:\n%s", r.status, excerpt(r.body))
	}
	return r.header.Get("Location")
}

// enterprise returns a valid enterprise in village.
func enterprise(name string, village bina.RegionCode) *bina.Enterprise {
	return &bina.Enterprise{
		Name:        name,
		Owner:       bina.Owner{Name: "Siti Aminah", NIK: nik, Gender: "P", Phone: "081234567890"},
		NIB:         "1234567890123",
		KBLI:        []bina.KBLICode{{Version: bina.KBLI2020, Code: "10794"}},
		MainProduct: "Kerupuk ikan",
		VillageCode: village,
		Capital:     15_000_000,
		Sales:       []bina.AnnualSales{{Year: 2025, Amount: 120_000_000}},
	}
}

// mustCreate stores e as the system.
func (s *site) mustCreate(e *bina.Enterprise) *bina.Enterprise {
	s.t.Helper()
	if err := s.store.CreateEnterprise(context.Background(), e); err != nil {
		s.t.Fatalf("create %s: %v", e.Name, err)
	}
	return e
}

func cooperative(name string, village bina.RegionCode) *bina.Cooperative {
	return &bina.Cooperative{Name: name, Jenis: "simpan_pinjam", VillageCode: village, MembersFemale: 12, MembersMale: 9}
}

func (s *site) mustCreateCoop(c *bina.Cooperative) *bina.Cooperative {
	s.t.Helper()
	if err := s.store.CreateCooperative(context.Background(), c); err != nil {
		s.t.Fatalf("create %s: %v", c.Name, err)
	}
	return c
}

func eachEngine(t *testing.T, fn func(t *testing.T, s *site)) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { fn(t, newSite(t, engine)) })
	}
}

func TestLogin(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		s.user("staf.dinas", bina.RoleStaff, "")
		b := s.browser()

		b.get("/umkm").location(t) // anonymous: to the sign-in page
		page := b.get("/masuk?next=/umkm").want(t, 200)
		page.contains(t, `<label for="f-name">Nama pengguna</label>`, `name="next" value="/umkm"`, `autocomplete="current-password"`)

		t.Run("wrong password", func(t *testing.T) {
			r := b.postRaw("/masuk", url.Values{"name": {"staf.dinas"}, "password": {"salah-sekali-123"}, "next": {"/umkm"}})
			r.want(t, http.StatusUnauthorized).contains(t, "Nama pengguna atau kata sandi salah", `value="staf.dinas"`, `aria-invalid="true"`)
			if strings.Contains(r.body, "salah-sekali-123") {
				t.Error("the password must not come back in the page")
			}
		})
		t.Run("empty fields", func(t *testing.T) {
			b.postRaw("/masuk", url.Values{"name": {"staf.dinas"}}).want(t, http.StatusUnprocessableEntity).contains(t, "Isi nama pengguna dan kata sandi.")
		})
		t.Run("success goes to next", func(t *testing.T) {
			r := b.postRaw("/masuk", url.Values{"name": {"staf.dinas"}, "password": {password}, "next": {"/umkm?skala=mikro"}})
			if got := r.location(t); got != "/umkm?skala=mikro" {
				t.Errorf("redirect to %q", got)
			}
			c := r.header.Get("Set-Cookie")
			for _, want := range []string{web.SessionCookie + "=", "HttpOnly", "SameSite=Lax", "Path=/"} {
				if !strings.Contains(c, want) {
					t.Errorf("cookie %q lacks %q", c, want)
				}
			}
			b.get("/").want(t, 200).contains(t, "staf.dinas", "Staf dinas", `action="/keluar"`)
		})
		t.Run("next must stay on this site", func(t *testing.T) {
			for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
				b2 := s.browser()
				r := b2.postRaw("/masuk", url.Values{"name": {"staf.dinas"}, "password": {password}, "next": {next}})
				if got := r.location(t); got != "/" {
					t.Errorf("next %q redirected to %q, want /", next, got)
				}
			}
		})
		t.Run("logout", func(t *testing.T) {
			home := b.get("/").want(t, 200)
			b.csrf = csrfOf(t, home.body)
			if got := b.post("/keluar", nil).location(t); got != "/masuk" {
				t.Errorf("logout to %q", got)
			}
			b.get("/").location(t)
		})
	})
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, body string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no csrf field in page")
	}
	return m[1]
}

func TestTooManyAttempts(t *testing.T) {
	s := newSite(t, "sqlite")
	s.user("petugas.satu", bina.RoleStaff, "")
	b := s.browser()
	var last response
	for i := 0; i < 7; i++ {
		last = b.postRaw("/masuk", url.Values{"name": {"petugas.satu"}, "password": {"bukan-kata-sandi"}})
	}
	last.want(t, http.StatusTooManyRequests).contains(t, `role="alert"`).contains(t, "Coba lagi dalam")
	if ra := last.header.Get("Retry-After"); ra == "" {
		t.Error("no Retry-After")
	}
}

func TestHomeCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		for i := 0; i < 3; i++ {
			e := enterprise(fmt.Sprintf("Kerupuk Kuala Dua %d", i), kualaDua)
			e.Binaan = i == 0
			s.mustCreate(e)
		}
		big := enterprise("Sawit Mandor", bina.RegionCode(mandor+".2001"))
		big.Sales = []bina.AnnualSales{{Year: 2025, Amount: 3_000_000_000}} // kecil
		s.mustCreate(big)
		s.mustCreateCoop(cooperative("KSP Kuala Dua", kualaDua))

		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		r := b.get("/").want(t, 200)
		r.contains(t,
			`<a href="/umkm?kecamatan=61.12.01&skala=mikro">3</a>`,
			`<a href="/umkm?binaan=ya&kecamatan=61.12.01">1</a>`,
			`<a href="/umkm?kecamatan=61.12.02&skala=kecil">1</a>`,
			`<a href="/koperasi?kecamatan=61.12.01">1</a>`,
			`<a href="/umkm?skala=mikro">3</a>`, // totals row
			`<a href="/umkm">4</a>`,
			"Teluk Pakedai",                    // a kecamatan without records still has its row
			`<a href="/" aria-current="page">`, // current nav item
		)
		if n := strings.Count(r.body, `<tr>`) + strings.Count(r.body, `<tr class="total">`); n < 9+1 {
			t.Errorf("%d table rows, want the 9 kecamatan and totals", n)
		}

		t.Run("officer sees their kecamatan only", func(t *testing.T) {
			o := s.signedIn(s.user("pendamping", bina.RoleOfficer, mandor))
			r := o.get("/").want(t, 200)
			r.contains(t, "Kuala Mandor B", `<a href="/umkm">1</a>`).lacks(t, "Teluk Pakedai", ">Sungai Raya<")
		})
	})
}

func TestEnterpriseList(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		for i := 0; i < 27; i++ {
			s.mustCreate(enterprise(fmt.Sprintf("Usaha %02d", i), kualaDua))
		}
		special := enterprise("Kopi Bubuk Mandor", bina.RegionCode(mandor+".2001"))
		special.NIB = "9876543210987"
		special.Owner.Name = "Bujang Sulaiman"
		special.Binaan = true
		special.Owner.Gender, special.Owner.Disability = "L", true
		s.mustCreate(special)
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))

		t.Run("first page", func(t *testing.T) {
			r := b.get("/umkm").want(t, 200)
			r.contains(t, "28</strong> UMKM", "Kopi Bubuk Mandor", "Siti Aminah", "Kuala Dua, Kec. Sungai Raya", "10794", "Industri Kerupuk", "Tambah UMKM", `rel="next"`)
			if n := strings.Count(r.body, `<a href="/umkm/`); n < 25 {
				t.Errorf("%d links to records, want at least 25", n)
			}
		})
		t.Run("paging keeps the filter", func(t *testing.T) {
			r := b.get("/umkm?kecamatan=61.12.01&urut=name").want(t, 200)
			r.contains(t, "27</strong> UMKM cocok dengan penyaring", "Usaha 00").lacks(t, "Kopi Bubuk Mandor", `rel="prev"`)
			next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(r.body)
			if next == nil {
				t.Fatal("no next link")
			}
			link := html.UnescapeString(next[1])
			if !strings.Contains(link, "kecamatan=61.12.01") || !strings.Contains(link, "urut=name") || !strings.Contains(link, "cursor=") {
				t.Errorf("next link %q loses the filter", link)
			}
			p2 := b.get(link).want(t, 200)
			p2.contains(t, "Usaha 26", `rel="prev"`).lacks(t, "Usaha 00<", `rel="next"`)
		})
		t.Run("search by owner and NIB", func(t *testing.T) {
			b.get("/umkm?q=Bujang").want(t, 200).contains(t, "Kopi Bubuk Mandor").lacks(t, "Usaha 01")
			b.get("/umkm?q=9876543210987").want(t, 200).contains(t, "Kopi Bubuk Mandor").lacks(t, "Usaha 01")
		})
		t.Run("filters", func(t *testing.T) {
			b.get("/umkm?binaan=ya").want(t, 200).contains(t, "1</strong> UMKM", "Kopi Bubuk Mandor")
			b.get("/umkm?desa="+string(kualaDua)).want(t, 200).contains(t, "27</strong> UMKM", `<option value="61.12.01.2004" selected>`)
			b.get("/umkm?kbli=G").want(t, 200).contains(t, "Belum ada UMKM yang cocok dengan penyaring ini. Ubah penyaring atau tambah UMKM baru.")
			// The lists behind the owner and data-quality figures, their
			// choices shown in the form.
			b.get("/umkm?jenis_kelamin=L").want(t, 200).contains(t, "1</strong> UMKM", "Kopi Bubuk Mandor", `<option value="L" selected>`, "<details class=\"filter-more\" open>")
			b.get("/umkm?disabilitas=ya&q=kopi").want(t, 200).contains(t, "1</strong> UMKM", "Kopi Bubuk Mandor")
			b.get("/umkm?owner_gender=P&desa="+string(kualaDua)).want(t, 200).contains(t, "27</strong> UMKM").lacks(t, "Kopi Bubuk Mandor")
			b.get("/umkm?kbli=any&nik_sah=ya&desa_dikenal=ya").want(t, 200).contains(t, "28</strong> UMKM")
			b.get("/umkm?kbli=none").want(t, 200).contains(t, "Belum ada UMKM yang cocok")
			b.get("/umkm?tahun_pembiayaan=2025").want(t, 200).contains(t, "Belum ada UMKM yang cocok")
			// The register at a past year's end: these records are made
			// now, so none was there; the filter is kept as a hidden field
			// and said in the count.
			b.get("/umkm?akhir_tahun=2024").want(t, 200).contains(t, "0</strong> UMKM terdaftar pada akhir tahun 2024",
				`<input type="hidden" name="akhir_tahun" value="2024">`)
			b.get("/umkm?tahun_daftar=2026&binaan=ya").want(t, 200).contains(t, "1</strong> UMKM didaftarkan tahun 2026",
				`<input type="hidden" name="tahun_daftar" value="2026">`)
		})
		t.Run("desa list grouped by kecamatan", func(t *testing.T) {
			r := b.get("/umkm").want(t, 200)
			if n := strings.Count(r.body, "<optgroup"); n != 9 {
				t.Errorf("%d optgroups, want 9", n)
			}
			r.contains(t, `data-kecamatan="61.12.01"`, `data-desa="f-desa"`)
		})
		t.Run("invalid filter is a message", func(t *testing.T) {
			b.get("/umkm?skala=raksasa").want(t, http.StatusUnprocessableEntity).contains(t, "Penyaring belum benar", `tidak dikenal`)
			b.get("/umkm?cursor=rusak").want(t, http.StatusUnprocessableEntity).contains(t, "Penyaring belum benar")
			b.get("/umkm?kecamatan=99.99.99").want(t, http.StatusUnprocessableEntity).contains(t, "Kecamatan 99.99.99 tidak dikenal")
			for _, q := range []string{"jenis_kelamin=W", "disabilitas=mungkin", "nik_sah=2", "desa_dikenal=x", "tahun_pembiayaan=25", "kbli=semua", "akhir_tahun=dulu"} {
				b.get("/umkm?"+q).want(t, http.StatusUnprocessableEntity).contains(t, "Penyaring belum benar", "tidak dikenal")
			}
		})
		t.Run("viewer has no add button", func(t *testing.T) {
			v := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
			v.get("/umkm").want(t, 200).lacks(t, "Tambah UMKM")
			v.get("/umkm/baru").want(t, http.StatusForbidden)
		})
	})
}

// TestLargeDeployment checks a province deployment (West Kalimantan,
// 2,145 villages): too many desa to list without JavaScript, so the list
// asks for a kecamatan first and the form takes a village code.
func TestLargeDeployment(t *testing.T) {
	s := newSite(t, "sqlite", options{region: "61"})
	b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
	home := b.get("/").want(t, 200)
	home.contains(t, "Jumlah per kabupaten/kota", "Kabupaten Kubu Raya")
	if len(home.body) > 100_000 {
		t.Errorf("home is %d bytes", len(home.body))
	}
	r := b.get("/umkm").want(t, 200)
	r.contains(t, "Pilih kecamatan dulu, lalu tekan Terapkan.").lacks(t, "<optgroup")
	r = b.get("/umkm?kecamatan=61.12.01").want(t, 200)
	if n := strings.Count(r.body, "<optgroup"); n != 1 {
		t.Errorf("%d village groups for one kecamatan", n)
	}
	r.contains(t, `<option value="61.12.01.2004">Kuala Dua</option>`)
	f := b.get("/umkm/baru").want(t, 200)
	f.contains(t, `name="village_code" type="text"`, "Tulis kode desa Kemendagri").lacks(t, "<optgroup")
	if len(f.body) > 100_000 {
		t.Errorf("form is %d bytes", len(f.body))
	}
	v := enterpriseForm()
	loc := b.post("/umkm", v).location(t)
	b.get(loc).want(t, 200).contains(t, "Kuala Dua, Kec. Sungai Raya")
	b.get("/").want(t, 200).contains(t, `<td class="num" data-label="Mikro">1</td>`)
}

// TestOfficerOfOneDesa checks an officer assigned to one desa: the form
// offers that desa, chosen already.
func TestOfficerOfOneDesa(t *testing.T) {
	s := newSite(t, "sqlite")
	o := s.signedIn(s.user("pendamping.desa", bina.RoleOfficer, kualaDua))
	f := o.get("/umkm/baru").want(t, 200)
	if n := strings.Count(f.body, `<option value="61.12.`); n != 1 {
		t.Errorf("%d villages offered, want 1", n)
	}
	f.contains(t, `<option value="61.12.01.2004" selected>Kuala Dua</option>`)
	o.get("/").want(t, 200).contains(t, "Petugas lapangan (pendamping) · Kuala Dua", "Jumlah per desa/kelurahan", ">Kuala Dua</th>").lacks(t, "Kubu<") // by desa since issue 14
}

func TestThousandsSeparator(t *testing.T) {
	s := newSite(t, "sqlite")
	var ents []bina.Enterprise
	for i := 0; i < 1234; i++ {
		ents = append(ents, *enterprise(fmt.Sprintf("Usaha %04d", i), kualaDua))
	}
	if err := s.store.BulkLoad(context.Background(), ents, nil); err != nil {
		t.Fatal(err)
	}
	b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
	r := b.get("/umkm").want(t, 200).contains(t, "1.234</strong> UMKM")
	if len(r.body) > 100_000 {
		t.Errorf("list of 25 rows is %d bytes", len(r.body))
	}
	b.get("/").want(t, 200).contains(t, `<span class="card-number">1.234</span>`)
}

func TestEnterpriseMasking(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		e := s.mustCreate(enterprise("Keripik Pisang Kuala Dua", kualaDua))
		path := "/umkm/" + strconv.FormatInt(e.ID, 10)

		staff := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		staff.get(path).want(t, 200).contains(t, nik, "081234567890", "Rp 15.000.000", "Mikro</strong> (PP 7/2021", "Rp 120.000.000", "Kerupuk ikan", "Industri Kerupuk")

		viewer := s.signedIn(s.user("tamu", bina.RoleViewer, ""))
		r := viewer.get(path).want(t, 200)
		r.contains(t, bina.Masked, "Data pribadi disembunyikan", "disembunyikan").lacks(t, nik, "081234567890", `href="`+path+`/ubah"`, "Arsipkan")
	})
}

// enterpriseForm returns the form values of a valid new enterprise.
func enterpriseForm() url.Values {
	return url.Values{
		"name":                {"Amplang Ikan Belida"},
		"legal_form":          {"perorangan"},
		"status":              {"aktif"},
		"nib":                 {"1234567890123"},
		"owner.name":          {"Rahmawati"},
		"owner.nik":           {nik},
		"owner.gender":        {"P"},
		"village_code":        {string(kualaDua)},
		"kbli":                {"10794 Industri Kerupuk, Keripik, Peyek Dan Sejenisnya"},
		"kbli_more":           {"47111, 56102"},
		"capital":             {"Rp 1.500.000"},
		"sales.0.year":        {"2025"},
		"sales.0.amount":      {"24.000.000"},
		"sales.1.year":        {"2024"},
		"sales.1.amount":      {""},
		"verification":        {"belum"},
		"source":              {"manual"},
		"digital.qris":        {"1"},
		"workers_paid_female": {"2"},
	}
}

func TestEnterpriseCreate(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		form := b.get("/umkm/baru").want(t, 200)
		form.contains(t, `<label for="f-owner-nik">NIK</label>`, "NIK 16 angka sesuai KTP", "NIB 13 angka dari OSS",
			"Modal usaha di luar tanah dan bangunan", `<datalist id="kbli-list">`, `<optgroup label="Kec. Sungai Raya">`,
			`aria-describedby="f-nib-help"`, `name="sales.2.year" type="text" value="2023"`)

		t.Run("invalid NIB saves nothing", func(t *testing.T) {
			v := enterpriseForm()
			v.Set("nib", "12345")
			r := b.post("/umkm", v).want(t, http.StatusUnprocessableEntity)
			r.contains(t, `<p class="error" id="f-nib-err"><span class="sr-only">Kesalahan: </span>NIB harus 13 angka</p>`,
				`aria-describedby="f-nib-help f-nib-err" aria-invalid="true"`,
				`<a href="#f-nib">NIB harus 13 angka</a>`, `role="alert"`,
				`value="Amplang Ikan Belida"`, `value="Rp 1.500.000"`) // the input is kept
			assertCount(t, s, 0)
		})
		t.Run("letters in money", func(t *testing.T) {
			v := enterpriseForm()
			v.Set("capital", "15 juta")
			v.Set("sales.0.amount", "dua juta")
			r := b.post("/umkm", v).want(t, http.StatusUnprocessableEntity)
			r.contains(t, `id="f-capital-err"`, "Tulis jumlah rupiah dengan angka saja", `<a href="#f-sales-0-year">Tulis omzet dengan angka saja`, `value="15 juta"`)
			assertCount(t, s, 0)
		})
		t.Run("problems without an input go to the summary", func(t *testing.T) {
			v := enterpriseForm()
			v.Set("kbli_more", "99999")
			b.post("/umkm", v).want(t, http.StatusUnprocessableEntity).contains(t, `id="f-kbli-more-err"`, "Kode KBLI 99999 tidak ada")
		})
		t.Run("valid form", func(t *testing.T) {
			loc := b.post("/umkm", enterpriseForm()).location(t)
			if !regexp.MustCompile(`^/umkm/\d+$`).MatchString(loc) {
				t.Fatalf("redirect to %q", loc)
			}
			r := b.get(loc).want(t, 200)
			r.contains(t, `role="status">Data baru disimpan.`, "Amplang Ikan Belida", "Rp 1.500.000", "Rp 24.000.000", "47111", "Rumah/Warung Makan", "QRIS", "Didaftarkan")
			b.get(loc).want(t, 200).lacks(t, "Data baru disimpan.") // the flash shows once
			assertCount(t, s, 1)
		})
	})
}

func assertCount(t *testing.T, s *site, want int) {
	t.Helper()
	p, err := s.store.ListEnterprises(context.Background(), bina.EnterpriseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != want {
		t.Errorf("%d enterprises stored, want %d", p.Total, want)
	}
}

// formValues reads the inputs, selects, checked checkboxes and textareas
// of the form posting to action, as a browser would submit it.
func formValues(t *testing.T, body, action string) url.Values {
	t.Helper()
	i := strings.Index(body, `action="`+action+`"`)
	if i < 0 {
		t.Fatalf("no form posting to %s", action)
	}
	body = body[i:]
	body = body[:strings.Index(body, "</form>")]
	v := url.Values{}
	for _, m := range regexp.MustCompile(`<input ([^>]*)>`).FindAllStringSubmatch(body, -1) {
		attrs := m[1]
		name, value := attr(attrs, "name"), attr(attrs, "value")
		if name == "" {
			continue
		}
		if attr(attrs, "type") == "checkbox" && !strings.Contains(attrs, " checked") {
			continue
		}
		v.Add(name, value)
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea ([^>]*)>(.*?)</textarea>`).FindAllStringSubmatch(body, -1) {
		v.Add(attr(m[1], "name"), html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select ([^>]*)>(.*?)</select>`).FindAllStringSubmatch(body, -1) {
		sel := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(m[2])
		val := ""
		if sel != nil {
			val = html.UnescapeString(sel[1])
		} else if first := regexp.MustCompile(`<option value="([^"]*)"`).FindStringSubmatch(m[2]); first != nil {
			val = html.UnescapeString(first[1])
		}
		v.Add(attr(m[1], "name"), val)
	}
	return v
}

func attr(attrs, name string) string {
	m := regexp.MustCompile(`(?:^|\s)` + name + `="([^"]*)"`).FindStringSubmatch(attrs)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func TestEnterpriseEditAndHistory(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		e := s.mustCreate(enterprise("Kerupuk Basah", kualaDua))
		path := "/umkm/" + strconv.FormatInt(e.ID, 10)
		b := s.signedIn(s.user("staf.edit", bina.RoleStaff, ""))

		form := b.get(path+"/ubah").want(t, 200)
		form.contains(t, `name="version" value="1"`, `value="Kerupuk Basah"`, `value="15.000.000"`, `<option value="61.12.01.2004" selected>`)
		v := formValues(t, form.body, path)
		if v.Get("owner.nik") != nik || v.Get("kbli") != "10794" || v.Get("sales.0.amount") != "120.000.000" {
			t.Fatalf("form values %v", v)
		}
		v.Set("name", "Kerupuk Basah Bu Siti")
		v.Set("capital", "25.000.000")
		if got := b.post(path, v).location(t); got != path {
			t.Fatalf("redirect to %q", got)
		}
		r := b.get(path).want(t, 200)
		r.contains(t, "Perubahan disimpan.", "Kerupuk Basah Bu Siti", "Riwayat perubahan", "staf.edit", "Diubah", "Nama usaha", "Modal usaha", "25.000.000")
		// The history row shows before and after.
		if !regexp.MustCompile(`Nama usaha</td><td[^>]*>Kerupuk Basah</td><td[^>]*>Kerupuk Basah Bu Siti</td>`).MatchString(r.body) {
			t.Errorf("no history row for the name:\n%s", excerpt(r.body[strings.Index(r.body, "h-history"):]))
		}
		stored, err := s.store.FindEnterprise(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Owner.NIK != nik || len(stored.Sales) != 1 || stored.Version != 2 {
			t.Errorf("edit changed what it should keep: %+v", stored)
		}
	})
}

func TestVersionConflict(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		e := s.mustCreate(enterprise("Dodol Lidah Buaya", kualaDua))
		path := "/umkm/" + strconv.FormatInt(e.ID, 10)
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		v := formValues(t, b.get(path+"/ubah").want(t, 200).body, path)

		// Someone else saves first.
		other := *e
		other.MainProduct = "Dodol"
		if err := s.store.UpdateEnterprise(context.Background(), &other); err != nil {
			t.Fatal(err)
		}
		v.Set("name", "Dodol Lidah Buaya Rasau")
		r := b.post(path, v).want(t, http.StatusConflict)
		r.contains(t, "Data ini sudah diubah orang lain sejak Anda membukanya. Muat ulang untuk melihat versi terbaru.", `value="Dodol Lidah Buaya Rasau"`)

		v.Del("version") // a form without its version conflicts too, never overwrites
		b.post(path, v).want(t, http.StatusConflict)
	})
}

func TestArchiveAndRestore(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		e := s.mustCreate(enterprise("Sagu Rasau", kualaDua))
		path := "/umkm/" + strconv.FormatInt(e.ID, 10)
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		b.get(path).want(t, 200).contains(t, `<details class="danger-zone">`, `data-confirm="Yakin arsipkan data ini?`, `action="`+path+`/arsip"`)

		r := b.post(path+"/arsip", url.Values{"reason": {"  "}}).want(t, http.StatusUnprocessableEntity)
		r.contains(t, `<details class="danger-zone" open>`, `id="f-reason-err"`, "Tulis alasan pengarsipan")

		if got := b.post(path+"/arsip", url.Values{"reason": {"Usaha tutup sejak Juni"}}).location(t); got != path {
			t.Fatalf("redirect to %q", got)
		}
		r = b.get(path).want(t, 200)
		r.contains(t, "UMKM ini diarsipkan", "Usaha tutup sejak Juni", `action="`+path+`/pulihkan"`, "Diarsipkan").lacks(t, `href="`+path+`/ubah"`)
		b.get("/umkm").want(t, 200).lacks(t, "Sagu Rasau")
		b.get("/umkm?arsip=1").want(t, 200).contains(t, "Sagu Rasau", "Arsip UMKM")

		b.post(path+"/pulihkan", nil).location(t)
		b.get(path).want(t, 200).contains(t, "Data dipulihkan", "Dipulihkan").lacks(t, "UMKM ini diarsipkan")
	})
}

func TestCSRF(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		e := s.mustCreate(enterprise("Madu Kelulut", kualaDua))
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		path := "/umkm/" + strconv.FormatInt(e.ID, 10)
		b.postRaw(path+"/arsip", url.Values{"reason": {"uji"}}).want(t, http.StatusForbidden).contains(t, "Formulir kedaluwarsa")
		b.postRaw(path+"/arsip", url.Values{"reason": {"uji"}, "csrf": {"palsu"}}).want(t, http.StatusForbidden)
		b.postRaw("/keluar", nil).want(t, http.StatusForbidden)
		// Every form of the pages carries the token.
		for _, p := range []string{"/", path, "/umkm/baru", path + "/ubah"} {
			body := b.get(p).want(t, 200).body
			forms := strings.Count(body, `method="post"`)
			if got := strings.Count(body, `name="csrf" value="`+b.csrf+`"`); got != forms {
				t.Errorf("%s: %d post forms, %d csrf fields", p, forms, got)
			}
		}
	})
}

func TestOfficerScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		mine := s.mustCreate(enterprise("Ikan Asin Sungai Raya", kualaDua))
		theirs := s.mustCreate(enterprise("Beras Mandor", bina.RegionCode(mandor+".2001")))
		coop := s.mustCreateCoop(cooperative("KSP Mandor", bina.RegionCode(mandor+".2001")))
		o := s.signedIn(s.user("pendamping.sr", bina.RoleOfficer, sungaiRaya))

		o.get("/umkm/"+strconv.FormatInt(mine.ID, 10)).want(t, 200).contains(t, nik)
		o.get("/umkm/"+strconv.FormatInt(theirs.ID, 10)).want(t, http.StatusNotFound).contains(t, "404").lacks(t, "Beras Mandor")
		o.get("/umkm/"+strconv.FormatInt(theirs.ID, 10)+"/ubah").want(t, http.StatusNotFound)
		o.get("/koperasi/"+strconv.FormatInt(coop.ID, 10)).want(t, http.StatusNotFound)
		o.post("/umkm/"+strconv.FormatInt(theirs.ID, 10)+"/arsip", url.Values{"reason": {"bukan wilayah saya"}}).want(t, http.StatusNotFound)
		// Lists and filters are limited to the kecamatan.
		r := o.get("/umkm").want(t, 200)
		r.contains(t, "Ikan Asin Sungai Raya").lacks(t, "Beras Mandor", "Kuala Mandor B</option>")
		// The form offers only the officer's villages.
		f := o.get("/umkm/baru").want(t, 200)
		f.contains(t, `<optgroup label="Kec. Sungai Raya">`).lacks(t, "Kec. Kuala Mandor B")
	})
}

func TestNotFoundPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		b.get("/umkm/999999").want(t, http.StatusNotFound).contains(t, "Tidak ditemukan", "Kembali ke beranda")
		b.get("/umkm/abc").want(t, http.StatusNotFound)
		b.get("/tidak-ada").want(t, http.StatusNotFound).contains(t, "Halaman tidak ditemukan.")
		b.get("/koperasi/999999/ubah").want(t, http.StatusNotFound)
	})
}

// failingCounts makes EnterpriseCounts fail as a broken database would.
type failingCounts struct{ bina.EnterpriseService }

func (failingCounts) EnterpriseCounts(context.Context) ([]bina.RegionCount, error) {
	return nil, bina.Wrap(errors.New(`pq: relation "enterprise_counts" does not exist`), "count enterprises")
}

func TestInternalErrorPage(t *testing.T) {
	s := newSite(t, "sqlite", options{enterprises: func(e bina.EnterpriseService) bina.EnterpriseService { return failingCounts{e} }})
	b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
	r := b.get("/").want(t, http.StatusInternalServerError)
	id := r.header.Get("X-Request-Id")
	r.contains(t, "Maaf, terjadi kesalahan pada server.", "<code>"+id+"</code>").lacks(t, "enterprise_counts", "pq:")
	if !strings.Contains(s.log.String(), "enterprise_counts") || !strings.Contains(s.log.String(), id) {
		t.Error("the detail and request id belong in the log")
	}
}

func TestCooperative(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		b := s.signedIn(s.user("staf.kop", bina.RoleStaff, ""))
		form := b.get("/koperasi/baru").want(t, 200)
		form.contains(t, `name="officers.4.name"`, `name="units.2.name"`, `name="amendments.1.number"`, `<option value="kdmp">Koperasi Desa Merah Putih</option>`)

		v := url.Values{
			"name": {"Koperasi Produsen Sinar Bahari"}, "jenis": {"produsen"}, "bentuk": {"primer"}, "pola": {"konvensional"}, "kelompok": {"nelayan"},
			"village_code": {string(kualaDua)}, "members_female": {"14"}, "members_male": {"11"}, "verification": {"belum"}, "source": {"manual"},
			"registration_number": {"6112010000000001"}, "certificate_date": {"2023-01-10"}, "certificate_expiry": {"2025-01-10"},
			"legal_number": {"518.08/96/BH/XIV.10/VIII/2008"}, "legal_date": {"2008-08-01"},
			"amendments.0.number": {"AHU-0001.AH.01.26.2021"}, "amendments.0.date": {"2021-03-01"},
			"officers.0.name": {"Abdul Hamid"}, "officers.0.role": {"ketua"}, "officers.0.gender": {"L"}, "officers.0.phone": {"0812 5555 1234"},
			"officers.1.name": {"Nurhayati"}, "officers.1.role": {"bendahara"}, "officers.1.gender": {"P"},
			"officers.2.name": {""}, "officers.2.role": {""}, "officers.3.name": {""}, "officers.4.name": {""},
			"units.0.name": {"Unit pengolahan ikan"}, "units.0.kind": {"produksi"}, "units.1.name": {""}, "units.2.name": {""},
		}

		t.Run("invalid officer row keeps the input", func(t *testing.T) {
			bad := url.Values{}
			for k, x := range v {
				bad[k] = x
			}
			bad.Set("officers.2.role", "ketua") // a role without a name
			r := b.post("/koperasi", bad).want(t, http.StatusUnprocessableEntity)
			r.contains(t, "Nama pengurus wajib diisi", `id="officers-err"`, `value="Abdul Hamid"`)
		})

		loc := b.post("/koperasi", v).location(t)
		r := b.get(loc).want(t, 200)
		r.contains(t, "Data baru disimpan.", "Koperasi Produsen Sinar Bahari", "Abdul Hamid", "Ketua", "Nurhayati", "Bendahara",
			"Unit pengolahan ikan", "AHU-0001.AH.01.26.2021", "Sertifikat kedaluwarsa", "10 Januari 2025", "Tidak aktif", "Nelayan", "Belum ada RAT yang tercatat")
		stored, err := s.store.FindCooperative(context.Background(), mustID(t, loc))
		if err != nil {
			t.Fatal(err)
		}
		if len(stored.Officers) != 2 || len(stored.Units) != 1 || len(stored.Amendments) != 1 {
			t.Errorf("blank rows must be ignored: %d officers, %d units, %d amendments", len(stored.Officers), len(stored.Units), len(stored.Amendments))
		}

		t.Run("edit", func(t *testing.T) {
			f := b.get(loc+"/ubah").want(t, 200)
			ev := formValues(t, f.body, loc)
			if ev.Get("officers.1.name") != "Nurhayati" || ev.Get("officers.0.phone") != "081255551234" {
				t.Fatalf("form values %v", ev)
			}
			ev.Set("name", "Koperasi Produsen Sinar Bahari Kuala Dua")
			ev.Set("officers.2.name", "Syarifah")
			ev.Set("officers.2.role", "sekretaris")
			b.post(loc, ev).location(t)
			r := b.get(loc).want(t, 200)
			r.contains(t, "Perubahan disimpan.", "Sinar Bahari Kuala Dua", "Syarifah", "Sekretaris", "Nama koperasi", "staf.kop")
		})

		t.Run("RAT", func(t *testing.T) {
			r := b.post(loc+"/rat", url.Values{"book_year": {"2025"}, "held_on": {"2025-12-01"}}).want(t, http.StatusUnprocessableEntity)
			r.contains(t, `<details class="rat-form" id="rat-form" open>`, "diadakan setelah tahun buku itu berakhir", `id="f-held-on-err"`)
			r = b.post(loc+"/rat", url.Values{"book_year": {"2025"}, "simpanan_pokok": {"1.2 juta"}}).want(t, http.StatusUnprocessableEntity)
			r.contains(t, `id="f-simpanan-pokok-err"`)

			rat := url.Values{"book_year": {"2025"}, "held_on": {"2026-03-14"}, "reported_on": {"2026-04-01"}, "members_female": {"14"}, "members_male": {"11"},
				"members_present": {"20"}, "simpanan_pokok": {"2.500.000"}, "simpanan_wajib": {"12.000.000"}, "assets": {"150.000.000"},
				"business_volume": {"320.000.000"}, "shu": {"-1.500.000"}, "health_assessed": {"1"}, "health_result": {"cukup_sehat"}}
			if got := b.post(loc+"/rat", rat).location(t); got != loc+"#rat" {
				t.Fatalf("redirect to %q", got)
			}
			r = b.get(loc).want(t, 200)
			r.contains(t, "Data RAT disimpan.", "Aktif", "14 Maret 2026", "14.500.000", "-1.500.000", "Cukup Sehat", "RAT tahun buku 2025", `href="`+loc+`?rat=2025#rat-form"`)
			r.lacks(t, "Tidak aktif:")
			// The correction link fills the form with the stored figures.
			b.get(loc+"?rat=2025").want(t, 200).contains(t, `<details class="rat-form" id="rat-form" open>`, `value="12.000.000"`, `value="2026-03-14"`)
		})

		t.Run("archive and list", func(t *testing.T) {
			b.get("/koperasi?aktif=ya").want(t, 200).contains(t, "Sinar Bahari", `<span class="badge ok">Aktif</span>`)
			b.get("/koperasi?jenis=konsumen").want(t, 200).contains(t, "Belum ada koperasi yang cocok")
			b.post(loc+"/arsip", url.Values{"reason": {""}}).want(t, http.StatusUnprocessableEntity).contains(t, "Tulis alasan pengarsipan")
			b.post(loc+"/arsip", url.Values{"reason": {"Bubar menurut RAT"}}).location(t)
			b.get(loc).want(t, 200).contains(t, "Koperasi ini diarsipkan", "Bubar menurut RAT")
			b.post(loc+"/pulihkan", nil).location(t)
			b.get(loc).want(t, 200).lacks(t, "Koperasi ini diarsipkan")
		})
	})
}

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(path[strings.LastIndexByte(path, '/')+1:], 10, 64)
	if err != nil {
		t.Fatalf("no id in %q", path)
	}
	return id
}

// TestPages checks every page: size under 100 KB with 25 rows, no inline
// script or style (the CSP forbids them), the language attribute, the
// skip link and the footer's attribution.
func TestPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		var ents []bina.Enterprise
		for i := 0; i < 40; i++ {
			e := enterprise(fmt.Sprintf("Usaha Pengolahan Hasil Perikanan dan Perkebunan Nomor %02d", i), kualaDua)
			e.TradeName = "Merek Dagang Yang Cukup Panjang"
			e.KBLI = append(e.KBLI, bina.KBLICode{Version: bina.KBLI2020, Code: "47111"})
			ents = append(ents, *e)
		}
		if err := s.store.BulkLoad(context.Background(), ents, nil); err != nil {
			t.Fatal(err)
		}
		e := &ents[0]
		c := cooperative("Koperasi Desa Merah Putih Kuala Dua", kualaDua)
		c.KDMP = true
		for i := 0; i < 9; i++ {
			c.Officers = append(c.Officers, bina.Officer{Name: fmt.Sprintf("Pengurus %d", i), Role: "pengawas"})
		}
		s.mustCreateCoop(c)
		for y := 2019; y <= 2025; y++ {
			if err := s.store.SaveRAT(context.Background(), c.ID, bina.RAT{BookYear: y, HeldOn: bina.DateOf(y+1, 3, 1), MembersFemale: 100, MembersMale: 90, Assets: 1_000_000_000}); err != nil {
				t.Fatal(err)
			}
		}
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		eid, cid := strconv.FormatInt(e.ID, 10), strconv.FormatInt(c.ID, 10)
		pages := []string{"/", "/umkm", "/umkm?kecamatan=61.12.01", "/umkm/" + eid, "/umkm/baru", "/umkm/" + eid + "/ubah",
			"/koperasi", "/koperasi/" + cid, "/koperasi/baru", "/koperasi/" + cid + "/ubah", "/tidak-ada"}
		inline := regexp.MustCompile(`(?i)<script>|<script [^>]*>[^<]|\sstyle=|<style|\son[a-z]+=`)
		check := func(path string, r response) {
			t.Logf("%-28s %6d bytes", path, len(r.body))
			if len(r.body) >= 100_000 {
				t.Errorf("%s is %d bytes, want < 100 KB", path, len(r.body))
			}
			if m := inline.FindString(r.body); m != "" {
				t.Errorf("%s has inline code or style %q", path, m)
			}
			for _, want := range []string{`<html lang="id">`, `<a class="skip" href="#main">Langsung ke isi</a>`, `<main id="main"`, "Kode wilayah: Kemendagri via idn-area-data (ODbL)"} {
				if !strings.Contains(r.body, want) {
					t.Errorf("%s lacks %q", path, want)
				}
			}
			if r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s Cache-Control %q", path, r.header.Get("Cache-Control"))
			}
		}
		for _, p := range pages {
			r := b.get(p)
			if r.status != 200 && p != "/tidak-ada" {
				t.Errorf("%s: status %d\n%s", p, r.status, excerpt(r.body))
			}
			check(p, r)
		}
		check("/masuk", s.browser().get("/masuk"))
		// Every input has a label.
		for _, p := range []string{"/umkm", "/umkm/baru", "/koperasi/" + cid, "/koperasi/baru"} {
			body := b.get(p).body
			for _, m := range regexp.MustCompile(`<(?:input|select|textarea) [^>]*id="([^"]+)"`).FindAllStringSubmatch(body, -1) {
				if !strings.Contains(body, `<label for="`+m[1]+`"`) {
					t.Errorf("%s: input %s has no label", p, m[1])
				}
			}
		}
	})
}

func TestLanguage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		e := s.mustCreate(enterprise("Kue Bingka", kualaDua))
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		b.get("/umkm").want(t, 200).contains(t, `<html lang="id">`, "Tambah UMKM", `href="/bahasa/en?next=%2fumkm"`, ">English</a>")

		r := b.get("/bahasa/en?next=/umkm")
		if got := r.location(t); got != "/umkm" {
			t.Errorf("redirect to %q", got)
		}
		en := b.get("/umkm").want(t, 200)
		en.contains(t, `<html lang="en">`, "Add UMKM", "Search business name, owner or NIB", "Home", "Sign out", ">Bahasa Indonesia</a>", "Region codes: Kemendagri via idn-area-data (ODbL)").lacks(t, "Tambah UMKM", "Beranda")
		d := b.get("/umkm/"+strconv.FormatInt(e.ID, 10)).want(t, 200)
		d.contains(t, "Owner", "Micro</strong> (PP 7/2021", "Operating", "Not verified", "Change history")
		v := enterpriseForm()
		v.Set("nib", "1")
		b.post("/umkm", v).want(t, http.StatusUnprocessableEntity).contains(t, "NIB must be 13 digits", "NIK 16 digits as on the ID card")

		if got := b.get("/bahasa/id?next=//evil.example").location(t); got != "/" {
			t.Errorf("unsafe next redirected to %q", got)
		}
		b.get("/").want(t, 200).contains(t, `<html lang="id">`, "Beranda")
		b.get("/bahasa/fr").want(t, http.StatusNotFound)
	})
}

func TestStatic(t *testing.T) {
	s := newSite(t, "sqlite")
	b := s.browser()
	page := b.get("/masuk").want(t, 200)
	for _, re := range []string{`href="(/static/app\.[0-9a-f]{12}\.css)"`, `src="(/static/app\.[0-9a-f]{12}\.js)"`} {
		m := regexp.MustCompile(re).FindStringSubmatch(page.body)
		if m == nil {
			t.Fatalf("no asset matching %s", re)
		}
		r := b.get(m[1]).want(t, 200)
		if cc := r.header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s Cache-Control %q", m[1], cc)
		}
		if len(r.body) > 30_000 {
			t.Errorf("%s is %d bytes", m[1], len(r.body))
		}
	}
	if cc := b.get("/static/app.css").want(t, 200).header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("unversioned asset Cache-Control %q", cc)
	}
	if cc := b.get("/static/app.000000000000.css").want(t, 200).header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("asset of an older release: Cache-Control %q", cc)
	}
	b.get("/static/nope.css").want(t, http.StatusNotFound)
}
