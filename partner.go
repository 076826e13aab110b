package bina

import (
	"strconv"
)

// SubjectKind is the kind of record a partner account belongs to.
type SubjectKind string

// The kinds of subject: cooperatives now; enterprises are reserved for
// business owners' accounts, which use the same invitations.
const (
	SubjectCooperative SubjectKind = "cooperative"
	SubjectEnterprise  SubjectKind = "enterprise"
)

// Subject names the one record a partner account belongs to.
type Subject struct {
	Kind SubjectKind `json:"kind,omitempty"`
	ID   int64       `json:"id,omitempty"`
}

// Valid reports whether s names a record of a known kind.
func (s Subject) Valid() bool {
	return (s.Kind == SubjectCooperative || s.Kind == SubjectEnterprise) && s.ID > 0
}

// String is "cooperative:12".
func (s Subject) String() string {
	if !s.Valid() {
		return ""
	}
	return string(s.Kind) + ":" + strconv.FormatInt(s.ID, 10)
}

// NoRegion is the scope of a partner account: a code no region has, so
// that every query scoped by region finds nothing, and the partner's own
// record is reached through its Subject alone.
const NoRegion RegionCode = "-"

// Bound reports whether u is a partner account bound to a record.
func (u *User) Bound() bool { return u != nil && u.Role == RolePartner && u.Subject.Valid() }

// CooperativeID returns the cooperative a partner account belongs to, or 0.
func (u *User) CooperativeID() int64 {
	if u.Bound() && u.Subject.Kind == SubjectCooperative {
		return u.Subject.ID
	}
	return 0
}
