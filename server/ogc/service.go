// Package ogc serves OGC API – Features (Part 1: Core) under /ogc: a landing
// page, conformance, one collection per level below the city plus
// facilities and grids, items with bbox and limit/offset paging, single
// features, and this API's OpenAPI definition; JSON or HTML by ?f= or the
// Accept header, the HTML in the web app's look and in Chinese or English
// by ?lang= or the Accept-Language header. It reads the snapshot the
// request may see (package server authenticates and scopes it) and answers
// its errors as web.ParamError and web.NotFoundError, which the server's
// error mapping turns into statuses.
package ogc

import (
	_ "embed"
	"net/http"
	"net/url"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/community-atlas/atlas/server/msg"
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

// collectionRequest negotiates the answer and finds the collection named
// by the path's {id}.
func (svc *Service) collectionRequest(c echo.Context) (*ogcCollection, negotiation, error) {
	neg, err := negotiate(c)
	if err != nil {
		return nil, neg, err
	}
	col, ok := svc.findCollection(svc.snap(c), c.Param("id"))
	if !ok {
		return nil, neg, &web.NotFoundError{What: "collection", Code: c.Param("id")}
	}
	return col, neg, nil
}

// negotiation is the form and language of an answer: HTML or JSON, and
// for HTML the language, which carry says the request chose by ?lang=
// (and so its links keep).
type negotiation struct {
	html  bool
	lang  msg.Lang
	carry bool
}

// negotiate reads ?f= (json or html), else the Accept header; and ?lang=
// (zh or en), else the Accept-Language header.
func negotiate(c echo.Context) (negotiation, error) {
	var n negotiation
	switch c.QueryParam("f") {
	case "html":
		n.html = true
	case "json", "geojson":
	case "":
		accept := c.Request().Header.Get("Accept")
		n.html = strings.Contains(accept, mimeHTML) && !strings.Contains(accept, "json")
	default:
		return n, web.BadParam("f", "%q is not json or html", c.QueryParam("f"))
	}
	n.lang = msg.Accepted(c.Request().Header.Get("Accept-Language"))
	if v := c.QueryParam("lang"); v != "" {
		l, ok := msg.ParseLang(v)
		if !ok {
			return n, web.BadParam("lang", "%q is not zh or en", v)
		}
		n.lang, n.carry = l, true
	}
	return n, nil
}

// link is href with the request's lang parameter carried on, so that a
// reader who chose a language keeps it from page to page.
func (n negotiation) link(href string) string {
	if !n.carry {
		return href
	}
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	q := u.Query()
	q.Set("lang", string(n.lang))
	u.RawQuery = q.Encode()
	return u.String()
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

// GET /ogc
func (svc *Service) Landing(c echo.Context) error {
	neg, err := negotiate(c)
	if err != nil {
		return err
	}
	base := ogcBase(c)
	links := append(selfLinks(base, echo.MIMEApplicationJSON, neg.html),
		ogcLink{Href: base + "/api", Rel: "service-desc", Type: mimeOpenAPI, Title: "The API definition"},
		ogcLink{Href: base + "/api?f=html", Rel: "service-doc", Type: mimeHTML, Title: "The API documentation"},
		ogcLink{Href: base + "/conformance", Rel: "conformance", Type: echo.MIMEApplicationJSON, Title: "Conformance classes"},
		ogcLink{Href: base + "/collections", Rel: "data", Type: echo.MIMEApplicationJSON, Title: "Collections"})
	if neg.html {
		t := pageTexts[neg.lang]
		return renderPage(c, neg, "landing", page{Title: t.App, Body: linksBody{links, landingIntro(t, svc.snap(c))}})
	}
	return web.SendJSON(c, map[string]any{
		"title":       "Community Atlas",
		"description": landingIntro(pageTexts[msg.EN], svc.snap(c)),
		"links":       links,
	})
}

// linksBody is the body of a page that lists the resource's links.
type linksBody struct {
	Links []ogcLink
	Intro string // the landing page's
}

// GET /ogc/conformance
func (svc *Service) Conformance(c echo.Context) error {
	neg, err := negotiate(c)
	if err != nil {
		return err
	}
	if neg.html {
		t := pageTexts[neg.lang]
		return renderPage(c, neg, "conformance", page{Title: t.Conformance, Crumbs: []crumb{home(t)}, Body: conformance})
	}
	return web.SendJSON(c, map[string]any{"conformsTo": conformance})
}

// GET /ogc/api
func (svc *Service) API(c echo.Context) error {
	neg, err := negotiate(c)
	if err != nil {
		return err
	}
	if neg.html {
		t := pageTexts[neg.lang]
		return renderPage(c, neg, "api", page{Title: t.Definition, Crumbs: []crumb{home(t)}, Body: ogcBase(c) + "/api?f=json"})
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
	neg, err := negotiate(c)
	if err != nil {
		return err
	}
	s := svc.snap(c)
	cols := svc.offered(s)
	docs := make([]ogcCollectionDoc, len(cols))
	for i, col := range cols {
		docs[i] = collectionDoc(c, s, col)
	}
	links := selfLinks(ogcBase(c)+"/collections", echo.MIMEApplicationJSON, neg.html)
	if neg.html {
		return collectionsPage(c, neg, cols, docs, links)
	}
	return web.SendJSON(c, map[string]any{"links": links, "collections": docs})
}

// GET /ogc/collections/{id}
func (svc *Service) Collection(c echo.Context) error {
	col, neg, err := svc.collectionRequest(c)
	if err != nil {
		return err
	}
	doc := collectionDoc(c, svc.snap(c), col)
	if neg.html {
		return collectionPage(c, neg, col, doc)
	}
	return web.SendJSON(c, doc)
}
