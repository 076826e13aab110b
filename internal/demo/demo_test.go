package demo

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"bina"
	"bina/internal/refdata"
)

// testNow is a morning in Pontianak (WIB, UTC+7): the local date is a day
// ahead of UTC for the first hours, which tests the date clamping.
var testNow = time.Date(2026, time.November, 28, 6, 30, 0, 0, time.FixedZone("WIB", 7*3600))

func mustRef(t testing.TB, root bina.RegionCode, now time.Time) bina.Reference {
	t.Helper()
	cfg := bina.DefaultConfig()
	cfg.Region = root
	ref, err := refdata.Reference(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ref.Now = func() time.Time { return now }
	return ref
}

// checkValid fails when a record does not pass Normalize and Validate, as a
// store would call them.
func checkValid(t *testing.T, ref bina.Reference, d Data) {
	t.Helper()
	now := ref.Clock()
	bad := 0
	report := func(what string, err error) {
		t.Helper()
		if bad++; bad <= 10 {
			var be *bina.Error
			if errors.As(err, &be) {
				t.Errorf("%s: %v %+v", what, err, be.Fields)
			} else {
				t.Errorf("%s: %v", what, err)
			}
		}
	}
	for _, e := range d.Enterprises {
		e.Normalize()
		if err := e.Validate(ref); err != nil {
			report("enterprise "+e.SourceID+" "+e.Name, err)
		}
	}
	for _, c := range d.Cooperatives {
		c.Normalize()
		if err := c.Validate(ref, bina.DefaultKelompoks); err != nil {
			report("cooperative "+c.SourceID+" "+c.Name, err)
		}
		for _, r := range c.RATs {
			if err := r.Validate(now); err != nil {
				report(fmt.Sprintf("cooperative %s RAT %d", c.SourceID, r.BookYear), err)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d invalid records", bad)
	}
}

func TestKBLICodesExist(t *testing.T) {
	ref := mustRef(t, "61.12", testNow)
	check := func(what, code string) {
		if code == "" {
			return
		}
		if _, ok := ref.KBLI.Lookup(bina.KBLICode{Version: bina.KBLI2020, Code: code}); !ok {
			t.Errorf("%s: KBLI %s is not in KBLI 2020", what, code)
		}
	}
	for _, a := range activities {
		check("activity "+a.code, a.code)
		check("activity "+a.code+" also", a.also)
	}
	for _, k := range coopKinds {
		check("cooperative kind "+k.key, k.kbli)
	}
	for _, l := range jasaLines {
		check("jasa "+l[0], l[1])
	}
	for _, c := range []string{"64143", "64145", "64146", "47112"} {
		check("cooperative", c)
	}
}

func TestProductsFitNames(t *testing.T) {
	for _, a := range activities {
		for i, ps := range fitting(a) {
			if len(ps) == 0 {
				t.Errorf("%s template %q: no product", a.code, a.names[i].prefix)
			}
		}
	}
	a := activities[0] // 10794: kerupuk and keripik
	for i, n := range a.names {
		if n.prefix == "Keripik Nanas" {
			if got := fitting(a)[i]; len(got) != 1 || got[0] != "Keripik nanas" {
				t.Errorf("Keripik Nanas sells %v", got)
			}
		}
	}
}

func TestGenerateKubuRaya(t *testing.T) {
	ref := mustRef(t, "61.12", testNow)
	d := Generate(ref, Options{Seed: 1, Now: testNow})
	checkValid(t, ref, d)

	t.Run("enterprises", func(t *testing.T) {
		if got, want := len(d.Enterprises), Binaan+NotBinaan; got != want {
			t.Errorf("enterprises = %d, want %d", got, want)
		}
		binaan, mikro, sized := 0, 0, 0
		perDistrict := map[bina.RegionCode]int{}
		perVillage := map[bina.RegionCode]int{}
		sections := map[string]int{}
		ids := map[string]bool{}
		women, coords := 0, 0
		for _, e := range d.Enterprises {
			if e.Binaan {
				binaan++
			}
			if ids[e.SourceID] {
				t.Errorf("SourceID %s twice", e.SourceID)
			}
			ids[e.SourceID] = true
			if e.Source != "demo" {
				t.Errorf("%s: source %q", e.SourceID, e.Source)
			}
			e.Normalize()
			if e.SizeComputed != "" {
				sized++
				if e.SizeComputed == "mikro" {
					mikro++
				}
			}
			perDistrict[e.VillageCode.Truncate(bina.LevelDistrict)]++
			perVillage[e.VillageCode]++
			if k, ok := ref.KBLI.Lookup(e.MainKBLI()); ok {
				sections[k.Section]++
			}
			if e.Owner.Gender == "P" {
				women++
			}
			if e.Latitude != nil {
				coords++
				if *e.Latitude < -1.3 || *e.Latitude > 0.1 || *e.Longitude < 108.9 || *e.Longitude > 110 {
					t.Errorf("%s: (%f, %f) is not in Kubu Raya", e.SourceID, *e.Latitude, *e.Longitude)
				}
			}
			if e.Owner.NIK != "" {
				birth, g, ok := bina.NIKBirthDate(e.Owner.NIK, testNow)
				if !ok || birth != e.Owner.BirthDate || g != e.Owner.Gender {
					t.Errorf("%s: NIK %s says %s %s, owner %s %s", e.SourceID, e.Owner.NIK, birth, g, e.Owner.BirthDate, e.Owner.Gender)
				}
			}
			if e.Binaan && e.BinaanSince.IsZero() {
				t.Errorf("%s: binaan without a date", e.SourceID)
			}
		}
		if binaan != Binaan {
			t.Errorf("binaan = %d, want %d", binaan, Binaan)
		}
		if len(perDistrict) != 9 {
			t.Errorf("kecamatan with enterprises = %d, want 9", len(perDistrict))
		}
		if len(perVillage) != 123 {
			t.Errorf("desa with enterprises = %d, want 123", len(perVillage))
		}
		if share := float64(mikro) / float64(sized); share < 0.98 || share > 0.997 {
			t.Errorf("mikro share = %.4f, want 0.98-0.997", share)
		}
		type kv struct {
			k string
			v int
		}
		var secs []kv
		for k, v := range sections {
			secs = append(secs, kv{k, v})
		}
		sort.Slice(secs, func(i, j int) bool { return secs[i].v > secs[j].v })
		if len(secs) < 2 || secs[0].k != "C" || secs[1].k != "A" {
			t.Errorf("largest sections = %v, want C then A", secs)
		}
		if s := float64(women) / float64(len(d.Enterprises)); s < 0.4 || s > 0.6 {
			t.Errorf("women owners = %.2f, want about half", s)
		}
		if s := float64(coords) / float64(len(d.Enterprises)); s < 0.5 || s > 0.7 {
			t.Errorf("with coordinates = %.2f, want about 0.6", s)
		}
		if perDistrict["61.12.01"] <= perDistrict["61.12.05"] || perDistrict["61.12.09"] <= perDistrict["61.12.04"] {
			t.Errorf("Sungai Raya and Sungai Kakap must be larger than Batu Ampar and Terentang: %v", perDistrict)
		}
	})

	t.Run("cooperatives", func(t *testing.T) {
		due := bina.LastDueBookYear(testNow)
		active, inactive := 0, 0
		kdmp := map[bina.RegionCode]int{}
		sekunder, syariah, bigCU := 0, 0, 0
		jenis := map[string]int{}
		for _, c := range d.Cooperatives {
			last := 0
			for i, r := range c.RATs {
				if r.HeldOn.IsZero() {
					t.Errorf("%s: RAT %d not held", c.SourceID, r.BookYear)
				}
				if i > 0 && r.BookYear >= c.RATs[i-1].BookYear {
					t.Errorf("%s: RATs not newest first", c.SourceID)
				}
				last = max(last, r.BookYear)
			}
			if last != c.LastRATYear {
				t.Errorf("%s: LastRATYear %d, RATs say %d", c.SourceID, c.LastRATYear, last)
			}
			if c.KDMP {
				kdmp[c.VillageCode]++
				if c.Kelompok != "kdmp" || len(c.Units) < 3 {
					t.Errorf("%s: KDMP kelompok %q, %d units", c.SourceID, c.Kelompok, len(c.Units))
				}
				continue
			}
			jenis[c.Jenis]++
			if bina.ActiveCooperative(c.LastRATYear, testNow, 0) {
				active++
			} else {
				inactive++
				if c.LastRATYear > due-2 {
					t.Errorf("%s: inactive with a RAT for %d (due %d)", c.SourceID, c.LastRATYear, due)
				}
			}
			if c.Bentuk == "sekunder" {
				sekunder++
			}
			if c.Pola == "syariah" {
				syariah++
			}
			if c.Kelompok == "credit_union" && c.Members() >= 4000 {
				bigCU++
			}
		}
		if active != ActiveCooperatives || inactive != InactiveCooperatives {
			t.Errorf("active %d, inactive %d; want %d and %d", active, inactive, ActiveCooperatives, InactiveCooperatives)
		}
		if len(kdmp) != 123 {
			t.Errorf("villages with a KDMP = %d, want 123", len(kdmp))
		}
		for v, n := range kdmp {
			if n != 1 {
				t.Errorf("%s has %d KDMP", v, n)
			}
		}
		if sekunder < 2 || sekunder > 3 || syariah == 0 || bigCU < 3 {
			t.Errorf("sekunder %d, syariah %d, credit unions with thousands of members %d", sekunder, syariah, bigCU)
		}
		if jenis["simpan_pinjam"] < jenis["konsumen"] || len(jenis) != len(bina.Jenises) {
			t.Errorf("jenis mix %v", jenis)
		}
	})

	t.Run("planted problems", func(t *testing.T) {
		bySource := map[string]bina.Enterprise{}
		for _, e := range d.Enterprises {
			bySource[e.SourceID] = e
		}
		dups := 0
		dupIDs := map[string]bool{}
		for _, e := range d.Enterprises {
			if !strings.HasPrefix(e.Notes, NoteOldSpreadsheet) {
				continue
			}
			dups++
			dupIDs[e.SourceID] = true
			origID := e.Notes[len(NoteOldSpreadsheet)+2 : strings.IndexByte(e.Notes, ')')]
			dupIDs[origID] = true
			o, ok := bySource[origID]
			switch {
			case !ok:
				t.Errorf("%s: original %s not found", e.SourceID, origID)
			case o.VillageCode != e.VillageCode || o.Name == e.Name || e.Verification != "perlu_perbaikan":
				t.Errorf("%s: not a near-duplicate of %s: %q / %q in %s / %s", e.SourceID, origID, e.Name, o.Name, e.VillageCode, o.VillageCode)
			}
		}
		if dups != DuplicatePairs {
			t.Errorf("duplicates = %d, want %d", dups, DuplicatePairs)
		}

		owners := map[string][]string{}
		for _, e := range d.Enterprises {
			if dupIDs[e.SourceID] {
				continue
			}
			b, _ := json.Marshal(e.Owner)
			owners[string(b)] = append(owners[string(b)], e.SourceID)
		}
		shared := 0
		for _, ids := range owners {
			if len(ids) >= 2 {
				shared++
				if len(ids) > 3 {
					t.Errorf("owner with %d businesses: %v", len(ids), ids)
				}
			}
		}
		if shared != SharedOwners {
			t.Errorf("owners with several businesses = %d, want %d", shared, SharedOwners)
		}

		var noNIB, noPhone, noKBLI, kecilReported, closedBinaan, noted int
		for _, e := range d.Enterprises {
			e.Normalize()
			if e.NIB == "" {
				noNIB++
			}
			if e.Owner.Phone == "" {
				noPhone++
			}
			if len(e.KBLI) == 0 {
				noKBLI++
			}
			if e.SizeReported == "kecil" && e.SizeComputed == "mikro" {
				kecilReported++
			}
			if e.Binaan && (e.Status == "tutup" || e.Status == "pindah" || e.Status == "tidak_ditemukan") {
				closedBinaan++
				if strings.HasPrefix(e.Notes, NoteClosed) {
					noted++
				}
			}
		}
		n := float64(len(d.Enterprises))
		if s := float64(noNIB) / n; s < 0.55 || s > 0.75 {
			t.Errorf("without NIB = %.2f, want about 0.65", s)
		}
		if noPhone == 0 || noKBLI == 0 || kecilReported == 0 || closedBinaan == 0 || noted == 0 {
			t.Errorf("no phone %d, no KBLI %d, kecil reported but mikro %d, closed binaan %d (noted %d)", noPhone, noKBLI, kecilReported, closedBinaan, noted)
		}

		var expired, unreported int
		today := bina.DateFromTime(testNow)
		for _, c := range d.Cooperatives {
			if !c.CertificateExpiry.IsZero() && c.CertificateExpiry.Before(today) {
				expired++
			}
			for _, r := range c.RATs {
				if r.ReportedOn.IsZero() {
					unreported++
				}
			}
		}
		if expired == 0 || unreported == 0 {
			t.Errorf("expired certificates %d, RATs without report %d", expired, unreported)
		}
	})
}

// TestRATSeason generates in March, before this year's meetings are due:
// the last due book year is two years back and the counts still hold.
func TestRATSeason(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, time.March, 15, 10, 0, 0, 0, time.UTC),
		time.Date(2026, time.July, 1, 0, 30, 0, 0, time.FixedZone("WIB", 7*3600)),
		time.Date(2025, time.January, 2, 10, 0, 0, 0, time.UTC),
		time.Date(2029, time.September, 1, 10, 0, 0, 0, time.UTC),
	} {
		t.Run(now.Format(time.DateOnly), func(t *testing.T) {
			ref := mustRef(t, "61.12", now)
			d := Generate(ref, Options{Seed: 7, Now: now})
			checkValid(t, ref, d)
			active := 0
			for _, c := range d.Cooperatives {
				if !c.KDMP && bina.ActiveCooperative(c.LastRATYear, now, 0) {
					active++
				}
			}
			if active != ActiveCooperatives {
				t.Errorf("active = %d, want %d", active, ActiveCooperatives)
			}
		})
	}
}

func digest(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

func TestDeterministic(t *testing.T) {
	ref := mustRef(t, "61.12", testNow)
	a := digest(t, Generate(ref, Options{Seed: 1, Now: testNow}))
	b := digest(t, Generate(ref, Options{Seed: 1, Now: testNow}))
	if a != b {
		t.Error("two runs with the same seed differ")
	}
	if c := digest(t, Generate(ref, Options{Now: testNow})); c != a {
		t.Error("seed 0 must mean seed 1")
	}
	if c := digest(t, Generate(ref, Options{Seed: 2, Now: testNow})); c == a {
		t.Error("seeds 1 and 2 give the same data")
	}
}

func TestSynthetic(t *testing.T) {
	ref := mustRef(t, "61.12", testNow)
	opt := Options{Seed: 3, Now: testNow}
	all := Synthetic(ref, opt, 0, 2000)
	s := NewSynthesizer(ref, opt)
	first, second := s.Batch(0, 1000), s.Batch(1000, 1000)
	if digest(t, all[:1000]) != digest(t, first) || digest(t, all[1000:]) != digest(t, second) {
		t.Error("batches differ from one run")
	}
	if digest(t, Synthetic(ref, opt, 1000, 1000)) != digest(t, second) {
		t.Error("Synthetic is not deterministic")
	}
	reused := s.Batch(0, 1000)
	s.Fill(reused, 1000)
	if digest(t, reused) != digest(t, second) {
		t.Error("Fill into a used slice differs from Batch")
	}
	ids := map[string]bool{}
	villages := map[bina.RegionCode]bool{}
	for _, e := range Generate(ref, Options{Seed: 3, Now: testNow}).Enterprises {
		ids[e.SourceID] = true
	}
	for _, e := range all {
		if ids[e.SourceID] {
			t.Fatalf("SourceID %s twice", e.SourceID)
		}
		ids[e.SourceID] = true
		villages[e.VillageCode] = true
	}
	if len(villages) != 123 {
		t.Errorf("villages = %d, want 123", len(villages))
	}
	if all[0].Name == all[1].Name && all[0].Owner.Name == all[1].Owner.Name {
		t.Error("consecutive records look alike")
	}
	checkValid(t, ref, Data{Enterprises: all})
}

// TestWiderRoots spreads the case over West Kalimantan and a synthetic
// sample over all Indonesia.
func TestWiderRoots(t *testing.T) {
	ref := mustRef(t, "61", testNow)
	d := Generate(ref, Options{Seed: 1, Now: testNow})
	checkValid(t, ref, d)
	if got, want := len(d.Cooperatives), ActiveCooperatives+InactiveCooperatives+len(ref.Regions.Villages()); got != want {
		t.Errorf("cooperatives = %d, want %d", got, want)
	}
	if testing.Short() {
		return
	}
	ref = mustRef(t, "", testNow)
	s := NewSynthesizer(ref, Options{Now: testNow})
	sample := s.Batch(999_000, 1000)
	checkValid(t, ref, Data{Enterprises: sample})
	provinces := map[bina.RegionCode]bool{}
	for _, e := range s.Batch(0, 20000) {
		provinces[e.VillageCode.Truncate(bina.LevelProvince)] = true
	}
	if len(provinces) < 30 {
		t.Errorf("provinces = %d", len(provinces))
	}
}

func TestEmptyTree(t *testing.T) {
	if d := Generate(bina.Reference{}, Options{}); len(d.Enterprises)+len(d.Cooperatives) != 0 {
		t.Error("data without a region tree")
	}
	if Synthetic(bina.Reference{}, Options{}, 0, 10) != nil {
		t.Error("synthetic data without a region tree")
	}
}

func BenchmarkGenerate(b *testing.B) {
	ref := mustRef(b, "61.12", testNow)
	b.ReportAllocs()
	for b.Loop() {
		Generate(ref, Options{Seed: 1, Now: testNow})
	}
}

func BenchmarkSynthetic50k(b *testing.B) {
	ref := mustRef(b, "61.12", testNow)
	s := NewSynthesizer(ref, Options{Seed: 1, Now: testNow})
	b.ReportAllocs()
	for b.Loop() {
		s.Batch(0, 50_000)
	}
	b.ReportMetric(float64(50_000*b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkSyntheticFill50k generates batches into one reused slice, as a
// loader writing a million records would.
func BenchmarkSyntheticFill50k(b *testing.B) {
	ref := mustRef(b, "61.12", testNow)
	s := NewSynthesizer(ref, Options{Seed: 1, Now: testNow})
	dst := make([]bina.Enterprise, 50_000)
	b.ReportAllocs()
	offset := 0
	for b.Loop() {
		s.Fill(dst, offset)
		offset += len(dst)
	}
	b.ReportMetric(float64(50_000*b.N)/b.Elapsed().Seconds(), "records/s")
}
