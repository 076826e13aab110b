package importer

import (
	"bina/imports"
	"testing"

	"bina"
)

func TestFileIndexNear(t *testing.T) {
	x := NewFileIndex(0)
	keys := func(nik, village, name string) imports.DuplicateKeys {
		return imports.DuplicateKeys{NIK: nik, Village: bina.RegionCode(village), Name: name, Owner: "siti"}
	}
	for _, c := range []struct {
		name string
		k    imports.DuplicateKeys
		want bool
	}{
		{"first row", keys("6112015505900001", "61.12.01.2001", "keripik nanas"), false},
		{"the same NIK", keys("6112015505900001", "61.12.02.2001", "bengkel"), true},
		{"the same desa and name", keys("", "61.12.01.2001", "keripik nanas"), true},
		{"the same name elsewhere", keys("", "61.12.03.2001", "keripik nanas"), false},
		{"no NIK, no desa", keys("", "", "abon"), false},
		{"again no NIK, no desa", keys("", "", "amplang"), false},
	} {
		if got := x.Near(c.k); got != c.want {
			t.Errorf("%s: near %v, want %v", c.name, got, c.want)
		}
	}
}
