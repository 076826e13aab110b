package api

import (
	"bina/coaching"
	"net/http"

	"bina"
)

// coachingOperations adds the coaching ledger's paths to the document.
func (h *Handler) coachingOperations(add func(method, path string, o operation)) {
	const (
		st400 = http.StatusBadRequest
		st403 = http.StatusForbidden
		st404 = http.StatusNotFound
		st409 = http.StatusConflict
		st413 = http.StatusRequestEntityTooLarge
		st415 = http.StatusUnsupportedMediaType
		st422 = http.StatusUnprocessableEntity
	)
	id := paramRef("id")
	add("GET", "/api/v1/coaching-sessions", newOperation("listCoachingSessions", "coaching", "List coaching sessions, newest first.",
		"Sessions with the enterprises the user may see, with their follow-ups (photos are null here: read one session for them).").
		params(queryParams(coachingParams(h.ref))...).
		answer(http.StatusOK, "One page.", "CoachingSessionPage").problems(st400, st422))
	add("POST", "/api/v1/coaching-sessions", newOperation("recordCoachingSession", "coaching", "Record a coaching session.",
		"The uuid is made by the client. Posting a uuid already stored with the same content answers the stored session with 200 and stores nothing new "+
			"(a follow-up marked done since still counts as the same); a different content under a stored uuid is 409. "+
			"A session dated in the future, a follow-up due before its session, an unknown mode or topic, or a duration outside "+
			"5 to 720 minutes is 422. The officer is the user who records it.").
		body("CoachingSessionInput", "The session.").
		answer(http.StatusCreated, "The session as stored.", "CoachingSession", "Location", "ETag").
		answer(http.StatusOK, "The session already stored under this uuid.", "CoachingSession", "ETag").
		problems(st400, st403, st404, st409, st413, st415, st422))
	add("GET", "/api/v1/coaching-sessions/{id}", newOperation("getCoachingSession", "coaching", "One coaching session with its follow-ups and photos.", "").
		params(id).answer(http.StatusOK, "The session.", "CoachingSession", "ETag").problems(st404))
	photo := newOperation("uploadSessionPhoto", "coaching", "Add a photo to a coaching session.",
		"Either a multipart/form-data form with the image in the field photo (and optional uuid and caption fields), or the image itself as the body "+
			"with its Content-Type and the uuid in the "+AttachmentUUIDHeader+" header. Only real JPEG, PNG and WebP images of at most 5 MB: "+
			"an empty file, a larger one, or one whose bytes are not the image type it claims is 422. The same uuid with the same file is stored once (200).").
		params(id, schema{"name": AttachmentUUIDHeader, "in": "header", "required": false,
			"description": "The photo's uuid, made by the client, for a raw body.", "schema": schema{"type": "string", "format": "uuid"}}).
		answer(http.StatusCreated, "The photo as stored, without its data.", "Attachment", "Location").
		answer(http.StatusOK, "The photo already stored under this uuid.", "Attachment").
		problems(st400, st403, st404, st409, st413, st422)
	binary := schema{"type": "string", "contentMediaType": "application/octet-stream"}
	photo["requestBody"] = schema{"required": true, "content": schema{
		"multipart/form-data": schema{"schema": schema{"type": "object", "required": []string{"photo"}, "properties": schema{
			"photo":   schema{"type": "string", "contentMediaType": "application/octet-stream", "description": "The image file."},
			"uuid":    schema{"type": "string", "format": "uuid"},
			"caption": schema{"type": "string", "maxLength": 500},
		}}},
		bina.TypeJPEG: schema{"schema": binary},
		bina.TypePNG:  schema{"schema": binary},
		bina.TypeWebP: schema{"schema": binary},
	}}
	add("POST", "/api/v1/coaching-sessions/{id}/photos", photo)
	get := newOperation("getAttachment", "coaching", "An attachment's data.",
		"The image or document as stored, for users who may see its enterprise.").
		params(id).problems(st404)
	content := schema{}
	for _, t := range []string{bina.TypeJPEG, bina.TypePNG, bina.TypeWebP} {
		content[t] = schema{"schema": schema{"type": "string", "contentMediaType": t}}
	}
	get["responses"].(schema)["200"] = schema{"description": "The data.", "content": content}
	add("GET", "/api/v1/attachments/{id}", get)
}

// coachingSchemas adds the coaching ledger's component schemas.
func coachingSchemas(out schema) {
	for _, v := range []variant{answer, input} {
		suffix := ""
		if v == input {
			suffix = "Input"
		}
		ro := func(s schema) schema {
			if v == input {
				return readOnly(s)
			}
			return s
		}
		out["FollowUp"+suffix] = v.object("A task agreed in a session, with the day it is due and the day it was done.",
			member{"id", ro(id64(""))},
			member{"task", describe(schema{"type": "string", "maxLength": 500}, "")},
			member{"due_on", v.date("Not before the session.")},
			member{"done_on", v.date("Null while open.")},
		)
		out["CoachingSession"+suffix] = v.object("A coaching session (sesi pendampingan) with a business.",
			member{"id", ro(id64(""))},
			member{"uuid", describe(schema{"type": "string", "format": "uuid"}, "Made by the client; the same uuid is stored once.")},
			member{"enterprise_id", id64("")},
			member{"enterprise_name", ro(str(""))},
			member{"village_code", ro(str("The enterprise's desa."))},
			member{"officer_id", ro(id64("The user who recorded it; 0 for the system."))},
			member{"officer", ro(str("Their name."))},
			member{"date", v.date("The day of the session; not in the future.")},
			member{"mode", v.enum(coaching.CoachingModes, never, "")},
			member{"duration_minutes", describe(schema{"type": "integer", "minimum": coaching.MinSessionMinutes, "maximum": coaching.MaxSessionMinutes}, "")},
			member{"topics", array(enumSchema(coaching.CoachingTopics, false, ""), "")},
			member{"advice", describe(schema{"type": "string", "maxLength": 4000}, "What was advised.")},
			member{"notes", describe(schema{"type": "string", "maxLength": 4000}, "")},
			member{"follow_ups", array(v.ref("FollowUp"), "")},
			member{"next_visit_on", v.date("After the session.")},
			member{"programme_id", describe(schema{"type": []string{"integer", "null"}, "format": "int64"}, "The programme the session belongs to, if any.")},
			member{"photos", ro(array(ref("Attachment"), "The photos, without their data (GET /api/v1/attachments/{id})."))},
			member{"created_at", ro(timestamp(""))},
			member{"updated_at", ro(timestamp(""))},
			member{"version", ro(integer(""))},
		)
	}
	v := answer
	out["Attachment"] = v.object("A photo or document kept with a record; its data is at /api/v1/attachments/{id}.",
		member{"id", id64("")},
		member{"uuid", describe(schema{"type": "string", "format": "uuid"}, "")},
		member{"enterprise_id", id64("")},
		member{"owner_kind", v.enum(bina.AttachmentOwners, never, "")},
		member{"owner_id", id64("")},
		member{"content_type", schema{"type": "string", "enum": []string{bina.TypeJPEG, bina.TypePNG, bina.TypeWebP}}},
		member{"size", describe(schema{"type": "integer", "format": "int64", "minimum": 1}, "Bytes.")},
		member{"sha256", describe(schema{"type": "string", "pattern": "^[0-9a-f]{64}$"}, "")},
		member{"caption", str("")},
		member{"created_at", timestamp("")},
		member{"created_by", str("")},
	)
}
