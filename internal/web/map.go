package web

import (
	"bytes"
	"context"
	"sync"
	"time"

	"bina"
	"bina/indicator"
	"bina/internal/chart"
	"bina/internal/geojson"
)

// The dashboard maps draw the regions one level below the one asked: the
// kecamatan of a regency, the desa of a kecamatan (the kabupaten/kota of a
// province). Their boundaries come from the file an admin uploaded for
// that level (indicator.BoundaryService) or else from the embedded demo files
// when those fit the deployment. Reading and projecting cost milliseconds
// (the desa file about 20 ms), so both are kept: files for mapReload,
// projections per region until then (docs/peta-dan-grafik.md).

// mapWidth is the width of a projected map in SVG units; the SVG scales to
// the screen. As the charts (chart.chartWidth), 440 keeps the legend's
// text readable on a phone.
const mapWidth = 440

// mapReload is how long boundaries read from the database are kept before
// they are read again, so that a file uploaded on another app server
// reaches this one too.
const mapReload = 5 * time.Minute

// mapLevels are the levels a map can draw, each with its embedded default.
var mapLevels = []struct {
	level bina.RegionLevel
	demo  geojson.Layer
}{
	{bina.LevelRegency, geojson.KalbarKabKota},
	{bina.LevelDistrict, geojson.KubuRayaKecamatan},
	{bina.LevelVillage, geojson.KubuRayaDesa},
}

// mapCache keeps the boundaries of each level and the maps projected
// from them. The zero value is ready: it loads on first use.
type mapCache struct {
	mu       sync.Mutex
	loadedAt time.Time
	layers   map[bina.RegionLevel]*mapLayer
	maps     map[bina.RegionCode]*regionMap
}

// mapLayer is the boundaries of one level and where they came from.
type mapLayer struct {
	features []geojson.Feature
	// file is the uploaded file (nil: the embedded demo boundaries).
	file *indicator.BoundaryFile
}

// regionMap is the projected map of the regions below one region.
type regionMap struct {
	areas  []chart.Area
	proj   geojson.Projection
	credit string
}

// reset drops what is kept, so that the next map reads the boundaries
// again (after an upload).
func (c *mapCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.layers, c.maps = nil, nil
}

// regionsAt returns the deployment's regions of level.
func (h *Handler) regionsAt(level bina.RegionLevel) []bina.RegionCode {
	var out []bina.RegionCode
	for _, r := range h.Ref.Regions.AtLevel(level) {
		out = append(out, r.Code)
	}
	return out
}

// loadLayers reads the boundaries of every level: the uploaded file if
// there is one, else the embedded layer when every one of its regions is
// one of the deployment's (a Kubu Raya or Kalimantan Barat deployment).
// An uploaded file that no longer reads is logged and skipped. It reports
// false when the files could not be read: the layers are then the embedded
// ones for this request only.
func (h *Handler) loadLayers(ctx context.Context) (map[bina.RegionLevel]*mapLayer, bool) {
	out := map[bina.RegionLevel]*mapLayer{}
	ok := true
	if h.Boundaries != nil {
		files, err := h.Boundaries.BoundaryFiles(ctx)
		if err != nil {
			h.Log.Warn("read boundary files", "err", err)
			ok = false
		}
		for i := range files {
			f := &files[i]
			fs, err := geojson.Read(bytes.NewReader(f.Data), 0)
			if err != nil {
				h.Log.Warn("boundary file no longer reads", "level", f.Level, "err", err)
				continue
			}
			f.Data = nil
			out[f.Level] = &mapLayer{features: fs, file: f}
		}
	}
	for _, l := range mapLevels {
		if out[l.level] != nil {
			continue
		}
		fs, err := geojson.Demo(l.demo)
		if err != nil {
			h.Log.Warn("embedded boundaries", "layer", l.demo, "err", err)
			continue
		}
		if _, err := geojson.Match(fs, h.regionsAt(l.level)); err == nil {
			out[l.level] = &mapLayer{features: fs}
		}
	}
	return out, ok
}

// regionMap returns the map of the regions directly below region, or nil
// when there are no boundaries for them.
func (h *Handler) regionMap(ctx context.Context, region bina.RegionCode) *regionMap {
	c := &h.maps
	c.mu.Lock()
	defer c.mu.Unlock()
	h.freshLayers(ctx)
	if m, ok := c.maps[region]; ok {
		return m
	}
	var m *regionMap
	if layer := c.layers[region.Level()+1]; layer != nil && region.Level() < bina.LevelVillage {
		var below []geojson.Feature
		for _, f := range layer.features {
			if region.Contains(f.Code) && f.Code != region {
				below = append(below, f)
			}
		}
		if len(below) > 0 {
			shapes, proj := geojson.Project(below, mapWidth, 0.5)
			m = &regionMap{proj: proj, credit: geojson.Credit}
			if layer.file != nil {
				m.credit = "Batas wilayah: " + layer.file.Name
			}
			for _, s := range shapes {
				a := chart.Area(s)
				if n := h.Ref.Regions.Name(bina.RegionCode(s.Code)); n != "" {
					a.Name = n
				}
				m.areas = append(m.areas, a)
			}
		}
	}
	c.maps[region] = m
	return m
}

// mapLayers returns the boundaries of each level, for the upload page.
func (h *Handler) mapLayers(ctx context.Context) map[bina.RegionLevel]*mapLayer {
	h.maps.mu.Lock()
	defer h.maps.mu.Unlock()
	h.freshLayers(ctx)
	return h.maps.layers
}

// freshLayers (re)loads the boundaries when they are missing or older
// than mapReload; the caller holds h.maps.mu.
func (h *Handler) freshLayers(ctx context.Context) {
	c := &h.maps
	if c.layers == nil || time.Since(c.loadedAt) > mapReload {
		// A request that ends early must not leave the embedded
		// boundaries in place of the uploaded ones.
		layers, ok := h.loadLayers(context.WithoutCancel(ctx))
		c.layers, c.maps, c.loadedAt = layers, map[bina.RegionCode]*regionMap{}, time.Now()
		if !ok {
			c.loadedAt = time.Time{} // read again on the next map
		}
	}
}
