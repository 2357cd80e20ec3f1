package importer

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// china bounds the territory a first import may cover; later imports must
// also lie near what the atlas holds (see extentOf).
var china = orb.Bound{Min: orb.Point{73.4, 3.8}, Max: orb.Point{135.1, 53.6}}

// nearKnown is how far, in degrees, a feature may lie from the regions the
// atlas holds: a neighbouring city, but not the other end of the country.
const nearKnown = 5.0

// extentOf is where imported coordinates must fall: China, and, once the
// atlas holds regions, within nearKnown degrees of them.
func extentOf(known orb.Bound) orb.Bound {
	if known.IsEmpty() || known.Min == known.Max {
		return china
	}
	pad := orb.Bound{Min: orb.Point{known.Min[0] - nearKnown, known.Min[1] - nearKnown},
		Max: orb.Point{known.Max[0] + nearKnown, known.Max[1] + nearKnown}}
	return orb.Bound{Min: orb.Point{math.Max(pad.Min[0], china.Min[0]), math.Max(pad.Min[1], china.Min[1])},
		Max: orb.Point{math.Min(pad.Max[0], china.Max[0]), math.Min(pad.Max[1], china.Max[1])}}
}

// CRSReport says which coordinate system a file was read in and how that
// was decided.
type CRSReport struct {
	Name string `json:"name"`
	From string `json:"from"` // "option", "file", or "degrees" (no CRS given; the numbers are degrees)
}

// place converts a layer read in its own coordinates to lon/lat: in the
// CRS the options name, else the one the file declares, else — when its
// coordinates are degrees — EPSG:4326. Then every feature must lie inside
// extent: a wrong CRS puts a file thousands of kilometres away, and that is
// caught and named here rather than written. A feature that does not fit
// is a problem of its own (its geometry is cleared); a CRS that cannot be
// had is the whole file's.
func place(l *format.Layer, opts Options, extent orb.Bound) (CRSReport, []Problem, error) {
	crs, rep, err := resolveCRS(l, opts)
	if err != nil {
		return rep, nil, err
	}
	rep.Name = crs.Name()
	raw := layerBound(l)
	var probs []Problem
	for i := range l.Features {
		f := &l.Features[i]
		if f.Geometry == nil {
			continue
		}
		if rep.From == "degrees" && !inside(f.Geometry.Bound(), degrees) {
			probs = append(probs, featureProblem(l, i, fmt.Sprintf("%s is not a longitude/latitude in EPSG:4326 (projected coordinates? give --crs)", where(f.Geometry.Bound()))))
			f.Geometry = nil
			continue
		}
		f.Geometry = crs.Unproject(f.Geometry)
		if b := f.Geometry.Bound(); !inside(b, extent) {
			probs = append(probs, featureProblem(l, i, fmt.Sprintf("lies at %s, outside %s, read as %s: %s",
				where(b), extentName(extent), rep.Name, crsHint(raw.Min[0]))))
			f.Geometry = nil
		}
	}
	return rep, probs, nil
}

// degrees bounds longitude/latitude.
var degrees = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// featureProblem is a problem with feature i's geometry; a table's is
// placed at its row later (see tableRows).
func featureProblem(l *format.Layer, i int, msg string) Problem {
	return Problem{Feature: i + 1, Field: geometryField(l), Message: msg}
}

// geometryField names where a layer keeps its geometry, for problems: a
// table's WKT or coordinate columns, else "geometry".
func geometryField(l *format.Layer) string {
	if l.Source.Geometry != "" {
		return l.Source.Geometry
	}
	return "geometry"
}

// resolveCRS picks the CRS to read a layer in.
func resolveCRS(l *format.Layer, opts Options) (proj.CRS, CRSReport, error) {
	var (
		crs  proj.CRS
		err  error
		from string
	)
	switch {
	case opts.CRS != "":
		crs, err = parseCRSText(opts.CRS)
		from = "option"
	case l.Source.CRS != "":
		crs, err = parseCRSText(l.Source.CRS)
		from = "file"
	default:
		b := layerBound(l)
		if !anyInDegrees(l) {
			return crs, CRSReport{From: "none"}, fmt.Errorf("the file names no coordinate system and its coordinates (x %.0f … %.0f, y %.0f … %.0f) are not degrees: give it with --crs (API: crs), e.g. EPSG:4549 for CGCS2000 3-degree Gauss-Krüger CM 120E",
				b.Min[0], b.Max[0], b.Min[1], b.Max[1])
		}
		return proj.Default, CRSReport{From: "degrees"}, nil
	}
	if errors.Is(err, proj.ErrNeedsDatumShift) && opts.TOWGS84 != "" {
		p, perr := parseTOWGS84(opts.TOWGS84)
		if perr != nil {
			return crs, CRSReport{From: from}, perr
		}
		crs, err = proj.WithTOWGS84(crs, p), nil
	}
	if err != nil {
		return crs, CRSReport{From: from}, fmt.Errorf("coordinate system (from the %s): %w", from, err)
	}
	return crs, CRSReport{From: from}, nil
}

// parseCRSText reads a CRS given as a code or name (EPSG:4549, gcj02) or as
// WKT (a .prj, a GeoPackage definition).
func parseCRSText(s string) (proj.CRS, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "[") {
		return proj.ParseWKT(s)
	}
	return proj.Parse(s)
}

// parseTOWGS84 reads the seven Helmert parameters dx,dy,dz (m), rx,ry,rz
// (arc-seconds), s (ppm).
func parseTOWGS84(s string) ([7]float64, error) {
	var p [7]float64
	parts := strings.Split(s, ",")
	if len(parts) != 7 {
		return p, fmt.Errorf("--towgs84 needs seven numbers dx,dy,dz,rx,ry,rz,s; got %d", len(parts))
	}
	for i, part := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil {
			return p, fmt.Errorf("--towgs84 value %d %q is not a number", i+1, part)
		}
		p[i] = v
	}
	return p, nil
}

func layerBound(l *format.Layer) orb.Bound {
	var b orb.Bound
	first := true
	for _, f := range l.Features {
		if f.Geometry == nil {
			continue
		}
		if first {
			b, first = f.Geometry.Bound(), false
			continue
		}
		b = b.Union(f.Geometry.Bound())
	}
	return b
}

func inside(b, extent orb.Bound) bool {
	for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return extent.Contains(b.Min) && extent.Contains(b.Max)
}

func where(b orb.Bound) string {
	c := b.Center()
	return fmt.Sprintf("%.4f, %.4f", c[0], c[1])
}

func extentName(e orb.Bound) string {
	if e == china {
		return "China"
	}
	return fmt.Sprintf("the atlas's area (lon %.1f … %.1f, lat %.1f … %.1f)", e.Min[0], e.Max[0], e.Min[1], e.Max[1])
}

// crsHint says what is likely wrong, from the least x the file holds: eastings
// with a zone prefix read in a zone without one (or the reverse), or
// projected numbers read as degrees.
func crsHint(x float64) string {
	switch {
	case x >= 1e7 && x < 1e8:
		zone := int(x / 1e6)
		return fmt.Sprintf("the eastings (about %.0f) carry a zone number (%d) before the 500 km false easting: read them in the zone-prefixed CRS of zone %d%s", x, zone, zone, prefixedCode(zone))
	case x > 1e5 && x < 1e6:
		return "the eastings have no zone prefix: use the CRS of the zone's central meridian without a prefix (CGCS2000 3-degree GK: EPSG:4534–4554)"
	}
	return "check the coordinate system (--crs)"
}

// prefixedCode names the EPSG code of a zone-prefixed CGCS2000 GK zone:
// 3-degree zones 25–45 are EPSG:4513–4533, 6-degree zones 13–23 EPSG:4491–4501.
func prefixedCode(zone int) string {
	switch {
	case zone >= 25 && zone <= 45:
		return fmt.Sprintf(" (3-degree: EPSG:%d)", 4513+zone-25)
	case zone >= 13 && zone <= 23:
		return fmt.Sprintf(" (6-degree: EPSG:%d)", 4491+zone-13)
	}
	return ""
}

// anyInDegrees reports whether some feature's coordinates are degrees: a
// file of degrees with a stray projected feature is read as degrees, and
// the stray one named.
func anyInDegrees(l *format.Layer) bool {
	for _, f := range l.Features {
		if f.Geometry != nil && inside(f.Geometry.Bound(), degrees) {
			return true
		}
	}
	return false
}
