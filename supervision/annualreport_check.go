package supervision

import (
	"bina"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The severities of a report problem.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// reportTolerance is the rounding a sum may be off by (A.10: |Δ| ≤ Rp 1).
const reportTolerance = 1

// refusedCodes are the problems that make a report unfit even to keep as a
// draft: what the input says cannot be stored as a report (an unknown
// code, a negative amount, an unknown kind). Every other error is kept in
// the draft and blocks submission only, so that bad figures lose nothing.
var refusedCodes = map[string]bool{
	"kode_tidak_dikenal": true, "nilai_negatif": true, "jenis_tidak_dikenal": true, "pola_tidak_dikenal": true,
	"khusus_simpan_pinjam": true, "pos_shu_tidak_dikenal": true, "tahun_buku": true, "tanggal_rat": true,
	"teks_terlalu_panjang": true,
}

// Refused reports whether the problem keeps the report from being saved.
func (p ReportProblem) Refused() bool { return refusedCodes[p.Code] }

// HasReportErrors reports whether any problem is an error.
func HasReportErrors(ps []ReportProblem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// RefusedReport returns an Invalid error listing the problems that keep a
// report from being saved, or nil when there are none.
func RefusedReport(ps []ReportProblem) error {
	var p bina.Problems
	for _, x := range ps {
		if x.Refused() {
			p.Fields = append(p.Fields, bina.FieldError{Field: x.Field, Message: bina.Text{ID: x.Message, EN: x.English}})
		}
	}
	return p.Err()
}

// Rupiah writes an amount as Indonesian text does: "Rp 1.250.000",
// "-Rp 500".
func Rupiah(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return sign + "Rp " + b.String()
}

// reportChecker collects the problems of one report.
type reportChecker struct {
	out []ReportProblem
}

func (c *reportChecker) add(severity, code, field, id, en string, args ...any) {
	c.out = append(c.out, ReportProblem{Code: code, Severity: severity, Field: field,
		Message: fmt.Sprintf(id, args...), English: fmt.Sprintf(en, args...)})
}

func (c *reportChecker) err(code, field, id, en string, args ...any) {
	c.add(SeverityError, code, field, id, en, args...)
}

func (c *reportChecker) warn(code, field, id, en string, args ...any) {
	c.add(SeverityWarning, code, field, id, en, args...)
}

func absDiff(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

// Normalize gives every section a map, so that a report read or decoded
// with a section left out reads as zero lines.
func (r *AnnualReport) Normalize() {
	for _, s := range ReportSections {
		if r.Section(s.Key) == nil {
			r.SetSection(s.Key, map[string]int64{})
		}
	}
	if r.SHUDistribution == nil {
		r.SHUDistribution = []SHUShare{}
	}
	r.Decisions = strings.TrimSpace(r.Decisions)
	if r.Pola == "" {
		r.Pola = "konvensional"
	}
}

// derivedValue computes a derived line, and whether the code is one.
func (r *AnnualReport) derivedValue(section, code string) (int64, bool) {
	switch section + "." + code {
	case "neraca.total_aset":
		return r.TotalAset(), true
	case "neraca.kewajiban_lancar":
		return r.KewajibanLancar(), true
	case "neraca.total_kewajiban":
		return r.TotalKewajiban(), true
	case "neraca.total_ekuitas":
		return r.TotalEkuitas(), true
	case "phu.partisipasi_neto":
		return r.PartisipasiNeto(), true
	case "phu.shu_kotor":
		return r.SHUKotor(), true
	case "phu.beban_usaha":
		return r.BebanUsaha(), true
	case "phu.shu_sebelum_pajak":
		return r.SHUSebelumPajak(), true
	case "phu.shu_setelah_pajak":
		return r.SHUSetelahPajak(), true
	}
	return 0, false
}

// Derive fills the derived lines the report leaves out with their computed
// value; a derived line given is kept, and Check compares it.
func (r *AnnualReport) Derive() {
	r.Normalize()
	for _, s := range ReportSections {
		m := r.Section(s.Key)
		for _, l := range s.Lines {
			if !l.Derived {
				continue
			}
			if _, given := m[l.Code]; !given {
				if v, ok := r.derivedValue(s.Key, l.Code); ok {
					m[l.Code] = v
				}
			}
		}
	}
}

// Check validates the report against KOPERASI.md A.10, with prior the
// accepted report of the year before (nil when there is none). Errors
// block submission; warnings are shown to the supervisor. Every message
// says where the difference is.
func (r *AnnualReport) Check(prior *AnnualReport) []ReportProblem {
	c := &reportChecker{out: []ReportProblem{}} // an empty list, never null in JSON
	r.checkEnvelope(c)
	sl := SavingsAndLoan(r.Jenis)
	r.checkLines(c, sl)
	r.checkNeraca(c, sl)
	r.checkPHU(c)
	if sl {
		r.checkLoans(c)
	}
	r.checkSHUDistribution(c)
	r.checkMembers(c)
	if prior != nil {
		r.checkPrior(c, prior)
	}
	if sl {
		r.checkDenominators(c)
	}
	return c.out
}

// checkEnvelope checks the kind, pattern, year and RAT.
func (r *AnnualReport) checkEnvelope(c *reportChecker) {
	if !ReportJenises.Has(r.Jenis) {
		c.err("jenis_tidak_dikenal", "jenis", "Jenis laporan %q tidak dikenal (KSP, USP, KSPPS, USPPS atau UMUM)", "Unknown report kind %q (KSP, USP, KSPPS, USPPS or UMUM)", r.Jenis)
	}
	if !ReportPolas.Has(r.Pola) {
		c.err("pola_tidak_dikenal", "pola", "Pola %q tidak dikenal (konvensional atau syariah)", "Unknown pattern %q (konvensional or syariah)", r.Pola)
	}
	if r.BookYear < 1950 || r.BookYear > 9999 {
		c.err("tahun_buku", "book_year", "Tahun buku %d tidak masuk akal", "Book year %d is not plausible", r.BookYear)
	}
	switch {
	case r.RATHeldOn.IsZero():
		c.err("rat_belum_diisi", "rat_held_on", "Tanggal RAT belum diisi: laporan tahunan disahkan dalam RAT", "The RAT date is missing: the annual report is approved by the RAT")
	case r.RATHeldOn.Year() <= r.BookYear:
		c.err("tanggal_rat", "rat_held_on", "RAT tahun buku %d diadakan setelah tahun buku itu berakhir, bukan %s", "The RAT for book year %d is held after that year ends, not on %s", r.BookYear, r.RATHeldOn)
	}
	if r.MembersPresent < 0 {
		c.err("nilai_negatif", "members_present", "Jumlah anggota hadir tidak boleh negatif", "Members present cannot be negative")
	}
	if utf8.RuneCountInString(r.Decisions) > 4000 {
		c.err("teks_terlalu_panjang", "decisions", "Keputusan RAT paling panjang 4000 huruf", "The RAT decisions are at most 4000 characters")
	}
}

// checkLines refuses unknown codes, negative amounts and savings-and-loan
// lines in a general report.
func (r *AnnualReport) checkLines(c *reportChecker, sl bool) {
	for _, s := range ReportSections {
		m := r.Section(s.Key)
		for _, code := range sortedKeys(m) {
			field := s.Key + "." + code
			l, ok := FindLine(s.Lines, code)
			if !ok {
				c.err("kode_tidak_dikenal", field, "Kode %[1]q tidak dikenal dalam %[2]s", "Code %[1]q is not a line of the %[3]s", code, s.Label.ID, s.Label.EN)
				continue
			}
			if m[code] < 0 && !l.MayBeNegative {
				c.err("nilai_negatif", field, "%[1]s tidak boleh negatif (%[3]s)", "%[2]s cannot be negative (%[3]s)", l.Label.ID, l.Label.EN, Rupiah(m[code]))
			}
			if l.SavingsLoan && !sl && m[code] != 0 {
				c.err("khusus_simpan_pinjam", field, "%[1]s hanya untuk laporan simpan pinjam (KSP, USP, KSPPS, USPPS), bukan %[3]s", "%[2]s belongs to savings-and-loan reports only, not %[3]s", l.Label.ID, l.Label.EN, r.Jenis)
			}
		}
	}
}

// checkDerived compares a derived line given in the report with its
// computed value.
func (r *AnnualReport) checkDerived(c *reportChecker, section, code string) {
	given, ok := r.Section(section)[code]
	want, _ := r.derivedValue(section, code)
	if !ok || absDiff(given, want) <= reportTolerance {
		return
	}
	l, _ := FindLine(lineCatalogue(section), code)
	c.err("total_tidak_cocok", section+"."+code, "%[1]s tertulis %[3]s, hasil hitung %[4]s: selisih %[5]s", "%[2]s reads %[3]s, computed %[4]s: a difference of %[5]s",
		l.Label.ID, l.Label.EN, Rupiah(given), Rupiah(want), Rupiah(absDiff(given, want)))
}

func lineCatalogue(section string) []LineItem {
	for _, s := range ReportSections {
		if s.Key == section {
			return s.Lines
		}
	}
	return nil
}

// checkNeraca checks that the balance sheet balances (A.10.1) and its
// contra lines (A.10.5).
func (r *AnnualReport) checkNeraca(c *reportChecker, sl bool) {
	for _, code := range []string{"total_aset", "kewajiban_lancar", "total_kewajiban", "total_ekuitas"} {
		r.checkDerived(c, "neraca", code)
	}
	aset, pasiva := r.TotalAset(), r.TotalPasiva()
	if aset == 0 && pasiva == 0 {
		c.err("neraca_kosong", "neraca.total_aset", "Neraca belum diisi", "The balance sheet is empty")
		return
	}
	if d := absDiff(aset, pasiva); d > reportTolerance {
		c.err("neraca_tidak_seimbang", "neraca.total_aset", "Neraca tidak seimbang: selisih %s (total aset %s, kewajiban dan ekuitas %s)",
			"The balance sheet does not balance: a difference of %s (assets %s, liabilities and equity %s)", Rupiah(d), Rupiah(aset), Rupiah(pasiva))
	}
	n := r.Neraca
	if n["akumulasi_penyusutan"] > n["aset_tetap_bruto"] {
		c.err("penyusutan_melebihi_aset", "neraca.akumulasi_penyusutan", "Akumulasi penyusutan %s melebihi aset tetap %s: selisih %s",
			"Accumulated depreciation %s exceeds fixed assets %s by %s", Rupiah(n["akumulasi_penyusutan"]), Rupiah(n["aset_tetap_bruto"]), Rupiah(n["akumulasi_penyusutan"]-n["aset_tetap_bruto"]))
	}
	if sl && n["ppap"] > r.PinjamanDiberikan() {
		c.err("ppap_melebihi_pinjaman", "neraca.ppap", "PPAP %s melebihi pinjaman yang diberikan %s: selisih %s",
			"The loan-loss allowance %s exceeds the loans %s by %s", Rupiah(n["ppap"]), Rupiah(r.PinjamanDiberikan()), Rupiah(n["ppap"]-r.PinjamanDiberikan()))
	}
}

// checkPHU recomputes the SHU statement (A.10.2) and ties it to the
// balance sheet (A.10.3).
func (r *AnnualReport) checkPHU(c *reportChecker) {
	for _, code := range []string{"partisipasi_neto", "shu_kotor", "beban_usaha", "shu_sebelum_pajak", "shu_setelah_pajak"} {
		r.checkDerived(c, "phu", code)
	}
	if !r.phuGiven() {
		c.warn("phu_kosong", "phu.partisipasi_bruto", "Perhitungan hasil usaha belum diisi", "The SHU statement is empty")
		return
	}
	shu, interim := r.SHUSetelahPajak(), r.Schedules["shu_dibagi_interim"]
	neraca := r.Neraca["shu_belum_dibagi"]
	if d := absDiff(shu-interim, neraca); d > reportTolerance {
		if interim > 0 {
			c.warn("shu_tidak_sama", "neraca.shu_belum_dibagi", "SHU belum dibagi di neraca %s, SHU setelah pajak %s dikurangi pembagian sebelum akhir tahun %s: selisih %s",
				"Undistributed SHU in the balance sheet %s, surplus after tax %s less the interim distribution %s: a difference of %s",
				Rupiah(neraca), Rupiah(shu), Rupiah(interim), Rupiah(d))
		} else {
			c.err("shu_tidak_sama", "neraca.shu_belum_dibagi", "SHU belum dibagi di neraca %s tidak sama dengan SHU setelah pajak %s: selisih %s",
				"Undistributed SHU in the balance sheet %s differs from the surplus after tax %s by %s", Rupiah(neraca), Rupiah(shu), Rupiah(d))
		}
	}
}

// phuGiven reports whether any input line of the SHU statement is filled.
func (r *AnnualReport) phuGiven() bool {
	for _, l := range PHULines {
		if !l.Derived && r.PHU[l.Code] != 0 {
			return true
		}
	}
	return false
}

// checkLoans checks the loan buckets and schedules (A.10.4, A.10.6).
func (r *AnnualReport) checkLoans(c *reportChecker) {
	loans, buckets := r.PinjamanDiberikan(), r.TotalKolektibilitas()
	if d := absDiff(loans, buckets); d > reportTolerance {
		c.err("kolektibilitas_tidak_cocok", "kolektibilitas.lancar", "Jumlah kolektibilitas %s tidak sama dengan pinjaman yang diberikan %s: selisih %s",
			"The loan-quality buckets add up to %s, the loans to %s: a difference of %s", Rupiah(buckets), Rupiah(loans), Rupiah(d))
	}
	if b := r.PinjamanBerisiko(); b > loans {
		c.err("pinjaman_berisiko_melebihi", "schedules.pinjaman_berisiko", "Pinjaman berisiko %s melebihi pinjaman yang diberikan %s: selisih %s",
			"Loans at risk %s exceed the loans %s by %s", Rupiah(b), Rupiah(loans), Rupiah(b-loans))
	}
	if a, v := r.VolumePinjamanAnggota(), r.VolumePinjaman(); a > v {
		c.err("volume_anggota_melebihi", "schedules.volume_pinjaman_anggota", "Volume pinjaman anggota %s melebihi volume pinjaman %s: selisih %s",
			"Loans disbursed to members %s exceed all loans disbursed %s by %s", Rupiah(a), Rupiah(v), Rupiah(a-v))
	}
}

// checkSHUDistribution checks the RAT's SHU distribution (A.7, A.10.7).
func (r *AnnualReport) checkSHUDistribution(c *reportChecker) {
	basis := r.SHUSetelahPajak()
	if len(r.SHUDistribution) == 0 {
		if basis > 0 && r.phuGiven() {
			c.warn("pembagian_shu_kosong", "shu_distribution", "Pembagian SHU %s menurut keputusan RAT belum diisi", "The RAT's distribution of the surplus of %s is missing", Rupiah(basis))
		}
		return
	}
	var persen float64
	var nominal int64
	seen := map[string]bool{}
	for i, s := range r.SHUDistribution {
		field := fmt.Sprintf("shu_distribution.%d", i)
		if !SHUPosts.Has(s.Pos) {
			c.err("pos_shu_tidak_dikenal", field, "Pos pembagian SHU %q tidak dikenal", "Unknown SHU post %q", s.Pos)
			continue
		}
		if seen[s.Pos] {
			c.err("pos_shu_ganda", field, "Pos %[1]s tertulis dua kali", "Post %[2]s is listed twice", SHUPosts.Label(s.Pos, "id"), SHUPosts.Label(s.Pos, "en"))
		}
		seen[s.Pos] = true
		if s.Persen < 0 || s.Nominal < 0 || math.IsNaN(s.Persen) || math.IsInf(s.Persen, 0) {
			c.err("nilai_negatif", field, "Persen dan nominal pos %[1]s tidak boleh negatif", "Percent and amount of post %[2]s cannot be negative", SHUPosts.Label(s.Pos, "id"), SHUPosts.Label(s.Pos, "en"))
		}
		persen += s.Persen
		nominal += s.Nominal
	}
	if math.Abs(persen-100) > 0.005 {
		c.err("shu_persen_bukan_100", "shu_distribution", "Pembagian SHU berjumlah %s%%, bukan 100%%: selisih %s%%", "The SHU distribution adds up to %s%%, not 100%%: a difference of %s%%",
			percentText(persen), percentText(math.Abs(persen-100)))
	}
	if d := absDiff(nominal, basis); d > int64(len(r.SHUDistribution))*reportTolerance {
		c.err("shu_nominal_tidak_cocok", "shu_distribution", "Pembagian SHU berjumlah %s, SHU setelah pajak %s: selisih %s", "The SHU distribution adds up to %s, the surplus after tax is %s: a difference of %s",
			Rupiah(nominal), Rupiah(basis), Rupiah(d))
	}
	if cad, _ := r.SHUShareOf("cadangan"); cad.Persen < 25 {
		c.warn("cadangan_kurang_25", "shu_distribution", "Cadangan %s%% dari SHU, kurang dari 25%%", "The reserve takes %s%% of the surplus, less than 25%%", percentText(cad.Persen))
	}
	// The members' share should come from member business only: at most
	// the members' part of SHU kotor.
	if kotor := r.SHUKotor(); kotor > 0 && basis > 0 {
		fromMembers := int64(float64(basis) * float64(max(r.PartisipasiNeto(), 0)) / float64(kotor))
		if got := r.SHUBagianAnggota(); got > fromMembers+reportTolerance {
			c.warn("shu_non_anggota_dibagi", "shu_distribution", "Jasa anggota %s melebihi bagian SHU dari usaha dengan anggota %s: selisih %s",
				"Members' returns %s exceed the surplus from member business %s by %s", Rupiah(got), Rupiah(fromMembers), Rupiah(got-fromMembers))
		}
	}
}

// percentText writes a percentage with at most two decimals, Indonesian
// style (12,5).
func percentText(x float64) string {
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}

// checkMembers checks the membership movement (A.8, A.10.8).
func (r *AnnualReport) checkMembers(c *reportChecker) {
	m := r.Members
	awal, masuk, keluar, akhir := m["anggota_awal"], m["anggota_masuk"], m["anggota_keluar"], m["anggota_akhir"]
	if d := absDiff(awal+masuk-keluar, akhir); d != 0 {
		c.err("anggota_tidak_cocok", "members.anggota_akhir", "Anggota awal %d + masuk %d − keluar %d = %d, tetapi anggota akhir tertulis %d: selisih %d orang",
			"Members at the start %d + joined %d − left %d = %d, but the end reads %d: a difference of %d", awal, masuk, keluar, awal+masuk-keluar, akhir, d)
	}
	pria, wanita := m["anggota_akhir_pria"], m["anggota_akhir_wanita"]
	if pria+wanita > 0 && pria+wanita != akhir {
		c.err("anggota_gender_tidak_cocok", "members.anggota_akhir_pria", "Anggota laki-laki %d + perempuan %d = %d, bukan anggota akhir %d: selisih %d orang",
			"Men %d + women %d = %d, not the members at the end %d: a difference of %d", pria, wanita, pria+wanita, akhir, absDiff(pria+wanita, akhir))
	}
	if akhir > 0 && int64(r.MembersPresent) > akhir {
		c.err("anggota_hadir_melebihi", "members_present", "Anggota hadir dalam RAT %d melebihi anggota akhir %d", "Members present at the RAT %d exceed the members %d", r.MembersPresent, akhir)
	}
	if aktif := m["anggota_aktif"]; aktif > akhir && akhir > 0 {
		c.warn("anggota_aktif_melebihi", "members.anggota_aktif", "Anggota aktif %d melebihi anggota akhir %d", "Active members %d exceed the members %d", aktif, akhir)
	}
	if per := r.Schedules["simpanan_pokok_per_anggota"]; per > 0 && akhir > 0 {
		want, got := per*akhir, r.Neraca["simpanan_pokok"]
		// Entrance shares may be paid in instalments: only a gap of more
		// than 5 % is worth the supervisor's eye.
		if absDiff(want, got)*20 > want {
			c.warn("simpanan_pokok_tidak_sesuai", "neraca.simpanan_pokok", "Simpanan pokok %s, sedangkan %d anggota × %s = %s: selisih %s",
				"Entrance shares %s, while %d members × %s = %s: a difference of %s", Rupiah(got), akhir, Rupiah(per), Rupiah(want), Rupiah(absDiff(want, got)))
		}
	}
}

// checkPrior compares with the year before (A.10.9, A.10.11).
func (r *AnnualReport) checkPrior(c *reportChecker, prior *AnnualReport) {
	if awal, akhir := r.Members["anggota_awal"], prior.Members["anggota_akhir"]; awal != 0 && akhir != 0 && awal != akhir {
		c.warn("awal_beda_tahun_lalu", "members.anggota_awal", "Anggota awal %d tidak sama dengan anggota akhir tahun %d (%d): selisih %d orang",
			"Members at the start %d differ from the end of %d (%d) by %d", awal, prior.BookYear, akhir, absDiff(awal, akhir))
	}
	for _, x := range []struct {
		code       string
		prior      int64
		id, en     string
		priorLabel string
	}{
		{"aset_tahun_lalu", prior.TotalAset(), "Total aset tahun lalu", "Total assets of the prior year", "total aset"},
		{"ekuitas_tahun_lalu", prior.TotalEkuitas(), "Ekuitas tahun lalu", "Equity of the prior year", "total ekuitas"},
		{"modal_sendiri_tahun_lalu", prior.ModalSendiri(), "Modal sendiri tahun lalu", "Own capital of the prior year", "modal sendiri"},
		{"anggota_tahun_lalu", prior.Members["anggota_akhir"], "Anggota tahun lalu", "Members of the prior year", "anggota akhir"},
	} {
		got, ok := r.Schedules[x.code]
		if !ok || got == 0 || x.prior == 0 || got == x.prior {
			continue
		}
		text := Rupiah
		if x.code == "anggota_tahun_lalu" {
			text = func(v int64) string { return strconv.FormatInt(v, 10) }
		}
		c.warn("beda_tahun_lalu", "schedules."+x.code, "%[1]s tertulis %[3]s, laporan tahun %[4]d mencatat %[5]s %[6]s: selisih %[7]s",
			"%[2]s reads %[3]s, the %[4]d report says %[6]s: a difference of %[7]s", x.id, x.en, text(got), prior.BookYear, x.priorLabel, text(x.prior), text(absDiff(got, x.prior)))
	}
	for _, s := range ReportSections[:2] {
		now, before := r.Section(s.Key), prior.Section(s.Key)
		for _, l := range s.Lines {
			a, b := now[l.Code], before[l.Code]
			if a <= 0 || b <= 0 || (a <= 10*b && b <= 10*a) {
				continue
			}
			c.warn("perubahan_besar", s.Key+"."+l.Code, "%[1]s berubah lebih dari 10 kali lipat: %[3]s tahun lalu, %[4]s tahun ini", "%[2]s changed more than tenfold: %[3]s last year, %[4]s this year",
				l.Label.ID, l.Label.EN, Rupiah(b), Rupiah(a))
		}
	}
}

// checkDenominators warns of the ratios the health assessment cannot
// compute (A.10.10): the rule set's fallback applies to them.
func (r *AnnualReport) checkDenominators(c *reportChecker) {
	for _, x := range []struct {
		field string
		value int64
		id    string
		en    string
	}{
		{"neraca.total_aset", r.TotalAset(), "modal sendiri terhadap total aset, rentabilitas aset", "own capital to assets, return on assets"},
		{"neraca.pinjaman_anggota", r.PinjamanDiberikan(), "RPM dan pinjaman berisiko terhadap pinjaman diberikan", "problem and risky loans to loans"},
		{"kolektibilitas.kurang_lancar", r.RPM(), "cadangan risiko terhadap risiko pinjaman bermasalah", "risk reserve to problem-loan risk"},
		{"schedules.pinjaman_berisiko", r.PinjamanBerisiko(), "modal sendiri terhadap pinjaman berisiko", "own capital to risky loans"},
		{"schedules.volume_pinjaman", r.VolumePinjaman(), "volume pinjaman anggota terhadap volume pinjaman, efisiensi pelayanan", "member loan volume to loan volume, service efficiency"},
		{"neraca.kewajiban_lancar", r.KewajibanLancar(), "rasio kas", "cash ratio"},
		{"phu.partisipasi_bruto", r.PHU["partisipasi_bruto"], "beban operasi anggota terhadap partisipasi bruto", "member operating cost to gross participation"},
		{"phu.shu_kotor", r.SHUKotor(), "beban usaha terhadap SHU kotor", "operating expenses to gross surplus"},
		{"neraca.simpanan_pokok", r.Neraca["simpanan_pokok"] + r.Neraca["simpanan_wajib"], "promosi ekonomi anggota (PEA)", "members' economic promotion"},
	} {
		if x.value <= 0 {
			c.warn("rasio_tidak_dapat_dihitung", x.field, "Rasio %[1]s tidak dapat dihitung: pembaginya nol", "The ratio of %[2]s cannot be computed: its denominator is zero", x.id, x.en)
		}
	}
}

// sortedKeys returns the keys of m in order, so that problems come in the
// same order every time.
func sortedKeys(m map[string]int64) []string { return slices.Sorted(maps.Keys(m)) }
