package progress

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name        string
		done, total int64
		unit        Unit
		width       int
		want        string
	}{
		{"half", 50, 100, Count, 40, "Impor [########.........]  50% 50/100 3s"},
		{"over", 120, 100, Count, 40, "Impor [################] 100% 120/100 3s"},
		{"unknown total", 7, 0, Count, 40, "Impor 7 3s"},
		{"bytes", 3 << 20, 12 << 20, Bytes, 60, "Impor [######.....................]  25% 3.0 MiB/12.0 MiB 3s"},
		{"narrow", 1, 2, Count, 10, "Impor  50% 1/2 3s"},
	}
	for _, tt := range tests {
		if got := Line("Impor", tt.done, tt.total, tt.unit, 3*time.Second, tt.width); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		if got := Line("Impor", tt.done, tt.total, tt.unit, 3*time.Second, tt.width); len(got) != tt.width && tt.total > 0 && tt.width > 20 {
			t.Errorf("%s: %d characters, want the width %d", tt.name, len(got), tt.width)
		}
	}
}

// TestQuietOffTerminal: a bar on a buffer, a file or a pipe draws
// nothing, so logs and scripts read only results.
func TestQuietOffTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	var buf bytes.Buffer
	for _, out := range []any{&buf, f, w} {
		b := New(out.(interface{ Write([]byte) (int, error) }), "Cadangan", Bytes)
		if b.Active() {
			t.Errorf("%T: the bar is active off a terminal", out)
		}
		b.Set(1, 2)
		b.Done()
	}
	if buf.Len() > 0 {
		t.Errorf("drew %q", buf.String())
	}
	if fi, _ := f.Stat(); fi.Size() > 0 {
		t.Errorf("drew %d bytes into a file", fi.Size())
	}
}
