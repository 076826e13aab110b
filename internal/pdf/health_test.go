package pdf

import (
	"bina/supervision"
	"bytes"
	"testing"
	"time"
)

func TestHealthWorksheet(t *testing.T) {
	rs := supervision.BuiltinHealthRuleSets()[0]
	r := &supervision.AnnualReport{ID: 1, CooperativeID: 2, BookYear: 2024, Version: 1, Jenis: "KSP", Pola: "konvensional",
		Neraca: map[string]int64{"kas": 150, "bank": 350, "pinjaman_anggota": 3400, "simpanan_sukarela": 1800, "simpanan_pokok": 100, "simpanan_wajib": 650},
		PHU:    map[string]int64{"partisipasi_bruto": 740, "beban_pokok_anggota": 270}}
	a, err := supervision.ComputeHealth(rs, r, nil, supervision.HealthInput{Answers: map[string]bool{"Q1": true}})
	if err != nil {
		t.Fatal(err)
	}
	a.ID, a.AssessedBy, a.CreatedAt, a.Version = 9, "Staf Pengawas", time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC), 1
	sheet := HealthSheet{Cooperative: "KSP Maju Bersama — koperasi dengan nama yang cukup panjang", Registration: "6112010001", RuleSetName: rs.Name.ID, Office: "Dinas Koperasi, UKM Kubu Raya"}
	b, err := HealthWorksheet(a, sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 2000 {
		t.Fatalf("not a PDF (%d bytes)", len(b))
	}
	again, _ := HealthWorksheet(a, sheet)
	if !bytes.Equal(b, again) {
		t.Error("the worksheet does not render to the same bytes twice")
	}
}
