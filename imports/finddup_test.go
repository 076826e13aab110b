package imports

import (
	"bina"
	"testing"
)

// TestFindDuplicates: the hand-typed record is compared by DecideImport's
// rules, every resembling record once, the record itself left out.
func TestFindDuplicates(t *testing.T) {
	keys := func(nib, nik, name, owner string, village bina.RegionCode) DuplicateKeys {
		return DuplicateKeys{NIB: nib, NIK: nik, Name: NameKey(name), Owner: PersonKey(owner), Village: village}
	}
	const desa = bina.RegionCode("61.12.01.2001")
	cands := []Candidate{
		{ID: 1, Keys: keys("1111111111111", "6112010101800001", "Amplang Belida", "Rahmawati", desa)},
		{ID: 2, Keys: keys("2222222222222", "6112010101800001", "Toko Amplang Belida", "Rahmawati", desa)},
		{ID: 3, Keys: keys("3333333333333", "", "Kopi Kapuas", "Budi", desa)},
		{ID: 4, Keys: keys("4444444444444", "", "Kopi Kapuas", "Siti", desa)}, // another owner: another shop
	}
	typed := keys("1111111111111", "6112010101800001", "UD. Amplang Belida", "Hj. Rahmawati", desa)
	got := FindDuplicates(bina.EntityEnterprise, typed, cands, 0)
	if len(got) != 2 || got[0].RecordID != 1 || got[0].Rule != DuplicateNIB || got[1].RecordID != 2 || got[1].Rule != DuplicateNIKName {
		t.Errorf("found %+v, want 1 by NIB, then 2 by NIK and name", got)
	}
	// DecideImport takes the first of them.
	d, err := DecideImport(DecisionInput{Entity: bina.EntityEnterprise, Candidates: cands, Rows: []Row{{Line: 2, Key: "k", Outcome: OutcomeCreated, Keys: typed}}})
	if err != nil || len(d.Reviews) != 1 || d.Reviews[0].Candidate != got[0].RecordID {
		t.Errorf("DecideImport %+v, %v: want a review beside %d", d.Reviews, err, got[0].RecordID)
	}
	// Editing record 1: itself is no duplicate.
	if got := FindDuplicates(bina.EntityEnterprise, typed, cands, 1); len(got) != 1 || got[0].RecordID != 2 {
		t.Errorf("editing 1 found %+v", got)
	}
	if got := FindDuplicates(bina.EntityEnterprise, keys("", "", "Kopi Kapuas", "Budi", desa), cands, 0); len(got) != 1 || got[0].RecordID != 3 {
		t.Errorf("same desa, name and owner: %+v", got)
	}
}
