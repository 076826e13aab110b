package bina

import (
	"context"
	"strings"
	"time"
)

// Jenises are the types (jenis) of cooperative (UU 25/1992 and practice).
var Jenises = Options{
	{"simpan_pinjam", "Simpan Pinjam (KSP)", "Savings and loan"},
	{"konsumen", "Konsumen", "Consumer"},
	{"produsen", "Produsen", "Producer"},
	{"pemasaran", "Pemasaran", "Marketing"},
	{"jasa", "Jasa", "Services"},
	{"serba_usaha", "Serba Usaha (KSU)", "Multi-purpose"},
}

// Bentuks are the forms (bentuk) of cooperative.
var Bentuks = Options{
	{"primer", "Primer", "Primary"},
	{"sekunder", "Sekunder", "Secondary"},
}

// Polas are the management patterns (pola pengelolaan).
var Polas = Options{
	{"konvensional", "Konvensional", "Conventional"},
	{"syariah", "Syariah", "Sharia"},
}

// DefaultKelompoks are the cooperative groups (kelompok) a new deployment
// starts with; the office can add more (CooperativeService.AddKelompok).
var DefaultKelompoks = Options{
	{"umum", "Umum", "General"},
	{"kud", "Koperasi Unit Desa (KUD)", "Village unit cooperative"},
	{"karyawan", "Karyawan", "Employees"},
	{"kpri", "Pegawai Negeri (KPRI)", "Civil servants"},
	{"tni_polri", "TNI/Polri", "Armed forces and police"},
	{"pesantren", "Pondok Pesantren", "Islamic boarding school"},
	{"wanita", "Wanita", "Women"},
	{"pasar", "Pasar", "Market traders"},
	{"credit_union", "Credit Union", "Credit union"},
	{"nelayan", "Nelayan", "Fishers"},
	{"tani", "Tani/Perkebunan", "Farmers and planters"},
	{"kdmp", "Koperasi Desa Merah Putih", "Village cooperative (KDMP)"},
}

// OfficerRoles are the roles in a cooperative's board, supervisors and
// management.
var OfficerRoles = Options{
	{"ketua", "Ketua", "Chair"},
	{"wakil_ketua", "Wakil Ketua", "Vice chair"},
	{"sekretaris", "Sekretaris", "Secretary"},
	{"bendahara", "Bendahara", "Treasurer"},
	{"pengawas", "Pengawas", "Supervisor"},
	{"ketua_pengawas", "Ketua Pengawas", "Chief supervisor"},
	{"manajer", "Manajer", "Manager"},
}

// HealthResults are the categories of a savings-and-loan health assessment
// (the old Perdep 06/2016 regime; the 2020 regime is added as its own
// rule set when assessments are built).
var HealthResults = Options{
	{"sehat", "Sehat", "Healthy"},
	{"cukup_sehat", "Cukup Sehat", "Fairly healthy"},
	{"dalam_pengawasan", "Dalam Pengawasan", "Under supervision"},
	{"dalam_pengawasan_khusus", "Dalam Pengawasan Khusus", "Under special supervision"},
}

// Amendment is a change of a cooperative's articles (PAD) with its own
// legal number and date.
type Amendment struct {
	Number string `json:"number"`
	Date   Date   `json:"date"`
	Note   string `json:"note"`
}

// Officer is a member of the board (pengurus), a supervisor (pengawas) or the
// manager of a cooperative. Phone is personal data.
type Officer struct {
	Name      string `json:"name"`
	Role      string `json:"role"` // OfficerRoles
	Gender    string `json:"gender"`
	Phone     string `json:"phone"`
	TermStart Date   `json:"term_start"`
	TermEnd   Date   `json:"term_end"`
}

// BusinessUnit is a line of business or outlet (gerai) of a cooperative.
type BusinessUnit struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // free text: "simpan pinjam", "gerai sembako", "apotek desa"
}

// RAT is the record of a cooperative's annual members' meeting for one book
// year, with the annual figures of the national "perkembangan koperasi"
// report. Money is whole rupiah.
type RAT struct {
	BookYear            int    `json:"book_year"`
	HeldOn              Date   `json:"held_on"` // zero: not held
	ReportedOn          Date   `json:"reported_on"`
	MembersPresent      int    `json:"members_present"`
	MembersFemale       int    `json:"members_female"`
	MembersMale         int    `json:"members_male"`
	Prospective         int    `json:"prospective_members"`
	EmployeesFemale     int    `json:"employees_female"`
	EmployeesMale       int    `json:"employees_male"`
	ManagersFemale      int    `json:"managers_female"`
	ManagersMale        int    `json:"managers_male"`
	SimpananPokok       int64  `json:"simpanan_pokok"`
	SimpananWajib       int64  `json:"simpanan_wajib"`
	Reserves            int64  `json:"reserves"` // cadangan
	Grants              int64  `json:"grants"`   // hibah
	BorrowedCapital     int64  `json:"borrowed_capital"`
	EquityParticipation int64  `json:"equity_participation"` // modal penyertaan
	Assets              int64  `json:"assets"`
	SavingsReceived     int64  `json:"savings_received"`
	LoansGiven          int64  `json:"loans_given"`
	BusinessVolume      int64  `json:"business_volume"`
	SHU                 int64  `json:"shu"` // may be negative (a loss)
	HasBusinessLicense  bool   `json:"has_business_license"`
	HealthAssessed      bool   `json:"health_assessed"`
	HealthResult        string `json:"health_result"` // HealthResults
}

// OwnCapital returns the cooperative's own capital (modal sendiri).
func (r RAT) OwnCapital() int64 {
	return r.SimpananPokok + r.SimpananWajib + r.Reserves + r.Grants
}

// Validate checks a RAT record.
func (r *RAT) Validate(now time.Time) error {
	var p Problems
	if r.BookYear < 1950 || r.BookYear >= now.Year()+1 {
		p.Add("book_year", "Tahun buku harus antara 1950 dan %d", "Book year must be between 1950 and %d", now.Year())
	}
	if !r.HeldOn.IsZero() {
		if r.HeldOn.After(DateFromTime(now)) {
			p.Add("held_on", "Tanggal RAT tidak boleh di masa depan", "RAT date cannot be in the future")
		} else if r.HeldOn.Year() <= r.BookYear {
			p.Add("held_on", "RAT tahun buku %d diadakan setelah tahun buku itu berakhir", "The RAT for book year %d is held after that year ends", r.BookYear)
		}
	}
	if !r.ReportedOn.IsZero() && r.ReportedOn.After(DateFromTime(now)) {
		p.Add("reported_on", "Tanggal laporan tidak boleh di masa depan", "Report date cannot be in the future")
	}
	for field, n := range map[string]int{"members_present": r.MembersPresent, "members_female": r.MembersFemale, "members_male": r.MembersMale, "prospective_members": r.Prospective, "employees_female": r.EmployeesFemale, "employees_male": r.EmployeesMale, "managers_female": r.ManagersFemale, "managers_male": r.ManagersMale} {
		if n < 0 {
			p.Add(field, "Jumlah tidak boleh negatif", "Count cannot be negative")
		}
	}
	if r.MembersPresent > r.MembersFemale+r.MembersMale && r.MembersFemale+r.MembersMale > 0 {
		p.Add("members_present", "Anggota hadir melebihi jumlah anggota", "Members present exceed the membership")
	}
	for field, v := range map[string]int64{"simpanan_pokok": r.SimpananPokok, "simpanan_wajib": r.SimpananWajib, "reserves": r.Reserves, "grants": r.Grants, "borrowed_capital": r.BorrowedCapital, "equity_participation": r.EquityParticipation, "assets": r.Assets, "savings_received": r.SavingsReceived, "loans_given": r.LoansGiven, "business_volume": r.BusinessVolume} {
		if v < 0 {
			p.Add(field, "Nilai rupiah tidak boleh negatif", "Amount cannot be negative")
		}
	}
	if r.HealthResult != "" && !HealthResults.Has(r.HealthResult) {
		p.Add("health_result", "Hasil penilaian kesehatan tidak dikenal", "Unknown health result")
	}
	return p.Err()
}

// Cooperative is a cooperative (koperasi) in the register.
type Cooperative struct {
	ID                 int64          `json:"id"`
	Name               string         `json:"name"`
	RegistrationNumber string         `json:"registration_number"` // Nomor Induk Koperasi (NIK koperasi)
	CertificateDate    Date           `json:"certificate_date"`
	CertificateExpiry  Date           `json:"certificate_expiry"`
	LegalNumber        string         `json:"legal_number"` // nomor badan hukum
	LegalDate          Date           `json:"legal_date"`
	Amendments         []Amendment    `json:"amendments"`
	NPWP               string         `json:"npwp"`
	NIB                string         `json:"nib"`
	SavingsLicense     string         `json:"savings_license"` // izin usaha simpan pinjam
	Jenis              string         `json:"jenis"`
	Bentuk             string         `json:"bentuk"`
	Pola               string         `json:"pola"`
	Kelompok           string         `json:"kelompok"`
	KBLI               KBLICode       `json:"kbli"`
	Address            string         `json:"address"`
	VillageCode        RegionCode     `json:"village_code"`
	Latitude           *float64       `json:"latitude"`
	Longitude          *float64       `json:"longitude"`
	MembersFemale      int            `json:"members_female"`
	MembersMale        int            `json:"members_male"`
	EmployeesFemale    int            `json:"employees_female"`
	EmployeesMale      int            `json:"employees_male"`
	Officers           []Officer      `json:"officers"`
	Units              []BusinessUnit `json:"units"`
	KDMP               bool           `json:"kdmp"` // Koperasi Desa Merah Putih
	Verification       string         `json:"verification"`
	Source             string         `json:"source"`
	SourceID           string         `json:"source_id"`
	Notes              string         `json:"notes"`

	// RATs are the annual meeting records, newest first. Stores fill them
	// in FindCooperative and keep them through SaveRAT, not through
	// UpdateCooperative.
	RATs        []RAT `json:"rats"`
	LastRATYear int   `json:"last_rat_year"` // newest book year whose RAT was held; 0 if none
	Active      bool  `json:"active"`        // computed by ActiveCooperative

	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	Version       int        `json:"version"`
	ArchivedAt    *time.Time `json:"archived_at"`
	ArchiveReason string     `json:"archive_reason"`
}

// Members returns the number of members.
func (c *Cooperative) Members() int { return c.MembersFemale + c.MembersMale }

// LastDueBookYear returns the newest book year whose RAT is overdue at now:
// the RAT for book year T is due by 30 June of T+1, so on 1 July 2026 the
// RAT for 2025 becomes due, and before that the newest due one is 2024's.
func LastDueBookYear(now time.Time) int {
	if now.Month() >= time.July {
		return now.Year() - 1
	}
	return now.Year() - 2
}

// ActiveCooperative applies the rule of DOMAIN.md section 6: a cooperative
// is active when it held the RAT of the newest due book year, or of one of
// the tolerance years before it. lastRATYear is the newest book year whose
// RAT was held (0 for none).
func ActiveCooperative(lastRATYear int, now time.Time, tolerance int) bool {
	if lastRATYear == 0 {
		return false
	}
	return lastRATYear >= ActiveSinceBookYear(now, tolerance)
}

// ActiveSinceBookYear returns the oldest book year whose held RAT still makes
// a cooperative active at now: stores filter on last_rat_year >= this.
func ActiveSinceBookYear(now time.Time, tolerance int) int {
	if tolerance < 0 {
		tolerance = 0
	}
	return LastDueBookYear(now) - tolerance
}

// Normalize tidies a cooperative before validation.
func (c *Cooperative) Normalize() {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.RegistrationNumber = NormalizeDigits(c.RegistrationNumber)
	c.NPWP = NormalizeDigits(c.NPWP)
	c.NIB = NormalizeDigits(c.NIB)
	c.LegalNumber = strings.TrimSpace(c.LegalNumber)
	if c.KBLI.Code != "" && c.KBLI.Version == "" {
		c.KBLI.Version = KBLI2020
	}
	if c.Bentuk == "" {
		c.Bentuk = "primer"
	}
	if c.Pola == "" {
		c.Pola = "konvensional"
	}
	if c.Kelompok == "" {
		c.Kelompok = "umum"
		if c.KDMP {
			c.Kelompok = "kdmp"
		}
	}
	if c.Verification == "" {
		c.Verification = "belum"
	}
	if c.Source == "" {
		c.Source = "manual"
	}
	for i := range c.Officers {
		c.Officers[i].Name = strings.TrimSpace(c.Officers[i].Name)
		if p, ok := NormalizePhone(c.Officers[i].Phone); ok {
			c.Officers[i].Phone = p
		}
	}
}

// Validate checks a cooperative against the reference data; kelompoks is
// the office's current list of groups.
func (c *Cooperative) Validate(ref Reference, kelompoks Options) error {
	var p Problems
	now := ref.Clock()
	if c.Name == "" {
		p.Add("name", "Nama koperasi wajib diisi", "Cooperative name is required")
	} else if len([]rune(c.Name)) > 200 {
		p.Add("name", "Nama koperasi paling panjang 200 huruf", "Name is at most 200 characters")
	}
	if c.RegistrationNumber != "" {
		if msg, ok := CheckCooperativeNumber(c.RegistrationNumber); !ok {
			p.Fields = append(p.Fields, FieldError{Field: "registration_number", Message: msg})
		}
	}
	if !c.CertificateDate.IsZero() && c.CertificateDate.After(DateFromTime(now)) {
		p.Add("certificate_date", "Tanggal sertifikat tidak boleh di masa depan", "Certificate date cannot be in the future")
	}
	if !c.CertificateExpiry.IsZero() && !c.CertificateDate.IsZero() && c.CertificateExpiry.Before(c.CertificateDate) {
		p.Add("certificate_expiry", "Masa berlaku berakhir sebelum tanggal sertifikat", "Expiry is before the certificate date")
	}
	if !c.LegalDate.IsZero() && c.LegalDate.After(DateFromTime(now)) {
		p.Add("legal_date", "Tanggal badan hukum tidak boleh di masa depan", "Legal entity date cannot be in the future")
	}
	for _, a := range c.Amendments {
		if a.Number == "" {
			p.Add("amendments", "Nomor perubahan anggaran dasar wajib diisi", "Amendment number is required")
		}
		if !a.Date.IsZero() && a.Date.After(DateFromTime(now)) {
			p.Add("amendments", "Tanggal perubahan tidak boleh di masa depan", "Amendment date cannot be in the future")
		}
	}
	if c.NPWP != "" {
		if msg, ok := CheckNPWP(c.NPWP); !ok {
			p.Fields = append(p.Fields, FieldError{Field: "npwp", Message: msg})
		}
	}
	if c.NIB != "" {
		if msg, ok := CheckNIB(c.NIB); !ok {
			p.Fields = append(p.Fields, FieldError{Field: "nib", Message: msg})
		}
	}
	if !Jenises.Has(c.Jenis) {
		p.Add("jenis", "Jenis koperasi wajib dipilih", "Cooperative type is required")
	}
	if !Bentuks.Has(c.Bentuk) {
		p.Add("bentuk", "Bentuk koperasi tidak dikenal", "Unknown cooperative form")
	}
	if !Polas.Has(c.Pola) {
		p.Add("pola", "Pola pengelolaan tidak dikenal", "Unknown management pattern")
	}
	if !kelompoks.Has(c.Kelompok) {
		p.Add("kelompok", "Kelompok koperasi tidak dikenal", "Unknown cooperative group")
	}
	if c.KBLI.Code != "" {
		if _, ok := ref.KBLI.Lookup(c.KBLI); !ok {
			p.Add("kbli", "Kode KBLI %s tidak ada dalam KBLI %s", "KBLI code %s does not exist in KBLI %s", c.KBLI.Code, c.KBLI.Version)
		}
	}
	if c.VillageCode == "" {
		p.Add("village_code", "Desa/kelurahan wajib dipilih", "Village is required")
	} else if ref.Regions != nil && (c.VillageCode.Level() != LevelVillage || !ref.Regions.Within(c.VillageCode)) {
		p.Add("village_code", "Kode desa %s tidak ada di wilayah %s", "Village code %s is not in region %s", c.VillageCode, ref.Regions.Name(ref.Regions.Root()))
	}
	checkCoordinates(&p, c.Latitude, c.Longitude)
	for field, n := range map[string]int{"members_female": c.MembersFemale, "members_male": c.MembersMale, "employees_female": c.EmployeesFemale, "employees_male": c.EmployeesMale} {
		if n < 0 {
			p.Add(field, "Jumlah tidak boleh negatif", "Count cannot be negative")
		}
	}
	if c.Bentuk == "primer" && c.Members() > 0 && c.Members() < 9 {
		p.Add("members_male", "Koperasi primer beranggotakan paling sedikit 9 orang", "A primary cooperative has at least 9 members")
	}
	for _, o := range c.Officers {
		if o.Name == "" {
			p.Add("officers", "Nama pengurus wajib diisi", "Officer name is required")
		}
		if !OfficerRoles.Has(o.Role) {
			p.Add("officers", "Jabatan %q tidak dikenal", "Unknown role %q", o.Role)
		}
		if o.Phone != "" {
			if _, ok := NormalizePhone(o.Phone); !ok {
				p.Add("officers", "Nomor HP pengurus %s tidak dikenali", "Phone of officer %s not understood", o.Name)
			}
		}
		if !o.TermEnd.IsZero() && !o.TermStart.IsZero() && o.TermEnd.Before(o.TermStart) {
			p.Add("officers", "Masa jabatan %s berakhir sebelum mulai", "Term of %s ends before it starts", o.Name)
		}
	}
	for _, u := range c.Units {
		if strings.TrimSpace(u.Name) == "" {
			p.Add("units", "Nama unit usaha wajib diisi", "Business unit name is required")
		}
	}
	if !Verifications.Has(c.Verification) {
		p.Add("verification", "Status verifikasi tidak dikenal", "Unknown verification state")
	}
	if !Sources.Has(c.Source) {
		p.Add("source", "Sumber data tidak dikenal", "Unknown source")
	}
	CheckLengths(&p, "legal_number", c.LegalNumber, "address", c.Address, "source_id", c.SourceID, "notes", c.Notes)
	return p.Err()
}

// CooperativeFilter selects cooperatives. Zero values mean "any".
type CooperativeFilter struct {
	Region       RegionCode
	Jenis        string
	Bentuk       string
	Pola         string
	Kelompok     string
	Active       string // "ya", "tidak" or ""
	KDMP         string // "ya", "tidak" or ""
	Verification string
	Query        string // words of the name, or a registration number, NIB or legal number
	Archived     bool
	Sort         string // CooperativeSorts
	Cursor       string
	Limit        int

	// Report keeps those whose annual report of a book year was
	// submitted or accepted ("2025"), or accepted ("2025:diterima"):
	// ParseYearChoice with ReportChoices.
	Report string
	// Health keeps those assessed for a book year ("2025"), or assessed
	// in one category ("2025:sehat"): ParseYearChoice with HealthResults.
	Health string
	// AtYearEnd lists the register as it stood at the end of a past year:
	// the cooperatives recorded by then and not archived by then, archived
	// since or not (0, or the current year: the register now). It is the
	// list behind a past year's count (issue 13).
	AtYearEnd int
}

// CooperativeSorts are the orders a cooperative list can take: by the
// list's columns (name, type, desa, last RAT) and by its history, each
// with its reverse as in EnterpriseSorts.
var CooperativeSorts = Options{
	{"name", "Nama (A-Z)", "Name (A-Z)"},
	{"-name", "Nama (Z-A)", "Name (Z-A)"},
	{"jenis", "Jenis (A-Z)", "Type (A-Z)"},
	{"-jenis", "Jenis (Z-A)", "Type (Z-A)"},
	{"region", "Wilayah (kecamatan, desa)", "Area (district, village)"},
	{"-region", "Wilayah, urutan terbalik", "Area, reversed"},
	{"-rat", "RAT terakhir (terbaru dulu)", "Last RAT (newest first)"},
	{"rat", "RAT terakhir (terlama dulu)", "Last RAT (oldest first)"},
	{"-updated", "Terakhir diubah", "Recently changed"},
	{"updated", "Paling lama tidak diubah", "Least recently changed"},
	{"-id", "Terakhir didaftarkan", "Recently registered"},
	{"id", "Pertama didaftarkan", "First registered"},
}

// CooperativeCount is the number of live cooperatives in one kecamatan.
type CooperativeCount struct {
	District RegionCode `json:"district"`
	Village  RegionCode `json:"village,omitempty"` // as in RegionCount`
	Total    int        `json:"total"`
	Active   int        `json:"active"`
	KDMP     int        `json:"kdmp"`
}

// CooperativeService keeps the register of cooperatives, with the same
// rules of actor, region and history as EnterpriseService.
type CooperativeService interface {
	// FindCooperative returns one cooperative with its RAT records.
	// Errors: NotFound, Unauthorized.
	FindCooperative(ctx context.Context, id int64) (*Cooperative, error)
	// ListCooperatives returns one page (without RAT records).
	// Errors: Invalid, Unauthorized.
	ListCooperatives(ctx context.Context, f CooperativeFilter) (Page[Cooperative], error)
	// CreateCooperative validates and stores c. Errors: Invalid, Forbidden.
	CreateCooperative(ctx context.Context, c *Cooperative) error
	// UpdateCooperative replaces c.ID when its version equals c.Version;
	// RAT records are left as they are. Errors: Invalid, NotFound,
	// Conflict, Forbidden.
	UpdateCooperative(ctx context.Context, c *Cooperative) error
	// ArchiveCooperative archives with a reason. Errors: Invalid, NotFound,
	// Conflict, Forbidden.
	ArchiveCooperative(ctx context.Context, id int64, reason string) error
	// RestoreCooperative brings an archived cooperative back.
	// Errors: NotFound, Conflict, Forbidden.
	RestoreCooperative(ctx context.Context, id int64) error
	// SaveRAT creates or replaces the RAT record of r.BookYear and updates
	// the cooperative's last RAT year. Errors: Invalid, NotFound, Forbidden.
	SaveRAT(ctx context.Context, cooperativeID int64, r RAT) error
	// CooperativeCounts returns live cooperatives per kecamatan.
	CooperativeCounts(ctx context.Context) ([]CooperativeCount, error)
	// Kelompoks returns the office's list of cooperative groups.
	Kelompoks(ctx context.Context) (Options, error)
	// AddKelompok extends the list of groups. Errors: Invalid, Conflict,
	// Forbidden (admins only).
	AddKelompok(ctx context.Context, o Option) error
}
