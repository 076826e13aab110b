package api

import (
	"bina/audit"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bina"
)

// ListEnterprises answers one page of enterprises matching the query's
// filters.
func (h *Handler) ListEnterprises(w http.ResponseWriter, r *http.Request) {
	var f bina.EnterpriseFilter
	if err := parseQuery(r.URL.Query(), h.enterpriseParams, &f); err != nil {
		h.Error(w, r, err)
		return
	}
	page, err := h.enterprises.ListEnterprises(r.Context(), f)
	if err == nil {
		err = h.recordRead(r.Context(), audit.ListRead(bina.EntityEnterprise, page.Items, enterpriseID, f))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, page))
}

// enterpriseKind is how GET, POST and PUT treat enterprises.
func (h *Handler) enterpriseKind() recordKind[bina.Enterprise] {
	return recordKind[bina.Enterprise]{
		path: "/api/v1/enterprises/", find: h.enterprises.FindEnterprise,
		create: h.enterprises.CreateEnterprise, update: h.enterprises.UpdateEnterprise,
		own: func(e *bina.Enterprise) (*int64, *int) {
			clearEnterprise(e)
			return &e.ID, &e.Version
		},
		version: func(e *bina.Enterprise) int { return e.Version },
	}
}

// GetEnterprise answers one enterprise with its ETag.
func (h *Handler) GetEnterprise(w http.ResponseWriter, r *http.Request) {
	h.enterpriseKind().get(h, w, r)
}

// answerEnterprise reads the enterprise as the actor may see it and
// answers it with its ETag.
func (h *Handler) answerEnterprise(w http.ResponseWriter, r *http.Request, status int, id int64) {
	h.enterpriseKind().answer(h, w, r, status, id)
}

// CreateEnterprise registers the enterprise in the body: 201 with its
// Location and ETag.
func (h *Handler) CreateEnterprise(w http.ResponseWriter, r *http.Request) {
	k := h.enterpriseKind()
	var err error
	if k.create, err = h.checkedCreate(r, k.create); err != nil {
		h.Error(w, r, err)
		return
	}
	k.post(h, w, r)
}

// UpdateEnterprise replaces the enterprise with the body when If-Match
// names its current version.
func (h *Handler) UpdateEnterprise(w http.ResponseWriter, r *http.Request) {
	h.enterpriseKind().put(h, w, r)
}

// clearEnterprise drops what the server owns from a decoded body: clients
// may send a record back as they read it, and these members are ignored.
func clearEnterprise(e *bina.Enterprise) {
	e.ID = 0
	e.Owner.ID = 0
	e.SizeComputed = ""
	e.SizeRule = ""
	e.CreatedAt, e.UpdatedAt = time.Time{}, time.Time{}
	e.Version = 0
	e.ArchivedAt = nil
	e.ArchiveReason = ""
}

// archiveRequest is the body of an archive call.
type archiveRequest struct {
	Reason string `json:"reason"`
}

// decodeArchive reads an archive body; the reason is required.
func decodeArchive(r *http.Request) (string, error) {
	var a archiveRequest
	if err := decode(r, &a); err != nil {
		return "", err
	}
	if strings.TrimSpace(a.Reason) == "" {
		var p bina.Problems
		p.Add("reason", "Alasan pengarsipan wajib diisi", "A reason for archiving is required")
		return "", p.Err()
	}
	return a.Reason, nil
}

// ArchiveEnterprise takes the enterprise out of the live register with the
// body's reason; nothing is deleted.
func (h *Handler) ArchiveEnterprise(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	reason, err := decodeArchive(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.enterprises.ArchiveEnterprise(r.Context(), id, reason); err != nil {
		h.Error(w, r, err)
		return
	}
	h.answerEnterprise(w, r, http.StatusOK, id)
}

// RestoreEnterprise brings an archived enterprise back. It takes no body.
func (h *Handler) RestoreEnterprise(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	if err := h.enterprises.RestoreEnterprise(r.Context(), id); err != nil {
		h.Error(w, r, err)
		return
	}
	h.answerEnterprise(w, r, http.StatusOK, id)
}

// EnterpriseHistory answers the changes of one enterprise, newest first.
func (h *Handler) EnterpriseHistory(w http.ResponseWriter, r *http.Request) {
	h.answerHistory(w, r, bina.EntityEnterprise)
}

func (h *Handler) answerHistory(w http.ResponseWriter, r *http.Request, entity bina.Entity) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	var q historyQuery
	if err := parseQuery(r.URL.Query(), historyParams, &q); err != nil {
		h.Error(w, r, err)
		return
	}
	if q.limit == 0 {
		q.limit = bina.HistoryPageSize
	}
	changes, err := h.history.History(r.Context(), entity, id, q.before, q.limit)
	if err == nil {
		// The history holds earlier values of personal data.
		err = h.recordRead(r.Context(), audit.Event{Action: audit.View, Entity: entity, Records: []int64{id}, Detail: "history"})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	page := historyPage{Items: changes, Next: nil}
	if page.Items == nil {
		page.Items = []bina.Change{}
	}
	if len(changes) == q.limit {
		next := url.Values{"before": {strconv.FormatInt(changes[len(changes)-1].ID, 10)}}
		if q.limit != bina.HistoryPageSize {
			next.Set("limit", strconv.Itoa(q.limit))
		}
		link := r.URL.Path + "?" + next.Encode()
		page.Next = &link
	}
	h.writeJSON(w, r, http.StatusOK, page)
}

// historyQuery is the page of history asked for.
type historyQuery struct {
	before int64
	limit  int
}

// historyPage is one page of a record's changes.
type historyPage struct {
	Items []bina.Change `json:"items"`
	Next  *string       `json:"next"`
}

// historyParams are the query parameters of a record's history.
var historyParams = []param[historyQuery]{
	{name: "before", doc: "Only changes older than the change with this id (from next).",
		schema: schema{"type": "integer", "minimum": 1},
		set: func(q *historyQuery, v string) (bina.Text, bool) {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 {
				return bina.Text{ID: "Isi nomor perubahan (bilangan bulat positif)", EN: "Use a change id (a positive whole number)"}, false
			}
			q.before = n
			return bina.Text{}, true
		}},
	{name: "limit", doc: "Page size.",
		schema: schema{"type": "integer", "minimum": 1, "maximum": bina.MaxHistoryPage, "default": bina.HistoryPageSize},
		set: func(q *historyQuery, v string) (bina.Text, bool) {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > bina.MaxHistoryPage {
				return bina.Text{ID: "Isi bilangan 1 sampai " + strconv.Itoa(bina.MaxHistoryPage), EN: "Use a whole number from 1 to " + strconv.Itoa(bina.MaxHistoryPage)}, false
			}
			q.limit = n
			return bina.Text{}, true
		}},
}

// EnterpriseCounts answers live enterprises per kecamatan and size inside
// the actor's region.
func (h *Handler) EnterpriseCounts(w http.ResponseWriter, r *http.Request) {
	counts, err := h.enterprises.EnterpriseCounts(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, itemsOf(counts))
}
