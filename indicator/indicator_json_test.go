package indicator_test

import (
	"bina/indicator"
	"encoding/json"
	"strings"
	"testing"
)

// TestIndicatorValueJSON: a figure without a value is written with value
// null and read back as such; a zero stays a zero.
func TestIndicatorValueJSON(t *testing.T) {
	for _, v := range []indicator.Value{
		{Code: "dq_last_import", None: true, URL: "/impor"},
		{Code: "umkm_registered", Value: 0, URL: "/umkm"},
		{Code: "umkm_registered", Value: 12, Key: "mikro", Label: "Mikro", URL: "/umkm?skala=mikro"},
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if want := `"value":null`; strings.Contains(string(b), want) != v.None {
			t.Errorf("%+v as %s", v, b)
		}
		var back indicator.Value
		if err := json.Unmarshal(b, &back); err != nil || back != v {
			t.Errorf("%s read back as %+v (%v)", b, back, err)
		}
	}
}
