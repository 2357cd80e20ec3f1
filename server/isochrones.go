package server

import (
	"bytes"
	"math"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// isochroneProperties are the properties of an isochrone Feature. Road
// figures are null for a straight-line estimate.
func isochroneProperties(iso *healthcov.Isochrone) geojson.Properties {
	p := geojson.Properties{
		"mode": iso.Mode, "minutes": iso.Minutes, "area_km2": round(iso.AreaKM2, 4),
		"estimate": iso.Estimate(), "method": iso.Method(), "reachable_nodes": nil, "reachable_length_km": nil,
		"networks": iso.Networks,
	}
	if iso.Networks == nil {
		p["networks"] = []string{}
	}
	if iso.Estimated < iso.Sites {
		p["reachable_nodes"], p["reachable_length_km"] = iso.ReachedNodes, round(iso.LengthKM, 3)
	}
	if iso.Estimate() {
		p["detour_factor"] = healthcov.Detour
	}
	return p
}

// GET /api/v1/isochrones?facility= or ?lon=&lat=, with mode, rural_mode,
// minutes: the area reached from the place, as a GeoJSON Feature.
func (api *API) isochrone(c echo.Context) error {
	s := api.snap(c)
	o, err := api.queryOptions(c)
	if err != nil {
		return err
	}
	p, id, err := isochronePlace(c, s)
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, web.MIMEGeoJSON, func() ([]byte, error) {
		m, err := healthcov.Of(s)
		if err != nil {
			return nil, err
		}
		iso, err := m.IsochroneAt(o, p)
		if err != nil {
			return nil, healthError(err)
		}
		f := geojson.NewFeature(iso.Geometry)
		f.Properties = isochroneProperties(iso)
		f.Properties["lon"], f.Properties["lat"] = p.Lon(), p.Lat()
		f.Properties["facility"] = nil
		if id != "" {
			f.Properties["facility"] = id
		}
		f.Properties["snap_distance_m"] = nil
		if iso.Estimated == 0 {
			f.Properties["snap_distance_m"] = round(iso.SnapM, 1)
		}
		return append(marshalFeature(f), '\n'), nil
	})
}

// isochronePlace reads ?facility= or ?lon=&lat=.
func isochronePlace(c echo.Context, s *analytics.Snapshot) (orb.Point, string, error) {
	if id := c.QueryParam("facility"); id != "" {
		f, ok := s.Facility(id)
		if !ok {
			return orb.Point{}, "", &web.NotFoundError{What: "facility", Code: id}
		}
		return f.Point, f.ID, nil
	}
	lonText, latText := c.QueryParam("lon"), c.QueryParam("lat")
	if lonText == "" || latText == "" {
		return orb.Point{}, "", web.BadParam("facility", "give a facility id, or lon and lat")
	}
	lon, err := strconv.ParseFloat(lonText, 64)
	if err != nil || !(lon >= -180 && lon <= 180) {
		return orb.Point{}, "", web.BadParam("lon", "%q is not a longitude from -180 to 180", lonText)
	}
	lat, err := strconv.ParseFloat(latText, 64)
	if err != nil || !(lat >= -90 && lat <= 90) {
		return orb.Point{}, "", web.BadParam("lat", "%q is not a latitude from -90 to 90", latText)
	}
	return orb.Point{lon, lat}, "", nil
}

// GET /api/v1/isochrones.geojson?facility_types=&mode=&rural_mode=&minutes=&parent=:
// the merged isochrones of the facilities serving parent (everywhere by
// default), one Feature per mode.
func (api *API) isochronesMerged(c echo.Context) error {
	s := api.snap(c)
	o, scope, err := api.queryOptionsIn(c, s)
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, web.MIMEGeoJSON, func() ([]byte, error) {
		m, err := healthcov.Of(s)
		if err != nil {
			return nil, err
		}
		isos, err := m.Merged(o, scope)
		if err != nil {
			return nil, healthError(err)
		}
		fc := geojson.NewFeatureCollection()
		for _, iso := range isos {
			f := geojson.NewFeature(iso.Geometry)
			f.ID = string(iso.Mode)
			f.Properties = isochroneProperties(iso)
			f.Properties["facilities"] = iso.Sites
			f.Properties["estimated_facilities"] = iso.Estimated
			fc.Append(f)
		}
		var b bytes.Buffer
		err = web.WriteJSON(&b, fc)
		return b.Bytes(), err
	})
}

// GET /api/v1/coverage/health/uncovered?parent=&mode=&rural_mode=&minutes=&facility_types=&min_population=:
// the clusters of residents outside the circle, as GeoJSON polygons with
// their population, the most populous first.
func (api *API) healthUncovered(c echo.Context) error {
	s := api.snap(c)
	o, scope, err := api.queryOptionsIn(c, s)
	if err != nil {
		return err
	}
	minPop, err := minPopulationParam(c)
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, web.MIMEGeoJSON, func() ([]byte, error) {
		_, cov, err := healthCoverage(s, o)
		if err != nil {
			return nil, err
		}
		fc := geojson.NewFeatureCollection()
		total := 0.0
		for _, cl := range cov.Uncovered(scope) {
			total += cl.Population
			if cl.Population < minPop {
				continue
			}
			f := geojson.NewFeature(cl.Geometry)
			f.ID = len(fc.Features) + 1
			f.Properties = geojson.Properties{
				"rank": len(fc.Features) + 1, "population": math.Round(cl.Population), "points": cl.Points,
				"area_km2": round(cl.AreaKM2, 4), "communities": cl.Communities, "estimate": cl.Estimated > 0,
				"estimated_households": round(clusterHouseholds(s, cl.Population, cl.Communities), 1),
			}
			fc.Append(f)
		}
		fc.ExtraMembers = geojson.Properties{"uncovered_population": math.Round(total), "minutes": cov.Options.Minutes,
			"mode": optionalMode(cov.Options.Mode), "rural_mode": cov.Options.RuralMode, "facility_types": cov.Options.Types}
		var b bytes.Buffer
		err = web.WriteJSON(&b, fc)
		return b.Bytes(), err
	})
}

// clusterHouseholds estimates the households among population residents
// of the communities codes: at those communities' mean household size, as
// people are counted in households where the targets speak of them. Zero
// where the communities record no population.
func clusterHouseholds(s *analytics.Snapshot, population float64, codes []string) float64 {
	var pop, hh int64
	for _, code := range codes {
		if r, ok := s.Region(code); ok {
			pop += r.Population
			hh += r.Households
		}
	}
	if pop == 0 {
		return 0
	}
	return population * float64(hh) / float64(pop)
}

// GET /api/v1/networks: the road networks imported, with their figures.
func (api *API) listNetworks(c echo.Context) error {
	s := api.snap(c)
	items := []network.Summary{}
	for _, n := range s.Networks() {
		items = append(items, n.Summary())
	}
	return web.SendJSON(c, list[network.Summary]{Items: items})
}
