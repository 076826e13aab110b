package main

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestServeCompressed loads the UMKM list of the demo with its style and
// script as a browser on a slow link does, with and without gzip, and
// reports the bytes on the wire; the .xlsx download passes uncompressed.
func TestServeCompressed(t *testing.T) {
	base, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "bina.db"), "--demo")
	jar, _ := cookiejar.New(nil)
	// The transport must not ask for gzip on its own: the test chooses.
	c := &http.Client{Jar: jar, Transport: &http.Transport{DisableCompression: true}}
	res, err := c.PostForm(base+"/masuk", url.Values{"name": {"staf"}, "password": {demoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()

	get := func(path string, gz bool) (wire int, body string, h http.Header) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip, deflate, br")
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		raw, err := io.ReadAll(res.Body)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %v", path, res.StatusCode, err)
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s: Vary %q, want Accept-Encoding", path, res.Header.Get("Vary"))
		}
		body = string(raw)
		if res.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(strings.NewReader(body))
			if err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			plain, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("GET %s: broken gzip: %v", path, err)
			}
			body = string(plain)
		}
		return len(raw), body, res.Header
	}

	_, page, _ := get("/umkm", false)
	assets := regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(assets) != 2 {
		t.Fatalf("assets of the list: %v", assets)
	}
	paths := []string{"/umkm", assets[0][1], assets[1][1], "/api/v1/enterprises?limit=25"}
	var plainTotal, gzTotal int
	for i, p := range paths {
		plain, plainBody, h := get(p, false)
		if h.Get("Content-Encoding") != "" {
			t.Errorf("GET %s without Accept-Encoding came %s", p, h.Get("Content-Encoding"))
		}
		wire, gzBody, h := get(p, true)
		if h.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s with Accept-Encoding: gzip came %q", p, h.Get("Content-Encoding"))
		}
		if p != "/umkm" && !strings.HasPrefix(p, "/api/") && gzBody != plainBody {
			t.Errorf("GET %s: the gzipped body differs from the plain one", p)
		}
		t.Logf("%-32s %6d bytes plain, %6d gzip", p, plain, wire)
		if i < 3 { // the page, its style and its script
			plainTotal += plain
			gzTotal += wire
		}
	}
	t.Logf("the UMKM list with its style and script: %d bytes plain, %d on the wire with gzip", plainTotal, gzTotal)
	if gzTotal*3 > plainTotal {
		t.Errorf("gzip saved too little: %d of %d bytes", gzTotal, plainTotal)
	}

	_, _, h := get("/umkm/ekspor?format=xlsx", true)
	if h.Get("Content-Encoding") != "" {
		t.Errorf("the .xlsx export came %s: it is a zip already", h.Get("Content-Encoding"))
	}
	for _, a := range assets {
		_, _, h := get(a[1], true)
		if cc := h.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s Cache-Control %q", a[1], cc)
		}
	}
}
