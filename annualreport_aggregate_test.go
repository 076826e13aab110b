package bina

import (
	"testing"
	"time"
)

// juta is a million rupiah: the worked example's amounts are in Rp juta.
const juta = 1_000_000

// workedExampleReport is KSP Maju Bersama, book year 2024, of KOPERASI.md
// section D, in whole rupiah. Tests of the report and of the health
// assessment share it.
func workedExampleReport() *AnnualReport {
	m := func(kv map[string]int64, scale int64) map[string]int64 {
		out := make(map[string]int64, len(kv))
		for k, v := range kv {
			out[k] = v * scale
		}
		return out
	}
	held := DateOf(2025, time.March, 15)
	return &AnnualReport{
		CooperativeID: 1, BookYear: 2024, Version: 1, State: ReportDraft, Jenis: "KSP", Pola: "konvensional",
		RATHeldOn: held, MembersPresent: 640, Decisions: "Laporan pertanggungjawaban pengurus disahkan.",
		Neraca: m(map[string]int64{
			"kas": 150, "bank": 350, "simpanan_lembaga_lain": 100, "pinjaman_anggota": 3400, "pinjaman_non_anggota": 600,
			"ppap": 100, "pendapatan_ymh_diterima": 50, "penyertaan": 50, "aset_tetap_bruto": 400, "akumulasi_penyusutan": 150,
			"simpanan_sukarela": 1800, "simpanan_berjangka_pendek": 900, "beban_ymh_dibayar": 30, "dana_bagian_shu": 20,
			"dana_diterima_panjang": 700,
			"simpanan_pokok":        100, "simpanan_wajib": 650, "hibah": 50, "cadangan_umum": 340, "cadangan_tujuan_risiko": 60,
			"shu_belum_dibagi": 200,
		}, juta),
		PHU: m(map[string]int64{
			"partisipasi_bruto": 740, "beban_pokok_anggota": 270, "pendapatan_non_anggota": 130, "beban_pokok_non_anggota": 40,
			"beban_karyawan": 150, "beban_adm_umum": 60, "beban_penyusutan": 30, "beban_ppap": 20, "beban_usaha_lain": 10,
			"beban_usaha_bagi_anggota": 220, "beban_perkoperasian": 40, "pajak": 50,
		}, juta),
		Kolektibilitas: m(map[string]int64{"lancar": 3700, "kurang_lancar": 160, "diragukan": 80, "macet": 60}, juta),
		Schedules: map[string]int64{
			"volume_pinjaman": 5000 * juta, "volume_pinjaman_anggota": 4250 * juta, "pinjaman_berisiko": 920 * juta,
			"meppp": 40 * juta, "ekuitas_tahun_lalu": 1260 * juta, "simpanan_pokok_per_anggota": 100_000, "jumlah_karyawan": 12,
		},
		Members: map[string]int64{"anggota_awal": 950, "anggota_masuk": 80, "anggota_keluar": 30, "anggota_akhir": 1000},
		SHUDistribution: []SHUShare{
			{"cadangan", 40, 80 * juta}, {"jasa_modal", 20, 40 * juta}, {"jasa_usaha", 20, 40 * juta},
			{"dana_pengurus_pengawas", 5, 10 * juta}, {"dana_karyawan", 5, 10 * juta}, {"dana_pendidikan", 5, 10 * juta},
			{"dana_sosial", 2.5, 5 * juta}, {"dana_pembangunan_daerah_kerja", 2.5, 5 * juta},
		},
	}
}

func TestAggregatesOfTheWorkedExample(t *testing.T) {
	r := workedExampleReport()
	for _, tt := range []struct {
		name string
		got  int64
		want int64 // Rp juta
	}{
		{"PinjamanDiberikan", r.PinjamanDiberikan(), 4000},
		{"TotalAset", r.TotalAset(), 4850},
		{"KewajibanLancar", r.KewajibanLancar(), 2750},
		{"TotalKewajiban", r.TotalKewajiban(), 3450},
		{"TotalEkuitas", r.TotalEkuitas(), 1400},
		{"TotalPasiva", r.TotalPasiva(), 4850},
		{"ModalSendiri", r.ModalSendiri(), 1400},
		{"ModalSendiriTanpaSHU", r.ModalSendiriTanpaSHU(), 1200},
		{"KasBank", r.KasBank(), 500},
		{"RPM", r.RPM(), 200},
		{"CadanganRisiko", r.CadanganRisiko(), 160},
		{"PinjamanBermasalah", r.PinjamanBermasalah(), 300},
		{"TotalKolektibilitas", r.TotalKolektibilitas(), 4000},
		{"AsetProduktif", r.AsetProduktif(), 4150},
		{"AsetTetapNeto", r.AsetTetapNeto(), 250},
		{"DanaYangDiterimaA", r.DanaYangDiterimaA(), 4620},
		{"DanaYangDiterimaB", r.DanaYangDiterimaB(), 3400},
		{"PartisipasiNeto", r.PartisipasiNeto(), 470},
		{"SHUKotor", r.SHUKotor(), 560},
		{"BebanUsaha", r.BebanUsaha(), 270},
		{"SHUSebelumPajak", r.SHUSebelumPajak(), 250},
		{"SHUSetelahPajak", r.SHUSetelahPajak(), 200},
		{"Pendapatan", r.Pendapatan(), 870},
		{"BebanOperasiAnggota", r.BebanOperasiAnggota(), 530},
		{"SHUBagianAnggota", r.SHUBagianAnggota(), 80},
		{"PEA", r.PEA(), 120},
		{"ModalTertimbang", r.ModalTertimbang(), 2995},
		{"ATMR", r.ATMR(), 4270},
		{"PinjamanBerisiko", r.PinjamanBerisiko(), 920},
		{"VolumePinjaman", r.VolumePinjaman(), 5000},
		{"VolumePinjamanAnggota", r.VolumePinjamanAnggota(), 4250},
		{"MEPPP", r.MEPPP(), 40},
	} {
		if tt.got != tt.want*juta {
			t.Errorf("%s = %d, want %d juta", tt.name, tt.got, tt.want)
		}
	}
}
