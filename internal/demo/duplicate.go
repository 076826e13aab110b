package demo

import (
	"strconv"
	"strings"
	"time"

	"bina"
)

// nameSpellings are the variants a business name takes when someone types
// it into another programme's spreadsheet.
var nameSpellings = [][2]string{
	{"Kerupuk", "Krupuk"}, {"Keripik", "Kripik"}, {"Warung Makan", "RM"}, {"Warung", "Wr."}, {"Toko", "Tk."},
	{"Bu ", "Ibu "}, {"Pak ", "Bapak "}, {"Kue", "Kueh"}, {"Ikan Asin", "Ikan Masin"}, {"Kopi", "Kupi"},
	{"Laundry", "Londri"}, {"Catering", "Katering"}, {"Barokah", "Barakah"}, {"Berkah", "Barokah"},
	{"Mandiri", "Mandri"}, {"Sejahtera", "Sejahtra"}, {"Rezeki", "Rejeki"}, {"Makmur", "Makmor"},
	{"Kebun", "Kbn."}, {"Tambak", "Tmbk"}, {"Sembako", "Sembilan Bahan Pokok"},
}

// personSpellings are the same for people's names.
var personSpellings = [][2]string{
	{"Siti", "Sitti"}, {"Muhammad", "M."}, {"Moh.", "Mohammad"}, {"Abd.", "Abdul"}, {"Abdul", "Abd."},
	{"Yohanes", "Yohannes"}, {"Stefanus", "Stevanus"}, {"Fransiskus", "Fransiscus"}, {"Sri ", "Sry "},
	{"Nur", "Noor"}, {"Rahmawati", "Rahmawaty"}, {"Yuliana", "Juliana"},
}

// variant applies one of the spellings that fits, starting at a random one;
// when none fits it writes the name in capitals, as spreadsheets often have.
func variant(r *rng, s string, spellings [][2]string) string {
	start := r.IntN(len(spellings))
	for k := range spellings {
		sp := spellings[(start+k)%len(spellings)]
		if strings.Contains(s, sp[0]) {
			return strings.Replace(s, sp[0], sp[1], 1)
		}
	}
	if up := strings.ToUpper(s); up != s {
		return up
	}
	return "UD " + s
}

// oldSpreadsheetCopy returns the same business as orig the way an old
// programme spreadsheet recorded it (see the package comment).
func (w *world) oldSpreadsheetCopy(r *rng, orig bina.Enterprise, sourceID string, a *arena) bina.Enterprise {
	e := orig
	e.SourceID = sourceID
	e.Name = variant(r, orig.Name, nameSpellings)
	e.TradeName = ""
	o := &e.Owner
	if r.chance(0.6) {
		o.Name = variant(r, orig.Owner.Name, personSpellings)
	}
	switch u := r.Float64(); {
	case u < 0.45 || o.NIK == "":
	case u < 0.75:
		o.NIK, o.BirthDate = "", bina.Date{}
	default:
		// A typing slip in the sequence: still a valid NIK, not the same.
		b := []byte(o.NIK)
		b[14], b[15] = b[15], b[14]
		if b[14] == b[15] {
			b[15] = byte('0' + (int(b[15]-'0')+1)%10)
		}
		if string(b[12:]) != "0000" {
			o.NIK = string(b)
		}
	}
	switch u := r.Float64(); {
	case o.Phone == "" || u < 0.3:
	case u < 0.8:
		p := o.Phone // "+62 812-3456-789": the store's Normalize makes it 0812...
		o.Phone = "+62 " + p[1:4] + "-" + p[4:8] + "-" + p[8:]
	default:
		o.Phone = ""
	}
	o.Education = ""
	if i := strings.LastIndex(orig.Address, ", "); i >= 0 {
		e.Address = orig.Address[i+2:]
	}
	o.Address = e.Address
	e.NIB = ""
	e.KBLI = nil
	if len(orig.KBLI) > 0 && r.chance(0.5) {
		e.KBLI = a.kbliN(1)
		e.KBLI[0] = orig.KBLI[0]
	}
	e.Latitude, e.Longitude = nil, nil
	e.Digital = bina.Digital{}

	// The programme year: after the business started, before this year.
	var years []int
	for _, y := range []int{2016, 2017, 2018, 2019, 2021, 2022} {
		if y >= orig.StartYear && y < w.year {
			years = append(years, y)
		}
	}
	py := w.year - 1
	if len(years) > 0 {
		py = pick(r, years)
	}
	topic := pick(r, []string{"pengolahan pangan", "kemasan dan label", "pemasaran daring", "Go Digital", "sertifikasi halal", "pembukuan sederhana"})
	e.Notes = NoteOldSpreadsheet + " (" + orig.SourceID + "): daftar peserta pelatihan " + topic + " " + strconv.Itoa(py) + " (spreadsheet); belum dicocokkan dengan data lapangan."
	if r.chance(0.5) {
		e.StartYear, e.StartMonth = 0, 0
	}
	sy := py - 1
	if orig.StartYear > sy {
		sy = py
	}
	amount := orig.LatestSales().Amount
	if amount == 0 {
		amount = orig.Capital
	}
	e.Sales = []bina.AnnualSales{{Year: sy, Amount: max(money(float64(amount)*r.uniform(0.5, 0.9)), 100_000)}}
	e.Capital, e.Assets = 0, 0
	// The old list gave only "Jumlah Tenaga Kerja", without the split.
	e.WorkersTotal = e.Workers()
	e.WorkersPaidMale, e.WorkersPaidFemale, e.WorkersUnpaidMale, e.WorkersUnpaidFemale = 0, 0, 0, 0
	e.SizeComputed = bina.ComputeSize(e.Capital, e.LatestSales().Amount)
	e.SizeRule = bina.RulePP7_2021
	e.SizeReported = ""
	if r.chance(0.5) {
		e.SizeReported = "mikro"
	}
	e.Status = "aktif"
	e.Binaan = true
	e.BinaanSince = w.notAfterToday(bina.DateOf(py, time.Month(r.between(3, 10)), r.between(1, 28)))
	e.Verification = "perlu_perbaikan"
	return e
}
