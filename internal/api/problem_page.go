package api

import (
	"bytes"
	"html/template"
	"net/http"
)

// problemPage lists the problem kinds: the page every problem type
// (/problems/<kind>) names, with the kind's anchor.
var problemPage = template.Must(template.New("problems").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bina API problem types</title></head>
<body><main>
<h1>Bina API problem types</h1>
<p>Errors of the API are RFC 9457 problems (<code>application/problem+json</code>). Their <code>type</code> is one of the paths below; compare it as a string, it does not change. The OpenAPI document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<dl>
{{- range .}}
<dt id="{{.Kind}}"{{if .Current}} aria-current="true"{{end}}><code>/problems/{{.Kind}}</code>: {{.Status}} {{.Title}}</dt>
<dd>{{.Doc}}</dd>
{{- end}}
</dl>
</main></body></html>
`))

// ProblemPage serves the description of the problem kinds at
// /problems/{kind} (and /problems): a known kind is 200 with every kind
// listed, an unknown one 404. It is public: the types are documentation.
func (h *Handler) ProblemPage(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	type row struct {
		Kind, Title, Doc string
		Status           int
		Current          bool
	}
	rows := make([]row, len(problemKinds))
	status := http.StatusNotFound
	if kind == "" {
		status = http.StatusOK
	}
	for i, k := range problemKinds {
		rows[i] = row{Kind: k.kind, Title: k.title.EN, Doc: k.doc, Status: k.status, Current: k.kind == kind}
		if k.kind == kind {
			status = http.StatusOK
		}
	}
	var buf bytes.Buffer
	if err := problemPage.Execute(&buf, rows); err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
