package importer

import (
	"context"
	"strings"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
)

// HeadRows is how many rows at the top of a file are searched for the
// header row.
const HeadRows = 30

// PlanInput is what planning an import starts from.
type PlanInput struct {
	// Head is the first rows of the file (HeadRows of them, or more when
	// a person chose a header row further down).
	Head [][]string
	// HeaderLine is the header row a person chose, as a spreadsheet
	// numbers it (1-based); 0 finds it.
	HeaderLine int
	// Template is "", the name of a built-in template or the name of a
	// saved mapping.
	Template string
	// Entity is the kind of records asked for. A template's own kind
	// wins (whatever Entity says); "" decides from the header.
	Entity bina.Entity
	// Saved are the saved mappings of every kind (SavedMappings).
	Saved []imports.NamedMapping
}

// ImportPlan is how a file is to be imported: which row is its header,
// what kind of records it holds, which column goes to which field, and the
// provenance written on the records.
type ImportPlan struct {
	Entity bina.Entity
	// HeaderRow is the 0-based index of the header row in Head.
	HeaderRow int
	Header    []string
	// HeaderFound reports whether a row of Head names known columns. When
	// it does not and no row was chosen, HeaderRow is the first row that
	// is not empty.
	HeaderFound bool
	Template    string
	Mapping     imports.Mapping
	// Missing are the headers of a built-in template that the file lacks.
	Missing []string
	// Source is the provenance of the records (see bina.Sources).
	Source string
}

// Job returns a new import job with the plan's header row, entity,
// template, mapping and source.
func (p *ImportPlan) Job() *imports.Job {
	return &imports.Job{Entity: p.Entity, Template: p.Template, HeaderRow: p.HeaderRow, Header: p.Header,
		Mapping: p.Mapping, Source: p.Source}
}

// Plan plans an import: `bina import` and the pages both plan with it, so
// that the same file with the same choices is read the same way. A
// built-in template maps the header by its texts; a saved mapping maps it
// by the header texts it was saved with (see applySaved), so that a file
// whose columns moved still gets each column's field; without a template
// the header's names suggest the fields. The mapping is not validated: the
// pages show it to be completed. Errors: Invalid, with the field "entity",
// "template" or "file" that is at fault.
func Plan(in PlanInput) (*ImportPlan, error) {
	p := &ImportPlan{Entity: in.Entity, Template: in.Template, Source: "import"}
	var found int
	found, p.HeaderFound = fileformat.FindHeaderRow(in.Head, HeadRows)
	switch {
	case in.HeaderLine > 0:
		if in.HeaderLine > len(in.Head) {
			return nil, planError("file", "Baris judul %d tidak ada di berkas.", "The file has no row %d for the header.", in.HeaderLine)
		}
		p.HeaderRow = in.HeaderLine - 1
	case p.HeaderFound:
		p.HeaderRow = found
	default:
		p.HeaderRow = -1
		for i, r := range in.Head {
			if !EmptyRow(r) {
				p.HeaderRow = i
				break
			}
		}
		if p.HeaderRow < 0 {
			return nil, planError("file", "Berkas tidak berisi data: lembar kerja pertama kosong.", "The file holds no data: its first worksheet is empty.")
		}
	}
	p.Header = in.Head[p.HeaderRow]

	if tp, ok := fileformat.TemplateNamed(in.Template); ok {
		p.Entity = tp.Entity
		p.Mapping, p.Missing = tp.MapHeader(p.Header)
		p.Source = templateSource(tp.Name)
		return p, nil
	}
	if in.Template != "" {
		for i := range in.Saved {
			if m := &in.Saved[i]; m.Name == in.Template {
				p.Entity, p.Mapping = m.Entity, applySaved(m, p.Header)
				return p, nil
			}
		}
		return nil, planError("template", "Format %q tidak dikenal: bukan bina, sidt, koperasi atau pemetaan yang disimpan.",
			"Unknown template %q: not bina, sidt, koperasi or a saved mapping.", in.Template)
	}
	if p.Entity == "" {
		// The kind of records is the one whose fields the header names
		// more of.
		me := fileformat.SuggestMapping(p.Header, bina.EntityEnterprise)
		mc := fileformat.SuggestMapping(p.Header, bina.EntityCooperative)
		p.Entity, p.Mapping = bina.EntityEnterprise, me
		if len(mc) > len(me) || (strings.Contains(strings.ToLower(strings.Join(p.Header, " ")), "koperasi") && len(mc) >= len(me)) {
			p.Entity, p.Mapping = bina.EntityCooperative, mc
		}
		return p, nil
	}
	if p.Entity != bina.EntityEnterprise && p.Entity != bina.EntityCooperative && p.Entity != imports.EntityAttendance && p.Entity != imports.EntityAnnualReport {
		return nil, planError("entity", "Pilih jenis data: UMKM atau koperasi.", "Choose the kind of records: UMKM or cooperatives.")
	}
	p.Mapping = fileformat.SuggestMapping(p.Header, p.Entity)
	if p.Entity == imports.EntityAttendance {
		p.Source = bina.SourceProgramme
	}
	return p, nil
}

func planError(field, id, en string, args ...any) error {
	err := bina.Errorf(bina.Invalid, id, en, args...)
	err.Fields = []bina.FieldError{{Field: field, Message: err.Message}}
	return err
}

// templateSource is the provenance of the records a built-in template
// imports: the registers it reads, or "import".
func templateSource(name string) string {
	switch name {
	case "sidt":
		return "sidt"
	case "koperasi":
		return "odskop"
	case "hadir":
		return bina.SourceProgramme
	}
	return "import"
}

// applySaved maps header with a saved mapping: a column gets the field of
// the saved column with the same header text (compared without case and
// surrounding spaces), so that columns moved around still find their
// field; a column whose text the saved header lacks keeps the saved
// mapping of its position when that position's header was empty too.
func applySaved(m *imports.NamedMapping, header []string) imports.Mapping {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	byText := map[string]bina.Field{}
	for c, f := range m.Mapping {
		if c < len(m.Header) && norm(m.Header[c]) != "" {
			if _, dup := byText[norm(m.Header[c])]; !dup {
				byText[norm(m.Header[c])] = f
			}
		}
	}
	out := imports.Mapping{}
	used := map[bina.Field]bool{}
	for c, h := range header {
		if f, ok := byText[norm(h)]; ok && !used[f] {
			out[c] = f
			used[f] = true
		}
	}
	for c, f := range m.Mapping {
		if _, done := out[c]; done || used[f] {
			continue
		}
		if (c >= len(header) || norm(header[c]) == "") && (c >= len(m.Header) || norm(m.Header[c]) == "") {
			out[c] = f
			used[f] = true
		}
	}
	return out
}

// EmptyRow reports whether no cell of row r holds more than spaces.
func EmptyRow(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// SavedMappings returns the saved mappings of every kind of records, for
// PlanInput.Saved.
func SavedMappings(ctx context.Context, s interface {
	Mappings(ctx context.Context, e bina.Entity) ([]imports.NamedMapping, error)
}) ([]imports.NamedMapping, error) {
	var out []imports.NamedMapping
	for _, e := range []bina.Entity{bina.EntityEnterprise, bina.EntityCooperative} {
		ms, err := s.Mappings(ctx, e)
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
	}
	return out, nil
}
