package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/community-atlas/atlas/server/atlas"
)

// NewHandlerClock is NewHandler with a clock of the test's, so that tests
// move time on instead of sleeping.
func NewHandlerClock(a *atlas.Atlas, cfg Config, log *slog.Logger, now func() time.Time) http.Handler {
	return newHandler(a, cfg, log, now)
}
