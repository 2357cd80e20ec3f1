package proj

import (
	"fmt"
	"math"
	"strings"
)

// ParseWKT reads a CRS from WKT 1: an ESRI .prj (PROJCS["CGCS2000_3_Degree_
// GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",…],
// PROJECTION["Gauss_Kruger"],…]) or OGC WKT as GDAL writes it into
// gpkg_spatial_ref_sys. An EPSG AUTHORITY on the whole CRS that Parse knows
// decides; otherwise the datum and the projection parameters do:
// geographic, transverse Mercator / Gauss-Krüger with any central meridian,
// scale, false easting and northing and latitude of origin (named by its
// EPSG code when it is one of Parse's), or Web Mercator. GEOGCS["GCJ-02"]
// and GEOGCS["BD-09"], as the exports write them, read back as those.
//
// CGCS2000 and WGS 84 are taken as one datum. A CRS on any other datum —
// Xi'an 1980, Beijing 1954 or one the package does not know — is usable
// only with a TOWGS84 in the WKT; without one ParseWKT returns the CRS
// together with an error wrapping ErrNeedsDatumShift, exactly as Parse, so
// that WithTOWGS84 can complete it. Any other failure returns the zero CRS.
func ParseWKT(wkt string) (CRS, error) {
	root, err := parseWKTTree(strings.TrimSpace(wkt))
	if err != nil {
		return CRS{}, err
	}
	var geog *wktNode
	switch root.key {
	case "GEOGCS":
		geog = root
	case "PROJCS":
		if geog = root.child("GEOGCS"); geog == nil {
			return CRS{}, fmt.Errorf("WKT PROJCS %q has no GEOGCS", root.name())
		}
	default:
		return CRS{}, fmt.Errorf("WKT %s is not a CRS ParseWKT reads (PROJCS or GEOGCS of WKT 1)", root.key)
	}
	switch norm(geog.name()) {
	case "gcj02":
		return gcj02CRS, nil
	case "bd09":
		return bd09CRS, nil
	}
	d, err := wktDatum(geog)
	if err != nil {
		return CRS{}, err
	}
	if code, ok := authority(root); ok {
		if c, ok := byEPSG(code); ok {
			return withDatum(c, d)
		}
	}
	if root.key == "GEOGCS" {
		return geographicWKT(root, d, wkt)
	}
	return projectedWKT(root, d, wkt)
}

// withDatum gives c the TOWGS84 the WKT carried, if any.
func withDatum(c CRS, d datum) (CRS, error) {
	if d.shift {
		c = WithTOWGS84(c, d.toWGS84)
	}
	return c, c.datumErr()
}

// authority is the EPSG code in a node's AUTHORITY["EPSG","4549"].
func authority(n *wktNode) (int, bool) {
	a := n.child("AUTHORITY")
	if a == nil || len(a.args) < 2 || !strings.EqualFold(a.name(), "EPSG") {
		return 0, false
	}
	code, err := parseCode(a.args[1].text)
	if a.args[1].isNum {
		code, err = int(a.args[1].num), nil
	}
	return code, err == nil && code > 0
}

func geographicWKT(root *wktNode, d datum, wkt string) (CRS, error) {
	if u, ok := root.child("UNIT").number(1); ok && math.Abs(u-rad) > 1e-12 {
		return CRS{}, fmt.Errorf("GEOGCS %q is in %s, not degrees", root.name(), root.child("UNIT").name())
	}
	for _, code := range []int{4490, 4326, 4610, 4214} {
		if c := mustEPSG(code); c.def.datum.name == d.name {
			return withDatum(c, d)
		}
	}
	c := CRS{Title: root.name() + " (" + d.name + ")", WKT: wkt}.with(definition{kind: kindGeographic, datum: d})
	return c, c.datumErr()
}

func projectedWKT(root *wktNode, d datum, wkt string) (CRS, error) {
	if u, ok := root.child("UNIT").number(1); ok && u != 1 {
		return CRS{}, fmt.Errorf("PROJCS %q is in %s, not metres", root.name(), root.child("UNIT").name())
	}
	params := map[string]float64{}
	for _, a := range root.args {
		if a.node != nil && a.node.key == "PARAMETER" {
			if v, ok := a.node.number(1); ok {
				params[norm(a.node.name())] = v
			}
		}
	}
	method := norm(root.child("PROJECTION").name())
	switch {
	case method == "transversemercator" || method == "gausskruger":
		return tmFromWKT(root, d, params, wkt)
	case isWebMercator(root, method):
		if params["falseeasting"] != 0 || params["falsenorthing"] != 0 || params["centralmeridian"] != 0 {
			return CRS{}, fmt.Errorf("PROJCS %q: a Web Mercator with an offset origin is not supported", root.name())
		}
		return mustEPSG(3857), nil
	}
	return CRS{}, fmt.Errorf("PROJCS %q: projection %q is not supported (transverse Mercator / Gauss-Krüger and Web Mercator are)",
		root.name(), root.child("PROJECTION").name())
}

// isWebMercator recognises ESRI's and OGC's names of EPSG:3857's method,
// and the PROJ4 extension GDAL once wrote with Mercator_1SP.
func isWebMercator(root *wktNode, method string) bool {
	switch method {
	case "mercatorauxiliarysphere", "popularvisualisationpseudomercator", "pseudomercator":
		return true
	case "mercator1sp":
		ext := root.child("EXTENSION")
		return ext != nil && len(ext.args) > 1 && strings.Contains(ext.args[1].text, "+b=6378137")
	}
	return false
}

func tmFromWKT(root *wktNode, d datum, params map[string]float64, wkt string) (CRS, error) {
	tm := TransverseMercator{Ellipsoid: d.ellipsoid, K0: 1}
	tm.Lon0 = first(params, "centralmeridian", "longitudeofcenter", "longitudeoforigin", "longitudeofnaturalorigin")
	tm.Lat0 = first(params, "latitudeoforigin", "latitudeofcenter", "latitudeofnaturalorigin")
	if k, ok := params["scalefactor"]; ok {
		tm.K0 = k
	}
	tm.FalseE, tm.FalseN = params["falseeasting"], params["falsenorthing"]
	if !(tm.K0 > 0.5 && tm.K0 < 2) || math.Abs(tm.Lon0) > 360 || math.Abs(tm.Lat0) > 90 {
		return CRS{}, fmt.Errorf("PROJCS %q: transverse Mercator parameters out of range (scale %g, central meridian %g, latitude of origin %g)",
			root.name(), tm.K0, tm.Lon0, tm.Lat0)
	}
	if code := matchEPSG(d, tm, root.name()); code != 0 {
		return withDatum(mustEPSG(code), d)
	}
	title := fmt.Sprintf("%s (transverse Mercator on %s, CM %s°, false easting %s m, scale %s)",
		root.name(), d.name, fmtFloat(tm.Lon0), fmtFloat(tm.FalseE), fmtFloat(tm.K0))
	if tm.Lat0 != 0 || tm.FalseN != 0 {
		title = strings.TrimSuffix(title, ")") + fmt.Sprintf(", origin latitude %s°, false northing %s m)", fmtFloat(tm.Lat0), fmtFloat(tm.FalseN))
	}
	c := CRS{Title: title, WKT: wkt}.with(definition{kind: kindTM, tm: tm, datum: d})
	return c, c.datumErr()
}

func first(params map[string]float64, keys ...string) float64 {
	for _, k := range keys {
		if v, ok := params[k]; ok {
			return v
		}
	}
	return 0
}

// norm folds a WKT name for comparison: lower case, letters and digits only.
func norm(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
