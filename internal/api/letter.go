package api

import (
	"net/http"
	"strconv"

	"bina"
	"bina/coaching"
	"bina/internal/pdf"
)

// letterRequest is the body of an issue call: what the letter is for and,
// for a trademark, the one mark it covers. The rest comes from the
// enterprise and the letter settings.
type letterRequest struct {
	Purpose     string    `json:"purpose"`
	PurposeNote string    `json:"purpose_note"`
	MarkName    string    `json:"mark_name"`
	MarkGoods   string    `json:"mark_goods"`
	MarkClasses []int     `json:"mark_classes"`
	ValidUntil  bina.Date `json:"valid_until"`
	Basis       []string  `json:"basis"`
}

// revokeRequest is the body of a revoke call.
type revokeRequest struct {
	Reason string `json:"reason"`
}

// publicBase is the address the verification links start with: the
// configured public URL, or the scheme and host the request came to.
func publicBase(r *http.Request, configured string) string {
	if configured != "" {
		return configured
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// IssueLetter issues a Surat Keterangan UMK Binaan for the enterprise in
// the path: 201 with the letter, its number and verify_url.
func (h *Handler) IssueLetter(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.letters == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var req letterRequest
	if err := decode(r, &req); err != nil {
		h.Error(w, r, err)
		return
	}
	l := coaching.Letter{EnterpriseID: id, Purpose: req.Purpose, PurposeNote: req.PurposeNote, MarkName: req.MarkName,
		MarkGoods: req.MarkGoods, MarkClasses: req.MarkClasses, ValidUntil: req.ValidUntil, Basis: req.Basis}
	if err := h.letters.IssueLetter(r.Context(), &l, publicBase(r, h.publicURL), pdf.Letter); err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/letters/"+strconv.FormatInt(l.ID, 10))
	h.writeJSON(w, r, http.StatusCreated, &l)
}

// ListLetters answers the letters of the enterprise in the path.
func (h *Handler) ListLetters(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.letters == nil {
		h.Error(w, r, errNotFound())
		return
	}
	ls, err := h.letters.ListLetters(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, listOf(r, bina.Page[coaching.Letter]{Items: ls, Total: len(ls)}))
}

// findLetter reads the letter named in the path.
func (h *Handler) findLetter(r *http.Request) (*coaching.Letter, error) {
	id, ok := pathID(r, "id")
	if !ok || h.letters == nil {
		return nil, errNotFound()
	}
	return h.letters.FindLetter(r.Context(), id)
}

// GetLetter answers one letter.
func (h *Handler) GetLetter(w http.ResponseWriter, r *http.Request) {
	l, err := h.findLetter(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, l)
}

// LetterPDF answers the letter as its PDF, rendered again from what was
// kept at issue. A render whose SHA-256 differs from the one kept (a new
// PDF library version) is still served, and logged.
func (h *Handler) LetterPDF(w http.ResponseWriter, r *http.Request) {
	l, err := h.findLetter(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	b, same, err := pdf.IssuedLetter(l)
	if err != nil {
		h.Error(w, r, bina.Wrap(err, "render letter"))
		return
	}
	if !same {
		h.log.Warn("letter PDF differs from the one issued", "letter", l.ID)
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+pdf.FileName(l)+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

// RevokeLetter revokes the letter in the path with the body's reason.
func (h *Handler) RevokeLetter(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok || h.letters == nil {
		h.Error(w, r, errNotFound())
		return
	}
	var req revokeRequest
	if err := decode(r, &req); err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.letters.RevokeLetter(r.Context(), id, req.Reason); err != nil {
		h.Error(w, r, err)
		return
	}
	h.GetLetter(w, r)
}

// letterOperations documents the letter routes.
func letterOperations(add func(method, path string, o operation)) {
	id := paramRef("id")
	// The answers of a call that writes a letter.
	writes := []int{http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusConflict,
		http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity}
	add("POST", "/api/v1/enterprises/{id}/letters", newOperation("issueLetter", "letters", "Issue a Surat Keterangan UMK Binaan.",
		"Only for a live micro or small business that is binaan (422 otherwise, and when an admin has not saved the letter settings). "+
			"The number comes from the settings' pattern and a per-year counter with no gaps; a trademark letter (merek_djki) covers one mark "+
			"and is valid to 31 December; a second valid letter for the same mark in a year is refused (409). "+
			"verify_url is the public verification page printed as a QR code on the PDF.").
		params(id).body("LetterInput", "What the letter is for.").
		answer(201, "The letter as issued.", "Letter", "Location").
		problems(writes...))
	add("GET", "/api/v1/enterprises/{id}/letters", newOperation("listLetters", "letters", "The letters of an enterprise, newest first.", "").
		params(id).answer(200, "Every letter of the enterprise.", "LetterPage").problems(http.StatusNotFound))
	add("GET", "/api/v1/letters/{id}", newOperation("getLetter", "letters", "One letter.", "").
		params(id).answer(200, "The letter.", "Letter").problems(http.StatusNotFound))
	o := newOperation("getLetterPDF", "letters", "The letter as an A4 PDF.",
		"Rendered again from what was kept at issue: its SHA-256 equals pdf_sha256.").params(id).problems(http.StatusNotFound)
	o["responses"].(schema)["200"] = schema{
		"description": "The PDF, as an attachment.",
		"content":     schema{"application/pdf": schema{"schema": schema{"type": "string", "contentMediaType": "application/pdf"}}},
	}
	add("GET", "/api/v1/letters/{id}/pdf", o)
	add("POST", "/api/v1/letters/{id}/revoke", newOperation("revokeLetter", "letters", "Revoke a letter.",
		"With a reason (422 without); the number stays taken and the verification page says DICABUT. 409 when it is revoked already.").
		params(id).body("RevokeRequest", "Why the letter is revoked.").
		answer(200, "The revoked letter.", "Letter").
		problems(writes...))
}

// letterSchemas adds the letters' component schemas.
func letterSchemas(out schema) {
	v := answer
	obj := func(description string, names ...string) schema {
		ms := make([]member, len(names))
		for i, n := range names {
			ms[i] = member{n, str("")}
		}
		return v.object(description, ms...)
	}
	out["Letter"] = v.object("A Surat Keterangan UMK Binaan as issued; its content never changes.",
		member{"id", id64("")},
		member{"enterprise_id", id64("")},
		member{"number", str("Nomor surat, unique and never reused.")},
		member{"year", integer("")},
		member{"serial", integer("Nomor urut within the year.")},
		member{"purpose", v.enum(coaching.LetterPurposes, never, "")},
		member{"purpose_note", str("")},
		member{"mark_name", str("")},
		member{"mark_goods", str("")},
		member{"mark_classes", array(schema{"type": "integer", "minimum": 1, "maximum": 45}, "Nice classes.")},
		member{"issued_on", v.date("")},
		member{"valid_until", v.date("")},
		member{"signatory", obj("The official who signs.", "name", "nip", "rank", "title")},
		member{"letterhead", obj("The kop surat.", "government", "office", "address", "phone", "email", "website", "city")},
		member{"business", obj("The business as the letter states it; the NIK masked.", "name", "owner_name", "owner_nik", "address", "village", "nib", "kbli", "size")},
		member{"basis", array(schema{"type": "string"}, "The grounds of binaan cited.")},
		member{"status", v.enum(coaching.LetterStatuses, never, "")},
		member{"revoke_reason", str("")},
		member{"revoked_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "Null while valid.")},
		member{"revoked_by", str("")},
		member{"verify_code", str("The opaque code of the public verification page.")},
		member{"verify_url", describe(schema{"type": "string", "format": "uri"}, "The public verification page, as in the QR code.")},
		member{"pdf_sha256", describe(schema{"type": "string", "pattern": "^[0-9a-f]{64}$"}, "SHA-256 of the PDF as issued.")},
		member{"issued_by", str("")},
		member{"created_at", timestamp("")},
	)
	out["LetterInput"] = input.object("What a letter is for.",
		member{"purpose", input.enum(coaching.LetterPurposes, never, "")},
		member{"purpose_note", str("What the letter is for, with purpose lainnya.")},
		member{"mark_name", str("The mark, for merek_djki.")},
		member{"mark_goods", str("Its goods or services.")},
		member{"mark_classes", array(schema{"type": "integer"}, "Its Nice classes, 1-45.")},
		member{"valid_until", input.date("For purposes other than merek_djki; default 31 December.")},
		member{"basis", array(schema{"type": "string"}, "The grounds of binaan to cite; by default up to three lines from the business's records: "+
			"the programmes it attended or completed and its coaching sessions, the most recent first (else the binaan date).")},
	)
	out["LetterInput"].(schema)["required"] = []string{"purpose"}
	out["RevokeRequest"] = schema{
		"type":                 "object",
		"required":             []string{"reason"},
		"additionalProperties": false,
		"properties":           schema{"reason": describe(schema{"type": "string", "minLength": 1}, "Why the letter is revoked.")},
	}
	out["LetterPage"] = schema{
		"type":     "object",
		"required": []string{"items", "total"},
		"properties": schema{
			"items": schema{"type": "array", "items": ref("Letter")},
			"total": count(""),
			"links": schema{"type": "object"},
		},
	}
}
