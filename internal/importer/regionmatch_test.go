package importer_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode"

	"bina"
	"bina/internal/importer"
	"bina/internal/refdata"
)

// mustKubuRaya returns a matcher over the real Kubu Raya tree with the BPS
// bridge.
func mustKubuRaya(t testing.TB) (*importer.RegionMatcher, *bina.RegionTree) {
	t.Helper()
	tree, err := refdata.Regions("61.12")
	if err != nil {
		t.Fatal(err)
	}
	bps, err := refdata.BPSBridge()
	if err != nil {
		t.Fatal(err)
	}
	return importer.NewRegionMatcher(tree, bps), tree
}

func TestMatchEveryKubuRayaVillageByExactName(t *testing.T) {
	m, tree := mustKubuRaya(t)
	villages := tree.Villages()
	if len(villages) != 123 {
		t.Fatalf("the tree has %d desa, want 123", len(villages))
	}
	for _, v := range villages {
		d := tree.Name(v.Code.Parent())
		forms := [][4]string{
			{"", "", d, v.Name},
			{"KALIMANTAN BARAT", "KAB. KUBU RAYA", "KEC. " + strings.ToUpper(d), "DESA " + strings.ToUpper(v.Name)},
			{"Prov. Kalimantan Barat", "Kabupaten Kubu Raya", "Kecamatan " + d, "Desa " + v.Name},
			{"kalbar", "KUBU RAYA", strings.ToLower(d), "ds. " + strings.ToLower(v.Name)},
			{"", "", "", v.Name + "  "},
		}
		for _, f := range forms {
			got := m.Match(f[0], f[1], f[2], f[3])
			if f[2] == "" && len(sameName(tree, v)) > 1 {
				// Without the kecamatan a name used twice cannot be placed.
				if got.Confident {
					t.Errorf("Match(%q) = %s confidently, but %q is in several kecamatan", f, got.Code, v.Name)
				}
				continue
			}
			if !got.Confident || got.Code != v.Code || got.Level != bina.LevelVillage || got.Problem.ID != "" {
				t.Errorf("Match(%q) = %+v, want %s exactly", f, got, v.Code)
			}
		}
	}
}

// sameName returns the villages of the tree whose name is v's.
func sameName(tree *bina.RegionTree, v bina.Region) []bina.Region {
	var out []bina.Region
	for _, w := range tree.Villages() {
		if strings.EqualFold(w.Name, v.Name) {
			out = append(out, w)
		}
	}
	return out
}

func TestMatchCommonSpellings(t *testing.T) {
	m, _ := mustKubuRaya(t)
	tests := []struct {
		name              string
		district, village string
		want              bina.RegionCode
		wantNote          bool // read with a spelling correction
	}{
		{"sei for sungai", "Sei Raya", "Kuala Dua", "61.12.01.2004", false},
		{"sui for sungai", "SUI RAYA", "KUALA DUA", "61.12.01.2004", false},
		{"digit for number word", "Sungai Raya", "Kuala 2", "61.12.01.2004", false},
		{"roman numeral", "Rasau Jaya", "Rasau Jaya I", "61.12.07.2002", false},
		{"roman numeral two", "Teluk Pakedai", "Tlk. Pakedai II", "61.12.08.2003", false},
		{"digit glued", "Rasau Jaya", "Rasau Jaya3", "61.12.07.2004", false},
		{"hyphen dropped", "Kubu", "Olak Olak Kubu", "61.12.06.2002", false},
		{"reduplication with 2", "Kubu", "Olak2 Kubu", "61.12.06.2002", false},
		{"pal nine", "Sungai Kakap", "Pal IX", "61.12.09.2006", false},
		{"split word", "Sungai Raya", "Kali Bandung", "61.12.01.2019", false},
		{"joined words", "Sungai Raya", "Sungairaya Dalam", "61.12.01.2016", false},
		{"abbreviated dalam", "Sungai Raya", "Sungai Raya Dlm", "61.12.01.2016", false},
		{"missing letter", "Sungai Rya", "Kuala Dua", "61.12.01.2004", true},
		{"swapped letters", "Sungia Raya", "Arang Limbung", "61.12.01.2003", true},
		{"vowel changed", "Sungai Raya", "Arang Limbong", "61.12.01.2003", true},
		{"typo in long name", "Sungai Ambawang", "Sungai Ambawang Kuwala", "61.12.03.2005", true},
		{"kecamatan without its letter", "Kuala Mandor", "Retok", "61.12.02.2004", true},
		{"double typo long name", "Teluk Pakedai", "Teluk Pakdai Huluu", "61.12.08.2001", true},
		{"punctuation noise", "Kec.Sungai Kakap", "Ds.Sungai-Rengas", "61.12.09.2005", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match("", "Kubu Raya", tt.district, tt.village)
			if !got.Confident || got.Code != tt.want {
				t.Fatalf("Match(%q, %q) = %+v, want %s", tt.district, tt.village, got, tt.want)
			}
			if (got.Problem.ID != "") != tt.wantNote {
				t.Errorf("note = %q, want a note: %v", got.Problem.ID, tt.wantNote)
			}
		})
	}
}

func TestMatchUnclearNamesGoToReview(t *testing.T) {
	m, _ := mustKubuRaya(t)
	tests := []struct {
		name              string
		district, village string
		wantCode          bina.RegionCode   // the deepest confident level
		wantCandidates    []bina.RegionCode // must be among the candidates
	}{
		{"two villages share the words", "Kuala Mandor B", "Kuala Mandor", "61.12.02", []bina.RegionCode{"61.12.02.2001", "61.12.02.2003"}},
		{"number missing", "Terentang", "Sungai Radak", "61.12.04", []bina.RegionCode{"61.12.04.2007", "61.12.04.2008"}},
		{"number that does not exist", "Rasau Jaya", "Rasau Jaya 4", "61.12.07", nil},
		{"far-off name", "Sungai Raya", "Kampung Melayu", "61.12.01", nil},
		{"short name one letter off", "Kubu", "Kubo", "61.12.06", nil},
		{"unknown kecamatan", "Sungai Pinyuh", "Kuala Dua", "61.12", []bina.RegionCode{"61.12.01.2004"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match("", "Kab. Kubu Raya", tt.district, tt.village)
			if got.Confident || got.Outside {
				t.Fatalf("Match(%q, %q) = %+v, want review", tt.district, tt.village, got)
			}
			if got.Code != tt.wantCode || got.Problem.ID == "" || got.Problem.EN == "" {
				t.Errorf("Match(%q, %q) = code %q problem %+v; want code %s and a problem", tt.district, tt.village, got.Code, got.Problem, tt.wantCode)
			}
			for _, c := range tt.wantCandidates {
				if !hasCandidate(got, c) {
					t.Errorf("candidates %v lack %s", got.Candidates, c)
				}
			}
		})
	}
}

func hasCandidate(r bina.RegionMatch, c bina.RegionCode) bool {
	for _, x := range r.Candidates {
		if x.Code == c {
			return true
		}
	}
	return false
}

// TestMatchNeverPlacesAVillageInAnotherDistrict tries every desa name with
// every kecamatan it does not belong to: a confident answer is only allowed
// when the kecamatan really has a desa of that name.
func TestMatchNeverPlacesAVillageInAnotherDistrict(t *testing.T) {
	m, tree := mustKubuRaya(t)
	for _, v := range tree.Villages() {
		for _, d := range tree.Districts() {
			if d.Code.Contains(v.Code) {
				continue
			}
			got := m.Match("", "", d.Name, v.Name)
			if got.Level == bina.LevelVillage {
				t.Errorf("desa %s (%s) matched into Kec. %s as %s (%s)", v.Name, v.Code, d.Name, got.Code, tree.Name(got.Code))
			}
		}
	}
	// Seruat Satu lies in Teluk Pakedai; Kubu has Seruat Dua and Tiga.
	got := m.Match("", "", "Kubu", "Seruat Satu")
	if got.Confident || got.Code != "61.12.06" || !hasCandidate(got, "61.12.08.2005") {
		t.Errorf("Seruat Satu in Kubu = %+v; want review with the Teluk Pakedai desa as a candidate", got)
	}
	for _, c := range got.Candidates {
		if c.Code == "61.12.06.2006" || c.Code == "61.12.06.2007" {
			t.Errorf("Seruat Satu must not be offered as %s (%s)", c.Name, c.Code)
		}
	}
}

func TestMatchCodes(t *testing.T) {
	m, _ := mustKubuRaya(t)
	tests := []struct {
		name                                 string
		province, regency, district, village string
		want                                 bina.RegionCode
		confident, outside                   bool
	}{
		{"dotted village code", "", "", "", "61.12.01.2001", "61.12.01.2001", true, false},
		{"undotted village code", "", "", "", "6112012001", "61.12.01.2001", true, false},
		{"village code with names above", "Kalimantan Barat", "Kubu Raya", "Sungai Raya", "6112012004", "61.12.01.2004", true, false},
		{"bps kecamatan code", "", "", "6112070", "Kuala Dua", "61.12.01.2004", true, false},
		{"bps kecamatan code from excel", "", "", "6112070.0", "Kuala Dua", "61.12.01.2004", true, false},
		{"bps kecamatan batu ampar", "", "", "6112010", "", "61.12.05", true, false},
		{"kemendagri district undotted", "", "", "611205", "Batu Ampar", "61.12.05.2002", true, false},
		{"province and regency codes", "61", "6112", "", "", "61.12", true, false},
		{"village code in the wrong district", "", "", "61.12.05", "61.12.01.2004", "61.12.05", false, false},
		{"unknown village code", "", "", "", "61.12.01.2999", "", false, false},
		{"bps village code", "", "", "", "6112070001", "", false, false},
		{"code outside the regency", "", "", "", "61.71.01.1001", "", false, true},
		{"bps code outside", "", "", "6171010", "", "", false, true},
		{"district code in the village column", "", "", "", "61.12.01", "", false, false},
		{"malformed code", "", "", "", "61.1.2", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match(tt.province, tt.regency, tt.district, tt.village)
			if got.Code != tt.want || got.Confident != tt.confident || got.Outside != tt.outside {
				t.Fatalf("Match = %+v; want code %q confident %v outside %v", got, tt.want, tt.confident, tt.outside)
			}
			if !got.Confident && got.Problem.ID == "" {
				t.Error("not confident without a problem")
			}
		})
	}
	got := m.Match("", "", "", "6112070001")
	if !hasCandidate(got, "61.12.01.2004") {
		t.Errorf("a BPS village code should offer the villages of its kecamatan: %+v", got)
	}
}

func TestMatchOutsideTheRegency(t *testing.T) {
	m, _ := mustKubuRaya(t)
	for _, in := range [][4]string{
		{"", "Kota Pontianak", "Pontianak Kota", ""},
		{"", "KAB. MEMPAWAH", "Sungai Pinyuh", ""},
		{"Jawa Barat", "Kab. Bogor", "", ""},
		{"", "Kota Kubu Raya", "Sungai Raya", ""}, // the city of that name does not exist: not ours
		{"Kalimantan Tengah", "Kubu Raya", "Sungai Raya", "Kuala Dua"},
	} {
		got := m.Match(in[0], in[1], in[2], in[3])
		if !got.Outside || got.Confident || got.Code != "" || !strings.Contains(got.Problem.ID, "luar wilayah") {
			t.Errorf("Match(%q) = %+v, want outside", in, got)
		}
	}
	// A regency name one letter off is still ours.
	if got := m.Match("", "Kab. Kubu Raja", "Sungai Raya", "Kuala Dua"); !got.Confident || got.Code != "61.12.01.2004" {
		t.Errorf("Kubu Raja = %+v", got)
	}
	if got := m.Match("", "", "", ""); got.Confident || got.Problem.ID == "" {
		t.Errorf("an empty row = %+v", got)
	}
}

func TestMatchAllIndonesia(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the national tree")
	}
	tree, err := refdata.Regions("")
	if err != nil {
		t.Fatal(err)
	}
	bps, err := refdata.BPSBridge()
	if err != nil {
		t.Fatal(err)
	}
	m := importer.NewRegionMatcher(tree, bps)
	tests := []struct {
		name                                 string
		province, regency, district, village string
		want                                 bina.RegionCode
		confident                            bool
	}{
		{"sungai raya in kubu raya", "Kalimantan Barat", "Kab. Kubu Raya", "Sungai Raya", "", "61.12.01", true},
		{"sungai raya in bengkayang", "KALBAR", "BENGKAYANG", "SUNGAI RAYA", "", "61.07.01", true},
		{"sungai raya in south kalimantan", "Kalimantan Selatan", "Hulu Sungai Selatan", "Kec. Sungai Raya", "", "63.06.01", true},
		{"sungai raya in aceh", "Aceh", "Aceh Timur", "Sungai Raya", "", "11.03.19", true},
		{"sungai raya without regency", "", "", "Sungai Raya", "", "", false},
		{"sungai raya in a province with two", "Kalimantan Barat", "", "Sungai Raya", "", "61", false},
		{"kubu in riau", "Riau", "Rokan Hilir", "Kubu", "", "14.07.01", true},
		{"kubu in bali", "Bali", "Karangasem", "Kubu", "", "51.07.08", true},
		{"batu ampar in batam", "Kepri", "Kota Batam", "Batu Ampar", "", "21.71.02", true},
		{"bogor needs kabupaten or kota", "Jawa Barat", "Bogor", "", "", "32", false},
		{"kota bogor", "Jawa Barat", "Kota Bogor", "", "", "32.71", true},
		{"kabupaten bogor", "Jabar", "Kab. Bogor", "", "", "32.01", true},
		{"dki", "DKI Jakarta", "", "", "", "31", true},
		{"diy", "DIY", "", "", "", "34", true},
		{"kuala dua down to the desa", "Kalimantan Barat", "Kubu Raya", "Sungai Raya", "Kuala Dua", "61.12.01.2004", true},
		{"bps papua code differs", "91", "", "", "", "", false},
		{"kemendagri dotted province", "91.", "", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match(tt.province, tt.regency, tt.district, tt.village)
			if got.Code != tt.want || got.Confident != tt.confident || got.Outside {
				t.Fatalf("Match = %+v; want %q confident %v", got, tt.want, tt.confident)
			}
		})
	}
	got := m.Match("", "", "Sungai Raya", "")
	if len(got.Candidates) < 4 {
		t.Errorf("Sungai Raya alone should offer its four kecamatan, got %v", got.Candidates)
	}
}

func TestMatchIsSafeForConcurrentUse(t *testing.T) {
	m, tree := mustKubuRaya(t)
	villages := tree.Villages()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3000 {
				v := villages[(i*7+g)%len(villages)]
				got := m.Match("", "", tree.Name(v.Code.Parent()), strings.ToUpper(v.Name)+fmt.Sprint(strings.Repeat(" ", i%3)))
				if !got.Confident || got.Code != v.Code {
					t.Errorf("concurrent Match(%s) = %+v", v.Name, got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// benchRows are import rows as a national extract gives them: every desa in
// capitals with prefixes, in the two or three ways a file spells them.
func benchRows(tree *bina.RegionTree) [][4]string {
	var rows [][4]string
	for _, v := range tree.Villages() {
		d := tree.Name(v.Code.Parent())
		rows = append(rows,
			[4]string{"KALIMANTAN BARAT", "KAB. KUBU RAYA", "KEC. " + strings.ToUpper(d), "DESA " + strings.ToUpper(v.Name)},
			[4]string{"Kalimantan Barat", "Kubu Raya", d, v.Name},
		)
	}
	return rows
}

func BenchmarkMatchRepeated(b *testing.B) {
	m, tree := mustKubuRaya(b)
	rows := benchRows(tree)
	for _, r := range rows {
		m.Match(r[0], r[1], r[2], r[3])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := rows[i%len(rows)]
		if got := m.Match(r[0], r[1], r[2], r[3]); !got.Confident {
			b.Fatal(got)
		}
	}
}

// BenchmarkMatchFuzzy measures rows the memo has not seen: every desa with
// one letter dropped, in a different mixture of capitals each time, so
// that each row is new and takes the spelling-correction path.
func BenchmarkMatchFuzzy(b *testing.B) {
	m, tree := mustKubuRaya(b)
	villages := tree.Villages()
	rows := make([][4]string, 0, 200_000)
	for i := 0; len(rows) < cap(rows); i++ {
		v := villages[i%len(villages)]
		name := []rune(v.Name)
		if len(name) < 10 {
			continue // short names are not corrected
		}
		cut := len(name) / 2
		typo := string(name[:cut]) + string(name[cut+1:])
		rows = append(rows, [4]string{"", "", tree.Name(v.Code.Parent()), mixCase(typo, i/len(villages))})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := rows[i%len(rows)]
		m.Match(r[0], r[1], r[2], r[3])
	}
}

// mixCase upper-cases the letters of s chosen by the bits of mask.
func mixCase(s string, mask int) string {
	r := []rune(s)
	for i := range r {
		if mask>>(i%20)&1 == 1 {
			r[i] = unicode.ToUpper(r[i])
		}
	}
	return string(r)
}

// FuzzRegionMatch asserts that no row makes the matcher panic, that a
// confident answer lies in the tree, and that an answer outside the root
// is never confident.
func FuzzRegionMatch(f *testing.F) {
	m, tree := mustKubuRaya(f)
	for _, s := range [][4]string{
		{"KALIMANTAN BARAT", "KAB. KUBU RAYA", "KEC. SUNGAI RAYA", "DESA KUALA DUA"},
		{"", "", "Sei Raya", "Kuala 2"}, {"", "", "6112070", "6112070001"}, {"91", "1101", "", ""},
		{"", "", "", "61.12.01.2001"}, {"", "Kota Kubu Raya", "", ""}, {"", "", "Kubu", "Olak2 Kubu"},
		{"", "", "xiv", "iiii"}, {"", "", "....", "0"}, {"", "", "Rasau Jaya", "Rasau Jaya 4"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, p, r, d, v string) {
		got := m.Match(p, r, d, v)
		if got.Confident {
			if got.Outside || got.Code == "" || got.Level != got.Code.Level() {
				t.Fatalf("Match(%q, %q, %q, %q) = %+v", p, r, d, v, got)
			}
			if _, ok := tree.Get(got.Code); !ok {
				t.Fatalf("confident code %s is not in the tree", got.Code)
			}
		} else if got.Problem.ID == "" || got.Problem.EN == "" {
			t.Fatalf("Match(%q, %q, %q, %q) not confident without a problem: %+v", p, r, d, v, got)
		}
		for _, c := range got.Candidates {
			if _, ok := tree.Get(c.Code); !ok {
				t.Fatalf("candidate %s is not in the tree", c.Code)
			}
		}
		if again := m.Match(p, r, d, v); again.Code != got.Code || again.Confident != got.Confident {
			t.Fatalf("memoised result differs: %+v then %+v", got, again)
		}
	})
}
