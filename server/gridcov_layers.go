package server

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/gridcov"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// coverageCommunities is the grid coverage of ?community= (that
// community) or ?parent= (the communities inside a region); with neither,
// of every community.
func coverageCommunities(c echo.Context, s *analytics.Snapshot) ([]*gridcov.Community, error) {
	cov, err := gridcov.Of(s)
	if err != nil {
		return nil, err
	}
	comm, parent, err := communityParams(c, s)
	if err != nil {
		return nil, err
	}
	return communitiesIn(s, cov, comm, parent), nil
}

// communitiesIn is the coverage of comm, else of the communities inside
// parent, else of every community; nothing when comm lies outside parent.
func communitiesIn(s *analytics.Snapshot, cov *gridcov.Coverage, comm, parent *analytics.Region) []*gridcov.Community {
	switch {
	case comm != nil && parent != nil && !s.Within(comm.Code, parent.Code):
		return nil
	case comm != nil:
		return cov.Communities(comm.Code)
	case parent != nil:
		return cov.Communities(parent.Code)
	}
	return cov.All()
}

// GET /api/v1/coverage/grid/gaps?community=&parent=
func (api *API) gridGaps(c echo.Context) error {
	return api.coverageLayer(c, func(cc *gridcov.Community, add func(*geojson.Feature)) {
		reason := "uncovered"
		if len(cc.Grids) == 0 {
			reason = "no_grids"
		}
		for i, g := range cc.Gaps {
			f := geojson.NewFeature(orb.MultiPolygon{g.Geometry})
			f.ID = cc.Code + "-gap-" + formatInt(int64(i+1))
			f.Properties = geojson.Properties{"community": cc.Code, "reason": reason, "area_m2": round(g.AreaM2, 1),
				"share": round(shareOf(g.AreaM2, cc.AreaM2), 6), "estimated_households": round(g.Households, 1)}
			add(f)
		}
	})
}

// GET /api/v1/coverage/grid/overlaps?community=&parent=
func (api *API) gridOverlaps(c echo.Context) error {
	return api.coverageLayer(c, func(cc *gridcov.Community, add func(*geojson.Feature)) {
		for _, o := range cc.Overlaps {
			f := geojson.NewFeature(o.Geometry)
			f.ID = o.A + "+" + o.B
			f.Properties = geojson.Properties{"community": cc.Code, "grids": []string{o.A, o.B}, "area_m2": round(o.AreaM2, 1)}
			add(f)
		}
	})
}

// coverageLayer answers a FeatureCollection of what features draws for each
// selected community, cached per snapshot and request.
func (api *API) coverageLayer(c echo.Context, features func(*gridcov.Community, func(*geojson.Feature))) error {
	s := api.snap(c)
	comms, err := coverageCommunities(c, s)
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, web.MIMEGeoJSON, func() ([]byte, error) {
		var fs [][]byte
		for _, cc := range comms {
			features(cc, func(f *geojson.Feature) { fs = append(fs, marshalFeature(roundFeature(f))) })
		}
		return web.FeatureCollection(len(fs), func(i int) []byte { return fs[i] }), nil
	})
}

// roundFeature rounds a feature's coordinates to 7 decimals (about a
// centimetre), as the seeds and imports are.
func roundFeature(f *geojson.Feature) *geojson.Feature {
	if mp, ok := f.Geometry.(orb.MultiPolygon); ok {
		out := mp.Clone()
		for _, p := range out {
			for _, r := range p {
				for i, pt := range r {
					r[i] = orb.Point{round(pt[0], 7), round(pt[1], 7)}
				}
			}
		}
		f.Geometry = out
	}
	return f
}

// coverageGrid is one grid with its coverage defects.
type coverageGrid struct {
	gridItem
	Band         string   `json:"band"` // below, in or above the households band
	OutsideM2    float64  `json:"outside_m2"`
	OutsideShare float64  `json:"outside_share"`
	OverlapsWith []string `json:"overlaps_with"`
}

// GET /api/v1/coverage/grid/grids?community=&parent=&min_households=&max_households=
func (api *API) coverageGrids(c echo.Context) error {
	comms, err := coverageCommunities(c, api.snap(c))
	if err != nil {
		return err
	}
	band, err := bandParam(c)
	if err != nil {
		return err
	}
	items := []coverageGrid{}
	for _, cc := range comms {
		with := map[string][]string{}
		for _, o := range cc.Overlaps {
			with[o.A], with[o.B] = append(with[o.A], o.B), append(with[o.B], o.A)
		}
		for _, g := range cc.Grids {
			it := coverageGrid{
				gridItem: gridItem{Code: g.Code, Community: cc.Code, Households: g.Households, Worker: g.Worker, AreaM2: round(g.AreaM2, 1)},
				Band:     bandPlace[band.Place(g.Households)], OutsideM2: round(g.OutsideM2, 1), OverlapsWith: with[g.Code],
			}
			it.OutsideShare = round(shareOf(g.OutsideM2, g.AreaM2), 6)
			if it.OverlapsWith == nil {
				it.OverlapsWith = []string{}
			}
			items = append(items, it)
		}
	}
	return web.SendJSON(c, list[coverageGrid]{Items: items})
}

// shareOf is part over whole, or 0 for an empty whole.
func shareOf(part, whole float64) float64 {
	if whole <= 0 {
		return 0
	}
	return part / whole
}

var bandPlace = map[gridcov.Place]string{gridcov.Below: "below", gridcov.In: "in", gridcov.Above: "above"}
