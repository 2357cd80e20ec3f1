package geo_test

import (
	"fmt"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// A 1° × 1° cell at Nantong's latitude, on the WGS84 ellipsoid.
func ExampleArea() {
	cell := orb.MultiPolygon{{{{120, 32}, {121, 32}, {121, 33}, {120, 33}, {120, 32}}}}
	fmt.Printf("%.1f km²\n", geo.Area(cell)/1e6)
	// Output: 10421.5 km²
}

// The label of an L-shaped block sits on the diagonal of its corner square,
// as far from the two outer edges as from the inner corner:
// 0.01·√2/(1+√2) ≈ 0.0059°. The centroid, at (0.0083, 0.0083), is barely
// inside.
func ExampleLabelPoint() {
	l := orb.MultiPolygon{{{{0, 0}, {0.02, 0}, {0.02, 0.01}, {0.01, 0.01}, {0.01, 0.02}, {0, 0.02}, {0, 0}}}}
	p := geo.LabelPoint(l)
	fmt.Printf("%.4f %.4f\n", p[0], p[1])
	// Output: 0.0059 0.0059
}
