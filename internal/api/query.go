package api

import (
	"bina/coaching"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"bina"
)

// param is one query parameter of a list: how it appears in the OpenAPI
// document and how it sets the filter F. The handlers parse queries and the
// document lists parameters from the same tables, so they cannot drift.
type param[F any] struct {
	name   string
	doc    string
	schema schema
	// set checks v and stores it in f, returning a problem message when
	// the value is not acceptable.
	set func(f *F, v string) (problem bina.Text, ok bool)
}

// parseQuery fills f from q. Unknown and repeated parameters are a 400 so
// that a typo never silently widens a list; a value a parameter refuses is
// a 422. Every problem is named by its parameter.
func parseQuery[F any](q url.Values, params []param[F], f *F) error {
	var shape, values bina.Problems
	names := make([]string, 0, len(q))
	for name := range q {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		i := paramIndex(params, q, name)
		switch {
		case i == skipAlias:
			continue
		case i < 0:
			shape.Add(name, "Parameter tidak dikenal; yang dikenal: %s", "Unknown parameter; known ones: %s", paramNames(params))
		case len(q[name]) > 1:
			shape.Add(name, "Parameter diberikan lebih dari sekali", "Parameter given more than once")
		default:
			if msg, ok := params[i].set(f, q.Get(name)); !ok {
				values.Fields = append(values.Fields, bina.FieldError{Field: name, Message: msg})
			}
		}
	}
	if err := shape.Err(); err != nil {
		e := err.(*bina.Error)
		e.Message = bina.Text{ID: "Parameter permintaan tidak dikenal atau berulang.", EN: "Unknown or repeated query parameters."}
		return badRequest(e)
	}
	if err := values.Err(); err != nil {
		e := err.(*bina.Error)
		e.Message = bina.Text{ID: "Nilai parameter permintaan belum benar.", EN: "Some query parameter values are not valid."}
		return e
	}
	return nil
}

// skipAlias is paramIndex's answer for a page's kecamatan given with its
// desa: the desa, inside it, is the region.
const skipAlias = -2

// paramIndex returns the index in params of the parameter name: its own
// name, or a page's name for it (bina.ListParams), unless the request
// gives the API's name too (then the page's is unknown, never silently
// dropped); -1 when none.
func paramIndex[F any](params []param[F], q url.Values, name string) int {
	i := slices.IndexFunc(params, func(p param[F]) bool { return p.name == name })
	if i >= 0 {
		return i
	}
	api := bina.ParamOf(name)
	if api == "" || q.Has(api) {
		return -1
	}
	if name == "kecamatan" && q.Has("desa") {
		return skipAlias
	}
	return slices.IndexFunc(params, func(p param[F]) bool { return p.name == api })
}

func paramNames[F any](params []param[F]) string {
	names := make([]string, len(params))
	for i, p := range params {
		names[i] = p.name
	}
	return strings.Join(names, ", ")
}

// The parameter kinds. Each takes a pointer to the filter field it sets.

func textParam[F any](name, doc string, field func(*F) *string) param[F] {
	return param[F]{name: name, doc: doc, schema: schema{"type": "string"},
		set: func(f *F, v string) (bina.Text, bool) {
			*field(f) = strings.TrimSpace(v)
			return bina.Text{}, true
		}}
}

// enumParam takes one code of opts, plus the extra codes given.
func enumParam[F any](name, doc string, opts bina.Options, field func(*F) *string, extra ...bina.Option) param[F] {
	all := append(slices.Clone(opts), extra...)
	return param[F]{name: name, doc: doc, schema: enumSchema(all, false, ""),
		set: func(f *F, v string) (bina.Text, bool) {
			if v == "" {
				return bina.Text{}, true
			}
			if !all.Has(v) {
				return bina.Text{
					ID: "Nilai " + strconv.Quote(v) + " tidak dikenal; pilih salah satu: " + strings.Join(all.Codes(), ", "),
					EN: "Unknown value " + strconv.Quote(v) + "; use one of: " + strings.Join(all.Codes(), ", "),
				}, false
			}
			*field(f) = v
			return bina.Text{}, true
		}}
}

// yesNo are the values of the filters that ask a yes-or-no question.
var yesNo = bina.Options{
	{Code: "ya", ID: "Ya", EN: "Yes"},
	{Code: "tidak", ID: "Tidak", EN: "No"},
}

// yesNoParam is a yes-or-no filter: ya or true, tidak or false
// (bina.YesNo); the field gets "ya" or "tidak".
func yesNoParam[F any](name, doc string, field func(*F) *string) param[F] {
	return param[F]{name: name, doc: doc + " `ya` or `true`, `tidak` or `false`.",
		schema: schema{"type": "string", "enum": []string{"ya", "tidak", "true", "false"}},
		set: func(f *F, v string) (bina.Text, bool) {
			code, ok := bina.YesNo(v)
			if !ok {
				return bina.Text{
					ID: "Nilai " + strconv.Quote(v) + " tidak dikenal; pakai ya, tidak, true atau false",
					EN: "Unknown value " + strconv.Quote(v) + "; use ya, tidak, true or false",
				}, false
			}
			*field(f) = code
			return bina.Text{}, true
		}}
}

func boolParam[F any](name, doc string, field func(*F) *bool) param[F] {
	return param[F]{name: name, doc: doc, schema: schema{"type": "boolean", "default": false},
		set: func(f *F, v string) (bina.Text, bool) {
			switch v {
			case "true", "1": // 1: the pages' arsip=1
				*field(f) = true
			case "false", "":
				*field(f) = false
			default:
				return bina.Text{ID: "Isi true atau false", EN: "Use true or false"}, false
			}
			return bina.Text{}, true
		}}
}

// regionParam takes a region code inside the deployment.
func regionParam[F any](ref bina.Reference, name, doc string, field func(*F) *bina.RegionCode) param[F] {
	return param[F]{name: name, doc: doc, schema: schema{"type": "string", "pattern": regionPattern, "examples": []string{"61.12.01"}},
		set: func(f *F, v string) (bina.Text, bool) {
			c := bina.RegionCode(strings.TrimSpace(v))
			if c != "" && ref.Regions != nil && !ref.Regions.Within(c) {
				return bina.Text{ID: "Kode wilayah " + string(c) + " tidak ada di wilayah ini", EN: "Region code " + string(c) + " is not in this deployment"}, false
			}
			*field(f) = c
			return bina.Text{}, true
		}}
}

// yearParam takes a four-digit year.
func yearParam[F any](name, doc string, field func(*F) *int) param[F] {
	return param[F]{name: name, doc: doc, schema: schema{"type": "integer", "minimum": 1900, "maximum": 9999},
		set: func(f *F, v string) (bina.Text, bool) {
			y, err := strconv.Atoi(v)
			if err != nil || y < 1900 || y > 9999 {
				return bina.Text{ID: "Isi tahun empat angka", EN: "Use a four-digit year"}, false
			}
			*field(f) = y
			return bina.Text{}, true
		}}
}

// The page size the stores accept.
const (
	defaultLimit = 25
	maxLimit     = 200
)

func limitParam[F any](field func(*F) *int) param[F] {
	return param[F]{name: "limit", doc: "Page size.",
		schema: schema{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": defaultLimit},
		set: func(f *F, v string) (bina.Text, bool) {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > maxLimit {
				return bina.Text{ID: "Isi bilangan 1 sampai " + strconv.Itoa(maxLimit), EN: "Use a whole number from 1 to " + strconv.Itoa(maxLimit)}, false
			}
			*field(f) = n
			return bina.Text{}, true
		}}
}

func cursorParam[F any](field func(*F) *string) param[F] {
	return param[F]{name: "cursor", doc: "Opaque position from the next or prev member of a previous page.",
		schema: schema{"type": "string"},
		set: func(f *F, v string) (bina.Text, bool) {
			*field(f) = v
			return bina.Text{}, true
		}}
}

// kbliSections are the KBLI sections A-U as options.
func kbliSections() bina.Options { return bina.Options(bina.KBLISections()) }

// enterpriseParams are the filters of GET /api/v1/enterprises, named like
// the fields of bina.EnterpriseFilter and the page's filter form.
func enterpriseParams(ref bina.Reference) []param[bina.EnterpriseFilter] {
	type F = bina.EnterpriseFilter
	return []param[F]{
		regionParam(ref, "region", "A kecamatan or desa code: enterprises whose village lies in it.", func(f *F) *bina.RegionCode { return &f.Region }),
		enumParam("kbli_section", "KBLI 2020 section of the main activity; `any`: a main KBLI code of a known section, `none`: no such code (the figure dq_kbli_coverage).", kbliSections(), func(f *F) *string { return &f.KBLISection },
			bina.Option{Code: "any", ID: "Punya kode KBLI", EN: "Has a KBLI code"}, bina.Option{Code: "none", ID: "Belum punya kode KBLI", EN: "No KBLI code"}),
		enumParam("size", "Business size as computed under PP 7/2021.", bina.Sizes, func(f *F) *string { return &f.Size }),
		enumParam("status", "Operating status.", bina.OperatingStatuses, func(f *F) *string { return &f.Status }),
		yesNoParam("binaan", "Under the office's coaching (binaan) or not.", func(f *F) *string { return &f.Binaan }),
		reachedParam(func(f *F) *string { return &f.Reached }),
		enumParam("verification", "Verification state.", bina.Verifications, func(f *F) *string { return &f.Verification }),
		enumParam("digital", "A digital channel the enterprise uses, any of them, or none.", bina.DigitalChannels, func(f *F) *string { return &f.Digital },
			bina.Option{Code: "any", ID: "Salah satu", EN: "Any channel"}, bina.Option{Code: "none", ID: "Tidak ada", EN: "No channel"}),
		enumParam("owner_gender", "The owner's gender; `none`: not recorded.", bina.Genders, func(f *F) *string { return &f.OwnerGender },
			bina.Option{Code: "none", ID: "Tidak diisi", EN: "Not recorded"}),
		yesNoParam("owner_disability", "The owner has a disability or not.", func(f *F) *string { return &f.OwnerDisability }),
		yesNoParam("nik_valid", "The owner's NIK passes the check (16 digits, region code, birth date) or not (the figure dq_nik_valid_share).", func(f *F) *string { return &f.NIKValid }),
		yesNoParam("village_known", "The desa code is one of the regions in force or not (the figure dq_no_village).", func(f *F) *string { return &f.VillageKnown }),
		intParam("financing_year", "Only enterprises with a \"financing obtained\" milestone dated in this year (the figures umkm_financing_count and umkm_financing_amount). Not with q.", 1900, 2100, func(f *F) *int { return &f.FinancingYear }),
		textParam("q", "Words of the name, trade name or owner's name, or a NIB.", func(f *F) *string { return &f.Query }),
		boolParam("archived", "List archived enterprises instead of live ones.", func(f *F) *bool { return &f.Archived }),
		intParam("created_year", "Only enterprises recorded in this year (the figure umkm_new).", 1900, 2100, func(f *F) *int { return &f.CreatedYear }),
		intParam("archived_year", "With archived: only enterprises archived in this year (the figure umkm_closed).", 1900, 2100, func(f *F) *int { return &f.ArchivedYear }),
		intParam("at_year_end", "The register at the end of this year: enterprises recorded by then and not archived by then (the list behind a past year's umkm_registered). Not with q.", 1900, 2100, func(f *F) *int { return &f.AtYearEnd }),
		enumParam("sort", "Order of the list.", bina.EnterpriseSorts, func(f *F) *string { return &f.Sort }),
		cursorParam(func(f *F) *string { return &f.Cursor }),
		limitParam(func(f *F) *int { return &f.Limit }),
	}
}

// cooperativeParams are the filters of GET /api/v1/cooperatives.
func cooperativeParams(ref bina.Reference) []param[bina.CooperativeFilter] {
	type F = bina.CooperativeFilter
	return []param[F]{
		regionParam(ref, "region", "A kecamatan or desa code: cooperatives whose village lies in it.", func(f *F) *bina.RegionCode { return &f.Region }),
		enumParam("jenis", "Type of cooperative.", bina.Jenises, func(f *F) *string { return &f.Jenis }),
		enumParam("bentuk", "Form: primary or secondary.", bina.Bentuks, func(f *F) *string { return &f.Bentuk }),
		enumParam("pola", "Management pattern.", bina.Polas, func(f *F) *string { return &f.Pola }),
		// The office extends the groups (CooperativeService.AddKelompok),
		// so the list below is the default one, not a closed set.
		textParam("kelompok", "Group code. The office can add groups; the defaults are: "+optionList(bina.DefaultKelompoks)+".", func(f *F) *string { return &f.Kelompok }),
		yesNoParam("active", "Active under the RAT rule (held the annual members' meeting of the last due book year) or not.", func(f *F) *string { return &f.Active }),
		yesNoParam("kdmp", "A Koperasi Desa Merah Putih (village cooperative) or not.", func(f *F) *string { return &f.KDMP }),
		textParam("report", "YYYY: the annual report of book year YYYY was submitted or accepted; YYYY:diterima: it was accepted (the list behind the cooperative indicators).", func(f *F) *string { return &f.Report }),
		textParam("health", "YYYY: assessed for health on the report of book year YYYY; YYYY:CATEGORY: the newest assessment's category ("+optionList(bina.HealthResults)+").", func(f *F) *string { return &f.Health }),
		enumParam("verification", "Verification state.", bina.Verifications, func(f *F) *string { return &f.Verification }),
		textParam("q", "Words of the name, or a registration number, NIB or legal entity number.", func(f *F) *string { return &f.Query }),
		boolParam("archived", "List archived cooperatives instead of live ones.", func(f *F) *bool { return &f.Archived }),
		intParam("at_year_end", "The register at the end of this year: cooperatives recorded by then and not archived by then (the list behind a past year's count).", 1900, 2100, func(f *F) *int { return &f.AtYearEnd }),
		enumParam("sort", "Order of the list.", bina.CooperativeSorts, func(f *F) *string { return &f.Sort }),
		cursorParam(func(f *F) *string { return &f.Cursor }),
		limitParam(func(f *F) *int { return &f.Limit }),
	}
}

// reachedParam is the reach filter: never, ever or since:YEAR
// (coaching.ParseReachFilter).
func reachedParam[F any](field func(*F) *string) param[F] {
	return param[F]{name: "reached", doc: "Reached by the office: never, ever, or since:YEAR (in or after that year).",
		schema: schema{"type": "string", "pattern": "^(never|ever|since:[0-9]{4})$"},
		set: func(f *F, v string) (bina.Text, bool) {
			if _, _, err := coaching.ParseReachFilter(v); err != nil {
				return bina.Text{ID: "Nilai " + strconv.Quote(v) + " tidak dikenal; pakai never, ever atau since:TAHUN", EN: "Unknown value " + strconv.Quote(v) + "; use never, ever or since:YEAR"}, false
			}
			*field(f) = v
			return bina.Text{}, true
		}}
}
