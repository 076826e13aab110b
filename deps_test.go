package bina_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDependenciesPointOneWay reads the imports of every package of the
// module (tests left out) and checks that they point toward the domain:
// the domain imports the standard library only, storage and the job queue
// are reached only from the binary, each outside technology has one home,
// and no package reaches into another's concern.
func TestDependenciesPointOneWay(t *testing.T) {
	imports := moduleImports(t)
	if len(imports) < 10 {
		t.Fatalf("found %d packages; the walk is broken", len(imports))
	}
	for _, imp := range imports["bina"] {
		if !isStandard(imp) {
			t.Errorf("the domain package imports %s; it may import the standard library only", imp)
		}
	}
	// The domain's own packages (coaching, supervision, indicator,
	// imports, audit): everything outside cmd/ and internal/. They import
	// the standard library and the domain only.
	domains := 0
	for pkg, imps := range imports {
		if pkg == "bina" || !isDomain(pkg) {
			continue
		}
		domains++
		for _, imp := range imps {
			if !isStandard(imp) && !isDomain(imp) {
				t.Errorf("the domain package %s imports %s; it may import the standard library and the domain only", pkg, imp)
			}
		}
	}
	if domains < 5 {
		t.Errorf("found %d domain packages beside the root; the walk is broken", domains)
	}
	// Who may import what: a package (or a module path prefix) and the
	// only packages of this module allowed to import it.
	owners := []struct {
		target  string
		allowed []string
	}{
		{"bina/internal/sqlstore", []string{"bina/cmd/bina", "bina/internal/sqlstore/sqlstoretest"}},
		{"bina/internal/jobs", []string{"bina/cmd/bina"}},
		{"bina/internal/server", []string{"bina/cmd/bina"}},
		{"bina/internal/web", []string{"bina/cmd/bina", "bina/internal/server"}},
		{"bina/internal/api", []string{"bina/cmd/bina", "bina/internal/server"}},
		{"bina/cmd/", nil},
		{"modernc.org/sqlite", []string{"bina/internal/sqlstore"}},
		{"github.com/jackc/pgx", []string{"bina/internal/sqlstore"}},
		{"github.com/riverqueue/river", []string{"bina/internal/jobs"}},
		{"github.com/xuri/excelize", []string{"bina/internal/sheet"}},
		{"golang.org/x/crypto", []string{"bina/internal/argon2id"}},
		{"net/http", []string{"bina/cmd/bina", "bina/internal/server", "bina/internal/web", "bina/internal/api", "bina/internal/httperr",
			"bina/internal/metrics"}}, // operations: the metrics handler
		{"github.com/prometheus", []string{"bina/internal/metrics"}},
		{"bina/internal/metrics", []string{"bina/cmd/bina", "bina/internal/server"}},
		{"golang.org/x/term", []string{"bina/internal/progress"}},
	}
	for pkg, imps := range imports {
		for _, imp := range imps {
			for _, o := range owners {
				under := strings.HasPrefix(imp, strings.TrimSuffix(o.target, "/")+"/")
				if imp != o.target && !under {
					continue
				}
				ok := false
				for _, a := range o.allowed {
					ok = ok || pkg == a
				}
				if !ok {
					t.Errorf("%s imports %s, which only %v may import", pkg, imp, o.allowed)
				}
			}
		}
	}
}

// moduleImports returns the non-test imports of every package of the
// module, by import path.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := "bina"
		if dir := filepath.ToSlash(filepath.Dir(path)); dir != "." {
			pkg += "/" + dir
		}
		for _, s := range f.Imports {
			p, err := strconv.Unquote(s.Path.Value)
			if err != nil {
				return err
			}
			out[pkg] = append(out[pkg], p)
		}
		if _, ok := out[pkg]; !ok {
			out[pkg] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// isStandard reports whether an import path is the standard library's:
// its first element has no dot, and it is not this module's.
func isStandard(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".") && first != "bina"
}

// isDomain reports whether an import path is a package of the domain: the
// root or a package beside it, not under cmd/ or internal/.
func isDomain(p string) bool {
	return p == "bina" || strings.HasPrefix(p, "bina/") && !strings.HasPrefix(p, "bina/cmd/") && !strings.HasPrefix(p, "bina/internal/")
}
