package server

import (
	"fmt"
	"math"
	"net/http"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// lonLat is a place in a request body.
type lonLat struct {
	Lon  *float64 `json:"lon"`
	Lat  *float64 `json:"lat"`
	Type string   `json:"type,omitempty"`
}

func (p lonLat) point(field string) (orb.Point, error) {
	if p.Lon == nil || p.Lat == nil {
		return orb.Point{}, web.BadParam(field, "needs lon and lat")
	}
	return orb.Point{*p.Lon, *p.Lat}, nil
}

// whatIfRequest is the body of POST /coverage/health/whatif.
type whatIfRequest struct {
	healthOptions
	Level  string   `json:"level"`
	Parent string   `json:"parent"`
	Add    []lonLat `json:"add"`
	Remove []string `json:"remove"`
}

// sitingRequest is the body of POST /coverage/health/siting.
type sitingRequest struct {
	healthOptions
	Parent     string   `json:"parent"`
	K          int      `json:"k"`
	Candidates []lonLat `json:"candidates"`
}

// optionalMode is m, or null when everyone travels by their community's
// mode.
func optionalMode(m healthcov.Mode) any {
	if m == "" {
		return nil
	}
	return m
}

// bodyRegions selects the regions of a POST like ?level=&parent= does.
func (api *API) bodyRegions(s *analytics.Snapshot, level, parent string) ([]*analytics.Region, error) {
	l := analytics.Level(level)
	if level == "" {
		l = s.DefaultLevel()
		if parent != "" {
			l = ""
		}
	} else if !l.Valid() {
		return nil, web.BadParam("level", "%q is not one of %s", level, analytics.LevelNames())
	}
	if parent != "" {
		if _, ok := s.Region(parent); !ok {
			return nil, &web.NotFoundError{What: "region", Code: parent}
		}
	}
	return s.Select(l, parent), nil
}

// POST /api/v1/coverage/health/whatif: the coverage with facilities added
// and removed, beside the coverage without the change. Nothing is saved.
func (api *API) healthWhatIf(c echo.Context) error {
	s := api.snap(c)
	var req whatIfRequest
	if err := readBody(c, &req); err != nil {
		return err
	}
	if err := capItems("add", len(req.Add)); err != nil {
		return err
	}
	if err := capItems("remove", len(req.Remove)); err != nil {
		return err
	}
	_, out, err := api.whatIf(s, req)
	if err != nil {
		return err
	}
	return web.SendJSON(c, out)
}

// whatIf computes the coverage of the regions req selects with its
// changes, each item beside its figures before the change.
func (api *API) whatIf(s *analytics.Snapshot, req whatIfRequest) ([]*analytics.Region, healthList, error) {
	regions, err := api.bodyRegions(s, req.Level, req.Parent)
	if err != nil {
		return nil, healthList{}, err
	}
	o, err := api.options(req.healthOptions)
	if err != nil {
		return nil, healthList{}, err
	}
	sc := healthcov.Scenario{Remove: req.Remove}
	for i, a := range req.Add {
		p, err := a.point(fmt.Sprintf("add[%d]", i))
		if err != nil {
			return nil, healthList{}, err
		}
		sc.Add = append(sc.Add, healthcov.Site{Point: p, Type: analytics.FacilityType(a.Type)})
	}
	m, base, err := healthCoverage(s, o)
	if err != nil {
		return nil, healthList{}, err
	}
	after, err := m.WhatIf(o, sc)
	if err != nil {
		return nil, healthList{}, healthError(err)
	}
	out := newHealthList(after.Options, regions, after.Regions(regions))
	for i, b := range base.Regions(regions) {
		it := &out.Items[i]
		covered := int64(math.Round(b.Covered))
		change := it.CoveredPopulation - covered
		it.BaselineCoveredPopulation, it.CoveredPopulationChange = &covered, &change
		if sh, ok := b.Share(); ok {
			v := round(sh, 6)
			it.BaselineCoveredShare = &v
		}
	}
	return regions, out, nil
}

// POST /api/v1/coverage/health/siting: the k best new sites, as GeoJSON
// points with their gains.
func (api *API) healthSiting(c echo.Context) error {
	s := api.snap(c)
	var req sitingRequest
	if err := readBody(c, &req); err != nil {
		return err
	}
	if err := capItems("candidates", len(req.Candidates)); err != nil {
		return err
	}
	cov, st, err := api.siting(s, req)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentType, web.MIMEGeoJSON)
	c.Response().WriteHeader(http.StatusOK)
	return web.WriteJSON(c.Response(), sitingCollection(cov, st))
}

// siting chooses the sites req asks for, in its scope.
func (api *API) siting(s *analytics.Snapshot, req sitingRequest) (*healthcov.Coverage, *healthcov.Siting, error) {
	var scope *analytics.Region
	if req.Parent != "" {
		r, ok := s.Region(req.Parent)
		if !ok {
			return nil, nil, &web.NotFoundError{What: "region", Code: req.Parent}
		}
		scope = r
	}
	var cands []orb.Point
	if req.Candidates != nil {
		cands = make([]orb.Point, len(req.Candidates))
		for i, p := range req.Candidates {
			var err error
			if cands[i], err = p.point(fmt.Sprintf("candidates[%d]", i)); err != nil {
				return nil, nil, err
			}
		}
	}
	o, err := api.options(req.healthOptions)
	if err != nil {
		return nil, nil, err
	}
	_, cov, err := healthCoverage(s, o)
	if err != nil {
		return nil, nil, err
	}
	st, err := cov.Site(req.K, cands, scope)
	if err != nil {
		return nil, nil, healthError(err)
	}
	return cov, st, nil
}

func sitingCollection(cov *healthcov.Coverage, st *healthcov.Siting) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	share := func(covered float64) any {
		if st.Population <= 0 {
			return nil
		}
		return round(covered/float64(st.Population), 6)
	}
	for i, sg := range st.Suggestions {
		f := geojson.NewFeature(sg.Point)
		f.Properties = geojson.Properties{
			"rank": i + 1, "gain": math.Round(sg.Gain), "covered_population": math.Round(sg.Covered),
			"covered_share": share(sg.Covered), "community": sg.Community, "type": sg.Type,
			"candidate": sg.Candidate,
		}
		fc.Append(f)
	}
	fc.ExtraMembers = geojson.Properties{
		"candidates": len(st.Candidates), "population": st.Population,
		"covered_population": math.Round(st.Covered), "covered_share": share(st.Covered),
		"minutes": cov.Options.Minutes, "mode": optionalMode(cov.Options.Mode), "rural_mode": cov.Options.RuralMode,
		"facility_types": cov.Options.Types, "estimate": st.Scope.Estimated > 0, "method": st.Scope.Method(),
	}
	return fc
}
