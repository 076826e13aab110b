package web

import (
	"bina/audit"
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bina"
)

// The audit pages answer two questions for administrators: who saw this
// person's data (?data=enterprise:12) and what did this account look at
// (?akun=name), on a page and as a download.

// auditParams are the parameters of the audit page, as in its address.
var auditParams = []string{"data", "akun"}

// auditPage is the audit page.
type auditPage struct {
	layout
	F         url.Values
	Asked     bool // a record or an account was given
	Rows      []auditRow
	Total     int
	List      listNav // position, pages and page size (listnav.go)
	Downloads []downloadLink
	Problems  []string
}

// auditRow is one entry as the page shows it.
type auditRow struct {
	At         time.Time
	Actor      string
	Action     string
	Records    string
	Count      int
	Filter     string
	ClientAddr string
	Detail     string
}

// auditActions label the audited actions.
var auditActions = bina.Options{
	{Code: string(audit.View), ID: "Melihat data", EN: "Viewed a record"},
	{Code: string(audit.List), ID: "Melihat daftar", EN: "Viewed a list"},
	{Code: string(audit.Export), ID: "Mengunduh daftar", EN: "Downloaded a list"},
	{Code: string(audit.SignIn), ID: "Masuk", EN: "Signed in"},
	{Code: string(audit.SignInFailed), ID: "Gagal masuk", EN: "Failed sign-in"},
	{Code: string(audit.RoleChange), ID: "Peran diubah", EN: "Role changed"},
	{Code: string(audit.TokenUse), ID: "Token API dipakai", EN: "API token used"},
	{Code: string(audit.Account), ID: "Akun diubah", EN: "Account changed"},
}

// auditFilterOf reads the audit filter of q, or adds a problem.
func auditFilterOf(q url.Values, probs *bina.Problems) audit.Filter {
	f := audit.Filter{Actor: strings.TrimSpace(q.Get("akun"))}
	if s := strings.TrimSpace(q.Get("data")); s != "" {
		var err error
		if f.Subject, f.SubjectID, err = audit.ParseSubject(s); err != nil {
			probs.Fields = append(probs.Fields, bina.FieldError{Field: "data", Message: bina.ErrorText(err)})
		}
	}
	return f
}

// mayReadAudit refuses everyone but administrators, and answers 404 when
// no audit is kept.
func (h *Handler) mayReadAudit(r *http.Request) error {
	if h.Audit == nil {
		return bina.Errorf(bina.NotFound, "Halaman tidak ditemukan.", "Page not found.")
	}
	if !bina.UserFromContext(r.Context()).IsAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya admin yang dapat membaca jejak audit.", "Only administrators may read the audit.")
	}
	return nil
}

// AuditPage shows the audit entries of a record or an account (GET
// /audit?data=enterprise:12 or ?akun=name), newest first.
func (h *Handler) AuditPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.mayReadAudit(r); err != nil {
		h.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	p := &auditPage{layout: h.newLayout(r, "Jejak audit", "audit"), F: q}
	var probs bina.Problems
	f := auditFilterOf(q, &probs)
	pageNo, offset := offsetPage(q)
	f.Limit, f.Offset = pageSize(q), offset
	p.Asked = f.Subject != "" || f.Actor != ""
	status := http.StatusOK
	if err := probs.Err(); err != nil {
		for _, fe := range bina.ErrorFields(err) {
			p.Problems = append(p.Problems, fe.Message.In(p.Lang))
		}
		status = http.StatusUnprocessableEntity
	} else if p.Asked {
		events, total, err := h.Audit.ListAudit(ctx, f)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		p.Total = total
		for _, e := range events {
			p.Rows = append(p.Rows, h.auditRow(e, p.Lang))
		}
		p.List = newListQuery(r, "/audit", q, auditParams...).offsetNav(pageNo, len(events), total, false)
		p.Downloads = h.exportLinks(p.Lang, "/audit/ekspor", q, auditParams, exportFormats[:2])
	}
	h.render(w, r, status, "audit/list", p)
}

// auditRow describes e for the page and the download.
func (h *Handler) auditRow(e audit.Event, lang string) auditRow {
	row := auditRow{At: e.At, Actor: e.Actor, Action: auditActions.Label(string(e.Action), lang), Count: e.Count,
		Filter: e.Filter, ClientAddr: e.ClientAddr, Detail: e.Detail}
	ids := make([]string, len(e.Records))
	for i, id := range e.Records {
		ids[i] = strconv.FormatInt(id, 10)
	}
	if len(ids) > 0 {
		row.Records = string(e.Entity) + ": " + strings.Join(ids, ", ")
	}
	return row
}

// AuditExport downloads every audit entry of a record or an account (GET
// /audit/ekspor?data=...|akun=...&format=xlsx|csv).
func (h *Handler) AuditExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.mayReadAudit(r); err != nil {
		h.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	var probs bina.Problems
	f := auditFilterOf(q, &probs)
	format := readFormat(q, exportFormats[:2], &probs)
	if err := probs.Err(); err != nil {
		h.Error(w, r, err)
		return
	}
	f.Limit = 1000
	first, _, err := h.Audit.ListAudit(ctx, f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lang := lang(r)
	header := []string{h.t(lang, "Waktu"), h.t(lang, "Akun"), h.t(lang, "Tindakan"), h.t(lang, "Data"),
		h.t(lang, "Jumlah data"), h.t(lang, "Penyaring"), h.t(lang, "Alamat klien"), h.t(lang, "Keterangan")}
	name := "audit-" + h.Ref.Clock().In(h.zone()).Format("2006-01-02") + "." + format
	h.download(w, r, name, format, "Audit", header, h.auditRows(ctx, f, first, lang))
}

// auditRows yields the rows of the audit download, reading the entries a
// thousand at a time after the first page.
func (h *Handler) auditRows(ctx context.Context, f audit.Filter, first []audit.Event, lang string) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		page := first
		for {
			for _, e := range page {
				row := h.auditRow(e, lang)
				if !yield([]any{row.At.In(h.zone()).Format("2006-01-02 15:04:05"), row.Actor, row.Action, row.Records, row.Count, row.Filter, row.ClientAddr, row.Detail}, nil) {
					return
				}
			}
			if len(page) < f.Limit {
				return
			}
			f.Offset += f.Limit
			var err error
			if page, _, err = h.Audit.ListAudit(ctx, f); err != nil {
				yield(nil, err)
				return
			}
		}
	}
}

// recordRead writes a read of personal data to the audit, if it is kept.
func (h *Handler) recordRead(ctx context.Context, e audit.Event) error {
	if h.Audit == nil {
		return nil
	}
	return h.Audit.RecordAudit(ctx, e)
}

func enterpriseID(e *bina.Enterprise) int64   { return e.ID }
func cooperativeID(c *bina.Cooperative) int64 { return c.ID }
