package sqlstore

import (
	"bina/supervision"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"slices"

	"bina"
)

// complianceRow is a row of the compliance table before its page is
// chosen: the decision and the key it is ordered by.
type complianceRow struct {
	supervision.Compliance
	sortName string
}

// Compliance answers one page of the compliance table of a book year,
// keyset by name like the cooperative list. The whole table (a choice of
// state or rung) is one read of the facts of every live cooperative in the
// region, decided in Go (supervision.ComplianceSettings.Comply); the table without
// a choice reads only its page, in name order, and counts the rest, so
// that the first page of a province costs what a regency's does.
func (s *Store) Compliance(ctx context.Context, f supervision.ComplianceFilter) (bina.Page[supervision.ComplianceItem], error) {
	var page bina.Page[supervision.ComplianceItem]
	a, region, set, err := s.complianceStart(ctx, f)
	if err != nil {
		return page, err
	}
	if f.Status != "" && !supervision.ComplianceStatuses.Has(f.Status) {
		return page, invalidFilter("status", f.Status)
	}
	if f.Missed < 0 || f.Missed > supervision.ComplianceLookback {
		return page, invalidField("missed", "Jumlah tahun tanpa RAT harus 0 sampai %d", "Missed years must be 0 to %d", supervision.ComplianceLookback)
	}
	c, err := decodeCursor(f.Cursor, "name")
	if err != nil {
		return page, err
	}
	limit := pageLimit(f.Limit)
	today := bina.DateFromTime(s.now())
	var shown []complianceRow
	if f.Status == "" && f.Missed == 0 {
		var p params
		var cp params
		if err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM cooperatives c`+where(s.complianceConds(&cp, region, f.BookYear)), cp.args...).Scan(&page.Total); err != nil {
			return page, bina.Wrap(err, "compliance")
		}
		facts, conds := s.complianceSQL(&p, region, f.BookYear)
		spec, _ := sortSpecOf("name")
		kcond, order, back := keyset(&p, "c", "name", spec, c)
		if kcond != "" {
			conds = append(conds, kcond)
		}
		// The page is chosen before its RATs are looked up.
		source := `(SELECT c.id, c.sort_name, c.legal_date, c.kdmp, c.last_rat_year FROM cooperatives c` + where(conds) +
			` ORDER BY ` + order + ` LIMIT ` + p.add(limit+1) + `) c`
		rows, err := s.complianceFacts(ctx, facts(source)+` ORDER BY `+order, p.args, f.BookYear, set, today)
		if err != nil {
			return page, err
		}
		keys := make([]keyOf, len(rows))
		for i, r := range rows {
			keys[i] = keyOf{sortName: r.sortName, id: r.CooperativeID}
		}
		page.Items = make([]supervision.ComplianceItem, len(rows)) // placeholders: finishPage orders and trims them
		for i, r := range rows {
			page.Items[i].Compliance = r.Compliance
		}
		finishPage(&page, keys, limit, "name", c, back)
		byID := map[int64]complianceRow{}
		for _, r := range rows {
			byID[r.CooperativeID] = r
		}
		for _, it := range page.Items {
			shown = append(shown, byID[it.CooperativeID])
		}
	} else {
		rows, err := s.complianceTable(ctx, region, f, set, today)
		if err != nil {
			return page, err
		}
		kept := rows[:0:0]
		for _, r := range rows {
			if set.Keep(r.Compliance, f) {
				kept = append(kept, r)
			}
		}
		page.Total = len(kept)
		slices.SortFunc(kept, func(x, y complianceRow) int {
			return cmp.Or(cmp.Compare(x.sortName, y.sortName), cmp.Compare(x.CooperativeID, y.CooperativeID))
		})
		from, to := pageWindow(kept, c, limit, func(r complianceRow) (string, int64) { return r.sortName, r.CooperativeID })
		shown = kept[from:to]
		if from > 0 && len(shown) > 0 {
			page.Prev = cursor{Sort: "name", Text: shown[0].sortName, ID: shown[0].CooperativeID, Back: true}.encode()
		}
		if to < len(kept) && len(shown) > 0 {
			last := shown[len(shown)-1]
			page.Next = cursor{Sort: "name", Text: last.sortName, ID: last.CooperativeID}.encode()
		}
	}
	page.Items, err = s.complianceItems(ctx, a, shown)
	return page, err
}

// ComplianceCounts counts the whole compliance table of a book year. The
// database groups the cooperatives by what decides their state (held on
// time or late; else the newest held RAT, the legal date and whether it is
// a KDMP), so that a province's thousands of rows come back as a few
// groups; each group is decided in Go (supervision.ComplianceSettings.Comply).
func (s *Store) ComplianceCounts(ctx context.Context, f supervision.ComplianceFilter) (supervision.ComplianceCounts, error) {
	_, region, set, err := s.complianceStart(ctx, f)
	if err != nil {
		return supervision.ComplianceCounts{}, err
	}
	today := bina.DateFromTime(s.now())
	var p params
	year := p.add(f.BookYear)
	late := s.complianceLate(&p, set, f.BookYear, today)
	conds := s.complianceConds(&p, region, f.BookYear)
	q := `SELECT st, lh, ld, k, count(*) FROM (SELECT
	CASE WHEN r.held_on IS NULL THEN 0 WHEN ` + late + ` THEN 2 ELSE 1 END AS st,
	CASE WHEN r.held_on IS NOT NULL THEN 0 WHEN c.last_rat_year <= ` + year + ` THEN c.last_rat_year
	ELSE (SELECT max(h.book_year) FROM rats h WHERE h.cooperative_id = c.id AND h.book_year <= ` + year + ` AND h.held_on IS NOT NULL) END AS lh,
	CASE WHEN r.held_on IS NULL THEN c.legal_date END AS ld,
	CASE WHEN r.held_on IS NULL AND c.kdmp THEN 1 ELSE 0 END AS k
FROM cooperatives c LEFT JOIN rats r ON r.cooperative_id = c.id AND r.book_year = ` + year + where(conds) + `) x GROUP BY st, lh, ld, k`
	rows, err := s.rdb.QueryContext(ctx, q, p.args...)
	if err != nil {
		return supervision.ComplianceCounts{}, bina.Wrap(err, "compliance counts")
	}
	defer rows.Close()
	var (
		decided []supervision.Compliance
		times   []int
	)
	for rows.Next() {
		var (
			st, kdmp, n int
			last        sql.NullInt64
			legal       bina.Date
		)
		if err := rows.Scan(&st, &last, &legal, &kdmp, &n); err != nil {
			return supervision.ComplianceCounts{}, bina.Wrap(err, "compliance counts")
		}
		c := supervision.Compliance{Status: supervision.ComplianceOnTime}
		switch st {
		case 0:
			c = set.Comply(supervision.ComplianceFacts{FoundedYear: supervision.FoundedYear(legal, kdmp == 1), LastHeldYear: int(last.Int64)}, f.BookYear, today)
		case 2:
			c.Status = supervision.ComplianceLate
		}
		decided, times = append(decided, c), append(times, n)
	}
	if err := rows.Err(); err != nil {
		return supervision.ComplianceCounts{}, bina.Wrap(err, "compliance counts")
	}
	return set.CountEach(decided, times), nil
}

// complianceStart checks what every compliance read shares: the actor, the
// region and the book year; it returns the settings in effect.
func (s *Store) complianceStart(ctx context.Context, f supervision.ComplianceFilter) (actor, bina.RegionCode, supervision.ComplianceSettings, error) {
	var set supervision.ComplianceSettings
	a, err := s.actorOf(ctx)
	if err != nil {
		return a, "", set, err
	}
	region, err := s.regionInScope(a, f.Region)
	if err != nil {
		return a, "", set, err
	}
	if now := s.now(); f.BookYear < 1950 || f.BookYear > now.Year() {
		return a, "", set, invalidField("book_year", "Tahun buku harus antara 1950 dan %d", "The book year must be between 1950 and %d", now.Year())
	}
	set, err = s.complianceSettings(ctx, s.rdb)
	return a, region, set, err
}

// pageWindow returns the bounds of the page of at most limit items of
// sorted that c points at: after its key, or (going back) before it.
func pageWindow[T any](sorted []T, c *cursor, limit int, key func(T) (string, int64)) (from, to int) {
	if c == nil {
		return 0, min(limit, len(sorted))
	}
	at, _ := slices.BinarySearchFunc(sorted, c, func(x T, c *cursor) int {
		k, id := key(x)
		return cmp.Or(cmp.Compare(k, c.Text), cmp.Compare(id, c.ID))
	})
	if c.Back {
		return max(at-limit, 0), at
	}
	for at < len(sorted) {
		if k, id := key(sorted[at]); k != c.Text || id != c.ID {
			break
		}
		at++
	}
	return at, min(at+limit, len(sorted))
}

// complianceSQL returns the facts query of bookYear over source (the
// table of cooperatives, or a page of it, as alias c) and the conditions
// that choose the live cooperatives in region founded by the end of the
// year. Each row holds the RAT of the year, the state of the newest
// version of the year's annual report, and the newest held RAT up to it: the year itself when it was held, and the last RAT year when that is
// not later; only a cooperative that skipped the year and met after it
// needs the seek, so a recent year costs one index lookup per cooperative.
func (s *Store) complianceSQL(p *params, region bina.RegionCode, bookYear int) (facts func(source string) string, conds []string) {
	year := p.add(bookYear)
	conds = s.complianceConds(p, region, bookYear)
	facts = func(source string) string {
		return `SELECT c.id, c.sort_name, c.legal_date, c.kdmp, r.held_on, r.reported_on,
	CASE WHEN r.held_on IS NOT NULL THEN ` + year + ` WHEN c.last_rat_year <= ` + year + ` THEN c.last_rat_year
	ELSE (SELECT max(h.book_year) FROM rats h WHERE h.cooperative_id = c.id AND h.book_year <= ` + year + ` AND h.held_on IS NOT NULL) END,
	(SELECT a.state FROM annual_reports a WHERE a.book_year = ` + year + ` AND a.cooperative_id = c.id ORDER BY a.version DESC LIMIT 1)
FROM ` + source + ` LEFT JOIN rats r ON r.cooperative_id = c.id AND r.book_year = ` + year
	}
	return facts, conds
}

// complianceConds chooses the live cooperatives in region founded by the
// end of bookYear.
// A cooperative whose legal date is not known owes every year, except a
// KDMP before the first KDMP were founded (supervision.FoundedYear).
func (s *Store) complianceConds(p *params, region bina.RegionCode, bookYear int) []string {
	end := p.add(bina.DateOf(bookYear, 12, 31))
	founded := "(c.legal_date IS NULL OR c.legal_date <= " + end + ")"
	if bookYear < supervision.KDMPFirstYear {
		founded = "(c.legal_date <= " + end + " OR (c.legal_date IS NULL AND NOT c.kdmp))"
	}
	return s.regionCond([]string{"c.archived_at IS NULL", founded}, p, "c", region)
}

// complianceTable reads and decides the table of f.BookYear in region,
// leaving out in the database the rows f's choice cannot keep: a late RAT
// or report is a condition on the year's RAT, and the states without a
// RAT and the rungs of the ladder are those not held. Keep decides the
// rest.
func (s *Store) complianceTable(ctx context.Context, region bina.RegionCode, f supervision.ComplianceFilter, set supervision.ComplianceSettings, today bina.Date) ([]complianceRow, error) {
	var p params
	facts, conds := s.complianceSQL(&p, region, f.BookYear)
	switch {
	case f.Status == string(supervision.ComplianceLate):
		conds = append(conds, "r.held_on IS NOT NULL", "("+s.complianceLate(&p, set, f.BookYear, today)+")")
	case f.Status == string(supervision.ComplianceOnTime):
		conds = append(conds, "r.held_on IS NOT NULL")
	case f.Status != "" || f.Missed > 0:
		conds = append(conds, "r.held_on IS NULL")
	}
	return s.complianceFacts(ctx, facts("cooperatives c")+where(conds), p.args, f.BookYear, set, today)
}

// complianceLate is the condition that the year's RAT r, when held, came
// late or its report did (or is overdue): what Comply calls late.
func (s *Store) complianceLate(p *params, set supervision.ComplianceSettings, bookYear int, today bina.Date) string {
	reportDue := set.ReportDue(bookYear)
	late := "r.held_on > " + p.add(set.RATDue(bookYear)) + " OR r.reported_on > " + p.add(reportDue)
	if today.After(reportDue) {
		late += " OR r.reported_on IS NULL"
	}
	return late
}

// complianceFacts runs a facts query and decides each row.
func (s *Store) complianceFacts(ctx context.Context, q string, args []any, bookYear int, set supervision.ComplianceSettings, today bina.Date) ([]complianceRow, error) {
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, bina.Wrap(err, "compliance")
	}
	defer rows.Close()
	var out []complianceRow
	for rows.Next() {
		var (
			x     complianceRow
			f     supervision.ComplianceFacts
			legal bina.Date
			kdmp  bool
			last  sql.NullInt64
			state sql.NullString
		)
		if err := rows.Scan(&f.CooperativeID, &x.sortName, &legal, &kdmp, &f.HeldOn, &f.ReportedOn, &last, &state); err != nil {
			return nil, bina.Wrap(err, "compliance")
		}
		f.ReportState = supervision.ReportState(state.String)
		f.FoundedYear = supervision.FoundedYear(legal, kdmp)
		f.LastHeldYear = int(last.Int64)
		x.Compliance = set.Comply(f, bookYear, today)
		out = append(out, x)
	}
	return out, bina.Wrap(rows.Err(), "compliance")
}

// complianceItems adds the name, place, active state and board contact of
// the cooperatives of one page, phones masked for a reader who may not see
// them.
func (s *Store) complianceItems(ctx context.Context, a actor, shown []complianceRow) ([]supervision.ComplianceItem, error) {
	out := make([]supervision.ComplianceItem, 0, len(shown))
	if len(shown) == 0 {
		return out, nil
	}
	var p params
	ids := make([]any, len(shown))
	for i, r := range shown {
		ids[i] = r.CooperativeID
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, name, village_code, last_rat_year FROM cooperatives WHERE id IN (`+p.list(ids...)+`)`, p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "compliance page")
	}
	defer rows.Close()
	byID := map[int64]*bina.Cooperative{}
	var cs []*bina.Cooperative
	for rows.Next() {
		var c bina.Cooperative
		var village string
		if err := rows.Scan(&c.ID, &c.Name, &village, &c.LastRATYear); err != nil {
			return nil, bina.Wrap(err, "compliance page")
		}
		c.VillageCode = bina.RegionCode(village)
		byID[c.ID] = &c
		cs = append(cs, &c)
	}
	if err := rows.Err(); err != nil {
		return nil, bina.Wrap(err, "compliance page")
	}
	if err := s.loadCooperativeChildren(ctx, s.rdb, cs); err != nil {
		return nil, err
	}
	clock := s.now()
	for _, r := range shown {
		c := byID[r.CooperativeID]
		if c == nil {
			continue // archived between the two reads
		}
		it := supervision.ComplianceItem{Compliance: r.Compliance, Name: c.Name, VillageCode: c.VillageCode,
			Active: bina.ActiveCooperative(c.LastRATYear, clock, s.ref.Config.RATTolerance)}
		it.BoardName, it.BoardPhone = supervision.BoardContact(c.Officers)
		if a.masked() {
			it.BoardPhone = bina.Mask(it.BoardPhone)
		}
		out = append(out, it)
	}
	return out, nil
}

// regionInScope returns the region a report of the actor covers: its scope
// when region is empty, region when inside it, the scope when region
// contains it. Errors: Invalid (unknown region), NotFound (outside).
func (s *Store) regionInScope(a actor, region bina.RegionCode) (bina.RegionCode, error) {
	if region == "" {
		return a.scope, nil
	}
	if err := s.checkRegion(region); err != nil {
		return "", err
	}
	if !a.scope.Contains(region) {
		if !region.Contains(a.scope) {
			return "", notFoundf("Wilayah tidak ditemukan", "Region not found")
		}
		return a.scope, nil
	}
	return region, nil
}

// ComplianceSettings returns the compliance settings in effect.
func (s *Store) ComplianceSettings(ctx context.Context) (supervision.ComplianceSettings, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return supervision.ComplianceSettings{}, err
	}
	return s.complianceSettings(ctx, s.rdb)
}

// complianceSettings reads the newest saved settings, or the defaults.
func (s *Store) complianceSettings(ctx context.Context, q querier) (supervision.ComplianceSettings, error) {
	var set supervision.ComplianceSettings
	var ladder string
	err := q.QueryRowContext(ctx, `SELECT rat_due_month, rat_due_day, report_months, sanctions, created_by, created_at
FROM compliance_settings ORDER BY id DESC LIMIT 1`).Scan(&set.RATDueMonth, &set.RATDueDay, &set.ReportMonths, &ladder, &set.CreatedBy, &set.CreatedAt)
	if err == sql.ErrNoRows {
		return supervision.DefaultComplianceSettings(), nil
	}
	if err != nil {
		return set, bina.Wrap(err, "compliance settings")
	}
	set.CreatedAt = set.CreatedAt.UTC()
	if err := json.Unmarshal([]byte(ladder), &set.Sanctions); err != nil {
		return set, bina.Wrap(err, "compliance settings")
	}
	return set, nil
}

// SaveComplianceSettings stores new compliance settings; earlier ones are
// kept.
func (s *Store) SaveComplianceSettings(ctx context.Context, set *supervision.ComplianceSettings) error {
	a, err := s.actorOf(ctx)
	if err != nil {
		return err
	}
	if !a.isAdmin() {
		return bina.Errorf(bina.Forbidden, "Hanya admin yang boleh mengubah pengaturan kepatuhan RAT", "Only admins may change the RAT compliance settings")
	}
	set.Normalize()
	if err := set.Validate(); err != nil {
		return err
	}
	ladder, err := json.Marshal(set.Sanctions)
	if err != nil {
		return bina.Wrap(err, "save compliance settings")
	}
	now := s.now()
	set.CreatedBy, set.CreatedAt = a.name(), now.UTC()
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO compliance_settings (rat_due_month, rat_due_day, report_months, sanctions, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6)`, set.RATDueMonth, set.RATDueDay, set.ReportMonths, string(ladder), set.CreatedBy, now.UTC())
		if err != nil {
			return bina.Wrap(err, "save compliance settings")
		}
		return s.recountRats(ctx, tx) // the due dates decide the kept RAT counts
	})
}
