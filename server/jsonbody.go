package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// Bounds on the JSON bodies of the computing POSTs (what-if, siting).
// Viewers may call them, and on a public instance so may anyone, so a
// request's cost must be bounded before it is computed: a million points
// took 18 s of CPU. Each added facility and each siting candidate is a
// search of the road network, so the count is capped; 500 is far more
// than a planner places by hand (the web app sends one or two) and keeps a
// request within a few seconds on the seeded city. The byte bound stops a
// huge body before it is decoded: 500 places take about 40 KB.
const (
	maxScenarioItems = 500
	maxJSONBody      = 1 << 20
)

// readBody decodes a JSON body strictly: unknown fields are an error, so a
// misspelt option is not silently ignored. A body over maxJSONBody is 413.
func readBody(c echo.Context, v any) error {
	return readBodyMax(c, v, maxJSONBody)
}

// readBodyMax is readBody with a bound of its own, for the bodies that
// carry data rather than options (a round's drafts).
func readBodyMax(c echo.Context, v any, limit int64) error {
	r := c.Request()
	dec := json.NewDecoder(http.MaxBytesReader(c.Response(), r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			if limit != maxJSONBody {
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge, fmt.Sprintf("the JSON body is over %d MiB", limit>>20))
			}
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge,
				msg.New("the JSON body is over %d KiB; send at most %d places per request", maxJSONBody>>10, maxScenarioItems))
		case errors.Is(err, io.EOF):
			return web.BadParam("body", "send the request as a JSON object")
		}
		return web.BadParam("body", "not the JSON object expected: %v", err)
	}
	return nil
}

// capItems refuses a list of more than maxScenarioItems entries.
func capItems(field string, n int) error {
	if n > maxScenarioItems {
		return web.BadParam(field, "%d entries; at most %d per request", n, maxScenarioItems)
	}
	return nil
}
