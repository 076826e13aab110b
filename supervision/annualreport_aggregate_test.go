package supervision

import "testing"

// juta is a million rupiah: the worked example's amounts are in Rp juta.
const juta = 1_000_000

// workedExampleReport is KSP Maju Bersama of KOPERASI.md section D in
// whole rupiah.
func workedExampleReport() *AnnualReport { return ExampleReport(juta) }

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
