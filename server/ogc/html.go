package ogc

import (
	"bytes"
	_ "embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/server/msg"
	"github.com/labstack/echo/v4"
)

// The HTML pages are for people browsing the API: the content and links
// of the JSON, in the web app's look (StylesheetPath) and in the
// request's language (negotiation.lang).

//go:embed ogc.css
var stylesheet []byte

// StylesheetPath is where the pages' stylesheet is served.
const StylesheetPath = "/ogc/style.css"

// GET /ogc/style.css
func (svc *Service) Stylesheet(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", stylesheet)
}

// page is what every page template reads: the wording, the title, the
// trail to it, and the body of the page kind.
type page struct {
	T      pageText
	Title  string
	Crumbs []crumb
	Body   any
	neg    negotiation
	target *url.URL
}

type crumb struct{ Title, Href string }

// Link is href with the request's lang parameter carried on (see
// negotiation.link).
func (p page) Link(href string) string { return p.neg.link(href) }

// Switch is this page in the other language.
func (p page) Switch() string {
	other := msg.EN
	if p.neg.lang == msg.EN {
		other = msg.ZH
	}
	u := *p.target
	q := u.Query()
	q.Set("lang", string(other))
	u.RawQuery = q.Encode()
	return u.RequestURI()
}

// MapHref is the web app in the page's language (Chinese is its default).
func (p page) MapHref() string {
	if p.neg.lang == msg.EN {
		return "/?lang=en"
	}
	return "/"
}

// Stylesheet is where the stylesheet is.
func (p page) Stylesheet() string { return StylesheetPath }

// LinkTitle names a link by its relation in the page's language.
func (p page) LinkTitle(l ogcLink) string {
	if t, ok := p.T.LinkTitles[l.Rel]; ok {
		return t
	}
	return l.Title
}

var ogcPages = template.Must(template.New("ogc").Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="{{.T.HTMLLang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · {{.T.App}}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{.Stylesheet}}">
</head><body>
<header class="top"><a class="brand" href="{{.Link "/ogc?f=html"}}"><strong>{{.T.App}}</strong><span>{{.T.Subtitle}}</span></a>
<nav><a href="{{.Link "/ogc/collections?f=html"}}">{{.T.Collections}}</a><a href="{{.Switch}}" lang="{{if eq .T.Lang "zh"}}en{{else}}zh-CN{{end}}" title="{{.T.OtherLabel}}">{{.T.Other}}</a><a href="{{.MapHref}}">{{.T.ToMap}}</a></nav></header>
<main><ol class="crumbs">{{range .Crumbs}}<li><a href="{{$.Link .Href}}">{{.Title}}</a></li>{{end}}<li aria-current="page">{{.Title}}</li></ol>
<h1>{{.Title}}</h1>{{end}}
{{define "foot"}}</main></body></html>{{end}}
{{define "links"}}<h2>{{$.T.Links}}</h2><ul class="links">{{range .Body.Links}}<li><a href="{{$.Link .Href}}" rel="{{.Rel}}">{{$.LinkTitle .}}</a> <span class="muted">{{.Type}}</span></li>{{end}}</ul>{{end}}
{{define "landing"}}{{template "head" .}}<p>{{.Body.Intro}}</p>
<ul><li><a href="{{.Link "/ogc/collections?f=html"}}">{{.T.Collections}}</a></li><li><a href="{{.Link "/ogc/conformance?f=html"}}">{{.T.Conformance}}</a></li><li><a href="{{.Link "/ogc/api?f=html"}}">{{.T.Definition}}</a></li></ul>
{{template "links" .}}{{template "foot" .}}{{end}}
{{define "conformance"}}{{template "head" .}}<ul>{{range .Body}}<li><a href="{{.}}">{{.}}</a></li>{{end}}</ul>{{template "foot" .}}{{end}}
{{define "api"}}{{template "head" .}}<p>{{.T.DefinitionIntro}}<a href="{{.Link .Body}}">{{.Body}}</a></p>{{template "foot" .}}{{end}}
{{define "collections"}}{{template "head" .}}<div class="scroll"><table><tr><th>{{.T.ID}}</th><th>{{.T.Title}}</th><th>{{.T.Description}}</th><th>{{.T.Extent}}</th></tr>
{{range .Body.Collections}}<tr><td><a href="{{$.Link .Href}}">{{.ID}}</a></td><td>{{.Title}}</td><td class="text">{{.Description}}</td><td class="num">{{.Extent}}</td></tr>{{end}}</table></div>
{{template "links" .}}{{template "foot" .}}{{end}}
{{define "collection"}}{{template "head" .}}<p>{{.Body.Description}}</p><p>{{.T.Extent}}: {{.Body.Extent}} <span class="muted">({{.Body.CRS}})</span></p>
<p><a href="{{.Link .Body.ItemsHTML}}">{{.T.Browse}}</a> · <a href="{{.Link .Body.ItemsJSON}}">{{.T.AsGeoJSON}}</a></p>{{template "links" .}}{{template "foot" .}}{{end}}
{{define "table"}}{{if .Rows}}<div class="scroll"><table><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td{{if .Class}} class="{{.Class}}"{{end}}>{{if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}</td>{{end}}</tr>{{end}}</table></div>{{end}}{{end}}
{{define "pager"}}<div class="pager"><span>{{.Body.Showing}}{{if .Body.Period}} · {{.T.Period}} {{.Body.Period}}{{end}}</span>{{if .Body.Prev}}<a href="{{.Link .Body.Prev}}" rel="prev">{{.T.Prev}}</a>{{end}}{{if .Body.Next}}<a href="{{.Link .Body.Next}}" rel="next">{{.T.Next}}</a>{{end}}</div>{{end}}
{{define "items"}}{{template "head" .}}{{template "pager" .}}{{if .Body.Table.Rows}}{{template "table" .Body.Table}}{{else}}<p>{{.T.NoFeatures}}</p>{{end}}{{template "pager" .}}{{template "links" .}}{{template "foot" .}}{{end}}
{{define "item"}}{{template "head" .}}{{if .Body.Period}}<p>{{.T.Period}} {{.Body.Period}}</p>{{end}}{{template "table" .Body.Table}}{{template "links" .}}{{template "foot" .}}{{end}}
`))

// renderPage writes the named page.
func renderPage(c echo.Context, neg negotiation, name string, p page) error {
	p.T, p.neg, p.target = pageTexts[neg.lang], neg, c.Request().URL
	var buf bytes.Buffer
	if err := ogcPages.ExecuteTemplate(&buf, name, p); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Language", p.T.HTMLLang)
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// home and collectionsCrumb lead back up from a page.
func home(t pageText) crumb { return crumb{t.Home, "/ogc?f=html"} }

func collectionsCrumb(t pageText) crumb { return crumb{t.Collections, "/ogc/collections?f=html"} }

// extentText is a bounding box as a reader sees it.
func extentText(b [4]float64) string {
	parts := make([]string, 4)
	for i, v := range b {
		parts[i] = strconv.FormatFloat(v, 'f', 4, 64)
	}
	return strings.Join(parts, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }
