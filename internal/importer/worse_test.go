package importer_test

import (
	"bina/imports"
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"bina"

	"github.com/xuri/excelize/v2"
)

// TestImportNeverMakesDataWorse imports a file of twelve businesses with
// their NIKs, then a file of the same businesses where Excel has spoiled
// some NIKs (scientific notation), others are blank, and two differ from
// the stored ones. No stored NIK changes: the spoiled and blank ones are
// kept, with a note in the report; the differing ones wait in review with
// both values; the one real change (capital) is written. The same file
// imported again changes nothing and adds no review.
func TestImportNeverMakesDataWorse(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		data := rows(12)
		nik := func(i int) string { return fmt.Sprintf("611201170890%04d", i+1) }
		for i := range data {
			data[i][3] = nik(i)
		}
		j := e.job(t, ctx, writeCSV(t, data), false)
		if err := e.importer(nil).Run(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.find(t, j.ID).Counts; got.Created != 12 {
			t.Fatalf("first import: %+v", got)
		}

		spoiled := make([][]string, len(data))
		for i := range data {
			spoiled[i] = append([]string(nil), data[i]...)
		}
		for i := 0; i < 3; i++ {
			spoiled[i][3] = "6.11201170890E+15"
		}
		for i := 3; i < 6; i++ {
			spoiled[i][3] = ""
		}
		spoiled[6][3], spoiled[7][3] = nik(106), nik(107)
		spoiled[8][7] = "77.000.000"
		path := writeCSV(t, spoiled)
		j2 := e.job(t, ctx, path, false)
		if err := e.importer(nil).Run(ctx, j2.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.find(t, j2.ID).Counts; got != (imports.Counts{Updated: 1, Unchanged: 9, Review: 2}) {
			t.Errorf("second import: counts %+v, want 1 updated, 9 unchanged, 2 in review", got)
		}
		for i, rec := range e.byNumber(t) {
			if rec.Owner.NIK != nik(i) {
				t.Errorf("%s: NIK %q, want the stored %q", rec.Name, rec.Owner.NIK, nik(i))
			}
			if i == 8 && rec.Capital != 77_000_000 {
				t.Errorf("%s: capital %d, want the file's 77,000,000", rec.Name, rec.Capital)
			}
		}
		kept, held := 0, 0
		if err := e.s.EachImportIssue(ctx, j2.ID, func(r imports.Row) bool {
			for _, p := range r.Problems {
				if strings.Contains(p.Message.ID, "nilai tersimpan dipertahankan") {
					kept++
				}
				if strings.Contains(p.Message.ID, "berbeda dengan yang tersimpan ("+nik(6)+")") || strings.Contains(p.Message.ID, "berbeda dengan yang tersimpan ("+nik(7)+")") {
					held++
				}
			}
			return true
		}); err != nil {
			t.Fatal(err)
		}
		if kept != 6 || held != 2 {
			t.Errorf("report: %d fields kept (want 6), %d rows held with both values (want 2)", kept, held)
		}

		j3 := e.job(t, ctx, path, false)
		if err := e.importer(nil).Run(ctx, j3.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.find(t, j3.ID).Counts; got != (imports.Counts{Unchanged: 12}) {
			t.Errorf("the same file again: counts %+v, want 12 unchanged", got)
		}
	})
}

// TestRoundedNIKsFromASpreadsheet: the register holds correct NIKs; an
// .xlsx of the same businesses whose NIK column a spreadsheet program
// stored as numbers (so rounded to 15 digits: ...0001 becomes ...0000) is
// imported over them. Every NIK is flagged as lost and kept; none is
// rounded.
func TestRoundedNIKsFromASpreadsheet(t *testing.T) {
	eachEngine(t, func(t *testing.T, e env) {
		ctx := context.Background()
		data := rows(10)
		// Sequence numbers that round to other valid NIKs (0011 to 0010).
		nik := func(i int) string {
			return fmt.Sprintf("611201170890%04d", []int{11, 12, 13, 14, 15, 16, 17, 18, 19, 21}[i])
		}
		for i := range data {
			data[i][3] = nik(i)
		}
		j := e.job(t, ctx, writeCSV(t, data), false)
		if err := e.importer(nil).Run(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		x := excelize.NewFile()
		x.SetSheetRow("Sheet1", "A1", &header)
		for i, r := range data {
			cells := make([]any, len(r))
			for c, v := range r {
				cells[c] = v
			}
			rounded, _ := strconv.ParseInt(nik(i)[:15]+"0", 10, 64)
			cells[3] = rounded
			x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &cells)
		}
		path := filepath.Join(t.TempDir(), "umkm.xlsx")
		if err := x.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		j2 := e.job(t, ctx, path, false)
		if err := e.importer(nil).Run(ctx, j2.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.find(t, j2.ID).Counts; got != (imports.Counts{Unchanged: 10}) {
			t.Errorf("counts %+v, want 10 unchanged", got)
		}
		for i, rec := range e.byNumber(t) {
			if rec.Owner.NIK != nik(i) {
				t.Errorf("%s: NIK %q, want the stored %q", rec.Name, rec.Owner.NIK, nik(i))
			}
		}
		lost := 0
		e.s.EachImportIssue(ctx, j2.ID, func(r imports.Row) bool {
			for _, p := range r.Problems {
				if p.Field == "owner.nik" && strings.Contains(p.Message.ID, "dipertahankan") {
					lost++
				}
			}
			return true
		})
		if lost != 10 {
			t.Errorf("%d rows say their NIK was kept, want 10", lost)
		}
	})
}

// byNumber returns the register's businesses by the number in their name
// ("Usaha Nomor 5").
func (e env) byNumber(t *testing.T) map[int]bina.Enterprise {
	t.Helper()
	list, err := e.s.ListEnterprises(context.Background(), bina.EnterpriseFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]bina.Enterprise{}
	for _, rec := range list.Items {
		var i int
		fmt.Sscanf(rec.Name, "Usaha Nomor %d", &i)
		out[i] = rec
	}
	return out
}
