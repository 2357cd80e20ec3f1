package server

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"github.com/community-atlas/atlas/analytics"
	"github.com/labstack/echo/v4"
)

// The OpenAPI document is assembled from fragments in openapi/, one per
// part of the API, so each part documents its own paths and schemas:
// 00-base.json has the info and shared schemas, every other file adds
// "paths" and "components.schemas". A test keeps the document in step with
// the routes.
//
//go:embed openapi/*.json
var openAPIFragments embed.FS

var openAPIDoc = mustAssembleOpenAPI(openAPIFragments)

func mustAssembleOpenAPI(fsys fs.FS) []byte {
	doc, err := assembleOpenAPI(fsys)
	if err != nil {
		panic(err) // the fragments are embedded: a test catches this
	}
	return doc
}

type openAPIFragment struct {
	OpenAPI    string                     `json:"openapi,omitempty"`
	Info       json.RawMessage            `json:"info,omitempty"`
	Paths      map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]json.RawMessage `json:"schemas"`
	} `json:"components"`
}

func assembleOpenAPI(fsys fs.FS) ([]byte, error) {
	names, err := fs.Glob(fsys, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var doc openAPIFragment
	doc.Paths = map[string]json.RawMessage{}
	doc.Components.Schemas = map[string]json.RawMessage{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var f openAPIFragment
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("openapi: %s: %w", name, err)
		}
		if f.OpenAPI != "" {
			doc.OpenAPI, doc.Info = f.OpenAPI, f.Info
		}
		if err := mergeInto(doc.Paths, f.Paths, name, "path"); err != nil {
			return nil, err
		}
		if err := mergeInto(doc.Components.Schemas, f.Components.Schemas, name, "schema"); err != nil {
			return nil, err
		}
	}
	level, err := levelSchema(doc.Components.Schemas["Level"])
	if err != nil {
		return nil, err
	}
	doc.Components.Schemas["Level"] = level
	return json.Marshal(doc)
}

// levelSchema fills the Level schema's enum from analytics.Levels, so that
// the document names the levels the service knows, from one table.
func levelSchema(raw json.RawMessage) (json.RawMessage, error) {
	var s map[string]any
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("openapi: the Level schema: %w", err)
	}
	s["enum"] = analytics.Levels
	return json.Marshal(s)
}

func mergeInto(dst, src map[string]json.RawMessage, file, what string) error {
	for k, v := range src {
		if _, dup := dst[k]; dup {
			return fmt.Errorf("openapi: %s: %s %q is defined twice", file, what, k)
		}
		dst[k] = v
	}
	return nil
}

// GET /api/v1/openapi.json
func (api *API) openapi(c echo.Context) error {
	return c.Blob(200, echo.MIMEApplicationJSON, openAPIDoc)
}
