package api

import (
	"bina/supervision"
	"net/http"

	"bina"
)

// partnerOperations adds the board accounts' paths (issue 12).
func partnerOperations(add func(method, path string, o operation)) {
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
	add("POST", "/api/v1/cooperatives/{id}/invitations", newOperation("createInvitation", "board accounts", "Invite a cooperative's board.",
		"Office staff and administrators only. Makes a one-time link, valid for seven days, with which one person makes an account bound to this cooperative. "+
			"The link is answered this once (only its hash is kept); whatsapp_url opens a chat with the invitee's phone with the link typed in.").
		params(id).body("InvitationInput", "Whom the invitation is for.").
		answer(http.StatusCreated, "The invitation with its link.", "InvitationMade").problems(st400, st403, st404, st413, st415, st422))
	add("GET", "/api/v1/cooperatives/{id}/invitations", newOperation("listInvitations", "board accounts", "A cooperative's invitations, newest first.",
		"Office staff and administrators only.").
		params(id).answer(http.StatusOK, "The invitations.", "InvitationList").problems(st403, st404))
	revoke := newOperation("revokeInvitation", "board accounts", "Revoke an open invitation.",
		"Its link stops working; revoking it again changes nothing. A used invitation is 409: disable its account instead.").
		params(id).problems(st403, st404, st409)
	revoke["responses"].(schema)["204"] = schema{"description": "Revoked."}
	add("POST", "/api/v1/invitations/{id}/revoke", revoke)
	add("POST", "/api/v1/cooperatives/{id}/change-requests", newOperation("proposeChange", "board accounts", "Propose changes to the cooperative's profile.",
		"A board account, for its own cooperative only (any other is 404). The proposal holds the fields a board knows; it counts once the office approves it. "+
			"A proposal that changes nothing or breaks the register's rules is 422; a second one while one is pending is 409.").
		params(id).body("ChangeRequestInput", "The proposal.").
		answer(http.StatusCreated, "The pending request with its differences.", "ChangeRequest").problems(st400, st403, st404, st409, st413, st415, st422))
	add("GET", "/api/v1/cooperatives/{id}/change-requests", newOperation("listCooperativeChangeRequests", "board accounts", "A cooperative's change requests, newest first.", "").
		params(id, stateParam()).answer(http.StatusOK, "The requests.", "ChangeRequestList").problems(st404, st422))
	add("GET", "/api/v1/change-requests", newOperation("listChangeRequests", "board accounts", "The change requests the user reaches, newest first.",
		"The office's queue with state=pending; a board account sees its own.").
		params(stateParam()).answer(http.StatusOK, "The requests.", "ChangeRequestList").problems(st422))
	add("GET", "/api/v1/change-requests/{id}", newOperation("getChangeRequest", "board accounts", "One change request.", "").
		params(id).answer(http.StatusOK, "The request.", "ChangeRequest").problems(st404))
	add("POST", "/api/v1/change-requests/{id}/approve", newOperation("approveChangeRequest", "board accounts", "Approve and apply a pending request.",
		"Users who may edit the register. The proposal is applied through the normal update, so the history records it. "+
			"409 when the request was decided already, when version is given and is not the cooperative's current one, "+
			"or when a proposed field changed since the request was made.").
		params(id).body("Decision", "The version seen and an optional note.").
		answer(http.StatusOK, "The approved request.", "ChangeRequest").problems(st400, st403, st404, st409, st413, st415, st422))
	add("POST", "/api/v1/change-requests/{id}/reject", newOperation("rejectChangeRequest", "board accounts", "Reject a pending request.",
		"The note, for the board, is required (422 without it).").
		params(id).body("Decision", "The note.").
		answer(http.StatusOK, "The rejected request.", "ChangeRequest").problems(st400, st403, st404, st409, st413, st415, st422))
}

func stateParam() schema {
	return schema{"name": "state", "in": "query", "required": false, "description": "Only requests in this state.",
		"schema": enumSchema(supervision.ChangeStates, false, "")}
}

// subjectSchema is the record a partner account belongs to.
func subjectSchema() schema {
	return schema{"type": "object", "description": "The one record a partner account belongs to; empty for the office's accounts.",
		"properties": schema{
			"kind": schema{"type": "string", "enum": []bina.SubjectKind{bina.SubjectCooperative, bina.SubjectEnterprise}},
			"id":   id64(""),
		}}
}

// partnerSchemas adds the board accounts' component schemas.
func partnerSchemas(out schema) {
	v := answer
	invitation := []member{
		{"id", id64("")},
		{"subject", ref("Subject")},
		{"name", str("Whom it is for.")},
		{"phone", str("The invitee's phone, where the WhatsApp link goes.")},
		{"created_by", str("")},
		{"created_at", timestamp("")},
		{"expires_at", timestamp("")},
		{"used_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "")},
		{"user_id", id64("The account made with it; 0 before.")},
		{"user_name", str("")},
		{"revoked_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "")},
		{"revoked_by", str("")},
	}
	out["Subject"] = subjectSchema()
	out["InvitationMade"] = v.object("A new invitation with its one-time link.", append(invitation,
		member{"link", describe(schema{"type": "string", "format": "uri"}, "Shown this once.")},
		member{"whatsapp_url", describe(schema{"type": "string", "format": "uri"}, "https://wa.me/62…?text=… with the link.")})...)
	out["Invitation"] = v.object("An invitation (its link is never shown again).", append(invitation,
		member{"state", v.enum(supervision.InvitationStates, never, "")})...)
	out["InvitationList"] = v.object("Invitations.", member{"items", schema{"type": "array", "items": ref("Invitation")}}, member{"total", count("")})
	out["InvitationInput"] = input.object("Whom an invitation is for.",
		member{"name", describe(schema{"type": "string", "maxLength": 100}, "Required, such as Budi (Ketua).")},
		member{"phone", str("Optional: an Indonesian mobile number for the WhatsApp link.")})
	for _, vv := range []variant{answer, input} {
		suffix := ""
		if vv == input {
			suffix = "Input"
		}
		out["CooperativeProposal"+suffix] = vv.object("The profile fields a board may propose to change.",
			member{"address", str("")},
			member{"npwp", str("")},
			member{"nib", str("")},
			member{"savings_license", str("")},
			member{"members_female", count("")},
			member{"members_male", count("")},
			member{"employees_female", count("")},
			member{"employees_male", count("")},
			member{"officers", array(vv.ref("Officer"), "The whole list, as it should be.")},
			member{"units", array(vv.ref("BusinessUnit"), "The whole list, as it should be.")})
	}
	out["ChangeRequestInput"] = input.object("A board's proposal.",
		member{"proposed", ref("CooperativeProposalInput")},
		member{"note", describe(schema{"type": "string", "maxLength": 2000}, "Why, for the office.")})
	out["ChangeRequest"] = v.object("A board's proposal to change its cooperative's profile; it counts once approved.",
		member{"id", id64("")},
		member{"cooperative_id", id64("")},
		member{"cooperative_name", str("")},
		member{"base_version", integer("The cooperative's version when proposed.")},
		member{"proposed", ref("CooperativeProposal")},
		member{"changes", array(ref("Change"), "The differences against the record when proposed.")},
		member{"note", str("")},
		member{"state", v.enum(supervision.ChangeStates, never, "")},
		member{"created_by", str("")},
		member{"created_at", timestamp("")},
		member{"decided_by", str("")},
		member{"decided_at", describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "")},
		member{"decision_note", str("")})
	out["ChangeRequestList"] = v.object("Change requests, newest first.", member{"items", schema{"type": "array", "items": ref("ChangeRequest")}}, member{"total", count("")})
	out["Decision"] = input.object("A decision on a change request.",
		member{"version", integer("The cooperative's version the decider saw; 0 to skip the check.")},
		member{"note", describe(schema{"type": "string", "maxLength": 2000}, "Required to reject.")})
}
