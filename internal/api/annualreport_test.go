package api_test

import (
	"bina/supervision"
	"bytes"
	"mime/multipart"
	"strings"
	"sync"
	"testing"

	"bina"
)

// reportBody is the worked example of KOPERASI.md section D as a client
// sends it: only the fixed members of the interface.
func reportBody(t *testing.T, change func(r *supervision.AnnualReport)) map[string]any {
	t.Helper()
	r := supervision.ExampleReport(1_000_000)
	if change != nil {
		change(r)
	}
	return map[string]any{
		"jenis": r.Jenis, "pola": r.Pola, "rat_held_on": r.RATHeldOn.String(), "members_present": r.MembersPresent,
		"neraca": r.Neraca, "phu": r.PHU, "kolektibilitas": r.Kolektibilitas, "schedules": r.Schedules, "members": r.Members,
		"shu_distribution": r.SHUDistribution,
	}
}

// multipartFile returns a form with a document and its kind.
func multipartFile(t *testing.T, kind, name, ctype string, data []byte) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("kind", kind)
	h := map[string][]string{
		"Content-Disposition": {`form-data; name="file"; filename="` + name + `"`},
		"Content-Type":        {ctype},
	}
	part, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(data)
	_ = w.Close()
	return buf.String(), w.FormDataContentType()
}

func (e *env) testAnnualReports(t *testing.T) {
	staff, officer, viewer := e.tokens[bina.RoleStaff], e.tokens[bina.RoleOfficer], e.tokens[bina.RoleViewer]
	coop := e.call(t, staff, "POST", "/api/v1/cooperatives", cooperativeBody("KSP Maju Bersama API", "61.12.01.2001", nil)).want(t, 201).record(t)
	far := e.call(t, staff, "POST", "/api/v1/cooperatives", cooperativeBody("KSP Jauh", "61.12.02.2001", nil)).want(t, 201).record(t)
	url := path("/api/v1/cooperatives/%d/reports/2024", coop.ID)

	e.call(t, staff, "GET", url, nil).problem(t, 404, "not_found")
	// Refused outright: an unknown code, a negative amount; nothing stored.
	e.call(t, staff, "PUT", url, reportBody(t, func(r *supervision.AnnualReport) { r.Neraca["emas"] = 1 })).problem(t, 422, "invalid", "neraca.emas")
	e.call(t, staff, "PUT", url, reportBody(t, func(r *supervision.AnnualReport) { r.PHU["pajak"] = -5 })).problem(t, 422, "invalid", "phu.pajak")
	e.call(t, staff, "PUT", url, map[string]any{"book_year": 2023, "jenis": "KSP"}).problem(t, 422, "invalid", "book_year")
	e.call(t, staff, "GET", url, nil).problem(t, 404, "not_found")

	// A balance sheet that does not balance is kept as a draft and named.
	var rep supervision.AnnualReport
	r := e.call(t, officer, "PUT", url, reportBody(t, func(r *supervision.AnnualReport) { r.Neraca["kas"] += 1_250_000 })).want(t, 200)
	r.decode(t, &rep)
	if rep.State != supervision.ReportDraft || r.header.Get("ETag") != `"1"` || len(rep.Problems) != 1 || rep.Problems[0].Code != "neraca_tidak_seimbang" ||
		!strings.Contains(rep.Problems[0].Message, "selisih Rp 1.250.000") || rep.Neraca["total_aset"] != 4_851_250_000 {
		t.Fatalf("draft %+v (ETag %s)", rep, r.header.Get("ETag"))
	}
	p := e.call(t, staff, "POST", url+"/submit", nil).problem(t, 422, "invalid", "neraca.total_aset")
	if !strings.Contains(p.Errors[0].Message, "Neraca tidak seimbang: selisih Rp 1.250.000") {
		t.Errorf("submit refused with %+v", p.Errors)
	}
	// A stale If-Match is 412; the current one saves the mended report.
	e.call(t, staff, "PUT", url, reportBody(t, nil), "If-Match", `"7"`).problem(t, 412, "precondition_failed")
	e.call(t, staff, "PUT", url, reportBody(t, nil), "If-Match", `"1"`).want(t, 200).decode(t, &rep)
	if len(rep.Problems) != 0 || rep.Revision != 2 {
		t.Fatalf("mended %+v", rep.Problems)
	}
	// Outside the officer's area, and for a viewer.
	e.call(t, officer, "PUT", path("/api/v1/cooperatives/%d/reports/2024", far.ID), reportBody(t, nil)).problem(t, 404, "not_found")
	e.call(t, viewer, "PUT", url, reportBody(t, nil)).problem(t, 403, "forbidden")

	// Two submissions at once: one succeeds, the other is 409.
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = e.raw(t, staff, "POST", url+"/submit", nil).status
		}()
	}
	wg.Wait()
	if !(statuses[0] == 200 && statuses[1] == 409) && !(statuses[0] == 409 && statuses[1] == 200) {
		t.Fatalf("two submissions answered %v", statuses)
	}
	e.call(t, staff, "POST", url+"/submit", nil).problem(t, 409, "conflict")
	e.call(t, officer, "POST", url+"/accept", nil).problem(t, 403, "forbidden")
	e.call(t, staff, "POST", url+"/return", map[string]any{"note": ""}).problem(t, 422, "invalid", "note")
	e.call(t, staff, "POST", url+"/return", map[string]any{"note": "Lampirkan notulen RAT"}).want(t, 200).decode(t, &rep)
	if rep.State != supervision.ReportReturned || rep.ReturnNote != "Lampirkan notulen RAT" {
		t.Fatalf("returned %+v", rep)
	}

	// Documents: a PDF; an empty one, a fake one.
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
	body, ct := multipartFile(t, "notulen_rat", "notulen rat.pdf", "application/pdf", pdf)
	r = e.call(t, officer, "POST", url+"/attachments", body, "Content-Type", ct).want(t, 201)
	var att supervision.ReportAttachment
	r.decode(t, &att)
	if att.ContentType != supervision.TypePDF || att.FileName != "notulen rat.pdf" || r.header.Get("Location") != path("%s/attachments/%d", url, att.ID) {
		t.Fatalf("attachment %+v", att)
	}
	body, ct = multipartFile(t, "notulen_rat", "kosong.pdf", "application/pdf", nil)
	e.call(t, staff, "POST", url+"/attachments", body, "Content-Type", ct).problem(t, 422, "invalid", "file")
	body, ct = multipartFile(t, "daftar_hadir", "hadir.pdf", "application/pdf", []byte("MZ\x90 an executable"))
	e.call(t, staff, "POST", url+"/attachments", body, "Content-Type", ct).problem(t, 422, "invalid", "file")
	e.call(t, staff, "POST", url+"/attachments", reportBody(t, nil)).problem(t, 415, "unsupported_media_type")
	var atts struct {
		Items []supervision.ReportAttachment
	}
	e.call(t, staff, "GET", url+"/attachments", nil).want(t, 200).decode(t, &atts)
	if len(atts.Items) != 1 {
		t.Fatalf("attachments %+v", atts)
	}
	e.call(t, officer, "GET", path("%s/attachments/%d", url, att.ID+99), nil).problem(t, 404, "not_found")
	r = e.raw(t, viewer, "GET", path("%s/attachments/%d", url, att.ID), nil).want(t, 200)
	if !bytes.Equal(r.body, pdf) || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment") || r.header.Get("Content-Type") != supervision.TypePDF {
		t.Fatalf("download %q %v", r.body, r.header)
	}

	e.call(t, staff, "POST", url+"/submit", nil).want(t, 200)
	e.call(t, staff, "POST", url+"/accept", nil).want(t, 200).decode(t, &rep)
	if rep.State != supervision.ReportAccepted || rep.AcceptedBy != "staf" {
		t.Fatalf("accepted %+v", rep)
	}
	// The RAT record followed.
	var c bina.Cooperative
	e.call(t, staff, "GET", path("/api/v1/cooperatives/%d", coop.ID), nil).want(t, 200).decode(t, &c)
	if c.LastRATYear != 2024 || len(c.RATs) != 1 || c.RATs[0].Assets != 4_850_000_000 {
		t.Fatalf("cooperative %d, %+v", c.LastRATYear, c.RATs)
	}
	// Accepted is locked; a correction is version 2.
	p = e.call(t, staff, "PUT", url, reportBody(t, nil)).problem(t, 409, "conflict")
	if !strings.Contains(p.Detail, "dikunci") {
		t.Errorf("detail %q", p.Detail)
	}
	body, ct = multipartFile(t, "pernyataan", "x.pdf", "application/pdf", pdf)
	e.call(t, staff, "POST", url+"/attachments", body, "Content-Type", ct).problem(t, 409, "conflict")
	e.call(t, staff, "POST", url+"/correction", map[string]any{"note": "Salah ketik"}).want(t, 200).decode(t, &rep)
	if rep.Version != 2 || rep.State != supervision.ReportDraft {
		t.Fatalf("correction %+v", rep)
	}
	e.call(t, staff, "POST", url+"/correction", nil).problem(t, 409, "conflict")
	e.call(t, staff, "GET", url+"/versions/1", nil).want(t, 200).decode(t, &rep)
	if rep.State != supervision.ReportAccepted {
		t.Fatalf("version 1 %+v", rep)
	}
	e.call(t, staff, "GET", url+"/versions/9", nil).problem(t, 404, "not_found")
	var hist struct{ Items []supervision.ReportEvent }
	e.call(t, staff, "GET", url+"/history", nil).want(t, 200).decode(t, &hist)
	if n := len(hist.Items); n < 8 || hist.Items[n-1].Action != "correction" || hist.Items[n-1].Note != "Salah ketik" {
		t.Fatalf("history %+v", hist.Items)
	}
	var list struct{ Items []supervision.AnnualReport }
	e.call(t, staff, "GET", path("/api/v1/cooperatives/%d/reports", coop.ID), nil).want(t, 200).decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].Version != 2 {
		t.Fatalf("list %+v", list)
	}
	e.call(t, officer, "GET", path("/api/v1/cooperatives/%d/reports", far.ID), nil).problem(t, 404, "not_found")
}
