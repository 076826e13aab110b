package api

import (
	"bina/imports"
	"context"
	"errors"
	"net/http"
	"slices"

	"bina"
)

// The duplicate check of POST /api/v1/enterprises (docs/search.md): the
// same rules and candidates as an import (EnterpriseDuplicates). A body
// that resembles stored records is answered 409 with them, unless the
// query carries confirmDuplicatesParam=true.

// confirmDuplicatesParam is the query parameter that saves anyway.
const confirmDuplicatesParam = "confirm_duplicates"

// duplicatesError is the Conflict of a body resembling stored records;
// the problem lists them (Error).
type duplicatesError struct {
	err   *bina.Error
	found []bina.PossibleDuplicate
}

func (e *duplicatesError) Error() string { return e.err.Error() }
func (e *duplicatesError) Unwrap() error { return e.err }

// duplicateProblem is the problem of a duplicatesError.
type duplicateProblem struct {
	problem
	Duplicates []bina.PossibleDuplicate `json:"duplicates"`
}

// problemBody returns the body of the problem p of err: p itself, or with
// the records err found resembling.
func problemBody(p problem, err error) any {
	var de *duplicatesError
	if errors.As(err, &de) {
		return duplicateProblem{problem: p, Duplicates: de.found}
	}
	return p
}

// checkedCreate returns create preceded, unless r confirms, by the
// validation and the duplicate check of the enterprise.
func (h *Handler) checkedCreate(r *http.Request, create func(context.Context, *bina.Enterprise) error) (func(context.Context, *bina.Enterprise) error, error) {
	switch r.URL.Query().Get(confirmDuplicatesParam) {
	case "true", "ya":
		return create, nil
	case "", "false", "tidak":
	default:
		return nil, badRequest(&bina.Error{Code: bina.Invalid, Message: bina.Text{ID: "Parameter tidak dikenal", EN: "Unknown parameter value"},
			Fields: []bina.FieldError{{Field: confirmDuplicatesParam, Message: bina.Text{ID: "Tulis true atau false", EN: "Write true or false"}}}})
	}
	return func(ctx context.Context, e *bina.Enterprise) error {
		x := *e
		x.Normalize()
		if err := x.Validate(h.ref); err != nil {
			return err
		}
		found, err := h.enterprises.EnterpriseDuplicates(ctx, e)
		if err != nil {
			return err
		}
		if len(found) > 0 {
			return &duplicatesError{err: bina.Errorf(bina.Conflict,
				"Usaha ini mungkin sudah terdaftar (lihat duplicates); kirim lagi dengan %s=true bila memang usaha lain.",
				"This business may already be registered (see duplicates); send again with %s=true if it is another business.", confirmDuplicatesParam), found: found}
		}
		return create(ctx, e)
	}, nil
}

// confirmDuplicatesDoc documents confirmDuplicatesParam.
func confirmDuplicatesDoc() schema {
	return schema{"name": confirmDuplicatesParam, "in": "query", "required": false,
		"description": "true stores the enterprise even when it resembles stored ones (after a 409 that listed them); ya is accepted too.",
		"schema":      schema{"type": "string", "enum": []string{"true", "false", "ya", "tidak"}}}
}

// duplicatesAnswer documents the 409 of a body resembling stored records.
func (o operation) duplicatesAnswer() operation {
	o["responses"].(schema)["409"] = schema{
		"description": "The enterprise resembles live ones, listed in duplicates; nothing was stored. Send again with " + confirmDuplicatesParam + "=true to store it anyway.",
		"content":     schema{"application/problem+json": schema{"schema": ref("DuplicateProblem")}},
	}
	return o
}

// duplicateSchemas adds the schemas of the 409 of a likely duplicate: the
// problem, whose members it copies from problem, with duplicates.
func duplicateSchemas(out schema, problem schema) {
	props := schema{}
	for k, v := range problem["properties"].(schema) {
		props[k] = v
	}
	props["duplicates"] = schema{"type": "array", "items": ref("PossibleDuplicate"),
		"description": "The live enterprises of the user's region the body resembles, the likeliest first."}
	out["DuplicateProblem"] = schema{
		"type":        "object",
		"description": "A conflict problem listing the enterprises a new one resembles.",
		"required":    append(slices.Clone(problem["required"].([]string)), "duplicates"),
		"properties":  props,
	}
	out["PossibleDuplicate"] = schema{
		"type":     "object",
		"required": []string{"id", "name", "village_code", "rule", "reason"},
		"properties": schema{
			"id":           schema{"type": "integer", "format": "int64"},
			"name":         schema{"type": "string"},
			"village_code": schema{"type": "string", "description": "Kemendagri desa code."},
			"rule": schema{"type": "string", "enum": []string{imports.DuplicateNIB, imports.DuplicateNIKName, imports.DuplicateNameVillage},
				"description": "nib: the same NIB; nik_name: the same owner NIK and a similar name; name_village: a similar name and owner in the same desa."},
			"reason": schema{"type": "object", "description": "Why, in Indonesian (id) and English (en).", "required": []string{"id", "en"},
				"properties": schema{"id": schema{"type": "string"}, "en": schema{"type": "string"}}},
		},
	}
}
