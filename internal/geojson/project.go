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

// Projection places [longitude, latitude] points on a projected map.
type Projection struct {
	// Width and Height are the map's size in pixels.
	Width, Height float64
	minX, maxY    float64
	k, scale      float64
}

// Point returns where lon, lat falls on the map, and false when it falls
// outside the map's frame (or the projection is empty).
func (p Projection) Point(lon, lat float64) (x, y float64, ok bool) {
	if p.scale == 0 {
		return 0, 0, false
	}
	x, y = margin+(lon-p.minX)*p.k*p.scale, margin+(p.maxY-lat)*p.scale
	return x, y, x >= 0 && y >= 0 && x <= p.Width && y <= p.Height
}

// margin is the room left around the shapes, so that the outline's
// stroke is not cut at the frame.
const margin = 4.0

// Project fits the features into a map width pixels wide and returns the
// shapes and the projection used, which holds the map's height. The
// projection is equirectangular with
// longitudes shrunk by the cosine of the middle latitude, which keeps
// shapes true at the scale of a regency or a province. Each ring is then
// simplified with Douglas-Peucker to tolerance pixels (0.5 keeps every
// visible corner); a ring that shrinks below a triangle is dropped unless
// it is the shape's only one.
func Project(features []Feature, width, tolerance float64) ([]Shape, Projection) {
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
		return nil, Projection{}
	}
	k := math.Cos((minY + maxY) / 2 * math.Pi / 180)
	scale := (width - 2*margin) / ((maxX - minX) * k)
	proj := Projection{Width: width, Height: (maxY-minY)*scale + 2*margin, minX: minX, maxY: maxY, k: k, scale: scale}
	shapes := make([]Shape, 0, len(features))
	for _, f := range features {
		s := Shape{Code: string(f.Code), Name: f.Name}
		var largest [][2]float64
		for _, p := range f.Polygons {
			for _, ring := range p {
				pts := make([][2]float64, len(ring))
				for i, pt := range ring {
					pts[i][0], pts[i][1], _ = proj.Point(pt[0], pt[1])
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
	return shapes, proj
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
