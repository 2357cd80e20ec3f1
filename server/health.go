package server

import (
	"context"
	"net/http"
	"time"

	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// healthz says the process is up.
func (api *API) healthz(c echo.Context) error {
	return web.SendJSON(c, map[string]string{"status": "ok"})
}

// readyz says the store answers and a snapshot is loaded.
func (api *API) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	s := api.atlas.Snapshot()
	if s == nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, msg.New("no snapshot loaded yet"))
	}
	if err := api.atlas.Ping(ctx); err != nil {
		api.log.Warn("store not reachable", "err", err)
		return echo.NewHTTPError(http.StatusServiceUnavailable, msg.New("the store is not reachable"))
	}
	return web.SendJSON(c, map[string]any{"status": "ready", "snapshot_version": s.Version})
}
