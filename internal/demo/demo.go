// Package demo generates the demo data of a deployment: the Kubu Raya case by default.
//
// Generate builds the reference case of DOMAIN.md section 1 over the
// villages of the deployment's region tree (Kabupaten Kubu Raya, 61.12, has
// 9 kecamatan and 123 desa; a tree rooted at a province or at all Indonesia
// spreads the same case over the villages inside the root):
//
//   - exactly 3,926 enterprises under the office's coaching (Binaan) and
//     4,000 more that are not, weighted towards Sungai Raya and Sungai Kakap
//     next to Pontianak, processing industry first, agriculture and
//     fisheries next, about 99 % mikro;
//   - exactly 428 active cooperatives that are not village cooperatives
//     (active under bina.ActiveCooperative with no tolerance: they held the
//     RAT of the last due book year), 91 inactive ones (no RAT for two years
//     or more, some never), and one Koperasi Desa Merah Putih (KDMP) per
//     village, founded in 2025. The office counted 428 active cooperatives
//     in 2019, before KDMP existed, so the 428 excludes them; a KDMP that
//     has already held the RAT of book year 2025 is active too, on top.
//
// Every record passes Normalize and Validate against the reference data (with
// the reference's clock at Now), but the data carries the problems an office really has, planted on purpose so
// that de-duplication, verification and reminders have something to find:
//
//   - DuplicatePairs (40) businesses entered twice in the same desa: the
//     copy comes from an old programme spreadsheet, with a slightly different
//     spelling of the business and owner names, an old sales figure, no NIB,
//     no coordinates, Verification "perlu_perbaikan" and Notes starting with
//     NoteOldSpreadsheet, which names the SourceID of the original;
//   - missing NIB (about 60 % of businesses, 45 % of binaan), missing
//     phone (about 9 %), missing NIK (about 8 %), no KBLI code (about 6 %);
//   - SizeReported "kecil" while the sales say mikro (about 2.5 %);
//   - SharedOwners (50) owners running two or three businesses each, with
//     the same Owner data repeated on every one;
//   - closed businesses (Status tutup, pindah or tidak_ditemukan) still
//     marked binaan, some with a field officer's note (NoteClosed);
//   - cooperatives whose registration certificate has expired
//     (CertificateExpiry before Now), boards whose terms have run out, and
//     RATs held whose report was never sent (ReportedOn zero).
//
// Output is deterministic for a given Seed and Now: every record draws from
// its own PCG stream (math/rand/v2) keyed by seed and index, so a record does
// not depend on which others were generated, and no map order reaches the
// output. Synthetic and Synthesizer add any number of further synthetic
// enterprises under the same rules, record by record (missing numbers,
// reported sizes, closed binaan), in batches of bounded memory; the
// duplicate pairs and shared owners belong to Generate's case only.
//
// SourceIDs are stable, so that a loader can tell a record it has already
// loaded: "demo-umkm-000001" for Generate's enterprises, "demo-synth-0000001"
// for Synthetic's, "demo-kop-0001" for cooperatives and "demo-kdmp-" with the
// village's code digits ("demo-kdmp-6112012001") for village cooperatives.
package demo

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"bina"
)

// Options control the generation.
type Options struct {
	Seed int64     // default 1
	Now  time.Time // the clock; generated dates are never after it (zero: time.Now())
}

// Data is the demo data of a deployment.
type Data struct {
	Enterprises  []bina.Enterprise
	Cooperatives []bina.Cooperative // each with its RATs filled, newest first
}

// The counts of the Kubu Raya case.
const (
	Binaan               = 3926 // enterprises under coaching
	NotBinaan            = 4000 // enterprises not under coaching
	ActiveCooperatives   = 428  // active, not KDMP
	InactiveCooperatives = 91   // not KDMP
	DuplicatePairs       = 40   // businesses entered twice
	SharedOwners         = 50   // owners with two or three businesses
)

// Markers at the start of Notes that let tests and demos find planted problems.
const (
	// NoteOldSpreadsheet starts the notes of the copy of a duplicate pair,
	// followed by the SourceID of the original: "Data lama (demo-umkm-000123): ...".
	NoteOldSpreadsheet = "Data lama"
	// NoteClosed starts a field officer's note on a closed business still
	// marked binaan.
	NoteClosed = "Kunjungan pendamping"
)

// Generate generates the reference case over ref.Regions (see the package
// comment). It returns empty Data when the tree has no village.
func Generate(ref bina.Reference, opt Options) Data {
	w := newWorld(ref, opt)
	if len(w.villages) == 0 {
		return Data{}
	}
	return Data{Enterprises: w.enterprises(), Cooperatives: w.cooperatives()}
}

// Synthetic returns n synthetic enterprises spread over every village of
// ref.Regions, numbered from offset: Synthetic(ref, opt, 50000, 50000) is
// the second batch of 50,000, and record k is the same whichever batch it
// is generated in. SourceIDs are "demo-synth-0000001" onwards, distinct
// from Generate's. Callers that generate many batches should keep one
// Synthesizer, which prepares the village table once.
func Synthetic(ref bina.Reference, opt Options, offset, n int) []bina.Enterprise {
	return NewSynthesizer(ref, opt).Batch(offset, n)
}

// Synthesizer generates synthetic enterprises in batches. It holds the
// village and activity tables of one deployment (for all Indonesia, 83,762
// villages) and is safe for concurrent use.
type Synthesizer struct {
	w *world
}

// NewSynthesizer prepares the tables for ref and opt.
func NewSynthesizer(ref bina.Reference, opt Options) *Synthesizer {
	return &Synthesizer{w: newWorld(ref, opt)}
}

// Batch returns the n synthetic enterprises numbered from offset (see
// Synthetic); nil when the tree has no village.
func (s *Synthesizer) Batch(offset, n int) []bina.Enterprise {
	if len(s.w.villages) == 0 || n <= 0 || offset < 0 {
		return nil
	}
	out := make([]bina.Enterprise, n)
	s.w.synthetic(out, offset)
	return out
}

// Fill overwrites dst with the synthetic enterprises numbered from offset,
// the same as Batch(offset, len(dst)). A caller that writes batches away
// one after the other can reuse one slice: a 50,000-record slice is 35 MB
// that need not be allocated (and scanned by the garbage collector) again.
// Fill leaves dst as it is when the tree has no village.
func (s *Synthesizer) Fill(dst []bina.Enterprise, offset int) {
	if len(s.w.villages) == 0 || offset < 0 {
		return
	}
	clear(dst)
	s.w.synthetic(dst, offset)
}

// Streams separate the random sequences of the kinds of things generated.
const (
	streamPlan uint64 = iota + 1
	streamOwner
	streamEnterprise
	streamSelect
	streamDuplicate
	streamCooperativePlan
	streamCooperative
	streamKDMP
	streamSynthPlan
	streamSynthOwner
	streamSynthEnterprise
	streamStory
	streamStoryCertificate
	streamStoryMilestone
)

// world is the prepared tables of one generation: villages with weights and
// rough coordinates, districts with their people and profile, the activity
// table reduced to the codes of the KBLI catalogue, and the clock.
type world struct {
	ref       bina.Reference
	seed      uint64
	now       time.Time
	today     bina.Date // the newest date generated: never after now in any zone
	year      int       // today's year
	tolerance int       // the deployment's RAT tolerance, for Cooperative.Active

	villages   []village
	villageCum weighted
	districts  []district

	acts     []activity
	section  []string     // KBLI section of each activity
	products [][][]string // per activity and name template: the products that fit the name
	actCum   [nProfiles]weighted
	big      []int // scalable activities
	bigCum   [nProfiles]weighted
}

type village struct {
	code      bina.RegionCode
	name      string
	district  int
	kelurahan bool
	lat, lon  float64 // rough centre
	jitter    float64 // spread of points around the centre, in degrees
}

type district struct {
	code    bina.RegionCode
	name    string
	regency string // "Kubu Raya"
	nik     string // the six digits a NIK issued there starts with: "611201"
	profile int
	ethnic  weighted
	local   bool // in Kubu Raya: local street names
	near    bool // close to Pontianak
}

func newWorld(ref bina.Reference, opt Options) *world {
	w := &world{ref: ref, seed: uint64(opt.Seed), now: opt.Now, tolerance: ref.Config.RATTolerance}
	if w.seed == 0 {
		w.seed = 1
	}
	if w.now.IsZero() {
		w.now = time.Now()
	}
	// A Date is midnight UTC: take the earlier of the local and UTC dates of
	// now, so that no generated date is after now in either.
	local, utc := bina.DateFromTime(w.now), bina.DateFromTime(w.now.UTC())
	w.today = local
	if utc.Before(local) {
		w.today = utc
	}
	w.year = w.today.Year()

	if ref.Regions != nil {
		w.prepareRegions(ref.Regions)
	}
	w.prepareActivities(ref.KBLI)
	return w
}

func (w *world) prepareRegions(t *bina.RegionTree) {
	vs := t.Villages()
	w.villages = make([]village, 0, len(vs))
	index := map[bina.RegionCode]int{}
	var count []int
	var kel []bool
	for _, v := range vs {
		dc := v.Code.Truncate(bina.LevelDistrict)
		di, ok := index[dc]
		if !ok {
			di = len(w.districts)
			index[dc] = di
			rc := dc.Truncate(bina.LevelRegency)
			d := district{
				code:    dc,
				name:    t.Name(dc),
				regency: strings.TrimPrefix(strings.TrimPrefix(t.Name(rc), "Kabupaten "), "Kota "),
				nik:     strings.ReplaceAll(string(dc), ".", ""),
				profile: mixed,
			}
			mix := ethnicMix(dc)
			if k, ok := kubuRaya[dc]; ok {
				d.profile, mix, d.local, d.near = k.profile, k.ethnic, true, k.near
			}
			d.ethnic = cumulative(mix[:])
			w.districts = append(w.districts, d)
			count = append(count, 0)
			kel = append(kel, false)
		}
		count[di]++
		if v.IsKelurahan() {
			kel[di] = true
		}
		w.villages = append(w.villages, village{code: v.Code, name: v.Name, district: di, kelurahan: v.IsKelurahan()})
	}
	// District weights: Kubu Raya's from its table (scaled so that the
	// regency weighs as its 123 villages), elsewhere the number of villages,
	// more for towns with kelurahan.
	dw := make([]float64, len(w.districts))
	for i := range w.districts {
		d := &w.districts[i]
		if k, ok := kubuRaya[d.code]; ok {
			dw[i] = k.share * 123
		} else {
			dw[i] = float64(count[i])
			if kel[i] {
				dw[i] *= 1.5
				d.profile = urban
			}
		}
	}
	// Village weights within a district: a factor derived from the code,
	// twice for the kecamatan's seat (the village of the same name), half
	// again for a kelurahan.
	f := make([]float64, len(w.villages))
	sum := make([]float64, len(w.districts))
	for i := range w.villages {
		v := &w.villages[i]
		d := &w.districts[v.district]
		a, b := unit(string(v.code))
		f[i] = 1 + 0.4*a
		if v.name == d.name {
			f[i] *= 2
		}
		if v.kelurahan {
			f[i] *= 1.5
		}
		sum[v.district] += f[i]
		lat, lon, r := centre(d.code)
		v.lat, v.lon = clampLat(lat+0.8*r*a), clampLon(lon+0.8*r*b)
		v.jitter = max(r/5, 0.01)
	}
	ws := make([]float64, len(w.villages))
	for i := range w.villages {
		di := w.villages[i].district
		ws[i] = dw[di] * f[i] / sum[di]
	}
	w.villageCum = cumulative(ws)
}

func (w *world) prepareActivities(cat *bina.KBLICatalog) {
	for _, a := range activities {
		e, ok := cat.Lookup(bina.KBLICode{Version: bina.KBLI2020, Code: a.code})
		if !ok {
			continue // not in this catalogue: never emit a code Validate rejects
		}
		if a.also != "" {
			if _, ok := cat.Lookup(bina.KBLICode{Version: bina.KBLI2020, Code: a.also}); !ok {
				a.also = ""
			}
		}
		w.acts = append(w.acts, a)
		w.section = append(w.section, e.Section)
		w.products = append(w.products, fitting(a))
		if a.scalable {
			w.big = append(w.big, len(w.acts)-1)
		}
	}
	for p := 0; p < nProfiles; p++ {
		ws := make([]float64, len(w.acts))
		for i, a := range w.acts {
			if p == mixed {
				ws[i] = (a.w[0] + a.w[1] + a.w[2]) / 3
			} else {
				ws[i] = a.w[p]
			}
		}
		w.actCum[p] = cumulative(ws)
		bs := make([]float64, len(w.big))
		for i, j := range w.big {
			bs[i] = ws[j]
		}
		w.bigCum[p] = cumulative(bs)
	}
}

// rng is a PCG generator (math/rand/v2) that can be positioned at the start
// of any record's own sequence. It draws from the PCG directly rather than
// through rand.Rand's Source interface: a record takes about a hundred
// draws, and Synthetic generates hundreds of thousands of records a second.
type rng struct {
	src *rand.PCG
}

func newRNG() *rng { return &rng{src: rand.NewPCG(0, 0)} }

// Float64 returns a number in [0, 1).
func (r *rng) Float64() float64 { return float64(r.src.Uint64()>>11) * 0x1p-53 }

// IntN returns a number in [0, n), n > 0, by Lemire's multiplication; its
// bias (below n/2^64) does not matter here.
func (r *rng) IntN(n int) int {
	hi, _ := bits.Mul64(r.src.Uint64(), uint64(n))
	return int(hi)
}

// ExpFloat64 returns an exponentially distributed number with mean 1.
func (r *rng) ExpFloat64() float64 { return -math.Log(1 - r.Float64()) }

// at positions r at the start of the sequence of record idx of stream.
func (r *rng) at(seed, stream uint64, idx int) {
	r.src.Seed(splitmix(seed^(stream*0x9e3779b97f4a7c15)), splitmix(uint64(idx)^(stream<<56)))
}

func (r *rng) chance(p float64) bool { return r.Float64() < p }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// uniform returns a number in [lo, hi).
func (r *rng) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// logUniform returns a number between lo and hi whose logarithm is uniform:
// small businesses far outnumber big ones.
func (r *rng) logUniform(lo, hi float64) float64 {
	return lo * math.Exp(r.Float64()*math.Log(hi/lo))
}

func pick[T any](r *rng, list []T) T { return list[r.IntN(len(list))] }

// splitmix is the SplitMix64 finaliser: it spreads neighbouring seeds apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// weighted is a cumulative weight table.
type weighted []float64

func cumulative(ws []float64) weighted {
	c := make(weighted, len(ws))
	sum := 0.0
	for i, x := range ws {
		sum += x
		c[i] = sum
	}
	return c
}

// pick returns an index with probability proportional to its weight.
func (c weighted) pick(r *rng) int {
	u := r.Float64() * c[len(c)-1]
	return sort.Search(len(c), func(i int) bool { return c[i] > u })
}

// Dates.

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func daysIn(y int, m time.Month) int {
	if m == time.February && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return 29
	}
	return monthDays[m]
}

// dateIn returns a day between lo and hi, inclusive; hi when lo is after hi.
func (r *rng) dateIn(lo, hi bina.Date) bina.Date {
	days := int(hi.Time().Sub(lo.Time()).Hours() / 24)
	if days <= 0 {
		return hi
	}
	return bina.DateFromTime(lo.Time().AddDate(0, 0, r.IntN(days+1)))
}

// point returns a point near village v, to the metre.
func (w *world) point(r *rng, v *village) (lat, lon float64) {
	lat = math.Round(clampLat(v.lat+v.jitter*r.uniform(-1, 1))*1e6) / 1e6
	lon = math.Round(clampLon(v.lon+v.jitter*r.uniform(-1, 1))*1e6) / 1e6
	return lat, lon
}

// notAfterToday returns the earlier of d and the world's today.
func (w *world) notAfterToday(d bina.Date) bina.Date {
	if d.After(w.today) {
		return w.today
	}
	return d
}

// Money.

const (
	juta   = 1_000_000
	miliar = 1_000_000_000
)

// money rounds an amount the way people report it: to Rp 100,000 below
// Rp 100 juta, to the juta above.
func money(x float64) int64 {
	switch {
	case x <= 0:
		return 0
	case x < 100*juta:
		return int64(math.Round(x/100_000)) * 100_000
	}
	return int64(math.Round(x/juta)) * juta
}

// rupiah rounds an amount in a financial report to Rp 1,000.
func rupiah(x float64) int64 { return int64(math.Round(x/1000)) * 1000 }

// Digits.

func appendDigits(b []byte, r *rng, n int) []byte {
	for i := 0; i < n; i++ {
		b = append(b, byte('0'+r.IntN(10)))
	}
	return b
}

func appendPadded(b []byte, x, width int) []byte {
	var tmp [12]byte
	i := len(tmp)
	for x > 0 || i == len(tmp) {
		i--
		tmp[i] = byte('0' + x%10)
		x /= 10
	}
	for n := len(tmp) - i; n < width; n++ {
		b = append(b, '0')
	}
	return append(b, tmp[i:]...)
}

// appendPhone appends a mobile number in the 08... form.
func appendPhone(b []byte, r *rng) []byte {
	b = append(b, pick(r, phonePrefixes)...)
	return appendDigits(b, r, r.between(7, 8))
}

// phone returns a mobile number in the 08... form.
func phone(r *rng) string { return string(appendPhone(make([]byte, 0, 13), r)) }

// regencyOf returns the short name of the regency of a village ("Kubu Raya").
func (w *world) regencyOf(v *village) string { return w.districts[v.district].regency }
