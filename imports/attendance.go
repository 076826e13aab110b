package imports

import (
	"bina"
	"strconv"
)

// EntityAttendance is the import of a programme's attendance sheet (daftar
// hadir): each row names a person and their business, who are found in
// the register (or added to it, unverified) and enrolled in the programme
// the import is tied to (Job.ProgrammeID).
const EntityAttendance bina.Entity = "attendance"

// The columns of an attendance sheet that are not enterprise fields.
const (
	FieldAttendedOn bina.Field = "attended_on" // the day the person came
	FieldAttendance bina.Field = "attendance"  // hadir or selesai (AttendanceStates)
)

// The participant states an attendance sheet writes, and the participant
// source of its rows (programme_participants.source).
const (
	AttendanceAttended  = "attended"
	AttendanceCompleted = "completed"
	AttendanceSource    = "attendance"
)

// AttendanceStates are what a sheet's status column may say.
var AttendanceStates = bina.Options{
	{Code: AttendanceAttended, ID: "Hadir", EN: "Attended"},
	{Code: AttendanceCompleted, ID: "Selesai", EN: "Completed"},
}

// AttendanceUnnamed is the field of the note on a row without a business
// name, named after its participant: the note matters only when the row
// becomes a new record.
const AttendanceUnnamed = "attendance_unnamed"

// How an attendance row was matched to the register.
const (
	MatchNIK   = "nik"
	MatchPhone = "phone"
	MatchName  = "name" // the same owner name in the same desa
	MatchNew   = "new"  // not in the register: created unverified
)

// Attendance is what a row of an attendance sheet says beyond the person
// and the business.
type Attendance struct {
	// On is the day in the sheet; zero means the activity's or the
	// programme's date.
	On bina.Date `json:"on"`
	// State is AttendanceAttended or AttendanceCompleted.
	State string `json:"state"`
}

// attendanceColumns are the fields of an attendance import, in the order
// of its template, with the labels an attendance sheet uses.
var attendanceColumns = []bina.FieldInfo{
	{Field: bina.FieldOwnerName, Label: txt("Nama Peserta", "Participant name"), Kind: bina.KindText},
	{Field: bina.FieldOwnerNIK, Label: txt("NIK", "NIK"), Kind: bina.KindNIK},
	{Field: bina.FieldOwnerPhone, Label: txt("No. HP", "Phone"), Kind: bina.KindPhone},
	{Field: bina.FieldName, Label: txt("Nama Usaha", "Business name"), Kind: bina.KindText},
	{Field: bina.FieldVillage, Label: txt("Desa/Kelurahan", "Village"), Kind: bina.KindRegionName},
	{Field: bina.FieldDistrict, Label: txt("Kecamatan", "District"), Kind: bina.KindRegionName},
	{Field: FieldAttendedOn, Label: txt("Tanggal Hadir", "Date attended"), Kind: bina.KindDate},
	{Field: FieldAttendance, Label: txt("Status (Hadir/Selesai)", "Status (attended/completed)"), Kind: bina.KindOption, Options: AttendanceStates},
	{Field: bina.FieldVillageCode, Label: txt("Kode Desa", "Village code"), Kind: bina.KindRegionCode},
	{Field: bina.FieldRegency, Label: txt("Kabupaten/Kota", "Regency or city"), Kind: bina.KindRegionName},
}

// AttendanceFields returns the fields of an attendance import.
func AttendanceFields() []bina.FieldInfo {
	out := make([]bina.FieldInfo, len(attendanceColumns))
	copy(out, attendanceColumns)
	return out
}

// AttendanceCandidate is a live register record an attendance row may
// name, as the store found it by NIK, phone, or desa.
type AttendanceCandidate struct {
	ID      int64
	NIK     string
	Phone   string
	Owner   string // PersonKey of the owner's name
	Name    string // NameKey of the business name
	Village bina.RegionCode
}

// AttendanceDecision is what becomes of one attendance row.
type AttendanceDecision struct {
	// Match is MatchNIK, MatchPhone, MatchName or MatchNew; "" when the
	// row waits for a person (Review).
	Match    string
	RecordID int64 // the matched record (0 for new and review)
	// Review is set when the match is uncertain: the candidate and why.
	Review    bool
	Candidate int64
	Reason    bina.Text
}

// AttendanceCandidates are the candidates of a stretch of rows, indexed by
// NIK, phone and desa.
type AttendanceCandidates struct {
	list      []AttendanceCandidate
	seen      map[int64]bool
	byNIK     map[string][]int
	byPhone   map[string][]int
	byVillage map[bina.RegionCode][]int
}

// NewAttendanceCandidates returns an empty index.
func NewAttendanceCandidates() *AttendanceCandidates {
	return &AttendanceCandidates{seen: map[int64]bool{}, byNIK: map[string][]int{}, byPhone: map[string][]int{}, byVillage: map[bina.RegionCode][]int{}}
}

// Add adds c unless a candidate of the same id was added.
func (x *AttendanceCandidates) Add(c AttendanceCandidate) {
	if x.seen[c.ID] {
		return
	}
	x.seen[c.ID] = true
	i := len(x.list)
	x.list = append(x.list, c)
	if c.NIK != "" {
		x.byNIK[c.NIK] = append(x.byNIK[c.NIK], i)
	}
	if c.Phone != "" {
		x.byPhone[c.Phone] = append(x.byPhone[c.Phone], i)
	}
	if c.Village != "" {
		x.byVillage[c.Village] = append(x.byVillage[c.Village], i)
	}
}

// DecideAttendance matches one attendance row (its keys and phone) to the
// candidates: by NIK, then phone, then owner name and desa. A NIK or phone
// whose owner's name differs, several records sharing them, or a name in
// the desa that is only similar (a typing error) are uncertain: the row
// goes to review with the candidate. Nothing found: a new record.
func DecideAttendance(k DuplicateKeys, phone string, x *AttendanceCandidates) AttendanceDecision {
	pick := func(match string, idx []int, same func(c *AttendanceCandidate) bool) (AttendanceDecision, bool) {
		var hits []*AttendanceCandidate
		for _, i := range idx {
			if c := &x.list[i]; same(c) {
				hits = append(hits, c)
			}
		}
		if len(hits) == 0 {
			return AttendanceDecision{}, false
		}
		// Several businesses of one owner: the business name decides.
		if len(hits) > 1 && k.Name != "" {
			var named []*AttendanceCandidate
			for _, c := range hits {
				if c.Name == k.Name {
					named = append(named, c)
				}
			}
			if len(named) > 0 {
				hits = named
			}
		}
		c := hits[0]
		switch {
		case len(hits) > 1:
			return attendanceReview(c.ID, match, "ada beberapa UMKM yang cocok", "several businesses match"), true
		case k.Owner != "" && c.Owner != k.Owner && !SimilarKeys(c.Owner, k.Owner):
			return attendanceReview(c.ID, match, "nama pemilik berbeda", "the owner's name differs"), true
		}
		return AttendanceDecision{Match: match, RecordID: c.ID}, true
	}
	all := func(*AttendanceCandidate) bool { return true }
	if k.NIK != "" {
		if d, ok := pick(MatchNIK, x.byNIK[k.NIK], all); ok {
			return d
		}
	}
	if phone != "" {
		if d, ok := pick(MatchPhone, x.byPhone[phone], all); ok {
			return d
		}
	}
	if k.Village != "" && k.Owner != "" {
		// A record with another NIK is another person.
		other := func(c *AttendanceCandidate) bool { return k.NIK == "" || c.NIK == "" }
		in := x.byVillage[k.Village]
		if d, ok := pick(MatchName, in, func(c *AttendanceCandidate) bool { return other(c) && c.Owner == k.Owner }); ok {
			return d
		}
		for _, i := range in {
			if c := &x.list[i]; other(c) && SimilarKeys(c.Owner, k.Owner) {
				return attendanceReview(c.ID, MatchName, "nama mirip di desa yang sama", "a similar name in the same village")
			}
		}
	}
	return AttendanceDecision{Match: MatchNew}
}

func attendanceReview(id int64, match, reasonID, reasonEN string) AttendanceDecision {
	by := map[string]bina.Text{
		MatchNIK:   txt("NIK sama", "same NIK"),
		MatchPhone: txt("nomor HP sama", "same phone"),
		MatchName:  txt("nama peserta", "participant name"),
	}[match]
	return AttendanceDecision{Review: true, Candidate: id, Reason: bina.Text{
		ID: "Daftar hadir: " + by.ID + ", tetapi " + reasonID + " (UMKM #" + attendanceID(id) + ")",
		EN: "Attendance sheet: " + by.EN + ", but " + reasonEN + " (enterprise #" + attendanceID(id) + ")",
	}}
}

// AttendanceMatchText is the report's note of how a row was matched.
func AttendanceMatchText(match string, id int64) bina.Text {
	switch match {
	case MatchNIK:
		return bina.Text{ID: "Cocok dengan UMKM #" + attendanceID(id) + " menurut NIK", EN: "Matched enterprise #" + attendanceID(id) + " by NIK"}
	case MatchPhone:
		return bina.Text{ID: "Cocok dengan UMKM #" + attendanceID(id) + " menurut nomor HP", EN: "Matched enterprise #" + attendanceID(id) + " by phone"}
	case MatchName:
		return bina.Text{ID: "Cocok dengan UMKM #" + attendanceID(id) + " menurut nama dan desa", EN: "Matched enterprise #" + attendanceID(id) + " by name and village"}
	}
	return bina.Text{ID: "Belum terdaftar: dibuat sebagai UMKM baru yang belum diverifikasi (#" + attendanceID(id) + ")",
		EN: "Not in the register: created as a new, unverified enterprise (#" + attendanceID(id) + ")"}
}

func attendanceID(id int64) string { return strconv.FormatInt(id, 10) }
