package supervision

import (
	"bina"
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// ComplianceSettings are the office's rules of RAT compliance: when the RAT
// of a book year and its report fall due, and the sanction ladder. They are
// data an admin edits (a new row each time, the old ones kept), never
// constants in code: the regulations have changed before.
type ComplianceSettings struct {
	// The RAT for book year T is due by RATDueMonth/RATDueDay of T+1
	// (default 30 June).
	RATDueMonth int `json:"rat_due_month"`
	RATDueDay   int `json:"rat_due_day"`
	// ReportMonths is how many months after the RAT's due date the report
	// of the RAT falls due (default 1: 30 July).
	ReportMonths int `json:"report_months"`
	// Sanctions is the ladder, ordered by MissedYears ascending.
	Sanctions []SanctionStep `json:"sanctions"`

	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// SanctionStep is one rung of the sanction ladder: a cooperative that has
// missed MissedYears RATs in a row, or more (up to the next rung), is
// given Label.
type SanctionStep struct {
	MissedYears int    `json:"missed_years"`
	Label       string `json:"label"`
}

// MaxSanctionSteps bounds the ladder an admin may enter.
const MaxSanctionSteps = 8

// ComplianceLookback is the most missed years counted: a cooperative with no
// known founding year and no RAT ever shows this many ("or more").
const ComplianceLookback = 10

// DefaultComplianceSettings are the rules of UU 25/1992 practice as
// DOMAIN.md section 6 reads them: RAT by 30 June, report within a month,
// one missed year a first written warning, two a second warning with
// special coaching, three or more a proposal to dissolve.
func DefaultComplianceSettings() ComplianceSettings {
	return ComplianceSettings{
		RATDueMonth: 6, RATDueDay: 30, ReportMonths: 1,
		Sanctions: []SanctionStep{
			{MissedYears: 1, Label: "Teguran tertulis I"},
			{MissedYears: 2, Label: "Teguran tertulis II / pembinaan khusus"},
			{MissedYears: 3, Label: "Usulan pembubaran"},
		},
	}
}

// Normalize tidies the settings: labels trimmed, empty rungs dropped, the
// ladder sorted by missed years.
func (s *ComplianceSettings) Normalize() {
	var out []SanctionStep
	for _, st := range s.Sanctions {
		st.Label = strings.Join(strings.Fields(st.Label), " ")
		if st.Label == "" && st.MissedYears == 0 {
			continue
		}
		out = append(out, st)
	}
	for i := 1; i < len(out); i++ { // insertion sort: a handful of rungs
		for j := i; j > 0 && out[j].MissedYears < out[j-1].MissedYears; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	s.Sanctions = out
}

// Validate checks the settings. Errors: Invalid.
func (s *ComplianceSettings) Validate() error {
	var p bina.Problems
	if s.RATDueMonth < 1 || s.RATDueMonth > 12 {
		p.Add("rat_due_month", "Bulan batas RAT harus 1 sampai 12", "The RAT due month must be 1 to 12")
	} else if s.RATDueDay < 1 || s.RATDueDay > daysIn(time.Month(s.RATDueMonth)) {
		p.Add("rat_due_day", "Tanggal batas RAT tidak ada di bulan itu", "The RAT due day does not exist in that month")
	}
	if s.ReportMonths < 0 || s.ReportMonths > 12 {
		p.Add("report_months", "Batas laporan harus 0 sampai 12 bulan setelah batas RAT", "The report is due 0 to 12 months after the RAT")
	}
	if len(s.Sanctions) > MaxSanctionSteps {
		p.Add("sanctions", "Paling banyak %d tingkat sanksi", "At most %d sanction steps", MaxSanctionSteps)
	}
	seen := map[int]bool{}
	for _, st := range s.Sanctions {
		switch {
		case st.MissedYears < 1 || st.MissedYears > ComplianceLookback:
			p.Add("sanctions", "Jumlah tahun tanpa RAT harus 1 sampai %d", "Missed years must be 1 to %d", ComplianceLookback)
		case st.Label == "":
			p.Add("sanctions", "Sanksi untuk %d tahun tanpa RAT belum diberi nama", "The sanction for %d missed years has no name", st.MissedYears)
		case len([]rune(st.Label)) > 120:
			p.Add("sanctions", "Nama sanksi paling panjang 120 huruf", "A sanction name is at most 120 characters")
		case seen[st.MissedYears]:
			p.Add("sanctions", "Tingkat %d tahun tanpa RAT tertulis dua kali", "The step for %d missed years is given twice", st.MissedYears)
		}
		seen[st.MissedYears] = true
	}
	return p.Err()
}

// daysIn is the most days month can have (29 for February: a due date of
// 29 February falls on the 28th in other years, see RATDue).
func daysIn(m time.Month) int {
	return time.Date(2024, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// RATDue returns the day by which the RAT for bookYear must be held.
func (s ComplianceSettings) RATDue(bookYear int) bina.Date {
	y, m := bookYear+1, time.Month(s.RATDueMonth)
	d := min(s.RATDueDay, time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day())
	return bina.DateOf(y, m, d)
}

// ReportDue returns the day by which the report of the RAT for bookYear
// must reach the office: ReportMonths after the RAT's due date, on the
// last day of a shorter month.
func (s ComplianceSettings) ReportDue(bookYear int) bina.Date {
	due := s.RATDue(bookYear).Time()
	y, m := due.Year(), due.Month()+time.Month(s.ReportMonths)
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	return bina.DateOf(last.Year(), last.Month(), min(due.Day(), last.Day()))
}

// LastDueBookYear returns the newest book year whose RAT was due on or
// before today.
func (s ComplianceSettings) LastDueBookYear(today bina.Date) int {
	y := today.Year() - 1
	if !today.After(s.RATDue(y)) {
		y-- // due at the end of that day: not yet overdue on it
	}
	return y
}

// Sanction returns the rung of the ladder for missed RATs in a row: the
// highest whose MissedYears is at most missed; false below the first.
func (s ComplianceSettings) Sanction(missed int) (SanctionStep, bool) {
	var out SanctionStep
	found := false
	for _, st := range s.Sanctions {
		if st.MissedYears <= missed {
			out, found = st, true
		}
	}
	return out, found && missed > 0
}

// ComplianceStatus is where a cooperative stands for one book year.
type ComplianceStatus string

// The compliance states.
const (
	// ComplianceOnTime: the RAT held by its due date and the report sent
	// by its own (or not yet due).
	ComplianceOnTime ComplianceStatus = "tepat_waktu"
	// ComplianceLate: the RAT held, but it or its report came late, or the
	// report is overdue.
	ComplianceLate ComplianceStatus = "terlambat"
	// ComplianceMissed: no RAT held and its due date has passed.
	ComplianceMissed ComplianceStatus = "belum_rat"
	// ComplianceNotDue: no RAT held yet and it is not due yet.
	ComplianceNotDue ComplianceStatus = "belum_jatuh_tempo"
)

// ComplianceStatuses lists the states with their labels.
var ComplianceStatuses = bina.Options{
	{Code: "tepat_waktu", ID: "RAT dan laporan tepat waktu", EN: "RAT and report on time"},
	{Code: "terlambat", ID: "Terlambat", EN: "Late"},
	{Code: "belum_rat", ID: "Belum RAT (lewat batas)", EN: "No RAT (overdue)"},
	{Code: "belum_jatuh_tempo", ID: "Belum jatuh tempo", EN: "Not yet due"},
}

// ComplianceFacts are what the rule needs to know of one cooperative for
// a book year; the store reads them, Comply decides.
type ComplianceFacts struct {
	CooperativeID int64
	// FoundedYear is the year of the legal entity (0 when unknown): no RAT
	// is owed for a book year before it.
	FoundedYear int
	HeldOn      bina.Date // the RAT for the book year; zero: not held
	ReportedOn  bina.Date // the report of that RAT; zero: not sent
	// LastHeldYear is the newest book year up to the one asked whose RAT
	// was held (0: none).
	LastHeldYear int
	ReportState  ReportState // of the annual report, when reports are kept
}

// Compliance is the state of one cooperative for one book year. The JSON
// members are those of GET /api/v1/compliance.
type Compliance struct {
	CooperativeID int64       `json:"cooperative_id"`
	RATHeldOn     bina.Date   `json:"rat_held_on"`
	ReportState   ReportState `json:"report_state"`
	// DaysLate is the larger of the RAT's and the report's lateness in
	// days: held or sent after the due date, or (not yet) counted to today.
	DaysLate int `json:"days_late"`
	// MissedYears is how many due RATs in a row up to the book year were
	// not held (ComplianceLookback at most).
	MissedYears int `json:"missed_years"`

	Status         ComplianceStatus `json:"-"`
	ReportedOn     bina.Date        `json:"-"`
	RATDaysLate    int              `json:"-"`
	ReportDaysLate int              `json:"-"`
	Sanction       string           `json:"-"` // the ladder's label, "" for none
}

// Comply applies the RAT rules to one cooperative for bookYear on the day
// today.
func (s ComplianceSettings) Comply(f ComplianceFacts, bookYear int, today bina.Date) Compliance {
	c := Compliance{CooperativeID: f.CooperativeID, RATHeldOn: f.HeldOn, ReportedOn: f.ReportedOn, ReportState: f.ReportState}
	ratDue, reportDue := s.RATDue(bookYear), s.ReportDue(bookYear)
	if f.HeldOn.IsZero() {
		c.RATDaysLate = daysAfter(today, ratDue)
	} else {
		c.RATDaysLate = daysAfter(f.HeldOn, ratDue)
	}
	if f.ReportedOn.IsZero() {
		c.ReportDaysLate = daysAfter(today, reportDue)
	} else {
		c.ReportDaysLate = daysAfter(f.ReportedOn, reportDue)
	}
	c.DaysLate = max(c.RATDaysLate, c.ReportDaysLate)
	if !f.HeldOn.IsZero() {
		c.Status = ComplianceOnTime
		if c.DaysLate > 0 {
			c.Status = ComplianceLate
		}
		return c
	}
	c.Status = ComplianceMissed
	newest := bookYear // the newest due book year counted
	if !today.After(ratDue) {
		c.Status = ComplianceNotDue
		newest = bookYear - 1
	}
	from := max(f.LastHeldYear, f.FoundedYear-1) // the last year owing nothing
	if f.LastHeldYear == 0 && f.FoundedYear == 0 {
		from = newest - ComplianceLookback
	}
	c.MissedYears = min(max(newest-from, 0), ComplianceLookback)
	if st, ok := s.Sanction(c.MissedYears); ok {
		c.Sanction = st.Label
	}
	return c
}

// daysAfter returns how many days d is after due, 0 when it is not.
func daysAfter(d, due bina.Date) int {
	if !d.After(due) {
		return 0
	}
	return int(d.Time().Sub(due.Time()).Hours()/24 + 0.5)
}

// ComplianceFilter selects the compliance table of a book year.
type ComplianceFilter struct {
	BookYear int
	Region   bina.RegionCode
	// Status keeps one ComplianceStatuses code ("" any).
	Status string
	// Missed keeps those in the sanction rung that starts at this many
	// missed years (0 any): the list behind a rung's count.
	Missed int
	Cursor string
	Limit  int
}

// LogValue describes the filter for the log and the audit.
func (f ComplianceFilter) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("book_year", f.BookYear),
		slog.String("region", string(f.Region)),
		slog.String("status", f.Status),
		slog.Int("missed", f.Missed),
	)
}

// ComplianceCounts are the figures of a compliance table: how many
// cooperatives owe the book year's RAT, per status, and per rung of the
// sanction ladder.
type ComplianceCounts struct {
	Total    int                      `json:"total"`
	ByStatus map[ComplianceStatus]int `json:"by_status"`
	ByStep   []SanctionCount          `json:"by_step"`
}

// SanctionCount is the number of cooperatives on one rung of the ladder.
type SanctionCount struct {
	SanctionStep
	UpTo  int `json:"up_to"` // the rung covers MissedYears to UpTo; 0: or more
	Count int `json:"count"`
}

// Rung returns the first missed-years figure of the rung missed falls in
// (0 when below the ladder).
func (s ComplianceSettings) Rung(missed int) int {
	st, ok := s.Sanction(missed)
	if !ok {
		return 0
	}
	return st.MissedYears
}

// Count adds up the compliance of a table.
func (s ComplianceSettings) Count(rows []Compliance) ComplianceCounts {
	return s.CountEach(rows, nil)
}

// CountEach adds up rows that each stand for times[i] cooperatives (1 when
// times is nil): a store may group alike cooperatives before deciding.
func (s ComplianceSettings) CountEach(rows []Compliance, times []int) ComplianceCounts {
	out := ComplianceCounts{ByStatus: map[ComplianceStatus]int{}}
	for i, st := range s.Sanctions {
		sc := SanctionCount{SanctionStep: st}
		if i+1 < len(s.Sanctions) {
			sc.UpTo = s.Sanctions[i+1].MissedYears - 1
		}
		out.ByStep = append(out.ByStep, sc)
	}
	for i, r := range rows {
		n := 1
		if times != nil {
			n = times[i]
		}
		out.Total += n
		out.ByStatus[r.Status] += n
		if r.MissedYears == 0 {
			continue
		}
		rung := s.Rung(r.MissedYears)
		for i := range out.ByStep {
			if out.ByStep[i].MissedYears == rung {
				out.ByStep[i].Count += n
			}
		}
	}
	return out
}

// Keep reports whether a row belongs to the list f asks for.
func (s ComplianceSettings) Keep(r Compliance, f ComplianceFilter) bool {
	if f.Status != "" && string(r.Status) != f.Status {
		return false
	}
	if f.Missed != 0 && (r.MissedYears == 0 || s.Rung(r.MissedYears) != f.Missed) {
		return false
	}
	return true
}

// ComplianceItem is a row of the compliance table with what a page shows:
// the cooperative's name and place and the board's phone (masked for roles
// that may not see personal data).
type ComplianceItem struct {
	Compliance
	Name        string
	VillageCode bina.RegionCode
	Active      bool
	BoardName   string // the ketua, or the first officer with a phone
	BoardPhone  string
}

// ReminderText is the WhatsApp message reminding a board of its RAT or
// report for bookYear.
func (s ComplianceSettings) ReminderText(it ComplianceItem, bookYear int) string {
	y := strconv.Itoa(bookYear)
	var b strings.Builder
	b.WriteString("Yth. Pengurus " + it.Name + ", ")
	switch {
	case it.RATHeldOn.IsZero():
		b.WriteString("kami mengingatkan bahwa RAT tahun buku " + y + " wajib dilaksanakan paling lambat " + s.RATDue(bookYear).Long() + ".")
		if it.MissedYears > 1 {
			b.WriteString(" Koperasi belum melaksanakan RAT " + strconv.Itoa(it.MissedYears) + " tahun berturut-turut.")
		}
		if it.Sanction != "" && it.Status == ComplianceMissed {
			b.WriteString(" Sesuai ketentuan, tahap sanksi: " + it.Sanction + ".")
		}
	default:
		b.WriteString("terima kasih telah melaksanakan RAT tahun buku " + y + ". Mohon laporan hasil RAT disampaikan ke dinas (batas " + s.ReportDue(bookYear).Long() + ").")
	}
	b.WriteString(" Terima kasih.")
	return b.String()
}

// ReminderLink returns the wa.me link of the reminder to the board, false
// when there is no usable (or visible) phone.
func (s ComplianceSettings) ReminderLink(it ComplianceItem, bookYear int) (string, bool) {
	if it.BoardPhone == "" || it.BoardPhone == bina.Masked {
		return "", false
	}
	return bina.WhatsAppLink(it.BoardPhone, s.ReminderText(it, bookYear))
}

// BoardContact picks whom a reminder goes to: the ketua when reachable by
// phone, else the first officer with a phone.
func BoardContact(officers []bina.Officer) (name, phone string) {
	for _, o := range officers {
		if o.Role == "ketua" && o.Phone != "" {
			return o.Name, o.Phone
		}
	}
	for _, o := range officers {
		if o.Phone != "" {
			return o.Name, o.Phone
		}
	}
	return "", ""
}

// ComplianceService answers who held the RAT of a book year and reported on
// time, and keeps the compliance settings. Every method is scoped to the
// caller's region.
type ComplianceService interface {
	// Compliance returns one page of the compliance table of f.BookYear in
	// f.Region (the actor's scope when empty), ordered by name.
	// Errors: Invalid (year, region, filter), NotFound (a region outside
	// the actor's), Unauthorized.
	Compliance(ctx context.Context, f ComplianceFilter) (bina.Page[ComplianceItem], error)
	// ComplianceCounts returns the counts of the whole table of f.BookYear
	// in f.Region (the rest of f is ignored). Errors: as Compliance.
	ComplianceCounts(ctx context.Context, f ComplianceFilter) (ComplianceCounts, error)
	// ComplianceSettings returns the settings in effect (the defaults when
	// none were saved). Errors: Unauthorized.
	ComplianceSettings(ctx context.Context) (ComplianceSettings, error)
	// SaveComplianceSettings stores new settings; earlier ones are kept.
	// Errors: Invalid, Forbidden (admins only).
	SaveComplianceSettings(ctx context.Context, s *ComplianceSettings) error
}
