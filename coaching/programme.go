// Package coaching is the domain of pembinaan, the office's coaching of
// businesses (PEMBINAAN.md): programmes and their participants, mentoring
// sessions, certificates and licences, the outcomes a business reaches
// after coaching (milestones), the office's reach, and the Surat
// Keterangan UMK Binaan. Like the root package bina, whose types it
// uses, it imports the standard library only.
package coaching

import (
	"bina"
	"context"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"
)

// EntityProgramme is a programme in the history.
const EntityProgramme bina.Entity = "programme"

// ProgrammeKinds are the kinds of programme a Dinas KUMKM runs
// (PEMBINAAN.md C.1).
var ProgrammeKinds = bina.Options{
	{Code: "pelatihan", ID: "Pelatihan", EN: "Training"},
	{Code: "pendampingan", ID: "Pendampingan", EN: "Mentoring"},
	{Code: "pameran_bazar", ID: "Pameran/bazar", EN: "Exhibition/bazaar"},
	{Code: "kurasi_produk", ID: "Kurasi produk", EN: "Product curation"},
	{Code: "temu_bisnis", ID: "Temu bisnis", EN: "Business matching"},
	{Code: "klinik_konsultasi", ID: "Klinik konsultasi", EN: "Consultation clinic"},
	{Code: "fasilitasi_legalitas", ID: "Fasilitasi legalitas/sertifikasi", EN: "Licence and certificate facilitation"},
	{Code: "akses_pembiayaan", ID: "Akses pembiayaan", EN: "Access to finance"},
	{Code: "bantuan_sarana", ID: "Bantuan sarana/modal", EN: "Equipment or capital aid"},
}

// CoachingThemes are the themes of coaching from the national census list;
// programmes and coaching sessions both use them.
var CoachingThemes = bina.Options{
	{Code: "teknik_produksi", ID: "Teknik produksi", EN: "Production technique"},
	{Code: "pemasaran", ID: "Pemasaran", EN: "Marketing"},
	{Code: "pembiayaan", ID: "Pembiayaan", EN: "Financing"},
	{Code: "ekspor", ID: "Ekspor", EN: "Export"},
	{Code: "digitalisasi", ID: "Digitalisasi", EN: "Going digital"},
	{Code: "manajemen", ID: "Manajemen", EN: "Management"},
	{Code: "standardisasi", ID: "Standardisasi", EN: "Standardisation"},
	{Code: "hki", ID: "Hak kekayaan intelektual", EN: "Intellectual property"},
	{Code: "mitigasi_bencana", ID: "Mitigasi bencana", EN: "Disaster mitigation"},
}

// FundingSources are where a programme's budget comes from (sumber dana,
// PEMBINAAN.md C.4).
var FundingSources = bina.Options{
	{Code: "APBD", ID: "APBD", EN: "Regional budget (APBD)"},
	{Code: "APBN", ID: "APBN", EN: "National budget (APBN)"},
	{Code: "DAK", ID: "DAK Nonfisik", EN: "Special allocation fund (DAK)"},
	{Code: "CSR", ID: "CSR", EN: "Corporate social responsibility"},
	{Code: "lainnya", ID: "Lainnya", EN: "Other"},
}

// ParticipantStates are the states of a business in a programme. Attended
// and completed count as the office having reached the business.
var ParticipantStates = bina.Options{
	{Code: "proposed", ID: "Diusulkan", EN: "Proposed"},
	{Code: "selected", ID: "Terpilih", EN: "Selected"},
	{Code: "attended", ID: "Hadir", EN: "Attended"},
	{Code: "completed", ID: "Lulus/selesai", EN: "Completed"},
	{Code: "absent", ID: "Tidak hadir", EN: "Absent"},
	{Code: "withdrawn", ID: "Mengundurkan diri", EN: "Withdrawn"},
}

// ParticipantSources say how a participant came into a programme.
var ParticipantSources = bina.Options{
	{Code: "candidate", ID: "Daftar kandidat", EN: "Candidate list"},
	{Code: "walkin", ID: "Datang langsung", EN: "Walk-in"},
	{Code: "attendance", ID: "Daftar hadir", EN: "Attendance sheet"},
}

// participantMoves lists the states each state may move to. Absent,
// attended and completed may be corrected both ways, since a sheet is often
// read wrongly the first time.
var participantMoves = map[string][]string{
	"proposed":  {"selected", "attended", "absent", "withdrawn"},
	"selected":  {"attended", "completed", "absent", "withdrawn", "proposed"},
	"attended":  {"completed", "absent", "withdrawn"},
	"completed": {"attended"},
	"absent":    {"attended", "completed", "selected", "withdrawn"},
	"withdrawn": {"proposed", "selected"},
}

// ParticipantMoves returns the states a participant in state from may move
// to, for the buttons of a page.
func ParticipantMoves(from string) []string { return participantMoves[from] }

// CanMoveParticipant reports whether a participant may go from one state
// to the other.
func CanMoveParticipant(from, to string) bool {
	for _, s := range participantMoves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// ReachedState reports whether state counts as the office having reached
// the business.
func ReachedState(state string) bool { return state == "attended" || state == "completed" }

// Activity is one session of a training or one day of an exhibition.
type Activity struct {
	ID          int64           `json:"id"`
	Name        string          `json:"name"`
	StartsOn    bina.Date       `json:"starts_on"`
	EndsOn      bina.Date       `json:"ends_on"`
	Place       string          `json:"place"`
	VillageCode bina.RegionCode `json:"village_code"`
}

// Programme is a coaching programme of the office (a training, a
// mentoring, an exhibition …) with its activities. Money is whole rupiah.
type Programme struct {
	ID            int64             `json:"id"`
	Name          string            `json:"name"`
	Year          int               `json:"year"`
	Kind          string            `json:"kind"`   // ProgrammeKinds
	Themes        []string          `json:"themes"` // CoachingThemes
	FundingSource string            `json:"funding_source"`
	FundingAmount int64             `json:"funding_amount"`
	Organiser     string            `json:"organiser"`
	StartsOn      bina.Date         `json:"starts_on"`
	EndsOn        bina.Date         `json:"ends_on"`
	Place         string            `json:"place"`
	Quota         int               `json:"quota"` // 0: no quota
	Region        bina.RegionCode   `json:"region_code"`
	Criteria      CandidateCriteria `json:"criteria"`
	Description   string            `json:"description"`
	// InvitationTemplate is the WhatsApp invitation with the placeholders
	// {nama}, {usaha}, {program}, {tanggal} and {tempat}; empty for
	// DefaultInvitation.
	InvitationTemplate string     `json:"invitation_template"`
	Activities         []Activity `json:"activities"`
	// Participants is the number of participants not withdrawn, on reading.
	Participants  int        `json:"participants"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	Version       int        `json:"version"`
	ArchivedAt    *time.Time `json:"archived_at"`
	ArchiveReason string     `json:"archive_reason"`
}

// DefaultInvitation is the invitation of a programme without its own.
const DefaultInvitation = "Yth. Bapak/Ibu {nama} ({usaha}), Dinas Koperasi dan UMKM mengundang Anda mengikuti {program} pada {tanggal} di {tempat}. Mohon balas pesan ini untuk konfirmasi kehadiran. Terima kasih."

// Normalize tidies what people type.
func (p *Programme) Normalize() {
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.Organiser = strings.TrimSpace(p.Organiser)
	p.Place = strings.TrimSpace(p.Place)
	p.InvitationTemplate = strings.TrimSpace(p.InvitationTemplate)
	var themes []string
	for _, t := range p.Themes {
		if t = strings.TrimSpace(t); t != "" && !contains(themes, t) {
			themes = append(themes, t)
		}
	}
	p.Themes = themes
	for i := range p.Activities {
		a := &p.Activities[i]
		a.Name = strings.Join(strings.Fields(a.Name), " ")
		a.Place = strings.TrimSpace(a.Place)
		if a.EndsOn.IsZero() {
			a.EndsOn = a.StartsOn
		}
	}
	if p.Year == 0 && !p.StartsOn.IsZero() {
		p.Year = p.StartsOn.Year()
	}
	if p.EndsOn.IsZero() {
		p.EndsOn = p.StartsOn
	}
	p.Criteria.Normalize()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// programmeLimits are the most characters of a programme's text fields.
var programmeLimits = map[string]int{"name": 200, "organiser": 200, "place": 300, "description": 4000, "invitation_template": 1000}

// Validate checks the programme against the reference data and returns an
// Invalid *Error listing each problem beside its field, or nil.
func (p *Programme) Validate(ref bina.Reference) error {
	var pr bina.Problems
	now := ref.Clock()
	if p.Name == "" {
		pr.Add("name", "Nama program wajib diisi", "Programme name is required")
	}
	for f, v := range map[string]string{"name": p.Name, "organiser": p.Organiser, "place": p.Place, "description": p.Description, "invitation_template": p.InvitationTemplate} {
		if n := programmeLimits[f]; utf8.RuneCountInString(v) > n {
			pr.Add(f, "Paling panjang %d huruf (sekarang %d)", "At most %d characters (now %d)", n, utf8.RuneCountInString(v))
		}
	}
	if p.Year < 2000 || p.Year > now.Year()+5 {
		pr.Add("year", "Tahun program harus antara 2000 dan %d", "Programme year must be between 2000 and %d", now.Year()+5)
	}
	if !ProgrammeKinds.Has(p.Kind) {
		pr.Add("kind", "Jenis program wajib dipilih dari daftar", "Choose a programme kind from the list")
	}
	for _, t := range p.Themes {
		if !CoachingThemes.Has(t) {
			pr.Add("themes", "Tema %q tidak dikenal", "Unknown theme %q", t)
		}
	}
	if p.FundingSource != "" && !FundingSources.Has(p.FundingSource) {
		pr.Add("funding_source", "Sumber dana tidak dikenal", "Unknown funding source")
	}
	if p.FundingAmount < 0 {
		pr.Add("funding_amount", "Anggaran tidak boleh negatif", "Budget cannot be negative")
	}
	if p.Quota < 0 || p.Quota > 1_000_000 {
		pr.Add("quota", "Kuota harus 0 sampai 1.000.000 (0: tanpa kuota)", "Quota must be 0 to 1,000,000 (0: no quota)")
	}
	switch {
	case p.StartsOn.IsZero():
		pr.Add("starts_on", "Tanggal mulai wajib diisi", "Start date is required")
	case p.EndsOn.Before(p.StartsOn):
		pr.Add("ends_on", "Tanggal selesai tidak boleh sebelum tanggal mulai", "End date cannot be before the start date")
	}
	if p.Region != "" && ref.Regions != nil && !ref.Regions.Within(p.Region) {
		pr.Add("region_code", "Wilayah sasaran %s tidak dikenal", "Unknown target region %s", p.Region)
	}
	for i, a := range p.Activities {
		field := "activities"
		switch {
		case a.Name == "":
			pr.Add(field, "Kegiatan ke-%d: nama wajib diisi", "Activity %d: name is required", i+1)
		case utf8.RuneCountInString(a.Name) > 200:
			pr.Add(field, "Kegiatan ke-%d: nama paling panjang 200 huruf", "Activity %d: name is at most 200 characters", i+1)
		}
		switch {
		case a.StartsOn.IsZero():
			pr.Add(field, "Kegiatan ke-%d: tanggal wajib diisi", "Activity %d: date is required", i+1)
		case a.EndsOn.Before(a.StartsOn):
			pr.Add(field, "Kegiatan ke-%d: tanggal selesai sebelum tanggal mulai", "Activity %d: ends before it starts", i+1)
		case !p.StartsOn.IsZero() && !p.EndsOn.Before(p.StartsOn) && (a.StartsOn.Before(p.StartsOn) || a.EndsOn.After(p.EndsOn)):
			pr.Add(field, "Kegiatan ke-%d berada di luar tanggal program", "Activity %d lies outside the programme's dates", i+1)
		}
		if a.VillageCode != "" && ref.Regions != nil && (a.VillageCode.Level() != bina.LevelVillage || !ref.Regions.Within(a.VillageCode)) {
			pr.Add(field, "Kegiatan ke-%d: desa %s tidak dikenal", "Activity %d: unknown village %s", i+1, a.VillageCode)
		}
	}
	if len(p.Activities) > 500 {
		pr.Add("activities", "Paling banyak 500 kegiatan", "At most 500 activities")
	}
	p.Criteria.check(&pr, ref, "criteria.")
	return pr.Err()
}

// Participant is one business in one programme.
type Participant struct {
	ID           int64           `json:"id"`
	ProgrammeID  int64           `json:"programme_id"`
	EnterpriseID int64           `json:"enterprise_id"`
	Enterprise   string          `json:"enterprise_name"`
	OwnerName    string          `json:"owner_name"`
	Phone        string          `json:"phone"` // personal data, masked
	VillageCode  bina.RegionCode `json:"village_code"`
	State        string          `json:"state"`  // ParticipantStates
	Source       string          `json:"source"` // ParticipantSources
	ReachedOn    bina.Date       `json:"reached_on"`
	InvitedAt    *time.Time      `json:"invited_at"`
	Notes        string          `json:"notes"`
	// InviteURL is the WhatsApp invitation link, empty without a phone the
	// reader may see.
	InviteURL string    `json:"invite_url"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int       `json:"version"`
}

// Participation is one programme a business is in, as the business's
// page lists it.
type Participation struct {
	ParticipantID int64     `json:"participant_id"`
	ProgrammeID   int64     `json:"programme_id"`
	Programme     string    `json:"programme_name"`
	Year          int       `json:"year"`
	Kind          string    `json:"kind"` // ProgrammeKinds
	StartsOn      bina.Date `json:"starts_on"`
	State         string    `json:"state"` // ParticipantStates
	ReachedOn     bina.Date `json:"reached_on"`
}

// Took reports whether the business took part (attended or completed).
func (p Participation) Took() bool { return p.State == "attended" || p.State == "completed" }

// Enrolment asks for one business to join a programme. State defaults to
// proposed (attended for a walk-in), Source to candidate.
type Enrolment struct {
	EnterpriseID int64     `json:"enterprise_id"`
	State        string    `json:"state"`
	Source       string    `json:"source"`
	ReachedOn    bina.Date `json:"reached_on"`
	Notes        string    `json:"notes"`
}

// Normalize fills the defaults of an enrolment.
func (e *Enrolment) Normalize() {
	e.Notes = strings.TrimSpace(e.Notes)
	if e.Source == "" {
		e.Source = "candidate"
	}
	if e.State == "" {
		e.State = "proposed"
		if e.Source == "walkin" {
			e.State = "attended"
		}
	}
}

// Validate checks an enrolment.
func (e *Enrolment) Validate() error {
	var p bina.Problems
	if e.EnterpriseID <= 0 {
		p.Add("enterprise_id", "Usaha wajib dipilih", "Choose a business")
	}
	if !ParticipantStates.Has(e.State) {
		p.Add("state", "Status peserta %q tidak dikenal", "Unknown participant state %q", e.State)
	}
	if !ParticipantSources.Has(e.Source) {
		p.Add("source", "Asal peserta %q tidak dikenal", "Unknown participant source %q", e.Source)
	}
	if utf8.RuneCountInString(e.Notes) > 1000 {
		p.Add("notes", "Catatan paling panjang 1000 huruf", "Notes are at most 1000 characters")
	}
	return p.Err()
}

// Enrolled is what enrolling answers: the new participants, and warnings
// that did not stop it (the quota passed).
type Enrolled struct {
	Items    []Participant `json:"items"`
	Warnings []bina.Text   `json:"warnings"`
}

// CandidateCriteria select the businesses a programme is for. Zero values
// mean "any".
type CandidateCriteria struct {
	Region       bina.RegionCode `json:"region,omitempty"`
	Sizes        []string        `json:"sizes,omitempty"`         // Sizes, on the computed size
	KBLISections []string        `json:"kbli_sections,omitempty"` // A-U
	KBLICodes    []string        `json:"kbli_codes,omitempty"`    // main KBLI code or its leading digits
	Gender       string          `json:"gender,omitempty"`        // Genders of the owner
	Disability   string          `json:"disability,omitempty"`    // "ya", "tidak" or ""
	MinAge       int             `json:"min_age,omitempty"`       // owner's age in whole years
	MaxAge       int             `json:"max_age,omitempty"`
	NeverReached bool            `json:"never_reached,omitempty"`
	// NotReachedSince keeps businesses not reached in this year or later.
	NotReachedSince int `json:"not_reached_since,omitempty"`
	// LacksCertificate keeps businesses without a certificate of this kind.
	LacksCertificate string `json:"lacks_certificate,omitempty"`
	// DigitalBelow keeps businesses with fewer than this many digital
	// channels (DigitalChannels).
	DigitalBelow int    `json:"digital_below,omitempty"`
	Binaan       string `json:"binaan,omitempty"` // "ya", "tidak" or ""
}

// Normalize tidies the criteria: upper-case sections, trimmed codes, no
// repeats.
func (c *CandidateCriteria) Normalize() {
	clean := func(xs []string, f func(string) string) []string {
		var out []string
		for _, x := range xs {
			if x = f(strings.TrimSpace(x)); x != "" && !contains(out, x) {
				out = append(out, x)
			}
		}
		return out
	}
	c.Sizes = clean(c.Sizes, func(s string) string { return s })
	c.KBLISections = clean(c.KBLISections, strings.ToUpper)
	c.KBLICodes = clean(c.KBLICodes, func(s string) string { return s })
	c.LacksCertificate = strings.TrimSpace(c.LacksCertificate)
}

// Validate checks the criteria.
func (c *CandidateCriteria) Validate(ref bina.Reference) error {
	var p bina.Problems
	c.check(&p, ref, "")
	return p.Err()
}

func (c *CandidateCriteria) check(p *bina.Problems, ref bina.Reference, prefix string) {
	if c.Region != "" && ref.Regions != nil && !ref.Regions.Within(c.Region) {
		p.Add(prefix+"region", "Wilayah %s tidak dikenal", "Unknown region %s", c.Region)
	}
	for _, s := range c.Sizes {
		if !bina.Sizes.Has(s) {
			p.Add(prefix+"sizes", "Skala usaha %q tidak dikenal", "Unknown business size %q", s)
		}
	}
	for _, s := range c.KBLISections {
		if len(s) != 1 || s[0] < 'A' || s[0] > 'U' {
			p.Add(prefix+"kbli_sections", "Kategori KBLI %q tidak dikenal (A-U)", "Unknown KBLI section %q (A-U)", s)
		}
	}
	for _, k := range c.KBLICodes {
		if len(k) < 2 || len(k) > 5 || !bina.AllDigits(k) {
			p.Add(prefix+"kbli_codes", "Kode KBLI %q harus 2 sampai 5 angka", "KBLI code %q must be 2 to 5 digits", k)
		}
	}
	if c.Gender != "" && !bina.Genders.Has(c.Gender) {
		p.Add(prefix+"gender", "Jenis kelamin tidak dikenal", "Unknown gender")
	}
	if c.Disability != "" && c.Disability != "ya" && c.Disability != "tidak" {
		p.Add(prefix+"disability", "Pilih ya atau tidak untuk disabilitas", "Choose yes or no for disability")
	}
	if c.Binaan != "" && c.Binaan != "ya" && c.Binaan != "tidak" {
		p.Add(prefix+"binaan", "Pilih ya atau tidak untuk binaan", "Choose yes or no for coached")
	}
	if c.MinAge < 0 || c.MinAge > 120 || c.MaxAge < 0 || c.MaxAge > 120 {
		p.Add(prefix+"min_age", "Umur harus 0 sampai 120 tahun", "Age must be 0 to 120 years")
	} else if c.MaxAge != 0 && c.MaxAge < c.MinAge {
		p.Add(prefix+"max_age", "Umur tertinggi lebih kecil dari umur terendah", "Maximum age is below the minimum age")
	}
	if c.NotReachedSince != 0 && (c.NotReachedSince < 2000 || c.NotReachedSince > ref.Clock().Year()+1) {
		p.Add(prefix+"not_reached_since", "Tahun belum terjangkau harus antara 2000 dan %d", "The not-reached year must be between 2000 and %d", ref.Clock().Year()+1)
	}
	if c.NeverReached && c.NotReachedSince != 0 {
		p.Add(prefix+"not_reached_since", "Pilih salah satu: belum pernah terjangkau, atau belum terjangkau sejak tahun tertentu", "Choose one: never reached, or not reached since a year")
	}
	if k := c.LacksCertificate; k != "" && !CertificateKinds.Has(k) {
		p.Add(prefix+"lacks_certificate", "Jenis sertifikat %q tidak dikenal", "Unknown certificate kind %q", k)
	}
	if c.DigitalBelow < 0 || c.DigitalBelow > len(bina.DigitalChannels) {
		p.Add(prefix+"digital_below", "Tingkat digital harus 0 sampai %d kanal", "Digital level must be 0 to %d channels", len(bina.DigitalChannels))
	}
}

// IsZero reports whether the criteria select everyone.
func (c CandidateCriteria) IsZero() bool {
	return c.Region == "" && len(c.Sizes) == 0 && len(c.KBLISections) == 0 && len(c.KBLICodes) == 0 && c.Gender == "" &&
		c.Disability == "" && c.MinAge == 0 && c.MaxAge == 0 && !c.NeverReached && c.NotReachedSince == 0 &&
		c.LacksCertificate == "" && c.DigitalBelow == 0 && c.Binaan == ""
}

// BornBetween returns the birth dates an owner aged between MinAge and
// MaxAge on day today has: born on or after from and on or before to; zero
// dates where the band is open.
func (c CandidateCriteria) BornBetween(today bina.Date) (from, to bina.Date) {
	t := today.Time()
	if c.MinAge > 0 {
		to = bina.DateFromTime(t.AddDate(-c.MinAge, 0, 0))
	}
	if c.MaxAge > 0 {
		from = bina.DateFromTime(t.AddDate(-c.MaxAge-1, 0, 1))
	}
	return from, to
}

// Candidate is a business a programme's criteria select, with what ranks
// it: never reached first, then the longest since it was reached.
type Candidate struct {
	EnterpriseID int64           `json:"enterprise_id"`
	Name         string          `json:"name"`
	OwnerName    string          `json:"owner_name"`
	Phone        string          `json:"phone"` // personal data, masked
	VillageCode  bina.RegionCode `json:"village_code"`
	Size         string          `json:"size"`
	KBLI         string          `json:"kbli"`
	Binaan       bool            `json:"binaan"`
	ReachedLast  bina.Date       `json:"reached_last"`
	InviteURL    string          `json:"invite_url"`
}

// CandidateFilter asks for one page of a programme's candidates.
type CandidateFilter struct {
	Programme int64
	Criteria  CandidateCriteria
	Cursor    string
	Limit     int
}

// ProgrammeFilter selects programmes for a list.
type ProgrammeFilter struct {
	Year     int
	Kind     string
	Archived bool
	Cursor   string
	Limit    int
}

// ParticipantFilter selects the participants of a programme.
type ParticipantFilter struct {
	State  string
	Cursor string
	Limit  int // 1-1000 (default 25)
}

// LogValue describes the filter for the log.
func (f ParticipantFilter) LogValue() slog.Value {
	return slog.GroupValue(slog.String("state", f.State))
}

// LogValue describes the criteria for the log; they hold no personal data.
func (c CandidateCriteria) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("region", string(c.Region)),
		slog.String("sizes", strings.Join(c.Sizes, ",")),
		slog.String("kbli_sections", strings.Join(c.KBLISections, ",")),
		slog.String("kbli_codes", strings.Join(c.KBLICodes, ",")),
		slog.String("gender", c.Gender),
		slog.String("disability", c.Disability),
		slog.Int("min_age", c.MinAge),
		slog.Int("max_age", c.MaxAge),
		slog.Bool("never_reached", c.NeverReached),
		slog.Int("not_reached_since", c.NotReachedSince),
		slog.String("lacks_certificate", c.LacksCertificate),
		slog.Int("digital_below", c.DigitalBelow),
		slog.String("binaan", c.Binaan),
	)
}

// InvitationText fills a programme's invitation template (or
// DefaultInvitation) for one business, with dates as lang writes them.
func (p *Programme) InvitationText(owner, business string) string {
	t := p.InvitationTemplate
	if t == "" {
		t = DefaultInvitation
	}
	date := p.StartsOn.String()
	if p.EndsOn != p.StartsOn && !p.EndsOn.IsZero() {
		date += " s.d. " + p.EndsOn.String()
	}
	return strings.NewReplacer("{nama}", owner, "{usaha}", business, "{program}", p.Name, "{tanggal}", date, "{tempat}", p.Place).Replace(t)
}

// ProgrammeService keeps programmes, their activities and participants.
// Every method reads the actor from ctx: records outside the actor's region
// are not found, personal data is masked for roles that may not see it, and
// writes are recorded in the history.
type ProgrammeService interface {
	// FindProgramme returns one programme with its activities.
	// Errors: NotFound, Unauthorized.
	FindProgramme(ctx context.Context, id int64) (*Programme, error)
	// ListProgrammes returns one page of programmes, newest first.
	// Errors: Invalid (bad filter or cursor), Unauthorized.
	ListProgrammes(ctx context.Context, f ProgrammeFilter) (bina.Page[Programme], error)
	// CreateProgramme validates p and stores it with its activities.
	// Errors: Invalid, Forbidden, Unauthorized.
	CreateProgramme(ctx context.Context, p *Programme) error
	// UpdateProgramme replaces programme p.ID and its activities when the
	// stored version equals p.Version. Errors: Invalid, NotFound, Conflict
	// (changed meanwhile, or archived), Forbidden, Unauthorized.
	UpdateProgramme(ctx context.Context, p *Programme) error
	// ArchiveProgramme takes a programme out of the lists with a reason.
	// Errors: Invalid (no reason), NotFound, Conflict, Forbidden, Unauthorized.
	ArchiveProgramme(ctx context.Context, id int64, reason string) error
	// ListParticipants returns one page of a programme's participants by
	// business name. Errors: Invalid, NotFound, Unauthorized.
	ListParticipants(ctx context.Context, programmeID int64, f ParticipantFilter) (bina.Page[Participant], error)
	// ParticipationsOf returns the programmes a business is in, the most
	// recent first. Errors: NotFound (no such business in the actor's
	// region), Unauthorized.
	ParticipationsOf(ctx context.Context, enterpriseID int64) ([]Participation, error)
	// Enrol adds businesses to a programme, all or none; passing the quota
	// is a warning. Errors: Invalid (archived business, one already
	// enrolled, a bad state), NotFound, Conflict (archived programme),
	// Forbidden, Unauthorized.
	Enrol(ctx context.Context, programmeID int64, es []Enrolment) (Enrolled, error)
	// SetParticipantState moves a participant to state; attended and
	// completed set the day it was reached (on, or the programme's end).
	// Errors: Invalid (a move not allowed), NotFound, Forbidden, Unauthorized.
	SetParticipantState(ctx context.Context, participantID int64, state string, on bina.Date) (*Participant, error)
	// MarkInvited records that a business was invited to a programme,
	// enrolling it as proposed from the candidate list when it is not yet
	// a participant. Errors: Invalid, NotFound, Conflict, Forbidden,
	// Unauthorized.
	MarkInvited(ctx context.Context, programmeID, enterpriseID int64) (*Participant, error)
	// Candidates returns one page of the live businesses in the actor's
	// region that f's criteria select and that are not yet in the
	// programme: never reached first, then the longest since reached, then
	// by name. Total counts up to 1,000 (TotalCapped past it).
	// Errors: Invalid, NotFound, Unauthorized.
	Candidates(ctx context.Context, f CandidateFilter) (bina.Page[Candidate], error)
}
