package bina

import (
	"net/url"
	"strings"
	"time"
)

// AllDigits reports whether s is made of ASCII digits only.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NormalizeDigits removes spaces, dots and dashes people type inside numbers
// such as NIK, NIB and NPWP.
func NormalizeDigits(s string) string {
	if AllDigits(s) {
		return s // nothing to remove
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '\u00a0':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// CheckNIK checks a population number (NIK): 16 digits, a plausible district
// of registration in digits 1-6 (province 11-99, regency and district not 00)
// and a real birth date in digits 7-12 (day plus 40 for women) not after now.
// It returns the problem in both languages, or ok.
func CheckNIK(nik string, now time.Time) (Text, bool) {
	if len(nik) != 16 || !AllDigits(nik) {
		return Text{ID: "NIK harus 16 angka", EN: "NIK must be 16 digits"}, false
	}
	prov := digitsInt(nik[0:2])
	if prov < 11 || nik[2:4] == "00" || nik[4:6] == "00" {
		return Text{ID: "6 angka pertama NIK bukan kode wilayah yang mungkin", EN: "the first 6 digits of the NIK are not a plausible region code"}, false
	}
	if _, _, ok := nikBirth(nik, now); !ok {
		return Text{ID: "angka 7-12 NIK bukan tanggal lahir yang sah", EN: "digits 7-12 of the NIK are not a valid birth date"}, false
	}
	if nik[12:] == "0000" {
		return Text{ID: "4 angka terakhir NIK tidak boleh 0000", EN: "the last 4 digits of the NIK cannot be 0000"}, false
	}
	return Text{}, true
}

// NIKBirthDate returns the birth date and gender ("L" or "P") that a valid
// NIK carries.
func NIKBirthDate(nik string, now time.Time) (Date, string, bool) {
	if _, ok := CheckNIK(nik, now); !ok {
		return Date{}, "", false
	}
	d, female, _ := nikBirth(nik, now)
	if female {
		return d, "P", true
	}
	return d, "L", true
}

// nikBirth reads digits 7-12 of a 16-digit NIK as a birth date, and
// whether the day carries the 40 added for women. The year has two digits:
// it is taken in the century that puts the date on or before now's date.
func nikBirth(nik string, now time.Time) (Date, bool, bool) {
	day, month, yy := digitsInt(nik[6:8]), digitsInt(nik[8:10]), digitsInt(nik[10:12])
	female := day > 40
	if female {
		day -= 40
	}
	year := now.Year() - (now.Year()-yy)%100 // the latest year ending in yy, up to now's
	if month >= 1 && month <= 12 && DateOf(year, time.Month(month), day).After(DateFromTime(now)) {
		year -= 100
	}
	d := DateOf(year, time.Month(month), day)
	if month < 1 || month > 12 || day < 1 || d.t.Day() != day || d.t.Month() != time.Month(month) {
		return Date{}, female, false
	}
	return d, female, true
}

// CheckNIB checks a business identity number from OSS: 13 digits.
func CheckNIB(nib string) (Text, bool) {
	if len(nib) != 13 || !AllDigits(nib) {
		return Text{ID: "NIB harus 13 angka", EN: "NIB must be 13 digits"}, false
	}
	return Text{}, true
}

// CheckNPWP checks a tax number: 15 digits, or 16 since 2024.
func CheckNPWP(npwp string) (Text, bool) {
	if (len(npwp) != 15 && len(npwp) != 16) || !AllDigits(npwp) {
		return Text{ID: "NPWP harus 15 atau 16 angka", EN: "NPWP must be 15 or 16 digits"}, false
	}
	return Text{}, true
}

// CheckCooperativeNumber checks a Nomor Induk Koperasi: 16 digits (DOMAIN.md
// marks the length to verify; the check is kept in this one place).
func CheckCooperativeNumber(n string) (Text, bool) {
	if len(n) != 16 || !AllDigits(n) {
		return Text{ID: "Nomor Induk Koperasi harus 16 angka", EN: "Cooperative registration number must be 16 digits"}, false
	}
	return Text{}, true
}

// NormalizePhone returns an Indonesian phone number in the 08... form from
// +62..., 62... or 08..., and false when it does not look like one.
func NormalizePhone(s string) (string, bool) {
	if !AllDigits(s) { // else nothing to remove
		s = strings.Map(func(r rune) rune {
			switch r {
			case ' ', '-', '.', '(', ')', '\u00a0':
				return -1
			}
			return r
		}, strings.TrimSpace(s))
	}
	s = strings.TrimPrefix(s, "+")
	if strings.HasPrefix(s, "62") {
		s = "0" + s[2:]
	}
	if !AllDigits(s) || !strings.HasPrefix(s, "0") || len(s) < 9 || len(s) > 14 {
		return s, false
	}
	return s, true
}

// digitsInt is the value of a string of ASCII digits.
func digitsInt(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// ValidUUID reports whether s is a UUID in its canonical text form
// (8-4-4-4-12 hexadecimal digits).
func ValidUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// WhatsAppLink returns the https://wa.me link that opens a chat with phone
// (any form NormalizePhone reads) with text typed in, and false when the
// phone is not a usable Indonesian number.
func WhatsAppLink(phone, text string) (string, bool) {
	p, ok := NormalizePhone(phone)
	if !ok {
		return "", false
	}
	return "https://wa.me/62" + p[1:] + "?text=" + url.QueryEscape(text), true
}
