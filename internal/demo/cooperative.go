package demo

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"bina"
)

// econKind says how a cooperative earns: savings and loans, a shop for its
// members, buying and selling its members' produce, or services.
type econKind uint8

const (
	econSavings econKind = iota
	econConsumer
	econProducer
	econServices
)

// coopKind is one kind of cooperative in the demo: its jenis and kelompok,
// how common it is among the 519 non-village cooperatives, its members,
// founding years and how likely it is to be still holding its RAT.
type coopKind struct {
	key      string
	jenis    string
	kelompok string
	syariah  float64 // share managed as syariah
	weight   float64
	members  [2]int
	founded  [2]int
	bias     float64 // added to the activity score
	econ     econKind
	kbli     string
	units    []string
	profiles []int // where it is found; nil: anywhere
}

// coopKinds: many savings and loans cooperatives (a third, with West
// Kalimantan's credit unions), multi-purpose and village unit cooperatives
// (KUD, mostly from the 1980s and many no longer active), consumer
// cooperatives of employees, civil servants and the police, producers of oil
// palm, pineapple and fish.
var coopKinds = []coopKind{
	{key: "cu", jenis: "simpan_pinjam", kelompok: "credit_union", weight: 8, members: [2]int{100, 1500}, founded: [2]int{1992, 2016}, bias: .5, econ: econSavings, kbli: "64141", units: []string{"Simpan Pinjam", "Tempat Pelayanan"}},
	{key: "ksp", jenis: "simpan_pinjam", kelompok: "umum", weight: 14, members: [2]int{25, 250}, founded: [2]int{2000, 2022}, econ: econSavings, kbli: "64141", units: []string{"Simpan Pinjam"}},
	{key: "kspps", jenis: "simpan_pinjam", kelompok: "umum", syariah: 1, weight: 5, members: [2]int{25, 300}, founded: [2]int{2005, 2022}, econ: econSavings, kbli: "64145", units: []string{"Simpan Pinjam dan Pembiayaan Syariah", "Baitul Maal"}},
	{key: "kpri_ksp", jenis: "simpan_pinjam", kelompok: "kpri", weight: 3, members: [2]int{150, 700}, founded: [2]int{1985, 2012}, bias: .3, econ: econSavings, kbli: "64141", units: []string{"Simpan Pinjam"}},
	{key: "wanita_ksp", jenis: "simpan_pinjam", kelompok: "wanita", weight: 3, members: [2]int{20, 300}, founded: [2]int{1995, 2022}, bias: .1, econ: econSavings, kbli: "64141", units: []string{"Simpan Pinjam", "Tabungan Hari Raya"}},
	{key: "kpri", jenis: "konsumen", kelompok: "kpri", weight: 5, members: [2]int{150, 900}, founded: [2]int{1980, 2012}, bias: .3, econ: econConsumer, kbli: "47112", units: []string{"Waserda", "Unit Simpan Pinjam"}},
	{key: "karyawan", jenis: "konsumen", kelompok: "karyawan", weight: 7, members: [2]int{30, 400}, founded: [2]int{1990, 2020}, bias: .1, econ: econConsumer, kbli: "47112", units: []string{"Toko Karyawan", "Unit Simpan Pinjam"}},
	{key: "tni_polri", jenis: "konsumen", kelompok: "tni_polri", weight: 2, members: [2]int{80, 500}, founded: [2]int{1985, 2015}, bias: .2, econ: econConsumer, kbli: "47112", units: []string{"Waserda", "Unit Simpan Pinjam"}},
	{key: "konsumen", jenis: "konsumen", kelompok: "umum", weight: 3, members: [2]int{20, 200}, founded: [2]int{1995, 2022}, econ: econConsumer, kbli: "47112", units: []string{"Toko Koperasi"}},
	{key: "pesantren", jenis: "serba_usaha", kelompok: "pesantren", syariah: .7, weight: 3, members: [2]int{20, 150}, founded: [2]int{1995, 2020}, econ: econConsumer, kbli: "47112", units: []string{"Kantin Santri", "Toko Kitab", "Unit Simpan Pinjam Syariah"}},
	{key: "wanita_ksu", jenis: "serba_usaha", kelompok: "wanita", weight: 3, members: [2]int{20, 200}, founded: [2]int{1995, 2022}, bias: .1, econ: econConsumer, kbli: "10794", units: []string{"Usaha Kue dan Kerupuk", "Simpan Pinjam"}},
	{key: "pasar", jenis: "serba_usaha", kelompok: "pasar", weight: 3, members: [2]int{30, 300}, founded: [2]int{1990, 2020}, econ: econConsumer, kbli: "64142", units: []string{"Unit Simpan Pinjam", "Pengelolaan Kios"}},
	{key: "kud", jenis: "serba_usaha", kelompok: "kud", weight: 9, members: [2]int{80, 800}, founded: [2]int{1975, 2000}, bias: -.25, econ: econProducer, kbli: "46201", units: []string{"Penyaluran Pupuk", "Penggilingan Padi", "Unit Simpan Pinjam", "Waserda"}, profiles: []int{inland, coast}},
	{key: "ksu", jenis: "serba_usaha", kelompok: "umum", syariah: .05, weight: 12, members: [2]int{20, 200}, founded: [2]int{1995, 2022}, bias: -.05, econ: econConsumer, kbli: "47112", units: []string{"Toko", "Unit Simpan Pinjam", "Loket Pembayaran Listrik dan Air"}},
	{key: "tani", jenis: "produsen", kelompok: "tani", weight: 9, members: [2]int{20, 400}, founded: [2]int{1995, 2020}, bias: -.1, econ: econProducer, kbli: "01262", units: []string{"Pengadaan Sarana Produksi", "Pemasaran Hasil Kebun"}, profiles: []int{inland, coast}},
	{key: "nelayan", jenis: "produsen", kelompok: "nelayan", weight: 4, members: [2]int{20, 120}, founded: [2]int{1995, 2021}, bias: -.1, econ: econProducer, kbli: "03111", units: []string{"Penyediaan BBM dan Es", "Pemasaran Hasil Tangkapan"}, profiles: []int{coast}},
	{key: "nelayan_pemasaran", jenis: "pemasaran", kelompok: "nelayan", weight: 2.4, members: [2]int{20, 120}, founded: [2]int{2000, 2021}, bias: -.1, econ: econProducer, kbli: "46206", units: []string{"Pemasaran Hasil Laut"}, profiles: []int{coast}},
	{key: "pemasaran", jenis: "pemasaran", kelompok: "umum", weight: 3, members: [2]int{20, 100}, founded: [2]int{2005, 2022}, bias: -.1, econ: econProducer, kbli: "46209", units: []string{"Pemasaran Produk Anggota", "Galeri Produk UMKM"}},
	{key: "jasa", jenis: "jasa", kelompok: "umum", weight: 5, members: [2]int{20, 150}, founded: [2]int{2000, 2022}, bias: -.1, econ: econServices, units: []string{"Jasa"}},
}

// jasaLines are the services of jasa cooperatives, with their KBLI codes.
var jasaLines = [][2]string{
	{"Angkutan Sungai", "50212"}, {"Transportasi", "49431"}, {"Angkutan Motor Air", "50212"},
	{"Pengelolaan Air Bersih", "36001"}, {"Wisata Mangrove", "93229"}, {"Angkutan Barang", "49431"},
}

// Names of credit unions, Islamic boarding schools, women's groups and KUD.
var (
	cuFirst        = []string{"Sinar", "Tunas", "Mekar", "Pintu", "Sumber", "Daya", "Cahaya", "Kasih", "Lantang", "Mitra", "Setia", "Gerakan", "Damai", "Pancur", "Sehati", "Bumi", "Sepakat", "Harapan", "Bina", "Nyala"}
	cuSecond       = []string{"Kapuas", "Harapan", "Kasih", "Mandiri", "Lestari", "Sejahtera", "Bersama", "Sejati", "Bakti", "Khatulistiwa", "Sejiwa", "Maju", "Damai", "Mulia", "Kawan"}
	bmtNames       = []string{"Al-Ikhlas", "Al-Falah", "Baitul Makmur", "Nurul Iman", "Al-Barokah", "At-Taqwa", "Darussalam", "Al-Hidayah", "Mitra Ummat", "Berkah Ummat", "Al-Amin", "Nurul Huda", "Al-Muhajirin", "Khairu Ummah"}
	pesantrenNames = []string{"Darul Ulum", "Nurul Huda", "Al-Munawwarah", "Miftahul Jannah", "Darul Falah", "Raudhatul Jannah", "Al-Muhajirin", "Darul Quran", "Nurul Falah", "Al-Mujahidin"}
	wanitaNames    = []string{"Melati", "Mawar", "Kartini", "Srikandi", "Sekar Arum", "Mekar Sari", "Dahlia", "Kenanga", "Pelangi", "Anggrek", "Bunga Raya", "Teratai"}
	kudNames       = []string{"Usaha Tani Makmur", "Karya Tani", "Sumber Tani", "Bina Tani", "Mina Bahari", "Tani Jaya", "Sido Makmur", "Harapan Tani", "Makmur Bersama", "Bumi Kapuas", "Suka Maju", "Tunas Tani", "Panca Usaha", "Rukun Tani"}
	kpriNames      = []string{"Bina Praja", "Tunas Guru", "Cendekia", "Karya Husada", "Praja Sejahtera", "Bhakti Guru", "Amal Bakti", "Praja Mandiri", "Guru Sejahtera", "Pengayoman"}
	employers      = []string{"RSUD", "PDAM", "Puskesmas", "Dinas Pendidikan", "Sekretariat Daerah", "Kantor Pos", "Perkebunan Sawit", "Pabrik Kelapa Sawit"}
	companyA       = []string{"Bumi", "Sinar", "Citra", "Mitra", "Kapuas", "Borneo", "Khatulistiwa", "Agro", "Mega", "Sumber", "Indo", "Prima"}
	companyB       = []string{"Sawit", "Agro", "Kayu", "Palma", "Bahari", "Niaga", "Karya", "Plywood", "Tani", "Logistik"}
	companyC       = []string{"Lestari", "Utama", "Makmur", "Mandiri", "Sejahtera", "Abadi", "Perkasa", "Jaya", "Nusantara", "Raya"}
	localEmployers = []string{"Bandara Supadio", "Pelabuhan Rasau Jaya", "Pabrik Kelapa Sawit Ambawang", "SPBU Sungai Raya", "Pasar Swalayan Kapuas", "Perkebunan Sawit Kuala Mandor"}
	taniNames      = []string{"Tani Sawit Makmur", "Petani Nanas", "Tani Karet Sepakat", "Kelompok Tani Sejahtera", "Perkebunan Sawit Plasma", "Tani Padi Lestari", "Tani Jeruk", "Tani Lidah Buaya"}
	nelayanNames   = []string{"Sejahtera", "Bahari", "Mina Jaya", "Tuah Laut", "Bina Nelayan", "Pesisir Mandiri", "Mina Bakau", "Laut Biru"}
	pemasaranNames = []string{"Hasil Bumi", "Produk UMKM", "Amplang dan Kerupuk", "Madu Kelulut", "Lidah Buaya", "Hasil Hutan Bukan Kayu", "Nanas"}
)

// kdmpUnits are the outlets (gerai) of a Koperasi Desa Merah Putih, in the
// order villages open them.
var kdmpUnits = []bina.BusinessUnit{
	{Name: "Gerai Sembako", Kind: "gerai sembako"},
	{Name: "Simpan Pinjam", Kind: "simpan pinjam"},
	{Name: "Apotek Desa", Kind: "apotek desa"},
	{Name: "Klinik Desa", Kind: "klinik desa"},
	{Name: "Gudang/Cold storage", Kind: "pergudangan"},
	{Name: "Logistik", Kind: "logistik"},
}

// coopPlan is what is decided about a cooperative before it is generated.
type coopPlan struct {
	kind     int
	village  int
	big      bool // one of the large credit unions
	sekunder int  // 1-3: one of the secondary cooperatives
	active   bool
	score    float64
}

// cooperatives generates the non-village cooperatives (active and
// inactive), then one KDMP per village.
func (w *world) cooperatives() []bina.Cooperative {
	n := ActiveCooperatives + InactiveCooperatives
	r := newRNG()
	weights := make([]float64, len(coopKinds))
	for i, k := range coopKinds {
		weights[i] = k.weight
	}
	kindCum := cumulative(weights)
	plans := make([]coopPlan, n)
	for i := range plans {
		r.at(w.seed, streamCooperativePlan, i)
		p := coopPlan{kind: kindCum.pick(r)}
		p.village = w.villageFor(r, coopKinds[p.kind].profiles)
		switch {
		case i < 4: // the large credit unions, near Pontianak
			p.kind, p.big = 0, true
			p.village = w.nearVillage(r)
		case i < 7: // the secondary cooperatives: of credit unions, of KPRI, of KUD
			p.sekunder = i - 3
			p.kind = kindIndex([]string{"cu", "kpri_ksp", "kud"}[p.sekunder-1])
			p.village = w.nearVillage(r)
		}
		p.score = r.Float64() + coopKinds[p.kind].bias
		if p.big || p.sekunder == 1 || p.sekunder == 2 {
			p.score += 10
		}
		if p.sekunder == 3 {
			p.score -= 10 // the KUD secondary (PUSKUD) lapsed with the KUDs
		}
		plans[i] = p
	}
	// Exactly ActiveCooperatives are active: the highest scores, ties by
	// index.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		if plans[order[a]].score != plans[order[b]].score {
			return plans[order[a]].score > plans[order[b]].score
		}
		return order[a] < order[b]
	})
	for _, i := range order[:ActiveCooperatives] {
		plans[i].active = true
	}

	out := make([]bina.Cooperative, 0, n+len(w.villages))
	names := map[string]bool{}
	for i, p := range plans {
		out = append(out, w.cooperative(r, i, p, names))
	}
	for i := range w.villages {
		out = append(out, w.kdmp(r, i))
	}
	return out
}

// villageFor picks a village in a kecamatan of one of the profiles (a
// fishers' cooperative on the coast), or any village when the tree has
// none of them.
func (w *world) villageFor(r *rng, profiles []int) int {
	v := w.villageCum.pick(r)
	for k := 0; k < 50 && len(profiles) > 0; k++ {
		p := w.districts[w.villages[v].district].profile
		for _, x := range profiles {
			if p == x || p == mixed {
				return v
			}
		}
		v = w.villageCum.pick(r)
	}
	return v
}

// nearVillage picks a village in a kecamatan near Pontianak, or any village
// when the tree has none of them.
func (w *world) nearVillage(r *rng) int {
	for k := 0; k < 50; k++ {
		v := w.villageCum.pick(r)
		if d := &w.districts[w.villages[v].district]; d.near || d.profile == urban {
			return v
		}
	}
	return w.villageCum.pick(r)
}

// cooperative generates non-village cooperative i.
func (w *world) cooperative(r *rng, i int, p coopPlan, names map[string]bool) bina.Cooperative {
	r.at(w.seed, streamCooperative, i)
	k := coopKinds[p.kind]
	v := &w.villages[p.village]
	d := &w.districts[v.district]
	c := bina.Cooperative{
		Jenis:       k.jenis,
		Bentuk:      "primer",
		Pola:        "konvensional",
		Kelompok:    k.kelompok,
		VillageCode: v.code,
		Source:      "demo",
		SourceID:    "demo-kop-" + string(appendPadded(nil, i+1, 4)),
	}
	if r.chance(k.syariah) {
		c.Pola = "syariah"
	}
	kbli := k.kbli
	var line string
	if k.econ == econServices {
		jl := pick(r, jasaLines)
		if jl[0] == "Wisata Mangrove" && d.profile != coast {
			jl = jasaLines[0]
		}
		line, kbli = jl[0], jl[1]
	}
	switch {
	case k.jenis == "simpan_pinjam" && c.Pola == "syariah":
		kbli = "64145"
	case k.jenis != "simpan_pinjam" && c.Pola == "syariah" && kbli == "64142":
		kbli = "64146"
	}
	c.Name = w.coopName(r, k, p, v, d, line)
	if p.sekunder > 0 {
		c.Bentuk = "sekunder"
		switch p.sekunder {
		case 1:
			c.Jenis, c.Kelompok, kbli = "simpan_pinjam", "credit_union", "64143"
		case 2:
			c.Jenis, c.Kelompok, kbli = "simpan_pinjam", "kpri", "64143"
		default:
			c.Jenis, c.Kelompok, kbli = "serba_usaha", "kud", "46201"
		}
		c.Pola = "konvensional"
	}
	if names[c.Name] && !strings.HasSuffix(c.Name, v.name) {
		c.Name += " " + v.name
	}
	for base, k := c.Name, 2; names[c.Name]; k++ {
		c.Name = base + " " + romanNumeral(k) // "KUD Karya Tani II"
	}
	names[c.Name] = true
	if w.hasKBLI(kbli) && r.chance(0.9) {
		c.KBLI = bina.KBLICode{Version: bina.KBLI2020, Code: kbli}
	}
	c.Address = w.address(r, d, v)
	if r.chance(0.6) {
		lat, lon := w.point(r, v)
		c.Latitude, c.Longitude = &lat, &lon
	}

	// Founding and legal entity.
	fy := r.between(k.founded[0], k.founded[1])
	if p.big {
		fy = r.between(1990, 2005)
	}
	due := bina.LastDueBookYear(w.now)
	if p.active {
		fy = min(fy, due-1) // an active cooperative held the RAT of the last due year
	}
	fy = min(fy, w.year)
	legal := w.notAfterToday(bina.DateOf(fy, time.Month(r.between(1, 12)), r.between(1, 28)))
	c.LegalDate = legal
	c.LegalNumber = legalNumber(r, legal, false)
	for y := legal.Year() + 4; y < w.year && len(c.Amendments) < 2; y += r.between(4, 12) {
		if r.chance(0.35) {
			ad := bina.DateOf(y, time.Month(r.between(1, 12)), r.between(1, 28))
			c.Amendments = append(c.Amendments, bina.Amendment{Number: amendmentNumber(r, ad), Date: ad, Note: pick(r, amendmentNotes(y))})
		}
	}

	// The RATs, and the figures they report.
	var held []int
	never := false
	switch {
	case p.active:
		first := max(fy, w.year-8)
		for t := first; t <= due; t++ {
			if t != due && t != first && r.chance(0.06) {
				continue // a year missed long ago
			}
			held = append(held, t)
		}
		if r.chance(0.7) {
			held = append(held, due+1) // kept only if the meeting has taken place by now
		}
	case p.sekunder == 0 && fy >= 2012 && r.chance(0.3):
		never = true // founded for a programme, never held a RAT
	default:
		last := due - 2 - min(int(r.ExpFloat64()*2.5), 7)
		if last < fy {
			last = fy
		}
		if last > due-2 {
			never = true
			break
		}
		for t := max(fy, last-r.between(1, 4)); t <= last; t++ {
			held = append(held, t)
		}
	}
	e := newEcon(r, k, p)
	if !never && len(held) > 0 {
		c.RATs = w.rats(r, e, k, p, held)
	}
	if len(c.RATs) > 0 {
		c.LastRATYear = c.RATs[0].BookYear
		last := c.RATs[0]
		c.MembersFemale, c.MembersMale = last.MembersFemale, last.MembersMale
		c.EmployeesFemale, c.EmployeesMale = last.EmployeesFemale, last.EmployeesMale
	} else if p.sekunder == 0 {
		m := r.between(20, 60)
		c.MembersFemale = int(float64(m) * e.female)
		c.MembersMale = m - c.MembersFemale
	}
	c.Active = bina.ActiveCooperative(c.LastRATYear, w.now, w.tolerance)

	// Registration number and certificate, tax number, licences.
	if r.chance(either(p.active, 0.92, 0.55)) {
		c.RegistrationNumber = string(appendDigits([]byte(d.nik), r, 10))
		lo := bina.DateOf(2016, time.June, 1)
		if legal.After(lo) {
			lo = legal
		}
		hi := w.today
		if !p.active {
			hi = w.notAfterToday(bina.DateOf(2021, time.December, 31))
		} else if r.chance(0.6) { // renewed within the last two years
			lo = bina.DateFromTime(w.today.Time().AddDate(-2, 0, 0))
			if legal.After(lo) {
				lo = legal
			}
		}
		if hi.Before(lo) {
			hi = lo
		}
		c.CertificateDate = r.dateIn(lo, hi)
		c.CertificateExpiry = bina.DateFromTime(c.CertificateDate.Time().AddDate(2, 0, -1))
	}
	if r.chance(either(p.active, 0.75, 0.4)) {
		c.NPWP = npwp(r)
	}
	if r.chance(either(p.active, 0.45, 0.1)) {
		c.NIB = nib(r)
	}
	if k.econ == econSavings && r.chance(0.6) {
		y := max(legal.Year(), 2010)
		c.SavingsLicense = "518/" + strconv.Itoa(r.between(10, 400)) + "/IUSP/DKUMPP/" + strconv.Itoa(y)
	}
	license := c.NIB != "" || c.SavingsLicense != ""
	for j := range c.RATs {
		c.RATs[j].HasBusinessLicense = license
	}

	// Board, supervisors and manager.
	termStart := legal
	switch {
	case p.active:
		y := w.year - r.IntN(5)
		termStart = w.notAfterToday(bina.DateOf(y, time.Month(r.between(2, 6)), r.between(1, 28)))
		if termStart.Before(legal) {
			termStart = legal
		}
	case c.LastRATYear > 0:
		// Elected at an RAT long ago; the term has run out.
		termStart = bina.DateOf(max(c.LastRATYear-r.between(3, 5), fy), time.Month(r.between(2, 6)), r.between(1, 28))
		if termStart.Before(legal) {
			termStart = legal
		}
	}
	c.Officers = w.officers(r, d, k, p, termStart, c.Members() > 500)
	if p.sekunder > 0 {
		c.Units = []bina.BusinessUnit{{Name: "Pelayanan Anggota", Kind: "koperasi sekunder"}}
	} else {
		for _, u := range k.units {
			if len(c.Units) == 0 || r.chance(0.6) {
				name := u
				if line != "" {
					name = line
				}
				c.Units = append(c.Units, bina.BusinessUnit{Name: name, Kind: strings.ToLower(name)})
			}
		}
	}

	switch u := r.Float64(); {
	case p.active && u < 0.75, !p.active && u < 0.2:
		c.Verification = "terverifikasi"
	case p.active && u < 0.95, !p.active && u < 0.7:
		c.Verification = "belum"
	default:
		c.Verification = "perlu_perbaikan"
	}
	switch {
	case p.sekunder > 0:
		c.Notes = "Koperasi sekunder; anggota: " + strconv.Itoa(r.between(5, 30)) + " koperasi primer."
	case never:
		c.Notes = "Belum pernah melaksanakan RAT sejak berdiri."
	case !p.active:
		c.Notes = "Tidak melaksanakan RAT sejak tahun buku " + strconv.Itoa(c.LastRATYear+1) + "; perlu pembinaan atau pembubaran."
	}
	return c
}

// kindIndex returns the index of the kind with key.
func kindIndex(key string) int {
	for i, k := range coopKinds {
		if k.key == key {
			return i
		}
	}
	return 0
}

// either returns a when cond holds, else b.
func either(cond bool, a, b float64) float64 {
	if cond {
		return a
	}
	return b
}

// hasKBLI reports whether code is in the catalogue.
func (w *world) hasKBLI(code string) bool {
	_, ok := w.ref.KBLI.Lookup(bina.KBLICode{Version: bina.KBLI2020, Code: code})
	return ok
}

// coopName builds a plausible name for a cooperative of kind k.
func (w *world) coopName(r *rng, k coopKind, p coopPlan, v *village, d *district, line string) string {
	words := func() string { return pick(r, coopWordsA) + " " + pick(r, coopWordsB) }
	switch p.sekunder {
	case 1:
		return "Pusat Koperasi Kredit " + pick(r, cuFirst) + " " + pick(r, cuSecond)
	case 2:
		return "Pusat Koperasi Pegawai Republik Indonesia (PKPRI) Kabupaten " + d.regency
	case 3:
		return "Pusat Koperasi Unit Desa (PUSKUD) " + d.regency
	}
	switch k.key {
	case "cu":
		return "Koperasi Simpan Pinjam Credit Union " + pick(r, cuFirst) + " " + pick(r, cuSecond)
	case "ksp":
		return "Koperasi Simpan Pinjam " + words()
	case "kspps":
		return "Koperasi Simpan Pinjam dan Pembiayaan Syariah BMT " + pick(r, bmtNames)
	case "kpri_ksp":
		return "Koperasi Simpan Pinjam Pegawai Negeri " + pick(r, kpriNames) + " " + d.name
	case "kpri":
		return "Koperasi Konsumen Pegawai Republik Indonesia (KPRI) " + pick(r, kpriNames) + " " + d.name
	case "karyawan":
		switch u := r.Float64(); {
		case d.local && u < 0.2:
			return "Koperasi Konsumen Karyawan " + pick(r, localEmployers)
		case u < 0.45:
			return "Koperasi Konsumen Karyawan " + pick(r, employers) + " " + d.regency
		}
		return "Koperasi Konsumen Karyawan PT " + pick(r, companyA) + " " + pick(r, companyB) + " " + pick(r, companyC)
	case "tni_polri":
		if r.chance(0.5) {
			return "Primer Koperasi Kepolisian Sektor " + d.name
		}
		return "Primer Koperasi TNI AD Koramil " + d.name
	case "konsumen":
		return "Koperasi Konsumen " + words()
	case "pesantren":
		return "Koperasi Pondok Pesantren " + pick(r, pesantrenNames)
	case "wanita_ksp", "wanita_ksu":
		return "Koperasi Wanita " + pick(r, wanitaNames) + " " + v.name
	case "pasar":
		return "Koperasi Pedagang Pasar " + v.name
	case "kud":
		if r.chance(0.5) {
			return "KUD " + pick(r, kudNames) + " " + v.name
		}
		return "KUD " + pick(r, kudNames)
	case "ksu":
		return "Koperasi Serba Usaha " + words()
	case "tani":
		return "Koperasi Produsen " + pick(r, taniNames) + " " + v.name
	case "nelayan":
		return "Koperasi Produsen Nelayan " + pick(r, nelayanNames) + " " + v.name
	case "nelayan_pemasaran":
		return "Koperasi Pemasaran Hasil Laut " + pick(r, nelayanNames) + " " + v.name
	case "pemasaran":
		return "Koperasi Pemasaran " + pick(r, pemasaranNames) + " " + d.name
	case "jasa":
		return "Koperasi Jasa " + line + " " + v.name
	}
	return "Koperasi " + words()
}

// legalNumber formats a nomor badan hukum the way its era wrote it: the
// old Kanwil numbers of Kabupaten Pontianak (Kubu Raya split from it in
// 2007), the regency's own numbers, then the Ministry of Law's AHU numbers.
func legalNumber(r *rng, d bina.Date, kdmp bool) string {
	y := d.Year()
	ys := strconv.Itoa(y)
	switch {
	case kdmp:
		return "AHU-" + string(appendDigits([]byte("00"), r, 5)) + ".AH.01.29.TAHUN " + ys
	case y < 1998:
		return strconv.Itoa(r.between(100, 2999)) + "/BH/XIV/" + ys
	case y < 2008:
		return strconv.Itoa(r.between(10, 999)) + "/BH/KWK.14/" + roman(d.Time().Month()) + "/" + ys
	case y < 2018:
		return "518.08/" + strconv.Itoa(r.between(1, 250)) + "/BH/XIV.10/" + roman(d.Time().Month()) + "/" + ys
	}
	return "AHU-" + string(appendDigits([]byte("00"), r, 5)) + ".AH.01.26.TAHUN " + ys
}

// amendmentNumber formats the number of a change of articles (PAD).
func amendmentNumber(r *rng, d bina.Date) string {
	y := d.Year()
	if y < 2018 {
		return "518.08/" + strconv.Itoa(r.between(1, 120)) + "/PAD/XIV.10/" + roman(d.Time().Month()) + "/" + strconv.Itoa(y)
	}
	return "AHU-" + string(appendDigits([]byte("00"), r, 5)) + ".AH.01.28.TAHUN " + strconv.Itoa(y)
}

func amendmentNotes(y int) []string {
	if y >= 2021 {
		return []string{"Penyesuaian anggaran dasar dengan UU Cipta Kerja", "Perluasan bidang usaha", "Perubahan alamat kantor"}
	}
	return []string{"Penyesuaian anggaran dasar", "Perluasan bidang usaha", "Perubahan nama koperasi", "Perubahan alamat kantor"}
}

func roman(m time.Month) string { return romanNumeral(int(m)) }

// romanNumeral writes 1 to 39 in Roman numerals.
func romanNumeral(n int) string {
	ones := [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	return strings.Repeat("X", n/10) + ones[n%10]
}

// npwp returns a 15-digit tax number of a body: a tax office of West
// Kalimantan (70x) and the head-office suffix 000.
func npwp(r *rng) string {
	b := appendDigits(make([]byte, 0, 15), r, 9)
	b = append(b, '7', '0', byte('1'+r.IntN(6)))
	return string(append(b, "000"...))
}

// officers returns the board (ketua, sekretaris, bendahara, sometimes a
// wakil ketua), the supervisors and, for large cooperatives, a manager,
// all elected for five years from start.
func (w *world) officers(r *rng, d *district, k coopKind, p coopPlan, start bina.Date, large bool) []bina.Officer {
	end := bina.DateFromTime(start.Time().AddDate(5, 0, -1))
	roles := []struct {
		role   string
		female float64
		phone  float64
	}{
		{"ketua", .25, .9}, {"wakil_ketua", .3, .4}, {"sekretaris", .5, .4}, {"bendahara", .6, .5},
		{"ketua_pengawas", .25, .3}, {"pengawas", .35, .2}, {"pengawas", .35, .2}, {"manajer", .4, .9},
	}
	var out []bina.Officer
	for _, x := range roles {
		switch {
		case x.role == "wakil_ketua" && !r.chance(0.3),
			x.role == "pengawas" && len(out) > 0 && out[len(out)-1].Role == "pengawas" && r.chance(0.5),
			x.role == "manajer" && !large && !p.big && k.key != "cu":
			continue
		}
		female := r.chance(x.female)
		if strings.HasPrefix(k.key, "wanita") {
			female = true
		}
		o := bina.Officer{Name: personName(r, ethnicity(d.ethnic.pick(r)), female), Role: x.role, Gender: "L", TermStart: start, TermEnd: end}
		if female {
			o.Gender = "P"
		}
		if r.chance(x.phone) {
			o.Phone = phone(r)
		}
		if x.role == "manajer" { // hired, not elected
			o.TermStart, o.TermEnd = bina.Date{}, bina.Date{}
		}
		out = append(out, o)
	}
	return out
}

// kdmp generates the Koperasi Desa Merah Putih of village i: founded in
// 2025 by a special village meeting, with a few outlets, financed by a
// bank loan; some have held the RAT of book year 2025.
func (w *world) kdmp(r *rng, i int) bina.Cooperative {
	r.at(w.seed, streamKDMP, i)
	v := &w.villages[i]
	d := &w.districts[v.district]
	kind := "Desa"
	if v.kelurahan {
		kind = "Kelurahan"
	}
	c := bina.Cooperative{
		Name:        "Koperasi " + kind + " Merah Putih " + v.name,
		Jenis:       "serba_usaha",
		Bentuk:      "primer",
		Pola:        "konvensional",
		Kelompok:    "kdmp",
		KDMP:        true,
		VillageCode: v.code,
		Source:      "demo",
		SourceID:    "demo-kdmp-" + strings.ReplaceAll(string(v.code), ".", ""),
	}
	if w.hasKBLI("47112") {
		c.KBLI = bina.KBLICode{Version: bina.KBLI2020, Code: "47112"}
	}
	c.Address = "Kantor Desa " + v.name + ", " + villageLabel(v)
	if r.chance(0.6) {
		lat, lon := w.point(r, v)
		c.Latitude, c.Longitude = &lat, &lon
	}
	legal := w.notAfterToday(r.dateIn(bina.DateOf(2025, time.May, 5), bina.DateOf(2025, time.July, 25)))
	c.LegalDate = legal
	c.LegalNumber = legalNumber(r, legal, true)
	// Recorded at the special village meeting two weeks before the legal
	// entity, so that KDMP progress counts them in 2025 (09:00 WIB).
	c.CreatedAt = legal.Time().AddDate(0, 0, -14).Add(2 * time.Hour)
	if r.chance(0.85) {
		c.RegistrationNumber = string(appendDigits([]byte(d.nik), r, 10))
		c.CertificateDate = w.notAfterToday(bina.DateFromTime(legal.Time().AddDate(0, 0, r.between(7, 60))))
		c.CertificateExpiry = bina.DateFromTime(c.CertificateDate.Time().AddDate(2, 0, -1))
	}
	if r.chance(0.5) {
		c.NPWP = npwp(r)
	}
	if r.chance(0.7) {
		c.NIB = nib(r)
	}
	c.Units = append([]bina.BusinessUnit(nil), kdmpUnits[:r.between(3, len(kdmpUnits))]...)
	for j := range c.Units {
		if c.Units[j].Kind == "apotek desa" || c.Units[j].Kind == "klinik desa" {
			c.Units[j].Name += " " + v.name
		}
	}
	members := r.between(25, 300)
	female := int(float64(members)*r.uniform(0.35, 0.55) + 0.5)
	c.MembersFemale, c.MembersMale = female, members-female
	c.EmployeesFemale, c.EmployeesMale = r.IntN(3), r.IntN(3)
	c.Officers = w.officers(r, d, coopKind{key: "kdmp"}, coopPlan{}, legal, r.chance(0.5))

	// The first RAT, for book year 2025, early in 2026: about half have
	// held it. Those that did keep holding it in the years after.
	borrowed := 0.0
	if r.chance(0.6) {
		borrowed = r.uniform(250e6, 1500e6) // the start-up loan from a state bank
	}
	wajib := 0.0
	held := r.chance(0.45)
	for t := legal.Year(); t < w.year && held; t++ {
		heldOn := r.dateIn(bina.DateOf(t+1, time.February, 1), bina.DateOf(t+1, time.June, 30))
		if heldOn.After(w.today) {
			break
		}
		members = int(float64(members) * r.uniform(1.0, 1.3))
		female = int(float64(members)*float64(female)/float64(max(c.Members(), 1)) + 0.5)
		pokok := float64(members) * 100e3
		if t == legal.Year() {
			wajib = float64(members) * 10e3 * float64(13-int(legal.Time().Month())) // from the month it was founded
		} else {
			wajib = wajib*0.97 + float64(members)*10e3*12
		}
		assets := (pokok + wajib + borrowed) * r.uniform(1.0, 1.1)
		volume := assets * r.uniform(0.2, 0.8)
		rat := bina.RAT{
			BookYear:           t,
			HeldOn:             heldOn,
			MembersPresent:     int(float64(members) * r.uniform(0.4, 0.8)),
			MembersFemale:      female,
			MembersMale:        members - female,
			EmployeesFemale:    c.EmployeesFemale,
			EmployeesMale:      c.EmployeesMale,
			SimpananPokok:      rupiah(pokok),
			SimpananWajib:      rupiah(wajib),
			BorrowedCapital:    rupiah(borrowed),
			Assets:             rupiah(assets),
			BusinessVolume:     rupiah(volume),
			SHU:                rupiah(volume*r.uniform(-0.05, 0.04) - 5e6), // start-up costs: often a loss
			HasBusinessLicense: c.NIB != "",
		}
		if rep := bina.DateFromTime(heldOn.Time().AddDate(0, 0, r.between(5, 30))); !rep.After(w.today) && r.chance(0.8) {
			rat.ReportedOn = rep
		}
		c.RATs = append([]bina.RAT{rat}, c.RATs...) // newest first
		c.LastRATYear = t
		c.MembersFemale, c.MembersMale = female, members-female
	}
	c.Active = bina.ActiveCooperative(c.LastRATYear, w.now, w.tolerance)
	switch u := r.Float64(); {
	case u < 0.5:
		c.Verification = "terverifikasi"
	case u < 0.9:
		c.Verification = "belum"
	default:
		c.Verification = "perlu_perbaikan"
	}
	c.Notes = "Dibentuk melalui musyawarah desa khusus " + legal.String() + "."
	return c
}
