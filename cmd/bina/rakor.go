package main

import (
	"time"

	"bina"
	"bina/internal/demo"
	"bina/internal/geojson"
)

// reportBoundaries returns the outlines the rakor report's maps are drawn
// from: the embedded kecamatan and desa of Kubu Raya and the kabupaten of
// Kalimantan Barat. A report draws the map of a breakdown only when they
// cover its regions, so a deployment elsewhere gets bars alone.
func reportBoundaries() ([]geojson.Feature, error) {
	var out []geojson.Feature
	for _, l := range []geojson.Layer{geojson.KubuRayaKecamatan, geojson.KubuRayaDesa, geojson.KalbarKabKota} {
		fs, err := geojson.Demo(l)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

// registerBegan is when the demo office started its register: the first
// programme year of the coaching story.
var registerBegan = time.Date(2019, time.January, 2, 0, 0, 0, 0, time.UTC)

// registerDates gives the generated records the day they entered the
// register, so that the indicators of past years (counted from those
// days) tell the story of 2025 and before rather than an empty register
// loaded today: a business entered when it started or when the register
// began, or earlier when the office reached it first; a cooperative on its
// legal date, or when the register began. Records that already have a
// day keep it.
func registerDates(d *demo.Data, now time.Time) {
	clamp := func(t time.Time) time.Time {
		if t.Before(registerBegan) {
			t = registerBegan
		}
		if t.After(now) {
			t = now
		}
		return t
	}
	for i := range d.Enterprises {
		e := &d.Enterprises[i]
		if !e.CreatedAt.IsZero() {
			continue
		}
		t := registerBegan.AddDate(0, 0, i%360)
		if e.StartYear > registerBegan.Year() {
			t = time.Date(e.StartYear, time.Month(1+i%12), 1+i%28, 9, 0, 0, 0, time.UTC)
		}
		if !e.ReachedFirst.IsZero() && e.ReachedFirst.Time().Before(t) {
			t = e.ReachedFirst.Time()
		}
		e.CreatedAt = clamp(t)
	}
	for i := range d.Cooperatives {
		c := &d.Cooperatives[i]
		if c.CreatedAt.IsZero() {
			c.CreatedAt = clamp(legalDay(c.LegalDate))
		}
	}
}

func legalDay(d bina.Date) time.Time {
	if d.IsZero() {
		return registerBegan
	}
	return d.Time()
}
