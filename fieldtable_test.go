package bina

import (
	"slices"
	"testing"
)

// checkTable checks what the compiler cannot: names are unique, a field
// has at most one accessor, and a typed accessor has a kind whose cells
// hold values of its type.
func checkTable[T any](t *testing.T, table []RecordField[T]) {
	t.Helper()
	kinds := map[string][]FieldKind{
		"text":  {KindText, KindNIK, KindNIB, KindPhone, KindGender, KindEducation, KindSize, KindOption, KindDigits},
		"int":   {KindCount, KindYear, KindMonth},
		"int64": {KindRupiah},
		"bool":  {KindBool},
		"date":  {KindDate},
	}
	seen := map[Field]bool{}
	for _, f := range table {
		if seen[f.Field] {
			t.Errorf("%s: listed twice", f.Field)
		}
		seen[f.Field] = true
		var set []string
		for name, ok := range map[string]bool{"text": f.Text != nil, "int": f.Int != nil, "int64": f.Int64 != nil, "bool": f.Bool != nil,
			"date": f.Date != nil, "value": f.Value != nil} {
			if ok {
				set = append(set, name)
			}
		}
		if len(set) > 1 {
			t.Errorf("%s: accessors %v, want at most one", f.Field, set)
		}
		if len(set) == 1 && set[0] != "value" && f.Kind != "" && !slices.Contains(kinds[set[0]], f.Kind) {
			t.Errorf("%s: kind %s is not read into a %s field", f.Field, f.Kind, set[0])
		}
		if f.Take != nil && f.Value == nil {
			t.Errorf("%s: Take without Value, which the history needs", f.Field)
		}
		if len(set) > 0 && f.History.ID == "" {
			t.Errorf("%s: no name in the history", f.Field)
		}
		if f.Kind == "" && len(set) == 0 {
			t.Errorf("%s: neither an import column nor a record field", f.Field)
		}
	}
}

func TestFieldTables(t *testing.T) {
	t.Run("enterprise", func(t *testing.T) { checkTable(t, enterpriseTable) })
	t.Run("cooperative", func(t *testing.T) { checkTable(t, cooperativeTable) })
}

// TestMergeFields pins the fields merges take: those the hand-written
// switches of TakeFields took before the field table.
func TestMergeFields(t *testing.T) {
	want := map[Entity][]string{
		EntityEnterprise: {"name", "trade_name", "owner.name", "owner.nik", "owner.gender", "owner.birth_date", "owner.phone", "owner.education",
			"owner.disability", "owner.address", "nib", "legal_form", "kbli", "main_product", "address", "village_code", "latitude",
			"longitude", "start_year", "start_month", "capital", "assets", "sales", "workers_paid_male", "workers_paid_female",
			"workers_unpaid_male", "workers_unpaid_female", "workers_total", "size_reported", "digital.marketplace", "digital.social_media",
			"digital.website", "digital.qris", "digital.digital_bookkeeping", "digital.links", "status", "binaan", "binaan_since",
			"source_id", "notes"},
		EntityCooperative: {"name", "registration_number", "certificate_date", "legal_number", "legal_date", "npwp", "nib", "jenis", "bentuk",
			"pola", "kelompok", "kbli", "address", "village_code", "latitude", "longitude", "members_female", "members_male",
			"employees_female", "employees_male", "kdmp", "source_id", "notes"},
	}
	for entity, w := range want {
		got := MergeFields(entity)
		slices.Sort(got)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("MergeFields(%s) = %v, want %v", entity, got, w)
		}
	}
}

func TestTakeFields(t *testing.T) {
	born, _ := ParseDate("1980-05-12")
	lat, lon := -7.1, 110.4
	from := &Enterprise{Name: "Baru", TradeName: "Merek", Owner: Owner{Phone: "081234567890", BirthDate: born, Disability: true},
		Capital: 5_000_000, StartYear: 2020, Latitude: &lat, Longitude: &lon, KBLI: []KBLICode{{Version: KBLI2020, Code: "10794"}},
		Sales: []AnnualSales{{Year: 2025, Amount: 10}}, SizeComputed: "kecil", VillageCode: "3374010001"}
	e := &Enterprise{Name: "Lama", Notes: "tetap", Sales: []AnnualSales{{Year: 2024, Amount: 7}, {Year: 2025, Amount: 9}}}
	err := e.TakeFields(from, []string{"name", "owner.phone", "owner.birth_date", "owner.disability", "capital", "start_year", "longitude",
		"kbli", "sales", "village_code"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[Field]string{"name": "Baru", "trade_name": "", "owner.phone": "081234567890", "owner.birth_date": "1980-05-12",
		"owner.disability": "true", "capital": "5000000", "start_year": "2020", "latitude": "-7.1", "longitude": "110.4",
		"kbli": "2020:10794", "sales": "2025: 10; 2024: 7", "village_code": "3374010001", "size_computed": "", "notes": "tetap"}
	for _, f := range enterpriseTable {
		if w, ok := want[f.Field]; ok && f.Format(e) != w {
			t.Errorf("%s = %q, want %q", f.Field, f.Format(e), w)
		}
	}
	from.KBLI[0].Code = "47111"
	if e.KBLI[0].Code != "10794" {
		t.Error("TakeFields shares the KBLI list with the other record")
	}
	for _, bad := range []string{"size_computed", "verification", "kbli_more", "nonsense"} {
		if err := e.TakeFields(from, []string{bad}); ErrorCode(err) != Invalid {
			t.Errorf("TakeFields(%q) = %v, want Invalid", bad, err)
		}
	}
	c := &Cooperative{Name: "KSP Lama", MembersMale: 3}
	if err := c.TakeFields(&Cooperative{Name: "KSP Baru", MembersMale: 9, KDMP: true}, []string{"members_male", "kdmp"}); err != nil {
		t.Fatal(err)
	}
	if c.Name != "KSP Lama" || c.MembersMale != 9 || !c.KDMP {
		t.Errorf("cooperative after TakeFields = %+v", c)
	}
}
