package proj

import (
	"fmt"
	"strconv"
	"strings"
)

// Parse reads a CRS by name: "EPSG:4549", "4549",
// "urn:ogc:def:crs:EPSG::4549", "http://www.opengis.net/def/crs/EPSG/0/4549",
// "CRS84" / "OGC:CRS84" (or its URN or URI), "gcj02" / "GCJ-02" or
// "bd09" / "BD-09". Case and surrounding space do not matter; an empty
// string is EPSG:4326.
//
// The EPSG codes are 4326 (WGS 84), 4490 (CGCS2000), 3857, the CGCS2000
// Gauss-Krüger zones 4491–4554, WGS 84 / UTM 32601–32660 and 32701–32760,
// and, on datums with no shift to WGS 84 of their own, Xi'an 1980 (4610,
// 2327–2390) and Beijing 1954 (4214, 2401–2442, 21413–21423, 21453–21463).
// For those last Parse returns the CRS together with an error wrapping
// ErrNeedsDatumShift: the CRS converts nothing until WithTOWGS84 gives it
// the parameters. Any other failure returns the zero CRS.
func Parse(s string) (CRS, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	switch v {
	case "":
		return Default, nil
	case "GCJ02", "GCJ-02":
		return gcj02CRS, nil
	case "BD09", "BD-09":
		return bd09CRS, nil
	case "CRS84", "OGC:CRS84", strings.ToUpper(CRS84URI), "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84":
		return Default, nil
	}
	for _, prefix := range []string{"EPSG:", "URN:OGC:DEF:CRS:EPSG::", "URN:OGC:DEF:CRS:EPSG:", "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/", "HTTPS://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/"} {
		if strings.HasPrefix(v, prefix) {
			v = v[len(prefix):]
			break
		}
	}
	if code, err := parseCode(v); err == nil {
		if c, ok := byEPSG(code); ok {
			return c, c.datumErr()
		}
	}
	return CRS{}, fmt.Errorf("%q is not a supported CRS (%s)", s, Names())
}

// datumErr is the error Parse and ParseWKT return with a CRS that needs a
// datum shift, nil for any other.
func (c CRS) datumErr() error {
	if !c.NeedsDatumShift() {
		return nil
	}
	return needsShift(c.Name(), c.def.datum)
}

// Names describes what Parse accepts, for messages.
func Names() string {
	return "EPSG:4326, EPSG:4490, EPSG:3857, CGCS2000 Gauss-Krüger EPSG:4491–4554, WGS 84 / UTM EPSG:32601–32660 and 32701–32760, CRS84, gcj02, bd09"
}

// parseCode reads an EPSG code: one to six digits.
func parseCode(s string) (int, error) {
	if len(s) == 0 || len(s) > 6 || strings.Trim(s, "0123456789") != "" {
		return 0, fmt.Errorf("%q is not an EPSG code", s)
	}
	return strconv.Atoi(s)
}
