package bina

import (
	"testing"
	"time"
)

func TestPartnerScopeFindsNoRegion(t *testing.T) {
	u := &User{Role: RolePartner, Subject: Subject{Kind: SubjectCooperative, ID: 7}}
	if got := u.Scope("61.12"); got != NoRegion {
		t.Fatalf("scope = %q, want NoRegion", got)
	}
	if NoRegion.Contains("61.12.01.2001") || RegionCode("61.12").Contains(NoRegion) {
		t.Fatal("NoRegion must contain nothing and lie nowhere")
	}
	if u.CooperativeID() != 7 || !u.Bound() || u.CanEdit() {
		t.Fatalf("partner: cooperative %d bound %v canEdit %v", u.CooperativeID(), u.Bound(), u.CanEdit())
	}
	staff := &User{Role: RoleStaff}
	if staff.Bound() || staff.CooperativeID() != 0 || staff.Scope("61.12") != "61.12" {
		t.Fatal("staff must not be bound")
	}
}

func TestUserValidatePartnerNeedsSubject(t *testing.T) {
	for _, tc := range []struct {
		name string
		u    User
		ok   bool
	}{
		{"partner with cooperative", User{Name: "budi", Role: RolePartner, Subject: Subject{SubjectCooperative, 3}}, true},
		{"partner without subject", User{Name: "budi", Role: RolePartner}, false},
		{"staff with subject", User{Name: "sari", Role: RoleStaff, Subject: Subject{SubjectCooperative, 3}}, false},
		{"staff", User{Name: "sari", Role: RoleStaff}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.u.Validate(Reference{}); (err == nil) != tc.ok {
				t.Fatalf("Validate = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func TestInvitationState(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	used, revoked := now.Add(-time.Hour), now.Add(-time.Minute)
	for _, tc := range []struct {
		name string
		i    Invitation
		want InvitationState
	}{
		{"open", Invitation{ExpiresAt: now.Add(time.Hour)}, InvitationOpen},
		{"expired", Invitation{ExpiresAt: now}, InvitationExpired},
		{"used wins over expiry", Invitation{ExpiresAt: now.Add(-time.Hour), UsedAt: &used}, InvitationUsed},
		{"revoked", Invitation{ExpiresAt: now.Add(time.Hour), RevokedAt: &revoked}, InvitationRevoked},
	} {
		if got := tc.i.State(now); got != tc.want {
			t.Errorf("%s: state %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestInvitationValidate(t *testing.T) {
	i := Invitation{Subject: Subject{SubjectCooperative, 1}, Name: "  Budi   Santoso ", Phone: "+62 812-3456-7890"}
	i.Normalize()
	if err := i.Validate(); err != nil || i.Name != "Budi Santoso" || i.Phone != "081234567890" {
		t.Fatalf("normalized %+v: %v", i, err)
	}
	bad := Invitation{Subject: Subject{SubjectEnterprise, 1}, Phone: "12"}
	fields := map[string]bool{}
	for _, f := range ErrorFields(bad.Validate()) {
		fields[f.Field] = true
	}
	if !fields["subject"] || !fields["name"] || !fields["phone"] {
		t.Fatalf("problems %v", fields)
	}
}
