package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/coaching"
	"bina/imports"
	"bina/internal/api"
	"bina/internal/jobs"
	"bina/internal/server"
	"bina/internal/sheet"
	"bina/internal/sqlstore/sqlstoretest"
	"bina/internal/web"
	"bina/supervision"
)

// TestAPI runs the API's scenarios on the whole server (middleware, routes,
// pages and API) over a real store of every engine. Every answer is checked
// against the OpenAPI document the server serves, and at the end every
// operation of the document must have been called.
func TestAPI(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			e := newEnv(t, engine)
			t.Run("document", e.testDocument)
			t.Run("authentication", e.testAuthentication)
			t.Run("reference", e.testReference)
			t.Run("enterprises/create", e.testCreateEnterprise)
			t.Run("enterprises/create invalid", e.testCreateEnterpriseInvalid)
			t.Run("enterprises/get", e.testGetEnterprise)
			t.Run("enterprises/list", e.testListEnterprises)
			t.Run("enterprises/update", e.testUpdateEnterprise)
			t.Run("enterprises/archive", e.testArchiveEnterprise)
			t.Run("enterprises/history", e.testEnterpriseHistory)
			t.Run("cooperatives", e.testCooperatives)
			t.Run("cooperatives/rat", e.testSaveRAT)
			t.Run("compliance", e.testCompliance) // RAT compliance (issue 12)
			t.Run("statistics", e.testStatistics)
			t.Run("reach", e.testReach)
			t.Run("indicators", e.testIndicators) // issue 13
			t.Run("rakor", e.testRakor)           // issue 13
			t.Run("officer", e.testOfficer)
			t.Run("viewer", e.testViewer)
			t.Run("session", e.testSession)
			t.Run("problems", e.testProblems)
			t.Run("export", e.testExport)
			t.Run("imports", e.testImports)
			t.Run("audit", e.testAudit)
			t.Run("pembinaan", e.testPembinaan)
			t.Run("letters", e.testLetters)
			t.Run("coaching", e.testCoaching)
			t.Run("programmes", e.testProgrammes)
			t.Run("board accounts", e.testBoardAccounts) // issue 12
			t.Run("annual reports", e.testAnnualReports) // issue 12
			t.Run("health", e.testHealth)
			// Issue 13's cooperative figures, after the reports and assessments.
			t.Run("indicators/cooperatives", e.testCoopIndicators)
			t.Run("conventions", e.testConventions) // issue 14
			t.Run("sorts", e.testListSorts)
			t.Run("enterprises/duplicates", e.testEnterpriseDuplicates)
			t.Run("enterprises/workers_total", e.testWorkersTotal) // issue 14
			e.doc.checkRoutes(t, !t.Failed())
		})
	}
}

// TestDocumentCoversRoutes checks, without a store run, that the document
// has exactly the API routes of routes.go.
func TestDocumentCoversRoutes(t *testing.T) {
	h := api.New(api.Deps{})
	rec := httptest.NewRecorder()
	h.OpenAPI(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	doc := loadDoc(t, rec.Body.Bytes())
	doc.checkRoutes(t, false)
	doc.lint(t)
	cookie := mapOf(mapOf(mapOf(doc.raw["components"])["securitySchemes"])["cookieAuth"])
	if cookie["name"] != web.SessionCookie {
		t.Errorf("cookieAuth names cookie %v, the server uses %s", cookie["name"], web.SessionCookie)
	}
}

// env is one server on one store with a token per role.
type env struct {
	srv    http.Handler
	doc    *apiDoc
	now    time.Time
	tokens map[bina.Role]string
	admin  string // the admin's token
	sess   *bina.Session
	// imports stores imports for the scenario that reads them.
	imports imports.Service
	// exports is the gate of the files the server writes, for the
	// scenario that fills it.
	exports *sheet.Gate
	// letters keeps letters and their settings (letter_test.go).
	letters coaching.LetterService
	// reports keeps annual reports, for the health scenario (health_test.go).
	reports supervision.AnnualReportService

	// Records made by the scenarios, by name.
	ids map[string]int64
	// users makes the board accounts' tokens (partner_test.go).
	users bina.UserService
	// rakorQueue makes the rakor reports once the scenario starts it
	// (rakor_test.go).
	rakorQueue *jobs.Queue
}

func newEnv(t *testing.T, engine string) *env {
	t.Helper()
	store := sqlstoretest.Open(t, engine)
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	ref.Now = func() time.Time { return sqlstoretest.Now }
	log := slog.New(slog.DiscardHandler)
	exports := sheet.NewGate(2, 20*time.Millisecond)
	wh, err := web.New(web.Deps{Enterprises: store, Cooperatives: store, Users: store, History: store, Ref: ref, Log: log, Exports: exports,
		Certificates: store, Milestones: store, Letters: store, Coaching: store, Attachments: store, Reach: store, Programmes: store,
		Invitations: store, ChangeRequests: store, // board accounts (issue 12)
		Compliance: store, KDMP: store, Perkembangan: store}) // cooperative supervision (issue 12)
	if err != nil {
		t.Fatal(err)
	}
	queue := rakorQueue(t, store, ref)
	ah := api.New(api.Deps{Enterprises: store, Cooperatives: store, History: store, Imports: store, Audit: store, Ref: ref, Log: log, Exports: exports,
		Certificates: store, Milestones: store, Letters: store, Coaching: store, Attachments: store, Reach: store, Programmes: store,
		Invitations: store, ChangeRequests: store, // board accounts (issue 12)
		Reports:    store, // annual reports (issue 12)
		Health:     store,
		Compliance: store,                       // RAT compliance (issue 12)
		Indicators: store,                       // indicators (issue 13)
		Rakor:      queue.ReportService(store)}) // the rakor report (issue 13)
	e := &env{
		rakorQueue: queue,
		imports:    store,
		letters:    store,
		reports:    store,
		users:      store, // board accounts (issue 12)
		exports:    exports,
		srv:        server.New(server.Deps{Users: store, Web: wh, API: ah, Ping: store.Ping, Log: log}),
		now:        ref.Clock(),
		tokens:     map[bina.Role]string{},
		ids:        map[string]int64{},
	}
	ctx := t.Context()
	for _, u := range []*bina.User{
		{Name: "admin", Role: bina.RoleAdmin},
		{Name: "staf", Role: bina.RoleStaff},
		{Name: "petugas", Role: bina.RoleOfficer, Region: "61.12.01"},
		{Name: "pembaca", Role: bina.RoleViewer},
	} {
		if err := store.CreateUser(ctx, u, "kata-sandi-panjang"); err != nil {
			t.Fatalf("create user %s: %v", u.Name, err)
		}
		tok, err := store.CreateToken(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[u.Role] = tok
		if u.Role == bina.RoleStaff {
			if e.sess, err = store.CreateSession(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	e.admin = e.tokens[bina.RoleAdmin]

	r := e.raw(t, "", "GET", "/api/v1/openapi.json", nil)
	if r.status != 200 {
		t.Fatalf("GET openapi.json = %d", r.status)
	}
	e.doc = loadDoc(t, r.body)
	e.doc.check(t, "GET", "/api/v1/openapi.json", r.status, r.header, r.body)
	return e
}

// resp is an answer.
type resp struct {
	method, path string
	status       int
	header       http.Header
	body         []byte
}

// raw sends a request. body is sent as is when it is a string, as JSON
// otherwise; header holds pairs of names and values.
func (e *env) raw(t *testing.T, token, method, path string, body any, header ...string) resp {
	t.Helper()
	var rd *bytes.Reader
	switch b := body.(type) {
	case nil:
		rd = bytes.NewReader(nil)
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return resp{method: method, path: path, status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// call sends a request and checks the answer against the document.
func (e *env) call(t *testing.T, token, method, path string, body any, header ...string) resp {
	t.Helper()
	r := e.raw(t, token, method, path, body, header...)
	e.doc.check(t, method, strings.SplitN(path, "?", 2)[0], r.status, r.header, r.body)
	return r
}

// want fails the test unless the answer has status.
func (r resp) want(t *testing.T, status int) resp {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s %s = %d, want %d: %s", r.method, r.path, r.status, status, truncate(r.body))
	}
	return r
}

func (r resp) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%s %s: decode %s: %v", r.method, r.path, truncate(r.body), err)
	}
}

type problemBody struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Instance  string `json:"instance"`
	RequestID string `json:"request_id"`
	Errors    []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// problem checks that the answer is a problem of status and kind, naming
// the fields given, and returns it.
func (r resp) problem(t *testing.T, status int, kind string, fields ...string) problemBody {
	t.Helper()
	r.want(t, status)
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s %s: Content-Type %q, want application/problem+json", r.method, r.path, ct)
	}
	var p problemBody
	r.decode(t, &p)
	if want := "/problems/" + kind; p.Type != want {
		t.Errorf("%s %s: type %q, want %q", r.method, r.path, p.Type, want)
	}
	if p.Status != status || p.Detail == "" || p.Title == "" {
		t.Errorf("%s %s: problem %+v", r.method, r.path, p)
	}
	if p.Instance != strings.SplitN(r.path, "?", 2)[0] {
		t.Errorf("%s %s: instance %q", r.method, r.path, p.Instance)
	}
	if id := r.header.Get("X-Request-Id"); id == "" || p.RequestID != id {
		t.Errorf("%s %s: request_id %q, X-Request-Id %q", r.method, r.path, p.RequestID, id)
	}
	for _, f := range fields {
		found := false
		for _, pe := range p.Errors {
			if pe.Field == f && pe.Message != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s: no error for field %q in %+v", r.method, r.path, f, p.Errors)
		}
	}
	return p
}

// ---- fixtures ----

// nibOf returns a NIB of its own for each name: bodies of different names
// are not likely duplicates of each other (same NIB).
func nibOf(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	return fmt.Sprintf("1%012d", h.Sum64()%1_000_000_000_000)
}

// enterpriseBody is a valid enterprise; change alters it.
func enterpriseBody(name, village string, change func(m map[string]any)) map[string]any {
	m := map[string]any{
		"name":         name,
		"trade_name":   "",
		"nib":          nibOf(name),
		"kbli":         []any{map[string]any{"code": "10794"}},
		"main_product": "Keripik",
		"address":      "Jl. Adisucipto Km 12",
		"village_code": village,
		"start_year":   2019,
		"capital":      25_000_000,
		"sales":        []any{map[string]any{"year": 2024, "amount": 150_000_000}},
		"owner": map[string]any{
			"name":       "Siti Aminah",
			"nik":        "6112015508850001",
			"gender":     "P",
			"birth_date": "1985-08-15",
			"phone":      "0812-3456-7890",
			"education":  "sma",
			"address":    "Gg. Mawar 3",
		},
		"workers_paid_female": 2,
	}
	if change != nil {
		change(m)
	}
	return m
}

func cooperativeBody(name, village string, change func(m map[string]any)) map[string]any {
	m := map[string]any{
		"name":                name,
		"registration_number": "6112010000000001",
		"legal_number":        "518.08/96/BH/XIV.10/VIII/2008",
		"legal_date":          "2008-08-20",
		"jenis":               "simpan_pinjam",
		"kbli":                map[string]any{"code": "64141"},
		"village_code":        village,
		"members_female":      12,
		"members_male":        10,
		"amendments":          []any{map[string]any{"number": "518/12/PAD/2019", "date": "2019-02-01", "note": "Perubahan nama"}},
		"officers": []any{
			map[string]any{"name": "Ahmad Yani", "role": "ketua", "gender": "L", "phone": "081298765432", "term_start": "2023-01-01", "term_end": "2027-12-31"},
			map[string]any{"name": "Rina", "role": "bendahara", "gender": "P"},
		},
		"units": []any{map[string]any{"name": "Unit simpan pinjam", "kind": "simpan pinjam"}},
	}
	if change != nil {
		change(m)
	}
	return m
}

// record is the part of a record the scenarios look at.
type record struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	Version     int            `json:"version"`
	VillageCode string         `json:"village_code"`
	ArchivedAt  *time.Time     `json:"archived_at"`
	Owner       bina.Owner     `json:"owner"`
	Size        string         `json:"size_computed"`
	Officers    []bina.Officer `json:"officers"`
	RATs        []bina.RAT     `json:"rats"`
	LastRATYear int            `json:"last_rat_year"`
	Active      bool           `json:"active"`
}

func (r resp) record(t *testing.T) record {
	t.Helper()
	var rec record
	r.decode(t, &rec)
	if got, want := r.header.Get("ETag"), strconv.Quote(strconv.Itoa(rec.Version)); got != want {
		t.Errorf("%s %s: ETag %s, want %s (the version)", r.method, r.path, got, want)
	}
	return rec
}

type page struct {
	Items []record `json:"items"`
	Total int      `json:"total"`
	Next  string   `json:"next"`
	Prev  string   `json:"prev"`
	Links struct {
		Next string `json:"next"`
		Prev string `json:"prev"`
	} `json:"links"`
}

func (r resp) page(t *testing.T) page {
	t.Helper()
	var p page
	r.decode(t, &p)
	return p
}

func path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// ---- scenarios ----

func (e *env) testDocument(t *testing.T) {
	r := e.raw(t, "", "GET", "/api/v1/openapi.json", nil).want(t, 200)
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	// The filters documented are the filters the handler takes.
	for _, name := range []string{"region", "kbli_section", "size", "status", "binaan", "verification", "digital", "q", "archived", "sort", "cursor", "limit",
		"owner_gender", "owner_disability", "nik_valid", "village_known", "financing_year"} {
		if !strings.Contains(string(r.body), `"name": "`+name+`"`) {
			t.Errorf("parameter %s not documented", name)
		}
	}
}

func (e *env) testAuthentication(t *testing.T) {
	e.call(t, "", "GET", "/api/v1/me", nil).problem(t, 401, "unauthorized")
	e.call(t, "bina_tidak_ada", "GET", "/api/v1/me", nil).problem(t, 401, "unauthorized")
	e.call(t, "", "GET", "/api/v1/enterprises", nil, "Authorization", "Basic eDp5").problem(t, 401, "unauthorized")
	r := e.call(t, "", "POST", "/api/v1/enterprises", enterpriseBody("Tanpa Token", "61.12.01.2001", nil))
	r.problem(t, 401, "unauthorized")
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("401 without WWW-Authenticate: %v", r.header)
	}
	for role, tok := range e.tokens {
		var u bina.User
		e.call(t, tok, "GET", "/api/v1/me", nil).want(t, 200).decode(t, &u)
		if u.Role != role || u.ID == 0 {
			t.Errorf("me as %s = %+v", role, u)
		}
	}
}

func (e *env) testReference(t *testing.T) {
	var regions struct{ Items []bina.Region }
	e.call(t, e.admin, "GET", "/api/v1/regions", nil).want(t, 200).decode(t, &regions)
	if len(regions.Items) != 9 || regions.Items[0].Code != "61.12.01" || regions.Items[0].Name == "" {
		t.Errorf("kecamatan of Kubu Raya = %+v", regions.Items)
	}
	e.call(t, e.admin, "GET", "/api/v1/regions?parent=61.12.01", nil).want(t, 200).decode(t, &regions)
	if len(regions.Items) == 0 || !strings.HasPrefix(string(regions.Items[0].Code), "61.12.01.") {
		t.Errorf("desa of 61.12.01 = %+v", regions.Items)
	}
	e.call(t, e.admin, "GET", "/api/v1/regions?parent=61.12.01.2001", nil).want(t, 200).decode(t, &regions)
	if len(regions.Items) != 0 {
		t.Errorf("children of a desa = %+v", regions.Items)
	}
	e.call(t, e.admin, "GET", "/api/v1/regions?parent=99.99", nil).problem(t, 404, "not_found")
	e.call(t, e.admin, "GET", "/api/v1/regions?induk=61.12", nil).problem(t, 400, "bad_request", "induk")

	var kbli struct{ Items []bina.KBLIEntry }
	e.call(t, e.admin, "GET", "/api/v1/kbli?q=10794", nil).want(t, 200).decode(t, &kbli)
	if len(kbli.Items) != 1 || kbli.Items[0].Section != "C" {
		t.Errorf("kbli 10794 = %+v", kbli.Items)
	}
	e.call(t, e.admin, "GET", "/api/v1/kbli?q=kerupuk", nil).want(t, 200).decode(t, &kbli)
	if len(kbli.Items) == 0 {
		t.Error("no KBLI title with kerupuk")
	}
	e.call(t, e.admin, "GET", "/api/v1/kbli", nil).want(t, 200).decode(t, &kbli)
	if len(kbli.Items) != 50 {
		t.Errorf("kbli without q: %d entries, want the limit 50", len(kbli.Items))
	}
	e.call(t, e.admin, "GET", "/api/v1/kbli?query=ikan", nil).problem(t, 400, "bad_request", "query")
}

// The enterprises of the scenarios: three in kecamatan 61.12.01, two in
// 61.12.02.
func (e *env) testCreateEnterprise(t *testing.T) {
	fixtures := []struct {
		key  string
		body map[string]any
	}{
		{"keripik", enterpriseBody("Keripik Pisang Mak Siti", "61.12.01.2001", func(m map[string]any) {
			m["digital"] = map[string]any{"marketplace": true, "links": "https://shopee.co.id/makSiti"}
		})},
		{"kerupuk", enterpriseBody("Kerupuk Udang Kuala Dua", "61.12.01.2004", nil)},
		{"warung", enterpriseBody("Warung Makan Sungai Ambangah", "61.12.01.2002", func(m map[string]any) {
			m["kbli"] = []any{map[string]any{"code": "56102"}, map[string]any{"version": "2020", "code": "47111"}}
			m["latitude"], m["longitude"] = -0.07, 109.37
		})},
		{"tenun", enterpriseBody("Tenun Kubu Padi", "61.12.02.2002", func(m map[string]any) { m["nib"] = "1234567890123" })},
		{"ikan", enterpriseBody("Ikan Asin Mandor", "61.12.02.2001", func(m map[string]any) {
			m["sales"] = []any{map[string]any{"year": 2024, "amount": 3_000_000_000}, map[string]any{"year": 2023, "amount": 2_500_000_000}}
			m["binaan"] = true
			m["binaan_since"] = "2022-03-01"
			m["nib"] = "1234567890123"
			delete(m, "owner")
			m["owner"] = map[string]any{"name": "Hasan"}
		})},
	}
	for _, f := range fixtures {
		// The fixtures share a NIB (a likely duplicate): saved anyway.
		r := e.call(t, e.admin, "POST", "/api/v1/enterprises?confirm_duplicates=true", f.body).want(t, 201)
		rec := r.record(t)
		if rec.ID <= 0 || rec.Version != 1 || r.header.Get("ETag") != `"1"` {
			t.Errorf("created %+v, ETag %s", rec, r.header.Get("ETag"))
		}
		if loc := r.header.Get("Location"); loc != path("/api/v1/enterprises/%d", rec.ID) {
			t.Errorf("Location %q", loc)
		}
		e.ids[f.key] = rec.ID
	}
	var keripik bina.Enterprise
	e.call(t, e.admin, "GET", path("/api/v1/enterprises/%d", e.ids["keripik"]), nil).want(t, 200).decode(t, &keripik)
	if keripik.Owner.Phone != "081234567890" || keripik.SizeComputed != "mikro" || keripik.SizeRule != bina.RulePP7_2021 ||
		keripik.LegalForm != "perorangan" || keripik.Status != "aktif" || !keripik.Digital.Marketplace {
		t.Errorf("stored enterprise not normalized: %+v", keripik)
	}

	// Server-owned members may be sent back as read: they are ignored.
	body := enterpriseBody("Dodol Durian Arang Limbung", "61.12.01.2003", func(m map[string]any) {
		m["id"], m["version"], m["size_computed"], m["created_at"] = 999, 42, "besar", "2001-01-01T00:00:00Z"
		m["archived_at"], m["archive_reason"] = "2001-01-01T00:00:00Z", "bukan"
	})
	rec := e.call(t, e.admin, "POST", "/api/v1/enterprises?confirm_duplicates=true", body).want(t, 201).record(t)
	if rec.ID == 999 || rec.Version != 1 || rec.Size != "mikro" || rec.ArchivedAt != nil {
		t.Errorf("server-owned members were taken from the body: %+v", rec)
	}
	e.ids["dodol"] = rec.ID
}

func (e *env) total(t *testing.T, query string) int {
	t.Helper()
	return e.call(t, e.admin, "GET", "/api/v1/enterprises"+query, nil).want(t, 200).page(t).Total
}

func (e *env) testCreateEnterpriseInvalid(t *testing.T) {
	before := e.total(t, "")
	huge := `{"name":"` + strings.Repeat("x", 1<<20+10) + `"}`
	tests := []struct {
		name   string
		body   any
		header []string
		status int
		kind   string
		fields []string
	}{
		{"NIB of three digits", enterpriseBody("Salah NIB", "61.12.01.2001", func(m map[string]any) { m["nib"] = "123" }), nil, 422, "invalid", []string{"nib"}},
		{"village outside the regency", enterpriseBody("Di Pontianak", "61.71.01.1002", nil), nil, 422, "invalid", []string{"village_code"}},
		{"several problems", enterpriseBody("", "", func(m map[string]any) { m["owner"] = map[string]any{"nik": "123"} }), nil, 422, "invalid",
			[]string{"name", "owner.name", "owner.nik", "village_code"}},
		{"unknown KBLI", enterpriseBody("KBLI Salah", "61.12.01.2001", func(m map[string]any) { m["kbli"] = []any{map[string]any{"code": "99999"}} }), nil, 422, "invalid", []string{"kbli"}},
		{"unknown field", enterpriseBody("Kolom Asing", "61.12.01.2001", func(m map[string]any) { m["colour"] = "merah" }), nil, 400, "bad_request", []string{"colour"}},
		{"unknown owner field", enterpriseBody("Kolom Asing", "61.12.01.2001", func(m map[string]any) { m["owner"].(map[string]any)["nick"] = "Siti" }), nil, 400, "bad_request", []string{"owner.nick"}},
		{"wrong type", enterpriseBody("Modal Teks", "61.12.01.2001", func(m map[string]any) { m["capital"] = "dua puluh juta" }), nil, 400, "bad_request", []string{"capital"}},
		{"malformed JSON", `{"name": "x",`, nil, 400, "bad_request", nil},
		{"trailing data", `{"name": "x"} {"name": "y"}`, nil, 400, "bad_request", nil},
		{"empty body", "", nil, 400, "bad_request", nil},
		{"oversized body", huge, nil, 413, "content_too_large", nil},
		{"text/plain", `{"name": "x"}`, []string{"Content-Type", "text/plain"}, 415, "unsupported_media_type", nil},
		{"no content type", `{"name": "x"}`, []string{"Content-Type", ""}, 415, "unsupported_media_type", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.call(t, e.admin, "POST", "/api/v1/enterprises", tt.body, tt.header...)
			r.problem(t, tt.status, tt.kind, tt.fields...)
		})
	}
	if after := e.total(t, ""); after != before {
		t.Errorf("invalid creates stored records: %d enterprises before, %d after", before, after)
	}
}

func (e *env) testGetEnterprise(t *testing.T) {
	id := e.ids["keripik"]
	rec := e.call(t, e.admin, "GET", path("/api/v1/enterprises/%d", id), nil).want(t, 200).record(t)
	if rec.ID != id || rec.Name != "Keripik Pisang Mak Siti" || rec.Owner.NIK != "6112015508850001" {
		t.Errorf("got %+v", rec)
	}
	for _, p := range []string{"/api/v1/enterprises/0", "/api/v1/enterprises/-1", "/api/v1/enterprises/abc", "/api/v1/enterprises/1e3",
		"/api/v1/enterprises/99999999", "/api/v1/enterprises/99999999999999999999"} {
		e.call(t, e.admin, "GET", p, nil).problem(t, 404, "not_found")
	}
}

func (e *env) testListEnterprises(t *testing.T) {
	tests := []struct {
		query string
		want  []string // keys of e.ids, in any order
	}{
		{"", []string{"keripik", "kerupuk", "warung", "tenun", "ikan", "dodol"}},
		{"?region=61.12.02", []string{"tenun", "ikan"}},
		{"?region=61.12.01.2004", []string{"kerupuk"}},
		{"?size=kecil", []string{"ikan"}},
		{"?size=mikro&region=61.12.02", []string{"tenun"}},
		{"?binaan=ya", []string{"ikan"}},
		{"?binaan=tidak&region=61.12.02", []string{"tenun"}},
		{"?kbli_section=I", []string{"warung"}},
		{"?digital=marketplace", []string{"keripik"}},
		{"?digital=any", []string{"keripik"}},
		{"?q=kerupuk", []string{"kerupuk"}},
		{"?q=1234567890123&region=61.12.02", []string{"tenun", "ikan"}},
		{"?status=tutup", nil},
		{"?verification=belum&region=61.12.01.2001", []string{"keripik"}},
		{"?archived=true", nil},
		{"?q=&size=&sort=", []string{"keripik", "kerupuk", "warung", "tenun", "ikan", "dodol"}},
		// The lists behind the owner and data-quality figures.
		{"?owner_gender=P", []string{"keripik", "kerupuk", "warung", "tenun", "dodol"}},
		{"?owner_gender=none", []string{"ikan"}},
		{"?owner_gender=L&q=ikan", nil},
		{"?jenis_kelamin=P&region=61.12.02", []string{"tenun"}},
		{"?owner_disability=true", nil},
		{"?owner_disability=tidak&q=kerupuk", []string{"kerupuk"}},
		{"?nik_valid=false", []string{"ikan"}},
		{"?nik_valid=ya&region=61.12.02", []string{"tenun"}},
		{"?village_known=tidak", nil},
		{"?village_known=ya&q=warung&region=61.12.01", []string{"warung"}},
		{"?kbli_section=any&region=61.12.02", []string{"tenun", "ikan"}},
		{"?kbli_section=none", nil},
		{"?financing_year=2025", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			p := e.call(t, e.admin, "GET", "/api/v1/enterprises"+tt.query, nil).want(t, 200).page(t)
			got := map[int64]bool{}
			for _, it := range p.Items {
				got[it.ID] = true
			}
			if p.Total != len(tt.want) || len(got) != len(tt.want) {
				t.Errorf("total %d, %d items; want %d", p.Total, len(p.Items), len(tt.want))
			}
			for _, k := range tt.want {
				if !got[e.ids[k]] {
					t.Errorf("%s missing", k)
				}
			}
		})
	}

	t.Run("paging", func(t *testing.T) {
		var names []string
		next := "/api/v1/enterprises?sort=name&limit=2"
		pages := 0
		for next != "" {
			p := e.call(t, e.admin, "GET", next, nil).want(t, 200).page(t)
			pages++
			if p.Total != 6 {
				t.Errorf("page %d: total %d", pages, p.Total)
			}
			if (p.Next == "") != (p.Links.Next == "") || (p.Prev == "") != (p.Links.Prev == "") {
				t.Errorf("cursors and links disagree: %+v", p)
			}
			if pages > 1 && p.Links.Prev == "" {
				t.Errorf("page %d has no prev link", pages)
			}
			if p.Links.Next != "" && (!strings.Contains(p.Links.Next, "sort=name") || !strings.Contains(p.Links.Next, "limit=2")) {
				t.Errorf("next link %q lost the filters", p.Links.Next)
			}
			for _, it := range p.Items {
				names = append(names, it.Name)
			}
			if pages == 2 && p.Links.Prev != "" {
				back := e.call(t, e.admin, "GET", p.Links.Prev, nil).want(t, 200).page(t)
				if len(back.Items) != 2 || back.Items[0].Name != names[0] {
					t.Errorf("prev of page 2 = %+v, want the first page", back.Items)
				}
			}
			next = p.Links.Next
			if pages > 5 {
				t.Fatal("paging does not end")
			}
		}
		want := []string{"Dodol Durian Arang Limbung", "Ikan Asin Mandor", "Keripik Pisang Mak Siti", "Kerupuk Udang Kuala Dua", "Tenun Kubu Padi", "Warung Makan Sungai Ambangah"}
		if pages != 3 || strings.Join(names, "|") != strings.Join(want, "|") {
			t.Errorf("%d pages: %q, want %q", pages, names, want)
		}
	})

	t.Run("refused", func(t *testing.T) {
		for _, tt := range []struct {
			query, kind string
			status      int
			field       string
		}{
			{"?colour=merah", "bad_request", 400, "colour"},
			{"?Size=mikro", "bad_request", 400, "Size"},
			{"?size=mikro&size=kecil", "bad_request", 400, "size"},
			{"?size=raksasa", "invalid", 422, "size"},
			{"?binaan=yes", "invalid", 422, "binaan"}, // true is ya since issue 14
			{"?archived=ya", "invalid", 422, "archived"},
			{"?limit=0", "invalid", 422, "limit"},
			{"?limit=1000", "invalid", 422, "limit"},
			{"?region=61.71", "invalid", 422, "region"},
			{"?sort=harga", "invalid", 422, "sort"},
			{"?kbli_section=Z", "invalid", 422, "kbli_section"},
			{"?owner_gender=W", "invalid", 422, "owner_gender"},
			{"?owner_disability=mungkin", "invalid", 422, "owner_disability"},
			{"?nik_valid=2", "invalid", 422, "nik_valid"},
			{"?village_known=x", "invalid", 422, "village_known"},
			{"?financing_year=25", "invalid", 422, "financing_year"},
			{"?financing_year=2025&q=ikan", "invalid", 422, "financing_year"},
		} {
			e.call(t, e.admin, "GET", "/api/v1/enterprises"+tt.query, nil).problem(t, tt.status, tt.kind, tt.field)
		}
	})
}

func (e *env) testUpdateEnterprise(t *testing.T) {
	id := e.ids["kerupuk"]
	url := path("/api/v1/enterprises/%d", id)
	var cur map[string]any
	r := e.call(t, e.admin, "GET", url, nil).want(t, 200)
	r.decode(t, &cur)
	etag := r.header.Get("ETag")

	cur["name"] = "Kerupuk Udang Kuala Dua Jaya"
	e.call(t, e.admin, "PUT", url, cur).problem(t, 428, "precondition_required")
	e.call(t, e.admin, "PUT", url, cur, "If-Match", `"99"`).problem(t, 412, "precondition_failed")
	e.call(t, e.admin, "PUT", url, cur, "If-Match", "W/"+etag).problem(t, 412, "precondition_failed")
	e.call(t, e.admin, "PUT", url, cur, "If-Match", `"nope"`).problem(t, 412, "precondition_failed")

	// The record as read, with a change, goes back with its ETag.
	r = e.call(t, e.admin, "PUT", url, cur, "If-Match", etag).want(t, 200)
	rec := r.record(t)
	if rec.Name != "Kerupuk Udang Kuala Dua Jaya" || rec.Version != 2 || r.header.Get("ETag") != `"2"` {
		t.Errorf("updated %+v, ETag %s", rec, r.header.Get("ETag"))
	}
	// The old ETag is stale now.
	e.call(t, e.admin, "PUT", url, cur, "If-Match", etag).problem(t, 412, "precondition_failed")
	// Invalid replacements are refused before anything changes.
	bad := enterpriseBody("Kerupuk Udang Kuala Dua Jaya", "61.12.01.2004", func(m map[string]any) { m["nib"] = "12" })
	e.call(t, e.admin, "PUT", url, bad, "If-Match", `"2"`).problem(t, 422, "invalid", "nib")
	e.call(t, e.admin, "PUT", url, `{"name":"x","nama":"y"}`, "If-Match", `"2"`).problem(t, 400, "bad_request", "nama")
	e.call(t, e.admin, "PUT", url, `{"name":"x"}`, "If-Match", `"2"`, "Content-Type", "text/plain").problem(t, 415, "unsupported_media_type")
	e.call(t, e.admin, "PUT", url, `{"name":"`+strings.Repeat("x", 1<<20+10)+`"}`, "If-Match", `"2"`).problem(t, 413, "content_too_large")
	e.call(t, e.admin, "PUT", "/api/v1/enterprises/99999999", cur, "If-Match", `"1"`).problem(t, 404, "not_found")
	e.call(t, e.admin, "PUT", "/api/v1/enterprises/x", cur, "If-Match", `"1"`).problem(t, 404, "not_found")

	t.Run("race", func(t *testing.T) {
		// Two clients read the same version; the first to write wins and
		// the second learns that the record changed under it.
		var a, b map[string]any
		ra := e.call(t, e.admin, "GET", url, nil).want(t, 200)
		rb := e.call(t, e.tokens[bina.RoleStaff], "GET", url, nil).want(t, 200)
		ra.decode(t, &a)
		rb.decode(t, &b)
		if ra.header.Get("ETag") != rb.header.Get("ETag") {
			t.Fatalf("ETags differ: %s, %s", ra.header.Get("ETag"), rb.header.Get("ETag"))
		}
		a["main_product"] = "Kerupuk udang"
		b["main_product"] = "Kerupuk ikan"
		e.call(t, e.admin, "PUT", url, a, "If-Match", ra.header.Get("ETag")).want(t, 200)
		p := e.call(t, e.tokens[bina.RoleStaff], "PUT", url, b, "If-Match", rb.header.Get("ETag"), "Accept-Language", "en").
			problem(t, 412, "precondition_failed")
		if !strings.Contains(p.Detail, "changed since you read it") {
			t.Errorf("412 detail %q", p.Detail)
		}
		var now bina.Enterprise
		e.call(t, e.admin, "GET", url, nil).want(t, 200).decode(t, &now)
		if now.MainProduct != "Kerupuk udang" || now.Version != 3 {
			t.Errorf("after the race: %q version %d", now.MainProduct, now.Version)
		}
	})

	t.Run("any version", func(t *testing.T) {
		cur["notes"] = "diubah dengan If-Match *"
		rec := e.call(t, e.admin, "PUT", url, cur, "If-Match", "*").want(t, 200).record(t)
		if rec.Version != 4 {
			t.Errorf("version %d after If-Match *", rec.Version)
		}
		cur["notes"] = "diubah dengan daftar ETag"
		e.call(t, e.admin, "PUT", url, cur, "If-Match", `"1", "4"`).want(t, 200)
		e.call(t, e.admin, "PUT", url, cur, "If-Match", `"1", "2"`).problem(t, 412, "precondition_failed")
	})
}

func (e *env) testArchiveEnterprise(t *testing.T) {
	id := e.ids["dodol"]
	url := path("/api/v1/enterprises/%d", id)
	e.call(t, e.admin, "POST", url+"/archive", map[string]any{}).problem(t, 422, "invalid", "reason")
	e.call(t, e.admin, "POST", url+"/archive", map[string]any{"reason": "  "}).problem(t, 422, "invalid", "reason")
	e.call(t, e.admin, "POST", url+"/archive", map[string]any{"reason": "x", "why": "y"}).problem(t, 400, "bad_request", "why")
	e.call(t, e.admin, "POST", url+"/archive", "reason=tutup", "Content-Type", "application/x-www-form-urlencoded").problem(t, 415, "unsupported_media_type")
	e.call(t, e.admin, "POST", url+"/archive", `{"reason":"`+strings.Repeat("x", 1<<20+10)+`"}`).problem(t, 413, "content_too_large")
	e.call(t, e.admin, "POST", "/api/v1/enterprises/99999999/archive", map[string]any{"reason": "tutup"}).problem(t, 404, "not_found")

	r := e.call(t, e.admin, "POST", url+"/archive", map[string]any{"reason": "Usaha tutup"}).want(t, 200)
	rec := r.record(t)
	if rec.ArchivedAt == nil || rec.Version != 2 {
		t.Errorf("archived %+v", rec)
	}
	e.call(t, e.admin, "POST", url+"/archive", map[string]any{"reason": "lagi"}).problem(t, 409, "conflict")
	if p := e.call(t, e.admin, "GET", "/api/v1/enterprises?archived=true", nil).want(t, 200).page(t); p.Total != 1 || p.Items[0].ID != id {
		t.Errorf("archived list %+v", p)
	}
	if n := e.total(t, ""); n != 5 {
		t.Errorf("live enterprises %d, want 5", n)
	}
	// An archived record is not changed; its current ETag is no excuse.
	var cur map[string]any
	e.call(t, e.admin, "GET", url, nil).want(t, 200).decode(t, &cur)
	e.call(t, e.admin, "PUT", url, cur, "If-Match", r.header.Get("ETag")).problem(t, 409, "conflict")

	rec = e.call(t, e.admin, "POST", url+"/restore", nil).want(t, 200).record(t)
	if rec.ArchivedAt != nil || rec.Version != 3 {
		t.Errorf("restored %+v", rec)
	}
	e.call(t, e.admin, "POST", url+"/restore", nil).problem(t, 409, "conflict")
	e.call(t, e.admin, "POST", "/api/v1/enterprises/99999999/restore", nil).problem(t, 404, "not_found")
}

func (e *env) testEnterpriseHistory(t *testing.T) {
	var h struct{ Items []bina.Change }
	e.call(t, e.admin, "GET", path("/api/v1/enterprises/%d/history", e.ids["kerupuk"]), nil).want(t, 200).decode(t, &h)
	var sawName, sawCreate bool
	for _, c := range h.Items {
		if c.Action == "update" && c.Field == "name" && c.Before == "Kerupuk Udang Kuala Dua" && c.After == "Kerupuk Udang Kuala Dua Jaya" && c.UserName == "admin" {
			sawName = true
		}
		if c.Action == "create" {
			sawCreate = true
		}
	}
	if !sawName || !sawCreate {
		t.Errorf("history lacks the creation or the name change: %+v", h.Items)
	}
	if len(h.Items) > 0 && h.Items[0].Action == "create" {
		t.Error("history is not newest first")
	}
	e.call(t, e.admin, "GET", path("/api/v1/enterprises/%d/history", e.ids["dodol"]), nil).want(t, 200).decode(t, &h)
	actions := map[string]bool{}
	for _, c := range h.Items {
		actions[c.Action] = true
	}
	if !actions["archive"] || !actions["restore"] {
		t.Errorf("history of an archived and restored record: %+v", h.Items)
	}
	e.call(t, e.admin, "GET", "/api/v1/enterprises/99999999/history", nil).problem(t, 404, "not_found")

	// One change a page, following next, walks the same history.
	var all struct{ Items []bina.Change }
	e.call(t, e.admin, "GET", path("/api/v1/enterprises/%d/history", e.ids["kerupuk"]), nil).want(t, 200).decode(t, &all)
	next := path("/api/v1/enterprises/%d/history?limit=1", e.ids["kerupuk"])
	var walked []bina.Change
	for next != "" && len(walked) <= len(all.Items) {
		var p struct {
			Items []bina.Change
			Next  *string
		}
		e.call(t, e.admin, "GET", next, nil).want(t, 200).decode(t, &p)
		walked = append(walked, p.Items...)
		next = ""
		if p.Next != nil {
			next = *p.Next
		}
	}
	if len(all.Items) < 3 || !slices.EqualFunc(walked, all.Items, func(a, b bina.Change) bool { return a.ID == b.ID }) {
		t.Errorf("paged history %d changes, whole %d", len(walked), len(all.Items))
	}
	e.call(t, e.admin, "GET", path("/api/v1/enterprises/%d/history?limit=0", e.ids["kerupuk"]), nil).problem(t, 422, "invalid", "limit")
	e.call(t, e.admin, "GET", path("/api/v1/enterprises/%d/history?before=x", e.ids["kerupuk"]), nil).problem(t, 422, "invalid", "before")
}

func (e *env) testCooperatives(t *testing.T) {
	r := e.call(t, e.admin, "POST", "/api/v1/cooperatives", cooperativeBody("KSP Sinar Harapan", "61.12.01.2002", nil)).want(t, 201)
	ksp := r.record(t)
	if loc := r.header.Get("Location"); loc != path("/api/v1/cooperatives/%d", ksp.ID) {
		t.Errorf("Location %q", loc)
	}
	e.ids["ksp"] = ksp.ID
	kdmp := e.call(t, e.admin, "POST", "/api/v1/cooperatives", map[string]any{
		"name": "Koperasi Desa Merah Putih Kuala Mandor B", "jenis": "serba_usaha", "kdmp": true, "village_code": "61.12.02.2001",
		"rats": []any{map[string]any{"book_year": 2020}}, "active": true, "last_rat_year": 2024, // read-only: ignored
	}).want(t, 201).record(t)
	e.ids["kdmp"] = kdmp.ID
	if kdmp.Active || kdmp.LastRATYear != 0 || len(kdmp.RATs) != 0 {
		t.Errorf("server-owned members were taken from the body: %+v", kdmp)
	}
	var c bina.Cooperative
	e.call(t, e.admin, "GET", path("/api/v1/cooperatives/%d", kdmp.ID), nil).want(t, 200).decode(t, &c)
	if c.Kelompok != "kdmp" || c.Bentuk != "primer" || c.Pola != "konvensional" {
		t.Errorf("defaults of a KDMP: %+v", c)
	}

	for _, tt := range []struct {
		name   string
		body   any
		status int
		kind   string
		fields []string
	}{
		{"no jenis", cooperativeBody("Tanpa Jenis", "61.12.01.2002", func(m map[string]any) { delete(m, "jenis") }), 422, "invalid", []string{"jenis"}},
		{"bad numbers", cooperativeBody("Nomor Salah", "61.12.01.2002", func(m map[string]any) { m["registration_number"], m["npwp"] = "12", "34" }), 422, "invalid", []string{"registration_number", "npwp"}},
		{"too few members", cooperativeBody("Kecil", "61.12.01.2002", func(m map[string]any) { m["members_female"], m["members_male"] = 2, 3 }), 422, "invalid", []string{"members_male"}},
		{"unknown officer field", cooperativeBody("Asing", "61.12.01.2002", func(m map[string]any) {
			m["officers"] = []any{map[string]any{"name": "A", "role": "ketua", "jabatan": "ketua"}}
		}), 400, "bad_request", []string{"officers[0].jabatan"}},
		{"bad date", cooperativeBody("Tanggal", "61.12.01.2002", func(m map[string]any) { m["legal_date"] = "20-08-2008" }), 422, "invalid", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e.call(t, e.admin, "POST", "/api/v1/cooperatives", tt.body).problem(t, tt.status, tt.kind, tt.fields...)
		})
	}

	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", []string{"ksp", "kdmp"}},
		{"?jenis=simpan_pinjam", []string{"ksp"}},
		{"?kdmp=ya", []string{"kdmp"}},
		{"?kdmp=tidak&active=tidak", []string{"ksp"}},
		{"?kelompok=kdmp", []string{"kdmp"}},
		{"?region=61.12.02&bentuk=primer&pola=konvensional&verification=belum", []string{"kdmp"}},
		{"?q=sinar", []string{"ksp"}},
		{"?archived=true", nil},
		{"?sort=-name&limit=1", []string{"ksp"}}, // "ksp ..." sorts after "koperasi ..."
	} {
		p := e.call(t, e.admin, "GET", "/api/v1/cooperatives"+tt.query, nil).want(t, 200).page(t)
		if len(p.Items) != len(tt.want) {
			t.Errorf("%s: %d items, want %d", tt.query, len(p.Items), len(tt.want))
			continue
		}
		for i, k := range tt.want {
			if p.Items[i].ID != e.ids[k] && len(tt.want) == 1 {
				t.Errorf("%s: got %s", tt.query, p.Items[i].Name)
			}
		}
	}
	e.call(t, e.admin, "GET", "/api/v1/cooperatives?jenis=bank", nil).problem(t, 422, "invalid", "jenis")
	e.call(t, e.admin, "GET", "/api/v1/cooperatives?type=ksp", nil).problem(t, 400, "bad_request", "type")

	url := path("/api/v1/cooperatives/%d", ksp.ID)
	var cur map[string]any
	r = e.call(t, e.admin, "GET", url, nil).want(t, 200)
	r.decode(t, &cur)
	cur["members_male"] = 20.0
	e.call(t, e.admin, "PUT", url, cur).problem(t, 428, "precondition_required")
	e.call(t, e.admin, "PUT", url, cur, "If-Match", `"7"`).problem(t, 412, "precondition_failed")
	e.call(t, e.admin, "PUT", url, map[string]any{"name": "x", "jenis": "jasa", "village_code": "61.12.01.2002", "cabang": 1}, "If-Match", r.header.Get("ETag")).
		problem(t, 400, "bad_request", "cabang")
	e.call(t, e.admin, "PUT", url, cooperativeBody("", "61.12.01.2002", nil), "If-Match", r.header.Get("ETag")).problem(t, 422, "invalid", "name")
	e.call(t, e.admin, "PUT", url, cur, "If-Match", r.header.Get("ETag"), "Content-Type", "text/json").problem(t, 415, "unsupported_media_type")
	e.call(t, e.admin, "PUT", url, `{"name":"`+strings.Repeat("x", 1<<20+10)+`"}`, "If-Match", r.header.Get("ETag")).problem(t, 413, "content_too_large")
	e.call(t, e.admin, "PUT", "/api/v1/cooperatives/99999999", cur, "If-Match", `"1"`).problem(t, 404, "not_found")
	upd := e.call(t, e.admin, "PUT", url, cur, "If-Match", r.header.Get("ETag")).want(t, 200).record(t)
	if upd.Version != 2 {
		t.Errorf("version after update %d", upd.Version)
	}

	var h struct{ Items []bina.Change }
	e.call(t, e.admin, "GET", url+"/history", nil).want(t, 200).decode(t, &h)
	found := false
	for _, ch := range h.Items {
		if ch.Action == "update" && ch.Field == "members_male" && ch.Before == "10" && ch.After == "20" {
			found = true
		}
	}
	if !found {
		t.Errorf("history of the cooperative lacks members_male 10 → 20: %+v", h.Items)
	}
	e.call(t, e.admin, "GET", "/api/v1/cooperatives/99999999/history", nil).problem(t, 404, "not_found")
	e.call(t, e.admin, "GET", "/api/v1/cooperatives/0", nil).problem(t, 404, "not_found")

	kurl := path("/api/v1/cooperatives/%d", kdmp.ID)
	e.call(t, e.admin, "POST", kurl+"/archive", map[string]any{"reason": ""}).problem(t, 422, "invalid", "reason")
	e.call(t, e.admin, "POST", kurl+"/archive", `{"reason":"dobel"}x`).problem(t, 400, "bad_request")
	e.call(t, e.admin, "POST", kurl+"/archive", `{"reason":"dobel"}`, "Content-Type", "text/plain").problem(t, 415, "unsupported_media_type")
	e.call(t, e.admin, "POST", kurl+"/archive", `{"reason":"`+strings.Repeat("x", 1<<20+10)+`"}`).problem(t, 413, "content_too_large")
	if rec := e.call(t, e.admin, "POST", kurl+"/archive", map[string]any{"reason": "Data ganda"}).want(t, 200).record(t); rec.ArchivedAt == nil {
		t.Error("not archived")
	}
	e.call(t, e.admin, "POST", kurl+"/archive", map[string]any{"reason": "Data ganda"}).problem(t, 409, "conflict")
	e.call(t, e.admin, "POST", "/api/v1/cooperatives/99999999/archive", map[string]any{"reason": "x"}).problem(t, 404, "not_found")
	if p := e.call(t, e.admin, "GET", "/api/v1/cooperatives?archived=true", nil).want(t, 200).page(t); p.Total != 1 {
		t.Errorf("archived cooperatives %d", p.Total)
	}
	if rec := e.call(t, e.admin, "POST", kurl+"/restore", nil).want(t, 200).record(t); rec.ArchivedAt != nil {
		t.Error("not restored")
	}
	e.call(t, e.admin, "POST", kurl+"/restore", nil).problem(t, 409, "conflict")
	e.call(t, e.admin, "POST", "/api/v1/cooperatives/99999999/restore", nil).problem(t, 404, "not_found")
}

func (e *env) testSaveRAT(t *testing.T) {
	id := e.ids["ksp"]
	book := bina.LastDueBookYear(e.now)
	url := path("/api/v1/cooperatives/%d/rat/%d", id, book)
	rat := map[string]any{
		"held_on": fmt.Sprintf("%d-03-10", book+1), "reported_on": fmt.Sprintf("%d-04-01", book+1),
		"members_present": 15, "members_female": 12, "members_male": 20,
		"simpanan_pokok": 22_000_000, "simpanan_wajib": 48_000_000, "assets": 350_000_000, "shu": -2_500_000,
		"health_assessed": true, "health_result": "cukup_sehat",
	}
	r := e.call(t, e.admin, "PUT", url, rat).want(t, 200)
	c := r.record(t)
	if len(c.RATs) != 1 || c.RATs[0].BookYear != book || c.LastRATYear != book || !c.Active || c.RATs[0].SHU != -2_500_000 {
		t.Errorf("after RAT %d: %+v", book, c)
	}
	// The path's year wins; the body may repeat it but not contradict it.
	rat["book_year"] = book
	rat["members_present"] = 16
	e.call(t, e.admin, "PUT", url, rat).want(t, 200)
	rat["book_year"] = book - 1
	e.call(t, e.admin, "PUT", url, rat).problem(t, 422, "invalid", "book_year")
	delete(rat, "book_year")
	rat["held_on"] = fmt.Sprintf("%d-03-10", book-5) // before the book year ends
	e.call(t, e.admin, "PUT", url, rat).problem(t, 422, "invalid", "held_on")
	e.call(t, e.admin, "PUT", url, map[string]any{"held_on": "2025-01-01", "peserta": 3}).problem(t, 400, "bad_request", "peserta")
	e.call(t, e.admin, "PUT", url, `{}`, "Content-Type", "text/plain").problem(t, 415, "unsupported_media_type")
	e.call(t, e.admin, "PUT", url, `{"notes":"`+strings.Repeat("x", 1<<20+10)+`"}`).problem(t, 413, "content_too_large")
	e.call(t, e.admin, "PUT", path("/api/v1/cooperatives/%d/rat/tahun", id), rat).problem(t, 404, "not_found")
	e.call(t, e.admin, "PUT", path("/api/v1/cooperatives/99999999/rat/%d", book), map[string]any{}).problem(t, 404, "not_found")

	var got bina.Cooperative
	e.call(t, e.admin, "GET", path("/api/v1/cooperatives/%d", id), nil).want(t, 200).decode(t, &got)
	if len(got.RATs) != 1 || got.RATs[0].MembersPresent != 16 {
		t.Errorf("RAT records after replacing: %+v", got.RATs)
	}
	if p := e.call(t, e.admin, "GET", "/api/v1/cooperatives?active=ya", nil).want(t, 200).page(t); p.Total != 1 || p.Items[0].ID != id {
		t.Errorf("active cooperatives: %+v", p)
	}
}

func (e *env) testStatistics(t *testing.T) {
	var ec struct{ Items []bina.RegionCount }
	e.call(t, e.admin, "GET", "/api/v1/stats/enterprises", nil).want(t, 200).decode(t, &ec)
	total, kecil := 0, 0
	for _, c := range ec.Items {
		total += c.Total
		if c.District == "61.12.02" && c.Size == "kecil" {
			kecil += c.Total
		}
	}
	if total != 6 || kecil != 1 {
		t.Errorf("enterprise counts %+v: total %d, want 6", ec.Items, total)
	}
	var cc struct{ Items []bina.CooperativeCount }
	e.call(t, e.admin, "GET", "/api/v1/stats/cooperatives", nil).want(t, 200).decode(t, &cc)
	total, kdmp := 0, 0
	for _, c := range cc.Items {
		total += c.Total
		kdmp += c.KDMP
	}
	if total != 2 || kdmp != 1 {
		t.Errorf("cooperative counts %+v", cc.Items)
	}
}

// testOfficer checks the officer's scope: records outside kecamatan
// 61.12.01 do not exist for them.
func (e *env) testOfficer(t *testing.T) {
	tok := e.tokens[bina.RoleOfficer]
	other := path("/api/v1/enterprises/%d", e.ids["tenun"])
	e.call(t, tok, "GET", other, nil).problem(t, 404, "not_found")
	e.call(t, tok, "PUT", other, enterpriseBody("Tenun Kubu Padi", "61.12.02.2002", nil), "If-Match", `"1"`).problem(t, 404, "not_found")
	e.call(t, tok, "POST", other+"/archive", map[string]any{"reason": "bukan wilayah saya"}).problem(t, 404, "not_found")
	e.call(t, tok, "POST", other+"/restore", nil).problem(t, 404, "not_found")
	e.call(t, tok, "GET", other+"/history", nil).problem(t, 404, "not_found")
	otherCoop := path("/api/v1/cooperatives/%d", e.ids["kdmp"])
	e.call(t, tok, "GET", otherCoop, nil).problem(t, 404, "not_found")
	e.call(t, tok, "PUT", otherCoop+"/rat/2020", map[string]any{}).problem(t, 404, "not_found")
	e.call(t, tok, "POST", otherCoop+"/archive", map[string]any{"reason": "x"}).problem(t, 404, "not_found")

	p := e.call(t, tok, "GET", "/api/v1/enterprises", nil).want(t, 200).page(t)
	if p.Total != 4 || len(p.Items) != 4 {
		t.Errorf("officer sees %d enterprises, want the 4 of 61.12.01", p.Total)
	}
	for _, it := range p.Items {
		if !strings.HasPrefix(it.VillageCode, "61.12.01.") {
			t.Errorf("officer sees %s in %s", it.Name, it.VillageCode)
		}
	}
	if p := e.call(t, tok, "GET", "/api/v1/enterprises?region=61.12.02", nil).want(t, 200).page(t); p.Total != 0 {
		t.Errorf("officer filtering another kecamatan sees %d", p.Total)
	}
	if p := e.call(t, tok, "GET", "/api/v1/cooperatives", nil).want(t, 200).page(t); p.Total != 1 || p.Items[0].ID != e.ids["ksp"] {
		t.Errorf("officer sees cooperatives %+v", p.Items)
	}

	own := e.call(t, tok, "GET", path("/api/v1/enterprises/%d", e.ids["keripik"]), nil).want(t, 200).record(t)
	if own.Owner.NIK != "6112015508850001" {
		t.Errorf("officer sees NIK %q of their own kecamatan", own.Owner.NIK)
	}
	e.call(t, tok, "POST", "/api/v1/enterprises", enterpriseBody("Di Luar Wilayah", "61.12.02.2001", nil)).problem(t, 422, "invalid", "village_code")
	rec := e.call(t, tok, "POST", "/api/v1/enterprises", enterpriseBody("Lidah Buaya Rasau", "61.12.01.2005", nil)).want(t, 201).record(t)
	e.ids["lidah"] = rec.ID

	var ec struct{ Items []bina.RegionCount }
	e.call(t, tok, "GET", "/api/v1/stats/enterprises", nil).want(t, 200).decode(t, &ec)
	for _, c := range ec.Items {
		if c.District != "61.12.01" {
			t.Errorf("officer's counts include %s", c.District)
		}
	}
}

// testViewer checks that a viewer reads with personal data masked and
// cannot write.
func (e *env) testViewer(t *testing.T) {
	tok := e.tokens[bina.RoleViewer]
	url := path("/api/v1/enterprises/%d", e.ids["keripik"])
	r := e.call(t, tok, "GET", url, nil).want(t, 200)
	rec := r.record(t)
	if rec.Owner.NIK != bina.Masked || rec.Owner.Phone != bina.Masked || !rec.Owner.BirthDate.IsZero() || !rec.Owner.Masked {
		t.Errorf("viewer sees owner %+v", rec.Owner)
	}
	if strings.Contains(string(r.body), "6112015508850001") || strings.Contains(string(r.body), "081234567890") {
		t.Error("personal data in the viewer's answer")
	}
	p := e.call(t, tok, "GET", "/api/v1/enterprises?q=keripik", nil).want(t, 200)
	if strings.Contains(string(p.body), "6112015508850001") {
		t.Error("personal data in the viewer's list")
	}
	coop := e.call(t, tok, "GET", path("/api/v1/cooperatives/%d", e.ids["ksp"]), nil).want(t, 200)
	if strings.Contains(string(coop.body), "081298765432") {
		t.Error("officer's phone in the viewer's answer")
	}

	e.call(t, tok, "POST", "/api/v1/enterprises", enterpriseBody("Pembaca Menulis", "61.12.01.2001", nil)).problem(t, 403, "forbidden")
	var cur map[string]any
	e.call(t, e.admin, "GET", url, nil).want(t, 200).decode(t, &cur)
	e.call(t, tok, "PUT", url, cur, "If-Match", strconv.Quote(strconv.Itoa(rec.Version))).problem(t, 403, "forbidden")
	e.call(t, tok, "POST", url+"/archive", map[string]any{"reason": "x"}).problem(t, 403, "forbidden")
	e.call(t, tok, "POST", url+"/restore", nil).problem(t, 403, "forbidden")
	e.call(t, tok, "POST", "/api/v1/cooperatives", cooperativeBody("Pembaca", "61.12.01.2002", nil)).problem(t, 403, "forbidden")
	curl := path("/api/v1/cooperatives/%d", e.ids["ksp"])
	e.call(t, tok, "PUT", curl, cooperativeBody("KSP Sinar Harapan", "61.12.01.2002", nil), "If-Match", `"2"`).problem(t, 403, "forbidden")
	e.call(t, tok, "PUT", curl+"/rat/2020", map[string]any{}).problem(t, 403, "forbidden")
	e.call(t, tok, "POST", curl+"/archive", map[string]any{"reason": "x"}).problem(t, 403, "forbidden")
	e.call(t, tok, "POST", curl+"/restore", nil).problem(t, 403, "forbidden")

	if n := e.total(t, "?q=pembaca"); n != 0 {
		t.Errorf("the viewer's create stored %d records", n)
	}
	var h struct{ Items []bina.Change }
	e.call(t, tok, "GET", url+"/history", nil).want(t, 200).decode(t, &h)
	if strings.Contains(fmt.Sprint(h.Items), "6112015508850001") {
		t.Error("personal data in the viewer's history")
	}
}

// testSession checks the API through the browser session: reads work, and
// writes need the CSRF token.
func (e *env) testSession(t *testing.T) {
	cookie := web.SessionCookie + "=" + e.sess.Token
	var u bina.User
	e.call(t, "", "GET", "/api/v1/me", nil, "Cookie", cookie).want(t, 200).decode(t, &u)
	if u.Name != "staf" {
		t.Errorf("session user %+v", u)
	}
	body := enterpriseBody("Lewat Peramban", "61.12.01.2001", nil)
	e.call(t, "", "POST", "/api/v1/enterprises", body, "Cookie", cookie).problem(t, 403, "forbidden")
	e.call(t, "", "POST", "/api/v1/enterprises", body, "Cookie", cookie, "X-CSRF-Token", e.sess.CSRF).want(t, 201)
}

// testProblems checks the problem format: language, request id, instance.
func (e *env) testProblems(t *testing.T) {
	url := "/api/v1/enterprises/99999999"
	id := e.call(t, e.admin, "GET", url, nil).problem(t, 404, "not_found")
	en := e.call(t, e.admin, "GET", url, nil, "Accept-Language", "en-GB,en;q=0.9,id;q=0.5").problem(t, 404, "not_found")
	if id.Detail == en.Detail || id.Title == en.Title || !strings.Contains(en.Detail, "not found") {
		t.Errorf("details %q (id) and %q (en)", id.Detail, en.Detail)
	}
	if id.RequestID == en.RequestID {
		t.Error("two requests share a request id")
	}
	p := e.call(t, e.admin, "POST", "/api/v1/enterprises", `{"name": "x",}`, "Accept-Language", "en").problem(t, 400, "bad_request")
	if !strings.Contains(p.Detail, "offset") {
		t.Errorf("malformed JSON detail %q does not give the offset", p.Detail)
	}
}
