package sqlstore_test

import (
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

func newCooperative(name string, village bina.RegionCode) bina.Cooperative {
	return bina.Cooperative{
		Name:               name,
		RegistrationNumber: "6112010000000123",
		LegalNumber:        "518.08/96/BH/XIV.10/VIII/2008",
		LegalDate:          bina.DateOf(2008, 8, 12),
		Amendments:         []bina.Amendment{{Number: "AHU-0001.AH.01.29.TAHUN 2021", Date: bina.DateOf(2021, 5, 3), Note: "perubahan nama"}},
		NPWP:               "012345678901234",
		Jenis:              "serba_usaha",
		KBLI:               bina.KBLICode{Code: "47111"},
		Address:            "Jl. Desa No. 3",
		VillageCode:        village,
		MembersFemale:      40, MembersMale: 35,
		Officers: []bina.Officer{
			{Name: "Gusti Hendra", Role: "ketua", Gender: "L", Phone: "081345678901", TermStart: bina.DateOf(2024, 1, 1), TermEnd: bina.DateOf(2028, 12, 31)},
			{Name: "Utin Sari", Role: "bendahara", Gender: "P"},
		},
		Units: []bina.BusinessUnit{{Name: "Gerai Sembako", Kind: "gerai sembako"}},
	}
}

func TestCooperativeLifecycle(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := as(bina.RoleStaff, "")
		c := newCooperative("Koperasi Serba Usaha Maju Bersama", village1a)
		must(t, s.CreateCooperative(ctx, &c))
		if c.ID == 0 || c.Version != 1 || c.Kelompok != "umum" || c.Active {
			t.Fatalf("after create: %+v", c)
		}
		got, err := s.FindCooperative(ctx, c.ID)
		must(t, err)
		if !reflect.DeepEqual(*got, c) {
			t.Errorf("find returned\n%+v\nwant\n%+v", *got, c)
		}

		x := c
		x.Name = "KSU Maju Bersama"
		x.Officers = append(slices.Clone(x.Officers), bina.Officer{Name: "Rudi", Role: "pengawas"})
		x.Units = nil
		x.KDMP = true
		must(t, s.UpdateCooperative(ctx, &x))
		if x.Version != 2 {
			t.Errorf("version %d after update", x.Version)
		}
		stale := c
		stale.Notes = "stale"
		wantCode(t, s.UpdateCooperative(ctx, &stale), bina.Conflict)

		hist, err := s.History(ctx, bina.EntityCooperative, c.ID, 0, 0)
		must(t, err)
		changed := map[string]bina.Change{}
		for _, h := range hist {
			if h.Action == "update" {
				changed[h.Field] = h
			}
		}
		if len(changed) != 4 {
			t.Errorf("changed fields %v, want name, officers, units, kdmp", changed)
		}
		if h := changed["units"]; h.Before != "Gerai Sembako (gerai sembako)" || h.After != "" {
			t.Errorf("units change %+v", h)
		}
		if h := changed["officers"]; h.After != "ketua: Gusti Hendra [L] 081345678901 2024-01-01..2028-12-31; bendahara: Utin Sari [P]  ..; pengawas: Rudi []  .." {
			t.Errorf("officers change %q", h.After)
		}

		wantCode(t, s.ArchiveCooperative(ctx, c.ID, ""), bina.Invalid)
		must(t, s.ArchiveCooperative(ctx, c.ID, "dibubarkan"))
		wantCode(t, s.ArchiveCooperative(ctx, c.ID, "dibubarkan"), bina.Conflict)
		p, err := s.ListCooperatives(ctx, bina.CooperativeFilter{})
		must(t, err)
		if p.Total != 0 {
			t.Errorf("archived cooperative listed")
		}
		must(t, s.RestoreCooperative(ctx, c.ID))
		wantCode(t, s.RestoreCooperative(ctx, c.ID), bina.Conflict)
		got, err = s.FindCooperative(ctx, c.ID)
		must(t, err)
		if got.Version != 4 || got.ArchivedAt != nil {
			t.Errorf("after restore: v%d %v", got.Version, got.ArchivedAt)
		}
		_, err = s.FindCooperative(ctx, 9999)
		wantCode(t, err, bina.NotFound)
	})
}

func TestCooperativeInvalidSavesNothing(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		tables := []string{"cooperatives", "cooperative_amendments", "cooperative_officers", "cooperative_units", "rats", "history"}
		before := countRows(t, db, tables...)
		c := newCooperative("Koperasi", village1a)
		c.Kelompok = "tidak_ada"
		c.Officers = append(c.Officers, bina.Officer{Name: "X", Role: "raja"})
		err := s.CreateCooperative(system, &c)
		wantCode(t, err, bina.Invalid)
		fields := map[string]bool{}
		for _, f := range bina.ErrorFields(err) {
			fields[f.Field] = true
		}
		if !fields["kelompok"] || !fields["officers"] {
			t.Errorf("fields %v", bina.ErrorFields(err))
		}
		wantCode(t, s.SaveRAT(system, 12345, bina.RAT{BookYear: 2025}), bina.NotFound)
		if after := countRows(t, db, tables...); !reflect.DeepEqual(before, after) {
			t.Errorf("rows changed: %v → %v", before, after)
		}
	})
}

func TestSaveRATAndActiveRule(t *testing.T) {
	// At Now (28 November 2026) the RAT for book year 2025 was due by
	// 30 June 2026: with no tolerance, active means a held RAT for 2025;
	// with a tolerance of one year, 2024 is enough.
	for _, tc := range []struct {
		tolerance int
		activeIf  int
	}{{0, 2025}, {1, 2024}} {
		for _, engine := range sqlstoretest.Engines() {
			t.Run(fmt.Sprintf("%s/tolerance-%d", engine, tc.tolerance), func(t *testing.T) {
				cfg := bina.DefaultConfig()
				cfg.RATTolerance = tc.tolerance
				s := sqlstoretest.OpenWith(t, engine, cfg)
				c := newCooperative("KSP Credit Union Khatulistiwa", village1a)
				must(t, s.CreateCooperative(system, &c))

				wantCode(t, s.SaveRAT(system, c.ID, bina.RAT{BookYear: 2024, HeldOn: bina.DateOf(2024, 3, 1)}), bina.Invalid)
				must(t, s.SaveRAT(system, c.ID, bina.RAT{BookYear: 2024, HeldOn: bina.DateOf(2025, 3, 1), MembersMale: 30, SHU: 5_000_000}))
				got, err := s.FindCooperative(system, c.ID)
				must(t, err)
				if got.LastRATYear != 2024 || got.Active != (2024 >= tc.activeIf) || got.Version != 2 {
					t.Errorf("after RAT 2024: last %d active %v v%d", got.LastRATYear, got.Active, got.Version)
				}
				// A planned RAT (not held) does not count.
				must(t, s.SaveRAT(system, c.ID, bina.RAT{BookYear: 2025}))
				must(t, s.SaveRAT(system, c.ID, bina.RAT{BookYear: 2024, HeldOn: bina.DateOf(2025, 3, 1), MembersMale: 31, SHU: 5_000_000}))
				got, err = s.FindCooperative(system, c.ID)
				must(t, err)
				if got.LastRATYear != 2024 || len(got.RATs) != 2 || got.RATs[0].BookYear != 2025 || got.RATs[1].MembersMale != 31 {
					t.Errorf("RATs %+v last %d", got.RATs, got.LastRATYear)
				}

				active, err := s.ListCooperatives(system, bina.CooperativeFilter{Active: "ya"})
				must(t, err)
				inactive, err := s.ListCooperatives(system, bina.CooperativeFilter{Active: "tidak"})
				must(t, err)
				wantActive := 2024 >= tc.activeIf
				if (active.Total == 1) != wantActive || (inactive.Total == 1) == wantActive {
					t.Errorf("active list %d, inactive list %d, want active %v", active.Total, inactive.Total, wantActive)
				}
				if inactive.Total == 1 && (inactive.Items[0].Active || inactive.Items[0].LastRATYear != 2024) {
					t.Errorf("list item %+v", inactive.Items[0])
				}

				must(t, s.SaveRAT(system, c.ID, bina.RAT{BookYear: 2025, HeldOn: bina.DateOf(2026, 4, 20)}))
				counts, err := s.CooperativeCounts(system)
				must(t, err)
				if len(counts) != 1 || counts[0] != (bina.CooperativeCount{District: "61.12.01", Total: 1, Active: 1}) {
					t.Errorf("counts %+v", counts)
				}
				hist, err := s.History(system, bina.EntityCooperative, c.ID, 0, 0)
				must(t, err)
				var rat []string
				for _, h := range hist {
					if h.Action == "rat" {
						rat = append(rat, h.Field+"="+h.Before+"→"+h.After)
					}
				}
				// Newest first; the fields of one change come last-written first.
				want := []string{"rat.2025.held_on=→2026-04-20", "rat.2024.members_male=30→31", "rat.2025=→",
					"rat.2024.shu=→5000000", "rat.2024.members_male=→30", "rat.2024.held_on=→2025-03-01"}
				if !reflect.DeepEqual(rat, want) {
					t.Errorf("RAT history %q, want %q", rat, want)
				}
			})
		}
	}
}

func TestListCooperatives(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ref := sqlstoretest.Reference(t, bina.DefaultConfig())
		coops := genCooperatives(ref, 5, 0, 40)
		coops[3].Name = "Koperasi Nelayan Kuala Dua"
		coops[3].NIB = "1112223334445"
		must(t, s.BulkLoad(system, nil, coops))
		since := bina.ActiveSinceBookYear(sqlstoretest.Now, 0)
		for _, f := range []bina.CooperativeFilter{
			{}, {Jenis: "simpan_pinjam"}, {KDMP: "ya"}, {KDMP: "tidak"}, {Active: "ya"}, {Active: "tidak"},
			{Region: "61.12.02"}, {Query: "nelayan kua"}, {Query: "1112223334445"}, {Query: coops[5].LegalNumber},
			{Kelompok: "kud"}, {Verification: "belum", Active: "ya"},
		} {
			var want []int64
			for _, c := range coops {
				active := c.LastRATYear >= since && c.LastRATYear > 0
				ok := f.Region.Contains(c.VillageCode) &&
					(f.Jenis == "" || c.Jenis == f.Jenis) &&
					(f.KDMP == "" || c.KDMP == (f.KDMP == "ya")) &&
					(f.Active == "" || active == (f.Active == "ya")) &&
					(f.Kelompok == "" || c.Kelompok == f.Kelompok) &&
					(f.Verification == "" || c.Verification == f.Verification) &&
					(f.Query == "" || matchesWords(append(words(c.Name), imports.SearchVariants(words(c.Name))...), words(f.Query)) || c.NIB == f.Query || c.RegistrationNumber == f.Query || c.LegalNumber == f.Query)
				if ok {
					want = append(want, c.ID)
				}
			}
			slices.Sort(want)
			slices.Reverse(want)
			var got []int64
			f.Sort, f.Limit = "-id", 4
			var total int
			for {
				p, err := s.ListCooperatives(system, f)
				must(t, err)
				total = p.Total
				for _, c := range p.Items {
					got = append(got, c.ID)
					if c.Active != (c.LastRATYear >= since) || len(c.RATs) != 0 {
						t.Errorf("item %d: active %v last %d rats %d", c.ID, c.Active, c.LastRATYear, len(c.RATs))
					}
				}
				if p.Next == "" {
					break
				}
				f.Cursor = p.Next
			}
			if total != len(want) || !slices.Equal(got, want) {
				t.Errorf("%+v: got %v (total %d), want %v", f, got, total, want)
			}
		}
		// Going back by name.
		first, err := s.ListCooperatives(system, bina.CooperativeFilter{Limit: 5})
		must(t, err)
		second, err := s.ListCooperatives(system, bina.CooperativeFilter{Limit: 5, Cursor: first.Next})
		must(t, err)
		back, err := s.ListCooperatives(system, bina.CooperativeFilter{Limit: 5, Cursor: second.Prev})
		must(t, err)
		if len(back.Items) != 5 || back.Items[0].ID != first.Items[0].ID || back.Prev != "" {
			t.Errorf("back from the second page: %v", back.Items)
		}
		_, err = s.ListCooperatives(system, bina.CooperativeFilter{Active: "kadang"})
		wantCode(t, err, bina.Invalid)
		_, err = s.ListCooperatives(system, bina.CooperativeFilter{Jenis: "bank"})
		wantCode(t, err, bina.Invalid)
	})
}

func TestCooperativeScopeAndMasking(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		mine := newCooperative("KUD Sungai Raya", village1a)
		theirs := newCooperative("KUD Kuala Mandor", village2)
		must(t, s.CreateCooperative(system, &mine))
		must(t, s.CreateCooperative(system, &theirs))
		officer := as(bina.RoleOfficer, "61.12.01")
		_, err := s.FindCooperative(officer, theirs.ID)
		wantCode(t, err, bina.NotFound)
		wantCode(t, s.SaveRAT(officer, theirs.ID, bina.RAT{BookYear: 2025}), bina.NotFound)
		wantCode(t, s.ArchiveCooperative(officer, theirs.ID, "x"), bina.NotFound)
		p, err := s.ListCooperatives(officer, bina.CooperativeFilter{})
		must(t, err)
		if p.Total != 1 || p.Items[0].ID != mine.ID {
			t.Errorf("officer lists %v", p.Items)
		}
		counts, err := s.CooperativeCounts(officer)
		must(t, err)
		if len(counts) != 1 || counts[0].District != "61.12.01" || counts[0].Village != mine.VillageCode {
			t.Errorf("officer counts %v, want its desa's (issue 14)", counts)
		}

		viewer := as(bina.RoleViewer, "")
		got, err := s.FindCooperative(viewer, mine.ID)
		must(t, err)
		if got.Officers[0].Phone != bina.Masked {
			t.Errorf("viewer sees officer phone %q", got.Officers[0].Phone)
		}
		wantCode(t, s.SaveRAT(viewer, mine.ID, bina.RAT{BookYear: 2025}), bina.Forbidden)
		x := mine
		x.Officers = slices.Clone(x.Officers)
		x.Officers[0].Phone = "081399998888"
		must(t, s.UpdateCooperative(system, &x))
		hist, err := s.History(viewer, bina.EntityCooperative, mine.ID, 0, 0)
		must(t, err)
		if h := hist[0]; h.Field != "officers" || slices.Contains([]string{h.Before, h.After}, "081345678901") || !strings.Contains(h.After, bina.Masked) || strings.Contains(h.After, "8888") {
			t.Errorf("viewer history %+v", h)
		}
		_, err = s.FindCooperative(as(bina.RoleAdmin, ""), mine.ID)
		must(t, err)
		if n := countRows(t, db, "audit_log")["audit_log"]; n != 1 {
			t.Errorf("%d accesses logged, want 1", n)
		}
	})
}

func TestKelompoks(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ks, err := s.Kelompoks(system)
		must(t, err)
		if !reflect.DeepEqual(ks, bina.DefaultKelompoks) {
			t.Errorf("kelompoks %v", ks)
		}
		admin := as(bina.RoleAdmin, "")
		wantCode(t, s.AddKelompok(as(bina.RoleStaff, ""), bina.Option{Code: "petani_sawit", ID: "Petani Sawit"}), bina.Forbidden)
		wantCode(t, s.AddKelompok(admin, bina.Option{Code: "Petani Sawit!", ID: "Petani Sawit"}), bina.Invalid)
		wantCode(t, s.AddKelompok(admin, bina.Option{Code: "kud", ID: "KUD lagi"}), bina.Conflict)
		must(t, s.AddKelompok(admin, bina.Option{Code: "petani_sawit", ID: "Petani Sawit"}))
		ks, err = s.Kelompoks(system)
		must(t, err)
		if last := ks[len(ks)-1]; last != (bina.Option{Code: "petani_sawit", ID: "Petani Sawit", EN: "Petani Sawit"}) {
			t.Errorf("last kelompok %+v", last)
		}
		c := newCooperative("Koperasi Petani Sawit Rasau", village1a)
		c.Kelompok = "petani_sawit"
		must(t, s.CreateCooperative(system, &c))
	})
}

// TestCooperativesAtYearEnd: the register at the end of a past year
// holds the cooperatives recorded by then and not archived by then; the
// current year is the register now, and a year to come or the archived
// list with it are refused.
func TestCooperativesAtYearEnd(t *testing.T) {
	eachEngineClock(t, func(t *testing.T, s *sqlstore.Store, c *clock) {
		ctx := as(bina.RoleAdmin, "")
		c.t = time.Date(2024, 6, 1, 3, 0, 0, 0, time.UTC)
		old := newCooperative("Koperasi Lama", "61.12.01.2001")
		gone := newCooperative("Koperasi Bubar", "61.12.01.2001")
		must(t, s.CreateCooperative(ctx, &old))
		must(t, s.CreateCooperative(ctx, &gone))
		// Archived early on New Year's Day 2025 in Pontianak (UTC+7): still
		// in the register at the end of 2024.
		c.t = time.Date(2024, 12, 31, 17, 30, 0, 0, time.UTC)
		must(t, s.ArchiveCooperative(ctx, gone.ID, "dibubarkan"))
		c.t = time.Date(2025, 3, 1, 3, 0, 0, 0, time.UTC)
		fresh := newCooperative("Koperasi Baru", "61.12.01.2001")
		must(t, s.CreateCooperative(ctx, &fresh))
		c.t = time.Date(2026, 2, 1, 3, 0, 0, 0, time.UTC)

		names := func(f bina.CooperativeFilter) []string {
			t.Helper()
			page, err := s.ListCooperatives(ctx, f)
			must(t, err)
			var out []string
			for _, x := range page.Items {
				out = append(out, x.Name)
			}
			if page.Total != len(out) {
				t.Errorf("%+v: total %d, %d items", f, page.Total, len(out))
			}
			return out
		}
		for _, tc := range []struct {
			f    bina.CooperativeFilter
			want string
		}{
			{bina.CooperativeFilter{AtYearEnd: 2023}, ""},
			{bina.CooperativeFilter{AtYearEnd: 2024}, "Koperasi Bubar,Koperasi Lama"},
			{bina.CooperativeFilter{AtYearEnd: 2025}, "Koperasi Baru,Koperasi Lama"},
			{bina.CooperativeFilter{AtYearEnd: 2026}, "Koperasi Baru,Koperasi Lama"},
			{bina.CooperativeFilter{AtYearEnd: 2024, Region: "61.12.02"}, ""},
		} {
			if got := strings.Join(names(tc.f), ","); got != tc.want {
				t.Errorf("at the end of %d in %q: %q, want %q", tc.f.AtYearEnd, tc.f.Region, got, tc.want)
			}
		}
		_, err := s.ListCooperatives(ctx, bina.CooperativeFilter{AtYearEnd: 2027})
		wantCode(t, err, bina.Invalid)
		_, err = s.ListCooperatives(ctx, bina.CooperativeFilter{AtYearEnd: 2024, Archived: true})
		wantCode(t, err, bina.Invalid)
	})
}
