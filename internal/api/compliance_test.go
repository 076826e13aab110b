package api_test

import (
	"testing"

	"bina"
)

// testCompliance checks GET /api/v1/compliance against the cooperatives of
// the earlier subtests: the KSP held the RAT of the last due book year on
// time and reported it; the KDMP (no legal date: founded in 2025 at the
// earliest) has not held its first.
func (e *env) testCompliance(t *testing.T) {
	type item struct {
		CooperativeID int64     `json:"cooperative_id"`
		RATHeldOn     bina.Date `json:"rat_held_on"`
		ReportState   string    `json:"report_state"`
		DaysLate      int       `json:"days_late"`
		MissedYears   int       `json:"missed_years"`
	}
	var page struct {
		Items []item
		Total int
		Next  string
	}
	book := bina.LastDueBookYear(e.now)
	q := path("/api/v1/compliance?book_year=%d&region=61.12", book)
	e.call(t, e.admin, "GET", q, nil).want(t, 200).decode(t, &page)
	by := map[int64]item{}
	for _, it := range page.Items {
		by[it.CooperativeID] = it
	}
	if page.Total != len(page.Items) || page.Total < 2 {
		t.Fatalf("page %+v", page)
	}
	if ksp := by[e.ids["ksp"]]; ksp.RATHeldOn != bina.DateOf(book+1, 3, 10) || ksp.DaysLate != 0 || ksp.MissedYears != 0 || ksp.ReportState != "" {
		t.Errorf("KSP %+v", ksp)
	}
	if kdmp := by[e.ids["kdmp"]]; !kdmp.RATHeldOn.IsZero() || kdmp.MissedYears != 1 || kdmp.DaysLate == 0 {
		t.Errorf("KDMP %+v", kdmp)
	}
	e.call(t, e.admin, "GET", path("/api/v1/compliance?book_year=%d&status=belum_rat&limit=1", book), nil).want(t, 200).decode(t, &page)
	if len(page.Items) != 1 || page.Items[0].MissedYears == 0 {
		t.Errorf("missed list %+v", page)
	}
	e.call(t, e.admin, "GET", path("/api/v1/compliance?book_year=%d&limit=1", book), nil).want(t, 200).decode(t, &page)
	if len(page.Items) != 1 || page.Next == "" {
		t.Errorf("first page of one: %+v", page)
	}
	e.call(t, e.admin, "GET", "/api/v1/compliance", nil).problem(t, 422, "invalid", "book_year")
	e.call(t, e.admin, "GET", "/api/v1/compliance?book_year=1800", nil).problem(t, 422, "invalid", "book_year")
	e.call(t, e.admin, "GET", path("/api/v1/compliance?book_year=%d&status=rajin", book), nil).problem(t, 422, "invalid", "status")
	e.call(t, e.admin, "GET", path("/api/v1/compliance?book_year=%d&tahun=2025", book), nil).problem(t, 400, "bad_request", "tahun")
	e.call(t, e.tokens[bina.RoleOfficer], "GET", path("/api/v1/compliance?book_year=%d&region=61.12.02", book), nil).problem(t, 404, "not_found")
	e.call(t, e.tokens[bina.RoleViewer], "GET", path("/api/v1/compliance?book_year=%d", book), nil).want(t, 200)
}
