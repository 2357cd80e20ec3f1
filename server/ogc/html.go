package ogc

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"
)

// ogcPages are the HTML forms of the OGC API resources: plain pages with
// the same content and links as the JSON, for people browsing the API.
var ogcPages = template.Must(template.New("ogc").Funcs(template.FuncMap{
	"cell": func(v any) any {
		if v == nil {
			return "—"
		}
		return v
	},
}).Parse(`
{{define "head"}}<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{.}}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style>
</head><body><p><a href="/ogc?f=html">Community Atlas OGC API</a> · <a href="/ogc/collections?f=html">collections</a></p><h1>{{.}}</h1>{{end}}
{{define "links"}}<h2>Links</h2><ul>{{range .}}<li><a href="{{.Href}}">{{.Rel}}</a> {{.Type}} {{.Title}}</li>{{end}}</ul>{{end}}
{{define "landing"}}{{template "head" .title}}<p>{{.description}}</p>{{template "links" .links}}</body></html>{{end}}
{{define "conformance"}}{{template "head" "Conformance"}}<ul>{{range .conformsTo}}<li>{{.}}</li>{{end}}</ul></body></html>{{end}}
{{define "api"}}{{template "head" .title}}<p>The OpenAPI 3.0 definition: <a href="{{.href}}">{{.href}}</a></p></body></html>{{end}}
{{define "collections"}}{{template "head" "Collections"}}<table><tr><th>id</th><th>title</th><th>description</th><th>extent</th></tr>
{{range .collections}}<tr><td><a href="/ogc/collections/{{.ID}}?f=html">{{.ID}}</a></td><td>{{.Title}}</td><td>{{.Description}}</td><td>{{index .Extent.Spatial.BBox 0}}</td></tr>{{end}}</table>
{{template "links" .links}}</body></html>{{end}}
{{define "collection"}}{{template "head" .Title}}<p>{{.Description}}</p><p>Extent: {{index .Extent.Spatial.BBox 0}} ({{.Extent.Spatial.CRS}})</p>
<p><a href="/ogc/collections/{{.ID}}/items?f=html">Browse the features</a></p>{{template "links" .Links}}</body></html>{{end}}
{{define "table"}}<table><tr><th>id</th>{{range .Fields}}<th>{{.Name}}</th>{{end}}</tr>
{{range .Features}}<tr><td>{{.ID}}</td>{{range .Values}}<td>{{cell .}}</td>{{end}}</tr>{{end}}</table>{{end}}
{{define "items"}}{{template "head" .collection.Title}}<p>{{.returned}} of {{.matched}} features.</p>{{template "table" .layer}}{{template "links" .links}}</body></html>{{end}}
{{define "item"}}{{template "head" .collection.Title}}{{template "table" .layer}}{{template "links" .links}}</body></html>{{end}}
`))

func renderOGCPage(c echo.Context, page string, data any) error {
	var buf bytes.Buffer
	if err := ogcPages.ExecuteTemplate(&buf, page, data); err != nil {
		return err
	}
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}
