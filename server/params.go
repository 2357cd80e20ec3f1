package server

import (
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// levelParam reads ?level=, which may be empty when optional.
func levelParam(c echo.Context, def analytics.Level) (analytics.Level, error) {
	v := c.QueryParam("level")
	if v == "" {
		return def, nil
	}
	l := analytics.Level(v)
	if !l.Valid() {
		return "", web.BadParam("level", "%q is not one of %s", v, analytics.LevelNames())
	}
	return l, nil
}

// regionParam reads a region code from a query parameter; unknown codes are
// not found.
func regionParam(c echo.Context, s *analytics.Snapshot, name string) (*analytics.Region, error) {
	v := c.QueryParam(name)
	if v == "" {
		return nil, nil
	}
	r, ok := s.Region(v)
	if !ok {
		return nil, &web.NotFoundError{What: "region", Code: v}
	}
	return r, nil
}

// indicatorParam reads ?indicator=; required says whether it may be empty.
func indicatorParam(c echo.Context, s *analytics.Snapshot, required bool) (*analytics.Indicator, error) {
	v := c.QueryParam("indicator")
	if v == "" {
		if required {
			return nil, web.BadParam("indicator", "is required (GET /api/v1/indicators lists them)")
		}
		return nil, nil
	}
	ind, ok := s.Catalogue.Indicator(v)
	if !ok {
		return nil, web.BadParam("indicator", "%q is not in the catalogue (GET /api/v1/indicators lists them)", v)
	}
	return ind, nil
}

// facilityTypesParam reads ?type=, a comma-separated list.
func facilityTypesParam(c echo.Context) (map[analytics.FacilityType]bool, error) {
	v := c.QueryParam("type")
	if v == "" {
		return nil, nil
	}
	out := map[analytics.FacilityType]bool{}
	for _, t := range strings.Split(v, ",") {
		ft := analytics.FacilityType(strings.TrimSpace(t))
		if !ft.Valid() {
			return nil, web.BadParam("type", "%q is not a facility type (one of %v)", t, analytics.FacilityTypes)
		}
		out[ft] = true
	}
	return out, nil
}

// pathRegionPeriod reads the region of the path's {code} (404 when unknown)
// and ?period=.
func pathRegionPeriod(c echo.Context, s *analytics.Snapshot) (*analytics.Region, int, error) {
	reg, ok := s.Region(c.Param("code"))
	if !ok {
		return nil, 0, &web.NotFoundError{What: "region", Code: c.Param("code")}
	}
	period, err := web.PeriodParam(c, s)
	return reg, period, err
}
