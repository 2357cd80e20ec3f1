package brief

import (
	"fmt"
	"math"

	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// frame places projected metres on a figure: the CGCS2000 3-degree
// Gauss–Krüger zone of the map's centre, scaled to fit the box and centred.
type frame struct {
	fwd            func(lon, lat float64) (float64, float64)
	scale          float64 // mm per metre
	minX, maxY     float64 // projected top left of the fitted bound
	offX, offY     float64 // mm
	metresPerPixel float64
}

// newFrame fits bound b (lon/lat) into a w × h mm box at (x, y).
func newFrame(b orb.Bound, x, y, w, h float64) frame {
	lon0 := 3 * math.Round(b.Center().Lon()/3)
	fwd := proj.TransverseMercator{Ellipsoid: proj.GRS80, Lon0: lon0, K0: 1, FalseE: 500000}.Func()
	pb := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, c := range []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}, {b.Center()[0], b.Min[1]}, {b.Center()[0], b.Max[1]}} {
		px, py := fwd(c[0], c[1])
		pb = pb.Extend(orb.Point{px, py})
	}
	dx, dy := math.Max(pb.Max[0]-pb.Min[0], 1), math.Max(pb.Max[1]-pb.Min[1], 1)
	s := math.Min(w/dx, h/dy)
	return frame{fwd: fwd, scale: s, minX: pb.Min[0], maxY: pb.Max[1], offX: x + (w-dx*s)/2, offY: y + (h-dy*s)/2}
}

// at places a lon/lat point.
func (f frame) at(p orb.Point) pt {
	x, y := f.fwd(p[0], p[1])
	return pt{f.offX + (x-f.minX)*f.scale, f.offY + (f.maxY-y)*f.scale}
}

// rings places a polygon's rings, dropping vertices closer than a tenth
// of a millimetre to the last one kept: finer detail cannot be printed.
func (f frame) rings(p orb.Polygon) [][]pt {
	out := make([][]pt, 0, len(p))
	for _, r := range p {
		var ring []pt
		for _, c := range r {
			q := f.at(c)
			if n := len(ring); n > 0 && math.Hypot(q.X-ring[n-1].X, q.Y-ring[n-1].Y) < 0.1 {
				continue
			}
			ring = append(ring, q)
		}
		if len(ring) >= 3 {
			out = append(out, ring)
		}
	}
	return out
}

func (f frame) multi(mp orb.MultiPolygon) [][]pt {
	var out [][]pt
	for _, p := range mp {
		out = append(out, f.rings(p)...)
	}
	return out
}

// Map colours: the gaps take colours no choropleth palette or target class
// uses, so they never read as a class.
const (
	ink         = "#222222"
	muted       = "#666666"
	healthColor = "#762a83"
	gridColor   = "#e66101"
	borderColor = "#ffffff"
)

// drawMap draws the map figure in a w × h mm box: the areas, the gaps, the
// region's outline and labels, then legend, north arrow, scale bar and
// credit.
func drawMap(cv canvas, m Map, w, h float64) {
	cv.path(rect(0, 0, w, h), style{Stroke: "#bbbbbb", Width: 0.2})
	b := m.Outline.Bound()
	for _, a := range m.Areas {
		b = b.Union(a.Geometry.Bound())
	}
	f := newFrame(b, 4, 8, w-8, h-18)
	for _, a := range m.Areas {
		cv.path(f.multi(a.Geometry), style{Fill: a.Colour, Stroke: borderColor, Width: 0.15})
	}
	for _, g := range m.HealthGaps {
		cv.path(f.rings(g), style{Fill: healthColor, Opacity: 0.65})
	}
	for _, g := range m.GridGaps {
		cv.path(f.rings(g), style{Fill: gridColor, Opacity: 0.6})
	}
	cv.path(f.multi(m.Outline), style{Stroke: ink, Width: 0.45})
	if len(m.Areas) <= 40 {
		for _, a := range m.Areas {
			cv.text(f.at(a.Label), 2.1, ink, centre, a.Name)
		}
	}
	cv.text(pt{4, 5.5}, 3.2, ink, left, fmt.Sprintf("%s（%s）", m.Indicator, unitLabel(m.Unit)))
	drawLegend(cv, m, w, h)
	drawNorth(cv, pt{w - 8, 8})
	drawScale(cv, f, pt{5, h - 7})
	cv.text(pt{4, h - 1.5}, 2, muted, left, mapCredit)
}

// unitLabel names a unit for the map's title.
func unitLabel(u string) string {
	if z := unitZH(u); z != "" {
		return "单位：" + z
	}
	return "无单位"
}

// drawLegend lists the classes and the two gap layers at the bottom right.
func drawLegend(cv canvas, m Map, w, h float64) {
	entries := append([]LegendEntry{}, m.Legend...)
	entries = append(entries, LegendEntry{legendHG, healthColor}, LegendEntry{legendGG, gridColor})
	const row, bw = 3.6, 46.0
	top := h - 10 - row*float64(len(entries)) - 2
	cv.path(rect(w-bw-3, top, bw, row*float64(len(entries))+2), style{Fill: "#ffffff", Opacity: 0.85, Stroke: "#bbbbbb", Width: 0.15})
	for i, e := range entries {
		y := top + 1 + row*float64(i)
		cv.path(rect(w-bw-1, y+0.5, 4, 2.4), style{Fill: e.Colour, Stroke: "#999999", Width: 0.1})
		cv.text(pt{w - bw + 4.5, y + 2.6}, 2.3, ink, left, e.Label)
	}
	cv.text(pt{w - 3, h - 4.5}, 2.1, muted, right, fmt.Sprintf(uncoveredF, number(math.Round(m.Uncovered)), number(m.GapArea)))
}

// drawNorth draws an arrow pointing up at p (grid north; within a degree
// of true north across a 3-degree zone).
func drawNorth(cv canvas, p pt) {
	cv.path([][]pt{{{p.X, p.Y - 3}, {p.X + 2, p.Y + 3}, {p.X, p.Y + 1.8}, {p.X - 2, p.Y + 3}}}, style{Fill: ink})
	cv.text(pt{p.X, p.Y + 7}, 2.6, ink, centre, northLabel)
}

// drawScale draws a scale bar of a round length about a fifth of the map.
func drawScale(cv canvas, f frame, p pt) {
	metres := niceLength(40 / f.scale)
	l := metres * f.scale
	for i := 0; i < 4; i++ {
		fill := ink
		if i%2 == 1 {
			fill = "#ffffff"
		}
		cv.path(rect(p.X+l*float64(i)/4, p.Y, l/4, 1.2), style{Fill: fill, Stroke: ink, Width: 0.15})
	}
	cv.text(pt{p.X, p.Y - 0.8}, 2.1, ink, centre, "0")
	cv.text(pt{p.X + l, p.Y - 0.8}, 2.1, ink, centre, number(metres/1000)+" "+kmLabel)
}

// niceLength is the largest 1, 2 or 5 × 10ⁿ metres not above m.
func niceLength(m float64) float64 {
	if m <= 0 || math.IsInf(m, 0) || math.IsNaN(m) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, k := range []float64{5, 2, 1} {
		if k*p <= m {
			return k * p
		}
	}
	return p
}

// drawDepts draws the departments' attainment as bars in two columns.
func drawDepts(cv canvas, ds []Department, w float64) float64 {
	const row = 4.4
	half := (len(ds) + 1) / 2
	colW := w / 2
	for i, d := range ds {
		x, y := colW*float64(i/half), row*float64(i%half)
		cv.text(pt{x + 34, y + 3}, 2.4, ink, right, d.Name)
		track := colW - 34 - 26
		cv.path(rect(x+35, y+0.8, track, 2.8), style{Fill: "#eeeeee"})
		if d.Judged > 0 {
			share := float64(d.Met) / float64(d.Judged)
			cv.path(rect(x+35, y+0.8, track*share, 2.8), style{Fill: barColour(share)})
		}
		cv.text(pt{x + 36 + track, y + 3}, 2.3, muted, left, deptShare(d))
	}
	return row * float64(half)
}

// barColour reads like the target classes: blue at 80% met or more, orange
// from half, red below half.
func barColour(share float64) string {
	switch {
	case share >= 0.8:
		return "#4575b4"
	case share >= 0.5:
		return "#fdae61"
	}
	return "#d73027"
}
