package api_test

import (
	"bina/coaching"
	"bina/indicator"
	"strconv"
	"testing"

	"bina"
)

// testIndicators: the figures of the fixed interface equal the lists
// behind them, breakdowns add up, and bad questions get clear problems.
func (e *env) testIndicators(t *testing.T) {
	var ans struct {
		Items []indicator.Value `json:"items"`
		Total int               `json:"total"`
	}
	year := e.now.Year()
	e.call(t, e.admin, "GET", "/api/v1/indicators", nil).want(t, 200).decode(t, &ans)
	if ans.Total != len(ans.Items) || ans.Total < 10 {
		t.Fatalf("answer %+v", ans)
	}
	values := map[string]indicator.Value{}
	for _, v := range ans.Items {
		values[v.Code] = v
		if v.Year != year || v.RegionCode != "61.12" || v.Name == "" || v.Unit == "" || v.URL == "" {
			t.Errorf("item %+v", v)
		}
	}
	if got, want := values["umkm_registered"].Value, float64(e.total(t, "")); got != want {
		t.Errorf("umkm_registered %v, enterprises total %v", got, want)
	}
	active := e.call(t, e.admin, "GET", "/api/v1/cooperatives?active=ya", nil).want(t, 200).page(t).Total
	if got := values["coop_active"].Value; got != float64(active) {
		t.Errorf("coop_active %v, cooperatives?active=ya total %d", got, active)
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators?year="+strconv.Itoa(year)+"&region=61.12.01", nil).want(t, 200).decode(t, &ans)
	for _, v := range ans.Items {
		if v.Code == "umkm_registered" {
			if want := float64(e.total(t, "?region=61.12.01")); v.Value != want || v.RegionCode != "61.12.01" {
				t.Errorf("umkm_registered of 61.12.01 %+v, list total %v", v, want)
			}
		}
	}

	e.call(t, e.admin, "GET", "/api/v1/indicators/umkm_binaan?by=region", nil).want(t, 200).decode(t, &ans)
	sum := 0.0
	for _, v := range ans.Items {
		sum += v.Value
		if v.Key == "" || v.Label == "" || v.URL == "" || (v.Key != "-" && string(v.RegionCode) != v.Key) {
			t.Errorf("breakdown item %+v", v)
		}
	}
	if sum != values["umkm_binaan"].Value || ans.Total != len(ans.Items) {
		t.Errorf("binaan by region adds up to %v, want %v", sum, values["umkm_binaan"].Value)
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators/coop_active", nil).want(t, 200).decode(t, &ans)
	if len(ans.Items) != 1 || ans.Items[0].Value != float64(active) {
		t.Errorf("coop_active whole %+v", ans)
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators/umkm_registered?by=year", nil).want(t, 200).decode(t, &ans)
	if len(ans.Items) != 5 || ans.Items[4].Value != values["umkm_registered"].Value {
		t.Errorf("trend %+v", ans)
	}

	e.call(t, e.admin, "GET", "/api/v1/indicators/tidak_ada", nil).problem(t, 404, "not_found")
	e.call(t, e.admin, "GET", "/api/v1/indicators/coop_active?by=gender", nil).problem(t, 422, "invalid", "by")
	e.call(t, e.admin, "GET", "/api/v1/indicators/coop_active?by=warna", nil).problem(t, 422, "invalid", "by")
	e.call(t, e.admin, "GET", "/api/v1/indicators?region=61.71", nil).problem(t, 422, "invalid", "region")
	e.call(t, e.admin, "GET", "/api/v1/indicators?year=2099", nil).problem(t, 422, "invalid", "year")
	e.call(t, e.admin, "GET", "/api/v1/indicators?tahun=2025", nil).problem(t, 400, "bad_request", "tahun")
	e.call(t, e.tokens[bina.RoleOfficer], "GET", "/api/v1/indicators?region=61.12.02", nil).problem(t, 404, "not_found")
	e.testRegisterIndicators(t, values)
}

// testRegisterIndicators: the figures of the register's summary (new and
// closed, workers, certificates) and the breakdowns by disability and
// certificate kind.
func (e *env) testRegisterIndicators(t *testing.T, values map[string]indicator.Value) {
	var ans struct {
		Items []indicator.Value `json:"items"`
		Total int               `json:"total"`
	}
	year := strconv.Itoa(e.now.Year())
	if got, want := values["umkm_new"].Value, float64(e.total(t, "?created_year="+year)); got != want || got == 0 {
		t.Errorf("umkm_new %v, enterprises?created_year total %v", got, want)
	}
	if got, want := values["umkm_closed"].Value, float64(e.total(t, "?archived=true&archived_year="+year)); got != want {
		t.Errorf("umkm_closed %v, enterprises?archived_year total %v", got, want)
	}
	if u := values["umkm_new"].URL; u != "/umkm?tahun_daftar="+year {
		t.Errorf("umkm_new url %q", u)
	}
	// sum returns the sum of the items, checking their keys.
	sum := func(keys ...string) float64 {
		t.Helper()
		var n float64
		for i, v := range ans.Items {
			if i < len(keys) && v.Key != keys[i] || v.Label == "" {
				t.Errorf("item %d %+v, want key %v", i, v, keys)
			}
			n += v.Value
		}
		return n
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators/umkm_registered?by=disability", nil).want(t, 200).decode(t, &ans)
	if n := sum("ya", "tidak"); n != values["umkm_registered"].Value || len(ans.Items) != 2 {
		t.Errorf("by disability %+v adds up to %v", ans.Items, n)
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators/umkm_workers_paid?by=gender", nil).want(t, 200).decode(t, &ans)
	if n := sum("L", "P"); n != values["umkm_workers_paid"].Value || n == 0 {
		t.Errorf("paid workers by gender %+v adds up to %v, whole %v", ans.Items, n, values["umkm_workers_paid"].Value)
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators/umkm_cert_held?by=cert_kind", nil).want(t, 200).decode(t, &ans)
	if n := sum(coaching.CertificateKinds.Codes()...); n != values["umkm_cert_held"].Value || len(ans.Items) != len(coaching.CertificateKinds) {
		t.Errorf("certificates by kind %+v adds up to %v", ans.Items, n)
	}
	for _, code := range []string{"umkm_digital_share", "dq_kbli_coverage", "dq_nik_valid_share"} {
		if v := values[code].Value; v < 0 || v > 100 {
			t.Errorf("%s = %v, not a percentage", code, v)
		}
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators/umkm_cert_held?by=gender", nil).problem(t, 422, "invalid", "by")
	e.call(t, e.admin, "GET", "/api/v1/indicators/coop_active?by=disability", nil).problem(t, 422, "invalid", "by")
	e.call(t, e.admin, "GET", "/api/v1/indicators/umkm_new?year=1990", nil).problem(t, 422, "invalid", "year")
	e.call(t, e.admin, "GET", "/api/v1/indicators?year=1990", nil).problem(t, 422, "invalid", "year")
	e.call(t, e.admin, "GET", "/api/v1/enterprises?archived_year="+year, nil).problem(t, 422, "invalid", "archived_year")
}

// testCoopIndicators: the cooperative figures of 2025 (book year 2024)
// equal the totals of the cooperative lists their URLs name, a breakdown
// adds up, and a report submitted shows at once.
func (e *env) testCoopIndicators(t *testing.T) {
	var ans struct {
		Items []indicator.Value `json:"items"`
		Total int               `json:"total"`
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators?year=2025", nil).want(t, 200).decode(t, &ans)
	values := map[string]indicator.Value{}
	for _, v := range ans.Items {
		values[v.Code] = v
	}
	listed := func(query string) float64 {
		return float64(e.call(t, e.admin, "GET", "/api/v1/cooperatives?"+query, nil).want(t, 200).page(t).Total)
	}
	for code, query := range map[string]string{"coop_reporting": "report=2024", "coop_health": "health=2024"} {
		if got, want := values[code].Value, listed(query); got != want {
			t.Errorf("%s %v, cooperatives?%s total %v", code, got, query, want)
		}
	}
	if values["coop_reporting"].URL != "/koperasi?laporan=2024" || values["programme_budget"].Unit != "rupiah" {
		t.Errorf("reporting %+v, budget %+v", values["coop_reporting"], values["programme_budget"])
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators/coop_assets?year=2025&by=coop_type", nil).want(t, 200).decode(t, &ans)
	sum := 0.0
	for _, v := range ans.Items {
		sum += v.Value
	}
	if sum != values["coop_assets"].Value || len(ans.Items) < len(bina.Jenises) {
		t.Errorf("assets by type %+v adds up to %v, want %v", ans.Items, sum, values["coop_assets"].Value)
	}

	staff := e.tokens[bina.RoleStaff]
	coop := e.call(t, staff, "POST", "/api/v1/cooperatives", cooperativeBody("KSP Indikator", "61.12.01.2001", nil)).want(t, 201).record(t)
	e.call(t, staff, "PUT", path("/api/v1/cooperatives/%d/reports/2024", coop.ID), reportBody(t, nil)).want(t, 200)
	e.call(t, staff, "POST", path("/api/v1/cooperatives/%d/reports/2024/submit", coop.ID), nil).want(t, 200)
	e.call(t, e.admin, "GET", "/api/v1/indicators/coop_reporting?year=2025", nil).want(t, 200).decode(t, &ans)
	if len(ans.Items) != 1 || ans.Items[0].Value != values["coop_reporting"].Value+1 {
		t.Errorf("after a submission: %+v, before %v", ans.Items, values["coop_reporting"].Value)
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators/coop_members?by=health_category", nil).problem(t, 422, "invalid", "by")
	e.call(t, e.admin, "GET", "/api/v1/cooperatives?report=2024:semua", nil).problem(t, 422, "invalid", "report")
}
