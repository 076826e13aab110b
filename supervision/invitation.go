package supervision

import (
	"bina"
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// InvitationLife is how long an invitation link works.
const InvitationLife = 7 * 24 * time.Hour

// InvitationState is where an invitation stands.
type InvitationState string

// The states of an invitation.
const (
	InvitationOpen    InvitationState = "open"
	InvitationUsed    InvitationState = "used"
	InvitationExpired InvitationState = "expired"
	InvitationRevoked InvitationState = "revoked"
)

// InvitationStates lists the states with their labels.
var InvitationStates = bina.Options{
	{Code: "open", ID: "Belum dipakai", EN: "Not used yet"},
	{Code: "used", ID: "Sudah dipakai", EN: "Used"},
	{Code: "expired", ID: "Kedaluwarsa", EN: "Expired"},
	{Code: "revoked", ID: "Dicabut", EN: "Revoked"},
}

// Invitation is a one-time link that lets one person make a partner
// account bound to Subject. Only a hash of its secret is stored; the
// secret is shown once, to the staff member who made it.
type Invitation struct {
	ID      int64        `json:"id"`
	Subject bina.Subject `json:"subject"`
	// Name and Phone say whom it is for ("Budi, Ketua"); the phone is
	// where the WhatsApp link goes, and is personal data.
	Name      string     `json:"name"`
	Phone     string     `json:"phone"`
	CreatedBy string     `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	UsedAt    *time.Time `json:"used_at"`
	UserID    int64      `json:"user_id"`   // the account made with it
	UserName  string     `json:"user_name"` // its name
	RevokedAt *time.Time `json:"revoked_at"`
	RevokedBy string     `json:"revoked_by"`
}

// State returns the invitation's state at now.
func (i *Invitation) State(now time.Time) InvitationState {
	switch {
	case i.UsedAt != nil:
		return InvitationUsed
	case i.RevokedAt != nil:
		return InvitationRevoked
	case !now.Before(i.ExpiresAt):
		return InvitationExpired
	}
	return InvitationOpen
}

// Normalize tidies an invitation before validation.
func (i *Invitation) Normalize() {
	i.Name = strings.Join(strings.Fields(i.Name), " ")
	i.Phone = strings.TrimSpace(i.Phone)
	if p, ok := bina.NormalizePhone(i.Phone); ok {
		i.Phone = p
	}
}

// Validate checks a new invitation.
func (i *Invitation) Validate() error {
	var p bina.Problems
	if !i.Subject.Valid() {
		p.Add("subject", "Undangan harus untuk satu koperasi", "An invitation is for one cooperative")
	}
	if i.Subject.Kind == bina.SubjectEnterprise {
		p.Add("subject", "Undangan pemilik usaha belum tersedia", "Invitations for business owners are not available yet")
	}
	if n := utf8.RuneCountInString(i.Name); n == 0 || n > 100 {
		p.Add("name", "Isi nama penerima undangan (paling panjang 100 huruf)", "Enter the invitee's name (at most 100 characters)")
	}
	if i.Phone != "" {
		if _, ok := bina.NormalizePhone(i.Phone); !ok {
			p.Add("phone", "Nomor HP tidak dikenali; tulis seperti 0812xxxxxxx", "Phone number not understood; write it like 0812xxxxxxx")
		}
	}
	return p.Err()
}

// InvitationMessage is the text a WhatsApp invitation carries.
func InvitationMessage(name, cooperative, link string, expires time.Time) string {
	return "Yth. " + name + ", pengurus " + cooperative + ": silakan buat akun Bina untuk koperasi Anda melalui tautan berikut (sekali pakai, berlaku sampai " +
		bina.DateFromTime(expires).String() + "): " + link
}

// InvitationService keeps the invitations of partner accounts and makes
// the accounts. Making, listing and revoking need office staff or an
// administrator; the holder of a secret may look at it and accept it.
type InvitationService interface {
	// CreateInvitation stores a new invitation for i.Subject, valid for
	// InvitationLife, filling i, and returns its secret.
	// Errors: Invalid, NotFound (the subject), Forbidden.
	CreateInvitation(ctx context.Context, i *Invitation) (string, error)
	// ListInvitations returns a subject's invitations, newest first.
	// Errors: NotFound, Forbidden.
	ListInvitations(ctx context.Context, s bina.Subject) ([]Invitation, error)
	// RevokeInvitation ends an open invitation. Errors: NotFound,
	// Conflict (used), Forbidden.
	RevokeInvitation(ctx context.Context, id int64) error
	// FindInvitation returns the open invitation of a secret with the
	// name of its subject. Errors: NotFound (unknown, used, expired or
	// revoked).
	FindInvitation(ctx context.Context, secret string) (*Invitation, string, error)
	// AcceptInvitation makes the partner account of an open invitation
	// with a name and password, once. Errors: NotFound, Invalid, Conflict
	// (name taken).
	AcceptInvitation(ctx context.Context, secret, name, password string) (*bina.User, error)
	// PartnerAccounts returns the accounts bound to a subject.
	// Errors: NotFound, Forbidden.
	PartnerAccounts(ctx context.Context, s bina.Subject) ([]bina.User, error)
	// SetPartnerDisabled disables (ending its sessions and tokens) or
	// enables an account bound to s. Errors: NotFound, Forbidden.
	SetPartnerDisabled(ctx context.Context, s bina.Subject, userID int64, disabled bool) error
}
