package server

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// API serves HTTP for an atlas.
type API struct {
	atlas  *atlas.Atlas
	log    *slog.Logger
	cfg    Config
	bodies *bodyCache
	tiles  *tileCache
	// tileSources: features projected for tiling, per layer and snapshot.
	tileSources tileSources
	tokens      tokenCache
	logins      *loginLimiter
	hashes      *hashPool
	now         func() time.Time // the clock of sessions, tokens, limits and the audit log
	// needs is the least role of each route, by "METHOD path" (see routes).
	needs map[string]string
	// stagings: the wizard's dry runs under way.
	stagings *stagings
}

// NewHandler builds the HTTP handler: routes, error mapping, limits.
func NewHandler(a *atlas.Atlas, cfg Config, log *slog.Logger) http.Handler {
	return newHandler(a, cfg, log, time.Now)
}

func newHandler(a *atlas.Atlas, cfg Config, log *slog.Logger, now func() time.Time) http.Handler {
	api := &API{atlas: a, log: log, cfg: cfg, bodies: newBodyCache(64), tiles: newTileCache(cfg.TileCacheBytes),
		logins: newLoginLimiter(defaultLoginLimits), hashes: defaultHashPool(), now: now, stagings: newStagings()}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = clientIP(cfg.TrustedProxies)
	e.HTTPErrorHandler = errorHandler(log)
	e.Use(middleware.Recover())
	e.Use(requestLog(log))
	e.Use(middleware.BodyLimit(byteLimit(cfg.MaxUploadBytes)))
	// A deadline on the request context, not a buffering timeout handler:
	// handlers and the store stop when it passes, and answers stream.
	e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: cfg.RequestTimeout}))
	e.Use(securityHeaders(cfg))
	e.Use(api.authenticate) // after routing: the policy is by route
	e.Use(api.auditExports)

	api.register(e)
	return e
}

// requestLog logs each request at debug level, and failures at warn.
func requestLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			level := slog.LevelDebug
			if err != nil && !clientGone(err) {
				level = slog.LevelWarn
			}
			ctx := c.Request().Context()
			if log.Enabled(ctx, level) { // skip building the record on the hot path
				log.Log(ctx, level, "request", "method", c.Request().Method,
					"uri", c.Request().URL.RequestURI(), "status", answeredStatus(c, err), "took", time.Since(start), "err", err)
			}
			return err
		}
	}
}

// answeredStatus is the status a request gets. A failed request's answer
// is written by the error handler after the middleware has returned, so
// its status is the one the error handler will map the error to.
func answeredStatus(c echo.Context, err error) int {
	if err == nil || c.Response().Committed {
		return c.Response().Status
	}
	return problemFor(err).Status
}

func byteLimit(n int64) string {
	return formatInt(n/(1<<20)) + "M"
}

// clientGone reports a write to a client that has hung up: not the
// server's failure, so not worth a warning.
func clientGone(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET)
}

// auditExports records every successful export in the audit log.
func (api *API) auditExports(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err == nil && strings.HasPrefix(c.Path(), "/api/v1/export/") && c.Response().Status == http.StatusOK {
			api.audit(c, who(c).name(), "export", c.Request().URL.RequestURI())
		}
		return err
	}
}
