package demo

import (
	"bina/supervision"
	"hash/fnv"
	"time"

	"bina"
)

// Supervise plants what the cooperative supervision pages (issue 12) are
// there to find, on the cooperatives of d, deterministically from each
// record's SourceID and opt.Now:
//
//   - about one in eleven cooperatives that held the RAT of the newest due
//     book year held it late (July to September), and about one in nine
//     held it on time but sent the report late or never; they stay active,
//     so the 428 active cooperatives still hold;
//   - the village cooperatives (KDMP) stand at different stages: about one
//     in ten still waits for its legal entity (no legal number or date, no
//     registration number; only among those without a RAT, so that no
//     cooperative's active state changes) and about one in six has no
//     business unit running yet, beside those without a registration
//     number or a first RAT that Generate makes.
//
// The cooperatives that missed one RAT (KDMP that have not held their
// first), two, or more (the inactive ones) come from Generate.
func Supervise(d *Data, opt Options) {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	today := bina.DateFromTime(now)
	set := supervision.DefaultComplianceSettings()
	due := set.LastDueBookYear(today)
	for i := range d.Cooperatives {
		c := &d.Cooperatives[i]
		u := draw(c.SourceID)
		if c.KDMP {
			superviseKDMP(c, u)
			continue
		}
		for j := range c.RATs {
			r := &c.RATs[j]
			if r.BookYear != due || r.HeldOn.IsZero() {
				continue
			}
			switch {
			case u%100 < 9: // held late
				held := bina.DateFromTime(set.RATDue(due).Time().AddDate(0, 0, 3+int(u>>8)%80))
				if held.After(today) {
					continue
				}
				r.HeldOn = held
				r.ReportedOn = notAfter(bina.DateFromTime(held.Time().AddDate(0, 0, 5+int(u>>16)%30)), today)
				if u>>24%4 == 0 {
					r.ReportedOn = bina.Date{}
				}
			case u%100 < 20: // on time, the report late or never sent
				r.ReportedOn = notAfter(bina.DateFromTime(set.ReportDue(due).Time().AddDate(0, 0, 4+int(u>>8)%60)), today)
				if u>>16%3 == 0 {
					r.ReportedOn = bina.Date{}
				}
			}
		}
	}
}

// superviseKDMP sets the stage of a village cooperative from its draw u.
// Only one that has not held a RAT waits for its legal entity, so that no
// cooperative's active state changes.
func superviseKDMP(c *bina.Cooperative, u uint32) {
	if len(c.RATs) == 0 && u%100 < 18 { // founded by the musyawarah desa, the legal entity pending
		c.LegalNumber, c.LegalDate = "", bina.Date{}
		c.RegistrationNumber, c.CertificateDate, c.CertificateExpiry = "", bina.Date{}, bina.Date{}
		c.Notes = "Dibentuk melalui musyawarah desa khusus; pengesahan badan hukum masih diproses."
	}
	if (u>>8)%100 < 16 { // the outlets are not running yet
		c.Units = nil
	}
}

// draw is a record's own number, from its SourceID (FNV-1a).
func draw(sourceID string) uint32 {
	h := fnv.New32a()
	h.Write([]byte("supervise:" + sourceID))
	return h.Sum32()
}

// notAfter returns the earlier of d and today.
func notAfter(d, today bina.Date) bina.Date {
	if d.After(today) {
		return today
	}
	return d
}
