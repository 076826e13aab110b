package api

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"bina"
	"bina/internal/httperr"
)

// These tests cover the request parsing that the server-level tests in
// api_test.go reach only through a few cases.

func TestDecode(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		limit       int64
		status      int      // 0: decoded
		fields      []string // named in the error
	}{
		{name: "valid", body: `{"name":"Keripik","owner":{"name":"Siti"},"kbli":[{"code":"10794"}]}`},
		{name: "charset utf-8", contentType: "application/json; charset=UTF-8", body: `{}`},
		{name: "read-only members accepted", body: `{"id":7,"version":3,"created_at":"2025-01-02T03:04:05Z","archived_at":null,"size_computed":"kecil"}`},
		{name: "null dates", body: `{"binaan_since":null,"owner":{"birth_date":""}}`},
		{name: "case-insensitive member as encoding/json", body: `{"NAME":"x"}`},
		{name: "no content type", contentType: "-", body: `{}`, status: 415},
		{name: "text", contentType: "text/plain", body: `{}`, status: 415},
		{name: "form", contentType: "application/x-www-form-urlencoded", body: `name=x`, status: 415},
		{name: "latin-1", contentType: "application/json; charset=iso-8859-1", body: `{}`, status: 415},
		{name: "empty", body: ``, status: 400},
		{name: "malformed", body: `{"name": "x",}`, status: 400},
		{name: "truncated", body: `{"name": "x"`, status: 400},
		{name: "array", body: `[{"name":"x"}]`, status: 400},
		{name: "trailing object", body: `{"name":"x"} {"name":"y"}`, status: 400},
		{name: "trailing garbage", body: `{"name":"x"} x`, status: 400},
		{name: "trailing white space", body: "{\"name\":\"x\"}\n\t "},
		{name: "unknown member", body: `{"name":"x","colour":"red"}`, status: 400, fields: []string{"colour"}},
		{name: "unknown nested members", body: `{"owner":{"nick":"x"},"sales":[{"year":2024},{"yaer":2023}],"digital":{"tiktok":true}}`, status: 400,
			fields: []string{"digital.tiktok", "owner.nick", "sales[1].yaer"}},
		{name: "wrong type", body: `{"capital":"a lot"}`, status: 400, fields: []string{"capital"}},
		{name: "wrong nested type", body: `{"owner":{"disability":"yes"}}`, status: 400, fields: []string{"owner.disability"}},
		{name: "bad date", body: `{"binaan_since":"31-12-2024"}`, status: 422},
		{name: "bad timestamp", body: `{"created_at":"yesterday"}`, status: 400},
		{name: "too large", body: `{"name":"` + strings.Repeat("x", 200) + `"}`, limit: 100, status: 413},
		{name: "too large after the object", body: `{"name":"x"}` + strings.Repeat(" ", 200), limit: 100, status: 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/api/v1/enterprises", strings.NewReader(tt.body))
			switch tt.contentType {
			case "":
				r.Header.Set("Content-Type", "application/json")
			case "-":
			default:
				r.Header.Set("Content-Type", tt.contentType)
			}
			if tt.limit > 0 {
				r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, tt.limit)
			}
			var e bina.Enterprise
			err := decode(r, &e)
			if tt.status == 0 {
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("decode succeeded, want %d", tt.status)
			}
			if got := status(err); got != tt.status {
				t.Errorf("status %d, want %d (%v)", got, tt.status, err)
			}
			var got []string
			for _, f := range bina.ErrorFields(err) {
				got = append(got, f.Field)
			}
			if tt.fields != nil && !slices.Equal(got, tt.fields) {
				t.Errorf("fields %v, want %v", got, tt.fields)
			}
		})
	}
}

func status(err error) int {
	var he *httpError
	if errors.As(err, &he) {
		return he.status
	}
	return httperr.Status(bina.ErrorCode(err))
}

func TestIfMatch(t *testing.T) {
	const current = 4
	tests := []struct {
		header []string
		want   int // the version used; 0 with status
		status int
	}{
		{header: nil, status: 428},
		{header: []string{`"4"`}, want: 4},
		{header: []string{`"3"`}, want: 3}, // the store refuses it: 412 from its Conflict
		{header: []string{`*`}, want: current},
		{header: []string{`"3", "4"`}, want: current},
		{header: []string{`"3"`, `"4"`}, want: current},
		{header: []string{`"2", "3"`}, status: 412},
		{header: []string{`W/"4"`}, status: 412},
		{header: []string{`4`}, status: 412},
		{header: []string{`"abc"`}, status: 412},
		{header: []string{``}, status: 412},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.header, "|"), func(t *testing.T) {
			r := httptest.NewRequest("PUT", "/", nil)
			for _, h := range tt.header {
				r.Header.Add("If-Match", h)
			}
			p, err := ifMatch(r)
			var v int
			if err == nil {
				v, err = p.version(func() (int, error) { return current, nil })
			}
			if tt.status != 0 {
				if err == nil || status(err) != tt.status {
					t.Fatalf("got version %d, err %v; want status %d", v, err, tt.status)
				}
				return
			}
			if err != nil || v != tt.want {
				t.Fatalf("got version %d, err %v; want %d", v, err, tt.want)
			}
		})
	}
}

func TestLang(t *testing.T) {
	tests := []struct {
		header, want string
	}{
		{"", "id"},
		{"en", "en"},
		{"en-US,en;q=0.9", "en"},
		{"id-ID,id;q=0.9,en;q=0.8", "id"},
		{"en;q=0.5,id;q=0.9", "id"},
		{"fr,en;q=0.5", "en"},
		{"fr,de", "id"},
		{"EN-gb", "en"},
		{"en;q=0", "id"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		if tt.header != "" {
			r.Header.Set("Accept-Language", tt.header)
		}
		if got := lang(r); got != tt.want {
			t.Errorf("lang(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestPathID(t *testing.T) {
	tests := []struct {
		id   string
		want int64
		ok   bool
	}{
		{"1", 1, true},
		{"42", 42, true},
		{"9223372036854775807", 9223372036854775807, true},
		{"9223372036854775808", 0, false},
		{"0", 0, false},
		{"-1", 0, false},
		{"+1", 0, false},
		{"01", 0, false},
		{"1e3", 0, false},
		{"abc", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.SetPathValue("id", tt.id)
		got, ok := pathID(r, "id")
		if got != tt.want || ok != tt.ok {
			t.Errorf("pathID(%q) = %d, %v; want %d, %v", tt.id, got, ok, tt.want, tt.ok)
		}
	}
}

// TestDocumentEnums checks that the document takes its enumerations from
// bina's lists: a code added there appears in the document.
func TestDocumentEnums(t *testing.T) {
	h := New(Deps{})
	doc := string(h.document)
	for _, opts := range []bina.Options{bina.Sizes, bina.OperatingStatuses, bina.Verifications, bina.LegalForms, bina.Sources,
		bina.Genders, bina.Educations, bina.Jenises, bina.Bentuks, bina.Polas, bina.OfficerRoles, bina.HealthResults, bina.Roles, bina.DigitalChannels} {
		for _, code := range opts.Codes() {
			if !strings.Contains(doc, `"`+code+`"`) {
				t.Errorf("code %q missing from the document", code)
			}
		}
	}
}

// TestErrorInternal checks that an internal error reaches the log with the
// request id and never the client.
func TestErrorInternal(t *testing.T) {
	var log strings.Builder
	h := New(Deps{Log: slog.New(slog.NewTextHandler(&log, nil))})
	rec := httptest.NewRecorder()
	rec.Header().Set("X-Request-Id", "abc123")
	r := httptest.NewRequest("GET", "/api/v1/enterprises/1", nil)
	h.Error(rec, r, bina.Wrap(errors.New(`pq: relation "persons" does not exist`), "load enterprise"))
	if rec.Code != 500 || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("answer %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	body := rec.Body.String()
	for _, want := range []string{`"type":"/problems/internal"`, `"request_id":"abc123"`, `"status":500`, "Maaf"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s: %s", want, body)
		}
	}
	if strings.Contains(body, "persons") || strings.Contains(body, "load enterprise") {
		t.Errorf("the cause reached the client: %s", body)
	}
	if !strings.Contains(log.String(), "abc123") || !strings.Contains(log.String(), `relation \"persons\" does not exist`) {
		t.Errorf("the log lacks the request id or the cause: %s", log.String())
	}

	// An error that is not a *bina.Error is internal too.
	rec = httptest.NewRecorder()
	h.Error(rec, r, errors.New("boom"))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("plain error: %d %s", rec.Code, rec.Body.String())
	}
}
