package api_test

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// docURL is where the test's schema compiler keeps the OpenAPI document.
const docURL = "https://bina.example/openapi.json"

// apiDoc checks real answers against the OpenAPI document the server
// serves: every answer's body must match the schema the document gives for
// its operation, status and content type, and the headers it declares
// required must be present and match theirs.
type apiDoc struct {
	raw      map[string]any
	ops      []docOperation
	compiler *jsonschema.Compiler
	schemas  map[string]*jsonschema.Schema
	seen     map[string]bool // "METHOD /template" of every operation called
}

type docOperation struct {
	method, template string
	re               *regexp.Regexp
	op               map[string]any
}

func (o docOperation) key() string { return o.method + " " + o.template }

// loadDoc compiles the document. To check answers strictly, the record
// schemas are closed first: an object schema that does not say otherwise
// gets additionalProperties false, so that a member the code writes but the
// document does not describe fails the test. (The published document leaves
// answers open, so that clients accept members added later.)
func loadDoc(t *testing.T, body []byte) *apiDoc {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatalf("OpenAPI document is not JSON: %v", err)
	}
	if raw["openapi"] != "3.1.0" {
		t.Fatalf("openapi = %v, want 3.1.0", raw["openapi"])
	}
	// The compiler gets its own copy, closed for the strict check.
	strict, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range strict.(map[string]any)["components"].(map[string]any)["schemas"].(map[string]any) {
		closeObjects(s)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(docURL, strict); err != nil {
		t.Fatalf("add document: %v", err)
	}
	d := &apiDoc{raw: raw, compiler: c, schemas: map[string]*jsonschema.Schema{}, seen: map[string]bool{}}
	for template, item := range raw["paths"].(map[string]any) {
		pattern := "^" + regexp.MustCompile(`\\\{[a-z_]+\\\}`).ReplaceAllString(regexp.QuoteMeta(template), `[^/]+`) + "$"
		for method, op := range item.(map[string]any) {
			d.ops = append(d.ops, docOperation{
				method: strings.ToUpper(method), template: template,
				re: regexp.MustCompile(pattern), op: op.(map[string]any),
			})
		}
	}
	// A literal path wins over a template that also matches it.
	sort.Slice(d.ops, func(i, j int) bool {
		return strings.Count(d.ops[i].template, "{") < strings.Count(d.ops[j].template, "{")
	})
	return d
}

func closeObjects(v any) {
	s, ok := v.(map[string]any)
	if !ok {
		return
	}
	if props, ok := s["properties"].(map[string]any); ok {
		if _, set := s["additionalProperties"]; !set {
			s["additionalProperties"] = false
		}
		for _, p := range props {
			closeObjects(p)
		}
	}
	closeObjects(s["items"])
}

// operation returns the documented operation that serves method and path.
func (d *apiDoc) operation(method, path string) (docOperation, bool) {
	for _, o := range d.ops {
		if o.method == method && o.re.MatchString(path) {
			return o, true
		}
	}
	return docOperation{}, false
}

// pointer escapes a JSON pointer token and makes it safe in a fragment.
func pointer(tokens ...string) string {
	var b strings.Builder
	for _, tok := range tokens {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
		b.WriteString("/" + url.PathEscape(tok))
	}
	return b.String()
}

func (d *apiDoc) compile(t *testing.T, ptr string) *jsonschema.Schema {
	t.Helper()
	if s, ok := d.schemas[ptr]; ok {
		return s
	}
	s, err := d.compiler.Compile(docURL + "#" + ptr)
	if err != nil {
		t.Fatalf("compile %s: %v", ptr, err)
	}
	d.schemas[ptr] = s
	return s
}

// resolve follows a local $ref of the document.
func (d *apiDoc) resolve(t *testing.T, v map[string]any, ptr string) (map[string]any, string) {
	t.Helper()
	ref, ok := v["$ref"].(string)
	if !ok {
		return v, ptr
	}
	ptr = strings.TrimPrefix(ref, "#")
	var cur any = d.raw
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("bad $ref %s", ref)
		}
		cur = m[tok]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		t.Fatalf("unresolved $ref %s", ref)
	}
	// Re-escape for the compiler.
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
	}
	return m, pointer(parts...)
}

// check validates one answer against the document.
func (d *apiDoc) check(t *testing.T, method, path string, status int, header http.Header, body []byte) {
	t.Helper()
	o, ok := d.operation(method, path)
	if !ok {
		t.Errorf("%s %s: no operation in the OpenAPI document", method, path)
		return
	}
	d.seen[o.key()] = true
	what := method + " " + path + " → " + strconv.Itoa(status)
	responses := o.op["responses"].(map[string]any)
	resp, ok := responses[strconv.Itoa(status)].(map[string]any)
	if !ok {
		t.Errorf("%s: status not documented for %s (body %s)", what, o.key(), body)
		return
	}
	resp, ptr := d.resolve(t, resp, pointer("paths", o.template, strings.ToLower(method), "responses", strconv.Itoa(status)))

	for name, h := range mapOf(resp["headers"]) {
		h, hptr := d.resolve(t, h.(map[string]any), ptr+pointer("headers", name))
		v := header.Get(name)
		if v == "" {
			if h["required"] == true {
				t.Errorf("%s: required header %s missing", what, name)
			}
			continue
		}
		if _, ok := h["schema"]; ok {
			if err := d.compile(t, hptr+"/schema").Validate(v); err != nil {
				t.Errorf("%s: header %s: %q does not match the document: %v", what, name, v, err)
			}
		}
	}

	content := mapOf(resp["content"])
	if len(content) == 0 {
		if len(body) > 0 {
			t.Errorf("%s: body where the document has none: %s", what, body)
		}
		return
	}
	ct, _, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil {
		t.Errorf("%s: Content-Type %q: %v", what, header.Get("Content-Type"), err)
		return
	}
	if _, ok := content[ct]; !ok {
		t.Errorf("%s: content type %s not documented (have %v)", what, ct, keys(content))
		return
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s: body is not JSON: %v\n%s", what, err, body)
		return
	}
	if err := d.compile(t, ptr+pointer("content", ct, "schema")).Validate(inst); err != nil {
		t.Errorf("%s: body does not match the document:\n%v\nbody: %s", what, err, truncate(body))
	}
}

func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func truncate(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "..."
	}
	return string(b)
}

// apiRoutes reads the API routes from internal/server/routes.go, the one
// list of routes, so that a route added there without a path in the
// document fails this test.
func apiRoutes(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../server/routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`\{"([A-Z]+) (/api/v1/[^"]*)"`).FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1]+" "+m[2])
	}
	if len(out) < 20 {
		t.Fatalf("found only %d API routes in routes.go: has its form changed?", len(out))
	}
	slices.Sort(out)
	return out
}

// lint checks what the schema compiler does not: every operation has a
// unique operationId and declares every parameter of its path.
func (d *apiDoc) lint(t *testing.T) {
	t.Helper()
	ids := map[string]string{}
	pathParam := regexp.MustCompile(`\{([a-z_]+)\}`)
	for _, o := range d.ops {
		id, _ := o.op["operationId"].(string)
		if id == "" || ids[id] != "" {
			t.Errorf("%s: operationId %q missing or used by %s too", o.key(), id, ids[id])
		}
		ids[id] = o.key()
		declared := map[string]bool{}
		params, _ := o.op["parameters"].([]any)
		for _, p := range params {
			p, _ := d.resolve(t, p.(map[string]any), "")
			if p["in"] == "path" {
				declared[p["name"].(string)] = true
			}
		}
		for _, m := range pathParam.FindAllStringSubmatch(o.template, -1) {
			if !declared[m[1]] {
				t.Errorf("%s: path parameter %s not declared", o.key(), m[1])
			}
		}
		if _, ok := o.op["responses"].(map[string]any); !ok {
			t.Errorf("%s: no responses", o.key())
		}
	}
}

// documented returns "METHOD /template" of every operation of d.
func (d *apiDoc) documented() []string {
	var out []string
	for _, o := range d.ops {
		out = append(out, o.key())
	}
	slices.Sort(out)
	return out
}

// checkRoutes fails unless the document has exactly the API routes of
// routes.go, and (when called after a run) unless every one was called.
func (d *apiDoc) checkRoutes(t *testing.T, exercised bool) {
	t.Helper()
	routes, doc := apiRoutes(t), d.documented()
	for _, r := range routes {
		if !slices.Contains(doc, r) {
			t.Errorf("route %s is not in the OpenAPI document", r)
		}
	}
	for _, o := range doc {
		if !slices.Contains(routes, o) {
			t.Errorf("the OpenAPI document has %s, which routes.go does not serve", o)
		}
	}
	if exercised {
		for _, o := range doc {
			if !d.seen[o] {
				t.Errorf("operation %s was never called by the test", o)
			}
		}
	}
}
