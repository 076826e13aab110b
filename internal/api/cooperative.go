package api

import (
	"bina/audit"
	"net/http"
	"time"

	"bina"
)

// ListCooperatives answers one page of cooperatives (without their RAT
// records) matching the query's filters.
func (h *Handler) ListCooperatives(w http.ResponseWriter, r *http.Request) {
	var f bina.CooperativeFilter
	if err := parseQuery(r.URL.Query(), h.cooperativeParams, &f); err != nil {
		h.Error(w, r, err)
		return
	}
	page, err := h.cooperatives.ListCooperatives(r.Context(), f)
	if err == nil {
		err = h.recordRead(r.Context(), audit.ListRead(bina.EntityCooperative, page.Items, cooperativeID, f))
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, page))
}

// cooperativeKind is how GET, POST and PUT treat cooperatives. RAT
// records are saved one by one with SaveRAT: a replacement leaves them.
func (h *Handler) cooperativeKind() recordKind[bina.Cooperative] {
	return recordKind[bina.Cooperative]{
		path: "/api/v1/cooperatives/", find: h.cooperatives.FindCooperative,
		create: h.cooperatives.CreateCooperative, update: h.cooperatives.UpdateCooperative,
		own: func(c *bina.Cooperative) (*int64, *int) {
			clearCooperative(c)
			return &c.ID, &c.Version
		},
		version: func(c *bina.Cooperative) int { return c.Version },
	}
}

// GetCooperative answers one cooperative, with its RAT records, and its
// ETag.
func (h *Handler) GetCooperative(w http.ResponseWriter, r *http.Request) {
	h.cooperativeKind().get(h, w, r)
}

func (h *Handler) answerCooperative(w http.ResponseWriter, r *http.Request, status int, id int64) {
	h.cooperativeKind().answer(h, w, r, status, id)
}

// CreateCooperative registers the cooperative in the body: 201 with its
// Location and ETag. RAT records are saved one by one with SaveRAT.
func (h *Handler) CreateCooperative(w http.ResponseWriter, r *http.Request) {
	h.cooperativeKind().post(h, w, r)
}

// UpdateCooperative replaces the cooperative with the body when If-Match
// names its current version. RAT records are left as they are.
func (h *Handler) UpdateCooperative(w http.ResponseWriter, r *http.Request) {
	h.cooperativeKind().put(h, w, r)
}

// clearCooperative drops what the server owns from a decoded body.
func clearCooperative(c *bina.Cooperative) {
	c.ID = 0
	c.RATs = nil
	c.LastRATYear = 0
	c.Active = false
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	c.Version = 0
	c.ArchivedAt = nil
	c.ArchiveReason = ""
}

// ArchiveCooperative takes the cooperative out of the live register with
// the body's reason.
func (h *Handler) ArchiveCooperative(w http.ResponseWriter, r *http.Request) {
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
	if err := h.cooperatives.ArchiveCooperative(r.Context(), id, reason); err != nil {
		h.Error(w, r, err)
		return
	}
	h.answerCooperative(w, r, http.StatusOK, id)
}

// RestoreCooperative brings an archived cooperative back. It takes no body.
func (h *Handler) RestoreCooperative(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	if err := h.cooperatives.RestoreCooperative(r.Context(), id); err != nil {
		h.Error(w, r, err)
		return
	}
	h.answerCooperative(w, r, http.StatusOK, id)
}

// CooperativeHistory answers the changes of one cooperative, newest first.
func (h *Handler) CooperativeHistory(w http.ResponseWriter, r *http.Request) {
	h.answerHistory(w, r, bina.EntityCooperative)
}

// SaveRAT creates or replaces the RAT record of the book year in the path
// and answers the cooperative. The path's year wins: a body that names
// another book year is refused (422); one that names none takes the path's.
func (h *Handler) SaveRAT(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	year, ok := pathID(r, "year")
	if !ok || year > 9999 {
		h.Error(w, r, errNotFound())
		return
	}
	var rat bina.RAT
	if err := decode(r, &rat); err != nil {
		h.Error(w, r, err)
		return
	}
	switch rat.BookYear {
	case 0:
		rat.BookYear = int(year)
	case int(year):
	default:
		var p bina.Problems
		p.Add("book_year", "Tahun buku %d berbeda dengan tahun di alamat (%d)", "Book year %d differs from the year in the path (%d)", rat.BookYear, year)
		h.Error(w, r, p.Err())
		return
	}
	if err := h.cooperatives.SaveRAT(r.Context(), id, rat); err != nil {
		h.Error(w, r, err)
		return
	}
	h.answerCooperative(w, r, http.StatusOK, id)
}

// CooperativeCounts answers live cooperatives per kecamatan inside the
// actor's region.
func (h *Handler) CooperativeCounts(w http.ResponseWriter, r *http.Request) {
	counts, err := h.cooperatives.CooperativeCounts(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, itemsOf(counts))
}
