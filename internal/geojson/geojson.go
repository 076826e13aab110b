// Package geojson reads region boundaries from GeoJSON (RFC 7946): a
// FeatureCollection of Polygon and MultiPolygon features, each carrying a
// Kemendagri region code. It checks the file against the deployment's
// regions, projects it to a flat map and simplifies it for SVG. It embeds
// the Kubu Raya and Kalimantan Barat boundaries as the demo default (see
// batas/NOTICE.md and batas/LICENSE-boundaries).
package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"bina"
)

// MaxSize is the default bound on a boundary file: a province's desa at a
// choropleth's resolution fits well inside it.
const MaxSize = 32 << 20

// Feature is one region's boundary: polygons of rings of [longitude,
// latitude] points (WGS84); the first ring of a polygon is its outline,
// the others its holes.
type Feature struct {
	Code     bina.RegionCode
	Name     string
	Polygons [][][][2]float64
}

// The properties that may hold a feature's code and name, in the order
// tried: the demo files use "code" and "name"; Indonesian files often say
// "kode" and "nama".
var (
	codeKeys = []string{"code", "kode", "kode_wilayah", "kdepum"}
	nameKeys = []string{"name", "nama", "wadmkd", "wadmkc"}
)

type fileJSON struct {
	Type     string        `json:"type"`
	Features []featureJSON `json:"features"`
}

type featureJSON struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties"`
	Geometry   *geometryJSON  `json:"geometry"`
}

type geometryJSON struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// invalid is the error for a file that cannot be used, in both languages.
func invalid(id, en string, args ...any) *bina.Error {
	return bina.Errorf(bina.Invalid, "Berkas batas wilayah: "+id, "Boundary file: "+en, args...)
}

// inRegion prefixes a geometry error with the region it was found in.
func inRegion(code string, err error) error {
	var be *bina.Error
	if !errors.As(err, &be) {
		return err
	}
	return &bina.Error{Code: bina.Invalid, Message: bina.Text{
		ID: "Berkas batas wilayah: wilayah " + code + ": " + be.Message.ID,
		EN: "Boundary file: region " + code + ": " + be.Message.EN,
	}}
}

// Read reads a FeatureCollection of at most limit bytes (MaxSize if limit
// is 0 or less). It fails with bina.Invalid, naming the feature and what
// is wrong, when the input is too large, is not GeoJSON, is not a
// FeatureCollection, holds a geometry other than Polygon or MultiPolygon,
// a ring that is not closed or has fewer than four points, a coordinate
// outside WGS84, a feature without a valid Kemendagri code, or a code twice.
func Read(r io.Reader, limit int64) ([]Feature, error) {
	if limit <= 0 {
		limit = MaxSize
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, bina.Wrap(err, "read boundary file")
	}
	if int64(len(data)) > limit {
		return nil, invalid("lebih besar dari %d MB.", "larger than %d MB.", limit>>20)
	}
	var f fileJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, invalid("bukan GeoJSON (JSON rusak di byte %d).", "not GeoJSON (broken JSON at byte %d).", se.Offset)
		}
		e := invalid("bukan GeoJSON (struktur JSON tidak sesuai).", "not GeoJSON (unexpected JSON structure).")
		e.Err = err // the decoder's detail, for the log
		return nil, e
	}
	if f.Type != "FeatureCollection" {
		return nil, invalid("bukan GeoJSON FeatureCollection (type %q).", "not a GeoJSON FeatureCollection (type %q).", f.Type)
	}
	if len(f.Features) == 0 {
		return nil, invalid("tidak memuat satu pun wilayah.", "holds no feature.")
	}
	out := make([]Feature, 0, len(f.Features))
	seen := map[bina.RegionCode]int{}
	for i, fj := range f.Features {
		n := i + 1
		code, name := property(fj.Properties, codeKeys), property(fj.Properties, nameKeys)
		if code == "" {
			return nil, invalid("fitur ke-%d tidak punya properti kode wilayah (%s).", "feature %d has no region code property (%s).",
				n, strings.Join(codeKeys, ", "))
		}
		c := bina.RegionCode(code)
		if !c.WellFormed() {
			return nil, invalid("fitur ke-%d: %q bukan kode wilayah Kemendagri (contoh 61.12.01).", "feature %d: %q is not a Kemendagri region code (e.g. 61.12.01).", n, code)
		}
		if first, ok := seen[c]; ok {
			return nil, invalid("kode %s muncul dua kali (fitur ke-%d dan ke-%d).", "code %s appears twice (features %d and %d).", code, first, n)
		}
		seen[c] = n
		if fj.Geometry == nil {
			return nil, invalid("wilayah %s tidak punya geometri.", "region %s has no geometry.", code)
		}
		polys, err := polygons(fj.Geometry)
		if err != nil {
			return nil, inRegion(code, err)
		}
		out = append(out, Feature{Code: c, Name: cmpOr(name, code), Polygons: polys})
	}
	return out, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// property returns the first non-empty property among keys, matched
// without regard to case; numbers are not codes and are ignored.
func property(props map[string]any, keys []string) string {
	for _, k := range keys {
		for pk, v := range props {
			if s, ok := v.(string); ok && strings.EqualFold(pk, k) && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// polygons decodes a Polygon or MultiPolygon into polygons of rings.
func polygons(g *geometryJSON) ([][][][2]float64, error) {
	switch g.Type {
	case "Polygon":
		var rings [][][]float64
		if err := json.Unmarshal(g.Coordinates, &rings); err != nil {
			return nil, bina.Errorf(bina.Invalid, "koordinat Polygon tidak sah.", "the Polygon coordinates are not valid.")
		}
		p, err := polygon(rings)
		if err != nil {
			return nil, err
		}
		return [][][][2]float64{p}, nil
	case "MultiPolygon":
		var polys [][][][]float64
		if err := json.Unmarshal(g.Coordinates, &polys); err != nil {
			return nil, bina.Errorf(bina.Invalid, "koordinat MultiPolygon tidak sah.", "the MultiPolygon coordinates are not valid.")
		}
		if len(polys) == 0 {
			return nil, bina.Errorf(bina.Invalid, "MultiPolygon kosong.", "empty MultiPolygon.")
		}
		out := make([][][][2]float64, 0, len(polys))
		for _, rings := range polys {
			p, err := polygon(rings)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		return out, nil
	default:
		return nil, bina.Errorf(bina.Invalid, "geometri %q; yang diterima hanya Polygon dan MultiPolygon.",
			"geometry %q; only Polygon and MultiPolygon are accepted.", g.Type)
	}
}

// polygon checks and converts the rings of one polygon.
func polygon(rings [][][]float64) ([][][2]float64, error) {
	if len(rings) == 0 {
		return nil, bina.Errorf(bina.Invalid, "poligon tanpa ring.", "a polygon without rings.")
	}
	out := make([][][2]float64, 0, len(rings))
	for _, ring := range rings {
		if len(ring) < 4 {
			return nil, bina.Errorf(bina.Invalid, "ring dengan %d titik; minimal 4.", "a ring of %d points; at least 4 are needed.", len(ring))
		}
		pts := make([][2]float64, len(ring))
		for i, p := range ring {
			if len(p) < 2 || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
				return nil, bina.Errorf(bina.Invalid, "titik %v bukan [bujur, lintang] WGS84.", "point %v is not a WGS84 [longitude, latitude].", p)
			}
			pts[i] = [2]float64{p[0], p[1]}
		}
		if pts[0] != pts[len(pts)-1] {
			return nil, bina.Errorf(bina.Invalid, "ring tidak tertutup (titik awal dan akhir berbeda).", "a ring is not closed (first and last points differ).")
		}
		out = append(out, pts)
	}
	return out, nil
}

// Match checks the features against the regions the map is for: every
// feature's code must be one of regions. It returns the regions without a
// feature (a map shows them only in its table), or a bina.Invalid error
// naming the codes that match no region.
func Match(features []Feature, regions []bina.RegionCode) (missing []bina.RegionCode, err error) {
	want := map[bina.RegionCode]bool{}
	for _, r := range regions {
		want[r] = true
	}
	var unknown []string
	have := map[bina.RegionCode]bool{}
	for _, f := range features {
		have[f.Code] = true
		if !want[f.Code] {
			unknown = append(unknown, string(f.Code))
		}
	}
	if len(unknown) > 0 {
		shown := unknown
		if len(shown) > 5 {
			shown = shown[:5]
		}
		list := strings.Join(shown, ", ")
		if len(unknown) > 5 {
			list += fmt.Sprintf(" (+%d)", len(unknown)-5)
		}
		return nil, invalid("%d kode tidak cocok dengan wilayah yang diharapkan: %s.",
			"%d codes do not match the expected regions: %s.", len(unknown), list)
	}
	for _, r := range regions {
		if !have[r] {
			missing = append(missing, r)
		}
	}
	slices.Sort(missing)
	return missing, nil
}
