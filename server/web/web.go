// Package web holds the HTTP plumbing the handler packages share (package
// server and the OGC API in server/ogc): the errors a handler returns for a
// bad parameter or an unknown code, which server's one error mapping turns
// into 400 and 404; JSON answers; the snapshot a request reads; and the
// parameters several endpoints read alike.
package web

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/labstack/echo/v4"
)

// ParamError is a query or path parameter that cannot be used.
type ParamError struct {
	Param  string
	Reason msg.Message
}

func (e *ParamError) Error() string { return e.In(msg.EN) }

// In says the error in l; the parameter's name stays as it is.
func (e *ParamError) In(l msg.Lang) string {
	return msg.New("parameter %s: %s", e.Param, e.Reason).In(l)
}

// BadParam is a ParamError whose reason is format with args (an English
// format of the message catalogue, see package msg).
func BadParam(param, format string, args ...any) error {
	return &ParamError{Param: param, Reason: msg.New(format, args...)}
}

// NotFoundError names a code that does not exist. What is the kind of
// thing in English ("region"), a word of the message catalogue.
type NotFoundError struct {
	What string
	Code string
}

func (e *NotFoundError) Error() string { return e.In(msg.EN) }

// In says the error in l.
func (e *NotFoundError) In(l msg.Lang) string {
	return msg.New("%s %q not found", msg.New(e.What), e.Code).In(l)
}

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
