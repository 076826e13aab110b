package importer_test

import (
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
	"bina/internal/refdata"
	"bina/internal/sidtgen"
)

// BenchmarkConvertSIDT converts generated rows of the SIDT export with the
// sidt template on the Kubu Raya reference data, as the importer does: one
// op is one row.
//
//	go test -run '^$' -bench ConvertSIDT -benchmem
func BenchmarkConvertSIDT(b *testing.B) {
	conv := mustSIDTConverter(b)
	g, err := sidtgen.New(42)
	if err != nil {
		b.Fatal(err)
	}
	rows := make([][]string, 20_000)
	for i := range rows {
		rows[i] = g.Row(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		conv.Convert(i+2, rows[i%len(rows)])
	}
}

// mustSIDTConverter returns the converter of an import of a SIDT export
// into the Kubu Raya deployment, with the clock fixed.
func mustSIDTConverter(tb testing.TB) *importer.Converter {
	tb.Helper()
	ref, err := refdata.Reference(bina.DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	ref.Now = func() time.Time { return time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC) }
	bps, err := refdata.BPSBridge()
	if err != nil {
		tb.Fatal(err)
	}
	tp, _ := fileformat.TemplateNamed("sidt")
	j := &imports.Job{Entity: tp.Entity, Header: sidtgen.Columns(), Template: tp.Name, Source: "sidt"}
	j.Mapping, _ = tp.MapHeader(j.Header)
	conv, err := importer.NewConverter(j, importer.ConvertConfig{Ref: ref, Matcher: importer.NewRegionMatcher(ref.Regions, bps)})
	if err != nil {
		tb.Fatal(err)
	}
	return conv
}
