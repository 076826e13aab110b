package export_test

import (
	"slices"
	"testing"

	"bina"
	"bina/indicator"
	"bina/internal/export"
)

// TestSuppressGroups checks the groups a withheld count is hidden in:
// the desa of one kecamatan, the kecamatan of one year; and that a table
// published whole withholds nothing.
func TestSuppressGroups(t *testing.T) {
	shown := func(tb *export.OpenDataTable) []string {
		var out []string
		for _, r := range tb.Rows {
			out = append(out, r.Shown)
		}
		return out
	}
	desa := &export.OpenDataTable{Level: bina.LevelVillage, Rows: []export.OpenDataRow{
		{Region: "61.12.01.2001", Count: 2}, {Region: "61.12.01.2004", Count: 20}, {Region: "61.12.01.2005", Count: 8}, {Region: "61.12.01.2006", Count: 0},
		{Region: "61.12.02.2001", Count: 40}, {Region: "61.12.02.2002", Count: 5},
	}}
	desa.Suppress()
	if got, want := shown(desa), []string{"<3", "20", "x", "0", "40", "5"}; !slices.Equal(got, want) {
		t.Errorf("desa: %q, want %q", got, want)
	}
	if !desa.People || !desa.Withheld() {
		t.Error("a withheld table does not say so")
	}
	years := &export.OpenDataTable{Rows: []export.OpenDataRow{
		{Region: "61.12.01", Year: 2025, Count: 1}, {Region: "61.12.01", Year: 2026, Count: 9},
		{Region: "61.12.02", Year: 2025, Count: 7}, {Region: "61.12.02", Year: 2026, Count: 4},
		{Region: "61.12.03", Year: 2025, Count: 30}, {Region: "61.12.03", Year: 2026, Count: 50},
	}}
	years.Suppress()
	if got, want := shown(years), []string{"<3", "9", "x", "4", "30", "50"}; !slices.Equal(got, want) {
		t.Errorf("years: %q, want %q", got, want)
	}
	whole := &export.OpenDataTable{Category: export.CooperativeOpenData[0], Rows: []export.OpenDataRow{{Region: "61.12.01", Count: 1}, {Region: "61.12.01", Count: 12}}}
	whole.Publish()
	if got := shown(whole); !slices.Equal(got, []string{"1", "12"}) || whole.Withheld() {
		t.Errorf("published: %q", got)
	}
}

// TestOpenDataHeader checks the columns of each level, in the Satu Data
// order, and the row of records without a desa.
func TestOpenDataHeader(t *testing.T) {
	ref := bina.Reference{}
	tb := &export.OpenDataTable{Level: bina.LevelVillage, Measure: "jumlah_umkm", Unit: "unit", Year: 2026}
	want := []string{"kode_provinsi", "nama_provinsi", "kode_kabupaten_kota", "nama_kabupaten_kota", "kode_kecamatan", "nama_kecamatan",
		"kode_desa_kelurahan", "nama_desa_kelurahan", "jumlah_umkm", "satuan", "tahun"}
	if got := tb.Header(); !slices.Equal(got, want) {
		t.Errorf("header %q", got)
	}
	cells := tb.Cells(ref, export.OpenDataRow{Region: "61.12.01", Count: 4, Shown: "4"})
	if cells[4] != "611201" || cells[6] != "" || cells[7] != export.OpenDataUnknown || cells[8] != "4" || cells[10] != 2026 {
		t.Errorf("a kecamatan's records without a desa: %v", cells)
	}
	regency := &export.OpenDataTable{Level: bina.LevelRegency, Measure: "jumlah_program", Unit: "program", Year: 2026}
	if got := regency.Header(); len(got) != 7 || got[4] != "jumlah_program" {
		t.Errorf("regency header %q", got)
	}
	if c := regency.Cells(ref, export.OpenDataRow{Region: "61.12", Year: 2024, Shown: "3"}); c[2] != "6112" || c[6] != 2024 {
		t.Errorf("a row's own year: %v", c)
	}
}

// TestOpenDatasets checks the catalogue: names unique and file-safe,
// both languages, indicator codes of the catalogue, a period.
func TestOpenDatasets(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range export.OpenDatasets {
		if seen[d.Name] || d.Name == "" {
			t.Errorf("dataset name %q repeated or empty", d.Name)
		}
		seen[d.Name] = true
		for _, c := range d.Name {
			if (c < 'a' || c > 'z') && c != '-' {
				t.Errorf("%s: name not lower-case letters and dashes", d.Name)
			}
		}
		if d.Title.ID == "" || d.Title.EN == "" || d.Description.ID == "" || d.Description.EN == "" {
			t.Errorf("%s: a text is missing", d.Name)
		}
		if ind, ok := indicator.ByCode(d.Indicator); !ok || ind.Subject != d.Subject {
			t.Errorf("%s: indicator %q of subject %q", d.Name, d.Indicator, d.Subject)
		}
		if d.People != (d.Subject == "enterprise" || d.Subject == "participant") {
			t.Errorf("%s: counts of %s withheld: %v", d.Name, d.Subject, d.People)
		}
	}
	for _, name := range []string{"umkm", "koperasi"} {
		if !seen[name] {
			t.Errorf("the first dataset %s is gone", name)
		}
	}
}
