package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestRefreshReach checks that the reach columns follow the attended or
// completed participations and the coaching sessions of a business, and
// nothing else.
func TestRefreshReach(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		ctx := context.Background()
		a := mustCreate(t, ctx, s, newEnterprise("Keripik Ayu", "61.12.01.2001"))
		b := mustCreate(t, ctx, s, newEnterprise("Ikan Asin Bahari", "61.12.01.2001"))
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.ExecContext(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		exec(`INSERT INTO programmes (id, name, year, kind, starts_on, ends_on, created_at, updated_at) VALUES (1, 'Pelatihan', 2021, 'pelatihan', '2021-03-01', '2021-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`)
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (1, $1, 'completed', '2021-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, a.ID)
		exec(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, created_at, updated_at) VALUES (1, $1, 'absent', '2021-03-03', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, b.ID)
		exec(`INSERT INTO coaching_sessions (uuid, enterprise_id, held_on, mode, created_at, updated_at) VALUES ('u1', $1, '2024-07-15', 'visit', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, a.ID)
		must(t, sqlstore.RefreshReach(s, a.ID, b.ID, a.ID))

		for _, c := range []struct {
			id          int64
			first, last string
		}{{a.ID, "2021-03-03", "2024-07-15"}, {b.ID, "", ""}} {
			var first, last sql.NullString
			if err := db.QueryRowContext(ctx, `SELECT CAST(reached_first AS TEXT), CAST(reached_last AS TEXT) FROM enterprises WHERE id = $1`, c.id).Scan(&first, &last); err != nil {
				t.Fatal(err)
			}
			if first.String != c.first || last.String != c.last {
				t.Errorf("enterprise %d reached %q..%q, want %q..%q", c.id, first.String, last.String, c.first, c.last)
			}
		}
	})
}

// reachWorld is a store whose clock a test moves, with helpers to record
// coaching behind the services' back (the coaching service lives
// elsewhere) and to read what the store kept.
type reachWorld struct {
	t     *testing.T
	s     *sqlstore.Store
	db    *sql.DB
	now   time.Time
	nSess int
}

func newReachWorld(t *testing.T, engine string) *reachWorld {
	w := &reachWorld{t: t, now: sqlstoretest.Now}
	w.s = sqlstoretest.OpenWithClock(t, engine, bina.DefaultConfig(), func() time.Time { return w.now })
	w.db = w.s.DB()
	return w
}

// session records a coaching session with enterprise id on day and
// refreshes its reach, as the coaching service does.
func (w *reachWorld) session(id int64, day string) {
	w.t.Helper()
	w.nSess++
	_, err := w.db.Exec(`INSERT INTO coaching_sessions (uuid, enterprise_id, held_on, mode, created_at, updated_at) VALUES ($1, $2, $3, 'visit', $4, $4)`,
		fmt.Sprintf("s-%d", w.nSess), id, day, w.now)
	must(w.t, err)
	must(w.t, sqlstore.RefreshReach(w.s, id))
}

func (w *reachWorld) find(id int64) *bina.Enterprise {
	w.t.Helper()
	e, err := w.s.FindEnterprise(system, id)
	must(w.t, err)
	return e
}

// keptBinaan returns the binaan figure of enterprise_counts and of the
// facets (a list filtered by binaan and a section, which counts rows).
func (w *reachWorld) keptBinaan() (counts, facets int) {
	w.t.Helper()
	cs, err := w.s.EnterpriseCounts(system)
	must(w.t, err)
	for _, c := range cs {
		counts += c.Binaan
	}
	p, err := w.s.ListEnterprises(system, bina.EnterpriseFilter{Binaan: "ya", KBLISection: "C"})
	must(w.t, err)
	return counts, p.Total
}

// TestBinaanDerived: a coaching session makes a business binaan; the
// flag, its facets and the kept counts follow, and the flag expires
// BinaanYears after the last reach.
func TestBinaanDerived(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newReachWorld(t, engine)
			e := newEnterprise("Keripik Ayu", village1a)
			e.Binaan, e.BinaanSince = false, bina.Date{}
			e = mustCreate(t, system, w.s, e)
			if c, f := w.keptBinaan(); c != 0 || f != 0 {
				t.Fatalf("binaan before any record: counts %d, facets %d", c, f)
			}
			w.session(e.ID, "2024-07-15")
			got := w.find(e.ID)
			if !got.Binaan || got.BinaanDecided || got.BinaanSince.String() != "2024-07-15" || got.ReachedLast.String() != "2024-07-15" {
				t.Fatalf("after a session: binaan %v decided %v since %s last %s", got.Binaan, got.BinaanDecided, got.BinaanSince, got.ReachedLast)
			}
			if c, f := w.keptBinaan(); c != 1 || f != 1 {
				t.Fatalf("binaan after a session: counts %d, facets %d", c, f)
			}
			hist, err := w.s.History(system, bina.EntityEnterprise, e.ID, 0, 0)
			must(t, err)
			if len(hist) == 0 || hist[0].Field == "" || hist[0].UserName != "system" {
				t.Fatalf("history of the derived flag: %+v", hist)
			}

			// Three years on, the day after, the reach has expired.
			w.now = time.Date(2027, 7, 15, 9, 0, 0, 0, time.UTC)
			n, err := w.s.RefreshBinaan(system)
			must(t, err)
			if n != 0 || !w.find(e.ID).Binaan {
				t.Fatalf("on the last day of the window: %d changed", n)
			}
			w.now = time.Date(2027, 7, 16, 9, 0, 0, 0, time.UTC)
			n, err = w.s.RefreshBinaan(system)
			must(t, err)
			if got := w.find(e.ID); n != 1 || got.Binaan || !got.BinaanSince.IsZero() {
				t.Fatalf("after the window: %d changed, binaan %v since %s", n, got.Binaan, got.BinaanSince)
			}
			if c, f := w.keptBinaan(); c != 0 || f != 0 {
				t.Fatalf("binaan after expiry: counts %d, facets %d", c, f)
			}
			// A new session brings it back.
			w.session(e.ID, "2027-07-16")
			if got := w.find(e.ID); !got.Binaan || got.BinaanSince.String() != "2024-07-15" {
				t.Fatalf("after a new session: binaan %v since %s", got.Binaan, got.BinaanSince)
			}
		})
	}
}

// TestBinaanDecision: a staff decision needs a reason, keeps a business
// binaan whatever the records say, and is recorded; a flag that came with
// the data is such a decision ("data impor"), so it does not expire.
func TestBinaanDecision(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newReachWorld(t, engine)
			imported := mustCreate(t, system, w.s, newEnterprise("Amplang Kuala", village1a))
			if got := w.find(imported.ID); !got.Binaan || !got.BinaanDecided || got.BinaanReason != bina.BinaanReasonImport || got.BinaanSince.String() != "2022-01-10" {
				t.Fatalf("imported flag: %+v", got)
			}
			e := newEnterprise("Dodol Durian", village2)
			e.Binaan, e.BinaanSince = false, bina.Date{}
			e = mustCreate(t, system, w.s, e)

			wantCode(t, w.s.DecideBinaan(as(bina.RoleStaff, ""), e.ID, true, "  "), bina.Invalid)
			wantCode(t, w.s.DecideBinaan(as(bina.RoleViewer, ""), e.ID, true, "Peserta kurasi"), bina.Forbidden)
			must(t, w.s.DecideBinaan(as(bina.RoleStaff, ""), e.ID, true, "Peserta kurasi provinsi"))
			got := w.find(e.ID)
			if !got.Binaan || !got.BinaanDecided || got.BinaanReason != "Peserta kurasi provinsi" || got.BinaanSince.String() != "2026-11-28" {
				t.Fatalf("decided: %+v", got)
			}
			hist, err := w.s.History(system, bina.EntityEnterprise, e.ID, 0, 0)
			must(t, err)
			fields := map[string]string{}
			for _, h := range hist {
				fields[h.Field] = h.UserName
			}
			if fields["binaan"] != "staff-user" || fields["binaan_decision"] != "staff-user" {
				t.Fatalf("history %v", fields)
			}

			w.now = time.Date(2031, 1, 1, 9, 0, 0, 0, time.UTC)
			n, err := w.s.RefreshBinaan(system)
			must(t, err)
			if n != 0 || !w.find(imported.ID).Binaan || !w.find(e.ID).Binaan {
				t.Fatalf("decisions expired: %d changed", n)
			}
			must(t, w.s.DecideBinaan(as(bina.RoleStaff, ""), e.ID, false, ""))
			if got := w.find(e.ID); got.Binaan || got.BinaanDecided {
				t.Fatalf("withdrawn: %+v", got)
			}
		})
	}
}

// TestReachCountsFollowWrites: after creates, sessions, an archive, a
// restore and a move to another desa, the kept reach counts equal a count
// of the register, and the figures of Reach equal the lists behind them.
func TestReachCountsFollowWrites(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newReachWorld(t, engine)
			var ids []int64
			for i, v := range []bina.RegionCode{village1a, village1a, village1b, village2, village2} {
				ids = append(ids, mustCreate(t, system, w.s, newEnterprise(fmt.Sprintf("Usaha %d", i), v)).ID)
			}
			w.session(ids[0], "2019-05-01")
			w.session(ids[1], "2025-02-03")
			w.session(ids[3], "2023-08-09")
			w.session(ids[3], "2026-01-09")
			must(t, w.s.ArchiveEnterprise(system, ids[2], "Tutup"))
			must(t, w.s.ArchiveEnterprise(system, ids[3], "Data ganda"))
			must(t, w.s.RestoreEnterprise(system, ids[3]))
			moved := w.find(ids[1])
			moved.VillageCode = village2
			must(t, w.s.UpdateEnterprise(system, moved))
			w.checkCounts()

			rep, err := w.s.Reach(system, "61.12", 0)
			must(t, err)
			want := coaching.ReachRow{RegionCode: "61.12", Enterprises: 4, Reached: 3, NeverReached: 1}
			if rep.Total.Enterprises != want.Enterprises || rep.Total.Reached != want.Reached || rep.Total.NeverReached != want.NeverReached || rep.Total.RegionName == "" {
				t.Fatalf("total %+v, want %+v", rep.Total, want)
			}
			byCode := map[bina.RegionCode]coaching.ReachRow{}
			for _, r := range rep.Items {
				byCode[r.RegionCode] = r
			}
			if r := byCode["61.12.02"]; r.Enterprises != 3 || r.Reached != 2 || r.NeverReached != 1 {
				t.Fatalf("kecamatan 61.12.02: %+v", r)
			}
			since, err := w.s.Reach(system, "61.12.02", 2025)
			must(t, err)
			if since.Total.Reached != 2 || since.Total.Enterprises != 3 {
				t.Fatalf("since 2025: %+v", since.Total)
			}
			for _, c := range []struct {
				region           bina.RegionCode
				reached, section string
				want             int
			}{{"", "ever", "", 3}, {"", "never", "", 1}, {"", "since:2025", "", 2}, {"", "since:2026", "", 1}, {"61.12.01", "ever", "", 1}, {"61.12.02", "never", "", 1},
				{"", "ever", "C", 3}, {"61.12.02", "since:2025", "C", 2}, {"", "never", "G", 0}} {
				p, err := w.s.ListEnterprises(system, bina.EnterpriseFilter{Region: c.region, Reached: c.reached, KBLISection: c.section})
				must(t, err)
				if p.Total != c.want || len(p.Items) != c.want {
					t.Errorf("list %s %s %s: %d (%d items), want %d", c.region, c.reached, c.section, p.Total, len(p.Items), c.want)
				}
			}
			_, err = w.s.ListEnterprises(system, bina.EnterpriseFilter{Reached: "kemarin"})
			wantCode(t, err, bina.Invalid)
			_, err = w.s.Reach(as(bina.RoleOfficer, "61.12.01"), "61.12.02", 0)
			wantCode(t, err, bina.NotFound)
			off, err := w.s.Reach(as(bina.RoleOfficer, "61.12.01"), "61.12", 0)
			must(t, err)
			if off.Region != "61.12.01" || off.Total.Enterprises != 1 {
				t.Fatalf("officer's reach: %+v", off)
			}
		})
	}
}

// checkCounts compares reach_counts with a count of the live register.
func (w *reachWorld) checkCounts() {
	w.t.Helper()
	read := func(q string) map[string]int {
		rows, err := w.db.Query(q)
		must(w.t, err)
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var v, last string
			var n int
			must(w.t, rows.Scan(&v, &last, &n))
			if n != 0 {
				out[v+"/"+last] = n
			}
		}
		must(w.t, rows.Err())
		return out
	}
	kept := read(`SELECT village_code, CAST(last_year AS TEXT), CAST(total AS INTEGER) FROM reach_counts`)
	counted := read(`SELECT village_code, COALESCE(substr(CAST(reached_last AS TEXT), 1, 4), '0'), CAST(count(*) AS INTEGER) FROM enterprises WHERE archived_at IS NULL GROUP BY 1, 2`)
	if fmt.Sprint(kept) != fmt.Sprint(counted) {
		w.t.Fatalf("reach_counts %v, register %v", kept, counted)
	}
}

// TestReachCountsBulk: a bulk load keeps reach_counts like the other
// writes, every new business never reached, and its flags of binaan are
// staff decisions that came with the data.
func TestReachCountsBulk(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newReachWorld(t, engine)
			ents := genEnterprises(sqlstoreRef(t), 3, 0, 60)
			binaan := 0
			for _, e := range ents {
				if e.Binaan {
					binaan++
				}
			}
			must(t, w.s.BulkLoad(system, ents, nil))
			w.checkCounts()
			rep, err := w.s.Reach(system, "", 0)
			must(t, err)
			if rep.Total.Enterprises != 60 || rep.Total.NeverReached != 60 {
				t.Fatalf("after a bulk load: %+v", rep.Total)
			}
			var decided int
			must(t, w.db.QueryRow(`SELECT count(*) FROM enterprises WHERE binaan_decided = TRUE AND binaan_reason = 'data impor'`).Scan(&decided))
			if decided != binaan {
				t.Fatalf("%d imported flags kept as decisions, want %d", decided, binaan)
			}
		})
	}
}
