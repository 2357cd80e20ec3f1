package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/tile"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

const mimeMVT = "application/vnd.mapbox-vector-tile"

// tileLayers are the layers served, with the fields their features carry:
// one per level of the hierarchy, and the points, grids and circles.
var tileLayers = func() map[string][]string {
	layers := map[string][]string{
		"facility": {"id", "type", "name", "region"},
		"grid":     {"code", "community", "households", "worker"},
		// The merged 15-minute health circles, each community's usual mode.
		"isochrone": {"mode", "minutes", "facilities", "estimate"},
	}
	for _, l := range analytics.Levels {
		layers[string(l)] = []string{"code", "name", "parent"}
	}
	layers[string(analytics.Community)] = []string{"code", "name", "kind", "parent"}
	return layers
}()

// GET /tiles/{layer}/{z}/{x}/{y}.mvt
func (api *API) getTile(c echo.Context) error {
	layer := c.Param("layer")
	if _, ok := tileLayers[layer]; !ok {
		return &web.NotFoundError{What: "tile layer", Code: layer}
	}
	z, x, y, err := tileParams(c)
	if err != nil {
		return err
	}
	t, err := tile.Parse(z, x, y)
	if err != nil {
		return &web.NotFoundError{What: "tile", Code: err.Error()}
	}
	s := api.snap(c)
	key := fmt.Sprintf("%s %s/%d/%d/%d", s.Key(), layer, z, x, y)
	b, ok := api.tiles.get(s.Version, key)
	if !ok {
		src := api.tileSources.layer(s, layer, api.layerFeatures)
		data, err := tile.Encode(t, tile.Layer{Name: layer, Features: src.search(tile.SearchBox(t))})
		if err != nil {
			return fmt.Errorf("tile %s: %w", key, err)
		}
		if data != nil {
			b = &body{raw: data}
			b.gzipped() // compressed once, at build time, off the hot path
		}
		api.tiles.put(s.Version, key, b)
	}
	if b == nil {
		return c.NoContent(http.StatusNoContent)
	}
	h := c.Response().Header()
	h.Add("Vary", "Accept-Encoding")
	if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		return c.Blob(http.StatusOK, mimeMVT, b.gzipped())
	}
	return c.Blob(http.StatusOK, mimeMVT, b.raw)
}

// tileParams reads z, x and y; y arrives as "123.mvt".
func tileParams(c echo.Context) (z, x, y int, err error) {
	ys, ok := strings.CutSuffix(c.Param("y"), ".mvt")
	if !ok {
		return 0, 0, 0, web.BadParam("y", "%q: tiles are addressed as /tiles/{layer}/{z}/{x}/{y}.mvt", c.Param("y"))
	}
	for _, p := range []struct {
		name, v string
		dst     *int
	}{{"z", c.Param("z"), &z}, {"x", c.Param("x"), &x}, {"y", ys, &y}} {
		n, err := strconv.Atoi(p.v)
		if err != nil {
			return 0, 0, 0, web.BadParam(p.name, "%q is not a whole number", p.v)
		}
		*p.dst = n
	}
	return z, x, y, nil
}

// tileJSON describes a layer (TileJSON 3.0.0).
type tileJSON struct {
	TileJSON     string        `json:"tilejson"`
	Name         string        `json:"name"`
	Tiles        []string      `json:"tiles"`
	MinZoom      int           `json:"minzoom"`
	MaxZoom      int           `json:"maxzoom"`
	Bounds       [4]float64    `json:"bounds"`
	Center       [3]float64    `json:"center"`
	VectorLayers []vectorLayer `json:"vector_layers"`
}

type vectorLayer struct {
	ID     string            `json:"id"`
	Fields map[string]string `json:"fields"`
}

// GET /tiles/{layer}.json
func (api *API) getTileJSON(c echo.Context) error {
	name, ok := strings.CutSuffix(c.Param("layer"), ".json")
	fields, known := tileLayers[name]
	if !ok || !known {
		return &web.NotFoundError{What: "tile layer", Code: c.Param("layer")}
	}
	s := api.snap(c)
	b := s.Bound()
	scheme := "http"
	if c.Request().TLS != nil {
		scheme = "https"
	}
	desc := map[string]string{}
	for _, f := range fields {
		desc[f] = "String"
	}
	if name == "grid" {
		desc["households"] = "Number"
	}
	return web.SendJSON(c, tileJSON{
		TileJSON: "3.0.0", Name: "Community Atlas " + name,
		Tiles:   []string{fmt.Sprintf("%s://%s/tiles/%s/{z}/{x}/{y}.mvt", scheme, c.Request().Host, name)},
		MinZoom: 0, MaxZoom: tile.MaxZoom,
		Bounds:       [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]},
		Center:       [3]float64{b.Center()[0], b.Center()[1], 8},
		VectorLayers: []vectorLayer{{ID: name, Fields: desc}},
	})
}
