package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestEnglish fails on an interface text without an English translation:
// every {{t "…"}} of the templates and every text the Go code passes to t.
func TestEnglish(t *testing.T) {
	texts := map[string]bool{}
	tmplText := regexp.MustCompile(`\bt "((?:[^"\\]|\\.)*)"`)
	err := fs.WalkDir(files, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range tmplText.FindAllStringSubmatch(string(b), -1) {
			texts[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Texts the Go code translates: h.t(lang, "…"), page titles given to
	// newLayout, flash messages and the RAT table's labels.
	goText := []*regexp.Regexp{
		regexp.MustCompile(`\.t\([^,()]+, "([^"]+)"\)`),
		regexp.MustCompile(`newLayout\(r, "([^"]+)"`),
		regexp.MustCompile(`title, action :?= "([^"]+)"`),
		regexp.MustCompile(`\{"([^"]+)", func\(x bina\.RAT\)`),
	}
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range gofiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range goText {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				texts[m[1]] = true
			}
		}
	}
	for _, msg := range flashMessages {
		texts[msg] = true
	}
	var missing []string
	for s := range texts {
		_, ok := english[s]
		_, ok3 := englishProgramme[s]
		if _, ok2 := englishUser[s]; !ok && !ok2 && !ok3 {
			missing = append(missing, s)
		}
	}
	sort.Strings(missing)
	for _, s := range missing {
		t.Errorf("no English for %q", s)
	}
	if len(texts) < 100 {
		t.Errorf("found only %d texts; is the extraction broken?", len(texts))
	}
}
