package supervision

import (
	"bina"
	"fmt"
)

// juknis152021 is regime 2 (Permenkop UKM 9/2020 with Juknis 15/2021) as far
// as KOPERASI.md section C reaches: the ratio indicators whose tables were
// retrieved, the questionnaire indicators scored by the C.2 table, the
// aspect weights 30/15/40/15. Indicators whose tables were not retrieved
// are left out; they are added by adopting a new version once the Juknis
// is at hand. Butir texts not transcribed yet say so.
func juknis152021() *HealthRuleSet {
	b := &juknisBuilder{}
	verify := "[butir resmi KKPKK belum ditranskripsi]"

	// A. Tata Kelola: I Prinsip koperasi, II Kelembagaan, III Manajemen.
	tk := HealthAspect{Code: "A", Name: bina.Text{ID: "Tata Kelola", EN: "Governance"}, Bobot: 30}
	tk.Components = append(tk.Components,
		b.judged("A1", "Keanggotaan sukarela dan terbuka", "Voluntary and open membership",
			"AD/ART mengatur masuk dan keluar anggota secara sukarela",
			"Keanggotaan terbuka bagi semua golongan",
			"Anggota baru lebih banyak daripada anggota yang keluar",
			"Dokumen keanggotaan sah dan lengkap"),
		b.judgedRAT("A2", "Pengelolaan demokratis", "Democratic control", 5, verify),
		b.judgedN("A3", "Pembagian SHU adil sebanding jasa usaha", "Fair SHU distribution", 3, verify),
		b.judgedN("A4", "Balas jasa terbatas terhadap modal", "Limited return on capital", 3, verify+" [jumlah butir diverifikasi]"),
		b.judgedN("A5", "Kemandirian", "Autonomy", 4, verify),
		b.judgedN("A6", "Pendidikan perkoperasian", "Cooperative education", 4, verify),
		b.judgedN("A7", "Kerja sama antarkoperasi", "Cooperation among cooperatives", 3, verify+" [jumlah butir diverifikasi]"),
		b.judgedN("A8", "Legalitas badan hukum", "Legal entity", 3, verify),
		b.judgedN("A9", "Izin usaha simpan pinjam dan/atau pembiayaan", "Savings-and-loan licence", 7, verify),
		b.judgedN("A10", "Anggaran dasar", "Articles of association", 7, verify),
		b.judgedN("A11", "Keanggotaan", "Membership", 7, verify),
		b.judgedN("A12", "Kelengkapan organisasi", "Completeness of the organisation", 6, verify),
		b.judgedN("A13", "Manajemen umum", "General management", 4, verify),
		b.judgedN("A14", "Manajemen kelembagaan", "Organisational management", 4, verify),
		b.judgedN("A15", "Manajemen permodalan", "Capital management", 4, verify),
		b.judgedN("A16", "Manajemen aset", "Asset management", 4, verify),
		b.judgedN("A17", "Manajemen likuiditas", "Liquidity management", 4, verify),
	)

	// B. Profil Risiko: risiko inheren and the quality of risk management.
	pr := HealthAspect{Code: "B", Name: bina.Text{ID: "Profil Risiko", EN: "Risk profile"}, Bobot: 15}
	pr.Components = append(pr.Components,
		juknisRatio("B1", "Pinjaman diberikan terhadap total aset produktif", "Loans to earning assets", "pinjaman_diberikan", "aset_produktif", 4,
			bands(below(75, true, 1), leftOpen(75, 85, 2), leftOpen(85, 95, 3), above(95, false, 4))),
		b.judgedN("B2", "Risiko operasional: skala usaha dan struktur organisasi", "Operational risk: scale and structure", 4, verify),
		b.judgedN("B3", "Risiko operasional: keberagaman produk dan jasa", "Operational risk: range of products", 4, verify),
		b.judgedN("B4", "Risiko kepatuhan: jenis, signifikansi dan frekuensi pelanggaran", "Compliance risk: breaches", 4, verify),
		b.judgedN("B5", "Risiko kepatuhan: tindak lanjut temuan", "Compliance risk: follow-up of findings", 4, verify),
	)
	for i, risk := range []struct{ id, en string }{{"pinjaman", "lending"}, {"operasional", "operational"}, {"kepatuhan", "compliance"}, {"likuiditas", "liquidity"}, {"stratejik", "strategic"}} {
		code := fmt.Sprintf("B%d", 6+i)
		pr.Components = append(pr.Components, b.judged(code, "Kualitas penerapan manajemen risiko "+risk.id, "Quality of "+risk.en+" risk management",
			"Pengawasan aktif oleh pengurus dan pengawas",
			"Kebijakan, prosedur dan penetapan limit risiko",
			"Proses dan sistem informasi manajemen risiko",
			"Sistem pengendalian intern"))
	}

	// C. Kinerja Keuangan.
	kk := HealthAspect{Code: "C", Name: bina.Text{ID: "Kinerja Keuangan", EN: "Financial performance"}, Bobot: 40}
	kk.Components = append(kk.Components,
		juknisRatio("C1", "Rentabilitas aset (ROA)", "Return on assets", "laba_roa", "total_aset", 4,
			bands(below(3, false, 4), rightOpen(3, 5, 3), rightOpen(5, 7, 2), above(7, true, 1))),
		juknisRatio("C2", "Rentabilitas modal sendiri (ROE)", "Return on own capital", "shu_setelah_pajak", "modal_sendiri", 4,
			bands(below(5, false, 4), rightOpen(5, 7.5, 3), rightOpen(7.5, 10, 2), above(10, true, 1))),
		juknisRatio("C3", "Kemandirian operasional", "Operational self-reliance", "partisipasi_neto", "beban_usaha_perkoperasian", 4,
			bands(below(100, true, 4), open(100, 110, 3), rightOpen(110, 120, 2), above(120, true, 1))),
		juknisRatio("C4", "Net profit margin (NPM)", "Net profit margin", "shu_setelah_pajak", "total_pendapatan", 4,
			bands(below(5, false, 4), rightOpen(5, 10, 3), rightOpen(10, 15, 2), above(15, true, 1))),
		juknisRatio("C5", "Beban operasional terhadap pendapatan operasional (BOPO)", "Operating costs to operating income", "biaya_operasional", "total_pendapatan", 4,
			bands(below(80, false, 1), rightOpen(80, 90, 2), rightOpen(90, 100, 3), above(100, true, 4))),
		juknisRatio("C6", "Biaya usaha terhadap SHU kotor", "Operating expenses to gross surplus", "beban_usaha", "shu_kotor", 4,
			bands(below(40, false, 1), rightOpen(40, 60, 2), rightOpen(60, 80, 3), above(80, true, 4))),
		HealthComponent{Code: "C7", Name: bina.Text{ID: "Pinjaman bermasalah terhadap pinjaman diberikan", EN: "Problem loans to loans outstanding"}, Kind: "rasio",
			Numerator: "agg.pinjaman_bermasalah", Denominator: "agg.pinjaman_diberikan", ZeroDenominator: fallback(1, true),
			Tables: []HealthBandTable{
				{When: "batas_npl=15", Bands: []HealthBand{below(5, true, 1), leftOpen(5, 10, 2), leftOpen(10, 15, 3), above(15, false, 4)}},
				{When: "batas_npl=12", Bands: []HealthBand{below(5, true, 1), leftOpen(5, 10, 2), leftOpen(10, 12, 3), above(12, false, 4)}},
			}},
		juknisRatio("C8", "Pertumbuhan ekuitas", "Equity growth", "pertumbuhan_ekuitas", "ekuitas_lalu", 4,
			bands(below(4, false, 4), rightOpen(4, 7, 3), rightOpen(7, 10, 2), above(10, true, 1))),
		b.judgedN("C9", "Manajemen keuangan", "Financial management", 4, verify),
	)

	// D. Permodalan.
	pm := HealthAspect{Code: "D", Name: bina.Text{ID: "Permodalan", EN: "Capital"}, Bobot: 15}
	pm.Components = append(pm.Components,
		juknisRatio("D1", "Ekuitas terhadap total aset", "Equity to total assets", "ekuitas", "total_aset", 4,
			bands(below(10, true, 4), leftOpen(10, 20, 3), leftOpen(20, 30, 2), above(30, false, 1))),
		juknisRatio("D2", "Rasio kecukupan modal (CAR)", "Capital adequacy ratio", "modal_tertimbang", "atmr", 4,
			bands(below(4, false, 4), rightOpen(4, 6, 3), rightOpen(6, 8, 2), above(8, true, 1))),
		b.judged("D3", "Kecukupan pengelolaan permodalan", "Adequacy of capital management",
			"Modal pinjaman (dari anggota) terhadap total aset terkendali "+verify,
			"Sub-indikator 2 "+verify,
			"Sub-indikator 3 "+verify),
	)

	aggs := append(healthAggregates(),
		HealthAggregate{Code: "aset_produktif", Label: bina.Text{ID: "Aset produktif", EN: "Earning assets"}, Terms: []HealthTerm{
			term("agg.pinjaman_diberikan", 1), term("neraca.simpanan_lembaga_lain", 1), term("neraca.penyertaan", 1), term("neraca.surat_berharga", 1)}},
		HealthAggregate{Code: "laba_roa", Label: bina.Text{ID: "SHU untuk ROA", EN: "Surplus for ROA"}, Terms: []HealthTerm{
			{Source: "agg.shu_setelah_pajak", Factor: 1, When: "laba_roa=setelah_pajak"},
			{Source: "agg.shu_sebelum_pajak", Factor: 1, When: "laba_roa=sebelum_pajak"}}},
		sum("total_pendapatan", "Total pendapatan", "Total revenue", "phu.partisipasi_bruto", "phu.pendapatan_non_anggota", "phu.pendapatan_lain"),
		sum("biaya_operasional", "Biaya operasional (beban pokok + beban usaha + beban perkoperasian)", "Operating costs",
			"phu.beban_pokok_anggota", "phu.beban_pokok_non_anggota", "agg.beban_usaha", "phu.beban_perkoperasian"),
	)
	params := append(healthSharedParameters(),
		HealthParameter{Code: "laba_roa", Label: bina.Text{ID: "Pembilang ROA: SHU setelah atau sebelum pajak", EN: "ROA numerator: surplus after or before tax"}, Options: []string{"setelah_pajak", "sebelum_pajak"}, Value: "setelah_pajak", Verify: true},
		HealthParameter{Code: "batas_npl", Label: bina.Text{ID: "Batas atas skor 2 pinjaman bermasalah: 15% atau 12%", EN: "Problem-loan upper threshold: 15% or 12%"}, Options: []string{"15", "12"}, Value: "15", Verify: true},
		HealthParameter{Code: "tabel_kuesioner", Label: bina.Text{ID: "Tabel C.2: ambang > 75, > 50, > 25 atau celah seperti tercetak (76, 51, 26)", EN: "Table C.2: thresholds > 75, > 50, > 25 or the printed gaps"}, Options: []string{"tanpa_celah", "tercetak"}, Value: "tanpa_celah", Verify: true},
		HealthParameter{Code: "batas_kategori", Label: bina.Text{ID: "Batas kategori: ≥ 80/66/51 atau ≤ 51/66/80", EN: "Category bounds: ≥ 80/66/51 or ≤ 51/66/80"}, Options: []string{"bawah_inklusif", "atas_inklusif"}, Value: "bawah_inklusif", Verify: true},
	)
	categories := healthCategories("batas_kategori=bawah_inklusif")
	categories = append(categories,
		HealthCategory{Code: "sehat", Min: fp(80), When: "batas_kategori=atas_inklusif"},
		HealthCategory{Code: "cukup_sehat", Min: fp(66), When: "batas_kategori=atas_inklusif"},
		HealthCategory{Code: "dalam_pengawasan", Min: fp(51), When: "batas_kategori=atas_inklusif"},
		HealthCategory{Code: "dalam_pengawasan_khusus", When: "batas_kategori=atas_inklusif"},
	)
	return &HealthRuleSet{
		ID: "JUKNIS-15-2021", Version: 1, Family: "konvensional", Builtin: true,
		Name:       bina.Text{ID: "Pemeriksaan kesehatan koperasi (Juknis 15/2021, KKPKK)", EN: "Cooperative health examination (Juknis 15/2021)"},
		Source:     "Permenkop UKM 9/2020 dan Petunjuk Teknis Deputi Bidang Perkoperasian 15/2021",
		Jenises:    []string{"KSP", "USP"},
		Scoring:    "aspek",
		SkorBase:   5,
		SkorMax:    4,
		Parameters: params,
		Aggregates: aggs,
		Aspects:    []HealthAspect{tk, pr, kk, pm},
		Groups:     b.groups,
		Questions:  b.questions,
		Categories: categories,
		Note:       "KOPERASI.md bagian C. Indikator tanpa tabel (aset produktif/total aset, likuiditas, PPAP/PPAPWD, pertumbuhan hasil usaha) belum dimasukkan; butir kuesioner yang belum ditranskripsi ditandai.",
	}
}

// juknisQuestionnaire is the C.2 table: the share of butir terpenuhi to
// nilai 1–4.
func juknisQuestionnaire() []HealthBandTable {
	return []HealthBandTable{
		{When: "tabel_kuesioner=tanpa_celah", Bands: []HealthBand{below(25, true, 4), leftOpen(25, 50, 3), leftOpen(50, 75, 2), above(75, false, 1)}},
		{When: "tabel_kuesioner=tercetak", AllowGaps: true, Bands: []HealthBand{
			{Lower: fp(0), LowerInclusive: true, Upper: fp(25), UpperInclusive: true, Nilai: 4},
			leftOpen(26, 50, 3), leftOpen(51, 75, 2), leftOpen(76, 100, 1)}},
	}
}

func juknisRatio(code, id, en, numerator, denominator string, fallbackNilai float64, tables []HealthBandTable) HealthComponent {
	return HealthComponent{Code: code, Name: bina.Text{ID: id, EN: en}, Kind: "rasio", Numerator: "agg." + numerator, Denominator: "agg." + denominator,
		Tables: tables, ZeroDenominator: fallback(fallbackNilai, true)}
}

// juknisBuilder gathers the question groups and butir of the judged
// indicators while the aspects are written.
type juknisBuilder struct {
	groups    []HealthQuestionGroup
	questions []HealthQuestion
}

func (b *juknisBuilder) judged(code, id, en string, butir ...string) HealthComponent {
	b.groups = append(b.groups, HealthQuestionGroup{Code: code, Name: bina.Text{ID: id, EN: en}})
	for i, t := range butir {
		b.questions = append(b.questions, HealthQuestion{Code: fmt.Sprintf("%s.%d", code, i+1), Group: code, Text: bina.Text{ID: t}})
	}
	return HealthComponent{Code: code, Name: bina.Text{ID: id, EN: en}, Kind: "kuesioner", Group: code, Tables: juknisQuestionnaire(), ZeroDenominator: fallback(4, true)}
}

// judgedN is a judged indicator whose n butir are not transcribed yet.
func (b *juknisBuilder) judgedN(code, id, en string, n int, note string) HealthComponent {
	butir := make([]string, n)
	for i := range butir {
		butir[i] = fmt.Sprintf("%s: butir %d %s", id, i+1, note)
	}
	return b.judged(code, id, en, butir...)
}

// judgedRAT is democratic control, whose first butir the data answers:
// the RAT of the book year was held.
func (b *juknisBuilder) judgedRAT(code, id, en string, n int, note string) HealthComponent {
	c := b.judgedN(code, id, en, n, note)
	q := &b.questions[len(b.questions)-n]
	q.Text = bina.Text{ID: "Rapat anggota tahunan (RAT) tahun buku diselenggarakan", EN: "The annual members' meeting of the book year was held"}
	q.Prefill = &HealthPrefill{Num: "agg.rat_diadakan", Op: ">=", Value: 1}
	return c
}
