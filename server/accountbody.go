package server

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"

	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// accountBodyLimit caps the JSON bodies of the account routes (login,
// users, tokens): a password is at most 1 KiB, so a few KiB hold any
// honest request, and a 50 MB body is refused before it is read.
const accountBodyLimit = 8 << 10

// readJSON decodes one JSON value of at most limit bytes from r into v;
// strict refuses unknown fields. A body that is too long or not JSON is a
// parameter error on "body", whose message shows the expected shape.
func readJSON(r io.Reader, limit int64, v any, strict bool, shape string) error {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return err // the body limit's 413, or the client gone
	}
	if int64(len(data)) > limit {
		return web.BadParam("body", "the body is longer than %d bytes", limit)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return web.BadParam("body", "send JSON %s (%v)", shape, err)
	}
	return nil
}

// requireJSON refuses a body that is not declared application/json with
// 415. For the login this is what stops login CSRF: an HTML form can post
// across sites only as form data or text/plain, while a script needs the
// target's CORS consent to send JSON.
func requireJSON(c echo.Context) error {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || mt != echo.MIMEApplicationJSON {
		return &echo.HTTPError{Code: http.StatusUnsupportedMediaType, Message: msg.New("send the body as Content-Type: application/json")}
	}
	return nil
}
