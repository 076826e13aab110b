package coaching

import (
	"bina"
	"context"
	"strconv"
	"strings"
)

// ReachRow is the office's reach in one region: live businesses in the
// register, those reached (ever, or since a year) and those never reached.
type ReachRow struct {
	RegionCode   bina.RegionCode `json:"region_code"`
	RegionName   string          `json:"region_name"`
	Enterprises  int             `json:"enterprises"`
	Reached      int             `json:"reached"`
	NeverReached int             `json:"never_reached"`
}

// NotReached returns the businesses not reached in the report's window:
// never reached, or (with a since year) not reached since it.
func (r ReachRow) NotReached() int { return r.Enterprises - r.Reached }

// ReachReport is the reach of the children of a region (the kecamatan of
// a regency, the desa of a kecamatan) and of the region itself.
type ReachReport struct {
	Region bina.RegionCode `json:"region"`
	Since  int             `json:"since,omitempty"` // 0: reached ever
	Items  []ReachRow      `json:"items"`
	Total  ReachRow        `json:"total"`
}

// ReachFilter is the value of EnterpriseFilter.Reached: the list behind a
// reach figure.
type ReachFilter struct {
	Never bool // never reached
	Since int  // reached in or after this year; 0 with Never unset: reached ever
}

// ParseReachFilter reads "never", "ever" or "since:YEAR"; "" is no filter
// (ok false). Errors: Invalid.
func ParseReachFilter(s string) (f ReachFilter, ok bool, err error) {
	switch {
	case s == "":
		return f, false, nil
	case s == "never":
		return ReachFilter{Never: true}, true, nil
	case s == "ever":
		return f, true, nil
	case strings.HasPrefix(s, "since:"):
		y, err := strconv.Atoi(strings.TrimPrefix(s, "since:"))
		if err == nil && y >= 1900 && y <= 9999 {
			return ReachFilter{Since: y}, true, nil
		}
	}
	return f, false, bina.Errorf(bina.Invalid, "Saringan jangkauan tidak dikenal: pakai never, ever atau since:TAHUN", "Unknown reach filter: use never, ever or since:YEAR")
}

// ReachService answers who the office reached and keeps the derived binaan
// flag: a business is binaan when the office reached it within
// Config.BinaanYears years, or by a staff decision with a reason.
type ReachService interface {
	// Reach returns the reach of the children of region (the actor's scope
	// when empty) and of region itself, counting as reached those reached
	// in or after since when since is not 0. Errors: Invalid (unknown
	// region or year), NotFound (outside the actor's region), Unauthorized.
	Reach(ctx context.Context, region bina.RegionCode, since int) (ReachReport, error)
	// DecideBinaan makes enterprise id binaan by a staff decision with a
	// reason, or (binaan false) withdraws the decision, so that the records
	// alone decide again. The change is recorded in the history.
	// Errors: Invalid (no reason), NotFound, Conflict (archived),
	// Forbidden, Unauthorized.
	DecideBinaan(ctx context.Context, id int64, binaan bool, reason string) error
	// RefreshBinaan brings the binaan flag of every live business in line
	// with the records and the clock (a reach older than BinaanYears
	// expires) and returns how many changed. Errors: Forbidden.
	RefreshBinaan(ctx context.Context) (int, error)
}
