package sheet

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"bina"
)

// TestHostileFiles reads spreadsheets made to exhaust memory and checks
// that each is refused with a clear message while the reader allocates
// little: the limits are checked while reading, before a part or a cell is
// held whole. The .xlsx cases are kept in testdata (made by
// testdata/gen.go); the CSV is written here, being mostly one long cell.
func TestHostileFiles(t *testing.T) {
	huge := filepath.Join(t.TempDir(), "hugecell.csv")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("nama_usaha;desa\n\"")
	chunk := strings.Repeat("a", 1<<20)
	for range 64 {
		f.WriteString(chunk)
	}
	f.WriteString("\";Sungai Raya\n")
	f.Close()
	unclosed := filepath.Join(t.TempDir(), "unclosed.csv")
	os.WriteFile(unclosed, []byte("nama_usaha,desa\n\"Kerupuk,"+strings.Repeat("Sungai Raya\n", 200_000)), 0o600)

	cases := []struct {
		name, path, want string
	}{
		{"1 MB xlsx with a 1 GiB part", "testdata/zipbomb.xlsx", "zip bomb"},
		{"200 KB xlsx with a 200 MB cell", "testdata/hugecell.xlsx", "32.767"},
		{"CSV with a 64 MB cell", huge, "terlalu panjang"},
		{"CSV with a quote never closed", unclosed, "tidak ditutup"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := readAll(t, c.path, Limits{})
			runtime.ReadMemStats(&after)
			if bina.ErrorCode(err) != bina.Invalid || !strings.Contains(bina.ErrorText(err).ID, c.want) {
				t.Errorf("err = %v, want Invalid containing %q", err, c.want)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("reading allocated %d MB before refusing; want under 32 MB", alloc>>20)
			}
		})
	}
}
