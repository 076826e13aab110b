package coaching

import (
	"bina"
	"testing"
	"time"
)

func TestMilestoneValidate(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	good := func() Milestone {
		return Milestone{UUID: "0B8E4C1A-5D2F-4C3E-9A7B-1F2E3D4C5B6A", EnterpriseID: 1, Kind: MilestoneFinancing, Date: bina.DateOf(2025, 5, 2),
			FinancingSource: "kur", Bank: "BRI", Amount: 50_000_000}
	}
	tests := []struct {
		name  string
		edit  func(*Milestone)
		field string
	}{
		{"good financing", func(*Milestone) {}, ""},
		{"no uuid", func(m *Milestone) { m.UUID = "" }, "uuid"},
		{"uuid not a uuid", func(m *Milestone) { m.UUID = "abc" }, "uuid"},
		{"future date", func(m *Milestone) { m.Date = bina.DateOf(2027, 1, 1) }, "date"},
		{"no date", func(m *Milestone) { m.Date = bina.Date{} }, "date"},
		{"financing without source", func(m *Milestone) { m.FinancingSource = "" }, "financing_source"},
		{"negative amount", func(m *Milestone) { m.Amount = -1 }, "amount"},
		{"jobs without a number", func(m *Milestone) { *m = Milestone{UUID: m.UUID, Kind: MilestoneJobsCreated, Date: m.Date} }, "jobs"},
		{"market unknown", func(m *Milestone) { *m = Milestone{UUID: m.UUID, Kind: MilestoneMarket, Date: m.Date, Market: "bulan"} }, "market"},
		{"digital baseline with nothing", func(m *Milestone) {
			*m = Milestone{UUID: m.UUID, Kind: MilestoneDigitalAdoption, Date: m.Date, Baseline: true}
		}, ""},
		{"digital observation with nothing", func(m *Milestone) { *m = Milestone{UUID: m.UUID, Kind: MilestoneDigitalAdoption, Date: m.Date} }, "digital"},
		{"digital flags on sales", func(m *Milestone) {
			*m = Milestone{UUID: m.UUID, Kind: MilestoneSales, Date: m.Date, Amount: 5, Digital: DigitalObserved{QRIS: true}}
		}, "digital"},
		{"unknown kind", func(m *Milestone) { m.Kind = "won_lottery" }, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good()
			tt.edit(&m)
			m.Normalize()
			err := m.Validate(now)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			found := false
			for _, f := range bina.ErrorFields(err) {
				found = found || f.Field == tt.field
			}
			if !found {
				t.Errorf("no problem on %s: %v", tt.field, err)
			}
		})
	}
}
