package importer_test

import (
	"testing"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
	"bina/internal/importer"
)

// TestConvertWorkersTotal reads an office's total of workers under its
// usual headers into the total, not the notes, beside a split or alone,
// and rejects a row whose total is below its split.
func TestConvertWorkersTotal(t *testing.T) {
	ref, m := convertRef(t)
	v := string(ref.Regions.Children("61.12.03")[0].Code)
	tests := []struct {
		header  []string
		row     []string
		total   int
		unsplit int
		outcome string
	}{
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "Jumlah Tenaga Kerja"}, []string{"Warung", "Amat", v, "4 orang"}, 4, 4, imports.OutcomeCreated},
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "Jml TK"}, []string{"Warung", "Amat", v, "3"}, 3, 3, imports.OutcomeCreated},
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "Tenaga Kerja"}, []string{"Warung", "Amat", v, "2"}, 2, 2, imports.OutcomeCreated},
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "Jumlah Karyawan"}, []string{"Warung", "Amat", v, "5"}, 5, 5, imports.OutcomeCreated},
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "Jumlah Tenaga Kerja"}, []string{"Warung", "Amat", v, ""}, 0, 0, imports.OutcomeCreated},
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "TK Laki-laki", "TK Perempuan", "Jumlah Tenaga Kerja"}, []string{"Warung", "Amat", v, "1", "2", "5"}, 5, 2, imports.OutcomeCreated},
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "TK Laki-laki", "TK Perempuan", "Jumlah Tenaga Kerja"}, []string{"Warung", "Amat", v, "1", "2", ""}, 3, 0, imports.OutcomeCreated},
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "TK Laki-laki", "TK Perempuan", "Jumlah Tenaga Kerja"}, []string{"Warung", "Amat", v, "1", "2", "2"}, 0, 0, imports.OutcomeRejected},
		{[]string{"Nama Usaha", "Nama Pemilik", "Kode Desa", "Jumlah Tenaga Kerja"}, []string{"Warung", "Amat", v, "banyak"}, 0, 0, imports.OutcomeRejected},
	}
	for _, tc := range tests {
		mapping := fileformat.SuggestMapping(tc.header, bina.EntityEnterprise)
		c, err := importer.NewConverter(&imports.Job{Entity: bina.EntityEnterprise, Header: tc.header, Mapping: mapping}, importer.ConvertConfig{Ref: ref, Matcher: m})
		if err != nil {
			t.Fatalf("%v: %v", tc.header, err)
		}
		r := c.Convert(2, tc.row)
		if r.Outcome != tc.outcome {
			t.Errorf("%v %v: outcome %s (problems %+v), want %s", tc.header, tc.row, r.Outcome, r.Problems, tc.outcome)
			continue
		}
		if tc.outcome != imports.OutcomeCreated {
			continue
		}
		if e := r.Enterprise; e.WorkersTotal != tc.total || e.WorkersUnsplit() != tc.unsplit || e.Notes != "" {
			t.Errorf("%v %v: total %d, %d not split, notes %q; want %d, %d, none", tc.header, tc.row, e.WorkersTotal, e.WorkersUnsplit(), e.Notes, tc.total, tc.unsplit)
		}
	}
}
