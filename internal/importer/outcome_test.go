package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/sidtgen"
)

// sidtWithTwins writes a SIDT export of n rows in which every 23rd row
// from the tenth on is a twin of an earlier row with a typing error: the
// same owner NIK and a business name one letter off, or the same business
// name and desa and an owner name one letter off. Only the register's
// comparison of candidates one by one finds them (the file's index
// compares keys exactly). Some twins follow their row closely (the same
// chunk), most follow it far (another chunk, often the other half).
func sidtWithTwins(t *testing.T, n int) (path string, header []string) {
	t.Helper()
	g, err := sidtgen.New(9)
	if err != nil {
		t.Fatal(err)
	}
	header = sidtgen.Columns()
	col := map[string]int{}
	for i, c := range header {
		col[c] = i
	}
	typo := func(s string) string {
		b := []byte(s)
		for i := len(b) / 2; i < len(b); i++ {
			if b[i] >= 'A' && b[i] <= 'Y' {
				b[i]++
				return string(b)
			}
		}
		return s + "X"
	}
	data := make([][]string, n)
	for i := range data {
		data[i] = g.Row(i)
		if i < n/10 || i%23 != 0 {
			continue
		}
		lag := min(i, n/3)
		if i%2 == 0 {
			lag = 3
		}
		twin := append([]string(nil), data[i-lag]...)
		twin[col["id_data_badan_usaha"]] = "9" + twin[col["id_data_badan_usaha"]]
		twin[col["nib"]] = ""
		if nik := twin[col["nik_pengusaha"]]; len(nik) == 16 && !strings.ContainsAny(nik, ",E") && i%3 != 0 {
			twin[col["nama_usaha"]] = typo(twin[col["nama_usaha"]])
		} else {
			twin[col["nik_pengusaha"]] = ""
			twin[col["nama_pengusaha"]] = typo(twin[col["nama_pengusaha"]])
		}
		data[i] = twin
	}
	write := func(name string, rows [][]string) string {
		var b strings.Builder
		b.WriteString(strings.Join(header, ",") + "\r\n")
		for _, r := range rows {
			for j, c := range r {
				if j > 0 {
					b.WriteByte(',')
				}
				if strings.ContainsAny(c, ",\"\n") {
					c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
				}
				b.WriteString(c)
			}
			b.WriteString("\r\n")
		}
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return write("sidt.csv", data), header
}

// TestSameFileSameOutcome: a file imported whole (a first load), as its
// first half and then whole, or stopped half way and run again, leaves as
// many businesses in the register and as many rows waiting in review.
func TestSameFileSameOutcome(t *testing.T) {
	const n = 3000
	path, header := sidtWithTwins(t, n)
	half := func() string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\r\n")
		p := filepath.Join(t.TempDir(), "half.csv")
		if err := os.WriteFile(p, []byte(strings.Join(lines[:1+n/2], "")), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}()
	eachEngine(t, func(t *testing.T, e env) {
		type outcome struct{ enterprises, review int }
		// run imports the files one after the other into a fresh store;
		// stopAt stops the first run at that chunk, then runs it again.
		run := func(stopAt int32, paths ...string) (out outcome) {
			eachEngineOnce(t, e, func(o env) {
				o.s.SetBulkImportRows(1000)
				for _, p := range paths {
					j := &imports.Job{Entity: bina.EntityEnterprise, FileName: filepath.Base(p), Header: header, Template: "sidt", Source: "sidt",
						Mapping: fileformat.SuggestMapping(header, bina.EntityEnterprise)}
					f, err := os.Open(p)
					if err != nil {
						t.Fatal(err)
					}
					err = o.s.CreateImport(context.Background(), j, f)
					f.Close()
					if err != nil {
						t.Fatal(err)
					}
					im := func(store imports.Store) *importer.Importer {
						if store == nil {
							store = o.s
						}
						return importer.New(store, o.ref, o.matcher, nil).Configure(importer.Config{ChunkRows: 100, CommitRows: 200})
					}
					if stopAt > 0 {
						ctx, cancel := context.WithCancel(context.Background())
						fs := &failingStore{Store: o.s, at: stopAt, cancel: cancel}
						if err := im(fs).Run(ctx, j.ID); err == nil {
							t.Fatal("the run was not stopped")
						}
						cancel()
						if d := o.find(t, j.ID).Done; d == 0 || d >= n {
							t.Fatalf("stopped at row %d", d)
						}
					}
					if err := im(nil).Run(context.Background(), j.ID); err != nil {
						t.Fatal(err)
					}
					if j := o.find(t, j.ID); j.State != imports.ImportDone {
						t.Fatalf("import %d: %s %v", j.ID, j.State, j.Error)
					}
				}
				out.enterprises = registerCount(t, o.s)
				page, err := o.s.ReviewItems(context.Background(), imports.Filter{State: imports.ReviewOpen, Limit: 1})
				if err != nil {
					t.Fatal(err)
				}
				out.review = page.Total
			})
			return out
		}
		whole := run(0, path)
		t.Logf("whole: %+v", whole)
		if whole.enterprises < n/2 || whole.review < n/50 {
			t.Fatalf("whole: %+v", whole)
		}
		if parts := run(0, half, path); parts != whole {
			t.Errorf("first half, then whole: %+v; whole: %+v", parts, whole)
		}
		if resumed := run(n/200, path); resumed != whole {
			t.Errorf("stopped half way, run again: %+v; whole: %+v", resumed, whole)
		}
	})
}
