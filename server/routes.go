package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// API serves HTTP for an atlas.
type API struct {
	atlas  *Atlas
	log    *slog.Logger
	cfg    Config
	bodies *bodyCache
}

// NewHandler builds the HTTP handler: routes, error mapping, limits.
func NewHandler(a *Atlas, cfg Config, log *slog.Logger) http.Handler {
	api := &API{atlas: a, log: log, cfg: cfg, bodies: newBodyCache(64)}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(log)
	e.Use(middleware.Recover())
	e.Use(requestLog(log))
	e.Use(middleware.BodyLimit(byteLimit(cfg.MaxUploadBytes)))
	e.Use(middleware.TimeoutWithConfig(middleware.TimeoutConfig{Timeout: cfg.RequestTimeout}))

	e.GET("/healthz", api.healthz)
	e.GET("/readyz", api.readyz)
	v1 := e.Group("/api/v1", api.etag)
	v1.GET("/openapi.json", api.openapi)
	v1.GET("/regions", api.listRegions)
	v1.GET("/regions.geojson", api.regionsGeoJSON)
	v1.GET("/regions/:code", api.getRegion)
	v1.GET("/indicators", api.listIndicators)
	v1.GET("/periods", api.listPeriods)
	v1.GET("/observations", api.listObservations)
	v1.GET("/facilities", api.listFacilities)
	v1.GET("/grids", api.listGrids)
	v1.GET("/grids.geojson", api.gridsGeoJSON)
	e.POST("/api/v1/imports/:kind", api.postImport)
	return e
}

// requestLog logs each request at debug level, and failures at warn.
func requestLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			level := slog.LevelDebug
			if err != nil {
				level = slog.LevelWarn
			}
			log.Log(c.Request().Context(), level, "request", "method", c.Request().Method,
				"uri", c.Request().URL.RequestURI(), "status", c.Response().Status, "took", time.Since(start), "err", err)
			return err
		}
	}
}

func byteLimit(n int64) string {
	return formatInt(n/(1<<20)) + "M"
}
