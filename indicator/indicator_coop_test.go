package indicator

import (
	"bina/supervision"
	"testing"
)

// TestCoopIndicatorCatalogue: every cooperative and programme indicator
// is complete, listed after the register's, and its list URL names the
// book year of its records and the key of a breakdown.
func TestCoopIndicatorCatalogue(t *testing.T) {
	at := map[string]int{}
	for i, ind := range Indicators {
		at[ind.Code] = i
	}
	for _, ind := range coopIndicators {
		if ind.Name.ID == "" || ind.Name.EN == "" || ind.Concept.EN == "" || ind.Definition.ID == "" || ind.Formula.EN == "" ||
			ind.Unit.ID == "" || !Themes.Has(ind.Theme) || !ind.History || ind.ListPath == "" {
			t.Errorf("incomplete %+v", ind)
		}
		for _, by := range ind.Breakdowns {
			if !Breakdowns.Has(by) {
				t.Errorf("%s: unknown breakdown %s", ind.Code, by)
			}
		}
		if at[ind.Code] < at["programme_participants"] {
			t.Errorf("%s listed before the register's indicators", ind.Code)
		}
	}
	reg, _ := ByCode("coop_registered")
	if !reg.Allows("coop_type") || !reg.Allows("coop_group") || !reg.Allows("year") {
		t.Errorf("coop_registered breakdowns %v", reg.Breakdowns)
	}
	for _, c := range []struct {
		code, by, key, want string
	}{
		{"coop_reporting", "", "", "/koperasi?laporan=2024"},
		{"coop_shu", "coop_type", "simpan_pinjam", "/koperasi?jenis=simpan_pinjam&laporan=2024%3Aditerima"},
		{"coop_health", "health_category", "sehat", "/koperasi?kesehatan=2024%3Asehat"},
		{"coop_members", "region", "61.12.01", "/koperasi?kecamatan=61.12.01&laporan=2024%3Aditerima"},
		{"coop_registered", "coop_group", "kud", "/koperasi?kelompok=kud"},
		{"kdmp_progress", "", "", "/koperasi?kdmp=ya"},
		{"programme_budget", "year", "2025", "/program?tahun=2025"},
	} {
		ind, ok := ByCode(c.code)
		if !ok {
			t.Fatalf("no %s", c.code)
		}
		if got := ind.ListURL(2025, "61.12", c.by, c.key); got != c.want {
			t.Errorf("%s by %s %s: %s, want %s", c.code, c.by, c.key, got, c.want)
		}
	}
}

// TestFiguresOf: the worked example's own capital, assets and SHU, and
// members not given by sex.
func TestFiguresOf(t *testing.T) {
	r := supervision.ExampleReport(1_000_000)
	f := supervision.FiguresOf(r)
	if f.OwnCapital != 1400_000_000 || f.Assets != 4850_000_000 || f.SHU != 200_000_000 || f.BusinessVolume != r.Pendapatan() || f.Members() != 1000 {
		t.Errorf("figures %+v", f)
	}
	r.Members["anggota_akhir_pria"], r.Members["anggota_akhir_wanita"] = 300, 200
	if f := supervision.FiguresOf(r); f.MembersMale != 300 || f.MembersFemale != 200 || f.MembersOther != r.Members["anggota_akhir"]-500 {
		t.Errorf("members %+v", f)
	}
}

// TestParseYearChoice reads the list filters of the cooperative figures.
func TestParseYearChoice(t *testing.T) {
	for _, c := range []struct {
		in   string
		want supervision.YearChoice
		bad  bool
	}{
		{"", supervision.YearChoice{}, false},
		{"2024", supervision.YearChoice{Year: 2024}, false},
		{"2024:diterima", supervision.YearChoice{Year: 2024, Choice: "diterima"}, false},
		{"2024:semua", supervision.YearChoice{}, true},
		{"kemarin", supervision.YearChoice{}, true},
		{"1800", supervision.YearChoice{}, true},
	} {
		got, err := supervision.ParseYearChoice("laporan", c.in, supervision.ReportChoices)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("%q: %+v %v", c.in, got, err)
		}
		if err == nil && got.String() != c.in {
			t.Errorf("%q written back as %q", c.in, got.String())
		}
	}
}
