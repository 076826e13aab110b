package importer

import (
	"bina/imports"
	"strconv"
	"strings"

	"bina"
)

// Reading cells. A column that names a field of the record (or a count
// folded into one) is read by its kind and stored through the field's
// entry in bina's field table (setField); the other columns are folded
// into the address, the KBLI codes, the sales or the notes (foldCell).

// The field tables, read once; convCol points into them.
var (
	enterpriseTable  = bina.EnterpriseTable()
	cooperativeTable = bina.CooperativeTable()
)

// target returns the entry of table that a column described by fi sets
// through its accessor, or nil when the column is folded: into an
// address (assembled from its parts when the row is done) or the notes.
// A count folded into another field (disabled workers) sets that field.
func target[T any](table []bina.RecordField[T], fi bina.FieldInfo) *bina.RecordField[T] {
	name := fi.Field
	if fi.Into != "" {
		if fi.Kind != bina.KindCount {
			return nil
		}
		name = fi.Into
	}
	if name == bina.FieldAddress || name == bina.FieldOwnerAddress {
		return nil
	}
	if f := bina.FindField(table, name); f != nil && f.Typed() {
		return f
	}
	return nil
}

// setField reads the cell s of column cc by its kind into the field f of
// x. A cell that cannot be read rejects the row when the field is strict
// and is left empty with a note otherwise.
func setField[T any](c *Converter, x *T, f *bina.RecordField[T], st *rowState, cc *convCol, s string) {
	var (
		v   string
		n   int
		n64 int64
		b   bool
		d   bina.Date
		msg bina.Text
		ok  bool
	)
	switch cc.kind {
	case bina.KindText:
		if IsBlankCell(s) {
			return
		}
		v, ok = s, true
	case bina.KindNIK:
		v, msg, ok = ParseNIKCell(s, c.now)
	case bina.KindNIB:
		v, msg, ok = ParseNIBCell(s)
	case bina.KindPhone:
		v, msg, ok = ParsePhone(s)
	case bina.KindGender:
		v, msg, ok = ParseGender(s)
	case bina.KindEducation:
		v, msg, ok = c.parseEducation(s)
	case bina.KindSize:
		v, msg, ok = ParseSize(s)
	case bina.KindOption:
		v, msg, ok = parseOption(cc, s)
	case bina.KindDigits:
		v, msg, ok = parseDigits(cc, s)
	case bina.KindDate:
		d, _, msg, ok = ParseDateLoose(s, c.now, PastOnly)
	case bina.KindBool:
		b, msg, ok = ParseBool(s)
	case bina.KindRupiah:
		n64, msg, ok = ParseRupiah(s)
	case bina.KindCount:
		n, msg, ok = ParseCount(s)
	case bina.KindYear:
		n, msg, ok = ParseYear(s, c.now)
	case bina.KindMonth:
		n, msg, ok = ParseMonth(s)
	default:
		return
	}
	switch {
	case !ok && cc.strict:
		st.fail(cc, msg)
		return
	case !ok:
		st.dropped(cc, msg)
		return
	case msg.ID != "" && (cc.kind == bina.KindPhone || cc.kind == bina.KindRupiah):
		st.note(cc, msg) // read, with a remark: a changed prefix, a rounded amount
	}
	switch {
	case f.Text != nil:
		*f.Text(x) = v
	case f.Int != nil:
		*f.Int(x) += n // counts folded into the field add up
	case f.Int64 != nil:
		*f.Int64(x) = n64
	case f.Bool != nil:
		*f.Bool(x) = b
	case f.Date != nil:
		*f.Date(x) = d
	}
}

// foldCell reads a cell of a column that sets no field by itself: the
// parts of an address, KBLI codes, sales, and what is kept in the notes.
func (c *Converter) foldCell(st *rowState, cc *convCol, s string) {
	switch cc.kind {
	case bina.KindText:
		if IsBlankCell(s) {
			return
		}
		switch cc.field {
		case bina.FieldOwnerAddress:
			st.ownerAddr[0] = s
		case bina.FieldOwnerRT:
			st.ownerAddr[1] = s
		case bina.FieldOwnerRW:
			st.ownerAddr[2] = s
		case bina.FieldOwnerVillage:
			st.ownerAddr[3] = s
		case bina.FieldOwnerDistrict:
			st.ownerAddr[4] = s
		case bina.FieldOwnerRegency:
			st.ownerAddr[5] = s
		case bina.FieldOwnerProvince:
			st.ownerAddr[6] = s
		case bina.FieldAddress:
			st.addr[0] = s
		case bina.FieldRT:
			st.addr[1] = s
		case bina.FieldRW:
			st.addr[2] = s
		case bina.FieldPostcode:
			st.postcode = s
		case bina.FieldKBLISection:
			st.section = s
		case bina.FieldActivity:
			st.addLine("Kegiatan: ", s)
		case bina.FieldPhoto:
			st.addLine("Foto: ", s)
		case bina.FieldSector:
			st.addLine("Sektor usaha: ", s)
		case bina.FieldStatus: // a cooperative's, as the ministry writes it
			st.addLine("Status menurut ODS: ", s)
		case bina.FieldGrade:
			st.addLine("Grade: ", s)
		case bina.FieldEmail:
			st.addLine("Email: ", s)
		}
	case bina.KindPhone: // a cooperative's office
		v, msg, ok := ParsePhone(s)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		st.addLine("Telepon: ", v)
	case bina.KindKBLI:
		k, msg, ok := ParseKBLI(s, c.cfg.Ref.KBLI)
		switch {
		case !ok:
			st.dropped(cc, msg)
			return
		case msg.ID != "" && c.entity == bina.EntityEnterprise:
			st.note(cc, msg)
		}
		if k.Code != "" {
			st.kbliMain = []bina.KBLICode{k}
		}
	case bina.KindKBLIList:
		ks, msg, ok := ParseKBLIList(s, c.cfg.Ref.KBLI)
		if !ok {
			st.dropped(cc, msg)
			return
		}
		st.kbliMore = ks
	case bina.KindRupiah: // sales
		v, msg, ok := ParseRupiah(s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		if msg.ID != "" {
			st.note(cc, msg)
		}
		if !IsBlankCell(s) {
			st.salesAmount, st.salesGiven = v, true
		}
	case bina.KindCount: // all members of a cooperative, kept in the notes
		v, msg, ok := ParseCount(s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		if !IsBlankCell(s) && cc.field == bina.FieldMembers {
			st.addLine("Jumlah anggota: ", strconv.Itoa(v))
		}
	case bina.KindYear:
		v, msg, ok := ParseYear(s, c.now)
		if !ok {
			st.fail(cc, msg)
			return
		}
		switch cc.field {
		case bina.FieldSalesYear:
			st.salesYear = v
		case bina.FieldLastRATYear:
			if v != 0 {
				st.addLine("RAT terakhir: tahun buku ", strconv.Itoa(v))
			}
		}
	}
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

// parseOption reads a coded value with the extra words of its field (an
// enterprise's legal form and operating status).
func parseOption(cc *convCol, s string) (string, bina.Text, bool) {
	var extra map[string]string
	switch cc.field {
	case bina.FieldLegalForm:
		extra = legalFormWords
	case bina.FieldStatus:
		extra = statusWords
	case imports.FieldAttendance:
		extra = attendanceWords
	}
	if extra != nil {
		if v, ok := lookupWord(extra, s); ok {
			return v, bina.Text{}, true
		}
	}
	return cc.index.parse(s, cc.opts)
}

// parseEducation reads an owner's education: ParseEducation's words, then
// the census orders; the problem is written only when neither knows the
// cell.
func (c *Converter) parseEducation(s string) (string, bina.Text, bool) {
	if IsBlankCell(s) {
		return "", bina.Text{}, true
	}
	v, ok := educationOf(s, c.educations)
	if !ok {
		v, ok = lookupWord(educationWords2, s)
	}
	if !ok {
		return "", badEducation(s), false
	}
	return v, bina.Text{}, true
}

// parseDigits reads a cooperative's number (registration number, NPWP):
// its digits, checked by the field's rule; a number Excel wrote in
// scientific notation has lost its digits.
func parseDigits(cc *convCol, s string) (string, bina.Text, bool) {
	v := bina.NormalizeDigits(strings.Trim(s, "'\"`"))
	if looksScientific(s) {
		return "", lostNumber(fieldWord(cc.field), fieldWord(cc.field), s), false
	}
	var msg bina.Text
	ok := true
	switch cc.field {
	case bina.FieldRegistrationNumber:
		msg, ok = bina.CheckCooperativeNumber(v)
	case bina.FieldNPWP:
		msg, ok = bina.CheckNPWP(v)
	}
	return v, msg, ok
}

func fieldWord(f bina.Field) string {
	switch f {
	case bina.FieldRegistrationNumber:
		return "Nomor induk koperasi"
	case bina.FieldNPWP:
		return "NPWP"
	}
	return string(f)
}

// checkSection notes a KBLI section letter that disagrees with the code.
func (c *Converter) checkSection(e *bina.Enterprise, st *rowState) {
	if st.section == "" || len(e.KBLI) == 0 || c.cfg.Ref.KBLI == nil {
		return
	}
	ent, ok := c.cfg.Ref.KBLI.Lookup(e.KBLI[0])
	if !ok || ent.Section == "" {
		return
	}
	letter := sectionLetter(st.section)
	if letter != "" && letter != ent.Section {
		st.notes = append(st.notes, bina.FieldError{Field: string(bina.FieldKBLISection), Message: colText(c.fieldColOr(bina.FieldKBLISection),
			textf("kategori %s tidak sesuai kode KBLI %s (kategori %s); kode KBLI yang dipakai", "section %s does not match KBLI code %s (section %s); the code was kept", letter, e.KBLI[0].Code, ent.Section))})
	}
}

func (c *Converter) fieldColOr(f bina.Field) string {
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
	for _, o := range bina.KBLISections() {
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
