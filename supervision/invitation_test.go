package supervision

import (
	"bina"
	"testing"
	"time"
)

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
	i := Invitation{Subject: bina.Subject{Kind: bina.SubjectCooperative, ID: 1}, Name: "  Budi   Santoso ", Phone: "+62 812-3456-7890"}
	i.Normalize()
	if err := i.Validate(); err != nil || i.Name != "Budi Santoso" || i.Phone != "081234567890" {
		t.Fatalf("normalized %+v: %v", i, err)
	}
	bad := Invitation{Subject: bina.Subject{Kind: bina.SubjectEnterprise, ID: 1}, Phone: "12"}
	fields := map[string]bool{}
	for _, f := range bina.ErrorFields(bad.Validate()) {
		fields[f.Field] = true
	}
	if !fields["subject"] || !fields["name"] || !fields["phone"] {
		t.Fatalf("problems %v", fields)
	}
}
