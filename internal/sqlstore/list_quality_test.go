package sqlstore_test

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/coaching"
	"bina/indicator"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// ownerMatches is the brute-force answer to the filters by the owner and
// the data-quality checks of f.
func ownerMatches(ref bina.Reference, e bina.Enterprise, f bina.EnterpriseFilter) bool {
	_, nikOK := bina.CheckNIK(e.Owner.NIK, sqlstoretest.Now)
	r, known := ref.Regions.Get(e.VillageCode)
	known = known && r.Code.Level() == bina.LevelVillage
	yes := func(v string, on bool) bool { return v == "" || (v == "ya") == on }
	gender := f.OwnerGender
	if gender == "none" {
		gender = ""
	}
	return (f.OwnerGender == "" || e.Owner.Gender == gender) && yes(f.OwnerDisability, e.Owner.Disability) &&
		yes(f.NIKValid, nikOK && e.Owner.NIK != "") && yes(f.VillageKnown, known)
}

// degradedStore opens a store on engine, loads it with load, gives some
// of the records owners without a gender, with a disability or without a
// NIK and takes the KBLI code of others, by ordinary edits (so the
// facets follow the owner's edits); then it opens the database again
// with regions that no longer hold one desa of kecamatan 61.12.01 with
// records, as after a change of the regions in force. It returns the
// store, its reference and the records as stored.
func degradedStore(t *testing.T, engine string, load func(s *sqlstore.Store) []bina.Enterprise) (*sqlstore.Store, bina.Reference, []bina.Enterprise) {
	t.Helper()
	ctx := context.Background()
	dsn := sqlstoretest.DSN(t, engine)
	open := func(ref bina.Reference) *sqlstore.Store {
		ref.Now = func() time.Time { return sqlstoretest.Now }
		s, err := sqlstore.Open(ctx, dsn, ref, sqlstoretest.Hasher{}, nil)
		must(t, err)
		must(t, s.Migrate(ctx))
		return s
	}
	ref := sqlstoreRef(t)
	s := open(ref)
	all := load(s)
	var gone bina.RegionCode
	for i := range all {
		e := all[i]
		v := e.VillageCode
		if e.ArchivedAt == nil && gone == "" && v.Parent() == "61.12.01" && v != village1a && v != village1b {
			gone = v
		}
		if e.ArchivedAt != nil || i%4 != 1 && i%6 != 2 && i%7 != 3 {
			continue
		}
		if i%4 == 1 {
			e.Owner.Disability = true
		}
		if i%6 == 2 {
			e.Owner.NIK, e.Owner.Gender, e.Owner.BirthDate = "", "", bina.Date{}
		}
		if i%7 == 3 {
			e.KBLI = nil
		}
		must(t, s.UpdateEnterprise(system, &e))
	}
	if gone == "" {
		t.Fatal("no record in 61.12.01")
	}
	must(t, s.Close())
	var regions []bina.Region
	root := ref.Regions.Root()
	for l := bina.LevelProvince; l <= bina.LevelVillage; l++ {
		if l < root.Level() {
			r, _ := ref.Regions.Get(root.Truncate(l))
			regions = append(regions, r)
			continue
		}
		for _, r := range ref.Regions.AtLevel(l) {
			if r.Code != gone {
				regions = append(regions, r)
			}
		}
	}
	ref.Regions = bina.NewRegionTree(root, regions)
	s = open(ref)
	t.Cleanup(func() { s.Close() })
	out := make([]bina.Enterprise, len(all))
	for i := range all {
		e, err := s.FindEnterprise(system, all[i].ID)
		must(t, err)
		out[i] = *e
	}
	return s, ref, out
}

// finance records "financing obtained" milestones: in 2025 for every
// eighth record (twice for one of them), in 2026 for others, and one of an
// archived record. It returns the ids financed per year.
func finance(t *testing.T, s *sqlstore.Store, all []bina.Enterprise) map[int]map[int64]bool {
	t.Helper()
	ctx := as(bina.RoleStaff, "")
	out := map[int]map[int64]bool{2024: {}, 2025: {}, 2026: {}}
	n := 0
	record := func(e bina.Enterprise, date bina.Date) {
		n++
		m := coaching.Milestone{UUID: fmt.Sprintf("00000000-0000-4000-8000-%012d", n), EnterpriseID: e.ID, Kind: coaching.MilestoneFinancing,
			Date: date, FinancingSource: "kur", Amount: int64(n) * 10_000_000}
		_, err := s.RecordMilestone(ctx, &m)
		must(t, err)
		if e.ArchivedAt == nil {
			out[date.Year()][e.ID] = true
		}
	}
	for i, e := range all {
		switch {
		case e.ArchivedAt != nil:
		case i%8 == 0:
			record(e, bina.DateOf(2025, 3, 1+i%20))
			if i == 0 {
				record(e, bina.DateOf(2025, 9, 9))
			}
		case i%8 == 4:
			record(e, bina.DateOf(2026, 1, 1+i%20))
			record(e, bina.DateOf(2024, 12, 31)) // another year
		}
	}
	return out
}

// TestListEnterprisesByOwnerAndQuality filters by every value of the
// filters by the owner, the data-quality checks and financing, alone, with
// a word search, with a region and with both, in several sorts and by
// both ways of reading a searched page, against the brute-force answer.
func TestListEnterprisesByOwnerAndQuality(t *testing.T) {
	var base []bina.EnterpriseFilter
	for _, g := range []string{"L", "P", "none"} {
		base = append(base, bina.EnterpriseFilter{OwnerGender: g})
	}
	for _, v := range []string{"ya", "tidak"} {
		base = append(base, bina.EnterpriseFilter{OwnerDisability: v}, bina.EnterpriseFilter{NIKValid: v}, bina.EnterpriseFilter{VillageKnown: v})
	}
	base = append(base, bina.EnterpriseFilter{KBLISection: "any"}, bina.EnterpriseFilter{KBLISection: "none"},
		bina.EnterpriseFilter{OwnerGender: "P", NIKValid: "ya", KBLISection: "any", Binaan: "tidak"},
		bina.EnterpriseFilter{OwnerDisability: "ya", Digital: "none"})
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { listByOwnerAndQuality(t, engine, base) })
	}
}

func listByOwnerAndQuality(t *testing.T, engine string, base []bina.EnterpriseFilter) {
	var filters []bina.EnterpriseFilter
	for _, f := range base {
		withQuery, withRegion, both := f, f, f
		withQuery.Query, withRegion.Region = "a", "61.12.01"
		both.Query, both.Region = "a", "61.12.01"
		filters = append(filters, f, withQuery, withRegion, both)
	}
	{
		s, ref, all := degradedStore(t, engine, func(s *sqlstore.Store) []bina.Enterprise { return seedList(t, s) })
		financed := finance(t, s, all)
		nonEmpty := 0
		for _, drive := range []int{0, 20_000} {
			sqlstore.SetFTSDriveMax(s, drive)
			for _, f := range filters {
				for _, sort := range []string{"name", "-region", "size", "-updated"} {
					f.Sort, f.Limit = sort, 4
					want := ids(expectEnterprises(ref, all, "61.12", f))
					if err := walkPages(system, s, f, want); err != nil {
						t.Errorf("%+v: %v", f, err)
					}
					if len(want) > 0 {
						nonEmpty++
					}
				}
			}
		}
		if nonEmpty < len(filters)*6 {
			t.Errorf("%d of %d cases find records: the fixture tests too little", nonEmpty, len(filters)*8)
		}
		for _, year := range []int{2025, 2026} {
			for _, f := range []bina.EnterpriseFilter{{}, {Region: "61.12.01"}, {Size: "mikro"}, {Reached: "never"}, {OwnerGender: "P"}} {
				f.FinancingYear, f.Limit, f.Sort = year, 3, "-updated"
				var want []int64
				for _, e := range expectEnterprises(ref, all, "61.12", f) {
					if financed[year][e.ID] {
						want = append(want, e.ID)
					}
				}
				if len(want) == 0 && f.Region == "" && f.Size == "" && f.OwnerGender == "" && f.Reached == "" {
					t.Errorf("no records financed in %d", year)
				}
				if err := walkPages(system, s, f, want); err != nil {
					t.Errorf("%+v: %v", f, err)
				}
			}
		}
		for _, f := range []bina.EnterpriseFilter{
			{OwnerGender: "X"}, {OwnerGender: "p"}, {OwnerDisability: "true"}, {NIKValid: "1"}, {VillageKnown: "mungkin"},
			{KBLISection: "all"}, {FinancingYear: 12}, {FinancingYear: 2025, Query: "a"},
		} {
			if _, err := s.ListEnterprises(system, f); !isErr(err, bina.Invalid) {
				t.Errorf("%+v: got %v, want Invalid", f, err)
			}
		}
	}
}

// listFilter reads the UMKM list's address u into its filter as the page
// does (internal/web), failing on a parameter it does not know.
func listFilter(t *testing.T, u string) bina.EnterpriseFilter {
	t.Helper()
	pu, err := url.Parse(u)
	must(t, err)
	if pu.Path != "/umkm" {
		t.Fatalf("%s: not the UMKM list", u)
	}
	var f bina.EnterpriseFilter
	year := func(v string) int {
		n, err := strconv.Atoi(v)
		must(t, err)
		return n
	}
	for k, vs := range pu.Query() {
		v := vs[0]
		switch k {
		case "kecamatan":
			if f.Region == "" {
				f.Region = bina.RegionCode(v)
			}
		case "desa":
			f.Region = bina.RegionCode(v)
		case "kbli":
			f.KBLISection = v
		case "skala":
			f.Size = v
		case "binaan":
			f.Binaan = v
		case "verifikasi":
			f.Verification = v
		case "digital":
			f.Digital = v
		case "jangkauan":
			f.Reached = v
		case "arsip":
			f.Archived = v != ""
		case "tahun_daftar":
			f.CreatedYear = year(v)
		case "tahun_arsip":
			f.ArchivedYear = year(v)
		case "jenis_kelamin":
			f.OwnerGender = v
		case "disabilitas":
			f.OwnerDisability = v
		case "nik_sah":
			f.NIKValid = v
		case "desa_dikenal":
			f.VillageKnown = v
		case "tahun_pembiayaan":
			f.FinancingYear = year(v)
		default:
			t.Fatalf("%s: unknown parameter %s", u, k)
		}
	}
	return f
}

// shareFilters are the parameters that select the numerator of each share
// in its list: without it, the list holds the denominator.
var shareFilters = map[string]string{"umkm_women_owned_share": "jenis_kelamin", "umkm_digital_share": "digital",
	"dq_kbli_coverage": "kbli", "dq_nik_valid_share": "nik_sah"}

// TestIndicatorsEqualTheirLists: every figure of the register's records
// equals the total of the UMKM list its URL names, whole and per key of
// each breakdown by region, size, section, gender and disability, for the
// deployment, a kecamatan and a desa; a share is the list's total over the
// total of the same list without the share's own filter. The data has
// owners without a gender or NIK, with a disability, records without KBLI,
// in an unknown desa, and financing.
func TestIndicatorsEqualTheirLists(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { indicatorsEqualTheirLists(t, engine) })
	}
}

func indicatorsEqualTheirLists(t *testing.T, engine string) {
	{
		s, _, all := degradedStore(t, engine, func(s *sqlstore.Store) []bina.Enterprise {
			must(t, s.BulkLoad(system, genEnterprises(sqlstoreRef(t), 13, 0, 400), nil))
			page, err := s.ListEnterprises(system, bina.EnterpriseFilter{Limit: 200})
			must(t, err)
			next, err := s.ListEnterprises(system, bina.EnterpriseFilter{Limit: 200, Cursor: page.Next})
			must(t, err)
			return append(page.Items, next.Items...)
		})
		finance(t, s, all)
		ctx := as(bina.RoleAdmin, "61.12")
		total := func(u string) float64 {
			t.Helper()
			p, err := s.ListEnterprises(ctx, listFilter(t, u))
			must(t, err)
			return float64(p.Total)
		}
		var codes []string
		for _, ind := range indicator.Indicators {
			if strings.HasPrefix(ind.ListPath, "/umkm") && !strings.HasPrefix(ind.Code, "umkm_workers") {
				codes = append(codes, ind.Code)
			}
		}
		if !slices.Contains(codes, "dq_no_village") || !slices.Contains(codes, "umkm_financing_count") {
			t.Fatalf("codes %v", codes)
		}
		checked := 0
		for _, code := range codes {
			ind, _ := indicator.ByCode(code)
			for _, region := range []bina.RegionCode{"", "61.12.01", village1a} {
				for _, by := range append([]string{""}, ind.Breakdowns...) {
					if by == "year" {
						continue
					}
					items, err := s.IndicatorBreakdown(ctx, code, indicator.Query{Region: region}, by)
					must(t, err)
					for _, it := range items {
						if by == "size" && it.Key == "-" {
							continue // no list of an unknown size
						}
						want := total(it.URL)
						switch {
						case ind.Measure == indicator.MeasurePercent:
							pu, _ := url.Parse(it.URL)
							q := pu.Query()
							q.Del(shareFilters[code])
							pu.RawQuery = q.Encode()
							want = 0
							if n := total(pu.String()); n > 0 {
								want = math.Floor(total(it.URL)*1000/n) / 10
							}
						case code == "umkm_financing_amount":
							// Rupiah: the list holds the businesses.
							if (it.Value > 0) != (want > 0) {
								t.Errorf("%s in %q by %q %q = %v, list %s holds %v", code, region, by, it.Key, it.Value, it.URL, want)
							}
							continue
						case code == "umkm_financing_count":
							// One financed business counts each milestone:
							// record 0 has two in 2025, none in 2026.
						}
						if it.Value != want {
							t.Errorf("%s in %q by %q %q = %v, list %s gives %v", code, region, by, it.Key, it.Value, it.URL, want)
						}
						checked++
					}
				}
			}
		}
		if checked < 200 {
			t.Errorf("only %d figures checked", checked)
		}
		vs, err := s.IndicatorBreakdown(ctx, "dq_no_village", indicator.Query{}, "")
		must(t, err)
		if vs[0].Value == 0 {
			t.Errorf("dq_no_village = 0: the fixture tests too little")
		}
	}
}
