package web

import (
	"testing"
	"time"

	"bina"
)

// TestTimesInOfficeZone: pages show times in the zone of the
// deployment's province, with its name.
func TestTimesInOfficeZone(t *testing.T) {
	at := time.Date(2026, 11, 28, 16, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		region bina.RegionCode
		id, en string
		day    string
	}{
		{"61.12", "28 November 2026 23.30 WIB", "28 November 2026 23:30 WIB", "28 November 2026"},
		{"64.72", "29 November 2026 00.30 WITA", "29 November 2026 00:30 WITA", "29 November 2026"},
		{"91.01", "29 November 2026 01.30 WIT", "29 November 2026 01:30 WIT", "29 November 2026"},
		{"", "28 November 2026 23.30 WIB", "28 November 2026 23:30 WIB", "28 November 2026"},
	} {
		h := &Handler{Deps: Deps{Ref: bina.Reference{Config: bina.Config{Region: c.region}}}}
		if got := h.formatDateTime(at, "id"); got != c.id {
			t.Errorf("%q: %q, want %q", c.region, got, c.id)
		}
		if got := h.formatDateTime(at, "en"); got != c.en {
			t.Errorf("%q en: %q, want %q", c.region, got, c.en)
		}
		if got := h.funcs("id")["day"].(func(time.Time) string)(at); got != c.day {
			t.Errorf("%q day: %q, want %q", c.region, got, c.day)
		}
	}
}
