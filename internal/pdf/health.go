package pdf

import (
	"bina/supervision"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"bina"
)

// HealthSheet is what the worksheet prints besides the assessment: the
// cooperative's name and registration number and the rule set's name.
type HealthSheet struct {
	Cooperative  string
	Registration string
	RuleSetName  string
	Office       string // the supervising office, may be empty
}

// worksheet columns, in millimetres: code, component, ratio, band, nilai,
// bobot, skor (A4 portrait between the margins).
var sheetCols = []float64{12, 63, 20, 26, 15, 14, 15}

// HealthWorksheet renders an assessment's kertas kerja as an A4 PDF: the
// cooperative, the rule set and version, every component with its ratio,
// band, nilai, bobot and skor, the aspect subtotals, the total and the
// category, and the questionnaire answers with their notes.
func HealthWorksheet(a *supervision.HealthAssessment, s HealthSheet) ([]byte, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCreationDate(a.CreatedAt.UTC().Truncate(time.Second))
	f.SetModificationDate(a.CreatedAt.UTC().Truncate(time.Second))
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetMargins(marginLeft-5, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	tr := f.UnicodeTranslatorFromDescriptor("")
	f.SetTitle("Kertas Kerja Penilaian Kesehatan "+s.Cooperative, true)
	f.AliasNbPages("")
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont("Helvetica", "I", 8)
		f.CellFormat(0, 5, tr(fmt.Sprintf("%s · %s versi %d · halaman %d/{nb}", s.Cooperative, a.RuleSet, a.RuleSetVersion, f.PageNo())), "", 0, "C", false, 0, "")
	})
	f.AddPage()
	width := pageWidth - (marginLeft - 5) - marginRight

	f.SetFont("Helvetica", "B", 13)
	f.CellFormat(width, 7, tr("KERTAS KERJA PENILAIAN KESEHATAN KOPERASI"), "", 1, "C", false, 0, "")
	if s.Office != "" {
		f.SetFont("Helvetica", "", 10)
		f.CellFormat(width, 5, tr(s.Office), "", 1, "C", false, 0, "")
	}
	f.Ln(3)
	f.SetFont("Helvetica", "", 10)
	for _, row := range [][2]string{
		{"Koperasi", s.Cooperative},
		{"Nomor induk koperasi", s.Registration},
		{"Tahun buku", strconv.Itoa(a.BookYear)},
		{"Aturan penilaian", fmt.Sprintf("%s versi %d — %s", a.RuleSet, a.RuleSetVersion, s.RuleSetName)},
		{"Penilaian ke-", fmt.Sprintf("%d (laporan versi %d)", a.Version, a.ReportVersion)},
		{"Penilai", a.AssessedBy + ", " + a.CreatedAt.In(wib).Format("02-01-2006 15:04") + " WIB"},
	} {
		f.CellFormat(45, 5.5, tr(row[0]), "", 0, "L", false, 0, "")
		f.CellFormat(4, 5.5, ":", "", 0, "L", false, 0, "")
		f.MultiCell(width-49, 5.5, tr(row[1]), "", "L", false)
	}
	f.Ln(3)

	header := []string{"Kode", "Komponen", "Rasio %", "Pita", "Nilai", "Bobot", "Skor"}
	f.SetFont("Helvetica", "B", 9)
	f.SetFillColor(230, 230, 230)
	for i, h := range header {
		f.CellFormat(sheetCols[i], 6, tr(h), "1", 0, "C", true, 0, "")
	}
	f.Ln(-1)
	for _, asp := range a.Aspects {
		f.SetFont("Helvetica", "B", 9)
		f.CellFormat(width, 6, tr(fmt.Sprintf("%s. %s (bobot %s)", asp.Code, asp.Name.ID, dec(asp.Bobot))), "1", 1, "L", false, 0, "")
		f.SetFont("Helvetica", "", 9)
		for _, c := range a.Components {
			if c.Aspect != asp.Code {
				continue
			}
			name := c.Name.ID
			if c.Note != "" {
				name += " (" + c.Note + ")"
			}
			lines := f.SplitLines([]byte(tr(name)), sheetCols[1]-2)
			h := 4.5 * float64(len(lines))
			if f.GetY()+h > pageHeight-marginBottom-5 {
				f.AddPage()
			}
			ratio := "—"
			if c.Ratio != nil {
				ratio = dec(*c.Ratio)
			}
			x, y := f.GetX(), f.GetY()
			f.CellFormat(sheetCols[0], h, tr(c.Code), "1", 0, "C", false, 0, "")
			f.Rect(x+sheetCols[0], y, sheetCols[1], h, "D")
			for i, l := range lines {
				f.SetXY(x+sheetCols[0]+1, y+4.5*float64(i))
				f.CellFormat(sheetCols[1]-2, 4.5, string(l), "", 0, "L", false, 0, "")
			}
			f.SetXY(x+sheetCols[0]+sheetCols[1], y)
			for i, v := range []string{ratio, c.Band, dec(c.Nilai), dec(c.Bobot), dec(c.Skor)} {
				align := "R"
				if i == 1 {
					align = "C"
				}
				f.CellFormat(sheetCols[2+i], h, tr(v), "1", 0, align, false, 0, "")
			}
			f.Ln(-1)
		}
		f.SetFont("Helvetica", "I", 9)
		f.CellFormat(width-sheetCols[6], 5.5, tr(fmt.Sprintf("Jumlah aspek %s (%s%% dari maksimum)", asp.Name.ID, dec(asp.Persen))), "1", 0, "R", false, 0, "")
		f.CellFormat(sheetCols[6], 5.5, dec(asp.Skor), "1", 1, "R", false, 0, "")
	}
	f.SetFont("Helvetica", "B", 10)
	f.CellFormat(width-sheetCols[6], 7, tr("TOTAL SKOR"), "1", 0, "R", true, 0, "")
	f.CellFormat(sheetCols[6], 7, dec(a.Total), "1", 1, "R", true, 0, "")
	f.CellFormat(width-sheetCols[6]-sheetCols[5]-sheetCols[4], 7, tr("PREDIKAT"), "1", 0, "R", true, 0, "")
	f.CellFormat(sheetCols[6]+sheetCols[5]+sheetCols[4], 7, tr(strings.ToUpper(bina.HealthResults.Label(a.Category, "id"))), "1", 1, "C", true, 0, "")

	if len(a.Answers) > 0 {
		f.Ln(4)
		f.SetFont("Helvetica", "B", 10)
		f.CellFormat(width, 6, tr("Jawaban kuesioner"), "", 1, "L", false, 0, "")
		f.SetFont("Helvetica", "", 8)
		var ya, tidak []string
		for _, ans := range a.Answers {
			if ans.Value {
				ya = append(ya, ans.Code)
			} else {
				tidak = append(tidak, ans.Code)
			}
		}
		f.MultiCell(width, 4.2, tr("Ya: "+strings.Join(ya, ", ")), "", "L", false)
		f.MultiCell(width, 4.2, tr("Tidak: "+strings.Join(tidak, ", ")), "", "L", false)
		for _, ans := range a.Answers {
			if ans.Note != "" {
				f.MultiCell(width, 4.2, tr(fmt.Sprintf("%s: %s (catatan penilai: %s)", ans.Code, yaTidak(ans.Value), ans.Note)), "", "L", false)
			}
		}
	}
	for _, o := range a.Overrides {
		f.MultiCell(width, 4.2, tr(fmt.Sprintf("Koreksi angka %s = %d: %s", o.Source, o.Value, o.Note)), "", "L", false)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: worksheet %d: %w", a.ID, err)
	}
	return buf.Bytes(), nil
}

func yaTidak(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}

// dec writes a number with two decimals and an Indonesian decimal comma.
func dec(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', 2, 64), ".", ",", 1)
}

// wib is the office's time zone (UTC+7).
var wib = time.FixedZone("WIB", 7*60*60)
