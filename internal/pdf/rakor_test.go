package pdf

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"bina/indicator"
	"bina/internal/geojson"
)

// rakorFigures are the figures of a small regency with two kecamatan.
func rakorFigures() *indicator.RakorFigures {
	val := func(code string, v float64, year int) indicator.Value {
		ind, _ := indicator.ByCode(code)
		return indicator.Value{Code: code, Name: ind.Name.ID, Unit: ind.Unit.ID, Value: v, Year: year, RegionCode: "61.12"}
	}
	f := &indicator.RakorFigures{Year: 2025, Region: "61.12", RegionName: "Kubu Raya", Office: "Dinas Koperasi, UKM Kubu Raya", Theme: "Koperasi dan UMKM naik kelas",
		Version: 2, TakenAt: time.Date(2026, 1, 5, 3, 0, 0, 0, time.UTC)}
	for _, y := range []int{2023, 2024, 2025} {
		f.Years = append(f.Years, indicator.RakorYear{Year: y, Values: []indicator.Value{
			val("umkm_registered", float64(5000+y-2023), y), val("umkm_reached", 1234, y), val("coop_registered", 519, y), val("coop_rat_on_time", 210, y),
			val("coop_assets", 1_678_737_354_000, y)}})
	}
	f.Breakdowns = []indicator.RakorBreakdown{{Code: "umkm_registered", By: "region", Items: []indicator.Value{
		{Code: "umkm_registered", Key: "61.12.01", Label: "Sungai Raya", Value: 3000}, {Code: "umkm_registered", Key: "61.12.02", Label: "Kuala Mandor B", Value: 2002}}}}
	return f
}

func TestRakor(t *testing.T) {
	bounds, err := geojson.Demo(geojson.KubuRayaKecamatan)
	if err != nil {
		t.Fatal(err)
	}
	figs := rakorFigures()
	b, err := Rakor(figs, RakorOptions{Boundaries: bounds})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) > 5<<20 {
		t.Fatalf("not a PDF under 5 MB (%d bytes)", len(b))
	}
	again, _ := Rakor(figs, RakorOptions{Boundaries: bounds})
	if !bytes.Equal(b, again) {
		t.Error("the report does not render to the same bytes twice")
	}
	text, err := Strings(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"UMKM terdaftar", "5.002", "Koperasi RAT tepat waktu", "210", "Sungai Raya", "Tema: Koperasi dan UMKM naik kelas", "Penutup",
		"juta rupiah", "1.678.737"} { // rupiah in millions, to fit the column
		if !slices.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	plain, err := Rakor(figs, RakorOptions{Boundaries: bounds, Uncompressed: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(plain, []byte("(5.002)Tj")) {
		t.Error("an uncompressed report does not show its figures as plain text")
	}
	t.Logf("%d bytes, %d strings", len(b), len(text))
}
