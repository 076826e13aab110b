package indicator

import (
	"bina"
	"bina/supervision"
	"net/url"
	"slices"
	"strconv"
)

// The indicators of cooperative supervision and of the programmes'
// budget and outcomes (issue 13). The figures of a year Y read the annual
// reports and health assessments of book year Y − 1, the one whose RAT and
// report fall in Y (DOMAIN.md section 6), as coop_rat_on_time does.

var (
	unitRupiah = bina.Text{ID: "rupiah", EN: "rupiah"}
	unitPeople = bina.Text{ID: "orang", EN: "people"}
	// coopBy are the breakdowns of the figures summed over cooperatives.
	coopBy = []string{"region", "coop_type", "coop_group", "year"}
)

// coopMoney makes the indicator of one rupiah figure of the accepted
// annual reports.
func coopMoney(code string, name, concept, line, formula bina.Text) Indicator {
	return Indicator{Code: code, Name: name, Concept: concept,
		Definition: bina.Text{ID: "Jumlah " + line.ID + " menurut laporan tahunan tahun buku sebelumnya (tahun − 1) yang telah diterima Dinas, dari koperasi terdaftar (versi terbaru yang diterima).",
			EN: "Sum of " + line.EN + " in the accepted annual reports of the previous book year (year − 1) of registered cooperatives (the newest accepted version)."},
		Formula: formula, Unit: unitRupiah, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi, History: true,
		Breakdowns: coopBy, ListPath: "/koperasi"}
}

var coopIndicators = []Indicator{
	{Code: "coop_reporting", Name: bina.Text{ID: "Koperasi yang menyampaikan laporan tahunan", EN: "Cooperatives reporting"},
		Concept:    bina.Text{ID: "Koperasi yang menyampaikan laporan tahunan (hasil RAT dan laporan keuangan) kepada Dinas.", EN: "Cooperatives that send their annual report (RAT results and financial statements) to the office."},
		Definition: bina.Text{ID: "Jumlah koperasi terdaftar yang laporan tahunan tahun buku sebelumnya (tahun − 1) telah diajukan atau diterima Dinas.", EN: "Registered cooperatives whose annual report of the previous book year (year − 1) was submitted to or accepted by the office."},
		Formula:    bina.Text{ID: "Σ koperasi terdaftar dengan laporan tahun buku (tahun − 1) berstatus diajukan atau diterima", EN: "count of registered cooperatives with a submitted or accepted report for book year (year − 1)"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi, History: true,
		Breakdowns: coopBy, ListPath: "/koperasi"},
	{Code: "coop_health", Name: bina.Text{ID: "Koperasi simpan pinjam yang dinilai kesehatannya", EN: "Savings-and-loan cooperatives assessed for health"},
		Concept:    bina.Text{ID: "Penilaian kesehatan usaha simpan pinjam koperasi (KSP/USP, KSPPS/USPPS) oleh Dinas.", EN: "The office's health assessment of cooperative savings and loan businesses (KSP/USP, KSPPS/USPPS)."},
		Definition: bina.Text{ID: "Jumlah koperasi terdaftar yang dinilai kesehatannya atas laporan tahun buku sebelumnya (tahun − 1), menurut kategori penilaian terakhirnya (Sehat, Cukup Sehat, Dalam Pengawasan, Dalam Pengawasan Khusus).", EN: "Registered cooperatives assessed on the report of the previous book year (year − 1), by the category of their newest assessment (healthy, fairly healthy, under supervision, under special supervision)."},
		Formula:    bina.Text{ID: "Σ koperasi dengan penilaian kesehatan tahun buku (tahun − 1), per kategori", EN: "count of cooperatives with a health assessment of book year (year − 1), per category"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi, History: true,
		Breakdowns: []string{"region", "health_category", "coop_type", "coop_group", "year"}, ListPath: "/koperasi"},
	{Code: "coop_members", Name: bina.Text{ID: "Anggota koperasi", EN: "Cooperative members"},
		Concept:    bina.Text{ID: "Anggota koperasi pada akhir tahun buku, laki-laki dan perempuan.", EN: "Members of cooperatives at the end of the book year, men and women."},
		Definition: bina.Text{ID: "Jumlah anggota akhir tahun menurut laporan tahunan tahun buku sebelumnya (tahun − 1) yang telah diterima Dinas; anggota yang tidak dirinci menurut jenis kelamin dihitung sebagai \"tidak diisi\".", EN: "Members at the end of the year in the accepted annual reports of the previous book year (year − 1); members not given by sex count as \"not recorded\"."},
		Formula:    bina.Text{ID: "Σ anggota akhir tahun (laki-laki + perempuan + tidak dirinci)", EN: "sum of members at the year's end (men + women + not given by sex)"},
		Unit:       unitPeople, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi, History: true,
		Breakdowns: append(slices.Clone(coopBy), "gender"), ListPath: "/koperasi"},
	coopMoney("coop_own_capital", bina.Text{ID: "Modal sendiri koperasi", EN: "Cooperatives' own capital"},
		bina.Text{ID: "Modal sendiri koperasi: simpanan pokok, simpanan wajib, cadangan, hibah dan SHU belum dibagi.", EN: "Cooperatives' own capital: entrance and mandatory shares, reserves, grants and undistributed surplus."},
		bina.Text{ID: "modal sendiri (simpanan pokok, wajib dan setara wajib, modal penyetaraan, hibah, cadangan, separuh modal penyertaan, SHU belum dibagi)", EN: "own capital (entrance, mandatory and similar shares, equalisation capital, grants, reserves, half the participation capital, undistributed surplus)"},
		bina.Text{ID: "Σ modal sendiri laporan diterima tahun buku (tahun − 1)", EN: "sum of own capital in accepted reports of book year (year − 1)"}),
	coopMoney("coop_assets", bina.Text{ID: "Aset koperasi", EN: "Cooperatives' assets"},
		bina.Text{ID: "Jumlah kekayaan (aset) koperasi.", EN: "The assets cooperatives hold."},
		bina.Text{ID: "total aset (setelah penyisihan penghapusan pinjaman dan akumulasi penyusutan)", EN: "total assets (net of loan-loss allowance and accumulated depreciation)"},
		bina.Text{ID: "Σ total aset laporan diterima tahun buku (tahun − 1)", EN: "sum of total assets in accepted reports of book year (year − 1)"}),
	coopMoney("coop_business_volume", bina.Text{ID: "Volume usaha koperasi", EN: "Cooperatives' business volume"},
		bina.Text{ID: "Nilai transaksi usaha koperasi dengan anggota dan bukan anggota dalam satu tahun buku.", EN: "The value of cooperatives' business with members and non-members in a book year."},
		bina.Text{ID: "volume usaha (partisipasi bruto anggota + pendapatan dari non-anggota)", EN: "business volume (gross member participation + revenue from non-members)"},
		bina.Text{ID: "Σ (partisipasi bruto + pendapatan non-anggota) laporan diterima tahun buku (tahun − 1)", EN: "sum of (gross participation + non-member revenue) in accepted reports of book year (year − 1)"}),
	coopMoney("coop_shu", bina.Text{ID: "SHU koperasi", EN: "Cooperatives' surplus (SHU)"},
		bina.Text{ID: "Sisa hasil usaha (SHU) koperasi setelah pajak.", EN: "Cooperatives' surplus (sisa hasil usaha) after tax."},
		bina.Text{ID: "SHU setelah pajak (dapat negatif bila rugi)", EN: "surplus after tax (negative for a loss)"},
		bina.Text{ID: "Σ SHU setelah pajak laporan diterima tahun buku (tahun − 1)", EN: "sum of surplus after tax in accepted reports of book year (year − 1)"}),
	{Code: "kdmp_progress", Name: bina.Text{ID: "Koperasi Desa Merah Putih berdiri", EN: "Village cooperatives (KDMP) founded"},
		Concept:    bina.Text{ID: "Kemajuan program Koperasi Desa Merah Putih (Inpres 9/2025): satu koperasi desa di setiap desa; sasarannya jumlah desa di wilayah.", EN: "Progress of the Koperasi Desa Merah Putih programme (Inpres 9/2025): one village cooperative in every desa; the target is the number of desa in the region."},
		Definition: bina.Text{ID: "Jumlah Koperasi Desa Merah Putih yang tercatat dan tidak diarsipkan pada akhir tahun (tahun berjalan: saat ini). Tahap berikutnya (badan hukum, nomor induk, unit usaha, RAT pertama) diikuti di halaman KDMP.", EN: "Village cooperatives (KDMP) recorded and not archived at the end of the year (current year: now). The later stages (legal entity, registration number, business units, first RAT) are followed on the KDMP page."},
		Formula:    bina.Text{ID: "Σ koperasi terdaftar dengan KDMP = ya", EN: "count of registered cooperatives with KDMP = yes"},
		Unit:       unitCooperative, Measure: MeasureCount, Subject: "cooperative", Theme: ThemeKoperasi, History: true, Stock: true,
		Breakdowns: []string{"region", "year"}, ListPath: "/koperasi?kdmp=ya"},
	{Code: "programme_budget", Name: bina.Text{ID: "Anggaran program pembinaan", EN: "Coaching programme budget"},
		Concept:    bina.Text{ID: "Dana yang dialokasikan untuk program pembinaan UMKM dan koperasi.", EN: "Funds allotted to coaching programmes for businesses and cooperatives."},
		Definition: bina.Text{ID: "Jumlah anggaran program tahun itu yang tidak diarsipkan; program dengan sasaran wilayah dihitung pada wilayah itu.", EN: "Budget of the year's programmes not archived; a programme aimed at a region counts in that region."},
		Formula:    bina.Text{ID: "Σ anggaran program dengan tahun = tahun", EN: "sum of the budget of the year's programmes"},
		Unit:       unitRupiah, Measure: MeasureCount, Subject: "programme", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"year"}, ListPath: "/program"},
	{Code: "programme_outcomes", Name: bina.Text{ID: "Capaian peserta program", EN: "Programme participants' outcomes"},
		Concept:    bina.Text{ID: "Hasil yang dicapai UMKM setelah mengikuti program pembinaan (omzet, tenaga kerja, sertifikat, pembiayaan, pasar baru, adopsi digital).", EN: "What businesses achieved after taking part in a coaching programme (sales, jobs, certificates, financing, new markets, going digital)."},
		Definition: bina.Text{ID: "Jumlah capaian (milestone) yang dicatat untuk peserta yang hadir atau lulus pada program tahun itu, bertanggal sejak program dimulai; sama dengan jumlah capaian \"sesudah\" pada halaman hasil tiap program.", EN: "Milestones recorded for the participants who attended or completed the year's programmes, dated from the programme's start; the sum of the \"after\" milestones on each programme's outcome page."},
		Formula:    bina.Text{ID: "Σ program tahun itu Σ capaian peserta bertanggal ≥ tanggal mulai program", EN: "sum over the year's programmes of their participants' milestones dated on or after the programme's start"},
		Unit:       bina.Text{ID: "capaian", EN: "milestones"}, Measure: MeasureCount, Subject: "milestone", Theme: ThemePembinaan, History: true,
		Breakdowns: []string{"year"}, ListPath: "/program"},
}

// coopListQuery adds to q the filters that narrow the list behind a
// figure of ind for year to its records: the book year's reports or
// assessments, the programmes' year, a breakdown's type, group or
// category.
func coopListQuery(ind *Indicator, q url.Values, year int, by, key string) {
	book := strconv.Itoa(year - 1)
	switch ind.Code {
	case "coop_reporting":
		q.Set("laporan", book)
	case "coop_members", "coop_own_capital", "coop_assets", "coop_business_volume", "coop_shu":
		q.Set("laporan", book+":"+supervision.ReportChoiceAccepted)
	case "coop_health":
		q.Set("kesehatan", book)
		if by == "health_category" && key != "-" {
			q.Set("kesehatan", book+":"+key)
		}
	case "programme_budget", "programme_outcomes":
		q.Set("tahun", strconv.Itoa(year))
	}
	if key == "-" {
		return
	}
	switch by {
	case "coop_type":
		q.Set("jenis", key)
	case "coop_group":
		q.Set("kelompok", key)
	}
}
