package server

import (
	_ "embed"

	"github.com/labstack/echo/v4"
)

// openAPIDoc describes API v1; a test keeps it in step with the routes.
//
//go:embed openapi.json
var openAPIDoc []byte

// GET /api/v1/openapi.json
func (api *API) openapi(c echo.Context) error {
	return c.Blob(200, echo.MIMEApplicationJSON, openAPIDoc)
}
