package imports

import (
	"slices"
	"strings"
	"testing"
)

func TestSearchKey(t *testing.T) {
	same := [][2]string{
		{"kripik", "keripik"}, {"krupuk", "kerupuk"}, {"sei", "sungai"}, {"kec", "kecamatan"},
		{"muttiara", "mutiara"}, {"soekarno", "sukarno"}, {"djakarta", "jakarta"}, {"achmad", "ahmad"},
		{"ramadhan", "ramadan"}, {"sambel", "sambal"}, {"terasi", "trasi"}, {"kelapa", "klapa"},
		{"khairul", "hairul"}, {"syukur", "sukur"}, {"novi", "nofi"}, {"mi", "mie"},
	}
	for _, p := range same {
		if a, b := SearchKey(p[0]), SearchKey(p[1]); a != b {
			t.Errorf("SearchKey(%q) = %q, SearchKey(%q) = %q: want equal", p[0], a, p[1], b)
		}
	}
	apart := [][2]string{{"sari", "sara"}, {"kopi", "kapi"}, {"2000", "200"}, {"batik", "bantik"}}
	for _, p := range apart {
		if a, b := SearchKey(p[0]), SearchKey(p[1]); a == b {
			t.Errorf("SearchKey(%q) = SearchKey(%q) = %q: want different", p[0], p[1], a)
		}
	}
	if k := SearchKey("café"); k != "café" {
		t.Errorf("a word beyond ASCII is its own key, got %q", k)
	}
}

func TestSearchAlternatives(t *testing.T) {
	for _, c := range []struct {
		word string
		want []string
	}{
		{"keripik", []string{"keripik", "kripik"}},
		{"kripik", []string{"kripik", "keripik"}}, // names start "Keripik ..."
		{"kerripik", []string{"kerripik", "kripik", "keripik"}},
		{"sei", []string{"sei", "sungai"}},
		{"kec", []string{"kec"}}, // "kec" already finds every "kecamatan"
		{"mi", []string{"mi"}},
		{"kopi", []string{"kopi"}},
	} {
		if got := SearchAlternatives(c.word); !slices.Equal(got, c.want) {
			t.Errorf("SearchAlternatives(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if got := SearchVariants([]string{"keripik", "kripik", "sei", "jaya"}); !slices.Equal(got, []string{"sungai"}) {
		t.Errorf("SearchVariants = %q, want only the keys no word has", got)
	}
	// The dropped e alone is found by the query's alternatives, not stored.
	if got := SearchVariants([]string{"keripik", "kerripik", "muttiara"}); !slices.Equal(got, []string{"kripik", "mutiara"}) {
		t.Errorf("SearchVariants = %q, want the keys of kerripik and muttiara only", got)
	}
}

// TestPairStartsCoverPairs keeps pairStarts, which SearchKey reads before
// it tries the pairs at a letter, in step with spellingPairs.
func TestPairStartsCoverPairs(t *testing.T) {
	for _, p := range spellingPairs {
		if !strings.Contains(pairStarts, p[0][:1]) {
			t.Errorf("pairStarts %q lacks %q, the first letter of the pair %q", pairStarts, p[0][:1], p[0])
		}
	}
}
