package indicator

import "encoding/json"

// indicatorValueJSON is Value as JSON: value is null for a
// figure without one, so that a client cannot take it for a zero.
type indicatorValueJSON struct {
	plainIndicatorValue
	Value *float64 `json:"value"` // hides the embedded Value
}

type plainIndicatorValue Value

// MarshalJSON writes v, with value null when v.None.
func (v Value) MarshalJSON() ([]byte, error) {
	x := indicatorValueJSON{plainIndicatorValue: plainIndicatorValue(v)}
	if !v.None {
		x.Value = &v.Value
	}
	return json.Marshal(x)
}

// UnmarshalJSON reads v; a null or absent value sets None.
func (v *Value) UnmarshalJSON(b []byte) error {
	var x indicatorValueJSON
	if err := json.Unmarshal(b, &x); err != nil {
		return err
	}
	*v = Value(x.plainIndicatorValue)
	v.Value, v.None = 0, x.Value == nil
	if x.Value != nil {
		v.Value = *x.Value
	}
	return nil
}
