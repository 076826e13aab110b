package importer_test

import (
	"testing"

	"bina"
	"bina/internal/importer"
)

// TestContentHashSeesEveryField guards a field added to a table but not
// to ContentHash: an import would then take a record whose field changed
// for an unchanged one, and drop the change.
func TestContentHashSeesEveryField(t *testing.T) {
	born, _ := bina.ParseDate("1980-05-12")
	lat, lon := -7.1, 110.4
	full := &bina.Enterprise{Latitude: &lat, Longitude: &lon, KBLI: []bina.KBLICode{{Version: bina.KBLI2020, Code: "10794"}},
		Sales: []bina.AnnualSales{{Year: 2025, Amount: 10}}, VillageCode: "3374010001"}
	fc := &bina.Cooperative{Latitude: &lat, Longitude: &lon, KBLI: bina.KBLICode{Version: bina.KBLI2020, Code: "10794"}, VillageCode: "3374010001"}
	fill(bina.EnterpriseTable(), full, born)
	fill(bina.CooperativeTable(), fc, born)
	for _, f := range bina.MergeFields(bina.EntityEnterprise) {
		var e bina.Enterprise
		if err := e.TakeFields(full, []string{f}); err != nil {
			t.Fatal(err)
		}
		if importer.ContentHash(&e) == importer.ContentHash(&bina.Enterprise{}) {
			t.Errorf("ContentHash does not see the enterprise's %s", f)
		}
	}
	for _, f := range bina.MergeFields(bina.EntityCooperative) {
		var c bina.Cooperative
		if err := c.TakeFields(fc, []string{f}); err != nil {
			t.Fatal(err)
		}
		if importer.CooperativeContentHash(&c) == importer.CooperativeContentHash(&bina.Cooperative{}) {
			t.Errorf("CooperativeContentHash does not see the cooperative's %s", f)
		}
	}
}

// fill sets every typed field of x to a value that is not its zero.
func fill[T any](table []bina.RecordField[T], x *T, d bina.Date) {
	for _, f := range table {
		switch {
		case f.Text != nil:
			*f.Text(x) = "x"
		case f.Int != nil:
			*f.Int(x) = 1
		case f.Int64 != nil:
			*f.Int64(x) = 1
		case f.Bool != nil:
			*f.Bool(x) = true
		case f.Date != nil:
			*f.Date(x) = d
		}
	}
}

// TestContentHashKeepsOldHashes pins the hash of a record without the
// fields kept through the field table (the total of workers unset) to its
// value before they were added, so that the hashes stored by earlier
// imports still say "unchanged".
func TestContentHashKeepsOldHashes(t *testing.T) {
	e := bina.Enterprise{Name: "Keripik Pisang Bu Sari", Owner: bina.Owner{Name: "Sari"}, VillageCode: "61.12.01.2001", Capital: 5,
		WorkersPaidMale: 2, WorkersUnpaidFemale: 1}
	if got := importer.ContentHash(&e); got != -7007618773044309225 {
		t.Errorf("hash %d, want the earlier -7007618773044309225", got)
	}
	e.WorkersTotal = 3
	if importer.ContentHash(&e) == -7007618773044309225 {
		t.Error("the total of workers does not change the hash")
	}
}
