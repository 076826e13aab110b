package api

import (
	"bina/imports"
	"net/http"

	"bina"
)

// importAnswer is an import with its progress.
type importAnswer struct {
	*imports.Job
	Progress int `json:"progress"`
}

// GetImport answers one import: its state, progress and counts. The
// import page polls it for its progress bar; scripts that upload through
// the pages may poll it too. Imports are for users who may change the
// register.
func (h *Handler) GetImport(w http.ResponseWriter, r *http.Request) {
	if h.imports == nil {
		h.Error(w, r, errNotFound())
		return
	}
	if !bina.UserFromContext(r.Context()).CanEdit() {
		h.Error(w, r, bina.Errorf(bina.Forbidden, "Impor hanya untuk pengguna yang dapat mengubah data.", "Imports are for users who may change the register."))
		return
	}
	id, ok := pathID(r, "id")
	if !ok {
		h.Error(w, r, errNotFound())
		return
	}
	j, err := h.imports.FindImport(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, importAnswer{Job: j, Progress: j.Progress()})
}

// importOperations documents the import routes.
func importOperations(add func(method, path string, o operation)) {
	add("GET", "/api/v1/imports/{id}", newOperation("getImport", "imports", "One import's state and progress.",
		"Imports are uploaded and started on the import pages (/impor); a worker runs them in the background. "+
			"Poll this while state is queued or running. 403 for viewers.").
		params(paramRef("id")).
		answer(http.StatusOK, "The import.", "Import").problems(http.StatusForbidden, http.StatusNotFound))
}

// importSchemas adds the import's component schemas.
func importSchemas(out schema) {
	v := answer
	out["ImportCounts"] = v.object("Rows of an import by outcome.",
		member{"created", count("New records.")},
		member{"updated", count("Records updated from the file.")},
		member{"unchanged", count("Records the file already matched.")},
		member{"rejected", count("Rows not written; the report says why.")},
		member{"review", count("Rows waiting in the review queue.")},
	)
	out["Import"] = v.object("An uploaded file and what became of it.",
		member{"id", id64("")},
		member{"entity", schema{"type": "string", "enum": []bina.Entity{bina.EntityEnterprise, bina.EntityCooperative, imports.EntityAttendance, imports.EntityAnnualReport}}},
		member{"file_name", str("")},
		member{"format", schema{"type": "string", "enum": []string{"xlsx", "ods", "csv"}}},
		member{"size", describe(schema{"type": "integer", "format": "int64", "minimum": 0}, "Bytes.")},
		member{"template", str(`"bina", "sidt", "koperasi", a saved mapping's name, or empty.`)},
		member{"header_row", describe(schema{"type": "integer", "minimum": 0}, "0-based index of the header row in the file.")},
		member{"header", array(schema{"type": "string"}, "The header row's cells.")},
		member{"mapping", describe(schema{"type": []string{"object", "null"}, "additionalProperties": schema{"type": "string"}},
			"Column index (as a string) to field; null until the mapping is set.")},
		member{"source", v.enum(bina.Sources, always, "Provenance written on the records.")},
		member{"dry_run", boolean("Checked and reported only; nothing written.")},
		member{"scope", describe(schema{"type": "string", "pattern": `^$|` + regionPattern}, "The region the author may write in; rows placed outside it are rejected.")},
		member{"state", v.enum(imports.States, never, "")},
		member{"total", count("Data rows, once counted; 0 while unknown.")},
		member{"done", count("Data rows processed and committed.")},
		member{"progress", describe(schema{"type": "integer", "minimum": 0, "maximum": 100}, "Percent done.")},
		member{"counts", ref("ImportCounts")},
		member{"error", v.object("Why a failed import stopped, in Indonesian and English; empty otherwise.",
			member{"id", str("")}, member{"en", str("")})},
		member{"created_by", str("")},
		member{"created_at", timestamp("")},
		member{"started_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "")},
		member{"finished_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "")},
		member{"heartbeat_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "The last sign of life of the run, if one ran; a running import silent for two minutes counts as stopped.")},
		member{"file_deleted_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "When the uploaded file was deleted, a retention period after the import ended; null while it is kept.")},
		member{"programme_id", describe(schema{"type": "integer", "format": "int64", "minimum": 0}, "The programme an attendance sheet (entity attendance) enrols its people in; 0 for other imports.")},
		member{"activity_id", describe(schema{"type": "integer", "format": "int64", "minimum": 0}, "The programme's activity whose first day is the day of rows without one; 0 for none.")},
		member{"first_load", boolean("A first load that has not ended: a large import into an empty register, which builds the list indexes, search and counts again when it ends. Until then lists are slower, and search and counts leave its records out.")},
	)
}
