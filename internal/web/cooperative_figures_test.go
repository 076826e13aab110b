package web_test

import (
	"bina/supervision"
	"context"
	"testing"

	"bina"
)

// TestCooperativeListFigureFilters: the lists behind the cooperative
// indicators (laporan=, kesehatan=) keep the cooperatives whose report or
// assessment of the book year is kept, and refuse a filter they cannot
// read.
func TestCooperativeListFigureFilters(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		tepat := cooperative("KSP Lapor Tepat", kualaDua)
		s.mustCreateCoop(tepat)
		s.mustCreateCoop(cooperative("KSP Belum Lapor", kualaDua))
		staff := context.Background()
		r := supervision.ExampleReport(1_000_000)
		r.CooperativeID = tepat.ID
		must(t, s.store.SaveAnnualReport(staff, r))
		_, err := s.store.SubmitAnnualReport(staff, tepat.ID, 2024)
		must(t, err)
		b := s.signedIn(s.user("staf", bina.RoleStaff, ""))
		b.get("/koperasi?laporan=2024").want(t, 200).contains(t, "KSP Lapor Tepat").lacks(t, "KSP Belum Lapor")
		b.get("/koperasi?laporan=2024:diterima").want(t, 200).lacks(t, "KSP Lapor Tepat", "KSP Belum Lapor")
		b.get("/koperasi?kesehatan=2024").want(t, 200).lacks(t, "KSP Lapor Tepat")
		b.get("/koperasi?laporan=kemarin").want(t, 422)
		b.get("/koperasi?kesehatan=2024:prima").want(t, 422)
		// The register at a past year's end (akhir_tahun=): the site's
		// records are made now, so none was there at the end of 2024; the
		// filter stays in the form as it is applied again.
		b.get("/koperasi?akhir_tahun=2024").want(t, 200).contains(t, "<strong>0</strong> koperasi terdaftar pada akhir tahun 2024",
			`<input type="hidden" name="akhir_tahun" value="2024">`).lacks(t, "KSP Lapor Tepat")
		b.get("/koperasi?laporan=2024&akhir_tahun=2026").want(t, 200).contains(t, "KSP Lapor Tepat", `<input type="hidden" name="laporan" value="2024">`)
		b.get("/koperasi?akhir_tahun=kemarin").want(t, 422).contains(t, `Tahun "kemarin" tidak dikenal`)
		b.get("/koperasi?akhir_tahun=2099").want(t, 422)
	})
}
