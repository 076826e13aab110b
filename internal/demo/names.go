package demo

// Name pools. West Kalimantan's coast and rivers are home to Malay, Dayak,
// Bugis, Madurese, Javanese and Chinese-Indonesian families; each kecamatan
// has its own mix (see places.go), and people's names, the honorifics in
// business names ("Bu Siti", "Koh Hendra") and, for migrants, the regency
// that issued their NIK follow the group.

// ethnicity indexes the pools below.
type ethnicity int

const (
	melayu ethnicity = iota
	dayak
	bugis
	madura
	jawa
	tionghoa
	nEthnic
)

// namePool is one group's names. A person's name is a first name, and most
// often a second one; Chinese-Indonesian names are either an Indonesian
// given name with an Indonesian family name or a clan name with two
// syllables ("Lim Ah Kiong").
type namePool struct {
	maleFirst, maleSecond     []string
	femaleFirst, femaleSecond []string
	single                    float64  // share of one-word names
	maleHon, femaleHon        []string // honorifics in business names
	origins                   []string // NIK districts (6 digits) of the home regions of migrants
}

var pools = [nEthnic]namePool{
	melayu: {
		maleFirst:    []string{"Muhammad", "Abdul", "Ahmad", "Hamdan", "Rusli", "Darman", "Ridwan", "Zulkifli", "Syahrial", "Juliansyah", "Herman", "Usman", "Hasan", "Ismail", "Jamaluddin", "Syamsul", "Rudi", "Faisal", "Hendri", "Yusuf", "Arif", "Firdaus", "Rahmat", "Ibrahim", "Nasrullah", "Mahmud", "Salim", "Iskandar", "Ramli", "Sulaiman", "Azhar", "Daeng", "Syarifuddin", "Alamsyah", "Hairi", "Junaidi", "Mustafa", "Rizal", "Zainal", "Effendi"},
		maleSecond:   []string{"Rizal", "Hamid", "Rahman", "Syukur", "Yani", "Effendi", "Saputra", "Hidayat", "Ramadhan", "Fauzi", "Anwar", "Hakim", "Junaidi", "Kamal", "Ardiansyah", "Syafrudin", "Jamil", "Idris", "Kadir", "Zakaria", "Husin", "Mansur", "Ali", "Abbas", "Yunus", "Hamzah", "Lutfi", "Arsyad", "Bakar", "Hasyim"},
		femaleFirst:  []string{"Siti", "Nur", "Rahma", "Hamidah", "Salmah", "Rosnani", "Mariani", "Juliana", "Fatimah", "Rahmawati", "Nurbaiti", "Halimah", "Zainab", "Aisyah", "Rosita", "Yusniar", "Hasnah", "Faridah", "Suryani", "Mastura", "Rosmala", "Norma", "Jumiati", "Rusmini", "Syarifah", "Nurlela", "Hayati", "Maimunah", "Kamariah", "Zubaidah"},
		femaleSecond: []string{"Aminah", "Hayati", "Jamilah", "Rohani", "Zubaidah", "Rosidah", "Mariam", "Suhaila", "Wati", "Sari", "Kartini", "Noraini", "Hasanah", "Halimah", "Maryati", "Rahmah", "Fitriani", "Yanti", "Julaiha", "Ramlah", "Asmah", "Rusnah", "Khadijah", "Salwa", "Amalia"},
		single:       0.15,
		maleHon:      []string{"Pak", "Pak", "Bang", "Wak"},
		femaleHon:    []string{"Bu", "Bu", "Mak", "Kak", "Cik"},
	},
	dayak: {
		maleFirst:    []string{"Yohanes", "Stefanus", "Antonius", "Lukas", "Paulus", "Agustinus", "Markus", "Heribertus", "Yakobus", "Petrus", "Fransiskus", "Martinus", "Kristianus", "Yosef", "Thomas", "Andreas", "Benediktus", "Kornelius", "Ignatius", "Matius", "Aloysius", "Yulius", "Dominikus", "Robertus", "Simon", "Hironimus", "Laurensius", "Damianus", "Siprianus", "Blasius"},
		maleSecond:   []string{"Apui", "Akim", "Ajun", "Atok", "Alui", "Jamen", "Bujang", "Sahat", "Langit", "Rantau", "Nyangun", "Ading", "Anyi", "Anot", "Sudin", "Amat", "Lejen", "Usop", "Belawing", "Ringgo", "Juang", "Asan", "Kinyang", "Dagok", "Ajat"},
		femaleFirst:  []string{"Maria", "Veronika", "Theresia", "Yuliana", "Fransiska", "Margareta", "Agnes", "Katarina", "Lusia", "Elisabet", "Monika", "Kristina", "Magdalena", "Helena", "Natalia", "Regina", "Sisilia", "Skolastika", "Yustina", "Apolonia", "Rosalia", "Paulina", "Emilia", "Anastasia"},
		femaleSecond: []string{"Lena", "Sumiati", "Yanti", "Hartini", "Susanti", "Ani", "Rosa", "Wati", "Meliana", "Lidia", "Desi", "Nia", "Dayang", "Inai", "Tiana", "Linda", "Ina", "Evi", "Erna", "Sinta"},
		single:       0.05,
		maleHon:      []string{"Pak", "Pak", "Bang"},
		femaleHon:    []string{"Bu", "Bu", "Mak"},
	},
	bugis: {
		maleFirst:    []string{"Andi", "Muhammad", "Baharuddin", "Syamsuddin", "Jumadi", "Haerul", "Arsyad", "Amiruddin", "Nasrun", "Rustam", "Sudirman", "Anwar", "Hamzah", "Kaharuddin", "Syahrir", "Ridwan", "Mustari", "Jamaluddin", "Syarifuddin", "Hasanuddin", "Abdullah", "Nurdin", "Sainal", "Ambo", "Asri", "Darwis", "Lukman", "Taufik"},
		maleSecond:   []string{"Baso", "Tahir", "Amir", "Sakka", "Basri", "Gani", "Rauf", "Lolo", "Hamid", "Malik", "Sanusi", "Marzuki", "Latif", "Rasyid", "Mappa", "Tang", "Upe", "Sultan", "Naim", "Hafid", "Daud", "Mansyur"},
		femaleFirst:  []string{"Andi", "Hasnah", "Nurmala", "Sitti", "Hasniah", "Halijah", "Marwah", "Nurhaedah", "Rahmatia", "Suriani", "Hadijah", "Sumarni", "Nurjannah", "Rosmiati", "Hasmawati", "Nurbaya", "Jumriah", "Masita", "Hamsinah", "Syamsiah"},
		femaleSecond: []string{"Rahmah", "Aminah", "Nurhayati", "Sakinah", "Hasni", "Wahida", "Darmawati", "Mulyati", "Salmah", "Nuraeni", "Hamida", "Bungawali", "Ratna", "Juwita", "Kasmawati"},
		single:       0.12,
		maleHon:      []string{"Pak", "Pak", "Daeng", "Bang"},
		femaleHon:    []string{"Bu", "Bu", "Kak", "Mak"},
		origins:      []string{"730801", "730805", "731301", "731304", "730701", "731202", "731501"},
	},
	madura: {
		maleFirst:    []string{"Moh.", "Abd.", "Holil", "Samsul", "Mat", "Sahrawi", "Jumhari", "Suhaimi", "Matrawi", "Sukri", "Rasidi", "Hosnan", "Marsuki", "Sahlan", "Subairi", "Muhlis", "Sunardi", "Mahrus", "Busiri", "Ahmadi", "Mukri", "Jailani", "Hairul", "Muzakki", "Sahri", "Rofi'i"},
		maleSecond:   []string{"Sukri", "Rahem", "Hasyim", "Rofiq", "Salam", "Sahri", "Ramli", "Hosen", "Saleh", "Mansur", "Sanusi", "Bakri", "Hadi", "Jalil", "Wafi", "Fauzi", "Latif", "Munir", "Sholeh", "Zainuri"},
		femaleFirst:  []string{"Siti", "Hosnia", "Juhairiyah", "Sufiyah", "Maimunah", "Fatimah", "Suhartini", "Asiyah", "Marlina", "Sunarti", "Halimah", "Mutmainnah", "Nurul", "Rusmiati", "Hamidah", "Sa'diyah", "Kholifah", "Hanifah"},
		femaleSecond: []string{"Maimunah", "Rohmah", "Hasanah", "Sholehah", "Aisyah", "Fatimah", "Jamilah", "Hosnia", "Qomariyah", "Mahmudah", "Zainab", "Marfu'ah", "Romlah", "Hayati"},
		single:       0.2,
		maleHon:      []string{"Pak", "Pak", "Cak", "Bang"},
		femaleHon:    []string{"Bu", "Bu", "Mbok"},
		origins:      []string{"352601", "352702", "352705", "352801", "352903", "352910"},
	},
	jawa: {
		maleFirst:    []string{"Slamet", "Sugeng", "Joko", "Bambang", "Suparman", "Wahyudi", "Teguh", "Suwarno", "Sutrisno", "Darmanto", "Agus", "Budi", "Eko", "Heru", "Tri", "Dwi", "Supriyadi", "Sunarto", "Puji", "Edi", "Purwanto", "Hadi", "Wiji", "Kusno", "Parno", "Sarjono", "Bagus", "Yanto", "Mulyono", "Sukirman"},
		maleSecond:   []string{"Riyadi", "Santoso", "Prasetyo", "Susilo", "Wibowo", "Hartono", "Setiawan", "Nugroho", "Purnomo", "Raharjo", "Sugiarto", "Utomo", "Kurniawan", "Gunawan", "Hidayat", "Saputro", "Haryanto", "Wahyono", "Supriyanto", "Darmawan", "Suroso", "Widianto"},
		femaleFirst:  []string{"Sri", "Siti", "Sumiyati", "Tri", "Endang", "Suyatmi", "Purwanti", "Sulastri", "Dwi", "Eni", "Rini", "Wahyu", "Sumarni", "Tutik", "Suparmi", "Lestari", "Ngatini", "Sukarti", "Yuli", "Partini", "Wartini", "Marsini", "Sulis", "Tumini"},
		femaleSecond: []string{"Wahyuni", "Rahayu", "Handayani", "Lestari", "Suryani", "Astuti", "Utami", "Ningsih", "Wulandari", "Susanti", "Rohmah", "Mulyani", "Winarsih", "Sulistyowati", "Purwaningsih", "Kusumawati", "Setyowati", "Indarti"},
		single:       0.3,
		maleHon:      []string{"Pak", "Pak", "Mas"},
		femaleHon:    []string{"Bu", "Bu", "Mbak", "Mbok"},
		origins:      []string{"330501", "331207", "350509", "350203", "352104", "330203", "331104"},
	},
	tionghoa: {
		maleFirst:    []string{"Hendra", "Suwandi", "Susanto", "Herman", "Budi", "Hartono", "Rudy", "Johan", "William", "Eddy", "Sutanto", "Andreas", "Jimmy", "Ferry", "Acong", "Hengky", "Yohanes", "Kurniadi", "Rusli", "Vincent", "Agus", "Tommy"},
		maleSecond:   []string{"Gunawan", "Wijaya", "Halim", "Kusuma", "Santoso", "Tjahjadi", "Susanto", "Hartanto", "Setiadi", "Lukito", "Winata", "Hendrawan", "Sanjaya", "Tanjaya", "Lim", "Chandra", "Salim", "Widjaja", "Suhendra"},
		femaleFirst:  []string{"Lily", "Meliana", "Yanti", "Suryani", "Lina", "Susi", "Fenny", "Sherly", "Mery", "Lani", "Vivian", "Linda", "Yenny", "Erlina", "Lusiana", "Merry", "Veronica", "Elly", "Ratna", "Citra"},
		femaleSecond: []string{"Halim", "Kusuma", "Wijaya", "Gunawan", "Tanjaya", "Santoso", "Hartono", "Lukito", "Sanjaya", "Chandra", "Setiawati", "Widjaja"},
		single:       0.1,
		maleHon:      []string{"Koh", "Pak", "Apak"},
		femaleHon:    []string{"Ci", "Bu", "Amoi"},
	},
}

// Chinese-Indonesian clan names and syllables as Pontianak's Hakka and
// Teochew families write them.
var (
	clanNames      = []string{"Lim", "Tan", "Bong", "Tjhin", "Lie", "Ng", "Phang", "Tjhai", "Liu", "Oey", "Kho", "Wong", "Jap", "Chang", "Sim", "Lay"}
	maleSyllables  = []string{"Ah", "Kim", "Fung", "Sui", "Ket", "Hin", "Jun", "Min", "Liong", "Khiong", "Fat", "Sen", "Bun", "Kwet", "Foh", "Tjoi", "Khim", "Hong", "Phin", "Sak"}
	femSyllables   = []string{"Nyuk", "Moi", "Lan", "Fa", "Mui", "Lian", "Siu", "Kim", "Fung", "Jin", "Mei", "Sui", "Lin", "Ngo", "Tjen"}
	titleSkipFirst = map[string]bool{"Muhammad": true, "Moh.": true, "Abd.": true, "Abdul": true, "Siti": true, "Sitti": true, "Sri": true, "Nur": true, "Andi": true, "Tri": true, "Dwi": true, "Mat": true, "Ahmad": true}
)

// Words people put in business and cooperative names.
var (
	nameWords  = []string{"Barokah", "Berkah", "Sejahtera", "Mandiri", "Makmur", "Jaya", "Sumber Rezeki", "Cahaya", "Mekar", "Lestari", "Bersama", "Harapan Baru", "Maju Jaya", "Sinar Pagi", "Khatulistiwa", "Kapuas", "Borneo", "Al-Ikhlas", "Amanah", "Rezeki Ananda", "Putri", "Dua Saudara", "Tiga Putra", "Family", "Bintang", "Mutiara", "Pelangi", "Anugerah", "Sentosa", "Abadi", "Lancar", "Setia", "Murni", "Permata", "Tunas", "Sakinah", "Melati", "Rahmat", "Karya Bersama", "Sumber Makmur", "Berkat", "Bunga Raya", "Tepian", "Kenanga", "Fajar", "Mulia", "Saudara", "Idaman", "Sehati", "Nusantara"}
	brandWords = []string{"Dua Ikan", "Bintang", "Kapal Layar", "Nanas Emas", "Khatulistiwa", "Kapuas", "Mawar", "Udang Galah", "Tugu", "Bunga Raya", "Tepian", "Lancang Kuning", "Enggang", "Perahu Layar", "Bulan Sabit", "Tiga Daun", "Pucuk Nipah", "Ikan Terubuk"}
	// coopWords make the middle of cooperative names ("Bina Usaha Sejahtera").
	coopWordsA = []string{"Bina", "Mitra", "Karya", "Sumber", "Tunas", "Maju", "Harapan", "Sinar", "Citra", "Mekar", "Bumi", "Daya", "Cipta", "Sepakat", "Bakti", "Swadaya", "Rukun"}
	coopWordsB = []string{"Sejahtera", "Mandiri", "Makmur", "Bersama", "Lestari", "Jaya", "Abadi", "Sentosa", "Kapuas", "Mulia", "Utama", "Perkasa", "Berkah", "Insani", "Tani", "Dana", "Raya"}
)

// Hamlets and streets for addresses. The local ones are Kubu Raya's
// (parit canals, the Adisucipto and Supadio roads); the generic ones serve
// any other region a deployment is rooted at.
var (
	localStreets   = []string{"Jl. Adisucipto", "Jl. Arteri Supadio", "Jl. Raya Sungai Kakap", "Jl. Trans Kalimantan", "Jl. Parit Haji Muksin", "Jl. Parit Haji Husin", "Jl. Sungai Raya Dalam", "Jl. Kakap Raya", "Jl. Parit Deraba", "Jl. Raya Rasau Jaya", "Jl. Ambawang", "Jl. Desa", "Jl. Parit Bugis", "Jl. Sepakat"}
	genericStreets = []string{"Jl. Desa", "Jl. Raya", "Jl. Poros Desa", "Jl. Pendidikan", "Jl. Masjid", "Jl. Pasar", "Jl. Merdeka", "Jl. Pemuda", "Jl. Kartini", "Jl. Sudirman"}
	hamlets        = []string{"Karya Bakti", "Sido Mulyo", "Parit Tengah", "Suka Maju", "Harapan Jaya", "Sejahtera", "Mekar Sari", "Melati", "Mawar", "Kenanga", "Bina Jaya", "Kampung Baru", "Kampung Tengah", "Teluk", "Hilir", "Hulu", "Mandiri", "Sumber Rejo", "Sido Rahayu", "Parit Baru", "Tanjung", "Sungai Kecil", "Karya Tani", "Mulia"}
	gangs          = []string{"Gg. Mulia", "Gg. Amal", "Gg. Keluarga", "Gg. Sederhana", "Gg. Mawar", "Gg. Damai", "Gg. Sepakat", "Gg. Bersatu", "Gg. Harapan", "Gg. Karya"}
)

// Mobile number prefixes of the Indonesian operators.
var phonePrefixes = []string{"0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0851", "0814", "0815", "0816", "0855", "0856", "0857", "0858", "0817", "0818", "0819", "0859", "0877", "0878", "0831", "0832", "0838", "0895", "0896", "0897", "0898", "0899"}

// appendPersonName appends a name from pool e of the given gender.
func appendPersonName(b []byte, r *rng, e ethnicity, female bool) []byte {
	p := &pools[e]
	if e == tionghoa && r.chance(0.3) {
		syl := maleSyllables
		if female {
			syl = femSyllables
		}
		b = append(append(b, pick(r, clanNames)...), ' ')
		b = append(append(b, pick(r, syl)...), ' ')
		return append(b, pick(r, syl)...)
	}
	first, second := p.maleFirst, p.maleSecond
	if female {
		first, second = p.femaleFirst, p.femaleSecond
	}
	f := pick(r, first)
	b = append(b, f...)
	if r.chance(p.single) && !titleSkipFirst[f] {
		return b
	}
	s := pick(r, second)
	if s == f {
		s = second[(index(second, s)+1)%len(second)]
	}
	return append(append(b, ' '), s...)
}

// personName returns a name from pool e of the given gender.
func personName(r *rng, e ethnicity, female bool) string {
	return string(appendPersonName(make([]byte, 0, 24), r, e, female))
}

// shortName is the part of a person's name that neighbours use and business
// names carry: "Siti Aminah" gives "Aminah", "Darman Hidayat" gives
// "Darman", "Lim Ah Kiong" gives "Ah Kiong".
func shortName(name []byte) []byte {
	first, rest := cut(name)
	if len(rest) == 0 {
		return first
	}
	if isClan(first) {
		return rest
	}
	if titleSkipFirst[string(first)] {
		second, _ := cut(rest)
		return second
	}
	return first
}

func isClan(s []byte) bool {
	for _, c := range clanNames {
		if string(s) == c {
			return true
		}
	}
	return false
}

// cut splits at the first space.
func cut(s []byte) ([]byte, []byte) {
	for i, c := range s {
		if c == ' ' {
			return s[:i], s[i+1:]
		}
	}
	return s, nil
}

func index(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return 0
}
