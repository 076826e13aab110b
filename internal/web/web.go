// Package web serves Bina's pages: server-rendered HTML for the office's
// staff, field officers and viewers, in Bahasa Indonesia first and English
// second.
//
// Handlers are methods on *Handler, one per route of internal/server; each
// builds a typed page struct and renders it through html/template. The
// templates and the static files (one CSS and one JS file, both optional
// enhancements over plain HTML) are embedded and parsed once in New. Every
// page is rendered into a buffer before anything is written, so a template
// error becomes a clean error page rather than half a page.
//
// The handlers hold no rules of the register: they pass the request's
// context to the bina services, which scope every query to the actor's
// region, mask personal data for viewers and write the history.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"bina"
	"bina/audit"
	"bina/coaching"
	"bina/imports"
	"bina/indicator"
	"bina/internal/httperr"
	"bina/internal/sheet"
	"bina/supervision"
)

//go:embed templates static
var files embed.FS

// SessionCookie is the name of the cookie that carries the browser
// session's token.
const SessionCookie = "bina_session"

// langCookie remembers the chosen interface language ("id" or "en").
const langCookie = "lang"

// flashCookie carries the code of a one-time message ("saved") across the
// redirect that follows a successful form post. It holds a code from
// flashMessages, never free text.
const flashCookie = "bina_flash"

// Deps is what the pages are built from.
type Deps struct {
	Enterprises  bina.EnterpriseService
	Cooperatives bina.CooperativeService
	Users        bina.UserService
	History      bina.HistoryService
	// Ref holds the deployment's region tree, the KBLI catalogue, the
	// configuration and the clock.
	Ref bina.Reference
	Log *slog.Logger
	// SecureCookies sets Secure on every cookie (the server runs behind TLS).
	SecureCookies bool
	// Imports keeps uploaded files, their jobs and the review queue,
	// Importer previews files, and Queue runs imports in the background.
	// Without Imports and Importer the import pages answer 404.
	Imports  imports.Service
	Importer imports.Importer
	Queue    ImportQueue
	// Exports bounds the files written at once, shared with the API
	// (nil: no bound).
	Exports *sheet.Gate
	// KeepUploads is how long an uploaded file is kept after its import
	// ends, to tell staff when it goes (0: not said).
	KeepUploads time.Duration
	// Audit records every read of personal data and answers the admins'
	// audit pages; without it nothing is recorded and the pages answer 404.
	Audit audit.Service
	// Pembinaan: certificates and outcome milestones of enterprises;
	// without both their block and pages are left out (404).
	Certificates coaching.CertificateService
	Milestones   coaching.MilestoneService

	// Letters issues the Surat Keterangan UMK Binaan (without it the
	// letter pages answer 404); PublicURL starts the verification links
	// printed on letters (empty: the scheme and host of the request).
	Letters   coaching.LetterService
	PublicURL string
	// Coaching keeps the coaching ledger and the caseloads, Attachments
	// its photos (issue 11); without Coaching its pages answer 404.
	Coaching    coaching.CoachingService
	Attachments bina.AttachmentStore
	// Reach answers /jangkauan and binaan decisions (pembinaan, issue 11);
	// without it those pages answer 404.
	Reach coaching.ReachService

	// Pembinaan: programmes, their participants and candidate lists.
	Programmes coaching.ProgrammeService

	// Board accounts (issue 12): invitations and the boards' change
	// requests; without them their pages answer 404.
	Invitations    supervision.InvitationService
	ChangeRequests supervision.ChangeRequestService
	// Reports keeps cooperatives' annual reports (issue 12); without it
	// their pages answer 404 and the cooperative page leaves them out.
	Reports supervision.AnnualReportService
	// Health assesses savings-and-loan cooperatives (issue 12); without
	// it the health pages answer 404.
	Health supervision.HealthService
	// Cooperative supervision (issue 12): RAT compliance, the KDMP
	// follow-up and the perkembangan report; without them their pages
	// answer 404.
	Compliance   supervision.ComplianceService
	KDMP         supervision.KDMPService
	Perkembangan indicator.PerkembanganService

	// Indicators (issue 13) computes the dashboards and the open datasets
	// taken from the indicator catalogue: without it the dashboard pages
	// answer 404 and /data-terbuka lists the register's tables only.
	// OpenData dates the datasets (optional).
	Indicators indicator.Service
	OpenData   indicator.OpenDataService
	// Without Boundaries the maps use the embedded boundaries only and the
	// upload page answers 404.
	Boundaries indicator.BoundaryService
	// Points places businesses with coordinates on the kecamatan maps,
	// for accounts that may see addresses; without it there are none.
	Points indicator.MapPointService
	// Rakor makes the rakor report (issue 13); without it /laporan/rakor
	// answers 404.
	Rakor indicator.ReportService
}

// exportGate returns the gate of the files this server writes.
func (h *Handler) exportGate() *sheet.Gate { return h.Exports }

// Handler serves the pages. Build it with New.
type Handler struct {
	Deps
	// pages holds every page template per language ("id", "en"); the
	// language is bound into the template functions at parse time so
	// that templates just write {{t "Simpan"}}.
	pages map[string]map[string]*template.Template
	// static maps a file name under static/ to its content and hash.
	static map[string]staticFile
	// districts and villages are the deployment's regions, computed once:
	// the tree answers them by walking every node.
	districts []bina.Region
	villages  map[bina.RegionCode][]bina.Region // by kecamatan
	nVillages int
	kbliList  []bina.KBLIEntry // the codes offered in the KBLI <datalist>
	// openDataCache keeps the open-data tables counted lately.
	openDataCache openDataCache
	// maps keeps the boundaries read and projected for the dashboard maps.
	maps mapCache
}

type staticFile struct {
	body  []byte
	hash  string
	ctype string
}

// New parses every template and reads the static files.
func New(d Deps) (*Handler, error) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Ref.Regions == nil {
		return nil, errors.New("web: Deps.Ref.Regions is required")
	}
	h := &Handler{Deps: d, static: map[string]staticFile{}, villages: map[bina.RegionCode][]bina.Region{}}
	h.districts = d.Ref.Regions.Districts()
	for _, v := range d.Ref.Regions.Villages() {
		k := v.Code.Parent()
		h.villages[k] = append(h.villages[k], v)
		h.nVillages++
	}
	h.kbliList = commonKBLI(d.Ref.KBLI)

	err := fs.WalkDir(files, "static", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		h.static[strings.TrimPrefix(p, "static/")] = staticFile{body: b, hash: hex.EncodeToString(sum[:6]), ctype: ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}

	h.pages = map[string]map[string]*template.Template{}
	for _, lang := range []string{"id", "en"} {
		set, err := h.parse(lang)
		if err != nil {
			return nil, err
		}
		h.pages[lang] = set
	}
	return h, nil
}

// pageNames are the page templates, each a file under templates/ that
// defines "main" for the layout.
var pageNames = []string{
	"login", "home", "error",
	"enterprise/list", "enterprise/show", "enterprise/form",
	"cooperative/list", "cooperative/show", "cooperative/form",
	"import/list", "import/map", "import/progress", "import/report",
	"review/list", "review/show", "review/confirm",
	"audit/list",
	"certificate/list", "certificate/form", "certificate/review",
	"coaching/caseload", "coaching/form",
	"reach/list",                                                                 // pembinaan, reach (issue 11)
	"programme/list", "programme/show", "programme/form", "programme/candidates", // pembinaan
	"user/list", "user/form", "user/show", "user/confirm", "user/reset",
	"letter/issue", "letter/revoke", "letter/settings", "letter/verify",
	"import/attendance", // a programme's attendance sheet (issue 11)
	// Board accounts and their change requests (issue 12).
	"partner/invitations", "partner/accept", "partner/home", "changerequest/list", "changerequest/form", "changerequest/show",

	// Annual reports of cooperatives (issue 12).
	"report/show", "report/confirm",
	// Health assessment (issue 12).
	"health/list", "health/form", "health/show", "health/rulesets", "health/ruleset",
	// Cooperative supervision (issue 12).
	"compliance/list", "compliance/settings", "compliance/kdmp", "compliance/perkembangan",
	// Open data (issue 13).
	"opendata/list",
	// Dashboards and maps (issue 13).
	"dashboard/home", "dashboard/theme", "dashboard/indicator", "dashboard/boundaries",
	// The rakor report (issue 13).
	"rakor/list",
}

// pageBlocks are the block templates a page includes beside its own file:
// the UMKM page shows blocks of other concerns, each in a file of its own.
var pageBlocks = map[string][]string{
	"enterprise/show": {"templates/enterprise/certificates.html", "templates/enterprise/letters.html",
		"templates/enterprise/programmes.html"}, // the programmes it is in (programme_participation.go)
	"certificate/form": {"templates/enterprise/certificates.html"},
	"letter/issue":     {"templates/enterprise/letters.html"},
	"cooperative/show": {"templates/cooperative/reports.html"}, // annual reports (issue 12)
	"report/show":      {"templates/cooperative/reports.html"},
	"report/confirm":   {"templates/cooperative/reports.html"},
	// The dashboards share their tiles and charts (issue 13).
	"dashboard/home":      {"templates/dashboard/blocks.html"},
	"dashboard/theme":     {"templates/dashboard/blocks.html"},
	"dashboard/indicator": {"templates/dashboard/blocks.html"},
}

func (h *Handler) parse(lang string) (map[string]*template.Template, error) {
	base, err := template.New("layout").Funcs(h.funcs(lang)).ParseFS(files, "templates/layout.html", "templates/partials/*.html",
		"templates/enterprise/coaching.html") // the coaching block, also on coaching/form
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	set := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(files, append([]string{"templates/" + name + ".html"}, pageBlocks[name]...)...); err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", name, err)
		}
		set[name] = t
	}
	return set, nil
}

// layout is the part of every page that the layout template reads. Page
// structs embed it.
type layout struct {
	Lang    string
	Title   string
	Nav     string // the current main navigation item: home, umkm, koperasi
	User    *bina.User
	CSRF    string
	Here    string // this page's address, where the language switch returns
	Flash   string
	CSS, JS string
	Area    string // the deployment's name, "Kabupaten Kubu Raya"
	// CanImport shows the import and review items of the navigation;
	// Reviews is the number of open review items beside the latter.
	CanImport bool
	Reviews   int
	// Refresh reloads the page after so many seconds in browsers without
	// JavaScript (a running import's progress).
	Refresh int
	// FirstLoad is the first load that has not ended, if any: every page
	// says that lists are slower and search and counts not yet up to date.
	// FirstLoadStopped says that its run is no longer alive.
	FirstLoad        *imports.Job
	FirstLoadStopped bool
}

func (l *layout) base() *layout { return l }

type pager interface{ base() *layout }

// lang returns the user's interface language: "en" when chosen, else "id".
func lang(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == "en" {
		return "en"
	}
	return "id"
}

// newLayout fills the common page data for r.
func (h *Handler) newLayout(r *http.Request, title, nav string) layout {
	l := layout{Lang: lang(r), Nav: nav, User: bina.UserFromContext(r.Context())}
	l.Title = h.t(l.Lang, title)
	if s := bina.SessionFromContext(r.Context()); s != nil {
		l.CSRF = s.CSRF
	}
	if r.Method == http.MethodGet {
		l.Here = r.URL.RequestURI()
	} else {
		l.Here = "/"
	}
	l.CSS = h.asset("app.css")
	l.JS = h.asset("app.js")
	l.Area = h.Ref.Regions.Name(h.Ref.Regions.Root())
	if h.Ref.Regions.Root() == "" {
		l.Area = "Indonesia"
	}
	if l.User.CanEdit() && h.Imports != nil {
		l.CanImport = true
		l.Reviews = h.openReviews(r)
	}
	if l.User != nil && h.Imports != nil {
		if l.FirstLoad = h.firstLoad(r); l.FirstLoad != nil {
			l.FirstLoadStopped = !l.FirstLoad.Alive(h.Ref.Clock())
		}
	}
	return l
}

// firstLoad returns the first load that has not ended, for the notice of
// every page; an error leaves the notice out rather than failing the page.
func (h *Handler) firstLoad(r *http.Request) *imports.Job {
	j, err := h.Imports.RunningFirstLoad(r.Context())
	if err != nil {
		h.Log.Warn("look for a first load", "err", err)
		return nil
	}
	return j
}

// asset returns the address of a static file under its versioned name,
// the content hash before the extension ("app.3fa2c81d09be.css"), so that
// it can be cached for a year and still change with each release. A name
// rather than a query string: some proxies do not cache what has one.
func (h *Handler) asset(name string) string {
	ext := path.Ext(name)
	return "/static/" + strings.TrimSuffix(name, ext) + "." + h.static[name].hash + ext
}

// staticByName finds a static file by its plain or versioned name and
// reports whether the name carried the file's current hash. A page cached
// from an earlier release may ask for an older hash: it gets today's file,
// not to be cached.
func (h *Handler) staticByName(name string) (f staticFile, current, ok bool) {
	if f, ok := h.static[name]; ok {
		return f, false, true
	}
	ext := path.Ext(name)
	stem, hash, found := strings.Cut(strings.TrimSuffix(name, ext), ".")
	if !found || strings.Contains(hash, ".") {
		return staticFile{}, false, false
	}
	f, ok = h.static[stem+ext]
	return f, ok && hash == f.hash, ok
}

// render writes page with status. The page is rendered into a buffer
// first: a template error gives a clean error page, never half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, page pager) {
	l := page.base()
	if c, err := r.Cookie(flashCookie); err == nil {
		if msg, ok := flashMessages[c.Value]; ok {
			l.Flash = h.t(l.Lang, msg)
		}
		http.SetCookie(w, h.cookie(flashCookie, "", -1))
	}
	t := h.pages[l.Lang][name]
	var buf bytes.Buffer
	if t == nil {
		h.Error(w, r, bina.Wrap(fmt.Errorf("no template %q", name), "render"))
		return
	}
	if err := t.ExecuteTemplate(&buf, "layout", page); err != nil {
		if name == "error" {
			// The error page itself failed: answer in plain text.
			h.Log.Error("render error page", "err", err, "request_id", w.Header().Get("X-Request-Id"))
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		h.Error(w, r, bina.Wrap(err, "render "+name))
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	// Pages carry personal data and per-user scope: never store them.
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// cookie returns a cookie for the whole site; maxAge < 0 deletes it.
func (h *Handler) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: h.SecureCookies}
}

// flashMessages are the one-time messages a redirect can carry.
var flashMessages = map[string]string{
	"saved":    "Perubahan disimpan.",
	"created":  "Data baru disimpan.",
	"archived": "Data diarsipkan. Data tetap tersimpan dan dapat dipulihkan.",
	"restored": "Data dipulihkan ke daftar aktif.",
	"rat":      "Data RAT disimpan.",
	"uploaded": "Berkas diunggah. Periksa pemetaan kolom, lihat pratinjau, lalu mulai impor.",
	"mapping":  "Pemetaan kolom disimpan.",
	"started":  "Impor dimulai. Halaman ini menunjukkan kemajuannya.",
	"resolved": "Keputusan tinjauan disimpan.",
	"undone":   "Keputusan dibatalkan; data kembali menunggu tinjauan.",
	// Accounts (user.go).
	"user-created":  "Pengguna ditambahkan.",
	"user-disabled": "Pengguna dinonaktifkan; sesi dan tokennya berakhir.",
	"user-enabled":  "Pengguna diaktifkan kembali.",
	"token-revoked": "Token dicabut.",
	"session-ended": "Sesi diakhiri.",
	"unblocked":     "Penundaan masuk dihapus.",
	"password-set":  "Kata sandi baru disimpan. Silakan masuk dengannya.",

	// Letters (letter.go).
	"letter-issued":         "Surat keterangan diterbitkan. Unduh PDF-nya untuk ditandatangani dan dicap.",
	"letter-revoked":        "Surat keterangan dicabut. Halaman verifikasinya kini menyatakan DICABUT.",
	"letter-settings-saved": "Pengaturan surat disimpan.",
	// The coaching ledger (coaching.go).
	"coaching-saved":   "Sesi pendampingan dicatat.",
	"officer-assigned": "Petugas pendamping ditetapkan.",
	"followup-done":    "Tindak lanjut ditandai selesai.",
	// Board accounts and change requests (partner.go, changerequest.go).
	"invitation-revoked": "Undangan dicabut; tautannya tidak berlaku lagi.",
	"board-welcome":      "Akun Anda sudah dibuat dan Anda sudah masuk.",
	"change-proposed":    "Usulan perubahan dikirim. Data berubah setelah diverifikasi dinas.",
	"change-approved":    "Usulan disetujui dan data koperasi diperbarui.",
	"change-rejected":    "Usulan ditolak; pengurus melihat alasannya.",
	// Annual reports of cooperatives (annualreport.go, issue 12).
	"report-saved":      "Draf laporan tahunan disimpan.",
	"report-submitted":  "Laporan tahunan diajukan ke dinas.",
	"report-accepted":   "Laporan tahunan diterima dan dikunci.",
	"report-returned":   "Laporan tahunan dikembalikan dengan catatan.",
	"report-correction": "Koreksi dimulai sebagai versi baru; versi yang diterima tetap tersimpan.",
	"report-file":       "Dokumen dilampirkan.",
	// Health assessment (health.go).
	"health-assessed": "Penilaian kesehatan disimpan. Kertas kerjanya dapat diunduh sebagai PDF.",
	"ruleset-adopted": "Versi baru aturan penilaian disimpan. Penilaian berikutnya memakai versi ini; penilaian lama tetap seperti semula.",
	// Map boundaries (map_upload.go).
	"boundaries-saved": "Batas wilayah disimpan; peta memakainya mulai sekarang.",
	// The rakor report (rakor.go, issue 13).
	"rakor-started": "Laporan rakor sedang dibuat. Halaman ini menunjukkan kemajuannya.",
}

// redirectFlash answers a successful post with 303 See Other to to,
// carrying the flash message code.
func (h *Handler) redirectFlash(w http.ResponseWriter, r *http.Request, to, flash string) {
	http.SetCookie(w, h.cookie(flashCookie, flash, 60))
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// errorPage is the data of the error template.
type errorPage struct {
	layout
	Status    int
	Message   string
	Fields    []string
	RequestID string
	Internal  bool
}

// Error renders err as a page: its status from its code, its message in
// the user's language. Internal errors show a short apology and the
// request id; their detail goes to the log only. A page that needs a
// signed-in user sends the browser to the sign-in page instead.
func (h *Handler) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := bina.ErrorCode(err)
	if code == bina.Unauthorized {
		next := r.URL.Path
		if r.Method == http.MethodGet && r.URL.RawQuery != "" {
			next += "?" + r.URL.RawQuery
		}
		if r.Method != http.MethodGet {
			next = "/"
		}
		http.Redirect(w, r, "/masuk?next="+url.QueryEscape(next), http.StatusSeeOther)
		return
	}
	status := httperr.Status(code)
	if httperr.IsBadRequest(err) {
		status = http.StatusBadRequest
	} else if httperr.IsMethodNotAllowed(err) {
		status = http.StatusMethodNotAllowed
	}
	l := h.newLayout(r, "", "")
	p := &errorPage{layout: l, Status: status, Message: bina.ErrorText(err).In(l.Lang)}
	switch {
	case code == bina.Internal:
		p.Internal = true
		p.RequestID = w.Header().Get("X-Request-Id")
		h.Log.Error("internal error", "request_id", p.RequestID, "method", r.Method, "path", r.URL.Path, "err", err)
		p.Title = h.t(l.Lang, "Terjadi kesalahan")
	case status == http.StatusNotFound:
		p.Title = h.t(l.Lang, "Tidak ditemukan")
	case status == http.StatusForbidden:
		p.Title = h.t(l.Lang, "Akses ditolak")
	default:
		p.Title = h.t(l.Lang, "Permintaan tidak dapat diproses")
	}
	for _, f := range bina.ErrorFields(err) {
		p.Fields = append(p.Fields, f.Message.In(l.Lang))
	}
	h.render(w, r, status, "error", p)
}

// Static serves the embedded CSS and JS. A request for the file's
// versioned name (see asset) may be cached for a year.
func (h *Handler) Static(w http.ResponseWriter, r *http.Request) {
	f, current, ok := h.staticByName(r.PathValue("file"))
	if !ok {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Berkas tidak ditemukan.", "File not found."))
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ctype)
	hd.Set("ETag", `"`+f.hash+`"`)
	if current {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}

// Language sets the interface language and returns to the page the user
// was on.
func (h *Handler) Language(w http.ResponseWriter, r *http.Request) {
	l := r.PathValue("lang")
	if l != "id" && l != "en" {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Bahasa tidak dikenal.", "Unknown language."))
		return
	}
	c := h.cookie(langCookie, l, 365*24*3600)
	http.SetCookie(w, c)
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// safeNext returns next when it is a path on this site, else "/": it must
// start with a single "/" (not "//" or "/\", which browsers treat as
// another host) and carry no scheme or host.
func safeNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}

// clientIP returns the address of the client for the sign-in limiter: as
// the server resolved it (behind a trusted proxy, the forwarded client),
// else the peer's.
func clientIP(r *http.Request) string {
	if a := audit.ClientAddr(r.Context()); a != "" {
		return a
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// pathID reads the {id} of the route.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
	}
	return id, nil
}

// mustEdit returns a Forbidden error for users who may not change the
// register, so that they get a clear page rather than a form they cannot
// save.
func mustEdit(u *bina.User) error {
	if !u.CanEdit() {
		return bina.Errorf(bina.Forbidden, "Anda hanya dapat membaca data; hubungi admin dinas bila perlu mengubahnya.", "You can only read the register; ask the office administrator if you need to change it.")
	}
	return nil
}
