package web

// englishWorkers translates the total of workers on the UMKM form and page.
var englishWorkers = map[string]string{
	"Jumlah seluruh tenaga kerja": "All workers",
	"Isi bila hanya jumlahnya yang diketahui atau rincian di atas belum lengkap; kosongkan agar dihitung dari rincian.": "Fill in when only the total is known or the split above is incomplete; leave empty to have it counted from the split.",
	"rincian belum diketahui": "split by sex and pay not known",
	"belum dirinci":           "not split",
}
