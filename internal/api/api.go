// Package api is Bina's JSON API under /api/v1 and its OpenAPI 3.1
// document (GET /api/v1/openapi.json), for scripts, spreadsheets and the
// systems of the province and the ministry.
//
// The API speaks bina's types as encoding/json writes them. It holds no rules
// of its own: every handler decodes the request, calls one bina service with
// the request's context (which carries the actor the server's middleware
// authenticated, so services scope, mask and check rights themselves), and
// encodes the answer.
//
// Conventions, also described in the document:
//
//   - Records carry a strong ETag, the quoted version ("3"). PUT is a full
//     replacement and requires If-Match with that ETag: without it the
//     answer is 428, with a stale one 412. The version the store checks
//     comes from If-Match, never from the body.
//   - Bodies are application/json (415 otherwise), at most the server's body
//     limit (413), one JSON object without trailing data, and no unknown
//     fields (400 naming them). Server-owned fields (id, version, timestamps,
//     computed size, RAT records, activity) may be sent back as read but are
//     ignored.
//   - Lists take the same filters as the pages, as query parameters; an
//     unknown or repeated parameter is refused (400) so that a typo never
//     silently returns everything.
//   - Every error is an RFC 9457 problem (application/problem+json) whose
//     type is /problems/<kind>, a page of the server; see problem.go.
//   - Responses carry Cache-Control: no-store: they may hold personal data.
package api

import (
	"bina/audit"
	"bina/coaching"
	"bina/imports"
	"bina/indicator"
	"bina/internal/sheet"
	"bina/supervision"
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bina"
)

// Deps is what the API is built from.
type Deps struct {
	Enterprises  bina.EnterpriseService
	Cooperatives bina.CooperativeService
	History      bina.HistoryService
	Imports      imports.Service // optional: without it /api/v1/imports answers 404
	Audit        audit.Service   // optional: without it reads are not recorded and /api/v1/audit answers 404
	Ref          bina.Reference  // region tree, KBLI catalogue, config, clock
	Log          *slog.Logger
	Exports      *sheet.Gate // bounds the files written at once, shared with the pages (nil: no bound)
	// Pembinaan: certificates and outcome milestones (optional: without
	// them their routes answer 404).
	Certificates coaching.CertificateService
	Milestones   coaching.MilestoneService

	// Letters (Surat Keterangan UMK Binaan): optional, without it the
	// letter routes answer 404. PublicURL starts verification links
	// (empty: the scheme and host of the request).
	Letters   coaching.LetterService
	PublicURL string
	// Coaching ledger (issue 11): without them its routes answer 404.
	Coaching    coaching.CoachingService
	Attachments bina.AttachmentStore
	// Pembinaan, reach (issue 11): optional, without it /api/v1/reach answers 404.
	Reach coaching.ReachService
	// Indicators (issue 13): optional, without it /api/v1/indicators answers 404.
	Indicators indicator.Service
	// The rakor report (issue 13): optional, without it /api/v1/reports answers 404.
	Rakor indicator.ReportService

	// Pembinaan: programmes, participants and candidates.
	Programmes coaching.ProgrammeService

	// Board accounts (issue 12): invitations and change requests
	// (optional: without them their routes answer 404).
	Invitations    supervision.InvitationService
	ChangeRequests supervision.ChangeRequestService
	// Annual reports of cooperatives (issue 12): optional, without it
	// their routes answer 404.
	Reports supervision.AnnualReportService
	// Health assessment (issue 12): optional, without it its routes answer 404.
	Health supervision.HealthService
	// Cooperative supervision, RAT compliance (issue 12): optional, without
	// it /api/v1/compliance answers 404.
	Compliance supervision.ComplianceService
}

// Handler serves the JSON API. Its methods are the handlers of the routes
// listed in internal/server/routes.go.
type Handler struct {
	enterprises  bina.EnterpriseService
	cooperatives bina.CooperativeService
	history      bina.HistoryService
	imports      imports.Service
	audit        audit.Service
	ref          bina.Reference
	log          *slog.Logger
	exports      *sheet.Gate
	// Pembinaan: certificates and outcome milestones.
	certificates coaching.CertificateService
	milestones   coaching.MilestoneService
	expiryParams []param[coaching.ExpiryFilter]
	letters      coaching.LetterService
	publicURL    string
	// Coaching ledger (issue 11).
	coaching    coaching.CoachingService
	attachments bina.AttachmentStore
	reach       coaching.ReachService   // pembinaan, reach (issue 11)
	indicators  indicator.Service       // issue 13
	rakor       indicator.ReportService // the rakor report (issue 13)

	programmes      coaching.ProgrammeService // pembinaan
	health          supervision.HealthService // issue 12
	candidateParams []param[coaching.CandidateFilter]

	invitations      supervision.InvitationService    // board accounts (issue 12)
	changeRequests   supervision.ChangeRequestService // board accounts (issue 12)
	reports          supervision.AnnualReportService  // annual reports (issue 12)
	compliance       supervision.ComplianceService    // RAT compliance (issue 12)
	complianceParams []param[supervision.ComplianceFilter]

	enterpriseParams  []param[bina.EnterpriseFilter]
	cooperativeParams []param[bina.CooperativeFilter]
	document          []byte // the OpenAPI document, built once
}

// New returns the API handler. It builds the OpenAPI document from the
// enumerations and filter parameters it serves, so the two cannot drift.
func New(d Deps) *Handler {
	h := &Handler{
		enterprises:  d.Enterprises,
		cooperatives: d.Cooperatives,
		history:      d.History,
		imports:      d.Imports,
		audit:        d.Audit,
		ref:          d.Ref,
		log:          d.Log,
		exports:      d.Exports,
		certificates: d.Certificates,
		milestones:   d.Milestones,
		letters:      d.Letters,
		publicURL:    d.PublicURL,
		coaching:     d.Coaching,
		attachments:  d.Attachments,
		reach:        d.Reach,
		indicators:   d.Indicators,
		rakor:        d.Rakor,
		programmes:   d.Programmes,
		// Board accounts (issue 12).
		invitations:    d.Invitations,
		changeRequests: d.ChangeRequests,
		reports:        d.Reports, // annual reports (issue 12)
		health:         d.Health,
		compliance:     d.Compliance, // RAT compliance (issue 12)
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	h.enterpriseParams = enterpriseParams(h.ref)
	h.cooperativeParams = cooperativeParams(h.ref)
	h.expiryParams = expiryParams(h.ref)
	h.candidateParams = candidateParams(h.ref)
	h.complianceParams = complianceParams(h.ref) // RAT compliance (issue 12)
	doc, err := json.MarshalIndent(h.openAPI(), "", "  ")
	if err != nil {
		// The document is built from Go maps of strings, numbers and
		// slices: it cannot fail to marshal.
		panic("api: marshal OpenAPI document: " + err.Error())
	}
	h.document = doc
	return h
}

// OpenAPI serves the OpenAPI 3.1 document of the API. It is public.
func (h *Handler) OpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(h.document)
}

// writeJSON encodes v into a buffer before writing anything, so that an
// encoding failure is a clean problem answer rather than half a body.
func (h *Handler) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		h.Error(w, r, bina.Wrap(err, "api: encode response"))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// writeRecord answers one record with its ETag.
func (h *Handler) writeRecord(w http.ResponseWriter, r *http.Request, status int, v any, version int) {
	w.Header().Set("ETag", etag(version))
	if status == http.StatusOK && noneMatch(r, etag(version)) {
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.writeJSON(w, r, status, v)
}

// items is the answer of the lists that are not paged.
type items[T any] struct {
	Items []T `json:"items"`
}

// itemsOf returns the list wrapper; a nil slice becomes [] so that items is
// always an array.
func itemsOf[T any](s []T) items[T] {
	if s == nil {
		s = []T{}
	}
	return items[T]{Items: s}
}

// list is one page of a paged list. Next and Prev are the opaque cursors of
// bina.Page; Links holds the same pages as relative URLs that keep the
// request's filters.
type list[T any] struct {
	Items       []T    `json:"items"`
	Total       int    `json:"total"`
	TotalCapped bool   `json:"total_capped,omitempty"`
	Next        string `json:"next,omitempty"`
	Prev        string `json:"prev,omitempty"`
	Links       links  `json:"links"`
}

type links struct {
	Next string `json:"next,omitempty"`
	Prev string `json:"prev,omitempty"`
}

func listOf[T any](r *http.Request, p bina.Page[T]) list[T] {
	l := list[T]{Items: p.Items, Total: p.Total, TotalCapped: p.TotalCapped, Next: p.Next, Prev: p.Prev}
	if l.Items == nil {
		l.Items = []T{}
	}
	l.Links.Next = pageLink(r.URL, p.Next)
	l.Links.Prev = pageLink(r.URL, p.Prev)
	return l
}

// pageLink returns the request's path and query with cursor replaced, or ""
// when there is no such page.
func pageLink(u *url.URL, cursor string) string {
	if cursor == "" {
		return ""
	}
	q := u.Query()
	q.Set("cursor", cursor)
	return u.Path + "?" + q.Encode()
}

// pathID returns the positive integer id in the path value name. Anything
// else names no record: the caller answers 404.
func pathID(r *http.Request, name string) (int64, bool) {
	s := r.PathValue(name)
	if s == "" || s[0] < '1' || s[0] > '9' {
		return 0, false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false // out of range
	}
	return id, true
}

// errNotFound is the answer to an id that cannot name a record.
func errNotFound() error {
	return bina.Errorf(bina.NotFound, "Data tidak ditemukan.", "Record not found.")
}

// lang returns "en" when the request's Accept-Language prefers English over
// Indonesian, else "id".
func lang(r *http.Request) string {
	best, bestQ := "id", 0.0
	for _, h := range r.Header.Values("Accept-Language") {
		for _, part := range strings.Split(h, ",") {
			tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
			if primary != "en" && primary != "id" {
				continue
			}
			q := 1.0
			if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					continue
				}
				q = f
			}
			if q > bestQ {
				best, bestQ = primary, q
			}
		}
	}
	return best
}
