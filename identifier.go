package bina

import (
	"strconv"
	"strings"
	"time"
)

func allDigits(s string) bool {
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
	if allDigits(s) {
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
	if len(nik) != 16 || !allDigits(nik) {
		return Text{ID: "NIK harus 16 angka", EN: "NIK must be 16 digits"}, false
	}
	prov := digitsInt(nik[0:2])
	if prov < 11 || nik[2:4] == "00" || nik[4:6] == "00" {
		return Text{ID: "6 angka pertama NIK bukan kode wilayah yang mungkin", EN: "the first 6 digits of the NIK are not a plausible region code"}, false
	}
	day := digitsInt(nik[6:8])
	month := digitsInt(nik[8:10])
	yy := digitsInt(nik[10:12])
	if day > 40 {
		day -= 40
	}
	year := 1900 + yy
	if year+100 <= now.Year() {
		year += 100
	}
	if year > now.Year() {
		year -= 100
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || day < 1 || t.Day() != day || t.Month() != time.Month(month) {
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
	day, _ := strconv.Atoi(nik[6:8])
	month, _ := strconv.Atoi(nik[8:10])
	yy, _ := strconv.Atoi(nik[10:12])
	g := "L"
	if day > 40 {
		day -= 40
		g = "P"
	}
	year := 1900 + yy
	if year+100 <= now.Year() {
		year += 100
	}
	if year > now.Year() {
		year -= 100
	}
	return DateOf(year, time.Month(month), day), g, true
}

// CheckNIB checks a business identity number from OSS: 13 digits.
func CheckNIB(nib string) (Text, bool) {
	if len(nib) != 13 || !allDigits(nib) {
		return Text{ID: "NIB harus 13 angka", EN: "NIB must be 13 digits"}, false
	}
	return Text{}, true
}

// CheckNPWP checks a tax number: 15 digits, or 16 since 2024.
func CheckNPWP(npwp string) (Text, bool) {
	if (len(npwp) != 15 && len(npwp) != 16) || !allDigits(npwp) {
		return Text{ID: "NPWP harus 15 atau 16 angka", EN: "NPWP must be 15 or 16 digits"}, false
	}
	return Text{}, true
}

// CheckCooperativeNumber checks a Nomor Induk Koperasi: 16 digits (DOMAIN.md
// marks the length to verify; the check is kept in this one place).
func CheckCooperativeNumber(n string) (Text, bool) {
	if len(n) != 16 || !allDigits(n) {
		return Text{ID: "Nomor Induk Koperasi harus 16 angka", EN: "Cooperative registration number must be 16 digits"}, false
	}
	return Text{}, true
}

// NormalizePhone returns an Indonesian phone number in the 08... form from
// +62..., 62... or 08..., and false when it does not look like one.
func NormalizePhone(s string) (string, bool) {
	if !allDigits(s) { // else nothing to remove
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
	if !allDigits(s) || !strings.HasPrefix(s, "0") || len(s) < 9 || len(s) > 14 {
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
