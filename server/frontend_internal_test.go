package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/labstack/echo/v4"
)

func webAppHandler(files fstest.MapFS) *echo.Echo {
	e := echo.New()
	e.HTTPErrorHandler = errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))
	app := newWebApp(files)
	e.GET("/", app.serveIndex)
	e.GET("/assets/*", app.serveAsset)
	return e
}

func get(h http.Handler, target string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestWebAppServesIndexAndAssets(t *testing.T) {
	files := fstest.MapFS{
		"index.html":             {Data: []byte("<!doctype html><title>Atlas</title>")},
		"assets/app-AB12.js":     {Data: []byte("console.log(1)")},
		"assets/app-AB12.js.gz":  {Data: []byte("gzipped bytes")},
		"assets/app-CD34.css":    {Data: []byte("body{}")},
		"assets/maplibre-EF.map": {Data: []byte("{}")},
	}
	e := webAppHandler(files)

	rec := get(e, "/", nil)
	if rec.Code != http.StatusOK || rec.Body.String() != "<!doctype html><title>Atlas</title>" {
		t.Fatalf("GET / = %d %q", rec.Code, rec.Body)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("index Cache-Control = %q, want no-cache (its asset names change with every build)", cc)
	}
	tag := rec.Header().Get("ETag")
	if tag == "" {
		t.Fatal("index has no ETag")
	}
	if rec := get(e, "/", map[string]string{"If-None-Match": tag}); rec.Code != http.StatusNotModified {
		t.Errorf("GET / with its ETag = %d, want 304", rec.Code)
	}

	rec = get(e, "/assets/app-AB12.js", nil)
	if rec.Code != http.StatusOK || rec.Body.String() != "console.log(1)" || rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("plain asset = %d %q encoding %q", rec.Code, rec.Body, rec.Header().Get("Content-Encoding"))
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("js Content-Type = %q", ct)
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
		t.Errorf("asset Cache-Control = %q, want a year, immutable", cc)
	}
	rec = get(e, "/assets/app-AB12.js", map[string]string{"Accept-Encoding": "gzip, br"})
	if rec.Body.String() != "gzipped bytes" || rec.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("gzip asset = %q encoding %q, want the .gz twin", rec.Body, rec.Header().Get("Content-Encoding"))
	}
	rec = get(e, "/assets/app-CD34.css", map[string]string{"Accept-Encoding": "gzip"})
	if rec.Body.String() != "body{}" || rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("css without a twin = %q encoding %q, want the plain file", rec.Body, rec.Header().Get("Content-Encoding"))
	}

	for _, p := range []string{"/assets/nothing.js", "/assets/app-AB12.js.gz", "/assets/../index.html", "/assets/"} {
		rec := get(e, p, nil)
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Header().Get("Content-Type"), "problem+json") {
			t.Errorf("GET %s = %d %s, want a 404 problem", p, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}

func TestWebAppNotBuilt(t *testing.T) {
	e := webAppHandler(fstest.MapFS{".gitkeep": {}})
	rec := get(e, "/", nil)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "make frontend") {
		t.Errorf("GET / without a build = %d %q, want 503 naming make frontend", rec.Code, rec.Body)
	}
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("Content-Type = %q", rec.Header().Get("Content-Type"))
	}
}

func TestAppConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.BasemapURL = "https://tiles.example/{z}/{x}/{y}.png?tk=KEY"
	cfg.BasemapAttribution = "天地图"
	h := NewHandler(&atlas.Atlas{}, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	rec := get(h, "/api/v1/config", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /api/v1/config = %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	var got appConfig
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.BasemapURL != cfg.BasemapURL || got.BasemapAttribution != "天地图" {
		t.Errorf("config = %+v", got)
	}
	// MapLibre fetches raster tiles: the basemap's host must be a connect source.
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self' https://tiles.example;") {
		t.Errorf("CSP %q does not let the app fetch the basemap", csp)
	}
}

// FuzzWebAppAsset: whatever the path, an asset answer is a file under
// assets/ and never its .gz twin served as plain, nor anything else.
func FuzzWebAppAsset(f *testing.F) {
	files := fstest.MapFS{
		"index.html":          {Data: []byte("index")},
		"secret.txt":          {Data: []byte("outside assets")},
		"assets/app-AB.js":    {Data: []byte("js")},
		"assets/app-AB.js.gz": {Data: []byte("gz")},
	}
	e := webAppHandler(files)
	for _, seed := range []string{"app-AB.js", "app-AB.js.gz", "../secret.txt", "..%2fsecret.txt", "./app-AB.js", "", "a/../../index.html", "%00"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		req := httptest.NewRequest(http.MethodGet, "/assets/x", nil)
		req.URL.Path = "/assets/" + name
		req.URL.RawPath = ""
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK:
			if body := rec.Body.String(); body != "js" {
				t.Errorf("/assets/%q served %q", name, body)
			}
		case http.StatusNotFound, http.StatusBadRequest:
		default:
			t.Errorf("/assets/%q answered %d", name, rec.Code)
		}
	})
}

func TestBasemapURLFromEnv(t *testing.T) {
	env := map[string]string{"ATLAS_BASEMAP_URL": "http://t0.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=K"}
	cfg, err := DefaultConfig().FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BasemapURL != env["ATLAS_BASEMAP_URL"] || cfg.Validate() != nil {
		t.Errorf("BasemapURL = %q, Validate = %v", cfg.BasemapURL, cfg.Validate())
	}
	for url, want := range map[string]string{
		"ftp://x/{z}/{x}/{y}":          "not an http or https URL",
		"https://x/{z}/{x}.png":        "no {y} placeholder",
		"https://x/tile?z=1&x=2&y={y}": "no {z} placeholder",
	} {
		cfg.BasemapURL = url
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate(%q) = %v, want %q", url, err, want)
		}
	}
}
