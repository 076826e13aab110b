package geojson

import "math"

// Shape is a feature projected to a flat map in pixels (x right, y down),
// its polygons' rings flattened into one list to be drawn with the
// even-odd rule. Its fields match chart.Area, so chart.Area(s) converts.
type Shape struct {
	Code  string
	Name  string
	Rings [][][2]float64
}

// Project fits the features into a map width pixels wide and returns the
// shapes and the map's height. The projection is equirectangular with
// longitudes shrunk by the cosine of the middle latitude, which keeps
// shapes true at the scale of a regency or a province. Each ring is then
// simplified with Douglas-Peucker to tolerance pixels (0.5 keeps every
// visible corner); a ring that shrinks below a triangle is dropped unless
// it is the shape's only one.
func Project(features []Feature, width, tolerance float64) ([]Shape, float64) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, f := range features {
		for _, p := range f.Polygons {
			for _, ring := range p {
				for _, pt := range ring {
					minX, maxX = math.Min(minX, pt[0]), math.Max(maxX, pt[0])
					minY, maxY = math.Min(minY, pt[1]), math.Max(maxY, pt[1])
				}
			}
		}
	}
	if len(features) == 0 || maxX <= minX || maxY <= minY {
		return nil, 0
	}
	k := math.Cos((minY + maxY) / 2 * math.Pi / 180)
	const margin = 4.0
	scale := (width - 2*margin) / ((maxX - minX) * k)
	height := (maxY-minY)*scale + 2*margin
	shapes := make([]Shape, 0, len(features))
	for _, f := range features {
		s := Shape{Code: string(f.Code), Name: f.Name}
		var largest [][2]float64
		for _, p := range f.Polygons {
			for _, ring := range p {
				pts := make([][2]float64, len(ring))
				for i, pt := range ring {
					pts[i] = [2]float64{margin + (pt[0]-minX)*k*scale, margin + (maxY-pt[1])*scale}
				}
				if len(pts) > len(largest) {
					largest = pts
				}
				if simple := Simplify(pts, tolerance); len(simple) >= 4 {
					s.Rings = append(s.Rings, simple)
				}
			}
		}
		if len(s.Rings) == 0 {
			s.Rings = [][][2]float64{largest}
		}
		shapes = append(shapes, s)
	}
	return shapes, height
}

// Simplify returns the closed ring with the points that lie within
// tolerance of the line kept dropped (Douglas-Peucker). The ring is split
// at its first point and the point farthest from it, so both halves keep
// their ends.
func Simplify(ring [][2]float64, tolerance float64) [][2]float64 {
	n := len(ring)
	if n < 5 || tolerance <= 0 {
		return ring
	}
	far, fd := 0, -1.0
	for i, p := range ring {
		if d := math.Hypot(p[0]-ring[0][0], p[1]-ring[0][1]); d > fd {
			far, fd = i, d
		}
	}
	keep := make([]bool, n)
	keep[0], keep[far], keep[n-1] = true, true, true
	dp(ring, 0, far, tolerance, keep)
	dp(ring, far, n-1, tolerance, keep)
	out := make([][2]float64, 0, n/2)
	for i, p := range ring {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// dp marks the points of ring between i and j (exclusive) to keep; it
// uses an explicit stack so that long rings cannot exhaust the goroutine
// stack.
func dp(ring [][2]float64, i, j int, tol float64, keep []bool) {
	stack := [][2]int{{i, j}}
	for len(stack) > 0 {
		a, b := stack[len(stack)-1][0], stack[len(stack)-1][1]
		stack = stack[:len(stack)-1]
		if b-a < 2 {
			continue
		}
		far, fd := -1, tol
		for k := a + 1; k < b; k++ {
			if d := segmentDistance(ring[k], ring[a], ring[b]); d > fd {
				far, fd = k, d
			}
		}
		if far < 0 {
			continue
		}
		keep[far] = true
		stack = append(stack, [2]int{a, far}, [2]int{far, b})
	}
}

// segmentDistance is the distance from p to the segment a–b.
func segmentDistance(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}
