package demo

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"bina"
)

// Story is the coaching record of the demo case from 2019, the "Koperasi
// dan UMKM Go Digital" year, to the clock's year: the office's programmes
// with their participants, the field officers' sessions, the certificates
// the businesses hold and the outcomes recorded. Indices in it point into
// the Enterprises it was made for.
//
// Every enterprise generated as binaan was reached within the binaan
// window (the last Window years), so the binaan figure follows from the
// records; a share of the others were reached only before the window and
// have lapsed; the rest were never reached. A programme later than the
// clock has proposed and selected participants only.
type Story struct {
	Programmes   []Programme
	Sessions     []Session
	Certificates []Certificate
	Milestones   []Milestone
	// Caseload lists the enterprises of the demo field officer's kecamatan
	// that are assigned to them.
	Caseload []int
}

// Programme is one of the office's programmes with its activities and
// participants.
type Programme struct {
	Name, Kind, Funding, Organiser, Place string
	Themes                                []string
	Year                                  int
	Amount                                int64
	Starts, Ends                          bina.Date
	Quota                                 int
	Region                                bina.RegionCode // "" for the whole regency
	Activities                            []Activity
	Participants                          []Participant
}

// Activity is one session or day of a programme.
type Activity struct {
	Name         string
	Starts, Ends bina.Date
	Place        string
}

// Participant is an enterprise in a programme.
type Participant struct {
	Enterprise int
	State      string // bina participant state codes
	ReachedOn  bina.Date
	Source     string
}

// Session is a coaching session of a field officer with a business.
type Session struct {
	UUID       string
	Enterprise int
	// Officer is the name of the pendamping; OfficerAccount says it is the
	// demo's officer account ("petugas").
	Officer        string
	OfficerAccount bool
	HeldOn         bina.Date
	Mode           string
	Minutes        int
	Topics         []string
	Advice         string
	FollowUps      []FollowUp
	NextVisit      bina.Date
}

// FollowUp is a task agreed in a session.
type FollowUp struct {
	Task string
	Due  bina.Date
	Done bina.Date // zero: still open
}

// Certificate is a licence or certificate a business holds.
type Certificate struct {
	Enterprise      int
	Kind            string // nib, pirt, halal, bpom, merek
	Number          string
	Issued, Expires bina.Date
	Status          string // for merek: coaching.CertificateStatuses
	Route           string // for halal: coaching.HalalRoutes
	Programme       int    // index into Programmes, -1 when none
}

// Milestone is an outcome recorded for a business.
type Milestone struct {
	UUID       string
	Enterprise int
	Kind       string
	On         bina.Date
	Amount     int64
	Before     int64 // the sales before a sales change
	Jobs       int
	Financing  string // kur or other
	Bank       string
	Market     string // coaching.Markets
	Digital    bina.Digital
	Baseline   bool
	Programme  int // -1 when none
	Confirmed  bool
}

// The shares of the story.
const (
	lapsedShare  = 0.12 // of the businesses that are not binaan: reached before the window only
	sessionShare = 0.45 // of binaan businesses: coached by a field officer as well
)

// programmeSpec is one programme of the catalogue of the story.
type programmeSpec struct {
	year              int
	month, day, days  int
	kind, name, place string
	themes            []string
	funding           string
	amount            int64
	quota             int
	fits              func(e *bina.Enterprise) bool
}

func isFood(e *bina.Enterprise) bool {
	c := e.MainKBLI().Code
	return strings.HasPrefix(c, "10") || strings.HasPrefix(c, "11")
}

func isFish(e *bina.Enterprise) bool {
	c := e.MainKBLI().Code
	return strings.HasPrefix(c, "03") || strings.HasPrefix(c, "102")
}

func anyone(*bina.Enterprise) bool { return true }

// catalogue is the office's programmes from 2019: the kinds, themes and
// funding a Dinas Koperasi dan UKM of a regency runs.
func catalogue() []programmeSpec {
	const juta = 1_000_000
	return []programmeSpec{
		{2019, 7, 16, 3, "pelatihan", "Pelatihan Koperasi dan UMKM Go Digital", "Aula Kantor Bupati Kubu Raya", []string{"digitalisasi", "pemasaran"}, "APBD", 185 * juta, 120, anyone},
		{2019, 10, 24, 3, "pameran_bazar", "Pameran Produk Unggulan Kubu Raya 2019", "Halaman Kantor Bupati, Sungai Raya", []string{"pemasaran"}, "APBD", 95 * juta, 60, anyone},
		{2020, 6, 9, 2, "pelatihan", "Pelatihan Pemasaran Daring Masa Pandemi", "Daring (Zoom)", []string{"digitalisasi", "pemasaran"}, "APBD", 40 * juta, 150, anyone},
		{2020, 8, 3, 10, "bantuan_sarana", "Bantuan Sarana Produksi UMKM Terdampak COVID-19", "Kecamatan se-Kubu Raya", []string{"teknik_produksi"}, "APBD", 600 * juta, 200, anyone},
		{2021, 3, 22, 5, "fasilitasi_legalitas", "Klinik NIB melalui OSS 2021", "Mal Pelayanan Publik Kubu Raya", []string{"manajemen"}, "APBD", 30 * juta, 250, anyone},
		{2021, 9, 13, 3, "pelatihan", "Pelatihan Pengolahan Hasil Perikanan", "Balai Desa Sungai Kakap", []string{"teknik_produksi", "standardisasi"}, "DAK", 120 * juta, 60, isFish},
		{2022, 5, 17, 30, "fasilitasi_legalitas", "Fasilitasi Sertifikasi Halal Self-Declare 2022", "Kecamatan se-Kubu Raya", []string{"standardisasi"}, "APBD", 23 * juta, 100, isFood},
		{2022, 8, 8, 3, "pelatihan", "Pelatihan Pengemasan dan Label Produk", "Aula Dinas Koperasi dan UKM", []string{"teknik_produksi", "pemasaran"}, "DAK", 150 * juta, 80, isFood},
		{2022, 11, 10, 4, "pameran_bazar", "Kubu Raya Expo 2022", "Lapangan Kantor Bupati Kubu Raya", []string{"pemasaran"}, "APBD", 110 * juta, 70, anyone},
		{2023, 3, 14, 2, "kurasi_produk", "Kurasi Produk untuk Katalog Elektronik Lokal", "Aula Dinas Koperasi dan UKM", []string{"pemasaran", "standardisasi"}, "APBD", 35 * juta, 80, anyone},
		{2023, 6, 20, 3, "pelatihan", "Pelatihan Pembukuan Digital", "Aula Kecamatan Rasau Jaya", []string{"digitalisasi", "manajemen"}, "APBD", 60 * juta, 90, anyone},
		{2024, 9, 10, 2, "akses_pembiayaan", "Akses Pembiayaan KUR bersama Perbankan 2024", "Aula Dinas Koperasi dan UKM", []string{"pembiayaan"}, "APBD", 20 * juta, 100, anyone},
		{2024, 2, 20, 3, "pelatihan", "Pelatihan Pemasaran Digital Lanjutan", "Aula Kantor Bupati Kubu Raya", []string{"digitalisasi", "pemasaran"}, "APBD", 90 * juta, 120, anyone},
		{2024, 5, 6, 60, "fasilitasi_legalitas", "Fasilitasi Pendaftaran Merek DJKI 2024", "Dinas Koperasi dan UKM", []string{"hki"}, "APBD", 50 * juta, 60, anyone},
		{2024, 7, 1, 150, "pendampingan", "Pendampingan UMKM Naik Kelas 2024", "Kecamatan se-Kubu Raya", []string{"manajemen", "pemasaran", "pembiayaan"}, "APBN", 250 * juta, 300, anyone},
		{2024, 10, 15, 4, "pameran_bazar", "Pameran UMKM Kubu Raya 2024", "Lapangan Kantor Bupati Kubu Raya", []string{"pemasaran"}, "CSR", 130 * juta, 80, anyone},
		{2025, 2, 11, 3, "pelatihan", "Pelatihan Pengolahan Pangan Lokal: Lidah Buaya dan Nanas", "Balai Latihan Kerja Kubu Raya", []string{"teknik_produksi", "standardisasi"}, "DAK", 140 * juta, 80, isFood},
		{2025, 4, 22, 60, "fasilitasi_legalitas", "Fasilitasi Sertifikasi Halal 2025", "Kecamatan se-Kubu Raya", []string{"standardisasi"}, "APBD", 46 * juta, 200, isFood},
		{2025, 7, 8, 1, "temu_bisnis", "Temu Bisnis Ekspor Produk Perikanan", "Hotel di Pontianak", []string{"ekspor", "pemasaran"}, "APBN", 75 * juta, 40, isFish},
		{2025, 8, 4, 90, "klinik_konsultasi", "Klinik Konsultasi Keliling Kecamatan 2025", "Kantor Camat se-Kubu Raya", []string{"manajemen", "pembiayaan", "digitalisasi"}, "APBD", 45 * juta, 250, anyone},
		{2025, 11, 18, 60, "fasilitasi_legalitas", "Fasilitasi Pendaftaran Merek DJKI 2025", "Dinas Koperasi dan UKM", []string{"hki"}, "APBD", 55 * juta, 60, anyone},
		{2026, 2, 10, 3, "pelatihan", "Pendampingan Go Digital 2026: QRIS dan Marketplace", "Aula Kantor Bupati Kubu Raya", []string{"digitalisasi"}, "APBD", 95 * juta, 150, anyone},
		{2026, 3, 2, 180, "fasilitasi_legalitas", "Fasilitasi Halal Menjelang Wajib Halal 17 Oktober 2026", "Kecamatan se-Kubu Raya", []string{"standardisasi"}, "APBD", 92 * juta, 400, isFood},
		{2026, 5, 19, 2, "akses_pembiayaan", "Akses Pembiayaan KUR 2026", "Aula Dinas Koperasi dan UKM", []string{"pembiayaan"}, "APBD", 25 * juta, 120, anyone},
		{2026, 8, 3, 120, "pendampingan", "Pendampingan UMKM Naik Kelas 2026", "Kecamatan se-Kubu Raya", []string{"manajemen", "pemasaran"}, "APBN", 260 * juta, 350, anyone},
		{2026, 10, 20, 4, "pameran_bazar", "Pameran Produk Unggulan Kubu Raya 2026", "Lapangan Kantor Bupati Kubu Raya", []string{"pemasaran"}, "CSR", 140 * juta, 90, anyone},
		{2026, 12, 14, 3, "pelatihan", "Pelatihan Desain Kemasan dan Foto Produk", "Aula Dinas Koperasi dan UKM", []string{"pemasaran", "digitalisasi"}, "APBD", 70 * juta, 60, anyone},
	}
}

// Officers are the names of the field officers (pendamping) of the story;
// the first is the demo's officer account.
var Officers = []string{"petugas", "Rahmat Hidayat", "Siti Aisyah", "Yohanes Ading", "Nurul Fadilah", "Agus Salim"}

// Advice per coaching topic: what a field officer writes down.
var advice = map[string][]string{
	"pemasaran":       {"Foto produk dengan latar polos dan cahaya siang; unggah rutin ke media sosial.", "Titip jual di toko oleh-oleh dekat bandara dan di pasar Sungai Raya."},
	"digitalisasi":    {"Daftarkan QRIS di bank terdekat; pasang kode QR di meja kasir.", "Buka toko di marketplace dengan 5 produk andalan lebih dahulu."},
	"pembiayaan":      {"Pisahkan uang usaha dan rumah tangga; siapkan catatan penjualan 6 bulan untuk KUR.", "Ajukan KUR mikro; NIB dan catatan kas sudah cukup sebagai syarat awal."},
	"teknik_produksi": {"Gunakan timbangan digital agar takaran tetap sama setiap produksi.", "Keringkan ikan di rak bertutup kasa agar tidak dihinggapi lalat."},
	"standardisasi":   {"Lengkapi daftar bahan dan pemasok untuk pengajuan halal self-declare.", "Cantumkan tanggal kedaluwarsa dan komposisi pada label."},
	"manajemen":       {"Catat penjualan harian di buku kas sederhana atau aplikasi.", "Hitung harga pokok produksi per kemasan sebelum menentukan harga jual."},
	"hki":             {"Cek nama merek di PDKI sebelum mendaftar; siapkan etiket merek.", "Surat keterangan UMK binaan diperlukan untuk tarif merek Rp500.000."},
	"ekspor":          {"Siapkan sertifikat kesehatan ikan dan kemasan vakum untuk pembeli luar negeri."},
}

// Tasks agreed in a session, per topic.
var tasks = map[string]string{
	"pemasaran":       "Unggah 10 foto produk baru",
	"digitalisasi":    "Ajukan QRIS ke bank",
	"pembiayaan":      "Lengkapi catatan penjualan 6 bulan",
	"teknik_produksi": "Beli timbangan digital",
	"standardisasi":   "Kirim daftar bahan untuk halal",
	"manajemen":       "Mulai buku kas harian",
	"hki":             "Siapkan etiket merek",
	"ekspor":          "Hubungi pembeli dari temu bisnis",
}

// GenerateStory builds the coaching record of ents (the demo case's
// enterprises) with a binaan window of window years (see Story).
func GenerateStory(ref bina.Reference, opt Options, ents []bina.Enterprise, window int) Story {
	w := newWorld(ref, opt)
	r := newRNG()
	r.at(w.seed, streamStory, 0)
	if window < 1 {
		window = 1
	}
	windowStart := bina.DateOf(w.year-window, w.today.Time().Month(), w.today.Time().Day()).Time().AddDate(0, 0, 1)
	from := bina.DateFromTime(windowStart)

	var st Story
	specs := catalogue()
	type slot struct{ prog, left int }
	for _, sp := range specs {
		if sp.year > w.year {
			continue
		}
		start := bina.DateOf(sp.year, time.Month(sp.month), sp.day)
		end := bina.DateFromTime(start.Time().AddDate(0, 0, sp.days-1))
		p := Programme{Name: sp.name, Kind: sp.kind, Funding: sp.funding, Organiser: "Dinas Koperasi dan UKM Kabupaten Kubu Raya",
			Place: sp.place, Themes: sp.themes, Year: sp.year, Amount: sp.amount, Starts: start, Ends: end, Quota: sp.quota}
		n := 1
		if sp.days >= 3 && sp.days <= 5 {
			n = sp.days
		}
		for k := 0; k < n && n > 1; k++ {
			d := bina.DateFromTime(start.Time().AddDate(0, 0, k))
			p.Activities = append(p.Activities, Activity{Name: fmt.Sprintf("Hari %d", k+1), Starts: d, Ends: d, Place: sp.place})
		}
		if n == 1 {
			p.Activities = []Activity{{Name: "Pelaksanaan", Starts: start, Ends: end, Place: sp.place}}
		}
		st.Programmes = append(st.Programmes, p)
	}
	past := func(i int) bool { return !st.Programmes[i].Ends.After(w.today) }
	enrolled := map[[2]int]bool{}
	enrol := func(pi, ei int, state, source string) bool {
		if enrolled[[2]int{pi, ei}] {
			return false
		}
		enrolled[[2]int{pi, ei}] = true
		p := &st.Programmes[pi]
		var on bina.Date
		if state == "attended" || state == "completed" {
			on = p.Ends
		}
		p.Participants = append(p.Participants, Participant{Enterprise: ei, State: state, ReachedOn: on, Source: source})
		return true
	}
	pastIn := func(lo, hi bina.Date, e *bina.Enterprise) []int {
		var out []int
		for i, sp := range specs[:len(st.Programmes)] {
			p := &st.Programmes[i]
			if past(i) && !p.Ends.Before(lo) && !p.Ends.After(hi) && sp.fits(e) {
				out = append(out, i)
			}
		}
		return out
	}
	reachedState := func() string {
		if r.chance(0.75) {
			return "completed"
		}
		return "attended"
	}

	var lastContact = make([]bina.Date, len(ents))
	for i := range ents {
		e := &ents[i]
		r.at(w.seed, streamStory, i+1)
		switch {
		case e.Binaan:
			// At least one contact inside the window: a programme, or a
			// session when no programme fits.
			first := e.BinaanSince
			if first.Year() < 2019 {
				first = bina.DateOf(2019, time.January, 1)
			}
			recent := pastIn(maxDate(first, from), w.today, e)
			older := pastIn(first, from, e)
			got := false
			if len(recent) > 0 && r.chance(0.8) {
				pi := pick(r, recent)
				got = enrol(pi, i, reachedState(), "candidate")
				lastContact[i] = st.Programmes[pi].Ends
			}
			for k := r.IntN(3); k > 0 && len(older) > 0; k-- {
				enrol(pick(r, older), i, reachedState(), "candidate")
			}
			if !got || r.chance(sessionShare) {
				st.Sessions = append(st.Sessions, w.sessions(r, i, e, maxDate(first, from), got)...)
			}
			if r.chance(0.06) && len(recent) > 0 {
				enrol(pick(r, recent), i, pick(r, []string{"absent", "withdrawn"}), "candidate")
			}
		case r.chance(lapsedShare):
			old := pastIn(bina.DateOf(2019, time.January, 1), bina.DateFromTime(from.Time().AddDate(0, 0, -1)), e)
			if len(old) > 0 {
				pi := pick(r, old)
				enrol(pi, i, reachedState(), pick(r, []string{"candidate", "walkin"}))
				lastContact[i] = st.Programmes[pi].Ends
			}
		}
	}
	// Programmes still to come pick their participants from those never
	// reached: proposed first, some already selected.
	for pi := range st.Programmes {
		if past(pi) {
			continue
		}
		p := &st.Programmes[pi]
		r.at(w.seed, streamStory, len(ents)+1+pi)
		for tries, n := 0, 0; tries < 4*p.Quota && n < p.Quota/2; tries++ {
			ei := r.IntN(len(ents))
			if ents[ei].Binaan || !lastContact[ei].IsZero() || ents[ei].Status != "aktif" || !specs[pi].fits(&ents[ei]) {
				continue
			}
			state := "proposed"
			if r.chance(0.5) {
				state = "selected"
			}
			if enrol(pi, ei, state, "candidate") {
				n++
			}
		}
	}
	for pi := range st.Programmes {
		sort.Slice(st.Programmes[pi].Participants, func(a, b int) bool {
			return st.Programmes[pi].Participants[a].Enterprise < st.Programmes[pi].Participants[b].Enterprise
		})
	}
	w.certificates(&st, ents)
	w.milestones(&st, ents)
	w.caseload(&st, ents)
	return st
}

func maxDate(a, b bina.Date) bina.Date {
	if a.After(b) {
		return a
	}
	return b
}

// sessions makes one to four sessions for enterprise i, the last inside
// [lo, today]; when inProgramme is false the business was reached by
// sessions only.
func (w *world) sessions(r *rng, i int, e *bina.Enterprise, lo bina.Date, inProgramme bool) []Session {
	n := 1 + r.IntN(4)
	if inProgramme {
		n = 1 + r.IntN(2)
	}
	officer := 1 + r.IntN(len(Officers)-1)
	account := false
	if strings.HasPrefix(string(e.VillageCode), "61.12.01.") && r.chance(0.7) {
		officer, account = 0, true
	}
	out := make([]Session, 0, n)
	at := r.dateIn(lo, w.today)
	for k := 0; k < n; k++ {
		topics := []string{pick(r, []string{"pemasaran", "digitalisasi", "pembiayaan", "teknik_produksi", "standardisasi", "manajemen", "hki"})}
		if isFish(e) && r.chance(0.2) {
			topics = append(topics, "ekspor")
		}
		s := Session{
			UUID: storyUUID(w.seed, 1, i, k), Enterprise: i, Officer: Officers[officer], OfficerAccount: account,
			HeldOn: at, Mode: pick(r, []string{"visit", "visit", "visit", "whatsapp", "whatsapp", "phone", "online"}),
			Minutes: 15 * (1 + r.IntN(8)), Topics: topics, Advice: pick(r, advice[topics[0]]),
		}
		if r.chance(0.6) {
			due := bina.DateFromTime(at.Time().AddDate(0, 0, 7+r.IntN(50)))
			f := FollowUp{Task: tasks[topics[0]], Due: due}
			if due.Before(w.today) && r.chance(0.7) {
				f.Done = minDate(bina.DateFromTime(due.Time().AddDate(0, 0, -r.IntN(7))), w.today)
			}
			s.FollowUps = append(s.FollowUps, f)
		}
		out = append(out, s)
		next := bina.DateFromTime(at.Time().AddDate(0, 1+r.IntN(3), r.IntN(20)))
		if next.After(w.today) {
			out[len(out)-1].NextVisit = next
			break
		}
		at = next
	}
	return out
}

func minDate(a, b bina.Date) bina.Date {
	if a.Before(b) {
		return a
	}
	return b
}

// storyUUID is a stable UUID (version 4 layout) for record k of kind of
// enterprise i, so that loading the demo twice stores each record once.
func storyUUID(seed uint64, kind, i, k int) string {
	a := splitmix(seed ^ uint64(kind)<<56 ^ uint64(i)<<16 ^ uint64(k))
	b := splitmix(a)
	a = a&^(0xf<<12) | 0x4<<12
	b = b&^(0x3<<62) | 0x2<<62
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// facilitatedBy returns the index of the programme of kind and theme in
// which enterprise i took part, or -1.
func facilitatedBy(st *Story, i int, theme string) (int, bina.Date) {
	for pi := range st.Programmes {
		p := &st.Programmes[pi]
		if p.Kind != "fasilitasi_legalitas" || !strings.Contains(strings.ToLower(p.Name), theme) {
			continue
		}
		for _, pt := range p.Participants {
			if pt.Enterprise == i && (pt.State == "completed" || pt.State == "attended") {
				return pi, p.Ends
			}
		}
	}
	return -1, bina.Date{}
}

// certificates gives businesses the licences a coached business gathers:
// the NIB they carry, P-IRT and halal for food, a trademark for some; a
// few P-IRT expire within 90 days of the clock.
func (w *world) certificates(st *Story, ents []bina.Enterprise) {
	r := newRNG()
	for i := range ents {
		e := &ents[i]
		r.at(w.seed, streamStoryCertificate, i)
		if e.NIB != "" && (e.Binaan || r.chance(0.2)) {
			pi, on := facilitatedBy(st, i, "nib")
			if pi < 0 {
				on = r.dateIn(bina.DateOf(max(2019, e.StartYear), time.January, 1), w.today)
			}
			st.Certificates = append(st.Certificates, Certificate{Enterprise: i, Kind: "nib", Number: e.NIB, Issued: on, Programme: pi})
		}
		if !e.Binaan || !isFood(e) {
			continue
		}
		if r.chance(0.5) {
			issued := r.dateIn(bina.DateOf(w.year-5, w.today.Time().Month(), 1), w.today)
			if r.chance(0.08) {
				issued = bina.DateFromTime(w.today.Time().AddDate(-5, 0, 10+r.IntN(75)))
			}
			expires := bina.DateFromTime(issued.Time().AddDate(5, 0, 0))
			st.Certificates = append(st.Certificates, Certificate{Enterprise: i, Kind: "pirt", Number: pirtNumber(r, expires.Year()), Issued: issued, Expires: expires, Programme: -1})
		}
		if pi, on := facilitatedBy(st, i, "halal"); pi >= 0 && r.chance(0.85) {
			st.Certificates = append(st.Certificates, Certificate{Enterprise: i, Kind: "halal", Number: halalNumber(r, on), Issued: bina.DateFromTime(on.Time().AddDate(0, 0, 10+r.IntN(40))), Route: "self_declare", Programme: pi})
		}
		if pi, on := facilitatedBy(st, i, "merek"); pi >= 0 {
			c := Certificate{Enterprise: i, Kind: "merek", Number: fmt.Sprintf("DID%d%06d", on.Year(), r.IntN(1_000_000)), Issued: on, Status: "diajukan", Programme: pi}
			if on.Year() < w.year && r.chance(0.6) {
				c.Number, c.Status = fmt.Sprintf("IDM%09d", 1_000_000+r.IntN(400_000)), "terdaftar"
				c.Issued = bina.DateFromTime(on.Time().AddDate(1, r.IntN(6), 0))
				c.Expires = bina.DateFromTime(c.Issued.Time().AddDate(10, 0, 0))
				if c.Issued.After(w.today) {
					continue
				}
			}
			st.Certificates = append(st.Certificates, c)
		}
	}
	// Days past the clock would fail validation.
	kept := st.Certificates[:0]
	for _, c := range st.Certificates {
		if !c.Issued.After(w.today) {
			kept = append(kept, c)
		}
	}
	st.Certificates = kept
}

// pirtNumber is a 15-digit P-IRT number of Kubu Raya (6112) whose last
// two digits are the year it expires.
func pirtNumber(r *rng, expires int) string {
	b := []byte{byte('1' + r.IntN(3))}
	b = appendPadded(b, 1+r.IntN(20), 2)
	b = append(b, "6112"...)
	b = appendPadded(b, 1+r.IntN(20), 2)
	b = appendPadded(b, 1+r.IntN(800), 4)
	return string(appendPadded(b, expires%100, 2))
}

// halalNumber is a BPJPH certificate number: ID, the province (61), a
// serial and the month and year of issue.
func halalNumber(r *rng, on bina.Date) string {
	b := append([]byte("ID61"), "11"...)
	b = appendPadded(b, r.IntN(1_000_000_000), 9)
	b = appendPadded(b, int(on.Time().Month()), 2)
	return string(appendPadded(b, on.Year()%100, 2))
}

// milestones records what came of the coaching: the digital adoption of
// Go Digital participants as a baseline and a later observation, sales
// and jobs, KUR financing after the financing programmes, new markets
// after business meetings.
func (w *world) milestones(st *Story, ents []bina.Enterprise) {
	r := newRNG()
	for pi := range st.Programmes {
		p := &st.Programmes[pi]
		if p.Ends.After(w.today) {
			continue
		}
		for k, pt := range p.Participants {
			if pt.State != "completed" && pt.State != "attended" {
				continue
			}
			e := &ents[pt.Enterprise]
			r.at(w.seed, streamStoryMilestone, pi<<20|k)
			later := bina.DateFromTime(p.Ends.Time().AddDate(0, 4+r.IntN(8), 0))
			if later.After(w.today) {
				later = w.today
			}
			add := func(m Milestone) {
				m.UUID = storyUUID(w.seed, 2, pt.Enterprise, len(st.Milestones))
				m.Enterprise, m.Programme = pt.Enterprise, pi
				m.Confirmed = r.chance(0.6)
				st.Milestones = append(st.Milestones, m)
			}
			switch {
			case hasTheme(p, "digitalisasi"):
				now := e.Digital
				before := bina.Digital{SocialMedia: now.SocialMedia && r.chance(0.6)}
				add(Milestone{Kind: "digital_adoption", On: p.Starts, Digital: before, Baseline: true})
				if now.SocialMedia || now.Marketplace || now.QRIS || now.Website {
					add(Milestone{Kind: "digital_adoption", On: later, Digital: now})
				}
			case p.Kind == "akses_pembiayaan" && r.chance(0.4):
				amount := int64(10+r.IntN(90)) * 1_000_000
				add(Milestone{Kind: "financing_obtained", On: later, Amount: amount, Financing: "kur", Bank: pick(r, []string{"Bank Kalbar", "BRI", "BNI", "Bank Mandiri", "BSI"})})
			case p.Kind == "temu_bisnis" && r.chance(0.3):
				add(Milestone{Kind: "new_market", On: later, Market: "ekspor"})
			case p.Kind == "kurasi_produk" && r.chance(0.4):
				add(Milestone{Kind: "new_market", On: later, Market: pick(r, []string{"ekatalog", "marketplace"})})
			case p.Kind == "pendampingan" && r.chance(0.5):
				if s := e.LatestSales(); s.Amount > 0 {
					before := rupiah(float64(s.Amount) * r.uniform(0.6, 0.95))
					add(Milestone{Kind: "sales_changed", On: later, Amount: s.Amount, Before: before})
				}
				if r.chance(0.3) {
					add(Milestone{Kind: "jobs_created", On: later, Jobs: 1 + r.IntN(3)})
				}
			}
		}
	}
}

func hasTheme(p *Programme, theme string) bool {
	for _, t := range p.Themes {
		if t == theme {
			return true
		}
	}
	return false
}

// caseload assigns the demo officer the binaan businesses of the first
// kecamatan (Sungai Raya in Kubu Raya) they coached or that were never
// visited.
func (w *world) caseload(st *Story, ents []bina.Enterprise) {
	coached := map[int]bool{}
	for _, s := range st.Sessions {
		if s.OfficerAccount {
			coached[s.Enterprise] = true
		}
	}
	for i := range ents {
		if coached[i] {
			st.Caseload = append(st.Caseload, i)
		}
	}
}

// Reach returns, for each of n enterprises, the first and last day the
// story reached it (an attended or completed programme, or a session);
// zero dates for those never reached.
func (st *Story) Reach(n int) (first, last []bina.Date) {
	first, last = make([]bina.Date, n), make([]bina.Date, n)
	add := func(i int, on bina.Date) {
		if first[i].IsZero() || on.Before(first[i]) {
			first[i] = on
		}
		if on.After(last[i]) {
			last[i] = on
		}
	}
	for _, p := range st.Programmes {
		for _, pt := range p.Participants {
			if pt.State == "attended" || pt.State == "completed" {
				add(pt.Enterprise, pt.ReachedOn)
			}
		}
	}
	for _, s := range st.Sessions {
		add(s.Enterprise, s.HeldOn)
	}
	return first, last
}
