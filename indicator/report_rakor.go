package indicator

import (
	"bina"
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// RakorChapter is a chapter of the rakor report: the indicators it lists,
// by code, and the breakdowns it draws. Chapters name indicators the
// catalogue may not hold yet; a line or chart whose indicator has no
// value for the year is left out, so an indicator added to the catalogue
// fills its place without a change here.
type RakorChapter struct {
	Key    string
	Title  bina.Text
	Codes  []string
	Charts []RakorChart
}

// RakorChart is a breakdown drawn in a chapter: bars, or a map when by is
// "region" and boundaries of the child regions are at hand, or columns
// over the years when by is "year".
type RakorChart struct {
	Code string
	By   string
}

// RakorChapters are the chapters of the rakor report, in order
// (INDIKATOR.md C3 and C4).
var RakorChapters = []RakorChapter{
	{Key: "umkm", Title: bina.Text{ID: "UMKM", EN: "UMKM"},
		Codes: []string{"umkm_registered", "umkm_verified", "umkm_new", "umkm_closed", "umkm_women_owned_share", "umkm_workers_paid", "umkm_workers_unpaid"},
		Charts: []RakorChart{{"umkm_registered", "region"}, {"umkm_registered", "year"}, {"umkm_registered", "size"},
			{"umkm_registered", "kbli_section"}, {"umkm_registered", "gender"}}},
	{Key: "pembinaan", Title: bina.Text{ID: "Pembinaan dan jangkauan", EN: "Coaching and reach"},
		Codes: []string{"umkm_binaan", "umkm_reached", "umkm_never_reached", "programmes", "programme_participants", "programme_budget", "programme_outcomes"},
		Charts: []RakorChart{{"umkm_binaan", "region"}, {"umkm_reached", "region"}, {"programme_participants", "gender"},
			{"programme_participants", "year"}}},
	{Key: "sertifikasi", Title: bina.Text{ID: "Sertifikasi dan pembiayaan", EN: "Certification and financing"},
		Codes:  []string{"umkm_cert_held", "umkm_cert_obtained", "umkm_financing_count", "umkm_financing_amount"},
		Charts: []RakorChart{{"umkm_cert_held", "cert_kind"}, {"umkm_cert_obtained", "cert_kind"}, {"umkm_financing_amount", "region"}}},
	{Key: "digital", Title: bina.Text{ID: "Go Digital", EN: "Go Digital"},
		Codes:  []string{"umkm_digital_share"},
		Charts: []RakorChart{{"umkm_digital_share", "region"}}},
	{Key: "koperasi", Title: bina.Text{ID: "Koperasi: RAT, kesehatan dan KDMP", EN: "Cooperatives: RAT, health and KDMP"},
		Codes: []string{"coop_registered", "coop_active", "coop_rat_on_time", "coop_reporting", "coop_health", "coop_members",
			"coop_own_capital", "coop_assets", "coop_business_volume", "coop_shu", "kdmp_progress"},
		Charts: []RakorChart{{"coop_active", "region"}, {"coop_registered", "year"}, {"coop_rat_on_time", "year"},
			{"coop_health", "health_category"}, {"coop_members", "gender"}, {"kdmp_progress", "region"}}},
}

// rakorYears is how many years the comparisons hold: the year and the two
// before it (the keragaan table's three columns).
const rakorYears = 3

// RakorFigures are the figures of a rakor report, read once and kept
// with it: the snapshot every file of the report is drawn from.
type RakorFigures struct {
	Year       int             `json:"year"`
	Region     bina.RegionCode `json:"region_code"`
	RegionName string          `json:"region_name"`
	Government string          `json:"government"` // PEMERINTAH KABUPATEN KUBU RAYA
	Office     string          `json:"office"`     // the office on the cover
	Theme      string          `json:"theme,omitempty"`
	Version    int             `json:"version"`
	TakenAt    time.Time       `json:"taken_at"`
	// Years holds every indicator of each year compared, oldest first;
	// the last is Year.
	Years []RakorYear `json:"years"`
	// Breakdowns are the charts' breakdowns and those by region that the
	// pages of the child regions read.
	Breakdowns []RakorBreakdown `json:"breakdowns"`
}

// RakorYear is every indicator's value in one year.
type RakorYear struct {
	Year   int     `json:"year"`
	Values []Value `json:"values"`
}

// RakorBreakdown is one indicator broken down one way.
type RakorBreakdown struct {
	Code  string  `json:"code"`
	By    string  `json:"by"`
	Items []Value `json:"items"`
}

// Value returns the value of code in year, and false when the year or
// the indicator has none.
func (f *RakorFigures) Value(year int, code string) (Value, bool) {
	for _, y := range f.Years {
		if y.Year != year {
			continue
		}
		for _, v := range y.Values {
			if v.Code == code {
				return v, true
			}
		}
	}
	return Value{}, false
}

// Current returns the values of the report's year.
func (f *RakorFigures) Current() []Value {
	if len(f.Years) == 0 {
		return nil
	}
	return f.Years[len(f.Years)-1].Values
}

// Breakdown returns the items of code broken down by by.
func (f *RakorFigures) Breakdown(code, by string) ([]Value, bool) {
	for _, b := range f.Breakdowns {
		if b.Code == code && b.By == by {
			return b.Items, true
		}
	}
	return nil, false
}

// Children returns the child regions the by=region breakdowns hold, in
// their order, as code and name.
func (f *RakorFigures) Children() []bina.Option {
	var out []bina.Option
	for _, b := range f.Breakdowns {
		if b.By != "region" {
			continue
		}
		for _, it := range b.Items {
			if it.Key != "-" && !slices.ContainsFunc(out, func(o bina.Option) bool { return o.Code == it.Key }) {
				out = append(out, bina.Option{Code: it.Key, ID: it.Label, EN: it.Label})
			}
		}
	}
	return out
}

// Missing returns the codes the chapters name that have no value in the
// report's year: the lines left out, for the closing note.
func (f *RakorFigures) Missing() []string {
	var out []string
	for _, ch := range RakorChapters {
		for _, c := range ch.Codes {
			if _, ok := f.Value(f.Year, c); !ok {
				out = append(out, c)
			}
		}
	}
	return out
}

// GatherOptions tune GatherRakor.
type GatherOptions struct {
	// Workers is how many reads run at once (default 2: the cores of a
	// regency's server; the queue makes one report at a time).
	Workers int
	// Progress, when set, is told how far the gathering got (done of
	// total reads), from one goroutine at a time.
	Progress func(done, total int)
}

// GatherRakor reads the figures of the rakor report of q.Year in q.Region
// from ind: every indicator of the year and the two before, the charts'
// breakdowns and, for the pages of the child regions, every indicator of
// the year that breaks down by region. The values are the API's
// (IndicatorValues, IndicatorBreakdown), so the report's totals equal
// GET /api/v1/indicators. The year's values come first (they say which
// indicators exist); the other reads are independent and run
// opt.Workers at a time.
func GatherRakor(ctx context.Context, ind Service, q Query, opt GatherOptions) (*RakorFigures, error) {
	f := &RakorFigures{Year: q.Year, Region: q.Region}
	current, err := ind.IndicatorValues(ctx, Query{Year: q.Year, Region: q.Region})
	if err != nil {
		return nil, err
	}
	f.Years = []RakorYear{{Year: q.Year, Values: current}}
	type ask struct{ code, by string }
	var asks []ask
	has := func(code, by string) bool {
		c, ok := ByCode(code)
		_, valued := f.Value(q.Year, code)
		return ok && valued && c.Allows(by) && !slices.Contains(asks, ask{code, by})
	}
	for _, ch := range RakorChapters {
		for _, c := range ch.Charts {
			if has(c.Code, c.By) {
				asks = append(asks, ask{c.Code, c.By})
			}
		}
	}
	for _, v := range current {
		if has(v.Code, "region") {
			asks = append(asks, ask{v.Code, "region"})
		}
	}
	var past []int
	for y := q.Year - rakorYears + 1; y < q.Year; y++ {
		if y >= 1900 {
			past = append(past, y)
		}
	}
	years := make([]RakorYear, len(past))
	f.Breakdowns = make([]RakorBreakdown, len(asks))
	reads := make([]func(context.Context) error, 0, len(past)+len(asks))
	for i, y := range past {
		reads = append(reads, func(ctx context.Context) error {
			vs, err := ind.IndicatorValues(ctx, Query{Year: y, Region: q.Region})
			if errors.Is(err, ErrNoDataForYear) {
				vs, err = nil, nil // a year before the register: its column stays empty
			}
			years[i] = RakorYear{Year: y, Values: vs}
			return err
		})
	}
	for i, a := range asks {
		reads = append(reads, func(ctx context.Context) error {
			items, err := ind.IndicatorBreakdown(ctx, a.code, Query{Year: q.Year, Region: q.Region}, a.by)
			f.Breakdowns[i] = RakorBreakdown{Code: a.code, By: a.by, Items: items}
			return err
		})
	}
	if opt.Progress != nil {
		opt.Progress(1, len(reads)+1)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = 2
	}
	if err := runAll(ctx, workers, reads, func(done int) {
		if opt.Progress != nil {
			opt.Progress(done+1, len(reads)+1)
		}
	}); err != nil {
		return nil, err
	}
	f.Years = append(years, f.Years...)
	return f, nil
}

// runAll runs fns, workers at a time, and returns the first error (the
// others are then cancelled). done is called after each, in turn.
func runAll(ctx context.Context, workers int, fns []func(context.Context) error, done func(n int)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var mu sync.Mutex
	finished := 0
	next := make(chan func(context.Context) error)
	var wg sync.WaitGroup
	for range min(workers, len(fns)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for fn := range next {
				if ctx.Err() != nil {
					continue // another read failed: skip the rest
				}
				if err := fn(ctx); err != nil {
					cancel(err)
				}
				mu.Lock()
				finished++
				done(finished)
				mu.Unlock()
			}
		}()
	}
	for _, fn := range fns {
		if ctx.Err() != nil {
			break
		}
		next <- fn
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
}
