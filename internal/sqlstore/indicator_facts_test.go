package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/coaching"
	"bina/imports"
	"bina/indicator"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// registerRow is what the figures of one enterprise are made of, read
// straight from the register.
type registerRow struct {
	village, district, size, section, gender string
	disabled, binaan, digital                bool
	nik, verification                        string
	created, closed, reached                 int
	paidM, paidF, unpaidM, unpaidF           int64
}

func readRegister(t *testing.T, db *sql.DB) []registerRow {
	t.Helper()
	rows, err := db.Query(`SELECT e.village_code, e.district_code, e.size_computed, e.kbli_section, o.gender, o.disability, e.binaan, e.digital,
	o.nik, e.verification, e.created_at, e.archived_at, e.reached_last, e.workers_paid_male, e.workers_paid_female, e.workers_unpaid_male, e.workers_unpaid_female
FROM enterprises e JOIN persons o ON o.id = e.owner_id`)
	must(t, err)
	defer rows.Close()
	loc := bina.ZoneOf("61.12").Location()
	var out []registerRow
	for rows.Next() {
		var r registerRow
		var digital int
		var created time.Time
		var archived sql.NullTime
		var reached bina.Date
		must(t, rows.Scan(&r.village, &r.district, &r.size, &r.section, &r.gender, &r.disabled, &r.binaan, &digital,
			&r.nik, &r.verification, &created, &archived, &reached, &r.paidM, &r.paidF, &r.unpaidM, &r.unpaidF))
		r.digital, r.created = digital != 0, created.In(loc).Year()
		if !reached.IsZero() {
			r.reached = reached.Year()
		}
		if archived.Valid {
			r.closed = archived.Time.In(loc).Year()
		}
		out = append(out, r)
	}
	must(t, rows.Err())
	return out
}

// registerFigure counts code over rows directly, per key of by, as
// indicator values.
func registerFigure(rows []registerRow, code string, year int, current bool, region bina.RegionCode, by string) map[string]float64 {
	type tl struct{ n, part int64 }
	groups := map[string]tl{}
	for _, r := range rows {
		if !region.Contains(bina.RegionCode(r.village)) {
			continue
		}
		switch code {
		case "umkm_new":
			if r.created != year || r.closed != 0 && r.closed <= year {
				continue
			}
		case "umkm_closed":
			if r.closed != year {
				continue
			}
		case "umkm_reached", "umkm_never_reached":
			// Records live now, by their last reach.
			if r.closed != 0 || code == "umkm_reached" && (r.reached == 0 || r.reached < year) || code == "umkm_never_reached" && r.reached != 0 {
				continue
			}
		default:
			if current && r.closed != 0 || !current && (r.created > year || r.closed != 0 && r.closed <= year) {
				continue
			}
		}
		var n, part int64 = 1, 0
		switch code {
		case "umkm_verified":
			n = b2i(r.verification == "terverifikasi")
		case "umkm_binaan":
			n = b2i(r.binaan)
		case "umkm_women_owned_share":
			part = b2i(r.gender == "P")
		case "umkm_digital_share":
			part = b2i(r.digital)
		case "dq_kbli_coverage":
			part = b2i(r.section != "")
		case "dq_nik_valid_share":
			_, ok := bina.CheckNIK(r.nik, sqlstoretest.Now)
			part = b2i(ok && r.nik != "")
		case "umkm_workers_paid":
			n = r.paidM + r.paidF
		case "umkm_workers_unpaid":
			n = r.unpaidM + r.unpaidF
		}
		keys := map[string]int64{"": n}
		switch by {
		case "region":
			keys = map[string]int64{r.district: n}
			if region.Level() >= bina.LevelDistrict {
				keys = map[string]int64{r.village: n}
			}
		case "size":
			keys = map[string]int64{r.size: n}
		case "kbli_section":
			keys = map[string]int64{r.section: n}
		case "disability":
			keys = map[string]int64{map[bool]string{true: "ya", false: "tidak"}[r.disabled]: n}
		case "gender":
			keys = map[string]int64{r.gender: n}
			switch code {
			case "umkm_workers_paid":
				keys = map[string]int64{"L": r.paidM, "P": r.paidF}
			case "umkm_workers_unpaid":
				keys = map[string]int64{"L": r.unpaidM, "P": r.unpaidF}
			}
		}
		for k, v := range keys {
			if k == "" && by != "" {
				k = "-"
			}
			g := groups[k]
			g.n += v
			g.part += part
			groups[k] = g
		}
	}
	out := map[string]float64{}
	for k, g := range groups {
		v := float64(g.n)
		if code == "umkm_women_owned_share" || code == "umkm_digital_share" || code == "dq_kbli_coverage" || code == "dq_nik_valid_share" {
			v = 0
			if g.n > 0 {
				v = float64(g.part*1000/g.n) / 10
			}
		}
		out[k] = v
	}
	return out
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// checkFacts compares every figure the facts answer, whole and per key of
// each breakdown, for the deployment and a kecamatan, this year and a
// past one, with the register counted directly.
func checkFacts(t *testing.T, ctx context.Context, s *sqlstore.Store, db *sql.DB, step string) {
	t.Helper()
	rows := readRegister(t, db)
	checkFigures(t, ctx, s, step, []string{"umkm_registered", "umkm_verified", "umkm_binaan", "umkm_women_owned_share", "umkm_new", "umkm_closed",
		"umkm_workers_paid", "umkm_workers_unpaid", "umkm_digital_share", "dq_kbli_coverage", "dq_nik_valid_share", "umkm_reached", "umkm_never_reached"},
		2024, func(code string, year int, region bina.RegionCode, by string) map[string]float64 {
			return registerFigure(rows, code, year, year == 2026, region, by)
		})
}

// checkFigures compares the figures of codes, whole and by each breakdown
// but the year, for the regency and a kecamatan, this year and past (for
// those with History), with those want counts.
func checkFigures(t *testing.T, ctx context.Context, s *sqlstore.Store, step string, codes []string, past int,
	want func(code string, year int, region bina.RegionCode, by string) map[string]float64) {
	t.Helper()
	for _, code := range codes {
		ind, _ := indicator.ByCode(code)
		for _, region := range []bina.RegionCode{"61.12", "61.12.01"} {
			for _, year := range []int{2026, past} {
				if year != 2026 && !ind.History {
					continue
				}
				for _, by := range append([]string{""}, ind.Breakdowns...) {
					if by == "year" {
						continue
					}
					items, err := s.IndicatorBreakdown(ctx, code, indicator.Query{Year: year, Region: region}, by)
					must(t, err)
					w := want(code, year, region, by)
					for _, it := range items {
						if it.Value != w[it.Key] {
							t.Errorf("%s: %s %d in %s by %q key %q = %v, the register says %v", step, code, year, region, by, it.Key, it.Value, w[it.Key])
						}
						delete(w, it.Key)
					}
					for k, v := range w {
						if v != 0 {
							t.Errorf("%s: %s %d in %s by %q: key %q missing (%v)", step, code, year, region, by, k, v)
						}
					}
				}
			}
		}
	}
}

// TestEnterpriseFactsMatchTheRegister: after a bulk load, creates, edits
// that move desa, size and owner, archives, restores, an import and review
// decisions, every figure read from the kept summary equals a count of
// the register itself.
func TestEnterpriseFactsMatchTheRegister(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleStaff, "")
		ref := sqlstoreRef(t)
		must(t, s.BulkLoad(system, genEnterprises(ref, 21, 0, 150), nil))
		checkFacts(t, ctx, s, db, "bulk load")

		a := mustCreate(t, ctx, s, newEnterprise("Amplang Kuala", village1a))
		b := mustCreate(t, ctx, s, newEnterprise("Tenun Ikat", village1b))
		c := mustCreate(t, ctx, s, newEnterprise("Kopi Liberika", village2))
		// Moved to another kecamatan, grown to a small business, owned by
		// a man with a disability and a NIK that is not one, no KBLI.
		a.VillageCode, a.Capital, a.Sales = village2, 900_000_000, []bina.AnnualSales{{Year: 2025, Amount: 4_000_000_000}}
		a.Owner.Gender, a.Owner.Disability, a.Owner.NIK = "L", true, ""
		a.KBLI, a.Digital, a.Verification = nil, bina.Digital{}, "terverifikasi"
		a.WorkersPaidMale, a.WorkersUnpaidFemale = 7, 3
		must(t, s.UpdateEnterprise(ctx, &a))
		must(t, s.ArchiveEnterprise(ctx, b.ID, "tutup"))
		must(t, s.ArchiveEnterprise(ctx, c.ID, "pindah"))
		must(t, s.RestoreEnterprise(ctx, c.ID))
		// Reached: a coaching session this year.
		x := session(uuidA, c.ID)
		_, err := s.RecordCoachingSession(ctx, &x)
		must(t, err)
		checkFacts(t, ctx, s, db, "edits")

		// An import: one new row, and review decisions (a merge, a kept
		// new record whose decision is then undone: archived).
		_, items, im := reviewSetup(t, ctx, s)
		im.write(ctx, importCells("Dodol Durian Baru", "Yanti", "", "", village1b, "5.000.000"))
		im.finish(ctx)
		must(t, s.ResolveReview(ctx, items[0].ID, imports.Resolution{Action: "merge", Fields: []string{"village_code", "capital"}}))
		must(t, s.ResolveReview(ctx, items[1].ID, imports.Resolution{Action: "keep"}))
		must(t, s.UndoReview(ctx, items[1].ID))
		checkFacts(t, ctx, s, db, "import")

		// Counted again from the register, as after migration 0025.
		for _, q := range []string{`DELETE FROM enterprise_facts`, `UPDATE summary_versions SET version = ''`} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		must(t, s.Migrate(context.Background()))
		checkFacts(t, ctx, s, db, "rebuilt")
	})
}

// TestIndicatorShowsAnEditAtOnce: the figure read right after a write
// holds it, since the summary changes in the write's transaction.
func TestIndicatorShowsAnEditAtOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		value := func(code string) float64 {
			vs, err := s.IndicatorBreakdown(ctx, code, indicator.Query{}, "")
			must(t, err)
			return vs[0].Value
		}
		e := mustCreate(t, ctx, s, newEnterprise("Keripik Nanas", village1a))
		if n := value("umkm_workers_paid"); n != 3 {
			t.Fatalf("paid workers %v, want 3", n)
		}
		e.WorkersPaidFemale = 10
		e.Owner.Disability = true
		if err := s.UpdateEnterprise(ctx, &e); err != nil {
			var be *bina.Error
			errors.As(err, &be)
			t.Fatalf("%v %+v", err, be.Fields)
		}
		if n := value("umkm_workers_paid"); n != 11 {
			t.Errorf("paid workers after the edit %v, want 11", n)
		}
		items, err := s.IndicatorBreakdown(ctx, "umkm_registered", indicator.Query{}, "disability")
		must(t, err)
		if items[0].Key != "ya" || items[0].Value != 1 {
			t.Errorf("by disability %+v", items)
		}
		must(t, s.ArchiveEnterprise(ctx, e.ID, "tutup"))
		if n, closed := value("umkm_registered"), value("umkm_closed"); n != 0 || closed != 1 {
			t.Errorf("after the archive: registered %v, closed %v", n, closed)
		}
		if n := value("umkm_new"); n != 0 {
			t.Errorf("new %v, want 0 (archived in its year)", n)
		}
	})
}

// TestNewAndClosedMatchTheirLists: umkm_new of the current year and
// umkm_closed of any year equal the totals of the UMKM lists their URLs
// name (created in the year; archived in the year), for the deployment, a kecamatan and a desa,
// whether the total is read from the kept facts or counted (a size
// filter besides).
func TestNewAndClosedMatchTheirLists(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ents := genEnterprises(sqlstoreRef(t), 5, 0, 300)
		now := sqlstoretest.Now
		for i := range ents {
			if i%5 == 1 {
				ents[i].CreatedAt = now.Add(-time.Duration(i) * 24 * time.Hour)
			}
			if i%7 == 0 {
				at := ents[i].CreatedAt.AddDate(0, 5, 0)
				if at.After(now) {
					at = now.Add(-time.Hour)
				}
				ents[i].ArchivedAt, ents[i].ArchiveReason = &at, "tutup"
			}
		}
		must(t, s.BulkLoad(system, ents, nil))
		ctx := as(bina.RoleAdmin, "61.12")
		list := func(f bina.EnterpriseFilter) float64 {
			page, err := s.ListEnterprises(ctx, f)
			must(t, err)
			return float64(page.Total)
		}
		seen := 0.0
		for _, region := range []bina.RegionCode{"", "61.12.01", village1a} {
			for year := 2022; year <= 2026; year++ {
				q := indicator.Query{Year: year, Region: region}
				lists := map[string]bina.EnterpriseFilter{"umkm_closed": {Region: region, Archived: true, ArchivedYear: year}}
				// A past year's new records are counted as they stood at
				// its end, archived since or not: the register at that
				// year's end (AtYearEnd), as the figure's link says.
				lists["umkm_new"] = bina.EnterpriseFilter{Region: region, CreatedYear: year, AtYearEnd: year}
				for code, f := range lists {
					vs, err := s.IndicatorBreakdown(ctx, code, q, "")
					must(t, err)
					if got := list(f); vs[0].Value != got {
						t.Errorf("%s %d in %q = %v, list total %v", code, year, region, vs[0].Value, got)
					}
					seen += vs[0].Value
					bySize, err := s.IndicatorBreakdown(ctx, code, q, "size")
					must(t, err)
					for _, it := range bySize {
						f.Size = it.Key
						if it.Key != "-" && list(f) != it.Value {
							t.Errorf("%s %d in %q size %s = %v, list total %v", code, year, region, it.Key, it.Value, list(f))
						}
					}
				}
				if year == 2025 && region == "" {
					v, _ := s.IndicatorBreakdown(ctx, "umkm_new", q, "")
					if want := "/umkm?tahun_daftar=2025&akhir_tahun=2025"; v[0].URL != want {
						t.Errorf("url %q, want %q", v[0].URL, want)
					}
				}
			}
		}
		if seen == 0 {
			t.Error("no record new or closed in any year")
		}
		wantCode(t, func() error {
			_, err := s.ListEnterprises(ctx, bina.EnterpriseFilter{ArchivedYear: 2024})
			return err
		}(), bina.Invalid)
	})
}

// pembinaanFigure counts a certificate or financing figure straight from
// the register, per key of by.
func pembinaanFigure(t *testing.T, db *sql.DB, code string, year int, region bina.RegionCode, by string) map[string]float64 {
	t.Helper()
	type row struct {
		village, kind, status string
		issued, expires       bina.Date
		amount                int64
	}
	var rows []row
	q := `SELECT e.village_code, c.kind, c.status, c.issued_on, c.expires_on, 0 FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id WHERE e.archived_at IS NULL`
	if strings.HasPrefix(code, "umkm_financing") {
		q = `SELECT e.village_code, '', '', m.date, m.date, m.amount FROM milestones m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.archived_at IS NULL AND m.kind = 'financing_obtained'`
	}
	rs, err := db.Query(q)
	must(t, err)
	for rs.Next() {
		var r row
		must(t, rs.Scan(&r.village, &r.kind, &r.status, &r.issued, &r.expires, &r.amount))
		rows = append(rows, r)
	}
	must(t, rs.Err())
	rs.Close()
	today := bina.DateFromTime(sqlstoretest.Now)
	out := map[string]float64{}
	for _, r := range rows {
		if !region.Contains(bina.RegionCode(r.village)) {
			continue
		}
		v := 1.0
		switch code {
		case "umkm_cert_held":
			if !r.expires.IsZero() && r.expires.Before(today) || r.kind == coaching.CertMerek && r.status != "terdaftar" {
				continue
			}
		case "umkm_cert_obtained", "umkm_financing_count":
			if r.issued.IsZero() || r.issued.Year() != year {
				continue
			}
		case "umkm_financing_amount":
			if r.issued.Year() != year {
				continue
			}
			v = float64(r.amount)
		}
		key := ""
		switch by {
		case "region":
			key = string(bina.RegionCode(r.village).Truncate(region.Level() + 1))
		case "cert_kind":
			key = r.kind
		}
		out[key] += v
	}
	return out
}

// TestPembinaanFactsMatchTheRegister: after certificates are recorded,
// changed and removed, financing obtained, and their businesses moved,
// archived and restored, every certificate and financing figure read from
// the kept summary equals a count of the register's rows.
func TestPembinaanFactsMatchTheRegister(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := as(bina.RoleStaff, "")
		check := func(step string) {
			t.Helper()
			checkFigures(t, ctx, s, step, []string{"umkm_cert_held", "umkm_cert_obtained", "umkm_financing_count", "umkm_financing_amount"}, 2025,
				func(code string, year int, region bina.RegionCode, by string) map[string]float64 {
					return pembinaanFigure(t, db, code, year, region, by)
				})
		}
		a := mustCreate(t, ctx, s, newEnterprise("Keripik Nanas", village1a))
		b := mustCreate(t, ctx, s, newEnterprise("Dodol Durian", village1b))
		c := mustCreate(t, ctx, s, newEnterprise("Kopi Liberika", village2))
		certs := []coaching.Certificate{
			newCertificate(a.ID, coaching.CertPIRT, "215327601028126", bina.DateOf(2021, 12, 20), bina.DateOf(2026, 12, 20)), // expires this year, after today
			newCertificate(a.ID, coaching.CertNIB, "0289010302776", bina.DateOf(2026, 3, 1), bina.Date{}),
			newCertificate(b.ID, coaching.CertBPOM, "MD224510107115", bina.DateOf(2025, 1, 10), bina.DateOf(2026, 11, 1)), // expired
			newCertificate(b.ID, coaching.CertMerek, "IDM001235320", bina.DateOf(2025, 1, 10), bina.Date{}),
			newCertificate(c.ID, coaching.CertSNI, "SNI 3553:2015/001", bina.DateOf(2026, 1, 10), bina.DateOf(2029, 9, 1)),
		}
		for i := range certs {
			must(t, s.CreateCertificate(ctx, &certs[i]))
		}
		for i, x := range []struct {
			e      int64
			date   bina.Date
			amount int64
		}{{a.ID, bina.DateOf(2026, 4, 1), 50_000_000}, {b.ID, bina.DateOf(2025, 6, 1), 20_000_000}, {c.ID, bina.DateOf(2026, 2, 1), 100_000_000}} {
			m := coaching.Milestone{UUID: "00000000-0000-4000-8000-00000000001" + strconv.Itoa(i), EnterpriseID: x.e, Kind: coaching.MilestoneFinancing,
				Date: x.date, FinancingSource: "kur", Amount: x.amount}
			_, err := s.RecordMilestone(ctx, &m)
			must(t, err)
		}
		check("recorded")

		certs[3].IssuedOn = bina.DateOf(2026, 2, 1) // obtained in another year
		must(t, s.UpdateCertificate(ctx, &certs[3]))
		certs[4].ExpiresOn = bina.DateOf(2026, 11, 20) // expired: no longer held
		must(t, s.UpdateCertificate(ctx, &certs[4]))
		certs[1].Kind, certs[1].Number = coaching.CertBPOM, "MD224510107999"
		must(t, s.UpdateCertificate(ctx, &certs[1]))
		a.VillageCode = village2 // moves with its certificates and financing
		must(t, s.UpdateEnterprise(ctx, &a))
		must(t, s.ArchiveEnterprise(ctx, b.ID, "tutup"))
		must(t, s.ArchiveEnterprise(ctx, c.ID, "pindah"))
		must(t, s.RestoreEnterprise(ctx, c.ID))
		check("changed")

		for _, q := range []string{`DELETE FROM pembinaan_facts`, `UPDATE summary_versions SET version = ''`} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		must(t, s.Migrate(context.Background()))
		check("rebuilt")
	})
}
