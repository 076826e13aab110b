package refdata

import (
	"testing"

	"bina"
)

func TestKubuRaya(t *testing.T) {
	tree, err := Regions("61.12")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(tree.Districts()); got != 9 {
		t.Errorf("kecamatan = %d, want 9", got)
	}
	if got := len(tree.Villages()); got != 123 {
		t.Errorf("desa = %d, want 123", got)
	}
	if got := tree.Name("61.12.01"); got != "Sungai Raya" {
		t.Errorf("61.12.01 = %q", got)
	}
	if tree.Within("61.71.01") {
		t.Error("Pontianak must be outside Kubu Raya")
	}
	if got := tree.Name("61"); got != "Kalimantan Barat" {
		t.Errorf("province name %q", got)
	}
}

func TestAllIndonesia(t *testing.T) {
	tree, err := Regions("")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(tree.Villages()); got != 83762 {
		t.Errorf("villages = %d", got)
	}
}

func TestKBLIAndBridge(t *testing.T) {
	k, err := KBLI()
	if err != nil {
		t.Fatal(err)
	}
	e, ok := k.Lookup(bina.KBLICode{Version: bina.KBLI2020, Code: "10794"})
	if !ok || e.Section != "C" {
		t.Errorf("10794 = %+v %v", e, ok)
	}
	if n := len(k.Entries(bina.KBLI2020)); n != 1786 {
		t.Errorf("entries = %d", n)
	}
	b, err := BPSBridge()
	if err != nil {
		t.Fatal(err)
	}
	if got := b["6112070"]; got != "61.12.01" {
		t.Errorf("BPS 6112070 -> %q, want 61.12.01", got)
	}
}

func TestUnknownRoot(t *testing.T) {
	if _, err := Regions("99.99"); bina.ErrorCode(err) != bina.Invalid {
		t.Errorf("err = %v", err)
	}
}

// TestEveryProvinceHasAZone: the time-zone table of package bina names
// exactly the provinces of the reference data.
func TestEveryProvinceHasAZone(t *testing.T) {
	tree, err := Regions("")
	if err != nil {
		t.Fatal(err)
	}
	known := map[bina.RegionCode]bool{}
	for _, c := range bina.ZoneProvinces() {
		known[c] = true
	}
	provinces := tree.Children("")
	for _, p := range provinces {
		if !known[p.Code] {
			t.Errorf("province %s %s has no time zone", p.Code, p.Name)
		}
	}
	if len(provinces) != len(known) {
		t.Errorf("%d provinces, %d with a zone", len(provinces), len(known))
	}
}
