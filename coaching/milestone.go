package coaching

import (
	"bina"
	"context"
	"strings"
	"time"
)

// Milestone is a dated, attributed outcome of an enterprise (sales changed,
// jobs created, a certificate or financing obtained, a new market, going
// digital), as small-business development centres report them. UUID is
// made by whoever records it, so that the same record sent twice (the
// offline field app) is stored once. Money is whole rupiah.
type Milestone struct {
	ID           int64     `json:"id"`
	UUID         string    `json:"uuid"`
	EnterpriseID int64     `json:"enterprise_id"`
	Kind         string    `json:"kind"` // MilestoneKinds
	Date         bina.Date `json:"date"`
	// Amount is the sales after the change (sales_changed, per year) or
	// the financing obtained, in rupiah; AmountBefore the sales before.
	Amount       int64 `json:"amount"`
	AmountBefore int64 `json:"amount_before"`
	Jobs         int   `json:"jobs"` // jobs created or kept
	// FinancingSource (FinancingSources) and Bank, for financing_obtained.
	FinancingSource string `json:"financing_source"`
	Bank            string `json:"bank"`
	// Market (Markets), for new_market.
	Market string `json:"market"`
	// Digital are the channels observed, for digital_adoption; Baseline
	// marks the first observation that later ones are compared with.
	Digital  DigitalObserved `json:"digital"`
	Baseline bool            `json:"baseline"`
	// CertificateID is the certificate obtained, for certificate_obtained.
	CertificateID  *int64    `json:"certificate_id"`
	ProgrammeID    *int64    `json:"programme_id"` // the programme it is attributed to
	RecordedBy     string    `json:"recorded_by"`  // set by the store: who recorded it
	OwnerConfirmed bool      `json:"owner_confirmed"`
	Notes          string    `json:"notes"`
	CreatedAt      time.Time `json:"created_at"`
}

// DigitalObserved are the digital channels a digital_adoption milestone
// observed (PEMBINAAN.md section C.6).
type DigitalObserved struct {
	Social      bool `json:"social"`
	Marketplace bool `json:"marketplace"`
	QRIS        bool `json:"qris"`
	Website     bool `json:"website"`
}

// Count returns how many channels were observed.
func (d DigitalObserved) Count() int {
	n := 0
	for _, on := range []bool{d.Social, d.Marketplace, d.QRIS, d.Website} {
		if on {
			n++
		}
	}
	return n
}

// The milestone kinds.
const (
	MilestoneSales           = "sales_changed"
	MilestoneJobsCreated     = "jobs_created"
	MilestoneJobsKept        = "jobs_kept"
	MilestoneCertificate     = "certificate_obtained"
	MilestoneFinancing       = "financing_obtained"
	MilestoneMarket          = "new_market"
	MilestoneStarted         = "business_started"
	MilestoneDigitalAdoption = "digital_adoption"
)

// MilestoneKinds are the outcomes recorded per enterprise.
var MilestoneKinds = bina.Options{
	{Code: MilestoneSales, ID: "Omzet berubah", EN: "Sales changed"},
	{Code: MilestoneJobsCreated, ID: "Lapangan kerja baru", EN: "Jobs created"},
	{Code: MilestoneJobsKept, ID: "Lapangan kerja dipertahankan", EN: "Jobs kept"},
	{Code: MilestoneCertificate, ID: "Sertifikat/izin diperoleh", EN: "Certificate obtained"},
	{Code: MilestoneFinancing, ID: "Pembiayaan diperoleh", EN: "Financing obtained"},
	{Code: MilestoneMarket, ID: "Pasar baru", EN: "New market"},
	{Code: MilestoneStarted, ID: "Usaha dimulai", EN: "Business started"},
	{Code: MilestoneDigitalAdoption, ID: "Adopsi digital", EN: "Digital adoption"},
}

// FinancingSources are where financing came from (PEMBINAAN.md section C.5).
var FinancingSources = bina.Options{
	{Code: "kur", ID: "KUR (Kredit Usaha Rakyat)", EN: "KUR (people's business credit)"},
	{Code: "umi", ID: "UMi (Ultra Mikro)", EN: "UMi (ultra-micro credit)"},
	{Code: "lpdb", ID: "LPDB", EN: "LPDB revolving fund"},
	{Code: "lainnya", ID: "Lainnya", EN: "Other"},
}

// Markets are the new markets a business can reach.
var Markets = bina.Options{
	{Code: "marketplace", ID: "Marketplace", EN: "Online marketplace"},
	{Code: "ekatalog", ID: "e-Katalog pemerintah", EN: "Government e-catalogue"},
	{Code: "ekspor", ID: "Ekspor", EN: "Export"},
	{Code: "ritel", ID: "Ritel modern", EN: "Modern retail"},
	{Code: "lainnya", ID: "Lainnya", EN: "Other"},
}

// Normalize tidies what people type.
func (m *Milestone) Normalize() {
	m.UUID = strings.ToLower(strings.TrimSpace(m.UUID))
	m.Kind = strings.TrimSpace(m.Kind)
	m.Bank = strings.Join(strings.Fields(m.Bank), " ")
	m.Notes = strings.TrimSpace(m.Notes)
}

// Validate checks m at now: a UUID, a known kind, a date not in the
// future, and the members its kind needs.
func (m *Milestone) Validate(now time.Time) error {
	var p bina.Problems
	if !bina.ValidUUID(m.UUID) {
		p.Add("uuid", "uuid wajib berupa UUID, mis. 0b8e4c1a-5d2f-4c3e-9a7b-1f2e3d4c5b6a", "uuid must be a UUID, e.g. 0b8e4c1a-5d2f-4c3e-9a7b-1f2e3d4c5b6a")
	}
	if !MilestoneKinds.Has(m.Kind) {
		p.Add("kind", "Jenis capaian tidak dikenal", "Unknown milestone kind")
	}
	if m.Date.IsZero() {
		p.Add("date", "Tanggal wajib diisi", "The date is required")
	} else if m.Date.After(bina.DateFromTime(now)) {
		p.Add("date", "Tanggal tidak boleh di masa depan", "The date cannot be in the future")
	}
	if m.Amount < 0 || m.AmountBefore < 0 {
		p.Add("amount", "Jumlah rupiah tidak boleh negatif", "Amounts cannot be negative")
	}
	if m.Jobs < 0 || m.Jobs > 100000 {
		p.Add("jobs", "Jumlah tenaga kerja harus 0 sampai 100.000", "Jobs must be 0 to 100,000")
	}
	switch m.Kind {
	case MilestoneSales:
		if m.Amount == 0 && m.AmountBefore == 0 {
			p.Add("amount", "Isi omzet sebelum dan sesudah", "Give the sales before and after")
		}
	case MilestoneJobsCreated, MilestoneJobsKept:
		if m.Jobs == 0 {
			p.Add("jobs", "Isi jumlah tenaga kerja", "Give the number of jobs")
		}
	case MilestoneFinancing:
		if !FinancingSources.Has(m.FinancingSource) {
			p.Add("financing_source", "Pilih sumber pembiayaan: KUR atau lainnya", "Choose the financing source: KUR or other")
		}
		if m.Amount == 0 {
			p.Add("amount", "Isi jumlah pembiayaan", "Give the amount financed")
		}
	case MilestoneMarket:
		if !Markets.Has(m.Market) {
			p.Add("market", "Pilih pasar baru: marketplace, e-katalog atau ekspor", "Choose the new market: marketplace, e-catalogue or export")
		}
	case MilestoneDigitalAdoption:
		if m.Digital.Count() == 0 && !m.Baseline {
			p.Add("digital", "Centang saluran digital yang dipakai", "Tick the digital channels in use")
		}
	}
	if m.Kind != MilestoneFinancing && (m.FinancingSource != "" || m.Bank != "") {
		p.Add("financing_source", "Sumber pembiayaan hanya untuk capaian pembiayaan", "A financing source is only for financing milestones")
	}
	if m.Kind != MilestoneMarket && m.Market != "" {
		p.Add("market", "Pasar hanya untuk capaian pasar baru", "A market is only for new-market milestones")
	}
	if m.Kind != MilestoneDigitalAdoption && (m.Digital.Count() > 0 || m.Baseline) {
		p.Add("digital", "Saluran digital hanya untuk capaian adopsi digital", "Digital channels are only for digital-adoption milestones")
	}
	for f, id := range map[string]*int64{"programme_id": m.ProgrammeID, "certificate_id": m.CertificateID} {
		if id != nil && *id <= 0 {
			p.Add(f, "Nomor data tidak dikenal", "Unknown record id")
		}
	}
	if len([]rune(m.Bank)) > 200 {
		p.Add("bank", "Nama bank paling panjang 200 huruf", "Bank name is at most 200 characters")
	}
	bina.CheckLengths(&p, "notes", m.Notes)
	return p.Err()
}

// Outcome is what the milestones of one kind add up to, on one side of a
// date: how many milestones, how many enterprises, the sum of Amount minus
// AmountBefore (the sales gained, the financing obtained) and of Jobs.
type Outcome struct {
	Kind        string `json:"kind"`
	Milestones  int    `json:"milestones"`
	Enterprises int    `json:"enterprises"`
	Amount      int64  `json:"amount"`
	Jobs        int    `json:"jobs"`
}

// Outcomes are the milestones of a group of enterprises before and after
// a date, one entry per MilestoneKinds code in both lists.
type Outcomes struct {
	From   bina.Date `json:"from"`
	Before []Outcome `json:"before"`
	After  []Outcome `json:"after"` // on or after From
}

// MilestoneService keeps the outcomes of enterprises. Every method reads
// the actor from ctx: an enterprise outside the actor's region is
// NotFound, writes need the right to edit and are recorded in the history.
type MilestoneService interface {
	// Milestones returns the milestones of one enterprise, newest first.
	// Errors: NotFound, Unauthorized.
	Milestones(ctx context.Context, enterpriseID int64) ([]Milestone, error)
	// RecordMilestone validates and stores m, setting its ID, RecordedBy
	// and CreatedAt. A UUID already stored answers with the stored
	// milestone in m, stores nothing and reports created false.
	// Errors: Invalid, NotFound (enterprise), Conflict (archived
	// enterprise, or the UUID stored for another enterprise), Forbidden.
	RecordMilestone(ctx context.Context, m *Milestone) (created bool, err error)
	// OutcomesAround adds up the milestones of enterpriseIDs (a
	// programme's participants) before and on-or-after from (its start),
	// per kind. Enterprises outside the actor's region are left out.
	// Errors: Invalid (more than 50,000 ids), Unauthorized.
	OutcomesAround(ctx context.Context, enterpriseIDs []int64, from bina.Date) (Outcomes, error)
}

// ProgrammeOutcomes adds up the milestones of the businesses that took
// part in programme g (attended or completed) before and on-or-after its
// start, reading the participants from ps and the milestones from ms.
// Errors: those of ListParticipants and OutcomesAround.
func ProgrammeOutcomes(ctx context.Context, ps ProgrammeService, ms MilestoneService, g *Programme) (Outcomes, error) {
	var ids []int64
	for _, state := range []string{"attended", "completed"} {
		f := ParticipantFilter{State: state, Limit: 1000}
		for {
			page, err := ps.ListParticipants(ctx, g.ID, f)
			if err != nil {
				return Outcomes{From: g.StartsOn}, err
			}
			for _, p := range page.Items {
				ids = append(ids, p.EnterpriseID)
			}
			if page.Next == "" {
				break
			}
			f.Cursor = page.Next
		}
	}
	return ms.OutcomesAround(ctx, ids, g.StartsOn)
}
