package main

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/demo"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestDemoOpenDataHoldsNoPersonalData serves the demo, downloads every
// dataset the public /data-terbuka page links, and fails if one of the
// demo's identity numbers, phone numbers, owner or cooperative officer
// names or home addresses appears in the page or in any file (DOMAIN.md
// section 10).
func TestDemoOpenDataHoldsNoPersonalData(t *testing.T) {
	base, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "bina.db"), "--demo")
	get := func(path string) string {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		return string(b)
	}
	page := get("/data-terbuka")
	links := regexp.MustCompile(`href="(/data-terbuka/[^"]+\.(?:csv|json))"`).FindAllStringSubmatch(page, -1)
	if len(links) < 10 {
		t.Fatalf("the page links %d files", len(links))
	}

	// Every text the files and the page hold: CSV cells, JSON strings,
	// the page's text between tags.
	texts := map[string]bool{}
	for _, s := range regexp.MustCompile(`>([^<]+)<`).FindAllStringSubmatch(page, -1) {
		texts[strings.TrimSpace(s[1])] = true
	}
	var all strings.Builder
	all.WriteString(page)
	for _, m := range links {
		body := get(m[1])
		all.WriteString(body)
		if strings.HasSuffix(m[1], ".csv") {
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", m[1], err)
			}
			for _, row := range rows {
				for _, c := range row {
					texts[c] = true
				}
			}
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		collectStrings(v, texts)
	}

	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	data := demo.Generate(ref, demo.Options{Seed: 1, Now: time.Now()})
	// Word runs of every text, so that a name inside a longer text is
	// found too.
	words := map[string]bool{}
	for s := range texts {
		f := strings.Fields(s)
		for i := range f {
			for j := i + 1; j <= len(f) && j <= i+5; j++ {
				words[strings.Join(f[i:j], " ")] = true
			}
		}
	}
	digits := map[string]bool{}
	for _, d := range regexp.MustCompile(`\d{8,}`).FindAllString(all.String(), -1) {
		digits[d] = true
	}
	checked := 0
	check := func(kind, secret string, pool map[string]bool) {
		if secret == "" {
			return
		}
		checked++
		if pool[secret] {
			t.Errorf("open data holds the %s %q", kind, secret)
		}
	}
	for _, e := range data.Enterprises {
		check("NIK", e.Owner.NIK, digits)
		check("phone", e.Owner.Phone, digits)
		check("owner name", e.Owner.Name, words)
		check("home address", e.Owner.Address, words)
	}
	for _, c := range data.Cooperatives {
		for _, o := range c.Officers {
			check("officer name", o.Name, words)
			check("phone", o.Phone, digits)
		}
	}
	if checked < 20000 {
		t.Errorf("only %d personal values checked", checked)
	}
}

// collectStrings adds every string value of a decoded JSON value to out.
func collectStrings(v any, out map[string]bool) {
	switch x := v.(type) {
	case string:
		out[x] = true
	case []any:
		for _, e := range x {
			collectStrings(e, out)
		}
	case map[string]any:
		for _, e := range x {
			collectStrings(e, out)
		}
	}
}
