// Package supervision is the domain of the office's supervision of
// cooperatives (KOPERASI.md): the annual report of the RAT with its lines
// and checks, the two health-assessment regimes (Permendep 2024 and the
// Juknis), RAT compliance, the progress of the Koperasi Desa Merah Putih,
// the yearly figures of the cooperatives, the changes a board proposes and
// the invitations that give a board its account. It imports the standard
// library and the domain only.
package supervision

import (
	"bina"
	"context"
	"encoding/json"
	"time"
)

// ReportState is where a cooperative's annual report stands.
type ReportState string

// The report states: a board or staff member drafts, submits; the office
// returns it with notes or accepts it, after which it is locked and a
// correction is a new version.
const (
	ReportDraft     ReportState = "draft"
	ReportSubmitted ReportState = "submitted"
	ReportReturned  ReportState = "returned"
	ReportAccepted  ReportState = "accepted"
)

// MarshalJSON writes the state, or null for none (a book year without a
// report, as GET /api/v1/compliance shows it).
func (s ReportState) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// ReportStates lists the states with their labels.
var ReportStates = bina.Options{
	{Code: "draft", ID: "Draf", EN: "Draft"},
	{Code: "submitted", ID: "Diajukan", EN: "Submitted"},
	{Code: "returned", ID: "Dikembalikan", EN: "Returned"},
	{Code: "accepted", ID: "Diterima", EN: "Accepted"},
}

// ReportJenises are the kinds of annual report (KOPERASI.md A.1): the
// savings-and-loan kinds report the loan schedules and can be assessed for
// health; UMUM is every other cooperative, which reports the general
// statements only.
var ReportJenises = bina.Options{
	{Code: "KSP", ID: "Koperasi Simpan Pinjam", EN: "Savings and loan cooperative"},
	{Code: "USP", ID: "Unit Simpan Pinjam", EN: "Savings and loan unit"},
	{Code: "KSPPS", ID: "Koperasi Simpan Pinjam dan Pembiayaan Syariah", EN: "Sharia savings, loan and financing cooperative"},
	{Code: "USPPS", ID: "Unit Simpan Pinjam dan Pembiayaan Syariah", EN: "Sharia savings, loan and financing unit"},
	{Code: "UMUM", ID: "Koperasi lain (laporan umum)", EN: "Other cooperative (general statements)"},
}

// ReportPolas are the patterns a report follows; they select the family of
// health rule sets.
var ReportPolas = bina.Options{
	{Code: "konvensional", ID: "Konvensional", EN: "Conventional"},
	{Code: "syariah", ID: "Syariah", EN: "Sharia"},
}

// SavingsAndLoan reports whether a report of this jenis carries the
// savings-and-loan schedules (kolektibilitas and the supplementary ones).
func SavingsAndLoan(jenis string) bool {
	return jenis == "KSP" || jenis == "USP" || jenis == "KSPPS" || jenis == "USPPS"
}

// LineItem is one line of a statement, keyed by its KOPERASI.md code.
type LineItem struct {
	Code  string    `json:"code"`
	Label bina.Text `json:"label"`
	// Class groups balance-sheet lines: aset, kontra_aset, kewajiban_pendek,
	// kewajiban_panjang, ekuitas; empty elsewhere.
	Class string `json:"class,omitempty"`
	// Derived lines are computed from others and checked, not required.
	Derived bool `json:"derived,omitempty"`
	// SavingsLoan lines belong to the savings-and-loan kinds only: a
	// general (UMUM) report may not carry them.
	SavingsLoan bool `json:"savings_loan,omitempty"`
	// MayBeNegative lines may hold a loss; every other line is >= 0.
	MayBeNegative bool `json:"may_be_negative,omitempty"`
	// Count lines hold numbers of people or things, not rupiah.
	Count bool `json:"count,omitempty"`
}

// SHUShare is one row of the SHU distribution the RAT decided (A.7).
type SHUShare struct {
	Pos     string  `json:"pos"`
	Persen  float64 `json:"persen"`
	Nominal int64   `json:"nominal"`
}

// SHUPosts are the posts an SHU distribution may use (A.7).
var SHUPosts = bina.Options{
	{Code: "cadangan", ID: "Cadangan", EN: "Reserve"},
	{Code: "jasa_modal", ID: "Jasa modal (simpanan)", EN: "Return on members' savings"},
	{Code: "jasa_usaha", ID: "Jasa usaha (pinjaman/transaksi)", EN: "Patronage return"},
	{Code: "dana_pengurus_pengawas", ID: "Dana pengurus dan pengawas", EN: "Board and supervisors' fund"},
	{Code: "dana_karyawan", ID: "Dana karyawan", EN: "Employees' fund"},
	{Code: "dana_pendidikan", ID: "Dana pendidikan", EN: "Education fund"},
	{Code: "dana_sosial", ID: "Dana sosial", EN: "Social fund"},
	{Code: "dana_pembangunan_daerah_kerja", ID: "Dana pembangunan daerah kerja", EN: "Local development fund"},
	{Code: "lain", ID: "Lain-lain", EN: "Other"},
}

// ReportProblem is one finding of the annual report's validation
// (KOPERASI.md A.10). Errors block submission; warnings are shown to the
// supervisor.
type ReportProblem struct {
	Code     string `json:"code"`     // e.g. "neraca_tidak_seimbang"
	Severity string `json:"severity"` // "error" or "warning"
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"` // Indonesian
	English  string `json:"message_en"`
}

// ReportSources say where a report came from.
var ReportSources = bina.Options{
	{Code: "manual", ID: "Diisi di Bina", EN: "Entered in Bina"},
	{Code: "import", ID: "Impor", EN: "Imported"},
	{Code: "demo", ID: "Data contoh", EN: "Demo data"},
}

// AnnualReport is a cooperative's annual report for one book year: the RAT
// that approved it and the financial statements, keyed by the line-item
// codes of KOPERASI.md section A, amounts in whole rupiah.
type AnnualReport struct {
	ID            int64       `json:"id"`
	CooperativeID int64       `json:"cooperative_id"`
	BookYear      int         `json:"book_year"`
	Version       int         `json:"version"` // 1 for the first; a correction after acceptance is the next
	State         ReportState `json:"state"`
	// Revision rises with every change of this version; the API answers it
	// as the ETag, and a save naming an older one is a Conflict.
	Revision int    `json:"revision"`
	Source   string `json:"source"` // ReportSources

	Jenis string `json:"jenis"` // ReportJenises
	Pola  string `json:"pola"`  // ReportPolas
	KUK   int    `json:"kuk"`   // Klasifikasi Usaha Koperasi 1–4; 0 unknown

	RATHeldOn      bina.Date `json:"rat_held_on"`
	MembersPresent int       `json:"members_present"`
	Decisions      string    `json:"decisions"`

	Neraca          map[string]int64 `json:"neraca"`
	PHU             map[string]int64 `json:"phu"`
	Kolektibilitas  map[string]int64 `json:"kolektibilitas"`
	Schedules       map[string]int64 `json:"schedules"`
	Members         map[string]int64 `json:"members"`
	SHUDistribution []SHUShare       `json:"shu_distribution"`

	ReturnNote  string     `json:"return_note"`
	SubmittedAt *time.Time `json:"submitted_at"`
	SubmittedBy string     `json:"submitted_by"`
	AcceptedAt  *time.Time `json:"accepted_at"`
	AcceptedBy  string     `json:"accepted_by"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	UpdatedBy   string     `json:"updated_by"`

	// Problems are filled by Check when the report is read or saved.
	Problems []ReportProblem `json:"problems"`
}

// Editable reports whether the report may still be changed: a draft or a
// returned report.
func (r *AnnualReport) Editable() bool { return r.State == ReportDraft || r.State == ReportReturned }

// ReportEvent is one step in a report's history: a save, a state change or
// the start of a correction, with who, when and the note.
type ReportEvent struct {
	Version int         `json:"version"`
	Action  string      `json:"action"` // ReportActions
	From    ReportState `json:"from"`
	To      ReportState `json:"to"`
	Note    string      `json:"note"`
	By      string      `json:"by"`
	At      time.Time   `json:"at"`
}

// ReportActions are the steps a report's history records.
var ReportActions = bina.Options{
	{Code: "save", ID: "Disimpan", EN: "Saved"},
	{Code: "submit", ID: "Diajukan", EN: "Submitted"},
	{Code: "accept", ID: "Diterima", EN: "Accepted"},
	{Code: "return", ID: "Dikembalikan", EN: "Returned"},
	{Code: "correction", ID: "Koreksi dimulai (versi baru)", EN: "Correction started (new version)"},
	{Code: "import", ID: "Diimpor", EN: "Imported"},
	{Code: "attach", ID: "Dokumen dilampirkan", EN: "Document attached"},
}

// AnnualReportService keeps the annual reports. Every method is scoped to
// the caller: a board account reaches only its own cooperative, an officer
// only the area; anything else is NotFound.
type AnnualReportService interface {
	// FindAnnualReport returns the newest version of a cooperative's report
	// for a book year, with its problems. Errors: NotFound, Unauthorized.
	FindAnnualReport(ctx context.Context, cooperativeID int64, bookYear int) (*AnnualReport, error)
	// FindAnnualReportVersion returns one version of a report.
	// Errors: NotFound, Unauthorized.
	FindAnnualReportVersion(ctx context.Context, cooperativeID int64, bookYear, version int) (*AnnualReport, error)
	// FindAcceptedAnnualReport returns the newest accepted version of a
	// book year's report (what an assessment is computed from, even while a
	// correction is drafted). Errors: NotFound (also when no version is
	// accepted), Unauthorized.
	FindAcceptedAnnualReport(ctx context.Context, cooperativeID int64, bookYear int) (*AnnualReport, error)
	// ListAnnualReports returns the newest version of each book year's
	// report of a cooperative, newest year first, with their problems.
	// Errors: NotFound, Unauthorized.
	ListAnnualReports(ctx context.Context, cooperativeID int64) ([]AnnualReport, error)
	// SaveAnnualReport stores r as a draft, creating it or replacing a
	// draft or returned report; a non-zero r.Revision must be the stored
	// one. It fills r.Problems. A submitted or accepted report cannot be
	// changed: a correction of an accepted one starts with
	// CorrectAnnualReport. Errors: Invalid, NotFound, Conflict, Forbidden.
	SaveAnnualReport(ctx context.Context, r *AnnualReport) error
	// SubmitAnnualReport moves a draft or returned report to submitted when
	// it has no error-level problems. Errors: Invalid, NotFound, Conflict,
	// Forbidden.
	SubmitAnnualReport(ctx context.Context, cooperativeID int64, bookYear int) (*AnnualReport, error)
	// AcceptAnnualReport locks a submitted report (staff only).
	// Errors: NotFound, Conflict, Forbidden.
	AcceptAnnualReport(ctx context.Context, cooperativeID int64, bookYear int) (*AnnualReport, error)
	// ReturnAnnualReport sends a submitted report back with a note (staff
	// only). Errors: Invalid, NotFound, Conflict, Forbidden.
	ReturnAnnualReport(ctx context.Context, cooperativeID int64, bookYear int, note string) (*AnnualReport, error)
	// CorrectAnnualReport starts the next version of an accepted report
	// as a draft with the same figures; the accepted version stays as it
	// was. Errors: Invalid, NotFound, Conflict, Forbidden.
	CorrectAnnualReport(ctx context.Context, cooperativeID int64, bookYear int, note string) (*AnnualReport, error)
	// AnnualReportHistory returns the steps of every version of a report,
	// oldest first. Errors: NotFound, Unauthorized.
	AnnualReportHistory(ctx context.Context, cooperativeID int64, bookYear int) ([]ReportEvent, error)
	// AddReportAttachment stores a document with the newest version of a
	// report (ID, Version, Size, SHA256, CreatedAt, CreatedBy are set).
	// Errors: Invalid, NotFound, Conflict (an accepted report), Forbidden.
	AddReportAttachment(ctx context.Context, a *ReportAttachment) error
	// ListReportAttachments returns the documents of a report, all
	// versions, without their data. Errors: NotFound, Unauthorized.
	ListReportAttachments(ctx context.Context, cooperativeID int64, bookYear int) ([]ReportAttachment, error)
	// GetReportAttachment returns one document with its data.
	// Errors: NotFound, Unauthorized.
	GetReportAttachment(ctx context.Context, cooperativeID int64, bookYear int, id int64) (*ReportAttachment, error)
}
