package coaching

import (
	"bina"
	"context"
	"strconv"
	"strings"
	"time"
)

// Certificate is a licence or certificate an enterprise holds (NIB, P-IRT,
// halal, BPOM, merek, SNI, ...), with the programme that facilitated it
// (PEMBINAAN.md section B). Number is kept normalised (CheckCertificateNumber).
type Certificate struct {
	ID           int64     `json:"id"`
	EnterpriseID int64     `json:"enterprise_id"`
	Kind         string    `json:"kind"`   // CertificateKinds
	Number       string    `json:"number"` // normalised: digits, or the prefix and digits
	IssuedOn     bina.Date `json:"issued_on"`
	ExpiresOn    bina.Date `json:"expires_on"` // zero: no expiry (NIB, halal under UU 6/2023)
	Issuer       string    `json:"issuer"`
	// Status is the stage where the kind has stages (CertificateStatuses:
	// a trademark applied or registered); empty otherwise.
	Status string `json:"status"`
	// Route is the halal route (HalalRoutes); empty for other kinds.
	Route string `json:"route"`
	// ProgrammeID is the programme that facilitated it, if any.
	ProgrammeID *int64 `json:"programme_id"`
	// DocumentID is the attachment holding the scanned document, if any.
	DocumentID *int64 `json:"document_id"`
	Notes      string `json:"notes"`

	// EnterpriseName and VillageCode are filled on reading lists of
	// several enterprises (the expiry list); they are not stored here.
	EnterpriseName string          `json:"enterprise_name,omitempty"`
	VillageCode    bina.RegionCode `json:"village_code,omitempty"`

	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// The certificate kinds whose numbers Bina checks.
const (
	CertNIB           = "nib"
	CertPIRT          = "pirt"
	CertHalal         = "halal"
	CertBPOM          = "bpom"
	CertMerek         = "merek"
	CertSNI           = "sni"
	CertOther         = "lainnya"
	ReviewCertificate = "certificate" // review kind: the same number on two enterprises
)

// CertificateKinds are the licences and certificates of a business's path
// (DOMAIN.md section 7).
var CertificateKinds = bina.Options{
	{Code: CertNIB, ID: "NIB (OSS)", EN: "Business ID number (NIB, OSS)"},
	{Code: CertPIRT, ID: "SPP-IRT / P-IRT", EN: "Home-industry food licence (P-IRT)"},
	{Code: CertHalal, ID: "Sertifikat halal", EN: "Halal certificate"},
	{Code: CertBPOM, ID: "Izin edar BPOM MD/ML", EN: "BPOM food registration (MD/ML)"},
	{Code: CertMerek, ID: "Merek (DJKI)", EN: "Trademark (DJKI)"},
	{Code: CertSNI, ID: "SNI (SPPT SNI)", EN: "National standard (SNI)"},
	{Code: CertOther, ID: "Lainnya", EN: "Other"},
}

// CertificateStatuses are the stages of a trademark at DJKI.
var CertificateStatuses = bina.Options{
	{Code: "diajukan", ID: "Diajukan (nomor permohonan)", EN: "Applied (application number)"},
	{Code: "terdaftar", ID: "Terdaftar (nomor IDM)", EN: "Registered (IDM number)"},
	{Code: "ditolak", ID: "Ditolak", EN: "Refused"},
}

// HalalRoutes are the two routes to a halal certificate.
var HalalRoutes = bina.Options{
	{Code: "self_declare", ID: "Self-declare (pernyataan pelaku usaha)", EN: "Self-declared"},
	{Code: "reguler", ID: "Reguler (audit LPH)", EN: "Regular (audited)"},
}

// CertificateNumberHelp returns what a number of kind looks like, for forms.
func CertificateNumberHelp(kind string) bina.Text {
	switch kind {
	case CertNIB:
		return bina.Text{ID: "13 angka, mis. 0289010302776", EN: "13 digits, e.g. 0289010302776"}
	case CertPIRT:
		return bina.Text{ID: "15 angka, mis. P-IRT No. 2153276010281-21", EN: "15 digits, e.g. P-IRT No. 2153276010281-21"}
	case CertHalal:
		return bina.Text{ID: "ID + 17 angka (BPJPH), mis. ID32110000474710722; atau nomor lama MUI 12-16 angka", EN: "ID + 17 digits (BPJPH), e.g. ID32110000474710722; or an old MUI number of 12-16 digits"}
	case CertBPOM:
		return bina.Text{ID: "MD atau ML + 12 atau 15 angka, mis. MD 224510107115", EN: "MD or ML + 12 or 15 digits, e.g. MD 224510107115"}
	case CertMerek:
		return bina.Text{ID: "Permohonan DID/JID + 10 angka (mis. DID2023113332) atau pendaftaran IDM + 9 angka (mis. IDM001235320)", EN: "Application DID/JID + 10 digits (e.g. DID2023113332) or registration IDM + 9 digits (e.g. IDM001235320)"}
	case CertSNI:
		return bina.Text{ID: "Nomor sertifikat dari LSPro, bebas", EN: "Certificate number from the LSPro, free text"}
	}
	return bina.Text{ID: "Nomor bebas", EN: "Any number"}
}

// CheckCertificateNumber normalises number as a certificate of kind
// (spaces, dots, dashes and the "P-IRT No." label dropped, letters upper
// case) and checks its format (PEMBINAAN.md section B.7). A number that a
// spreadsheet turned into scientific notation (2.15328E+14) has lost its
// digits and is refused. It returns the normalised number, the problem,
// and whether the number is acceptable.
func CheckCertificateNumber(kind, number string) (string, bina.Text, bool) {
	raw := strings.TrimSpace(number)
	if looksScientific(raw) {
		return raw, bina.Text{ID: "Nomor ini sudah dirusak Excel (" + raw + "); ketik ulang dari dokumen aslinya", EN: "Excel has spoiled this number (" + raw + "); type it again from the document"}, false
	}
	n := strings.ToUpper(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '/', '\u00a0', '\t', '\'':
			return -1
		}
		return r
	}, raw))
	bad := func() (string, bina.Text, bool) {
		h := CertificateNumberHelp(kind)
		return n, bina.Text{ID: "Format nomor tidak sesuai: " + h.ID, EN: "Number not in the expected format: " + h.EN}, false
	}
	if n == "" {
		return n, bina.Text{ID: "Nomor wajib diisi", EN: "The number is required"}, false
	}
	switch kind {
	case CertNIB:
		if len(n) != 13 || !bina.AllDigits(n) {
			return bad()
		}
	case CertPIRT:
		n = strings.TrimPrefix(n, "PIRT")
		n = strings.TrimPrefix(n, "NO")
		if len(n) != 15 || !bina.AllDigits(n) || n[0] < '1' || n[0] > '8' {
			return bad()
		}
	case CertHalal:
		if !(strings.HasPrefix(n, "ID") && len(n) == 19 && bina.AllDigits(n[2:])) && !(bina.AllDigits(n) && len(n) >= 12 && len(n) <= 16) {
			return bad()
		}
	case CertBPOM:
		if len(n) < 2 || (n[:2] != "MD" && n[:2] != "ML") || (len(n) != 14 && len(n) != 17) || !bina.AllDigits(n[2:]) {
			return bad()
		}
	case CertMerek:
		app := len(n) == 13 && (n[:3] == "DID" || n[:3] == "JID") && bina.AllDigits(n[3:])
		reg := len(n) == 12 && n[:3] == "IDM" && bina.AllDigits(n[3:])
		if !app && !reg {
			return bad()
		}
	default:
		// SNI and other numbers are free text; only their length is bounded.
		n = strings.Join(strings.Fields(raw), " ")
		if len(n) > 100 {
			return n, bina.Text{ID: "Nomor paling panjang 100 huruf", EN: "The number is at most 100 characters"}, false
		}
	}
	return n, bina.Text{}, true
}

// looksScientific reports whether s is a number a spreadsheet wrote in
// scientific notation ("2.15328E+14", "6,11201E+15").
func looksScientific(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i <= 0 || i == len(s)-1 {
		return false
	}
	mant, exp := strings.Replace(s[:i], ",", ".", 1), strings.TrimPrefix(s[i+1:], "+")
	if _, err := strconv.ParseFloat(mant, 64); err != nil {
		return false
	}
	_, err := strconv.Atoi(exp)
	return err == nil
}

// Normalize tidies what people type and fills what the kind implies: the
// number's normal form, the LPPOM MUI issuer of a legacy halal number, and
// the trademark stage its number shows.
func (c *Certificate) Normalize() {
	c.Kind = strings.TrimSpace(c.Kind)
	if n, _, ok := CheckCertificateNumber(c.Kind, c.Number); ok {
		c.Number = n
	}
	c.Issuer = strings.Join(strings.Fields(c.Issuer), " ")
	c.Notes = strings.TrimSpace(c.Notes)
	if c.Kind == CertHalal && bina.AllDigits(c.Number) && c.Issuer == "" {
		c.Issuer = "LPPOM MUI"
	}
	if c.Kind == CertMerek && c.Status == "" {
		if strings.HasPrefix(c.Number, "IDM") {
			c.Status = "terdaftar"
		} else {
			c.Status = "diajukan"
		}
	}
}

// Validate checks c at now: a known kind, a well-formed number, an issue
// date not in the future, an expiry not before the issue, and the status
// and route only where the kind has them.
func (c *Certificate) Validate(now time.Time) error {
	var p bina.Problems
	if !CertificateKinds.Has(c.Kind) {
		p.Add("kind", "Jenis sertifikat tidak dikenal", "Unknown certificate kind")
	} else if _, msg, ok := CheckCertificateNumber(c.Kind, c.Number); !ok {
		p.Fields = append(p.Fields, bina.FieldError{Field: "number", Message: msg})
	}
	today := bina.DateFromTime(now)
	if !c.IssuedOn.IsZero() && c.IssuedOn.After(today) {
		p.Add("issued_on", "Tanggal terbit tidak boleh di masa depan", "The issue date cannot be in the future")
	}
	if !c.ExpiresOn.IsZero() && !c.IssuedOn.IsZero() && c.ExpiresOn.Before(c.IssuedOn) {
		p.Add("expires_on", "Tanggal berlaku sampai tidak boleh sebelum tanggal terbit", "The expiry date cannot be before the issue date")
	}
	if c.Status != "" && (c.Kind != CertMerek || !CertificateStatuses.Has(c.Status)) {
		p.Add("status", "Tahap hanya untuk merek: diajukan, terdaftar atau ditolak", "A stage is only for trademarks: diajukan, terdaftar or ditolak")
	}
	if c.Kind == CertMerek && strings.HasPrefix(c.Number, "IDM") && c.Status == "diajukan" {
		p.Add("status", "Nomor IDM adalah nomor pendaftaran; tahapnya terdaftar", "An IDM number is a registration; the stage is terdaftar")
	}
	if c.Route != "" && (c.Kind != CertHalal || !HalalRoutes.Has(c.Route)) {
		p.Add("route", "Jalur hanya untuk sertifikat halal: self_declare atau reguler", "A route is only for halal certificates: self_declare or reguler")
	}
	if c.ProgrammeID != nil && *c.ProgrammeID <= 0 {
		p.Add("programme_id", "Program tidak dikenal", "Unknown programme")
	}
	if c.DocumentID != nil && *c.DocumentID <= 0 {
		p.Add("document_id", "Dokumen tidak dikenal", "Unknown document")
	}
	if len([]rune(c.Issuer)) > 200 {
		p.Add("issuer", "Penerbit paling panjang 200 huruf", "Issuer is at most 200 characters")
	}
	bina.CheckLengths(&p, "notes", c.Notes)
	return p.Err()
}

// ExpiryFilter selects certificates by expiry for the expiry list.
type ExpiryFilter struct {
	Before bina.Date       // expiring on or before this date (required)
	Region bina.RegionCode // a kecamatan or desa; "" for the actor's region
	Kind   string          // CertificateKinds, "" for any
	// Officer keeps the certificates of the businesses in this field
	// officer's caseload (user id; 0 for any).
	Officer int64
	Cursor  string // opaque position from a previous page
	Limit   int    // page size, 1-200 (default 25)
}

// DefaultExpiryDays is how far ahead the expiry list looks by default.
const DefaultExpiryDays = 90

// The views of the certificate list (/sertifikat?tampil=): the expiring
// certificates (the default), those in force now, or all of them.
const (
	CertViewExpiring = "kedaluwarsa"
	CertViewInForce  = "berlaku"
	CertViewAll      = "semua"
)

// CertificateViews are the views of the certificate list, the default
// first.
var CertificateViews = bina.Options{
	{Code: CertViewExpiring, ID: "Akan kedaluwarsa", EN: "Expiring soon"},
	{Code: CertViewInForce, ID: "Berlaku saat ini", EN: "In force now"},
	{Code: CertViewAll, ID: "Semua sertifikat", EN: "All certificates"},
}

// CertificateFilter selects the certificates of the certificate list: the
// expiring ones (as ExpiryFilter), those in force now (the records of
// umkm_cert_held), or all; each narrowed to an issue year (the records of
// umkm_cert_obtained), a region, a kind and an officer's caseload.
type CertificateFilter struct {
	View       string          // CertificateViews; "" is CertViewExpiring
	Before     bina.Date       // the expiring view: expiring on or before this date (required there)
	IssuedYear int             // issued in this year; 0 for any
	Region     bina.RegionCode // a kecamatan or desa; "" for the actor's region
	Kind       string          // CertificateKinds, "" for any
	Officer    int64           // the caseload of this field officer (user id; 0 for any)
	Cursor     string          // opaque position from a previous page of the same view
	Limit      int             // page size, 1-200 (default 25)
}

// Held reports whether c counts among the certificates a business holds:
// a trademark only once registered (its application is not yet a right).
// Whether it is in force also depends on its expiry.
func (c *Certificate) Held() bool { return c.Kind != CertMerek || c.Status == "terdaftar" }

// CertificateReview is an open or decided question about a certificate
// number held by two enterprises (kind ReviewCertificate).
type CertificateReview struct {
	ID            int64       `json:"id"`
	Kind          string      `json:"kind"`  // ReviewCertificate
	State         string      `json:"state"` // open, kept, removed
	Reason        bina.Text   `json:"reason"`
	CertificateID int64       `json:"certificate_id"` // the newer certificate
	OtherID       int64       `json:"other_id"`       // the certificate stored first
	Certificate   Certificate `json:"certificate"`
	Other         Certificate `json:"other"`
	ResolvedBy    string      `json:"resolved_by"`
	ResolvedAt    *time.Time  `json:"resolved_at"`
	CreatedAt     time.Time   `json:"created_at"`
}

// The states of a certificate review.
const (
	CertReviewOpen    = "open"
	CertReviewKept    = "kept"    // both certificates are right (a shared mark, a group licence)
	CertReviewRemoved = "removed" // the newer certificate was a mistake and is deleted
)

// CertificateService keeps the certificates of enterprises. Every method
// reads the actor from ctx: an enterprise outside the actor's region is
// NotFound, writes need the right to edit and are recorded in the history.
type CertificateService interface {
	// Certificates returns the certificates of one enterprise, newest
	// issue first. Errors: NotFound, Unauthorized.
	Certificates(ctx context.Context, enterpriseID int64) ([]Certificate, error)
	// FindCertificate returns one certificate. Errors: NotFound.
	FindCertificate(ctx context.Context, id int64) (*Certificate, error)
	// CreateCertificate validates and stores c, setting its ID, Version
	// and timestamps. The same number of the same kind on another
	// enterprise is stored and sent to the review queue. Errors: Invalid,
	// NotFound (enterprise), Conflict (archived enterprise, or the same
	// number already on this enterprise), Forbidden, Unauthorized.
	CreateCertificate(ctx context.Context, c *Certificate) error
	// UpdateCertificate replaces certificate c.ID when its stored version
	// equals c.Version. Errors: Invalid, NotFound, Conflict, Forbidden.
	UpdateCertificate(ctx context.Context, c *Certificate) error
	// ExpiringCertificates lists certificates of live enterprises in the
	// actor's region expiring from today to f.Before, soonest first.
	// Errors: Invalid (filter, cursor), Unauthorized.
	ExpiringCertificates(ctx context.Context, f ExpiryFilter) (bina.Page[Certificate], error)
	// ListCertificates lists certificates of live enterprises in the
	// actor's region by f: the expiring view soonest first, the others
	// newest recorded first. In force and issued in a year mean what they
	// mean in umkm_cert_held and umkm_cert_obtained, so a list's total is
	// the figure. Errors: Invalid (filter, cursor), Unauthorized.
	ListCertificates(ctx context.Context, f CertificateFilter) (bina.Page[Certificate], error)
	// CertificateReviews lists review items of duplicated numbers in the
	// actor's region, oldest first; state "" means open.
	// Errors: Invalid, Unauthorized.
	CertificateReviews(ctx context.Context, state string) ([]CertificateReview, error)
	// ResolveCertificateReview decides an open item: "keep" both, or
	// "remove" the newer certificate. Errors: Invalid (action), NotFound,
	// Conflict (decided already), Forbidden.
	ResolveCertificateReview(ctx context.Context, id int64, action string) error
}
