package coaching_test

import (
	"bina/coaching"
	"slices"
	"testing"

	"bina"
)

func validSettings() coaching.LetterSettings {
	return coaching.LetterSettings{
		Letterhead:    coaching.Letterhead{Government: "Pemerintah Kabupaten Kubu Raya", Office: "Dinas Koperasi, Usaha Kecil dan Menengah", City: "Sungai Raya"},
		NumberPattern: "500.2.2/{nomor}/DISKOPUKM/{tahun}",
		Signatory:     coaching.Signatory{Name: "Ahmad Fauzi", NIP: "19660420 199203 1 008", Title: "Kepala Dinas"},
		EffectiveFrom: bina.DateOf(2026, 1, 1),
	}
}

func TestLetterSettingsValidate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(*coaching.LetterSettings)
		field string // "" when valid
	}{
		{"valid", func(*coaching.LetterSettings) {}, ""},
		{"NIP without spaces", func(s *coaching.LetterSettings) { s.Signatory.NIP = "196604201992031008" }, ""},
		{"NIP of 17 digits", func(s *coaching.LetterSettings) { s.Signatory.NIP = "19660420199203108" }, "signatory.nip"},
		{"NIP gender digit 3", func(s *coaching.LetterSettings) { s.Signatory.NIP = "196604201992033008" }, "signatory.nip"},
		{"pattern without serial", func(s *coaching.LetterSettings) { s.NumberPattern = "500/{tahun}" }, "number_pattern"},
		{"pattern with serial twice", func(s *coaching.LetterSettings) { s.NumberPattern = "{nomor}/{nomor}/{tahun}" }, "number_pattern"},
		{"pattern without year", func(s *coaching.LetterSettings) { s.NumberPattern = "500/{nomor}" }, "number_pattern"},
		{"pattern with markup", func(s *coaching.LetterSettings) { s.NumberPattern = "500/{nomor}/<x>/{tahun}" }, "number_pattern"},
		{"no city", func(s *coaching.LetterSettings) { s.Letterhead.City = "" }, "letterhead.city"},
		{"bad email", func(s *coaching.LetterSettings) { s.Letterhead.Email = "diskop" }, "letterhead.email"},
		{"no effective date", func(s *coaching.LetterSettings) { s.EffectiveFrom = bina.Date{} }, "effective_from"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := validSettings()
			tt.edit(&s)
			s.Normalize()
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var p bina.Problems
			p.Fields = bina.ErrorFields(err)
			if _, ok := p.For(tt.field); !ok {
				t.Errorf("Validate = %v, want a problem with %s", err, tt.field)
			}
		})
	}
	s := validSettings()
	if got := s.Number(12, 2026); got != "500.2.2/12/DISKOPUKM/2026" {
		t.Errorf("Number = %q", got)
	}
}

func TestLetterValidity(t *testing.T) {
	issued := bina.DateOf(2026, 11, 28)
	l := coaching.Letter{Purpose: "merek_djki", MarkName: "X", MarkGoods: "Y", MarkClasses: []int{30}, ValidUntil: bina.DateOf(2027, 6, 1)}
	l.SetValidity(issued)
	if l.ValidUntil != bina.DateOf(2026, 12, 31) {
		t.Errorf("trademark letter valid until %v, want 31 December of the year", l.ValidUntil)
	}
	for _, tt := range []struct {
		today bina.Date
		l     coaching.Letter
		want  string
	}{
		{bina.DateOf(2026, 12, 31), coaching.Letter{Status: "valid", ValidUntil: bina.DateOf(2026, 12, 31)}, "valid"},
		{bina.DateOf(2027, 1, 1), coaching.Letter{Status: "valid", ValidUntil: bina.DateOf(2026, 12, 31)}, "expired"},
		{bina.DateOf(2026, 12, 1), coaching.Letter{Status: "revoked", ValidUntil: bina.DateOf(2026, 12, 31)}, "revoked"},
	} {
		if got := tt.l.State(tt.today); got != tt.want {
			t.Errorf("State(%v) = %s, want %s", tt.today, got, tt.want)
		}
	}
	other := coaching.Letter{Purpose: "pembiayaan", ValidUntil: bina.DateOf(2028, 1, 1)}
	if err := other.Validate(issued); err == nil {
		t.Error("a letter valid for more than a year passed")
	}
}

func TestLetterPublicMasks(t *testing.T) {
	for in, want := range map[string]string{"Siti Aminah": "S. A.", "  h. ahmad  fauzi ": "H. A. F.", "": ""} {
		if got := coaching.Initials(in); got != want {
			t.Errorf("Initials(%q) = %q, want %q", in, got, want)
		}
	}
	if got := coaching.MaskNIP("19660420 199203 1 008"); got != "19•••••• •••••• • 008" {
		t.Errorf("MaskNIP = %q", got)
	}
	if got := coaching.MaskNIK("6112015708900001"); got != "6112••••••••0001" {
		t.Errorf("MaskNIK = %q", got)
	}
	if got := coaching.MaskNIK("123"); got != bina.Masked {
		t.Errorf("MaskNIK of a short number = %q", got)
	}
	classes, err := coaching.ParseMarkClasses("29, 30;31 ")
	if err != nil || len(classes) != 3 || classes[2] != 31 {
		t.Errorf("ParseMarkClasses = %v, %v", classes, err)
	}
	if _, err := coaching.ParseMarkClasses("29, x"); err == nil {
		t.Error("ParseMarkClasses took a letter")
	}
}

// TestLetterBasis writes a letter's basis from a business's records: the
// programmes it took part in and its coaching, the most recent first.
func TestLetterBasis(t *testing.T) {
	took := func(name string, year int, state string, on bina.Date) coaching.Participation {
		return coaching.Participation{Programme: name, Year: year, State: state, StartsOn: on, ReachedOn: on}
	}
	since := bina.DateOf(2019, 5, 1)
	tests := []struct {
		name string
		r    coaching.BinaanRecords
		want []string
	}{
		{"nothing recorded", coaching.BinaanRecords{}, nil},
		{"only the binaan date", coaching.BinaanRecords{BinaanSince: since}, []string{"Tercatat sebagai usaha binaan sejak 1 Mei 2019"}},
		{"proposed and withdrawn do not count", coaching.BinaanRecords{BinaanSince: since, Programmes: []coaching.Participation{
			{Programme: "Pelatihan Kemasan", Year: 2026, State: "proposed"}, {Programme: "Bazar", Year: 2025, State: "withdrawn"}}},
			[]string{"Tercatat sebagai usaha binaan sejak 1 Mei 2019"}},
		{"programmes and sessions, most recent first, three at most", coaching.BinaanRecords{
			BinaanSince: since, Sessions: 4, LastSession: bina.DateOf(2025, 9, 3),
			Programmes: []coaching.Participation{
				took("Pelatihan Kemasan", 2026, "completed", bina.DateOf(2026, 3, 12)),
				took("Bazar UMKM", 2024, "attended", bina.DateOf(2024, 8, 17)),
				took("Kurasi Produk", 2025, "completed", bina.DateOf(2025, 2, 1)),
			}},
			[]string{
				"Peserta Pelatihan Kemasan tahun 2026, selesai 12 Maret 2026",
				"Pendampingan usaha 4 kali, terakhir 3 September 2025",
				"Peserta Kurasi Produk tahun 2025, selesai 1 Februari 2025",
			}},
		{"attended without a day uses the start", coaching.BinaanRecords{Programmes: []coaching.Participation{
			{Programme: "Klinik", Year: 2023, State: "attended", StartsOn: bina.DateOf(2023, 7, 4)}}},
			[]string{"Peserta Klinik tahun 2023, hadir 4 Juli 2023"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := coaching.LetterBasis(tc.r); !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
