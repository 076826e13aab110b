package server

import "testing"

func TestPartnerMay(t *testing.T) {
	for pattern, want := range map[string]bool{
		"GET /pengurus":                                true,
		"GET /koperasi/{id}":                           true,
		"GET /koperasi/{id}/ubah":                      false,
		"GET /koperasi":                                false,
		"GET /umkm/{id}":                               false,
		"GET /koperasi/{id}/laporan/{year}":            true,
		"POST /koperasi/{id}/laporan/{year}/ajukan":    true,
		"GET /koperasi/{id}/laporanku":                 false,
		"GET /koperasi/{id}/kesehatan/{assessment}":    true,
		"POST /koperasi/{id}/kesehatan":                false,
		"GET /koperasi/{id}/undangan":                  false,
		"POST /api/v1/change-requests/{id}/approve":    false,
		"PUT /api/v1/cooperatives/{id}/reports/{year}": true,
	} {
		if got := partnerMay(pattern); got != want {
			t.Errorf("partnerMay(%q) = %v, want %v", pattern, got, want)
		}
	}
}
