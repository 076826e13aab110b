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
	"context"
	"fmt"
	"iter"
	"sort"
	"strconv"
	"strings"
	"time"

	"bina"
	"bina/internal/fileformat"
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

func dateCell(d bina.Date) any { return textCell(d.String()) }

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

// ---------------------------------------------------------------------------
// Enterprises

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
// enterprise.
func enterpriseCell(f bina.Field, ref bina.Reference) func(*bina.Enterprise) any {
	switch f {
	case bina.FieldName:
		return func(e *bina.Enterprise) any { return textCell(e.Name) }
	case bina.FieldTradeName:
		return func(e *bina.Enterprise) any { return textCell(e.TradeName) }
	case bina.FieldOwnerName:
		return func(e *bina.Enterprise) any { return textCell(e.Owner.Name) }
	case bina.FieldOwnerNIK:
		return func(e *bina.Enterprise) any { return textCell(e.Owner.NIK) }
	case bina.FieldOwnerGender:
		return func(e *bina.Enterprise) any { return textCell(e.Owner.Gender) }
	case bina.FieldOwnerBirth:
		return func(e *bina.Enterprise) any { return dateCell(e.Owner.BirthDate) }
	case bina.FieldOwnerPhone:
		return func(e *bina.Enterprise) any { return textCell(e.Owner.Phone) }
	case bina.FieldOwnerEduc:
		return func(e *bina.Enterprise) any { return textCell(ChoiceLabel(bina.Educations, e.Owner.Education)) }
	case bina.FieldOwnerDisabled:
		return func(e *bina.Enterprise) any { return yesNoCell(e.Owner.Disability) }
	case bina.FieldOwnerAddress:
		return func(e *bina.Enterprise) any { return textCell(e.Owner.Address) }
	case bina.FieldNIB:
		return func(e *bina.Enterprise) any { return textCell(e.NIB) }
	case bina.FieldLegalForm:
		return func(e *bina.Enterprise) any { return textCell(ChoiceLabel(bina.LegalForms, e.LegalForm)) }
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
	case bina.FieldMainProduct:
		return func(e *bina.Enterprise) any { return textCell(e.MainProduct) }
	case bina.FieldAddress:
		return func(e *bina.Enterprise) any { return textCell(e.Address) }
	case bina.FieldProvince, bina.FieldRegency, bina.FieldDistrict, bina.FieldVillage:
		return func(e *bina.Enterprise) any {
			p, r, d, v := regionNames(ref.Regions, e.VillageCode)
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
	case bina.FieldVillageCode:
		return func(e *bina.Enterprise) any { return textCell(string(e.VillageCode)) }
	case bina.FieldLatitude:
		return func(e *bina.Enterprise) any { return coordCell(e.Latitude) }
	case bina.FieldLongitude:
		return func(e *bina.Enterprise) any { return coordCell(e.Longitude) }
	case bina.FieldStartYear:
		return func(e *bina.Enterprise) any { return whenCell(e.StartYear) }
	case bina.FieldStartMonth:
		return func(e *bina.Enterprise) any { return whenCell(e.StartMonth) }
	case bina.FieldCapital:
		return func(e *bina.Enterprise) any { return amountCell(e.Capital) }
	case bina.FieldAssets:
		return func(e *bina.Enterprise) any { return amountCell(e.Assets) }
	case bina.FieldSales:
		return func(e *bina.Enterprise) any { return amountCell(e.LatestSales().Amount) }
	case bina.FieldSalesYear:
		return func(e *bina.Enterprise) any { return whenCell(e.LatestSales().Year) }
	case bina.FieldWorkersPaidMale:
		return func(e *bina.Enterprise) any { return e.WorkersPaidMale }
	case bina.FieldWorkersPaidFemale:
		return func(e *bina.Enterprise) any { return e.WorkersPaidFemale }
	case bina.FieldWorkersUnpaidMale:
		return func(e *bina.Enterprise) any { return e.WorkersUnpaidMale }
	case bina.FieldWorkersUnpaidFemale:
		return func(e *bina.Enterprise) any { return e.WorkersUnpaidFemale }
	case bina.FieldSizeReported:
		return func(e *bina.Enterprise) any { return textCell(ChoiceLabel(bina.Sizes, e.SizeReported)) }
	case bina.FieldDigitalMarketplace:
		return func(e *bina.Enterprise) any { return yesNoCell(e.Digital.Marketplace) }
	case bina.FieldDigitalSocial:
		return func(e *bina.Enterprise) any { return yesNoCell(e.Digital.SocialMedia) }
	case bina.FieldDigitalWebsite:
		return func(e *bina.Enterprise) any { return yesNoCell(e.Digital.Website) }
	case bina.FieldDigitalQRIS:
		return func(e *bina.Enterprise) any { return yesNoCell(e.Digital.QRIS) }
	case bina.FieldDigitalBookkeeping:
		return func(e *bina.Enterprise) any { return yesNoCell(e.Digital.DigitalBookkeeping) }
	case bina.FieldDigitalLinks:
		return func(e *bina.Enterprise) any { return textCell(e.Digital.Links) }
	case bina.FieldStatus:
		return func(e *bina.Enterprise) any { return textCell(ChoiceLabel(bina.OperatingStatuses, e.Status)) }
	case bina.FieldBinaan:
		return func(e *bina.Enterprise) any { return yesNoCell(e.Binaan) }
	case bina.FieldBinaanSince:
		return func(e *bina.Enterprise) any { return dateCell(e.BinaanSince) }
	case bina.FieldSourceID:
		return func(e *bina.Enterprise) any { return ExportID(e.SourceID, e.ID) }
	case bina.FieldNotes:
		return func(e *bina.Enterprise) any { return textCell(e.Notes) }
	}
	// A template field without a cell is a programming error that the
	// tests of this file catch; the column stays empty.
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
		cell := sidtCell(c.Header, ref, pulled)
		if sidtPersonal[c.Header] && !personal {
			cell = func(*bina.Enterprise) any { return nil }
		}
		l.add(ExportColumn{Header: c.Header, Field: c.Field, Personal: sidtPersonal[c.Header]}, true, cell)
	}
	return l
}

func sidtCell(header string, ref bina.Reference, pulled string) func(*bina.Enterprise) any {
	blank := func(*bina.Enterprise) any { return nil }
	region := func(level bina.RegionLevel) func(*bina.Enterprise) any {
		return func(e *bina.Enterprise) any {
			if e.VillageCode.Level() < level || ref.Regions == nil {
				return nil
			}
			return textCell(ref.Regions.Name(e.VillageCode.Truncate(level)))
		}
	}
	switch header {
	case "id_data_badan_usaha":
		return func(e *bina.Enterprise) any { return ExportID(e.SourceID, e.ID) }
	case "nik_pengusaha":
		return func(e *bina.Enterprise) any { return textCell(e.Owner.NIK) }
	case "nama_pengusaha":
		return func(e *bina.Enterprise) any { return textCell(e.Owner.Name) }
	case "nib":
		return func(e *bina.Enterprise) any { return textCell(e.NIB) }
	case "jenis_kelamin":
		return func(e *bina.Enterprise) any { return textCell(bina.Genders.Label(e.Owner.Gender, "id")) }
	case "is_disabilitas":
		return func(e *bina.Enterprise) any { return yesNoCell(e.Owner.Disability) }
	case "tanggal_lahir":
		return func(e *bina.Enterprise) any { return dateCell(e.Owner.BirthDate) }
	case "pendidikan_formal":
		return func(e *bina.Enterprise) any { return textCell(ChoiceLabel(bina.Educations, e.Owner.Education)) }
	case "kontak_hp":
		return func(e *bina.Enterprise) any { return textCell(e.Owner.Phone) }
	case "alamat_pengusaha":
		return func(e *bina.Enterprise) any { return textCell(e.Owner.Address) }
	case "nama_usaha":
		return func(e *bina.Enterprise) any { return textCell(e.Name) }
	case "kegiatan_utama":
		return func(e *bina.Enterprise) any {
			if k, ok := kbliEntry(ref, e.MainKBLI()); ok {
				return textCell(k.Title)
			}
			return nil
		}
	case "produk_utama":
		return func(e *bina.Enterprise) any { return textCell(e.MainProduct) }
	case "kategori_kbli":
		return func(e *bina.Enterprise) any {
			if k, ok := kbliEntry(ref, e.MainKBLI()); ok {
				return textCell(k.Section)
			}
			return nil
		}
	case "kode_kbli":
		return func(e *bina.Enterprise) any { return textCell(e.MainKBLI().Code) }
	case "status_badan_usaha":
		return func(e *bina.Enterprise) any { return textCell(ChoiceLabel(bina.LegalForms, e.LegalForm)) }
	case "skala_usaha":
		return func(e *bina.Enterprise) any {
			s := e.SizeReported
			if s == "" {
				s = e.SizeComputed
			}
			return textCell(ChoiceLabel(bina.Sizes, s))
		}
	case "modal_pendirian":
		return func(e *bina.Enterprise) any { return amountCell(e.Capital) }
	case "bulan_mulai_operasi":
		return func(e *bina.Enterprise) any { return whenCell(e.StartMonth) }
	case "tahun_mulai_operasi":
		return func(e *bina.Enterprise) any { return whenCell(e.StartYear) }
	case "omzet_tahunan":
		return func(e *bina.Enterprise) any { return amountCell(e.LatestSales().Amount) }
	case "asset":
		return func(e *bina.Enterprise) any { return amountCell(e.Assets) }
	case "prov_usaha":
		return region(bina.LevelProvince)
	case "kab_usaha":
		return region(bina.LevelRegency)
	case "kec_usaha":
		return region(bina.LevelDistrict)
	case "kel_usaha":
		return region(bina.LevelVillage)
	case "alamat_usaha":
		return func(e *bina.Enterprise) any { return textCell(e.Address) }
	case "alamat_latitude":
		return func(e *bina.Enterprise) any { return coordCell(e.Latitude) }
	case "alamat_longitude":
		return func(e *bina.Enterprise) any { return coordCell(e.Longitude) }
	case "tk_dibayar_laki":
		return func(e *bina.Enterprise) any { return e.WorkersPaidMale }
	case "tk_dibayar_perempuan":
		return func(e *bina.Enterprise) any { return e.WorkersPaidFemale }
	case "tk_not_dibayar_laki":
		return func(e *bina.Enterprise) any { return e.WorkersUnpaidMale }
	case "tk_not_dibayar_perempuan":
		return func(e *bina.Enterprise) any { return e.WorkersUnpaidFemale }
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
	// prov/kab/kec/kel/rt/rw_pengusaha, rt/rw_usaha, foto_usaha, the
	// disabled workers and source_page.
	return blank
}

// ---------------------------------------------------------------------------
// Cooperatives

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
		fi, _ := bina.LookupField(bina.EntityCooperative, f)
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

func cooperativeCell(f bina.Field, ref bina.Reference, kelompoks bina.Options) func(*bina.Cooperative) any {
	switch f {
	case bina.FieldRegistrationNumber:
		return func(c *bina.Cooperative) any { return textCell(c.RegistrationNumber) }
	case bina.FieldName:
		return func(c *bina.Cooperative) any { return textCell(c.Name) }
	case bina.FieldLegalNumber:
		return func(c *bina.Cooperative) any { return textCell(c.LegalNumber) }
	case bina.FieldLegalDate:
		return func(c *bina.Cooperative) any { return dateCell(c.LegalDate) }
	case bina.FieldBentuk:
		return func(c *bina.Cooperative) any { return textCell(ChoiceLabel(bina.Bentuks, c.Bentuk)) }
	case bina.FieldJenis:
		return func(c *bina.Cooperative) any { return textCell(ChoiceLabel(bina.Jenises, c.Jenis)) }
	case bina.FieldPola:
		return func(c *bina.Cooperative) any { return textCell(ChoiceLabel(bina.Polas, c.Pola)) }
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
		return func(c *bina.Cooperative) any {
			p, r, d, v := regionNames(ref.Regions, c.VillageCode)
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
	case bina.FieldAddress:
		return func(c *bina.Cooperative) any { return textCell(c.Address) }
	case bina.FieldVillageCode:
		return func(c *bina.Cooperative) any { return textCell(string(c.VillageCode)) }
	case bina.FieldNIB:
		return func(c *bina.Cooperative) any { return textCell(c.NIB) }
	case bina.FieldNPWP:
		return func(c *bina.Cooperative) any { return textCell(c.NPWP) }
	case bina.FieldCertificateDate:
		return func(c *bina.Cooperative) any { return dateCell(c.CertificateDate) }
	case bina.FieldKBLI:
		return func(c *bina.Cooperative) any { return textCell(c.KBLI.Code) }
	case bina.FieldLatitude:
		return func(c *bina.Cooperative) any { return coordCell(c.Latitude) }
	case bina.FieldLongitude:
		return func(c *bina.Cooperative) any { return coordCell(c.Longitude) }
	case bina.FieldMembersMale:
		return func(c *bina.Cooperative) any { return c.MembersMale }
	case bina.FieldMembersFemale:
		return func(c *bina.Cooperative) any { return c.MembersFemale }
	case bina.FieldEmployeesMale:
		return func(c *bina.Cooperative) any { return c.EmployeesMale }
	case bina.FieldEmployeesFemale:
		return func(c *bina.Cooperative) any { return c.EmployeesFemale }
	case bina.FieldKDMP:
		return func(c *bina.Cooperative) any { return yesNoCell(c.KDMP) }
	case bina.FieldLastRATYear:
		return func(c *bina.Cooperative) any { return whenCell(c.LastRATYear) }
	case bina.FieldSourceID:
		return func(c *bina.Cooperative) any { return ExportID(c.SourceID, c.ID) }
	case bina.FieldNotes:
		return func(c *bina.Cooperative) any { return textCell(c.Notes) }
	}
	// Kode Pos, Email and Grade: folded into the address or the notes on
	// import, not kept apart.
	return func(*bina.Cooperative) any { return nil }
}

// ---------------------------------------------------------------------------
// Reading every page

// Pages yields every item of a paged list, page after page: first is the
// list's first page (read by the caller, so that a bad filter is answered
// before anything is written) and next reads the page at a cursor. While
// the caller works through one page, the next is read in the background:
// an export spends about as long writing rows as reading them, and the two
// then overlap. At most two pages are held at a time, and no read outlives
// the sequence: stopping early waits for the read in flight. next is
// called by one goroutine at a time. The error, if any, comes with a nil
// item and ends the sequence.
func Pages[T any](first bina.Page[T], next func(cursor string) (bina.Page[T], error)) iter.Seq2[*T, error] {
	type result struct {
		page bina.Page[T]
		err  error
	}
	return func(yield func(*T, error) bool) {
		page := first
		for {
			var ahead chan result
			if page.Next != "" {
				ahead = make(chan result, 1)
				go func(cursor string) {
					p, err := next(cursor)
					ahead <- result{p, err}
				}(page.Next)
			}
			for i := range page.Items {
				if !yield(&page.Items[i], nil) {
					if ahead != nil {
						<-ahead
					}
					return
				}
			}
			if ahead == nil {
				return
			}
			r := <-ahead
			if r.err != nil {
				yield(nil, r.err)
				return
			}
			page = r.page
		}
	}
}

// ---------------------------------------------------------------------------
// Open data

// Open data for the regency's Satu Data portal (Perpres 39/2019, DOMAIN.md
// section 9): one row per kecamatan × category × year, with the
// kecamatan's regency and province, a count, its unit and the year. Only
// counts leave the register, and small ones are withheld (DOMAIN.md
// section 10): a count of one or two businesses in a cell can tell who
// they are.

// SmallCell is the least count an open-data cell shows; smaller counts
// (1 and 2) are written as SuppressedSmall.
const SmallCell = 3

// The marks of withheld cells. A group (one kecamatan of a table) with a
// small cell withholds one more, its smallest other non-zero count, marked
// SuppressedOther: otherwise the small one could be worked out by taking
// the others from the kecamatan's total, which another table gives away.
const (
	SuppressedSmall = "<3"
	SuppressedOther = "x"
)

// OpenDataUnknown labels the records whose category is not recorded
// (no KBLI code, no computable size), so that every table adds up to the
// register's total.
const OpenDataUnknown = "Belum diketahui"

// OpenDataCategory is one way of breaking a count down.
type OpenDataCategory struct {
	Code   string       // the query value: "skala"
	Column string       // the header of the category column: "skala_usaha"
	Values bina.Options // the categories, in order; their ID labels are written
}

// EnterpriseOpenData are the categories of the UMKM table.
var EnterpriseOpenData = []OpenDataCategory{
	{"skala", "skala_usaha", append(append(bina.Options(nil), bina.Sizes...), bina.Option{Code: "", ID: OpenDataUnknown, EN: "Not known"})},
	{"kbli", "kategori_kbli", kbliOpenDataValues()},
	{"status", "status_usaha", bina.OperatingStatuses},
	{"binaan", "status_binaan", bina.Options{{Code: "ya", ID: "Binaan", EN: "Coached"}, {Code: "tidak", ID: "Bukan binaan", EN: "Not coached"}}},
}

// CooperativeOpenData are the categories of the cooperative table.
var CooperativeOpenData = []OpenDataCategory{
	{"jenis", "jenis_koperasi", bina.Jenises},
	{"keaktifan", "keaktifan_koperasi", bina.Options{{Code: "ya", ID: "Aktif", EN: "Active"}, {Code: "tidak", ID: "Tidak aktif", EN: "Inactive"}}},
}

func kbliOpenDataValues() bina.Options {
	out := make(bina.Options, 0, len(bina.KBLISections())+1)
	for _, s := range bina.KBLISections() {
		out = append(out, bina.Option{Code: s.Code, ID: s.Code + " - " + s.ID, EN: s.Code + " - " + s.EN})
	}
	return append(out, bina.Option{Code: "", ID: OpenDataUnknown, EN: "Not known"})
}

// OpenDataCategoryOf returns the category named code among cats.
func OpenDataCategoryOf(cats []OpenDataCategory, code string) (OpenDataCategory, bool) {
	for _, c := range cats {
		if c.Code == code {
			return c, true
		}
	}
	return OpenDataCategory{}, false
}

// OpenDataRow is one row of an open-data table.
type OpenDataRow struct {
	District bina.RegionCode
	Category bina.Option
	Count    int
	// Shown is the count as published: digits, SuppressedSmall or
	// SuppressedOther (set by OpenDataTable.Suppress).
	Shown string
}

// OpenDataTable is a table for the Satu Data portal.
type OpenDataTable struct {
	Category OpenDataCategory
	Measure  string // the header of the count: "jumlah_umkm"
	Unit     string // "unit"
	Year     int
	Rows     []OpenDataRow // by kecamatan code, then category order
}

// Header returns the table's header: kode_provinsi, nama_provinsi,
// kode_kabupaten_kota, nama_kabupaten_kota, kode_kecamatan, nama_kecamatan,
// the category, the measure, satuan, tahun.
func (t *OpenDataTable) Header() []string {
	return []string{"kode_provinsi", "nama_provinsi", "kode_kabupaten_kota", "nama_kabupaten_kota",
		"kode_kecamatan", "nama_kecamatan", t.Category.Column, t.Measure, "satuan", "tahun"}
}

// Cells returns row r as cells. Region codes are Kemendagri codes without
// dots ("6112", "611201"), as Satu Data portals write them and as
// spreadsheet programs keep them (a dotted "61.10" would become the number
// 61.1).
func (t *OpenDataTable) Cells(ref bina.Reference, r OpenDataRow) []any {
	code := func(l bina.RegionLevel) string { return strings.ReplaceAll(string(r.District.Truncate(l)), ".", "") }
	name := func(l bina.RegionLevel) string {
		if ref.Regions == nil {
			return ""
		}
		return ref.Regions.Name(r.District.Truncate(l))
	}
	return []any{code(bina.LevelProvince), name(bina.LevelProvince), code(bina.LevelRegency), name(bina.LevelRegency),
		code(bina.LevelDistrict), name(bina.LevelDistrict), r.Category.ID, r.Shown, t.Unit, t.Year}
}

// Suppress sets every row's Shown: counts of 1 and 2 become
// SuppressedSmall, and in each kecamatan that has one, the smallest other
// non-zero count becomes SuppressedOther (see the constants).
func (t *OpenDataTable) Suppress() {
	for i := range t.Rows {
		r := &t.Rows[i]
		r.Shown = strconv.Itoa(r.Count)
		if r.Count > 0 && r.Count < SmallCell {
			r.Shown = SuppressedSmall
		}
	}
	for start := 0; start < len(t.Rows); {
		end := start
		for end < len(t.Rows) && t.Rows[end].District == t.Rows[start].District {
			end++
		}
		group := t.Rows[start:end]
		small, other := 0, -1
		for i, r := range group {
			switch {
			case r.Shown == SuppressedSmall:
				small++
			case r.Count > 0 && (other < 0 || r.Count < group[other].Count):
				other = i
			}
		}
		if small > 0 && other >= 0 {
			group[other].Shown = SuppressedOther
		}
		start = end
	}
}

// Total returns the sum of the table's counts (before suppression).
func (t *OpenDataTable) Total() int {
	n := 0
	for _, r := range t.Rows {
		n += r.Count
	}
	return n
}

// openDataYear checks the year asked for: the register holds the present,
// so only the current year can be counted.
func openDataYear(ref bina.Reference, year int) (int, error) {
	now := ref.Clock().Year()
	if year == 0 {
		return now, nil
	}
	if year != now {
		var p bina.Problems
		p.Add("tahun", "Data terbuka dihitung dari register saat ini, jadi hanya tersedia untuk tahun %d; data tahun lalu ada di portal Satu Data", "Open data is counted from the register as it is now, so only %d is available; earlier years are on the Satu Data portal", now)
		return 0, p.Err()
	}
	return year, nil
}

// EnterpriseOpenDataTable counts the live enterprises of the actor's region
// (callers pass a context whose actor is the whole deployment) per kecamatan
// and category. Sizes and coaching come from the kept counts
// (EnterpriseCounts); sections and statuses from the exact totals of
// filtered lists of one record. Records without a KBLI code or a computable
// size are counted as OpenDataUnknown, so every table adds up to the same
// total. year 0 means the current year; another year is Invalid.
func EnterpriseOpenDataTable(ctx context.Context, svc bina.EnterpriseService, ref bina.Reference, category string, year int) (*OpenDataTable, error) {
	cat, ok := OpenDataCategoryOf(EnterpriseOpenData, category)
	if !ok {
		return nil, unknownCategory(category, EnterpriseOpenData)
	}
	year, err := openDataYear(ref, year)
	if err != nil {
		return nil, err
	}
	counts, err := svc.EnterpriseCounts(ctx)
	if err != nil {
		return nil, err
	}
	type key struct {
		d bina.RegionCode
		v string
	}
	n := map[key]int{}
	totals := map[bina.RegionCode]int{}
	for _, c := range counts {
		totals[c.District] += c.Total
		switch cat.Code {
		case "skala":
			n[key{c.District, c.Size}] += c.Total
		case "binaan":
			n[key{c.District, "ya"}] += c.Binaan
			n[key{c.District, "tidak"}] += c.Total - c.Binaan
		}
	}
	districts := ref.Regions.Districts()
	if cat.Code == "kbli" || cat.Code == "status" {
		for _, d := range districts {
			if totals[d.Code] == 0 {
				continue
			}
			known := 0
			for _, v := range cat.Values {
				if v.Code == "" {
					continue
				}
				f := bina.EnterpriseFilter{Region: d.Code, Limit: 1}
				if cat.Code == "kbli" {
					f.KBLISection = v.Code
				} else {
					f.Status = v.Code
				}
				p, err := svc.ListEnterprises(ctx, f)
				if err != nil {
					return nil, err
				}
				n[key{d.Code, v.Code}] = p.Total
				known += p.Total
			}
			n[key{d.Code, ""}] = totals[d.Code] - known
		}
	}
	t := &OpenDataTable{Category: cat, Measure: "jumlah_umkm", Unit: "unit", Year: year}
	for _, d := range districts {
		for _, v := range cat.Values {
			t.Rows = append(t.Rows, OpenDataRow{District: d.Code, Category: v, Count: n[key{d.Code, v.Code}]})
		}
	}
	t.Suppress()
	return t, nil
}

// CooperativeOpenDataTable counts the live cooperatives per kecamatan and
// type (jenis) or activity (keaktifan), as EnterpriseOpenDataTable does.
func CooperativeOpenDataTable(ctx context.Context, svc bina.CooperativeService, ref bina.Reference, category string, year int) (*OpenDataTable, error) {
	cat, ok := OpenDataCategoryOf(CooperativeOpenData, category)
	if !ok {
		return nil, unknownCategory(category, CooperativeOpenData)
	}
	year, err := openDataYear(ref, year)
	if err != nil {
		return nil, err
	}
	counts, err := svc.CooperativeCounts(ctx)
	if err != nil {
		return nil, err
	}
	type key struct {
		d bina.RegionCode
		v string
	}
	n := map[key]int{}
	totals := map[bina.RegionCode]int{}
	for _, c := range counts {
		totals[c.District] += c.Total
		n[key{c.District, "ya"}] += c.Active
		n[key{c.District, "tidak"}] += c.Total - c.Active
	}
	districts := ref.Regions.Districts()
	if cat.Code == "jenis" {
		for _, d := range districts {
			if totals[d.Code] == 0 {
				continue
			}
			for _, v := range cat.Values {
				p, err := svc.ListCooperatives(ctx, bina.CooperativeFilter{Region: d.Code, Jenis: v.Code, Limit: 1})
				if err != nil {
					return nil, err
				}
				n[key{d.Code, v.Code}] = p.Total
			}
		}
	}
	t := &OpenDataTable{Category: cat, Measure: "jumlah_koperasi", Unit: "unit", Year: year}
	for _, d := range districts {
		for _, v := range cat.Values {
			t.Rows = append(t.Rows, OpenDataRow{District: d.Code, Category: v, Count: n[key{d.Code, v.Code}]})
		}
	}
	t.Suppress()
	return t, nil
}

func unknownCategory(code string, cats []OpenDataCategory) error {
	codes := make([]string, len(cats))
	for i, c := range cats {
		codes[i] = c.Code
	}
	var p bina.Problems
	p.Add("kategori", "Kategori %q tidak dikenal; pilih salah satu: %s", "Unknown category %q; choose one of: %s", code, strings.Join(codes, ", "))
	return p.Err()
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
		r = bina.FoldAccent(r)
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
