package demo

import "strings"

// tail says what follows the fixed part of a business name.
type tail uint8

const (
	tailHon  tail = iota // honorific and the owner's short name: "Bu Siti"
	tailWord             // a name word: "Barokah"
	tailDesa             // the village: "Teluk Pakedai Hulu"
	tailKec              // the kecamatan: "Batu Ampar"
)

// nameTemplate builds a business name: prefix, tail, suffix
// ("Kerupuk Ikan" + "Bu Siti"; "" + "Barokah" + " Cell").
type nameTemplate struct {
	prefix string
	tail   tail
	suffix string
}

// activity is one kind of business the demo generates, with its KBLI 2020
// code. Weights say how common it is in each profile (urban, coast,
// inland); lo and hi bound the annual sales of a micro business of the
// kind, in juta rupiah (drawn log-uniformly between them).
type activity struct {
	code     string
	w        [3]float64
	female   float64 // share of women owners
	lo, hi   int64
	scalable bool   // can grow to kecil or menengah (mills, collectors, shops)
	also     string // a second KBLI code some owners register
	names    []nameTemplate
	products []string
}

func w(urban, coast, inland float64) [3]float64 { return [3]float64{urban, coast, inland} }

// fitting returns, for each name template of a, the products that fit the
// name: "Keripik Nanas ..." sells keripik nanas, "Kebun Jeruk ..." jeruk.
// A product fits when it contains the template's fixed words, or else their
// last word; when none does, every product of the activity fits.
func fitting(a activity) [][]string {
	out := make([][]string, len(a.names))
	for i, t := range a.names {
		words := strings.Fields(strings.ToLower(t.prefix + t.suffix))
		for _, key := range []string{strings.Join(words, " "), last(words)} {
			if key == "" || len(out[i]) > 0 {
				continue
			}
			for _, p := range a.products {
				if strings.Contains(strings.ToLower(p), key) {
					out[i] = append(out[i], p)
				}
			}
		}
		if len(out[i]) == 0 {
			out[i] = a.products
		}
	}
	return out
}

func last(words []string) string {
	if len(words) == 0 || len(words[len(words)-1]) < 3 {
		return ""
	}
	return words[len(words)-1]
}

// activities is the demo's picture of Kubu Raya's businesses: processing
// industry first (crackers and chips, fish products, cakes), agriculture and
// fisheries next (oil palm, rubber, coconut, fishing, shrimp ponds), then
// shops, food stalls and services. Every code exists in KBLI 2020 (a test
// checks it against refdata). Notes on codes people often get wrong: a
// traditional warung sembako is 47112 (47111 is a minimarket), rubber is
// 01291, vegetables are 01131/01133, a coffee stall is 56304.
var activities = []activity{
	// C: processing industry.
	{code: "10794", w: w(7, 9, 6), female: .75, lo: 12, hi: 240, also: "47249",
		names:    []nameTemplate{{"Kerupuk Ikan", tailHon, ""}, {"Keripik Pisang", tailWord, ""}, {"Kerupuk", tailHon, ""}, {"Keripik", tailWord, ""}, {"Kerupuk Udang", tailDesa, ""}, {"Keripik Nanas", tailHon, ""}},
		products: []string{"Kerupuk ikan", "Keripik pisang", "Kerupuk udang", "Keripik singkong", "Keripik nanas", "Keripik keladi", "Kerupuk basah"}},
	{code: "10216", w: w(2, 6, .5), female: .6, lo: 24, hi: 360, also: "47245",
		names:    []nameTemplate{{"Amplang", tailKec, ""}, {"Amplang", tailDesa, ""}, {"Amplang Ikan", tailHon, ""}, {"Bakso Ikan", tailHon, ""}},
		products: []string{"Amplang ikan tenggiri", "Amplang ikan belida", "Bakso ikan", "Otak-otak ikan", "Amplang udang"}},
	{code: "10211", w: w(.5, 7, .5), female: .55, lo: 24, hi: 420, also: "03111",
		names:    []nameTemplate{{"Ikan Asin", tailHon, ""}, {"Ikan Asin", tailDesa, ""}, {"Usaha Ikan Asin", tailWord, ""}},
		products: []string{"Ikan asin sepat", "Ikan asin bulu ayam", "Ikan teri asin", "Ikan asin gembung", "Ikan asin tenggiri", "Ikan asin senangin"}},
	{code: "10215", w: w(.3, 4, .2), female: .6, lo: 12, hi: 180,
		names:    []nameTemplate{{"Terasi Udang", tailHon, ""}, {"Belacan", tailDesa, ""}, {"Cincalok", tailHon, ""}},
		products: []string{"Terasi udang (belacan)", "Cincalok", "Pekasam ikan"}},
	{code: "10291", w: w(.2, 2, .1), female: .5, lo: 24, hi: 300,
		names:    []nameTemplate{{"Ebi", tailDesa, ""}, {"Udang Kering", tailHon, ""}},
		products: []string{"Udang kering (ebi)", "Cumi kering"}},
	{code: "10750", w: w(3, 1.5, 1.5), female: .8, lo: 18, hi: 240,
		names:    []nameTemplate{{"Dapur", tailHon, ""}, {"Sambal", tailWord, ""}, {"Olahan", tailWord, ""}, {"Abon Ikan", tailHon, ""}},
		products: []string{"Sambal ikan teri", "Rendang", "Nugget ikan beku", "Abon ikan", "Chai kue beku", "Bubur pedas instan"}},
	{code: "10796", w: w(.5, .5, 1.5), female: .7, lo: 12, hi: 150,
		names:    []nameTemplate{{"Lempok Durian", tailHon, ""}, {"Dodol", tailWord, ""}},
		products: []string{"Lempok durian", "Dodol nanas"}},
	{code: "10710", w: w(5, 2, 2.5), female: .65, lo: 24, hi: 480, also: "47242",
		names:    []nameTemplate{{"Roti", tailWord, ""}, {"Toko Kue", tailHon, ""}, {"Kue Kering", tailHon, ""}, {"", tailWord, " Bakery"}},
		products: []string{"Roti manis", "Bolu", "Kue lapis legit", "Kue kering lebaran", "Roti srikaya"}},
	{code: "10792", w: w(4, 3, 3), female: .85, lo: 12, hi: 180, also: "47242",
		names:    []nameTemplate{{"Kue Bingke", tailHon, ""}, {"Kue Basah", tailHon, ""}, {"Aneka Kue", tailWord, ""}},
		products: []string{"Kue bingke", "Kue basah", "Kue lapis", "Putu piring", "Pengkang"}},
	{code: "11040", w: w(1.5, .5, .5), female: .55, lo: 12, hi: 240,
		names:    []nameTemplate{{"Minuman Lidah Buaya", tailWord, ""}, {"Sirup Nanas", tailWord, ""}, {"Minuman", tailWord, ""}},
		products: []string{"Minuman lidah buaya", "Sirup nanas", "Jus nanas kemasan", "Air kelapa kemasan"}},
	{code: "11052", w: w(2.5, 1.5, 1.5), female: .3, lo: 36, hi: 300,
		names:    []nameTemplate{{"Depot Air Minum", tailWord, ""}, {"Air Isi Ulang", tailWord, ""}},
		products: []string{"Air minum isi ulang"}},
	{code: "10761", w: w(.5, .3, .5), female: .4, lo: 24, hi: 240,
		names:    []nameTemplate{{"Kopi Bubuk", tailWord, ""}, {"Kopi", tailKec, ""}},
		products: []string{"Kopi bubuk", "Kopi liberika"}},
	{code: "10423", w: w(.1, 1.2, .3), female: .6, lo: 12, hi: 120,
		names:    []nameTemplate{{"Minyak Kelapa", tailHon, ""}, {"VCO", tailWord, ""}},
		products: []string{"Minyak kelapa kampung", "Virgin coconut oil"}},
	{code: "10722", w: w(0, .8, .3), female: .5, lo: 12, hi: 96,
		names:    []nameTemplate{{"Gula Nipah", tailHon, ""}, {"Gula Merah", tailDesa, ""}},
		products: []string{"Gula nipah", "Gula kelapa"}},
	{code: "10631", w: w(.2, 1, 1.5), female: .1, lo: 120, hi: 1500, scalable: true,
		names:    []nameTemplate{{"Penggilingan Padi", tailWord, ""}, {"Huller", tailWord, ""}},
		products: []string{"Beras giling", "Jasa penggilingan padi"}},
	{code: "10392", w: w(1, .2, 1), female: .4, lo: 48, hi: 480, also: "10391",
		names:    []nameTemplate{{"Tahu", tailHon, ""}, {"Pabrik Tahu", tailWord, ""}},
		products: []string{"Tahu", "Tahu goreng"}},
	{code: "10391", w: w(1, .3, 1.5), female: .5, lo: 36, hi: 300,
		names:    []nameTemplate{{"Tempe", tailHon, ""}, {"Tempe", tailWord, ""}},
		products: []string{"Tempe", "Tempe bungkus daun"}},
	{code: "10733", w: w(.3, .2, .8), female: .75, lo: 12, hi: 120,
		names:    []nameTemplate{{"Manisan", tailWord, ""}, {"Manisan Nanas", tailHon, ""}},
		products: []string{"Manisan nanas", "Manisan pepaya", "Manisan lidah buaya"}},
	{code: "10799", w: w(1.5, 1, 2), female: .7, lo: 12, hi: 240,
		names:    []nameTemplate{{"Olahan Nanas", tailKec, ""}, {"Aneka Olahan", tailWord, ""}, {"Rumah Produksi", tailWord, ""}},
		products: []string{"Selai nanas", "Bumbu dapur kemasan", "Tepung sagu", "Stik keladi"}},
	{code: "16101", w: w(.2, .5, 1), female: .05, lo: 120, hi: 1500, scalable: true,
		names:    []nameTemplate{{"Sawmill", tailWord, ""}, {"Kilang Papan", tailWord, ""}},
		products: []string{"Papan dan balok kayu", "Kayu olahan"}},
	{code: "16292", w: w(.3, 2, 1), female: .8, lo: 6, hi: 72,
		names:    []nameTemplate{{"Atap Nipah", tailHon, ""}, {"Anyaman Pandan", tailWord, ""}, {"Kerajinan Bemban", tailDesa, ""}},
		products: []string{"Atap daun nipah", "Tikar pandan", "Anyaman bemban", "Tas anyaman pandan"}},
	{code: "16293", w: w(.3, 0, .7), female: .1, lo: 12, hi: 180,
		names:    []nameTemplate{{"Kerajinan Kayu", tailWord, ""}, {"Ukiran", tailWord, ""}},
		products: []string{"Kerajinan kayu motif Dayak", "Patung kayu"}},
	{code: "31001", w: w(1.2, .4, .8), female: .05, lo: 48, hi: 600, scalable: true,
		names:    []nameTemplate{{"Mebel", tailWord, ""}, {"Meubel", tailWord, ""}, {"Usaha Kayu", tailHon, ""}},
		products: []string{"Lemari dan kursi kayu", "Kusen pintu dan jendela", "Meja kayu"}},
	{code: "30111", w: w(0, 1, .4), female: .02, lo: 60, hi: 600, scalable: true,
		names:    []nameTemplate{{"Galangan Perahu", tailHon, ""}, {"Perahu", tailWord, ""}},
		products: []string{"Perahu motor kayu", "Sampan", "Speedboat kayu"}},
	{code: "14120", w: w(2.5, 1, 1.5), female: .75, lo: 12, hi: 180, also: "47711",
		names:    []nameTemplate{{"Penjahit", tailHon, ""}, {"Konveksi", tailWord, ""}, {"Jahit", tailHon, ""}},
		products: []string{"Jahitan pakaian", "Seragam sekolah", "Baju kurung", "Kebaya"}},
	{code: "25111", w: w(1.2, .4, .8), female: .03, lo: 36, hi: 480,
		names:    []nameTemplate{{"Bengkel Las", tailHon, ""}, {"Las Listrik", tailWord, ""}},
		products: []string{"Pagar dan teralis besi", "Kanopi", "Gerobak dorong"}},
	{code: "23921", w: w(0, .1, .8), female: .15, lo: 36, hi: 360,
		names:    []nameTemplate{{"Batu Bata", tailHon, ""}, {"Bata Merah", tailWord, ""}},
		products: []string{"Batu bata merah"}},
	{code: "18111", w: w(.3, 0, 0), female: .3, lo: 36, hi: 480,
		names:    []nameTemplate{{"Percetakan", tailWord, ""}, {"Sablon", tailWord, ""}},
		products: []string{"Undangan dan spanduk", "Sablon kaos"}},

	// A: agriculture, plantations, livestock and fisheries.
	{code: "01262", w: w(1, 3, 12), female: .25, lo: 24, hi: 360, also: "01291",
		names:    []nameTemplate{{"Kebun Sawit", tailHon, ""}, {"Sawit", tailWord, ""}, {"Tani Sawit", tailHon, ""}},
		products: []string{"Tandan buah segar (TBS) sawit"}},
	{code: "01291", w: w(.3, 1.5, 6), female: .3, lo: 12, hi: 120,
		names:    []nameTemplate{{"Kebun Karet", tailHon, ""}, {"Karet", tailWord, ""}},
		products: []string{"Getah karet (lump)", "Karet lembaran"}},
	{code: "01261", w: w(.2, 6, 1), female: .3, lo: 12, hi: 120, also: "10421",
		names:    []nameTemplate{{"Kebun Kelapa", tailHon, ""}, {"Kelapa", tailDesa, ""}},
		products: []string{"Kelapa bulat", "Kelapa muda", "Kopra"}},
	{code: "01131", w: w(1.5, 1, 3), female: .5, lo: 12, hi: 120,
		names:    []nameTemplate{{"Kebun Sayur", tailHon, ""}, {"Tani Sayur", tailWord, ""}},
		products: []string{"Kangkung", "Sawi", "Bayam", "Seledri"}},
	{code: "01133", w: w(1, .5, 2.5), female: .45, lo: 18, hi: 180,
		names:    []nameTemplate{{"Tani", tailWord, ""}, {"Kebun Cabai", tailHon, ""}, {"Hortikultura", tailWord, ""}},
		products: []string{"Cabai rawit", "Tomat", "Terong", "Mentimun", "Kacang panjang"}},
	{code: "01220", w: w(.5, .5, 4), female: .35, lo: 24, hi: 300,
		names:    []nameTemplate{{"Kebun Nanas", tailHon, ""}, {"Nanas", tailKec, ""}, {"Kebun Buah", tailWord, ""}},
		products: []string{"Nanas", "Pepaya", "Durian", "Pisang"}},
	{code: "01230", w: w(.2, .5, 1), female: .3, lo: 24, hi: 240,
		names:    []nameTemplate{{"Kebun Jeruk", tailHon, ""}},
		products: []string{"Jeruk siam"}},
	{code: "01122", w: w(.2, 3, 3), female: .25, lo: 12, hi: 120,
		names:    []nameTemplate{{"Tani Padi", tailHon, ""}, {"Usaha Tani", tailWord, ""}},
		products: []string{"Gabah", "Beras lokal"}},
	{code: "01464", w: w(.8, 1, 1.5), female: .5, lo: 12, hi: 150,
		names:    []nameTemplate{{"Ternak Ayam Kampung", tailHon, ""}, {"Ayam Kampung", tailWord, ""}},
		products: []string{"Ayam kampung", "Telur ayam kampung"}},
	{code: "01461", w: w(1, .5, 2), female: .3, lo: 60, hi: 900, scalable: true,
		names:    []nameTemplate{{"Peternakan Ayam", tailWord, ""}, {"Kandang Ayam", tailHon, ""}},
		products: []string{"Ayam potong (broiler)"}},
	{code: "01462", w: w(.4, .2, .8), female: .3, lo: 120, hi: 1200, scalable: true,
		names:    []nameTemplate{{"Peternakan Ayam Petelur", tailWord, ""}, {"Telur Ayam", tailWord, ""}},
		products: []string{"Telur ayam ras"}},
	{code: "01465", w: w(.3, 1, .8), female: .45, lo: 12, hi: 150,
		names:    []nameTemplate{{"Ternak Itik", tailHon, ""}, {"Telur Asin", tailWord, ""}},
		products: []string{"Itik", "Telur itik", "Telur asin"}},
	{code: "01442", w: w(.3, .4, 1), female: .2, lo: 12, hi: 150,
		names:    []nameTemplate{{"Ternak Kambing", tailHon, ""}},
		products: []string{"Kambing potong"}},
	{code: "01411", w: w(.2, .3, 1.2), female: .15, lo: 24, hi: 300,
		names:    []nameTemplate{{"Ternak Sapi", tailHon, ""}, {"Sapi", tailWord, ""}},
		products: []string{"Sapi potong"}},
	{code: "01497", w: w(.5, 2, 1), female: .25, lo: 36, hi: 900, scalable: true,
		names:    []nameTemplate{{"Rumah Walet", tailWord, ""}, {"Walet", tailHon, ""}, {"Sarang Walet", tailDesa, ""}},
		products: []string{"Sarang burung walet"}},
	{code: "01493", w: w(.1, 1.2, .6), female: .3, lo: 6, hi: 96,
		names:    []nameTemplate{{"Madu Kelulut", tailDesa, ""}, {"Madu Kelulut", tailHon, ""}},
		products: []string{"Madu kelulut"}},
	{code: "03111", w: w(.1, 9, .1), female: .05, lo: 24, hi: 300, also: "10211",
		names:    []nameTemplate{{"Nelayan", tailHon, ""}, {"Perahu", tailWord, ""}, {"Hasil Laut", tailWord, ""}},
		products: []string{"Ikan tenggiri", "Ikan bawal", "Ikan senangin", "Ikan kembung", "Ikan campur hasil tangkapan"}},
	{code: "03112", w: w(0, 2.5, 0), female: .05, lo: 24, hi: 360,
		names:    []nameTemplate{{"Tangkapan Udang", tailHon, ""}, {"Rajungan", tailDesa, ""}},
		products: []string{"Udang", "Kepiting", "Rajungan"}},
	{code: "03121", w: w(.2, 1.5, 1.5), female: .1, lo: 12, hi: 120,
		names:    []nameTemplate{{"Nelayan Sungai", tailHon, ""}, {"Udang Galah", tailDesa, ""}},
		products: []string{"Ikan sungai (baung, patin)", "Udang galah", "Ikan toman"}},
	{code: "03221", w: w(1, .5, 2.5), female: .25, lo: 18, hi: 240,
		names:    []nameTemplate{{"Kolam Ikan", tailHon, ""}, {"Budidaya Lele", tailWord, ""}, {"Kolam Nila", tailHon, ""}},
		products: []string{"Ikan lele", "Ikan nila", "Ikan patin", "Ikan gurami"}},
	{code: "03223", w: w(.2, 1, 1.2), female: .2, lo: 24, hi: 300,
		names:    []nameTemplate{{"Keramba", tailHon, ""}, {"Keramba Ikan", tailDesa, ""}},
		products: []string{"Ikan nila keramba", "Ikan toman", "Ikan jelawat"}},
	{code: "03254", w: w(0, 3.5, .2), female: .15, lo: 60, hi: 900, scalable: true,
		names:    []nameTemplate{{"Tambak Udang", tailDesa, ""}, {"Tambak Udang", tailKec, ""}, {"Tambak", tailHon, ""}, {"Kepiting Bakau", tailDesa, ""}},
		products: []string{"Udang vaname", "Udang windu", "Kepiting bakau"}},

	// G: trade and motorcycle repair.
	{code: "47112", w: w(11, 7, 8), female: .65, lo: 36, hi: 720, also: "47772",
		names:    []nameTemplate{{"Warung Sembako", tailHon, ""}, {"Toko", tailWord, ""}, {"Kios", tailHon, ""}, {"Warung", tailHon, ""}, {"Toko Sembako", tailWord, ""}},
		products: []string{"Sembako", "Sembako dan kebutuhan harian"}},
	{code: "47111", w: w(.8, .1, .2), female: .4, lo: 600, hi: 1900, scalable: true,
		names:    []nameTemplate{{"Minimarket", tailWord, ""}, {"Swalayan", tailWord, ""}},
		products: []string{"Kebutuhan harian"}},
	{code: "47215", w: w(.5, 1.5, .3), female: .6, lo: 36, hi: 360,
		names:    []nameTemplate{{"Lapak Ikan", tailHon, ""}, {"Ikan Segar", tailHon, ""}},
		products: []string{"Ikan segar"}},
	{code: "47213", w: w(1, .3, .8), female: .7, lo: 24, hi: 240,
		names:    []nameTemplate{{"Lapak Sayur", tailHon, ""}, {"Sayur", tailHon, ""}},
		products: []string{"Sayur mayur"}},
	{code: "47241", w: w(.5, .2, .4), female: .45, lo: 60, hi: 900,
		names:    []nameTemplate{{"Toko Beras", tailWord, ""}},
		products: []string{"Beras"}},
	{code: "47414", w: w(2, .5, .7), female: .35, lo: 36, hi: 600,
		names:    []nameTemplate{{"", tailWord, " Cell"}, {"", tailWord, " Ponsel"}, {"Konter Pulsa", tailHon, ""}},
		products: []string{"Pulsa dan aksesori HP"}},
	{code: "47528", w: w(1.2, .3, .8), female: .2, lo: 240, hi: 1900, scalable: true,
		names:    []nameTemplate{{"Toko Bangunan", tailWord, ""}, {"Panglong", tailWord, ""}},
		products: []string{"Bahan bangunan", "Kayu dan bahan bangunan"}},
	{code: "47711", w: w(2, .5, .6), female: .7, lo: 36, hi: 480,
		names:    []nameTemplate{{"Butik", tailWord, ""}, {"Toko Pakaian", tailHon, ""}, {"", tailWord, " Collection"}},
		products: []string{"Pakaian jadi", "Pakaian muslim"}},
	{code: "47772", w: w(.8, .5, .6), female: .5, lo: 60, hi: 600,
		names:    []nameTemplate{{"Pangkalan Gas", tailHon, ""}, {"Pangkalan LPG", tailWord, ""}},
		products: []string{"LPG 3 kg"}},
	{code: "47302", w: w(.6, .8, .9), female: .35, lo: 36, hi: 360,
		names:    []nameTemplate{{"Pertamini", tailHon, ""}, {"Bensin Eceran", tailHon, ""}},
		products: []string{"Bensin eceran"}},
	{code: "47249", w: w(.8, .1, .2), female: .7, lo: 36, hi: 360,
		names:    []nameTemplate{{"Frozen Food", tailWord, ""}, {"", tailWord, " Frozen"}},
		products: []string{"Makanan beku"}},
	{code: "47911", w: w(.8, .1, .1), female: .8, lo: 12, hi: 240,
		names:    []nameTemplate{{"", tailWord, " Online Shop"}, {"", tailWord, " Snack"}},
		products: []string{"Makanan ringan (jual daring)"}},
	{code: "47763", w: w(.2, .2, 1), female: .25, lo: 120, hi: 1200,
		names:    []nameTemplate{{"Kios Pupuk", tailWord, ""}, {"Toko Tani", tailWord, ""}},
		products: []string{"Pupuk dan obat pertanian"}},
	{code: "45406", w: w(.6, .2, .3), female: .15, lo: 60, hi: 600,
		names:    []nameTemplate{{"", tailWord, " Motor"}, {"Sparepart", tailWord, ""}},
		products: []string{"Suku cadang sepeda motor"}},
	{code: "45407", w: w(2, .8, 1), female: .03, lo: 36, hi: 360, also: "45406",
		names:    []nameTemplate{{"Bengkel Motor", tailHon, ""}, {"Bengkel", tailWord, ""}},
		products: []string{"Servis sepeda motor"}},
	{code: "46206", w: w(.1, 1.5, .1), female: .25, lo: 240, hi: 1900, scalable: true,
		names:    []nameTemplate{{"Pengepul Ikan", tailHon, ""}, {"UD", tailWord, ""}},
		products: []string{"Ikan dan udang (pengepul)"}},
	{code: "46202", w: w(.1, .2, 1.5), female: .15, lo: 360, hi: 1900, scalable: true,
		names:    []nameTemplate{{"Ram Sawit", tailWord, ""}, {"Ram", tailHon, ""}},
		products: []string{"TBS sawit (pengepul)"}},
	{code: "45202", w: w(.8, .1, .1), female: .1, lo: 24, hi: 180,
		names:    []nameTemplate{{"Cucian Motor", tailWord, ""}, {"Doorsmeer", tailWord, ""}},
		products: []string{"Cuci motor dan mobil"}},

	// I: food stalls and lodging.
	{code: "56102", w: w(6, 3, 3.5), female: .7, lo: 36, hi: 480, also: "56304",
		names:    []nameTemplate{{"Warung Makan", tailHon, ""}, {"Rumah Makan", tailWord, ""}, {"Warung Nasi", tailHon, ""}, {"Bubur Pedas", tailHon, ""}},
		products: []string{"Nasi campur", "Bubur pedas", "Mie tiaw", "Nasi kuning", "Soto", "Ikan bakar"}},
	{code: "56103", w: w(3, 1.5, 1.5), female: .7, lo: 18, hi: 240,
		names:    []nameTemplate{{"Kedai", tailHon, ""}, {"Pisang Goreng", tailHon, ""}, {"Gorengan", tailHon, ""}, {"Chai Kue", tailHon, ""}},
		products: []string{"Pisang goreng", "Gorengan", "Chai kue", "Bakso"}},
	{code: "56104", w: w(1.5, .5, .8), female: .35, lo: 18, hi: 180,
		names:    []nameTemplate{{"Bakso", tailHon, ""}, {"Pentol", tailHon, ""}},
		products: []string{"Bakso keliling", "Pentol", "Es krim keliling"}},
	{code: "56304", w: w(3, 2, 1.5), female: .4, lo: 24, hi: 300,
		names:    []nameTemplate{{"Warung Kopi", tailHon, ""}, {"Warkop", tailWord, ""}, {"Kedai Kopi", tailWord, ""}},
		products: []string{"Kopi susu", "Kopi hitam", "Teh tarik"}},
	{code: "56303", w: w(1.2, .1, .2), female: .45, lo: 60, hi: 720,
		names:    []nameTemplate{{"Kafe", tailWord, ""}, {"", tailWord, " Coffee"}},
		products: []string{"Kopi dan minuman kekinian"}},
	{code: "56210", w: w(.8, .2, .3), female: .85, lo: 36, hi: 480,
		names:    []nameTemplate{{"Catering", tailHon, ""}, {"Katering", tailWord, ""}},
		products: []string{"Nasi kotak", "Katering acara"}},
	{code: "55199", w: w(.2, .1, .1), female: .4, lo: 120, hi: 900, scalable: true,
		names:    []nameTemplate{{"Penginapan", tailWord, ""}, {"Losmen", tailWord, ""}},
		products: []string{"Penginapan"}},

	// S: repairs and personal services.
	{code: "96200", w: w(1.8, .2, .3), female: .7, lo: 24, hi: 240,
		names:    []nameTemplate{{"Laundry", tailWord, ""}, {"", tailWord, " Laundry"}},
		products: []string{"Cuci kiloan"}},
	{code: "96111", w: w(1.5, .6, .8), female: .1, lo: 18, hi: 180,
		names:    []nameTemplate{{"Pangkas Rambut", tailHon, ""}, {"Barbershop", tailWord, ""}},
		products: []string{"Pangkas rambut"}},
	{code: "96112", w: w(1.5, .4, .6), female: .95, lo: 18, hi: 240,
		names:    []nameTemplate{{"Salon", tailHon, ""}, {"Salon dan Rias", tailWord, ""}},
		products: []string{"Salon dan rias pengantin"}},
	{code: "95120", w: w(.8, .2, .3), female: .1, lo: 18, hi: 240,
		names:    []nameTemplate{{"Servis HP", tailWord, ""}, {"", tailWord, " Cell Service"}},
		products: []string{"Servis HP"}},
	{code: "95210", w: w(.6, .3, .4), female: .05, lo: 18, hi: 180,
		names:    []nameTemplate{{"Servis Elektronik", tailHon, ""}},
		products: []string{"Servis TV dan elektronik"}},
	{code: "95291", w: w(.4, .1, .1), female: .3, lo: 12, hi: 96,
		names:    []nameTemplate{{"Vermak Jeans", tailHon, ""}},
		products: []string{"Vermak pakaian"}},

	// H, N, M: river transport, haulage, office services, photography.
	{code: "50212", w: w(0, 1.5, .5), female: .03, lo: 36, hi: 480,
		names:    []nameTemplate{{"Motor Air", tailWord, ""}, {"Speedboat", tailWord, ""}},
		products: []string{"Angkutan penumpang motor air", "Speedboat antardesa"}},
	{code: "49431", w: w(.5, .2, .5), female: .05, lo: 60, hi: 600,
		names:    []nameTemplate{{"Angkutan", tailWord, ""}, {"Ekspedisi", tailWord, ""}},
		products: []string{"Angkutan barang (pick-up)"}},
	{code: "82190", w: w(.8, .2, .2), female: .45, lo: 24, hi: 300,
		names:    []nameTemplate{{"Fotokopi", tailWord, ""}},
		products: []string{"Fotokopi dan ATK"}},
	{code: "74201", w: w(.4, .1, .1), female: .3, lo: 24, hi: 240,
		names:    []nameTemplate{{"Studio Foto", tailWord, ""}},
		products: []string{"Foto dan video acara"}},
}
