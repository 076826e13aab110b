package indicator_test

import (
	"bina/indicator"
	"testing"

	"bina"
)

// TestIndicatorCatalogue: codes are unique, every indicator has its
// metadata in both languages and allows only known breakdowns.
func TestIndicatorCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, ind := range indicator.Indicators {
		if seen[ind.Code] {
			t.Errorf("code %s twice", ind.Code)
		}
		seen[ind.Code] = true
		for _, x := range []bina.Text{ind.Name, ind.Concept, ind.Definition, ind.Formula, ind.Unit} {
			if x.ID == "" || x.EN == "" {
				t.Errorf("%s: metadata %+v missing a language", ind.Code, x)
			}
		}
		if ind.Measure != indicator.MeasureCount && ind.Measure != indicator.MeasurePercent || ind.ListPath == "" {
			t.Errorf("%s: measure %q list %q", ind.Code, ind.Measure, ind.ListPath)
		}
		for _, by := range ind.Breakdowns {
			if !indicator.Breakdowns.Has(by) {
				t.Errorf("%s: unknown breakdown %s", ind.Code, by)
			}
		}
	}
	for _, code := range []string{"umkm_registered", "umkm_verified", "umkm_binaan", "umkm_women_owned_share", "umkm_reached",
		"umkm_never_reached", "coop_registered", "coop_active", "programmes", "programme_participants"} {
		if _, ok := indicator.ByCode(code); !ok {
			t.Errorf("no indicator %s", code)
		}
	}
}

// TestIndicatorListURL: a figure links to its list, narrowed to the
// region and the breakdown's key.
func TestIndicatorListURL(t *testing.T) {
	ind := func(code string) *indicator.Indicator {
		x, ok := indicator.ByCode(code)
		if !ok {
			t.Fatal(code)
		}
		return x
	}
	for _, c := range []struct {
		code    string
		region  bina.RegionCode
		by, key string
		want    string
	}{
		{"umkm_binaan", "61.12.01", "", "", "/umkm?binaan=ya&kecamatan=61.12.01"},
		{"umkm_registered", "61.12", "", "", "/umkm"},
		{"umkm_registered", "61.12", "region", "61.12.02", "/umkm?kecamatan=61.12.02"},
		{"umkm_registered", "61.12.01", "region", "61.12.01.2001", "/umkm?desa=61.12.01.2001&kecamatan=61.12.01"},
		{"umkm_verified", "61.12", "size", "mikro", "/umkm?skala=mikro&verifikasi=terverifikasi"},
		{"umkm_registered", "61.12", "kbli_section", "-", "/umkm?kbli=none"},
		{"umkm_registered", "61.12", "size", "-", "/umkm"},
		{"umkm_registered", "61.12", "gender", "P", "/umkm?jenis_kelamin=P"},
		{"umkm_binaan", "61.12", "gender", "-", "/umkm?binaan=ya&jenis_kelamin=none"},
		{"umkm_workers_paid", "61.12", "gender", "P", "/umkm"},
		{"umkm_workers_paid", "61.12", "disability", "ya", "/umkm?disabilitas=ya"},
		{"umkm_women_owned_share", "61.12.01", "disability", "tidak", "/umkm?disabilitas=tidak&jenis_kelamin=P&kecamatan=61.12.01"},
		{"dq_kbli_coverage", "61.12", "gender", "L", "/umkm?jenis_kelamin=L&kbli=any"},
		{"dq_nik_valid_share", "61.12", "kbli_section", "C", "/umkm?kbli=C&nik_sah=ya"},
		{"dq_no_village", "61.12", "", "", "/umkm?desa_dikenal=tidak"},
		{"umkm_financing_count", "61.12.01", "", "", "/umkm?kecamatan=61.12.01&tahun_pembiayaan=2025"},
		{"umkm_financing_amount", "61.12", "year", "2025", "/umkm?tahun_pembiayaan=2025"},
		{"umkm_reached", "61.12", "", "", "/umkm?jangkauan=since%3A2025"},
		{"coop_active", "61.12.01", "", "", "/koperasi?aktif=ya&kecamatan=61.12.01"},
		{"programmes", "61.12", "year", "2025", "/program?tahun=2025"},
		{"coop_rat_on_time", "61.12.01", "", "", "/koperasi/kepatuhan?kecamatan=61.12.01&status=tepat_waktu&tahun=2024"},
		{"umkm_new", "61.12.01", "size", "kecil", "/umkm?kecamatan=61.12.01&skala=kecil&tahun_daftar=2025"},
		{"umkm_closed", "61.12", "", "", "/umkm?arsip=ya&tahun_arsip=2025"},
		{"umkm_cert_held", "61.12.01", "cert_kind", "halal", "/sertifikat?jenis=halal&kecamatan=61.12.01&tampil=berlaku"},
		{"umkm_cert_obtained", "61.12", "cert_kind", "nib", "/sertifikat?jenis=nib&tahun_terbit=2025&tampil=semua"},
		{"umkm_digital_share", "61.12", "disability", "ya", "/umkm?digital=any&disabilitas=ya"},
	} {
		if got := ind(c.code).ListURL(2025, c.region, c.by, c.key); got != c.want {
			t.Errorf("%s %s by %s=%s: %s, want %s", c.code, c.region, c.by, c.key, got, c.want)
		}
	}
	// A past year: the figures of the register at the year's end link to
	// the register as it stood then; the others to their own lists.
	for code, want := range map[string]string{
		"umkm_registered": "/umkm?skala=kecil&akhir_tahun=2024",
		"umkm_new":        "/umkm?skala=kecil&tahun_daftar=2024&akhir_tahun=2024",
		"coop_registered": "/koperasi?akhir_tahun=2024",
		"umkm_closed":     "/umkm?arsip=ya&skala=kecil&tahun_arsip=2024",
	} {
		by, key := "size", "kecil"
		if code == "coop_registered" {
			by, key = "", ""
		}
		if got := ind(code).PastListURL(2024, "61.12", by, key); got != want {
			t.Errorf("%s of 2024: %s, want %s", code, got, want)
		}
	}
	if err := ind("coop_active").CheckBreakdown("gender"); bina.ErrorCode(err) != bina.Invalid {
		t.Errorf("coop_active by gender: %v", err)
	}
}
