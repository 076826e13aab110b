package server

import (
	"bufio"
	"compress/gzip"
	"errors"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// compressMin is the smallest body worth compressing when its length is
// known: below it the gzip frame (about 20 bytes) and the work outweigh
// what is saved.
const compressMin = 512

// gzipWriters reuses compressors: each holds some 800 KB of tables, and
// allocating one per response would cost more than the compression.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return w
}}

// compress gzips pages, styles, scripts, JSON and CSV for clients that
// accept it. On a rural 3G link the UMKM list with its style and script
// shrinks from some 54 KB to a fifth (docs/phone.md). Files that are
// compressed already (xlsx, pdf, images) pass untouched, as do answers to
// a Range request and event streams, which must reach the client as soon
// as they are written.
func (s *Server) compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Method == http.MethodHead || r.Header.Get("Range") != "" || !acceptsGzip(r.Header.Get("Accept-Encoding")) {
			next.ServeHTTP(w, r)
			return
		}
		cw := &compressWriter{ResponseWriter: w}
		defer cw.close()
		next.ServeHTTP(cw, r)
	})
}

// acceptsGzip reports whether an Accept-Encoding header takes gzip with a
// quality above zero.
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		if v, ok := strings.CutPrefix(q, "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// compressible reports whether a body of content type ct gains from gzip.
func compressible(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	switch {
	case mt == "text/event-stream":
		return false
	case strings.HasPrefix(mt, "text/"):
		return true
	case mt == "application/json", mt == "application/problem+json", mt == "application/javascript",
		mt == "application/xml", mt == "image/svg+xml", strings.HasSuffix(mt, "+json"):
		return true
	}
	return false
}

// compressWriter decides at the first write, from the headers the
// handler set, whether the body goes through gzip.
type compressWriter struct {
	http.ResponseWriter
	decided bool
	gz      *gzip.Writer
}

func (c *compressWriter) decide(status int) {
	if c.decided {
		return
	}
	c.decided = true
	h := c.Header()
	if status < 200 || status == http.StatusNoContent || status == http.StatusNotModified || status == http.StatusPartialContent ||
		h.Get("Content-Encoding") != "" || !compressible(h.Get("Content-Type")) {
		return
	}
	if n, err := strconv.Atoi(h.Get("Content-Length")); err == nil && n < compressMin {
		return
	}
	h.Del("Content-Length")
	h.Set("Content-Encoding", "gzip")
	// The compressed body is another sequence of bytes: a strong
	// validator would claim otherwise. A weak one still matches the
	// handler's own If-None-Match check, which compares weakly.
	if et := h.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
		h.Set("ETag", "W/"+et)
	}
	gz := gzipWriters.Get().(*gzip.Writer)
	gz.Reset(c.ResponseWriter)
	c.gz = gz
}

func (c *compressWriter) WriteHeader(status int) {
	c.decide(status)
	c.ResponseWriter.WriteHeader(status)
}

func (c *compressWriter) Write(b []byte) (int, error) {
	if !c.decided {
		if c.Header().Get("Content-Type") == "" {
			c.Header().Set("Content-Type", http.DetectContentType(b))
		}
		c.WriteHeader(http.StatusOK)
	}
	if c.gz != nil {
		return c.gz.Write(b)
	}
	return c.ResponseWriter.Write(b)
}

// Flush sends what was written so far, compressed, to the client: a page
// that streams its progress stays live.
func (c *compressWriter) Flush() {
	if c.gz != nil {
		_ = c.gz.Flush()
	}
	_ = http.NewResponseController(c.ResponseWriter).Flush()
}

// Hijack hands the connection over; nothing has been compressed then.
func (c *compressWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if c.gz != nil {
		return nil, nil, errors.New("server: hijack after a compressed write")
	}
	return http.NewResponseController(c.ResponseWriter).Hijack()
}

func (c *compressWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

func (c *compressWriter) close() {
	if c.gz == nil {
		return
	}
	_ = c.gz.Close()
	c.gz.Reset(nil)
	gzipWriters.Put(c.gz)
	c.gz = nil
}
