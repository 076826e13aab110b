package sqlstore_test

import (
	"encoding/json"
	"strings"
	"testing"

	"bina"
	"bina/indicator"
	"bina/internal/sqlstore"
)

// TestLastImportHasNoValueBeforeAnImport: dq_last_import has no value
// (None, JSON null) until an import that was not a dry run finishes, then
// counts the days since it.
func TestLastImportHasNoValueBeforeAnImport(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		value := func() indicator.Value {
			t.Helper()
			vs, err := s.IndicatorBreakdown(ctx, "dq_last_import", indicator.Query{}, "")
			must(t, err)
			all, err := s.IndicatorValues(ctx, indicator.Query{})
			must(t, err)
			for _, v := range all {
				if v.Code == "dq_last_import" && (v.None != vs[0].None || v.Value != vs[0].Value) {
					t.Errorf("among all %+v, alone %+v", v, vs[0])
				}
			}
			return vs[0]
		}
		if v := value(); !v.None || v.Value != 0 {
			t.Errorf("before any import: %+v", v)
		}
		b, err := json.Marshal(value())
		must(t, err)
		if !strings.Contains(string(b), `"value":null`) {
			t.Errorf("json %s", b)
		}
		row := importCells("Keripik Pisang Bu Siti", "Siti Aminah", nikSiti, nibSiti, village1a, "20.000.000")
		dry := newImport(t, ctx, s, true, row)
		dry.write(ctx, row)
		dry.finish(ctx)
		if v := value(); !v.None {
			t.Errorf("after a dry run: %+v", v)
		}
		im := newImport(t, ctx, s, false, row)
		im.write(ctx, row)
		im.finish(ctx)
		if v := value(); v.None || v.Value != 0 {
			t.Errorf("after an import today: %+v", v)
		}
	})
}
