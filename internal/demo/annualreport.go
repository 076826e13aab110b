package demo

import (
	"bina/supervision"
	"strconv"
	"time"

	"bina"
)

// FirstReportYear is the first book year the demo has annual reports for.
const FirstReportYear = 2018

// streamAnnualReport is the random stream of the demo's annual reports.
const streamAnnualReport = 0xa22a

// AnnualReports derives the annual reports of the demo's cooperatives
// (loaded, so with their IDs) from their RAT records, from book year
// FirstReportYear on: a report for every RAT held whose report reached the
// office (a RAT without a report date is a missing report), sent on that
// date, so that late RATs give late reports. Savings-and-loan cooperatives
// and credit unions report the statements of KOPERASI.md's worked example
// scaled to their assets; the others general statements built from the
// RAT's figures. Every balance sheet balances. The reports never change
// the RAT records, so who is active stays as the RATs say. Older years are
// accepted; the newest year's reports are at every stage, some drafts
// still with a mistake in them.
func AnnualReports(coops []bina.Cooperative, opt Options) []supervision.AnnualReport {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	seed := uint64(opt.Seed)
	if seed == 0 {
		seed = 1
	}
	var out []supervision.AnnualReport
	r := newRNG()
	for i := range coops {
		c := &coops[i]
		if c.ID == 0 || c.ArchivedAt != nil {
			continue
		}
		r.at(seed, streamAnnualReport, i)
		newest := 0
		for _, rat := range c.RATs {
			if rat.BookYear > newest && !rat.HeldOn.IsZero() && !rat.ReportedOn.IsZero() {
				newest = rat.BookYear
			}
		}
		var prior *supervision.AnnualReport
		for j := len(c.RATs) - 1; j >= 0; j-- { // oldest first
			rat := c.RATs[j]
			if rat.BookYear < FirstReportYear || rat.HeldOn.IsZero() || rat.ReportedOn.IsZero() {
				prior = nil
				continue
			}
			x := demoReport(r, c, rat, prior)
			if x == nil {
				prior = nil
				continue
			}
			demoStage(r, x, rat, rat.BookYear == newest, now)
			out = append(out, *x)
			prior = &out[len(out)-1]
		}
	}
	return out
}

// demoReport builds the statements of one book year.
func demoReport(r *rng, c *bina.Cooperative, rat bina.RAT, prior *supervision.AnnualReport) *supervision.AnnualReport {
	var x *supervision.AnnualReport
	if c.Jenis == "simpan_pinjam" {
		x = savingsReport(r, rat)
	} else {
		x = generalReport(rat)
	}
	if x == nil {
		return nil
	}
	x.CooperativeID, x.BookYear, x.Source = c.ID, rat.BookYear, "demo"
	x.Jenis, x.Pola = supervision.ReportJenisOf(c), c.Pola
	x.RATHeldOn = rat.HeldOn
	x.Decisions = "Laporan pertanggungjawaban pengurus dan pengawas tahun buku " + strconv.Itoa(rat.BookYear) + " disahkan; pembagian SHU ditetapkan."
	demoMembers(r, x, rat, prior)
	if prior != nil && prior.BookYear == rat.BookYear-1 {
		x.Schedules["ekuitas_tahun_lalu"] = prior.TotalEkuitas()
		x.Schedules["aset_tahun_lalu"] = prior.TotalAset()
	}
	return x
}

// savingsReport scales the worked example to the RAT's assets, with loan
// quality and a loss that vary by cooperative.
func savingsReport(r *rng, rat bina.RAT) *supervision.AnnualReport {
	unit := rat.Assets / 4850 / 1000 * 1000
	if unit < 1000 {
		return nil
	}
	x := supervision.ExampleReport(unit)
	delete(x.Schedules, "ekuitas_tahun_lalu")
	// Loan quality: move up to a fifth of the loans out of lancar.
	moved := int64(r.IntN(800)) * unit
	k := x.Kolektibilitas
	k["lancar"] -= moved
	k["kurang_lancar"] += moved / 2
	k["diragukan"] += moved * 3 / 10
	k["macet"] += moved - moved/2 - moved*3/10
	if rat.SHU < 0 {
		// A loss: the year's costs ate the surplus; the members' savings
		// carried the balance sheet.
		loss := min(-rat.SHU/unit, 300) * unit
		extra := 250*unit + loss
		x.PHU["beban_adm_umum"] += extra
		x.PHU["pajak"] = 0
		x.Neraca["shu_belum_dibagi"] = -loss
		x.Neraca["simpanan_sukarela"] += 200*unit + loss
		x.SHUDistribution = nil
	}
	return x
}

// generalReport builds balanced general statements from the RAT's
// figures: the liabilities and equity it records, assets spread over the
// lines of a trading cooperative, and an SHU statement that ends at its
// SHU.
func generalReport(rat bina.RAT) *supervision.AnnualReport {
	n := map[string]int64{
		"simpanan_sukarela": rat.SavingsReceived, "dana_diterima_panjang": rat.BorrowedCapital,
		"simpanan_pokok": rat.SimpananPokok, "simpanan_wajib": rat.SimpananWajib, "cadangan_umum": rat.Reserves,
		"hibah": rat.Grants, "modal_penyertaan": rat.EquityParticipation, "shu_belum_dibagi": rat.SHU,
	}
	var total int64
	for _, v := range n {
		total += v
	}
	if total <= 0 {
		return nil
	}
	n["kas"], n["bank"], n["piutang_usaha"], n["persediaan"] = total/10, total/5, total*3/10, total/4
	n["aset_tetap_bruto"] = total - n["kas"] - n["bank"] - n["piutang_usaha"] - n["persediaan"]
	volume := max(rat.BusinessVolume, 5*abs(rat.SHU), 1_000_000)
	members, others := volume*4/5, volume-volume*4/5
	p := map[string]int64{
		"partisipasi_bruto": members, "beban_pokok_anggota": members * 7 / 10,
		"pendapatan_non_anggota": others, "beban_pokok_non_anggota": others * 7 / 10,
	}
	kotor := members - members*7/10 + others - others*7/10
	if kotor >= rat.SHU {
		p["beban_adm_umum"] = kotor - rat.SHU
	} else {
		p["pendapatan_lain"] = rat.SHU - kotor
	}
	x := &supervision.AnnualReport{Neraca: n, PHU: p, Kolektibilitas: map[string]int64{}, Schedules: map[string]int64{}, Members: map[string]int64{}}
	if rat.SHU > 0 {
		x.SHUDistribution = shares(rat.SHU, []supervision.SHUShare{{Pos: "cadangan", Persen: 40}, {Pos: "jasa_usaha", Persen: 30}, {Pos: "jasa_modal", Persen: 10},
			{Pos: "dana_pengurus_pengawas", Persen: 10}, {Pos: "dana_pendidikan", Persen: 5}, {Pos: "dana_sosial", Persen: 5}})
	}
	return x
}

// shares fills the nominal of each post from basis; the last takes the
// rounding, so that they add up to basis exactly.
func shares(basis int64, rows []supervision.SHUShare) []supervision.SHUShare {
	var sum int64
	for i := range rows {
		rows[i].Nominal = int64(float64(basis) * rows[i].Persen / 100)
		sum += rows[i].Nominal
	}
	rows[len(rows)-1].Nominal += basis - sum
	return rows
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// demoMembers fills the membership movement from the RAT and the year
// before, so that the equation holds and this year's start is last year's
// end.
func demoMembers(r *rng, x *supervision.AnnualReport, rat bina.RAT, prior *supervision.AnnualReport) {
	m := x.Members
	for k := range m {
		delete(m, k)
	}
	akhir := int64(rat.MembersFemale + rat.MembersMale)
	awal := akhir * 95 / 100
	if prior != nil && prior.BookYear == rat.BookYear-1 {
		awal = prior.Members["anggota_akhir"]
	}
	keluar := int64(r.IntN(int(max(awal/40, 1)) + 1))
	masuk := akhir - awal + keluar
	if masuk < 0 {
		keluar, masuk = keluar-masuk, 0
	}
	m["anggota_awal"], m["anggota_masuk"], m["anggota_keluar"], m["anggota_akhir"] = awal, masuk, keluar, akhir
	m["anggota_akhir_pria"], m["anggota_akhir_wanita"] = int64(rat.MembersMale), int64(rat.MembersFemale)
	if rat.Prospective > 0 {
		m["calon_anggota"] = int64(rat.Prospective)
	}
	x.MembersPresent = min(rat.MembersPresent, int(akhir))
	if n := rat.EmployeesFemale + rat.EmployeesMale; n > 0 {
		x.Schedules["jumlah_karyawan"] = int64(n)
	} else {
		delete(x.Schedules, "jumlah_karyawan")
	}
	if akhir > 0 && x.Neraca["simpanan_pokok"] > 0 {
		x.Schedules["simpanan_pokok_per_anggota"] = x.Neraca["simpanan_pokok"] / akhir
	} else {
		delete(x.Schedules, "simpanan_pokok_per_anggota")
	}
}

// demoStage sets where a report stands: older years accepted a few weeks
// after the report date; the newest year at every stage.
func demoStage(r *rng, x *supervision.AnnualReport, rat bina.RAT, newest bool, now time.Time) {
	at := func(d bina.Date, hour int) time.Time {
		t := d.Time().Add(time.Duration(hour) * time.Hour)
		if t.After(now) {
			t = now
		}
		return t
	}
	x.CreatedAt = at(rat.HeldOn, 2)
	submitted := at(rat.ReportedOn, 3)
	x.SubmittedAt, x.SubmittedBy = &submitted, "pengurus"
	accepted := at(bina.DateFromTime(submitted.AddDate(0, 0, r.between(5, 40))), 4)
	x.State, x.AcceptedAt, x.AcceptedBy = supervision.ReportAccepted, &accepted, "staf"
	if !newest {
		return
	}
	switch u := r.Float64(); {
	case u < 0.55:
	case u < 0.75:
		x.State, x.AcceptedAt, x.AcceptedBy = supervision.ReportSubmitted, nil, ""
	case u < 0.85:
		x.State, x.AcceptedAt, x.AcceptedBy = supervision.ReportReturned, nil, ""
		x.ReturnNote = "Lampirkan notulen RAT dan daftar hadir; periksa lagi jumlah kolektibilitas pinjaman."
	default:
		x.State, x.SubmittedAt, x.SubmittedBy, x.AcceptedAt, x.AcceptedBy = supervision.ReportDraft, nil, "", nil, ""
		if r.chance(0.5) {
			x.Neraca["kas"] += 1_250_000 // a typing slip the checks will name
		}
	}
}
