package export

import (
	"bina/indicator"
	"iter"

	"bina"
)

// PerkembanganTable is the "perkembangan koperasi" report of a book year as
// a table: a row per child region and a total row, a column per figure of
// indicator.PerkembanganColumns, headed in lang ("en" or Indonesian). The pages
// and the command line write the same file from it.
func PerkembanganTable(rep indicator.PerkembanganReport, lang string) (header []string, rows iter.Seq2[[]any, error]) {
	cols := indicator.PerkembanganColumns()
	header = []string{(bina.Text{ID: "Kode wilayah", EN: "Region code"}).In(lang), (bina.Text{ID: "Wilayah", EN: "Region"}).In(lang),
		(bina.Text{ID: "Tahun buku", EN: "Book year"}).In(lang)}
	for _, c := range cols {
		header = append(header, c.Label.In(lang))
	}
	total := (bina.Text{ID: "Jumlah", EN: "Total"}).In(lang)
	rows = func(yield func([]any, error) bool) {
		for i, r := range append(append([]indicator.PerkembanganRow(nil), rep.Items...), rep.Total) {
			name := r.RegionName
			if i == len(rep.Items) {
				name = total + " " + name
			}
			row := []any{string(r.RegionCode), name, rep.BookYear}
			for _, c := range cols {
				row = append(row, c.Get(&r.PerkembanganFigures))
			}
			if !yield(row, nil) {
				return
			}
		}
	}
	return header, rows
}
