package api

import (
	"bina/supervision"
	"net/http"

	"bina"
)

// reportOperations adds the annual reports' paths to the document.
func reportOperations(add func(method, path string, o operation)) {
	const (
		tag   = "reports"
		st400 = http.StatusBadRequest
		st403 = http.StatusForbidden
		st404 = http.StatusNotFound
		st409 = http.StatusConflict
		st412 = http.StatusPreconditionFailed
		st413 = http.StatusRequestEntityTooLarge
		st415 = http.StatusUnsupportedMediaType
		st422 = http.StatusUnprocessableEntity
	)
	id, year := paramRef("id"), paramRef("year")
	base := "/api/v1/cooperatives/{id}/reports"
	pathInt := func(name, description string) schema {
		return schema{"name": name, "in": "path", "required": true, "description": description, "schema": schema{"type": "integer", "format": "int64", "minimum": 1}}
	}
	add("GET", base, newOperation("listAnnualReports", tag, "A cooperative's annual reports.",
		"The newest version of each book year's report, newest year first, each with its problems.").
		params(id).answer(http.StatusOK, "The reports.", "AnnualReportList").problems(st404))
	add("GET", base+"/{year}", newOperation("getAnnualReport", tag, "The annual report of one book year.",
		"The newest version, with its state and problems (KOPERASI.md A.10: errors block submission, warnings are shown to the supervisor). "+
			"The ETag is the report's revision.").
		params(id, year).answer(http.StatusOK, "The report.", "AnnualReport", "ETag").problems(st404))
	add("PUT", base+"/{year}", newOperation("saveAnnualReport", tag, "Create or replace the draft of a book year's report.",
		"The body holds jenis, pola, the statements neraca, phu, kolektibilitas, schedules and members keyed by the line codes of KOPERASI.md "+
			"(amounts in whole rupiah, counts of people as numbers), and shu_distribution. Derived lines (totals) may be left out: they are computed; "+
			"when given they are checked. An unknown code, a negative amount (other than a loss), an unknown jenis or pola, loan lines in a general (UMUM) "+
			"report or a RAT date before the book year ends or in the future is refused (422) and nothing is stored. Other problems "+
			"(a balance sheet that does not balance, loan buckets that do not add up …) are kept in the draft and answered in problems: they block submission. "+
			"A submitted or accepted report cannot be changed (409): an accepted one is corrected with POST …/correction. If-Match is optional; "+
			"when sent, a stale ETag is 412. The path's year wins: a body naming another book year is 422.").
		params(id, year, schema{"name": "If-Match", "in": "header", "required": false, "description": "The ETag of the revision being replaced (optional).", "schema": schema{"type": "string"}}).
		body("AnnualReportInput", "The whole report.").
		answer(http.StatusOK, "The report as stored, with its problems.", "AnnualReport", "ETag").
		problems(st400, st403, st404, st409, st412, st413, st415, st422))
	add("POST", base+"/{year}/submit", newOperation("submitAnnualReport", tag, "Submit a report to the office.",
		"A draft or returned report without error-level problems becomes submitted (422 lists the errors otherwise; 409 when it is already submitted or accepted, "+
			"so of two submissions at once one succeeds and the other is 409). The cooperative's RAT record of the year follows the report's figures.").
		params(id, year).answer(http.StatusOK, "The submitted report.", "AnnualReport", "ETag").problems(st403, st404, st409, st422))
	add("POST", base+"/{year}/accept", newOperation("acceptAnnualReport", tag, "Accept a submitted report (office staff).",
		"The report is locked; a correction is a new version. The RAT record of the year follows the report. 409 unless submitted.").
		params(id, year).answer(http.StatusOK, "The accepted report.", "AnnualReport", "ETag").problems(st403, st404, st409))
	add("POST", base+"/{year}/return", newOperation("returnAnnualReport", tag, "Return a submitted report with a note (office staff).",
		"The note, required, says what to mend; the board can change the report and submit it again. 409 unless submitted.").
		params(id, year).body("ReportNote", "What to mend.").
		answer(http.StatusOK, "The returned report.", "AnnualReport", "ETag").problems(st400, st403, st404, st409, st413, st415, st422))
	correction := newOperation("correctAnnualReport", tag, "Start a correction of an accepted report.",
		"Makes the next version as a draft with the same figures; the accepted version stays as it was (GET …/versions/{version}). "+
			"The body, with an optional note, may be left out. 409 unless the newest version is accepted.").
		params(id, year).body("ReportNote", "Why the report is corrected (optional).").
		answer(http.StatusOK, "The new version.", "AnnualReport", "ETag").problems(st400, st403, st404, st409, st413, st415, st422)
	correction["requestBody"].(schema)["required"] = false
	add("POST", base+"/{year}/correction", correction)
	add("GET", base+"/{year}/versions/{version}", newOperation("getAnnualReportVersion", tag, "One version of a report.", "").
		params(id, year, pathInt("version", "The report's version: 1, and one more for each correction.")).
		answer(http.StatusOK, "The version.", "AnnualReport", "ETag").problems(st404))
	add("GET", base+"/{year}/history", newOperation("annualReportHistory", tag, "The steps of a report.",
		"Every save, state change, document and correction of every version, oldest first, with who, when and the note.").
		params(id, year).answer(http.StatusOK, "The steps.", "ReportEventList").problems(st404))
	add("GET", base+"/{year}/attachments", newOperation("listReportAttachments", tag, "The documents of a report.",
		"RAT minutes, attendance lists, signed statements of every version, without their data.").
		params(id, year).answer(http.StatusOK, "The documents.", "ReportAttachmentList").problems(st404))
	upload := newOperation("uploadReportAttachment", tag, "Add a document to a report.",
		"multipart/form-data with the file in the field file and its kind in kind. Only whole PDF, JPEG and PNG files of at most 10 MB, checked by their bytes: "+
			"an empty file, a larger one, or one that is not what it claims is 422. 409 when the report is accepted (start a correction).").
		params(id, year).
		answer(http.StatusCreated, "The document as stored, without its data.", "ReportAttachment", "Location").
		problems(st400, st403, st404, st409, st413, st415, st422)
	upload["requestBody"] = schema{"required": true, "content": schema{
		"multipart/form-data": schema{"schema": schema{"type": "object", "required": []string{"file", "kind"}, "properties": schema{
			"file": schema{"type": "string", "contentMediaType": "application/octet-stream", "description": "The document."},
			"kind": enumSchema(supervision.ReportAttachmentKinds, false, ""),
		}}},
	}}
	add("POST", base+"/{year}/attachments", upload)
	get := newOperation("getReportAttachment", tag, "A document's data.",
		"Always served as a download (Content-Disposition: attachment), never shown inside Bina.").
		params(id, year, pathInt("attachment", "The document's id.")).problems(st404)
	content := schema{}
	for _, t := range []string{supervision.TypePDF, bina.TypeJPEG, bina.TypePNG} {
		content[t] = schema{"schema": schema{"type": "string", "contentMediaType": t}}
	}
	get["responses"].(schema)["200"] = schema{"description": "The data.", "content": content,
		"headers": schema{"Content-Disposition": schema{"required": true, "description": `attachment; filename="notulen.pdf"`, "schema": schema{"type": "string"}}}}
	add("GET", base+"/{year}/attachments/{attachment}", get)
}

// lineMembers documents the lines of one statement: each code an integer,
// rupiah or a count.
func lineMembers(lines []supervision.LineItem, v variant) schema {
	props := schema{}
	for _, l := range lines {
		d := l.Label.EN + " (" + l.Label.ID + ")."
		switch {
		case l.Derived:
			d += " Derived: computed when left out, checked when given."
		case l.SavingsLoan:
			d += " Savings-and-loan reports only."
		}
		s := schema{"type": "integer", "format": "int64", "description": d}
		if l.Count {
			s["description"] = d + " A count."
		} else {
			s["description"] = d + " Whole rupiah."
		}
		if !l.MayBeNegative {
			s["minimum"] = 0
		}
		props[l.Code] = s
	}
	out := schema{"type": "object", "properties": props, "additionalProperties": false}
	if v == answer {
		out["description"] = "The lines filled in, keyed by their code; derived lines are always present."
	}
	return out
}

// reportSchemas adds the annual reports' component schemas.
func reportSchemas(out schema) {
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
		nullTime := func(d string) schema {
			return ro(describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, d))
		}
		out["SHUShare"+suffix] = v.object("One post of the SHU distribution the RAT decided (KOPERASI.md A.7).",
			member{"pos", v.enum(supervision.SHUPosts, never, "")},
			member{"persen", describe(schema{"type": "number", "minimum": 0, "maximum": 100}, "Percent of the SHU after tax; the posts add up to 100.")},
			member{"nominal", money("The amount; the posts add up to the SHU after tax.")},
		)
		members := []member{
			{"id", ro(id64(""))},
			{"cooperative_id", ro(id64("The path's cooperative."))},
			{"book_year", describe(schema{"type": "integer", "minimum": 1950, "maximum": 9999}, "The path's year; may be left out.")},
			{"version", ro(count("1, and one more for each correction after acceptance."))},
			{"state", ro(v.enum(supervision.ReportStates, always, ""))},
			{"revision", ro(count("Rises with every change of this version; the ETag."))},
			{"source", ro(v.enum(supervision.ReportSources, always, ""))},
			{"jenis", v.enum(supervision.ReportJenises, never, "Savings-and-loan kinds carry the loan buckets and schedules; UMUM the general statements only.")},
			{"pola", v.enum(supervision.ReportPolas, onInput, "Default konvensional.")},
			{"kuk", describe(schema{"type": "integer", "minimum": 0, "maximum": 4}, "Klasifikasi Usaha Koperasi 1–4; 0 unknown.")},
			{"rat_held_on", v.date("The RAT that approved the report: after the book year ends, not in the future.")},
			{"members_present", count("Members present at the RAT.")},
			{"decisions", describe(schema{"type": "string", "maxLength": 4000}, "The RAT's decisions.")},
			{"neraca", lineMembers(supervision.NeracaLines, v)},
			{"phu", lineMembers(supervision.PHULines, v)},
			{"kolektibilitas", lineMembers(supervision.KolektibilitasLines, v)},
			{"schedules", lineMembers(supervision.ScheduleLines, v)},
			{"members", lineMembers(supervision.MemberLines, v)},
			{"shu_distribution", array(v.ref("SHUShare"), "")},
			{"return_note", ro(str("The office's note when it returned the report."))},
			{"submitted_at", nullTime("")},
			{"submitted_by", ro(str(""))},
			{"accepted_at", nullTime("")},
			{"accepted_by", ro(str(""))},
			{"created_at", ro(timestamp(""))},
			{"updated_at", ro(timestamp(""))},
			{"updated_by", ro(str(""))},
			{"problems", ro(array(ref("ReportProblem"), "The findings of the checks; errors block submission."))},
		}
		out["AnnualReport"+suffix] = v.object("A cooperative's annual report for one book year (KOPERASI.md section A).", members...)
	}
	v := answer
	out["ReportProblem"] = v.object("One finding of the report's checks.",
		member{"code", str("What was found, such as neraca_tidak_seimbang.")},
		member{"severity", schema{"type": "string", "enum": []string{supervision.SeverityError, supervision.SeverityWarning}}},
		member{"field", str("The line or member concerned, such as neraca.total_aset.")},
		member{"message", str("In Indonesian, saying where the difference is.")},
		member{"message_en", str("In English.")},
	)
	out["ReportEvent"] = v.object("One step of a report.",
		member{"version", count("")},
		member{"action", v.enum(supervision.ReportActions, never, "")},
		member{"from", nullableEnum(supervision.ReportStates, "Null for a version's first step.")},
		member{"to", v.enum(supervision.ReportStates, always, "")},
		member{"note", str("")},
		member{"by", str("")},
		member{"at", timestamp("")},
	)
	out["ReportAttachment"] = v.object("A document kept with a report; its data is at …/attachments/{attachment}.",
		member{"id", id64("")},
		member{"cooperative_id", id64("")},
		member{"book_year", count("")},
		member{"version", count("The report version it was added to.")},
		member{"kind", v.enum(supervision.ReportAttachmentKinds, never, "")},
		member{"file_name", str("")},
		member{"content_type", schema{"type": "string", "enum": []string{supervision.TypePDF, bina.TypeJPEG, bina.TypePNG}}},
		member{"size", describe(schema{"type": "integer", "format": "int64", "minimum": 1}, "Bytes.")},
		member{"sha256", describe(schema{"type": "string", "pattern": "^[0-9a-f]{64}$"}, "")},
		member{"created_at", timestamp("")},
		member{"created_by", str("")},
	)
	out["ReportNote"] = input.object("A note.", member{"note", describe(schema{"type": "string", "maxLength": 2000}, "")})
	list := func(item, description string) schema {
		return v.object(description, member{"items", schema{"type": "array", "items": ref(item)}})
	}
	out["AnnualReportList"] = list("AnnualReport", "Reports.")
	out["ReportEventList"] = list("ReportEvent", "Steps, oldest first.")
	out["ReportAttachmentList"] = list("ReportAttachment", "Documents, oldest first.")
}
