package supervision

import (
	"bina"
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// ChangeState is where a change request stands.
type ChangeState string

// The states of a change request: it waits for the office, which approves
// it (the change is applied) or rejects it with a note.
const (
	ChangePending  ChangeState = "pending"
	ChangeApproved ChangeState = "approved"
	ChangeRejected ChangeState = "rejected"
)

// ChangeStates lists the states with their labels.
var ChangeStates = bina.Options{
	{Code: "pending", ID: "Menunggu verifikasi", EN: "Waiting for verification"},
	{Code: "approved", ID: "Disetujui", EN: "Approved"},
	{Code: "rejected", ID: "Ditolak", EN: "Rejected"},
}

// CooperativeProposal holds the profile fields a cooperative's board knows
// and may propose to change; everything else stays the office's.
type CooperativeProposal struct {
	Address         string              `json:"address"`
	NPWP            string              `json:"npwp"`
	NIB             string              `json:"nib"`
	SavingsLicense  string              `json:"savings_license"`
	MembersFemale   int                 `json:"members_female"`
	MembersMale     int                 `json:"members_male"`
	EmployeesFemale int                 `json:"employees_female"`
	EmployeesMale   int                 `json:"employees_male"`
	Officers        []bina.Officer      `json:"officers"`
	Units           []bina.BusinessUnit `json:"units"`
}

// ProposalFields are the history names of the fields a proposal changes,
// in the order pages show them.
var ProposalFields = []bina.Field{"address", "npwp", "nib", "savings_license", "members_female", "members_male",
	"employees_female", "employees_male", "officers", "units"}

// ProposalOf returns the proposable fields of c as they stand.
func ProposalOf(c *bina.Cooperative) CooperativeProposal {
	return CooperativeProposal{Address: c.Address, NPWP: c.NPWP, NIB: c.NIB, SavingsLicense: c.SavingsLicense,
		MembersFemale: c.MembersFemale, MembersMale: c.MembersMale, EmployeesFemale: c.EmployeesFemale, EmployeesMale: c.EmployeesMale,
		Officers: c.Officers, Units: c.Units}
}

// Apply writes the proposal's fields into c, leaving the others.
func (p CooperativeProposal) Apply(c *bina.Cooperative) {
	c.Address, c.NPWP, c.NIB, c.SavingsLicense = strings.TrimSpace(p.Address), p.NPWP, p.NIB, strings.TrimSpace(p.SavingsLicense)
	c.MembersFemale, c.MembersMale, c.EmployeesFemale, c.EmployeesMale = p.MembersFemale, p.MembersMale, p.EmployeesFemale, p.EmployeesMale
	c.Officers, c.Units = p.Officers, p.Units
}

// ProposalChanges returns what applying p would change in c, one Change
// per field of ProposalFields as the history writes it (Field, Before,
// After). c is not changed.
func ProposalChanges(c *bina.Cooperative, p CooperativeProposal) []bina.Change {
	after := *c
	p.Apply(&after)
	after.Normalize()
	var out []bina.Change
	for _, f := range ProposalFields {
		e := bina.FindField(bina.CooperativeTable(), f)
		if b, a := e.Format(c), e.Format(&after); b != a {
			out = append(out, bina.Change{Entity: bina.EntityCooperative, EntityID: c.ID, Action: "update", Field: string(f), Before: b, After: a})
		}
	}
	return out
}

// ProposalValue returns field f of c as the history writes it.
func ProposalValue(c *bina.Cooperative, f string) string {
	if e := bina.FindField(bina.CooperativeTable(), bina.Field(f)); e != nil {
		return e.Format(c)
	}
	return ""
}

// ProposalLabel returns the label of a field of ProposalFields.
func ProposalLabel(f string) bina.Text {
	if e := bina.FindField(bina.CooperativeTable(), bina.Field(f)); e != nil {
		return e.History
	}
	return bina.Text{ID: f, EN: f}
}

// Drifted returns the fields of changes whose stored value in c is no
// longer the Before the request saw: someone changed them meanwhile.
func Drifted(c *bina.Cooperative, changes []bina.Change) []string {
	var out []string
	for _, ch := range changes {
		if e := bina.FindField(bina.CooperativeTable(), bina.Field(ch.Field)); e != nil && e.Format(c) != ch.Before {
			out = append(out, ch.Field)
		}
	}
	return out
}

// ChangeRequest is a board's proposal to change its cooperative's profile;
// it counts only once the office approves it.
type ChangeRequest struct {
	ID              int64               `json:"id"`
	CooperativeID   int64               `json:"cooperative_id"`
	CooperativeName string              `json:"cooperative_name"`
	BaseVersion     int                 `json:"base_version"` // the cooperative's version when proposed
	Proposed        CooperativeProposal `json:"proposed"`
	Changes         []bina.Change       `json:"changes"` // against the record when proposed
	Note            string              `json:"note"`    // the board's explanation
	State           ChangeState         `json:"state"`
	CreatedBy       string              `json:"created_by"`
	CreatedAt       time.Time           `json:"created_at"`
	DecidedBy       string              `json:"decided_by"`
	DecidedAt       *time.Time          `json:"decided_at"`
	DecisionNote    string              `json:"decision_note"`
}

// CheckDecision checks an approval or rejection of r.
func (r *ChangeRequest) CheckDecision(approve bool, note string) error {
	if r.State != ChangePending {
		return bina.Errorf(bina.Conflict, "Usulan ini sudah diputuskan", "This request has been decided already")
	}
	if !approve && strings.TrimSpace(note) == "" {
		var p bina.Problems
		p.Add("note", "Tulis alasan penolakan untuk pengurus", "Write the reason for the board")
		return p.Err()
	}
	if utf8.RuneCountInString(note) > 2000 {
		var p bina.Problems
		p.Add("note", "Catatan paling panjang 2000 huruf", "The note is at most 2000 characters")
		return p.Err()
	}
	return nil
}

// ChangeRequestFilter selects change requests; zero values mean any.
type ChangeRequestFilter struct {
	CooperativeID int64
	State         ChangeState
	Limit         int
}

// ChangeRequestService keeps the boards' change requests. A partner
// account reaches only its own cooperative's requests; office accounts
// those of the cooperatives in their region; anything else is NotFound.
type ChangeRequestService interface {
	// ProposeChange stores a pending request for the actor's cooperative
	// (partners only). Errors: Invalid (the proposal, or nothing changes),
	// NotFound, Conflict (one pending already), Forbidden.
	ProposeChange(ctx context.Context, cooperativeID int64, p CooperativeProposal, note string) (*ChangeRequest, error)
	// FindChangeRequest returns one request. Errors: NotFound.
	FindChangeRequest(ctx context.Context, id int64) (*ChangeRequest, error)
	// ListChangeRequests returns requests, newest first. Errors: Invalid.
	ListChangeRequests(ctx context.Context, f ChangeRequestFilter) ([]ChangeRequest, error)
	// DecideChangeRequest approves (applying the change through the
	// normal update, with history, in one transaction) or rejects a
	// pending request. version is the cooperative's version the decider
	// saw. Errors: Invalid, NotFound, Conflict (decided, or the
	// cooperative changed), Forbidden.
	DecideChangeRequest(ctx context.Context, id int64, approve bool, version int, note string) (*ChangeRequest, error)
}
