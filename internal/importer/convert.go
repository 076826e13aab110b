package importer

import (
	"bina/imports"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"bina"
)

// Conversion: one data row of an import file, read through its column
// mapping, becomes the record it describes with every problem found, named
// by the file's own column header so that an official can find the cell.
//
// What stops a row and what does not (the cell's value is then left empty,
// which means "not known" in every domain type, and a note says why):
//
//   - A row is rejected when its record cannot be identified (no business
//     or owner name), cannot be placed (its region lies outside the
//     deployment or outside the author's area), fails the record's own
//     validation, or when a cell that feeds the register's figures cannot
//     be read: amounts (capital, assets, sales), worker and member counts,
//     years and months, coded values with a default (legal form, operating
//     status, the cooperative's type, form, pattern and group) and the
//     coaching flag and date. Storing such a row with the cell left out
//     would quietly change the office's totals; the report tells the
//     official which cell to fix, and the fixed file imports cleanly.
//   - Identity and contact numbers (NIK, NIB, phone, NPWP, registration
//     number), the owner's personal details (gender, birth date,
//     education, disability), KBLI codes, the size the owner reported,
//     digital channels, coordinates and legal dates are left empty with a
//     note when they cannot be read. The business is real and the rest of
//     its row is good; the number is flagged, never guessed. This is how a
//     NIK that Excel turned into 3.2E+15 is handled: the row is imported
//     without the NIK and the report says so (DOMAIN.md: "flag, never
//     silently drop").
//   - A desa that cannot be placed with confidence sends the row to the
//     review queue with the candidate desa, never to a guessed desa.

// ConvertConfig is what a Converter needs besides the job.
type ConvertConfig struct {
	Ref     bina.Reference
	Matcher *RegionMatcher
	// Scope is the region the job's author may write in; rows placed
	// outside it are rejected. "" means the deployment's root.
	Scope bina.RegionCode
	// Kelompoks are the office's cooperative groups (default
	// DefaultKelompoks).
	Kelompoks bina.Options
}

// Converter converts the data rows of one import: built once per job from
// its header and mapping, then called for every row. It is safe for
// concurrent use.
type Converter struct {
	entity      bina.Entity
	cfg         ConvertConfig
	now         time.Time
	source      string
	header      []string
	headerKey   []string // trimmed lower-case header cells, to spot repeated headers
	cols        []convCol
	region      [5]int // columns of province, regency, district, village, village code; -1 when unmapped
	lat, lon    int
	sourceID    int
	fieldCol    map[string]string // record field → header of its first column, for messages
	fields      []string          // record fields the mapping fills
	educations  optionIndex       // the labels of Educations
	coordHeader string            // the header of the coordinate columns, for messages
	programme   int64             // the programme of an attendance import
	salesYear   int               // the year of a sales figure whose row gives none (salesYearOf)
}

// convCol is one mapped column.
type convCol struct {
	col    int
	field  bina.Field
	kind   bina.FieldKind
	opts   bina.Options
	header string
	// index reads the cells of a coded column (KindOption): the options
	// of the column (for a cooperative's group, the office's groups).
	index optionIndex
	// ent and coop are the entries of the field the column sets, of the
	// job's entity; both are nil for a folded column (foldCell).
	ent    *bina.RecordField[bina.Enterprise]
	coop   *bina.RecordField[bina.Cooperative]
	strict bool // the field's Strict
}

// Region positions in Converter.region.
const (
	rProvince = iota
	rRegency
	rDistrict
	rVillage
	rCode
)

// NewConverter prepares the conversion of job j's rows: j.Entity, Header,
// Mapping and Source are used. It returns the mapping's Invalid error when
// the mapping cannot import records.
func NewConverter(j *imports.Job, cfg ConvertConfig) (*Converter, error) {
	if err := j.Mapping.Validate(j.Entity); err != nil {
		return nil, err
	}
	if cfg.Matcher == nil || cfg.Ref.Regions == nil {
		return nil, bina.Errorf(bina.Internal, "konversi tanpa data wilayah", "conversion without region data")
	}
	if cfg.Scope == "" {
		cfg.Scope = cfg.Ref.Regions.Root()
	}
	if cfg.Kelompoks == nil {
		cfg.Kelompoks = bina.DefaultKelompoks
	}
	c := &Converter{
		entity:   j.Entity,
		cfg:      cfg,
		now:      cfg.Ref.Clock(),
		source:   j.Source,
		header:   j.Header,
		lat:      -1,
		lon:      -1,
		sourceID: -1,
		region:   [5]int{-1, -1, -1, -1, -1},
		fieldCol: map[string]string{},
	}
	if j.Entity == imports.EntityAttendance {
		c.programme = j.ProgrammeID
		c.source = bina.SourceProgramme
	}
	c.educations = indexOptions(bina.Educations)
	if c.source == "" {
		c.source = "import"
	}
	for _, h := range j.Header {
		c.headerKey = append(c.headerKey, strings.ToLower(strings.TrimSpace(h)))
	}
	cols := make([]int, 0, len(j.Mapping))
	for col := range j.Mapping {
		cols = append(cols, col)
	}
	slices.Sort(cols)
	fields := map[string]bool{}
	for _, col := range cols {
		f := j.Mapping[col]
		if f == "" {
			continue
		}
		fi, _ := imports.LookupField(j.Entity, f)
		h := ""
		if col < len(j.Header) {
			h = strings.TrimSpace(j.Header[col])
		}
		if h == "" {
			h = fi.Label.ID
		}
		cc := convCol{col: col, field: f, kind: fi.Kind, opts: fi.Options, header: h}
		if f == bina.FieldKelompok {
			cc.opts = cfg.Kelompoks // the office's own groups
		}
		if cc.kind == bina.KindOption {
			cc.index = indexOptions(cc.opts)
		}
		if j.Entity == bina.EntityCooperative {
			cc.coop = target(cooperativeTable, fi)
			cc.strict = cc.coop != nil && cc.coop.Strict
		} else {
			cc.ent = target(enterpriseTable, fi)
			cc.strict = cc.ent != nil && cc.ent.Strict
		}
		switch f {
		case bina.FieldProvince:
			c.region[rProvince] = col
		case bina.FieldRegency:
			c.region[rRegency] = col
		case bina.FieldDistrict:
			c.region[rDistrict] = col
		case bina.FieldVillage:
			c.region[rVillage] = col
		case bina.FieldVillageCode:
			c.region[rCode] = col
		case bina.FieldLatitude:
			c.lat = col
		case bina.FieldLongitude:
			c.lon = col
		default:
			if f == bina.FieldSourceID {
				c.sourceID = col
			}
			c.cols = append(c.cols, cc)
		}
		for _, rf := range recordFieldsOf(j.Entity, f) {
			if _, ok := c.fieldCol[rf]; !ok {
				c.fieldCol[rf] = h
			}
			fields[rf] = true
		}
	}
	c.coordHeader = c.headerOf(c.lat, c.lon)
	c.salesYear = bina.LastFullYear(c.now)
	for _, cc := range c.cols {
		if cc.field == bina.FieldSales {
			c.salesYear = salesYearOf(cc.header, c.now)
		}
	}
	for f := range fields {
		c.fields = append(c.fields, f)
	}
	slices.Sort(c.fields)
	return c, nil
}

// recordFieldsOf returns the record fields (as the history names them) that
// a column of field f fills.
func recordFieldsOf(e bina.Entity, f bina.Field) []string {
	switch f {
	case bina.FieldProvince, bina.FieldRegency, bina.FieldDistrict, bina.FieldVillage, bina.FieldVillageCode:
		return []string{"village_code"}
	case bina.FieldLatitude:
		return []string{"latitude"}
	case bina.FieldLongitude:
		return []string{"longitude"}
	case bina.FieldKBLIMore:
		return []string{"kbli"}
	case bina.FieldKBLISection:
		return nil
	case bina.FieldActivity, bina.FieldPhoto, bina.FieldSector, bina.FieldStatus, bina.FieldGrade, bina.FieldEmail, bina.FieldPhone, bina.FieldMembers, bina.FieldLastRATYear:
		if f == bina.FieldStatus && e == bina.EntityEnterprise {
			return []string{"status"}
		}
		return []string{"notes"}
	case bina.FieldSalesYear:
		return []string{"sales"}
	}
	fi, _ := imports.LookupField(e, f)
	if fi.Into != "" {
		return []string{string(fi.Into)}
	}
	return []string{string(f)}
}

// Fields returns the record fields (names as in the history: "nib",
// "owner.phone", "address", ...) that the mapping fills. An import that
// updates a record changes these and keeps the others.
func (c *Converter) Fields() []string { return slices.Clone(c.fields) }

// Entity returns the kind of record the rows describe.
func (c *Converter) Entity() bina.Entity { return c.entity }

// IsDataRow reports whether a row of the file below the header holds data:
// not blank, and not the header again (files pasted together repeat it).
func (c *Converter) IsDataRow(cells []string) bool {
	blank := true
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			blank = false
			break
		}
	}
	if blank {
		return false
	}
	same, compared := 0, 0
	for i, s := range cells {
		s = strings.TrimSpace(s)
		if s == "" || i >= len(c.headerKey) {
			continue
		}
		compared++
		if strings.EqualFold(s, c.headerKey[i]) {
			same++
		} else {
			return true
		}
	}
	// Every filled cell is its column's header: the header again (a data
	// row never names two of its own columns).
	return !(same >= 2 || same == len(c.headerKey))
}

// cell returns the trimmed cell of column col.
func cell(cells []string, col int) string {
	if col < 0 || col >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[col])
}

// rowState collects the problems and the folded parts of one row.
type rowState struct {
	errs, notes []bina.FieldError
	addr        [3]string // address, RT, RW
	ownerAddr   [7]string // address, RT, RW, village, district, regency, province
	noteLines   []noteLine
	salesAmount int64
	salesGiven  bool
	salesYear   int
	kbliMain    []bina.KBLICode
	kbliMore    []bina.KBLICode
	section     string
	postcode    string
}

// colText is "Kolom "<header>": " in both languages.
func colText(header string, msg bina.Text) bina.Text {
	return bina.Text{ID: "Kolom \"" + header + "\": " + msg.ID, EN: "Column \"" + header + "\": " + msg.EN}
}

func (st *rowState) fail(cc *convCol, msg bina.Text) {
	st.errs = append(st.errs, bina.FieldError{Field: string(cc.field), Message: colText(cc.header, msg)})
}

func (st *rowState) note(cc *convCol, msg bina.Text) {
	st.notes = append(st.notes, bina.FieldError{Field: string(cc.field), Message: colText(cc.header, msg)})
}

// dropped is the note of a cell left empty.
func (st *rowState) dropped(cc *convCol, msg bina.Text) {
	st.note(cc, bina.Text{ID: msg.ID + "; dikosongkan", EN: msg.EN + "; left empty"})
}

// Convert converts one data row; line is its number as a spreadsheet
// program shows it. The row's Outcome is OutcomeRejected (Problems say
// why), OutcomeReview (the desa could not be placed: Region has the
// candidates) or OutcomeCreated, which the store turns into updated,
// unchanged or a duplicate review when the register already knows the
// record. Problems of rows that are not rejected are notes.
func (c *Converter) Convert(line int, cells []string) imports.Row {
	if c.entity == imports.EntityAnnualReport {
		return c.convertReport(line, cells)
	}
	row := imports.Row{Line: line, Cells: cells}
	var st rowState
	var e *bina.Enterprise
	var co *bina.Cooperative
	var att *imports.Attendance
	if c.entity == imports.EntityAttendance {
		att = &imports.Attendance{State: imports.AttendanceAttended}
	}
	if c.entity == bina.EntityCooperative {
		co = &bina.Cooperative{Source: c.source}
	} else {
		e = &bina.Enterprise{Source: c.source}
	}
	for i := range c.cols {
		cc := &c.cols[i]
		switch s := cell(cells, cc.col); {
		case s == "":
		case att != nil && (cc.field == imports.FieldAttendedOn || cc.field == imports.FieldAttendance):
			c.attendanceCell(att, &st, cc, s)
		case cc.ent != nil:
			setField(c, e, cc.ent, &st, cc, s)
		case cc.coop != nil:
			setField(c, co, cc.coop, &st, cc, s)
		default:
			c.foldCell(&st, cc, s)
		}
	}

	// Coordinates.
	var lat, lon *float64
	if c.lat >= 0 || c.lon >= 0 {
		la, lo := cell(cells, c.lat), cell(cells, c.lon)
		y, x, msg, ok := ParseCoordinate(la, lo)
		cc := &convCol{field: bina.FieldLatitude, header: c.coordHeader}
		switch {
		case !ok:
			st.dropped(cc, msg)
		case msg.ID != "":
			st.note(cc, msg)
		}
		lat, lon = y, x
	}

	// Region.
	row.Region = c.matchRegion(cells)
	placed := c.place(&row, &st)

	if e != nil {
		e.Address = joinAddress(st.addr[:])
		e.Owner.Address = joinAddress(st.ownerAddr[:])
		e.Latitude, e.Longitude = lat, lon
		e.KBLI = append(st.kbliMain, st.kbliMore...)
		if len(e.KBLI) > 1 {
			e.KBLI = slices.CompactFunc(e.KBLI, func(a, b bina.KBLICode) bool { return a == b })
		}
		if st.salesGiven {
			y := st.salesYear
			if y == 0 {
				y = c.salesYear
			}
			e.Sales = []bina.AnnualSales{{Year: y, Amount: st.salesAmount}}
		}
		c.checkSection(e, &st)
		if att != nil {
			c.attendanceRecord(e, &st)
			row.Attendance = att
		}
		e.Notes = joinNotes(e.Notes, st.noteLines)
		e.VillageCode = row.Region.Code
		if !placed {
			e.VillageCode = ""
		}
		e.Normalize()
		slices.SortStableFunc(e.Sales, func(a, b bina.AnnualSales) int { return b.Year - a.Year })
		c.validate(e.Validate(c.cfg.Ref), placed, &st)
		row.Enterprise = e
		row.Keys = imports.EnterpriseKeys(e)
		row.Key = c.rowKey(cells, row.Keys)
		row.Hash = ContentHash(e)
	} else {
		co.Address = joinAddress(st.addr[:])
		if st.postcode != "" {
			co.Address = strings.TrimSpace(co.Address + " " + st.postcode)
		}
		co.Latitude, co.Longitude = lat, lon
		if len(st.kbliMain) > 0 {
			co.KBLI = st.kbliMain[0]
		}
		co.Notes = joinNotes(co.Notes, st.noteLines)
		co.VillageCode = row.Region.Code
		if !placed {
			co.VillageCode = ""
		}
		co.Normalize()
		c.validate(co.Validate(c.cfg.Ref, c.cfg.Kelompoks), placed, &st)
		row.Cooperative = co
		row.Keys = imports.CooperativeKeys(co)
		row.Key = c.rowKey(cells, row.Keys)
		row.Hash = CooperativeContentHash(co)
	}

	switch {
	case len(st.errs) > 0:
		row.Outcome = imports.OutcomeRejected
		row.Problems = append(st.errs, st.notes...)
	case !placed:
		row.Outcome = imports.OutcomeReview
		row.Problems = st.notes
	default:
		row.Outcome = imports.OutcomeCreated
		row.Problems = st.notes
	}
	return row
}

// headerOf returns the header of the first of the columns that exists.
func (c *Converter) headerOf(cols ...int) string {
	for _, col := range cols {
		if col >= 0 && col < len(c.header) && strings.TrimSpace(c.header[col]) != "" {
			return strings.TrimSpace(c.header[col])
		}
	}
	return ""
}

// rowKey returns RowKey of the row.
// An import by someone whose area is narrower than the deployment keeps
// its keys apart ("61.12.01/" and the key): a key written by an import of
// another area could otherwise tell that a record exists outside the
// author's area.
func (c *Converter) rowKey(cells []string, k imports.DuplicateKeys) string {
	id := cell(cells, c.sourceID)
	var key string
	if id != "" || k.Village != "" {
		key = RowKey(id, k, "")
	} else {
		key = RowKey("", k, c.regionText(cells))
	}
	if c.cfg.Scope != c.cfg.Ref.Regions.Root() {
		key = string(c.cfg.Scope) + "/" + key
	}
	if c.entity == imports.EntityAttendance {
		key = attendanceKey(c.programme, key)
	}
	return key
}

// validate adds the record's validation problems, named by their columns.
// The missing desa of a row waiting for a region review is not one.
func (c *Converter) validate(err error, placed bool, st *rowState) {
	if err == nil {
		return // without the allocation of ErrorFields' errors.As
	}
	for _, fe := range bina.ErrorFields(err) {
		if !placed && fe.Field == "village_code" {
			continue
		}
		if h, ok := c.fieldCol[fe.Field]; ok {
			fe.Message = colText(h, fe.Message)
		}
		st.errs = append(st.errs, fe)
	}
}

// yearInHeader finds a year written in a column's header: "Omzet 2024",
// "Omzet Tahun 2023 (Rp)".
var yearInHeader = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:\D|$)`)

// salesYearOf returns the year of the sales figures of a column headed
// header, for the rows that give no year of their own: the year the
// header names, when it is a past or the current year, else the last full
// year before now (bina.LastFullYear), since a year still running has no
// annual sales yet.
func salesYearOf(header string, now time.Time) int {
	if m := yearInHeader.FindStringSubmatch(header); m != nil {
		if y, err := strconv.Atoi(m[1]); err == nil && y >= 1990 && y <= now.Year() {
			return y
		}
	}
	return bina.LastFullYear(now)
}
