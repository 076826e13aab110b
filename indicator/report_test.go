package indicator

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// fakeIndicators answers every indicator of the catalogue with a value
// from its code and year, and a breakdown of two keys; fail makes one
// breakdown fail.
type fakeIndicators struct {
	mu    sync.Mutex
	calls int
	fail  string
	omit  []string // codes answered by no value, as if not in the catalogue
	first int      // a year before it has no data (ErrNoDataForYear)
}

func (f *fakeIndicators) IndicatorValues(_ context.Context, q Query) ([]Value, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	if q.Year < f.first {
		return nil, NoDataForYear(q.Year)
	}
	var out []Value
	for i, ind := range Indicators {
		if slices.Contains(f.omit, ind.Code) {
			continue
		}
		v := Value{Code: ind.Code, Name: ind.Name.ID, Unit: ind.Unit.ID, Value: float64(q.Year - 2000 + i), Year: q.Year, RegionCode: "61.12"}
		if ind.Code == "dq_last_import" { // never an import: no value
			v.Value, v.None = 0, true
		}
		out = append(out, v)
	}
	return out, nil
}

func (f *fakeIndicators) IndicatorBreakdown(_ context.Context, code string, q Query, by string) ([]Value, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	if code == f.fail {
		return nil, errors.New("broken")
	}
	return []Value{{Code: code, Key: "61.12.01", Label: "Sungai Raya", Value: 3, Year: q.Year}, {Code: code, Key: "61.12.02", Label: "Kuala Mandor B", Value: 2, Year: q.Year}}, nil
}

// TestGatherRakor: the report reads the year and the two before, the
// breakdowns the chapters draw of the indicators the catalogue holds, and
// a breakdown by region of every indicator allowing it; lines of codes not
// in the catalogue are left out and named in the closing note.
func TestGatherRakor(t *testing.T) {
	ind := &fakeIndicators{omit: []string{"umkm_digital_share", "coop_shu"}}
	var last, total int
	f, err := GatherRakor(context.Background(), ind, Query{Year: 2025, Region: "61.12"}, GatherOptions{Progress: func(d, n int) {
		if d < last {
			t.Errorf("progress went back from %d to %d", last, d)
		}
		last, total = d, n
	}})
	if err != nil {
		t.Fatal(err)
	}
	if last != total || total != ind.calls {
		t.Errorf("progress ended at %d of %d after %d reads", last, total, ind.calls)
	}
	if len(f.Years) != 3 || f.Years[0].Year != 2023 || f.Years[2].Year != 2025 {
		t.Fatalf("years %+v", f.Years)
	}
	if _, ok := f.Breakdown("umkm_registered", "kbli_section"); !ok {
		t.Error("no breakdown of umkm_registered by KBLI section")
	}
	if _, ok := f.Breakdown("coop_active", "region"); !ok {
		t.Error("no breakdown by region of coop_active for its region pages")
	}
	if _, ok := f.Breakdown("coop_rat_on_time", "region"); ok {
		t.Error("a breakdown the indicator does not allow was read")
	}
	f.TakenAt, f.RegionName = time.Date(2026, 1, 5, 3, 0, 0, 0, time.UTC), "Kubu Raya"
	tables := f.Tables()
	keys := map[string]bool{}
	for _, tb := range tables {
		if keys[tb.Key] || utf8.RuneCountInString(tb.Key) > 31 || tb.Key == "" {
			t.Errorf("sheet name %q repeated, empty or too long", tb.Key)
		}
		keys[tb.Key] = true
		for _, row := range tb.Rows {
			if len(row) > len(tb.Header) {
				t.Errorf("%s: row %v wider than its header %v", tb.Key, row, tb.Header)
			}
		}
	}
	if !keys["Sungai Raya"] || !keys["Kuala Mandor B"] || !keys["Ringkasan"] || !keys["Penutup"] {
		t.Errorf("tables %v", keys)
	}
	summary := tables[0]
	if len(summary.Rows) != len(Indicators)-len(ind.omit) || summary.Rows[0][3] != 25.0 || summary.Rows[0][2] != 24.0 || summary.Rows[0][4] != 1.0 {
		t.Errorf("summary %v", summary.Rows[0])
	}
	// A figure without a value is an empty cell, with no change, not 0.
	for _, row := range summary.Rows {
		if row[0] == "Hari sejak impor terakhir" && (row[2] != nil || row[3] != nil || row[4] != nil || row[5] != nil) {
			t.Errorf("days since the last import, never imported: %v", row)
		}
	}
	missing := f.Missing()
	if !slices.Contains(missing, "umkm_digital_share") || slices.Contains(missing, "umkm_registered") {
		t.Errorf("missing %v", missing)
	}
	closing := tables[len(tables)-1]
	if s, _ := closing.Rows[5][1].(string); !slices.Contains(missing, "coop_shu") || !strings.Contains(s, "umkm_digital_share") || !strings.Contains(s, "coop_shu") {
		t.Errorf("closing note names %q", s)
	}
	for _, ch := range RakorChapters {
		for _, tb := range tables {
			if tb.Section != ch.Key || tb.Chart != nil {
				continue
			}
			for _, row := range tb.Rows {
				if name := row[0].(string); name == "" {
					t.Errorf("%s: a line without a name", ch.Key)
				}
			}
		}
	}
}

// TestGatherRakorFails: a read that fails fails the gathering with its
// error, and the other reads stop.
func TestGatherRakorFails(t *testing.T) {
	ind := &fakeIndicators{fail: "umkm_registered"}
	_, err := GatherRakor(context.Background(), ind, Query{Year: 2025, Region: "61.12"}, GatherOptions{Workers: 1})
	if err == nil || err.Error() != "broken" {
		t.Fatalf("err %v, want broken", err)
	}
	if ind.calls != 3+1 {
		t.Errorf("%d reads after the first failure of %s", ind.calls, strconv.Quote(ind.fail))
	}
}

// TestGatherRakorYearsBeforeData: a register begun in the report's year
// still gives a report; the earlier years' columns stay empty.
func TestGatherRakorYearsBeforeData(t *testing.T) {
	f, err := GatherRakor(context.Background(), &fakeIndicators{first: 2025}, Query{Year: 2025, Region: "61.12"}, GatherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Value(2025, "umkm_registered"); !ok {
		t.Error("no value for the report's year")
	}
	if v, ok := f.Value(2024, "umkm_registered"); ok {
		t.Errorf("a value %v for 2024, before the register", v)
	}
	if _, err := GatherRakor(context.Background(), &fakeIndicators{first: 2026}, Query{Year: 2025, Region: "61.12"}, GatherOptions{}); !errors.Is(err, ErrNoDataForYear) {
		t.Errorf("report of a year before the register: %v", err)
	}
}
