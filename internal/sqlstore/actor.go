package sqlstore

import (
	"context"
	"strings"

	"bina"
)

// actor is who calls a service method, read once from the context.
type actor struct {
	user *bina.User // nil: the system (command-line tools, the demo loader)
	// scope is the region the actor may read and edit inside
	// (bina.NoRegion for partner accounts).
	scope bina.RegionCode
	// cooperative is the one cooperative a partner account reaches.
	cooperative int64
}

// actorOf reads the actor of ctx. A disabled account is refused.
func (s *Store) actorOf(ctx context.Context) (actor, error) {
	u := bina.UserFromContext(ctx)
	if u == nil {
		return actor{scope: s.root}, nil
	}
	if u.Disabled {
		return actor{}, errUnauthorized()
	}
	return actor{user: u, scope: u.Scope(s.root), cooperative: u.CooperativeID()}, nil
}

// name is what the history records as the author.
func (a actor) name() string {
	if a.user == nil {
		return "system"
	}
	return a.user.Name
}

// canEdit reports whether the actor may change the register.
func (a actor) canEdit() bool { return a.user == nil || a.user.CanEdit() }

// isAdmin reports whether the actor administers the deployment.
func (a actor) isAdmin() bool { return a.user == nil || a.user.IsAdmin() }

// masked reports whether personal data must be hidden from the actor.
func (a actor) masked() bool { return a.user != nil && !a.user.CanSeePersonal() }

// logsAccess reports whether showing personal data to the actor must be
// written to the access log: a signed-in person who sees it unmasked.
func (a actor) logsAccess() bool { return a.user != nil && a.user.CanSeePersonal() }

// sees reports whether a record in village lies in the actor's scope.
func (a actor) sees(village bina.RegionCode) bool { return a.scope.Contains(village) }

// partner reports whether the actor is a partner account bound to one record.
func (a actor) partner() bool { return a.user.Bound() }

// seesCooperative reports whether the actor reaches cooperative id, which
// lies in village: a partner its own one only, everyone else by region.
func (a actor) seesCooperative(id int64, village bina.RegionCode) bool {
	if a.partner() {
		return a.cooperative != 0 && a.cooperative == id
	}
	return a.sees(village)
}

// requireEdit returns Forbidden unless the actor may edit.
func (a actor) requireEdit() error {
	if !a.canEdit() {
		return bina.Errorf(bina.Forbidden, "Anda tidak berhak mengubah data", "You may not change the register")
	}
	return nil
}

// regionCond adds to conds the condition that column alias.village_code
// (and alias.district_code) lies in region. The deployment's root adds
// nothing: every stored record was validated inside it, and a condition
// that matches everything would only mislead the query planner.
func (s *Store) regionCond(conds []string, p *params, alias string, region bina.RegionCode) []string {
	if region == "" || region == s.root {
		return conds
	}
	switch region.Level() {
	case bina.LevelDistrict:
		return append(conds, alias+".district_code = "+p.add(string(region)))
	case bina.LevelVillage:
		return append(conds, alias+".village_code = "+p.add(string(region)))
	}
	lo, hi := region.Range()
	return append(conds, alias+".village_code >= "+p.add(lo), alias+".village_code < "+p.add(hi))
}

// ---- errors ----

func errUnauthorized() error {
	return bina.Errorf(bina.Unauthorized, "Silakan masuk terlebih dahulu", "Please sign in first")
}

// notFoundf returns a NotFound error with a fixed message.
func notFoundf(id, en string) error {
	return &bina.Error{Code: bina.NotFound, Message: bina.Text{ID: id, EN: en}}
}

// invalidField returns an Invalid error with one field problem.
func invalidField(field, id, en string, args ...any) error {
	var p bina.Problems
	p.Add(field, id, en, args...)
	return p.Err()
}

// outOfScope is the error for a new village outside the actor's region.
func outOfScope(v bina.RegionCode) error {
	return invalidField("village_code", "Desa %s berada di luar wilayah kerja Anda", "Village %s lies outside your region", v)
}

// maskPhoneDigits masks every run of 6 or more digits in s (officer phones
// inside compact history text).
func maskPhoneDigits(s string) string {
	var b strings.Builder
	run := 0
	flush := func(end int) {
		if run >= 6 {
			b.WriteString(bina.Mask(s[end-run : end]))
		} else {
			b.WriteString(s[end-run : end])
		}
		run = 0
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			continue
		}
		flush(i)
		b.WriteByte(s[i])
	}
	flush(len(s))
	return b.String()
}
