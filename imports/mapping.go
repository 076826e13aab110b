package imports

import (
	"bina"
	"fmt"
	"sort"
)

// Mapping says which field each column fills: column index → field.
// Columns not in the map are not imported.
type Mapping map[int]bina.Field

// Column returns the column mapped to f.
func (m Mapping) Column(f bina.Field) (int, bool) {
	for c, x := range m {
		if x == f {
			return c, true
		}
	}
	return 0, false
}

// Validate checks that a mapping can import records of entity: every field
// is one of the entity's, none is used twice, and the minimum is there: the
// name, and where the record lies (a village name or a village code). It
// returns an Invalid *Error with one FieldError per problem, keyed by field.
func (m Mapping) Validate(entity bina.Entity) error {
	fields := FieldsOf(entity)
	if fields == nil {
		return bina.Errorf(bina.Invalid, "jenis data %q tidak dikenal", "unknown kind of record %q", entity)
	}
	known := map[bina.Field]bina.FieldInfo{}
	for _, f := range fields {
		known[f.Field] = f
	}
	var problems []bina.FieldError
	add := func(f bina.Field, msg bina.Text) {
		problems = append(problems, bina.FieldError{Field: string(f), Message: msg})
	}
	cols := make([]int, 0, len(m))
	for c := range m {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	seen := map[bina.Field]int{}
	for _, c := range cols {
		f := m[c]
		if f == "" {
			continue
		}
		fi, ok := known[f]
		if !ok {
			add(f, bina.Text{ID: fmt.Sprintf("Kolom %d dipetakan ke %q yang tidak ada untuk data ini", c+1, f), EN: fmt.Sprintf("Column %d is mapped to %q, which this kind of record does not have", c+1, f)})
			continue
		}
		if first, dup := seen[f]; dup {
			add(f, bina.Text{
				ID: fmt.Sprintf("%s dipilih untuk dua kolom (%d dan %d); pilih satu", fi.Label.ID, first+1, c+1),
				EN: fmt.Sprintf("%s is chosen for two columns (%d and %d); choose one", fi.Label.EN, first+1, c+1),
			})
			continue
		}
		seen[f] = c
	}
	if entity == EntityAnnualReport {
		return reportMappingProblems(seen, problems)
	}
	// An attendance sheet names people; the business name may be missing.
	named := bina.FieldName
	if entity == EntityAttendance {
		named = bina.FieldOwnerName
	}
	if _, ok := seen[named]; !ok {
		fi := known[named]
		add(named, bina.Text{
			ID: "Pilih kolom " + fi.Label.ID + ": tanpa nama, data tidak bisa dikenali",
			EN: "Choose the column for " + fi.Label.EN + ": without a name, records cannot be recognised",
		})
	}
	_, village := seen[bina.FieldVillage]
	_, code := seen[bina.FieldVillageCode]
	if !village && !code {
		add(bina.FieldVillage, txt("Pilih kolom Desa/Kelurahan atau Kode Desa: tanpa itu lokasi tidak bisa ditentukan", "Choose the Village or Village code column: without one the location cannot be placed"))
	}
	if len(problems) == 0 {
		return nil
	}
	return &bina.Error{Code: bina.Invalid, Message: txt("Pemetaan kolom belum lengkap; periksa kolom yang ditandai.", "The column mapping needs attention."), Fields: problems}
}
