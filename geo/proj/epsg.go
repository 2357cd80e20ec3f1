package proj

import (
	"fmt"
	"strconv"
)

const (
	wgs84Geog = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]`
	cgcsGeog  = `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]`
	xianGeog  = `GEOGCS["Xian 1980",DATUM["Xian_1980",SPHEROID["IAG 1975",6378140,298.257,AUTHORITY["EPSG","7049"]],AUTHORITY["EPSG","6610"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4610"]]`
	bjGeog    = `GEOGCS["Beijing 1954",DATUM["Beijing_1954",SPHEROID["Krassowsky 1940",6378245,298.3,AUTHORITY["EPSG","7024"]],AUTHORITY["EPSG","6214"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4214"]]`
	// GCJ-02 and BD-09 have no EPSG code: they are described as WGS 84
	// under their own names so GIS software reads them as lon/lat degrees.
	gcjGeog = `GEOGCS["GCJ-02",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]`
	bdGeog  = `GEOGCS["BD-09",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]`
	merc    = `PROJCS["WGS 84 / Pseudo-Mercator",` + wgs84Geog + `,PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"],AUTHORITY["EPSG","3857"]]`
)

func tmWKT(code int, title, geog string, tm TransverseMercator) string {
	return fmt.Sprintf(`PROJCS[%q,%s,PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",%s],PARAMETER["central_meridian",%s],PARAMETER["scale_factor",%s],PARAMETER["false_easting",%s],PARAMETER["false_northing",%s],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","%d"]]`,
		title, geog, fmtFloat(tm.Lat0), fmtFloat(tm.Lon0), fmtFloat(tm.K0), fmtFloat(tm.FalseE), fmtFloat(tm.FalseN), code)
}

func epsgURI(code int) string { return "http://www.opengis.net/def/crs/EPSG/0/" + strconv.Itoa(code) }

// CRS84URI is OGC API – Features' default CRS: WGS 84 lon/lat.
const CRS84URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

func epsgCRS(code int, title, wkt string, d definition) CRS {
	return CRS{Code: "EPSG:" + strconv.Itoa(code), EPSG: code, Title: title, WKT: wkt, URI: epsgURI(code)}.with(d)
}

func geographic(code int, title, wkt string, d datum) CRS {
	return epsgCRS(code, title, wkt, definition{kind: kindGeographic, datum: d})
}

func tmCRS(code int, title, geog string, d datum, lon0, k0, falseE, falseN float64) CRS {
	tm := TransverseMercator{Ellipsoid: d.ellipsoid, Lon0: lon0, K0: k0, FalseE: falseE, FalseN: falseN}
	return epsgCRS(code, title, tmWKT(code, title, geog, tm), definition{kind: kindTM, tm: tm, datum: d})
}

// gkFamily is a run of EPSG codes for consecutive Gauss-Krüger zones.
type gkFamily struct {
	first, last int
	datum       datum
	geog        string
	width       int  // zone width in degrees: 3 or 6
	prefix      bool // the false easting carries the zone number
}

var gkFamilies = []gkFamily{
	{4491, 4501, datumCGCS2000, cgcsGeog, 6, true},
	{4502, 4512, datumCGCS2000, cgcsGeog, 6, false},
	{4513, 4533, datumCGCS2000, cgcsGeog, 3, true},
	{4534, 4554, datumCGCS2000, cgcsGeog, 3, false},
	{2327, 2337, datumXian, xianGeog, 6, true},
	{2338, 2348, datumXian, xianGeog, 6, false},
	{2349, 2369, datumXian, xianGeog, 3, true},
	{2370, 2390, datumXian, xianGeog, 3, false},
	{2401, 2421, datumBeijing, bjGeog, 3, true},
	{2422, 2442, datumBeijing, bjGeog, 3, false},
	{21413, 21423, datumBeijing, bjGeog, 6, true},
	{21453, 21463, datumBeijing, bjGeog, 6, false},
}

// firstZone is the zone number of the first code of a family: China spans
// 6° zones 13–23 (CM 75°E–135°E) and 3° zones 25–45.
func (f gkFamily) firstZone() int {
	if f.width == 6 {
		return 13
	}
	return 25
}

// zoneOf is the zone number whose central meridian is lon0.
func (f gkFamily) zoneOf(lon0 float64) int {
	if f.width == 6 {
		return int(lon0+3) / 6
	}
	return int(lon0) / 3
}

// params are the zone, central meridian and false easting of a code.
func (f gkFamily) params(code int) (zone int, lon0, falseE float64) {
	zone = f.firstZone() + code - f.first
	lon0 = float64(zone * f.width)
	if f.width == 6 {
		lon0 -= 3
	}
	falseE = 500000
	if f.prefix {
		falseE += float64(zone) * 1e6
	}
	return zone, lon0, falseE
}

// codeFor is the family's code for a central meridian and false easting,
// or 0.
func (f gkFamily) codeFor(lon0, falseE float64) int {
	if lon0 < 0 || lon0 > 180 {
		return 0
	}
	code := f.first + f.zoneOf(lon0) - f.firstZone()
	if code < f.first || code > f.last {
		return 0
	}
	if _, l, e := f.params(code); l != lon0 || e != falseE {
		return 0
	}
	return code
}

func (f gkFamily) crs(code int) CRS {
	zone, lon0, falseE := f.params(code)
	prefix := ""
	if f.width == 3 {
		prefix = "3-degree "
	}
	title := fmt.Sprintf("%s / %sGauss-Kruger CM %gE", epsgDatumName(f.datum), prefix, lon0)
	if f.prefix {
		title = fmt.Sprintf("%s / %sGauss-Kruger zone %d", epsgDatumName(f.datum), prefix, zone)
	}
	return tmCRS(code, title, f.geog, f.datum, lon0, 1, falseE, 0)
}

// epsgDatumName is the datum as EPSG's CRS names spell it.
func epsgDatumName(d datum) string {
	if d.name == datumXian.name {
		return "Xian 1980"
	}
	return d.name
}

// byEPSG builds the CRS of an EPSG code, or reports false.
func byEPSG(code int) (CRS, bool) {
	switch {
	case code == 4326:
		return geographic(4326, "WGS 84", wgs84Geog, datumWGS84), true
	case code == 4490:
		return geographic(4490, "China Geodetic Coordinate System 2000", cgcsGeog, datumCGCS2000), true
	case code == 4610:
		return geographic(4610, "Xian 1980", xianGeog, datumXian), true
	case code == 4214:
		return geographic(4214, "Beijing 1954", bjGeog, datumBeijing), true
	case code == 3857:
		return epsgCRS(3857, "WGS 84 / Pseudo-Mercator", merc, definition{kind: kindWebMercator, datum: datumWGS84}), true
	case code > 32600 && code <= 32660, code > 32700 && code <= 32760:
		zone, hemi, falseN := code%100, "N", 0.0
		if code > 32700 {
			hemi, falseN = "S", 1e7
		}
		title := fmt.Sprintf("WGS 84 / UTM zone %d%s", zone, hemi)
		return tmCRS(code, title, wgs84Geog, datumWGS84, float64(6*zone-183), 0.9996, 500000, falseN), true
	}
	for _, f := range gkFamilies {
		if code >= f.first && code <= f.last {
			return f.crs(code), true
		}
	}
	return CRS{}, false
}

func mustEPSG(code int) CRS {
	c, _ := byEPSG(code)
	return c
}

// Supported lists the output CRSs the exports offer, EPSG:4326 first;
// Parse accepts more.
var Supported = []CRS{
	mustEPSG(4326), mustEPSG(4490), mustEPSG(3857), mustEPSG(4528), mustEPSG(4529), mustEPSG(4549), mustEPSG(4550), gcj02CRS,
}

var (
	gcj02CRS = CRS{Code: "GCJ02", Title: "GCJ-02 (AMap, Tencent)", WKT: gcjGeog}.with(definition{kind: kindGCJ02})
	bd09CRS  = CRS{Code: "BD09", Title: "BD-09 (Baidu)", WKT: bdGeog}.with(definition{kind: kindBD09})
)

// Default is EPSG:4326, the CRS of stored coordinates.
var Default = Supported[0]
