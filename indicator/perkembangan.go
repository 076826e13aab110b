package indicator

import (
	"bina"
	"context"
)

// PerkembanganFigures are the aggregate figures of the national
// "perkembangan koperasi" report (DOMAIN.md section 6) over a set of
// cooperatives for one book year. Counts of cooperatives are over the live
// register; every other figure adds up the RAT records of the book year.
type PerkembanganFigures struct {
	Cooperatives int `json:"cooperatives"` // live, founded by the end of the book year
	// Active follows bina.ActiveCooperative for the book year: the RAT of
	// the year before (within the tolerance) was held.
	Active int `json:"active"`
	// RATHeld is how many held the RAT of the book year.
	RATHeld             int            `json:"rat_held"`
	MembersFemale       int64          `json:"members_female"`
	MembersMale         int64          `json:"members_male"`
	Prospective         int64          `json:"prospective_members"`
	EmployeesFemale     int64          `json:"employees_female"`
	EmployeesMale       int64          `json:"employees_male"`
	ManagersFemale      int64          `json:"managers_female"`
	ManagersMale        int64          `json:"managers_male"`
	SimpananPokok       int64          `json:"simpanan_pokok"`
	SimpananWajib       int64          `json:"simpanan_wajib"`
	Reserves            int64          `json:"reserves"`
	Grants              int64          `json:"grants"`
	BorrowedCapital     int64          `json:"borrowed_capital"`
	EquityParticipation int64          `json:"equity_participation"`
	Assets              int64          `json:"assets"`
	SavingsReceived     int64          `json:"savings_received"`
	LoansGiven          int64          `json:"loans_given"`
	BusinessVolume      int64          `json:"business_volume"`
	SHU                 int64          `json:"shu"`
	BusinessLicense     int            `json:"has_business_license"`
	HealthAssessed      int            `json:"health_assessed"`
	Health              map[string]int `json:"health"` // per HealthResults code
}

// Add adds a cooperative's RAT record for the book year (nil: none).
func (f *PerkembanganFigures) Add(r *bina.RAT) {
	if r == nil {
		return
	}
	if !r.HeldOn.IsZero() {
		f.RATHeld++
	}
	f.MembersFemale += int64(r.MembersFemale)
	f.MembersMale += int64(r.MembersMale)
	f.Prospective += int64(r.Prospective)
	f.EmployeesFemale += int64(r.EmployeesFemale)
	f.EmployeesMale += int64(r.EmployeesMale)
	f.ManagersFemale += int64(r.ManagersFemale)
	f.ManagersMale += int64(r.ManagersMale)
	f.SimpananPokok += r.SimpananPokok
	f.SimpananWajib += r.SimpananWajib
	f.Reserves += r.Reserves
	f.Grants += r.Grants
	f.BorrowedCapital += r.BorrowedCapital
	f.EquityParticipation += r.EquityParticipation
	f.Assets += r.Assets
	f.SavingsReceived += r.SavingsReceived
	f.LoansGiven += r.LoansGiven
	f.BusinessVolume += r.BusinessVolume
	f.SHU += r.SHU
	if r.HasBusinessLicense {
		f.BusinessLicense++
	}
	if r.HealthAssessed || r.HealthResult != "" {
		f.HealthAssessed++
		if bina.HealthResults.Has(r.HealthResult) {
			if f.Health == nil {
				f.Health = map[string]int{}
			}
			f.Health[r.HealthResult]++
		}
	}
}

// Sum adds other's figures to f.
func (f *PerkembanganFigures) Sum(o PerkembanganFigures) {
	for _, c := range PerkembanganColumns() {
		c.add(f, c.Get(&o))
	}
}

// PerkembanganColumn is one figure of the report: its code, its heading and
// how it is read from (and added to) the figures. The report's files and
// pages read this one list.
type PerkembanganColumn struct {
	Code  string
	Label bina.Text
	Money bool // whole rupiah
	Get   func(*PerkembanganFigures) int64
	add   func(*PerkembanganFigures, int64)
}

// PerkembanganColumns returns the figures of the report in its order, the
// health buckets as HealthResults lists them.
func PerkembanganColumns() []PerkembanganColumn {
	n := func(code, id, en string, p func(*PerkembanganFigures) *int) PerkembanganColumn {
		return PerkembanganColumn{Code: code, Label: bina.Text{ID: id, EN: en},
			Get: func(f *PerkembanganFigures) int64 { return int64(*p(f)) },
			add: func(f *PerkembanganFigures, v int64) { *p(f) += int(v) }}
	}
	m := func(code, id, en string, money bool, p func(*PerkembanganFigures) *int64) PerkembanganColumn {
		return PerkembanganColumn{Code: code, Label: bina.Text{ID: id, EN: en}, Money: money,
			Get: func(f *PerkembanganFigures) int64 { return *p(f) },
			add: func(f *PerkembanganFigures, v int64) { *p(f) += v }}
	}
	type F = PerkembanganFigures
	out := []PerkembanganColumn{
		n("cooperatives", "Jumlah koperasi", "Cooperatives", func(f *F) *int { return &f.Cooperatives }),
		n("active", "Koperasi aktif", "Active", func(f *F) *int { return &f.Active }),
		{Code: "inactive", Label: bina.Text{ID: "Koperasi tidak aktif", EN: "Inactive"},
			Get: func(f *F) int64 { return int64(f.Cooperatives - f.Active) }, add: func(*F, int64) {}},
		n("rat_held", "Melaksanakan RAT", "Held the RAT", func(f *F) *int { return &f.RATHeld }),
		m("members_female", "Anggota perempuan", "Members, women", false, func(f *F) *int64 { return &f.MembersFemale }),
		m("members_male", "Anggota laki-laki", "Members, men", false, func(f *F) *int64 { return &f.MembersMale }),
		{Code: "members", Label: bina.Text{ID: "Jumlah anggota", EN: "Members"},
			Get: func(f *F) int64 { return f.MembersFemale + f.MembersMale }, add: func(*F, int64) {}},
		m("prospective_members", "Calon anggota", "Prospective members", false, func(f *F) *int64 { return &f.Prospective }),
		m("employees_female", "Karyawan perempuan", "Employees, women", false, func(f *F) *int64 { return &f.EmployeesFemale }),
		m("employees_male", "Karyawan laki-laki", "Employees, men", false, func(f *F) *int64 { return &f.EmployeesMale }),
		m("managers_female", "Manajer perempuan", "Managers, women", false, func(f *F) *int64 { return &f.ManagersFemale }),
		m("managers_male", "Manajer laki-laki", "Managers, men", false, func(f *F) *int64 { return &f.ManagersMale }),
		m("simpanan_pokok", "Simpanan pokok (Rp)", "Principal savings (Rp)", true, func(f *F) *int64 { return &f.SimpananPokok }),
		m("simpanan_wajib", "Simpanan wajib (Rp)", "Mandatory savings (Rp)", true, func(f *F) *int64 { return &f.SimpananWajib }),
		m("reserves", "Cadangan (Rp)", "Reserves (Rp)", true, func(f *F) *int64 { return &f.Reserves }),
		m("grants", "Hibah (Rp)", "Grants (Rp)", true, func(f *F) *int64 { return &f.Grants }),
		{Code: "own_capital", Label: bina.Text{ID: "Modal sendiri (Rp)", EN: "Own capital (Rp)"}, Money: true,
			Get: func(f *F) int64 { return f.SimpananPokok + f.SimpananWajib + f.Reserves + f.Grants }, add: func(*F, int64) {}},
		m("borrowed_capital", "Modal luar (Rp)", "Borrowed capital (Rp)", true, func(f *F) *int64 { return &f.BorrowedCapital }),
		m("equity_participation", "Modal penyertaan (Rp)", "Equity participation (Rp)", true, func(f *F) *int64 { return &f.EquityParticipation }),
		m("assets", "Aset (Rp)", "Assets (Rp)", true, func(f *F) *int64 { return &f.Assets }),
		m("savings_received", "Simpanan yang dihimpun (Rp)", "Savings received (Rp)", true, func(f *F) *int64 { return &f.SavingsReceived }),
		m("loans_given", "Pinjaman yang diberikan (Rp)", "Loans given (Rp)", true, func(f *F) *int64 { return &f.LoansGiven }),
		m("business_volume", "Volume usaha (Rp)", "Business volume (Rp)", true, func(f *F) *int64 { return &f.BusinessVolume }),
		m("shu", "SHU (Rp)", "Surplus (SHU, Rp)", true, func(f *F) *int64 { return &f.SHU }),
		n("has_business_license", "Memiliki izin usaha", "Holds a business licence", func(f *F) *int { return &f.BusinessLicense }),
		n("health_assessed", "Dinilai kesehatannya", "Health assessed", func(f *F) *int { return &f.HealthAssessed }),
	}
	for _, h := range bina.HealthResults {
		code := h.Code
		out = append(out, PerkembanganColumn{Code: "health_" + code, Label: bina.Text{ID: "Kesehatan: " + h.ID, EN: "Health: " + h.EN},
			Get: func(f *F) int64 { return int64(f.Health[code]) },
			add: func(f *F, v int64) {
				if v == 0 {
					return
				}
				if f.Health == nil {
					f.Health = map[string]int{}
				}
				f.Health[code] += int(v)
			}})
	}
	return out
}

// PerkembanganRow is the report's line for one region.
type PerkembanganRow struct {
	RegionCode bina.RegionCode `json:"region_code"`
	RegionName string          `json:"region_name"`
	PerkembanganFigures
}

// PerkembanganReport is the aggregate report of a book year for the
// children of a region (the kecamatan of a regency) and the region itself.
type PerkembanganReport struct {
	BookYear int               `json:"book_year"`
	Region   bina.RegionCode   `json:"region"`
	Items    []PerkembanganRow `json:"items"`
	Total    PerkembanganRow   `json:"total"`
}

// PerkembanganService builds the aggregate report.
type PerkembanganService interface {
	// Perkembangan returns the report of bookYear for the children of
	// region (the actor's scope when empty). Errors: Invalid, NotFound
	// (outside the actor's region), Unauthorized.
	Perkembangan(ctx context.Context, region bina.RegionCode, bookYear int) (PerkembanganReport, error)
}
