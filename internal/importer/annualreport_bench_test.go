package importer_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkAnnualReportImport imports a file of yearly figures of 2,000
// cooperatives (BINA_BENCH_REPORT_ROWS) end to end, from the .xlsx through
// the engine to the store: each run is another book year, so every row
// becomes an accepted report and a RAT record.
func BenchmarkAnnualReportImport(b *testing.B) {
	rows := envInt(b, "BINA_BENCH_REPORT_ROWS", 2000)
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			s, ref, im := benchEngine(b, engine)
			villages := ref.Regions.Villages()
			coops := make([]bina.Cooperative, rows)
			for i := range coops {
				coops[i] = bina.Cooperative{Name: fmt.Sprintf("Koperasi Contoh %d", i), RegistrationNumber: fmt.Sprintf("611201%010d", i+1),
					Jenis: "konsumen", VillageCode: villages[i%len(villages)].Code, MembersFemale: 10, MembersMale: 10, Source: "demo"}
			}
			if err := s.BulkLoad(ctx, nil, coops); err != nil {
				b.Fatal(err)
			}
			header := []string{"Nomor Induk Koperasi", "Tahun Buku", "Tanggal RAT", "anggota_akhir_pria", "anggota_akhir_wanita",
				"simpanan_pokok", "simpanan_wajib", "Aset", "Volume Usaha", "SHU"}
			mapping := fileformat.SuggestMapping(header, imports.EntityAnnualReport)
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				year := 2024 - i
				sheet := [][]string{header}
				for k := range rows {
					sheet = append(sheet, []string{fmt.Sprintf("611201%010d", k+1), strconv.Itoa(year), fmt.Sprintf("15/03/%d", year+1),
						"12", "9", "2.000.000", "6.000.000", "150.000.000", "300.000.000", "12.500.000"})
				}
				path := writeXLSX(b, "laporan.xlsx", sheet)
				b.StartTimer()
				j := &imports.Job{Entity: imports.EntityAnnualReport, FileName: "laporan.xlsx", Header: header, Mapping: mapping}
				if got := benchImport(b, s, im, j, path); got.Counts.Created != rows {
					b.Fatalf("import: %+v", got.Counts)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
