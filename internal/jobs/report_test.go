package jobs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"bina"
	"bina/indicator"
	"bina/internal/chart"
	"bina/internal/demo"
	"bina/internal/geojson"
	"bina/internal/jobs"
	"bina/internal/pdf"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// reportEnv is a store with part of the Kubu Raya demo register and a
// queue that makes reports, not yet started.
func reportEnv(t *testing.T, engine string) (*env, *jobs.Queue, indicator.ReportService) {
	t.Helper()
	e := newEnv(t, engine)
	data := demo.Generate(e.ref, demo.Options{Seed: 1, Now: sqlstoretest.Now})
	if err := e.store.BulkLoad(t.Context(), data.Enterprises[:800], data.Cooperatives[:60]); err != nil {
		t.Fatal(err)
	}
	bounds, err := geojson.Demo(geojson.KubuRayaKecamatan)
	if err != nil {
		t.Fatal(err)
	}
	q, err := jobs.Open(t.Context(), e.store.Engine(), e.store.DB(), e.imp, e.store, slog.New(slog.DiscardHandler), jobs.Config{
		PollInterval: 50 * time.Millisecond,
		Reports:      &jobs.Reports{Store: e.store, Regions: e.ref.Regions, Boundaries: bounds, Clock: func() time.Time { return sqlstoretest.Now }}})
	if err != nil {
		t.Fatal(err)
	}
	return e, q, q.ReportService(e.store)
}

// waitReport probes the report's state until its job ends.
func (e *env) waitReport(rs indicator.ReportService, id int64) *indicator.Report {
	e.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		r, err := rs.FindReport(e.ctx, id)
		if err != nil {
			e.t.Fatal(err)
		}
		if !r.Busy() {
			return r
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("report %d still %s at %d%%", id, r.State, r.Progress)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRakorReport: a report asked for twice at once is refused with 409,
// a year without data with 422; the job runs to done; the PDF and the
// workbook hold the indicators' totals; the snapshot does not change when
// the register does, and asking again makes version 2 with the new
// figures.
func TestRakorReport(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			e, q, rs := reportEnv(t, engine)
			year := sqlstoretest.Now.Year()
			r, err := rs.RequestRakor(e.ctx, indicator.ReportRequest{Year: year, Theme: "UMKM naik kelas"})
			if err != nil {
				t.Fatal(err)
			}
			if r.State != indicator.ReportQueued || r.Version != 1 || r.Region != "61.12" {
				t.Fatalf("new report %+v", r)
			}
			if _, err := rs.RequestRakor(e.ctx, indicator.ReportRequest{Year: year}); bina.ErrorCode(err) != bina.Conflict {
				t.Fatalf("second ask while queued: %v, want conflict", err)
			}
			if _, err := rs.RequestRakor(e.ctx, indicator.ReportRequest{Year: 2001}); bina.ErrorCode(err) != bina.Invalid {
				t.Fatalf("a year without data: %v, want invalid", err)
			}
			if err := q.Start(t.Context()); err != nil {
				t.Fatal(err)
			}
			defer stop(t, q)
			r = e.waitReport(rs, r.ID)
			if r.State != indicator.ReportDone || r.Progress != 100 || r.PDFSize == 0 || r.XLSXSize == 0 || r.TakenAt == nil {
				t.Fatalf("report ended %+v", r)
			}
			values, err := e.store.IndicatorValues(e.ctx, indicator.Query{Year: year})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := rs.ReportFile(e.ctx, r.ID, indicator.ReportPDF)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Data) > 5<<20 {
				t.Errorf("PDF of %d bytes, over 5 MB", len(doc.Data))
			}
			checkPDFTotals(t, doc.Data, values)
			book, err := rs.ReportFile(e.ctx, r.ID, indicator.ReportXLSX)
			if err != nil {
				t.Fatal(err)
			}
			checkWorkbookTotals(t, book.Data, values)
			figures, err := e.store.ReportFigures(e.ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}

			// The register changes: the published report does not.
			more := demo.Generate(e.ref, demo.Options{Seed: 2, Now: sqlstoretest.Now}).Enterprises[:50]
			for i := range more {
				more[i].SourceID += "-baru"
			}
			if err := e.store.BulkLoad(t.Context(), more, nil); err != nil {
				t.Fatal(err)
			}
			again, err := rs.ReportFile(e.ctx, r.ID, indicator.ReportPDF)
			if err != nil {
				t.Fatal(err)
			}
			figuresAgain, _ := e.store.ReportFigures(e.ctx, r.ID)
			if !bytes.Equal(again.Data, doc.Data) || !bytes.Equal(figures, figuresAgain) {
				t.Error("the published report changed with the register")
			}
			r2, err := rs.RequestRakor(e.ctx, indicator.ReportRequest{Year: year})
			if err != nil {
				t.Fatal(err)
			}
			if r2.Version != 2 {
				t.Fatalf("regenerated report has version %d, want 2", r2.Version)
			}
			r2 = e.waitReport(rs, r2.ID)
			if r2.State != indicator.ReportDone {
				t.Fatalf("version 2 ended %+v", r2)
			}
			var f1, f2 indicator.RakorFigures
			figures2, _ := e.store.ReportFigures(e.ctx, r2.ID)
			if err := json.Unmarshal(figures, &f1); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(figures2, &f2); err != nil {
				t.Fatal(err)
			}
			v1, _ := f1.Value(year, "umkm_registered")
			v2, _ := f2.Value(year, "umkm_registered")
			if v2.Value != v1.Value+50 || f2.Version != 2 {
				t.Errorf("umkm_registered %v in version 1, %v in version %d; want 50 more", v1.Value, v2.Value, f2.Version)
			}
			list, err := rs.ListReports(e.ctx, indicator.ReportKindRakor, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].ID != r2.ID {
				t.Errorf("list %+v", list)
			}
		})
	}
}

// number writes v as the report prints it.
func number(v float64) string {
	dec := 0
	if v != float64(int64(v)) {
		dec = 1
	}
	return chart.Number(v, dec)
}

// checkPDFTotals checks that every value's name is followed in the PDF's
// text by its figure, as the summary table prints them.
func checkPDFTotals(t *testing.T, doc []byte, values []indicator.Value) {
	t.Helper()
	text, err := pdf.Strings(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range values {
		i := slices.Index(text, v.Name)
		if i < 0 {
			t.Errorf("the PDF does not name %s (%q)", v.Code, v.Name)
			continue
		}
		if v.None {
			continue // no value: an empty cell, which the workbook's check sees
		}
		if !slices.Contains(text[i+1:min(i+6, len(text))], number(v.Value)) {
			t.Errorf("the PDF shows %s near %v, want %s", v.Code, text[i:min(i+6, len(text))], number(v.Value))
		}
	}
}

// checkWorkbookTotals checks that the summary sheet holds every value.
func checkWorkbookTotals(t *testing.T, book []byte, values []indicator.Value) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Ringkasan", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range rows[3:] {
		if len(row) > 3 {
			got[row[0]] = row[3]
		}
	}
	for _, v := range values {
		want := json.Number(formatRaw(v.Value))
		if v.None {
			want = "" // a figure without a value (no import yet) is an empty cell, not 0
		}
		if got[v.Name] != string(want) {
			t.Errorf("the workbook holds %s = %q, want %s", v.Code, got[v.Name], want)
		}
	}
}

func formatRaw(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// brokenBreakdowns is the store with breakdowns that fail, as a database
// gone away half-way through a report would.
type brokenBreakdowns struct{ *sqlstore.Store }

func (brokenBreakdowns) IndicatorBreakdown(context.Context, string, indicator.Query, string) ([]indicator.Value, error) {
	return nil, errors.New("connection reset")
}

// TestRakorReportFails: a report whose job fails says so with a plain
// reason and leaves its year free for a new version.
func TestRakorReportFails(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			e := newEnv(t, engine)
			data := demo.Generate(e.ref, demo.Options{Seed: 1, Now: sqlstoretest.Now})
			if err := e.store.BulkLoad(t.Context(), data.Enterprises[:100], nil); err != nil {
				t.Fatal(err)
			}
			q := e.open(jobs.Config{Reports: &jobs.Reports{Store: brokenBreakdowns{e.store}}})
			defer stop(t, q)
			rs := q.ReportService(e.store)
			r, err := rs.RequestRakor(e.ctx, indicator.ReportRequest{Year: sqlstoretest.Now.Year()})
			if err != nil {
				t.Fatal(err)
			}
			r = e.waitReport(rs, r.ID)
			if r.State != indicator.ReportFailed || !strings.Contains(r.Error, "kesalahan sistem") || strings.Contains(r.Error, "connection") {
				t.Fatalf("failed report %+v", r)
			}
			if _, err := rs.ReportFile(e.ctx, r.ID, indicator.ReportPDF); bina.ErrorCode(err) != bina.NotFound {
				t.Errorf("PDF of a failed report: %v", err)
			}
			r2, err := rs.RequestRakor(e.ctx, indicator.ReportRequest{Year: sqlstoretest.Now.Year()})
			if err != nil || r2.Version != 2 {
				t.Fatalf("after a failure: %+v, %v", r2, err)
			}
		})
	}
}
