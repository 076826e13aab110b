package api_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"bina"
)

// testPembinaan walks the certificate and milestone routes: status codes,
// JSON names, the duplicate number, the uuid sent twice and region scope.
func (e *env) testPembinaan(t *testing.T) {
	staff, officer, viewer := e.tokens[bina.RoleStaff], e.tokens[bina.RoleOfficer], e.tokens[bina.RoleViewer]
	var a, b record
	a = e.call(t, staff, "POST", "/api/v1/enterprises", enterpriseBody("Dodol Lidah Buaya", "61.12.01.2001", nil)).want(t, 201).record(t)
	b = e.call(t, staff, "POST", "/api/v1/enterprises", enterpriseBody("Dodol Durian", "61.12.02.2001", nil)).want(t, 201).record(t)
	certs := path("/api/v1/enterprises/%d/certificates", a.ID)

	r := e.call(t, staff, "POST", certs, map[string]any{
		"kind": "pirt", "number": "P-IRT No. 2153276010281-21", "issued_on": "2021-12-01", "expires_on": "2026-12-20", "issuer": "DPMPTSP", "programme_id": 4,
	}).want(t, 201)
	var c map[string]any
	r.decode(t, &c)
	for _, k := range []string{"id", "enterprise_id", "kind", "number", "issued_on", "expires_on", "issuer", "status", "route", "programme_id", "document_id", "notes", "version", "created_at", "updated_at"} {
		if _, ok := c[k]; !ok {
			t.Errorf("certificate has no %q: %v", k, c)
		}
	}
	if c["number"] != "215327601028121" || c["document_id"] != nil || r.header.Get("ETag") != `"1"` || r.header.Get("Location") == "" {
		t.Errorf("created %v, headers %v", c, r.header)
	}
	id := int64(c["id"].(float64))
	cert := path("/api/v1/certificates/%d", id)

	// Bad input: each gets a clear message on its field, nothing stored.
	e.call(t, staff, "POST", certs, map[string]any{"kind": "bpom", "number": "MD224510107115", "issued_on": "2024-05-01", "expires_on": "2023-05-01"}).
		problem(t, 422, "invalid", "expires_on")
	e.call(t, staff, "POST", certs, map[string]any{"kind": "pirt", "number": "2.15328E+14"}).problem(t, 422, "invalid", "number")
	e.call(t, staff, "POST", certs, map[string]any{"kind": "halal", "number": "ID123"}).problem(t, 422, "invalid", "number")
	e.call(t, staff, "POST", certs, map[string]any{"kind": "nib", "number": "0289010302776", "nomor": "x"}).problem(t, 400, "bad_request")
	e.call(t, viewer, "POST", certs, map[string]any{"kind": "nib", "number": "0289010302776"}).problem(t, 403, "forbidden")
	e.call(t, staff, "POST", "/api/v1/enterprises/999999/certificates", map[string]any{"kind": "nib", "number": "0289010302776"}).problem(t, 404, "not_found")
	var list struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	e.call(t, staff, "GET", certs, nil).want(t, 200).decode(t, &list)
	if list.Total != 1 || len(list.Items) != 1 {
		t.Fatalf("certificates after bad input: %+v", list)
	}

	// PUT with If-Match.
	c["issuer"] = "Dinas Kesehatan"
	for _, k := range []string{"enterprise_name", "village_code"} {
		delete(c, k)
	}
	e.call(t, staff, "PUT", cert, c).problem(t, 428, "precondition_required")
	e.call(t, staff, "PUT", cert, c, "If-Match", `"9"`).problem(t, 412, "precondition_failed")
	r = e.call(t, staff, "PUT", cert, c, "If-Match", `"1"`).want(t, 200)
	if r.header.Get("ETag") != `"2"` {
		t.Errorf("ETag after PUT %q", r.header.Get("ETag"))
	}
	e.call(t, staff, "GET", cert, nil).want(t, 200)

	// The same number on another enterprise is stored and waits for review.
	e.call(t, staff, "POST", path("/api/v1/enterprises/%d/certificates", b.ID), map[string]any{"kind": "pirt", "number": "215327601028121", "issued_on": "2022-01-01"}).want(t, 201)

	// The expiry list, scoped by region.
	var pg page
	e.call(t, staff, "GET", "/api/v1/certificates?expires_before=2027-02-26", nil).want(t, 200).decode(t, &pg)
	if pg.Total != 1 || pg.Items == nil {
		t.Errorf("expiring: %+v", pg)
	}
	e.call(t, staff, "GET", "/api/v1/certificates", nil).want(t, 200)
	e.call(t, staff, "GET", "/api/v1/certificates?expires_before=2027-02-26&region=61.12.02", nil).want(t, 200).decode(t, &pg)
	if pg.Total != 0 {
		t.Errorf("expiring in 61.12.02: %+v", pg)
	}
	e.call(t, staff, "GET", "/api/v1/certificates?expires_before=besok", nil).problem(t, 422, "invalid", "expires_before")
	e.call(t, staff, "GET", "/api/v1/certificates?sebelum=2027-01-01", nil).problem(t, 400, "bad_request", "sebelum")
	e.call(t, officer, "GET", path("/api/v1/enterprises/%d/certificates", b.ID), nil).problem(t, 404, "not_found")

	// Milestones: the same uuid twice is stored once.
	ms := path("/api/v1/enterprises/%d/milestones", a.ID)
	body := map[string]any{"uuid": "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f", "kind": "financing_obtained", "date": "2025-03-01",
		"financing_source": "kur", "bank": "BRI", "amount": 50_000_000, "owner_confirmed": true}
	var m1, m2 map[string]any
	e.call(t, officer, "POST", ms, body).want(t, 201).decode(t, &m1)
	e.call(t, officer, "POST", ms, body).want(t, http.StatusOK).decode(t, &m2)
	if m1["id"] != m2["id"] || m1["recorded_by"] != "petugas" {
		t.Errorf("first %v, again %v", m1, m2)
	}
	for _, k := range []string{"uuid", "enterprise_id", "kind", "date", "amount", "amount_before", "jobs", "financing_source", "bank", "market", "digital", "baseline", "certificate_id", "programme_id", "recorded_by", "owner_confirmed", "notes", "created_at"} {
		if _, ok := m1[k]; !ok {
			t.Errorf("milestone has no %q", k)
		}
	}
	future := map[string]any{"uuid": "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e60", "kind": "jobs_created", "date": "2030-01-01", "jobs": 2}
	e.call(t, staff, "POST", ms, future).problem(t, 422, "invalid", "date")
	e.call(t, officer, "POST", path("/api/v1/enterprises/%d/milestones", b.ID), body).problem(t, 404, "not_found")
	e.call(t, staff, "POST", path("/api/v1/enterprises/%d/milestones", b.ID), body).problem(t, 409, "conflict")
	var ml struct {
		Items []json.RawMessage `json:"items"`
		Total int               `json:"total"`
	}
	e.call(t, staff, "GET", ms, nil).want(t, 200).decode(t, &ml)
	if ml.Total != 1 || len(ml.Items) != 1 {
		t.Errorf("milestones %+v", ml)
	}
}
