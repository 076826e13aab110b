package api

import (
	"bina/supervision"
	"net/http"

	"bina"
)

// complianceParams are the filters of GET /api/v1/compliance.
func complianceParams(ref bina.Reference) []param[supervision.ComplianceFilter] {
	type F = supervision.ComplianceFilter
	return []param[F]{
		intParam("book_year", "The book year whose RAT is asked about (required): the RAT for book year T is due by 30 June of T+1 unless the office's settings say otherwise.",
			1950, 9999, func(f *F) *int { return &f.BookYear }),
		regionParam(ref, "region", "A province, regency, kecamatan or desa code: cooperatives whose village lies in it; the user's region when absent.",
			func(f *F) *bina.RegionCode { return &f.Region }),
		enumParam("status", "Where the cooperative stands for the book year.", supervision.ComplianceStatuses, func(f *F) *string { return &f.Status }),
		intParam("missed", "Only those on the rung of the sanction ladder that starts at this many missed years in a row (the list behind a rung's count).",
			0, supervision.ComplianceLookback, func(f *F) *int { return &f.Missed }),
		cursorParam(func(f *F) *string { return &f.Cursor }),
		limitParam(func(f *F) *int { return &f.Limit }),
	}
}

// Compliance serves the RAT compliance table of a book year: one item per
// live cooperative that owed the RAT, with the RAT's date, the annual
// report's state, the days late and the missed years in a row.
func (h *Handler) Compliance(w http.ResponseWriter, r *http.Request) {
	if h.compliance == nil {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Halaman tidak ditemukan", "Not found"))
		return
	}
	var f supervision.ComplianceFilter
	if err := parseQuery(r.URL.Query(), h.complianceParams, &f); err != nil {
		h.Error(w, r, err)
		return
	}
	if f.BookYear == 0 {
		var p bina.Problems
		p.Add("book_year", "Tahun buku wajib diisi", "The book year is required")
		h.Error(w, r, p.Err())
		return
	}
	page, err := h.compliance.Compliance(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	out := bina.Page[supervision.Compliance]{Items: make([]supervision.Compliance, len(page.Items)), Total: page.Total, Next: page.Next, Prev: page.Prev}
	for i, it := range page.Items {
		out.Items[i] = it.Compliance
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, out))
}

// compliancePaths adds the compliance operation to the document.
func (h *Handler) compliancePaths(add func(method, path string, o operation)) {
	add("GET", "/api/v1/compliance", newOperation("compliance", "cooperatives", "RAT compliance of a book year.",
		"One item per live cooperative inside the user's region founded by the end of book_year: the day its RAT for the year was held (null when not), "+
			"the state of its annual report for the year (empty until annual reports are kept), the days late (the larger of the RAT's and the report's "+
			"lateness against the office's due dates, counted to today when still outstanding) and how many due RATs in a row up to the year were missed. "+
			"Ordered by name, one page at a time.").
		params(queryParams(h.complianceParams)...).
		answer(200, "One page.", "CompliancePage").problems(http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity))
}

// complianceSchemas adds the compliance answer's schemas to out.
func complianceSchemas(out schema, page func(string) schema) {
	v := answer
	out["Compliance"] = v.object("Where one cooperative stands with the RAT of a book year.",
		member{"cooperative_id", id64("")},
		member{"rat_held_on", v.date("The day the RAT for the book year was held.")},
		member{"report_state", nullableEnum(supervision.ReportStates, "The annual report's state; null when there is none.")},
		member{"days_late", count("Days after the due date the RAT was held or the report sent, or (still outstanding) today is.")},
		member{"missed_years", describe(schema{"type": "integer", "minimum": 0, "maximum": supervision.ComplianceLookback}, "Due RATs in a row up to the book year that were not held.")},
	)
	out["CompliancePage"] = page("Compliance")
}
