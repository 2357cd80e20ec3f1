package server

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/labstack/echo/v4"
)

func TestWebAppServesDashboard(t *testing.T) {
	files := fstest.MapFS{
		"index.html":     {Data: []byte("<title>map</title>")},
		"dashboard.html": {Data: []byte("<title>dashboard</title>")},
	}
	e := echo.New()
	e.HTTPErrorHandler = errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))
	app := newWebApp(files)
	e.GET("/", app.serveIndex)
	e.GET("/dashboard", app.serveDashboard)

	rec := get(e, "/dashboard", nil)
	if rec.Code != http.StatusOK || rec.Body.String() != "<title>dashboard</title>" || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("GET /dashboard = %d %q, Cache-Control %q", rec.Code, rec.Body, rec.Header().Get("Cache-Control"))
	}
	tag := rec.Header().Get("ETag")
	index := get(e, "/", nil)
	if tag == "" || tag == index.Header().Get("ETag") {
		t.Errorf("dashboard ETag %q, map ETag %q: each page needs its own", tag, index.Header().Get("ETag"))
	}
	if rec := get(e, "/dashboard", map[string]string{"If-None-Match": tag}); rec.Code != http.StatusNotModified {
		t.Errorf("GET /dashboard with its ETag = %d, want 304", rec.Code)
	}
	if rec := get(e, "/dashboard", map[string]string{"If-None-Match": index.Header().Get("ETag")}); rec.Code != http.StatusOK {
		t.Errorf("GET /dashboard with the map's ETag = %d, want 200", rec.Code)
	}

	// A binary built before the app answers 503 naming the build step, as / does.
	app = newWebApp(fstest.MapFS{".gitkeep": {}})
	e = echo.New()
	e.GET("/dashboard", app.serveDashboard)
	rec = get(e, "/dashboard", nil)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "make frontend") {
		t.Errorf("GET /dashboard without a build = %d %q, want 503 naming make frontend", rec.Code, rec.Body)
	}
}
