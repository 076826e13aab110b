package bina

import (
	"context"
	"time"
)

// Role is what a user may do.
type Role string

// The roles.
const (
	RoleAdmin   Role = "admin"   // everything, including accounts and settings
	RoleStaff   Role = "staff"   // reads all, edits the register
	RoleOfficer Role = "officer" // field officer: reads and edits inside an assigned kecamatan or desa
	RoleViewer  Role = "viewer"  // reads, never sees personal data
)

// Roles lists the roles with their labels.
var Roles = Options{
	{"admin", "Administrator", "Administrator"},
	{"staff", "Staf dinas", "Office staff"},
	{"officer", "Petugas lapangan (pendamping)", "Field officer"},
	{"viewer", "Pembaca", "Viewer"},
}

// User is an account.
type User struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Role      Role       `json:"role"`
	Region    RegionCode `json:"region"` // for officers: the kecamatan or desa they work in
	CreatedAt time.Time  `json:"created_at"`
	Disabled  bool       `json:"disabled"`
}

// Scope returns the region the user may read and edit inside: the
// assigned region for officers, the deployment's root for everyone else.
func (u *User) Scope(root RegionCode) RegionCode {
	if u != nil && u.Role == RoleOfficer {
		return u.Region
	}
	return root
}

// CanEdit reports whether the user may change the register.
func (u *User) CanEdit() bool {
	return u != nil && (u.Role == RoleAdmin || u.Role == RoleStaff || u.Role == RoleOfficer)
}

// CanSeePersonal reports whether the user may see personal data unmasked
// (officers only inside their scope, which services enforce by scoping).
func (u *User) CanSeePersonal() bool {
	return u != nil && (u.Role == RoleAdmin || u.Role == RoleStaff || u.Role == RoleOfficer)
}

// IsAdmin reports whether the user administers the deployment.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin }

// Validate checks a new account.
func (u *User) Validate(ref Reference) error {
	var p Problems
	if len(u.Name) < 3 || len(u.Name) > 64 {
		p.Add("name", "Nama pengguna 3 sampai 64 huruf", "User name must be 3 to 64 characters")
	}
	if !Roles.Has(string(u.Role)) {
		p.Add("role", "Peran tidak dikenal", "Unknown role")
	}
	if u.Role == RoleOfficer {
		if u.Region.Level() < LevelDistrict || (ref.Regions != nil && !ref.Regions.Within(u.Region)) {
			p.Add("region", "Petugas lapangan perlu kecamatan atau desa di wilayah ini", "A field officer needs a kecamatan or desa inside this region")
		}
	}
	return p.Err()
}

// CheckPassword enforces the password policy.
func CheckPassword(pw string) error {
	var p Problems
	if len(pw) < 10 {
		p.Add("password", "Kata sandi paling sedikit 10 karakter", "Password must be at least 10 characters")
	}
	if len(pw) > 200 {
		p.Add("password", "Kata sandi terlalu panjang", "Password is too long")
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

// UserService keeps accounts, browser sessions and API tokens.
type UserService interface {
	// CreateUser adds an account with password. Errors: Invalid, Conflict (name taken).
	CreateUser(ctx context.Context, u *User, password string) error
	// FindUserByName returns an account. Errors: NotFound.
	FindUserByName(ctx context.Context, name string) (*User, error)
	// Authenticate checks a name and password, limiting failed attempts
	// per name and per client address. Errors: Unauthorized (wrong name or
	// password), Forbidden (too many attempts: try later).
	Authenticate(ctx context.Context, name, password, clientAddr string) (*User, error)
	// CreateSession starts a browser session for the user.
	CreateSession(ctx context.Context, userID int64) (*Session, error)
	// FindSession returns a live session by its token, extending it.
	// Errors: Unauthorized (unknown or expired).
	FindSession(ctx context.Context, token string) (*Session, error)
	// DeleteSession signs out.
	DeleteSession(ctx context.Context, token string) error
	// CreateToken returns a new API bearer token for the user. Errors: NotFound.
	CreateToken(ctx context.Context, userID int64) (string, error)
	// FindToken returns the user of a bearer token. Errors: Unauthorized.
	FindToken(ctx context.Context, token string) (*User, error)
}
