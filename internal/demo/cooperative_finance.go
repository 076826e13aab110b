package demo

import (
	"time"

	"bina"
)

// econ is the state of a cooperative's finances from one book year to the
// next: members grow, simpanan wajib accumulates, a part of each year's SHU
// goes to reserves.
type econ struct {
	kind           econKind
	members        float64
	growth         [2]float64
	female         float64
	pokok          float64 // simpanan pokok per member
	wajib          float64 // simpanan wajib per member and month
	savingsPer     float64 // savings received per member
	borrowedShare  float64
	grants, equity float64
	employees      int
	managers       int
	weak           bool
	// The cooperative's own ratios: loans to assets, business volume to
	// assets (or to loans), SHU to assets (or to volume). They vary a little
	// from year to year around these.
	loanRatio, volumeRatio, shuRate float64

	wajibTotal, reserves, shuPrev float64
}

func newEcon(r *rng, k coopKind, p coopPlan) *econ {
	e := &econ{
		kind:    k.econ,
		members: float64(r.between(k.members[0], k.members[1])),
		growth:  [2]float64{-0.02, 0.06},
		female:  r.uniform(0.3, 0.6),
		weak:    !p.active,
	}
	switch k.kelompok {
	case "wanita":
		e.female = 1
	case "nelayan", "tni_polri":
		e.female = r.uniform(0.03, 0.15)
	case "kpri":
		e.female = r.uniform(0.5, 0.7)
	}
	switch k.econ {
	case econSavings:
		e.pokok, e.wajib, e.savingsPer = r.uniform(50e3, 250e3), r.uniform(10e3, 50e3), r.uniform(0.5e6, 3e6)
		e.borrowedShare = r.uniform(0, 0.15)
	case econConsumer:
		e.pokok, e.wajib, e.savingsPer = r.uniform(25e3, 100e3), r.uniform(10e3, 50e3), r.uniform(0, 0.3e6)
		e.borrowedShare = r.uniform(0, 0.1)
	case econProducer:
		e.pokok, e.wajib, e.savingsPer = r.uniform(50e3, 500e3), r.uniform(5e3, 25e3), r.uniform(0, 0.2e6)
		e.borrowedShare = r.uniform(0, 0.3)
	default:
		e.pokok, e.wajib, e.savingsPer = r.uniform(50e3, 200e3), r.uniform(10e3, 30e3), 0
	}
	if k.kelompok == "kpri" {
		e.wajib, e.growth = r.uniform(50e3, 150e3), [2]float64{-0.02, 0.03}
	}
	if k.key == "cu" {
		e.pokok, e.wajib, e.savingsPer = r.uniform(100e3, 250e3), r.uniform(20e3, 50e3), r.uniform(3e6, 8e6)
		e.growth = [2]float64{0.03, 0.09}
		e.borrowedShare = r.uniform(0, 0.05)
	}
	if p.big {
		e.members = float64(r.between(4000, 25000))
		e.growth = [2]float64{0.04, 0.12}
	}
	if p.sekunder > 0 {
		e.members = 0
	}
	if e.weak {
		e.growth = [2]float64{-0.06, 0.01}
	}
	if k.econ == econProducer && r.chance(0.4) {
		e.grants = r.uniform(25e6, 200e6)
	} else if r.chance(0.1) {
		e.grants = r.uniform(10e6, 50e6)
	}
	if k.kelompok == "kud" && r.chance(0.3) {
		e.equity = r.uniform(50e6, 200e6)
	}
	switch {
	case e.members > 1000:
		e.employees, e.managers = int(e.members/250)+r.between(2, 10), r.between(1, 3)
	case e.members > 300:
		e.employees, e.managers = r.between(2, 10), r.IntN(2)
	default:
		e.employees = r.IntN(4)
	}
	if p.sekunder > 0 {
		e.employees, e.managers = r.between(3, 12), 1
		e.savingsPer = 0
	}
	switch k.econ {
	case econSavings:
		e.loanRatio, e.volumeRatio, e.shuRate = r.uniform(0.68, 0.85), r.uniform(0.7, 1.3), r.uniform(0.01, 0.035)
	case econConsumer:
		e.loanRatio, e.volumeRatio, e.shuRate = r.uniform(0.2, 0.45), r.uniform(1.5, 4), r.uniform(0.01, 0.03)
	case econProducer:
		e.loanRatio, e.volumeRatio, e.shuRate = r.uniform(0, 0.2), r.uniform(2, 6), r.uniform(0.005, 0.025)
	default:
		e.loanRatio, e.volumeRatio, e.shuRate = 0, r.uniform(0.8, 2.5), r.uniform(0.02, 0.06)
	}
	e.wajibTotal = e.members * e.wajib * 12 * r.uniform(1, 5)
	e.reserves = e.members * e.pokok * r.uniform(0.1, 0.6)
	if p.sekunder > 0 {
		e.wajibTotal, e.reserves = r.uniform(100e6, 800e6), r.uniform(50e6, 400e6)
	}
	return e
}

// rats simulates the book years from the first held to the last and
// returns the RAT records of the held ones whose meeting took place by
// today, newest first.
func (w *world) rats(r *rng, e *econ, k coopKind, p coopPlan, held []int) []bina.RAT {
	isHeld := map[int]bool{}
	for _, t := range held {
		isHeld[t] = true
	}
	due := bina.LastDueBookYear(w.now)
	var out []bina.RAT
	savingsPer := e.savingsPer
	for t := held[0]; t <= held[len(held)-1]; t++ {
		e.members *= 1 + r.uniform(e.growth[0], e.growth[1])
		members := int(e.members + 0.5)
		if p.sekunder == 0 {
			members = max(members, 12)
		}
		female := int(float64(members)*e.female + 0.5)
		savingsPer *= r.uniform(1.0, 1.08)
		pokok := float64(members) * e.pokok
		e.wajibTotal = e.wajibTotal*0.96 + float64(members)*e.wajib*12*r.uniform(0.6, 0.9)
		e.reserves += 0.3 * max(e.shuPrev, 0)
		savings := float64(members) * savingsPer
		own := pokok + e.wajibTotal + e.reserves + e.grants
		borrowed := (own + savings) * e.borrowedShare
		assets := (own + savings + borrowed + e.equity) * r.uniform(1.02, 1.08)
		loans := assets * min(e.loanRatio*r.uniform(0.93, 1.07), 0.95)
		var volume, shu float64
		if e.kind == econSavings {
			volume = loans * e.volumeRatio * r.uniform(0.9, 1.1)
			shu = assets * e.shuRate * r.uniform(0.7, 1.3)
		} else {
			volume = assets * e.volumeRatio * r.uniform(0.85, 1.15)
			shu = volume * e.shuRate * r.uniform(0.7, 1.3)
		}
		loss := 0.03
		if e.weak {
			loss = 0.2
		}
		if r.chance(loss) {
			shu = -assets * r.uniform(0.005, 0.03)
		}
		e.shuPrev = shu
		employees := max(e.employees+r.between(-1, 1), 0)
		if !isHeld[t] {
			continue
		}
		// The meeting: February to June of the next year; a few late ones
		// long ago. Not yet held if that day is still to come.
		lo, hi := bina.DateOf(t+1, time.February, 1), bina.DateOf(t+1, time.June, 30)
		if p.big {
			hi = bina.DateOf(t+1, time.March, 31) // large credit unions meet early
		}
		if t < due && r.chance(0.05) {
			lo, hi = bina.DateOf(t+1, time.July, 1), bina.DateOf(t+1, time.October, 31)
		}
		heldOn := r.dateIn(lo, hi)
		if heldOn.After(w.today) {
			continue
		}
		rat := bina.RAT{
			BookYear:            t,
			HeldOn:              heldOn,
			MembersFemale:       female,
			MembersMale:         members - female,
			Prospective:         int(float64(members) * r.uniform(0, 0.05)),
			EmployeesFemale:     employees / 2,
			EmployeesMale:       employees - employees/2,
			SimpananPokok:       rupiah(pokok),
			SimpananWajib:       rupiah(e.wajibTotal),
			Reserves:            rupiah(e.reserves),
			Grants:              rupiah(e.grants),
			BorrowedCapital:     rupiah(borrowed),
			EquityParticipation: rupiah(e.equity),
			Assets:              rupiah(assets),
			SavingsReceived:     rupiah(savings),
			LoansGiven:          rupiah(loans),
			BusinessVolume:      rupiah(volume),
			SHU:                 rupiah(shu),
		}
		if e.managers > 0 {
			rat.ManagersFemale = r.IntN(e.managers + 1)
			rat.ManagersMale = e.managers - rat.ManagersFemale
		}
		switch {
		case members == 0:
		case members <= 400:
			rat.MembersPresent = int(float64(members) * r.uniform(0.4, 0.85))
		default: // large cooperatives meet through delegates
			rat.MembersPresent = min(members, r.between(80, 350))
		}
		if rep := bina.DateFromTime(heldOn.Time().AddDate(0, 0, r.between(3, 30))); !rep.After(w.today) && !r.chance(0.06) {
			rat.ReportedOn = rep // otherwise: held, report never sent (planted)
		}
		if e.kind == econSavings && t >= 2019 && r.chance(0.4) {
			rat.HealthAssessed = true
			rat.HealthResult = health(r, shu/assets)
		}
		out = append(out, rat)
	}
	// Newest first.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// health returns the result of a savings-and-loan health assessment in
// line with the year's return on assets.
func health(r *rng, roa float64) string {
	u := r.Float64()
	switch {
	case roa < 0 && u < 0.5:
		return "dalam_pengawasan_khusus"
	case roa < 0:
		return "dalam_pengawasan"
	case roa >= 0.025 && u < 0.6:
		return "sehat"
	case roa >= 0.025, u < 0.6:
		return "cukup_sehat"
	}
	return "dalam_pengawasan"
}
