package imports

import "bina"

// FieldsOf returns the fields of an import of entity e, or nil.
func FieldsOf(e bina.Entity) []bina.FieldInfo {
	switch e {
	case bina.EntityEnterprise:
		return bina.EnterpriseFields()
	case bina.EntityCooperative:
		return bina.CooperativeFields()
	case EntityAttendance:
		return AttendanceFields()
	case EntityAnnualReport:
		return ReportImportFields()
	}
	return nil
}

// LookupField returns the description of f in an import of entity e.
func LookupField(e bina.Entity, f bina.Field) (bina.FieldInfo, bool) {
	for _, fi := range FieldsOf(e) {
		if fi.Field == f {
			return fi, true
		}
	}
	return bina.FieldInfo{}, false
}

// txt is a Text literal, for the tables of fields.
func txt(id, en string) bina.Text { return bina.Text{ID: id, EN: en} }
