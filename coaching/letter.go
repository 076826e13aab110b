package coaching

import (
	"bina"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Letter is a Surat Keterangan UMK Binaan: the office's statement that a
// business is one it coaches, asked for above all to pay the reduced DJKI
// trademark fee (PEMBINAAN.md section A). Once issued its number and
// content never change: the letterhead, the signatory and the business as
// they were on the day are kept with it, so that the PDF renders to the
// same bytes and its SHA-256 can be checked. Revoking keeps the number.
type Letter struct {
	ID           int64  `json:"id"`
	EnterpriseID int64  `json:"enterprise_id"`
	Number       string `json:"number"` // nomor surat, from LetterSettings.NumberPattern
	Year         int    `json:"year"`
	Serial       int    `json:"serial"`       // nomor urut within Year, no gaps
	Purpose      string `json:"purpose"`      // LetterPurposes
	PurposeNote  string `json:"purpose_note"` // what "lainnya" is for
	// MarkName, MarkGoods and MarkClasses describe the one trademark a
	// merek_djki letter covers: its name, the goods or services, the Nice
	// classes (1-45).
	MarkName    string    `json:"mark_name"`
	MarkGoods   string    `json:"mark_goods"`
	MarkClasses []int     `json:"mark_classes"`
	IssuedOn    bina.Date `json:"issued_on"`
	// ValidUntil is 31 December of the year of issue for DJKI (a letter
	// must be signed in the year of filing); other purposes name it.
	ValidUntil bina.Date      `json:"valid_until"`
	Signatory  Signatory      `json:"signatory"`
	Letterhead Letterhead     `json:"letterhead"`
	Business   LetterBusiness `json:"business"`
	// Basis are the lines the letter cites as the ground of binaan
	// (programmes taken part in, coaching records).
	Basis        []string   `json:"basis"`
	Status       string     `json:"status"` // LetterStatuses
	RevokeReason string     `json:"revoke_reason"`
	RevokedAt    *time.Time `json:"revoked_at"`
	RevokedBy    string     `json:"revoked_by"`
	// VerifyCode is the opaque token of the public verification page
	// (random, 128 bits, URL-safe); VerifyURL is that page's address as
	// printed in the QR code.
	VerifyCode string    `json:"verify_code"`
	VerifyURL  string    `json:"verify_url"`
	PDFSHA256  string    `json:"pdf_sha256"` // hex SHA-256 of the PDF as issued
	IssuedBy   string    `json:"issued_by"`
	CreatedAt  time.Time `json:"created_at"`
}

// LetterBusiness is the business and its owner as a letter states them.
// The NIK is kept masked: the letter never needs the whole number.
type LetterBusiness struct {
	Name      string `json:"name"`
	OwnerName string `json:"owner_name"`
	OwnerNIK  string `json:"owner_nik"` // masked, e.g. 6112••••••••0001
	Address   string `json:"address"`
	Village   string `json:"village"` // desa, kecamatan
	NIB       string `json:"nib"`
	KBLI      string `json:"kbli"` // main code and title
	Size      string `json:"size"` // Sizes
}

// Letterhead is the kop surat: every line configurable, because the
// office's name changes with each reorganisation.
type Letterhead struct {
	Government string `json:"government"` // PEMERINTAH KABUPATEN KUBU RAYA
	Office     string `json:"office"`     // DINAS KOPERASI, USAHA KECIL DAN MENENGAH
	Address    string `json:"address"`
	Phone      string `json:"phone"`
	Email      string `json:"email"`
	Website    string `json:"website"`
	City       string `json:"city"` // the place beside the date, e.g. Sungai Raya
}

// Signatory is the official who signs letters (pejabat penandatangan).
type Signatory struct {
	Name  string `json:"name"`
	NIP   string `json:"nip"`   // 18 digits: YYYYMMDD YYYYMM G NNN
	Rank  string `json:"rank"`  // pangkat/golongan, e.g. Pembina Tk. I (IV/b)
	Title string `json:"title"` // jabatan, e.g. Kepala Dinas
}

// LetterSettings are the letterhead, the numbering and the signatory from
// EffectiveFrom on; the newest settings in effect apply to a new letter.
type LetterSettings struct {
	ID         int64      `json:"id"`
	Letterhead Letterhead `json:"letterhead"`
	// NumberPattern makes the number from {nomor} (the serial) and {tahun}
	// (the year), e.g. 500.2.2/{nomor}/DISKOPUKM/{tahun}.
	NumberPattern string    `json:"number_pattern"`
	Signatory     Signatory `json:"signatory"`
	EffectiveFrom bina.Date `json:"effective_from"`
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
}

// LetterPurposes are what a letter is asked for (tujuan).
var LetterPurposes = bina.Options{
	{Code: "merek_djki", ID: "Permohonan pendaftaran merek (DJKI)", EN: "Trademark application (DJKI)"},
	{Code: "fasilitasi_halal", ID: "Fasilitasi sertifikasi halal", EN: "Halal certification facilitation"},
	{Code: "pembiayaan", ID: "Pengajuan pembiayaan/KUR", EN: "Financing or KUR application"},
	{Code: "pengadaan", ID: "Pengadaan pemerintah (e-Katalog)", EN: "Government procurement (e-Catalogue)"},
	{Code: "lainnya", ID: "Keperluan lain", EN: "Other purpose"},
}

// LetterStatuses are the states of an issued letter.
var LetterStatuses = bina.Options{
	{Code: "valid", ID: "Berlaku", EN: "Valid"},
	{Code: "revoked", ID: "Dicabut", EN: "Revoked"},
}

// LetterStates are what the public verification page says of a letter.
var LetterStates = bina.Options{
	{Code: "valid", ID: "VALID", EN: "VALID"},
	{Code: "revoked", ID: "DICABUT", EN: "REVOKED"},
	{Code: "expired", ID: "KEDALUWARSA", EN: "EXPIRED"},
}

// The placeholders of a number pattern.
const (
	PlaceholderSerial = "{nomor}"
	PlaceholderYear   = "{tahun}"
)

// nipPattern is the form of a civil servant's NIP (PEMBINAAN.md A.3).
var nipPattern = regexp.MustCompile(`^\d{8}\s?\d{6}\s?[12]\s?\d{3}$`)

// patternChars are the characters a number pattern may hold besides its
// placeholders: those of real letter numbers (518/SOP_AP 1/427.57/2019).
var patternChars = regexp.MustCompile(`^[A-Za-z0-9./_\- ]*$`)

// letterTextLimits bound the free text of letters and their settings.
var letterTextLimits = map[string]int{
	"purpose_note": 300, "mark_name": 100, "mark_goods": 1000, "basis": 300,
	"letterhead.government": 120, "letterhead.office": 160, "letterhead.address": 300, "letterhead.phone": 60,
	"letterhead.email": 120, "letterhead.website": 120, "letterhead.city": 60, "number_pattern": 80,
	"signatory.name": 120, "signatory.rank": 80, "signatory.title": 160,
}

// MaxLetterBasis is the most basis lines a letter cites.
const MaxLetterBasis = 10

// LetterBasisLines is how many lines of a business's records a letter
// cites when nobody wrote its basis.
const LetterBasisLines = 3

// BinaanRecords are what a business's records say of its coaching: the
// programmes it is in, its coaching sessions and the binaan date.
type BinaanRecords struct {
	Programmes  []Participation
	Sessions    int
	LastSession bina.Date
	BinaanSince bina.Date
}

// LetterBasis writes the lines a letter cites as the ground of binaan
// from the business's records: the programmes it attended or completed
// and its coaching sessions, the most recent first, at most
// LetterBasisLines; the binaan date when the records hold none of these.
func LetterBasis(r BinaanRecords) []string {
	type line struct {
		on   bina.Date
		text string
	}
	var lines []line
	for _, p := range r.Programmes {
		if !p.Took() {
			continue
		}
		on, how := p.ReachedOn, "hadir"
		if on.IsZero() {
			on = p.StartsOn
		}
		if p.State == "completed" {
			how = "selesai"
		}
		lines = append(lines, line{on, fmt.Sprintf("Peserta %s tahun %d, %s %s", p.Programme, p.Year, how, on.Long())})
	}
	if r.Sessions > 0 {
		lines = append(lines, line{r.LastSession, fmt.Sprintf("Pendampingan usaha %d kali, terakhir %s", r.Sessions, r.LastSession.Long())})
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[j].on.Before(lines[i].on) })
	var out []string
	for _, l := range lines[:min(len(lines), LetterBasisLines)] {
		out = append(out, l.text)
	}
	if len(out) == 0 && !r.BinaanSince.IsZero() {
		out = []string{"Tercatat sebagai usaha binaan sejak " + r.BinaanSince.Long()}
	}
	return out
}

// Normalize tidies what people type into a letter request.
func (l *Letter) Normalize() {
	l.Purpose = strings.TrimSpace(l.Purpose)
	l.PurposeNote = oneLine(l.PurposeNote)
	l.MarkName = oneLine(l.MarkName)
	l.MarkGoods = strings.TrimSpace(l.MarkGoods)
	var basis []string
	for _, b := range l.Basis {
		if b = oneLine(b); b != "" {
			basis = append(basis, b)
		}
	}
	l.Basis = basis
	if l.Purpose != "merek_djki" {
		l.MarkName, l.MarkGoods, l.MarkClasses = "", "", nil
	}
}

// Validate checks a letter request: the purpose, the mark of a trademark
// letter, the validity and the basis lines. issued is the day of issue.
func (l *Letter) Validate(issued bina.Date) error {
	var p bina.Problems
	if !LetterPurposes.Has(l.Purpose) {
		p.Add("purpose", "Pilih tujuan surat", "Choose the letter's purpose")
	}
	if l.Purpose == "lainnya" && l.PurposeNote == "" {
		p.Add("purpose_note", "Tuliskan keperluan surat", "Say what the letter is for")
	}
	if l.Purpose == "merek_djki" {
		if l.MarkName == "" {
			p.Add("mark_name", "Nama merek wajib diisi: satu surat untuk satu merek", "The mark's name is required: one letter covers one mark")
		}
		if l.MarkGoods == "" {
			p.Add("mark_goods", "Jenis barang/jasa merek wajib diisi", "The mark's goods or services are required")
		}
		if len(l.MarkClasses) == 0 {
			p.Add("mark_classes", "Isi kelas merek (1-45)", "Give the mark's classes (1-45)")
		}
		seen := map[int]bool{}
		for _, c := range l.MarkClasses {
			if c < 1 || c > 45 {
				p.Add("mark_classes", "Kelas merek %d tidak ada; kelas Nice 1 sampai 45", "Class %d does not exist; Nice classes are 1 to 45", c)
			} else if seen[c] {
				p.Add("mark_classes", "Kelas %d tercantum dua kali", "Class %d is listed twice", c)
			}
			seen[c] = true
		}
	}
	if !l.ValidUntil.IsZero() && l.Purpose != "merek_djki" {
		if l.ValidUntil.Before(issued) {
			p.Add("valid_until", "Tanggal berlaku sampai tidak boleh sebelum tanggal surat", "Valid until cannot be before the letter's date")
		} else if l.ValidUntil.After(bina.DateOf(issued.Year()+1, issued.Time().Month(), issued.Time().Day())) {
			p.Add("valid_until", "Surat berlaku paling lama satu tahun", "A letter is valid for one year at most")
		}
	}
	if len(l.Basis) > MaxLetterBasis {
		p.Add("basis", "Dasar binaan paling banyak %d baris", "At most %d lines of basis", MaxLetterBasis)
	}
	pairs := []string{"purpose_note", l.PurposeNote, "mark_name", l.MarkName, "mark_goods", l.MarkGoods}
	for _, b := range l.Basis {
		pairs = append(pairs, "basis", b)
	}
	checkLetterLengths(&p, pairs...)
	return p.Err()
}

// SetValidity sets ValidUntil for a letter issued on day issued: 31
// December of that year for DJKI, and when no date was given.
func (l *Letter) SetValidity(issued bina.Date) {
	l.IssuedOn = issued
	if l.Purpose == "merek_djki" || l.ValidUntil.IsZero() {
		l.ValidUntil = bina.DateOf(issued.Year(), time.December, 31)
	}
}

// State returns the letter's state on day today: LetterStates.
func (l *Letter) State(today bina.Date) string {
	switch {
	case l.Status == "revoked":
		return "revoked"
	case l.ValidUntil.Before(today):
		return "expired"
	}
	return "valid"
}

// MarkClassText lists the mark's classes as "25, 30".
func (l *Letter) MarkClassText() string {
	s := make([]string, len(l.MarkClasses))
	for i, c := range l.MarkClasses {
		s[i] = strconv.Itoa(c)
	}
	return strings.Join(s, ", ")
}

// ParseMarkClasses reads classes written as "25, 30" or "25 30".
func ParseMarkClasses(s string) ([]int, error) {
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, bina.Errorf(bina.Invalid, "Kelas merek %q bukan angka", "Class %q is not a number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// Normalize tidies the settings as typed.
func (s *LetterSettings) Normalize() {
	for _, f := range []*string{&s.Letterhead.Government, &s.Letterhead.Office, &s.Letterhead.Address, &s.Letterhead.Phone,
		&s.Letterhead.Email, &s.Letterhead.Website, &s.Letterhead.City, &s.NumberPattern,
		&s.Signatory.Name, &s.Signatory.Rank, &s.Signatory.Title} {
		*f = oneLine(*f)
	}
	s.Signatory.NIP = strings.Join(strings.Fields(s.Signatory.NIP), " ")
}

// Validate checks the settings: the office and city, a pattern holding
// {nomor} and {tahun} once each, and a signatory with a well-formed NIP.
func (s *LetterSettings) Validate() error {
	var p bina.Problems
	if s.Letterhead.Government == "" {
		p.Add("letterhead.government", "Nama pemerintah daerah wajib diisi", "The government's name is required")
	}
	if s.Letterhead.Office == "" {
		p.Add("letterhead.office", "Nama dinas wajib diisi", "The office's name is required")
	}
	if s.Letterhead.City == "" {
		p.Add("letterhead.city", "Tempat penandatanganan wajib diisi", "The place of signing is required")
	}
	if s.Letterhead.Email != "" && !strings.Contains(s.Letterhead.Email, "@") {
		p.Add("letterhead.email", "Alamat email tidak dikenali", "Email address not understood")
	}
	pat := s.NumberPattern
	switch {
	case strings.Count(pat, PlaceholderSerial) != 1:
		p.Add("number_pattern", "Pola nomor harus memuat {nomor} tepat satu kali", "The number pattern must hold {nomor} exactly once")
	case strings.Count(pat, PlaceholderYear) != 1:
		p.Add("number_pattern", "Pola nomor harus memuat {tahun} tepat satu kali, agar nomor tidak terulang tiap tahun", "The number pattern must hold {tahun} exactly once, so numbers do not repeat each year")
	default:
		rest := strings.NewReplacer(PlaceholderSerial, "", PlaceholderYear, "").Replace(pat)
		if !patternChars.MatchString(rest) {
			p.Add("number_pattern", "Pola nomor hanya boleh memuat huruf, angka, titik, garis miring, garis bawah, tanda hubung dan spasi", "The number pattern may hold only letters, digits, dots, slashes, underscores, hyphens and spaces")
		}
	}
	if s.Signatory.Name == "" {
		p.Add("signatory.name", "Nama penandatangan wajib diisi", "The signatory's name is required")
	}
	if s.Signatory.Title == "" {
		p.Add("signatory.title", "Jabatan penandatangan wajib diisi", "The signatory's title is required")
	}
	if !nipPattern.MatchString(s.Signatory.NIP) {
		p.Add("signatory.nip", "NIP harus 18 angka, seperti 19660420 199203 1 008", "The NIP must be 18 digits, like 19660420 199203 1 008")
	}
	if s.EffectiveFrom.IsZero() {
		p.Add("effective_from", "Tanggal berlaku wajib diisi", "The effective date is required")
	}
	checkLetterLengths(&p, "letterhead.government", s.Letterhead.Government, "letterhead.office", s.Letterhead.Office,
		"letterhead.address", s.Letterhead.Address, "letterhead.phone", s.Letterhead.Phone, "letterhead.email", s.Letterhead.Email,
		"letterhead.website", s.Letterhead.Website, "letterhead.city", s.Letterhead.City, "number_pattern", s.NumberPattern,
		"signatory.name", s.Signatory.Name, "signatory.rank", s.Signatory.Rank, "signatory.title", s.Signatory.Title)
	return p.Err()
}

// Number returns the letter number of serial in year by the pattern.
func (s *LetterSettings) Number(serial, year int) string {
	return strings.NewReplacer(PlaceholderSerial, strconv.Itoa(serial), PlaceholderYear, strconv.Itoa(year)).Replace(s.NumberPattern)
}

// LetterVerification is what the public verification page shows of a
// letter: nothing personal (no NIK, phone or address; the owner by
// initials, the NIP partly hidden).
type LetterVerification struct {
	Number         string    `json:"number"`
	IssuedOn       bina.Date `json:"issued_on"`
	ValidUntil     bina.Date `json:"valid_until"`
	Office         string    `json:"office"`
	BusinessName   string    `json:"business_name"`
	OwnerInitials  string    `json:"owner_initials"`
	Purpose        string    `json:"purpose"` // LetterPurposes
	MarkName       string    `json:"mark_name"`
	SignatoryName  string    `json:"signatory_name"`
	SignatoryTitle string    `json:"signatory_title"`
	SignatoryNIP   string    `json:"signatory_nip"` // partly masked
	State          string    `json:"state"`         // LetterStates
	RevokedOn      bina.Date `json:"revoked_on"`
	PDFSHA256      string    `json:"pdf_sha256"`
}

// Verification returns the public facts of the letter on day today.
func (l *Letter) Verification(today bina.Date) LetterVerification {
	v := LetterVerification{
		Number: l.Number, IssuedOn: l.IssuedOn, ValidUntil: l.ValidUntil, Office: l.Letterhead.Office,
		BusinessName: l.Business.Name, OwnerInitials: Initials(l.Business.OwnerName), Purpose: l.Purpose,
		MarkName: l.MarkName, SignatoryName: l.Signatory.Name, SignatoryTitle: l.Signatory.Title,
		SignatoryNIP: MaskNIP(l.Signatory.NIP), State: l.State(today), PDFSHA256: l.PDFSHA256,
	}
	if l.RevokedAt != nil {
		v.RevokedOn = bina.DateFromTime(*l.RevokedAt)
	}
	return v
}

// Initials returns the initials of a name: "Siti Aminah" gives "S. A.".
func Initials(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) {
			parts = append(parts, string(unicode.ToUpper(r))+".")
		}
	}
	return strings.Join(parts, " ")
}

// MaskNIP hides a NIP's birth date and appointment, keeping the first two
// and the last three digits: 19660420 199203 1 008 gives
// 19•••••• •••••• • 008.
func MaskNIP(nip string) string {
	d := bina.NormalizeDigits(nip)
	if len(d) != 18 {
		return bina.Mask(nip)
	}
	return d[:2] + "•••••• •••••• • " + d[15:]
}

// MaskNIK hides the middle of a NIK, keeping the region (four digits) and
// the last four: 6112••••••••0001.
func MaskNIK(nik string) string {
	d := bina.NormalizeDigits(nik)
	if len(d) != 16 {
		return bina.Mask(nik)
	}
	return d[:4] + "••••••••" + d[12:]
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func checkLetterLengths(p *bina.Problems, pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		f, v := pairs[i], pairs[i+1]
		if n := letterTextLimits[f]; utf8.RuneCountInString(v) > n {
			p.Add(f, "Paling panjang %d huruf (sekarang %d)", "At most %d characters (now %d)", n, utf8.RuneCountInString(v))
		}
	}
}

// LetterRenderer makes the PDF of a letter from the letter alone: the same
// letter gives the same bytes, so the SHA-256 kept at issue can be checked.
type LetterRenderer func(l *Letter) ([]byte, error)

// LetterService issues and keeps Surat Keterangan UMK Binaan. Methods read
// the actor from ctx: letters are seen inside the actor's region only,
// issued and revoked by those who may edit the register; the settings are
// for admins.
type LetterService interface {
	// IssueLetter issues l for the enterprise l.EnterpriseID with the
	// settings in effect today: takes the next number of the year, a
	// verification code and its address under publicURL, snapshots the
	// business, the letterhead and the signatory, fills an empty Basis
	// from the business's records (LetterBasis), renders the PDF with
	// render and keeps its SHA-256, all in one transaction. Errors:
	// Invalid (bad request; the business is not binaan, is archived, or
	// is neither micro nor small; no settings yet), NotFound, Conflict (a
	// valid letter for the same mark this year), Forbidden, Unauthorized.
	IssueLetter(ctx context.Context, l *Letter, publicURL string, render LetterRenderer) error
	// FindLetter returns one letter. Errors: NotFound, Unauthorized.
	FindLetter(ctx context.Context, id int64) (*Letter, error)
	// ListLetters returns an enterprise's letters, newest first.
	// Errors: NotFound (no such enterprise in the actor's region),
	// Unauthorized.
	ListLetters(ctx context.Context, enterpriseID int64) ([]Letter, error)
	// RevokeLetter revokes a letter with a reason; its number stays taken.
	// Errors: Invalid (no reason), NotFound, Conflict (already revoked),
	// Forbidden, Unauthorized.
	RevokeLetter(ctx context.Context, id int64, reason string) error
	// VerifyLetter returns the public facts of the letter with the
	// verification code; it needs no sign-in. Errors: NotFound.
	VerifyLetter(ctx context.Context, code string) (*LetterVerification, error)
	// LettersReady reports whether letter settings are in effect today,
	// so that pages can say before anyone fills in a letter that an admin
	// must set them first. Errors: Unauthorized.
	LettersReady(ctx context.Context) (bool, error)
	// LetterSettings returns the settings in effect today.
	// Errors: NotFound (none saved yet), Forbidden, Unauthorized.
	LetterSettings(ctx context.Context) (*LetterSettings, error)
	// SaveLetterSettings stores new settings from s.EffectiveFrom on; the
	// earlier ones stay for the record. Errors: Invalid, Forbidden,
	// Unauthorized.
	SaveLetterSettings(ctx context.Context, s *LetterSettings) error
}
