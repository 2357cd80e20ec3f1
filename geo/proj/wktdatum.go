package proj

import (
	"fmt"
	"math"
	"strings"
)

// wktDatum reads the datum of a GEOGCS: one of the four the package knows,
// by name or EPSG code, or any other by its spheroid; TOWGS84 when present.
func wktDatum(geog *wktNode) (datum, error) {
	dn := geog.child("DATUM")
	if dn == nil {
		return datum{}, fmt.Errorf("GEOGCS %q has no DATUM", geog.name())
	}
	if pm, ok := geog.child("PRIMEM").number(1); ok && pm != 0 {
		return datum{}, fmt.Errorf("GEOGCS %q: prime meridian %g is not Greenwich", geog.name(), pm)
	}
	d, ok := knownDatum(dn, geog)
	if !ok {
		sph := dn.child("SPHEROID")
		a, okA := sph.number(1)
		invF, okF := sph.number(2)
		if !okA || !okF || a < 6e6 || a > 7e6 || invF != 0 && (invF < 250 || invF > 350) {
			return datum{}, fmt.Errorf("DATUM %q has no usable SPHEROID", dn.name())
		}
		name := strings.ReplaceAll(strings.TrimPrefix(dn.name(), "D_"), "_", " ")
		d = datum{name: name, ellipsoid: Ellipsoid{a, invF}}
	}
	if t := dn.child("TOWGS84"); t != nil {
		var p [7]float64
		for i := range min(len(p), len(t.args)) {
			v, ok := t.number(i)
			if !ok || math.Abs(v) > 1e4 {
				return datum{}, fmt.Errorf("DATUM %q: TOWGS84 parameter %d is not a plausible number", dn.name(), i+1)
			}
			p[i] = v
		}
		if !d.wgs || p != [7]float64{} {
			d.wgs, d.shift, d.toWGS84 = false, true, p
		}
	}
	return d, nil
}

// knownDatum recognises CGCS2000, WGS 84, Xi'an 1980 and Beijing 1954 by
// the names GDAL and ESRI give them or by EPSG code.
func knownDatum(dn, geog *wktNode) (datum, bool) {
	n := norm(dn.name())
	code, _ := authority(dn)
	gcode, _ := authority(geog)
	has := func(parts ...string) bool {
		for _, p := range parts {
			if strings.Contains(n, p) {
				return true
			}
		}
		return false
	}
	// GDAL and ESRI name a datum given only by its ellipsoid "Unknown
	// based on GRS80 ellipsoid", "Not specified (based on GRS 1980
	// ellipsoid)": on these two ellipsoids that is CGCS2000 or WGS 84.
	unnamed := has("unknownbasedon", "notspecifiedbasedon")
	switch {
	case has("china2000", "cgcs2000", "chinageodeticcoordinatesystem2000") || code == 1043 || gcode == 4490,
		unnamed && has("basedongrs80", "basedongrs1980"):
		return datumCGCS2000, true
	case n == "wgs1984" || n == "dwgs1984" || n == "wgs84" || n == "worldgeodeticsystem1984" || code == 6326 || gcode == 4326,
		unnamed && has("basedonwgs84", "basedonwgs1984"):
		return datumWGS84, true
	case has("xian1980", "xian80") || code == 6610 || gcode == 4610:
		return datumXian, true
	case has("beijing1954", "beijing54") && !has("newbeijing") || code == 6214 || gcode == 4214:
		return datumBeijing, true
	}
	return datum{}, false
}

// matchEPSG is the EPSG code Parse knows for a transverse Mercator on d,
// or 0. Zones without the prefix of the 3° and 6° families share their
// 6° central meridians; the name decides ("3_Degree"), else the 6° code.
func matchEPSG(d datum, tm TransverseMercator, name string) int {
	if tm.Lat0 != 0 {
		return 0
	}
	if d.name == datumWGS84.name {
		z := (tm.Lon0 + 183) / 6
		if tm.K0 != 0.9996 || tm.FalseE != 500000 || z != math.Trunc(z) || z < 1 || z > 60 {
			return 0
		}
		switch tm.FalseN {
		case 0:
			return 32600 + int(z)
		case 1e7:
			return 32700 + int(z)
		}
		return 0
	}
	if tm.K0 != 1 || tm.FalseN != 0 {
		return 0
	}
	threeDeg := strings.Contains(norm(name), "3degree")
	best := 0
	for _, f := range gkFamilies {
		if f.datum.name != d.name {
			continue
		}
		if code := f.codeFor(tm.Lon0, tm.FalseE); code != 0 && (best == 0 || (f.width == 3) == threeDeg) {
			best = code
		}
	}
	return best
}
