package proj

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// CRS is an output coordinate reference system.
type CRS struct {
	// Name is the canonical spelling: "EPSG:4549", or "GCJ02".
	Name string
	// EPSG is the EPSG code, 0 for GCJ-02, which has none.
	EPSG int
	// Title describes it for people.
	Title string
	// Geographic is true for longitude/latitude in degrees.
	Geographic bool
	// WKT is its OGC WKT 1 definition (as .prj files and GeoPackage's
	// gpkg_spatial_ref_sys hold it).
	WKT string
	// URI is the OGC http URI that OGC API – Features uses.
	URI string
	// Forward converts EPSG:4326 lon/lat to this CRS, easting first.
	Forward func(lon, lat float64) (x, y float64)
}

// Slug is a file-name-safe name: "epsg4549", "gcj02".
func (c CRS) Slug() string {
	return strings.ToLower(strings.ReplaceAll(c.Name, ":", ""))
}

// Project converts a geometry in EPSG:4326 to the CRS. The input is not
// changed.
func (c CRS) Project(g orb.Geometry) orb.Geometry {
	if c.EPSG == 4326 || c.EPSG == 4490 {
		return g
	}
	return project.Geometry(orb.Clone(g), func(p orb.Point) orb.Point {
		x, y := c.Forward(p[0], p[1])
		return orb.Point{x, y}
	})
}

func identity(lon, lat float64) (float64, float64) { return lon, lat }

func gaussKruger(lon0, falseE float64) func(lon, lat float64) (float64, float64) {
	return TransverseMercator{Ellipsoid: GRS80, Lon0: lon0, K0: 1, FalseE: falseE}.Func()
}

const (
	wgs84Geog = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]`
	cgcsGeog  = `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]`
	// GCJ-02 has no EPSG code: it is described as WGS 84 under its own
	// name so GIS software reads it as lon/lat degrees.
	gcjGeog = `GEOGCS["GCJ-02",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]`
	merc    = `PROJCS["WGS 84 / Pseudo-Mercator",` + wgs84Geog + `,PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"],AUTHORITY["EPSG","3857"]]`
)

func gkWKT(code int, title string, lon0, falseE float64) string {
	return fmt.Sprintf(`PROJCS[%q,%s,PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",%g],PARAMETER["scale_factor",1],PARAMETER["false_easting",%g],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","%d"]]`,
		title, cgcsGeog, lon0, falseE, code)
}

func epsgURI(code int) string { return "http://www.opengis.net/def/crs/EPSG/0/" + strconv.Itoa(code) }

// CRS84URI is OGC API – Features' default CRS: WGS 84 lon/lat.
const CRS84URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

func gk(code int, title string, lon0, falseE float64) CRS {
	return CRS{Name: "EPSG:" + strconv.Itoa(code), EPSG: code, Title: title, WKT: gkWKT(code, title, lon0, falseE),
		URI: epsgURI(code), Forward: gaussKruger(lon0, falseE)}
}

// Supported lists the output CRSs, EPSG:4326 first.
var Supported = []CRS{
	{Name: "EPSG:4326", EPSG: 4326, Title: "WGS 84", Geographic: true, WKT: wgs84Geog, URI: CRS84URI, Forward: identity},
	{Name: "EPSG:4490", EPSG: 4490, Title: "China Geodetic Coordinate System 2000", Geographic: true, WKT: cgcsGeog, URI: epsgURI(4490), Forward: identity},
	{Name: "EPSG:3857", EPSG: 3857, Title: "WGS 84 / Pseudo-Mercator", WKT: merc, URI: epsgURI(3857), Forward: webMercator},
	gk(4528, "CGCS2000 / 3-degree Gauss-Kruger zone 40", 120, 40500000),
	gk(4529, "CGCS2000 / 3-degree Gauss-Kruger zone 41", 123, 41500000),
	gk(4549, "CGCS2000 / 3-degree Gauss-Kruger CM 120E", 120, 500000),
	gk(4550, "CGCS2000 / 3-degree Gauss-Kruger CM 123E", 123, 500000),
	{Name: "GCJ02", Title: "GCJ-02 (AMap, Tencent)", Geographic: true, WKT: gcjGeog, Forward: GCJ02},
}

// Default is EPSG:4326, the CRS of stored coordinates.
var Default = Supported[0]

// Parse reads a CRS by name: "EPSG:4549", "4549", "urn:ogc:def:crs:EPSG::4549",
// "http://www.opengis.net/def/crs/EPSG/0/4549", "CRS84" (or its URI), or
// "gcj02"/"GCJ-02". Case and surrounding space do not matter; an empty
// string is EPSG:4326.
func Parse(s string) (CRS, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	switch v {
	case "":
		return Default, nil
	case "GCJ02", "GCJ-02":
		return Supported[len(Supported)-1], nil
	case "CRS84", "OGC:CRS84", strings.ToUpper(CRS84URI), "URN:OGC:DEF:CRS:OGC:1.3:CRS84":
		return Default, nil
	}
	for _, prefix := range []string{"EPSG:", "URN:OGC:DEF:CRS:EPSG::", "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/"} {
		if strings.HasPrefix(v, prefix) {
			v = v[len(prefix):]
			break
		}
	}
	code, err := strconv.Atoi(v)
	if err == nil {
		for _, c := range Supported {
			if c.EPSG != 0 && c.EPSG == code {
				return c, nil
			}
		}
	}
	return CRS{}, fmt.Errorf("%q is not a supported CRS (%s)", s, Names())
}

// Names lists the supported CRSs for messages.
func Names() string {
	names := make([]string, len(Supported))
	for i, c := range Supported {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}
