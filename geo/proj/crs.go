package proj

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// CRS is a coordinate reference system: one of the EPSG codes Parse knows,
// GCJ-02 or BD-09, or a transverse Mercator read from WKT. Build one with
// Parse, ParseWKT or WithTOWGS84; the zero CRS converts nothing.
type CRS struct {
	// Code is the canonical spelling Parse reads back: "EPSG:4549",
	// "GCJ02", "BD09"; "" for a CRS from WKT without an EPSG code.
	Code string
	// EPSG is the EPSG code, 0 when there is none.
	EPSG int
	// Title describes it for people, without the code.
	Title string
	// WKT is its OGC WKT 1 definition (as .prj files and GeoPackage's
	// gpkg_spatial_ref_sys hold it).
	WKT string
	// URI is the OGC http URI that OGC API – Features uses.
	URI string
	// Forward converts EPSG:4326 lon/lat to this CRS, easting first.
	Forward func(lon, lat float64) (x, y float64)
	// Inverse converts coordinates in this CRS, easting first, to
	// EPSG:4326 lon/lat.
	Inverse func(x, y float64) (lon, lat float64)

	def definition
}

type kind int

const (
	kindGeographic kind = iota + 1
	kindTM
	kindWebMercator
	kindGCJ02
	kindBD09
)

// definition is what Forward and Inverse are built from.
type definition struct {
	kind  kind
	tm    TransverseMercator // kindTM; its ellipsoid is the datum's
	datum datum
}

// with returns c with definition d and the conversions built from it.
func (c CRS) with(d definition) CRS {
	c.def = d
	c.Forward, c.Inverse = nil, nil
	var fwd, inv func(float64, float64) (float64, float64)
	switch d.kind {
	case kindGeographic:
		fwd, inv = identity, identity
	case kindTM:
		fwd, inv = d.tm.Func(), d.tm.InverseFunc()
	case kindWebMercator:
		fwd, inv = webMercator, webMercatorInverse
	case kindGCJ02:
		c.Forward, c.Inverse = GCJ02, GCJ02Inverse
		return c
	case kindBD09:
		c.Forward, c.Inverse = BD09, BD09Inverse
		return c
	}
	switch {
	case d.datum.wgs:
		c.Forward, c.Inverse = fwd, inv
	case d.datum.shift:
		toWGS, fromWGS := d.datum.shiftFuncs()
		c.Forward = func(lon, lat float64) (float64, float64) { return fwd(fromWGS(lon, lat)) }
		c.Inverse = func(x, y float64) (float64, float64) { return toWGS(inv(x, y)) }
	}
	return c
}

// Geographic is true for longitude/latitude in degrees (GCJ-02 and BD-09
// too).
func (c CRS) Geographic() bool {
	k := c.def.kind
	return k == kindGeographic || k == kindGCJ02 || k == kindBD09
}

// NeedsDatumShift is true for a CRS on a datum with no known shift to
// WGS 84, which only WithTOWGS84 makes usable.
func (c CRS) NeedsDatumShift() bool {
	return c.def.kind != 0 && c.def.kind != kindGCJ02 && c.def.kind != kindBD09 && !c.def.datum.usable()
}

// Name is a human name for reports: "CGCS2000 / 3-degree Gauss-Kruger CM
// 120E (EPSG:4549)", with the datum shift when WithTOWGS84 gave one.
func (c CRS) Name() string {
	s := c.Title
	if c.EPSG != 0 {
		s += " (EPSG:" + strconv.Itoa(c.EPSG) + ")"
	}
	if c.def.datum.shift {
		s += " + " + shiftText(c.def.datum.toWGS84)
	}
	return s
}

// Slug is a file-name-safe name: "epsg4549", "gcj02".
func (c CRS) Slug() string {
	if c.Code == "" {
		return "custom"
	}
	return strings.ToLower(strings.ReplaceAll(c.Code, ":", ""))
}

// lonLat is true when coordinates in c are EPSG:4326's as they are.
func (c CRS) lonLat() bool {
	return c.def.kind == kindGeographic && c.def.datum.wgs
}

// Project converts a geometry in EPSG:4326 to the CRS. The input is not
// changed. It panics on a CRS that NeedsDatumShift: Parse and ParseWKT
// said so with ErrNeedsDatumShift.
func (c CRS) Project(g orb.Geometry) orb.Geometry {
	if c.lonLat() {
		return g
	}
	return apply(c, g, c.Forward)
}

// Unproject converts a geometry in the CRS to EPSG:4326 lon/lat (which is
// CGCS2000's to a few centimetres). The input is not changed. It panics
// on a CRS that NeedsDatumShift, as Project does.
func (c CRS) Unproject(g orb.Geometry) orb.Geometry {
	if c.lonLat() {
		return g
	}
	return apply(c, g, c.Inverse)
}

func apply(c CRS, g orb.Geometry, f func(float64, float64) (float64, float64)) orb.Geometry {
	if f == nil {
		panic(fmt.Sprintf("proj: %s cannot convert coordinates: %v", c.Name(), ErrNeedsDatumShift))
	}
	return project.Geometry(orb.Clone(g), func(p orb.Point) orb.Point {
		x, y := f(p[0], p[1])
		return orb.Point{x, y}
	})
}

func identity(lon, lat float64) (float64, float64) { return lon, lat }

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
