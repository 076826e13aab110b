package sqlstore

import (
	"bina/indicator"
	"context"
	"database/sql"
	"strings"

	"bina"
)

// Perkembangan builds the aggregate "perkembangan koperasi" report of a
// book year: per child region, the live cooperatives founded by the end of
// the year, those active for it (the RAT of the year before held, within
// the tolerance) and the sums of their RAT records of the year. The records
// are read once and added up in Go (indicator.PerkembanganFigures.Add), so that
// the report and the register cannot count differently.
func (s *Store) Perkembangan(ctx context.Context, region bina.RegionCode, bookYear int) (indicator.PerkembanganReport, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return indicator.PerkembanganReport{}, err
	}
	region, err = s.regionInScope(a, region)
	if err != nil {
		return indicator.PerkembanganReport{}, err
	}
	now := s.now()
	if bookYear < 1950 || bookYear > now.Year() {
		return indicator.PerkembanganReport{}, invalidField("book_year", "Tahun buku harus antara 1950 dan %d", "The book year must be between 1950 and %d", now.Year())
	}
	rep := indicator.PerkembanganReport{BookYear: bookYear, Region: region, Items: []indicator.PerkembanganRow{}}
	t := s.ref.Regions
	children := t.Children(region)
	if region.Level() == bina.LevelVillage {
		children = nil
	}
	index := map[bina.RegionCode]int{}
	for i, c := range children {
		index[c.Code] = i
		rep.Items = append(rep.Items, indicator.PerkembanganRow{RegionCode: c.Code, RegionName: c.Name})
	}
	rep.Total = indicator.PerkembanganRow{RegionCode: region, RegionName: t.Name(region)}

	var p params
	year := p.add(bookYear)
	conds := s.complianceConds(&p, region, bookYear)
	cols := make([]string, len(ratColumns))
	for i, c := range ratColumns {
		cols[i] = "r." + c
	}
	q := `SELECT c.village_code, r.book_year IS NOT NULL,
	(SELECT max(h.book_year) FROM rats h WHERE h.cooperative_id = c.id AND h.book_year < ` + year + ` AND h.held_on IS NOT NULL), ` +
		strings.Join(cols, ", ") + `
FROM cooperatives c LEFT JOIN rats r ON r.cooperative_id = c.id AND r.book_year = ` + year + where(conds)
	rows, err := s.rdb.QueryContext(ctx, q, p.args...)
	if err != nil {
		return rep, bina.Wrap(err, "perkembangan")
	}
	defer rows.Close()
	active := bookYear - 1 - max(s.ref.Config.RATTolerance, 0)
	for rows.Next() {
		var (
			village string
			has     bool
			prev    sql.NullInt64
			r       ratScan
		)
		dest := append([]any{&village, &has, &prev}, r.dest()...)
		if err := rows.Scan(dest...); err != nil {
			return rep, bina.Wrap(err, "perkembangan")
		}
		var f indicator.PerkembanganFigures
		f.Cooperatives = 1
		if prev.Valid && int(prev.Int64) >= active {
			f.Active = 1
		}
		if has {
			rat := r.rat()
			f.Add(&rat)
		}
		rep.Total.Sum(f)
		code := bina.RegionCode(village)
		for _, c := range children {
			if c.Code.Contains(code) {
				rep.Items[index[c.Code]].Sum(f)
				break
			}
		}
	}
	return rep, bina.Wrap(rows.Err(), "perkembangan")
}

// ratScan reads a RAT from a LEFT JOIN whose columns may all be NULL.
type ratScan struct {
	year              sql.NullInt64
	held, reported    bina.Date
	ints              [8]sql.NullInt64
	money             [11]sql.NullInt64
	license, assessed sql.NullBool
	health            sql.NullString
}

func (r *ratScan) dest() []any {
	d := []any{&r.year, &r.held, &r.reported}
	for i := range r.ints {
		d = append(d, &r.ints[i])
	}
	for i := range r.money {
		d = append(d, &r.money[i])
	}
	return append(d, &r.license, &r.assessed, &r.health)
}

// rat returns the record read, in the order of ratColumns.
func (r *ratScan) rat() bina.RAT {
	i, m := r.ints, r.money
	return bina.RAT{
		BookYear: int(r.year.Int64), HeldOn: r.held, ReportedOn: r.reported,
		MembersPresent: int(i[0].Int64), MembersFemale: int(i[1].Int64), MembersMale: int(i[2].Int64), Prospective: int(i[3].Int64),
		EmployeesFemale: int(i[4].Int64), EmployeesMale: int(i[5].Int64), ManagersFemale: int(i[6].Int64), ManagersMale: int(i[7].Int64),
		SimpananPokok: m[0].Int64, SimpananWajib: m[1].Int64, Reserves: m[2].Int64, Grants: m[3].Int64, BorrowedCapital: m[4].Int64,
		EquityParticipation: m[5].Int64, Assets: m[6].Int64, SavingsReceived: m[7].Int64, LoansGiven: m[8].Int64,
		BusinessVolume: m[9].Int64, SHU: m[10].Int64,
		HasBusinessLicense: r.license.Bool, HealthAssessed: r.assessed.Bool, HealthResult: r.health.String,
	}
}
