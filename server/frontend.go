package server

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/community-atlas/atlas/frontend"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// notBuiltPage answers / when the binary was built before the web app.
const notBuiltPage = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Community Atlas</title>
<body style="font:16px/1.5 sans-serif;max-width:40em;margin:3em auto">
<h1>Community Atlas</h1>
<p>The web app is not built into this binary. Run <code>make frontend</code> (or <code>make run</code>,
which builds it first) and start the service again.</p>
<p>The API is up: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</body></html>
`

// webApp serves the built frontend: its pages (the map, the dashboard, the round)
// revalidated by ETag, and assets whose names carry their content hash, so
// they are cached for good.
type webApp struct {
	files     fs.FS
	index     htmlPage
	dashboard htmlPage
	rounds    htmlPage
}

// htmlPage is one page of the app and its ETag.
type htmlPage struct {
	body []byte // nil when the app is not built
	tag  string
}

func newWebApp(files fs.FS) *webApp {
	return &webApp{files: files, index: loadPage(files, "index.html"), dashboard: loadPage(files, "dashboard.html"),
		rounds: loadPage(files, "rounds.html")}
}

func loadPage(files fs.FS, name string) htmlPage {
	b, err := fs.ReadFile(files, name)
	if err != nil {
		return htmlPage{}
	}
	sum := sha256.Sum256(b)
	return htmlPage{body: b, tag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

// webAppRoutes serves /, /dashboard, /rounds and /assets/* from the embedded web
// app, to anyone: the app asks for a login itself.
func (api *API) webAppRoutes() []route {
	app := newWebApp(frontend.Dist())
	get := http.MethodGet
	return []route{
		{get, "/", public, app.serveIndex, false},
		{get, "/dashboard", public, app.serveDashboard, false},
		{get, "/rounds", public, app.serveRounds, false},
		{get, "/assets/*", public, app.serveAsset, false},
	}
}

// GET /: the map.
func (app *webApp) serveIndex(c echo.Context) error { return app.index.serve(c) }

// GET /dashboard: the comparisons dashboard.
func (app *webApp) serveDashboard(c echo.Context) error { return app.dashboard.serve(c) }

// GET /rounds: the yearly round (the page asks for a login; the API
// decides who may do what).
func (app *webApp) serveRounds(c echo.Context) error { return app.rounds.serve(c) }

func (p htmlPage) serve(c echo.Context) error {
	h := c.Response().Header()
	if p.body == nil {
		h.Set("Cache-Control", "no-store")
		return c.HTML(http.StatusServiceUnavailable, notBuiltPage)
	}
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", p.tag)
	if c.Request().Header.Get("If-None-Match") == p.tag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.HTMLBlob(http.StatusOK, p.body)
}

// GET /assets/{name}: the precompressed twin when the client takes gzip.
func (app *webApp) serveAsset(c echo.Context) error {
	name := path.Clean("assets/" + c.Param("*"))
	if !strings.HasPrefix(name, "assets/") || strings.HasSuffix(name, ".gz") {
		return &web.NotFoundError{What: "file", Code: "/" + name}
	}
	data, err := fs.ReadFile(app.files, name)
	if errors.Is(err, fs.ErrNotExist) {
		return &web.NotFoundError{What: "file", Code: "/" + name}
	}
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Add("Vary", "Accept-Encoding")
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = echo.MIMEOctetStream
	}
	if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		if gz, err := fs.ReadFile(app.files, name+".gz"); err == nil {
			h.Set("Content-Encoding", "gzip")
			return c.Blob(http.StatusOK, ctype, gz)
		}
	}
	return c.Blob(http.StatusOK, ctype, data)
}

// appConfig is what the web app needs from the service's configuration.
type appConfig struct {
	BasemapURL         string `json:"basemap_url"`
	BasemapAttribution string `json:"basemap_attribution"`
}

// GET /api/v1/config. Not behind the snapshot ETag: the answer changes
// with the configuration, not the data.
func (api *API) getAppConfig(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.SendJSON(c, appConfig{BasemapURL: api.cfg.BasemapURL, BasemapAttribution: api.cfg.BasemapAttribution})
}
