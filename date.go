package bina

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date without time of day or zone (birth dates, RAT
// dates, certificate expiries). The zero Date means "not known".
type Date struct {
	t time.Time
}

// DateOf returns the date y-m-d.
func DateOf(y int, m time.Month, d int) Date {
	return Date{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// monthsID are the months in Indonesian.
var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// Long writes d as Indonesian letters do (28 November 2026); "" when
// unknown.
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.t.Day(), monthsID[d.t.Month()-1], d.t.Year())
}

// DateFromTime returns the calendar date of t in its own location.
func DateFromTime(t time.Time) Date {
	return DateOf(t.Year(), t.Month(), t.Day())
}

// ParseDate parses "2006-01-02"; "" gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, Errorf(Invalid, "tanggal %q tidak dikenali (format TTTT-BB-HH)", "date %q not understood (format YYYY-MM-DD)", s)
	}
	return Date{t: t}, nil
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns d at midnight UTC.
func (d Date) Time() time.Time { return d.t }

// Year returns the year of d.
func (d Date) Year() int { return d.t.Year() }

// String returns "2006-01-02", or "" for the zero Date.
func (d Date) String() string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// MarshalJSON writes "2006-01-02" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "2006-01-02", "" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	x, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = x
	return nil
}

// Value stores a Date as "2006-01-02" text (a DATE in PostgreSQL), or NULL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date from text or a time value.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = DateFromTime(v)
	case string:
		return d.scanString(v)
	case []byte:
		return d.scanString(string(v))
	default:
		return fmt.Errorf("bina.Date: cannot scan %T", src)
	}
	return nil
}

func (d *Date) scanString(s string) error {
	if len(s) >= 10 {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return err
	}
	*d = Date{t: t}
	return nil
}
