package bina

// SizeRule names the legal rule a computed size was derived under.
type SizeRule string

// The size rules.
const (
	// RulePP7_2021 is PP 7/2021 Pasal 35: annual sales for existing
	// businesses, business capital for new ones.
	RulePP7_2021 SizeRule = "PP7/2021"
	// RuleUU20_2008 is the old rule of UU 20/2008 Pasal 6, which PP 7/2021
	// replaced: no size is computed under it, the pages and API name it.
	RuleUU20_2008 SizeRule = "UU20/2008"
)

const miliar = int64(1_000_000_000)

// ComputeSize returns the size of a business under PP 7/2021: by annual
// sales when they are known (an existing business), otherwise by business
// capital without land and buildings; "" when neither is known.
func ComputeSize(capital, annualSales int64) string {
	switch {
	case annualSales > 0:
		switch {
		case annualSales <= 2*miliar:
			return "mikro"
		case annualSales <= 15*miliar:
			return "kecil"
		case annualSales <= 50*miliar:
			return "menengah"
		}
		return "besar"
	case capital > 0:
		switch {
		case capital <= 1*miliar:
			return "mikro"
		case capital <= 5*miliar:
			return "kecil"
		case capital <= 10*miliar:
			return "menengah"
		}
		return "besar"
	}
	return ""
}
