package server

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/geo/tile"
	"github.com/paulmach/orb/geojson"
)

// layerFeatures projects a tile layer: the regions, facilities and grids of
// the snapshot, or the merged isochrones of the health circle.
func (api *API) layerFeatures(s *analytics.Snapshot, layer string) []*tile.Feature {
	if layer == "isochrone" {
		return api.isochroneFeatures(s)
	}
	return projectLayer(s, layer)
}

// isochroneFeatures are the merged 15-minute isochrones of every health
// facility, one per travel mode, with the configured defaults (the same
// as GET /api/v1/isochrones.geojson without parameters). A failure leaves
// the layer empty and is logged: tiles have no error body to carry it.
func (api *API) isochroneFeatures(s *analytics.Snapshot) []*tile.Feature {
	o, err := api.options(healthOptions{})
	if err != nil {
		api.log.Error("isochrone tiles: options", "err", err)
		return nil
	}
	m, err := healthcov.Of(s)
	if err != nil {
		api.log.Error("isochrone tiles: model", "err", err)
		return nil
	}
	isos, err := m.Merged(o, nil)
	if err != nil {
		api.log.Error("isochrone tiles: merge", "err", err)
		return nil
	}
	var out []*tile.Feature
	for _, iso := range isos {
		out = append(out, tile.NewFeature(nil, geojson.Properties{"mode": string(iso.Mode), "minutes": iso.Minutes,
			"facilities": iso.Sites, "estimate": iso.Estimate()}, iso.Geometry))
	}
	return out
}
