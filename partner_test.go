package bina

import (
	"testing"
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
