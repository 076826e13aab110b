package supervision

import "bina"

// The built-in rule sets. They are data: the store seeds them as version 1
// and a supervisor may adopt corrected versions; code never branches on
// their ids.

// BuiltinHealthRuleSets returns the built-in rule sets, freshly built so
// that callers may change them.
func BuiltinHealthRuleSets() []*HealthRuleSet {
	return []*HealthRuleSet{perdep062016(), juknis152021()}
}

// aggregateTerms are the terms shared by both regimes (KOPERASI.md A.4,
// A.9), with the line codes of NeracaLines and PHULines.
func healthAggregates() []HealthAggregate {
	return []HealthAggregate{
		{Code: "total_aset", Label: bina.Text{ID: "Total aset", EN: "Total assets"}, Terms: []HealthTerm{
			term("neraca.kas", 1), term("neraca.bank", 1), term("neraca.simpanan_lembaga_lain", 1), term("neraca.surat_berharga", 1),
			term("neraca.pinjaman_anggota", 1), term("neraca.pinjaman_non_anggota", 1), term("neraca.ppap", -1),
			term("neraca.piutang_usaha", 1), term("neraca.persediaan", 1), term("neraca.pendapatan_ymh_diterima", 1),
			term("neraca.beban_dibayar_dimuka", 1), term("neraca.aset_lancar_lain", 1), term("neraca.penyertaan", 1),
			term("neraca.aset_tetap_bruto", 1), term("neraca.akumulasi_penyusutan", -1), term("neraca.aset_lain", 1)}},
		sum("kewajiban_lancar", "Kewajiban lancar", "Current liabilities",
			"neraca.simpanan_sukarela", "neraca.simpanan_berjangka_pendek", "neraca.dana_diterima_pendek", "neraca.utang_usaha",
			"neraca.beban_ymh_dibayar", "neraca.utang_pajak", "neraca.dana_bagian_shu", "neraca.kewajiban_lain"),
		sum("total_kewajiban", "Total kewajiban", "Total liabilities",
			"agg.kewajiban_lancar", "neraca.simpanan_berjangka_panjang", "neraca.dana_diterima_panjang"),
		sum("ekuitas", "Total ekuitas", "Total equity",
			"neraca.simpanan_pokok", "neraca.simpanan_wajib", "neraca.simpanan_setara_wajib", "neraca.modal_penyetaraan",
			"neraca.modal_penyertaan", "neraca.hibah", "neraca.cadangan_umum", "neraca.cadangan_tujuan_risiko", "neraca.shu_belum_dibagi"),
		{Code: "modal_sendiri", Label: bina.Text{ID: "Modal sendiri", EN: "Own capital"}, Terms: []HealthTerm{
			term("neraca.simpanan_pokok", 1), term("neraca.simpanan_wajib", 1), term("neraca.simpanan_setara_wajib", 1),
			term("neraca.modal_penyetaraan", 1), term("neraca.hibah", 1), term("neraca.cadangan_umum", 1),
			term("neraca.cadangan_tujuan_risiko", 1), term("neraca.modal_penyertaan", 0.5),
			{Source: "neraca.shu_belum_dibagi", Factor: 1, When: "modal_sendiri_shu=termasuk"}}},
		sum("pinjaman_diberikan", "Pinjaman diberikan", "Loans outstanding", "neraca.pinjaman_anggota", "neraca.pinjaman_non_anggota"),
		{Code: "modal_tertimbang", Label: bina.Text{ID: "Modal tertimbang", EN: "Weighted capital"}, Terms: []HealthTerm{
			term("neraca.simpanan_pokok", 1), term("neraca.simpanan_wajib", 1), term("neraca.simpanan_setara_wajib", 1),
			term("neraca.modal_penyetaraan", 1), term("neraca.modal_penyertaan", 0.5), term("neraca.cadangan_umum", 1),
			term("neraca.cadangan_tujuan_risiko", 0.5), term("neraca.hibah", 1), term("neraca.shu_belum_dibagi", 0.5),
			term("neraca.simpanan_sukarela", 0.5), term("neraca.simpanan_berjangka_pendek", 0.5), term("neraca.simpanan_berjangka_panjang", 0.5),
			term("neraca.beban_ymh_dibayar", 0.5), term("neraca.dana_diterima_pendek", 0.5), term("neraca.dana_diterima_panjang", 0.5),
			term("neraca.dana_bagian_shu", 0.5), term("neraca.kewajiban_lain", 0.5), term("neraca.utang_usaha", 0.5), term("neraca.utang_pajak", 0.5)}},
		{Code: "atmr", Label: bina.Text{ID: "Aktiva tertimbang menurut risiko (ATMR)", EN: "Risk-weighted assets"}, Terms: []HealthTerm{
			term("neraca.simpanan_lembaga_lain", 0.2), term("neraca.surat_berharga", 0.5),
			term("neraca.pinjaman_anggota", 1), term("neraca.pinjaman_non_anggota", 1),
			{Source: "neraca.ppap", Factor: -1, When: "atmr_pinjaman=neto"},
			term("neraca.penyertaan", 1), term("neraca.pendapatan_ymh_diterima", 0.5),
			term("neraca.aset_tetap_bruto", 0.7), term("neraca.akumulasi_penyusutan", -0.7)}},
		{Code: "rpm", Label: bina.Text{ID: "Risiko pinjaman bermasalah (RPM)", EN: "Risk of problem loans"}, Terms: []HealthTerm{
			term("kolektibilitas.kurang_lancar", 0.5), term("kolektibilitas.diragukan", 0.75), term("kolektibilitas.macet", 1)}},
		sum("pinjaman_bermasalah", "Pinjaman bermasalah (KL + D + M)", "Problem loans", "kolektibilitas.kurang_lancar", "kolektibilitas.diragukan", "kolektibilitas.macet"),
		sum("cadangan_risiko", "Cadangan risiko", "Risk reserves", "neraca.cadangan_tujuan_risiko", "neraca.ppap"),
		sum("pinjaman_berisiko", "Pinjaman berisiko", "Loans at risk", "schedules.pinjaman_berisiko"),
		sum("volume_pinjaman", "Volume pinjaman disalurkan", "Loans disbursed", "schedules.volume_pinjaman"),
		sum("volume_pinjaman_anggota", "Volume pinjaman kepada anggota", "Loans disbursed to members", "schedules.volume_pinjaman_anggota"),
		sum("kas_bank", "Kas dan bank", "Cash and bank", "neraca.kas", "neraca.bank"),
		{Code: "dana_yang_diterima", Label: bina.Text{ID: "Dana yang diterima", EN: "Funds received"}, Terms: []HealthTerm{
			{Source: "agg.total_kewajiban", Factor: 1, When: "dana_yang_diterima=A"},
			{Source: "agg.ekuitas", Factor: 1, When: "dana_yang_diterima=A"},
			{Source: "neraca.beban_ymh_dibayar", Factor: -1, When: "dana_yang_diterima=A"},
			{Source: "neraca.shu_belum_dibagi", Factor: -1, When: "dana_yang_diterima=A"},
			{Source: "neraca.simpanan_sukarela", Factor: 1, When: "dana_yang_diterima=B"},
			{Source: "neraca.simpanan_berjangka_pendek", Factor: 1, When: "dana_yang_diterima=B"},
			{Source: "neraca.simpanan_berjangka_panjang", Factor: 1, When: "dana_yang_diterima=B"},
			{Source: "neraca.dana_diterima_pendek", Factor: 1, When: "dana_yang_diterima=B"},
			{Source: "neraca.dana_diterima_panjang", Factor: 1, When: "dana_yang_diterima=B"}}},
		sum("partisipasi_bruto", "Partisipasi bruto", "Gross participation", "phu.partisipasi_bruto"),
		{Code: "partisipasi_neto", Label: bina.Text{ID: "Partisipasi neto", EN: "Net participation"}, Terms: []HealthTerm{
			term("phu.partisipasi_bruto", 1), term("phu.beban_pokok_anggota", -1)}},
		{Code: "shu_kotor", Label: bina.Text{ID: "SHU kotor", EN: "Gross surplus"}, Terms: []HealthTerm{
			term("agg.partisipasi_neto", 1), term("phu.pendapatan_non_anggota", 1), term("phu.beban_pokok_non_anggota", -1)}},
		sum("beban_usaha", "Beban usaha", "Operating expenses",
			"phu.beban_karyawan", "phu.beban_adm_umum", "phu.beban_penyusutan", "phu.beban_ppap", "phu.beban_usaha_lain"),
		sum("beban_karyawan", "Beban karyawan", "Staff costs", "phu.beban_karyawan"),
		sum("beban_usaha_perkoperasian", "Beban usaha + beban perkoperasian", "Operating and cooperative expenses", "agg.beban_usaha", "phu.beban_perkoperasian"),
		sum("beban_operasi_anggota", "Beban operasi anggota", "Member operating expenses", "phu.beban_pokok_anggota", "phu.beban_usaha_bagi_anggota", "phu.beban_perkoperasian"),
		{Code: "shu_sebelum_pajak", Label: bina.Text{ID: "SHU sebelum pajak", EN: "Surplus before tax"}, Terms: []HealthTerm{
			term("agg.shu_kotor", 1), term("agg.beban_usaha", -1), term("phu.beban_perkoperasian", -1), term("phu.pendapatan_lain", 1), term("phu.beban_lain", -1)}},
		{Code: "shu_setelah_pajak", Label: bina.Text{ID: "SHU setelah pajak", EN: "Surplus after tax"}, Terms: []HealthTerm{
			term("agg.shu_sebelum_pajak", 1), term("phu.pajak", -1)}},
		sum("pendapatan", "Partisipasi bruto + pendapatan non-anggota", "Gross participation and non-member revenue", "phu.partisipasi_bruto", "phu.pendapatan_non_anggota"),
		sum("shu_bagian_anggota", "SHU bagian anggota (jasa modal + jasa usaha)", "Members' share of SHU", "shu.jasa_modal", "shu.jasa_usaha"),
		sum("pea", "Promosi ekonomi anggota (MEPPP + SHU bagian anggota)", "Members' economic promotion", "schedules.meppp", "agg.shu_bagian_anggota"),
		sum("simpanan_pokok_wajib", "Simpanan pokok + simpanan wajib", "Entrance and mandatory shares", "neraca.simpanan_pokok", "neraca.simpanan_wajib"),
		sum("modal_anggota", "Modal sendiri dari anggota", "Members' own capital", "neraca.simpanan_pokok", "neraca.simpanan_wajib", "neraca.simpanan_setara_wajib"),
		sum("simpanan", "Simpanan sukarela dan berjangka", "Voluntary and time deposits", "neraca.simpanan_sukarela", "neraca.simpanan_berjangka_pendek", "neraca.simpanan_berjangka_panjang"),
		sum("cadangan_dari_shu", "Penyisihan cadangan dari SHU", "Reserve set aside from SHU", "shu.cadangan"),
		sum("ppap", "Penyisihan penghapusan pinjaman", "Loan-loss allowance", "neraca.ppap"),
		sum("lancar", "Pinjaman lancar", "Current loans", "kolektibilitas.lancar"),
		sum("macet", "Pinjaman macet", "Loss loans", "kolektibilitas.macet"),
		// Growth: this year less last year, from the prior report or the
		// schedule's prior-year figures (parameter sumber_tahun_lalu).
		growth("pertumbuhan_modal_sendiri", "modal_sendiri"),
		growth("pertumbuhan_aset", "total_aset"),
		growth("pertumbuhan_modal_anggota", "modal_anggota"),
		growth("pertumbuhan_simpanan", "simpanan"),
		growth("pertumbuhan_ekuitas", "ekuitas"),
		lastYear("modal_sendiri", "modal_sendiri_tahun_lalu"),
		lastYear("total_aset", "aset_tahun_lalu"),
		lastYear("modal_anggota", ""),
		lastYear("simpanan", "simpanan_tahun_lalu"),
		lastYear("ekuitas", "ekuitas_tahun_lalu"),
		sum("rat_diadakan", "RAT tahun buku diadakan", "RAT held", "rat.diadakan"),
	}
}

// lastYear is an aggregate's prior-year value: from the prior report
// (falling back to the schedule line that reports it when there is no
// prior report), or from the schedule line alone.
func lastYear(agg, schedule string) HealthAggregate {
	a := HealthAggregate{Code: agg + "_lalu", Label: bina.Text{ID: agg + " tahun lalu", EN: agg + ", prior year"}}
	if schedule == "" {
		a.Terms = []HealthTerm{term("prior.agg."+agg, 1)}
		return a
	}
	a.Terms = []HealthTerm{
		{Source: "prior.agg." + agg, Factor: 1, When: "sumber_tahun_lalu=laporan"},
		{Source: "schedules." + schedule, Factor: 1, When: "sumber_tahun_lalu=daftar"},
	}
	a.Fallback = "schedules." + schedule
	return a
}

// growth is this year's aggregate less last year's.
func growth(code, agg string) HealthAggregate {
	return HealthAggregate{Code: code, Label: bina.Text{ID: "Kenaikan " + agg, EN: "Growth of " + agg}, Terms: []HealthTerm{
		term("agg."+agg, 1), term("agg."+agg+"_lalu", -1)}}
}

// healthParameters are the choices shared by both regimes.
func healthSharedParameters() []HealthParameter {
	return []HealthParameter{
		{Code: "modal_sendiri_shu", Label: bina.Text{ID: "SHU belum dibagi dihitung dalam modal sendiri", EN: "Undistributed SHU counts as own capital"}, Options: []string{"termasuk", "tidak"}, Value: "termasuk", Verify: true},
		{Code: "atmr_pinjaman", Label: bina.Text{ID: "Pinjaman dalam ATMR: bruto atau setelah PPAP", EN: "Loans in ATMR: gross or net of the allowance"}, Options: []string{"bruto", "neto"}, Value: "bruto", Verify: true},
		{Code: "dana_yang_diterima", Label: bina.Text{ID: "Definisi dana yang diterima (A.4): A = total pasiva − beban ymh dibayar − SHU belum dibagi; B = simpanan + dana yang diterima", EN: "Funds received (A.4): A = total liabilities and equity less accrued expenses and SHU; B = savings and borrowings"}, Options: []string{"A", "B"}, Value: "A", Verify: true},
		{Code: "sumber_tahun_lalu", Label: bina.Text{ID: "Angka tahun lalu dari laporan tahun lalu atau dari daftar pendukung", EN: "Prior-year figures from the prior report or the schedules"}, Options: []string{"laporan", "daftar"}, Value: "laporan"},
	}
}

func perdep062016() *HealthRuleSet {
	params := append(healthSharedParameters(),
		HealthParameter{Code: "tabel_1b", Label: bina.Text{ID: "Tabel 1b: pita batas bawah [10,20) → 10, pita batas atas (0,10] → 10, atau kontinu nilai = x", EN: "Table 1b: lower-bound bands, upper-bound bands or continuous"}, Options: []string{"batas_bawah", "batas_atas", "kontinu"}, Value: "batas_bawah", Verify: true},
		HealthParameter{Code: "tabel_2b", Label: bina.Text{ID: "Komponen 2b: tabel atau aturan +2 per 1% di bawah 45", EN: "Component 2b: table or +2 per 1% below 45"}, Options: []string{"tabel", "aturan"}, Value: "tabel", Verify: true},
		HealthParameter{Code: "tabel_2c", Label: bina.Text{ID: "Komponen 2c: pita 10 poin atau kontinu", EN: "Component 2c: 10-point bands or continuous"}, Options: []string{"pita", "kontinu"}, Value: "pita", Verify: true},
		HealthParameter{Code: "tabel_5b", Label: bina.Text{ID: "Tabel 5b: ambang 60/70/80/90 atau 50/75/100", EN: "Table 5b: thresholds 60/70/80/90 or 50/75/100"}, Options: []string{"60-70-80-90", "50-75-100"}, Value: "60-70-80-90", Verify: true},
		HealthParameter{Code: "tabel_6c", Label: bina.Text{ID: "Komponen 6c: empat tingkat atau dua tingkat", EN: "Component 6c: four levels or two"}, Options: []string{"empat", "dua"}, Value: "empat", Verify: true},
	)
	return &HealthRuleSet{
		ID: "PERDEP-06-2016", Version: 1, Family: "konvensional", Builtin: true,
		Name:       bina.Text{ID: "Penilaian kesehatan KSP/USP (Perdep 06/2016)", EN: "Health assessment of KSP/USP (Perdep 06/2016)"},
		Source:     "Peraturan Deputi Bidang Pengawasan Nomor 06/Per/Dep.6/IV/2016",
		Jenises:    []string{"KSP", "USP"},
		Scoring:    "bobot",
		Parameters: params,
		Aggregates: healthAggregates(),
		Aspects: []HealthAspect{
			{Code: "1", Name: bina.Text{ID: "Permodalan", EN: "Capital"}, Bobot: 15, Components: []HealthComponent{
				ratio("1a", "Rasio modal sendiri terhadap total aset", "Own capital to total assets", "modal_sendiri", "total_aset", 6, fallback(0, false),
					bands(below(0, true, 0), leftOpen(0, 20, 25), leftOpen(20, 40, 50), leftOpen(40, 60, 100), leftOpen(60, 80, 50), above(80, false, 25))),
				ratio("1b", "Rasio modal sendiri terhadap pinjaman diberikan yang berisiko", "Own capital to loans at risk", "modal_sendiri", "pinjaman_berisiko", 6, fallback(100, true),
					[]HealthBandTable{
						{When: "tabel_1b=batas_bawah", Bands: tens(false)},
						{When: "tabel_1b=batas_atas", Bands: tens(true)},
						{When: "tabel_1b=kontinu", Linear: &HealthLinear{Slope: 1, Max: 100}},
					}),
				ratio("1c", "Rasio kecukupan modal sendiri (CAR)", "Capital adequacy ratio", "modal_tertimbang", "atmr", 3, fallback(0, true),
					bands(below(4, false, 0), rightOpen(4, 6, 50), rightOpen(6, 8, 75), above(8, true, 100))),
			}},
			{Code: "2", Name: bina.Text{ID: "Kualitas Aktiva Produktif", EN: "Quality of earning assets"}, Bobot: 25, Components: []HealthComponent{
				ratio("2a", "Rasio volume pinjaman pada anggota terhadap volume pinjaman diberikan", "Loans to members to all loans disbursed", "volume_pinjaman_anggota", "volume_pinjaman", 10, fallback(0, true),
					bands(below(25, true, 0), leftOpen(25, 50, 50), leftOpen(50, 75, 75), above(75, false, 100))),
				ratio("2b", "Rasio risiko pinjaman bermasalah terhadap pinjaman diberikan", "Risk of problem loans to loans outstanding", "rpm", "pinjaman_diberikan", 5, fallback(0, true),
					[]HealthBandTable{
						{When: "tabel_2b=tabel", Bands: []HealthBand{below(0, true, 100), leftOpen(0, 10, 80), leftOpen(10, 20, 60), leftOpen(20, 30, 40), leftOpen(30, 40, 20), leftOpen(40, 45, 10), above(45, false, 0)}},
						{When: "tabel_2b=aturan", Linear: &HealthLinear{Intercept: 90, Slope: -2, Min: 0, Max: 100}},
					}),
				ratio("2c", "Rasio cadangan risiko terhadap risiko pinjaman bermasalah", "Risk reserves to the risk of problem loans", "cadangan_risiko", "rpm", 5, fallback(100, true),
					[]HealthBandTable{
						{When: "tabel_2c=pita", Bands: tensUpper()},
						{When: "tabel_2c=kontinu", Linear: &HealthLinear{Slope: 1, Max: 100}},
					}),
				ratio("2d", "Rasio pinjaman yang berisiko terhadap pinjaman yang diberikan", "Loans at risk to loans outstanding", "pinjaman_berisiko", "pinjaman_diberikan", 5, fallback(100, true),
					bands(below(21, true, 100), leftOpen(21, 26, 75), leftOpen(26, 30, 50), above(30, false, 25))),
			}},
			{Code: "3", Name: bina.Text{ID: "Manajemen", EN: "Management"}, Bobot: 15, Components: []HealthComponent{
				questionnaire("3a", "Manajemen umum", "General management", "umum", 3),
				questionnaire("3b", "Kelembagaan", "Organisation", "kelembagaan", 3),
				questionnaire("3c", "Manajemen permodalan", "Capital management", "permodalan", 3),
				questionnaire("3d", "Manajemen aktiva", "Asset management", "aktiva", 3),
				questionnaire("3e", "Manajemen likuiditas", "Liquidity management", "likuiditas", 3),
			}},
			{Code: "4", Name: bina.Text{ID: "Efisiensi", EN: "Efficiency"}, Bobot: 10, Components: []HealthComponent{
				ratio("4a", "Rasio beban operasi anggota terhadap partisipasi bruto", "Member operating expenses to gross participation", "beban_operasi_anggota", "partisipasi_bruto", 4, fallback(25, true),
					bands(below(90, false, 100), rightOpen(90, 95, 75), rightOpen(95, 100, 50), above(100, true, 25))),
				ratio("4b", "Rasio beban usaha terhadap SHU kotor", "Operating expenses to gross surplus", "beban_usaha", "shu_kotor", 4, fallback(25, true),
					bands(below(40, true, 100), leftOpen(40, 60, 75), leftOpen(60, 80, 50), above(80, false, 25))),
				ratio("4c", "Rasio efisiensi pelayanan", "Service efficiency", "beban_karyawan", "volume_pinjaman", 2, fallback(0, true),
					bands(below(5, false, 100), rightOpen(5, 10, 75), rightOpen(10, 15, 50), above(15, true, 0))),
			}},
			{Code: "5", Name: bina.Text{ID: "Likuiditas", EN: "Liquidity"}, Bobot: 15, Components: []HealthComponent{
				ratio("5a", "Rasio kas", "Cash ratio", "kas_bank", "kewajiban_lancar", 10, fallback(25, true),
					bands(below(10, true, 25), leftOpen(10, 15, 100), leftOpen(15, 20, 50), above(20, false, 25))),
				ratio("5b", "Rasio pinjaman yang diberikan terhadap dana yang diterima", "Loans to funds received", "pinjaman_diberikan", "dana_yang_diterima", 5, fallback(25, true),
					[]HealthBandTable{
						{When: "tabel_5b=60-70-80-90", Bands: []HealthBand{below(60, false, 25), rightOpen(60, 70, 50), rightOpen(70, 80, 75), rightOpen(80, 90, 100), above(90, true, 100)}},
						{When: "tabel_5b=50-75-100", Bands: []HealthBand{below(50, false, 25), rightOpen(50, 75, 50), rightOpen(75, 100, 75), above(100, true, 100)}},
					}),
			}},
			{Code: "6", Name: bina.Text{ID: "Kemandirian dan Pertumbuhan", EN: "Independence and growth"}, Bobot: 10, Components: []HealthComponent{
				ratio("6a", "Rentabilitas aset", "Return on assets", "shu_sebelum_pajak", "total_aset", 3, fallback(25, true),
					bands(below(5, false, 25), rightOpen(5, 7.5, 50), rightOpen(7.5, 10, 75), above(10, true, 100))),
				ratio("6b", "Rentabilitas modal sendiri", "Return on own capital", "shu_bagian_anggota", "modal_sendiri", 3, fallback(25, true),
					bands(below(3, false, 25), rightOpen(3, 4, 50), rightOpen(4, 5, 75), above(5, true, 100))),
				ratio("6c", "Rasio kemandirian operasional pelayanan", "Operational self-reliance", "partisipasi_neto", "beban_usaha_perkoperasian", 4, fallback(25, true),
					[]HealthBandTable{
						{When: "tabel_6c=empat", Bands: []HealthBand{below(100, true, 25), open(100, 125, 50), rightOpen(125, 150, 75), above(150, true, 100)}},
						{When: "tabel_6c=dua", Bands: []HealthBand{below(100, true, 25), above(100, false, 100)}},
					}),
			}},
			{Code: "7", Name: bina.Text{ID: "Jatidiri Koperasi", EN: "Cooperative identity"}, Bobot: 10, Components: []HealthComponent{
				ratio("7a", "Rasio partisipasi bruto", "Gross participation ratio", "partisipasi_bruto", "pendapatan", 7, fallback(25, true),
					bands(below(25, false, 25), rightOpen(25, 50, 50), rightOpen(50, 75, 75), above(75, true, 100))),
				ratio("7b", "Rasio promosi ekonomi anggota (PEA)", "Members' economic promotion", "pea", "simpanan_pokok_wajib", 3, fallback(0, true),
					bands(below(5, false, 0), rightOpen(5, 7.5, 50), rightOpen(7.5, 10, 75), above(10, true, 100))),
			}},
		},
		Groups: []HealthQuestionGroup{
			{Code: "umum", Name: bina.Text{ID: "Manajemen umum", EN: "General management"}, ValuePerYes: 0.25},
			{Code: "kelembagaan", Name: bina.Text{ID: "Kelembagaan", EN: "Organisation"}, ValuePerYes: 0.5},
			{Code: "permodalan", Name: bina.Text{ID: "Manajemen permodalan", EN: "Capital management"}, ValuePerYes: 0.6},
			{Code: "aktiva", Name: bina.Text{ID: "Manajemen aktiva", EN: "Asset management"}, ValuePerYes: 0.3},
			{Code: "likuiditas", Name: bina.Text{ID: "Manajemen likuiditas", EN: "Liquidity management"}, ValuePerYes: 0.6},
		},
		Questions:  perdepQuestions(),
		Categories: healthCategories(""),
		Note:       "KOPERASI.md bagian B; pilihan B.11 sebagai parameter. Bobot jatidiri 7/3 (KSPPS 5/5) diubah dengan versi baru.",
	}
}

// healthCategories are the thresholds of B.9 (and C.2 item 6).
func healthCategories(when string) []HealthCategory {
	return []HealthCategory{
		{Code: "sehat", Min: fp(80), MinInclusive: true, When: when},
		{Code: "cukup_sehat", Min: fp(66), MinInclusive: true, When: when},
		{Code: "dalam_pengawasan", Min: fp(51), MinInclusive: true, When: when},
		{Code: "dalam_pengawasan_khusus", When: when},
	}
}

// tens is the 10-point table of 1b: lower-bound bands [10,20) → 10 …
// ≥ 100 → 100, or upper-bound bands (0,10] → 10 … (90,100] → 100.
func tens(upper bool) []HealthBand {
	if upper {
		return tensUpper()
	}
	out := []HealthBand{below(10, false, 0)}
	for l := 10.0; l < 100; l += 10 {
		out = append(out, rightOpen(l, l+10, l))
	}
	return append(out, above(100, true, 100))
}

// tensUpper is ≤ 0 → 0, (0,10] → 10 … (90,100] → 100, > 100 → 100.
func tensUpper() []HealthBand {
	out := []HealthBand{below(0, true, 0)}
	for l := 0.0; l < 100; l += 10 {
		out = append(out, leftOpen(l, l+10, l+10))
	}
	return append(out, above(100, false, 100))
}

func ratio(code, id, en, numerator, denominator string, bobot float64, fb *HealthFallback, tables []HealthBandTable) HealthComponent {
	return HealthComponent{Code: code, Name: bina.Text{ID: id, EN: en}, Kind: "rasio", Numerator: "agg." + numerator, Denominator: "agg." + denominator,
		Bobot: bobot, Tables: tables, ZeroDenominator: fb}
}

func questionnaire(code, id, en, group string, bobot float64) HealthComponent {
	return HealthComponent{Code: code, Name: bina.Text{ID: id, EN: en}, Kind: "kuesioner", Group: group, Bobot: bobot}
}

// perdepQuestions are the 38 questions of B.4, abridged from the form that
// transcribes the Lampiran (the exact wording is to be checked against
// the official text and adopted as a new version).
func perdepQuestions() []HealthQuestion {
	q := func(code, group, id string, pf *HealthPrefill) HealthQuestion {
		return HealthQuestion{Code: code, Group: group, Text: bina.Text{ID: id}, Prefill: pf}
	}
	return []HealthQuestion{
		q("Q1", "umum", "Koperasi memiliki visi, misi dan tujuan yang tertulis", nil),
		q("Q2", "umum", "Koperasi memiliki rencana kerja jangka panjang minimal 3 tahun yang dipakai sebagai acuan", nil),
		q("Q3", "umum", "Koperasi memiliki rencana kerja tahunan", nil),
		q("Q4", "umum", "Rencana kerja jangka pendek sesuai dengan rencana jangka panjang", nil),
		q("Q5", "umum", "Visi, misi, tujuan dan rencana kerja dipahami pengurus, pengawas, pengelola dan karyawan", nil),
		q("Q6", "umum", "Keputusan operasional diambil pengelola secara independen", nil),
		q("Q7", "umum", "Pengurus dan pengelola berkomitmen menangani masalah dan melakukan perbaikan", nil),
		q("Q8", "umum", "Ada tata tertib kerja SDM dan sarana kerja yang memadai", nil),
		q("Q9", "umum", "Pengurus tidak mencampuri operasional untuk kepentingan sendiri, keluarga atau kelompok", nil),
		q("Q10", "umum", "Anggota mampu meningkatkan permodalan koperasi", nil),
		q("Q11", "umum", "Pengurus, pengawas dan pengelola tidak melakukan hal yang menguntungkan diri sendiri", nil),
		q("Q12", "umum", "Pengurus mengawasi pengelola secara efektif", nil),
		q("Q13", "kelembagaan", "Bagan organisasi mencerminkan seluruh kegiatan, tanpa jabatan kosong atau rangkap", nil),
		q("Q14", "kelembagaan", "Ada rincian tugas (job specification) untuk setiap karyawan", nil),
		q("Q15", "kelembagaan", "Ada struktur yang berfungsi sebagai dewan pengawas", nil),
		q("Q16", "kelembagaan", "Koperasi memiliki SOM dan SOP", nil),
		q("Q17", "kelembagaan", "Kegiatan dijalankan sesuai SOM dan SOP", nil),
		q("Q18", "kelembagaan", "Ada sistem pengamanan dokumen penting", nil),
		q("Q19", "permodalan", "Pertumbuhan modal sendiri sama dengan atau lebih besar dari pertumbuhan aset",
			&HealthPrefill{Num: "agg.pertumbuhan_modal_sendiri", Den: "agg.modal_sendiri_lalu", Op: ">=", OtherNum: "agg.pertumbuhan_aset", OtherDen: "agg.total_aset_lalu"}),
		q("Q20", "permodalan", "Modal sendiri yang berasal dari anggota tumbuh sekurang-kurangnya 10% dari tahun sebelumnya",
			&HealthPrefill{Num: "agg.pertumbuhan_modal_anggota", Den: "agg.modal_anggota_lalu", Op: ">=", Value: 10}),
		q("Q21", "permodalan", "Penyisihan cadangan dari SHU sama dengan atau lebih besar dari ¼ SHU tahun berjalan",
			&HealthPrefill{Num: "agg.cadangan_dari_shu", Den: "agg.shu_setelah_pajak", Op: ">=", Value: 25}),
		q("Q22", "permodalan", "Simpanan dan simpanan berjangka naik sekurang-kurangnya 10% dari tahun sebelumnya",
			&HealthPrefill{Num: "agg.pertumbuhan_simpanan", Den: "agg.simpanan_lalu", Op: ">=", Value: 10}),
		q("Q23", "permodalan", "Investasi harta tetap, inventaris dan ekspansi kantor dibiayai dengan modal sendiri", nil),
		q("Q24", "aktiva", "Pinjaman lancar minimal 90% dari pinjaman yang diberikan",
			&HealthPrefill{Num: "agg.lancar", Den: "agg.pinjaman_diberikan", Op: ">=", Value: 90}),
		q("Q25", "aktiva", "Setiap pinjaman dilindungi agunan senilai pinjaman, kecuali pinjaman anggota sampai Rp 1 juta", nil),
		q("Q26", "aktiva", "Dana cadangan penghapusan pinjaman sama dengan atau lebih besar dari pinjaman macet tahunan",
			&HealthPrefill{Num: "agg.ppap", Den: "agg.macet", Op: ">=", Value: 100}),
		q("Q27", "aktiva", "Pinjaman macet tahun lalu dapat ditagih sekurang-kurangnya ⅓", nil),
		q("Q28", "aktiva", "Prosedur pemberian pinjaman diterapkan secara efektif [teks resmi diverifikasi]", nil),
		q("Q29", "aktiva", "Prosedur pinjaman, termasuk batas maksimum pemberian pinjaman (BMPP), diterapkan secara efektif", nil),
		q("Q30", "aktiva", "Keputusan pinjaman berdasarkan prinsip kehati-hatian (analisis kelayakan)", nil),
		q("Q31", "aktiva", "Keputusan pinjaman dan penempatan dana melalui komite", nil),
		q("Q32", "aktiva", "Ada pemantauan penggunaan pinjaman dan kepatuhan peminjam", nil),
		q("Q33", "aktiva", "Ada peninjauan, penilaian dan pengikatan agunan", nil),
		q("Q34", "likuiditas", "Ada kebijakan tertulis tentang pengendalian likuiditas", nil),
		q("Q35", "likuiditas", "Koperasi memiliki fasilitas pinjaman siaga dari lembaga lain", nil),
		q("Q36", "likuiditas", "Ada pedoman administrasi untuk memantau kewajiban yang jatuh tempo", nil),
		q("Q37", "likuiditas", "Kebijakan penghimpunan simpanan dan pemberian pinjaman sesuai kondisi keuangan", nil),
		q("Q38", "likuiditas", "Sistem informasi manajemen memadai untuk pemantauan likuiditas", nil),
	}
}
