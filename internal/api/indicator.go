package api

import (
	"bina/indicator"
	"net/http"

	"bina"
)

// indicatorQuery is the query of GET /api/v1/indicators and of one
// indicator's breakdown.
type indicatorQuery struct {
	indicator.Query
	By string
}

func indicatorParams(ref bina.Reference, breakdown bool) []param[indicatorQuery] {
	type F = indicatorQuery
	ps := []param[F]{
		yearParam("year", "The year; the current one when absent. Past years are given for the indicators whose records carry dates.",
			func(f *F) *int { return &f.Year }),
		regionParam(ref, "region", "A region of the deployment inside the user's area; the user's area when absent.",
			func(f *F) *bina.RegionCode { return &f.Region }),
	}
	if breakdown {
		ps = append(ps, enumParam("by", "The breakdown; absent: the whole figure as one item. An indicator allows the breakdowns its metadata lists.",
			indicator.Breakdowns, func(f *F) *string { return &f.By }))
	}
	return ps
}

// indicatorAnswer is the body of both indicator operations.
type indicatorAnswer struct {
	Items []indicator.Value `json:"items"`
	Total int               `json:"total"`
}

// Indicators serves the value of every indicator for a year and region.
func (h *Handler) Indicators(w http.ResponseWriter, r *http.Request) { h.serveIndicators(w, r, false) }

// Indicator serves one indicator, whole or broken down.
func (h *Handler) Indicator(w http.ResponseWriter, r *http.Request) { h.serveIndicators(w, r, true) }

// serveIndicators answers either operation: one indicator (its code in
// the path) or all of them.
func (h *Handler) serveIndicators(w http.ResponseWriter, r *http.Request, one bool) {
	if h.indicators == nil {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Halaman tidak ditemukan", "Not found"))
		return
	}
	var q indicatorQuery
	if err := parseQuery(r.URL.Query(), indicatorParams(h.ref, one), &q); err != nil {
		h.Error(w, r, err)
		return
	}
	var items []indicator.Value
	var err error
	if one {
		items, err = h.indicators.IndicatorBreakdown(r.Context(), r.PathValue("code"), q.Query, q.By)
	} else {
		items, err = h.indicators.IndicatorValues(r.Context(), q.Query)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, indicatorAnswer{Items: items, Total: len(items)})
}

// indicatorPaths adds the indicator operations to the document.
func (h *Handler) indicatorPaths(add func(method, path string, o operation)) {
	add("GET", "/api/v1/indicators", newOperation("indicators", "statistics", "Every indicator for a year and region.",
		"The catalogue of indicators (docs/indikator.md) computed from the register inside the user's area. "+
			"umkm_registered of the current year equals total of GET /api/v1/enterprises for the same region, and coop_active "+
			"the total of GET /api/v1/cooperatives?active=ya. Each item's url is the list of the records behind the figure. "+
			"A past year lists only the indicators whose records carry dates. total is the number of items.").
		params(queryParams(indicatorParams(h.ref, false))...).
		answer(200, "The values.", "IndicatorList").problems(http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity))
	add("GET", "/api/v1/indicators/{code}", newOperation("indicator", "statistics", "One indicator, whole or broken down.",
		"With by, one item per key of the breakdown (key, label): the child regions (kecamatan of a regency, desa of a kecamatan), "+
			"the sizes, the KBLI sections, the owner's gender (the workers' sex for umkm_workers_paid and umkm_workers_unpaid; key - holds records without the value), "+
			"the owner's disability (ya, tidak), the certificate kinds, or the five years up to year. "+
			"404 for an unknown code, 422 for a breakdown the indicator does not allow or a year before any data.").
		params(append([]schema{{"name": "code", "in": "path", "required": true, "description": "The indicator's code, e.g. umkm_binaan.", "schema": schema{"type": "string"}}},
			queryParams(indicatorParams(h.ref, true))...)...).
		answer(200, "The values.", "IndicatorList").problems(http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity))
}

// indicatorSchemas adds the indicator answer's schemas to out.
func indicatorSchemas(out schema) {
	v := answer
	out["IndicatorValue"] = optional(v.object("The value of one indicator, or of one key of its breakdown.",
		member{"code", str("The indicator's code.")},
		member{"name", str("Its name in Bahasa Indonesia.")},
		member{"unit", str("Its unit (satuan).")},
		member{"value", describe(schema{"type": []string{"number", "null"}}, "The figure: a count, or a percentage with one decimal; null when it has none (dq_last_import before any import).")},
		member{"year", integer("The year.")},
		member{"region_code", describe(schema{"type": "string", "pattern": regionPattern}, "The region.")},
		member{"key", str("The breakdown's key: a region code, a size, a KBLI section, a gender, ya or tidak (disability), a certificate kind, a year, or - for records without the value.")},
		member{"label", str("The key's name.")},
		member{"url", str("The list page of the records behind the figure.")},
	), "key", "label")
	out["IndicatorList"] = v.object("Indicator values.",
		member{"items", array(ref("IndicatorValue"), "")},
		member{"total", count("The number of items.")},
	)
}
