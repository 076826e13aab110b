package sheet

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Template is a workbook for people to fill in and import again: a data
// sheet with the header row (first, because the import reads the first
// worksheet), a guide sheet explaining the columns, and a hidden sheet
// holding the values of the drop-down lists.
type Template struct {
	Sheet   string // the data sheet's name, "UMKM"
	Columns []TemplateColumn
	// Guide holds the rows of the guide sheet, the first its header; the
	// sheet is left out when Guide is empty.
	Guide [][]string
}

// TemplateColumn is one column of a Template.
type TemplateColumn struct {
	Header string
	// Prompt is shown beside a selected cell of the column (Excel shows
	// at most 255 characters; longer text is cut).
	Prompt string
	// Choices are the values of the column's drop-down list, nil for
	// free input. The list warns on other values rather than refusing
	// them: the import reads many spellings ("L", "laki-laki", "pria")
	// and checks every value itself.
	Choices []string
	// Text keeps what people type as text: identity numbers and codes
	// then keep their leading zeros and all sixteen digits, which Excel
	// otherwise turns into 6.11201E+15.
	Text bool
	// Width is the column's width in characters (0: from the header).
	Width float64
}

// The names of a Template's other sheets.
const (
	GuideSheet = "Petunjuk"
	ListSheet  = "Daftar"
)

// dataRows is how far down the data sheet the drop-down lists and text
// format reach: every row Excel has.
const dataRows = 1_048_576

// Excel's limits on a data validation's prompt.
const (
	maxPromptTitle = 32
	maxPrompt      = 255
)

// WriteTemplate writes t as an .xlsx to w.
func WriteTemplate(w io.Writer, t Template) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(headerStyle())
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return err
	}
	boldText, err := f.NewStyle(&excelize.Style{Font: headerStyle().Font, Fill: headerStyle().Fill, NumFmt: 49})
	if err != nil {
		return err
	}
	hasLists := false
	for _, c := range t.Columns {
		if len(c.Choices) > 0 {
			hasLists = true
		}
	}
	// The sheets in the order people meet them: data, guide, then the
	// lists, hidden (readable for whoever unhides them).
	if len(t.Guide) > 0 {
		if _, err := f.NewSheet(GuideSheet); err != nil {
			return err
		}
	}
	if hasLists {
		if _, err := f.NewSheet(ListSheet); err != nil {
			return err
		}
	}
	listCol := 0
	for i, c := range t.Columns {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		cell := col + "1"
		if err := f.SetCellStr(t.Sheet, cell, Neutralize(c.Header)); err != nil {
			return err
		}
		width := c.Width
		if width == 0 {
			width = columnWidth(c.Header)
		}
		if err := f.SetColWidth(t.Sheet, col, col, width); err != nil {
			return err
		}
		style := bold
		if c.Text {
			if err := f.SetColStyle(t.Sheet, col, textStyle); err != nil {
				return err
			}
			style = boldText
		}
		if err := f.SetCellStyle(t.Sheet, cell, cell, style); err != nil {
			return err
		}
		if len(c.Choices) == 0 && c.Prompt == "" {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, dataRows)
		if c.Prompt != "" {
			dv.SetInput(cut(c.Header, maxPromptTitle), cut(c.Prompt, maxPrompt))
		}
		if len(c.Choices) > 0 {
			listCol++
			lc, err := excelize.ColumnNumberToName(listCol)
			if err != nil {
				return err
			}
			if err := f.SetCellStr(ListSheet, lc+"1", c.Header); err != nil {
				return err
			}
			for j, v := range c.Choices {
				if err := f.SetCellStr(ListSheet, fmt.Sprintf("%s%d", lc, j+2), Neutralize(v)); err != nil {
					return err
				}
			}
			dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$2:$%s$%d", ListSheet, lc, lc, len(c.Choices)+1))
			dv.SetError(excelize.DataValidationErrorStyleWarning, cut(c.Header, maxPromptTitle),
				cut("Isian ini tidak ada di daftar. Pilih dari daftar, atau lanjutkan bila yakin: impor akan memeriksanya.", maxPrompt))
		}
		if err := f.AddDataValidation(t.Sheet, dv); err != nil {
			return err
		}
	}
	if err := f.SetPanes(t.Sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if len(t.Guide) > 0 {
		if err := writeGuide(f, t.Guide, bold); err != nil {
			return err
		}
	}
	if hasLists {
		if err := f.SetSheetVisible(ListSheet, false); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

func writeGuide(f *excelize.File, rows [][]string, bold int) error {
	widths := []float64{28, 70, 40}
	for i, row := range rows {
		vals := make([]any, len(row))
		for j, v := range row {
			vals[j] = Neutralize(v)
		}
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetSheetRow(GuideSheet, cell, &vals); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		for j := range rows[0] {
			col, _ := excelize.ColumnNumberToName(j + 1)
			wd := 30.0
			if j < len(widths) {
				wd = widths[j]
			}
			if err := f.SetColWidth(GuideSheet, col, col, wd); err != nil {
				return err
			}
		}
		last, _ := excelize.ColumnNumberToName(len(rows[0]))
		if err := f.SetCellStyle(GuideSheet, "A1", last+"1", bold); err != nil {
			return err
		}
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if len(rows) > 1 {
		last, _ := excelize.ColumnNumberToName(len(rows[0]))
		if err := f.SetCellStyle(GuideSheet, "A2", fmt.Sprintf("%s%d", last, len(rows)), wrap); err != nil {
			return err
		}
	}
	return nil
}

// cut shortens s to n characters, ending with an ellipsis when cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
