package server

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCompress: what is compressed, for whom, and what passes untouched.
func TestCompress(t *testing.T) {
	page := strings.Repeat("<p>Keripik pisang Bu Sri, Kuala Dua</p>\n", 100)
	serve := func(ctype, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if ctype != "" {
				w.Header().Set("Content-Type", ctype)
			}
			w.Header().Set("ETag", `"abc"`)
			io.WriteString(w, body)
		}
	}
	s := &Server{}
	tests := []struct {
		name     string
		handler  http.Handler
		method   string
		accept   string
		header   map[string]string
		wantGzip bool
	}{
		{"a page", serve("text/html; charset=utf-8", page), "GET", "gzip, deflate, br", nil, true},
		{"JSON", serve("application/json", page), "GET", "gzip", nil, true},
		{"problem JSON", serve("application/problem+json", page), "GET", "gzip", nil, true},
		{"CSV", serve("text/csv; charset=utf-8", page), "GET", "gzip", nil, true},
		{"no type set", serve("", page), "GET", "gzip", nil, true},
		{"a client without gzip", serve("text/html", page), "GET", "", nil, false},
		{"gzip refused", serve("text/html", page), "GET", "gzip;q=0, deflate", nil, false},
		{"an .xlsx", serve("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", page), "GET", "gzip", nil, false},
		{"a PDF", serve("application/pdf", page), "GET", "gzip", nil, false},
		{"an image", serve("image/png", page), "GET", "gzip", nil, false},
		{"an event stream", serve("text/event-stream", page), "GET", "gzip", nil, false},
		{"a range", serve("text/html", page), "GET", "gzip", map[string]string{"Range": "bytes=0-10"}, false},
		{"HEAD", serve("text/html", ""), "HEAD", "gzip", nil, false},
		{"a small body", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Length", "2")
			io.WriteString(w, "ok")
		}), "GET", "gzip", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "/", nil)
			if tc.accept != "" {
				req.Header.Set("Accept-Encoding", tc.accept)
			}
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			s.compress(tc.handler).ServeHTTP(rec, req)
			if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
				t.Errorf("Vary %q", rec.Header().Get("Vary"))
			}
			gz := rec.Header().Get("Content-Encoding") == "gzip"
			if gz != tc.wantGzip {
				t.Fatalf("Content-Encoding %q, want gzip %v", rec.Header().Get("Content-Encoding"), tc.wantGzip)
			}
			if !gz {
				return
			}
			if rec.Header().Get("Content-Length") != "" || rec.Header().Get("ETag") != `W/"abc"` {
				t.Errorf("Content-Length %q, ETag %q: want none and a weak one", rec.Header().Get("Content-Length"), rec.Header().Get("ETag"))
			}
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(zr)
			if err != nil || string(body) != page {
				t.Errorf("body of %d bytes (%v), want the page", len(body), err)
			}
		})
	}
}

// TestCompressFlush: what a handler flushes reaches the client at once,
// compressed, before the handler ends.
func TestCompressFlush(t *testing.T) {
	s := &Server{}
	sent := make(chan struct{})
	release := make(chan struct{})
	srv := httptest.NewServer(s.compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "tahap 1\n")
		http.NewResponseController(w).Flush()
		close(sent)
		<-release
		io.WriteString(w, "tahap 2\n")
	})))
	defer srv.Close()
	defer close(release)
	res, err := srv.Client().Get(srv.URL) // the client asks for gzip and unpacks it
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	<-sent
	buf := make([]byte, 8)
	if _, err := io.ReadFull(res.Body, buf); err != nil || string(buf) != "tahap 1\n" {
		t.Fatalf("first part %q (%v) before the handler ended", buf, err)
	}
	if !res.Uncompressed {
		t.Error("the answer was not compressed")
	}
}
