package bina

import "strings"

// KBLIVersion names the edition of the KBLI classification a code belongs to.
// KBLI 2025 reuses some 2020 codes with new meanings, so a code is never
// stored without its version.
type KBLIVersion string

// The KBLI editions Bina knows.
const (
	KBLI2020 KBLIVersion = "2020"
)

// KBLICode is a five-digit KBLI code with its version.
type KBLICode struct {
	Version KBLIVersion `json:"version"`
	Code    string      `json:"code"`
}

// KBLIEntry is one five-digit code of the catalogue.
type KBLIEntry struct {
	Code    string `json:"code"`
	Section string `json:"section"` // A-U
	Title   string `json:"title"`
}

// KBLISections names the sections A-U in Indonesian (Peraturan BPS 2/2020).
var kbliSections = []Option{
	{"A", "Pertanian, Kehutanan dan Perikanan", "Agriculture, forestry and fishing"},
	{"B", "Pertambangan dan Penggalian", "Mining and quarrying"},
	{"C", "Industri Pengolahan", "Manufacturing"},
	{"D", "Pengadaan Listrik dan Gas", "Electricity and gas"},
	{"E", "Pengadaan Air, Pengelolaan Sampah dan Daur Ulang", "Water supply, waste and recycling"},
	{"F", "Konstruksi", "Construction"},
	{"G", "Perdagangan Besar dan Eceran; Reparasi Kendaraan", "Wholesale and retail trade; vehicle repair"},
	{"H", "Pengangkutan dan Pergudangan", "Transport and storage"},
	{"I", "Penyediaan Akomodasi dan Makan Minum", "Accommodation and food service"},
	{"J", "Informasi dan Komunikasi", "Information and communication"},
	{"K", "Aktivitas Keuangan dan Asuransi", "Financial and insurance"},
	{"L", "Real Estat", "Real estate"},
	{"M", "Aktivitas Profesional, Ilmiah dan Teknis", "Professional, scientific and technical"},
	{"N", "Aktivitas Penyewaan dan Sewa Guna Usaha, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha Lainnya", "Administrative and support services"},
	{"O", "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib", "Public administration and defence"},
	{"P", "Pendidikan", "Education"},
	{"Q", "Aktivitas Kesehatan Manusia dan Aktivitas Sosial", "Human health and social work"},
	{"R", "Kesenian, Hiburan dan Rekreasi", "Arts, entertainment and recreation"},
	{"S", "Aktivitas Jasa Lainnya", "Other service activities"},
	{"T", "Aktivitas Rumah Tangga sebagai Pemberi Kerja", "Households as employers"},
	{"U", "Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya", "Extraterritorial organisations"},
}

// KBLISections returns the sections A-U with their names.
func KBLISections() []Option { return kbliSections }

// KBLICatalog is the set of five-digit codes per version.
type KBLICatalog struct {
	entries map[KBLIVersion]map[string]KBLIEntry
	ordered map[KBLIVersion][]KBLIEntry
}

// NewKBLICatalog builds a catalogue of one version.
func NewKBLICatalog(v KBLIVersion, entries []KBLIEntry) *KBLICatalog {
	c := &KBLICatalog{entries: map[KBLIVersion]map[string]KBLIEntry{}, ordered: map[KBLIVersion][]KBLIEntry{}}
	m := make(map[string]KBLIEntry, len(entries))
	for _, e := range entries {
		m[e.Code] = e
	}
	c.entries[v] = m
	c.ordered[v] = entries
	return c
}

// Lookup returns the entry of code k.
func (c *KBLICatalog) Lookup(k KBLICode) (KBLIEntry, bool) {
	if c == nil {
		return KBLIEntry{}, false
	}
	v := k.Version
	if v == "" {
		v = KBLI2020
	}
	e, ok := c.entries[v][strings.TrimSpace(k.Code)]
	return e, ok
}

// Entries returns every entry of version v in code order.
func (c *KBLICatalog) Entries(v KBLIVersion) []KBLIEntry { return c.ordered[v] }

// Search returns up to limit entries of v whose code starts with q or whose
// title contains q (case-insensitive).
func (c *KBLICatalog) Search(v KBLIVersion, q string, limit int) []KBLIEntry {
	q = strings.ToLower(strings.TrimSpace(q))
	var out []KBLIEntry
	for _, e := range c.ordered[v] {
		if q == "" || strings.HasPrefix(e.Code, q) || strings.Contains(strings.ToLower(e.Title), q) {
			out = append(out, e)
			if len(out) >= limit {
				break
			}
		}
	}
	return out
}
