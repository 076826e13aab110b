package coaching

import (
	"bina"
	"context"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CoachingModes are the ways a coaching session (sesi pendampingan) is held.
var CoachingModes = bina.Options{
	{Code: "visit", ID: "Kunjungan lapangan", EN: "Field visit"},
	{Code: "online", ID: "Daring (video)", EN: "Online (video)"},
	{Code: "phone", ID: "Telepon", EN: "Phone"},
	{Code: "whatsapp", ID: "WhatsApp", EN: "WhatsApp"},
}

// CoachingTopics are what a session deals with: the national census's
// coaching themes (CoachingThemes, the one list of them) and the office's
// own additions (licences, bookkeeping, other).
var CoachingTopics = append(CoachingThemes[:len(CoachingThemes):len(CoachingThemes)],
	bina.Option{Code: "legalitas", ID: "Legalitas dan perizinan", EN: "Licences and certificates"},
	bina.Option{Code: "keuangan", ID: "Pembukuan dan keuangan", EN: "Bookkeeping and finance"},
	bina.Option{Code: "lainnya", ID: "Lainnya", EN: "Other"},
)

// Bounds of a coaching session.
const (
	MinSessionMinutes = 5
	MaxSessionMinutes = 12 * 60
	MaxFollowUps      = 20
	// CaseloadDueDays is how far ahead the caseload counts a follow-up or
	// a visit as due.
	CaseloadDueDays = 7
)

// FollowUp is a task agreed in a session (rencana tindak lanjut) with the
// day it is due and the day it was done (zero while open).
type FollowUp struct {
	ID     int64     `json:"id"`
	Task   string    `json:"task"`
	DueOn  bina.Date `json:"due_on"`
	DoneOn bina.Date `json:"done_on"`
}

// CoachingSession is one entry of the coaching ledger: an officer or staff
// member coached a business. UUID is made by whoever records it (the
// offline field app, a form), so that the same session sent twice is
// stored once.
type CoachingSession struct {
	ID              int64             `json:"id"`
	UUID            string            `json:"uuid"`
	EnterpriseID    int64             `json:"enterprise_id"`
	EnterpriseName  string            `json:"enterprise_name"` // set on reading
	VillageCode     bina.RegionCode   `json:"village_code"`    // the business's desa, set on reading
	OfficerID       int64             `json:"officer_id"`      // the user who recorded it; 0 for the system
	Officer         string            `json:"officer"`         // their name
	Date            bina.Date         `json:"date"`
	Mode            string            `json:"mode"` // CoachingModes
	DurationMinutes int               `json:"duration_minutes"`
	Topics          []string          `json:"topics"` // CoachingTopics
	Advice          string            `json:"advice"`
	Notes           string            `json:"notes"`
	FollowUps       []FollowUp        `json:"follow_ups"`
	NextVisitOn     bina.Date         `json:"next_visit_on"`
	ProgrammeID     *int64            `json:"programme_id"`
	Photos          []bina.Attachment `json:"photos"` // set on reading, without their data
	CreatedAt       time.Time         `json:"created_at"`
	UpdatedAt       time.Time         `json:"updated_at"`
	Version         int               `json:"version"`
}

// Normalize tidies what people type: the uuid in lower case, spaces
// around texts, topics sorted without repeats.
func (s *CoachingSession) Normalize() {
	s.UUID = strings.ToLower(strings.TrimSpace(s.UUID))
	s.Mode = strings.TrimSpace(s.Mode)
	s.Advice = strings.TrimSpace(s.Advice)
	s.Notes = strings.TrimSpace(s.Notes)
	for i := range s.Topics {
		s.Topics[i] = strings.TrimSpace(s.Topics[i])
	}
	s.Topics = slices.Compact(slices.Sorted(slices.Values(s.Topics)))
	for i := range s.FollowUps {
		s.FollowUps[i].Task = strings.Join(strings.Fields(s.FollowUps[i].Task), " ")
	}
}

// Validate checks a session recorded on today: none in the future, the
// mode and topics known, the duration within bounds, follow-ups and the
// next visit not before the session.
func (s *CoachingSession) Validate(today bina.Date) error {
	var p bina.Problems
	if !bina.ValidUUID(s.UUID) {
		p.Add("uuid", "uuid wajib diisi dalam bentuk 8-4-4-4-12 angka heksadesimal", "uuid is required, as 8-4-4-4-12 hexadecimal digits")
	}
	if s.EnterpriseID <= 0 {
		p.Add("enterprise_id", "Usaha wajib dipilih", "The enterprise is required")
	}
	switch {
	case s.Date.IsZero():
		p.Add("date", "Tanggal pendampingan wajib diisi", "The session's date is required")
	case s.Date.After(today):
		p.Add("date", "Tanggal pendampingan tidak boleh di masa depan", "A session cannot be dated in the future")
	case s.Date.Year() < 2000:
		p.Add("date", "Tanggal pendampingan terlalu lampau", "The session's date is too far in the past")
	}
	if !CoachingModes.Has(s.Mode) {
		p.Add("mode", "Cara pendampingan tidak dikenal; pilih: %s", "Unknown mode; choose one of: %s", strings.Join(CoachingModes.Codes(), ", "))
	}
	if s.DurationMinutes < MinSessionMinutes || s.DurationMinutes > MaxSessionMinutes {
		p.Add("duration_minutes", "Lama pendampingan harus %d sampai %d menit", "Duration must be %d to %d minutes", MinSessionMinutes, MaxSessionMinutes)
	}
	for _, t := range s.Topics {
		if !CoachingTopics.Has(t) {
			p.Add("topics", "Topik %q tidak dikenal", "Unknown topic %q", t)
		}
	}
	if n := utf8.RuneCountInString(s.Advice); n > 4000 {
		p.Add("advice", "Saran paling panjang 4000 huruf (sekarang %d)", "Advice is at most 4000 characters (now %d)", n)
	}
	if n := utf8.RuneCountInString(s.Notes); n > 4000 {
		p.Add("notes", "Catatan paling panjang 4000 huruf (sekarang %d)", "Notes are at most 4000 characters (now %d)", n)
	}
	if len(s.FollowUps) > MaxFollowUps {
		p.Add("follow_ups", "Paling banyak %d tindak lanjut", "At most %d follow-ups", MaxFollowUps)
	}
	for i, f := range s.FollowUps {
		field := "follow_ups." + strconv.Itoa(i)
		switch {
		case f.Task == "":
			p.Add(field+".task", "Tindak lanjut %d: tugas wajib diisi", "Follow-up %d: the task is required", i+1)
		case utf8.RuneCountInString(f.Task) > 500:
			p.Add(field+".task", "Tindak lanjut %d: tugas paling panjang 500 huruf", "Follow-up %d: the task is at most 500 characters", i+1)
		}
		switch {
		case f.DueOn.IsZero():
			p.Add(field+".due_on", "Tindak lanjut %d: tanggal jatuh tempo wajib diisi", "Follow-up %d: the due date is required", i+1)
		case !s.Date.IsZero() && f.DueOn.Before(s.Date):
			p.Add(field+".due_on", "Tindak lanjut %d jatuh tempo sebelum tanggal pendampingan", "Follow-up %d is due before the session", i+1)
		}
		if !f.DoneOn.IsZero() && (f.DoneOn.After(today) || (!s.Date.IsZero() && f.DoneOn.Before(s.Date))) {
			p.Add(field+".done_on", "Tindak lanjut %d: tanggal selesai harus antara tanggal pendampingan dan hari ini", "Follow-up %d: the day it was done must lie between the session and today", i+1)
		}
	}
	if !s.NextVisitOn.IsZero() && !s.Date.IsZero() && !s.NextVisitOn.After(s.Date) {
		p.Add("next_visit_on", "Kunjungan berikutnya harus sesudah tanggal pendampingan", "The next visit must come after the session")
	}
	if s.ProgrammeID != nil && *s.ProgrammeID <= 0 {
		p.Add("programme_id", "Program tidak dikenal", "Unknown programme")
	}
	return p.Err()
}

// SameRecord reports whether s and o, both normalised, record the same
// session: what a client sends again must match what is stored. A
// follow-up marked done since is still the same follow-up.
func (s *CoachingSession) SameRecord(o *CoachingSession) bool {
	if s.UUID != o.UUID || s.EnterpriseID != o.EnterpriseID || s.Date != o.Date || s.Mode != o.Mode ||
		s.DurationMinutes != o.DurationMinutes || !slices.Equal(s.Topics, o.Topics) || s.Advice != o.Advice ||
		s.Notes != o.Notes || s.NextVisitOn != o.NextVisitOn || len(s.FollowUps) != len(o.FollowUps) {
		return false
	}
	if (s.ProgrammeID == nil) != (o.ProgrammeID == nil) || (s.ProgrammeID != nil && *s.ProgrammeID != *o.ProgrammeID) {
		return false
	}
	for i, f := range s.FollowUps {
		g := o.FollowUps[i]
		if f.Task != g.Task || f.DueOn != g.DueOn {
			return false
		}
	}
	return true
}

// CoachingFilter selects sessions. Zero values mean "any".
type CoachingFilter struct {
	Enterprise int64
	Officer    int64
	Region     bina.RegionCode // the business's kecamatan or desa
	From, To   bina.Date       // inclusive
	Cursor     string          // opaque position from a previous page
	Limit      int             // page size, 1-200 (default 25)
}

// CaseloadItem is one business in an officer's caseload with what is due.
type CaseloadItem struct {
	EnterpriseID   int64           `json:"enterprise_id"`
	EnterpriseName string          `json:"enterprise_name"`
	VillageCode    bina.RegionCode `json:"village_code"`
	LastSession    bina.Date       `json:"last_session"` // zero: never visited
	NextVisitOn    bina.Date       `json:"next_visit_on"`
	VisitDue       bool            `json:"visit_due"` // the next visit is on or before today plus CaseloadDueDays
	// DueFollowUps are the open follow-ups due on or before today plus
	// CaseloadDueDays, earliest first.
	DueFollowUps []DueFollowUp `json:"due_follow_ups"`
}

// NeverVisited reports whether no session with the business is recorded.
func (c CaseloadItem) NeverVisited() bool { return c.LastSession.IsZero() }

// DueFollowUp is an open follow-up with its session.
type DueFollowUp struct {
	FollowUp
	SessionID int64 `json:"session_id"`
}

// Caseload is the businesses assigned to one field officer.
type Caseload struct {
	Officer bina.User      `json:"officer"`
	Items   []CaseloadItem `json:"items"`
}

// CoachingService keeps the coaching ledger and the officers' caseloads.
// Every method reads the actor from ctx: businesses outside the actor's
// region are not found, and writes need a role that may edit the register.
type CoachingService interface {
	// RecordCoachingSession stores s (its ID, officer, version and timestamps are
	// set). A session whose uuid is already stored with the same content
	// is not stored again: s becomes the stored session and created is
	// false. Errors: Invalid (future date, follow-up before the session,
	// unknown mode or topic, duration out of bounds), NotFound (the
	// business, also outside the actor's region), Conflict (the uuid is
	// stored with a different content, or the business is archived),
	// Forbidden, Unauthorized.
	RecordCoachingSession(ctx context.Context, s *CoachingSession) (created bool, err error)
	// FindCoachingSession returns one session with its follow-ups and photos.
	// Errors: NotFound (also outside the actor's region), Unauthorized.
	FindCoachingSession(ctx context.Context, id int64) (*CoachingSession, error)
	// ListCoachingSessions returns one page of sessions, newest first, with their
	// follow-ups (not their photos). Errors: Invalid (bad cursor or
	// region), Unauthorized.
	ListCoachingSessions(ctx context.Context, f CoachingFilter) (bina.Page[CoachingSession], error)
	// CompleteFollowUp marks a follow-up of a session done on the day on.
	// Errors: Invalid (a day before the session or in the future),
	// NotFound, Conflict (done already), Forbidden, Unauthorized.
	CompleteFollowUp(ctx context.Context, sessionID, followUpID int64, on bina.Date) error
	// AssignOfficer puts the businesses in the caseload of officerID,
	// replacing their officer if they had one. Staff and administrators
	// only. Errors: Invalid (not a field officer, or a business outside
	// the officer's region), NotFound (a business), Forbidden, Unauthorized.
	AssignOfficer(ctx context.Context, officerID int64, enterpriseIDs ...int64) error
	// AssignedOfficer returns the officer in charge of a business, and
	// false when none is. Errors: NotFound (the business), Unauthorized.
	AssignedOfficer(ctx context.Context, enterpriseID int64) (bina.User, bool, error)
	// Officers returns the active field officers whose region overlaps
	// region (holds a desa, or lies in a kecamatan or the regency), by
	// name. Errors: Unauthorized.
	Officers(ctx context.Context, region bina.RegionCode) ([]bina.User, error)
	// Caseload returns what is assigned to the officer (0: the actor), only
	// the businesses inside the officer's region, never visited first,
	// then by what is due. An officer reads only their own. Errors:
	// NotFound (no such officer), Forbidden, Unauthorized.
	Caseload(ctx context.Context, officerID int64) (*Caseload, error)
}

// EntityCoachingSession names coaching sessions in the history.
const EntityCoachingSession bina.Entity = "coaching_session"

// witZone is Indonesia's easternmost time zone (WIT, UTC+9).
var witZone = time.FixedZone("WIT", 9*3600)

// LatestToday returns the calendar day at now in Indonesia's easternmost
// zone: a session dated "today" anywhere in the country is never refused
// as lying in the future.
func LatestToday(now time.Time) bina.Date { return bina.DateFromTime(now.In(witZone)) }

// NewUUID returns a random (version 4) UUID, for records made without
// one.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
