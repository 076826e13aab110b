package web

import (
	"cmp"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"bina"
	"bina/imports"
	"bina/internal/sheet"
)

// The report of an import that ended, on the page and as a download
// (see import.go).

const (
	// issuesOnPage is how many rejected or held rows the report page
	// lists; the downloadable report has them all.
	issuesOnPage = 100
	// issuesLoadMax is the most problem rows the report page reads to
	// summarise their reasons; beyond it the page offers the download only.
	issuesLoadMax = 5000
)

// reasonCount is how many rows share one problem.
type reasonCount struct {
	Reason string
	Rows   int
}

// issueRow is one rejected or held row on the report page.
type issueRow struct {
	Line     int
	Label    string
	Badge    string
	Name     string
	Problems []string
}

// importReportPage shows what an import did.
type importReportPage struct {
	layout
	Job         *imports.Job
	Row         importRow
	Error       string
	Issues      []issueRow
	MoreIssues  int // issues not listed on the page
	Reasons     []reasonCount
	TooMany     bool // too many issues to summarise on the page
	ReportURL   string
	ReviewURL   string
	OpenReviews int
}

func (h *Handler) showReport(w http.ResponseWriter, r *http.Request, j *imports.Job) {
	ctx := r.Context()
	p := &importReportPage{layout: h.newLayout(r, "Laporan impor", "impor"), Job: j,
		ReportURL: importURL(j.ID) + "/laporan.xlsx", ReviewURL: "/tinjau?impor=" + strconv.FormatInt(j.ID, 10)}
	p.Row = h.importRow(*j, p.Lang)
	p.Here = importURL(j.ID)
	p.Error = j.Error.In(p.Lang)
	issues := j.Counts.Rejected + j.Counts.Review
	if j.Entity == imports.EntityAttendance || j.Entity == imports.EntityAnnualReport {
		// Every row of an attendance sheet says how it was matched, every
		// row of yearly figures which report it became or why not.
		issues = j.Counts.Rows()
	}
	if issues > issuesLoadMax {
		p.TooMany = true
	} else if issues > 0 {
		rows, err := h.Imports.ImportIssues(ctx, j.ID)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		reasons := map[string]int{}
		for i, row := range rows {
			seen := map[string]bool{}
			for _, fe := range row.Problems {
				k := problemLine(j.Entity, bina.FieldError{Field: fe.Field, Message: fe.Message}, p.Lang)
				if !seen[k] {
					reasons[k]++
					seen[k] = true
				}
			}
			if i < issuesOnPage {
				p.Issues = append(p.Issues, issueRow{Line: row.Line, Label: outcomeLabel(row.Outcome, p.Lang), Badge: outcomeBadge(row.Outcome),
					Name: issueName(j, row), Problems: problemLines(j.Entity, row.Problems, p.Lang)})
			}
		}
		p.MoreIssues = max(0, len(rows)-issuesOnPage)
		for k, n := range reasons {
			p.Reasons = append(p.Reasons, reasonCount{k, n})
		}
		sort.Slice(p.Reasons, func(a, b int) bool {
			if p.Reasons[a].Rows != p.Reasons[b].Rows {
				return p.Reasons[a].Rows > p.Reasons[b].Rows
			}
			return p.Reasons[a].Reason < p.Reasons[b].Reason
		})
		if len(p.Reasons) > 12 {
			p.Reasons = p.Reasons[:12]
		}
	}
	if j.Counts.Review > 0 {
		page, err := h.Imports.ReviewItems(ctx, imports.Filter{ImportID: j.ID, State: imports.ReviewOpen, Limit: 1})
		if err != nil {
			h.Error(w, r, err)
			return
		}
		p.OpenReviews = page.Total
	}
	h.render(w, r, http.StatusOK, "import/report", p)
}

// issueName names the record of an import row: its converted name, or the
// cell of the name column.
func issueName(j *imports.Job, row imports.Row) string {
	switch {
	case row.Enterprise != nil && row.Enterprise.Name != "":
		return row.Enterprise.Name
	case row.Cooperative != nil && row.Cooperative.Name != "":
		return row.Cooperative.Name
	}
	if c, ok := j.Mapping.Column(bina.FieldName); ok && c < len(row.Cells) {
		return row.Cells[c]
	}
	return ""
}

// ImportReport downloads the rows of an import that were rejected or sent
// to review, as they were in the file, with a first column "Masalah"
// listing their problems: an official fixes them in Excel and imports the
// file again. Every text cell is neutralised so that no cell can run as a
// formula.
func (h *Handler) ImportReport(w http.ResponseWriter, r *http.Request) {
	j, err := h.findImport(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// One pass over the report's rows, none held. The header names the
	// file's columns; a row longer than the header (a CSV line with more
	// cells) keeps its extra cells under blank headings.
	ctx := r.Context()
	lang := lang(r)
	// The writer holds the sheet in a temporary file and writes it out at
	// Close, so an error before then still gets a clean error page.
	out := &deferredWriter{w: w, header: func(hd http.Header) {
		hd.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		hd.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="laporan-impor-%d.xlsx"`, j.ID))
		hd.Set("Cache-Control", "no-store")
	}}
	xw, err := sheet.NewXLSX(out, h.t(lang, "Masalah"))
	if err != nil {
		h.Error(w, r, bina.Wrap(err, "report"))
		return
	}
	head := make([]any, 0, len(j.Header)+1)
	head = append(head, h.t(lang, "Masalah"))
	for _, c := range j.Header {
		head = append(head, c)
	}
	werr := xw.Write(head)
	var line []any
	err = h.Imports.EachImportIssue(ctx, j.ID, func(row imports.Row) bool {
		if werr != nil {
			return false
		}
		line = append(line[:0], issueText(j.Entity, row, lang))
		for c := 0; c < max(len(j.Header), len(row.Cells)); c++ {
			if c < len(row.Cells) {
				line = append(line, row.Cells[c])
			} else {
				line = append(line, "")
			}
		}
		werr = xw.Write(line)
		return werr == nil
	})
	if err = cmp.Or(err, werr); err != nil {
		// Nothing of the unfinished sheet goes out: Close only removes
		// its temporary file.
		out.discard = true
		xw.Close()
		h.Error(w, r, bina.Wrap(err, "report"))
		return
	}
	if err := xw.Close(); err != nil && !out.started {
		h.Error(w, r, bina.Wrap(err, "report"))
	} else if err != nil {
		h.Log.Error("write import report", "import", j.ID, "err", err)
	}
}

// issueText is the "Masalah" cell of a report row: the row's line and
// outcome, then its problems.
func issueText(entity bina.Entity, row imports.Row, lang string) string {
	parts := []string{bina.Text{ID: "Baris ", EN: "Row "}.In(lang) + strconv.Itoa(row.Line) + " · " + outcomeLabel(row.Outcome, lang)}
	parts = append(parts, problemLines(entity, row.Problems, lang)...)
	return strings.Join(parts, "; ")
}

// deferredWriter passes writes through and remembers whether any were
// made, so that a failure before the first byte can still be an error
// page.
type deferredWriter struct {
	w       http.ResponseWriter
	header  func(http.Header) // sets the headers of the download
	started bool
	discard bool // drop everything: the download failed before it began
}

func (d *deferredWriter) Write(b []byte) (int, error) {
	if d.discard {
		return len(b), nil
	}
	if !d.started {
		d.started = true
		d.header(d.w.Header())
		d.w.WriteHeader(http.StatusOK)
	}
	return d.w.Write(b)
}
