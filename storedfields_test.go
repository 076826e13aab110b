package bina_test

import (
	"testing"

	"bina"
)

// TestStoredFields: the entries a store keeps through the table are those
// with a Column and a typed accessor, in table order, and Ref and Val reach
// the record's field.
func TestStoredFields(t *testing.T) {
	type rec struct {
		Halal string
		Count int
		Since bina.Date
	}
	table := []bina.RecordField[rec]{
		{Field: "halal", Column: "halal", Text: func(r *rec) *string { return &r.Halal }},
		{Field: "count", Int: func(r *rec) *int { return &r.Count }}, // no column: the store lists it itself
		{Field: "folded", Column: "folded"},                          // no accessor
		{Field: "since", Column: "since", Date: func(r *rec) *bina.Date { return &r.Since }},
	}
	got := bina.StoredFields(table)
	if len(got) != 2 || got[0].Field != "halal" || got[1].Field != "since" {
		t.Fatalf("stored fields %+v", got)
	}
	var r rec
	*(got[0].Ref(&r).(*string)) = "ID001"
	*(got[1].Ref(&r).(*bina.Date)) = bina.DateOf(2026, 1, 2)
	if r.Halal != "ID001" || got[0].Val(&r) != "ID001" || got[1].Val(&r) != bina.DateOf(2026, 1, 2) {
		t.Errorf("record %+v, values %v %v", r, got[0].Val(&r), got[1].Val(&r))
	}
}
