package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"bina"
	"bina/internal/refdata"
	"bina/internal/sqlstore/sqlstoretest"
)

// ---- a generator of SIDT exports as they come ----

// sidtGen writes rows of the SIDT bulk export (DOMAIN.md section 9) the way
// the national extracts look: region names in capitals with "KAB." and
// "KEC." prefixes (or without, or abbreviated "SEI"), some desa misspelt,
// a few from another regency or not to be found; numbers as text with
// thousands separators, "jt" and "Rp"; dates in three forms; phones as
// +62, 62, 08 or without their 0; NIB repeated across rows; NIK lost to
// Excel's 3.2E+15; the same row twice where pages of the export overlap.
// Row i depends only on the seed and i.
type sidtGen struct {
	seed     uint64
	villages []genVillage
	nibs     []string // NIB given out so far, some reused
}

type genVillage struct {
	name, district, distCode string
}

var (
	sidtKinds  = []string{"Keripik", "Warung", "Toko", "Kerajinan", "Abon", "Kopi", "Bengkel", "Dodol", "Amplang", "Kue", "Jahit", "Salon", "Tambak", "Kebun", "Sembako", "Bakso", "Laundry", "Mebel"}
	sidtThings = []string{"Pisang", "Ikan", "Udang", "Nanas", "Lidah Buaya", "Sawit", "Madu", "Kelapa", "Jagung", "Singkong", "Tenun", "Rotan", "Kepiting", "Durian", "Karet", "Sagu"}
	sidtBrands = []string{"Bu Sari", "Barokah", "Berkah Jaya", "Sinar Mas", "Cahaya", "Mandiri", "Sejahtera", "Makmur", "Bersama", "Rizki", "Amanah", "Lestari", "Sentosa", "Harapan", "Kuala", "Khatulistiwa", "Ananda", "Pelangi", "Melati", "Sumber Rezeki"}
	sidtFirst  = []string{"SITI", "AHMAD", "BUDI", "DEWI", "EKO", "FITRI", "GUSTI", "HENDRA", "INDAH", "JOKO", "KARTINI", "LUKMAN", "MAYA", "NUR", "OKTAVIA", "PUTRI", "RAHMAT", "SARI", "TAUFIK", "UTIN", "WAHYU", "YANTI", "ZAINAL", "ABANG", "DAYANG", "HASAN", "LINA", "RUDI", "SRI", "YOHANES"}
	sidtLast   = []string{"AMINAH", "SAPUTRA", "WIJAYA", "LESTARI", "PRATAMA", "HANDAYANI", "SYAHPUTRA", "KURNIAWAN", "RAHAYU", "HIDAYAT", "SUSANTI", "SETIAWAN", "NUGROHO", "PERMATA", "FAUZI", "RAMADHAN", "ANGGRAINI", "TAN", "LIM", "GUNAWAN"}
	sidtKBLI   = []struct{ code, section string }{{"10794", "C"}, {"10799", "C"}, {"10213", "C"}, {"01262", "A"}, {"03111", "A"}, {"47111", "G"}, {"56102", "I"}, {"10710", "C"}, {"13921", "C"}, {"95230", "S"}, {"47241", "G"}, {"31001", "C"}, {"96112", "S"}, {"45201", "G"}, {"01134", "A"}, {"47112", "G"}}
	sidtEduc   = []string{"SD/Sederajat", "SMP/Sederajat", "SMA/SMK/Sederajat", "SMA/SMK/Sederajat", "D1-D3", "S1/D4", "Tidak/Belum Sekolah", "SLTA"}
	sidtForms  = []string{"Perorangan", "Perorangan", "Belum Berbadan Usaha", "Perorangan", "CV", "PT Perorangan", "UD"}
	sidtScale  = []string{"Usaha Mikro", "Mikro", "MIKRO", "Usaha Kecil", "Kecil", ""}
)

func newSIDTGen(t testing.TB, seed uint64) *sidtGen {
	t.Helper()
	tree, err := refdata.Regions("61.12")
	if err != nil {
		t.Fatal(err)
	}
	g := &sidtGen{seed: seed}
	for _, d := range tree.Districts() {
		for _, v := range tree.Children(d.Code) {
			g.villages = append(g.villages, genVillage{name: v.Name, district: d.Name, distCode: strings.ReplaceAll(string(d.Code), ".", "")})
		}
	}
	return g
}

var sidtColumnNames = func() []string {
	var h []string
	for _, c := range bina.TemplateSIDT().Columns {
		h = append(h, c.Header)
	}
	return h
}()

// misspell changes one letter of a long name.
func misspell(r *rand.Rand, s string) string {
	if len(s) < 9 {
		return s
	}
	i := 3 + r.IntN(len(s)-4)
	if s[i] == ' ' || s[i-1] == ' ' {
		return s
	}
	b := []byte(s)
	b[i], b[i-1] = b[i-1], b[i] // two letters swapped
	return string(b)
}

func pickOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// rupiah writes an amount as people do.
func rupiah(r *rand.Rand, v int64) string {
	plain := strconv.FormatInt(v, 10)
	var grouped strings.Builder
	for i, c := range plain {
		if i > 0 && (len(plain)-i)%3 == 0 {
			grouped.WriteByte('.')
		}
		grouped.WriteRune(c)
	}
	switch r.IntN(6) {
	case 0:
		return plain
	case 1:
		return "Rp " + grouped.String()
	case 2:
		if v%1_000_000 == 0 {
			return strconv.FormatInt(v/1_000_000, 10) + " jt"
		}
	case 3:
		return strings.ReplaceAll(grouped.String(), ".", ",")
	}
	return grouped.String()
}

// row returns the cells of row i.
func (g *sidtGen) row(i int) []string {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	v := map[string]string{}
	v["id_data_badan_usaha"] = strconv.Itoa(1_000_000 + i)
	female := r.IntN(2) == 0
	day := 1 + r.IntN(28)
	month := 1 + r.IntN(12)
	year := 1950 + r.IntN(55)
	vil := g.villages[r.IntN(len(g.villages))]
	nikDay := day
	if female {
		nikDay += 40
		v["jenis_kelamin"] = pickOf(r, []string{"Perempuan", "P", "PEREMPUAN"})
	} else {
		v["jenis_kelamin"] = pickOf(r, []string{"Laki-laki", "L", "LAKI-LAKI"})
	}
	nik := fmt.Sprintf("%s%02d%02d%02d%04d", vil.distCode, nikDay, month, year%100, 1+r.IntN(9999))
	switch x := r.IntN(100); {
	case x < 3:
		nik = nik[:1] + "," + nik[1:6] + "E+15" // what Excel shows: 6,11201E+15
	case x < 10:
		nik = ""
	case x < 11:
		nik = nik[:15] // a digit short
	}
	v["nik_pengusaha"] = nik
	owner := pickOf(r, sidtFirst) + " " + pickOf(r, sidtLast)
	if r.IntN(10) == 0 {
		owner = pickOf(r, []string{"HJ. ", "H. ", "IBU ", "BPK. "}) + owner
	}
	v["nama_pengusaha"] = owner
	switch x := r.IntN(100); {
	case x < 40:
	case x < 42 && len(g.nibs) > 0:
		v["nib"] = g.nibs[r.IntN(len(g.nibs))] // the same NIB on another row
	default:
		nib := fmt.Sprintf("%013d", 1_000_000_000_000+r.Int64N(8_000_000_000_000))
		v["nib"] = nib
		if len(g.nibs) < 10_000 {
			g.nibs = append(g.nibs, nib)
		}
	}
	v["is_disabilitas"] = pickOf(r, []string{"Tidak", "Tidak", "Tidak", "0", "Ya"})
	switch r.IntN(3) {
	case 0:
		v["tanggal_lahir"] = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	case 1:
		v["tanggal_lahir"] = fmt.Sprintf("%02d/%02d/%04d", day, month, year)
	default:
		v["tanggal_lahir"] = strconv.Itoa(int(time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
	}
	v["pendidikan_formal"] = pickOf(r, sidtEduc)
	phone := fmt.Sprintf("8%d%09d", 1+r.IntN(9), r.IntN(1_000_000_000))
	v["kontak_hp"] = pickOf(r, []string{"0" + phone, "+62 " + phone[:3] + "-" + phone[3:7] + "-" + phone[7:], "62" + phone, phone, ""})
	v["prov_pengusaha"], v["kab_pengusaha"] = "KALIMANTAN BARAT", "KAB. KUBU RAYA"
	v["kec_pengusaha"], v["kel_pengusaha"] = "KEC. "+strings.ToUpper(vil.district), strings.ToUpper(vil.name)
	v["alamat_pengusaha"] = fmt.Sprintf("JL. %s GG. %d", pickOf(r, []string{"ADISUCIPTO", "SUPADIO", "TRANS KALIMANTAN", "RAYA"}), 1+r.IntN(30))
	v["rt_pengusaha"], v["rw_pengusaha"] = fmt.Sprintf("%03d", 1+r.IntN(20)), fmt.Sprintf("%03d", 1+r.IntN(8))
	kind, thing := pickOf(r, sidtKinds), pickOf(r, sidtThings)
	v["nama_usaha"] = strings.ToUpper(kind + " " + thing + " " + pickOf(r, sidtBrands))
	v["kegiatan_utama"] = "Usaha " + strings.ToLower(kind+" "+thing)
	v["produk_utama"] = thing
	k := pickOf(r, sidtKBLI)
	v["kode_kbli"], v["kategori_kbli"] = k.code, k.section
	v["status_badan_usaha"] = pickOf(r, sidtForms)
	v["skala_usaha"] = pickOf(r, sidtScale)
	capital := int64(1+r.IntN(200)) * 1_000_000
	v["modal_pendirian"] = rupiah(r, capital)
	v["bulan_mulai_operasi"] = strconv.Itoa(1 + r.IntN(12))
	v["tahun_mulai_operasi"] = strconv.Itoa(1990 + r.IntN(35))
	v["omzet_tahunan"] = rupiah(r, int64(10+r.IntN(900))*1_000_000)
	v["asset"] = rupiah(r, capital+int64(r.IntN(100))*1_000_000)
	prov, kab, kec, kel := "KALIMANTAN BARAT", pickOf(r, []string{"KAB. KUBU RAYA", "KUBU RAYA", "KABUPATEN KUBU RAYA"}), strings.ToUpper(vil.district), strings.ToUpper(vil.name)
	if r.IntN(2) == 0 {
		kec = "KEC. " + kec
	}
	if r.IntN(3) == 0 {
		kec = strings.ReplaceAll(kec, "SUNGAI", "SEI")
		kel = strings.ReplaceAll(kel, "SUNGAI", "SEI")
	}
	switch x := r.IntN(1000); {
	case x < 20:
		kel = misspell(r, kel)
	case x < 25:
		kel = "DESA " + pickOf(r, []string{"ANTAH", "BERANTAH", "NUSA INDAH"}) // not in the tree
	case x < 28:
		kab, kec, kel = "KAB. SAMBAS", "KEC. SEJANGKUNG", "SEJANGKUNG" // another regency
	case x < 32:
		kel = "" // only the kecamatan
	}
	v["prov_usaha"], v["kab_usaha"], v["kec_usaha"], v["kel_usaha"] = prov, kab, kec, kel
	v["alamat_usaha"] = fmt.Sprintf("JL. %s NO. %d", pickOf(r, []string{"RAYA", "PARIT", "KUALA", "SUNGAI"}), 1+r.IntN(200))
	v["rt_usaha"], v["rw_usaha"] = fmt.Sprintf("%03d", 1+r.IntN(20)), fmt.Sprintf("%03d", 1+r.IntN(8))
	if r.IntN(5) == 0 {
		v["foto_usaha"] = fmt.Sprintf("https://sidt.example.go.id/foto/%d.jpg", 1_000_000+i)
	}
	if r.IntN(3) == 0 {
		lat, lon := -0.05-r.Float64()*0.9, 109.2+r.Float64()*0.6
		v["alamat_latitude"], v["alamat_longitude"] = strings.ReplaceAll(strconv.FormatFloat(lat, 'f', 5, 64), ".", ","), strconv.FormatFloat(lon, 'f', 5, 64)
	}
	for _, c := range []string{"tk_dibayar_laki", "tk_dibayar_perempuan", "tk_not_dibayar_laki", "tk_not_dibayar_perempuan"} {
		v[c] = strconv.Itoa(r.IntN(4))
	}
	for _, c := range []string{"tk_dibayar_disabil_laki", "tk_dibayar_disabil_perempuan", "tk_not_dibayar_disabil_laki", "tk_not_dibayar_disabil_perempua"} {
		v[c] = "0"
	}
	switch x := r.IntN(1000); {
	case x < 5:
		v["modal_pendirian"] = "tidak tahu" // rejected: the capital cannot be read
	case x < 8:
		v["nama_pengusaha"] = "" // rejected: no owner
	}
	v["pulled_at"] = "2025-11-20 03:00:00"
	v["updated_at"] = fmt.Sprintf("2025-%02d-%02d 10:00:00", 1+r.IntN(11), 1+r.IntN(28))
	v["source_page"] = strconv.Itoa(1 + i/100)
	cells := make([]string, len(sidtColumnNames))
	for j, c := range sidtColumnNames {
		cells[j] = v[c]
	}
	return cells
}

// writeSIDT writes an export of n rows to path. About one row in 200 is
// written twice in a row, as overlapping pages of the export do.
func writeSIDT(t testing.TB, path string, n int, seed uint64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	g := newSIDTGen(t, seed)
	writeRow := func(cells []string) {
		for j, c := range cells {
			if j > 0 {
				w.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				w.WriteString(`"` + strings.ReplaceAll(c, `"`, `""`) + `"`)
			} else {
				w.WriteString(c)
			}
		}
		w.WriteString("\r\n")
	}
	writeRow(sidtColumnNames)
	written := 0
	for i := 0; written < n; i++ {
		cells := g.row(i)
		writeRow(cells)
		written++
		if i%200 == 199 && written < n {
			writeRow(cells)
			written++
		}
	}
	if err := errorsJoin(w.Flush(), f.Close()); err != nil {
		t.Fatal(err)
	}
}

func errorsJoin(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// ---- end-to-end tests through run() ----

// runImport runs `bina import` with args and parses its --json report.
func runImport(t testing.TB, args ...string) (importReport, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"import"}, args...), env(nil), strings.NewReader(""), &out, &errOut)
	if err != nil {
		t.Logf("bina import %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut.String())
	}
	var rep importReport
	if out.Len() > 0 {
		if jerr := json.Unmarshal(out.Bytes(), &rep); jerr != nil {
			t.Fatalf("report is not JSON: %v\n%s\nstderr: %s", jerr, out.String(), errOut.String())
		}
	}
	return rep, err
}

// engineDB returns a fresh database address and a plain connection to it.
func engineDB(t testing.TB, engine string) (string, *sql.DB) {
	t.Helper()
	dsn := sqlstoretest.DSN(t, engine)
	driver := "sqlite"
	if engine == "postgres" {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return dsn, db
}

func countOf(t testing.TB, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestImportSIDTEndToEnd(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sidt_kubu_raya.csv")
	const rows = 3000
	writeSIDT(t, file, rows, 11)
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn, db := engineDB(t, engine)
			dry, err := runImport(t, "--db", dsn, "--template", "sidt", "--dry-run", "--json", file)
			if err != nil {
				t.Fatalf("dry run: %v", err)
			}
			if n := countOf(t, db, `SELECT count(*) FROM enterprises`); n != 0 || dry.State != bina.ImportDone || !dry.DryRun {
				t.Fatalf("dry run wrote %d enterprises (report %+v)", n, dry)
			}

			first, err := runImport(t, "--db", dsn, "--template", "sidt", "--json", file)
			if err != nil {
				t.Fatalf("import: %v (%+v)", err, first)
			}
			t.Logf("first import: %+v", first)
			if first.Rows != rows || first.State != bina.ImportDone {
				t.Fatalf("rows %d of %d, state %s", first.Rows, rows, first.State)
			}
			// The generator plants every kind of outcome.
			if first.Created < rows*8/10 || first.Review == 0 || first.Rejected == 0 || first.Unchanged == 0 {
				t.Errorf("counts %+v", first)
			}
			counts := func(r importReport) [6]int {
				return [6]int{r.Rows, r.Created, r.Updated, r.Unchanged, r.Rejected, r.Review}
			}
			if counts(dry) != counts(first) {
				t.Errorf("the dry run predicted %v, the import did %v", counts(dry), counts(first))
			}
			if n := countOf(t, db, `SELECT count(*) FROM enterprises`); n != first.Created {
				t.Errorf("%d enterprises for %d created", n, first.Created)
			}
			if n := countOf(t, db, `SELECT CAST(COALESCE(sum(total), 0) AS INTEGER) FROM enterprise_counts`); n != first.Created {
				t.Errorf("kept counts hold %d for %d created", n, first.Created)
			}
			if n := countOf(t, db, `SELECT count(*) FROM import_reviews WHERE state = 'open'`); n != first.Review {
				t.Errorf("%d open review items for %d rows sent to review", n, first.Review)
			}
			if n := countOf(t, db, `SELECT count(*) FROM history WHERE action = 'create' AND user_name = 'system'`); n != first.Created {
				t.Errorf("%d create history rows for %d created", n, first.Created)
			}
			var sawNIB, sawLost, sawOutside bool
			for _, is := range first.Issues {
				all := strings.Join(is.Problems, " ")
				sawNIB = sawNIB || strings.Contains(all, "NIB sama")
				sawLost = sawLost || strings.Contains(all, "disimpan Excel sebagai angka")
				sawOutside = sawOutside || strings.Contains(all, "di luar wilayah")
				if len(is.Problems) == 0 {
					t.Errorf("report row %d without a reason: %+v", is.Line, is)
				}
			}
			_ = sawNIB || sawLost || sawOutside // the first 20 rows of the report need not show every kind

			second, err := runImport(t, "--db", dsn, "--template", "sidt", "--json", file)
			if err != nil {
				t.Fatalf("second import: %v", err)
			}
			if second.Created != 0 || second.Updated != 0 || second.Unchanged != first.Created+first.Unchanged ||
				second.Rejected != first.Rejected || second.Review != first.Review {
				t.Errorf("importing the same file again: %+v after %+v", second, first)
			}
			if n := countOf(t, db, `SELECT count(*) FROM enterprises`); n != first.Created {
				t.Errorf("the second import changed the register: %d enterprises", n)
			}
			if n := countOf(t, db, `SELECT count(*) FROM import_reviews`); n != first.Review {
				t.Errorf("the second import added review items: %d", n)
			}
		})
	}
}

func TestImportCommandErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bina.db")
	write := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	xls := write("lama.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...))
	empty := write("kosong.csv", nil)
	noHeader := write("angka.csv", []byte("1,2,3\n4,5,6\n"))
	noVillage := write("tanpa_desa.csv", []byte("Nama Usaha;Nama Pemilik;NIB\nToko A;Budi;1234567890123\n"))
	for _, tt := range []struct {
		name string
		args []string
		says string
	}{
		{"missing file", []string{filepath.Join(dir, "tidak-ada.csv")}, "tidak-ada.csv"},
		{"old xls", []string{xls}, ".xls"},
		{"empty file", []string{empty}, "kosong"},
		{"no header", []string{noHeader}, "Baris judul tidak ditemukan"},
		{"mapping without a desa", []string{noVillage}, "Desa/Kelurahan"},
		{"unknown template", []string{"--template", "entah", noVillage}, "tidak dikenal"},
		{"no file", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runImport(t, append([]string{"--db", db, "--json"}, tt.args...)...)
			if err == nil {
				t.Fatal("no error")
			}
			if msg := errorLine(err); !strings.Contains(msg, tt.says) {
				t.Errorf("error %q does not say %q", msg, tt.says)
			}
		})
	}
}

func TestImportSuggestsMappingUnderTitleBlock(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "binaan.csv")
	content := "DATA UMKM BINAAN DINAS KOPERASI KAB. KUBU RAYA TAHUN 2024;;;;\n;;;;\nNo.;Nama Usaha;Nama Pemilik;Kecamatan;Desa;Omzet per Tahun (Rp)\n" +
		"1;Keripik Nanas Cahaya;Dewi Lestari;Sungai Raya;Kapur;Rp 120.000.000\n" +
		"2;Abon Ikan Barokah;Hasan Fauzi;Kec. Kubu;Desa Kubu;85 jt\n" +
		";;;;;\n" +
		"3;Warung Kopi Melati;Rudi Tan;Sei Kakap;Sei Itik;-\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := runImport(t, "--db", filepath.Join(dir, "bina.db"), "--json", file)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 3 || rep.Rows != 3 || rep.Entity != bina.EntityEnterprise {
		t.Errorf("report %+v", rep)
	}
	// Plain output for people.
	var out bytes.Buffer
	err = run(context.Background(), []string{"import", "--db", filepath.Join(dir, "bina.db"), file}, env(nil), strings.NewReader(""), &out, &out)
	if err != nil || !strings.Contains(out.String(), "tetap/unchanged 3") {
		t.Errorf("second import: %v\n%s", err, out.String())
	}
}

// ---- the benchmark ----

// BenchmarkImportSIDT imports a SIDT export of BINA_BENCH_IMPORT_ROWS rows
// (default 1,000,000; the file is generated once and kept in the
// temporary directory) end to end through `bina import` into a fresh
// database of each engine: reading, conversion, region matching,
// duplicate detection and writing. It reports rows/s, the peak resident
// memory of the process during the import and the peak of the Go heap.
//
//	BINA_BENCH_IMPORT_ROWS=1000000 go test ./cmd/bina -run '^$' -bench ImportSIDT -benchtime 1x
func BenchmarkImportSIDT(b *testing.B) {
	rows := 1_000_000
	if v := os.Getenv("BINA_BENCH_IMPORT_ROWS"); v != "" {
		var err error
		if rows, err = strconv.Atoi(v); err != nil || rows < 1 {
			b.Fatalf("BINA_BENCH_IMPORT_ROWS=%q: want a positive number", v)
		}
	}
	file := filepath.Join(os.TempDir(), fmt.Sprintf("bina-bench-sidt-%d-v1.csv", rows))
	if _, err := os.Stat(file); err != nil {
		start := time.Now()
		writeSIDT(b, file+".part", rows, 42)
		if err := os.Rename(file+".part", file); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %s in %v", file, time.Since(start).Round(time.Millisecond))
	}
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			var took, ran time.Duration
			var rep importReport
			var peak memPeak
			for range b.N {
				b.StopTimer()
				dsn, _ := engineDB(b, engine)
				runtime.GC()
				peak.start()
				b.StartTimer()
				t0 := time.Now()
				var err error
				rep, err = runImport(b, "--db", dsn, "--template", "sidt", "--json", file)
				took += time.Since(t0)
				ran += time.Duration(rep.RunMS) * time.Millisecond
				b.StopTimer()
				peak.stop()
				if err != nil {
					b.Fatalf("import: %v (%+v)", err, rep)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/took.Seconds(), "rows/s")
			b.ReportMetric(float64(rows)*float64(b.N)/ran.Seconds(), "run-rows/s")
			b.ReportMetric(float64(peak.rss)/(1<<20), "peak-RSS-MB")
			b.ReportMetric(float64(peak.heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak.anon)/(1<<20), "peak-anon-MB")
			b.ReportMetric(float64(peak.file)/(1<<20), "peak-file-MB")
			b.Logf("%s: %d rows in %v: created %d, unchanged %d, rejected %d, review %d", engine, rep.Rows, took/time.Duration(b.N), rep.Created, rep.Unchanged, rep.Rejected, rep.Review)
		})
	}
}

// memPeak samples the process's resident memory and the Go heap while an
// import runs. The kernel's own peak (VmHWM) is reset at the start, so
// that a benchmark of one engine does not report the other's peak.
type memPeak struct {
	rss, heap  uint64
	anon, file uint64 // peaks of the anonymous and file-backed resident memory
	done       chan struct{}
	wg         sync.WaitGroup
}

// status reads fields of /proc/self/status in bytes.
func status(fields ...string) []uint64 {
	out := make([]uint64, len(fields))
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		for i, name := range fields {
			if f[0] == name+":" {
				kb, _ := strconv.ParseUint(f[1], 10, 64)
				out[i] = kb << 10
			}
		}
	}
	return out
}

func (m *memPeak) start() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM; best effort
	m.rss, m.heap, m.anon, m.file = 0, 0, 0, 0
	m.done = make(chan struct{})
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			m.heap = max(m.heap, sample[0].Value.Uint64()+sample[1].Value.Uint64())
			st := status("RssAnon", "RssFile")
			m.anon, m.file = max(m.anon, st[0]), max(m.file, st[1])
			select {
			case <-m.done:
				return
			case <-tick.C:
			}
		}
	}()
}

func (m *memPeak) stop() {
	close(m.done)
	m.wg.Wait()
	m.rss = status("VmHWM")[0]
}

// limitProbe is an importer that notes the soft memory limit its run
// sees.
type limitProbe struct {
	bina.Importer
	seen int64
}

func (p *limitProbe) Run(context.Context, int64) error {
	p.seen = debug.SetMemoryLimit(-1)
	return nil
}

// TestRoomyImporter: a server's imports run under importMemoryLimit, and
// the server's own limit is back afterwards.
func TestRoomyImporter(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(64 << 20))
	p := &limitProbe{}
	r := &roomyImporter{Importer: p}
	if err := r.Run(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if p.seen != importMemoryLimit {
		t.Errorf("limit during the run = %d, want %d", p.seen, importMemoryLimit)
	}
	if got := debug.SetMemoryLimit(-1); got != 64<<20 {
		t.Errorf("limit after the run = %d, want the server's %d", got, 64<<20)
	}
}
