package fileformat

import (
	"bina"
	"bina/imports"
)

// attendanceColumns are the columns of the attendance sheet (daftar
// hadir) Bina hands out for a programme, in the order offices print them.
// The row number and the signature are read past.
var attendanceColumns = []TemplateColumn{
	{Header: "No", Field: ""},
	{Header: "Nama Peserta", Field: bina.FieldOwnerName},
	{Header: "NIK", Field: bina.FieldOwnerNIK},
	{Header: "No. HP", Field: bina.FieldOwnerPhone},
	{Header: "Nama Usaha", Field: bina.FieldName},
	{Header: "Desa/Kelurahan", Field: bina.FieldVillage},
	{Header: "Kecamatan", Field: bina.FieldDistrict},
	{Header: "Tanggal Hadir", Field: imports.FieldAttendedOn},
	{Header: "Status (Hadir/Selesai)", Field: imports.FieldAttendance},
	{Header: "Tanda Tangan", Field: ""},
}

// TemplateAttendance returns the attendance sheet of a programme. It is
// not among Templates: an attendance import is started from its
// programme, which the sheet is tied to.
func TemplateAttendance() Template {
	return Template{Name: "hadir", Title: label("Daftar hadir program", "Programme attendance sheet"), Entity: imports.EntityAttendance,
		Columns: append([]TemplateColumn(nil), attendanceColumns...)}
}
