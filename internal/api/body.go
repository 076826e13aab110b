package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"bina"
)

// decode reads the request body, a single JSON object, into v (a pointer to
// a struct). It answers, as errors carrying their statuses:
//
//   - 415 when the Content-Type is not application/json (UTF-8);
//   - 413 when the body exceeds the limit the server's middleware set with
//     http.MaxBytesReader;
//   - 400 for an empty body, malformed JSON (with the byte offset), data
//     after the object, unknown fields (each named by its path, such as
//     "owner.colour") and values of the wrong JSON type;
//   - 422 for values a type refuses while decoding (a date not YYYY-MM-DD).
//
// Unknown fields are found by walking the decoded JSON against v's type,
// because encoding/json reports them only as text; the decoder then runs
// with DisallowUnknownFields as well, so that nothing unknown slips by.
func decode(r *http.Request, v any) error {
	if err := checkContentType(r); err != nil {
		return err
	}
	raw, err := readJSON(r.Body)
	if err != nil {
		return err
	}
	// A NUL character in a string: no field holds one, and PostgreSQL
	// refuses it in text (a 500 rather than this 400).
	if hasNUL(raw) {
		return badRequest(bina.Errorf(bina.Invalid, "Isi permintaan memuat karakter NUL.", "The body holds a NUL character."))
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return malformed(err, 0)
	}
	if _, ok := tree.(map[string]any); !ok {
		return badRequest(bina.Errorf(bina.Invalid, "Isi permintaan harus berupa satu objek JSON.", "The body must be one JSON object."))
	}
	var unknown []string
	unknownFields(tree, reflect.TypeOf(v), "", &unknown)
	if len(unknown) > 0 {
		var p bina.Problems
		for _, f := range unknown {
			p.Add(f, "Kolom tidak dikenal", "Unknown field")
		}
		e := p.Err().(*bina.Error)
		e.Message = bina.Text{ID: "Isi permintaan memuat kolom yang tidak dikenal.", EN: "The body has unknown fields."}
		return badRequest(e)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		var be *bina.Error
		switch {
		case errors.As(err, &te):
			field := te.Field
			if field == "" {
				field = "(body)"
			}
			var p bina.Problems
			p.Add(field, "Harus berupa %s JSON, bukan %s", "Must be a JSON %s, not %s", jsonKind(te.Type), te.Value)
			e := p.Err().(*bina.Error)
			e.Message = bina.Text{ID: "Isi permintaan memuat nilai dengan jenis yang salah.", EN: "The body has values of the wrong type."}
			return badRequest(e)
		case errors.As(err, &be):
			return err // a type's own check, such as bina.Date: 422
		}
		return malformed(err, dec.InputOffset())
	}
	return nil
}

// checkContentType accepts application/json, with no charset or UTF-8.
func checkContentType(r *http.Request) error {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err == nil && mt == "application/json" {
		if cs, ok := params["charset"]; !ok || strings.EqualFold(cs, "utf-8") {
			return nil
		}
	}
	return newHTTPError(kindUnsupportedMediaType, http.StatusUnsupportedMediaType,
		bina.Errorf(bina.Invalid, "Isi permintaan harus application/json.", "The body must be application/json."))
}

// readJSON reads one JSON value and makes sure nothing but white space
// follows it.
func readJSON(body io.Reader) (json.RawMessage, error) {
	if body == nil {
		body = http.NoBody
	}
	dec := json.NewDecoder(body)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, badRequest(bina.Errorf(bina.Invalid, "Isi permintaan kosong; kirim satu objek JSON.", "The body is empty; send one JSON object."))
		}
		return nil, malformed(err, dec.InputOffset())
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if tooLarge(err) != nil {
			return nil, tooLarge(err)
		}
		return nil, badRequest(bina.Errorf(bina.Invalid, "Ada data lain setelah objek JSON (posisi %d).", "There is data after the JSON object (offset %d).", len(raw)))
	}
	return raw, nil
}

// malformed explains a decoding error: 413 when the body hit the limit,
// otherwise 400 with the offset where the JSON broke.
func malformed(err error, offset int64) error {
	if e := tooLarge(err); e != nil {
		return e
	}
	var se *json.SyntaxError
	var e *bina.Error
	switch {
	case errors.As(err, &se):
		e = bina.Errorf(bina.Invalid, "JSON tidak sah pada posisi %d.", "Malformed JSON at offset %d.", se.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		e = bina.Errorf(bina.Invalid, "JSON terpotong pada posisi %d.", "Truncated JSON at offset %d.", offset)
	default:
		// A value a type could not read, such as a timestamp that is
		// not RFC 3339.
		e = bina.Errorf(bina.Invalid, "Ada nilai yang tidak dapat dibaca (sekitar posisi %d).", "A value could not be read (near offset %d).", offset)
	}
	e.Err = err
	return badRequest(e)
}

// tooLarge returns the 413 error when err comes from http.MaxBytesReader.
func tooLarge(err error) error {
	var mbe *http.MaxBytesError
	if !errors.As(err, &mbe) {
		return nil
	}
	return newHTTPError(kindContentTooLarge, http.StatusRequestEntityTooLarge,
		bina.Errorf(bina.Invalid, "Isi permintaan melebihi %d bita.", "The body exceeds %d bytes.", mbe.Limit))
}

// jsonKind names the JSON type that decodes into t.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.String:
		return "string"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return t.String()
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// unknownFields appends to out the path of every object member in v (a
// decoded JSON value) that no field of t takes, matching names as
// encoding/json does: exactly, else case-insensitively.
func unknownFields(v any, t reflect.Type, path string, out *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return // the type reads its own JSON, such as bina.Date
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return // a type error the decoder reports
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			f, ok := jsonField(t, k)
			if !ok {
				*out = append(*out, join(path, k))
				continue
			}
			unknownFields(obj[k], f.Type, join(path, k), out)
		}
	case reflect.Slice, reflect.Array:
		arr, ok := v.([]any)
		if !ok {
			return
		}
		for i, el := range arr {
			unknownFields(el, t.Elem(), path+"["+strconv.Itoa(i)+"]", out)
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return
		}
		for k, el := range obj {
			unknownFields(el, t.Elem(), join(path, k), out)
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// jsonField returns the exported field of struct t that JSON member name
// decodes into. The bina types have no embedded structs, so the fields of
// t itself are all there is to look at.
func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	var fold reflect.StructField
	found := false
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		n, _, _ := strings.Cut(tag, ",")
		if n == "" {
			n = f.Name
		}
		if n == name {
			return f, true
		}
		if !found && strings.EqualFold(n, name) {
			fold, found = f, true
		}
	}
	return fold, found
}

// hasNUL reports whether the JSON text raw escapes a NUL character
// (\u0000 whose backslash is not itself escaped).
func hasNUL(raw []byte) bool {
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte(`\u0000`))
		if j < 0 {
			return false
		}
		j += i
		k := j
		for k > 0 && raw[k-1] == '\\' {
			k--
		}
		if (j-k)%2 == 0 {
			return true
		}
		i = j + 1
	}
}
