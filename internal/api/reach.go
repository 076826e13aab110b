package api

import (
	"bina/coaching"
	"net/http"

	"bina"
)

// reachQuery is the query of GET /api/v1/reach.
type reachQuery struct {
	Region bina.RegionCode
	Since  int
}

func reachParams(ref bina.Reference) []param[reachQuery] {
	type F = reachQuery
	return []param[F]{
		regionParam(ref, "region", "The region whose children are counted: a regency (its kecamatan) or a kecamatan (its desa); the user's region when absent.",
			func(f *F) *bina.RegionCode { return &f.Region }),
		yearParam("since", "Count as reached only those reached in or after this year; absent: reached ever.",
			func(f *F) *int { return &f.Since }),
	}
}

// reachAnswer is the body of GET /api/v1/reach.
type reachAnswer struct {
	Items []coaching.ReachRow `json:"items"`
	Total coaching.ReachRow   `json:"total"`
}

// Reach serves the office's reach per child region: businesses in the
// register, reached (ever or since a year) and never reached.
func (h *Handler) Reach(w http.ResponseWriter, r *http.Request) {
	if h.reach == nil {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Halaman tidak ditemukan", "Not found"))
		return
	}
	var q reachQuery
	if err := parseQuery(r.URL.Query(), reachParams(h.ref), &q); err != nil {
		h.Error(w, r, err)
		return
	}
	rep, err := h.reach.Reach(r.Context(), q.Region, q.Since)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, reachAnswer{Items: rep.Items, Total: rep.Total})
}

// reachPaths adds the reach operation to the document.
func (h *Handler) reachPaths(add func(method, path string, o operation)) {
	add("GET", "/api/v1/reach", newOperation("reach", "statistics", "Who the office reached, per kecamatan or desa.",
		"For each child of region (the kecamatan of a regency, the desa of a kecamatan): live businesses in the register, "+
			"those reached by the office (an attended or completed programme activity, or a coaching session) ever or, with since, in or after that year, "+
			"and those never reached; total holds the same figures for region itself. The list behind a figure is GET /api/v1/enterprises?region=…&reached=never|ever|since:YEAR. "+
			"Inside the user's region.").
		params(queryParams(reachParams(h.ref))...).
		answer(200, "The figures.", "ReachReport").problems(http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity))
}

// reachSchemas adds the reach answer's schemas to out.
func reachSchemas(out schema) {
	v := answer
	out["ReachRow"] = v.object("The office's reach in one region.",
		member{"region_code", describe(schema{"type": "string", "pattern": regionPattern}, "")},
		member{"region_name", str("")},
		member{"enterprises", count("Live businesses in the register.")},
		member{"reached", count("Of them reached by the office: ever, or in or after since when given.")},
		member{"never_reached", count("Of them never reached.")},
	)
	out["ReachReport"] = schema{
		"type": "object", "description": "The reach of the children of a region and of the region itself.",
		"required": []string{"items", "total"}, "additionalProperties": false,
		"properties": schema{"items": schema{"type": "array", "items": ref("ReachRow")}, "total": ref("ReachRow")},
	}
}
