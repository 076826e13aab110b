package supervision

import (
	"bina"
	"testing"
)

func TestProposalChanges(t *testing.T) {
	c := &bina.Cooperative{ID: 4, Name: "KSP Maju", Address: "Jl. Lama 1", MembersFemale: 10, MembersMale: 12,
		Officers: []bina.Officer{{Name: "Budi", Role: "ketua", Phone: "081234567890"}}}
	p := ProposalOf(c)
	if got := ProposalChanges(c, p); len(got) != 0 {
		t.Fatalf("unchanged proposal gives %v", got)
	}
	p.Address = "Jl. Baru 2"
	p.MembersFemale = 15
	p.Officers = append([]bina.Officer{}, p.Officers...)
	p.Officers = append(p.Officers, bina.Officer{Name: "Sari", Role: "bendahara", Phone: "+62 812 0000 1111"})
	got := ProposalChanges(c, p)
	fields := map[string]bina.Change{}
	for _, ch := range got {
		fields[ch.Field] = ch
	}
	if len(got) != 3 || fields["address"].Before != "Jl. Lama 1" || fields["address"].After != "Jl. Baru 2" ||
		fields["members_female"].After != "15" || fields["officers"].After == fields["officers"].Before {
		t.Fatalf("changes %+v", got)
	}
	if c.Address != "Jl. Lama 1" || len(c.Officers) != 1 {
		t.Fatal("ProposalChanges changed the cooperative")
	}
	// Someone else changed the address meanwhile: it has drifted; the
	// member count has not.
	c.Address = "Jl. Lain 3"
	if d := Drifted(c, got); len(d) != 1 || d[0] != "address" {
		t.Fatalf("drifted %v", d)
	}
}

func TestCheckDecision(t *testing.T) {
	r := &ChangeRequest{State: ChangePending}
	if err := r.CheckDecision(true, ""); err != nil {
		t.Fatalf("approve without note: %v", err)
	}
	if bina.ErrorCode(r.CheckDecision(false, " ")) != bina.Invalid {
		t.Fatal("a rejection needs a note")
	}
	r.State = ChangeApproved
	if bina.ErrorCode(r.CheckDecision(true, "")) != bina.Conflict {
		t.Fatal("a decided request cannot be decided again")
	}
}
