// Package audit is the domain of the access audit (UU 27/2022): which
// reads of personal data and which account events are recorded, one
// entry, its filter and the service that keeps them. It imports the
// standard library and the domain only.
package audit

import (
	"bina"
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Action is what an audit entry records.
type Action string

// The audited actions: reads of personal data (view, list, export) and the
// events of accounts.
const (
	View         Action = "view"           // one record's personal data
	List         Action = "list"           // a page of a list, in the pages or the API
	Export       Action = "export"         // a download of a filtered list
	SignIn       Action = "sign_in"        // a successful sign-in
	SignInFailed Action = "sign_in_failed" // a refused sign-in (Actor is the name tried)
	RoleChange   Action = "role_change"    // an account's role or region changed
	TokenUse     Action = "token_use"      // an API token used (at most once a minute)
	Account      Action = "account"        // an account disabled or enabled, a token issued or revoked, a password reset
)

// IsRead reports whether the action is a read of personal data.
func (a Action) IsRead() bool { return a == View || a == List || a == Export }

// Event is one entry of the audit: who, when, from where, what. A
// read of one record names it (Records holds its id); a list page names the
// ids it showed; an export gives its filter and its number of records.
type Event struct {
	ID         int64
	At         time.Time
	ActorID    int64  // 0: no account (a sign-in under an unknown name)
	Actor      string // the account's name, or the name tried
	ClientAddr string
	Action     Action
	Entity     bina.Entity // the kind of record read, if any
	Records    []int64     // the ids of the records read, if known
	Count      int         // the number of records read
	Filter     string      // the filter of a list or export, without search words
	Detail     string      // what else an account event needs to say
}

// Filter selects audit entries: those of one record (Subject and
// SubjectID: who saw this person's data) or of one account (Actor: what
// did this account look at), newest first.
type Filter struct {
	Subject   bina.Entity
	SubjectID int64
	Actor     string
	Limit     int // 0: DefaultLimit
	Offset    int
}

// DefaultLimit is the page size of an audit list when none is asked.
const DefaultLimit = 100

// ParseSubject reads a subject written as "enterprise:12".
func ParseSubject(s string) (bina.Entity, int64, error) {
	kind, num, _ := strings.Cut(s, ":")
	id, err := strconv.ParseInt(num, 10, 64)
	if e := bina.Entity(kind); (e != bina.EntityEnterprise && e != bina.EntityCooperative) || err != nil || id <= 0 {
		return "", 0, bina.Errorf(bina.Invalid, "Subjek harus berbentuk enterprise:{id} atau cooperative:{id}", "The subject must read enterprise:{id} or cooperative:{id}")
	}
	return bina.Entity(kind), id, nil
}

// FilterText describes a list's filter for the audit from its log
// value (EnterpriseFilter.LogValue leaves search words out): the choices
// made, as "region=61.12.01 size=mikro search=true".
func FilterText(f slog.LogValuer) string {
	var b strings.Builder
	for _, a := range f.LogValue().Group() {
		v := a.Value.Resolve()
		if (v.Kind() == slog.KindString && v.String() == "") || (v.Kind() == slog.KindBool && !v.Bool()) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.Key + "=" + v.String())
	}
	return b.String()
}

// ListRead is the audit entry of a page of a list: the ids of the records
// it showed and the list's filter without its search words.
func ListRead[T any](entity bina.Entity, items []T, id func(*T) int64, filter slog.LogValuer) Event {
	e := Event{Action: List, Entity: entity, Count: len(items), Filter: FilterText(filter)}
	for i := range items {
		e.Records = append(e.Records, id(&items[i]))
	}
	return e
}

// Service keeps the audit. Reads of personal data are recorded only
// for actors who see it unmasked; the others see none.
type Service interface {
	// RecordAudit writes one entry. The time, the actor and the client
	// address come from ctx (UserFromContext, ClientAddr) where e leaves
	// them empty. Errors: Internal.
	RecordAudit(ctx context.Context, e Event) error
	// ListAudit returns a page of entries and the number of all that match,
	// newest first. Errors: Forbidden (not an admin), Invalid (no subject
	// and no actor).
	ListAudit(ctx context.Context, f Filter) ([]Event, int, error)
	// PurgeAudit deletes the entries older than before and returns how
	// many went.
	PurgeAudit(ctx context.Context, before time.Time) (int64, error)
}

// clientAddrKey is the context key of the client's address.
type clientAddrKey struct{}

// WithClientAddr returns a context that carries the address the request
// came from, as the server resolved it (behind a trusted proxy, the
// forwarded client).
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey{}, addr)
}

// ClientAddr returns the client address of ctx, or "".
func ClientAddr(ctx context.Context) string {
	s, _ := ctx.Value(clientAddrKey{}).(string)
	return s
}
