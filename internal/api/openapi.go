package api

import (
	"net/http"
	"strconv"
	"strings"

	"bina"
)

// The OpenAPI document is built from Go values when the handler is made:
// the enumerations come from bina's Options lists and the list filters from
// the same tables the handlers parse queries with, so neither can drift
// from the code. The schemas describe the JSON encoding/json writes for
// bina's types: dates are strings of format date or null, money is an
// integer of rupiah, nil slices are null.

// schema is a JSON object of the document.
type schema = map[string]any

// sessionCookie is the browser session cookie (web.SessionCookie; the api
// package does not import web, a test checks that the two agree).
const sessionCookie = "bina_session"

// regionPattern matches a Kemendagri region code at any level.
const regionPattern = `^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$`

// document is the root of an OpenAPI document, in the spec's order.
type document struct {
	OpenAPI    string     `json:"openapi"`
	Info       schema     `json:"info"`
	Security   []schema   `json:"security"`
	Tags       []schema   `json:"tags"`
	Paths      schema     `json:"paths"`
	Components components `json:"components"`
}

type components struct {
	Schemas         schema `json:"schemas"`
	Responses       schema `json:"responses"`
	Parameters      schema `json:"parameters"`
	Headers         schema `json:"headers"`
	SecuritySchemes schema `json:"securitySchemes"`
}

const apiDescription = `The register of UMKM (micro, small and medium enterprises) and cooperatives kept by the regency office.

**Signing in.** Send ` + "`Authorization: Bearer bina_...`" + ` with a token an administrator made (` + "`bina user token`" + `), or use the browser session cookie; with the cookie, every POST and PUT must also carry the session's CSRF token in ` + "`X-CSRF-Token`" + `.

**Who sees what.** Every call acts as its user. A field officer sees and edits only the records of the kecamatan or desa assigned to them: other records answer 404. A viewer reads everything but cannot write (403) and sees personal data (owner NIK, phone, birth date, home address; officers' phones) masked, such as ` + "`************1234`" + `.

**Versions.** Every record has a version that rises with each change; GET answers it as a strong ETag (` + "`\"3\"`" + `). PUT replaces the whole record and requires ` + "`If-Match`" + ` with the ETag the client read: without it the answer is 428, and when the record changed meanwhile 412, so that two clients never overwrite each other's changes unseen.

**Bodies.** Request bodies are ` + "`application/json`" + ` (415 otherwise), one object of at most 1 MiB (413). Unknown members are refused with 400 naming them, so a misspelt field is never silently dropped. The members the server owns (id, version, timestamps, computed size, RAT records and activity of a cooperative) are marked read-only: they may be sent back as they were read and are ignored.

**Lists** take the filters of the register's pages as query parameters and answer one page with opaque ` + "`next`/`prev`" + ` cursors and ready-made links. Unknown or repeated parameters are refused with 400.

**Errors** are RFC 9457 problems (` + "`application/problem+json`" + `). The type is ` + "`" + problemBase + "<kind>`" + ` (an identifier, not a page); detail is in Indonesian, or in English when Accept-Language prefers it; errors lists the fields or parameters at fault; request_id matches the X-Request-Id header and the server log. Internal errors never show their cause.`

// openAPI builds the document.
func (h *Handler) openAPI() document {
	return document{
		OpenAPI: "3.1.0",
		Info: schema{
			"title":       "Bina API",
			"version":     "1",
			"description": apiDescription,
		},
		Security: []schema{{"bearerAuth": []string{}}, {"cookieAuth": []string{}}},
		Tags: []schema{
			{"name": "enterprises", "description": "The register of enterprises (usaha, UMKM)."},
			{"name": "cooperatives", "description": "The register of cooperatives (koperasi) and their annual members' meetings (RAT)."},
			{"name": "statistics", "description": "Counts kept by the register."},
			{"name": "reference", "description": "Regions, KBLI codes and the signed-in user."},
			{"name": "imports", "description": "Spreadsheet imports and their progress."},
			{"name": "audit", "description": "Who read personal data, and the events of accounts (administrators only)."},
		},
		Paths: h.paths(),
		Components: components{
			Schemas:    schemas(),
			Responses:  problemResponses(),
			Parameters: parameters(),
			Headers: schema{
				"ETag": schema{
					"description": "The record's version as a strong entity tag, to send back in If-Match.",
					"required":    true,
					"schema":      schema{"type": "string", "pattern": `^"[0-9]+"$`, "examples": []string{`"3"`}},
				},
				"Location": schema{
					"description": "The path of the new record.",
					"required":    true,
					"schema":      schema{"type": "string", "format": "uri-reference"},
				},
				"X-Request-Id": schema{
					"description": "The request's id, also in the server log.",
					"schema":      schema{"type": "string"},
				},
			},
			SecuritySchemes: schema{
				"bearerAuth": schema{
					"type": "http", "scheme": "bearer", "bearerFormat": "bina_...",
					"description": "An API token made for a user by an administrator.",
				},
				"cookieAuth": schema{
					"type": "apiKey", "in": "cookie", "name": sessionCookie,
					"description": "The browser session after signing in at /masuk. POST and PUT also need the session's CSRF token in the X-CSRF-Token header.",
				},
			},
		},
	}
}

// operation is an operation of the document under construction.
type operation schema

func newOperation(id, tag, summary, description string) operation {
	o := operation{"operationId": id, "tags": []string{tag}, "summary": summary, "responses": schema{}}
	if description != "" {
		o["description"] = description
	}
	return o
}

// params adds parameters: objects or references.
func (o operation) params(ps ...schema) operation {
	list, _ := o["parameters"].([]schema)
	o["parameters"] = append(list, ps...)
	return o
}

// body adds a required JSON request body of the named component schema.
func (o operation) body(name, description string) operation {
	o["requestBody"] = schema{
		"required":    true,
		"description": description,
		"content":     schema{"application/json": schema{"schema": ref(name)}},
	}
	return o
}

// answer adds a JSON response of the named component schema with the named
// component headers.
func (o operation) answer(status int, description, name string, headers ...string) operation {
	r := schema{
		"description": description,
		"content":     schema{"application/json": schema{"schema": ref(name)}},
	}
	if len(headers) > 0 {
		hs := schema{}
		for _, h := range headers {
			hs[h] = schema{"$ref": "#/components/headers/" + h}
		}
		r["headers"] = hs
	}
	o["responses"].(schema)[strconv.Itoa(status)] = r
	return o
}

// problems adds problem responses by status; every guarded operation also
// answers 401 and 500.
func (o operation) problems(statuses ...int) operation {
	rs := o["responses"].(schema)
	for _, st := range append(statuses, http.StatusUnauthorized, http.StatusInternalServerError) {
		for _, k := range problemKinds {
			if k.status == st {
				rs[strconv.Itoa(st)] = schema{"$ref": "#/components/responses/" + k.component}
			}
		}
	}
	return o
}

func ref(name string) schema { return schema{"$ref": "#/components/schemas/" + name} }

func paramRef(name string) schema { return schema{"$ref": "#/components/parameters/" + name} }

// queryParams documents a parameter table.
func queryParams[F any](params []param[F]) []schema {
	out := make([]schema, len(params))
	for i, p := range params {
		out[i] = schema{"name": p.name, "in": "query", "required": false, "description": p.doc, "schema": p.schema}
	}
	return out
}

func (h *Handler) paths() schema {
	const (
		st400 = http.StatusBadRequest
		st403 = http.StatusForbidden
		st404 = http.StatusNotFound
		st409 = http.StatusConflict
		st412 = http.StatusPreconditionFailed
		st413 = http.StatusRequestEntityTooLarge
		st415 = http.StatusUnsupportedMediaType
		st422 = http.StatusUnprocessableEntity
		st428 = http.StatusPreconditionRequired
		st429 = http.StatusTooManyRequests
	)
	id := paramRef("id")
	ifMatch := paramRef("If-Match")
	paths := schema{}
	add := func(method, path string, o operation) {
		p, _ := paths[path].(schema)
		if p == nil {
			p = schema{}
			paths[path] = p
		}
		p[strings.ToLower(method)] = o
	}

	add("GET", "/api/v1/openapi.json", operation{
		"operationId": "getOpenAPI", "tags": []string{"reference"}, "summary": "This document.",
		"security": []schema{},
		"responses": schema{"200": schema{
			"description": "The OpenAPI 3.1 document.",
			"content":     schema{"application/json": schema{"schema": schema{"type": "object"}}},
		}},
	})
	add("GET", "/api/v1/me", newOperation("getMe", "reference", "The signed-in user.", "").
		answer(200, "The user the call acts as.", "User").problems())
	add("GET", "/api/v1/regions", newOperation("listRegions", "reference", "Regions directly below a parent.",
		"The kecamatan of the deployment's regency by default; with parent, the desa of a kecamatan.").
		params(queryParams(regionsParams)...).
		answer(200, "The children of parent, sorted by code.", "RegionList").problems(st400, st404))
	add("GET", "/api/v1/kbli", newOperation("searchKBLI", "reference", "Search the KBLI 2020 catalogue.",
		"Five-digit codes whose code starts with q or whose title contains it; at most "+strconv.Itoa(kbliLimit)+".").
		params(queryParams(kbliParams)...).
		answer(200, "The matching entries in code order.", "KBLIList").problems(st400))

	// Enterprises.
	add("GET", "/api/v1/enterprises", newOperation("listEnterprises", "enterprises", "List enterprises.",
		"One page of the enterprises the user may see that match every filter given.").
		params(queryParams(h.enterpriseParams)...).
		answer(200, "One page.", "EnterprisePage").problems(st400, st422))
	add("GET", "/api/v1/enterprises/export", newOperation("exportEnterprises", "enterprises", "Export enterprises as one file.",
		"Every enterprise the user may see that matches the filters (all pages), streamed as it is read. "+
			"xlsx and csv have Bina's own columns, those of the import template, so that the file can be edited and imported again; "+
			"sidt is CSV in the 49 columns of the national SIDT export. Personal columns (owner NIK, birth date, phone, home address) "+
			"are left out for users who may not see personal data (blank in sidt, which keeps its 49 columns). "+
			"Text cells starting with =, +, - or @ are prefixed with an apostrophe so that no cell runs as a formula. "+
			"A failure after the file has started aborts the connection.").
		params(queryParams(exportParams(h.enterpriseParams, enterpriseExportFormats))...).
		fileAnswer("The file, as an attachment.", mediaCSV, mediaXLSX).problems(st400, st422, st429))
	add("POST", "/api/v1/enterprises", newOperation("createEnterprise", "enterprises", "Register an enterprise.",
		"The computed size is derived from the sales of the latest year, or the capital (PP 7/2021).").
		body("EnterpriseInput", "The new enterprise.").
		answer(201, "The enterprise as stored.", "Enterprise", "Location", "ETag").
		problems(st400, st403, st413, st415, st422))
	add("GET", "/api/v1/enterprises/{id}", newOperation("getEnterprise", "enterprises", "One enterprise, archived or not.", "").
		params(id).
		answer(200, "The enterprise.", "Enterprise", "ETag").problems(st404))
	add("PUT", "/api/v1/enterprises/{id}", newOperation("updateEnterprise", "enterprises", "Replace an enterprise.",
		"A full replacement: members left out become empty. If-Match must carry the ETag of the version being replaced. "+
			"An archived enterprise cannot be changed (409): restore it first.").
		params(id, ifMatch).body("EnterpriseInput", "The whole enterprise.").
		answer(200, "The enterprise as stored, with its new version.", "Enterprise", "ETag").
		problems(st400, st403, st404, st409, st412, st413, st415, st422, st428))
	add("POST", "/api/v1/enterprises/{id}/archive", newOperation("archiveEnterprise", "enterprises", "Archive an enterprise.",
		"Takes it out of the live register with a reason; nothing is deleted. 409 when it is archived already.").
		params(id).body("ArchiveRequest", "Why the record is archived.").
		answer(200, "The archived enterprise.", "Enterprise", "ETag").
		problems(st400, st403, st404, st409, st413, st415, st422))
	add("POST", "/api/v1/enterprises/{id}/restore", newOperation("restoreEnterprise", "enterprises", "Restore an archived enterprise.",
		"Takes no body. 409 when it is not archived.").
		params(id).
		answer(200, "The restored enterprise.", "Enterprise", "ETag").problems(st403, st404, st409))
	add("GET", "/api/v1/enterprises/{id}/history", newOperation("enterpriseHistory", "enterprises", "Changes of an enterprise, newest first.",
		"Personal fields are masked for viewers. One page at a time: follow next for older changes.").
		params(append([]schema{id}, queryParams(historyParams)...)...).
		answer(200, "The changes.", "ChangeList").problems(st400, st404, st422))
	add("GET", "/api/v1/stats/enterprises", newOperation("enterpriseCounts", "statistics", "Live enterprises per kecamatan and size.",
		"Inside the user's region.").
		answer(200, "The counts.", "RegionCountList").problems())

	// Cooperatives.
	add("GET", "/api/v1/cooperatives", newOperation("listCooperatives", "cooperatives", "List cooperatives.",
		"One page of the cooperatives the user may see that match every filter given; RAT records are left out (rats is null).").
		params(queryParams(h.cooperativeParams)...).
		answer(200, "One page.", "CooperativePage").problems(st400, st422))
	add("GET", "/api/v1/cooperatives/export", newOperation("exportCooperatives", "cooperatives", "Export cooperatives as one file.",
		"Every cooperative the user may see that matches the filters (all pages), streamed as it is read, in Bina's cooperative columns: "+
			"the ministry's master format first, then the fields it lacks, then the board. The board's phones are left out for users who may not see personal data.").
		params(queryParams(exportParams(h.cooperativeParams, cooperativeExportFormats))...).
		fileAnswer("The file, as an attachment.", mediaCSV, mediaXLSX).problems(st400, st422, st429))
	add("POST", "/api/v1/cooperatives", newOperation("createCooperative", "cooperatives", "Register a cooperative.",
		"RAT records are saved one book year at a time with PUT /api/v1/cooperatives/{id}/rat/{year}.").
		body("CooperativeInput", "The new cooperative.").
		answer(201, "The cooperative as stored.", "Cooperative", "Location", "ETag").
		problems(st400, st403, st413, st415, st422))
	add("GET", "/api/v1/cooperatives/{id}", newOperation("getCooperative", "cooperatives", "One cooperative with its RAT records.", "").
		params(id).
		answer(200, "The cooperative.", "Cooperative", "ETag").problems(st404))
	add("PUT", "/api/v1/cooperatives/{id}", newOperation("updateCooperative", "cooperatives", "Replace a cooperative.",
		"A full replacement of everything but the RAT records. If-Match must carry the ETag of the version being replaced. "+
			"An archived cooperative cannot be changed (409): restore it first.").
		params(id, ifMatch).body("CooperativeInput", "The whole cooperative.").
		answer(200, "The cooperative as stored, with its new version.", "Cooperative", "ETag").
		problems(st400, st403, st404, st409, st412, st413, st415, st422, st428))
	add("POST", "/api/v1/cooperatives/{id}/archive", newOperation("archiveCooperative", "cooperatives", "Archive a cooperative.",
		"Takes it out of the live register with a reason; nothing is deleted. 409 when it is archived already.").
		params(id).body("ArchiveRequest", "Why the record is archived.").
		answer(200, "The archived cooperative.", "Cooperative", "ETag").
		problems(st400, st403, st404, st409, st413, st415, st422))
	add("POST", "/api/v1/cooperatives/{id}/restore", newOperation("restoreCooperative", "cooperatives", "Restore an archived cooperative.",
		"Takes no body. 409 when it is not archived.").
		params(id).
		answer(200, "The restored cooperative.", "Cooperative", "ETag").problems(st403, st404, st409))
	add("GET", "/api/v1/cooperatives/{id}/history", newOperation("cooperativeHistory", "cooperatives", "Changes of a cooperative, newest first.",
		"One page at a time: follow next for older changes.").
		params(append([]schema{id}, queryParams(historyParams)...)...).
		answer(200, "The changes.", "ChangeList").problems(st400, st404, st422))
	add("PUT", "/api/v1/cooperatives/{id}/rat/{year}", newOperation("saveRAT", "cooperatives", "Save the RAT record of one book year.",
		"Creates or replaces the annual members' meeting record of the book year in the path, and with it the cooperative's last RAT year and activity. "+
			"The path's year wins: book_year may be left out, and a different one is refused (422). 409 when the cooperative changed at the same moment: send it again.").
		params(id, paramRef("year")).body("RATInput", "The RAT record.").
		answer(200, "The cooperative with its RAT records.", "Cooperative", "ETag").
		problems(st400, st403, st404, st409, st413, st415, st422))
	add("GET", "/api/v1/stats/cooperatives", newOperation("cooperativeCounts", "statistics", "Live cooperatives per kecamatan.",
		"Inside the user's region, with how many are active and how many are village cooperatives (KDMP).").
		answer(200, "The counts.", "CooperativeCountList").problems())
	importOperations(add)
	auditOperations(add)
	return paths
}

func parameters() schema {
	return schema{
		"id": schema{
			"name": "id", "in": "path", "required": true,
			"description": "The record's id. Anything but a positive integer names no record (404).",
			"schema":      schema{"type": "integer", "format": "int64", "minimum": 1},
		},
		"year": schema{
			"name": "year", "in": "path", "required": true,
			"description": "The book year of the RAT record.",
			"schema":      schema{"type": "integer", "minimum": 1, "maximum": 9999},
		},
		"If-Match": schema{
			"name": "If-Match", "in": "header", "required": true,
			"description": `The ETag of the version being replaced, as GET answered it ("3"). Without it the answer is 428; when the record has another version 412. "*" replaces whatever version is current.`,
			"schema":      schema{"type": "string"},
		},
	}
}

// problemResponses are the components/responses of every problem kind.
func problemResponses() schema {
	out := schema{}
	for _, k := range problemKinds {
		out[k.component] = schema{
			"description": k.doc,
			"headers":     schema{"X-Request-Id": schema{"$ref": "#/components/headers/X-Request-Id"}},
			"content": schema{"application/problem+json": schema{"schema": schema{
				"allOf": []schema{ref("Problem"), {
					"properties": schema{
						"type":   schema{"const": problemBase + k.kind},
						"status": schema{"const": k.status},
					},
				}},
			}}},
		}
	}
	return out
}

// variant is how a type appears: in answers every member is present; in
// request bodies members are optional, unknown ones are refused and the
// server's own are ignored.
type variant bool

const (
	answer variant = false
	input  variant = true
)

// ref refers to the variant of a component schema: "Owner" in answers,
// "OwnerInput" in request bodies.
func (v variant) ref(name string) schema {
	if v == input {
		name += "Input"
	}
	return ref(name)
}

type member struct {
	name   string
	schema schema
}

func (v variant) object(description string, members ...member) schema {
	props := schema{}
	names := make([]string, len(members))
	for i, m := range members {
		props[m.name] = m.schema
		names[i] = m.name
	}
	s := schema{"type": "object", "properties": props}
	if description != "" {
		s["description"] = description
	}
	if v == input {
		s["additionalProperties"] = false
	} else {
		s["required"] = names
	}
	return s
}

func describe(s schema, description string) schema {
	if description != "" {
		s["description"] = description
	}
	return s
}

func str(description string) schema { return describe(schema{"type": "string"}, description) }

func integer(description string) schema { return describe(schema{"type": "integer"}, description) }

func count(description string) schema {
	return describe(schema{"type": "integer", "minimum": 0}, description)
}

func id64(description string) schema {
	return describe(schema{"type": "integer", "format": "int64"}, description)
}

func money(description string) schema {
	return describe(schema{"type": "integer", "format": "int64"}, strings.TrimSpace(description+" Whole rupiah."))
}

func boolean(description string) schema { return describe(schema{"type": "boolean"}, description) }

func coordinate(description string) schema {
	return describe(schema{"type": []string{"number", "null"}, "format": "double"}, description)
}

func timestamp(description string) schema {
	return describe(schema{"type": "string", "format": "date-time"}, description)
}

// date is a bina.Date: "YYYY-MM-DD" or null for unknown; request bodies
// may also say "" for unknown.
func (v variant) date(description string) schema {
	if v == input {
		return describe(schema{"type": []string{"string", "null"}, "pattern": `^([0-9]{4}-[0-9]{2}-[0-9]{2})?$`},
			strings.TrimSpace(description+" YYYY-MM-DD; null or empty when unknown."))
	}
	return describe(schema{"type": []string{"string", "null"}, "format": "date"}, strings.TrimSpace(description+" Null when unknown."))
}

// array is a Go slice: null when empty in some answers.
func array(items schema, description string) schema {
	return describe(schema{"type": []string{"array", "null"}, "items": items}, description)
}

// readOnly marks a member the server owns.
func readOnly(s schema) schema {
	s["readOnly"] = true
	d, _ := s["description"].(string)
	s["description"] = strings.TrimSpace(d + " Set by the server; ignored in request bodies.")
	return s
}

// blank says whether an enumeration member may be "".
type blank int

const (
	never   blank = iota // always one of the codes
	always               // "" means not known
	onInput              // "" in a request takes the default; answers carry the code
)

func (v variant) enum(opts bina.Options, b blank, description string) schema {
	return enumSchema(opts, b == always || (b == onInput && v == input), description)
}

// enumSchema is a string schema taking the codes of opts (and "" when
// blank), with their English labels in the description.
func enumSchema(opts bina.Options, blank bool, description string) schema {
	codes := opts.Codes()
	if blank {
		codes = append([]string{""}, codes...)
	}
	d := strings.TrimSpace(description + " " + optionList(opts) + ".")
	return schema{"type": "string", "enum": codes, "description": d}
}

// optionList writes the codes of opts with their English labels.
func optionList(opts bina.Options) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = "`" + o.Code + "` " + o.EN
	}
	return strings.Join(parts, ", ")
}

// schemas are the component schemas: the record types in both variants,
// the answers' wrappers and the problem.
func schemas() schema {
	out := schema{}
	both := map[string]func(variant) schema{
		"Enterprise":   enterpriseSchema,
		"Owner":        ownerSchema,
		"Digital":      digitalSchema,
		"AnnualSales":  annualSalesSchema,
		"KBLICode":     kbliCodeSchema,
		"Cooperative":  cooperativeSchema,
		"Amendment":    amendmentSchema,
		"Officer":      officerSchema,
		"BusinessUnit": businessUnitSchema,
		"RAT":          ratSchema,
	}
	for name, f := range both {
		out[name] = f(answer)
		out[name+"Input"] = f(input)
	}
	v := answer
	out["Change"] = v.object("One recorded change of one field of one record; a creation, archive or restore has an action and no field.",
		member{"id", id64("")},
		member{"entity", schema{"type": "string", "enum": []bina.Entity{bina.EntityEnterprise, bina.EntityCooperative}}},
		member{"entity_id", id64("")},
		member{"at", timestamp("")},
		member{"user", str(`The user's name; "system" for tools.`)},
		member{"action", schema{"type": "string", "enum": []string{"create", "update", "archive", "restore", "rat"}}},
		member{"field", str("The changed member, such as owner.phone; empty for whole-record actions.")},
		member{"before", str("Masked for viewers when personal.")},
		member{"after", str("Masked for viewers when personal.")},
	)
	out["User"] = v.object("A user account.",
		member{"id", id64("")},
		member{"name", str("")},
		member{"role", v.enum(bina.Roles, never, "")},
		member{"region", str("For field officers, the kecamatan or desa they work in; else empty.")},
		member{"created_at", timestamp("")},
		member{"disabled", boolean("")},
	)
	out["Region"] = v.object("A region of the Kemendagri tree.",
		member{"code", describe(schema{"type": "string", "pattern": regionPattern}, "Kemendagri code: 61.12 regency, 61.12.01 kecamatan, 61.12.01.2001 desa.")},
		member{"name", str("")},
	)
	out["KBLIEntry"] = v.object("A five-digit KBLI 2020 code.",
		member{"code", describe(schema{"type": "string", "pattern": "^[0-9]{5}$"}, "")},
		member{"section", v.enum(kbliSections(), never, "")},
		member{"title", str("Indonesian title.")},
	)
	out["RegionCount"] = v.object("Live enterprises in one kecamatan and computed size.",
		member{"district", str("Kecamatan code.")},
		member{"size", v.enum(bina.Sizes, always, "Computed size; empty when unknown.")},
		member{"total", count("")},
		member{"binaan", count("Of them under the office's coaching.")},
	)
	out["CooperativeCount"] = v.object("Live cooperatives in one kecamatan.",
		member{"district", str("Kecamatan code.")},
		member{"total", count("")},
		member{"active", count("Of them active under the RAT rule.")},
		member{"kdmp", count("Of them village cooperatives (KDMP).")},
	)
	itemsList := func(item, description string) schema {
		return v.object(description, member{"items", schema{"type": "array", "items": ref(item)}})
	}
	out["RegionList"] = itemsList("Region", "Regions.")
	out["KBLIList"] = itemsList("KBLIEntry", "KBLI entries.")
	out["ChangeList"] = v.object("One page of changes, newest first.",
		member{"items", schema{"type": "array", "items": ref("Change")}},
		member{"next", describe(schema{"type": []string{"string", "null"}, "format": "uri-reference"}, "The page of older changes; null on the last page.")})
	out["RegionCountList"] = itemsList("RegionCount", "Enterprise counts.")
	out["CooperativeCountList"] = itemsList("CooperativeCount", "Cooperative counts.")
	page := func(item string) schema {
		link := describe(schema{"type": "string", "format": "uri-reference"}, "")
		return schema{
			"type":        "object",
			"description": "One page of a list. next and prev are absent at the ends.",
			"required":    []string{"items", "total", "links"},
			"properties": schema{
				"items":        schema{"type": "array", "items": ref(item)},
				"total":        count("How many records match the filters, on every page. A search counts up to 10,000: when more match, total is 10,000 and total_capped is true."),
				"total_capped": boolean("Present and true when total is the bound of a search's count (more than 10,000 match), not the number."),
				"next":         str("Cursor of the next page, for the cursor parameter."),
				"prev":         str("Cursor of the previous page."),
				"links": schema{
					"type":        "object",
					"description": "The next and previous pages as paths with the same filters.",
					"properties":  schema{"next": link, "prev": link},
				},
			},
		}
	}
	importSchemas(out)
	auditSchemas(out)
	out["EnterprisePage"] = page("Enterprise")
	out["CooperativePage"] = page("Cooperative")
	out["ArchiveRequest"] = schema{
		"type":                 "object",
		"required":             []string{"reason"},
		"additionalProperties": false,
		"properties":           schema{"reason": describe(schema{"type": "string", "minLength": 1}, "Why the record leaves the live register (closed, duplicate, moved away).")},
	}
	kinds := make([]string, len(problemKinds))
	for i, k := range problemKinds {
		kinds[i] = problemBase + k.kind
	}
	out["Problem"] = schema{
		"type":        "object",
		"description": "An RFC 9457 problem.",
		"required":    []string{"type", "title", "status", "detail", "instance"},
		"properties": schema{
			"type":       describe(schema{"type": "string", "format": "uri", "enum": kinds}, "The kind of problem: an identifier, not a page."),
			"title":      str("A short summary of the kind, in the request's language."),
			"status":     schema{"type": "integer", "minimum": 400, "maximum": 599},
			"detail":     str("What went wrong, in Indonesian, or English when Accept-Language prefers it."),
			"instance":   describe(schema{"type": "string", "format": "uri-reference"}, "The request's path."),
			"request_id": str("The request's id (X-Request-Id), to find it in the server log."),
			"errors": schema{
				"type":        "array",
				"description": "The fields of the body, or parameters of the query, at fault.",
				"items": schema{
					"type":     "object",
					"required": []string{"field", "message"},
					"properties": schema{
						"field":   str("A member path such as owner.nik, or a query parameter."),
						"message": str(""),
					},
				},
			},
		},
	}
	return out
}

// The schemas below follow the bina types member by member.

func enterpriseSchema(v variant) schema {
	return v.object("An enterprise (usaha, UMKM) in the register.", append([]member{
		member{"id", readOnly(id64(""))},
		member{"name", str("Business name; required, at most 200 characters.")},
		member{"trade_name", str("")},
		member{"owner", v.ref("Owner")},
		member{"nib", str("Business identity number from OSS: 13 digits.")},
		member{"legal_form", v.enum(bina.LegalForms, onInput, "Default perorangan.")},
		member{"kbli", array(v.ref("KBLICode"), "KBLI codes; the first is the main activity.")},
		member{"main_product", str("")},
		member{"address", str("Where the business operates; hidden (••••) for viewers when the business runs from the owner's home.")},
		member{"home_based", readOnly(boolean("The business runs from the owner's home: its address is (part of) the home address."))},
		member{"village_code", str("Kemendagri code of the desa where the business operates, inside the deployment; required.")},
		member{"latitude", coordinate("Given together with longitude, inside Indonesia.")},
		member{"longitude", coordinate("")},
		member{"start_year", integer("Year operations started; 0 when unknown.")},
		member{"start_month", describe(schema{"type": "integer", "minimum": 0, "maximum": 12}, "0 when unknown.")},
		member{"capital", money("Business capital (modal usaha) without land and buildings.")},
		member{"assets", money("")},
		member{"sales", array(v.ref("AnnualSales"), "Annual sales (omzet), newest first.")},
		member{"workers_paid_male", count("")},
		member{"workers_paid_female", count("")},
		member{"workers_unpaid_male", count("")},
		member{"workers_unpaid_female", count("")},
		member{"size_reported", v.enum(bina.Sizes, always, "The size the owner reported.")},
		member{"size_computed", readOnly(v.enum(bina.Sizes, always, "The size under size_rule; empty when neither sales nor capital is known."))},
		member{"size_rule", readOnly(schema{"type": "string", "enum": []bina.SizeRule{"", bina.RulePP7_2021, bina.RuleUU20_2008}})},
		member{"digital", v.ref("Digital")},
		member{"status", v.enum(bina.OperatingStatuses, onInput, "Default aktif.")},
		member{"binaan", boolean("Under the office's coaching.")},
		member{"binaan_since", v.date("")},
		member{"verification", v.enum(bina.Verifications, onInput, "Default belum.")},
		member{"source", v.enum(bina.Sources, onInput, "Where the record came from; default manual.")},
		member{"source_id", str("The record's id in its source.")},
		member{"notes", str("")},
		member{"created_at", readOnly(timestamp(""))},
		member{"updated_at", readOnly(timestamp(""))},
		member{"version", readOnly(integer("Raised by every change; the ETag."))},
		member{"archived_at", readOnly(describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "Null for live records."))},
		member{"archive_reason", readOnly(str(""))},
	}, storedMembers(v, bina.StoredFields(bina.EnterpriseTable()))...)...)
}

// storedMembers documents the fields the store keeps through the field
// table (bina.RecordField.Column), named as their Field.
func storedMembers[T any](v variant, fields []bina.RecordField[T]) []member {
	var out []member
	for _, f := range fields {
		var sc schema
		switch {
		case f.Int != nil || f.Int64 != nil:
			sc = integer(f.Label.EN + ".")
		case f.Bool != nil:
			sc = boolean(f.Label.EN + ".")
		case f.Date != nil:
			sc = v.date(f.Label.EN + ".")
		default:
			sc = str(f.Label.EN + ".")
		}
		out = append(out, member{string(f.Field), sc})
	}
	return out
}

func ownerSchema(v variant) schema {
	return v.object("The person who runs an enterprise. nik, phone, birth_date, disability and address are personal data: hidden for viewers (masked is then true).",
		member{"id", readOnly(id64(""))},
		member{"name", str("Required.")},
		member{"nik", str("Population number: 16 digits (masked for viewers).")},
		member{"gender", v.enum(bina.Genders, always, "")},
		member{"birth_date", v.date("")},
		member{"phone", str("Phone or WhatsApp, stored in the 08... form.")},
		member{"education", v.enum(bina.Educations, always, "")},
		member{"disability", boolean("")},
		member{"address", str("Home address.")},
		member{"masked", readOnly(boolean("The personal fields are hidden from the reader (\"••••\", birth_date empty, disability false)."))},
	)
}

func digitalSchema(v variant) schema {
	return v.object("Digital presence.",
		member{"marketplace", boolean("")},
		member{"social_media", boolean("")},
		member{"website", boolean("")},
		member{"qris", boolean("QRIS payments.")},
		member{"digital_bookkeeping", boolean("")},
		member{"links", str("Shop and profile addresses, one per line.")},
	)
}

func annualSalesSchema(v variant) schema {
	return v.object("Sales (omzet) in one year.",
		member{"year", integer("")},
		member{"amount", money("")},
	)
}

func kbliCodeSchema(v variant) schema {
	return v.object("A five-digit KBLI code with its edition.",
		member{"version", schema{"type": "string", "enum": []bina.KBLIVersion{"", bina.KBLI2020}, "description": "KBLI edition; empty means 2020 in requests, and no code in answers."}},
		member{"code", str("Five digits, such as 10794.")},
	)
}

func cooperativeSchema(v variant) schema {
	return v.object("A cooperative (koperasi) in the register.",
		member{"id", readOnly(id64(""))},
		member{"name", str("Required, at most 200 characters.")},
		member{"registration_number", str("Nomor Induk Koperasi: 16 digits.")},
		member{"certificate_date", v.date("")},
		member{"certificate_expiry", v.date("")},
		member{"legal_number", str("Legal entity decree (nomor badan hukum).")},
		member{"legal_date", v.date("")},
		member{"amendments", array(v.ref("Amendment"), "Amendments of the articles (PAD).")},
		member{"npwp", str("Tax number: 15 or 16 digits.")},
		member{"nib", str("13 digits.")},
		member{"savings_license", str("Savings-and-loan business licence.")},
		member{"jenis", v.enum(bina.Jenises, never, "Type; required.")},
		member{"bentuk", v.enum(bina.Bentuks, onInput, "Form; default primer.")},
		member{"pola", v.enum(bina.Polas, onInput, "Management pattern; default konvensional.")},
		member{"kelompok", str("Group code from the office's list, which it can extend; default umum (kdmp for a KDMP). Defaults: " + optionList(bina.DefaultKelompoks) + ".")},
		member{"kbli", v.ref("KBLICode")},
		member{"address", str("")},
		member{"village_code", str("Kemendagri code of the cooperative's desa, inside the deployment; required.")},
		member{"latitude", coordinate("")},
		member{"longitude", coordinate("")},
		member{"members_female", count("")},
		member{"members_male", count("")},
		member{"employees_female", count("")},
		member{"employees_male", count("")},
		member{"officers", array(v.ref("Officer"), "Board, supervisors and manager.")},
		member{"units", array(v.ref("BusinessUnit"), "Lines of business and outlets (gerai).")},
		member{"kdmp", boolean("A Koperasi Desa Merah Putih (village cooperative).")},
		member{"verification", v.enum(bina.Verifications, onInput, "Default belum.")},
		member{"source", v.enum(bina.Sources, onInput, "Default manual.")},
		member{"source_id", str("")},
		member{"notes", str("")},
		member{"rats", readOnly(array(v.ref("RAT"), "Annual members' meetings, newest first; null in lists. Saved with PUT .../rat/{year}."))},
		member{"last_rat_year", readOnly(integer("Newest book year whose RAT was held; 0 if none."))},
		member{"active", readOnly(boolean("Held the RAT of the last due book year (with the deployment's tolerance)."))},
		member{"created_at", readOnly(timestamp(""))},
		member{"updated_at", readOnly(timestamp(""))},
		member{"version", readOnly(integer("Raised by every change; the ETag."))},
		member{"archived_at", readOnly(describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "Null for live records."))},
		member{"archive_reason", readOnly(str(""))},
	)
}

func amendmentSchema(v variant) schema {
	return v.object("An amendment of the articles (PAD).",
		member{"number", str("Required.")},
		member{"date", v.date("")},
		member{"note", str("")},
	)
}

func officerSchema(v variant) schema {
	return v.object("A board member, supervisor or manager. phone is personal data: masked for viewers.",
		member{"name", str("Required.")},
		member{"role", v.enum(bina.OfficerRoles, never, "")},
		member{"gender", v.enum(bina.Genders, always, "")},
		member{"phone", str("")},
		member{"term_start", v.date("")},
		member{"term_end", v.date("")},
	)
}

func businessUnitSchema(v variant) schema {
	return v.object("A line of business or outlet (gerai).",
		member{"name", str("Required.")},
		member{"kind", str("Free text: simpan pinjam, gerai sembako, apotek desa.")},
	)
}

func ratSchema(v variant) schema {
	return v.object("The annual members' meeting (RAT) of one book year with the year's figures.",
		member{"book_year", integer("In PUT .../rat/{year} it may be left out (0): the path's year is taken.")},
		member{"held_on", v.date("Null: not held.")},
		member{"reported_on", v.date("")},
		member{"members_present", count("")},
		member{"members_female", count("")},
		member{"members_male", count("")},
		member{"prospective_members", count("")},
		member{"employees_female", count("")},
		member{"employees_male", count("")},
		member{"managers_female", count("")},
		member{"managers_male", count("")},
		member{"simpanan_pokok", money("")},
		member{"simpanan_wajib", money("")},
		member{"reserves", money("Cadangan.")},
		member{"grants", money("Hibah.")},
		member{"borrowed_capital", money("")},
		member{"equity_participation", money("Modal penyertaan.")},
		member{"assets", money("")},
		member{"savings_received", money("")},
		member{"loans_given", money("")},
		member{"business_volume", money("")},
		member{"shu", money("Surplus (SHU); negative for a loss.")},
		member{"has_business_license", boolean("")},
		member{"health_assessed", boolean("")},
		member{"health_result", v.enum(bina.HealthResults, always, "")},
	)
}
