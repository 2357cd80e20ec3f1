package charts

import (
	"bytes"
	"encoding/json"
	"html/template"
)

// Size of a chart on its page.
const (
	pageWidth  = "960px"
	pageHeight = "560px"
)

// PageScript draws a chart page: it reads the option from the page's JSON
// data block and hands it to ECharts. Both scripts are files under
// AssetsPath, so a page runs under a content security policy that forbids
// inline script.
const PageScript = "chart-page.js"

// pageTemplate is a chart page. The empty icon saves a request for
// /favicon.ico, which the service does not have. html/template escapes the title; the
// option is JSON with <, > and & escaped (\u003c…), so a name holding
// "</script>" cannot end the data block.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="icon" href="data:,">
<script src="{{.Assets}}echarts.min.js" defer></script>
<script src="{{.Assets}}{{.Script}}" defer></script>
<style>body{margin:30px 0 0;display:flex;justify-content:center}</style>
</head>
<body>
<div id="chart" style="width:{{.Width}};height:{{.Height}}"></div>
<script type="application/json" id="chart-option">{{.Option}}</script>
</body>
</html>
`))

// Page renders the chart as a standalone HTML page without inline script.
func Page(c Chart, lang Lang) ([]byte, error) {
	c.Validate()
	var opt bytes.Buffer
	if err := json.NewEncoder(&opt).Encode(c.JSON()); err != nil { // HTML escaping on
		return nil, err
	}
	var head struct {
		Title struct{ Text string }
	}
	if err := json.Unmarshal(opt.Bytes(), &head); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err := pageTemplate.Execute(&buf, map[string]any{
		"Lang": string(lang), "Title": head.Title.Text, "Assets": AssetsPath, "Script": PageScript,
		"Width": pageWidth, "Height": pageHeight,
		"Option": template.JS(bytes.TrimSpace(opt.Bytes())), // escaped above: safe as is
	})
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
