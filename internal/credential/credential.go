// Package credential holds the rules for what people type to sign in:
// user names normalised so that no two look alike, and a password policy
// that counts characters and estimates guessability with zxcvbn
// (github.com/trustelem/zxcvbn, a pure-Go port of Dropbox's estimator),
// fed with Indonesian words and the user's own name.
package credential

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"golang.org/x/text/unicode/norm"

	"bina"
)

// Name limits, in characters.
const (
	MinName = 3
	MaxName = 64
)

// NormalizeName returns the canonical form of a user name: Unicode NFKC
// (so full-width and ligature forms become plain letters), lower case,
// trimmed. It refuses invisible, zero-width and direction-changing
// characters, and any letter but a to z (accented or from another script),
// so that "Admin", "adm\u200bin", "admiń" and a Cyrillic "аdmin" cannot sit
// beside "admin".
// Errors: Invalid.
func NormalizeName(s string) (string, error) {
	s = norm.NFKC.String(strings.ToLower(norm.NFKC.String(strings.TrimSpace(s))))
	bad := func(id, en string) (string, error) {
		var p bina.Problems
		p.Fields = append(p.Fields, bina.FieldError{Field: "name", Message: bina.Text{ID: id, EN: en}})
		return "", p.Err()
	}
	if !utf8.ValidString(s) {
		return bad("Nama pengguna bukan teks yang sah", "User name is not valid text")
	}
	for _, r := range s {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'):
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Mn, r):
			return bad("Nama pengguna tidak boleh memuat spasi atau karakter tak terlihat", "User name must not contain spaces or invisible characters")
		default:
			return bad("Nama pengguna hanya boleh memuat huruf a sampai z, angka, titik, tanda hubung dan garis bawah", "User name may only contain the letters a to z, digits, dots, hyphens and underscores")
		}
	}
	if n := utf8.RuneCountInString(s); n < MinName || n > MaxName {
		return bad("Nama pengguna 3 sampai 64 karakter", "User name must be 3 to 64 characters")
	}
	return s, nil
}

// Password limits, in characters (not bytes: "😀😀😀" is three).
const (
	MinPassword = 10
	MaxPassword = 200
	// minScore is zxcvbn's score (0 to 4) a password needs: 3 is "safely
	// unguessable: moderate protection from offline slow-hash scenario".
	minScore = 3
)

// indonesian are words an Indonesian user is likely to build a password
// from, which zxcvbn's English dictionaries do not know.
var indonesian = []string{
	"sayang", "sayangku", "rahasia", "rahasiaku", "bismillah", "alhamdulillah", "insyaallah", "masyaallah",
	"assalamualaikum", "allahuakbar", "subhanallah", "indonesia", "kuburaya", "kubu", "raya", "pontianak",
	"kalimantan", "kalbar", "kapuas", "sungairaya", "rasau", "ambawang", "kakap", "merdeka", "cinta",
	"cintaku", "katasandi", "katakunci", "sandi", "kunci", "masuk", "rahasia123", "dinas", "koperasi", "umkm",
	"bina", "binaan", "selamat", "terimakasih", "garuda", "pancasila", "nusantara", "jakarta", "bandung",
	"surabaya", "semarang", "medan", "makassar", "sukses", "rezeki", "berkah", "barokah", "bidadari",
	"ganteng", "cantik", "manis", "kucing", "anjing", "bunga", "mawar", "melati", "matahari", "bulan",
	"bintang", "pelangi", "rumah", "keluarga", "mama", "papa", "ibu", "bapak", "ayah", "anakku", "kakak",
	"adik", "sahabat", "teman", "rindu", "kangen", "bahagia", "senyum", "persib", "persija", "arema",
	"bonek", "khatulistiwa", "pemerintah", "kabupaten", "kecamatan", "desa", "petugas", "pendamping",
	"admin", "administrator", "staf", "pegawai", "kantor", "usaha", "mikro", "kecil", "menengah",
}

// CheckPassword enforces the password policy: 10 to 200 characters and
// hard to guess, judged by zxcvbn against common passwords, Indonesian
// words and the given words about the user (name, role, region).
// Errors: Invalid.
func CheckPassword(pw string, userInputs ...string) error {
	var p bina.Problems
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw):
		p.Add("password", "Kata sandi bukan teks yang sah", "Password is not valid text")
	case n < MinPassword:
		p.Add("password", "Kata sandi paling sedikit 10 karakter", "Password must be at least 10 characters")
	case n > MaxPassword:
		p.Add("password", "Kata sandi paling banyak 200 karakter", "Password must be at most 200 characters")
	default:
		inputs := append(append([]string{}, indonesian...), userInputs...)
		for _, in := range userInputs {
			// A name like "petugas.rasau" is also guessed in its parts.
			inputs = append(inputs, strings.FieldsFunc(in, func(r rune) bool { return r == '.' || r == '-' || r == '_' })...)
		}
		if zxcvbn.PasswordStrength(pw, inputs).Score < minScore {
			p.Add("password", "Kata sandi terlalu mudah ditebak (kata umum, nama pengguna, atau pola); pakai beberapa kata yang tidak berhubungan", "Password is too easy to guess (a common word, the user name, or a pattern); use several unrelated words")
		}
	}
	return p.Err()
}
