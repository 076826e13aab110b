package supervision

import (
	"bina"
	"strings"
	"testing"
	"time"
)

func TestWorkedExampleHasNoProblems(t *testing.T) {
	r := workedExampleReport()
	r.Derive()
	if ps := r.Check(nil); len(ps) != 0 {
		t.Fatalf("the worked example has problems: %+v", ps)
	}
	if r.Neraca["total_aset"] != 4850*juta || r.PHU["shu_setelah_pajak"] != 200*juta || r.Neraca["kewajiban_lancar"] != 2750*juta {
		t.Errorf("Derive filled totals %d, %d, %d", r.Neraca["total_aset"], r.PHU["shu_setelah_pajak"], r.Neraca["kewajiban_lancar"])
	}
}

func TestRupiah(t *testing.T) {
	for in, want := range map[int64]string{0: "Rp 0", 1250000: "Rp 1.250.000", -500: "-Rp 500", 999: "Rp 999", 1000: "Rp 1.000", 4850000000: "Rp 4.850.000.000"} {
		if got := Rupiah(in); got != want {
			t.Errorf("Rupiah(%d) = %q, want %q", in, got, want)
		}
	}
}

// TestReportCheck takes the worked example, breaks one thing and expects
// the problem with that code, severity and a message that says where.
func TestReportCheck(t *testing.T) {
	for _, tt := range []struct {
		name     string
		change   func(r *AnnualReport)
		prior    func(r *AnnualReport)
		code     string
		severity string
		field    string
		message  string // a part of the Indonesian message
		refused  bool
	}{
		{"neraca not balancing", func(r *AnnualReport) { r.Neraca["kas"] += 1_250_000 }, nil,
			"neraca_tidak_seimbang", SeverityError, "neraca.total_aset", "Neraca tidak seimbang: selisih Rp 1.250.000", false},
		{"a rupiah of rounding is fine", func(r *AnnualReport) { r.Neraca["kas"]++ }, nil, "", "", "", "", false},
		{"a stated total that is wrong", func(r *AnnualReport) { r.Neraca["total_aset"] = 4851 * juta }, nil,
			"total_tidak_cocok", SeverityError, "neraca.total_aset", "selisih Rp 1.000.000", false},
		{"PHU arithmetic", func(r *AnnualReport) { r.PHU["shu_kotor"] = 570 * juta }, nil,
			"total_tidak_cocok", SeverityError, "phu.shu_kotor", "SHU kotor tertulis Rp 570.000.000, hasil hitung Rp 560.000.000", false},
		{"SHU differing from the balance sheet", func(r *AnnualReport) { r.PHU["pajak"] = 60 * juta }, nil,
			"shu_tidak_sama", SeverityError, "neraca.shu_belum_dibagi", "selisih Rp 10.000.000", false},
		{"SHU with an interim distribution", func(r *AnnualReport) {
			r.PHU["pajak"] = 40 * juta
			r.Schedules["shu_dibagi_interim"] = 5 * juta
		}, nil, "shu_tidak_sama", SeverityWarning, "neraca.shu_belum_dibagi", "selisih Rp 5.000.000", false},
		{"loan buckets not adding up", func(r *AnnualReport) { r.Kolektibilitas["macet"] = 70 * juta }, nil,
			"kolektibilitas_tidak_cocok", SeverityError, "kolektibilitas.lancar", "selisih Rp 10.000.000", false},
		{"ppap above the loans", func(r *AnnualReport) {
			r.Neraca["ppap"] = 4100 * juta
			r.Neraca["kas"] += 4000 * juta
		}, nil, "ppap_melebihi_pinjaman", SeverityError, "neraca.ppap", "selisih Rp 100.000.000", false},
		{"depreciation above the fixed assets", func(r *AnnualReport) {
			r.Neraca["akumulasi_penyusutan"] = 450 * juta
			r.Neraca["kas"] += 300 * juta
		}, nil, "penyusutan_melebihi_aset", SeverityError, "neraca.akumulasi_penyusutan", "selisih Rp 50.000.000", false},
		{"risky loans above the loans", func(r *AnnualReport) { r.Schedules["pinjaman_berisiko"] = 4500 * juta }, nil,
			"pinjaman_berisiko_melebihi", SeverityError, "schedules.pinjaman_berisiko", "selisih Rp 500.000.000", false},
		{"member volume above the volume", func(r *AnnualReport) { r.Schedules["volume_pinjaman_anggota"] = 5100 * juta }, nil,
			"volume_anggota_melebihi", SeverityError, "schedules.volume_pinjaman_anggota", "selisih Rp 100.000.000", false},
		{"SHU distribution not 100 %", func(r *AnnualReport) { r.SHUDistribution[6].Persen = 7.5 }, nil,
			"shu_persen_bukan_100", SeverityError, "shu_distribution", "105%, bukan 100%: selisih 5%", false},
		{"SHU distribution amounts", func(r *AnnualReport) { r.SHUDistribution[0].Nominal = 90 * juta }, nil,
			"shu_nominal_tidak_cocok", SeverityError, "shu_distribution", "selisih Rp 10.000.000", false},
		{"a small reserve", func(r *AnnualReport) {
			r.SHUDistribution[0].Persen, r.SHUDistribution[0].Nominal = 20, 40*juta
			r.SHUDistribution[1].Persen, r.SHUDistribution[1].Nominal = 40, 80*juta
		}, nil, "cadangan_kurang_25", SeverityWarning, "shu_distribution", "kurang dari 25%", false},
		{"members' returns from non-member business", func(r *AnnualReport) {
			r.SHUDistribution[0].Persen, r.SHUDistribution[0].Nominal = 10, 20*juta
			r.SHUDistribution[1].Persen, r.SHUDistribution[1].Nominal = 45, 90*juta
			r.SHUDistribution[2].Persen, r.SHUDistribution[2].Nominal = 45, 90*juta
			r.SHUDistribution = r.SHUDistribution[:3]
		}, nil, "shu_non_anggota_dibagi", SeverityWarning, "shu_distribution", "Jasa anggota Rp 180.000.000 melebihi bagian SHU dari usaha dengan anggota Rp 167.857.142", false},
		{"an unknown SHU post", func(r *AnnualReport) { r.SHUDistribution[7].Pos = "bonus" }, nil,
			"pos_shu_tidak_dikenal", SeverityError, "shu_distribution.7", `"bonus"`, true},
		{"membership not adding up", func(r *AnnualReport) { r.Members["anggota_keluar"] = 40 }, nil,
			"anggota_tidak_cocok", SeverityError, "members.anggota_akhir", "selisih 10 orang", false},
		{"membership by gender", func(r *AnnualReport) {
			r.Members["anggota_akhir_pria"], r.Members["anggota_akhir_wanita"] = 400, 590
		}, nil, "anggota_gender_tidak_cocok", SeverityError, "members.anggota_akhir_pria", "selisih 10 orang", false},
		{"entrance shares against members", func(r *AnnualReport) { r.Schedules["simpanan_pokok_per_anggota"] = 150_000 }, nil,
			"simpanan_pokok_tidak_sesuai", SeverityWarning, "neraca.simpanan_pokok", "selisih Rp 50.000.000", false},
		{"members present above the members", func(r *AnnualReport) { r.MembersPresent = 1200 }, nil,
			"anggota_hadir_melebihi", SeverityError, "members_present", "1200", false},
		{"an unknown code", func(r *AnnualReport) { r.Neraca["emas"] = 5 }, nil,
			"kode_tidak_dikenal", SeverityError, "neraca.emas", `Kode "emas" tidak dikenal dalam Neraca`, true},
		{"a negative line", func(r *AnnualReport) { r.PHU["pajak"] = -50 * juta }, nil,
			"nilai_negatif", SeverityError, "phu.pajak", "Pajak penghasilan tidak boleh negatif (-Rp 50.000.000)", true},
		{"a loss may be negative", func(r *AnnualReport) {
			r.PHU["beban_adm_umum"] += 300 * juta
			r.Neraca["shu_belum_dibagi"] = -100 * juta
			r.Neraca["bank"] -= 300 * juta
			r.SHUDistribution = nil
		}, nil, "", "", "", "", false},
		{"an unknown kind", func(r *AnnualReport) { r.Jenis = "BANK" }, nil,
			"jenis_tidak_dikenal", SeverityError, "jenis", `"BANK"`, true},
		{"a general report with loan buckets", func(r *AnnualReport) { r.Jenis = "UMUM" }, nil,
			"khusus_simpan_pinjam", SeverityError, "neraca.pinjaman_anggota", "hanya untuk laporan simpan pinjam", true},
		{"RAT before the year ends", func(r *AnnualReport) { r.RATHeldOn = bina.DateOf(2024, 12, 1) }, nil,
			"tanggal_rat", SeverityError, "rat_held_on", "setelah tahun buku itu berakhir", true},
		{"no RAT date", func(r *AnnualReport) { r.RATHeldOn = bina.Date{} }, nil,
			"rat_belum_diisi", SeverityError, "rat_held_on", "Tanggal RAT belum diisi", false},
		{"an empty balance sheet", func(r *AnnualReport) { r.Neraca = nil }, nil,
			"neraca_kosong", SeverityError, "neraca.total_aset", "Neraca belum diisi", false},
		{"a zero denominator", func(r *AnnualReport) {
			r.Kolektibilitas["lancar"] += 300 * juta
			r.Kolektibilitas["kurang_lancar"], r.Kolektibilitas["diragukan"], r.Kolektibilitas["macet"] = 0, 0, 0
		}, nil, "rasio_tidak_dapat_dihitung", SeverityWarning, "kolektibilitas.kurang_lancar", "cadangan risiko terhadap risiko pinjaman bermasalah tidak dapat dihitung", false},
		{"members at the start against last year", nil, func(p *AnnualReport) { p.Members["anggota_akhir"] = 940 },
			"awal_beda_tahun_lalu", SeverityWarning, "members.anggota_awal", "selisih 10 orang", false},
		{"prior-year equity against last year's report", nil, func(p *AnnualReport) { p.Neraca["cadangan_umum"] -= 10 * juta; p.Neraca["kas"] -= 10 * juta },
			"beda_tahun_lalu", SeverityWarning, "schedules.ekuitas_tahun_lalu", "selisih Rp 10.000.000", false},
		{"a tenfold change", nil, func(p *AnnualReport) { p.Neraca["kas"] = 10 * juta; p.Neraca["bank"] += 140 * juta },
			"perubahan_besar", SeverityWarning, "neraca.kas", "Kas berubah lebih dari 10 kali lipat", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := workedExampleReport()
			r.Normalize()
			if tt.change != nil {
				tt.change(r)
				r.Normalize()
			}
			var prior *AnnualReport
			if tt.prior != nil {
				prior = workedExampleReport()
				prior.BookYear = 2023
				prior.Members["anggota_akhir"] = 950
				prior.Neraca["cadangan_umum"] -= 140 * juta
				prior.Neraca["kas"] -= 140 * juta
				tt.prior(prior)
			}
			ps := r.Check(prior)
			if tt.code == "" {
				for _, p := range ps {
					if p.Severity == SeverityError {
						t.Fatalf("unexpected error %+v", p)
					}
				}
				return
			}
			for _, p := range ps {
				if p.Code != tt.code {
					continue
				}
				if p.Severity != tt.severity || p.Field != tt.field || !strings.Contains(p.Message, tt.message) || p.English == "" {
					t.Fatalf("got %+v, want %s %s %q", p, tt.severity, tt.field, tt.message)
				}
				if p.Refused() != tt.refused || (RefusedReport(ps) != nil) != tt.refused {
					t.Errorf("refused = %v, want %v", p.Refused(), tt.refused)
				}
				if strings.Contains(p.Message, "%!") || strings.Contains(p.English, "%!") {
					t.Errorf("bad format: %q / %q", p.Message, p.English)
				}
				return
			}
			t.Fatalf("no %s among %+v", tt.code, ps)
		})
	}
}

func TestGeneralReport(t *testing.T) {
	r := &AnnualReport{BookYear: 2024, Jenis: "UMUM", RATHeldOn: bina.DateOf(2025, 4, 1),
		Neraca:          map[string]int64{"kas": 10 * juta, "persediaan": 40 * juta, "utang_usaha": 5 * juta, "simpanan_pokok": 5 * juta, "simpanan_wajib": 30 * juta, "shu_belum_dibagi": 10 * juta},
		PHU:             map[string]int64{"partisipasi_bruto": 100 * juta, "beban_pokok_anggota": 80 * juta, "beban_adm_umum": 10 * juta},
		SHUDistribution: []SHUShare{{"cadangan", 50, 5 * juta}, {"jasa_usaha", 50, 5 * juta}},
	}
	r.Derive()
	for _, p := range r.Check(nil) {
		t.Errorf("problem %+v", p)
	}
}

func TestCheckReportFile(t *testing.T) {
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	for _, tt := range []struct {
		name     string
		data     []byte
		declared string
		want     string
		message  string
	}{
		{"a pdf", pdf, "application/pdf", TypePDF, ""},
		{"a pdf without a type", pdf, "", TypePDF, ""},
		{"empty", nil, TypePDF, "", "Berkas kosong"},
		{"too large", append(append([]byte{}, pdf...), make([]byte, MaxReportAttachment)...), TypePDF, "", "terlalu besar"},
		{"a cut pdf", pdf[:20], TypePDF, "", "tidak utuh"},
		{"a pdf named a picture", pdf, bina.TypePNG, "", "disebut image/png tetapi isinya application/pdf"},
		{"an executable named pdf", []byte("MZ\x90\x00 this is not a pdf"), TypePDF, "", "bukan PDF, JPEG atau PNG"},
		{"a broken png", []byte("\x89PNG\r\n\x1a\nrubbish"), bina.TypePNG, "", "bukan foto"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckReportFile(tt.data, tt.declared)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Fatalf("got %q, %v", got, err)
				}
				return
			}
			fs := bina.ErrorFields(err)
			if bina.ErrorCode(err) != bina.Invalid || len(fs) == 0 || !strings.Contains(fs[0].Message.ID, tt.message) {
				t.Fatalf("got %q, %v %+v; want %q", got, err, fs, tt.message)
			}
		})
	}
	if CleanFileName(`..\\a/b/"notulen"; x.pdf`) != "notulen x.pdf" || CleanFileName("") != "lampiran" {
		t.Errorf("CleanFileName: %q", CleanFileName(`..\\a/b/"notulen"; x.pdf`))
	}
}

func TestRATRecordFollowsTheReport(t *testing.T) {
	r := workedExampleReport()
	prev := bina.RAT{BookYear: 2024, MembersFemale: 600, MembersMale: 300, HasBusinessLicense: true, HealthResult: "sehat", ReportedOn: bina.DateOf(2025, 3, 20)}
	x := r.RATRecord(prev, bina.DateOf(2025, 4, 1))
	if x.HeldOn != r.RATHeldOn || x.ReportedOn != bina.DateOf(2025, 3, 20) || x.MembersFemale != 600 || x.MembersMale != 400 ||
		x.Assets != 4850*juta || x.SHU != 200*juta || x.LoansGiven != 4000*juta || x.Reserves != 400*juta || !x.HasBusinessLicense || x.HealthResult != "sehat" ||
		x.SavingsReceived != 2700*juta || x.BorrowedCapital != 700*juta || x.MembersPresent != 640 {
		t.Fatalf("RAT record %+v", x)
	}
	if err := x.Validate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	back := ReportFromRAT(1, "KSP", "konvensional", x)
	if back.Neraca["simpanan_pokok"] != 100*juta || back.Members["anggota_akhir"] != 1000 || back.RATHeldOn != r.RATHeldOn {
		t.Fatalf("report from RAT %+v", back)
	}
}
