// Package charts builds ECharts options for the comparison views with
// go-echarts: ranking bars against the target, the scorecard heatmap, a
// radar of one region against the city, trend lines and box plots. Each
// chart is served both as its option JSON (for the web app, which renders
// it with the same ECharts) and as a standalone HTML page (see Page) whose
// scripts come from the embedded copy of ECharts (see Assets), never a CDN.
package charts

import (
	"bytes"
	"embed"
	"encoding/json"

	"github.com/community-atlas/atlas/analytics"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Assets holds echarts.min.js (npm echarts 5.4.3, Apache-2.0), its
// licence files, and the script of chart pages (PageScript).
//
//go:embed assets/echarts.min.js assets/LICENSE.echarts assets/NOTICE.echarts assets/chart-page.js
var Assets embed.FS

// AssetsPath is where the server serves Assets' files; chart pages load
// echarts.min.js from there.
const AssetsPath = "/vendor/echarts/"

// Colours for met and unmet values, and the target line.
const (
	colourMet    = "#1a9850"
	colourUnmet  = "#d73027"
	colourTarget = "#4d4d4d"
	colourCity   = "#7570b3"
)

// Chart is a built chart: its option for ECharts.
type Chart interface {
	Validate()
	JSON() map[string]any
}

// Option returns the chart's ECharts option as JSON.
func Option(c Chart) ([]byte, error) {
	c.Validate()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c.JSON()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Lang picks Chinese (the default) or English labels.
type Lang string

// The languages.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

func (l Lang) text(t analytics.Text) string {
	if l == EN {
		return t.EN
	}
	return t.ZH
}

func (l Lang) pick(zh, en string) string {
	if l == EN {
		return en
	}
	return zh
}

// page is the canvas and page set-up shared by every chart.
func page(title string) opts.Initialization {
	return opts.Initialization{PageTitle: title, AssetsHost: AssetsPath, Width: pageWidth, Height: pageHeight, Theme: "white"}
}

// missing is ECharts' marker for a missing value.
const missing = "-"
