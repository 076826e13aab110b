package sheet

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// Table is one worksheet of a workbook: its name (at most 31 characters,
// unique in the workbook), a title written above the header, the header
// and the rows. Cells are as Writer takes them; text is neutralised.
type Table struct {
	Name   string
	Title  string
	Header []string
	Rows   [][]any
}

// WriteWorkbook writes tables as an .xlsx with one worksheet each, in
// order: the title in bold on the first row, the header bold on a fill on
// the third, the rows after it. It is for small reports (a table of tens
// of rows each); exports of the register stream with NewXLSX instead.
func WriteWorkbook(w io.Writer, tables []Table) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(headerStyle())
	if err != nil {
		return err
	}
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		if err := f.SetCellValue(t.Name, "A1", Neutralize(t.Title)); err != nil {
			return err
		}
		if err := f.SetCellStyle(t.Name, "A1", "A1", bold); err != nil {
			return err
		}
		header := make([]any, len(t.Header))
		for j, h := range t.Header {
			header[j] = Neutralize(h)
			col, _ := excelize.ColumnNumberToName(j + 1)
			width := columnWidth(h)
			if j == 0 {
				width = 45
			}
			if err := f.SetColWidth(t.Name, col, col, width); err != nil {
				return err
			}
		}
		if err := f.SetSheetRow(t.Name, "A3", &header); err != nil {
			return err
		}
		last, _ := excelize.CoordinatesToCellName(max(len(t.Header), 1), 3)
		if err := f.SetCellStyle(t.Name, "A3", last, head); err != nil {
			return err
		}
		for r, row := range t.Rows {
			vals := make([]any, len(row))
			for j, v := range row {
				if s, ok := v.(string); ok {
					v = Neutralize(s)
				}
				vals[j] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, 4+r)
			if err := f.SetSheetRow(t.Name, cell, &vals); err != nil {
				return err
			}
		}
	}
	return f.Write(w)
}
