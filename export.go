package bina

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Exports: the files Bina writes for people and for other systems, defined
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

// ExportPageSize is the page size exports read the register with: the
// largest a list accepts (EnterpriseFilter.Limit), so that a million rows
// take five thousand reads while memory holds one page.
const ExportPageSize = 200

// ExportColumn is one column of an exported file.
type ExportColumn struct {
	Header string
	// Field is the import field that reads the column back, or "" when
	// no import field does.
	Field Field
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

func dateCell(d Date) any { return textCell(d.String()) }

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
func ChoiceLabel(os Options, code string) string {
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
func FieldChoices(fi FieldInfo, ref Reference, kelompoks Options) []string {
	switch fi.Kind {
	case KindBool:
		return []string{"Ya", "Tidak"}
	case KindRegionName:
		return regionChoices(fi.Field, ref.Regions)
	case KindGender:
		return Genders.Codes()
	}
	opts := fi.Options
	if fi.Field == FieldKelompok && len(kelompoks) > 0 {
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
func regionChoices(f Field, t *RegionTree) []string {
	if t == nil {
		return nil
	}
	var level RegionLevel
	switch f {
	case FieldProvince:
		level = LevelProvince
	case FieldRegency:
		level = LevelRegency
	case FieldDistrict:
		level = LevelDistrict
	case FieldVillage:
		level = LevelVillage
	default:
		return nil
	}
	var regions []Region
	root := t.Root()
	if root.Level() >= level {
		if r, ok := t.Get(root.Truncate(level)); ok {
			regions = []Region{r}
		}
	} else {
		regions = t.atLevel(level)
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
func regionNames(t *RegionTree, v RegionCode) (prov, reg, dist, vil string) {
	if t == nil || v == "" {
		return
	}
	name := func(l RegionLevel) string {
		if v.Level() < l {
			return ""
		}
		return t.Name(v.Truncate(l))
	}
	return name(LevelProvince), name(LevelRegency), name(LevelDistrict), name(LevelVillage)
}

// kbliEntry returns the catalogue entry of an enterprise's main KBLI code.
func kbliEntry(ref Reference, k KBLICode) (KBLIEntry, bool) {
	if k.Code == "" {
		return KBLIEntry{}, false
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
func BinaLayout(ref Reference, personal bool) *Layout[Enterprise] {
	l := &Layout[Enterprise]{Name: "bina"}
	for _, c := range TemplateBina().Columns {
		cell := enterpriseCell(c.Field, ref)
		l.add(ExportColumn{Header: c.Header, Field: c.Field, Personal: PersonalFields[string(c.Field)]}, personal, cell)
	}
	return l
}

// enterpriseCell returns how field f of Bina's template is filled from an
// enterprise.
func enterpriseCell(f Field, ref Reference) func(*Enterprise) any {
	switch f {
	case FieldName:
		return func(e *Enterprise) any { return textCell(e.Name) }
	case FieldTradeName:
		return func(e *Enterprise) any { return textCell(e.TradeName) }
	case FieldOwnerName:
		return func(e *Enterprise) any { return textCell(e.Owner.Name) }
	case FieldOwnerNIK:
		return func(e *Enterprise) any { return textCell(e.Owner.NIK) }
	case FieldOwnerGender:
		return func(e *Enterprise) any { return textCell(e.Owner.Gender) }
	case FieldOwnerBirth:
		return func(e *Enterprise) any { return dateCell(e.Owner.BirthDate) }
	case FieldOwnerPhone:
		return func(e *Enterprise) any { return textCell(e.Owner.Phone) }
	case FieldOwnerEduc:
		return func(e *Enterprise) any { return textCell(ChoiceLabel(Educations, e.Owner.Education)) }
	case FieldOwnerDisabled:
		return func(e *Enterprise) any { return yesNoCell(e.Owner.Disability) }
	case FieldOwnerAddress:
		return func(e *Enterprise) any { return textCell(e.Owner.Address) }
	case FieldNIB:
		return func(e *Enterprise) any { return textCell(e.NIB) }
	case FieldLegalForm:
		return func(e *Enterprise) any { return textCell(ChoiceLabel(LegalForms, e.LegalForm)) }
	case FieldKBLI:
		return func(e *Enterprise) any { return textCell(e.MainKBLI().Code) }
	case FieldKBLIMore:
		return func(e *Enterprise) any {
			if len(e.KBLI) < 2 {
				return nil
			}
			codes := make([]string, 0, len(e.KBLI)-1)
			for _, k := range e.KBLI[1:] {
				codes = append(codes, k.Code)
			}
			return strings.Join(codes, ", ")
		}
	case FieldMainProduct:
		return func(e *Enterprise) any { return textCell(e.MainProduct) }
	case FieldAddress:
		return func(e *Enterprise) any { return textCell(e.Address) }
	case FieldProvince, FieldRegency, FieldDistrict, FieldVillage:
		return func(e *Enterprise) any {
			p, r, d, v := regionNames(ref.Regions, e.VillageCode)
			switch f {
			case FieldProvince:
				return textCell(p)
			case FieldRegency:
				return textCell(r)
			case FieldDistrict:
				return textCell(d)
			}
			return textCell(v)
		}
	case FieldVillageCode:
		return func(e *Enterprise) any { return textCell(string(e.VillageCode)) }
	case FieldLatitude:
		return func(e *Enterprise) any { return coordCell(e.Latitude) }
	case FieldLongitude:
		return func(e *Enterprise) any { return coordCell(e.Longitude) }
	case FieldStartYear:
		return func(e *Enterprise) any { return whenCell(e.StartYear) }
	case FieldStartMonth:
		return func(e *Enterprise) any { return whenCell(e.StartMonth) }
	case FieldCapital:
		return func(e *Enterprise) any { return amountCell(e.Capital) }
	case FieldAssets:
		return func(e *Enterprise) any { return amountCell(e.Assets) }
	case FieldSales:
		return func(e *Enterprise) any { return amountCell(e.LatestSales().Amount) }
	case FieldSalesYear:
		return func(e *Enterprise) any { return whenCell(e.LatestSales().Year) }
	case FieldWorkersPaidMale:
		return func(e *Enterprise) any { return e.WorkersPaidMale }
	case FieldWorkersPaidFemale:
		return func(e *Enterprise) any { return e.WorkersPaidFemale }
	case FieldWorkersUnpaidMale:
		return func(e *Enterprise) any { return e.WorkersUnpaidMale }
	case FieldWorkersUnpaidFemale:
		return func(e *Enterprise) any { return e.WorkersUnpaidFemale }
	case FieldSizeReported:
		return func(e *Enterprise) any { return textCell(ChoiceLabel(Sizes, e.SizeReported)) }
	case FieldDigitalMarketplace:
		return func(e *Enterprise) any { return yesNoCell(e.Digital.Marketplace) }
	case FieldDigitalSocial:
		return func(e *Enterprise) any { return yesNoCell(e.Digital.SocialMedia) }
	case FieldDigitalWebsite:
		return func(e *Enterprise) any { return yesNoCell(e.Digital.Website) }
	case FieldDigitalQRIS:
		return func(e *Enterprise) any { return yesNoCell(e.Digital.QRIS) }
	case FieldDigitalBookkeeping:
		return func(e *Enterprise) any { return yesNoCell(e.Digital.DigitalBookkeeping) }
	case FieldDigitalLinks:
		return func(e *Enterprise) any { return textCell(e.Digital.Links) }
	case FieldStatus:
		return func(e *Enterprise) any { return textCell(ChoiceLabel(OperatingStatuses, e.Status)) }
	case FieldBinaan:
		return func(e *Enterprise) any { return yesNoCell(e.Binaan) }
	case FieldBinaanSince:
		return func(e *Enterprise) any { return dateCell(e.BinaanSince) }
	case FieldSourceID:
		return func(e *Enterprise) any { return ExportID(e.SourceID, e.ID) }
	case FieldNotes:
		return func(e *Enterprise) any { return textCell(e.Notes) }
	}
	// A template field without a cell is a programming error that the
	// tests of this file catch; the column stays empty.
	return func(*Enterprise) any { return nil }
}

// sidtPersonal are the SIDT columns that hold personal data; the owner's
// region columns are part of the home address.
var sidtPersonal = map[string]bool{
	"nik_pengusaha": true, "tanggal_lahir": true, "kontak_hp": true, "alamat_pengusaha": true,
	"prov_pengusaha": true, "kab_pengusaha": true, "kec_pengusaha": true, "kel_pengusaha": true,
	"rt_pengusaha": true, "rw_pengusaha": true,
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
func SIDTLayout(ref Reference, personal bool, pulledAt time.Time) *Layout[Enterprise] {
	l := &Layout[Enterprise]{Name: "sidt"}
	pulled := pulledAt.UTC().Format(time.DateTime)
	for _, c := range TemplateSIDT().Columns {
		cell := sidtCell(c.Header, ref, pulled)
		if sidtPersonal[c.Header] && !personal {
			cell = func(*Enterprise) any { return nil }
		}
		l.add(ExportColumn{Header: c.Header, Field: c.Field, Personal: sidtPersonal[c.Header]}, true, cell)
	}
	return l
}

func sidtCell(header string, ref Reference, pulled string) func(*Enterprise) any {
	blank := func(*Enterprise) any { return nil }
	region := func(level RegionLevel) func(*Enterprise) any {
		return func(e *Enterprise) any {
			if e.VillageCode.Level() < level || ref.Regions == nil {
				return nil
			}
			return textCell(ref.Regions.Name(e.VillageCode.Truncate(level)))
		}
	}
	switch header {
	case "id_data_badan_usaha":
		return func(e *Enterprise) any { return ExportID(e.SourceID, e.ID) }
	case "nik_pengusaha":
		return func(e *Enterprise) any { return textCell(e.Owner.NIK) }
	case "nama_pengusaha":
		return func(e *Enterprise) any { return textCell(e.Owner.Name) }
	case "nib":
		return func(e *Enterprise) any { return textCell(e.NIB) }
	case "jenis_kelamin":
		return func(e *Enterprise) any { return textCell(Genders.Label(e.Owner.Gender, "id")) }
	case "is_disabilitas":
		return func(e *Enterprise) any { return yesNoCell(e.Owner.Disability) }
	case "tanggal_lahir":
		return func(e *Enterprise) any { return dateCell(e.Owner.BirthDate) }
	case "pendidikan_formal":
		return func(e *Enterprise) any { return textCell(ChoiceLabel(Educations, e.Owner.Education)) }
	case "kontak_hp":
		return func(e *Enterprise) any { return textCell(e.Owner.Phone) }
	case "alamat_pengusaha":
		return func(e *Enterprise) any { return textCell(e.Owner.Address) }
	case "nama_usaha":
		return func(e *Enterprise) any { return textCell(e.Name) }
	case "kegiatan_utama":
		return func(e *Enterprise) any {
			if k, ok := kbliEntry(ref, e.MainKBLI()); ok {
				return textCell(k.Title)
			}
			return nil
		}
	case "produk_utama":
		return func(e *Enterprise) any { return textCell(e.MainProduct) }
	case "kategori_kbli":
		return func(e *Enterprise) any {
			if k, ok := kbliEntry(ref, e.MainKBLI()); ok {
				return textCell(k.Section)
			}
			return nil
		}
	case "kode_kbli":
		return func(e *Enterprise) any { return textCell(e.MainKBLI().Code) }
	case "status_badan_usaha":
		return func(e *Enterprise) any { return textCell(ChoiceLabel(LegalForms, e.LegalForm)) }
	case "skala_usaha":
		return func(e *Enterprise) any {
			s := e.SizeReported
			if s == "" {
				s = e.SizeComputed
			}
			return textCell(ChoiceLabel(Sizes, s))
		}
	case "modal_pendirian":
		return func(e *Enterprise) any { return amountCell(e.Capital) }
	case "bulan_mulai_operasi":
		return func(e *Enterprise) any { return whenCell(e.StartMonth) }
	case "tahun_mulai_operasi":
		return func(e *Enterprise) any { return whenCell(e.StartYear) }
	case "omzet_tahunan":
		return func(e *Enterprise) any { return amountCell(e.LatestSales().Amount) }
	case "asset":
		return func(e *Enterprise) any { return amountCell(e.Assets) }
	case "prov_usaha":
		return region(LevelProvince)
	case "kab_usaha":
		return region(LevelRegency)
	case "kec_usaha":
		return region(LevelDistrict)
	case "kel_usaha":
		return region(LevelVillage)
	case "alamat_usaha":
		return func(e *Enterprise) any { return textCell(e.Address) }
	case "alamat_latitude":
		return func(e *Enterprise) any { return coordCell(e.Latitude) }
	case "alamat_longitude":
		return func(e *Enterprise) any { return coordCell(e.Longitude) }
	case "tk_dibayar_laki":
		return func(e *Enterprise) any { return e.WorkersPaidMale }
	case "tk_dibayar_perempuan":
		return func(e *Enterprise) any { return e.WorkersPaidFemale }
	case "tk_not_dibayar_laki":
		return func(e *Enterprise) any { return e.WorkersUnpaidMale }
	case "tk_not_dibayar_perempuan":
		return func(e *Enterprise) any { return e.WorkersUnpaidFemale }
	case "pulled_at":
		return func(*Enterprise) any { return pulled }
	case "updated_at":
		return func(e *Enterprise) any {
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
var cooperativeExtra = []Field{
	FieldVillageCode, FieldNIB, FieldNPWP, FieldCertificateDate, FieldKBLI, FieldLatitude, FieldLongitude,
	FieldMembersMale, FieldMembersFemale, FieldEmployeesMale, FieldEmployeesFemale, FieldKDMP, FieldLastRATYear,
	FieldSourceID, FieldNotes,
}

// CooperativeFileColumns returns the columns of Bina's cooperative file,
// for the downloadable template and the export: the ministry's master
// format (TemplateKoperasi) first, so that the file imports with the
// template "koperasi", then the fields that format lacks.
func CooperativeFileColumns() []TemplateColumn {
	cols := TemplateKoperasi().Columns
	for _, f := range cooperativeExtra {
		fi, _ := LookupField(EntityCooperative, f)
		cols = append(cols, TemplateColumn{Header: fi.Label.ID, Field: f})
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
func CooperativeLayout(ref Reference, kelompoks Options, personal bool) *Layout[Cooperative] {
	if len(kelompoks) == 0 {
		kelompoks = DefaultKelompoks
	}
	l := &Layout[Cooperative]{Name: "koperasi"}
	for _, c := range CooperativeFileColumns() {
		l.add(ExportColumn{Header: c.Header, Field: c.Field}, personal, cooperativeCell(c.Field, ref, kelompoks))
	}
	l.add(ExportColumn{Header: headerOfficers}, personal, func(c *Cooperative) any {
		return officerList(c.Officers, func(o Officer) string { return o.Name })
	})
	l.add(ExportColumn{Header: headerOfficerPhones, Personal: true}, personal, func(c *Cooperative) any {
		return officerList(c.Officers, func(o Officer) string { return o.Phone })
	})
	return l
}

// officerList writes officers as "Ketua: Name; Sekretaris: Name".
func officerList(os []Officer, value func(Officer) string) any {
	var parts []string
	for _, o := range os {
		if v := value(o); v != "" {
			parts = append(parts, OfficerRoles.Label(o.Role, "id")+": "+v)
		}
	}
	return textCell(strings.Join(parts, "; "))
}

func cooperativeCell(f Field, ref Reference, kelompoks Options) func(*Cooperative) any {
	switch f {
	case FieldRegistrationNumber:
		return func(c *Cooperative) any { return textCell(c.RegistrationNumber) }
	case FieldName:
		return func(c *Cooperative) any { return textCell(c.Name) }
	case FieldLegalNumber:
		return func(c *Cooperative) any { return textCell(c.LegalNumber) }
	case FieldLegalDate:
		return func(c *Cooperative) any { return dateCell(c.LegalDate) }
	case FieldBentuk:
		return func(c *Cooperative) any { return textCell(ChoiceLabel(Bentuks, c.Bentuk)) }
	case FieldJenis:
		return func(c *Cooperative) any { return textCell(ChoiceLabel(Jenises, c.Jenis)) }
	case FieldPola:
		return func(c *Cooperative) any { return textCell(ChoiceLabel(Polas, c.Pola)) }
	case FieldStatus:
		return func(c *Cooperative) any {
			if c.Active {
				return "Aktif"
			}
			return "Tidak Aktif"
		}
	case FieldSector:
		return func(c *Cooperative) any {
			if k, ok := kbliEntry(ref, c.KBLI); ok {
				for _, s := range KBLISections() {
					if s.Code == k.Section {
						return s.ID
					}
				}
			}
			return nil
		}
	case FieldKelompok:
		return func(c *Cooperative) any { return textCell(ChoiceLabel(kelompoks, c.Kelompok)) }
	case FieldProvince, FieldRegency, FieldDistrict, FieldVillage:
		return func(c *Cooperative) any {
			p, r, d, v := regionNames(ref.Regions, c.VillageCode)
			switch f {
			case FieldProvince:
				return textCell(p)
			case FieldRegency:
				return textCell(r)
			case FieldDistrict:
				return textCell(d)
			}
			return textCell(v)
		}
	case FieldAddress:
		return func(c *Cooperative) any { return textCell(c.Address) }
	case FieldVillageCode:
		return func(c *Cooperative) any { return textCell(string(c.VillageCode)) }
	case FieldNIB:
		return func(c *Cooperative) any { return textCell(c.NIB) }
	case FieldNPWP:
		return func(c *Cooperative) any { return textCell(c.NPWP) }
	case FieldCertificateDate:
		return func(c *Cooperative) any { return dateCell(c.CertificateDate) }
	case FieldKBLI:
		return func(c *Cooperative) any { return textCell(c.KBLI.Code) }
	case FieldLatitude:
		return func(c *Cooperative) any { return coordCell(c.Latitude) }
	case FieldLongitude:
		return func(c *Cooperative) any { return coordCell(c.Longitude) }
	case FieldMembersMale:
		return func(c *Cooperative) any { return c.MembersMale }
	case FieldMembersFemale:
		return func(c *Cooperative) any { return c.MembersFemale }
	case FieldEmployeesMale:
		return func(c *Cooperative) any { return c.EmployeesMale }
	case FieldEmployeesFemale:
		return func(c *Cooperative) any { return c.EmployeesFemale }
	case FieldKDMP:
		return func(c *Cooperative) any { return yesNoCell(c.KDMP) }
	case FieldLastRATYear:
		return func(c *Cooperative) any { return whenCell(c.LastRATYear) }
	case FieldSourceID:
		return func(c *Cooperative) any { return ExportID(c.SourceID, c.ID) }
	case FieldNotes:
		return func(c *Cooperative) any { return textCell(c.Notes) }
	}
	// Kode Pos, Email and Grade: folded into the address or the notes on
	// import, not kept apart.
	return func(*Cooperative) any { return nil }
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
func Pages[T any](first Page[T], next func(cursor string) (Page[T], error)) iter.Seq2[*T, error] {
	type result struct {
		page Page[T]
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

// LogValue describes a filter for the log: every choice, but only whether
// a search was given, never its words, which may be a NIK or a name
// (UU 27/2022).
func (f EnterpriseFilter) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("region", string(f.Region)),
		slog.String("kbli_section", f.KBLISection),
		slog.String("size", f.Size),
		slog.String("status", f.Status),
		slog.String("binaan", f.Binaan),
		slog.String("verification", f.Verification),
		slog.String("digital", f.Digital),
		slog.Bool("search", strings.TrimSpace(f.Query) != ""),
		slog.Bool("archived", f.Archived),
		slog.String("sort", f.Sort),
	)
}

// LogValue describes a filter for the log without its search words.
func (f CooperativeFilter) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("region", string(f.Region)),
		slog.String("jenis", f.Jenis),
		slog.String("bentuk", f.Bentuk),
		slog.String("pola", f.Pola),
		slog.String("kelompok", f.Kelompok),
		slog.String("active", f.Active),
		slog.String("kdmp", f.KDMP),
		slog.String("verification", f.Verification),
		slog.Bool("search", strings.TrimSpace(f.Query) != ""),
		slog.Bool("archived", f.Archived),
		slog.String("sort", f.Sort),
	)
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
	Code   string  // the query value: "skala"
	Column string  // the header of the category column: "skala_usaha"
	Values Options // the categories, in order; their ID labels are written
}

// EnterpriseOpenData are the categories of the UMKM table.
var EnterpriseOpenData = []OpenDataCategory{
	{"skala", "skala_usaha", append(append(Options(nil), Sizes...), Option{"", OpenDataUnknown, "Not known"})},
	{"kbli", "kategori_kbli", kbliOpenDataValues()},
	{"status", "status_usaha", OperatingStatuses},
	{"binaan", "status_binaan", Options{{"ya", "Binaan", "Coached"}, {"tidak", "Bukan binaan", "Not coached"}}},
}

// CooperativeOpenData are the categories of the cooperative table.
var CooperativeOpenData = []OpenDataCategory{
	{"jenis", "jenis_koperasi", Jenises},
	{"keaktifan", "keaktifan_koperasi", Options{{"ya", "Aktif", "Active"}, {"tidak", "Tidak aktif", "Inactive"}}},
}

func kbliOpenDataValues() Options {
	out := make(Options, 0, len(KBLISections())+1)
	for _, s := range KBLISections() {
		out = append(out, Option{s.Code, s.Code + " - " + s.ID, s.Code + " - " + s.EN})
	}
	return append(out, Option{"", OpenDataUnknown, "Not known"})
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
	District RegionCode
	Category Option
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
func (t *OpenDataTable) Cells(ref Reference, r OpenDataRow) []any {
	code := func(l RegionLevel) string { return strings.ReplaceAll(string(r.District.Truncate(l)), ".", "") }
	name := func(l RegionLevel) string {
		if ref.Regions == nil {
			return ""
		}
		return ref.Regions.Name(r.District.Truncate(l))
	}
	return []any{code(LevelProvince), name(LevelProvince), code(LevelRegency), name(LevelRegency),
		code(LevelDistrict), name(LevelDistrict), r.Category.ID, r.Shown, t.Unit, t.Year}
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
func openDataYear(ref Reference, year int) (int, error) {
	now := ref.Clock().Year()
	if year == 0 {
		return now, nil
	}
	if year != now {
		var p Problems
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
func EnterpriseOpenDataTable(ctx context.Context, svc EnterpriseService, ref Reference, category string, year int) (*OpenDataTable, error) {
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
		d RegionCode
		v string
	}
	n := map[key]int{}
	totals := map[RegionCode]int{}
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
				f := EnterpriseFilter{Region: d.Code, Limit: 1}
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
func CooperativeOpenDataTable(ctx context.Context, svc CooperativeService, ref Reference, category string, year int) (*OpenDataTable, error) {
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
		d RegionCode
		v string
	}
	n := map[key]int{}
	totals := map[RegionCode]int{}
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
				p, err := svc.ListCooperatives(ctx, CooperativeFilter{Region: d.Code, Jenis: v.Code, Limit: 1})
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
	var p Problems
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
		r = FoldAccent(r)
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
