package importer_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/refdata"
	"bina/internal/sheet"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// header is the header of the test files: Bina's own column names.
var header = []string{"No", "Nama Usaha", "Nama Pemilik", "NIK Pemilik", "NIB", "Kecamatan", "Desa/Kelurahan", "Modal Usaha (Rp)", "Omzet per Tahun (Rp)"}

// kubuVillages are desa of Kubu Raya as files name them.
var kubuVillages = [][2]string{
	{"Sungai Raya", "Kapur"}, {"KEC. SUNGAI RAYA", "KUALA DUA"}, {"Sungai Kakap", "Sungai Itik"}, {"Kubu", "Olak-Olak Kubu"},
	{"Rasau Jaya", "Rasau Jaya Satu"}, {"Sei Ambawang", "Durian"}, {"Teluk Pakedai", "Madura"}, {"Terentang", "Betuah"},
}

// rows returns n distinct, valid data rows; row i has NIB "1" + i.
func rows(n int) [][]string {
	out := make([][]string, n)
	for i := range out {
		v := kubuVillages[i%len(kubuVillages)]
		out[i] = []string{
			fmt.Sprint(i + 1), fmt.Sprintf("Usaha Nomor %d", i), fmt.Sprintf("Pemilik %d Saputra", i), "",
			fmt.Sprintf("1%012d", i), v[0], v[1], fmt.Sprintf("%d.000.000", 5+i%50), fmt.Sprintf("%d jt", 50+i%400),
		}
	}
	return out
}

// writeCSV writes a semicolon CSV with the header and rows.
func writeCSV(t testing.TB, data [][]string) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(strings.Join(header, ";") + "\r\n")
	for _, r := range data {
		b.WriteString(strings.Join(r, ";") + "\r\n")
	}
	p := filepath.Join(t.TempDir(), "umkm.csv")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// env is one engine's store with the importer's reference data.
type env struct {
	s       *sqlstore.Store
	ref     bina.Reference
	matcher *importer.RegionMatcher
}

func eachEngine(t *testing.T, fn func(t *testing.T, e env)) {
	t.Helper()
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := sqlstoretest.Open(t, engine)
			ref := sqlstoretest.Reference(t, bina.DefaultConfig())
			ref.Now = func() time.Time { return sqlstoretest.Now }
			bps, err := refdata.BPSBridge()
			if err != nil {
				t.Fatal(err)
			}
			fn(t, env{s: s, ref: ref, matcher: importer.NewRegionMatcher(ref.Regions, bps)})
		})
	}
}

// importer returns an importer writing small chunks, so that tests cross
// chunk and commit boundaries.
func (e env) importer(store imports.Store) *importer.Importer {
	if store == nil {
		store = e.s
	}
	return importer.New(store, e.ref, e.matcher, nil).Configure(importer.Config{ChunkRows: 50, CommitRows: 100})
}

// job stores the file as a queued import with the suggested mapping.
func (e env) job(t *testing.T, ctx context.Context, path string, dry bool) *imports.Job {
	t.Helper()
	j := &imports.Job{Entity: bina.EntityEnterprise, FileName: filepath.Base(path), Header: header,
		Mapping: fileformat.SuggestMapping(header, bina.EntityEnterprise), DryRun: dry}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := e.s.CreateImport(ctx, j, f); err != nil {
		t.Fatal(err)
	}
	return j
}

func (e env) find(t *testing.T, id int64) *imports.Job {
	t.Helper()
	j, err := e.s.FindImport(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// registerCount returns the live enterprises of the register, counted by
// the kept counts (which every import must keep right).
func registerCount(t *testing.T, s *sqlstore.Store) int {
	t.Helper()
	cs, err := s.EnterpriseCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cs {
		n += c.Total
	}
	return n
}

func TestRunImportsAndImportingAgainChangesNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		data := rows(260)
		data[7][6] = "DESA TIDAK ADA"                        // review: the desa is unknown
		data[9][1] = ""                                      // rejected: no name
		data[11][4] = data[3][4]                             // review: the NIB of row 4
		data[13][3] = "6,11201E+15"                          // created without its lost NIK
		data = append(data, []string{}, header)              // a blank row and a repeated header are passed over
		data = append(data, append([]string{}, data[20]...)) // the same row again: unchanged
		path := writeCSV(t, data)
		j := e.job(t, ctx, path, false)
		if err := e.importer(nil).Run(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		got := e.find(t, j.ID)
		want := imports.Counts{Created: 257, Unchanged: 1, Rejected: 1, Review: 2}
		if got.State != imports.ImportDone || got.Counts != want || got.Total != 261 || got.Done != 261 || got.Progress() != 100 {
			t.Fatalf("job %+v, want counts %+v", got, want)
		}
		if n := registerCount(t, e.s); n != 257 {
			t.Errorf("register holds %d", n)
		}
		issues, err := e.s.ImportIssues(ctx, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		byLine := map[int]imports.Row{}
		for _, r := range issues {
			byLine[r.Line] = r
		}
		for line, want := range map[int]string{9: "tidak ditemukan", 11: "Nama usaha wajib", 13: "NIB sama dengan UMKM", 15: "disimpan Excel sebagai angka"} {
			r, ok := byLine[line]
			if !ok || !strings.Contains(fmt.Sprint(r.Problems), want) || len(r.Cells) == 0 {
				t.Errorf("report row %d = %+v, want a problem saying %q", line, r, want)
			}
		}
		// The same file again: every row is known.
		j2 := e.job(t, ctx, path, false)
		if err := e.importer(nil).Run(ctx, j2.ID); err != nil {
			t.Fatal(err)
		}
		again := e.find(t, j2.ID)
		if want := (imports.Counts{Unchanged: 258, Rejected: 1, Review: 2}); again.Counts != want {
			t.Errorf("second import %+v, want %+v", again.Counts, want)
		}
		if n := registerCount(t, e.s); n != 257 {
			t.Errorf("register holds %d after the second import", n)
		}
		page, err := e.s.ReviewItems(ctx, imports.Filter{State: imports.ReviewOpen})
		if err != nil || page.Total != 2 {
			t.Errorf("review queue: %d items, %v", page.Total, err)
		}
		// Search and lists see the imported records.
		list, err := e.s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: "nomor 123"})
		if err != nil || list.Total != 1 || list.Items[0].Source != "import" {
			t.Errorf("search for an imported record: %+v, %v", list, err)
		}
		// Run on a finished job does nothing.
		if err := e.importer(nil).Run(ctx, j.ID); err != nil {
			t.Errorf("run of a finished job: %v", err)
		}
	})
}

func TestRunUpdatesChangedRows(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		data := rows(30)
		j := e.job(t, ctx, writeCSV(t, data), false)
		if err := e.importer(nil).Run(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		// A person adds a phone, which the file does not have.
		list, err := e.s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: "nomor 5"})
		if err != nil || list.Total != 1 {
			t.Fatalf("find row 5: %+v %v", list, err)
		}
		rec, _ := e.s.FindEnterprise(ctx, list.Items[0].ID)
		rec.Owner.Phone = "081234567890"
		if err := e.s.UpdateEnterprise(ctx, rec); err != nil {
			t.Fatal(err)
		}
		// The next file gives row 5 a new capital.
		data[5][7] = "99.000.000"
		j2 := e.job(t, ctx, writeCSV(t, data), false)
		if err := e.importer(nil).Run(ctx, j2.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.find(t, j2.ID).Counts; got != (imports.Counts{Updated: 1, Unchanged: 29}) {
			t.Fatalf("counts %+v", got)
		}
		after, _ := e.s.FindEnterprise(ctx, rec.ID)
		if after.Capital != 99_000_000 || after.Owner.Phone != "081234567890" || after.Version != rec.Version+1 {
			t.Errorf("after the update: capital %d, phone %q, version %d", after.Capital, after.Owner.Phone, after.Version)
		}
		h, err := e.s.History(ctx, bina.EntityEnterprise, rec.ID, 0, 0)
		if err != nil || h[0].Field != "capital" || h[0].Action != "update" || h[0].After != "99000000" {
			t.Errorf("history %+v %v", h, err)
		}
	})
}

// failingStore stops a run: it cancels the run's context, or fails, at
// the nth chunk. Everything else goes to the real store.
type failingStore struct {
	imports.Store
	at     int32
	calls  atomic.Int32
	cancel context.CancelFunc
	err    error
}

func (f *failingStore) WriteImportChunk(ctx context.Context, id int64, runner string, c *imports.Chunk) (imports.Counts, error) {
	if f.calls.Add(1) == f.at {
		if f.cancel != nil {
			f.cancel()
		} else {
			return imports.Counts{}, f.err
		}
	}
	return f.Store.WriteImportChunk(ctx, id, runner, c)
}

func TestRunResumesAfterInterruption(t *testing.T) {
	data := rows(1000)
	for i := 0; i < len(data); i += 97 {
		data[i][4] = data[i/2][4] // duplicates by NIB across chunks
	}
	for i := 5; i < len(data); i += 113 {
		data[i][6] = "ANTAH BERANTAH" // region reviews
	}
	for _, stop := range []string{"cancel", "fail"} {
		t.Run(stop, func(t *testing.T) {
			eachEngine(t, func(t *testing.T, e env) {
				path := writeCSV(t, data)
				// A clean run elsewhere says what the totals must be.
				clean := func() imports.Counts {
					var out imports.Counts
					eachEngineOnce(t, e, func(o env) {
						j := o.job(t, context.Background(), path, false)
						if err := o.importer(nil).Run(context.Background(), j.ID); err != nil {
							t.Fatal(err)
						}
						out = o.find(t, j.ID).Counts
					})
					return out
				}()

				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				j := e.job(t, ctx, path, false)
				fs := &failingStore{Store: e.s, at: 9}
				if stop == "cancel" {
					fs.cancel = cancel
				} else {
					fs.err = errors.New("disk full")
				}
				err := e.importer(fs).Run(ctx, j.ID)
				if err == nil {
					t.Fatal("the run was not stopped")
				}
				mid := e.find(t, j.ID)
				if mid.Done == 0 || mid.Done >= 1000 || mid.Counts.Rows() != mid.Done {
					t.Fatalf("after the stop: done %d, counts %+v", mid.Done, mid.Counts)
				}
				if n := registerCount(t, e.s); n != mid.Counts.Created {
					t.Fatalf("register holds %d records, checkpoint says %d created", n, mid.Counts.Created)
				}
				wantState := imports.ImportQueued
				if stop == "fail" {
					wantState = imports.ImportFailed
					if !strings.Contains(mid.Error.EN, "sorry") && mid.Error.EN == "" {
						t.Errorf("no error message: %+v", mid.Error)
					}
				}
				if mid.State != wantState {
					t.Fatalf("state %s, want %s", mid.State, wantState)
				}

				if err := e.importer(nil).Run(context.Background(), j.ID); err != nil {
					t.Fatal(err)
				}
				done := e.find(t, j.ID)
				if done.State != imports.ImportDone || done.Counts != clean {
					t.Fatalf("resumed: %s %+v, a clean run: %+v", done.State, done.Counts, clean)
				}
				if n := registerCount(t, e.s); n != clean.Created {
					t.Errorf("register holds %d, a clean run created %d", n, clean.Created)
				}
				page, _ := e.s.ReviewItems(context.Background(), imports.Filter{ImportID: j.ID})
				if page.Total != clean.Review {
					t.Errorf("%d review items, a clean run sends %d rows to review", page.Total, clean.Review)
				}
			})
		})
	}
}

// eachEngineOnce runs fn with a fresh store of e's engine.
func eachEngineOnce(t *testing.T, e env, fn func(env)) {
	t.Helper()
	fn(env{s: sqlstoretest.Open(t, e.s.Engine()), ref: e.ref, matcher: e.matcher})
}

func TestDryRunWritesNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		data := rows(120)
		data[3][4] = data[2][4]
		data[50][7] = "banyak"
		data = append(data, append([]string{}, data[10]...))
		path := writeCSV(t, data)
		dry := e.job(t, ctx, path, true)
		if err := e.importer(nil).Run(ctx, dry.ID); err != nil {
			t.Fatal(err)
		}
		if n := registerCount(t, e.s); n != 0 {
			t.Fatalf("a dry run created %d records", n)
		}
		predicted := e.find(t, dry.ID).Counts
		real := e.job(t, ctx, path, false)
		if err := e.importer(nil).Run(ctx, real.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.find(t, real.ID).Counts; got != predicted || got.Rejected != 1 || got.Review != 1 || got.Unchanged != 1 {
			t.Errorf("dry run predicted %+v, the import did %+v", predicted, got)
		}
		issues, _ := e.s.ImportIssues(ctx, dry.ID)
		if len(issues) != 2 {
			t.Errorf("the dry run's report has %d rows", len(issues))
		}
	})
}

func TestWholeFileFailures(t *testing.T) {
	bad := make([][]string, 40)
	for i := range bad {
		bad[i] = []string{fmt.Sprint(i), "Usaha", "Pemilik", "", "", "Sungai Raya", "Kapur", "seratus ribu", ""}
	}
	bad[0][7] = "100.000" // one good row of forty
	tests := []struct {
		name string
		data [][]string
		path func(t *testing.T) string
		says string
	}{
		{"all wrong", bad, nil, "tampaknya salah"},
		{"no data rows", [][]string{{}, {}}, nil, "tidak berisi baris data"},
		{"corrupt xlsx", nil, func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "rusak.xlsx")
			os.WriteFile(p, append([]byte("PK\x03\x04"), bytes.Repeat([]byte{7}, 300)...), 0o600)
			return p
		}, "rusak"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eachEngine(t, func(t *testing.T, e env) {
				ctx := context.Background()
				var path string
				if tt.path != nil {
					path = tt.path(t)
				} else {
					path = writeCSV(t, tt.data)
				}
				j := e.job(t, ctx, path, false)
				err := e.importer(nil).Run(ctx, j.ID)
				if bina.ErrorCode(err) != bina.Invalid {
					t.Fatalf("err %v", err)
				}
				got := e.find(t, j.ID)
				if got.State != imports.ImportFailed || !strings.Contains(got.Error.ID, tt.says) || got.Error.EN == "" {
					t.Errorf("job %s: %+v", got.State, got.Error)
				}
				if n := registerCount(t, e.s); n != 0 || got.Done != 0 {
					t.Errorf("a refused file wrote %d records (done %d)", n, got.Done)
				}
			})
		})
	}
}

// TestRunTakesTheJobOver: the job queue alone decides which run works a
// job, so a run takes a job another run holds, and finishes it; the run
// it took the job from writes nothing more.
func TestRunTakesTheJobOver(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		j := e.job(t, ctx, writeCSV(t, rows(10)), false)
		if _, err := e.s.ClaimImport(ctx, j.ID, "another-server"); err != nil {
			t.Fatal(err)
		}
		if err := e.importer(nil).Run(ctx, j.ID); err != nil {
			t.Fatalf("run: %v", err)
		}
		if got := e.find(t, j.ID); got.State != imports.ImportDone || got.Done != 10 {
			t.Errorf("job %s, %d done", got.State, got.Done)
		}
		if _, err := e.s.WriteImportChunk(ctx, j.ID, "another-server", &imports.Chunk{Done: 1, Commit: true}); bina.ErrorCode(err) != bina.Conflict {
			t.Errorf("the old run still writes: %v", err)
		}
	})
}

func TestPreview(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		data := rows(40)
		data[2][4] = data[1][4]
		data[4][6] = "Desa Antah"
		j := e.job(t, ctx, writeCSV(t, data), false)
		got, err := e.importer(nil).Preview(ctx, j, 5)
		if err != nil {
			t.Fatal(err)
		}
		outcomes := []string{}
		for _, r := range got {
			outcomes = append(outcomes, r.Outcome)
		}
		want := []string{"created", "created", "review", "created", "review"}
		if fmt.Sprint(outcomes) != fmt.Sprint(want) || got[2].Duplicate == nil || got[2].Duplicate.Line != 3 || got[0].Line != 2 {
			t.Errorf("preview %v, duplicate %+v", outcomes, got[2].Duplicate)
		}
		if len(got[4].Region.Candidates) == 0 && got[4].Region.Problem.ID == "" {
			t.Errorf("region of row 6: %+v", got[4].Region)
		}
		if n := registerCount(t, e.s); n != 0 {
			t.Errorf("preview wrote %d records", n)
		}
		// A mapping without a desa cannot preview.
		bad := *j
		bad.Mapping = imports.Mapping{1: bina.FieldName}
		if _, err := e.importer(nil).Preview(ctx, &bad, 5); bina.ErrorCode(err) != bina.Invalid {
			t.Errorf("preview of a bad mapping: %v", err)
		}
	})
}

func TestImportXLSXUnderATitle(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		var b bytes.Buffer
		w, err := sheet.NewXLSX(&b, "Data")
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]any{"DATA UMKM BINAAN KAB. KUBU RAYA 2025"})
		w.Write([]any{})
		hdr := make([]any, len(header))
		for i, h := range header {
			hdr[i] = h
		}
		w.Write(hdr)
		for _, r := range rows(12) {
			cells := make([]any, len(r))
			for i, c := range r {
				cells[i] = c
			}
			w.Write(cells)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "binaan.xlsx")
		os.WriteFile(path, b.Bytes(), 0o600)
		j := &imports.Job{Entity: bina.EntityEnterprise, FileName: "binaan.xlsx", HeaderRow: 2, Header: header,
			Mapping: fileformat.SuggestMapping(header, bina.EntityEnterprise)}
		f, _ := os.Open(path)
		defer f.Close()
		if err := e.s.CreateImport(ctx, j, f); err != nil {
			t.Fatal(err)
		}
		if j.Format != "xlsx" {
			t.Errorf("format %q", j.Format)
		}
		if err := e.importer(nil).Run(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.find(t, j.ID); got.Counts.Created != 12 || got.Total != 12 {
			t.Errorf("job %+v", got)
		}
	})
}

// Compile-time use of database/sql for the raw checks some tests make.
var _ = sql.ErrNoRows

func TestImportCooperatives(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		tp := fileformat.TemplateKoperasi()
		var head []string
		for _, c := range tp.Columns {
			head = append(head, c.Header)
		}
		mapping, _ := tp.MapHeader(head)
		lines := []string{
			strings.Join(head, ";"),
			"6112010020001234;KSP Credit Union Pancur Kasih;518.08/96/BH/XIV.10/VIII/2008;12-08-2008;Primer;Simpan Pinjam;Konvensional;Aktif;Keuangan;Credit Union;Kalimantan Barat;Kab. Kubu Raya;Sungai Raya;Kapur;Jl. Adisucipto Km 9;78391;cu@example.org;A",
			"6112010020005678;Koperasi Nelayan Kuala;518/12/BH/2015;01-02-2015;Primer;Produsen;Konvensional;Aktif;Perikanan;Nelayan;Kalimantan Barat;Kab. Kubu Raya;Kubu;Kubu;Dusun Laut;;;B",
			"6112010020001234;KSP CU Pancur Kasih Cabang;518/1/BH/2010;;Primer;Simpan Pinjam;Konvensional;Aktif;Keuangan;Credit Union;Kalimantan Barat;Kab. Kubu Raya;Sungai Raya;Kapur;Jl. Lain;;;A",
		}
		path := filepath.Join(t.TempDir(), "koperasi.csv")
		os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
		run := func() *imports.Job {
			j := &imports.Job{Entity: bina.EntityCooperative, FileName: "koperasi.csv", Header: head, Mapping: mapping, Source: "odskop", Template: "koperasi"}
			f, _ := os.Open(path)
			defer f.Close()
			if err := e.s.CreateImport(ctx, j, f); err != nil {
				t.Fatal(err)
			}
			if err := e.importer(nil).Run(ctx, j.ID); err != nil {
				t.Fatal(err)
			}
			return e.find(t, j.ID)
		}
		first := run()
		if first.Counts != (imports.Counts{Created: 2, Review: 1}) {
			t.Fatalf("first import %+v", first.Counts)
		}
		page, err := e.s.ReviewItems(ctx, imports.Filter{ImportID: first.ID})
		if err != nil || page.Total != 1 || page.Items[0].Entity != bina.EntityCooperative || page.Items[0].IncomingCooperative == nil {
			t.Fatalf("review %+v %v", page, err)
		}
		it := page.Items[0]
		if err := e.s.ResolveReview(ctx, it.ID, imports.Resolution{Action: "merge", Fields: []string{"legal_number", "address"}}); err != nil {
			t.Fatal(err)
		}
		c, err := e.s.FindCooperative(ctx, it.CandidateID)
		if err != nil || c.LegalNumber != "518/1/BH/2010" || c.Address != "Jl. Lain" || c.Name != "KSP Credit Union Pancur Kasih" || c.Source != "odskop" {
			t.Errorf("merged cooperative %+v %v", c, err)
		}
		if err := e.s.UndoReview(ctx, it.ID); err != nil {
			t.Fatal(err)
		}
		if c, _ := e.s.FindCooperative(ctx, it.CandidateID); c.LegalNumber != "518.08/96/BH/XIV.10/VIII/2008" {
			t.Errorf("after undo %+v", c)
		}
		if second := run(); second.Counts != (imports.Counts{Unchanged: 2, Review: 1}) {
			t.Errorf("second import %+v", second.Counts)
		}
	})
}

// TestRepeatsWithinOneChunk: rows repeating an earlier row of the same
// chunk are written after it, in the chunk's transaction, and find its
// record: an exact repeat is unchanged, a changed one updates it.
func TestRepeatsWithinOneChunk(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		data := rows(20)
		again := func(i int, capital string) []string {
			r := append([]string{}, data[i]...)
			if capital != "" {
				r[7] = capital
			}
			return r
		}
		data = append(data,
			again(3, ""),           // unchanged
			again(4, "77.000.000"), // updated
			again(5, "88.000.000"), // updated
			again(5, "88.000.000"), // the third row of that key: unchanged
		)
		j := e.job(t, ctx, writeCSV(t, data), false)
		im := importer.New(e.s, e.ref, e.matcher, nil).Configure(importer.Config{ChunkRows: 5000})
		if err := im.Run(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		if got, want := e.find(t, j.ID).Counts, (imports.Counts{Created: 20, Updated: 2, Unchanged: 2}); got != want {
			t.Fatalf("counts %+v, want %+v", got, want)
		}
		if n := registerCount(t, e.s); n != 20 {
			t.Errorf("register holds %d, want 20", n)
		}
		for q, want := range map[string]int64{"nomor 4": 77_000_000, "nomor 5": 88_000_000, "nomor 3": 8_000_000} {
			list, err := e.s.ListEnterprises(ctx, bina.EnterpriseFilter{Query: q})
			if err != nil || list.Total != 1 {
				t.Fatalf("%s: %+v %v", q, list, err)
			}
			if c := list.Items[0].Capital; c != want {
				t.Errorf("%s: capital %d, want %d", q, c, want)
			}
		}
	})
}

// TestPreviewAgreesWithRun: the preview decides with the run's lookups of
// the register, so near-twins of stored records show as the run will
// treat them (the preview once called them new).
func TestPreviewAgreesWithRun(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		first := e.job(t, ctx, writeCSV(t, rows(6)), false)
		if err := e.importer(nil).Run(ctx, first.ID); err != nil {
			t.Fatal(err)
		}
		stored := rows(6)
		data := [][]string{
			// the business of stored row 1 as "UD ...", another NIB: same desa, name and owner
			{"1", "UD " + stored[1][1], stored[1][2], "", "1999000000001", stored[1][5], stored[1][6], "5.000.000", "50 jt"},
			{"2", "Toko Baru Sekali", "Ani Lestari", "", "1999000000002", stored[3][5], stored[3][6], "5.000.000", "50 jt"},
			// stored row 2's NIB under another name
			{"3", "Warung Lain", "Budi", "", stored[2][4], stored[2][5], stored[2][6], "5.000.000", "50 jt"},
			// a near-twin of line 3 of this file
			{"4", "Toko Baru Sekali", "Ani Lestari", "", "1999000000004", stored[3][5], stored[3][6], "5.000.000", "50 jt"},
		}
		j := e.job(t, ctx, writeCSV(t, data), false)
		got, err := e.importer(nil).Preview(ctx, j, 10)
		if err != nil {
			t.Fatal(err)
		}
		var outcomes []string
		var preview imports.Counts
		for _, r := range got {
			outcomes = append(outcomes, r.Outcome)
			switch r.Outcome {
			case imports.OutcomeCreated:
				preview.Created++
			case imports.OutcomeReview:
				preview.Review++
			}
		}
		if want := []string{"review", "created", "review", "review"}; fmt.Sprint(outcomes) != fmt.Sprint(want) {
			t.Errorf("preview %v, want %v", outcomes, want)
		}
		if got[0].Duplicate == nil || got[0].Duplicate.RecordID == 0 || got[2].Duplicate == nil || got[2].Duplicate.Rule != imports.DuplicateNIB {
			t.Errorf("preview duplicates %+v, %+v", got[0].Duplicate, got[2].Duplicate)
		}
		if err := e.importer(nil).Run(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		if run := e.find(t, j.ID).Counts; run.Created != preview.Created || run.Review != preview.Review {
			t.Errorf("the run created %d and held %d; the preview said %d and %d", run.Created, run.Review, preview.Created, preview.Review)
		}
	})
}
