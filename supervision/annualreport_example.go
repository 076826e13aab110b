package supervision

import (
	"bina"
	"time"
)

// ExampleReport is the worked example of KOPERASI.md section D, "KSP Maju
// Bersama", book year 2024, with every amount in units of unit rupiah (the
// example's own unit is Rp 1 juta: ExampleReport(1_000_000)). Every line
// is a whole multiple of unit, so any unit keeps the balance sheet
// balanced and the sums exact: the tests, the health assessment's tests
// and the demo (scaled per cooperative) all start from it.
func ExampleReport(unit int64) *AnnualReport {
	m := func(kv map[string]int64) map[string]int64 {
		for k, v := range kv {
			kv[k] = v * unit
		}
		return kv
	}
	return &AnnualReport{
		CooperativeID: 1, BookYear: 2024, Version: 1, State: ReportDraft, Source: "manual", Jenis: "KSP", Pola: "konvensional",
		RATHeldOn: bina.DateOf(2025, time.March, 15), MembersPresent: 640, Decisions: "Laporan pertanggungjawaban pengurus tahun buku 2024 disahkan.",
		Neraca: m(map[string]int64{
			"kas": 150, "bank": 350, "simpanan_lembaga_lain": 100, "pinjaman_anggota": 3400, "pinjaman_non_anggota": 600,
			"ppap": 100, "pendapatan_ymh_diterima": 50, "penyertaan": 50, "aset_tetap_bruto": 400, "akumulasi_penyusutan": 150,
			"simpanan_sukarela": 1800, "simpanan_berjangka_pendek": 900, "beban_ymh_dibayar": 30, "dana_bagian_shu": 20,
			"dana_diterima_panjang": 700,
			"simpanan_pokok":        100, "simpanan_wajib": 650, "hibah": 50, "cadangan_umum": 340, "cadangan_tujuan_risiko": 60,
			"shu_belum_dibagi": 200,
		}),
		PHU: m(map[string]int64{
			"partisipasi_bruto": 740, "beban_pokok_anggota": 270, "pendapatan_non_anggota": 130, "beban_pokok_non_anggota": 40,
			"beban_karyawan": 150, "beban_adm_umum": 60, "beban_penyusutan": 30, "beban_ppap": 20, "beban_usaha_lain": 10,
			"beban_usaha_bagi_anggota": 220, "beban_perkoperasian": 40, "pajak": 50,
		}),
		Kolektibilitas: m(map[string]int64{"lancar": 3700, "kurang_lancar": 160, "diragukan": 80, "macet": 60}),
		Schedules: map[string]int64{
			"volume_pinjaman": 5000 * unit, "volume_pinjaman_anggota": 4250 * unit, "pinjaman_berisiko": 920 * unit,
			"meppp": 40 * unit, "ekuitas_tahun_lalu": 1260 * unit, "simpanan_pokok_per_anggota": 100 * unit / 1000, "jumlah_karyawan": 12,
		},
		Members: map[string]int64{"anggota_awal": 950, "anggota_masuk": 80, "anggota_keluar": 30, "anggota_akhir": 1000},
		SHUDistribution: []SHUShare{
			{"cadangan", 40, 80 * unit}, {"jasa_modal", 20, 40 * unit}, {"jasa_usaha", 20, 40 * unit},
			{"dana_pengurus_pengawas", 5, 10 * unit}, {"dana_karyawan", 5, 10 * unit}, {"dana_pendidikan", 5, 10 * unit},
			{"dana_sosial", 2.5, 5 * unit}, {"dana_pembangunan_daerah_kerja", 2.5, 5 * unit},
		},
	}
}
