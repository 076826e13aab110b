package web

import (
	"bina/imports"
	"net/http"
	"strings"

	"bina"
)

// The preview of an import's first rows on the mapping step (see
// import.go).

// previewRows is how many rows the preview converts.
const previewRows = 20

// previewRow is one converted row of the preview.
type previewRow struct {
	Line     int
	Outcome  string
	Label    string // the outcome in words
	Badge    string
	Name     string
	Place    string // where the row's record lies
	Region   string // a note on the region match
	Problems []string
}

// previewView is the preview of the first rows.
type previewView struct {
	Rows                 []previewRow
	Ready, Held, Refused int
}

// ImportPreview converts the first rows of the file with the posted
// mapping, writing nothing, and shows them under the mapping.
func (h *Handler) ImportPreview(w http.ResponseWriter, r *http.Request) {
	j, err := h.findImport(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if j.State != imports.ImportUploaded {
		http.Redirect(w, r, importURL(j.ID), http.StatusSeeOther)
		return
	}
	st, err := readMapping(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	check := h.checkMapping(j, st)
	if st.mapping.Validate(j.Entity) != nil {
		h.showMapping(w, r, j, st, check)
		return
	}
	ctx := r.Context()
	pj, err := h.mappingJob(ctx, j, st)
	if err == nil {
		var rows []imports.Row
		rows, err = h.Importer.Preview(ctx, pj, previewRows)
		if err == nil {
			h.showMapping(w, r, j, st, func(p *importMapPage) { p.Preview = h.previewView(j.Entity, rows, p.Lang) })
			return
		}
	}
	if bina.ErrorCode(err) != bina.Invalid {
		h.Error(w, r, err)
		return
	}
	h.showMapping(w, r, j, st, func(p *importMapPage) { p.Summary = append(p.Summary, problemTexts(err, p.Lang)...) })
}

// previewView makes the preview's rows readable.
func (h *Handler) previewView(entity bina.Entity, rows []imports.Row, lang string) *previewView {
	v := &previewView{}
	for _, row := range rows {
		pr := previewRow{Line: row.Line, Outcome: row.Outcome, Label: outcomeLabel(row.Outcome, lang), Badge: outcomeBadge(row.Outcome)}
		switch {
		case row.Enterprise != nil:
			pr.Name = row.Enterprise.Name
			if row.Enterprise.VillageCode != "" {
				pr.Place = h.Ref.Regions.Path(row.Enterprise.VillageCode)
			}
		case row.Cooperative != nil:
			pr.Name = row.Cooperative.Name
			if row.Cooperative.VillageCode != "" {
				pr.Place = h.Ref.Regions.Path(row.Cooperative.VillageCode)
			}
		}
		if pr.Place == "" && row.Region.Code != "" {
			pr.Place = h.Ref.Regions.Path(row.Region.Code)
		}
		if row.Region.Problem.ID != "" {
			pr.Region = row.Region.Problem.In(lang)
		}
		if !row.Region.Confident && len(row.Region.Candidates) > 0 {
			var names []string
			for _, c := range row.Region.Candidates {
				names = append(names, c.Name)
			}
			pr.Region = strings.TrimSpace(pr.Region + " " + bina.Text{ID: "Pilihan: ", EN: "Choices: "}.In(lang) + strings.Join(names, ", "))
		}
		pr.Problems = problemLines(entity, row.Problems, lang)
		switch row.Outcome {
		case imports.OutcomeRejected:
			v.Refused++
		case imports.OutcomeReview:
			v.Held++
		default:
			v.Ready++
		}
		v.Rows = append(v.Rows, pr)
	}
	return v
}
