package server

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

type gridItem struct {
	Code       string  `json:"code"`
	Community  string  `json:"community"`
	Households int64   `json:"households"`
	Worker     string  `json:"worker"`
	AreaM2     float64 `json:"area_m2"`
}

func newGridItem(g *analytics.Grid) gridItem {
	return gridItem{Code: g.Code, Community: g.Community, Households: g.Households, Worker: g.Worker,
		AreaM2: round(geo.Area(g.Geometry), 1)}
}

// communityParams reads ?community=, which must name a community, and
// ?parent=, any region; either may be absent (nil).
func communityParams(c echo.Context, s *analytics.Snapshot) (comm, parent *analytics.Region, err error) {
	comm, err = regionParam(c, s, "community")
	if err != nil {
		return nil, nil, err
	}
	if comm != nil && comm.Level != analytics.Community {
		return nil, nil, web.BadParam("community", "%s is a %s, not a community (use parent= for a larger region)", comm.Code, comm.Level)
	}
	parent, err = regionParam(c, s, "parent")
	if err != nil {
		return nil, nil, err
	}
	return comm, parent, nil
}

// selectGrids reads ?community= (that community's grids) or ?parent= (grids
// of every community inside a region).
func selectGrids(c echo.Context, s *analytics.Snapshot) ([]*analytics.Grid, error) {
	comm, parent, err := communityParams(c, s)
	if err != nil {
		return nil, err
	}
	var out []*analytics.Grid
	grids := s.Grids()
	for i := range grids {
		g := &grids[i]
		if comm != nil && g.Community != comm.Code {
			continue
		}
		if parent != nil && !s.Within(g.Community, parent.Code) {
			continue
		}
		out = append(out, g)
	}
	return out, nil
}

// GET /api/v1/grids?community=&parent=
func (api *API) listGrids(c echo.Context) error {
	grids, err := selectGrids(c, api.snap(c))
	if err != nil {
		return err
	}
	return sendList(c, grids, newGridItem)
}

// GET /api/v1/grids.geojson?community=&parent=
func (api *API) gridsGeoJSON(c echo.Context) error {
	s := api.snap(c)
	grids, err := selectGrids(c, s)
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, web.MIMEGeoJSON, func() ([]byte, error) {
		return web.FeatureCollection(len(grids), func(i int) []byte {
			g := grids[i]
			f := geojson.NewFeature(g.Geometry)
			f.ID = g.Code
			it := newGridItem(g)
			f.Properties = geojson.Properties{"code": it.Code, "community": it.Community,
				"households": it.Households, "worker": it.Worker, "area_m2": it.AreaM2}
			return marshalFeature(f)
		}), nil
	})
}
