package server

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// regionRef names a region in an answer.
type regionRef struct {
	Code   string          `json:"code"`
	Name   string          `json:"name"`
	Level  analytics.Level `json:"level"`
	Parent string          `json:"parent"`
}

func newRegionRef(r *analytics.Region) regionRef {
	return regionRef{Code: r.Code, Name: r.Name, Level: r.Level, Parent: r.Parent}
}

// regionItem is a region without its geometry.
type regionItem struct {
	regionRef
	Kind       analytics.Kind     `json:"kind,omitempty"`
	UnitType   analytics.UnitType `json:"unit_type,omitempty"` // townships only: township, or other (a zone, farm, station)
	Population int64              `json:"population"`
	Households int64              `json:"households"`
	AreaKM2    float64            `json:"area_km2"`
	LabelPoint [2]float64         `json:"label_point"`
	Generated  bool               `json:"generated"`
}

func newRegionItem(r *analytics.Region) regionItem {
	return regionItem{
		regionRef: newRegionRef(r), Kind: r.Kind, UnitType: r.UnitType(),
		Population: r.Population, Households: r.Households,
		AreaKM2:    round(r.AreaKM2, 6),
		LabelPoint: [2]float64{round(r.LabelPoint[0], 7), round(r.LabelPoint[1], 7)},
		Generated:  r.Generated,
	}
}

func round(x float64, digits int) float64 {
	p := math.Pow10(digits)
	return math.Round(x*p) / p
}

// rounded is x to the 6 decimals answers give values in.
func rounded(x float64) *float64 {
	v := round(x, 6)
	return &v
}

// roundPtr is rounded for an optional value.
func roundPtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	return rounded(*p)
}

// selectRegions reads ?level= and ?parent= and returns the matching regions.
func (api *API) selectRegions(c echo.Context, s *analytics.Snapshot, def analytics.Level) ([]*analytics.Region, error) {
	level, err := levelParam(c, def)
	if err != nil {
		return nil, err
	}
	return regionsUnder(c, s, level)
}

// regionsUnder reads ?parent= and returns the regions of level inside it
// (all of them without a parent).
func regionsUnder(c echo.Context, s *analytics.Snapshot, level analytics.Level) ([]*analytics.Region, error) {
	parent, err := regionParam(c, s, "parent")
	if err != nil {
		return nil, err
	}
	code := ""
	if parent != nil {
		code = parent.Code
	}
	return s.Select(level, code), nil
}

// GET /api/v1/regions?level=&parent=
func (api *API) listRegions(c echo.Context) error {
	s := api.snap(c)
	regions, err := api.selectRegions(c, s, "")
	if err != nil {
		return err
	}
	return sendList(c, regions, newRegionItem)
}

// sendList answers with the items item makes of xs, in the list envelope.
func sendList[X, T any](c echo.Context, xs []X, item func(X) T) error {
	items := make([]T, len(xs))
	for i, x := range xs {
		items[i] = item(x)
	}
	return web.SendJSON(c, list[T]{Items: items})
}

// regionDetail is one region with its children.
type regionDetail struct {
	regionItem
	Children []string `json:"children"`
}

// GET /api/v1/regions/{code}[?format=geojson]
func (api *API) getRegion(c echo.Context) error {
	s := api.snap(c)
	r, ok := s.Region(c.Param("code"))
	if !ok {
		return &web.NotFoundError{What: "region", Code: c.Param("code")}
	}
	switch c.QueryParam("format") {
	case "", "json":
		d := regionDetail{regionItem: newRegionItem(r), Children: []string{}}
		for _, ch := range s.Children(r.Code) {
			d.Children = append(d.Children, ch.Code)
		}
		return web.SendJSON(c, d)
	case "geojson":
		return c.Blob(200, web.MIMEGeoJSON, regionFeature(r))
	}
	return web.BadParam("format", "%q is not json or geojson", c.QueryParam("format"))
}

// GET /api/v1/regions.geojson?level=&parent=
func (api *API) regionsGeoJSON(c echo.Context) error {
	s := api.snap(c)
	regions, err := api.selectRegions(c, s, "")
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, web.MIMEGeoJSON, func() ([]byte, error) {
		return web.FeatureCollection(len(regions), func(i int) []byte { return regionFeature(regions[i]) }), nil
	})
}

// regionFeature encodes a region as a GeoJSON Feature with its code as id.
func regionFeature(r *analytics.Region) []byte {
	f := geojson.NewFeature(r.Geometry)
	f.ID = r.Code
	item := newRegionItem(r)
	f.Properties = geojson.Properties{
		"code": item.Code, "name": item.Name, "level": item.Level, "parent": item.Parent,
		"population": item.Population, "households": item.Households, "area_km2": item.AreaKM2,
		"label_point": item.LabelPoint, "generated": item.Generated,
	}
	if item.Kind != "" {
		f.Properties["kind"] = item.Kind
	}
	if item.UnitType != "" {
		f.Properties["unit_type"] = item.UnitType
	}
	return marshalFeature(f)
}

func marshalFeature(f *geojson.Feature) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(f) // a Feature of finite coordinates always encodes
	return bytes.TrimRight(buf.Bytes(), "\n")
}
