// Package ogc serves OGC API – Features (Part 1: Core) under /ogc: a landing
// page, conformance, one collection per level below the city plus
// facilities and grids, items with bbox and limit/offset paging, single
// features, and this API's OpenAPI definition; JSON or HTML by ?f= or the
// Accept header. It reads the snapshot the request may see (package server
// authenticates and scopes it) and answers its errors as web.ParamError and
// web.NotFoundError, which the server's error mapping turns into statuses.
package ogc

import (
	_ "embed"
	"net/http"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

//go:embed api.json
var ogcAPIDoc []byte

// Service answers the OGC API over the snapshot each request reads.
type Service struct {
	snap        func(echo.Context) *analytics.Snapshot
	collections []ogcCollection
	encoded     encodedCache
}

// New builds the service: snap gives the snapshot a request may read, and
// layers builds the features' attributes.
func New(snap func(echo.Context) *analytics.Snapshot, layers Layers) *Service {
	return &Service{snap: snap, collections: newCollections(layers)}
}

const (
	mimeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	mimeHTML    = "text/html"
)

var conformance = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
}

// ogcLink is a link object of OGC API responses.
type ogcLink struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// ogcBase is the absolute URL of /ogc for this request.
func ogcBase(c echo.Context) string {
	return c.Scheme() + "://" + c.Request().Host + "/ogc"
}

// collectionHref is the absolute URL of collection id.
func collectionHref(c echo.Context, id string) string {
	return ogcBase(c) + "/collections/" + id
}

// collectionLink leads from a collection's features back to it.
func collectionLink(c echo.Context, id, title string) ogcLink {
	return ogcLink{Href: collectionHref(c, id), Rel: "collection", Type: "application/json", Title: title}
}

// collectionRequest reads ?f= (see wantsHTML) and the collection named by
// the path's {id}.
func (svc *Service) collectionRequest(c echo.Context) (col *ogcCollection, html bool, err error) {
	if html, err = wantsHTML(c); err != nil {
		return nil, false, err
	}
	col, ok := svc.findCollection(c.Param("id"))
	if !ok {
		return nil, false, &web.NotFoundError{What: "collection", Code: c.Param("id")}
	}
	return col, html, nil
}

// wantsHTML reads ?f= (json or html), else the Accept header.
func wantsHTML(c echo.Context) (bool, error) {
	switch c.QueryParam("f") {
	case "html":
		return true, nil
	case "json", "geojson":
		return false, nil
	case "":
		accept := c.Request().Header.Get("Accept")
		return strings.Contains(accept, mimeHTML) && !strings.Contains(accept, "json"), nil
	}
	return false, web.BadParam("f", "%q is not json or html", c.QueryParam("f"))
}

// selfLinks are the self and alternate links of a resource.
func selfLinks(href, jsonType string, html bool) []ogcLink {
	sep := "?"
	if strings.Contains(href, "?") {
		sep = "&"
	}
	jsonLink := ogcLink{Href: href + sep + "f=json", Type: jsonType, Title: "JSON"}
	htmlLink := ogcLink{Href: href + sep + "f=html", Type: mimeHTML, Title: "HTML"}
	if html {
		htmlLink.Rel, jsonLink.Rel = "self", "alternate"
		return []ogcLink{htmlLink, jsonLink}
	}
	jsonLink.Rel, htmlLink.Rel = "self", "alternate"
	return []ogcLink{jsonLink, htmlLink}
}

// ogcAnswer sends v as JSON of type mime, or as the named HTML page.
func ogcAnswer(c echo.Context, html bool, mime, page string, v any) error {
	if html {
		return renderOGCPage(c, page, v)
	}
	return web.SendJSONType(c, mime, v)
}

// GET /ogc
func (svc *Service) Landing(c echo.Context) error {
	html, err := wantsHTML(c)
	if err != nil {
		return err
	}
	base := ogcBase(c)
	links := append(selfLinks(base, echo.MIMEApplicationJSON, html),
		ogcLink{Href: base + "/api", Rel: "service-desc", Type: mimeOpenAPI, Title: "The API definition"},
		ogcLink{Href: base + "/api?f=html", Rel: "service-doc", Type: mimeHTML, Title: "The API documentation"},
		ogcLink{Href: base + "/conformance", Rel: "conformance", Type: echo.MIMEApplicationJSON, Title: "Conformance classes"},
		ogcLink{Href: base + "/collections", Rel: "data", Type: echo.MIMEApplicationJSON, Title: "Collections"})
	return ogcAnswer(c, html, echo.MIMEApplicationJSON, "landing", map[string]any{
		"title":       "Community Atlas",
		"description": "Nantong's counties, townships and communities with the indicators of the 2013 community-construction targets, facilities and management grids.",
		"links":       links,
	})
}

// GET /ogc/conformance
func (svc *Service) Conformance(c echo.Context) error {
	html, err := wantsHTML(c)
	if err != nil {
		return err
	}
	return ogcAnswer(c, html, echo.MIMEApplicationJSON, "conformance", map[string]any{"conformsTo": conformance})
}

// GET /ogc/api
func (svc *Service) API(c echo.Context) error {
	html, err := wantsHTML(c)
	if err != nil {
		return err
	}
	if html {
		return renderOGCPage(c, "api", map[string]any{"title": "Community Atlas OGC API – Features", "href": ogcBase(c) + "/api?f=json"})
	}
	return c.Blob(http.StatusOK, mimeOpenAPI, ogcAPIDoc)
}

// ogcCollectionDoc describes one collection.
type ogcCollectionDoc struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	ItemType    string    `json:"itemType"`
	CRS         []string  `json:"crs"`
	Extent      ogcExtent `json:"extent"`
	Links       []ogcLink `json:"links"`
}

type ogcExtent struct {
	Spatial struct {
		BBox [][4]float64 `json:"bbox"`
		CRS  string       `json:"crs"`
	} `json:"spatial"`
}

func collectionDoc(c echo.Context, s *analytics.Snapshot, col *ogcCollection) ogcCollectionDoc {
	src := col.Source(s)
	var b orb.Bound
	for i := 0; i < src.Len(); i++ {
		if i == 0 {
			b = src.Geometry(i).Bound()
		} else {
			b = b.Union(src.Geometry(i).Bound())
		}
	}
	href := collectionHref(c, col.ID)
	d := ogcCollectionDoc{ID: col.ID, Title: col.Title, Description: col.Description, ItemType: "feature", CRS: []string{proj.CRS84URI},
		Links: []ogcLink{
			{Href: href + "?f=json", Rel: "self", Type: echo.MIMEApplicationJSON, Title: col.Title},
			{Href: href + "?f=html", Rel: "alternate", Type: mimeHTML, Title: col.Title},
			{Href: href + "/items?f=json", Rel: "items", Type: web.MIMEGeoJSON, Title: "Features as GeoJSON"},
			{Href: href + "/items?f=html", Rel: "items", Type: mimeHTML, Title: "Features as HTML"},
		}}
	d.Extent.Spatial.BBox = [][4]float64{{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}}
	d.Extent.Spatial.CRS = proj.CRS84URI
	return d
}

// GET /ogc/collections
func (svc *Service) Collections(c echo.Context) error {
	html, err := wantsHTML(c)
	if err != nil {
		return err
	}
	s := svc.snap(c)
	docs := make([]ogcCollectionDoc, len(svc.collections))
	for i := range svc.collections {
		docs[i] = collectionDoc(c, s, &svc.collections[i])
	}
	return ogcAnswer(c, html, echo.MIMEApplicationJSON, "collections", map[string]any{
		"links":       selfLinks(ogcBase(c)+"/collections", echo.MIMEApplicationJSON, html),
		"collections": docs,
	})
}

// GET /ogc/collections/{id}
func (svc *Service) Collection(c echo.Context) error {
	col, html, err := svc.collectionRequest(c)
	if err != nil {
		return err
	}
	return ogcAnswer(c, html, echo.MIMEApplicationJSON, "collection", collectionDoc(c, svc.snap(c), col))
}
