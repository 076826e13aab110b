package supervision

// The derived aggregates of an annual report (KOPERASI.md A.4), one method
// each, in whole rupiah. The health assessment reads them; where the
// sources disagree (dana yang diterima, SHU inside modal sendiri) both
// readings are offered and the rule set chooses.

// Weight is a line with its weight in percent (A.9).
type Weight struct {
	Code    string
	Percent int64
}

// ModalTertimbangWeights are the recognition weights of modal tertimbang
// (A.9). Lines the table does not name (simpanan setara wajib, utang
// usaha, utang pajak) take the weight of their kind: member equity 100,
// other liabilities 50.
var ModalTertimbangWeights = []Weight{
	{"simpanan_pokok", 100}, {"simpanan_wajib", 100}, {"simpanan_setara_wajib", 100}, {"modal_penyetaraan", 100},
	{"modal_penyertaan", 50}, {"cadangan_umum", 100}, {"cadangan_tujuan_risiko", 50}, {"hibah", 100}, {"shu_belum_dibagi", 50},
	{"simpanan_sukarela", 50}, {"simpanan_berjangka_pendek", 50}, {"simpanan_berjangka_panjang", 50},
	{"beban_ymh_dibayar", 50}, {"dana_diterima_pendek", 50}, {"dana_diterima_panjang", 50},
	{"dana_bagian_shu", 50}, {"kewajiban_lain", 50}, {"utang_usaha", 50}, {"utang_pajak", 50},
}

// ATMRWeights are the risk weights of aktiva tertimbang menurut risiko
// (A.9); loans count gross, as the worked example does. Fixed assets
// count at book value (AsetTetapNeto), added by ATMR itself.
var ATMRWeights = []Weight{
	{"kas", 0}, {"bank", 0}, {"simpanan_lembaga_lain", 20}, {"surat_berharga", 50},
	{"pinjaman_anggota", 100}, {"pinjaman_non_anggota", 100}, {"penyertaan", 100}, {"pendapatan_ymh_diterima", 50},
}

// atmrFixedAssetPercent is the risk weight of fixed assets at book value.
const atmrFixedAssetPercent = 70

// weighted sums the lines of m by their weights, rounding down once.
func weighted(m map[string]int64, ws []Weight) int64 {
	var sum int64
	for _, w := range ws {
		sum += m[w.Code] * w.Percent
	}
	return sum / 100
}

// sumClass sums the neraca lines of one class.
func (r *AnnualReport) sumClass(class string) int64 {
	var sum int64
	for _, l := range NeracaLines {
		if l.Class == class {
			sum += r.Neraca[l.Code]
		}
	}
	return sum
}

// TotalAset is Σ assets − ppap − akumulasi penyusutan.
func (r *AnnualReport) TotalAset() int64 {
	return r.sumClass(ClassAset) - r.sumClass(ClassKontraAset)
}

// KewajibanLancar is Σ current liabilities.
func (r *AnnualReport) KewajibanLancar() int64 { return r.sumClass(ClassKewajibanPendek) }

// KewajibanPanjang is Σ long-term liabilities.
func (r *AnnualReport) KewajibanPanjang() int64 { return r.sumClass(ClassKewajibanPanjang) }

// TotalKewajiban is Σ liabilities.
func (r *AnnualReport) TotalKewajiban() int64 { return r.KewajibanLancar() + r.KewajibanPanjang() }

// TotalEkuitas is Σ equity lines as reported (the balance sheet's side).
func (r *AnnualReport) TotalEkuitas() int64 { return r.sumClass(ClassEkuitas) }

// TotalPasiva is liabilities plus equity.
func (r *AnnualReport) TotalPasiva() int64 { return r.TotalKewajiban() + r.TotalEkuitas() }

// ModalSendiri is own capital (A.4): member shares, equalisation capital,
// grants, reserves, half the participation capital and the undistributed
// SHU, as the worked example and the Flores kertas kerja count it.
func (r *AnnualReport) ModalSendiri() int64 {
	return r.ModalSendiriTanpaSHU() + r.Neraca["shu_belum_dibagi"]
}

// ModalSendiriTanpaSHU is ModalSendiri without the undistributed SHU, the
// other reading of A.4 (a rule-set choice).
func (r *AnnualReport) ModalSendiriTanpaSHU() int64 {
	n := r.Neraca
	return n["simpanan_pokok"] + n["simpanan_wajib"] + n["simpanan_setara_wajib"] + n["modal_penyetaraan"] + n["hibah"] +
		n["cadangan_umum"] + n["cadangan_tujuan_risiko"] + n["modal_penyertaan"]/2
}

// AsetTetapNeto is fixed assets at book value.
func (r *AnnualReport) AsetTetapNeto() int64 {
	return r.Neraca["aset_tetap_bruto"] - r.Neraca["akumulasi_penyusutan"]
}

// PinjamanBermasalah is the unweighted problem loans: kurang lancar +
// diragukan + macet (regime 2's NPL numerator).
func (r *AnnualReport) PinjamanBermasalah() int64 {
	k := r.Kolektibilitas
	return k["kurang_lancar"] + k["diragukan"] + k["macet"]
}

// TotalKolektibilitas sums the loan-quality buckets.
func (r *AnnualReport) TotalKolektibilitas() int64 {
	var sum int64
	for _, l := range KolektibilitasLines {
		sum += r.Kolektibilitas[l.Code]
	}
	return sum
}

// AsetProduktif is loans outstanding plus placements and equity
// investments (D.7's reading, [verify]).
func (r *AnnualReport) AsetProduktif() int64 {
	return r.PinjamanDiberikan() + r.Neraca["simpanan_lembaga_lain"] + r.Neraca["penyertaan"]
}

// PinjamanBerisiko is the assessor-entered loans at risk (A.6).
func (r *AnnualReport) PinjamanBerisiko() int64 { return r.Schedules["pinjaman_berisiko"] }

// VolumePinjaman is the loans disbursed during the year (a flow).
func (r *AnnualReport) VolumePinjaman() int64 { return r.Schedules["volume_pinjaman"] }

// VolumePinjamanAnggota is the loans disbursed to members during the year.
func (r *AnnualReport) VolumePinjamanAnggota() int64 { return r.Schedules["volume_pinjaman_anggota"] }

// MEPPP is the members' economic benefit entered with its working (A.4).
func (r *AnnualReport) MEPPP() int64 { return r.Schedules["meppp"] }

// DanaYangDiterimaA is option A of A.4: total pasiva − beban ymh dibayar −
// SHU belum dibagi.
func (r *AnnualReport) DanaYangDiterimaA() int64 {
	return r.TotalPasiva() - r.Neraca["beban_ymh_dibayar"] - r.Neraca["shu_belum_dibagi"]
}

// DanaYangDiterimaB is option B of A.4: voluntary savings, time deposits
// and borrowings.
func (r *AnnualReport) DanaYangDiterimaB() int64 {
	n := r.Neraca
	return n["simpanan_sukarela"] + n["simpanan_berjangka_pendek"] + n["simpanan_berjangka_panjang"] +
		n["dana_diterima_pendek"] + n["dana_diterima_panjang"]
}

// SimpananAnggota is members' savings held as liabilities (voluntary and
// time deposits).
func (r *AnnualReport) SimpananAnggota() int64 {
	n := r.Neraca
	return n["simpanan_sukarela"] + n["simpanan_berjangka_pendek"] + n["simpanan_berjangka_panjang"]
}

// PartisipasiNeto is partisipasi bruto − beban pokok anggota.
func (r *AnnualReport) PartisipasiNeto() int64 {
	return r.PHU["partisipasi_bruto"] - r.PHU["beban_pokok_anggota"]
}

// SHUKotor is partisipasi neto plus the non-member margin.
func (r *AnnualReport) SHUKotor() int64 {
	return r.PartisipasiNeto() + r.PHU["pendapatan_non_anggota"] - r.PHU["beban_pokok_non_anggota"]
}

// BebanUsaha is the sum of its components when any is given, else the
// reported total.
func (r *AnnualReport) BebanUsaha() int64 {
	var sum int64
	given := false
	for _, c := range bebanUsahaParts {
		if v, ok := r.PHU[c]; ok {
			sum += v
			given = given || v != 0
		}
	}
	if !given {
		return r.PHU["beban_usaha"]
	}
	return sum
}

// SHUSebelumPajak is SHU kotor − beban usaha − beban perkoperasian ±
// other income and expenses.
func (r *AnnualReport) SHUSebelumPajak() int64 {
	p := r.PHU
	return r.SHUKotor() - r.BebanUsaha() - p["beban_perkoperasian"] + p["pendapatan_lain"] - p["beban_lain"]
}

// SHUSetelahPajak is the net surplus.
func (r *AnnualReport) SHUSetelahPajak() int64 { return r.SHUSebelumPajak() - r.PHU["pajak"] }

// Pendapatan is total operating revenue: member participation plus
// non-member revenue (the denominator of rasio partisipasi bruto).
func (r *AnnualReport) Pendapatan() int64 {
	return r.PHU["partisipasi_bruto"] + r.PHU["pendapatan_non_anggota"]
}

// BebanOperasiAnggota is beban pokok anggota + beban usaha bagi anggota +
// beban perkoperasian (A.4).
func (r *AnnualReport) BebanOperasiAnggota() int64 {
	p := r.PHU
	return p["beban_pokok_anggota"] + p["beban_usaha_bagi_anggota"] + p["beban_perkoperasian"]
}

// SHUBagianAnggota is the members' share of the SHU distribution: jasa
// modal plus jasa usaha (A.7).
func (r *AnnualReport) SHUBagianAnggota() int64 {
	var sum int64
	for _, s := range r.SHUDistribution {
		if s.Pos == "jasa_modal" || s.Pos == "jasa_usaha" {
			sum += s.Nominal
		}
	}
	return sum
}

// SHUShareOf returns the row of the distribution for pos, if any.
func (r *AnnualReport) SHUShareOf(pos string) (SHUShare, bool) {
	for _, s := range r.SHUDistribution {
		if s.Pos == pos {
			return s, true
		}
	}
	return SHUShare{}, false
}

// PEA is promosi ekonomi anggota: MEPPP + SHU bagian anggota.
func (r *AnnualReport) PEA() int64 { return r.MEPPP() + r.SHUBagianAnggota() }

// ModalTertimbang is Σ line × recognition weight (A.9).
func (r *AnnualReport) ModalTertimbang() int64 { return weighted(r.Neraca, ModalTertimbangWeights) }

// ATMR is Σ asset × risk weight (A.9), fixed assets at book value.
func (r *AnnualReport) ATMR() int64 {
	var sum int64
	for _, w := range ATMRWeights {
		sum += r.Neraca[w.Code] * w.Percent
	}
	return (sum + r.AsetTetapNeto()*atmrFixedAssetPercent) / 100
}

// BebanKaryawan is the staff costs of the PHU.
func (r *AnnualReport) BebanKaryawan() int64 { return r.PHU["beban_karyawan"] }

// AnggotaAkhir is the members at the end of the book year.
func (r *AnnualReport) AnggotaAkhir() int64 { return r.Members["anggota_akhir"] }

// PinjamanDiberikan is the gross loans outstanding (A.4).
func (r *AnnualReport) PinjamanDiberikan() int64 {
	return r.Neraca["pinjaman_anggota"] + r.Neraca["pinjaman_non_anggota"]
}

// KasBank is cash and bank balances (A.4).
func (r *AnnualReport) KasBank() int64 { return r.Neraca["kas"] + r.Neraca["bank"] }

// RPM is the risk of problem loans: 50 % of kurang lancar, 75 % of
// diragukan and all of macet (A.4, A.5), in whole rupiah rounded down.
func (r *AnnualReport) RPM() int64 {
	k := r.Kolektibilitas
	return (k["kurang_lancar"]*50 + k["diragukan"]*75 + k["macet"]*100) / 100
}

// CadanganRisiko is the risk reserve plus the loan-loss allowance (A.4).
func (r *AnnualReport) CadanganRisiko() int64 {
	return r.Neraca["cadangan_tujuan_risiko"] + r.Neraca["ppap"]
}
