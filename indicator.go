package bina

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Indicator is one figure the office reports, held as data: its code and
// name, the statistical metadata of an MS-Ind form (INDIKATOR.md A3), the
// breakdowns it allows and the list of records behind it.
type Indicator struct {
	Code       string
	Name       Text
	Concept    Text   // konsep
	Definition Text   // definisi (operasional)
	Formula    Text   // metode/rumus perhitungan
	Unit       Text   // satuan
	Measure    string // ukuran: "jumlah" or "persentase"
	Subject    string // what is counted: "enterprise", "cooperative", "programme", "participant"
	// Theme is the dashboard the indicator belongs to (IndicatorThemes).
	Theme      string
	Breakdowns []string // the by= values allowed besides none: IndicatorBreakdowns
	// History reports whether the value of a past year can be counted
	// again from the register (creation and archive dates, programme
	// years); otherwise only the current year has a value.
	History bool
	// Stock marks a count of records of the register as it stands at the
	// end of the year (all of it, or those recorded in the year): the
	// list behind a past year's figure is the register at that year's end
	// (PastListURL), not the register now, which has lost the records
	// archived since.
	Stock bool
	// ListPath is the page listing the records counted, with the
	// filter that selects them ("binaan=ya"); region and the breakdown's
	// key are added to it by ListURL. A share lists its numerator (the
	// women-owned businesses of umkm_women_owned_share).
	ListPath string
	// NoValue says why a figure has no value, for an indicator whose
	// figure can have none (IndicatorValue.None).
	NoValue Text
}

// Measures of an indicator.
const (
	MeasureCount   = "jumlah"
	MeasurePercent = "persentase"
)

// IndicatorBreakdowns are the by= values of GET /api/v1/indicators/{code}.
var IndicatorBreakdowns = Options{
	{"region", "Wilayah", "Region"},
	{"size", "Skala usaha", "Business size"},
	{"kbli_section", "Seksi KBLI", "KBLI section"},
	{"gender", "Jenis kelamin pemilik", "Owner gender"},
	{"year", "Tahun", "Year"},
	{"disability", "Disabilitas pemilik", "Owner disability"},
	{"cert_kind", "Jenis sertifikat", "Certificate kind"},
	{"coop_type", "Jenis koperasi", "Cooperative type"},
	{"coop_group", "Kelompok koperasi", "Cooperative group"},
	{"health_category", "Kategori kesehatan", "Health category"},
}

// Classes returns the klasifikasi penyajian of the MS-Ind form: the
// breakdowns the indicator is presented by.
func (ind *Indicator) Classes() []string { return ind.Breakdowns }

// The dashboards indicators are grouped in: one per theme of the office's
// work, each with its page under /dasbor.
const (
	ThemeUMKM        = "umkm"
	ThemePembinaan   = "pembinaan"
	ThemeKoperasi    = "koperasi"
	ThemeDataQuality = "kualitas-data"
)

// IndicatorThemes lists the themes in the order the dashboards show them.
var IndicatorThemes = Options{
	{ThemeUMKM, "UMKM", "UMKM"},
	{ThemePembinaan, "Pembinaan dan jangkauan", "Coaching and reach"},
	{ThemeKoperasi, "Koperasi", "Cooperatives"},
	{ThemeDataQuality, "Kualitas data", "Data quality"},
}

// Allows reports whether the indicator breaks down by by.
func (ind *Indicator) Allows(by string) bool { return slices.Contains(ind.Breakdowns, by) }

var (
	unitBusiness    = Text{ID: "unit usaha", EN: "businesses"}
	unitCooperative = Text{ID: "unit koperasi", EN: "cooperatives"}
	unitPercent     = Text{ID: "persen", EN: "percent"}
	// enterpriseBy are the breakdowns of the register's own records,
	// counted from the kept summary (docs/indikator.md).
	enterpriseBy    = []string{"region", "size", "kbli_section", "gender", "disability"}
	unitWorker      = Text{ID: "orang", EN: "people"}
	unitCertificate = Text{ID: "sertifikat", EN: "certificates"}
)

// Indicators is the catalogue of indicators Bina computes, in the order
// they are listed: the register's and programmes' indicators, then those
// of cooperative supervision (indicator_coop.go).
var Indicators = slices.Concat(registerIndicators, coopIndicators)

var registerIndicators = []Indicator{
	{Code: "umkm_registered", Name: Text{"UMKM terdaftar", "Registered UMKM"},
		Concept:    Text{"Usaha mikro, kecil dan menengah yang tercatat dalam register Dinas.", "Micro, small and medium businesses recorded in the office's register."},
		Definition: Text{"Jumlah UMKM yang tercatat dan tidak diarsipkan pada akhir tahun (tahun berjalan: saat ini).", "Businesses recorded and not archived at the end of the year (current year: now)."},
		Formula:    Text{"Σ UMKM terdaftar yang tidak diarsipkan", "count of registered businesses not archived"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM, History: true, Stock: true,
		Breakdowns: append(slices.Clone(enterpriseBy), "year"), ListPath: "/umkm"},
	{Code: "umkm_verified", Name: Text{"UMKM terverifikasi", "Verified UMKM"},
		Concept:    Text{"UMKM yang datanya telah diperiksa petugas.", "Businesses whose record an officer has checked."},
		Definition: Text{"Jumlah UMKM terdaftar dengan status verifikasi \"terverifikasi\".", "Registered businesses whose verification state is \"verified\"."},
		Formula:    Text{"Σ UMKM terdaftar dengan verifikasi = terverifikasi", "count of registered businesses with verification = verified"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: enterpriseBy, ListPath: "/umkm?verifikasi=terverifikasi"},
	{Code: "umkm_binaan", Name: Text{"UMKM binaan", "UMKM under coaching"},
		Concept:    Text{"UMKM yang dibina oleh Dinas.", "Businesses the office coaches."},
		Definition: Text{"Jumlah UMKM terdaftar yang berstatus binaan.", "Registered businesses marked as coached (binaan)."},
		Formula:    Text{"Σ UMKM terdaftar dengan binaan = ya", "count of registered businesses with binaan = yes"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemePembinaan,
		Breakdowns: enterpriseBy, ListPath: "/umkm?binaan=ya"},
	{Code: "umkm_women_owned_share", Name: Text{"Persentase UMKM milik perempuan", "Share of women-owned UMKM"},
		Concept:    Text{"Kepemilikan UMKM oleh perempuan.", "Ownership of businesses by women."},
		Definition: Text{"UMKM terdaftar yang pemiliknya perempuan dibagi seluruh UMKM terdaftar.", "Registered businesses owned by a woman divided by all registered businesses."},
		Formula:    Text{"Σ UMKM dengan pemilik perempuan / Σ UMKM terdaftar × 100%", "women-owned businesses / registered businesses × 100%"},
		Unit:       unitPercent, Measure: MeasurePercent, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: []string{"region", "size", "kbli_section", "disability"}, ListPath: "/umkm?jenis_kelamin=P"},
	{Code: "umkm_reached", Name: Text{"UMKM terjangkau", "UMKM reached"},
		Concept:    Text{"UMKM yang dijangkau Dinas melalui kegiatan program atau pendampingan.", "Businesses the office reached through a programme activity or coaching."},
		Definition: Text{"Jumlah UMKM terdaftar yang terakhir dijangkau pada tahun itu atau sesudahnya (tahun berjalan: dijangkau tahun ini).", "Registered businesses last reached in the year or later (current year: reached this year)."},
		Formula:    Text{"Σ UMKM terdaftar dengan tahun jangkauan terakhir ≥ tahun", "count of registered businesses whose last reach is in or after the year"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region"}, ListPath: "/umkm"},
	{Code: "umkm_never_reached", Name: Text{"UMKM belum pernah terjangkau", "UMKM never reached"},
		Concept:    Text{"UMKM yang belum pernah dijangkau Dinas.", "Businesses the office never reached."},
		Definition: Text{"Jumlah UMKM terdaftar tanpa kehadiran kegiatan program maupun sesi pendampingan.", "Registered businesses with no attended programme activity and no coaching session."},
		Formula:    Text{"Σ UMKM terdaftar yang belum pernah dijangkau", "count of registered businesses never reached"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemePembinaan,
		Breakdowns: []string{"region"}, ListPath: "/umkm?jangkauan=never"},
	{Code: "umkm_new", Name: Text{"UMKM baru terdaftar", "Newly registered UMKM"},
		Concept:    Text{"UMKM yang masuk ke register Dinas dalam tahun itu.", "Businesses that entered the office's register in the year."},
		Definition: Text{"Jumlah UMKM yang dicatat (dibuat di register) dalam tahun itu dan masih terdaftar pada akhir tahun itu (tahun berjalan: saat ini).", "Businesses recorded (created in the register) in the year and still registered at its end (current year: now)."},
		Formula:    Text{"Σ UMKM dengan tahun pencatatan = tahun, tidak diarsipkan dalam tahun itu", "count of businesses recorded in the year and not archived in it"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM, History: true, Stock: true,
		Breakdowns: append(slices.Clone(enterpriseBy), "year"), ListPath: "/umkm"},
	{Code: "umkm_closed", Name: Text{"UMKM keluar dari register", "UMKM leaving the register"},
		Concept:    Text{"UMKM yang keluar dari register: tutup, pindah, atau data ganda yang digabung.", "Businesses that left the register: closed, moved away, or duplicates merged."},
		Definition: Text{"Jumlah UMKM yang diarsipkan dalam tahun itu dan belum dipulihkan.", "Businesses archived in the year and not restored."},
		Formula:    Text{"Σ UMKM dengan tahun pengarsipan = tahun", "count of businesses archived in the year"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM, History: true,
		Breakdowns: append(slices.Clone(enterpriseBy), "year"), ListPath: "/umkm?arsip=ya"},
	{Code: "umkm_workers_paid", Name: Text{"Tenaga kerja dibayar", "Paid workers"},
		Concept:    Text{"Tenaga kerja yang menerima upah pada UMKM terdaftar.", "Workers paid a wage by registered businesses."},
		Definition: Text{"Jumlah tenaga kerja dibayar (laki-laki dan perempuan) yang dicatat pada UMKM terdaftar; rincian jenis kelamin menurut jenis kelamin tenaga kerja.", "Paid workers (men and women) recorded on registered businesses; the gender breakdown is by the workers' sex."},
		Formula:    Text{"Σ (tenaga kerja dibayar laki-laki + perempuan) UMKM terdaftar", "sum of paid male and female workers of registered businesses"},
		Unit:       unitWorker, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: enterpriseBy, ListPath: "/umkm"},
	{Code: "umkm_workers_unpaid", Name: Text{"Tenaga kerja tidak dibayar", "Unpaid workers"},
		Concept:    Text{"Tenaga kerja tanpa upah (umumnya keluarga) pada UMKM terdaftar.", "Workers without a wage (mostly family) on registered businesses."},
		Definition: Text{"Jumlah tenaga kerja tidak dibayar (laki-laki dan perempuan) yang dicatat pada UMKM terdaftar; rincian jenis kelamin menurut jenis kelamin tenaga kerja.", "Unpaid workers (men and women) recorded on registered businesses; the gender breakdown is by the workers' sex."},
		Formula:    Text{"Σ (tenaga kerja tidak dibayar laki-laki + perempuan) UMKM terdaftar", "sum of unpaid male and female workers of registered businesses"},
		Unit:       unitWorker, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: enterpriseBy, ListPath: "/umkm"},
	{Code: "umkm_digital_share", Name: Text{"Persentase UMKM go digital", "Share of UMKM gone digital"},
		Concept:    Text{"Adopsi saluran digital (marketplace, media sosial, situs web, QRIS, pembukuan digital) oleh UMKM.", "Adoption of digital channels (marketplace, social media, website, QRIS, digital bookkeeping) by businesses."},
		Definition: Text{"UMKM terdaftar yang memakai sedikitnya satu saluran digital dibagi seluruh UMKM terdaftar.", "Registered businesses using at least one digital channel divided by all registered businesses."},
		Formula:    Text{"Σ UMKM dengan saluran digital / Σ UMKM terdaftar × 100%", "businesses with a digital channel / registered businesses × 100%"},
		Unit:       unitPercent, Measure: MeasurePercent, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: enterpriseBy, ListPath: "/umkm?digital=any"},
	{Code: "umkm_cert_held", Name: Text{"Sertifikat dan izin yang dimiliki UMKM", "Certificates and licences held by UMKM"},
		Concept:    Text{"Legalitas dan sertifikasi UMKM: NIB, P-IRT, halal, BPOM, merek, SNI.", "The legal standing and certification of businesses: NIB, P-IRT, halal, BPOM, trademark, SNI."},
		Definition: Text{"Jumlah sertifikat UMKM terdaftar yang berlaku saat ini (tanpa tanggal kedaluwarsa atau belum kedaluwarsa; merek yang terdaftar).", "Certificates of registered businesses in force now (no expiry or not yet expired; trademarks registered)."},
		Formula:    Text{"Σ sertifikat berlaku milik UMKM terdaftar", "count of certificates in force held by registered businesses"},
		Unit:       unitCertificate, Measure: MeasureCount, Subject: "certificate", Theme: ThemePembinaan,
		Breakdowns: []string{"region", "cert_kind"}, ListPath: "/sertifikat?tampil=" + CertViewInForce},
	{Code: "umkm_cert_obtained", Name: Text{"Sertifikat yang diperoleh UMKM", "Certificates obtained by UMKM"},
		Concept:    Text{"Sertifikat dan izin baru yang diperoleh UMKM, sebagai hasil pembinaan.", "New certificates and licences businesses obtained, an outcome of coaching."},
		Definition: Text{"Jumlah sertifikat UMKM terdaftar dengan tanggal terbit dalam tahun itu.", "Certificates of registered businesses issued in the year."},
		Formula:    Text{"Σ sertifikat dengan tahun terbit = tahun", "count of certificates issued in the year"},
		Unit:       unitCertificate, Measure: MeasureCount, Subject: "certificate", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region", "cert_kind", "year"}, ListPath: "/sertifikat?tampil=" + CertViewAll},
	{Code: "umkm_financing_count", Name: Text{"UMKM memperoleh pembiayaan", "UMKM obtaining financing"},
		Concept:    Text{"Akses UMKM pada pembiayaan (KUR, UMi, LPDB dan lainnya).", "Businesses' access to financing (KUR, UMi, LPDB and others)."},
		Definition: Text{"Jumlah capaian \"memperoleh pembiayaan\" UMKM terdaftar yang bertanggal dalam tahun itu.", "Milestones \"financing obtained\" of registered businesses dated in the year."},
		Formula:    Text{"Σ capaian pembiayaan dengan tahun = tahun", "count of financing milestones of the year"},
		Unit:       Text{"kali", "times"}, Measure: MeasureCount, Subject: "milestone", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region", "year"}, ListPath: "/umkm"},
	{Code: "umkm_financing_amount", Name: Text{"Nilai pembiayaan yang diperoleh UMKM", "Financing obtained by UMKM"},
		Concept:    Text{"Besarnya pembiayaan yang diperoleh UMKM.", "The amount of financing businesses obtained."},
		Definition: Text{"Jumlah rupiah pada capaian \"memperoleh pembiayaan\" UMKM terdaftar yang bertanggal dalam tahun itu.", "Rupiah of the milestones \"financing obtained\" of registered businesses dated in the year."},
		Formula:    Text{"Σ nilai capaian pembiayaan dengan tahun = tahun", "sum of the amounts of the financing milestones of the year"},
		Unit:       Text{"rupiah", "rupiah"}, Measure: MeasureCount, Subject: "milestone", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region", "year"}, ListPath: "/umkm"},
	{Code: "dq_kbli_coverage", Name: Text{"Persentase UMKM dengan KBLI", "Share of UMKM with a KBLI code"},
		Concept:    Text{"Kelengkapan kode lapangan usaha (KBLI) di register.", "Completeness of the business activity code (KBLI) in the register."},
		Definition: Text{"UMKM terdaftar yang memiliki kode KBLI utama dibagi seluruh UMKM terdaftar.", "Registered businesses with a main KBLI code divided by all registered businesses."},
		Formula:    Text{"Σ UMKM dengan KBLI / Σ UMKM terdaftar × 100%", "businesses with a KBLI code / registered businesses × 100%"},
		Unit:       unitPercent, Measure: MeasurePercent, Subject: "enterprise", Theme: ThemeDataQuality,
		Breakdowns: []string{"region", "size", "gender", "disability"}, ListPath: "/umkm?kbli=any"},
	{Code: "dq_nik_valid_share", Name: Text{"Persentase NIK pemilik yang sah", "Share of owners with a valid NIK"},
		Concept:    Text{"Mutu nomor induk kependudukan (NIK) pemilik di register.", "Quality of the owners' population numbers (NIK) in the register."},
		Definition: Text{"UMKM terdaftar yang NIK pemiliknya lolos pemeriksaan (16 angka, kode wilayah, tanggal lahir) dibagi seluruh UMKM terdaftar.", "Registered businesses whose owner's NIK passes the check (16 digits, region code, birth date) divided by all registered businesses."},
		Formula:    Text{"Σ UMKM dengan NIK pemilik sah / Σ UMKM terdaftar × 100%", "businesses with a valid owner NIK / registered businesses × 100%"},
		Unit:       unitPercent, Measure: MeasurePercent, Subject: "enterprise", Theme: ThemeDataQuality,
		Breakdowns: enterpriseBy, ListPath: "/umkm?nik_sah=ya"},
	{Code: "dq_no_village", Name: Text{"UMKM tanpa desa yang dikenal", "UMKM without a known desa"},
		Concept:    Text{"Kelengkapan lokasi UMKM sampai tingkat desa.", "Completeness of businesses' location down to the desa."},
		Definition: Text{"Jumlah UMKM terdaftar yang kode desanya tidak ada dalam daftar wilayah yang berlaku (mis. setelah pemekaran).", "Registered businesses whose desa code is not in the regions in force (e.g. after a split)."},
		Formula:    Text{"Σ UMKM terdaftar dengan kode desa tidak dikenal", "count of registered businesses with an unknown desa code"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeDataQuality,
		Breakdowns: nil, ListPath: "/umkm?desa_dikenal=tidak"},
	{Code: "dq_last_import", Name: Text{"Hari sejak impor terakhir", "Days since the last import"},
		Concept:    Text{"Kemutakhiran register dari impor data.", "How current the register is from data imports."},
		Definition: Text{"Jumlah hari sejak impor terakhir yang selesai (bukan uji coba) sampai hari ini; tanpa nilai bila belum pernah ada impor.", "Days from the last finished import (not a dry run) until today; no value when there has been none."},
		Formula:    Text{"tanggal hari ini − tanggal selesai impor terakhir", "today − the day the last import finished"},
		Unit:       Text{"hari", "days"}, Measure: MeasureCount, Subject: "import", Theme: ThemeDataQuality,
		Breakdowns: nil, ListPath: "/impor", NoValue: Text{"belum pernah ada impor", "no import yet"}},
	{Code: "coop_registered", Name: Text{"Koperasi terdaftar", "Registered cooperatives"},
		Concept:    Text{"Koperasi berbadan hukum yang tercatat di Dinas.", "Incorporated cooperatives recorded by the office."},
		Definition: Text{"Jumlah koperasi yang tercatat dan tidak diarsipkan pada akhir tahun (tahun berjalan: saat ini).", "Cooperatives recorded and not archived at the end of the year (current year: now)."},
		Formula:    Text{"Σ koperasi terdaftar yang tidak diarsipkan", "count of registered cooperatives not archived"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi, History: true, Stock: true,
		Breakdowns: []string{"region", "year", "coop_type", "coop_group"}, ListPath: "/koperasi"},
	{Code: "coop_active", Name: Text{"Koperasi aktif", "Active cooperatives"},
		Concept:    Text{"Koperasi yang menyelenggarakan Rapat Anggota Tahunan (RAT).", "Cooperatives that hold their annual members' meeting (RAT)."},
		Definition: Text{"Jumlah koperasi terdaftar yang menyelenggarakan RAT tahun buku terakhir yang jatuh tempo atau dalam batas toleransi (DOMAIN.md bagian 6).", "Registered cooperatives that held the RAT of the newest due book year, or within the tolerance (DOMAIN.md section 6)."},
		Formula:    Text{"Σ koperasi terdaftar dengan tahun buku RAT terakhir ≥ batas aktif", "count of registered cooperatives whose last RAT book year is at least the active limit"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi,
		Breakdowns: []string{"region", "coop_type", "coop_group"}, ListPath: "/koperasi?aktif=ya"},
	{Code: "coop_rat_on_time", Name: Text{"Koperasi RAT tepat waktu", "Cooperatives holding the RAT on time"},
		Concept:    Text{"Kepatuhan koperasi menyelenggarakan RAT dan menyampaikan laporannya tepat waktu.", "Cooperatives' compliance in holding the RAT and sending its report on time."},
		Definition: Text{"Jumlah koperasi terdaftar yang menyelenggarakan RAT tahun buku sebelumnya (tahun − 1) dan menyampaikan laporannya sebelum batas waktu (pengaturan kepatuhan RAT).", "Registered cooperatives that held the RAT of the previous book year (year − 1) and sent its report by the due dates (the RAT compliance settings)."},
		Formula:    Text{"Σ koperasi berstatus tepat waktu untuk tahun buku (tahun − 1)", "count of cooperatives on time for book year (year − 1)"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "compliance", Theme: ThemeKoperasi, History: true,
		Breakdowns: []string{"year"}, ListPath: "/koperasi/kepatuhan?status=tepat_waktu"},
	{Code: "programmes", Name: Text{"Program pembinaan", "Coaching programmes"},
		Concept:    Text{"Program pembinaan (pelatihan, pameran, pendampingan) yang diselenggarakan.", "Coaching programmes (trainings, exhibitions, mentoring) run."},
		Definition: Text{"Jumlah program tahun itu yang tidak diarsipkan; program dengan sasaran wilayah dihitung pada wilayah itu.", "Programmes of the year not archived; a programme aimed at a region counts in that region."},
		Formula:    Text{"Σ program dengan tahun = tahun", "count of programmes of the year"},
		Unit:       Text{"program", "programmes"}, Measure: MeasureCount, Subject: "programme", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"year"}, ListPath: "/program"},
	{Code: "programme_participants", Name: Text{"Peserta program", "Programme participants"},
		Concept:    Text{"UMKM yang ikut serta dalam program pembinaan.", "Businesses that took part in coaching programmes."},
		Definition: Text{"Jumlah keikutsertaan UMKM (hadir atau lulus) dalam program tahun itu.", "Participations of businesses (attended or completed) in the year's programmes."},
		Formula:    Text{"Σ peserta program tahun itu dengan tanggal ikut serta", "count of participants of the year's programmes with a day of taking part"},
		Unit:       Text{"peserta", "participants"}, Measure: MeasureCount, Subject: "participant", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region", "size", "kbli_section", "gender", "year"}, ListPath: "/program"},
}

// IndicatorByCode returns the indicator of code.
func IndicatorByCode(code string) (*Indicator, bool) {
	for i := range Indicators {
		if Indicators[i].Code == code {
			return &Indicators[i], true
		}
	}
	return nil, false
}

// IndicatorQuery selects the values of indicators: a year (0: the current
// one) and a region of the deployment ("": the user's own area).
type IndicatorQuery struct {
	Year   int
	Region RegionCode
}

// IndicatorValue is the value of one indicator for a year and a region,
// or for one key of a breakdown (Key and Label set).
type IndicatorValue struct {
	Code       string     `json:"code"`
	Name       string     `json:"name"`
	Unit       string     `json:"unit"`
	Value      float64    `json:"value"`
	Year       int        `json:"year"`
	RegionCode RegionCode `json:"region_code"`
	Key        string     `json:"key,omitempty"`   // the breakdown's value: a region code, a size, a section, a gender or a year
	Label      string     `json:"label,omitempty"` // the key's name
	URL        string     `json:"url"`             // the list of the records behind the figure
	// LabelEN is the key's name in English, for the pages in English
	// (KeyLabel); the API's label stays Indonesian.
	LabelEN string `json:"-"`
	// None is set when the figure has no value (dq_last_import before any
	// import; Indicator.NoValue says why): Value is 0 and JSON writes null.
	None bool `json:"-"`
}

// KeyLabel returns the name of v's breakdown key in lang ("id" or "en"),
// the key itself when it has none.
func (v *IndicatorValue) KeyLabel(lang string) string {
	switch {
	case lang == "en" && v.LabelEN != "":
		return v.LabelEN
	case v.Label != "":
		return v.Label
	}
	return v.Key
}

// IndicatorService computes indicators from the register, inside the
// user's area.
type IndicatorService interface {
	// IndicatorValues returns every indicator of the catalogue for q.
	// Errors: Invalid (a year out of range, a region not of the
	// deployment), NotFound (a region outside the user's area),
	// Unauthorized.
	IndicatorValues(ctx context.Context, q IndicatorQuery) ([]IndicatorValue, error)
	// IndicatorBreakdown returns the values of one indicator per key of
	// by (IndicatorBreakdowns), or with by "" its whole value as one
	// item. Errors: NotFound (an unknown code), Invalid (a breakdown the
	// indicator does not allow, a past year of an indicator without
	// History), as for IndicatorValues otherwise.
	IndicatorBreakdown(ctx context.Context, code string, q IndicatorQuery, by string) ([]IndicatorValue, error)
}

// UnknownIndicator is the error of an indicator code not in the catalogue.
func UnknownIndicator(code string) error {
	return &Error{Code: NotFound, Message: Text{ID: "Indikator " + strconv.Quote(code) + " tidak dikenal", EN: "Unknown indicator " + strconv.Quote(code)}}
}

// ErrNoDataForYear is the cause of the error NoDataForYear returns, so that
// callers asking about several years (a trend, last year's comparison) can
// tell a year before the register from a real fault.
var ErrNoDataForYear = errors.New("no data for the year")

// NoDataForYear returns the Invalid error of a past year before every
// record of the register.
func NoDataForYear(year int) error {
	var p Problems
	p.Add("year", "Belum ada data untuk tahun %d", "There is no data for the year %d", year)
	err := p.Err().(*Error)
	err.Err = ErrNoDataForYear
	return err
}

// CheckBreakdown returns Invalid unless ind breaks down by by.
func (ind *Indicator) CheckBreakdown(by string) error {
	if ind.Allows(by) {
		return nil
	}
	var p Problems
	if !IndicatorBreakdowns.Has(by) {
		p.Add("by", "Rincian %q tidak dikenal", "Unknown breakdown %q", by)
	} else {
		p.Add("by", "Indikator %s tidak dapat dirinci menurut %s", "Indicator %s does not break down by %s", ind.Code, by)
	}
	return p.Err()
}

// PastListURL is ListURL for a past year: the list behind a figure of
// the register at a past year's end (Stock) is the register as it stood
// then.
func (ind *Indicator) PastListURL(year int, region RegionCode, by, key string) string {
	u := ind.ListURL(year, region, by, key)
	if !ind.Stock {
		return u
	}
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "akhir_tahun=" + strconv.Itoa(year)
}

// enterpriseListQuery narrows the UMKM list q to one key of a breakdown
// by the record's own values. A key "-" (not recorded) narrows to the
// records without the value where the list can filter by that, and is
// left out otherwise (no filter by an unknown size).
func enterpriseListQuery(ind *Indicator, q url.Values, by, key string) {
	switch by {
	case "size":
		if key != "-" {
			q.Set("skala", key)
		}
	case "kbli_section":
		if key == "-" {
			key = "none"
		}
		q.Set("kbli", key)
	case "gender":
		// The workers' figures break down by the workers' sex, which
		// no list selects: their list stays whole.
		if ind.Code == "umkm_workers_paid" || ind.Code == "umkm_workers_unpaid" {
			return
		}
		if key == "-" {
			key = "none"
		}
		q.Set("jenis_kelamin", key)
	case "disability":
		q.Set("disabilitas", key)
	}
}

// ListURL returns the list page of the records behind a value of ind in
// region, narrowed to one key of a breakdown (by, key: both empty for the
// whole figure). The year narrows the lists that know it: the reach of a
// year, the programmes of a year, RAT compliance of the year's previous
// book year (a by=year breakdown passes each key as the year).
func (ind *Indicator) ListURL(year int, region RegionCode, by, key string) string {
	u, err := url.Parse(ind.ListPath)
	if err != nil {
		return ind.ListPath
	}
	q := u.Query()
	if by == "region" {
		region = RegionCode(key)
	}
	switch region.Level() {
	case LevelDistrict:
		q.Set("kecamatan", string(region))
	case LevelVillage:
		q.Set("kecamatan", string(region.Parent()))
		q.Set("desa", string(region))
	}
	switch ind.Code {
	case "umkm_reached":
		q.Set("jangkauan", "since:"+strconv.Itoa(year))
	case "programmes", "programme_participants":
		q.Set("tahun", strconv.Itoa(year))
	case "umkm_new":
		q.Set("tahun_daftar", strconv.Itoa(year))
	case "umkm_closed":
		q.Set("tahun_arsip", strconv.Itoa(year))
	case "umkm_cert_obtained":
		q.Set("tahun_terbit", strconv.Itoa(year))
	case "umkm_financing_count", "umkm_financing_amount":
		// The businesses behind the milestones: one with two financings
		// in the year counts twice in the figure, once in the list.
		q.Set("tahun_pembiayaan", strconv.Itoa(year))
	case "coop_rat_on_time":
		q.Set("tahun", strconv.Itoa(year-1))
	}
	if by == "cert_kind" {
		q.Set("jenis", key)
	}
	if ind.Subject == "enterprise" {
		enterpriseListQuery(ind, q, by, key)
	}
	coopListQuery(ind, q, year, by, key)
	u.RawQuery = q.Encode()
	return u.String()
}
