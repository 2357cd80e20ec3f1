// Package web holds the HTTP plumbing the handler packages share (package
// server and the OGC API in server/ogc): the errors a handler returns for a
// bad parameter or an unknown code, which server's one error mapping turns
// into 400 and 404; JSON answers; the snapshot a request reads; and the
// parameters several endpoints read alike.
package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/labstack/echo/v4"
)

// ParamError is a query or path parameter that cannot be used.
type ParamError struct {
	Param  string
	Reason string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %s: %s", e.Param, e.Reason) }

// BadParam is a ParamError with a formatted reason.
func BadParam(param, format string, args ...any) error {
	return &ParamError{Param: param, Reason: fmt.Sprintf(format, args...)}
}

// NotFoundError names a code that does not exist.
type NotFoundError struct {
	What string
	Code string
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %q not found", e.What, e.Code) }

// WriteJSON encodes v without HTML escaping (names are Chinese, not markup).
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// SendJSON answers 200 with v as JSON.
func SendJSON(c echo.Context, v any) error {
	return SendJSONType(c, echo.MIMEApplicationJSON, v)
}

// SendJSONType answers 200 with v as JSON under a media type of its own.
func SendJSONType(c echo.Context, mime string, v any) error {
	c.Response().Header().Set(echo.HeaderContentType, mime)
	c.Response().WriteHeader(http.StatusOK)
	return WriteJSON(c.Response(), v)
}

// SnapshotKey is where the authentication puts the snapshot a request may
// read (the whole atlas, or the caller's region of it).
const SnapshotKey = "snapshot"

// Snapshot is the snapshot a request reads, as the authentication set it.
func Snapshot(c echo.Context) (*analytics.Snapshot, bool) {
	s, ok := c.Get(SnapshotKey).(*analytics.Snapshot)
	return s, ok
}

// PeriodParam reads ?period=, defaulting to the latest period with data.
func PeriodParam(c echo.Context, s *analytics.Snapshot) (int, error) {
	v := c.QueryParam("period")
	if v == "" {
		return s.LatestPeriod(), nil
	}
	p, err := strconv.Atoi(v)
	if err != nil {
		return 0, BadParam("period", "%q is not a year", v)
	}
	if !s.HasPeriod(p) {
		return 0, BadParam("period", "%d has no observations (periods with data: %s)", p, JoinInts(s.Periods()))
	}
	return p, nil
}

// JoinInts lists numbers for a message.
func JoinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}
