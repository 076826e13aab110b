package supervision

import (
	"bina"
	"context"
)

// KDMPFirstYear is the year the village cooperatives were first founded
// (Inpres 9/2025): a KDMP whose legal date is not known yet owes RATs from
// its book year on, not from before it.
const KDMPFirstYear = 2025

// FoundedYear returns the first book year a cooperative owes a RAT for:
// the year of its legal entity; for a KDMP without one, KDMPFirstYear; 0
// when it is not known.
func FoundedYear(legal bina.Date, kdmp bool) int {
	switch {
	case !legal.IsZero():
		return legal.Year()
	case kdmp:
		return KDMPFirstYear
	}
	return 0
}

// KDMPSteps are the stages a Koperasi Desa Merah Putih goes through from
// its founding to its first RAT, in order. A desa's gaps are the steps it
// has not reached.
var KDMPSteps = bina.Options{
	{Code: "berdiri", ID: "Sudah berdiri", EN: "Founded"},
	{Code: "badan_hukum", ID: "Berbadan hukum", EN: "Legal entity"},
	{Code: "nomor_induk", ID: "Punya Nomor Induk Koperasi", EN: "Registration number"},
	{Code: "unit_usaha", ID: "Unit usaha berjalan", EN: "Business units running"},
	{Code: "rat_pertama", ID: "RAT pertama sudah", EN: "First RAT held"},
}

// KDMPRow is the follow-up of one desa: its KDMP (the first live one, when
// a desa has several by mistake) and the stages reached.
type KDMPRow struct {
	VillageCode        bina.RegionCode `json:"village_code"`
	VillageName        string          `json:"village_name"`
	DistrictName       string          `json:"district_name"`
	CooperativeID      int64           `json:"cooperative_id"` // 0: no KDMP founded
	Name               string          `json:"name"`
	LegalNumber        string          `json:"legal_number"`
	LegalDate          bina.Date       `json:"legal_date"`
	RegistrationNumber string          `json:"registration_number"`
	Units              int             `json:"units"`
	FirstRATYear       int             `json:"first_rat_year"` // 0: none held
	FirstRATHeldOn     bina.Date       `json:"first_rat_held_on"`
}

// Reached reports whether the desa's KDMP has reached step (a KDMPSteps
// code).
func (r KDMPRow) Reached(step string) bool {
	switch step {
	case "berdiri":
		return r.CooperativeID != 0
	case "badan_hukum":
		return r.CooperativeID != 0 && r.LegalNumber != "" && !r.LegalDate.IsZero()
	case "nomor_induk":
		return r.CooperativeID != 0 && r.RegistrationNumber != ""
	case "unit_usaha":
		return r.CooperativeID != 0 && r.Units > 0
	case "rat_pertama":
		return r.CooperativeID != 0 && r.FirstRATYear != 0
	}
	return false
}

// Gaps returns the codes of the steps not reached, in order.
func (r KDMPRow) Gaps() []string {
	var out []string
	for _, s := range KDMPSteps {
		if !r.Reached(s.Code) {
			out = append(out, s.Code)
		}
	}
	return out
}

// KDMPOverview is the follow-up of every desa in a region.
type KDMPOverview struct {
	Region bina.RegionCode `json:"region"`
	Items  []KDMPRow       `json:"items"`
	// Reached counts the desa per step reached; Gaps those that have not.
	Reached map[string]int `json:"reached"`
	Gaps    map[string]int `json:"gaps"`
}

// NewKDMPOverview counts the steps over rows.
func NewKDMPOverview(region bina.RegionCode, rows []KDMPRow) KDMPOverview {
	o := KDMPOverview{Region: region, Items: rows, Reached: map[string]int{}, Gaps: map[string]int{}}
	for _, r := range rows {
		for _, s := range KDMPSteps {
			if r.Reached(s.Code) {
				o.Reached[s.Code]++
			} else {
				o.Gaps[s.Code]++
			}
		}
	}
	return o
}

// Missing returns the rows that have not reached step ("" all rows).
func (o KDMPOverview) Missing(step string) []KDMPRow {
	if step == "" {
		return o.Items
	}
	var out []KDMPRow
	for _, r := range o.Items {
		if !r.Reached(step) {
			out = append(out, r)
		}
	}
	return out
}

// KDMPService follows the village cooperatives.
type KDMPService interface {
	// KDMPOverview returns every desa of region (the actor's scope when
	// empty) with its KDMP's stages. Errors: Invalid (region), NotFound
	// (outside the actor's region), Unauthorized.
	KDMPOverview(ctx context.Context, region bina.RegionCode) (KDMPOverview, error)
}
