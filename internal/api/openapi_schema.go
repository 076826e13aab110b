package api

import (
	"slices"
	"strings"

	"bina"
)

// variant is how a type appears: in answers every member is present; in
// request bodies members are optional, unknown ones are refused and the
// server's own are ignored.
type variant bool

const (
	answer variant = false
	input  variant = true
)

// ref refers to the variant of a component schema: "Owner" in answers,
// "OwnerInput" in request bodies.
func (v variant) ref(name string) schema {
	if v == input {
		name += "Input"
	}
	return ref(name)
}

type member struct {
	name   string
	schema schema
}

func (v variant) object(description string, members ...member) schema {
	props := schema{}
	names := make([]string, len(members))
	for i, m := range members {
		props[m.name] = m.schema
		names[i] = m.name
	}
	s := schema{"type": "object", "properties": props}
	if description != "" {
		s["description"] = description
	}
	if v == input {
		s["additionalProperties"] = false
	} else {
		s["required"] = names
	}
	return s
}

// optional takes names out of the required members of an answer's object:
// members written only in some answers.
func optional(s schema, names ...string) schema {
	if req, ok := s["required"].([]string); ok {
		s["required"] = slices.DeleteFunc(slices.Clone(req), func(n string) bool { return slices.Contains(names, n) })
	}
	return s
}

func describe(s schema, description string) schema {
	if description != "" {
		s["description"] = description
	}
	return s
}

func str(description string) schema { return describe(schema{"type": "string"}, description) }

func integer(description string) schema { return describe(schema{"type": "integer"}, description) }

func count(description string) schema {
	return describe(schema{"type": "integer", "minimum": 0}, description)
}

func id64(description string) schema {
	return describe(schema{"type": "integer", "format": "int64"}, description)
}

func money(description string) schema {
	return describe(schema{"type": "integer", "format": "int64"}, strings.TrimSpace(description+" Whole rupiah."))
}

func boolean(description string) schema { return describe(schema{"type": "boolean"}, description) }

func coordinate(description string) schema {
	return describe(schema{"type": []string{"number", "null"}, "format": "double"}, description)
}

func timestamp(description string) schema {
	return describe(schema{"type": "string", "format": "date-time"}, description)
}

// date is a bina.Date: "YYYY-MM-DD" or null for unknown; request bodies
// may also say "" for unknown.
func (v variant) date(description string) schema {
	if v == input {
		return describe(schema{"type": []string{"string", "null"}, "pattern": `^([0-9]{4}-[0-9]{2}-[0-9]{2})?$`},
			strings.TrimSpace(description+" YYYY-MM-DD; null or empty when unknown."))
	}
	return describe(schema{"type": []string{"string", "null"}, "format": "date"}, strings.TrimSpace(description+" Null when unknown."))
}

// array is a Go slice: null when empty in some answers.
func array(items schema, description string) schema {
	return describe(schema{"type": []string{"array", "null"}, "items": items}, description)
}

// list is a list member that answers always write as an array ([] when
// empty); requests may send null for empty.
func (v variant) list(items schema, description string) schema {
	if v == input {
		return array(items, description)
	}
	return describe(schema{"type": "array", "items": items}, description)
}

// readOnly marks a member the server owns.
func readOnly(s schema) schema {
	s["readOnly"] = true
	d, _ := s["description"].(string)
	s["description"] = strings.TrimSpace(d + " Set by the server; ignored in request bodies.")
	return s
}

// blank says whether an enumeration member may be "".
type blank int

const (
	never   blank = iota // always one of the codes
	always               // "" means not known
	onInput              // "" in a request takes the default; answers carry the code
)

func (v variant) enum(opts bina.Options, b blank, description string) schema {
	return enumSchema(opts, b == always || (b == onInput && v == input), description)
}

// enumSchema is a string schema taking the codes of opts (and "" when
// blank), with their English labels in the description.
func enumSchema(opts bina.Options, blank bool, description string) schema {
	codes := opts.Codes()
	if blank {
		codes = append([]string{""}, codes...)
	}
	d := strings.TrimSpace(description + " " + optionList(opts) + ".")
	return schema{"type": "string", "enum": codes, "description": d}
}

// nullableEnum is enumSchema for a member that is null when unknown.
func nullableEnum(opts bina.Options, description string) schema {
	codes := []any{}
	for _, c := range opts.Codes() {
		codes = append(codes, c)
	}
	d := strings.TrimSpace(description + " " + optionList(opts) + ".")
	return schema{"type": []string{"string", "null"}, "enum": append(codes, nil), "description": d}
}

// optionList writes the codes of opts with their English labels.
func optionList(opts bina.Options) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = "`" + o.Code + "` " + o.EN
	}
	return strings.Join(parts, ", ")
}

// schemas are the component schemas: the record types in both variants,
// the answers' wrappers and the problem.
func schemas() schema {
	out := schema{}
	both := map[string]func(variant) schema{
		"Enterprise":   enterpriseSchema,
		"Owner":        ownerSchema,
		"Digital":      digitalSchema,
		"AnnualSales":  annualSalesSchema,
		"KBLICode":     kbliCodeSchema,
		"Cooperative":  cooperativeSchema,
		"Amendment":    amendmentSchema,
		"Officer":      officerSchema,
		"BusinessUnit": businessUnitSchema,
		"RAT":          ratSchema,
	}
	for name, f := range both {
		out[name] = f(answer)
		out[name+"Input"] = f(input)
	}
	v := answer
	out["Change"] = v.object("One recorded change of one field of one record; a creation, archive or restore has an action and no field.",
		member{"id", id64("")},
		member{"entity", schema{"type": "string", "enum": []bina.Entity{bina.EntityEnterprise, bina.EntityCooperative}}},
		member{"entity_id", id64("")},
		member{"at", timestamp("")},
		member{"user", str(`The user's name; "system" for tools.`)},
		member{"action", schema{"type": "string", "enum": []string{"create", "update", "archive", "restore", "rat"}}},
		member{"field", str("The changed member, such as owner.phone; empty for whole-record actions.")},
		member{"before", str("Masked for viewers when personal.")},
		member{"after", str("Masked for viewers when personal.")},
	)
	out["User"] = v.object("A user account.",
		member{"id", id64("")},
		member{"name", str("")},
		member{"role", v.enum(bina.Roles, never, "")},
		member{"region", str("For field officers, the kecamatan or desa they work in; else empty.")},
		member{"created_at", timestamp("")},
		member{"disabled", boolean("")},
		member{"subject", ref("Subject")}, // board accounts (issue 12)
	)
	out["Region"] = v.object("A region of the Kemendagri tree.",
		member{"code", describe(schema{"type": "string", "pattern": regionPattern}, "Kemendagri code: 61.12 regency, 61.12.01 kecamatan, 61.12.01.2001 desa.")},
		member{"name", str("")},
	)
	out["KBLIEntry"] = v.object("A five-digit KBLI 2020 code.",
		member{"code", describe(schema{"type": "string", "pattern": "^[0-9]{5}$"}, "")},
		member{"section", v.enum(kbliSections(), never, "")},
		member{"title", str("Indonesian title.")},
	)
	village := member{"village", str("Desa code, present when the user's area is one kecamatan or smaller: such an area is counted per desa.")}
	out["RegionCount"] = optional(v.object("Live enterprises in one kecamatan (or desa) and computed size.",
		member{"district", str("Kecamatan code.")},
		village,
		member{"size", v.enum(bina.Sizes, always, "Computed size; empty when unknown.")},
		member{"total", count("")},
		member{"binaan", count("Of them under the office's coaching.")},
	), "village")
	out["CooperativeCount"] = optional(v.object("Live cooperatives in one kecamatan (or desa).",
		member{"district", str("Kecamatan code.")},
		village,
		member{"total", count("")},
		member{"active", count("Of them active under the RAT rule.")},
		member{"kdmp", count("Of them village cooperatives (KDMP).")},
	), "village")
	itemsList := func(item, description string) schema {
		return v.object(description, member{"items", schema{"type": "array", "items": ref(item)}})
	}
	out["RegionList"] = itemsList("Region", "Regions.")
	out["KBLIList"] = itemsList("KBLIEntry", "KBLI entries.")
	out["ChangeList"] = v.object("One page of changes, newest first.",
		member{"items", schema{"type": "array", "items": ref("Change")}},
		member{"next", describe(schema{"type": []string{"string", "null"}, "format": "uri-reference"}, "The page of older changes; null on the last page.")})
	out["RegionCountList"] = itemsList("RegionCount", "Enterprise counts.")
	reachSchemas(out)     // pembinaan, reach (issue 11)
	indicatorSchemas(out) // indicators (issue 13)
	rakorSchemas(out)     // the rakor report (issue 13)
	out["CooperativeCountList"] = itemsList("CooperativeCount", "Cooperative counts.")
	page := func(item string) schema {
		link := describe(schema{"type": "string", "format": "uri-reference"}, "")
		return schema{
			"type":        "object",
			"description": "One page of a list. next and prev are absent at the ends.",
			"required":    []string{"items", "total", "links"},
			"properties": schema{
				"items":        schema{"type": "array", "items": ref(item)},
				"total":        count("How many records match the filters, on every page. A search counts up to 10,000: when more match, total is 10,000 and total_capped is true."),
				"total_capped": boolean("Present and true when total is the bound of a search's count (more than 10,000 match), not the number."),
				"next":         str("Cursor of the next page, for the cursor parameter."),
				"prev":         str("Cursor of the previous page."),
				"links": schema{
					"type":        "object",
					"description": "The next and previous pages as paths with the same filters.",
					"properties":  schema{"next": link, "prev": link},
				},
			},
		}
	}
	importSchemas(out)
	auditSchemas(out)
	letterSchemas(out)
	healthSchemas(out)
	programmeSchemas(out, page)
	complianceSchemas(out, page) // RAT compliance (issue 12)
	out["EnterprisePage"] = page("Enterprise")
	out["CooperativePage"] = page("Cooperative")
	// Pembinaan: certificates and milestones.
	certificateSchemas(out)
	out["CertificatePage"] = page("Certificate")
	coachingSchemas(out)
	reportSchemas(out) // annual reports (issue 12)
	out["CoachingSessionPage"] = page("CoachingSession")
	partnerSchemas(out) // board accounts (issue 12)
	out["ArchiveRequest"] = schema{
		"type":                 "object",
		"required":             []string{"reason"},
		"additionalProperties": false,
		"properties":           schema{"reason": describe(schema{"type": "string", "minLength": 1}, "Why the record leaves the live register (closed, duplicate, moved away).")},
	}
	kinds := make([]string, len(problemKinds))
	for i, k := range problemKinds {
		kinds[i] = problemBase + k.kind
	}
	out["Problem"] = schema{
		"type":        "object",
		"description": "An RFC 9457 problem.",
		"required":    []string{"type", "title", "status", "detail", "instance"},
		"properties": schema{
			"type":       describe(schema{"type": "string", "format": "uri-reference", "enum": kinds}, "The kind of problem: a path on this server, /problems/<kind>, whose page describes it."),
			"title":      str("A short summary of the kind, in the request's language."),
			"status":     schema{"type": "integer", "minimum": 400, "maximum": 599},
			"detail":     str("What went wrong, in Indonesian, or English when Accept-Language prefers it."),
			"instance":   describe(schema{"type": "string", "format": "uri-reference"}, "The request's path."),
			"request_id": str("The request's id (X-Request-Id), to find it in the server log."),
			"errors": schema{
				"type":        "array",
				"description": "The fields of the body, or parameters of the query, at fault.",
				"items": schema{
					"type":     "object",
					"required": []string{"field", "message"},
					"properties": schema{
						"field":   str("A member path such as owner.nik, or a query parameter."),
						"message": str(""),
					},
				},
			},
		},
	}
	duplicateSchemas(out, out["Problem"].(schema))
	return out
}

// The schemas below follow the bina types member by member.

func enterpriseSchema(v variant) schema {
	return v.object("An enterprise (usaha, UMKM) in the register.", append([]member{
		member{"id", readOnly(id64(""))},
		member{"name", str("Business name; required, at most 200 characters.")},
		member{"trade_name", str("")},
		member{"owner", v.ref("Owner")},
		member{"nib", str("Business identity number from OSS: 13 digits.")},
		member{"legal_form", v.enum(bina.LegalForms, onInput, "Default perorangan.")},
		member{"kbli", v.list(v.ref("KBLICode"), "KBLI codes; the first is the main activity.")},
		member{"main_product", str("")},
		member{"address", str("Where the business operates; hidden (••••) for viewers when the business runs from the owner's home.")},
		member{"home_based", readOnly(boolean("The business runs from the owner's home: its address is (part of) the home address."))},
		member{"village_code", str("Kemendagri code of the desa where the business operates, inside the deployment; required.")},
		member{"latitude", coordinate("Given together with longitude, inside Indonesia.")},
		member{"longitude", coordinate("")},
		member{"start_year", describe(schema{"type": []string{"integer", "null"}}, "Year operations started; null when unknown (0 is taken for unknown in requests).")},
		member{"start_month", describe(schema{"type": []string{"integer", "null"}, "minimum": 0, "maximum": 12}, "Null when unknown (0 is taken for unknown in requests).")},
		member{"capital", money("Business capital (modal usaha) without land and buildings.")},
		member{"assets", money("")},
		member{"sales", v.list(v.ref("AnnualSales"), "Annual sales (omzet), newest first.")},
		member{"workers_paid_male", count("")},
		member{"workers_paid_female", count("")},
		member{"workers_unpaid_male", count("")},
		member{"workers_unpaid_female", count("")},
		member{"workers_total", describe(schema{"type": []string{"integer", "null"}, "minimum": 0, "maximum": 400000},
			"All workers, paid and unpaid: the sum of the four counts, or more when only a total is known (the split is partial or not known); null when nothing is known. In requests null or 0 has it counted from the split; a total below the split is invalid.")},
		member{"size_reported", v.enum(bina.Sizes, always, "The size the owner reported.")},
		member{"size_computed", readOnly(v.enum(bina.Sizes, always, "The size under size_rule; empty when neither sales nor capital is known."))},
		member{"size_rule", readOnly(schema{"type": "string", "enum": []bina.SizeRule{"", bina.RulePP7_2021, bina.RuleUU20_2008}})},
		member{"digital", v.ref("Digital")},
		member{"status", v.enum(bina.OperatingStatuses, onInput, "Default aktif.")},
		member{"binaan", boolean("Under the office's coaching.")},
		member{"binaan_since", v.date("")},
		member{"binaan_decided", readOnly(boolean("Binaan by a staff decision (or a flag that came with the data), not by coaching records."))},
		member{"binaan_reason", readOnly(str("Why the staff decided; \"data impor\" for a flag that came with the data."))},
		member{"reached_first", readOnly(v.date("First day the office reached the business (an attended or completed activity, a coaching session)."))},
		member{"reached_last", readOnly(v.date("Last day the office reached the business."))},
		member{"verification", v.enum(bina.Verifications, onInput, "Default belum.")},
		member{"source", v.enum(bina.Sources, onInput, "Where the record came from; default manual.")},
		member{"source_id", str("The record's id in its source.")},
		member{"notes", str("")},
		member{"created_at", readOnly(timestamp(""))},
		member{"updated_at", readOnly(timestamp(""))},
		member{"version", readOnly(integer("Raised by every change; the ETag."))},
		member{"archived_at", readOnly(describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "Null for live records."))},
		member{"archive_reason", readOnly(str(""))},
	}, storedMembers(v, bina.StoredFields(bina.EnterpriseTable()))...)...)
}

// storedMembers documents the fields the store keeps through the field
// table (bina.RecordField.Column), named as their Field, but for those
// the members above describe by hand (workers_total, null when unknown).
func storedMembers[T any](v variant, fields []bina.RecordField[T]) []member {
	var out []member
	for _, f := range fields {
		if f.Field == bina.FieldWorkersTotal {
			continue
		}
		var sc schema
		switch {
		case f.Int != nil || f.Int64 != nil:
			sc = integer(f.Label.EN + ".")
		case f.Bool != nil:
			sc = boolean(f.Label.EN + ".")
		case f.Date != nil:
			sc = v.date(f.Label.EN + ".")
		default:
			sc = str(f.Label.EN + ".")
		}
		out = append(out, member{string(f.Field), sc})
	}
	return out
}

func ownerSchema(v variant) schema {
	return v.object("The person who runs an enterprise. nik, phone, birth_date, disability and address are personal data: hidden for viewers (masked is then true).",
		member{"id", readOnly(id64(""))},
		member{"name", str("Required.")},
		member{"nik", str("Population number: 16 digits (masked for viewers).")},
		member{"gender", v.enum(bina.Genders, always, "")},
		member{"birth_date", v.date("")},
		member{"phone", str("Phone or WhatsApp, stored in the 08... form.")},
		member{"education", v.enum(bina.Educations, always, "")},
		member{"disability", boolean("")},
		member{"address", str("Home address.")},
		member{"masked", readOnly(boolean("The personal fields are hidden from the reader (\"••••\", birth_date empty, disability false)."))},
	)
}

func digitalSchema(v variant) schema {
	return v.object("Digital presence.",
		member{"marketplace", boolean("")},
		member{"social_media", boolean("")},
		member{"website", boolean("")},
		member{"qris", boolean("QRIS payments.")},
		member{"digital_bookkeeping", boolean("")},
		member{"links", str("Shop and profile addresses, one per line.")},
	)
}

func annualSalesSchema(v variant) schema {
	return v.object("Sales (omzet) in one year.",
		member{"year", integer("")},
		member{"amount", money("")},
	)
}

func kbliCodeSchema(v variant) schema {
	return v.object("A five-digit KBLI code with its edition.",
		member{"version", schema{"type": "string", "enum": []bina.KBLIVersion{"", bina.KBLI2020}, "description": "KBLI edition; empty means 2020 in requests, and no code in answers."}},
		member{"code", str("Five digits, such as 10794.")},
	)
}

func cooperativeSchema(v variant) schema {
	return v.object("A cooperative (koperasi) in the register.",
		member{"id", readOnly(id64(""))},
		member{"name", str("Required, at most 200 characters.")},
		member{"registration_number", str("Nomor Induk Koperasi: 16 digits.")},
		member{"certificate_date", v.date("")},
		member{"certificate_expiry", v.date("")},
		member{"legal_number", str("Legal entity decree (nomor badan hukum).")},
		member{"legal_date", v.date("")},
		member{"amendments", array(v.ref("Amendment"), "Amendments of the articles (PAD).")},
		member{"npwp", str("Tax number: 15 or 16 digits.")},
		member{"nib", str("13 digits.")},
		member{"savings_license", str("Savings-and-loan business licence.")},
		member{"jenis", v.enum(bina.Jenises, never, "Type; required.")},
		member{"bentuk", v.enum(bina.Bentuks, onInput, "Form; default primer.")},
		member{"pola", v.enum(bina.Polas, onInput, "Management pattern; default konvensional.")},
		member{"kelompok", str("Group code from the office's list, which it can extend; default umum (kdmp for a KDMP). Defaults: " + optionList(bina.DefaultKelompoks) + ".")},
		member{"kbli", v.ref("KBLICode")},
		member{"address", str("")},
		member{"village_code", str("Kemendagri code of the cooperative's desa, inside the deployment; required.")},
		member{"latitude", coordinate("")},
		member{"longitude", coordinate("")},
		member{"members_female", count("")},
		member{"members_male", count("")},
		member{"employees_female", count("")},
		member{"employees_male", count("")},
		member{"officers", array(v.ref("Officer"), "Board, supervisors and manager.")},
		member{"units", array(v.ref("BusinessUnit"), "Lines of business and outlets (gerai).")},
		member{"kdmp", boolean("A Koperasi Desa Merah Putih (village cooperative).")},
		member{"verification", v.enum(bina.Verifications, onInput, "Default belum.")},
		member{"source", v.enum(bina.Sources, onInput, "Default manual.")},
		member{"source_id", str("")},
		member{"notes", str("")},
		member{"rats", readOnly(array(v.ref("RAT"), "Annual members' meetings, newest first; null in lists. Saved with PUT .../rat/{year}."))},
		member{"last_rat_year", readOnly(integer("Newest book year whose RAT was held; 0 if none."))},
		member{"active", readOnly(boolean("Held the RAT of the last due book year (with the deployment's tolerance)."))},
		member{"created_at", readOnly(timestamp(""))},
		member{"updated_at", readOnly(timestamp(""))},
		member{"version", readOnly(integer("Raised by every change; the ETag."))},
		member{"archived_at", readOnly(describe(schema{"type": []string{"string", "null"}, "format": "date-time"}, "Null for live records."))},
		member{"archive_reason", readOnly(str(""))},
	)
}

func amendmentSchema(v variant) schema {
	return v.object("An amendment of the articles (PAD).",
		member{"number", str("Required.")},
		member{"date", v.date("")},
		member{"note", str("")},
	)
}

func officerSchema(v variant) schema {
	return v.object("A board member, supervisor or manager. phone is personal data: masked for viewers.",
		member{"name", str("Required.")},
		member{"role", v.enum(bina.OfficerRoles, never, "")},
		member{"gender", v.enum(bina.Genders, always, "")},
		member{"phone", str("")},
		member{"term_start", v.date("")},
		member{"term_end", v.date("")},
	)
}

func businessUnitSchema(v variant) schema {
	return v.object("A line of business or outlet (gerai).",
		member{"name", str("Required.")},
		member{"kind", str("Free text: simpan pinjam, gerai sembako, apotek desa.")},
	)
}

func ratSchema(v variant) schema {
	return v.object("The annual members' meeting (RAT) of one book year with the year's figures.",
		member{"book_year", integer("In PUT .../rat/{year} it may be left out (0): the path's year is taken.")},
		member{"held_on", v.date("Null: not held.")},
		member{"reported_on", v.date("")},
		member{"members_present", count("")},
		member{"members_female", count("")},
		member{"members_male", count("")},
		member{"prospective_members", count("")},
		member{"employees_female", count("")},
		member{"employees_male", count("")},
		member{"managers_female", count("")},
		member{"managers_male", count("")},
		member{"simpanan_pokok", money("")},
		member{"simpanan_wajib", money("")},
		member{"reserves", money("Cadangan.")},
		member{"grants", money("Hibah.")},
		member{"borrowed_capital", money("")},
		member{"equity_participation", money("Modal penyertaan.")},
		member{"assets", money("")},
		member{"savings_received", money("")},
		member{"loans_given", money("")},
		member{"business_volume", money("")},
		member{"shu", money("Surplus (SHU); negative for a loss.")},
		member{"has_business_license", boolean("")},
		member{"health_assessed", boolean("")},
		member{"health_result", v.enum(bina.HealthResults, always, "")},
	)
}
