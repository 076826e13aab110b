package sqlstore_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"bina"
	"bina/imports"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// words folds a text as the store does, for the generator's ASCII names.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// expectEnterprises is the brute-force answer to f over all (already
// normalized) records, in the order of f.Sort.
func expectEnterprises(ref bina.Reference, all []bina.Enterprise, scope bina.RegionCode, f bina.EnterpriseFilter) []bina.Enterprise {
	var out []bina.Enterprise
	for _, e := range all {
		if (e.ArchivedAt != nil) != f.Archived || !scope.Contains(e.VillageCode) || !f.Region.Contains(e.VillageCode) {
			continue
		}
		if f.KBLISection != "" {
			k, _ := ref.KBLI.Lookup(e.MainKBLI())
			switch f.KBLISection {
			case "any", "none":
				if (k.Section != "") != (f.KBLISection == "any") {
					continue
				}
			default:
				if k.Section != f.KBLISection {
					continue
				}
			}
		}
		if !ownerMatches(ref, e, f) {
			continue
		}
		if (f.Size != "" && e.SizeComputed != f.Size) || (f.Status != "" && e.Status != f.Status) ||
			(f.Verification != "" && e.Verification != f.Verification) ||
			(f.Binaan == "ya" && !e.Binaan) || (f.Binaan == "tidak" && e.Binaan) {
			continue
		}
		d := e.Digital
		if ok := map[string]bool{"": true, "any": d.Any(), "none": !d.Any(), "marketplace": d.Marketplace, "social": d.SocialMedia,
			"website": d.Website, "qris": d.QRIS, "bookkeeping": d.DigitalBookkeeping}[f.Digital]; !ok {
			continue
		}
		if q := bina.NormalizeDigits(f.Query); len(q) == 13 && strings.Trim(q, "0123456789") == "" {
			if e.NIB != q {
				continue
			}
		} else if !matchesWords(searchDoc(e), words(f.Query)) {
			continue
		}
		out = append(out, e)
	}
	byID := func(a, b bina.Enterprise) int { return cmp.Compare(a.ID, b.ID) }
	byName := func(a, b bina.Enterprise) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), byID(a, b))
	}
	rank := map[string]int{"": 0, "mikro": 1, "kecil": 2, "menengah": 3, "besar": 4}
	sorts := map[string]func(a, b bina.Enterprise) int{
		"":       byName,
		"name":   byName,
		"region": func(a, b bina.Enterprise) int { return cmp.Or(cmp.Compare(a.VillageCode, b.VillageCode), byName(a, b)) },
		"size": func(a, b bina.Enterprise) int {
			return cmp.Or(cmp.Compare(rank[a.SizeComputed], rank[b.SizeComputed]), byName(a, b))
		},
		"updated": func(a, b bina.Enterprise) int { return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), byID(a, b)) },
		"id":      byID,
	}
	base, desc := strings.CutPrefix(f.Sort, "-")
	slices.SortFunc(out, func(a, b bina.Enterprise) int {
		if desc {
			return -sorts[base](a, b)
		}
		return sorts[base](a, b)
	})
	// A search with spelling variants puts first the names that hold the
	// words as typed (docs/search.md).
	typed, ranked := words(f.Query), false
	for _, w := range typed {
		ranked = ranked || len(imports.SearchAlternatives(w)) > 1
	}
	if ranked && !f.Archived && len(out) <= 10_000 { // a capped search is not ranked
		rank := func(e bina.Enterprise) int {
			for _, w := range typed {
				if !strings.Contains(" "+strings.ToLower(e.Name), " "+w) {
					return 1
				}
			}
			return 0
		}
		slices.SortStableFunc(out, func(a, b bina.Enterprise) int { return cmp.Compare(rank(a), rank(b)) })
	}
	return out
}

// searchDoc returns the words a record is found by: those of its name,
// trade name, main product and owner, and their spelling keys.
func searchDoc(e bina.Enterprise) []string {
	ws := words(e.Name + " " + e.TradeName + " " + e.MainProduct + " " + e.Owner.Name)
	return append(ws, imports.SearchVariants(ws)...)
}

// matchesWords reports whether every query word, as typed or by its
// spelling key, starts some word of doc.
func matchesWords(doc, query []string) bool {
	for _, q := range query {
		alts := imports.SearchAlternatives(q)
		if !slices.ContainsFunc(doc, func(w string) bool {
			return slices.ContainsFunc(alts, func(a string) bool { return strings.HasPrefix(w, a) })
		}) {
			return false
		}
	}
	return true
}

func ids(es []bina.Enterprise) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// walkPages pages through f forward to the end and back to the start,
// checking every page against want, and returns the first error found.
func walkPages(ctx context.Context, s *sqlstore.Store, f bina.EnterpriseFilter, want []int64) error {
	limit := f.Limit
	var pages [][]int64
	var cursors []string // cursors[i] opened page i
	cursor := ""
	for {
		f.Cursor = cursor
		p, err := s.ListEnterprises(ctx, f)
		if err != nil {
			return err
		}
		if p.Total != len(want) {
			return fmt.Errorf("page %d: total %d, want %d", len(pages), p.Total, len(want))
		}
		if (len(pages) == 0) != (p.Prev == "") {
			return fmt.Errorf("page %d: prev %q", len(pages), p.Prev)
		}
		pages = append(pages, ids(p.Items))
		cursors = append(cursors, cursor)
		if p.Next == "" {
			break
		}
		if len(pages) > len(want)+2 {
			return fmt.Errorf("more pages than records")
		}
		cursor = p.Next
	}
	got := slices.Concat(pages...)
	if len(want) == 0 {
		want = []int64{}
	}
	if len(got) == 0 {
		got = []int64{}
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Errorf("forward: got %v, want %v", got, want)
	}
	for i, pg := range pages[:len(pages)-1] {
		if len(pg) != limit {
			return fmt.Errorf("page %d holds %d, want %d", i, len(pg), limit)
		}
	}
	// Back from the last page with Prev, page by page.
	f.Cursor = cursors[len(cursors)-1]
	p, err := s.ListEnterprises(ctx, f)
	if err != nil {
		return err
	}
	for i := len(pages) - 2; i >= 0; i-- {
		if p.Prev == "" {
			return fmt.Errorf("no way back from page %d", i+1)
		}
		f.Cursor = p.Prev
		if p, err = s.ListEnterprises(ctx, f); err != nil {
			return err
		}
		if !reflect.DeepEqual(ids(p.Items), pages[i]) {
			return fmt.Errorf("back to page %d: got %v, want %v", i, ids(p.Items), pages[i])
		}
		if p.Next == "" {
			return fmt.Errorf("page %d reached backwards has no next", i)
		}
	}
	if p.Prev != "" && len(pages) > 1 {
		return fmt.Errorf("the first page reached backwards has a prev")
	}
	return nil
}

// seedList loads 60 generated enterprises, archives a few and gives some
// equal names, and returns them as stored.
func seedList(t *testing.T, s *sqlstore.Store) []bina.Enterprise {
	t.Helper()
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	all := genEnterprises(ref, 42, 0, 60)
	// Equal names and equal times test the id tie-break of every sort.
	all[1].Name, all[2].Name = strings.ToUpper(all[0].Name), all[0].Name
	all[4].CreatedAt, all[5].CreatedAt = all[3].CreatedAt, all[3].CreatedAt
	all[6].Name = "Warung Kopi Ananda"
	all[6].Owner.Name = "Ahmad Syahputra"
	all[6].NIB = "9876543210123"
	// Spelling variants, which a search ranks after the words as typed.
	all[10].Name = "Kripik Tempe Barokah"
	all[11].Name = "Toko Sei Ambawang"
	all[12].Name = "Warung Sungai Raya"
	all[13].TradeName = "Keripik Mantap"
	all[14].Name = "Sambal Sei Kakap"
	all[15].Name = "Kerripik Ubi"
	must(t, s.BulkLoad(system, all, nil))
	for _, i := range []int{7, 8, 9} {
		must(t, s.ArchiveEnterprise(system, all[i].ID, "tutup"))
		got, err := s.FindEnterprise(system, all[i].ID)
		must(t, err)
		all[i] = *got
	}
	return all
}

func TestListEnterprises(t *testing.T) {
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	filters := []bina.EnterpriseFilter{
		{},
		{Archived: true},
		{Region: "61.12.01"},
		{Region: "61.12.05.2001"},
		{Region: "61.12"},
		{KBLISection: "C"},
		{Size: "mikro"},
		{Size: "kecil"},
		{Status: "aktif"},
		{Binaan: "ya"},
		{Binaan: "tidak"},
		{Verification: "terverifikasi"},
		{Digital: "any"},
		{Digital: "none"},
		{Digital: "qris"},
		{Digital: "marketplace"},
		{Query: "keripik"},
		{Query: "kripik"},
		{Query: "sungai"},
		{Query: "sei"},
		{Query: "sambel sei"},
		{Query: "kop anan"},
		{Query: "AHMAD syah"},
		{Query: "siti"},
		{Query: "98765 43210123"}, // a NIB as people type it
		{Query: `"; DROP TABLE enterprises; --`},
		{Query: `pisang* OR NEAR(x y) ^"'`},
		{Region: "61.12.01", KBLISection: "C", Query: "k"},
		{Region: "61.12.03", Size: "mikro", Binaan: "ya"},
		{Size: "mikro", Binaan: "tidak", Region: "61.12"},
		{Status: "aktif", Digital: "social", Verification: "belum"},
	}
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		all := seedList(t, s)
		t.Run("index-walk", func(t *testing.T) {
			// SQLite reads pages of many matches by walking the sort
			// index; make every search take that way.
			sqlstore.SetFTSDriveMax(s, 0)
			defer sqlstore.SetFTSDriveMax(s, 20_000)
			for _, f := range filters {
				for _, sort := range bina.EnterpriseSorts.Codes() {
					f := f
					f.Sort, f.Limit = sort, 7
					if err := walkPages(system, s, f, ids(expectEnterprises(ref, all, "61.12", f))); err != nil {
						t.Errorf("%+v: %v", f, err)
					}
				}
			}
		})
		var multi, empty int
		for _, f := range filters {
			for _, sort := range append(bina.EnterpriseSorts.Codes(), "") {
				f := f
				f.Sort, f.Limit = sort, 7
				want := ids(expectEnterprises(ref, all, "61.12", f))
				if err := walkPages(system, s, f, want); err != nil {
					t.Errorf("%+v: %v", f, err)
				}
				if len(want) > 2*f.Limit {
					multi++
				}
				if len(want) == 0 {
					empty++
				}
			}
		}
		// The data must make most cases page, and few come back empty.
		if n := len(bina.EnterpriseSorts) + 1; multi < 12*n || empty > 5*n {
			t.Errorf("%d cases span three pages or more, %d are empty: the fixture tests too little", multi, empty)
		}
		// An officer sees the same lists cut to their kecamatan.
		officer := as(bina.RoleOfficer, "61.12.05")
		for _, f := range []bina.EnterpriseFilter{{}, {Binaan: "ya"}, {Region: "61.12"}, {Query: "a"}} {
			f.Limit = 3
			want := ids(expectEnterprises(ref, all, "61.12.05", f))
			if err := walkPages(officer, s, f, want); err != nil {
				t.Errorf("officer %+v: %v", f, err)
			}
		}
	})
}

func TestListEnterprisesInvalid(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		mustCreate(t, system, s, newEnterprise("Warung Kopi", village1a))
		p, err := s.ListEnterprises(system, bina.EnterpriseFilter{Limit: 1000})
		must(t, err)
		if len(p.Items) != 1 {
			t.Errorf("limit 1000: %d items", len(p.Items))
		}
		for _, f := range []bina.EnterpriseFilter{
			{Sort: "price"},
			{Cursor: "not-a-cursor"},
			{Cursor: "eyJzIjoiLWlkIiwiaSI6MX0", Sort: "name"}, // a cursor of another sort
			{Region: "61.71"},
			{Region: "nowhere"},
			{KBLISection: "Z"},
			{Size: "raksasa"},
			{Status: "hidup"},
			{Binaan: "mungkin"},
			{Verification: "x"},
			{Digital: "telegram"},
		} {
			_, err := s.ListEnterprises(system, f)
			if !isErr(err, bina.Invalid) {
				t.Errorf("%+v: got %v, want Invalid", f, err)
			}
		}
	})
}

// bruteCounts counts live enterprises per kecamatan and size with SQL.
func bruteCounts(t *testing.T, db *sql.DB) []bina.RegionCount {
	t.Helper()
	rows, err := db.Query(`SELECT district_code, size_computed, count(*), sum(CASE WHEN binaan THEN 1 ELSE 0 END) FROM enterprises WHERE archived_at IS NULL GROUP BY district_code, size_computed ORDER BY district_code, size_computed`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []bina.RegionCount
	for rows.Next() {
		var c bina.RegionCount
		must(t, rows.Scan(&c.District, &c.Size, &c.Total, &c.Binaan))
		out = append(out, c)
	}
	return out
}

func TestEnterpriseCountsKept(t *testing.T) {
	eachEngineRaw(t, func(t *testing.T, s *sqlstore.Store, db *sql.DB) {
		check := func(step string) {
			t.Helper()
			got, err := s.EnterpriseCounts(system)
			must(t, err)
			if want := bruteCounts(t, db); !reflect.DeepEqual(got, want) {
				t.Errorf("after %s: kept %v, counted %v", step, got, want)
			}
			// The unfiltered total of a list comes from the same counts.
			p, err := s.ListEnterprises(system, bina.EnterpriseFilter{Binaan: "ya", Region: "61.12.01"})
			must(t, err)
			want := 0
			for _, c := range got {
				if c.District == "61.12.01" {
					want += c.Binaan
				}
			}
			if p.Total != want {
				t.Errorf("after %s: binaan total in 61.12.01 %d, want %d", step, p.Total, want)
			}
		}
		ents := genEnterprises(sqlstoretest.Reference(t, bina.DefaultConfig()), 9, 0, 40)
		must(t, s.BulkLoad(system, ents[:30], nil))
		check("bulk load")
		for i := 30; i < 40; i++ {
			mustCreate(t, system, s, ents[i])
		}
		check("creates")
		e := mustCreate(t, system, s, newEnterprise("Tambak Udang Kuala", village1a))
		x := e
		x.VillageCode = village2
		x.Sales = []bina.AnnualSales{{Year: 2025, Amount: 20_000_000_000}}
		x.Binaan = false
		must(t, s.UpdateEnterprise(system, &x))
		check("moving a record to another kecamatan, size and coaching state")
		must(t, s.ArchiveEnterprise(system, e.ID, "pindah"))
		check("archive")
		must(t, s.RestoreEnterprise(system, e.ID))
		check("restore")
	})
}

// TestListEnterprisesEveryValue filters by every code of every enumerated
// filter, alone and with a search, so that a code the store cannot filter
// by (see the facet codes in search.go) fails here.
func TestListEnterprisesEveryValue(t *testing.T) {
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	var filters []bina.EnterpriseFilter
	for _, c := range bina.Sizes.Codes() {
		filters = append(filters, bina.EnterpriseFilter{Size: c})
	}
	for _, c := range bina.OperatingStatuses.Codes() {
		filters = append(filters, bina.EnterpriseFilter{Status: c})
	}
	for _, c := range bina.Verifications.Codes() {
		filters = append(filters, bina.EnterpriseFilter{Verification: c})
	}
	for _, c := range append(bina.DigitalChannels.Codes(), "any", "none") {
		filters = append(filters, bina.EnterpriseFilter{Digital: c})
	}
	for _, c := range []string{"A", "C", "G", "I", "U"} {
		filters = append(filters, bina.EnterpriseFilter{KBLISection: c})
	}
	for _, f := range slices.Clone(filters) {
		f.Query = "a"
		filters = append(filters, f)
	}
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		all := seedList(t, s)
		for _, f := range filters {
			f.Limit = 10
			if err := walkPages(system, s, f, ids(expectEnterprises(ref, all, "61.12", f))); err != nil {
				t.Errorf("%+v: %v", f, err)
			}
		}
	})
}

// TestListEnterprisesAfterChanges checks searches and filters after every
// kind of write: edits that change the words, the desa, the section, the
// coaching state, the status, the verification and the channels; archiving
// and restoring. (On PostgreSQL a trigger keeps the word table; on SQLite
// the store rewrites the full-text document.)
func TestListEnterprisesAfterChanges(t *testing.T) {
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	villages := ref.Regions.Villages()
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		all := seedList(t, s)
		for i := 10; i < 34; i++ {
			e, err := s.FindEnterprise(system, all[i].ID)
			must(t, err)
			switch i % 4 {
			case 0:
				e.Name = "Kedai Zaitun " + e.Name
				e.Owner.Name = "Zulaikha Rahman"
			case 1:
				e.VillageCode = villages[(i*7)%len(villages)].Code
				e.Status = "pindah"
			case 2:
				e.KBLI = []bina.KBLICode{{Code: "56102"}}
				e.Binaan = !e.Binaan
				e.Verification = "perlu_perbaikan"
			case 3:
				e.Digital = bina.Digital{Website: true}
				e.TradeName = "Zaitun Jaya"
			}
			must(t, s.UpdateEnterprise(system, e))
		}
		for _, i := range []int{12, 13, 14, 15} {
			must(t, s.ArchiveEnterprise(system, all[i].ID, "tutup"))
		}
		must(t, s.RestoreEnterprise(system, all[7].ID))  // archived by seedList
		must(t, s.RestoreEnterprise(system, all[13].ID)) // changed, archived, back
		for i := range all {
			e, err := s.FindEnterprise(system, all[i].ID)
			must(t, err)
			all[i] = *e
		}
		filters := []bina.EnterpriseFilter{
			{}, {Query: "zait"}, {Query: "zulaikha rah"}, {Query: "kedai"}, {Status: "pindah"}, {KBLISection: "I"},
			{Verification: "perlu_perbaikan"}, {Digital: "website"}, {Binaan: "ya", Query: "a"},
			{Region: villages[(11*7)%len(villages)].Code}, {Region: "61.12.01", Query: "z"},
			{Archived: true}, {Archived: true, Query: "a"}, {Archived: true, Query: "zait"},
		}
		for _, drive := range []int{20_000, 0} {
			sqlstore.SetFTSDriveMax(s, drive)
			for _, f := range filters {
				f.Limit = 4
				if err := walkPages(system, s, f, ids(expectEnterprises(ref, all, "61.12", f))); err != nil {
					t.Errorf("drive %d, %+v: %v", drive, f, err)
				}
			}
		}
		sqlstore.SetFTSDriveMax(s, 20_000)
	})
}

// TestListEnterprisesCappedTotal checks that a search stops counting at
// 10,000 and says so, that its pages are still right, and that totals of
// narrower searches and of lists without a search stay exact.
func TestListEnterprisesCappedTotal(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 10,050 records")
	}
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		all := genEnterprises(ref, 5, 0, 10_050)
		for i := range all {
			// Three words with the prefix "za": the PostgreSQL count
			// reads three rows of its word table per record.
			all[i].TradeName = "Zahra Zaitun Zamrud"
		}
		must(t, s.BulkLoad(system, all, nil))
		for _, drive := range []int{10_000, 0} {
			sqlstore.SetFTSDriveMax(s, drive)
			for _, tc := range []struct {
				f      bina.EnterpriseFilter
				capped bool
			}{
				{bina.EnterpriseFilter{Query: "zahra"}, true},
				{bina.EnterpriseFilter{Query: "za"}, true},
				{bina.EnterpriseFilter{Query: "zahra zai", Sort: "-name"}, true},
				{bina.EnterpriseFilter{Query: "zahra", Sort: "-updated"}, true},
				{bina.EnterpriseFilter{Query: "zahra", Region: "61.12.01"}, false},
				{bina.EnterpriseFilter{Query: "zahra", KBLISection: "C", Binaan: "ya"}, false},
				{bina.EnterpriseFilter{Query: "zahra siti saputra"}, false},
				{bina.EnterpriseFilter{Query: "zahra siti", Sort: "-id"}, false},
				{bina.EnterpriseFilter{}, false},
				{bina.EnterpriseFilter{KBLISection: "C"}, false},
			} {
				f := tc.f
				f.Limit = 50
				want := ids(expectEnterprises(ref, all, "61.12", f))
				var got []int64
				var pages []bina.Page[bina.Enterprise]
				for page := 0; page < 3; page++ {
					p, err := s.ListEnterprises(system, f)
					must(t, err)
					wantTotal := min(len(want), 10_000)
					if !tc.capped {
						wantTotal = len(want)
					}
					if p.Total != wantTotal || p.TotalCapped != tc.capped {
						t.Errorf("%+v: total %d capped %v, want %d %v", tc.f, p.Total, p.TotalCapped, wantTotal, tc.capped)
					}
					got = append(got, ids(p.Items)...)
					pages = append(pages, p)
					if f.Cursor = p.Next; f.Cursor == "" {
						break
					}
				}
				if n := min(len(want), 150); !reflect.DeepEqual(got, want[:n]) {
					t.Errorf("drive %d, %+v: the first pages differ from the brute-force order", drive, tc.f)
				}
				// And back from the last page read.
				if n := len(pages); n > 1 {
					f.Cursor = pages[n-1].Prev
					p, err := s.ListEnterprises(system, f)
					must(t, err)
					if !reflect.DeepEqual(ids(p.Items), ids(pages[n-2].Items)) {
						t.Errorf("drive %d, %+v: back from page %d differs", drive, tc.f, n)
					}
				}
			}
		}
		sqlstore.SetFTSDriveMax(s, 10_000)
	})
}

// TestListEnterprisesInitialWord checks the pages by name of a capped
// one-word search that starts most names ("Keripik …"), which SQLite
// finds as a range of the name index merged with the other matches; and
// that a name breaking the range's assumption (an accent before the word)
// falls back to the walk with the same result.
func TestListEnterprisesInitialWord(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 10,200 records")
	}
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		all := genEnterprises(ref, 9, 0, 10_200)
		for i := range all {
			switch i % 10 {
			case 8:
				all[i].Name = "Usaha " + all[i].Name + " Keripik"
			case 9:
				all[i].TradeName = "Keripikku"
			default:
				all[i].Name = "Keripik " + all[i].Name
			}
		}
		must(t, s.BulkLoad(system, all, nil))
		check := func(t *testing.T, all []bina.Enterprise) {
			for _, tc := range []struct {
				f      bina.EnterpriseFilter
				capped bool
			}{
				{bina.EnterpriseFilter{Query: "keripik"}, true},
				{bina.EnterpriseFilter{Query: "Keripik", Sort: "-name"}, true},
				{bina.EnterpriseFilter{Query: "kerip"}, true},
				{bina.EnterpriseFilter{Query: "keripik", Region: "61.12.01"}, false},
				{bina.EnterpriseFilter{Query: "keripik", Binaan: "tidak", Sort: "-name"}, false},
			} {
				f := tc.f
				f.Limit = 40
				want := ids(expectEnterprises(ref, all, "61.12", f))
				var pages []bina.Page[bina.Enterprise]
				var got []int64
				for page := 0; page < 4; page++ {
					p, err := s.ListEnterprises(system, f)
					must(t, err)
					if p.TotalCapped != tc.capped {
						t.Errorf("%+v: capped %v", tc.f, p.TotalCapped)
					}
					got = append(got, ids(p.Items)...)
					pages = append(pages, p)
					if f.Cursor = p.Next; f.Cursor == "" {
						break
					}
				}
				if n := min(len(want), len(got)); n < min(len(want), 160) || !reflect.DeepEqual(got, want[:n]) {
					t.Errorf("%+v: the pages differ from the brute-force order", tc.f)
				}
				for i := len(pages) - 1; i > 0; i-- {
					f.Cursor = pages[i].Prev
					p, err := s.ListEnterprises(system, f)
					must(t, err)
					if !reflect.DeepEqual(ids(p.Items), ids(pages[i-1].Items)) {
						t.Errorf("%+v: back from page %d differs", tc.f, i)
					}
				}
			}
		}
		before := sqlstore.InitialPages(s)
		check(t, all)
		if s.Engine() == "sqlite" && sqlstore.InitialPages(s) == before {
			t.Error("no page was found by the name range")
		}
		// An accent before the word: the name is no longer in the range
		// of "keripik", so the walk is taken, with the same pages.
		x, err := s.FindEnterprise(system, all[0].ID)
		must(t, err)
		x.Name = "Kéripik Istimewa"
		must(t, s.UpdateEnterprise(system, x))
		all[0].Name, all[0].UpdatedAt = x.Name, x.UpdatedAt
		before = sqlstore.InitialPages(s)
		check(t, all)
		if n := sqlstore.InitialPages(s); n != before {
			t.Errorf("%d pages by the name range with a name outside it", n-before)
		}
	})
}
