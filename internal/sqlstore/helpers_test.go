package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// eachEngine runs fn as a subtest per engine with a fresh store.
func eachEngine(t *testing.T, fn func(t *testing.T, s *sqlstore.Store)) {
	t.Helper()
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			fn(t, sqlstoretest.Open(t, engine))
		})
	}
}

// eachEngineRaw runs fn per engine with a fresh store and a plain
// connection to the same database, to look at tables directly.
func eachEngineRaw(t *testing.T, fn func(t *testing.T, s *sqlstore.Store, db *sql.DB)) {
	t.Helper()
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s, db := openRaw(t, engine)
			fn(t, s, db)
		})
	}
}

// openRaw opens a migrated store and a plain *sql.DB on the same database.
func openRaw(t *testing.T, engine string) (*sqlstore.Store, *sql.DB) {
	t.Helper()
	dsn := sqlstoretest.DSN(t, engine)
	ref := sqlstoretest.Reference(t, bina.DefaultConfig())
	ref.Now = func() time.Time { return sqlstoretest.Now }
	s, err := sqlstore.Open(context.Background(), dsn, ref, sqlstoretest.Hasher{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s, rawDB(t, engine, dsn)
}

func rawDB(t testing.TB, engine, dsn string) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if engine == "postgres" {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// countRows returns the rows of each table.
func countRows(t *testing.T, db *sql.DB, tables ...string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range tables {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + tb).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", tb, err)
		}
		out[tb] = n
	}
	return out
}

// as returns a context whose actor has role (and region, for officers).
func as(role bina.Role, region bina.RegionCode) context.Context {
	return bina.WithUser(context.Background(), &bina.User{ID: 99, Name: string(role) + "-user", Role: role, Region: region})
}

var system = context.Background()

func wantCode(t *testing.T, err error, code bina.Code) {
	t.Helper()
	if bina.ErrorCode(err) != code {
		t.Fatalf("got error %v (code %q), want code %q", err, bina.ErrorCode(err), code)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Villages of Kubu Raya used by the tests: two in kecamatan 61.12.01
// (Sungai Raya), one in 61.12.02.
const (
	village1a = bina.RegionCode("61.12.01.2001")
	village1b = bina.RegionCode("61.12.01.2002")
	village2  = bina.RegionCode("61.12.02.2001")
)

// newEnterprise returns a valid enterprise in village.
func newEnterprise(name string, village bina.RegionCode) bina.Enterprise {
	lat, lon := -0.05, 109.35
	return bina.Enterprise{
		Name:      name,
		TradeName: "Merek " + name,
		Owner: bina.Owner{
			Name: "Siti Aminah", NIK: "6112014507850003", Gender: "P", BirthDate: bina.DateOf(1985, 7, 5),
			Phone: "0812 3456 7890", Education: "sma", Address: "Jl. Adisucipto No. 1",
		},
		NIB:         "1234567890123",
		KBLI:        []bina.KBLICode{{Code: "10794"}, {Code: "47111"}},
		MainProduct: "Keripik pisang",
		Address:     "Jl. Raya Kuala Dua",
		VillageCode: village,
		Latitude:    &lat, Longitude: &lon,
		StartYear: 2018, StartMonth: 3,
		Capital: 20_000_000, Assets: 35_000_000,
		Sales:           []bina.AnnualSales{{Year: 2024, Amount: 150_000_000}, {Year: 2025, Amount: 180_000_000}},
		WorkersPaidMale: 1, WorkersPaidFemale: 2,
		SizeReported: "mikro",
		Digital:      bina.Digital{SocialMedia: true, QRIS: true, Links: "https://instagram.com/x"},
		Binaan:       true, BinaanSince: bina.DateOf(2022, 1, 10),
	}
}

func mustCreate(t *testing.T, ctx context.Context, s *sqlstore.Store, e bina.Enterprise) bina.Enterprise {
	t.Helper()
	if err := s.CreateEnterprise(ctx, &e); err != nil {
		t.Fatalf("create %s: %v", e.Name, err)
	}
	return e
}

func isErr(err error, code bina.Code) bool {
	var e *bina.Error
	return errors.As(err, &e) && e.Code == code
}

// ---- a small deterministic generator of register data ----

var (
	genKinds    = []string{"Keripik", "Warung", "Toko", "Kerajinan", "Abon", "Kopi", "Bengkel", "Dodol", "Amplang", "Kue", "Jahit", "Salon", "Tambak", "Kebun", "Sembako", "Bakso", "Laundry", "Mebel"}
	genThings   = []string{"Pisang", "Ikan", "Udang", "Nanas", "Lidah Buaya", "Sawit", "Madu", "Kelapa", "Jagung", "Singkong", "Tenun", "Rotan", "Kepiting", "Durian", "Karet", "Sagu"}
	genBrands   = []string{"Bu Sari", "Barokah", "Berkah Jaya", "Sinar Mas", "Cahaya", "Mandiri", "Sejahtera", "Makmur", "Bersama", "Rizki", "Amanah", "Lestari", "Sentosa", "Harapan", "Kuala", "Khatulistiwa", "Ananda", "Pelangi", "Melati", "Sumber Rezeki"}
	genFirst    = []string{"Siti", "Ahmad", "Budi", "Dewi", "Eko", "Fitri", "Gusti", "Hendra", "Indah", "Joko", "Kartini", "Lukman", "Maya", "Nur", "Oktavia", "Putri", "Rahmat", "Sari", "Taufik", "Utin", "Wahyu", "Yanti", "Zainal", "Abang", "Dayang", "Hasan", "Lina", "Rudi", "Sri", "Yohanes"}
	genLast     = []string{"Aminah", "Saputra", "Wijaya", "Lestari", "Pratama", "Handayani", "Syahputra", "Kurniawan", "Rahayu", "Hidayat", "Susanti", "Setiawan", "Nugroho", "Permata", "Fauzi", "Ramadhan", "Anggraini", "Tan", "Lim", "Gunawan"}
	genKBLI     = []string{"10794", "10799", "10213", "01262", "03111", "47111", "56102", "10710", "13921", "95230", "47241", "31001", "96112", "45201", "01134", "47112"}
	genStatuses = []string{"aktif", "aktif", "aktif", "aktif", "aktif", "aktif", "tutup_sementara", "tutup", "pindah"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// genEnterprises returns n valid enterprises, the same for the same seed
// and start: record i of a run depends only on seed and start+i.
func genEnterprises(ref bina.Reference, seed uint64, start, n int) []bina.Enterprise {
	villages := ref.Regions.Villages()
	out := make([]bina.Enterprise, n)
	for i := range out {
		r := rand.New(rand.NewPCG(seed, uint64(start+i)))
		v := villages[r.IntN(len(villages))].Code
		female := r.IntN(2) == 0
		day := 1 + r.IntN(28)
		gender := "L"
		if female {
			day += 40
			gender = "P"
		}
		yy := 50 + r.IntN(50)
		dist := strings.ReplaceAll(string(v.Truncate(bina.LevelDistrict)), ".", "")
		e := bina.Enterprise{
			Name: fmt.Sprintf("%s %s %s", pick(r, genKinds), pick(r, genThings), pick(r, genBrands)),
			Owner: bina.Owner{
				Name:   pick(r, genFirst) + " " + pick(r, genLast),
				NIK:    fmt.Sprintf("%s%02d%02d%02d%04d", dist, day, 1+r.IntN(12), yy, 1+r.IntN(9999)),
				Gender: gender, Phone: fmt.Sprintf("08%010d", r.Int64N(10_000_000_000)),
				Education: pick(r, bina.Educations.Codes()), Address: fmt.Sprintf("RT %02d/RW %02d", 1+r.IntN(20), 1+r.IntN(10)),
			},
			KBLI:         []bina.KBLICode{{Code: pick(r, genKBLI)}},
			VillageCode:  v,
			StartYear:    1990 + r.IntN(35),
			Capital:      int64(1+r.IntN(200)) * 1_000_000,
			Status:       pick(r, genStatuses),
			Binaan:       r.IntN(10) < 3,
			Verification: pick(r, bina.Verifications.Codes()),
			Digital: bina.Digital{
				Marketplace: r.IntN(6) == 0, SocialMedia: r.IntN(3) == 0, Website: r.IntN(15) == 0,
				QRIS: r.IntN(4) == 0, DigitalBookkeeping: r.IntN(10) == 0,
			},
			Source: "demo",
		}
		if r.IntN(4) == 0 {
			e.TradeName = pick(r, genBrands)
		}
		if r.IntN(2) == 0 {
			e.NIB = fmt.Sprintf("%013d", r.Int64N(10_000_000_000_000))
		}
		if r.IntN(5) == 0 {
			if k := pick(r, genKBLI); k != e.KBLI[0].Code {
				e.KBLI = append(e.KBLI, bina.KBLICode{Code: k})
			}
		}
		switch x := r.IntN(100); {
		case x < 2:
			e.Sales = []bina.AnnualSales{{Year: 2025, Amount: int64(3+r.IntN(40)) * 1_000_000_000}}
		case x < 60:
			e.Sales = []bina.AnnualSales{{Year: 2025, Amount: int64(10+r.IntN(500)) * 1_000_000}, {Year: 2024, Amount: int64(10+r.IntN(500)) * 1_000_000}}
		case x < 70:
			e.Capital = 0 // size unknown
		}
		// Creation times over four years, with ties, for the -updated sort.
		e.CreatedAt = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(1400*24)) * time.Hour)
		out[i] = e
	}
	return out
}

func sqlstoreRef(t testing.TB) bina.Reference {
	return sqlstoretest.Reference(t, bina.DefaultConfig())
}

var (
	genCoopKinds = []string{"Koperasi Serba Usaha", "Koperasi Simpan Pinjam", "Koperasi Produsen", "Koperasi Konsumen", "Credit Union", "Koperasi Desa Merah Putih", "KUD"}
	genJenis     = []string{"serba_usaha", "simpan_pinjam", "produsen", "konsumen", "simpan_pinjam", "serba_usaha", "serba_usaha"}
)

// genCooperatives returns n valid cooperatives with officers, units and
// up to five RATs each.
func genCooperatives(ref bina.Reference, seed uint64, start, n int) []bina.Cooperative {
	villages := ref.Regions.Villages()
	out := make([]bina.Cooperative, n)
	for i := range out {
		r := rand.New(rand.NewPCG(seed^0xc00c, uint64(start+i)))
		k := r.IntN(len(genCoopKinds))
		c := bina.Cooperative{
			Name:               fmt.Sprintf("%s %s %s", genCoopKinds[k], pick(r, genBrands), pick(r, genThings)),
			RegistrationNumber: fmt.Sprintf("%016d", r.Int64N(1_000_000_000_000_000)),
			LegalNumber:        fmt.Sprintf("518.%02d/%d/BH/XIV.10/%d", r.IntN(99), r.IntN(500), 1990+r.IntN(35)),
			LegalDate:          bina.DateOf(1990+r.IntN(35), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
			Jenis:              genJenis[k],
			KDMP:               k == 5,
			VillageCode:        villages[r.IntN(len(villages))].Code,
			MembersFemale:      10 + r.IntN(300),
			MembersMale:        10 + r.IntN(300),
			Verification:       pick(r, bina.Verifications.Codes()),
			Source:             "demo",
			Officers: []bina.Officer{
				{Name: pick(r, genFirst) + " " + pick(r, genLast), Role: "ketua", Gender: "L", Phone: fmt.Sprintf("08%010d", r.Int64N(10_000_000_000))},
				{Name: pick(r, genFirst) + " " + pick(r, genLast), Role: "sekretaris", Gender: "P"},
				{Name: pick(r, genFirst) + " " + pick(r, genLast), Role: "bendahara", Gender: "P"},
			},
			Units: []bina.BusinessUnit{{Name: "Unit Simpan Pinjam", Kind: "simpan pinjam"}, {Name: "Gerai Sembako", Kind: "gerai sembako"}},
		}
		if k == 6 {
			c.Kelompok = "kud"
		}
		if r.IntN(3) == 0 {
			c.Amendments = []bina.Amendment{{Number: fmt.Sprintf("AHU-%04d.AH.01.29.TAHUN 2021", r.IntN(9999)), Date: bina.DateOf(2021, 5, 3)}}
		}
		last := 2025 - r.IntN(5)
		for y := last; y > last-5; y-- {
			c.RATs = append(c.RATs, bina.RAT{BookYear: y, HeldOn: bina.DateOf(y+1, time.Month(2+r.IntN(4)), 1+r.IntN(28)),
				MembersFemale: c.MembersFemale, MembersMale: c.MembersMale, SimpananPokok: int64(r.IntN(100)) * 1_000_000,
				Assets: int64(r.IntN(5000)) * 1_000_000, SHU: int64(r.IntN(200)-20) * 1_000_000})
		}
		c.CreatedAt = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(1500*24)) * time.Hour)
		out[i] = c
	}
	return out
}
