package geojson

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"bina"
	"bina/internal/chart"
	"bina/internal/refdata"
)

// regions returns the codes of Kubu Raya's regions at level l.
func regions(t testing.TB, l bina.RegionLevel) []bina.RegionCode {
	t.Helper()
	tree, err := refdata.Regions("61.12")
	if err != nil {
		t.Fatal(err)
	}
	var out []bina.RegionCode
	for _, r := range tree.AtLevel(l) {
		out = append(out, r.Code)
	}
	return out
}

func mustDemo(t testing.TB, l Layer) []Feature {
	t.Helper()
	fs, err := Demo(l)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestDemoLayersMatchTheRegions(t *testing.T) {
	kec := mustDemo(t, KubuRayaKecamatan)
	missing, err := Match(kec, regions(t, bina.LevelDistrict))
	if err != nil || len(kec) != 9 || len(missing) != 0 {
		t.Fatalf("kecamatan: %d features, missing %v, err %v", len(kec), missing, err)
	}
	desa := mustDemo(t, KubuRayaDesa)
	missing, err = Match(desa, regions(t, bina.LevelVillage))
	if err != nil || len(desa) != 117 {
		t.Fatalf("desa: %d features, err %v", len(desa), err)
	}
	// The six newer desa the source has no polygon for (batas/README).
	if len(missing) != 6 || missing[0] != "61.12.01.2021" {
		t.Errorf("missing desa = %v", missing)
	}
	kab := mustDemo(t, KalbarKabKota)
	if len(kab) != 14 || kab[0].Code != "61.01" || kab[0].Name != "Kabupaten Sambas" {
		t.Errorf("kab/kota: %d, first %+v", len(kab), kab[0].Code)
	}
	// The desa file is for Kubu Raya: against the kecamatan it must fail,
	// naming codes.
	_, err = Match(desa, regions(t, bina.LevelDistrict))
	checkInvalid(t, err, "117 kode tidak cocok", "61.12.01.2001")
	if !bytes.Contains(License(), []byte("MIT License")) {
		t.Error("the licence text is not embedded")
	}
}

// checkInvalid checks that err is bina.Invalid and that its Indonesian
// message holds every part; the English message must not be empty.
func checkInvalid(t *testing.T, err error, parts ...string) {
	t.Helper()
	var be *bina.Error
	if !errors.As(err, &be) || be.Code != bina.Invalid {
		t.Fatalf("err = %v, want bina.Invalid", err)
	}
	for _, p := range parts {
		if !strings.Contains(be.Message.ID, p) {
			t.Errorf("message %q does not hold %q", be.Message.ID, p)
		}
	}
	if be.Message.EN == "" || !strings.HasPrefix(be.Message.EN, "Boundary file: ") {
		t.Errorf("English message %q", be.Message.EN)
	}
}

const square = `[[109,0],[109.1,0],[109.1,0.1],[109,0.1],[109,0]]`

func TestReadBadFiles(t *testing.T) {
	feature := func(props, geom string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + props + `,"geometry":` + geom + `}]}`
	}
	poly := `{"type":"Polygon","coordinates":[` + square + `]}`
	for _, c := range []struct {
		name  string
		in    string
		limit int64
		want  []string
	}{
		{"not JSON", "PK\x03\x04 a zip file", 0, []string{"bukan GeoJSON", "JSON rusak"}},
		{"JSON but not GeoJSON", `[1,2,3]`, 0, []string{"bukan GeoJSON"}},
		{"a Feature alone", `{"type":"Feature"}`, 0, []string{"bukan GeoJSON FeatureCollection", `"Feature"`}},
		{"no features", `{"type":"FeatureCollection","features":[]}`, 0, []string{"tidak memuat"}},
		{"too large", feature(`{"code":"61.12"}`, poly), 64, []string{"lebih besar"}},
		{"no code", feature(`{"name":"Kubu"}`, poly), 0, []string{"fitur ke-1", "kode wilayah"}},
		{"code a number", feature(`{"code":6112}`, poly), 0, []string{"fitur ke-1"}},
		{"BPS code", feature(`{"code":"6112010"}`, poly), 0, []string{`"6112010"`, "bukan kode wilayah Kemendagri"}},
		{"points", feature(`{"code":"61.12"}`, `{"type":"Point","coordinates":[109,0]}`), 0, []string{"61.12", `"Point"`, "Polygon dan MultiPolygon"}},
		{"no geometry", feature(`{"code":"61.12"}`, `null`), 0, []string{"tidak punya geometri"}},
		{"open ring", feature(`{"code":"61.12"}`, `{"type":"Polygon","coordinates":[[[109,0],[109.1,0],[109.1,0.1],[109,0.1]]]}`), 0, []string{"61.12", "ring"}},
		{"short ring", feature(`{"code":"61.12"}`, `{"type":"Polygon","coordinates":[[[109,0],[109.1,0],[109,0]]]}`), 0, []string{"3 titik"}},
		{"swapped", feature(`{"code":"61.12"}`, `{"type":"Polygon","coordinates":[[[0,109],[0,109.1],[0.1,109.1],[0,109]]]}`), 0, []string{"WGS84"}},
		{"bad coordinates", feature(`{"code":"61.12"}`, `{"type":"MultiPolygon","coordinates":"x"}`), 0, []string{"MultiPolygon tidak sah"}},
		{"twice", `{"type":"FeatureCollection","features":[` +
			`{"type":"Feature","properties":{"code":"61.12"},"geometry":` + poly + `},` +
			`{"type":"Feature","properties":{"code":"61.12"},"geometry":` + poly + `}]}`, 0, []string{"dua kali", "ke-1 dan ke-2"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(c.in), c.limit)
			checkInvalid(t, err, c.want...)
		})
	}
}

func TestReadAcceptsIndonesianPropertyNames(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"KODE":"61.12.01","Nama":"Sungai Raya"},` +
		`"geometry":{"type":"MultiPolygon","coordinates":[[` + square + `]]}}]}`
	fs, err := Read(strings.NewReader(in), 0)
	if err != nil {
		t.Fatal(err)
	}
	if fs[0].Code != "61.12.01" || fs[0].Name != "Sungai Raya" || len(fs[0].Polygons) != 1 {
		t.Errorf("feature = %+v", fs[0])
	}
}

func TestSimplify(t *testing.T) {
	// A square with a point on each edge a hair off the line: the hairs go,
	// the corners stay.
	ring := [][2]float64{{0, 0}, {5, 0.1}, {10, 0}, {10.1, 5}, {10, 10}, {5, 10}, {0, 10}, {0, 5}, {0, 0}}
	got := Simplify(ring, 0.5)
	if len(got) != 5 || got[0] != got[len(got)-1] {
		t.Errorf("simplified = %v", got)
	}
	if got := Simplify(ring, 0); len(got) != len(ring) {
		t.Errorf("tolerance 0 must keep every point")
	}
}

func TestProjectionPoint(t *testing.T) {
	_, proj := Project(mustDemo(t, KubuRayaKecamatan), 600, 0.5)
	if proj.Height < 600 || proj.Height > 900 {
		t.Errorf("height %v for a 600 px wide Kubu Raya", proj.Height)
	}
	// Sungai Raya's office lies inside the map; Jakarta does not.
	if x, y, ok := proj.Point(109.36, -0.06); !ok || x < 0 || y < 0 {
		t.Errorf("Sungai Raya at %v, %v, %v", x, y, ok)
	}
	if _, _, ok := proj.Point(106.8, -6.2); ok {
		t.Error("Jakarta falls on the Kubu Raya map")
	}
	if _, _, ok := (Projection{}).Point(109, 0); ok {
		t.Error("an empty projection places points")
	}
}

// desaMap renders the demo desa map with a value for most desa.
func desaMap(t testing.TB, w io.Writer) chart.Choropleth {
	t.Helper()
	shapes, proj := Project(mustDemo(t, KubuRayaDesa), 600, 0.5)
	c := chart.Choropleth{ID: "peta-desa", Title: "UMKM terdaftar per desa, 2025", Desc: "Peta Kubu Raya.", Unit: "unit",
		Width: 600, Height: proj.Height, Values: map[string]float64{}, Credit: Credit}
	for i, s := range shapes {
		c.Areas = append(c.Areas, chart.Area(s))
		if i%10 != 9 {
			c.Values[s.Code] = float64(i*37%500 + 1000)
		}
	}
	if err := c.Render(w); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDesaMap(t *testing.T) {
	var out bytes.Buffer
	c := desaMap(t, &out)
	dec := xml.NewDecoder(bytes.NewReader(out.Bytes()))
	paths, titles, noData := 0, 0, 0
	inAreas := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				if a.Name.Local == "id" && a.Value == "peta-desa-areas" {
					inAreas = 1
				}
			}
			if inAreas > 0 && tok.Name.Local == "path" {
				paths++
			}
		case xml.CharData:
			if inAreas > 0 && strings.Contains(string(tok), ": ") {
				titles++
				if strings.HasSuffix(string(tok), ": tidak ada data") {
					noData++
				}
			}
		case xml.EndElement:
			if inAreas > 0 && tok.Name.Local == "g" {
				inAreas = 0
			}
		}
	}
	if paths != 117 || titles != 117 || noData != 11 {
		t.Errorf("%d paths, %d titles, %d without data; want 117, 117, 11", paths, titles, noData)
	}
	if !strings.Contains(out.String(), "<title>Sungai Raya: 1.000 unit</title>") {
		t.Error("the first desa's title does not carry its number")
	}
	if len(c.Breaks()) != 5 {
		t.Errorf("breaks = %v", c.Breaks())
	}
	t.Logf("desa map: %d bytes", out.Len())
	if out.Len() > 150_000 {
		t.Errorf("the desa map takes %d bytes", out.Len())
	}
}

// BenchmarkProjectDesa projects and simplifies the 117 desa polygons of
// Kubu Raya; a page would do this once per layer and keep the shapes.
func BenchmarkProjectDesa(b *testing.B) {
	fs := mustDemo(b, KubuRayaDesa)
	for b.Loop() {
		Project(fs, 600, 0.5)
	}
}

// BenchmarkRenderDesaMap renders the desa choropleth from projected
// shapes, reporting the SVG size plain and gzip-compressed.
func BenchmarkRenderDesaMap(b *testing.B) {
	shapes, proj := Project(mustDemo(b, KubuRayaDesa), 600, 0.5)
	c := chart.Choropleth{Width: 600, Height: proj.Height, Values: map[string]float64{}}
	for i, s := range shapes {
		c.Areas = append(c.Areas, chart.Area(s))
		c.Values[s.Code] = float64(i)
	}
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := c.Render(&out); err != nil {
			b.Fatal(err)
		}
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(out.Bytes())
	zw.Close()
	b.ReportMetric(float64(out.Len()), "svg-bytes")
	b.ReportMetric(float64(z.Len()), "svg-gzip-bytes")
}

// BenchmarkReadDesa reads the embedded desa file.
func BenchmarkReadDesa(b *testing.B) {
	for b.Loop() {
		mustDemo(b, KubuRayaDesa)
	}
}

// TestEveryDemoLayerRenders draws each embedded layer with a value for
// every region and checks one path per feature.
func TestEveryDemoLayerRenders(t *testing.T) {
	for _, l := range []Layer{KubuRayaKecamatan, KubuRayaDesa, KalbarKabKota} {
		t.Run(string(l), func(t *testing.T) {
			fs := mustDemo(t, l)
			shapes, proj := Project(fs, 600, 0.5)
			c := chart.Choropleth{ID: "m", Title: string(l), Width: proj.Width, Height: proj.Height, Values: map[string]float64{}}
			for i, s := range shapes {
				c.Areas = append(c.Areas, chart.Area(s))
				c.Values[s.Code] = float64(i)
			}
			var out bytes.Buffer
			if err := c.Render(&out); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(out.String(), "</title></path>"); n != len(fs) {
				t.Errorf("%d region paths for %d features", n, len(fs))
			}
			if strings.Contains(out.String(), "tidak ada data</title>") {
				t.Error("a region with a value is drawn without data")
			}
			t.Logf("%s: %d features, %d bytes", l, len(fs), out.Len())
		})
	}
}
