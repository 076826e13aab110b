package indicator

import (
	"bina"
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Report is one version of a report the office publishes from the
// indicators: the rakor report of a year for a region (issue 13). It is
// made by a background job; once done it is a snapshot that never
// changes (its figures, PDF and workbook are stored with it), and asking
// again makes the next version.
type Report struct {
	ID        int64           `json:"id"`
	Kind      string          `json:"kind"` // ReportKindRakor
	Year      int             `json:"year"`
	Region    bina.RegionCode `json:"region_code"`
	Theme     string          `json:"theme,omitempty"` // the meeting's theme, on the cover
	Version   int             `json:"version"`         // 1, 2, … per kind, year and region
	State     ReportRunState  `json:"state"`
	Progress  int             `json:"progress"`        // percent done, 0–100
	Error     string          `json:"error,omitempty"` // why it failed, for a failed report
	CreatedBy string          `json:"created_by"`
	CreatedAt time.Time       `json:"created_at"`
	// TakenAt is when the figures were read from the register: the date
	// the closing note names.
	TakenAt    *time.Time `json:"taken_at,omitempty"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	PDFSize    int64      `json:"pdf_size,omitempty"`
	XLSXSize   int64      `json:"xlsx_size,omitempty"`
}

// ReportKindRakor is the report for the annual coordination meeting.
const ReportKindRakor = "rakor"

// ReportRunState is where the job of a report stands.
type ReportRunState string

// The states of a report's job.
const (
	ReportQueued  ReportRunState = "queued"
	ReportRunning ReportRunState = "running"
	ReportDone    ReportRunState = "done"
	ReportFailed  ReportRunState = "failed"
)

// ReportRunStates lists the states with their labels.
var ReportRunStates = bina.Options{
	{Code: "queued", ID: "Menunggu", EN: "Queued"},
	{Code: "running", ID: "Sedang dibuat", EN: "Running"},
	{Code: "done", ID: "Selesai", EN: "Done"},
	{Code: "failed", ID: "Gagal", EN: "Failed"},
}

// Busy reports whether the report's job has not ended yet.
func (r *Report) Busy() bool { return r.State == ReportQueued || r.State == ReportRunning }

// ReportRequest asks for a new version of the rakor report.
type ReportRequest struct {
	Year   int             `json:"year"`
	Region bina.RegionCode `json:"region,omitempty"` // "": the user's area
	Theme  string          `json:"theme,omitempty"`
}

// maxThemeRunes bounds the cover's theme: one or two lines of the title page.
const maxThemeRunes = 200

// Validate checks the request against the clock's year.
func (q *ReportRequest) Validate(now time.Time) error {
	var p bina.Problems
	q.Theme = strings.TrimSpace(q.Theme)
	if q.Year < 2000 || q.Year > now.Year() {
		p.Add("year", "Tahun harus antara 2000 dan %d", "The year must be between 2000 and %d", now.Year())
	}
	if utf8.RuneCountInString(q.Theme) > maxThemeRunes {
		p.Add("theme", "Tema paling banyak %d karakter", "The theme may have at most %d characters", maxThemeRunes)
	}
	return p.Err()
}

// ReportFormats are the files of a done report.
const (
	ReportPDF  = "pdf"
	ReportXLSX = "xlsx"
)

// ReportFile is one file of a done report.
type ReportFile struct {
	Name        string
	ContentType string
	Data        []byte
}

// ReportService keeps the reports, inside the user's area.
type ReportService interface {
	// RequestRakor stores a new version of the rakor report in state
	// queued and returns it; a job makes it. Errors: Invalid (a year out
	// of range, a year without data, a theme too long), Conflict (a
	// report of the same year and region is queued or running),
	// NotFound (a region outside the user's area), Forbidden (a user who
	// may not edit), Unauthorized.
	RequestRakor(ctx context.Context, q ReportRequest) (*Report, error)
	// FindReport returns report id. Errors: NotFound (no such report, or
	// outside the user's area), Unauthorized.
	FindReport(ctx context.Context, id int64) (*Report, error)
	// ListReports returns the newest reports of kind inside the user's
	// area, newest first, at most limit.
	ListReports(ctx context.Context, kind string, limit int) ([]Report, error)
	// ReportFile returns a file (ReportPDF or ReportXLSX) of a done
	// report. Errors: NotFound (no such report or format, or the report
	// is not done), Unauthorized.
	ReportFile(ctx context.Context, id int64, format string) (*ReportFile, error)
}

// HasData reports whether a year's indicator values hold anything: a
// year before the register began, with every figure zero, has no report.
func HasData(vs []Value) bool {
	for _, v := range vs {
		if v.Value != 0 {
			return true
		}
	}
	return false
}

// ErrNoData is the error of a report asked for a year without data.
func ErrNoData(year int) error {
	var p bina.Problems
	p.Add("year", "Belum ada data untuk tahun %d: semua indikator bernilai nol", "There is no data for %d: every indicator is zero", year)
	return p.Err()
}

// ErrReportBusy is the error of a report asked for while the same one is
// being made.
func ErrReportBusy(year int) error {
	return bina.Errorf(bina.Conflict, "Laporan rakor tahun %d untuk wilayah ini sedang dibuat; tunggu sampai selesai, lalu buat versi baru bila perlu",
		"The rakor report of %d for this region is being made; wait until it is done, then make a new version if needed", year)
}

// ReportFileName is the name a report's file is downloaded under, such as
// laporan-rakor-2025-61.12-v2.pdf.
func ReportFileName(r *Report, format string) string {
	return "laporan-" + r.Kind + "-" + strconv.Itoa(r.Year) + "-" + string(r.Region) + "-v" + strconv.Itoa(r.Version) + "." + format
}
