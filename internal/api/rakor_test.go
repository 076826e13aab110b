package api_test

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"bina"
	"bina/indicator"
	"bina/internal/chart"
	"bina/internal/importer"
	"bina/internal/jobs"
	"bina/internal/pdf"
	"bina/internal/sqlstore"
)

// rakorQueue opens the queue that makes reports on store; the rakor
// scenario starts it, so that a report stays queued until then.
func rakorQueue(t *testing.T, store *sqlstore.Store, ref bina.Reference) *jobs.Queue {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	q, err := jobs.Open(t.Context(), store.Engine(), store.DB(), importer.New(store, ref, nil, log), store, log, jobs.Config{
		PollInterval: 20 * time.Millisecond, Reports: &jobs.Reports{Store: store, Regions: ref.Regions, Clock: ref.Clock}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("stop queue: %v", err)
		}
	})
	return q
}

type rakorAnswer struct {
	indicator.Report
	URL     string `json:"url"`
	PDFURL  string `json:"pdf_url"`
	XLSXURL string `json:"xlsx_url"`
}

// testRakor: a report is accepted with 202 and its address, a second ask
// while it waits is 409, a year without data 422; once the job has run,
// the report is done and its PDF and workbook hold the totals of GET
// /api/v1/indicators.
func (e *env) testRakor(t *testing.T) {
	year := e.now.Year()
	body := map[string]any{"year": year, "theme": "UMKM naik kelas"}
	r := e.call(t, e.tokens[bina.RoleStaff], "POST", "/api/v1/reports/rakor", body).want(t, 202)
	var rep rakorAnswer
	r.decode(t, &rep)
	if loc := r.header.Get("Location"); loc != rep.URL || rep.State != indicator.ReportQueued || rep.Version != 1 || rep.PDFURL != "" {
		t.Fatalf("accepted %+v at %q", rep, loc)
	}
	e.call(t, e.admin, "POST", "/api/v1/reports/rakor", body).want(t, 409)
	e.call(t, e.admin, "POST", "/api/v1/reports/rakor", map[string]any{"year": 2001}).want(t, 422)
	e.call(t, e.tokens[bina.RoleViewer], "POST", "/api/v1/reports/rakor", map[string]any{"year": 2001}).want(t, 403)
	e.call(t, e.admin, "GET", rep.URL+"/pdf", nil).want(t, 404) // not done yet

	if err := e.rakorQueue.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for rep.State == indicator.ReportQueued || rep.State == indicator.ReportRunning {
		if time.Now().After(deadline) {
			t.Fatalf("report still %s at %d%%", rep.State, rep.Progress)
		}
		time.Sleep(20 * time.Millisecond)
		e.call(t, e.admin, "GET", rep.URL, nil).want(t, 200).decode(t, &rep)
	}
	if rep.State != indicator.ReportDone || rep.PDFURL == "" || rep.XLSXURL == "" {
		t.Fatalf("report ended %+v", rep)
	}
	var values struct {
		Items []indicator.Value `json:"items"`
	}
	e.call(t, e.admin, "GET", "/api/v1/indicators?year="+strconv.Itoa(year), nil).want(t, 200).decode(t, &values)
	doc := e.raw(t, e.tokens[bina.RoleViewer], "GET", rep.PDFURL, nil).want(t, 200)
	if doc.header.Get("Content-Type") != "application/pdf" || len(doc.body) > 5<<20 {
		t.Fatalf("PDF %q of %d bytes", doc.header.Get("Content-Type"), len(doc.body))
	}
	text, err := pdf.Strings(doc.body)
	if err != nil {
		t.Fatal(err)
	}
	book := e.raw(t, e.admin, "GET", rep.XLSXURL, nil).want(t, 200)
	f, err := excelize.OpenReader(bytes.NewReader(book.body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Ringkasan", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range values.Items {
		dec := 0
		if v.Value != float64(int64(v.Value)) {
			dec = 1
		}
		i := slices.Index(text, v.Name)
		if i < 0 || (!v.None && !slices.Contains(text[i:min(i+6, len(text))], chart.Number(v.Value, dec))) {
			t.Errorf("the PDF lacks %s = %s", v.Name, chart.Number(v.Value, dec))
		}
		// A figure the API gives as null (no import yet) is an empty cell.
		cell := strconv.FormatFloat(v.Value, 'f', -1, 64)
		if v.None {
			cell = ""
		}
		if !slices.ContainsFunc(rows, func(row []string) bool {
			if len(row) == 0 || row[0] != v.Name {
				return false
			}
			if len(row) <= 3 { // the sheet's row ends at its last filled cell
				return cell == ""
			}
			return row[3] == cell
		}) {
			t.Errorf("the workbook lacks %s = %v", v.Name, v.Value)
		}
	}
	var list struct {
		Items []rakorAnswer `json:"items"`
	}
	e.call(t, e.admin, "GET", "/api/v1/reports/rakor", nil).want(t, 200).decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != rep.ID {
		t.Errorf("list %+v", list.Items)
	}
	e.call(t, e.admin, "GET", "/api/v1/reports/999999", nil).want(t, 404)
}
