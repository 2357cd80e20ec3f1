package brief

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// HTML writes the brief as a print-ready page: A4, the embedded font as a
// data URL (the page needs nothing else), the map and chart as inline SVG
// drawn by the same code as the PDF's.
func (b *Brief) HTML(w io.Writer) error {
	var m, d strings.Builder
	fmt.Fprintf(&m, `<svg viewBox="0 0 %g %g" width="%gmm" height="%gmm" role="img">`+"\n", bodyW, mapH, bodyW, mapH)
	drawMap(svgCanvas{&m}, b.Map, bodyW, mapH)
	m.WriteString("</svg>")
	dh := 4.4 * float64((len(b.Depts)+1)/2)
	fmt.Fprintf(&d, `<svg viewBox="0 0 %g %g" width="%gmm" height="%gmm" role="img">`+"\n", bodyW, dh, bodyW, dh)
	drawDepts(svgCanvas{&d}, b.Depts, bodyW)
	d.WriteString("</svg>")
	rows := make([][]string, len(b.Weakest))
	for i, s := range b.Weakest {
		rows[i] = shortfallCells(s)
	}
	h := b.Headline
	return page.Execute(w, map[string]any{
		"B": b, "Title": b.title(), "Subtitle": b.subtitle(), "Footer": b.footer(),
		"Cells": [][2]string{{headMet, metLine(h.Met, h.Judged)}, {headRank, h.rankLine()}, {headChange, h.changeLine()}},
		"Map":   template.HTML(m.String()), "Depts": template.HTML(d.String()),
		"HeadWeakest": headWeakest, "HeadDepts": headDepts, "Headers": headers(), "Rows": rows, "None": noWeakness,
		"Font": template.URL("data:font/ttf;base64," + base64.StdEncoding.EncodeToString(fontTTF)), "Family": fontFamily,
	})
}

var page = template.Must(template.New("brief").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
@font-face { font-family: "{{.Family}}"; src: url("{{.Font}}") format("truetype"); }
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "{{.Family}}", serif; color: #222; margin: 0 auto; width: 182mm; }
h1 { font-size: 18pt; margin: 8mm 0 1mm; font-weight: normal; }
.sub { color: #666; font-size: 9.5pt; border-bottom: 0.4mm solid #222; padding-bottom: 1.5mm; }
.head { display: flex; gap: 1mm; margin: 4mm 0 3mm; }
.head div { flex: 1; background: #f2f4f7; padding: 1.5mm 2.5mm; }
.head small { color: #666; font-size: 8.5pt; display: block; }
.head b { font-weight: normal; font-size: 10.5pt; }
h2 { font-size: 11.5pt; font-weight: normal; margin: 4mm 0 1.5mm; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
th { background: #e6e9ef; color: #666; font-weight: normal; text-align: left; }
th, td { padding: 1.2mm 1mm; border-bottom: 0.15mm solid #ddd; }
td:nth-child(2), td:nth-child(3), td:nth-child(4) { white-space: nowrap; }
footer { color: #666; font-size: 7.5pt; margin-top: 4mm; }
svg { display: block; }
@media print { body { width: auto; } h1 { margin-top: 0; } }
</style></head>
<body>
<h1>{{.Title}}</h1>
<div class="sub">{{.Subtitle}}</div>
<div class="head">{{range .Cells}}<div><small>{{index . 0}}</small><b>{{index . 1}}</b></div>{{end}}</div>
{{.Map}}
<h2>{{.HeadWeakest}}</h2>
{{if .Rows}}<table><tr>{{range .Headers}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table>{{else}}<p>{{.None}}</p>{{end}}
<h2>{{.HeadDepts}}</h2>
{{.Depts}}
<footer>{{.Footer}}</footer>
</body></html>
`))
