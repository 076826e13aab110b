package importer_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/refdata"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// benchRegister returns n enterprises, the i-th with owner "Peserta <i>",
// a NIK and phone made from i, spread over the villages.
func benchRegister(villages []bina.Region, start, n int) []bina.Enterprise {
	out := make([]bina.Enterprise, n)
	for k := range out {
		i := start + k
		v := villages[i%len(villages)].Code
		out[k] = bina.Enterprise{
			Name:        fmt.Sprintf("Usaha Peserta %d", i),
			Owner:       bina.Owner{Name: benchOwner(i), NIK: benchNIK(v, i), Phone: fmt.Sprintf("0812%08d", i)},
			VillageCode: v,
			Status:      "aktif",
			Source:      "demo",
		}
	}
	return out
}

// benchOwner spells i in letters: names hold no digits.
func benchOwner(i int) string {
	const letters = "abcdefghij"
	var b strings.Builder
	for _, d := range strconv.Itoa(i) {
		b.WriteByte(letters[d-'0'])
	}
	return "Peserta " + strings.ToUpper(b.String()[:1]) + b.String()[1:] + " Lestari"
}

// benchNIK returns a valid NIK of the village's district, distinct for
// each i below 279,972.
func benchNIK(v bina.RegionCode, i int) string {
	dist := strings.ReplaceAll(string(v.Truncate(bina.LevelDistrict)), ".", "")
	return fmt.Sprintf("%s%02d%02d%02d%04d", dist, 1+(i/9999)%28, 1+(i/(9999*28))%12, 80, 1+i%9999)
}

// benchSheet returns the rows of an attendance sheet of n people drawn
// from a register of size people: two in five found by NIK, one in five
// by phone, one in ten by name and desa, one in five new, and the rest
// with a NIK spoiled by Excel or a repeated row.
func benchSheet(ref bina.Reference, villages []bina.Region, size, n int) [][]string {
	rows := [][]string{attendanceHeader()}
	for k := range n {
		i := (k * 7919) % size
		v := villages[i%len(villages)]
		village, district := v.Name, ref.Regions.Name(v.Code.Truncate(bina.LevelDistrict))
		nik, phone, owner, name := benchNIK(v.Code, i), fmt.Sprintf("0812%08d", i), benchOwner(i), fmt.Sprintf("Usaha Peserta %d", i)
		switch x := k % 20; {
		case x < 8:
			phone = ""
		case x < 12:
			nik = ""
		case x < 14:
			nik, phone = "", ""
		case x < 18:
			j := size + k
			nik, phone, owner, name = benchNIK(v.Code, j%279_000), fmt.Sprintf("0813%08d", k), benchOwner(j), fmt.Sprintf("Usaha Baru %d", k)
		case x == 18:
			nik = "6.11201E+15"
		default:
			rows = append(rows, rows[len(rows)-2])
			continue
		}
		rows = append(rows, []string{strconv.Itoa(k + 1), owner, nik, phone, name, village, district, "05/10/2026", "Hadir", ""})
	}
	return rows
}

// BenchmarkAttendanceImport imports an attendance sheet of 5,000 rows
// (BINA_BENCH_ATTENDANCE_ROWS) end to end, from the .xlsx file through the
// engine to the store, against a register of 100,000 businesses
// (BINA_BENCH_ATTENDANCE_REGISTER), each run for a programme of its own.
func BenchmarkAttendanceImport(b *testing.B) {
	rows := envInt(b, "BINA_BENCH_ATTENDANCE_ROWS", 5000)
	size := envInt(b, "BINA_BENCH_ATTENDANCE_REGISTER", 100_000)
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			s, ref, im := benchEngine(b, engine)
			villages := ref.Regions.Villages()
			start := time.Now()
			for at := 0; at < size; at += 50_000 {
				if err := s.BulkLoad(ctx, benchRegister(villages, at, min(50_000, size-at)), nil); err != nil {
					b.Fatal(err)
				}
			}
			// A register loaded long ago has its write-ahead log
			// checkpointed (SQLite) and its statistics (PostgreSQL's
			// autovacuum): the seed's would be taken by the first run.
			settle := map[string]string{"sqlite": `PRAGMA wal_checkpoint(TRUNCATE)`, "postgres": `ANALYZE`}[engine]
			if _, err := s.DB().Exec(settle); err != nil {
				b.Fatal(err)
			}
			b.Logf("seeded %d enterprises in %v", size, time.Since(start).Round(time.Millisecond))
			path := writeXLSX(b, "daftar-hadir.xlsx", benchSheet(ref, villages, size, rows))
			header := attendanceHeader()
			mapping, _ := fileformat.TemplateAttendance().MapHeader(header)
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				prog := benchProgramme(b, s, i)
				b.StartTimer()
				j := &imports.Job{Entity: imports.EntityAttendance, FileName: "daftar-hadir.xlsx", Template: "hadir", Header: header, Mapping: mapping, ProgrammeID: prog}
				got := benchImport(b, s, im, j, path)
				if i == 0 {
					b.Logf("outcomes %+v", got.Counts)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func benchProgramme(b *testing.B, s *sqlstore.Store, i int) int64 {
	var id int64
	err := s.DB().QueryRow(`INSERT INTO programmes (name, year, kind, starts_on, ends_on, created_at, updated_at)
VALUES ($1, 2026, 'pelatihan', '2026-10-05', '2026-10-05', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`, fmt.Sprintf("Pelatihan %d", i)).Scan(&id)
	if err != nil {
		b.Fatal(err)
	}
	return id
}

func envInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// benchImport stores the file at path as job j and runs it with im, the
// clock running; it stops the clock before it returns the finished job.
func benchImport(b *testing.B, s *sqlstore.Store, im *importer.Importer, j *imports.Job, path string) *imports.Job {
	ctx := context.Background()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	err = s.CreateImport(ctx, j, f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	if err := im.Run(ctx, j.ID); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	got, err := s.FindImport(ctx, j.ID)
	if err != nil || got.State != imports.ImportDone {
		b.Fatalf("import: %v %+v", err, got)
	}
	return got
}

// benchEngine returns a fresh store of engine, the reference data at the
// tests' clock, and an importer writing to the store.
func benchEngine(b *testing.B, engine string) (*sqlstore.Store, bina.Reference, *importer.Importer) {
	s := sqlstoretest.Open(b, engine)
	ref := sqlstoretest.Reference(b, bina.DefaultConfig())
	ref.Now = func() time.Time { return sqlstoretest.Now }
	bps, err := refdata.BPSBridge()
	if err != nil {
		b.Fatal(err)
	}
	return s, ref, importer.New(s, ref, importer.NewRegionMatcher(ref.Regions, bps), nil)
}
