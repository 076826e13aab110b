package web

import (
	"testing"

	"bina"
)

// TestHistoryRows pins how the history page writes changes: field names,
// coded values by their labels, amounts grouped, yes and no, months, and
// the office's own cooperative groups by code.
func TestHistoryRows(t *testing.T) {
	h := &Handler{}
	tests := []struct {
		labels               map[string]fieldLabel
		field, before, after string
		name, wantB, wantA   string
	}{
		{enterpriseFieldLabels, "owner.phone", "", "081234567890", "Nomor HP pemilik", "", "081234567890"},
		{enterpriseFieldLabels, "legal_form", "perorangan", "cv", "Bentuk usaha", "Perorangan (belum berbadan usaha)", "CV"},
		{enterpriseFieldLabels, "capital", "0", "25000000", "Modal usaha", "0", "25.000.000"},
		{enterpriseFieldLabels, "sales", "", "2025: 150000000", "Omzet tahunan", "", "2025: 150.000.000"},
		{enterpriseFieldLabels, "binaan", "false", "true", "UMKM binaan", "Tidak", "Ya"},
		{enterpriseFieldLabels, "digital.qris", "false", "true", "QRIS", "Tidak", "Ya"},
		{enterpriseFieldLabels, "start_month", "0", "5", "Bulan mulai", "0", "Mei"},
		{enterpriseFieldLabels, "size_computed", "", "mikro", "Skala terhitung", "", "Mikro"},
		{enterpriseFieldLabels, "verification", "belum", "terverifikasi", "Verifikasi", "Belum diverifikasi", "Terverifikasi"},
		{enterpriseFieldLabels, "kbli", "2020:10794", "2020:10794, 2020:47111", "KBLI", "10794", "10794, 47111"},
		{enterpriseFieldLabels, "digital", "", "x", "Kehadiran digital", "", "x"},
		{cooperativeFieldLabels, "kelompok", "umum", "nelayan", "Kelompok koperasi", "umum", "nelayan"},
		{cooperativeFieldLabels, "jenis", "", "simpan_pinjam", "Jenis koperasi", "", "Simpan Pinjam (KSP)"},
		{cooperativeFieldLabels, "kdmp", "false", "true", "Koperasi Desa Merah Putih", "Tidak", "Ya"},
		{cooperativeFieldLabels, "rat.2025.shu", "", "12000000", "RAT tahun buku 2025: SHU", "", "12.000.000"},
		{cooperativeFieldLabels, "rat.2025.health_assessed", "", "true", "RAT tahun buku 2025: kesehatan dinilai", "", "Ya"},
	}
	for _, tt := range tests {
		rows := h.historyRows([]bina.Change{{Action: "update", Field: tt.field, Before: tt.before, After: tt.after}}, "id", tt.labels)
		r := rows[0]
		if r.Field != tt.name || r.Before != tt.wantB || r.After != tt.wantA {
			t.Errorf("%s: %q %q -> %q, want %q %q -> %q", tt.field, r.Field, r.Before, r.After, tt.name, tt.wantB, tt.wantA)
		}
	}
}
