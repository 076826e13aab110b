package bina

import (
	"context"
	"time"
	"unicode/utf8"
)

// Role is what a user may do.
type Role string

// The roles.
const (
	RoleAdmin   Role = "admin"   // everything, including accounts and settings
	RoleStaff   Role = "staff"   // reads all, edits the register
	RoleOfficer Role = "officer" // field officer: reads and edits inside an assigned kecamatan or desa
	RoleViewer  Role = "viewer"  // reads, never sees personal data
	// RolePartner is an account of someone outside the office bound to one
	// record (User.Subject): a cooperative's board today, a business owner
	// later. It is made through an invitation (InvitationService).
	RolePartner Role = "partner"
)

// Roles lists the roles with their labels.
var Roles = Options{
	{"admin", "Administrator", "Administrator"},
	{"staff", "Staf dinas", "Office staff"},
	{"officer", "Petugas lapangan (pendamping)", "Field officer"},
	{"viewer", "Pembaca", "Viewer"},
	{"partner", "Mitra (pengurus koperasi)", "Partner (cooperative board)"},
}

// User is an account.
type User struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Role      Role       `json:"role"`
	Region    RegionCode `json:"region"` // for officers: the kecamatan or desa they work in
	CreatedAt time.Time  `json:"created_at"`
	Disabled  bool       `json:"disabled"`
	// Subject is the one record a partner account belongs to; zero for
	// the office's own accounts.
	Subject Subject `json:"subject"`
}

// Scope returns the region the user may read and edit inside: the
// assigned region for officers, the deployment's root for everyone else.
func (u *User) Scope(root RegionCode) RegionCode {
	if u != nil && u.Role == RoleOfficer {
		return u.Region
	}
	if u.Bound() {
		return NoRegion
	}
	return root
}

// CanEdit reports whether the user may change the register.
func (u *User) CanEdit() bool {
	return u != nil && (u.Role == RoleAdmin || u.Role == RoleStaff || u.Role == RoleOfficer)
}

// CanSeePersonal reports whether the user may see personal data unmasked
// (officers only inside their scope, partners only on their own record,
// which services enforce by scoping).
func (u *User) CanSeePersonal() bool {
	return u != nil && (u.Role == RoleAdmin || u.Role == RoleStaff || u.Role == RoleOfficer || u.Role == RolePartner)
}

// IsAdmin reports whether the user administers the deployment.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin }

// Validate checks a new account.
func (u *User) Validate(ref Reference) error {
	var p Problems
	if n := utf8.RuneCountInString(u.Name); n < 3 || n > 64 {
		p.Add("name", "Nama pengguna 3 sampai 64 huruf", "User name must be 3 to 64 characters")
	}
	if !Roles.Has(string(u.Role)) {
		p.Add("role", "Peran tidak dikenal", "Unknown role")
	}
	if (u.Role == RolePartner) != u.Subject.Valid() {
		p.Add("role", "Akun mitra dibuat melalui undangan dan terikat pada satu koperasi", "A partner account is made through an invitation and bound to one cooperative")
	}
	if u.Role == RoleOfficer {
		if u.Region.Level() < LevelDistrict || (ref.Regions != nil && !ref.Regions.Within(u.Region)) {
			p.Add("region", "Petugas lapangan perlu kecamatan atau desa di wilayah ini", "A field officer needs a kecamatan or desa inside this region")
		}
	}
	return p.Err()
}

// PasswordHasher hashes and checks passwords (argon2id in production).
type PasswordHasher interface {
	Hash(password string) (string, error)
	Verify(hash, password string) bool
}

// Session is a signed-in browser session.
type Session struct {
	Token     string // secret, given to the browser in a cookie
	CSRF      string // token every form post must carry
	User      User
	ExpiresAt time.Time
}

// Token is a named API token. Its secret is shown once, when it is made;
// the store keeps only a hash. A zero ExpiresAt (tokens made before
// expiry existed) never expires; a zero LastUsedAt was never used.
type Token struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"user_id"`
	Name       string    `json:"name"`
	CreatedAt  time.Time `json:"created_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	LastUsedAt time.Time `json:"last_used_at"`
	RevokedAt  time.Time `json:"revoked_at"`
}

// Live reports whether the token still opens the API at now.
func (t *Token) Live(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// SessionInfo describes a browser session for its owner and the admins;
// ID names it without being its secret.
type SessionInfo struct {
	ID         string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// Throttle is a sign-in delay in force: failures of a name from one
// address (both set), of a name from any address (Address empty), or from
// an address whatever the name (Name empty).
type Throttle struct {
	Name, Address string
	Fails         int
	Until         time.Time
}

// UserService keeps accounts, browser sessions and API tokens. Every
// method but the sign-in ones needs an administrator, except where said.
type UserService interface {
	// CreateUser adds an account with password. Errors: Invalid, Conflict (name taken).
	CreateUser(ctx context.Context, u *User, password string) error
	// FindUserByName returns an account. Errors: NotFound.
	FindUserByName(ctx context.Context, name string) (*User, error)
	// FindUser returns an account by id. Errors: NotFound, Forbidden.
	FindUser(ctx context.Context, id int64) (*User, error)
	// ListUsers returns every account by name. Errors: Forbidden.
	ListUsers(ctx context.Context) ([]User, error)
	// UpdateUser changes an account's role and region. Errors: Invalid,
	// NotFound, Forbidden.
	UpdateUser(ctx context.Context, id int64, role Role, region RegionCode) (*User, error)
	// SetDisabled disables (ending its sessions and revoking its tokens)
	// or enables an account. Errors: NotFound, Forbidden, Invalid (an
	// administrator disabling themself).
	SetDisabled(ctx context.Context, id int64, disabled bool) error
	// CreateResetLink returns the secret of a one-time password reset
	// link for the account and when it expires. Errors: NotFound, Forbidden.
	CreateResetLink(ctx context.Context, id int64) (string, time.Time, error)
	// FindReset returns the account a live reset secret is for; anyone
	// holding the secret may ask. Errors: NotFound (unknown, used or expired).
	FindReset(ctx context.Context, secret string) (*User, error)
	// ResetPassword sets a new password through a reset secret, once,
	// ending the account's sessions. Errors: NotFound, Invalid.
	ResetPassword(ctx context.Context, secret, password string) error
	// Authenticate checks a name and password, throttling failed attempts
	// per name and address, per name and per address. Errors: Unauthorized
	// (wrong name or password), TooMany (wait: Error.RetryAfter says how long).
	Authenticate(ctx context.Context, name, password, clientAddr string) (*User, error)
	// Throttles lists the sign-in delays in force. ClearThrottles ends
	// those of a name (every address) or of an address (every name).
	// Errors: Forbidden.
	Throttles(ctx context.Context) ([]Throttle, error)
	ClearThrottles(ctx context.Context, name, address string) error
	// CreateSession starts a browser session for the user.
	CreateSession(ctx context.Context, userID int64) (*Session, error)
	// FindSession returns a live session by its token, extending it.
	// Errors: Unauthorized (unknown or expired).
	FindSession(ctx context.Context, token string) (*Session, error)
	// DeleteSession signs out.
	DeleteSession(ctx context.Context, token string) error
	// ListSessions returns the account's live sessions; EndSession ends
	// one by its ID (the account itself may too). Errors: Forbidden, NotFound.
	ListSessions(ctx context.Context, userID int64) ([]SessionInfo, error)
	EndSession(ctx context.Context, userID int64, id string) error
	// CreateToken returns a new API bearer token for the user, named
	// "token", valid for DefaultTokenLife. Errors: NotFound.
	CreateToken(ctx context.Context, userID int64) (string, error)
	// IssueToken returns a new named API bearer token valid until
	// expires. Errors: NotFound, Forbidden, Invalid.
	IssueToken(ctx context.Context, userID int64, name string, expires time.Time) (string, *Token, error)
	// ListTokens returns the account's tokens, newest first.
	ListTokens(ctx context.Context, userID int64) ([]Token, error)
	// RevokeToken revokes one token; RevokeTokens every token of an
	// account, or of every account when userID is 0, returning how many.
	// Errors: NotFound, Forbidden.
	RevokeToken(ctx context.Context, tokenID int64) error
	RevokeTokens(ctx context.Context, userID int64) (int, error)
	// FindToken returns the user of a bearer token.
	// Errors: Unauthorized (unknown, expired, revoked, or disabled account).
	FindToken(ctx context.Context, token string) (*User, error)
}

// DefaultTokenLife is how long an API token lives unless its maker says;
// MaxTokenLife the longest it may.
const (
	DefaultTokenLife = 90 * 24 * time.Hour
	MaxTokenLife     = 366 * 24 * time.Hour
)
