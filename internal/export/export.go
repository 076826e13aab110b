// Package export defines the files Bina writes for people and for other systems, defined
// here once so that the pages, the API and the command line write the same
// columns. A layout says which columns a file has and how each cell is
// filled from a record; the spreadsheet writers (internal/sheet) put the
// cells in a file. Cells are typed: a string is text (the writers
// neutralise it so that it can never run as a formula), an int or int64 a
// number, a float64 a decimal number, nil an empty cell.
//
// Three kinds of file:
//
//   - Bina's own files (BinaLayout, CooperativeLayout): the columns of the
//     import templates, headed as the templates head them and with values
//     the import parsers read back, so that an exported file can be edited
//     and imported again. The personal columns are left out entirely for
//     roles that may not see personal data.
//   - The SIDT bulk format (SIDTLayout): the 49 columns of DOMAIN.md
//     section 9 in their order; personal cells are blank for those roles.
//   - Open data in the Satu Data shape (OpenDataTable): counts per
//     kecamatan and category, never a record, with small cells withheld.
package export

import (
	"bina/imports"
	"fmt"
	"iter"
	"sort"
	"strconv"
	"strings"
	"time"

	"bina"
)

// ExportPageSize is the page size exports read the register with: the
// largest a list accepts (EnterpriseFilter.Limit), so that a million rows
// take five thousand reads while memory holds one page.
const ExportPageSize = 200

// ExportColumn is one column of an exported file.
type ExportColumn struct {
	Header string
	// Field is the import field that reads the column back, or "" when
	// no import field does.
	Field bina.Field
	// Personal marks personal data (UU 27/2022): owner NIK, phone, birth
	// date and home address, officers' phones.
	Personal bool
}

// Layout is the shape of an exported file of records of type T: its
// columns and how each cell is filled from a record.
type Layout[T any] struct {
	Name    string // "bina", "sidt", "koperasi"
	Columns []ExportColumn
	cells   []func(*T) any
}

// add appends a column, or leaves it out when it is personal and the file
// is made for a role that may not see personal data.
func (l *Layout[T]) add(c ExportColumn, keepPersonal bool, cell func(*T) any) {
	if c.Personal && !keepPersonal {
		return
	}
	l.Columns = append(l.Columns, c)
	l.cells = append(l.cells, cell)
}

// Header returns the header row.
func (l *Layout[T]) Header() []string {
	out := make([]string, len(l.Columns))
	for i, c := range l.Columns {
		out[i] = c.Header
	}
	return out
}

// HeaderRow returns the header row as cells.
func (l *Layout[T]) HeaderRow() []any {
	out := make([]any, len(l.Columns))
	for i, c := range l.Columns {
		out[i] = c.Header
	}
	return out
}

// AppendRow appends the cells of x to dst[:0] and returns it: a caller
// writing a million rows reuses one slice.
func (l *Layout[T]) AppendRow(dst []any, x *T) []any {
	dst = dst[:0]
	for _, cell := range l.cells {
		dst = append(dst, cell(x))
	}
	return dst
}

// Rows turns records into rows of cells, one slice reused for every row
// (the spreadsheet writers copy what they are given).
func (l *Layout[T]) Rows(items iter.Seq2[*T, error]) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		row := make([]any, 0, len(l.cells))
		for x, err := range items {
			if err != nil {
				yield(nil, err)
				return
			}
			row = l.AppendRow(row, x)
			if !yield(row, nil) {
				return
			}
		}
	}
}

// ExportID returns the identifier an exported row carries: the record's
// id in the system it came from, or "bina-<id>" for records made in Bina,
// so that a file exported, edited and imported again names the records it
// came from (see ParseExportID).
func ExportID(sourceID string, id int64) string {
	if sourceID != "" {
		return sourceID
	}
	return "bina-" + strconv.FormatInt(id, 10)
}

// ParseExportID returns the register id of an identifier made by ExportID
// for a record made in Bina.
func ParseExportID(s string) (int64, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), "bina-")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}

// Cell helpers. Zero amounts, years and months mean "not recorded" in the
// register, so they are written as empty cells; counts of people are
// written as they are.

func textCell(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func amountCell(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func whenCell(v int) any {
	if v == 0 {
		return nil
	}
	return v
}

// dateCell is a date: a date cell in an .xlsx, YYYY-MM-DD in a CSV.
func dateCell(d bina.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

func coordCell(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func yesNoCell(b bool) any {
	if b {
		return "Ya"
	}
	return "Tidak"
}

// ChoiceLabel returns how a coded value is written in Bina's files and
// offered in the drop-down lists of its templates: its Indonesian label,
// which the import parsers read back ("Tutup sementara", "SMA/SMK/sederajat"),
// or code itself when it is not one of os. Gender is the exception, written
// by its code (L or P) as Indonesian forms write it and as the template's
// help says (see FieldChoices).
func ChoiceLabel(os bina.Options, code string) string {
	if code == "" {
		return ""
	}
	for _, o := range os {
		if o.Code == code {
			return o.ID
		}
	}
	return code
}

// FieldChoices returns the values offered in the drop-down list of a field
// in a downloadable template: the labels of its options, "Ya" and "Tidak"
// for yes/no fields, the names of the deployment's regions for region
// fields. kelompoks is the office's current list of cooperative groups.
// nil means free input.
func FieldChoices(fi bina.FieldInfo, ref bina.Reference, kelompoks bina.Options) []string {
	switch fi.Kind {
	case bina.KindBool:
		return []string{"Ya", "Tidak"}
	case bina.KindRegionName:
		return regionChoices(fi.Field, ref.Regions)
	case bina.KindGender:
		return bina.Genders.Codes()
	}
	opts := fi.Options
	if fi.Field == bina.FieldKelompok && len(kelompoks) > 0 {
		opts = kelompoks
	}
	if len(opts) == 0 {
		return nil
	}
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = ChoiceLabel(opts, o.Code)
	}
	return out
}

// regionChoices returns the names of the regions at the level of a region
// field inside the deployment (and its ancestors above the root), sorted
// and without repeats: a name found in two kecamatan is offered once, and
// the import places it by the kecamatan column.
func regionChoices(f bina.Field, t *bina.RegionTree) []string {
	if t == nil {
		return nil
	}
	var level bina.RegionLevel
	switch f {
	case bina.FieldProvince:
		level = bina.LevelProvince
	case bina.FieldRegency:
		level = bina.LevelRegency
	case bina.FieldDistrict:
		level = bina.LevelDistrict
	case bina.FieldVillage:
		level = bina.LevelVillage
	default:
		return nil
	}
	var regions []bina.Region
	root := t.Root()
	if root.Level() >= level {
		if r, ok := t.Get(root.Truncate(level)); ok {
			regions = []bina.Region{r}
		}
	} else {
		regions = t.AtLevel(level)
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range regions {
		if !seen[r.Name] {
			seen[r.Name] = true
			out = append(out, r.Name)
		}
	}
	sort.Strings(out)
	return out
}

// The field tables, read once; the cells point into them.
var (
	enterpriseTable  = bina.EnterpriseTable()
	cooperativeTable = bina.CooperativeTable()
)

// fieldCell returns how the cell of a field of the record is written from
// its entry in the field table, so that the import reads it back: coded
// values by their labels (gender by its code), yes and no as "Ya" and
// "Tidak", zero amounts, years and months empty, counts as they are. It
// returns nil for an entry that is not a field of the record.
func fieldCell[T any](f *bina.RecordField[T]) func(*T) any {
	switch {
	case f == nil:
		return nil
	case f.Text != nil && len(f.Options) > 0 && f.Kind != bina.KindGender:
		return func(x *T) any { return textCell(ChoiceLabel(f.Options, *f.Text(x))) }
	case f.Text != nil:
		return func(x *T) any { return textCell(*f.Text(x)) }
	case f.Int != nil && f.Kind == bina.KindCount:
		return func(x *T) any { return *f.Int(x) }
	case f.Int != nil:
		return func(x *T) any { return whenCell(*f.Int(x)) }
	case f.Int64 != nil:
		return func(x *T) any { return amountCell(*f.Int64(x)) }
	case f.Bool != nil:
		return func(x *T) any { return yesNoCell(*f.Bool(x)) }
	case f.Date != nil:
		return func(x *T) any { return dateCell(*f.Date(x)) }
	case f.Value != nil:
		return func(x *T) any { return textCell(f.Value(x)) }
	}
	return nil
}

// regionCell returns the cell of a region name column (province, regency,
// kecamatan, desa) of a record placed in the desa of village.
func regionCell[T any](f bina.Field, ref bina.Reference, village func(*T) bina.RegionCode) func(*T) any {
	return func(x *T) any {
		p, r, d, v := regionNames(ref.Regions, village(x))
		switch f {
		case bina.FieldProvince:
			return textCell(p)
		case bina.FieldRegency:
			return textCell(r)
		case bina.FieldDistrict:
			return textCell(d)
		}
		return textCell(v)
	}
}

// regionNames returns the names of the province, regency, kecamatan and
// desa of a village code ("" for levels the code does not reach).
func regionNames(t *bina.RegionTree, v bina.RegionCode) (prov, reg, dist, vil string) {
	if t == nil || v == "" {
		return
	}
	name := func(l bina.RegionLevel) string {
		if v.Level() < l {
			return ""
		}
		return t.Name(v.Truncate(l))
	}
	return name(bina.LevelProvince), name(bina.LevelRegency), name(bina.LevelDistrict), name(bina.LevelVillage)
}

// kbliEntry returns the catalogue entry of an enterprise's main KBLI code.
func kbliEntry(ref bina.Reference, k bina.KBLICode) (bina.KBLIEntry, bool) {
	if k.Code == "" {
		return bina.KBLIEntry{}, false
	}
	return ref.KBLI.Lookup(k)
}

// ExportFileName returns the name of an exported file: what, the region's
// name and the date, as "umkm-kubu-raya-2026-11-28.xlsx". The region's
// name drops the word "Kabupaten".
func ExportFileName(what, region string, day time.Time, ext string) string {
	region = strings.TrimSpace(region)
	for _, p := range []string{"Kabupaten ", "Kab. "} {
		region = strings.TrimPrefix(region, p)
	}
	parts := []string{what}
	if s := slug(region); s != "" {
		parts = append(parts, s)
	}
	return fmt.Sprintf("%s-%s.%s", strings.Join(parts, "-"), day.Format(time.DateOnly), ext)
}

// slug lowers s to ASCII letters and digits joined by dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		r = imports.FoldAccent(r)
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
