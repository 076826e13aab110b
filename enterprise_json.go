package bina

import "encoding/json"

// MarshalJSON writes an enterprise as the API answers it, by the API's
// conventions (docs/api.md): lists that are empty are [], never null, and
// an unknown start year or month or total of workers is null rather than
// 0. Reading takes either (null into a list or a number leaves it empty or
// 0).
func (e Enterprise) MarshalJSON() ([]byte, error) {
	type plain Enterprise // without this method
	v := struct {
		plain
		KBLI       []KBLICode    `json:"kbli"`
		Sales      []AnnualSales `json:"sales"`
		StartYear  *int          `json:"start_year"`
		StartMonth *int          `json:"start_month"`
		Workers    *int          `json:"workers_total"`
	}{plain: plain(e), KBLI: e.KBLI, Sales: e.Sales}
	if v.KBLI == nil {
		v.KBLI = []KBLICode{}
	}
	if v.Sales == nil {
		v.Sales = []AnnualSales{}
	}
	if e.StartYear != 0 {
		v.StartYear = &e.StartYear
	}
	if e.StartMonth != 0 {
		v.StartMonth = &e.StartMonth
	}
	if e.WorkersTotal != 0 {
		v.Workers = &e.WorkersTotal
	}
	return json.Marshal(v)
}
