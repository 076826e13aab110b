package supervision

import "bina"

// The annual report and the RAT record of the same book year tell the same
// story twice: the RAT record is what the register, the active-cooperative
// rule and the national figures read; the report is the full statements.
// When a report is submitted or accepted its figures flow into the RAT
// record; a year known only from a RAT record (an import, a record typed
// before reports existed) starts its report from the RAT's figures.

// RATRecord returns prev (the stored RAT of the book year, or a zero RAT)
// brought in step with the report: the RAT date, members present and the
// figures of the national report. What the report does not know (business
// licence, health fields, managers) stays as it was. reportedOn is the day
// the report reached the office; an earlier one in prev is kept.
func (r *AnnualReport) RATRecord(prev bina.RAT, reportedOn bina.Date) bina.RAT {
	x := prev
	x.BookYear = r.BookYear
	x.HeldOn = r.RATHeldOn
	if x.ReportedOn.IsZero() || (!reportedOn.IsZero() && reportedOn.Before(x.ReportedOn)) {
		x.ReportedOn = reportedOn
	}
	x.MembersPresent = r.MembersPresent
	m := r.Members
	if pria, wanita := m["anggota_akhir_pria"], m["anggota_akhir_wanita"]; pria+wanita > 0 {
		x.MembersMale, x.MembersFemale = int(pria), int(wanita)
	} else if akhir := int(m["anggota_akhir"]); akhir > 0 && akhir != x.MembersFemale+x.MembersMale {
		// Not reported by gender: keep the women counted before, up to
		// the new total, and count the rest as men.
		x.MembersFemale = min(x.MembersFemale, akhir)
		x.MembersMale = akhir - x.MembersFemale
	}
	if v, ok := m["calon_anggota"]; ok {
		x.Prospective = int(v)
	}
	if n := int(r.Schedules["jumlah_karyawan"]); n > 0 && n != x.EmployeesFemale+x.EmployeesMale {
		x.EmployeesFemale = min(x.EmployeesFemale, n)
		x.EmployeesMale = n - x.EmployeesFemale
	}
	n := r.Neraca
	x.SimpananPokok = n["simpanan_pokok"]
	x.SimpananWajib = n["simpanan_wajib"]
	x.Reserves = n["cadangan_umum"] + n["cadangan_tujuan_risiko"]
	x.Grants = n["hibah"]
	x.BorrowedCapital = n["dana_diterima_pendek"] + n["dana_diterima_panjang"]
	x.EquityParticipation = n["modal_penyertaan"]
	x.Assets = r.TotalAset()
	x.SavingsReceived = r.SimpananAnggota()
	x.LoansGiven = r.PinjamanDiberikan()
	x.BusinessVolume = r.Pendapatan()
	x.SHU = r.SHUSetelahPajak()
	return x
}

// ReportFromRAT starts a report from a RAT record's figures: the RAT
// date, members present and the lines the record holds. The balance sheet
// is incomplete (the record has no cash or liabilities split), so the
// report's checks show what is left to fill in.
func ReportFromRAT(cooperativeID int64, jenis, pola string, rat bina.RAT) *AnnualReport {
	r := &AnnualReport{
		CooperativeID: cooperativeID, BookYear: rat.BookYear, Version: 1, State: ReportDraft, Source: "manual",
		Jenis: jenis, Pola: pola, RATHeldOn: rat.HeldOn, MembersPresent: rat.MembersPresent,
		Neraca: map[string]int64{}, PHU: map[string]int64{}, Kolektibilitas: map[string]int64{},
		Schedules: map[string]int64{}, Members: map[string]int64{}, SHUDistribution: []SHUShare{},
	}
	put := func(m map[string]int64, code string, v int64) {
		if v != 0 {
			m[code] = v
		}
	}
	put(r.Neraca, "simpanan_pokok", rat.SimpananPokok)
	put(r.Neraca, "simpanan_wajib", rat.SimpananWajib)
	put(r.Neraca, "cadangan_umum", rat.Reserves)
	put(r.Neraca, "hibah", rat.Grants)
	put(r.Neraca, "dana_diterima_panjang", rat.BorrowedCapital)
	put(r.Neraca, "modal_penyertaan", rat.EquityParticipation)
	put(r.Neraca, "simpanan_sukarela", rat.SavingsReceived)
	put(r.Neraca, "shu_belum_dibagi", rat.SHU)
	if SavingsAndLoan(jenis) {
		put(r.Neraca, "pinjaman_anggota", rat.LoansGiven)
	}
	put(r.Members, "anggota_akhir", int64(rat.MembersFemale+rat.MembersMale))
	put(r.Members, "anggota_akhir_pria", int64(rat.MembersMale))
	put(r.Members, "anggota_akhir_wanita", int64(rat.MembersFemale))
	put(r.Members, "calon_anggota", int64(rat.Prospective))
	put(r.Schedules, "jumlah_karyawan", int64(rat.EmployeesFemale+rat.EmployeesMale))
	return r
}

// ReportJenisOf returns the report kind that fits a cooperative: KSP for
// savings-and-loan cooperatives (KSPPS under sharia), UMUM otherwise.
func ReportJenisOf(c *bina.Cooperative) string {
	if c.Jenis != "simpan_pinjam" {
		return "UMUM"
	}
	if c.Pola == "syariah" {
		return "KSPPS"
	}
	return "KSP"
}
