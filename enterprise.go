package bina

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Owner is the person who runs an enterprise. One owner can run several
// enterprises, so the person is kept apart from the business. NIK, Phone,
// BirthDate and Address are personal data (UU 27/2022): services mask them
// for roles that may not see them.
type Owner struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	NIK        string `json:"nik"`
	Gender     string `json:"gender"` // Genders
	BirthDate  Date   `json:"birth_date"`
	Phone      string `json:"phone"` // phone or WhatsApp, 08... form
	Education  string `json:"education"`
	Disability bool   `json:"disability"`
	Address    string `json:"address"` // home address
	// Masked is set on a record read by someone who may not see personal
	// data: NIK, phone, birth date, disability and address are hidden.
	Masked bool `json:"masked"`
}

// Digital is an enterprise's digital presence.
type Digital struct {
	Marketplace        bool   `json:"marketplace"`
	SocialMedia        bool   `json:"social_media"`
	Website            bool   `json:"website"`
	QRIS               bool   `json:"qris"`
	DigitalBookkeeping bool   `json:"digital_bookkeeping"`
	Links              string `json:"links"` // shop and profile addresses, one per line
}

// Any reports whether the enterprise has any digital presence.
func (d Digital) Any() bool {
	return d.Marketplace || d.SocialMedia || d.Website || d.QRIS || d.DigitalBookkeeping
}

// AnnualSales is an enterprise's sales (omzet) in one year, in rupiah.
type AnnualSales struct {
	Year   int   `json:"year"`
	Amount int64 `json:"amount"`
}

// BinaanReasonImport is the reason kept with a binaan flag that came with
// the data (a spreadsheet, an import, the demo, the record's form) rather
// than from coaching records: it stays binaan as a staff decision.
const BinaanReasonImport = "data impor"

// LastFullYear is the year of a sales figure given without one: the last
// year that has ended by now. The year still running has no annual sales
// yet, and an office collecting figures in March means last year's.
func LastFullYear(now time.Time) int { return now.Year() - 1 }

// Enterprise is a business (usaha, UMKM) in the register. Money is whole
// rupiah in int64.
type Enterprise struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	TradeName   string     `json:"trade_name"`
	Owner       Owner      `json:"owner"`
	NIB         string     `json:"nib"`
	LegalForm   string     `json:"legal_form"` // LegalForms
	KBLI        []KBLICode `json:"kbli"`       // the first is the main activity
	MainProduct string     `json:"main_product"`
	Address     string     `json:"address"` // where the business operates
	// HomeBased is set on reading: the business runs from the owner's
	// home (IsHomeBased), so its address is personal data.
	HomeBased           bool          `json:"home_based"`
	VillageCode         RegionCode    `json:"village_code"`
	Latitude            *float64      `json:"latitude"`
	Longitude           *float64      `json:"longitude"`
	StartYear           int           `json:"start_year"`
	StartMonth          int           `json:"start_month"`
	Capital             int64         `json:"capital"` // modal usaha, without land and buildings
	Assets              int64         `json:"assets"`
	Sales               []AnnualSales `json:"sales"` // newest first
	WorkersPaidMale     int           `json:"workers_paid_male"`
	WorkersPaidFemale   int           `json:"workers_paid_female"`
	WorkersUnpaidMale   int           `json:"workers_unpaid_male"`
	WorkersUnpaidFemale int           `json:"workers_unpaid_female"`
	WorkersTotal        int           `json:"workers_total"` // all workers, at least the four above: WorkersUnsplit
	SizeReported        string        `json:"size_reported"` // the owner's own label, Sizes
	SizeComputed        string        `json:"size_computed"` // derived by the store, Sizes
	SizeRule            SizeRule      `json:"size_rule"`
	Digital             Digital       `json:"digital"`
	Status              string        `json:"status"` // OperatingStatuses
	Binaan              bool          `json:"binaan"` // under the office's coaching
	BinaanSince         Date          `json:"binaan_since"`
	// BinaanDecided is set when a staff decision, not the coaching records,
	// makes the business binaan; BinaanReason says why ("data impor" for a
	// flag that came from a spreadsheet). See docs/pembinaan.md.
	BinaanDecided bool   `json:"binaan_decided"`
	BinaanReason  string `json:"binaan_reason"`
	// ReachedFirst and ReachedLast are the first and last day the office
	// reached the business (an attended or completed activity, a coaching
	// session). The store keeps them from the records; writes ignore them.
	ReachedFirst Date   `json:"reached_first"`
	ReachedLast  Date   `json:"reached_last"`
	Verification string `json:"verification"` // Verifications
	Source       string `json:"source"`       // Sources
	SourceID     string `json:"source_id"`
	Notes        string `json:"notes"`

	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	Version       int        `json:"version"` // raised by every update; the ETag
	ArchivedAt    *time.Time `json:"archived_at"`
	ArchiveReason string     `json:"archive_reason"`
}

// MainKBLI returns the main KBLI code, or the zero code.
func (e *Enterprise) MainKBLI() KBLICode {
	if len(e.KBLI) == 0 {
		return KBLICode{}
	}
	return e.KBLI[0]
}

// LatestSales returns the sales of the newest year, or 0.
func (e *Enterprise) LatestSales() AnnualSales {
	var best AnnualSales
	for _, s := range e.Sales {
		if s.Year > best.Year {
			best = s
		}
	}
	return best
}

// Workers returns the number of workers, paid and unpaid.
func (e *Enterprise) Workers() int {
	return e.WorkersPaidMale + e.WorkersPaidFemale + e.WorkersUnpaidMale + e.WorkersUnpaidFemale
}

// Normalize tidies what people type (spaces inside numbers, phone forms,
// default enumerations) and derives the computed size. Stores call it
// before Validate.
func (e *Enterprise) Normalize() {
	e.Name = strings.Join(strings.Fields(e.Name), " ")
	e.TradeName = strings.TrimSpace(e.TradeName)
	e.Owner.Name = strings.Join(strings.Fields(e.Owner.Name), " ")
	e.Owner.NIK = NormalizeDigits(e.Owner.NIK)
	e.NIB = NormalizeDigits(e.NIB)
	if p, ok := NormalizePhone(e.Owner.Phone); ok {
		e.Owner.Phone = p
	}
	for i := range e.KBLI {
		e.KBLI[i].Code = strings.TrimSpace(e.KBLI[i].Code)
		if e.KBLI[i].Version == "" {
			e.KBLI[i].Version = KBLI2020
		}
	}
	if e.LegalForm == "" {
		e.LegalForm = "perorangan"
	}
	if e.Status == "" {
		e.Status = "aktif"
	}
	if e.Verification == "" {
		e.Verification = "belum"
	}
	if e.Source == "" {
		e.Source = "manual"
	}
	e.BinaanReason = strings.TrimSpace(e.BinaanReason)
	if !e.Binaan {
		e.BinaanDecided, e.BinaanReason = false, ""
	} else if !e.BinaanDecided && e.ReachedLast.IsZero() {
		// A flag with no coaching record behind it (a spreadsheet, the
		// demo, the form) is kept as a staff decision, so that it does not
		// silently flip when binaan is derived.
		e.BinaanDecided, e.BinaanReason = true, BinaanReasonImport
	}
	if e.BinaanDecided && e.BinaanReason == "" {
		e.BinaanReason = BinaanReasonImport
	}
	e.deriveWorkersTotal()
	e.SizeComputed = ComputeSize(e.Capital, e.LatestSales().Amount)
	e.SizeRule = ""
	if e.SizeComputed != "" {
		e.SizeRule = RulePP7_2021
	}
}

// Validate checks every field against the reference data and returns an
// Invalid *Error listing each problem beside its field, or nil.
func (e *Enterprise) Validate(ref Reference) error {
	var p Problems
	now := ref.Clock()
	if e.Name == "" {
		p.Add("name", "Nama usaha wajib diisi", "Business name is required")
	} else if len([]rune(e.Name)) > 200 {
		p.Add("name", "Nama usaha paling panjang 200 huruf", "Business name is at most 200 characters")
	}
	if e.Owner.Name == "" {
		p.Add("owner.name", "Nama pemilik wajib diisi", "Owner name is required")
	}
	if e.Owner.NIK != "" {
		if msg, ok := CheckNIK(e.Owner.NIK, now); !ok {
			p.Fields = append(p.Fields, FieldError{Field: "owner.nik", Message: msg})
		}
	}
	if e.Owner.Gender != "" && !Genders.Has(e.Owner.Gender) {
		p.Add("owner.gender", "Jenis kelamin tidak dikenal", "Unknown gender")
	}
	if e.Owner.Education != "" && !Educations.Has(e.Owner.Education) {
		p.Add("owner.education", "Pendidikan tidak dikenal", "Unknown education level")
	}
	if !e.Owner.BirthDate.IsZero() {
		if e.Owner.BirthDate.After(DateFromTime(now)) {
			p.Add("owner.birth_date", "Tanggal lahir tidak boleh di masa depan", "Birth date cannot be in the future")
		} else if e.Owner.BirthDate.Year() < now.Year()-120 {
			p.Add("owner.birth_date", "Tanggal lahir terlalu lampau", "Birth date is too far in the past")
		}
	}
	if e.Owner.Phone != "" {
		if _, ok := NormalizePhone(e.Owner.Phone); !ok {
			p.Add("owner.phone", "Nomor HP tidak dikenali; tulis seperti 081234567890", "Phone number not understood; write it like 081234567890")
		}
	}
	if e.NIB != "" {
		if msg, ok := CheckNIB(e.NIB); !ok {
			p.Fields = append(p.Fields, FieldError{Field: "nib", Message: msg})
		}
	}
	if !LegalForms.Has(e.LegalForm) {
		p.Add("legal_form", "Bentuk usaha tidak dikenal", "Unknown legal form")
	}
	seen := map[KBLICode]bool{}
	for i, k := range e.KBLI {
		field := "kbli"
		if i > 0 {
			field = "kbli_more"
		}
		if _, ok := ref.KBLI.Lookup(k); !ok {
			p.Add(field, "Kode KBLI %s tidak ada dalam KBLI %s", "KBLI code %s does not exist in KBLI %s", k.Code, k.Version)
		} else if seen[k] {
			p.Add(field, "Kode KBLI %s tercantum dua kali", "KBLI code %s is listed twice", k.Code)
		}
		seen[k] = true
	}
	if e.VillageCode == "" {
		p.Add("village_code", "Desa/kelurahan wajib dipilih", "Village is required")
	} else if ref.Regions != nil && (e.VillageCode.Level() != LevelVillage || !ref.Regions.Within(e.VillageCode)) {
		p.Add("village_code", "Kode desa %s tidak ada di wilayah %s", "Village code %s is not in region %s", e.VillageCode, ref.Regions.Name(ref.Regions.Root()))
	}
	checkCoordinates(&p, e.Latitude, e.Longitude)
	CheckLengths(&p, "owner.name", e.Owner.Name, "trade_name", e.TradeName, "main_product", e.MainProduct, "address", e.Address,
		"owner.address", e.Owner.Address, "digital.links", e.Digital.Links, "source_id", e.SourceID, "notes", e.Notes)
	if e.StartYear != 0 && (e.StartYear < 1900 || e.StartYear > now.Year()) {
		p.Add("start_year", "Tahun mulai harus antara 1900 dan %d", "Start year must be between 1900 and %d", now.Year())
	}
	if e.StartMonth < 0 || e.StartMonth > 12 {
		p.Add("start_month", "Bulan mulai harus 1-12", "Start month must be 1-12")
	} else if e.StartYear == now.Year() && e.StartMonth > int(now.Month()) {
		p.Add("start_month", "Bulan mulai tidak boleh di masa depan", "Start month cannot be in the future")
	}
	if e.Capital < 0 {
		p.Add("capital", "Modal tidak boleh negatif", "Capital cannot be negative")
	}
	if e.Assets < 0 {
		p.Add("assets", "Aset tidak boleh negatif", "Assets cannot be negative")
	}
	years := map[int]bool{}
	for _, s := range e.Sales {
		if s.Amount < 0 {
			p.Add("sales", "Omzet tidak boleh negatif", "Sales cannot be negative")
		}
		if s.Year < 1900 || s.Year > now.Year() {
			p.Add("sales", "Tahun omzet %d tidak masuk akal", "Sales year %d is not plausible", s.Year)
		}
		if years[s.Year] {
			p.Add("sales", "Omzet tahun %d tercantum dua kali", "Sales for %d listed twice", s.Year)
		}
		years[s.Year] = true
	}
	for field, n := range map[string]int{"workers_paid_male": e.WorkersPaidMale, "workers_paid_female": e.WorkersPaidFemale, "workers_unpaid_male": e.WorkersUnpaidMale, "workers_unpaid_female": e.WorkersUnpaidFemale} {
		if n < 0 || n > 100000 {
			p.Add(field, "Jumlah tenaga kerja harus 0 sampai 100.000", "Number of workers must be 0 to 100,000")
		}
	}
	e.checkWorkersTotal(&p)
	if e.SizeReported != "" && !Sizes.Has(e.SizeReported) {
		p.Add("size_reported", "Skala usaha tidak dikenal", "Unknown business size")
	}
	if !OperatingStatuses.Has(e.Status) {
		p.Add("status", "Status usaha tidak dikenal", "Unknown operating status")
	}
	if !Verifications.Has(e.Verification) {
		p.Add("verification", "Status verifikasi tidak dikenal", "Unknown verification state")
	}
	if !Sources.Has(e.Source) {
		p.Add("source", "Sumber data tidak dikenal", "Unknown source")
	}
	if !e.BinaanSince.IsZero() && e.BinaanSince.After(DateFromTime(now)) {
		p.Add("binaan_since", "Tanggal mulai binaan tidak boleh di masa depan", "Coaching start cannot be in the future")
	}
	return p.Err()
}

// textLimits are the most characters a free-text field holds: a page shows
// them whole, so a notes field of a megabyte made a record page 19.5 MB.
var textLimits = map[string]int{"owner.name": 200, "trade_name": 200, "main_product": 200, "legal_number": 100, "address": 500,
	"owner.address": 500, "digital.links": 2000, "source_id": 100, "notes": 4000}

// CheckLengths adds a problem for each field longer than its text limit;
// pairs are a field's name and its value.
func CheckLengths(p *Problems, pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		f, v := pairs[i], pairs[i+1]
		if n := textLimits[f]; len(v) > n && utf8.RuneCountInString(v) > n {
			p.Add(f, "Paling panjang %d huruf (sekarang %d)", "At most %d characters (now %d)", n, utf8.RuneCountInString(v))
		}
	}
}

func checkCoordinates(p *Problems, lat, lon *float64) {
	if (lat == nil) != (lon == nil) {
		p.Add("latitude", "Isi lintang dan bujur bersama-sama", "Give latitude and longitude together")
		return
	}
	if lat == nil {
		return
	}
	// Indonesia lies roughly between 6.5° N and 11.5° S, 94.5° E and 141.5° E.
	if *lat < -11.5 || *lat > 6.5 || *lon < 94.5 || *lon > 141.5 {
		p.Add("latitude", "Koordinat berada di luar Indonesia", "Coordinates lie outside Indonesia")
	}
}

// EnterpriseFilter selects enterprises for lists, the API and exports.
// Zero values mean "any".
type EnterpriseFilter struct {
	Region       RegionCode // a kecamatan or desa (or any code below the root)
	KBLISection  string     // A-U, or "any" / "none": a main KBLI code of a known section or not
	Size         string     // Sizes, matched on the computed size
	Status       string     // OperatingStatuses
	Binaan       string     // "ya", "tidak" or ""
	Reached      string     // ReachedFilter: "never", "ever", "since:YEAR" or ""
	Verification string     // Verifications
	Digital      string     // DigitalChannels code, "any" or "none"
	Query        string     // words of the name, trade name, owner name, or a NIB
	Archived     bool       // list archived records instead of live ones
	CreatedYear  int        // records created in this year (0: any)
	ArchivedYear int        // with Archived: records archived in this year (0: any)
	// The owner's gender (Genders, or "none": not recorded) and
	// disability ("ya", "tidak" or "").
	OwnerGender     string
	OwnerDisability string
	// NIKValid is "ya" for the records whose owner's NIK passes CheckNIK,
	// "tidak" for the others ("" any); VillageKnown likewise for a desa
	// code among the regions in force. Both are the figures
	// dq_nik_valid_share and dq_no_village.
	NIKValid     string
	VillageKnown string
	// FinancingYear selects the records with a "financing obtained"
	// milestone dated in this year (0: any).
	FinancingYear int
	// AtYearEnd lists the register as it stood at the end of a past year:
	// the records created by then and not archived by then, archived
	// since or not (0, or the current year: the register now). It is the
	// list behind a past year's count (issue 13).
	AtYearEnd int
	Sort      string // EnterpriseSorts
	Cursor    string // opaque position from a previous page
	Limit     int    // page size, 1-200 (default 25)
}

// EnterpriseSorts are the orders a list can take: by the list's columns
// (name, desa, size) and by its history. A code and the code with "-"
// before it are one order and its reverse, whole: "-size" puts besar
// first and the names within a class Z-A (docs/search.md).
var EnterpriseSorts = Options{
	{"name", "Nama (A-Z)", "Name (A-Z)"},
	{"-name", "Nama (Z-A)", "Name (Z-A)"},
	{"region", "Wilayah (kecamatan, desa)", "Area (district, village)"},
	{"-region", "Wilayah, urutan terbalik", "Area, reversed"},
	{"size", "Skala (mikro dulu)", "Size (micro first)"},
	{"-size", "Skala (besar dulu)", "Size (large first)"},
	{"-updated", "Terakhir diubah", "Recently changed"},
	{"updated", "Paling lama tidak diubah", "Least recently changed"},
	{"-id", "Terakhir didaftarkan", "Recently registered"},
	{"id", "Pertama didaftarkan", "First registered"},
}

// Page is one page of a list with keyset cursors: Next and Prev are opaque
// and empty at the ends. Total is the number of matching records, exact
// except for a search matching more than 10,000: a search counts up to
// 10,000, and TotalCapped then says that Total is that bound ("more than
// 10,000"), not the number.
type Page[T any] struct {
	Items       []T    `json:"items"`
	Total       int    `json:"total"`
	TotalCapped bool   `json:"total_capped,omitempty"`
	Next        string `json:"next,omitempty"`
	Prev        string `json:"prev,omitempty"`
}

// RegionCount is the number of live enterprises in one kecamatan and size.
type RegionCount struct {
	District RegionCode `json:"district"`
	// Village is the desa of the count when the user's area is one
	// kecamatan or smaller: an officer's counts come per desa (issue 14).
	Village RegionCode `json:"village,omitempty"`
	Size    string     `json:"size"` // "" when the size is unknown
	Total   int        `json:"total"`
	Binaan  int        `json:"binaan"`
}

// PossibleDuplicate is a record of the register that a record being
// saved by hand resembles.
type PossibleDuplicate struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	VillageCode RegionCode `json:"village_code"`
	Rule        string     `json:"rule"`
	Reason      Text       `json:"reason"`
}

// EnterpriseService keeps the register of enterprises. Every method reads
// the actor from ctx (UserFromContext): lists and lookups are limited to the
// actor's region, personal data is masked for roles that may not see it, and
// writes are recorded in the history with the actor's name.
type EnterpriseService interface {
	// FindEnterprise returns one enterprise, archived or not.
	// Errors: NotFound (also outside the actor's region), Unauthorized.
	FindEnterprise(ctx context.Context, id int64) (*Enterprise, error)
	// ListEnterprises returns one page of enterprises matching f.
	// Errors: Invalid (bad filter or cursor), Unauthorized.
	ListEnterprises(ctx context.Context, f EnterpriseFilter) (Page[Enterprise], error)
	// CreateEnterprise validates e, stores it with its owner and sets its
	// ID, Version and timestamps. Errors: Invalid, Forbidden, Unauthorized.
	CreateEnterprise(ctx context.Context, e *Enterprise) error
	// UpdateEnterprise replaces the enterprise e.ID when its stored version
	// equals e.Version, then raises the version. Errors: Invalid, NotFound,
	// Conflict (the record changed meanwhile), Forbidden, Unauthorized.
	UpdateEnterprise(ctx context.Context, e *Enterprise) error
	// EnterpriseDuplicates returns the live records in the actor's region
	// that e resembles by the duplicate rules of an import (FindDuplicates,
	// with the candidates an import fetches), e itself left out when it is
	// stored: what the form and the API show before a record typed by hand
	// is saved. Errors: Forbidden, Unauthorized.
	EnterpriseDuplicates(ctx context.Context, e *Enterprise) ([]PossibleDuplicate, error)
	// ArchiveEnterprise takes the enterprise out of the live register with
	// a reason; nothing is deleted. Errors: Invalid (no reason), NotFound,
	// Conflict (already archived), Forbidden, Unauthorized.
	ArchiveEnterprise(ctx context.Context, id int64, reason string) error
	// RestoreEnterprise brings an archived enterprise back.
	// Errors: NotFound, Conflict (not archived), Forbidden, Unauthorized.
	RestoreEnterprise(ctx context.Context, id int64) error
	// EnterpriseCounts returns live enterprises per kecamatan and computed
	// size inside the actor's region. The store keeps these counts as it
	// writes, so the call does not scan the register.
	EnterpriseCounts(ctx context.Context) ([]RegionCount, error)
}

// LogValue describes a filter for the log: every choice, but only whether
// a search was given, never its words, which may be a NIK or a name
// (UU 27/2022).
func (f EnterpriseFilter) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("region", string(f.Region)),
		slog.String("kbli_section", f.KBLISection),
		slog.String("size", f.Size),
		slog.String("status", f.Status),
		slog.String("binaan", f.Binaan),
		slog.String("reached", f.Reached),
		slog.String("verification", f.Verification),
		slog.String("digital", f.Digital),
		slog.String("owner_gender", f.OwnerGender),
		slog.String("owner_disability", f.OwnerDisability),
		slog.String("nik_valid", f.NIKValid),
		slog.String("village_known", f.VillageKnown),
		slog.String("created_year", yearText(f.CreatedYear)),
		slog.String("archived_year", yearText(f.ArchivedYear)),
		slog.String("financing_year", yearText(f.FinancingYear)),
		slog.String("at_year_end", yearText(f.AtYearEnd)),
		slog.Bool("search", strings.TrimSpace(f.Query) != ""),
		slog.Bool("archived", f.Archived),
		slog.String("sort", f.Sort),
	)
}

// yearText is a year of a filter as the log shows it: empty when unset.
func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// LogValue describes a filter for the log without its search words.
func (f CooperativeFilter) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("region", string(f.Region)),
		slog.String("jenis", f.Jenis),
		slog.String("bentuk", f.Bentuk),
		slog.String("pola", f.Pola),
		slog.String("kelompok", f.Kelompok),
		slog.String("active", f.Active),
		slog.String("kdmp", f.KDMP),
		slog.String("verification", f.Verification),
		slog.String("report", f.Report),
		slog.String("health", f.Health),
		slog.String("at_year_end", yearText(f.AtYearEnd)),
		slog.Bool("search", strings.TrimSpace(f.Query) != ""),
		slog.Bool("archived", f.Archived),
		slog.String("sort", f.Sort),
	)
}
