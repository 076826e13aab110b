package supervision

import "bina"

// The line-item catalogues of the annual report (KOPERASI.md section A):
// one list per statement, which the form, the API document, the validation
// and the aggregates all read. A code not in its statement's list is
// refused.

// The classes of balance-sheet lines.
const (
	ClassAset             = "aset"
	ClassKontraAset       = "kontra_aset"
	ClassKewajibanPendek  = "kewajiban_pendek"
	ClassKewajibanPanjang = "kewajiban_panjang"
	ClassEkuitas          = "ekuitas"
	ClassTotal            = "total" // a derived total line
)

// NeracaLines are the balance-sheet lines (A.2). Time deposits and
// borrowings are split by term, so that current liabilities can be summed:
// the "_pendek" part falls due within 12 months. Persediaan, piutang usaha
// and utang usaha are for the general statements of cooperatives that
// trade.
var NeracaLines = []LineItem{
	{Code: "kas", Label: bina.Text{ID: "Kas", EN: "Cash on hand"}, Class: ClassAset},
	{Code: "bank", Label: bina.Text{ID: "Bank (giro/tabungan di bank)", EN: "Bank balances"}, Class: ClassAset},
	{Code: "simpanan_lembaga_lain", Label: bina.Text{ID: "Tabungan, simpanan dan deposito di bank dan koperasi lain", EN: "Placements with banks and other cooperatives"}, Class: ClassAset},
	{Code: "surat_berharga", Label: bina.Text{ID: "Surat berharga", EN: "Securities"}, Class: ClassAset},
	{Code: "pinjaman_anggota", Label: bina.Text{ID: "Pinjaman yang diberikan kepada anggota", EN: "Loans to members (gross)"}, Class: ClassAset, SavingsLoan: true},
	{Code: "pinjaman_non_anggota", Label: bina.Text{ID: "Pinjaman kepada calon anggota, koperasi lain dan anggotanya", EN: "Loans to non-members (gross)"}, Class: ClassAset, SavingsLoan: true},
	{Code: "ppap", Label: bina.Text{ID: "Penyisihan penghapusan pinjaman (PPAP)", EN: "Loan-loss allowance"}, Class: ClassKontraAset, SavingsLoan: true},
	{Code: "piutang_usaha", Label: bina.Text{ID: "Piutang usaha", EN: "Trade receivables"}, Class: ClassAset},
	{Code: "persediaan", Label: bina.Text{ID: "Persediaan", EN: "Inventory"}, Class: ClassAset},
	{Code: "pendapatan_ymh_diterima", Label: bina.Text{ID: "Pendapatan yang masih harus diterima", EN: "Accrued income"}, Class: ClassAset},
	{Code: "beban_dibayar_dimuka", Label: bina.Text{ID: "Beban dibayar di muka", EN: "Prepaid expenses"}, Class: ClassAset},
	{Code: "aset_lancar_lain", Label: bina.Text{ID: "Aset lancar lain", EN: "Other current assets"}, Class: ClassAset},
	{Code: "penyertaan", Label: bina.Text{ID: "Penyertaan pada koperasi sekunder, anggota dan pihak lain", EN: "Equity investments"}, Class: ClassAset},
	{Code: "aset_tetap_bruto", Label: bina.Text{ID: "Aset tetap (harga perolehan)", EN: "Fixed assets at cost"}, Class: ClassAset},
	{Code: "akumulasi_penyusutan", Label: bina.Text{ID: "Akumulasi penyusutan", EN: "Accumulated depreciation"}, Class: ClassKontraAset},
	{Code: "aset_lain", Label: bina.Text{ID: "Aset lain-lain", EN: "Other assets"}, Class: ClassAset},
	{Code: "total_aset", Label: bina.Text{ID: "Total aset", EN: "Total assets"}, Class: ClassTotal, Derived: true},

	{Code: "simpanan_sukarela", Label: bina.Text{ID: "Simpanan sukarela / tabungan koperasi", EN: "Voluntary savings"}, Class: ClassKewajibanPendek},
	{Code: "simpanan_berjangka_pendek", Label: bina.Text{ID: "Simpanan berjangka (≤ 12 bulan)", EN: "Time deposits (≤ 12 months)"}, Class: ClassKewajibanPendek},
	{Code: "dana_diterima_pendek", Label: bina.Text{ID: "Dana yang diterima (jangka pendek)", EN: "Borrowings (short term)"}, Class: ClassKewajibanPendek},
	{Code: "utang_usaha", Label: bina.Text{ID: "Utang usaha", EN: "Trade payables"}, Class: ClassKewajibanPendek},
	{Code: "beban_ymh_dibayar", Label: bina.Text{ID: "Beban yang masih harus dibayar", EN: "Accrued expenses"}, Class: ClassKewajibanPendek},
	{Code: "utang_pajak", Label: bina.Text{ID: "Utang pajak", EN: "Tax payable"}, Class: ClassKewajibanPendek},
	{Code: "dana_bagian_shu", Label: bina.Text{ID: "Dana-dana bagian SHU belum dibayar", EN: "SHU funds payable"}, Class: ClassKewajibanPendek},
	{Code: "kewajiban_lain", Label: bina.Text{ID: "Kewajiban lain-lain", EN: "Other liabilities"}, Class: ClassKewajibanPendek},
	{Code: "kewajiban_lancar", Label: bina.Text{ID: "Jumlah kewajiban lancar", EN: "Total current liabilities"}, Class: ClassTotal, Derived: true},
	{Code: "simpanan_berjangka_panjang", Label: bina.Text{ID: "Simpanan berjangka (> 12 bulan)", EN: "Time deposits (> 12 months)"}, Class: ClassKewajibanPanjang},
	{Code: "dana_diterima_panjang", Label: bina.Text{ID: "Dana yang diterima (jangka panjang: bank, LPDB, koperasi lain)", EN: "Borrowings (long term)"}, Class: ClassKewajibanPanjang},
	{Code: "total_kewajiban", Label: bina.Text{ID: "Total kewajiban", EN: "Total liabilities"}, Class: ClassTotal, Derived: true},

	{Code: "simpanan_pokok", Label: bina.Text{ID: "Simpanan pokok", EN: "Entrance shares"}, Class: ClassEkuitas},
	{Code: "simpanan_wajib", Label: bina.Text{ID: "Simpanan wajib", EN: "Mandatory shares"}, Class: ClassEkuitas},
	{Code: "simpanan_setara_wajib", Label: bina.Text{ID: "Simpanan lain setara simpanan wajib", EN: "Other member equity"}, Class: ClassEkuitas},
	{Code: "modal_penyetaraan", Label: bina.Text{ID: "Modal penyetaraan", EN: "Equalisation capital"}, Class: ClassEkuitas},
	{Code: "modal_penyertaan", Label: bina.Text{ID: "Modal penyertaan", EN: "Participation capital"}, Class: ClassEkuitas},
	{Code: "hibah", Label: bina.Text{ID: "Hibah / modal sumbangan", EN: "Grants"}, Class: ClassEkuitas},
	{Code: "cadangan_umum", Label: bina.Text{ID: "Cadangan umum", EN: "General reserve"}, Class: ClassEkuitas},
	{Code: "cadangan_tujuan_risiko", Label: bina.Text{ID: "Cadangan tujuan risiko", EN: "Risk reserve"}, Class: ClassEkuitas},
	{Code: "shu_belum_dibagi", Label: bina.Text{ID: "SHU tahun berjalan / belum dibagi", EN: "Current-year surplus"}, Class: ClassEkuitas, MayBeNegative: true},
	{Code: "total_ekuitas", Label: bina.Text{ID: "Total ekuitas", EN: "Total equity"}, Class: ClassTotal, Derived: true, MayBeNegative: true},
}

// PHULines are the lines of the SHU statement (A.3), in reading order.
// beban_usaha is derived from its components when any is given.
var PHULines = []LineItem{
	{Code: "partisipasi_bruto", Label: bina.Text{ID: "Partisipasi bruto anggota", EN: "Gross member participation"}},
	{Code: "beban_pokok_anggota", Label: bina.Text{ID: "Beban pokok anggota", EN: "Cost of member services"}},
	{Code: "partisipasi_neto", Label: bina.Text{ID: "Partisipasi neto", EN: "Net member participation"}, Derived: true, MayBeNegative: true},
	{Code: "pendapatan_non_anggota", Label: bina.Text{ID: "Pendapatan dari non-anggota", EN: "Revenue from non-members"}},
	{Code: "beban_pokok_non_anggota", Label: bina.Text{ID: "Beban pokok non-anggota", EN: "Cost of non-member business"}},
	{Code: "shu_kotor", Label: bina.Text{ID: "SHU kotor", EN: "Gross surplus"}, Derived: true, MayBeNegative: true},
	{Code: "beban_karyawan", Label: bina.Text{ID: "Beban karyawan (gaji, honor, tunjangan)", EN: "Staff costs"}},
	{Code: "beban_adm_umum", Label: bina.Text{ID: "Beban administrasi dan umum", EN: "Administrative expenses"}},
	{Code: "beban_penyusutan", Label: bina.Text{ID: "Beban penyusutan", EN: "Depreciation"}},
	{Code: "beban_ppap", Label: bina.Text{ID: "Beban penyisihan penghapusan pinjaman", EN: "Loan-loss provision expense"}},
	{Code: "beban_usaha_lain", Label: bina.Text{ID: "Beban usaha lain", EN: "Other operating expenses"}},
	{Code: "beban_usaha", Label: bina.Text{ID: "Jumlah beban usaha", EN: "Total operating expenses"}, Derived: true},
	{Code: "beban_usaha_bagi_anggota", Label: bina.Text{ID: "Beban usaha bagi anggota", EN: "Operating expenses for member services"}},
	{Code: "beban_perkoperasian", Label: bina.Text{ID: "Beban perkoperasian (RAT, pendidikan, pengurus/pengawas)", EN: "Cooperative expenses"}},
	{Code: "pendapatan_lain", Label: bina.Text{ID: "Pendapatan lain-lain", EN: "Other income"}},
	{Code: "beban_lain", Label: bina.Text{ID: "Beban lain-lain", EN: "Other expenses"}},
	{Code: "shu_sebelum_pajak", Label: bina.Text{ID: "SHU sebelum pajak", EN: "Surplus before tax"}, Derived: true, MayBeNegative: true},
	{Code: "pajak", Label: bina.Text{ID: "Pajak penghasilan", EN: "Income tax"}},
	{Code: "shu_setelah_pajak", Label: bina.Text{ID: "SHU setelah pajak", EN: "Surplus after tax"}, Derived: true, MayBeNegative: true},
}

// bebanUsahaParts are the components of beban_usaha.
var bebanUsahaParts = []string{"beban_karyawan", "beban_adm_umum", "beban_penyusutan", "beban_ppap", "beban_usaha_lain"}

// KolektibilitasLines are the loan-quality buckets (A.5), outstanding
// amounts; the savings-and-loan kinds only.
var KolektibilitasLines = []LineItem{
	{Code: "lancar", Label: bina.Text{ID: "Lancar", EN: "Current"}, SavingsLoan: true},
	{Code: "kurang_lancar", Label: bina.Text{ID: "Kurang lancar", EN: "Substandard"}, SavingsLoan: true},
	{Code: "diragukan", Label: bina.Text{ID: "Diragukan", EN: "Doubtful"}, SavingsLoan: true},
	{Code: "macet", Label: bina.Text{ID: "Macet", EN: "Loss"}, SavingsLoan: true},
}

// ScheduleLines are the supplementary schedules (A.6): the loan figures
// for the savings-and-loan kinds, staff and offices, the prior year's
// totals for the growth indicators, and what the cross-checks need. Counts
// are whole numbers, the rest rupiah.
var ScheduleLines = []LineItem{
	{Code: "pinjaman_berisiko", Label: bina.Text{ID: "Pinjaman berisiko (agunan/penjamin tidak memadai)", EN: "Loans at risk (inadequate collateral or guarantee)"}, SavingsLoan: true},
	{Code: "volume_pinjaman", Label: bina.Text{ID: "Volume pinjaman disalurkan selama tahun buku", EN: "Loans disbursed during the year"}, SavingsLoan: true},
	{Code: "volume_pinjaman_anggota", Label: bina.Text{ID: "Volume pinjaman disalurkan kepada anggota", EN: "Loans disbursed to members"}, SavingsLoan: true},
	{Code: "meppp", Label: bina.Text{ID: "MEPPP (manfaat ekonomi partisipasi pemanfaatan pelayanan)", EN: "Members' economic benefit from using the services"}, SavingsLoan: true},
	{Code: "pelanggaran_bmpp", Label: bina.Text{ID: "Jumlah pinjaman melampaui BMPP", EN: "Loans beyond the lending limit (count)"}, SavingsLoan: true, Count: true},
	{Code: "pinjaman_macet_tahun_lalu", Label: bina.Text{ID: "Pinjaman macet tahun lalu", EN: "Loss loans of the prior year"}, SavingsLoan: true},
	{Code: "penagihan_macet", Label: bina.Text{ID: "Penagihan pinjaman macet tahun lalu", EN: "Recovered loss loans of the prior year"}, SavingsLoan: true},
	{Code: "jumlah_karyawan", Label: bina.Text{ID: "Jumlah karyawan", EN: "Employees"}, Count: true},
	{Code: "jumlah_kantor", Label: bina.Text{ID: "Jumlah kantor (pusat dan cabang)", EN: "Offices (head and branches)"}, Count: true},
	{Code: "simpanan_pokok_per_anggota", Label: bina.Text{ID: "Nominal simpanan pokok per anggota (AD/ART)", EN: "Entrance share per member (articles)"}},
	{Code: "shu_dibagi_interim", Label: bina.Text{ID: "SHU yang sudah dibagi sebelum akhir tahun", EN: "Surplus distributed before the year end"}},
	{Code: "aset_tahun_lalu", Label: bina.Text{ID: "Total aset tahun lalu", EN: "Total assets, prior year"}},
	{Code: "ekuitas_tahun_lalu", Label: bina.Text{ID: "Ekuitas tahun lalu", EN: "Equity, prior year"}},
	{Code: "modal_sendiri_tahun_lalu", Label: bina.Text{ID: "Modal sendiri tahun lalu", EN: "Own capital, prior year"}},
	{Code: "simpanan_tahun_lalu", Label: bina.Text{ID: "Simpanan anggota tahun lalu", EN: "Member savings, prior year"}},
	{Code: "pinjaman_tahun_lalu", Label: bina.Text{ID: "Pinjaman diberikan tahun lalu", EN: "Loans outstanding, prior year"}, SavingsLoan: true},
	{Code: "shu_tahun_lalu", Label: bina.Text{ID: "SHU tahun lalu", EN: "Surplus, prior year"}, MayBeNegative: true},
	{Code: "anggota_tahun_lalu", Label: bina.Text{ID: "Jumlah anggota tahun lalu", EN: "Members, prior year"}, Count: true},
}

// MemberLines are the membership movement (A.8), counts of people.
var MemberLines = []LineItem{
	{Code: "anggota_awal", Label: bina.Text{ID: "Anggota awal tahun", EN: "Members at the start of the year"}, Count: true},
	{Code: "anggota_masuk", Label: bina.Text{ID: "Anggota masuk", EN: "Members joined"}, Count: true},
	{Code: "anggota_keluar", Label: bina.Text{ID: "Anggota keluar", EN: "Members left"}, Count: true},
	{Code: "anggota_akhir", Label: bina.Text{ID: "Anggota akhir tahun", EN: "Members at the end of the year"}, Count: true},
	{Code: "anggota_akhir_pria", Label: bina.Text{ID: "Anggota akhir tahun: laki-laki", EN: "Members at the end: men"}, Count: true},
	{Code: "anggota_akhir_wanita", Label: bina.Text{ID: "Anggota akhir tahun: perempuan", EN: "Members at the end: women"}, Count: true},
	{Code: "anggota_aktif", Label: bina.Text{ID: "Anggota aktif (bertransaksi)", EN: "Active members (transacting)"}, Count: true},
	{Code: "calon_anggota", Label: bina.Text{ID: "Calon anggota", EN: "Prospective members"}, Count: true},
}

// ReportSection is one statement of the annual report: its JSON key, its
// label and its lines.
type ReportSection struct {
	Key   string
	Label bina.Text
	Lines []LineItem
}

// ReportSections lists the statements in the order of the form.
var ReportSections = []ReportSection{
	{"neraca", bina.Text{ID: "Neraca", EN: "Balance sheet"}, NeracaLines},
	{"phu", bina.Text{ID: "Perhitungan hasil usaha (PHU)", EN: "SHU statement"}, PHULines},
	{"kolektibilitas", bina.Text{ID: "Kolektibilitas pinjaman", EN: "Loan quality"}, KolektibilitasLines},
	{"schedules", bina.Text{ID: "Daftar pendukung", EN: "Supplementary schedules"}, ScheduleLines},
	{"members", bina.Text{ID: "Perkembangan anggota", EN: "Membership movement"}, MemberLines},
}

// Section returns the map of r that holds the section with key.
func (r *AnnualReport) Section(key string) map[string]int64 {
	switch key {
	case "neraca":
		return r.Neraca
	case "phu":
		return r.PHU
	case "kolektibilitas":
		return r.Kolektibilitas
	case "schedules":
		return r.Schedules
	case "members":
		return r.Members
	}
	return nil
}

// SetSection replaces the map of the section with key.
func (r *AnnualReport) SetSection(key string, m map[string]int64) {
	switch key {
	case "neraca":
		r.Neraca = m
	case "phu":
		r.PHU = m
	case "kolektibilitas":
		r.Kolektibilitas = m
	case "schedules":
		r.Schedules = m
	case "members":
		r.Members = m
	}
}

// FindLine returns the line of a section by code.
func FindLine(lines []LineItem, code string) (LineItem, bool) {
	for _, l := range lines {
		if l.Code == code {
			return l, true
		}
	}
	return LineItem{}, false
}
