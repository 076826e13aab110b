package bina_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/refdata"
)

// validEnterprise is a business of Desa Sungai Raya that Validate accepts;
// each case of TestEnterpriseValidate changes one thing of it.
func validEnterprise() bina.Enterprise {
	e := bina.Enterprise{
		Name:        "Keripik Pisang Bu Sari",
		Owner:       bina.Owner{Name: "Sari Aminah", NIK: nik("520585", "0001"), Gender: "P", Education: "sma", Phone: "081234567890", BirthDate: bina.DateOf(1985, time.May, 12)},
		NIB:         "9120001234567",
		KBLI:        []bina.KBLICode{{Version: bina.KBLI2020, Code: "10794"}},
		VillageCode: "61.12.01.2001",
		StartYear:   2015,
		StartMonth:  3,
		Capital:     20 * juta,
		Sales:       []bina.AnnualSales{{Year: 2025, Amount: 150 * juta}},
	}
	e.Normalize()
	return e
}

func ptr(f float64) *float64 { return &f }

// TestEnterpriseValidate holds every check of Enterprise.Validate on both
// sides of its limit: each case changes one field of a valid enterprise
// and names the field Validate must blame, or none.
func TestEnterpriseValidate(t *testing.T) {
	ref, err := refdata.Reference(bina.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ref.Now = func() time.Time { return checkNow }
	today := bina.DateFromTime(checkNow)
	tomorrow := bina.DateOf(2026, time.May, 11)
	tests := []struct {
		name   string
		change func(e *bina.Enterprise)
		field  string // the field blamed, "" for valid
	}{
		{"as given", func(e *bina.Enterprise) {}, ""},

		{"no name", func(e *bina.Enterprise) { e.Name = "" }, "name"},
		{"a name of 200 letters", func(e *bina.Enterprise) { e.Name = strings.Repeat("é", 200) }, ""},
		{"a name of 201 letters", func(e *bina.Enterprise) { e.Name = strings.Repeat("é", 201) }, "name"},
		{"no owner", func(e *bina.Enterprise) { e.Owner.Name = "" }, "owner.name"},
		{"no NIK", func(e *bina.Enterprise) { e.Owner.NIK = "" }, ""},
		{"a NIK with a bad birth date", func(e *bina.Enterprise) { e.Owner.NIK = nik("320585", "0001") }, "owner.nik"},
		{"an unknown gender", func(e *bina.Enterprise) { e.Owner.Gender = "X" }, "owner.gender"},
		{"an unknown education", func(e *bina.Enterprise) { e.Owner.Education = "phd" }, "owner.education"},

		{"born today", func(e *bina.Enterprise) { e.Owner.BirthDate = today }, ""},
		{"born tomorrow", func(e *bina.Enterprise) { e.Owner.BirthDate = tomorrow }, "owner.birth_date"},
		{"born in 1906, 120 years back", func(e *bina.Enterprise) { e.Owner.BirthDate = bina.DateOf(1906, time.January, 1) }, ""},
		{"born in 1905, 121 years back", func(e *bina.Enterprise) { e.Owner.BirthDate = bina.DateOf(1905, time.December, 31) }, "owner.birth_date"},

		{"a phone with +62", func(e *bina.Enterprise) { e.Owner.Phone = "+62 812-3456-7890" }, ""},
		{"a phone too short", func(e *bina.Enterprise) { e.Owner.Phone = "0812345" }, "owner.phone"},
		{"no NIB", func(e *bina.Enterprise) { e.NIB = "" }, ""},
		{"a NIB of 12 digits", func(e *bina.Enterprise) { e.NIB = "912000123456" }, "nib"},
		{"no legal form", func(e *bina.Enterprise) { e.LegalForm = "" }, "legal_form"},
		{"an unknown legal form", func(e *bina.Enterprise) { e.LegalForm = "bumn" }, "legal_form"},

		{"no KBLI", func(e *bina.Enterprise) { e.KBLI = nil }, ""},
		{"a KBLI code not in KBLI 2020", func(e *bina.Enterprise) { e.KBLI[0].Code = "99999" }, "kbli"},
		{"a second KBLI code", func(e *bina.Enterprise) {
			e.KBLI = append(e.KBLI, bina.KBLICode{Version: bina.KBLI2020, Code: "10799"})
		}, ""},
		{"the same KBLI code twice", func(e *bina.Enterprise) { e.KBLI = append(e.KBLI, e.KBLI[0]) }, "kbli_more"},
		{"a second KBLI code that does not exist", func(e *bina.Enterprise) {
			e.KBLI = append(e.KBLI, bina.KBLICode{Version: bina.KBLI2020, Code: "00000"})
		}, "kbli_more"},

		{"no desa", func(e *bina.Enterprise) { e.VillageCode = "" }, "village_code"},
		{"a kecamatan for a desa", func(e *bina.Enterprise) { e.VillageCode = "61.12.01" }, "village_code"},
		{"a desa of another regency", func(e *bina.Enterprise) { e.VillageCode = "61.01.01.2001" }, "village_code"},

		{"latitude without longitude", func(e *bina.Enterprise) { e.Latitude = ptr(-0.05) }, "latitude"},
		{"the north-east corner of Indonesia", func(e *bina.Enterprise) { e.Latitude, e.Longitude = ptr(6.5), ptr(141.5) }, ""},
		{"the south-west corner of Indonesia", func(e *bina.Enterprise) { e.Latitude, e.Longitude = ptr(-11.5), ptr(94.5) }, ""},
		{"north of Indonesia", func(e *bina.Enterprise) { e.Latitude, e.Longitude = ptr(6.51), ptr(109.3) }, "latitude"},
		{"south of Indonesia", func(e *bina.Enterprise) { e.Latitude, e.Longitude = ptr(-11.51), ptr(109.3) }, "latitude"},
		{"west of Indonesia", func(e *bina.Enterprise) { e.Latitude, e.Longitude = ptr(-0.05), ptr(94.49) }, "latitude"},
		{"east of Indonesia", func(e *bina.Enterprise) { e.Latitude, e.Longitude = ptr(-0.05), ptr(141.51) }, "latitude"},

		{"started in 1900", func(e *bina.Enterprise) { e.StartYear = 1900 }, ""},
		{"started in 1899", func(e *bina.Enterprise) { e.StartYear = 1899 }, "start_year"},
		{"started this month", func(e *bina.Enterprise) { e.StartYear, e.StartMonth = 2026, 5 }, ""},
		{"starts next month", func(e *bina.Enterprise) { e.StartYear, e.StartMonth = 2026, 6 }, "start_month"},
		{"starts next year", func(e *bina.Enterprise) { e.StartYear, e.StartMonth = 2027, 0 }, "start_year"},
		{"start month unknown", func(e *bina.Enterprise) { e.StartMonth = 0 }, ""},
		{"start month 12", func(e *bina.Enterprise) { e.StartMonth = 12 }, ""},
		{"start month 13", func(e *bina.Enterprise) { e.StartMonth = 13 }, "start_month"},
		{"start month -1", func(e *bina.Enterprise) { e.StartMonth = -1 }, "start_month"},

		{"no capital", func(e *bina.Enterprise) { e.Capital = 0 }, ""},
		{"negative capital", func(e *bina.Enterprise) { e.Capital = -1 }, "capital"},
		{"negative assets", func(e *bina.Enterprise) { e.Assets = -1 }, "assets"},
		{"sales of nothing", func(e *bina.Enterprise) { e.Sales[0].Amount = 0 }, ""},
		{"negative sales", func(e *bina.Enterprise) { e.Sales[0].Amount = -1 }, "sales"},
		{"sales of this year so far", func(e *bina.Enterprise) { e.Sales[0].Year = 2026 }, ""},
		{"sales of next year", func(e *bina.Enterprise) { e.Sales[0].Year = 2027 }, "sales"},
		{"sales of 1899", func(e *bina.Enterprise) { e.Sales[0].Year = 1899 }, "sales"},
		{"sales of one year twice", func(e *bina.Enterprise) { e.Sales = append(e.Sales, e.Sales[0]) }, "sales"},

		{"100,000 workers", func(e *bina.Enterprise) { e.WorkersUnpaidFemale = 100_000 }, ""},
		{"100,001 workers", func(e *bina.Enterprise) { e.WorkersUnpaidFemale = 100_001 }, "workers_unpaid_female"},
		{"a negative number of workers", func(e *bina.Enterprise) { e.WorkersPaidMale = -1 }, "workers_paid_male"},

		{"a reported size", func(e *bina.Enterprise) { e.SizeReported = "kecil" }, ""},
		{"an unknown reported size", func(e *bina.Enterprise) { e.SizeReported = "sedang" }, "size_reported"},
		{"an unknown status", func(e *bina.Enterprise) { e.Status = "bangkrut" }, "status"},
		{"an unknown verification", func(e *bina.Enterprise) { e.Verification = "mungkin" }, "verification"},
		{"an unknown source", func(e *bina.Enterprise) { e.Source = "entah" }, "source"},
		{"coached since today", func(e *bina.Enterprise) { e.Binaan, e.BinaanSince = true, today }, ""},
		{"coached from tomorrow", func(e *bina.Enterprise) { e.Binaan, e.BinaanSince = true, tomorrow }, "binaan_since"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEnterprise()
			tt.change(&e)
			err := e.Validate(ref)
			var fields []string
			for _, f := range bina.ErrorFields(err) {
				fields = append(fields, f.Field)
				if f.Message.ID == "" || f.Message.EN == "" {
					t.Errorf("problem of %s not in both languages: %+v", f.Field, f.Message)
				}
			}
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("refused: %v %v", err, bina.ErrorFields(err))
			case tt.field != "" && err == nil:
				t.Fatalf("accepted, want a problem with %s", tt.field)
			case tt.field != "" && (bina.ErrorCode(err) != bina.Invalid || !slices.Equal(fields, []string{tt.field})):
				t.Fatalf("%s: problems with %v, want with %s only", bina.ErrorCode(err), fields, tt.field)
			}
		})
	}
}

// TestEnterpriseValidateDatesInWIB checks that "today" is the calendar day
// of the clock's own zone: at 06:00 WIB on 10 May (still 9 May in UTC), an
// owner born on 10 May and coaching begun on 10 May are not in the future.
func TestEnterpriseValidateDatesInWIB(t *testing.T) {
	ref, err := refdata.Reference(bina.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	early := time.Date(2026, time.May, 10, 6, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	ref.Now = func() time.Time { return early }
	e := validEnterprise()
	e.Owner.BirthDate = bina.DateOf(2026, time.May, 10)
	e.Owner.NIK = ""
	e.Binaan, e.BinaanSince = true, bina.DateOf(2026, time.May, 10)
	if err := e.Validate(ref); err != nil {
		t.Errorf("refused at 06:00 WIB: %v", bina.ErrorFields(err))
	}
}
