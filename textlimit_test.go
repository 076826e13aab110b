package bina_test

import (
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/refdata"
)

// TestTextLimits checks that free text is bounded in characters, not
// bytes, on both kinds of record: a page shows notes whole, and notes of a
// megabyte made a record page 19.5 MB.
func TestTextLimits(t *testing.T) {
	ref, err := refdata.Reference(bina.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ref.Now = func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	enterprise := func() *bina.Enterprise {
		e := &bina.Enterprise{Name: "Kerupuk Ikan Bu Sri", Owner: bina.Owner{Name: "Sri Wahyuni"}, VillageCode: "61.12.01.2001"}
		e.Normalize()
		return e
	}
	if err := enterprise().Validate(ref); err != nil {
		t.Fatalf("the base record: %v %v", err, problemsOf(err))
	}
	cases := []struct {
		name  string
		set   func(e *bina.Enterprise, s string)
		field string
		limit int
	}{
		{"notes", func(e *bina.Enterprise, s string) { e.Notes = s }, "notes", 4000},
		{"address", func(e *bina.Enterprise, s string) { e.Address = s }, "address", 500},
		{"owner's home address", func(e *bina.Enterprise, s string) { e.Owner.Address = s }, "owner.address", 500},
		{"main product", func(e *bina.Enterprise, s string) { e.MainProduct = s }, "main_product", 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Characters, not bytes: "é" is two bytes.
			e := enterprise()
			c.set(e, strings.Repeat("é", c.limit))
			if err := e.Validate(ref); err != nil {
				t.Errorf("%d characters: %v", c.limit, err)
			}
			c.set(e, strings.Repeat("a", c.limit+1))
			if _, ok := problemsOf(e.Validate(ref))[c.field]; !ok {
				t.Errorf("%d characters: no problem for %s", c.limit+1, c.field)
			}
		})
	}
	t.Run("cooperative notes", func(t *testing.T) {
		co := &bina.Cooperative{Notes: strings.Repeat("x", 1<<20)}
		if _, ok := problemsOf(co.Validate(ref, bina.DefaultKelompoks))["notes"]; !ok {
			t.Error("1 MB of notes: no problem for notes")
		}
	})
}

func problemsOf(err error) map[string]string {
	out := map[string]string{}
	for _, f := range bina.ErrorFields(err) {
		out[f.Field] = f.Message.ID
	}
	return out
}
