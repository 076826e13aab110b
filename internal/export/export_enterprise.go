package export

import (
	"strings"
	"time"

	"bina"
	"bina/internal/fileformat"
)

// BinaLayout returns the layout of Bina's own UMKM file: the columns of
// TemplateBina in their order, headed by the template's headers, so that the
// file imports again with the template "bina". The personal columns (owner
// NIK, birth date, phone, home address) are left out unless personal is
// set. Sales are the newest year's, with the year beside them; the row's
// ID Sumber is ExportID.
func BinaLayout(ref bina.Reference, personal bool) *Layout[bina.Enterprise] {
	l := &Layout[bina.Enterprise]{Name: "bina"}
	for _, c := range fileformat.TemplateBina().Columns {
		cell := enterpriseCell(c.Field, ref)
		l.add(ExportColumn{Header: c.Header, Field: c.Field, Personal: bina.PersonalFields[string(c.Field)]}, personal, cell)
	}
	return l
}

// enterpriseCell returns how field f of Bina's template is filled from an
// enterprise: the columns that are not one field of the record here, the
// others as the field table's entry reads them (fieldCell).
func enterpriseCell(f bina.Field, ref bina.Reference) func(*bina.Enterprise) any {
	switch f {
	case bina.FieldKBLI:
		return func(e *bina.Enterprise) any { return textCell(e.MainKBLI().Code) }
	case bina.FieldKBLIMore:
		return func(e *bina.Enterprise) any {
			if len(e.KBLI) < 2 {
				return nil
			}
			codes := make([]string, 0, len(e.KBLI)-1)
			for _, k := range e.KBLI[1:] {
				codes = append(codes, k.Code)
			}
			return strings.Join(codes, ", ")
		}
	case bina.FieldProvince, bina.FieldRegency, bina.FieldDistrict, bina.FieldVillage:
		return regionCell(f, ref, func(e *bina.Enterprise) bina.RegionCode { return e.VillageCode })
	case bina.FieldLatitude:
		return func(e *bina.Enterprise) any { return coordCell(e.Latitude) }
	case bina.FieldLongitude:
		return func(e *bina.Enterprise) any { return coordCell(e.Longitude) }
	case bina.FieldSales:
		return func(e *bina.Enterprise) any { return amountCell(e.LatestSales().Amount) }
	case bina.FieldSalesYear:
		return func(e *bina.Enterprise) any { return whenCell(e.LatestSales().Year) }
	case bina.FieldSourceID:
		return func(e *bina.Enterprise) any { return ExportID(e.SourceID, e.ID) }
	}
	if cell := fieldCell(bina.FindField(enterpriseTable, f)); cell != nil {
		return cell
	}
	// Columns folded into another field on import (RT, RW, the owner's
	// region, disabled workers) or kept in the notes: not kept apart.
	return func(*bina.Enterprise) any { return nil }
}

// sidtPersonal are the SIDT columns that hold personal data; the owner's
// region columns are part of the home address.
var sidtPersonal = map[string]bool{
	"nik_pengusaha": true, "tanggal_lahir": true, "kontak_hp": true, "alamat_pengusaha": true,
	"prov_pengusaha": true, "kab_pengusaha": true, "kec_pengusaha": true, "kel_pengusaha": true,
	"rt_pengusaha": true, "rw_pengusaha": true, "is_disabilitas": true,
}

// SIDTLayout returns the layout of the SIDT bulk format: exactly the 49
// columns of TemplateSIDT, in order. Decisions:
//
//   - Regions are names from the region tree. The business's come from its
//     desa; the owner's (*_pengusaha) are left blank, because Bina keeps
//     the owner's home only as address text (the first digits of a NIK
//     give where it was first issued, not where the owner lives now).
//   - RT and RW are blank: Bina keeps them inside the address.
//   - kegiatan_utama is the title of the main KBLI code, kategori_kbli
//     its section letter.
//   - skala_usaha is the size the owner reported, or the computed one
//     when the owner gave none, as its label ("Mikro").
//   - Numbers are plain digits; unknown amounts are blank. Disabled
//     workers are not counted apart in Bina (an import adds them into the
//     workers of the same sex and pay), so their four columns are blank.
//   - id_data_badan_usaha is ExportID: the record's source id, or
//     "bina-<id>".
//   - pulled_at is the moment of the export, updated_at the record's last
//     change, both "2006-01-02 15:04:05" in UTC; source_page is blank.
//
// Personal cells (nik_pengusaha, tanggal_lahir, kontak_hp,
// alamat_pengusaha) are blank unless personal is set; the columns stay, so
// that the file keeps SIDT's shape.
func SIDTLayout(ref bina.Reference, personal bool, pulledAt time.Time) *Layout[bina.Enterprise] {
	l := &Layout[bina.Enterprise]{Name: "sidt"}
	pulled := pulledAt.UTC().Format(time.DateTime)
	for _, c := range fileformat.TemplateSIDT().Columns {
		cell := sidtCell(c.Header, c.Field, ref, pulled)
		if sidtPersonal[c.Header] && !personal {
			cell = func(*bina.Enterprise) any { return nil }
		}
		l.add(ExportColumn{Header: c.Header, Field: c.Field, Personal: sidtPersonal[c.Header]}, true, cell)
	}
	return l
}

// sidtCell returns how the SIDT column header, read back into field, is
// filled: as Bina's own file fills the field, but for the columns SIDT
// writes its own way.
func sidtCell(header string, field bina.Field, ref bina.Reference, pulled string) func(*bina.Enterprise) any {
	switch header {
	case "jenis_kelamin":
		return func(e *bina.Enterprise) any { return textCell(bina.Genders.Label(e.Owner.Gender, "id")) }
	case "kegiatan_utama":
		return func(e *bina.Enterprise) any {
			if k, ok := kbliEntry(ref, e.MainKBLI()); ok {
				return textCell(k.Title)
			}
			return nil
		}
	case "kategori_kbli":
		return func(e *bina.Enterprise) any {
			if k, ok := kbliEntry(ref, e.MainKBLI()); ok {
				return textCell(k.Section)
			}
			return nil
		}
	case "skala_usaha":
		return func(e *bina.Enterprise) any {
			s := e.SizeReported
			if s == "" {
				s = e.SizeComputed
			}
			return textCell(ChoiceLabel(bina.Sizes, s))
		}
	case "pulled_at":
		return func(*bina.Enterprise) any { return pulled }
	case "updated_at":
		return func(e *bina.Enterprise) any {
			if e.UpdatedAt.IsZero() {
				return nil
			}
			return e.UpdatedAt.UTC().Format(time.DateTime)
		}
	}
	// The owner's region, RT and RW, foto_usaha, the disabled workers and
	// source_page are blank: enterpriseCell leaves their fields empty.
	return enterpriseCell(field, ref)
}
