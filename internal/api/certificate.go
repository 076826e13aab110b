package api

import (
	"bina/coaching"
	"context"
	"net/http"
	"strconv"
	"time"

	"bina"
)

// Certificates and outcome milestones of enterprises (issue 11). Without
// their services (Deps.Certificates, Deps.Milestones) the routes answer 404.

// certificatesOn answers 404 when the API has no certificate service.
func (h *Handler) certificatesOn(w http.ResponseWriter, r *http.Request) bool {
	if h.certificates == nil {
		h.Error(w, r, errNotFound())
		return false
	}
	return true
}

func (h *Handler) milestonesOn(w http.ResponseWriter, r *http.Request) bool {
	if h.milestones == nil {
		h.Error(w, r, errNotFound())
		return false
	}
	return true
}

// decodeFor reads the enterprise id of the path and the body into v when
// the route's service is on; it reports whether the request may go on,
// having answered it otherwise.
func (h *Handler) decodeFor(w http.ResponseWriter, r *http.Request, on bool, v any) (int64, bool) {
	id, ok := pathID(r, "id")
	if !ok || !on {
		h.Error(w, r, errNotFound())
		return 0, false
	}
	if err := decode(r, v); err != nil {
		h.Error(w, r, err)
		return 0, false
	}
	return id, true
}

// counted is a list of one enterprise's records, whole.
type counted[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

func countedOf[T any](s []T) counted[T] {
	if s == nil {
		s = []T{}
	}
	return counted[T]{Items: s, Total: len(s)}
}

// ListEnterpriseCertificates answers the certificates of one enterprise.
func (h *Handler) ListEnterpriseCertificates(w http.ResponseWriter, r *http.Request) {
	if h.certificatesOn(w, r) {
		answerEnterpriseItems(h, w, r, h.certificates.Certificates)
	}
}

// answerEnterpriseItems answers the records read reads of the enterprise
// in the path.
func answerEnterpriseItems[T any](h *Handler, w http.ResponseWriter, r *http.Request, read func(context.Context, int64) ([]T, error)) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	items, err := read(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, countedOf(items))
}

// clearCertificate drops what the server owns from a decoded body.
func clearCertificate(c *coaching.Certificate) {
	c.ID, c.EnterpriseID, c.Version = 0, 0, 0
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	c.EnterpriseName, c.VillageCode = "", ""
}

// CreateCertificate records a certificate of the enterprise in the path:
// 201 with its Location and ETag.
func (h *Handler) CreateCertificate(w http.ResponseWriter, r *http.Request) {
	var c coaching.Certificate
	id, ok := h.decodeFor(w, r, h.certificates != nil, &c)
	if !ok {
		return
	}
	clearCertificate(&c)
	c.EnterpriseID = id
	if err := h.certificates.CreateCertificate(r.Context(), &c); err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/certificates/"+strconv.FormatInt(c.ID, 10))
	h.writeRecord(w, r, http.StatusCreated, c, c.Version)
}

// GetCertificate answers one certificate with its ETag.
func (h *Handler) GetCertificate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	if !h.certificatesOn(w, r) {
		return
	}
	c, err := h.certificates.FindCertificate(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeRecord(w, r, http.StatusOK, c, c.Version)
}

// UpdateCertificate replaces a certificate when If-Match names its
// current version.
func (h *Handler) UpdateCertificate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	if !h.certificatesOn(w, r) {
		return
	}
	pre, err := ifMatch(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var c coaching.Certificate
	if err := decode(r, &c); err != nil {
		h.Error(w, r, err)
		return
	}
	clearCertificate(&c)
	c.ID = id
	current := func() (int, error) {
		cur, err := h.certificates.FindCertificate(r.Context(), id)
		if err != nil {
			return 0, err
		}
		return cur.Version, nil
	}
	if c.Version, err = pre.version(current); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.certificates.UpdateCertificate(r.Context(), &c); err != nil {
		h.Error(w, r, conflictOnUpdate(err, c.Version, current))
		return
	}
	h.writeRecord(w, r, http.StatusOK, c, c.Version)
}

// ListExpiringCertificates answers one page of the certificates expiring
// up to expires_before (90 days from today by default).
func (h *Handler) ListExpiringCertificates(w http.ResponseWriter, r *http.Request) {
	if !h.certificatesOn(w, r) {
		return
	}
	var f coaching.ExpiryFilter
	if err := parseQuery(r.URL.Query(), h.expiryParams, &f); err != nil {
		h.Error(w, r, err)
		return
	}
	if f.Before.IsZero() {
		f.Before = bina.DateFromTime(h.ref.Clock().AddDate(0, 0, coaching.DefaultExpiryDays))
	}
	page, err := h.certificates.ExpiringCertificates(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, page))
}

// expiryParams are the filters of GET /api/v1/certificates.
func expiryParams(ref bina.Reference) []param[coaching.ExpiryFilter] {
	type F = coaching.ExpiryFilter
	return []param[F]{
		{name: "expires_before", doc: "Certificates expiring from today up to this date (inclusive); 90 days from today when left out.",
			schema: schema{"type": "string", "format": "date"},
			set: func(f *F, v string) (bina.Text, bool) {
				d, err := bina.ParseDate(v)
				if err != nil {
					return bina.ErrorText(err), false
				}
				f.Before = d
				return bina.Text{}, true
			}},
		regionParam(ref, "region", "A kecamatan or desa code: certificates of enterprises whose village lies in it.", func(f *F) *bina.RegionCode { return &f.Region }),
		enumParam("kind", "Kind of certificate.", coaching.CertificateKinds, func(f *F) *string { return &f.Kind }),
		idParam("officer", "Only the businesses in this field officer's caseload (user id).", func(f *F) *int64 { return &f.Officer }),
		cursorParam(func(f *F) *string { return &f.Cursor }),
		limitParam(func(f *F) *int { return &f.Limit }),
	}
}

// ListMilestones answers the milestones of one enterprise, newest first.
func (h *Handler) ListMilestones(w http.ResponseWriter, r *http.Request) {
	if h.milestonesOn(w, r) {
		answerEnterpriseItems(h, w, r, h.milestones.Milestones)
	}
}

// RecordMilestone records a milestone of the enterprise in the path: 201
// when new; 200 with the stored milestone when its uuid was stored before
// (the same record sent again), storing nothing.
func (h *Handler) RecordMilestone(w http.ResponseWriter, r *http.Request) {
	var m coaching.Milestone
	id, ok := h.decodeFor(w, r, h.milestones != nil, &m)
	if !ok {
		return
	}
	m.ID, m.RecordedBy, m.CreatedAt = 0, "", time.Time{}
	m.EnterpriseID = id
	created, err := h.milestones.RecordMilestone(r.Context(), &m)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	h.writeJSON(w, r, status, m)
}

// certificateOperations adds the certificate and milestone routes to the
// document.
func certificateOperations(add func(method, path string, o operation), expiry []param[coaching.ExpiryFilter]) {
	id := paramRef("id")
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
	)
	add("GET", "/api/v1/enterprises/{id}/certificates", newOperation("listEnterpriseCertificates", "pembinaan", "Certificates and licences of an enterprise.",
		"Newest issue first, all of them.").
		params(id).answer(http.StatusOK, "The certificates.", "CertificateList").problems(st404))
	add("POST", "/api/v1/enterprises/{id}/certificates", newOperation("createCertificate", "pembinaan", "Record a certificate or licence.",
		"The number is checked and stored in its normal form (NIB 13 digits; P-IRT 15 digits, \"P-IRT No. 2153276010281-21\" accepted; halal ID + 17 digits or a legacy MUI number of 12-16 digits; "+
			"BPOM MD/ML + 12 or 15 digits; trademark DID/JID + 10 digits or IDM + 9 digits). A number a spreadsheet wrote as 2.15328E+14 is refused. "+
			"The same number of the same kind on another enterprise is stored and sent to the review queue; on the same enterprise it is refused (422). "+
			"409 for an archived enterprise.").
		params(id).body("CertificateInput", "The certificate.").
		answer(http.StatusCreated, "The certificate as stored.", "Certificate", "Location", "ETag").
		problems(st400, st403, st404, st409, st413, st415, st422))
	add("GET", "/api/v1/certificates/{id}", newOperation("getCertificate", "pembinaan", "One certificate.", "").
		params(id).answer(http.StatusOK, "The certificate.", "Certificate", "ETag").problems(st404))
	add("PUT", "/api/v1/certificates/{id}", newOperation("updateCertificate", "pembinaan", "Replace a certificate.",
		"A full replacement; the enterprise cannot change. If-Match must carry the ETag of the version being replaced.").
		params(id, paramRef("If-Match")).body("CertificateInput", "The whole certificate.").
		answer(http.StatusOK, "The certificate as stored, with its new version.", "Certificate", "ETag").
		problems(st400, st403, st404, st409, st412, st413, st415, st422, st428))
	add("GET", "/api/v1/certificates", newOperation("listExpiringCertificates", "pembinaan", "Certificates about to expire.",
		"Certificates of live enterprises the user may see that expire from today up to expires_before, soonest first, with the enterprise's name and desa.").
		params(queryParams(expiry)...).
		answer(http.StatusOK, "One page.", "CertificatePage").problems(st400, st422))
	add("GET", "/api/v1/enterprises/{id}/milestones", newOperation("listMilestones", "pembinaan", "Outcome milestones of an enterprise.",
		"Newest first, all of them.").
		params(id).answer(http.StatusOK, "The milestones.", "MilestoneList").problems(st404))
	add("POST", "/api/v1/enterprises/{id}/milestones", newOperation("recordMilestone", "pembinaan", "Record an outcome milestone.",
		"uuid is made by the client: sending a milestone whose uuid is stored already answers 200 with the stored milestone and stores nothing, "+
			"so an offline client may send again safely. 409 when the uuid belongs to another enterprise's milestone, or the enterprise is archived.").
		params(id).body("MilestoneInput", "The milestone.").
		answer(http.StatusCreated, "The milestone as stored.", "Milestone").
		answer(http.StatusOK, "The milestone stored before under the same uuid.", "Milestone").
		problems(st400, st403, st404, st409, st413, st415, st422))
}

// certificateSchemas adds the component schemas of certificates and
// milestones.
func certificateSchemas(out schema) {
	for _, v := range []variant{answer, input} {
		name := "Certificate"
		if v == input {
			name += "Input"
		}
		optionalID := func(d string) schema {
			return describe(schema{"type": []string{"integer", "null"}, "format": "int64"}, d)
		}
		members := []member{
			{"id", readOnly(id64(""))},
			{"enterprise_id", readOnly(id64("The enterprise, from the path."))},
			{"kind", v.enum(coaching.CertificateKinds, never, "")},
			{"number", str("The number; answers carry its normal form.")},
			{"issued_on", v.date("Issue date; not in the future.")},
			{"expires_on", v.date("Expiry; null for none (NIB, halal since UU 6/2023). Not before issued_on.")},
			{"issuer", str("")},
			{"status", v.enum(coaching.CertificateStatuses, always, "Trademarks only: the stage at DJKI, derived from the number when left empty.")},
			{"route", v.enum(coaching.HalalRoutes, always, "Halal only: the route.")},
			{"programme_id", optionalID("The programme that facilitated it.")},
			{"document_id", optionalID("The attachment holding the document.")},
			{"notes", str("")},
			{"version", readOnly(integer("Raised by every change; the ETag."))},
			{"created_at", readOnly(timestamp(""))},
			{"updated_at", readOnly(timestamp(""))},
		}
		s := v.object("A certificate or licence of an enterprise.", members...)
		// The enterprise's name and desa come with the expiry list only.
		s["properties"].(schema)["enterprise_name"] = readOnly(str("In the expiry list: the enterprise's name."))
		s["properties"].(schema)["village_code"] = readOnly(str("In the expiry list: the enterprise's desa."))
		out[name] = s

		name = "Milestone"
		if v == input {
			name += "Input"
		}
		out[name] = v.object("A dated outcome of an enterprise, with who recorded it.",
			member{"id", readOnly(id64(""))},
			member{"uuid", describe(schema{"type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"}, "Made by the client; the same uuid is stored once.")},
			member{"enterprise_id", readOnly(id64("The enterprise, from the path."))},
			member{"kind", v.enum(coaching.MilestoneKinds, never, "")},
			member{"date", v.date("When it happened; not in the future.")},
			member{"amount", money("Sales after the change (sales_changed) or the amount financed (financing_obtained).")},
			member{"amount_before", money("Sales before the change (sales_changed).")},
			member{"jobs", count("Jobs created or kept.")},
			member{"financing_source", v.enum(coaching.FinancingSources, always, "financing_obtained only.")},
			member{"bank", str("financing_obtained only: the bank or lender.")},
			member{"market", v.enum(coaching.Markets, always, "new_market only.")},
			member{"digital", v.object("digital_adoption only: the channels observed.",
				member{"social", boolean("")}, member{"marketplace", boolean("")}, member{"qris", boolean("")}, member{"website", boolean("")})},
			member{"baseline", boolean("digital_adoption only: the first observation, that later ones are compared with.")},
			member{"certificate_id", optionalID("certificate_obtained: the certificate.")},
			member{"programme_id", optionalID("The programme the outcome is attributed to.")},
			member{"recorded_by", readOnly(str("Who recorded it."))},
			member{"owner_confirmed", boolean("The owner confirmed it.")},
			member{"notes", str("")},
			member{"created_at", readOnly(timestamp(""))},
		)
	}
	v := answer
	out["CertificateList"] = v.object("The certificates of an enterprise.",
		member{"items", schema{"type": "array", "items": ref("Certificate")}}, member{"total", count("")})
	out["MilestoneList"] = v.object("The milestones of an enterprise.",
		member{"items", schema{"type": "array", "items": ref("Milestone")}}, member{"total", count("")})
}
