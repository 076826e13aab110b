package bina

import "time"

// TimeZone is one of Indonesia's three time zones, in which an office
// reads every date and time Bina shows it (pages, exports, letters).
type TimeZone struct {
	Name   string // WIB, WITA or WIT, as written after a time of day
	Offset int    // hours east of UTC
}

// Indonesia's time zones (Keppres 41/1987). None observes daylight
// saving, so a fixed offset is exact and the binary needs no tz database.
var (
	WIB  = TimeZone{Name: "WIB", Offset: 7}  // Waktu Indonesia Barat
	WITA = TimeZone{Name: "WITA", Offset: 8} // Waktu Indonesia Tengah
	WIT  = TimeZone{Name: "WIT", Offset: 9}  // Waktu Indonesia Timur
)

// Location returns the zone as a *time.Location.
func (z TimeZone) Location() *time.Location { return time.FixedZone(z.Name, z.Offset*3600) }

// provinceZones is the time zone of every province, by its Kemendagri
// code. Kalimantan Barat and Kalimantan Tengah are WIB, the rest of
// Kalimantan WITA.
var provinceZones = map[RegionCode]TimeZone{
	"11": WIB,  // Aceh
	"12": WIB,  // Sumatera Utara
	"13": WIB,  // Sumatera Barat
	"14": WIB,  // Riau
	"15": WIB,  // Jambi
	"16": WIB,  // Sumatera Selatan
	"17": WIB,  // Bengkulu
	"18": WIB,  // Lampung
	"19": WIB,  // Kepulauan Bangka Belitung
	"21": WIB,  // Kepulauan Riau
	"31": WIB,  // DKI Jakarta
	"32": WIB,  // Jawa Barat
	"33": WIB,  // Jawa Tengah
	"34": WIB,  // DI Yogyakarta
	"35": WIB,  // Jawa Timur
	"36": WIB,  // Banten
	"51": WITA, // Bali
	"52": WITA, // Nusa Tenggara Barat
	"53": WITA, // Nusa Tenggara Timur
	"61": WIB,  // Kalimantan Barat
	"62": WIB,  // Kalimantan Tengah
	"63": WITA, // Kalimantan Selatan
	"64": WITA, // Kalimantan Timur
	"65": WITA, // Kalimantan Utara
	"71": WITA, // Sulawesi Utara
	"72": WITA, // Sulawesi Tengah
	"73": WITA, // Sulawesi Selatan
	"74": WITA, // Sulawesi Tenggara
	"75": WITA, // Gorontalo
	"76": WITA, // Sulawesi Barat
	"81": WIT,  // Maluku
	"82": WIT,  // Maluku Utara
	"91": WIT,  // Papua
	"92": WIT,  // Papua Barat
	"93": WIT,  // Papua Selatan
	"94": WIT,  // Papua Tengah
	"95": WIT,  // Papua Pegunungan
	"96": WIT,  // Papua Barat Daya
}

// ZoneOf returns the time zone of the office of a deployment for region:
// that of its province. A national deployment (region "") and a code
// outside the table use WIB, the zone of the capital.
func ZoneOf(region RegionCode) TimeZone {
	if z, ok := provinceZones[region.Truncate(LevelProvince)]; ok {
		return z
	}
	return WIB
}

// ZoneProvinces returns the province codes ZoneOf knows (for tests that
// check the table against the reference data).
func ZoneProvinces() []RegionCode {
	out := make([]RegionCode, 0, len(provinceZones))
	for c := range provinceZones {
		out = append(out, c)
	}
	return out
}
