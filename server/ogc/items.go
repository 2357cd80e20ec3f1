package ogc

import (
	"encoding/json"
	"net/url"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// Paging limits of the items endpoint.
const (
	ogcDefaultLimit = 10
	ogcMaxLimit     = 10000
)

// ogcItemParams are the query parameters an items request may carry.
var ogcItemParams = map[string]bool{"f": true, "bbox": true, "limit": true, "offset": true, "period": true}

// itemsQuery is a parsed items request.
type itemsQuery struct {
	limit, offset, period int
	bbox                  string
}

func parseItemsQuery(c echo.Context, s *analytics.Snapshot) (itemsQuery, error) {
	q := itemsQuery{limit: ogcDefaultLimit, bbox: c.QueryParam("bbox")}
	for name := range c.QueryParams() {
		if !ogcItemParams[name] {
			return q, web.BadParam(name, "is not a parameter of this collection (f, bbox, limit, offset, period)")
		}
	}
	var err error
	if v := c.QueryParam("limit"); v != "" {
		if q.limit, err = strconv.Atoi(v); err != nil || q.limit < 1 {
			return q, web.BadParam("limit", "%q is not a whole number ≥ 1", v)
		}
		q.limit = min(q.limit, ogcMaxLimit)
	}
	if v := c.QueryParam("offset"); v != "" {
		if q.offset, err = strconv.Atoi(v); err != nil || q.offset < 0 {
			return q, web.BadParam("offset", "%q is not a whole number ≥ 0", v)
		}
	}
	q.period, err = web.PeriodParam(c, s)
	return q, err
}

// GET /ogc/collections/{id}/items?bbox=&limit=&offset=&period=&f=
func (svc *Service) Items(c echo.Context) error {
	col, html, err := svc.collectionRequest(c)
	if err != nil {
		return err
	}
	s := svc.snap(c)
	q, err := parseItemsQuery(c, s)
	if err != nil {
		return err
	}
	src := col.Source(s)
	matched, err := matchBBox(src, q.bbox)
	if err != nil {
		return err
	}
	page := matched[min(q.offset, len(matched)):min(q.offset+q.limit, len(matched))]
	layer := src.Layer(s, page, q.period)
	links := itemsLinks(c, col.ID, q, len(matched), html)
	if html {
		return renderOGCPage(c, "items", map[string]any{"collection": col, "layer": layer, "matched": len(matched),
			"returned": len(page), "links": links})
	}
	features := make([][]byte, len(layer.Features))
	for i := range features {
		if features[i], err = geojson.Feature(layer, i); err != nil {
			return err
		}
	}
	meta, _ := json.Marshal(map[string]any{"numberMatched": len(matched), "numberReturned": len(page),
		"timeStamp": time.Now().UTC().Format(time.RFC3339), "links": links})
	body := append(web.OpenFeatureCollection(len(features), func(i int) []byte { return features[i] }), ',')
	return c.Blob(200, web.MIMEGeoJSON, append(body, meta[1:]...))
}

// matchBBox is the indices of src's features that intersect bbox, or of
// all of them for an empty bbox.
func matchBBox(src ogcSource, bbox string) ([]int, error) {
	keep := func(int) bool { return true }
	if bbox != "" {
		b, err := parseBBox(bbox)
		if err != nil {
			return nil, web.BadParam("bbox", "%v", err)
		}
		keep = func(i int) bool { return intersectsBound(src.Geometry(i), b) }
	}
	matched := make([]int, 0, src.Len())
	for i := 0; i < src.Len(); i++ {
		if keep(i) {
			matched = append(matched, i)
		}
	}
	return matched, nil
}

// itemsLinks are self, alternate, next and prev for a page of items.
func itemsLinks(c echo.Context, id string, q itemsQuery, matched int, html bool) []ogcLink {
	base := collectionHref(c, id) + "/items"
	page := func(offset int) string {
		v := url.Values{}
		for k, vals := range c.QueryParams() {
			if k != "f" && k != "offset" {
				v[k] = vals
			}
		}
		v.Set("limit", strconv.Itoa(q.limit))
		v.Set("offset", strconv.Itoa(offset))
		return base + "?" + v.Encode()
	}
	typ := web.MIMEGeoJSON
	if html {
		typ = mimeHTML
	}
	links := selfLinks(page(q.offset), web.MIMEGeoJSON, html)
	if q.offset+q.limit < matched {
		links = append(links, ogcLink{Href: page(q.offset+q.limit) + "&f=" + format(html), Rel: "next", Type: typ, Title: "Next page"})
	}
	if q.offset > 0 {
		links = append(links, ogcLink{Href: page(max(0, q.offset-q.limit)) + "&f=" + format(html), Rel: "prev", Type: typ, Title: "Previous page"})
	}
	return append(links, collectionLink(c, id, "The collection"))
}

func format(html bool) string {
	if html {
		return "html"
	}
	return "json"
}

// GET /ogc/collections/{id}/items/{fid}?period=&f=
func (svc *Service) Item(c echo.Context) error {
	col, html, err := svc.collectionRequest(c)
	if err != nil {
		return err
	}
	s := svc.snap(c)
	period, err := web.PeriodParam(c, s)
	if err != nil {
		return err
	}
	src := col.Source(s)
	idx := -1
	for i := 0; i < src.Len(); i++ {
		if src.ID(i) == c.Param("fid") {
			idx = i
			break
		}
	}
	if idx < 0 {
		return &web.NotFoundError{What: "feature in " + col.ID, Code: c.Param("fid")}
	}
	layer := src.Layer(s, []int{idx}, period)
	href := collectionHref(c, col.ID) + "/items/" + url.PathEscape(c.Param("fid"))
	links := append(selfLinks(href, web.MIMEGeoJSON, html), collectionLink(c, col.ID, col.Title))
	if html {
		return renderOGCPage(c, "item", map[string]any{"collection": col, "layer": layer, "links": links})
	}
	f, err := geojson.Feature(layer, 0)
	if err != nil {
		return err
	}
	linksJSON, _ := json.Marshal(links)
	out := append(f[:len(f)-1:len(f)-1], []byte(`,"links":`)...)
	out = append(out, linksJSON...)
	out = append(out, '}')
	return c.Blob(200, web.MIMEGeoJSON, out)
}
