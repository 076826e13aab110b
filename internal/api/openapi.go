package api

import (
	"net/http"
	"strconv"
	"strings"
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
	Servers    []schema   `json:"servers"`
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

**Errors** are RFC 9457 problems (` + "`application/problem+json`" + `). The type is ` + "`" + problemBase + "<kind>`" + `, a path on this server whose page describes the kind (compare the string; it never changes); detail is in Indonesian, or in English when Accept-Language prefers it; errors lists the fields or parameters at fault; request_id matches the X-Request-Id header and the server log. Internal errors never show their cause.`

// openAPI builds the document.
func (h *Handler) openAPI() document {
	return document{
		OpenAPI: "3.1.0",
		Info: schema{
			"title":       "Bina API",
			"version":     "1",
			"description": apiDescription,
			// Bina is deployed by each office on its own terms; the
			// document says so rather than name a licence it has not
			// been given (docs/api.md).
			"license": schema{"name": "Proprietary: terms of the deploying office", "identifier": "LicenseRef-Bina-Deployment"},
		},
		// The API is served by the deployment the document comes from:
		// a relative URL, resolved against where it was fetched.
		Servers:  []schema{{"url": "/", "description": "This deployment of Bina."}},
		Security: []schema{{"bearerAuth": []string{}}, {"cookieAuth": []string{}}},
		Tags: []schema{
			{"name": "enterprises", "description": "The register of enterprises (usaha, UMKM)."},
			{"name": "cooperatives", "description": "The register of cooperatives (koperasi) and their annual members' meetings (RAT)."},
			{"name": "statistics", "description": "Counts kept by the register."},
			{"name": "reference", "description": "Regions, KBLI codes and the signed-in user."},
			{"name": "imports", "description": "Spreadsheet imports and their progress."},
			{"name": "audit", "description": "Who read personal data, and the events of accounts (administrators only)."},
			{"name": "pembinaan", "description": "Coaching: certificates and licences of enterprises, and their outcome milestones."},
			{"name": "letters", "description": "Surat Keterangan UMK Binaan: issue, download as PDF, revoke."},
			{"name": "coaching", "description": "The coaching ledger: sessions with businesses, their follow-ups and photos."},
			{"name": "programmes", "description": "Coaching programmes (pembinaan), their participants and candidates."},
			{"name": "reports", "description": "Cooperatives' annual reports: the statements after the RAT, their checks, states, versions and documents."},
			{"name": "health", "description": "Health assessment of savings-and-loan cooperatives under versioned rule sets."},
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
		}, "400": schema{"$ref": "#/components/responses/BadRequest"}}, // a query that is not UTF-8, as on every route
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
		"The computed size is derived from the sales of the latest year, or the capital (PP 7/2021). "+
			"A body resembling live enterprises of the user's region by the import's duplicate rules (the same NIB; the same owner NIK and a similar name; "+
			"a similar name and owner in the same desa) is answered 409 with them in duplicates, and nothing is stored, unless "+confirmDuplicatesParam+"=true.").
		params(confirmDuplicatesDoc()).
		body("EnterpriseInput", "The new enterprise.").
		answer(201, "The enterprise as stored.", "Enterprise", "Location", "ETag").
		problems(st400, st403, st413, st415, st422).duplicatesAnswer())
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
	h.reachPaths(add)      // pembinaan, reach (issue 11)
	h.indicatorPaths(add)  // indicators (issue 13)
	h.rakorPaths(add)      // the rakor report (issue 13)
	h.compliancePaths(add) // RAT compliance (issue 12)
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
	certificateOperations(add, h.expiryParams)
	letterOperations(add)
	h.coachingOperations(add)
	h.programmeOperations(add)
	partnerOperations(add) // board accounts (issue 12)
	reportOperations(add)  // annual reports (issue 12)
	healthOperations(add)
	conditionalGets(paths)
	return paths
}

// conditionalGets documents If-None-Match on every GET that answers an
// ETag: the answer is 304 without a body when the tag names the version
// the client holds.
func conditionalGets(paths schema) {
	for _, item := range paths {
		get, ok := item.(schema)["get"].(operation)
		if !ok {
			continue
		}
		rs := get["responses"].(schema)
		ok200, _ := rs["200"].(schema)
		if hs, _ := ok200["headers"].(schema); hs["ETag"] == nil {
			continue
		}
		get.params(paramRef("If-None-Match"))
		rs["304"] = schema{
			"description": "Not modified: If-None-Match names the current version. No body.",
			"headers":     schema{"ETag": schema{"$ref": "#/components/headers/ETag"}},
		}
	}
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
		"If-None-Match": schema{
			"name": "If-None-Match", "in": "header", "required": false,
			"description": `ETags the client holds ("3", or W/"3", or a list); when one names the current version the answer is 304 without a body.`,
			"schema":      schema{"type": "string"},
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
		if k.kind == kindMethodNotAllowed {
			continue // no operation answers it: its path does (docs/api.md)
		}
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
