package imports

import (
	"bina"
	"slices"
	"testing"
)

func TestDecideUpdate(t *testing.T) {
	now := bina.DateOf(2026, 12, 1)
	stored := bina.Enterprise{Name: "Kerupuk Bu Sri", Owner: bina.Owner{Name: "Sri", NIK: "6112011708900001", Phone: "081234567890"}, NIB: "1234567890123", WorkersPaidMale: 4}
	fields := []string{"name", "owner.nik", "owner.phone", "workers_paid_male"}
	cases := []struct {
		name     string
		in       func(e *bina.Enterprise)
		problems []bina.FieldError
		take     []string
		kept     int
		review   bool
	}{
		{"the same record", func(*bina.Enterprise) {}, nil, fields, 0, false},
		{"a new phone is taken", func(e *bina.Enterprise) { e.Owner.Phone = "085298765432" }, nil, fields, 0, false},
		{"a blank NIK keeps the stored one", func(e *bina.Enterprise) { e.Owner.NIK = "" }, nil, []string{"name", "owner.phone", "workers_paid_male"}, 1, false},
		{"a lost NIK keeps the stored one", func(e *bina.Enterprise) { e.Owner.NIK = "" }, []bina.FieldError{{Field: "owner.nik"}}, []string{"name", "owner.phone", "workers_paid_male"}, 1, false},
		{"a blank count keeps the stored one", func(e *bina.Enterprise) { e.WorkersPaidMale = 0 }, nil, []string{"name", "owner.nik", "owner.phone"}, 1, false},
		{"a different NIK waits for a person", func(e *bina.Enterprise) { e.Owner.NIK = "6112011708900099" }, nil, nil, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := stored
			c.in(&in)
			d := DecideUpdate(bina.EnterpriseTable(), &stored, &in, fields, c.problems, now)
			if (d.Review != nil) != c.review {
				t.Fatalf("review %v, want %v", d.Review, c.review)
			}
			if !c.review && (!slices.Equal(d.Take, c.take) || len(d.Kept) != c.kept) {
				t.Errorf("take %v, kept %v; want take %v, %d kept", d.Take, d.Kept, c.take, c.kept)
			}
		})
	}
	// A stored NIK that is not valid may be replaced.
	bad := stored
	bad.Owner.NIK = "1234"
	in := stored
	if d := DecideUpdate(bina.EnterpriseTable(), &bad, &in, fields, nil, now); d.Review != nil || !slices.Contains(d.Take, "owner.nik") {
		t.Errorf("an invalid stored NIK: %+v", d)
	}
}
