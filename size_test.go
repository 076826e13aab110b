package bina_test

import (
	"testing"

	"bina"
)

const (
	juta   = int64(1_000_000)
	miliar = int64(1_000_000_000)
)

// TestComputeSize holds the thresholds of PP 7/2021 Pasal 35 (DOMAIN.md
// section 5) on both sides of each: annual sales decide for an existing
// business, business capital for a new one.
func TestComputeSize(t *testing.T) {
	tests := []struct {
		name           string
		capital, sales int64
		want           string
	}{
		{"nothing known", 0, 0, ""},

		{"sales of one rupiah", 0, 1, "mikro"},
		{"sales at the mikro ceiling of 2 M", 0, 2 * miliar, "mikro"},
		{"sales one rupiah over 2 M", 0, 2*miliar + 1, "kecil"},
		{"sales at the kecil ceiling of 15 M", 0, 15 * miliar, "kecil"},
		{"sales one rupiah over 15 M", 0, 15*miliar + 1, "menengah"},
		{"sales at the menengah ceiling of 50 M", 0, 50 * miliar, "menengah"},
		{"sales one rupiah over 50 M", 0, 50*miliar + 1, "besar"},

		{"capital of one rupiah", 1, 0, "mikro"},
		{"capital at the mikro ceiling of 1 M", 1 * miliar, 0, "mikro"},
		{"capital one rupiah over 1 M", 1*miliar + 1, 0, "kecil"},
		{"capital at the kecil ceiling of 5 M", 5 * miliar, 0, "kecil"},
		{"capital one rupiah over 5 M", 5*miliar + 1, 0, "menengah"},
		{"capital at the menengah ceiling of 10 M", 10 * miliar, 0, "menengah"},
		{"capital one rupiah over 10 M", 10*miliar + 1, 0, "besar"},

		{"sales decide over a large capital", 20 * miliar, 500 * juta, "mikro"},
		{"sales decide over a small capital", 10 * juta, 20 * miliar, "menengah"},
		{"capital between the two rules' ceilings", 1500 * juta, 0, "kecil"},
		{"sales between the two rules' ceilings", 0, 1500 * juta, "mikro"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bina.ComputeSize(tt.capital, tt.sales); got != tt.want {
				t.Errorf("ComputeSize(capital %d, sales %d) = %q, want %q", tt.capital, tt.sales, got, tt.want)
			}
		})
	}
}

// TestNormalizeNamesTheSizeRule checks that the computed size is stored
// with the rule it was computed under, from the newest year's sales.
func TestNormalizeNamesTheSizeRule(t *testing.T) {
	tests := []struct {
		name     string
		e        bina.Enterprise
		want     string
		wantRule bina.SizeRule
	}{
		{"no figures, no size and no rule", bina.Enterprise{}, "", ""},
		{"capital only", bina.Enterprise{Capital: 3 * miliar}, "kecil", bina.RulePP7_2021},
		{"the newest year's sales decide", bina.Enterprise{Sales: []bina.AnnualSales{
			{Year: 2023, Amount: 30 * miliar}, {Year: 2025, Amount: 3 * miliar}, {Year: 2024, Amount: 60 * miliar},
		}}, "kecil", bina.RulePP7_2021},
		{"a reported size is kept beside the computed one", bina.Enterprise{SizeReported: "menengah", Capital: 10 * juta}, "mikro", bina.RulePP7_2021},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			reported := e.SizeReported
			e.Normalize()
			if e.SizeComputed != tt.want || e.SizeRule != tt.wantRule {
				t.Errorf("size %q by %q, want %q by %q", e.SizeComputed, e.SizeRule, tt.want, tt.wantRule)
			}
			if e.SizeReported != reported {
				t.Errorf("the reported size changed from %q to %q", reported, e.SizeReported)
			}
		})
	}
}
