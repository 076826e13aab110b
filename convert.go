package bina

import (
	"slices"
	"strconv"
	"strings"
	"time"
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
	Ref     Reference
	Matcher *RegionMatcher
	// Scope is the region the job's author may write in; rows placed
	// outside it are rejected. "" means the deployment's root.
	Scope RegionCode
	// Kelompoks are the office's cooperative groups (default
	// DefaultKelompoks).
	Kelompoks Options
}

// Converter converts the data rows of one import: built once per job from
// its header and mapping, then called for every row. It is safe for
// concurrent use.
type Converter struct {
	entity      Entity
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
}

// convCol is one mapped column.
type convCol struct {
	col    int
	field  Field
	kind   FieldKind
	opts   Options
	header string
	// index reads the cells of a coded column (KindOption): the options
	// of the column (for a cooperative's group, the office's groups).
	index optionIndex
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
func NewConverter(j *ImportJob, cfg ConvertConfig) (*Converter, error) {
	if err := j.Mapping.Validate(j.Entity); err != nil {
		return nil, err
	}
	if cfg.Matcher == nil || cfg.Ref.Regions == nil {
		return nil, Errorf(Internal, "konversi tanpa data wilayah", "conversion without region data")
	}
	if cfg.Scope == "" {
		cfg.Scope = cfg.Ref.Regions.Root()
	}
	if cfg.Kelompoks == nil {
		cfg.Kelompoks = DefaultKelompoks
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
	c.educations = indexOptions(Educations)
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
		fi, _ := LookupField(j.Entity, f)
		h := ""
		if col < len(j.Header) {
			h = strings.TrimSpace(j.Header[col])
		}
		if h == "" {
			h = fi.Label.ID
		}
		cc := convCol{col: col, field: f, kind: fi.Kind, opts: fi.Options, header: h}
		if cc.kind == KindOption {
			cc.index = indexOptions(c.optionsOf(&cc))
		}
		switch f {
		case FieldProvince:
			c.region[rProvince] = col
		case FieldRegency:
			c.region[rRegency] = col
		case FieldDistrict:
			c.region[rDistrict] = col
		case FieldVillage:
			c.region[rVillage] = col
		case FieldVillageCode:
			c.region[rCode] = col
		case FieldLatitude:
			c.lat = col
		case FieldLongitude:
			c.lon = col
		default:
			if f == FieldSourceID {
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
	for f := range fields {
		c.fields = append(c.fields, f)
	}
	slices.Sort(c.fields)
	return c, nil
}

// recordFieldsOf returns the record fields (as the history names them) that
// a column of field f fills.
func recordFieldsOf(e Entity, f Field) []string {
	switch f {
	case FieldProvince, FieldRegency, FieldDistrict, FieldVillage, FieldVillageCode:
		return []string{"village_code"}
	case FieldLatitude:
		return []string{"latitude"}
	case FieldLongitude:
		return []string{"longitude"}
	case FieldKBLIMore:
		return []string{"kbli"}
	case FieldKBLISection:
		return nil
	case FieldActivity, FieldPhoto, FieldWorkers, FieldSector, FieldStatus, FieldGrade, FieldEmail, FieldPhone, FieldMembers, FieldLastRATYear:
		if f == FieldStatus && e == EntityEnterprise {
			return []string{"status"}
		}
		return []string{"notes"}
	case FieldSalesYear:
		return []string{"sales"}
	}
	fi, _ := LookupField(e, f)
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
func (c *Converter) Entity() Entity { return c.entity }

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
	errs, notes []FieldError
	addr        [3]string // address, RT, RW
	ownerAddr   [7]string // address, RT, RW, village, district, regency, province
	noteLines   []noteLine
	salesAmount int64
	salesGiven  bool
	salesYear   int
	kbliMain    []KBLICode
	kbliMore    []KBLICode
	section     string
	postcode    string
}

// colText is "Kolom "<header>": " in both languages.
func colText(header string, msg Text) Text {
	return Text{ID: "Kolom \"" + header + "\": " + msg.ID, EN: "Column \"" + header + "\": " + msg.EN}
}

func (st *rowState) fail(cc *convCol, msg Text) {
	st.errs = append(st.errs, FieldError{Field: string(cc.field), Message: colText(cc.header, msg)})
}

func (st *rowState) note(cc *convCol, msg Text) {
	st.notes = append(st.notes, FieldError{Field: string(cc.field), Message: colText(cc.header, msg)})
}

// dropped is the note of a cell left empty.
func (st *rowState) dropped(cc *convCol, msg Text) {
	st.note(cc, Text{ID: msg.ID + "; dikosongkan", EN: msg.EN + "; left empty"})
}

// Convert converts one data row; line is its number as a spreadsheet
// program shows it. The row's Outcome is OutcomeRejected (Problems say
// why), OutcomeReview (the desa could not be placed: Region has the
// candidates) or OutcomeCreated, which the store turns into updated,
// unchanged or a duplicate review when the register already knows the
// record. Problems of rows that are not rejected are notes.
func (c *Converter) Convert(line int, cells []string) ImportRow {
	row := ImportRow{Line: line, Cells: cells}
	var st rowState
	var e *Enterprise
	var co *Cooperative
	if c.entity == EntityCooperative {
		co = &Cooperative{Source: c.source}
		for i := range c.cols {
			c.cooperativeCell(co, &st, &c.cols[i], cell(cells, c.cols[i].col))
		}
	} else {
		e = &Enterprise{Source: c.source}
		for i := range c.cols {
			c.enterpriseCell(e, &st, &c.cols[i], cell(cells, c.cols[i].col))
		}
	}

	// Coordinates.
	var lat, lon *float64
	if c.lat >= 0 || c.lon >= 0 {
		la, lo := cell(cells, c.lat), cell(cells, c.lon)
		y, x, msg, ok := ParseCoordinate(la, lo)
		cc := &convCol{field: FieldLatitude, header: c.coordHeader}
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
			e.KBLI = slices.CompactFunc(e.KBLI, func(a, b KBLICode) bool { return a == b })
		}
		if st.salesGiven {
			y := st.salesYear
			if y == 0 {
				y = c.now.Year()
			}
			e.Sales = []AnnualSales{{Year: y, Amount: st.salesAmount}}
		}
		c.checkSection(e, &st)
		e.Notes = joinNotes(e.Notes, st.noteLines)
		e.VillageCode = row.Region.Code
		if !placed {
			e.VillageCode = ""
		}
		e.Normalize()
		slices.SortStableFunc(e.Sales, func(a, b AnnualSales) int { return b.Year - a.Year })
		c.validate(e.Validate(c.cfg.Ref), placed, &st)
		row.Enterprise = e
		row.Keys = EnterpriseKeys(e)
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
		row.Keys = CooperativeKeys(co)
		row.Key = c.rowKey(cells, row.Keys)
		row.Hash = CooperativeContentHash(co)
	}

	switch {
	case len(st.errs) > 0:
		row.Outcome = OutcomeRejected
		row.Problems = append(st.errs, st.notes...)
	case !placed:
		row.Outcome = OutcomeReview
		row.Problems = st.notes
	default:
		row.Outcome = OutcomeCreated
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
func (c *Converter) rowKey(cells []string, k DuplicateKeys) string {
	id := cell(cells, c.sourceID)
	if id != "" || k.Village != "" {
		return RowKey(id, k, "")
	}
	return RowKey("", k, c.regionText(cells))
}

// regionText is the row's region cells as written, for the key of a row
// whose desa is not known yet.
func (c *Converter) regionText(cells []string) string {
	var b strings.Builder
	for _, col := range c.region {
		b.WriteString(strings.ToLower(cell(cells, col)))
		b.WriteByte('|')
	}
	return b.String()
}

// matchRegion matches the row's region cells: the village code when the
// row has one (it wins over the names), else the names.
func (c *Converter) matchRegion(cells []string) RegionMatch {
	if code := cell(cells, c.region[rCode]); code != "" && !IsBlankCell(code) {
		return c.cfg.Matcher.Match("", "", "", code)
	}
	return c.cfg.Matcher.Match(cell(cells, c.region[rProvince]), cell(cells, c.region[rRegency]), cell(cells, c.region[rDistrict]), cell(cells, c.region[rVillage]))
}

// place decides where the row's record lies: it reports whether the desa
// is known; otherwise the row waits for a region review (with the
// candidates in row.Region) or is rejected (outside the deployment or the
// author's area).
func (c *Converter) place(row *ImportRow, st *rowState) bool {
	m := &row.Region
	add := func(list *[]FieldError, msg Text) {
		// Found only for a row with a problem; place changes no field of m
		// that regionColumn reads.
		regionCol, field := c.regionColumn(row.Cells, m)
		if regionCol != "" {
			msg = colText(regionCol, msg)
		}
		*list = append(*list, FieldError{Field: field, Message: msg})
	}
	root := c.cfg.Ref.Regions.Root()
	if m.Outside {
		msg := m.Problem
		if msg.ID == "" {
			msg = textf("wilayah berada di luar %s", "the region lies outside %s", c.cfg.Ref.Regions.Name(root))
		}
		add(&st.errs, Text{ID: msg.ID + " (di luar wilayah)", EN: msg.EN + " (outside the region)"})
		return false
	}
	if m.Confident && m.Level == LevelVillage {
		if !c.cfg.Scope.Contains(m.Code) {
			add(&st.errs, textf("desa %s berada di luar wilayah kerja Anda", "village %s lies outside your area", c.cfg.Ref.Regions.Path(m.Code)))
			return false
		}
		if m.Problem.ID != "" {
			add(&st.notes, m.Problem)
		}
		return true
	}
	// Not placed: a region review. A confident kecamatan offers its desa.
	if m.Confident && m.Level == LevelDistrict && len(m.Candidates) == 0 {
		m.Candidates = c.cfg.Ref.Regions.Children(m.Code)
		msg := textf("desa tidak diisi; pilih desa di Kec. %s", "no village given; choose one in %s", c.cfg.Ref.Regions.Name(m.Code))
		if m.Problem.ID != "" {
			msg = joinTexts([]Text{m.Problem, msg})
		}
		m.Problem = msg
	}
	if len(m.Candidates) > 0 && !c.cfg.Scope.Contains(root) {
		var in []Region
		for _, r := range m.Candidates {
			if c.cfg.Scope.Contains(r.Code) || r.Code.Contains(c.cfg.Scope) {
				in = append(in, r)
			}
		}
		m.Candidates = in
	}
	m.Confident = false
	msg := m.Problem
	if msg.ID == "" {
		msg = textf("desa tidak dapat ditentukan", "the village cannot be placed")
	}
	add(&st.notes, msg)
	return false
}

// regionColumn returns the header and field of the region column a
// problem of m is about: the level that failed, as far as it can be told.
func (c *Converter) regionColumn(cells []string, m *RegionMatch) (string, string) {
	if code := c.region[rCode]; code >= 0 && cell(cells, code) != "" {
		return c.headerOf(code), string(FieldVillageCode)
	}
	fields := [...]Field{rProvince: FieldProvince, rRegency: FieldRegency, rDistrict: FieldDistrict, rVillage: FieldVillage}
	at := -1
	if m.Outside {
		// The deepest level given at or above the deployment's root (the
		// regency of another regency), else the first level given.
		root := c.cfg.Ref.Regions.Root().Level()
		for l := rProvince; l <= rVillage; l++ {
			if cell(cells, c.region[l]) != "" && (RegionLevel(l+1) <= root || at < 0) {
				at = l
			}
		}
	} else {
		// The level below the deepest one matched.
		for l := int(m.Level); l <= rVillage; l++ {
			at = l
			if cell(cells, c.region[l]) != "" {
				break
			}
		}
	}
	if at < 0 || c.region[at] < 0 {
		for l := rVillage; l >= rProvince; l-- {
			if c.region[l] >= 0 {
				return c.headerOf(c.region[l]), string(fields[l])
			}
		}
		return "", string(FieldVillage)
	}
	return c.headerOf(c.region[at]), string(fields[at])
}

// validate adds the record's validation problems, named by their columns.
// The missing desa of a row waiting for a region review is not one.
func (c *Converter) validate(err error, placed bool, st *rowState) {
	if err == nil {
		return // without the allocation of ErrorFields' errors.As
	}
	for _, fe := range ErrorFields(err) {
		if !placed && fe.Field == "village_code" {
			continue
		}
		if h, ok := c.fieldCol[fe.Field]; ok {
			fe.Message = colText(h, fe.Message)
		}
		st.errs = append(st.errs, fe)
	}
}

// checkSection notes a KBLI section letter that disagrees with the code.
func (c *Converter) checkSection(e *Enterprise, st *rowState) {
	if st.section == "" || len(e.KBLI) == 0 || c.cfg.Ref.KBLI == nil {
		return
	}
	ent, ok := c.cfg.Ref.KBLI.Lookup(e.KBLI[0])
	if !ok || ent.Section == "" {
		return
	}
	letter := sectionLetter(st.section)
	if letter != "" && letter != ent.Section {
		st.notes = append(st.notes, FieldError{Field: string(FieldKBLISection), Message: colText(c.fieldColOr(FieldKBLISection),
			textf("kategori %s tidak sesuai kode KBLI %s (kategori %s); kode KBLI yang dipakai", "section %s does not match KBLI code %s (section %s); the code was kept", letter, e.KBLI[0].Code, ent.Section))})
	}
}

func (c *Converter) fieldColOr(f Field) string {
	for _, cc := range c.cols {
		if cc.field == f {
			return cc.header
		}
	}
	return string(f)
}

// sectionPunct separates the words of a KBLI section cell.
var sectionPunct = strings.NewReplacer("-", " ", ".", " ", ":", " ")

// sectionLetter reads a KBLI section: "C", "C - Industri Pengolahan",
// "Kategori C", or a section's name.
func sectionLetter(s string) string {
	if len(s) == 1 && s[0] >= 'A' && s[0] <= 'U' {
		return s
	}
	w := strings.Fields(strings.ToUpper(sectionPunct.Replace(s)))
	for i, x := range w {
		if len(x) == 1 && x[0] >= 'A' && x[0] <= 'U' && (i == 0 || w[i-1] == "KATEGORI") {
			return x
		}
	}
	n := normWord(s)
	for _, o := range KBLISections() {
		if n == normWord(o.ID) || n == normWord(o.EN) {
			return o.Code
		}
	}
	return ""
}

// joinAddress joins an address with its folded parts: "Jl. Mawar 3, RT
// 003, RW 002" and, for an owner, the region names of the home as written.
func joinAddress(parts []string) string {
	n := 0
	for _, p := range parts {
		if p != "" {
			n += len(p) + len(", RT ")
		}
	}
	if n == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if IsBlankCell(p) {
			continue
		}
		prefix := ""
		switch i {
		case 1, 2:
			if strings.Trim(p, "0") == "" {
				continue // RT 000
			}
			// Unless strings.ToUpper(p) starts with "RT" or "RW" (no letter
			// beyond ASCII upper-cases to R, T or W).
			if len(p) < 2 || p[0]|0x20 != 'r' || (p[1]|0x20 != 't' && p[1]|0x20 != 'w') {
				prefix = "RT "
				if i == 2 {
					prefix = "RW "
				}
			}
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(prefix)
		b.WriteString(p)
	}
	return b.String()
}

// noteLine is a line the notes get: a label and a value, joined only
// when the notes are written.
type noteLine struct{ label, value string }

func (st *rowState) addLine(label, value string) {
	st.noteLines = append(st.noteLines, noteLine{label, value})
}

// joinNotes appends lines to the notes.
func joinNotes(notes string, lines []noteLine) string {
	if len(lines) == 0 {
		return notes
	}
	notes = strings.TrimSpace(notes)
	n := len(notes)
	for _, l := range lines {
		n += len("\n") + len(l.label) + len(l.value)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(notes)
	for _, l := range lines {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.label)
		b.WriteString(l.value)
	}
	return b.String()
}

// legalFormWords are what files write for a legal form besides the labels.
var legalFormWords = map[string]string{
	"belum berbadan usaha": "perorangan", "tidak berbadan usaha": "perorangan", "belum berbadan hukum": "perorangan",
	"perseorangan": "perorangan", "usaha perorangan": "perorangan", "usaha perseorangan": "perorangan", "ud": "perorangan",
	"usaha dagang": "perorangan", "pribadi": "perorangan", "individu": "perorangan", "perorangan belum berbadan usaha": "perorangan",
	"pt perseorangan": "pt_perorangan", "perseroan terbatas": "pt", "persekutuan komanditer": "cv", "fa": "firma",
	"kud": "koperasi", "lain lain": "lainnya", "lain": "lainnya", "yayasan": "lainnya", "bumdes": "lainnya", "badan usaha lainnya": "lainnya",
}

// statusWords are what files write for an operating status besides the labels.
var statusWords = map[string]string{
	"masih beroperasi": "aktif", "beroperasi": "aktif", "buka": "aktif", "berjalan": "aktif", "masih berjalan": "aktif", "active": "aktif",
	"tidak aktif": "tutup", "non aktif": "tutup", "nonaktif": "tutup", "tutup permanen": "tutup", "berhenti": "tutup", "bangkrut": "tutup",
	"sementara tutup": "tutup_sementara", "vakum": "tutup_sementara", "tidak beroperasi sementara": "tutup_sementara",
	"pindah lokasi": "pindah", "tidak ada": "tidak_ditemukan", "tidak diketahui": "tidak_ditemukan",
}

// educationWords2 adds the orders of the census labels that ParseEducation
// does not know.
var educationWords2 = map[string]string{
	"s1 d4": "s1", "d4": "s1", "s1 d iv": "s1", "d3 d1": "d3", "d1 d2 d3": "d3", "diploma i ii iii": "d3", "diploma i iii": "d3",
	"tidak belum sekolah": "tidak_sekolah", "tidak tamat sd": "tidak_sekolah", "belum tamat sd": "tidak_sekolah", "tidak sekolah": "tidak_sekolah",
	"s2 s3": "s2", "sltp sederajat": "smp", "slta sederajat": "sma", "smk sederajat": "sma",
}

// parseOption reads a coded value of an enterprise with the extra words
// of its field.
func parseOption(cc *convCol, s string) (string, Text, bool) {
	var extra map[string]string
	switch cc.field {
	case FieldLegalForm:
		extra = legalFormWords
	case FieldStatus:
		extra = statusWords
	}
	if extra != nil {
		if v, ok := lookupWord(extra, s); ok {
			return v, Text{}, true
		}
	}
	return cc.index.parse(s, cc.opts)
}

// enterpriseCell reads one cell into e.
func (c *Converter) enterpriseCell(e *Enterprise, st *rowState, cc *convCol, s string) {
	if s == "" {
		return
	}
	now := c.now
	switch cc.kind {
	case KindText:
		if IsBlankCell(s) {
			return
		}
		switch cc.field {
		case FieldName:
			e.Name = s
		case FieldTradeName:
			e.TradeName = s
		case FieldOwnerName:
			e.Owner.Name = s
		case FieldOwnerAddress:
			st.ownerAddr[0] = s
		case FieldOwnerRT:
			st.ownerAddr[1] = s
		case FieldOwnerRW:
			st.ownerAddr[2] = s
		case FieldOwnerVillage:
			st.ownerAddr[3] = s
		case FieldOwnerDistrict:
			st.ownerAddr[4] = s
		case FieldOwnerRegency:
			st.ownerAddr[5] = s
		case FieldOwnerProvince:
			st.ownerAddr[6] = s
		case FieldAddress:
			st.addr[0] = s
		case FieldRT:
			st.addr[1] = s
		case FieldRW:
			st.addr[2] = s
		case FieldMainProduct:
			e.MainProduct = s
		case FieldKBLISection:
			st.section = s
		case FieldActivity:
			st.addLine("Kegiatan: ", s)
		case FieldPhoto:
			st.addLine("Foto: ", s)
		case FieldDigitalLinks:
			e.Digital.Links = s
		case FieldSourceID:
			e.SourceID = s
		case FieldNotes:
			e.Notes = s
		}
	case KindNIK:
		v, msg, ok := ParseNIKCell(s, now)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		e.Owner.NIK = v
	case KindNIB:
		v, msg, ok := ParseNIBCell(s)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		e.NIB = v
	case KindPhone:
		v, msg, ok := ParsePhone(s)
		switch {
		case !ok:
			st.dropped(cc, msg)
			return
		case msg.ID != "":
			st.note(cc, msg)
		}
		e.Owner.Phone = v
	case KindGender:
		v, msg, ok := ParseGender(s)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		e.Owner.Gender = v
	case KindEducation:
		// ParseEducation, then the census orders; the problem is written
		// only when neither knows the cell.
		v, ok := "", IsBlankCell(s)
		if !ok {
			v, ok = educationOf(s, c.educations)
		}
		if !ok {
			v, ok = lookupWord(educationWords2, s)
		}
		if !ok {
			st.dropped(cc, badEducation(s))
			return
		}
		e.Owner.Education = v
	case KindSize:
		v, msg, ok := ParseSize(s)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		e.SizeReported = v
	case KindDate:
		d, _, msg, ok := ParseDateLoose(s, now, PastOnly)
		if !ok {
			if cc.field == FieldBinaanSince {
				st.fail(cc, msg)
			} else {
				st.dropped(cc, msg)
			}
			return
		}
		switch cc.field {
		case FieldOwnerBirth:
			e.Owner.BirthDate = d
		case FieldBinaanSince:
			e.BinaanSince = d
		}
	case KindBool:
		v, msg, ok := ParseBool(s)
		if !ok {
			if cc.field == FieldBinaan {
				st.fail(cc, msg)
			} else {
				st.dropped(cc, msg)
			}
			return
		}
		switch cc.field {
		case FieldOwnerDisabled:
			e.Owner.Disability = v
		case FieldDigitalMarketplace:
			e.Digital.Marketplace = v
		case FieldDigitalSocial:
			e.Digital.SocialMedia = v
		case FieldDigitalWebsite:
			e.Digital.Website = v
		case FieldDigitalQRIS:
			e.Digital.QRIS = v
		case FieldDigitalBookkeeping:
			e.Digital.DigitalBookkeeping = v
		case FieldBinaan:
			e.Binaan = v
		}
	case KindOption:
		v, msg, ok := parseOption(cc, s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		switch cc.field {
		case FieldLegalForm:
			e.LegalForm = v
		case FieldStatus:
			e.Status = v
		}
	case KindKBLI:
		k, msg, ok := ParseKBLI(s, c.cfg.Ref.KBLI)
		switch {
		case !ok:
			st.dropped(cc, msg)
			return
		case msg.ID != "":
			st.note(cc, msg)
		}
		if k.Code != "" {
			st.kbliMain = []KBLICode{k}
		}
	case KindKBLIList:
		ks, msg, ok := ParseKBLIList(s, c.cfg.Ref.KBLI)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		st.kbliMore = ks
	case KindRupiah:
		v, msg, ok := ParseRupiah(s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		if msg.ID != "" {
			st.note(cc, msg)
		}
		switch cc.field {
		case FieldCapital:
			e.Capital = v
		case FieldAssets:
			e.Assets = v
		case FieldSales:
			if !IsBlankCell(s) {
				st.salesAmount, st.salesGiven = v, true
			}
		}
	case KindCount:
		v, msg, ok := ParseCount(s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		switch cc.field {
		case FieldWorkersPaidMale, FieldWorkersPaidDisabledMale:
			e.WorkersPaidMale += v
		case FieldWorkersPaidFemale, FieldWorkersPaidDisabledFemale:
			e.WorkersPaidFemale += v
		case FieldWorkersUnpaidMale, FieldWorkersUnpaidDisabledMale:
			e.WorkersUnpaidMale += v
		case FieldWorkersUnpaidFemale, FieldWorkersUnpaidDisabledFemale:
			e.WorkersUnpaidFemale += v
		case FieldWorkers:
			if !IsBlankCell(s) {
				st.addLine("Jumlah tenaga kerja: ", strconv.Itoa(v))
			}
		}
	case KindYear:
		v, msg, ok := ParseYear(s, now)
		if !ok {
			st.fail(cc, msg)
			return
		}
		switch cc.field {
		case FieldStartYear:
			e.StartYear = v
		case FieldSalesYear:
			st.salesYear = v
		}
	case KindMonth:
		v, msg, ok := ParseMonth(s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		e.StartMonth = v
	}
}

// cooperativeCell reads one cell into co.
func (c *Converter) cooperativeCell(co *Cooperative, st *rowState, cc *convCol, s string) {
	if s == "" {
		return
	}
	now := c.now
	switch cc.kind {
	case KindText:
		if IsBlankCell(s) {
			return
		}
		switch cc.field {
		case FieldName:
			co.Name = s
		case FieldLegalNumber:
			co.LegalNumber = s
		case FieldAddress:
			st.addr[0] = s
		case FieldPostcode:
			st.postcode = s
		case FieldSector:
			st.addLine("Sektor usaha: ", s)
		case FieldStatus:
			st.addLine("Status menurut ODS: ", s)
		case FieldGrade:
			st.addLine("Grade: ", s)
		case FieldEmail:
			st.addLine("Email: ", s)
		case FieldSourceID:
			co.SourceID = s
		case FieldNotes:
			co.Notes = s
		}
	case KindDigits:
		v := NormalizeDigits(strings.Trim(s, "'\"`"))
		var msg Text
		ok := true
		if looksScientific(s) {
			msg, ok = lostNumber(fieldWord(cc.field), fieldWord(cc.field), s), false
		} else if cc.field == FieldRegistrationNumber {
			msg, ok = CheckCooperativeNumber(v)
		} else if cc.field == FieldNPWP {
			msg, ok = CheckNPWP(v)
		}
		if !ok {
			st.dropped(cc, msg)
			return
		}
		switch cc.field {
		case FieldRegistrationNumber:
			co.RegistrationNumber = v
		case FieldNPWP:
			co.NPWP = v
		}
	case KindNIB:
		v, msg, ok := ParseNIBCell(s)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		co.NIB = v
	case KindPhone:
		v, msg, ok := ParsePhone(s)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		st.addLine("Telepon: ", v)
	case KindDate:
		d, _, msg, ok := ParseDateLoose(s, now, PastOnly)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		switch cc.field {
		case FieldLegalDate:
			co.LegalDate = d
		case FieldCertificateDate:
			co.CertificateDate = d
		}
	case KindBool:
		v, msg, ok := ParseBool(s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		co.KDMP = v
	case KindOption:
		v, msg, ok := cc.index.parse(s, c.optionsOf(cc))
		if !ok {
			st.fail(cc, msg)
			return
		}
		switch cc.field {
		case FieldBentuk:
			co.Bentuk = v
		case FieldJenis:
			co.Jenis = v
		case FieldPola:
			co.Pola = v
		case FieldKelompok:
			co.Kelompok = v
		}
	case KindKBLI:
		k, msg, ok := ParseKBLI(s, c.cfg.Ref.KBLI)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		if k.Code != "" {
			st.kbliMain = []KBLICode{k}
		}
	case KindCount:
		v, msg, ok := ParseCount(s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		switch cc.field {
		case FieldMembersMale:
			co.MembersMale = v
		case FieldMembersFemale:
			co.MembersFemale = v
		case FieldEmployeesMale:
			co.EmployeesMale = v
		case FieldEmployeesFemale:
			co.EmployeesFemale = v
		case FieldMembers:
			if !IsBlankCell(s) {
				st.addLine("Jumlah anggota: ", strconv.Itoa(v))
			}
		}
	case KindYear:
		v, msg, ok := ParseYear(s, now)
		if !ok {
			st.fail(cc, msg)
			return
		}
		if v != 0 {
			st.addLine("RAT terakhir: tahun buku ", strconv.Itoa(v))
		}
	}
}

// optionsOf returns the values of a coded cooperative column: the office's
// own groups for the group column.
func (c *Converter) optionsOf(cc *convCol) Options {
	if cc.field == FieldKelompok {
		return c.cfg.Kelompoks
	}
	return cc.opts
}

func fieldWord(f Field) string {
	switch f {
	case FieldRegistrationNumber:
		return "Nomor induk koperasi"
	case FieldNPWP:
		return "NPWP"
	}
	return string(f)
}
