package bina

import (
	"testing"
	"time"
)

func TestZoneOf(t *testing.T) {
	tests := []struct {
		region RegionCode
		want   TimeZone
	}{
		{"11", WIB}, {"12", WIB}, {"13", WIB}, {"14", WIB}, {"15", WIB}, {"16", WIB}, {"17", WIB}, {"18", WIB},
		{"19", WIB}, {"21", WIB}, {"31", WIB}, {"32", WIB}, {"33", WIB}, {"34", WIB}, {"35", WIB}, {"36", WIB},
		{"51", WITA}, {"52", WITA}, {"53", WITA},
		{"61", WIB}, {"62", WIB}, {"63", WITA}, {"64", WITA}, {"65", WITA},
		{"71", WITA}, {"72", WITA}, {"73", WITA}, {"74", WITA}, {"75", WITA}, {"76", WITA},
		{"81", WIT}, {"82", WIT}, {"91", WIT}, {"92", WIT}, {"93", WIT}, {"94", WIT}, {"95", WIT}, {"96", WIT},
		// Deeper codes take their province's zone.
		{"61.12", WIB},         // Kubu Raya, Kalimantan Barat
		{"61.12.01.2001", WIB}, // a desa of it
		{"64.72", WITA},        // Kota Samarinda, Kalimantan Timur
		{"51.71.01", WITA},     // a kecamatan of Denpasar
		{"94.01", WIT},         // Nabire, Papua Tengah
		{"", WIB},              // a national deployment
		{"99", WIB},            // no such province
	}
	for _, tt := range tests {
		if got := ZoneOf(tt.region); got != tt.want {
			t.Errorf("ZoneOf(%q) = %s, want %s", tt.region, got.Name, tt.want.Name)
		}
	}
	if len(provinceZones) != 38 {
		t.Errorf("%d provinces have a zone, Indonesia has 38", len(provinceZones))
	}
	at := time.Date(2026, 12, 6, 17, 30, 0, 0, time.UTC)
	for _, z := range []struct {
		zone TimeZone
		want string
	}{{WIB, "2026-12-07 00:30 WIB"}, {WITA, "2026-12-07 01:30 WITA"}, {WIT, "2026-12-07 02:30 WIT"}} {
		if got := at.In(z.zone.Location()).Format("2006-01-02 15:04 MST"); got != z.want {
			t.Errorf("%s: %s, want %s", z.zone.Name, got, z.want)
		}
	}
}
