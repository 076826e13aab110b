package imports_test

import (
	"bina/imports"
	"bina/internal/importer"

	"fmt"
	"testing"

	"bina"
)

func TestNameKey(t *testing.T) {
	same := [][2]string{
		{"UD. Berkah Jaya", "Toko Jaya Berkah"},
		{"Warung Makan Bu Sri", "WARUNG MAKAN BU SRI"},
		{"Keripik Pisang \"Mantap\"", "keripik pisang mantap"},
		{"CV Sinar Abadi", "Sinar Abadi"},
		{"Kedai Kopi Ma'ruf", "Kopi Maruf"},
		{"Café Élite", "Cafe Elite"},
	}
	for _, p := range same {
		if a, b := imports.NameKey(p[0]), imports.NameKey(p[1]); a != b {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want equal", p[0], a, p[1], b)
		}
	}
	differ := [][2]string{
		{"Toko Berkah", "Toko Barokah"},
		{"Sari Rasa", "Sari Roti"},
		{"Usaha Mebel 1", "Usaha Mebel 2"},
	}
	for _, p := range differ {
		if a, b := imports.NameKey(p[0]), imports.NameKey(p[1]); a == b {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q", p[0], p[1], a)
		}
	}
	if k := imports.NameKey("Toko"); k != "toko" {
		t.Errorf("a name of common words only keeps them: %q", k)
	}
}

func TestPersonKey(t *testing.T) {
	for _, p := range [][2]string{
		{"Hj. Siti Aminah", "Siti Aminah"},
		{"Bapak Ahmad Yani", "AHMAD YANI"},
		{"Dra. Nurhayati, S.Pd", "Nurhayati"},
		{"Aminah Siti", "Siti Aminah"},
	} {
		if a, b := imports.PersonKey(p[0]), imports.PersonKey(p[1]); a != b {
			t.Errorf("PersonKey(%q) = %q, PersonKey(%q) = %q", p[0], a, p[1], b)
		}
	}
}

func TestSimilarKeys(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"berkah jaya", "berkah jaya", true},
		{"berkah jaya", "berkah jaja", true},      // one typing error in 11 letters
		{"sari", "sara", false},                   // short names must be equal
		{"keripik pisang", "kripik pisang", true}, // one error
		{"keripik pisang mantap", "kripik pisang mantab", true},
		{"keripik pisang", "keripik nangka", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := imports.SimilarKeys(tt.a, tt.b); got != tt.want {
			t.Errorf("SimilarKeys(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFileIndexRules(t *testing.T) {
	x := importer.NewFileIndex(0)
	e := bina.EntityEnterprise
	k := func(nib, nik, name, owner, village string) imports.DuplicateKeys {
		return imports.DuplicateKeys{NIB: nib, NIK: nik, Name: imports.NameKey(name), Owner: imports.PersonKey(owner), Village: bina.RegionCode(village)}
	}
	steps := []struct {
		keys imports.DuplicateKeys
		line int
		rule string // "" for no match
		of   int
	}{
		{k("1111111111111", "6112014507850003", "Keripik Siti", "Siti", "61.12.01.2001"), 2, "", 0},
		{k("1111111111111", "", "Toko Lain", "Budi", "61.12.01.2002"), 3, imports.DuplicateNIB, 2},
		{k("", "6112014507850003", "UD Keripik Siti", "Siti Aminah", "61.12.02.2001"), 4, imports.DuplicateNIKName, 2},
		{k("", "6112014507850003", "Jahit Siti", "Siti", "61.12.01.2001"), 5, "", 0}, // same owner, another business
		{k("", "", "Warung Kopi", "Amat", "61.12.03.2001"), 6, "", 0},
		{k("", "", "Warung  Kopi", "Pak Amat", "61.12.03.2001"), 7, imports.DuplicateNameVillage, 6},
		{k("", "", "Warung Kopi", "Udin", "61.12.03.2001"), 8, "", 0},  // another owner
		{k("", "", "Warung Kopi", "Amat", "61.12.03.2002"), 9, "", 0},  // another desa
		{k("2222222222222", "", "Warung Kopi", "Amat", ""), 10, "", 0}, // desa unknown: NIB and NIK only
	}
	for _, s := range steps {
		m := x.Check(e, s.keys, s.line)
		switch {
		case s.rule == "" && m != nil:
			t.Errorf("line %d: unexpected match %+v", s.line, m)
		case s.rule != "" && (m == nil || m.Rule != s.rule || m.Line != s.of):
			t.Errorf("line %d: match %+v, want %s of line %d", s.line, m, s.rule, s.of)
		case m != nil && (m.Reason.ID == "" || m.Reason.EN == ""):
			t.Errorf("line %d: reason %+v", s.line, m.Reason)
		}
	}
	if seen, _ := x.Repeat("id:1", 42); seen {
		t.Errorf("first key seen before")
	}
	if seen, same := x.Repeat("id:1", 43); !seen || same {
		t.Errorf("repeat with other content: %v %v", seen, same)
	}
	if seen, same := x.Repeat("id:1", 43); !seen || !same {
		t.Errorf("repeat with the same content: %v %v", seen, same)
	}
}

func TestFileIndexGrowsAndStaysCompact(t *testing.T) {
	x := importer.NewFileIndex(0)
	const n = 200_000
	for i := range n {
		nib := fmt.Sprintf("%013d", i)
		if m := x.Check(bina.EntityEnterprise, imports.DuplicateKeys{NIB: nib}, i+2); m != nil {
			t.Fatalf("row %d matches %+v", i, m)
		}
	}
	for i := 0; i < n; i += 997 {
		m := x.Check(bina.EntityEnterprise, imports.DuplicateKeys{NIB: fmt.Sprintf("%013d", i)}, n+10)
		if m == nil || m.Line != i+2 {
			t.Fatalf("NIB of row %d: %+v", i, m)
		}
	}
	if b := x.Bytes(); b > 48*n { // 12 bytes a slot, a quarter to three quarters full
		t.Errorf("index of %d keys holds %d bytes", n, b)
	}
}

func TestRowKeyIsStable(t *testing.T) {
	// Keys are stored: a change of the hash would make every file
	// imported before look new. This value must never change.
	k := imports.DuplicateKeys{NIB: "1234567890123", Name: imports.NameKey("Keripik Pisang Bu Siti"), Owner: imports.PersonKey("Siti Aminah"), Village: "61.12.01.2004"}
	if got, want := importer.RowKey("", k, ""), "h:73aff74fb3b95045"; got != want {
		t.Errorf("RowKey = %q, want %q", got, want)
	}
	if got := importer.RowKey(" 77 ", k, ""); got != "id:77" {
		t.Errorf("source id key %q", got)
	}
	noDesa := k
	noDesa.Village = ""
	if importer.RowKey("", noDesa, "a|b|") == importer.RowKey("", noDesa, "a|c|") {
		t.Error("rows without desa and different region cells share a key")
	}
}

func TestContentHash(t *testing.T) {
	e := bina.Enterprise{Name: "A", Owner: bina.Owner{Name: "B"}, VillageCode: "61.12.01.2001", Capital: 5}
	h := importer.ContentHash(&e)
	same := e
	if importer.ContentHash(&same) != h {
		t.Error("equal records hash differently")
	}
	for name, change := range map[string]func(*bina.Enterprise){
		"capital": func(x *bina.Enterprise) { x.Capital = 6 },
		"phone":   func(x *bina.Enterprise) { x.Owner.Phone = "0812" },
		"fields":  func(x *bina.Enterprise) { x.Name, x.TradeName = "", "A" }, // the separator tells fields apart
		"lat":     func(x *bina.Enterprise) { f := 0.0; x.Latitude = &f },
	} {
		x := e
		change(&x)
		if importer.ContentHash(&x) == h {
			t.Errorf("a change of %s keeps the hash", name)
		}
	}
}
