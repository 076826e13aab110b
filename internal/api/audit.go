package api

import (
	"bina/audit"
	"context"
	"net/http"
	"strconv"
	"time"

	"bina"
)

// auditItem is one entry of GET /api/v1/audit.
type auditItem struct {
	Actor      string    `json:"actor"`
	At         time.Time `json:"at"`
	Action     string    `json:"action"`
	Records    []string  `json:"records"` // "enterprise:12"
	Count      int       `json:"count"`
	Filter     string    `json:"filter"`
	ClientAddr string    `json:"client_addr"`
	Detail     string    `json:"detail"`
}

// auditList is the answer of GET /api/v1/audit.
type auditList struct {
	Items []auditItem `json:"items"`
	Total int         `json:"total"`
}

// auditQuery is the query of GET /api/v1/audit.
type auditQuery struct {
	subject string
	filter  audit.Filter
}

// auditParams are the parameters of GET /api/v1/audit.
var auditParams = []param[auditQuery]{
	{name: "subject", doc: "A record, as enterprise:{id} or cooperative:{id}: who saw its personal data.",
		schema: schema{"type": "string", "pattern": "^(enterprise|cooperative):[1-9][0-9]*$", "examples": []string{"enterprise:12"}},
		set: func(q *auditQuery, v string) (bina.Text, bool) {
			var err error
			if q.filter.Subject, q.filter.SubjectID, err = audit.ParseSubject(v); err != nil {
				return bina.ErrorText(err), false
			}
			return bina.Text{}, true
		}},
	textParam("actor", "A user name: what the account looked at and did.", func(q *auditQuery) *string { return &q.filter.Actor }),
	limitParam(func(q *auditQuery) *int { return &q.filter.Limit }),
	{name: "offset", doc: "Entries to skip, for the next page.", schema: schema{"type": "integer", "minimum": 0, "default": 0},
		set: func(q *auditQuery, v string) (bina.Text, bool) {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return bina.Text{ID: "Isi bilangan bulat 0 atau lebih", EN: "Use a whole number, 0 or more"}, false
			}
			q.filter.Offset = n
			return bina.Text{}, true
		}},
}

// Audit answers the audit entries of one record (?subject=enterprise:12) or
// one account (?actor=name), newest first. For administrators only.
func (h *Handler) Audit(w http.ResponseWriter, r *http.Request) {
	if h.audit == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var q auditQuery
	if err := parseQuery(r.URL.Query(), auditParams, &q); err != nil {
		h.Error(w, r, err)
		return
	}
	if q.filter.Limit == 0 {
		q.filter.Limit = defaultLimit
	}
	events, total, err := h.audit.ListAudit(r.Context(), q.filter)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	out := auditList{Items: make([]auditItem, len(events)), Total: total}
	for i, e := range events {
		it := auditItem{Actor: e.Actor, At: e.At, Action: string(e.Action), Records: []string{}, Count: e.Count,
			Filter: e.Filter, ClientAddr: e.ClientAddr, Detail: e.Detail}
		for _, id := range e.Records {
			it.Records = append(it.Records, string(e.Entity)+":"+strconv.FormatInt(id, 10))
		}
		out.Items[i] = it
	}
	h.writeJSON(w, r, http.StatusOK, out)
}

// auditOperations adds the audit's operation to the document.
func auditOperations(add func(method, path string, o operation)) {
	add("GET", "/api/v1/audit", newOperation("listAudit", "audit", "Who saw a record's personal data, or what an account did.",
		"Give subject (enterprise:{id} or cooperative:{id}) for every read of that record, single or in a list page, "+
			"or actor (a user name) for everything the account read and its sign-ins. Exports are listed under their actor with their filter "+
			"and number of records. Newest first; entries older than the office's retention period are deleted. 403 for all but administrators.").
		params(queryParams(auditParams)...).
		answer(http.StatusOK, "One page of entries.", "AuditList").
		problems(http.StatusBadRequest, http.StatusForbidden, http.StatusUnprocessableEntity))
}

// auditSchemas adds the audit's component schemas.
func auditSchemas(out schema) {
	v := answer
	out["AuditEntry"] = v.object("One audit entry: who, when, from where, what.",
		member{"actor", str("The user's name; for a failed sign-in, the name tried.")},
		member{"at", timestamp("")},
		member{"action", schema{"type": "string", "enum": []audit.Action{audit.View, audit.List, audit.Export,
			audit.SignIn, audit.SignInFailed, audit.RoleChange, audit.TokenUse, audit.Account}}},
		member{"records", array(schema{"type": "string", "pattern": "^(enterprise|cooperative):[0-9]+$"}, "The records read, as enterprise:{id}; empty for an export and for account events.")},
		member{"count", count("How many records were read.")},
		member{"filter", str("The filter of a list or export, without its search words.")},
		member{"client_addr", str("The address the request came from.")},
		member{"detail", str("More about the entry, such as an export's format.")},
	)
	out["AuditList"] = v.object("Audit entries, newest first.",
		member{"items", schema{"type": "array", "items": ref("AuditEntry")}},
		member{"total", count("How many entries match, on every page.")},
	)
}

// recordRead writes a read of personal data to the audit, if it is kept.
func (h *Handler) recordRead(ctx context.Context, e audit.Event) error {
	if h.audit == nil {
		return nil
	}
	return h.audit.RecordAudit(ctx, e)
}

func enterpriseID(e *bina.Enterprise) int64   { return e.ID }
func cooperativeID(c *bina.Cooperative) int64 { return c.ID }
