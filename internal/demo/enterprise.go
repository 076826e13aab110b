package demo

import (
	"sort"
	"time"

	"bina"
)

// Size classes a plan can draw. About 1 % of businesses are kecil and a
// handful menengah, the rest mikro: the national register has 99.8 % mikro,
// a coaching office's list a little fewer.
const (
	mikro uint8 = iota
	kecil
	menengah
)

const (
	shareMenengah = 0.0012
	shareKecil    = 0.0100
)

// plan is what is decided about an enterprise before it is generated: where
// it is, what it does, how big it is, whether it is binaan and whose owner
// runs it.
type plan struct {
	village int
	act     int
	class   uint8
	binaan  bool
	owner   int     // index of the record whose owner runs this business
	score   float64 // likelihood of being under coaching
}

// plan draws the plan of record idx; village >= 0 fixes the village.
func (w *world) plan(r *rng, stream uint64, idx, village int) plan {
	r.at(w.seed, stream, idx)
	p := plan{village: village, owner: idx}
	if p.village < 0 {
		p.village = w.villageCum.pick(r)
	}
	d := &w.districts[w.villages[p.village].district]
	u := r.Float64()
	switch {
	case u < shareMenengah && len(w.big) > 0:
		p.class = menengah
	case u < shareMenengah+shareKecil && len(w.big) > 0:
		p.class = kecil
	}
	if p.class == mikro {
		p.act = w.actCum[d.profile].pick(r)
	} else {
		p.act = w.big[w.bigCum[d.profile].pick(r)]
	}
	// The office coaches processing industry first (its programmes are
	// about food products, packaging and halal), and reaches the kecamatan
	// near Pontianak more easily than the river and mangrove villages.
	p.score = r.Float64()
	switch w.section[p.act] {
	case "C":
		p.score += 0.3
	case "I", "S":
		p.score += 0.1
	case "G":
		p.score -= 0.1
	}
	if p.class != mikro {
		p.score += 0.2
	}
	if d.near || d.profile == urban {
		p.score += 0.1
	}
	return p
}

// enterprises generates the Kubu Raya case: plans, shared owners, the
// binaan selection, the records, then the duplicates.
func (w *world) enterprises() []bina.Enterprise {
	n := Binaan + NotBinaan
	r := newRNG()
	nv := len(w.villages)
	// The first records visit every village once, so that every desa has
	// businesses whatever the seed; the rest follow the weights.
	fixed := min(nv, n/4)
	plans := make([]plan, n)
	for i := range plans {
		v := -1
		if i < fixed {
			v = i
		}
		plans[i] = w.plan(r, streamPlan, i, v)
	}

	sel := newRNG()
	sel.at(w.seed, streamSelect, 0)
	role := make([]uint8, n) // 0 free, 1 shared owner's first business, 2 further business, 3 duplicate copy
	free := func(lo int) int {
		for {
			i := lo + sel.IntN(n-lo)
			if role[i] == 0 {
				return i
			}
		}
	}
	for k := 0; k < SharedOwners && n-fixed > 4*SharedOwners; k++ {
		i := free(fixed)
		role[i] = 1
		extra := 1
		if k%10 < 3 {
			extra = 2
		}
		for ; extra > 0; extra-- {
			j := free(fixed)
			role[j] = 2
			plans[j].owner = i
			plans[j].village = plans[i].village
		}
	}

	// Exactly Binaan records are under coaching: those with the highest
	// scores, ties broken by index.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		pa, pb := plans[order[a]].score, plans[order[b]].score
		if pa != pb {
			return pa > pb
		}
		return order[a] < order[b]
	})
	for _, i := range order[:min(Binaan, n)] {
		plans[i].binaan = true
	}

	out := make([]bina.Enterprise, n)
	a := &arena{}
	owners := newRNG()
	t := &text{}
	for i := range out {
		m := t.mark()
		t.buf = appendPadded(append(t.buf, "demo-umkm-"...), i+1, 6)
		t.assign(&out[i].SourceID, m)
		who := w.owner(&out[i].Owner, t, owners, streamOwner, plans[i].owner, plans[plans[i].owner])
		w.enterprise(&out[i], t, r, streamEnterprise, i, plans[i], who, a)
		t.flush()
	}

	// Duplicates: a binaan record, outside the fixed ones and the shared
	// owners, is replaced by a copy of another business from an old
	// programme spreadsheet. The copy stays binaan, so the count holds.
	if n-fixed > 4*DuplicatePairs {
		for k := 0; k < DuplicatePairs; k++ {
			j := free(fixed)
			for !plans[j].binaan {
				j = free(fixed)
			}
			role[j] = 3
			// The original: an operating business old enough to have been
			// in a programme a few years ago.
			i := free(0)
			for out[i].Status != "aktif" || out[i].StartYear > 2021 {
				i = free(0)
			}
			role[i] = 3
			r.at(w.seed, streamDuplicate, k)
			out[j] = w.oldSpreadsheetCopy(r, out[i], out[j].SourceID, a)
		}
	}
	return out
}

// synthetic fills out, zeroed, with records offset... of the synthetic set:
// one in four visits the villages in turn, the rest follow the weights.
func (w *world) synthetic(out []bina.Enterprise, offset int) {
	r, owners := newRNG(), newRNG()
	a := &arena{}
	t := &text{}
	nv := len(w.villages)
	for k := range out {
		idx := offset + k
		v := -1
		if idx%4 == 0 {
			v = (idx / 4) % nv
		}
		p := w.plan(r, streamSynthPlan, idx, v)
		p.binaan = p.score > 0.7
		m := t.mark()
		t.buf = appendPadded(append(t.buf, "demo-synth-"...), idx+1, 7)
		t.assign(&out[k].SourceID, m)
		who := w.owner(&out[k].Owner, t, owners, streamSynthOwner, idx, p)
		w.enterprise(&out[k], t, r, streamSynthEnterprise, idx, p, who, a)
		t.flush()
	}
}

// arena hands out small slices cut from shared blocks, so that a batch of
// records needs few allocations. Each slice is capped at its length: an
// append by a caller reallocates rather than overwriting a neighbour.
type arena struct {
	sales  []bina.AnnualSales
	kbli   []bina.KBLICode
	floats []float64
}

func (a *arena) salesN(n int) []bina.AnnualSales {
	if len(a.sales) < n {
		a.sales = make([]bina.AnnualSales, 4096)
	}
	s := a.sales[:n:n]
	a.sales = a.sales[n:]
	return s
}

func (a *arena) kbliN(n int) []bina.KBLICode {
	if len(a.kbli) < n {
		a.kbli = make([]bina.KBLICode, 2048)
	}
	s := a.kbli[:n:n]
	a.kbli = a.kbli[n:]
	return s
}

func (a *arena) float(x float64) *float64 {
	if len(a.floats) == 0 {
		a.floats = make([]float64, 2048)
	}
	p := &a.floats[0]
	*p = x
	a.floats = a.floats[1:]
	return p
}

// person is what the enterprise needs to know of its owner beyond the
// Owner fields: the group (for honorifics) and where the name and the home
// address lie in the record's text buffer.
type person struct {
	eth     ethnicity
	name    [2]int
	address [2]int
}

// owner fills o with the person who runs the business of plan p (record
// idx), writing the strings to t. Records are filled in place: an
// Enterprise is large, and copying it costs more than generating it.
func (w *world) owner(o *bina.Owner, t *text, r *rng, stream uint64, idx int, p plan) person {
	r.at(w.seed, stream, idx)
	v := &w.villages[p.village]
	d := &w.districts[v.district]
	who := person{eth: ethnicity(d.ethnic.pick(r))}
	female := r.chance(w.acts[p.act].female)
	m := t.mark()
	t.buf = appendPersonName(t.buf, r, who.eth, female)
	who.name = [2]int{m, t.mark()}
	t.assign(&o.Name, m)
	o.Gender = "L"
	if female {
		o.Gender = "P"
	}
	age := 19 + r.IntN(27) + r.IntN(25) // 19 to 69, most between 35 and 55
	y, mo := w.year-age, time.Month(1+r.IntN(12))
	day := 1 + r.IntN(daysIn(y, mo))
	birth := bina.DateOf(y, mo, day) // at least 19 years ago: never after today
	if r.chance(0.92) {
		region := d.nik
		if u := r.Float64(); u < 0.05 {
			region = pontianak[r.IntN(len(pontianak))] // registered in Pontianak city
		} else if u < 0.10 && len(pools[who.eth].origins) > 0 {
			region = pick(r, pools[who.eth].origins) // still on the KTP of the home regency
		}
		m = t.mark()
		t.buf = appendNIK(t.buf, r, region, y, int(mo), day, female)
		t.assign(&o.NIK, m)
		o.BirthDate = birth
	} else if r.chance(0.5) {
		o.BirthDate = birth
	}
	if r.chance(0.91) {
		m = t.mark()
		t.buf = appendPhone(t.buf, r)
		t.assign(&o.Phone, m)
	}
	o.Education = education(r, age)
	o.Disability = r.chance(0.015)
	m = t.mark()
	t.buf = w.appendAddress(t.buf, r, d, v)
	who.address = [2]int{m, t.mark()}
	t.assign(&o.Address, m)
	return who
}

// pontianak are the NIK districts of Pontianak city, where many who work in
// Kubu Raya hold their KTP.
var pontianak = []string{"617101", "617102", "617103", "617104", "617105", "617106"}

// appendNIK appends a population number: region, birth date (day + 40 for
// women), a sequence that is never 0000.
func appendNIK(b []byte, r *rng, region string, y, m, d int, female bool) []byte {
	if female {
		d += 40
	}
	yy := y % 100
	b = append(b, region...)
	b = append(b, byte('0'+d/10), byte('0'+d%10), byte('0'+m/10), byte('0'+m%10), byte('0'+yy/10), byte('0'+yy%10))
	seq := 1 + r.IntN(9999)
	if r.chance(0.8) {
		seq = 1 + r.IntN(400) // most sequences are low
	}
	return appendPadded(b, seq, 4)
}

// education follows the age: older owners went to school less.
func education(r *rng, age int) string {
	if r.chance(0.05) {
		return ""
	}
	u := r.Float64()
	var cut [6]float64 // tidak_sekolah, sd, smp, sma, d3, s1; the rest s2
	switch {
	case age >= 55:
		cut = [6]float64{.08, .53, .73, .95, .97, 1}
	case age >= 35:
		cut = [6]float64{.02, .24, .49, .87, .92, .995}
	default:
		cut = [6]float64{0, .06, .24, .79, .86, .99}
	}
	codes := [7]string{"tidak_sekolah", "sd", "smp", "sma", "d3", "s1", "s2"}
	for i, c := range cut {
		if u < c {
			return codes[i]
		}
	}
	return codes[6]
}

// appendAddress appends an address in village v: a hamlet, a street or a
// lane, with RT/RW, and the village.
func (w *world) appendAddress(b []byte, r *rng, d *district, v *village) []byte {
	streets := genericStreets
	if d.local {
		streets = localStreets
	}
	switch r.IntN(3) {
	case 0:
		b = append(b, "Dusun "...)
		b = append(b, pick(r, hamlets)...)
	case 1:
		b = append(b, pick(r, streets)...)
		b = append(b, " No. "...)
		b = appendPadded(b, 1+r.IntN(120), 1)
	default:
		b = append(b, pick(r, streets)...)
		b = append(b, ' ')
		b = append(b, pick(r, gangs)...)
		b = append(b, " No. "...)
		b = appendPadded(b, 1+r.IntN(60), 1)
	}
	b = append(b, " RT "...)
	b = appendPadded(b, 1+r.IntN(25), 3)
	b = append(b, "/RW "...)
	b = appendPadded(b, 1+r.IntN(8), 3)
	b = append(b, ", "...)
	if v.kelurahan {
		b = append(b, "Kel. "...)
	} else {
		b = append(b, "Desa "...)
	}
	return append(b, v.name...)
}

// address returns an address in village v.
func (w *world) address(r *rng, d *district, v *village) string {
	return string(w.appendAddress(make([]byte, 0, 80), r, d, v))
}

// enterprise fills record idx of stream from its plan; e.Owner is filled
// by owner, and the strings go to t.
func (w *world) enterprise(e *bina.Enterprise, t *text, r *rng, stream uint64, idx int, p plan, who person, a *arena) {
	r.at(w.seed, stream, idx)
	act := &w.acts[p.act]
	v := &w.villages[p.village]
	d := &w.districts[v.district]
	o := &e.Owner
	female := o.Gender == "P"
	e.VillageCode = v.code
	e.Binaan = p.binaan
	e.Source = "demo"
	ti := r.IntN(len(act.names))
	e.MainProduct = pick(r, w.products[p.act][ti])
	m := t.mark()
	t.buf = w.appendBusinessName(t.buf, r, act.names[ti], t.buf[who.name[0]:who.name[1]], who.eth, female, d, v)
	name := [2]int{m, t.mark()}
	t.assign(&e.Name, m)
	if w.section[p.act] == "C" && r.chance(0.2) {
		m = t.mark()
		t.buf = append(append(t.buf, "Cap "...), pick(r, brandWords)...)
		t.assign(&e.TradeName, m)
	}
	if r.chance(0.75) {
		t.assignSpan(&e.Address, who.address[0], who.address[1]) // most businesses are run from home
	} else {
		m = t.mark()
		t.buf = w.appendAddress(t.buf, r, d, v)
		t.assign(&e.Address, m)
	}

	// When it started: most are young, some go back decades.
	if r.chance(0.95) {
		e.StartYear = max(w.year-min(int(r.ExpFloat64()*7), 45), 1975)
		if !o.BirthDate.IsZero() {
			e.StartYear = max(e.StartYear, o.BirthDate.Year()+16) // not before the owner was 16
		}
		if r.chance(0.75) {
			last := 12
			if e.StartYear == w.year {
				last = int(w.today.Time().Month())
			}
			e.StartMonth = 1 + r.IntN(last)
		}
	}

	w.money(r, e, act, p.class, a)
	w.workers(r, e, act, p.class)

	switch {
	case p.class == menengah:
		e.LegalForm = pick(r, []string{"cv", "pt", "pt"})
	case p.class == kecil:
		e.LegalForm = pick(r, []string{"perorangan", "perorangan", "cv", "cv", "pt_perorangan", "pt"})
	default:
		e.LegalForm = "perorangan"
		if u := r.Float64(); u < 0.015 {
			e.LegalForm = "pt_perorangan"
		} else if u < 0.025 {
			e.LegalForm = "cv"
		}
	}
	nibShare := 0.20
	if p.binaan {
		nibShare = 0.52
	}
	if p.class != mikro || e.LegalForm != "perorangan" || r.chance(nibShare) {
		m = t.mark()
		t.buf = appendNIB(t.buf, r)
		t.assign(&e.NIB, m)
	}

	if r.chance(0.94) {
		if act.also != "" && r.chance(0.12) {
			e.KBLI = a.kbliN(2)
			e.KBLI[1] = bina.KBLICode{Version: bina.KBLI2020, Code: act.also}
		} else {
			e.KBLI = a.kbliN(1)
		}
		e.KBLI[0] = bina.KBLICode{Version: bina.KBLI2020, Code: act.code}
	}

	coords := 0.5
	if p.binaan {
		coords = 0.7
	}
	if r.chance(coords) {
		lat, lon := w.point(r, v)
		e.Latitude, e.Longitude = a.float(lat), a.float(lon)
	}

	w.digital(r, e, t, name, p.binaan)

	switch u := r.Float64(); {
	case u < 0.87:
		e.Status = "aktif"
	case u < 0.92:
		e.Status = "tutup_sementara"
	case u < 0.96:
		e.Status = "tutup"
	case u < 0.98:
		e.Status = "pindah"
	default:
		e.Status = "tidak_ditemukan"
	}

	if p.binaan {
		lo := bina.DateOf(2015, time.January, 1)
		if e.StartYear > 2015 {
			lo = bina.DateOf(e.StartYear, time.Month(max(e.StartMonth, 1)), 1)
		}
		e.BinaanSince = r.dateIn(lo, w.today)
		switch u := r.Float64(); {
		case u < 0.80:
			e.Verification = "terverifikasi"
		case u < 0.95:
			e.Verification = "belum"
		default:
			e.Verification = "perlu_perbaikan"
		}
		if (e.Status == "tutup" || e.Status == "tidak_ditemukan") && r.chance(0.5) {
			y := r.between(max(e.BinaanSince.Year(), w.year-3), w.year)
			m = t.mark()
			t.buf = append(t.buf, NoteClosed+" "...)
			t.buf = append(appendPadded(t.buf, y, 4), ": usaha tidak beroperasi lagi; status binaan belum dicabut."...)
			t.assign(&e.Notes, m)
		}
	} else {
		switch u := r.Float64(); {
		case u < 0.15:
			e.Verification = "terverifikasi"
		case u < 0.95:
			e.Verification = "belum"
		default:
			e.Verification = "perlu_perbaikan"
		}
	}
}

// appendBusinessName fills name template t.
func (w *world) appendBusinessName(b []byte, r *rng, t nameTemplate, owner []byte, eth ethnicity, female bool, d *district, v *village) []byte {
	if (t.tail == tailDesa || t.tail == tailKec) && r.chance(0.5) {
		t.tail = tailHon // fewer businesses of the same name in one place
	}
	if t.prefix != "" {
		b = append(append(b, t.prefix...), ' ')
	}
	switch t.tail {
	case tailHon:
		hon := pools[eth].maleHon
		if female {
			hon = pools[eth].femaleHon
		}
		b = append(append(b, pick(r, hon)...), ' ')
		b = append(b, shortName(owner)...)
	case tailWord:
		b = append(b, pick(r, nameWords)...)
	case tailDesa:
		b = append(b, v.name...)
	case tailKec:
		b = append(b, d.name...)
	}
	return append(b, t.suffix...)
}

// money fills sales, capital, assets and the sizes.
func (w *world) money(r *rng, e *bina.Enterprise, act *activity, class uint8, a *arena) {
	newBusiness := e.StartYear == w.year
	if class == mikro && (newBusiness || r.chance(0.03)) {
		// A new business (or a record without sales): capital only.
		e.Capital = money(r.logUniform(2*juta, 150*juta))
	} else {
		var s float64
		switch class {
		case menengah:
			s = r.logUniform(16*miliar, 45*miliar)
		case kecil:
			s = r.logUniform(2.1*miliar, 12*miliar)
		default:
			s = min(r.logUniform(float64(act.lo*juta), float64(act.hi*juta)), 1.9*miliar)
		}
		years := 2 + r.IntN(2) // two or three recent years, four for many binaan
		if e.Binaan && r.chance(0.5) {
			years++
		}
		if e.StartYear != 0 {
			years = min(years, w.year-e.StartYear)
		}
		years = max(years, 1)
		e.Sales = a.salesN(years)
		for i := range e.Sales {
			e.Sales[i] = bina.AnnualSales{Year: w.year - 1 - i, Amount: max(money(s), 100_000)}
			s /= r.uniform(0.92, 1.25) // the year before was usually smaller
		}
		switch class {
		case menengah:
			e.Capital = money(r.logUniform(2*miliar, 9*miliar))
		case kecil:
			e.Capital = money(r.logUniform(300*juta, 4*miliar))
		default:
			e.Capital = money(min(max(float64(e.Sales[0].Amount)*r.uniform(0.1, 0.5), juta), 900*juta))
		}
	}
	if r.chance(0.9) {
		e.Assets = money(float64(e.Capital) * r.uniform(1.2, 3))
	}
	e.SizeComputed = bina.ComputeSize(e.Capital, e.LatestSales().Amount)
	if e.SizeComputed != "" {
		e.SizeRule = bina.RulePP7_2021
	}
	switch u := r.Float64(); {
	case u < 0.06:
		// not reported
	case u < 0.085 && e.SizeComputed == "mikro":
		e.SizeReported = "kecil" // planted: the owner's label is bigger than the sales say
	case u < 0.095 && e.SizeComputed == "kecil":
		e.SizeReported = "mikro"
	default:
		e.SizeReported = e.SizeComputed
	}
}

// workers fills the four worker counts: family members working unpaid are
// the rule in a micro business.
func (w *world) workers(r *rng, e *bina.Enterprise, act *activity, class uint8) {
	var paid, unpaid int
	switch class {
	case menengah:
		paid, unpaid = r.between(20, 80), r.IntN(3)
	case kecil:
		paid, unpaid = r.between(5, 19), r.IntN(3)
	default:
		switch u := r.Float64(); {
		case u < 0.60:
		case u < 0.82:
			paid = 1
		case u < 0.94:
			paid = 2
		default:
			paid = r.between(3, 4)
		}
		switch u := r.Float64(); {
		case u < 0.15:
		case u < 0.65:
			unpaid = 1
		case u < 0.95:
			unpaid = 2
		default:
			unpaid = 3
		}
		if paid+unpaid == 0 {
			unpaid = 1
		}
	}
	for ; paid > 0; paid-- {
		if r.chance(act.female) {
			e.WorkersPaidFemale++
		} else {
			e.WorkersPaidMale++
		}
	}
	for ; unpaid > 0; unpaid-- {
		if r.chance(0.6) {
			e.WorkersUnpaidFemale++
		} else {
			e.WorkersUnpaidMale++
		}
	}
}

// appendNIB appends a 13-digit business identity number.
func appendNIB(b []byte, r *rng) []byte {
	if r.IntN(3) == 0 {
		b = append(b, "8120"...) // issued 2018-2021 (OSS 1.1)
		return appendDigits(b, r, 9)
	}
	b = append(b, byte('0'+r.IntN(3)))
	return appendDigits(b, r, 12)
}

// nib returns a 13-digit business identity number.
func nib(r *rng) string { return string(appendNIB(make([]byte, 0, 13), r)) }

// digital fills the digital presence: about 30 % on social media, 10 % on a
// marketplace, 8 % taking QRIS, a few with a website or digital books;
// more among binaan (the office's "Go Digital" programme). The links are
// made from the business name, which lies at name in t.
func (w *world) digital(r *rng, e *bina.Enterprise, t *text, name [2]int, binaan bool) {
	k := 0.8
	if binaan {
		k = 1.25
	}
	d := &e.Digital
	d.SocialMedia = r.chance(0.3 * k)
	d.Marketplace = r.chance(0.1 * k)
	d.QRIS = r.chance(0.08 * k)
	d.Website = r.chance(0.015 * k)
	d.DigitalBookkeeping = r.chance(0.03 * k)
	if !d.SocialMedia && !d.Marketplace && !d.Website {
		return
	}
	m := t.mark()
	line := func(prefix string) {
		if t.mark() > m {
			t.buf = append(t.buf, '\n')
		}
		t.buf = append(t.buf, prefix...)
		t.buf = appendSlug(t.buf, t.buf[name[0]:name[1]])
	}
	if d.SocialMedia {
		if r.chance(0.6) {
			line("https://www.facebook.com/")
		} else {
			line("https://www.instagram.com/")
		}
	}
	if d.Marketplace {
		if r.chance(0.7) {
			line("https://shopee.co.id/")
		} else {
			line("https://www.tokopedia.com/")
		}
	}
	if d.Website {
		line("https://")
		t.buf = append(t.buf, ".com"...)
	}
	t.assign(&d.Links, m)
}

// appendSlug appends a handle made of a business name: lower-case letters
// and digits.
func appendSlug(b, name []byte) []byte {
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c-'A'+'a')
		}
	}
	return b
}
