package bina

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// RecordField is one entry of an entity's field table (EnterpriseTable,
// CooperativeTable): an import column and, when it is a field of the record
// T, how to read and write it, which the importer, the export, merges and
// the history use, so that an ordinary new field is one entry. An entry
// without an accessor is a column the importer folds into another field or
// the notes; one without Kind is a field no column reads.
type RecordField[T any] struct {
	// The import column, as FieldInfo describes it. Field is also the
	// name of the record field in the history and merges ("owner.phone").
	Field   Field
	Label   Text
	Kind    FieldKind
	Options Options
	Into    Field
	// History is the record field's name in the history and on forms.
	History Text
	// Strict: an unreadable cell rejects the row, as the field feeds the
	// register's figures; otherwise the cell is left empty with a note.
	Strict bool
	// NoMerge keeps the field out of merges: derived values, provenance.
	NoMerge bool
	// Column is the stored column of a field with a typed accessor that
	// the store reads and writes through this entry (StoredFields); empty
	// for the fields the store's own column lists name. A new plain field
	// is an entry with a Column, its struct member and its migration.
	Column string
	// At most one accessor is set. The typed ones return a pointer to the
	// field, to read and to write it; Value writes a field of another type
	// as the history shows it, and Take copies it from src into dst.
	Text  func(*T) *string
	Int   func(*T) *int
	Int64 func(*T) *int64
	Bool  func(*T) *bool
	Date  func(*T) *Date
	Value func(*T) string
	Take  func(dst, src *T)
}

// Typed reports whether the entry has a typed accessor, through which an
// import sets the field from a cell of its Kind.
func (f *RecordField[T]) Typed() bool {
	return f.Text != nil || f.Int != nil || f.Int64 != nil || f.Bool != nil || f.Date != nil
}

// Format returns the field of x as the history writes it.
func (f *RecordField[T]) Format(x *T) string {
	switch {
	case f.Text != nil:
		return *f.Text(x)
	case f.Int != nil:
		return strconv.Itoa(*f.Int(x))
	case f.Int64 != nil:
		return strconv.FormatInt(*f.Int64(x), 10)
	case f.Bool != nil:
		return strconv.FormatBool(*f.Bool(x))
	case f.Date != nil:
		return f.Date(x).String()
	case f.Value != nil:
		return f.Value(x)
	}
	return ""
}

// take copies the field from src into dst; false when a merge cannot.
func (f *RecordField[T]) take(dst, src *T) bool {
	switch {
	case f.NoMerge:
		return false
	case f.Take != nil:
		f.Take(dst, src)
		return true
	}
	return cp(f.Text, dst, src) || cp(f.Int, dst, src) || cp(f.Int64, dst, src) || cp(f.Bool, dst, src) || cp(f.Date, dst, src)
}

// cp copies the field that p points to from src into dst, if p is set.
func cp[T, V any](p func(*T) *V, dst, src *T) bool {
	if p != nil {
		*p(dst) = *p(src)
	}
	return p != nil
}

// Ref returns a pointer to the field of x for reading a stored value into
// it, Val the value to store; both for typed accessors only.
func (f *RecordField[T]) Ref(x *T) any {
	switch {
	case f.Text != nil:
		return f.Text(x)
	case f.Int != nil:
		return f.Int(x)
	case f.Int64 != nil:
		return f.Int64(x)
	case f.Bool != nil:
		return f.Bool(x)
	case f.Date != nil:
		return f.Date(x)
	}
	return nil
}

// Val returns the value of the field of x, to store.
func (f *RecordField[T]) Val(x *T) any {
	switch p := f.Ref(x).(type) {
	case *string:
		return *p
	case *int:
		return *p
	case *int64:
		return *p
	case *bool:
		return *p
	case *Date:
		return *p
	}
	return nil
}

// StoredFields returns the entries of table that the store keeps through
// the table (a Column and a typed accessor), in table order.
func StoredFields[T any](table []RecordField[T]) []RecordField[T] {
	var out []RecordField[T]
	for _, f := range table {
		if f.Column != "" && f.Typed() {
			out = append(out, f)
		}
	}
	return out
}

// EnterpriseTable returns the field table of enterprises; the entries'
// lists are shared and must not be changed.
func EnterpriseTable() []RecordField[Enterprise] { return slices.Clone(enterpriseTable) }

// CooperativeTable returns the field table of cooperatives.
func CooperativeTable() []RecordField[Cooperative] { return slices.Clone(cooperativeTable) }

// FindField returns the entry of table for field f, or nil.
func FindField[T any](table []RecordField[T], f Field) *RecordField[T] {
	for i := range table {
		if table[i].Field == f {
			return &table[i]
		}
	}
	return nil
}

// columns returns the import columns of a table (its entries with a
// Kind), or the one of field only when only is set.
func columns[T any](table []RecordField[T], only Field) []FieldInfo {
	var out []FieldInfo
	for _, f := range table {
		if f.Kind != "" && (only == "" || f.Field == only) {
			out = append(out, FieldInfo{Field: f.Field, Label: f.Label, Kind: f.Kind, Options: slices.Clone(f.Options),
				Into: f.Into})
		}
	}
	return out
}

// MergeFields returns the fields a merge can take from an incoming record
// of entity, as the history names them.
func MergeFields(entity Entity) []string {
	if entity == EntityCooperative {
		return mergeFields(cooperativeTable)
	}
	return mergeFields(enterpriseTable)
}

func mergeFields[T any](table []RecordField[T]) []string {
	var out []string
	for _, f := range table {
		if !f.NoMerge && (f.Typed() || f.Take != nil) {
			out = append(out, string(f.Field))
		}
	}
	return out
}

// TakeFields copies the named fields (as MergeFields names them) from
// another record into e, leaving all others; Invalid names a field it does
// not know. "owner.*" fields change the owner's details, not which person
// owns the business; sales keep the years that from lacks; a total of
// workers that was derived from the split follows it (followSplit).
func (e *Enterprise) TakeFields(from *Enterprise, fields []string) error {
	derived := e.WorkersTotal == e.Workers()
	err := takeFields(enterpriseTable, e, from, fields)
	e.followSplit(derived, fields)
	return err
}

// TakeFields copies the named fields from another cooperative into c.
func (c *Cooperative) TakeFields(from *Cooperative, fields []string) error {
	return takeFields(cooperativeTable, c, from, fields)
}

func takeFields[T any](table []RecordField[T], dst, src *T, fields []string) error {
	var p Problems
	for _, name := range fields {
		if f := FindField(table, Field(name)); f == nil || !f.take(dst, src) {
			p.Add("fields", "Kolom %q tidak dapat digabung", "Field %q cannot be merged", name)
		}
	}
	return p.Err()
}

// mergeSales keeps the years of old that new does not give: a file with
// this year's sales does not erase last year's.
func mergeSales(old, new []AnnualSales) []AnnualSales {
	out := slices.Clone(new)
	for _, o := range old {
		if !slices.ContainsFunc(new, func(n AnnualSales) bool { return n.Year == o.Year }) {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(a, b AnnualSales) int { return b.Year - a.Year })
	return out
}

// joinEach writes the items of a list for the history (text writes one),
// joined by sep.
func joinEach[E any](xs []E, sep string, text func(E) string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = text(x)
	}
	return strings.Join(parts, sep)
}

// floatText writes a coordinate for the history.
func floatText(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// The history's text of the items of a record's lists.
func kbliText(k KBLICode) string { return string(k.Version) + ":" + k.Code }
func salesText(s AnnualSales) string {
	return strconv.Itoa(s.Year) + ": " + strconv.FormatInt(s.Amount, 10)
}
func unitText(u BusinessUnit) string { return fmt.Sprintf("%s (%s)", u.Name, u.Kind) }
func amendmentText(a Amendment) string {
	return strings.TrimSpace(fmt.Sprintf("%s (%s) %s", a.Number, a.Date, a.Note))
}
func officerText(o Officer) string {
	return fmt.Sprintf("%s: %s [%s] %s %s..%s", o.Role, o.Name, o.Gender, o.Phone, o.TermStart, o.TermEnd)
}
