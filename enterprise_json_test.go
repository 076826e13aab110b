package bina

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEnterpriseJSON(t *testing.T) {
	b, err := json.Marshal(Enterprise{Name: "Keripik Bu Sri"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"kbli":[]`, `"sales":[]`, `"start_year":null`, `"start_month":null`, `"name":"Keripik Bu Sri"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
	if strings.Count(string(b), `"kbli"`) != 1 {
		t.Errorf("kbli written twice: %s", b)
	}
	b, _ = json.Marshal(&Enterprise{StartYear: 2019, StartMonth: 7, KBLI: []KBLICode{{Code: "10792"}}})
	var back Enterprise
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.StartYear != 2019 || back.StartMonth != 7 || len(back.KBLI) != 1 {
		t.Errorf("round trip: %+v", back)
	}
	if err := json.Unmarshal([]byte(`{"start_month":null,"kbli":null}`), &back); err != nil {
		t.Errorf("null members refused: %v", err)
	}
}
