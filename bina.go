// Package bina is the domain of Bina, the register of cooperatives and micro,
// small and medium enterprises (UMKM) kept by an Indonesian regency office.
//
// It holds the types (Enterprise, Owner, Cooperative, RAT, Region, User), the
// rules of the field (business size under PP 7/2021, the active-cooperative
// rule, identifier checks), the service interfaces that storage implements,
// the field table of each entity, and the one error type with its closed
// set of codes. It imports the standard library only; every outside
// technology lives in its own package under internal/ and speaks these
// types at its edge.
//
// The rest of the domain lives in packages beside it, one per area of the
// office's work, each importing the standard library and the domain only:
// coaching (programmes, sessions, certificates, letters), supervision
// (annual reports, health, compliance), indicator (the figures and the
// rakor report), imports (the import contract and its decisions) and
// audit.
package bina

import (
	"context"
	"time"
)

// Config is what a deployment decides about itself. It reaches every
// component through constructors; there are no global settings.
type Config struct {
	// Region is the root of the deployment: a regency (default "61.12",
	// Kabupaten Kubu Raya), a province ("61") or "" for all Indonesia.
	Region RegionCode
	// RATTolerance is how many missed annual members' meetings a
	// cooperative may have and still count as active (DOMAIN.md section 6).
	RATTolerance int
	// BinaanYears is how many years after the office last reached a
	// business it still counts as binaan (default 3).
	BinaanYears int
}

// DefaultConfig is the Kubu Raya deployment.
func DefaultConfig() Config {
	return Config{Region: "61.12", RATTolerance: 0, BinaanYears: 3}
}

// Reference is the reference data every validation needs: the region tree
// of the deployment, the KBLI catalogue and a clock.
type Reference struct {
	Regions *RegionTree
	KBLI    *KBLICatalog
	Config  Config
	Now     func() time.Time
}

// Clock returns the reference's time, or the wall clock when none is set.
func (r Reference) Clock() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// actorKey is the context key of the signed-in user.
type actorKey struct{}

// WithUser returns a context that carries u as the actor of every service
// call made with it. Services read it to scope queries, check permissions
// and write history.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, actorKey{}, u)
}

// UserFromContext returns the actor of ctx, or nil when there is none
// (command-line tools and the demo loader act as the system).
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(actorKey{}).(*User)
	return u
}

// sessionKey is the context key of the browser session.
type sessionKey struct{}

// WithSession returns a context carrying the browser session (and its user
// as the actor).
func WithSession(ctx context.Context, s *Session) context.Context {
	return WithUser(context.WithValue(ctx, sessionKey{}, s), &s.User)
}

// SessionFromContext returns the browser session of ctx, or nil for API
// token calls and anonymous requests.
func SessionFromContext(ctx context.Context) *Session {
	s, _ := ctx.Value(sessionKey{}).(*Session)
	return s
}
