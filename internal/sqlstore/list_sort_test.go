package sqlstore_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestListCooperativesSorted pages every sort of the cooperative list
// forward and back and compares it with the order computed here (the
// enterprises' sorts are in TestListEnterprises).
func TestListCooperativesSorted(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ref := sqlstoretest.Reference(t, bina.DefaultConfig())
		coops := genCooperatives(ref, 11, 0, 30)
		coops[1].Name = coops[0].Name // equal keys test the id tie-break
		must(t, s.BulkLoad(system, nil, coops))
		for i, c := range coops[:12] {
			must(t, s.SaveRAT(system, c.ID, bina.RAT{BookYear: 2020 + i%4, HeldOn: bina.DateOf(2021+i%4, 3, 1)}))
		}
		all, err := s.ListCooperatives(system, bina.CooperativeFilter{Limit: 200})
		must(t, err)
		if len(all.Items) != len(coops) {
			t.Fatalf("%d cooperatives listed, want %d", len(all.Items), len(coops))
		}
		byID := func(a, b bina.Cooperative) int { return cmp.Compare(a.ID, b.ID) }
		byName := func(a, b bina.Cooperative) int {
			return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), byID(a, b))
		}
		sorts := map[string]func(a, b bina.Cooperative) int{
			"name":  byName,
			"jenis": func(a, b bina.Cooperative) int { return cmp.Or(strings.Compare(a.Jenis, b.Jenis), byName(a, b)) },
			"region": func(a, b bina.Cooperative) int {
				return cmp.Or(cmp.Compare(a.VillageCode, b.VillageCode), byName(a, b))
			},
			"rat": func(a, b bina.Cooperative) int {
				return cmp.Or(cmp.Compare(a.LastRATYear, b.LastRATYear), byName(a, b))
			},
			"updated": func(a, b bina.Cooperative) int { return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), byID(a, b)) },
			"id":      byID,
		}
		for _, sort := range bina.CooperativeSorts.Codes() {
			base, desc := strings.CutPrefix(sort, "-")
			by, ok := sorts[base]
			if !ok {
				t.Fatalf("sort %q: no expected order in this test", sort)
			}
			want := slices.Clone(all.Items)
			slices.SortFunc(want, by)
			if desc {
				slices.Reverse(want)
			}
			if err := walkCooperatives(s, bina.CooperativeFilter{Sort: sort, Limit: 4}, coopIDs(want)); err != nil {
				t.Errorf("sort %s: %v", sort, err)
			}
		}
		// Filtered by a kecamatan, in the order of desa.
		f := bina.CooperativeFilter{Region: coops[0].VillageCode.Truncate(bina.LevelDistrict), Sort: "region", Limit: 2}
		var want []bina.Cooperative
		for _, c := range all.Items {
			if f.Region.Contains(c.VillageCode) {
				want = append(want, c)
			}
		}
		slices.SortFunc(want, sorts["region"])
		if err := walkCooperatives(s, f, coopIDs(want)); err != nil {
			t.Errorf("%+v: %v", f, err)
		}
	})
}

func coopIDs(cs []bina.Cooperative) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// walkCooperatives pages through f to the end and back again, and
// compares both ways with want.
func walkCooperatives(s *sqlstore.Store, f bina.CooperativeFilter, want []int64) error {
	var got []int64
	var last bina.Page[bina.Cooperative]
	for pages := 0; ; pages++ {
		p, err := s.ListCooperatives(system, f)
		if err != nil {
			return err
		}
		if p.Total != len(want) {
			return fmt.Errorf("total %d, want %d", p.Total, len(want))
		}
		got, last = append(got, coopIDs(p.Items)...), p
		if p.Next == "" || pages > len(want) {
			break
		}
		f.Cursor = p.Next
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("forward: got %v, want %v", got, want)
	}
	back := coopIDs(last.Items)
	for p := last; p.Prev != ""; {
		f.Cursor = p.Prev
		var err error
		if p, err = s.ListCooperatives(system, f); err != nil {
			return err
		}
		back = append(coopIDs(p.Items), back...)
	}
	if !slices.Equal(back, want) {
		return fmt.Errorf("back: got %v, want %v", back, want)
	}
	return nil
}
