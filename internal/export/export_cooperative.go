package export

import (
	"strings"

	"bina"
	"bina/imports"
	"bina/internal/fileformat"
)

// cooperativeExtra are the columns of Bina's cooperative file after the
// ministry's 18 (TemplateKoperasi): the fields of a cooperative import the
// ministry's format lacks, headed by their labels, which the import's
// suggested mapping recognises.
var cooperativeExtra = []bina.Field{
	bina.FieldVillageCode, bina.FieldNIB, bina.FieldNPWP, bina.FieldCertificateDate, bina.FieldKBLI, bina.FieldLatitude, bina.FieldLongitude,
	bina.FieldMembersMale, bina.FieldMembersFemale, bina.FieldEmployeesMale, bina.FieldEmployeesFemale, bina.FieldKDMP, bina.FieldLastRATYear,
	bina.FieldSourceID, bina.FieldNotes,
}

// CooperativeFileColumns returns the columns of Bina's cooperative file,
// for the downloadable template and the export: the ministry's master
// format (TemplateKoperasi) first, so that the file imports with the
// template "koperasi", then the fields that format lacks.
func CooperativeFileColumns() []fileformat.TemplateColumn {
	cols := fileformat.TemplateKoperasi().Columns
	for _, f := range cooperativeExtra {
		fi, _ := imports.LookupField(bina.EntityCooperative, f)
		cols = append(cols, fileformat.TemplateColumn{Header: fi.Label.ID, Field: f})
	}
	return cols
}

// The board columns of a cooperative export, which no import reads.
const (
	headerOfficers      = "Pengurus"
	headerOfficerPhones = "HP Pengurus"
)

// CooperativeLayout returns the layout of Bina's cooperative file: the
// columns of CooperativeFileColumns, then the board (names and roles) and,
// when personal is set, the board's phones. kelompoks is the office's list
// of groups, for their labels. Status Koperasi is Bina's activity under
// the RAT rule ("Aktif", "Tidak Aktif"); Sektor Usaha is the section of the
// KBLI code; postcode, e-mail and grade, which Bina keeps in the notes,
// are blank.
func CooperativeLayout(ref bina.Reference, kelompoks bina.Options, personal bool) *Layout[bina.Cooperative] {
	if len(kelompoks) == 0 {
		kelompoks = bina.DefaultKelompoks
	}
	l := &Layout[bina.Cooperative]{Name: "koperasi"}
	for _, c := range CooperativeFileColumns() {
		l.add(ExportColumn{Header: c.Header, Field: c.Field}, personal, cooperativeCell(c.Field, ref, kelompoks))
	}
	l.add(ExportColumn{Header: headerOfficers}, personal, func(c *bina.Cooperative) any {
		return officerList(c.Officers, func(o bina.Officer) string { return o.Name })
	})
	l.add(ExportColumn{Header: headerOfficerPhones, Personal: true}, personal, func(c *bina.Cooperative) any {
		return officerList(c.Officers, func(o bina.Officer) string { return o.Phone })
	})
	return l
}

// officerList writes officers as "Ketua: Name; Sekretaris: Name".
func officerList(os []bina.Officer, value func(bina.Officer) string) any {
	var parts []string
	for _, o := range os {
		if v := value(o); v != "" {
			parts = append(parts, bina.OfficerRoles.Label(o.Role, "id")+": "+v)
		}
	}
	return textCell(strings.Join(parts, "; "))
}

// cooperativeCell returns how field f of Bina's cooperative file is filled
// from a cooperative: the columns that are not one field of the record
// here, the others as the field table's entry reads them (fieldCell).
func cooperativeCell(f bina.Field, ref bina.Reference, kelompoks bina.Options) func(*bina.Cooperative) any {
	switch f {
	case bina.FieldStatus:
		return func(c *bina.Cooperative) any {
			if c.Active {
				return "Aktif"
			}
			return "Tidak Aktif"
		}
	case bina.FieldSector:
		return func(c *bina.Cooperative) any {
			if k, ok := kbliEntry(ref, c.KBLI); ok {
				for _, s := range bina.KBLISections() {
					if s.Code == k.Section {
						return s.ID
					}
				}
			}
			return nil
		}
	case bina.FieldKelompok:
		return func(c *bina.Cooperative) any { return textCell(ChoiceLabel(kelompoks, c.Kelompok)) }
	case bina.FieldProvince, bina.FieldRegency, bina.FieldDistrict, bina.FieldVillage:
		return regionCell(f, ref, func(c *bina.Cooperative) bina.RegionCode { return c.VillageCode })
	case bina.FieldKBLI:
		return func(c *bina.Cooperative) any { return textCell(c.KBLI.Code) }
	case bina.FieldLatitude:
		return func(c *bina.Cooperative) any { return coordCell(c.Latitude) }
	case bina.FieldLongitude:
		return func(c *bina.Cooperative) any { return coordCell(c.Longitude) }
	case bina.FieldLastRATYear:
		return func(c *bina.Cooperative) any { return whenCell(c.LastRATYear) }
	case bina.FieldSourceID:
		return func(c *bina.Cooperative) any { return ExportID(c.SourceID, c.ID) }
	}
	if cell := fieldCell(bina.FindField(cooperativeTable, f)); cell != nil {
		return cell
	}
	// Kode Pos, Email and Grade: folded into the address or the notes on
	// import, not kept apart.
	return func(*bina.Cooperative) any { return nil }
}
