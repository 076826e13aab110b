// Package indicator is the domain of the figures the office reports
// (INDIKATOR.md): the indicators held as data with their metadata and
// breakdowns, the tables of the coordination meeting (rakor) report, the
// cooperative development tables, and what open data publishes. It
// imports the standard library and the domain only.
package indicator

import (
	"bina"
	"bina/coaching"
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
	Name       bina.Text
	Concept    bina.Text // konsep
	Definition bina.Text // definisi (operasional)
	Formula    bina.Text // metode/rumus perhitungan
	Unit       bina.Text // satuan
	Measure    string    // ukuran: "jumlah" or "persentase"
	Subject    string    // what is counted: "enterprise", "cooperative", "programme", "participant"
	// Theme is the dashboard the indicator belongs to (Themes).
	Theme      string
	Breakdowns []string // the by= values allowed besides none: Breakdowns
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
	// figure can have none (Value.None).
	NoValue bina.Text
}

// Measures of an indicator.
const (
	MeasureCount   = "jumlah"
	MeasurePercent = "persentase"
)

// Breakdowns are the by= values of GET /api/v1/indicators/{code}.
var Breakdowns = bina.Options{
	{Code: "region", ID: "Wilayah", EN: "Region"},
	{Code: "size", ID: "Skala usaha", EN: "Business size"},
	{Code: "kbli_section", ID: "Seksi KBLI", EN: "KBLI section"},
	{Code: "gender", ID: "Jenis kelamin pemilik", EN: "Owner gender"},
	{Code: "year", ID: "Tahun", EN: "Year"},
	{Code: "disability", ID: "Disabilitas pemilik", EN: "Owner disability"},
	{Code: "cert_kind", ID: "Jenis sertifikat", EN: "Certificate kind"},
	{Code: "coop_type", ID: "Jenis koperasi", EN: "Cooperative type"},
	{Code: "coop_group", ID: "Kelompok koperasi", EN: "Cooperative group"},
	{Code: "health_category", ID: "Kategori kesehatan", EN: "Health category"},
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

// Themes lists the themes in the order the dashboards show them.
var Themes = bina.Options{
	{Code: ThemeUMKM, ID: "UMKM", EN: "UMKM"},
	{Code: ThemePembinaan, ID: "Pembinaan dan jangkauan", EN: "Coaching and reach"},
	{Code: ThemeKoperasi, ID: "Koperasi", EN: "Cooperatives"},
	{Code: ThemeDataQuality, ID: "Kualitas data", EN: "Data quality"},
}

// Allows reports whether the indicator breaks down by by.
func (ind *Indicator) Allows(by string) bool { return slices.Contains(ind.Breakdowns, by) }

var (
	unitBusiness    = bina.Text{ID: "unit usaha", EN: "businesses"}
	unitCooperative = bina.Text{ID: "unit koperasi", EN: "cooperatives"}
	unitPercent     = bina.Text{ID: "persen", EN: "percent"}
	// enterpriseBy are the breakdowns of the register's own records,
	// counted from the kept summary (docs/indikator.md).
	enterpriseBy    = []string{"region", "size", "kbli_section", "gender", "disability"}
	unitWorker      = bina.Text{ID: "orang", EN: "people"}
	unitCertificate = bina.Text{ID: "sertifikat", EN: "certificates"}
)

// Indicators is the catalogue of indicators Bina computes, in the order
// they are listed: the register's and programmes' indicators, then those
// of cooperative supervision (indicator_coop.go).
var Indicators = slices.Concat(registerIndicators, coopIndicators)

var registerIndicators = []Indicator{
	{Code: "umkm_registered", Name: bina.Text{ID: "UMKM terdaftar", EN: "Registered UMKM"},
		Concept:    bina.Text{ID: "Usaha mikro, kecil dan menengah yang tercatat dalam register Dinas.", EN: "Micro, small and medium businesses recorded in the office's register."},
		Definition: bina.Text{ID: "Jumlah UMKM yang tercatat dan tidak diarsipkan pada akhir tahun (tahun berjalan: saat ini).", EN: "Businesses recorded and not archived at the end of the year (current year: now)."},
		Formula:    bina.Text{ID: "Σ UMKM terdaftar yang tidak diarsipkan", EN: "count of registered businesses not archived"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM, History: true, Stock: true,
		Breakdowns: append(slices.Clone(enterpriseBy), "year"), ListPath: "/umkm"},
	{Code: "umkm_verified", Name: bina.Text{ID: "UMKM terverifikasi", EN: "Verified UMKM"},
		Concept:    bina.Text{ID: "UMKM yang datanya telah diperiksa petugas.", EN: "Businesses whose record an officer has checked."},
		Definition: bina.Text{ID: "Jumlah UMKM terdaftar dengan status verifikasi \"terverifikasi\".", EN: "Registered businesses whose verification state is \"verified\"."},
		Formula:    bina.Text{ID: "Σ UMKM terdaftar dengan verifikasi = terverifikasi", EN: "count of registered businesses with verification = verified"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: enterpriseBy, ListPath: "/umkm?verifikasi=terverifikasi"},
	{Code: "umkm_binaan", Name: bina.Text{ID: "UMKM binaan", EN: "UMKM under coaching"},
		Concept:    bina.Text{ID: "UMKM yang dibina oleh Dinas.", EN: "Businesses the office coaches."},
		Definition: bina.Text{ID: "Jumlah UMKM terdaftar yang berstatus binaan.", EN: "Registered businesses marked as coached (binaan)."},
		Formula:    bina.Text{ID: "Σ UMKM terdaftar dengan binaan = ya", EN: "count of registered businesses with binaan = yes"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemePembinaan,
		Breakdowns: enterpriseBy, ListPath: "/umkm?binaan=ya"},
	{Code: "umkm_women_owned_share", Name: bina.Text{ID: "Persentase UMKM milik perempuan", EN: "Share of women-owned UMKM"},
		Concept:    bina.Text{ID: "Kepemilikan UMKM oleh perempuan.", EN: "Ownership of businesses by women."},
		Definition: bina.Text{ID: "UMKM terdaftar yang pemiliknya perempuan dibagi seluruh UMKM terdaftar.", EN: "Registered businesses owned by a woman divided by all registered businesses."},
		Formula:    bina.Text{ID: "Σ UMKM dengan pemilik perempuan / Σ UMKM terdaftar × 100%", EN: "women-owned businesses / registered businesses × 100%"},
		Unit:       unitPercent, Measure: MeasurePercent, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: []string{"region", "size", "kbli_section", "disability"}, ListPath: "/umkm?jenis_kelamin=P"},
	{Code: "umkm_reached", Name: bina.Text{ID: "UMKM terjangkau", EN: "UMKM reached"},
		Concept:    bina.Text{ID: "UMKM yang dijangkau Dinas melalui kegiatan program atau pendampingan.", EN: "Businesses the office reached through a programme activity or coaching."},
		Definition: bina.Text{ID: "Jumlah UMKM terdaftar yang terakhir dijangkau pada tahun itu atau sesudahnya (tahun berjalan: dijangkau tahun ini).", EN: "Registered businesses last reached in the year or later (current year: reached this year)."},
		Formula:    bina.Text{ID: "Σ UMKM terdaftar dengan tahun jangkauan terakhir ≥ tahun", EN: "count of registered businesses whose last reach is in or after the year"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region"}, ListPath: "/umkm"},
	{Code: "umkm_never_reached", Name: bina.Text{ID: "UMKM belum pernah terjangkau", EN: "UMKM never reached"},
		Concept:    bina.Text{ID: "UMKM yang belum pernah dijangkau Dinas.", EN: "Businesses the office never reached."},
		Definition: bina.Text{ID: "Jumlah UMKM terdaftar tanpa kehadiran kegiatan program maupun sesi pendampingan.", EN: "Registered businesses with no attended programme activity and no coaching session."},
		Formula:    bina.Text{ID: "Σ UMKM terdaftar yang belum pernah dijangkau", EN: "count of registered businesses never reached"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemePembinaan,
		Breakdowns: []string{"region"}, ListPath: "/umkm?jangkauan=never"},
	{Code: "umkm_new", Name: bina.Text{ID: "UMKM baru terdaftar", EN: "Newly registered UMKM"},
		Concept:    bina.Text{ID: "UMKM yang masuk ke register Dinas dalam tahun itu.", EN: "Businesses that entered the office's register in the year."},
		Definition: bina.Text{ID: "Jumlah UMKM yang dicatat (dibuat di register) dalam tahun itu dan masih terdaftar pada akhir tahun itu (tahun berjalan: saat ini).", EN: "Businesses recorded (created in the register) in the year and still registered at its end (current year: now)."},
		Formula:    bina.Text{ID: "Σ UMKM dengan tahun pencatatan = tahun, tidak diarsipkan dalam tahun itu", EN: "count of businesses recorded in the year and not archived in it"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM, History: true, Stock: true,
		Breakdowns: append(slices.Clone(enterpriseBy), "year"), ListPath: "/umkm"},
	{Code: "umkm_closed", Name: bina.Text{ID: "UMKM keluar dari register", EN: "UMKM leaving the register"},
		Concept:    bina.Text{ID: "UMKM yang keluar dari register: tutup, pindah, atau data ganda yang digabung.", EN: "Businesses that left the register: closed, moved away, or duplicates merged."},
		Definition: bina.Text{ID: "Jumlah UMKM yang diarsipkan dalam tahun itu dan belum dipulihkan.", EN: "Businesses archived in the year and not restored."},
		Formula:    bina.Text{ID: "Σ UMKM dengan tahun pengarsipan = tahun", EN: "count of businesses archived in the year"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM, History: true,
		Breakdowns: append(slices.Clone(enterpriseBy), "year"), ListPath: "/umkm?arsip=ya"},
	{Code: "umkm_workers_paid", Name: bina.Text{ID: "Tenaga kerja dibayar", EN: "Paid workers"},
		Concept:    bina.Text{ID: "Tenaga kerja yang menerima upah pada UMKM terdaftar.", EN: "Workers paid a wage by registered businesses."},
		Definition: bina.Text{ID: "Jumlah tenaga kerja dibayar (laki-laki dan perempuan) yang dicatat pada UMKM terdaftar; rincian jenis kelamin menurut jenis kelamin tenaga kerja.", EN: "Paid workers (men and women) recorded on registered businesses; the gender breakdown is by the workers' sex."},
		Formula:    bina.Text{ID: "Σ (tenaga kerja dibayar laki-laki + perempuan) UMKM terdaftar", EN: "sum of paid male and female workers of registered businesses"},
		Unit:       unitWorker, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: enterpriseBy, ListPath: "/umkm"},
	{Code: "umkm_workers_unpaid", Name: bina.Text{ID: "Tenaga kerja tidak dibayar", EN: "Unpaid workers"},
		Concept:    bina.Text{ID: "Tenaga kerja tanpa upah (umumnya keluarga) pada UMKM terdaftar.", EN: "Workers without a wage (mostly family) on registered businesses."},
		Definition: bina.Text{ID: "Jumlah tenaga kerja tidak dibayar (laki-laki dan perempuan) yang dicatat pada UMKM terdaftar; rincian jenis kelamin menurut jenis kelamin tenaga kerja.", EN: "Unpaid workers (men and women) recorded on registered businesses; the gender breakdown is by the workers' sex."},
		Formula:    bina.Text{ID: "Σ (tenaga kerja tidak dibayar laki-laki + perempuan) UMKM terdaftar", EN: "sum of unpaid male and female workers of registered businesses"},
		Unit:       unitWorker, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: enterpriseBy, ListPath: "/umkm"},
	{Code: "umkm_digital_share", Name: bina.Text{ID: "Persentase UMKM go digital", EN: "Share of UMKM gone digital"},
		Concept:    bina.Text{ID: "Adopsi saluran digital (marketplace, media sosial, situs web, QRIS, pembukuan digital) oleh UMKM.", EN: "Adoption of digital channels (marketplace, social media, website, QRIS, digital bookkeeping) by businesses."},
		Definition: bina.Text{ID: "UMKM terdaftar yang memakai sedikitnya satu saluran digital dibagi seluruh UMKM terdaftar.", EN: "Registered businesses using at least one digital channel divided by all registered businesses."},
		Formula:    bina.Text{ID: "Σ UMKM dengan saluran digital / Σ UMKM terdaftar × 100%", EN: "businesses with a digital channel / registered businesses × 100%"},
		Unit:       unitPercent, Measure: MeasurePercent, Subject: "enterprise", Theme: ThemeUMKM,
		Breakdowns: enterpriseBy, ListPath: "/umkm?digital=any"},
	{Code: "umkm_cert_held", Name: bina.Text{ID: "Sertifikat dan izin yang dimiliki UMKM", EN: "Certificates and licences held by UMKM"},
		Concept:    bina.Text{ID: "Legalitas dan sertifikasi UMKM: NIB, P-IRT, halal, BPOM, merek, SNI.", EN: "The legal standing and certification of businesses: NIB, P-IRT, halal, BPOM, trademark, SNI."},
		Definition: bina.Text{ID: "Jumlah sertifikat UMKM terdaftar yang berlaku saat ini (tanpa tanggal kedaluwarsa atau belum kedaluwarsa; merek yang terdaftar).", EN: "Certificates of registered businesses in force now (no expiry or not yet expired; trademarks registered)."},
		Formula:    bina.Text{ID: "Σ sertifikat berlaku milik UMKM terdaftar", EN: "count of certificates in force held by registered businesses"},
		Unit:       unitCertificate, Measure: MeasureCount, Subject: "certificate", Theme: ThemePembinaan,
		Breakdowns: []string{"region", "cert_kind"}, ListPath: "/sertifikat?tampil=" + coaching.CertViewInForce},
	{Code: "umkm_cert_obtained", Name: bina.Text{ID: "Sertifikat yang diperoleh UMKM", EN: "Certificates obtained by UMKM"},
		Concept:    bina.Text{ID: "Sertifikat dan izin baru yang diperoleh UMKM, sebagai hasil pembinaan.", EN: "New certificates and licences businesses obtained, an outcome of coaching."},
		Definition: bina.Text{ID: "Jumlah sertifikat UMKM terdaftar dengan tanggal terbit dalam tahun itu.", EN: "Certificates of registered businesses issued in the year."},
		Formula:    bina.Text{ID: "Σ sertifikat dengan tahun terbit = tahun", EN: "count of certificates issued in the year"},
		Unit:       unitCertificate, Measure: MeasureCount, Subject: "certificate", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region", "cert_kind", "year"}, ListPath: "/sertifikat?tampil=" + coaching.CertViewAll},
	{Code: "umkm_financing_count", Name: bina.Text{ID: "UMKM memperoleh pembiayaan", EN: "UMKM obtaining financing"},
		Concept:    bina.Text{ID: "Akses UMKM pada pembiayaan (KUR, UMi, LPDB dan lainnya).", EN: "Businesses' access to financing (KUR, UMi, LPDB and others)."},
		Definition: bina.Text{ID: "Jumlah capaian \"memperoleh pembiayaan\" UMKM terdaftar yang bertanggal dalam tahun itu.", EN: "Milestones \"financing obtained\" of registered businesses dated in the year."},
		Formula:    bina.Text{ID: "Σ capaian pembiayaan dengan tahun = tahun", EN: "count of financing milestones of the year"},
		Unit:       bina.Text{ID: "kali", EN: "times"}, Measure: MeasureCount, Subject: "milestone", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region", "year"}, ListPath: "/umkm"},
	{Code: "umkm_financing_amount", Name: bina.Text{ID: "Nilai pembiayaan yang diperoleh UMKM", EN: "Financing obtained by UMKM"},
		Concept:    bina.Text{ID: "Besarnya pembiayaan yang diperoleh UMKM.", EN: "The amount of financing businesses obtained."},
		Definition: bina.Text{ID: "Jumlah rupiah pada capaian \"memperoleh pembiayaan\" UMKM terdaftar yang bertanggal dalam tahun itu.", EN: "Rupiah of the milestones \"financing obtained\" of registered businesses dated in the year."},
		Formula:    bina.Text{ID: "Σ nilai capaian pembiayaan dengan tahun = tahun", EN: "sum of the amounts of the financing milestones of the year"},
		Unit:       bina.Text{ID: "rupiah", EN: "rupiah"}, Measure: MeasureCount, Subject: "milestone", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region", "year"}, ListPath: "/umkm"},
	{Code: "dq_kbli_coverage", Name: bina.Text{ID: "Persentase UMKM dengan KBLI", EN: "Share of UMKM with a KBLI code"},
		Concept:    bina.Text{ID: "Kelengkapan kode lapangan usaha (KBLI) di register.", EN: "Completeness of the business activity code (KBLI) in the register."},
		Definition: bina.Text{ID: "UMKM terdaftar yang memiliki kode KBLI utama dibagi seluruh UMKM terdaftar.", EN: "Registered businesses with a main KBLI code divided by all registered businesses."},
		Formula:    bina.Text{ID: "Σ UMKM dengan KBLI / Σ UMKM terdaftar × 100%", EN: "businesses with a KBLI code / registered businesses × 100%"},
		Unit:       unitPercent, Measure: MeasurePercent, Subject: "enterprise", Theme: ThemeDataQuality,
		Breakdowns: []string{"region", "size", "gender", "disability"}, ListPath: "/umkm?kbli=any"},
	{Code: "dq_nik_valid_share", Name: bina.Text{ID: "Persentase NIK pemilik yang sah", EN: "Share of owners with a valid NIK"},
		Concept:    bina.Text{ID: "Mutu nomor induk kependudukan (NIK) pemilik di register.", EN: "Quality of the owners' population numbers (NIK) in the register."},
		Definition: bina.Text{ID: "UMKM terdaftar yang NIK pemiliknya lolos pemeriksaan (16 angka, kode wilayah, tanggal lahir) dibagi seluruh UMKM terdaftar.", EN: "Registered businesses whose owner's NIK passes the check (16 digits, region code, birth date) divided by all registered businesses."},
		Formula:    bina.Text{ID: "Σ UMKM dengan NIK pemilik sah / Σ UMKM terdaftar × 100%", EN: "businesses with a valid owner NIK / registered businesses × 100%"},
		Unit:       unitPercent, Measure: MeasurePercent, Subject: "enterprise", Theme: ThemeDataQuality,
		Breakdowns: enterpriseBy, ListPath: "/umkm?nik_sah=ya"},
	{Code: "dq_no_village", Name: bina.Text{ID: "UMKM tanpa desa yang dikenal", EN: "UMKM without a known desa"},
		Concept:    bina.Text{ID: "Kelengkapan lokasi UMKM sampai tingkat desa.", EN: "Completeness of businesses' location down to the desa."},
		Definition: bina.Text{ID: "Jumlah UMKM terdaftar yang kode desanya tidak ada dalam daftar wilayah yang berlaku (mis. setelah pemekaran).", EN: "Registered businesses whose desa code is not in the regions in force (e.g. after a split)."},
		Formula:    bina.Text{ID: "Σ UMKM terdaftar dengan kode desa tidak dikenal", EN: "count of registered businesses with an unknown desa code"},
		Unit:       unitBusiness, Measure: MeasureCount, Subject: "enterprise", Theme: ThemeDataQuality,
		Breakdowns: nil, ListPath: "/umkm?desa_dikenal=tidak"},
	{Code: "dq_last_import", Name: bina.Text{ID: "Hari sejak impor terakhir", EN: "Days since the last import"},
		Concept:    bina.Text{ID: "Kemutakhiran register dari impor data.", EN: "How current the register is from data imports."},
		Definition: bina.Text{ID: "Jumlah hari sejak impor terakhir yang selesai (bukan uji coba) sampai hari ini; tanpa nilai bila belum pernah ada impor.", EN: "Days from the last finished import (not a dry run) until today; no value when there has been none."},
		Formula:    bina.Text{ID: "tanggal hari ini − tanggal selesai impor terakhir", EN: "today − the day the last import finished"},
		Unit:       bina.Text{ID: "hari", EN: "days"}, Measure: MeasureCount, Subject: "import", Theme: ThemeDataQuality,
		Breakdowns: nil, ListPath: "/impor", NoValue: bina.Text{ID: "belum pernah ada impor", EN: "no import yet"}},
	{Code: "coop_registered", Name: bina.Text{ID: "Koperasi terdaftar", EN: "Registered cooperatives"},
		Concept:    bina.Text{ID: "Koperasi berbadan hukum yang tercatat di Dinas.", EN: "Incorporated cooperatives recorded by the office."},
		Definition: bina.Text{ID: "Jumlah koperasi yang tercatat dan tidak diarsipkan pada akhir tahun (tahun berjalan: saat ini).", EN: "Cooperatives recorded and not archived at the end of the year (current year: now)."},
		Formula:    bina.Text{ID: "Σ koperasi terdaftar yang tidak diarsipkan", EN: "count of registered cooperatives not archived"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi, History: true, Stock: true,
		Breakdowns: []string{"region", "year", "coop_type", "coop_group"}, ListPath: "/koperasi"},
	{Code: "coop_active", Name: bina.Text{ID: "Koperasi aktif", EN: "Active cooperatives"},
		Concept:    bina.Text{ID: "Koperasi yang menyelenggarakan Rapat Anggota Tahunan (RAT).", EN: "Cooperatives that hold their annual members' meeting (RAT)."},
		Definition: bina.Text{ID: "Jumlah koperasi terdaftar yang menyelenggarakan RAT tahun buku terakhir yang jatuh tempo atau dalam batas toleransi (DOMAIN.md bagian 6).", EN: "Registered cooperatives that held the RAT of the newest due book year, or within the tolerance (DOMAIN.md section 6)."},
		Formula:    bina.Text{ID: "Σ koperasi terdaftar dengan tahun buku RAT terakhir ≥ batas aktif", EN: "count of registered cooperatives whose last RAT book year is at least the active limit"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi,
		Breakdowns: []string{"region", "coop_type", "coop_group"}, ListPath: "/koperasi?aktif=ya"},
	{Code: "coop_rat_on_time", Name: bina.Text{ID: "Koperasi RAT tepat waktu", EN: "Cooperatives holding the RAT on time"},
		Concept:    bina.Text{ID: "Kepatuhan koperasi menyelenggarakan RAT dan menyampaikan laporannya tepat waktu.", EN: "Cooperatives' compliance in holding the RAT and sending its report on time."},
		Definition: bina.Text{ID: "Jumlah koperasi terdaftar yang menyelenggarakan RAT tahun buku sebelumnya (tahun − 1) dan menyampaikan laporannya sebelum batas waktu (pengaturan kepatuhan RAT).", EN: "Registered cooperatives that held the RAT of the previous book year (year − 1) and sent its report by the due dates (the RAT compliance settings)."},
		Formula:    bina.Text{ID: "Σ koperasi berstatus tepat waktu untuk tahun buku (tahun − 1)", EN: "count of cooperatives on time for book year (year − 1)"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "compliance", Theme: ThemeKoperasi, History: true,
		Breakdowns: []string{"year"}, ListPath: "/koperasi/kepatuhan?status=tepat_waktu"},
	{Code: "programmes", Name: bina.Text{ID: "Program pembinaan", EN: "Coaching programmes"},
		Concept:    bina.Text{ID: "Program pembinaan (pelatihan, pameran, pendampingan) yang diselenggarakan.", EN: "Coaching programmes (trainings, exhibitions, mentoring) run."},
		Definition: bina.Text{ID: "Jumlah program tahun itu yang tidak diarsipkan; program dengan sasaran wilayah dihitung pada wilayah itu.", EN: "Programmes of the year not archived; a programme aimed at a region counts in that region."},
		Formula:    bina.Text{ID: "Σ program dengan tahun = tahun", EN: "count of programmes of the year"},
		Unit:       bina.Text{ID: "program", EN: "programmes"}, Measure: MeasureCount, Subject: "programme", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"year"}, ListPath: "/program"},
	{Code: "programme_participants", Name: bina.Text{ID: "Peserta program", EN: "Programme participants"},
		Concept:    bina.Text{ID: "UMKM yang ikut serta dalam program pembinaan.", EN: "Businesses that took part in coaching programmes."},
		Definition: bina.Text{ID: "Jumlah keikutsertaan UMKM (hadir atau lulus) dalam program tahun itu.", EN: "Participations of businesses (attended or completed) in the year's programmes."},
		Formula:    bina.Text{ID: "Σ peserta program tahun itu dengan tanggal ikut serta", EN: "count of participants of the year's programmes with a day of taking part"},
		Unit:       bina.Text{ID: "peserta", EN: "participants"}, Measure: MeasureCount, Subject: "participant", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"region", "size", "kbli_section", "gender", "year"}, ListPath: "/program"},
}

// ByCode returns the indicator of code.
func ByCode(code string) (*Indicator, bool) {
	for i := range Indicators {
		if Indicators[i].Code == code {
			return &Indicators[i], true
		}
	}
	return nil, false
}

// Query selects the values of indicators: a year (0: the current
// one) and a region of the deployment ("": the user's own area).
type Query struct {
	Year   int
	Region bina.RegionCode
}

// Value is the value of one indicator for a year and a region,
// or for one key of a breakdown (Key and Label set).
type Value struct {
	Code       string          `json:"code"`
	Name       string          `json:"name"`
	Unit       string          `json:"unit"`
	Value      float64         `json:"value"`
	Year       int             `json:"year"`
	RegionCode bina.RegionCode `json:"region_code"`
	Key        string          `json:"key,omitempty"`   // the breakdown's value: a region code, a size, a section, a gender or a year
	Label      string          `json:"label,omitempty"` // the key's name
	URL        string          `json:"url"`             // the list of the records behind the figure
	// LabelEN is the key's name in English, for the pages in English
	// (KeyLabel); the API's label stays Indonesian.
	LabelEN string `json:"-"`
	// None is set when the figure has no value (dq_last_import before any
	// import; Indicator.NoValue says why): Value is 0 and JSON writes null.
	None bool `json:"-"`
}

// KeyLabel returns the name of v's breakdown key in lang ("id" or "en"),
// the key itself when it has none.
func (v *Value) KeyLabel(lang string) string {
	switch {
	case lang == "en" && v.LabelEN != "":
		return v.LabelEN
	case v.Label != "":
		return v.Label
	}
	return v.Key
}

// Service computes indicators from the register, inside the
// user's area.
type Service interface {
	// IndicatorValues returns every indicator of the catalogue for q.
	// Errors: Invalid (a year out of range, a region not of the
	// deployment), NotFound (a region outside the user's area),
	// Unauthorized.
	IndicatorValues(ctx context.Context, q Query) ([]Value, error)
	// IndicatorBreakdown returns the values of one indicator per key of
	// by (Breakdowns), or with by "" its whole value as one
	// item. Errors: NotFound (an unknown code), Invalid (a breakdown the
	// indicator does not allow, a past year of an indicator without
	// History), as for IndicatorValues otherwise.
	IndicatorBreakdown(ctx context.Context, code string, q Query, by string) ([]Value, error)
}

// UnknownIndicator is the error of an indicator code not in the catalogue.
func UnknownIndicator(code string) error {
	return &bina.Error{Code: bina.NotFound, Message: bina.Text{ID: "Indikator " + strconv.Quote(code) + " tidak dikenal", EN: "Unknown indicator " + strconv.Quote(code)}}
}

// ErrNoDataForYear is the cause of the error NoDataForYear returns, so that
// callers asking about several years (a trend, last year's comparison) can
// tell a year before the register from a real fault.
var ErrNoDataForYear = errors.New("no data for the year")

// NoDataForYear returns the Invalid error of a past year before every
// record of the register.
func NoDataForYear(year int) error {
	var p bina.Problems
	p.Add("year", "Belum ada data untuk tahun %d", "There is no data for the year %d", year)
	err := p.Err().(*bina.Error)
	err.Err = ErrNoDataForYear
	return err
}

// CheckBreakdown returns Invalid unless ind breaks down by by.
func (ind *Indicator) CheckBreakdown(by string) error {
	if ind.Allows(by) {
		return nil
	}
	var p bina.Problems
	if !Breakdowns.Has(by) {
		p.Add("by", "Rincian %q tidak dikenal", "Unknown breakdown %q", by)
	} else {
		p.Add("by", "Indikator %s tidak dapat dirinci menurut %s", "Indicator %s does not break down by %s", ind.Code, by)
	}
	return p.Err()
}

// PastListURL is ListURL for a past year: the list behind a figure of
// the register at a past year's end (Stock) is the register as it stood
// then.
func (ind *Indicator) PastListURL(year int, region bina.RegionCode, by, key string) string {
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
func (ind *Indicator) ListURL(year int, region bina.RegionCode, by, key string) string {
	u, err := url.Parse(ind.ListPath)
	if err != nil {
		return ind.ListPath
	}
	q := u.Query()
	if by == "region" {
		region = bina.RegionCode(key)
	}
	switch region.Level() {
	case bina.LevelDistrict:
		q.Set("kecamatan", string(region))
	case bina.LevelVillage:
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
