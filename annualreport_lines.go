package bina

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
	{Code: "kas", Label: Text{"Kas", "Cash on hand"}, Class: ClassAset},
	{Code: "bank", Label: Text{"Bank (giro/tabungan di bank)", "Bank balances"}, Class: ClassAset},
	{Code: "simpanan_lembaga_lain", Label: Text{"Tabungan, simpanan dan deposito di bank dan koperasi lain", "Placements with banks and other cooperatives"}, Class: ClassAset},
	{Code: "surat_berharga", Label: Text{"Surat berharga", "Securities"}, Class: ClassAset},
	{Code: "pinjaman_anggota", Label: Text{"Pinjaman yang diberikan kepada anggota", "Loans to members (gross)"}, Class: ClassAset, SavingsLoan: true},
	{Code: "pinjaman_non_anggota", Label: Text{"Pinjaman kepada calon anggota, koperasi lain dan anggotanya", "Loans to non-members (gross)"}, Class: ClassAset, SavingsLoan: true},
	{Code: "ppap", Label: Text{"Penyisihan penghapusan pinjaman (PPAP)", "Loan-loss allowance"}, Class: ClassKontraAset, SavingsLoan: true},
	{Code: "piutang_usaha", Label: Text{"Piutang usaha", "Trade receivables"}, Class: ClassAset},
	{Code: "persediaan", Label: Text{"Persediaan", "Inventory"}, Class: ClassAset},
	{Code: "pendapatan_ymh_diterima", Label: Text{"Pendapatan yang masih harus diterima", "Accrued income"}, Class: ClassAset},
	{Code: "beban_dibayar_dimuka", Label: Text{"Beban dibayar di muka", "Prepaid expenses"}, Class: ClassAset},
	{Code: "aset_lancar_lain", Label: Text{"Aset lancar lain", "Other current assets"}, Class: ClassAset},
	{Code: "penyertaan", Label: Text{"Penyertaan pada koperasi sekunder, anggota dan pihak lain", "Equity investments"}, Class: ClassAset},
	{Code: "aset_tetap_bruto", Label: Text{"Aset tetap (harga perolehan)", "Fixed assets at cost"}, Class: ClassAset},
	{Code: "akumulasi_penyusutan", Label: Text{"Akumulasi penyusutan", "Accumulated depreciation"}, Class: ClassKontraAset},
	{Code: "aset_lain", Label: Text{"Aset lain-lain", "Other assets"}, Class: ClassAset},
	{Code: "total_aset", Label: Text{"Total aset", "Total assets"}, Class: ClassTotal, Derived: true},

	{Code: "simpanan_sukarela", Label: Text{"Simpanan sukarela / tabungan koperasi", "Voluntary savings"}, Class: ClassKewajibanPendek},
	{Code: "simpanan_berjangka_pendek", Label: Text{"Simpanan berjangka (≤ 12 bulan)", "Time deposits (≤ 12 months)"}, Class: ClassKewajibanPendek},
	{Code: "dana_diterima_pendek", Label: Text{"Dana yang diterima (jangka pendek)", "Borrowings (short term)"}, Class: ClassKewajibanPendek},
	{Code: "utang_usaha", Label: Text{"Utang usaha", "Trade payables"}, Class: ClassKewajibanPendek},
	{Code: "beban_ymh_dibayar", Label: Text{"Beban yang masih harus dibayar", "Accrued expenses"}, Class: ClassKewajibanPendek},
	{Code: "utang_pajak", Label: Text{"Utang pajak", "Tax payable"}, Class: ClassKewajibanPendek},
	{Code: "dana_bagian_shu", Label: Text{"Dana-dana bagian SHU belum dibayar", "SHU funds payable"}, Class: ClassKewajibanPendek},
	{Code: "kewajiban_lain", Label: Text{"Kewajiban lain-lain", "Other liabilities"}, Class: ClassKewajibanPendek},
	{Code: "kewajiban_lancar", Label: Text{"Jumlah kewajiban lancar", "Total current liabilities"}, Class: ClassTotal, Derived: true},
	{Code: "simpanan_berjangka_panjang", Label: Text{"Simpanan berjangka (> 12 bulan)", "Time deposits (> 12 months)"}, Class: ClassKewajibanPanjang},
	{Code: "dana_diterima_panjang", Label: Text{"Dana yang diterima (jangka panjang: bank, LPDB, koperasi lain)", "Borrowings (long term)"}, Class: ClassKewajibanPanjang},
	{Code: "total_kewajiban", Label: Text{"Total kewajiban", "Total liabilities"}, Class: ClassTotal, Derived: true},

	{Code: "simpanan_pokok", Label: Text{"Simpanan pokok", "Entrance shares"}, Class: ClassEkuitas},
	{Code: "simpanan_wajib", Label: Text{"Simpanan wajib", "Mandatory shares"}, Class: ClassEkuitas},
	{Code: "simpanan_setara_wajib", Label: Text{"Simpanan lain setara simpanan wajib", "Other member equity"}, Class: ClassEkuitas},
	{Code: "modal_penyetaraan", Label: Text{"Modal penyetaraan", "Equalisation capital"}, Class: ClassEkuitas},
	{Code: "modal_penyertaan", Label: Text{"Modal penyertaan", "Participation capital"}, Class: ClassEkuitas},
	{Code: "hibah", Label: Text{"Hibah / modal sumbangan", "Grants"}, Class: ClassEkuitas},
	{Code: "cadangan_umum", Label: Text{"Cadangan umum", "General reserve"}, Class: ClassEkuitas},
	{Code: "cadangan_tujuan_risiko", Label: Text{"Cadangan tujuan risiko", "Risk reserve"}, Class: ClassEkuitas},
	{Code: "shu_belum_dibagi", Label: Text{"SHU tahun berjalan / belum dibagi", "Current-year surplus"}, Class: ClassEkuitas, MayBeNegative: true},
	{Code: "total_ekuitas", Label: Text{"Total ekuitas", "Total equity"}, Class: ClassTotal, Derived: true, MayBeNegative: true},
}

// PHULines are the lines of the SHU statement (A.3), in reading order.
// beban_usaha is derived from its components when any is given.
var PHULines = []LineItem{
	{Code: "partisipasi_bruto", Label: Text{"Partisipasi bruto anggota", "Gross member participation"}},
	{Code: "beban_pokok_anggota", Label: Text{"Beban pokok anggota", "Cost of member services"}},
	{Code: "partisipasi_neto", Label: Text{"Partisipasi neto", "Net member participation"}, Derived: true, MayBeNegative: true},
	{Code: "pendapatan_non_anggota", Label: Text{"Pendapatan dari non-anggota", "Revenue from non-members"}},
	{Code: "beban_pokok_non_anggota", Label: Text{"Beban pokok non-anggota", "Cost of non-member business"}},
	{Code: "shu_kotor", Label: Text{"SHU kotor", "Gross surplus"}, Derived: true, MayBeNegative: true},
	{Code: "beban_karyawan", Label: Text{"Beban karyawan (gaji, honor, tunjangan)", "Staff costs"}},
	{Code: "beban_adm_umum", Label: Text{"Beban administrasi dan umum", "Administrative expenses"}},
	{Code: "beban_penyusutan", Label: Text{"Beban penyusutan", "Depreciation"}},
	{Code: "beban_ppap", Label: Text{"Beban penyisihan penghapusan pinjaman", "Loan-loss provision expense"}},
	{Code: "beban_usaha_lain", Label: Text{"Beban usaha lain", "Other operating expenses"}},
	{Code: "beban_usaha", Label: Text{"Jumlah beban usaha", "Total operating expenses"}, Derived: true},
	{Code: "beban_usaha_bagi_anggota", Label: Text{"Beban usaha bagi anggota", "Operating expenses for member services"}},
	{Code: "beban_perkoperasian", Label: Text{"Beban perkoperasian (RAT, pendidikan, pengurus/pengawas)", "Cooperative expenses"}},
	{Code: "pendapatan_lain", Label: Text{"Pendapatan lain-lain", "Other income"}},
	{Code: "beban_lain", Label: Text{"Beban lain-lain", "Other expenses"}},
	{Code: "shu_sebelum_pajak", Label: Text{"SHU sebelum pajak", "Surplus before tax"}, Derived: true, MayBeNegative: true},
	{Code: "pajak", Label: Text{"Pajak penghasilan", "Income tax"}},
	{Code: "shu_setelah_pajak", Label: Text{"SHU setelah pajak", "Surplus after tax"}, Derived: true, MayBeNegative: true},
}

// bebanUsahaParts are the components of beban_usaha.
var bebanUsahaParts = []string{"beban_karyawan", "beban_adm_umum", "beban_penyusutan", "beban_ppap", "beban_usaha_lain"}

// KolektibilitasLines are the loan-quality buckets (A.5), outstanding
// amounts; the savings-and-loan kinds only.
var KolektibilitasLines = []LineItem{
	{Code: "lancar", Label: Text{"Lancar", "Current"}, SavingsLoan: true},
	{Code: "kurang_lancar", Label: Text{"Kurang lancar", "Substandard"}, SavingsLoan: true},
	{Code: "diragukan", Label: Text{"Diragukan", "Doubtful"}, SavingsLoan: true},
	{Code: "macet", Label: Text{"Macet", "Loss"}, SavingsLoan: true},
}

// ScheduleLines are the supplementary schedules (A.6): the loan figures
// for the savings-and-loan kinds, staff and offices, the prior year's
// totals for the growth indicators, and what the cross-checks need. Counts
// are whole numbers, the rest rupiah.
var ScheduleLines = []LineItem{
	{Code: "pinjaman_berisiko", Label: Text{"Pinjaman berisiko (agunan/penjamin tidak memadai)", "Loans at risk (inadequate collateral or guarantee)"}, SavingsLoan: true},
	{Code: "volume_pinjaman", Label: Text{"Volume pinjaman disalurkan selama tahun buku", "Loans disbursed during the year"}, SavingsLoan: true},
	{Code: "volume_pinjaman_anggota", Label: Text{"Volume pinjaman disalurkan kepada anggota", "Loans disbursed to members"}, SavingsLoan: true},
	{Code: "meppp", Label: Text{"MEPPP (manfaat ekonomi partisipasi pemanfaatan pelayanan)", "Members' economic benefit from using the services"}, SavingsLoan: true},
	{Code: "pelanggaran_bmpp", Label: Text{"Jumlah pinjaman melampaui BMPP", "Loans beyond the lending limit (count)"}, SavingsLoan: true, Count: true},
	{Code: "pinjaman_macet_tahun_lalu", Label: Text{"Pinjaman macet tahun lalu", "Loss loans of the prior year"}, SavingsLoan: true},
	{Code: "penagihan_macet", Label: Text{"Penagihan pinjaman macet tahun lalu", "Recovered loss loans of the prior year"}, SavingsLoan: true},
	{Code: "jumlah_karyawan", Label: Text{"Jumlah karyawan", "Employees"}, Count: true},
	{Code: "jumlah_kantor", Label: Text{"Jumlah kantor (pusat dan cabang)", "Offices (head and branches)"}, Count: true},
	{Code: "simpanan_pokok_per_anggota", Label: Text{"Nominal simpanan pokok per anggota (AD/ART)", "Entrance share per member (articles)"}},
	{Code: "shu_dibagi_interim", Label: Text{"SHU yang sudah dibagi sebelum akhir tahun", "Surplus distributed before the year end"}},
	{Code: "aset_tahun_lalu", Label: Text{"Total aset tahun lalu", "Total assets, prior year"}},
	{Code: "ekuitas_tahun_lalu", Label: Text{"Ekuitas tahun lalu", "Equity, prior year"}},
	{Code: "modal_sendiri_tahun_lalu", Label: Text{"Modal sendiri tahun lalu", "Own capital, prior year"}},
	{Code: "simpanan_tahun_lalu", Label: Text{"Simpanan anggota tahun lalu", "Member savings, prior year"}},
	{Code: "pinjaman_tahun_lalu", Label: Text{"Pinjaman diberikan tahun lalu", "Loans outstanding, prior year"}, SavingsLoan: true},
	{Code: "shu_tahun_lalu", Label: Text{"SHU tahun lalu", "Surplus, prior year"}, MayBeNegative: true},
	{Code: "anggota_tahun_lalu", Label: Text{"Jumlah anggota tahun lalu", "Members, prior year"}, Count: true},
}

// MemberLines are the membership movement (A.8), counts of people.
var MemberLines = []LineItem{
	{Code: "anggota_awal", Label: Text{"Anggota awal tahun", "Members at the start of the year"}, Count: true},
	{Code: "anggota_masuk", Label: Text{"Anggota masuk", "Members joined"}, Count: true},
	{Code: "anggota_keluar", Label: Text{"Anggota keluar", "Members left"}, Count: true},
	{Code: "anggota_akhir", Label: Text{"Anggota akhir tahun", "Members at the end of the year"}, Count: true},
	{Code: "anggota_akhir_pria", Label: Text{"Anggota akhir tahun: laki-laki", "Members at the end: men"}, Count: true},
	{Code: "anggota_akhir_wanita", Label: Text{"Anggota akhir tahun: perempuan", "Members at the end: women"}, Count: true},
	{Code: "anggota_aktif", Label: Text{"Anggota aktif (bertransaksi)", "Active members (transacting)"}, Count: true},
	{Code: "calon_anggota", Label: Text{"Calon anggota", "Prospective members"}, Count: true},
}

// ReportSection is one statement of the annual report: its JSON key, its
// label and its lines.
type ReportSection struct {
	Key   string
	Label Text
	Lines []LineItem
}

// ReportSections lists the statements in the order of the form.
var ReportSections = []ReportSection{
	{"neraca", Text{"Neraca", "Balance sheet"}, NeracaLines},
	{"phu", Text{"Perhitungan hasil usaha (PHU)", "SHU statement"}, PHULines},
	{"kolektibilitas", Text{"Kolektibilitas pinjaman", "Loan quality"}, KolektibilitasLines},
	{"schedules", Text{"Daftar pendukung", "Supplementary schedules"}, ScheduleLines},
	{"members", Text{"Perkembangan anggota", "Membership movement"}, MemberLines},
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
