// Package sidtgen generates rows of the SIDT bulk export for tests and
// benchmarks: the import's end-to-end tests write files of them, the row
// converter's benchmark converts them directly.
package sidtgen

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	"bina/internal/fileformat"
	"bina/internal/refdata"
)

// Gen writes rows of the SIDT bulk export (DOMAIN.md section 9) the way
// the national extracts look: region names in capitals with "KAB." and
// "KEC." prefixes (or without, or abbreviated "SEI"), some desa misspelt,
// a few from another regency or not to be found; numbers as text with
// thousands separators, "jt" and "Rp"; dates in three forms; phones as
// +62, 62, 08 or without their 0; NIB repeated across rows; NIK lost to
// Excel's 3.2E+15; the same row twice where pages of the export overlap.
// Row i depends on the seed, i and the rows made before it (their NIB are
// reused); a Gen is not safe for concurrent use.
type Gen struct {
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

// New returns a generator of rows placed in Kabupaten Kubu Raya (61.12);
// seed chooses the rows.
func New(seed uint64) (*Gen, error) {
	tree, err := refdata.Regions("61.12")
	if err != nil {
		return nil, err
	}
	g := &Gen{seed: seed}
	for _, d := range tree.Districts() {
		for _, v := range tree.Children(d.Code) {
			g.villages = append(g.villages, genVillage{name: v.Name, district: d.Name, distCode: strings.ReplaceAll(string(d.Code), ".", "")})
		}
	}
	return g, nil
}

// Columns returns the header of the export: the columns of the sidt
// template, in its order.
func Columns() []string {
	var h []string
	for _, c := range fileformat.TemplateSIDT().Columns {
		h = append(h, c.Header)
	}
	return h
}

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

// Row returns the cells of row i, in the order of Columns.
func (g *Gen) Row(i int) []string {
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
	columns := Columns()
	cells := make([]string, len(columns))
	for j, c := range columns {
		cells[j] = v[c]
	}
	return cells
}

// Write writes an export of n rows to path as CSV. About one row in 200
// is written twice in a row, as overlapping pages of the export do.
func Write(path string, n int, seed uint64) error {
	g, err := New(seed)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
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
	writeRow(Columns())
	written := 0
	for i := 0; written < n; i++ {
		cells := g.Row(i)
		writeRow(cells)
		written++
		if i%200 == 199 && written < n {
			writeRow(cells)
			written++
		}
	}
	return errors.Join(w.Flush(), f.Close())
}
