package export

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"bina"
)

// OpenDataMetadata describes an open dataset the way regency Satu Data
// portals do (INDIKATOR.md A4: the Jabar keys "Dataset Diperbarui",
// "Produsen", "Tingkat Penyajian", "Dimensi Dataset Awal/Akhir"; the CKAN
// licence fields), in Indonesian keys with the title and description in
// both languages. It heads the JSON of a dataset, and a CSV points to
// that JSON as its description (Link rel="describedby", as CSV on the Web
// does).
type OpenDataMetadata struct {
	Dataset     string   `json:"dataset"`
	Judul       string   `json:"judul"`
	Title       string   `json:"title"`
	Deskripsi   string   `json:"deskripsi"`
	Description string   `json:"description"`
	Produsen    string   `json:"produsen"`
	Lisensi     string   `json:"lisensi"`
	LisensiURL  string   `json:"lisensi_url"`
	Periode     string   `json:"periode"`
	TahunAwal   int      `json:"tahun_awal"`
	TahunAkhir  int      `json:"tahun_akhir"`
	Diperbarui  string   `json:"diperbarui,omitempty"` // the newest change of the records counted (RFC 3339)
	Tingkat     string   `json:"tingkat_penyajian"`    // "kecamatan"
	Cakupan     string   `json:"cakupan"`              // "Kabupaten Kubu Raya"
	Indikator   string   `json:"kode_indikator,omitempty"`
	Ukuran      string   `json:"ukuran"` // the measure's column
	Satuan      string   `json:"satuan"`
	Kolom       []string `json:"kolom"`
	Kerahasiaan Secrecy  `json:"kerahasiaan"`
}

// Secrecy states the rule for small counts a dataset follows.
type Secrecy struct {
	Diterapkan bool              `json:"diterapkan"` // small counts are withheld in this dataset
	Ambang     int               `json:"ambang"`     // SmallCell
	Tanda      map[string]string `json:"tanda"`      // each mark and what it means
	Keterangan string            `json:"keterangan"`
}

// OpenDataMark is a mark of withheld cells and what it means.
type OpenDataMark struct {
	Mark string
	Text bina.Text
}

// OpenDataMarks explains the marks of withheld cells, in Indonesian and
// English: the legend of the page and of the metadata.
var OpenDataMarks = []OpenDataMark{
	{SuppressedSmall, bina.Text{ID: "dirahasiakan: 1 atau 2 unit", EN: "withheld: 1 or 2 units"}},
	{SuppressedOther, bina.Text{ID: "dirahasiakan agar angka yang kecil tidak dapat dihitung dari jumlahnya", EN: "withheld so that the small count cannot be worked out from the total"}},
}

// OpenDataLevelNames name the levels of presentation.
var OpenDataLevelNames = map[bina.RegionLevel]bina.Text{
	bina.LevelRegency:  {ID: "kabupaten/kota", EN: "regency"},
	bina.LevelDistrict: {ID: "kecamatan", EN: "district"},
	bina.LevelVillage:  {ID: "desa/kelurahan", EN: "village"},
}

// Metadata returns the metadata of d's table t, counted from records last
// changed at changed (zero: not known). It holds no time of counting, so
// that a table counted again without a change is the same file (and ETag).
func (d *OpenDataset) Metadata(ref bina.Reference, t *OpenDataTable, changed time.Time) OpenDataMetadata {
	now := ref.Clock().Year()
	m := OpenDataMetadata{Dataset: d.Name, Judul: d.Title.ID, Title: d.Title.EN, Deskripsi: d.Description.ID, Description: d.Description.EN,
		Produsen: OpenDataProducer(ref), Lisensi: OpenDataLicence.Name, LisensiURL: OpenDataLicence.URL,
		Periode: d.Period(ref), TahunAwal: now - max(d.Years, 1) + 1, TahunAkhir: now,
		Tingkat:   OpenDataLevelNames[d.Level].ID,
		Indikator: d.Indicator, Ukuran: t.Measure, Satuan: t.Unit, Kolom: t.Header(),
		Kerahasiaan: Secrecy{Diterapkan: d.People, Ambang: SmallCell, Tanda: map[string]string{}}}
	if ref.Regions != nil {
		m.Cakupan = ref.Regions.Name(ref.Regions.Root())
	}
	if !changed.IsZero() {
		m.Diperbarui = changed.UTC().Format(time.RFC3339)
	}
	if d.People {
		for _, mk := range OpenDataMarks {
			m.Kerahasiaan.Tanda[mk.Mark] = mk.Text.ID
		}
		m.Kerahasiaan.Keterangan = "Jumlah UMKM atau peserta di bawah " + strconv.Itoa(SmallCell) + " dirahasiakan, karena dapat menunjuk orang tertentu (UU 27/2022)."
	} else {
		m.Kerahasiaan.Keterangan = "Angka tentang badan hukum (koperasi) atau kegiatan Dinas, tidak tentang orang: tidak ada yang dirahasiakan."
	}
	return m
}

// WriteOpenDataJSON writes t with its metadata m as one JSON object:
// {"metadata": m, "data": [rows]}, each row an object whose keys are the
// columns of the CSV in their order, a published count a number and a
// withheld one its mark (a string).
func WriteOpenDataJSON(w io.Writer, ref bina.Reference, m OpenDataMetadata, t *OpenDataTable) error {
	var buf bytes.Buffer
	meta, err := json.Marshal(m)
	if err != nil {
		return err
	}
	buf.WriteString(`{"metadata":`)
	buf.Write(meta)
	buf.WriteString(",\n\"data\":[")
	header := t.Header()
	for i, r := range t.Rows {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n{")
		for j, c := range t.Cells(ref, r) {
			if j > 0 {
				buf.WriteByte(',')
			}
			k, _ := json.Marshal(header[j])
			buf.Write(k)
			buf.WriteByte(':')
			if s, ok := c.(string); ok && header[j] == t.Measure {
				if _, err := strconv.Atoi(s); err == nil {
					buf.WriteString(s)
					continue
				}
			}
			v, err := json.Marshal(c)
			if err != nil {
				return err
			}
			buf.Write(v)
		}
		buf.WriteByte('}')
	}
	buf.WriteString("\n]}\n")
	_, err = w.Write(buf.Bytes())
	return err
}
