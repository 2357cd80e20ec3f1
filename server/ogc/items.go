package ogc

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// Paging limits of the items endpoint.
const (
	ogcDefaultLimit = 10
	ogcMaxLimit     = 10000
)

// ogcItemParams are the query parameters an items request may carry.
var ogcItemParams = map[string]bool{"f": true, "bbox": true, "limit": true, "offset": true, "period": true, "lang": true}

// itemsQuery is a parsed items request.
type itemsQuery struct {
	limit, offset, period int
	bbox                  string
}

func parseItemsQuery(c echo.Context, s *analytics.Snapshot) (itemsQuery, error) {
	q := itemsQuery{limit: ogcDefaultLimit, bbox: c.QueryParam("bbox")}
	for name := range c.QueryParams() {
		if !ogcItemParams[name] {
			return q, web.BadParam(name, "is not a parameter of this collection (f, bbox, limit, offset, period, lang)")
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
	col, neg, err := svc.collectionRequest(c)
	if err != nil {
		return err
	}
	s := svc.snap(c)
	q, err := parseItemsQuery(c, s)
	if err != nil {
		return err
	}
	set, err := svc.encoded.set(s, col, q.period)
	if err != nil {
		return err
	}
	sel, err := selectItems(set, q)
	if err != nil {
		return err
	}
	links := itemsLinks(c, col.ID, q, sel.matched(), neg.html)
	if neg.html {
		return itemsPage(c, neg, s, col, set.src.Layer(s, sel.page(), q.period), sel, q, links)
	}
	meta, _ := json.Marshal(map[string]any{"numberMatched": sel.matched(), "numberReturned": sel.hi - sel.lo,
		"timeStamp": time.Now().UTC().Format(time.RFC3339), "links": links})
	return writeItems(c.Response(), set, sel, meta)
}

// selection is what an items request picks: the features matched, in
// collection order — all of them (idx nil, n of them) or those a bbox
// meets (idx) — and the page lo…hi-1 of them that is sent.
type selection struct {
	n      int
	idx    []int
	lo, hi int
}

// selectItems matches q's bbox through the set's index and cuts q's page.
func selectItems(set *encodedSet, q itemsQuery) (selection, error) {
	sel := selection{n: set.src.Len()}
	if q.bbox != "" {
		b, err := parseBBox(q.bbox)
		if err != nil {
			return sel, web.BadParam("bbox", "%v", err)
		}
		sel.idx = set.within(b)
		sel.n = len(sel.idx)
	}
	sel.lo, sel.hi = min(q.offset, sel.n), min(q.offset+q.limit, sel.n)
	return sel, nil
}

func (sel selection) matched() int { return sel.n }

// at is the collection index of matched feature k.
func (sel selection) at(k int) int {
	if sel.idx == nil {
		return k
	}
	return sel.idx[k]
}

// page is the collection indices of the page's features.
func (sel selection) page() []int {
	out := make([]int, 0, sel.hi-sel.lo)
	for k := sel.lo; k < sel.hi; k++ {
		out = append(out, sel.at(k))
	}
	return out
}

// eachRun calls f with the encoded features of the page, a run of
// consecutive features at a time: a page without bbox is one run.
func (sel selection) eachRun(set *encodedSet, f func([]byte)) {
	for k := sel.lo; k < sel.hi; {
		first := sel.at(k)
		last := first
		for k++; k < sel.hi && sel.at(k) == last+1; k++ {
			last++
		}
		f(set.run(first, last+1))
	}
}

// collectionHead opens a FeatureCollection; the features follow.
const collectionHead = `{"type":"FeatureCollection","features":[`

// writeItems streams the page: the collection's head, the cached features
// and meta's members after them. Nothing is assembled: the response takes
// the cached bytes as they are, whatever the limit, and its length is
// known before the first byte.
func writeItems(w *echo.Response, set *encodedSet, sel selection, meta []byte) error {
	size, runs := len(collectionHead)+len("],")+len(meta)-1, 0
	sel.eachRun(set, func(b []byte) { size, runs = size+len(b), runs+1 })
	size += max(runs-1, 0)
	h := w.Header()
	h.Set(echo.HeaderContentType, web.MIMEGeoJSON)
	h.Set(echo.HeaderContentLength, strconv.Itoa(size))
	w.WriteHeader(http.StatusOK)
	var err error
	write := func(b []byte) {
		if err == nil {
			_, err = w.Write(b)
		}
	}
	write([]byte(collectionHead))
	sep := false
	sel.eachRun(set, func(b []byte) {
		if sep {
			write([]byte{','})
		}
		write(b)
		sep = true
	})
	write([]byte("],"))
	write(meta[1:])
	return err
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
	col, neg, err := svc.collectionRequest(c)
	if err != nil {
		return err
	}
	s := svc.snap(c)
	period, err := web.PeriodParam(c, s)
	if err != nil {
		return err
	}
	set, err := svc.encoded.set(s, col, period)
	if err != nil {
		return err
	}
	src := set.src
	idx := -1
	for i := 0; i < src.Len(); i++ {
		if src.ID(i) == c.Param("fid") {
			idx = i
			break
		}
	}
	if idx < 0 {
		return &web.NotFoundError{What: "feature", Code: col.ID + "/" + c.Param("fid")}
	}
	href := collectionHref(c, col.ID) + "/items/" + url.PathEscape(c.Param("fid"))
	links := append(selfLinks(href, web.MIMEGeoJSON, neg.html), collectionLink(c, col.ID, col.Title))
	if neg.html {
		return itemPage(c, neg, s, col, src.Layer(s, []int{idx}, period), period, links)
	}
	f := set.feature(idx)
	linksJSON, _ := json.Marshal(links)
	out := append(f[:len(f)-1:len(f)-1], []byte(`,"links":`)...)
	out = append(out, linksJSON...)
	out = append(out, '}')
	return c.Blob(200, web.MIMEGeoJSON, out)
}
