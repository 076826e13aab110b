package importer

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"bina"
)

// testNow is the clock of every value test: a fixed day, so that "future"
// and NIK birth dates do not drift.
var testNow = time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)

func TestParseRupiah(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int64
		ok   bool
		note bool // a note accompanies an accepted value
	}{
		{"plain", "1500000", 1_500_000, true, false},
		{"zero", "0", 0, true, false},
		{"blank", "", 0, true, false},
		{"dash placeholder", " - ", 0, true, false},
		{"indonesian thousands", "1.500.000", 1_500_000, true, false},
		{"english thousands", "1,500,000", 1_500_000, true, false},
		{"rp with dash", "Rp 1.500.000,-", 1_500_000, true, false},
		{"rp dot with sen", "Rp. 1.500.000,00", 1_500_000, true, false},
		{"english with decimals", "1,500,000.00", 1_500_000, true, false},
		{"rp juta short", "Rp1,5 jt", 1_500_000, true, false},
		{"juta word", "1,5 juta", 1_500_000, true, false},
		{"juta point", "1.5jt", 1_500_000, true, false},
		{"miliar letter", "2 M", 2_000_000_000, true, false},
		{"miliar word", "2 miliar", 2_000_000_000, true, false},
		{"milyar spelling", "2 milyar", 2_000_000_000, true, false},
		{"miliar fraction", "1,5 M", 1_500_000_000, true, false},
		{"ribu short", "500 rb", 500_000, true, false},
		{"ribu word", "500 ribu", 500_000, true, false},
		{"k", "500k", 500_000, true, false},
		{"three decimals of juta", "1,25 jt", 1_250_000, true, false},
		{"single separator thousands", "1.500", 1_500, true, false},
		{"single comma thousands", "1,500", 1_500, true, false},
		{"excel float text", "1500000.0", 1_500_000, true, false},
		{"spaces as thousands", "1 500 000", 1_500_000, true, false},
		{"non-breaking spaces", "1\u00a0500\u00a0000", 1_500_000, true, false},
		{"per year", "Rp 25.000.000/tahun", 25_000_000, true, false},
		{"per year words", "25 juta per tahun", 25_000_000, true, false},
		{"idr", "IDR 750.000", 750_000, true, false},
		{"trailing rupiah", "750.000 rupiah", 750_000, true, false},
		{"estimate", "± 5 jt", 5_000_000, true, true},
		{"sekitar", "sekitar 10 juta", 10_000_000, true, true},
		{"sen rounded", "1.234.567,89", 1_234_568, true, true},
		{"sen rounded half up", "1.234.567,50", 1_234_568, true, true},
		{"full-precision scientific", "1.2345678E+07", 12_345_678, true, false},
		{"triliun", "1 T", 1_000_000_000_000, true, false},
		{"max int64", "9223372036854775807", math.MaxInt64, true, false},

		{"negative", "-500000", 0, false, false},
		{"negative after rp", "Rp -500.000", 0, false, false},
		{"negative before rp", "-Rp 500.000", 0, false, false},
		{"accounting negative", "(1.000.000)", 0, false, false},
		{"garbage", "lima ratus ribu", 0, false, false},
		{"unit only", "juta", 0, false, false},
		{"unknown unit", "5 dolar", 0, false, false},
		{"range with dash", "1-2 juta", 0, false, false},
		{"range with s/d", "1 s/d 2 juta", 0, false, false},
		{"per month", "5 jt/bulan", 0, false, false},
		{"ambiguous thousands with unit", "1.500 jt", 0, false, false},
		{"bad grouping", "1.50.000", 0, false, false},
		{"two decimal commas", "1,5,00", 0, false, false},
		{"fraction without unit", "1,5", 0, false, false},
		{"excel scientific display", "1.5E+06", 0, false, false},
		{"excel scientific six digits", "1.23457E+11", 0, false, false},
		{"overflow", "9223372036854775808", 0, false, false},
		{"overflow with unit", "99999999999 T", 0, false, false},
		{"excel error", "#VALUE!", 0, false, false},
		{"letters in number", "1.5OO.OOO", 0, false, false},
		{"scientific with comma mantissa", "1,000001E2", 0, false, false},
		{"scientific without leading digit", ",1000001e8", 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg, ok := ParseRupiah(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Fatalf("ParseRupiah(%q) = %d, %v (%q); want %d, %v", tt.in, got, ok, msg.EN, tt.want, tt.ok)
			}
			if !ok && (msg.ID == "" || msg.EN == "") {
				t.Errorf("ParseRupiah(%q) refused without a message in both languages: %+v", tt.in, msg)
			}
			if ok && tt.note != (msg.ID != "") {
				t.Errorf("ParseRupiah(%q) note = %q, want note %v", tt.in, msg.ID, tt.note)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
		ok   bool
	}{
		{"plain", "3", 3, true},
		{"with orang", "3 orang", 3, true},
		{"with org", "12 org", 12, true},
		{"thousands dot", "1.234", 1234, true},
		{"thousands comma", "1,234", 1234, true},
		{"excel float", "12.0", 12, true},
		{"blank", "", 0, true},
		{"tidak ada", "tidak ada", 0, true},
		{"nihil", "Nihil", 0, true},
		{"fraction", "3,5", 0, false},
		{"negative", "-2", 0, false},
		{"words", "tiga", 0, false},
		{"huge", "99.999.999", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg, ok := ParseCount(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Fatalf("ParseCount(%q) = %d, %v (%q); want %d, %v", tt.in, got, ok, msg.EN, tt.want, tt.ok)
			}
		})
	}
}

func TestParseDateLoose(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit DateLimit
		want  string
		prec  DatePrecision
		ok    bool
	}{
		{"iso", "2019-05-12", PastOnly, "2019-05-12", PrecisionDay, true},
		{"iso with time", "2019-05-12T08:30:00Z", PastOnly, "2019-05-12", PrecisionDay, true},
		{"iso with space time", "2019-05-12 08:30:00", PastOnly, "2019-05-12", PrecisionDay, true},
		{"slashes day first", "12/05/2019", PastOnly, "2019-05-12", PrecisionDay, true},
		{"dashes day first", "12-05-2019", PastOnly, "2019-05-12", PrecisionDay, true},
		{"dots day first", "12.05.2019", PastOnly, "2019-05-12", PrecisionDay, true},
		{"single digits", "1/2/2020", PastOnly, "2020-02-01", PrecisionDay, true},
		{"day after 12", "31/12/1980", PastOnly, "1980-12-31", PrecisionDay, true},
		{"indonesian month", "12 Mei 2019", PastOnly, "2019-05-12", PrecisionDay, true},
		{"agustus", "17 Agustus 1945", PastOnly, "1945-08-17", PrecisionDay, true},
		{"agu", "17 Agu 2020", PastOnly, "2020-08-17", PrecisionDay, true},
		{"agt", "17-Agt-2020", PastOnly, "2020-08-17", PrecisionDay, true},
		{"okt", "1 Okt 2021", PastOnly, "2021-10-01", PrecisionDay, true},
		{"des", "25 Des 2021", PastOnly, "2021-12-25", PrecisionDay, true},
		{"nop", "10 Nop 2010", PastOnly, "2010-11-10", PrecisionDay, true},
		{"nopember", "10 Nopember 2010", PastOnly, "2010-11-10", PrecisionDay, true},
		{"nov english", "10 Nov 2010", PastOnly, "2010-11-10", PrecisionDay, true},
		{"pebruari", "3 Pebruari 2001", PastOnly, "2001-02-03", PrecisionDay, true},
		{"weekday", "Senin, 13 Mei 2019", PastOnly, "2019-05-13", PrecisionDay, true},
		{"jumat apostrophe", "Jum'at, 17 Mei 2019", PastOnly, "2019-05-17", PrecisionDay, true},
		{"english month first", "May 12, 2019", PastOnly, "2019-05-12", PrecisionDay, true},
		{"upper case", "12 MEI 2019", PastOnly, "2019-05-12", PrecisionDay, true},
		{"compact ymd", "20190512", PastOnly, "2019-05-12", PrecisionDay, true},
		{"compact dmy", "12052019", PastOnly, "2019-05-12", PrecisionDay, true},
		{"month and year", "Mei 2019", PastOnly, "2019-05-01", PrecisionMonth, true},
		{"month and year dash", "Agustus-2018", PastOnly, "2018-08-01", PrecisionMonth, true},
		{"numeric month year", "05/2019", PastOnly, "2019-05-01", PrecisionMonth, true},
		{"iso month", "2019-05", PastOnly, "2019-05-01", PrecisionMonth, true},
		{"year only", "2019", PastOnly, "2019-01-01", PrecisionYear, true},
		{"excel serial", "43597", PastOnly, "2019-05-12", PrecisionDay, true},
		{"excel serial with time", "43597.75", PastOnly, "2019-05-12", PrecisionDay, true},
		{"excel serial 1900", "36526", PastOnly, "2000-01-01", PrecisionDay, true},
		{"blank", "", PastOnly, "", PrecisionNone, true},
		{"this month is not future", "Mei 2026", PastOnly, "2026-05-01", PrecisionMonth, true},
		{"future allowed", "31/12/2030", AllowFuture, "2030-12-31", PrecisionDay, true},

		{"future refused", "31/12/2030", PastOnly, "", PrecisionNone, false},
		{"future month refused", "Juni 2026", PastOnly, "", PrecisionNone, false},
		{"month first american", "05/13/2019", PastOnly, "", PrecisionNone, false},
		{"two digit year", "12/05/19", PastOnly, "", PrecisionNone, false},
		{"two digit year with month name", "12-Mei-19", PastOnly, "", PrecisionNone, false},
		{"no year", "12 Mei", PastOnly, "", PrecisionNone, false},
		{"not a date", "kemarin", PastOnly, "", PrecisionNone, false},
		{"31 february", "31/02/2019", PastOnly, "", PrecisionNone, false},
		{"month 13", "12/13/2019", PastOnly, "", PrecisionNone, false},
		{"before 1900", "1/1/1850", PastOnly, "", PrecisionNone, false},
		{"lotus leap day", "60", PastOnly, "", PrecisionNone, false},
		{"lotus leap day serial", "00060", PastOnly, "", PrecisionNone, false},
		{"small number", "123", PastOnly, "", PrecisionNone, false},
		{"excel error", "#N/A", PastOnly, "", PrecisionNone, false},
		{"time before the date", "08:30 12/05/2019", PastOnly, "", PrecisionNone, false},
		{"colon garbage", "00:0000000000000 2019", PastOnly, "", PrecisionNone, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, p, msg, ok := ParseDateLoose(tt.in, testNow, tt.limit)
			if ok != tt.ok || d.String() != tt.want || p != tt.prec {
				t.Fatalf("ParseDateLoose(%q) = %s, %d, %v (%q); want %s, %d, %v", tt.in, d, p, ok, msg.EN, tt.want, tt.prec, tt.ok)
			}
			if !ok && (msg.ID == "" || msg.EN == "") {
				t.Errorf("refused without a message: %+v", msg)
			}
		})
	}
}

func TestExcelSerialsAroundTheLotusBug(t *testing.T) {
	for serial, want := range map[int]string{1: "1900-01-01", 59: "1900-02-28", 61: "1900-03-01", 43597: "2019-05-12", 45658: "2025-01-01"} {
		d, _, _, ok := excelDate(serial, strconv.Itoa(serial))
		if !ok || d.String() != want {
			t.Errorf("serial %d = %s, %v; want %s", serial, d, ok, want)
		}
	}
}

func TestParseMonthAndYear(t *testing.T) {
	for in, want := range map[string]int{"5": 5, "05": 5, "Mei": 5, "agt": 8, "Desember": 12, "": 0, "12.0": 12} {
		if got, msg, ok := ParseMonth(in); !ok || got != want {
			t.Errorf("ParseMonth(%q) = %d, %v (%s); want %d", in, got, ok, msg.EN, want)
		}
	}
	for _, in := range []string{"13", "0", "Mai?"} {
		if _, _, ok := ParseMonth(in); ok {
			t.Errorf("ParseMonth(%q) accepted", in)
		}
	}
	for in, want := range map[string]int{"2019": 2019, "2019.0": 2019, "th 2019": 2019, "Tahun 2001": 2001, "": 0} {
		if got, msg, ok := ParseYear(in, testNow); !ok || got != want {
			t.Errorf("ParseYear(%q) = %d, %v (%s); want %d", in, got, ok, msg.EN, want)
		}
	}
	for _, in := range []string{"19", "2027", "1850", "duaribu"} {
		if _, _, ok := ParseYear(in, testNow); ok {
			t.Errorf("ParseYear(%q) accepted", in)
		}
	}
}

func TestParsePhone(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		ok   bool
		note bool
	}{
		{"plus 62 with dashes", "+62 812-3456-7890", "081234567890", true, false},
		{"62 without plus", "6281234567890", "081234567890", true, false},
		{"local", "0812 3456 7890", "081234567890", true, false},
		{"leading zero lost", "81234567890", "081234567890", true, false},
		{"excel float", "81234567890.0", "081234567890", true, false},
		{"plus 62 then zero", "+62 0812 3456 7890", "081234567890", true, false},
		{"plus 62 bracket zero", "+62 (0) 812 3456 7890", "081234567890", true, false},
		{"bracketed country code", "(+62) 812-3456-7890", "081234567890", true, false},
		{"0062", "0062 812 3456 7890", "081234567890", true, false},
		{"label", "HP: 0812-3456-7890", "081234567890", true, false},
		{"wa suffix", "0812 3456 7890 (WA)", "081234567890", true, false},
		{"landline", "(0561) 721234", "0561721234", true, false},
		{"apostrophe", "'081234567890", "081234567890", true, false},
		{"two numbers slash", "0812-3456-7890/0813-1111-2222", "081234567890", true, true},
		{"two numbers atau", "081234567890 atau 081311112222", "081234567890", true, true},
		{"two numbers comma", "081234567890, 081311112222", "081234567890", true, true},
		{"blank", "-", "", true, false},

		{"excel scientific", "6.28123E+11", "", false, false},
		{"excel scientific comma", "6,28123E+11", "", false, false},
		{"too short", "0812345", "", false, false},
		{"too long", "0812345678901234", "", false, false},
		{"letters", "nomor hp", "", false, false},
		{"foreign", "+1 202 555 0143", "", false, false},
		{"all zeros", "0000000000", "", false, false},
		{"dummy", "08000000000", "", false, false},
		{"no area code after zero", "0.1000.0010E0", "", false, false},
		{"62 then 01", "62 01000000 00 0010", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg, ok := ParsePhone(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Fatalf("ParsePhone(%q) = %q, %v (%q); want %q, %v", tt.in, got, ok, msg.EN, tt.want, tt.ok)
			}
			if ok && tt.note != (msg.ID != "") {
				t.Errorf("note = %q, want note %v", msg.ID, tt.note)
			}
		})
	}
	if _, msg, _ := ParsePhone("6.28123E+11"); !strings.Contains(msg.ID, "Excel") || !strings.Contains(msg.ID, "ketik ulang") {
		t.Errorf("a lost phone must say Excel lost it and ask to retype: %q", msg.ID)
	}
}

func TestParseNIKCell(t *testing.T) {
	// 61.12.01, born 12-05-1985 (a woman: day + 40), sequence 0001.
	const nik = "6112015205850001"
	tests := []struct {
		name string
		in   string
		want string
		ok   bool
		lost bool // refused as a number Excel destroyed
	}{
		{"clean", nik, nik, true, false},
		{"apostrophe prefix", "'" + nik, nik, true, false},
		{"spaces", "6112 0152 0585 0001", nik, true, false},
		{"dots", "6112.015205.850001", nik, true, false},
		{"label", "NIK: " + nik, nik, true, false},
		{"float text", nik + ".0", nik, true, false},
		{"blank", "", "", true, false},

		{"scientific", "3.2E+15", "", false, true},
		{"scientific comma", "6,11201E+15", "", false, true},
		{"scientific lower", "6.11201e15", "", false, true},
		{"rounded by excel", "6112015205850000", "", false, true},
		{"fifteen digits", "611201520585000", "", false, false},
		{"bad date", "6112013205850001", "", false, false},
		{"letters", "61120152O5850001", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg, ok := ParseNIKCell(tt.in, testNow)
			if ok != tt.ok || got != tt.want {
				t.Fatalf("ParseNIKCell(%q) = %q, %v (%q); want %q, %v", tt.in, got, ok, msg.EN, tt.want, tt.ok)
			}
			if lost := strings.Contains(msg.ID, "ketik ulang sebagai teks"); lost != tt.lost {
				t.Errorf("lost-number message = %v (%q), want %v", lost, msg.ID, tt.lost)
			}
		})
	}
	if _, msg, _ := ParseNIKCell("3.2E+15", testNow); msg.ID != "NIK rusak karena disimpan Excel sebagai angka (3.2E+15); ketik ulang sebagai teks" {
		t.Errorf("message = %q", msg.ID)
	}
}

func TestParseNIBCell(t *testing.T) {
	for in, want := range map[string]string{"9120001234567": "9120001234567", "'9120001234567": "9120001234567", "9120 0012 34567": "9120001234567", "": ""} {
		if got, msg, ok := ParseNIBCell(in); !ok || got != want {
			t.Errorf("ParseNIBCell(%q) = %q, %v (%s)", in, got, ok, msg.EN)
		}
	}
	for _, in := range []string{"9.12E+12", "912000123456", "91200012345678", "NIB belum ada"} {
		if got, _, ok := ParseNIBCell(in); ok {
			t.Errorf("ParseNIBCell(%q) accepted %q", in, got)
		}
	}
	if _, msg, _ := ParseNIBCell("912000123456"); !strings.Contains(msg.EN, "leading 0") {
		t.Errorf("12 digits should hint at a dropped zero: %q", msg.EN)
	}
}

func TestParseBool(t *testing.T) {
	yes := []string{"ya", "Ya", "Y", "iya", "yes", "ada", "Sudah", "1", "TRUE", "v", "x", "✓", "✔"}
	no := []string{"tidak", "Tdk", "t", "no", "N", "0", "false", "tidak ada", "Tidak Ada", "belum", "", "-"}
	for _, in := range yes {
		if v, _, ok := ParseBool(in); !ok || !v {
			t.Errorf("ParseBool(%q) = %v, %v; want yes", in, v, ok)
		}
	}
	for _, in := range no {
		if v, _, ok := ParseBool(in); !ok || v {
			t.Errorf("ParseBool(%q) = %v, %v; want no", in, v, ok)
		}
	}
	for _, in := range []string{"mungkin", "✗", "2"} {
		if _, _, ok := ParseBool(in); ok {
			t.Errorf("ParseBool(%q) accepted", in)
		}
	}
}

func TestParseGender(t *testing.T) {
	for in, want := range map[string]string{
		"L": "L", "l": "L", "Laki-laki": "L", "LAKI LAKI": "L", "pria": "L", "Male": "L", "Lk": "L", "lk.": "L",
		"P": "P", "Perempuan": "P", "wanita": "P", "female": "P", "Pr": "P", "": "",
	} {
		if got, _, ok := ParseGender(in); !ok || got != want {
			t.Errorf("ParseGender(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, _, ok := ParseGender("X"); ok {
		t.Error("ParseGender(X) accepted")
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]string{
		"mikro": "mikro", "Usaha Mikro": "mikro", "UMi": "mikro", "MIKRO": "mikro", "Mikro (omzet s/d 2 M)": "mikro",
		"kecil": "kecil", "UK": "kecil", "Usaha Kecil": "kecil", "menengah": "menengah", "Usaha Menengah": "menengah", "besar": "besar", "": "",
	} {
		if got, msg, ok := ParseSize(in); !ok || got != want {
			t.Errorf("ParseSize(%q) = %q, %v (%s); want %q", in, got, ok, msg.EN, want)
		}
	}
	for _, in := range []string{"UM", "um", "UMK", "UMKM", "sedang-sedang saja"} {
		if got, _, ok := ParseSize(in); ok {
			t.Errorf("ParseSize(%q) accepted %q: UM is ambiguous, UMK names no size", in, got)
		}
	}
}

func TestParseEducationAndOption(t *testing.T) {
	for in, want := range map[string]string{"SD": "sd", "SMA/SMK": "sma", "SLTA": "sma", "S1": "s1", "D3": "d3", "Tidak/belum sekolah": "tidak_sekolah", "Sarjana (D4/S1)": "s1"} {
		if got, msg, ok := ParseEducation(in); !ok || got != want {
			t.Errorf("ParseEducation(%q) = %q, %v (%s); want %q", in, got, ok, msg.EN, want)
		}
	}
	for in, want := range map[string]string{"Tutup Sementara": "tutup_sementara", "tutup_sementara": "tutup_sementara", "Temporarily closed": "tutup_sementara", "AKTIF": "aktif"} {
		if got, _, ok := ParseOption(in, bina.OperatingStatuses); !ok || got != want {
			t.Errorf("ParseOption(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, msg, ok := ParseOption("bangkrut", bina.OperatingStatuses); ok || !strings.Contains(msg.ID, "Tutup sementara") {
		t.Errorf("unknown option should list the choices: %v %q", ok, msg.ID)
	}
}

func testKBLI() *bina.KBLICatalog {
	return bina.NewKBLICatalog(bina.KBLI2020, []bina.KBLIEntry{
		{Code: "01111", Section: "A", Title: "Pertanian Jagung"},
		{Code: "01262", Section: "A", Title: "Perkebunan Buah Kelapa Sawit"},
		{Code: "03111", Section: "A", Title: "Penangkapan Ikan di Laut"},
		{Code: "10794", Section: "C", Title: "Industri Kerupuk, Keripik, Peyek dan Sejenisnya"},
		{Code: "10799", Section: "C", Title: "Industri Produk Makanan Lainnya"},
		{Code: "12620", Section: "C", Title: "Made-up example whose subgolongan is 1262"},
		{Code: "47111", Section: "G", Title: "Perdagangan Eceran Yang Utamanya Makanan"},
	})
}

func TestParseKBLI(t *testing.T) {
	cat := testKBLI()
	tests := []struct {
		name string
		in   string
		want string
		ok   bool
		note bool
	}{
		{"plain", "10794", "10794", true, false},
		{"with title", "10794 - Industri Kerupuk, Keripik, Peyek dan Sejenisnya", "10794", true, false},
		{"with label", "KBLI 10794", "10794", true, false},
		{"with year label", "KBLI 2020: 10794", "10794", true, false},
		{"excel float", "10794.0", "10794", true, false},
		{"leading zero lost", "1111", "01111", true, false},
		{"leading zero lost float", "3111.0", "03111", true, false},
		{"several codes", "10794, 10799", "10794", true, true},
		{"blank", "", "", true, false},
		{"not in catalogue", "10795", "", false, false},
		{"four digits padded code missing", "1079", "", false, false},
		{"four digits that are also a subgolongan", "1262", "", false, false},
		{"six digits", "107941", "", false, false},
		{"words", "kerupuk", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg, ok := ParseKBLI(tt.in, cat)
			if ok != tt.ok || got.Code != tt.want {
				t.Fatalf("ParseKBLI(%q) = %+v, %v (%q); want %q, %v", tt.in, got, ok, msg.EN, tt.want, tt.ok)
			}
			if ok && got.Code != "" && got.Version != bina.KBLI2020 {
				t.Errorf("version = %q", got.Version)
			}
			if ok && tt.note != (msg.ID != "") {
				t.Errorf("note = %q, want note %v", msg.ID, tt.note)
			}
		})
	}
	list, _, ok := ParseKBLIList("10794; 10799 / 10794", cat)
	if !ok || len(list) != 2 || list[1].Code != "10799" {
		t.Errorf("ParseKBLIList = %+v, %v", list, ok)
	}
	if _, _, ok := ParseKBLI("1111", nil); ok {
		t.Error("without a catalogue a four-digit code must not be padded")
	}
}

func TestParseCoordinate(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon string
		wantLat  float64
		wantLon  float64
		ok, nilV bool
		note     bool
	}{
		{"decimal points", "-0.0523", "109.3456", -0.0523, 109.3456, true, false, false},
		{"decimal commas", "-0,0523", "109,3456", -0.0523, 109.3456, true, false, false},
		{"dms with hemispheres", `0°03'08.3"S`, `109°20'21.6"E`, -(3.0/60 + 8.3/3600), 109 + 20.0/60 + 21.6/3600, true, false, false},
		{"dms indonesian", `0° 3' 8.3" LS`, `109° 20' 21.6" BT`, -(3.0/60 + 8.3/3600), 109 + 20.0/60 + 21.6/3600, true, false, false},
		{"hemisphere first", "S 0.0523", "E 109.3456", -0.0523, 109.3456, true, false, false},
		{"both in one cell", "-0.0523, 109.3456", "", -0.0523, 109.3456, true, false, false},
		{"both in one cell with commas", "-0,0523; 109,3456", "", -0.0523, 109.3456, true, false, false},
		{"swapped", "109.3456", "-0.0523", -0.0523, 109.3456, true, false, true},
		{"blank", "", "", 0, 0, true, true, false},
		{"zero placeholder", "0", "0", 0, 0, true, true, false},
		{"only one", "-0.0523", "", 0, 0, false, false, false},
		{"outside indonesia", "51.5", "-0.12", 0, 0, false, false, false},
		{"decimal lost", "-523", "1093456", 0, 0, false, false, false},
		{"thousands dots", "-0.052.3", "109.345.6", 0, 0, false, false, false},
		{"garbage", "dekat masjid", "109.3", 0, 0, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			la, lo, msg, ok := ParseCoordinate(tt.lat, tt.lon)
			if ok != tt.ok {
				t.Fatalf("ParseCoordinate(%q, %q) ok = %v (%q), want %v", tt.lat, tt.lon, ok, msg.EN, tt.ok)
			}
			if !ok {
				if la != nil || lo != nil || msg.ID == "" {
					t.Errorf("refused with values or without a message")
				}
				return
			}
			if tt.nilV {
				if la != nil || lo != nil {
					t.Errorf("want nil, got %v %v", *la, *lo)
				}
				return
			}
			if la == nil || lo == nil || math.Abs(*la-tt.wantLat) > 1e-9 || math.Abs(*lo-tt.wantLon) > 1e-9 {
				t.Fatalf("got %v, %v; want %v, %v", deref(la), deref(lo), tt.wantLat, tt.wantLon)
			}
			if tt.note != (msg.ID != "") {
				t.Errorf("note = %q, want note %v", msg.ID, tt.note)
			}
		})
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func TestIsBlankCell(t *testing.T) {
	for _, in := range []string{"", "  ", "-", "—", "N/A", "null", "Kosong"} {
		if !IsBlankCell(in) {
			t.Errorf("IsBlankCell(%q) = false", in)
		}
	}
	for _, in := range []string{"0", "tidak", "x"} {
		if IsBlankCell(in) {
			t.Errorf("IsBlankCell(%q) = true", in)
		}
	}
}

// formatRupiah writes v the Indonesian way, "Rp 1.500.000", for the
// round-trip property of the fuzzer.
func formatRupiah(v int64) string {
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return "Rp " + b.String()
}

// The fuzzers assert what must hold for any cell: no panic, a refusal
// always explains itself in both languages, and an accepted value is the
// same when written back out in its canonical form and read again.

func FuzzParseRupiah(f *testing.F) {
	for _, s := range []string{
		"1.500.000", "1,500,000", "Rp 1.500.000,-", "Rp1,5 jt", "1,5 juta", "1.5jt", "2 M", "2 miliar", "500 rb",
		"1,5 M", "1500000.0", "1.234.567,89", "-500", "(1.000)", "1.500 jt", "1.5E+06", "1.2345678E+07",
		"9223372036854775807", "9223372036854775808", "99999999999 T", "0,5", ",", ".", ",-", "Rp", "e", "1e", "1e+",
		"±", "rp.-", "1.000.000.000.000.000.000", "0.00000000000000000001 T", "9.999999999999999999999 T", "00000000000000000000001",
		"1.5e-400", "1.9999999e+18", "9,9999999e18", "1,000001E2", ",1000001e8", "10000000000000000,1", "0MilYAr",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, msg, ok := ParseRupiah(s)
		if !ok {
			if v != 0 || msg.ID == "" || msg.EN == "" {
				t.Fatalf("ParseRupiah(%q) refused with v=%d msg=%+v", s, v, msg)
			}
			return
		}
		if v < 0 {
			t.Fatalf("ParseRupiah(%q) = %d, negative", s, v)
		}
		for _, back := range []string{strconv.FormatInt(v, 10), formatRupiah(v)} {
			w, msg, ok := ParseRupiah(back)
			if !ok || w != v || msg.ID != "" {
				t.Fatalf("ParseRupiah(%q) = %d but ParseRupiah(%q) = %d, %v, %q", s, v, back, w, ok, msg.ID)
			}
		}
	})
}

func FuzzParseDateLoose(f *testing.F) {
	for _, s := range []string{
		"2019-05-12", "12/05/2019", "12-05-2019", "12 Mei 2019", "Mei 2019", "2019", "43597", "43597.5", "60", "00060",
		"05/13/2019", "12/05/19", "31/02/2019", "29/02/2020", "29/02/2019", "Senin, 12 Mei 2019", "Jum'at 1 Nop 2019",
		"2019-05-12T10:00:00Z", "20190512", "12052019", "99999", "9999", "0000", "00/00/0000", "1/1/1900", "31 Des 2200",
		"Mei", "mei mei mei", "12 12 12 12", "2019-05-", "-", "'12/05/2019", "12.05.2019 pukul 10.00",
		"00:0000000000000 2100", "\x80: 2100", "1 2100", "12/05/2019 08:30:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, limit := range []DateLimit{PastOnly, AllowFuture} {
			d, p, msg, ok := ParseDateLoose(s, testNow, limit)
			if !ok {
				if !d.IsZero() || msg.ID == "" || msg.EN == "" {
					t.Fatalf("ParseDateLoose(%q) refused with %s, %+v", s, d, msg)
				}
				continue
			}
			if d.IsZero() != (p == PrecisionNone) {
				t.Fatalf("ParseDateLoose(%q) = %s with precision %d", s, d, p)
			}
			if d.IsZero() {
				continue
			}
			if d.Year() < 1900 || (limit == PastOnly && d.After(bina.DateFromTime(testNow))) {
				t.Fatalf("ParseDateLoose(%q) = %s out of range", s, d)
			}
			// The canonical form at the same precision reads back the same.
			back := d.String()
			switch p {
			case PrecisionMonth:
				back = back[:7]
			case PrecisionYear:
				back = back[:4]
			}
			e, q, _, ok := ParseDateLoose(back, testNow, limit)
			if !ok || e != d || q != p {
				t.Fatalf("ParseDateLoose(%q) = %s/%d but %q reads %s/%d/%v", s, d, p, back, e, q, ok)
			}
		}
	})
}

func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{
		"+62 812-3456-7890", "6281234567890", "081234567890", "81234567890", "6.28123E+11", "0812-3456-7890/0813-1111-2222",
		"(0561) 721234", "+62 (0) 812 3456 7890", "+620", "62", "+", "0062", "620620620620", "'", "81234567890.0",
		"08123456789 atau", "hp", "(+62)", "8.1234567890E+10", "++62812345678", "0.1000.0010E0", "62 01000000 00 0010",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, msg, ok := ParsePhone(s)
		if !ok {
			if p != "" || msg.ID == "" || msg.EN == "" {
				t.Fatalf("ParsePhone(%q) refused with %q, %+v", s, p, msg)
			}
			return
		}
		if p == "" {
			return
		}
		if len(p) < 9 || p[0] != '0' || p[1] < '2' || p[1] > '9' || !isDigits(p) {
			t.Fatalf("ParsePhone(%q) = %q, not 0 and an area code or mobile prefix", s, p)
		}
		if n, nok := bina.NormalizePhone(p); !nok || n != p {
			t.Fatalf("ParsePhone(%q) = %q, which NormalizePhone reads as %q, %v", s, p, n, nok)
		}
		if q, _, qok := ParsePhone(p); !qok || q != p {
			t.Fatalf("ParsePhone not idempotent: %q -> %q -> %q, %v", s, p, q, qok)
		}
	})
}

func FuzzParseNIKCell(f *testing.F) {
	for _, s := range []string{
		"6112015205850001", "'6112015205850001", "6112 0152 0585 0001", "3.2E+15", "6,11201E+15", "6112015205850000",
		"6112015205850001.0", "NIK: 6112015205850001", "611201520585000", "0000000000000000", "9999999999999999",
		"6112014102000001", "6112017102000001", "1e16", "nik", "'", "6112015205850001.00", "61.12.01.520585.0001",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		nik, msg, ok := ParseNIKCell(s, testNow)
		if !ok {
			if nik != "" || msg.ID == "" || msg.EN == "" {
				t.Fatalf("ParseNIKCell(%q) refused with %q, %+v", s, nik, msg)
			}
			return
		}
		if nik == "" {
			return
		}
		if _, valid := bina.CheckNIK(nik, testNow); !valid || !utf8.ValidString(nik) {
			t.Fatalf("ParseNIKCell(%q) = %q, which CheckNIK refuses", s, nik)
		}
		if again, _, ok := ParseNIKCell(nik, testNow); !ok || again != nik {
			t.Fatalf("ParseNIKCell not idempotent: %q -> %q -> %q", s, nik, again)
		}
	})
}
