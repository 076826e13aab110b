package geojson

import (
	"bytes"
	"embed"
	"fmt"
)

//go:embed batas/*.geojson batas/LICENSE-boundaries batas/NOTICE.md
var batas embed.FS

// Layer names one of the embedded demo boundary files.
type Layer string

// The embedded layers: Kubu Raya's kecamatan and desa, and the kabupaten
// and kota of Kalimantan Barat.
const (
	KubuRayaKecamatan Layer = "kubu_raya_kecamatan"
	KubuRayaDesa      Layer = "kubu_raya_desa"
	KalbarKabKota     Layer = "kalbar_kabkota"
)

// Credit is the attribution line the licence of the embedded boundaries
// asks maps drawn from them to carry.
const Credit = "Batas wilayah: BIG, via cahyadsn/wilayah_boundaries (MIT)"

// Demo returns the features of an embedded layer.
func Demo(l Layer) ([]Feature, error) {
	data, err := batas.ReadFile("batas/" + string(l) + ".geojson")
	if err != nil {
		return nil, fmt.Errorf("geojson: no embedded layer %q: %w", l, err)
	}
	return Read(bytes.NewReader(data), 0)
}

// License returns the licence text that travels with the embedded
// boundaries, for an about page or a download.
func License() []byte {
	b, _ := batas.ReadFile("batas/LICENSE-boundaries")
	return b
}
