package importer

import (
	"bina/imports"
	"strconv"
	"strings"

	"bina"
)

// attendanceCell reads the date or the status of an attendance row. A day
// that cannot be read, or a status that is neither hadir nor selesai,
// rejects the row: the participation would be recorded wrongly.
func (c *Converter) attendanceCell(att *imports.Attendance, st *rowState, cc *convCol, s string) {
	switch cc.field {
	case imports.FieldAttendedOn:
		d, _, msg, ok := ParseDateLoose(s, c.now, PastOnly)
		if !ok {
			st.fail(cc, msg)
			return
		}
		att.On = d
	case imports.FieldAttendance:
		v, msg, ok := parseOption(cc, s)
		if !ok {
			st.fail(cc, msg)
			return
		}
		att.State = v
	}
}

// attendanceWords are the other ways sheets mark presence.
var attendanceWords = map[string]string{
	"v": imports.AttendanceAttended, "ya": imports.AttendanceAttended, "ada": imports.AttendanceAttended, "present": imports.AttendanceAttended,
	"lulus": imports.AttendanceCompleted, "tamat": imports.AttendanceCompleted, "selesai mengikuti": imports.AttendanceCompleted,
}

// attendanceRecord completes the business of an attendance row. The NIK
// is the first key a person is matched by: one that Excel spoiled
// (6.11201E+15) rejects the row rather than match it by a weaker key, or
// create the person a second time. A row without a business name names
// the business after its owner, as offices do for a home business. A
// business created from the sheet comes from the programme.
func (c *Converter) attendanceRecord(e *bina.Enterprise, st *rowState) {
	kept := st.notes[:0]
	for _, n := range st.notes {
		if n.Field == string(bina.FieldOwnerNIK) {
			n.Message.ID = strings.TrimSuffix(n.Message.ID, "; dikosongkan")
			n.Message.EN = strings.TrimSuffix(n.Message.EN, "; left empty")
			n.Message.ID += "; baris ditolak karena NIK dipakai untuk mencocokkan peserta. Ketik NIK sebagai teks (awali dengan tanda ') lalu impor lagi"
			n.Message.EN += "; the row is rejected because the NIK is how participants are matched. Type the NIK as text (start it with ') and import again"
			st.errs = append(st.errs, n)
			continue
		}
		kept = append(kept, n)
	}
	st.notes = kept
	if e.Name == "" && e.Owner.Name != "" {
		e.Name = e.Owner.Name
		st.notes = append(st.notes, bina.FieldError{Field: imports.AttendanceUnnamed, Message: bina.Text{
			ID: "Nama usaha kosong; dipakai nama peserta", EN: "No business name; the participant's name is used"}})
	}
	e.Source = bina.SourceProgramme
	e.SourceID = strconv.FormatInt(c.programme, 10)
}

// attendanceKey keeps the row keys of each programme apart: the same
// person on the sheets of two programmes is two participations.
func attendanceKey(programme int64, key string) string {
	return "p" + strconv.FormatInt(programme, 10) + "/" + key
}
