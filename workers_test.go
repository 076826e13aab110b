package bina_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/refdata"
)

// TestWorkersTotal holds the rules of the total of workers: derived from
// the split when not given, kept as it is when only it is known, refused
// when negative, too large, or smaller than the split.
func TestWorkersTotal(t *testing.T) {
	ref, err := refdata.Reference(bina.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ref.Now = func() time.Time { return checkNow }
	split := func(pm, pf, um, uf int) func(*bina.Enterprise) {
		return func(e *bina.Enterprise) {
			e.WorkersPaidMale, e.WorkersPaidFemale, e.WorkersUnpaidMale, e.WorkersUnpaidFemale = pm, pf, um, uf
		}
	}
	tests := []struct {
		name    string
		split   func(*bina.Enterprise)
		total   int
		want    int    // the total after Normalize
		unsplit int    // WorkersUnsplit
		field   string // the field blamed, "" for valid
	}{
		{"nothing known", split(0, 0, 0, 0), 0, 0, 0, ""},
		{"the split only: the total is its sum", split(2, 1, 0, 3), 0, 6, 0, ""},
		{"the total only: kept as it is", split(0, 0, 0, 0), 7, 7, 7, ""},
		{"the total equal to the split", split(2, 1, 0, 3), 6, 6, 0, ""},
		{"the total above the split: a partial split", split(2, 0, 0, 0), 5, 5, 3, ""},
		{"the total below the split", split(2, 1, 0, 3), 5, 5, 0, "workers_total"},
		{"a negative total", split(0, 0, 0, 0), -1, -1, 0, "workers_total"},
		{"400,000 workers", split(100_000, 100_000, 100_000, 100_000), 400_000, 400_000, 0, ""},
		{"400,001 workers", split(0, 0, 0, 0), 400_001, 400_001, 400_001, "workers_total"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEnterprise()
			tt.split(&e)
			e.WorkersTotal = tt.total
			e.Normalize()
			if e.WorkersTotal != tt.want {
				t.Errorf("total after Normalize = %d, want %d", e.WorkersTotal, tt.want)
			}
			if got := e.WorkersUnsplit(); got != tt.unsplit {
				t.Errorf("WorkersUnsplit = %d, want %d", got, tt.unsplit)
			}
			var fields []string
			for _, f := range bina.ErrorFields(e.Validate(ref)) {
				fields = append(fields, f.Field)
			}
			switch {
			case tt.field == "" && len(fields) > 0:
				t.Fatalf("refused: %v", bina.ErrorFields(e.Validate(ref)))
			case tt.field != "" && !slices.Equal(fields, []string{tt.field}):
				t.Fatalf("problems with %v, want with %s only", fields, tt.field)
			}
		})
	}
	t.Run("the message names both numbers in Indonesian", func(t *testing.T) {
		e := validEnterprise()
		e.WorkersPaidMale, e.WorkersTotal = 4, 3
		fe := bina.ErrorFields(e.Validate(ref))
		if len(fe) != 1 || !strings.Contains(fe[0].Message.ID, "Jumlah tenaga kerja (3) lebih kecil dari jumlah rinciannya") ||
			!strings.Contains(fe[0].Message.ID, "(4)") {
			t.Fatalf("problems %+v", fe)
		}
	})
}

// TestWorkersTotalFollowsSplit checks merges and imports: a total derived
// from the split follows a new split; a total given stays, and one given
// with the split is taken.
func TestWorkersTotalFollowsSplit(t *testing.T) {
	stored := func(pm, total int) bina.Enterprise {
		e := validEnterprise()
		e.WorkersPaidMale, e.WorkersTotal = pm, total
		e.Normalize()
		return e
	}
	incoming := bina.Enterprise{WorkersPaidMale: 6, WorkersTotal: 9}
	tests := []struct {
		name   string
		old    bina.Enterprise
		fields []string
		want   int
	}{
		{"a derived total follows a bigger split", stored(4, 0), []string{"workers_paid_male"}, 6},
		{"a derived total follows when nothing was known", stored(0, 0), []string{"workers_paid_male"}, 6},
		{"a given total stays", stored(2, 8), []string{"workers_paid_male"}, 8},
		{"a total taken with the split", stored(4, 0), []string{"workers_paid_male", "workers_total"}, 9},
		{"a total taken alone", stored(4, 0), []string{"workers_total"}, 9},
		{"other fields leave a derived total", stored(4, 0), []string{"name"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.old
			if err := e.TakeFields(&incoming, tt.fields); err != nil {
				t.Fatal(err)
			}
			if e.WorkersTotal != tt.want {
				t.Errorf("total = %d, want %d", e.WorkersTotal, tt.want)
			}
		})
	}
}

// TestWorkersTotalJSON checks the API's member: null when unknown, the
// number otherwise, and null read back as unknown.
func TestWorkersTotalJSON(t *testing.T) {
	for _, tt := range []struct {
		total int
		want  string
	}{{0, `"workers_total":null`}, {7, `"workers_total":7`}} {
		b, err := json.Marshal(bina.Enterprise{WorkersTotal: tt.total})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tt.want) || strings.Count(string(b), `"workers_total"`) != 1 {
			t.Errorf("total %d: %s, want %s once", tt.total, b, tt.want)
		}
	}
	var e bina.Enterprise
	if err := json.Unmarshal([]byte(`{"workers_total":null}`), &e); err != nil || e.WorkersTotal != 0 {
		t.Errorf("null: %v, total %d", err, e.WorkersTotal)
	}
}

// TestFollowSplitOf: an edit that leaves a derived total as it was lets it
// follow the new split; a total the editor set, or one set before, stays.
func TestFollowSplitOf(t *testing.T) {
	for _, tc := range []struct {
		name              string
		oldTotal, oldPaid int
		newTotal, newPaid int
		want              int
	}{
		{"derived, left as it was", 3, 3, 3, 11, 0},
		{"derived, changed by the editor", 3, 3, 20, 11, 20},
		{"set above the split before", 9, 3, 9, 11, 9},
		{"nothing known before", 0, 0, 0, 4, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := &bina.Enterprise{WorkersTotal: tc.oldTotal, WorkersPaidMale: tc.oldPaid}
			e := &bina.Enterprise{WorkersTotal: tc.newTotal, WorkersPaidMale: tc.newPaid}
			e.FollowSplitOf(old)
			if e.WorkersTotal != tc.want {
				t.Errorf("total %d, want %d", e.WorkersTotal, tc.want)
			}
		})
	}
}
