package demo

import "bina"

// Business profiles of a kecamatan: they weight the activity table.
const (
	urban  = iota // peri-urban, next to Pontianak: trade, food stalls, services
	coast         // coast, estuaries and mangroves: fishing and fish processing
	inland        // rivers and plantations: oil palm, rubber, pineapple, farming
	mixed         // unknown: the mean of the three
	nProfiles
)

// kecamatan is what the demo knows of one of Kubu Raya's districts: its
// share of businesses (population and closeness to Pontianak), its profile,
// the mix of its people and a rough centre and radius in degrees.
type kecamatan struct {
	share    float64
	profile  int
	ethnic   [nEthnic]float64 // melayu, dayak, bugis, madura, jawa, tionghoa
	lat, lon float64
	radius   float64
	near     bool // close to Pontianak: the office reaches it easily
}

// kubuRaya is keyed by the Kemendagri district code. Sungai Raya and Sungai
// Kakap, next to Pontianak, are the big ones; the river and mangrove
// kecamatan (Batu Ampar, Kubu, Teluk Pakedai, Terentang) are smaller.
// Rasau Jaya was a transmigration area and is mostly Javanese; Dayak
// villages lie inland in Sungai Ambawang and Kuala Mandor B; Bugis families
// live along the coast.
var kubuRaya = map[bina.RegionCode]kecamatan{
	"61.12.01": {0.31, urban, [nEthnic]float64{30, 15, 10, 10, 20, 15}, -0.16, 109.43, 0.09, true}, // Sungai Raya
	"61.12.02": {0.05, inland, [nEthnic]float64{20, 40, 0, 20, 15, 5}, -0.06, 109.64, 0.06, false}, // Kuala Mandor B
	"61.12.03": {0.12, inland, [nEthnic]float64{20, 35, 0, 20, 15, 10}, -0.05, 109.52, 0.07, true}, // Sungai Ambawang
	"61.12.04": {0.03, inland, [nEthnic]float64{40, 30, 10, 0, 15, 5}, -0.40, 109.74, 0.06, false}, // Terentang
	"61.12.05": {0.07, coast, [nEthnic]float64{40, 0, 30, 10, 15, 5}, -0.88, 109.48, 0.14, false},  // Batu Ampar
	"61.12.06": {0.08, coast, [nEthnic]float64{40, 0, 25, 15, 15, 5}, -0.56, 109.37, 0.12, false},  // Kubu
	"61.12.07": {0.06, inland, [nEthnic]float64{15, 5, 5, 15, 60, 0}, -0.23, 109.39, 0.04, true},   // Rasau Jaya
	"61.12.08": {0.05, coast, [nEthnic]float64{35, 0, 35, 15, 10, 5}, -0.33, 109.20, 0.06, false},  // Teluk Pakedai
	"61.12.09": {0.23, coast, [nEthnic]float64{40, 0, 20, 15, 10, 15}, -0.11, 109.20, 0.07, true},  // Sungai Kakap
}

// provinceCentres are rough centres (lat, lon) of the provinces, for demo
// coordinates outside Kubu Raya.
var provinceCentres = map[string][2]float64{
	"11": {4.4, 96.8}, "12": {2.2, 99.1}, "13": {-0.8, 100.6}, "14": {0.5, 101.7}, "15": {-1.6, 103.0},
	"16": {-3.3, 104.2}, "17": {-3.6, 102.3}, "18": {-4.9, 105.2}, "19": {-2.4, 106.4}, "21": {1.0, 104.4},
	"31": {-6.2, 106.85}, "32": {-6.9, 107.6}, "33": {-7.2, 110.2}, "34": {-7.85, 110.4}, "35": {-7.6, 112.4},
	"36": {-6.4, 106.1}, "51": {-8.4, 115.2}, "52": {-8.6, 117.4}, "53": {-9.4, 121.0}, "61": {-0.1, 110.7},
	"62": {-1.6, 113.4}, "63": {-3.0, 115.3}, "64": {0.6, 116.4}, "65": {3.0, 116.2}, "71": {1.2, 124.6},
	"72": {-1.2, 121.0}, "73": {-4.2, 120.0}, "74": {-4.1, 122.2}, "75": {0.7, 122.4}, "76": {-2.5, 119.3},
	"81": {-3.2, 129.5}, "82": {1.2, 127.8}, "91": {-2.6, 139.0}, "92": {-1.5, 133.3}, "93": {-7.0, 139.5},
	"94": {-3.8, 136.5}, "95": {-4.1, 138.8}, "96": {-1.0, 131.6},
}

// ethnicMix returns the mix of people for a district outside Kubu Raya, by
// island: a rough default so that names stay plausible.
func ethnicMix(d bina.RegionCode) [nEthnic]float64 {
	p := string(d.Truncate(bina.LevelProvince))
	switch {
	case p == "61":
		return [nEthnic]float64{35, 35, 4, 4, 10, 12}
	case p >= "31" && p <= "36":
		return [nEthnic]float64{5, 0, 0, 7, 80, 8}
	case p >= "62" && p <= "65":
		return [nEthnic]float64{30, 35, 10, 0, 20, 5}
	case p >= "71" && p <= "76":
		return [nEthnic]float64{15, 0, 60, 0, 15, 10}
	}
	return [nEthnic]float64{50, 0, 10, 0, 30, 10}
}

// Indonesia's bounding box, the one bina.Validate checks coordinates against,
// with a small margin.
const (
	minLat, maxLat = -11.4, 6.4
	minLon, maxLon = 94.6, 141.4
)

func clampLat(x float64) float64 { return min(max(x, minLat), maxLat) }
func clampLon(x float64) float64 { return min(max(x, minLon), maxLon) }

// hash64 is FNV-1a: geography offsets derive from region codes, not from
// the seed, so a village stays where it is whatever the seed.
func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return splitmix(h)
}

// unit returns two numbers in [-1, 1) derived from s.
func unit(s string) (float64, float64) {
	h := hash64(s)
	a := float64(h>>40)/float64(1<<24)*2 - 1
	b := float64(h&(1<<24-1))/float64(1<<24)*2 - 1
	return a, b
}

// centre returns a rough centre of district d: known for Kubu Raya, else
// the province's centre moved by offsets derived from the regency and
// district codes.
func centre(d bina.RegionCode) (lat, lon, radius float64) {
	if k, ok := kubuRaya[d]; ok {
		return k.lat, k.lon, k.radius
	}
	pc, ok := provinceCentres[string(d.Truncate(bina.LevelProvince))]
	if !ok {
		pc = [2]float64{-2.5, 118}
	}
	a, b := unit(string(d.Truncate(bina.LevelRegency)))
	c, e := unit(string(d))
	return clampLat(pc[0] + 0.8*a + 0.15*c), clampLon(pc[1] + 1.0*b + 0.15*e), 0.08
}

// villageLabel returns "Desa X" or "Kel. X".
func villageLabel(v *village) string {
	if v.kelurahan {
		return "Kel. " + v.name
	}
	return "Desa " + v.name
}
